"""Synthetic catalogues: valid content for N projects, recombined from the real catalogue.

In:  the real content folder and a project count N.
Out: a complete content folder (registers, taxonomy, regions, sources and the guide copied from
     the real one; N project files written) that passes `catalogus check`.

    python benchmarks/synth.py --n 2000 --out /tmp/synth-2000
    python -m generator --content /tmp/synth-2000 check

Every project borrows the *shape* of a real project (a "donor": which fields it fills, how many
regions, themes, goals, links ...), so field frequencies and text lengths follow the real
catalogue. The values are drawn again: text is re-combined from real sentences and title words,
facets are drawn from the real occurrences (so common themes stay common), municipalities come
from the chosen regions, source pages from real references. Nothing is invented but the dates.

Deterministic: project i depends only on the seed and i (its own `random.Random`), so the same
N gives byte-identical files and the first 2,000 projects of N=10,000 are those of N=2,000.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.slugs import slugify  # noqa: E402

REAL = ROOT / "content"
MARKER = "_synthetic"  # written into every output folder (a "_" file, which the catalogue does not read); only such a folder is ever overwritten
COPIED_FILES = ("taxonomy.yml", "insurers.yml", "municipalities.yml")
COPIED_FOLDERS = ("regions", "sources", "handreiking")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9'‘“(])")


class _Loader(yaml.SafeLoader):
    """Dates stay text, as in the generator."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def _sentences(text: str | None) -> list[str]:
    if not text:
        return []
    return [s.strip() for s in _SENTENCE.split(" ".join(text.split())) if len(s.strip()) > 20]


class Pools:
    """Everything the real catalogue offers to draw from, in a fixed order."""

    def __init__(self, content: Path):
        files = sorted(p for p in (content / "projects").glob("*.yml") if not p.name.startswith("_"))
        self.donors: list[dict[str, Any]] = [_load(p) for p in files]
        self.regions: dict[str, dict[str, Any]] = {
            p.stem: _load(p) for p in sorted((content / "regions").glob("*.yml")) if not p.name.startswith("_")
        }
        self.insurers = [i["id"] for i in _load(content / "insurers.yml")["insurers"]]
        taxonomy = _load(content / "taxonomy.yml")
        self.forms = [t["id"] for t in taxonomy["forms"]]
        d = self.donors

        def occurrences(key: str) -> list[Any]:
            return [v for p in d for v in (p.get(key) or [])]

        self.title_words = [w for p in d for w in p["title"].split()]
        self.summaries = [p["summary"] for p in d]
        self.description = [s for p in d for s in _sentences(p.get("description"))]
        self.goals = [s for p in d for g in p.get("goals") or [] for s in _sentences(g) or [g]]
        self.results = [s for p in d for r in p.get("results") or [] for s in _sentences(r) or [r]]
        self.funding = [s for p in d for s in _sentences(p.get("funding")) or ([p["funding"]] if p.get("funding") else [])]
        self.notes = [s for p in d for s in _sentences(p.get("notes"))]
        self.partners = occurrences("partners")
        self.themes = occurrences("themes")
        self.themes_other = occurrences("themes_other")
        self.instruments = occurrences("instruments")
        self.links = occurrences("links")
        self.targets = occurrences("targets")
        self.sources = occurrences("sources")
        self.scales = [p["scale"] for p in d if p.get("scale")]
        self.statuses = [p["status"] for p in d]
        self.single_forms = [p["form"] for p in d if isinstance(p.get("form"), str)] or self.forms
        self.as_printed: dict[str, list[str]] = {}
        for p in d:
            for key, value in (p.get("as_printed") or {}).items():
                self.as_printed.setdefault(key, []).append(value)
        self.region_insurers = {rid: r.get("insurers") or [] for rid, r in self.regions.items()}


def _pick(rng: random.Random, pool: list[Any], k: int) -> list[Any]:
    """Up to k distinct values, drawn with the pool's frequencies, in drawing order."""
    out: list[Any] = []
    for _ in range(k * 4):
        if len(out) == k or not pool:
            break
        value = rng.choice(pool)
        if value not in out:
            out.append(value)
    return out


def _text(rng: random.Random, pool: list[str], length: int, limit: int) -> str:
    """Real sentences, drawn until about `length` characters."""
    out: list[str] = []
    size = 0
    while pool and (size < length or not out):
        sentence = rng.choice(pool)
        if size + len(sentence) + 1 > limit:
            break
        out.append(sentence)
        size += len(sentence) + 1
    return " ".join(out) or pool[0][:limit]


def _summary(rng: random.Random, pools: Pools) -> str:
    """The start of one real summary joined to the end of another, at word boundaries."""
    first, second = rng.choice(pools.summaries).split(), rng.choice(pools.summaries).split()
    head = first[: max(2, len(first) // 2)]
    tail = second[len(second) // 2:] or second
    text = " ".join(head + tail)
    if len(text) > 290:
        text = text[:290].rsplit(" ", 1)[0] + "."
    return text


def _title(rng: random.Random, pools: Pools, donor: dict[str, Any]) -> str:
    words = donor["title"].split()
    count = max(1, min(len(words) + rng.randint(-1, 2), 12))
    return " ".join(rng.choice(pools.title_words) for _ in range(count))[:110].strip()


def project(i: int, pools: Pools, seed: int) -> tuple[str, dict[str, Any]]:
    """Synthetic project number i (0-based): (id, fields in the order of a real file)."""
    rng = random.Random(f"{seed}:{i}")
    donor = rng.choice(pools.donors)
    # the number keeps titles unique: two projects with one name in one region are a duplicate to the catalogue
    title = f"{_title(rng, pools, donor)} {i + 1}"
    pid = f"{slugify(title, max_length=60) or 'project'}-{i + 1:05d}"
    out: dict[str, Any] = {"title": title, "kind": donor.get("kind", "project"), "summary": _summary(rng, pools)}
    if donor.get("description"):
        out["description"] = _text(rng, pools.description, len(donor["description"]), 19_000)
    regions = rng.sample(sorted(pools.regions), k=min(len(donor["regions"]), len(pools.regions)))
    out["regions"] = regions
    members = list(dict.fromkeys(m for r in regions for m in pools.regions[r]["municipalities"]))
    municipalities = rng.sample(members, k=min(len(donor.get("municipalities") or []), len(members)))
    out["municipalities"] = municipalities
    out["whole_region"] = bool(donor.get("whole_region"))
    local = [ins for r in regions for ins in pools.region_insurers[r]] or pools.insurers
    count = len(donor.get("insurers") or [])
    insurers = _pick(rng, local, count)  # the regions' own insurers first, then any
    insurers += [x for x in _pick(rng, pools.insurers, count) if x not in insurers][: count - len(insurers)]
    out["insurers"] = insurers
    out["partners"] = _pick(rng, pools.partners, len(donor.get("partners") or []))
    if "themes" in donor:
        out["themes"] = _pick(rng, pools.themes, len(donor["themes"] or []))
    if donor.get("themes_other"):
        out["themes_other"] = _pick(rng, pools.themes_other, len(donor["themes_other"]))
    form = donor.get("form")
    if isinstance(form, dict):
        keys = _pick(rng, municipalities or members, max(1, len(form) - 1))
        out["form"] = {**{k: rng.choice(pools.forms) for k in keys}, "overige": rng.choice(pools.forms)}
    elif form:
        out["form"] = rng.choice(pools.single_forms)
    if "instruments" in donor:
        out["instruments"] = _pick(rng, pools.instruments, len(donor["instruments"] or []))
    if donor.get("scale"):
        out["scale"] = rng.choice(pools.scales)
    out["status"] = rng.choice(pools.statuses)
    if donor.get("period"):
        start = rng.randint(2010, 2020)
        out["period"] = {"start": start, "end": start + rng.randint(0, 5)} if rng.random() < 0.7 else {"start": start}
    if donor.get("goals"):
        out["goals"] = [_text(rng, pools.goals, len(g), 2_000) for g in donor["goals"]]
    if donor.get("targets"):
        out["targets"] = [dict(rng.choice(pools.targets)) for _ in donor["targets"]]
    if donor.get("results"):
        out["results"] = [_text(rng, pools.results, len(r), 2_000) for r in donor["results"]]
    if donor.get("funding"):
        out["funding"] = _text(rng, pools.funding, len(donor["funding"]), 2_000)
    if "links" in donor:
        out["links"] = [dict(link) for link in _pick(rng, pools.links, len(donor["links"] or []))]
    if donor.get("as_printed"):
        out["as_printed"] = {key: rng.choice(pools.as_printed[key]) for key in donor["as_printed"]}
    if donor.get("quirks"):
        out["quirks"] = list(donor["quirks"])
    if donor.get("notes"):
        out["notes"] = _text(rng, pools.notes, len(donor["notes"]), 2_000)
    out["sources"] = [dict(ref) for ref in _pick(rng, pools.sources, len(donor["sources"]))]
    out["reference_date"] = donor["reference_date"]
    added = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700))
    updated = added + dt.timedelta(days=rng.randrange(200)) if rng.random() < 0.4 else added
    out["added"], out["updated"] = added.isoformat(), updated.isoformat()
    if rng.random() < 0.02:  # renamed projects: their former id becomes a redirect page
        out["aliases"] = [f"{pid}-oud"]
    return pid, out


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120, default_flow_style=None)


def write_catalogue(n: int, out: Path, content: Path = REAL, seed: int = 2017) -> Path:
    """Write a complete content folder with n synthetic projects into `out` (replacing an earlier one)."""
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise SystemExit(f"{out} is not empty and was not written by synth.py; refusing to overwrite it")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text(f"n={n} seed={seed}\n", encoding="utf-8")
    for name in COPIED_FILES:
        shutil.copyfile(content / name, out / name)
    for folder in COPIED_FOLDERS:
        if (content / folder).is_dir():
            shutil.copytree(content / folder, out / folder)
    pools = Pools(content)
    projects = out / "projects"
    projects.mkdir()
    for i in range(n):
        pid, data = project(i, pools, seed)
        (projects / f"{pid}.yml").write_text(dump(data), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic content folder with N projects.")
    parser.add_argument("--n", type=int, required=True, help="number of projects")
    parser.add_argument("--out", type=Path, required=True, help="content folder to write (replaced if synthetic)")
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args(argv)
    write_catalogue(args.n, args.out, seed=args.seed)
    print(f"{args.n} synthetic projects written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
