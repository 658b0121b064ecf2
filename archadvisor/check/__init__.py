"""Invariants of a valid AWS architecture, checked on the built model as cfn-lint checks a template.

Each invariant has an id, a title, the AWS fact it enforces and where AWS states it, and a check that
returns the violations it finds in an :class:`Architecture` (with the decisions and the resolved workload
for the few that need them). ``design`` runs every invariant: a violation is a bug of the builder or the
rules, never a warning to the user. ``archadvisor check FILE...`` runs them on workloads and reports.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from ..architecture.model import Architecture


@dataclass(frozen=True)
class Violation:
    invariant: str
    component: str | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"invariant": self.invariant, "component": self.component, "message": self.message}


@dataclass(frozen=True)
class Design:
    """What an invariant reads: the architecture, the decisions and the workload as the engine resolved it."""

    arch: Architecture
    decisions: tuple[dict, ...] = ()
    workload: dict | None = None

    def decided(self, concern: str) -> list[dict]:
        return [d for d in self.decisions if d.get("concern") == concern]

    def value(self, *path: str) -> Any:
        node: Any = self.workload or {}
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        return node


Check = Callable[[Design], Iterable[tuple[str | None, str]]]


@dataclass(frozen=True)
class Invariant:
    id: str
    title: str
    fact: str
    source: str
    check: Check

    def run(self, design: Design) -> list[Violation]:
        return [Violation(self.id, component, message) for component, message in self.check(design)]


INVARIANTS: dict[str, Invariant] = {}


def invariant(id: str, title: str, fact: str, source: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        if id in INVARIANTS:
            raise ValueError(f"invariant {id} defined twice")
        INVARIANTS[id] = Invariant(id, title, fact, source, check)
        return check
    return register


def invariants() -> list[Invariant]:
    from . import coverage, front, placement, paths  # noqa: F401 - they register

    return [INVARIANTS[key] for key in sorted(INVARIANTS)]


def check(arch: Architecture, decisions: Iterable[dict] = (), workload: dict | None = None) -> list[Violation]:
    design = Design(arch, tuple(decisions), workload)
    found: list[Violation] = []
    for item in invariants():
        found.extend(item.run(design))
    return found


class DesignInvalid(RuntimeError):
    """The built design breaks invariants: a bug, reported as such."""

    def __init__(self, name: str, violations: list[Violation]) -> None:
        self.violations = violations
        lines = "\n".join(f"  {v.invariant}: {v.message}" for v in violations)
        super().__init__(f"the design of {name!r} breaks {len(violations)} invariant(s) of a valid AWS "
                         f"architecture (a bug in archadvisor; please report it):\n{lines}")
