"""Thin MkDocs adapter: the only code that knows MkDocs' plugin API.

* on_pre_build: during `mkdocs serve`, regenerate the Markdown from content/
  (only changed files are written, so the watcher does not loop; unchanged
  content files are not parsed again, see cache.py);
* on_post_page / on_post_template: the page's Content-Security-Policy (csp.py), in
  every built page (not in `serve`, whose live-reload script is added after the hooks);
* while the content has errors during `serve`, every page (and the 404 page) is the
  error page of preview.py, and a failing rebuild never leaves the server stuck
  (MkDocs' server holds every request until a rebuild succeeds);
* on_serve: also watch a content folder given with `catalogus serve --content`.

Everything else is plain Markdown on disk, readable by any MkDocs-compatible tool; the edit link to a
page's YAML source comes from its front matter in overrides/partials/actions.html, not from a hook.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from generator.build import Paths, generate
from generator.cache import Cache
from generator.csp import with_policy
from generator.preview import error_page

log = logging.getLogger("mkdocs.plugins.catalogus")
_CACHE = Cache()  # kept between the rebuilds of one `mkdocs serve`
_PROBLEMS: list[str] = []  # the content errors of the last regeneration; shown instead of the pages
_SERVING: list[bool] = [False]


def on_startup(command, dirty=False, **kwargs):
    _SERVING[0] = command == "serve"


def on_pre_build(config, **kwargs):
    if os.environ.get("CATALOGUS_GENERATED") == "1":
        return  # `catalogus build` generated just before calling MkDocs
    content = os.environ.get("CATALOGUS_CONTENT_DIR")
    paths = Paths.at(Path(config.config_file_path).parent, Path(content) if content else None)
    paths = Paths(paths.root, paths.content, paths.templates, Path(config.docs_dir), paths.site, paths.config)
    paths.docs.mkdir(parents=True, exist_ok=True)  # a fresh clone with broken content has no docs yet
    try:
        result = generate(paths, _CACHE)
    except Exception as exc:  # noqa: BLE001 - a template or setting error must not stop the preview
        log.exception("catalogus: the pages could not be generated")
        _PROBLEMS[:] = [f"{type(exc).__name__}: {exc}"]
        return
    shown_from = Path(os.environ.get("CATALOGUS_SHOWN_FROM") or paths.root)  # paths as `catalogus check` shows them
    _PROBLEMS[:] = result.diagnostics.render(root=shown_from).splitlines() if result.diagnostics else []
    for line in _PROBLEMS:
        log.warning(line)
    if not _PROBLEMS and result.report and result.report.written:
        log.info("catalogus: %d page(s) regenerated", len(result.report.written))


def on_post_page(output, page, config):
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
    server.builder = _never_stuck(server.builder, Path(config.site_dir))
    return server


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
