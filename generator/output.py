"""Output: the only module that writes generated files.

In:  {relative path: text} and the output folder, or the same one file at a time (`Tree`).
Out: the folder holds exactly those files; a `WriteReport` says what changed.

    >>> report = write_tree(Path("build/docs"), {"index.md": "# Hallo\\n"})
    >>> report.written, report.removed
    (['index.md'], [])

A file whose bytes are unchanged is not touched (so `mkdocs serve` rebuilds
only what changed and never loops); files that are no longer generated are
removed; a path that would land outside the folder is refused. Changed files
are staged beside the folder and moved in only when all of them are there, so
a build that fails half-way leaves the folder as it was.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path


class UnsafePath(ValueError):
    pass


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def _target(root: Path, relative: str) -> Path:
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()) or Path(relative).is_absolute():
        raise UnsafePath(f"refusing to write outside {root}: {relative}")
    return target


class _Targets:
    """`_target` for many files: each folder is resolved once, not every file's whole path (a third of a
    regeneration went into resolving the same few folders thousands of times)."""

    def __init__(self, root: Path):
        self.root = root
        self.resolved_root = root.resolve()
        self.folders: dict[str, Path] = {}

    def __call__(self, relative: str) -> Path:
        folder, _, name = relative.rpartition("/")
        if name in ("", ".", "..") or Path(relative).is_absolute():
            raise UnsafePath(f"refusing to write outside {self.root}: {relative}")
        if folder not in self.folders:
            resolved = (self.root / folder).resolve() if folder else self.resolved_root
            if not resolved.is_relative_to(self.resolved_root):
                raise UnsafePath(f"refusing to write outside {self.root}: {relative}")
            self.folders[folder] = resolved
        target = self.folders[folder] / name
        if target.is_symlink():  # a link could point anywhere; judge where it leads
            return _target(self.root, relative)
        return target


def write_tree(root: Path, files: dict[str, str | bytes], keep: tuple[str, ...] = (),
               known: dict[str, str | bytes] | None = None) -> WriteReport:
    """Make `root` hold exactly `files` (plus anything under the `keep` prefixes): a `Tree` filled and committed
    in one go.

    `known` (kept by a long-running process, see cache.py) remembers what this function last left in each file:
    a file whose content equals it and that is still there is not read back for comparison."""
    with Tree(root, known) as tree:
        for relative in sorted(files):
            tree.add(relative, files[relative])
        return tree.commit(keep)


class Tree:
    """The files `root` is to hold, added one at a time, and written in two steps, so a build can stream its
    pages out without keeping them and still write nothing when one of them fails:

    * `add` compares a file with what `root` holds and writes a changed one into a staging folder beside
      `root` (`<root>.new`, one flat file per changed page); `root` itself is not touched, and the content is
      not kept.
    * `commit` moves the staged files into place (each with one rename, as a single write would), removes the
      files below `root` that were not added, and returns the `WriteReport`.

    Leaving the `with` block by an exception instead removes the staging folder (and any folder created for
    it), so `root` is as it was. A forked process may add files to the same tree (its staged files carry its
    pid) and hand its `part()` back to the parent's `merge`.

        >>> with Tree(Path("build/docs")) as tree:
        ...     tree.add("index.md", "# Hallo\\n")
        ...     report = tree.commit()
    """

    def __init__(self, root: Path, known: dict[str, str | bytes] | None = None):
        self.root = root
        self.staging = root.with_name(root.name + ".new")
        self.targets = _Targets(root)
        self.known = known
        self.remembered = dict(known) if known is not None else {}
        self.learned: dict[str, str | bytes] = {}  # what `known` holds after the commit
        self.paths: list[str] = []  # every path added, in order (the caller checks them for collisions)
        self.staged: list[tuple[str, str]] = []  # (relative path, file name in the staging folder)
        self.unchanged = 0
        # What is there now, from one walk (no stat per file): files, folders, and whether anything is a link
        self.present, self.folders, self.links = _scan(root) if root.is_dir() else (set(), [], False)
        self.committed = False
        shutil.rmtree(self.staging, ignore_errors=True)  # left by a build that was killed
        self.created = self.staging  # the outermost folder made for the staging folder, removed on failure
        while not self.created.parent.exists():
            self.created = self.created.parent
        self.staging.mkdir(parents=True)

    def __enter__(self) -> "Tree":
        return self

    def __exit__(self, kind, error, trace) -> None:
        if not self.committed:
            self.discard()

    def add(self, relative: str, content: str | bytes) -> None:
        self.paths.append(relative)
        last = self.remembered.get(relative)
        if (last is not None and relative in self.present and not self.links and (last is content or last == content)
                and _plain(relative)):
            # as this tree's last commit left it: no need to resolve the path or read the file back
            self.unchanged += 1
            self.learned[relative] = content
            return
        target = self.targets(relative)
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            unchanged = target.stat().st_size == len(data) and target.read_bytes() == data
        except OSError:  # not there yet (or not a file)
            unchanged = False
        if self.known is not None:
            self.learned[relative] = content
        if unchanged:
            self.unchanged += 1
            return
        name = f"{os.getpid()}-{len(self.staged)}"
        (self.staging / name).write_bytes(data)
        self.staged.append((relative, name))

    def forked(self) -> None:
        """In a forked child (a one-off build only: no `known`): from now on this copy of the tree holds only
        what the child adds, and `part()` is that, for the parent's `merge`."""
        self.paths, self.staged, self.unchanged = [], [], 0
        self.committed = True  # the parent commits or discards the staging folder, never the child

    def part(self) -> tuple[list[str], list[tuple[str, str]], int]:
        return self.paths, self.staged, self.unchanged

    def merge(self, part: tuple[list[str], list[tuple[str, str]], int]) -> None:
        paths, staged, unchanged = part
        self.paths += paths
        self.staged += staged
        self.unchanged += unchanged

    def commit(self, keep: tuple[str, ...] = ()) -> WriteReport:
        """Move the staged files into `root` and remove what was not added (except below the `keep` prefixes)."""
        root = self.root
        report = WriteReport(unchanged=self.unchanged)
        root.mkdir(parents=True, exist_ok=True)
        for relative, name in sorted(self.staged):
            target = self.targets(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.staging / name, target)
            report.written.append(relative)
        self.committed = True
        shutil.rmtree(self.staging, ignore_errors=True)
        if self.known is not None:
            self.known.clear()
            self.known.update(self.learned)
        wanted = set(self.paths)
        if not self.links and all(_plain(relative) for relative in wanted):
            # no links below root, so a file's relative path names it: what is there and not wanted goes
            for relative in sorted(self.present - wanted, key=lambda r: r.split("/"), reverse=True):
                if not relative.startswith(keep):
                    (root / relative).unlink()
                    report.removed.append(relative)
            for folder in sorted(self.folders, key=lambda r: r.split("/"), reverse=True):  # deepest first
                if not folder.startswith(keep) and not os.listdir(root / folder):
                    (root / folder).rmdir()
            return report
        resolved_root = self.targets.resolved_root
        targets = {self.targets(relative) for relative in wanted}
        for existing in sorted(root.rglob("*"), reverse=True):
            relative = existing.relative_to(root).as_posix()
            if relative.startswith(keep):
                continue
            if existing.is_file() and resolved_root / relative not in targets and existing.resolve() not in targets:
                existing.unlink()
                report.removed.append(relative)
            elif existing.is_dir() and not any(existing.iterdir()):
                existing.rmdir()
        return report

    def discard(self) -> None:
        """Remove what was staged, and the folders made for it; `root` stays as it was."""
        shutil.rmtree(self.created, ignore_errors=True)


def _plain(relative: str) -> bool:
    """A relative path without '', '.' or '..' parts and not absolute (what `_Targets` would check)."""
    return not relative.startswith("/") and all(part not in ("", ".", "..") for part in relative.split("/"))


def _scan(root: Path) -> tuple[set[str], list[str], bool]:
    """The regular files and the folders below `root` as relative paths, and whether any entry below it is a
    symbolic link (then the careful per-path checks are used)."""
    present: set[str] = set()
    folders: list[str] = []
    links = False
    stack = [("", str(root))]
    while stack:
        prefix, folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_symlink():
                    links = True
                elif entry.is_dir():
                    folders.append(prefix + entry.name)
                    stack.append((prefix + entry.name + "/", entry.path))
                elif entry.is_file():
                    present.add(prefix + entry.name)
    return present, folders, links


@dataclass
class Plan:
    """What writing {relative path: content} into a folder would do, without touching it."""

    new: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # exists with other content: replaced only with overwrite


def plan_files(root: Path, files: dict[str, str | bytes]) -> Plan:
    plan = Plan()
    for relative in sorted(files):
        target = _target(root, relative)
        if not target.exists():
            plan.new.append(relative)
        elif target.is_file() and target.read_bytes() == _bytes(files[relative]):
            plan.unchanged.append(relative)
        else:
            plan.conflicts.append(relative)
    return plan


def write_files(root: Path, files: dict[str, str | bytes], overwrite: bool = False) -> Plan:
    """Write editors' files (content, exports): never replaces a different existing file unless `overwrite`.

    With conflicts and no `overwrite` nothing at all is written; the returned plan says why.
    """
    plan = plan_files(root, files)
    if plan.conflicts and not overwrite:
        return plan
    for relative in plan.new + plan.conflicts:
        _replace(_target(root, relative), _bytes(files[relative]))
    return plan


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def write_file(root: Path, relative: str, content: str) -> None:
    """Write one file below `root` (for files the site tool will not copy, such as /.well-known/). A new file
    replaces the old one, never writes into it: the built site's copies of generated files are hard links."""
    _replace(_target(root, relative), _bytes(content))


def _replace(target: Path, data: bytes) -> None:
    """`target` holds `data`: written beside it and renamed over it, so a reader never sees half a file and
    nothing that links to the old file sees it change."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(target)


def copy_static(source: Path) -> dict[str, bytes]:
    """Static assets (CSS, JS, icons) as {relative path: bytes}, to be written with the pages."""
    if not source.is_dir():
        return {}
    return {p.relative_to(source).as_posix(): p.read_bytes() for p in sorted(source.rglob("*")) if p.is_file()}


def replace_directory(new: Path, target: Path) -> None:
    """Swap a freshly built folder into place; the old one survives until the new one is complete."""
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)
