"""click's own words in Vietnamese: usage lines, help headings, usage mistakes.

click words its messages through gettext (``from gettext import gettext as _`` in each of
its modules) and offers no other hook for them: :func:`install` points those module names
at :data:`MESSAGES`, before the commands are declared (some help texts are taken as a
command is declared). A message click adds in a later version and that is missing here
shows in English: ``tests/test_clicktext.py`` types the mistakes clerks make and fails on
any English word, and names the entries here that the installed click no longer has.
"""

from __future__ import annotations

import importlib
import sys

MESSAGES: dict[str, str] = {
    # help
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Các lệnh",
    "Positional arguments": "Tham số",
    "Show this message and exit.": "Hiện hướng dẫn này.",
    "Show the version and exit.": "Hiện phiên bản của kehoach.",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "env var: {var}": "biến môi trường: {var}",
    "(dynamic)": "(tự động)",
    "deprecated": "không dùng nữa",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    # usage mistakes
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: {command} {option}",
    "Missing command.": "Thiếu tên lệnh (validate, build, check…).",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such option: {name}": "Không có tùy chọn {name}.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "Invalid value for {param_hint}: {message}": "Giá trị của {param_hint} không hợp lệ: "
                                                 "{message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} nhận {nargs} giá trị.",
    "Invalid start character for option ({option})": "Tùy chọn bắt đầu bằng ký tự không "
                                                     "hợp lệ ({option})",
    "Value must be an iterable.": "Giá trị phải là một danh sách.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải một số.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng cho phép ({range}).",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} không phải giá trị có/không. Các giá trị nhận: {states}",
    "{value!r} is not a valid UUID.": "{value!r} không phải một UUID.",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không có.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} không đọc được.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} không ghi được.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} không chạy được.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "unknown error": "lỗi không rõ",
    "Aborted!": "Đã dừng.",
    "Do you want to continue?": "Tiếp tục?",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai lần nhập không khớp nhau.",
    "Error: invalid input": "Lỗi: giá trị nhập không hợp lệ",
    "Press any key to continue...": "Bấm một phím bất kỳ để tiếp tục…",
}
"""click's messages (its gettext message ids, as in its source) → what a clerk reads."""

PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Thừa tham số ({args}).", "Thừa tham số ({args})."),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Có phải ý bạn là {possibility}?", "(Có phải ý bạn là một trong: {possibilities}?)"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("Tùy chọn {name!r} cần một giá trị đi sau.",
         "Tùy chọn {name!r} cần {nargs} giá trị đi sau."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} không phải {choice}.", "{value!r} không phải một trong: {choices}."),
    ("{value!r} does not match the format {format}.",
     "{value!r} does not match the formats {formats}."):
        ("{value!r} không đúng dạng {format}.", "{value!r} không đúng dạng nào trong: "
                                               "{formats}."),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("Cần {nargs} giá trị nhưng chỉ có 1.", "Cần {nargs} giá trị nhưng có {len}."),
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."):
        ("Cần {len_type} giá trị, nhưng có {len_value}.",
         "Cần {len_type} giá trị, nhưng có {len_value}."),
}
"""click's messages that depend on a count: (singular, plural) → the same in Vietnamese."""

MODULES = ("click.core", "click.decorators", "click.exceptions", "click.formatting",
           "click.parser", "click._parser", "click.types", "click.termui", "click.utils")
"""click's modules that word messages through gettext (``_parser`` in later versions);
those click has not imported are left alone."""


def gettext(message: str) -> str:
    """A click message in Vietnamese (as it is, if :data:`MESSAGES` lacks it)."""
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """A click message that depends on ``count``, in Vietnamese."""
    one, many = PLURALS.get((singular, plural), (singular, plural))
    return one if count == 1 else many


def install() -> None:
    """Make click word its messages in Vietnamese (for this process)."""
    importlib.import_module("click")
    for name in MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            setattr(module, "_", gettext)  # noqa: B010  (click's modules name it so)
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", ngettext)  # noqa: B010
