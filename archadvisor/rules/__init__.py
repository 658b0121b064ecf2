"""The rule base: one module per group of concerns, evaluated in this order.

Order matters where a concern reads an earlier decision (read replicas
follow the database choice; change events follow the store's service).
"""
from __future__ import annotations

import functools
import importlib

from ..engine.model import Concern, Rule, validate

MODULES = ("compute", "resilience", "database", "storage", "messaging", "frontdoor", "network", "hybrid",
           "analytics", "security")


@functools.cache
def concerns() -> tuple[Concern, ...]:
    from ..knowledge import load_catalogue

    found: list[Concern] = []
    for name in MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        found.extend(module.CONCERNS)
    validate(found, set(load_catalogue()))
    return tuple(found)


def rules() -> dict[str, Rule]:
    return {rule.id: rule for item in concerns() for rule in item.rules}
