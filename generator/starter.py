"""``kehoach new``: a commented starter plan for a level, valid as it stands.

The text lives in ``templates/ke-hoach-moi.yaml`` so it can be reworded without touching
code; only the few lines that differ between a commune, a province and a department are
filled in here.
"""

from __future__ import annotations

from importlib.resources import files
from string import Template

STARTER = "ke-hoach-moi.yaml"

_LEVELS: dict[str, dict[str, str]] = {
    "xa": {
        "co_quan": "  ten: [ỦY BAN NHÂN DÂN, XÃ TÂN AN]\n  cap: xa\n  ky_hieu: UBND\n"
                   "  dia_danh: Tân An\n  ten_day_du: Ủy ban nhân dân xã Tân An",
        "loi_dan": "Ủy ban nhân dân xã ban hành Kế hoạch thực hiện như sau:",
        "don_vi_chu_tri": "Văn phòng - Thống kê xã",
        "phoi_hop": '"Công an xã", "Bộ phận tiếp nhận và trả kết quả xã"',
        "nguoi_ky": "  thay_mat: ỦY BAN NHÂN DÂN\n  ky_thay: CHỦ TỊCH\n  chuc_vu: PHÓ CHỦ TỊCH\n"
                    "  ho_ten: Nguyễn Văn A",
        "noi_nhan": "    - UBND tỉnh (b/c)\n    - Chủ tịch, các PCT UBND xã\n"
                    "    - Các đơn vị thuộc xã",
        "luu": "VP",
        "cap_tren": "UBND tỉnh Tân An",
    },
    "tinh": {
        "co_quan": "  ten: [ỦY BAN NHÂN DÂN, TỈNH TÂN AN]\n  cap: tinh\n  ky_hieu: UBND\n"
                   "  dia_danh: Tân An\n  ten_day_du: Ủy ban nhân dân tỉnh Tân An",
        "loi_dan": "Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:",
        "don_vi_chu_tri": "Sở Khoa học và Công nghệ",
        "phoi_hop": '"Văn phòng UBND tỉnh", "UBND các xã, phường"',
        "nguoi_ky": "  thay_mat: ỦY BAN NHÂN DÂN\n  ky_thay: CHỦ TỊCH\n  chuc_vu: PHÓ CHỦ TỊCH\n"
                    "  ho_ten: Nguyễn Văn A",
        "noi_nhan": "    - Văn phòng Chính phủ\n    - TT Tỉnh ủy, TT HĐND tỉnh\n"
                    "    - CT, các PCT UBND tỉnh\n    - Các sở, ban, ngành\n"
                    "    - UBND các xã, phường",
        "luu": "KSTT",
        "cap_tren": "Bộ Khoa học và Công nghệ",
        "so_hieu_cap_tren": "12/KH-BKHCN",
    },
    "so": {
        "co_quan": "  co_quan_chu_quan: UBND TỈNH TÂN AN\n  ten: SỞ NỘI VỤ\n  cap: so\n"
                   "  ky_hieu: SNV\n  dia_danh: Tân An\n  ten_day_du: Sở Nội vụ tỉnh Tân An",
        "loi_dan": "Sở Nội vụ ban hành Kế hoạch thực hiện như sau:",
        "don_vi_chu_tri": "Văn phòng Sở",
        "phoi_hop": '"Các phòng, đơn vị thuộc Sở"',
        "nguoi_ky": "  ky_thay: GIÁM ĐỐC\n  chuc_vu: PHÓ GIÁM ĐỐC\n  ho_ten: Nguyễn Văn A",
        "noi_nhan": "    - UBND tỉnh (b/c)\n    - Giám đốc, các PGĐ Sở\n"
                    "    - Các phòng, đơn vị thuộc Sở",
        "luu": "VP",
        "cap_tren": "UBND tỉnh Tân An",
    },
}

SUMMARY = "Nâng cao hiệu quả cung cấp, sử dụng dịch vụ công trực tuyến năm 2025"


def starter_plan(level: str, file_name: str = "ke-hoach.yaml") -> str:
    """The starter YAML text for ``xa``, ``tinh`` or ``so``."""
    values = {"so_hieu_cap_tren": "12/KH-UBND", **_LEVELS[level], "cap": level,
              "ten_tep": file_name, "trich_yeu": SUMMARY,
              "trich_yeu_thuong": SUMMARY[0].lower() + SUMMARY[1:]}
    text = files("generator.templates").joinpath(STARTER).read_text(encoding="utf-8")
    return Template(text).substitute(values)
