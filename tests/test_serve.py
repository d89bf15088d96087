"""`catalogus serve`: starts from nothing (no build/ folder, as in a fresh clone), shows content errors in the
browser instead of the site, and comes back by itself when the file is fixed; no request hangs (issue #12, item 1).
"""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT
from generator.preview import error_page

BROKEN = "content/projects/minimacontract-achterhoek.yml:8: themes[0]: 'minimma' is not a theme; did you mean 'minima'?"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    """Status and body; a request that hangs fails the test (timeout) instead of waiting forever."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _until(url: str, wanted, seconds: float = 120) -> tuple[int, str]:
    end = time.monotonic() + seconds
    last = (0, "")
    while time.monotonic() < end:
        try:
            last = _get(url)
        except (urllib.error.URLError, ConnectionError):
            last = (0, "not listening yet")
        if wanted(*last):
            return last
        time.sleep(0.5)
    raise AssertionError(f"{url} never gave the expected page; last: {last[0]} {last[1][:300]}")


@pytest.fixture
def preview(mini_copy: Path, tmp_path: Path):
    project = mini_copy / "projects" / "minimacontract-achterhoek.yml"
    project.write_text(project.read_text().replace("themes: [minima]", "themes: [minimma]"))
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(ROOT), "--content", str(mini_copy),
         "--out", str(tmp_path / "out"), "serve", "--addr", f"127.0.0.1:{port}"],
        cwd=mini_copy.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield f"http://127.0.0.1:{port}/samenwerkingscatalogus/", project, server
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_preview_shows_errors_then_the_site(preview):
    base, project, server = preview
    status, body = _until(base, lambda status, body: "in de inhoud" in body)
    assert body == error_page([BROKEN])  # every page is the error page, with the line as `check` prints it
    status, body = _get(base + "projecten/")
    assert "1 fout in de inhoud" in body and "&#39;minimma&#39; is not a theme" in body

    project.write_text(project.read_text().replace("themes: [minimma]", "themes: [minima]"))
    status, body = _until(base + "projecten/", lambda status, body: status == 200 and "<h1" in body
                          and "in de inhoud" not in body)
    assert "Minimacontract" in body

    project.write_text(project.read_text().replace("title: Minimacontract", "title: [Minimacontract"))
    status, body = _until(base + "projecten/", lambda status, body: "in de inhoud" in body)
    assert "content/projects/minimacontract-achterhoek.yml:2: YAML syntax error:" in body
    assert server.poll() is None  # still serving


def test_error_page_escapes_what_it_shows():
    page = error_page(["content/handreiking/<img src=x onerror=alert(1)>.md: file name is not a valid id"])
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert '<meta http-equiv="refresh" content="2">' in page
