"""The synthetic catalogue generator (benchmarks/synth.py) writes valid content, the same bytes every time."""
from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT, run_cli

sys.path.insert(0, str(ROOT / "benchmarks"))

import synth  # noqa: E402


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_synthetic_catalogue_is_valid_and_deterministic(tmp_path: Path):
    first = synth.write_catalogue(50, tmp_path / "a")
    second = synth.write_catalogue(50, tmp_path / "b")
    files = _files(first)
    assert files == _files(second)
    assert len([name for name in files if name.startswith("projects/")]) == 50
    result = run_cli("--content", str(first), "check")
    assert result.returncode == 0, result.stderr
    assert "ok: 50 projects, 48 regions" in result.stdout


def test_a_larger_catalogue_starts_with_the_smaller_one(tmp_path: Path):
    small = _files(synth.write_catalogue(5, tmp_path / "small"))
    large = _files(synth.write_catalogue(8, tmp_path / "large"))
    small.pop(synth.MARKER), large.pop(synth.MARKER)  # it records n
    assert {k: v for k, v in large.items() if k in small} == small
    assert len(large) == len(small) + 3


def test_refuses_to_overwrite_a_folder_it_did_not_write(tmp_path: Path):
    (tmp_path / "keep.txt").write_text("mine")
    try:
        synth.write_catalogue(1, tmp_path)
    except SystemExit as exc:
        assert "refusing" in str(exc)
    else:
        raise AssertionError("overwrote a foreign folder")
    assert (tmp_path / "keep.txt").read_text() == "mine"
