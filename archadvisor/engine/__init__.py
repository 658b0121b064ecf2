"""The decision engine: workload in, decisions out (plain data)."""
from __future__ import annotations

from typing import Any

from .. import __version__
from ..workload import Workload
from .context import Derived
from .evaluate import Decision, Result, decide


def run(workload: Workload) -> Result:
    """Evaluate every concern the workload raises."""
    from ..rules import concerns
    from ..rules.derived import DERIVED_DEFAULTS, FACTS

    return decide(workload, list(concerns()), Derived(workload, FACTS, DERIVED_DEFAULTS))


def document(workload: Workload, result: Result) -> dict[str, Any]:
    """The decisions document of spec/decisions.md (components and links are added by the build stage)."""
    assumptions = list(result.assumptions.values())
    if "region" not in workload.values and "region" not in result.assumptions:
        # No rule reads the region, but the drawing and the report place everything in it.
        from .context import Assumption
        assumptions.append(Assumption("region", "us-east-1", "default of the workload format"))
    return {
        "workload": workload.name,
        "archadvisor_version": __version__,
        "decisions": [decision.to_dict() for decision in result.decisions],
        "warnings": [{"concern": d.concern, "subject": d.subject, **w}
                     for d in result.decisions for w in d.warnings],
        "assumptions": [a.to_dict() for a in sorted(assumptions, key=lambda a: a.field)],
        "components": [],
        "links": [],
    }


__all__ = ["Decision", "Result", "document", "run"]
