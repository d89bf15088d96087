"""The /data/ downloads hold exactly the catalogue: JSON field for field, CSV row for row."""
from __future__ import annotations

import csv
import json

from conftest import ROOT
from generator import model as m
from generator.catalogue import load_catalogue
from generator.diagnostics import Diagnostics


def test_downloads_match_the_content(real_site):
    catalogue = load_catalogue(ROOT / "content", Diagnostics())
    data = real_site / "site" / "data"
    rows = json.loads((data / "projecten.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == sorted(catalogue.projects)
    for row in rows:
        project = m.Project.model_validate({k: v for k, v in row.items() if k != "id"})
        assert project == catalogue.projects[row["id"]].item  # lossless
    with (data / "projecten.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [r["id"] for r in table] == [r["id"] for r in rows]
    first = next(r for r in rows if r.get("description") and "\n\n" in r["description"])
    assert next(t for t in table if t["id"] == first["id"])["description"] == first["description"]
