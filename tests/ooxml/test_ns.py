"""One namespace table: ``qn`` names elements as lxml does, and the constants other modules
join with local names are the table's."""

from __future__ import annotations

import pytest
from lxml import etree

from generator.ooxml.ns import MC, NAMESPACES, R, W, clark, qn


def test_qn_names_a_word_paragraph_as_lxml_does() -> None:
    element = etree.fromstring(f'<w:p xmlns:w="{NAMESPACES["w"]}"/>')
    assert element.tag == qn("w:p") == f"{W}p"


def test_prefix_constants_come_from_the_table() -> None:
    assert W == "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert clark("r") == R and clark("mc") == MC


def test_qn_refuses_a_name_without_prefix() -> None:
    with pytest.raises(ValueError, match="no namespace prefix"):
        qn("p")


def test_qn_refuses_an_unknown_prefix() -> None:
    with pytest.raises(KeyError):
        qn("zz:p")
