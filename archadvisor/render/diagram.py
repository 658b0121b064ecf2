"""Architecture -> diagram.dot, diagram.svg and diagram.png.

The graph is assembled with the ``diagrams`` package (Diagram, Cluster, Node
and Edge; each node shows the icon of the diagrams class its catalogue entry
names), then laid out by calling Graphviz ``dot`` ourselves, with a timeout,
so that:

* node and cluster ids are the architecture's own ids (no random uuids);
* the DOT file names icons relative to the diagrams package
  (``resources/aws/database/aurora.png``), never an absolute path;
* the SVG stands alone: every icon is embedded once as a base64 PNG;
* the same architecture gives the same DOT and SVG bytes;
* nothing is written outside ``out_dir``.

Time goes mostly to Graphviz: up to six layouts while choosing a declaration
(see :func:`arranged_source`), then the PNG, the slowest by far. Each
Graphviz run is a process of its own, so the layouts run a few at a time,
read in a fixed order (the choice never depends on which finishes first).
A layout run writes its plain layout first and goes on to draw the SVG and
the PNG: the best layout so far keeps drawing, the others are stopped once
read, so the chosen layout's PNG is well under way when the search ends
(see :func:`start_drawing`). The caller goes on while the PNG is encoded
(see :class:`Drawing`).

Group styles follow the AWS architecture icon guidelines (AWS Cloud,
Region, VPC, Availability Zone, public and private subnets, corporate data
center), with labels at the top left.
"""
from __future__ import annotations

import base64
import itertools
import html
import importlib
import os
import re
import shutil
import subprocess
import tempfile
import textwrap
import threading
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, NamedTuple, Sequence
from .children import die_with_parent  # Graphviz dies with archadvisor, even on kill -9

if TYPE_CHECKING:  # imported lazily at run time: importing archadvisor stays fast
    from archadvisor.architecture.model import Architecture, Component, Group

FORMATS = ("png", "svg", "dot")
FALLBACK_ICON = "diagrams.aws.general.General"
FONT = "Helvetica"
ICON_SIZE = 48        # points, node icons
GROUP_ICON_SIZE = 20  # points, icons beside group labels
WRAP = 24             # characters per label line

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
}
GROUP_FONT_COLORS = {"cloud": "#232F3E", "region": "#00A4A6", "vpc": "#8C4FFF", "az": "#147EBA",
                     "subnet-public": "#3F5A0A", "subnet-app": "#006B6D", "subnet-data": "#006B6D",
                     "security": "#DD344C", "analytics": "#8C4FFF"}
GROUP_ICONS = {  # diagrams node classes whose icon marks a group label
    "cloud": "diagrams.aws.general.General",
    "vpc": "diagrams.aws.network.VPC",
    "subnet-public": "diagrams.aws.network.PublicSubnet",
    "subnet-app": "diagrams.aws.network.PrivateSubnet",
    "subnet-data": "diagrams.aws.network.PrivateSubnet",
    "on-premises": "diagrams.aws.general.GenericOfficeBuilding",
}
# Declaration order of groups, one input of Graphviz's ordering inside a rank (see VARIANTS).
KIND_ORDER = ["users", "on-premises", "cloud", "edge", "region", "vpc", "az", "subnet-public",
              "subnet-app", "subnet-data", "analytics", "security", "internet"]
# Ways to declare the same graph; Graphviz's ordering inside a rank depends on them.
# (reverse regions and outer groups, reverse AZs and members, invisible sibling edges)
_ALL_VARIANTS = tuple((outer, inner, edges) for edges in ("none", "backward", "forward")
                      for outer, inner in ((False, False), (True, True), (False, True), (True, False)))
# Tried in this order: the three that most often read best on the blueprints come first, so the
# search usually stops within the first pair of parallel layouts.
_LIKELY_FIRST = ((False, False, "none"), (False, False, "backward"), (False, True, "none"))
VARIANTS = _LIKELY_FIRST + tuple(v for v in _ALL_VARIANTS if v not in _LIKELY_FIRST)
# Layouts tried at most. On every blueprint the best-reading layout is among the first six in this
# order; when none is perfect, trying the other six only costs time (each layout is a dot process).
SEARCH_LIMIT = 6
READ_REPLICAS = ("rds-read-replicas", "aurora-replicas")
# (tail port, head port) of an edge leaving the bottom of its tail for the top of its head, and back.
DOWNWARD, UPWARD = ("s", "n"), ("n", "s")
EDGE_COLORS = {"solid": "#545B64", "dashed": "#147EBA", "dotted": "#7D8998"}


class RenderError(RuntimeError):
    """Graphviz failed, timed out or is missing; the message says which."""


class RenderTimeout(RenderError):
    """Graphviz took longer than the timeout."""


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
        from archadvisor.cache import cached_lookups, file_key

        _ICON_FILES.update(cached_lookups("render", "icons", file_key(Path(diagrams.__file__)), missing,
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


# -- labels ----------------------------------------------------------------
def _lines(label: str) -> list[str]:
    lines = []
    for raw in label.split("\n"):
        lines.extend(textwrap.wrap(raw, WRAP, break_long_words=True) or [""])
    return lines


def _node_label(component: "Component", icon: str) -> str:
    lines = [html.escape(line, quote=True) for line in _lines(component.label)]
    text = f"<B>{lines[0]}</B>" + "".join(f"<BR/>{line}" for line in lines[1:])
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{ICON_SIZE}" HEIGHT="{ICON_SIZE}">'
        f'<IMG SRC="{icon}" SCALE="TRUE"/></TD></TR>'
        f'<TR><TD><FONT POINT-SIZE="11" COLOR="#232F3E">{text}</FONT></TD></TR></TABLE>>'
    )


def _group_label(group: "Group", icon: str | None) -> str:
    color = GROUP_FONT_COLORS.get(group.kind, "#545B64")
    text = html.escape(group.label, quote=True)
    cells = ""
    if icon:
        cells += (f'<TD FIXEDSIZE="TRUE" WIDTH="{GROUP_ICON_SIZE}" HEIGHT="{GROUP_ICON_SIZE}">'
                  f'<IMG SRC="{icon}" SCALE="TRUE"/></TD>')
    cells += f'<TD><FONT POINT-SIZE="12" COLOR="{color}"><B>{text}</B></FONT></TD>'
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="0"><TR>{cells}</TR></TABLE>>'


def _edge_label(text: str) -> str:
    escaped = "<BR/>".join(html.escape(line, quote=True) for line in _lines(text))
    return (f'<<TABLE BORDER="0" CELLBORDER="0" CELLPADDING="1" BGCOLOR="#FFFFFF">'
            f'<TR><TD><FONT POINT-SIZE="10" COLOR="#545B64">{escaped}</FONT></TD></TR></TABLE>>')


# -- DOT ---------------------------------------------------------------------
def diagram_source(arch: "Architecture", *, catalogue: Mapping | None = None,
                   variant: tuple[bool, bool, str] = VARIANTS[0],
                   ports: Mapping[tuple[str, str], tuple[str, str] | None] | None = None,
                   hints: bool = True) -> str:
    """The DOT text of the diagram: deterministic, icons by relative path.

    ``variant`` (reverse the declaration order of regions, of AZs and
    nodes; direction of the invisible sibling edges) only nudges Graphviz's ordering, and ``ports`` sends
    given edges out of and into the top or bottom of their nodes (None: neither; same-region
    replication goes :data:`DOWNWARD` unless given); ``hints`` False leaves out every layout hint.
    See :func:`arranged_source`.
    """
    reverse_outer, reverse_inner, sibling_edges = variant
    graph = _graph(arch, catalogue, reverse_outer, reverse_inner, ports or {}, hints)
    lines = sibling_lines(arch, sibling_edges == "forward") if hints and sibling_edges != "none" else []
    return _source_with(graph, lines)


def _source_with(graph, lines: list[str]) -> str:
    """The DOT text of ``graph`` with ``lines`` appended to its body, leaving ``graph`` as it was."""
    graph.body.extend(lines)
    try:
        return graph.source
    finally:
        del graph.body[len(graph.body) - len(lines):]


def _graph(arch: "Architecture", catalogue: Mapping | None, reverse_outer: bool, reverse_inner: bool,
           ports: Mapping[tuple[str, str], tuple[str, str] | None], hints: bool):
    """The ``graphviz.Digraph`` assembled by ``diagrams``, without the sibling edges (see :func:`diagram_source`)."""
    import diagrams
    from diagrams import Cluster, Diagram, Edge, Node

    icons = _icons(catalogue)
    files = _icon_files({icons.get(c.service, FALLBACK_ICON) for c in arch.components}
                        | {GROUP_ICONS[g.kind] for g in arch.groups if g.kind in GROUP_ICONS})

    def order(groups, parent: str | None):
        outer = parent is None or arch.group(parent).kind == "cloud"
        return sorted(groups, key=lambda g: (KIND_ORDER.index(g.kind) if g.kind in KIND_ORDER else 99, g.id),
                      reverse=reverse_outer if outer else reverse_inner)

    graph_attr = {
        "pad": "0.3", "nodesep": "0.35", "ranksep": "0.8", "splines": "spline", "newrank": "true",
        "fontname": FONT, "fontsize": "20", "fontcolor": "#232F3E", "labelloc": "t", "labeljust": "l",
        "bgcolor": "#FFFFFF", "compound": "true", "outputorder": "edgesfirst",
    }
    node_attr = {"shape": "plain", "fixedsize": "false", "fontname": FONT, "fontsize": "11",
                 "width": "0", "height": "0", "margin": "0"}
    edge_attr = {"fontname": FONT, "fontsize": "10", "arrowsize": "0.7", "penwidth": "1.2"}
    title = f"{arch.name}: AWS architecture"
    diagram = Diagram(title, filename="diagram", direction="LR", curvestyle="curved", outformat="dot",
                      show=False, graph_attr=graph_attr, node_attr=node_attr, edge_attr=edge_attr)
    diagram.dot.name = arch.name
    nodes: dict[str, object] = {}

    def draw_group(group) -> None:
        style = dict(GROUP_STYLES.get(group.kind, GROUP_STYLES["edge"]))
        icon = files[GROUP_ICONS[group.kind]] if group.kind in GROUP_ICONS else None
        attrs = {**style, "label": _group_label(group, icon), "labeljust": "l", "labelloc": "t",
                 "penwidth": "1.5", "margin": "12", "fontname": FONT}
        cluster = Cluster(group.label, graph_attr=attrs)
        cluster.name = cluster.dot.name = f"cluster_{group.id}"
        with cluster:
            draw_members(group.id)
            for child in order(arch.children(group.id), group.id):
                draw_group(child)

    def draw_members(group_id: str | None) -> None:
        members = [c for c in arch.components if c.group == group_id]
        if reverse_inner:
            members.reverse()
        for component in members:
            # The icon is drawn by the label (see _node_label): each node is a plain diagrams Node,
            # whichever class the catalogue names for it.
            icon = files[icons.get(component.service, FALLBACK_ICON)]
            nodes[component.id] = Node(_node_label(component, icon), nodeid=component.id, shape="plain")

    diagrams.setdiagram(diagram)
    try:
        for group in order(arch.children(None), None):
            draw_group(group)
        draw_links(arch, diagram, nodes, Edge, ports, hints, _app_tier(arch, catalogue))
    finally:
        diagrams.setdiagram(None)
        diagrams.setcluster(None)
    return diagram.dot


def _region(arch: "Architecture", component_id: str) -> str | None:
    group = arch.enclosing(component_id, "region")
    return group.id if group else None


def _app_tier(arch: "Architecture", catalogue: Mapping | None) -> frozenset[str]:
    """Ids of the compute nodes: those in an app subnet, and those whose service the catalogue files
    under compute (an application drawn without a VPC sits in the region)."""
    compute = {sid for sid, entry in _catalogue(catalogue).items() if getattr(entry, "category", None) == "compute"}
    return frozenset(c.id for c in arch.components
                     if c.service in compute or arch.group(c.group).kind == "subnet-app")


def _unranked(arch: "Architecture", link, app_tier: frozenset[str]) -> bool:
    """Replication or backup inside one region, except to a read replica: an edge that must not
    rank its nodes (see :func:`draw_links`)."""
    return (link.style == "dashed" and _region(arch, link.source) == _region(arch, link.target)
            and arch.component(link.target).service not in READ_REPLICAS
            and not _pushed_back(arch, link, app_tier))


def _pushed_back(arch: "Architecture", link, app_tier: frozenset[str]) -> bool:
    """An event a store pushes into the app tier (S3 object events, say): it flows against the
    left-to-right reading, from a store drawn after the app back to it."""
    return link.style == "dashed" and link.target in app_tier and link.source not in app_tier


def draw_links(arch: "Architecture", diagram, nodes: dict, edge_class,
               ports: Mapping[tuple[str, str], tuple[str, str] | None], hints: bool = True,
               app_tier: frozenset[str] = frozenset()) -> None:
    """Edges, with the layout hints that keep the picture readable.

    * Replication and backup (dashed) inside one region do not rank nodes; the data
      tier of each AZ is ranked after its app tier instead (see
      :func:`tiers_in_step`), so a standby sits level with its primary, and the
      edge runs from the bottom of the primary into the top of the standby in the AZ
      below (see :func:`_ported_source`). Read replicas are the exception: their
      replication ranks them one column after the primary, a short horizontal edge
      instead of a loop round the subnet.
    * An event a store pushes into the app tier (S3 object events) runs against
      the left-to-right reading: it is declared app -> store with the arrow at the
      app, so it ranks with the flow instead of looping back across the picture.
    * A label repeated on several edges into (or out of) one node is
      written once.
    """
    seen: set[tuple[str, str, str]] = set()
    kinds = {c.id: arch.group(c.group).kind for c in arch.components}
    for link in arch.links:
        attrs = {"color": EDGE_COLORS[link.style], "style": link.style}
        if link.label and ("in", link.target, link.label) not in seen and ("out", link.source, link.label) not in seen:
            attrs["label"] = _edge_label(link.label)
        seen.update({("in", link.target, link.label), ("out", link.source, link.label)})
        if hints and _unranked(arch, link, app_tier):
            attrs["constraint"] = "false"
        if hints and kinds[link.source] == "subnet-app" and kinds[link.target] == "subnet-public":
            attrs["minlen"] = "2"  # egress column after the data column: replication stays short
        port = ports.get((link.source, link.target), DOWNWARD if attrs.get("constraint") == "false" else None)
        if port:
            attrs["tailport"], attrs["headport"] = port
        if hints and _pushed_back(arch, link, app_tier):
            # Declared app -> store and drawn with the arrow at the app: ranked with the flow, it is a
            # short edge instead of a loop from the far right of the picture back to the app tier.
            diagram.connect(nodes[link.target], nodes[link.source], edge_class(reverse=True, **attrs))
            continue
        diagram.connect(nodes[link.source], nodes[link.target], edge_class(forward=True, **attrs))
    if hints:
        tiers_in_step(arch, diagram)
        compact_panels(arch, diagram)


def compact_panels(arch: "Architecture", diagram) -> None:
    """A security panel whose services are partly linked (an interface
    endpoint to Secrets Manager) would stretch across every rank between
    them; one column keeps it compact."""
    linked = {l.source for l in arch.links} | {l.target for l in arch.links}
    for group in arch.groups:
        if group.kind != "security":
            continue
        members = [c.id for c in arch.members(group.id)]
        anchors = [m for m in members if m in linked]
        if anchors and len(members) > 1:
            listed = " ".join(_quote(m) for m in members)
            diagram.dot.body.append(f"\t{{rank=same; {listed}}}\n")


def tiers_in_step(arch: "Architecture", diagram) -> None:
    """Invisible edges app -> data inside each AZ, so every AZ reads left to
    right as app subnet, then data subnet (a standby has no traffic edge)."""
    by_az: dict[str, dict[str, list[str]]] = {}
    for component in arch.components:
        group = arch.group(component.group)
        if group.kind in ("subnet-app", "subnet-data") and group.parent:
            by_az.setdefault(group.parent, {}).setdefault(group.kind, []).append(component.id)
    for az in sorted(by_az):
        apps, data = by_az[az].get("subnet-app", []), by_az[az].get("subnet-data", [])
        if apps:
            for target in data:
                diagram.dot.edge(apps[0], target, style="invis")


def _family(component_id: str) -> str:
    """``app``, ``app-a``, ``r2-app-b`` -> ``app``; ``queue-x-2`` -> ``queue-x``."""
    return re.sub(r"-([a-z]|\d+)$", "", re.sub(r"^r\d+-", "", component_id))


def sibling_pairs(arch: "Architecture") -> list[tuple[str, str]]:
    """Pairs (upper, lower) that should read top to bottom: AZ a above AZ b,
    queue 1 above queue 2, the primary region above the second region."""
    families: dict[str, list[str]] = {}
    for component in arch.components:
        families.setdefault(_family(component.id), []).append(component.id)
    pairs = []
    for family in sorted(families):
        members = sorted(families[family], key=lambda i: (re.match(r"^r\d+-", i) is not None, i))
        pairs.extend(zip(members, members[1:]))
    # DNS reads first: Route 53 above the front door it resolves to.
    services = {c.id: c.service for c in arch.components}
    for link in arch.links:
        if services[link.source] == "route53" and not link.target.startswith("r2-"):
            pairs.append((link.source, link.target))
            break
    return pairs


def sibling_lines(arch: "Architecture", forward: bool) -> list[str]:
    """Invisible same-rank edges between siblings (a hint Graphviz may ignore
    across clusters, hence the variants tried by :func:`arranged_source`);
    DOT lines that go last in the graph's body."""
    lines = []
    for upper, lower in sibling_pairs(arch):
        tail, head = (upper, lower) if forward else (lower, upper)
        lines.append(f"\t{{rank=same; {_quote(tail)} -> {_quote(head)} [style=invis]}}\n")
    return lines


def _quote(identifier: str) -> str:
    from graphviz.quoting import quote
    return quote(identifier)


# -- Graphviz --------------------------------------------------------------
# A layout run costs about 25 ms, nearly all of it process start-up and font loading (the layout
# itself takes about 1 ms), and one process lays out one graph: laying several graphs out in one
# process is not the same (Graphviz 2.x keeps state from one graph to the next, and a crash would
# lose them all).
WORKERS = max(2, min(4, os.cpu_count() or 1))
# Layouts laid out at once before drawing starts on the best of them (see start_drawing): three, as the
# best-reading declaration is among the first three of VARIANTS far more often than among the first two.
FIRST_ROUND = 3
# Graphviz runs alive at once, at most: the layouts being read, the best one's drawing and a
# drawing of its ported declaration (see Drawing). The pool starts a thread only when a run needs it.
POOL = max(WORKERS, FIRST_ROUND) + 2
# How each text format's output ends, when another format follows it on the same output (see _Run).
_ENDS = {"plain": b"\nstop\n", "svg": b"</svg>\n"}


def _dot_executable() -> str:
    executable = shutil.which("dot")
    if executable is None:
        raise RenderError("Graphviz 'dot' was not found on PATH; install Graphviz (https://graphviz.org)")
    return executable


class _Stopped(RenderError):
    """A run stopped because its result was no longer wanted; never reaches the user."""


class _Run:
    """One ``dot`` run: started by :meth:`start` in the submitting thread, fed and read by a pool
    worker (:meth:`__call__`), stoppable from any thread.

    Graphviz lays ``source`` out once and writes each of ``formats`` in that
    order on one output; :meth:`part` gives each format's bytes as soon as
    Graphviz has written them. The plain layout comes
    within milliseconds, long before a PNG that follows it, so one run both
    reports a candidate layout and, if that layout is chosen, draws it.
    Graphviz is killed when it outlives ``timeout``; :meth:`stop` kills it,
    or keeps it from starting. Waiting on the process does not hold the GIL,
    so workers run several at once.
    """

    def __init__(self, source: str, formats: Sequence[str], root: Path, timeout: float) -> None:
        self.source, self.formats, self.root, self.timeout = source, tuple(formats), root, timeout
        if not self.formats or any(fmt not in _ENDS for fmt in self.formats[:-1]):
            raise ValueError(f"Graphviz output {self.formats} cannot be split: only the last format may lack an end")
        self._parts: dict[str, Future] = {fmt: Future() for fmt in self.formats}
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._errors = None  # Graphviz's messages: a temporary file
        self._stopped = self._expired = False
        self._split = 0  # where the part being written starts in the output

    def part(self, fmt: str) -> Future:
        """The future bytes of one of ``formats``: an error instead if the run fails or is stopped first."""
        return self._parts[fmt]

    def start(self) -> None:
        """Start Graphviz (in the caller's thread: at once, not when a worker gets to it); see :meth:`__call__`."""
        with self._lock:
            if self._stopped or self._process is not None:
                return
            # Warnings go to a file: a pipe nobody reads while the output is streamed could fill and block Graphviz.
            self._errors = tempfile.TemporaryFile()
            command = [_dot_executable(), *(f"-T{fmt}" for fmt in self.formats), f"-Gimagepath={self.root}"]
            try:
                self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                                 stderr=self._errors, cwd=self.root, preexec_fn=die_with_parent)
            except OSError as error:
                self._errors.close()
                raise RenderError(f"Graphviz could not be started: {error}") from None

    def __call__(self) -> bytes:
        """Feed Graphviz the source, hand each part over as it comes, and return the whole output."""
        try:
            self.start()
            return self._run()
        except BaseException as error:
            self._fail(error)
            raise

    def _run(self) -> bytes:
        what = " and ".join(self.formats)
        process = self._process
        if process is None:  # stopped before it started
            raise _Stopped(what)
        with self._errors as errors:
            watchdog = threading.Timer(self.timeout, self._expire)
            watchdog.start()
            try:
                output = self._read(process)
            finally:
                watchdog.cancel()
                process.stdout.close()
                process.wait()
            if self._expired:
                raise RenderTimeout(f"Graphviz took longer than {self.timeout:g}s to draw the {what} diagram")
            if self._stopped:
                raise _Stopped(what)
            pending = [fmt for fmt in self.formats if not self._parts[fmt].done()]
            if process.returncode != 0 or pending != [self.formats[-1]] or len(output) == self._split:
                errors.seek(0)
                message = errors.read().decode("utf-8", "replace").strip() or f"exit status {process.returncode}"
                raise RenderError(f"Graphviz failed to draw the {what} diagram: {message}")
            self._settle(self.formats[-1], bytes(output[self._split:]))
            return bytes(output)

    def _read(self, process: subprocess.Popen) -> bytearray:
        """Feed Graphviz the source and read its output, handing each finished part over as it ends."""
        # A Graphviz that ended without reading it all breaks the pipe: its exit status and errors say why.
        try:
            process.stdin.write(self.source.encode("utf-8"))
        except BrokenPipeError:
            pass
        try:
            process.stdin.close()
        except BrokenPipeError:
            pass
        output, to_come = bytearray(), list(self.formats[:-1])  # the last part ends with the output
        while chunk := process.stdout.read1(1 << 16):
            output += chunk
            while to_come:
                end_mark = _ENDS[to_come[0]]
                end = output.find(end_mark, max(self._split, len(output) - len(chunk) - len(end_mark)))
                if end < 0:
                    break
                end += len(end_mark)
                self._check_messages()
                self._settle(to_come.pop(0), bytes(output[self._split:end]))
                self._split = end
        return output

    def _check_messages(self) -> None:
        """Fail the run if Graphviz has reported an error so far. It goes on to draw after an error in the
        layout (a spline it could not route, say) and fails only at exit, so a part written before then
        would otherwise be taken for a good layout."""
        messages = self._messages()
        if "Error" in messages:
            self._kill()
            raise RenderError(f"Graphviz failed to lay out the diagram: {messages}")

    def _messages(self) -> str:
        """What Graphviz has written to its error output so far. Read at an offset: the file's position
        is shared with Graphviz, which goes on writing at it."""
        if not hasattr(os, "pread"):  # not on this platform: errors are caught at exit instead
            return ""
        fd = self._errors.fileno()
        return os.pread(fd, os.fstat(fd).st_size, 0).decode("utf-8", "replace").strip()

    def _expire(self) -> None:
        self._expired = True
        self._kill()

    def _kill(self) -> None:
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                self._process.kill()

    def _settle(self, fmt: str, data: bytes) -> None:
        with self._lock:
            if not self._parts[fmt].done():  # else stopped meanwhile
                self._parts[fmt].set_result(data)

    def _fail(self, error: BaseException) -> None:
        with self._lock:
            for part in self._parts.values():
                if not part.done():
                    part.set_exception(error)

    def stop(self) -> None:
        """Kill Graphviz, or keep it from starting; parts not yet written fail with :class:`_Stopped`."""
        with self._lock:
            self._stopped = True
        self._kill()
        self._fail(_Stopped(" and ".join(self.formats)))


class _Runs:
    """Graphviz runs on a pool of worker threads, all stopped together by :meth:`stop`."""

    def __init__(self, root: Path, timeout: float, workers: int = POOL) -> None:
        self.root, self.timeout = root, timeout
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="graphviz")
        self._runs: list[_Run] = []

    def submit(self, source: str, formats: Sequence[str]) -> _Run:
        """Start a run at once; a worker feeds it and reads its output."""
        run = _Run(source, formats, self.root, self.timeout)
        run.start()
        self._runs.append(run)
        self._pool.submit(run)
        return run

    def stop(self) -> None:
        """Kill what still runs; the threads reap their processes and end by themselves."""
        for run in self._runs:
            run.stop()
        self._pool.shutdown(wait=False)


def _run_dot(source: str, fmt: str, root: Path, timeout: float) -> bytes:
    """One ``dot`` run in this thread: see :class:`_Run`."""
    return _Run(source, (fmt,), root, timeout)()


def _vertical_positions(plain: bytes) -> dict[str, float]:
    """node id -> y (upwards) from Graphviz ``-Tplain`` output."""
    positions = {}
    for line in plain.decode("utf-8", "replace").splitlines():
        match = re.match(r'node ("(?:[^"\\]|\\.)*"|\S+) (\S+) (\S+) ', line)
        if match:
            positions[match.group(1).strip('"')] = float(match.group(3))
    return positions


# -- choosing the layout -----------------------------------------------------
class _Layout(NamedTuple):
    """One declaration of the diagram as Graphviz laid it out."""
    source: str
    variant: tuple[bool, bool, str]
    hints: bool
    y: dict[str, float]
    score: tuple[int, int]


class _Reading:
    """How well a layout reads: sibling pairs top to bottom, people at the top."""

    def __init__(self, arch: "Architecture") -> None:
        self.pairs = sibling_pairs(arch)
        outside = [g.id for g in arch.groups if g.kind in ("users", "on-premises") and g.parent is None]
        self.people = [c.id for c in arch.components if c.group in outside]
        self.best = (len(self.pairs), 1)

    def in_order(self, y: Mapping[str, float]) -> int:
        return sum(1 for upper, lower in self.pairs if y.get(upper, 0) > y.get(lower, 0))

    def score(self, y: Mapping[str, float]) -> tuple[int, int]:
        # Users and the corporate site read best at the top left, where the story starts.
        people = self.people
        people_on_top = int(not people or max(y.get(p, 0) for p in people) >= max(y.values()) - 1.0)
        return self.in_order(y), people_on_top


def _hinted_sources(arch: "Architecture", catalogue: Mapping | None) -> Iterator[tuple[tuple[bool, bool, str], str]]:
    """(variant, DOT text) for each of :data:`VARIANTS` in order, made lazily.

    Variants differ in declaration order (four orderings) and in the sibling
    edges appended last (three kinds): each ordering is assembled once and
    reused, a third of the work of assembling every variant. The text is the
    same as :func:`diagram_source` gives for the variant.

    A text equal to an earlier one is skipped: Graphviz would lay it out the
    same, so it could neither score better nor reach the best score first
    (without sibling pairs, the three kinds of edges are all "none").
    """
    graphs, seen = {}, set()
    for variant in VARIANTS:
        reverse_outer, reverse_inner, edges = variant
        if (reverse_outer, reverse_inner) not in graphs:
            graphs[reverse_outer, reverse_inner] = _graph(arch, catalogue, reverse_outer, reverse_inner, {}, True)
        lines = [] if edges == "none" else sibling_lines(arch, edges == "forward")
        source = _source_with(graphs[reverse_outer, reverse_inner], lines)
        if source not in seen:
            seen.add(source)
            yield variant, source


class _Search:
    """The first declaration, in the order of :data:`VARIANTS`, whose layout reads best.

    Layouts run on ``runs`` and are read in candidate order; the search
    stops at the first perfect one, so the choice (and which failures count)
    is exactly that of trying them one after the other, however many run at
    once. :meth:`provisional` reads the first :data:`FIRST_ROUND` layouts, laid
    out at once, and gives the best so far, so a caller can start drawing it while
    :meth:`result` reads the rest one at a time.

    Each run goes on to draw ``drawn`` (formats) after its plain layout: the
    best layout so far keeps drawing (:attr:`best_run`), every other run is
    stopped as soon as its layout is read. The drawing of the chosen layout is
    then well under way when the search ends, instead of starting only then.
    """

    def __init__(self, arch: "Architecture", catalogue: Mapping | None, runs: _Runs,
                 drawn: tuple[str, ...] = ()) -> None:
        self._arch, self._catalogue, self._runs = arch, catalogue, runs
        self._formats = ("plain", *drawn)
        self._reading = _Reading(arch)
        self._sources = itertools.islice(_hinted_sources(arch, catalogue), SEARCH_LIMIT)
        self._upcoming = next(self._sources, None)  # assembled ahead, while Graphviz works
        self._queue: deque[tuple[tuple[bool, bool, str], str, _Run]] = deque()
        self._limit = WORKERS
        self.done = False
        self.best: _Layout | None = None
        self.best_run: _Run | None = None

    def _top_up(self, limit: int) -> None:
        # No more than ``limit`` running, counting the one about to be read: a layout queued
        # behind them would start before the result that makes it unnecessary is read.
        while self._upcoming is not None and len(self._queue) < limit:
            variant, source = self._upcoming
            self._queue.append((variant, source, self._runs.submit(source, self._formats)))
            self._upcoming = next(self._sources, None)

    def _read_one(self) -> None:
        if not self._queue:
            self.done = True
            return
        variant, source, run = self._queue.popleft()
        try:
            y = _vertical_positions(run.part("plain").result())
        except RenderTimeout:
            raise
        except RenderError:
            run.stop()
            return  # Graphviz 2.x crashes on some declarations: skip them
        layout = _Layout(source, variant, True, y, self._reading.score(y))
        if self.best is None or layout.score > self.best.score:
            if self.best_run is not None:
                self.best_run.stop()
            self.best, self.best_run = layout, run
        else:
            run.stop()
        if layout.score == self._reading.best:
            self._finish()

    def _finish(self) -> None:
        """Stop the layouts still queued: the search has its answer."""
        self.done = True
        while self._queue:
            self._queue.popleft()[2].stop()

    def provisional(self) -> _Layout | None:
        """The best of the first round of layouts, or the choice if the search already ended there."""
        # Exactly one round: a layout started after it would compete with the drawing for a core.
        self._top_up(FIRST_ROUND)
        while not self.done and self._queue:
            self._read_one()
        self._limit = 1  # from here on the caller draws on the other core
        return self.best

    def result(self) -> _Layout:
        """The chosen layout; with every declaration crashing Graphviz, the last resort drops every hint."""
        while not self.done:
            self._top_up(self._limit)
            self._read_one()
        if self.best is None:
            source = diagram_source(self._arch, catalogue=self._catalogue, hints=False)
            run = self._runs.submit(source, self._formats)
            y = _vertical_positions(run.part("plain").result())
            self.best, self.best_run = _Layout(source, VARIANTS[0], False, y, self._reading.score(y)), run
        return self.best


def _ported_source(arch: "Architecture", layout: _Layout, catalogue: Mapping | None) -> str | None:
    """The chosen declaration with its same-region replication edges re-routed, if the layout puts a
    standby elsewhere than straight below its primary; None when the declaration already routes them right.

    Those edges do not rank their nodes, so a standby sits level with its
    primary in another AZ; left to itself Graphviz loops such an edge out
    of the side of the node. The declarations tried route it from the bottom of the primary into
    the top of the standby (:data:`DOWNWARD`), as the reading order, AZ a above AZ b, has them; ports
    do not move nodes, so the layout read is the layout drawn. Here an edge whose standby the layout
    put above its primary is turned round, and one level with it loses its ports. The result is kept
    only if the sibling order survives it (see :func:`_keeps_order`).
    """
    if not layout.hints:
        return None
    y, ports, app_tier = layout.y, {}, _app_tier(arch, catalogue)
    for link in arch.links:
        if not _unranked(arch, link, app_tier):
            continue
        apart = link.source in y and link.target in y and abs(y[link.source] - y[link.target]) > 0.5
        ports[(link.source, link.target)] = (
            (DOWNWARD if y[link.source] > y[link.target] else UPWARD) if apart else None)
    if all(port == DOWNWARD for port in ports.values()):
        return None
    return diagram_source(arch, catalogue=catalogue, variant=layout.variant, ports=ports)


def _keeps_order(arch: "Architecture", layout: _Layout, y: Mapping[str, float]) -> bool:
    return _Reading(arch).in_order(y) >= layout.score[0]


def arranged_source(arch: "Architecture", *, catalogue: Mapping | None = None, timeout: float = 60) -> str:
    """The DOT text that ``design`` writes: the declaration chosen by the layout search (see
    :func:`start_drawing`), with replication edges routed through ports when the reading order survives.

    Graphviz orders nodes inside a rank by its crossing minimisation, which depends on declaration order
    and ignores ordering hints across clusters, so equivalent declarations are laid out and the first that
    reads best wins. Deterministic: the same input tries the same declarations in the same order.
    """
    drawing = start_drawing(arch, formats=("dot",), timeout=timeout, catalogue=catalogue)
    try:
        return drawing.contents()["dot"].decode("utf-8")
    finally:
        drawing.close()


_HREF = re.compile(r'xlink:href="([^"#][^"]*)"')
_IMAGE = re.compile(r'<image (xlink:href="data:[^"]+") width="([^"]+)" height="([^"]+)"'
                    r' preserveAspectRatio="([^"]+)" x="([^"]+)" y="([^"]+)"/>')


def _embed_icons(svg: str, root: Path) -> str:
    """Replace icon file references by base64 data URIs, each icon once.

    Graphviz writes one ``<image>`` per node; identical icons are moved into
    ``<defs>`` as ``<symbol>`` elements and drawn with ``<use>``, which keeps
    the file small and still self-contained.
    """
    root = root.resolve()
    cache: dict[str, str] = {}

    def data_uri(match: re.Match) -> str:
        target = match.group(1)
        if target.startswith("data:"):
            return match.group(0)
        path = Path(target)
        path = (path if path.is_absolute() else root / path).resolve()
        if root not in path.parents or path.suffix != ".png":
            raise RenderError(f"diagram references an unexpected file: {target}")
        if target not in cache:
            cache[target] = "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")
        return f'xlink:href="{cache[target]}"'

    svg = _HREF.sub(data_uri, svg)
    symbols: dict[str, str] = {}

    def use(match: re.Match) -> str:
        href, width, height, aspect, x, y = match.groups()
        key = f"{href}|{width}|{height}|{aspect}"
        if key not in symbols:
            symbols[key] = f"icon{len(symbols) + 1}"
        return f'<use xlink:href="#{symbols[key]}" x="{x}" y="{y}" width="{width}" height="{height}"/>'

    svg = _IMAGE.sub(use, svg)
    if symbols:
        defs = ["<defs>"]
        for key, name in symbols.items():
            href, width, height, aspect = key.split("|")
            defs.append(f'<symbol id="{name}" viewBox="0 0 {_number(width)} {_number(height)}"'
                        f' width="{width}" height="{height}"><image {href} width="{width}" height="{height}"'
                        f' preserveAspectRatio="{aspect}"/></symbol>')
        defs.append("</defs>")
        svg = re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + "\n" + "\n".join(defs), svg, count=1)
    if re.search(r'(xlink:)?href="(?!data:|#)', svg):
        raise RenderError("diagram still references a file after embedding icons")
    return svg


def _number(length: str) -> str:
    return re.sub(r"[a-z]+$", "", length)


# -- drawing -----------------------------------------------------------------
class Drawing:
    """Graphviz drawing a chosen layout in the background.

    One run draws the SVG and then the PNG (the slow format: mostly PNG
    encoding), so the caller can embed the SVG's icons and write the
    reports while the PNG is still being encoded. Nothing is written
    before :meth:`write`. Made by :func:`start_drawing`, which stops the
    drawing's runs with :meth:`close`.
    """

    def __init__(self, arch: "Architecture", layout: _Layout, formats: tuple[str, ...], catalogue: Mapping | None,
                 runs: _Runs, run: _Run | None = None) -> None:
        """``run``: Graphviz already drawing ``layout.source`` in ``formats`` (the search's run of it), if any."""
        self.formats, self.layout, self._arch, self._runs = formats, layout, arch, runs
        self._drawn = _drawn(formats)
        self._svg: str | None = None
        self._checking = False
        ported = _ported_source(arch, layout, catalogue)
        if ported is None and run is not None:
            self.source, self._run = layout.source, run
            return
        if run is not None:
            run.stop()  # no use here: free its core
        if ported is None:
            self.source = layout.source
            self._run = self._submit(self.source, self._drawn)
        else:
            # The ported declaration nearly always keeps the sibling order, so it is drawn at
            # once; its plain layout, written first, is the check (see _settle).
            self.source, self._checking = ported, True
            self._run = self._submit(ported, ("plain", *self._drawn))

    def _submit(self, source: str, formats: tuple[str, ...]) -> _Run | None:
        return self._runs.submit(source, formats) if formats else None

    def _settle(self) -> None:
        """Keep the ported declaration if the sibling order survived it, else draw the chosen one."""
        if not self._checking:
            return
        self._checking = False
        try:
            keep = _keeps_order(self._arch, self.layout, _vertical_positions(self._run.part("plain").result()))
        except RenderTimeout:
            raise
        except RenderError:
            keep = False
        if not keep:  # rare: the ported drawing is stopped, the chosen declaration drawn as it is
            self._run.stop()
            self.source = self.layout.source
            self._run = self._submit(self.source, self._drawn)

    def svg(self) -> str | None:
        """The SVG text with every icon embedded, or None if SVG is not among the formats."""
        self._settle()
        if "svg" not in self.formats:
            return None
        if self._svg is None:
            self._svg = _embed_icons(self._run.part("svg").result().decode("utf-8"), self._runs.root)
        return self._svg

    def contents(self) -> dict[str, bytes]:
        """format -> bytes, in the order of ``formats``, once Graphviz has drawn every one."""
        self._settle()
        drawn = {}
        for fmt in self.formats:
            if fmt == "dot":
                drawn[fmt] = self.source.encode("utf-8")
            elif fmt == "svg":
                drawn[fmt] = self.svg().encode("utf-8")
            else:
                drawn[fmt] = self._run.part(fmt).result()
        return drawn

    def write(self, out_dir: Path) -> dict[str, Path]:
        """Write diagram.<format> for each format into ``out_dir``, after every one is drawn."""
        try:
            contents = self.contents()
        finally:
            self.close()
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        written = {}
        for fmt, data in contents.items():
            path = out_dir / f"diagram.{fmt}"
            path.write_bytes(data)
            written[fmt] = path
        return written

    def abandon(self) -> None:
        """Stop this drawing's run: a better layout is drawn instead."""
        if self._run is not None:
            self._run.stop()

    def close(self) -> None:
        """Stop Graphviz where it still runs (after an error elsewhere, say)."""
        self._runs.stop()


def _drawn(formats: Sequence[str]) -> tuple[str, ...]:
    """The formats Graphviz draws, in the order one run writes them: the SVG, needed first, then the PNG."""
    return tuple(fmt for fmt in ("svg", "png") if fmt in formats)


def start_drawing(arch: "Architecture", *, formats=FORMATS, timeout: float = 60,
                  catalogue: Mapping | None = None) -> Drawing:
    """Choose the layout (see :func:`arranged_source`) and start drawing it.

    The PNG takes longest by far, so it does not wait for the search: each
    layout run goes on to draw its declaration, the best so far is kept
    drawing and the others are stopped once read. The files are always
    those of the layout the search chooses, only sooner. When that layout
    needs its replication edges re-routed (see :func:`_ported_source`), the
    re-routed declaration is drawn once the first round has been read,
    while the search reads the rest on the other core; if a later layout
    reads better, that drawing is stopped and the better one drawn.

    Raises :class:`RenderError` when Graphviz is missing, fails or takes
    longer than ``timeout`` seconds (per run), ValueError for an unknown format.
    """
    formats = tuple(formats)
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown diagram formats {sorted(unknown)}; use {list(FORMATS)}")
    root = _diagrams_root()
    _dot_executable()  # a missing Graphviz is one clear error, not one per declaration tried
    runs = _Runs(root, timeout)
    try:
        search = _Search(arch, catalogue, runs, _drawn(formats))
        drawing = None
        if "png" in formats:
            provisional = search.provisional()
            if provisional is not None and not search.done:
                drawing = Drawing(arch, provisional, formats, catalogue, runs, search.best_run)
        layout = search.result()
        if drawing is None or drawing.layout is not layout:
            if drawing is not None:
                drawing.abandon()
            drawing = Drawing(arch, layout, formats, catalogue, runs, search.best_run)
        return drawing
    except BaseException:
        runs.stop()
        raise


def render_diagram(arch: "Architecture", out_dir: Path, *, formats=FORMATS, timeout: float = 60,
                   catalogue: Mapping | None = None) -> dict[str, Path]:
    """Write diagram.<format> for each of ``formats`` into ``out_dir``.

    ``catalogue`` maps service id -> catalogue entry (or icon class path);
    by default the packaged catalogue. Raises :class:`RenderError` when
    Graphviz fails or takes longer than ``timeout`` seconds; files are
    written only after every format has been drawn.
    """
    return start_drawing(arch, formats=formats, timeout=timeout, catalogue=catalogue).write(out_dir)
