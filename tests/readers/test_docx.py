"""A Word paragraph as the import reads it (``readers.docx``): its words and its marks."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from generator.readers.blocks import Line
from generator.readers.docx import read
from tests.helpers.small_docx import package


def _run(text: str, marks: str = "") -> str:
    return f'<w:r><w:rPr>{marks}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_bold_italic_is_kept_where_word_holds_letters_decomposed() -> None:
    """Lâm Đồng's plan against drugs: "từ" typed with a combining mark (NFD) made the marked
    words differ from the paragraph's composed words, and every mark of the paragraph was
    dropped (its bold-italic sentence rebuilt plain)."""
    decomposed = unicodedata.normalize("NFD", "Nắm chắc tình hình từ sớm. ")
    body = (f"<w:p>{_run('1.', '<w:b/>')}{_run(' ' + decomposed)}"
            f"{_run('Bảo đảm đạt ít nhất 40%', '<w:b/><w:i/>')}{_run(', từng bước.')}</w:p>")
    [line] = [b for b in read(Path("x.docx"), package(body)).blocks if isinstance(b, Line)]
    assert line.plain == "1. Nắm chắc tình hình từ sớm. Bảo đảm đạt ít nhất 40%, từng bước."
    assert line.markup == ("**1.** Nắm chắc tình hình từ sớm. ***Bảo đảm đạt ít nhất 40%***, "
                           "từng bước.")
