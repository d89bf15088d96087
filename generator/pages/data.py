"""/data/: the open data for people and machines. The page says what each file holds, the licence, how to cite
and whom to contact; beside it the downloads (written byte for byte): the CSV for Dutch spreadsheet programs,
the CSV/XLSX/JSON of every field, the data dictionary, the JSON Schemas of the content files, the Frictionless
data package and the DCAT-AP-DONL description that data.overheid.nl harvests. /data/metadata.json holds the
licence and the date of the data for the finder's filtered downloads."""
from __future__ import annotations

from .. import jsonld
from ..api import ROOT as API_ROOT, topics_of
from ..export import (DOWNLOADS, SPREADSHEET_CSV, TITLE, byte_size, content_stamp, dictionary, published_files,
                      spreadsheet_columns)
from ..opendata import LICENCES
from ..schema import schema_files, vocabularies
from ..text import html_content, html_text
from .common import Page, Site, date_label, meta, size_label
from .urls import DATA, FINDER, HOME, SCHEMA, address


def pages(site: Site) -> list[Page]:
    c, config, pub = site.c, site.config, site.config.publication
    base = (config.site_url.rstrip("/") + "/") if config.site_url else "/"
    files = published_files(c, base, pub, site.memo)
    stamp = content_stamp(c).date()
    vocabulary = vocabularies(c)  # the world's ids only (no project): kept while they are the same
    schemas = site.remember("schemas", None, vocabulary, lambda: schema_files(vocabulary))
    citation = pub.cite(TITLE, stamp.isoformat(), f"{base}data/", date_label(stamp))
    dataset = jsonld.dataset(c, base, pub, [(name, DOWNLOADS[name][0], byte_size(files[name])) for name in DOWNLOADS])
    api = f"../{API_ROOT}"
    some_project = next(iter(sorted(c.projects)), "")
    some_region = next(iter(sorted(c.regions)), "")
    some_municipality = next(iter(sorted(c.municipalities)), "")
    endpoints = [
        {"title": "Ingang: wat er is, licentie en datum", "url": f"{api}/index.json"},
        {"title": "Alle projecten in het kort (zo ook regios.json, themas.json, gemeenten.json …)",
         "url": f"{api}/projecten.json"},
        {"title": "Eén project, elk veld", "url": f"{api}/projecten/{some_project}.json", "pattern": "projecten/<id>.json"},
        {"title": "Per Wmo-regio", "url": f"{api}/regios/{some_region}.json", "pattern": "regios/<id>.json"},
        {"title": "Per thema", "url": f"{api}/themas/{c.taxonomy.themes[0].id}.json", "pattern": "themas/<id>.json"},
    ]
    if topics_of(c):
        endpoints.append({"title": "Per onderwerp", "url": f"{api}/onderwerpen/{topics_of(c)[0].id}.json",
                          "pattern": "onderwerpen/<id>.json"})
    endpoints += [
        {"title": "Per gemeente, met CBS-code en voormalige gemeenten", "url": f"{api}/gemeenten/{some_municipality}.json",
         "pattern": "gemeenten/<id>.json"},
        {"title": "Per zorgverzekeraar", "url": f"{api}/verzekeraars/{next(iter(sorted(c.insurers)))}.json",
         "pattern": "verzekeraars/<id>.json"},
        {"title": "JSON Schema van elk soort bestand", "url": f"{api}/schema/project.schema.json", "pattern": "schema/<soort>.schema.json"},
    ]
    for e in endpoints:  # the link text is the address below api/v1/; the pattern says where the id goes
        e["example"] = e["url"].removeprefix(f"{api}/")
        e.setdefault("pattern", e["example"])
        e["lead"], e["link"] = ("bijvoorbeeld ", html_content(e["example"])) if e["pattern"] != e["example"] else ("", "openen")
        e["title"], e["pattern"], e["url"] = html_content(e["title"]), html_content(e["pattern"]), html_text(e["url"])
    page = Page(DATA, "data.md.j2", {
        "meta": {**meta(site, "Open data", "De hele catalogus als download voor Excel, als CSV, XLSX en JSON, per "
                        "project als JSON, met licentie, bronvermelding en uitleg per veld.", indexed=False),
                 "jsonld": jsonld.front_matter(dataset)},
        "count": len(c.projects),
        "date": date_label(stamp),
        "licence": {"name": html_content(pub.licence.name), "url": html_text(pub.licence.url), "id": pub.licence.id,
                    "attribution_required": pub.licence.attribution_required},
        "attributions": [{"what": html_content(a.what), "credit": html_content(a.credit),
                          "licence": html_content(LICENCES[a.licence].name if a.licence in LICENCES else a.licence)}
                         for a in pub.attributions],
        "citation": html_content(citation),
        "contact": {"name": html_content(pub.contact_name), "email": html_text(pub.contact_email),
                    "email_text": html_content(pub.contact_email), "url": html_text(pub.contact_url)},
        "spreadsheet": {"name": SPREADSHEET_CSV, "size": size_label(files[SPREADSHEET_CSV]),
                        "columns": [html_content(h) for h, _ in spreadsheet_columns(c)]},
        "files": [{"name": name, "title": html_content(DOWNLOADS[name][0]), "description": html_content(DOWNLOADS[name][1]),
                   "size": size_label(files[name])} for name in DOWNLOADS if name != SPREADSHEET_CSV],
        "endpoints": endpoints,
        "api_example": html_content(f"{base}{API_ROOT}/projecten/{some_project}.json"),
        "schemas": [{"name": name, "url": f"{SCHEMA}/{name}"} for name in sorted(schemas)],
        "fields": [{"field": html_content(f["field"]), "description": html_content(f["description"])} for f in dictionary()],
        "home": address(DATA, HOME),
        "finder": address(DATA, FINDER),
    })
    downloads_out = {**files, **{f"{SCHEMA}/{name}": text for name, text in schemas.items()}}
    return [page] + [Page(f"data/{name}", "", {"text": data}) for name, data in sorted(downloads_out.items())]
