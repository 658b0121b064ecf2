"""Helpers shared by the rule modules: who raises a concern, and common vocabularies."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from ..engine.context import Context
from ..engine.model import Subject
from ..workload.tiers import tiers as compute_tiers


# The compute choices (see rules.compute): Lambda runs functions, the others servers or containers,
# which no AWS service invokes directly.
COMPUTE_CHOICES = ("lambda", "fargate", "ecs-on-ec2", "eks", "ec2-auto-scaling", "elastic-beanstalk")
SERVER_COMPUTE = tuple(choice for choice in COMPUTE_CHOICES if choice != "lambda")


def whole_system(*paths: str) -> Callable[[Context], list[Subject]]:
    """Raised once for the whole system when any of ``paths`` is given (true for flags, non-empty for lists)."""

    def raised(ctx: Context) -> list[Subject]:
        return [Subject(None)] if any(ctx.present(path) for path in paths) else []

    return raised


def when(predicate: Callable[[Context], bool]) -> Callable[[Context], list[Subject]]:
    """Raised once for the whole system when ``predicate`` holds; it reads through the accessor, so what it
    read is the evidence that the concern applies."""

    def raised(ctx: Context) -> list[Subject]:
        return [Subject(None)] if predicate(ctx) else []

    return raised


def _items(ctx: Context, section: str) -> list[dict]:
    return [item for item in (ctx.workload.values.get(section) or []) if isinstance(item, dict)]


def stores(*kinds: str, where: Callable[[Context], bool] | None = None) -> Callable[[Context], list[Subject]]:
    """Raised for each data store of one of ``kinds`` (and for which ``where``, reading ``this.`` fields
    of the store, holds). The store's own reads are the evidence of its decision."""

    def raised(ctx: Context) -> list[Subject]:
        found = []
        for item in _items(ctx, "data"):
            subject = Subject(item["name"], f"data[{item['name']}]", item)
            scoped = ctx.for_subject(subject)
            if scoped.one_of("this.kind", *kinds) and (where is None or where(scoped)):
                ctx.assumptions.update(scoped.assumptions)  # an inferred kind is assumed
                found.append(Subject(subject.name, subject.path, item, tuple(scoped.reads)))
        return found

    return raised


def channels() -> Callable[[Context], list[Subject]]:
    """Raised for each messaging channel."""

    def raised(ctx: Context) -> list[Subject]:
        found = []
        for item in _items(ctx, "messaging"):
            scoped = ctx.for_subject(Subject(item["name"], f"messaging[{item['name']}]", item))
            scoped.given("this.name")
            found.append(Subject(item["name"], f"messaging[{item['name']}]", item, tuple(scoped.reads)))
        return found

    return raised


# ------------------------------------------------------------------------------------------ compute tiers
def any_channel(c: Context, check: Callable[[Context], bool]) -> bool:
    """Whether any messaging channel passes ``check``, which receives an accessor scoped to one channel
    (``this.`` fields); its reads, up to the first channel that passes, are added to ``c`` as evidence."""
    for item in c.workload.values.get("messaging") or []:
        channel = c.for_subject(Subject(item["name"], f"messaging[{item['name']}]", item))
        holds = check(channel)
        c.reads.extend(channel.reads)
        if holds:
            return True
    return False


def tier_subjects(ctx: Context) -> list[Subject]:
    """What the compute concerns are decided for: each tier ``compute.tiers`` lists (a subject that refines the
    compute section: ``compute.pattern`` read for it is the tier's own pattern when it gives one), or, when
    there are none, the whole system."""
    listed = compute_tiers(ctx.workload.values)
    if not listed:
        return [Subject(None)]
    return [Subject(tier["name"], f"compute.tiers[{tier['name']}]", tier, section="compute") for tier in listed]


def per_tier(predicate: Callable[[Context], bool]) -> Callable[[Context], list[Subject]]:
    """Raised for the whole system, or for each compute tier, when ``predicate`` holds read in its scope; the
    predicate's reads are the evidence that the concern applies to it."""

    def raised(ctx: Context) -> list[Subject]:
        found = []
        for subject in tier_subjects(ctx):
            scoped = ctx.for_subject(subject)
            if predicate(scoped):
                ctx.assumptions.update(scoped.assumptions)
                found.append(replace(subject, evidence=tuple(scoped.reads)))
        return found

    return raised


def front_tiers(c: Context) -> list[str | None]:
    """The tiers clients' requests reach (``serves_clients``; by default the first tier only), read as
    evidence; ``[None]``, the whole system's compute, when the workload lists no tiers."""
    serving = []
    for subject in tier_subjects(c):
        if subject.name is None:
            return [None]
        scoped = c.for_subject(subject)
        if scoped.true("this.serves_clients"):
            serving.append(subject.name)
        c.reads.extend(scoped.reads)
        c.assumptions.update(scoped.assumptions)
    return serving


def app_runs_on(c: Context, *choices: str, every: bool = False) -> bool:
    """Whether the code clients call runs on one of ``choices``: the system's compute, or with tiers any tier
    that serves clients (``every``: all of them)."""
    tiers = front_tiers(c)
    found = [c.decided("compute", *choices, subject=tier) for tier in tiers]
    return bool(found) and (all(found) if every else any(found))


def users_run_on(c: Context, *choices: str) -> bool:
    """Whether code that uses this store or channel runs on one of ``choices``: the system's compute, or any
    tier whose ``uses`` names it (a tier that names nothing uses everything)."""
    found = False
    for subject in tier_subjects(c):
        if subject.name is not None:
            scoped = c.for_subject(subject)
            uses = scoped.value("this.uses")
            c.reads.extend(scoped.reads)
            if uses and c.subject.name not in uses:
                continue
        found = c.decided("compute", *choices, subject=subject.name) or found
    return found


def manual_regional_failover(c: Context) -> bool:
    """A second region that an operator, not a health check, moves users to (availability.failover: manual)."""
    return c.eq("availability.scope", "multi-region") and c.eq("availability.failover", "manual")


def nothing_calls_in(c: Context) -> bool:
    """entry.protocol is none: no client calls the system (devices write to a stream, events or batches
    drive it), so it has no front door. Only a protocol the user gave can say so: the default (http) is
    not read here, so it is not assumed for a workload that has no front door at all."""
    return c.given("entry.protocol") and c.eq("entry.protocol", "none")


def clients_call(c: Context) -> bool:
    """Clients call the system through a front door: it describes its entry (not 'none'), or users other than
    people on the site who only use what the hybrid link gives them (a file share or tape library behind a
    Storage Gateway, an HPC cluster's scheduler): those say clients: [on-premises] and no request rate."""
    if nothing_calls_in(c):
        return False
    if c.given("entry"):
        return True
    if not c.given("users"):
        return False
    return not (c.eq("users.clients", ["on-premises"]) and not c.given("users.peak_requests"))


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
