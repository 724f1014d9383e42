"""The rule of inline markup, over every field of the model typed :data:`Markup`.

The walk follows the model's own type annotations, so a field becomes checked the moment
it is declared ``Markup`` — the same declaration that lets resolve parse it. No list of
fields to keep in step by hand.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel

from generator.check.core import Context, Finding, error
from generator.errors import FieldPath
from generator.inline import MarkupError, NotAReference, parse_inline
from generator.model import Markup


def _members(annotation: Any) -> tuple[Any, ...]:
    """The alternatives of an annotation, with ``Annotated`` and ``Optional`` unwrapped."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _members(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return tuple(m for arg in typing.get_args(annotation) for m in _members(arg))
    return (annotation,)


Walker = Callable[[Any, FieldPath], Iterator[tuple[FieldPath, str]]]


def _item_type(members: tuple[Any, ...], origin: type) -> Any:
    """The item (list) or value (dict) type among an annotation's alternatives."""
    for member in members:
        if typing.get_origin(member) is origin:
            return typing.get_args(member)[-1]
    return None


def _walker(annotation: Any) -> Walker | None:
    """How to walk a value of this type for markup; ``None`` when no markup can be there."""
    members = _members(annotation)
    markup = any(member is Markup for member in members)
    models = any(isinstance(m, type) and issubclass(m, BaseModel) for m in members)
    items = _item_type(members, list)
    values = _item_type(members, dict)
    each = _walker(items) if items is not None else None
    each_value = _walker(values) if values is not None else None
    if not (markup or models or each or each_value):
        return None

    def walk(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
        if isinstance(value, BaseModel):
            yield from markup_texts(value, path)
        elif isinstance(value, list) and each is not None:
            for i, entry in enumerate(value):
                yield from each(entry, (*path, i))
        elif isinstance(value, dict) and each_value is not None:
            for key, entry in value.items():
                yield from each_value(entry, (*path, key))
        elif isinstance(value, str) and markup:
            yield path, value
    return walk


@cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, str, Walker], ...]:
    """The fields of a model class where markup can be, each with its walker (once)."""
    out = []
    for name, info in model.model_fields.items():
        walker = _walker(info.annotation)
        if walker is not None:
            out.append((name, info.alias or name, walker))
    return tuple(out)


def markup_texts(model: BaseModel, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every text of ``model`` held in a ``Markup`` field, with its YAML path."""
    for name, alias, walker in _fields(type(model)):
        yield from walker(getattr(model, name), (*path, alias))


def markup_is_balanced(ctx: Context) -> Iterator[Finding]:
    """``**``, ``*`` and ``^[…]`` open and close in every formatted text, on each line: a
    table cell prints each line as its own paragraph, so formatting may not span lines."""
    for path, text in markup_texts(ctx.plan):
        try:
            parse_inline(Markup(text))
        except NotAReference:
            continue  # the references rule reports it, with "did you mean"
        except MarkupError as exc:
            yield error(path, str(exc))
            continue
        for line in text.split("\n") if "\n" in text else ():
            try:
                parse_inline(Markup(line))
            except MarkupError as exc:
                yield error(path, f"{exc} Định dạng mở và đóng trên cùng một dòng.")
                break
