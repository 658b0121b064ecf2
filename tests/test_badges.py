"""Step badges and lines kept off what they would hide: other badges, box titles, components (render/badges.py, diagram._kept_clear)."""
from __future__ import annotations

import itertools
import json
import re
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archadvisor.render import badges
from archadvisor.render.diagram import _diagrams_root
from archadvisor.render.scene import BADGE, route_points
from conftest import ROOT

INCH = 72.0


def node(gvid: int, name: str, x: float, y: float, width: float = 60, height: float = 40, **extra) -> dict:
    return {"_gvid": gvid, "name": name, "pos": f"{x},{y}", "width": str(width / INCH), "height": str(height / INCH),
            "shape": "plain", **extra}


def title(name: str, x: float, y: float, width: float, height: float = 18) -> dict:
    return {"_gvid": 100 + len(name), "name": name, "nodes": [], "lp": f"{x},{y}", "lwidth": str(width / INCH),
            "lheight": str(height / INCH)}


def edge(tail: int, head: int, points: list[tuple[float, float]], end: str, at: tuple[float, float]) -> dict:
    return {"tail": tail, "head": head, "pos": " ".join(f"{x},{y}" for x, y in points), f"{end}_lp": f"{at[0]},{at[1]}"}


def centre(text: str) -> tuple[float, float]:
    x, y = text.split(",")
    return float(x), float(y)


def apart(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) >= BADGE or abs(a[1] - b[1]) >= BADGE


def on_line(point: tuple[float, float], points: list[tuple[float, float]]) -> bool:
    return any(min(a[0], b[0]) - 0.01 <= point[0] <= max(a[0], b[0]) + 0.01
               and min(a[1], b[1]) - 0.01 <= point[1] <= max(a[1], b[1]) + 0.01 for a, b in zip(points, points[1:]))


# Two lines leaving neighbouring nodes side by side: Graphviz put both badges 15 points out, on each other.
A, B, C, D = node(0, "a", 0, 100), node(1, "b", 0, 70), node(2, "c", 400, 100), node(3, "d", 400, 70)
FIRST = [(30, 100), (370, 100)]
SECOND = [(30, 90), (200, 90), (200, 70), (370, 70)]


def test_of_two_badges_on_each_other_the_later_step_slides_along_its_own_line_to_a_clear_place():
    graph = {"objects": [A, B, C, D], "edges": [edge(0, 2, FIRST, "tail", (45, 100)), edge(1, 3, SECOND, "tail", (45, 90))]}
    moved = badges.spread(graph, {("a", "c"): 1, ("b", "d"): 2})
    assert set(moved) == {("b", "d")}  # step 1 keeps its place
    place = centre(moved[("b", "d")])
    assert on_line(place, SECOND) and apart(place, (45, 100))
    assert badges.overlaps(graph) == [(("a", "c"), ("b", "d"))]


def test_a_badge_on_a_box_title_moves_off_it():
    graph = {"objects": [A, C, title("cluster_vpc", 60, 100, 60)],
             "edges": [edge(0, 1, FIRST, "tail", (45, 100))]}
    graph["edges"][0]["head"] = 2
    place = centre(badges.spread(graph, {("a", "c"): 1})[("a", "c")])
    assert on_line(place, FIRST) and place[0] - BADGE / 2 >= 90  # clear of the title, 30 to 90 points across


def test_a_head_badge_slides_from_the_line_end():
    graph = {"objects": [A, C, title("cluster_vpc", 340, 100, 60)], "edges": [edge(0, 2, FIRST, "head", (355, 100))]}
    place = centre(badges.spread(graph, {("a", "c"): 1})[("a", "c")])
    assert on_line(place, FIRST) and place[0] + BADGE / 2 <= 310 and place[0] > 250  # the nearest clear place


def test_a_badge_stays_where_its_line_leaves_no_free_place():
    short = [(30, 100), (60, 100)]
    graph = {"objects": [A, node(2, "c", 90, 100), title("cluster_vpc", 45, 100, 60)],
             "edges": [edge(0, 2, short, "tail", (45, 100))]}
    assert badges.spread(graph, {("a", "c"): 1}) == {}


def test_a_badge_may_touch_the_two_components_its_line_joins_but_not_a_third():
    near = node(2, "c", 90, 100)  # 30 points from a: the badge between them touches both
    graph = {"objects": [A, near], "edges": [edge(0, 2, [(30, 100), (60, 100)], "tail", (45, 100))]}
    assert badges.spread(graph, {("a", "c"): 1}) == {}
    third = node(4, "e", 55, 115, width=30, height=20)  # a third component's name under the badge
    graph = {"objects": [A, C, third], "edges": [edge(0, 2, FIRST, "tail", (45, 100))]}
    place = centre(badges.spread(graph, {("a", "c"): 1})[("a", "c")])
    assert place[0] - BADGE / 2 >= 70


def test_a_moved_badge_avoids_a_later_badge_that_cannot_move():
    """Badge 2 covers badge 1 and moves; the place it takes must not be on badge 3, whose short line
    leaves it nowhere else to go."""
    e, f = node(4, "e", 120, 60, width=20, height=20), node(5, "f", 120, 120, width=20, height=20)
    graph = {"objects": [A, B, C, D, e, f],
             "edges": [edge(0, 2, FIRST, "tail", (45, 100)), edge(1, 3, SECOND, "tail", (45, 90)),
                       edge(4, 5, [(120, 70), (120, 110)], "tail", (120, 90))]}
    moved = badges.spread(graph, {("a", "c"): 1, ("b", "d"): 2, ("e", "f"): 3})
    assert set(moved) == {("b", "d")}
    place = centre(moved[("b", "d")])
    assert apart(place, (120, 90)) and apart(place, (45, 100)) and on_line(place, SECOND)


def _pinned_badges(text: str) -> list[tuple[float, float]]:
    return [tuple(map(float, m.groups())) for m in re.finditer(r'(?:tail|head)_lp="([\d.]+),([\d.]+)"', text)]


@pytest.mark.parametrize("snapshot", sorted((ROOT / "tests" / "snapshots").glob("*.diagram.dot")), ids=lambda p: p.stem)
def test_no_two_badges_of_a_blueprint_drawing_cover_each_other(snapshot):
    """The blueprints' drawings as design writes them (test_pipeline keeps these snapshots in step)."""
    placed = _pinned_badges(snapshot.read_text())
    assert placed
    assert [(a, b) for a, b in itertools.combinations(placed, 2) if not apart(a, b)] == []


def test_a_drawing_whose_badges_met_is_drawn_with_them_apart(tmp_path):
    """hpc-cluster: Graphviz puts step 11's badge (DataSync to S3) on step 2's (users to IAM Identity Center);
    design draws the page again with 11 moved along its line, and diagram.dot pins it there."""
    from archadvisor.cli import main

    assert main(["design", str(ROOT / "blueprints" / "hpc-cluster.yaml"), "-o", str(tmp_path)]) == 0
    text = (tmp_path / "hpc-cluster" / "diagram.dot").read_text()
    graph = json.loads(subprocess.run(["dot", "-Kneato", "-n2", "-Tjson0"], input=text, capture_output=True,
                                      text=True, check=True, cwd=_diagrams_root()).stdout)
    assert badges.overlaps(graph) == []
    names = {o["_gvid"]: o["name"] for o in graph["objects"] if "nodes" not in o}
    line = next(e for e in graph["edges"] if (names[e["tail"]], names[e["head"]]) == ("online-transfer", "bucket-results-archive"))
    assert on_line(centre(line["tail_lp"]), route_points(line["pos"]))
    svg = (tmp_path / "hpc-cluster" / "diagram.svg").read_text()
    assert svg.count(">11</text>") == 2  # on its line and in the legend


def _through(box, points) -> bool:
    """Whether a route's segments run through a box (by more than 2 points: a line along its edge does not)."""
    for a, b in zip(points, points[1:]):
        x0, y0, x1, y1 = min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])
        if x0 < box[2] - 2 and box[0] + 2 < x1 and y0 < box[3] - 2 and box[1] + 2 < y1:
            return True
        if (x0 == x1 and box[0] + 2 < x0 < box[2] - 2 and y0 < box[3] - 2 and box[1] + 2 < y1) or \
                (y0 == y1 and box[1] + 2 < y0 < box[3] - 2 and x0 < box[2] - 2 and box[0] + 2 < x1):
            return True
    return False


@pytest.mark.parametrize("blueprint", ["datacenter-migration", "hpc-cluster", "windows-file-shares", "three-tier-web"])
def test_no_line_runs_through_an_on_premises_sites_or_a_lone_regions_title(tmp_path, blueprint):
    """Graphviz's router steers round nodes, not round titles: an invisible node over these titles keeps
    the internet gateway's line to the internet, and the users' line to a sign-in service, off them."""
    from archadvisor.cli import main

    assert main(["design", str(ROOT / "blueprints" / f"{blueprint}.yaml"), "-o", str(tmp_path)]) == 0
    for page in sorted((tmp_path / blueprint).glob("diagram*.dot")):
        graph = json.loads(subprocess.run(["dot", "-Kneato", "-n2", "-Tjson0"], input=page.read_text(),
                                          capture_output=True, text=True, check=True, cwd=_diagrams_root()).stdout)
        kept = [o for o in graph["objects"] if "nodes" in o and o["name"].startswith(("cluster_on-premises", "cluster_region"))]
        regions = sum(o["name"].startswith("cluster_region") for o in kept)
        titles = {o["name"]: box for o, box in zip([o for o in graph["objects"] if "nodes" in o and "lp" in o
                                                    and o["name"] != "cluster_legend"], badges._titles(graph))}
        names = {o["_gvid"]: o["name"] for o in graph["objects"] if "nodes" not in o}
        for o in kept:
            if o["name"].startswith("cluster_region") and regions > 1:
                continue
            through = [(names[e["tail"]], names[e["head"]]) for e in graph["edges"]
                       if _through(titles[o["name"]], route_points(e["pos"]))]
            assert through == [], (page.name, o["name"])


@given(st.text(alphabet=st.sampled_from("&<>\"'ab é\n"), max_size=40))
def test_label_text_is_escaped_as_html_escape_would(text):
    """scene.escape stands in for html.escape(quote=True) (which loads the html module's entity table)."""
    import html

    from archadvisor.render.scene import escape

    assert escape(text) == html.escape(text, quote=True)
