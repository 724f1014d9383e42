"""Reference data: loaded once from the package, valid, and held to the plans' own rules."""

from __future__ import annotations

from generator.check.bases import document_problem
from generator.check.kpis import _rule_problem
from generator.reference import Reference, load_reference


def test_reference_data_is_loaded_once_and_frozen() -> None:
    first, second = load_reference(), load_reference()
    assert first is second and isinstance(first, Reference)
    assert {"tinh", "xa", "huyen", "so"} <= set(first.levels)
    assert "nd-45-2020" in first.legal_documents and "dvc-truc-tuyen" in first.kpi_catalogue
    assert first.font_metrics["bold"]["Đ"] > 0


def test_level_names_read_as_clerks_say_them() -> None:
    reference = load_reference()
    assert reference.level_name("tinh") == "cấp tỉnh"
    assert reference.level_name("la") == "la" and reference.level_name(None) is None


def test_catalogue_targets_and_registry_entries_pass_the_rules_plans_pass() -> None:
    reference = load_reference()
    for kpi in reference.kpi_catalogue.values():
        assert kpi.name
        for target in kpi.targets:
            assert (target.value is None) != (target.rule is None)
            assert target.rule is None or _rule_problem(target.rule) is None
            assert target.level is None or target.level in reference.levels
    assert [k for k, d in reference.legal_documents.items() if document_problem(d)] == []


def test_every_package_of_the_code_ships_in_the_wheel() -> None:
    import tomllib

    from setuptools import find_packages

    from tests.conftest import ROOT

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "packages" not in config["tool"]["setuptools"]  # found by setup.py, not listed
    shipped = set(find_packages(str(ROOT), include=["generator", "generator.*"]))
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "generator").rglob("__init__.py")}
    assert found == shipped
