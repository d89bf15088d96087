"""Shared fixtures: the fixture catalogue, a copy helper for broken variants, and one real site build per session."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
# "Today" for the freshness notices, pinned so golden files and double builds never depend on the clock;
# subprocess builds inherit it.
TODAY = "2026-12-01"
os.environ["CATALOGUS_TODAY"] = TODAY


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


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Path:
    """The fixture catalogue built once with `catalogus build`; returns the site folder."""
    out = tmp_path_factory.mktemp("mini")
    result = run_cli("--content", str(MINI), "--out", str(out), "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "site"


@pytest.fixture(scope="session")
def chromium_browser():
    """One Chromium for the whole session (Playwright's sync API allows one running instance at a time)."""
    from browser import chromium

    with chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def served_site(real_site, chromium_browser):
    """One local server for the real site, with the session's Chromium: (base URL, browser)."""
    from browser import serve

    with serve(real_site / "site") as base:
        yield base, chromium_browser
