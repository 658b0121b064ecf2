"""Decisions + workload -> Architecture (groups, components, links).

The builder draws what the engine decided and nothing else: every component
either shows a decision or supports one (``because``: the internet gateway a
load balancer needs, the backup vault of a DR strategy), apart from the world
outside AWS (users, the internet, the on-premises site). The workload is read
only for names and context: the workload name, the users, the hybrid site,
store and channel names, consumer counts, the regions and the availability
scope.

What each concern adds lives with its area's drawer (see :mod:`.registry`);
this module holds what they share: the groups, the supporting nodes, the app
tier and the stores placed so far.

Layout conventions (AWS architecture icon guidelines):
AWS Cloud > Region > VPC > Availability Zone > subnet (public, app, data);
regional services (S3, DynamoDB, SQS, SNS, Kinesis, Lambda outside a VPC)
sit in the region outside the VPC; edge services (CloudFront, Global
Accelerator, WAF on CloudFront, Route 53) in the cloud outside regions;
users, the internet and the on-premises site outside the cloud.
"""
from __future__ import annotations

import functools
from typing import Any, Iterable

from ..knowledge.regions import default_dr_region
from ..workload import tiers as compute_tiers
from ..workload.paths import dig
from .canvas import Canvas, slug
from ..engine.model import pods_on_fargate
from .model import Architecture, decision_key
from .names import ANNOTATIONS
from .names import short_name as _short_name
from .registry import CHOICE_DRAWERS, draws, ordered
from .services import ENDPOINT_SERVICE, endpoint_name

APP = "ec2"  # service drawn for an application the workload does not describe

IN_VPC_COMPUTE = {"fargate", "ecs-on-ec2", "eks", "ec2-auto-scaling", "elastic-beanstalk"}
# Concerns any of whose choices puts the application in a VPC (besides the catalogue's in_vpc resources).
VPC_CONCERNS = ("internet-egress", "private-service-access", "hybrid-connectivity", "admin-access", "block-storage")
# Concerns whose stores and channels the application itself reads and writes (an analytics warehouse is not).
APP_DATA = ("database", "cache", "file-storage", "messaging")
MULTI_AZ_DATA = {"rds-multi-az", "aurora", "aurora-global-database"}
HOT_CLASSES = ["s3-standard", "s3-intelligent-tiering", "s3-standard-ia", "s3-one-zone-ia",
               "s3-glacier-instant-retrieval", "s3"]
CLIENT_SERVICES = {"mobile": "mobile-client", "iot-device": "iot-device"}  # a single kind of client
SUBNET_LABELS = {"public": "Public subnet", "app": "Private subnet (app)", "data": "Private subnet (data)"}


def short_name(service_id: str) -> str:
    """The whiteboard name of a service; the catalogue's name for ids the drawing has no short form for."""
    try:
        from archadvisor.knowledge import load_catalogue
        catalogue = load_catalogue()
    except (OSError, ValueError):  # a broken catalogue is reported by its own loader, not here
        catalogue = None
    return _short_name(service_id, catalogue)


def build(decisions: list[dict], workload: dict) -> Architecture:
    """Draw the decided architecture; see the module docstring."""
    from .. import rules
    from . import analytics, data, frontdoor, hybrid, messaging, network, recovery  # noqa: F401 - they register

    rules.concerns()  # a concern defined beside its rules registers its drawer when its module loads
    return Builder(decisions, workload or {}).run()


def get(data: Any, *path: str, default: Any = None) -> Any:
    return dig(data, path, default)


def count(value: Any, default: int) -> int:
    """A count from the workload; ``default`` when it is not given. Zero stays zero: a channel
    with ``consumers: 0`` has nobody reading it yet, and the drawing must not invent one."""
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return default
    return max(number, 0)


def flag(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() in {"true", "yes", "on"})


@draws("compute", "ec2-purchasing", "placement-group", "hpc-networking", stage=10)
def compute(b: "Builder") -> None:
    """The app tier: a copy in the app subnet of each AZ (one AZ for a cluster placement group), or one
    regional node for functions outside a VPC; purchasing and placement are written on it."""
    for d in b.to_draw("compute"):
        b.place_compute(d["choice"], short_name(d["choice"]), b.key(d), 1, tier=d.get("subject"))
    if not b.apps[1] and any(b.choices(c) for c in ("ec2-purchasing", "placement-group", "hpc-networking")):
        b.place_compute(APP, "EC2 instances", None, 1)




class Builder:
    def __init__(self, decisions: list[dict], workload: dict) -> None:
        self.workload = workload
        self.name = str(workload.get("name") or "workload")
        self.region_codes = {1: str(workload.get("region") or "us-east-1")}
        self.region_codes[2] = str(get(workload, "availability", "dr_region")
                                   or default_dr_region(self.region_codes[1]))
        self.decisions = [d for d in decisions if isinstance(d, dict) and d.get("concern") and d.get("choice")]
        self.c = Canvas()
        # What the drawers learn about each other.
        self.apps: dict[int, list[str]] = {1: [], 2: []}      # compute nodes per region
        self.app_az: dict[tuple[int, str], str] = {}           # (region, az letter) -> the first tier's node
        self.az_apps: dict[tuple[int, str], list[str]] = {}    # (region, az letter) -> every tier's node there
        self.tier_of: dict[str, str | None] = {}               # compute node -> its tier (None: no tiers)
        self.stores: dict[str, dict[str, Any]] = {}            # store name -> {"node", "choice", "bucket"}
        self.regional_front: list[str] = []                    # front nodes inside region 1, outermost first
        self.entry: str | None = None                          # first node behind users
        self.edge_node: str | None = None

    # -- decision access --------------------------------------------------
    def choices(self, concern: str) -> list[dict]:
        return [d for d in self.decisions if d["concern"] == concern]

    def choice(self, concern: str) -> str | None:
        found = self.choices(concern)
        return str(found[0]["choice"]) if found else None

    def to_draw(self, concern: str) -> list[dict]:
        """The decisions of a concern that its area's drawer draws: all but those whose choice has a
        drawer of its own (registered beside the choice's rules with ``draws_choice``)."""
        return [d for d in self.choices(concern) if (concern, d["choice"]) not in CHOICE_DRAWERS]

    def compute_decision(self, tier: str | None) -> dict | None:
        """The compute decision of a tier (``compute.tiers``), or the whole system's (tier None)."""
        return next((d for d in self.choices("compute") if d.get("subject") == tier), None)

    def choice_for(self, concern: str, subject: str) -> str | None:
        return next((str(d["choice"]) for d in self.choices(concern) if str(d.get("subject")) == subject), None)

    @staticmethod
    def key(d: dict) -> str:
        return decision_key(str(d["concern"]), None if d.get("subject") is None else str(d["subject"]))

    def first_key(self, *concerns: str) -> str | None:
        """The key of the first decision of these concerns: what a supporting node exists for."""
        for concern in concerns:
            found = self.choices(concern)
            if found:
                return self.key(found[0])
        return None

    # -- groups -----------------------------------------------------------
    @property
    def azs(self) -> tuple[str, ...]:
        """One AZ only when the scope is a single AZ and nothing decided needs two: a Multi-AZ store,
        read replicas, or a load balancer (an ALB needs subnets in at least two AZs)."""
        scope = get(self.workload, "availability", "scope")
        needs_two = any(d["choice"] in MULTI_AZ_DATA for d in self.choices("database")) or \
            self.choices("read-scaling") or self.choices("load-balancer")
        return ("a",) if scope == "single-az" and not needs_two else ("a", "b")

    @property
    def multi_az(self) -> bool:
        return len(self.azs) > 1 and get(self.workload, "availability", "scope") != "single-az"

    def cloud(self) -> str:
        return self.c.group("cloud", "cloud", "AWS Cloud", None)

    def region(self, n: int = 1) -> str:
        code = self.region_codes[n]
        return self.c.group(f"region-{n}", "region", f"Region {code}", self.cloud(), code=code)

    def vpc(self, n: int = 1) -> str:
        return self.c.group(f"vpc-{n}", "vpc", "VPC", self.region(n))

    def az(self, n: int, letter: str) -> str:
        code = f"{self.region_codes[n]}{letter}"
        return self.c.group(f"az-{n}{letter}", "az", f"Availability Zone {code}", self.vpc(n), code=code)

    def subnet(self, n: int, letter: str, tier: str) -> str:
        return self.c.group(f"subnet-{tier}-{n}{letter}", f"subnet-{tier}", SUBNET_LABELS[tier], self.az(n, letter))

    def subnets(self, n: int, tier: str, azs: Iterable[str] | None = None) -> tuple[str, ...]:
        """The subnets of one tier in every AZ: what a load balancer or an endpoint spans."""
        return tuple(self.subnet(n, letter, tier) for letter in (self.azs if azs is None else azs))

    def security(self) -> str:
        return self.c.group("security", "security", "Security & governance", self.region())

    def analytics_group(self) -> str:
        return self.c.group("analytics", "analytics", "Analytics", self.region())

    def users_group(self) -> str:
        return self.c.group("users", "users", "Users", None)

    def internet_group(self) -> str:
        return self.c.group("internet", "internet", "Internet", None)

    def site_group(self) -> str:
        return self.c.group("on-premises", "on-premises", "Corporate data center", None)

    # -- supporting nodes -------------------------------------------------
    def users(self) -> str:
        clients = get(self.workload, "users", "clients", default=[])
        details = [", ".join(str(x) for x in clients if x != "on-premises")] if isinstance(clients, list) else []
        context = [str(v) for v in (get(self.workload, "users", "audience"),
                                    get(self.workload, "users", "geography")) if v]
        lines = ["Users"] + [x for x in details if x] + ([" · ".join(context)] if context else [])
        kinds = set(clients) - {"on-premises"} if isinstance(clients, list) else set()
        service = CLIENT_SERVICES.get(next(iter(kinds)), "users") if len(kinds) == 1 else "users"
        group = self.site_group() if self.internal_users() else self.users_group()  # employees on site
        return self.c.add("users", service, "\n".join(lines), group, role="users")

    def internal_users(self) -> bool:
        """Employees on the corporate network: with a hybrid link they arrive over it, not from the internet."""
        return get(self.workload, "users", "audience") == "internal" and bool(self.choices("hybrid-connectivity"))

    def operators(self) -> str:
        return self.c.add("operators", "users", "Operators", self.users_group(), role="operators")

    def internet(self) -> str:
        return self.c.add("internet", "internet", "Internet", self.internet_group(), role="internet")

    def site(self) -> str:
        return self.c.add("on-premises-servers", "on-premises-server", "On-premises servers", self.site_group(),
                          role="site")

    def igw(self, because: str | None, n: int = 1) -> str:
        prefix = "" if n == 1 else f"r{n}-"
        node = self.c.add(f"{prefix}internet-gateway", "internet-gateway", "Internet gateway", self.vpc(n),
                          role="gateway", family="internet-gateway", because=because)
        self.c.link(node, self.internet(), "", kind="network")
        return node

    def bucket(self, node_id: str, label: str, n: int = 1, role: str = "", because: str | None = None) -> str:
        """The workload's busiest readable bucket for a purpose (static origin, data lake, migration
        target), or a new one; archive classes never serve these."""
        from .services import ARCHIVE_CLASSES

        usable = [(name, s) for name, s in self.stores.items()
                  if s.get("bucket") and s["choice"] not in ARCHIVE_CLASSES]
        usable.sort(key=lambda item: (self._working(item[0]),
                                      HOT_CLASSES.index(item[1]["choice"]) if item[1]["choice"] in HOT_CLASSES else 99,
                                      item[1]["node"]))
        usable = [s for _, s in usable]
        if usable and n == 1:
            return usable[0]["node"]
        return self.c.add(node_id, "s3", label, self.region(n), role=role, because=because)

    def _working(self, name: str) -> bool:
        """A bucket the system works in rather than one it keeps content in: scratch that can be regenerated,
        or an inbox whose every new object starts processing. Such a bucket is never chosen to
        serve users (a CDN origin) or to hold a lake while a content bucket exists."""
        spec = next((s for s in self.workload.get("data") or [] if isinstance(s, dict) and s.get("name") == name), {})
        return bool(spec.get("reproducible") or spec.get("change_events"))

    def object_buckets(self) -> list[str]:
        return sorted(s["node"] for s in self.stores.values() if s.get("bucket"))

    # -- the application tier ---------------------------------------------
    def needs_vpc(self) -> bool:
        """The application runs in a VPC: it reaches a resource that lives there (the catalogue's in_vpc), it
        needs egress, endpoints, a hybrid link, operators' access or volumes, or it is servers or containers."""
        from ..knowledge import load_catalogue

        catalogue = load_catalogue()
        return any(d["concern"] in VPC_CONCERNS or d["concern"] == "compute" and d["choice"] in IN_VPC_COMPUTE
                   or d["concern"] in APP_DATA and d["choice"] in catalogue and catalogue[d["choice"]].in_vpc
                   for d in self.decisions)

    def app_nodes(self, n: int = 1, because: str | None = None, uses: str | None = None) -> list[str]:
        """The compute nodes of a region, drawing a placeholder for the application when none was decided
        (``because``: the decision that needs an application, e.g. the front door that forwards to it). When
        ``because`` is a decision about a store or channel (or ``uses`` names one), only the tiers that use it."""
        if not self.apps[n] and n == 1:
            self.place_compute(APP, "Application", None, n, because=because)
        subject = uses or (because.partition(":")[2] if because else "")
        if not subject or subject not in self.named_parts:
            return self.apps[n]
        using = [node for node in self.apps[n] if self.tier_uses(self.tier_of.get(node), subject)]
        return using or self.apps[n]

    def apps_in_az(self, letter: str, because: str | None = None, n: int = 1) -> list[str]:
        """The compute nodes in one AZ of region ``n`` (of the tiers that use ``because``'s store or channel)."""
        using = set(self.app_nodes(n, because))
        return [node for node in self.az_apps.get((n, letter), []) if node in using]

    # -- compute tiers ----------------------------------------------------
    def tiers(self) -> list[dict]:
        """The compute tiers the workload lists (compute.tiers); empty for a single application tier."""
        return compute_tiers.tiers(self.workload)

    @functools.cached_property
    def named_parts(self) -> set[str]:
        """The names of the workload's data stores and channels, which tiers say they use."""
        return {str(item["name"]) for key in ("data", "messaging") for item in self.workload.get(key) or []
                if isinstance(item, dict) and item.get("name")}

    def tier_uses(self, tier: str | None, name: str) -> bool:
        """A tier uses a store or channel when its ``uses`` names it or it names none (it uses everything)."""
        return compute_tiers.uses(self.workload, tier, name)

    def front_tiers(self) -> set[str | None]:
        """The tiers clients call: ``serves_clients``, by default the first tier only (None: no tiers)."""
        if not self.tiers():
            return {None}
        return {t["name"] for t in self.tiers() if compute_tiers.serves_clients(self.workload, t["name"])}

    def call_back_tiers(self, n: int) -> None:
        """A tier that clients do not call and that reaches no store or channel would stand alone: it is
        called by the tiers clients call (a head node submitting jobs to its cluster). Each front copy calls
        the copy in its own AZ, or every copy when the tier runs elsewhere (one AZ, or outside the VPC)."""
        front = self.front_tiers() or {self.tiers()[0]["name"]} if self.tiers() else set()
        callers = [node for node in self.apps[n] if self.tier_of.get(node) in front]
        linked = {end for link in self.c.links.values() for end in (link.source, link.target)}
        alone = {self.tier_of.get(node) for node in self.apps[n] if node not in linked} - {None}
        for node in self.apps[n]:
            if node in callers or self.tier_of.get(node) not in alone:
                continue
            for caller in callers:
                letter = self.where(caller)[1]
                here = [other for other in self.az_apps.get((n, letter), []) if other == node] if letter else []
                beside = [other for other in self.apps[n] if self.tier_of.get(other) == self.tier_of.get(node)
                          and self.where(other)[1] == letter]
                if here or not beside:  # the copy in the caller's AZ, or any copy when none is there
                    self.c.link(caller, node, "calls")

    def tier_needs_vpc(self, tier: str) -> bool:
        """A tier of functions runs in the VPC only when it must: it uses a store or channel that lives there
        (a relational database, a file system, a broker), or it is a tier the hybrid link's users call.
        Functions reaching only DynamoDB, S3 or SQS stay outside, as AWS advises."""
        from ..knowledge import load_catalogue

        catalogue = load_catalogue()
        used = [d for d in self.decisions if d["concern"] in APP_DATA and d.get("subject") is not None
                and self.tier_uses(tier, str(d["subject"]))]
        return any(d["choice"] in catalogue and catalogue[d["choice"]].in_vpc for d in used) or \
            bool(self.choices("hybrid-connectivity")) and tier in self.front_tiers()

    def tier_rank(self, tier: str) -> int:
        """Where a tier is drawn in its column: the tiers clients call first, each group as listed."""
        names = [t["name"] for t in self.tiers()]
        front = self.front_tiers()
        ranked = sorted(names, key=lambda name: (name not in front, names.index(name)))
        return ranked.index(tier) if tier in ranked else len(ranked)

    def front_apps(self, n: int = 1, because: str | None = None) -> list[str]:
        """The compute nodes of a region that clients' requests reach (the front door's targets)."""
        front = self.front_tiers()
        nodes = self.app_nodes(n, because)
        return [node for node in nodes if self.tier_of.get(node) in front] or nodes

    def where(self, node: str) -> tuple[int | None, str | None, str | None]:
        """(region number, AZ letter, subnet tier) of a placed node, read from its groups."""
        region = letter = tier = None
        for group in self.c.ancestors(self.c.nodes[node].group):
            if group.kind.startswith("subnet-") and tier is None:
                tier = group.kind[len("subnet-"):]
            elif group.kind == "az" and letter is None:
                letter = group.code[-1] if group.code else None
            elif group.kind == "region" and region is None:
                region = next((n for n, code in self.region_codes.items() if code == group.code), None)
        return region, letter, tier

    def in_vpc(self, node: str) -> bool:
        return any(g.kind == "vpc" for g in self.c.ancestors(self.c.nodes[node].group))

    def compute_label(self, tier: str | None = None) -> tuple[list[str], list[str]]:
        """Annotation lines and decision keys written on a tier's compute nodes."""
        lines, keys = [], []
        for concern in ("ec2-purchasing", "placement-group", "hpc-networking"):
            for d in self.choices(concern):
                if tier is not None and d.get("subject") != tier:
                    continue
                text = ANNOTATIONS.get((concern, d["choice"]), d["choice"])
                if concern == "placement-group" and d["choice"] == "spread":
                    critical = get(self.workload, "compute", "critical_instances")
                    if critical:
                        text += f" ({critical} instances)"
                lines.append(text)
                keys.append(self.key(d))
        return lines, keys

    def place_compute(self, service: str, label: str, decision: str | None, n: int,
                      azs: Iterable[str] | None = None, note: str = "", role: str = "app",
                      because: str | None = None, tier: str | None = None) -> None:
        """A tier's compute in region ``n``: a copy in the app subnet of each AZ, or one regional node for
        functions outside a VPC. With compute tiers, each tier gets its own nodes, named after it."""
        lines, keys = self.compute_label(tier)
        if tier is not None:
            lines, keys = [tier, *lines], [None, *keys]
        in_vpc = service in IN_VPC_COMPUTE or service in (APP, "lambda") and self.needs_vpc() or \
            service == APP and bool(self.choices("load-balancer"))  # a load balancer's targets are in its VPC
        if service == "lambda" and tier is not None:
            in_vpc = self.tier_needs_vpc(tier)
        if service == "lambda" and in_vpc:
            label += " (in VPC)"
        if service == "eks" and pods_on_fargate(self.compute_decision(tier)):
            label += " on Fargate"
        if azs is None:
            azs = self.azs
            placement = self.choice("placement-group") if tier is None else self.choice_for("placement-group", tier)
            if placement == "cluster":
                azs = azs[:1]  # a cluster placement group lives in one AZ
        prefix = ("" if n == 1 else f"r{n}-") + ("app" if tier is None else f"app-{slug(tier)}")
        family = "app" if tier is None else f"app-{self.tier_rank(tier):02d}-{slug(tier)}"
        placed: list[str] = []
        if decision is None and because is None:
            because = self.first_key("ec2-purchasing", "placement-group", "hpc-networking", "compute")
        if in_vpc:
            for letter in azs:
                node = self.c.add(f"{prefix}-{letter}", service, label, self.subnet(n, letter, "app"), decision,
                                  role=role, family=family, because=because)
                placed.append(node)
                self.app_az.setdefault((n, letter), node)
                self.az_apps.setdefault((n, letter), []).append(node)
        else:
            node = self.c.add(prefix, service, label, self.region(n), decision, role=role, family=family,
                              because=because)
            placed.append(node)
        self.apps[n].extend(placed)
        for node in placed:
            self.tier_of[node] = tier
            for line, key in zip(lines, keys):
                self.c.annotate(node, key, line)
            if note:
                self.c.annotate(node, None, note)

    def from_apps(self, target: str, label: str, style: str = "solid", n: int = 1, kind: str = "data",
                  because: str | None = None) -> None:
        """Every AZ's copy of the app tier reaches ``target``: a tier is the same in every AZ."""
        for node in self.app_nodes(n, because):
            self.c.link(node, target, label, style, kind)

    def reach(self, sources: Iterable[str], target: str, label: str, kind: str = "data",
              style: str = "solid") -> None:
        """Sources call a regional service: through its VPC endpoint when the design has one and the
        source sits in a VPC (never around it), else directly (over the NAT path from a private subnet)."""
        endpoint = self.endpoint_node(ENDPOINT_SERVICE.get(self.c.service_of(target), ""))
        for source in sources:
            if endpoint and self.in_vpc(source):
                self.c.link(source, endpoint, "private", kind=kind)
                self.c.link(endpoint, target, label, style, "network")
            else:
                self.c.link(source, target, label, style, kind)

    def endpoint_decision(self, service_name: str) -> dict | None:
        for d in self.choices("private-service-access"):
            if endpoint_name(str(d["subject"])) == service_name:
                return d
        return None

    def endpoint_node(self, service_name: str) -> str | None:
        """The VPC endpoint node of an endpoint service, placed on first use."""
        d = self.endpoint_decision(service_name) if service_name else None
        if d is None:
            return None
        from .network import place_endpoint
        return place_endpoint(self, d)

    # -- anything else ----------------------------------------------------
    def leftovers(self, shown: set[str]) -> None:
        """Decisions no drawer drew: a node in the region, so nothing is lost."""
        for d in self.decisions:
            key = self.key(d)
            if key in shown:
                continue
            subject = f"\n{d['subject']}" if d.get("subject") is not None else ""
            node = self.c.add(f"other-{slug(key)}", str(d["choice"]), short_name(str(d["choice"])) + subject,
                              self.region(), key)
            if self.apps[1]:
                self.reach(self.apps[1], node, "uses")

    def run(self) -> Architecture:
        for drawer in ordered():
            drawer.draw(self)
            for (concern, choice), own in sorted(CHOICE_DRAWERS.items()):
                if concern in drawer.concerns:
                    for d in self.choices(concern):
                        if d["choice"] == choice:
                            own.draw(self, d)
        for n in self.apps:
            self.call_back_tiers(n)
        arch = self.c.freeze(self.name)
        missing = {self.key(d) for d in self.decisions} - arch.shown_decisions()
        if missing:
            self.leftovers(set(arch.shown_decisions()))
            arch = self.c.freeze(self.name)
        return arch
