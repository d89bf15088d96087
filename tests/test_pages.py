"""The pages package: every page kind is a module that can be built alone, and a page kind lives in one module."""
from __future__ import annotations

import pytest

from conftest import MINI, ROOT
from generator import pages as site_pages
from generator.build import site_config
from generator.catalogue import load_catalogue
from generator.diagnostics import Diagnostics
from generator.pages.common import Site


@pytest.fixture(scope="module")
def site() -> Site:
    diagnostics = Diagnostics()
    catalogue = load_catalogue(MINI, diagnostics)
    assert catalogue is not None, diagnostics.render()
    return Site(catalogue, site_config(ROOT / "mkdocs.yml"))


def test_build_pages_is_the_page_kinds_in_order(site):
    """build_pages is nothing but the table of contents: each kind's pages, in the order of PAGE_KINDS."""
    alone = [page.path for kind in site_pages.PAGE_KINDS for page in kind.pages(site)]
    together = [page.path for page in site_pages.build_pages(site.c, site.config)]
    assert together == alone
    assert together[0] == "index.md"


def test_each_template_is_filled_by_one_page_kind_module(site):
    owner: dict[str, str] = {}
    for kind in site_pages.PAGE_KINDS:
        for page in kind.pages(site):
            if not page.template:
                continue  # download files are written as they are
            assert owner.setdefault(page.template, kind.__name__) == kind.__name__, (
                f"{page.template} is made by {owner[page.template]} and {kind.__name__}")
    templates = {p.name for p in (ROOT / "site_templates").glob("*.j2")}
    assert set(owner) == templates, "a template no page kind uses, or a page kind without a template"


def test_a_page_kind_builds_alone(site):
    """One module is enough to build its pages (here the region pages) from the catalogue and config."""
    from generator.pages import region

    built = region.pages(site)
    assert [p.path for p in built] == [f"regios/{rid}.md" for rid in site.c.regions]
    assert all(p.template == "region.md.j2" and p.view["title"] for p in built)
