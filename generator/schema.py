"""JSON Schema of every content file kind, generated from the content model.

    python -m generator schema        # writes schema/*.schema.json

Editors' IDEs pick these up through the `# yaml-language-server: $schema=…` comment at the top of content files.
The vocabularies (themes, regions, …) are data, so the schema lists them as enums where they are known.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import model as m

SCHEMAS: dict[str, type] = {
    "project": m.Project,
    "region": m.Region,
    "source": m.SourceDocument,
    "taxonomy": m.Taxonomy,
    "insurers": m.InsurerRegister,
    "municipalities": m.MunicipalityRegister,
}


def schemas(vocabularies: dict[str, list[str]] | None = None) -> dict[str, dict[str, Any]]:
    out = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{name}.schema.json"
        if name == "project" and vocabularies:
            props = schema["properties"]
            for field, vocabulary in [("themes", "themes"), ("instruments", "instruments"), ("quirks", "quirks"),
                                      ("regions", "regions"), ("insurers", "insurers")]:
                if vocabularies.get(vocabulary):
                    props[field]["items"] = {"enum": vocabularies[vocabulary]}
            for field, vocabulary in [("kind", "kinds"), ("status", "statuses")]:
                if vocabularies.get(vocabulary):
                    props[field]["enum"] = vocabularies[vocabulary]
        out[name] = schema
    return out


def write_schemas(folder: Path, vocabularies: dict[str, list[str]] | None = None) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas(vocabularies).items():
        path = folder / f"{name}.schema.json"
        text = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path.name)
    return written
