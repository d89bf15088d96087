"""Preview: the page `catalogus serve` shows instead of the site while the content has errors.

In:  the error lines (`path:line: field: message`, as `catalogus check` prints them).
Out: one standalone HTML page (every character of the messages escaped) that reloads itself, so the site
     comes back in the browser as soon as the editor has fixed the file.

    >>> page = error_page(["content/projects/x.yml:8: themes[0]: 'ouderzorg' is not a theme"])
"""
from __future__ import annotations

from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).resolve().parent.parent / "site_templates" / "preview"
REFRESH_SECONDS = 2


def error_page(lines: list[str], templates: Path = TEMPLATES) -> str:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), autoescape=True,
                                     undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    # A file name that is not UTF-8 arrives with surrogates, which no page can be written with.
    shown = [line.encode("utf-8", "backslashreplace").decode("utf-8") for line in lines]
    return environment.get_template("fout.html.j2").render(lines=shown, count=len(shown), refresh=REFRESH_SECONDS)
