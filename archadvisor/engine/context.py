"""The accessor rules read the workload through.

Every read is recorded with its field path, the value found, the test the
rule applied and whether it held. The evidence of a decision is this record,
so it cannot drift from what the rule actually looked at. Missing fields
fall back to documented defaults (and derived defaults such as the scope
implied by the RTO); each default used becomes an assumption.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from ..workload import Workload
from ..workload import schema as workload_schema
from ..workload.paths import dig
from ..workload.units import QUANTITY_KINDS, Quantity
from .model import RuleError, Subject


@dataclass(frozen=True)
class Read:
    field: str
    value: Any            # JSON-ready: the user's text for quantities
    test: str
    holds: bool

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "value": self.value, "test": self.test, "holds": self.holds}


@dataclass(frozen=True)
class Assumption:
    field: str
    value: Any
    because: str

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "value": self.value, "because": self.because}


_MISSING = object()
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_.\[\]-]*)\}")


def display(value: Any) -> Any:
    """JSON-ready form of a value read from the workload."""
    if isinstance(value, Quantity):
        return value.to_json()
    if isinstance(value, (list, tuple)):
        return [display(v) for v in value]
    if isinstance(value, dict):  # a whole section, read by a rule that asks whether it is given
        return {key: display(v) for key, v in value.items()}
    return value


def show(value: Any) -> str:
    """Human text of a value, for reasons and tests."""
    if value is None:
        return "not given"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Quantity):
        return value.text
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {show(v)}" for key, v in value.items()) + "}"
    if isinstance(value, float):
        return f"{value:,.1f}".rstrip("0").rstrip(".")
    return str(value)


class Context:
    """Read access to one workload (and one subject of a concern), recording every read."""

    def __init__(self, workload: Workload, derived: "Derived", decisions: dict[tuple[str, str | None], str],
                 subject: Subject | None = None):
        self.workload = workload
        self.derived = derived
        self.decisions = decisions
        self.subject = subject or Subject(None)
        self.reads: list[Read] = []
        self.assumptions: dict[str, Assumption] = {}
        # The concern being evaluated and the concerns it may read decisions of (None: not checked).
        self.concern: str | None = None
        self.readable: frozenset[str] | None = None

    # -- scoping -------------------------------------------------------------
    def for_subject(self, subject: Subject) -> "Context":
        scoped = Context(self.workload, self.derived, self.decisions, subject)
        scoped.concern, scoped.readable = self.concern, self.readable
        return scoped

    def for_concern(self, concern: str, depends_on: tuple[str, ...]) -> None:
        """Start evaluating ``concern``: no reads yet, and only the decisions it depends on are readable."""
        self.concern, self.readable = concern, frozenset(depends_on)
        self.reads, self.assumptions = [], {}

    def _check_readable(self, concern: str) -> None:
        if self.readable is not None and concern not in self.readable:
            raise RuleError(f"concern {self.concern} reads decision.{concern} but does not list {concern!r} "
                            f"in depends_on")

    def assume(self, path: str, value: Any, because: str) -> None:
        """Record an assumption made in deciding whether a concern applies (its reason wins over a plain
        default of the same field)."""
        self.assumptions[path] = Assumption(self.field_path(path), display(value), because)

    def field_path(self, path: str) -> str:
        if path.startswith("this."):
            if self.subject.path is None:
                raise KeyError(f"{path}: this concern has no subject")
            return f"{self.subject.path}.{path[5:]}"
        own = self.subject.own(path)
        return own[0] if own else path

    def _given_value(self, path: str) -> Any:
        """What the user wrote at a path (a subject's own field first), without defaults."""
        if path.startswith("this."):
            return (self.subject.values or {}).get(path[5:], _MISSING)
        own = self.subject.own(path)
        return own[1] if own else dig(self.workload.values, path, _MISSING)

    # -- raw access (no record) ---------------------------------------------
    def peek(self, path: str) -> Any:
        """The value at a path, with defaults applied, without recording a read."""
        value, _ = self._resolve(path)
        return None if value is _MISSING else value

    def _resolve(self, path: str) -> tuple[Any, Assumption | None]:
        if path.startswith("this."):
            value = (self.subject.values or {}).get(path[5:], _MISSING)
            schema_path = _item_schema_path(self.subject.path) + "." + path[5:] if self.subject.path else path
        elif path.startswith("derived."):
            return self.derived.value(path[8:], self), None
        elif path.startswith("decision."):
            concern, _, subject = path[9:].partition(":")
            self._check_readable(concern)
            return self.decisions.get((concern, subject or None), _MISSING), None
        else:
            value = self._given_value(path)
            schema_path = path
        if value is not _MISSING:
            return value, None
        return self.derived.default(schema_path, self.field_path(path), self)

    # -- recorded reads -------------------------------------------------------
    def _record(self, path: str, value: Any, test: str, holds: bool, assumption: Assumption | None) -> bool:
        shown = None if value is _MISSING else display(value)
        self.reads.append(Read(self.field_path(path), shown, test, bool(holds)))
        if assumption is not None:
            self.assumptions[assumption.field] = assumption
        return bool(holds)

    def _test(self, path: str, test: str, check: Callable[[Any], bool]) -> bool:
        value, assumption = self._resolve(path)
        holds = value is not _MISSING and value is not None and check(value)
        return self._record(path, value, test, holds, assumption)

    def value(self, path: str) -> Any:
        """Read a value for use in a computation (recorded as 'read')."""
        value, assumption = self._resolve(path)
        self._record(path, value, "read", value is not _MISSING, assumption)
        return None if value is _MISSING else value

    def given(self, path: str) -> bool:
        """True when the user gave the field (defaults do not count)."""
        value = self._given_value(path)
        holds = value is not _MISSING and value is not None
        return self._record(path, value, f"{_short(path)} is given", holds, None)

    def present(self, path: str) -> bool:
        """True when the user gave the field a value that asks for something: not false, empty or 'none'
        (defaults do not count). How a concern raised by a flag or a list reads it."""
        value = self._given_value(path)
        holds = not (value is _MISSING or value is None or value is False
                     or (isinstance(value, (list, dict, str)) and value in ([], {}, "none")))
        return self._record(path, value, f"{_short(path)} is given", holds, None)

    def true(self, path: str) -> bool:
        return self._test(path, f"{_short(path)} is true", lambda v: v is True)

    def false(self, path: str) -> bool:
        """True only when the user said false (or the default is false); missing is not false."""
        return self._test(path, f"{_short(path)} is false", lambda v: v is False)

    def eq(self, path: str, expected: Any) -> bool:
        return self._test(path, f"{_short(path)} = {show(expected)}", lambda v: v == expected)

    def one_of(self, path: str, *options: Any) -> bool:
        return self._test(path, f"{_short(path)} in ({', '.join(show(o) for o in options)})",
                          lambda v: v in options)

    def contains(self, path: str, item: Any) -> bool:
        return self._test(path, f"{_short(path)} includes {show(item)}", lambda v: item in v)

    def contains_any(self, path: str, *items: Any) -> bool:
        return self._test(path, f"{_short(path)} includes any of ({', '.join(items)})",
                          lambda v: any(i in v for i in items))

    def lt(self, path: str, limit: Any) -> bool:
        return self._compare(path, "<", limit, lambda a, b: a < b)

    def le(self, path: str, limit: Any) -> bool:
        return self._compare(path, "<=", limit, lambda a, b: a <= b)

    def gt(self, path: str, limit: Any) -> bool:
        return self._compare(path, ">", limit, lambda a, b: a > b)

    def ge(self, path: str, limit: Any) -> bool:
        return self._compare(path, ">=", limit, lambda a, b: a >= b)

    def _compare(self, path: str, op: str, limit: Any, check: Callable[[float, float], bool]) -> bool:
        value, assumption = self._resolve(path)
        test = f"{_short(path)} {op} {show(limit)}"
        if value is _MISSING or value is None:
            return self._record(path, value, test, False, assumption)
        threshold = _coerce(limit, value)
        left = value.base if isinstance(value, Quantity) else value
        return self._record(path, value, test, check(left, threshold), assumption)

    def decided(self, concern: str, *choices: str, subject: str | None | object = _MISSING) -> bool:
        """Whether an earlier concern chose one of ``choices`` (for this subject by default)."""
        self._check_readable(concern)
        key_subject = self.subject.name if subject is _MISSING else subject
        chosen = self.decisions.get((concern, key_subject))
        label = f"decision.{concern}" + (f"[{key_subject}]" if key_subject else "")
        self.reads.append(Read(label, chosen, f"{concern} in ({', '.join(choices)})", chosen in choices))
        return chosen in choices

    def fact(self, name: str) -> Any:
        """A derived fact, computed once per workload and recorded as evidence."""
        value = self.derived.value(name, self)
        self.reads.append(Read(f"derived.{name}", self.derived.display(name, value), "derived", value is not None))
        return value

    def fact_true(self, name: str) -> bool:
        value = self.derived.value(name, self)
        self.reads.append(Read(f"derived.{name}", self.derived.display(name, value), f"{name} is true",
                               value is True))
        return value is True

    def fact_compare(self, name: str, op: str, limit: float, unit: str = "") -> bool:
        value = self.derived.value(name, self)
        ops = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
               ">=": lambda a, b: a >= b}
        holds = value is not None and ops[op](value, limit)
        test = f"{name} {op} {show(limit)}{(' ' + unit) if unit else ''}"
        self.reads.append(Read(f"derived.{name}", self.derived.display(name, value), test, holds))
        return holds

    def cite(self, template: str) -> None:
        """Record the workload values a reason template quotes (the evidence of a default row)."""
        for key in dict.fromkeys(_PLACEHOLDER.findall(template)):
            if key.startswith(("t.", "decision.")) or key == "subject":
                continue
            if key.startswith("derived."):
                self.fact(key[8:])
                continue
            value, assumption = self._resolve(key)
            self._record(key, value, "cited", value is not _MISSING and value is not None, assumption)

    # -- text ---------------------------------------------------------------
    def render(self, template: str, limits: Any = None) -> str:
        """Fill ``{path}`` placeholders with the user's values (no reads recorded)."""

        def fill(match: re.Match[str]) -> str:
            key = match.group(1)
            if key.startswith("t.") and limits is not None:
                return show(getattr(limits, key[2:]))
            if key == "subject":
                return str(self.subject.name)
            if key.startswith("decision."):  # this subject's decision, else the whole system's (compute, say)
                concern = key[9:]
                self._check_readable(concern)
                chosen = self.decisions.get((concern, self.subject.name)) or self.decisions.get((concern, None))
                if chosen is None:  # decided per subject only (compute per tier): every choice made
                    chosen = " and ".join(sorted({c for (k, _), c in self.decisions.items() if k == concern}))
                return str(chosen or "not decided")
            if key.startswith("derived."):
                name = key[8:]
                value = self.derived.value(name, self)
                return "unknown" if value is None else str(self.derived.display(name, value))
            return show(self.peek(key))

        return _PLACEHOLDER.sub(fill, template)


def _short(path: str) -> str:
    return path.rsplit(".", 1)[-1] if not path.startswith("this.") else path[5:]


def _item_schema_path(subject_path: str | None) -> str:
    return re.sub(r"\[[^\]]*\]", "", subject_path or "")


def _coerce(limit: Any, like: Any) -> float:
    """A threshold in the unit of the value it is compared with: '2m' against a duration is 120."""
    if isinstance(limit, Quantity):
        return limit.base
    if isinstance(like, Quantity) and isinstance(limit, str):
        return type(like).parse(limit).base
    if isinstance(limit, str) and isinstance(like, (int, float)):
        return float(limit)
    return limit


class Derived:
    """Named facts computed once per workload, and the defaults applied to missing fields."""

    def __init__(self, workload: Workload, facts: dict[str, "DerivedFact"], derived_defaults: dict[str, Any]):
        self.workload = workload
        self.facts = facts
        self.derived_defaults = derived_defaults
        self.cache: dict[tuple[str, str | None], Any] = {}
        self.schema_defaults = workload_schema.defaults()

    def value(self, name: str, ctx: Context) -> Any:
        key = (name, ctx.subject.path)
        if key not in self.cache:
            probe = Context(self.workload, self, ctx.decisions, ctx.subject)
            self.cache[key] = self.facts[name].compute(probe)
        return self.cache[key]

    def display(self, name: str, value: Any) -> Any:
        return self.facts[name].describe(value) if value is not None else None

    def default(self, schema_path: str, field_path: str, ctx: Context) -> tuple[Any, Assumption | None]:
        if schema_path in self.schema_defaults:
            value = self.schema_defaults[schema_path]
            return value, Assumption(field_path, value, "default of the workload format")
        rule = self.derived_defaults.get(schema_path)
        if rule is not None:
            probe = Context(self.workload, self, ctx.decisions, ctx.subject)
            value, because = rule(probe)
            if value is not None:
                return value, Assumption(field_path, display(value), because)
        return _MISSING, None


@dataclass(frozen=True)
class DerivedFact:
    """A named fact derived from the workload, e.g. days to move the data over the spare link."""

    name: str
    doc: str
    compute: Callable[[Context], Any]
    describe: Callable[[Any], Any] = show
    unit: str = ""


__all__ = ["Assumption", "Context", "Derived", "DerivedFact", "Read", "display", "show", "QUANTITY_KINDS"]
