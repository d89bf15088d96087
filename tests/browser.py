"""Helpers for the browser tests: a local HTTP server for a built site and Debian's Chromium via Playwright."""
from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """Serve `folder` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


# One page of every page kind, for the privacy and accessibility tests. Add a kind here and both test it.
PAGE_KINDS = {
    "home": "",
    "project": "projecten/minimacontract-groningen/",
    "project index": "projecten/",
    "region": "regios/achterhoek/",
    "theme": "themas/minima/",
    "topic": "onderwerpen/armoede/",
    "topic index": "onderwerpen/",
    "municipality": "gemeenten/molenlanden/",
    "insurer": "verzekeraars/menzis/",
    "source": "bronnen/inventarisatie-2017/",
    "glossary": "uitleg/",
    "finder": "zoeken/?q=schulden&thema=minima",
    "overview": "overzicht/",
    "map": "kaart/",
    "data": "data/",
    "guide": "handreiking/",
    "guide page": "handreiking/01-inleiding/",
    "new": "nieuw/",
    "about": "over/",
    "accessibility": "toegankelijkheid/",
    "contribute": "bijdragen/",
}
ALL_KINDS = list(PAGE_KINDS)


def page_kinds(site: Path) -> dict[str, str]:
    return dict(PAGE_KINDS)


def open_page(page, base: str, path: str) -> None:
    """Go to a page and wait until it has settled (the search page until its results are shown)."""
    response = page.goto(base + path)
    assert response is not None and response.status == 200, path
    if path.startswith("zoeken/"):
        page.wait_for_selector("#zoeker-uitkomst[data-gezocht]", timeout=20000)
    page.wait_for_load_state("networkidle")


def wait_until(page, expression: str, timeout: float = 30.0) -> None:
    """Wait until a JavaScript expression is true in the page. Not page.wait_for_function: its polling compiles
    the string inside the page, which the site's Content-Security-Policy forbids ('unsafe-eval'), so it fails
    whenever the condition is not already true; page.evaluate goes through the browser's debugging protocol."""
    import time

    end = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {expression}")
        page.wait_for_timeout(50)
