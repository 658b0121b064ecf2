"""Whether a question is fair, read from the engine's own trace.

A question is fair when the scenario states every value the deciding rule
read, and every wrong option is ruled out by something the scenario states:
an elimination rule that fired on stated values, or a qualifier in the stem
(MOST cost-effective, LEAST operational overhead, MOST resilient) on which the
key is strictly better. The same judgement builds questions (generate.py) and
measures them (measure.py), so the measure cannot drift from the generator.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..engine.context import Read
from ..engine.evaluate import Decision
from . import fields as f
from .probe import knowledge

# Services AWS no longer sells to new customers (shared/aws-facts-2026.md): never a key, never an option.
NOT_SOLD = frozenset({"snowmobile", "scheduled-reserved", "snowball", "snowball-edge"})

# Qualifiers: the stem's words, and per concern a rank (lower is better on that qualifier). A qualifier
# decides only where the key ranks strictly better than every option no stated requirement rules out.
QUALIFIERS: dict[str, tuple[str, dict[str, dict[str, int]]]] = {
    "cost": ("MOST cost-effective", {
        "dr-strategy": {"backup-restore": 0, "pilot-light": 1, "warm-standby": 2, "multi-site-active-active": 3},
        "ec2-purchasing": {"spot": 0, "reserved-standard": 1, "reserved-convertible": 2, "on-demand": 3},
        "block-storage": {"ebs-sc1": 0, "ebs-st1": 1, "ebs-gp3": 2, "ebs-io2": 3},
        "object-storage": {"s3-glacier-deep-archive": 0, "s3-glacier-flexible-retrieval": 1,
                           "s3-glacier-instant-retrieval": 2, "s3-one-zone-ia": 3, "s3-standard-ia": 4,
                           "s3-standard": 5},
        "hybrid-connectivity": {"site-to-site-vpn": 0, "direct-connect": 1, "direct-connect-with-vpn": 2},
        "data-transfer": {"online-transfer": 0, "s3-transfer-acceleration": 1},
        "database": {"rds-single-az": 0, "rds-multi-az": 1, "aurora-global-database": 3, "dynamodb": 0,
                     "dynamodb-global-tables": 2},
        "web-protection": {"shield-standard": 0, "nacl": 0, "waf": 1, "waf-and-shield-advanced": 2},
        "private-service-access": {"vpc-gateway-endpoint": 0, "vpc-interface-endpoint": 1},
    }),
    "operations": ("LEAST operational overhead", {
        "compute": {"lambda": 0, "fargate": 1, "elastic-beanstalk": 2, "ecs-on-ec2": 3, "eks": 3,
                    "ec2-auto-scaling": 4},
        "admin-access": {"ssm-session-manager": 0, "bastion-host": 1},
        "internet-egress": {"nat-gateway": 0, "nat-instance": 1},
        "service-sharing": {"privatelink": 0, "transit-gateway": 1, "vpc-peering": 2},
    }),
    "resilience": ("MOST resilient", {
        "database": {"aurora-global-database": 0, "dynamodb-global-tables": 0, "aurora": 1, "rds-multi-az": 1,
                     "dynamodb": 1, "rds-single-az": 2},
    }),
}
# A qualifier contradicts a stated value: never ask for the cheapest design when performance comes first.
CONTRADICTS = {"cost": ("cost_priority", ("performance",)), "operations": ("compute.style", ("vms",))}

# Stories that would contradict themselves: for a key, requirements a scenario must not state beside it
# (a workflow does not keep a replayable message history, whatever the engine's tables allow).
INCOHERENT: dict[str, tuple[str, ...]] = {
    "step-functions": ("messaging.replay", "messaging.retention", "messaging.consumers"),
}

REQUIREMENT, QUALIFIER, STANDING = "requirement", "qualifier", "standing"


@dataclass(frozen=True)
class Ruling:
    choice: str
    how: str                 # requirement | qualifier | standing
    rules: tuple[str, ...]   # the elimination rules that fired on stated values
    reads: tuple[Read, ...]  # what they read


def coherent(decision: Decision, workload: dict) -> bool:
    """No requirement stated beside the key that would make the story contradict itself."""
    return not any(_present(workload, path) for path in INCOHERENT.get(decision.choice, ()))


def _name_of(field: str) -> str | None:
    match = re.match(r"^(?:data|messaging)\[([^\]]+)\]", field)
    return match.group(1) if match else None


def is_stated(workload: dict, read: Read, decisions: list[Decision] | None = None, depth: int = 0) -> bool:
    """Whether a value the engine read is one the scenario states (not a default, not an assumption).

    An earlier decision counts as stated only when it rests on stated values itself (a candidate can
    work it out from the scenario); without the decisions at hand it does not.
    """
    if read.field.startswith("decision."):
        earlier = _earlier(read.field, decisions)
        return earlier is not None and depth < 3 and key_is_stated(earlier, workload, decisions, depth + 1)
    if read.field.startswith("derived."):
        inputs = knowledge().facts.get(read.field[8:], ())
        return any(_present(workload, path) for path in inputs)
    path = f.normalise(read.field)
    if path is None:
        return False
    listed = f.item_list(path)
    if listed:
        return f.get(workload, path, _name_of(read.field)) is not None
    return f.get(workload, path) is not None


def _present(workload: dict, path: str) -> bool:
    listed = f.item_list(path)
    if listed:
        return any(f.get(workload, path, entry.get("name")) is not None for entry in workload.get(listed, []))
    return f.get(workload, path) is not None


def _earlier(field: str, decisions: list[Decision] | None) -> Decision | None:
    match = re.match(r"^decision\.([a-z0-9-]+)(?:\[([^\]]*)\])?", field)
    if not match or not decisions:
        return None
    concern, subject = match.group(1), match.group(2)
    mine = [d for d in decisions if d.concern == concern]
    return next((d for d in mine if d.subject == subject), mine[0] if len(mine) == 1 else None)


def key_is_stated(decision: Decision, workload: dict, decisions: list[Decision] | None = None,
                  depth: int = 0) -> bool:
    """The deciding rule read only stated values (a default row, which reads nothing, never keys a question)."""
    if decision.closest_fit or decision.rule.when is None or not decision.because:
        return False
    return all(is_stated(workload, read, decisions, depth) for read in decision.because)


def eliminations(decision: Decision, workload: dict, decisions: list[Decision] | None = None) -> dict[str, Ruling]:
    """Alternatives removed by an elimination rule whose every value that held is stated."""
    found: dict[str, Ruling] = {}
    for verdict in decision.trace:
        if verdict.verdict != "eliminated":
            continue
        held = [read for read in verdict.evidence if read.holds]
        if not held or not all(is_stated(workload, read, decisions) for read in held):
            continue
        for choice in verdict.choices:
            if choice == decision.choice:
                continue
            before = found.get(choice)
            rules = (before.rules if before else ()) + (verdict.rule,)
            reads = (before.reads if before else ()) + tuple(held)
            found[choice] = Ruling(choice, REQUIREMENT, rules, reads)
    return found


def qualifier_for(decision: Decision, workload: dict, standing: list[str]) -> str | None:
    """The qualifier on which the key beats every standing option, or None (none needed, or none decides)."""
    if not standing:
        return None
    for name, (_, ranks) in QUALIFIERS.items():
        rank = ranks.get(decision.concern)
        if rank is None or decision.choice not in rank:
            continue
        clash = CONTRADICTS.get(name)
        if clash and f.get(workload, clash[0]) in clash[1]:
            continue
        if all(choice in rank and rank[decision.choice] < rank[choice] for choice in standing):
            return name
    return None


def rule_on(decision: Decision, workload: dict, choices: list[str], qualifier: str | None,
            decisions: list[Decision] | None = None) -> dict[str, Ruling]:
    """How each option (a choice of the decision's concern) is ruled out, given the stem's qualifier."""
    removed = eliminations(decision, workload, decisions)
    rank = QUALIFIERS[qualifier][1].get(decision.concern, {}) if qualifier else {}
    rulings = {}
    for choice in choices:
        if choice in removed:
            rulings[choice] = removed[choice]
        elif choice in rank and decision.choice in rank and rank[decision.choice] < rank[choice]:
            rulings[choice] = Ruling(choice, QUALIFIER, (), ())
        else:
            rulings[choice] = Ruling(choice, STANDING, (), ())
    return rulings


def stem_qualifier(text: str) -> str | None:
    """The qualifier a stem carries, found by its words (for measuring questions from any generator)."""
    for name, (words, _) in QUALIFIERS.items():
        if re.search(r"\b" + re.escape(words), text):
            return name
    return None
