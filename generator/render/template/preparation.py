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
import posixpath
import re
import zipfile
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from lxml import etree

from generator.errors import Diagnostic, KeHoachError
from generator.ooxml import package, tree
from generator.ooxml.archive import OLE_MAGIC, ZIP_ERRORS, odd_entries
from generator.ooxml.ns import OFFICE_RELATIONSHIPS, W
from generator.render.template.compile import GuardedTemplate, compile_part
from generator.render.template.guard import GuardedEnvironment
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

REL_DOC = OFFICE_RELATIONSHIPS
TAG = re.compile(r"\{[{%#]")


def jinja_environment() -> GuardedEnvironment:
    """The one Jinja environment: sandboxed, strict, escaping everything it prints, and held
    to the limits of :mod:`generator.render.template.guard`."""
    return GuardedEnvironment()


def docxtpl_engine() -> Any:
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

RESAVE = "Mở mẫu trong Word và lưu lại dạng .docx (Tệp → Lưu thành → Tài liệu Word)."
"""What mends a template Word can open but kehoach cannot read: Word writes it anew."""
UNLOCK = ("Mở mẫu trong Word, bỏ mật khẩu nếu có (Tệp → Thông tin → Bảo vệ tài liệu), rồi "
          "lưu lại dạng .docx (Tệp → Lưu thành → Tài liệu Word).")



def _read_parts(data: bytes, source: str) -> dict[str, bytes]:
    if data.startswith(OLE_MAGIC):
        raise _unreadable(source, "tệp là văn bản Word 97–2003 (.doc) hoặc có đặt mật khẩu",
                          UNLOCK)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = [entry for entry in archive.infolist() if not entry.is_dir()]
            unpacked = sum(entry.file_size for entry in entries)
            if unpacked > MAX_UNPACKED_BYTES:
                raise KeHoachError([Diagnostic(
                    f"Mẫu trình bày quá lớn khi giải nén ({vi_int(unpacked)} byte, tối đa "
                    f"{vi_int(MAX_UNPACKED_BYTES)}).", source,
                    hint="Dùng mẫu .docx lưu lại từ Word; bớt hình ảnh lớn trong mẫu.")])
            odd = odd_entries(entries)
            if odd:
                raise _unreadable(source, f"phần {odd[0]} được mã hóa (mẫu có đặt mật khẩu?) "
                                          "hoặc nén theo cách Word không dùng", UNLOCK)
            return {entry.filename: archive.read(entry) for entry in entries}
    except ZIP_ERRORS as exc:
        raise _unreadable(source, "tệp không phải .docx, hoặc bị hỏng (không giải nén được)",
                          "Mẫu phải là tệp .docx (Word 2007 trở lên). Nếu Word mở được tệp: mở "
                          "trong Word và lưu lại dạng .docx.") from exc


def _unreadable(source: str, why: str, hint: str = RESAVE) -> KeHoachError:
    return KeHoachError([Diagnostic(f"Không mở được mẫu trình bày: {why}.", source,
                                    hint=hint)])


def _target(rels: Any, kind: str, base: str) -> list[str]:
    """Part names a relationships part points at, for one relationship type."""
    out = []
    for rel in rels:
        if rel.get("Type", "").endswith(f"/{kind}") and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            out.append(target.lstrip("/") if target.startswith("/") else
                       posixpath.normpath(posixpath.join(base, target)))
    return out


def _one(rels_name: str, targets: list[str], what: str) -> str:
    if len(targets) != 1:
        raise package.BrokenPart(rels_name, f"trỏ tới {len(targets)} {what}, không phải một")
    return targets[0]


def prepare(data: bytes, source: str) -> PreparedTemplate:
    """Read a template's package and get everything per-plan rendering needs; a package
    that is not as Word writes it is the clerk's to save again, named."""
    parts = _read_parts(data, source)
    try:
        return _prepare(parts, source)
    except package.BrokenPart as exc:
        raise _unreadable(source, str(exc)) from exc


def _prepare(parts: dict[str, bytes], source: str) -> PreparedTemplate:
    parts = package.without_thumbnail(parts)
    package_rels = package.parse_part("_rels/.rels", package.part(parts, "_rels/.rels"))
    document = _one("_rels/.rels", _target(package_rels, "officeDocument", ""),
                    "phần nội dung chính (officeDocument)")
    head, body_xml, tail, sect = _split_document(document, package.part(parts, document))
    folder = posixpath.dirname(document)
    rels_name = posixpath.join(folder, "_rels", posixpath.basename(document) + ".rels")
    rels = package.parse_part(rels_name, package.part(parts, rels_name))
    styles_part = _one(rels_name, _target(rels, "styles", folder), "phần kiểu (styles)")
    styles, styles_root = _styles(package.parse_part(styles_part,
                                                     package.part(parts, styles_part)))
    _preflight(styles, source)
    engine = docxtpl_engine()
    environment = jinja_environment()
    texts = {name: _text(name, package.part(parts, name))
             for kind in ("header", "footer", "footnotes") for name in _target(rels, kind, folder)}
    tagged = {name: str(engine.patch_xml(text)) for name, text in texts.items() if TAG.search(text)}
    body_source = str(engine.patch_xml(body_xml))
    _check_parts(environment, {document: body_source, **tagged}, source)
    for name in _target(rels, "numbering", folder):
        parts[name] = package.clean_numbering(name, package.part(parts, name),
                                              {s.style_id for s in styles.values()})
    settings_part = next(iter(_target(rels, "settings", folder)), None)
    return PreparedTemplate(
        source=source, parts=parts, document=document, head=head, tail=tail,
        body_source=body_source, tagged_sources=tagged,
        footnotes=next(iter(_target(rels, "footnotes", folder)), None),
        styles_part=styles_part,
        styles_by_size={size: _styles_sized(styles_root, size) for size in (13, 14)},
        styles=styles, settings_part=settings_part,
        settings=package.prepared_settings(settings_part, package.part(parts, settings_part))
        if settings_part else "",
        sections={(landscape, restart): _section(sect, landscape, restart)
                  for landscape in (False, True) for restart in (False, True)},
        fixes_tables=bool(re.search(r"\{%\s*(tc|colspan|hm|vm)\b", body_source)),
        metadata_parts=(next(iter(_target(package_rels, "core-properties", "")), None),
                        next(iter(_target(package_rels, "extended-properties", "")), None)),
    )


def _split_document(name: str, xml: bytes) -> tuple[str, str, str, Any]:
    """The document's text before ``w:body``, the body (as docxtpl sees it), the rest, and
    the body's final section properties."""
    root = package.parse_part(name, xml)
    body = root.find(f"{W}body")
    if root.tag != f"{W}document" or body is None:
        raise package.BrokenPart(name, "không phải nội dung văn bản Word (không có w:body)")
    sect = body.find(f"{W}sectPr")
    if sect is None:
        raise package.BrokenPart(name, "không có thiết lập trang (w:sectPr) cuối văn bản")
    for each in [sect, *body.iterfind(f"{W}p/{W}pPr/{W}sectPr")]:
        _check_page(name, each)
    body_xml = etree.tostring(body, encoding="unicode")
    body.getparent().replace(body, etree.Element(f"{W}body"))
    shell = etree.tostring(root, encoding="unicode", xml_declaration=False)
    head, _, tail = shell.partition("<w:body/>")
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return declaration + head, body_xml, tail, sect


PAGE = {"pgSz": ("w", "h"), "pgMar": ("top", "bottom", "left", "right")}
"""What of a section the room for text is computed from: Word writes each as whole twips."""


def _check_page(name: str, sect: Any) -> None:
    for tag, sides in PAGE.items():
        element = sect.find(f"{W}{tag}")
        values = [element.get(f"{W}{side}") if element is not None else None for side in sides]
        if not all(value and re.fullmatch(r"-?\d{1,9}", value) for value in values):
            raise package.BrokenPart(name, f"có khổ giấy hay lề trang (w:{tag}) không ghi "
                                           "bằng số như Word ghi")


def _text(name: str, data: bytes) -> str:
    """A header, footer or footnotes part as text for docxtpl, once it is known to be XML as
    Word writes it."""
    package.parse_part(name, data)
    return package.part_text(name, data)


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
            hint="Các biến được dùng: " + ", ".join(CONTEXT_KEYS)
            + " (hướng dẫn, trang 'Mẫu trình bày riêng').")])


def _styles(root: Any) -> tuple[dict[str, Style], Any]:
    """Styles by name, with the bold, italic and size they give (following ``basedOn``)."""
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
        value = _value(found, what) if found is not None else None
        if value is not None:
            return value
        style_id = based
    found = default.find(f"{W}{what}") if default is not None else None
    return None if found is None else _value(found, what)


def _value(element: Any, what: str) -> Any:
    """An on/off property, or a size in half points: one that is not a whole number is
    ignored (as Word ignores it), so the style's base or the default gives the size."""
    value = element.get(f"{W}val", "true")
    if what == "sz":
        return value if value.isascii() and value.isdigit() else None
    return value not in ("0", "false", "off")


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
