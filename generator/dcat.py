"""DCAT: the catalogue described as a dataset in DCAT-AP-DONL, the Dutch profile that data.overheid.nl harvests.

In:  a `Catalogue`, the site's base URL, the open-data `Publication` and the download files (for their sizes).
Out: the same description twice, as RDF/XML (`dcat.rdf`, what harvesters read most widely) and as JSON-LD
     (`dcat.jsonld`), both under /data/:

    >>> files = dcat_files(catalogue, "https://example.nl/", Publication(), {"projecten.csv": "..."})
    >>> sorted(files)
    ['dcat.jsonld', 'dcat.rdf']

One `dcat:Catalog` holds one `dcat:Dataset` (the catalogue's projects) with a `dcat:Distribution` per download
and one for the per-project API. The properties DCAT-AP-DONL makes mandatory are always there: title,
description, identifier, language, licence, publisher, creator, contact point, theme (from the Dutch
government's policy-agenda taxonomy), status, and per distribution title, description, licence, access URL and
format. Dates come from the content (the newest `updated`, the earliest reference year), never from the clock.
"""
from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr
from dataclasses import dataclass, field
from typing import Any, Union

from .catalogue import Catalogue
from .export import content_stamp
from .opendata import Publication

NAMESPACES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "adms": "http://www.w3.org/ns/adms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
LANGUAGE = "http://publications.europa.eu/resource/authority/language/NLD"
PUBLIC = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
AVAILABLE = "http://data.overheid.nl/status/beschikbaar"
IRREGULAR = "http://publications.europa.eu/resource/authority/frequency/IRREG"
NETHERLANDS = "http://standaarden.overheid.nl/owms/terms/Nederland"
# data.overheid.nl's themes (taxonomie beleidsagenda): health and care is what the catalogue is about
THEMES = ["http://standaarden.overheid.nl/owms/terms/Zorg_en_gezondheid"]
FILE_TYPES = {"csv": "CSV", "json": "JSON", "xlsx": "XLSX"}  # EU file-type authority list
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass(frozen=True)
class Ref:
    uri: str


@dataclass(frozen=True)
class Lit:
    value: str
    lang: str = ""
    datatype: str = ""  # a prefixed name such as "xsd:date"


@dataclass
class Node:
    types: list[str]
    props: list[tuple[str, "Value"]] = field(default_factory=list)
    uri: str = ""  # "" is a blank node, written inside its parent

    def add(self, predicate: str, *values: "Value") -> "Node":
        self.props += [(predicate, v) for v in values]
        return self


Value = Union[Ref, Lit, Node]


@dataclass(frozen=True)
class Download:
    name: str  # file name under /data/
    title: str
    description: str
    size: int


def description(c: Catalogue, base: str, pub: Publication, downloads: list[Download]) -> Node:
    """The DCAT-AP-DONL graph: a catalogue node whose dataset and distributions hang below it."""
    base = (base.rstrip("/") + "/") if base else "/"
    landing = f"{base}data/"
    modified = Lit(content_stamp(c).date().isoformat(), datatype="xsd:date")
    first = min((e.item.added for e in c.projects.values()), default=content_stamp(c).date())
    years = [int(e.item.reference_date[:4]) for e in c.projects.values()]
    nl = lambda text: Lit(text, lang="nl")  # noqa: E731

    publisher = Node(["foaf:Agent", "foaf:Organization"], uri=pub.publisher_uri or pub.publisher_url or base)
    publisher.add("foaf:name", nl(pub.publisher))
    contact = Node(["vcard:Organization"]).add("vcard:fn", nl(pub.contact_name))
    if pub.contact_email:
        contact.add("vcard:hasEmail", Ref(f"mailto:{pub.contact_email}"))
    contact.add("vcard:hasURL", Ref(pub.contact_url or landing))

    dataset = Node(["dcat:Dataset"], uri=f"{landing}#catalogus")
    dataset.add("dct:identifier", Lit(f"{landing}#catalogus"))
    dataset.add("dct:title", nl("Samenwerkingscatalogus gemeenten en zorgverzekeraars"))
    dataset.add("dct:description", nl(
        f"Projecten, programma's en afspraken waarin gemeenten en zorgverzekeraars samenwerken ({len(c.projects)} "
        f"projecten in {len(c.regions)} Wmo-regio's): thema, samenwerkingsvorm, instrumenten, deelnemende "
        "gemeenten en verzekeraars, doelen, resultaten en bronnen. Opgebouwd uit de inventarisatie van 2017 en "
        "latere regionale agenda's."))
    dataset.add("dct:language", Ref(LANGUAGE))
    dataset.add("dct:license", Ref(pub.licence.uri))
    dataset.add("dct:accessRights", Ref(PUBLIC))
    dataset.add("adms:status", Ref(AVAILABLE))
    dataset.add("dct:publisher", publisher)
    dataset.add("dct:creator", Ref(publisher.uri))
    dataset.add("dcat:contactPoint", contact)
    dataset.add("dcat:theme", *[Ref(t) for t in THEMES])
    dataset.add("dcat:keyword", *[nl(t.label) for t in c.taxonomy.themes])
    dataset.add("dcat:keyword", nl("gemeenten"), nl("zorgverzekeraars"), nl("Wmo-regio"))
    dataset.add("dcat:landingPage", Ref(landing))
    dataset.add("dct:issued", Lit(first.isoformat(), datatype="xsd:date"))
    dataset.add("dct:modified", modified)
    dataset.add("dct:accrualPeriodicity", Ref(IRREGULAR))
    dataset.add("dct:spatial", Ref(NETHERLANDS))
    dataset.add("dct:temporal", Node(["dct:PeriodOfTime"]).add(
        "dcat:startDate", Lit(f"{min(years, default=2017)}-01-01", datatype="xsd:date")))
    for d in downloads:
        kind = d.name.rsplit(".", 1)[-1]
        url = f"{landing}{d.name}"
        dist = Node(["dcat:Distribution"], uri=url)
        dist.add("dct:title", nl(d.title), )
        dist.add("dct:description", nl(d.description))
        dist.add("dct:license", Ref(pub.licence.uri))
        dist.add("dcat:accessURL", Ref(landing))
        dist.add("dcat:downloadURL", Ref(url))
        dist.add("dct:format", Ref(f"http://publications.europa.eu/resource/authority/file-type/{FILE_TYPES[kind]}"))
        dist.add("dcat:mediaType", Ref(f"https://www.iana.org/assignments/media-types/{MEDIA_TYPES[kind]}"))
        dist.add("dcat:byteSize", Lit(str(d.size), datatype="xsd:decimal"))
        dist.add("dct:language", Ref(LANGUAGE))
        dist.add("dct:modified", modified)
        dataset.add("dcat:distribution", dist)
    api = Node(["dcat:Distribution"], uri=f"{base}api/v1/")
    api.add("dct:title", nl("API: één JSON-bestand per project"))
    api.add("dct:description", nl(
        "Vaste, geversioneerde adressen: api/v1/projecten/<id>.json per project en overzichten per regio, thema, "
        "onderwerp, gemeente (met CBS-code) en zorgverzekeraar; ingang api/v1/index.json, JSON Schema in "
        "api/v1/schema/."))
    api.add("dct:license", Ref(pub.licence.uri))
    api.add("dcat:accessURL", Ref(f"{base}api/v1/index.json"))
    api.add("dct:format", Ref("http://publications.europa.eu/resource/authority/file-type/JSON"))
    api.add("dcat:mediaType", Ref("https://www.iana.org/assignments/media-types/application/json"))
    api.add("dct:conformsTo", Ref(f"{base}api/v1/schema/project.schema.json"))
    api.add("dct:language", Ref(LANGUAGE))
    api.add("dct:modified", modified)
    dataset.add("dcat:distribution", api)

    catalog = Node(["dcat:Catalog"], uri=f"{landing}#dcat")
    catalog.add("dct:title", nl(pub.publisher))
    catalog.add("dct:description", nl("Open data van de Samenwerkingscatalogus."))
    catalog.add("dct:language", Ref(LANGUAGE))
    catalog.add("dct:license", Ref(pub.licence.uri))
    catalog.add("dct:publisher", Ref(publisher.uri))
    catalog.add("foaf:homepage", Ref(base))
    catalog.add("dct:modified", modified)
    catalog.add("dcat:dataset", dataset)
    return catalog


def dcat_files(c: Catalogue, base: str, pub: Publication, downloads: list[Download]) -> dict[str, str]:
    root = description(c, base, pub, downloads)
    return {"dcat.rdf": to_rdfxml(root), "dcat.jsonld": to_jsonld(root)}


# --- writers -------------------------------------------------------------------------------------------------------
def _expand(name: str) -> str:
    prefix, local = name.split(":", 1)
    return NAMESPACES[prefix] + local


def to_jsonld(root: Node) -> str:
    def value(v: Value) -> Any:
        if isinstance(v, Ref):
            return {"@id": v.uri}
        if isinstance(v, Lit):
            out: dict[str, str] = {"@value": v.value}
            if v.lang:
                out["@language"] = v.lang
            if v.datatype:
                out["@type"] = v.datatype
            return out
        return node(v)

    def node(n: Node) -> dict[str, Any]:
        out: dict[str, Any] = {"@id": n.uri} if n.uri else {}
        out["@type"] = n.types if len(n.types) > 1 else n.types[0]
        for predicate, v in n.props:
            out.setdefault(predicate, []).append(value(v))
        return {k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in out.items()}

    context = {prefix: uri for prefix, uri in NAMESPACES.items() if prefix != "rdf"}
    return json.dumps({"@context": context, **node(root)}, ensure_ascii=False, indent=1) + "\n"


def to_rdfxml(root: Node) -> str:
    """RDF/XML written as text: ElementTree's namespace prefixes are global state (register_namespace), which would
    change how other code in the process (openpyxl) writes its XML."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             "<rdf:RDF " + " ".join(f"xmlns:{p}={quoteattr(u)}" for p, u in NAMESPACES.items() if p != "xsd") + ">"]

    def node(n: Node, depth: int) -> None:
        pad = " " * depth
        about = f" rdf:about={quoteattr(n.uri)}" if n.uri else ""
        lines.append(f"{pad}<rdf:Description{about}>")
        for t in n.types:
            lines.append(f"{pad} <rdf:type rdf:resource={quoteattr(_expand(t))}/>")
        for predicate, v in n.props:
            if isinstance(v, Ref):
                lines.append(f"{pad} <{predicate} rdf:resource={quoteattr(v.uri)}/>")
            elif isinstance(v, Lit):
                attrs = (f" xml:lang={quoteattr(v.lang)}" if v.lang else "") + \
                        (f" rdf:datatype={quoteattr(_expand(v.datatype))}" if v.datatype else "")
                lines.append(f"{pad} <{predicate}{attrs}>{escape(v.value)}</{predicate}>")
            else:
                lines.append(f"{pad} <{predicate}>")
                node(v, depth + 2)
                lines.append(f"{pad} </{predicate}>")
        lines.append(f"{pad}</rdf:Description>")

    node(root, 1)
    lines.append("</rdf:RDF>")
    return "\n".join(lines) + "\n"
