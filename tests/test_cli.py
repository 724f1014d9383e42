"""Commands a clerk uses: validate the examples, schema for editors, new starter plans."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from generator import __version__
from generator.cli import main
from generator.load import load_file
from generator.schema import plan_schema
from tests.conftest import FIXTURES, example_paths


def json_ready(value: Any) -> Any:
    """What a YAML language server sees: dates are strings."""
    return json.loads(json.dumps(value, default=str))


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_every_example_validates_strictly(path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "--strict", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "hợp lệ" in result.stdout


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_schema_accepts_every_example(path: Path) -> None:
    jsonschema.validate(json_ready(load_file(path).data), plan_schema())


SCHEMA_REJECTS = ["khoa-la", "khoa-la-long", "sai-kieu", "sai-kieu-so", "thieu-khoa",
                  "khoi-la", "khong-phai-ke-hoach"]


@pytest.mark.parametrize("name", SCHEMA_REJECTS)
def test_schema_rejects_the_invalid_fixtures(name: str) -> None:
    data = load_file(FIXTURES / "invalid" / f"{name}.yaml").data
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(json_ready(data), plan_schema())


def test_schema_command_prints_the_model_schema(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == plan_schema()
    target = tmp_path / "ke-hoach.schema.json"
    assert CliRunner().invoke(main, ["schema", "-o", str(target)]).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "Kế hoạch (kehoach)"


@pytest.mark.parametrize("level", ["xa", "tinh", "so"])
def test_new_starter_validates_strictly(level: str, tmp_path: Path) -> None:
    target = tmp_path / f"{level}.yaml"
    assert CliRunner().invoke(main, ["new", "--cap", level, str(target)]).exit_code == 0
    result = CliRunner().invoke(main, ["validate", "--strict", str(target)])
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("# Kế hoạch mới")


def test_new_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "ke-hoach.yaml"
    target.write_text("giữ nguyên", encoding="utf-8")
    result = CliRunner().invoke(main, ["new", str(target)])
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "giữ nguyên"


def test_strict_turns_warnings_into_failure(tmp_path: Path) -> None:
    source = FIXTURES.parent.parent / "data" / "examples" / "toi-thieu.yaml"
    plan = tmp_path / "p.yaml"
    shutil.copy(source, plan)
    text = plan.read_text(encoding="utf-8").replace("năm 2025\n", "năm 2025.\n")
    plan.write_text(text, encoding="utf-8")
    assert CliRunner().invoke(main, ["validate", str(plan)]).exit_code == 0
    strict = CliRunner().invoke(main, ["validate", "--strict", str(plan)])
    assert strict.exit_code == 1
    assert "cảnh báo: trich_yeu" in strict.stderr


def test_version_and_help_in_plain_words() -> None:
    assert __version__ in CliRunner().invoke(main, ["--version"]).stdout
    for command in ([], ["validate"], ["schema"], ["new"]):
        result = CliRunner().invoke(main, [*command, "--help"])
        assert result.exit_code == 0
        assert "Usage" in result.stdout or "Cách dùng" in result.stdout


def test_starter_unit_names_with_commas_stay_whole(tmp_path: Path) -> None:
    from generator.pipeline import load_plan

    target = tmp_path / "so.yaml"
    assert CliRunner().invoke(main, ["new", "--cap", "so", str(target)]).exit_code == 0
    task = load_plan(target).plan.tasks[0]
    assert task.partners == ["Các phòng, đơn vị thuộc Sở"]


def test_an_output_folder_that_cannot_be_made_is_reported_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "output"
    blocker.write_text("", encoding="utf-8")
    plan = example_paths()[0]
    result = CliRunner().invoke(main, ["build", str(plan), "-o", str(blocker / "sub")])
    assert result.exit_code == 1, result.output
    assert f"'{blocker}' là một tệp, không phải thư mục" in result.stderr
    result = CliRunner().invoke(main, ["new", str(blocker / "moi.yaml")])
    assert result.exit_code == 1 and "Không ghi được tệp" in result.stderr
