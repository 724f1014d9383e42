"""What ``kehoach check`` prints: findings grouped by severity with a count, or JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from generator.docx_check import Finding

ORDER = ("lỗi", "cảnh báo")


def check_report(found: Mapping[str, Sequence[Finding]], fmt: str,
                 types: Mapping[str, str] | None = None) -> str:
    """Each document's findings, errors first, then a count naming the text type found
    (``types``: by document); or the JSON structure ``{"version": 2, "documents": [{"file",
    "type", "errors", "warnings", "findings": [{"id", "severity", "rule", "message",
    "where", "fix", "repair"}]}]}`` (README, section ``kehoach check``)."""
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
