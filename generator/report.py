"""What the terminal prints after a command: a build's report, ``kehoach check``'s findings.

Above the commands' work (it reads :class:`generator.batch.Outcome` and
:class:`generator.docx_check.Finding`), below the CLI that prints it: no renderer needs it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from generator.batch import Outcome
from generator.docx_check import Finding

MANY = 20
"""From this many plans on, a build lists only failures and a summary, not every file."""

Line = tuple[str, bool]
"""A line for the terminal and whether it goes to the error stream."""


def build_report(outcomes: Sequence[Outcome], explain: bool) -> list[Line]:
    """What ``kehoach build`` prints: each plan's files and warnings (or, for many plans,
    a summary), then every failure with its problems, at the end."""
    out: list[Line] = []
    few = len(outcomes) < MANY
    for outcome in outcomes:
        if outcome.failed:
            continue
        out += [(d.format(), True) for d in outcome.diagnostics] if few else []
        out += [(f"Đã ghi {target}.", False) for target in outcome.written] if few else []
        out += [(f"Đã xóa {target}: bảng tính của lần dựng trước, nay kế hoạch không còn bảng "
                 "phụ lục.", False) for target in outcome.removed] if few else []
        out += [(outcome.progress, False)] if outcome.progress else []
        if explain:
            out.append(("Cách tính chỉ tiêu:" if outcome.explanations else
                        "Không có chỉ tiêu nào được tính theo quy tắc.", False))
            out += [(f"  - {line}", False) for line in outcome.explanations]
    failed = [o for o in outcomes if o.failed]
    if not few:
        out.append(_summary(outcomes, len(failed)))
        out += [(f"  {o.path}: {len(o.diagnostics)} cảnh báo", False) for o in outcomes
                if o.diagnostics and not o.failed]
    for outcome in failed:
        out += [(d.format(), True) for d in outcome.diagnostics]
        out.append((f"{outcome.path}: lỗi nội bộ của kehoach khi dựng kế hoạch này (không phải "
                    "do tệp của bạn); không ghi tệp nào." if outcome.bug else
                    f"{outcome.path}: không dựng được (không ghi tệp nào).", True))
    return out


def _summary(outcomes: Sequence[Outcome], failed: int) -> Line:
    written = sum(len(o.written) for o in outcomes)
    removed = sum(len(o.removed) for o in outcomes if not o.failed)
    warned = sum(1 for o in outcomes if o.diagnostics and not o.failed)
    return (f"Đã dựng {len(outcomes) - failed}/{len(outcomes)} kế hoạch ({written} tệp"
            + (f", xóa {removed} bảng tính cũ của kế hoạch không còn bảng phụ lục"
               if removed else "")
            + f"); {warned} kế hoạch có cảnh báo" + (" (chạy kehoach validate với từng tệp "
                                                    "dưới đây để xem):" if warned else "."),
            False)


# --- kehoach check ---------------------------------------------------------------------

ORDER = ("lỗi", "cảnh báo")


def check_report(found: Mapping[str, Sequence[Finding]], fmt: str,
                 types: Mapping[str, str] | None = None) -> str:
    """Each document's findings, errors first, then a count naming the text type found
    (``types``: by document); or the JSON structure ``{"version": 2, "documents": [{"file",
    "type", "errors", "warnings", "findings": [{"id", "severity", "rule", "message",
    "where", "fix", "repair"}]}]}`` (guide, page "Kiểm tra một tệp Word")."""
    types = types or {}
    if fmt == "json":
        return json.dumps({"version": 2, "documents": [
            {"file": name, "type": types.get(name, ""), "errors": _count(items, "lỗi"),
             "warnings": _count(items, "cảnh báo"),
             "findings": [{"id": f.id, "severity": f.severity, "rule": f.rule,
                           "message": f.message, "where": f.where, "fix": f.fix,
                           "repair": f.repair.kind if f.repair else None} for f in items]}
            for name, items in found.items()]}, ensure_ascii=False, indent=2) + "\n"
    out = []
    for name, items in found.items():
        if not items:
            out.append(f"{name}: đúng thể thức (không có lỗi, không có cảnh báo).\n")
            continue
        for severity in ORDER:
            for finding in (f for f in items if f.severity == severity):
                out.append(f"{name}: {severity}: {finding.where}: {finding.message}\n"
                           f"    quy định: {finding.rule}\n")
                if finding.fix:
                    out.append(f"    cách sửa: {finding.fix}\n")
        kind = f" ({types[name]})" if types.get(name) else ""
        out.append(f"{name}{kind}: {_count(items, 'lỗi')} lỗi, {_count(items, 'cảnh báo')} "
                   "cảnh báo.\n")
    return "".join(out)


def _count(items: Sequence[Finding], severity: str) -> int:
    return sum(f.severity == severity for f in items)
