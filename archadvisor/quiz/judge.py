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
        "block-storage": {"instance-store": 0, "ebs-sc1": 1, "ebs-st1": 2, "ebs-gp3": 3, "ebs-io2": 4},
        "object-storage": {"s3-glacier-deep-archive": 0, "s3-glacier-flexible-retrieval": 1,
                           "s3-glacier-instant-retrieval": 2, "s3-one-zone-ia": 3, "s3-standard-ia": 4,
                           "s3-standard": 5},
        "hybrid-connectivity": {"site-to-site-vpn": 0, "direct-connect": 1, "direct-connect-with-vpn": 2},
        "data-transfer": {"online-transfer": 0, "s3-transfer-acceleration": 1},
        "database": {"rds-single-az": 0, "rds-multi-az": 1, "aurora-global-database": 3, "dynamodb": 0,
                     "dynamodb-global-tables": 2},
        "web-protection": {"shield-standard": 0, "nacl": 0, "waf": 1, "waf-and-shield-advanced": 2},
        "private-service-access": {"vpc-gateway-endpoint": 0, "vpc-interface-endpoint": 1},
        # AWS managed keys carry no key fee; a CloudHSM cluster bills each HSM by the hour, an external key store
        # the customer's own key manager: neither beats the other on cost
        "encryption-key": {"aws-managed-key": 0, "kms-customer-managed-key": 1, "kms-cloudhsm-key-store": 2,
                           "kms-external-key-store": 2},
        "credential-store": {"ssm-parameter-store": 0, "secrets-manager": 1},
        # SCPs and boundaries are free; Control Tower sets up (and bills) Config, CloudTrail and more
        "account-guardrails": {"organizations-scp": 0, "iam-permissions-boundary": 0, "config-rules": 1,
                               "control-tower": 2},
    }),
    "operations": ("LEAST operational overhead", {
        "compute": {"lambda": 0, "fargate": 1, "elastic-beanstalk": 2, "ecs-on-ec2": 3, "eks": 3,
                    "ec2-auto-scaling": 4},
        "admin-access": {"ssm-session-manager": 0, "bastion-host": 1},
        # a CloudHSM cluster is the customer's to run; an external key store adds its own key manager and proxy
        "encryption-key": {"aws-managed-key": 0, "kms-customer-managed-key": 1, "kms-cloudhsm-key-store": 2,
                           "kms-external-key-store": 3},
        "internet-egress": {"nat-gateway": 0, "nat-instance": 1},
        "service-sharing": {"privatelink": 0, "transit-gateway": 1, "vpc-peering": 2},
        "messaging": {"sqs-standard": 0, "sqs-fifo": 0, "sns": 0, "sns-sqs-fanout": 1, "kinesis-data-firehose": 1,
                      "kinesis-data-streams": 2, "amazon-mq": 3},
        "database": {"dynamodb": 0, "dynamodb-global-tables": 0, "aurora-serverless": 1, "aurora": 2,
                     "rds-multi-az": 2, "rds-single-az": 2},
    }),
    "resilience": ("MOST resilient", {
        "database": {"aurora-global-database": 0, "dynamodb-global-tables": 0, "aurora": 1, "rds-multi-az": 1,
                     "dynamodb": 1, "rds-single-az": 2},
    }),
}
# A qualifier contradicts a stated value: never ask for the cheapest design when performance comes first.
CONTRADICTS = {"cost": ("cost_priority", ("performance",)), "operations": ("compute.style", ("vms",))}

# Stories that would contradict themselves, found in the review of generated questions. A cue is
# (schema path, values): the field is stated with one of the values (any value when None; for a list,
# any element). A scenario never states two cues of a CONFLICTS pair, nor a cue of INCOHERENT beside
# that key (a workflow keeps no replayable history; RDS Multi-AZ does not survive a Region loss).
Cue = tuple[str, "tuple | str | None"]   # values, any value (None), "<5m": a duration under, ">9": a number over
CONFLICTS: tuple[tuple[Cue, Cue], ...] = (
    (("entry.protocol", ("tcp", "udp")), ("entry.threats", ("sql-injection", "xss", "geo-blocking"))),
    (("data.temporary", (True,)), ("data.retention", None)),
    (("users.audience", ("internal",)), ("users.sign_in", ("social", "app-users"))),
    (("users.audience", ("public", "partners")), ("users.sign_in", ("corporate-sso",))),
    (("users.audience", ("partners",)), ("users.sign_in", ("social",))),
    (("data.access", ("unknown",)), ("data.retrieval", None)),
    (("data.access", ("infrequent", "rare")), ("data.reads", None)),
    (("compute.critical_instances", None), ("compute.pattern", ("interruptible",))),
    (("compute.style", ("serverless", "paas")), ("compute.gpu", (True,))),
    (("compute.style", ("serverless", "paas")), ("compute.os_access", (True,))),
    (("compute.style", ("serverless", "paas")), ("compute.hpc", (True,))),
    (("messaging.purpose", ("workflow",)), ("messaging.replay", None)),
    (("availability.failover", ("manual",)), ("availability.rto", "<15m")),
    (("hybrid.migration.recurring", (True,)), ("hybrid.migration.data", ">100 TB")),
    (("users.clients", ("browser",)), ("entry.protocol", ("udp", "tcp"))),
    (("security.keys_outside_aws", (True,)), ("security.dedicated_hsm", (True,))),
    (("security.accounts", "<2"), ("security.new_accounts", (True,))),
    (("security.accounts", "<2"), ("security.guardrails", ("prevent",))),
    (("security.guardrails", ("detect",)), ("security.bucket_access", ("never-public",))),   # nothing blocked
)
INCOHERENT: dict[str, tuple[Cue, ...]] = {
    "step-functions": (("messaging.replay", None), ("messaging.retention", None), ("messaging.deliver_to", None),
                       ("messaging.realtime_analytics", None)),
    "kinesis-data-streams": (("messaging.deliver_to", None),),
    "rds-multi-az": (("availability.scope", ("multi-region",)),),
    "rds-single-az": (("availability.scope", ("multi-region",)),),
    "aurora": (("availability.scope", ("multi-region",)),),
    "aurora-serverless": (("availability.scope", ("multi-region",)),),
    "dynamodb": (("availability.scope", ("multi-region",)),),
    "appsync": (("entry.api", ("none",)),),
    "api-gateway": (("entry.api", ("none",)),),
    "waf-and-shield-advanced": (("entry.protocol", ("tcp", "udp")),),   # its WAF half sees HTTP only
    "s3-transfer-acceleration": (("hybrid.link.private", (True,)),),
    "ebs-io2": (("data.iops", ">256000"),),   # io2 Block Express tops out at 256,000 IOPS a volume
    "fsx-windows": (("hybrid.storage.full_copy_on_premises", (True,)),),   # its data lives in AWS
    "storage-gateway-tape": (("hybrid.storage.full_copy_on_premises", (True,)),),
}

# Account-wide security controls, each raised by one flag: a scenario that states the flag false says
# the control is not needed, so the control's service fails that stated requirement as an option.
CONTROLS: dict[str, str] = {
    "secrets": "security.secrets_rotation", "encryption": "security.encryption_at_rest",
    "audit": "security.audit_api_calls", "sensitive-data": "security.detect_sensitive_data",
    "config-compliance": "security.config_compliance",
}

# Concerns whose table reads one requirement that only one choice meets: when the key's rule held on that
# field, stated, every other choice fails it (asked for weighted routing, latency routing does not do it).
EXCLUSIVE: dict[str, str] = {"dns-routing": "users.routing", "threat-detection": "security.watch_for"}
# Concerns whose table picks the cheapest choice that meets a stated objective, rows ordered by it: when the
# key's rule held on stated values, every cheaper choice misses the objective (and a dearer one loses on
# cost). The rank is the cost rank of QUALIFIERS.
MONOTONE: dict[str, tuple[str, ...]] = {"dr-strategy": ("availability.rto", "availability.rpo")}

REQUIREMENT, QUALIFIER, STANDING = "requirement", "qualifier", "standing"


def declined(concern_id: str, workload: dict, decisions: list[Decision]) -> bool:
    """A security control the scenario states is not needed (its flag false), and the engine agrees."""
    path = CONTROLS.get(concern_id)
    return (path is not None and f.get(workload, path) is False
            and not any(d.concern == concern_id for d in decisions))


@dataclass(frozen=True)
class Ruling:
    choice: str
    how: str                 # requirement | qualifier | standing
    rules: tuple[str, ...]   # the elimination rules that fired on stated values
    reads: tuple[Read, ...]  # what they read


def _cued(workload: dict, cue: Cue) -> bool:
    path, values = cue
    listed = f.item_list(path)
    found = ([f.get(workload, path, entry.get("name")) for entry in workload.get(listed, [])] if listed
             else [f.get(workload, path)])
    for value in found:
        if value is None or (path == "compute.critical_instances" and not value):
            continue
        if isinstance(values, str):
            if _beyond(path, value, values):
                return True
        elif values is None or any(v in values for v in (value if isinstance(value, list) else [value])):
            return True
    return False


def _beyond(path: str, value: object, bound: str) -> bool:
    """Whether a value is under ("<5m") or over (">100 TB", ">256000") a bound, in the field's own unit."""
    from ..workload.units import QUANTITY_KINDS

    kind = f.leaves()[path].kind
    try:
        if kind in QUANTITY_KINDS:
            number, limit = QUANTITY_KINDS[kind].parse(value).base, QUANTITY_KINDS[kind].parse(bound[1:]).base
        else:
            number, limit = float(value), float(bound[1:])
    except Exception:  # noqa: BLE001 - a value that does not parse is on neither side
        return False
    return number < limit if bound.startswith("<") else number > limit


_LIMIT = re.compile(r"^\S+ (?:<=|>=|<|>) (.+)$")


def at_a_limit(reads) -> bool:
    """A value stated exactly at a rule's threshold (RTO 1 minute against "rto < 1m"): a reader cannot tell
    which side the rule puts it on, so such a question is ambiguous."""
    for read in reads:
        match = _LIMIT.match(read.test)
        if match and isinstance(read.value, str) and read.value.replace(" ", "") == match.group(1).replace(" ", ""):
            return True
        if match and isinstance(read.value, (int, float)) and str(read.value) == match.group(1):
            return True
    return False


def coherent(decision: Decision, workload: dict) -> bool:
    """No pair of cues that contradict each other, and none that contradicts the key."""
    if any(_cued(workload, first) and _cued(workload, second) for first, second in CONFLICTS):
        return False
    return not any(_cued(workload, cue) for cue in INCOHERENT.get(decision.choice, ()))


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
    value = f.get(workload, path)
    item = re.match(r"^[a-z_.]+\[([^\]]+)\]", read.field)
    if item and isinstance(value, list):   # one entry of a list (an endpoint for dynamodb): that entry is stated
        return item.group(1) in value
    return value is not None


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


def _held_on(decision: Decision, workload: dict, paths: tuple[str, ...]) -> tuple[Read, ...]:
    """The key's reads of these fields that held on stated values (none when the key does not rest on them)."""
    reads = tuple(r for r in decision.because if r.holds and f.normalise(r.field) in paths
                  and is_stated(workload, r))
    return reads


def by_table(decision: Decision, workload: dict) -> dict[str, Ruling]:
    """Alternatives that fail the one requirement the key's row met (EXCLUSIVE), or a cheaper choice that
    misses the stated objective (MONOTONE); by the table's own design, not by an elimination rule."""
    found: dict[str, Ruling] = {}
    if decision.closest_fit or decision.rule.when is None:
        return found
    field = EXCLUSIVE.get(decision.concern)
    reads = _held_on(decision, workload, (field,)) if field else ()
    if reads:
        for alt in decision.alternatives:
            found[alt.choice] = Ruling(alt.choice, REQUIREMENT, (), reads)
    objectives = MONOTONE.get(decision.concern)
    rank = QUALIFIERS["cost"][1].get(decision.concern, {})
    reads = _held_on(decision, workload, objectives) if objectives else ()
    if reads and decision.choice in rank:
        for alt in decision.alternatives:
            if alt.choice in rank and rank[alt.choice] < rank[decision.choice]:
                found[alt.choice] = Ruling(alt.choice, REQUIREMENT, (), reads)
    return found


def rule_on(decision: Decision, workload: dict, choices: list[str], qualifier: str | None,
            decisions: list[Decision] | None = None) -> dict[str, Ruling]:
    """How each option (a choice of the decision's concern) is ruled out, given the stem's qualifier."""
    removed = {**by_table(decision, workload), **eliminations(decision, workload, decisions)}
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


def option_ruling(workload: dict, decisions: list[Decision], concern: str, keys: set[str], choice: str,
                  qualifier: str | None) -> str:
    """How a wrong option of a question is ruled out: by its own concern's decision (the one that keys a
    choice of the question), or as a security control the scenario declines; STANDING when by nothing."""
    if declined(concern, workload, decisions):
        return REQUIREMENT
    decision = next((d for d in decisions if d.concern == concern and d.choice in keys), None)
    if decision is None or choice not in {a.choice for a in decision.alternatives}:
        return STANDING
    return rule_on(decision, workload, [choice], qualifier, decisions)[choice].how
