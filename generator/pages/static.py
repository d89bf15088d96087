"""Pages whose text lives in their template (over, toegankelijkheid, bronverwerking); they get the catalogue's
counts and the tallies of source quirks only."""
from __future__ import annotations

from collections import Counter

from ..text import plain
from .common import Page, Site
from .urls import SOURCES, relative, source_path

STATIC_PAGES = {"over.md": "over.md.j2", "toegankelijkheid.md": "toegankelijkheid.md.j2",
                f"{SOURCES}/verwerking.md": "verwerking.md.j2"}


def pages(site: Site) -> list[Page]:
    return [static_page(site, path, template) for path, template in STATIC_PAGES.items()]


def static_page(site: Site, here: str, template: str) -> Page:
    c = site.c
    quirks = Counter(q for e in c.projects.values() for q in e.item.quirks)
    printed = Counter(k for e in c.projects.values() for k in e.item.as_printed)
    return Page(here, template, {
        "counts": {"projects": len(c.projects), "regions": len(c.regions)},
        "quirks": [{"label": plain(t.label), "description": plain(t.description), "count": quirks[t.id]}
                   for t in c.taxonomy.quirks],
        "as_printed": dict(sorted(printed.items())),
        "inventory": relative(here, source_path("inventarisatie-2017")) if "inventarisatie-2017" in c.sources else "",
    })
