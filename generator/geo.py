"""Geo: municipality and region shapes as compact SVG path data, from the TopoJSON boundary files in `geo/`.

In:  `geo/gemeente_2017.topojson` and `geo/gemeente_2025.topojson` (CBS/Kadaster, quantized WGS84 arcs), and for
     regions a mapping region id -> the CBS codes of its 2017 municipalities.
Out: an `Atlas`: every shape projected into one shared frame (`VIEWBOX`), simplified and rounded, as SVG path data;
     regions as the union of their municipalities (arcs used twice inside a region are interior and dropped),
     plus label points and the lines between municipalities inside a region.

    >>> atlas = load_atlas(Path("geo"))
    >>> atlas.municipality(2017, "GM0197")[:12]
    'M...'
    >>> regions = atlas.regions({"achterhoek": ["GM0197", "GM0222"]})
    >>> regions["achterhoek"].d, regions["achterhoek"].label

The projection is equirectangular with longitude scaled by cos(52.2°), which keeps the Netherlands' shape within
a few per cent of the national RD grid and needs no library. Simplification (Douglas-Peucker) runs per arc, so
neighbours keep sharing the very same border and no gaps open between them.
"""
from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

GEO_DIR = Path(__file__).resolve().parent.parent / "geo"
ATTRIBUTION = "Kaartgegevens: © CBS / Kadaster, CC BY 4.0"

LON0, LAT_TOP = 3.34, 53.57  # west and north edge of the frame, in degrees
UNIT = 240.0  # SVG units per degree of latitude: the country is about 570 x 680 units
COS = math.cos(math.radians(52.2))
WIDTH, HEIGHT = 574, 681
VIEWBOX = f"0 0 {WIDTH} {HEIGHT}"
TOLERANCE = 0.5  # SVG units; below a pixel at the sizes the maps are shown

Point = tuple[float, float]


@dataclass(frozen=True)
class Shape:
    d: str  # SVG path data
    label: tuple[int, int]  # a point inside the shape for its number
    inner: str = ""  # path data of the lines between its parts (a region's municipalities)


class Topology:
    """One TopoJSON file: arcs decoded, projected and simplified once; geometries by CBS code."""

    def __init__(self, path: Path):
        data = json.loads(path.read_text(encoding="utf-8"))
        (sx, sy), (tx, ty) = data["transform"]["scale"], data["transform"]["translate"]
        self.raw: list[list[tuple[int, int]]] = []  # quantized absolute points: exact, for matching arc ends
        self.arcs: list[list[tuple[int, int]]] = []  # projected, simplified, rounded
        for arc in data["arcs"]:
            x = y = 0
            raw = []
            for dx, dy in arc:
                x, y = x + dx, y + dy
                raw.append((x, y))
            self.raw.append(raw)
            projected = [project(x * sx + tx, y * sy + ty) for x, y in raw]
            self.arcs.append(_round(_simplify(projected, TOLERANCE)))
        (obj,) = data["objects"].values()
        self.polygons: dict[str, list[list[list[int]]]] = {}  # code -> polygons -> rings -> arc refs
        self.names: dict[str, str] = {}
        for g in obj["geometries"]:
            code = g["properties"]["statcode"]
            self.polygons[code] = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
            self.names[code] = g["properties"]["statnaam"]
        self._shapes: dict[str, Shape] = {}  # code -> its shape, made on first use (a Shape is immutable)

    def ring(self, refs: list[int]) -> list[tuple[int, int]]:
        points: list[tuple[int, int]] = []
        for ref in refs:
            arc = self.arcs[ref] if ref >= 0 else self.arcs[~ref][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    def shape(self, code: str) -> Shape:
        """One municipality's outline. Every project page's locator map asks for the shapes of the municipalities
        it names, so a shape is made once per municipality, not once per page."""
        shape = self._shapes.get(code)
        if shape is None:
            rings = [self.ring(r) for polygon in self.polygons[code] for r in polygon]
            shape = self._shapes[code] = Shape(path_data(rings), label_point([r for r in rings if len(r) > 2]))
        return shape

    def union(self, codes: list[str]) -> Shape:
        """The outline of several municipalities together: arcs they share are interior."""
        uses: dict[int, int] = {}
        refs: list[int] = []
        for code in codes:
            for polygon in self.polygons[code]:
                for ring in polygon:
                    for ref in ring:
                        uses[_arc(ref)] = uses.get(_arc(ref), 0) + 1
                        refs.append(ref)
        border = [ref for ref in refs if uses[_arc(ref)] == 1]
        rings = [self.ring(r) for r in self._stitch(border)]
        inner = [self.arcs[i] for i in sorted({_arc(r) for r in refs if uses[_arc(r)] > 1})]
        return Shape(path_data(rings), label_point([r for r in rings if len(r) > 2]), line_data(inner))

    def _stitch(self, refs: list[int]) -> list[list[int]]:
        """Chain border arcs end to start into closed rings."""
        def ends(ref: int) -> tuple[tuple[int, int], tuple[int, int]]:
            raw = self.raw[_arc(ref)]
            return (raw[0], raw[-1]) if ref >= 0 else (raw[-1], raw[0])

        starting: dict[tuple[int, int], list[int]] = {}
        for ref in refs:
            starting.setdefault(ends(ref)[0], []).append(ref)
        used: set[int] = set()
        rings = []
        for first in refs:
            if first in used:
                continue
            ring, ref = [], first
            while ref is not None and ref not in used:
                used.add(ref)
                ring.append(ref)
                ref = next((r for r in starting.get(ends(ref)[1], []) if r not in used), None)
            rings.append(ring)
        return rings

    def mesh(self, outer: bool) -> str:
        """Path data of the country's outline (outer=True) or of every border between two municipalities."""
        uses: dict[int, int] = {}
        for polygons in self.polygons.values():
            for polygon in polygons:
                for ring in polygon:
                    for ref in ring:
                        uses[_arc(ref)] = uses.get(_arc(ref), 0) + 1
        return line_data([self.arcs[i] for i in sorted(uses) if (uses[i] == 1) == outer])


def _arc(ref: int) -> int:
    return ref if ref >= 0 else ~ref


def project(lon: float, lat: float) -> Point:
    return ((lon - LON0) * COS * UNIT, (LAT_TOP - lat) * UNIT)


def _simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, keeping both ends (they are shared with the neighbouring arcs). A closed arc (an island)
    keeps its farthest point too, so it cannot collapse to a line."""
    if len(points) < 3:
        return points
    if points[0] == points[-1]:
        far = max(range(1, len(points) - 1), key=lambda i: _dist2(points[i], points[0]))
        return _simplify(points[:far + 1], tolerance)[:-1] + _simplify(points[far:], tolerance)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        best, index = 0.0, 0
        for i in range(a + 1, b):
            d = _segment_distance(points[i], points[a], points[b])
            if d > best:
                best, index = d, i
        if best > tolerance:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(points, keep) if k]


def _dist2(p: Point, q: Point) -> float:
    return (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    length2 = _dist2(a, b)
    if length2 == 0:
        return math.sqrt(_dist2(p, a))
    t = max(0.0, min(1.0, ((p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])) / length2))
    return math.sqrt(_dist2(p, (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))))


def _round(points: list[Point]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for x, y in points:
        p = (round(x), round(y))
        if not out or p != out[-1]:
            out.append(p)
    if len(out) == 1:
        out.append(out[0])  # an arc keeps two ends, even when they round to one point
    return out


def _numbers(points: list[tuple[int, int]]) -> str:
    """'M x y' then relative steps, with no space before a minus sign: the shortest plain form."""
    (x0, y0), out = points[0], [f"M{points[0][0]} {points[0][1]}"]
    steps = []
    for x, y in points[1:]:
        dx, dy = x - x0, y - y0
        x0, y0 = x, y
        if dx or dy:
            steps.append(f"{dx}{'' if dy < 0 else ' '}{dy}")
    if steps:
        out.append("l" + "".join(s if s.startswith("-") or i == 0 else " " + s for i, s in enumerate(steps)))
    return "".join(out)


def path_data(rings: list[list[tuple[int, int]]]) -> str:
    """Closed rings; a ring that rounds to fewer than three points (a speck of an island) is left out."""
    return "".join(_numbers(r) + "z" for r in rings if len(set(r)) >= 3)


def line_data(lines: list[list[tuple[int, int]]]) -> str:
    return "".join(_numbers(line) for line in lines if len(set(line)) >= 2)


def _area(ring: list[tuple[int, int]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1])) / 2


def _inside(p: Point, rings: list[list[tuple[int, int]]]) -> bool:
    x, y = p
    inside = False
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
    return inside


def label_point(rings: list[list[tuple[int, int]]]) -> tuple[int, int]:
    """A point well inside the largest ring: the middle of the widest horizontal run through it, tried on a few
    lines around its centroid (a centroid can fall outside a bent shape)."""
    if not rings:
        return (0, 0)
    ring = max(rings, key=lambda r: abs(_area(r)))
    ys = [y for _, y in ring]
    top, bottom = min(ys), max(ys)
    best: tuple[float, float, float] = (-1.0, 0.0, 0.0)
    for step in range(1, 12):
        y = top + (bottom - top) * step / 12 + 0.5
        crossings = sorted(x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                           for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]) if (y0 > y) != (y1 > y))
        for a, b in zip(crossings[::2], crossings[1::2]):
            # prefer wide runs near the vertical middle
            score = (b - a) * (1 - abs(step - 6) / 12)
            if score > best[0] and _inside(((a + b) / 2, y), rings):
                best = (score, (a + b) / 2, y)
    return (round(best[1]), round(best[2]))


class Atlas:
    """Both years' municipalities, loaded once per process (the files do not change during a build)."""

    def __init__(self, folder: Path = GEO_DIR):
        self.years = {year: Topology(folder / f"gemeente_{year}.topojson") for year in (2017, 2025)}

    def codes(self, year: int) -> set[str]:
        return set(self.years[year].polygons)

    def municipality(self, year: int, code: str) -> Shape:
        return self.years[year].shape(code)

    def regions(self, members: dict[str, list[str]]) -> dict[str, Shape]:
        """Region id -> the union of its 2017 municipalities (CBS codes of 2017)."""
        return {rid: self.years[2017].union(codes) for rid, codes in members.items()}

    def outline(self) -> str:
        return self.years[2017].mesh(outer=True)


@functools.lru_cache(maxsize=2)
def load_atlas(folder: Path = GEO_DIR) -> Atlas:
    return Atlas(folder)
