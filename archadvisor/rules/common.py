"""Helpers shared by the rule modules: who raises a concern, and common sources."""
from __future__ import annotations

from typing import Callable

from ..engine.context import Context
from ..engine.model import Subject
from ..workload.paths import dig


# The compute choices (see rules.compute): Lambda runs functions, the others servers or containers,
# which no AWS service invokes directly.
COMPUTE_CHOICES = ("lambda", "fargate", "ecs-on-ec2", "eks", "ec2-auto-scaling", "elastic-beanstalk")
SERVER_COMPUTE = tuple(choice for choice in COMPUTE_CHOICES if choice != "lambda")


def whole_system(*paths: str) -> Callable[[Context], list[Subject]]:
    """Raised once for the whole system when any of ``paths`` is given (true for flags, non-empty for lists)."""

    def raised(ctx: Context) -> list[Subject]:
        for path in paths:
            value = dig(ctx.workload.values, path)
            if value not in (None, False, [], "none"):
                return [Subject(None)]
        return []

    return raised


def when(predicate: Callable[[Context], bool]) -> Callable[[Context], list[Subject]]:
    """Raised once for the whole system when ``predicate`` holds (reads here are not evidence)."""

    def raised(ctx: Context) -> list[Subject]:
        return [Subject(None)] if predicate(ctx) else []

    return raised


def stores(*kinds: str, where: Callable[[dict], bool] | None = None) -> Callable[[Context], list[Subject]]:
    """Raised for each data store of one of ``kinds`` (and matching ``where``)."""

    def raised(ctx: Context) -> list[Subject]:
        return [Subject(item["name"], f"data[{item['name']}]", item)
                for item in ctx.workload.values.get("data", [])
                if store_kind(item) in kinds and (where is None or where(item))]

    return raised


def channels(where: Callable[[dict], bool] | None = None) -> Callable[[Context], list[Subject]]:
    """Raised for each messaging channel (matching ``where``)."""

    def raised(ctx: Context) -> list[Subject]:
        return [Subject(item["name"], f"messaging[{item['name']}]", item)
                for item in ctx.workload.values.get("messaging", [])
                if where is None or where(item)]

    return raised


_KIND_HINTS: tuple[tuple[str, str], ...] = (
    ("engine", "relational"), ("load", "relational"),
    ("access", "object"), ("retrieval", "object"), ("reproducible", "object"),
    ("protocol", "file"), ("os", "file"),
    ("io", "block"), ("iops", "block"), ("throughput", "block"), ("temporary", "block"),
)


def store_kind(item: dict) -> str | None:
    """The store's kind as given, or inferred from fields that apply to one kind only."""
    if item.get("kind"):
        return item["kind"]
    if item.get("schema") == "flexible" and "engine" not in item:
        return "key-value"
    for key, kind in _KIND_HINTS:
        if key in item:
            return kind
    return None
