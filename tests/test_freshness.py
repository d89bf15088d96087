"""Freshness: a project not checked for longer than extra.freshness.max_age_days says so, measured against an
explicit "today" (CATALOGUS_TODAY), so the same content and the same date build the same pages."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from conftest import MINI, ROOT, TODAY, run_cli
from generator.build import site_config, today
from generator.catalogue import load_catalogue
from generator.diagnostics import Diagnostics
from generator.pages import build_pages
from generator.pages.common import reference_label

NOTICE = "Deze gegevens zijn sinds"


def project_pages(config) -> dict[str, dict]:
    catalogue = load_catalogue(MINI, Diagnostics())
    return {p.path: p.view for p in build_pages(catalogue, config) if p.template == "project.md.j2"}


def test_configured_age_and_pinned_today_are_read():
    config = site_config(ROOT / "mkdocs.yml")
    assert config.max_age_days == 730
    assert config.today == dt.date.fromisoformat(TODAY)


@pytest.mark.parametrize("day,stale", [
    # minimacontract: updated 2024-05-02, no `verified`; inkoop: verified 2026-02-01 (its update is older)
    ("2026-05-02", set()),                                   # exactly 730 days: not yet
    ("2026-05-03", {"minimacontract-achterhoek"}),           # one day more
    ("2028-02-02", {"minimacontract-achterhoek", "inkoop-wijkgericht-werken-achterhoek"}),
])
def test_notice_follows_verified_then_updated(day, stale):
    config = dataclasses.replace(site_config(ROOT / "mkdocs.yml"), today=dt.date.fromisoformat(day))
    views = project_pages(config)
    flagged = {path.removeprefix("projecten/").removesuffix(".md") for path, v in views.items() if v["stale_since"]}
    assert flagged - {"afstemmen-op-specifiek-thema-alblasserwaard-vijfheerenlanden"} == stale
    if "inkoop-wijkgericht-werken-achterhoek" in stale:
        assert views["projecten/inkoop-wijkgericht-werken-achterhoek.md"]["stale_since"] == "1 februari 2026"


def test_zero_switches_the_notice_off():
    config = dataclasses.replace(site_config(ROOT / "mkdocs.yml"), max_age_days=0, today=dt.date(2099, 1, 1))
    assert not any(v["stale_since"] for v in project_pages(config).values())


def test_bad_today_is_a_usage_error(monkeypatch, tmp_path):
    monkeypatch.setenv("CATALOGUS_TODAY", "1-12-2026")
    with pytest.raises(ValueError, match="CATALOGUS_TODAY='1-12-2026' is not a date; use YYYY-MM-DD"):
        today()
    result = run_cli("--content", str(MINI), "--out", str(tmp_path), "build", "--no-site")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == "catalogus: CATALOGUS_TODAY='1-12-2026' is not a date; use YYYY-MM-DD"


def test_built_page_shows_reference_date_and_notice(mini_site):
    stale = (mini_site / "projecten" / "minimacontract-achterhoek" / "index.html").read_text(encoding="utf-8")
    fresh = (mini_site / "projecten" / "inkoop-wijkgericht-werken-achterhoek" / "index.html").read_text(encoding="utf-8")
    assert "stand 2017" in stale and "stand 2017" in fresh
    assert f"{NOTICE} 2 mei 2024 niet gecontroleerd" in stale and 'class="admonition warning"' in stale
    assert NOTICE not in fresh and "gecontroleerd 1 februari 2026" in fresh


def test_every_real_project_page_shows_its_reference_date(real_site):
    catalogue = load_catalogue(ROOT / "content", Diagnostics())
    for pid, entry in catalogue.projects.items():
        html = (real_site / "site" / "projecten" / pid / "index.html").read_text(encoding="utf-8")
        assert reference_label(entry.item.reference_date) in html, pid
