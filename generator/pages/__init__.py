"""Pages: the site's table of contents. Every page kind has its own module; `build_pages` lists them in order.

In:  a `Catalogue` and a `SiteConfig`.
Out: a list of `Page(path, template, view)`; `path` is relative to the docs folder
     ("projecten/minimacontract-achterhoek.md" -> /projecten/minimacontract-achterhoek/).

    >>> pages = build_pages(catalogue, SiteConfig(repo_url="https://github.com/org/repo"))
    >>> pages[0].path, pages[0].template
    ('index.md', 'home.md.j2')
    >>> for pages in page_kinds(catalogue, config): ...   # one kind at a time (a one-off build)

A page kind's module is a plain function `pages(site) -> [Page]` (its view-models, nothing else; a kind with many
pages may yield them instead, so a one-off build holds one of them at a time); URL rules live in `urls`, shared
view helpers in `common`. A new page kind is a new module and one line below.
Two pages with the same path are an error (a slug collision), never an overwrite: a one-off build checks the paths
of all kinds before it writes any of them.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from ..catalogue import Catalogue
from . import (api, contribute, data, discovery, feeds, finder, glossary, guide, home, indexes, insurer, map,
               municipality, overview, project, redirects, region, source, static, theme, topic)
from .common import Page, PathCollision, Site, SiteConfig, Views
from .security import security_txt
from .urls import RESULT_IDS, RESULT_MAP

__all__ = ["Page", "PathCollision", "RESULT_IDS", "RESULT_MAP", "SiteConfig", "Views", "build_pages", "check_paths",
           "page_kinds", "security_txt"]

# The site, in the order its pages are built.
PAGE_KINDS = [
    home,          # /
    indexes,       # /projecten/, /regios/, /themas/, /gemeenten/, /verzekeraars/, /bronnen/
    project,       # /projecten/<id>/
    region,        # /regios/<id>/
    theme,         # /themas/<id>/
    topic,         # /onderwerpen/ and /onderwerpen/<id>/
    municipality,  # /gemeenten/<id>/
    insurer,       # /verzekeraars/<id>/
    source,        # /bronnen/<id>/
    glossary,      # /uitleg/: the vocabularies explained, an anchor per term
    guide,         # /handreiking/ and its pages
    static,        # /over/, /toegankelijkheid/, /bronnen/verwerking/
    finder,        # /zoeken/
    overview,      # /overzicht/
    map,           # /kaart/ and the shared base map of the locator maps
    contribute,    # /bijdragen/
    redirects,     # former project ids and municipality names
    feeds,         # /nieuw/ and its Atom feed
    data,          # /data/ and the downloads
    api,           # /api/v1/: JSON per project, region, theme, topic, municipality, insurer
    discovery,     # /robots.txt, /opensearch.xml
]


def build_pages(c: Catalogue, config: SiteConfig, memo: dict | None = None, views: Views | None = None) -> list[Page]:
    """Every page, in the order of PAGE_KINDS. `memo` and `views`: kept between the builds of a long-running
    process (cache.py), so the downloads serialise only changed projects and view-models are built again only
    when what they read changed."""
    site = Site(c, config, memo, views)
    pages = [page for kind in PAGE_KINDS for page in kind.pages(site)]
    if views is not None:
        views.finish()
    check_paths(page.path for page in pages)
    return pages


def page_kinds(c: Catalogue, config: SiteConfig, kinds: list | None = None) -> Iterator[list[Page]]:
    """The pages of each kind in turn, from one `Site` (its shared lookups are made once): a one-off build
    renders and writes one kind's pages and lets them go before the next kind is built. The caller checks the
    paths of all kinds together (`check_paths`)."""
    site = Site(c, config)
    for kind in PAGE_KINDS if kinds is None else kinds:
        yield kind.pages(site)


def check_paths(paths: Iterable[str]) -> None:
    """PathCollision for the first path that comes twice."""
    seen: set[str] = set()
    for path in paths:
        if path in seen:
            raise PathCollision(path)
        seen.add(path)
