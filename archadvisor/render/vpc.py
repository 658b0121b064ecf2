"""The VPC of a drawing: AZ rows of identical subnet columns (Public | App | Data), bars spanning the
rows, gateways on the VPC's left border and the VPC endpoints in one box at its right edge (see
:mod:`layout` for the whole drawing)."""
from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from .layout import (ANCHORS, BARS_RIGHT, CELL_WIDTH, DEFAULT, ENDPOINTS, FONT_SIZE, GAP, ICON, LINE, PAD, PER_LANE,
                     SUBNET_KINDS, TITLE, Block, Box, Slot, Variant, node_height, stack)
from .ordering import hops_from_outside, nested

if TYPE_CHECKING:
    from archadvisor.architecture.model import Architecture, Component, Group


class Vpc:
    """AZ rows of identical subnet columns, spanning bars, border gateways and the endpoints box."""

    def __init__(self, arch: "Architecture", vpc: "Group", order: dict[str, float], compact: bool = False,
                 variant: Variant = DEFAULT, hubs: tuple["Component", ...] = ()) -> None:
        self.arch, self.vpc, self.order, self.variant = arch, vpc, order, variant
        # Compact: taller cells and bars sharing a lane, for a VPC too wide to read otherwise.
        self.per_lane, self.bars_per_lane = (2 * PER_LANE, 3) if compact else (PER_LANE, 1)
        self.azs = sorted(arch.children(vpc.id), key=lambda g: (g.kind != "az", g.code or "", g.id))
        self.azs = [g for g in self.azs if g.kind == "az"]
        members = arch.members(vpc.id)
        self.endpoints = [c for c in members if c.role == "endpoint"]
        # Bars sharing a column in the order the flow reaches them: a firewall's endpoints left of the
        # load balancer they inspect traffic for (stable: bars the outside does not reach keep their order).
        hops, far = hops_from_outside(arch), len(arch.components) + 1
        self.bars = sorted((c for c in members if c.spans and c.role != "endpoint"), key=lambda c: hops.get(c.id, far))
        self.border = [c for c in members if c not in self.endpoints and c not in self.bars] + list(hubs)
        # Where a column's bars go: left of its cells, or right (the public subnet's load balancer, beside
        # the app tier it feeds; the app tier's consumers with bars_right, beside the queues they poll).
        self.right = BARS_RIGHT | ({"subnet-app"} if variant.bars_right else frozenset())
        if variant.border_reversed:
            self.border.reverse()
        self.columns = [kind for kind in SUBNET_KINDS if self._used(kind)]

    def _used(self, kind: str) -> bool:
        return (any(self._subnet(az, kind) for az in self.azs) or any(self._bar_kind(c) == kind for c in self.bars)
                or (kind == "subnet-data" and any(self.arch.members(az.id) for az in self.azs)))

    def _subnet(self, az: "Group", kind: str) -> "Group | None":
        return next((g for g in self.arch.children(az.id) if g.kind == kind), None)

    def _edge_served(self, endpoint: "Component") -> bool:
        targets = [l.target for l in self.arch.links_from(endpoint.id)]
        return any(self.arch.component(l.source).tier == "edge" for t in targets for l in self.arch.links_to(t))

    def _bar_kind(self, component: "Component") -> str:
        kinds = {self.arch.group(s).kind for s in component.spans}
        return next((k for k in SUBNET_KINDS if k in kinds), "subnet-app")

    def _cell(self, az: "Group", kind: str) -> list["Component"]:
        """The members of one subnet of one AZ, top to bottom. A store's primary goes to the foot of the
        first AZ and its standby to the top of the next, so replication between them is a short line
        that passes nothing."""
        subnet = self._subnet(az, kind)
        cell = list(self.arch.members(subnet.id)) if subnet else []
        if kind == "subnet-data":  # volumes and the like, placed in the AZ itself
            cell += self.arch.members(az.id)
        first = az is self.azs[0]
        cell = sorted(cell, key=lambda c: ((c.role in ANCHORS) == first, self.order.get(c.family, 0), c.id))
        cell = self._tiers_as_listed(cell)
        if not first and self.variant.mirror:
            anchors = [c for c in cell if c.role in ANCHORS]
            cell = anchors[::-1] + [c for c in cell if c.role not in ANCHORS]
        return cell

    def _tiers_as_listed(self, cell: list["Component"]) -> list["Component"]:
        """Compute tiers (families ``app-<rank>-<tier>``, see Builder.tier_rank) keep their order in their
        column, the tiers clients call first, as the workload lists them: the places they hold in the cell
        are refilled in that order."""
        places = [i for i, c in enumerate(cell) if c.family.startswith("app-")]
        tiers = sorted((cell[i] for i in places), key=lambda c: c.family)
        cell = list(cell)
        for place, component in zip(places, tiers):
            cell[place] = component
        return cell

    def _pair_side_by_side(self, cells: dict, kind: str) -> bool:
        """Whether a cell goes in two lanes, one node each: in a VPC of one AZ row (an overview's), a cell of
        two nodes linked to each other (a database writer and its read replicas). One above the other, the
        line between them would run across the row, and every line from the app tier to the regional
        column that passes the cell at that height would cross it; side by side, it runs along them."""
        if not self.variant.paired or len(self.azs) != 1:
            return False
        cell = cells[self.azs[0].id, kind]
        ids = {c.id for c in cell}
        return len(cell) == 2 and any(l.target in ids for c in cell for l in self.arch.links_from(c.id))

    def block(self) -> Block:
        if not self.azs:
            return self._flat()
        bars = {kind: [c for c in self.bars if self._bar_kind(c) == kind] for kind in self.columns}
        cells = {(az.id, kind): self._cell(az, kind) for az in self.azs for kind in self.columns}
        if self.variant.nested and len(self.azs) == 2:
            for kind in self.columns:
                first, second = nested(self.arch, cells[self.azs[0].id, kind], cells[self.azs[1].id, kind])
                cells[self.azs[0].id, kind], cells[self.azs[1].id, kind] = first, second
        per_lane = self.per_lane
        lane_size = {kind: 1 if self._pair_side_by_side(cells, kind) else per_lane for kind in self.columns}
        lanes = {kind: max([-(-len(cells[az.id, kind]) // lane_size[kind]) for az in self.azs] + [0])
                 for kind in self.columns}
        bar_lanes = {kind: _bar_lanes(len(bars[kind]), self.bars_per_lane) for kind in self.columns}
        # A subnet with nothing drawn in it (the interface endpoints' subnet, say) is still as wide as one
        # component: narrower, its box and its AZ's title were squeezed into a sliver.
        widths = {kind: max(1, bar_lanes[kind] + lanes[kind]) * (CELL_WIDTH + GAP) - GAP + 2 * PAD
                  for kind in self.columns}
        # Subnet titles wrapped to their column ("Private subnet (app)" in two lines in a narrow one),
        # with the same title band in every column so the rows' nodes stay level.
        titles = {}
        for az in self.azs:
            for kind in self.columns:
                subnet = self._subnet(az, kind)
                if subnet is not None:
                    fits = max(8, int((widths[kind] - 2 * PAD - 18) / (FONT_SIZE * 0.55)))
                    titles[subnet.id] = textwrap.wrap(subnet.label, fits) or [subnet.label]
        extra = (max((len(lines) for lines in titles.values()), default=1) - 1) * LINE
        # Row heights: the tallest cell of the row, and enough rows for the bars stacked in a lane.
        heights = []
        for az in self.azs:
            tallest = max([_cell_height(cells[az.id, kind][:per_lane])
                           for kind in self.columns] + [ICON + 2 * LINE])
            heights.append(tallest + TITLE + 2 * PAD + extra)
        for kind in self.columns:
            per = -(-len(bars[kind]) // max(bar_lanes[kind], 1)) if bars[kind] else 0
            if _in_rows(len(bars[kind]), bar_lanes[kind], len(self.azs)):
                # Each bar inside one row's cell, under the titles: room for the bars it holds, with the
                # line saying that it runs in every AZ (see _bars_in_rows).
                tallest = max(node_height(c) for c in bars[kind]) + LINE + GAP
                inside = -(-per // len(self.azs)) * tallest + TITLE + extra + 2 * PAD + 2 * GAP
                heights = [max(h, inside) for h in heights]
                continue
            if bars[kind] and len(self.azs) > 1 and not (kind in BARS_RIGHT and per == 1):
                # A bar across the rows has its label at its top: room for it in the first row, under
                # the titles, so it does not cover the next row's titles.
                inside = 2 * TITLE + max(node_height(c) for c in bars[kind]) + 2 * GAP
                heights = [max(h, inside) for h in heights]
            need = per * (max((node_height(c) for c in bars[kind]), default=0) + 2 * GAP) + 2 * TITLE
            total = sum(heights) + (len(heights) - 1) * (TITLE + PAD)
            if need > total:
                grow = (need - total) / len(heights)
                heights = [h + grow for h in heights]
            if kind in BARS_RIGHT and bars[kind] and len(self.azs) > 1:
                # Room above and below a bar across the AZ boundary for the cells' own nodes and the
                # lines to them (see _place_bars).
                cell = max((node_height(c) for az in self.azs for c in cells[az.id, kind]), default=ICON)
                bar = max(node_height(c) for c in bars[kind]) + 2 * GAP
                heights = [max(h, cell + bar + 2 * TITLE + 2 * GAP) for h in heights]
        block = Block()
        # Gateways sit on the VPC's left border (at ``edge``), half outside it; the AZ rows start after them.
        edge = CELL_WIDTH / 2 if self.border else 0.0
        left = edge + (CELL_WIDTH / 2 + GAP if self.border else PAD)
        x = left + PAD
        columns: dict[str, tuple[float, float]] = {}
        for kind in self.columns:
            width = widths[kind]
            columns[kind] = (x, x + width)
            x += width + GAP
        az_right = x - GAP + PAD
        y = TITLE
        rows = []
        for az, height in zip(self.azs, heights):
            rows.append((y, y + height))
            block.boxes.append(Box(az.id, "az", _fitted_az(az.label, az_right - left), self.vpc.id, left, y, az_right,
                                   y + height))
            for kind in self.columns:
                x0, x1 = columns[kind]
                subnet = self._subnet(az, kind)
                top = y + TITLE
                if subnet is not None:
                    block.boxes.append(Box(subnet.id, kind, "\n".join(titles[subnet.id]), az.id, x0, top, x1,
                                           y + height - PAD))
                cell_x = x0 + PAD + (0 if kind in self.right else bar_lanes[kind]) * (CELL_WIDTH + GAP) + CELL_WIDTH / 2
                for lane in range(lanes[kind]):
                    members = cells[az.id, kind][lane * lane_size[kind]:(lane + 1) * lane_size[kind]]
                    _place_column(block, members, cell_x + lane * (CELL_WIDTH + GAP), top + TITLE + extra,
                                  y + height - 2 * PAD)
            y += height + PAD
        for kind in self.columns:
            start = columns[kind][0] + PAD + (lanes[kind] * (CELL_WIDTH + GAP) if kind in self.right else 0)
            if _in_rows(len(bars[kind]), bar_lanes[kind], len(self.azs)):
                self._bars_in_rows(block, bars[kind], bar_lanes[kind], start, rows, TITLE + extra)
            else:
                self._place_bars(block, bars[kind], bar_lanes[kind], start, rows, short=kind in BARS_RIGHT)
        rows_bottom = y - PAD
        right = az_right
        if self.endpoints:
            # An endpoint to a service the edge also serves first: that service is drawn at the top of
            # the regional column, where the edge's line comes in (see _region), level with its endpoint.
            endpoints = stack(sorted(self.endpoints, key=lambda c: (
                self.variant.edge_first and not self._edge_served(c), self.order.get(c.family, 0), c.id)))
            box = endpoints.boxed(f"{ENDPOINTS}-{self.vpc.id}", "endpoints", "VPC endpoints", self.vpc.id)
            block.put(box, right + GAP, TITLE + max(0.0, (rows_bottom - TITLE - box.height) / 2))
            right += GAP + box.width
            rows_bottom = max(rows_bottom, TITLE + box.height)
        width, height = right + PAD, rows_bottom + PAD
        # Gateways straddle the VPC's left border, spread down it.
        for index, component in enumerate(self.border):
            h = node_height(component)
            y = TITLE + (index + 0.5) * (height - TITLE) / len(self.border)
            block.slots[component.id] = Slot(edge, y, CELL_WIDTH, h)
        if len(self.border) > 1:
            block.borders.append(tuple(c.id for c in self.border))
        block.width, block.height = width, height
        block.boxes.append(Box(self.vpc.id, "vpc", self.vpc.label, self.vpc.parent, edge, 0, width, height))
        return block

    def _place_bars(self, block: Block, bars: list["Component"], lanes: int, x0: float,
                    rows: list[tuple[float, float]], short: bool = False) -> None:
        if not bars:
            return
        per = -(-len(bars) // lanes)
        for lane in range(lanes):
            members = bars[lane * per:(lane + 1) * per]
            for index, component in enumerate(members):
                spanned = [i for i, az in enumerate(self.azs)
                           if any(self.arch.group(s).parent == az.id for s in component.spans)] or [0, len(rows) - 1]
                top, bottom = rows[min(spanned)][0] + 2 * TITLE, rows[max(spanned)][1] - 2 * PAD
                share = (bottom - top) / len(members)
                y0 = top + index * share
                # The odd 3.7 points keep a bar's ends off the lines other nodes' edges lie on: Graphviz's
                # right-angle router (2.43) aborts on some such coincidences.
                x, y, height = x0 + lane * (CELL_WIDTH + GAP) + CELL_WIDTH / 2, y0 + share / 2, share - GAP - 3.7
                if short and len(members) == 1:
                    # Across the boundary of the AZ rows, no taller than its label: lines from the app
                    # tier to the NAT gateways pass above and below it.
                    height = min(height, node_height(component) + 2 * GAP - 3.7)
                    y = (rows[min(spanned)][0] + rows[max(spanned)][1]) / 2
                    if len(spanned) > 1:  # the name above the icon, the icon on the boundary (see diagram)
                        y -= (node_height(component) - ICON) / 2
                block.slots[component.id] = Slot(x, y, CELL_WIDTH, height, bar=True)

    def _bars_in_rows(self, block: Block, bars: list["Component"], lanes: int, x0: float,
                      rows: list[tuple[float, float]], titles: float) -> None:
        """Bars sharing lanes, each inside one AZ row's cell under its titles (see :func:`_in_rows`): a
        lane's bars split between the rows in order, each as tall as its label. Drawn in one row, a bar
        runs in every AZ all the same (its ``spans``): a line under its name says so."""
        per = -(-len(bars) // lanes)
        per_row = -(-per // len(rows))
        note = "in both AZs" if len(rows) == 2 else f"in all {len(rows)} AZs"
        for lane in range(lanes):
            members = bars[lane * per:(lane + 1) * per]
            x = x0 + lane * (CELL_WIDTH + GAP) + CELL_WIDTH / 2
            for (row_top, row_bottom), start in zip(rows, range(0, len(members), per_row)):
                _place_column(block, members[start:start + per_row], x, row_top + TITLE + titles + PAD,
                              row_bottom - 2 * PAD, bar=True, note=note)

    def _flat(self) -> Block:
        """A VPC without AZ rows: its members in one column."""
        members = list(self.arch.members(self.vpc.id))
        return stack(members).boxed(self.vpc.id, "vpc", self.vpc.label, self.vpc.parent)


def _fitted_az(label: str, width: float) -> str:
    """An AZ's title, "AZ" for "Availability Zone" when the whole words do not fit its row (a narrow view
    of one column): a right-aligned title wider than its box ran out of it to the left."""
    if len(label) * FONT_SIZE * 0.62 <= width - 2 * PAD:
        return label
    return label.replace("Availability Zones", "AZs").replace("Availability Zone", "AZ")


def _bar_lanes(count: int, per_lane: int = 1) -> int:
    """Lanes for ``count`` spanning bars: one each up to two (each spans every AZ row), then three a lane."""
    if per_lane == 1 and count <= 2:
        return count
    return -(-count // 3)


def _cell_height(members: list["Component"]) -> float:
    return sum(node_height(c) + GAP for c in members)


def _in_rows(count: int, lanes: int, rows: int) -> bool:
    """Whether a column's bars go inside the AZ rows' cells: when more bars than lanes share a lane, one
    bar across the rows' boundary would cover the next row's titles and the bars beside it."""
    return rows > 1 and count > lanes


def _place_column(block: Block, members: list["Component"], x: float, top: float, bottom: float,
                  bar: bool = False, note: str = "") -> None:
    extra = LINE if note else 0.0  # the note's line under each label
    total = _cell_height(members) + extra * len(members) - GAP
    y = top + max(0.0, (bottom - top - total) / 2)
    for component in members:
        height = node_height(component) + extra
        block.slots[component.id] = Slot(x, y + height / 2, CELL_WIDTH, height, bar, note)
        y += height + GAP
