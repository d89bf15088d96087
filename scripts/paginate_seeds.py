"""Mark printed page numbers in the plain-text seed documents.

The seeds are PDF extractions without form feeds. In the 2017 inventory a new
PDF page shows up in two ways: a line that starts with a single space (the
extractor's mark for the first line of a page) or, after a page that prints its
number, the first non-blank line after that number. The extractor emits each
page's running header (region name, e.g. "Drenthe - II", and the printed page
number) at the END of the previous page's text: the region label always names
the page that follows it, and the document's last printed number (246) is on
its last page. So a number line closes the text before the page it numbers, and
printed page = count + 4 (the cover, colophon and contents are not in the dump).

    python scripts/paginate_seeds.py ../shared/seeds /tmp/seeds_paged

writes copies with a line "[[pagina N]]" at the start of every page. The census
in tests/ uses `page_of_lines` to check the pages our content cites.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

PAGE_NUMBER = re.compile(r"^(\d{1,3}) *$")
PAGE_START = re.compile(r"^ \S")
INVENTORY = "003_30703f90d2c8c2a2.txt"
INVENTORY_OFFSET = 4


def page_of_lines(lines: list[str], offset: int = 0) -> list[int]:
    """The page of every line, counted from 1 + offset."""
    page, pending, pages = 1, False, []
    for index, line in enumerate(lines):
        if index and PAGE_START.match(line):
            page, pending = page + 1, False
        elif pending and line.strip():
            page, pending = page + 1, False
        pages.append(page + offset)
        if PAGE_NUMBER.match(line):
            pending = True
    return pages


def main(src: Path, dst: Path) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    for path in sorted(src.glob("0*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        offset = INVENTORY_OFFSET if path.name == INVENTORY else 0
        out, current = [], None
        for page, line in zip(page_of_lines(lines, offset), lines):
            if page != current:
                out.append(f"[[pagina {page}]]")
                current = page
            out.append(line)
        (dst / path.name).write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
