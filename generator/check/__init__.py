"""Stage 3, check: every rule a plan can break, listed here top to bottom.

A plan reaches this stage as a :class:`Plan` that the model accepted (types, ranges,
patterns and known keys: :func:`parse_plan`, in the clerk's words). Every other rule lives in
this package, one small function each, and is listed below in reading order. All rules run
and every problem is reported at once; warnings stop nothing unless ``--strict``.

Only a plan that passes the rules gets its ids (:func:`generator.ids.assign_ids`) and its
KPI book (built once, here, and handed on to resolve); the book's own rule (every computed
target found its inputs) runs last. A plan that passes :func:`check_plan` must build: a
renderer that meets a problem these rules missed is a bug in the rules.

The rules over values as written (:data:`VALUE_RULES`, in :mod:`.values`: a date not on the
calendar in any text) read the file itself, not the plan: they also run when the model
refuses the plan (:func:`parse_plan`), so their errors come with the model's in one run.

Results files (``--data``) and templates are read by their own readers, which report their
problems; the rules that relate a build's options to the plan are in :mod:`.request`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from generator.check import (
    bases,
    body,
    front,
    ids,
    kpis,
    markup,
    names,
    references,
    review,
    tables,
    text,
    workbook,
)
from generator.check.core import (
    BookContext,
    Context,
    Relocate,
    Rule,
    in_file_order,
    locate,
    run,
)
from generator.check.parent import Lineage, findings
from generator.check.parse import parse_plan
from generator.check.values import VALUE_RULES, Written
from generator.errors import Diagnostic, KeHoachError, Place, Severity
from generator.ids import assign_ids
from generator.kpi.book import KpiBook, build_book
from generator.load import YamlDocument
from generator.model import Kpi, Plan
from generator.reference import Reference

RULES: tuple[Rule, ...] = (
    # Cơ quan ban hành, ngày, trích yếu, người ký
    front.issuer_level_is_known,
    front.issuer_lines_are_not_the_fixed_lines,
    front.issuer_level_still_exists,
    front.summary_has_no_final_stop,
    text.values_are_not_wrapped_in_curly_quotes,
    text.references_are_only_where_they_are_replaced,
    front.signer_has_one_delegation,
    front.inheritance_needs_a_parent,
    front.archive_line_starts_with_the_records_office,
    front.appendices_keep_their_attached_line,
    front.appendices_have_distinct_labels,
    # Căn cứ
    bases.bases_cite_documents_or_text,
    bases.cited_keys_are_in_the_registry,
    bases.declared_ids_are_not_registry_keys,
    bases.cited_documents_are_in_force,
    bases.citation_dates_are_the_documents,
    bases.written_documents_can_be_cited,
    bases.grouped_words_leave_nothing_out,
    bases.basis_text_does_not_repeat_its_verb,
    # Nội dung: các phần, nhiệm vụ
    body.sections_say_something,
    body.sections_are_not_nested_too_deep,
    body.headings_are_not_numbered_by_hand,
    body.listed_tasks_exist,
    body.every_task_is_printed,
    body.task_periods_have_one_form,
    body.nothing_is_left_to_write,
    body.underlines_are_not_typed,
    review.tasks_have_what_the_others_have,
    review.units_of_tasks_receive_the_plan,
    # Bảng
    tables.rows_are_cells_or_a_group,
    tables.tables_fit_their_columns,
    tables.task_table_widths_match_columns,
    tables.task_tables_have_their_tasks,
    # Danh sách tên đơn vị, nơi nhận
    names.names_are_not_cut_by_commas,
    names.names_are_not_joined_in_one_string,
    # Mã, định dạng trong đoạn văn
    ids.ids_are_unique,
    markup.markup_is_balanced,
    references.references_are_well_formed,
    references.references_name_what_exists,
    # Chỉ tiêu
    kpis.kpis_are_named,
    kpis.targets_have_a_value_or_a_rule,
    kpis.targets_are_not_repeated,
    kpis.rules_name_their_milestones,
    kpis.results_have_a_value_or_counts,
    kpis.percent_targets_lie_within_0_and_100,
    kpis.counted_figures_are_whole,
    kpis.percent_is_typed_only_for_percentages,
    kpis.target_levels_are_known,
    kpis.target_groups_are_known,
    bases.kpi_bases_name_known_documents,
    kpis.kpi_tables_name_known_kpis,
    kpis.kpi_row_groups_name_known_kpis,
    kpis.kpi_row_table_options_fit,
    kpis.group_tables_have_unit_groups,
    kpis.data_mapping_names_known_kpis,
    kpis.data_columns_are_complete,
)
"""The rules of a plan, in the order a reader meets the things they are about."""

BOOK_RULES = (kpis.computed_targets_have_their_inputs, kpis.kpi_table_widths_match_columns,
              references.target_references_resolve, workbook.cells_fit_a_workbook)
"""Rules over the KPI book, which is built only for a plan that passed :data:`RULES`."""


@dataclass(frozen=True)
class CheckedPlan:
    """A plan that passed every rule: with its ids, its KPI book and its warnings."""

    plan: Plan
    book: KpiBook
    document: YamlDocument
    warnings: tuple[Diagnostic, ...]
    parent: CheckedPlan | None = None
    """The parent plan this one was checked against (and inherits from)."""

    def parent_files(self) -> dict[Path, str]:
        """The file of every plan up the chain of parents, each with what it is: read to
        make this plan, so never to be replaced by one of the outputs made from it."""
        out: dict[Path, str] = {}
        above = self.parent
        while above is not None:
            out[Path(above.document.file)] = "kế hoạch cấp trên"
            above = above.parent
        return out


def _errors_stop(found: list[Diagnostic]) -> None:
    if any(d.severity is Severity.ERROR for d in found):
        raise KeHoachError(found)


def check_plan(plan: Plan, document: YamlDocument, reference: Reference,
               floors: Mapping[str, Kpi] | None = None,
               relocate: Relocate | None = None) -> CheckedPlan:
    """Run every rule; raise with every problem, or give the plan with ids and its book.

    ``floors``: the parent plan's KPIs for this unit, when the plan inherits from one;
    ``relocate``: where findings about inherited items belong (:mod:`generator.resolve.inherit`).
    """
    found = in_file_order(run(RULES, Context(plan, reference, floors), document, relocate)
                          + run(VALUE_RULES, Written(document.data), document))
    _errors_stop(found)
    with_ids = assign_ids(plan)
    book = build_book(with_ids, reference.kpi_catalogue, floors)
    found = in_file_order(found + run(BOOK_RULES, BookContext(with_ids, book, reference), document,
                                      relocate))
    _errors_stop(found)
    return CheckedPlan(with_ids, book, document, tuple(found))


def check_against_parent(checked: CheckedPlan, lineage: Lineage,
                         parent: CheckedPlan) -> CheckedPlan:
    """The parent rules (:mod:`.parent`): raise with every error, each in both files."""
    found = list(checked.warnings)
    for item in findings(lineage):
        diagnostic = locate(item.finding, checked.document)
        if item.parent_path is not None:
            line, column, path = parent.document.locate(item.parent_path)
            diagnostic = replace(diagnostic, related=Place(parent.document.file, line, column,
                                                           path))
        found.append(diagnostic)
    found = in_file_order(found)
    _errors_stop(found)
    return replace(checked, warnings=tuple(found), parent=parent)


__all__ = ["RULES", "CheckedPlan", "check_against_parent", "check_plan", "parse_plan"]
