"""URL rules: where every page lives and how one page links to another.

In:  ids ("minimacontract-achterhoek") and page paths relative to the docs folder.
Out: page paths ("projecten/minimacontract-achterhoek.md" -> served at /projecten/minimacontract-achterhoek/)
     and links between them.

    >>> relative("projecten/a.md", "regios/b.md")
    '../regios/b.md'
    >>> address("index.md", "gemeenten/x.md")
    'gemeenten/x/'

The folder names are Dutch and stable: changing one breaks every deep link.
"""
from __future__ import annotations

import functools
import posixpath

PROJECTS, REGIONS, THEMES, MUNICIPALITIES, INSURERS, SOURCES, GUIDE = (
    "projecten", "regios", "themas", "gemeenten", "verzekeraars", "bronnen", "handreiking",
)
TOPICS = "onderwerpen"
HOME = "index.md"
NEW = "nieuw"
FINDER = "zoeken/index.md"
OVERVIEW = "overzicht/index.md"
CONTRIBUTE = "bijdragen.md"
DATA = "data/index.md"
SCHEMA = "schema"  # /data/schema/<kind>.schema.json
RESULT_MAP = "zoeken/resultaten.json"  # written after Pagefind ran: its page ids -> facet values, sort orders
RESULT_IDS = "zoeken/resultaten-ids.json"  # and -> project ids, in the same order (only the export loads it)


def project_path(pid: str) -> str:
    return f"{PROJECTS}/{pid}.md"


def region_path(rid: str) -> str:
    return f"{REGIONS}/{rid}.md"


def theme_path(tid: str) -> str:
    return f"{THEMES}/{tid}.md"


def topic_path(tid: str) -> str:
    return f"{TOPICS}/{tid}.md"


def municipality_path(mid: str) -> str:
    return f"{MUNICIPALITIES}/{mid}.md"


def insurer_path(iid: str) -> str:
    return f"{INSURERS}/{iid}.md"


def source_path(sid: str) -> str:
    return f"{SOURCES}/{sid}.md"


def guide_path(gid: str) -> str:
    return f"{GUIDE}/{gid}.md"


@functools.lru_cache(maxsize=65536)
def relative(from_page: str, to_page: str) -> str:
    """Link from one Markdown file to another, as MkDocs resolves it."""
    return _relpath(posixpath.dirname(from_page), to_page)


def _relpath(start_folder: str, target: str) -> str:
    """`posixpath.relpath` for paths inside the docs folder, without its calls to the file system (it asks for
    the working directory every time, which was a tenth of the generator's time)."""
    start = [part for part in start_folder.split("/") if part and part != "."]
    target_parts = [part for part in target.split("/") if part and part != "."]
    common = 0
    for a, b in zip(start, target_parts):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(start) - common) + target_parts[common:]
    return "/".join(parts) if parts else "."


def served(page: str) -> str:
    """The folder a Markdown file is served from (use_directory_urls): 'a/b.md' -> 'a/b', 'a/index.md' -> 'a'."""
    stem = page.removesuffix(".md")
    return posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem


def address(from_page: str, to_page: str) -> str:
    """A browser address from one served page to another, for links that MkDocs does not rewrite
    (raw HTML attributes, query strings): 'index.md' -> 'gemeenten/x.md' gives 'gemeenten/x/'."""
    link = _relpath(served(from_page), served(to_page))
    return "./" if link == "." else link + "/"


def file_address(from_page: str, target: str) -> str:
    """A browser address from a served page to a file that is not a page ('data/projecten.csv')."""
    return posixpath.relpath(target, served(from_page))
