"""Lighthouse scores of the built site, served with gzip as GitHub Pages serves it, mobile profile.

In:  a built site folder (default: site/; run `catalogus build` first), Lighthouse from node_modules (pinned in
     package-lock.json) and Debian's Chromium (CHROME_PATH, default /usr/bin/chromium). No network: the site is
     served from 127.0.0.1 and Chromium runs with background networking off.
Out: one line per page: performance, accessibility, best practices, SEO, and the metrics behind performance
     (first/largest contentful paint, total blocking time, layout shift, DOM elements, bytes transferred).

    .venv/bin/python benchmarks/lighthouse.py
    .venv/bin/python benchmarks/lighthouse.py --page finder --runs 3     # median of three runs
    .venv/bin/python benchmarks/lighthouse.py --json lighthouse.json     # every run's figures

Targets (issue #18): accessibility, best practices and SEO 100, mobile performance at least 95 on all five.
Performance varies with the machine's load; use --runs 3 on a busy machine.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "home": "",
    "finder": "zoeken/?q=schulden",
    "project": "projecten/minimacontract-groningen/",
    "region": "regios/achterhoek/",
    "overview": "overzicht/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# Text types are compressed as GitHub Pages does; Pagefind's index files are gzipped by Pagefind already.
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".webmanifest")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text files gzip-compressed when the browser accepts it (compressed once, then cached)."""

    cache: dict[str, bytes] = {}
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder with a slash
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        with self.lock:
            body = self.cache.get(str(path))
            if body is None:
                body = self.cache[str(path)] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        self.end_headers()
        return io.BytesIO(body)


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(GzipHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def run_lighthouse(url: str, chrome: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        command = [
            str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
            f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking",
        ]
        env = {**os.environ, "CHROME_PATH": chrome}
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        if done.returncode != 0 or not out.is_file():
            raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
        report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]

    def numeric(name: str) -> float:
        return float(audits.get(name, {}).get("numericValue") or 0)

    return {
        **{c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES},
        "fcp_ms": round(numeric("first-contentful-paint")),
        "lcp_ms": round(numeric("largest-contentful-paint")),
        "tbt_ms": round(numeric("total-blocking-time")),
        "cls": round(numeric("cumulative-layout-shift"), 3),
        "dom": round(numeric("dom-size")),
        "kb": round(numeric("total-byte-weight") / 1024),
        "failed": sorted(a for a, v in audits.items()
                         if v.get("score") is not None and v.get("score") < 1 and v.get("scoreDisplayMode") == "binary"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--page", action="append", choices=sorted(PAGES), help="only these pages (repeatable)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is printed")
    parser.add_argument("--json", type=Path, help="write every run's figures here")
    args = parser.parse_args(argv)
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not LIGHTHOUSE.is_file():
        print("lighthouse is missing: run `npm ci`", file=sys.stderr)
        return 1
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no built site here (run `catalogus build` first)", file=sys.stderr)
        return 1
    server, base = serve(args.site)
    keys = CATEGORIES + ["fcp_ms", "lcp_ms", "tbt_ms", "cls", "dom", "kb"]
    print("page\t" + "\t".join(k.replace("best-practices", "best-pr") for k in keys))
    everything: dict[str, list[dict]] = {}
    try:
        for name in args.page or list(PAGES):
            runs = [run_lighthouse(base + PAGES[name], chrome) for _ in range(args.runs)]
            everything[name] = runs
            median = {k: statistics.median(r[k] for r in runs) for k in keys}
            print(name + "\t" + "\t".join(f"{median[k]:g}" for k in keys), flush=True)
            failed = sorted({a for r in runs for a in r["failed"]})
            if failed:
                print(f"  failed audits: {', '.join(failed)}")
    finally:
        server.shutdown()
    if args.json:
        args.json.write_text(json.dumps(everything, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
