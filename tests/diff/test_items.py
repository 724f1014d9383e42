"""A checked plan seen as the items a reviewer points at: keys that survive renumbering,
the numbers a reader sees, fields in the plan's words, formatting compared apart."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from generator.diff.items import PlanItems, block_text, formatting, plan_items, target_key
from generator.kpi.book import Value
from generator.model import BulletList, ContentBlock, Markup
from generator.reference import load_reference
from tests.helpers.builders import checked


def items_of(**keys: Any) -> PlanItems:
    return plan_items(checked(**keys), load_reference())


def section(title: str, **keys: Any) -> dict[str, Any]:
    return {"tieu_de": title, "doan": ["Nội dung."], **keys}


def test_sections_are_numbered_as_printed_and_keyed_by_their_id_or_their_words() -> None:
    found = items_of(phan=[section("MỤC ĐÍCH", id="md"), section("TỔ CHỨC THỰC HIỆN")])
    sections = [(i.key, i.number, i.name) for i in found.items if i.kind == "section"]
    assert sections == [("md", "1", "MỤC ĐÍCH"),
                        ("to-chuc-thuc-hien", "2", "TỔ CHỨC THỰC HIỆN")]


def test_an_inserted_section_leaves_the_others_keys_unchanged() -> None:
    before = items_of(phan=[section("A", id="a"), section("B")])
    after = items_of(phan=[section("MỚI"), section("A", id="a"), section("B")])
    numbers = {i.key: i.number for i in after.items if i.kind == "section"}
    assert {i.key for i in before.items if i.kind == "section"} <= numbers.keys()
    assert numbers["b"] == "3" and numbers["a"] == "2"


def test_a_sub_section_sits_in_its_parent_and_carries_its_number() -> None:
    found = items_of(phan=[{"tieu_de": "MỤC ĐÍCH", "id": "md",
                            "muc": [section("Mục đích", id="con")]}])
    child = next(i for i in found.items if i.key == "con")
    assert (child.parent, child.number) == ("md", "1.1")


def test_the_fields_hold_the_words_and_the_formatting_apart() -> None:
    found = items_of(phan=[section("A", doan=["Hoàn thành **trước 30/6**."])])
    fields = dict(next(i for i in found.items if i.kind == "section").fields)
    assert fields["nội dung"] == "Hoàn thành trước 30/6."
    assert fields["định dạng"] == ("đậm: trước 30/6",)


def test_the_details_are_what_the_document_prints_outside_its_items() -> None:
    details = dict(items_of().details)
    assert details["người ký"] == "Nguyễn Văn A"
    assert details["nơi nhận"] == ("UBND tỉnh",)
    assert details["cơ quan ban hành"] == "ỦY BAN NHÂN DÂN XÃ TÂN AN"
    assert "cơ quan chủ quản" not in details, "an empty field is left out"


def test_formatting_lists_bold_italic_and_footnotes() -> None:
    assert formatting("a **b** *c* ***d***", None, "") == ("đậm: b", "nghiêng: c",
                                                          "đậm nghiêng: d")
    assert formatting("plain") == ()


def test_formatting_skips_markup_that_does_not_parse() -> None:
    assert formatting("**unclosed") == ()


def test_block_text_writes_bullets_by_depth() -> None:
    bullets = BulletList.model_validate(
        {"gach_dau_dong": ["a", {"van_ban": "b", "gach_dau_dong": ["c"]}]})
    blocks: list[ContentBlock] = [Markup("Đoạn  một."), bullets]
    assert block_text(blocks) == "Đoạn một.\n- a\n- b\n+ c"


def test_a_target_is_known_by_kpi_scope_and_milestone_not_by_value() -> None:
    one = Value(kpi="dvc", value=Fraction(30), unit="Xã A", milestone="2024")
    other = Value(kpi="dvc", value=Fraction(45), unit="Xã A", milestone="2024")
    assert target_key(one) == target_key(other) == "dvc|don_vi=Xã A|2024"
    assert target_key(Value(kpi="dvc", value=Fraction(1), level="xa")) == "dvc|cap=xa|"
    assert target_key(Value(kpi="dvc", value=Fraction(1))) == "dvc|chung|"
