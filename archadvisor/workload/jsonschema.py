"""JSON Schema of the workload format, generated from ``schema.py``."""
from __future__ import annotations

import re
from typing import Any

from . import schema as s
from . import units
from .units import QUANTITY_KINDS

SCHEMA_ID = "https://archadvisor.dev/schema/workload-v1.json"

def _ci(word: str) -> str:
    """A case-insensitive regex for a literal word (JSON Schema patterns have no flags)."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


def _one_of(words) -> str:
    return "(" + "|".join(_ci(w) for w in sorted(words, key=lambda w: (-len(w), w))) + ")"


_NUM = r"(\d+(\.\d+)?|\.\d+)"
_ISO = r"[pP](?=.*\d)([0-9.]+[yY])?([0-9.]+[mM])?([0-9.]+[wW])?([0-9.]+[dD])?([tT]([0-9.]+[hH])?([0-9.]+[mM])?([0-9.]+[sS])?)?"
# Built from the same unit tables the parsers use, so the schema accepts what the loader accepts.
_QUANTITY_PATTERNS = {
    "duration": rf"^\s*({_NUM}\s*{_one_of(units._DURATION_UNITS)}|{_ISO}|0(\.0)?)\s*$",
    "size": rf"^\s*{_NUM}\s*{_one_of(units._SIZE_UNITS)}\s*$",
    "rate": rf"^\s*{_NUM}\s*[kKmMbBgG]?\s*/\s*{_one_of(units._RATE_PERIODS)}\s*$",
    "bandwidth": rf"^\s*{_NUM}\s*{_one_of(units._BANDWIDTH_UNITS)}\s*$",
}


def _leaf(field: s.Field) -> dict[str, Any]:
    out: dict[str, Any] = {"description": field.doc}
    if field.kind in QUANTITY_KINDS:
        unit = QUANTITY_KINDS[field.kind]
        out["description"] = f"{field.doc} Format: {unit.formats}."
        if field.kind == "percent":
            out["anyOf"] = [{"type": "number", "minimum": 0, "maximum": 100},
                            {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%?\s*$"}]
        elif field.kind == "duration":
            out["anyOf"] = [{"type": "string", "pattern": _QUANTITY_PATTERNS["duration"]}, {"const": 0}]
        else:
            out["type"] = "string"
            out["pattern"] = _QUANTITY_PATTERNS[field.kind]
    elif field.kind == s.BOOL:
        out["type"] = "boolean"
    elif field.kind == s.INT:
        out["type"] = "integer"
        if field.minimum is not None:
            out["minimum"] = field.minimum
    elif field.kind == s.ENUM:
        out["enum"] = list(field.choices)
    elif field.kind == s.ENUM_LIST:
        out.update(type="array", uniqueItems=True, items={"enum": list(field.choices)})
    elif field.kind == s.STRING_LIST:
        out.update(type="array", uniqueItems=True, items={"type": "string", "pattern": field.pattern})
    else:
        out["type"] = "string"
        if field.pattern:
            out["pattern"] = field.pattern
        if field.max_length:
            out["maxLength"] = field.max_length
    if field.default is not None:
        out["default"] = field.default
    if field.example is not None:
        out["examples"] = [field.example]
    return out


def _node(field: s.Field) -> dict[str, Any]:
    if field.kind == s.SECTION:
        return {
            "type": "object",
            "description": field.doc,
            "additionalProperties": False,
            "properties": {key: _node(child) for key, child in field.fields.items()},
            **({"required": [k for k, c in field.fields.items() if c.required]}
               if any(c.required for c in field.fields.values()) else {}),
        }
    if field.kind == s.SECTION_LIST:
        item = s.Field(s.SECTION, field.doc, fields=field.fields)
        return {"type": "array", "description": field.doc, "items": _node(item)}
    return _leaf(field)


def workload_schema() -> dict[str, Any]:
    root = _node(s.WORKLOAD)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "archadvisor workload",
        **root,
    }
