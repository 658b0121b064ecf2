"""Load a workload file: safe YAML, precise errors, typed values.

The YAML is composed into nodes (which carry line and column) and then
walked against the schema, so every problem can name its file, line, column
and field path. Only plain data is accepted: no tags that build objects,
bounded alias expansion, no duplicate keys, no oversized files. All problems
in a file are collected and reported together.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from . import schema as s
from .units import QUANTITY_KINDS, Quantity, UnitError

MAX_BYTES = 1_000_000
MAX_NODES = 20_000
MAX_DEPTH = 20
MAX_DIGITS = 18  # a whole number longer than this is no count of anything (and 4,300 digits broke int())

_STR, _INT, _FLOAT, _BOOL, _TIMESTAMP = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "timestamp"))
_TEXT_TAGS = {_STR, _TIMESTAMP}  # a date-like plain scalar is text: the loader never builds dates
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT_FORM = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+][0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_BOOL_FORM = re.compile(r"true|True|TRUE|false|False|FALSE")

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}
_TYPE_NAMES = {
    "tag:yaml.org,2002:str": "a string", "tag:yaml.org,2002:int": "an integer",
    "tag:yaml.org,2002:float": "a number", "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:null": "an empty value", "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:map": "a mapping", "tag:yaml.org,2002:seq": "a list",
}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a workload file."""

    file: str
    line: int
    column: int
    path: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.path or '(top level)'}: {self.message}"
        return text + (f"\n    {self.hint}" if self.hint else "")


class WorkloadError(Exception):
    """A workload file is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Workload:
    """A validated workload: typed values plus where each came from."""

    source: str
    values: dict[str, Any]
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.values["name"]

    def plain(self) -> dict[str, Any]:
        """The workload as JSON-ready data: quantities become the text the user wrote."""
        return _plain(self.values)


def _plain(value: Any) -> Any:
    if isinstance(value, Quantity):
        return value.to_json()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class _Budget:
    def __init__(self) -> None:
        self.nodes = 0


class _Walker:
    """Checks a composed YAML node tree against the schema, collecting problems."""

    def __init__(self, filename: str):
        self.filename = filename
        self.problems: list[Problem] = []
        self.positions: dict[str, tuple[int, int]] = {}
        self.constructor = SafeConstructor()
        self.budget = _Budget()
        self.aliases = False  # whether the document reuses a node through an alias

    # -- reporting ---------------------------------------------------------
    def problem(self, node: yaml.Node | None, path: str, message: str, hint: str = "") -> None:
        line, column = _position(node)
        self.problems.append(Problem(self.filename, line, column, path, message, hint))

    # -- walking -----------------------------------------------------------
    def count(self, node: yaml.Node, path: str, depth: int) -> bool:
        self.budget.nodes += 1
        if self.budget.nodes > MAX_NODES or depth > MAX_DEPTH:
            raise _TooBig(node, path)
        return True

    def section(self, node: yaml.Node, definition: s.Field, path: str, depth: int) -> dict[str, Any]:
        self.count(node, path, depth)
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, path, f"expected a mapping of fields, got {_describe(node)}",
                         f"valid fields: {', '.join(definition.fields)}")
            return {}
        result: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            self.count(key_node, path, depth + 1)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                self.problem(key_node, path, f"field names must be plain words, got {_describe(key_node)}")
                continue
            key = key_node.value
            child_path = f"{path}.{key}" if path else key
            if key in seen:
                first = _position(seen[key])
                self.problem(key_node, child_path, f"duplicate key {key!r} (first given at line {first[0]})",
                             "give each field once")
                continue
            seen[key] = key_node
            child = definition.fields.get(key)
            if child is None:
                self.problem(key_node, child_path, f"unknown field {key!r}", _suggest(key, definition.fields))
                continue
            self.positions[child_path] = _position(value_node)
            value = self.value(value_node, child, child_path, depth + 1)
            if value is not None:
                result[key] = value
        for key, child in definition.fields.items():
            if child.required and key not in seen:
                self.problem(node, f"{path}.{key}" if path else key, f"required field {key!r} is missing",
                             f"example: {key}: {child.example}")
        return result

    def value(self, node: yaml.Node, definition: s.Field, path: str, depth: int) -> Any:
        self.count(node, path, depth)
        if node.tag not in _PLAIN_TAGS:
            return None  # reported by _check_tree
        if definition.kind == s.SECTION:
            if _is_null(node):
                return None
            return self.section(node, definition, path, depth)
        if definition.kind == s.SECTION_LIST:
            return self.section_list(node, definition, path, depth)
        if definition.kind in (s.ENUM_LIST, s.STRING_LIST):
            return self.scalar_list(node, definition, path, depth)
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, path, f"expected {_expected(definition)}, got {_describe(node)}",
                         f"example: {path.rsplit('.', 1)[-1]}: {_example(definition)}")
            return None
        return self.scalar(node, definition, path)

    def section_list(self, node: yaml.Node, definition: s.Field, path: str, depth: int) -> list[Any]:
        if _is_null(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, path, f"expected a list of entries, got {_describe(node)}",
                         f"example: {path}: [{{name: {definition.fields['name'].example}}}]")
            return []
        if definition.maximum is not None and len(node.value) > definition.maximum:
            self.problem(node, path, f"{len(node.value)} entries; at most {definition.maximum}",
                         "see Limits in the README: each entry adds parts to the design and the drawing")
            return []
        items: list[Any] = []
        names: dict[str, int] = {}
        item_definition = s.Field(s.SECTION, definition.doc, fields=definition.fields)
        for index, item_node in enumerate(node.value):
            item_path = f"{path}[{index}]"
            item = self.section(item_node, item_definition, item_path, depth + 1)
            self.check_applies(item_node, item, definition, item_path)
            key = item.get(definition.unique_key) if definition.unique_key else None
            if key is not None:
                # Names become diagram ids: 'Orders', 'orders' and 'orders.v1'/'orders-v1' would collide there.
                same = _identity(key)
                if same in names:
                    self.problem(item_node, f"{item_path}.{definition.unique_key}",
                                 f"{definition.unique_key} {key!r} is already used by {path}[{names[same]}] "
                                 "(names are compared ignoring case and '.', '_' or '-')",
                                 "each entry needs a unique name")
                else:
                    names[same] = index
            items.append(item)
        return items

    def check_applies(self, node: yaml.Node, item: dict[str, Any], definition: s.Field, path: str) -> None:
        kind = item.get("kind")
        if kind is None:
            return
        for key in item:
            applies = definition.fields[key].applies_to
            if applies and kind not in applies:
                field_node = _child_node(node, key)
                self.problem(field_node, f"{path}.{key}",
                             f"{key!r} does not apply to {_article(kind)} {kind} store",
                             f"it applies to kind: {', '.join(applies)}; remove it or change kind")

    def scalar_list(self, node: yaml.Node, definition: s.Field, path: str, depth: int) -> list[str]:
        if _is_null(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, path, f"expected a list, got {_describe(node)}",
                         f"example: {path.rsplit('.', 1)[-1]}: {definition.example}")
            return []
        if definition.maximum is not None and len(node.value) > definition.maximum:
            self.problem(node, path, f"{len(node.value)} entries; at most {definition.maximum}",
                         "see Limits in the README")
            return []
        values: list[str] = []
        for index, item_node in enumerate(node.value):
            self.count(item_node, path, depth + 1)
            item_path = f"{path}[{index}]"
            if not isinstance(item_node, yaml.ScalarNode) or item_node.tag not in _TEXT_TAGS:
                self.problem(item_node, item_path, f"expected a word, got {_describe(item_node)}",
                             "a number or true/false is not a word here; quote it if you mean the text")
                continue
            text = item_node.value
            if definition.kind == s.ENUM_LIST and text not in definition.choices:
                self.problem(item_node, item_path, f"{text!r} is not one of the allowed values",
                             _suggest(text, definition.choices))
                continue
            if definition.pattern and not re.fullmatch(definition.pattern, text):
                self.problem(item_node, item_path, f"{text!r} is not a valid name",
                             f"use lower-case letters, digits and '-', e.g. {definition.example[0]}")
                continue
            if text in values:
                self.problem(item_node, item_path, f"{text!r} is listed twice", "list each value once")
                continue
            self.positions[item_path] = _position(item_node)  # a name may refer elsewhere: its own place
            values.append(text)
        return values

    def scalar(self, node: yaml.ScalarNode, definition: s.Field, path: str) -> Any:
        key = path.rsplit(".", 1)[-1]
        example = f"example: {key}: {_example(definition)}"
        kind = definition.kind
        if kind in (s.STRING, s.ENUM):
            return self.text(node, definition, path, key, example)
        refused = _yaml11_form(node)
        if refused:
            self.problem(node, path, refused[0], f"{refused[1]}; {example}")
            return None
        raw = _construct(self.constructor, node)
        if kind in QUANTITY_KINDS:
            if raw is None:
                self.problem(node, path, f"{key} is empty", f"{QUANTITY_KINDS[kind].formats}; {example}")
                return None
            try:
                return QUANTITY_KINDS[kind].parse(raw)
            except UnitError as error:
                self.problem(node, path, str(error), f"valid: {QUANTITY_KINDS[kind].formats}; {example}")
                return None
        if kind == s.BOOL:
            if isinstance(raw, bool):
                return raw
            self.problem(node, path, f"expected true or false, got {_shown(node.value)!r}", example)
            return None
        if kind == s.INT:
            if isinstance(raw, float) and raw.is_integer():  # 3.0 is the number 3, in JSON Schema too
                raw = int(raw)
            if isinstance(raw, bool) or not isinstance(raw, int):
                self.problem(node, path, f"expected a whole number, got {_shown(node.value)!r}", example)
                return None
            if definition.minimum is not None and raw < definition.minimum:
                self.problem(node, path, f"{raw} is below the minimum {definition.minimum}", example)
                return None
            if definition.maximum is not None and raw > definition.maximum:
                self.problem(node, path, f"{raw} is above the maximum {definition.maximum}",
                             f"see Limits in the README; {example}")
                return None
            return raw
        raise AssertionError(f"unhandled kind {kind}")

    def word_or_quantity(self, node: yaml.ScalarNode, definition: s.Field, path: str, text: str) -> Any:
        """A value that is one of the words, or else a quantity of the field's ``also`` kind."""
        try:
            return QUANTITY_KINDS[definition.also or ""].parse(text)
        except UnitError:
            self.problem(node, path, f"{_shown(text)!r} is neither one of the allowed values nor a {definition.also}",
                         _word_or_quantity_hint(definition, text))
            return None

    def text(self, node: yaml.ScalarNode, definition: s.Field, path: str, key: str, example: str) -> str | None:
        """An enum value or a plain string: text as written (YAML numbers and true/false are not text)."""
        if node.tag not in _TEXT_TAGS:
            if definition.kind == s.ENUM:
                self.problem(node, path, f"{_shown(node.value)!r} is not one of the allowed values",
                             _word_or_quantity_hint(definition, str(node.value)) if definition.also
                             else _suggest(str(node.value), definition.choices))
            else:
                self.problem(node, path, f"expected text, got {_describe(node)}",
                             f"quote it if you mean the text; {example}")
            return None
        text = node.value
        if definition.kind == s.ENUM:
            if text not in definition.choices:
                if definition.also in QUANTITY_KINDS:  # a word or a quantity: retrieval: minutes, or 4h
                    return self.word_or_quantity(node, definition, path, text)
                self.problem(node, path, f"{_shown(text)!r} is not one of the allowed values",
                             _suggest(text, definition.choices))
                return None
            return text
        if definition.max_length is not None and len(text) > definition.max_length:
            self.problem(node, path, f"{key} is {len(text):,} characters long; at most {definition.max_length:,}",
                         example)
            return None
        if definition.pattern == s.TEXT_PATTERN:
            bad = re.search(f"[{s.FORBIDDEN_CHARACTERS}{s.SURROGATES}]", text)
            if bad:
                self.problem(node, path, f"{key} holds the character U+{ord(bad.group()):04X} "
                             f"at character {bad.start() + 1}",
                             "remove it: control characters (tab and line breaks aside), line separators and "
                             "lone surrogates cannot be shown")
                return None
        elif definition.pattern and not re.fullmatch(definition.pattern, text):
            self.problem(node, path, f"{_shown(text)!r} is not a valid {key}", _pattern_hint(key, definition))
            return None
        return text


def _word_or_quantity_hint(definition: s.Field, text: str) -> str:
    unit = QUANTITY_KINDS[definition.also or ""]
    return f"{_suggest(text, definition.choices)}, or a {definition.also}: {unit.formats}"


class _TooBig(Exception):
    def __init__(self, node: yaml.Node, path: str):
        self.node, self.path = node, path


def _yaml11_form(node: yaml.ScalarNode) -> tuple[str, str] | None:
    """Why a number or true/false is refused, when it is written in a form only YAML 1.1 reads as one.

    PyYAML reads YAML 1.1, where 010 is 8 (octal), 1:30 is 90 (base 60), 1_000 is 1000 and yes, no, on
    and off are true/false; YAML 1.2 readers (editors checking against the JSON Schema) read 010 as 10
    and the others as text. Rather than guess, these forms are refused with what to write instead.
    Over-long numbers are refused here too, before int() is asked to build one.
    """
    text, tag = node.value, node.tag
    if tag == _INT:
        digits = sum(c.isdigit() for c in text)
        if digits > MAX_DIGITS:
            return (f"the number {_shown(text)} has {digits:,} digits; at most {MAX_DIGITS}",
                    "no count or quantity here needs more")
        if _DECIMAL.fullmatch(text):
            return None
        if ":" in text:
            return (f"{text!r} is a base-60 number ({_construct_int(node)}) in YAML 1.1 and text in YAML 1.2",
                    "write a plain number, or a quantity with its unit such as 90m")
        if "_" in text:
            return (f"{text!r} uses '_' between digits, which only YAML 1.1 reads as a number",
                    "write the digits alone, e.g. 1000")
        if text.lstrip("+-").startswith(("0x", "0b", "0o")):
            return (f"{text!r} is {_construct_int(node)} in YAML 1.1 but not a decimal number",
                    "write the number in decimal digits")
        return (f"{text!r} is octal ({_construct_int(node)}) in YAML 1.1 and decimal in YAML 1.2",
                f"write it without the leading zero: {text.lstrip('+-').lstrip('0') or '0'}")
    if tag == _FLOAT:
        if _FLOAT_FORM.fullmatch(text):
            return None
        return (f"{_shown(text)!r} is a number only in YAML 1.1 ('_' between digits or base 60)",
                "write a plain decimal number")
    if tag == _BOOL and not _BOOL_FORM.fullmatch(text):
        return (f"{text!r} is true/false only in YAML 1.1; YAML 1.2 and JSON Schema editors read it as text",
                "write true or false")
    return None


def _construct_int(node: yaml.ScalarNode) -> int:
    return SafeConstructor().construct_yaml_int(node)


def _shown(text: str, limit: int = 40) -> str:
    """A value short enough for a message."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


def _pattern_hint(key: str, definition: s.Field) -> str:
    if definition.pattern == s.NAME_PATTERN:
        return ("use lower-case letters, digits and '-', starting with a letter or digit, at most 63 characters "
                f"(it names the output folder); example: {key}: {definition.example}")
    if definition.pattern == s.ITEM_NAME_PATTERN:
        return f"use letters, digits, '_', '.' and '-', at most 63 characters; example: {key}: {definition.example}"
    return f"example: {key}: {definition.example}"


def _identity(name: str) -> str:
    """The form a name takes in diagram ids: lower case, separators alike."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower())


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _construct(constructor: SafeConstructor, node: yaml.ScalarNode) -> Any:
    builders = {
        "tag:yaml.org,2002:int": constructor.construct_yaml_int,
        "tag:yaml.org,2002:float": constructor.construct_yaml_float,
        "tag:yaml.org,2002:bool": constructor.construct_yaml_bool,
        "tag:yaml.org,2002:null": constructor.construct_yaml_null,
    }
    build = builders.get(node.tag)
    return build(node) if build else str(node.value)


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _child_node(node: yaml.Node, key: str) -> yaml.Node:
    for key_node, _ in getattr(node, "value", []):
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node
    return node


def _position(node: yaml.Node | None) -> tuple[int, int]:
    if node is None or node.start_mark is None:
        return (1, 1)
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    name = _TYPE_NAMES.get(node.tag, "a value")
    return f"{name} ({_shown(node.value)!r})" if node.value != "" else name


def _expected(definition: s.Field) -> str:
    if definition.kind in QUANTITY_KINDS:
        return f"a {definition.kind}"
    return {s.BOOL: "true or false", s.INT: "a whole number", s.ENUM: "one of " + ", ".join(definition.choices),
            s.STRING: "text"}.get(definition.kind, definition.kind)


def _example(definition: s.Field) -> str:
    example = definition.example
    if isinstance(example, bool):
        return "true" if example else "false"
    if isinstance(example, list):
        return "[" + ", ".join(example) + "]"
    return str(example)


def _prefix_of(word: str, options: list[str]) -> list[str]:
    """The one option that ``word`` (three letters or more) begins, as 'cost' begins 'cost_priority'."""
    key = word.lower().replace("-", "_")
    starting = [o for o in options if len(key) >= 3 and o.lower().replace("-", "_").startswith(key)]
    return starting if len(starting) == 1 else []


def _suggest(word: str, choices: Any) -> str:
    import difflib  # only for a workload with a mistake in it

    options = list(choices)
    close = _prefix_of(word, options) or difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower().replace("_", "-"): c for c in options}
        close = [lowered[w] for w in [word.lower().replace("_", "-")] if w in lowered]
    valid = f"valid: {', '.join(options)}"
    return f"did you mean {close[0]!r}? {valid}" if close else valid


class _Composer(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: same nodes and marks
    """Composes nodes only; never constructs objects."""


def _check_tree(root: yaml.Node, walker: _Walker) -> None:
    """Refuse object-building tags anywhere, and bound alias expansion before any walk."""
    stack: list[tuple[yaml.Node, str, int]] = [(root, "", 0)]
    visited = 0
    seen: set[int] = set()
    while stack:
        node, path, depth = stack.pop()
        visited += 1
        walker.aliases = walker.aliases or id(node) in seen  # a node met twice was reached through an alias
        seen.add(id(node))
        if visited > MAX_NODES or depth > MAX_DEPTH:
            raise _TooBig(node, path)
        if node.tag == "tag:yaml.org,2002:merge":
            walker.problem(node, path, "merge keys ('<<') are not supported",
                           "write the fields out in each place they are needed")
        elif node.tag not in _PLAIN_TAGS:
            walker.problem(node, path, f"YAML tag {node.tag!r} is not allowed: a workload is plain data",
                           "remove the tag")
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
                child = f"{path}.{key}" if path else key
                stack.append((value_node, child, depth + 1))
                stack.append((key_node, child, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, f"{path}[{i}]", depth + 1) for i, item in enumerate(node.value))


def _too_big(filename: str, too_big: _TooBig, aliases: bool) -> Problem:
    line, column = _position(too_big.node)
    if aliases:
        message = (f"the document expands to more than {MAX_NODES:,} values or nests deeper than {MAX_DEPTH} "
                   "levels through its aliases")
        hint = "a workload file is a short description; remove the aliases (*name)"
    else:
        message = f"the document holds more than {MAX_NODES:,} values or nests deeper than {MAX_DEPTH} levels"
        hint = "a workload file is a short description; split or trim it"
    return Problem(filename, line, column, too_big.path, message, hint)


def parse_text(text: str, filename: str = "<string>") -> Workload:
    """Validate workload YAML text; raise WorkloadError with every problem found."""
    walker = _Walker(filename)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise WorkloadError([Problem(filename, 1, 1, "", f"file is larger than {MAX_BYTES:,} bytes",
                                     "a workload file is a short description; split or trim it")])
    try:
        loader = _Composer(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = f"not valid YAML: {error.problem or error.context}"
        raise WorkloadError([Problem(filename, line, column, "", message,
                                     "check indentation, quoting and ':' after each key")]) from None
    except yaml.YAMLError as error:
        raise WorkloadError([Problem(filename, 1, 1, "", f"not valid YAML: {error}")]) from None
    if root is None:
        raise WorkloadError([Problem(filename, 1, 1, "", "the file is empty",
                                     "a workload needs at least: name: my-system")])
    try:
        _check_tree(root, walker)
        values = walker.section(root, s.WORKLOAD, "", 0)
    except _TooBig as too_big:
        raise WorkloadError([_too_big(filename, too_big, walker.aliases)]) from None
    except RecursionError:
        raise WorkloadError([Problem(filename, 1, 1, "", "the document nests too deeply")]) from None
    _check_across_fields(values, walker)
    if walker.problems:
        raise WorkloadError(walker.problems)
    return Workload(filename, values, walker.positions)


# Entry fields that describe a front door, and the values that ask for none.
_FRONT_DOOR_FIELDS = {"api": ("none",), "realtime_updates": (False,), "static_content": (False,),
                      "static_ips": (False,), "path_routing": (False,), "extreme_performance": (False,),
                      "threats": ([],), "private_content": ("none",), "request_throttling": (False,)}


def _check_across_fields(values: dict[str, Any], walker: _Walker) -> None:
    """Rules that involve two fields: the recovery region must be another region than the primary, and a
    system nothing calls (entry.protocol: none) cannot ask for a front door."""
    entry = values.get("entry") or {}
    if entry.get("protocol") == "none":
        for key, harmless in _FRONT_DOOR_FIELDS.items():
            if key in entry and entry[key] not in harmless:
                line, column = walker.positions.get(f"entry.{key}", (1, 1))
                walker.problems.append(Problem(
                    walker.filename, line, column, f"entry.{key}",
                    f"protocol is none (nothing calls in), but {key} describes a front door",
                    "remove it, or give the protocol clients use (http, tcp, udp, websocket, graphql)"))
    _check_tier_uses(values, walker)
    dr_region = (values.get("availability") or {}).get("dr_region")
    primary = values.get("region", s.WORKLOAD.fields["region"].default)
    if dr_region is not None and dr_region == primary:
        line, column = walker.positions.get("availability.dr_region", (1, 1))
        given = "region" if "region" in values else "region (its default)"
        walker.problems.append(Problem(walker.filename, line, column, "availability.dr_region",
                                       f"{dr_region!r} is also the primary {given}: the recovery region must "
                                       "be another region", "example: dr_region: us-west-2 with region: us-east-1"))


def _check_tier_uses(values: dict[str, Any], walker: _Walker) -> None:
    """A compute tier uses stores and channels the workload names."""
    named = [item["name"] for key in ("data", "messaging") for item in values.get(key) or []
             if isinstance(item, dict) and "name" in item]
    for index, tier in enumerate((values.get("compute") or {}).get("tiers") or []):
        for position, name in enumerate(tier.get("uses") or []):
            if name not in named:
                path = f"compute.tiers[{index}].uses[{position}]"
                line, column = walker.positions.get(path, (1, 1))
                hint = _suggest(name, named) if named else "the workload names no data store or channel"
                walker.problems.append(Problem(walker.filename, line, column, path,
                                               f"{name!r} is no data store or channel of this workload", hint))


_FILE_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
               (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def read_limited(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; WorkloadError otherwise.

    Neither the name nor the size the file reports is trusted: a FIFO is opened without waiting for a
    writer and refused, /dev/zero is refused as a device, and at most ``limit`` + 1 bytes are ever read
    (a file that grows while it is read is caught too).
    """
    name = str(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise WorkloadError([Problem(name, 0, 0, "", "file not found")]) from None
    except OSError as error:
        raise WorkloadError([Problem(name, 0, 0, "", f"cannot read: {error.strerror}")]) from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        kind = next((what for test, what in _FILE_KINDS if test(mode)), "not a regular file")
        raise WorkloadError([Problem(name, 0, 0, "", f"is {kind}, not a workload file",
                                     "give the path of a YAML file")])
    with open(descriptor, "rb", buffering=0, closefd=True) as handle:
        data = bytearray()
        try:
            while len(data) <= limit and (chunk := handle.read(limit + 1 - len(data))):
                data += chunk
        except OSError as error:
            raise WorkloadError([Problem(name, 0, 0, "", f"cannot read: {error.strerror}")]) from None
    if len(data) > limit:
        raise WorkloadError([Problem(name, 1, 1, "", f"file is larger than {limit:,} bytes; at most {limit:,}",
                                     "a workload file is a short description; split or trim it")])
    return bytes(data)


def load(path: str | Path) -> Workload:
    """Read and validate one workload file."""
    name = str(path)
    data = read_limited(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise WorkloadError([Problem(name, 1, 1, "", f"not UTF-8 text (byte {error.start})",
                                     "save the file as UTF-8")]) from None
    return parse_text(text, name)
