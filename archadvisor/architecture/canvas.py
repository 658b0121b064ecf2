"""Mutable scratch space where the builder places groups, nodes and links.

The builder adds things in whatever order the decisions need; ``freeze``
drops empty groups and returns the sorted, frozen :class:`Architecture`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Architecture, Component, Group, Link


def slug(text: object) -> str:
    """A readable id fragment: ``"Order Events"`` -> ``"order-events"``."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-") or "x"


# The tier a group puts its members in (see model.TIERS); the innermost group that says decides.
TIER_OF_GROUP = {"subnet-public": "public", "subnet-app": "app", "subnet-data": "data", "az": "vpc",
                 "vpc": "vpc", "region": "regional", "security": "regional", "analytics": "regional",
                 "cloud": "edge", "edge": "edge", "users": "outside", "internet": "outside",
                 "on-premises": "outside"}


@dataclass
class _Node:
    id: str
    service: str
    lines: list[str]
    group: str
    decision: str | None
    annotates: list[str] = field(default_factory=list)
    role: str = ""
    family: str = ""
    spans: tuple[str, ...] = ()
    because: str | None = None


class Canvas:
    def __init__(self) -> None:
        self.groups: dict[str, Group] = {}
        self.nodes: dict[str, _Node] = {}
        self.links: dict[tuple[str, str, str], Link] = {}

    # -- groups -------------------------------------------------------------
    def group(self, group_id: str, kind: str, label: str, parent: str | None,
              decision: str | None = None, code: str | None = None) -> str:
        if group_id not in self.groups:
            self.groups[group_id] = Group(group_id, kind, label, parent, decision, code)
        return group_id

    def set_group_decision(self, group_id: str, label: str, decision: str) -> None:
        g = self.groups[group_id]
        self.groups[group_id] = Group(g.id, g.kind, label, g.parent, decision, g.code)

    def ancestors(self, group_id: str) -> list[Group]:
        """The group and every group around it, innermost first."""
        chain = []
        current: str | None = group_id
        while current is not None:
            chain.append(self.groups[current])
            current = self.groups[current].parent
        return chain

    # -- components ---------------------------------------------------------
    def add(self, node_id: str, service: str, label: str, group: str, decision: str | None = None, *,
            role: str = "", family: str = "", spans: tuple[str, ...] = (), because: str | None = None) -> str:
        """Place a component and return its id. Adding the same thing again (same service, group and
        decision) returns the first one; a different thing whose derived id is taken (a channel named like
        another channel's numbered queue) gets the id with ``--2``, ``--3``...: slugs never hold two dashes
        in a row, so these ids cannot collide with derived ones, and no component loses its links."""
        existing = self.nodes.get(node_id)
        if existing is not None:
            if (existing.service, existing.group, existing.decision) == (service, group, decision):
                return node_id
            n = 2
            while f"{node_id}--{n}" in self.nodes:
                n += 1
            node_id = f"{node_id}--{n}"
        self.nodes[node_id] = _Node(node_id, service, label.split("\n"), group, decision, [], role,
                                    family or node_id, tuple(spans), because)
        return node_id

    def has(self, node_id: str) -> bool:
        return node_id in self.nodes

    def service_of(self, node_id: str) -> str:
        return self.nodes[node_id].service

    def find(self, *services: str) -> list[str]:
        return sorted(n.id for n in self.nodes.values() if n.service in services)

    def annotate(self, node_id: str, key: str | None, text: str | None) -> None:
        """Write a further decision on a node's label."""
        node = self.nodes[node_id]
        if text and text not in node.lines:
            node.lines.append(text)
        if key and key != node.decision and key not in node.annotates:
            node.annotates.append(key)

    # -- links --------------------------------------------------------------
    def link(self, source: str, target: str, label: str = "", style: str = "solid", kind: str = "request") -> None:
        if source == target:
            return
        self.links.setdefault((source, target, label), Link(source, target, label, style, kind))

    def linked(self, source: str, target: str) -> bool:
        return any(s == source and t == target for s, t, _ in self.links)

    def callers(self, target: str, label: str) -> list[str]:
        """The sources of the links into ``target`` labelled ``label``, in the order they were drawn."""
        return [s for s, t, text in self.links if t == target and text == label]

    def unlink(self, source: str, target: str, label: str) -> None:
        """Take a link out: a component put between the two (a proxy) carries it instead."""
        self.links.pop((source, target, label), None)

    # -- result -------------------------------------------------------------
    def freeze(self, name: str) -> Architecture:
        used = set()
        for node in self.nodes.values():
            for start in (node.group, *node.spans):  # a spanned subnet is drawn, even with no member
                current: str | None = start
                while current is not None and current not in used:
                    used.add(current)
                    current = self.groups[current].parent
        components = [self._component(n) for n in self.nodes.values()]
        groups = [g for g in self.groups.values() if g.id in used]
        return Architecture(name, tuple(groups), tuple(components), tuple(self.links.values()))

    def _component(self, node: _Node) -> Component:
        region = az = None
        tier = ""
        current: str | None = node.group
        while current is not None:
            group = self.groups[current]
            tier = tier or TIER_OF_GROUP.get(group.kind, "")
            if group.kind == "region" and region is None:
                region = group.code
            if group.kind == "az" and az is None:
                az = group.code
            current = group.parent
        return Component(node.id, node.service, "\n".join(node.lines), node.group, node.decision,
                         tuple(sorted(node.annotates)), node.role, node.family, node.spans, node.because,
                         region, az, tier or "outside")
