"""Where every node and box of a drawing goes, following AWS's reference-architecture conventions.

The positions are computed here, from the architecture's placement data
(``tier``, ``role``, ``az``, ``spans``, group kinds) and handed to Graphviz
pinned (``neato -n2``), which routes the lines between them. So the picture
reads the same way every time:

* left to right: users, on-premises sites and the internet; then the AWS
  Cloud, with its edge services (DNS, CDN, firewall) in a row along its top
  and a Direct Connect location on its left border; then each Region;
* inside a Region the VPC, with one row per Availability Zone in code order
  (a above b) and the same subnet columns in every row, Public | App | Data;
  a component deployed across subnets (a load balancer, a consumer service:
  its ``spans``) is a bar spanning the AZ rows of its column (a load
  balancer's across the AZ boundary); gateways (and a transit gateway
  joining the VPC to others) sit on the VPC's left border; the VPC
  endpoints form one box at the VPC's right edge (see :mod:`vpc`);
* regional services in a column beside the VPC, each level with what it is
  linked to; analytics, then security and governance, boxed under them;
  services reached only from the outside in a row along the Region's top;
  a Region without a VPC in columns by hops from the outside;
* a second Region beside the first with the same inner layout, or under it
  when side by side would be too wide to read in a report column.

Where the conventions leave a choice (the order of the border gateways, of
the regional services' column, the app tier's consumer bars left or right
of its cells, ...), :class:`Variant` names it; a page whose lines cross
too often is laid out by other variants (see diagram.Drawing).

Coordinates are Graphviz points with y growing downwards here; the DOT
writer flips them. Sizes of nodes are estimated from their labels (the
estimate is generous, so Graphviz's own node never overflows its slot).
"""
from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .ordering import regional_order

if TYPE_CHECKING:
    from archadvisor.architecture.model import Architecture, Component, Group

FONT_SIZE = 13        # points: every text of the drawing (labels, group titles, badges, legend)
WRAP = 16             # characters per label line
ICON = 40             # points
CELL_WIDTH = 122      # a node's slot
GAP = 10              # between slots
PAD = 8               # inside a box, around its contents
TITLE = 24            # a box's title band
LINE = FONT_SIZE + 3  # height of a label line
PER_LANE = 4          # nodes stacked in one subnet cell before a second lane starts (8 when compact)
MAX_WIDTH = 1400      # points: wider than this, a second Region goes under the first (see _regions)
SUBNET_KINDS = ("subnet-public", "subnet-app", "subnet-data")
OUTSIDE_ORDER = ("users", "on-premises", "internet")
EDGE_ROLE_ORDER = ("dns", "edge", "web-acl", "shield", "link")
DNS_CONTROL_ROLES = ("routing-control",)  # stacked with the DNS service whose records they switch
BORDER_ROLES = ("gateway", "link-gateway", "nat")
HUB_ROLES = ("sharing",)  # a transit gateway: drawn on the border of the VPC it joins
BORDER_OF_CLOUD = ("link",)  # a dedicated connection's location, drawn on the AWS Cloud's border
# A global endpoint routing to a service in each Region (an S3 Multi-Region Access Point): drawn between the
# Regions, beside what it routes to, not in the edge row above them (its lines would run the drawing's height).
BETWEEN_REGIONS = ("cross-region-endpoint",)
ENDPOINTS = "vpc-endpoints"
# A public subnet's NAT gateways reach the internet gateway on the VPC's left border, and its load balancer
# reaches the app tier on the right: the load balancer's bar goes right of them, so neither line crosses the other.
BARS_RIGHT = frozenset({"subnet-public"})
ANCHORS = frozenset({"primary", "standby", "replica", "dr-replica", "active"})
ASIDE = ("protects", "dns", "monitors", "admin")  # links that say what guards or watches a node, not where it sits  # the drawn box that holds a VPC's endpoints (not a group of the model)


@dataclass(frozen=True)
class Variant:
    """Choices the conventions leave open; the drawing takes the one whose lines cross least (see
    diagram.Drawing). ``mirror``: the second AZ's anchored stores in the reverse order of the first's, so
    the replication lines between them nest instead of crossing; ``front_reversed``: the row along the
    Region's top right to left; ``internet_first``: the internet box right under the users;
    ``border_reversed``: the VPC's border gateways bottom to top; ``flow``: columns ordered by what their
    members link to; ``levelled``: a regional service level with an endpoint only if that endpoint's one
    line goes to it (the others it reaches follow the column's placed ones); ``edge_first``: the endpoint
    of a service the edge serves at the top of the endpoints box; ``nested``: two AZs' cells ordered so that
    the lines between their members nest (see ordering.nested); ``bars_right``: the app column's bars (consumer
    services) right of its cells; ``ordered``: the column of regional services in the order whose lines
    cross least by an estimate (see ordering.regional_order); ``paired``: in a VPC of one AZ row, two nodes of a
    cell linked to each other side by side (see vpc.Vpc), where the page stays narrow enough."""
    mirror: bool = True
    front_reversed: bool = False
    internet_first: bool = False
    border_reversed: bool = False
    flow: bool = True
    levelled: bool = False
    edge_first: bool = False
    nested: bool = True
    bars_right: bool = False
    ordered: bool = False
    paired: bool = False


DEFAULT = Variant()
# Regional services beside a VPC placed level with what they link to, in the order whose lines cross least,
# with those fed only by the others in a second column; more (a page too crowded to order) are stacked,
# eight to a column. At ten, a region of eleven services had its lines cross 22 times.
ORDERED_COLUMN = 16


def label_lines(text: str) -> list[str]:
    lines = []
    for raw in text.split("\n"):
        lines.extend(textwrap.wrap(raw, WRAP, break_long_words=True) or [""])
    return lines


def node_height(component: "Component") -> float:
    return ICON + LINE * len(label_lines(component.label)) + 8


def straddles(arch: "Architecture", component: "Component") -> bool:
    """A component spanning subnets of more than one AZ row (a load balancer's nodes in each AZ)."""
    return len({arch.group(s).parent for s in component.spans}) > 1


@dataclass
class Slot:
    """A node's centre, width and height; ``bar`` for a component drawn spanning AZ rows; ``note``: a line
    under its label for what its place does not show (a bar drawn inside one AZ row that runs in every AZ)."""
    x: float
    y: float
    width: float
    height: float
    bar: bool = False
    note: str = ""

    def label(self, text: str) -> str:
        """A component's label as drawn here: its own, and the note under it."""
        return f"{text}\n{self.note}" if self.note else text


@dataclass
class Box:
    """A drawn box: a group of the model, or the VPC endpoints box (``kind`` "endpoints")."""
    id: str
    kind: str
    label: str
    parent: str | None
    x0: float = 0
    y0: float = 0
    x1: float = 0
    y1: float = 0


@dataclass
class Block:
    """Part of the drawing laid out in its own coordinates, moved into place by its container."""
    width: float = 0
    height: float = 0
    slots: dict[str, Slot] = field(default_factory=dict)
    boxes: list[Box] = field(default_factory=list)
    # Components that share a VPC's border, top to bottom: once the whole page is placed, they are put in
    # the order of what they link to (see scene.build_scene).
    borders: list[tuple[str, ...]] = field(default_factory=list)

    def put(self, other: "Block", dx: float, dy: float) -> None:
        for key, slot in other.slots.items():
            self.slots[key] = Slot(slot.x + dx, slot.y + dy, slot.width, slot.height, slot.bar, slot.note)
        self.borders.extend(other.borders)
        for box in other.boxes:
            self.boxes.append(Box(box.id, box.kind, box.label, box.parent,
                                  box.x0 + dx, box.y0 + dy, box.x1 + dx, box.y1 + dy))
        self.width = max(self.width, dx + other.width)
        self.height = max(self.height, dy + other.height)

    def boxed(self, group_id: str, kind: str, label: str, parent: str | None) -> "Block":
        """This block inside a titled box."""
        outer = Block()
        # A title wider than its box (bold, with room for an icon) is wrapped between words, and the band
        # grows with it; but a Region holding one column of services, too narrow for its name ("Region
        # us-east-1"), gets the name's width beside them, to their left: a line coming down into them passes
        # no text (wider contents keep their width: a wrapped title leaves more room than an empty band).
        letter = FONT_SIZE * 0.62
        title = math.ceil(len(label) * letter + PAD)
        one_column = kind == "region" and self.width <= CELL_WIDTH + 2 * PAD
        inner = self.width + title if one_column and title > self.width else self.width
        fits = max(8, int((inner - PAD) / letter))
        lines = textwrap.wrap(label, fits, break_on_hyphens=False) if len(label) > fits else [label]
        band = TITLE + (len(lines) - 1) * LINE
        outer.put(self, PAD + inner - self.width, band)
        outer.width, outer.height = inner + 2 * PAD, self.height + band + PAD
        label = "\n".join(lines)
        outer.boxes.append(Box(group_id, kind, label, parent, 0, 0, outer.width, outer.height))
        return outer


def stack(components: list["Component"], per_column: int = 10 ** 6) -> Block:
    """Nodes one under the other, in columns of ``per_column``."""
    block = Block()
    for index, component in enumerate(components):
        column, row = divmod(index, per_column)
        if row == 0:
            y = 0.0
        else:
            y = block.slots[components[index - 1].id].y + block.slots[components[index - 1].id].height / 2 + GAP
        height = node_height(component)
        x = column * (CELL_WIDTH + GAP) + CELL_WIDTH / 2
        block.slots[component.id] = Slot(x, y + height / 2, CELL_WIDTH, height)
        block.width = max(block.width, x + CELL_WIDTH / 2)
        block.height = max(block.height, y + height)
    return block


def side_by_side(blocks: list[Block], gap: float = GAP * 2) -> Block:
    row, x = Block(), 0.0
    for block in blocks:
        row.put(block, x, 0)
        x += block.width + gap
    return row


def one_under_another(blocks: list[Block], gap: float = GAP * 2) -> Block:
    column, y = Block(), 0.0
    for block in blocks:
        column.put(block, 0, y)
        y += block.height + gap
    return column


# -- regions, the cloud and the outside ------------------------------------------
def _front(arch: "Architecture", component: "Component") -> bool:
    """A regional service reached only from the outside or the edge (a sign-in service, an API in front of
    the VPC): drawn above the VPC, so its lines do not cross it."""
    sources = [arch.component(link.source) for link in arch.links_to(component.id) if link.kind not in ASIDE]
    if not sources and any(link.kind == "request" for link in arch.links_from(component.id)):
        return True  # an entry of its own (a PrivateLink service other VPCs call into)
    if not sources:  # a firewall or the like goes where what it is attached to goes
        guarded = [arch.component(link.target) for link in arch.links_from(component.id) if link.kind == "protects"]
        return bool(guarded) and all(g.tier == "regional" and _front(arch, g) for g in guarded)
    return all(s.tier in ("outside", "edge") for s in sources)


def packed(components: list["Component"], wanted: dict[str, float], order: list[str] | None = None) -> Block:
    """Nodes one under the other, each as near the height it is ``wanted`` at as the ones above allow
    (those not wanted anywhere after them): lines to them run straight across. ``order``: ids top to
    bottom, instead of by the height wanted."""
    block, bottom = Block(), -GAP
    ordered = sorted(components, key=lambda c: (c.id not in wanted, wanted.get(c.id, 0), c.id))
    if order is not None:
        ordered.sort(key=lambda c: order.index(c.id))
    for component in ordered:
        height = node_height(component)
        top = max(bottom + GAP, wanted.get(component.id, 0) - height / 2)
        block.slots[component.id] = Slot(CELL_WIDTH / 2, top + height / 2, CELL_WIDTH, height)
        bottom = top + height
    block.width, block.height = CELL_WIDTH, max(bottom, 0)
    return block


def _linked(arch: "Architecture", component_id: str) -> list[str]:
    return [l.target for l in arch.links_from(component_id)] + [l.source for l in arch.links_to(component_id)]


def _linked_mean(arch: "Architecture", component_id: str, slots: dict[str, Slot], axis: str,
                 targets_only: bool = False) -> float | None:
    others = [l.target for l in arch.links_from(component_id)]
    if not targets_only:
        others += [l.source for l in arch.links_to(component_id)]
    values = [getattr(slots[o], axis) for o in others if o in slots]
    return sum(values) / len(values) if values else None


def _hops(arch: "Architecture") -> dict[str, int]:
    """Links from the outside to each component, along everything but protection, DNS and the like."""
    hops = {c.id: 0 for c in arch.components if c.tier in ("outside", "edge")}
    frontier = list(hops)
    while frontier:
        following = []
        for link in arch.links:
            if link.kind not in ASIDE and link.source in frontier and link.target not in hops:
                hops[link.target] = hops[link.source] + 1
                following.append(link.target)
        frontier = following
    return hops


def _serverless(arch: "Architecture", members: list["Component"]) -> Block:
    """A Region without a VPC: its services in columns by how many hops they are from the outside
    (an API, then its functions, then their tables), so the flow reads left to right."""
    hops = _hops(arch)
    deepest = max(hops.values(), default=0) + 1
    for component in members:  # a firewall in the column of what it protects
        guarded = [l.target for l in arch.links_from(component.id) if l.kind == "protects" and l.target in hops]
        if component.id not in hops and guarded:
            hops[component.id] = hops[guarded[0]]
    columns: dict[int, list] = {}
    for component in members:
        columns.setdefault(hops.get(component.id, deepest), []).append(component)
    def rank_in_column(component: "Component") -> tuple:  # the request path on top, what guards it last
        return (component.role in ("web-acl", "shield"), not any(l.kind == "request" for l in arch.links_to(component.id)),
                component.id)

    return side_by_side([stack(sorted(columns[rank], key=rank_in_column)) for rank in sorted(columns)], 2 * GAP)


def _joins(arch: "Architecture", hub: "Component", vpc: "Group") -> bool:
    """Whether ``hub`` has a network link with a component inside ``vpc``."""
    inside = {c.id for c in arch.components if c.group and any(g.id == vpc.id for g in arch.ancestors(c.group))}
    return any(l.kind == "network" and (l.source in inside or l.target in inside)
               for l in arch.links_from(hub.id) + arch.links_to(hub.id))


def _first_reached(arch: "Architecture", endpoint_id: str) -> str | None:
    return min((l.target for l in arch.links_from(endpoint_id) if l.kind == "network"), default=None)


def _fed_only_regionally(arch: "Architecture", component: "Component", regional: list["Component"],
                         boxed: frozenset[str] = frozenset()) -> bool:
    """Fed by another regional service, and otherwise linked only to those or to the analytics boxed under
    them (``boxed``: an Athena querying the bucket a Firehose stream fills)."""
    sources = [l.source for l in arch.links_to(component.id) if l.kind not in ASIDE]
    ids = {c.id for c in regional}
    near = ids | boxed
    return any(s in ids for s in sources) and all(s in near and s != component.id for s in sources) and not any(
        l.target not in near for l in arch.links_from(component.id) if l.kind not in ASIDE)


def _region(arch: "Architecture", region: "Group", order: dict[str, float], compact: bool = False,
            chained: bool = False, variant: Variant = DEFAULT, first: bool = True) -> Block:
    """``first``: the Cloud's first Region (the upper or left one), whose services a global endpoint between
    the Regions routes to go to the bottom of its column, nearest the endpoint; a later Region's, to the top."""
    children = arch.children(region.id)
    members = sorted(arch.members(region.id), key=lambda c: (order.get(c.family, 0), c.id))
    if not any(g.kind == "vpc" for g in children):
        body = _serverless(arch, members) if members else Block()
        side = [stack(sorted(arch.members(g.id), key=lambda c: c.id), per_column=6).boxed(g.id, g.kind, g.label, region.id)
                for g in children if g.kind in ("analytics", "security")]
        if side:
            body = side_by_side([body, one_under_another(side)], 2 * GAP) if body.slots else one_under_another(side)
        return body.boxed(region.id, "region", region.label, region.parent)
    front = [c for c in members if _front(arch, c)]
    if variant.front_reversed:
        front.reverse()
    body = Block()
    vpcs = [g for g in children if g.kind == "vpc"]
    # A transit gateway joining the VPC to others sits on the VPC's border, as AWS draws it, not in the
    # column of regional services: its line to the VPC would cross every line going out to them.
    hubs = {vpc.id: tuple(c for c in members if c not in front and c.role in HUB_ROLES and _joins(arch, c, vpc))
            for vpc in vpcs}
    from .vpc import Vpc  # a module of its own: it builds on this one's blocks

    for vpc in vpcs:
        body.put(Vpc(arch, vpc, order, compact, variant, hubs[vpc.id]).block(),
                 body.width + (2 * GAP if body.width else 0), 0)
    placed = {c.id for joined in hubs.values() for c in joined}
    regional = [c for c in members if c not in front and c.id not in placed]
    wanted = {}
    for component in regional:
        y = _linked_mean(arch, component.id, body.slots, "y")
        # Level with its endpoint (levelled: only if that endpoint's one line, to the first of what it
        # reaches (see steps.lines), goes to it; the others it reaches follow, not pushing that one down).
        via_endpoint = [body.slots[l.source].y for l in arch.links_to(component.id)
                        if l.source in body.slots and arch.component(l.source).role == "endpoint"
                        and (not variant.levelled or _first_reached(arch, l.source) == component.id)]
        direct = [o for o in _linked(arch, component.id) if o in body.slots and arch.component(o).role != "endpoint"]
        if variant.levelled and not via_endpoint and not direct:
            y = None
        if via_endpoint:
            y = min(via_endpoint)  # level with its endpoint: the line from it runs straight
        elif y is not None:
            y = 0.0  # reached from the VPC directly: above the endpoints' lines, not between them
        if any(arch.component(l.source).tier == "edge" for l in arch.links_to(component.id)):
            y = 0.0  # served by the edge, above the Region: at the top, where its line comes in
        if y is not None:
            wanted[component.id] = y
    for component in regional:  # what a global endpoint between the Regions routes to: next to it
        if any(arch.component(l.source).role in BETWEEN_REGIONS for l in arch.links_to(component.id)):
            wanted[component.id] = max([body.height, *wanted.values()]) if first else 0.0
    # Services fed only by other regional services (a queue an S3 bucket notifies, a bucket a Firehose
    # stream delivers to) stand in a second column, level with what feeds them: their lines run
    # straight across instead of down the first column, over the lines coming into it.
    boxed = frozenset(c.id for g in children if g.kind == "analytics" for c in arch.members(g.id))
    fed = [c for c in regional if chained and _fed_only_regionally(arch, c, regional, boxed)] if len(regional) <= ORDERED_COLUMN else []
    first = [c for c in regional if c not in fed]
    side = []
    if first:
        column_order = None
        if variant.ordered and len(first) <= ORDERED_COLUMN:
            heights = {o: slot.y for o, slot in body.slots.items()}
            heights.update({c.id: -TITLE for c in front})
            column_order = regional_order(arch, first, wanted, heights)
        column = packed(first, wanted, column_order) if len(first) <= ORDERED_COLUMN else stack(first, per_column=8)
        if fed:
            later = {c.id: _linked_mean(arch, c.id, column.slots, "y") or 0.0 for c in fed}
            column = side_by_side([column, packed(fed, later)], 2 * GAP)
        side.append(column)
    # Analytics, then security and governance, under the regional services: their lines to those
    # services (a crawler reading a bucket, Macie scanning it, an endpoint's key service) stay short.
    for group in (g for g in children if g.kind in ("analytics", "security")):
        side.append(stack(sorted(arch.members(group.id), key=lambda c: (_linked_mean(arch, c.id, body.slots, "y") or 0, c.id)),
                          per_column=6).boxed(group.id, group.kind, group.label, region.id))
    if side:
        body.put(one_under_another(side), body.width + (2 * GAP if body.width else 0), 0)
    if front:  # a row along the Region's top, where lines from the left reach it without crossing the VPC
        body = one_under_another([side_by_side([stack([c]) for c in front], GAP), body], GAP)
    return body.boxed(region.id, "region", region.label, region.parent)


def _edge_members(arch: "Architecture", cloud: "Group") -> list["Component"]:
    """The AWS Cloud's own members drawn in its top row, in the order a request meets them."""
    return sorted((c for c in arch.members(cloud.id) if c.role not in BORDER_OF_CLOUD + _between(arch, cloud)),
                  key=lambda c: (
        EDGE_ROLE_ORDER.index(c.role) if c.role in EDGE_ROLE_ORDER else len(EDGE_ROLE_ORDER), c.id))


def _dns_controls(arch: "Architecture", cloud: "Group") -> tuple["Component | None", list["Component"], bool]:
    """The DNS service, what drives its records (ARC's routing controls), and whether those go above it.

    They stack with it in one column, so their one line stays short instead of running back along the
    row over the lines the edge services start. Lines from the outside that pass the column must not run
    between the two: under the DNS service when they go along the row (to a CDN beside it), above it when
    every such line goes past the row down into a Region (the outside column is then lowered level with
    the DNS service, see :func:`_outside_drop`, and its lines pass under it)."""
    members = _edge_members(arch, cloud)
    controls = [c for c in members if c.role in DNS_CONTROL_ROLES]
    dns = next((c for c in members if c.role == "dns"), None) if controls else None
    if dns is None:
        return None, [], False
    row = {c.id for c in members if c is not dns and c not in controls}
    row |= {c.id for g in arch.children(cloud.id) if g.kind == "edge" for c in arch.members(g.id)}
    along = any(l.target in row for l in arch.links if arch.component(l.source).tier == "outside")
    return dns, controls, not along


def _outside_drop(arch: "Architecture") -> float:
    """How far down the outside column starts: level with the DNS service when its controls are above it."""
    for cloud in (g for g in arch.children(None) if g.kind == "cloud"):
        _, controls, above = _dns_controls(arch, cloud)
        if above:
            return sum(node_height(c) + GAP for c in controls)
    return 0.0


def _edge_row(arch: "Architecture", cloud: "Group") -> Block | None:
    dns, controls, above = _dns_controls(arch, cloud)
    members = [c for c in _edge_members(arch, cloud) if c not in controls]
    edge_groups = [g for g in arch.children(cloud.id) if g.kind == "edge"]
    column = [*controls, dns] if above else [dns, *controls]
    blocks = [stack(column if c is dns else [c]) for c in members]
    blocks += [side_by_side([stack([c]) for c in arch.members(g.id)], GAP).boxed(g.id, g.kind, g.label, cloud.id)
               for g in edge_groups]
    return side_by_side(blocks, GAP * 2) if blocks else None


def _between(arch: "Architecture", cloud: "Group") -> tuple[str, ...]:
    """The roles drawn between the Regions, when the Cloud has two or more (else in the edge row)."""
    regions = [g for g in arch.children(cloud.id) if g.kind == "region"]
    return BETWEEN_REGIONS if len(regions) >= 2 else ()


def _regions(blocks: list[Block], budget: float, arch: "Architecture | None" = None,
             between: list["Component"] = ()) -> Block:
    """Side by side when that stays readable, else one under another (the same columns). ``between``:
    global endpoints drawn in the gap after the first Region, level (side by side) or in line (stacked)
    with what they link to, so their lines stay short."""
    size = max((node_height(c) for c in between), default=0)
    wide = side_by_side(blocks, max(GAP * 3, CELL_WIDTH + 2 * GAP) if between else GAP * 3)
    stacked = wide.width > budget and len(blocks) >= 2
    if stacked:
        wide = one_under_another(blocks, max(GAP * 3, size + 4 * GAP) if between else GAP * 3)
    if not between:
        return wide
    gap_at = blocks[0].height if stacked else blocks[0].width
    gap = (wide.height if stacked else wide.width) - gap_at - (blocks[1].height if stacked else blocks[1].width)
    for component in between:
        axis = "x" if stacked else "y"
        along = _linked_mean(arch, component.id, wide.slots, axis, targets_only=True)
        along = along if along is not None else (wide.width if stacked else wide.height) / 2
        if stacked:
            # Left of what it routes to: the lines from the applications come in from the left, and the
            # replication between those services passes on its right without crossing them.
            along = min([wide.slots[l.target].x for l in arch.links_from(component.id) if l.target in wide.slots],
                        default=along + CELL_WIDTH + GAP) - CELL_WIDTH - GAP
        height = node_height(component)
        slot = (Slot(along, gap_at + gap / 2, CELL_WIDTH, height) if stacked
                else Slot(gap_at + gap / 2, along, CELL_WIDTH, height))
        while _overlaps(slot, [s for k, s in wide.slots.items() if k in {c.id for c in between}]):
            if stacked:
                slot.x -= CELL_WIDTH + GAP  # a second endpoint beside the first, along the gap
            else:
                slot.y += height + GAP
        wide.slots[component.id] = slot
    return wide


def _cloud(arch: "Architecture", cloud: "Group", order: dict[str, float], budget: float, compact: bool,
           chained: bool = False, variant: Variant = DEFAULT) -> Block:
    """The edge services in a row along the top (DNS, then the CDN and its firewall: the order a request
    meets them), the Regions under it."""
    parts = []
    edge = _edge_row(arch, cloud)
    if edge is not None:
        parts.append(edge)
    regions = [_region(arch, g, order, compact, chained, variant, index == 0) for index, g in enumerate(
        sorted((g for g in arch.children(cloud.id) if g.kind == "region"), key=lambda g: g.id))]
    others = [g for g in arch.children(cloud.id) if g.kind not in ("region", "edge")]
    regions += [stack(list(arch.members(g.id))).boxed(g.id, g.kind, g.label, cloud.id) for g in others]
    if regions:
        roles = _between(arch, cloud)
        parts.append(_regions(regions, budget, arch, [c for c in arch.members(cloud.id) if c.role in roles]))
    inner = one_under_another(parts)
    links = [c for c in arch.members(cloud.id) if c.role in BORDER_OF_CLOUD]
    if not links:
        return inner.boxed(cloud.id, "cloud", cloud.label, None)
    # A dedicated link (Direct Connect) sits on the AWS Cloud's left border, level with what it joins
    # (the customer's router outside, the virtual private gateway inside): its lines run straight across.
    edge = CELL_WIDTH / 2
    block = Block()
    block.put(inner.boxed(cloud.id, "cloud", cloud.label, None), edge, 0)
    for component in links:
        height = node_height(component)
        y = _linked_mean(arch, component.id, block.slots, "y") or TITLE + height
        slot = Slot(edge, y, CELL_WIDTH, height)
        while _overlaps(slot, block.slots.values()) and slot.y - height > 0:
            slot.y -= GAP  # up, clear of the gateway it joins (Graphviz's router needs nodes apart)
        while _overlaps(slot, block.slots.values()):
            slot.y += GAP
        block.slots[component.id] = slot
        # Pushed below the Cloud's bottom corner, it still belongs to the drawing: what comes under the
        # block (the legend) starts below its label.
        block.height = max(block.height, slot.y + height / 2)
    return block


def _overlaps(slot: Slot, others) -> bool:
    return any(abs(slot.x - o.x) < (slot.width + o.width) / 2 + GAP and abs(slot.y - o.y) < (slot.height + o.height) / 2 + GAP
               for o in others)


def place(arch: "Architecture", order: dict[str, float] | None = None, compact: bool = False,
          chained: bool = False, variant: Variant = DEFAULT) -> Block:
    """Every component's slot and every group's box.

    ``order`` ranks families inside a column (a lower number higher up):
    the caller gives the mean height of what they link to, so lines run
    straight across (see :func:`flow_order`). ``compact`` stacks subnet cells
    higher; ``chained`` gives regional services fed by others a second column."""
    order = order or {}
    tops = arch.children(None)
    def reach(group: "Group") -> float:  # how far down what a box outside links to lies, on average
        ys = [order[c.family] for c in arch.members(group.id) if c.family in order]
        return sum(ys) / len(ys) if ys else 0.0

    # Users first (the story starts there), then the other boxes in the order of what they reach.
    from .notified import beside, receives_only_pushes  # people a topic notifies: at the right (see notified)

    pushed = [g for g in tops if g.kind in OUTSIDE_ORDER and receives_only_pushes(arch, g)]
    outside = sorted((g for g in tops if g.kind in OUTSIDE_ORDER and g not in pushed),
                     key=lambda g: (g.kind != "users", not (variant.internet_first and g.kind == "internet"), reach(g),
                                    OUTSIDE_ORDER.index(g.kind), g.id))
    # People and sites in the order of what they reach, so their lines leave without crossing.
    left = [stack(sorted(arch.members(g.id), key=lambda c: (order.get(c.family, 0), c.id))).boxed(
        g.id, g.kind, g.label, None) for g in outside]
    parts = [_lowered(one_under_another(left), _outside_drop(arch))] if left else []
    width_left = parts[0].width + GAP * 3 if parts else 0
    for group in tops:
        if group.kind == "cloud":
            parts.append(_cloud(arch, group, order, MAX_WIDTH - width_left, compact, chained, variant))
        elif group.kind not in OUTSIDE_ORDER:
            parts.append(stack(list(arch.members(group.id))).boxed(group.id, group.kind, group.label, None))
    drawn = side_by_side(parts, GAP * 3)
    return side_by_side([drawn] + [beside(arch, g, drawn) for g in pushed], GAP * 3) if pushed else drawn


def _lowered(block: Block, dy: float) -> Block:
    """``block`` moved ``dy`` down."""
    if not dy:
        return block
    moved = Block()
    moved.put(block, 0, dy)
    return moved


def flow_order(arch: "Architecture", first: Block) -> dict[str, float]:
    """family -> mean y of what its members link to, from a first placement: ordering the members of
    a column by it lets lines between columns run straight instead of crossing."""
    heights: dict[str, list[float]] = {}
    for link in arch.links:
        for this, other in ((link.source, link.target), (link.target, link.source)):
            if other in first.slots:
                heights.setdefault(arch.component(this).family, []).append(first.slots[other].y)
    return {family: sum(ys) / len(ys) for family, ys in heights.items()}
