"""The municipality register against both boundary files, and the geometry that draws the maps.

The register joins content to the maps by CBS code; these tests hold it to the two CBS/Kadaster files in geo/:
every current municipality has a 2025 shape under its code, every municipality of 2017 (current or former) has
a 2017 shape, every 2017 shape belongs to exactly one region, and the splits and own regions the issue names
are there."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT
from generator.catalogue import load_catalogue
from generator.diagnostics import Diagnostics
from generator.geo import GEO_DIR, HEIGHT, WIDTH, Topology, load_atlas
from generator.pages.map import _bounds, _tokens

HASHES = {  # as published in geo/README.md (cartomap/nl commits 01e3b4c and 10e524b)
    "gemeente_2025.topojson": "12f0da7537f29582ae20ba43713cf7291dcc61bfbe81914febbbf95b3945d077",
    "gemeente_2017.topojson": "64c7c0c925d622afe5c778e30c0a253eb836e9510e868d623d23f6c12bd6d4dd",
}


@pytest.fixture(scope="module")
def catalogue():
    diagnostics = Diagnostics()
    c = load_catalogue(ROOT / "content", diagnostics)
    assert c is not None, diagnostics
    return c


def boundary(year: int) -> dict[str, str]:
    """CBS code -> name, straight from the file (not through generator.geo)."""
    data = json.loads((GEO_DIR / f"gemeente_{year}.topojson").read_text(encoding="utf-8"))
    return {g["properties"]["statcode"]: g["properties"]["statnaam"] for g in data["objects"][f"gemeente_{year}"]["geometries"]}


def test_boundary_files_are_the_published_ones():
    for name, digest in HASHES.items():
        assert hashlib.sha256((GEO_DIR / name).read_bytes()).hexdigest() == digest, name
    readme = (GEO_DIR / "README.md").read_text(encoding="utf-8")
    assert "Kaartgegevens: © CBS / Kadaster, CC BY 4.0" in readme and "CC BY 4.0" in readme


def test_every_current_municipality_has_its_2025_shape(catalogue):
    shapes = boundary(2025)
    codes = {mu.code: mid for mid, mu in catalogue.municipalities.items()}
    assert len(catalogue.municipalities) == len(shapes) == 342
    assert set(codes) == set(shapes), (set(codes) ^ set(shapes))
    # names agree apart from the province suffix the 2025 file adds ("Hengelo (O.)")
    for code, mid in codes.items():
        plain = re.sub(r" \([A-Z.]+\)$", "", shapes[code])
        assert catalogue.municipalities[mid].name.startswith(plain.split(" (")[0]), (code, shapes[code])


def test_every_2017_municipality_has_a_2017_shape_and_one_region(catalogue):
    shapes = boundary(2017)
    own = {}  # 2017 code -> register id of the municipality that had that code in 2017
    for mid, mu in catalogue.municipalities.items():
        if mu.founded is None:
            own[mu.code] = mid
        for f in mu.former:
            if f.code:
                assert f.code not in own, f.code
                own[f.code] = f.id
    assert set(own) == set(shapes), set(own) ^ set(shapes)
    assert len(shapes) == 388
    # every region's municipalities have a 2017 shape, and together the regions cover each 2017 shape once
    covered: dict[str, str] = {}
    for rid, entry in catalogue.regions.items():
        for mid in entry.item.municipalities:
            code = catalogue.code_2017[mid]
            assert code in shapes, (rid, mid)
            assert covered.setdefault(code, rid) == rid, f"{code} in {covered[code]} and {rid}"
    assert set(covered) == set(shapes)


def test_new_municipalities_have_no_2017_shape(catalogue):
    shapes = boundary(2017)
    for mid, mu in catalogue.municipalities.items():
        assert (mu.code in shapes) == (mu.founded is None), mid


def test_splits_and_own_regions(catalogue):
    c = catalogue
    assert c.successors["haaren"] == ["oisterwijk", "vught", "boxtel", "tilburg"]
    assert c.former_names["haaren"][0].year == 2021
    assert c.successors["littenseradiel"] == ["sudwest-fryslan", "leeuwarden", "waadhoeke"]
    assert c.former_names["littenseradiel"][0].year == 2018
    # each former municipality keeps its own 2017 region, also where its successor lies in another one
    for former, successor in (("haaren", "oisterwijk"), ("vianen", "vijfheerenlanden"), ("weesp", "amsterdam")):
        assert c.region_2017[former] != c.region_2017[successor], former
        assert former in c.regions[c.region_2017[former]].item.municipalities
    assert c.region_2017["weesp"] == "gooi-en-vechtstreek"
    assert c.region_2017["vianen"] == "lekstroom"
    # the successors find the former municipality's projects and region
    for part in c.successors["haaren"]:
        assert "noord-oost-brabant" in c.regions_of_municipality[part], part
    # merged before 2017: lies in its successor's 2017 shape
    assert c.code_2017["schijndel"] == c.municipalities["meierijstad"].code


def test_the_finder_facet_counts_a_split_municipality_for_every_part(catalogue):
    from generator.pages.common import facet_values

    c = catalogue
    named = [pid for pid, e in c.projects.items() if "haaren" in e.item.municipalities]
    regional = [pid for pid, e in c.projects.items()
                if e.item.whole_region and any("haaren" in c.regions[r].item.municipalities for r in e.item.regions)]
    assert named or regional, "no project reaches Haaren: the test would prove nothing"
    for pid in named + regional:
        values = facet_values(c, c.projects[pid].item)["gemeente"]
        assert set(c.successors["haaren"]) <= set(values), pid


# --- geometry ----------------------------------------------------------------------------------------------------
def test_region_shape_is_the_union_of_its_municipalities():
    topo = Topology(GEO_DIR / "gemeente_2017.topojson")
    aalten, winterswijk = "GM0197", "GM0294"  # neighbours in the Achterhoek
    union = topo.union([aalten, winterswijk])
    # one ring: the shared border is interior and gone, and it shows up as an inner line instead
    assert union.d.count("M") == 1 and union.d.endswith("z")
    assert union.inner and union.inner.count("M") >= 1
    # two municipalities that do not touch stay two rings
    apart = topo.shape(aalten).d.count("M") + topo.shape("GM0363").d.count("M")
    assert topo.union([aalten, "GM0363"]).d.count("M") == apart
    # the union's outline has no more area than both and no less than either (shoelace on the rounded points)
    def area(d: str) -> float:
        total = 0.0
        for ring in re.findall(r"M[^Mz]*z", d):
            pts, x, y = [], 0, 0
            for kind, dx, dy in _tokens(ring):
                x, y = (dx, dy) if kind == "M" else (x + dx, y + dy)
                pts.append((x, y))
            total += abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(pts, pts[1:] + pts[:1])) / 2)
        return total
    a, w, u = area(topo.shape(aalten).d), area(topo.shape(winterswijk).d), area(union.d)
    assert max(a, w) < u <= (a + w) * 1.02


def test_all_shapes_lie_inside_the_frame():
    atlas = load_atlas()
    for year in (2017, 2025):
        for code in atlas.codes(year):
            x0, y0, x1, y1 = _bounds(atlas.municipality(year, code).d)
            assert 0 <= x0 and 0 <= y0 and x1 <= WIDTH and y1 <= HEIGHT, (year, code)


def test_label_point_lies_inside_its_region(catalogue):
    from generator.geo import _inside

    atlas = load_atlas()
    members = {rid: sorted({catalogue.code_2017[m] for m in e.item.municipalities}) for rid, e in catalogue.regions.items()}
    for rid, shape in atlas.regions(members).items():
        rings = []
        for ring in re.findall(r"M[^Mz]*z", shape.d):
            pts, x, y = [], 0, 0
            for kind, dx, dy in _tokens(ring):
                x, y = (dx, dy) if kind == "M" else (x + dx, y + dy)
                pts.append((x, y))
            rings.append(pts)
        assert _inside(shape.label, rings), rid
