"""Search quality of the finder: runs benchmarks/queries.yml in Chromium against a built site and prints, per
query and on average, P@5, R@10, MRR and the number of queries with relevant projects but no result.

    .venv/bin/python benchmarks/search_quality.py                 # builds the real content/ first
    .venv/bin/python benchmarks/search_quality.py --site site     # an already built site folder
    .venv/bin/python benchmarks/search_quality.py --queries other.yml

P@5  = relevant in the top 5 / min(5, number relevant)
R@10 = relevant in the top 10 / min(10, number relevant)
MRR  = mean of 1 / rank of the first relevant result (0 when none is shown)
Targets (issue #13): P@5 >= 0.85, R@10 >= 0.80, MRR >= 0.95, no query with relevant projects and no result.

The site is served by Python's http.server on 127.0.0.1 and opened in Debian's Chromium (headless, through
Playwright); a query is typed into the address as a visitor's link would carry it (/zoeken/?q=…), and the
result list is read once the finder marks it done (#zoeker-uitkomst[data-gezocht]).
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def scores(shown: list[str], relevant: set[str]) -> dict[str, float]:
    if not relevant:
        return {"p5": 1.0, "r10": 1.0, "rr": 1.0}
    p5 = len(relevant & set(shown[:5])) / min(5, len(relevant))
    r10 = len(relevant & set(shown[:10])) / min(10, len(relevant))
    rank = next((i + 1 for i, pid in enumerate(shown) if pid in relevant), None)
    return {"p5": p5, "r10": r10, "rr": 1 / rank if rank else 0.0}


def run(site: Path, queries: list[dict]) -> int:
    from playwright.sync_api import sync_playwright

    rows = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page()
        for item in queries:
            query, relevant = item["query"], set(item.get("relevant") or [])
            page.goto(base + "zoeken/?q=" + quote(query))
            page.wait_for_selector("#zoeker-uitkomst[data-gezocht]", timeout=30000)
            shown = page.eval_on_selector_all("#zoeker-resultaten li[data-id]", "els => els.map(e => e.dataset.id)")
            rows.append((query, len(relevant), len(shown), scores(shown, relevant), bool(relevant) and not shown))
        browser.close()
    width = max(len(r[0]) for r in rows)
    print(f"{'query':<{width}}  relevant  shown   P@5  R@10    RR")
    for query, n, shown, s, dead in rows:
        print(f"{query:<{width}}  {n:>8}  {shown:>5}  {s['p5']:.2f}  {s['r10']:.2f}  {s['rr']:.2f}" + ("  NO RESULT" if dead else ""))
    count = len(rows)
    mean = {k: sum(r[3][k] for r in rows) / count for k in ("p5", "r10", "rr")}
    dead = sum(1 for r in rows if r[4])
    print(f"\n{count} queries: mean P@5 {mean['p5']:.3f}, mean R@10 {mean['r10']:.3f}, MRR {mean['rr']:.3f}, "
          f"queries with relevant projects and no result: {dead}")
    print("targets: P@5 >= 0.85, R@10 >= 0.80, MRR >= 0.95, 0 without result")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, help="a built site folder (default: build content/ into a temporary folder)")
    ap.add_argument("--queries", type=Path, default=ROOT / "benchmarks" / "queries.yml")
    args = ap.parse_args(argv)
    queries = yaml.safe_load(args.queries.read_text(encoding="utf-8"))
    if args.site:
        return run(args.site, queries)
    with tempfile.TemporaryDirectory() as tmp:
        built = subprocess.run([sys.executable, "-m", "generator", "--out", tmp, "build"], cwd=ROOT)
        if built.returncode:
            return built.returncode
        return run(Path(tmp) / "site", queries)


if __name__ == "__main__":
    sys.exit(main())
