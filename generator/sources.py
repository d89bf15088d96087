"""Sources: find the content files and parse them, keeping line numbers.

In:  the content folder.
Out: `Document`s: the parsed data, the YAML node tree (to map a field path to
     a line) and, for Markdown pages, the body after the front matter.

    >>> docs = read_content(Path("content"), diagnostics)
    >>> docs["projects"][0].id, docs["projects"][0].data["title"]

Nothing here knows what a project is; problems with the bytes or the YAML
syntax become diagnostics (never exceptions), and such a file is skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .cache import Cache
from .diagnostics import Diagnostics

# Folder -> kind. Files whose name starts with "_" are examples, never published.
COLLECTIONS = {"projects": "projects", "regions": "regions", "sources": "sources"}
SINGLE_FILES = {"taxonomy": "taxonomy.yml", "insurers": "insurers.yml", "municipalities": "municipalities.yml"}
PAGE_FOLDERS = {"guide": "handreiking"}
MAX_BYTES = 1_000_000
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n?(.*)\Z", re.S)


@dataclass(frozen=True)
class Document:
    path: Path
    id: str
    data: Any
    node: Node | None
    body: str = ""
    line_offset: int = 0  # lines before the YAML starts (front matter)


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings, so '2017' and 2017-03 mean what editors wrote."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# libyaml's parser (when PyYAML has it) reads the same YAML about ten times faster and gives the nodes the
# same line marks; the resolver and constructor stay PyYAML's, so the data is identical. A file libyaml
# rejects is read again by the Python parser, so an editor always sees the same error message.
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):
        pass

    _FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
else:
    _FastLoader = _Loader


def parse_yaml(text: str, path: Path, diagnostics: Diagnostics, line_offset: int = 0) -> tuple[Any, Node | None] | None:
    """Parse one YAML document; None (with diagnostics) when it cannot be read."""
    if "\t" in text:
        for number, line in enumerate(text.split("\n"), start=1):
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            if "\t" in indent:
                diagnostics.error(path, number + line_offset, "", "tab character in indentation; use spaces")
                return None
    if _FastLoader is not _Loader:
        try:
            return _parse_with(_FastLoader, text, path, diagnostics, line_offset)
        except yaml.YAMLError:
            pass  # reported below by the Python parser, with its wording
    try:
        return _parse_with(_Loader, text, path, diagnostics, line_offset)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        opened = exc.context_mark.line + 1 + line_offset if exc.problem and exc.context_mark else line
        what = next((words for key, words in _CONTEXTS.items() if key in (exc.context or "")), "")
        if what and opened != line:  # the editor's mistake is usually where it opened, not where YAML noticed
            problem += f" (in the {what} that starts on line {opened})"
        diagnostics.error(path, line, "", f"YAML syntax error: {problem}")
        return None
    except yaml.YAMLError as exc:
        diagnostics.error(path, 1 + line_offset, "", f"YAML syntax error: {exc}")
        return None


def _parse_with(loader_class, text: str, path: Path, diagnostics: Diagnostics, line_offset: int):
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        problems = list(_key_problems(node))
        for key_node, message in problems:
            name = key_node.value if isinstance(key_node, ScalarNode) else ""
            diagnostics.error(path, key_node.start_mark.line + 1 + line_offset, name, message)
        if problems:
            return None
        return loader.construct_document(node), node
    finally:
        loader.dispose()


_STR = "tag:yaml.org,2002:str"
_CONTEXTS = {"flow sequence": "[ ] list", "flow mapping": "{ } mapping", "quoted scalar": "quoted text",
             "block mapping": "fields", "block collection": "list"}


def _key_problems(node: Node):
    """(key node, message) for every key that is repeated or is not plain text.

    Field names are words; a key such as `1:`, `yes:` or `? [a]` is a typo that would otherwise
    surface as a confusing type error (or crash hashing a list)."""
    if isinstance(node, MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                yield key, "a field name must be plain text, not a list or mapping"
            elif key.tag != _STR and not key.style:  # plain (libyaml says "", PyYAML None)
                yield key, "a field name must be text; quote it if it is meant to be a name"
            elif key.value in seen:
                yield key, "duplicate key; a field may appear only once"
            else:
                seen.add(key.value)
            yield from _key_problems(value)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _key_problems(item)


def read_bytes(path: Path, diagnostics: Diagnostics) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as exc:
        diagnostics.error(path, 0, "", f"cannot read file: {exc.strerror}")
        return None


def read_text(path: Path, diagnostics: Diagnostics, raw: bytes | None = None) -> str | None:
    """Read a content file as UTF-8 text (a BOM and CRLF line ends are accepted)."""
    if raw is None:
        raw = read_bytes(path, diagnostics)
        if raw is None:
            return None
    if len(raw) > MAX_BYTES:
        diagnostics.error(path, 0, "", f"file is larger than {MAX_BYTES:,} bytes; split it or shorten it")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        diagnostics.error(path, line, "", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _cached(reader):
    """Wrap a file reader: with a cache, a file whose bytes did not change gives the Document parsed before."""
    def read(path: Path, diagnostics: Diagnostics, cache: Cache | None = None) -> Document | None:
        if cache is None:
            return reader(path, diagnostics)
        raw = read_bytes(path, diagnostics)
        if raw is None:
            return None
        hit = cache.documents.get(path)
        if hit and hit[0] == raw:
            return hit[1]
        errors = len(diagnostics)
        doc = reader(path, diagnostics, raw)
        if doc is not None and len(diagnostics) == errors:
            cache.documents[path] = (raw, doc)
        else:
            cache.documents.pop(path, None)
        return doc
    read.__doc__ = reader.__doc__
    return read


@_cached
def read_yaml_file(path: Path, diagnostics: Diagnostics, raw: bytes | None = None) -> Document | None:
    text = read_text(path, diagnostics, raw)
    if text is None:
        return None
    parsed = parse_yaml(text, path, diagnostics)
    if parsed is None:
        return None
    data, node = parsed
    if data is None:
        diagnostics.error(path, 1, "", "file is empty")
        return None
    return Document(path=path, id=path.stem, data=data, node=node)


@_cached
def read_markdown_page(path: Path, diagnostics: Diagnostics, raw: bytes | None = None) -> Document | None:
    """A Markdown file with YAML front matter between '---' lines."""
    text = read_text(path, diagnostics, raw)
    if text is None:
        return None
    match = FRONT_MATTER.match(text)
    if not match:
        diagnostics.error(path, 1, "", "missing front matter: start the file with '---', the fields, '---'")
        return None
    parsed = parse_yaml(match.group(1), path, diagnostics, line_offset=1)
    if parsed is None:
        return None
    data, node = parsed
    return Document(path=path, id=path.stem, data=data, node=node, body=match.group(2), line_offset=1)


def content_files(root: Path, folder: str, suffixes: tuple[str, ...]) -> list[Path]:
    directory = root / folder
    if not directory.is_dir():
        return []
    return sorted(
        p for p in directory.iterdir()
        if p.is_file() and p.suffix in suffixes and not p.name.startswith(("_", "."))
    )


def read_content(root: Path, diagnostics: Diagnostics, cache: Cache | None = None) -> dict[str, list[Document]]:
    """Every content file under `root`, grouped by kind, sorted by file name (unchanged files from `cache`)."""
    out: dict[str, list[Document]] = {}
    for kind, folder in COLLECTIONS.items():
        docs = []
        for path in content_files(root, folder, (".yml", ".yaml")):
            if not ID_PATTERN.match(path.stem):
                diagnostics.error(
                    path, 0, "",
                    "file name is not a valid id: use lowercase letters, digits and single hyphens "
                    f"(e.g. {_slug_hint(path.stem)}.yml)",
                )
                continue
            doc = read_yaml_file(path, diagnostics, cache)
            if doc is not None:
                docs.append(doc)
        _report_same_stem(root / folder, docs, diagnostics)
        out[kind] = docs
    for kind, name in SINGLE_FILES.items():
        path = root / name
        if not path.exists():
            diagnostics.error(path, 0, "", "required file is missing")
            out[kind] = []
            continue
        doc = read_yaml_file(path, diagnostics, cache)
        out[kind] = [doc] if doc is not None else []
    for kind, folder in PAGE_FOLDERS.items():
        docs = []
        for path in content_files(root, folder, (".md",)):
            doc = read_markdown_page(path, diagnostics, cache)
            if doc is not None:
                docs.append(doc)
        out[kind] = docs
    return out


def _report_same_stem(folder: Path, docs: list[Document], diagnostics: Diagnostics) -> None:
    seen: dict[str, Path] = {}
    for doc in docs:
        if doc.id in seen:
            diagnostics.error(doc.path, 0, "", f"duplicate id {doc.id!r}: {seen[doc.id].name} has the same id")
        seen[doc.id] = doc.path


def _slug_hint(stem: str) -> str:
    from .slugs import slugify

    return slugify(stem) or "mijn-project"
