"""What the import tests share: the real plans, importing one, and the words of a YAML."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from generator.draft import draft_text
from generator.readers import Imported, import_file
from tests.helpers.fidelity import words

HERE = Path(__file__).resolve().parent
PLANS = sorted([*HERE.glob("cases/*.docx"), *HERE.glob("plans/*.docx")])
"""Real plans no one here wrote: the six with golden YAML, and the others (SOURCES.md)."""

TOOL_PRINTED = frozenset((
    "cộng", "hòa", "hoà", "xã", "hội", "chủ", "nghĩa", "việt", "nam", "độc", "lập", "tự", "do",
    "hạnh", "phúc", "số", "kh", "ubnd", "sct", "ngày", "tháng", "năm", "căn", "cứ", "thực",
    "hiện", "nơi", "nhận", "lưu", "kt", "tm", "q", "tl", "tuq", "kèm", "theo", "ban", "hành",
    "kế", "hoạch", "của", "phụ", "lục", "tt", "stt"))
"""Words kehoach prints itself, so the YAML need not hold them: the national motto, "Số:",
the date's "ngày tháng năm", the verb "Căn cứ", "Nơi nhận", "Lưu", "KT."/"TM.", and the
appendix's "Phụ lục" and "(Kèm theo Kế hoạch số … của …)" line, a task table's "STT" (a
source's "TT" is printed "STT"). Numbers and single letters
are the section numbers ("I.", "1.", "a)") and the table's STT, also printed."""


def printed_by_the_tool(word: str) -> bool:
    """A word the rebuild prints whatever the YAML says."""
    return word in TOOL_PRINTED or word.isdigit() or len(word) == 1 or \
        re.fullmatch(r"[ivxl]+", word) is not None


def yaml_words(text: str) -> Counter[str]:
    """The words of every value in a YAML file (keys left out)."""
    return Counter(w for value in _values(yaml.safe_load(text)) for w in words(value))


def _values(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _values(value)
    elif isinstance(node, list):
        for item in node:
            yield from _values(item)
    elif node is not None and not isinstance(node, bool):
        yield str(node)


def imported(path: Path) -> tuple[Imported, str]:
    """``path`` imported, and its YAML text."""
    found = import_file(path)
    return found, draft_text(found.draft)
