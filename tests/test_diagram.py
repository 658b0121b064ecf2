"""Rendering: diagrams + Graphviz -> diagram.dot / .svg / .png (and the process machinery).

These tests need Graphviz's ``dot`` on PATH and fail loudly without it
(CI installs it).
"""
from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import time

from pathlib import Path

import pytest

from archadvisor.architecture import build
from archadvisor.render import diagram, graphviz, layout, views
from archadvisor.render.diagram import RenderError, arranged_source, diagram_source, render_diagram
from archadvisor.render.scene import BADGE, build_scene, route_points
from archadvisor.render.steps import badge_lines
from conftest import ROOT


def d(concern, choice, subject=None):
    return {"concern": concern, "subject": subject, "choice": choice}


RICH = [
    d("compute", "ec2-auto-scaling"), d("load-balancer", "alb"), d("edge", "cloudfront"), d("web-protection", "waf"),
    d("database", "rds-multi-az", "orders"), d("read-scaling", "rds-read-replicas", "orders"),
    d("internet-egress", "nat-gateway"), d("private-service-access", "vpc-gateway-endpoint", "s3"),
    d("object-storage", "s3-standard", "assets"), d("messaging", "sns-sqs-fanout", "signups"),
    d("hybrid-connectivity", "direct-connect"), d("hybrid-storage", "storage-gateway-file"),
    d("dr-strategy", "pilot-light"), d("encryption", "kms"),
]
WORKLOAD = {"name": "shop", "users": {"clients": ["browser"]}, "hybrid": {},
            "messaging": [{"name": "signups", "consumers": 2}]}


@pytest.fixture(scope="module")
def arch():
    return build(RICH, WORKLOAD)


@pytest.fixture(scope="module")
def rendered(arch, tmp_path_factory):
    out = tmp_path_factory.mktemp("render") / "shop"
    return render_diagram(arch, out)


def test_svg_stands_alone(rendered):
    svg = rendered["svg"].read_text()
    assert "data:image/png;base64," in svg
    assert "/site-packages/" not in svg and "resources/aws" not in svg
    assert not re.search(r'href="(?!data:|#)', svg), "an image still points at a file"
    assert str(rendered["svg"].parent) not in svg


def test_dot_names_icons_relative_to_the_diagrams_package(rendered):
    dot = rendered["dot"].read_text()
    assert "/site-packages/" not in dot and not re.search(r'SRC="/', dot)
    assert 'SRC="resources/aws/' in dot


def test_same_input_same_bytes(arch, tmp_path):
    first = render_diagram(arch, tmp_path / "one", formats=("svg", "dot"))
    second = render_diagram(build(RICH, WORKLOAD), tmp_path / "two", formats=("svg", "dot"))
    for fmt in ("svg", "dot"):
        assert first[fmt].read_bytes() == second[fmt].read_bytes()


def test_same_bytes_across_processes(arch, tmp_path):
    """Hash randomisation must not leak into the output (set or dict order)."""
    here = render_diagram(arch, tmp_path / "here", formats=("svg", "dot"))
    code = ("import sys, pathlib; from test_diagram import RICH, WORKLOAD; "
            "from archadvisor.architecture import build; from archadvisor.render.diagram import render_diagram; "
            "render_diagram(build(RICH, WORKLOAD), pathlib.Path(sys.argv[1]), formats=('svg', 'dot'))")
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": os.pathsep.join(sys.path)}
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "there")], check=True, env=env)
    for fmt in ("svg", "dot"):
        assert (tmp_path / "there" / f"diagram.{fmt}").read_bytes() == here[fmt].read_bytes()


def test_a_part_is_handed_over_as_soon_as_it_is_written(tmp_path, monkeypatch):
    fake_dot(tmp_path, monkeypatch, f"cat > /dev/null; printf 'graph 1 1 1\\nstop\\n'; "
                                    f"while [ ! -e {tmp_path}/go ]; do sleep 0.01; done; printf PNG")
    runs = graphviz.Runs(tmp_path, 60)
    try:
        run = runs.submit("digraph { a }", ("plain", "png"))
        assert run.part("plain").result(timeout=10) == b"graph 1 1 1\nstop\n"
        assert not run.part("png").done()  # Graphviz is still drawing
        (tmp_path / "go").touch()
        assert run.part("png").result(timeout=10) == b"PNG"
    finally:
        runs.stop()


def test_a_run_that_fails_after_its_layout_fails_the_formats_still_to_come(tmp_path, monkeypatch):
    fake_dot(tmp_path, monkeypatch, "cat > /dev/null; printf 'graph 1 1 1\\nstop\\n'; sleep 0.2; "
                                    "echo 'Error: out of memory' >&2; exit 1")
    run = graphviz.Run("digraph { a }", ("plain", "svg", "png"), tmp_path, 60)
    with pytest.raises(RenderError, match="out of memory"):
        run()
    assert run.part("plain").result() == b"graph 1 1 1\nstop\n"
    for fmt in ("svg", "png"):
        with pytest.raises(RenderError, match="out of memory"):
            run.part(fmt).result()


def test_object_events_reach_containers_through_a_queue_they_poll():
    """S3 cannot deliver to containers or instances: the bucket notifies an SQS queue the tasks poll."""
    arch = build([d("compute", "fargate"), d("object-storage", "s3-standard", "uploads"),
                  d("change-events", "s3-event-notifications", "uploads")], {"name": "x"})
    [event] = [link for link in arch.links if link.label == "object events"]
    queue = arch.component(event.target)
    assert arch.component(event.source).service == "s3-standard" and queue.service == "sqs-standard"
    polls = [link for link in arch.links if link.target == queue.id and link is not event]
    assert {p.label for p in polls} == {"poll"} and {p.source for p in polls} == {"app-a", "app-b"}
    assert not [link for link in arch.links if link.source == event.source and
                arch.component(link.target).service == "fargate"]


def test_nothing_written_outside_out_dir(arch, tmp_path, monkeypatch):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    render_diagram(arch, tmp_path / "out", formats=("png",))
    assert list(cwd.iterdir()) == []
    assert all(p.name.startswith("diagram") and p.suffix == ".png" for p in (tmp_path / "out").iterdir())


def test_user_text_is_escaped(tmp_path):
    evil = build([d("database", "dynamodb", "<b>&x</b>")], {"name": "x"})
    files = render_diagram(evil, tmp_path, formats=("svg", "dot"))
    svg = files["svg"].read_text()
    assert "<b>&x</b>" not in svg and "&lt;b&gt;&amp;x&lt;/b&gt;" in svg


def test_unknown_service_falls_back_to_a_generic_icon(tmp_path):
    arch = build([d("quantum-readiness", "braket")], {"name": "x"})
    files = render_diagram(arch, tmp_path, formats=("svg",))
    assert "data:image/png;base64," in files["svg"].read_text()


def test_icons_come_from_the_catalogue(arch):
    source = diagram_source(arch, catalogue={"rds-multi-az": "diagrams.aws.database.Aurora"})
    assert 'SRC="resources/aws/database/aurora.png"' in source


def test_bad_icon_is_a_render_error(arch):
    with pytest.raises(RenderError, match="icon"):
        diagram_source(arch, catalogue={"rds-multi-az": "os.system"})


def test_missing_dot_is_a_clear_error(arch, tmp_path, monkeypatch):
    monkeypatch.setattr(diagram.shutil, "which", lambda name: None)
    with pytest.raises(RenderError, match="Graphviz 'dot' was not found"):
        render_diagram(arch, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def fake_dot(tmp_path, monkeypatch, script: str) -> None:
    """Put a ``dot`` that runs ``script`` first on PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    dot = bin_dir / "dot"
    dot.write_text("#!/bin/sh\n" + script + "\n")
    dot.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")


def test_timeout_is_a_clear_error(arch, tmp_path, monkeypatch):
    fake_dot(tmp_path, monkeypatch, "exec sleep 30")
    started = time.monotonic()
    with pytest.raises(RenderError, match="longer than 0.5s"):
        render_diagram(arch, tmp_path / "out", timeout=0.5)
    assert time.monotonic() - started < 10  # killed at the timeout, not waited for
    assert not (tmp_path / "out").exists()


def test_graphviz_failure_is_a_clear_error(arch, tmp_path, monkeypatch):
    fake_dot(tmp_path, monkeypatch, 'echo "Error: syntax error in line 1" >&2; exit 1')
    with pytest.raises(RenderError, match="syntax error"):
        render_diagram(arch, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_stopped_run_is_killed_and_never_started_again(tmp_path):
    run = graphviz.Run("digraph { a }", ("plain",), tmp_path, 60)
    run.stop()
    with pytest.raises(graphviz.Stopped):
        run()


def test_stopping_the_runs_kills_graphviz(arch, tmp_path, monkeypatch):
    fake_dot(tmp_path, monkeypatch, f"echo $$ > {tmp_path}/pid; exec sleep 30")
    runs = graphviz.Runs(tmp_path, 60, 1)
    run = runs.submit("digraph { a }", ("plain", "png"))
    deadline = time.monotonic() + 10
    pid_file = tmp_path / "pid"
    while not (pid_file.exists() and pid_file.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.01)  # the file appears before the shell has written its pid into it
    runs.stop()
    for fmt in ("plain", "png"):
        with pytest.raises(graphviz.Stopped):
            run.part(fmt).result(timeout=10)
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 10  # the worker reaps it once its output closes
    with pytest.raises(ProcessLookupError):
        while time.monotonic() < deadline:
            os.kill(pid, 0)  # killed and reaped, not left sleeping
            time.sleep(0.01)


def test_empty_architecture_still_renders(tmp_path):
    files = render_diagram(build([], {"name": "idle"}), tmp_path)
    assert files["png"].stat().st_size > 0 and "idle" in files["svg"].read_text()


def test_unknown_format_is_refused(arch, tmp_path):
    with pytest.raises(ValueError, match="pdf"):
        render_diagram(arch, tmp_path, formats=("pdf",))


def test_importing_archadvisor_does_not_import_diagrams():
    code = "import sys, archadvisor.render.diagram, archadvisor.architecture; print('diagrams' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_layout_graphviz_reported_an_error_for_is_not_handed_over(tmp_path, monkeypatch):
    """Graphviz goes on after an error in the layout (a spline it could not route) and fails only at
    exit: the layout written meanwhile must not count as a good one, nor be drawn."""
    fake_dot(tmp_path, monkeypatch, "cat > /dev/null; echo 'Error: in routesplines, Pshortestpath failed' >&2; "
                                    "printf 'graph 1 1 1\\nstop\\n'; sleep 30; printf PNG; exit 1")
    runs = graphviz.Runs(tmp_path, 60)
    try:
        run = runs.submit("digraph { a }", ("plain", "png"))
        started = time.monotonic()
        for fmt in ("plain", "png"):
            with pytest.raises(RenderError, match="Pshortestpath failed"):
                run.part(fmt).result(timeout=10)
        assert time.monotonic() - started < 10  # stopped at once, not drawn to the end
    finally:
        runs.stop()


# -- the files -----------------------------------------------------------------
SMALL = [d("compute", "ec2-auto-scaling"), d("load-balancer", "alb"), d("database", "rds-multi-az", "orders"),
         d("internet-egress", "nat-gateway"), d("private-service-access", "vpc-gateway-endpoint", "s3"),
         d("object-storage", "s3-standard", "assets")]


@pytest.fixture(scope="module")
def small():
    return build(SMALL, {"name": "small", "users": {"clients": ["browser"]}})


def test_writes_png_svg_dot_and_drawio(rendered):
    assert {"png", "svg", "dot", "drawio"} <= set(rendered)
    assert rendered["png"].read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert rendered["svg"].read_text().lstrip().startswith("<?xml")
    assert rendered["dot"].read_text().startswith("// Positions are pinned") and "\ndigraph" in rendered["dot"].read_text()
    assert rendered["drawio"].read_text().startswith("<mxfile")


def test_a_large_design_is_an_overview_plus_one_file_per_view(arch, rendered):
    assert len(arch.components) > views.PAGE
    names = {p.name for p in rendered["png"].parent.iterdir()}
    for stem in ("diagram-requests", "diagram-data", "diagram-network", "diagram-dr"):
        assert {f"{stem}.png", f"{stem}.svg", f"{stem}.dot"} <= names, stem
    overview = rendered["dot"].read_text()
    assert "overview" in overview and "2 x " in overview  # per-AZ copies drawn once, with their count


def test_a_small_design_is_one_page(small, tmp_path):
    files = render_diagram(small, tmp_path)
    assert len(small.components) <= views.PAGE
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "diagram.dot", "diagram.drawio", "diagram.png", "diagram.svg"]
    assert set(files) == {"png", "svg", "dot", "drawio"}


def test_ids_are_ours_not_random(small):
    dot = arranged_source(small)
    assert not re.search(r"\b[0-9a-f]{32}\b", dot)
    for component in small.components:
        assert re.search(rf'(^|\s)"?{re.escape(component.id)}"? \[', dot, re.M), component.id
    for group in small.groups:
        assert f"cluster_{group.id}" in dot


def test_group_styles_follow_aws_guidelines(small):
    dot = arranged_source(small)

    def cluster(group_id):
        match = re.search(rf'subgraph "?cluster_{re.escape(group_id)}"? {{\n(.*?)\n', dot)
        assert match, group_id
        return match.group(1)

    assert "#00A4A6" in cluster("region-1") and "dashed" in cluster("region-1")
    assert "#8C4FFF" in cluster("vpc-1")
    assert "#147EBA" in cluster("az-1a") and "dashed" in cluster("az-1a")
    assert "#F2F6E8" in cluster("subnet-public-1a") and "#7AA116" in cluster("subnet-public-1a")
    assert "#E6F6F7" in cluster("subnet-data-1a")
    assert "#232F3E" in cluster("cloud")


def test_the_svg_scales_to_its_container(rendered):
    svg = rendered["svg"].read_text()
    root = re.search(r"<svg\b[^>]*>", svg).group(0)
    assert 'width="100%"' in root and "viewBox=" in root and "height:auto" in root


def test_lines_are_routed_once_and_kept_when_drawn(small):
    """The first Graphviz run routes at right angles; diagram.dot gives every line its route."""
    dot = arranged_source(small)
    assert "splines=ortho" in dot
    edges = [line for line in dot.splitlines() if " -> " in line]
    assert edges and all("pos=" in line for line in edges)
    assert not any(re.search(r"\blabel=", line) for line in edges)  # steps are badges, explained by the legend


# -- the layout: AWS's conventions ------------------------------------------------
@pytest.fixture(scope="module")
def whole(arch):
    return build_scene(arch, "shop")


def box(scene, group_id):
    return next(b for b in scene.block.boxes if b.id == group_id)


def test_az_rows_are_in_order_with_the_same_subnet_columns(whole):
    slots = whole.block.slots
    assert slots["app-a"].y < slots["app-b"].y and slots["nat-a"].y < slots["nat-b"].y
    assert box(whole, "az-1a").y1 <= box(whole, "az-1b").y0
    for kind in ("subnet-public", "subnet-app"):
        a, b = box(whole, f"{kind}-1a"), box(whole, f"{kind}-1b")
        assert (a.x0, a.x1) == (b.x0, b.x1), kind
    assert box(whole, "subnet-public-1a").x1 < box(whole, "subnet-app-1a").x0 < box(whole, "subnet-data-1a").x0
    assert slots["app-a"].x == slots["app-b"].x


def test_a_load_balancer_spans_the_az_rows_of_its_subnets(whole):
    bar = whole.block.slots["load-balancer"]
    a, b = box(whole, "subnet-public-1a"), box(whole, "subnet-public-1b")
    assert bar.bar and a.x0 < bar.x < a.x1
    assert bar.y - bar.height / 2 < a.y1 and bar.y + bar.height / 2 > b.y0  # across the gap between the rows


def test_gateways_sit_on_the_vpc_border_and_people_at_the_left(whole):
    vpc = box(whole, "vpc-1")
    assert whole.block.slots["internet-gateway"].x == vpc.x0
    assert whole.block.slots["vpn-gateway"].x == vpc.x0
    cloud = box(whole, "cloud")
    for outside in ("users", "on-premises", "internet"):
        assert box(whole, outside).x1 < cloud.x0


def test_regional_services_stand_beside_the_vpc_and_the_endpoints_in_one_box(whole):
    vpc = box(whole, "vpc-1")
    bucket = next(c for c in whole.arch.components if c.service == "s3-standard" and c.region == "eu-west-1" or
                  c.service == "s3-standard" and not c.id.startswith("r2-"))
    assert whole.block.slots[bucket.id].x > vpc.x1
    endpoints = box(whole, "vpc-endpoints-vpc-1")
    slot = whole.block.slots["endpoint-s3"]
    assert endpoints.kind == "endpoints" and endpoints.x0 < slot.x < endpoints.x1
    into = [line for line in whole.lines if line.target.startswith("vpc-endpoints-vpc-1")]
    assert len(into) == len({whole.arch.component(line.source).family for line in into})  # once per tier


def test_the_second_region_is_named_and_mirrors_the_first(whole):
    first, second = box(whole, "region-1"), box(whole, "region-2")
    assert "Region" in second.label and whole.arch.group("region-2").code in second.label
    assert first.x1 <= second.x0 or first.y1 <= second.y0  # beside or under, never overlapping
    offset = [box(whole, "vpc-2").x0 - box(whole, "vpc-1").x0, box(whole, "vpc-2").y0 - box(whole, "vpc-1").y0]
    for one, two in (("subnet-app-1a", "subnet-app-2a"), ("subnet-public-1b", "subnet-public-2b")):
        assert box(whole, two).x0 - box(whole, one).x0 == pytest.approx(offset[0]), (one, two)


def test_security_is_a_box_beside_the_flow_without_lines(whole):
    security, vpc = box(whole, "security"), box(whole, "vpc-1")
    assert security.x0 > vpc.x1  # in the column of regional services, not across the flow
    members = {c.id for c in whole.arch.members("security")}
    assert not [line for line in whole.lines if line.source in members or line.target in members]
    reached = [c for c in members if whole.arch.links_to(c) or whole.arch.links_from(c)]
    if reached:
        assert whole.notes and all(whole.arch.component(c).label.split("\n")[0] in whole.notes[0] for c in reached)


def test_a_bar_across_the_az_rows_has_its_label_in_the_first_row_under_its_titles():
    """Centred, a consumer service's label sat on the second AZ's title and its subnet's title."""
    arch = build([d("compute", "fargate"), d("messaging", "sns-sqs-fanout", "signups")],
                 {"name": "shop", "messaging": [{"name": "signups", "consumers": 2}]})
    scene = build_scene(arch, "shop")
    bar = scene.block.slots["consumer-signups-1"]
    first, second = sorted((b for b in scene.block.boxes if b.kind == "az"), key=lambda b: b.y0)
    top = bar.y - bar.height / 2
    assert first.y0 + 2 * layout.TITLE <= top and bar.y + bar.height / 2 > second.y0  # across the rows
    assert first.y1 - top >= layout.node_height(arch.component("consumer-signups-1"))  # room for its label
    node = next(line for line in diagram.scene_source(scene).splitlines() if line.strip().startswith('"consumer-signups-1"'))
    assert "labelloc=t" in node


def test_no_two_nodes_overlap(whole):
    slots = sorted(whole.block.slots.items())
    for i, (one, a) in enumerate(slots):
        for two, b in slots[i + 1:]:
            apart = abs(a.x - b.x) >= (a.width + b.width) / 2 or abs(a.y - b.y) >= (a.height + b.height) / 2
            assert apart, (one, two)


# -- steps and the legend ----------------------------------------------------
def test_the_request_path_is_numbered_first_and_copies_share_a_number(whole):
    steps = {step.number: step for step in whole.steps}
    assert steps[1].kind == "request" and steps[1].text.startswith("Users")
    # The way in (requests, and the on-premises links they cross) hop by hop, then what flows from it.
    groups = ["way in" if step.kind in ("request", "hybrid") else step.kind for step in whole.steps]
    assert groups == sorted(groups, key=["way in", "data", "event", "replication"].index)
    by_pair = {(line.source, line.target): line.step for line in whole.lines}
    assert by_pair[("load-balancer", "app-a")] == by_pair[("load-balancer", "app-b")] is not None


def test_a_request_from_the_corporate_data_center_is_numbered_hop_by_hop():
    """windows-file-shares: users reach the app over the customer gateway, Direct Connect and the virtual
    private gateway; numbered after every data flow, those hops once read 1, 8, 10, 3."""
    from archadvisor.architecture.model import Architecture
    from archadvisor.pipeline import design_document
    from archadvisor.workload import load

    doc = design_document(load(ROOT / "blueprints" / "windows-file-shares.yaml"))
    scene = build_scene(Architecture.from_dict(doc["workload"], doc), "x")
    number = {(line.source, line.target): line.step for line in scene.lines}
    path = [("users", "customer-gateway"), ("customer-gateway", "direct-connect"), ("direct-connect", "vpn-gateway"),
            ("vpn-gateway", "app-a")]
    numbers = [number[hop] for hop in path]
    assert numbers == sorted(numbers) and numbers[0] == 1
    data = [line.step for line in scene.lines if line.kind == "data" and line.step]
    assert data and min(data) > max(numbers)


def test_every_numbered_step_has_a_badge_on_its_line_and_the_legend_says_what_it_is(small):
    """Graphviz puts each step's badge on the step's first line, in the run that routes and draws it: by the
    line's start, or by its end when another line leaves the same node by the same side and keeps its badge
    at its start (see diagram._badges_at_head, tested alone below)."""
    drawing = diagram.start_drawing(small, formats=("svg", "dot"))
    try:
        dot, svg = drawing.source, html.unescape(drawing.svg())
        scene = dict(drawing.pages)["diagram"]
    finally:
        drawing.close()
    edges = {(tail, head): attrs for tail, head, attrs in re.findall(r'^\t"?([\w-]+)"? -> "?([\w-]+)"? \[(.*)\]$', dot, re.M)}
    text = " ".join(" ".join(re.findall(r">([^<]+)</text>", svg)).split())  # the legend's wrapped lines, joined
    numbered = badge_lines(scene.lines)
    assert sorted(numbered) == [step.number for step in scene.steps]
    keys = {(line.source, line.target): number for number, line in numbered.items()}
    at_head = diagram._badges_at_head(keys, lambda key: diagram._span(scene, key), lambda key: diagram._side(scene, key),
                                      scene.junctions)
    for number, line in sorted(numbered.items()):
        attrs = edges[(line.source, line.target)]
        end = "head" if (line.source, line.target) in at_head else "tail"
        assert f"<B>{number}</B>" in attrs and f"{end}label=" in attrs, (number, end)
        x, y = (float(v) for v in re.search(rf'{end}_lp="([^"]+)"', attrs).group(1).split(","))
        points = route_points(re.search(r' pos="([^"]+)"', attrs).group(1))
        assert min(_distance((x, y), a, b) for a, b in zip(points, points[1:])) < BADGE / 2, number  # on its line
    assert at_head  # the case of a badge by a line's end occurs
    badged = [attrs for attrs in edges.values() if "taillabel=" in attrs or "headlabel=" in attrs]
    assert len(badged) == len(numbered)  # one badge a step, on its first line only
    for step in scene.steps:
        assert " ".join(step.text.split()) in text
    for kind in {line.kind for line in scene.lines}:
        assert diagram.KIND_STYLES[kind][3] in svg  # what each line style means


def _distance(point, a, b) -> float:
    """From a point to the segment a-b."""
    (px, py), (ax, ay), (bx, by) = point, a, b
    length = (bx - ax) ** 2 + (by - ay) ** 2
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / length))
    return ((px - ax - t * (bx - ax)) ** 2 + (py - ay - t * (by - ay)) ** 2) ** 0.5


def test_diagram_dot_draws_the_page_again(small, tmp_path):
    """diagram.dot pins every node, route and badge where the design's own run put them: Graphviz drawing
    it again gives the same SVG, to within its rounding of routes to five digits."""
    drawing = diagram.start_drawing(small, formats=("svg", "dot"))
    try:
        drawing.wait()
        drawn = drawing._runs_by_stem["diagram"].part("svg").result().decode("utf-8")
        source = drawing.source
    finally:
        drawing.close()
    again = graphviz.run_dot(source, "svg", diagram._diagrams_root(), timeout=60).decode("utf-8")
    numbers = re.compile(r"-?\d+\.?\d*")

    def shapes(svg):
        return [numbers.sub("#", line) for line in svg.splitlines()]

    def coordinates(svg):
        return [float(v) for v in numbers.findall(svg)]

    assert shapes(drawn) == shapes(again)
    assert max(abs(a - b) for a, b in zip(coordinates(drawn), coordinates(again))) < 0.1


# -- diagram.drawio --------------------------------------------------------------
def _drawio_cells(text):
    import xml.etree.ElementTree as ElementTree
    root = ElementTree.fromstring(text)
    return {cell.get("id"): cell for cell in root.iter("mxCell")}


BLUEPRINT_FILES = sorted((Path(__file__).parent.parent / "blueprints").glob("*.yaml"))


@pytest.mark.parametrize("blueprint", BLUEPRINT_FILES, ids=[p.stem for p in BLUEPRINT_FILES])
def test_drawio_is_structurally_sound(blueprint):
    from archadvisor.pipeline import design_document
    from archadvisor.render.drawio import drawio
    from archadvisor.workload import load
    from archadvisor.architecture.model import Architecture

    doc = design_document(load(blueprint))
    arch = Architecture.from_dict(doc["workload"], doc)
    cells = _drawio_cells(drawio(arch, build_scene(arch, arch.name)))

    def geometry(cell):
        g = cell.find("mxGeometry")
        return [float(g.get(k)) for k in ("x", "y", "width", "height")]

    for component in arch.components:
        cell = cells[f"c:{component.id}"]
        assert "mxgraph.aws4." in cell.get("style") and cell.get("vertex") == "1"
        assert cell.get("parent") == f"g:{component.group}"
    for group in arch.groups:
        cell = cells[f"g:{group.id}"]
        assert "container=1" in cell.get("style")
        held = {i for i, c in cells.items() if c.get("parent") == f"g:{group.id}" and c.get("vertex") == "1"}
        assert held == {f"c:{c.id}" for c in arch.members(group.id)} | {f"g:{g.id}" for g in arch.children(group.id)}
    for cell_id, cell in cells.items():
        parent = cells.get(cell.get("parent") or "")
        if cell.get("vertex") == "1" and parent is not None and parent.get("vertex") == "1":
            x, y, width, height = geometry(cell)
            _, _, outer_width, outer_height = geometry(parent)
            assert 0 <= x and 0 <= y and x + width <= outer_width + 0.5 and y + height <= outer_height + 0.5, cell_id
    connectors = [(c.get("source"), c.get("target")) for c in cells.values() if c.get("edge") == "1"]
    assert sorted(connectors) == sorted((f"c:{l.source}", f"c:{l.target}") for l in arch.links)
    assert all(source in cells and target in cells for source, target in connectors)


def test_drawio_group_styles_are_aws_groups(small):
    from archadvisor.render.drawio import drawio
    cells = _drawio_cells(drawio(small, build_scene(small, "small")))
    assert "grIcon=mxgraph.aws4.group_aws_cloud_alt" in cells["g:cloud"].get("style")
    assert "grIcon=mxgraph.aws4.group_region" in cells["g:region-1"].get("style")
    assert "grIcon=mxgraph.aws4.group_vpc2" in cells["g:vpc-1"].get("style")
    assert "dashed=1" in cells["g:az-1a"].get("style")
    assert "grIcon=mxgraph.aws4.group_security_group" in cells["g:subnet-public-1a"].get("style")


# -- readability ---------------------------------------------------------------------
def test_crossings_are_counted_from_routes():
    from archadvisor.render.measure import crossings
    routes = {("a", "b"): "e,10,5 0,5 0,5 10,5 10,5", ("c", "d"): "e,5,10 5,0 5,0 5,10 5,10",
              ("a", "e"): "e,10,8 0,8 0,8 10,8 10,8"}  # a-e meets a-b at a: not a crossing
    assert crossings(routes) == 2


WORKLOADS = sorted((Path(__file__).parent / "workloads").glob("*.yaml"))  # the large ones
DESIGNS = sorted((Path(__file__).parent / "designs").glob("*.yaml"))      # other shapes worth drawing


def _pages(path):
    from archadvisor.architecture.model import Architecture
    from archadvisor.pipeline import design_document
    from archadvisor.workload import load

    doc = design_document(load(path))
    drawing = diagram.start_drawing(Architecture.from_dict(doc["workload"], doc), formats=("dot",))
    try:
        return {stem: drawing.readability(stem) for stem, _ in drawing.pages}, drawing
    finally:
        drawing.close()


@pytest.mark.parametrize("path", BLUEPRINT_FILES + WORKLOADS + DESIGNS,
                         ids=[p.stem for p in BLUEPRINT_FILES + WORKLOADS + DESIGNS])
def test_every_page_meets_the_readability_goal(path):
    """The issue's goal, on every page of every blueprint and of the two large workloads (12 stores, 10
    channels, a hybrid link and pilot-light DR; 50 stores and 50 channels): at most 3 crossings, at most
    2,000 px wide, text at least 9 px once fitted to a 1,000 px column."""
    pages, _ = _pages(path)
    for stem, r in pages.items():
        assert r.crossings <= 3 and r.width <= 2000 and r.label_px >= 9, (stem, r)
        assert r.nodes <= 40, (stem, r)  # the page: up to 40 nodes within 2,000 px


def test_the_large_workloads_are_split_into_an_overview_and_views():
    for path in WORKLOADS:
        pages, drawing = _pages(path)
        assert len(drawing.arch.components) > 90  # 12 stores + 10 channels + hybrid + DR; 50 + 50
        assert set(pages) >= {"diagram", "diagram-requests", "diagram-data", "diagram-events"}, path.stem
        assert "overview" in dict(drawing.pages)["diagram"].title


def test_of_the_lines_leaving_a_node_one_keeps_its_badge_at_its_start():
    """The others' badges go by their ends: that one is the line ending where another numbered line starts
    (a badge sits there already), else the shortest (a badge at a short line's end would sit on its start's),
    else the first numbered."""
    from archadvisor.render.diagram import _badges_at_head

    numbered = {("users", "router"): 1, ("users", "sign-in"): 2, ("router", "vpn"): 3, ("app", "db"): 4,
                ("app", "endpoints"): 5, ("app", "table"): 6}
    spans = {("users", "router"): 300, ("users", "sign-in"): 100, ("router", "vpn"): 200, ("app", "db"): 150,
             ("app", "endpoints"): 20, ("app", "table"): 400}
    at_head = _badges_at_head(numbered, spans.get)
    assert ("users", "router") not in at_head and ("users", "sign-in") in at_head  # the router starts step 3
    assert ("app", "endpoints") not in at_head and {("app", "db"), ("app", "table")} <= at_head  # shortest
    assert ("router", "vpn") not in at_head  # alone from its node
    assert _badges_at_head({("a", "b"): 1, ("a", "c"): 2}) == {("a", "c")}  # no lengths: the first numbered


def test_lines_leaving_a_node_by_different_sides_keep_their_badges_at_their_starts():
    """A database primary's line down to its standby and its line to a read replica (right, or up) leave by
    different sides: both badges go by the primary. Two lines leaving by one side: one badge moves to its
    line's end (three-tier-web's standby badge sat on the next AZ's title, at the end of its line)."""
    from archadvisor.render.diagram import _badges_at_head, _side

    numbered = {("primary", "replica"): 1, ("primary", "standby"): 2, ("app", "db"): 3, ("app", "cache"): 4}
    sides = {("primary", "replica"): "right", ("primary", "standby"): "down", ("app", "db"): "right",
             ("app", "cache"): "right"}
    assert _badges_at_head(numbered, side=sides.get) == {("app", "cache")}
    assert _badges_at_head(numbered) == {("primary", "standby"), ("app", "cache")}  # sides unknown: one a node
    # A line into an endpoints box arrives at the box's corner, level with the titles there: its badge stays
    # by its start (data-lake-warehouse's sat on the AZ's title at the line's end).
    into = {("app", "db"): 1, ("app", "endpoints--in"): 2}
    assert _badges_at_head(into, junctions={"endpoints--in"}) == {("app", "db")}
    assert _badges_at_head(into) == {("app", "endpoints--in")}
    from archadvisor.architecture.model import Architecture
    from archadvisor.pipeline import design_document
    from archadvisor.workload import load

    doc = design_document(load(ROOT / "blueprints" / "three-tier-web.yaml"))
    scene = build_scene(Architecture.from_dict(doc["workload"], doc), "three-tier")
    assert _side(scene, ("db-shop-db-primary", "db-shop-db-standby")) == "down"
    assert _side(scene, ("db-shop-db-primary", "db-shop-db-replica-a")) == "up"  # the replica is drawn above


def test_no_line_runs_through_the_title_of_a_page_s_only_region():
    """media-streaming's line from CloudFront down to its bucket ran through 'Region us-west-2': the title
    is now an obstacle Graphviz routes around (see diagram._keep_out_of_title)."""
    from archadvisor.render.scene import route_points

    _, drawing = _pages(Path(__file__).parent.parent / "blueprints" / "media-streaming.yaml")
    scene = dict(drawing.pages)["diagram"]
    (region,) = [box for box in scene.block.boxes if box.kind == "region"]
    width = len(region.label) * layout.FONT_SIZE * 0.62
    left, right = region.x0 + layout.PAD, region.x0 + layout.PAD + width
    top, bottom = scene.flip(region.y0 + 4), scene.flip(region.y0 + 4 + layout.LINE)  # Graphviz's y runs up
    for key, pos in drawing.routes["diagram"].items():
        points = route_points(pos)
        for (ax, ay), (bx, by) in zip(points, points[1:]):
            if ax == bx:  # a vertical leg crossing the title's band within its words
                assert not (left < ax < right and min(ay, by) < bottom and max(ay, by) > top), key


def test_a_step_names_a_component_by_its_label_without_saying_its_service_twice():
    from types import SimpleNamespace

    from archadvisor.render.steps import _name

    def arch(label):
        component = SimpleNamespace(label=label, region="us-east-1")
        return SimpleNamespace(component=lambda _: component, groups=())

    assert _name(arch("KMS\nKMS customer managed key"), "kms") == "KMS customer managed key"
    assert _name(arch("SNS topic\norders"), "topic") == "SNS topic orders"
    assert _name(arch("Application Load\nBalancer\n(internet-facing)"), "lb") == "Application Load Balancer"


def test_a_region_of_more_than_ten_services_keeps_its_ordered_column(tmp_path):
    """Random workload 18 has eleven to thirteen regional services a page: beyond ten, its column was only
    stacked, eight to a column, unordered, and services fed only by other regional services stayed in it
    (the data view crossed 6 times, the overview 22). Up to sixteen are ordered and chained like fewer."""
    import yaml
    from workload_generator import workload

    path = tmp_path / "random-18.yaml"
    path.write_text(yaml.safe_dump({**workload(18), "name": "random-18"}, sort_keys=False))
    pages, _ = _pages(path)
    assert pages["diagram-data"].crossings <= 3, pages["diagram-data"]
    assert pages["diagram"].crossings <= 12, pages["diagram"]


@pytest.mark.parametrize("blueprint, kind, note", [
    ("health-portal", "monitors", "Logs shipped, not drawn: 2 x ECS on Fargate \u2192 OpenSearch Service log search"),
    ("hpc-cluster", "admin", "Operator access, not drawn: Operators \u2192 Systems Manager Session Manager"),
])
def test_links_beside_the_flow_are_named_in_the_legend_not_drawn(blueprint, kind, note):
    """Operators' access and the application's logs run beside the flow: drawn, the log line from the app
    tier down to the log search under the regional column crossed every line on its way."""
    from archadvisor.architecture.model import Architecture
    from archadvisor.pipeline import design_document
    from archadvisor.workload import load
    from archadvisor.render import views

    doc = design_document(load(ROOT / "blueprints" / f"{blueprint}.yaml"))
    arch = Architecture.from_dict(doc["workload"], doc)
    assert any(link.kind == kind for link in arch.links)
    for _, scene in views.pages(arch):
        assert not [line for line in scene.lines if line.kind == kind]
    scene = dict(views.pages(arch))["diagram"]
    assert any(n.startswith(note) for n in scene.notes), scene.notes
