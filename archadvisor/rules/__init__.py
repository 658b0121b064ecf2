"""The rule base: one module per group of concerns.

Each concern lists the concerns whose decisions it reads (``depends_on``); the engine evaluates
them in dependency order (``engine.model.ordered``), keeping the order of MODULES among concerns
that do not depend on each other, and refuses a missing dependency or a cycle when the rules load.
"""
from __future__ import annotations

import functools
import importlib

from ..engine.model import Concern, Rule, ordered, validate

MODULES = ("compute", "ec2", "resilience", "database", "reads", "proxy", "storage", "file_storage", "change_events", "messaging",
           "frontdoor", "edge", "dns", "api", "identity", "network", "hybrid", "analytics", "security",
           "governance")


@functools.cache
def concerns() -> tuple[Concern, ...]:
    """Every concern of MODULES, in the order the engine evaluates them. The rule base's form (ids,
    sources, pillars, choices in the catalogue: see :func:`validated`) is checked by the test suite and
    by ``archadvisor rules``, not on every design, where it cost about 1.5 ms before Graphviz started."""
    found: list[Concern] = []
    for name in MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        found.extend(module.CONCERNS)
    return tuple(ordered(found))


def validated() -> tuple[Concern, ...]:
    """:func:`concerns`, once every concern and rule has passed engine.model.validate (RuleError if not)."""
    from ..knowledge import load_catalogue

    found = concerns()
    validate(list(found), set(load_catalogue()))
    return found


def rules() -> dict[str, Rule]:
    return {rule.id: rule for item in concerns() for rule in item.rules}
