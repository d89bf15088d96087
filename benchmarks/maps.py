"""Benchmark: what the maps cost a visitor, in bytes (gzip -9, as a static host would serve them).

    python benchmarks/maps.py                 # builds the real content/ into a temporary folder first
    python benchmarks/maps.py --site site     # an existing build (the folder MkDocs wrote)

Prints one line per figure, against the targets of issue #14:
  national map   the inline SVG of /kaart/ (48 linked regions, numbers, outline)          target <= 60 kB gzip
  kaart page     the whole /kaart/ HTML (map, selector data, table, per-theme maps)       (figure only)
  base map       /kaart/nederland.svg, the shared background of every locator map        (once per visitor)
  locator map    growth of a region, municipality and project page by its locator map    target <= 15 kB gzip
                 (page gzip minus the same page with the map's <div class="ligging"> cut out; the largest
                 of each kind over all pages of that kind)
  finder map     growth of /zoeken/ by its map
  gap maps       growth of /overzicht/ by its per-theme maps
  third party    addresses outside the site in any map markup                              target 0
"""
from __future__ import annotations

import argparse
import gzip
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def gz(data: str | bytes) -> int:
    return len(gzip.compress(data.encode() if isinstance(data, str) else data, compresslevel=9, mtime=0))


def block(html: str, start: str, tag: str) -> str:
    """The element that starts with `start` up to its matching close tag (no nesting of the same tag inside)."""
    i = html.find(start)
    if i < 0:
        return ""
    depth, j = 0, i
    pattern = re.compile(rf"<{tag}\b|</{tag}>")
    for m in pattern.finditer(html, i):
        depth += 1 if m.group(0) != f"</{tag}>" else -1
        if depth == 0:
            j = m.end()
            break
    return html[i:j]


def growth(html: str, start: str, tag: str) -> tuple[int, int]:
    part = block(html, start, tag)
    return gz(html) - gz(html.replace(part, "")), len(part.encode())


def kb(n: int) -> str:
    return f"{n / 1000:.1f} kB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site folder; default: build content/ now")
    args = parser.parse_args()
    if args.site is None:
        out = Path(tempfile.mkdtemp(prefix="maps-bench-"))
        subprocess.run([sys.executable, "-m", "generator", "--out", str(out), "build"], cwd=ROOT, check=True,
                       capture_output=True)
        site = out / "site"
    else:
        site = args.site
    kaart = (site / "kaart" / "index.html").read_text(encoding="utf-8")
    svg = block(kaart, '<svg class="kaart__svg"', "svg")
    rows = [
        ("national map (inline SVG of /kaart/)", gz(svg), len(svg.encode()), 60_000),
        ("kaart page (whole HTML)", gz(kaart), len(kaart.encode()), None),
        ("base map /kaart/nederland.svg", gz((site / "kaart" / "nederland.svg").read_bytes()),
         (site / "kaart" / "nederland.svg").stat().st_size, None),
        ("kaart.js", gz((site / "assets" / "kaart.js").read_bytes()), (site / "assets" / "kaart.js").stat().st_size, None),
        ("kaart.css", gz((site / "assets" / "kaart.css").read_bytes()), (site / "assets" / "kaart.css").stat().st_size, None),
    ]
    locators = ""
    for kind, folder in (("region", "regios"), ("municipality", "gemeenten"), ("project", "projecten")):
        worst, where, raw = 0, "", 0
        pages = 0
        for page in sorted((site / folder).glob("*/index.html")):
            html = page.read_text(encoding="utf-8")
            if '<div class="ligging"' not in html:
                continue
            pages += 1
            grown, size = growth(html, '<div class="ligging"', "div")
            locators += block(html, '<div class="ligging"', "div")
            if grown > worst:
                worst, where, raw = grown, page.parent.name, size
        rows.append((f"locator map, {kind} page (largest of {pages}: {where})", worst, raw, 15_000))
    finder = (site / "zoeken" / "index.html").read_text(encoding="utf-8")
    grown, size = growth(finder, '<details class="zoekkaart"', "details")
    rows.append(("finder map (growth of /zoeken/)", grown, size, None))
    overview = (site / "overzicht" / "index.html").read_text(encoding="utf-8")
    gaps = block(overview, '<svg class="kaart__defs"', "svg") + block(overview, '<div class="kaarten">', "div")
    rows.append(("gap maps (growth of /overzicht/)", gz(overview) - gz(overview.replace(
        block(overview, '<svg class="kaart__defs"', "svg"), "").replace(block(overview, '<div class="kaarten">', "div"), "")),
        len(gaps.encode()), None))
    markup = (block(kaart, '<div class="kaart"', "div") + block(kaart, '<div class="kaarten">', "div")
              + block(finder, '<details class="zoekkaart"', "details") + gaps + locators
              + (site / "kaart" / "nederland.svg").read_text(encoding="utf-8"))
    third = sorted(set(re.findall(r'(?:href|src)="(https?://[^"]+)"', markup)))
    width = max(len(r[0]) for r in rows) + 2
    print(f"{'figure':<{width}}{'gzip':>10}{'raw':>11}  target")
    for name, packed, raw, target in rows:
        verdict = "" if target is None else f"<= {kb(target)} {'ok' if packed <= target else 'OVER'}"
        print(f"{name:<{width}}{kb(packed):>10}{kb(raw):>11}  {verdict}")
    print(f"{'third-party addresses in map markup':<{width}}{len(third):>10}{'':>11}  0 {'ok' if not third else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
