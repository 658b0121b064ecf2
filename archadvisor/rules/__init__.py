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
    from ..knowledge import load_catalogue

    found: list[Concern] = []
    for name in MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        found.extend(module.CONCERNS)
    validate(found, set(load_catalogue()))
    return tuple(ordered(found))


def rules() -> dict[str, Rule]:
    return {rule.id: rule for item in concerns() for rule in item.rules}
