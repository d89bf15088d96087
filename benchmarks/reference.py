"""The benchmark's fixed reference: the Markdown that the generator of a pinned commit writes for a content
folder, and the plain `mkdocs build` of it with that commit's mkdocs.yml.

Issue #15 judges our full build against "a plain `mkdocs build` of the Markdown that today's generator
writes". Today's generator changes with every merge, so the reference is pinned to one commit
(REFERENCE_COMMIT, main before the HTML page bodies) instead of being stored: its source is taken from
git (`git archive`, no network) into the scratch folder once, with that commit's content and synth.py, and run
with this checkout's virtualenv. A stored copy of the real
catalogue's Markdown would be 900 files that go stale the day the content changes; the commit does not.

    python benchmarks/reference.py --n real --out /tmp/ref-real          # -> /tmp/ref-real/build/docs
    python benchmarks/reference.py --n 2000 --out /tmp/ref-2000 --site   # plus site/

`benchmarks/run.py` calls `reference_docs()` and `mkdocs_command()` for its "plain mkdocs" column.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_COMMIT = "07eaae4f8cc636209eeed4bfdb9634b5ad195a73"  # main on 2026-12-01, before page bodies as HTML (issue #15)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0", "CATALOGUS_TODAY": "2026-12-01"}


def source(work: Path, commit: str = REFERENCE_COMMIT) -> Path:
    """The pinned commit's tree (generator, templates, mkdocs.yml, overrides) in work/reference-<commit>/."""
    target = work / f"reference-{commit[:12]}"
    if (target / ".complete").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit, "generator", "site_templates",
                              "overrides", "mkdocs.yml", "content", "benchmarks/synth.py"],
                             check=True, capture_output=True).stdout
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    (target / ".complete").write_text(commit + "\n")
    return target


def _env(src: Path, **extra: str) -> dict[str, str]:
    # The pinned `generator` package must win over this checkout's (installed in editable mode).
    return {**ENV, "PYTHONPATH": str(src), **extra}


def reference_docs(n: str, out: Path, work: Path) -> Path:
    """Write the pinned generator's Markdown for the real catalogue (n="real") or a synthetic one of n projects
    into out/build/docs (rewritten every call). Both come from the pinned commit itself, content and synth.py
    included: today's content has fields (topics) the pinned model rejects, so the reference catalogue is the
    same size and the same recombination of the same projects, as the pinned code saw them."""
    src = source(work)
    shutil.rmtree(out, ignore_errors=True)
    content = src / "content"
    if n != "real":
        content = work / f"reference-content-{n}"
        marker = content / ".synthetic"
        if not marker.exists() or not marker.read_text().startswith(f"n={n} "):
            subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, 'benchmarks'); import synth; "
                            f"from pathlib import Path; synth.write_catalogue({int(n)}, Path({str(content)!r}), "
                            "Path('content'), seed=2017)"], cwd=src, env=_env(src), check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "generator", "--content", str(content), "--out", str(out.resolve()),
                    "build", "--no-site"], cwd=src, env=_env(src), check=True, capture_output=True)
    return out / "build" / "docs"


def mkdocs_command(docs: Path, site: Path, work: Path) -> tuple[list[str], dict[str, str], Path]:
    """The plain `mkdocs build --strict` of reference Markdown with the pinned mkdocs.yml: command, env, cwd."""
    src = source(work)
    env = _env(src, CATALOGUS_GENERATED="1", CATALOGUS_DOCS_DIR=str(docs.resolve()), SOURCE_DATE_EPOCH="0")
    return ([sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "-f", str(src / "mkdocs.yml"),
             "-d", str(site.resolve())], env, src)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", default="real", help="'real' or a number of synthetic projects")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/catalogus-bench"))
    parser.add_argument("--site", action="store_true", help="also run the plain mkdocs build into OUT/site")
    args = parser.parse_args(argv)
    docs = reference_docs(args.n, args.out, args.work)
    print(f"reference Markdown of {REFERENCE_COMMIT}: {docs}")
    if args.site:
        command, env, cwd = mkdocs_command(docs, args.out / "site", args.work)
        subprocess.run(command, env=env, cwd=cwd, check=True)
        print(f"plain mkdocs build: {args.out / 'site'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
