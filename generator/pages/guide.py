"""The guide (Leidraad integrale gebiedsaanpak): /handreiking/ and one page per guide file, with previous/next.
Both bodies are HTML (generator/html_body.py); the guide's own Markdown is rendered once, by `text.rich`."""
from __future__ import annotations

import html
import re

from ..text import html_content, rich
from .common import Anchors, Page, Site, html_link, meta, sources
from .urls import GUIDE, address, guide_path


def pages(site: Site) -> list[Page]:
    if not site.c.guide:
        return []
    return [guide_index(site)] + [guide_page(site, i) for i in range(len(site.c.guide))]


def guide_index(site: Site) -> Page:
    here = f"{GUIDE}/index.md"
    return Page(here, "guide_index.md.j2", {
        "meta": meta(site, "Handreiking integrale gebiedsaanpak", "De Leidraad Integrale Gebiedsaanpak in stappen: doelen, prioriteiten, passend aanbod en sturing.", indexed=False),
        "id": Anchors()("Handreiking integrale gebiedsaanpak"),
        "pages": [{**html_link(here, g.item.title, guide_path(g.id)), "summary": html_content(g.item.summary)} for g in site.c.guide],
    })


def guide_page(site: Site, index: int) -> Page:
    guide = site.c.guide
    entry = guide[index]
    here = guide_path(entry.id)
    previous = guide[index - 1] if index else None
    following = guide[index + 1] if index + 1 < len(guide) else None
    anchors = Anchors()
    view = {
        "meta": meta(site, entry.item.title, entry.item.summary, entry),
        "home": address(here, "index.md"),
        "guide": address(here, f"{GUIDE}/index.md"),
        "title": html_content(entry.item.title),
        "id": anchors(entry.item.title),
        "body": _sections(rich(entry.body, headings=True), anchors),
        "sources_id": anchors("Bron"),
        "sources": sources(site, here, entry.item.sources, html=True),
        "previous": html_link(here, previous.item.title, guide_path(previous.id)) if previous else None,
        "next": html_link(here, following.item.title, guide_path(following.id)) if following else None,
    }
    return Page(here, "guide.md.j2", view)


_SECTION = re.compile(r"<h2>(.*?)</h2>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def _sections(body: str, anchors: Anchors) -> str:
    """The guide's `##` sections as headings with ids, so they get permalinks and a table of contents."""
    return _SECTION.sub(lambda m: f'<h2 id="{anchors(html.unescape(_TAG.sub("", m.group(1))))}">{m.group(1)}</h2>', body)
