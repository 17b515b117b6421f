"""Atomic writes: complete file or none, the old file kept on failure, normal permissions."""

from __future__ import annotations

import os

import pytest

from keneng_audit.atomic import atomic_write
from keneng_audit.errors import InputError


def test_writes_text_and_binary(tmp_path):
    with atomic_write(tmp_path / "a.txt") as stream:
        stream.write("核查\n")
    with atomic_write(tmp_path / "b.bin", binary=True) as stream:
        stream.write(b"PK\x03\x04")
    assert (tmp_path / "a.txt").read_bytes() == "核查\n".encode("utf-8")
    assert (tmp_path / "b.bin").read_bytes() == b"PK\x03\x04"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.bin"]


def test_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(target) as stream:
        stream.write("half")
        raise RuntimeError("renderer failed")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_new_file_gets_umask_permissions_and_existing_keeps_its_mode(tmp_path):
    umask = os.umask(0o022)
    try:
        with atomic_write(tmp_path / "new.txt") as stream:
            stream.write("x")
        assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o644
        (tmp_path / "kept.txt").write_text("x")
        (tmp_path / "kept.txt").chmod(0o600)
        with atomic_write(tmp_path / "kept.txt") as stream:
            stream.write("y")
        assert (tmp_path / "kept.txt").stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(umask)


def test_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"), atomic_write(tmp_path / "no" / "x.txt"):
        pass
