"""The drawn architecture as plain, frozen data.

An :class:`Architecture` is what the diagram shows: nested groups (AWS Cloud,
Region, VPC, Availability Zone, subnet, and the users, internet and
on-premises site outside the cloud), components placed in groups, and links
between components. It decides nothing: every component either draws a
decision (``decision``) or supports the picture (``decision`` is None).

All collections are tuples sorted by id, so ``to_dict()`` is the same for the
same input and can be written to JSON and compared byte for byte.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

GROUP_KINDS = frozenset({
    "users", "internet", "on-premises", "cloud", "edge", "region", "vpc", "az",
    "subnet-public", "subnet-app", "subnet-data", "security", "analytics",
})
LINK_STYLES = frozenset({"solid", "dashed", "dotted"})
# What a link means, so checks, templates and legends never read labels or styles:
#   request      a client's request on its way to the application (users -> edge -> load balancer -> app)
#   data         a component reads or writes a store or a regional service (SQL, objects, send, poll, ...)
#   replication  a store copies its data to a standby, replica or second region
#   event        a service pushes to a target (S3 events, SNS delivery, stream triggers, fan-out)
#   protects     a firewall or DDoS protection attached to the resource it guards (not a hop)
#   dns          Route 53 answers with the target (alias or routing record)
#   network      packets through a gateway (NAT, internet gateway, endpoint to its service, hybrid gateways)
#   hybrid       the on-premises site over its link or appliance
#   admin        operators' access
#   backup       backups and their copies
#   monitors     a governance service reading another (Macie scanning buckets, logs shipped for search)
LINK_KINDS = frozenset({"request", "data", "replication", "event", "protects", "dns", "network", "hybrid",
                        "admin", "backup", "monitors"})
# Where a component sits, derived from its groups when the architecture is frozen.
TIERS = ("outside", "edge", "regional", "vpc", "public", "app", "data")


def decision_key(concern: str, subject: str | None) -> str:
    """The key that ties a component or group to a decision.

    ``"database:orders"`` for a decision about one store or channel,
    ``"internet-egress"`` for a whole-system decision (subject null).
    """
    return concern if subject is None else f"{concern}:{subject}"


@dataclass(frozen=True)
class Group:
    """A box that holds components and other groups."""

    id: str
    kind: str
    label: str
    parent: str | None = None
    decision: str | None = None
    code: str | None = None  # the AWS name of a region or an Availability Zone ("eu-west-1", "eu-west-1a")

    def __post_init__(self) -> None:
        if self.kind not in GROUP_KINDS:
            raise ValueError(f"group {self.id!r}: unknown kind {self.kind!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "label": self.label,
                "parent": self.parent, "decision": self.decision, "code": self.code}


@dataclass(frozen=True)
class Component:
    """One drawn service instance.

    ``service`` is a service id of the catalogue. ``decision`` is the key of
    the decision this node draws (see :func:`decision_key`), or None for a
    supporting node such as the users or an internet gateway. ``annotates``
    lists further decisions shown only in the label (Spot purchasing on a
    compute node, signed URLs on CloudFront ...).

    Placement is data, so nothing reads ids: ``region`` and ``az`` are the AWS
    names of the region and Availability Zone the component sits in (None
    outside them), ``tier`` one of :data:`TIERS`. ``role`` says what the node is
    within its decision (``primary``, ``standby``, ``replica``, ``consumer``,
    ``origin`` ...). ``family`` names the one logical thing a node is a copy of:
    the per-AZ copies of a tier, the numbered queues of a fan-out, or a copy in
    the second region all share it. ``spans`` lists the subnets a component is
    deployed across (a load balancer's nodes in each AZ). ``because`` is the
    decision a supporting node exists for (an internet gateway for the load
    balancer, a backup vault for the DR strategy).
    """

    id: str
    service: str
    label: str
    group: str
    decision: str | None = None
    annotates: tuple[str, ...] = ()
    role: str = ""
    family: str = ""
    spans: tuple[str, ...] = ()
    because: str | None = None
    region: str | None = None
    az: str | None = None
    tier: str = "outside"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "service": self.service, "label": self.label,
                "group": self.group, "decision": self.decision,
                "annotates": list(self.annotates), "role": self.role, "family": self.family,
                "spans": list(self.spans), "because": self.because,
                "region": self.region, "az": self.az, "tier": self.tier}


@dataclass(frozen=True)
class Link:
    """A directed edge: traffic, replication or a data path."""

    source: str
    target: str
    label: str = ""
    style: str = "solid"
    kind: str = "request"

    def __post_init__(self) -> None:
        if self.style not in LINK_STYLES:
            raise ValueError(f"link {self.source}->{self.target}: unknown style {self.style!r}")
        if self.kind not in LINK_KINDS:
            raise ValueError(f"link {self.source}->{self.target}: unknown kind {self.kind!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target,
                "label": self.label, "style": self.style, "kind": self.kind}


@dataclass(frozen=True)
class Architecture:
    name: str
    groups: tuple[Group, ...] = ()
    components: tuple[Component, ...] = ()
    links: tuple[Link, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "groups", tuple(sorted(self.groups, key=lambda g: g.id)))
        object.__setattr__(self, "components", tuple(sorted(self.components, key=lambda c: c.id)))
        object.__setattr__(self, "links", tuple(sorted(
            self.links, key=lambda l: (l.source, l.target, l.label, l.style))))
        self._check()

    def _check(self) -> None:
        group_ids = [g.id for g in self.groups]
        component_ids = [c.id for c in self.components]
        for ids, what in ((group_ids, "group"), (component_ids, "component")):
            if len(set(ids)) != len(ids):
                raise ValueError(f"duplicate {what} id in architecture {self.name!r}")
        known_groups = set(group_ids)
        for g in self.groups:
            if g.parent is not None and g.parent not in known_groups:
                raise ValueError(f"group {g.id!r}: unknown parent {g.parent!r}")
        for c in self.components:
            if c.group not in known_groups:
                raise ValueError(f"component {c.id!r}: unknown group {c.group!r}")
            if set(c.spans) - known_groups:
                raise ValueError(f"component {c.id!r}: spans unknown groups {sorted(set(c.spans) - known_groups)}")
        known = set(component_ids)
        for link in self.links:
            if link.source not in known or link.target not in known:
                raise ValueError(f"link {link.source}->{link.target}: unknown component")

    # -- queries used by the renderer, the report and tests -----------------
    # Indexes by id, built once: the renderer looks groups and components up for every link of every
    # declaration it lays out. (cached_property writes the instance dict, so the dataclass stays frozen.)
    @cached_property
    def _groups_by_id(self) -> dict[str, Group]:
        return {g.id: g for g in self.groups}

    @cached_property
    def _components_by_id(self) -> dict[str, Component]:
        return {c.id: c for c in self.components}

    def group(self, group_id: str) -> Group:
        return self._groups_by_id[group_id]

    def component(self, component_id: str) -> Component:
        return self._components_by_id[component_id]

    def children(self, parent: str | None) -> tuple[Group, ...]:
        return tuple(g for g in self.groups if g.parent == parent)

    def members(self, group_id: str) -> tuple[Component, ...]:
        return tuple(c for c in self.components if c.group == group_id)

    def ancestors(self, group_id: str) -> tuple[Group, ...]:
        """The group itself and every group that contains it, innermost first."""
        by_id = self._groups_by_id
        chain = []
        current: str | None = group_id
        while current is not None:
            chain.append(by_id[current])
            current = by_id[current].parent
        return tuple(chain)

    def enclosing(self, component_id: str, kind: str) -> Group | None:
        """The nearest group of ``kind`` around a component, if any."""
        for g in self.ancestors(self.component(component_id).group):
            if g.kind == kind:
                return g
        return None

    def links_from(self, component_id: str) -> tuple[Link, ...]:
        return tuple(l for l in self.links if l.source == component_id)

    def links_to(self, component_id: str) -> tuple[Link, ...]:
        return tuple(l for l in self.links if l.target == component_id)

    def for_decision(self, key: str) -> tuple[Component, ...]:
        return tuple(c for c in self.components if c.decision == key)

    def shown_decisions(self) -> frozenset[str]:
        """Every decision key visible in the drawing (node, label or group)."""
        keys = {c.decision for c in self.components if c.decision}
        keys.update(k for c in self.components for k in c.annotates)
        keys.update(g.decision for g in self.groups if g.decision)
        return frozenset(keys)

    @classmethod
    def from_dict(cls, name: str, data: dict[str, Any]) -> "Architecture":
        """The architecture as written in decisions.json (its groups, components and links)."""
        return cls(
            name,
            tuple(Group(**g) for g in data["groups"]),
            tuple(Component(**{**c, "annotates": tuple(c["annotates"]), "spans": tuple(c.get("spans", ()))})
                  for c in data["components"]),
            tuple(Link(**link) for link in data["links"]),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "groups": [g.to_dict() for g in self.groups],
            "components": [c.to_dict() for c in self.components],
            "links": [l.to_dict() for l in self.links],
        }
