"""Theme pages: /themas/<id>/, one per theme of the taxonomy: explanation, a summary by region and form, the
projects grouped by region (collapsible) and the finder with the theme chosen. A theme without projects says
so and points to what the visitor can do instead."""
from __future__ import annotations

from .. import model as m
from ..text import html_text
from .common import Page, Site, count_label, meta
from .entity import OPEN_LIMIT, crumbs, finder_link, form_tally, groups, heading_id, region_key, status_tally, summary
from .urls import CONTRIBUTE, FINDER, THEMES, address, theme_path


def pages(site: Site) -> list[Page]:
    return [site.remember("theme", term.id, site.items(site.c.projects_by_theme.get(term.id, [])),
                          lambda term=term: theme_page(site, term)) for term in site.c.taxonomy.themes]


def theme_page(site: Site, term: m.Term) -> Page:
    here = theme_path(term.id)
    pids = site.c.projects_by_theme.get(term.id, [])
    regions = {r for pid in pids for r in site.c.projects[pid].item.regions}
    finder = finder_link(here, "thema", term.id, f"Alle projecten bij {term.label}, te filteren en te sorteren.")
    description = term.description if pids else f"Nog geen projecten bij dit thema. {term.description}"
    view = {
        "meta": meta(site, f"Thema {term.label}", description),
        "heading_id": heading_id(term.label),
        "crumbs": crumbs(here, f"{THEMES}/index.md"),
        "title": html_text(term.label),
        "description": html_text(term.description),
        "origin": html_text(term.origin) if term.origin else "",
        # the groups below are the regions with their counts, so the summary counts forms and statuses
        "kort": summary(site, here, pids, [form_tally(site, here, pids), status_tally(site, here, pids)], finder,
                        f"in {count_label(len(regions), 'regio', 'regio’s')}" if pids else ""),
        "groups": groups(site, here, pids, region_key(site), "Over de regio {}", finder),
        "groups_open": len(pids) <= OPEN_LIMIT,
        "themes_index": address(here, f"{THEMES}/index.md"),
        "finder_all": address(here, FINDER),
        "contribute": address(here, CONTRIBUTE),
    }
    return Page(here, "theme.md.j2", view)
