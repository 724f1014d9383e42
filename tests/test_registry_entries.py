"""Registry entries cite as the real plans (tests/fixtures/seeds/*.txt) cite them, word for word.

Each expected sentence is copied from a seed plan; its file and line are in the comment.
"""

from __future__ import annotations

import pytest

from generator.reference import load_reference
from generator.resolve.citations import cite

SEED_CITATIONS = [
    # dak-nong-2022-ubnd-tinh.txt dòng 7
    ("qd-749-2020-ttg",
     "Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ về phê duyệt Chương "
     "trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030"),
    # dak-nong-2022-ubnd-tinh.txt dòng 9
    ("qd-942-2021-ttg",
     "Quyết định số 942/QĐ-TTg ngày 15/6/2021 của Thủ tướng Chính phủ phê duyệt Chiến lược "
     "phát triển Chính phủ điện tử hướng tới Chính phủ số giai đoạn 2021 - 2025, định hướng "
     "đến năm 2030"),
    # dak-nong-2022-ubnd-tinh.txt dòng 125
    ("qd-468-2021-ttg",
     "Quyết định số 468/QĐ-TTg ngày 27/3/2021 của Thủ tướng Chính phủ phê duyệt Đề án đổi mới "
     "việc thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính"),
    # ia-ake-2024-ubnd-xa.txt dòng 25
    ("qd-483-2023-btttt",
     "Quyết định số 483/QĐ-BTTTT ngày 30/3/2023 của Bộ trưởng Bộ Thông tin và Truyền thông về "
     "việc ban hành Kế hoạch hành động triển khai Chương trình Chuyển đổi số quốc gia đến năm "
     "2025, định hướng năm 2030"),
    # dak-nong-2022-ubnd-tinh.txt dòng 101
    ("tt-02-2017-vpcp",
     "Thông tư số 02/2017/TT-VPCP ngày 31/10/2017 của Văn phòng Chính phủ hướng dẫn về nghiệp "
     "vụ kiểm soát thủ tục hành chính"),
]


@pytest.mark.parametrize(("key", "sentence"), SEED_CITATIONS,
                         ids=[key for key, _ in SEED_CITATIONS])
def test_registry_entry_cites_as_the_seed_plan_does(key: str, sentence: str) -> None:
    assert cite(load_reference().legal_documents[key]) == sentence
