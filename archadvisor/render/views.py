"""Pages of a drawing: one for a design that fits a page, an overview plus views for a large one.

A design of more than :data:`PAGE` components does not read on one page:
it is drawn as an overview, where the Availability Zones of a VPC fold into
one row and repeated siblings (the per-AZ copies of a tier, the numbered
queues of a fan-out, a dozen tables of one service) are drawn once with a
count ("3 x ..."), and one view per aspect: the request path, data,
messaging and events, the network, disaster recovery. Each view keeps only
the links of its kinds and what they join, folded the same way when it is
still too large. The views are architectures of their own, derived from the
model and drawn by the same layout.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from .scene import Scene, build_scene

if TYPE_CHECKING:
    from archadvisor.architecture.model import Architecture, Component, Link

PAGE = 30  # components one page holds
FOLDED = 20  # a folded page whose siblings still number more than this is folded by service as well
MESSAGING_ROLES = frozenset({"channel", "topic", "subscription-queue", "event-queue", "stream", "consumer"})


def _messaging(arch: "Architecture", link: "Link") -> bool:
    return link.kind == "event" or (link.kind == "data" and (
        arch.component(link.source).role in MESSAGING_ROLES or arch.component(link.target).role in MESSAGING_ROLES))


def _endpoint_hop(arch: "Architecture", link: "Link") -> bool:
    return link.kind == "data" or (link.kind == "network" and arch.component(link.source).role == "endpoint")


# (file stem, title, which links the view keeps)
VIEWS: tuple[tuple[str, str, Callable[["Architecture", "Link"], bool]], ...] = (
    ("requests", "request path", lambda arch, link: link.kind in ("request", "dns", "protects")),
    ("data", "data", _endpoint_hop),
    ("events", "messaging and events", _messaging),
    ("network", "network", lambda arch, link: link.kind in ("network", "hybrid")),
    ("dr", "disaster recovery", lambda arch, link: link.kind in ("replication", "backup")),
)


def pages(arch: "Architecture") -> list[tuple[str, Scene]]:
    """(file stem, scene) of each page, the main drawing first."""
    if len(arch.components) <= PAGE:
        return [("diagram", build_scene(arch, f"{arch.name}: AWS architecture"))]
    overview = fold(arch)
    result = [("diagram", build_scene(overview, f"{arch.name}: overview ({len(arch.components)} components,"
                                                f" views follow)", overview=True))]
    for stem, title, keeps in VIEWS:
        view = subset(arch, lambda link: keeps(arch, link))
        if view.links:
            if len(view.components) > FOLDED:
                view = fold(view)
            result.append((f"diagram-{stem}", build_scene(view, f"{arch.name}: {title}")))
    return result


def full_scene(arch: "Architecture", drawn: list[tuple[str, Scene]]) -> Scene:
    """The scene of every component: the only page of a small design, else laid out anew."""
    if len(drawn) == 1:
        return drawn[0][1]
    return build_scene(arch, f"{arch.name}: AWS architecture")


def subset(arch: "Architecture", keeps: Callable[["Link"], bool]) -> "Architecture":
    """The links ``keeps`` keeps, the components they join and the groups around them."""
    from archadvisor.architecture.model import Architecture

    links = [link for link in arch.links if keeps(link)]
    used = {link.source for link in links} | {link.target for link in links}
    components = [c for c in arch.components if c.id in used]
    components = [_with(c, spans=tuple(s for s in c.spans if s in _groups_of(arch, components)) or c.spans)
                  for c in components]
    return Architecture(arch.name, _groups_used(arch, components), tuple(components), tuple(links))


def _groups_of(arch: "Architecture", components) -> set[str]:
    return {g.id for c in components for g in arch.ancestors(c.group)}


def _groups_used(arch: "Architecture", components) -> tuple:
    used = _groups_of(arch, components)
    used |= {g.id for c in components for s in c.spans for g in arch.ancestors(s)}
    return tuple(g for g in arch.groups if g.id in used)


def _with(component: "Component", **changes) -> "Component":
    from dataclasses import replace
    return replace(component, **changes)


def fold(arch: "Architecture") -> "Architecture":
    """AZ rows folded into one per VPC and repeated siblings drawn once with a count; if that is still
    more than a page, every group's members of one service and role are drawn once with a count too."""
    folded = _fold(_fold_pairs(_fold_azs(arch)), lambda c: (c.family, c.role, c.region, c.group))
    if len(folded.components) > FOLDED:
        # Endpoints stay apart: each faces its own service across the VPC's edge.
        folded = _fold(folded, lambda c: (c.service, c.role, c.region, c.group, c.id if c.role == "endpoint" else ""),
                       by_service=True)
    if len(folded.components) > FOLDED:  # still too many: the endpoints too
        folded = _fold(folded, lambda c: (c.service, c.role, c.region, c.group), by_service=True)
    return folded


def _fold_azs(arch: "Architecture") -> "Architecture":
    """Every AZ of a VPC into its first: subnets into that AZ's subnet of the same kind."""
    from archadvisor.architecture.model import Architecture, Group

    into: dict[str, str] = {}
    groups = {g.id: g for g in arch.groups}
    for vpc in (g for g in arch.groups if g.kind == "vpc"):
        azs = sorted((g for g in arch.children(vpc.id) if g.kind == "az"), key=lambda g: (g.code or "", g.id))
        if len(azs) < 2:
            continue
        first = azs[0]
        codes = ", ".join(g.code or g.id for g in azs)
        groups[first.id] = Group(first.id, "az", f"{len(azs)} Availability Zones ({codes})", vpc.id,
                                 first.decision, first.code)
        kinds = {g.kind: g.id for g in arch.children(first.id)}
        for az in azs[1:]:
            into[az.id] = first.id
            del groups[az.id]
            for subnet in arch.children(az.id):
                if subnet.kind in kinds:
                    into[subnet.id] = kinds[subnet.kind]
                    del groups[subnet.id]
                else:
                    kinds[subnet.kind] = subnet.id
                    groups[subnet.id] = Group(subnet.id, subnet.kind, subnet.label, first.id, subnet.decision)
    components = [_with(c, group=into.get(c.group, c.group), az=None if c.group in into or c.az else c.az,
                        spans=tuple(dict.fromkeys(into.get(s, s) for s in c.spans)))
                  for c in arch.components]
    return Architecture(arch.name, tuple(groups.values()), tuple(components), arch.links)


PAIRS = {"standby": ("primary", "active")}  # a standby, and the roles of what it stands by for


def _fold_pairs(arch: "Architecture") -> "Architecture":
    """A standby drawn with what it stands by for, once the AZ rows are folded (it is that store's copy
    in another AZ): "RDS Multi-AZ primary + standby". The line between them goes with it; the DR view
    draws it."""
    from archadvisor.architecture.model import Architecture, Link

    into, labels = {}, {}
    for standby in (c for c in arch.components if c.role in PAIRS):
        partner = next((c for c in arch.components if c.family == standby.family and c.group == standby.group
                        and c.region == standby.region and c.role in PAIRS[standby.role]), None)
        if partner is not None:
            into[standby.id] = partner.id
            first, _, rest = partner.label.partition("\n")
            labels[partner.id] = f"{first} + standby" + (f"\n{rest}" if rest else "")
    if not into:
        return arch
    components = tuple(_with(c, label=labels.get(c.id, c.label)) for c in arch.components if c.id not in into)
    links: dict[tuple[str, str, str], Link] = {}
    for link in arch.links:
        source, target = into.get(link.source, link.source), into.get(link.target, link.target)
        if source != target:
            links.setdefault((source, target, link.kind), Link(source, target, link.label, link.style, link.kind))
    return Architecture(arch.name, arch.groups, components, tuple(links.values()))


_COUNT = re.compile(r"^(\d+) x ")


def _count(label: str) -> int:
    """How many components a drawn one stands for: the count a fold wrote on it, else one."""
    match = _COUNT.match(label)
    return int(match.group(1)) if match else 1


def _fold(arch: "Architecture", key: Callable, by_service: bool = False) -> "Architecture":
    """Components with the same ``key`` drawn once: the first of them, labelled with the count."""
    from archadvisor.architecture.model import Architecture, Link

    siblings: dict[tuple, list] = {}
    for component in arch.components:
        siblings.setdefault(key(component), []).append(component)
    into, components = {}, []
    for members in siblings.values():
        first = members[0]
        for member in members:
            into[member.id] = first.id
        if len(members) > 1:
            count = sum(_count(m.label) for m in members)
            lines = _COUNT.sub("", first.label).split("\n")
            # By service, the first line names the kind of thing; a copy's number ("Consumer 1") goes.
            head = re.sub(r" \d+$", "", lines[0]) if by_service else "\n".join(lines)
            first = _with(first, label=f"{count} x {head}")
        components.append(first)
    links: dict[tuple[str, str, str], Link] = {}
    for link in arch.links:
        source, target = into[link.source], into[link.target]
        if source != target:
            links.setdefault((source, target, link.kind), Link(source, target, link.label, link.style, link.kind))
    return Architecture(arch.name, arch.groups, tuple(components), tuple(links.values()))
