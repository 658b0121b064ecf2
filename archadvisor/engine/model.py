"""Rules and concerns: the vocabulary of the decision engine.

A *concern* (database, messaging, internet-egress, ...) is raised by a
workload for zero or more subjects. Each of its *rules* is either

* a ``Select`` row of an ordered decision table: when its condition holds it
  selects one choice; the first row whose choice is still standing wins, and
  the last row of every table is a default with no condition;
* an ``Eliminate`` rule: when its condition holds it removes choices, and the
  losers carry its reason;
* a ``Warn`` rule: when its condition holds for the chosen option, the
  decision carries a warning instead of choosing silently.

Conditions read the workload only through the ``Context`` accessor, which
records every field and value read: that record is the evidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from .context import Context

PILLARS = ("operational-excellence", "security", "reliability", "performance-efficiency",
           "cost-optimization", "sustainability")
SUBJECT_KINDS = ("none", "store", "channel", "service", "tier")
RULE_ID = re.compile(r"^[a-z0-9-]+\.[a-z0-9-]+$")
SOURCE = re.compile(r"^(notes: .+|https://\S+)$")

Condition = Callable[["Context", SimpleNamespace], bool]


class RuleError(ValueError):
    """A rule or concern definition is malformed; raised when the rules load."""


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    rationale: str
    sources: tuple[str, ...]
    pillars: tuple[str, ...]
    when: Condition | None = None
    reason: str = ""
    thresholds: dict[str, str] = field(default_factory=dict)
    concern: str = ""  # filled in by the Concern that owns the rule

    kind = "rule"

    def limits(self) -> SimpleNamespace:
        return SimpleNamespace(**self.thresholds)

    def targets(self) -> tuple[str, ...]:
        raise NotImplementedError


def pods_on_fargate(decision: dict | None) -> bool:
    """Whether a compute decision (as in decisions.json) runs EKS pods on Fargate profiles rather than on nodes:
    the rule that chose EKS said so. The drawing, the templates and the cost all read it through this."""
    return bool(decision) and decision.get("rule") == "compute.kubernetes-without-servers"


def built_choice(decision: dict) -> str:
    """What a decision (as in decisions.json) builds: its choice, or the ``replaced_by`` service when AWS no
    longer sells the choice. The drawing, the templates and the cost all read it through this."""
    return str((decision.get("replaced_by") or {}).get("choice") or decision["choice"])


@dataclass(frozen=True)
class Select(Rule):
    choice: str = ""
    # A choice AWS no longer sells stays the exam's answer (the contract keeps its id), and the decision names
    # what to build instead: ``replaced_by`` (a catalogue id the architecture, template and cost use) and
    # ``replacement`` (why, a reason template filled with the workload's values like ``reason``).
    replaced_by: str = ""
    replacement: str = ""
    kind = "select"

    def targets(self) -> tuple[str, ...]:
        return (self.choice,)


@dataclass(frozen=True)
class Eliminate(Rule):
    """Removes choices. A *hard* elimination is a fact (Aurora has no Oracle engine); a soft one is a
    requirement that, when nothing meets them all, may be traded off (and is then reported as a warning)."""

    choices: tuple[str, ...] = ()
    hard: bool = True
    kind = "eliminate"

    def targets(self) -> tuple[str, ...]:
        return self.choices


@dataclass(frozen=True)
class Warn(Rule):
    """Fires after the choice is made; ``choices`` limits it to some outcomes (empty: any)."""

    choices: tuple[str, ...] = ()
    kind = "warn"

    def targets(self) -> tuple[str, ...]:
        return self.choices


@dataclass(frozen=True)
class Subject:
    """What a concern is raised for: a data store, a channel, a service name, or the whole system."""

    name: str | None
    path: str | None = None          # e.g. "data[orders]"; None for whole-system concerns
    values: dict[str, Any] | None = None
    # The reads that raised the concern for this subject alone (a store's kind, say); the reads that
    # concern the whole system are recorded by the engine around the concern's ``raised`` call.
    evidence: tuple[Any, ...] = field(default=(), compare=False)
    # A section of the workload the subject refines: a compute tier gives some of the compute section's
    # fields itself, so while deciding for it ``compute.pattern`` is the tier's pattern when it gives one
    # (recorded as ``compute.tiers[solver].pattern``), else the section's.
    section: str | None = None

    def own(self, path: str) -> tuple[str, Any] | None:
        """(recorded path, value) of a field of ``section`` the subject gives itself, or None."""
        if self.section and self.values is not None and path.startswith(self.section + "."):
            key = path[len(self.section) + 1:]
            if key in self.values:
                return f"{self.path}.{key}", self.values[key]
        return None


@dataclass(frozen=True)
class Concern:
    id: str
    title: str
    subject_kind: str
    choices: tuple[str, ...]
    raised: Callable[["Context"], list[Subject]]
    rules: tuple[Rule, ...]
    question: str = ""  # what the concern decides, as a reader would ask it
    # Concerns whose decisions this one reads (``decision.<id>`` in its rules or in ``raised``): they are
    # decided first, and reading any other decision is a RuleError.
    depends_on: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "rules", tuple(_owned(rule, self.id) for rule in self.rules))

    @property
    def selects(self) -> tuple[Select, ...]:
        return tuple(r for r in self.rules if isinstance(r, Select))

    @property
    def eliminations(self) -> tuple[Eliminate, ...]:
        return tuple(r for r in self.rules if isinstance(r, Eliminate))

    @property
    def warnings(self) -> tuple[Warn, ...]:
        return tuple(r for r in self.rules if isinstance(r, Warn))


def _owned(rule: Rule, concern: str) -> Rule:
    if rule.concern and rule.concern != concern:
        raise RuleError(f"rule {rule.id} belongs to {rule.concern}, not {concern}")
    object.__setattr__(rule, "concern", concern)
    return rule


def validate(concerns: list[Concern], known_choices: set[str]) -> None:
    """Check every concern and rule; raise RuleError naming the first fault found."""
    seen: set[str] = set()
    concern_ids: set[str] = set()
    for concern in concerns:
        if concern.id in concern_ids:
            raise RuleError(f"concern {concern.id} defined twice")
        concern_ids.add(concern.id)
        if concern.subject_kind not in SUBJECT_KINDS:
            raise RuleError(f"concern {concern.id}: subject kind {concern.subject_kind!r} not in {SUBJECT_KINDS}")
        unknown = set(concern.choices) - known_choices
        if unknown:
            raise RuleError(f"concern {concern.id}: choices {sorted(unknown)} are not in the catalogue")
        selects = concern.selects
        if not selects or selects[-1].when is not None:
            raise RuleError(f"concern {concern.id}: its decision table must end with a default row (when=None)")
        if any(rule.when is None for rule in selects[:-1]):
            raise RuleError(f"concern {concern.id}: only the last row may be a default")
        for rule in concern.rules:
            where = f"rule {rule.id}"
            if not RULE_ID.match(rule.id) or not rule.id.startswith(concern.id + "."):
                raise RuleError(f"{where}: id must be '{concern.id}.<name>' in lower-kebab-case")
            if rule.id in seen:
                raise RuleError(f"{where}: defined twice")
            seen.add(rule.id)
            for text_field in ("title", "rationale", "reason"):
                if not getattr(rule, text_field).strip():
                    raise RuleError(f"{where}: {text_field} is empty")
            if not rule.sources or not all(SOURCE.match(src) for src in rule.sources):
                raise RuleError(f"{where}: needs sources, each 'notes: <section>' or an https URL")
            if not rule.pillars or not set(rule.pillars) <= set(PILLARS):
                raise RuleError(f"{where}: pillars must be among {PILLARS}")
            stray = set(rule.targets()) - set(concern.choices)
            if stray:
                raise RuleError(f"{where}: targets {sorted(stray)} are not choices of {concern.id}")
            if isinstance(rule, (Select, Eliminate)) and not rule.targets():
                raise RuleError(f"{where}: names no choice")
            if isinstance(rule, Select) and rule.replaced_by and (
                    rule.replaced_by not in known_choices or not rule.replacement.strip()):
                raise RuleError(f"{where}: replaced_by must be a catalogue id, with a replacement reason")
            if rule.kind != "select" and rule.when is None:
                raise RuleError(f"{where}: only decision-table rows may be unconditional")


def ordered(concerns: list[Concern]) -> list[Concern]:
    """The concerns in an order where each comes after every concern it depends on.

    Stable: among concerns free to go, the one listed first goes first, so a list that already respects
    the dependencies comes back unchanged. A missing dependency or a cycle is a RuleError naming it.
    """
    by_id = {concern.id: concern for concern in concerns}
    for concern in concerns:
        missing = [dep for dep in concern.depends_on if dep not in by_id]
        if missing:
            raise RuleError(f"concern {concern.id} depends on {missing}, which no module defines")
        if concern.id in concern.depends_on:
            raise RuleError(f"concern {concern.id} depends on itself")
    done: set[str] = set()
    result: list[Concern] = []
    pending = list(concerns)
    while pending:
        ready = next((c for c in pending if set(c.depends_on) <= done), None)
        if ready is None:
            raise RuleError(f"concerns depend on each other in a cycle: {' -> '.join(_cycle(pending))}")
        pending.remove(ready)
        done.add(ready.id)
        result.append(ready)
    return result


def _cycle(pending: list[Concern]) -> list[str]:
    """One cycle among concerns none of which can go first: follow unmet dependencies until one repeats."""
    waiting = {concern.id: concern for concern in pending}
    path: list[str] = [pending[0].id]
    while True:
        current = waiting[path[-1]]
        following = next(dep for dep in current.depends_on if dep in waiting)
        if following in path:
            return path[path.index(following):] + [following]
        path.append(following)
