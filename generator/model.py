"""Model: the typed, frozen content model that editors write.

In:  the plain data of one parsed file (a `sources.Document`).
Out: a frozen pydantic object, or diagnostics naming file, line and field.

    >>> project = parse_project(document, diagnostics)
    >>> project.title, project.themes

Only the shape is checked here (types, required fields, unknown keys, patterns);
whether a theme or region exists is the catalogue's job, because it needs the
other files. Field descriptions are Dutch: they are the editors' documentation
and end up in the JSON Schema that editors' IDEs use.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from .diagnostics import Diagnostics, field_path, line_of, suggest
from .sources import Document

Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", description="Id: kleine letters, cijfers en streepjes")]
Text = Annotated[str, Field(min_length=1, max_length=20_000)]
ShortText = Annotated[str, Field(min_length=1, max_length=400)]
FIRST_DATE, LAST_DATE = dt.date(1990, 1, 1), dt.date(2100, 12, 31)  # the same span as Year
Year = Annotated[int, Field(ge=1990, le=2100, description="Jaartal, bijvoorbeeld 2019")]


def _real_date(value: str) -> str:
    """'2017-02-30' has the right form but no such day exists."""
    parts = [int(x) for x in value.split("-")]
    if len(parts) == 3:
        try:
            dt.date(*parts)
        except ValueError:
            raise ValueError(f"{value!r} is not a real date (no such day in that month)") from None
    return value


ReferenceDate = Annotated[
    str,
    Field(
        pattern=r"^(19|20)\d\d(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$",
        description="Peildatum van de feiten: 'JJJJ', 'JJJJ-MM' of 'JJJJ-MM-DD' (de inventarisatie: '2017')",
    ),
    AfterValidator(_real_date),
]


class Strict(BaseModel):
    # allow_inf_nan=False: YAML's .nan and .inf are floats, but JSON has no such numbers (/data/ would break).
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False)


class SourceRef(Strict):
    """Waar een feit vandaan komt: brondocument en gedrukte paginanummer."""

    document: Id = Field(description="Id van het brondocument (bestandsnaam in content/sources/)")
    page: int | None = Field(default=None, ge=1, le=2000, description="Gedrukt paginanummer")
    note: ShortText | None = Field(default=None, description="Welke feiten van deze pagina komen")


class Period(Strict):
    """Looptijd, alleen wat de bron noemt."""

    start: Year | None = Field(default=None, description="Startjaar")
    end: Year | None = Field(default=None, description="(Verwacht) eindjaar")


class Target(Strict):
    """Een streefwaarde, met getal als de bron dat geeft."""

    description: ShortText = Field(description="Wat er gemeten wordt")
    value: float | int | None = Field(default=None, description="Het getal")
    unit: ShortText | None = Field(default=None, description="Eenheid, bijvoorbeeld 'deelnemers'")
    year: Year | None = Field(default=None, description="Jaar waarop de streefwaarde slaat")


class Link(Strict):
    title: ShortText = Field(description="Tekst van de link")
    url: Annotated[str, Field(pattern=r"^https?://[^\s<>\"]+$", max_length=2000)] = Field(
        description="Volledig webadres, beginnend met https:// of http://"
    )


class Project(Strict):
    """Eén samenwerkingsproject, programma, speerpunt of praktijkvoorbeeld."""

    title: ShortText = Field(description="Naam zoals de bron die drukt")
    kind: Id = Field(default="project", description="Soort: project, programma, speerpunt of praktijkvoorbeeld")
    summary: Annotated[str, Field(min_length=1, max_length=300)] = Field(
        description="Eén zin in eigen woorden; voor lijsten, zoeken en linkvoorbeelden"
    )
    description: Text | None = Field(default=None, description="Beschrijving in eigen woorden (Markdown)")
    regions: list[Id] = Field(min_length=1, description="Wmo-regio's (ids)")
    municipalities: list[Id] = Field(default_factory=list, description="Deelnemende gemeenten (ids, ook voormalige namen)")
    whole_region: bool = Field(default=False, description="true als alle gemeenten van de regio('s) meedoen")
    insurers: list[Id] = Field(default_factory=list, description="Zorgverzekeraars (ids)")
    partners: list[ShortText] = Field(default_factory=list, description="Overige partijen")
    themes: list[Id] = Field(default_factory=list, description="Thema's (ids uit taxonomy.yml)")
    themes_other: list[ShortText] = Field(default_factory=list, description="Vrije thema's uit de bron ('Anders, nl …')")
    topics: list[Id] = Field(
        default_factory=list,
        description="Onderwerpen (ids uit taxonomy.yml): de eigen indeling van de catalogus, los van de thema's van "
                    "de bron; alleen een onderwerp dat de tekst van het project zelf noemt (of een synoniem daarvan)",
    )
    form: Id | dict[str, Id] | None = Field(
        default=None,
        description="Samenwerkingsvorm: één id, of per gemeente {gemeente-id: vorm, overige: vorm}",
    )
    instruments: list[Id] = Field(default_factory=list, description="Instrumenten (ids)")
    scale: Id | None = Field(default=None, description="Geografische schaal (id)")
    status: Id = Field(default="onbekend", description="Status op de peildatum (id)")
    period: Period | None = Field(default=None, description="Looptijd: startjaar en (verwacht) eindjaar, alleen wat de bron noemt")
    goals: list[Text] = Field(default_factory=list, description="Doelen")
    targets: list[Target] = Field(default_factory=list, description="Streefwaarden")
    results: list[Text] = Field(default_factory=list, description="Resultaten")
    funding: Text | None = Field(default=None, description="Financiering")
    links: list[Link] = Field(default_factory=list, description="Links naar meer informatie")
    as_printed: dict[str, str] = Field(
        default_factory=dict,
        description="Letterlijke bronwaarde waar wij normaliseerden of de bron '?' zegt: veld -> tekst",
    )
    quirks: list[Id] = Field(default_factory=list, description="Bijzonderheden van de bron (ids)")
    notes: Text | None = Field(default=None, description="Toelichting bij de bron voor de lezer")
    sources: list[SourceRef] = Field(min_length=1, description="Bronnen: document en pagina")
    reference_date: ReferenceDate
    added: dt.date = Field(description="Datum van opname in de catalogus (JJJJ-MM-DD)")
    updated: dt.date = Field(description="Datum van de laatste inhoudelijke wijziging (JJJJ-MM-DD)")
    verified: dt.date | None = Field(default=None, description="Datum waarop de gegevens voor het laatst zijn gecontroleerd")
    aliases: list[Id] = Field(default_factory=list, description="Vroegere ids; oude links verwijzen door")
    distinct_from: list[Id] = Field(
        default_factory=list,
        description="Ids van projecten met dezelfde naam in dezelfde regio of gemeente die bewust apart staan "
                    "(bijvoorbeeld twee rijen in de bron); zonder deze vermelding is dat een fout (dubbel ingevoerd)",
    )

    @field_validator("added", "updated", "verified", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        # A number would be read as seconds since 1970 ('added: 0' is 1 January 1970): only the written form.
        if isinstance(value, (int, float)) and not isinstance(value, bool) or (
                isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
            raise ValueError("use the form YYYY-MM-DD, e.g. 2024-03-01")
        if isinstance(value, (str, dt.date)):
            written = _real_date(value) if isinstance(value, str) else value.isoformat()
            if not FIRST_DATE.isoformat() <= written <= LAST_DATE.isoformat():
                raise ValueError(f"{value!r} is out of range: the catalogue holds dates from "
                                 f"{FIRST_DATE.year} to {LAST_DATE.year}")
        return value


class Region(Strict):
    """Een Wmo-regio zoals de inventarisatie 2017 die beschrijft."""

    name: ShortText = Field(description="Naam van de regio")
    municipalities: list[Id] = Field(min_length=1, description="Alle gemeenten (ids, namen van de peildatum)")
    associated: list[Id] = Field(
        default_factory=list,
        description="Gemeenten van een andere regio die de bron ook bij deze regio noemt (bijvoorbeeld voor enkele "
                    "thema's); hun projecten mogen deze regio noemen, op de kaart horen zij bij hun eigen regio")
    insurers: list[Id] = Field(default_factory=list, description="Actieve zorgverzekeraars (ids)")
    agendas: list[Id] = Field(default_factory=list, description="Regionale agenda's (ids van brondocumenten)")
    description: Text | None = Field(default=None, description="Korte typering in eigen woorden")
    notes: Text | None = None
    sources: list[SourceRef] = Field(min_length=1)
    reference_date: ReferenceDate


class SourceDocument(Strict):
    """Een brondocument: inventarisatie, agenda, programma of handreiking."""

    title: ShortText
    kind: Literal["inventarisatie", "agenda", "programma", "handreiking"]
    date: ReferenceDate
    parties: list[ShortText] = Field(default_factory=list)
    summary: Annotated[str, Field(min_length=1, max_length=300)]
    description: Text | None = None
    file: ShortText | None = Field(default=None, description="Bestandsnaam van de tekstversie in de bronnenmap")
    pages: int | None = Field(default=None, ge=1)
    regions: list[Id] = Field(default_factory=list)
    notes: Text | None = None


class Term(Strict):
    id: Id
    label: ShortText
    description: Text
    origin: ShortText | None = Field(default=None, description="Waar de term vandaan komt")


class TopicTerm(Term):
    """Een onderwerp: de eigen, concrete indeling van de catalogus (schulden, dementie, EPA …)."""

    synonyms: list[ShortText] = Field(
        default_factory=list,
        description="Woorden en afkortingen die hetzelfde betekenen; de zoeker vindt het onderwerp ook daarop, "
                    "en een project met dit onderwerp noemt het onderwerp of een van deze woorden",
    )


class FormTerm(Term):
    intensity_municipality: Annotated[str, Field(pattern=r"^\+{1,3}$")]
    intensity_insurer: Annotated[str, Field(pattern=r"^\+{1,3}$")]


class Taxonomy(Strict):
    """De woordenlijsten. Ids zijn stabiel; labels en uitleg mogen veranderen."""

    themes: list[Term] = Field(min_length=1)
    forms: list[FormTerm] = Field(min_length=1)
    instruments: list[Term] = Field(min_length=1)
    scales: list[Term] = Field(min_length=1)
    statuses: list[Term] = Field(min_length=1)
    kinds: list[Term] = Field(min_length=1)
    quirks: list[Term] = Field(min_length=1)
    topics: list[TopicTerm] = Field(default_factory=list, description="Onderwerpen: de eigen indeling van de catalogus")
    sources: list[SourceRef] = Field(default_factory=list)


class Insurer(Strict):
    id: Id
    name: ShortText
    description: Text | None = None
    website: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None


class InsurerRegister(Strict):
    insurers: list[Insurer] = Field(min_length=1)


CbsCode = Annotated[str, Field(pattern=r"^GM\d{4}$", description="CBS-gemeentecode, bijvoorbeeld GM0363")]


class FormerName(Strict):
    id: Id
    name: ShortText
    year: Year = Field(description="Jaar waarin de gemeente opging in de huidige")
    code: CbsCode | None = Field(
        default=None, description="CBS-code van 2017 (leeg als de gemeente al vóór 2017 was opgeheven)")
    region: Id | None = Field(
        default=None, description="Eigen Wmo-regio in 2017, als die afwijkt van de regio van de opvolger")
    also_into: list[Id] = Field(
        default_factory=list,
        description="Andere huidige gemeenten waarin een deel van deze gemeente opging (bij een opsplitsing)")


class Municipality(Strict):
    id: Id
    name: ShortText = Field(description="Huidige officiële naam")
    code: CbsCode = Field(description="Huidige CBS-gemeentecode")
    founded: Year | None = Field(
        default=None, description="Jaar waarin de gemeente ontstond, alleen als dat na 2017 was (dan geen eigen kaart van 2017)")
    region: Id = Field(description="Wmo-regio (id) van de inventarisatie 2017")
    also_known_as: list[ShortText] = Field(default_factory=list, description="Gangbare andere namen, zoals Den Haag")
    former: list[FormerName] = Field(default_factory=list, description="Voormalige gemeenten die hierin opgingen")


class MunicipalityRegister(Strict):
    municipalities: list[Municipality] = Field(min_length=1)
    sources: list[SourceRef] = Field(default_factory=list)


class GuidePage(Strict):
    title: ShortText
    summary: Annotated[str, Field(min_length=1, max_length=300)]
    sources: list[SourceRef] = Field(min_length=1)


M = TypeVar("M", bound=BaseModel)


def parse(model: type[M], document: Document, diagnostics: Diagnostics) -> M | None:
    """Validate one document against `model`; every problem becomes a diagnostic."""
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        tree = document.tree()
        for error in exc.errors(include_url=False):
            loc = list(error["loc"])
            # pydantic adds the tried union member (e.g. 'str', 'dict[str,str]') to loc; editors never wrote those
            loc = [part for part in loc if not (isinstance(part, str) and ("[" in part or part in _UNION_TAGS))]
            line = line_of(tree, loc) + document.line_offset
            diagnostics.error(document.path, line, field_path(loc), _message(model, error, loc))
        return None


_UNION_TAGS = {"str", "int", "float", "bool", "none", "list", "dict", "function-after", "constrained-str"}

_TYPE_NAMES = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "float_type": "expected a number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list (- item, or [a, b])",
    "dict_type": "expected a mapping (key: value)",
    "model_type": "expected a mapping (key: value)",
    "date_type": "expected a date YYYY-MM-DD",
    "date_from_datetime_parsing": "expected a date YYYY-MM-DD",
}
_NOT_FINITE = {"nan": ".nan (not a number)", "inf": ".inf (infinity)", "-inf": "-.inf (minus infinity)"}


def _message(model: type[BaseModel], error: dict[str, Any], loc: list[Any]) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        return suggest(str(loc[-1]), allowed, "a known field").replace(" is not a known field", ": unknown field")
    if kind == "missing":
        return "required field is missing"
    if kind == "finite_number":
        return f"expected a number, got {_NOT_FINITE.get(str(value), repr(value))}"
    if kind in _TYPE_NAMES:
        return f"{_TYPE_NAMES[kind]}, got {_describe(value)}"
    if kind == "string_pattern_mismatch":
        return f"{value!r} has the wrong form: {_pattern_hint(loc)}"
    if kind == "too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"text is too long ({len(value)} characters; at most {error['ctx']['max_length']})"
    if kind in {"greater_than_equal", "less_than_equal"}:
        return f"{value!r} is out of range ({error['msg'].lower()})"
    if kind == "literal_error":
        return f"{value!r} is not allowed; allowed: {error['ctx']['expected']}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no words are booleans in YAML; quote text)"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    return f"{value!r}"


def _pattern_hint(loc: list[Any]) -> str:
    name = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if name in {"reference_date", "date"}:
        return "use 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'"
    if name == "url":
        return "use a full address starting with https://"
    if name in {"intensity_municipality", "intensity_insurer"}:
        return "use +, ++ or +++"
    if name == "code":
        return "use GM and four digits, the CBS municipality code, e.g. 'GM0363'"
    return "use lowercase letters, digits and single hyphens, e.g. 'oost-gelre'"


def _allowed_fields(model: type[BaseModel], loc: list[Any]) -> list[str]:
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        current = _inner_model(info.annotation) if info else None
    return list(current.model_fields) if current else []


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema()
