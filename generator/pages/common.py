"""What every page kind shares: the `Page` and `SiteConfig` types, the `Site` a build works from, and the
small view helpers (labels, links, project list items, grouping, counts, dates).

In:  a `Catalogue` and a `SiteConfig`.
Out: `Site(catalogue, config)`, built once per site build, plus functions that take it:

    >>> site = Site(catalogue, SiteConfig())
    >>> project_item(site, "regios/achterhoek.md", "minimacontract-achterhoek")["url"]
    '../projecten/minimacontract-achterhoek.md'

View-models hold display-ready values: text already escaped, links already relative to the page, lists already
sorted. Templates only print.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .. import model as m
from ..catalogue import Catalogue, Entry
from ..opendata import Publication
from ..text import attribute, html_content, html_text, plain
from .urls import address, region_path, relative, project_path, source_path, theme_path


@dataclass(frozen=True)
class SiteConfig:
    repo_url: str = ""
    edit_branch: str = "main"
    source_root: Path | None = None  # repository root: edit links and page front matter name files relative to it
    site_url: str = ""
    security_contact: str = ""
    security_expires: str = ""
    site_name: str = "Samenwerkingscatalogus"
    today: dt.date | None = None  # freshness: projects not checked within max_age_days of today get a notice
    max_age_days: int = 0  # 0: no notices
    publication: Publication = Publication()  # licence, publisher, contact (mkdocs.yml extra.open_data)


@dataclass(frozen=True)
class Page:
    path: str
    template: str  # "" for a data file: view["text"] is written as it is
    view: dict[str, Any] = field(hash=False)


class PathCollision(Exception):
    pass


VOCABULARIES = ("themes", "forms", "instruments", "scales", "statuses", "kinds", "quirks", "topics")


class Views:
    """What a long-running process keeps of the page kinds' pure work between builds (cache.py): values computed
    from the catalogue, each kept with the inputs it was computed from ("deps") and handed out again only while
    those are equal.

    Everything that is not a project (config, taxonomy, registers, regions, sources, guide pages: the "world")
    is compared once per build; when any of it differs, nothing is reused. So a memoised value may read the world
    freely, and its deps name only the projects (their items) it reads. Items of unchanged files are the same
    objects from build to build (cache.py), so comparing deps is mostly comparing identities. Only values used in
    the last build are kept."""

    def __init__(self):
        self.world: tuple | None = None
        self.last: dict[tuple, tuple[Any, Any]] = {}
        self.now: dict[tuple, tuple[Any, Any]] = {}
        self.hits = self.misses = 0
        # state a page kind keeps up to date itself, item by item (e.g. finder's search_index.SearchWords);
        # dropped with everything else when the world changes
        self.state: dict[str, Any] = {}

    def start(self, world: tuple) -> None:
        if world != self.world:
            self.last = {}
            self.state = {}
        else:
            self.last = {**self.last, **self.now}
        self.world, self.now = world, {}
        self.hits = self.misses = 0

    def finish(self) -> None:
        self.last, self.now = self.now, {}

    def get(self, kind: str, key: Any, deps: Any, compute: Callable[[], Any]) -> Any:
        slot = (kind, key)
        last = self.last.get(slot)
        if last is not None and last[0] == deps:
            self.hits += 1
            value = last[1]
        else:
            self.misses += 1
            value = compute()
        self.now[slot] = (deps, value)
        return value


def world(c: Catalogue, config: SiteConfig) -> tuple:
    """Every input of the pages but the projects (see `Views`)."""
    return (config, c.root, c.taxonomy, tuple(c.insurers.items()), tuple(c.municipalities.items()),
            tuple(c.regions.items()), tuple(c.sources.items()), tuple(c.guide))


class Site:
    """The catalogue and config of one build, with the lookups several page kinds need, computed once."""

    def __init__(self, c: Catalogue, config: SiteConfig, memo: dict | None = None, views: Views | None = None):
        self.c = c
        self.config = config
        self.memo = memo  # what a long-running process keeps for the downloads between builds (cache.py), or None
        self.views = views  # what it keeps of the view-models (`Views`), or None
        if views is not None:
            views.start(world(c, config))
        # the catalogue's sort order, for merging lists that come from several indexes
        self.project_order = {pid: i for i, pid in enumerate(c.projects)}
        self.insurer_order = {iid: i for i, iid in enumerate(c.insurers)}
        self.labels = {name: {t.id: t.label for t in getattr(c.taxonomy, name)} for name in VOCABULARIES}
        # the finder's facets of every project: its Pagefind filters, the finder's counts, the overview
        self.facets = {pid: self.remember("facets", pid, e.item, lambda item=e.item: facet_values(c, item))
                       for pid, e in c.projects.items()}

    def remember(self, kind: str, key: Any, deps: Any, compute: Callable[[], Any]) -> Any:
        """compute(), or with `views` the value computed last time for (kind, key) when `deps` (the projects'
        items it read, besides the world) are equal. `compute` must read nothing else that may change."""
        if self.views is None:
            return compute()
        return self.views.get(kind, key, deps, compute)

    def items(self, pids) -> tuple:
        """The deps of a value that reads these projects (in this order)."""
        projects = self.c.projects
        return tuple((pid, projects[pid].item) for pid in pids)


def facet_values(c: Catalogue, p: m.Project) -> dict[str, list[str]]:
    """The finder's facets of a project, as ids: the Pagefind filters, the finder's counts and its links."""
    forms = [p.form] if isinstance(p.form, str) else list(dict.fromkeys((p.form or {}).values()))
    named = [today for mid in p.municipalities for today in c.today(mid)]  # a split one counts for each part
    # a project for the whole region counts for each of its municipalities
    region_wide = [mid for rid in p.regions for mid in c.regions[rid].item.municipalities] if p.whole_region else []
    return {
        "thema": list(p.themes),
        "onderwerp": list(p.topics),
        "vorm": forms,
        "instrument": list(p.instruments),
        "schaal": [p.scale] if p.scale else [],
        "verzekeraar": list(p.insurers),
        "regio": list(p.regions),
        "gemeente": list(dict.fromkeys(named + [today for mid in region_wide for today in c.today(mid)])),
        "status": [p.status],
        "bron": list(dict.fromkeys(ref.document for ref in p.sources)),
        "soort": [p.kind],
    }


# --- words and numbers -------------------------------------------------------------------------------------------
def dutch_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def count_label(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]


@functools.lru_cache(maxsize=1024)
def reference_label(reference_date: str) -> str:
    parts = reference_date.split("-")
    if len(parts) == 1:
        return f"stand {parts[0]}"
    if len(parts) == 2:
        return f"stand {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return f"stand {int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"


def date_label(value) -> str:
    return reference_label(value.isoformat()).removeprefix("stand ")


def size_label(data: str | bytes) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return f"{len(raw) / 1024:.0f} kB"


# --- front matter and links --------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=65536)
def _source_file(path: Path, base: Path) -> str:
    """A content file relative to the repository; resolve() asks the file system, so once per file is enough."""
    try:
        return path.resolve().relative_to(_resolved(base)).as_posix()
    except ValueError:
        return path.as_posix()


@functools.lru_cache(maxsize=16)
def _resolved(base: Path) -> Path:
    return base.resolve()


def source_file(site: Site, entry: Entry) -> str:
    return _source_file(entry.path, site.config.source_root or site.c.root.parent)


def meta(site: Site, title: str, description: str, source: Entry | None = None, indexed: bool = False,
         hide: tuple[str, ...] = ()) -> dict[str, Any]:
    """Front matter; only project pages go into the search index (the finder searches projects)."""
    # Material prints the front matter title and description into the HTML without escaping them,
    # so they are HTML-escaped here (and then quoted for YAML).
    return {
        "title": attribute(html_text(title)),
        "description": attribute(html_text(description)),
        "source": source_file(site, source) if source else "",
        "search": "ja" if indexed else "nee",
        "hide": list(hide),  # Material's page options: "navigation", "toc" (wide pages)
    }


def link(here: str, title: str, target: str) -> dict[str, str]:
    return {"title": plain(title), "url": relative(here, target)}


# --- the same for pages whose body is HTML (see generator/html_body.py): HTML-escaped text, browser addresses ------
def html_link(here: str, title: str, target: str) -> dict[str, str]:
    return {"title": html_content(title), "url": address(here, target)}


def html_project_item(site: Site, here: str, pid: str, escape: Callable[[object], str] = html_content) -> dict[str, Any]:
    """`project_item` for an HTML body; `escape` is html_content for text, html_text where a value may also
    stand in an attribute."""
    p: m.Project = site.c.projects[pid].item
    return {
        "title": escape(p.title),
        "url": address(here, project_path(pid)),
        "summary": escape(p.summary),
        "when": reference_label(p.reference_date),
        "kind": escape(site.labels["kinds"][p.kind]) if p.kind != "project" else "",
    }


class Anchors:
    """Heading ids of one page, made as Python-Markdown's `toc` extension makes them (so addresses with
    #fragment stay what they were when the page was Markdown), unique within the page."""

    def __init__(self):
        self.seen: set[str] = set()

    def __call__(self, text: str) -> str:
        from markdown.extensions.toc import slugify, unique

        return unique(slugify(text, "-"), self.seen)


def project_item(site: Site, here: str, pid: str) -> dict[str, Any]:
    """A project in a list: title, link, summary, reference date and (when not a plain project) its kind."""
    p: m.Project = site.c.projects[pid].item
    return {
        "title": plain(p.title),
        "url": relative(here, project_path(pid)),
        "summary": plain(p.summary),
        "when": reference_label(p.reference_date),
        "kind": plain(site.labels["kinds"][p.kind]) if p.kind != "project" else "",
    }


def municipality_name(site: Site, any_id: str) -> str:
    """Today's name, or for a former municipality 'Old name (nu New name)'."""
    c = site.c
    current = c.current_municipality[any_id]
    if any_id in c.former_names:
        former, _ = c.former_names[any_id]  # split over several: every successor is named
        return f"{former.name} (nu {dutch_list([c.municipalities[s].name for s in c.successors[any_id]])})"
    return c.municipalities[current].name


def sources(site: Site, here: str, refs: list[m.SourceRef], html: bool = False) -> list[dict[str, str]]:
    """Source references; `html`: HTML-escaped text and browser addresses (for an HTML body)."""
    text, to = (html_content, address) if html else (plain, relative)
    out = []
    for ref in refs:
        doc = site.c.sources[ref.document].item
        out.append({
            "title": text(doc.title),
            "url": to(here, source_path(ref.document)),
            "page": str(ref.page) if ref.page else "",
            "note": text(ref.note) if ref.note else "",
        })
    return out


# --- grouping and counting ---------------------------------------------------------------------------------------
GroupKey = Callable[[m.Project], list[tuple[Any, str, str]]]


def grouped(site: Site, here: str, pids: list[str], key: GroupKey, anchors: Anchors | None = None) -> list[dict[str, Any]]:
    """Projects grouped under headings; `key(project) -> [(sort, title, url)]`. With `anchors`, for an HTML
    body: HTML-escaped text, browser addresses (give `key` addresses too) and a heading id per group."""
    groups: dict[tuple, list[str]] = {}
    for pid in pids:
        for sort, title, url in key(site.c.projects[pid].item):
            groups.setdefault((sort, title, url), []).append(pid)
    if anchors is None:
        return [
            {"title": plain(title), "url": url, "count": len(members),
             "projects": [project_item(site, here, pid) for pid in members]}
            for (sort, title, url), members in sorted(groups.items(), key=lambda kv: kv[0][0])
        ]
    return [
        {"title": html_content(title), "url": url, "count": len(members), "id": anchors(f"{title} ({len(members)})"),
         "projects": [html_project_item(site, here, pid) for pid in members]}
        for (sort, title, url), members in sorted(groups.items(), key=lambda kv: kv[0][0])
    ]


def by_theme(site: Site, here: str) -> GroupKey:
    order = {t.id: i for i, t in enumerate(site.c.taxonomy.themes)}

    def key(p: m.Project):
        if not p.themes:
            return [(len(order), "Zonder thema", "")]
        return [(order[t], site.labels["themes"][t], relative(here, theme_path(t))) for t in p.themes]
    return key


def by_region(site: Site, here: str, html: bool = False) -> GroupKey:
    """Group by region; `html`: link the headings with browser addresses (for an HTML body)."""
    order = {rid: i for i, rid in enumerate(site.c.regions)}
    to = address if html else relative

    def key(p: m.Project):
        return [(order[r], site.c.regions[r].item.name, to(here, region_path(r))) for r in p.regions]
    return key


def form_id(site: Site, pid: str) -> str:
    """A project's form id, 'per-gemeente' when it differs per municipality, '' when unknown."""
    form = site.c.projects[pid].item.form
    if form is None:
        return ""
    return form if isinstance(form, str) else "per-gemeente"
