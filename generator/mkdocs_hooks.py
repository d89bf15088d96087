"""Thin MkDocs adapter: the only code that knows MkDocs' plugin API.

* on_pre_build: during `mkdocs serve`, regenerate the Markdown from content/
  (only changed files are written, so the watcher does not loop; unchanged
  content files are not parsed again, see cache.py);
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

log = logging.getLogger("mkdocs.plugins.catalogus")
_CACHE = Cache()  # kept between the rebuilds of one `mkdocs serve`


def on_pre_build(config, **kwargs):
    if os.environ.get("CATALOGUS_GENERATED") == "1":
        return  # `catalogus build` generated just before calling MkDocs
    content = os.environ.get("CATALOGUS_CONTENT_DIR")
    paths = Paths.at(Path(config.config_file_path).parent, Path(content) if content else None)
    paths = Paths(paths.root, paths.content, paths.templates, Path(config.docs_dir), paths.site, paths.config)
    result = generate(paths, _CACHE)
    if result.diagnostics:
        for line in result.diagnostics.render(root=paths.root).splitlines():
            log.error(line)
    elif result.report and result.report.written:
        log.info("catalogus: %d page(s) regenerated", len(result.report.written))


def on_serve(server, config, builder, **kwargs):
    # `catalogus serve --content DIR` may preview another content folder than the one in mkdocs.yml's watch list.
    content = os.environ.get("CATALOGUS_CONTENT_DIR")
    if content:
        server.watch(content)
    return server
