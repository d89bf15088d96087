"""Screenshots of every page kind of a built site, desktop (1366x900) and mobile (390x844).

In:  a built site folder (default: site/) and an output folder (default: docs/screenshots/).
Out: one JPEG per page kind and viewport, e.g. docs/screenshots/project-desktop.jpg; prints each file and
     the total size. The page kinds are those the browser tests use (tests/browser.py PAGE_KINDS).

    .venv/bin/python scripts/screenshots.py                   # site/ -> docs/screenshots/
    .venv/bin/python scripts/screenshots.py --site site --out /tmp/voor --full

Screenshots are JPEG (quality 70) of the first screen (or the whole page with --full), so the set stays small
enough to keep in the repository.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import PAGE_KINDS, chromium, open_page, serve  # noqa: E402

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "mobile": {"width": 390, "height": 844}}


def slug(kind: str) -> str:
    return kind.replace(" ", "-")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--full", action="store_true", help="whole page instead of the first screen")
    parser.add_argument("--kind", action="append", help="only these page kinds (repeatable)")
    parser.add_argument("--quality", type=int, default=70, help="JPEG quality")
    parser.add_argument("--format", choices=["jpeg", "png"], default="jpeg")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no built site here (run `catalogus build` first)", file=sys.stderr)
        return 1
    kinds = {k: v for k, v in PAGE_KINDS.items() if not args.kind or k in args.kind}
    args.out.mkdir(parents=True, exist_ok=True)
    total = 0
    with serve(args.site) as base, chromium() as browser:
        for name, viewport in VIEWPORTS.items():
            context = browser.new_context(viewport=viewport, device_scale_factor=1, locale="nl-NL",
                                          is_mobile=name == "mobile", has_touch=name == "mobile")
            page = context.new_page()
            for kind, path in kinds.items():
                open_page(page, base, path)
                suffix = "jpg" if args.format == "jpeg" else "png"
                target = args.out / f"{slug(kind)}-{name}.{suffix}"
                quality = {"quality": args.quality} if args.format == "jpeg" else {}
                page.screenshot(path=str(target), type=args.format, full_page=args.full, **quality)
                size = target.stat().st_size
                total += size
                print(f"{target.relative_to(args.out)}\t{size / 1024:.0f} kB")
            context.close()
    print(f"total\t{total / 1024:.0f} kB in {len(kinds) * len(VIEWPORTS)} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
