"""Diagnostics: what went wrong, where, in words an editor can act on.

Every stage appends to one `Diagnostics` collection instead of raising, so a
run reports all problems at once:

    >>> d = Diagnostics()
    >>> d.error(Path("content/projects/x.yml"), 12, "themes[1]", "'ouderzorg' is not a theme")
    >>> print(d.render(root=Path(".")))
    content/projects/x.yml:12: themes[1]: 'ouderzorg' is not a theme

`render(github=True)` adds `::error file=…,line=…::…` lines so GitHub Actions
shows each error on the offending line of a pull request.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from yaml.nodes import MappingNode, Node, SequenceNode


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: Path
    line: int
    field: str
    message: str

    def format(self, root: Path | None = None) -> str:
        shown = _relative(self.path, root)
        where = f"{shown}:{self.line}" if self.line else shown
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    def github(self, root: Path | None = None) -> str:
        text = self.format(root).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        line = f",line={self.line}" if self.line else ""
        return f"::error file={_relative(self.path, root)}{line}::{text}"


@dataclass
class Diagnostics:
    items: list[Diagnostic] = field(default_factory=list)

    def error(self, path: Path, line: int, field_path: str, message: str) -> None:
        self.items.append(Diagnostic(path, line, field_path, message))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items), key=lambda d: (str(d.path), d.line, d.field, d.message))

    def render(self, root: Path | None = None, github: bool = False) -> str:
        lines = [d.format(root) for d in self.sorted()]
        if github:
            lines += [d.github(root) for d in self.sorted()]
        return "\n".join(lines)


def _relative(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            # the folder resolved, not the file: a symbolic link is shown where it is, not where it leads
            return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def field_path(parts: Iterable[str | int]) -> str:
    """('themes', 1, 'id') -> 'themes[1].id'."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def line_of(node: Node | None, parts: Iterable[str | int]) -> int:
    """The 1-based line of the deepest node on `parts` that exists in the YAML tree.

    A missing field points at its parent mapping, which is where it belongs.
    """
    if node is None:
        return 1
    line = node.start_mark.line + 1
    for part in parts:
        child = None
        if isinstance(node, MappingNode) and isinstance(part, str):
            for key, value in node.value:
                if key.value == part:
                    child = value
                    line = key.start_mark.line + 1
                    break
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def suggest(value: str, allowed: Iterable[str], label: str) -> str:
    """"'ouderzorg' is not a theme; did you mean 'ouderen'?" or the allowed list."""
    allowed = sorted(allowed)
    if not allowed:
        return f"{value!r} is not {label} (there are none)"
    # Typos rarely hit the first letter; requiring it keeps far-fetched suggestions ('lochem' -> 'gorinchem') out.
    close = [c for c in difflib.get_close_matches(value, allowed, n=5, cutoff=0.6) if c[:1] == value[:1]]
    if close:
        return f"{value!r} is not {label}; did you mean {close[0]!r}?"
    if len(allowed) <= 15:
        return f"{value!r} is not {label}; allowed: {', '.join(allowed)}"
    return f"{value!r} is not {label}"
