"""A tiny evaluator for the spreadsheet formulas kehoach writes, to test what they compute.

It knows exactly what the XLSX renderer emits: numbers, strings, cell references, the
operators ``+ - * /`` and ``= <> < > <= >=``, and the functions ``IF``, ``AND``,
``ISNUMBER``, ``COUNT``, ``ROUND``, ``ROUNDDOWN``, ``MIN`` and ``MAX`` with Excel's meaning
(decimal rounding, half away from zero; an empty cell is 0 to arithmetic and comparison,
not a number to ``ISNUMBER`` and ``COUNT``). A formula using anything else is an error here, so the
renderer cannot start emitting something the tests do not understand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

Value = float | str | bool | None
"""What a cell holds: a number, text, a truth value, or nothing."""

_TOKEN = re.compile(r'\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<str>"(?:[^"]|"")*")|'
                    r'(?P<ref>\$?[A-Z]{1,3}\$?\d+)|(?P<name>[A-Z]+)(?=\()|'
                    r'(?P<op><=|>=|<>|[-+*/=<>(),]))')


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise ValueError(f"không hiểu công thức ở vị trí {pos}: {text!r}")
        kind = match.lastgroup
        assert kind is not None
        out.append((kind, match.group(kind)))
        pos = match.end()
    return out


def excel_round(value: float, places: int, mode: str = ROUND_HALF_UP) -> float:
    """Excel's ROUND/ROUNDDOWN: on the decimal the cell shows, half away from zero."""
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, rounding=mode))


def _is_number(value: Value) -> bool:
    return isinstance(value, float) and not isinstance(value, bool)


_FUNCTIONS: dict[str, Callable[..., Value]] = {
    "AND": lambda *args: all(args),
    "ISNUMBER": _is_number,
    "COUNT": lambda *args: float(sum(_is_number(a) for a in args)),
    "ROUND": lambda x, n: excel_round(x, int(n)),
    "ROUNDDOWN": lambda x, n: excel_round(x, int(n), ROUND_DOWN),
    "MIN": min,
    "MAX": max,
}

def _blank_is_zero(compare: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    return lambda a, b: compare(0.0 if a is None else a, 0.0 if b is None else b)


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    op: _blank_is_zero(f) for op, f in {
        "=": lambda a, b: a == b, "<>": lambda a, b: a != b, "<": lambda a, b: a < b,
        ">": lambda a, b: a > b, "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b,
    }.items()}


def _zero(value: Value) -> Value:
    return 0.0 if value is None else value


Thunk = Callable[[], Value]
"""A parsed expression, evaluated only when called (so IF evaluates one branch, as Excel)."""


class _Parser:
    def __init__(self, text: str, cell: Callable[[str], Value]) -> None:
        self.tokens = _tokens(text.removeprefix("="))
        self.pos = 0
        self.cell = cell

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, expected: str | None = None) -> tuple[str, str]:
        token = self.tokens[self.pos]
        if expected is not None and token[1] != expected:
            raise ValueError(f"cần {expected!r}, gặp {token[1]!r}")
        self.pos += 1
        return token

    def expression(self) -> Thunk:
        left = self.sum()
        token = self.peek()
        if token and token[0] == "op" and token[1] in _COMPARE:
            self.take()
            right, compare = self.sum(), _COMPARE[token[1]]
            return lambda: compare(left(), right())
        return left

    def _chain(self, operand: Callable[[], Thunk], ops: str,
               apply: Callable[[str, Any, Any], Value]) -> Thunk:
        value = operand()
        while (token := self.peek()) and token[0] == "op" and token[1] in ops:
            self.take()
            value = self._apply(apply, token[1], value, operand())
        return value

    @staticmethod
    def _apply(apply: Callable[[str, Any, Any], Value], op: str, left: Thunk,
               right: Thunk) -> Thunk:
        return lambda: apply(op, _zero(left()), _zero(right()))

    def sum(self) -> Thunk:
        return self._chain(self.product, "+-", lambda op, a, b: a + b if op == "+" else a - b)

    def product(self) -> Thunk:
        return self._chain(self.factor, "*/", lambda op, a, b: a * b if op == "*" else a / b)

    def factor(self) -> Thunk:
        kind, text = self.take()
        if kind == "num":
            return lambda: float(text)
        if kind == "str":
            return lambda: text[1:-1].replace('""', '"')
        if kind == "ref":
            return lambda: self.cell(text.replace("$", ""))
        if kind == "name":
            return self.call(text)
        if text == "(":
            value = self.expression()
            self.take(")")
            return value
        if text == "-":
            inner = self.factor()
            return lambda: -inner()  # type: ignore[operator]
        raise ValueError(f"không mong gặp {text!r}")

    def call(self, name: str) -> Thunk:
        if name != "IF" and name not in _FUNCTIONS:
            raise ValueError(f"hàm {name} chưa được hỗ trợ")
        self.take("(")
        args = [self.expression()]
        while self.peek() == ("op", ","):
            self.take()
            args.append(self.expression())
        self.take(")")
        if name == "IF":
            condition, then, otherwise = args
            return lambda: then() if condition() else otherwise()
        function = _FUNCTIONS[name]
        return lambda: function(*(arg() for arg in args))


def evaluate(formula: str, cells: Mapping[str, Any]) -> Value:
    """Evaluate ``formula`` where ``cells`` maps "E21" to a value or to another formula."""
    def cell(ref: str) -> Value:
        value = cells.get(ref)
        if isinstance(value, str) and value.startswith("="):
            return evaluate(value, cells)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        return value  # type: ignore[no-any-return]

    parser = _Parser(formula, cell)
    thunk = parser.expression()
    if parser.peek() is not None:
        raise ValueError(f"thừa phần cuối công thức: {formula!r}")
    return thunk()
