"""The index page of every kind: /projecten/, /regios/, /themas/, /gemeenten/ (by letter), /verzekeraars/,
/bronnen/."""
from __future__ import annotations

from ..catalogue import _sort_name
from ..text import plain
from .common import Page, Site, by_region, count_label, grouped, link, meta
from .urls import (INSURERS, MUNICIPALITIES, PROJECTS, REGIONS, SOURCES, THEMES, insurer_path,
                   municipality_path, region_path, source_path, theme_path)


def pages(site: Site) -> list[Page]:
    return [project_index(site), region_index(site), theme_index(site), municipality_index(site),
            insurer_index(site), source_index(site)]


def project_index(site: Site) -> Page:
    here = f"{PROJECTS}/index.md"
    c = site.c
    return Page(here, "projects.md.j2", {
        "meta": meta(site, "Alle projecten", f"Alle {len(c.projects)} projecten van de catalogus, per regio.", indexed=False),
        "count": count_label(len(c.projects), "project", "projecten"),
        "groups": grouped(site, here, list(c.projects), by_region(site, here)),
    })


def region_index(site: Site) -> Page:
    here = f"{REGIONS}/index.md"
    c = site.c
    rows = [
        {**link(here, r.item.name, region_path(rid)),
         "municipalities": str(len(r.item.municipalities)),
         "projects": str(len(c.projects_by_region.get(rid, []))),
         "insurers": ", ".join(plain(c.insurers[i].name) for i in r.item.insurers)}
        for rid, r in c.regions.items()
    ]
    return Page(here, "regions.md.j2", {
        "meta": meta(site, "Wmo-regio's", f"De {len(rows)} Wmo-regio's met hun gemeenten, zorgverzekeraars en projecten.", indexed=False),
        "regions": rows,
    })


def theme_index(site: Site) -> Page:
    here = f"{THEMES}/index.md"
    rows = [
        {**link(here, t.label, theme_path(t.id)), "description": plain(t.description),
         "count": str(len(site.c.projects_by_theme.get(t.id, [])))}
        for t in site.c.taxonomy.themes
    ]
    return Page(here, "themes.md.j2", {
        "meta": meta(site, "Thema's", "De thema's waarop gemeenten en zorgverzekeraars samenwerken.", indexed=False),
        "themes": rows,
    })


def municipality_index(site: Site) -> Page:
    here = f"{MUNICIPALITIES}/index.md"
    letters: dict[str, list[dict[str, str]]] = {}
    for mid, mu in site.c.municipalities.items():
        letter = _sort_name(mu.name)[:1].upper()
        former = ", ".join(plain(f.name) for f in sorted(mu.former, key=lambda f: f.name))
        letters.setdefault(letter, []).append({
            **link(here, mu.name, municipality_path(mid)),
            "former": former,
            "count": str(len(site.c.projects_by_municipality.get(mid, []))),
        })
    return Page(here, "municipalities.md.j2", {
        "meta": meta(site, "Gemeenten", "Alle gemeenten in de catalogus, ook onder hun naam van vóór een herindeling.", indexed=False),
        "letters": [{"letter": k, "entries": v} for k, v in sorted(letters.items())],
    })


def insurer_index(site: Site) -> Page:
    here = f"{INSURERS}/index.md"
    c = site.c
    rows = [
        {**link(here, i.name, insurer_path(iid)),
         "projects": str(len(c.projects_by_insurer.get(iid, []))),
         "regions": str(len(c.regions_by_insurer.get(iid, [])))}
        for iid, i in c.insurers.items()
    ]
    return Page(here, "insurers.md.j2", {
        "meta": meta(site, "Zorgverzekeraars", "Zorgverzekeraars en de regio's en projecten waarin zij met gemeenten samenwerken.", indexed=False),
        "insurers": rows,
    })


def source_index(site: Site) -> Page:
    here = f"{SOURCES}/index.md"
    c = site.c
    rows = [
        {**link(here, e.item.title, source_path(sid)), "date": plain(e.item.date),
         "kind": plain(e.item.kind.capitalize()), "summary": plain(e.item.summary),
         "count": str(len(c.projects_by_source.get(sid, [])))}
        for sid, e in c.sources.items()
    ]
    return Page(here, "sources.md.j2", {
        "meta": meta(site, "Bronnen", "De documenten waaruit de catalogus is opgebouwd, met wat eruit is overgenomen.", indexed=False),
        "sources": rows,
    })
