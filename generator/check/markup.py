"""The rule of inline markup, over every field of the model typed :data:`Markup`.

The walk follows the model's own type annotations, so a field becomes checked the moment
it is declared ``Markup`` — the same declaration that lets resolve parse it. No list of
fields to keep in step by hand.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from generator.check.core import Context, Finding, error
from generator.errors import FieldPath
from generator.inline import MarkupError, parse_inline
from generator.model import Markup


def _members(annotation: Any) -> tuple[Any, ...]:
    """The alternatives of an annotation, with ``Annotated`` and ``Optional`` unwrapped."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _members(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return tuple(m for arg in typing.get_args(annotation) for m in _members(arg))
    return (annotation,)


def _is_markup(annotation: Any) -> bool:
    return any(member is Markup for member in _members(annotation))


def _item_type(annotation: Any, origin: type) -> Any:
    """The item (list) or value (dict) type of a container annotation."""
    for member in _members(annotation):
        if typing.get_origin(member) is origin:
            return typing.get_args(member)[-1]
    return Any


def markup_texts(model: BaseModel, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every text of ``model`` held in a ``Markup`` field, with its YAML path."""
    for name, info in type(model).model_fields.items():
        yield from _walk(getattr(model, name), info.annotation, (*path, info.alias or name))


def _walk(value: Any, annotation: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, BaseModel):
        yield from markup_texts(value, path)
    elif isinstance(value, list):
        item = _item_type(annotation, list)
        for i, entry in enumerate(value):
            yield from _walk(entry, item, (*path, i))
    elif isinstance(value, dict):
        item = _item_type(annotation, dict)
        for key, entry in value.items():
            yield from _walk(entry, item, (*path, key))
    elif isinstance(value, str) and _is_markup(annotation):
        yield path, value


def markup_is_balanced(ctx: Context) -> Iterator[Finding]:
    """``**``, ``*`` and ``^[…]`` open and close in every formatted text."""
    for path, text in markup_texts(ctx.plan):
        try:
            parse_inline(Markup(text))
        except MarkupError as exc:
            yield error(path, str(exc))
