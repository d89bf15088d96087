"""Command line: `catalogus check|build|serve|new|schema|export|import|from-issue|links` (also `python -m generator`).

Exit codes: 0 ok, 1 content errors (or the site tool failed), 2 wrong usage.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import os
import subprocess
import sys
from pathlib import Path

from .build import Paths, build_site, check, content_epoch, engine, engine_command, generate
from .schema import vocabularies

INSTALLED_FROM = Path(__file__).resolve().parent.parent


def find_project(start: Path) -> Path | None:
    """The project to work on: the nearest folder from `start` upward that holds both mkdocs.yml and content/,
    as MkDocs finds its configuration, so the CLI works on the checkout it is run in, not on the one it happens
    to be installed from. Outside any project, the checkout the package is installed from (an editable install)
    is used when it is one; a plain `pip install .` has none, and then there is no project (None)."""
    start = start.resolve()
    for folder in (start, *start.parents, INSTALLED_FROM):
        if (folder / "mkdocs.yml").is_file() and (folder / "content").is_dir():
            return folder
    return None


def _report(result, paths: Paths, github: bool) -> int:
    if result.diagnostics:
        print(result.diagnostics.render(root=Path.cwd(), github=github), file=sys.stderr)
        n = len(result.diagnostics.sorted())
        print(f"{n} error{'s' if n != 1 else ''} in content; nothing was built.", file=sys.stderr)
        return 1
    return 0


def _links(paths: Paths, args) -> int:
    from .links import Allowlist, check_all, collect, report, summary_line

    links = collect(paths.content)
    allowlist = Allowlist.read(args.allowlist or paths.root / ".github" / "link-allowlist.txt")
    results = check_all(links, allowlist, per_host=args.per_host, timeout=args.timeout, retries=args.retries,
                        max_wait=args.max_wait)
    lines, summary = report(links, results, Path.cwd(), github=args.github)
    for line in lines:
        print(line, file=sys.stderr)
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as handle:
            handle.write(summary + "\n")
    print(summary_line(results, args.per_host))
    return 1 if any(not r.ok for r in results.values()) else 0


def _generate(paths: Paths, github: bool) -> tuple[int, int]:
    """Generate the Markdown and say what happened; (exit status, content epoch for the site build)."""
    try:
        result = generate(paths)
    except ValueError as exc:  # a wrong setting, such as CATALOGUS_TODAY
        print(f"catalogus: {exc}", file=sys.stderr)
        return 2, 0
    status = _report(result, paths, github)
    if status:
        return status, 0
    report = result.report
    print(f"generated: {len(report.written)} written, {report.unchanged} unchanged, {len(report.removed)} removed",
          flush=True)
    return 0, content_epoch(result.catalogue)


def main(argv: list[str] | None = None) -> int:
    """The command line; a full disk, an unreadable folder or Ctrl-C ends in one line, never a traceback."""
    from .lock import no_space

    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("catalogus: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        if no_space(exc):
            print(f"catalogus: the disk is full{where}; free some space and run the command again", file=sys.stderr)
        else:
            print(f"catalogus: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="catalogus", description="Samenwerkingscatalogus: check and build the site.")
    parser.add_argument("--root", type=Path, default=None,
                        help="project folder (default: the nearest folder upward from here with mkdocs.yml and content/)")
    parser.add_argument("--content", type=Path, default=None, help="content folder (default: ROOT/content)")
    parser.add_argument("--out", type=Path, default=None, help="where build/docs and site/ go (default: ROOT)")
    parser.add_argument("--github", action="store_true", default=os.environ.get("GITHUB_ACTIONS") == "true",
                        help="also print errors as GitHub Actions annotations")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate the content only")
    build = sub.add_parser("build", help="generate the Markdown and build the site into site/")
    build.add_argument("--no-site", action="store_true", help="stop after generating the Markdown")
    new = sub.add_parser("new", help="write a commented skeleton for a new project, region or source")
    new.add_argument("kind", choices=["project", "region", "source"])
    new.add_argument("--title", required=True, help="the title; the id (file name) is derived from it")
    sub.add_parser("schema", help="write the JSON Schemas of the content files into schema/")
    links = sub.add_parser("links", help="check every external link in the content (uses the network)")
    links.add_argument("--allowlist", type=Path, default=None,
                       help="sites not to check (default: ROOT/.github/link-allowlist.txt)")
    links.add_argument("--timeout", type=float, default=15.0, help="seconds per request")
    links.add_argument("--per-host", type=_positive, default=2, metavar="N",
                       help="at most N requests to one host at a time (default: 2)")
    links.add_argument("--retries", type=int, default=3, metavar="N",
                       help="retries of a link that may work later: 429, 503 and other 5xx, time-outs (default: 3)")
    links.add_argument("--max-wait", type=float, default=120.0, metavar="S",
                       help="longest Retry-After to honour, in seconds; longer counts as broken (default: 120)")
    export = sub.add_parser("export", help="write the catalogue as CSV, XLSX and JSON with the data dictionary")
    export.add_argument("--out", dest="export_dir", type=Path, default=Path("export"), metavar="DIR",
                        help="folder for the files (default: ./export)")
    export.add_argument("--overwrite", action="store_true", help="replace files in DIR that differ")
    importer = sub.add_parser("import", help="write content/projects/*.yml from a spreadsheet (.xlsx or .csv)")
    importer.add_argument("file", type=Path, metavar="FILE", help="the 2017 inventory's layout or our own export")
    _intake_options(importer)
    importer.add_argument("--source", metavar="DOC", help="source document id for rows without a Bron column")
    importer.add_argument("--page", type=int, metavar="N", help="page in --source for rows without a Pagina column")
    intake = sub.add_parser("from-issue", help="write content/projects/<id>.yml from a 'Nieuw project' issue")
    intake.add_argument("file", metavar="FILE", help="the issue body as Markdown, or - for standard input")
    _intake_options(intake)
    serve = sub.add_parser("serve", help="live preview: rebuilds when content or templates change")
    serve.add_argument("--addr", default="127.0.0.1:8000")
    args = parser.parse_args(argv)

    root = args.root or find_project(Path.cwd())
    if root is None:
        print(f"catalogus: no project here: neither {Path.cwd()} nor a folder above it has mkdocs.yml and "
              "content/; run it inside a checkout or name one with --root", file=sys.stderr)
        return 2
    if not (root / "mkdocs.yml").is_file():
        print(f"catalogus: --root {root}: no mkdocs.yml there", file=sys.stderr)
        return 2
    paths = Paths.at(root, args.content, args.out)
    if args.command in {"build", "serve"}:
        try:
            engine()
        except ValueError as exc:  # CATALOGUS_ENGINE names no site tool
            print(f"catalogus: {exc}", file=sys.stderr)
            return 2
    if args.command == "check":
        result = check(paths)
        status = _report(result, paths, args.github)
        if not status:
            c = result.catalogue
            print(f"ok: {len(c.projects)} projects, {len(c.regions)} regions, {len(c.municipalities)} municipalities, "
                  f"{len(c.sources)} sources")
        return status
    if args.command == "new":
        from .editors.scaffold import AlreadyExists, new_item

        try:
            path = new_item(paths.content, args.kind, args.title)
        except AlreadyExists as exc:
            print(f"{exc.args[0]}: already exists; nothing was written (choose another title or edit that file)",
                  file=sys.stderr)
            return 1
        except ValueError as exc:
            print(f"new: {exc}", file=sys.stderr)
            return 2
        print(f"written: {path}\nfill in the TODO fields, then run `catalogus check`")
        return 0
    if args.command == "links":
        return _links(paths, args)
    if args.command == "schema":
        from .schema import write_schemas

        result = check(paths)
        status = _report(result, paths, args.github)
        if status:
            return status
        written = write_schemas(paths.root / "schema", vocabularies(result.catalogue))
        print(f"schema: {len(written)} file(s) written" + (f": {', '.join(written)}" if written else ""))
        return 0
    if args.command == "export":
        return _export(paths, args)
    if args.command in {"import", "from-issue"}:
        return _import(paths, args)
    if args.command == "build":
        return _build(paths, args)
    # serve: MkDocs watches content/ and site_templates/; the hook regenerates changed pages only, and shows
    # content errors in the browser (so the preview starts with broken content too, and recovers when fixed).
    # Not strict: a warning must not stop a preview; `catalogus build` stays strict.
    paths.docs.mkdir(parents=True, exist_ok=True)  # MkDocs refuses a missing docs_dir; the hook fills it
    # --dirty: the site tool rebuilds only the pages whose Markdown changed (the generator rewrites only those).
    command, env = engine_command(paths, "serve", "--no-strict", "--dirty", "-a", args.addr)
    env.update({"CATALOGUS_CONTENT_DIR": str(paths.content), "CATALOGUS_SHOWN_FROM": str(Path.cwd())})
    from .lock import die_with_parent

    return subprocess.call(command, cwd=paths.root, env=env, preexec_fn=lambda: die_with_parent(os.getppid(), False))


def _build(paths: Paths, args) -> int:
    """`catalogus build`, one at a time per output folder; a full disk or an unwritable folder is one line."""
    from .lock import Busy, build_lock, no_space

    try:
        with build_lock(paths.site.parent) as lock:
            if lock.stale is not None:
                print(f"catalogus: an earlier build (pid {lock.stale or '?'}) was stopped before it finished; "
                      "its lock was taken over", file=sys.stderr)
            return _build_locked(paths, args)
    except Busy as exc:
        print(f"catalogus: another build is running (pid {exc.pid or '?'}) in {_shown(paths.site.parent)}; "
              "nothing was built. Wait for it to finish, or stop it.", file=sys.stderr)
        return 2
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        if no_space(exc):
            print(f"catalogus: the disk is full{where}; nothing was replaced, the previous site/ is left as it was. "
                  "Free some space and build again.", file=sys.stderr)
        else:
            print(f"catalogus: cannot write{where}: {exc.strerror or exc}; the previous site/ is left as it was.",
                  file=sys.stderr)
        return 1


def _build_locked(paths: Paths, args) -> int:
    from .lock import die_with_parent

    if args.no_site:
        return _generate(paths, args.github)[0]
    # The Markdown is generated in a child process that ends before MkDocs and Pagefind start, so the
    # catalogue's memory is given back instead of being held while they run (at 10,000 projects that is
    # about half a gigabyte of the build's peak). The child dies with this process, should it be killed.
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, initializer=die_with_parent,
                                                initargs=(os.getpid(),)) as pool:
        status, epoch = pool.submit(_generate, paths, args.github).result()
    if status:
        return status
    code = build_site(paths, epoch=epoch)
    if code:
        print("the site tool failed; the previous site/ is left as it was.", file=sys.stderr)
        return 1
    print(f"site built in {paths.site}")
    return 0


def _intake_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dry-run", action="store_true", help="show what would be written; write nothing")
    parser.add_argument("--overwrite", action="store_true", help="replace existing project files that differ")
    parser.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="added/updated date (default: today)")
    parser.add_argument("--reference-date", metavar="YYYY[-MM[-DD]]",
                        help="reference date of the facts (default: the date of the source document)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return value


def _date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _import(paths: Paths, args) -> int:
    from .editors.importer import Defaults, plan_import

    defaults = Defaults(source=getattr(args, "source", None), page=getattr(args, "page", None), date=args.date,
                        reference_date=args.reference_date)
    if args.command == "import":
        if args.page is not None and not args.source:
            print("import: --page needs --source (the document the page is in)", file=sys.stderr)
            return 2
        plan = plan_import(args.file, paths.content, defaults)
    else:
        from .editors.intake import plan_issue

        plan = plan_issue(args.file, paths.content, defaults, paths.root / ".github" / "ISSUE_TEMPLATE")
    return _apply(plan, paths, args)


def _apply(plan, paths: Paths, args) -> int:
    from .editors.importer import write_import

    shown = {rel: _shown(paths.content / rel) for rel in plan.files}
    conflicts = [] if args.overwrite else plan.conflicts
    for relative in conflicts:
        plan.problem(plan.rows[relative], plan.id_columns.get(relative),
                     f"{shown[relative]} already exists with other content"
                     + (f" ({', '.join(plan.replaced[relative])})" if plan.replaced.get(relative) else "")
                     + "; use --overwrite to replace it")
    if plan.problems:
        print("\n".join(plan.problems), file=sys.stderr)
        n = len(plan.problems)
        print(f"{n} problem{'s' if n != 1 else ''}; nothing was written.", file=sys.stderr)
        return 1
    verb = "would write" if args.dry_run else "written"
    for relative in plan.new:
        print(f"{verb}: {shown[relative]}")
    for relative in plan.conflicts:
        print(f"{'would replace' if args.dry_run else 'replaced'}: {shown[relative]}")
        fields = plan.replaced.get(relative)
        what = f"the file's {', '.join(fields)}" if fields else "the whole file (it could not be read as a project)"
        print(f"warning: {shown[relative]}: --overwrite {'would replace' if args.dry_run else 'replaced'} {what} "
              "with the sheet's; an editor's changes to those are gone unless the sheet has them "
              "(the date added is kept)", file=sys.stderr)
    for relative in plan.unchanged:
        print(f"unchanged: {shown[relative]}")
    if not args.dry_run:
        write_import(plan, paths.content, overwrite=args.overwrite)
        if plan.new or plan.conflicts:
            print("run `catalogus check`, review the files, and open a pull request")
    return 0


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _export(paths: Paths, args) -> int:
    from .export import export_files
    from .output import write_files

    result = check(paths)
    status = _report(result, paths, args.github)
    if status:
        return status
    files = export_files(result.catalogue)
    plan = write_files(args.export_dir, files, overwrite=args.overwrite)
    if plan.conflicts and not args.overwrite:
        for name in plan.conflicts:
            print(f"{args.export_dir / name}: exists with other content; nothing was written "
                  "(use --overwrite to replace it)", file=sys.stderr)
        return 1
    print(f"export: {len(plan.new) + len(plan.conflicts)} written, {len(plan.unchanged)} unchanged in {args.export_dir}"
          f" ({len(result.catalogue.projects)} projects)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
