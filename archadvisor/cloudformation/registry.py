"""Template handlers registered from outside the package: a choice added beside its rules brings its
resources the same way it brings its drawing (see architecture.registry.draws_choice):

    @templates("eventbridge", stage=3)
    def event_bus(gen: Generator, unit: Unit) -> None: ...

Stages order the handlers as in the package's own HANDLERS tables (3: channels, 6: after compute)."""
from __future__ import annotations

from typing import Any, Callable

EXTRA_HANDLERS: dict[str, tuple[int, Callable[..., None]]] = {}


def templates(*services: str, stage: int) -> Callable[[Callable[..., None]], Callable[..., None]]:
    def register(function: Callable[..., None]) -> Callable[..., None]:
        for service in services:
            EXTRA_HANDLERS[service] = (stage, function)
        return function
    return register


__all__: list[Any] = ["EXTRA_HANDLERS", "templates"]
