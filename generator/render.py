"""Render: view-models through Jinja2 templates into Markdown text.

In:  `Page`s from `pages.build_pages` (or one kind at a time from `pages.page_kinds`).
Out: {path: markdown}, or (path, markdown) one page at a time — nothing is written here.

    >>> files = render_pages(pages, Path("site_templates"))
    >>> files["index.md"][:3]
    '---'
    >>> for path, text in render_each(pages, environment(Path("site_templates"))): ...

`StrictUndefined` turns a misspelt variable into an error instead of an empty
string; autoescape is off because view-models hold Markdown that is already
escaped (see `text.py`).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, Iterator

import jinja2

from .cache import Cache
from .pages import Page


def environment(templates: Path) -> jinja2.Environment:
    """Without Jinja's up-to-date check (a stat per template per render): an environment lives for one build, or in
    a Cache only while no template file changed."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


def render_each(pages: Iterable[Page], env: jinja2.Environment) -> Iterator[tuple[str, str | bytes]]:
    """Each page's (path, text) in turn, for a one-off build that writes every file as soon as it is rendered
    (so it never holds more than one rendered page)."""
    for page in pages:
        if not page.template:  # a data file (CSV, XLSX, JSON): written byte for byte, never tidied
            yield page.path, page.view["text"]
        else:
            yield page.path, _tidy(env.get_template(page.template).render(page.view))


def render_pages(pages: list[Page], templates: Path, cache: Cache | None = None) -> dict[str, str | bytes]:
    """With a `cache`, a page whose template files and view-model equal those of the last call is not rendered
    again (view-models are plain str/int/bool/list/dict data, so their repr is their content)."""
    if cache is None:
        return dict(render_each(pages, environment(templates)))
    signature = _signature(templates)
    # The environment (with its ~50 compiled templates) is kept while no template file changed.
    if cache.environment is None or cache.environment[0] != signature:
        cache.environment = (signature, environment(templates))
    env = cache.environment[1]
    out = {}
    rendered: dict[str, tuple[int, str, Any, str]] = {}
    for page in pages:
        if not page.template:  # a data file (CSV, XLSX, JSON): written byte for byte, never tidied
            out[page.path] = page.view["text"]
            continue
        # Comparing with the last view of the same page stops at the first difference; a repr() key
        # had to print every view in full first.
        last = cache.pages.get(page.path)
        if last is not None and last[0] == signature and last[1] == page.template and last[2] == page.view:
            text = last[3]
        else:
            text = _tidy(env.get_template(page.template).render(page.view))
        rendered[page.path] = (signature, page.template, page.view, text)
        out[page.path] = text
    cache.pages = rendered
    return out


def _signature(templates: Path) -> int:
    found = []
    for folder, dirs, files in os.walk(templates):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                found.append((path, f.read()))
    return hash(tuple(found))


def _tidy(text: str) -> str:
    """At most one blank line in a row and one newline at the end: stable, diff-friendly output."""
    lines, blank = [], False
    for line in text.rstrip().split("\n"):
        line = line.rstrip()
        if not line:
            if blank:
                continue
            blank = True
        else:
            blank = False
        lines.append(line)
    return "\n".join(lines) + "\n"
