"""Material's page template once per folder, filled in per page (used by mkdocs_hooks.py only).

Every project, region, theme, ... page is outside the navigation, so everything Material's `base.html` prints
around its body is the same for every page of its folder except a handful of per-page values: the front
matter's title, description, JSON-LD and source file, the canonical address, the body, the table of contents
and the skip link's target. Rendering the whole template (header, footer, navigation, configuration, the
language macros) for each of 10,000 pages is most of what MkDocs still costs.

So the template is rendered once per *shape* with a stand-in page whose per-page values are markers, and cut
at the markers into a shell; each further page of that shape is the shell joined with its own values (and its
table of contents, which is the original `partials/toc.html` rendered for it). A marker shows how it was
printed: as is (`&`) or HTML-escaped (`&amp;`), so the page's value is printed the same way.

The shape is everything else a template could branch on: the folder (relative links), whether the page is the
home page, every front matter key with its value (with only the truthiness of the four per-page texts), whether
the page has a table of contents and its first level, and whether the body has an `<h1` (Material's
content.html prints a title when it has none). A shell is used only after it reproduced, byte for byte, the
full render of the first two pages of its shape (the second one shows any per-page value this module does not
know of: it would still be the first page's); otherwise that shape is always rendered in full. The built site
is byte-identical with and without shells (tests/test_speed.py).

    >>> shells = Shells(toc_template)
    >>> html = shells.render(template, context_vars, page, folder)
"""
from __future__ import annotations

import copy
import re
from typing import Any

from markupsafe import Markup, escape

TEXT_FIELDS = ("title", "description", "jsonld", "source")  # front matter keys that differ per page
CONTENT_PROBES = ("<h1",)  # substrings Material's templates test the body for
_MARK = re.compile("\x00cat:([a-z]+)[^&\x00]*(&|&amp;)\x00")  # name, what the template tests for, how printed
_DISABLED = "disabled"
CAPTURE = "catalogus_shell_capture"  # in a stand-in render: where partials/toc.html leaves its context


def _marker(name: str, probes: str = "") -> str:
    return f"\x00cat:{name}{probes}&\x00"


class _StandInItem:
    """The first entry of a stand-in table of contents: only its address is per page."""

    def __init__(self, level: int):
        self.url = _marker("skip")
        self.level = level
        self.title = _marker("skiptitle")
        self.children: list = []


class Shells:
    def __init__(self, toc_template):
        self.toc_template = toc_template  # the original partials/toc.html
        self.shapes: dict[tuple, Any] = {}  # shape -> (pieces, captured toc context, pages verified) or _DISABLED
        self.filled = 0  # pages made from a shell (the rest were rendered in full)

    def counts(self) -> tuple[int, int, int]:
        """Pages filled in, shells in use, shapes rendered in full."""
        disabled = sum(1 for state in self.shapes.values() if state == _DISABLED)
        return self.filled, len(self.shapes) - disabled, disabled

    def shape(self, page, folder: str) -> tuple | None:
        meta = page.meta or {}
        if not isinstance(meta.get("title"), str) or not isinstance(page.content, str):
            return None
        items = []
        for key, value in sorted(meta.items(), key=lambda kv: str(kv[0])):
            if key in TEXT_FIELDS:
                if value and not isinstance(value, str):
                    return None
                items.append((key, bool(value)))
            else:
                try:
                    hash(value)
                except TypeError:
                    value = repr(value)
                items.append((key, value))
        first = _first(page.toc)
        canonical = page.canonical_url
        if canonical is not None and not isinstance(canonical, str):
            return None
        return (folder, bool(page.is_homepage), tuple(items), first.level if first else None, canonical is None,
                tuple(probe in page.content for probe in CONTENT_PROBES))

    def render(self, template, variables: dict, page, folder: str) -> str:
        shape = self.shape(page, folder)
        state = self.shapes.get(shape, None) if shape is not None else _DISABLED
        if state == _DISABLED:
            return template.render(variables)
        if state is not None and state[2] >= 2:
            self.filled += 1
            return self._fill(state, variables, page)
        full = template.render(variables)
        if state is None:
            state = self._shell(template, variables, page)
        if state is not None and self._fill(state, variables, page) == full:
            self.shapes[shape] = (state[0], state[1], state[2] + 1)
        else:
            self.shapes[shape] = _DISABLED
        return full

    def _shell(self, template, variables: dict, page) -> tuple | None:
        stand_in = copy.copy(page)
        meta = dict(page.meta)
        for key in TEXT_FIELDS:
            if meta.get(key):
                meta[key] = _marker(key)
        stand_in.meta = meta
        stand_in.content = _marker("content", "".join(p for p in CONTENT_PROBES if p in page.content))
        stand_in.canonical_url = _marker("canonical") if page.canonical_url is not None else None
        stand_in.toc = [_StandInItem(_first(page.toc).level)] if _first(page.toc) else []
        captured: dict = {}
        html = template.render({**variables, "page": stand_in, CAPTURE: captured})
        pieces = _MARK.split(html)  # literal, name, how, literal, name, how, ..., literal
        if "\x00" in "".join(pieces[0::3]) or "context" not in captured:
            return None  # a marker went through a filter this module does not know
        return pieces, captured["context"], 0

    def _fill(self, state, variables: dict, page) -> str:
        pieces, toc_context, _ = state
        values = {key: page.meta.get(key) or "" for key in TEXT_FIELDS}
        values["canonical"] = page.canonical_url or ""
        values["content"] = page.content
        first = _first(page.toc)
        values["skip"] = first.url if first else ""
        values["skiptitle"] = first.title if first else ""
        values["toc"] = self.toc_template.render({**toc_context, "page": page, CAPTURE: None})
        out = [pieces[0]]
        for i in range(1, len(pieces), 3):
            value = values[pieces[i]]
            out.append(value if pieces[i + 1] == "&" else str(escape(value)))
            out.append(pieces[i + 2])
        return "".join(out)


def _first(toc):
    return next(iter(toc), None) if toc else None


def toc_wrapper(original: str) -> str:
    """The source served as partials/toc.html: a marker in a stand-in render, the original partial otherwise."""
    return ("{%- set marker = catalogus_toc_marker() -%}{%- if marker is none -%}"
            f"{{% include {original!r} %}}{{%- else -%}}{{{{ marker }}}}{{%- endif -%}}")


def toc_marker(context) -> Markup | None:
    """partials/toc.html in a stand-in render: keep the context it was included with, print a marker."""
    captured = context.get(CAPTURE)
    if not isinstance(captured, dict):
        return None
    captured["context"] = {k: v for k, v in context.get_all().items() if k != CAPTURE}
    return Markup(_marker("toc"))
