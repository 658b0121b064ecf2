"""Architecture -> diagram.dot, diagram.svg, diagram.png and diagram.drawio (and views of large designs).

Where everything goes is decided in :mod:`layout` (AWS's conventions, from
the model's placement data); :mod:`scene` adds the title, the lines with
their numbered steps and the legend. The graph is assembled with the
``diagrams`` package (Diagram, Cluster, Node, Edge; each node shows the icon
of the diagrams class its catalogue entry names, every node and box pinned),
and one Graphviz run a page (``neato -n2``, ``splines=ortho``, with a
timeout) routes the lines at right angles around the pinned nodes, puts each
step's numbered badge on its line a little way from where the line starts
(a tail label: Graphviz places it once the line is routed; a head label, by
where the line ends, for a second badge from the same node), and writes, in
turn, the layout as JSON (its routes are counted for crossings and kept in
diagram.dot), the SVG and the PNG. diagram.dot is that page with every route
and badge position given (``neato -n2 -Tsvg diagram.dot`` draws it again).

Also: node and box ids are the architecture's own; the DOT file names icons
relative to the diagrams package; the SVG stands alone (every icon embedded
once) and scales to its container; the same architecture gives the same
bytes; nothing is written outside ``out_dir``. A design of more than
:data:`views.PAGE` components is drawn as an overview plus one view per
aspect (see :mod:`views`); diagram.drawio always holds every component.

Group styles follow the AWS architecture icon guidelines (AWS Cloud,
Region, VPC, Availability Zone, public and private subnets, corporate data
center), with labels at the top left.
"""
from __future__ import annotations

import importlib
import json
import threading
import zlib
from concurrent.futures import Future
import shutil  # noqa: F401  (tests replace shutil.which to hide Graphviz)
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Collection, Iterable, Mapping

from . import layout
from .badges import edge_attribute, spread
from .graphviz import RenderError, RenderTimeout, Run, Runs, dot_executable  # noqa: F401  (RenderError: the API)
from .scene import (BATCH, FONT, GOAL, ROUNDS, TIER_COLOURS, VARIANTS, Scene, badge_label, build_scene, escape,
                    group_label, kinds_label, neighbours, node_label, rebuilt, steps_label)
from .steps import KIND_STYLES, badge_lines
from .svg import embed_icons, scalable

if TYPE_CHECKING:  # imported lazily at run time: importing archadvisor stays fast
    from archadvisor.architecture.model import Architecture

FORMATS = ("png", "svg", "dot", "drawio")
LAYOUT = "json0"  # Graphviz's layout as JSON: positions, routes, label places (json less its drawing operations)
# Points from where a step's line leaves its node to the centre of its badge: the badge clears the node by
# 4 points and stays on the line's first leg unless that leg is shorter (a few lines in a hundred). A badge
# by the line's end is 3 points further, clear of the arrowhead.
BADGE_AT = 15
NUDGES = (0, 1, 2)  # tries of the right-angle router (see Drawing._layout)
FALLBACK_ICON = "diagrams.aws.general.General"
INCH = 72.0

# AWS architecture icon guidelines, group colours.
GROUP_STYLES: dict[str, dict[str, str]] = {
    "cloud": {"pencolor": "#232F3E", "style": "solid", "bgcolor": "#FFFFFF"},
    "region": {"pencolor": "#00A4A6", "style": "dashed", "bgcolor": "#FFFFFF"},
    "vpc": {"pencolor": "#8C4FFF", "style": "solid", "bgcolor": "#FFFFFF"},
    "az": {"pencolor": "#147EBA", "style": "dashed", "bgcolor": "#FFFFFF"},
    "subnet-public": {"pencolor": "#7AA116", "style": "solid", "bgcolor": "#F2F6E8"},
    "subnet-app": {"pencolor": "#00A4A6", "style": "solid", "bgcolor": "#E6F6F7"},
    "subnet-data": {"pencolor": "#00A4A6", "style": "solid", "bgcolor": "#E6F6F7"},
    "on-premises": {"pencolor": "#7D8998", "style": "solid", "bgcolor": "#FFFFFF"},
    "users": {"pencolor": "#7D8998", "style": "dashed", "bgcolor": "#FFFFFF"},
    "internet": {"pencolor": "#7D8998", "style": "dashed", "bgcolor": "#FFFFFF"},
    "edge": {"pencolor": "#7D8998", "style": "dashed", "bgcolor": "#FFFFFF"},
    "security": {"pencolor": "#DD344C", "style": "dashed", "bgcolor": "#FFFFFF"},
    "analytics": {"pencolor": "#8C4FFF", "style": "dashed", "bgcolor": "#FFFFFF"},
    "endpoints": {"pencolor": "#8C4FFF", "style": "dashed", "bgcolor": "#FFFFFF"},
    "legend": {"pencolor": "#D5DBDB", "style": "solid", "bgcolor": "#FFFFFF"},
}
GROUP_FONT_COLORS = {"cloud": "#232F3E", "region": "#00A4A6", "vpc": "#8C4FFF", "az": "#147EBA",
                     "subnet-public": "#3F5A0A", "subnet-app": "#006B6D", "subnet-data": "#006B6D",
                     "security": "#DD344C", "analytics": "#8C4FFF", "endpoints": "#8C4FFF"}
GROUP_ICONS = {  # diagrams node classes whose icon marks a group label
    "cloud": "diagrams.aws.general.General",
    "vpc": "diagrams.aws.network.VPC",
    "subnet-public": "diagrams.aws.network.PublicSubnet",
    "subnet-app": "diagrams.aws.network.PrivateSubnet",
    "subnet-data": "diagrams.aws.network.PrivateSubnet",
    "on-premises": "diagrams.aws.general.GenericOfficeBuilding",
}


# -- icons -----------------------------------------------------------------
def _diagrams_root() -> Path:
    import diagrams
    return Path(diagrams.__file__).resolve().parent.parent


def _icon_class(path: str):
    module_name, _, class_name = path.rpartition(".")
    if not module_name.startswith("diagrams."):
        raise RenderError(f"icon {path!r} is not a diagrams node class")
    try:
        return getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError) as error:
        raise RenderError(f"icon {path!r} cannot be imported: {error}") from None


def _icon_file(cls) -> str:
    """The icon's path relative to the diagrams installation root."""
    return f"{cls._icon_dir}/{cls._icon}"


_ICON_FILES: dict[str, str] = {}  # class path -> icon file, as found by _icon_files in this process


def _icon_files(paths: Iterable[str]) -> dict[str, str]:
    """diagrams class path -> the icon file its class draws (see :func:`_icon_file`), for each of ``paths``.

    Finding one imports its class's module, a module of a hundred classes or
    so: about 6 ms for the eight or so a diagram needs. The answers are kept in
    the user's cache (see archadvisor.cache), keyed by the diagrams
    installation, so that a run imports none of them.
    """
    paths = set(paths)
    missing = paths - _ICON_FILES.keys()
    if missing:
        import diagrams
        from archadvisor.cache import cached_lookups, file_key, place_tag

        installed = Path(diagrams.__file__)  # one entry per installation: two venvs do not evict each other's
        _ICON_FILES.update(cached_lookups("render", f"icons-{place_tag(installed)}", file_key(installed), missing,
                                          lambda path: _icon_file(_icon_class(path))))
    return {path: _ICON_FILES[path] for path in paths}


def _catalogue(catalogue: Mapping | None) -> Mapping:
    """The catalogue given, else the packaged one (empty if it is missing)."""
    if catalogue is not None:
        return catalogue
    from archadvisor.knowledge import load_catalogue
    try:
        return load_catalogue()
    except FileNotFoundError:
        return {}


def _icons(catalogue: Mapping | None) -> dict[str, str]:
    """service id -> diagrams class path, from the catalogue."""
    return {sid: (entry if isinstance(entry, str) else entry.icon) for sid, entry in _catalogue(catalogue).items()}


# -- DOT ---------------------------------------------------------------------
def _point(scene: Scene, x: float, y: float, key: str = "") -> str:
    """A pinned position; moved a fraction of a point when the scene is nudged (see :class:`Drawing`)."""
    if scene.nudge and key:
        shift = (zlib.crc32(key.encode()) % 7 + 1) * 0.11 * scene.nudge
        x, y = x + shift, y - shift
    return f"{x:.2f},{scene.flip(y):.2f}!"


def _label_on_top(arch: "Architecture", component, slot: layout.Slot) -> bool:
    """Whether a bar's label goes at its top: a tall bar's; and one across AZ rows, in the first row (see
    vpc.Vpc.block) rather than on the next row's titles, unless no taller than its label (a load balancer's)."""
    height = layout.node_height(component)
    return slot.height >= 2 * height or (layout.straddles(arch, component) and slot.height >= height + 2 * layout.GAP)


def _bb(scene: Scene, box: layout.Box) -> str:
    return f"{box.x0:.1f},{scene.flip(box.y1):.1f},{box.x1:.1f},{scene.flip(box.y0):.1f}"


def scene_source(scene: Scene, *, catalogue: Mapping | None = None, routes: Mapping[tuple[str, str], str] | None = None,
                 badges_at: Mapping[tuple[str, str], str] | None = None, splines: str = "ortho") -> str:
    """The DOT text of a scene, every node and box pinned, each step's badge on its line. With ``routes``
    and ``badges_at`` (Graphviz's layout of this text: see :func:`routes_of`, :func:`badges_of`), every
    line keeps its route and every badge its place. ``splines``: how Graphviz routes the lines."""
    import diagrams
    from diagrams import Cluster, Diagram, Node

    arch = scene.arch
    icons = _icons(catalogue)
    files = _icon_files({icons.get(c.service, FALLBACK_ICON) for c in arch.components}
                        | {GROUP_ICONS[b.kind] for b in scene.block.boxes if b.kind in GROUP_ICONS})
    graph_attr = {
        "label": "", "pad": "0.2", "splines": splines, "fontname": FONT, "bgcolor": "#FFFFFF",
        "outputorder": "edgesfirst", "layout": "neato", "overlap": "true", "esep": "2",
        "bb": f"0,0,{scene.width:.1f},{scene.height:.1f}",
        # Coordinates stay the layout's (the page is still cropped to the drawing): the routes and badge
        # positions Graphviz reports then fit the positions pinned here, for diagram.dot.
        "notranslate": "true",
    }
    node_attr = {"shape": "plain", "fontname": FONT, "fontsize": str(layout.FONT_SIZE), "margin": "0",
                 "fixedsize": "false", "width": "0", "height": "0"}
    edge_attr = {"fontname": FONT, "arrowsize": "0.7"}
    diagram = Diagram(scene.title, filename="diagram", direction="LR", curvestyle="ortho", outformat="dot",
                      show=False, graph_attr=graph_attr, node_attr=node_attr, edge_attr=edge_attr)
    diagram.dot.name = arch.name
    diagram.dot.comment = "Positions are pinned and lines routed: draw with  neato -n2 -Tsvg  (see archadvisor/render)"
    members: dict[str | None, list[str]] = {}
    for component in arch.components:
        members.setdefault(_box_of(scene, component), []).append(component.id)
    children: dict[str | None, list[layout.Box]] = {}
    for box in scene.block.boxes:
        children.setdefault(box.parent, []).append(box)

    def draw_node(component_id: str) -> None:
        component = arch.component(component_id)
        slot = scene.block.slots[component_id]
        icon = files[icons.get(component.service, FALLBACK_ICON)]
        attrs = {"pos": _point(scene, slot.x, slot.y, component_id)}
        boundary = slot.bar and layout.straddles(arch, component) and not _label_on_top(arch, component, slot)
        if slot.bar:
            colour = TIER_COLOURS.get(arch.group(component.spans[0]).kind, "#7D8998") if component.spans else "#7D8998"
            attrs.update(shape="box", style="rounded,dashed",
                         labelloc="t" if _label_on_top(arch, component, slot) else "c",
                         color=colour, penwidth="1.5", fixedsize="true",
                         width=f"{slot.width / INCH:.3f}", height=f"{slot.height / INCH:.3f}")
        # A load balancer across the AZ boundary: its name above its icon, in the first row, not over the
        # next row's titles (see vpc.Vpc._place_bars).
        Node(node_label(slot.label(component.label), icon, text_first=boundary), nodeid=component_id, **attrs)

    def draw_box(box: layout.Box) -> None:
        style = GROUP_STYLES.get(box.kind, GROUP_STYLES["edge"])
        icon = files[GROUP_ICONS[box.kind]] if box.kind in GROUP_ICONS else None
        attrs = {**style, "label": group_label(box.label, GROUP_FONT_COLORS.get(box.kind, "#545B64"), icon),
                 # An AZ's title at its right: a load balancer across the AZ boundary sits at the left.
                 "labeljust": "r" if box.kind == "az" else "l", "labelloc": "t", "penwidth": "1.5", "bb": _bb(scene, box)}
        cluster = Cluster(box.label, graph_attr=attrs)
        cluster.name = cluster.dot.name = f"cluster_{box.id}"
        with cluster:
            for component_id in members.get(box.id, ()):
                draw_node(component_id)
            for name, slot in scene.junctions.items():
                if name.startswith(box.id + "--"):
                    Node("", nodeid=name, shape="point", width="0.06", color="#8C4FFF",
                         pos=_point(scene, slot.x, slot.y, name))
            if _kept_clear(box, scene.block.boxes):
                _keep_out_of_title(scene, box, Node)
            if box.kind == "legend":
                _draw_legend(scene, Node)
            for child in children.get(box.id, ()):
                draw_box(child)

    diagrams.setdiagram(diagram)
    try:
        Node(f'<<FONT POINT-SIZE="18" COLOR="#232F3E"><B>{escape(scene.title)}</B></FONT>>', nodeid="title",
             pos=_point(scene, layout.GAP + len(scene.title) * 5.5, 22))
        for component_id in members.get(None, ()):
            draw_node(component_id)
        for box in children.get(None, ()):
            draw_box(box)
        numbered = _numbered(scene)
        at_head = _badges_at_head(numbered, lambda key: _span(scene, key), lambda key: _side(scene, key),
                                  scene.junctions)
        for line in scene.lines:
            key = (line.source, line.target)
            colour, dash, width, _ = KIND_STYLES[line.kind]
            attrs = {"color": colour, "style": dash, "penwidth": str(width)}
            if "--dns" in line.target or "--around" in line.target:  # a detour's leg (see scene._detour,
                # scene._around): one arrow, at the end
                attrs["arrowhead"] = "none"
            if routes is not None and key in routes:
                attrs["pos"] = routes[key]
            if key in numbered:
                # The badge goes on the line once Graphviz has routed it, in the run that draws it: a
                # port label along the line's first leg (labelangle 0), its centre BADGE_AT points out;
                # along its last leg instead for a second badge from one node (it would sit on the first).
                end, distance = ("head", BADGE_AT + 3) if key in at_head else ("tail", BADGE_AT)
                attrs.update({f"{end}label": badge_label(numbered[key]), "labelangle": "0",
                              "labeldistance": f"{distance / 10:g}"})  # Graphviz's unit: 10 points
                if badges_at is not None and key in badges_at:
                    attrs[f"{end}_lp"] = badges_at[key]
            diagram.dot.edge(line.source, line.target, **attrs)
    finally:
        diagrams.setdiagram(None)
        diagrams.setcluster(None)
    return diagram.dot.source


def _numbered(scene: Scene) -> dict[tuple[str, str], int]:
    """(tail, head) -> the step number of each line that carries a badge."""
    return {(line.source, line.target): number for number, line in badge_lines(scene.lines).items()}


def _kept_clear(box: layout.Box, boxes: list[layout.Box]) -> bool:
    """Whether lines are kept off a box's title: a Region's, when it is the page's only one (a line coming
    down from the edge services above ran through it; between two Regions, the lines that join them
    would have to turn around both titles, and cross more often than they pass a title); an on-premises
    site's (a line from the VPC's internet gateway to the internet beside it ran through it)."""
    if box.kind == "region":
        return sum(b.kind == "region" for b in boxes) == 1
    return box.kind == "on-premises"


def _keep_out_of_title(scene: Scene, box: layout.Box, node_class) -> None:
    """An invisible node over a box's title (Graphviz's right-angle router steers lines around nodes, not
    around text), so that no line is drawn through the title's words."""
    lines = box.label.split("\n")
    width = max(len(line) for line in lines) * layout.FONT_SIZE * 0.62 + layout.PAD
    height = layout.LINE * len(lines)
    width += 22 if box.kind in GROUP_ICONS else 0  # the group's icon before its title: 18 points and its spacing (group_label)
    x, y = box.x0 + layout.PAD + width / 2, box.y0 + 4 + height / 2
    node_class("", nodeid=f"{box.id}--title", shape="box", style="invis", fixedsize="true",
               width=f"{width / INCH:.3f}", height=f"{height / INCH:.3f}", pos=_point(scene, x, y))


def _box_of(scene: Scene, component) -> str | None:
    """The drawn box a component is declared in: its group's, or the VPC endpoints box for an endpoint."""
    boxes = {box.id for box in scene.block.boxes}
    if component.role == "endpoint" and f"{layout.ENDPOINTS}-{component.group}" in boxes:
        return f"{layout.ENDPOINTS}-{component.group}"
    return component.group if component.group in boxes else None


def _draw_legend(scene: Scene, node_class) -> None:
    for name, slot, what in scene.legend:
        pos = _point(scene, slot.x, slot.y, name)
        if what == "steps":
            node_class(steps_label(scene.steps, scene.notes), nodeid=name, pos=pos)
        elif what == "kinds":
            node_class(kinds_label(scene.legend_kinds), nodeid=name, pos=pos)


# -- running Graphviz ----------------------------------------------------------
def routes_of(graph: dict) -> dict[tuple[str, str], str]:
    """(tail, head) -> the route Graphviz gave the line, from its JSON output."""
    return edge_attribute(graph, "pos")


def badges_of(graph: dict) -> dict[tuple[str, str], str]:
    """(tail, head) -> where Graphviz put the line's badge (its tail or head label), from its JSON output."""
    return {**edge_attribute(graph, "tail_lp"), **edge_attribute(graph, "head_lp")}


def _badges_at_head(numbered: Mapping[tuple[str, str], int],
                    span: Callable[[tuple[str, str]], float] = lambda key: 0.0,
                    side: Callable[[tuple[str, str]], str] = lambda key: "",
                    junctions: Collection[str] = ()) -> set[tuple[str, str]]:
    """The numbered lines whose badge goes by the line's end: of the lines leaving one node by one side (by
    ``side``, an estimate: lines leaving by different sides mostly keep their badges apart, and a badge
    that still meets another is moved once the page is laid out, see badges.spread), all but one, whose
    badge by the node would sit on the others'. The one keeps its badge at its start: a line into one of
    ``junctions`` (it arrives at an endpoints box's corner level with the titles there, see scene), else the
    line whose end other numbered lines start from or end at most (badges gather there already), else the
    shortest (by ``span``: a badge at a short line's end would sit on the one at its start), else the first
    numbered."""
    touching: dict[str, int] = {}  # badges likely by a node: twice a line starting there (its badge is there)
    for start, end in numbered:
        touching[start] = touching.get(start, 0) + 2
        touching[end] = touching.get(end, 0) + 1
    sides = {key: side(key) for key in numbered}  # estimated once a line
    tails: dict[tuple[str, str], tuple[str, str]] = {}
    for key in sorted(numbered, key=lambda k: (k[1] not in junctions, -touching[k[1]], span(k), numbered[k])):
        tails.setdefault((key[0], sides[key]), key)
    return {key for key in numbered if tails[key[0], sides[key]] != key}


def _side(scene: Scene, key: tuple[str, str]) -> str:
    """The side of its start node a line most likely leaves by, before Graphviz routes it ("" when either
    end is not placed): up or down to a node in the same column with nothing placed between them, else
    towards the other node's side (the right-angle router leaves a node sideways for a node up and to the
    side as often as not, and goes round a node in its way)."""
    places = {**scene.block.slots, **scene.junctions}
    if key[0] not in places or key[1] not in places:
        return ""
    a, b = places[key[0]], places[key[1]]
    dx, dy = b.x - a.x, b.y - a.y
    column = abs(dx) < layout.CELL_WIDTH / 2
    if column and dy and not any(abs(slot.x - a.x) < layout.CELL_WIDTH / 2 and min(a.y, b.y) < slot.y < max(a.y, b.y)
                                 for name, slot in scene.block.slots.items() if name not in key):
        return "down" if dy > 0 else "up"
    return "right" if dx >= 0 else "left"


def _span(scene: Scene, key: tuple[str, str]) -> float:
    """How far apart a line's two ends are placed (centre to centre, along the axes): before Graphviz routes
    it, an estimate of its length."""
    places = {**scene.block.slots, **scene.junctions}
    if key[0] not in places or key[1] not in places:
        return 0.0
    a, b = places[key[0]], places[key[1]]
    return abs(a.x - b.x) + abs(a.y - b.y)


def _counted(routes: Mapping[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """The routes of the lines that count for readability: the legend's samples left out."""
    return {key: pos for key, pos in routes.items() if not key[0].startswith("legend-")}


def _drawn(formats: Iterable[str]) -> tuple[str, ...]:
    """The formats Graphviz draws, in the order one run writes them: the SVG (its end is known, see
    graphviz.Run) before the PNG."""
    return tuple(fmt for fmt in ("svg", "png") if fmt in formats)


class Drawing:
    """Graphviz drawing each page of a design in the background.

    A page is a :class:`Scene` saved as ``<stem>.<format>``: ``diagram`` for
    the drawing (or the overview of a large design), ``diagram-<view>`` for
    each view. Nothing is written before :meth:`write`.
    """

    def __init__(self, arch: "Architecture", pages: list[tuple[str, Scene]], formats: tuple[str, ...],
                 catalogue: Mapping | None, runs: Runs) -> None:
        self.arch, self.pages, self.formats, self._runs, self._catalogue = arch, pages, formats, runs, catalogue
        self._svgs: dict[str, str] = {}
        self.sources: dict[str, str] = {}
        self.splines: dict[str, str] = {}
        self.routes: dict[str, dict[tuple[str, str], str]] = {}
        self.sizes: dict[str, tuple[float, float]] = {}  # stem -> width, height in points, as Graphviz drew it
        self._runs_by_stem = {}
        # Each page's first run lays it out and goes on to draw it: its layout (JSON) comes within
        # milliseconds, long before its PNG. The layout is read by a thread of its own, while the caller
        # goes on (it imports and prepares the reports).
        first = [self._submit(scene, "ortho") for _, scene in pages]
        self._prepared: Future = Future()
        threading.Thread(target=self._prepare, args=(first,), name="diagram-pages", daemon=True).start()

    def _submit(self, scene: Scene, splines: str) -> Run:
        """Graphviz on a page: its layout (:data:`LAYOUT`), then each drawn format."""
        return self._runs.submit(scene_source(scene, catalogue=self._catalogue, splines=splines),
                                 (LAYOUT,) + _drawn(self.formats))

    def _prepare(self, first: list[Run]) -> None:
        from .measure import crossings

        try:
            laid_out = []
            for (stem, scene), run in zip(self.pages, first):
                graph, run = self._layout(stem, scene, run)
                count = crossings(_counted(routes_of(graph)))
                moved = spread(graph, _numbered(scene)) if count <= GOAL else {}
                if count > GOAL or moved:  # a variant may do better, or badges must move: this drawing
                    run.stop()  # is not wanted; stopped at once, not after the other pages' searches
                    run = None
                laid_out.append((graph, run, count, moved))
            for index, ((stem, scene), (graph, run, count, moved)) in enumerate(zip(self.pages, laid_out)):
                if count > GOAL:
                    scene, graph = self._least_crossed(scene, graph, count)
                    moved = spread(graph, _numbered(scene))
                self.pages[index] = (stem, scene)
                routes = routes_of(graph)
                self.routes[stem] = routes
                left, bottom, right, top = (float(v) for v in graph["bb"].split(","))
                self.sizes[stem] = (right - left, top - bottom)
                self.sources[stem] = scene_source(scene, catalogue=self._catalogue, routes=routes,
                                                  badges_at={**badges_of(graph), **moved}, splines=self.splines[stem])
                if run is None:  # drawn as diagram.dot says: every route and badge pinned, nothing routed again
                    run = self._draw(self.sources[stem])
                self._runs_by_stem[stem] = run
        except BaseException as error:
            self._prepared.set_exception(error)
        else:
            self._prepared.set_result(None)

    def _draw(self, source: str) -> Run | None:
        """Graphviz drawing a page whose layout is done (None: no drawn format is wanted)."""
        formats = _drawn(self.formats)
        return self._runs.submit(source, formats) if formats else None

    def _least_crossed(self, scene: Scene, graph: dict, count: int) -> tuple[Scene, dict]:
        """The variant of a page's layout whose lines cross least (``count`` times, as laid out, is more
        than :data:`scene.GOAL`). The variants of scene.VARIANTS are routed by Graphviz a batch at a time
        until one meets the goal; if none does, those differing from the best so far in one choice, for
        a round or two. Ties go to the variant tried first, so the same design always gives the same
        drawing."""
        best = (count, scene, graph)
        tried = {scene.variant}
        frontier = [v for v in VARIANTS if v not in tried]
        for _ in range(1 + ROUNDS):
            for start in range(0, len(frontier), BATCH):
                if best[0] <= GOAL:
                    return best[1], best[2]
                batch = frontier[start:start + BATCH]
                tried.update(batch)
                for count, candidate, other in self._routed(batch, scene):
                    if count < best[0]:
                        best = (count, candidate, other)
            frontier = [v for v in neighbours(best[1].variant) if v not in tried]
            if best[0] <= GOAL or not frontier:
                break
        return best[1], best[2]

    def _routed(self, variants: list, scene: Scene) -> list[tuple[int, Scene, dict]]:
        """(crossings, scene, layout) of ``scene`` laid out by each of ``variants``, routed side by side;
        those Graphviz's router gives up on left out."""
        from .measure import crossings

        candidates = [rebuilt(scene, variant) for variant in variants]
        for candidate in candidates:  # nudged as the first was, if its lines needed that (see _layout)
            candidate.nudge = scene.nudge
        runs = [self._runs.submit(scene_source(c, catalogue=self._catalogue), (LAYOUT,)) for c in candidates]
        routed = []
        for candidate, run in zip(candidates, runs):
            try:
                other = json.loads(run.part(LAYOUT).result())
            except RenderTimeout:
                raise
            except RenderError:  # the right-angle router gave up on this one: the others will do
                continue
            routed.append((crossings(_counted(routes_of(other))), candidate, other))
        return routed

    def wait(self) -> "Drawing":
        """Once every page's lines are routed and its drawing started; raises what went wrong meanwhile."""
        self._prepared.result()
        return self

    def _layout(self, stem: str, scene: Scene, run: Run) -> tuple[dict, Run]:
        """The layout of a page's first run, and the run that laid it out (and draws it). Graphviz
        2.43's right-angle router aborts on a few arrangements where node sides line up just so: the
        nodes are then nudged a fraction of a point (by a fixed rule, so the output stays the same for
        the same input) and laid out again, and as a last resort the lines are drawn straight."""
        self.splines[stem] = "ortho"
        for nudge in NUDGES:
            try:
                if nudge:
                    scene.nudge = nudge
                    run = self._submit(scene, "ortho")
                return json.loads(run.part(LAYOUT).result()), run
            except RenderTimeout:
                raise
            except RenderError:
                continue
        scene.nudge, self.splines[stem] = 0, "polyline"
        run = self._submit(scene, "polyline")
        return json.loads(run.part(LAYOUT).result()), run

    @property
    def source(self) -> str:
        return self.wait().sources["diagram"]

    def svg(self, stem: str = "diagram") -> str | None:
        """A page's SVG text with every icon embedded, or None if SVG is not among the formats."""
        if "svg" not in self.formats:
            return None
        self.wait()
        if stem not in self._svgs:
            raw = self._runs_by_stem[stem].part("svg").result().decode("utf-8")
            self._svgs[stem] = scalable(embed_icons(raw, self._runs.root, "" if stem == "diagram" else f"{stem}-"))
        return self._svgs[stem]

    def views(self) -> list[tuple[str, str, str | None]]:
        """(stem, title, SVG) of each page after the first, in order: the views of a large design."""
        prefix = f"{self.arch.name}: "
        return [(stem, scene.title.removeprefix(prefix), self.svg(stem)) for stem, scene in self.pages[1:]]

    def readability(self, stem: str = "diagram"):
        """How readable a page is (see measure.py): its components and lines, the legend left out."""
        from .measure import readability
        self.wait()
        scene = dict(self.pages)[stem]
        return readability(len(scene.arch.components), _counted(self.routes[stem]), *self.sizes[stem])

    def contents(self) -> dict[str, bytes]:
        """file name -> bytes, once Graphviz has drawn every page."""
        self.wait()
        drawn = {}
        if "drawio" in self.formats:  # first: made while Graphviz still draws the PNGs
            from .drawio import drawio
            drawn["diagram.drawio"] = drawio(self.arch, self.full_scene()).encode("utf-8")
        for stem, _ in self.pages:
            for fmt in self.formats:
                if fmt == "dot":
                    drawn[f"{stem}.dot"] = self.sources[stem].encode("utf-8")
                elif fmt == "svg":
                    drawn[f"{stem}.svg"] = self.svg(stem).encode("utf-8")
                elif fmt == "png":
                    drawn[f"{stem}.png"] = self._runs_by_stem[stem].part("png").result()
        return drawn

    def full_scene(self) -> Scene:
        """The scene of every component (the first page, unless the design was split into views)."""
        from .views import full_scene
        return full_scene(self.arch, self.pages)

    def write(self, out_dir: Path) -> dict[str, Path]:
        """Write every page in every format into ``out_dir``, after all are drawn. Keys: the format for
        the first page (``png``, ``svg``, ``dot``, ``drawio``), the file name for the views' files."""
        try:
            contents = self.contents()
        finally:
            self.close()
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        written = {}
        for name, data in contents.items():
            path = out_dir / name
            path.write_bytes(data)
            stem, fmt = name.rsplit(".", 1)
            written[fmt if stem == "diagram" else name] = path
        return written

    def close(self) -> None:
        """Stop Graphviz where it still runs (after an error elsewhere, say)."""
        self._runs.stop()
        try:  # the preparing thread ends once its runs are stopped; its error, if any, is no news here
            self._prepared.exception(timeout=self._runs.timeout)
        except Exception:
            pass


def start_drawing(arch: "Architecture", *, formats=FORMATS, timeout: float = 60,
                  catalogue: Mapping | None = None) -> Drawing:
    """Lay the design out, route its lines and start drawing every page (see :class:`Drawing`).

    Raises :class:`RenderError` when Graphviz is missing, fails or takes
    longer than ``timeout`` seconds (per run), ValueError for an unknown format.
    """
    from .views import pages

    formats = tuple(formats)
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown diagram formats {sorted(unknown)}; use {list(FORMATS)}")
    dot_executable()  # a missing Graphviz is one clear error, not one per page
    runs = Runs(_diagrams_root(), timeout)
    try:
        return Drawing(arch, pages(arch), formats, catalogue, runs)
    except BaseException:
        runs.stop()
        raise


def arranged_source(arch: "Architecture", *, catalogue: Mapping | None = None, timeout: float = 60) -> str:
    """The DOT text that ``design`` writes as diagram.dot: positions and routes included."""
    drawing = start_drawing(arch, formats=("dot",), timeout=timeout, catalogue=catalogue)
    try:
        return drawing.source
    finally:
        drawing.close()


def diagram_source(arch: "Architecture", *, catalogue: Mapping | None = None) -> str:
    """The DOT text of the whole design before its lines are routed (no Graphviz run)."""
    return scene_source(build_scene(arch, f"{arch.name}: AWS architecture"), catalogue=catalogue)


def render_diagram(arch: "Architecture", out_dir: Path, *, formats=FORMATS, timeout: float = 60,
                   catalogue: Mapping | None = None) -> dict[str, Path]:
    """Write every page of the diagram in each of ``formats`` into ``out_dir`` (see :meth:`Drawing.write`).

    ``catalogue`` maps service id -> catalogue entry (or icon class path);
    by default the packaged catalogue. Raises :class:`RenderError` when
    Graphviz fails or takes longer than ``timeout`` seconds; files are
    written only after every format has been drawn.
    """
    return start_drawing(arch, formats=formats, timeout=timeout, catalogue=catalogue).write(out_dir)
