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


_NUM = r"([0-9]+(\.[0-9]+)?|\.[0-9]+)"
_WS = r"[ \t\r\n]*"   # what the parsers strip from both ends
_SP = r"[ \t]*"        # what they allow between a number and its unit
_N = r"[0-9]+(\.[0-9]+)?"
# ISO 8601: P, then at least one date part (y, m, w, d in that order) and/or a T with at least one time part
# (h, m, s). Spelled out without look-ahead so that every regex engine, and hypothesis, reads it alike.
_ISO_TIME = rf"[tT]({_N}[hH]({_N}[mM])?({_N}[sS])?|{_N}[mM]({_N}[sS])?|{_N}[sS])"
_ISO_DATE = rf"({_N}[yY]({_N}[mM])?({_N}[wW])?({_N}[dD])?|{_N}[mM]({_N}[wW])?({_N}[dD])?|{_N}[wW]({_N}[dD])?|{_N}[dD])"
_ISO = rf"[pP]({_ISO_DATE}({_ISO_TIME})?|{_ISO_TIME})"
# Built from the same unit tables the parsers use, so the schema accepts what the loader accepts.
_QUANTITY_PATTERNS = {
    "duration": rf"^{_WS}({_NUM}{_SP}{_one_of(units._DURATION_UNITS)}|{_ISO}|0(\.0)?){_WS}$",
    "size": rf"^{_WS}{_NUM}{_SP}{_one_of(units._SIZE_UNITS)}{_WS}$",
    "rate": rf"^{_WS}{_NUM}{_SP}[kKmMbBgG]?{_SP}/{_SP}{_one_of(units._RATE_PERIODS)}{_WS}$",
    "bandwidth": rf"^{_WS}{_NUM}{_SP}{_one_of(units._BANDWIDTH_UNITS)}{_WS}$",
    # 0 to 100: leading zeros allowed, 100 only with a zero fraction
    "percent": rf"^{_WS}(0*100(\.0+)?|0*[0-9]{{1,2}}(\.[0-9]+)?|\.[0-9]+){_SP}%?{_WS}$",
}
# What JSON Schema cannot say, and the loader checks besides (see README, "The workload format").
LOADER_ONLY = ("the names of the entries of data, of messaging and of compute.tiers are unique, compared ignoring "
               "case and '.', '_' or '-'; the names a tier uses (compute.tiers[].uses) are those of data stores or "
               "channels of the workload; text holds no lone surrogate (\\ud800 to \\udfff: no Unicode character); the file is at most 1 MB and 20,000 values; whole numbers are written in "
               "plain decimal digits and true/false as true or false (YAML 1.1 forms such as 010, 1:30 or "
               "yes are refused)")


def _leaf(field: s.Field) -> dict[str, Any]:
    out: dict[str, Any] = {"description": field.doc}
    if field.kind in QUANTITY_KINDS:
        unit = QUANTITY_KINDS[field.kind]
        out["description"] = f"{field.doc} Format: {unit.formats}."
        if field.kind == "percent":
            out["anyOf"] = [{"type": "number", "minimum": 0, "maximum": 100},
                            {"type": "string", "pattern": _QUANTITY_PATTERNS["percent"]}]
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
        if field.maximum is not None:
            out["maximum"] = field.maximum
    elif field.kind == s.ENUM and field.also in _QUANTITY_PATTERNS:  # a word, or a quantity as text
        out["description"] = f"{field.doc} Format: one of the words, or {QUANTITY_KINDS[field.also].formats}."
        out["anyOf"] = [{"enum": list(field.choices)},
                        {"type": "string", "pattern": _QUANTITY_PATTERNS[field.also]}]
    elif field.kind == s.ENUM:
        out["enum"] = list(field.choices)
    elif field.kind == s.ENUM_LIST:  # an empty value is an empty list
        out.update(type=["array", "null"], uniqueItems=True, items={"enum": list(field.choices)})
    elif field.kind == s.STRING_LIST:
        out.update(type=["array", "null"], uniqueItems=True, items={"type": "string", "pattern": field.pattern})
        if field.maximum is not None:
            out["maxItems"] = field.maximum
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
            "type": ["object", "null"],  # an empty section ("availability:" and nothing under it) is allowed
            "description": field.doc,
            "additionalProperties": False,
            "properties": {key: _node(child) for key, child in field.fields.items()},
            **({"required": [k for k, c in field.fields.items() if c.required]}
               if any(c.required for c in field.fields.values()) else {}),
        }
    if field.kind == s.SECTION_LIST:
        item = _node(s.Field(s.SECTION, field.doc, fields=field.fields))
        item["type"] = "object"
        kinds = _applies_to(field)
        if kinds:
            item["allOf"] = kinds
        return {"type": ["array", "null"], "description": field.doc, "items": item,
                **({"maxItems": field.maximum} if field.maximum is not None else {})}
    return _leaf(field)


def _applies_to(field: s.Field) -> list[dict[str, Any]]:
    """For each kind of entry, the fields that do not apply to it are refused (as the loader does)."""
    kind = field.fields.get("kind")
    if kind is None:
        return []
    rules = []
    for choice in kind.choices:
        foreign = [key for key, child in field.fields.items() if child.applies_to and choice not in child.applies_to]
        if foreign:
            rules.append({"if": {"properties": {"kind": {"const": choice}}, "required": ["kind"]},
                          "then": {"properties": {key: False for key in foreign}}})
    return rules


def workload_schema() -> dict[str, Any]:
    root = _node(s.WORKLOAD)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "archadvisor workload",
        "$comment": f"Checked by the loader besides: {LOADER_ONLY}.",
        **root,
        "type": "object",
    }
