"""Catalogue: every content file parsed, cross-checked and indexed.

In:  the documents from `sources.read_content`.
Out: one frozen `Catalogue` with references resolved by stable id (the file
     name), vocabularies checked, and reverse indexes (region -> projects,
     theme -> projects, ...) sorted once, so later stages never search or sort.

    >>> catalogue = load_catalogue(Path("content"), diagnostics)
    >>> [p.id for p in catalogue.projects_by_region["achterhoek"]]

Every reference problem becomes a diagnostic with file, line and field; the
catalogue is returned only when there are none.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any, Iterable

from . import model as m
from .cache import Cache
from .diagnostics import Diagnostics, line_of, suggest
from .slugs import slugify
from .sources import Document, read_content

REST = "overige"  # key in a per-municipality form: "the other municipalities"
# Every URL folder has an index page (projecten/index.md, ...), and bronnen/ has the processing notes,
# so no item may take these ids: its page would collide with them.
RESERVED_IDS = {"index"}
RESERVED_SOURCE_IDS = RESERVED_IDS | {"verwerking"}


@dataclass(frozen=True)
class Entry:
    """A content item with where it came from, so pages can link to their source file."""

    id: str
    item: Any
    path: Path
    body: str = ""


@dataclass
class Catalogue:
    root: Path
    taxonomy: m.Taxonomy
    insurers: dict[str, m.Insurer]
    municipalities: dict[str, m.Municipality]
    regions: dict[str, Entry]
    sources: dict[str, Entry]
    projects: dict[str, Entry]
    guide: list[Entry]
    municipality_list: list[m.Municipality] = field(default_factory=list)  # as in the file, for error lines
    insurer_list: list[m.Insurer] = field(default_factory=list)  # as in the file, for error lines
    broken: set[str] = field(default_factory=set)  # ids of region, source and project files that failed to parse
    # any municipality id (current or former) -> current id
    current_municipality: dict[str, str] = field(default_factory=dict)
    # former id -> (FormerName, current id)
    former_names: dict[str, tuple[m.FormerName, str]] = field(default_factory=dict)
    projects_by_region: dict[str, list[str]] = field(default_factory=dict)
    projects_by_theme: dict[str, list[str]] = field(default_factory=dict)
    projects_by_topic: dict[str, list[str]] = field(default_factory=dict)
    projects_by_insurer: dict[str, list[str]] = field(default_factory=dict)
    projects_by_source: dict[str, list[str]] = field(default_factory=dict)
    # current municipality id -> projects naming it (or a predecessor) directly
    projects_by_municipality: dict[str, list[str]] = field(default_factory=dict)
    # current municipality id -> regions it (or a predecessor) belonged to in 2017
    regions_of_municipality: dict[str, list[str]] = field(default_factory=dict)
    regions_by_insurer: dict[str, list[str]] = field(default_factory=dict)
    # former id -> every current municipality it went into (the first one holds its entry; more after a split)
    successors: dict[str, list[str]] = field(default_factory=dict)
    # any municipality id (current or former) -> its own Wmo region of 2017, as the register says
    region_2017: dict[str, str] = field(default_factory=dict)
    # any municipality id -> CBS code of the 2017 municipality it was (or, merged before 2017, lay in); none if
    # it came into being after 2017
    code_2017: dict[str, str] = field(default_factory=dict)

    def today(self, any_id: str) -> list[str]:
        """Today's municipalities for a register id: itself, or every successor of a former municipality."""
        return self.successors.get(any_id, [self.current_municipality[any_id]])

    def term(self, vocabulary: str, term_id: str) -> m.Term:
        return next(t for t in getattr(self.taxonomy, vocabulary) if t.id == term_id)


def load_catalogue(root: Path, diagnostics: Diagnostics, cache: Cache | None = None) -> Catalogue | None:
    """Read, parse and cross-check all content; None if anything is wrong.

    With a `cache`, files unchanged since the last call are neither parsed nor validated again."""
    docs = read_content(root, diagnostics, cache)
    taxonomy = _single(m.Taxonomy, docs["taxonomy"], diagnostics, cache)
    insurer_register = _single(m.InsurerRegister, docs["insurers"], diagnostics, cache)
    municipality_register = _single(m.MunicipalityRegister, docs["municipalities"], diagnostics, cache)
    broken: set[str] = set()
    regions = _collection(m.Region, docs["regions"], diagnostics, broken, cache)
    sources = _collection(m.SourceDocument, docs["sources"], diagnostics, broken, cache)
    projects = _collection(m.Project, docs["projects"], diagnostics, broken, cache)
    guide = _collection(m.GuidePage, docs["guide"], diagnostics, cache=cache)
    if cache is not None:  # forget the items of files that changed or went away
        live = {id(doc) for items in docs.values() for doc in items}
        for key in [key for key in cache.items if key[1] not in live]:
            del cache.items[key]
    if taxonomy is None or insurer_register is None or municipality_register is None:
        return None
    catalogue = Catalogue(
        root=root,
        taxonomy=taxonomy,
        insurers={i.id: i for i in sorted(insurer_register.insurers, key=lambda i: i.name.lower())},
        municipalities={
            mu.id: mu for mu in sorted(municipality_register.municipalities, key=lambda mu: _sort_name(mu.name))
        },
        regions=dict(sorted(regions.items(), key=lambda kv: _sort_name(kv[1].item.name))),
        sources=dict(sorted(sources.items(), key=lambda kv: (kv[1].item.date, kv[0]))),
        projects=dict(sorted(projects.items(), key=lambda kv: (_sort_name(kv[1].item.title), kv[0]))),
        guide=[guide[k] for k in sorted(guide)],
        municipality_list=list(municipality_register.municipalities),
        insurer_list=list(insurer_register.insurers),
        broken=broken,
    )
    _check(catalogue, docs, diagnostics)
    if diagnostics:
        return None
    _index(catalogue)
    return catalogue


def _sort_name(name: str) -> str:
    """Dutch alphabetical order: "'s-Gravenhage" sorts under G, accents ignored."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    for prefix in ("'s-", "s-", "'t ", "t "):
        if plain.startswith(prefix) and name[:1] in "’'":
            plain = plain[len(prefix):]
    return plain.lstrip("'’ ")


def _parse(model: type[m.M], doc: Document, diagnostics: Diagnostics, cache: Cache | None) -> m.M | None:
    if cache is None:
        return m.parse(model, doc, diagnostics)
    hit = cache.items.get((model, id(doc)))
    if hit and hit[0] is doc:
        return hit[1]
    item = m.parse(model, doc, diagnostics)
    if item is not None:
        cache.items[(model, id(doc))] = (doc, item)
    return item


def _single(model: type[m.M], docs: list[Document], diagnostics: Diagnostics, cache: Cache | None = None) -> m.M | None:
    if not docs:
        return None
    return _parse(model, docs[0], diagnostics, cache)


def _collection(model: type[m.M], docs: list[Document], diagnostics: Diagnostics,
                broken: set[str] | None = None, cache: Cache | None = None) -> dict[str, Entry]:
    """Parse every document; the ids of those that fail go into `broken`, so references to them are not
    reported a second time (one wrong field in a source file must not flag every project citing it).
    With a `cache`, a file with the same bytes as last time is not validated again; without one, a validated
    document's parsed YAML is let go (its entry in `docs` replaced by one without data: only its lines are still
    needed), so a large catalogue's YAML is not held next to its items until the cross-file checks are done."""
    out = {}
    for index, doc in enumerate(docs):
        if not isinstance(doc.data, dict):
            diagnostics.error(doc.path, 1, "", "expected a mapping of fields (key: value) at the top of the file")
            item = None
        else:
            item = _parse(model, doc, diagnostics, cache)
        if item is not None:
            out[doc.id] = Entry(doc.id, item, doc.path, doc.body)
            if cache is None:
                docs[index] = dataclasses.replace(doc, data=None)
        elif broken is not None:
            broken.add(doc.id)
    return out


class _Checker:
    """Cross-file checks; reports at the line of the offending field."""

    def __init__(self, catalogue: Catalogue, docs: dict[str, list[Document]], diagnostics: Diagnostics):
        self.c = catalogue
        self.d = diagnostics
        self.docs = {doc.path: doc for items in docs.values() for doc in items}
        self.trees: dict[Path, Any] = {}  # the node trees made again for the errors of a file (Document.tree)

    def line(self, path: Path, loc: list[Any]) -> int:
        doc = self.docs.get(path)
        if doc is None:
            return 0
        if path not in self.trees:
            self.trees[path] = doc.tree()
        return line_of(self.trees[path], loc) + doc.line_offset

    def error(self, path: Path, loc: list[Any], message: str) -> None:
        from .diagnostics import field_path

        self.d.error(path, self.line(path, loc), field_path(loc), message)

    def where(self, path: Path, loc: list[Any]) -> str:
        """'content/projects/x.yml:1', relative to the folder that holds the content folder."""
        line = self.line(path, loc)
        try:
            shown = path.resolve().relative_to(self.c.root.resolve().parent).as_posix()
        except ValueError:
            shown = path.as_posix()
        return f"{shown}:{line}"

    def reserved(self, path: Path, loc: list[Any], value: str) -> None:
        if value in RESERVED_IDS:
            self.error(path, loc, f"{value!r} is reserved for an overview page; choose another id")

    def ids(self, path: Path, loc: list[Any], values: Iterable[str], allowed: Iterable[str], label: str) -> None:
        allowed = list(allowed)
        for index, value in enumerate(values):
            if value not in allowed and value not in self.c.broken:
                self.error(path, [*loc, index], suggest(value, allowed, label))

    def unique(self, path: Path, loc: list[Any], values: list[str]) -> None:
        seen = set()
        for index, value in enumerate(values):
            if value in seen:
                self.error(path, [*loc, index], f"{value!r} is listed twice")
            seen.add(value)


def _vocab(taxonomy: m.Taxonomy, name: str) -> list[str]:
    return [t.id for t in getattr(taxonomy, name)]


def _check(c: Catalogue, docs: dict[str, list[Document]], diagnostics: Diagnostics) -> None:
    k = _Checker(c, docs, diagnostics)
    t = c.taxonomy
    vocab = {name: _vocab(t, name) for name in ("themes", "instruments", "quirks", "scales", "statuses", "kinds", "topics")}
    taxonomy_path = docs["taxonomy"][0].path
    for vocabulary in ("themes", "forms", "instruments", "scales", "statuses", "kinds", "quirks", "topics"):
        k.unique(taxonomy_path, [vocabulary], [term.id for term in getattr(t, vocabulary)])

    for vocabulary in ("themes", "topics"):  # the vocabularies that get pages
        for index, term in enumerate(getattr(t, vocabulary)):
            k.reserved(taxonomy_path, [vocabulary, index, "id"], term.id)

    insurer_path = docs["insurers"][0].path
    insurer_names: dict[str, str] = {}
    for index, insurer in enumerate(c.insurer_list):
        if insurer.id in insurer_names:
            k.error(insurer_path, ["insurers", index, "id"],
                    f"duplicate id {insurer.id!r}: already used for {insurer_names[insurer.id]}")
        insurer_names.setdefault(insurer.id, insurer.name)
        k.reserved(insurer_path, ["insurers", index, "id"], insurer.id)

    municipality_path = docs["municipalities"][0].path
    all_ids: dict[str, str] = {}
    for index, mu in enumerate(c.municipality_list):
        for loc, ident in [([index, "id"], mu.id)] + [
            ([index, "former", j, "id"], f.id) for j, f in enumerate(mu.former)
        ]:
            if ident in all_ids:
                k.error(municipality_path, ["municipalities", *loc],
                        f"duplicate id {ident!r}: already used for {all_ids[ident]}")
            all_ids[ident] = mu.name
            c.current_municipality[ident] = mu.id
            k.reserved(municipality_path, ["municipalities", *loc], ident)
        for former in mu.former:
            c.former_names[former.id] = (former, mu.id)
        if mu.region not in c.regions and mu.region not in c.broken:
            k.error(municipality_path, ["municipalities", index, "region"], suggest(mu.region, c.regions, "a region"))
    _check_register(k, c, municipality_path)

    for collection, reserved in ((c.regions, RESERVED_IDS), (c.sources, RESERVED_SOURCE_IDS), (c.projects, RESERVED_IDS)):
        for item_id, entry in collection.items():
            if item_id in reserved:
                k.error(entry.path, [], f"{item_id!r} is reserved for an overview page; rename the file")

    for region_id, entry in c.regions.items():
        region: m.Region = entry.item
        k.ids(entry.path, ["municipalities"], region.municipalities, c.current_municipality, "a municipality in municipalities.yml")
        k.unique(entry.path, ["municipalities"], region.municipalities)
        for index, mid in enumerate(region.municipalities):
            own = c.region_2017.get(mid)
            if own is not None and own != region_id and own in c.regions:
                k.error(entry.path, ["municipalities", index],
                        f"{mid!r} is in region {own!r} in municipalities.yml, not in {region_id!r}; "
                        f"remove it here or correct its region in the register")
        k.ids(entry.path, ["associated"], region.associated, c.current_municipality, "a municipality in municipalities.yml")
        k.unique(entry.path, ["associated"], region.associated)
        for index, mid in enumerate(region.associated):
            if c.region_2017.get(mid) == region_id:
                k.error(entry.path, ["associated", index],
                        f"{mid!r} belongs to this region in municipalities.yml; list it under municipalities")
        k.ids(entry.path, ["insurers"], region.insurers, c.insurers, "an insurer in insurers.yml")
        k.ids(entry.path, ["agendas"], region.agendas, c.sources, "a source document")
        _check_refs(k, c, entry.path, region.sources)

    for source_id, entry in c.sources.items():
        k.ids(entry.path, ["regions"], entry.item.regions, c.regions, "a region")

    for entry in c.guide:
        if entry.id in RESERVED_IDS:
            k.error(entry.path, [], f"{entry.id!r} is reserved for the guide's overview page; rename the file")
        _check_refs(k, c, entry.path, entry.item.sources)

    aliases: dict[str, str] = {}
    for project_id, entry in c.projects.items():
        p: m.Project = entry.item
        path = entry.path
        k.ids(path, ["regions"], p.regions, c.regions, "a region")
        k.unique(path, ["regions"], p.regions)
        k.ids(path, ["insurers"], p.insurers, c.insurers, "an insurer in insurers.yml")
        k.ids(path, ["themes"], p.themes, vocab["themes"], "a theme")
        k.ids(path, ["topics"], p.topics, vocab["topics"], "a topic in taxonomy.yml")
        k.ids(path, ["instruments"], p.instruments, vocab["instruments"], "an instrument")
        k.ids(path, ["quirks"], p.quirks, vocab["quirks"], "a known quirk")
        for name in ("themes", "topics", "instruments", "insurers", "municipalities", "quirks"):
            k.unique(path, [name], getattr(p, name))
        if p.scale is not None and p.scale not in vocab["scales"]:
            k.error(path, ["scale"], suggest(p.scale, vocab["scales"], "a scale"))
        if p.status not in vocab["statuses"]:
            k.error(path, ["status"], suggest(p.status, vocab["statuses"], "a status"))
        if p.kind not in vocab["kinds"]:
            k.error(path, ["kind"], suggest(p.kind, vocab["kinds"], "a kind"))

        known = [i for i in p.municipalities if i in c.current_municipality]
        k.ids(path, ["municipalities"], p.municipalities, c.current_municipality, "a municipality in municipalities.yml")
        in_regions = _region_members(c, p.regions)
        for index, mid in enumerate(p.municipalities):
            if any(r in c.broken for r in p.regions):
                break
            if mid in known and c.current_municipality[mid] not in in_regions and p.scale != "bovenregionaal":
                names = ", ".join(p.regions)
                k.error(path, ["municipalities", index],
                        f"{mid!r} is not a municipality of region {names}; add its region to regions or fix the id")
        _check_form(k, c, path, p)
        _check_refs(k, c, path, p.sources)
        if p.period and p.period.start and p.period.end and p.period.start > p.period.end:
            k.error(path, ["period", "end"], f"end year {p.period.end} is before start year {p.period.start}")
        fields = set(m.Project.model_fields)
        for key in p.as_printed:
            if key not in fields:
                k.error(path, ["as_printed", key], suggest(key, fields, "a project field").replace(
                    " is not a project field", ": unknown field"))
        if p.updated < p.added:
            k.error(path, ["updated"], f"{p.updated.isoformat()} is before the date added ({p.added.isoformat()})")
        for index, other in enumerate(p.distinct_from):
            if other == project_id:
                k.error(path, ["distinct_from", index], f"{other!r} is this project's own id")
            elif other not in c.projects and other not in c.broken:
                k.error(path, ["distinct_from", index], suggest(other, c.projects, "a project"))
        for index, alias in enumerate(p.aliases):
            if alias == project_id:
                k.error(path, ["aliases", index], f"{alias!r} is this project's own id; an alias is a former id")
            elif alias in RESERVED_IDS:
                k.error(path, ["aliases", index], f"{alias!r} is reserved for an overview page")
            elif alias in c.projects:
                k.error(path, ["aliases", index], f"{alias!r} is the id of another project ({alias}.yml)")
            elif alias in aliases:
                k.error(path, ["aliases", index], f"{alias!r} is already an alias of {aliases[alias]}")
            aliases[alias] = project_id
    _check_duplicates(k, c)


def _check_duplicates(k: _Checker, c: Catalogue) -> None:
    """The same project entered twice: the same title (as a slug, so case, accents and punctuation do not
    matter) and a shared region or municipality. Two projects that are meant to be separate (the source lists
    them as separate rows) say so with `distinct_from` in either file."""
    by_title: dict[str, list[str]] = defaultdict(list)
    for pid, entry in c.projects.items():
        by_title[slugify(entry.item.title)].append(pid)
    for pids in by_title.values():
        for first, second in combinations(sorted(pids), 2):
            a, b = c.projects[first].item, c.projects[second].item
            if second in a.distinct_from or first in b.distinct_from:
                continue
            regions = [r for r in a.regions if r in b.regions]
            own = {c.current_municipality.get(i, i) for i in a.municipalities}
            municipalities = [i for i in b.municipalities if c.current_municipality.get(i, i) in own]
            if not regions and not municipalities:
                continue
            shared = f"region {', '.join(regions)}" if regions else f"municipality {', '.join(municipalities)}"
            other = c.projects[first]
            k.error(c.projects[second].path, ["title"],
                    f"same project entered twice? {k.where(other.path, ['title'])} has the same title and "
                    f"{shared}; if both are meant, add 'distinct_from: [{first}]'")


def _region_members(c: Catalogue, regions: list[str]) -> set[str]:
    """Today's ids of every municipality of these regions and of those associated with them (former names
    resolved)."""
    return {c.current_municipality.get(mid, mid) for r in regions if r in c.regions
            for mid in c.regions[r].item.municipalities + c.regions[r].item.associated}


def _check_form(k: _Checker, c: Catalogue, path: Path, p: m.Project) -> None:
    forms = _vocab(c.taxonomy, "forms")
    if isinstance(p.form, str):
        if p.form not in forms:
            k.error(path, ["form"], suggest(p.form, forms, "a form"))
    elif isinstance(p.form, dict):
        own = {c.current_municipality.get(i, i) for i in p.municipalities}
        region_members = _region_members(c, p.regions)
        for key, value in p.form.items():
            if key != REST and key not in c.current_municipality:
                k.error(path, ["form", key], suggest(key, list(c.current_municipality) + [REST], "a municipality"))
            elif key != REST and c.current_municipality[key] not in own | region_members:
                k.error(path, ["form", key], f"{key!r} is not one of this project's municipalities")
            if value not in forms:
                k.error(path, ["form", key], suggest(value, forms, "a form"))


def _check_refs(k: _Checker, c: Catalogue, path: Path, refs: list[m.SourceRef]) -> None:
    for index, ref in enumerate(refs):
        if ref.document in c.broken:
            continue
        if ref.document not in c.sources:
            k.error(path, ["sources", index, "document"], suggest(ref.document, c.sources, "a source document"))
        else:
            pages = c.sources[ref.document].item.pages
            if ref.page and pages and ref.page > pages:
                k.error(path, ["sources", index, "page"],
                        f"page {ref.page} does not exist: {ref.document} has {pages} pages")


def _check_register(k: _Checker, c: Catalogue, path: Path) -> None:
    """CBS codes, founding years, splits and own regions of the municipality register.

    Fills `successors`, `region_2017` and `code_2017`, which the checks of region files rely on."""
    codes: dict[str, str] = {}  # code -> name, over today's codes and those of 2017 together
    for index, mu in enumerate(c.municipality_list):
        here = ["municipalities", index]
        c.region_2017[mu.id] = mu.region
        if mu.founded is not None and mu.founded <= 2017:
            k.error(path, [*here, "founded"],
                    f"founded {mu.founded}: only a municipality that came into being after 2017 has a founding year")
        own = [(mu.code, [*here, "code"], mu.name)]
        if mu.founded is None:
            c.code_2017[mu.id] = mu.code
        for j, former in enumerate(mu.former):
            there = [*here, "former", j]
            c.successors[former.id] = [mu.id, *former.also_into]
            region = former.region or mu.region
            c.region_2017[former.id] = region
            if former.region is not None and former.region not in c.regions and former.region not in c.broken:
                k.error(path, [*there, "region"], suggest(former.region, c.regions, "a region"))
            if former.code is not None:
                own.append((former.code, [*there, "code"], former.name))
                c.code_2017[former.id] = former.code
            elif former.year > 2017:
                k.error(path, [*there, "code"],
                        f"{former.name} still existed in 2017 (merged {former.year}); give its 2017 CBS code")
            elif mu.founded is None:
                c.code_2017[former.id] = mu.code  # merged before 2017: lies in its successor's 2017 shape
            for n, other in enumerate(former.also_into):
                if other == mu.id:
                    k.error(path, [*there, "also_into", n], f"{other!r} is the municipality this entry is under")
                elif other not in c.municipalities:
                    k.error(path, [*there, "also_into", n],
                            suggest(other, c.municipalities, "a current municipality in municipalities.yml"))
            k.unique(path, [*there, "also_into"], former.also_into)
        for code, loc, name in own:
            if code in codes:
                k.error(path, loc, f"CBS code {code} is already used for {codes[code]}")
            codes.setdefault(code, name)


def _index(c: Catalogue) -> None:
    by_region, by_theme, by_insurer, by_topic = defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list)
    by_source, by_municipality = defaultdict(list), defaultdict(list)
    for project_id, entry in c.projects.items():  # already in title order
        p: m.Project = entry.item
        for r in p.regions:
            by_region[r].append(project_id)
        for theme in p.themes:
            by_theme[theme].append(project_id)
        for topic in p.topics:
            by_topic[topic].append(project_id)
        for insurer in p.insurers:
            by_insurer[insurer].append(project_id)
        for doc in dict.fromkeys(ref.document for ref in p.sources):
            by_source[doc].append(project_id)
        for mid in dict.fromkeys(today for i in p.municipalities for today in c.today(i)):
            by_municipality[mid].append(project_id)
    regions_of: dict[str, list[str]] = defaultdict(list)
    regions_by_insurer: dict[str, list[str]] = defaultdict(list)
    for region_id, entry in c.regions.items():
        for mid in dict.fromkeys(today for i in entry.item.municipalities for today in c.today(i)):
            regions_of[mid].append(region_id)
        for insurer in entry.item.insurers:
            regions_by_insurer[insurer].append(region_id)
    c.projects_by_region = dict(by_region)
    c.projects_by_theme = dict(by_theme)
    c.projects_by_topic = dict(by_topic)
    c.projects_by_insurer = dict(by_insurer)
    c.projects_by_source = dict(by_source)
    c.projects_by_municipality = dict(by_municipality)
    c.regions_of_municipality = dict(regions_of)
    c.regions_by_insurer = dict(regions_by_insurer)
