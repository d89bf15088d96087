"""Content-Security-Policy (issue #12, item 12): every built page carries a policy without 'unsafe-inline' that
allows exactly the inline scripts and styles it holds; Chromium reports no violation on any page kind."""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from browser import PAGE_KINDS, open_page
from generator.csp import inline_parts, inline_problems, with_policy

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def directives(html: str) -> dict[str, list[str]]:
    found = META.findall(html)
    assert len(found) == 1, "one policy per page"
    return {part.split()[0]: part.split()[1:] for part in found[0].split("; ")}


def test_policy_lists_the_hashes_of_what_the_page_holds():
    html = ('<html><head><meta charset="utf-8"><title>x</title><script>a&&b()</script>'
            '<script type="application/ld+json">{"@type": "Thing"}</script><style>p{color:red}</style></head>'
            '<body><span style="width: 40%"></span><script src="x.js"></script></body></html>')
    out = with_policy(html)
    assert out.startswith('<html><head><meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy"')
    policy = directives(out)
    assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'", sha("a&&b()")]  # JSON-LD never runs: no hash
    assert policy["style-src"] == ["'self'", "'unsafe-hashes'", *sorted([sha("p{color:red}"), sha("width: 40%")])]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in out and "'unsafe-eval'" not in out
    assert with_policy(out) == out  # applied once


def test_handlers_and_javascript_urls_are_problems():
    assert inline_problems('<a href=" JaVa\tscript:alert(1)">x</a><img src=x onerror="alert(1)">') == [
        "<a href=javascript:…>", "<img onerror=…>"]
    assert inline_problems('<a href="https://example.org/">x</a>') == []


def test_every_built_page_has_a_policy_covering_its_inline_code(real_site):
    """Fails the moment a page holds an inline script or style its policy does not allow (say, HTML written
    into site/ past MkDocs), or an event handler, which no policy here allows."""
    site = real_site / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 500
    for path in pages:
        html = path.read_text(encoding="utf-8")
        where = path.relative_to(site).as_posix()
        assert re.match(r'\s*<!doctype html>\s*<html[^>]*>\s*<head>\s*<meta charset="utf-8">\s*<meta http-equiv="Content-'
                        r'Security-Policy"', html, re.I), f"{where}: the policy is not first in <head>"
        policy = directives(html)
        found = inline_parts(html)
        for script in found.scripts:
            assert sha(script) in policy["script-src"], f"{where}: inline script not allowed: {script[:60]}"
        for style in found.styles + found.style_attributes:
            assert sha(style) in policy["style-src"], f"{where}: inline style not allowed: {style[:60]}"
        assert found.handlers == [], f"{where}: {found.handlers}"
        assert all("unsafe-inline" not in value for values in policy.values() for value in values), where


VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ""}`));
"""


def _violations(page) -> list[str]:
    return page.evaluate("window.__csp")


def _watched(browser):
    page = browser.new_page()
    page.add_init_script(VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text)
            if "Content Security Policy" in message.text else None)
    return page, console


@pytest.mark.parametrize("kind", list(PAGE_KINDS) + ["404"])
def test_no_violation_in_chromium(served_site, kind):
    base, browser = served_site
    page, console = _watched(browser)
    try:
        if kind == "404":
            response = page.goto(base + "bestaat-niet/")
            assert response is not None and response.status == 404
            page.wait_for_load_state("networkidle")
        else:
            open_page(page, base, PAGE_KINDS[kind])
        if kind == "finder":
            assert page.locator("#zoeker-uitkomst[data-gezocht]").count() == 1  # the finder ran and searched
        if kind in {"home", "project"}:
            assert page.evaluate("typeof __md_get") == "function"  # Material's inline head script ran
        assert _violations(page) == [], kind
        assert console == [], kind
    finally:
        page.close()


def test_redirect_page_runs_under_the_policy(mini_site, chromium_browser):
    """The fixture has an alias (the real content has none yet): its redirect page's inline script runs."""
    from browser import serve

    with serve(mini_site) as base:
        page, console = _watched(chromium_browser)
        try:
            page.goto(base + "projecten/afstemmen-wmo-zvw-alblasserwaard/")
            page.wait_for_url("**/projecten/afstemmen-op-specifiek-thema-alblasserwaard-vijfheerenlanden/")
            page.wait_for_load_state("networkidle")
            assert _violations(page) == [] and console == []
        finally:
            page.close()


def test_the_watch_sees_a_violation(chromium_browser, tmp_path):
    """The check above can fail: an inline script the policy does not list is blocked and reported."""
    from browser import serve

    html = with_policy('<!doctype html><html><head><meta charset="utf-8"><script>window.ok=1</script></head>'
                       '<body><p>x</p></body></html>')
    (tmp_path / "index.html").write_text(html.replace("</body>", "<script>window.bad=1</script></body>"))
    with serve(tmp_path) as base:
        page, console = _watched(chromium_browser)
        try:
            page.goto(base)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("[window.ok, window.bad]") == [1, None]
            assert [v.split()[0] for v in _violations(page)] == ["script-src-elem"]
            assert len(console) == 1
        finally:
            page.close()
