"""Pages whose text lives in their template (over, toegankelijkheid, bronverwerking); they get the catalogue's
counts and the tallies of source quirks only. Bronverwerking's body is HTML (generator/html_body.py)."""
from __future__ import annotations

from collections import Counter

from ..text import html_content, plain
from .common import Page, Site
from .urls import SOURCES, address, relative, source_path

STATIC_PAGES = {"over.md": "over.md.j2", "toegankelijkheid.md": "toegankelijkheid.md.j2"}
PROCESSING = f"{SOURCES}/verwerking.md"


def pages(site: Site) -> list[Page]:
    return [static_page(site, path, template) for path, template in STATIC_PAGES.items()] + [processing(site)]


def processing(site: Site) -> Page:
    """/bronnen/verwerking/: how the catalogue represents the sources' odd values, with the tallies."""
    c = site.c
    quirks = Counter(q for e in c.projects.values() for q in e.item.quirks)
    printed = Counter(k for e in c.projects.values() for k in e.item.as_printed)
    return Page(PROCESSING, "verwerking.md.j2", {
        "home": address(PROCESSING, "index.md"),
        "sources": address(PROCESSING, f"{SOURCES}/index.md"),
        "quirks": [{"label": html_content(t.label), "description": html_content(t.description), "count": quirks[t.id]}
                   for t in c.taxonomy.quirks],
        "as_printed": [{"field": html_content(k), "count": n} for k, n in sorted(printed.items())],
        "inventory": address(PROCESSING, source_path("inventarisatie-2017")) if "inventarisatie-2017" in c.sources else "",
    })


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
