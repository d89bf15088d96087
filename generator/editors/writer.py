"""Writer: a project as a YAML file formatted like the hand-written content.

In:  the plain data of one project (field -> value, as the model reads it).
Out: the text of `content/projects/<id>.yml`, starting with the schema comment.

    >>> print(project_yaml({"title": "Valpreventie", "regions": ["achterhoek"], "reference_date": "2017"}))
    # yaml-language-server: $schema=../../schema/project.schema.json
    title: Valpreventie
    regions: [achterhoek]
    reference_date: '2017'

Fields come in model order; unset fields, empty lists and `false` are left out (the model's defaults), except
`kind` and `status`, which editors look for. Ids go in flow lists, free text in block lists, long or multi-line
text in a `|-` block. The text is read back and compared with the data; a value the style cannot carry exactly
falls back to PyYAML's own quoting, so the file always means what the data says.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .. import model as m
from ..schema import comment_for

ID_LISTS = {"regions", "municipalities", "insurers", "themes", "instruments", "quirks", "aliases"}
BLOCK_TEXT = {"description", "notes", "funding"}
ALWAYS = {"kind", "status"}
RELATIVE = Path("projects") / "x.yml"


def project_yaml(data: dict[str, Any]) -> str:
    fields = {}
    for name, info in m.Project.model_fields.items():
        value = data.get(name)
        if name in ALWAYS and value is None:
            value = info.default
        if name in ALWAYS or not (value is None or value is False or value == [] or value == {}):
            fields[name] = value
    head = comment_for(RELATIVE)
    text = "\n".join([head] + [_field(name, value) for name, value in fields.items()]) + "\n"
    if _reads_back(text) != fields:
        text = head + "\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10_000)
    return text


def _field(name: str, value: Any) -> str:
    if isinstance(value, str) and name in BLOCK_TEXT and _block_safe(value):
        return f"{name}: |-\n" + "\n".join(f"  {line}" if line else "" for line in value.split("\n"))
    if isinstance(value, list) and name in ID_LISTS:
        return f"{name}: [{', '.join(_scalar(v) for v in value)}]"
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value) and name in {"sources", "targets"}:
        return f"{name}:\n" + "\n".join(f"  - {_flow(v)}" for v in value)
    if isinstance(value, list):
        return f"{name}:\n" + _indent(yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000))
    if isinstance(value, dict) and name == "period":
        return f"{name}: {_flow(value)}"
    if isinstance(value, dict):
        return f"{name}:\n" + _indent(yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000))
    return f"{name}: {_scalar(value)}"


def _scalar(value: Any) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, width=10_000)
    return text.removesuffix("\n...\n").rstrip("\n")


def _flow(value: dict[str, Any]) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=True).strip()


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.rstrip("\n").split("\n"))


def _block_safe(text: str) -> bool:
    """A literal block keeps text exactly unless it starts with a space, or a line carries trailing or tab space."""
    if not text or text[0] in " \n" or text.endswith("\n"):
        return False
    return all(line == line.rstrip() and "\t" not in line and line.isprintable() for line in text.split("\n"))


def _reads_back(text: str) -> Any:
    from ..diagnostics import Diagnostics
    from ..sources import parse_yaml

    parsed = parse_yaml(text, Path("check.yml"), Diagnostics())
    return parsed[0] if parsed else None
