"""Output: the only module that writes generated files.

In:  {relative path: text} and the output folder.
Out: the folder holds exactly those files; a `WriteReport` says what changed.

    >>> report = write_tree(Path("build/docs"), {"index.md": "# Hallo\\n"})
    >>> report.written, report.removed
    (['index.md'], [])

A file whose bytes are unchanged is not touched (so `mkdocs serve` rebuilds
only what changed and never loops); files that are no longer generated are
removed; a path that would land outside the folder is refused.
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
    """Make `root` hold exactly `files` (plus anything under the `keep` prefixes).

    `known` (kept by a long-running process, see cache.py) remembers what this function last left in each file:
    a file whose content equals it and that is still there is not read back for comparison."""
    report = WriteReport()
    root.mkdir(parents=True, exist_ok=True)
    targets = _Targets(root)
    wanted = set()
    remembered = dict(known) if known is not None else {}
    if known is not None:
        known.clear()
    # What is there now, from one walk (no stat per file): files, folders, and whether anything is a link
    present, folders, links = _scan(root)
    for relative in sorted(files):
        content = files[relative]
        last = remembered.get(relative)
        if (last is not None and relative in present and not links and (last is content or last == content)
                and _plain(relative)):
            # as this function left it: no need to resolve the path or read the file back
            wanted.add(relative)
            report.unchanged += 1
            known[relative] = content
            continue
        target = targets(relative)
        wanted.add(target)
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            unchanged = target.stat().st_size == len(data) and target.read_bytes() == data
        except OSError:  # not there yet (or not a file)
            unchanged = False
        if unchanged:
            report.unchanged += 1
            if known is not None:
                known[relative] = content
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(data)
        temporary.replace(target)
        report.written.append(relative)
        if known is not None:
            known[relative] = content
    resolved_root = targets.resolved_root
    if not links and all(_plain(relative) for relative in files):
        # no links below root, so a file's relative path names it: what is there and not wanted goes
        for relative in sorted(present - files.keys(), key=lambda r: r.split("/"), reverse=True):
            if not relative.startswith(keep):
                (root / relative).unlink()
                report.removed.append(relative)
        for folder in sorted(folders, key=lambda r: r.split("/"), reverse=True):  # deepest first
            if not folder.startswith(keep) and not os.listdir(root / folder):
                (root / folder).rmdir()
        return report
    wanted = {resolved_root / p if isinstance(p, str) else p for p in wanted}
    for existing in sorted(root.rglob("*"), reverse=True):
        relative = existing.relative_to(root).as_posix()
        if relative.startswith(keep):
            continue
        if existing.is_file() and resolved_root / relative not in wanted and existing.resolve() not in wanted:
            existing.unlink()
            report.removed.append(relative)
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return report


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
        target = _target(root, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(_bytes(files[relative]))
        temporary.replace(target)
    return plan


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def write_file(root: Path, relative: str, content: str) -> None:
    """Write one file below `root` (for files the site tool will not copy, such as /.well-known/). A new file
    replaces the old one, never writes into it: the built site's copies of generated files are hard links."""
    target = _target(root, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(content, encoding="utf-8")
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
