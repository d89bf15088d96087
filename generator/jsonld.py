"""JSON-LD: schema.org descriptions that search engines and link previews read from the pages.

In:  a `Catalogue`, the site's base URL, the open-data `Publication`.
Out: plain dicts; `front_matter()` turns one into the `jsonld:` value of a page's front matter, which
     overrides/main.html prints into <script type="application/ld+json">.

    >>> project(catalogue, "https://example.nl/", "minimacontract-achterhoek")["@type"]
    'Project'
    >>> dataset(catalogue, "https://example.nl/", Publication(), downloads)["@type"]
    'Dataset'

A project is a schema.org `Project` (an organisation formed to reach an aim) with the area it serves (its
municipalities, or its whole Wmo-region), the parties taking part (`member`) and its years; the page about it is
its `mainEntityOfPage` with the dates of the catalogue entry. /data/ is a `Dataset` with a `DataDownload` per file.
"""
from __future__ import annotations

import json
from typing import Any

from . import model as m
from .catalogue import Catalogue
from .export import content_stamp, municipality_label
from .opendata import Publication

CONTEXT = "https://schema.org"
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json", "jsonld": "application/ld+json",
               "rdf": "application/rdf+xml",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _base(base: str) -> str:
    return (base.rstrip("/") + "/") if base else "/"


def project(c: Catalogue, base: str, pid: str) -> dict[str, Any]:
    p: m.Project = c.projects[pid].item
    url = f"{_base(base)}projecten/{pid}/"
    if p.whole_region or not p.municipalities:
        area = [{"@type": "AdministrativeArea", "name": f"Wmo-regio {c.regions[r].item.name}"} for r in p.regions]
    else:
        area = []
    area += [{"@type": "City", "name": municipality_label(c, mid)} for mid in p.municipalities]
    members = [{"@type": "Organization", "name": c.insurers[i].name} for i in p.insurers]
    if not p.whole_region:
        members += [{"@type": "GovernmentOrganization", "name": f"Gemeente {municipality_label(c, mid)}"}
                    for mid in p.municipalities]
    members += [{"@type": "Organization", "name": name} for name in p.partners]
    out: dict[str, Any] = {
        "@context": CONTEXT, "@type": "Project", "@id": f"{url}#project",
        "name": p.title, "description": p.summary, "url": url, "identifier": pid,
        "areaServed": area,
    }
    if members:
        out["member"] = members
    if p.period and p.period.start:
        out["foundingDate"] = str(p.period.start)
    if p.period and p.period.end:
        out["dissolutionDate"] = str(p.period.end)
    labels = {t.id: t.label for t in c.taxonomy.themes}
    if p.themes:
        out["knowsAbout"] = [labels[t] for t in p.themes]
    out["mainEntityOfPage"] = {"@type": "WebPage", "@id": url, "datePublished": p.added.isoformat(),
                               "dateModified": p.updated.isoformat(), "inLanguage": "nl"}
    return out


def dataset(c: Catalogue, base: str, pub: Publication, downloads: list[tuple[str, str, int]]) -> dict[str, Any]:
    """/data/ as a schema.org Dataset; `downloads` are (file name, title, size in bytes) under /data/."""
    root = _base(base)
    landing = f"{root}data/"
    modified = content_stamp(c).date().isoformat()
    years = [int(e.item.reference_date[:4]) for e in c.projects.values()]
    organisation: dict[str, Any] = {"@type": "Organization", "name": pub.publisher}
    if pub.publisher_url:
        organisation["url"] = pub.publisher_url
    if pub.contact_email or pub.contact_url:
        organisation["contactPoint"] = {"@type": "ContactPoint", "contactType": "redactie", "name": pub.contact_name,
                                        **({"email": pub.contact_email} if pub.contact_email else {}),
                                        **({"url": pub.contact_url} if pub.contact_url else {})}
    title = "Samenwerkingscatalogus gemeenten en zorgverzekeraars"
    return {
        "@context": CONTEXT, "@type": "Dataset", "@id": f"{landing}#catalogus",
        "name": title,
        "description": (f"Projecten, programma's en afspraken waarin gemeenten en zorgverzekeraars samenwerken: "
                        f"{len(c.projects)} projecten in {len(c.regions)} Wmo-regio's, met thema, vorm, "
                        "deelnemers, doelen, resultaten en bronnen."),
        "url": landing, "identifier": f"{landing}#catalogus", "inLanguage": "nl",
        "license": pub.licence.url, "isAccessibleForFree": True,
        "creator": organisation, "publisher": organisation,
        "dateModified": modified,
        "temporalCoverage": f"{min(years, default=2017)}/..",
        "spatialCoverage": {"@type": "Place", "name": "Nederland"},
        "keywords": [t.label for t in c.taxonomy.themes] + ["gemeenten", "zorgverzekeraars", "Wmo-regio"],
        "citation": pub.cite(title, modified, landing),
        "distribution": [
            {"@type": "DataDownload", "name": title_, "contentUrl": f"{landing}{name}",
             "encodingFormat": MEDIA_TYPES[name.rsplit(".", 1)[-1]], "contentSize": f"{size} B"}
            for name, title_, size in downloads
        ],
    }


def front_matter(data: dict[str, Any]) -> str:
    """The JSON-LD as a double-quoted YAML scalar that, printed raw into a <script> element, cannot end it:
    '<', '>' and '&' become \\u escapes in the JSON, and the JSON text is quoted as a JSON (= YAML) string."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return json.dumps(text, ensure_ascii=True)
