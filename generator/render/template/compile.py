"""A template's parts compiled under the guard, and their mistakes told to the clerk.

Whatever a clerk's template does wrong — a tag Word split badly, a filter that does not
exist, an ``include`` of a file that is not there, a division by zero, a macro calling
itself, a loop past the budget — is the clerk's to fix (exit 1): the message names the
template file, the part (body, header, footer) and the paragraph, quoting its text as Word
shows it, so it can be found with Ctrl+F. Jinja's own words stay in parentheses for
whoever helps.

The paragraph is known because each ``<w:p`` starts a new line of the compiled source:
Jinja's line number is then the paragraph's number in the part.
"""

from __future__ import annotations

import html
import re
import types
from dataclasses import dataclass
from typing import Any

from jinja2 import Template, TemplateError, TemplateSyntaxError, meta, nodes
from jinja2.exceptions import SecurityError, UndefinedError

from generator.errors import Diagnostic, KeHoachError
from generator.render.template.guard import BudgetExceeded, GuardedEnvironment, Instrument, budget

RENDER_ERRORS = (TemplateError, ArithmeticError, TypeError, ValueError, LookupError,
                 RecursionError)
"""What a template's own expressions raise on bad operands (``1/0``, ``'a' + 1``,
``'x'.encode('?')``, ``'x'.index('y')``). The guard stops loops, growth and calls too deep
before they happen; a ``RecursionError`` is left only to Python's own printing or comparing
of data the template nested deeply, where the guard's check of nesting could not look (an
``==``)."""

_FORBIDDEN_TAGS = {nodes.Extends: "extends", nodes.Include: "include", nodes.Import: "import",
                   nodes.FromImport: "from … import"}
"""Tags that read another template: a template is one .docx file, with nothing beside it."""


def paragraph_lines(patched: str) -> str:
    """docxtpl's patched XML with each paragraph on a line of its own (for locating)."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)


@dataclass(frozen=True)
class GuardedTemplate:
    """A compiled part that renders within the budget, or fails as the clerk's error."""

    template: Template
    lines: tuple[str, ...]
    source: str
    part: str

    def render(self, context: dict[str, Any]) -> str:
        """The part filled with ``context``; any failure is a :class:`KeHoachError`."""
        with budget(sum(len(line) for line in self.lines)):
            try:
                return self.template.render(context)
            except RENDER_ERRORS as exc:
                raise KeHoachError([self._diagnostic(exc)]) from exc

    def _diagnostic(self, exc: BaseException) -> Diagnostic:
        said, hint = _told(exc)
        return _located(said, hint, self.source, self.part, self.lines, _template_line(exc))


def compile_part(environment: GuardedEnvironment, patched: str, source: str,
                 part: str) -> tuple[GuardedTemplate, set[str]]:
    """One part of the template compiled under the guard, and the variables it uses."""
    text = paragraph_lines(patched)
    lines = tuple(text.split("\n"))
    try:
        tree = environment.parse(text)
        _refuse_other_files(tree, source, part, lines)
        _refuse_unknown_names(environment, tree, source, part, lines)
        variables = meta.find_undeclared_variables(tree)
        compiled = environment.from_string(Instrument().visit(tree))
    except TemplateSyntaxError as exc:
        said, hint = _told(exc)
        raise KeHoachError([_located(said, hint, source, part, lines, exc.lineno)]) from exc
    except (RecursionError, SyntaxError) as exc:  # Jinja's parser, Python's compiler
        raise KeHoachError([_located(
            "các thẻ, dấu ngoặc hoặc bộ lọc lồng nhau quá sâu", "Tách biểu thức dài thành "
            "nhiều thẻ {% set %}; không lồng quá 20 vòng {% for %} trong nhau.", source, part,
            lines, None)]) from exc
    return GuardedTemplate(compiled, lines, source, part), variables


def _refuse_other_files(tree: nodes.Template, source: str, part: str,
                        lines: tuple[str, ...]) -> None:
    for node in tree.find_all(tuple(_FORBIDDEN_TAGS)):
        tag = _FORBIDDEN_TAGS[type(node)]
        raise KeHoachError([_located(
            f"thẻ {{% {tag} %}} không được dùng: mẫu không được đọc tệp mẫu khác", "Chép nội "
            "dung cần dùng vào ngay mẫu này (macro đặt trong chính mẫu vẫn dùng được).",
            source, part, lines, node.lineno)])


def _refuse_unknown_names(environment: GuardedEnvironment, tree: nodes.Template, source: str,
                          part: str, lines: tuple[str, ...]) -> None:
    """A filter or test that does not exist, even in a branch Jinja would only check when it
    runs (a plan that takes that branch would fail, another would not)."""
    for node in tree.find_all((nodes.Filter, nodes.Test)):
        known, kind = ((environment.filters, "bộ lọc (filter)") if isinstance(node, nodes.Filter)
                       else (environment.tests, "phép thử (test)"))
        if node.name not in known:
            raise KeHoachError([_located(
                f"không có {kind} tên '{node.name}'", "Sửa tên trong thẻ này (xem danh sách "
                "bộ lọc và phép thử của Jinja).", source, part, lines, node.lineno)])


def _template_line(exc: BaseException) -> int | None:
    """The template line Jinja's rewritten traceback shows for the failing expression."""
    line = None
    trace: types.TracebackType | None = exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def _located(said: str, hint: str, source: str, part: str, lines: tuple[str, ...],
             lineno: int | None) -> Diagnostic:
    where = _part_name(part)
    if lineno is not None:
        number, text = _paragraph(lines, lineno)
        if number:
            where = f"đoạn thứ {number} của {where}" + (f": «{text}»" if text else "")
    return Diagnostic(f"Mẫu trình bày lỗi: {said} — ở {where}.", source, hint=hint)


def _paragraph(lines: tuple[str, ...], lineno: int) -> tuple[int, str]:
    """The number (from 1) and the text of the paragraph that holds line ``lineno``.

    Paragraphs start the lines :func:`paragraph_lines` made; a template whose XML had
    line breaks of its own has more lines than paragraphs, so they are counted.
    """
    starts = [i for i, line in enumerate(lines[:lineno]) if _PARAGRAPH.match(line)]
    if not starts:
        return 0, ""
    end = next((i for i in range(lineno, len(lines)) if _PARAGRAPH.match(lines[i])),
               len(lines))
    return len(starts), _paragraph_text(" ".join(lines[starts[-1]:end]))


_PARAGRAPH = re.compile(r"<w:p[ >]")


def _part_name(part: str) -> str:
    name = part.rsplit("/", 1)[-1]
    for key, words in (("header", "đầu trang"), ("footer", "chân trang"),
                       ("footnotes", "phần chú thích")):
        if name.startswith(key):
            return f"{words} ({name})"
    return "thân văn bản"


def _paragraph_text(line: str, longest: int = 80) -> str:
    """A paragraph's text as Word shows it (tags dropped, entities read), shortened."""
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", line)).split())
    return text if len(text) <= longest else text[:longest - 1] + "…"


_SYNTAX: list[tuple[str, str]] = [
    (r"No filter named '([^']+)'", "không có bộ lọc (filter) tên '{0}'"),
    (r"No test named '([^']+)'", "không có phép thử (test) tên '{0}'"),
    (r"Encountered unknown tag '([^']+)'", "không có thẻ '{{% {0} %}}'"),
    (r"Unexpected end of template", "thiếu thẻ đóng (endfor, endif…) trước cuối mẫu"),
    (r"unexpected end of template", "thẻ bị cắt ngang trước cuối mẫu"),
    (r"unexpected '(.+)'", "gặp '{0}' ở chỗ không được phép"),
    (r"expected token '([^']+)', got '([^']+)'", "cần '{0}' nhưng gặp '{1}'"),
    (r"unexpected char '(.+)'", "ký tự '{0}' không hợp lệ trong thẻ"),
]
"""Jinja's syntax messages in Vietnamese (the rest: "thẻ Jinja sai cú pháp")."""


def _told(exc: BaseException) -> tuple[str, str]:
    """What went wrong in Vietnamese (Jinja's words in parentheses), and how to fix it."""
    english = str(getattr(exc, "message", None) or exc).rstrip(".")
    if isinstance(exc, BudgetExceeded):
        return english, ("Mẫu trình bày chỉ cần vài vòng lặp ngắn (tên cơ quan, nơi nhận); "
                         "bỏ vòng lặp hay phép tính làm phình văn bản.")
    if isinstance(exc, TemplateSyntaxError):
        return _syntax(english), "Sửa thẻ {{ … }} hoặc {% … %} này trong mẫu bằng Word."
    if isinstance(exc, UndefinedError):
        return (f"dùng giá trị không có ({english})",
                "Các biến được dùng: xem hướng dẫn, trang 'Mẫu trình bày riêng'.")
    if isinstance(exc, SecurityError):
        return (f"thao tác bị chặn vì an toàn ({english})",
                "Mẫu chỉ được in và định dạng các biến của kế hoạch.")
    if isinstance(exc, RecursionError):
        return ("dữ liệu hoặc lời gọi lồng nhau quá sâu",
                "Bỏ phần tạo danh sách lồng trong danh sách nhiều tầng.")
    if isinstance(exc, ZeroDivisionError):
        return f"chia cho 0 ({english})", "Sửa phép chia trong thẻ này."
    if isinstance(exc, ArithmeticError):
        return f"phép tính không làm được ({english})", "Sửa phép tính trong thẻ này."
    return (f"thẻ không chạy được ({type(exc).__name__}: {english})",
            "Kiểm tra kiểu giá trị và lời gọi trong thẻ này.")


def _syntax(english: str) -> str:
    for pattern, vietnamese in _SYNTAX:
        found = re.search(pattern, english)
        if found:
            return f"{vietnamese.format(*found.groups())} ({english})"
    return f"thẻ Jinja sai cú pháp ({english})"
