"""Build: the whole flow in one place, top to bottom.

    content/ --load--> Catalogue --pages--> [Page] --render--> {path: md} --output--> build/docs/
                                                                        --mkdocs--> site/

(a one-off build goes through pages, render and output one page kind at a time, see `write_pages`)

`generate()` stops at the Markdown; `build_site()` runs the site tool on it and
swaps the result into `site/` only when that succeeded, so a failed build never
leaves a half-built site behind.
"""
from __future__ import annotations

import datetime as dt
import html as html_module
import os
import posixpath
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import parallel
from .cache import Cache
from .catalogue import Catalogue, load_catalogue
from .diagnostics import Diagnostics
from .opendata import ConfigError, publication
from .output import Tree, WriteReport, copy_static, replace_directory, write_file, write_tree
from .pages import (RESULT_IDS, RESULT_MAP, PathCollision, SiteConfig, build_pages, check_paths, page_kinds,
                    security_txt)
from .render import environment, render_each, render_pages
from .search_bundle import shorten_page_ids

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    root: Path = ROOT
    content: Path = ROOT / "content"
    templates: Path = ROOT / "site_templates"
    docs: Path = ROOT / "build" / "docs"
    site: Path = ROOT / "site"
    config: Path = ROOT / "mkdocs.yml"

    @classmethod
    def at(cls, root: Path, content: Path | None = None, out: Path | None = None) -> "Paths":
        """Paths for a checkout at `root`; `out` puts build/docs and site/ elsewhere (tests, benchmarks)."""
        root = root.resolve()
        out = (out or root).resolve()
        docs = out / "build" / "docs"
        return cls(root, (content or root / "content").resolve(), root / "site_templates",
                   docs, out / "site", root / "mkdocs.yml")


@dataclass
class Result:
    diagnostics: Diagnostics
    catalogue: Catalogue | None = None
    report: WriteReport | None = None


def site_config(config_file: Path) -> SiteConfig:
    """The few settings the pages need, read from mkdocs.yml (MkDocs' own tags are ignored)."""
    class _Loose(yaml.SafeLoader):
        pass

    _Loose.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loose) or {}
    except (OSError, yaml.YAMLError):
        data = {}
    security = ((data.get("extra") or {}).get("security") or {})
    freshness = ((data.get("extra") or {}).get("freshness") or {})
    return SiteConfig(repo_url=data.get("repo_url") or "", site_name=data.get("site_name") or SiteConfig.site_name,
                      source_root=config_file.parent, site_url=data.get("site_url") or "",
                      security_contact=security.get("contact", ""), security_expires=str(security.get("expires", "")),
                      today=today(), max_age_days=int(freshness.get("max_age_days") or 0),
                      publication=publication(data.get("extra")))


def today() -> dt.date:
    """The date the freshness notices are measured against: CATALOGUS_TODAY (YYYY-MM-DD) when set, so a build
    can be repeated byte for byte (and tests pin it); otherwise the real date."""
    value = os.environ.get("CATALOGUS_TODAY", "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"CATALOGUS_TODAY={value!r} is not a date; use YYYY-MM-DD") from None


def check(paths: Paths, cache: Cache | None = None) -> Result:
    diagnostics = Diagnostics()
    catalogue = load_catalogue(paths.content, diagnostics, cache)
    return Result(diagnostics, catalogue)


def generate(paths: Paths, cache: Cache | None = None) -> Result:
    """Content -> Markdown in paths.docs; writes nothing when the content has errors or a page fails.

    A long-running process passes the same `cache` every time, so one edit costs about one file's work; a
    one-off build (no cache) keeps no page once it is written (`write_pages`)."""
    result = check(paths, cache)
    if result.catalogue is None:
        return result
    try:
        config = site_config(paths.config)
    except ConfigError as exc:
        result.diagnostics.error(paths.config, exc.line(paths.config), exc.field, exc.message)
        return result
    try:
        if cache is None:
            result.report = write_pages(paths, result.catalogue, config)
        else:
            pages = build_pages(result.catalogue, config, cache.downloads, cache.views)
            files = dict(render_pages(pages, paths.templates, cache))
            for relative, data in copy_static(paths.templates / "assets").items():
                files[f"assets/{relative}"] = data
            result.report = write_tree(paths.docs, files, known=cache.written)
            del files
            cache.settle()
    except PathCollision as exc:  # the catalogue rejects reserved ids; this guards URL rules added later
        result.diagnostics.error(paths.content, 0, "", f"two pages would be written to {exc.args[0]}; rename one item")
        return result
    return result


def write_pages(paths: Paths, catalogue: Catalogue, config: SiteConfig) -> WriteReport:
    """A one-off build: the pages built, rendered and staged one kind at a time (each kind's view-models and
    texts are let go before the next kind is built; a large catalogue's project pages in a second process,
    parallel.py), then the paths of all pages checked together, and only then the staged files moved into
    paths.docs (output.Tree). At 10,000 projects holding every page until it was written cost 1.6 GiB."""
    env = environment(paths.templates)
    with Tree(paths.docs) as tree:
        def generate_kinds(kinds: list | None) -> None:
            for pages in page_kinds(catalogue, config, kinds):
                for relative, text in render_each(pages, env):
                    tree.add(relative, text)
                del pages  # before the next kind is built

        if parallel.workers(len(catalogue.projects)) > 1:
            parallel.split(catalogue, tree, generate_kinds)
        else:
            generate_kinds(None)
        for relative, data in copy_static(paths.templates / "assets").items():
            tree.add(f"assets/{relative}", data)
        check_paths(tree.paths)  # before anything is written: PathCollision
        return tree.commit()


def content_epoch(catalogue: Catalogue) -> int:
    """The newest content date as a Unix time: MkDocs stamps it into sitemap.xml instead of the build clock."""
    import calendar

    newest = max((e.item.updated for e in catalogue.projects.values()), default=None)
    return calendar.timegm(newest.timetuple()) if newest else 0


# The site tool ("engine") is named here and nowhere else: MkDocs 1.x by default, or ProperDocs (its maintained
# continuation, a drop-in replacement) with CATALOGUS_ENGINE=properdocs. Both read mkdocs.yml; see docs/engines.md.
ENGINES = ("mkdocs", "properdocs")


def engine(name: str | None = None) -> str:
    """The site tool to run: `name`, else CATALOGUS_ENGINE, else MkDocs."""
    name = name or os.environ.get("CATALOGUS_ENGINE", "").strip() or ENGINES[0]
    if name not in ENGINES:
        raise ValueError(f"CATALOGUS_ENGINE={name!r} is not a site tool; use one of: {', '.join(ENGINES)}")
    return name


def engine_command(paths: Paths, action: str, *options: str, name: str | None = None) -> tuple[list[str], dict[str, str]]:
    """The site tool's command line and environment for `action` (build or serve) on paths.docs."""
    command = [sys.executable, "-m", engine(name), action, "-f", str(paths.config), *options]
    env = {**os.environ, "CATALOGUS_DOCS_DIR": str(paths.docs), "NO_MKDOCS_2_WARNING": "1",
           "DISABLE_MKDOCS_2_WARNING": "true"}
    return command, env


def run_tool(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> int:
    """Run the site tool or Pagefind as a child that dies with this process, printing only its warnings and
    errors (with their indented continuation lines).

    Not `--quiet`: that lowers MkDocs' log level below WARNING, so strict mode never counts the warnings and
    a build with broken links exits 0. When the tool fails without a warning or error line (a crash), all
    of its output is shown, except that a full disk (a traceback from deep inside the tool) becomes
    OSError(ENOSPC) for the command line to report in one line."""
    import errno
    import functools

    from .lock import die_with_parent

    shown, everything = [], []
    keep = False
    with subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, encoding="utf-8", errors="replace",
                          preexec_fn=functools.partial(die_with_parent, os.getpid(), False)) as process:
        for line in process.stdout:
            everything.append(line)
            if line.startswith(("WARNING", "ERROR", "CRITICAL", "Aborted")):
                keep = True
            elif not line[:1].isspace():
                keep = False
            if keep:
                shown.append(line)
                sys.stderr.write(line)
    output = "".join(everything)
    if process.returncode and ("No space left on device" in output or "Disk quota exceeded" in output):
        raise OSError(errno.ENOSPC, "No space left on device")
    if process.returncode and not shown:
        sys.stderr.write(output)
    sys.stderr.flush()
    return process.returncode


def build_site(paths: Paths, strict: bool = True, epoch: int = 0) -> int:
    """Run the site tool on the generated Markdown into a fresh folder, then swap it into place."""
    staging = paths.site.with_name(paths.site.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    command, env = engine_command(paths, "build", "-d", str(staging), *(["--strict"] if strict else []))
    env.update({"CATALOGUS_GENERATED": "1", "SOURCE_DATE_EPOCH": str(epoch)})
    try:
        returncode = _site_tools(paths, staging, command, env)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)  # a full disk: give back what the failed build took
        raise
    if returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        return returncode
    replace_directory(staging, paths.site)
    return 0


def _site_tools(paths: Paths, staging: Path, command: list[str], env: dict[str, str]) -> int:
    returncode = run_tool(command, paths.root, env)
    if returncode == 0:
        # MkDocs skips dot-folders, so /.well-known/security.txt is written into the built site directly.
        config = site_config(paths.config)
        if config.security_contact:
            write_file(staging, ".well-known/security.txt", security_txt(config))
        # The search index is built over the finished HTML, into the staging folder like everything else.
        returncode = search_index(staging, paths.root)
    return returncode


# Pages per Pagefind index. Pagefind's indexer holds its whole index in memory (about 130 kB per project page,
# linearly, with no option to cap it), so a large catalogue is indexed in shards, one after the other, which the
# finder merges in the browser (Pagefind's mergeIndex). Each extra shard costs the visitor its entry file, its
# metadata and one index chunk per word (its wasm is not fetched again), so shards are as large as the memory
# target allows.
SEARCH_SHARD_PAGES = int(os.environ.get("CATALOGUS_SEARCH_SHARD_PAGES", "5000") or 5000)
SHARDS_FILE = "pagefind/shards.json"  # the primary bundle lists the others, relative to itself
# The finder's sort keys of a project page (partials/zoekdata.html.j2); not Pagefind sorts: those are part of the
# index metadata every visitor loads before the first result (6 bytes per page and key, gzip), and the finder sorts
# with the result map, which it loads after the first results anyway.
_SORT_KEYS = re.compile(rb'data-sorteer="([a-z]+)"[^>]*>([^<]*)<')
SORT_DESCENDING = {"peildatum"}


def search_index(staging: Path, cwd: Path) -> int:
    """Pagefind over the built site: one index, or shards of at most SEARCH_SHARD_PAGES indexed pages, each
    a contiguous range of the finder's name order (so a listing merged from the shards stays in that order).
    Writes pagefind/shards.json and the finder's result map over all bundles.

    Pagefind's indexer runs on one core. While it indexes a shard, this process prepares the next shard's
    folder and finishes the previous bundle (its folder removed, its page ids shortened, its fragments read
    for the result map) on the other."""
    import json

    options = ["--silent", "--exclude-selectors", ".headerlink"]
    keys = indexed_pages(staging)
    shards = search_shards(keys, SEARCH_SHARD_PAGES)
    bundles = ["pagefind"] + [f"pagefind-{i + 1}" for i in range(1, len(shards))]
    # The shard's pages, under their own paths in a folder beside the staging folder (so their addresses stay
    # the same), cut down to what Pagefind indexes (_link_shard). Also with one shard: Pagefind then reads only
    # the pages it indexes (a third of the real site's pages; half its CPU time), not every page to find them.
    # A list of 5,000 paths is too long for one --glob argument. No project page at all: Pagefind over the
    # site, as before.
    folders = [staging.with_name(f"{staging.name}.{bundle}") if members else None
               for bundle, members in zip(bundles, shards)]
    records: list[tuple] = []

    def finish(ordinal: int) -> None:
        if folders[ordinal] is not None:
            shutil.rmtree(folders[ordinal], ignore_errors=True)
        shorten_page_ids(staging / bundles[ordinal], ordinal)  # short page ids: the metadata visitors load first
        records.extend(search_fragments(staging / bundles[ordinal]))

    try:
        _link_shard(staging, folders[0], shards[0])
        for ordinal, bundle in enumerate(bundles):
            indexing = _Background(run_tool, [*pagefind_command(), "--site", str(folders[ordinal] or staging),
                                              "--output-path", str(staging / bundle), *options], cwd)
            if ordinal + 1 < len(bundles):
                _link_shard(staging, folders[ordinal + 1], shards[ordinal + 1])
            if ordinal > 0:
                finish(ordinal - 1)
            return_code = indexing.result()
            if return_code != 0:
                return return_code
        finish(len(bundles) - 1)
    finally:
        for folder in folders:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
    write_file(staging, SHARDS_FILE, json.dumps([f"../{b}/" for b in bundles[1:]]) + "\n")
    result_map, result_ids = search_result_map(keys, records)
    write_file(staging, RESULT_MAP, result_map)
    write_file(staging, RESULT_IDS, result_ids)
    return 0


def _link_shard(staging: Path, folder: Path | None, members: list[str]) -> None:
    """The shard's pages under their own paths in `folder`, as Pagefind needs them: each page's language,
    title and indexed part (page_for_index), or a hard link to the page where that cannot be cut out."""
    if folder is None:
        return
    shutil.rmtree(folder, ignore_errors=True)
    made: set[Path] = set()
    for member in members:
        parent = (folder / member).parent
        if parent not in made:
            parent.mkdir(parents=True, exist_ok=True)
            made.add(parent)
        short = page_for_index((staging / member).read_bytes())
        if short is None:
            os.link(staging / member, folder / member)
        else:
            (folder / member).write_bytes(short)


_HTML_TAG = re.compile(rb"<html[^>]*>")
_TITLE = re.compile(rb"<title>.*?</title>", re.DOTALL)
_BODY_START = b"<div data-pagefind-body>"


def page_for_index(page: bytes) -> bytes | None:
    """A built page cut down to what Pagefind reads of it: the <html> tag (the language), the <title> and the
    data-pagefind-body element (overrides/main.html closes it last in the article), a third of the page. Pagefind
    makes the same fragments and word index of it (tests/test_speed.py) in two thirds of the time: it no longer
    parses Material's header, navigation and footer. None when the page is not in that form."""
    html_tag, title = _HTML_TAG.search(page), _TITLE.search(page)
    start = page.find(_BODY_START)
    article_end = page.find(b"</article>", start)
    end = page.rfind(b"</div>", start, article_end)
    if not html_tag or not title or start < 0 or article_end < 0 or end < 0:
        return None
    return b"".join([b"<!doctype html>", html_tag.group(0), b'<head><meta charset="utf-8">', title.group(0),
                     b"</head><body>", page[start:end + 6], b"</body></html>\n"])


class _Background:
    """`function(*args)` in a thread (for a child process it waits for); `result()` waits and returns what it
    returned, or raises what it raised."""

    def __init__(self, function, *args):
        import threading

        self._outcome: list = []

        def run() -> None:
            try:
                self._outcome.append((True, function(*args)))
            except BaseException as error:  # noqa: BLE001 (raised again in result())
                self._outcome.append((False, error))

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()

    def result(self):
        self._thread.join()
        done, value = self._outcome[0]
        if not done:
            raise value
        return value


def pagefind_command() -> list[str]:
    """Pagefind's own binary (from the pip package `pagefind_bin`, which `pagefind` depends on), so each shard
    does not start a Python wrapper first; `python -m pagefind` when the binary is not where that package keeps it."""
    try:
        import pagefind_bin

        return [str(pagefind_bin.get_executable())]
    except Exception:  # noqa: BLE001 (any failure to find it: the wrapper looks for it the same way and says why)
        return [sys.executable, "-m", "pagefind"]


def indexed_pages(site: Path) -> dict[str, dict[str, str]]:
    """The pages Pagefind indexes (those with data-pagefind-body), site-relative path -> the finder's sort keys
    (partials/zoekdata.html.j2), in path order. One read of every page: the shards and the result map use it."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        data = path.read_bytes()
        if b"data-pagefind-body" in data:
            pages[path.relative_to(site).as_posix()] = {
                k.decode(): html_module.unescape(v.decode("utf-8")) for k, v in _SORT_KEYS.findall(data)}
    return pages


def search_shards(pages: dict[str, dict[str, str]], size: int) -> list[list[str]]:
    """The indexed pages in the finder's name order, cut into equal shards of at most `size`; one shard (in
    path order) when they fit."""
    count = max(1, -(-len(pages) // max(1, size)))
    if count == 1:
        return [list(pages)]
    ordered = sorted(pages, key=lambda path: (pages[path].get("naam", ""), path))
    per = -(-len(ordered) // count)
    return [ordered[i:i + per] for i in range(0, len(ordered), per)]


def search_fragments(bundle: Path) -> list[tuple[str, str, str, dict]]:
    """The project pages of one Pagefind bundle: (page id, project id, address, filters) per fragment file."""
    import gzip
    import json

    found = []
    fragments = bundle / "fragment"
    for path in sorted(fragments.rglob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        data = json.loads(raw[raw.index(b"{"):])
        project = (data.get("meta") or {}).get("id")
        if project:
            found.append((path.relative_to(fragments).with_suffix("").as_posix(), project, data["url"],
                          data.get("filters") or {}))
    return found


def search_result_map(indexed: dict[str, dict[str, str]],
                      fragments: list[tuple[str, str, str, dict]]) -> tuple[str, str]:
    """Pagefind's page ids (its fragment files, over every shard) -> facet values and sort orders, as JSON
    (the result map), and -> project ids (a second file, in the same order, for the export only):
    {"facetten": {facet: [value, ...]}, "paginas": [[page id, [[value index, ...] per facet]], ...],
     "volgorde": {sort key: [index into paginas, ...]}}  and  [project id, ...]
    "paginas" is in name order (so the name order needs no list of its own); the other sort keys list the
    positions in their order (peildatum newest first), ties in name order. The finder counts facet values over
    any result list, filters it and sorts it with this one file, without loading one fragment per result."""
    import json

    pages, values = [], {}
    for page_id, project, url, filters in fragments:
        keys = indexed[posixpath.join(url.strip("/"), "index.html").lstrip("/")]
        pages.append((page_id, project, filters, keys))
        for name, found in filters.items():
            values.setdefault(name, set()).update(found)
    pages.sort(key=lambda p: (p[3].get("naam", ""), p[1]))
    facets = {name: sorted(found) for name, found in sorted(values.items())}
    position = {name: {v: i for i, v in enumerate(found)} for name, found in facets.items()}
    rows = [[pid, [sorted(position[name][v] for v in filters.get(name, [])) for name in facets]]
            for pid, _, filters, _ in pages]
    orders = {}
    for key in sorted({k for *_, keys in pages for k in keys} - {"naam"}):
        # sorted() is stable, also in reverse: ties stay in name order
        orders[key] = sorted(range(len(pages)), key=lambda i: pages[i][3].get(key, ""), reverse=key in SORT_DESCENDING)
    dump = lambda o: json.dumps(o, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"  # noqa: E731
    return dump({"facetten": facets, "paginas": rows, "volgorde": orders}), dump([p[1] for p in pages])
