"""No English in front of a clerk: click's usage lines, help and usage mistakes."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.clicktext import MESSAGES, MODULES, PLURALS
from tests.conftest import EXAMPLES

ENGLISH = re.compile(
    r"\b(Usage|Options|Commands|Error|Missing|argument|No such|Try|for help|Show|exit|"
    r"Got|unexpected|Invalid|value|required|default|Choose|not one of|valid|integer|"
    r"range|requires|does not|Did you mean|Is a directory|No such file|zip file|"
    r"TEXT|PATH|INTEGER|FILE|OPTIONS|COMMAND|ARGS)\b")
"""English words click or Python would show; option names (``--help``) are removed first."""

OPTION_NAMES = re.compile(r"(?<![\w-])-[-\w]+")


def english_in(text: str) -> list[str]:
    return ENGLISH.findall(OPTION_NAMES.sub("", text))


COMMANDS = sorted(main.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_help_is_in_vietnamese(command: str) -> None:
    result = CliRunner().invoke(main, [*command.split(), "--help"])
    assert result.exit_code == 0
    assert english_in(result.stdout) == [], result.stdout


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_help_has_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [*command.split(), "--help"])
    examples = result.stdout.split("Ví dụ:", 1)
    assert len(examples) == 2, result.stdout
    assert f"kehoach {command}".strip() + " " in examples[1]


MISTAKES = [
    [], ["buil"], ["build"], ["build", "--bogus", "x.yaml"], ["build", "--data"],
    ["build", "-j", "x", "x.yaml"], ["build", "-j", "-1", "x.yaml"], ["new", "--cap", "foo",
                                                                      "x.yaml"],
    ["schema", "extra"], ["diff", "a.yaml"], ["validate", "--strict=1", "x.yaml"],
    ["check", "x.docx", "-o", "y.docx"], ["--bogus"], ["derive"],
]


@pytest.mark.parametrize("args", MISTAKES, ids=lambda args: " ".join(args) or "(trống)")
def test_usage_mistakes_are_said_in_vietnamese(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    said = result.stdout + result.stderr
    assert result.exit_code in (0, 1), said  # kehoach alone shows its help
    assert english_in(said) == [], said
    if result.exit_code:
        assert said.startswith("Lỗi: "), said


def test_a_usage_mistake_points_at_the_help() -> None:
    result = CliRunner().invoke(main, ["build"])
    assert result.stderr.splitlines() == [
        "Lỗi: Thiếu tham số 'KẾ_HOẠCH.yaml|THƯ_MỤC...'.",
        "Cách dùng: kehoach build [TÙY_CHỌN] KẾ_HOẠCH.yaml|THƯ_MỤC...",
        "Xem hướng dẫn và ví dụ: kehoach build --help"]


def test_system_errors_are_said_in_vietnamese(tmp_path: Path) -> None:
    folder = tmp_path / "thu-muc.yaml"
    folder.mkdir()
    not_zip = tmp_path / "KH.docx"
    not_zip.write_text("không phải Word", encoding="utf-8")
    runner = CliRunner()
    for args in (["validate", str(folder)], ["check", str(folder)], ["check", str(not_zip)],
                 ["check", str(tmp_path / "khong-co.docx")],
                 ["build", str(EXAMPLES / "toi-thieu.yaml"), "--template", str(folder),
                  "-o", str(tmp_path / "o")]):
        result = runner.invoke(main, args)
        assert result.exit_code == 1, result.stderr
        assert english_in(result.stderr) == [], result.stderr
    assert "là một thư mục" in runner.invoke(main, ["check", str(folder)]).stderr


def _click_messages() -> set[str]:
    """Every message id the installed click words through gettext."""
    found: set[str] = set()
    for name in MODULES:
        module = sys.modules.get(name)
        if module is None or not getattr(module, "__file__", None):
            continue
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))  # type: ignore[arg-type]
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                    node.func.id in ("_", "ngettext"):
                texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
                if node.func.id == "_" and texts:
                    found.add(texts[0])
                elif len(texts) == 2:
                    found.add(f"{texts[0]}|{texts[1]}")
    return found


NOT_FOR_CLERKS = re.compile(r"defined twice|cannot use the same flag|Could not determine name|"
                            r"No options defined|take exactly one parameter|DeprecationWarning|"
                            r"Choice\(|Unknown color|Unknown standard stream|without prompting")
"""click's messages to a programmer (a command declared wrongly), never to a clerk."""


def test_the_catalogue_covers_what_the_installed_click_says() -> None:
    known = set(MESSAGES) | {f"{one}|{many}" for one, many in PLURALS}
    missing = sorted(m for m in _click_messages() - known if not NOT_FOR_CLERKS.search(m))
    assert missing == [], f"click words these in English: {missing}"

