"""Every XML namespace kehoach reads or writes, in one table, and :func:`qn`.

Word names an element ``w:p``; lxml names it ``{http://…/main}p``. :func:`qn` turns the
first into the second (as python-docx's ``oxml.ns.qn``), and the ``W``-style constants are
the ``{uri}`` prefixes the tree code joins with a local name.
"""

from __future__ import annotations

from functools import cache

NAMESPACES: dict[str, str] = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "w15": "http://schemas.microsoft.com/office/word/2012/wordml",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "strict": "http://purl.oclc.org/ooxml/wordprocessingml/main",
}
"""Prefix → namespace URI. ``rel`` and ``ct`` are the package's own (``_rels/*.rels`` and
``[Content_Types].xml``, written without a prefix); ``strict`` is ISO/IEC 29500 Strict's
WordprocessingML, which Word writes only when asked."""

WORD_URI = "http://schemas.microsoft.com/office/word"
"""The ``w:uri`` of Word's compatibility settings."""
OFFICE_RELATIONSHIPS = NAMESPACES["r"] + "/"
"""Relationship types of a document's parts (``…/relationships/header``) begin so."""
THUMBNAIL_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def clark(prefix: str) -> str:
    """``{uri}`` of a prefix, for joining with a local name: ``clark("w") + "p"``."""
    return f"{{{NAMESPACES[prefix]}}}"


@cache
def qn(name: str) -> str:
    """``"w:p"`` as lxml names it, ``"{http://…/wordprocessingml/2006/main}p"``."""
    prefix, _, local = name.partition(":")
    if not local:
        raise ValueError(f"{name!r} has no namespace prefix")
    return clark(prefix) + local


W = clark("w")
R = clark("r")
A = clark("a")
MC = clark("mc")
W14 = clark("w14")
W15 = clark("w15")
REL = clark("rel")
CT = clark("ct")
STRICT = clark("strict")
