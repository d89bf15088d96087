"""`catalogus new`: a skeleton with the id from the title, never overwriting an editor's file."""
from conftest import run_cli


def test_new_project_skeleton_and_no_overwrite(mini_copy):
    first = run_cli("--content", str(mini_copy), "new", "project", "--title", "Valpreventie Oost-Gelre & Aalten")
    assert first.returncode == 0, first.stderr
    path = mini_copy / "projects" / "valpreventie-oost-gelre-en-aalten.yml"
    text = path.read_text(encoding="utf-8")
    assert 'title: "Valpreventie Oost-Gelre & Aalten"' in text
    # The skeleton is valid YAML but not yet valid content: check names the TODO fields.
    check = run_cli("--content", str(mini_copy), "check", cwd=mini_copy.parent)
    assert check.returncode == 1
    assert "content/projects/valpreventie-oost-gelre-en-aalten.yml:8: regions: must not be empty" in check.stderr
    path.write_text(text + "# edited\n", encoding="utf-8")
    again = run_cli("--content", str(mini_copy), "new", "project", "--title", "Valpreventie Oost-Gelre & Aalten")
    assert again.returncode == 1
    assert "already exists; nothing was written" in again.stderr
    assert path.read_text(encoding="utf-8").endswith("# edited\n")
