"""/zoeken/: the project finder. Free text plus facets; the facets and their totals are in the HTML (no-JS
readers get the full project list); zoeken.js keeps the selection in the address and asks Pagefind."""
from __future__ import annotations

import json
from collections import Counter
from typing import Any

from .. import model as m
from ..catalogue import _sort_name
from ..search_index import EVERY_PROJECT, SearchWords, finder_help
from ..text import html_content, html_text
from .common import Page, Site, dutch_list, html_project_item, meta, municipality_name, reference_label
from .map import finder_map
from .urls import (FINDER, HOME, MUNICIPALITIES, OVERVIEW, PROJECTS, REGIONS, RESULT_IDS, RESULT_MAP, THEMES, TOPICS,
                   address, file_address, relative)

HELP = "zoeken/hulp.json"          # places, topic terms and stop words (loaded with the finder)
MAP = "zoeken/kaart.svg"           # the finder's map, loaded after the first results (partials/kaart/zoeker.md.j2)
WORDS = "zoeken/woorden"           # the catalogue's words by first letter: zoeken/woorden/m.json

LAZY_FACETS = {"gemeente"}  # facets whose values are a file of their own, loaded when the facet is opened or the
# address chooses one of its values: the 342 municipalities were 6 of the finder page's 15 kB gzip that a plain
# query does not need (at every catalogue size, so the fixture catalogue's tests take the same path)

FINDER_LIST_LIMIT = 0  # above this the finder's no-JS list links to /projecten/ instead of repeating it: at 2,000 projects
# the list was 121 kB of the 145 kB (gzip) finder page that every visitor with JavaScript downloads too, and with the
# real 423 projects still 19 of its 33 kB (the first result's budget is 250 kB); /projecten/ lists every project

# Finder facets: URL parameter -> (Dutch label, help text). The parameter is also the Pagefind filter name.
FACETS = {
    "thema": ("Thema", "Zoals de bron het project indeelt."),
    "onderwerp": ("Onderwerp", "De eigen indeling van de catalogus in concrete onderwerpen, naast de thema's van de bron."),
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
    words = [Page(f"{WORDS}/{shard}.json", "", {"text": text}) for shard, text in _search(site).texts.items()]
    finder = finder_page(site)
    the_map = Page(MAP, "zoeken_kaart.svg.j2", {"map": finder.view["map"]})
    long_facets = [Page(facet_file(f["name"]), "zoeken_facet.json.j2", {"f": f})
                   for f in finder.view["facets"] if f["file"]]
    return [finder, the_map, *long_facets, Page(HELP, "", {"text": _json(finder_help(site.c))})] + words


def facet_file(name: str) -> str:
    return f"zoeken/facet-{name}.json"


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _search(site: Site) -> SearchWords:
    """The projects' search words, their compound parts and the vocabulary files, made once per build for the
    project pages (their hidden extra words) and the finder; a long-running process keeps them between builds
    and updates them for the projects that changed (search_index.SearchWords)."""
    if not hasattr(site, "search_words"):
        state = site.views.state.get("search") if site.views is not None else None
        if state is None:
            state = SearchWords()
            if site.views is not None:
                site.views.state["search"] = state
        state.update(site.c, _json)
        site.search_words = state
    return site.search_words


def _compounds(site: Site) -> dict[str, list[str]]:
    """The parts of each project's compound words (for the project pages and the finder's vocabulary)."""
    return _search(site).compounds


def _short(names: list[str], limit: int = 3) -> str:
    if len(names) <= limit:
        return dutch_list(names)
    return f"{', '.join(names[:limit])} en {len(names) - limit} andere"


def search_entry(site: Site, pid: str) -> dict[str, Any]:
    """What a project page gives the finder: Pagefind filters and sort keys, the facts of its result card
    (as Pagefind meta), and hidden extra words (the parts of its compound words, weighted low)."""
    c = site.c
    p: m.Project = c.projects[pid].item
    labels = site.labels
    forms = sorted({f for f in ([p.form] if isinstance(p.form, str) else (p.form or {}).values())})
    status = labels["statuses"][p.status]
    if p.status != "onbekend":
        status = f"{status} ({reference_label(p.reference_date)})"
    municipalities = ["alle gemeenten van de regio"] if p.whole_region else []
    municipalities += [municipality_name(site, mid) for mid in p.municipalities]
    card = {
        "id": pid,
        "regio": ", ".join(c.regions[r].item.name for r in p.regions),
        "gemeenten": _short(municipalities),
        "verzekeraars": ", ".join(c.insurers[i].name for i in p.insurers),
        "onderwerpen": ", ".join(labels["topics"][t] for t in p.topics),
        "themas": ", ".join(labels["themes"][t] for t in p.themes),
        "vorm": ", ".join(labels["forms"][f] for f in forms),
        "status": status,
        "soort": labels["kinds"][p.kind] if p.kind != "project" else "",
    }
    return {
        "filters": [{"name": name, "value": value} for name, ids in site.facets[pid].items() for value in ids],
        # the finder's sort keys (not Pagefind's: build.py reads them into the result map); printed into the
        # page's HTML, escaped like the card facts (a title can hold markup)
        "sorts": {"naam": html_text(_sort_name(p.title)),
                  "regio": html_text(_sort_name(c.regions[p.regions[0]].item.name) + " " + _sort_name(p.title)),
                  "peildatum": html_text(p.reference_date)},
        "meta": {k: html_text(v) for k, v in card.items() if v},
        "extra_words": html_text(" ".join([EVERY_PROJECT, *_compounds(site).get(pid, [])])),
    }


def facet_labels(site: Site) -> dict[str, dict[str, str]]:
    """Facet name -> {value id: label}, in display order."""
    c = site.c
    return {
        "thema": site.labels["themes"],
        "onderwerp": {t.id: t.label for t in c.taxonomy.topics},
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
    """The finder's form: the query, sorting, the facets with their totals (zoeken.js updates them)."""
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
            {"id": vid, "label": html_content(label), "count": counts[name][vid],
             "former": html_text(", ".join(sorted(former.get(vid, [])))) if name == "gemeente" else "",
             "aliases": " ".join(sorted(former_ids.get(vid, []))) if name == "gemeente" else ""}
            for vid, label in labels.items() if counts[name][vid]
        ]
        facets.append({"name": name, "label": FACETS[name][0], "help": FACETS[name][1], "options": values,
                       "filterable": len(values) > 15,
                       "file": file_address(here, facet_file(name)) if name in LAZY_FACETS else ""})
    listed = len(site.c.projects) <= FINDER_LIST_LIMIT
    return Page(here, "zoeken.md.j2", {
        "map": {**finder_map(site, here), "file": file_address(here, MAP)},  # maps (#14): partials/kaart/zoeker.md.j2
        "meta": meta(site, "Projecten zoeken", "Zoek projecten van gemeenten en zorgverzekeraars op trefwoord, thema, vorm, instrument, regio, gemeente, verzekeraar, status of bron.", hide=("navigation", "toc")),
        "count": len(site.c.projects),
        "facets": facets,
        "projects": [html_project_item(site, here, pid) for pid in site.c.projects] if listed else [],
        "all_projects": address(here, f"{PROJECTS}/index.md"),
        "home": address(here, HOME), "overview": address(here, OVERVIEW),
        "regions": address(here, f"{REGIONS}/index.md"), "themes": address(here, f"{THEMES}/index.md"),
        "municipalities": address(here, f"{MUNICIPALITIES}/index.md"),
        "data_json": file_address(here, "data/projecten.json"),
        "data_csv": file_address(here, "data/projecten.csv"),
        "result_map": file_address(here, RESULT_MAP),
        "result_ids": file_address(here, RESULT_IDS),
        "bundle": file_address(here, "pagefind") + "/",
        "help": file_address(here, HELP),
        "words": file_address(here, WORDS) + "/",
        "topics": relative(here, f"{TOPICS}/index.md"),  # data-topics: zoeken.js drops the index.md
        "topics_url": address(here, f"{TOPICS}/index.md"),
        "sorts": [{"id": "", "label": "relevantie"}, {"id": "naam", "label": "titel (A-Z)"},
                  {"id": "regio", "label": "regio (A-Z)"}, {"id": "peildatum", "label": "peildatum (nieuwste eerst)"}],
    })
