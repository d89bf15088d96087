"""/overzicht/: region x theme counts as a heat map (colour class plus number; cells link to the finder), per theme
a map of the regions where the sources name no project, forms with their intensity, and simple bar charts, all
computed at build time."""
from __future__ import annotations

from collections import Counter
from typing import Any

from ..text import html_content, html_text
from .common import Anchors, Page, Site, count_label, meta
from .map import MAP, colour_class, gap_maps, legend
from .urls import FINDER, HOME, OVERVIEW, address, region_path, theme_path


def pages(site: Site) -> list[Page]:
    return [overview_page(site)]


def overview_page(site: Site) -> Page:
    here = OVERVIEW
    c = site.c
    finder = address(here, FINDER)
    values = site.facets
    themes = c.taxonomy.themes
    rows = []
    for rid, region in c.regions.items():
        pids = c.projects_by_region.get(rid, [])
        cells = []
        for t in themes:
            n = sum(1 for pid in pids if t.id in values[pid]["thema"])
            cells.append({"count": n, "url": f"{finder}?regio={rid}&thema={t.id}" if n else "", "class": colour_class(n),
                          "label": html_text(f"{region.item.name}, {t.label}: {count_label(n, 'project', 'projecten')}")})
        rows.append({"title": html_content(region.item.name), "url": address(here, region_path(rid)), "cells": cells,
                     "total": len(pids), "finder": f"{finder}?regio={rid}"})
    totals = [{"count": len(c.projects_by_theme.get(t.id, [])), "url": f"{finder}?thema={t.id}"} for t in themes]

    def bars(counter: Counter, labels: dict[str, str], facet: str = "") -> list[dict[str, Any]]:
        top = max(counter.values(), default=0) or 1
        return [{"label": html_content(label), "count": counter[vid], "percent": round(100 * counter[vid] / top),
                 "url": f"{finder}?{facet}={vid}" if facet and counter[vid] else ""}
                for vid, label in labels.items()]

    def tally(facet: str) -> Counter:
        return Counter(v for facets in values.values() for v in facets[facet])

    forms = tally("vorm")
    intensity_m: Counter = Counter()
    intensity_i: Counter = Counter()
    for t in c.taxonomy.forms:
        intensity_m[t.intensity_municipality] += forms[t.id]
        intensity_i[t.intensity_insurer] += forms[t.id]
    levels = {level: level for level in sorted(set(intensity_m) | set(intensity_i), key=len)}
    form_rows = [{"label": html_content(t.label), "description": html_content(t.description), "count": forms[t.id],
                  "municipality": t.intensity_municipality, "insurer": t.intensity_insurer,
                  "url": f"{finder}?vorm={t.id}"} for t in c.taxonomy.forms]
    # the body is HTML (generator/html_body.py): each chart's heading gets the id the toc extension gave it
    anchors = Anchors()
    for heading in ("Overzicht in cijfers", "Regio's en thema's", "Waar is per thema geen project bekend?",
                    "Vorm en intensiteit"):
        anchors(heading)
    charts = [
        {"title": "Projecten per thema", "bars": bars(tally("thema"), site.labels["themes"], "thema")},
        {"title": "Projecten per samenwerkingsvorm", "bars": bars(forms, site.labels["forms"], "vorm")},
        {"title": "Intensiteit voor de gemeente", "bars": bars(intensity_m, levels)},
        {"title": "Intensiteit voor de zorgverzekeraar", "bars": bars(intensity_i, levels)},
        {"title": "Projecten per status", "bars": bars(tally("status"), site.labels["statuses"], "status")},
        {"title": "Projecten per zorgverzekeraar", "bars": bars(tally("verzekeraar"), {iid: i.name for iid, i in c.insurers.items()}, "verzekeraar")},
    ]
    for chart in charts:
        chart["id"] = anchors(chart["title"])
    return Page(here, "overzicht.md.j2", {
        "meta": meta(site, "Overzicht in cijfers", "Hoeveel projecten per regio en thema, per samenwerkingsvorm, intensiteit, status en zorgverzekeraar.", hide=("navigation", "toc")),
        "themes": [{"title": html_content(t.label), "url": address(here, theme_path(t.id))} for t in themes],
        "rows": rows,
        "legend": legend(),
        "gaps": gap_maps(site, here),
        "map": address(here, MAP),
        "home": address(here, HOME),
        "totals": totals,
        "count": len(c.projects),
        "empty": sum(1 for r in rows for cell in r["cells"] if not cell["count"]),
        "cells": len(rows) * len(themes),
        "forms": form_rows,
        "no_form": sum(1 for v in values.values() if not v["vorm"]),
        "charts": charts,
    })
