"""The JSON Schema of a plan, generated from the model, and look-ups into it.

Editors with a YAML language server use the schema to complete and check plans; the
validator uses the same schema to find which keys are allowed at a location when it
suggests a correction for a misspelt key.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from generator.model import Plan

SCHEMA_ID = "https://kehoach.local/schema/ke-hoach.json"


@cache
def plan_schema() -> dict[str, Any]:
    """The plan's JSON Schema (draft 2020-12), keyed by the Vietnamese YAML names."""
    schema = Plan.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Kế hoạch (kehoach)"
    return schema


def schema_json() -> str:
    """The schema as pretty JSON text, Vietnamese kept readable (no \\u escapes)."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> list[dict[str, Any]]:
    """Expand ``$ref`` and ``anyOf``/``oneOf`` into the concrete alternatives."""
    if "$ref" in node:
        return _resolve(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            out: list[dict[str, Any]] = []
            for branch in node[key]:
                out.extend(_resolve(branch, defs))
            return out
    return [node]


def keys_at(loc: tuple[Any, ...]) -> dict[str, str]:
    """Allowed keys (with their help text) of the mapping at a pydantic location.

    Union-member names in ``loc`` match no property and are skipped; every branch of a
    union is followed, so the answer is the union of what the branches allow.
    """
    schema = plan_schema()
    defs = schema.get("$defs", {})
    current = _resolve(schema, defs)
    for part in loc:
        following: list[dict[str, Any]] = []
        for node in current:
            if isinstance(part, int) and "items" in node:
                following.extend(_resolve(node["items"], defs))
            elif isinstance(part, str) and part in node.get("properties", {}):
                following.extend(_resolve(node["properties"][part], defs))
        if following:
            current = following
    keys: dict[str, str] = {}
    for node in current:
        for key, prop in node.get("properties", {}).items():
            keys.setdefault(key, prop.get("description", ""))
    return keys
