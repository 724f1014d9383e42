"""Bullet lists ("-" lines, "+" lines under them): shared by the body and table notes."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Tag

from generator.model.base import Markup, Model, NonEmptyMarkup, field


class BulletItem(Model):
    """A bullet with sub-bullets (the "+" lines under a "-" line)."""

    text: NonEmptyMarkup = field("van_ban", "Nội dung dòng gạch đầu dòng.")
    items: list[BulletEntry] = field("gach_dau_dong", "Các ý con (dấu '+').", [])


BulletEntry = Annotated[
    Annotated[Markup, Tag("<chuoi>")] | Annotated[BulletItem, Tag("<y>")],
    Discriminator(lambda v: "<chuoi>" if isinstance(v, str) else "<y>"),
]


class BulletList(Model):
    """Lines starting with "-" (then "+" one level down); the marker is added by the tool."""

    items: list[BulletEntry] = field("gach_dau_dong", "Các dòng, mỗi dòng một ý.", min_length=1)


def note_kind(value: Any) -> str:
    """A note under a table is a paragraph or a bullet list."""
    return "<gach>" if isinstance(value, dict) else "<doan>"


Note = Annotated[
    Annotated[Markup, Tag("<doan>")] | Annotated[BulletList, Tag("<gach>")],
    Discriminator(note_kind),
]
"""What may stand under a table: paragraphs and bullet lists."""
