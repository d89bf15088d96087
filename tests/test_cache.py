"""A regeneration with a cache (as `catalogus serve` does) gives exactly what a cold run gives, errors included."""
from __future__ import annotations

from pathlib import Path

from conftest import ROOT

from generator.build import Paths, generate
from generator.cache import Cache


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_warm_regeneration_equals_a_cold_one(mini_copy: Path, tmp_path: Path):
    warm = Paths.at(ROOT, mini_copy, tmp_path / "warm")
    cache = Cache()
    first = generate(warm, cache)
    assert not first.diagnostics and first.report.written
    workbook = (warm.docs / "data" / "projecten.xlsx").read_bytes()
    assert not generate(warm, cache).report.written  # nothing changed, nothing written
    edited = sorted((mini_copy / "projects").glob("[!_]*.yml"))[0]
    first_line, rest = edited.read_text(encoding="utf-8").split("\n", 1)
    assert first_line.startswith("title: ") and first_line[-1] not in "'\""
    edited.write_text(f"{first_line} (gewijzigd)\n{rest}", encoding="utf-8")
    report = generate(warm, cache).report
    assert f"projecten/{edited.stem}.md" in report.written
    assert "data/projecten.json" in report.written and "data/projecten.csv" in report.written
    cold = Paths.at(ROOT, mini_copy, tmp_path / "cold")
    generate(cold)
    warm_files, cold_files = _tree(warm.docs), _tree(cold.docs)
    # The preview keeps the workbook of its first run (writing it is most of a warm regeneration); a cold
    # `catalogus build` writes it afresh. Everything else is byte for byte what a cold run writes.
    cold_workbook = cold_files.pop("data/projecten.xlsx")
    assert warm_files.pop("data/projecten.xlsx") == workbook != cold_workbook
    # The files that state the workbook's size (DCAT's byteSize, the /data/ page) state the size of the one
    # actually served; with the sizes swapped they are the cold run's too.
    sizes = [(str(len(workbook)).encode(), str(len(cold_workbook)).encode()),
             (f"{len(workbook) / 1024:.0f} kB".encode(), f"{len(cold_workbook) / 1024:.0f} kB".encode())]
    for name in [n for n in warm_files if warm_files[n] != cold_files.get(n)]:
        assert name in {"data/dcat.rdf", "data/dcat.jsonld", "data/index.md"}, name
        for warm_size, cold_size in sizes:
            warm_files[name] = warm_files[name].replace(warm_size, cold_size)
    assert warm_files == cold_files


def test_a_regeneration_reads_back_only_what_it_did_not_write(mini_copy: Path, tmp_path: Path):
    paths = Paths.at(ROOT, mini_copy, tmp_path / "out")
    cache = Cache()
    generate(paths, cache)
    page = paths.docs / "regios" / "index.md"
    page.unlink()  # gone behind the cache's back: written again, not taken as unchanged
    report = generate(paths, cache).report
    assert report.written == ["regios/index.md"]


def test_errors_are_reported_on_every_run(mini_copy: Path, tmp_path: Path):
    paths = Paths.at(ROOT, mini_copy, tmp_path / "out")
    cache = Cache()
    generate(paths, cache)
    project = sorted((mini_copy / "projects").glob("[!_]*.yml"))[0]
    project.write_text(project.read_text(encoding="utf-8") + "onbekend_veld: 1\n", encoding="utf-8")
    first = generate(paths, cache).diagnostics.render()
    second = generate(paths, cache).diagnostics.render()
    assert "onbekend_veld" in first and first == second
