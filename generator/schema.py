"""JSON Schema of every content file kind, generated from the content model.

    python -m generator schema        # writes schema/*.schema.json

Editors' IDEs pick these up through the `# yaml-language-server: $schema=…` comment at the top of content files;
`comment_for(Path("projects/x.yml"))` gives the right comment for a content file, `add_comment` puts it in place.
The vocabularies (themes, regions, …) are data, so the schema lists them as enums where they are known.
The site publishes the same files under /data/schema/.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import model as m

SCHEMA_FOLDER = "schema"  # in the repository root, beside content/

SCHEMAS: dict[str, type] = {
    "project": m.Project,
    "region": m.Region,
    "source": m.SourceDocument,
    "taxonomy": m.Taxonomy,
    "insurers": m.InsurerRegister,
    "municipalities": m.MunicipalityRegister,
}


# content file (relative to the content folder) -> schema name; collections by folder, single files by name
SCHEMA_OF_FOLDER = {"projects": "project", "regions": "region", "sources": "source"}
SCHEMA_OF_FILE = {"taxonomy.yml": "taxonomy", "insurers.yml": "insurers", "municipalities.yml": "municipalities"}
COMMENT_PREFIX = "# yaml-language-server: $schema="


def schema_name(relative: Path) -> str | None:
    """'projects/x.yml' -> 'project'; None for files that have no schema (Markdown pages, other files)."""
    if relative.suffix not in {".yml", ".yaml"}:
        return None
    if len(relative.parts) == 1:
        return SCHEMA_OF_FILE.get(relative.name)
    if len(relative.parts) == 2:
        return SCHEMA_OF_FOLDER.get(relative.parts[0])
    return None


def comment_for(relative: Path) -> str:
    """The schema comment line for a content file, with the path relative to that file (content/ is in the root)."""
    name = schema_name(relative)
    if name is None:
        raise ValueError(f"{relative.as_posix()}: no schema for this file")
    up = "../" * len(relative.parts)
    return f"{COMMENT_PREFIX}{up}{SCHEMA_FOLDER}/{name}.schema.json"


def add_comment(text: str, relative: Path) -> str:
    """`text` with the right schema comment: an existing one is corrected in place, else it becomes the first line.

    Nothing else in the file changes, so a diff shows one line per file.
    """
    wanted = comment_for(relative)
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.startswith(COMMENT_PREFIX):
            lines[index] = wanted
            return "\n".join(lines)
    return wanted + "\n" + text


def vocabularies(c) -> dict[str, list[str]]:
    """The ids a project may use, from a loaded catalogue: they become enums in the project schema."""
    out = {name: [t.id for t in getattr(c.taxonomy, name)]
           for name in ("themes", "topics", "instruments", "quirks", "kinds", "statuses")}
    out["regions"] = sorted(c.regions)
    out["insurers"] = sorted(c.insurers)
    return out


def schemas(vocabularies: dict[str, list[str]] | None = None) -> dict[str, dict[str, Any]]:
    out = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{name}.schema.json"
        if name == "project" and vocabularies:
            props = schema["properties"]
            for field, vocabulary in [("themes", "themes"), ("topics", "topics"), ("instruments", "instruments"), ("quirks", "quirks"),
                                      ("regions", "regions"), ("insurers", "insurers")]:
                if vocabularies.get(vocabulary):
                    props[field]["items"] = {"enum": vocabularies[vocabulary]}
            for field, vocabulary in [("kind", "kinds"), ("status", "statuses")]:
                if vocabularies.get(vocabulary):
                    props[field]["enum"] = vocabularies[vocabulary]
        out[name] = schema
    return out


def schema_files(vocabularies: dict[str, list[str]] | None = None) -> dict[str, str]:
    """{'project.schema.json': text, ...}: exactly what `catalogus schema` writes and the site publishes."""
    return {f"{name}.schema.json": json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            for name, schema in schemas(vocabularies).items()}


def field_guide(model: type = m.Project) -> list[dict[str, str]]:
    """Every field of a content model for editors: name, kind of value (Dutch), required or default, description.

    Read from the JSON Schema, so the editors' guide says what the checks enforce.
    """
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})
    required = set(schema.get("required", []))
    rows = []
    for name, prop in schema["properties"].items():
        target = _resolve(prop, defs)
        description = prop.get("description") or target.get("description") or ""
        if name in required:
            need = "verplicht"
        elif prop.get("default") not in (None, [], {}):
            need = f"standaard {json.dumps(prop['default'], ensure_ascii=False)}"
        else:
            need = ""
        rows.append({"field": name, "kind": _kind(prop, defs), "need": need, "description": description})
    return rows


ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _resolve(prop: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in prop:
        return defs[prop["$ref"].rsplit("/", 1)[-1]]
    for option in prop.get("anyOf", []):
        if "$ref" in option:
            return defs[option["$ref"].rsplit("/", 1)[-1]]
    return {}


def _kind(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    """A JSON Schema type in editors' words: 'lijst van ids', 'tekst (max. 300 tekens)', …"""
    if "anyOf" in prop:
        kinds = [_kind(option, defs) for option in prop["anyOf"] if option.get("type") != "null"]
        return " of ".join(dict.fromkeys(kinds))
    if "$ref" in prop:
        fields = ", ".join(_resolve(prop, defs).get("properties", {}))
        return f"{{{fields}}}"
    kind = prop.get("type")
    if kind == "array":
        inner = _kind(prop.get("items", {}), defs)
        for one, many in (("id", "ids"), ("tekst", "teksten")):
            if inner == one or inner.startswith(one + " "):
                inner = many + inner[len(one):]
                break
        return "lijst van " + inner
    if kind == "object":
        return "tabel: naam → " + _kind(prop.get("additionalProperties", {}), defs)
    if kind == "string":
        if prop.get("pattern") == ID_PATTERN:
            return "id"
        if prop.get("format") == "date":
            return "datum JJJJ-MM-DD"
        if "pattern" in prop:
            return "peildatum JJJJ, JJJJ-MM of JJJJ-MM-DD"
        if "enum" in prop:
            return "een van: " + ", ".join(prop["enum"])
        return f"tekst (max. {prop['maxLength']} tekens)" if "maxLength" in prop else "tekst"
    return {"integer": "geheel getal", "number": "getal", "boolean": "true of false"}.get(kind, "waarde")


def write_schemas(folder: Path, vocabularies: dict[str, list[str]] | None = None) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, text in schema_files(vocabularies).items():
        path = folder / filename
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path.name)
    return written
