"""The lines of a drawing: which links are drawn, their style by kind, and the numbered steps.

Styles and numbers come from each link's ``kind`` (model.LINK_KINDS), never
from its label: the request path and the data flows carry numbered badges
whose meaning the legend gives, the other kinds are told apart by their line
style alone. Per-AZ copies of one link (``app-a -> db`` and ``app-b -> db``)
share one number, and the links from a tier to the VPC endpoints become one
line from that tier to the endpoints box.
"""
from __future__ import annotations

from dataclasses import dataclass

from .layout import BORDER_ROLES
from .ordering import hops_from_outside
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archadvisor.architecture.model import Architecture

# kind -> (colour, dash style, pen width, what the legend says)
KIND_STYLES: dict[str, tuple[str, str, float, str]] = {
    "request": ("#232F3E", "solid", 2.2, "request path"),
    "data": ("#545B64", "solid", 1.3, "reads and writes data"),
    "event": ("#ED7100", "dashed", 1.6, "event pushed to a target"),
    "replication": ("#147EBA", "dashed", 1.6, "replication to a standby, replica or Region"),
    "backup": ("#3F8624", "dashed", 1.3, "backup copy"),
    "hybrid": ("#3F8624", "solid", 2.2, "on-premises link"),
    "network": ("#8D959F", "solid", 1.0, "packets through a gateway or endpoint"),
    "dns": ("#8C4FFF", "dotted", 1.4, "DNS answer"),
    "protects": ("#DD344C", "dotted", 1.4, "protection attached (not a hop)"),
    "admin": ("#7D8998", "dotted", 1.4, "operator access"),
    "monitors": ("#8D959F", "dotted", 1.0, "monitoring: logs shipped, or data scanned"),
}
KIND_ORDER = tuple(KIND_STYLES)
# Kinds whose lines carry a numbered step: the request path first, then what flows from it.
NUMBERED = ("request", "data", "event", "replication", "hybrid")
# Kinds numbered together, hop by hop from the outside: the way in. A request from the corporate data
# center crosses the customer gateway, Direct Connect and the virtual private gateway (hybrid links)
# before it reaches the app; numbered after every data flow, those hops broke the path's count.
WAY_IN = ("request", "hybrid")
# Kinds of link not drawn, as they run beside the flow, and what the legend calls them (see beside_the_flow).
BESIDE_THE_FLOW = {"admin": "Operator access", "monitors": "Logs shipped"}
COMPUTE_ROLES = ("app", "active")  # a compute tier's copies (see architecture.build.place_compute)


@dataclass(frozen=True)
class Line:
    """One drawn line: ``target`` may be a VPC endpoints box's junction (see :func:`junction`)."""
    source: str
    target: str
    kind: str
    step: int | None = None


@dataclass(frozen=True)
class Step:
    number: int
    kind: str
    text: str


def junction(box_id: str) -> str:
    """The id of the point where lines enter an endpoints box."""
    return f"{box_id}--in"


def _name(arch: "Architecture", component_id: str) -> str:
    """What a step calls a component: its label's first line, and the second when it names the thing
    (``SNS topic channel-04``, not just ``SNS topic``); in a second Region, that Region's code too."""
    component = arch.component(component_id)
    lines = component.label.split("\n")
    name = lines[0]
    if len(lines) > 1 and len(lines[1]) <= 24 and not lines[1].startswith("("):
        # "KMS customer managed key", not "KMS KMS customer managed key"
        name = lines[1] if lines[1].startswith(name) else f"{lines[0]} {lines[1]}"
    regions = sorted((g for g in arch.groups if g.kind == "region"), key=lambda g: g.id)
    if len(regions) > 1 and component.region and component.region != regions[0].code:
        name += f" ({component.region})"
    return name


def lines(arch: "Architecture", endpoint_boxes: dict[str, str],
          one_copy_line: bool = False) -> tuple[list[Line], list[Step], list[str]]:
    """The lines to draw and the numbered steps.

    ``endpoint_boxes`` maps an endpoint component to the drawn box holding
    it: a link into an endpoint becomes a line into that box's junction, once
    per tier (the app subnets, say), however many endpoints it reaches.
    With ``one_copy_line`` (an overview), copying to another Region is drawn
    once, from the first store, and the others are named in a note.

    As in AWS's reference diagrams, the security and governance strip has
    no lines: its services (keys, trails, secrets, Macie) serve the whole
    Region, and lines to them would cross every flow; nor has operators'
    access (kind ``admin``), nor the application's logs shipped to a log
    search (kind ``monitors``): both run beside the flow, and a log line from
    the app tier down to the analytics boxed under the regional column
    crossed every line on its way. The legend says so (see :func:`unlined`,
    :func:`beside_the_flow`); diagram.drawio keeps those links.
    """
    distance = hops_from_outside(arch)
    far = len(arch.components) + 1

    def rank(link) -> tuple:
        kind = KIND_ORDER.index(link.kind)
        group = 0 if link.kind in WAY_IN else NUMBERED.index(link.kind) if link.kind in NUMBERED else len(NUMBERED)
        return (group, distance.get(link.source, far), kind, link.source, link.target)

    drawn: dict[tuple[str, str], Line] = {}
    numbers: dict[tuple, int] = {}
    steps: list[Step] = []
    reached: set[tuple[str, str]] = set()  # (source tier, endpoints box or border gateway)
    firsts = _first_copies(arch)
    served: set[str] = set()  # endpoints with their line to a service drawn
    copied: dict[str, list[str]] = {}  # other Region -> the stores copied there whose line is not drawn
    for link in sorted(arch.links, key=rank):
        target_region = arch.component(link.target).region
        if one_copy_line and link.kind == "replication" and arch.component(link.source).region != target_region:
            if target_region in copied:
                copied[target_region].append(_name(arch, link.source))
                continue
            copied[target_region] = []
        if link.source in endpoint_boxes and link.kind == "network":
            # One line from an endpoint to what it reaches (its label names the service): an S3
            # gateway endpoint does not need a line to every bucket.
            if link.source in served:
                continue
            served.add(link.source)
        if _in_strip(arch, link.source) or _in_strip(arch, link.target) or link.kind in BESIDE_THE_FLOW:
            continue
        if _repeated(arch, link, firsts):
            continue
        source = arch.component(link.source)
        target = link.target
        tier = _tier(arch, source)
        if source.family.startswith("app-"):  # one of several compute tiers in the column: lines of its own
            tier = f"{tier}:{source.family}"
        far = arch.component(target)
        if link.kind == "network" and far.role in BORDER_ROLES and tier.startswith("app"):
            # The app tier's way out through a gateway on the VPC border, or through its AZ's NAT
            # gateway: one line for the tier (a consumer service beside the app reaches it the same way).
            if (tier, target) in reached:
                continue
            reached.add((tier, target))
        box = endpoint_boxes.get(target)
        if box is not None:
            if (tier, box) in reached:
                continue
            reached.add((tier, box))
            target = junction(box)
            target_name, key_target = "VPC endpoints", box
        else:
            # Lines to siblings of one service with one meaning share a step (send to each of ten queues).
            target_name, key_target = _name(arch, target), (arch.component(target).service, link.label)
        if (link.source, target) in drawn:
            continue
        step = None
        if link.kind in NUMBERED:
            key = (source.family, key_target, link.kind, source.region == arch.component(link.target).region)
            if key not in numbers:
                numbers[key] = len(steps) + 1
                what = f"{_name(arch, link.source)} \u2192 {target_name}"
                if link.label and box is None:
                    what += f": {link.label}"
                steps.append(Step(numbers[key], link.kind, what))
            step = numbers[key]
        drawn[(link.source, target)] = Line(link.source, target, link.kind, step)
    notes = [f"Also copied to {region} (one line drawn): {', '.join(dict.fromkeys(names))}"
             for region, names in copied.items() if names]
    return list(drawn.values()), _shared(arch, list(drawn.values()), steps), notes


def _shared(arch: "Architecture", drawn: list[Line], steps: list[Step]) -> list[Step]:
    """A step whose lines reach several things names them by their service and count."""
    targets: dict[int, set[str]] = {}
    known = {c.id for c in arch.components}  # not the endpoints boxes' junctions
    for line in drawn:
        if line.step is not None and line.target in known:
            targets.setdefault(line.step, set()).add(arch.component(line.target).family)
    result = []
    for step in steps:
        families = targets.get(step.number, set())
        if len(families) > 1:
            first = next(l for l in drawn if l.step == step.number)
            head, _, rest = step.text.partition(" \u2192 ")
            label = rest.partition(": ")[2]
            service = arch.component(first.target).label.split("\n")[0]
            step = Step(step.number, step.kind, f"{head} \u2192 {len(families)} x {service}" + (f": {label}" if label else ""))
        result.append(step)
    return result


def _tier(arch: "Architecture", component) -> str:
    """The subnet column a component is drawn in: a bar spanning app subnets is in the app tier."""
    if component.spans:
        return arch.group(component.spans[0]).kind.removeprefix("subnet-")
    return component.tier


def _first_copies(arch: "Architecture") -> set[str]:
    """The copy in the first AZ of each thing copied per AZ (same family, role and Region)."""
    copies: dict[tuple, list] = {}
    for component in arch.components:
        if component.az:
            copies.setdefault((component.family, component.role, component.region), []).append(component)
    return {min(members, key=lambda c: (c.az, c.id)).id for members in copies.values()}


def _repeated(arch: "Architecture", link, firsts: set[str]) -> bool:
    """A link between a per-AZ copy and something outside the AZ rows (a gateway, a regional service,
    the outside) from any copy but the first: the line from the first says it for every AZ, as AWS's
    diagrams draw one line from a tier rather than one per AZ."""
    source, target = arch.component(link.source), arch.component(link.target)
    for near, far in ((source, target), (target, source)):
        if near.az and not far.az and not far.spans and near.id not in firsts:
            return True  # (a load balancer spanning the AZs keeps a line to each copy)
        if near.az and far.az and near.az != far.az and near.id not in firsts and link.kind == "data":
            return True  # the second AZ's app reaching the primary in the first: the first's line says it
    if link.kind == "replication" and source.role in COMPUTE_ROLES and source.region != target.region \
            and source.id not in firsts:
        return True  # a tier's images copied to the other Region: one line for the tier, from its first AZ
    return False


def _in_strip(arch: "Architecture", component_id: str) -> bool:
    return arch.group(arch.component(component_id).group).kind == "security"


def unlined(arch: "Architecture") -> list[str]:
    """Names of the components of the security strip that links reach, so the legend can say they are
    drawn without lines."""
    reached = {l.source for l in arch.links} | {l.target for l in arch.links}
    return sorted({_name(arch, c) for c in reached if _in_strip(arch, c)})


def beside_the_flow(arch: "Architecture") -> list[str]:
    """The legend's notes of the links not drawn (see :data:`BESIDE_THE_FLOW`), e.g. ``Operator access, not
    drawn: Operators -> Systems Manager``, each pair of names once. Links of the security strip (Macie's
    scans) are left out: its services are named already, as drawn without lines (see :func:`unlined`)."""
    notes = []
    for kind, what in BESIDE_THE_FLOW.items():
        pairs = list(dict.fromkeys(f"{_name(arch, l.source)} \u2192 {_name(arch, l.target)}" for l in arch.links
                                   if l.kind == kind and not _in_strip(arch, l.source) and not _in_strip(arch, l.target)))
        if pairs:
            notes.append(f"{what}, not drawn: {'; '.join(pairs)}")
    return notes


def badge_lines(drawn: list[Line]) -> dict[int, Line]:
    """The one line of each step that carries its badge: the first drawn."""
    first: dict[int, Line] = {}
    for line in drawn:
        if line.step is not None and line.step not in first:
            first[line.step] = line
    return first
