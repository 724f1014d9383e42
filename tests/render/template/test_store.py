"""Prepared templates kept between processes: the same document from the cache as from a
fresh preparation, a key that changes with the template, a damaged or unwritable cache
costing only time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.render.template import store
from generator.render.template.preparation import PreparedTemplate, prepare
from generator.render.template.store import cached_prepare, prepared
from tests.conftest import ROOT

TEMPLATE = ROOT / "templates" / "ke-hoach.docx"


def test_a_prepared_template_is_kept_on_disk_and_gives_the_same_document(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHOACH_CACHE", str(tmp_path / "cache"))
    data = TEMPLATE.read_bytes()
    first = cached_prepare(data, "mau.docx")
    [kept] = (tmp_path / "cache").glob("mau-*.json")
    again = cached_prepare(data, "mau.docx")
    fresh = prepare(data, "mau.docx")
    for name in ("head", "tail", "body_source", "parts", "styles", "sections", "settings"):
        assert getattr(again, name) == getattr(first, name) == getattr(fresh, name), name
    kept.write_text("{hỏng", encoding="utf-8")  # a damaged cache is prepared again
    assert cached_prepare(data, "mau.docx").body_source == fresh.body_source
    monkeypatch.setenv("KEHOACH_CACHE", "0")
    assert cached_prepare(data, "mau.docx").parts == fresh.parts


def test_a_kept_template_is_read_back_without_preparing_it_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHOACH_CACHE", str(tmp_path))
    data = TEMPLATE.read_bytes()
    cached_prepare(data, "mau.docx")

    def refuse(data: bytes, source: str) -> PreparedTemplate:
        raise AssertionError("prepared again")

    monkeypatch.setattr(store, "prepare", refuse)
    assert cached_prepare(data, "mau-cua-xa.docx").source == "mau-cua-xa.docx", \
        "the source named is the caller's, not the one that filled the cache"


def test_a_restyled_template_is_kept_apart(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHOACH_CACHE", str(tmp_path))
    data = TEMPLATE.read_bytes()
    cached_prepare(data, "mau.docx")
    cached_prepare(data + b"\0", "mau.docx")  # zip readers ignore what follows the end
    assert len(list(tmp_path.glob("mau-*.json"))) == 2


def test_a_cache_folder_that_cannot_be_written_only_costs_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "tep"
    blocked.write_text("không phải thư mục", encoding="utf-8")
    monkeypatch.setenv("KEHOACH_CACHE", str(blocked))
    data = TEMPLATE.read_bytes()
    assert cached_prepare(data, "mau.docx").body_source == prepare(data, "mau.docx").body_source


def test_a_clerks_template_edited_in_place_is_prepared_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHOACH_CACHE", "0")
    path = tmp_path / "mau.docx"
    path.write_bytes(TEMPLATE.read_bytes())
    first = prepared(path)
    assert prepared(path) is first, "prepared once per process"
    path.write_bytes(TEMPLATE.read_bytes() + b"\0")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert prepared(path) is not first
