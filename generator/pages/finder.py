"""/zoeken/: the project finder. Free text plus facets; the facets and their totals are in the HTML (no-JS
readers get the full project list); zoeken.js keeps the selection in the address and asks Pagefind."""
from __future__ import annotations

from collections import Counter

from ..text import html_text, plain
from .common import Page, Site, meta, project_item
from .map import finder_map
from .urls import FINDER, PROJECTS, RESULT_MAP, file_address, relative

FINDER_LIST_LIMIT = 2000  # above this the finder's no-JS list links to /projecten/ instead of repeating it

# Finder facets: URL parameter -> (Dutch label, help text). The parameter is also the Pagefind filter name.
FACETS = {
    "thema": ("Thema", ""),
    "vorm": ("Samenwerkingsvorm", ""),
    "instrument": ("Instrument", ""),
    "schaal": ("Schaal", ""),
    "verzekeraar": ("Zorgverzekeraar", ""),
    "regio": ("Wmo-regio", ""),
    "gemeente": ("Gemeente", "Ook onder de naam van vóór een herindeling; telt projecten voor de hele regio mee."),
    "status": ("Status", ""),
    "bron": ("Bron", ""),
    "soort": ("Soort", ""),
}


def pages(site: Site) -> list[Page]:
    return [finder_page(site)]


def facet_labels(site: Site) -> dict[str, dict[str, str]]:
    """Facet name -> {value id: label}, in display order."""
    c = site.c
    return {
        "thema": site.labels["themes"],
        "vorm": site.labels["forms"],
        "instrument": site.labels["instruments"],
        "schaal": site.labels["scales"],
        "verzekeraar": {iid: i.name for iid, i in c.insurers.items()},
        "regio": {rid: r.item.name for rid, r in c.regions.items()},
        "gemeente": {mid: mu.name for mid, mu in c.municipalities.items()},
        "status": site.labels["statuses"],
        "bron": {sid: e.item.title for sid, e in c.sources.items()},
        "soort": site.labels["kinds"],
    }


def finder_page(site: Site) -> Page:
    here = FINDER
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    for facets in site.facets.values():
        for name, ids in facets.items():
            counts[name].update(ids)
    former: dict[str, list[str]] = {}
    former_ids: dict[str, list[str]] = {}
    for former_id, (name, _) in site.c.former_names.items():
        for current in site.c.successors[former_id]:  # a split municipality is found under each successor
            former.setdefault(current, []).append(name.name)
            former_ids.setdefault(current, []).append(former_id)
    facets = []
    for name, labels in facet_labels(site).items():
        values = [
            {"id": vid, "label": plain(label), "count": counts[name][vid],
             "former": html_text(", ".join(sorted(former.get(vid, [])))) if name == "gemeente" else "",
             "aliases": " ".join(sorted(former_ids.get(vid, []))) if name == "gemeente" else ""}
            for vid, label in labels.items() if counts[name][vid]
        ]
        facets.append({"name": name, "label": FACETS[name][0], "help": FACETS[name][1], "options": values,
                       "filterable": len(values) > 15})
    listed = len(site.c.projects) <= FINDER_LIST_LIMIT
    return Page(here, "zoeken.md.j2", {
        "map": finder_map(site, here),  # maps (#14): partials/kaart/zoeker.md.j2
        "meta": meta(site, "Projecten zoeken", "Zoek projecten van gemeenten en zorgverzekeraars op trefwoord, thema, vorm, instrument, regio, gemeente, verzekeraar, status of bron.", hide=("navigation", "toc")),
        "count": len(site.c.projects),
        "facets": facets,
        "projects": [project_item(site, here, pid) for pid in site.c.projects] if listed else [],
        "all_projects": relative(here, f"{PROJECTS}/index.md"),
        "data_json": file_address(here, "data/projecten.json"),
        "data_csv": file_address(here, "data/projecten.csv"),
        "result_map": file_address(here, RESULT_MAP),
        "bundle": file_address(here, "pagefind") + "/",
    })
