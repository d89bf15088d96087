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
