"""/kaart/: the Netherlands with its 48 Wmo regions (2017) as a choropleth of projects, and the map views other
page kinds share: the gap maps of the overview, the finder's map, and the locator maps of region, municipality
and project pages.

In:  a `Site` (catalogue + facets) and the boundary shapes of `generator.geo`.
Out: `pages(site)`: /kaart/ and the shared base map /kaart/nederland.svg; functions returning view data:

    >>> locator_region(site, "regios/achterhoek.md", "achterhoek")["national"]["base"]
    '../../kaart/nederland.svg'

Every count is computed here at build time from the finder's facets (`site.facets`), so the map, its table and
the finder agree. A layer is one facet value ("thema:ouderen"); kaart.js recolours the map from the counts in the
page's JSON. Colour classes double their range (0, 1, 2-3, 4-7, 8-15, 16+): light to dark in one hue, so the
order survives greyscale and colour-blindness, and the 0 class is hatched; numbers are always printed too.
"""
from __future__ import annotations

import json
import re
import weakref
from dataclasses import dataclass
from typing import Any

from ..geo import ATTRIBUTION, HEIGHT, VIEWBOX, WIDTH, Shape, load_atlas
from ..text import attribute, html_content, html_text, plain
from .common import Page, Site, count_label, meta
from .urls import FINDER, address, file_address, region_path

MAP = "kaart/index.md"
BASE_MAP = "kaart/nederland.svg"  # the 48 regions in grey: the shared background of every locator map
# lower bound of each colour class; class 0 is "geen project bekend in de bronnen"
CLASS_FLOORS = (0, 1, 2, 4, 8, 16)
LAYER_FACETS = (("thema", "Thema"), ("onderwerp", "Onderwerp"), ("verzekeraar", "Zorgverzekeraar"))
LABEL_MIN_AREA = 700  # square units: smaller regions get no number on the map (the table and the name have it)


def pages(site: Site) -> list[Page]:
    return [map_page(site), Page(BASE_MAP, "", {"text": base_svg(site)})]


@dataclass
class Geometry:
    shapes: dict[str, Shape]  # region id -> its outline
    outline: str  # the country's coastline and borders


_geometry: "weakref.WeakKeyDictionary[Site, Geometry]" = weakref.WeakKeyDictionary()


def geometry(site: Site) -> Geometry:
    """The region shapes of this catalogue, computed once per build."""
    if site not in _geometry:
        c = site.c
        atlas = load_atlas()
        members = {rid: sorted({c.code_2017[mid] for mid in e.item.municipalities if mid in c.code_2017})
                   for rid, e in c.regions.items()}
        _geometry[site] = Geometry(atlas.regions(members), atlas.outline())
    return _geometry[site]


def colour_class(n: int) -> str:
    return f"k{sum(1 for floor in CLASS_FLOORS[1:] if n >= floor)}"


def legend() -> list[dict[str, str]]:
    out = [{"class": "k0", "label": "0: geen project bekend in de bronnen"}]
    for i, floor in enumerate(CLASS_FLOORS[1:], start=1):
        top = CLASS_FLOORS[i + 1] - 1 if i + 1 < len(CLASS_FLOORS) else None
        text = str(floor) if top == floor else f"{floor} tot en met {top}" if top else f"{floor} of meer"
        out.append({"class": f"k{i}", "label": f"{text} {'project' if floor == 1 and top == 1 else 'projecten'}"})
    return out


def _topic_labels(site: Site) -> dict[str, str]:
    return {t.id: t.label for t in getattr(site.c.taxonomy, "topics", None) or []}


def layers(site: Site) -> list[dict[str, Any]]:
    """Groups of layers for the selector: (facet, label, [(value id, label)]), only values with projects."""
    c = site.c
    labels = {"thema": site.labels["themes"], "onderwerp": _topic_labels(site),
              "verzekeraar": {iid: i.name for iid, i in c.insurers.items()}}
    used = {facet: {v for pid in site.facets for v in _values(site, pid, facet)} for facet, _ in LAYER_FACETS}
    return [{"facet": facet, "label": label,
             "options": [{"id": vid, "label": html_content(name)} for vid, name in labels[facet].items() if vid in used[facet]]}
            for facet, label in LAYER_FACETS if any(v in used[facet] for v in labels[facet])]


def region_counts(site: Site, facet: str = "", value: str = "") -> dict[str, int]:
    """Projects per region (the finder's "regio" facet), optionally only those with one facet value. The counts
    of every value of a facet are made in one pass over the projects, once per build (the map pages ask for
    about a hundred of them)."""
    tables = site.__dict__.setdefault("region_counts", {})
    if facet not in tables:
        per: dict[str, dict[str, int]] = {}
        for pid, facets in site.facets.items():
            for v in dict.fromkeys(_values(site, pid, facet)) if facet else [""]:
                counts = per.get(v)
                if counts is None:
                    counts = per[v] = dict.fromkeys(site.c.regions, 0)
                for rid in facets["regio"]:
                    counts[rid] += 1
        tables[facet] = per
    found = tables[facet].get(value if facet else "")
    return dict(found) if found is not None else dict.fromkeys(site.c.regions, 0)


def _values(site: Site, pid: str, facet: str) -> list[str]:
    """A project's values of a facet; topics straight from the project while the finder has no topic facet."""
    values = site.facets[pid].get(facet)
    if values is None and facet == "onderwerp":
        return list(getattr(site.c.projects[pid].item, "topics", None) or [])
    return values or []


def _regions_view(site: Site, here: str, counts: dict[str, int], link_to: str = "region") -> list[dict[str, Any]]:
    """One entry per region with its shape, count, colour class and link, in the catalogue's (name) order."""
    geo = geometry(site)
    finder = address(here, FINDER)
    out = []
    for rid, entry in site.c.regions.items():
        shape, n, name = geo.shapes[rid], counts[rid], entry.item.name
        out.append({
            "id": rid, "name": html_content(name), "d": shape.d, "count": n, "class": colour_class(n),
            "x": shape.label[0], "y": shape.label[1], "labelled": _area(shape) >= LABEL_MIN_AREA,
            "url": address(here, region_path(rid)) if link_to == "region" else f"{finder}?regio={rid}",
            "finder": f"{finder}?regio={rid}",
            "aria": attribute(html_text(f"{name}: {count_label(n, 'project', 'projecten')}")),
        })
    return out


def _area(shape: Shape) -> float:
    # the label point's region size: the bounding box of the path is a fair proxy and cheap to get
    xs, ys, x, y = [], [], 0, 0
    for token in _tokens(shape.d):
        if token[0] == "M":
            x, y = token[1], token[2]
        else:
            x, y = x + token[1], y + token[2]
        xs.append(x)
        ys.append(y)
    return (max(xs) - min(xs)) * (max(ys) - min(ys)) if xs else 0.0


def _tokens(d: str):
    """('M', x, y) and ('l', dx, dy) steps of path data written by generator.geo."""
    for part in re.finditer(r"([Ml])([^Mlz]*)", d):
        numbers = [int(n) for n in re.findall(r"-?\d+", part.group(2))]
        if part.group(1) == "M":
            yield ("M", numbers[0], numbers[1])
        else:
            for i in range(0, len(numbers) - 1, 2):
                yield ("l", numbers[i], numbers[i + 1])


def _bounds(d: str) -> tuple[int, int, int, int]:
    xs, ys, x, y = [], [], 0, 0
    for token in _tokens(d):
        x, y = (token[1], token[2]) if token[0] == "M" else (x + token[1], y + token[2])
        xs.append(x)
        ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def _zoom_box(paths: list[str], margin: float = 0.08) -> str:
    boxes = [_bounds(d) for d in paths if d]
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    w, h = max(x1 - x0, 20), max(y1 - y0, 20)
    side = max(w, h) * (1 + 2 * margin)  # square, so every region fills the same panel
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return f"{cx - side / 2:.0f} {cy - side / 2:.0f} {side:.0f} {side:.0f}"


def layer_data(site: Site) -> dict[str, Any]:
    """What kaart.js needs: region ids in table order, and per layer the counts in that order."""
    order = list(site.c.regions)
    data: dict[str, list[int]] = {"": [region_counts(site)[r] for r in order]}
    for group in layers(site):
        for v in group["options"]:
            counts = region_counts(site, group["facet"], v["id"])
            data[f"{group['facet']}:{v['id']}"] = [counts[r] for r in order]
    return {"regios": order, "lagen": data, "klassen": list(CLASS_FLOORS)}


def _json(data: Any) -> str:
    # inside <script type="application/json">: no "</" may appear, and the text is not HTML-escaped
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def map_page(site: Site) -> Page:
    here = MAP
    c = site.c
    counts = region_counts(site)
    regions = _regions_view(site, here, counts)
    themes = []
    for t in c.taxonomy.themes:
        per = region_counts(site, "thema", t.id)
        total = len(c.projects_by_theme.get(t.id, []))
        if not total:
            continue
        none = sum(1 for n in per.values() if n == 0)
        themes.append({
            "id": t.id, "title": html_content(t.label), "count": total, "none": none,
            "regions": [{"id": rid, "class": colour_class(n), "title": html_content(f"{c.regions[rid].item.name}: {n}")}
                        for rid, n in per.items()],
            "aria": attribute(html_text(
                f"Kaart {t.label}: {count_label(total, 'project', 'projecten')}; "
                f"{count_label(len(per) - none, 'regio', 'regio’s')} met een project, {none} zonder bekend project")),
            "finder": f"{address(here, FINDER)}?thema={t.id}",
        })
    return Page(here, "kaart.md.j2", {
        "meta": meta(site, "Kaart", "De 48 Wmo-regio's van 2017 op de kaart: hoeveel projecten van gemeenten en "
                     "zorgverzekeraars per regio, per thema, onderwerp en zorgverzekeraar.", hide=("navigation", "toc")),
        "count": len(c.projects),
        "viewbox": VIEWBOX, "width": WIDTH, "height": HEIGHT,
        "outline": geometry(site).outline,
        "regions": regions,
        "legend": legend(),
        "layers": layers(site),
        "data": _json(layer_data(site)),
        "themes": themes,
        "finder": address(here, FINDER),
        "overview": address(here, "overzicht/index.md"),
        "home": address(here, "index.md"),
        "attribution": ATTRIBUTION,
        "script": file_address(here, "assets/kaart.js"),
    })


def finder_map(site: Site, here: str) -> dict[str, Any]:
    """The finder's map: every region a link that filters the finder by it; kaart.js shades them by the counts
    zoeken.js reports after every search ("zoeker:resultaten")."""
    counts = region_counts(site)
    return {
        "viewbox": VIEWBOX, "outline": geometry(site).outline, "legend": legend(),
        "regions": _regions_view(site, here, counts, link_to="finder"), "attribution": ATTRIBUTION,
        "classes": json.dumps(list(CLASS_FLOORS)),
        "script": file_address(here, "assets/kaart.js"),
    }


def gap_maps(site: Site, here: str) -> dict[str, Any]:
    """The overview's maps: per theme, the regions where the sources name no project (hatched)."""
    c = site.c
    geo = geometry(site)
    maps = []
    for t in c.taxonomy.themes:
        per = region_counts(site, "thema", t.id)
        none = [rid for rid, n in per.items() if n == 0]
        maps.append({
            "title": html_content(t.label), "none": len(none),
            "text": html_content(f"{count_label(len(none), 'regio', 'regio’s')} zonder bekend project"),
            "aria": attribute(html_text(
                f"{t.label}: in {count_label(len(none), 'regio', 'regio’s')} geen project bekend in de bronnen"
                + (f" ({', '.join(c.regions[r].item.name for r in none)})" if 0 < len(none) <= 12 else ""))),
            "regions": [{"id": rid, "class": "kaart__gat" if per[rid] == 0 else "kaart__wel"} for rid in per],
            "finder": f"{address(here, FINDER)}?thema={t.id}",
        })
    return {"viewbox": VIEWBOX, "outline": geo.outline,
            "defs": [{"id": rid, "d": geo.shapes[rid].d} for rid in c.regions],
            "maps": maps, "attribution": ATTRIBUTION, "map": address(here, MAP)}


# --- locator maps ------------------------------------------------------------------------------------------------
def _municipality_shape(site: Site, any_id: str) -> tuple[str, str]:
    """(path data, name) of a register id: its 2017 shape if it had one, else today's."""
    c = site.c
    atlas = load_atlas()
    if any_id in c.code_2017:
        return atlas.municipality(2017, c.code_2017[any_id]).d, _name(site, any_id)
    current = c.current_municipality[any_id]
    return atlas.municipality(2025, c.municipalities[current].code).d, _name(site, any_id)


def _name(site: Site, any_id: str) -> str:
    c = site.c
    if any_id in c.municipalities:
        return c.municipalities[any_id].name
    return c.former_names[any_id][0].name


def _national(here: str, accents: list[str], lights: list[str], label: str) -> dict[str, Any]:
    return {"base": file_address(here, BASE_MAP), "viewbox": VIEWBOX, "width": WIDTH, "height": HEIGHT,
            "accents": accents, "lights": lights, "label": attribute(html_text(label))}


def locator_region(site: Site, here: str, rid: str) -> dict[str, Any]:
    """A region page: the region on the national map, and the region close up with its 2017 municipalities."""
    c = site.c
    shape = geometry(site).shapes[rid]
    name = c.regions[rid].item.name
    parts = [_municipality_shape(site, mid) for mid in dict.fromkeys(
        mid if mid in c.code_2017 else c.current_municipality[mid] for mid in c.regions[rid].item.municipalities)]
    seen: set[str] = set()
    municipalities = []
    for d, mname in parts:
        if d not in seen:  # municipalities merged before 2017 share their successor's shape
            seen.add(d)
            municipalities.append({"d": d, "title": plain(mname)})
    return {
        "national": _national(here, [shape.d], [], f"Ligging van de regio {name} in Nederland"),
        "zoom": {"viewbox": _zoom_box([shape.d]), "outline": shape.d, "parts": municipalities, "accent": "",
                 "label": attribute(html_text(
                     f"De gemeenten van de regio {name} (2017): " + ", ".join(sorted(m['title'] for m in municipalities))))},
        "caption": plain(f"De regio {name} met haar gemeenten van 2017."),
        "attribution": ATTRIBUTION,
    }


def locator_municipality(site: Site, here: str, mid: str) -> dict[str, Any]:
    """A municipality page: where it lies, within the region(s) it or its predecessors belonged to in 2017."""
    c = site.c
    mu = c.municipalities[mid]
    shape = load_atlas().municipality(2025, mu.code)
    regions = c.regions_of_municipality.get(mid, [mu.region])
    outlines = [geometry(site).shapes[r].d for r in regions if r in c.regions]
    names = [c.regions[r].item.name for r in regions if r in c.regions]
    region_text = " en ".join(names)
    return {
        "national": _national(here, [shape.d], outlines,
                              f"Ligging van {mu.name} in Nederland, in de regio {region_text}"),
        "zoom": {"viewbox": _zoom_box(outlines + [shape.d]), "outline": "".join(outlines), "parts": [],
                 "accent": shape.d,
                 "label": attribute(html_text(f"{mu.name} binnen de regio {region_text} (2017)"))},
        "caption": plain(f"{mu.name} (donker) in de regio {region_text} (licht), grenzen van vandaag."),
        "attribution": ATTRIBUTION,
    }


def locator_project(site: Site, here: str, pid: str) -> dict[str, Any]:
    """A project page: the regions it covers (light) and the municipalities it names (dark)."""
    c = site.c
    p = c.projects[pid].item
    outlines = [geometry(site).shapes[r].d for r in p.regions]
    named = [] if p.whole_region else [_municipality_shape(site, mid) for mid in p.municipalities]
    region_names = [c.regions[r].item.name for r in p.regions]
    if named:
        label = (f"Kaart: {', '.join(n for _, n in named)} in de regio {' en '.join(region_names)}")
        caption = "De deelnemende gemeenten (donker) en hun regio (licht)."
    else:
        label = f"Kaart: de regio {' en '.join(region_names)} in Nederland"
        caption = "Het gebied van het project: " + ("de hele regio." if len(region_names) == 1 else "de hele regio's.")
    return {
        "national": _national(here, [d for d, _ in named] or outlines, outlines if named else [], label),
        "zoom": None,
        "caption": plain(caption),
        "attribution": ATTRIBUTION,
    }


def base_svg(site: Site) -> str:
    """The 48 regions in grey with white borders, and the coastline: a file every locator map shows behind its
    own shapes, so a page carries only what it adds."""
    geo = geometry(site)
    paths = "".join(geo.shapes[rid].d for rid in site.c.regions)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{VIEWBOX}" width="{WIDTH}" height="{HEIGHT}">'
            f'<path d="{paths}" fill="#e4e7ec" stroke="#fff" stroke-width="1.2" stroke-linejoin="round"/>'
            f'<path d="{geo.outline}" fill="none" stroke="#6b7280" stroke-width="0.8" stroke-linejoin="round"/>'
            f'</svg>\n')
