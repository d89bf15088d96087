"""Hostile text in content is rendered as harmless text: proven on the generated HTML and in Chromium."""
from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from browser import serve
from conftest import MINI, run_cli
from generator.text import plain, rich

PAYLOADS = [
    "<script>window.__pwned=1;alert(1)</script>",
    "<img src=x onerror=\"window.__pwned=1;alert(1)\">",
    "<svg onload=\"window.__pwned=1;alert(1)\"></svg>",
    "<svg><script>window.__pwned=1;alert(1)</script></svg>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<a href=\"javascript:alert(1)\">klik</a>",
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klik](&#106;avascript:alert(1))",
    "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
    "![x](x \"onerror=alert(1)\")",
    "<body onload=alert(1)>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<details open ontoggle=\"window.__pwned=1;alert(1)\">x</details>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "{{ config }} {% include 'x' %} {{ 7*7 }}",
    "[klik](#){: onclick=\"alert(1)\" }",
    "<object data=\"javascript:alert(1)\"></object>",
    "<input autofocus onfocus=\"window.__pwned=1;alert(1)\">",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<scr<script>ipt>alert(1)</script>",
    "</title><script>window.__pwned=1;alert(1)</script>",
    "\" onmouseover=\"window.__pwned=1\" x=\"",
]


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_rich_text_keeps_no_script(payload):
    html = rich(payload)
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag in {"p", "a", "em", "strong", "code", "ul", "ol", "li", "br", "blockquote", "pre"}, (payload, html)
        assert not any(name.startswith("on") or name == "style" for name in attrs), (payload, html)
        href = (attrs.get("href") or "").strip().lower()
        assert not href.startswith(("javascript:", "data:", "vbscript:")), (payload, html)
    assert "{" not in html and "}" not in html  # no template or attribute-list syntax survives as syntax


@pytest.mark.parametrize("payload", PAYLOADS)
def test_plain_text_is_escaped(payload):
    out = plain(payload)
    assert "<" not in out and ">" not in out and "{{" not in out and "[" not in out.replace("\\[", "")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    content = root / "content"
    shutil.copytree(MINI, content)
    project = yaml.safe_load((content / "projects" / "minimacontract-achterhoek.yml").read_text(encoding="utf-8"))
    joined = " ".join(PAYLOADS)
    project.update({
        "title": PAYLOADS[-2],
        "summary": PAYLOADS[-1] + " " + PAYLOADS[1],
        "description": "\n\n".join(PAYLOADS),
        "partners": PAYLOADS[:10],
        "notes": joined[:5000],
        "goals": PAYLOADS[5:9],
        "funding": PAYLOADS[15],
    })
    (content / "projects" / "vijandig.yml").write_text(yaml.safe_dump(project, allow_unicode=True), encoding="utf-8")
    result = run_cli("--content", str(content), "--out", str(root), "build")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_no_script_runs_and_no_dialog_opens(hostile_site, chromium_browser):
    browser = chromium_browser
    with serve(hostile_site) as base:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for url in ("projecten/vijandig/", "projecten/", "regios/achterhoek/", "themas/minima/", "nieuw/"):
            page.goto(base + url)
            page.wait_for_timeout(200)
            assert page.evaluate("window.__pwned") is None, url
        page.goto(base + "projecten/vijandig/")
        text = page.locator("article").inner_text()
        assert "</title><script>window.__pwned=1;alert(1)</script>" in text  # shown as text, not run
        assert page.title().startswith("</title><script>")
        assert page.locator('meta[name="description"]').get_attribute("content").startswith('" onmouseover=')
        for link in page.locator("article a").all():
            href = (link.get_attribute("href") or "").lower()
            assert not href.startswith(("javascript:", "data:")), href
        assert dialogs == []
        page.close()
