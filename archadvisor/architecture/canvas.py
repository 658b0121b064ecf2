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


@dataclass
class _Node:
    id: str
    service: str
    lines: list[str]
    group: str
    decision: str | None
    annotates: list[str] = field(default_factory=list)


class Canvas:
    def __init__(self) -> None:
        self.groups: dict[str, Group] = {}
        self.nodes: dict[str, _Node] = {}
        self.links: dict[tuple[str, str, str], Link] = {}

    # -- groups -------------------------------------------------------------
    def group(self, group_id: str, kind: str, label: str, parent: str | None,
              decision: str | None = None) -> str:
        if group_id not in self.groups:
            self.groups[group_id] = Group(group_id, kind, label, parent, decision)
        return group_id

    def set_group_decision(self, group_id: str, label: str, decision: str) -> None:
        g = self.groups[group_id]
        self.groups[group_id] = Group(g.id, g.kind, label, g.parent, decision)

    # -- components ---------------------------------------------------------
    def add(self, node_id: str, service: str, label: str, group: str,
            decision: str | None = None) -> str:
        """Place a component; adding the same id again returns the first one."""
        if node_id not in self.nodes:
            self.nodes[node_id] = _Node(node_id, service, label.split("\n"), group, decision)
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
    def link(self, source: str, target: str, label: str = "", style: str = "solid") -> None:
        if source == target:
            return
        self.links.setdefault((source, target, label), Link(source, target, label, style))

    # -- result -------------------------------------------------------------
    def freeze(self, name: str) -> Architecture:
        used = set()
        for node in self.nodes.values():
            current: str | None = node.group
            while current is not None and current not in used:
                used.add(current)
                current = self.groups[current].parent
        components = [
            Component(n.id, n.service, "\n".join(n.lines), n.group, n.decision,
                      tuple(sorted(n.annotates)))
            for n in self.nodes.values()
        ]
        groups = [g for g in self.groups.values() if g.id in used]
        return Architecture(name, tuple(groups), tuple(components), tuple(self.links.values()))
