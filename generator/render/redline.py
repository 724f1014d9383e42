"""The redline: the NEW plan as a DOCX with Word tracked changes against the OLD one.

Both versions go through resolve exactly as ``build`` does; the two resolved plans are then
lined up block by block and row by row (:mod:`generator.diff.align`: by the plan item each
paragraph or row prints, or by its words, at the diff's own likeness), and the steps are
written here on the DOCX writer's public API (:class:`~generator.render.docx.BlockWriter`,
:func:`~generator.render.docx.filled_frame`, :func:`~generator.render.docx.packaged`). An
unchanged paragraph is written exactly as
``build`` writes it; a changed one carries its word-level changes (``w:ins``/``w:del``,
``w:rPrChange`` where only bold or italic changed, ``w:pPrChange`` where its style did); a
paragraph that only one version has is inserted or deleted whole, its paragraph mark too;
a paragraph whose item moved is a ``w:moveFrom``/``w:moveTo`` pair. The header fields
(number, date, signer, recipients…) are tracked the same way inside the template's frame.

Items the diff paired by likeness (a task reworded without an id) are lined up as one:
their paragraphs are edited word by word, as the text diff shows them. A dropped or added
appendix's page setup is a tracked change too (``w:sectPrChange``), and a deleted paragraph
that LibreOffice could not join to what follows gets an empty bridge to join (:func:`_bridged`).

Accepting every change gives the NEW build's text, rejecting every change the OLD one's.
Table rows are matched like paragraphs (a moved row is deleted and inserted: Word has no
row move); a table whose rows are merged vertically is replaced whole when it changed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Any

from lxml import etree
from markupsafe import Markup, escape

from generator.diff.align import (
    Step,
    align,
    align_lines,
    appendix_steps,
    cell_steps,
    layout_keys,
    rekeyed,
    row_steps,
)
from generator.diff.compare import PlanDiff
from generator.diff.likeness import ALIKE
from generator.diff.words import TOKEN, nfc, similarity, tokens
from generator.inline import Footnote, Inline, Span
from generator.ooxml import fragments as f
from generator.ooxml import tree
from generator.ooxml.ns import W
from generator.render import RenderOptions
from generator.render.docx import (
    ALIGN,
    KEEP_WITH_SIGNATURE,
    BlockWriter,
    filled_frame,
    listing,
    packaged,
    spliced,
    template_context,
)
from generator.render.template import PreparedTemplate, Section, Style, prepared
from generator.render.widths import column_texts, column_widths
from generator.resolve.layout import (
    AppendixLayout,
    Para,
    ResolvedPlan,
    TableLayout,
    TableRow,
)


class Revisions:
    """Author, date and the running id every tracked change needs."""

    def __init__(self, author: str, when: dt.datetime) -> None:
        self.author = str(escape(author))
        self.date = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = 1000
        self.moves = 0

    def attrs(self) -> str:
        """``w:id``, ``w:author``, ``w:date`` of one more tracked change."""
        self.next_id += 1
        return f'w:id="{self.next_id}" w:author="{self.author}" w:date="{self.date}"'

    def move_name(self) -> str:
        """The name tying one more move source to its destination."""
        self.moves += 1
        return f"move{self.moves}"


# ---------------------------------------------------------------- writing tracked XML

Token = tuple[str, tuple[Inline, ...]]
"""A word as compared (its text without spaces) and the formatted pieces that print it."""


def _pieces(inlines: Sequence[Inline]) -> list[Token]:
    """Inline content as word tokens, for a word-level diff.

    Words are cut from the paragraph's whole text, so a word keeps the same key whatever
    formatting runs it straddles (``**28/3/2024** và`` and ``28/3/2024 và`` share their
    words); a footnote is one token of its own.
    """
    out: list[Token] = []
    run: list[Span] = []
    for item in [*inlines, None]:
        if isinstance(item, Span):
            run.append(item)
            continue
        out += _words(run)
        run = []
        if isinstance(item, Footnote):
            out.append(("\ufffc" + "".join(s.text for s in item.spans), (item,)))
    return out


def _words(spans: Sequence[Span]) -> list[Token]:
    text = "".join(s.text for s in spans)
    formats = [(s.bold, s.italic) for s in spans for _ in s.text]
    out: list[Token] = []
    for match in TOKEN.finditer(text):
        start, end = match.span()
        pieces: list[Inline] = []
        k = start
        while k < end:
            stop = k
            while stop < end and formats[stop] == formats[k]:
                stop += 1
            pieces.append(Span(text[k:stop], *formats[k]))
            k = stop
        word = match.group()
        out.append((word.strip() or word, tuple(pieces)))
    return out


class _RedlineWriter(BlockWriter):
    """The build's writer, with tracked insertions, deletions and moves."""

    def __init__(self, template: PreparedTemplate, options: RenderOptions,
                 revisions: Revisions) -> None:
        super().__init__(template, options)
        self.rev = revisions
        self.final_section: str | None = None
        """The section properties that end the body (the last appendix's, tracked)."""

    # runs
    def wrapped(self, tag: str, inlines: Sequence[Inline], style: Style,
                bold: bool = False) -> str:
        """Runs inside ``w:ins``, ``w:del``, ``w:moveFrom`` or ``w:moveTo``."""
        runs = self.runs(inlines, style, bold)
        if not runs:
            return ""
        if tag == "del":
            runs = f.deleted(runs)
        return f"<w:{tag} {self.rev.attrs()}>{runs}</w:{tag}>"

    def diffed(self, old: Sequence[Inline], new: Sequence[Inline], style: Style,
               bold: bool = False) -> str:
        """NEW's runs with OLD's words that went deleted and NEW's that came inserted."""
        a, b = _pieces(old), _pieces(new)
        matcher = SequenceMatcher(None, [k for k, _ in a], [k for k, _ in b], autojunk=False)
        out = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                out += [self.kept(x, y, style, bold)
                        for (_, x), (_, y) in zip(a[i1:i2], b[j1:j2], strict=True)]
                continue
            out.append(self.wrapped("del", [x for _, xs in a[i1:i2] for x in xs], style,
                                    bold))
            out.append(self.wrapped("ins", [y for _, ys in b[j1:j2] for y in ys], style,
                                    bold))
        return "".join(out)

    def kept(self, old: tuple[Inline, ...], new: tuple[Inline, ...], style: Style,
             bold: bool) -> str:
        """A word both versions have; if only its bold or italic changed, that is tracked;
        if only the spaces after it changed, only the spaces are (a word or a mark before
        a new sentence is kept, not deleted and inserted again)."""
        if not all(isinstance(x, Span) for x in (*old, *new)):
            return self.runs(new, style, bold)
        if _text_of_spans(old) != _text_of_spans(new):
            word = len(_text_of_spans(new).rstrip())
            (old_word, old_space), (new_word, new_space) = _cut(old, word), _cut(new, word)
            return self.kept(old_word, new_word, style, bold) + \
                self.wrapped("del", old_space, style, bold) + \
                self.wrapped("ins", new_space, style, bold)
        if old == new:
            return self.runs(new, style, bold)
        formats = [(s.bold, s.italic) for s in old if isinstance(s, Span) for _ in s.text]
        out, offset = [], 0
        for span in new:
            assert isinstance(span, Span)
            was = Span(span.text, *formats[offset])
            offset += len(span.text)
            if (was.bold, was.italic) == (span.bold, span.italic):
                out.append(self.runs([span], style, bold))
                continue
            props = _props(span, style, bold)
            inner = props[len("<w:rPr>"):-len("</w:rPr>")] if props else ""
            before = _props(was, style, bold) or "<w:rPr/>"
            change = f"<w:rPrChange {self.rev.attrs()}>{before}</w:rPrChange>"
            out.append(f"<w:r><w:rPr>{inner}{change}</w:rPr>{f.text(span.text)}</w:r>")
        return "".join(out)

    # paragraphs
    def paragraph(self, para: Para, *, keep: bool = False) -> str:
        style = self.template.style(_role_style(para.role))
        props = f.ParagraphProperties(style.style_id, keep_next=keep,
                                      keep_lines=keep and para.role not in _HEADING_STYLES)
        return f.paragraph(props, self.runs(para.inlines, style))

    def step_paragraph(self, step: Step, keep: bool = False) -> str:
        para: Para = step.new if step.new is not None else step.old
        style = self.template.style(_role_style(para.role))
        mark, change, runs = "", "", ""
        if step.kind == "same":
            return self.paragraph(para, keep=keep)
        if step.kind == "changed":
            runs = self.diffed(step.old.inlines, para.inlines, style)
            if step.old.role != para.role:
                old_style = self.template.style(_role_style(step.old.role)).style_id
                change = (f"<w:pPrChange {self.rev.attrs()}><w:pPr><w:pStyle "
                          f'w:val="{old_style}"/></w:pPr></w:pPrChange>')
        elif step.kind in ("deleted", "inserted"):
            tag = "del" if step.kind == "deleted" else "ins"
            runs = self.wrapped(tag, para.inlines, style)
            mark = f"<w:rPr><w:{tag} {self.rev.attrs()}/></w:rPr>"
        else:
            runs, mark = self.moved(step, para, style)
        props = f.ParagraphProperties(style.style_id, keep_next=keep,
                                      keep_lines=keep and para.role not in _HEADING_STYLES,
                                      mark=mark, change=change)
        return f.paragraph(props, runs)

    def moved(self, step: Step, para: Para, style: Style) -> tuple[str, str]:
        """A paragraph's runs inside a named move range, and its mark."""
        tag = "moveFrom" if step.kind == "from" else "moveTo"
        start = f'<w:{tag}RangeStart {self.rev.attrs()} w:name="{step.move}"/>'
        range_id = self.rev.next_id
        body = f"<w:{tag} {self.rev.attrs()}>{self.runs(para.inlines, style)}</w:{tag}>"
        end = f'<w:{tag}RangeEnd w:id="{range_id}"/>'
        return start + body + end, f"<w:rPr><w:{tag} {self.rev.attrs()}/></w:rPr>"

    # regions
    def steps(self, steps: Sequence[Step], section: Section, keep_last: int = 0,
              keep_all: bool = False) -> str:
        out = []
        last = 0 if keep_all else len(steps) - keep_last
        for i, step in enumerate(steps):
            block = step.new if step.new is not None else step.old
            if isinstance(block, Para):
                above_table = i + 1 < len(steps) and isinstance(
                    steps[i + 1].new if steps[i + 1].new is not None else steps[i + 1].old,
                    TableLayout)
                out.append(self.step_paragraph(step, keep=above_table or i >= last))
            else:
                out.append(self.step_table(step, section))
        return "".join(out)

    def step_table(self, step: Step, section: Section) -> str:
        if step.kind == "same":
            return self.table(step.new, section) + "".join(
                self.paragraph(n) for n in step.new.notes)
        if step.kind == "changed":
            rows = row_steps(step.old, step.new)
            if rows is not None:
                heads = {id(r) for r in (*step.old.header, *step.new.header)}
                notes = align(step.old.notes, step.new.notes, moves=False)
                return self.tracked_table(step.new, rows, heads, section) + \
                    self.steps(notes, section)
        out = ""
        if step.old is not None:
            old = step.old
            out += self.tracked_table(old, [Step("deleted", old=r) for r in
                                            [*old.header, *old.rows]], set(), section)
            out += self.steps([Step("deleted", old=n) for n in old.notes], section)
        if step.new is not None:  # right after the old one: Word shows them as one table
            new = step.new
            out += self.tracked_table(new, [Step("inserted", new=r) for r in
                                            [*new.header, *new.rows]],
                                      {id(r) for r in new.header}, section)
            out += self.steps([Step("inserted", new=n) for n in new.notes], section)
        return out

    def tracked_table(self, layout: TableLayout, rows: Sequence[Step], heads: set[int],
                      section: Section) -> str:
        """A table whose rows are steps: kept, edited, inserted or deleted rows."""
        body = self.template.style("KH Bang")
        widths_mm = column_widths(layout.columns, section.width_mm,
                                  column_texts(layout, self.fonts, body.size_pt))
        widths = f.twips_widths(widths_mm)
        out = []
        carried: dict[int, tuple[int, int]] = {}
        for step in rows:
            row: TableRow = step.new if step.new is not None else step.old
            header = id(row) in heads and step.kind != "deleted"
            self._cell_steps = cell_steps(step)
            cells = self._row_cells(row, widths, carried, header)
            mark = ""
            if step.kind in ("deleted", "inserted"):
                tag = "del" if step.kind == "deleted" else "ins"
                mark = f"<w:{tag} {self.rev.attrs()}/>"
            out.append(f.row(cells, header=header, cant_split=True, mark=mark))
        self._cell_steps = None
        return f.table(widths, out)

    _cell_steps: list[Step] | None = None

    def cell(self, cell: Any, width: int, header: bool, group: bool) -> str:
        if not self._cell_steps:
            return super().cell(cell, width, header, group)
        step = self._cell_steps.pop(0)
        style = self.template.style("KH Bang tieu de" if header else "KH Bang")
        props = f.ParagraphProperties(style.style_id, keep_next=group,
                                      align=ALIGN[cell.align])
        if step.kind == "changed":
            paragraphs = "".join(self.cell_line(props, style, cell.bold, line)
                                 for line in align_lines(step.old.lines, step.new.lines))
        else:
            tag = {"deleted": "del", "inserted": "ins"}.get(step.kind)
            paragraphs = "".join(
                f.paragraph(props, self.wrapped(tag, line, style, cell.bold) if tag
                            else self.runs(line, style, cell.bold)) for line in cell.lines)
        return f.cell(width, paragraphs, span=cell.colspan,
                      merge="restart" if cell.rowspan > 1 else None, middle=header)

    def cell_line(self, props: f.ParagraphProperties, style: Style, bold: bool,
                  line: Step) -> str:
        """One line of a changed cell: kept, edited, or a whole paragraph added or gone."""
        if line.kind == "same":
            return f.paragraph(props, self.runs(line.new, style, bold))
        if line.kind == "changed":
            return f.paragraph(props, self.diffed(line.old, line.new, style, bold))
        tag = "del" if line.kind == "deleted" else "ins"
        marked = replace(props, mark=f"<w:rPr><w:{tag} {self.rev.attrs()}/></w:rPr>")
        inlines = line.old if line.kind == "deleted" else line.new
        return f.paragraph(marked, self.wrapped(tag, inlines, style, bold))

    def appendix_steps(self, steps: Sequence[Step]) -> str:
        """Appendices behind their section breaks; a whole appendix added or dropped is
        written with each of its paragraphs and rows tracked, and its page setup as a
        tracked change (:meth:`page_setups`). The section the last appendix closes is left
        in :attr:`final_section`."""
        out = []
        setups, page_breaks = self.page_setups(steps)
        previous = self.template.sections[(False, False)].xml
        for n, (step, setup) in enumerate(zip(steps, setups, strict=True)):
            old: AppendixLayout | None = step.old
            new: AppendixLayout | None = step.new
            shown = new or old
            assert shown is not None
            whole = {"deleted": "del", "inserted": "ins"}.get(step.kind)
            mark = f"<w:rPr><w:{whole} {self.rev.attrs()}/></w:rPr>" if whole else ""
            brk = f.ParagraphProperties(self.template.style("KH Ngat phan").style_id,
                                        section=previous, mark=mark)
            out.append(f.paragraph(brk))
            section = self.template.sections[(shown.landscape, True)]
            heading_old = self.heading_paras(old) if old else []
            heading_new = self.heading_paras(new) if new else []
            heading = self.steps(align(heading_old, heading_new, moves=False), section,
                                 keep_all=True)
            out.append(_PAGE_BREAK_AT.sub(r"\1<w:pageBreakBefore/>", heading, count=1)
                       if n in page_breaks else heading)
            rule = self.appendix_rule(shown, section)
            if whole:  # the rule goes with the appendix
                rule = rule.replace("</w:pPr>", f"<w:rPr><w:{whole} {self.rev.attrs()}/>"
                                    "</w:rPr></w:pPr>", 1)
            out.append(rule)
            blocks = align(old.blocks if old else (), new.blocks if new else (),
                           revisions=self.rev)
            out.append(self.steps(blocks, section))
            previous = setup
        self.final_section = previous if steps else None
        return "".join(out)

    def page_setups(self, steps: Sequence[Step]) -> tuple[list[str], set[int]]:
        """The section properties each appendix's section ends with, and the appendices
        whose label must start a page by itself.

        Accepting the deletion of an appendix's section break (or rejecting its insertion)
        joins the part before it to the appendix's section, which Word then lays out with
        that section's properties: so a dropped appendix's section says, as now, the page
        setup of the part it joins, and as before (``w:sectPrChange``) its own; an added
        one the reverse. LibreOffice keeps a section break whose paragraph mark is deleted
        (and restores no page setup on rejecting, README): a dropped appendix's section is
        continuous, so that accepting every change leaves no page behind; the appendix it
        joins then starts its page with its label (a page break before it, which does
        nothing at the top of a page).
        """
        main = (False, False)
        accepted, rejected = main, main  # the setup each side's last section has
        joined = -1  # the last appendix NEW keeps, which a dropped one joins
        out, breaks = [], set()
        for n, step in enumerate(steps):
            shown = step.new if step.new is not None else step.old
            own = (shown.landscape, True)
            if step.kind == "deleted":
                out.append(self.tracked_section(accepted, own, continuous=True))
                rejected = own
                if joined >= 0:
                    breaks.add(joined)
                continue
            joined = n
            if step.kind == "inserted":
                out.append(self.tracked_section(own, rejected))
                accepted = own
            else:
                out.append(self.template.sections[own].xml)
                accepted = rejected = own
        return out, breaks

    def tracked_section(self, now: tuple[bool, bool], before: tuple[bool, bool],
                        continuous: bool = False) -> str:
        """Section properties ``now``, recorded as ``before`` until accepted."""
        sections = self.template.sections
        current = tree.parse_fragment(sections[now].xml)
        if continuous:
            kind = etree.SubElement(current, f"{W}type")
            kind.set(f"{W}val", "continuous")
            tree.put(current, kind)
        previous = tree.parse_fragment(sections[before].xml)
        for reference in previous.findall(f"{W}headerReference") + \
                previous.findall(f"{W}footerReference"):
            previous.remove(reference)  # a recorded setup holds no headers (schema)
        change = tree.parse_fragment(f"<w:sectPrChange {self.rev.attrs()}/>")
        change.append(previous)
        tree.put(current, change)
        xml = str(etree.tostring(current, encoding="unicode"))
        return "<w:sectPr>" + xml[xml.index(">") + 1:]

    def appendix_rule(self, appendix: AppendixLayout, section: Section) -> str:
        heading = self.appendix_heading(appendix, section)
        return heading[heading.rindex("<w:p>"):]

    def heading_paras(self, appendix: AppendixLayout) -> list[Para]:
        """An appendix's label, title and "(Kèm theo …)" lines, as its heading prints them."""
        def line(role: str, text: str) -> Para:
            style = self.template.style(_HEADING_STYLES[role])
            return Para(role, (Span(text, style.bold, style.italic),))

        lines = [line("appendix-label", appendix.label)]
        lines += [line("appendix-title", t) for t in appendix.title_lines]
        if appendix.attached_line:
            lines.append(line("appendix-attached", appendix.attached_line))
        return lines


_HEADING_STYLES = {"appendix-label": "KH Phu luc so", "appendix-title": "KH Phu luc tieu de",
                   "appendix-attached": "KH Kem theo"}


def _role_style(role: str) -> str:
    from generator.render.template import ROLE_STYLES

    return _HEADING_STYLES.get(role) or ROLE_STYLES[role]


def _cut(spans: Sequence[Inline], at: int) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Formatted text cut at a character: the spans before, and those after."""
    head: list[Span] = []
    tail: list[Span] = []
    offset = 0
    for span in spans:
        assert isinstance(span, Span)
        cut = min(max(at - offset, 0), len(span.text))
        head += [replace(span, text=span.text[:cut])] if cut else []
        tail += [replace(span, text=span.text[cut:])] if cut < len(span.text) else []
        offset += len(span.text)
    return tuple(head), tuple(tail)


def _text_of_spans(inlines: Sequence[Inline]) -> str:
    return "".join(s.text for s in inlines if isinstance(s, Span))


def _props(span: Span, style: Style, bold: bool) -> str:
    strong = span.bold or bold
    return f.run_properties(bold=None if strong == style.bold else strong,
                            italic=None if span.italic == style.italic else span.italic)


# ---------------------------------------------------------------- the frame's fields

_CLOSE = '</w:t></w:r>'
_REOPEN = '<w:r><w:t xml:space="preserve">'


def _tracked_value(old: str | None, new: str | None, rev: Revisions) -> Markup | None:
    """A header value with its changes: the template's run is closed around them. A word
    whose spaces after it changed keeps its run; only the spaces are tracked."""
    if (old or "") == (new or ""):
        return listing(new)
    old_words, new_words = tokens(old or ""), tokens(new or "")
    matcher = SequenceMatcher(None, [t.strip() or t for t in old_words],
                              [t.strip() or t for t in new_words], autojunk=False)
    out = [_CLOSE]
    kept: list[str] = []

    def changed(gone: str, came: str) -> None:
        if kept:
            out.append(f.run("".join(kept)))
            kept.clear()
        if gone:
            out.append(f"<w:del {rev.attrs()}>{f.deleted_run(gone)}</w:del>")
        if came:
            out.append(f"<w:ins {rev.attrs()}>{f.run(came)}</w:ins>")

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            changed("".join(old_words[i1:i2]), "".join(new_words[j1:j2]))
            continue
        for was, now in zip(old_words[i1:i2], new_words[j1:j2], strict=True):
            word = now.rstrip()
            kept.append(now if was == now else word)
            if was != now:
                changed(was[len(word):], now[len(word):])
    changed("", "")
    out.append(_REOPEN)
    return Markup("".join(out))


def _tracked_lines(old: Sequence[str], new: Sequence[str],
                   rev: Revisions) -> list[Markup | None]:
    """Lines of a list (recipients, issuer, signer): kept, edited, added or dropped."""
    matcher = SequenceMatcher(None, [nfc(x) for x in old], [nfc(x) for x in new],
                              autojunk=False)
    out: list[Markup | None] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [listing(x) for x in new[j1:j2]]
            continue
        olds, news = list(old[i1:i2]), list(new[j1:j2])
        while olds and news and similarity(olds[0], news[0]) >= ALIKE:
            out.append(_tracked_value(olds.pop(0), news.pop(0), rev))
        out += [_tracked_value(x, None, rev) for x in olds]
        out += [_tracked_value(None, x, rev) for x in news]
    return out


def tracked_context(old: ResolvedPlan, new: ResolvedPlan, rev: Revisions) -> dict[str, Any]:
    """The template's context for NEW, each field tracked against OLD."""
    context = template_context(new)
    a, b = old.header, new.header
    for key, before, after in (("co_quan_chu_quan", a.parent_line, b.parent_line),
                               ("so_ky_hieu", a.number_line, b.number_line),
                               ("dia_danh_ngay", a.place_date, b.place_date),
                               ("ten_loai", a.doc_type, b.doc_type),
                               ("trich_yeu", a.summary, b.summary),
                               ("noi_nhan_dau", old.closing.recipients_lead,
                                new.closing.recipients_lead),
                               ("ho_ten", old.closing.signer_name, new.closing.signer_name)):
        if before != after:  # a line only OLD has is shown deleted (its paragraph too)
            context[key] = _tracked_value(before, after, rev)
    for key, before_lines, after_lines in (
            ("ten_co_quan", a.issuer_lines, b.issuer_lines),
            ("noi_nhan", old.closing.recipient_lines, new.closing.recipient_lines),
            ("tham_quyen", old.closing.authority_lines, new.closing.authority_lines)):
        if before_lines != after_lines:
            context[key] = _tracked_lines(before_lines, after_lines, rev)
    return context


def _mark_whole_paragraphs(body: Any, rev: Revisions) -> None:
    """A frame paragraph whose text is all inserted (or all deleted) has its paragraph
    mark tracked too, so accepting or rejecting leaves no empty line behind; and runs
    written inside a tracked change take the properties of the template's run before."""
    for change in body.iter(f"{W}ins", f"{W}del"):
        before = change.getprevious()
        props = before.find(f"{W}rPr") if before is not None and before.tag == f"{W}r" \
            else None
        if props is not None:
            for run in change.iter(f"{W}r"):
                if run.find(f"{W}rPr") is None:
                    run.insert(0, etree.fromstring(etree.tostring(props)))
    for paragraph in body.iter(f"{W}p"):
        kinds = set()
        for run in paragraph.iter(f"{W}r"):
            if not "".join(run.itertext()):
                continue
            parent = run.getparent().tag
            kinds.add(parent if parent in (f"{W}ins", f"{W}del") else "kept")
        if len(kinds) == 1 and "kept" not in kinds:
            tag = next(iter(kinds)).removeprefix(W)
            _mark_paragraph(paragraph, tag, rev)


def _mark_paragraph(paragraph: Any, tag: str, rev: Revisions) -> None:
    props = paragraph.find(f"{W}pPr")
    if props is None:
        props = etree.SubElement(paragraph, f"{W}pPr")
        paragraph.insert(0, props)
    mark = props.find(f"{W}rPr")
    if mark is None:
        mark = etree.Element(f"{W}rPr")
        following = [props.find(f"{W}{name}") for name in ("sectPr", "pPrChange")]
        anchor = next((el for el in following if el is not None), None)
        if anchor is not None:
            anchor.addprevious(mark)
        else:
            props.append(mark)
    fragment = etree.fromstring(f'<w:{tag} xmlns:w="{W[1:-1]}" {rev.attrs()}/>')
    mark.insert(0, fragment)


# ---------------------------------------------------------------- the document

def render_redline(old: ResolvedPlan, new: ResolvedPlan, options: RenderOptions,
                   author: str, diff: PlanDiff | None = None) -> bytes:
    """NEW as a .docx with tracked changes against OLD; ``diff``: the diff whose items
    paired by likeness (:attr:`PlanDiff.renamed`) line up here too, so a task reworded
    without an id is one edited paragraph, as the text diff says."""
    if diff is not None:
        old = rekeyed(old, layout_keys(diff))
    template = prepared(options.template)
    when = options.created or dt.datetime.now(dt.UTC)
    rev = Revisions(author, when)
    writer = _RedlineWriter(template, options, rev)
    main = template.sections[(False, False)]
    content = {
        "can_cu": writer.steps(align(old.bases, new.bases, revisions=rev), main),
        "noi_dung": writer.steps(align(old.body, new.body, revisions=rev), main,
                                 KEEP_WITH_SIGNATURE),
        "phu_luc": writer.appendix_steps(appendix_steps(old.appendices, new.appendices)),
    }
    context = tracked_context(old, new, rev)
    frame = filled_frame(template, new, options, context,
                   lambda body: _mark_whole_paragraphs(body, rev))
    if writer.final_section is not None:
        start = frame.rindex("<w:sectPr")
        end = frame.index("</w:sectPr>", start) + len("</w:sectPr>")
        frame = frame[:start] + writer.final_section + frame[end:]
    body = _bridged(spliced(frame, content, template.source), rev,
                    template.style("KH Ngat phan").style_id)
    return packaged(template, new, options, body, {}, writer.footnotes)


_PAGE_BREAK_AT = re.compile(r"(<w:pPr><w:pStyle [^>]*/>(?:<w:keepNext/>)?(?:<w:keepLines/>)?)")
"""Where a paragraph's ``w:pageBreakBefore`` goes (the schema's order)."""
_TOP_TAGS = re.compile(r"<(/?)w:(p|tbl)(?=[\s/>])[^>]*?(/?)>")


def _bridged(body: str, rev: Revisions, style_id: str) -> str:
    """The body with a bridge after each deleted paragraph LibreOffice could not join to
    what follows it (a table, a section break, the end of the body).

    Accepting a deleted paragraph mark joins the paragraph to the next one; LibreOffice
    cannot join one to a table or to the paragraph ending a section, and leaves it, empty,
    where the NEW version has nothing (with an appendix's rule still drawn, a blank last
    page). The bridge is an empty one-point paragraph both inserted and deleted: the
    deleted paragraph joins it, and whether changes are accepted or rejected it goes
    (in Word; in LibreOffice a one-point empty line stays).
    """
    bridge = (f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/><w:rPr><w:ins {{}}/>'
              f"<w:del {{}}/></w:rPr></w:pPr></w:p>")
    out: list[str] = []
    depth, start, done = 0, 0, 0
    pending = False  # the last top-level paragraph was deleted and not yet bridged
    for match in _TOP_TAGS.finditer(body):
        closing, tag, empty = match.groups()
        if depth == 0 and not closing:
            if pending and (tag == "tbl" or _ends_section(body, match.start())):
                out += [body[done:match.start()],
                        bridge.format(rev.attrs(), rev.attrs())]
                done = match.start()
            pending = False
            start = match.start()
        if empty:
            continue
        depth += -1 if closing else 1
        if depth == 0 and tag == "p":
            pending = _mark_deleted(body[start:match.end()])
    if pending:
        end = body.rindex("<w:sectPr")
        out += [body[done:end], bridge.format(rev.attrs(), rev.attrs())]
        done = end
    return "".join(out) + body[done:]


def _properties(paragraph: str) -> str:
    end = paragraph.find("</w:pPr>")
    return paragraph[:end] if end >= 0 else ""


def _mark_deleted(paragraph: str) -> bool:
    """Whether a paragraph's mark is deleted (and it does not itself end a section)."""
    props = _properties(paragraph)
    return "<w:del " in props and "<w:sectPr" not in props


def _ends_section(body: str, at: int) -> bool:
    """Whether the paragraph starting at ``at`` ends a section."""
    return "<w:sectPr" in _properties(body[at:body.find("</w:p>", at)])


