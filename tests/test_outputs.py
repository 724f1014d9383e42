"""Outputs are whole or absent: atomic replacement, and new files that never replace one."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.outputs import write_bytes_atomic, write_text_new


def test_a_replaced_output_is_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "ke-hoach.docx"
    write_bytes_atomic(target, b"cu")
    write_bytes_atomic(target, b"moi")
    assert target.read_bytes() == b"moi"
    assert [p.name for p in target.parent.iterdir()] == ["ke-hoach.docx"]


def test_a_new_file_never_replaces_an_existing_one(tmp_path: Path) -> None:
    target = tmp_path / "xa.yaml"
    write_text_new(target, "đầu tiên\n")
    with pytest.raises(FileExistsError):
        write_text_new(target, "thứ hai\n")
    assert target.read_text(encoding="utf-8") == "đầu tiên\n"
    assert [p.name for p in tmp_path.iterdir()] == ["xa.yaml"]
