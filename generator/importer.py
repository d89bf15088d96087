"""Import: projects from a spreadsheet into content/projects/, one YAML file per row.

In:  a .xlsx or .csv file, in the layout of the 2017 inventory (Regio, Naam project, Omschrijving project, Vorm,
     Instrumenteel, Inhoudelijk, Geografisch, Zorgverzekeraar, Gemeente, Overige partijen) or of our own export
     (one column per project field, see `cells`), or a mix; plus `Defaults` for what the inventory lacks.
Out: an `ImportPlan`: the files to write ({relative path: text}), what is new, unchanged or in conflict, and
     every problem as `FILE:ROW: column 'X': message` (ROW is the row number the spreadsheet program shows).

    >>> plan = plan_import(Path("inventaris.xlsx"), Path("content"), Defaults(source="inventarisatie-2017", page=12))
    >>> plan.problems or write_import(plan, Path("content"))

Free text is mapped onto the vocabularies by id, label or name (municipalities also by former and other names),
with a suggestion for near misses. The would-be content is checked with the normal catalogue checks before
anything is written; with any problem nothing is written. Rules for fields the inventory does not have:

- sources: a `sources` column, else `Bron` (+ `Pagina`) columns, else `--source DOC --page N`;
- reference_date: a column, else `--reference-date`, else the date of the (first) source document;
- added / updated: columns, else `--date` (default: today);
- summary: a column, else the first sentence of the description, cut at a word to 300 characters;
- id: an `id` column, else the title (at most 60 characters) and the first region, like the existing ids,
  with -2, -3 … for rows of one file that would get the same id.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from . import model as m
from .catalogue import REST, Catalogue, load_catalogue
from .cells import parse_bool, split_list
from .diagnostics import Diagnostics, suggest
from .output import plan_files, write_files
from .slugs import slugify
from .sources import ID_PATTERN, read_yaml_file
from .writer import project_yaml

TITLE_ID_LENGTH = 60
SUMMARY_LENGTH = 300
HEADER_SCAN_ROWS = 10  # the header may sit below a title row or two

# Column headers of the 2017 inventory (and a few Dutch synonyms) -> project field or import column.
DUTCH_COLUMNS = {
    "regio": "regions", "naam project": "title", "omschrijving project": "description", "vorm": "form",
    "instrumenteel": "instruments", "inhoudelijk": "themes", "geografisch": "scale",
    "zorgverzekeraar": "insurers", "gemeente": "municipalities", "overige partijen": "partners",
    "samenvatting": "summary", "bron": "source", "pagina": "page",
}
IMPORT_ONLY = {"id", "source", "page"}
COLUMNS = {**{name.lower(): name for name in ["id", *m.Project.model_fields]}, **DUTCH_COLUMNS}

# Spellings of the 2017 inventory that are neither an id nor a label (see the as_printed values in content/).
SYNONYMS = {
    "forms": {"ontwikkeltraject": "ontwikkelproject", "implementeren": "implementatie",
              "doorontwikkeling": "doorontwikkelen"},
    "themes": {"jeugd-18": "jeugd", "jeugd-18-18": "jeugd"},
    "instruments": {"werkwijze-primaire-proces": "werkwijze",
                    "minimapolis": "collectieve-zorg-minima"},
}
OTHER_THEME = re.compile(r"^\s*ander[se]?\s*[,(]?\s*(?:nl\.?|namelijk)?\s*[,:]?\s*(.*?)\)?\s*$", re.I)
WHOLE_REGION = re.compile(r"^\s*alle\s+gemeente", re.I)
PAGE = re.compile(r"^(.*?)[\s,]*(?:\bp\.?|\bpag\.?|\bpagina)\s*(\d+)\s*$", re.I)
YEARS = re.compile(r"^\s*(?:(\d{4}))?\s*(?:[-–—]|t/m|tot)?\s*(?:(\d{4}))?\s*$")
DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


class UnreadableFile(Exception):
    """The file cannot be read as a table at all (the message names the file)."""


@dataclass(frozen=True)
class Defaults:
    """What the editor says on the command line for every row that does not say it itself."""

    source: str | None = None
    page: int | None = None
    date: dt.date | None = None  # added/updated; None: today
    reference_date: str | None = None


@dataclass
class Row:
    number: int  # 0 when there are no rows (an issue form)
    cells: dict[str, str]  # field -> cell text (stripped)
    headers: dict[str, str]  # field -> column header (or form label) as the editor sees it
    free_text: bool = False  # every cell is free text (an issue form), not only the inventory's columns


@dataclass
class ImportPlan:
    source: str  # the file as the editor named it, for messages
    files: dict[str, str] = field(default_factory=dict)  # "projects/<id>.yml" -> text
    rows: dict[str, int] = field(default_factory=dict)  # "projects/<id>.yml" -> row number
    id_columns: dict[str, str] = field(default_factory=dict)  # "projects/<id>.yml" -> column the id came from
    reported: dict[int, set[str]] = field(default_factory=dict)  # row -> fields with a problem already
    new: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unit: str = "column"  # what a cell is called in messages: a spreadsheet 'column' or an issue form 'field'

    def problem(self, row: int | None, column: str | None, message: str) -> None:
        where = f"{self.source}:{row}" if row else self.source
        self.problems.append(f"{where}: {self.unit} {column!r}: {message}" if column else f"{where}: {message}")


# --- reading the table -------------------------------------------------------------------------------------------
def read_table(path: Path) -> list[list[Any]]:
    """All rows of the first sheet (pandas, openpyxl) or the CSV as lists of raw cell values, row 1 first."""
    import pandas as pd

    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise UnreadableFile("not UTF-8 text; save the sheet as 'CSV UTF-8'") from None
            return _csv_rows(text)
        elif suffix in {".xlsx", ".xlsm"}:
            frame = pd.read_excel(path, sheet_name=0, header=None, dtype=object, engine="openpyxl")
        else:
            raise UnreadableFile("unsupported file type; use .xlsx or .csv")
    except UnreadableFile:
        raise
    except FileNotFoundError:
        raise UnreadableFile("file not found") from None
    except Exception as exc:  # pandas and openpyxl raise many kinds for a damaged file
        raise UnreadableFile(f"cannot read the file as a table: {exc}") from None
    return [list(row) for row in frame.itertuples(index=False, name=None)]


def _csv_rows(text: str) -> list[list[Any]]:
    """CSV records (ragged rows allowed); ';' as separator when the first lines use it more than ',' (Dutch Excel)."""
    import csv
    import io

    head = text.split("\n")[:HEADER_SCAN_ROWS]
    separator = ";" if sum(line.count(";") for line in head) > sum(line.count(",") for line in head) else ","
    try:
        return [list(record) for record in csv.reader(io.StringIO(text, newline=""), delimiter=separator)]
    except csv.Error as exc:
        raise UnreadableFile(f"not a valid CSV file: {exc}") from None


def cell_text(value: Any) -> str:
    """A raw cell as text: empty for missing, whole numbers without '.0', dates as YYYY-MM-DD."""
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):  # pandas Timestamp
        return value.isoformat()[:10]
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _normal_header(text: str) -> str:
    return " ".join(text.split()).lower()


def find_header(table: list[list[Any]]) -> int | None:
    """Index of the row with the most known column headers (at least two) among the first rows."""
    best, best_count = None, 1
    for index, row in enumerate(table[:HEADER_SCAN_ROWS]):
        count = sum(_normal_header(cell_text(c)) in COLUMNS for c in row)
        if count > best_count:
            best, best_count = index, count
    return best


def rows_of(table: list[list[Any]], plan: ImportPlan) -> list[Row]:
    header_index = find_header(table)
    if header_index is None:
        plan.problem(None, None, "no header row found; expected columns such as 'Naam project' and 'Regio' "
                                 "(the 2017 inventory) or 'title' and 'regions' (the export)")
        return []
    header_row = header_index + 1
    columns: dict[int, str] = {}
    headers: dict[str, str] = {}
    for position, raw in enumerate(table[header_index]):
        header = cell_text(raw)
        if not header:
            continue
        name = COLUMNS.get(_normal_header(header))
        if name is None:
            hint = suggest(_normal_header(header), COLUMNS, "a known column").split(" is not a known column", 1)[1]
            plan.problem(header_row, header, "unknown column" + hint)
        elif name in headers:
            plan.problem(header_row, header, f"same field as column {headers[name]!r}; keep one of them")
        else:
            columns[position] = name
            headers[name] = header
    if "title" not in headers:
        plan.problem(header_row, None, "no title column ('Naam project' or 'title')")
    out = []
    for index in range(header_index + 1, len(table)):
        cells = {name: cell_text(table[index][pos]) for pos, name in columns.items() if pos < len(table[index])}
        if any(cells.values()):
            out.append(Row(index + 1, cells, headers))
    return out


# --- vocabularies ------------------------------------------------------------------------------------------------
class Vocabulary:
    """Free text -> id: by id, by label or name (compared as slugs), or by a known inventory spelling."""

    def __init__(self, label: str, ids: list[str], names: dict[str, str] | None = None,
                 synonyms: dict[str, str] | None = None):
        self.label = label
        self.ids = ids
        self.synonyms = {slugify(key): target for key, target in (synonyms or {}).items()}
        self.lookup: dict[str, str] = dict(self.synonyms)
        self.names = {slugify(key): target for key, target in (names or {}).items()}
        self.lookup.update(self.names)
        for ident in ids:
            self.lookup[ident] = ident

    def resolve(self, text: str) -> str | None:
        return self.lookup.get(text) or self.lookup.get(slugify(text))

    def is_synonym(self, text: str) -> bool:
        """True when `text` is only an inventory spelling, not an id, label or name."""
        key = slugify(text)
        return key in self.synonyms and key not in self.ids and key not in self.names

    def hint(self, text: str) -> str:
        return suggest(slugify(text) or text, self.ids, self.label).replace(repr(slugify(text) or text), repr(text), 1)


def vocabularies(c: Catalogue) -> dict[str, Vocabulary]:
    t = c.taxonomy

    def terms(name: str, label: str) -> Vocabulary:
        items = getattr(t, name)
        return Vocabulary(label, [x.id for x in items], {x.label: x.id for x in items}, SYNONYMS.get(name))

    municipality_names: dict[str, str] = {}
    for mu in c.municipalities.values():
        municipality_names[mu.name] = mu.id
        for other in mu.also_known_as:
            municipality_names[other] = mu.id
        for former in mu.former:
            municipality_names[former.name] = former.id
    return {
        "themes": terms("themes", "a theme"),
        "forms": terms("forms", "a form"),
        "instruments": terms("instruments", "an instrument"),
        "scales": terms("scales", "a scale"),
        "statuses": terms("statuses", "a status"),
        "kinds": terms("kinds", "a kind"),
        "quirks": terms("quirks", "a known quirk"),
        "regions": Vocabulary("a region", sorted(c.regions), {e.item.name: rid for rid, e in c.regions.items()}),
        "insurers": Vocabulary("an insurer", sorted(c.insurers), {i.name: iid for iid, i in c.insurers.items()}),
        "municipalities": Vocabulary("a municipality", sorted(c.current_municipality), municipality_names),
        "sources": Vocabulary("a source document", sorted(c.sources),
                              {e.item.title: sid for sid, e in c.sources.items()}),
    }


# --- one row -> project data --------------------------------------------------------------------------------------
class RowReader:
    """Turns the cells of one row into project data; problems name the column."""

    def __init__(self, row: Row, vocab: dict[str, Vocabulary], plan: ImportPlan):
        self.row, self.vocab, self.plan = row, vocab, plan
        self.data: dict[str, Any] = {}
        self.as_printed: dict[str, str] = {}
        self.ok = True

    def column(self, name: str) -> str:
        return self.row.headers.get(name, name)

    def error(self, name: str, message: str) -> None:
        self.ok = False
        self.plan.reported.setdefault(self.row.number, set()).add(name)
        self.plan.problem(self.row.number, self.column(name), message)

    def dutch(self, name: str) -> bool:
        """Whether the value came from a column of the 2017 inventory's layout (free text, as printed there)."""
        return _normal_header(self.row.headers.get(name, "")) in DUTCH_COLUMNS

    def literal(self, name: str, text: str) -> None:
        """Keep what an inventory cell said where we normalised it (the `as_printed` convention of the content)."""
        if self.dutch(name):
            self.as_printed[name] = text

    def one(self, name: str, vocabulary: str, text: str) -> str | None:
        found = self.vocab[vocabulary].resolve(text)
        if found is None:
            self.error(name, self.vocab[vocabulary].hint(text))
        elif self.vocab[vocabulary].is_synonym(text):
            self.literal(name, text)
        return found

    def many(self, name: str, vocabulary: str, text: str) -> list[str]:
        out = []
        for part in self.parts(text, vocabulary):
            found = self.one(name, vocabulary, part)
            if found and found not in out:
                out.append(found)
        return out

    def parts(self, text: str, vocabulary: str | None = None) -> list[str]:
        """Split a list cell: '; ' and line breaks always; ',', '/' or ' en ' where that gives known values only."""
        items = split_list(text.replace("\n", ";"))
        if vocabulary is None:
            return items
        resolve = self.vocab[vocabulary].resolve
        out = []
        for item in items:
            for separator in (None, r",", r"/", r"\ben\b"):
                pieces = [item] if separator is None else [p.strip() for p in re.split(separator, item) if p.strip()]
                if all(resolve(p) for p in pieces):
                    out.extend(pieces)
                    break
            else:
                out.append(item)
        return out

    def loose(self, name: str) -> bool:
        """Whether a list may be separated by commas too (typed text), not only by '; ' (the export)."""
        return self.row.free_text or self.dutch(name)

    def read(self) -> dict[str, Any]:
        cells = self.row.cells
        for name, text in cells.items():
            if not text or name in IMPORT_ONLY:
                continue
            if text == "?" and self.dutch(name):
                self.as_printed[name] = "?"
                continue
            handler: Callable[[str, str], None] = getattr(self, f"field_{name}", self.field_text)
            handler(name, text)
        if self.as_printed and "as_printed" not in self.data:
            self.data["as_printed"] = dict(sorted(self.as_printed.items()))
        return self.data

    # free text
    def field_text(self, name: str, text: str) -> None:
        self.data[name] = text

    def field_partners(self, name: str, text: str) -> None:
        if self.loose(name):
            self.data[name] = [p[:1].upper() + p[1:] for p in _split_outside_brackets(text)]
        else:
            self.data[name] = split_list(text)

    def field_text_list(self, name: str, text: str) -> None:
        self.data[name] = self.data.get(name, []) + split_list(text)  # themes_other may come from themes too

    field_themes_other = field_goals = field_results = field_aliases = field_distinct_from = field_text_list

    # vocabularies
    def field_kind(self, name: str, text: str) -> None:
        self.data[name] = self.one(name, "kinds", text)

    def field_status(self, name: str, text: str) -> None:
        self.data[name] = self.one(name, "statuses", text)

    def field_scale(self, name: str, text: str) -> None:
        self.data[name] = self.one(name, "scales", text)

    def field_regions(self, name: str, text: str) -> None:
        self.data[name] = self.many(name, "regions", text)

    def field_insurers(self, name: str, text: str) -> None:
        self.data[name] = self.many(name, "insurers", text)

    def field_instruments(self, name: str, text: str) -> None:
        self.data[name] = self.many(name, "instruments", text)

    def field_quirks(self, name: str, text: str) -> None:
        self.data[name] = self.many(name, "quirks", text)

    def field_themes(self, name: str, text: str) -> None:
        themes, other = [], []
        for part in self.parts(text, "themes"):
            match = OTHER_THEME.match(part)
            if self.vocab["themes"].resolve(part) is None and match and match.group(1):
                inner = match.group(1).strip()
                found = self.vocab["themes"].resolve(inner)
                if found:
                    themes.append(found)
                else:
                    other.append(inner[:1].upper() + inner[1:])
                self.literal(name, text)
                continue
            found = self.one(name, "themes", part)
            if found:
                themes.append(found)
        self.data[name] = list(dict.fromkeys(themes))
        if other:
            self.data["themes_other"] = self.data.get("themes_other", []) + other

    def field_municipalities(self, name: str, text: str) -> None:
        if WHOLE_REGION.match(text):
            self.data["whole_region"] = True
            self.literal(name, text)
            return
        self.data[name] = self.many(name, "municipalities", text)

    def field_whole_region(self, name: str, text: str) -> None:
        value = parse_bool(text)
        if value is None:
            self.error(name, f"{text!r} is not ja or nee")
        self.data[name] = bool(value)

    def field_form(self, name: str, text: str) -> None:
        if text.startswith("{"):
            value = self.json(name, text, dict)
            if value is not None:
                self.data[name] = value
            return
        if ":" not in text:
            self.data[name] = self.one(name, "forms", text)
            return
        form: dict[str, str] = {}
        for part in split_list(text):
            who, _, what = part.partition(":")
            key = REST if slugify(who) in {REST, "overige-gemeenten", "rest"} else self.one(name, "municipalities", who.strip())
            value = self.one(name, "forms", what.strip())
            if key and value:
                form[key] = value
        self.data[name] = form
        self.literal(name, text)

    def field_period(self, name: str, text: str) -> None:
        if text.startswith("{"):
            value = self.json(name, text, dict)
            if value is not None:
                self.data[name] = value
            return
        match = YEARS.match(text)
        if not match or not (match.group(1) or match.group(2)):
            self.error(name, f"{text!r} is not a period; write e.g. 2016-2018, 2016- or 2016")
            return
        start, end = match.group(1), match.group(2)
        single = start and not end and not re.search(r"[-–—]|t/m|tot", text)
        self.data[name] = {k: int(v) for k, v in (("start", start), ("end", start if single else end)) if v}

    def field_targets(self, name: str, text: str) -> None:
        value = self.json(name, text, list)
        if value is not None:
            self.data[name] = value

    def field_as_printed(self, name: str, text: str) -> None:
        value = self.json(name, text, dict)
        if value is not None:
            self.data[name] = value

    def field_links(self, name: str, text: str) -> None:
        if text.startswith("["):
            value = self.json(name, text, list)
            if value is not None:
                self.data[name] = value
            return
        self.data[name] = [{"title": re.sub(r"^https?://(www\.)?", "", url).split("/")[0], "url": url}
                           for url in split_list(text)]

    def field_sources(self, name: str, text: str) -> None:
        if text.startswith("["):
            value = self.json(name, text, list)
            if value is not None:
                self.data[name] = value
            return
        self.data[name] = [ref for ref in (self.source_ref(name, part, None) for part in split_list(text)) if ref]

    def source_ref(self, name: str, text: str, page: str | None) -> dict[str, Any] | None:
        match = PAGE.match(text)
        if match and page is None:
            text, page = match.group(1).strip(), match.group(2)
        document = self.one(name, "sources", text)
        if document is None:
            return None
        ref: dict[str, Any] = {"document": document}
        if page:
            if not page.isdigit():
                self.error("page", f"{page!r} is not a page number")
                return None
            ref["page"] = int(page)
        return ref

    def field_added(self, name: str, text: str) -> None:
        self.data[name] = _iso(text)

    field_updated = field_verified = field_added

    def field_reference_date(self, name: str, text: str) -> None:
        self.data[name] = text.split("T")[0]

    def json(self, name: str, text: str, kind: type) -> Any:
        try:
            value = json.loads(text)
        except ValueError as exc:
            self.error(name, f"not valid JSON ({exc.msg} at character {exc.pos + 1})")
            return None
        if not isinstance(value, kind):
            self.error(name, f"expected a JSON {'list' if kind is list else 'object'}")
            return None
        return value


def _iso(text: str) -> str:
    match = DUTCH_DATE.match(text)
    if match:
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text.split("T")[0].split(" ")[0]


def _split_outside_brackets(text: str) -> list[str]:
    """'A, B (x, y); C' -> ['A', 'B (x, y)', 'C']: commas inside brackets belong to the name."""
    parts, depth, current = [], 0, ""
    for char in text.replace("\n", ";"):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char in ",;" and depth <= 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def first_sentence(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """The first sentence of a description as a summary, cut at a word (with '…') when it is too long."""
    plain = " ".join(re.sub(r"[*_`#>\[\]]", "", text).split())
    match = re.search(r"^(.+?[.!?])(?:\s|$)", plain)
    sentence = match.group(1) if match else plain
    if len(sentence) <= limit:
        return sentence
    return sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


# --- the whole file ----------------------------------------------------------------------------------------------
def complete(reader: RowReader, c: Catalogue, defaults: Defaults) -> None:
    """Fill in what the row does not say, by the rules in the module docstring."""
    data, cells = reader.data, reader.row.cells
    if "sources" not in data and not cells.get("sources"):
        document = cells.get("source") or defaults.source
        page = cells.get("page") or (str(defaults.page) if defaults.page and not cells.get("source") else None)
        if document:
            ref = reader.source_ref("source" if cells.get("source") else "sources", document, page)
            if ref:
                data["sources"] = [ref]
        else:
            reader.error("sources", "no source: add a 'Bron' (and 'Pagina') column or use --source DOC --page N")
    if "summary" not in data:
        if data.get("description"):
            data["summary"] = first_sentence(data["description"])
        else:
            reader.error("summary", "empty, and there is no description to take the first sentence from")
    if "reference_date" not in data:
        if defaults.reference_date:
            data["reference_date"] = defaults.reference_date
        elif data.get("sources") and data["sources"][0].get("document") in c.sources:
            data["reference_date"] = c.sources[data["sources"][0]["document"]].item.date
    today = (defaults.date or dt.date.today()).isoformat()
    data.setdefault("added", today)
    data.setdefault("updated", data["added"])


def project_id(data: dict[str, Any]) -> str:
    base = slugify(str(data.get("title", "")), max_length=TITLE_ID_LENGTH)
    region = (data.get("regions") or [""])[0]
    if region and not base.endswith(region):
        base = f"{base}-{region}" if base else region
    return base


def plan_import(path: Path, content: Path, defaults: Defaults = Defaults(), shown: str | None = None) -> ImportPlan:
    """Everything an import of `path` would write, or the problems that stop it; nothing is written here."""
    plan = ImportPlan(shown or str(path))
    catalogue = load_for_import(plan, content)
    if catalogue is None:
        return plan
    try:
        table = read_table(path)
    except UnreadableFile as exc:
        plan.problem(None, None, str(exc))
        return plan
    return plan_rows(plan, rows_of(table, plan), catalogue, content, defaults)


def load_for_import(plan: ImportPlan, content: Path) -> Catalogue | None:
    diagnostics = Diagnostics()
    catalogue = load_catalogue(content, diagnostics)
    if catalogue is None:
        plan.problems += [d.format() for d in diagnostics.sorted()]
        plan.problems.append(f"{plan.source}: the content has errors of its own; fix them first (catalogus check)")
    return catalogue


def plan_rows(plan: ImportPlan, rows: list[Row], catalogue: Catalogue, content: Path, defaults: Defaults) -> ImportPlan:
    vocab = vocabularies(catalogue)
    seen: dict[str, int] = {}
    same_name: dict[str, list[str]] = {}  # id from the title -> ids given to rows with that title
    for row in rows:
        reader = RowReader(row, vocab, plan)
        data = reader.read()
        complete(reader, catalogue, defaults)
        if row.cells.get("id"):
            pid = row.cells["id"]
            if not ID_PATTERN.match(pid):
                reader.error("id", f"{pid!r} is not a valid id: use lowercase letters, digits and single hyphens")
                continue
            if pid in seen:
                reader.error("id", f"{pid!r} is also the id of row {seen[pid]}")
                continue
        else:
            base = project_id(data)
            if not data.get("title"):
                reader.error("title", "required: every project needs a name")
                continue
            pid, n = base, 2
            while pid in seen:
                pid, n = f"{base}-{n}", n + 1
            if pid != base:
                # the sheet lists the same name twice in one region as separate rows: keep them apart on purpose
                data["distinct_from"] = sorted(set(data.get("distinct_from", [])) | set(same_name.get(base, [])))
            same_name.setdefault(base, []).append(pid)
        seen[pid] = row.number
        relative = f"projects/{pid}.yml"
        plan.rows[relative] = row.number
        plan.id_columns[relative] = row.headers.get("id" if row.cells.get("id") else "title", "title")
        plan.files[relative] = project_yaml(data)
    _validate(plan, content, rows)
    _compare_with_existing(plan, content)
    return plan


def _validate(plan: ImportPlan, content: Path, rows: list[Row]) -> None:
    """The normal catalogue checks on the content as it would be after the import."""
    headers = {row.number: row.headers for row in rows}
    with tempfile.TemporaryDirectory(prefix="catalogus-import-") as temporary:
        trial = Path(temporary) / "content"
        shutil.copytree(content, trial)
        for relative, text in plan.files.items():
            (trial / relative).parent.mkdir(parents=True, exist_ok=True)
            (trial / relative).write_text(text, encoding="utf-8")
        diagnostics = Diagnostics()
        load_catalogue(trial, diagnostics)
        for d in diagnostics.sorted():
            relative = d.path.relative_to(trial).as_posix() if d.path.is_relative_to(trial) else None
            if relative in plan.rows:
                row = plan.rows[relative]
                name = re.split(r"[.\[]", d.field)[0] if d.field else ""
                if _follows_from(name, plan.reported.get(row, set())):
                    continue
                column = _column_of(d.field, name, headers.get(row, {}))
                plan.problem(row, column, d.message)
            else:
                shown = (content / relative).as_posix() if relative else d.path.as_posix()
                plan.problems.append(d.format().replace(d.path.as_posix(), shown, 1))


def _column_of(field_path: str, name: str, headers: dict[str, str]) -> str | None:
    """The column a validation message is about; sources made from 'Bron'/'Pagina' point at those columns."""
    if name in headers:
        return headers[name]
    if name == "sources":
        if field_path.endswith(".page") and "page" in headers:
            return headers["page"]
        if "source" in headers:
            return headers["source"]
    return name or None


def _follows_from(name: str, reported: set[str]) -> bool:
    """A validation message that only repeats a problem already reported for the row (e.g. no sources, hence
    no reference date) is left out."""
    if name in reported:
        return True
    return name in {"sources", "reference_date"} and bool(reported & {"source", "sources", "page"})


def _compare_with_existing(plan: ImportPlan, content: Path) -> None:
    """New, unchanged (the same project, however it is formatted) or a conflict with an editor's file."""
    files_plan = plan_files(content, plan.files)
    plan.new = files_plan.new
    for relative in files_plan.unchanged + files_plan.conflicts:
        if relative in files_plan.unchanged or _same_project(content / relative, plan.files[relative]):
            plan.unchanged.append(relative)
        else:
            plan.conflicts.append(relative)


def _same_project(path: Path, text: str) -> bool:
    from .sources import parse_yaml

    diagnostics = Diagnostics()
    existing = read_yaml_file(path, diagnostics)
    parsed = parse_yaml(text, path, diagnostics)
    if existing is None or parsed is None or not isinstance(existing.data, dict):
        return False
    try:
        return m.Project.model_validate(existing.data) == m.Project.model_validate(parsed[0])
    except Exception:  # an invalid existing file is never "the same"
        return False


def write_import(plan: ImportPlan, content: Path, overwrite: bool = False) -> list[str]:
    """Write the new (and, with `overwrite`, the conflicting) files; returns what was written."""
    if plan.problems or (plan.conflicts and not overwrite):
        return []
    files = {rel: plan.files[rel] for rel in plan.new + (plan.conflicts if overwrite else [])}
    write_files(content, files, overwrite=overwrite)
    return sorted(files)
