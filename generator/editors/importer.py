"""Import: projects from a spreadsheet into content/projects/, one YAML file per row.

In:  a .xlsx or .csv file, in the layout of the 2017 inventory (Regio, Naam project, Omschrijving project, Vorm,
     Instrumenteel, Inhoudelijk, Geografisch, Zorgverzekeraar, Gemeente, Overige partijen) or of our own export
     (one column per project field, see `cells`), or a mix; plus `Defaults` for what the inventory lacks.
Out: an `ImportPlan`: the files to write ({relative path: text}), what is new, unchanged or in conflict, and
     every problem as `FILE:ROW: column 'X': message` (ROW is the row number the spreadsheet program shows).

    >>> plan = plan_import(Path("inventaris.xlsx"), Path("content"), Defaults(source="inventarisatie-2017", page=12))
    >>> plan.problems or write_import(plan, Path("content"))

Free text is mapped onto the vocabularies by id, label or name (municipalities also by former and other names),
with a suggestion for near misses. The would-be content is checked with the normal catalogue checks before
anything is written; with any problem nothing is written. Rules for fields the inventory does not have:

- sources: a `sources` column, else `Bron` (+ `Pagina`) columns, else `--source DOC --page N`;
- reference_date: a column, else `--reference-date`, else the date of the (first) source document;
- added / updated: columns, else `--date` (default: today). They are bookkeeping, not content: a row that says
  what an existing file says is unchanged whatever its dates, and replacing a file (`--overwrite`) keeps the
  file's `added` (the project entered the catalogue then) and names the fields whose values it replaces;
- summary: a column, else the first sentence of the description, cut at a word to 300 characters;
- id: an `id` column, else the title (at most 60 characters) and the first region, like the existing ids,
  with -2, -3 … for rows of one file that would get the same id.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from .. import model as m
from ..catalogue import Catalogue, load_catalogue
from ..diagnostics import Diagnostics
from ..output import plan_files, write_files
from ..sources import ID_PATTERN, read_yaml_file
from .plan import Defaults, ImportPlan
from .rows import RowReader, complete, first_sentence, project_id, vocabularies
from .sheet import Row, UnreadableFile, read_table, rows_of
from .writer import project_yaml

__all__ = ["Defaults", "ImportPlan", "Row", "first_sentence", "load_for_import", "plan_import", "plan_rows",
           "write_import"]


def plan_import(path: Path, content: Path, defaults: Defaults = Defaults(), shown: str | None = None) -> ImportPlan:
    """Everything an import of `path` would write, or the problems that stop it; nothing is written here."""
    plan = ImportPlan(shown or str(path))
    catalogue = load_for_import(plan, content)
    if catalogue is None:
        return plan
    try:
        table = read_table(path)
    except UnreadableFile as exc:
        plan.problem(None, None, str(exc))
        return plan
    return plan_rows(plan, rows_of(table, plan), catalogue, content, defaults)


def load_for_import(plan: ImportPlan, content: Path) -> Catalogue | None:
    diagnostics = Diagnostics()
    catalogue = load_catalogue(content, diagnostics)
    if catalogue is None:
        plan.problems += [d.format() for d in diagnostics.sorted()]
        plan.problems.append(f"{plan.source}: the content has errors of its own; fix them first (catalogus check)")
    return catalogue


def plan_rows(plan: ImportPlan, rows: list[Row], catalogue: Catalogue, content: Path, defaults: Defaults) -> ImportPlan:
    vocab = vocabularies(catalogue)
    seen: dict[str, int] = {}
    same_name: dict[str, list[str]] = {}  # id from the title -> ids given to rows with that title
    for row in rows:
        reader = RowReader(row, vocab, plan)
        data = reader.read()
        complete(reader, catalogue, defaults)
        if row.cells.get("id"):
            pid = row.cells["id"]
            if not ID_PATTERN.match(pid):
                reader.error("id", f"{pid!r} is not a valid id: use lowercase letters, digits and single hyphens")
                continue
            if pid in seen:
                reader.error("id", f"{pid!r} is also the id of row {seen[pid]}")
                continue
        else:
            base = project_id(data)
            if not data.get("title"):
                reader.error("title", "required: every project needs a name")
                continue
            pid, n = base, 2
            while pid in seen:
                pid, n = f"{base}-{n}", n + 1
            if pid != base:
                # the sheet lists the same name twice in one region as separate rows: keep them apart on purpose
                data["distinct_from"] = sorted(set(data.get("distinct_from", [])) | set(same_name.get(base, [])))
            same_name.setdefault(base, []).append(pid)
        seen[pid] = row.number
        relative = f"projects/{pid}.yml"
        plan.rows[relative] = row.number
        plan.id_columns[relative] = row.headers.get("id" if row.cells.get("id") else "title", "title")
        plan.files[relative] = project_yaml(data)
    _validate(plan, content, rows)
    _compare_with_existing(plan, content)
    return plan


def _validate(plan: ImportPlan, content: Path, rows: list[Row]) -> None:
    """The normal catalogue checks on the content as it would be after the import."""
    headers = {row.number: row.headers for row in rows}
    with tempfile.TemporaryDirectory(prefix="catalogus-import-") as temporary:
        trial = Path(temporary) / "content"
        shutil.copytree(content, trial)
        for relative, text in plan.files.items():
            (trial / relative).parent.mkdir(parents=True, exist_ok=True)
            (trial / relative).write_text(text, encoding="utf-8")
        diagnostics = Diagnostics()
        load_catalogue(trial, diagnostics)
        for d in diagnostics.sorted():
            relative = d.path.relative_to(trial).as_posix() if d.path.is_relative_to(trial) else None
            if relative in plan.rows:
                row = plan.rows[relative]
                name = re.split(r"[.\[]", d.field)[0] if d.field else ""
                if _follows_from(name, plan.reported.get(row, set())):
                    continue
                column = _column_of(d.field, name, headers.get(row, {}))
                plan.problem(row, column, d.message)
            else:
                shown = (content / relative).as_posix() if relative else d.path.as_posix()
                plan.problems.append(d.format().replace(d.path.as_posix(), shown, 1))


def _column_of(field_path: str, name: str, headers: dict[str, str]) -> str | None:
    """The column a validation message is about; sources made from 'Bron'/'Pagina' point at those columns."""
    if name in headers:
        return headers[name]
    if name == "sources":
        if field_path.endswith(".page") and "page" in headers:
            return headers["page"]
        if "source" in headers:
            return headers["source"]
    return name or None


def _follows_from(name: str, reported: set[str]) -> bool:
    """A validation message that only repeats a problem already reported for the row (e.g. no sources, hence
    no reference date) is left out."""
    if name in reported:
        return True
    return name in {"sources", "reference_date"} and bool(reported & {"source", "sources", "page"})


def _compare_with_existing(plan: ImportPlan, content: Path) -> None:
    """New, unchanged (the same project, however formatted and whatever its dates) or a conflict with an
    editor's file; a conflict's text keeps the file's `added`, and `plan.replaced` names what it would replace."""
    from ..sources import parse_yaml

    files_plan = plan_files(content, plan.files)
    plan.new = files_plan.new
    plan.unchanged = list(files_plan.unchanged)
    for relative in files_plan.conflicts:
        existing = _project_in(content / relative)
        diagnostics = Diagnostics()
        parsed = parse_yaml(plan.files[relative], content / relative, diagnostics)
        imported = _project(parsed[0] if parsed else None)
        if existing is None or imported is None:
            plan.conflicts.append(relative)
            plan.replaced[relative] = []
            continue
        changed = [name for name in m.Project.model_fields
                   if name not in BOOKKEEPING and getattr(existing, name) != getattr(imported, name)]
        if not changed:
            plan.unchanged.append(relative)
            continue
        plan.conflicts.append(relative)
        plan.replaced[relative] = changed
        data = dict(parsed[0])
        data["added"] = existing.added.isoformat()
        if str(data.get("updated", "")) < data["added"]:
            data["updated"] = data["added"]
        plan.files[relative] = project_yaml(data)
    plan.unchanged.sort()


BOOKKEEPING = ("added", "updated")  # when the project entered the catalogue / was last changed: not its content


def _project_in(path: Path) -> m.Project | None:
    diagnostics = Diagnostics()
    existing = read_yaml_file(path, diagnostics)
    return _project(existing.data if existing else None)


def _project(data) -> m.Project | None:
    if not isinstance(data, dict):
        return None
    try:
        return m.Project.model_validate(data)
    except Exception:  # an invalid file is never "the same"
        return None


def write_import(plan: ImportPlan, content: Path, overwrite: bool = False) -> list[str]:
    """Write the new (and, with `overwrite`, the conflicting) files; returns what was written."""
    if plan.problems or (plan.conflicts and not overwrite):
        return []
    files = {rel: plan.files[rel] for rel in plan.new + (plan.conflicts if overwrite else [])}
    write_files(content, files, overwrite=overwrite)
    return sorted(files)
