"""Limits on what a clerk's template (``--template``) can make a build do.

A DOCX template is a program: Jinja tags a clerk (or whoever sent them the file) typed in
Word. Jinja's sandbox already keeps it from Python's internals; this module keeps it from
the machine's time and memory. Every value a template builds, every loop turn, every call
and every character it prints passes a check, and a render that goes past a limit stops
with :class:`BudgetExceeded`, a Jinja error the caller turns into the clerk's error
(exit 1). The limits are generous for a plan's frame (a header, a title, a signature,
lists of a few lines) and small beside what a runaway template would ask for.

How: the parsed template is instrumented before it is compiled (each ``for`` counts its
turns, each ``~`` checks the size of its parts, each block of template text counts its
characters), the binary operators ``+ * ** %`` are intercepted, calls and filters are
wrapped, and ``finalize`` sees every printed value. The budget of the render in progress
lives in a context variable, so concurrent renders never share one.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from string import Formatter
from typing import Any

from jinja2 import StrictUndefined, nodes, pass_context
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context, LoopContext, markup_join, str_join
from jinja2.sandbox import SandboxedEnvironment, SandboxedEscapeFormatter, SandboxedFormatter
from jinja2.utils import Namespace
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

from generator.vnformat import vi_int

MAX_RANGE = 1_000
"""Longest ``range()`` a template may make (Jinja's sandbox allows 100,000)."""

MAX_LOOP_ITERATIONS = 100_000
"""Loop turns in one render, all loops together (nested loops multiply: 300 × 300 is all)."""

MAX_TEXT = 1_000_000
"""Largest value a template may build or print: characters of a text, or characters and
items of a list (a part shared many times counts each time). Also the largest whole number
a call or a filter may receive (``center(10**9)`` would build a gigabyte)."""

MAX_OUTPUT = 5_000_000
"""Characters one part of the document may produce beyond the template's own text."""

MAX_NESTING = 100
"""Lists within lists a template may build (``[[[…]]]``): Python prints and compares them
by recursion."""

MAX_CALL_DEPTH = 50
"""Macros (and recursive loops) calling one another this deep at most: a macro that calls
itself forever stops here, far below Python's recursion limit."""

MAX_INT_BITS = 256
"""Largest whole number ``*`` and ``**`` may make (about 77 digits): a plan's frame counts
pages and lines, and ``10**10**10`` would compute for hours."""

TIME_LIMIT_SECONDS = 5.0
"""Longest a template's part may take to fill (a plan's frame takes a few milliseconds)."""

clock = time.monotonic
"""The clock the time limit is read on (a test may stand a fake one in)."""

LOOP_FILTER = "kehoach_dem_vong"
CONCAT_FILTER = "kehoach_noi"
STATIC_FILTER = "kehoach_chu_mau"
"""Names of the instrumentation hooks, as filters the compiled template calls."""


class BudgetExceeded(SecurityError):
    """A template went past one of the limits; the message says which, in Vietnamese."""


@dataclass
class _Budget:
    """What the render in progress has used."""

    deadline: float
    output_limit: int
    iterations: int = 0
    output: int = 0
    depth: int = 0

    def tick(self) -> None:
        if clock() > self.deadline:
            raise BudgetExceeded(f"mẫu chạy quá {TIME_LIMIT_SECONDS:g} giây mà chưa xong "
                                 "(giới hạn thời gian)")

    def turn(self) -> None:
        self.iterations += 1
        if self.iterations > MAX_LOOP_ITERATIONS:
            raise BudgetExceeded(f"các vòng lặp chạy quá {vi_int(MAX_LOOP_ITERATIONS)} lượt")
        self.tick()

    def printed(self, size: int) -> None:
        self.output += size
        if self.output > self.output_limit:
            raise BudgetExceeded(f"mẫu tạo ra quá {vi_int(MAX_OUTPUT)} ký tự")
        self.tick()


_CURRENT: ContextVar[_Budget | None] = ContextVar("kehoach_template_budget", default=None)


@contextlib.contextmanager
def budget(template_size: int) -> Iterator[None]:
    """A fresh budget for one render of a part whose own text is ``template_size`` long."""
    token = _CURRENT.set(_Budget(clock() + TIME_LIMIT_SECONDS,
                                 MAX_OUTPUT + template_size))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def _budget() -> _Budget:
    found = _CURRENT.get()
    if found is None:  # a guarded template rendered without GuardedTemplate.render: a bug
        raise RuntimeError("template rendered outside a budget")
    return found


# --- sizes --------------------------------------------------------------------------------


def size_of(value: Any, limit: int = MAX_TEXT) -> int:
    """Characters and items ``value`` amounts to when printed, shared parts counted each time.

    Stops counting once past ``limit``, so a value made of a list repeated a million times
    costs no more to measure than the limit. A value nested deeper than
    :data:`MAX_NESTING` is refused here: printing or comparing it would recurse that deep.
    """
    total, stack = 0, [(value, 0)]
    while stack and total <= limit:
        item, depth = stack.pop()
        total += len(item) if isinstance(item, str | bytes) else 1
        children: Iterable[Any] = ()
        if isinstance(item, dict):
            children = [*item.keys(), *item.values()]
        elif isinstance(item, list | tuple | set | frozenset):
            children = item
        elif isinstance(item, range):
            total += len(item)
        elif isinstance(item, Namespace):
            children = [item._Namespace__attrs]
        if children and depth >= MAX_NESTING:
            raise BudgetExceeded(f"dữ liệu lồng nhau quá {MAX_NESTING} tầng")
        stack.extend((child, depth + 1) for child in children)
    return total


def _too_big(what: str) -> BudgetExceeded:
    return BudgetExceeded(f"{what} quá lớn (hơn {vi_int(MAX_TEXT)} ký tự hoặc phần tử)")


def _check_size(value: Any, what: str) -> int:
    size = size_of(value)
    if size > MAX_TEXT:
        raise _too_big(what)
    return size


def _check_estimate(size: int, what: str) -> None:
    if size > MAX_TEXT:
        raise _too_big(what)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _materialized(value: Any) -> Any:
    """An iterator (a filter's generator) as a list, so that its size is known before it is
    used; not a ``loop``, which is one too but must keep its place."""
    if isinstance(value, Iterator) and not isinstance(value, LoopContext):
        return list(value)
    return value


def _checked_arguments(args: Iterable[Any], kwargs: dict[str, Any],
                       what: str) -> tuple[list[Any], dict[str, Any]]:
    """Arguments of a call or a filter, iterators materialized, each within the limits."""
    args = [_materialized(arg) for arg in args]
    kwargs = {key: _materialized(value) for key, value in kwargs.items()}
    for value in (*args, *kwargs.values()):
        if _whole(value) and abs(value) > MAX_TEXT:
            raise BudgetExceeded(f"số {_short_number(value)} truyền cho {what} quá lớn (tối đa "
                                 f"{vi_int(MAX_TEXT)})")
        _check_size(value, f"giá trị truyền cho {what}")
    return args, kwargs


def _short_number(value: int) -> str:
    """``1.000.000.000``, or ``có 31 chữ số`` for a number too long to show (after "số")."""
    if abs(value) < 10**15:
        return vi_int(value)
    return f"có khoảng {vi_int(int(value.bit_length() * 0.30103) + 1)} chữ số"


# --- what builds large values from small ones ---------------------------------------------

_NUMBER_SIZE = 320
"""Characters a number may print as besides its width and precision: the largest float has
309 digits before the point (``'%d' % 1e308``, ``'%f' % 1e308``)."""


def _width_error(what: str) -> BudgetExceeded:
    return BudgetExceeded(f"độ rộng trong {what} quá lớn (tối đa {vi_int(MAX_TEXT)})")


_PERCENT_NUMBER = re.compile(r"\*|\d*")


def _percent_fields(text: str) -> Iterator[tuple[str | None, str, str, str]]:
    """The fields of a ``'%'`` format, read as Python reads them: ``(key, width, precision,
    conversion)``, the width and the precision as written (digits, ``'*'`` or ``''``)."""
    end, start = len(text), text.find("%")
    while start >= 0:
        at, key = start + 1, None
        if text[at:at + 1] == "(":  # a mapping key; Python counts nested parentheses
            depth, at = 1, at + 1
            while at < end and depth:
                depth += {"(": 1, ")": -1}.get(text[at], 0)
                at += 1
            key = text[start + 2:at - 1]
        while at < end and text[at] in "-+ #0":
            at += 1
        width = _PERCENT_NUMBER.match(text, at)[0]  # type: ignore[index]
        at += len(width)
        precision = ""
        if text[at:at + 1] == ".":
            precision = _PERCENT_NUMBER.match(text, at + 1)[0]  # type: ignore[index]
            at += 1 + len(precision)
        if text[at:at + 1] in ("h", "l", "L"):
            at += 1
        yield key, width, precision, text[at:at + 1]
        start = text.find("%", at + 1)


def _check_percent(text: Any, values: Any, what: str) -> None:
    """A ``'%'`` format with its values, before it runs: each width and precision (written, or
    taken from the values by ``*``) within the limit, and the result's size, estimated field by
    field (a value a mapping key names counts each time it is named), within the limit."""
    if not isinstance(text, str):
        return
    positional = iter(values if isinstance(values, tuple) else (values,))
    mapping = None if isinstance(values, tuple | str) else values
    size = len(text)
    for key, width, precision, conversion in _percent_fields(text):
        for written in (width, precision):
            number = next(positional, None) if written == "*" else _written_number(written)
            if not isinstance(number, int):  # '*' given something else: Python refuses it
                continue
            if abs(number) > MAX_TEXT:
                raise _width_error(what)
            size += abs(number)
        if conversion == "%":
            continue
        value = next(positional, "") if key is None else _named(mapping, key)
        size += size_of(value, MAX_TEXT) + (_NUMBER_SIZE if isinstance(value, int | float) else 0)
        if size > MAX_TEXT:
            raise _too_big(f"kết quả của {what}")


def _written_number(digits: str) -> int:
    """A width or a precision as written (``''`` is none), past the limit if too long to read."""
    digits = digits.lstrip("0")
    return MAX_TEXT + 1 if len(digits) > 7 else int(digits or 0)


def _named(mapping: Any, key: str) -> Any:
    """``mapping[key]`` as ``'%(key)s'`` reads it, or nothing (the format itself will fail)."""
    if mapping is None or not hasattr(type(mapping), "__getitem__"):
        return ""
    try:
        return mapping[key]
    except (LookupError, TypeError):
        return ""


_SPEC_NUMBER = re.compile(r"\d+")


class _CountingFormatter(Formatter):
    """``str.format`` for templates: Jinja's sandboxed formatter that checks each field's
    format, as it will be used (a width given by a nested field, ``'{0:{1}}'``, included),
    before the field is made, and adds up the fields' sizes as they are made. The text around
    the fields is the format's own, already within the limit."""

    what = "lời gọi 'format'"
    made = 0

    def vformat(self, format_string: str, args: Sequence[Any],
                kwargs: Mapping[str, Any]) -> str:
        self.made = 0
        return super().vformat(format_string, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> Any:
        _budget().tick()
        if any(_written_number(n) > MAX_TEXT for n in _SPEC_NUMBER.findall(str(format_spec))):
            raise _width_error("định dạng format()")
        made = super().format_field(value, format_spec)
        self.made += size_of(made)
        if self.made > MAX_TEXT:
            raise _too_big(f"kết quả của {self.what}")
        return made


class _GuardedFormatter(_CountingFormatter, SandboxedFormatter):
    """The counting formatter for a plain text."""


class _GuardedEscapeFormatter(_CountingFormatter, SandboxedEscapeFormatter):
    """The counting formatter for a ``Markup`` text (its values escaped)."""


def _replaced_size(text: Any, old: Any, new: Any) -> int:
    if not all(isinstance(v, str | bytes) for v in (text, old, new)):
        return 0
    count = text.count(old) if old else len(text) + 1
    return len(text) + count * max(len(new) - len(old), 0)


def _joined_size(separator: Any, items: Any) -> int:
    if not isinstance(items, list | tuple | set | frozenset | dict | str):
        return 0
    return size_of(items) + size_of(separator) * max(len(items) - 1, 0)


def _indented_size(text: Any, width: Any = 4, *_: Any, **__: Any) -> int:
    lines = str(text).count("\n") + 1
    return len(str(text)) + lines * (len(width) if isinstance(width, str) else int(width))


def _wrapped_size(text: Any, width: Any = 79, _long: Any = True, wrapstring: Any = None,
                  *_: Any, **__: Any) -> int:
    breaks = len(str(text)) // max(int(width), 1) + 1
    return len(str(text)) + breaks * len(wrapstring or "\n")


def _translated_size(text: Any, table: Any = None, *_: Any) -> int:
    if not isinstance(text, str) or not isinstance(table, dict):
        return 0
    return len(text) * max([size_of(v) for v in table.values()] + [1])


def _json_size(value: Any, indent: Any = None, *_: Any, **__: Any) -> int:
    """``tojson(indent=…)``: each item and key on a line of its own, indented by its depth."""
    step = len(indent) if isinstance(indent, str) else indent if _whole(indent) else 0
    total, stack = 0, [(value, 0)]
    while stack and total <= MAX_TEXT:
        item, depth = stack.pop()
        total += max(step, 0) * depth + (len(item) if isinstance(item, str) else 1)
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in [*item.keys(), *item.values()])
        elif isinstance(item, list | tuple):
            stack.extend((child, depth + 1) for child in item)
    return total


def _tabs_size(text: Any, tabsize: Any = 8, *_: Any) -> int:
    return len(text) + text.count("\t") * int(tabsize) if isinstance(text, str) else 0


_FILTER_SIZES: dict[str, Callable[..., int]] = {
    "replace": lambda s, old, new, *_, **__: _replaced_size(s, old, new),
    "join": lambda value, d="", *_, **__: _joined_size(d, value),
    "indent": _indented_size,
    "wordwrap": _wrapped_size,
    "tojson": _json_size,
}
"""Filters whose result can be far larger than their arguments: its size, computed first."""

_METHOD_SIZES: dict[str, Callable[..., int]] = {
    "replace": lambda s, old, new, *_: _replaced_size(s, old, new),
    "join": lambda separator, items, *_: _joined_size(separator, items),
    "translate": _translated_size,
    "expandtabs": _tabs_size,
}
"""The same for methods of texts (``'a'.replace('a', x)``), by name, given ``self`` first."""


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        _check_product(left, right)
    elif operator == "**" and _whole(left) and _whole(right) and right > 0 and abs(left) > 1:
        if left.bit_length() * right > MAX_INT_BITS:
            raise BudgetExceeded(f"lũy thừa quá lớn (tối đa khoảng {MAX_INT_BITS} bit)")
    elif operator == "+" and not (_whole(left) or _whole(right)):
        _check_estimate(size_of(left) + size_of(right), "kết quả phép '+'")
    elif operator == "%" and isinstance(left, str):
        values = right.values() if isinstance(right, dict) else (
            right if isinstance(right, tuple) else (right,))
        _checked_arguments(values, {}, "định dạng '%'")
        _check_percent(left, right, "định dạng '%'")


def _check_product(left: Any, right: Any) -> None:
    if _whole(left) and _whole(right):
        if left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise BudgetExceeded(f"tích quá lớn (tối đa khoảng {MAX_INT_BITS} bit)")
        return
    times, value = (left, right) if _whole(left) else (right, left)
    if _whole(times) and times > 0:
        _check_estimate(size_of(value, MAX_TEXT // times + 1) * times, "kết quả phép nhân '*'")


# --- the environment ----------------------------------------------------------------------


def _range(*args: int) -> range:
    """``range`` for templates: at most :data:`MAX_RANGE` numbers."""
    numbers = range(*args)
    length = (numbers.stop - numbers.start) // numbers.step  # len() overflows past 2**63
    if length > MAX_RANGE:
        count = vi_int(length) if length < 10**15 else f"hơn {vi_int(10**15)}"
        raise BudgetExceeded(f"range() quá dài: {count} số, tối đa {vi_int(MAX_RANGE)}")
    return numbers


def _guarded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that checks its arguments first and its result after."""
    passes_first = getattr(func, "jinja_pass_arg", None) is not None
    estimate = _FILTER_SIZES.get(name)
    what = f"bộ lọc '{name}'"

    @wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        _budget().tick()
        first, own = (list(args[:1]), args[1:]) if passes_first else ([], args)
        checked, kwargs = _checked_arguments(own, kwargs, what)
        if name == "format" and checked:
            _check_percent(checked[0], kwargs or tuple(checked[1:]), what)
        if estimate is not None:
            _check_estimate(estimate(*checked, **kwargs), f"kết quả của {what}")
        result = func(*first, *checked, **kwargs)
        _check_size(result, f"kết quả của {what}")
        return result

    return run


@pass_context
def _count_turns(context: Context, iterable: Any) -> Iterator[Any]:
    del context  # a context filter: never run at compile time
    return _counted(iterable)


def _counted(iterable: Any) -> Iterator[Any]:
    budget_now = _budget()
    for item in iterable:
        budget_now.turn()
        yield item


@pass_context
def _concat(context: Context, parts: list[Any]) -> str:
    """``a ~ b``: the parts' sizes are checked before they are joined."""
    _budget().tick()
    _check_estimate(sum(size_of(part) for part in parts), "kết quả phép nối '~'")
    joined: str = markup_join(parts) if context.eval_ctx.autoescape else str_join(parts)
    return joined  # a Markup stays one: it must not be escaped again when printed


@pass_context
def _count_template_text(context: Context, size: int) -> str:
    del context
    _budget().printed(size)
    return ""


@pass_context
def _finalize(context: Context, value: Any) -> Any:
    """Every printed value: not too large, and counted into the part's output."""
    del context
    _budget().printed(_check_size(value, "giá trị in ra"))
    return value


class GuardedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox with the limits above; strict about undefined names, escaping all."""

    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=True, finalize=_finalize)
        self.globals["range"] = _range
        self.globals.pop("lipsum", None)  # lorem ipsum of any length: no use in a plan
        self.filters = {name: _guarded_filter(name, func) for name, func in self.filters.items()}
        self.filters.update({LOOP_FILTER: _count_turns, CONCAT_FILTER: _concat,
                             STATIC_FILTER: _count_template_text})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """``a + b``, ``a * b``, ``a ** b``, ``a % b``: operands checked, then the result."""
        _budget().tick()
        _check_binop(operator, left, right)
        result = super().call_binop(context, operator, left, right)
        _check_size(result, f"kết quả phép '{operator}'")
        return result

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """A call from the template: arguments, depth and result within the limits."""
        budget_now = _budget()
        budget_now.tick()
        what = f"lời gọi '{_callable_name(__obj)}'"
        if __obj is not _range:  # range says itself what is too long
            checked, kwargs = _checked_arguments(args, kwargs, what)
            _check_method(__obj, checked, what)
            args = tuple(checked)
        if isinstance(__obj, LoopContext) and args:  # loop(children) in a recursive loop
            args = (_counted(args[0]), *args[1:])
        budget_now.depth += 1
        try:
            if budget_now.depth > MAX_CALL_DEPTH:
                raise BudgetExceeded(f"macro gọi lồng nhau quá {MAX_CALL_DEPTH} tầng (có thể "
                                     "macro tự gọi chính nó mãi)")
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            budget_now.depth -= 1
        _check_size(result, f"kết quả của {what}")
        return result

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``'{:>9}'.format(x)``, ``format_map``: as Jinja's sandbox runs them, with a formatter
        that checks each field's width before making it and the result's size as it grows."""
        if super().wrap_str_format(value) is None:
            return None
        text: str = value.__self__
        formatter: _CountingFormatter = (
            _GuardedEscapeFormatter(self, escape=text.escape) if isinstance(text, Markup)
            else _GuardedFormatter(self))
        formatter.what = f"lời gọi '{value.__name__}'"
        is_format_map = value.__name__ == "format_map"

        def run(*args: Any, **kwargs: Any) -> str:
            if is_format_map:  # as Jinja's own wrapper
                if kwargs:
                    raise TypeError("format_map() takes no keyword arguments")
                if len(args) != 1:
                    raise TypeError(f"format_map() takes exactly one argument ({len(args)} "
                                    "given)")
                return type(text)(formatter.vformat(text, (), args[0]))
            return type(text)(formatter.vformat(text, args, kwargs))

        return wraps(value)(run)


def _callable_name(function: Any) -> str:
    return str(getattr(function, "__name__", None) or getattr(function, "name", "hàm"))


def _check_method(method: Any, args: list[Any], what: str) -> None:
    owner = getattr(method, "__self__", None)
    estimate = _METHOD_SIZES.get(getattr(method, "__name__", ""))
    if estimate is not None and isinstance(owner, str | bytes):
        _check_estimate(estimate(owner, *args), f"kết quả của {what}")


# --- instrumenting a parsed template ------------------------------------------------------


def _hook(name: str, value: nodes.Node, lineno: int) -> nodes.Filter:
    return nodes.Filter(value, name, [], [], None, None, lineno=lineno)


class Instrument(NodeTransformer):
    """Puts the budget's hooks into a parsed template: loops, ``~`` and template text."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        """Each turn of the loop is counted."""
        self.generic_visit(node)
        node.iter = _hook(LOOP_FILTER, node.iter, node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        """``a ~ b`` joins through a check of its parts' sizes."""
        self.generic_visit(node)
        return _hook(CONCAT_FILTER, nodes.List(node.nodes, lineno=node.lineno), node.lineno)

    def visit_Output(self, node: nodes.Output) -> nodes.Node | list[nodes.Node]:
        """Template text printed is counted (loops and macros can print it many times)."""
        self.generic_visit(node)
        text = sum(len(child.data) for child in node.nodes
                   if isinstance(child, nodes.TemplateData))
        if not text:
            return node
        count = _hook(STATIC_FILTER, nodes.Const(text, lineno=node.lineno), node.lineno)
        return [nodes.ExprStmt(count, lineno=node.lineno), node]
