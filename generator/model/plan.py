"""The whole Kế hoạch: header, căn cứ, body, tasks, KPIs, signature, recipients, appendices."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator

from generator.model.base import (
    DateOrPartial,
    ItemId,
    Markup,
    Model,
    Names,
    NonEmptyStr,
    field,
)
from generator.model.body import ContentBlock, Section
from generator.model.inherit import Inheritance
from generator.model.kpi import DataMapping, Kpi, Milestone, UnitGroup
from generator.model.legal import Basis
from generator.model.tasks import Task, TaskGroup


def _lines(value: Any) -> Any:
    if isinstance(value, str):
        return [line for line in value.splitlines() if line.strip()]
    return value


ISSUER_CODE = r"^[A-ZĐ0-9]+(?:[-.][A-ZĐ0-9]+)*$"
"""An issuer's abbreviation in a document number: UBND, SNV, VP-UBND."""


class Issuer(Model):
    """Cơ quan ban hành: the body issuing the plan, as its header shows it."""

    name_lines: Annotated[list[NonEmptyStr], BeforeValidator(
        _lines, json_schema_input_type=str | list[str])] = field(
        "ten", "Tên cơ quan theo từng dòng, chữ in hoa: [ỦY BAN NHÂN DÂN, XÃ IA AKE].",
        min_length=1, max_length=3)
    parent_line: str | None = field("co_quan_chu_quan", "Dòng cơ quan chủ quản phía trên "
                                    "(ví dụ 'UBND TỈNH ĐẮK LẮK' trên 'SỞ NỘI VỤ').", None)
    level: NonEmptyStr = field("cap", "Cấp: tinh, huyen, xa, so… (danh mục cấp "
                               "cap-hanh-chinh.yaml).")
    code: str = field("ky_hieu", "Chữ viết tắt tên cơ quan trong số ký hiệu: UBND, SNV…",
                      pattern=ISSUER_CODE)
    place: NonEmptyStr = field("dia_danh", "Địa danh ghi trước ngày tháng: Ia Ake, Đắk Lắk…")
    full_name: NonEmptyStr = field("ten_day_du", "Tên cơ quan viết trong câu: 'Ủy ban nhân "
                                   "dân xã Ia Ake' (dùng ở dòng 'Kèm theo Kế hoạch…').")


class Signer(Model):
    """Người ký: authority lines (TM., KT., Q., TL., TUQ.), title and name."""

    on_behalf_of: str | None = field("thay_mat", "Ký thay mặt tập thể: 'ỦY BAN NHÂN DÂN' → "
                                     "'TM. ỦY BAN NHÂN DÂN'.", None)
    deputy_for: str | None = field("ky_thay", "Cấp phó ký thay: 'CHỦ TỊCH' → 'KT. CHỦ TỊCH'.",
                                   None)
    acting: str | None = field("quyen", "Quyền: 'CHỦ TỊCH' → 'Q. CHỦ TỊCH'.", None)
    by_order: str | None = field("thua_lenh", "Thừa lệnh: → 'TL. …'; cùng ky_thay khi cấp "
                                 "phó ký: 'TL. CHỦ TỊCH', 'KT. CHÁNH VĂN PHÒNG'.", None)
    by_mandate: str | None = field("thua_uy_quyen", "Thừa ủy quyền: → 'TUQ. …'.", None)
    title: NonEmptyStr = field("chuc_vu", "Chức vụ người ký: 'PHÓ CHỦ TỊCH', 'CHỦ TỊCH'.")
    name: NonEmptyStr = field("ho_ten", "Họ và tên người ký.")


def _recipient(value: Any) -> Any:
    """A recipient typed as "- Sở Nội vụ;" loses the marker: the tool adds "- " and ";"."""
    if isinstance(value, list):
        return [item.strip().removeprefix("-").strip().rstrip(";").strip()
                if isinstance(item, str) else item for item in value]
    return value


class Recipients(Model):
    """Nơi nhận: each recipient on its own line, the file copy ("Lưu: VT, …") last."""

    lead: str | None = field("dau", "Dòng đứng trước danh sách, ví dụ 'Gửi bản điện tử:'.",
                             None)
    names: Annotated[Names, BeforeValidator(
        _recipient, json_schema_input_type=str | list[str])] = field(
        "danh_sach", "Các nơi nhận, mỗi nơi một dòng (không cần gõ '- ' và ';').", min_length=1)
    archive: NonEmptyStr = field("luu", "Phần sau 'Lưu:': 'VT, VP' (văn thư và đơn vị soạn).")


class Appendix(Model):
    """Phụ lục: its own section on a new page, portrait or landscape."""

    id: ItemId | None = field("id", "Mã ổn định (tự sinh nếu bỏ trống).", None)
    numeral: str | None = field("so", "Số phụ lục nếu muốn ghi khác thứ tự (ví dụ 'II').",
                                None, pattern=r"^[IVXLC]+$|^\d+$")
    title: NonEmptyStr = field("tieu_de", "Tiêu đề phụ lục (in hoa); xuống dòng bằng \\n.")
    orientation: Literal["doc", "ngang"] = field("huong", "Hướng trang: doc hoặc ngang.", "doc")
    attached_line: bool = field("dong_kem_theo", "Có dòng '(Kèm theo Kế hoạch số … )'.", True)
    blocks: list[ContentBlock] = field("noi_dung", "Nội dung: bảng, bảng nhiệm vụ, đoạn văn.",
                                min_length=1)


NumberStyle = Literal["la_ma", "so", "so_con", "chu", "gach", "cong"]
TaskLine = Literal["chu_tri", "phoi_hop", "thoi_gian", "san_pham", "ghi_chu"]


class TaskText(Model):
    """How a task listed in a section is written: its labelled lines, in the plan's words."""

    labels: dict[TaskLine, NonEmptyStr] = field(
        "nhan", "Đổi nhãn của dòng: {chu_tri: Đơn vị chủ trì thực hiện, thoi_gian: Thời gian "
        "thực hiện}. Mặc định: Đơn vị chủ trì, Đơn vị phối hợp, Thời gian hoàn thành, Sản "
        "phẩm, Ghi chú.", {})
    separator: NonEmptyStr = field("ngan_cach", "Dấu nối các đơn vị trên một dòng: ';' (mặc "
                                   "định), ',' hoặc chữ như 'và' (khoảng trắng tự thêm).", ";",
                                   max_length=5)
    ending: Literal[".", ";", ""] = field("ket_thuc", "Dấu cuối mỗi dòng: '.', ';' hoặc '' "
                                          "(không dấu).", ".")
    last_ending: Literal[".", ";", ""] | None = field(
        "ket_thuc_cuoi", "Dấu cuối dòng cuối của mỗi nhiệm vụ. Mặc định như các danh sách của "
        "kế hoạch: '.' khi các dòng kết thúc bằng ';' (dòng cuối khép danh sách), còn lại như "
        "'ket_thuc'.", None)

    def final(self) -> str:
        """The mark of a task's last line: the list closes with a stop after ';' lines."""
        if self.last_ending is not None:
            return self.last_ending
        return "." if self.ending == ";" else self.ending

    def joiner(self) -> str:
        """The separator as printed between two units: "; ", ", ", " và "."""
        return f" {self.separator} " if self.separator[0].isalpha() else f"{self.separator} "


class Presentation(Model):
    """Trình bày: the plan's choices where the decree leaves practice to the issuer."""

    numbering: list[NumberStyle] = field(
        "danh_so", "Kiểu số theo cấp mục: la_ma (I.), so (1.), so_con (1.1.), chu (a)), gach "
        "(-), cong (+).", ["la_ma", "so", "so_con", "chu", "gach", "cong"], min_length=1)
    bullets: list[str] = field("dau_dong", "Dấu đầu dòng theo cấp của gach_dau_dong.",
                               ["-", "+"], min_length=1)
    bases_style: Literal["thuc_te", "quy_dinh"] = field(
        "can_cu", "Trình bày căn cứ: thuc_te (chữ đứng, ';' nối vào lời dẫn) hoặc quy_dinh "
        "(nghiêng, căn cứ cuối kết thúc '.').", "thuc_te")
    lead_in_joined: bool = field("loi_dan_noi_tiep", "Lời dẫn viết tiếp vào căn cứ cuối, sau "
                                 "dấu phẩy (như các kế hoạch 'Thực hiện…, UBND xã ban hành…'), "
                                 "hoặc sau 'ket_thuc' của căn cứ cuối (';', '.').", False)
    task_text: TaskText = field("nhiem_vu", "Cách viết nhiệm vụ liệt kê trong một mục (nhãn "
                                "các dòng, dấu nối đơn vị, dấu cuối dòng).", TaskText())
    comparison_style: Literal["tu_dong", "ky_hieu", "chu"] = field(
        "so_sanh", "Cách in so sánh trước giá trị chỉ tiêu: tu_dong (mặc định: chỉ khi khác "
        "'tối thiểu': 'trên 40%', 'tối đa 5%', 'phấn đấu 60%'), ky_hieu ('≥ 50%', '> 40%'), "
        "chu ('tối thiểu 50%', 'trên 40%').", "tu_dong")
    font_size: Literal[13, 14] = field("co_chu", "Cỡ chữ phần nội dung: 13 hoặc 14.", 14)
    rounding: Literal["len", "cat"] = field(
        "lam_tron", "Làm tròn tỷ lệ khi hiển thị: len (nửa lên, mặc định: 96,77 → 96,8) hoặc "
        "cat (bỏ phần thừa: 96,77 → 96,7). Đánh giá đạt/chưa đạt theo số đã làm tròn.", "len")


class Plan(Model):
    """Một Kế hoạch."""

    issuer: Issuer = field("co_quan", "Cơ quan ban hành.")
    number: int | None = field("so", "Số văn bản; bỏ trống khi là dự thảo.", None, ge=1)
    type_code: str = field("loai_van_ban", "Chữ viết tắt tên loại văn bản trong số ký hiệu.",
                           "KH", pattern=r"^[A-ZĐ]+$")
    date: DateOrPartial = field("ngay_ban_hanh", "Ngày ban hành: 2024-04-06, hoặc "
                                "{thang: 6, nam: 2024} khi dự thảo.")
    doc_type: NonEmptyStr = field("ten_loai", "Dòng tên loại: KẾ HOẠCH, KẾ HOẠCH HÀNH ĐỘNG.",
                                  "KẾ HOẠCH")
    summary: NonEmptyStr = field("trich_yeu", "Trích yếu nội dung (không có dấu chấm cuối); "
                                 "xuống dòng bằng \\n nếu muốn ngắt dòng.")
    bases: list[Basis] = field("can_cu", "Căn cứ và các văn bản được thực hiện.", [])
    lead_in: Markup | None = field("loi_dan", "Câu dẫn sau căn cứ: '… ban hành Kế hoạch … như "
                                "sau:'.", None)
    parts: list[Section] = field("phan", "Nội dung chính: các phần I, II, III…", min_length=1)
    closing: list[Markup] = field("loi_ket", "Các đoạn kết sau phần cuối; đoạn cuối sẽ kết thúc "
                               "bằng './.'.", [])
    tasks: list[Task] = field("nhiem_vu", "Nhiệm vụ không chia nhóm.", [])
    task_groups: list[TaskGroup] = field("nhom_nhiem_vu", "Nhiệm vụ chia theo nhóm.", [])
    kpis: list[Kpi] = field("chi_tieu", "Chỉ tiêu (mã có trong danh mục chi-tieu.yaml thì "
                            "kế thừa định nghĩa).", [])
    unit_groups: list[UnitGroup] = field("nhom_don_vi", "Các nhóm đơn vị được giao chỉ tiêu.",
                                         [])
    milestones: list[Milestone] = field("cac_moc", "Các mốc thời gian theo thứ tự (số ngày "
                                        "dùng cho nội suy).", [])
    data_mapping: DataMapping | None = field("du_lieu", "Cách đọc tệp kết quả (--data).",
                                             None)
    signer: Signer = field("nguoi_ky", "Người ký.")
    recipients: Recipients = field("noi_nhan", "Nơi nhận.")
    appendices: list[Appendix] = field("phu_luc", "Các phụ lục.", [])
    style: Presentation = field("trinh_bay", "Lựa chọn trình bày.", Presentation())
    parent: str | None = field("ke_hoach_cap_tren", "Tệp kế hoạch cấp trên mà kế hoạch này "
                               "thực hiện (đường dẫn tính từ tệp này): được đối chiếu, và kế "
                               "thừa nhiệm vụ, chỉ tiêu theo 'ke_thua'.", None)
    inheritance: Inheritance = field("ke_thua", "Kế thừa từ kế hoạch cấp trên: bỏ, sửa, hay "
                                     "tự chép.", Inheritance())

    def all_task_groups(self) -> list[TaskGroup]:
        """Ungrouped tasks come first as one unnamed group, then the named groups."""
        loose = [TaskGroup.model_construct(id=None, name=None, tasks=self.tasks)]
        return (loose if self.tasks else []) + list(self.task_groups)
