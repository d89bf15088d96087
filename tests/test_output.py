import pytest

from generator.output import UnsafePath, write_tree


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
