"""The smallest DOCX Word opens, from one line of body XML (and styles, and any other part):
what tests of the DOCX view and of the anatomy read back."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from generator.ooxml.view import DocxView, read_docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DECLARE = (f'xmlns:w="{W_NS}" '
           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
THEME = ('<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="t">'
         '<a:themeElements><a:fontScheme name="f"><a:majorFont><a:latin typeface="Cambria"/>'
         '</a:majorFont><a:minorFont><a:latin typeface="Calibri"/></a:minorFont>'
         '</a:fontScheme></a:themeElements></a:theme>')
A4 = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:bottom="1134" '
      'w:left="1701" w:right="850"/></w:sectPr>')


def package(body: str, styles: str = "", document_ns: str = W_NS,
            parts: dict[str, str] | None = None) -> bytes:
    """The smallest DOCX holding ``body`` (and ``styles``, the inside of ``w:styles``);
    ``document_ns``: the namespace of the document and its body (Word's usual, or Strict);
    ``parts``: more parts by name (headers, their relationships, settings)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in (parts or {}).items():
            archive.writestr(name, text)
        archive.writestr("word/document.xml",
                         f'<d:document xmlns:d="{document_ns}" {DECLARE}><d:body>{body}'
                         "</d:body></d:document>")
        archive.writestr("word/styles.xml", f"<w:styles {DECLARE}>{styles}</w:styles>")
        archive.writestr("word/theme/theme1.xml", THEME)
    return out.getvalue()


def view(body: str, styles: str = "") -> DocxView:
    """The view of the smallest DOCX holding ``body`` and ``styles``."""
    return read_docx(Path("ke-hoach.docx"), package(body, styles))
