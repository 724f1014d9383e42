"""The ``kehoach`` command: thin commands over the stages; the one place errors become exits.

Each command reads its arguments, calls a stage and prints what it returns. Exit codes are
decided in :func:`_run` only: 0 when all went well, 1 when a plan (or a file the clerk
gave) has problems — every one printed as a Vietnamese diagnostic — and 2 for anything
else, which is a bug of kehoach, shown as a short notice (``--debug`` shows the traceback).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator import __version__, clicktext
from generator.errors import Diagnostic, KeHoachError, Severity, has_errors
from generator.terminal import flush_quietly, prepare_streams, say, style

if TYPE_CHECKING:
    from generator.docx_check import Finding

clicktext.install()  # before the commands below are declared: click words some help then

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
PROGRAM = "kehoach"


def _report(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        say(diagnostic.format(), err=True)


def _run(debug: bool, action: Callable[[], bool | None]) -> None:
    """Run a command body and exit: 1 if it failed for the clerk's input, 2 on a bug.

    A body returns ``False`` when some of its inputs failed (their problems already
    printed), or raises :class:`KeHoachError` with every problem.
    """
    from generator.processes import terminating_as_interrupt

    try:
        with terminating_as_interrupt():
            ok = action() is not False
    except KeHoachError as exc:
        _report(exc.diagnostics)
        errors = sum(d.severity is Severity.ERROR for d in exc.diagnostics)
        say(f"Có {errors} lỗi. Sửa các lỗi trên rồi chạy lại.", err=True)
        ok = False
    except Exception:  # the one place a bug becomes exit 2: nothing is hidden, all is said
        if debug:
            raise
        say("Lỗi nội bộ của kehoach (không phải do tệp của bạn). Chạy lại với --debug và gửi "
            "nội dung hiện ra cho người phát triển.", err=True)
        sys.exit(2)
    sys.exit(0 if ok else 1)


@contextlib.contextmanager
def _progress_bar(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on the terminal for many plans (none in a pipe or for one plan)."""
    if total < 2 or not sys.stderr.isatty():
        yield lambda: None
        return
    from tqdm import tqdm  # only when it shows

    with tqdm(total=total, unit=" bước", leave=False) as bar:
        def tick() -> None:
            bar.update(1)

        yield tick


def _plans(arguments: Sequence[Path], doing: str) -> list[Path]:
    """The plans the arguments name (files as given, folders by their ``*.yaml``); none at
    all is the clerk's to fix."""
    from generator.batch import plan_files

    paths = plan_files(arguments)
    if not paths:
        raise KeHoachError([Diagnostic(f"Không có tệp kế hoạch (.yaml) nào để {doing}.",
                                       " ".join(map(str, arguments)),
                                       hint="Thư mục phải chứa tệp .yaml; hoặc ghi tên từng "
                                            "tệp kế hoạch.")])
    return paths


def _show_help(ctx: click.Context, _: click.Parameter, value: bool) -> None:
    """``--help``: the help, then exit."""
    if value and not ctx.resilient_parsing:
        say(ctx.get_help())
        ctx.exit()


class _HelpSaid(click.Command):
    """``--help`` printed as every other output is (:func:`say`)."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.callback = _show_help
        return option


class _Command(_HelpSaid):
    """A command whose usage line names its parts in Vietnamese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TÙY_CHỌN]")
        kwargs.setdefault("context_settings", CONTEXT)
        super().__init__(*args, **kwargs)


class _Commands(_HelpSaid, click.Group):
    """The ``kehoach`` command: every run starts here, so the terminal is prepared here
    (:func:`generator.terminal.prepare_streams`) and the last output flushed quietly.

    A usage mistake (a missing argument, an unknown option) is the clerk's to fix: exit 1,
    as for every other problem with what the clerk gave; 2 is kept for kehoach's own bugs."""

    command_class = _Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TÙY_CHỌN]")
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM_SỐ]...")
        super().__init__(*args, **kwargs)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        prepare_streams()
        kwargs["standalone_mode"] = False
        kwargs["prog_name"] = kwargs.get("prog_name") or PROGRAM  # not python -m generator
        try:
            return super().main(*args, **kwargs)
        except click.ClickException as exc:
            sys.exit(_usage_problem(exc))
        except click.Abort:
            say("Đã dừng.", err=True)
            sys.exit(1)
        finally:
            flush_quietly()


def _show_version(ctx: click.Context, _: click.Parameter, value: bool) -> None:
    """``--version``: printed as every other output is (:func:`say`: a reader that left
    early, ``kehoach --version | head -0``, is not an error), then exit."""
    if value and not ctx.resilient_parsing:
        say(f"{PROGRAM} {__version__}")
        ctx.exit()


def _usage_problem(exc: click.ClickException) -> int:
    """Say a usage mistake (what is wrong first, then the usage line and where the help
    is); ``kehoach`` typed alone shows the help. The exit code."""
    context = getattr(exc, "ctx", None)
    if isinstance(exc, getattr(click.exceptions, "NoArgsIsHelpError", ())):
        say(exc.format_message())
        return 0
    say(f"Lỗi: {exc.format_message()}", err=True)
    if context is not None:
        say(context.get_usage(), err=True)
        say(f"Xem hướng dẫn và ví dụ: {context.command_path} --help", err=True)
    return 1


@click.group(PROGRAM, cls=_Commands, context_settings=CONTEXT)
@click.option("--version", "-V", is_flag=True, expose_value=False, is_eager=True,
              callback=_show_version, help="Hiện phiên bản của kehoach.")
@click.option("--debug", is_flag=True, help="Hiện chi tiết kỹ thuật khi có lỗi nội bộ.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """kehoach: soạn Kế hoạch (KH-UBND) đúng thể thức Nghị định 30/2020 từ tệp YAML.

    Viết nội dung kế hoạch một lần trong tệp .yaml; kehoach kiểm tra, đánh số, trình bày.
    Mỗi lệnh có hướng dẫn riêng: kehoach build --help.

    \b
    Ví dụ:
      kehoach new ke-hoach.yaml          tạo một kế hoạch mẫu để sửa
      kehoach validate ke-hoach.yaml     kiểm tra, liệt kê mọi lỗi
      kehoach build ke-hoach.yaml --pdf  dựng tệp Word, Excel và PDF vào output/
      kehoach check KH.docx              kiểm tra thể thức một tệp Word bất kỳ
    """
    ctx.obj = {"debug": debug}


@main.command()
@click.argument("plans", nargs=-1, required=True, type=click.Path(path_type=Path),
                metavar="KẾ_HOẠCH.yaml...")
@click.option("--strict", is_flag=True, help="Coi cảnh báo là lỗi (dùng trước khi trình ký).")
@click.option("--parent", "--cap-tren", "parent", type=click.Path(path_type=Path),
              metavar="TỆP.yaml", help="Đối chiếu với kế hoạch cấp trên này (tự động khi kế "
              "hoạch có 'ke_hoach_cap_tren').")
@click.pass_context
def validate(ctx: click.Context, plans: tuple[Path, ...], strict: bool,
             parent: Path | None) -> None:
    """Kiểm tra một hoặc nhiều tệp kế hoạch và liệt kê mọi lỗi cùng lúc.

    Mỗi lỗi ghi rõ tệp:dòng:cột, khóa bị sai và cách sửa; lỗi so với kế hoạch cấp trên ghi
    cả chỗ tương ứng ở cấp trên. Thoát với mã 1 nếu có lỗi.

    \b
    Ví dụ:
      kehoach validate ke-hoach.yaml
      kehoach validate --strict ke-hoach.yaml
      kehoach validate ke-hoach-xa.yaml --cap-tren ke-hoach-huyen.yaml
    """
    def body() -> bool:
        from generator.pipeline import check_file

        failed = False
        for path in _plans(plans, "kiểm tra"):
            try:
                warnings = check_file(path, parent)
            except KeHoachError as exc:
                _report(exc.diagnostics)
                failed = True
                continue
            _report(warnings)
            failed |= has_errors(warnings, strict=strict)
            if not has_errors(warnings, strict=strict):
                say(f"{path}: hợp lệ" + (f" ({len(warnings)} cảnh báo)" if warnings
                                          else "") + ".")
        if failed:
            say("Có lỗi: sửa theo các dòng trên rồi chạy lại.", err=True)
        return not failed

    _run(ctx.obj["debug"], body)


@main.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="TỆP",
              help="Ghi vào tệp này thay vì in ra màn hình.")
@click.pass_context
def schema(ctx: click.Context, output: Path | None) -> None:
    """In JSON Schema của tệp kế hoạch, để trình soạn thảo gợi ý và kiểm tra khi gõ.

    \b
    Ví dụ:
      kehoach schema -o ke-hoach.schema.json
    """
    def body() -> None:
        from generator.outputs import write_file
        from generator.schema import schema_json

        text = schema_json()
        if output is None:
            say(text, nl=False)
        else:
            write_file(output, text)
            say(f"Đã ghi {output}.", err=True)  # stdout may be the output

    _run(ctx.obj["debug"], body)


@main.command()
@click.argument("file", type=click.Path(path_type=Path), metavar="TỆP.yaml")
@click.option("--cap", "level", type=click.Choice(["xa", "tinh", "so"]), default="xa",
              show_default=True, help="Cấp của cơ quan ban hành: xã, tỉnh, hoặc sở.")
@click.option("--ghi-de", "overwrite", is_flag=True, help="Cho phép ghi đè tệp đã có.")
@click.pass_context
def new(ctx: click.Context, file: Path, level: str, overwrite: bool) -> None:
    """Tạo một tệp kế hoạch mẫu có chú thích, hợp lệ ngay, để sửa thành kế hoạch của bạn.

    \b
    Ví dụ:
      kehoach new ke-hoach.yaml
      kehoach new --cap tinh ke-hoach-tinh.yaml
    """
    def body() -> None:
        from generator.outputs import write_file
        from generator.starter import starter_plan

        try:
            write_file(file, starter_plan(level, file.name), overwrite=overwrite)
        except FileExistsError:
            raise KeHoachError([Diagnostic(
                "Tệp đã có; kehoach không ghi đè.", str(file),
                hint="Chọn tên khác, hoặc thêm --ghi-de nếu chắc chắn muốn thay.")]) from None
        say(f"Đã tạo {file}. Sửa nội dung rồi chạy: kehoach validate {file}")

    _run(ctx.obj["debug"], body)


@main.command()
@click.argument("plans", nargs=-1, required=True, type=click.Path(path_type=Path),
                metavar="KẾ_HOẠCH.yaml|THƯ_MỤC...")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path),
              default=Path("output"), show_default=True, metavar="THƯ_MỤC",
              help="Thư mục ghi kết quả.")
@click.option("--template", type=click.Path(path_type=Path), metavar="MẪU.docx",
              help="Mẫu trình bày .docx khác (mặc định templates/ke-hoach.docx).")
@click.option("--pdf", is_flag=True, help="Xuất thêm tệp PDF (cần LibreOffice).")
@click.option("--data", type=click.Path(path_type=Path), metavar="TỆP.xlsx|.csv",
              help="Tệp kết quả (.xlsx/.csv) để điền kết quả và đánh giá đạt/chưa đạt.")
@click.option("--moc", "milestone", metavar="MỐC",
              help="Mốc để đánh giá tiến độ (mặc định theo 'du_lieu').")
@click.option("--explain", is_flag=True, help="Giải thích cách tính các chỉ tiêu theo quy tắc.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              metavar="SỐ",
              help="Số kế hoạch dựng cùng lúc khi dựng nhiều tệp (0: dùng mọi lõi CPU).")
@click.option("--thoi-han-pdf", "pdf_seconds", type=click.IntRange(min=1), metavar="GIÂY",
              help="Số giây LibreOffice được dùng để xuất PDF mỗi văn bản (mặc định: theo độ "
                   "dài văn bản, ít nhất 120).")
@click.pass_context
def build(ctx: click.Context, plans: tuple[Path, ...], out_dir: Path, template: Path | None,
          pdf: bool, data: Path | None, milestone: str | None, explain: bool,
          jobs: int, pdf_seconds: int | None) -> None:
    """Dựng kế hoạch thành tệp Word (.docx) đúng thể thức, kèm bảng tính (.xlsx) của các
    phụ lục, vào thư mục output/.

    Nhận nhiều tệp, hoặc thư mục (mọi tệp .yaml trong đó). Kế hoạch lỗi được báo ở cuối,
    các kế hoạch khác vẫn được dựng; không tệp nào bị ghi dở hay bị thay thế khi có lỗi.
    Lệnh này nhận tệp kế hoạch .yaml; tệp Word (.docx) được kiểm tra bằng kehoach check.

    \b
    Ví dụ:
      kehoach build ke-hoach.yaml
      kehoach build ke-hoach.yaml --pdf -o ket-qua
      kehoach build cac-xa/ -o output/cac-xa
      kehoach build ke-hoach.yaml --data ket-qua-quy-3.xlsx
    """
    def body() -> bool:
        from generator.batch import BuildBugs, build_many, steps, without_missing_pdf
        from generator.pipeline import BuildRequest
        from generator.report import build_report

        formats = ("docx", "xlsx", "pdf") if pdf else ("docx", "xlsx")
        request, no_pdf = without_missing_pdf(
            BuildRequest(out_dir, formats, template, data, milestone, explain, pdf_seconds))
        paths = _plans(plans, "dựng")
        with _progress_bar(steps(len(paths), request)) as tick:
            outcomes = build_many(paths, request, jobs, tick=tick)
        for line, error in build_report(outcomes, explain):
            say(line, err=error)
        if no_pdf is not None:  # the DOCX and XLSX are written; what was asked is not all
            _report([no_pdf])
        bugs = [outcome for outcome in outcomes if outcome.bug]
        if bugs:  # exit 2, once every other plan is built and reported
            raise BuildBugs(bugs)
        return no_pdf is None and not any(outcome.failed for outcome in outcomes)

    _run(ctx.obj["debug"], body)


@main.command()
@click.argument("parent", type=click.Path(path_type=Path), metavar="KẾ_HOẠCH_CẤP_TRÊN.yaml")
@click.option("--don-vi", "unit", metavar="TÊN",
              help="Tên đơn vị cấp dưới như kế hoạch cấp trên gọi: 'Xã Ia Ake', 'Sở Nội vụ'.")
@click.option("--cap", "level", metavar="CẤP",
              help="Cấp của đơn vị: xa, so… hoặc tên cấp: Xã, Phường, Huyện… (danh mục cấp "
              "trong hướng dẫn, trang Danh mục văn bản).")
@click.option("--dia-danh", "place", metavar="ĐỊA_DANH",
              help="Địa danh ghi trước ngày tháng (mặc định: tên đơn vị bỏ chữ chỉ cấp).")
@click.option("--ky-hieu", "code", metavar="CHỮ",
              help="Chữ viết tắt tên cơ quan trong số ký hiệu (mặc định UBND, hoặc chữ đầu "
              "tên sở).")
@click.option("--nguoi-ky", "signer", metavar="HỌ_TÊN", help="Họ tên người ký.")
@click.option("--chuc-vu", "title", metavar="CHỨC_VỤ",
              help="Chức vụ người ký: CHỦ TỊCH, PHÓ CHỦ TỊCH…")
@click.option("--ngay", "date", metavar="NGÀY",
              help="Ngày dự kiến ban hành, 08/04/2024 hoặc 2024-04-08 (mặc định: tháng này, để "
              "trống ngày).")
@click.option("--danh-sach", "listing", type=click.Path(path_type=Path), metavar="TỆP.csv",
              help="Tệp CSV các đơn vị (cột Đơn vị, Cấp, Địa danh, Ký hiệu, Người ký, Chức vụ, "
              "Ngày): mỗi dòng một kế hoạch, ghi vào thư mục -o; --cap, --ky-hieu, --nguoi-ky, "
              "--chuc-vu, --ngay điền các ô để trống.")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="TỆP|THƯ_MỤC",
              help="Tệp kế hoạch cấp dưới (hoặc thư mục, với --danh-sach).")
@click.option("--ghi-de", "--force", "overwrite", is_flag=True,
              help="Cho phép ghi đè tệp đã có.")
@click.pass_context
def derive(ctx: click.Context, parent: Path, unit: str | None, level: str | None,
           place: str | None, code: str | None, signer: str | None, title: str | None,
           date: str | None, listing: Path | None, output: Path | None,
           overwrite: bool) -> None:
    """Tạo kế hoạch của đơn vị cấp dưới từ kế hoạch cấp trên, để sửa tiếp.

    Kế hoạch mới trích kế hoạch cấp trên trong căn cứ, chép mục đích, yêu cầu (đổi địa bàn),
    nhận các nhiệm vụ và chỉ tiêu cấp trên giao cho đơn vị (chỉ tiêu là mức tối thiểu), và
    ghi chú những chỗ đơn vị phải tự viết ("CẦN VIẾT").

    \b
    Ví dụ:
      kehoach derive ke-hoach-huyen.yaml --don-vi "Xã Ia Ake" --cap xa
      kehoach derive ke-hoach-huyen.yaml --danh-sach cac-xa.csv -o cac-xa
    """
    def body() -> bool:
        import datetime as dt

        from generator.derive import ChildSpec, child_file_name, derive_list, write_child
        from generator.pipeline import load_plan, plan_of
        from generator.reference import load_reference

        reference = load_reference()
        if listing is None and (unit is None or level is None):
            raise KeHoachError([Diagnostic(
                "Cần --don-vi và --cap (hoặc --danh-sach để tạo nhiều kế hoạch).", str(parent),
                hint='Ví dụ: kehoach derive ke-hoach-huyen.yaml --don-vi "Xã Ia Ake" --cap xa')])
        source = plan_of(parent)  # a Word plan is imported first
        if source != parent:
            say(f"Kế hoạch cấp trên đọc từ {source} (nhập từ {parent.name}).", err=True)
        checked = load_plan(source, reference)
        today = dt.date.today()
        if listing is not None:
            if unit is not None or place is not None:
                raise KeHoachError([Diagnostic(
                    "--don-vi và --dia-danh là của một đơn vị: với --danh-sach, ghi vào cột "
                    "'Đơn vị', 'Địa danh' của danh sách.", str(listing))])
            blanks = {"level": level, "code": code, "signer": signer, "title": title,
                      "date": date}
            done = derive_list(checked, source, listing, output or Path("output"), reference,
                               overwrite=overwrite, today=today,
                               blanks={k: v for k, v in blanks.items() if v})
        else:
            assert unit is not None and level is not None
            spec = ChildSpec(unit, level, place, code, signer, title, date)
            target = output or source.parent / child_file_name(spec, source)
            done = [write_child(checked, source, spec, target, reference, overwrite=overwrite,
                                today=today)]
        for item in done:
            if item.problem is None:
                say(f"Đã tạo {item.target}. Viết các chỗ 'CẦN VIẾT' rồi chạy: "
                    f"kehoach validate {item.target}")
        _report([problem for item in done for problem in item.problems])
        _report([warning for item in done for warning in item.warnings])
        failed = sum(bool(item.problems) for item in done)
        if failed and listing is not None:
            others = "; các đơn vị khác đã được tạo" if failed < len(done) else ""
            say(f"{failed} đơn vị không tạo được (xem các dòng trên){others}.", err=True)
        return not failed

    _run(ctx.obj["debug"], body)


@main.command("import")
@click.argument("document", type=click.Path(path_type=Path), metavar="KẾ_HOẠCH.docx|.pdf|.txt|.md")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="TỆP.yaml",
              help="Tệp kế hoạch YAML (mặc định: cùng tên, đuôi .yaml, cạnh văn bản).")
@click.option("--report", "report_file", type=click.Path(path_type=Path), metavar="TỆP.md|.json",
              help="Ghi thêm bản tóm tắt việc nhập (Markdown hoặc JSON).")
@click.option("--ghi-de", "--force", "overwrite", is_flag=True,
              help="Cho phép ghi đè tệp YAML đã có.")
@click.pass_context
def import_(ctx: click.Context, document: Path, output: Path | None, report_file: Path | None,
            overwrite: bool) -> None:
    """Nhập một kế hoạch đã có (Word, PDF, .txt, .md) thành tệp kế hoạch YAML dựng lại được.

    \b
    Ví dụ:
      kehoach import KH-2025.docx -o KH-2025.yaml
      kehoach import KH.pdf --report nhap.md
    """
    def body() -> None:
        from generator.pipeline import import_document

        say(import_document(document, output, report_file, overwrite=overwrite), nl=False)

    _run(ctx.obj["debug"], body)


@main.command()
@click.argument("old", metavar="BẢN_CŨ")
@click.argument("new", metavar="BẢN_MỚI")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "html", "json"]),
              default="text", show_default=True,
              help="text: màn hình; md: Markdown; html: một trang mở bằng trình duyệt; "
              "json: cho công cụ khác (cấu trúc trong hướng dẫn, trang So sánh hai phiên bản).")
@click.option("-o", "--output", type=click.Path(), metavar="TỆP",
              help="Ghi kết quả vào tệp thay vì in ra màn hình.")
@click.option("--docx", "redline", type=click.Path(), metavar="TỆP.docx",
              help="Ghi thêm tệp Word của bản mới có theo dõi thay đổi (Track Changes) so "
              "với bản cũ.")
@click.option("--tac-gia", "author", default="kehoach", show_default=True, metavar="TÊN",
              help="Tên người sửa ghi trong các thay đổi của tệp Word.")
@click.option("--exit-code", is_flag=True,
              help="Thoát với mã 1 khi hai kế hoạch khác nhau (như git diff --exit-code).")
@click.pass_context
def diff(ctx: click.Context, old: str, new: str, fmt: str, output: str | None,
         redline: str | None, author: str, exit_code: bool) -> None:
    """So sánh hai phiên bản kế hoạch theo từng mục: thêm, bỏ, chuyển, sửa.

    Mỗi bên là một tệp, hoặc PHIÊN_BẢN:tệp để lấy từ git (HEAD~1:data/ke-hoach.yaml).
    Cả hai được kiểm tra như 'validate' rồi so theo mã của từng mục (nhiệm vụ, chỉ tiêu,
    mục, căn cứ…); văn bản dài được so từng từ.

    \b
    Ví dụ:
      kehoach diff ke-hoach-cu.yaml ke-hoach.yaml
      kehoach diff HEAD~1:ke-hoach.yaml ke-hoach.yaml --docx thay-doi.docx
      kehoach diff ke-hoach-cu.yaml ke-hoach.yaml --format html -o so-sanh.html
    """
    def body() -> bool:
        import os

        from generator.outputs import inputs_in_the_way, write_file
        from generator.pipeline import diff_versions
        from generator.render.diff import render_diff

        for given in (output, redline):
            if given is not None and given.endswith(("/", "\\")):
                raise KeHoachError([Diagnostic("Cần tên tệp, không phải thư mục.", str(given),
                                               hint="Ví dụ: -o so-sanh.html, --docx "
                                                    "so-sanh.docx.")])
        versions = diff_versions(old, new)
        targets = [Path(t) for t in (output, redline) if t is not None]
        if len(targets) == 2 and os.path.abspath(targets[0]) == os.path.abspath(targets[1]):
            raise KeHoachError([Diagnostic("-o và --docx cùng ghi vào một tệp.", str(output),
                                           hint="Đặt hai tên khác nhau.")])
        problems = inputs_in_the_way(targets, versions.files())
        if problems:  # before either is written
            raise KeHoachError(problems)
        terminal = output is None and fmt == "text" and sys.stdout.isatty() \
            and not os.environ.get("NO_COLOR")
        quiet = versions.diff.empty() and fmt in ("text", "md")
        text = "" if quiet else render_diff(versions.diff, fmt, old, new,
                                            style if terminal else None)
        if redline is not None:
            from generator.pipeline import write_redline

            write_redline(versions, Path(redline), author)
            say(f"Đã ghi {redline}: bản mới, mỗi thay đổi so với bản cũ được theo dõi "
                "(Track Changes).", err=True)
        if output is not None:
            write_file(Path(output), text, versions.files())
            say(f"Đã ghi kết quả so sánh vào {output}.", err=True)
        elif text:
            say(text, nl=False)
        return not (exit_code and not versions.diff.empty())

    _run(ctx.obj["debug"], body)


@main.command()
@click.argument("documents", nargs=-1, required=True, type=click.Path(path_type=Path),
                metavar="TỆP.docx...")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: theo mức độ, có đếm; json: cho công cụ khác.")
@click.option("--fix", is_flag=True,
              help="Sửa tự động những chỗ sửa an toàn được (lề, phông, cỡ chữ, ngày tháng, "
                   "số ký hiệu, số trang, đường kẻ) vào một bản sao; không đổi chữ nào.")
@click.option("--dan-trang", "lay_out", is_flag=True,
              help="Dàn trang bằng LibreOffice (nếu có) để kiểm tra cả trang in: khối chữ ký "
                   "bị tách sang trang sau, trang để trống, trang bỏ trống trước bảng. Chậm "
                   "hơn (vài giây mỗi tệp). --fix luôn dàn trang khi có LibreOffice.")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="TỆP|THƯ_MỤC",
              help="Với --fix: tệp ghi bản đã sửa (một tệp vào), hoặc thư mục (nhiều tệp). "
                   "Mặc định: <tên>.da-sua.docx bên cạnh tệp gốc (.docm, .dotx, .dotm giữ "
                   "nguyên đuôi).")
@click.pass_context
def check(ctx: click.Context, documents: tuple[Path, ...], fmt: str, fix: bool,
          lay_out: bool, output: Path | None) -> None:
    """Kiểm tra tệp Word (.docx) bất kỳ theo thể thức Nghị định 30/2020.

    Đọc định dạng thật của văn bản (kể cả kiểu chữ kế thừa), nhận ra các thành phần (Quốc
    hiệu, Tiêu ngữ, số ký hiệu, địa danh ngày tháng, nơi nhận…) và báo từng chỗ sai quy
    định (lỗi) hay khác thông lệ (cảnh báo), kèm cách sửa. Thoát mã 1 khi có lỗi (với --fix:
    khi bản đã sửa còn lỗi).

    \b
    Ví dụ:
      kehoach check KH.docx
      kehoach check KH.docx --dan-trang
      kehoach check KH.docx --fix -o KH-da-sua.docx
    """
    if output is not None and not fix:
        raise click.UsageError("-o chỉ dùng với --fix.")

    def body() -> bool:
        from generator.docx_check import check_docx, check_laid_out, text_type
        from generator.report import check_report

        if fix:
            targets = _fix_targets(documents, output)
            found = {str(target): _fixed(path, target) for path, target in targets.items()}
            types = {str(target): text_type(path) for path, target in targets.items()}
        else:
            read = check_laid_out if lay_out else check_docx
            found = {str(path): read(path) for path in documents}
            types = {str(path): text_type(path) for path in documents}
        say(check_report(found, fmt, types), nl=False)
        return not any(f.severity == "lỗi" for items in found.values() for f in items)

    _run(ctx.obj["debug"], body)


FIXED_MARK = ".da-sua"
"""Put before the name ending of a repaired copy written beside its document."""


def _fix_targets(documents: Sequence[Path], output: Path | None) -> dict[Path, Path]:
    """Where each repaired copy goes: beside it, as ``-o`` says; refused before anything is
    written when a copy would replace a document given (by any name) or another copy, or
    would have a name ending Word refuses for its kind (a ``.docm`` copied as ``.docx``)."""
    from generator.docx_check.fix import package_suffix
    from generator.outputs import inputs_in_the_way

    suffixes = {document: package_suffix(document) for document in documents}
    targets = {document: _fix_target(document, output, len(documents), suffixes[document])
               for document in documents}
    problems = inputs_in_the_way(targets.values(), {d: "tệp Word được kiểm tra"
                                                    for d in documents})
    seen: dict[str, Path] = {}
    for document, target in targets.items():
        problems += _kind_kept(document, target, suffixes[document])
        key = str(target.resolve()).casefold()
        if key in seen:
            problems.append(Diagnostic(f"'{seen[key]}' và '{document}' sẽ cùng ghi bản sửa "
                                       "vào một tệp.", str(target),
                                       hint="Đổi tên một tệp, hoặc sửa từng tệp một."))
        seen[key] = document
    if problems:
        raise KeHoachError(problems)
    return targets


def _fix_target(document: Path, output: Path | None, count: int, suffix: str) -> Path:
    """Where the repaired copy of ``document`` goes, with the name ending of its kind."""
    if output is None:
        return document.with_name(document.name.removesuffix(document.suffix) + FIXED_MARK
                                  + suffix)
    if count > 1 or output.is_dir():
        return output / (document.name.removesuffix(document.suffix) + suffix)
    return output


def _kind_kept(document: Path, target: Path, suffix: str) -> list[Diagnostic]:
    """A copy named with another kind's ending (Word would refuse to open it), refused."""
    from generator.docx_check.fix import KIND_NAMES

    if target.suffix.casefold() == suffix:
        return []
    macros = " Muốn bỏ macro: mở tệp trong Word, Lưu thành > 'Word Document (*.docx)', " \
        "rồi kiểm tra bản đó." if suffix in (".docm", ".dotm") else ""
    return [Diagnostic(f"'{document}' là {KIND_NAMES[suffix]}; bản sửa giữ nguyên loại tệp "
                       f"nên phải có đuôi {suffix} (Word không mở tệp {target.suffix or 'này'}"
                       " mang nội dung đó).", str(target),
                       hint=f"Ví dụ: -o {target.with_suffix(suffix).name}.{macros}")]


def _fixed(document: Path, target: Path) -> list[Finding]:
    """Repair ``document`` into ``target``; say what was repaired; return what is left."""
    from generator.docx_check import fix_docx_laid_out
    from generator.outputs import write_file

    fixed = fix_docx_laid_out(document)
    if fixed.note:
        say(f"{document}: {fixed.note}", err=True)
    if fixed.data is None:
        return fixed.left
    write_file(target, fixed.data, {document: "tệp Word được kiểm tra"})
    say(f"{document}: đã sửa {len(fixed.repaired)} chỗ, ghi vào {target}.", err=True)
    return fixed.left


@main.command()
@click.argument("folder", required=False, default=".", type=click.Path(path_type=Path),
                metavar="[THƯ_MỤC]")
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ĐỊA_CHỈ",
              help="Địa chỉ lắng nghe; khác 127.0.0.1 thì máy khác trong mạng cũng vào được.")
@click.option("--port", "--cong", "port", type=click.IntRange(0, 65535), default=0,
              metavar="CỔNG", help="Cổng (mặc định: một cổng còn trống).")
@click.option("--khong-mo", "no_browser", is_flag=True, help="Không tự mở trình duyệt.")
@click.pass_context
def serve(ctx: click.Context, folder: Path, host: str, port: int, no_browser: bool) -> None:
    """Soạn, kiểm tra, so sánh kế hoạch trong trình duyệt, bản in xem ngay bên cạnh.

    Chạy trên máy này, không cần mạng. Cần cài thêm: pip install "kehoach[serve]".

    \b
    Ví dụ:
      kehoach serve
      kehoach serve thu-muc-ke-hoach
    """
    def body() -> None:
        from generator.web.serve import host_warning
        from generator.web.serve import serve as run

        warning = host_warning(host)
        if warning is not None:
            say(warning, err=True)
        run(folder, host, port, not no_browser, say)

    _run(ctx.obj["debug"], body)
