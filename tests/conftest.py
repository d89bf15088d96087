"""Shared fixtures: the fixture catalogue, a copy helper for broken variants, and one real site build per session."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture catalogue, to break on purpose."""
    target = tmp_path / "content"
    shutil.copytree(MINI, target)
    return target


def run_cli(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          input=stdin)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real content/ built once with `catalogus build` (MkDocs --strict) into a temporary folder."""
    out = tmp_path_factory.mktemp("real")
    result = run_cli("--out", str(out), "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return out
