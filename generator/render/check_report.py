"""What ``kehoach check`` prints: findings grouped by severity with a count, or JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from generator.docx_check import Finding

ORDER = ("lỗi", "cảnh báo")


def check_report(found: Mapping[str, Sequence[Finding]], fmt: str) -> str:
    """Each document's findings, errors first, then a count; or the JSON structure
    ``{"version": 1, "documents": [{"file", "errors", "warnings", "findings": [...]}]}``."""
    if fmt == "json":
        return json.dumps({"version": 1, "documents": [
            {"file": name, "errors": _count(items, "lỗi"),
             "warnings": _count(items, "cảnh báo"),
             "findings": [{"severity": f.severity, "rule": f.rule, "message": f.message,
                           "where": f.where, "fix": f.fix} for f in items]}
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
        out.append(f"{name}: {_count(items, 'lỗi')} lỗi, {_count(items, 'cảnh báo')} "
                   "cảnh báo.\n")
    return "".join(out)


def _count(items: Sequence[Finding], severity: str) -> int:
    return sum(f.severity == severity for f in items)
