"""Sources: find the content files and parse them, keeping line numbers.

In:  the content folder.
Out: `Document`s: the parsed data, the YAML node tree (to map a field path to
     a line; a one-off build keeps the YAML text instead and parses it again
     only when a line is needed) and, for Markdown pages, the body after the
     front matter.

    >>> docs = read_content(Path("content"), diagnostics)
    >>> docs["projects"][0].id, docs["projects"][0].data["title"]

Nothing here knows what a project is; problems with the bytes or the YAML
syntax become diagnostics (never exceptions), and such a file is skipped.
"""
from __future__ import annotations

import os
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
_TOO_LARGE = f"file is larger than {MAX_BYTES:,} bytes; split it or shorten it"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n?(.*)\Z", re.S)


@dataclass(frozen=True)
class Document:
    path: Path
    id: str
    data: Any
    node: Node | None  # None with `text`: not kept (see tree())
    body: str = ""
    line_offset: int = 0  # lines before the YAML starts (front matter)
    text: str = ""  # the YAML the node tree came from, when the tree itself is not kept

    def tree(self) -> Node | None:
        """The YAML node tree, to find a field's line. Without a cache the tree is not kept (for 10,000 projects
        the trees of all files held until the cross-file checks were done cost about 190 MB) but made again from
        the text, which is only needed when there is an error to report."""
        if self.node is not None or not self.text:
            return self.node
        for loader_class in (_FastLoader, _Loader):  # as parse_yaml read it first
            loader = loader_class(self.text)
            try:
                return loader.get_single_node()
            except yaml.YAMLError:
                continue
            finally:
                loader.dispose()
        return None


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
    control = _CONTROL.search(text)
    if control:  # YAML refuses these anyway; say where and what, instead of the reader's character offset
        line = text.count("\n", 0, control.start()) + 1 + line_offset
        diagnostics.error(path, line, "", f"control character U+{ord(control.group()):04X} is not allowed; remove it")
        return None
    if _may_be_deep(text):
        problem = _too_deep(text)  # before composing: libyaml's composer recurses in C and would crash
        if problem:
            diagnostics.error(path, problem[0] + line_offset, "", problem[1])
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
        tab = _tab_in_indentation(text, line - line_offset)
        if tab:  # valid YAML may hold tabs (in a block scalar); only when parsing fails is a tab the likely cause
            diagnostics.error(path, tab + line_offset, "", "tab character in indentation; use spaces")
            return None
        problem = exc.problem or exc.context or "invalid YAML"
        opened = exc.context_mark.line + 1 + line_offset if exc.problem and exc.context_mark else line
        what = next((words for key, words in _CONTEXTS.items() if key in (exc.context or "")), "")
        if what and opened != line:  # the editor's mistake is usually where it opened, not where YAML noticed
            problem += f" (in the {what} that starts on line {opened})"
        diagnostics.error(path, line, "", f"YAML syntax error: {problem}")
        return None
    except yaml.YAMLError as exc:
        diagnostics.error(path, 1 + line_offset, "", f"YAML syntax error: {str(exc).splitlines()[0]}")
        return None
    except RecursionError:  # a last guard; _too_deep should have caught it
        diagnostics.error(path, 1 + line_offset, "", f"values are nested more than {MAX_DEPTH} levels deep")
        return None


# Limits that keep a hostile or broken file from hanging or crashing a build. Real content nests four or
# five levels and uses no aliases; the limits are far above that and far below what hurts.
MAX_DEPTH = 64
MAX_ALIAS_EXPANSION = 10_000  # values that aliases may add to a file when written out
MAX_PROBLEMS = 50  # field-name problems reported per file
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DEEP_PREFIX = re.compile(r"^[ \t?:-]{%d}" % MAX_DEPTH, re.M)


def _tab_in_indentation(text: str, last_line: int) -> int:
    """The first line up to `last_line` whose indentation holds a tab (0 when none)."""
    if "\t" not in text:
        return 0
    for number, line in enumerate(text.split("\n")[:last_line], start=1):
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
            return number
    return 0


def _may_be_deep(text: str) -> bool:
    """Cheap bound: a file nests deeper than MAX_DEPTH only with that many brackets, or a line starting with
    that many indentation and indicator characters ('- - - x'). Below both, composing is safe."""
    return text.count("[") + text.count("{") >= MAX_DEPTH or _DEEP_PREFIX.search(text) is not None


def _too_deep(text: str) -> tuple[int, str] | None:
    """(line, message) when the nesting passes MAX_DEPTH, read from the parser's events (a loop, not recursion)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_FastLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return (event.start_mark.line + 1,
                            f"values are nested more than {MAX_DEPTH} levels deep; content needs only a few levels")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # libyaml from 0.2.5's successors stops at its own nesting limit (1,000) while scanning ahead
        if "nesting depth" in str(exc.problem or "") + str(exc.context or ""):
            mark = exc.problem_mark or exc.context_mark
            return (mark.line + 1 if mark else 1,
                    f"values are nested more than {MAX_DEPTH} levels deep; content needs only a few levels")
        return None  # a syntax error before the nesting got too deep: the parser below reports it
    except yaml.YAMLError:
        return None
    return None


def _parse_with(loader_class, text: str, path: Path, diagnostics: Diagnostics, line_offset: int):
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        problems = list(_key_problems(node) if _ANCHOR.search(text) else _tree_key_problems(node))
        for key_node, message in problems[:MAX_PROBLEMS]:
            name = key_node.value if isinstance(key_node, ScalarNode) else ""
            diagnostics.error(path, key_node.start_mark.line + 1 + line_offset, name, message)
        if len(problems) > MAX_PROBLEMS:  # ten thousand lines of the same mistake help nobody
            first_left = problems[MAX_PROBLEMS][0].start_mark.line + 1 + line_offset
            diagnostics.error(path, first_left, "", f"and {len(problems) - MAX_PROBLEMS:,} more problems like these "
                                                    "from this line on; fix the ones above first")
        if problems:
            return None
        return loader.construct_document(node), node
    finally:
        loader.dispose()


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_CONTEXTS = {"flow sequence": "[ ] list", "flow mapping": "{ } mapping", "quoted scalar": "quoted text",
             "block mapping": "fields", "block collection": "list"}


def _key_problems(root: Node):
    """(node, message) for every key that is repeated or is not plain text, and for aliases that loop or
    expand too far.

    Field names are words; a key such as `1:`, `yes:` or `? [a]` is a typo that would otherwise surface as a
    confusing type error (or crash hashing a list). An alias is the same node object as its anchor, so each
    node is visited once (a 'billion laughs' file costs its size, not its expansion), and the expansion is
    counted from the sizes of the children."""
    size: dict[int, int] = {}  # node id -> values it stands for when aliases are written out
    distinct = 0
    on_path: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        children = _children(node)
        if done:
            on_path.discard(id(node))
            size[id(node)] = 1 + sum(size[id(child)] for child in children)
            continue
        if id(node) in size:
            continue  # an alias of a node already checked
        distinct += 1
        on_path.add(id(node))
        stack.append((node, True))
        if isinstance(node, MappingNode):
            yield from _mapping_key_problems(node)
        for child in reversed(children):
            if id(child) in on_path:
                yield child, "an alias refers to a value that contains it (a loop); write the values out"
                return
            if id(child) not in size:
                stack.append((child, False))
    expanded = size[id(root)]
    if expanded - distinct > MAX_ALIAS_EXPANSION:
        worst = min((n for n in _all_nodes(root) if size[id(n)] > MAX_ALIAS_EXPANSION), key=lambda n: size[id(n)])
        yield worst, (f"aliases expand this value to more than {MAX_ALIAS_EXPANSION:,} values; "
                      "write the values out instead of repeating aliases")


# An anchor is '&' followed by at least one anchor character; without one the file has no alias either (an
# alias of an undefined anchor does not compose), so its nodes are a tree. '&' in text ("A&B") only costs the
# slower check below.
_ANCHOR = re.compile(r"&[^\s\[\]{},]")


def _tree_key_problems(root: Node):
    """_key_problems for a file without anchors: no node is shared, so no loops or expansion to count, and only
    the field names need checking (a third of the parse time at 2,000 projects went to counting sizes)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            yield from _mapping_key_problems(node)
            for key, value in reversed(node.value):  # visited in the order _key_problems visits them
                if not isinstance(value, ScalarNode):
                    stack.append(value)
                if not isinstance(key, ScalarNode):
                    stack.append(key)
        elif isinstance(node, SequenceNode):
            stack.extend(child for child in reversed(node.value) if not isinstance(child, ScalarNode))


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return node.value
    return []


def _all_nodes(root: Node):
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        stack.extend(_children(node))


def _mapping_key_problems(node: MappingNode):
    seen: set[str] = set()
    for key, value in node.value:
        if not isinstance(key, ScalarNode):
            yield key, "a field name must be plain text, not a list or mapping"
        elif key.tag == _MERGE:
            yield key, "merge keys ('<<:') are not supported; write the fields out"
        elif key.tag != _STR and not key.style:  # plain (libyaml says "", PyYAML None)
            yield key, "a field name must be text; quote it if it is meant to be a name"
        elif key.value in seen:
            yield key, "duplicate key; a field may appear only once"
        else:
            seen.add(key.value)


def read_bytes(path: Path, diagnostics: Diagnostics) -> bytes | None:
    try:
        if path.stat().st_size > MAX_BYTES:  # before reading: a huge (or sparse) file must not be read at all
            diagnostics.error(path, 0, "", _TOO_LARGE)
            return None
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
        diagnostics.error(path, 0, "", _TOO_LARGE)
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        diagnostics.error(path, line, "", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _cached(reader):
    """Wrap a file reader: with a cache, a file whose bytes did not change gives the Document parsed before;
    without one, the Document keeps the YAML text instead of its node tree (`Document.tree`)."""
    def read(path: Path, diagnostics: Diagnostics, cache: Cache | None = None) -> Document | None:
        if cache is None:
            return reader(path, diagnostics, keep_tree=False)
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


def _kept(node: Node | None, text: str, keep_tree: bool) -> dict[str, Any]:
    return {"node": node} if keep_tree or node is None else {"node": None, "text": text}


@_cached
def read_yaml_file(path: Path, diagnostics: Diagnostics, raw: bytes | None = None,
                   keep_tree: bool = True) -> Document | None:
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
    return Document(path=path, id=path.stem, data=data, **_kept(node, text, keep_tree))


@_cached
def read_markdown_page(path: Path, diagnostics: Diagnostics, raw: bytes | None = None,
                       keep_tree: bool = True) -> Document | None:
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
    return Document(path=path, id=path.stem, data=data, body=match.group(2), line_offset=1,
                    **_kept(node, match.group(1), keep_tree))


def content_files(root: Path, folder: str, suffixes: tuple[str, ...]) -> list[Path]:
    """The files of one content folder that are read: real files (no symbolic links) with one of `suffixes`,
    not examples ('_') or hidden ('.'). `unread_files` reports everything else."""
    directory = root / folder
    if not directory.is_dir() or directory.is_symlink():
        return []
    # os.scandir: the file types come with the listing (no stat per file, 2,000 of them in a large catalogue)
    return [directory / e.name for e in _entries(directory)
            if not e.is_symlink() and e.is_file() and os.path.splitext(e.name)[1] in suffixes
            and not e.name.startswith(("_", "."))]


def _entries(directory: Path) -> list[os.DirEntry]:
    """A folder's entries in name order (the order of sorted(directory.iterdir()))."""
    with os.scandir(directory) as found:
        return sorted(found, key=lambda e: e.name)


_SUFFIXES = {**{folder: (".yml", ".yaml") for folder in COLLECTIONS.values()},
             **{folder: (".md",) for folder in PAGE_FOLDERS.values()}}


def unread_files(root: Path, diagnostics: Diagnostics) -> None:
    """Report every file or folder under `root` that would not be read, so nothing is skipped without a word:
    symbolic links (they may lead out of the repository, and would be published), wrong-case or unknown
    extensions, hidden files and stray folders. Files starting with '_' are examples, on purpose unread."""
    if not root.is_dir():
        return
    for top in sorted(root.iterdir()):
        if top.name in TOOL_MARKERS:
            continue
        if top.is_symlink():
            diagnostics.error(top, 0, "", _SYMLINK)
        elif top.is_dir():
            if top.name in _SUFFIXES:
                for entry in _entries(top):
                    problem = _unread_reason(entry, _SUFFIXES[top.name])
                    if problem:
                        diagnostics.error(top / entry.name, 0, "", problem)
            elif not top.name.startswith("_"):
                diagnostics.error(top, 0, "", "folder is not read: content/ holds " + _KNOWN_FOLDERS)
        elif not top.is_file():
            diagnostics.error(top, 0, "", _SPECIAL)
        elif top.name not in SINGLE_FILES.values() and not top.name.startswith("_"):
            diagnostics.error(top, 0, "", _unknown_file(top.name, f"content/ holds only {_KNOWN_FILES}"))


# Files tools put into a content folder they generated, on purpose unread: benchmarks/synth.py's marker.
TOOL_MARKERS = {".synthetic"}
_SPECIAL = "not a regular file (a pipe, socket or device) and not read; put a file with the content here"
_SYMLINK = "symbolic links are not read (they may lead outside the repository); put the file itself here"
_KNOWN_FOLDERS = ", ".join(f"{name}/" for name in _SUFFIXES) + " and " + ", ".join(SINGLE_FILES.values())
_KNOWN_FILES = ", ".join(SINGLE_FILES.values()) + " and the folders " + ", ".join(f"{name}/" for name in _SUFFIXES)


def _unread_reason(path: os.DirEntry, suffixes: tuple[str, ...]) -> str:
    if path.is_symlink():
        return _SYMLINK
    if path.name.startswith("_"):
        return ""  # an example
    if path.is_dir():
        return "folder is not read: put the files directly in " + Path(path.path).parent.name + "/"
    if not path.is_file():
        return _SPECIAL
    if os.path.splitext(path.name)[1] in suffixes and not path.name.startswith("."):
        return ""
    return _unknown_file(path.name, f"only {' and '.join(repr(s) for s in suffixes)} files are read here")


def _unknown_file(name: str, why: str) -> str:
    stem, dot, suffix = name.rpartition(".")
    if name.startswith("."):
        return "hidden file (the name starts with '.') is not read; rename it or remove it"
    if dot and suffix.lower() in {"yml", "yaml", "md"} and suffix != suffix.lower():
        return f"the extension must be lowercase: rename it to {stem}.{suffix.lower()}"
    return f"file is not read: {why}"


def read_content(root: Path, diagnostics: Diagnostics, cache: Cache | None = None) -> dict[str, list[Document]]:
    """Every content file under `root`, grouped by kind, sorted by file name (unchanged files from `cache`)."""
    unread_files(root, diagnostics)
    out: dict[str, list[Document]] = {}
    for kind, folder in COLLECTIONS.items():
        docs = []
        for path in content_files(root, folder, (".yml", ".yaml")):
            if not ID_PATTERN.match(path.stem):
                diagnostics.error(path, 0, "", _bad_id(path))
                continue
            doc = read_yaml_file(path, diagnostics, cache)
            if doc is not None:
                docs.append(doc)
        _report_same_stem(root / folder, docs, diagnostics)
        out[kind] = docs
    for kind, name in SINGLE_FILES.items():
        path = root / name
        if path.is_symlink() or path.exists() and not path.is_file():
            out[kind] = []  # reported by unread_files
            continue
        if not path.exists():
            diagnostics.error(path, 0, "", "required file is missing")
            out[kind] = []
            continue
        doc = read_yaml_file(path, diagnostics, cache)
        out[kind] = [doc] if doc is not None else []
    for kind, folder in PAGE_FOLDERS.items():
        docs = []
        for path in content_files(root, folder, (".md",)):
            if not ID_PATTERN.match(path.stem):  # the file name becomes the page address and link text
                diagnostics.error(path, 0, "", _bad_id(path))
                continue
            doc = read_markdown_page(path, diagnostics, cache)
            if doc is not None:
                docs.append(doc)
        out[kind] = docs
    return out


def _bad_id(path: Path) -> str:
    return ("file name is not a valid id: use lowercase letters, digits and single hyphens "
            f"(e.g. {_slug_hint(path.stem)}{path.suffix})")


def _report_same_stem(folder: Path, docs: list[Document], diagnostics: Diagnostics) -> None:
    seen: dict[str, Path] = {}
    for doc in docs:
        if doc.id in seen:
            diagnostics.error(doc.path, 0, "", f"duplicate id {doc.id!r}: {seen[doc.id].name} has the same id")
        seen[doc.id] = doc.path


def _slug_hint(stem: str) -> str:
    from .slugs import slugify

    return slugify(stem) or "mijn-project"
