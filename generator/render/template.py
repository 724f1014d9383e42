"""A DOCX template prepared once per process, then filled for many plans.

Preparing reads the package, cleans what belongs to the template rather than to a plan
(thumbnail, numbering links to missing styles, compatibility mode), turns the document and
any header, footer or footnotes part with tags into compiled Jinja templates — through
docxtpl's own tag preprocessing, so template authors keep docxtpl's ``{{p …}}``,
``{%p …%}``, ``{%tr …%}`` tags — and reads the styles the generated content needs. A
rendering then only fills the small frame (header, title, signature) and splices in the
body, which :mod:`generator.render.docx` writes as XML text.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from lxml import etree

from generator.errors import Diagnostic, KeHoachError
from generator.render.ooxml import package, tree
from generator.render.template_compile import GuardedTemplate, compile_part
from generator.render.template_guard import GuardedEnvironment
from generator.vnformat import vi_int

TEMPLATE = "ke-hoach.docx"
"""The template shipped in ``templates/`` (the package ``generator.templates``)."""

CONTEXT_KEYS = ("co_quan_chu_quan", "ten_co_quan", "so_ky_hieu", "dia_danh_ngay", "ten_loai",
                "trich_yeu", "can_cu", "noi_dung", "noi_nhan_dau", "noi_nhan", "tham_quyen",
                "ho_ten", "phu_luc")
"""Everything a template may use; documented in the README."""
CONTENT_KEYS = ("can_cu", "noi_dung", "phu_luc")
"""Keys whose value is generated XML, placed where the template says ``{{p key }}``."""

ROLE_STYLES = {
    "body": "KH Noi dung",
    "bullet": "KH Gach dau dong",
    "basis": "KH Can cu",
    "basis-italic": "KH Can cu nghieng",
    "heading-1": "KH Muc 1",
    "heading-2": "KH Muc 2",
    "heading-3": "KH Muc 3",
    "heading-4": "KH Muc 4",
    "note": "KH Ghi chu",
}
"""Paragraph role (from the resolve stage) → template style name."""

BODY_STYLES = ["KH Noi dung", "KH Gach dau dong", "KH Can cu", "KH Can cu nghieng",
               "KH Muc 1", "KH Muc 2", "KH Muc 3", "KH Muc 4"]
"""Styles whose size follows the plan's ``trinh_bay.co_chu`` (13 or 14)."""

REQUIRED_STYLES = (*ROLE_STYLES.values(), "KH Bang", "KH Bang tieu de", "KH Phu luc so",
                   "KH Phu luc tieu de", "KH Kem theo", "KH Duong ke", "KH Ngat phan")
"""Styles the generated parts use; a restyled template must keep them (by name)."""

W = tree.W
REL_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
TAG = re.compile(r"\{[{%#]")


def jinja_environment() -> GuardedEnvironment:
    """The one Jinja environment: sandboxed, strict, escaping everything it prints, and held
    to the limits of :mod:`generator.render.template_guard`."""
    return GuardedEnvironment()


def _docxtpl() -> Any:
    """docxtpl's tag preprocessing and post-processing, used as an engine (no document)."""
    from docxtpl import DocxTemplate

    return DocxTemplate.__new__(DocxTemplate)


@dataclass(frozen=True)
class Style:
    """What content needs of a style: its id, and the font it gives its text."""

    style_id: str
    bold: bool
    italic: bool
    size_pt: float


@dataclass(frozen=True)
class Section:
    """Section properties for one kind of part, and the room they leave for text."""

    xml: str
    width_mm: float
    height_mm: float


@dataclass(frozen=True)
class PreparedTemplate:
    """A template ready to be filled: fixed parts, compiled parts, styles, sections."""

    source: str
    parts: dict[str, bytes]
    document: str
    """Name of the main document part (``word/document.xml``)."""
    head: str
    tail: str
    body_source: str
    """``w:body`` as a Jinja template (docxtpl's tags already turned into Jinja)."""
    tagged_sources: dict[str, str]
    """Header, footer or footnotes parts that hold tags, as Jinja templates."""
    footnotes: str | None
    """Name of the footnotes part, if the template has one."""
    styles_part: str
    styles_by_size: dict[int, bytes]
    styles: dict[str, Style]
    """By style *name* (what templates and code agree on)."""
    settings_part: str | None
    settings: str
    sections: dict[tuple[bool, bool], Section]
    """(landscape, restart numbering) → section properties."""
    fixes_tables: bool
    metadata_parts: tuple[str | None, str | None]
    """Names of the core and the extended (app) properties parts, where the template has them."""

    def per_plan_parts(self) -> set[str]:
        """Parts written anew for each plan; the others are copied as they are."""
        names = {self.document, self.styles_part, self.settings_part, self.footnotes,
                 *self.tagged_sources, *self.metadata_parts}
        return {name for name in names if name}

    @cached_property
    def packed_parts(self) -> list[package.Packed]:
        """The parts every plan shares, deflated once."""
        fresh = self.per_plan_parts()
        return [package.packed(name, data) for name, data in self.parts.items()
                if name not in fresh]

    @cached_property
    def packed_styles(self) -> dict[int, package.Packed]:
        """The styles part at each body size, deflated once."""
        return {size: package.packed(self.styles_part, data)
                for size, data in self.styles_by_size.items()}

    def style(self, name: str) -> Style:
        """A style the preflight made sure exists."""
        return self.styles[name]

    @cached_property
    def body(self) -> GuardedTemplate:
        """The compiled Jinja template of ``w:body``."""
        return compile_part(jinja_environment(), self.body_source, self.source, self.document)[0]

    @cached_property
    def tagged_parts(self) -> dict[str, GuardedTemplate]:
        """The compiled Jinja templates of the other parts with tags."""
        return {name: compile_part(jinja_environment(), text, self.source, name)[0]
                for name, text in self.tagged_sources.items()}


MAX_UNPACKED_BYTES = 100_000_000
"""Largest a template may be once unpacked: a DOCX is a zip, and a zip of a few kilobytes
can hold gigabytes (its declared sizes bound what reading it yields)."""


def _read_parts(data: bytes, source: str) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = [entry for entry in archive.infolist() if not entry.is_dir()]
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > MAX_UNPACKED_BYTES:
            raise KeHoachError([Diagnostic(
                f"Mẫu trình bày quá lớn khi giải nén ({vi_int(unpacked)} byte, tối đa "
                f"{vi_int(MAX_UNPACKED_BYTES)}).", source,
                hint="Dùng mẫu .docx lưu lại từ Word; bớt hình ảnh lớn trong mẫu.")])
        return {entry.filename: archive.read(entry) for entry in entries}


def _target(rels: bytes, kind: str, base: str) -> list[str]:
    """Part names a relationships part points at, for one relationship type."""
    out = []
    for rel in etree.fromstring(rels):
        if rel.get("Type", "").endswith(f"/{kind}") and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            out.append(target.lstrip("/") if target.startswith("/") else
                       str(Path(base) / target).replace("\\", "/"))
    return out


def prepare(data: bytes, source: str) -> PreparedTemplate:
    """Read a template's package and get everything per-plan rendering needs."""
    parts = package.without_thumbnail(_read_parts(data, source))
    [document] = _target(parts["_rels/.rels"], "officeDocument", "")
    folder = str(Path(document).parent)
    rels = parts[f"{folder}/_rels/{Path(document).name}.rels"]
    [styles_part] = _target(rels, "styles", folder)
    styles, styles_root = _styles(parts[styles_part])
    _preflight(styles, source)
    head, body_xml, tail, sect = _split_document(parts[document])
    engine = _docxtpl()
    environment = jinja_environment()
    tagged = {name: _patched(engine, parts[name])
              for kind in ("header", "footer", "footnotes")
              for name in _target(rels, kind, folder) if TAG.search(parts[name].decode("utf-8"))}
    body_source = str(engine.patch_xml(body_xml))
    _check_parts(environment, {document: body_source, **tagged}, source)
    numbering = _target(rels, "numbering", folder)
    for name in numbering:
        parts[name] = package.clean_numbering(parts[name], {s.style_id for s in styles.values()})
    settings_part = next(iter(_target(rels, "settings", folder)), None)
    return PreparedTemplate(
        source=source, parts=parts, document=document, head=head, tail=tail,
        body_source=body_source, tagged_sources=tagged,
        footnotes=next(iter(_target(rels, "footnotes", folder)), None),
        styles_part=styles_part,
        styles_by_size={size: _styles_sized(styles_root, size) for size in (13, 14)},
        styles=styles, settings_part=settings_part,
        settings=package.prepared_settings(parts[settings_part]) if settings_part else "",
        sections={(landscape, restart): _section(sect, landscape, restart)
                  for landscape in (False, True) for restart in (False, True)},
        fixes_tables=bool(re.search(r"\{%\s*(tc|colspan|hm|vm)\b", body_source)),
        metadata_parts=(next(iter(_target(parts["_rels/.rels"], "core-properties", "")), None),
                        next(iter(_target(parts["_rels/.rels"], "extended-properties", "")),
                             None)),
    )


def _split_document(xml: bytes) -> tuple[str, str, str, Any]:
    """The document's text before ``w:body``, the body (as docxtpl sees it), the rest, and
    the body's final section properties."""
    root = etree.fromstring(xml)
    body = root.find(f"{W}body")
    sect = body.find(f"{W}sectPr")
    body_xml = etree.tostring(body, encoding="unicode")
    body.getparent().replace(body, etree.Element(f"{W}body"))
    shell = etree.tostring(root, encoding="unicode", xml_declaration=False)
    head, _, tail = shell.partition("<w:body/>")
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return declaration + head, body_xml, tail, sect


def _patched(engine: Any, data: bytes) -> str:
    return str(engine.patch_xml(data.decode("utf-8")))


def _check_parts(environment: GuardedEnvironment, parts: dict[str, str], source: str) -> None:
    """A template that does not compile, or uses a variable kehoach does not give, fails
    before any plan is rendered."""
    unknown: set[str] = set()
    for part, text in parts.items():
        unknown |= compile_part(environment, text, source, part)[1]
    unknown -= {*CONTEXT_KEYS, "dong"}
    if unknown:
        raise KeHoachError([Diagnostic(
            "Mẫu trình bày dùng biến không có: " + ", ".join(sorted(unknown)) + ".", source,
            hint="Các biến được dùng: " + ", ".join(CONTEXT_KEYS) + " (README).")])


def _styles(xml: bytes) -> tuple[dict[str, Style], Any]:
    """Styles by name, with the bold, italic and size they give (following ``basedOn``)."""
    root = etree.fromstring(xml)
    raw: dict[str, tuple[str, str | None, Any]] = {}
    for element in root.iter(f"{W}style"):
        name = element.find(f"{W}name")
        based = element.find(f"{W}basedOn")
        raw[element.get(f"{W}styleId", "")] = (
            name.get(f"{W}val", "") if name is not None else "",
            based.get(f"{W}val") if based is not None else None, element.find(f"{W}rPr"))
    default = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    out = {}
    for style_id, (name, _, _) in raw.items():
        out[name] = Style(style_id, bool(_inherited(raw, style_id, "b", default)),
                          bool(_inherited(raw, style_id, "i", default)),
                          float(_inherited(raw, style_id, "sz", default) or 24) / 2)
    return out, root


def _inherited(raw: dict[str, tuple[str, str | None, Any]], style_id: str | None, what: str,
               default: Any) -> Any:
    seen = set()
    while style_id is not None and style_id in raw and style_id not in seen:
        seen.add(style_id)
        _, based, rpr = raw[style_id]
        found = rpr.find(f"{W}{what}") if rpr is not None else None
        if found is not None:
            return _value(found, what)
        style_id = based
    found = default.find(f"{W}{what}") if default is not None else None
    return None if found is None else _value(found, what)


def _value(element: Any, what: str) -> Any:
    value = element.get(f"{W}val", "true")
    return value if what == "sz" else value not in ("0", "false", "off")


def _styles_sized(root: Any, size: int) -> bytes:
    """The styles part with the body styles at ``size`` points."""
    sized = copy.deepcopy(root)
    for element in sized.iter(f"{W}style"):
        name = element.find(f"{W}name")
        if name is None or name.get(f"{W}val") not in BODY_STYLES:
            continue
        rpr = element.find(f"{W}rPr")
        if rpr is None:
            rpr = etree.SubElement(element, f"{W}rPr")
        for tag in ("sz", "szCs"):
            found = rpr.find(f"{W}{tag}")
            if found is None:
                found = etree.SubElement(rpr, f"{W}{tag}")
            found.set(f"{W}val", str(size * 2))
    return bytes(etree.tostring(sized, xml_declaration=True, encoding="UTF-8", standalone=True))


def _section(base: Any, landscape: bool, restart: bool) -> Section:
    sect = tree.section_copy(base, None, landscape=landscape, restart_numbering=restart)
    xml = etree.tostring(sect, encoding="unicode")
    return Section("<w:sectPr>" + xml[xml.index(">") + 1:], tree.text_width_of(sect),
                   tree.text_height_of(sect))


def _preflight(styles: dict[str, Style], source: str) -> None:
    """A restyled template must keep the styles the generated content uses, by name."""
    missing = [name for name in REQUIRED_STYLES if name not in styles]
    if missing:
        raise KeHoachError([Diagnostic(
            "Mẫu trình bày thiếu kiểu (style): " + ", ".join(missing) + ".", source,
            hint="Sửa kiểu trong Word nhưng không đổi tên hay xóa các kiểu 'KH …'.")])
