"""Both cores for a cold generation: the project pages in a forked process, every other page kind in this one.

In:  the validated `Catalogue`, the output `Tree` (output.py) and the stage that builds, renders and adds the
     pages of some kinds to it (`generate(kinds)`: passed in, so the pipeline stays build.py's to call).
Out: the tree holds what one process would have added (same pages, same functions, same inputs); nothing is
     committed here.

    >>> split(catalogue, tree, generate)

The project pages are about half of the generator's work (their view-models and Markdown); the downloads,
the API, the finder's data and the other kinds are the other half, so the two processes take about as long.
The projects' editor Markdown is rendered before the fork, since both parts print it. The child inherits the
catalogue, that text and the tree (fork), builds and renders its pages and stages their files itself (the tree's
staging folder is shared), then sends back only its part of the tree: the paths it added and the files it
staged. A failure in the child becomes an exception here, with the child's traceback (and the caller's tree
discards everything staged, the child's files too); the caller checks the paths of both parts together. Only a
one-off build forks (`catalogus serve` keeps a cache between runs and regenerates in one process), and only
where `os.fork` exists.
"""
from __future__ import annotations

import os
import pickle
import sys
import traceback
from typing import Callable

from .pages import PAGE_KINDS, project


# Below this many projects a second process saves less wall time than the work both processes repeat costs in
# CPU time (the catalogue's shared lookups): real catalogue (423) +9 % CPU for -10 % wall, 2,000 projects +11 %
# for -5 %, 10,000 projects +2 % for -22 % (benchmarks/README.md).
PARALLEL_FROM = 5000


def workers(projects: int = PARALLEL_FROM) -> int:
    """Processes for a cold generation of `projects` projects: CATALOGUS_WORKERS when set (1 switches forking
    off), else 2 on a machine with two cores or more once the catalogue has PARALLEL_FROM projects."""
    if not hasattr(os, "fork"):
        return 1
    value = os.environ.get("CATALOGUS_WORKERS", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    return min(2, os.cpu_count() or 1) if projects >= PARALLEL_FROM else 1


def _shared_text(catalogue) -> None:
    """The projects' editor Markdown, rendered once before the fork (text.rich keeps what it rendered): the
    project pages, the API and the downloads all print it, so each process would otherwise render it again
    (at 2,000 projects that made two processes cost 30 % more CPU than one)."""
    from .text import rich

    for entry in catalogue.projects.values():
        p = entry.item
        for text in [p.description, p.funding, p.notes, *p.goals, *p.results]:
            rich(text)


def split(catalogue, tree, generate: Callable[[list], None]) -> None:
    theirs = [project]
    ours = [kind for kind in PAGE_KINDS if kind not in theirs]
    _shared_text(catalogue)
    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its pages, rendered and staged, then its part of the tree (never back into the caller)
        os.close(read_end)
        code = 0
        try:
            try:
                tree.forked()
                generate(theirs)
                message: tuple = ("ok", tree.part())
            except BaseException:  # noqa: BLE001 - reported by the parent
                message = ("error", traceback.format_exc())
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(message, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001 - the parent sees a broken message
            code = 2
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        generate(ours)
    finally:
        with os.fdopen(read_end, "rb") as pipe:  # also when ours failed: the child's files are staged till it ends
            try:
                message = pickle.load(pipe)
            except Exception:  # noqa: BLE001
                message = None
        os.waitpid(pid, 0)
    if message is None:
        raise RuntimeError("the second generating process stopped without sending its pages")
    if message[0] == "error":
        raise RuntimeError(f"generating the project pages failed in the second process:\n{message[1]}")
    tree.merge(message[1])
