"""A regeneration with a cache (as `catalogus serve` does) gives exactly what a cold run gives, errors included."""
from __future__ import annotations

import shutil
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
    # The preview keeps the workbook of its first run (writing it is most of a warm regeneration); a cold
    # `catalogus build` writes it afresh. Everything else is byte for byte what a cold run writes.
    cold_workbook = _same_as_cold(warm, Paths.at(ROOT, mini_copy, tmp_path / "cold"), workbook)
    assert workbook != cold_workbook


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


def _same_as_cold(warm: Paths, cold: Paths, workbook: bytes) -> bytes:
    """The warm docs folder equals a cold generation of the same content, but for the workbook the warm process
    keeps from its first run (and the sizes of it that DCAT and /data/ state: with the sizes swapped they are the
    cold run's too). Returns the cold run's workbook."""
    shutil.rmtree(cold.docs, ignore_errors=True)
    result = generate(cold)
    assert not result.diagnostics, result.diagnostics.render()
    warm_files, cold_files = _tree(warm.docs), _tree(cold.docs)
    cold_workbook = cold_files.pop("data/projecten.xlsx")
    assert warm_files.pop("data/projecten.xlsx") == workbook
    sizes = [(str(len(workbook)).encode(), str(len(cold_workbook)).encode()),
             (f"{len(workbook) / 1024:.0f} kB".encode(), f"{len(cold_workbook) / 1024:.0f} kB".encode())]
    for name in [n for n in warm_files if warm_files[n] != cold_files.get(n)]:
        assert name in {"data/dcat.rdf", "data/dcat.jsonld", "data/index.md"}, name
        for warm_size, cold_size in sizes:
            warm_files[name] = warm_files[name].replace(warm_size, cold_size)
    assert sorted(warm_files) == sorted(cold_files)
    assert [n for n in warm_files if warm_files[n] != cold_files[n]] == []
    return cold_workbook


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_kind_of_edit_gives_what_a_cold_run_gives(mini_copy: Path, tmp_path: Path):
    """One long-running cache through a series of edits (each on top of the last, as while editing in
    `catalogus serve`): after each, the docs folder is byte for byte a cold generation's. Covers what the
    memoised view-models (pages.common.Views) depend on: a project's own fields, its place in lists and
    groups (region, theme, municipalities), the comparable projects, new and deleted files, an error and its
    fix, templates, mkdocs.yml and the files every page reads (regions, taxonomy)."""
    templates, config = tmp_path / "templates", tmp_path / "mkdocs.yml"
    shutil.copytree(ROOT / "site_templates", templates)
    shutil.copy(ROOT / "mkdocs.yml", config)

    def paths(out: str) -> Paths:
        return Paths(ROOT, mini_copy, templates, tmp_path / out / "build" / "docs", tmp_path / out / "site", config)

    warm, cold = paths("warm"), paths("cold")
    cache = Cache()
    assert not generate(warm, cache).diagnostics
    workbook = (warm.docs / "data" / "projecten.xlsx").read_bytes()
    projects = mini_copy / "projects"
    minima, inkoop = projects / "minimacontract-achterhoek.yml", projects / "inkoop-wijkgericht-werken-achterhoek.yml"
    new = projects / "nieuw-contract-achterhoek.yml"
    edits = [
        ("title", lambda: _replace(minima, "title: Minimacontract", "title: Minimacontract Achterhoek")),
        ("summary", lambda: _replace(minima, "summary: Collectieve", "summary: Een collectieve")),
        # the finder's compound parts (search_index.SearchWords): a compound of two catalogue words, then one
        # whose parts enter the catalogue through another project's edit, and leave it again
        ("compound", lambda: _replace(minima, "summary: Een collectieve",
                                      "summary: Een samenwerkingsverband voor inkoopzorg, een collectieve")),
        ("parts elsewhere", lambda: _replace(inkoop, "title: Inkoop", "title: Samenwerking verband Inkoop")),
        ("parts gone", lambda: _replace(inkoop, "title: Samenwerking verband Inkoop", "title: Inkoop")),
        ("theme", lambda: _replace(minima, "themes: [minima]", "themes: [minima, ouderen]")),
        ("municipalities", lambda: _replace(minima, "whole_region: true", "whole_region: false\nmunicipalities: [aalten]")),
        ("insurer", lambda: _replace(minima, "insurers: [menzis]", "insurers: [menzis, vgz]")),
        ("region", lambda: _replace(inkoop, "regions: [achterhoek]", "regions: [achterhoek, alblasserwaard-vijfheerenlanden]")),
        ("new file", lambda: new.write_text(minima.read_text(encoding="utf-8").replace(
            "title: Minimacontract Achterhoek", "title: Nieuw contract"), encoding="utf-8")),
        ("same approach", lambda: _replace(new, "title: Nieuw contract", "title: Minimacontract in de Achterhoek")),
        ("deleted file", lambda: new.unlink()),
        ("error", lambda: minima.write_text(minima.read_text(encoding="utf-8") + "onbekend_veld: 1\n", encoding="utf-8")),
        ("fixed", lambda: _replace(minima, "onbekend_veld: 1\n", "")),
        ("template", lambda: _replace(templates / "project.md.j2", "<small>Opgenomen", "<small>Toegevoegd")),
        ("mkdocs.yml", lambda: _replace(config, "site_name: ", "site_name: Nieuwe ")),
        ("region file", lambda: _replace(mini_copy / "regions" / "achterhoek.yml", "Acht gemeenten", "Zeven gemeenten")),
        ("taxonomy", lambda: _replace(mini_copy / "taxonomy.yml", "label: ", "label: Andere ")),
    ]
    for name, edit in edits:
        edit()
        result = generate(warm, cache)
        if name == "error":
            assert "onbekend_veld" in result.diagnostics.render()
            continue
        assert not result.diagnostics, (name, result.diagnostics.render())
        assert result.report.written or name == "fixed", name
        _same_as_cold(warm, cold, workbook)
        if name == "parts elsewhere":  # the edit of one project gave another one new hidden words
            assert "samenwerking verband" in (warm.docs / "projecten" / f"{minima.stem}.md").read_text(encoding="utf-8")
