"""A Word or Excel package (a zip of XML parts), read safely and written reproducibly.

Reading: every part is parsed with :data:`PARSER` (no entity, no network, no DTD); what
reading a damaged zip raises, and the clerk's words for it, are in
:mod:`generator.ooxml.archive` (kept free of lxml for the light commands).

Writing: the package around the document — metadata, settings, numbering, and the zip.

A template comes with parts that describe the template, not the plan (its author, its
creation date, "Microsoft Macintosh Word", a thumbnail of an empty page). Here they are
replaced by the plan's own, the settings get a fresh document id and Word 2013+
compatibility, numbering definitions that point at styles the template lacks are dropped,
and the parts are zipped with fixed timestamps so that a reproducible build
(``SOURCE_DATE_EPOCH``) gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import struct
import uuid
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from lxml import etree
from markupsafe import escape

from generator import __version__
from generator.ooxml.ns import MC, NAMESPACES, THUMBNAIL_REL, W14, W15, WORD_URI, W

DOC_ID = "{DOCUMENT-ID}"
DOC_ID_14 = "DOCID014"
"""Stand in the prepared settings part for the document ids each plan gets."""
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                         load_dtd=False)
"""How the parts of a template are parsed: a template is a clerk's file, from anyone, so no
entity is expanded, nothing is fetched, no tree is let grow past libxml2's usual limits."""


class BrokenPart(Exception):
    """A part of a template's package that is not as Word writes it: which part, and why
    (in Vietnamese); the caller names the template."""

    def __init__(self, part: str, why: str) -> None:
        super().__init__(f"phần {part} {why}")
        self.part = part


def parse_part(name: str, data: bytes) -> etree._Element:
    """One XML part of a template, parsed with :data:`PARSER`. Not XML, or XML that declares
    a DTD (Word never writes one; its entities could expand without end), is a
    :class:`BrokenPart`."""
    try:
        root = etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as exc:
        raise BrokenPart(name, f"không phải XML đọc được ({exc})") from exc
    info = root.getroottree().docinfo
    if info.internalDTD is not None or info.doctype:
        raise BrokenPart(name, "có khai báo DOCTYPE (Word không bao giờ ghi)")
    return root


def part_text(name: str, data: bytes) -> str:
    """A part as text: UTF-8, as Word writes every part."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BrokenPart(name, f"không ở bảng mã UTF-8 (byte thứ {exc.start + 1} không đọc "
                               "được)") from exc


def _serialise(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def core_properties(title: str, creator: str, when: dt.datetime) -> bytes:
    """``docProps/core.xml``: the plan's title and issuing body, created and modified now."""
    stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(creator)}</dc:creator>"
            f"<cp:lastModifiedBy>kehoach</cp:lastModifiedBy><cp:revision>1</cp:revision>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            "</cp:coreProperties>").encode()


def app_properties() -> bytes:
    """``docProps/app.xml``: made by kehoach (not the template's word processor)."""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/docPropsVTypes"><Application>kehoach {__version__}</Application>'
            "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
            "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
            "<HyperlinksChanged>false</HyperlinksChanged></Properties>").encode()


def document_ids(*words: str) -> tuple[str, str]:
    """The document ids (Word 2013's GUID, Word 2010's 8 hex digits) derived from the plan and
    the build time: fresh for each build, the same for a reproducible build of one plan."""
    ident = uuid.uuid5(uuid.NAMESPACE_URL, "kehoach:" + "|".join(words))
    return "{" + str(ident).upper() + "}", f"{ident.int % 0x7FFFFFFF:08X}"


def settings_for(prepared: str, ids: tuple[str, str]) -> bytes:
    """The prepared settings part with this plan's document ids."""
    return prepared.replace(DOC_ID, ids[0]).replace(DOC_ID_14, ids[1]).encode("utf-8")


def prepared_settings(name: str, settings: bytes) -> str:
    """The settings part with compatibility mode 15 and a slot for each plan's document id."""
    root = parse_part(name, settings)
    compat = root.find(f"{W}compat")
    if compat is None:
        compat = etree.SubElement(root, f"{W}compat")
        _place_compat(root, compat)
    for setting in compat.findall(f"{W}compatSetting"):
        if setting.get(f"{W}name") == "compatibilityMode":
            compat.remove(setting)
    mode = etree.SubElement(compat, f"{W}compatSetting")
    for name, value in (("name", "compatibilityMode"), ("uri", WORD_URI), ("val", "15")):
        mode.set(f"{W}{name}", value)
    for old in root.findall(f"{W15}docId") + root.findall(f"{W}savePreviewPicture"):
        root.remove(old)  # no preview picture of the template, no id of the template
    for old in root.findall(f"{W14}docId"):
        old.set(f"{W14}val", DOC_ID_14)
    text = _serialise(_with_w15(root)).decode("utf-8")
    closing = text.rindex("</w:settings>")
    return text[:closing] + f'<w15:docId w15:val="{DOC_ID}"/>' + text[closing:]


_AFTER_COMPAT = ("docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang",
                 "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
                 "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
                 "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")


def _place_compat(root: etree._Element, compat: etree._Element) -> None:
    """``w:compat`` goes before the settings the schema lists after it."""
    for child in root:
        if etree.QName(child).localname in _AFTER_COMPAT and child is not compat:
            child.addprevious(compat)
            return


def _with_w15(root: etree._Element) -> etree._Element:
    """The root with the w15 namespace declared and ignorable (Word 2013 ids live there)."""
    if root.nsmap.get("w15") == NAMESPACES["w15"]:
        ignorable = root.get(f"{MC}Ignorable", "")
        if "w15" not in ignorable.split():
            root.set(f"{MC}Ignorable", (ignorable + " w15").strip())
        return root
    nsmap = {**root.nsmap, "w15": NAMESPACES["w15"], "mc": NAMESPACES["mc"]}
    fresh = etree.Element(root.tag, nsmap=nsmap)
    fresh.attrib.update(root.attrib)
    ignorable = fresh.get(f"{MC}Ignorable", "")
    fresh.set(f"{MC}Ignorable", " ".join([*ignorable.split(), "w15"]))
    fresh.extend(list(root))
    return fresh


def clean_numbering(name: str, numbering: bytes, style_ids: set[str]) -> bytes:
    """Numbering definitions without links to styles the template does not have."""
    root = parse_part(name, numbering)
    for element in list(root.iter(f"{W}pStyle", f"{W}styleLink", f"{W}numStyleLink")):
        if element.get(f"{W}val") not in style_ids:
            element.getparent().remove(element)
    return _serialise(root)


def part(parts: Mapping[str, bytes], name: str) -> bytes:
    """A part the package must have (a relationship points at it, or every package has it)."""
    found = parts.get(name)
    if found is None:
        raise BrokenPart(name, "không có trong tệp")
    return found


def without_thumbnail(parts: dict[str, bytes]) -> dict[str, bytes]:
    """The parts with the template's thumbnail (a picture of the empty template) removed."""
    rels = parse_part("_rels/.rels", part(parts, "_rels/.rels"))
    names = []
    for rel in list(rels):
        if rel.get("Type") == THUMBNAIL_REL:
            names.append(rel.get("Target", "").lstrip("/"))
            rels.remove(rel)
    if not names:
        return parts
    types = parse_part("[Content_Types].xml", part(parts, "[Content_Types].xml"))
    for override in list(types):
        if override.get("PartName", "").lstrip("/") in names:
            types.remove(override)
    kept = {name: data for name, data in parts.items() if name not in names}
    kept["_rels/.rels"] = _serialise(rels)
    kept["[Content_Types].xml"] = _serialise(types)
    return kept


@dataclass(frozen=True)
class Packed:
    """A part deflated once, with what a zip entry records about it."""

    name: str
    crc: int
    size: int
    data: bytes


def packed(name: str, data: bytes) -> Packed:
    """A part deflated (level 6, as zip tools do) for :func:`zip_packed`."""
    squeezer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Packed(name, zlib.crc32(data), len(data), squeezer.compress(data) + squeezer.flush())


def _dos_time(when: dt.datetime | None) -> tuple[int, int]:
    year, month, day, hour, minute, second = ZIP_TIME if when is None else \
        max(when.timetuple()[:6], ZIP_TIME)
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


def _order(name: str) -> tuple[bool, bool, str]:
    return name != "[Content_Types].xml", name != "_rels/.rels", name


def zip_packed(parts: Iterable[Packed], when: dt.datetime | None = None) -> bytes:
    """Deflated parts written as a zip package, content types first, at a fixed time.

    Written here rather than by :mod:`zipfile` because the template's unchanged parts are
    deflated once per process and only copied for each plan.
    """
    time, date = _dos_time(when)
    body, directory = bytearray(), bytearray()
    entries = sorted(parts, key=lambda p: _order(p.name))
    for part in entries:
        name = part.name.encode("utf-8")
        flags = 0 if name.isascii() else 0x800  # UTF-8 names say so
        common = struct.pack("<HHHHLLLH", flags, 8, time, date, part.crc, len(part.data),
                             part.size, len(name))
        directory += (struct.pack("<4sBBBB", b"PK\x01\x02", 20, 3, 20, 0) + common +
                      struct.pack("<HHHHLL", 0, 0, 0, 0, 0o644 << 16, len(body)) + name)
        body += struct.pack("<4sBB", b"PK\x03\x04", 20, 0) + common + b"\x00\x00" + name
        body += part.data
    end = struct.pack("<4sHHHHLLH", b"PK\x05\x06", 0, 0, len(entries), len(entries),
                      len(directory), len(body), 0)
    return bytes(body + directory + end)


def zip_package(parts: Mapping[str, bytes], when: dt.datetime | None = None) -> bytes:
    """The parts deflated and zipped as a package (see :func:`zip_packed`)."""
    return zip_packed((packed(name, data) for name, data in parts.items()), when)
