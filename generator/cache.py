"""Cache: what a long-running process keeps between two regenerations of the same site.

`catalogus serve` regenerates the Markdown after every saved file. With a `Cache` passed to
`build.generate`, an unchanged file is neither parsed nor validated again (it is recognised by its
bytes); a view-model is built again only when what it reads changed (`views`, see pages.common.Views:
everything that is not a project is compared once per run and any change there rebuilds everything; a
project page, a region page, an API file ... is kept while the projects it reads are the same items);
the comparable-projects ranking is kept while what it reads of the projects is the same; the Jinja
environment is kept while no template changed, and a page whose view-model and templates are unchanged
is not rendered again; a project whose item is unchanged is not serialised again for the downloads (and
the workbook is kept from the first run: `catalogus build` always writes it afresh), and a file whose
text equals what was last written is not compared with the disk again. The finder's search words, compound
parts and vocabulary files are updated for the projects that changed (search_index.SearchWords, kept in
`views.state`). After each run `settle` freezes what is alive, so Python's cycle collector does not walk the
cache again on every edit. The result is the same as a cold
run (tests/test_cache.py edits one cache fifteen ways): only pure steps are skipped, every cross-file
check runs each time, and a file with errors is never cached, so its errors are reported on every run.

    >>> cache = Cache()
    >>> generate(paths, cache)   # parses and renders everything
    >>> generate(paths, cache)   # after one edit: one parse, the affected pages rendered

A one-off `catalogus build` passes no cache: it would only cost memory.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Cache:
    # file -> (its bytes, the Document parsed from them without any diagnostic)
    documents: dict[Path, tuple[bytes, Any]] = field(default_factory=dict)
    # (model class, id of the Document) -> (the Document, the validated item); the Document is kept so the id stays its own
    items: dict[tuple[type, int], tuple[Any, Any]] = field(default_factory=dict)
    # page path -> (templates' contents, template name, view-model, rendered text), from the last run only
    pages: dict[str, tuple[int, str, Any, str]] = field(default_factory=dict)
    # (templates' contents, the Jinja environment that compiled them) (render.render_pages)
    environment: tuple[int, Any] | None = None
    # the downloads' per-project serialisations and the workbook (export.export_files)
    downloads: dict[str, Any] = field(default_factory=dict)
    # the view-models and the pure values they are made of, with what they read (pages.common.Views)
    views: Any = field(default_factory=lambda: _views())
    # relative path -> content last written to (or found unchanged in) the docs folder (output.write_tree)
    written: dict[str, Any] = field(default_factory=dict)

    def settle(self) -> None:
        """After a regeneration: collect its garbage, then freeze what is alive (gc.freeze), so that Python's
        cycle collector never walks the cache again. Without this a full collection (every object of the
        process: the cache, and in `serve` MkDocs' pages too) ran every second edit and cost more than the
        edit's own work. This collection walks only what was made since the last one, i.e. one edit's objects.
        Frozen objects are still freed when nothing refers to them any more (reference counting); only a
        cycle among frozen objects that were later dropped (an old Jinja environment after a template change)
        stays, and `collect_frozen` gives those back once the frozen heap has grown by half."""
        gc.collect()
        gc.freeze()
        self._settled += 1
        if self._settled % 16 == 1:  # counting the frozen objects walks them all (0.08 s at 2,000 projects)
            frozen = gc.get_freeze_count()
            if self._frozen_after_full and frozen > 1.5 * self._frozen_after_full:
                self.collect_frozen()
            elif not self._frozen_after_full:
                self._frozen_after_full = frozen

    def collect_frozen(self) -> None:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self._frozen_after_full = gc.get_freeze_count()

    _frozen_after_full: int = field(default=0, repr=False)
    _settled: int = field(default=0, repr=False)


def _views():
    from .pages.common import Views  # the pages stage imports this module; not the other way round at import time

    return Views()
