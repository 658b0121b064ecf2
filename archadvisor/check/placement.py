"""Placement: every tier the same in every AZ, Multi-AZ resources in two AZs, load balancers across
AZs in the right subnets, and a named DR region that holds what its strategy needs."""
from __future__ import annotations

from collections import defaultdict

from ..architecture.model import Architecture
from ..architecture.services import LOAD_BALANCERS
from . import Design, invariant

MULTI_AZ_DOC = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html"
# Decided choices that are a resource spread over two AZs under a multi-AZ scope.
MULTI_AZ_CHOICES = frozenset({"rds-multi-az", "aurora", "aurora-global-database", "amazon-mq",
                              "elasticache-redis", "elasticache-memcached", "dax"})
DR_DOC = ("https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/"
          "disaster-recovery-options-in-the-cloud.html")


ZONAL_ROLES = ("app", "standby-off", "standby-scaled-down", "active", "nat")


def _signature(arch: Architecture, component_id: str) -> frozenset[tuple[str, str, str]]:
    """What a copy links to, with per-AZ targets named by their family (NAT a and NAT b are both 'nat')."""
    out = {("out", l.kind, arch.component(l.target).family) for l in arch.links_from(component_id)}
    inbound = {("in", l.kind, arch.component(l.source).family) for l in arch.links_to(component_id)}
    return frozenset(out | inbound)


@invariant("placement.az-symmetry", "Every AZ's copy of a tier has the same links",
           "A tier deployed in several AZs is identical in each, so losing one AZ leaves copies that can still "
           "reach everything the tier needs (Reliability pillar: deploy across multiple AZs).",
           "https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/use-fault-isolation-to-protect-your-workload.html")
def az_symmetry(d: Design):
    arch = d.arch
    copies: dict[tuple[str | None, str], list[str]] = defaultdict(list)
    for c in arch.components:
        if c.az and c.role in ZONAL_ROLES:
            copies[(c.region, c.family)].append(c.id)
    # A compute tier kept in one AZ on purpose (a cluster placement group) reaches only its own AZ's NAT
    # gateway or endpoint: links with such a tier are no asymmetry of the copies they touch.
    one_az = {(region, family) for (region, family), members in copies.items() if len(members) == 1
              and arch.component(members[0]).role in ("app", "active")}
    for (region, family), members in sorted(copies.items(), key=lambda kv: str(kv[0])):
        if len(members) < 2:
            continue
        first = _signature(arch, members[0])
        for other in members[1:]:
            diff = {entry for entry in first ^ _signature(arch, other) if (region, entry[2]) not in one_az}
            if diff:
                yield other, (f"{other} and {members[0]} (tier {family}) differ in links: "
                              + ", ".join(f"{side} {kind} {fam}" for side, kind, fam in sorted(diff)))


@invariant("placement.multi-az-pairs", "A Multi-AZ resource has members in two AZs",
           "Multi-AZ RDS keeps a synchronous standby in another AZ; an Aurora cluster, an Amazon MQ "
           "active/standby broker and ElastiCache or DAX clusters with replicas place members in several AZs. "
           "Under a multi-AZ scope one AZ's loss must leave a member running.", MULTI_AZ_DOC)
def multi_az_pairs(d: Design):
    arch = d.arch
    scope = d.value("availability", "scope")
    for decision in d.decisions:
        if decision.get("choice") not in MULTI_AZ_CHOICES:
            continue
        if decision["choice"] in ("amazon-mq", "elasticache-redis", "elasticache-memcached", "dax") and \
                scope not in ("multi-az", "multi-region"):
            continue
        key = decision["concern"] if decision.get("subject") is None else f"{decision['concern']}:{decision['subject']}"
        decided = [c for c in arch.for_decision(key) if c.region == _primary(arch)]
        partners = [arch.component(l.target) for c in decided for l in arch.links_from(c.id) if l.kind == "replication"]
        members = [c for c in decided + partners if c.region == _primary(arch) and c.az]
        if members and len({c.az for c in members}) < 2:
            yield members[0].id, f"{decision['choice']} for {decision.get('subject')} sits in one AZ ({members[0].az})"


def _primary(arch: Architecture) -> str | None:
    regions = [g for g in arch.groups if g.kind == "region"]
    return sorted(regions, key=lambda g: g.id)[0].code if regions else None


@invariant("placement.load-balancer", "A load balancer spans subnets in at least two AZs, public when it faces the internet",
           "An ALB needs subnets in at least two Availability Zones; an internet-facing load balancer's nodes "
           "sit in public subnets (with a route to an internet gateway), an internal one's in private subnets.",
           "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html")
def load_balancer(d: Design):
    arch = d.arch
    for c in arch.components:
        if c.service not in LOAD_BALANCERS:
            continue
        azs = {arch.group(s).parent for s in c.spans}
        if c.service == "alb" and len(azs) < 2:
            yield c.id, f"{c.id} spans {len(azs)} AZ(s); an ALB needs two"
        kinds = {arch.group(s).kind for s in c.spans}
        wanted = "subnet-public" if c.role == "internet-facing" else "subnet-app"
        if not c.spans or kinds != {wanted}:
            yield c.id, f"{c.id} ({c.role or 'no scheme'}) spans {sorted(kinds) or 'no subnet'}, not {wanted}"


@invariant("placement.dr-region", "The DR region is named and holds what the strategy needs",
           "Backup and restore keeps backups in the recovery region; pilot light keeps the data replicated and "
           "the core provisioned (compute off); warm standby a scaled-down running copy; multi-site the full "
           "stack serving (a static site that runs no code keeps only its buckets in step). The recovery region is "
           "a named region other than the primary.", DR_DOC)
def dr_region(d: Design):
    arch = d.arch
    strategy = next((x["choice"] for x in d.decided("dr-strategy")), None)
    regions = sorted((g for g in arch.groups if g.kind == "region"), key=lambda g: g.id)
    if strategy is None:
        return
    if len(regions) < 2:
        yield None, f"the {strategy} strategy has no second region"
        return
    primary, second = regions[0].code, regions[1].code
    if not second or second == primary:
        yield None, f"the DR region is not named apart from the primary ({second!r})"
    in_second = [c for c in arch.components if c.region == second]
    if strategy == "backup-restore":
        if not any(c.service == "backup" for c in in_second):
            yield None, "backup and restore keeps no backups in the recovery region"
        return
    stores = [c for c in arch.components if c.region == primary and c.role in ("store", "primary")
              and c.decision and c.decision.split(":")[0] in ("database", "object-storage", "file-storage")]
    replicated = {c.family for c in in_second}
    for store in stores:
        if store.family not in replicated:
            yield store.id, f"{store.id} has no copy in the recovery region under {strategy}"
    roles = {"pilot-light": "standby-off", "warm-standby": "standby-scaled-down", "multi-site-active-active": "active"}
    apps = [c for c in in_second if c.role == roles[strategy]]
    runs_code = any(c.region == primary and c.role == "app" for c in arch.components)
    if not apps and runs_code:  # a static site served from buckets has only its stores to keep in step
        yield None, f"{strategy} has no application tier in the recovery region"
    fronts = {c.family for c in arch.components if c.region == primary and c.role in
              ("internet-facing", "internal", "api")}
    missing = fronts - {c.family for c in in_second}
    if missing:
        yield None, f"{strategy} lacks the front door {sorted(missing)} in the recovery region"
