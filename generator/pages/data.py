"""/data/: the open data for people and machines. The page says what each file holds, the licence, how to cite
and whom to contact; beside it the downloads (written byte for byte): the CSV for Dutch spreadsheet programs,
the CSV/XLSX/JSON of every field, the data dictionary, the JSON Schemas of the content files, the Frictionless
data package and the DCAT-AP-DONL description that data.overheid.nl harvests. /data/metadata.json holds the
licence and the date of the data for the finder's filtered downloads."""
from __future__ import annotations

import json

from .. import jsonld
from ..api import ROOT as API_ROOT, topics_of
from ..dcat import Download, dcat_files
from ..export import (DATAPACKAGE, SPREADSHEET_COLUMNS, SPREADSHEET_CSV, content_stamp, datapackage, dictionary,
                      export_files, spreadsheet_csv)
from ..opendata import LICENCES
from ..schema import schema_files, vocabularies
from ..text import plain
from .common import Page, Site, date_label, meta, size_label
from .urls import DATA, SCHEMA

TITLE = "Samenwerkingscatalogus gemeenten en zorgverzekeraars"
METADATA = "metadata.json"
# file -> (who it is for, what it holds); the page lists them in this order
FILES = {
    SPREADSHEET_CSV: ("Voor Excel en LibreOffice", "Eén project per rij, kolommen met Nederlandse namen, namen in "
                      "plaats van codes, lijsten als leesbare tekst. Scheidingsteken puntkomma, UTF-8 met BOM."),
    "projecten.xlsx": ("Excel-werkmap", "Dezelfde cellen als projecten.csv, met een tabblad met de velden."),
    "projecten.csv": ("Om te bewerken en weer in te lezen", "Elk veld met zijn id's, zoals de catalogus het "
                      "opslaat; komma als scheidingsteken. Leest terug met catalogus import."),
    "projecten.json": ("Voor software", "Elk veld zoals het in de catalogus staat, één object per project."),
    "velden.csv": ("Uitleg", "Elk veld van projecten.csv met zijn betekenis (de tabel onderaan deze pagina)."),
    DATAPACKAGE: ("Frictionless Data Package", "Beschrijft beide CSV-bestanden: veldtypen, betekenis en "
                  "toegestane waarden, te controleren met frictionless validate."),
    "dcat.rdf": ("DCAT-AP-DONL (RDF/XML)", "De beschrijving van deze dataset voor data.overheid.nl."),
    "dcat.jsonld": ("DCAT-AP-DONL (JSON-LD)", "Dezelfde beschrijving als JSON-LD."),
}


def pages(site: Site) -> list[Page]:
    c, config, pub = site.c, site.config, site.config.publication
    base = (config.site_url.rstrip("/") + "/") if config.site_url else "/"
    files: dict[str, str | bytes] = dict(export_files(c))
    files[SPREADSHEET_CSV] = spreadsheet_csv(c, lambda pid: f"{base}projecten/{pid}/")
    stamp = content_stamp(c).date()
    modified = stamp.isoformat()
    about = {"title": TITLE, "description": "Samenwerking tussen gemeenten en zorgverzekeraars: projecten, "
             "regio's, thema's, deelnemers, doelen en resultaten.", "homepage": f"{base}data/",
             "modified": modified, "licence_id": pub.licence.id, "licence_url": pub.licence.url,
             "licence_name": pub.licence.name, "publisher": pub.publisher, "publisher_url": pub.publisher_url}
    files[DATAPACKAGE] = json.dumps(datapackage(c, files, about), ensure_ascii=False, indent=1) + "\n"
    downloads = [Download(name, f"{FILES[name][0]}: {name}", FILES[name][1], _bytes(files[name]))
                 for name in (SPREADSHEET_CSV, "projecten.xlsx", "projecten.csv", "projecten.json")]
    files.update(dcat_files(c, base, pub, downloads))
    files[METADATA] = json.dumps(metadata(site, base, modified), ensure_ascii=False, indent=1) + "\n"
    schemas = schema_files(vocabularies(c))
    citation = pub.cite(TITLE, modified, f"{base}data/", date_label(stamp))
    dataset = jsonld.dataset(c, base, pub, [(name, FILES[name][0], _bytes(files[name])) for name in FILES])
    api = f"../{API_ROOT}"
    some_project = next(iter(sorted(c.projects)), "")
    some_region = next(iter(sorted(c.regions)), "")
    some_municipality = next(iter(sorted(c.municipalities)), "")
    endpoints = [
        {"title": "Ingang: wat er is, licentie en datum", "url": f"{api}/index.json"},
        {"title": "Alle projecten in het kort", "url": f"{api}/projecten.json"},
        {"title": "Eén project, elk veld", "url": f"{api}/projecten/{some_project}.json", "pattern": "projecten/<id>.json"},
        {"title": "Per Wmo-regio", "url": f"{api}/regios/{some_region}.json", "pattern": "regios/<id>.json"},
        {"title": "Per thema", "url": f"{api}/themas.json", "pattern": "themas/<id>.json"},
    ]
    if topics_of(c):
        endpoints.append({"title": "Per onderwerp", "url": f"{api}/onderwerpen.json", "pattern": "onderwerpen/<id>.json"})
    endpoints += [
        {"title": "Per gemeente, met CBS-code en voormalige gemeenten", "url": f"{api}/gemeenten/{some_municipality}.json",
         "pattern": "gemeenten/<id>.json"},
        {"title": "Per zorgverzekeraar", "url": f"{api}/verzekeraars.json", "pattern": "verzekeraars/<id>.json"},
        {"title": "JSON Schema van elk soort bestand", "url": f"{api}/schema/project.schema.json", "pattern": "schema/<soort>.schema.json"},
    ]
    for e in endpoints:  # the link text is the address below api/v1/; the pattern says where the id goes
        e["example"] = e["url"].removeprefix(f"{api}/")
        e.setdefault("pattern", e["example"])
    page = Page(DATA, "data.md.j2", {
        "meta": {**meta(site, "Open data", "De hele catalogus als download voor Excel, als CSV, XLSX en JSON, per "
                        "project als JSON, met licentie, bronvermelding en uitleg per veld.", indexed=False),
                 "jsonld": jsonld.front_matter(dataset)},
        "count": len(c.projects),
        "date": date_label(stamp),
        "licence": {"name": plain(pub.licence.name), "url": pub.licence.url, "id": pub.licence.id,
                    "attribution_required": pub.licence.attribution_required},
        "attributions": [{"what": plain(a.what), "credit": plain(a.credit),
                          "licence": plain(LICENCES[a.licence].name if a.licence in LICENCES else a.licence)}
                         for a in pub.attributions],
        "citation": plain(citation),
        "publisher": plain(pub.publisher),
        "contact": {"name": plain(pub.contact_name), "email": pub.contact_email, "url": pub.contact_url},
        "spreadsheet": {"name": SPREADSHEET_CSV, "size": size_label(files[SPREADSHEET_CSV]),
                        "columns": [plain(h) for h, f in SPREADSHEET_COLUMNS
                                    if h in files[SPREADSHEET_CSV].split("\r\n", 1)[0]]},
        "files": [{"name": name, "title": plain(FILES[name][0]), "description": plain(FILES[name][1]),
                   "size": size_label(files[name])} for name in FILES if name != SPREADSHEET_CSV],
        "endpoints": endpoints,
        "api_example": f"{base}{API_ROOT}/projecten/{some_project}.json",
        "schemas": [{"name": name, "url": f"{SCHEMA}/{name}"} for name in sorted(schemas)],
        "fields": [{"field": f["field"], "description": plain(f["description"])} for f in dictionary()],
    })
    downloads_out = {**files, **{f"{SCHEMA}/{name}": text for name, text in schemas.items()}}
    return [page] + [Page(f"data/{name}", "", {"text": data}) for name, data in sorted(downloads_out.items())]


def metadata(site: Site, base: str, modified: str) -> dict:
    """What every download carries about itself: source, licence, date of the data (the finder's selections
    read this file so a filtered download says the same as the whole one)."""
    pub = site.config.publication
    return {"source": TITLE, "publisher": pub.publisher, "url": f"{base}data/",
            "licence": {"id": pub.licence.id, "name": pub.licence.name, "url": pub.licence.url},
            "modified": modified, "citation": pub.cite(TITLE, modified, f"{base}data/")}


def _bytes(data: str | bytes) -> int:
    return len(data.encode("utf-8") if isinstance(data, str) else data)
