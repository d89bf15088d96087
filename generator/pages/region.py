"""Region pages: /regios/<id>/, one per Wmo region: a summary by theme and form, municipalities, insurers,
agendas, the projects grouped by theme (collapsible), each source once, and the source notes folded away."""
from __future__ import annotations

from .. import model as m
from ..text import html_text, rich
from .common import Page, Site, meta, municipality_name, reference_label
from .entity import (OPEN_LIMIT, crumbs, finder_link, form_tally, groups, heading_id, hlink, sources_once, summary,
                     theme_key, theme_tally)
from .map import locator_region
from .urls import REGIONS, insurer_path, municipality_path, region_path, source_path


def pages(site: Site) -> list[Page]:
    # a region page reads the world and the projects of the region (see common.Views)
    return [site.remember("region", rid, site.items(site.c.projects_by_region.get(rid, [])),
                          lambda rid=rid: region_page(site, rid)) for rid in site.c.regions]


def region_page(site: Site, rid: str) -> Page:
    c = site.c
    entry = c.regions[rid]
    r: m.Region = entry.item
    here = region_path(rid)
    pids = c.projects_by_region.get(rid, [])
    description = r.description or f"Samenwerking tussen gemeenten en zorgverzekeraars in de Wmo-regio {r.name}."
    finder = finder_link(here, "regio", rid, f"Alle projecten van de regio {r.name}, te filteren en te sorteren.")
    view = {
        "meta": meta(site, f"Regio {r.name}", description, entry),
        "heading_id": heading_id(f"Regio {r.name}"),
        "crumbs": crumbs(here, f"{REGIONS}/index.md"),
        "title": html_text(r.name),
        "description": rich(r.description),
        "notes": rich(r.notes),
        "kort": summary(site, here, pids, [theme_tally(site, pids), form_tally(site, here, pids)], finder,
                        reference_label(r.reference_date)),
        "municipalities": [hlink(here, municipality_name(site, mid), municipality_path(c.current_municipality[mid]))
                           for mid in r.municipalities],
        "insurers": [hlink(here, c.insurers[i].name, insurer_path(i)) for i in r.insurers],
        "agendas": [hlink(here, c.sources[a].item.title, source_path(a)) for a in r.agendas],
        "groups": groups(site, here, pids, theme_key(site), "Over het thema {}", finder),
        "groups_open": len(pids) <= OPEN_LIMIT,
        "sources": sources_once(site, here, r.sources),
        "map": locator_region(site, here, rid),  # maps (#14): partials/kaart/regio.md.j2
    }
    return Page(here, "region.md.j2", view)
