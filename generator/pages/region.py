"""Region pages: /regios/<id>/, one per Wmo region: municipalities, insurers, agendas, projects by theme."""
from __future__ import annotations

from .. import model as m
from ..text import plain, rich
from .common import (Page, Site, by_theme, count_label, form_counts, grouped, link, meta, municipality_name,
                     reference_label, sources)
from .map import locator_region
from .urls import insurer_path, municipality_path, region_path, relative, source_path


def pages(site: Site) -> list[Page]:
    return [region_page(site, rid) for rid in site.c.regions]


def region_page(site: Site, rid: str) -> Page:
    c = site.c
    entry = c.regions[rid]
    r: m.Region = entry.item
    here = region_path(rid)
    pids = c.projects_by_region.get(rid, [])
    municipalities = [
        {"title": plain(municipality_name(site, mid)),
         "url": relative(here, municipality_path(c.current_municipality[mid]))}
        for mid in r.municipalities
    ]
    description = r.description or f"Samenwerking tussen gemeenten en zorgverzekeraars in de Wmo-regio {r.name}."
    view = {
        "meta": meta(site, f"Regio {r.name}", description, entry),
        "title": plain(r.name),
        "description": rich(r.description),
        "notes": rich(r.notes),
        "reference": reference_label(r.reference_date),
        "municipalities": municipalities,
        "insurers": [link(here, c.insurers[i].name, insurer_path(i)) for i in r.insurers],
        "agendas": [link(here, c.sources[a].item.title, source_path(a)) for a in r.agendas],
        "count": count_label(len(pids), "project", "projecten"),
        "groups": grouped(site, here, pids, by_theme(site, here)),
        "forms": form_counts(site, pids),
        "sources": sources(site, here, r.sources),
        "map": locator_region(site, here, rid),  # maps (#14): partials/kaart/regio.md.j2
    }
    return Page(here, "region.md.j2", view)
