"""Representative edits a plan goes through between drafts, made on the examples' YAML.

Each scenario names an example and a function that turns its text into the edited
version; every replacement must apply exactly once, so a scenario can never silently
compare a plan with itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import EXAMPLES


def _once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"scenario edit applies {text.count(old)} times: {old!r}"
    return text.replace(old, new)


def kpi_target(text: str) -> str:
    """A KPI target raised: DVC trực tuyến at 50 days, 30% → 40%."""
    return _once(text, "- {moc: 50 ngày, don_vi: Xã Ia Ake, gia_tri: 30}",
                 "- {moc: 50 ngày, don_vi: Xã Ia Ake, gia_tri: 40}")


def task_inserted(text: str) -> str:
    """A task added in the middle: the tasks after it renumber."""
    return _once(text, "  - id: thanh-toan-truc-tuyen\n    noi_dung: >-\n      Triển khai",
                 "  - id: tap-huan-mot-cua\n"
                 "    noi_dung: Tập huấn sử dụng DVC trực tuyến cho cán bộ một cửa các xã.\n"
                 "    chu_tri: Văn phòng HĐND và UBND huyện\n"
                 "    phoi_hop: [Phòng Tài chính - Kế hoạch]\n"
                 "    thoi_gian: Tháng 5/2024\n"
                 "  - id: thanh-toan-truc-tuyen\n    noi_dung: >-\n      Triển khai")


def task_edited(text: str) -> str:
    """A task's deadline moved and a cooperating unit added."""
    text = _once(text, "    thoi_gian: 2024-05-17", "    thoi_gian: 2024-05-31")
    return _once(text, "    chu_tri: UBND các xã, thị trấn\n    phoi_hop: Phòng Tư pháp",
                 "    chu_tri: UBND các xã, thị trấn\n"
                 "    phoi_hop: [Phòng Tư pháp, Phòng Tài chính - Kế hoạch]")


def paragraph_reworded(text: str) -> str:
    """A few words changed inside a long paragraph."""
    return _once(text, "kết thúc vào **ngày 29/6/2024**. Việc tổng kết",
                 "kết thúc vào **ngày 30/6/2024**. Việc sơ kết và tổng kết")


def recipient_removed(text: str) -> str:
    """One recipient dropped from Nơi nhận."""
    return _once(text, "    - Thường trực HĐND xã (b/c)\n", "")


def number_and_date(text: str) -> str:
    """The draft gets its number and date (OLD is the draft: see :data:`SCENARIOS`)."""
    return text


def as_draft(text: str) -> str:
    text = _once(text, "so: 81\n", "")
    return _once(text, "ngay_ban_hanh: 2024-04-05", "ngay_ban_hanh: {thang: 4, nam: 2024}")


def section_moved(text: str) -> str:
    """The "Kinh phí" part moved after "Tổ chức thực hiện"."""
    start = text.index("  - id: kinh-phi\n")
    end = text.index("  - id: to-chuc-thuc-hien\n")
    block = text[start:end]
    text = text[:start] + text[end:]
    return _once(text, "\nloi_ket:", "\n" + block.rstrip("\n") + "\n\nloi_ket:")


def bold_removed(text: str) -> str:
    """Only the formatting of a few words changed (bold taken off)."""
    return _once(text, "Bắt đầu từ **ngày 28/3/2024** và", "Bắt đầu từ ngày 28/3/2024 và")


def appendix_removed(text: str) -> str:
    """The last appendix dropped: the other one is now the only "Phụ lục"."""
    return text[:text.index("  - id: phu-luc-nhiem-vu\n")]


def lead_in_as_bullet(text: str) -> str:
    """A paragraph made a bullet: its style changes (the words stay)."""
    start = text.index("          - >-\n            Giao chỉ tiêu cụ thể cho UBND")
    end = text.index("(*chi tiết tại Phụ lục kèm theo*).\n", start) + len(
        "(*chi tiết tại Phụ lục kèm theo*).\n")
    lines = text[start:end].splitlines()
    bullet = ["          - gach_dau_dong:", "  " + lines[0], *("  " + line for line in lines[1:])]
    return text[:start] + "\n".join(bullet) + "\n" + text[end:]


def cell_lines(text: str) -> str:
    """A task's product becomes a list in its cell (one line more in the task table)."""
    return _once(text, "    san_pham: Văn bản giao chỉ tiêu\n",
                 "    san_pham: |\n      - Văn bản giao chỉ tiêu\n"
                 "      - Danh sách cán bộ, công chức được giao\n")


Edit = Callable[[str], str]
SCENARIOS: dict[str, tuple[str, Edit, Edit]] = {
    # name: (example, edit making OLD, edit making NEW)
    "chi-tieu": ("ia-ake-2024", lambda t: t, kpi_target),
    "them-nhiem-vu": ("phu-thien-2024", lambda t: t, task_inserted),
    "sua-nhiem-vu": ("phu-thien-2024", lambda t: t, task_edited),
    "sua-doan-van": ("phu-thien-2024", lambda t: t, paragraph_reworded),
    "bo-noi-nhan": ("ia-ake-2024", lambda t: t, recipient_removed),
    "so-va-ngay": ("phu-thien-2024", as_draft, number_and_date),
    "chuyen-muc": ("dak-nong-2022", lambda t: t, section_moved),
    "dinh-dang": ("phu-thien-2024", lambda t: t, bold_removed),
    "bo-phu-luc": ("bac-kan-2022", lambda t: t, appendix_removed),
    "doi-kieu-doan": ("phu-thien-2024", lambda t: t, lead_in_as_bullet),
    "dong-trong-o": ("phu-thien-2024", lambda t: t, cell_lines),
}


def write_pair(name: str, folder: Path) -> tuple[Path, Path]:
    """The OLD and NEW plan files of a scenario, written in ``folder`` (next to nothing
    else, so their names in messages are short)."""
    example, make_old, make_new = SCENARIOS[name]
    source = (EXAMPLES / f"{example}.yaml").read_text(encoding="utf-8")
    old, new = folder / "cu.yaml", folder / "moi.yaml"
    old.write_text(make_old(source), encoding="utf-8")
    new.write_text(make_new(source), encoding="utf-8")
    return old, new
