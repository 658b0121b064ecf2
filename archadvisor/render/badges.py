"""Step badges that Graphviz put on top of each other or on a box's title, moved along their own lines.

Graphviz places each step's badge by where its line leaves (or reaches) a
node, without looking at the other badges: two lines leaving neighbouring
nodes side by side can get their badges on the same spot, and a line leaving
a node just under a box's title puts its badge on the title's words. Once
the page is laid out (:func:`spread` reads Graphviz's JSON layout), such a
badge slides along its own line, away from the node it is anchored at, to
the first place where it covers no other badge, no title and no component;
the page is then drawn with every badge pinned (``tail_lp``/``head_lp``).
"""
from __future__ import annotations

import math
from typing import Iterable, Mapping

from .scene import BADGE, route_points

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points, y upwards as Graphviz's layout
Key = tuple[str, str]

CLEARANCE = 2.0  # points kept free between two badges
# Points a badge may reach into a title's or a component's box: Graphviz's boxes include the label's
# margins, and a badge that far in covers none of their ink. Moving it would cost the page a second drawing.
TOUCH = 3.0
STEP = 4.0  # points between the places tried along a line
END_GAP = 15.0  # points kept between a moved badge's centre and either end of its line (see diagram.BADGE_AT)
INCH = 72.0  # Graphviz's JSON gives node and label sizes in inches


def edge_attribute(graph: Mapping, name: str) -> dict[Key, str]:
    """(tail, head) -> an attribute of each line of Graphviz's JSON layout that has it (``pos``, ``tail_lp``...)."""
    names = {o["_gvid"]: o["name"] for o in graph.get("objects", ()) if "nodes" not in o and "edges" not in o}
    return {(names[e["tail"]], names[e["head"]]): e[name] for e in graph.get("edges", ()) if name in e}


def spread(graph: Mapping, numbered: Mapping[Key, int]) -> dict[Key, str]:
    """``tail_lp``/``head_lp`` of the badges to move (by the line's (tail, head)), as "x,y"; {} when every
    badge is clear. ``graph``: Graphviz's JSON layout of the page; ``numbered``: each badged line's step
    number. Badges are settled in step order: a badge that covers one of a lower step, a title or a component
    its line does not join moves, unless its line leaves no free place (it then stays where Graphviz put it)."""
    routes = edge_attribute(graph, "pos")
    lines = {key: (end, _point(at), route_points(routes[key]))
             for end in ("tail", "head") for key, at in edge_attribute(graph, f"{end}_lp").items() if key in numbered}
    titles, components = list(_titles(graph)), dict(_components(graph))
    everything = titles + list(components.values())
    order = sorted(lines, key=numbered.__getitem__)
    boxes = {key: _box(lines[key][1]) for key in order}  # where each badge is now
    moved: dict[Key, str] = {}
    for index, key in enumerate(order):
        end, centre, route = lines[key]
        # Where Graphviz put it, a badge may touch the two components its line joins (two neighbours
        # joined by a short line leave it no other place); a place it is moved to touches nothing, and
        # no other badge, settled or not (one that cannot move stays where it is).
        others = titles + [box for name, box in components.items() if name not in key]
        if not _clear(boxes[key], [boxes[k] for k in order[:index]], others):
            place = _free_place(route if end == "tail" else route[::-1],
                                [box for k, box in boxes.items() if k != key], everything)
            if place is not None:
                boxes[key] = _box(place)
                moved[key] = f"{place[0]:.2f},{place[1]:.2f}"
    return moved


def overlaps(graph: Mapping) -> list[tuple[Key, Key]]:
    """The pairs of lines whose badges cover each other on a laid-out page (see :func:`spread`)."""
    badges = [(key, _box(_point(at))) for end in ("tail", "head") for key, at in edge_attribute(graph, f"{end}_lp").items()]
    return [(a, b) for i, (a, box) in enumerate(badges) for b, other in badges[i + 1:] if _meet(box, other, 0.0)]


def _free_place(route: list[tuple[float, float]], settled: list[Box],
                obstacles: list[Box]) -> tuple[float, float] | None:
    """The first place along ``route`` (from its start) where a badge is clear, END_GAP from both ends."""
    length = sum(_distance(a, b) for a, b in zip(route, route[1:]))
    distance = END_GAP
    while distance <= length - END_GAP:
        centre = _along(route, distance)
        if _clear(_box(centre), settled, obstacles):
            return centre
        distance += STEP
    return None


def _clear(box: Box, settled: Iterable[Box], obstacles: Iterable[Box]) -> bool:
    return not any(_meet(box, other, CLEARANCE) for other in settled) and \
        not any(_meet(box, other, -TOUCH) for other in obstacles)


def _titles(graph: Mapping) -> Iterable[Box]:
    """Each box's title (Graphviz's cluster label), the legend's left out (no line runs there)."""
    for o in graph.get("objects", ()):
        if "nodes" in o and "lp" in o and o["name"] != "cluster_legend":
            x, y = _point(o["lp"])
            half_w, half_h = float(o["lwidth"]) * INCH / 2, float(o["lheight"]) * INCH / 2
            yield (x - half_w, y - half_h, x + half_w, y + half_h)


def _components(graph: Mapping) -> Iterable[tuple[str, Box]]:
    """Each drawn component's icon and name. Left out: invisible and point nodes (a title's keep-out,
    a junction), and bars (an Auto Scaling group or load balancer drawn across AZ rows: a dashed outline
    around other things, which a badge may sit on)."""
    for o in graph.get("objects", ()):
        if "nodes" in o or "edges" in o or "pos" not in o:
            continue
        if o.get("style") == "invis" or o.get("shape") in ("point", "box"):
            continue
        x, y = _point(o["pos"])
        half_w, half_h = float(o["width"]) * INCH / 2, float(o["height"]) * INCH / 2
        yield o["name"], (x - half_w, y - half_h, x + half_w, y + half_h)


def _box(centre: tuple[float, float]) -> Box:
    x, y = centre
    return (x - BADGE / 2, y - BADGE / 2, x + BADGE / 2, y + BADGE / 2)


def _meet(a: Box, b: Box, gap: float) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def _point(text: str) -> tuple[float, float]:
    x, y = text.split(",")[:2]
    return float(x), float(y)


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def _along(route: list[tuple[float, float]], distance: float) -> tuple[float, float]:
    for a, b in zip(route, route[1:]):
        step = _distance(a, b)
        if step and distance <= step:
            t = distance / step
            return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        distance -= step
    return route[-1]
