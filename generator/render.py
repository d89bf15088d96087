"""Render: view-models through Jinja2 templates into Markdown text.

In:  `Page`s from `pages.build_pages`.
Out: {path: markdown} — nothing is written here.

    >>> files = render_pages(pages, Path("site_templates"))
    >>> files["index.md"][:3]
    '---'

`StrictUndefined` turns a misspelt variable into an error instead of an empty
string; autoescape is off because view-models hold Markdown that is already
escaped (see `text.py`).
"""
from __future__ import annotations

from pathlib import Path

import jinja2

from .pages import Page


def environment(templates: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_pages(pages: list[Page], templates: Path) -> dict[str, str | bytes]:
    env = environment(templates)
    out = {}
    for page in pages:
        if not page.template:  # a data file (CSV, XLSX, JSON): written byte for byte, never tidied
            out[page.path] = page.view["text"]
            continue
        text = env.get_template(page.template).render(page.view)
        out[page.path] = _tidy(text)
    return out


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
