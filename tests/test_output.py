import pytest

from generator.output import Tree, UnsafePath, write_tree


def test_never_writes_outside_the_folder(tmp_path):
    with pytest.raises(UnsafePath):
        write_tree(tmp_path / "docs", {"../evil.md": "x"})
    assert not (tmp_path / "evil.md").exists()


def test_write_if_changed_and_remove_stale(tmp_path):
    root = tmp_path / "docs"
    write_tree(root, {"a.md": "1", "sub/b.md": "2"})
    mtime = (root / "a.md").stat().st_mtime_ns
    report = write_tree(root, {"a.md": "1"})
    assert report.written == [] and report.removed == ["sub/b.md"]
    assert (root / "a.md").stat().st_mtime_ns == mtime
    assert not (root / "sub").exists()


def test_a_tree_writes_nothing_before_its_commit(tmp_path):
    root = tmp_path / "docs"
    write_tree(root, {"a.md": "1", "b.md": "2", "sub/c.md": "3"})
    mtime = (root / "a.md").stat().st_mtime_ns
    with Tree(root) as tree:
        tree.add("a.md", "1")
        tree.add("b.md", "two")
        tree.add("new/d.md", b"4")
        assert {p.name for p in root.rglob("*")} == {"a.md", "b.md", "sub", "c.md"}
        assert (root / "b.md").read_text() == "2"
        report = tree.commit()
    assert (report.written, report.unchanged, report.removed) == (["b.md", "new/d.md"], 1, ["sub/c.md"])
    assert (root / "b.md").read_text() == "two" and (root / "new" / "d.md").read_bytes() == b"4"
    assert (root / "a.md").stat().st_mtime_ns == mtime  # unchanged: not rewritten
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]  # the staging folder is gone


def test_a_tree_left_by_an_error_leaves_the_folder_as_it_was(tmp_path):
    root = tmp_path / "docs"
    write_tree(root, {"a.md": "1"})
    with pytest.raises(RuntimeError):
        with Tree(root) as tree:
            tree.add("a.md", "changed")
            tree.add("b.md", "new")
            raise RuntimeError("a later page failed")
    assert [p.name for p in tmp_path.rglob("*")] == ["docs", "a.md"] and (root / "a.md").read_text() == "1"
    with pytest.raises(RuntimeError):
        with Tree(tmp_path / "out" / "build" / "docs") as tree:
            tree.add("a.md", "1")
            raise RuntimeError("failed before the first build")
    assert not (tmp_path / "out").exists()
