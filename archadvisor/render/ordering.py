"""Orders of nodes in a column whose lines cross least, by a quick estimate made before Graphviz routes them.

A column of nodes reads as a list top to bottom. A line between two of its
members spans an interval of that list and runs down one side of the
column; two such lines cross when their intervals overlap without one
holding the other, and a line coming in from the left to a member inside
a span crosses that span. Lines coming in from the left cross each other
when their sources lie in the other order than their targets. The
estimates count those cases; the orders are found by trying them all
(:func:`nested`, a handful of nodes) or by moving one node at a time while
that lowers the count (:func:`regional_order`).
"""
from __future__ import annotations

from itertools import permutations
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archadvisor.architecture.model import Architecture, Component

ASIDE = ("protects", "dns", "monitors", "admin")  # lines not drawn between these (see steps.lines)


def hops_from_outside(arch: "Architecture") -> dict[str, int]:
    """Hops from the outside along the links: the order a drawing's story is told in (its numbered steps;
    the load balancer right of the firewall in front of it). It starts where nothing leads in (the users,
    the on-premises servers); the customer gateway they reach, outside too, is a hop further."""
    outside = [c.id for c in arch.components if c.tier == "outside"]
    fed = {link.target for link in arch.links if link.source != link.target}
    distance = {cid: 0 for cid in outside if cid not in fed} or dict.fromkeys(outside, 0)
    frontier = list(distance)
    while frontier:
        following = []
        for link in arch.links:
            if link.source in frontier and link.target not in distance:
                distance[link.target] = distance[link.source] + 1
                following.append(link.target)
        frontier = following
    for cid in outside:  # none left unplaced (outside components that only feed each other)
        distance.setdefault(cid, 0)
    return distance


def _linked(arch: "Architecture", component_id: str) -> list[str]:
    return [l.target for l in arch.links_from(component_id)] + [l.source for l in arch.links_to(component_id)]


def overlapping(spans: list[tuple[int, int]]) -> int:
    """Pairs of intervals that overlap without one holding the other (no shared end)."""
    spans = [tuple(sorted(span)) for span in spans]
    return sum(1 for i, (a, b) in enumerate(spans) for c, d in spans[i + 1:]
               if len({a, b, c, d}) == 4 and (a < c < b < d or c < a < d < b))


def nested(arch: "Architecture", first: list["Component"], second: list["Component"]) -> tuple[list, list]:
    """Two AZs' cells of one column (the first AZ's, then the second's) ordered so that the lines between
    their members nest. Every order of the first cell (up to 6 members) is tried, the second mirroring it
    (what links to the foot of the first at the top of the second); the first order of the fewest
    overlapping spans wins, the given one if none does better."""
    ids = {c.id for c in first + second}
    pairs = [(l.source, l.target) for c in first + second for l in arch.links_from(c.id) if l.target in ids]
    if len(first) > 6 or not pairs:
        return first, second

    def mirrored(order: tuple) -> list:
        position = {c.id: i for i, c in enumerate(order)}

        def partner(component) -> int:
            linked = [position[o] for o in _linked(arch, component.id) if o in position]
            return -max(linked) if linked else 1
        return sorted(second, key=lambda c: (partner(c), second.index(c)))

    def crossed(order, below: list) -> int:
        position = {c.id: i for i, c in enumerate(list(order) + below)}
        return overlapping([(position[a], position[b]) for a, b in pairs])

    best = (crossed(first, second), first, second)
    for order in permutations(first):
        below = mirrored(order)
        count = crossed(order, below)
        if count < best[0]:
            best = (count, list(order), below)
    return best[1], best[2]


def regional_order(arch: "Architecture", column: list["Component"], wanted: dict[str, float],
                   heights: dict[str, float]) -> list[str]:
    """Ids of ``column`` (the regional services beside a VPC) top to bottom: by the height each is wanted
    at, then improved one move at a time while the estimated crossings fall. ``heights``: the y of what
    lies left of the column (the VPC's nodes, the row along the Region's top); what is neither there nor
    in the column (analytics and security, boxed under it) comes from below."""
    ids = [c.id for c in sorted(column, key=lambda c: (c.id not in wanted, wanted.get(c.id, 0), c.id))]
    members = set(ids)
    inner, incoming = [], []
    for link in arch.links:
        if link.kind in ASIDE:
            continue
        ends = (link.source, link.target)
        if all(end in members for end in ends):
            inner.append(ends)
            continue
        for here, other in (ends, ends[::-1]):
            if here in members and other not in members:
                incoming.append((heights.get(other, float("inf")), here, other))

    def cost(order: list[str]) -> int:
        position = {cid: i for i, cid in enumerate(order)}
        spans = [(position[a], position[b]) for a, b in inner]
        count = overlapping(spans)
        for _, target, _ in incoming:
            count += sum(1 for a, b in spans if min(a, b) < position[target] < max(a, b))
        lines = sorted((y, position[t], other) for y, t, other in incoming)
        count += sum(1 for i, (y, t, o) in enumerate(lines) for y2, t2, o2 in lines[i + 1:]
                     if y < y2 and t > t2 and o != o2)
        return count

    best = cost(ids)
    improved = True
    while improved and best:
        improved = False
        for index in range(len(ids)):
            for place in range(len(ids)):
                if place == index:
                    continue
                trial = ids[:index] + ids[index + 1:]
                trial.insert(place, ids[index])
                count = cost(trial)
                if count < best:
                    ids, best, improved = trial, count, True
                    break
            if improved:
                break
    return ids
