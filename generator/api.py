"""API: the catalogue as static JSON files at stable, versioned addresses, with the JSON Schemas beside them.

In:  a `Catalogue`, the site's base URL and the open-data `Publication`.
Out: {path under the site root: JSON text}, for example

    api/v1/index.json                    what there is, licence, date of the data
    api/v1/projecten.json                every project in short
    api/v1/projecten/<id>.json           one project: every field as in projecten.json, plus its addresses
    api/v1/regios.json, regios/<id>.json         the same per region (themas/, onderwerpen/, gemeenten/, verzekeraars/)
    api/v1/schema/*.schema.json          JSON Schema of each kind of file

    >>> files = api_files(catalogue, "https://example.nl/", Publication())
    >>> json.loads(files["api/v1/projecten/minimacontract-achterhoek.json"])["title"]
    'Minimacontract'

Everything comes from the same catalogue as the pages, sorted by id, so the files are deterministic. `v1` is a
promise: fields may be added, none renamed or removed; a breaking change gets `v2` beside it.
"""
from __future__ import annotations

import json
from typing import Any

from . import model as m
from .catalogue import Catalogue
from .export import _record, content_stamp, municipality_label
from .opendata import Publication

VERSION = "v1"
ROOT = f"api/{VERSION}"
# collection folder -> the site's page folder for it (same Dutch names)
COLLECTIONS = ["projecten", "regios", "themas", "onderwerpen", "gemeenten", "verzekeraars"]
SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def cbs_code(item: Any) -> str | None:
    """The CBS municipality code ('GM0197') when the register has it (the maps work adds it)."""
    for name in ("cbs_code", "code", "cbs"):
        value = getattr(item, name, None)
        if value:
            return str(value)
    return None


def topics_of(c: Catalogue) -> list[Any]:
    """The catalogue's topics (its own subject tags) once the taxonomy has them; else none."""
    return list(getattr(c.taxonomy, "topics", None) or [])


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


class _Addresses:
    def __init__(self, base: str):
        self.base = (base.rstrip("/") + "/") if base else "/"

    def api(self, collection: str, item_id: str | None = None) -> str:
        return f"{self.base}{ROOT}/{collection}" + (f"/{item_id}.json" if item_id else ".json")

    def page(self, collection: str, item_id: str) -> str:
        return f"{self.base}{collection}/{item_id}/"


def api_files(c: Catalogue, base: str, pub: Publication, remember: Any = None) -> dict[str, str]:
    """`remember(kind, key, deps, compute)`: a long-running process's memo (pages.common.Site.remember), through
    which each item's file is serialised again only when the projects it lists (`deps`) changed."""
    at = _Addresses(base)
    keep = remember or (lambda kind, key, deps, compute: compute())
    modified = content_stamp(c).date().isoformat()
    out: dict[str, str] = {}

    def ref(pid: str) -> dict[str, Any]:
        p: m.Project = c.projects[pid].item
        return {"id": pid, "title": p.title, "summary": p.summary, "updated": p.updated.isoformat(),
                "api": at.api("projecten", pid), "page": at.page("projecten", pid)}

    def refs(pids: list[str]) -> list[dict[str, Any]]:
        return [ref(pid) for pid in sorted(pids)]

    # projects
    def project_file(pid: str) -> str:
        record = _record(pid, c.projects[pid].item)
        return dumps({"id": pid, "api": at.api("projecten", pid), "page": at.page("projecten", pid),
                      **{k: v for k, v in record.items() if k != "id"}})

    for pid in sorted(c.projects):
        out[f"{ROOT}/projecten/{pid}.json"] = keep("api-project", (base, pid), c.projects[pid].item,
                                                   lambda pid=pid: project_file(pid))
    # the listing of every project, from each project's own entry (kept while its item is the same): the same
    # text as dumps() of the whole listing (tests/test_opendata.py)
    entries = [keep("api-ref", (base, pid), c.projects[pid].item, lambda pid=pid: _entry(ref(pid)))
               for pid in sorted(c.projects)]
    out[f"{ROOT}/projecten.json"] = _listing_text(_listing(at, "projecten", [], modified, pub), entries)

    # regions
    items = []
    for rid in sorted(c.regions):
        r: m.Region = c.regions[rid].item
        pids = c.projects_by_region.get(rid, [])
        items.append(_short(at, "regios", rid, r.name, len(pids)))
        out[f"{ROOT}/regios/{rid}.json"] = keep("api-region", (base, rid), _items(c, pids), lambda rid=rid, r=r, pids=pids: dumps({
            "id": rid, "name": r.name, "api": at.api("regios", rid), "page": at.page("regios", rid),
            "reference_date": r.reference_date,
            "municipalities": [_municipality_ref(c, at, mid) for mid in r.municipalities],
            "insurers": [{"id": i, "name": c.insurers[i].name, "api": at.api("verzekeraars", i)} for i in r.insurers],
            "projects": refs(pids),
        }))
    out[f"{ROOT}/regios.json"] = dumps(_listing(at, "regios", items, modified, pub))

    # themes and topics: a vocabulary term and its projects
    vocabularies = [("themas", c.taxonomy.themes, c.projects_by_theme)]
    topics = topics_of(c)
    if topics:
        by_topic: dict[str, list[str]] = {}
        for pid, entry in c.projects.items():
            for tid in getattr(entry.item, "topics", None) or []:
                by_topic.setdefault(tid, []).append(pid)
        vocabularies.append(("onderwerpen", topics, getattr(c, "projects_by_topic", None) or by_topic))
    for collection, terms, index in vocabularies:
        items = []
        for term in sorted(terms, key=lambda t: t.id):
            pids = index.get(term.id, [])
            items.append(_short(at, collection, term.id, term.label, len(pids)))
            out[f"{ROOT}/{collection}/{term.id}.json"] = keep(
                f"api-{collection}", (base, term.id), _items(c, pids), lambda collection=collection, term=term, pids=pids: dumps({
                    "id": term.id, "name": term.label, "description": term.description,
                    "api": at.api(collection, term.id), "page": at.page(collection, term.id), "projects": refs(pids),
                }))
        out[f"{ROOT}/{collection}.json"] = dumps(_listing(at, collection, items, modified, pub))

    # municipalities: today's, with the former ones that merged into them, and the projects of both
    items = []
    for mid in sorted(c.municipalities):
        mu: m.Municipality = c.municipalities[mid]
        direct = c.projects_by_municipality.get(mid, [])
        regions = c.regions_of_municipality.get(mid, [mu.region])
        regional = sorted({pid for rid in regions for pid in c.projects_by_region.get(rid, [])
                           if c.projects[pid].item.whole_region and pid not in direct})
        items.append({**_short(at, "gemeenten", mid, mu.name, len(direct) + len(regional)), "cbs_code": cbs_code(mu)})
        candidates = (_items(c, direct), tuple(_items(c, c.projects_by_region.get(rid, [])) for rid in regions))
        out[f"{ROOT}/gemeenten/{mid}.json"] = keep("api-municipality", (base, mid), candidates, lambda mid=mid, mu=mu, direct=direct, regions=regions, regional=regional: dumps({
            "id": mid, "name": mu.name, "cbs_code": cbs_code(mu),
            "api": at.api("gemeenten", mid), "page": at.page("gemeenten", mid),
            "also_known_as": list(mu.also_known_as),
            "former": [{"id": f.id, "name": f.name, "year": f.year, "cbs_code": cbs_code(f)}
                       for f in sorted(mu.former, key=lambda f: (f.year, f.id))],
            "regions": [{"id": rid, "name": c.regions[rid].item.name, "api": at.api("regios", rid)}
                        for rid in regions if rid in c.regions],
            "projects": refs(direct),
            "regional_projects": refs(regional),
        }))
    out[f"{ROOT}/gemeenten.json"] = dumps(_listing(at, "gemeenten", items, modified, pub))

    # insurers
    items = []
    for iid in sorted(c.insurers):
        insurer = c.insurers[iid]
        pids = c.projects_by_insurer.get(iid, [])
        items.append(_short(at, "verzekeraars", iid, insurer.name, len(pids)))
        out[f"{ROOT}/verzekeraars/{iid}.json"] = keep("api-insurer", (base, iid), _items(c, pids), lambda iid=iid, insurer=insurer, pids=pids: dumps({
            "id": iid, "name": insurer.name, "website": insurer.website,
            "api": at.api("verzekeraars", iid), "page": at.page("verzekeraars", iid),
            "regions": [{"id": rid, "name": c.regions[rid].item.name, "api": at.api("regios", rid)}
                        for rid in c.regions_by_insurer.get(iid, [])],
            "projects": refs(pids),
        }))
    out[f"{ROOT}/verzekeraars.json"] = dumps(_listing(at, "verzekeraars", items, modified, pub))

    collections = [name for name in COLLECTIONS if f"{ROOT}/{name}.json" in out]
    out[f"{ROOT}/index.json"] = dumps({
        "version": VERSION,
        **_about(modified, pub),
        "collections": {name: at.api(name) for name in collections},
        "items": {name: f"{at.base}{ROOT}/{name}/{{id}}.json" for name in collections},
        "schemas": {name: f"{at.base}{ROOT}/schema/{name}.schema.json" for name in SCHEMA_NAMES},
        "documentation": f"{at.base}data/",
    })
    # the schemas read no project: kept for the life of the world (pages.common.Views)
    texts = keep("api-schemas", at.base, None, lambda: {name: dumps(schema) for name, schema in schemas(at.base, c).items()})
    for name, text in texts.items():
        out[f"{ROOT}/schema/{name}.schema.json"] = text
    return dict(sorted(out.items()))


def _items(c: Catalogue, pids: list[str]) -> tuple:
    return tuple((pid, c.projects[pid].item) for pid in pids)


def _about(modified: str, pub: Publication) -> dict[str, Any]:
    return {"licence": {"id": pub.licence.id, "name": pub.licence.name, "url": pub.licence.url},
            "publisher": pub.publisher, "modified": modified}


def _listing(at: _Addresses, collection: str, items: list[dict[str, Any]], modified: str,
             pub: Publication) -> dict[str, Any]:
    return {"collection": collection, **_about(modified, pub), "count": len(items), "items": items}


_ITEMS = "catalogus-items-placeholder"


def _entry(data: dict[str, Any]) -> str:
    """One item of a listing's "items" as dumps() prints it there (two levels deep), without the comma."""
    return "  " + json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False).replace("\n", "\n  ")


def _listing_text(listing: dict[str, Any], entries: list[str]) -> str:
    """dumps(listing) with `entries` (from _entry) as its items and their number as its count: the listing is
    printed with one placeholder item, which the entries replace."""
    if not entries:
        return dumps({**listing, "count": 0, "items": []})
    text = dumps({**listing, "count": len(entries), "items": [_ITEMS]})
    placeholder = f'  "{_ITEMS}"'
    assert text.count(placeholder) == 1
    return text.replace(placeholder, ",\n".join(entries))


def _short(at: _Addresses, collection: str, item_id: str, name: str, count: int) -> dict[str, Any]:
    return {"id": item_id, "name": name, "projects": count, "api": at.api(collection, item_id),
            "page": at.page(collection, item_id)}


def _municipality_ref(c: Catalogue, at: _Addresses, any_id: str) -> dict[str, Any]:
    current = c.current_municipality[any_id]
    former = c.former_names.get(any_id)
    code = cbs_code(former[0]) if former else cbs_code(c.municipalities[current])
    return {"id": any_id, "name": municipality_label(c, any_id), "current": current, "cbs_code": code,
            "api": at.api("gemeenten", current)}


# --- JSON Schemas ------------------------------------------------------------------------------------------------
SCHEMA_NAMES = ["index", "lijst", "project", "regio", "term", "gemeente", "verzekeraar"]
_URL = {"type": "string", "format": "uri"}
_CODE = {"type": ["string", "null"], "pattern": "^GM[0-9]{4}$",
         "description": "CBS-gemeentecode (GMxxxx) om aan CBS-statistieken te koppelen; null als die nog ontbreekt"}


def _object(properties: dict[str, Any], required: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required or list(properties), **extra}


def schemas(base: str, c: Catalogue) -> dict[str, dict[str, Any]]:
    """The JSON Schema of every kind of API file; `$id`s are their published addresses."""
    root = f"{(base.rstrip('/') + '/') if base else '/'}{ROOT}/schema/"
    ref = _object({"id": {"type": "string"}, "title": {"type": "string"}, "summary": {"type": "string"},
                   "updated": {"type": "string", "format": "date"}, "api": _URL, "page": _URL})
    link = _object({"id": {"type": "string"}, "name": {"type": "string"}, "api": _URL})
    about = {"licence": _object({"id": {"type": "string"}, "name": {"type": "string"}, "url": _URL}),
             "publisher": {"type": "string"}, "modified": {"type": "string", "format": "date"}}
    project = m.Project.model_json_schema()
    project["properties"] = {"id": {"type": "string", "description": "Id van het project; ook de bestandsnaam"},
                             "api": _URL, "page": _URL, **project["properties"]}
    project["required"] = ["id", "api", "page", *project.get("required", [])]
    project["additionalProperties"] = True  # v1 may gain fields
    out = {
        "index": _object({"version": {"const": VERSION}, **about,
                          "collections": {"type": "object", "additionalProperties": _URL},
                          "items": {"type": "object", "additionalProperties": {"type": "string"}},
                          "schemas": {"type": "object", "additionalProperties": _URL}, "documentation": _URL}),
        "lijst": _object({"collection": {"enum": COLLECTIONS}, **about, "count": {"type": "integer", "minimum": 0},
                          "items": {"type": "array", "items": {"anyOf": [ref, _object(
                              {"id": {"type": "string"}, "name": {"type": "string"},
                               "projects": {"type": "integer", "minimum": 0}, "api": _URL, "page": _URL,
                               "cbs_code": _CODE}, ["id", "name", "projects", "api", "page"])]}}}),
        "project": project,
        "regio": _object({"id": {"type": "string"}, "name": {"type": "string"}, "api": _URL, "page": _URL,
                          "reference_date": {"type": "string"},
                          "municipalities": {"type": "array", "items": _object(
                              {"id": {"type": "string"}, "name": {"type": "string"}, "current": {"type": "string"},
                               "cbs_code": _CODE, "api": _URL})},
                          "insurers": {"type": "array", "items": link},
                          "projects": {"type": "array", "items": ref}}),
        "term": _object({"id": {"type": "string"}, "name": {"type": "string"}, "description": {"type": "string"},
                         "api": _URL, "page": _URL, "projects": {"type": "array", "items": ref}}),
        "gemeente": _object({"id": {"type": "string"}, "name": {"type": "string"}, "cbs_code": _CODE,
                             "api": _URL, "page": _URL,
                             "also_known_as": {"type": "array", "items": {"type": "string"}},
                             "former": {"type": "array", "items": _object(
                                 {"id": {"type": "string"}, "name": {"type": "string"}, "year": {"type": "integer"},
                                  "cbs_code": _CODE})},
                             "regions": {"type": "array", "items": link},
                             "projects": {"type": "array", "items": ref},
                             "regional_projects": {"type": "array", "items": ref,
                                                   "description": "Projecten voor de hele regio van de gemeente"}}),
        "verzekeraar": _object({"id": {"type": "string"}, "name": {"type": "string"},
                                "website": {"type": ["string", "null"]}, "api": _URL, "page": _URL,
                                "regions": {"type": "array", "items": link},
                                "projects": {"type": "array", "items": ref}}),
    }
    titles = {"index": "Ingang van de API", "lijst": "Lijst van een verzameling", "project": "Eén project",
              "regio": "Eén Wmo-regio", "term": "Eén thema of onderwerp", "gemeente": "Eén gemeente",
              "verzekeraar": "Eén zorgverzekeraar"}
    return {name: {"$schema": SCHEMA_DRAFT, "$id": f"{root}{name}.schema.json", "title": titles[name], **schema}
            for name, schema in out.items()}


# which schema each API file follows: its folder and whether it is a listing
def schema_for(path: str) -> str:
    """'api/v1/regios/x.json' -> 'regio'; 'api/v1/regios.json' -> 'lijst'; 'api/v1/index.json' -> 'index'."""
    rest = path.removeprefix(f"{ROOT}/")
    if rest == "index.json":
        return "index"
    if "/" not in rest:
        return "lijst"
    folder = rest.split("/")[0]
    return {"projecten": "project", "regios": "regio", "themas": "term", "onderwerpen": "term",
            "gemeenten": "gemeente", "verzekeraars": "verzekeraar", "schema": ""}[folder]

