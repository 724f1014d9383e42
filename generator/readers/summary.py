"""What ``kehoach import`` tells the clerk: what was recognised, how many of each, what stayed
plain text and where, and each guess with its line in the YAML (terminal, .md or .json)."""

from __future__ import annotations

import json
from typing import Any

from generator.draft import Draft, draft_text
from generator.readers.guesses import Notes

LOOK = "Kiểm tra:"
"""Opens the YAML comment above a key whose value was guessed."""


def commented(draft: Draft, notes: Notes) -> tuple[str, list[dict[str, Any]]]:
    """The YAML with a comment above each guessed key, and the guesses with their lines."""
    for key, text in notes.guesses:
        if key in draft.data:
            draft.before.setdefault(key, []).append(f"{LOOK} {text}")
    text = draft_text(draft)
    lines = text.split("\n")
    starts = {line.split(":", 1)[0]: n for n, line in enumerate(lines, start=1)
              if line[:1].isalpha() and ":" in line}
    found = [{"dong": starts.get(key), "khoa": key, "noi_dung": what}
             for key, what in notes.guesses]
    return text, found


def report(source: str, target: str, notes: Notes, guesses: list[dict[str, Any]]
           ) -> dict[str, Any]:
    """What the import recognised and guessed, as the report's data."""
    return {"nguon": source, "ket_qua": target, "nhan_ra": dict(notes.counts),
            "doan_giu_nguyen": list(notes.plain), "the_thuc_da_sua": list(notes.repaired),
            "can_xem_lai": guesses}


def as_text(data: dict[str, Any]) -> str:
    """The summary as the terminal (and a .md report) shows it."""
    out = [f"Đã nhập {data['nguon']} → {data['ket_qua']}.", "", "Nhận ra:"]
    out += [f"- {what}: {count}" for what, count in data["nhan_ra"].items()]
    if data["doan_giu_nguyen"]:
        out += ["", "Giữ nguyên lời (chưa nhận ra cấu trúc):"]
        out += [f"- {where}" for where in data["doan_giu_nguyen"]]
    if data["the_thuc_da_sua"]:
        out += ["", "Thể thức được sửa khi dựng lại (theo Nghị định 30):"]
        out += [f"- {where}" for where in data["the_thuc_da_sua"]]
    if data["can_xem_lai"]:
        out += ["", "Cần xem lại (có ghi chú trong tệp YAML):"]
        out += [f"- {data['ket_qua']}:{g['dong'] or '?'}: {g['khoa']}: {g['noi_dung']}"
                for g in data["can_xem_lai"]]
    return "\n".join(out) + "\n"


def as_json(data: dict[str, Any]) -> str:
    """The report as JSON (for other tools)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
