"""Which code draws which concern's decisions.

A concern's drawing registers here by concern id, beside its rules or in the
architecture module of its area, so adding a concern never edits the builder:

    @draws("event-routing", stage=65)
    def event_bus(b: Builder) -> None: ...

A choice added to an existing concern can bring its own drawing the same way, beside its rules:

    @draws_choice("messaging", "eventbridge")
    def event_bus(b: Builder, decision: dict) -> None: ...

It runs right after its concern's drawer, which leaves such decisions to it (``Builder.to_draw``).

Drawers run in stage order (compute 10, data 20, analytics 30, security 40,
front door 50, messaging 60, network 70, hybrid 80, DNS 90, second region 100),
then by name: a drawer may rely on what earlier stages placed (the app tier,
the stores). A decision no drawer shows is drawn as a plain node in the region.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from .build import Builder


@dataclass(frozen=True)
class Drawer:
    name: str
    concerns: tuple[str, ...]
    stage: int
    draw: Callable[["Builder"], None]


DRAWERS: dict[str, Drawer] = {}


def draws(*concerns: str, stage: int) -> Callable[[Callable[["Builder"], None]], Callable[["Builder"], None]]:
    def register(function: Callable[["Builder"], None]) -> Callable[["Builder"], None]:
        name = f"{function.__module__}.{function.__qualname__}"
        taken = {c for d in DRAWERS.values() if d.name != name for c in d.concerns} & set(concerns)
        if taken:
            raise ValueError(f"{name}: concerns {sorted(taken)} already have a drawer")
        DRAWERS[name] = Drawer(name, tuple(concerns), stage, function)
        return function
    return register


def ordered() -> list[Drawer]:
    return sorted(DRAWERS.values(), key=lambda d: (d.stage, d.name))


@dataclass(frozen=True)
class ChoiceDrawer:
    name: str
    draw: Callable[["Builder", dict], None]


CHOICE_DRAWERS: dict[tuple[str, str], ChoiceDrawer] = {}


def draws_choice(concern: str, choice: str) -> Callable[[Callable[["Builder", dict], None]],
                                                          Callable[["Builder", dict], None]]:
    """Register the drawing of one choice of a concern; it runs right after the concern's drawer."""
    def register(function: Callable[["Builder", dict], None]) -> Callable[["Builder", dict], None]:
        CHOICE_DRAWERS[(concern, choice)] = ChoiceDrawer(f"{function.__module__}.{function.__qualname__}", function)
        return function
    return register
