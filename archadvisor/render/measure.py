"""How readable a drawn page is, from Graphviz's own layout: size, crossings, text size in a report column."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from .layout import FONT_SIZE
from .scene import route_points

PX_PER_POINT = 96 / 72  # Graphviz draws the PNG at 96 dpi, and a browser shows an SVG point as 4/3 px
COLUMN = 1000           # px, the report column a drawing is fitted to


@dataclass(frozen=True)
class Readability:
    nodes: int
    edges: int
    crossings: int
    width: int       # px at 100 %
    height: int
    label_px: float  # the smallest text, in px, once the drawing is fitted to a COLUMN px column


def crossings(routes: Mapping[tuple[str, str], str]) -> int:
    """Pairs of lines that cross, lines meeting at a node they share left out. Ortho routes are
    axis-parallel segments, so two segments cross when one is horizontal, the other vertical, and
    each passes strictly through the other's span; overlapping parallel segments do not count."""
    segments = {}
    for key, pos in routes.items():
        points = route_points(pos)
        segments[key] = [(a, b) for a, b in zip(points, points[1:]) if a != b]
    keys = sorted(segments)
    count = 0
    for i, first in enumerate(keys):
        for second in keys[i + 1:]:
            if set(first) & set(second):
                continue
            if any(_cross(s, t) for s in segments[first] for t in segments[second]):
                count += 1
    return count


def _cross(s, t) -> bool:
    (ax, ay), (bx, by) = s
    (cx, cy), (dx, dy) = t
    if ay == by and cx == dx:
        return min(ax, bx) < cx < max(ax, bx) and min(cy, dy) < ay < max(cy, dy)
    if ax == bx and cy == dy:
        return min(cx, dx) < ax < max(cx, dx) and min(ay, by) < cy < max(ay, by)
    if (ay == by and cy == dy) or (ax == bx and cx == dx):
        return False  # parallel: overlapping runs do not count as a crossing
    return _proper(s, t)  # a slanted segment (straight lines where the right-angle router gave up)


def _proper(s, t) -> bool:
    def side(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return (side(*s, t[0]) * side(*s, t[1]) < 0) and (side(*t, s[0]) * side(*t, s[1]) < 0)


def readability(nodes: int, routes: Mapping[tuple[str, str], str], width_points: float,
                height_points: float, legend: set[str] = frozenset()) -> Readability:
    """``routes`` of the lines that count (the legend's samples left out by the caller)."""
    width, height = width_points * PX_PER_POINT, height_points * PX_PER_POINT
    label = FONT_SIZE * PX_PER_POINT * min(1.0, COLUMN / width)
    return Readability(nodes, len(routes), crossings(routes), round(width), round(height), round(label, 1))
