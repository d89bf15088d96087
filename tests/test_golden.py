"""Golden files: the Markdown generated from the fixture catalogue, byte for byte.

After an intended change: `UPDATE_GOLDEN=1 pytest tests/test_golden.py`, then review `git diff tests/golden`.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import MINI, ROOT
from generator.build import Paths, generate

GOLDEN = ROOT / "tests" / "golden" / "mini"


def generated(tmp_path: Path) -> dict[str, str]:
    paths = Paths.at(ROOT, MINI, tmp_path)
    result = generate(paths)
    assert not result.diagnostics, result.diagnostics.render()
    return {p.relative_to(paths.docs).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(paths.docs.rglob("*.md"))}


def test_generated_markdown_matches_golden_files(tmp_path):
    files = generated(tmp_path)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, text in files.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, encoding="utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in sorted(GOLDEN.rglob("*.md"))}
    assert sorted(files) == sorted(expected), "pages added or removed: run with UPDATE_GOLDEN=1 and review"
    for name in files:
        assert files[name] == expected[name], f"{name} differs from tests/golden/mini/{name}"


def test_generation_is_deterministic_and_writes_only_changes(tmp_path):
    paths = Paths.at(ROOT, MINI, tmp_path)
    first = generate(paths).report
    assert first.written and not first.removed
    second = generate(paths).report
    assert second.written == [] and second.removed == [] and second.unchanged == len(first.written)


def test_stale_pages_are_removed(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    paths = Paths.at(ROOT, content, tmp_path)
    generate(paths)
    (content / "projects" / "minimacontract-achterhoek.yml").unlink()
    report = generate(paths).report
    assert "projecten/minimacontract-achterhoek.md" in report.removed
    assert not (paths.docs / "projecten" / "minimacontract-achterhoek.md").exists()
    # pages that list the project changed too, and only those were rewritten
    assert "projecten/index.md" in report.written and "regios/achterhoek.md" in report.written
    assert "regios/alblasserwaard-vijfheerenlanden.md" not in report.written
