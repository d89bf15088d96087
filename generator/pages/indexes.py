"""The index page of every kind: /projecten/, /regios/, /themas/, /gemeenten/ (by letter), /verzekeraars/,
/bronnen/. Their bodies are HTML (generator/html_body.py): text HTML-escaped, links browser addresses, every
heading with the id Python-Markdown gave it when these pages were Markdown."""
from __future__ import annotations

from ..catalogue import _sort_name
from ..text import html_content
from .common import Anchors, Page, Site, by_region, count_label, grouped, html_link, meta
from .urls import (INSURERS, MUNICIPALITIES, PROJECTS, REGIONS, SOURCES, THEMES, address, insurer_path,
                   municipality_path, region_path, source_path, theme_path)


def pages(site: Site) -> list[Page]:
    return [project_index(site), region_index(site), theme_index(site), municipality_index(site),
            insurer_index(site), source_index(site)]


def project_index(site: Site) -> Page:
    here = f"{PROJECTS}/index.md"
    c = site.c
    anchors = Anchors()
    return Page(here, "projects.md.j2", {
        "meta": meta(site, "Alle projecten", f"Alle {len(c.projects)} projecten van de catalogus, per regio.", indexed=False),
        "home": address(here, "index.md"),
        "id": anchors("Alle projecten"),
        "count": count_label(len(c.projects), "project", "projecten"),
        "groups": grouped(site, here, list(c.projects), by_region(site, here, html=True), anchors),
    })


def region_index(site: Site) -> Page:
    here = f"{REGIONS}/index.md"
    c = site.c
    rows = [
        {**html_link(here, r.item.name, region_path(rid)),
         "municipalities": str(len(r.item.municipalities)),
         "projects": str(len(c.projects_by_region.get(rid, []))),
         "insurers": ", ".join(html_content(c.insurers[i].name) for i in r.item.insurers)}
        for rid, r in c.regions.items()
    ]
    return Page(here, "regions.md.j2", {
        "meta": meta(site, "Wmo-regio's", f"De {len(rows)} Wmo-regio's met hun gemeenten, zorgverzekeraars en projecten.", indexed=False),
        "home": address(here, "index.md"),
        "id": Anchors()("Wmo-regio's"),
        "regions": rows,
    })


def theme_index(site: Site) -> Page:
    here = f"{THEMES}/index.md"
    rows = [
        {**html_link(here, t.label, theme_path(t.id)), "description": html_content(t.description),
         "count": str(len(site.c.projects_by_theme.get(t.id, [])))}
        for t in site.c.taxonomy.themes
    ]
    return Page(here, "themes.md.j2", {
        "meta": meta(site, "Thema's", "De thema's waarop gemeenten en zorgverzekeraars samenwerken.", indexed=False),
        "home": address(here, "index.md"),
        "id": Anchors()("Thema's"),
        "themes": rows,
    })


def municipality_index(site: Site) -> Page:
    here = f"{MUNICIPALITIES}/index.md"
    anchors = Anchors()
    title_id = anchors("Gemeenten")
    letters: dict[str, list[dict[str, str]]] = {}
    for mid, mu in site.c.municipalities.items():
        letter = _sort_name(mu.name)[:1].upper()
        former = ", ".join(html_content(f.name) for f in sorted(mu.former, key=lambda f: f.name))
        letters.setdefault(letter, []).append({
            **html_link(here, mu.name, municipality_path(mid)),
            "former": former,
            "count": str(len(site.c.projects_by_municipality.get(mid, []))),
        })
    return Page(here, "municipalities.md.j2", {
        "meta": meta(site, "Gemeenten", "Alle gemeenten in de catalogus, ook onder hun naam van vóór een herindeling.", indexed=False),
        "home": address(here, "index.md"),
        "id": title_id,
        "letters": [{"letter": html_content(k), "id": anchors(k), "entries": v} for k, v in sorted(letters.items())],
    })


def insurer_index(site: Site) -> Page:
    here = f"{INSURERS}/index.md"
    c = site.c
    rows = [
        {**html_link(here, i.name, insurer_path(iid)),
         "projects": str(len(c.projects_by_insurer.get(iid, []))),
         "regions": str(len(c.regions_by_insurer.get(iid, [])))}
        for iid, i in c.insurers.items()
    ]
    return Page(here, "insurers.md.j2", {
        "meta": meta(site, "Zorgverzekeraars", "Zorgverzekeraars en de regio's en projecten waarin zij met gemeenten samenwerken.", indexed=False),
        "home": address(here, "index.md"),
        "id": Anchors()("Zorgverzekeraars"),
        "insurers": rows,
    })


def source_index(site: Site) -> Page:
    here = f"{SOURCES}/index.md"
    c = site.c
    rows = [
        {**html_link(here, e.item.title, source_path(sid)), "date": html_content(e.item.date),
         "kind": html_content(e.item.kind.capitalize()), "summary": html_content(e.item.summary),
         "count": str(len(c.projects_by_source.get(sid, [])))}
        for sid, e in c.sources.items()
    ]
    return Page(here, "sources.md.j2", {
        "processing": address(here, f"{SOURCES}/verwerking.md"),
        "meta": meta(site, "Bronnen", "De documenten waaruit de catalogus is opgebouwd, met wat eruit is overgenomen.", indexed=False),
        "home": address(here, "index.md"),
        "id": Anchors()("Bronnen"),
        "sources": rows,
    })
