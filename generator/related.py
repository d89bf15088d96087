"""Related: up to five comparable projects per project, each with a one-line reason.

In:  a `Catalogue`.
Out: {project id: [Match(project id, reason)]}, best first; deterministic.

    >>> comparable(catalogue)["pilot-epa-aanpak-ijssel-vecht"][0]
    Match(id='pilot-epa-aanpak-drenthe', reason='zelfde aanpak in regio Drenthe; zelfde thema (GGZ) en vorm')

Score of a pair (a higher score ranks first, ties go to catalogue order):
  same approach (the same name, or nearly so)  6
  each shared topic (the catalogue's own)      up to 6, less the more projects have it
                                               (6 · log(n / projects with it) / log n: 'verward gedrag' ~4,
                                               the broad 'psychische gezondheid' ~2)
  each shared theme                            3
  each shared uncommon word of the names       1  ('uitval mantelzorgers', 'verward'/'verwarde')
  a shared form of collaboration               2
  each shared instrument                       1
  a shared insurer                             1
  the same region or a shared municipality     1
A project is only comparable when it shares a theme, a topic or the approach; sharing
just an insurer or a region is not enough, unless the project has no theme at
all (the source left it open): then form, instrument, insurer and place count. Scoring runs as matrix products in
chunks, so 10,000 projects cost seconds, not the minutes a pairwise loop takes.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass

# One BLAS thread for the scoring's matrix products (set before numpy is first imported; no effect after). At
# 10,000 projects they run in the forked process beside the other one, so both cores are busy already: OpenBLAS's
# own threads only waited for each other (`build --no-site`: 23-26 s wall / 38-43 s CPU with them, 21-22 s / 33 s
# without). Below 5,000 projects the scoring takes under a second either way.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from . import model as m
from .catalogue import Catalogue

LIMIT = 5
APPROACH, TOPIC, THEME, FORM, INSTRUMENT, INSURER, PLACE, NAME_WORD = 6, 3, 3, 2, 1, 1, 1, 1  # TOPIC: 2 · this at most
COMMON_NAME_WORD = 0.02  # a name word in more than this share of the titles says little ('samenwerking', 'zorg')
TABLE_BYTES = 64 << 20  # at most this much for a _Sharing table (distinct sets × projects, one byte each)
CHUNK = 256  # rows per block: at 10,000 projects 512 rows held ~280 MB of blocks at once, 256 ~200 MB

# Words that say nothing about the approach itself.
_STOP = {
    "de", "het", "een", "en", "van", "voor", "in", "op", "met", "naar", "bij", "door", "aan", "om", "tot", "als",
    "project", "pilot", "regio", "gemeente", "gemeenten", "aanpak", "samenwerking", "programma",
}


@dataclass(frozen=True)
class Match:
    id: str
    reason: str


def approach_key(title: str) -> frozenset[str]:
    """The words of a name that identify an approach: 'Pilot EPA-aanpak' and 'EPA aanpak' share {'epa'}."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", text)
    return frozenset(w for w in words if w not in _STOP and len(w) > 1 and not w.isdigit())


def _stem(word: str) -> str:
    """A rough Dutch stem for comparing names: 'verwarde' and 'verward', 'mantelzorgers' and 'mantelzorger'."""
    for suffix in ("en", "e", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _forms(p: m.Project) -> set[str]:
    if p.form is None:
        return set()
    return {p.form} if isinstance(p.form, str) else set(p.form.values())


def comparable(c: Catalogue, remember=None) -> dict[str, list[Match]]:
    """`remember(kind, key, deps, compute)`: a long-running process's memo (pages.common.Site.remember). The
    ranking is computed again only when what it reads of the projects changed: their order and, per project,
    the weighted columns, insurers, places and approach group below (not, say, a new word in one title that no
    other title has)."""
    prepared = _prepare(c)
    if remember is None:
        return _rank(c, prepared)
    return remember("comparable", None, prepared["signature"], lambda: _rank(c, prepared))


def _prepare(c: Catalogue) -> dict:
    ids = list(c.projects)
    projects = [c.projects[pid].item for pid in ids]
    n = len(ids)
    keys = [approach_key(p.title) for p in projects]
    stems = [{_stem(w) for w in key} for key in keys]
    stem_count: dict[str, int] = {}
    for found in stems:
        for w in found:
            stem_count[w] = stem_count.get(w, 0) + 1
    rare = {w for w, k in stem_count.items() if 1 < k <= max(2, COMMON_NAME_WORD * n)}
    topic_count: dict[str, int] = {}
    for p in projects:
        for t in p.topics:
            topic_count[t] = topic_count.get(t, 0) + 1
    rows: list[list[tuple[str, str, float]]] = []
    for p, found in zip(projects, stems):
        cols = [("theme", t, THEME) for t in p.themes]
        cols += [("topic", t, TOPIC * 2 * np.log(n / topic_count[t]) / np.log(n)) for t in p.topics]
        cols += [("word", w, NAME_WORD) for w in sorted(found & rare)]
        cols += [("form", f, FORM) for f in sorted(_forms(p))]
        cols += [("instrument", i, INSTRUMENT) for i in p.instruments]
        rows.append(cols)
    places = [[f"r:{r}" for r in p.regions] + [f"g:{c.current_municipality[g]}" for g in p.municipalities]
              for p in projects]
    # the same approach: projects whose name keys are equal and non-empty
    groups: dict[frozenset[str], list[int]] = {}
    for i, key in enumerate(keys):
        if key:
            groups.setdefault(key, []).append(i)
    grouped = [key if key and len(groups[key]) > 1 else None for key in keys]
    # Everything _rank and reason() read of the projects (the rest is the world: names, labels)
    signature = tuple((pid, tuple(cols), tuple(p.insurers), tuple(place), tuple(p.regions), group)
                      for pid, p, cols, place, group in zip(ids, projects, rows, places, grouped))
    return {"ids": ids, "projects": projects, "rows": rows, "places": places, "groups": groups, "grouped": grouped,
            "signature": signature}


def _rank(c: Catalogue, prepared: dict) -> dict[str, list[Match]]:
    ids, projects, rows = prepared["ids"], prepared["projects"], prepared["rows"]
    n = len(ids)
    if n < 2:
        return {pid: [] for pid in ids}

    # one column per vocabulary value, weighted; score = X · W · Xᵀ counts what two projects share
    columns: dict[tuple[str, str], int] = {}
    weights: list[float] = []

    def column(kind: str, value: str, weight: float) -> int:
        key = (kind, value)
        if key not in columns:
            columns[key] = len(columns)
            weights.append(weight)
        return columns[key]

    rows = [[column(*col) for col in cols] for cols in rows]
    # The names' rare words are most of the columns but each is shared by few projects: they are added per
    # project from the word's list of projects, and the matrix product runs over the other columns only.
    words = {i for (kind, _), i in columns.items() if kind == "word"}
    dense = {i: k for k, i in enumerate(i for i in range(len(columns)) if i not in words)}  # column -> position
    features = np.zeros((n, len(dense)), dtype=np.float32)
    holders: dict[int, list[int]] = {w: [] for w in words}
    for r, cols in enumerate(rows):
        features[r, [dense[i] for i in cols if i in dense]] = 1.0
        for w in cols:
            if w in words:
                holders[w].append(r)
    weighted = features * np.asarray([weights[i] for i in dense], dtype=np.float32)
    own_words = [[w for w in cols if w in words] for cols in rows]
    themeless = np.array([not p.themes and not p.topics for p in projects])

    # shares a theme or topic / an insurer / a place (counted once per pair, however many they share)
    themes = _Sharing(n, [[f"{kind}:{value}" for kind, value, _ in cols if kind in ("theme", "topic")]
                          for cols in prepared["rows"]])
    insurers = _Sharing(n, [p.insurers for p in projects])
    places = _Sharing(n, prepared["places"])

    same_approach = [[] for _ in range(n)]
    for members in prepared["groups"].values():
        if len(members) > 1:
            for i in members:
                same_approach[i] = members
    keys = prepared["grouped"]

    labels = {name: {t.id: t.label for t in getattr(c.taxonomy, name)} for name in ("themes", "forms", "instruments", "topics")}
    order = np.arange(n, 0, -1, dtype=np.float64)  # earlier in the catalogue wins a tie
    out: dict[str, list[Match]] = {}
    for start in range(0, n, CHUNK):
        stop = min(start + CHUNK, n)
        score = weighted[start:stop] @ features.T
        for row in range(stop - start):
            for w in own_words[start + row]:
                score[row, holders[w]] += NAME_WORD
        score += insurers.block(start, stop) * np.float32(INSURER)
        score += places.block(start, stop) * np.float32(PLACE)
        eligible = themes.block(start, stop)
        # a project without a theme is compared on what it does have: form, instrument, insurer, place
        eligible |= themeless[start:stop, None] & (score > 0)
        for row in range(stop - start):
            for j in same_approach[start + row]:
                score[row, j] += APPROACH
                eligible[row, j] = True
        eligible[np.arange(stop - start), np.arange(start, stop)] = False
        # rank = rounded score · (n + 1) + order, exact in float64 (integers far below 2⁵³); -1 when not eligible
        rank = np.rint(score, out=score).astype(np.float64)
        rank *= n + 1
        rank += order
        rank[~eligible] = -1
        top = np.argpartition(-rank, min(LIMIT, n - 1), axis=1)[:, :LIMIT]
        for row in range(stop - start):
            chosen = sorted((j for j in top[row] if rank[row, j] > 0), key=lambda j: -rank[row, j])
            i = start + row
            # the same approach: equal non-empty name keys (two such projects always share a group)
            out[ids[i]] = [Match(ids[j], reason(c, labels, projects[i], projects[j], keys[i] is not None and keys[i] == keys[j]))
                           for j in chosen]
    return out


class _Sharing:
    """Which projects share at least one value with each project (`values`: each project's list), a block of
    rows at a time. Many projects have the same set of values (the municipalities of their region, the same
    insurers): when there are few distinct sets, each is compared with every project once, and a block picks
    its rows from that table."""

    def __init__(self, n: int, values: list[list[str]]):
        self.membership = _membership(n, values)
        distinct: dict[frozenset[str], int] = {}  # a set of values -> its number
        first: list[int] = []  # per set: the first project that has it
        which: list[int] = []  # per project: the number of its set
        for r, items in enumerate(values):
            key = frozenset(items)
            if key not in distinct:
                distinct[key] = len(first)
                first.append(r)
            which.append(distinct[key])
        self.which = np.array(which, dtype=np.int64)
        few = len(first) * 4 <= n and len(first) * n <= TABLE_BYTES
        self.table = (self.membership[first] @ self.membership.T) > 0 if few else None

    def block(self, start: int, stop: int) -> np.ndarray:
        if self.table is not None:
            return self.table[self.which[start:stop]]
        return (self.membership[start:stop] @ self.membership.T) > 0


def _membership(n: int, values: list[list[str]]) -> np.ndarray:
    index: dict[str, int] = {}
    for items in values:
        for v in items:
            index.setdefault(v, len(index))
    matrix = np.zeros((n, max(len(index), 1)), dtype=np.float32)
    for r, items in enumerate(values):
        matrix[r, [index[v] for v in items]] = 1.0
    return matrix


def reason(c: Catalogue, labels: dict[str, dict[str, str]], a: m.Project, b: m.Project, same_approach: bool) -> str:
    """One line, most telling first: 'zelfde aanpak in regio Drenthe; zelfde thema (GGZ) en vorm'."""
    parts = []
    if same_approach:
        elsewhere = [r for r in b.regions if r not in a.regions]
        if elsewhere:
            parts.append(f"zelfde aanpak in regio {c.regions[elsewhere[0]].item.name}")
        else:
            parts.append("zelfde aanpak")
    shared_topics = [labels["topics"][t] for t in a.topics if t in b.topics]
    if shared_topics:
        parts.append(f"zelfde onderwerp ({shared_topics[0]})" if len(shared_topics) == 1
                     else f"zelfde onderwerpen ({', '.join(shared_topics[:2])})")
    shared_themes = [labels["themes"][t] for t in a.themes if t in b.themes]
    shared_form = sorted(_forms(a) & _forms(b))
    shared_instruments = [labels["instruments"][i] for i in a.instruments if i in b.instruments]
    if shared_themes and len(parts) < 3:
        what = f"zelfde thema ({shared_themes[0]})" if len(shared_themes) == 1 else f"zelfde thema's ({', '.join(shared_themes[:2])})"
        if shared_form:
            what += " en vorm"
        elif shared_instruments:
            what += " en instrument"
        parts.append(what)
    elif shared_form and not shared_themes:
        parts.append(f"zelfde vorm ({labels['forms'][shared_form[0]]})")
    elif shared_instruments and not shared_themes:
        parts.append(f"zelfde instrument ({shared_instruments[0]})")
    shared_insurers = [c.insurers[i].name for i in a.insurers if i in b.insurers]
    if shared_insurers and len(parts) < 3:
        parts.append(f"zelfde verzekeraar ({shared_insurers[0]})")
    same_region = [r for r in a.regions if r in b.regions]
    if same_region and not same_approach and len(parts) < 3:
        parts.append("ook in deze regio")
    return "; ".join(parts)
