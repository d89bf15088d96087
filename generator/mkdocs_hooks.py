"""Thin MkDocs adapter: the only code that knows MkDocs' plugin API.

* on_pre_build: during `mkdocs serve`, regenerate the Markdown from content/
  (only changed files are written, so the watcher does not loop; unchanged
  content files are not parsed again, see cache.py);
* on_post_page / on_post_template: the page's Content-Security-Policy (csp.py), in
  every built page (not in `serve`, whose live-reload script is added after the hooks);
* while the content has errors during `serve`, every page (and the 404 page) is the
  error page of preview.py, and a failing rebuild never leaves the server stuck
  (MkDocs' server holds every request until a rebuild succeeds);
* on_serve: also watch a content folder given with `catalogus serve --content`;
* on_page_markdown / on_page_content: a page whose body is HTML (see html_body.py)
  is converted by html_body.convert instead of a new Python-Markdown instance, and
  its ids count as anchors other pages may link to;
* on_env: Material's navigation and tabs are rendered once per folder for the
  pages that are not in the navigation (every project, region, theme, ... page),
  not once per page, and so is the rest of Material's page around their bodies
  (page_shell.py); in `catalogus build` the pages are rendered by two processes
  (see `_render_in_parallel`).

Everything else is plain Markdown (or HTML bodies) on disk, readable by any MkDocs-compatible tool; the edit
link to a page's YAML source comes from its front matter in overrides/partials/actions.html, not from a hook.
"""
from __future__ import annotations

import functools
import logging
import os
import posixpath
import sys
import traceback
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.csp import with_policy
from generator.html_body import anchor_ids, convert, is_html_body
from generator.page_shell import Shells, toc_marker, toc_wrapper
from generator.preview import error_page

log = logging.getLogger("mkdocs.plugins.catalogus")
_CACHE: list = []  # the generator's Cache, kept between the rebuilds of one `mkdocs serve` (made on first use)
_PROBLEMS: list[str] = []  # the content errors of the last regeneration; shown instead of the pages
_SERVING: list[bool] = [False]


_DIRTY: list[bool] = [False]


def on_startup(command, dirty=False, **kwargs):
    _SERVING[0] = command == "serve"
    _DIRTY[0] = bool(dirty)
    if _SERVING[0]:
        from mkdocs.structure.files import Files

        if not getattr(Files.add_files_from_theme, "catalogus", False):
            Files.add_files_from_theme = _theme_files_kept(Files.add_files_from_theme)


# --- the theme's files, listed once while its folders are the same (serve) ----------------------------------
_THEME_FILES: dict[tuple, tuple[list[tuple[str, int]], list[tuple[str, str]]]] = {}


def _folders(dirs) -> list[tuple[str, int]]:
    """Every folder under the theme's folders with its modification time (which changes when a file is added,
    removed or renamed in it), walked as Jinja's loader walks them (no symbolic links followed)."""
    return [(folder, os.stat(folder).st_mtime_ns) for top in dirs if os.path.isdir(top)
            for folder, _, _ in os.walk(top)]


def _unchanged(folders: list[tuple[str, int]]) -> bool:
    try:
        return all(os.stat(folder).st_mtime_ns == mtime for folder, mtime in folders)
    except OSError:
        return False


def _theme_files_kept(original):
    """MkDocs lists the theme's ~14,500 template files and filters them on every rebuild of `serve` (0.26 s of
    a dirty rebuild at 2,000 projects, profiled), though they change only when a file is added to or removed
    from a theme folder. Here the files it picks are kept, keyed on the theme folders, the filter's settings and
    every theme folder's modification time, and added as MkDocs adds them (a documentation file of the same path
    still wins)."""
    from mkdocs.structure.files import File, Files

    def add_files_from_theme(self, env, config):
        theme = config.theme
        key = (tuple(theme.dirs), tuple(sorted(theme.static_templates)), config.site_dir, config.use_directory_urls)
        hit = _THEME_FILES.get(key)
        if hit is None or not _unchanged(hit[0]):
            folders = _folders(theme.dirs)  # before listing: a file added meanwhile makes the next check miss
            found = Files([])
            original(found, env, config)
            hit = _THEME_FILES[key] = (folders, [(f.src_uri, f.src_dir) for f in found])
        for path, folder in hit[1]:
            if self.get_file_from_path(path) is None:
                self.append(File(path, folder, config.site_dir, config.use_directory_urls))

    add_files_from_theme.catalogus = True
    return add_files_from_theme


# Material partials whose output depends only on the navigation, the page's place in it and (through the
# `url` filter) the folder the page is in.
_SHARED_PARTIALS = ("partials/nav.html", "partials/tabs.html")
_ORIGINAL = "catalogus-original/"
_SKIP = "catalogus-skip.html"
_SHELL = "catalogus-shell.html"  # a page filled in from its folder's shell (page_shell.py)
_TOC = "partials/toc.html"


def on_pre_build(config, **kwargs):
    _PARTIALS.clear()
    _SHELLS.clear()
    if os.environ.get("CATALOGUS_GENERATED") == "1":
        return  # `catalogus build` generated just before calling MkDocs
    # Imported here, not at the top: in `catalogus build` this process only builds the site, and the whole
    # generator (its models, numpy, the page kinds) is a second of imports it would never use.
    from generator.build import Paths, generate
    from generator.cache import Cache

    if not _CACHE:
        _CACHE.append(Cache())

    content = os.environ.get("CATALOGUS_CONTENT_DIR")
    paths = Paths.at(Path(config.config_file_path).parent, Path(content) if content else None)
    paths = Paths(paths.root, paths.content, paths.templates, Path(config.docs_dir), paths.site, paths.config)
    paths.docs.mkdir(parents=True, exist_ok=True)  # a fresh clone with broken content has no docs yet
    try:
        result = generate(paths, _CACHE[0])
    except Exception as exc:  # noqa: BLE001 - a template or setting error must not stop the preview
        log.exception("catalogus: the pages could not be generated")
        _PROBLEMS[:] = [f"{type(exc).__name__}: {exc}"]
        return
    shown_from = Path(os.environ.get("CATALOGUS_SHOWN_FROM") or paths.root)  # paths as `catalogus check` shows them
    had_problems = bool(_PROBLEMS)
    _PROBLEMS[:] = result.diagnostics.render(root=shown_from).splitlines() if result.diagnostics else []
    if had_problems != bool(_PROBLEMS):
        _touch_all(paths.docs)
    for line in _PROBLEMS:
        log.warning(line)
    if not _PROBLEMS and result.report and result.report.written:
        log.info("catalogus: %d page(s) regenerated", len(result.report.written))


def _touch_all(docs: Path) -> None:
    """`serve --dirty` renders only pages whose Markdown is newer than their HTML. Entering or leaving the error
    state changes every page (to or from the error page), so every page is marked as changed."""
    for path in docs.rglob("*"):
        if path.is_file():
            os.utime(path)


def on_files(files, config):
    # `catalogus build` builds into a fresh staging folder: the generated files MkDocs would copy (the API, the
    # downloads, the finder's data: half the files at 10,000 projects) are hard-linked instead. The generator
    # never writes into a file (it replaces it), so the site's links keep the content they were built with.
    if os.environ.get("CATALOGUS_GENERATED") != "1" or _DIRTY[0] or not hasattr(os, "link"):
        return files
    docs = os.path.join(os.path.abspath(config.docs_dir), "")
    made: set[str] = set()
    for file in files:
        source = file.abs_src_path
        if not file.is_documentation_page() and source and source.startswith(docs):
            file.copy_file = functools.partial(_link_file, file, made)
    return files


def _link_file(file, made: set[str], dirty: bool = False) -> None:
    target = file.abs_dest_path
    folder = os.path.dirname(target)
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)
    try:
        os.link(file.abs_src_path, target)
    except OSError:  # another file system, or already there: a copy as MkDocs makes it
        type(file).copy_file(file, dirty)


def on_page_markdown(markdown, page, config, files):
    # An HTML body needs no Markdown instance at all (MkDocs builds one per page, with every extension):
    # this page's render() becomes html_body.convert, which gives what the extension path gives.
    if is_html_body(markdown):
        page.render = functools.partial(_render_html_body, page)
    return markdown


def _rendered_here(page) -> bool:
    """Whether `page` was rendered by _render_html_body (so its ids are known already)."""
    render = page.__dict__.get("render")
    return isinstance(render, functools.partial) and render.func is _render_html_body


def _render_html_body(page, config, files):
    from mkdocs.structure.toc import get_toc

    toc = None
    if "toc" in config["markdown_extensions"]:
        toc = {"permalink": False, "permalink_class": "headerlink", "permalink_title": "Permanent link",
               "permalink_leading": False, **((config["mdx_configs"] or {}).get("toc") or {})}
    # what Python-Markdown's whitespace normalisation would do to the text first
    text = page.markdown.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
    page.content, tokens = convert(text, toc)
    page.toc = get_toc(tokens)
    page._title_from_render = None  # as with the extension: the title comes from the front matter
    page.present_anchor_ids = anchor_ids(page.content)
    page.links_to_anchors = {}


def on_page_content(html, page, config, files):
    # The HTML body went past Python-Markdown in one piece; MkDocs' anchor check should still know its ids.
    # (_render_html_body took them from this same text already.)
    if page.markdown is None or page.present_anchor_ids is None:
        return html
    if _rendered_here(page) and html is page.content:
        return html
    if is_html_body(page.markdown):
        page.present_anchor_ids |= anchor_ids(html)
    return html


# --- Material's navigation, once per folder ----------------------------------------------------------------
_PARTIALS: dict[tuple, Markup] = {}


class _Loader(jinja2.BaseLoader):
    """The theme's loader, except that the shared partials call `catalogus_partial`, which renders the
    original (under catalogus-original/) at most once per key."""

    def __init__(self, inner: jinja2.BaseLoader):
        self.inner = inner

    def get_source(self, environment, template):
        if template in _SHARED_PARTIALS:
            return f"{{{{ catalogus_partial({template!r}) }}}}", None, lambda: True
        if template == _SKIP:
            return "", None, lambda: True
        if template == _SHELL:
            return "{{ catalogus_page() }}", None, lambda: True
        if template == _TOC:  # a marker in a shell, the original partial everywhere else
            return toc_wrapper(_ORIGINAL + _TOC), None, lambda: True
        return self.inner.get_source(environment, template.removeprefix(_ORIGINAL))

    def list_templates(self):
        return self.inner.list_templates()


def _partial_key(name: str, page, nav) -> tuple | None:
    """None when the partial must be rendered for this page alone: the page is in the navigation (it is
    marked active there, with its table of contents) or a navigation entry lies below its own address."""
    folder = _outside_nav(page, nav)
    return None if folder is None else (name, id(nav), folder)


def _outside_nav(page, nav) -> str | None:
    """The folder of a page that is not in the navigation and has no navigation entry below its address (so
    every relative address from it equals the one from any other such page of its folder), else None."""
    if page is None or nav is None or getattr(page, "url", None) is None:
        return None
    if page in nav.pages or page.parent is not None:
        return None
    here = page.url
    if any(item.url.startswith(here) for item in nav.pages):
        return None
    # Every relative address from "a/b/" equals the one from "a/c/" once no target lies below either.
    return posixpath.dirname(here.rstrip("/"))


@jinja2.pass_context
def _render_partial(context, name: str) -> Markup:
    key = _partial_key(name, context.get("page"), context.get("nav"))
    if key is not None and key in _PARTIALS:
        return _PARTIALS[key]
    html = Markup(context.environment.get_template(_ORIGINAL + name).render(context.get_all()))
    if key is not None:
        _PARTIALS[key] = html
    return html


# --- the rest of Material's page, once per folder (page_shell.py) ---------------------------------------------
_SHELLS: list = []  # the Shells of the running build


def _shells_wanted() -> bool:
    return os.environ.get("CATALOGUS_PAGE_SHELLS", "1") != "0"  # 0: every page rendered in full (tests compare)


def _use_shells(env, files, nav) -> None:
    """Pages outside the navigation, with no template of their own, are rendered through `catalogus_page`."""
    _SHELLS[:] = [Shells(env.get_template(_ORIGINAL + _TOC))]
    for file in files.documentation_pages():
        page = file.page
        if page is not None and "template" not in page.meta and _outside_nav(page, nav) is not None:
            page.meta = {**page.meta, "template": _SHELL}


@jinja2.pass_context
def _render_page(context) -> Markup:
    page = context.get("page")
    if page.meta.get("template") == _SHELL:  # MkDocs has chosen the template: the page's own front matter again
        page.meta = {k: v for k, v in page.meta.items() if k != "template"}
    template = context.environment.get_template("main.html")
    return Markup(_SHELLS[0].render(template, context.get_all(), page, _outside_nav(page, context.get("nav"))))


def on_env(env, config, files):
    env.loader = _Loader(env.loader)
    env.globals["catalogus_partial"] = _render_partial
    env.globals["catalogus_page"] = _render_page
    env.globals["catalogus_toc_marker"] = jinja2.pass_context(toc_marker)
    # MkDocs makes a new environment for every build, so no template changes while this one lives; without
    # this, every include asks the file system whether its template changed (tens of thousands of stats).
    env.auto_reload = False
    if env.cache is not None:
        env.cache.clear()
    if _SERVING[0]:
        # ... and it compiles the theme's templates again for every rebuild of the preview (a second at 2,000
        # projects): the compiled code is kept for the life of the server, keyed by each template's source.
        env.bytecode_cache = _COMPILED
    if _NAV and _shells_wanted() and not _DIRTY[0]:  # a dirty rebuild renders a few pages: each would be a first
        _use_shells(env, files, _NAV[-1])
    if _NAV and _workers(len(files.documentation_pages())) > 1:
        _render_in_parallel(env, config, files, _NAV[-1])
    return env


class _InMemoryBytecode(jinja2.BytecodeCache):
    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _InMemoryBytecode()


# --- both cores ---------------------------------------------------------------------------------------------
_NAV: list = []  # the navigation of the running build (MkDocs passes it to on_nav, not to on_env)
_CHILD: list[int] = []
_QUIETED: list = []  # (logger, its level) silenced while this process skips the pages the child renders


def on_nav(nav, config, files):
    _NAV[:] = [nav]
    return nav


# Below this many pages a second rendering process costs more CPU time than it saves wall time: at the real
# catalogue (977 pages) one process took 0.90 of two's CPU time for the same wall time (five alternating runs).
PARALLEL_PAGES = 2000


def _workers(pages: int) -> int:
    """Processes that render pages in `catalogus build` (CATALOGUS_SITE_WORKERS, default: 2 when the machine has
    two cores and the site PARALLEL_PAGES pages). `mkdocs serve` renders in one: it rebuilds only what changed,
    and its server runs threads."""
    if os.environ.get("CATALOGUS_GENERATED") != "1" or _DIRTY[0] or not hasattr(os, "fork"):
        return 1  # a dirty build renders only the changed pages (the others are not even read)
    value = os.environ.get("CATALOGUS_SITE_WORKERS", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    return min(2, os.cpu_count() or 1) if pages >= PARALLEL_PAGES else 1


def _render_in_parallel(env, config, files, nav) -> None:
    """Every page is converted to HTML by now (on_env runs between reading and rendering); what is left is
    Material's templates, page by page, independent of each other. A forked child renders and writes every
    second page; this process gives those pages an empty template, so MkDocs skips them ("generated empty
    output"), and renders the rest, the theme's files and the sitemap as usual. The child inherits the whole
    build state, so its pages are byte for byte what one process writes; on_post_build waits for it and
    fails the build when it failed or warned. Anchor checks stay in this process, which read every page."""
    try:
        from mkdocs.commands.build import _build_page  # MkDocs 1.x (frozen); without it, one process renders
    except ImportError:
        return
    pages = [file.page for file in files.documentation_pages() if file.page is not None]
    theirs = pages[1::2]
    if not theirs:
        return
    doc_files = files.documentation_pages()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            warnings = _Counter()
            logging.getLogger("mkdocs").addHandler(warnings)
            for page in theirs:
                _build_page(page, config, doc_files, nav, env)
            code = 3 if warnings.count else 0
        except BaseException:  # noqa: BLE001 (the child must never return into MkDocs' loop)
            traceback.print_exc()
            code = 2
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _CHILD.append(pid)
    for page in theirs:
        page.meta = {**page.meta, "template": _SKIP}
    # MkDocs says "Page skipped ... Generated empty output" (INFO) for each of them: a log record, a line on
    # stdout and a line for `catalogus build` to read, per page. Its other messages resume in on_post_build.
    build_log = logging.getLogger("mkdocs.commands.build")
    _QUIETED.append((build_log, build_log.level))
    build_log.setLevel(logging.WARNING)


class _Counter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def _wait_for_child() -> int:
    code = 0
    while _CHILD:
        _, status = os.waitpid(_CHILD.pop(), 0)
        code = code or os.waitstatus_to_exitcode(status)
    return code


def _speak_again() -> None:
    while _QUIETED:
        logger, level = _QUIETED.pop()
        logger.setLevel(level)


def on_post_build(config, **kwargs):
    _speak_again()
    if _SHELLS:
        log.debug("catalogus: %d page(s) filled in from %d shell(s); %d shape(s) rendered in full", *_SHELLS[0].counts())
    code = _wait_for_child()
    if code:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"catalogus: the second page-rendering process failed (exit {code}); see its messages above")


def on_build_error(error, **kwargs):
    _speak_again()
    for pid in _CHILD:
        try:
            os.kill(pid, 9)
        except OSError:
            pass
    _wait_for_child()


def on_post_page(output, page, config):
    if page.meta.get("template") == _SKIP:
        return ""  # rendered and written by the other process (_render_in_parallel)
    if _PROBLEMS:
        return error_page(_PROBLEMS)
    return output if _SERVING[0] else with_policy(output)


def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content
    if _PROBLEMS:
        return error_page(_PROBLEMS)
    return output_content if _SERVING[0] else with_policy(output_content)


def on_serve(server, config, builder, **kwargs):
    # `catalogus serve --content DIR` may preview another content folder than the one in mkdocs.yml's watch list.
    content = os.environ.get("CATALOGUS_CONTENT_DIR")
    if content:
        server.watch(content)
    _watch_with_events(server, config)
    server.builder = _never_stuck(server.builder, Path(config.site_dir))
    return server


def _watch_with_events(server, config) -> None:
    """MkDocs polls every watched folder twice a second (a stat of every file: the content, the templates and
    the generated docs) and then rebuilds again for the docs the hook itself just wrote. Here the docs folder is
    not watched (it changes only when the generator writes it, inside a rebuild), and where the system reports
    file changes (inotify on Linux) the server waits for those instead of polling."""
    server.unwatch(config.docs_dir)
    watched = getattr(server, "_watched_paths", None)  # path -> times watched (MkDocs 1.x)
    try:
        from watchdog.observers import Observer

        events = Observer()
    except Exception:  # noqa: BLE001 - no event API here: keep MkDocs' polling
        return
    if not isinstance(watched, dict) or type(events) is type(server.observer):
        return
    watched = dict(watched)
    for path, times in watched.items():
        for _ in range(times):
            server.unwatch(path)
    server.observer = events
    for path, times in watched.items():  # mkdocs.yml; the `watch:` folders are added after this hook, on the new one
        for _ in range(times):
            server.watch(path)


def _never_stuck(build, site_dir: Path):
    """MkDocs' server answers no request after a rebuild that raised ("the server will appear stuck"): browsers
    wait forever. Such a rebuild ends here instead, with the error page as every page of the site."""
    def rebuild():
        try:
            build()
        except BaseException as exc:  # noqa: BLE001 - includes MkDocs' Abort (a SystemExit)
            if isinstance(exc, KeyboardInterrupt):
                raise
            log.error("catalogus: the site could not be built: %s", exc)
            page = error_page(_PROBLEMS or [f"De site kon niet worden gebouwd: {type(exc).__name__}: {exc}"])
            site_dir.mkdir(parents=True, exist_ok=True)
            for name in ("index.html", "404.html"):
                (site_dir / name).write_text(page, encoding="utf-8")
    return rebuild
