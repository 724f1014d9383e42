"""Representative edits a plan goes through between drafts, made on the examples' YAML.

Each scenario names an example and a function that turns its text into the edited
version; every replacement must apply exactly once, so a scenario can never silently
compare a plan with itself. Large pairs (hundreds of tasks reworded) are generated.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import EXAMPLES
from tests.helpers.builders import plan_data


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


def _without_task_groups(text: str) -> str:
    """The task groups gone with the appendix whose table alone printed them (else they
    would be printed nowhere, which ``validate`` refuses)."""
    start = text.index("nhom_nhiem_vu:\n")
    return text[:start] + text[text.index("nhom_don_vi:\n", start):]


def appendix_removed(text: str) -> str:
    """The last appendix (the task table) dropped with its tasks: the other one is now the
    only "Phụ lục"."""
    return _without_task_groups(text[:text.index("  - id: phu-luc-nhiem-vu\n")])


def appendices_removed(text: str) -> str:
    """Every appendix dropped, with the tasks: the plan ends at its signature."""
    return _without_task_groups(text[:text.index("phu_luc:\n")])


def task_reworded(text: str) -> str:
    """A task without an id reworded at its start (so the id derived from its first words
    changes), and a sentence added after its last full stop."""
    text = _once(text, "  - id: giao-chi-tieu-can-bo\n    noi_dung: >-\n      Thực hiện quyết liệt",
                 "  - noi_dung: >-\n      Triển khai quyết liệt")
    return _once(text, "hạn chế (nếu có).\n    chu_tri: UBND các xã",
                 "hạn chế (nếu có). Báo cáo kết quả hằng tháng.\n    chu_tri: UBND các xã")


def without_task_id(text: str) -> str:
    """OLD of :func:`task_reworded`: the same task, without an id either."""
    return _once(text, "  - id: giao-chi-tieu-can-bo\n    noi_dung: >-\n", "  - noi_dung: >-\n")


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


# --- Large pairs, generated: many tasks without ids, each reworded -------------------------

VOCABULARY = ("rà soát hồ sơ thủ tục hành chính dịch vụ công trực tuyến cấp xã huyện kiểm tra "
              "đôn đốc hướng dẫn người dân doanh nghiệp nộp thanh toán số hóa kết quả giải "
              "quyết tuyên truyền tập huấn cán bộ công chức bộ phận một cửa báo cáo định kỳ "
              "tháng quý năm")
WORDS = VOCABULARY.split(" ")
"""A small vocabulary: every generated text shares many words with every other."""


def edited_texts(count: int, changed: int, seed: int = 7) -> tuple[list[str], list[str]]:
    """``count`` task-like texts and the same with ``changed`` words replaced in each."""
    rnd = random.Random(seed)
    olds, news = [], []
    for n in range(count):
        words = [rnd.choice(WORDS) for _ in range(rnd.randint(12, 30))]
        olds.append(" ".join(words) + ".")
        for k in range(changed):
            words[(n + 5 * k) % len(words)] = f"mới{n}x{k}"
        news.append(" ".join(words) + ".")
    return olds, news


def _tasks_plan(texts: list[str]) -> dict[str, Any]:
    return plan_data(nhiem_vu=[{"noi_dung": t, "chu_tri": "Công chức Văn phòng - Thống kê",
                                "thoi_gian": "Quý II/2025"} for t in texts],
                     phan=[{"tieu_de": "NHIỆM VỤ", "nhiem_vu": ["*"]}])


def tasks_pair(tmp_path: Path, olds: list[str], news: list[str]) -> tuple[str, str]:
    """Two plans whose tasks (without ids) are ``olds`` and ``news``, written in a folder."""
    paths = []
    for name, texts in (("cu", olds), ("moi", news)):
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump(_tasks_plan(texts), allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        paths.append(str(path))
    return paths[0], paths[1]


def one_word_edits(count: int) -> tuple[list[str], list[str]]:
    """Tasks without an id, each with one of its first words changed (so its derived id
    changes): the input that broke the 200 × 200 limit."""
    olds, news = edited_texts(count, 0)
    news = [" ".join(f"sửa{n}" if k == n % 6 else w for k, w in enumerate(t.split()))
            for n, t in enumerate(olds)]
    return [t.capitalize() for t in olds], [t.capitalize() for t in news]


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
    "bo-het-phu-luc": ("bac-kan-2022", lambda t: t, appendices_removed),
    "them-phu-luc": ("bac-kan-2022", appendices_removed, lambda t: t),
    "sua-loi-nhiem-vu": ("phu-thien-2024", without_task_id, task_reworded),
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
