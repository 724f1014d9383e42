"""Facts of Excel's format kept in one place: cell sizes, column letters, sheet names."""

from __future__ import annotations

from generator.excel import SHEET_NAME_FORBIDDEN, SHEET_NAME_LIMIT, sheet_names


def test_sheet_names_are_valid_and_distinct_whatever_the_labels() -> None:
    labels = ["Phụ lục I", "Phụ lục I", "a/b:c*d?[e]" * 5, "History", "'Bảng'",
              "Phụ lục 12345678901234567890123456789", "Phụ lục 12345678901234567890123456780"]
    names = sheet_names(labels)
    assert names[:2] == ["Phụ lục I", "Phụ lục I (2)"]
    assert names[3] == "History (2)" and names[4] == "Bảng"
    assert len({n.casefold() for n in names}) == len(names)
    assert all(len(n) <= SHEET_NAME_LIMIT and not set(n) & SHEET_NAME_FORBIDDEN
               and not n.startswith("'") and not n.endswith("'") for n in names)


def test_a_sheet_name_is_the_same_for_the_same_labels() -> None:
    """The check names the sheets it warns about as the writer will: same labels, same
    names."""
    labels = ["Phụ lục II", "Phụ lục II", "Phụ lục II"]
    assert sheet_names(labels) == sheet_names(labels) == \
        ["Phụ lục II", "Phụ lục II (2)", "Phụ lục II (3)"]
