"""Coverage: every decision drawn, every drawn thing decided or supporting a decision, nothing left
unconnected, and manual failover never drawn as automatic."""
from __future__ import annotations

from ..architecture.model import decision_key
from ..architecture.services import OUTSIDE
from . import Design, invariant

ARCH_DOC = "https://docs.aws.amazon.com/architecture-diagrams/latest/userguide/architecture-diagrams.html"


@invariant("coverage.decisions-drawn", "Every decision is drawn",
           "A design document and its diagram describe the same system: each decision appears as a node, a "
           "label on a node, or a group.", ARCH_DOC)
def decisions_drawn(d: Design):
    shown = d.arch.shown_decisions()
    for decision in d.decisions:
        key = decision_key(decision["concern"], decision.get("subject"))
        if key not in shown:
            yield None, f"decision {key} ({decision['choice']}) is not drawn"


@invariant("coverage.drawn-decided", "Every drawn thing is decided or supports a decision",
           "Nothing is drawn that no requirement asked for: each node shows a decision, or names the decision "
           "it exists for (an internet gateway for a load balancer), or stands for the world outside AWS.",
           ARCH_DOC)
def drawn_decided(d: Design):
    keys = {decision_key(x["concern"], x.get("subject")) for x in d.decisions}
    for c in d.arch.components:
        if c.decision and c.decision not in keys:
            yield c.id, f"{c.id} draws {c.decision}, which was not decided"
        elif c.because and c.because not in keys:
            yield c.id, f"{c.id} exists for {c.because}, which was not decided"
        elif not c.decision and not c.because and c.service not in OUTSIDE and c.role not in ("users", "operators"):
            yield c.id, f"{c.id} ({c.service}) is drawn for no decision"


@invariant("coverage.connected", "Nothing is left unconnected",
           "Every component takes part in a path (a request, data, event, replication or network flow); "
           "account-wide governance services in the security strip are the exception, as they act on every "
           "resource through AWS APIs, and so is a design of one part with no flow at all.", ARCH_DOC)
def connected(d: Design):
    arch = d.arch
    linked = {l.source for l in arch.links} | {l.target for l in arch.links}
    if not linked:
        return  # a design of one part alone (a store, a fleet) has nothing to connect it to
    app_linked = any(arch.component(x).role == "app" for x in linked)
    for c in arch.components:
        if c.id in linked or c.role == "governance" or (c.role == "app" and not app_linked):
            continue  # an application the workload describes nothing for (no caller, no store) stands alone
        yield c.id, f"{c.id} ({c.service}) has no link"


@invariant("coverage.manual-failover", "Manual failover is never drawn as automatic",
           "With failover: manual the operators decide when to fail over, so no health-check-driven failover "
           "(Route 53 failover records on health checks, CloudFront origin failover) switches traffic by itself; "
           "Route 53 Application Recovery Controller routing controls make the switch a deliberate action.",
           "https://docs.aws.amazon.com/r53recovery/latest/dg/routing-control.html")
def manual_failover(d: Design):
    if d.value("availability", "failover") != "manual":
        return
    for c in d.arch.components:
        if c.role in ("health-checked-failover", "origin-failover"):
            yield c.id, f"{c.id} fails over automatically although failover is manual"
