"""PyYAML's syntax errors told in Vietnamese, at the place a clerk has to look.

PyYAML words its errors for programmers ("expected <block end>, but found '?'") and points
at where it gave up, which is not always where the mistake is: an unclosed quote is found
at the end of the file, a tab after a value is "a character that cannot start any token".
Each known problem gets a Vietnamese sentence, the place worth showing (the opening quote
or bracket when that is the cause) and a hint; the English original stays in parentheses
for whoever helps the clerk. A problem not in the table still gets a Vietnamese sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from generator.errors import Diagnostic, TextLines

_QUOTE_HINT = ("Thêm dấu nháy đóng ở cuối văn bản. Văn bản có dấu nháy đơn (') thì đặt trong "
               "dấu nháy kép, hoặc viết nó hai lần ('').")
_ESCAPE_HINT = ("Trong dấu nháy kép, dấu '\\' bắt đầu một mã thoát: viết '\\\\' cho chính "
                "dấu '\\', hoặc dùng dấu nháy đơn.")
_INDENT_HINT = ("Các khóa cùng cấp phải thẳng cột với nhau; thụt lề bằng dấu cách, "
                "mỗi cấp 2 dấu cách.")
_QUOTE_TEXT_HINT = "Nếu đây là văn bản, đặt cả đoạn trong dấu nháy kép, ví dụ: \"{text}\"."
_COLON_HINT = ("Văn bản có dấu ':' phải đặt trong dấu nháy kép, ví dụ: "
               "noi_dung: \"Công an xã: chủ trì\".")
_DEFAULT_HINT = "Kiểm tra thụt lề (chỉ dùng dấu cách) và dấu nháy ở dòng này hoặc dòng trên."


@dataclass(frozen=True)
class _Told:
    """A problem in words: the sentence, the hint, and whether the context mark is the place."""

    text: str
    hint: str = _DEFAULT_HINT
    at_context: bool = False


def _tab(line: str, column: int) -> _Told:
    """A tab is "a character that cannot start any token": say where it really stands."""
    before, after = line[:column], line[column + 1:].strip()
    if not before.strip():
        if not after or after.startswith("#"):
            return _Told("có ký tự tab trên một dòng trống",
                         "Xóa ký tự tab ở dòng này (dòng trống chỉ được có dấu cách).")
        return _Told("có ký tự tab dùng để thụt lề", "Thụt lề bằng dấu cách, không dùng phím Tab.")
    if set(before.strip()) <= {"-", " "}:
        return _Told("có ký tự tab sau dấu '-' của danh sách",
                     "Sau dấu '-' dùng một dấu cách, không dùng phím Tab.")
    value = before.strip().rsplit(": ", 1)[-1].lstrip("- ")
    return _Told(f"có ký tự tab ngay sau giá trị '{value}'",
                 "Thay ký tự tab bằng dấu cách (hoặc xóa nó).")


def _character(line: str, column: int, char: str) -> _Told:
    if char == "\\t":
        return _tab(line, column)
    text = line[column:].strip()
    return _Told(f"ký tự '{char}' không được đứng đầu một giá trị",
                 _QUOTE_TEXT_HINT.format(text=text.replace('"', "'")))


_Rule = tuple[re.Pattern[str], Callable[[re.Match[str], str, int], _Told]]
_RULES: list[_Rule] = [
    (re.compile(r"found character '(.+)' that cannot start any token"),
     lambda m, line, col: _character(line, col, m[1])),
    (re.compile(r"mapping values are not allowed here"),
     lambda m, line, col: _Told("dấu ':' xuất hiện ở chỗ không được phép", _COLON_HINT)),
    (re.compile(r"could not find expected ':'"),
     lambda m, line, col: _Told("thiếu dấu ':' sau tên khóa", _COLON_HINT)),
    (re.compile(r"expected <block end>, but found '-'"),
     lambda m, line, col: _Told("dấu '-' của danh sách bị thụt lề sai", _INDENT_HINT)),
    (re.compile(r"expected <block end>, but found '\?'"),
     lambda m, line, col: _Told("một khóa đứng lẫn vào danh sách (hoặc thụt lề sai)",
                                "Khóa và dấu '-' của danh sách không đứng cùng một cột; "
                                + _INDENT_HINT)),
    (re.compile(r"expected <block end>, but found '<scalar>'"),
     lambda m, line, col: _Told("có chữ thừa sau giá trị (ví dụ sau dấu nháy đóng)",
                                "Đặt cả đoạn văn bản trong một cặp dấu nháy kép.")),
    (re.compile(r"expected <block end>, but found '([\]}])'"),
     lambda m, line, col: _Told(f"dấu '{m[1]}' thừa (không có dấu mở tương ứng)",
                                f"Xóa dấu '{m[1]}' thừa, hoặc đặt văn bản trong dấu nháy kép.")),
    (re.compile(r"expected <block end>"),
     lambda m, line, col: _Told("thụt lề không khớp với các dòng trên", _INDENT_HINT)),
    (re.compile(r"expected ',' or '([\]}])', but got"),
     lambda m, line, col: _Told(
         f"thiếu dấu ',' hoặc dấu '{m[1]}' đóng cho dấu '{'[' if m[1] == ']' else '{'}' "
         "mở ở dòng {context_line}",
         f"Đóng bằng '{m[1]}' ngay sau phần tử cuối; văn bản có dấu ',' hay ':' đặt trong "
         "dấu nháy kép.")),
    (re.compile(r"found unexpected (end of stream|document separator)"),
     lambda m, line, col: _Told("dấu nháy mở ở đây chưa được đóng", _QUOTE_HINT,
                                at_context=True)),
    (re.compile(r"found unknown escape character '(.+)'"),
     lambda m, line, col: _Told(f"'\\{m[1]}' không phải mã thoát hợp lệ trong dấu nháy kép",
                                _ESCAPE_HINT)),
    (re.compile(r"expected escape sequence of (\d+) hexadecimal numbers"),
     lambda m, line, col: _Told(f"mã thoát cần đủ {m[1]} chữ số thập lục phân", _ESCAPE_HINT)),
    (re.compile(r"found undefined alias '?([^']*)'?"),
     lambda m, line, col: _Told(f"bí danh (*{m[1]}) chưa được định nghĩa",
                                f"Khai báo '&{m[1]}' trước chỗ dùng '*{m[1]}', hoặc nếu là "
                                "văn bản bắt đầu bằng '*', đặt trong dấu nháy kép.")),
    (re.compile(r"second occurrence"),
     lambda m, line, col: _Told("tên bí danh (&) này đã được đặt ở dòng {context_line}",
                                "Đặt cho mỗi bí danh một tên riêng.")),
    (re.compile(r"but found another document"),
     lambda m, line, col: _Told("tệp có hơn một tài liệu YAML (dòng '---' ở giữa tệp)",
                                "Mỗi tệp chỉ chứa một kế hoạch: xóa dòng '---' và phần thừa.")),
    (re.compile(r"expected '<document start>', but found"),
     lambda m, line, col: _Told("có nội dung thừa sau phần chính của tệp", _INDENT_HINT)),
    (re.compile(r"sequence entries are not allowed here"),
     lambda m, line, col: _Told("dấu '-' của danh sách ở chỗ không được phép",
                                "Danh sách bắt đầu ở dòng mới, thụt vào dưới tên khóa; văn "
                                "bản bắt đầu bằng '-' thì đặt trong dấu nháy kép.")),
    (re.compile(r"expected the node content, but found '(.*)'"),
     lambda m, line, col: _Told(f"thiếu giá trị: gặp '{m[1]}' ở chỗ cần một giá trị",
                                _QUOTE_TEXT_HINT.format(text=line[col:].strip()))),
    (re.compile(r"expected alphabetic or numeric character"),
     lambda m, line, col: _Told("sau '&' hoặc '*' phải là tên bí danh (chữ hoặc số)",
                                _QUOTE_TEXT_HINT.format(text=line[col - 1:].strip()))),
    (re.compile(r"expected (chomping or indentation indicators|a comment or a line break"
                r"|indentation indicator)"),
     lambda m, line, col: _Told("sau dấu '|' hoặc '>' phải xuống dòng",
                                "Viết '|' (hoặc '>') cuối dòng, văn bản ở các dòng dưới, thụt "
                                "vào; văn bản một dòng thì đặt trong dấu nháy kép.")),
]


def syntax_diagnostic(exc: yaml.MarkedYAMLError, text: str, file: str) -> Diagnostic:
    """A PyYAML syntax error as a located Vietnamese diagnostic."""
    problem = exc.problem or exc.context or ""
    english = problem if not exc.context or exc.context.startswith("while") else (
        f"{exc.context}; {problem}")
    mark = exc.problem_mark or exc.context_mark
    line_text = _line(text, mark.line) if mark else ""
    told = _tell(problem, line_text, mark.column if mark else 0)
    if told.at_context and exc.context_mark is not None:
        mark = exc.context_mark
    if mark is not None and (found := _where_it_is(exc, problem, mark, text)) is not None:
        told, mark = found
    context_line = exc.context_mark.line + 1 if exc.context_mark else "?"
    sentence = told.text.replace("{context_line}", str(context_line))
    hint = told.hint
    if mark is not None and _CURLY & set(_line(text, mark.line)):
        hint += f" {_CURLY_HINT}"
    return Diagnostic(f"Lỗi cú pháp YAML: {sentence} ({english}).", file,
                      mark.line + 1 if mark else None, mark.column + 1 if mark else None,
                      hint=hint)


_CURLY = set("“”‘’")
_CURLY_HINT = ("Dấu nháy cong “ ” (của Word) không phải dấu nháy của YAML: dùng dấu nháy thẳng "
               "\" của bàn phím.")


_Mark = yaml.error.Mark


def _where_it_is(exc: yaml.MarkedYAMLError, problem: str, mark: _Mark,
                 text: str) -> tuple[_Told, _Mark] | None:
    """Where the mistake really is, when PyYAML stops later than it, and what it is.

    PyYAML reports a key without its ':' on the next line (it reads both lines as one
    text), and an unclosed quote where a later quote closes it, often many lines down:
    the source lines around the error show the line the clerk has to fix.
    """
    if "could not find expected ':'" in problem and exc.context_mark is not None:
        return _missing_colon(text, exc.context_mark.line)
    if "mapping values are not allowed here" in problem:
        return _missing_colon_above(text, mark)
    return _unclosed_quote(text, mark)


_KEY = re.compile(r"^(\s*(?:-\s+)?)([a-z][a-z0-9_]*)(?:\s+(.*))?$")
"""A line that starts with a key of a plan (snake_case, no diacritics), without a colon:
``  chuc_vu CHỦ TỊCH``; a line of text ("- Tuyên truyền về") is not taken for one."""


_GLUED = re.compile(r"^(\s*(?:-\s+)?)([a-z][a-z0-9_]*):(?=\S)(.*)$")
"""A key whose ':' has no space after it: ``trich_yeu:Tổ chức``."""


def _missing_colon(text: str, index: int) -> tuple[_Told, _Mark] | None:
    """The line ``index`` (0-based) is a key missing its ':' (or the space after it), if
    it looks like one."""
    line = _line(text, index)
    glued = _GLUED.match(line)
    if glued is not None:
        key, rest = glued[2], glued[3].rstrip()
        return (_Told(f"sau dấu ':' của khóa '{key}' thiếu một dấu cách",
                      f"Viết '{key}: {rest}': dấu cách sau dấu ':'. Văn bản có dấu ':' thì "
                      "đặt trong dấu nháy kép."), _at(index, len(glued[1]) + len(key) + 1))
    found = _KEY.match(line)
    if found is None or ":" in line:
        return None
    lead, key, rest = found[1], found[2], (found[3] or "").rstrip()
    example = f"{key}: {rest}" if rest else f"{key}:"
    return (_Told(f"thiếu dấu ':' sau tên khóa '{key}' (YAML đọc dòng này và dòng sau thành "
                  "một đoạn văn bản)",
                  f"Viết '{example}': dấu ':' ngay sau tên khóa, rồi một dấu cách."),
            _at(index, len(lead) + len(key)))


def _missing_colon_above(text: str, mark: _Mark) -> tuple[_Told, _Mark] | None:
    """A ':' not allowed at ``mark`` because the line above, a key without its ':', made
    one text of both lines (``chuc_vu CHỦ TỊCH`` then ``ho_ten: …``)."""
    above = mark.line - 1
    while above >= 0 and (not _line(text, above).strip()
                          or _line(text, above).lstrip().startswith("#")):
        above -= 1
    if above < 0 or _indent(_line(text, above)) > _indent(_line(text, mark.line)):
        return None
    return _missing_colon(text, above)


def _indent(line: str) -> int:
    """Where a line's key starts (after a list's '- ')."""
    stripped = line.lstrip(" ")
    return len(line) - len(stripped.lstrip("- ")) if stripped.startswith("- ") else \
        len(line) - len(stripped)


_STRUCTURE = re.compile(r"^\s*(?:#|(?:-\s+)?[a-z][a-z0-9_]*:(?:\s|$))")
"""A line that is YAML's, not a text's: a comment, or a key of a plan (``  chu_tri: …``)."""


def _unclosed_quote(text: str, mark: _Mark) -> tuple[_Told, _Mark] | None:
    """A quoted text that runs from an earlier line to the line of the error, closed by a
    quote that opens a value (``tieu_de: "…``), or taking in a comment or a key line on its
    way (closed by the apostrophe of a comment, ``# Khóa 'loai' …``): the quote it started
    with was never closed."""
    token = _token_before(text, mark.index)
    if not isinstance(token, yaml.ScalarToken) or token.style not in ('"', "'") or \
            token.start_mark.line == token.end_mark.line or token.end_mark.line != mark.line:
        return None
    closing = _line(text, token.end_mark.line)[:token.end_mark.column - 1].rstrip()
    swallowed = (_line(text, index) for index in range(token.start_mark.line + 1,
                                                       token.end_mark.line + 1))
    if closing and not closing.endswith((":", "-", "[", ",")) and \
            not any(_STRUCTURE.match(line) for line in swallowed):
        return None  # a closing quote after words: a text over several lines, meant so
    kind = "kép" if token.style == '"' else "đơn"
    hint = _QUOTE_HINT
    other = "'" if token.style == '"' else '"'
    if _line(text, token.start_mark.line).rstrip().endswith(other):
        hint = (f"Văn bản mở bằng dấu nháy {kind} ({token.style}) nhưng kết thúc bằng dấu "
                f"nháy {'đơn' if other == chr(39) else 'kép'} ({other}): dùng cùng một loại "
                "dấu nháy ở hai đầu; văn bản có dấu nháy đơn (') thì đặt trong dấu nháy kép.")
    return (_Told(f"dấu nháy {kind} mở ở đây chưa được đóng trên dòng này: YAML đọc tiếp các "
                  f"dòng sau làm văn bản, đến dấu nháy ở dòng {token.end_mark.line + 1}",
                  hint), token.start_mark)


def _token_before(text: str, index: int) -> yaml.Token | None:
    """The last token PyYAML reads before ``index`` (one pass: only on an error)."""
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= index:
                break
            last = token
    except yaml.YAMLError:
        pass
    return last


def _at(line: int, column: int) -> _Mark:
    """A mark at ``line`` and ``column`` (0-based), as PyYAML's marks are."""
    return yaml.error.Mark("", 0, line, column, None, 0)


def _tell(problem: str, line: str, column: int) -> _Told:
    for pattern, told in _RULES:
        found = pattern.search(problem)
        if found:
            return told(found, line, column)
    return _Told("cấu trúc không đúng ở đây")


def _line(text: str, index: int) -> str:
    lines = text.split("\n")
    return lines[index] if 0 <= index < len(lines) else ""


def reader_diagnostic(exc: yaml.reader.ReaderError, text: str, file: str) -> Diagnostic:
    """A character PyYAML's reader refuses, at its line and column rather than its offset.

    The loader blanks every such character before parsing (to report it with its field), so
    this only answers if PyYAML's idea of a forbidden character grows beyond the loader's.
    """
    line, column = TextLines(text).at(max(0, min(exc.position, len(text))))
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or
                                                                      "\0")
    return Diagnostic(f"Có ký tự không đọc được (U+{code:04X}).", file, line, column,
                      hint="Xóa ký tự đó; nếu dán từ nơi khác, hãy gõ lại đoạn văn bản này.")
