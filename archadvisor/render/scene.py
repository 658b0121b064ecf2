"""A drawing before Graphviz: where everything goes, what lines join it, the title and the legend.

The DOT text is assembled from a :class:`Scene` with the ``diagrams``
package (Diagram, Cluster, Node, Edge), every node and box pinned where
:mod:`layout` put it. One Graphviz run (see diagram.py) routes the lines at
right angles (``splines=ortho``), puts a numbered badge on each step's line
and draws the page.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from . import layout
from .layout import FONT_SIZE, GAP, LINE, Block, Slot
from .steps import KIND_STYLES, Line, Step, beside_the_flow, junction, lines, unlined

if TYPE_CHECKING:
    from archadvisor.architecture.model import Architecture

FONT = "Helvetica"
TOP = 44                 # points above the drawing, for its title
LEGEND_WRAP = 46         # characters per line of a step's text in the legend
BADGE = 22               # points, a step's badge
SAMPLE = 44              # points, the length of a line sample in the legend
# What Graphviz's HTML-like labels cannot hold as text, and its entity: html.escape's table (quote=True), here
# because the html module loads its table of 2,231 named entities on import, about 1 ms before Graphviz starts.
_MARKUP = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"))


def escape(text: str) -> str:
    """``text`` for an HTML-like label: the same as ``html.escape(text, quote=True)``."""
    for character, entity in _MARKUP:
        text = text.replace(character, entity)
    return text


TIER_COLOURS = {"subnet-public": "#7AA116", "subnet-app": "#00A4A6", "subnet-data": "#00A4A6"}


@dataclass
class Scene:
    """Everything one drawing shows, positioned (y downwards, points)."""
    arch: "Architecture"
    title: str
    block: Block
    lines: list[Line]
    steps: list[Step]
    junctions: dict[str, Slot] = field(default_factory=dict)
    legend: list[tuple[str, Slot, str]] = field(default_factory=list)  # (id, slot, what) for legend items
    notes: list[str] = field(default_factory=list)  # legend rows without a number
    legend_kinds: list[str] = field(default_factory=list)  # the kinds of line the legend explains
    copy_notes: list[str] = field(default_factory=list)  # replication not drawn on an overview (see steps.lines)
    overview: bool = False  # drawn with one line per Region copied to (see steps.lines)
    variant: layout.Variant = layout.DEFAULT
    nudge: int = 0  # moves pinned nodes a fraction of a point, for Graphviz's router (see diagram.Drawing)
    width: float = 0
    height: float = 0

    def flip(self, y: float) -> float:
        """A y of this module (downwards) as Graphviz has it (upwards)."""
        return self.height - y


# Tried when the first drawing's lines cross more than GOAL times (see diagram.Drawing), in this order:
# those that most often bring a blueprint's page within the goal first.
VARIANTS = (
    layout.Variant(ordered=True, bars_right=True),
    layout.Variant(border_reversed=True),
    layout.Variant(bars_right=True),
    layout.Variant(ordered=True),
    layout.Variant(front_reversed=True),
    layout.Variant(internet_first=True),
    layout.Variant(levelled=True),
    layout.Variant(flow=False),
    layout.Variant(mirror=False),
    layout.Variant(levelled=True, edge_first=True),
    layout.Variant(ordered=True, levelled=True),
    layout.Variant(nested=False),
)
BATCH = 2   # variants routed at once: one per core of a small machine
ROUNDS = 2  # rounds of changing one choice of the best variant so far, when none of VARIANTS meets the goal
GOAL = 3  # crossings a page may have


def neighbours(variant: layout.Variant) -> list[layout.Variant]:
    """The variants that differ from ``variant`` in one choice."""
    from dataclasses import fields, replace
    return [replace(variant, **{f.name: not getattr(variant, f.name)}) for f in fields(variant)]


def rebuilt(scene: Scene, variant: layout.Variant) -> Scene:
    """The same page laid out by another variant."""
    return build_scene(scene.arch, scene.title, scene.overview, variant)


def endpoint_boxes(arch: "Architecture", block: Block) -> dict[str, str]:
    """endpoint component -> id of the VPC endpoints box that holds it."""
    boxes = {box.parent: box.id for box in block.boxes if box.kind == "endpoints"}
    return {c.id: boxes[c.group] for c in arch.components if c.role == "endpoint" and c.group in boxes}


def build_scene(arch: "Architecture", title: str, overview: bool = False,
                variant: layout.Variant = layout.DEFAULT) -> Scene:
    first = layout.place(arch, variant=replace(variant, paired=False))  # the heights lines want
    order = layout.flow_order(arch, first) if variant.flow else {}
    # The roomiest arrangement that stays narrow enough to read in a report column; a cell's linked pair
    # side by side (variant.paired) only where that still fits.
    tries = [(compact, chained, paired) for compact, chained in ((False, True), (False, False), (True, False))
             for paired in dict.fromkeys((variant.paired, False))]
    for compact, chained, paired in tries:
        block = layout.place(arch, order, compact=compact, chained=chained, variant=replace(variant, paired=paired))
        if block.width <= layout.MAX_WIDTH:
            break
    boxes = endpoint_boxes(arch, block)
    drawn, steps, notes = lines(arch, boxes, one_copy_line=overview)
    scene = Scene(arch, title, Block(), drawn, steps, overview=overview, variant=variant)
    scene.copy_notes = notes
    scene.block.put(block, GAP, TOP)
    _level_borders(scene)
    for box in scene.block.boxes:
        if box.kind == "endpoints":
            # Lines come in at the box's top corner, above the rows' nodes and the lines between them.
            scene.junctions[junction(box.id)] = Slot(box.x0, box.y0 + layout.TITLE / 2, 1, 1)
    _detour(scene)
    _around(scene)
    _add_legend(scene, TOP + block.height + 2 * GAP)
    scene.width = scene.block.width + GAP
    scene.height = scene.block.height + GAP
    return scene


def _level_borders(scene: Scene) -> None:
    """Put each VPC's border gateways, top to bottom, in the order of the mean height of what their lines
    join (inside the VPC or out: an internet gateway by the internet box and the load balancer, a VPN
    gateway by the site and the subnets it reaches), on the places the VPC spread them over: their lines
    then run beside each other instead of across. Ties keep the VPC's order. The ``border_reversed``
    variant keeps the VPC's order reversed instead, the alternative the search tries (see layout.Variant)."""
    if scene.variant.border_reversed:
        return
    slots = scene.block.slots
    for border in scene.block.borders:
        joined: dict[str, list[float]] = {member: [] for member in border}
        for line in scene.lines:
            for end, other in ((line.source, line.target), (line.target, line.source)):
                if end in joined and other in slots and other not in joined:
                    joined[end].append(slots[other].y)
        places = sorted(slots[member].y for member in border)
        level = {member: (sum(ys) / len(ys) if ys else slots[member].y, index)
                 for index, (member, ys) in enumerate(joined.items())}
        order = sorted(border, key=level.__getitem__)
        moved = {member: slots[member] for member in border}
        for member, y in zip(order, places):
            slot = moved[member]
            slots[member] = Slot(slot.x, y, slot.width, slot.height, slot.bar, slot.note)


def detour_point(box_id: str, target: str, bend: int) -> str:
    """The id of a point a DNS line to ``target`` in a lower Region bends at (see :func:`_detour`)."""
    return f"{box_id}--dns{bend}-{target}"


def _detour(scene: Scene) -> None:
    """A DNS answer for a Region drawn under another (a failover record's second target) comes down the
    AWS Cloud's right margin, past the first Region's lines rather than through them: its line bends at
    a point between the two Regions right of everything in them, runs along the gap between them and
    bends again above its target, into which it drops."""
    regions = sorted((b for b in scene.block.boxes if b.kind == "region"), key=lambda b: (b.y0, b.x0))
    clouds = [b for b in scene.block.boxes if b.kind == "cloud"]
    if len(regions) < 2 or not clouds:
        return
    cloud, lines_now = clouds[0], []
    for line in scene.lines:
        target = scene.block.slots.get(line.target)
        below = [r for r in regions[1:] if target and r.y0 <= target.y <= r.y1 and r.y0 > regions[0].y1]
        if line.kind != "dns" or not below:
            lines_now.append(line)
            continue
        margin, above = detour_point(cloud.id, line.target, 1), detour_point(cloud.id, line.target, 2)
        gap = (regions[0].y1 + below[0].y0) / 2
        scene.junctions[margin] = Slot((regions[0].x1 + cloud.x1) / 2, gap, 1, 1)
        scene.junctions[above] = Slot(target.x, gap, 1, 1)
        lines_now += [Line(line.source, margin, line.kind), Line(margin, above, line.kind),
                      Line(above, line.target, line.kind)]
    scene.lines = lines_now


def around_point(box_id: str, target: str, bend: int) -> str:
    """The id of a point a line from the edge row bends at on its way round the Cloud (see :func:`_around`)."""
    return f"{box_id}--around{bend}-{target}"


def _around(scene: Scene) -> None:
    """A line from the edge row (a CDN's origin) to a service that a global endpoint between stacked Regions
    routes to comes round the AWS Cloud's right margin into the service's right side. That service is drawn
    at the bottom of the first Region's column, next to the endpoint (see layout._region): straight across
    the Region, the line would cut the lines leaving its VPC for the endpoint below."""
    regions = sorted((b for b in scene.block.boxes if b.kind == "region"), key=lambda b: (b.y0, b.x0))
    clouds = [b for b in scene.block.boxes if b.kind == "cloud"]
    if len(regions) < 2 or not clouds or regions[1].y0 <= regions[0].y1:
        return
    arch, slots, cloud, lines_now = scene.arch, scene.block.slots, clouds[0], []
    routed = {l.target for l in arch.links if arch.component(l.source).role in layout.BETWEEN_REGIONS}
    for line in scene.lines:
        source, target = slots.get(line.source), slots.get(line.target)
        if not (source and target and line.target in routed and line.source in {c.id for c in arch.components}
                and arch.component(line.source).tier == "edge" and regions[0].y0 <= target.y <= regions[0].y1
                and arch.component(line.source).role not in layout.BETWEEN_REGIONS):
            lines_now.append(line)
            continue
        bends = [around_point(cloud.id, line.target, bend) for bend in (1, 2, 3)]
        top, margin = cloud.y0 + layout.TITLE / 2, (regions[0].x1 + cloud.x1) / 2
        for name, x, y in zip(bends, (source.x, margin, margin), (top, top, target.y)):
            scene.junctions[name] = Slot(x, y, 1, 1)
        lines_now += [Line(line.source, bends[0], line.kind), Line(bends[0], bends[1], line.kind),
                      Line(bends[1], bends[2], line.kind, line.step), Line(bends[2], line.target, line.kind)]
    scene.lines = lines_now


ROW = LINE + 6          # points, a row of the legend's line samples
KINDS_WIDTH = 44 * FONT_SIZE * 0.56  # points, the column that says what each line means


def _legend_lines(steps: list[Step], notes: list[str] = ()) -> list[tuple[int | None, list[str]]]:
    rows = [(step.number, textwrap.wrap(step.text, LEGEND_WRAP) or [""]) for step in steps]
    return rows + [(None, textwrap.wrap(note, LEGEND_WRAP + 4)) for note in notes]


def _add_legend(scene: Scene, top: float) -> None:
    """The legend under the drawing: the numbered steps (and what is drawn without lines), then one
    sample line per kind drawn beside what it means."""
    kinds = [kind for kind in KIND_STYLES if any(line.kind == kind for line in scene.lines)]
    unlined_names = unlined(scene.arch)
    scene.notes = [f"Drawn without lines, as they serve the whole Region: {', '.join(unlined_names)}"] \
        if unlined_names else []
    scene.notes += scene.copy_notes
    scene.notes += beside_the_flow(scene.arch)
    if not kinds and not scene.steps and not scene.notes:
        return
    x = GAP + layout.PAD
    y = top + layout.TITLE
    steps_width = steps_height = 0.0
    if scene.steps or scene.notes:
        rows = _legend_lines(scene.steps, scene.notes)
        # The table's rows and text column have set sizes (see steps_label), so the box fits it.
        steps_height = sum(_row_height(text) + 3 for _, text in rows) + 3
        steps_width = BADGE + STEP_TEXT_WIDTH + 11
        scene.legend.append(("legend-steps", Slot(x + steps_width / 2, y + steps_height / 2, steps_width,
                                                  steps_height), "steps"))
    sample_x = x + steps_width + (3 * GAP if steps_width else 0)
    if sample_x + SAMPLE + 8 + KINDS_WIDTH > max(scene.block.width, 2 * (SAMPLE + KINDS_WIDTH)):
        sample_x, y = x, y + steps_height + GAP
    if kinds:
        width = SAMPLE + 8 + KINDS_WIDTH
        scene.legend.append(("legend-kinds", Slot(sample_x + width / 2, y + layout.PAD + len(kinds) * ROW / 2,
                                                  width, len(kinds) * ROW), "kinds"))
        scene.legend_kinds = kinds
    samples_height = 2 * layout.PAD + len(kinds) * ROW
    bottom = max(y + steps_height, y + samples_height) if sample_x != x else y + samples_height
    right = max(slot.x + slot.width / 2 for _, slot, _ in scene.legend)
    legend = Block()
    legend.boxes.append(layout.Box("legend", "legend", "Legend", None, GAP, top, right + layout.PAD, bottom + layout.PAD))
    scene.block.put(legend, 0, 0)
    scene.block.width = max(scene.block.width, right + layout.PAD)
    scene.block.height = max(scene.block.height, bottom + layout.PAD)


def kinds_label(kinds: list[str]) -> str:
    """What each line style means: a sample of the line (a cell's styled lower border: one node, so the
    legend adds no line for Graphviz to route), then its meaning."""
    rows = []
    for kind in kinds:
        colour, dash, width, meaning = KIND_STYLES[kind]
        rows.append(f'<TR><TD WIDTH="{SAMPLE}" HEIGHT="{ROW / 2:.0f}" FIXEDSIZE="TRUE" BORDER="{max(1, round(width))}" '
                    f'SIDES="B" STYLE="{dash}" COLOR="{colour}"> </TD><TD ROWSPAN="2" WIDTH="8"> </TD>'
                    f'<TD ROWSPAN="2" HEIGHT="{ROW:.0f}" ALIGN="LEFT"><FONT POINT-SIZE="{FONT_SIZE}" '
                    f'COLOR="#232F3E">{escape(meaning)}</FONT></TD></TR>'
                    f'<TR><TD HEIGHT="{ROW / 2:.0f}" FIXEDSIZE="TRUE" WIDTH="{SAMPLE}"> </TD></TR>')
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">{"".join(rows)}</TABLE>>'


# -- labels ------------------------------------------------------------------
def node_label(text: str, icon: str, icon_size: int = layout.ICON, text_first: bool = False) -> str:
    """An icon with its label under it (``text_first``: above it)."""
    rows = [escape(line) for line in layout.label_lines(text)]
    body = f"<B>{rows[0]}</B>" + "".join(f"<BR/>{row}" for row in rows[1:])
    picture = (f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{icon_size}" HEIGHT="{icon_size}">'
               f'<IMG SRC="{icon}" SCALE="TRUE"/></TD></TR>')
    words = f'<TR><TD><FONT POINT-SIZE="{FONT_SIZE}" COLOR="#232F3E">{body}</FONT></TD></TR>'
    return ('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
            + (words + picture if text_first else picture + words) + '</TABLE>>')


def group_label(text: str, colour: str, icon: str | None) -> str:
    cells = ""
    if icon:
        cells += f'<TD FIXEDSIZE="TRUE" WIDTH="18" HEIGHT="18"><IMG SRC="{icon}" SCALE="TRUE"/></TD>'
    text = '<BR ALIGN="LEFT"/>'.join(escape(line) for line in text.split("\n"))
    cells += f'<TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{FONT_SIZE}" COLOR="{colour}"><B>{text}</B></FONT></TD>'
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="0"><TR>{cells}</TR></TABLE>>'


STEP_TEXT_WIDTH = round((LEGEND_WRAP + 4) * FONT_SIZE * 0.56)  # points, the text column of the steps


def _row_height(text: list[str]) -> int:
    """A legend row's set height: its badge or its lines, whichever is taller (at least what Graphviz needs)."""
    return max(BADGE, len(text) * (FONT_SIZE + 3))


def steps_label(steps: list[Step], notes: list[str] = ()) -> str:
    rows = []
    for number, text in _legend_lines(steps, notes):
        lines_html = "<BR ALIGN=\"LEFT\"/>".join(escape(line) for line in text)
        height = _row_height(text) - 2  # less the cell's padding
        if number is None:
            rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT" BALIGN="LEFT" HEIGHT="{height}" WIDTH="{BADGE + 3 + STEP_TEXT_WIDTH}">'
                        f'<FONT POINT-SIZE="{FONT_SIZE}" COLOR="#545B64"><I>{lines_html}</I></FONT></TD></TR>')
            continue
        rows.append(f'<TR>{_badge_cell(number)}<TD ALIGN="LEFT" BALIGN="LEFT" HEIGHT="{height}" WIDTH="{STEP_TEXT_WIDTH}">'
                    f'<FONT POINT-SIZE="{FONT_SIZE}" COLOR="#232F3E">{lines_html}</FONT></TD></TR>')
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="1">{"".join(rows)}</TABLE>>'


def _badge_cell(number: int) -> str:
    # Bold by markup, not by a font named "Helvetica Bold": a browser knows no such family and would
    # draw the SVG's numbers in its serif default.
    return (f'<TD WIDTH="{BADGE}" HEIGHT="{BADGE}" BGCOLOR="#232F3E" FIXEDSIZE="TRUE" STYLE="ROUNDED">'
            f'<FONT POINT-SIZE="{FONT_SIZE - 1}" COLOR="#FFFFFF"><B>{number}</B></FONT></TD>')


def badge_label(number: int) -> str:
    """A step's badge on its line: the numbered square the legend explains it by."""
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>{_badge_cell(number)}</TR></TABLE>>'


# -- routes ------------------------------------------------------------------
def route_points(pos: str) -> list[tuple[float, float]]:
    """The points of a Graphviz edge ``pos`` (arrow ends left out), y upwards."""
    points = []
    for token in pos.split():
        if token.startswith(("e,", "s,")):
            continue
        x, y = token.split(",")[:2]
        points.append((float(x), float(y)))
    return points
