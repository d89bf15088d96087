"""Mapping a row onto the model: the cells of one spreadsheet row (or issue form) -> project data.

In:  a `Row` and the catalogue's vocabularies. Out: a dict of project fields (as the YAML would hold them);
     problems go to the `ImportPlan`, naming the column.

Free text is mapped onto the vocabularies by id, label or name (municipalities also by former and other names),
with a suggestion for near misses; `complete` fills in what the row does not say (see importer.py).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Callable

from ..catalogue import REST, Catalogue
from ..cells import parse_bool, split_list
from ..diagnostics import suggest
from ..slugs import slugify
from .plan import Defaults, ImportPlan
from .sheet import DUTCH_COLUMNS, IMPORT_ONLY, Row, normal_header

TITLE_ID_LENGTH = 60
SUMMARY_LENGTH = 300

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
        "topics": terms("topics", "a topic"),
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
        return normal_header(self.row.headers.get(name, "")) in DUTCH_COLUMNS

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

    def field_topics(self, name: str, text: str) -> None:
        self.data[name] = self.many(name, "topics", text)

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
