"""People a topic pushes to (email, SMS, mobile push), drawn beside the topic rather than with the users.

AWS's reference diagrams draw notified people at the right, outside the AWS Cloud, level with the topic
that notifies them: the push leaves the topic and goes straight out. Drawn with the users and the internet
at the left, its line would run right to left across the whole VPC and every line the app tier starts.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .layout import Block, _linked_mean, _lowered, stack

if TYPE_CHECKING:
    from archadvisor.architecture.model import Architecture, Group


def receives_only_pushes(arch: "Architecture", group: "Group") -> bool:
    """Whether every member of an outside box is only ever pushed to (an event line into it, none out):
    people a topic notifies. The internet, reached over the network from the VPC's gateway, is not."""
    members = arch.members(group.id)
    return bool(members) and all(
        not arch.links_from(c.id) and arch.links_to(c.id) and all(l.kind == "event" for l in arch.links_to(c.id))
        for c in members)


def beside(arch: "Architecture", group: "Group", placed: Block) -> Block:
    """``group``'s box, its members level with what pushes to them in ``placed`` (the drawing so far)."""
    members = sorted(arch.members(group.id), key=lambda c: (_linked_mean(arch, c.id, placed.slots, "y") or 0, c.id))
    block = stack(members).boxed(group.id, group.kind, group.label, None)
    wanted = [_linked_mean(arch, c.id, placed.slots, "y") for c in members]
    wanted = [y for y in wanted if y is not None]
    if not wanted:
        return block
    first = block.slots[members[0].id]
    return _lowered(block, max(0.0, sum(wanted) / len(wanted) - first.y))
