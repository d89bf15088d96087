"""/api/v1/: one JSON file per project and per region, theme, topic, municipality and insurer, with their JSON
Schemas (see `generator/api.py`); data files only, written byte for byte."""
from __future__ import annotations

from ..api import api_files
from .common import Page, Site


def pages(site: Site) -> list[Page]:
    files = api_files(site.c, site.config.site_url, site.config.publication,
                      site.remember if site.views is not None else None)
    return [Page(path, "", {"text": text}) for path, text in files.items()]
