"""Architecture + decisions + workload -> CloudFormation templates (plain dicts).

The generator walks the same :class:`Architecture` the diagram draws. Components are gathered into
*units*: the components of one decision in one region (the app tier's copy in each AZ, a database's primary
and standby, the NAT gateways of every AZ), or a single component that draws no decision. Each unit is
handed to the handler of its decision's choice (or of its service), in phases so that what a unit needs
(a subnet, a key, a target group) exists before it is used. Security group rules are derived last, from the
links between units, with the port the target unit listens on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..architecture.model import Architecture, Component
from ..engine.model import built_choice
from .core import Json, Origin, Template

EDGE = "#edge"  # key of the us-east-1 template for CloudFront's web ACL
TIERED = {"fargate", "ecs-on-ec2", "eks", "ec2-auto-scaling", "ec2", "elastic-beanstalk", "lambda"}
OUTSIDE = {"users", "internet", "mobile-client", "iot-device", "on-premises-server", "on-premises-site"}
# Partner regions for a second region the workload does not name: the usual DR pairs.
PARTNER_REGIONS = {
    "us-east-1": "us-west-2", "us-east-2": "us-west-2", "us-west-1": "us-east-1", "us-west-2": "us-east-1",
    "ca-central-1": "ca-west-1", "eu-west-1": "eu-central-1", "eu-west-2": "eu-west-1",
    "eu-west-3": "eu-central-1", "eu-central-1": "eu-west-1", "eu-north-1": "eu-west-1",
    "eu-south-1": "eu-central-1", "ap-southeast-1": "ap-southeast-2", "ap-southeast-2": "ap-southeast-1",
    "ap-northeast-1": "ap-northeast-3", "ap-northeast-2": "ap-northeast-1", "ap-northeast-3": "ap-northeast-1",
    "ap-south-1": "ap-south-2", "sa-east-1": "us-east-1",
}


@dataclass
class Unit:
    """Components of one decision in one region, or one undecided component."""

    name: str
    members: tuple[Component, ...]
    template: Template
    decision: dict | None

    @property
    def lead(self) -> Component:
        return self.members[0]

    @property
    def key(self) -> str | None:
        return self.lead.decision

    @property
    def choice(self) -> str | None:
        return str(self.decision["choice"]) if self.decision else None

    @property
    def subject(self) -> str | None:
        return None if not self.decision or self.decision.get("subject") is None else str(self.decision["subject"])

    def origin(self, note: str = "", member: Component | None = None) -> Origin:
        source = (member or self.lead).id if member or len(self.members) == 1 else ", ".join(m.id for m in self.members)
        return Origin(source, self.key, self.decision.get("rule") if self.decision else None, self.choice, note)

    def logical(self, suffix: str) -> str:
        return self.template.logical(self.name, suffix)


@dataclass
class Manual:
    """A step CloudFormation cannot do: listed in the report, never dropped silently."""

    step: str
    source: str
    decision: str | None


@dataclass
class Result:
    templates: dict[str, Json]            # file name -> template
    regions: dict[str, str]               # file name -> region
    manual: list[Manual]
    resource_types: list[str]
    uncovered: list[str] = field(default_factory=list)  # services drawn that no template holds


Handler = Callable[["Generator", Unit], None]


class Generator:
    def __init__(self, architecture: Architecture, doc: dict[str, Any], workload: dict[str, Any]) -> None:
        from . import compute, data, edge, frontdoor, governance, hybrid, messaging, network
        self.arch = architecture
        self.doc = doc
        self.workload = workload or {}
        self.name = str(doc.get("workload") or architecture.name)
        self.decisions = {self._key(d): d for d in doc.get("decisions", []) if d.get("concern")}
        self.handlers: dict[str, tuple[int, Handler]] = {}
        for module in (network, data, messaging, compute, frontdoor, edge, governance, hybrid):
            self.handlers.update(module.HANDLERS)
        from .registry import EXTRA_HANDLERS
        self.handlers.update(EXTRA_HANDLERS)  # choices whose resources are registered beside their rules
        self.region_name = str(self.workload.get("region") or "us-east-1")
        regions = sorted((g for g in architecture.groups if g.kind == "region"), key=self._region_order)
        self.second_region_name = self._second_region(regions[1].id if len(regions) > 1 else None)
        self.primary_region_group = regions[0].id if regions else None
        self.templates: dict[str | None, Template] = {}
        for index, group in enumerate(regions):
            region = self.region_name if index == 0 else self.second_region_name
            role = "primary" if index == 0 else "recovery"
            self.templates[group.id] = Template(region, f"archadvisor: {self.name}, {role} region ({region}). "
                                                        "Generated from the design's decisions; see Metadata.")
        if not self.templates:
            self.templates[None] = Template(self.region_name, f"archadvisor: {self.name} ({self.region_name}).")
        self.manual: list[Manual] = []
        self.refs: dict[str, dict[str, Any]] = {}     # unit name or component id -> what later handlers need
        self.shared: dict[tuple[int, str], Any] = {}   # (template, what) -> logical id
        self.ports: dict[str, list[tuple[str, int, int]]] = {}  # unit name -> (protocol, from, to)
        self.security_groups: dict[str, str] = {}      # unit name -> logical id of its group
        self.units = self._units()
        self.unit_of = {m.id: u for u in self.units for m in u.members}
        self.net: dict[int, Any] = {}                  # template id -> network.Network
        self.manual_failover = False                   # CloudFront's origin is switched by a stack update

    # -- reading the model ------------------------------------------------------------------------------
    @staticmethod
    def _key(d: dict) -> str:
        return str(d["concern"]) if d.get("subject") is None else f"{d['concern']}:{d['subject']}"

    def _second_region(self, group_id: str | None) -> str:
        """The second region's name: as the model places its components (when components carry their region),
        else the workload's dr_region, else the usual partner of the primary region."""
        for component in self.arch.components:
            named = getattr(component, "region", None)
            if named and named != self.region_name and group_id and any(
                    g.id == group_id for g in self.arch.ancestors(component.group)):
                return str(named)
        given = self.get("availability", "dr_region")
        if given and given != self.region_name:
            return str(given)
        return PARTNER_REGIONS.get(self.region_name, "us-west-2" if self.region_name != "us-west-2" else "us-east-1")

    @staticmethod
    def _region_order(group: Any) -> tuple[int, str]:
        return (0 if group.decision is None else 1, group.id)

    def decision(self, key: str | None) -> dict | None:
        return self.decisions.get(key) if key else None

    def choice(self, concern: str) -> str | None:
        """What the template builds for a whole-system concern: the choice, or what replaces it when AWS no
        longer sells it (the decision's ``replaced_by``: Scheduled Reserved Instances -> On-Demand)."""
        found = self.decisions.get(concern)
        return built_choice(found) if found else None

    def choices(self, concern: str) -> list[dict]:
        return [d for k, d in sorted(self.decisions.items()) if d["concern"] == concern]

    def template_of(self, component: Component) -> Template:
        region = self.arch.enclosing(component.id, "region")
        if region is None or region.id not in self.templates:
            return self.templates.get(self.primary_region_group) or next(iter(self.templates.values()))
        return self.templates[region.id]

    def is_primary(self, template: Template) -> bool:
        return template is (self.templates.get(self.primary_region_group) or next(iter(self.templates.values())))

    @property
    def primary(self) -> Template:
        return self.templates.get(self.primary_region_group) or next(iter(self.templates.values()))

    @property
    def secondary(self) -> Template | None:
        others = [t for key, t in self.templates.items() if t is not self.primary and key != EDGE]
        return others[0] if others else None

    def edge(self) -> Template:
        """The template holding what CloudFront needs in us-east-1 (its web ACL), when the design is elsewhere."""
        for template in self.templates.values():
            if template.region == "us-east-1":
                return template
        self.templates[EDGE] = Template("us-east-1", f"archadvisor: {self.name}, CloudFront's resources that "
                                                     "must live in us-east-1. Deploy it first.")
        return self.templates[EDGE]

    def _units(self) -> list[Unit]:
        grouped: dict[tuple[int, str], list[Component]] = {}
        for component in self.arch.components:
            template = self.template_of(component)
            grouped.setdefault((id(template), self._unit_key(component)), []).append(component)
        units = []
        for (template_id, key), members in grouped.items():
            template = next(t for t in self.templates.values() if id(t) == template_id)
            lead = members[0]
            decision = self.decision(lead.decision)
            if decision and not self.is_primary(template):
                name = f"{key}-secondary"
            elif decision:
                name = key
            else:
                name = _common_name([m.id for m in members])
            # The member that draws the decision's choice leads (the primary before its standby).
            members.sort(key=lambda c: (decision is not None and c.service != decision["choice"], c.id))
            units.append(Unit(name, tuple(members), template, decision))
        return sorted(units, key=lambda u: u.name)

    def _unit_key(self, component: Component) -> str:
        """Components of one decision form a unit; so do undecided copies of a compute tier (the second
        region's app in each AZ) that the same sources reach; anything else stands alone (the consumers of a
        channel are distinct applications even when one topic reaches them all)."""
        if component.decision:
            return component.decision
        if component.service in TIERED and self.arch.enclosing(component.id, "az") is not None:
            sources = sorted(link.source for link in self.arch.links if link.target == component.id)
            if sources:
                return f"#{component.service}<-{','.join(sources)}"
        return f"#{component.id}"

    def handler(self, unit: Unit) -> tuple[int, Handler] | None:
        if unit.choice and unit.choice in self.handlers and unit.lead.service not in ("rds-standby",):
            return self.handlers[unit.choice]
        return self.handlers.get(unit.lead.service)

    def units_of(self, service: str) -> list[Unit]:
        return [u for u in self.units if any(m.service == service for m in u.members)]

    def linked(self, unit: Unit, *, outgoing: bool = True, style: str | None = None) -> list[Unit]:
        """Units at the other end of this unit's links (sorted, each once)."""
        ids = {m.id for m in unit.members}
        found: dict[str, Unit] = {}
        for link in self.arch.links:
            if style and link.style != style:
                continue
            here, there = (link.source, link.target) if outgoing else (link.target, link.source)
            if here in ids and there not in ids:
                found[self.unit_of[there].name] = self.unit_of[there]
        return [found[k] for k in sorted(found)]

    def store(self, name: str | None) -> dict[str, Any]:
        """The workload's data store entry of this name."""
        for entry in self.workload.get("data") or []:
            if isinstance(entry, dict) and str(entry.get("name")) == name:
                return entry
        return {}

    def channel(self, name: str | None) -> dict[str, Any]:
        for entry in self.workload.get("messaging") or []:
            if isinstance(entry, dict) and str(entry.get("name")) == name:
                return entry
        return {}

    def get(self, *path: str, default: Any = None) -> Any:
        value: Any = self.workload
        for part in path:
            if not isinstance(value, dict) or part not in value:
                return default
            value = value[part]
        return value

    # -- helpers for handlers ---------------------------------------------------------------------------
    def add_manual(self, step: str, unit: Unit) -> None:
        self.manual.append(Manual(step, ", ".join(m.id for m in unit.members), unit.key))

    def network(self, template: Template) -> Any:
        from .network import Network
        if id(template) not in self.net:
            index = list(self.templates.values()).index(template)
            self.net[id(template)] = Network(self, template, index)
        return self.net[id(template)]

    def has_vpc(self, template: Template) -> bool:
        return any(g.kind == "vpc" and self._template_of_group(g.id) is template for g in self.arch.groups)

    def _template_of_group(self, group_id: str) -> Template:
        for g in self.arch.ancestors(group_id):
            if g.kind == "region" and g.id in self.templates:
                return self.templates[g.id]
        return self.primary

    def kms_key(self, template: Template) -> Json | None:
        """The workload's KMS key in this template (an encryption decision), or None for AWS-managed keys."""
        if not self.decisions.get("encryption"):
            return None
        from .governance import ensure_key
        return ensure_key(self, template)

    def kms_arn(self, template: Template) -> Json | None:
        key = self.kms_key(template)
        return None if key is None else {"Fn::GetAtt": [key["Ref"], "Arn"]}

    def security_group(self, unit: Unit, description: str) -> str:
        if unit.name not in self.security_groups:
            net = self.network(unit.template)
            name = unit.logical("SecurityGroup")
            # A NAT instance forwards whatever its subnets send; every other group starts with HTTPS out only
            # (AWS APIs through endpoints or NAT) and gains an egress rule per link it starts (see security.py).
            forwards = unit.lead.service == "nat-instance"
            egress = {"IpProtocol": "-1", "CidrIp": "0.0.0.0/0", "Description": "Forwarded traffic"} if forwards \
                else {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0",
                      "Description": "HTTPS to AWS APIs (through VPC endpoints or the NAT path)"}
            unit.template.add(name, "AWS::EC2::SecurityGroup", {
                "GroupDescription": description,
                "VpcId": net.vpc_ref(),
                "SecurityGroupEgress": [egress],
            }, unit.origin("Ingress and egress rules are derived from the links into and out of this unit"))
            self.security_groups[unit.name] = name
        return self.security_groups[unit.name]

    def listen(self, unit: Unit, protocol: str, low: int, high: int | None = None) -> None:
        self.ports.setdefault(unit.name, [])
        entry = (protocol, low, low if high is None else high)
        if entry not in self.ports[unit.name]:
            self.ports[unit.name].append(entry)

    # -- the run ----------------------------------------------------------------------------------------
    def run(self) -> Result:
        plan = []
        uncovered = []
        for unit in self.units:
            found = self.handler(unit)
            if found is None:
                if unit.lead.service not in OUTSIDE:  # never dropped silently: the report lists it
                    uncovered.append(unit.lead.service)
                    self.add_manual(f"Create the {unit.lead.service} of {unit.lead.id} by hand: the generator "
                                    "has no template for this service yet.", unit)
                continue
            plan.append((found[0], unit.name, unit, found[1]))
        from .frontdoor import lambda_targets
        from .messaging import subscriptions
        for phase, _, unit, handle in sorted(plan, key=lambda p: (p[0], p[1])):
            handle(self, unit)
        for unit in self.units:  # wiring that needs both ends: push subscriptions, functions behind a balancer
            if unit.lead.service == "sns" and unit.choice != "sns-sqs-fanout":
                subscriptions(self, unit)
            if self.refs.get(unit.name, {}).get("function") and self.refs[unit.name].get("target_groups"):
                lambda_targets(self, unit)
        for network in self.net.values():
            network.finish()
        from .security import derive_rules
        derive_rules(self)
        return self._result(sorted(set(uncovered)))

    def _result(self, uncovered: list[str]) -> Result:
        files, regions = {}, {}
        for template in self.templates.values():
            if not template.resources:
                continue
            name = "template.yaml" if template is self.primary else f"template-{template.region}.yaml"
            files[name] = template.to_dict()
            regions[name] = template.region
        if "template.yaml" not in files:  # nothing to deploy in the primary region: still a valid template
            self.primary.add("Placeholder", "AWS::CloudFormation::WaitConditionHandle", None,
                             Origin("architecture", None, None, note="the design has no AWS resource to create"))
            files = {"template.yaml": self.primary.to_dict(), **files}
            regions = {"template.yaml": self.primary.region, **regions}
        second_template = self.secondary
        if second_template is not None and second_template.resources:
            second = f"template-{second_template.region}.yaml"
            self.manual.insert(0, Manual(
                f"Deploy in this order: template.yaml in {self.region_name}; then {second} in "
                f"{self.second_region_name}; then update the first stack with SecondRegionReady=true and the "
                "second stack's outputs (replication, secondary records and endpoints wait for it).",
                "second region", self.decisions.get("dr-strategy") and "dr-strategy"))
        if self.manual_failover:
            self.manual.append(Manual("To fail over, update the primary stack with ActiveOrigin=secondary: "
                                      "CloudFront then sends dynamic requests to the second region.",
                                      "edge", "dr-strategy" if "dr-strategy" in self.decisions else None))
        types = sorted({r["Type"] for t in files.values() for r in t["Resources"].values()})
        return Result(dict(sorted(files.items(), key=lambda kv: (kv[0] != "template.yaml", kv[0]))),
                      regions, _merged(self.manual), types, uncovered)


def _common_name(ids: list[str]) -> str:
    """The shared beginning of several component ids (r2-app-a, r2-app-b -> r2-app), or the only id."""
    if len(ids) == 1:
        return ids[0]
    prefix = ids[0]
    for other in ids[1:]:
        while not other.startswith(prefix):
            prefix = prefix[:-1]
    return prefix.rstrip("-_") or ids[0]


def _merged(steps: list[Manual]) -> list[Manual]:
    """One entry per step text, naming every component it applies to, in first-seen order."""
    merged: dict[str, Manual] = {}
    for step in steps:
        if step.step in merged:
            known = merged[step.step]
            sources = known.source.split(", ") + [s for s in step.source.split(", ") if s not in known.source.split(", ")]
            merged[step.step] = Manual(step.step, ", ".join(sources), known.decision or step.decision)
        else:
            merged[step.step] = step
    return list(merged.values())
