"""How long the entity pages are for a reader: page height on a desktop and a phone screen, DOM elements and
HTML size, for one page of each kind (and the longest theme), in headless Chromium.

    .venv/bin/catalogus --out /tmp/cat build
    .venv/bin/python benchmarks/entity_pages.py /tmp/cat/site [path ...]

Prints one row per page and screen: height in CSS pixels (and in screens of that size), elements, kB of HTML.
The issue's starting point: the Ouderen theme page was about 11,000 px on a desktop.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import chromium, serve  # noqa: E402

PAGES = [
    "projecten/minimacontract-groningen/",
    "regios/achterhoek/",
    "regios/s-gravenhage/",
    "themas/ouderen/",
    "themas/wonen/",
    "gemeenten/molenlanden/",
    "verzekeraars/menzis/",
    "bronnen/inventarisatie-2017/",
    "uitleg/",
]
SCREENS = [("desktop", 1366, 900), ("mobiel", 390, 844)]


def main(site: Path, paths: list[str]) -> None:
    print(f"{'page':40} {'screen':8} {'height px':>10} {'screens':>8} {'elements':>9} {'HTML kB':>8}")
    with serve(site) as base, chromium() as browser:
        for name, width, height in SCREENS:
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in paths:
                response = page.goto(base + path)
                if response is None or response.status != 200:
                    print(f"{path:40} {name:8} {'missing':>10}")
                    continue
                page.wait_for_load_state("networkidle")
                tall = page.evaluate("document.documentElement.scrollHeight")
                elements = page.evaluate("document.getElementsByTagName('*').length")
                size = len(response.body()) / 1024
                print(f"{path:40} {name:8} {tall:>10} {tall / height:>8.1f} {elements:>9} {size:>8.0f}")
            page.close()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), sys.argv[2:] or PAGES)
