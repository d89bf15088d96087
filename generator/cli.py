"""Command line: `catalogus check|build|serve` (also `python -m generator`).

Exit codes: 0 ok, 1 content errors (or the site tool failed), 2 wrong usage.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import os
import subprocess
import sys
from pathlib import Path

from .build import Paths, build_site, check, content_epoch, generate


def _report(result, paths: Paths, github: bool) -> int:
    if result.diagnostics:
        print(result.diagnostics.render(root=Path.cwd(), github=github), file=sys.stderr)
        n = len(result.diagnostics.sorted())
        print(f"{n} error{'s' if n != 1 else ''} in content; nothing was built.", file=sys.stderr)
        return 1
    return 0


def _generate(paths: Paths, github: bool) -> tuple[int, int]:
    """Generate the Markdown and say what happened; (exit status, content epoch for the site build)."""
    result = generate(paths)
    status = _report(result, paths, github)
    if status:
        return status, 0
    report = result.report
    print(f"generated: {len(report.written)} written, {report.unchanged} unchanged, {len(report.removed)} removed",
          flush=True)
    return 0, content_epoch(result.catalogue)


def vocabularies(c) -> dict[str, list[str]]:
    out = {name: [t.id for t in getattr(c.taxonomy, name)]
           for name in ("themes", "instruments", "quirks", "kinds", "statuses")}
    out["regions"] = sorted(c.regions)
    out["insurers"] = sorted(c.insurers)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="catalogus", description="Samenwerkingscatalogus: check and build the site.")
    parser.add_argument("--root", type=Path, default=None, help="project folder (default: this checkout)")
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
    serve = sub.add_parser("serve", help="live preview: rebuilds when content or templates change")
    serve.add_argument("--addr", default="127.0.0.1:8000")
    args = parser.parse_args(argv)

    paths = Paths.at(args.root or Paths().root, args.content, args.out)
    if args.command == "check":
        result = check(paths)
        status = _report(result, paths, args.github)
        if not status:
            c = result.catalogue
            print(f"ok: {len(c.projects)} projects, {len(c.regions)} regions, {len(c.municipalities)} municipalities, "
                  f"{len(c.sources)} sources")
        return status
    if args.command == "new":
        from .scaffold import AlreadyExists, new_item

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
    if args.command == "schema":
        from .schema import write_schemas

        result = check(paths)
        status = _report(result, paths, args.github)
        if status:
            return status
        written = write_schemas(paths.root / "schema", vocabularies(result.catalogue))
        print(f"schema: {len(written)} file(s) written" + (f": {', '.join(written)}" if written else ""))
        return 0
    if args.command == "build":
        if args.no_site:
            return _generate(paths, args.github)[0]
        # The Markdown is generated in a child process that ends before MkDocs and Pagefind start, so the
        # catalogue's memory is given back instead of being held while they run (at 10,000 projects that is
        # about half a gigabyte of the build's peak).
        with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
            status, epoch = pool.submit(_generate, paths, args.github).result()
        if status:
            return status
        code = build_site(paths, epoch=epoch)
        if code:
            print("the site tool failed; the previous site/ is left as it was.", file=sys.stderr)
            return 1
        print(f"site built in {paths.site}")
        return 0
    status = _report(generate(paths), paths, args.github)
    if status:
        return status
    # serve: MkDocs watches content/ and site_templates/; the hook regenerates changed pages only.
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(paths.config), "-a", args.addr]
    env = {**os.environ, "CATALOGUS_DOCS_DIR": str(paths.docs), "CATALOGUS_CONTENT_DIR": str(paths.content),
           "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.call(command, cwd=paths.root, env=env)


if __name__ == "__main__":
    sys.exit(main())
