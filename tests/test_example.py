"""The commented example project shows every field and stays valid."""
from conftest import ROOT
from generator import model as m
from generator.diagnostics import Diagnostics
from generator.sources import read_yaml_file

EXAMPLE = ROOT / "content" / "projects" / "_voorbeeld.yml"


def test_example_is_valid_and_complete():
    diagnostics = Diagnostics()
    doc = read_yaml_file(EXAMPLE, diagnostics)
    project = m.parse(m.Project, doc, diagnostics)
    assert not diagnostics, diagnostics.render()
    assert set(doc.data) == set(m.Project.model_fields), "the example must show every field"
    assert project.title


def test_committed_json_schemas_are_current():
    """schema/*.schema.json is generated from the model and the vocabularies: `catalogus schema` after a change."""
    import json

    from generator.catalogue import load_catalogue
    from generator.schema import vocabularies
    from generator.schema import schemas

    diagnostics = Diagnostics()
    catalogue = load_catalogue(ROOT / "content", diagnostics)
    assert catalogue is not None, diagnostics.render()
    for name, schema in schemas(vocabularies(catalogue)).items():
        committed = json.loads((ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert committed == schema, f"schema/{name}.schema.json is out of date: run `catalogus schema`"
