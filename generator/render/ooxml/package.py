"""The package around the document: metadata, settings, numbering, and the zip itself.

A template comes with parts that describe the template, not the plan (its author, its
creation date, "Microsoft Macintosh Word", a thumbnail of an empty page). Here they are
replaced by the plan's own, the settings get a fresh document id and Word 2013+
compatibility, numbering definitions that point at styles the template lacks are dropped,
and the parts are zipped with fixed timestamps so that a reproducible build
(``SOURCE_DATE_EPOCH``) gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zipfile
from collections.abc import Mapping

from lxml import etree
from markupsafe import escape

from generator import __version__

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
THUMBNAIL_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
WORD_URI = "http://schemas.microsoft.com/office/word"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
DOC_ID = "{DOCUMENT-ID}"
DOC_ID_14 = "DOCID014"
"""Stand in the prepared settings part for the document ids each plan gets."""
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


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


def prepared_settings(settings: bytes) -> str:
    """The settings part with compatibility mode 15 and a slot for each plan's document id."""
    root = etree.fromstring(settings)
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
    for old in root.findall(f"{{{W15_NS}}}docId") + root.findall(f"{W}savePreviewPicture"):
        root.remove(old)  # no preview picture of the template, no id of the template
    for old in root.findall(f"{{{W14_NS}}}docId"):
        old.set(f"{{{W14_NS}}}val", DOC_ID_14)
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
    if root.nsmap.get("w15") == W15_NS:
        ignorable = root.get(f"{{{MC_NS}}}Ignorable", "")
        if "w15" not in ignorable.split():
            root.set(f"{{{MC_NS}}}Ignorable", (ignorable + " w15").strip())
        return root
    nsmap = {**root.nsmap, "w15": W15_NS, "mc": MC_NS}
    fresh = etree.Element(root.tag, nsmap=nsmap)
    fresh.attrib.update(root.attrib)
    ignorable = fresh.get(f"{{{MC_NS}}}Ignorable", "")
    fresh.set(f"{{{MC_NS}}}Ignorable", " ".join([*ignorable.split(), "w15"]))
    fresh.extend(list(root))
    return fresh


def clean_numbering(numbering: bytes, style_ids: set[str]) -> bytes:
    """Numbering definitions without links to styles the template does not have."""
    root = etree.fromstring(numbering)
    for element in list(root.iter(f"{W}pStyle", f"{W}styleLink", f"{W}numStyleLink")):
        if element.get(f"{W}val") not in style_ids:
            element.getparent().remove(element)
    return _serialise(root)


def without_thumbnail(parts: dict[str, bytes]) -> dict[str, bytes]:
    """The parts with the template's thumbnail (a picture of the empty template) removed."""
    rels = etree.fromstring(parts["_rels/.rels"])
    names = []
    for rel in list(rels):
        if rel.get("Type") == THUMBNAIL_REL:
            names.append(rel.get("Target", "").lstrip("/"))
            rels.remove(rel)
    if not names:
        return parts
    types = etree.fromstring(parts["[Content_Types].xml"])
    for override in list(types):
        if override.get("PartName", "").lstrip("/") in names:
            types.remove(override)
    kept = {name: data for name, data in parts.items() if name not in names}
    kept["_rels/.rels"] = _serialise(rels)
    kept["[Content_Types].xml"] = _serialise(types)
    return kept


def zip_package(parts: Mapping[str, bytes], when: dt.datetime | None = None) -> bytes:
    """The parts zipped as a package, content types first, with fixed timestamps."""
    stamp = ZIP_TIME if when is None else max(when.timetuple()[:6], ZIP_TIME)
    stream = io.BytesIO()
    names = sorted(parts, key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n))
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name in names:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, parts[name])
    return stream.getvalue()
