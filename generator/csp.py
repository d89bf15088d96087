"""Content-Security-Policy: a `<meta http-equiv>` policy for every built page, from what that page contains.

In:  the finished HTML of one page (MkDocs' output, see mkdocs_hooks.on_post_page).
Out: the same HTML with the policy as the first element after `<meta charset>`.

    >>> html = with_policy('<head><meta charset="utf-8"><script>go()</script></head>')
    >>> "script-src 'self' 'sha256-" in html
    True

GitHub Pages sends no headers, so the policy travels in the page. Scripts may come only from the site itself
or be one of the inline scripts this page holds (by SHA-256 hash, computed here, so a script another template
adds later is covered without anyone listing it); the same goes for <style> elements and style="" attributes
(CSP3 'unsafe-hashes'). Event-handler attributes and javascript: addresses have no place in this policy: they
never run (`inline_problems` lets a test fail on them). No 'unsafe-inline', no 'unsafe-eval'; WebAssembly (the
Pagefind search) needs 'wasm-unsafe-eval', which allows compiling wasm, not running strings as script.
"""
from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Types that make a <script> a data block (JSON, JSON-LD, templates): browsers never run those, CSP ignores them.
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript",
                 "application/ecmascript", "text/jscript", "text/livescript", "application/x-javascript"}
META_NAME = "Content-Security-Policy"


@dataclass
class Inline:
    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)  # <style> elements
    style_attributes: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)  # onclick="…" and the like, javascript: URLs


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)  # script and style text is hashed exactly as written
        self.found = Inline()
        self._open: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        self._attributes(tag, attrs)
        if tag == "script":
            kind = (dict(attrs).get("type") or "").strip().lower()
            executable = kind in _SCRIPT_TYPES and "src" not in dict(attrs)
            self._open = ("script", []) if executable else ("data", [])
        elif tag == "style":
            self._open = ("style", [])

    def handle_startendtag(self, tag, attrs):
        self._attributes(tag, attrs)

    def _attributes(self, tag, attrs):
        for name, value in attrs:
            if name == "style" and value is not None:
                self.found.style_attributes.append(value)
            elif name.startswith("on"):
                self.found.handlers.append(f"<{tag} {name}=…>")
            elif name in {"href", "src", "action", "formaction"} and value and \
                    re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith("javascript:"):
                self.found.handlers.append(f"<{tag} {name}=javascript:…>")

    def handle_data(self, data):
        if self._open:
            self._open[1].append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")

    def handle_endtag(self, tag):
        if self._open and tag in ("script", "style"):
            kind, parts = self._open
            text = "".join(parts)
            if kind == "script":
                self.found.scripts.append(text)
            elif kind == "style":
                self.found.styles.append(text)
            self._open = None


# The build's own reading of a page: three regular expressions, about fifty times faster than an HTML parser
# over a thousand pages. They may find more than the browser runs (a script inside a comment, "style=" in
# text); that only adds a hash that allows nothing else. They read tags and attribute names in lower case, as
# every producer of these pages writes them (our templates, Material's, the sanitiser nh3): an upper-case
# <SCRIPT> or STYLE= would get no hash, so the browser would not run it (the policy fails closed).
# tests/test_csp.py checks them against `inline_parts` on every built page.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S)
_STYLE_ATTRIBUTE = re.compile(r"""style\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")  # after \s, " or '
_BEFORE_ATTRIBUTE = frozenset(" \t\n\r\f\v\"'")
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)


def _fast_parts(html: str) -> Inline:
    import html as entities

    found = Inline()
    for match in _SCRIPT.finditer(html):
        attributes = match.group(1)
        kind = _TYPE.search(attributes)
        if not _SRC.search(attributes) and (kind.group(1).lower() if kind else "") in _SCRIPT_TYPES:
            found.scripts.append(match.group(2))
    found.styles = [match.group(1) for match in _STYLE.finditer(html)]
    # A literal search for "style", then the expression at each hit: an expression that starts with a character
    # class (or ignores case) tries every position of the page, which was most of this function's time.
    start = 0
    while (start := html.find("style", start)) >= 0:
        match = _STYLE_ATTRIBUTE.match(html, start) if start and html[start - 1] in _BEFORE_ATTRIBUTE else None
        if match:
            value = next(group for group in match.groups() if group is not None)
            found.style_attributes.append(entities.unescape(value))
            start = match.end()
        else:
            start += 5
    return found


def inline_parts(html: str) -> Inline:
    """Everything inline, as an HTML parser reads it (thorough, for checks; the build uses _fast_parts)."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.found


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(found: Inline) -> str:
    scripts = sorted({_hash(s) for s in found.scripts})
    styles = sorted({_hash(s) for s in found.styles + found.style_attributes})
    style_src = ["'self'"] + (["'unsafe-hashes'"] if found.style_attributes else []) + styles
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", "'wasm-unsafe-eval'", *scripts]),
        "style-src " + " ".join(style_src),
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


_CHARSET = re.compile(r"<meta charset=[\"']?[\w-]+[\"']?\s*/?>", re.I)


def with_policy(html: str) -> str:
    """`html` with its policy inserted first in <head> (after the charset, which must stay in the first bytes);
    a page that already has one is returned unchanged."""
    if f'http-equiv="{META_NAME}"' in html:
        return html
    meta = f'<meta http-equiv="{META_NAME}" content="{policy(_fast_parts(html))}">'
    charset = _CHARSET.search(html)
    if charset:
        return html[:charset.end()] + "\n    " + meta + html[charset.end():]
    head = re.search(r"<head[^>]*>", html, re.I)
    if head:
        return html[:head.end()] + meta + html[head.end():]
    return html  # not a page (a fragment): nothing to protect


def inline_problems(html: str) -> list[str]:
    """What no hash can allow: event-handler attributes and javascript: addresses."""
    return inline_parts(html).handlers
