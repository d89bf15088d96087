"""Export: the catalogue's projects as CSV, XLSX and JSON, with a data dictionary from the content model.

In:  a `Catalogue`.
Out: {file name: text or bytes}; `pages.build_pages` puts them under /data/ and `catalogus export` writes them
     to a folder.

    >>> files = export_files(catalogue)
    >>> sorted(files)
    ['projecten.csv', 'projecten.json', 'projecten.xlsx', 'velden.csv']

JSON holds every field as written. CSV and XLSX hold one row per project with the cells of `cells.encode`
(lists joined with '; ', nested fields as JSON text); `catalogus import` reads them back to the same projects.
The XLSX is byte-reproducible: its document dates and zip entry times come from the content, not the clock.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
import json
from typing import Any

from . import model as m
from .catalogue import Catalogue
from .cells import encode, neutralise

FIELDS = ["id", *m.Project.model_fields]
PROJECTS_SHEET = "projecten"
FIELDS_SHEET = "velden"


def records(c: Catalogue) -> list[dict[str, Any]]:
    """Projects as plain data, sorted by id, with the fields in model order; unset optional fields left out."""
    return [_record(pid, c.projects[pid].item) for pid in sorted(c.projects)]


def _record(pid: str, item: m.Project) -> dict[str, Any]:
    data = item.model_dump(mode="json", exclude_none=True)
    return {"id": pid, **{k: data[k] for k in m.Project.model_fields if k in data}}


def table(rows: list[dict[str, Any]]) -> list[list[str]]:
    """Header row and one row of cells per project."""
    return [FIELDS] + [[encode(key, row.get(key)) for key in FIELDS] for row in rows]


def _csv(lines: list[list[str]], delimiter: str = ",") -> str:
    """Every CSV we publish or export is written here: cells a spreadsheet would run as a formula are
    neutralised (cells.neutralise); `catalogus import` restores them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", delimiter=delimiter)
    writer.writerows([[neutralise(cell) for cell in line] for line in lines])
    return buffer.getvalue()


def to_csv(rows: list[dict[str, Any]]) -> str:
    return _csv(table(rows))


def to_xlsx(rows: list[dict[str, Any]], stamp: dt.datetime) -> bytes:
    """A workbook with the projects and the data dictionary; `stamp` is its created date.

    Written with XlsxWriter: twice as fast as openpyxl for the same cells (the workbook was a fifth of the
    generator's time at 10,000 projects), and byte for byte repeatable; its zip entries are dated `stamp`, like its properties.
    Every cell is text: a value starting with '=' is never a formula, digits never a number. An empty value
    is an empty cell."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_numbers": False, "strings_to_urls": False})
    workbook.set_properties({"author": "Samenwerkingscatalogus", "created": stamp})
    for title, sheet_rows in [(PROJECTS_SHEET, table(rows)), (FIELDS_SHEET, _dictionary_rows())]:
        sheet = workbook.add_worksheet(title)
        sheet.freeze_panes(1, 0)
        for r, line in enumerate(sheet_rows):
            for col, value in enumerate(line):
                if value:
                    sheet.write_string(r, col, value)
    workbook.close()
    return _fixed_zip_times(buffer.getvalue(), stamp)


def _fixed_zip_times(data: bytes, stamp: dt.datetime) -> bytes:
    """The same zip with every entry dated `stamp` (zip entries otherwise carry the time of writing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def content_stamp(c: Catalogue) -> dt.datetime:
    """The newest `updated` date of the content: the date the downloads describe."""
    newest = max((e.item.updated for e in c.projects.values()), default=dt.date(2017, 1, 1))
    return dt.datetime(newest.year, newest.month, newest.day)


def export_files(c: Catalogue, memo: dict | None = None) -> dict[str, str | bytes]:
    """With a `memo` (kept by a long-running process, see cache.py), each project is serialised only while its
    item is new (same bytes as serialising the whole list), and the workbook is written only the first time:
    `catalogus serve` keeps the Excel file of its first build, `catalogus build` always writes it afresh."""
    if memo is None:
        rows = records(c)
        json_text, csv_text = json.dumps(rows, ensure_ascii=False, indent=1) + "\n", to_csv(rows)
    else:
        rows, json_text, csv_text = _memoised(c, memo)
    workbook = memo.get("workbook") if memo is not None else None
    if workbook is None:
        workbook = to_xlsx(rows, content_stamp(c))
        if memo is not None:
            memo["workbook"] = workbook
    return {
        "projecten.json": json_text,
        "projecten.csv": csv_text,
        "projecten.xlsx": workbook,
        "velden.csv": _csv(_dictionary_rows()),
    }


def _memoised(c: Catalogue, memo: dict) -> tuple[list[dict[str, Any]], str, str]:
    """records(), its JSON text and its CSV text, from each project's own row, cells and JSON text; an entry is
    kept while the project's item is the same object (the cache hands out the same item for unchanged bytes)."""
    previous = memo.get("projects", {})
    kept, rows, lines, parts = {}, [], [_csv([FIELDS])], []
    for pid in sorted(c.projects):
        item = c.projects[pid].item
        hit = previous.get(pid)
        if hit is None or hit[0] is not item:
            row = _record(pid, item)
            text = json.dumps(row, ensure_ascii=False, indent=1).replace("\n", "\n ")  # one level deeper, as in the list
            # a CSV writer writes each line on its own, so the file is its lines joined
            hit = (item, row, _csv([[encode(key, row.get(key)) for key in FIELDS]]), " " + text)
        kept[pid] = hit
        rows.append(hit[1])
        lines.append(hit[2])
        parts.append(hit[3])
    memo["projects"] = kept
    return rows, ("[\n" + ",\n".join(parts) + "\n]" if parts else "[]") + "\n", "".join(lines)


def _dictionary_rows() -> list[list[str]]:
    return [["veld", "betekenis"]] + [[f["field"], f["description"]] for f in dictionary()]


def dictionary() -> list[dict[str, str]]:
    """Field name and Dutch description of every project field (the data dictionary)."""
    out = [{"field": "id", "description": "Id van het project: bestandsnaam en webadres /projecten/<id>/"}]
    for name, info in m.Project.model_fields.items():
        out.append({"field": name, "description": info.description or (info.annotation.__doc__ or "").strip().split("\n")[0]})
    return out


# --- the CSV for Dutch spreadsheet programs ------------------------------------------------------------------
# Excel in a Dutch locale reads ';' as the column separator and needs a byte order mark to see UTF-8. Columns have
# Dutch headings, ids become the names people know, lists read as text; this file is for reading, not for
# `catalogus import` (that reads projecten.csv).

SPREADSHEET_CSV = "projecten-excel.csv"
SPREADSHEET_COLUMNS = [
    # (heading, field it comes from): the data page lists them in this order
    ("Id", "id"), ("Naam", "title"), ("Soort", "kind"), ("Samenvatting", "summary"), ("Omschrijving", "description"),
    ("Wmo-regio's", "regions"), ("Gemeenten", "municipalities"), ("Hele regio", "whole_region"),
    ("Zorgverzekeraars", "insurers"), ("Overige partijen", "partners"), ("Thema's", "themes"),
    ("Onderwerpen", "topics"), ("Overige thema's", "themes_other"), ("Samenwerkingsvorm", "form"),
    ("Instrumenten", "instruments"), ("Schaal", "scale"), ("Status", "status"), ("Startjaar", "period.start"),
    ("Eindjaar", "period.end"), ("Doelen", "goals"), ("Streefwaarden", "targets"), ("Resultaten", "results"),
    ("Financiering", "funding"), ("Links", "links"), ("Bronnen", "sources"), ("Peildatum", "reference_date"),
    ("Opgenomen", "added"), ("Bijgewerkt", "updated"), ("Gecontroleerd", "verified"), ("Webpagina", "page"),
]


def spreadsheet_csv(c: Catalogue, page_url=lambda pid: f"projecten/{pid}/", memo: dict | None = None) -> str:
    """All projects for Dutch Excel/LibreOffice: ';'-separated, UTF-8 with BOM, Dutch headings, labels not ids.

    `page_url(pid)` gives the project's web address for the last column. With a `memo` (as in export_files), a
    project's line is written again only when its item, its address or the names it reads changed."""
    columns = spreadsheet_columns(c)
    labels = _labels(c)
    # the names a line reads besides its project: labels, municipalities (with their former names)
    names = (tuple(columns), labels, tuple(c.municipalities.items()))
    last_names, previous = memo.get("spreadsheet", (None, {})) if memo is not None else (None, {})
    if last_names != names:
        previous = {}
    kept: dict[str, tuple[Any, str, str]] = {}
    lines = [_csv([[heading for heading, _ in columns]], delimiter=";")]
    for pid in sorted(c.projects):
        item, url = c.projects[pid].item, page_url(pid)
        hit = previous.get(pid)
        if hit is None or hit[0] is not item or hit[1] != url:
            cells = _spreadsheet_cells(c, pid, labels, url)
            # _csv neutralises formulas, as in every CSV we publish; each line is written on its own
            hit = (item, url, _csv([[cells.get(f, "") for _, f in columns]], delimiter=";"))
        kept[pid] = hit
        lines.append(hit[2])
    if memo is not None:
        memo["spreadsheet"] = (names, kept)
    return "\ufeff" + "".join(lines)


def spreadsheet_columns(c: Catalogue) -> list[tuple[str, str]]:
    """(heading, field) of the spreadsheet CSV; the topics column once projects have topics."""
    has_topics = any(getattr(e.item, "topics", None) for e in c.projects.values())
    return [(h, f) for h, f in SPREADSHEET_COLUMNS if f != "topics" or has_topics]


def _labels(c: Catalogue) -> dict[str, dict[str, str]]:
    out = {name: {t.id: t.label for t in getattr(c.taxonomy, name)}
           for name in ("themes", "forms", "instruments", "scales", "statuses", "kinds")}
    out["topics"] = {t.id: t.label for t in getattr(c.taxonomy, "topics", None) or []}
    out["regions"] = {rid: e.item.name for rid, e in c.regions.items()}
    out["insurers"] = {iid: i.name for iid, i in c.insurers.items()}
    out["sources"] = {sid: e.item.title for sid, e in c.sources.items()}
    return out


def municipality_label(c: Catalogue, any_id: str) -> str:
    """'Giessenlanden (nu Molenlanden)' for a former name, else today's name."""
    current = c.municipalities[c.current_municipality[any_id]].name
    if any_id in c.former_names:
        return f"{c.former_names[any_id][0].name} (nu {current})"
    return current


def _spreadsheet_cells(c: Catalogue, pid: str, labels: dict[str, dict[str, str]], url: str) -> dict[str, str]:
    p: m.Project = c.projects[pid].item
    names = lambda vocabulary, ids: ", ".join(labels[vocabulary].get(i, i) for i in ids)  # noqa: E731
    if isinstance(p.form, dict):
        form = "; ".join(("overige gemeenten" if scope == "overige" else municipality_label(c, scope))
                         + ": " + labels["forms"][fid] for scope, fid in p.form.items())
    else:
        form = labels["forms"].get(p.form, "") if p.form else ""
    targets = []
    for t in p.targets:
        value = "" if t.value is None else (f"{t.value:g}".replace(".", ",") + (f" {t.unit}" if t.unit else ""))
        targets.append(t.description + (f": {value}" if value else "") + (f" ({t.year})" if t.year else ""))
    pages: dict[str, list[str]] = {}  # one line per document, its pages together
    for ref in p.sources:
        pages.setdefault(ref.document, [])
        if ref.page and str(ref.page) not in pages[ref.document]:
            pages[ref.document].append(str(ref.page))
    sources = [labels["sources"].get(doc, doc) + (f", p. {', '.join(numbers)}" if numbers else "")
               for doc, numbers in pages.items()]
    return {
        "id": pid, "title": p.title, "kind": labels["kinds"].get(p.kind, p.kind), "summary": p.summary,
        "description": readable(p.description), "regions": names("regions", p.regions),
        "municipalities": ", ".join(municipality_label(c, mid) for mid in p.municipalities),
        "whole_region": "ja" if p.whole_region else "nee", "insurers": names("insurers", p.insurers),
        "partners": ", ".join(p.partners), "themes": names("themes", p.themes),
        "topics": names("topics", getattr(p, "topics", None) or []), "themes_other": ", ".join(p.themes_other),
        "form": form, "instruments": names("instruments", p.instruments),
        "scale": labels["scales"].get(p.scale, "") if p.scale else "", "status": labels["statuses"].get(p.status, p.status),
        "period.start": str(p.period.start) if p.period and p.period.start else "",
        "period.end": str(p.period.end) if p.period and p.period.end else "",
        "goals": "\n".join(readable(g) for g in p.goals), "targets": "\n".join(targets),
        "results": "\n".join(readable(r) for r in p.results), "funding": readable(p.funding), "links": "\n".join(f"{link.title}: {link.url}" for link in p.links),
        "sources": "\n".join(sources), "reference_date": p.reference_date, "added": p.added.isoformat(),
        "updated": p.updated.isoformat(), "verified": p.verified.isoformat() if p.verified else "", "page": url,
    }


def readable(markdown: str | None) -> str:
    """Editors' Markdown as the text a reader sees: '**gemeentepolis**' -> 'gemeentepolis', a list item per line."""
    if not markdown:
        return ""
    import html
    import re

    from .text import rich

    rendered = re.sub(r"</(p|li|h[3-5]|tr|blockquote)>|<br\s*/?>", "\n", rich(markdown))
    text = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


# --- the Frictionless data package ---------------------------------------------------------------------------
DATAPACKAGE = "datapackage.json"
_ID_LISTS = {"regions", "municipalities", "insurers", "themes", "topics", "instruments", "quirks", "aliases",
             "distinct_from"}  # ids never hold ';', so '; ' splits them exactly
_ENUMS = {"kind": "kinds", "scale": "scales", "status": "statuses"}  # single ids from a vocabulary
_JSON_ARRAYS = {"targets", "links", "sources"}
_JSON_OBJECTS = {"period", "as_printed"}


def datapackage(c: Catalogue, files: dict[str, str | bytes], meta: dict[str, Any]) -> dict[str, Any]:
    """datapackage.json (Frictionless Data Package v1) describing projecten.csv and the spreadsheet CSV.

    Field types, descriptions and allowed values come from the content model and the taxonomy; `meta` gives
    name, title, licence, publisher and the data's date (see `pages/data.py`)."""
    vocab = {name: [t.id for t in getattr(c.taxonomy, name)] for name in _ENUMS.values()}
    descriptions = {f["field"]: f["description"] for f in dictionary()}
    fields = []
    for name in FIELDS:
        field: dict[str, Any] = {"name": name, "description": descriptions.get(name, "")}
        if name == "id":
            field.update(type="string", constraints={"required": True, "unique": True,
                                                     "pattern": "[a-z0-9]+(-[a-z0-9]+)*"})
        elif name in _ENUMS:
            field.update(type="string", constraints={"enum": vocab[_ENUMS[name]]})
        elif name in _ID_LISTS:
            field.update(type="list", delimiter="; ", itemType="string")
        elif name in _JSON_ARRAYS:
            field.update(type="array")
        elif name in _JSON_OBJECTS:
            field.update(type="object")
        elif name == "whole_region":
            field.update(type="boolean", trueValues=["ja"], falseValues=["nee"])
        elif name in {"added", "updated", "verified"}:
            field.update(type="date")
        else:
            field["type"] = "string"
            if name == "form":
                field["description"] += "; één id, of JSON-tekst {gemeente-id: vorm-id, overige: vorm-id}"
            elif name in {"partners", "goals", "results", "themes_other"}:
                field["description"] += "; lijst gescheiden door '; ', of een JSON-lijst als een onderdeel zelf ';' bevat"
        if name in {"title", "summary", "regions", "sources", "reference_date", "added", "updated"}:
            field.setdefault("constraints", {})["required"] = True
        fields.append(field)
    spreadsheet_fields = [{"name": heading, "type": "string"} for heading, _ in spreadsheet_columns(c)]
    licence = [{"name": meta["licence_id"], "path": meta["licence_url"], "title": meta["licence_name"]}]
    return {
        "profile": "tabular-data-package",
        "name": "samenwerkingscatalogus",
        "title": meta["title"],
        "description": meta["description"],
        "homepage": meta["homepage"],
        "version": meta["modified"],
        "created": meta["modified"] + "T00:00:00Z",
        "licenses": licence,
        "contributors": [{"title": meta["publisher"], "role": "publisher", **({"path": meta["publisher_url"]} if meta["publisher_url"] else {})}],
        "keywords": ["gemeenten", "zorgverzekeraars", "samenwerking", "Wmo", "Zvw", "sociaal domein"],
        "resources": [
            {"name": "projecten", "path": "projecten.csv", "profile": "tabular-data-resource",
             "title": "Projecten (om in te lezen)", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
             "bytes": byte_size(files["projecten.csv"]),
             "dialect": {"delimiter": ",", "header": True},
             "schema": {"fields": fields, "primaryKey": "id", "missingValues": [""]}},
            {"name": "projecten-excel", "path": SPREADSHEET_CSV, "profile": "tabular-data-resource",
             "title": "Projecten voor Excel (puntkomma, namen in plaats van ids)", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8-sig", "bytes": byte_size(files[SPREADSHEET_CSV]),
             "dialect": {"delimiter": ";", "header": True},
             "schema": {"fields": spreadsheet_fields, "primaryKey": "Id", "missingValues": [""]}},
        ],
    }


def byte_size(data: str | bytes) -> int:
    return len(data.encode("utf-8") if isinstance(data, str) else data)


# --- everything /data/ publishes -----------------------------------------------------------------------------------
TITLE = "Samenwerkingscatalogus gemeenten en zorgverzekeraars"
METADATA = "metadata.json"  # licence and date of the data, read by the finder's filtered downloads
# file -> (who it is for, what it holds); the page lists them in this order
DOWNLOADS = {
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



def published_files(c: Catalogue, base: str, pub, memo: dict | None = None) -> dict[str, str | bytes]:
    """Every download of /data/ (and of `catalogus export`): the files of `export_files`, the spreadsheet CSV,
    the data package, the DCAT-AP-DONL description and metadata.json. `base` is the site's address ("/" when
    unknown), `pub` the open-data `Publication`, `memo` the cache of `export_files`."""
    from .dcat import Download, dcat_files  # dcat reads content_stamp from here

    files: dict[str, str | bytes] = dict(export_files(c, memo))
    files[SPREADSHEET_CSV] = spreadsheet_csv(c, lambda pid: f"{base}projecten/{pid}/", memo)
    modified = content_stamp(c).date().isoformat()
    about = {"title": TITLE, "description": "Samenwerking tussen gemeenten en zorgverzekeraars: projecten, "
             "regio's, thema's, deelnemers, doelen en resultaten.", "homepage": f"{base}data/",
             "modified": modified, "licence_id": pub.licence.id, "licence_url": pub.licence.url,
             "licence_name": pub.licence.name, "publisher": pub.publisher, "publisher_url": pub.publisher_url}
    files[DATAPACKAGE] = json.dumps(datapackage(c, files, about), ensure_ascii=False, indent=1) + "\n"
    downloads = [Download(name, f"{DOWNLOADS[name][0]}: {name}", DOWNLOADS[name][1], byte_size(files[name]))
                 for name in (SPREADSHEET_CSV, "projecten.xlsx", "projecten.csv", "projecten.json")]
    files.update(dcat_files(c, base, pub, downloads))
    files[METADATA] = json.dumps(metadata(base, modified, pub), ensure_ascii=False, indent=1) + "\n"
    return dict(sorted(files.items()))


def metadata(base: str, modified: str, pub) -> dict[str, Any]:
    """What every download carries about itself: source, licence, date of the data (the finder's selections
    read this file so a filtered download says the same as the whole one)."""
    return {"source": TITLE, "publisher": pub.publisher, "url": f"{base}data/",
            "licence": {"id": pub.licence.id, "name": pub.licence.name, "url": pub.licence.url},
            "modified": modified, "citation": pub.cite(TITLE, modified, f"{base}data/")}
