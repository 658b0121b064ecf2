"""Architecture -> diagram.dot, diagram.svg and diagram.png.

The graph is assembled with the ``diagrams`` package (Diagram, Cluster, Edge
and the node class named by each service's catalogue ``icon``), then laid
out by calling Graphviz ``dot`` ourselves, with a timeout, so that:

* node and cluster ids are the architecture's own ids (no random uuids);
* the DOT file names icons relative to the diagrams package
  (``resources/aws/database/aurora.png``), never an absolute path;
* the SVG stands alone: every icon is embedded once as a base64 PNG;
* the same architecture gives the same DOT and SVG bytes;
* nothing is written outside ``out_dir``.

Group styles follow the AWS architecture icon guidelines (AWS Cloud,
Region, VPC, Availability Zone, public and private subnets, corporate data
center), with labels at the top left.
"""
from __future__ import annotations

import base64
import html
import importlib
import re
import shutil
import subprocess
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

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
VARIANTS = tuple((outer, inner, edges) for edges in ("none", "backward", "forward")
                 for outer, inner in ((False, False), (True, True), (False, True), (True, False)))
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


def _icons(catalogue: Mapping | None) -> dict[str, str]:
    """service id -> diagrams class path, from the catalogue."""
    if catalogue is None:
        from archadvisor.knowledge import load_catalogue
        try:
            catalogue = load_catalogue()
        except FileNotFoundError:
            catalogue = {}
    return {sid: (entry if isinstance(entry, str) else entry.icon) for sid, entry in catalogue.items()}


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
                   ports: Mapping[tuple[str, str], tuple[str, str]] | None = None, hints: bool = True) -> str:
    """The DOT text of the diagram: deterministic, icons by relative path.

    ``variant`` (reverse the declaration order of regions, of AZs and
    nodes; direction of the invisible sibling edges) only nudges Graphviz's ordering, and ``ports`` sends
    given edges out of and into the top or bottom of their nodes; ``hints``
    False leaves out every layout hint. See :func:`arranged_source`.
    """
    reverse_outer, reverse_inner, sibling_edges = variant
    import diagrams
    from diagrams import Cluster, Diagram, Edge

    icons = _icons(catalogue)
    classes: dict[str, type] = {}

    def node_class(service: str):
        path = icons.get(service, FALLBACK_ICON)
        if path not in classes:
            classes[path] = _icon_class(path)
        return classes[path]

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
        icon_path = GROUP_ICONS.get(group.kind)
        icon = _icon_file(_icon_class(icon_path)) if icon_path else None
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
            cls = node_class(component.service)
            nodes[component.id] = cls(_node_label(component, _icon_file(cls)), nodeid=component.id,
                                      image=None, height=None, shape="plain")

    diagrams.setdiagram(diagram)
    try:
        for group in order(arch.children(None), None):
            draw_group(group)
        draw_links(arch, diagram, nodes, Edge, ports or {}, hints)
        if hints and sibling_edges != "none":
            order_siblings(arch, diagram, sibling_edges == "forward")
    finally:
        diagrams.setdiagram(None)
        diagrams.setcluster(None)
    return diagram.dot.source


def _region(arch: "Architecture", component_id: str) -> str | None:
    group = arch.enclosing(component_id, "region")
    return group.id if group else None


def draw_links(arch: "Architecture", diagram, nodes: dict, edge_class,
               ports: Mapping[tuple[str, str], tuple[str, str]], hints: bool = True) -> None:
    """Edges, with the layout hints that keep the picture readable.

    * Replication and backup (dashed) inside one region do not rank nodes; the data
      tier of each AZ is ranked after its app tier instead (see
      :func:`tiers_in_step`), so a standby sits level with its primary.
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
        if hints and link.style == "dashed" and _region(arch, link.source) == _region(arch, link.target):
            attrs["constraint"] = "false"
        if hints and kinds[link.source] == "subnet-app" and kinds[link.target] == "subnet-public":
            attrs["minlen"] = "2"  # egress column after the data column: replication stays short
        if (link.source, link.target) in ports:
            attrs["tailport"], attrs["headport"] = ports[(link.source, link.target)]
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


def order_siblings(arch: "Architecture", diagram, forward: bool) -> None:
    """Invisible same-rank edges between siblings (a hint Graphviz may ignore
    across clusters, hence the variants tried by :func:`arranged_source`)."""
    for upper, lower in sibling_pairs(arch):
        tail, head = (upper, lower) if forward else (lower, upper)
        diagram.dot.body.append(f"\t{{rank=same; {_quote(tail)} -> {_quote(head)} [style=invis]}}\n")


def _quote(identifier: str) -> str:
    from graphviz.quoting import quote
    return quote(identifier)


# -- Graphviz --------------------------------------------------------------
def _run_dot(source: str, fmt: str, root: Path, timeout: float) -> bytes:
    executable = shutil.which("dot")
    if executable is None:
        raise RenderError("Graphviz 'dot' was not found on PATH; install Graphviz (https://graphviz.org)")
    try:
        done = subprocess.run([executable, f"-T{fmt}", f"-Gimagepath={root}"], input=source.encode("utf-8"),
                              capture_output=True, timeout=timeout, cwd=root, check=False)
    except subprocess.TimeoutExpired:
        raise RenderTimeout(f"Graphviz took longer than {timeout:g}s to draw the {fmt} diagram") from None
    except OSError as error:
        raise RenderError(f"Graphviz could not be started: {error}") from None
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}"
        raise RenderError(f"Graphviz failed to draw the {fmt} diagram: {message}")
    return done.stdout


def _vertical_positions(plain: bytes) -> dict[str, float]:
    """node id -> y (upwards) from Graphviz ``-Tplain`` output."""
    positions = {}
    for line in plain.decode("utf-8", "replace").splitlines():
        match = re.match(r'node ("(?:[^"\\]|\\.)*"|\S+) (\S+) (\S+) ', line)
        if match:
            positions[match.group(1).strip('"')] = float(match.group(3))
    return positions


def arranged_source(arch: "Architecture", *, catalogue: Mapping | None = None,
                    timeout: float = 60, root: Path | None = None) -> str:
    """The DOT text whose layout keeps siblings in reading order.

    Graphviz orders nodes inside a rank by its crossing minimisation, which
    depends on declaration order and ignores ordering hints across clusters.
    So a few equivalent declarations are laid out (``-Tplain``, fast) and the
    first that puts the most sibling pairs top to bottom wins. A declaration
    that makes Graphviz 2.x crash (it has assertion failures on some
    clustered graphs) is skipped; the last resort drops every layout hint.
    Deterministic: the same input tries the same variants in the same order.
    """
    root = root or _diagrams_root()
    pairs = sibling_pairs(arch)
    outside = [g.id for g in arch.groups if g.kind in ("users", "on-premises") and g.parent is None]
    people = [c.id for c in arch.components if c.group in outside]
    wanted = (len(pairs), 1)
    best = None
    failures: list[RenderError] = []
    candidates = [(variant, True) for variant in VARIANTS] + [(VARIANTS[0], False)]
    for variant, hints in candidates:
        if not hints and best is not None:
            break  # the hint-free declaration is only the last resort
        source = diagram_source(arch, catalogue=catalogue, variant=variant, hints=hints)
        try:
            y = _vertical_positions(_run_dot(source, "plain", root, timeout))
        except RenderTimeout:
            raise
        except RenderError as error:
            failures.append(error)
            continue
        in_order = sum(1 for upper, lower in pairs if y.get(upper, 0) > y.get(lower, 0))
        # Users and the corporate site read best at the top left, where the story starts.
        people_on_top = int(not people or max(y.get(p, 0) for p in people) >= max(y.values()) - 1.0)
        score = (in_order, people_on_top)
        if best is None or score > best[0]:
            best = (score, source, variant, hints, y)
        if score == wanted:
            break
    if best is None:
        raise failures[-1]
    return _with_ports(arch, best, catalogue, timeout, root, pairs)


def _with_ports(arch, best, catalogue, timeout, root, pairs) -> str:
    """Route same-region replication edges straight up or down.

    Those edges do not rank their nodes, so a standby sits level with its
    primary in another AZ; left to itself Graphviz loops such an edge out
    of the side of the node. Kept only if the sibling order survives.
    """
    score, source, variant, hints, y = best
    ports = {}
    for link in arch.links:
        if link.style != "dashed" or _region(arch, link.source) != _region(arch, link.target):
            continue
        if link.source in y and link.target in y and abs(y[link.source] - y[link.target]) > 0.5:
            ports[(link.source, link.target)] = ("s", "n") if y[link.source] > y[link.target] else ("n", "s")
    if not ports or not hints:
        return source
    candidate = diagram_source(arch, catalogue=catalogue, variant=variant, ports=ports)
    try:
        y = _vertical_positions(_run_dot(candidate, "plain", root, timeout))
    except RenderTimeout:
        raise
    except RenderError:
        return source
    if sum(1 for upper, lower in pairs if y.get(upper, 0) > y.get(lower, 0)) >= score[0]:
        return candidate
    return source


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


def render_diagram(arch: "Architecture", out_dir: Path, *, formats=FORMATS, timeout: float = 60,
                   catalogue: Mapping | None = None) -> dict[str, Path]:
    """Write diagram.<format> for each of ``formats`` into ``out_dir``.

    ``catalogue`` maps service id -> catalogue entry (or icon class path);
    by default the packaged catalogue. Raises :class:`RenderError` when
    Graphviz fails or takes longer than ``timeout`` seconds; files are
    written only after every format has been drawn.
    """
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown diagram formats {sorted(unknown)}; use {list(FORMATS)}")
    root = _diagrams_root()
    source = arranged_source(arch, catalogue=catalogue, timeout=timeout, root=root)
    contents: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "dot":
            contents[fmt] = source.encode("utf-8")
        elif fmt == "svg":
            contents[fmt] = _embed_icons(_run_dot(source, "svg", root, timeout).decode("utf-8"), root).encode("utf-8")
        else:
            contents[fmt] = _run_dot(source, fmt, root, timeout)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for fmt, data in contents.items():
        path = out_dir / f"diagram.{fmt}"
        path.write_bytes(data)
        written[fmt] = path
    return written
