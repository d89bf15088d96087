"""Pages: every URL rule and the view-model of every page.

In:  a `Catalogue`.
Out: a list of `Page(path, template, view)`; `path` is relative to the docs
     folder ("projecten/minimacontract-achterhoek.md" -> /projecten/minimacontract-achterhoek/).

    >>> pages = build_pages(catalogue, SiteConfig(repo_url="https://github.com/org/repo"))
    >>> pages[0].path, pages[0].template
    ('index.md', 'home.md.j2')

View-models hold display-ready values: text already escaped for Markdown,
links already relative to the page, lists already sorted. Templates only print.
Two pages with the same path are an error (a slug collision), never an overwrite.
"""
from __future__ import annotations

import datetime as dt
import functools
import posixpath
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import model as m
from .catalogue import REST, Catalogue, Entry, _sort_name
from .related import comparable
from .text import attribute, html_text, plain, rich


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


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    view: dict[str, Any] = field(hash=False)


class PathCollision(Exception):
    pass


# URL folders (Dutch, stable: changing one breaks every deep link).
PROJECTS, REGIONS, THEMES, MUNICIPALITIES, INSURERS, SOURCES, GUIDE = (
    "projecten", "regios", "themas", "gemeenten", "verzekeraars", "bronnen", "handreiking",
)


def project_path(pid: str) -> str:
    return f"{PROJECTS}/{pid}.md"


def region_path(rid: str) -> str:
    return f"{REGIONS}/{rid}.md"


def theme_path(tid: str) -> str:
    return f"{THEMES}/{tid}.md"


def municipality_path(mid: str) -> str:
    return f"{MUNICIPALITIES}/{mid}.md"


def insurer_path(iid: str) -> str:
    return f"{INSURERS}/{iid}.md"


def source_path(sid: str) -> str:
    return f"{SOURCES}/{sid}.md"


def guide_path(gid: str) -> str:
    return f"{GUIDE}/{gid}.md"


@functools.lru_cache(maxsize=65536)
def relative(from_page: str, to_page: str) -> str:
    """Link from one Markdown file to another, as MkDocs resolves it."""
    return _relpath(posixpath.dirname(from_page), to_page)


def _relpath(start_folder: str, target: str) -> str:
    """`posixpath.relpath` for paths inside the docs folder, without its calls to the file system (it asks for
    the working directory every time, which was a tenth of the generator's time)."""
    start = [part for part in start_folder.split("/") if part and part != "."]
    target_parts = [part for part in target.split("/") if part and part != "."]
    common = 0
    for a, b in zip(start, target_parts):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(start) - common) + target_parts[common:]
    return "/".join(parts) if parts else "."


@functools.lru_cache(maxsize=65536)
def _source_file(path: Path, base: Path) -> str:
    """A content file relative to the repository; resolve() asks the file system, so once per file is enough."""
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def served(page: str) -> str:
    """The folder a Markdown file is served from (use_directory_urls): 'a/b.md' -> 'a/b', 'a/index.md' -> 'a'."""
    stem = page.removesuffix(".md")
    return posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem


def address(from_page: str, to_page: str) -> str:
    """A browser address from one served page to another, for links that MkDocs does not rewrite
    (raw HTML attributes, query strings): 'index.md' -> 'gemeenten/x.md' gives 'gemeenten/x/'."""
    link = _relpath(served(from_page), served(to_page))
    return "./" if link == "." else link + "/"


def _size(data: str | bytes) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return f"{len(raw) / 1024:.0f} kB"


def dutch_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def count_label(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


@functools.lru_cache(maxsize=1024)
def reference_label(reference_date: str) -> str:
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december"]
    parts = reference_date.split("-")
    if len(parts) == 1:
        return f"stand {parts[0]}"
    if len(parts) == 2:
        return f"stand {months[int(parts[1]) - 1]} {parts[0]}"
    return f"stand {int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"


def date_label(value) -> str:
    return reference_label(value.isoformat()).removeprefix("stand ")


class _Views:
    """Builds view-models; one instance per site build."""

    def __init__(self, c: Catalogue, config: SiteConfig):
        self.c = c
        self.config = config
        # the catalogue's sort order, for merging lists that come from several indexes
        self.project_order = {pid: i for i, pid in enumerate(c.projects)}
        self.insurer_order = {iid: i for i, iid in enumerate(c.insurers)}
        self.labels = {
            name: {t.id: t.label for t in getattr(c.taxonomy, name)}
            for name in ("themes", "forms", "instruments", "scales", "statuses", "kinds", "quirks")
        }
        self.comparable = comparable(c)
        self.facets = {pid: self.facet_values(e.item) for pid, e in c.projects.items()}  # pages, finder, overview

    # --- small pieces -----------------------------------------------------------------
    def source_file(self, entry: Entry) -> str:
        return _source_file(entry.path, self.config.source_root or self.c.root.parent)

    def meta(self, title: str, description: str, source: Entry | None = None, indexed: bool = False,
             hide: tuple[str, ...] = ()) -> dict[str, Any]:
        """Front matter; only project pages go into the search index (the finder searches projects)."""
        # Material prints the front matter title and description into the HTML without escaping them,
        # so they are HTML-escaped here (and then quoted for YAML).
        return {
            "title": attribute(html_text(title)),
            "description": attribute(html_text(description)),
            "source": self.source_file(source) if source else "",
            "search": "ja" if indexed else "nee",
            "hide": list(hide),  # Material's page options: "navigation", "toc" (wide pages)
        }

    def link(self, here: str, title: str, target: str) -> dict[str, str]:
        return {"title": plain(title), "url": relative(here, target)}

    def project_item(self, here: str, pid: str) -> dict[str, Any]:
        p: m.Project = self.c.projects[pid].item
        return {
            "title": plain(p.title),
            "url": relative(here, project_path(pid)),
            "summary": plain(p.summary),
            "when": reference_label(p.reference_date),
            "kind": plain(self.labels["kinds"][p.kind]) if p.kind != "project" else "",
        }

    def municipality_name(self, any_id: str) -> str:
        current = self.c.current_municipality[any_id]
        if any_id in self.c.former_names:
            former, _ = self.c.former_names[any_id]
            return f"{former.name} (nu {self.c.municipalities[current].name})"
        return self.c.municipalities[current].name

    def form_rows(self, p: m.Project) -> list[dict[str, str]]:
        if p.form is None:
            return []
        forms = {t.id: t for t in self.c.taxonomy.forms}
        items = [("", p.form)] if isinstance(p.form, str) else list(p.form.items())
        rows = []
        for scope, form_id in items:
            term = forms[form_id]
            if scope == REST:
                who = "overige gemeenten"
            elif scope:
                who = self.municipality_name(scope)
            else:
                who = ""
            rows.append({
                "scope": plain(who),
                "label": plain(term.label),
                "municipality": term.intensity_municipality,
                "insurer": term.intensity_insurer,
            })
        return rows

    def sources(self, here: str, refs: list[m.SourceRef]) -> list[dict[str, str]]:
        out = []
        for ref in refs:
            doc = self.c.sources[ref.document].item
            out.append({
                "title": plain(doc.title),
                "url": relative(here, source_path(ref.document)),
                "page": str(ref.page) if ref.page else "",
                "note": plain(ref.note) if ref.note else "",
            })
        return out

    def grouped(self, here: str, pids: list[str], key) -> list[dict[str, Any]]:
        """Projects grouped under headings; `key(project) -> [(sort, title, url)]`."""
        groups: dict[tuple, list[str]] = {}
        for pid in pids:
            for sort, title, url in key(self.c.projects[pid].item):
                groups.setdefault((sort, title, url), []).append(pid)
        return [
            {"title": plain(title), "url": url, "count": len(members),
             "projects": [self.project_item(here, pid) for pid in members]}
            for (sort, title, url), members in sorted(groups.items(), key=lambda kv: kv[0][0])
        ]

    def by_theme(self, here: str):
        order = {t.id: i for i, t in enumerate(self.c.taxonomy.themes)}

        def key(p: m.Project):
            if not p.themes:
                return [(len(order), "Zonder thema", "")]
            return [(order[t], self.labels["themes"][t], relative(here, theme_path(t))) for t in p.themes]
        return key

    def by_region(self, here: str):
        order = {rid: i for i, rid in enumerate(self.c.regions)}

        def key(p: m.Project):
            return [(order[r], self.c.regions[r].item.name, relative(here, region_path(r))) for r in p.regions]
        return key

    # --- pages ------------------------------------------------------------------------
    def project(self, pid: str) -> Page:
        entry = self.c.projects[pid]
        p: m.Project = entry.item
        here = project_path(pid)
        municipalities = [
            {"title": plain(self.municipality_name(mid)),
             "url": relative(here, municipality_path(self.c.current_municipality[mid]))}
            for mid in p.municipalities
        ]
        period = ""
        if p.period and (p.period.start or p.period.end):
            period = f"{p.period.start or '?'}–{p.period.end or '?'}" if p.period.end else f"vanaf {p.period.start}"
        targets = []
        for target in p.targets:
            number = ""
            if target.value is not None:
                value = int(target.value) if float(target.value).is_integer() else target.value
                number = f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value).replace(".", ",")
                number = f"{number} {target.unit}" if target.unit else number
            targets.append({
                "description": plain(target.description),
                "value": plain(number) if number else "",
                "year": str(target.year) if target.year else "",
            })
        field_labels = {
            "form": "Vorm", "themes": "Thema", "instruments": "Instrument", "scale": "Schaal",
            "status": "Status", "regions": "Regio", "municipalities": "Gemeenten", "insurers": "Zorgverzekeraar",
            "title": "Naam", "description": "Omschrijving", "partners": "Overige partijen", "targets": "Streefwaarden",
        }
        view = {
            "meta": self.meta(p.title, p.summary, entry, indexed=True),
            "id": pid,
            "title": plain(p.title),
            "summary": plain(p.summary),
            "kind": plain(self.labels["kinds"][p.kind]),
            "reference": reference_label(p.reference_date),
            "description": rich(p.description),
            "regions": [self.link(here, self.c.regions[r].item.name, region_path(r)) for r in p.regions],
            "whole_region": p.whole_region,
            "municipalities": municipalities,
            "insurers": [self.link(here, self.c.insurers[i].name, insurer_path(i)) for i in p.insurers],
            "partners": [plain(x) for x in p.partners],
            "themes": [self.link(here, self.labels["themes"][t], theme_path(t)) for t in p.themes],
            "themes_other": [plain(x) for x in p.themes_other],
            "forms": self.form_rows(p),
            "instruments": [plain(self.labels["instruments"][i]) for i in p.instruments],
            "scale": plain(self.labels["scales"][p.scale]) if p.scale else "",
            "status": plain(self.labels["statuses"][p.status]),
            "period": period,
            "goals": [rich(g) for g in p.goals],
            "targets": targets,
            "results": [rich(r) for r in p.results],
            "funding": rich(p.funding),
            "links": [{"title": plain(link.title), "url": link.url} for link in p.links],
            "as_printed": [
                {"field": plain(field_labels.get(k, k)), "value": plain(v) if v else "(leeg)"}
                for k, v in sorted(p.as_printed.items())
            ],
            "quirks": [
                {"label": plain(t.label), "description": plain(t.description)}
                for t in self.c.taxonomy.quirks if t.id in p.quirks
            ],
            "notes": rich(p.notes),
            "sources": self.sources(here, p.sources),
            "added": date_label(p.added),
            "updated": date_label(p.updated),
            "checked": date_label(p.verified) if p.verified else "",
            "stale_since": self.stale_since(p),
            "edit_url": self.edit_url(entry),
            "report_url": self.report_url(pid),
            "filters": self.filters(pid),
            "sort_name": html_text(_sort_name(p.title)),
            "region_names": html_text(", ".join(self.c.regions[r].item.name for r in p.regions)),
            "comparable": [
                {**self.link(here, self.c.projects[match.id].item.title, project_path(match.id)),
                 "region": plain(", ".join(self.c.regions[r].item.name for r in self.c.projects[match.id].item.regions)),
                 "reason": plain(match.reason)}
                for match in self.comparable.get(pid, [])
            ],
        }
        return Page(here, "project.md.j2", view)

    def stale_since(self, p: m.Project) -> str:
        """The date label of the last check (`verified`, else `updated`) when it is older than the configured age."""
        checked = p.verified or p.updated
        if not self.config.max_age_days or self.config.today is None:
            return ""
        if (self.config.today - checked).days <= self.config.max_age_days:
            return ""
        return date_label(checked)

    def facet_values(self, p: m.Project) -> dict[str, list[str]]:
        """The finder's facets of a project, as ids: the Pagefind filters, the finder's counts and its links."""
        forms = [p.form] if isinstance(p.form, str) else list(dict.fromkeys((p.form or {}).values()))
        named = [self.c.current_municipality[mid] for mid in p.municipalities]
        # a project for the whole region counts for each of its municipalities
        region_wide = [mid for rid in p.regions for mid in self.c.regions[rid].item.municipalities] if p.whole_region else []
        values = {
            "thema": list(p.themes),
            "vorm": forms,
            "instrument": list(p.instruments),
            "schaal": [p.scale] if p.scale else [],
            "verzekeraar": list(p.insurers),
            "regio": list(p.regions),
            "gemeente": list(dict.fromkeys(named + [self.c.current_municipality[mid] for mid in region_wide])),
            "status": [p.status],
            "bron": list(dict.fromkeys(ref.document for ref in p.sources)),
            "soort": [p.kind],
        }
        return values

    def filters(self, pid: str) -> list[dict[str, str]]:
        """Pagefind filters of a project (name, id) in the finder's facet order."""
        return [{"name": name, "value": value} for name, ids in self.facets[pid].items() for value in ids]

    def report_url(self, pid: str) -> str:
        """The correction form (.github/ISSUE_TEMPLATE/correctie.yml), prefilled with the project's id."""
        if not self.config.repo_url:
            return ""
        return f"{self.config.repo_url.rstrip('/')}/issues/new?template=correctie.yml&project={pid}"

    def edit_url(self, entry: Entry) -> str:
        if not self.config.repo_url:
            return ""
        return f"{self.config.repo_url.rstrip('/')}/edit/{self.config.edit_branch}/{self.source_file(entry)}"

    def region(self, rid: str) -> Page:
        entry = self.c.regions[rid]
        r: m.Region = entry.item
        here = region_path(rid)
        pids = self.c.projects_by_region.get(rid, [])
        municipalities = [
            {"title": plain(self.municipality_name(mid)),
             "url": relative(here, municipality_path(self.c.current_municipality[mid]))}
            for mid in r.municipalities
        ]
        forms = Counter(self.form_ids(pid) for pid in pids)
        view = {
            "meta": self.meta(f"Regio {r.name}", r.description or f"Samenwerking tussen gemeenten en zorgverzekeraars in de Wmo-regio {r.name}.", entry),
            "title": plain(r.name),
            "description": rich(r.description),
            "notes": rich(r.notes),
            "reference": reference_label(r.reference_date),
            "municipalities": municipalities,
            "insurers": [self.link(here, self.c.insurers[i].name, insurer_path(i)) for i in r.insurers],
            "agendas": [self.link(here, self.c.sources[a].item.title, source_path(a)) for a in r.agendas],
            "count": count_label(len(pids), "project", "projecten"),
            "groups": self.grouped(here, pids, self.by_theme(here)),
            "forms": self.form_counts(forms),
            "sources": self.sources(here, r.sources),
        }
        return Page(here, "region.md.j2", view)

    def form_ids(self, pid: str) -> str:
        form = self.c.projects[pid].item.form
        if form is None:
            return ""
        return form if isinstance(form, str) else "per-gemeente"

    def form_counts(self, counter: Counter) -> list[dict[str, str]]:
        rows = [
            {"label": plain(t.label), "count": str(counter[t.id]),
             "intensity": f"{t.intensity_municipality} / {t.intensity_insurer}"}
            for t in self.c.taxonomy.forms
        ]
        if counter["per-gemeente"]:
            rows.append({"label": "Verschilt per gemeente", "count": str(counter["per-gemeente"]), "intensity": ""})
        if counter[""]:
            rows.append({"label": "Onbekend", "count": str(counter[""]), "intensity": ""})
        return rows

    def theme(self, term: m.Term) -> Page:
        here = theme_path(term.id)
        pids = self.c.projects_by_theme.get(term.id, [])
        forms = Counter(self.form_ids(pid) for pid in pids)
        view = {
            "meta": self.meta(f"Thema {term.label}", term.description),
            "title": plain(term.label),
            "description": plain(term.description),
            "origin": plain(term.origin) if term.origin else "",
            "count": count_label(len(pids), "project", "projecten"),
            "groups": self.grouped(here, pids, self.by_region(here)),
            "forms": self.form_counts(forms),
        }
        return Page(here, "theme.md.j2", view)

    def municipality(self, mid: str) -> Page:
        mu = self.c.municipalities[mid]
        here = municipality_path(mid)
        direct = self.c.projects_by_municipality.get(mid, [])
        regions = self.c.regions_of_municipality.get(mid, [mu.region])
        regional = [
            pid for rid in regions for pid in self.c.projects_by_region.get(rid, [])
            if self.c.projects[pid].item.whole_region and pid not in direct
        ]
        regional = sorted(dict.fromkeys(regional), key=self.project_order.__getitem__)
        insurers = sorted({i for rid in regions for i in self.c.regions[rid].item.insurers},
                          key=self.insurer_order.__getitem__)
        view = {
            "meta": self.meta(
                f"Gemeente {mu.name}",
                f"Samenwerking met zorgverzekeraars waaraan {mu.name} deelneemt: "
                f"{count_label(len(direct), 'project', 'projecten')} met de gemeente zelf, "
                f"{len(regional)} voor de hele regio.",
            ),
            "title": plain(mu.name),
            "also_known_as": [plain(n) for n in mu.also_known_as],
            "former": [{"name": plain(f.name), "year": str(f.year)} for f in sorted(mu.former, key=lambda f: (f.year, f.name))],
            "regions": [self.link(here, self.c.regions[r].item.name, region_path(r)) for r in regions],
            "insurers": [self.link(here, self.c.insurers[i].name, insurer_path(i)) for i in insurers],
            "direct": [self.project_item(here, pid) for pid in direct],
            "regional": [self.project_item(here, pid) for pid in regional],
        }
        return Page(here, "municipality.md.j2", view)

    def insurer(self, iid: str) -> Page:
        insurer = self.c.insurers[iid]
        here = insurer_path(iid)
        pids = self.c.projects_by_insurer.get(iid, [])
        regions = self.c.regions_by_insurer.get(iid, [])
        view = {
            "meta": self.meta(
                insurer.name,
                f"Samenwerking van {insurer.name} met gemeenten: {count_label(len(pids), 'project', 'projecten')} "
                f"in {count_label(len(regions), 'regio', 'regio’s')}.",
            ),
            "title": plain(insurer.name),
            "description": plain(insurer.description) if insurer.description else "",
            "regions": [self.link(here, self.c.regions[r].item.name, region_path(r)) for r in regions],
            "count": count_label(len(pids), "project", "projecten"),
            "groups": self.grouped(here, pids, self.by_region(here)),
        }
        return Page(here, "insurer.md.j2", view)

    def source(self, sid: str) -> Page:
        entry = self.c.sources[sid]
        doc: m.SourceDocument = entry.item
        here = source_path(sid)
        pids = self.c.projects_by_source.get(sid, [])
        view = {
            "meta": self.meta(doc.title, doc.summary, entry),
            "title": plain(doc.title),
            "summary": plain(doc.summary),
            "description": rich(doc.description),
            "notes": rich(doc.notes),
            "kind": plain(doc.kind.capitalize()),
            "date": plain(doc.date),
            "pages": str(doc.pages) if doc.pages else "",
            "parties": [plain(x) for x in doc.parties],
            "regions": [self.link(here, self.c.regions[r].item.name, region_path(r)) for r in doc.regions],
            "count": count_label(len(pids), "project", "projecten"),
            "groups": self.grouped(here, pids, self.by_region(here)),
            "guide": [self.link(here, g.item.title, guide_path(g.id)) for g in self.c.guide
                      if any(ref.document == sid for ref in g.item.sources)],
        }
        return Page(here, "source.md.j2", view)

    def guide_page(self, index: int) -> Page:
        entry = self.c.guide[index]
        here = guide_path(entry.id)
        previous = self.c.guide[index - 1] if index else None
        following = self.c.guide[index + 1] if index + 1 < len(self.c.guide) else None
        view = {
            "meta": self.meta(entry.item.title, entry.item.summary, entry),
            "title": plain(entry.item.title),
            "body": rich(entry.body),
            "sources": self.sources(here, entry.item.sources),
            "previous": self.link(here, previous.item.title, guide_path(previous.id)) if previous else None,
            "next": self.link(here, following.item.title, guide_path(following.id)) if following else None,
        }
        return Page(here, "guide.md.j2", view)

    def static(self, here: str, template: str) -> Page:
        quirks = Counter(q for e in self.c.projects.values() for q in e.item.quirks)
        printed = Counter(k for e in self.c.projects.values() for k in e.item.as_printed)
        return Page(here, template, {
            "counts": {"projects": len(self.c.projects), "regions": len(self.c.regions)},
            "quirks": [{"label": plain(t.label), "description": plain(t.description), "count": quirks[t.id]}
                       for t in self.c.taxonomy.quirks],
            "as_printed": dict(sorted(printed.items())),
            "inventory": relative(here, source_path("inventarisatie-2017")) if "inventarisatie-2017" in self.c.sources else "",
        })

    def redirects(self) -> list[Page]:
        """Old addresses that must keep working: former project ids and pre-merger municipality names."""
        out = []
        for pid, entry in self.c.projects.items():
            for alias in entry.item.aliases:
                here = project_path(alias)
                out.append(Page(here, "redirect.md.j2", {"title": attribute(html_text(entry.item.title)),
                                                         "location": address(here, project_path(pid))}))
        for former_id, (former, current) in self.c.former_names.items():
            here = municipality_path(former_id)
            name = self.c.municipalities[current].name
            out.append(Page(here, "redirect.md.j2", {"title": attribute(html_text(f"{former.name} (nu {name})")),
                                                     "location": address(here, municipality_path(current))}))
        return out

    def whats_new(self) -> list[Page]:
        """/nieuw/ and its Atom feed: the most recently added or changed projects, dated from the content."""
        newest = sorted(self.c.projects, key=lambda pid: (self.c.projects[pid].item.updated,
                                                          self.c.projects[pid].item.added, pid), reverse=True)[:FEED_SIZE]
        here = f"{NEW}/index.md"
        items = []
        for pid in newest:
            p: m.Project = self.c.projects[pid].item
            item = self.project_item(here, pid)
            item["change"] = "nieuw" if p.updated == p.added else "gewijzigd"
            item["date"] = date_label(p.updated)
            items.append(item)
        page = Page(here, "new.md.j2", {
            "meta": self.meta("Nieuw en gewijzigd", "De projecten die het laatst aan de catalogus zijn toegevoegd of zijn bijgewerkt.", indexed=False),
            "items": items,
        })
        base = self.config.site_url.rstrip("/") + "/"
        entries = [{
            "title": html_text(self.c.projects[pid].item.title),
            "summary": html_text(self.c.projects[pid].item.summary),
            "url": html_text(f"{base}{PROJECTS}/{pid}/"),
            "updated": self.c.projects[pid].item.updated.isoformat() + "T00:00:00Z",
            "published": self.c.projects[pid].item.added.isoformat() + "T00:00:00Z",
        } for pid in newest]
        feed = Page(f"{NEW}/feed.xml", "feed.xml.j2", {
            "title": html_text(f"{self.config.site_name}: nieuw en gewijzigd"),
            "site": html_text(base),
            "feed_url": html_text(f"{base}{NEW}/feed.xml"),
            "updated": max((e["updated"] for e in entries), default="2017-01-01T00:00:00Z"),
            "entries": entries,
        })
        return [page, feed]

    def data(self) -> list[Page]:
        """/data/: the whole catalogue as CSV, XLSX and JSON, the data dictionary and the JSON Schemas."""
        from .export import dictionary, export_files
        from .schema import schema_files, vocabularies

        files = export_files(self.c)
        schemas = schema_files(vocabularies(self.c))
        here = "data/index.md"
        page = Page(here, "data.md.j2", {
            "meta": self.meta("Open data", "De hele catalogus als CSV, XLSX en JSON, met uitleg per veld.", indexed=False),
            "count": len(self.c.projects),
            "files": [{"name": name, "size": _size(data)} for name, data in sorted(files.items())],
            "schemas": [{"name": name, "url": f"{SCHEMA}/{name}"} for name in sorted(schemas)],
            "fields": [{"field": f["field"], "description": plain(f["description"])} for f in dictionary()],
        })
        downloads = {**files, **{f"{SCHEMA}/{name}": text for name, text in schemas.items()}}
        return [page] + [Page(f"data/{name}", "", {"text": data}) for name, data in sorted(downloads.items())]

    def contribute(self) -> Page:
        """/bijdragen/: the editors' guide; fields from the model, vocabularies from the taxonomy, a real example."""
        from .schema import field_guide
        from .writer import project_yaml

        here = "bijdragen.md"
        values = {name: f"zie {title}" for name, (title, _) in VOCABULARY_TITLES.items()}
        for name, (title, target) in REGISTER_LINKS.items():
            values[name] = f"[{title}]({relative(here, target)})"
        fields = [{"field": f["field"], "kind": plain(f["kind"]), "need": plain(f["need"]),
                   "description": plain(f["description"]), "allowed": values.get(f["field"], "")}
                  for f in field_guide()]
        vocabularies = []
        for name, (title, anchor) in VOCABULARY_SECTIONS.items():
            terms = [{"id": t.id, "label": plain(t.label), "description": plain(t.description),
                      "intensity": f"{t.intensity_municipality} / {t.intensity_insurer}" if isinstance(t, m.FormTerm) else ""}
                     for t in getattr(self.c.taxonomy, name)]
            vocabularies.append({"title": title, "anchor": "{#" + anchor + "}", "terms": terms, "intensity": name == "forms"})
        example_id = self.example_project()
        example = self.c.projects[example_id].item
        yaml_text = project_yaml(example.model_dump(mode="json", exclude_none=True))
        return Page(here, "bijdragen.md.j2", {
            "meta": self.meta("Bijdragen", "Hoe u een project toevoegt of verbetert: formulier, spreadsheet of YAML-bestand, alle velden en woordenlijsten."),
            "fields": fields,
            "vocabularies": vocabularies,
            "example": {**self.link(here, example.title, project_path(example_id)), "file": f"content/projects/{example_id}.yml",
                        "code": "\n".join(("    " + line).rstrip() for line in yaml_text.rstrip("\n").split("\n"))},
            "schema": f"data/{SCHEMA}/project.schema.json",
        })

    def example_project(self) -> str:
        """The project that fills the most fields (then the first id): the guide's worked example."""
        def filled(pid: str) -> int:
            data = self.c.projects[pid].item.model_dump(exclude_none=True, exclude_defaults=True)
            return sum(1 for value in data.values() if value not in ([], {}, "", False))
        return max(sorted(self.c.projects), key=filled)

    # --- finder and overview -----------------------------------------------------------
    def facet_labels(self) -> dict[str, dict[str, str]]:
        """Facet name -> {value id: label}, in display order."""
        c = self.c
        return {
            "thema": self.labels["themes"],
            "vorm": self.labels["forms"],
            "instrument": self.labels["instruments"],
            "schaal": self.labels["scales"],
            "verzekeraar": {iid: i.name for iid, i in c.insurers.items()},
            "regio": {rid: r.item.name for rid, r in c.regions.items()},
            "gemeente": {mid: mu.name for mid, mu in c.municipalities.items()},
            "status": self.labels["statuses"],
            "bron": {sid: e.item.title for sid, e in c.sources.items()},
            "soort": self.labels["kinds"],
        }

    def finder(self) -> Page:
        """/zoeken/: free text plus facets. The facets and their totals are in the HTML (no-JS readers get
        the full project list); zoeken.js keeps the selection in the address and asks Pagefind for results."""
        here = FINDER
        counts: dict[str, Counter] = {name: Counter() for name in FACETS}
        for facets in self.facets.values():
            for name, ids in facets.items():
                counts[name].update(ids)
        former: dict[str, list[str]] = {}
        former_ids: dict[str, list[str]] = {}
        for former_id, (name, current) in self.c.former_names.items():
            former.setdefault(current, []).append(name.name)
            former_ids.setdefault(current, []).append(former_id)
        facets = []
        for name, labels in self.facet_labels().items():
            values = [
                {"id": vid, "label": plain(label), "count": counts[name][vid],
                 "former": html_text(", ".join(sorted(former.get(vid, [])))) if name == "gemeente" else "",
                 "aliases": " ".join(sorted(former_ids.get(vid, []))) if name == "gemeente" else ""}
                for vid, label in labels.items() if counts[name][vid]
            ]
            facets.append({"name": name, "label": FACETS[name][0], "help": FACETS[name][1], "options": values,
                           "filterable": len(values) > 15})
        listed = len(self.c.projects) <= FINDER_LIST_LIMIT
        return Page(here, "zoeken.md.j2", {
            "meta": self.meta("Projecten zoeken", "Zoek projecten van gemeenten en zorgverzekeraars op trefwoord, thema, vorm, instrument, regio, gemeente, verzekeraar, status of bron.", hide=("navigation", "toc")),
            "count": len(self.c.projects),
            "facets": facets,
            "projects": [self.project_item(here, pid) for pid in self.c.projects] if listed else [],
            "all_projects": relative(here, f"{PROJECTS}/index.md"),
            "data_json": posixpath.relpath("data/projecten.json", served(here)),
            "data_csv": posixpath.relpath("data/projecten.csv", served(here)),
            "result_map": posixpath.relpath(RESULT_MAP, served(here)),
            "bundle": posixpath.relpath("pagefind", served(here)) + "/",
        })

    def overview(self) -> Page:
        """/overzicht/: region x theme counts (zeros included, cells link to the finder) and simple bar charts."""
        here = OVERVIEW
        c = self.c
        finder = address(here, FINDER)
        values = self.facets
        themes = c.taxonomy.themes
        rows = []
        for rid, region in c.regions.items():
            pids = c.projects_by_region.get(rid, [])
            cells = []
            for t in themes:
                n = sum(1 for pid in pids if t.id in values[pid]["thema"])
                cells.append({"count": n, "url": f"{finder}?regio={rid}&thema={t.id}" if n else "",
                              "label": html_text(f"{region.item.name}, {t.label}: {n} projecten")})
            rows.append({"title": plain(region.item.name), "url": address(here, region_path(rid)), "cells": cells,
                         "total": len(pids), "finder": f"{finder}?regio={rid}"})
        totals = [{"count": len(c.projects_by_theme.get(t.id, [])), "url": f"{finder}?thema={t.id}"} for t in themes]

        def bars(counter: Counter, labels: dict[str, str], facet: str = "") -> list[dict[str, Any]]:
            top = max(counter.values(), default=0) or 1
            return [{"label": plain(label), "count": counter[vid], "percent": round(100 * counter[vid] / top),
                     "url": f"{finder}?{facet}={vid}" if facet and counter[vid] else ""}
                    for vid, label in labels.items()]

        def tally(facet: str) -> Counter:
            return Counter(v for facets in values.values() for v in facets[facet])

        forms = tally("vorm")
        intensity_m: Counter = Counter()
        intensity_i: Counter = Counter()
        for t in c.taxonomy.forms:
            intensity_m[t.intensity_municipality] += forms[t.id]
            intensity_i[t.intensity_insurer] += forms[t.id]
        levels = {level: level for level in sorted(set(intensity_m) | set(intensity_i), key=len)}
        form_rows = [{"label": plain(t.label), "description": plain(t.description), "count": forms[t.id],
                      "municipality": t.intensity_municipality, "insurer": t.intensity_insurer,
                      "url": f"{finder}?vorm={t.id}"} for t in c.taxonomy.forms]
        return Page(here, "overzicht.md.j2", {
            "meta": self.meta("Overzicht in cijfers", "Hoeveel projecten per regio en thema, per samenwerkingsvorm, intensiteit, status en zorgverzekeraar.", hide=("navigation", "toc")),
            "themes": [{"title": plain(t.label), "url": address(here, theme_path(t.id))} for t in themes],
            "rows": rows,
            "totals": totals,
            "count": len(c.projects),
            "empty": sum(1 for r in rows for cell in r["cells"] if not cell["count"]),
            "cells": len(rows) * len(themes),
            "forms": form_rows,
            "no_form": sum(1 for v in values.values() if not v["vorm"]),
            "charts": [
                {"title": "Projecten per thema", "bars": bars(tally("thema"), self.labels["themes"], "thema")},
                {"title": "Projecten per samenwerkingsvorm", "bars": bars(forms, self.labels["forms"], "vorm")},
                {"title": "Intensiteit voor de gemeente", "bars": bars(intensity_m, levels)},
                {"title": "Intensiteit voor de zorgverzekeraar", "bars": bars(intensity_i, levels)},
                {"title": "Projecten per status", "bars": bars(tally("status"), self.labels["statuses"], "status")},
                {"title": "Projecten per zorgverzekeraar", "bars": bars(tally("verzekeraar"), {iid: i.name for iid, i in c.insurers.items()}, "verzekeraar")},
            ],
        })

    # --- index pages ------------------------------------------------------------------
    def home(self) -> Page:
        here = "index.md"
        c = self.c
        newest = sorted(c.projects, key=lambda pid: (c.projects[pid].item.updated, pid), reverse=True)[:5]
        view = {
            "meta": self.meta(self.config.site_name, "Openbare catalogus van samenwerking tussen gemeenten en zorgverzekeraars: projecten, regio's, thema's en goede voorbeelden.", indexed=False),
            "counts": {
                "projects": len(c.projects), "regions": len(c.regions), "municipalities": len(c.municipalities),
                "insurers": len(c.insurers), "sources": len(c.sources), "themes": len(c.taxonomy.themes),
            },
            "themes": [
                {**self.link(here, t.label, theme_path(t.id)), "count": len(c.projects_by_theme.get(t.id, []))}
                for t in c.taxonomy.themes
            ],
            "newest": [self.project_item(here, pid) for pid in newest],
            "sources": [self.link(here, e.item.title, source_path(sid)) for sid, e in c.sources.items()],
            "municipalities": self.municipality_choices(here),
            "municipality_index": address(here, f"{MUNICIPALITIES}/index.md"),
            "overview": relative(here, OVERVIEW),
            "finder": relative(here, FINDER),
        }
        return Page(here, "home.md.j2", view)

    def municipality_choices(self, here: str) -> list[dict[str, str]]:
        """Every name a municipality can be looked up by: today's names and pre-merger names, alphabetical."""
        choices = [(mu.name, mu.name, mid) for mid, mu in self.c.municipalities.items()]
        choices += [(former.name, f"{former.name} (nu {self.c.municipalities[current].name})", current)
                    for former, current in self.c.former_names.values()]
        return [{"name": html_text(name), "label": html_text(label),
                 "url": html_text(address(here, municipality_path(mid)))}
                for name, label, mid in sorted(choices, key=lambda x: (_sort_name(x[0]), x[1]))]

    def project_index(self) -> Page:
        here = f"{PROJECTS}/index.md"
        return Page(here, "projects.md.j2", {
            "meta": self.meta("Alle projecten", f"Alle {len(self.c.projects)} projecten van de catalogus, per regio.", indexed=False),
            "count": count_label(len(self.c.projects), "project", "projecten"),
            "groups": self.grouped(here, list(self.c.projects), self.by_region(here)),
        })

    def region_index(self) -> Page:
        here = f"{REGIONS}/index.md"
        rows = [
            {**self.link(here, r.item.name, region_path(rid)),
             "municipalities": str(len(r.item.municipalities)),
             "projects": str(len(self.c.projects_by_region.get(rid, []))),
             "insurers": ", ".join(plain(self.c.insurers[i].name) for i in r.item.insurers)}
            for rid, r in self.c.regions.items()
        ]
        return Page(here, "regions.md.j2", {
            "meta": self.meta("Wmo-regio's", f"De {len(rows)} Wmo-regio's met hun gemeenten, zorgverzekeraars en projecten.", indexed=False),
            "regions": rows,
        })

    def theme_index(self) -> Page:
        here = f"{THEMES}/index.md"
        rows = [
            {**self.link(here, t.label, theme_path(t.id)), "description": plain(t.description),
             "count": str(len(self.c.projects_by_theme.get(t.id, [])))}
            for t in self.c.taxonomy.themes
        ]
        return Page(here, "themes.md.j2", {
            "meta": self.meta("Thema's", "De thema's waarop gemeenten en zorgverzekeraars samenwerken.", indexed=False),
            "themes": rows,
        })

    def municipality_index(self) -> Page:
        here = f"{MUNICIPALITIES}/index.md"
        letters: dict[str, list[dict[str, str]]] = {}
        for mid, mu in self.c.municipalities.items():
            letter = _sort_name(mu.name)[:1].upper()
            former = ", ".join(plain(f.name) for f in sorted(mu.former, key=lambda f: f.name))
            letters.setdefault(letter, []).append({
                **self.link(here, mu.name, municipality_path(mid)),
                "former": former,
                "count": str(len(self.c.projects_by_municipality.get(mid, []))),
            })
        return Page(here, "municipalities.md.j2", {
            "meta": self.meta("Gemeenten", "Alle gemeenten in de catalogus, ook onder hun naam van vóór een herindeling.", indexed=False),
            "letters": [{"letter": k, "entries": v} for k, v in sorted(letters.items())],
        })

    def insurer_index(self) -> Page:
        here = f"{INSURERS}/index.md"
        rows = [
            {**self.link(here, i.name, insurer_path(iid)),
             "projects": str(len(self.c.projects_by_insurer.get(iid, []))),
             "regions": str(len(self.c.regions_by_insurer.get(iid, [])))}
            for iid, i in self.c.insurers.items()
        ]
        return Page(here, "insurers.md.j2", {
            "meta": self.meta("Zorgverzekeraars", "Zorgverzekeraars en de regio's en projecten waarin zij met gemeenten samenwerken.", indexed=False),
            "insurers": rows,
        })

    def source_index(self) -> Page:
        here = f"{SOURCES}/index.md"
        rows = [
            {**self.link(here, e.item.title, source_path(sid)), "date": plain(e.item.date),
             "kind": plain(e.item.kind.capitalize()), "summary": plain(e.item.summary),
             "count": str(len(self.c.projects_by_source.get(sid, [])))}
            for sid, e in self.c.sources.items()
        ]
        return Page(here, "sources.md.j2", {
            "meta": self.meta("Bronnen", "De documenten waaruit de catalogus is opgebouwd, met wat eruit is overgenomen.", indexed=False),
            "sources": rows,
        })

    def guide_index(self) -> Page:
        here = f"{GUIDE}/index.md"
        return Page(here, "guide_index.md.j2", {
            "meta": self.meta("Handreiking integrale gebiedsaanpak", "De Leidraad Integrale Gebiedsaanpak in stappen: doelen, prioriteiten, passend aanbod en sturing.", indexed=False),
            "pages": [{**self.link(here, g.item.title, guide_path(g.id)), "summary": plain(g.item.summary)} for g in self.c.guide],
        })


SCHEMA = "schema"  # /data/schema/<kind>.schema.json

NEW = "nieuw"
FEED_SIZE = 50
FINDER = "zoeken/index.md"
OVERVIEW = "overzicht/index.md"
RESULT_MAP = "zoeken/resultaten.json"  # written after Pagefind ran: its page ids -> project ids (for export)
FINDER_LIST_LIMIT = 2000  # above this the finder's no-JS list links to /projecten/ instead of repeating it

# Finder facets: URL parameter -> (Dutch label, help text). The parameter is also the Pagefind filter name.
FACETS = {
    "thema": ("Thema", ""),
    "vorm": ("Samenwerkingsvorm", ""),
    "instrument": ("Instrument", ""),
    "schaal": ("Schaal", ""),
    "verzekeraar": ("Zorgverzekeraar", ""),
    "regio": ("Wmo-regio", ""),
    "gemeente": ("Gemeente", "Ook onder de naam van vóór een herindeling; telt projecten voor de hele regio mee."),
    "status": ("Status", ""),
    "bron": ("Bron", ""),
    "soort": ("Soort", ""),
}

# Pages whose text lives in the template; they get the catalogue counts only.
STATIC_PAGES = {"over.md": "over.md.j2", "toegankelijkheid.md": "toegankelijkheid.md.j2", f"{SOURCES}/verwerking.md": "verwerking.md.j2"}

# The editors' guide: vocabulary -> (section title, anchor); fields whose values come from it or from a register.
VOCABULARY_SECTIONS = {
    "themes": ("Thema's", "themas"), "forms": ("Samenwerkingsvormen", "vormen"),
    "instruments": ("Instrumenten", "instrumenten"), "scales": ("Schalen", "schalen"),
    "statuses": ("Statussen", "statussen"), "kinds": ("Soorten", "soorten"),
    "quirks": ("Bijzonderheden van de bron", "bijzonderheden"),
}
VOCABULARY_TITLES = {
    field: (f"[{VOCABULARY_SECTIONS[v][0]}](#{VOCABULARY_SECTIONS[v][1]})", "")
    for field, v in {"themes": "themes", "form": "forms", "instruments": "instruments", "scale": "scales",
                     "status": "statuses", "kind": "kinds", "quirks": "quirks"}.items()
}
REGISTER_LINKS = {
    "regions": ("Wmo-regio's", f"{REGIONS}/index.md"), "municipalities": ("Gemeenten", f"{MUNICIPALITIES}/index.md"),
    "insurers": ("Zorgverzekeraars", f"{INSURERS}/index.md"), "sources": ("Bronnen", f"{SOURCES}/index.md"),
}


def security_txt(config: SiteConfig) -> str:
    """RFC 9116 security.txt; contact and expiry come from mkdocs.yml (extra.security)."""
    lines = [f"Contact: {config.security_contact}", f"Expires: {config.security_expires}",
             "Preferred-Languages: nl, en"]
    if config.site_url:
        lines.append(f"Canonical: {config.site_url.rstrip('/')}/.well-known/security.txt")
    return "\n".join(lines) + "\n"


def build_pages(c: Catalogue, config: SiteConfig) -> list[Page]:
    v = _Views(c, config)
    pages = [v.home(), v.project_index(), v.region_index(), v.theme_index(), v.municipality_index(),
             v.insurer_index(), v.source_index()]
    pages += [v.project(pid) for pid in c.projects]
    pages += [v.region(rid) for rid in c.regions]
    pages += [v.theme(t) for t in c.taxonomy.themes]
    pages += [v.municipality(mid) for mid in c.municipalities]
    pages += [v.insurer(iid) for iid in c.insurers]
    pages += [v.source(sid) for sid in c.sources]
    if c.guide:
        pages.append(v.guide_index())
        pages += [v.guide_page(i) for i in range(len(c.guide))]
    pages += [v.static(path, template) for path, template in STATIC_PAGES.items()]
    pages += [v.finder(), v.overview()]
    pages.append(v.contribute())
    pages += v.redirects()
    pages += v.whats_new()
    pages += v.data()
    seen: set[str] = set()
    for page in pages:
        if page.path in seen:
            raise PathCollision(page.path)
        seen.add(page.path)
    return pages
