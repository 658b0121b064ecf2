"""Rendering: diagrams + Graphviz -> diagram.dot / .svg / .png.

These tests need Graphviz's ``dot`` on PATH and fail loudly without it
(CI installs it).
"""
from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import tempfile
import time

from pathlib import Path

import pytest

from archadvisor.architecture import build
from archadvisor.render import diagram
from archadvisor.render.diagram import RenderError, arranged_source, diagram_source, render_diagram


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


def test_writes_png_svg_and_dot(rendered):
    assert set(rendered) == {"png", "svg", "dot"}
    assert {p.name for p in rendered.values()} == {"diagram.png", "diagram.svg", "diagram.dot"}
    assert rendered["png"].read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert rendered["svg"].read_text().lstrip().startswith("<?xml")
    assert rendered["dot"].read_text().startswith("digraph")
    assert sorted(p.name for p in rendered["png"].parent.iterdir()) == ["diagram.dot", "diagram.png", "diagram.svg"]


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


def test_ids_are_ours_not_random(rendered, arch):
    dot = rendered["dot"].read_text()
    assert not re.search(r"\b[0-9a-f]{32}\b", dot)
    for component in arch.components:
        assert re.search(rf'(^|\s)"?{re.escape(component.id)}"? \[', dot, re.M), component.id
    for group in arch.groups:
        assert f"cluster_{group.id}" in dot


def test_group_styles_follow_aws_guidelines(rendered):
    dot = rendered["dot"].read_text()

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
    assert "#7D8998" in cluster("on-premises")
    assert "rankdir=LR" in dot and "newrank=true" in dot


def test_edge_labels_are_drawn(rendered):
    svg = html.unescape(rendered["svg"].read_text())
    for label in ("synchronous replication", "asynchronous replication", "fan-out", "Direct Connect"):
        assert label in svg


def test_az_a_is_drawn_above_az_b(arch):
    source = arranged_source(arch)
    y = diagram._vertical_positions(diagram._run_dot(source, "plain", diagram._diagrams_root(), 60))
    assert y["app-a"] > y["app-b"]  # Graphviz y grows upwards
    assert y["nat-a"] > y["nat-b"]
    assert y["queue-signups-1"] > y["queue-signups-2"]


def test_read_replicas_sit_beside_their_primary_and_the_standby_level_with_it(arch):
    """Asynchronous replication to a read replica ranks the replica one column after the primary (a
    short horizontal edge); the synchronous standby in the other AZ does not rank, so it stays level."""
    source = arranged_source(arch)
    plain = diagram._run_dot(source, "plain", diagram._diagrams_root(), 60).decode()
    x = {m.group(1).strip('"'): float(m.group(2))
         for m in re.finditer(r'^node ("[^"]+"|\S+) (\S+) ', plain, re.M)}
    primary = next(c.id for c in arch.components if c.service == "rds-multi-az")
    standby = next(c.id for c in arch.components if c.service == "rds-standby")
    replicas = [c.id for c in arch.components if c.service == "rds-read-replicas"]
    assert replicas and all(x[r] > x[primary] for r in replicas)
    assert abs(x[standby] - x[primary]) < 0.5

    def edge(tail, head):
        return re.search(rf'^\t"?{re.escape(tail)}"? -> "?{re.escape(head)}"? \[(.*)\]$', source, re.M).group(1)

    assert "constraint=false" in edge(primary, standby)
    assert all("constraint=false" not in edge(primary, r) and "tailport" not in edge(primary, r) for r in replicas)


def _drawing_with_scores(arch, monkeypatch, scores):
    """Draw ``arch`` with the n-th layout read scored ``scores(n)``; also every Graphviz run made, in order,
    each marked ``stopped`` if it was stopped before the drawing was written."""
    read = iter(range(100))
    monkeypatch.setattr(diagram._Reading, "score", lambda self, y: scores(next(read)))
    runs = []
    original = diagram._Runs.submit

    def submit(self, source, formats):
        runs.append(original(self, source, formats))
        return runs[-1]

    monkeypatch.setattr(diagram._Runs, "submit", submit)
    drawing = diagram.start_drawing(arch)
    try:
        contents = drawing.contents()
        for run in runs:
            run.stopped = run._stopped
        return drawing, contents, runs
    finally:
        drawing.close()


def _candidates(arch):
    return [variant for variant, _ in diagram._hinted_sources(arch, None)][:diagram.SEARCH_LIMIT]


def _png_of(source: str) -> bytes:
    return diagram._run_dot(source, "png", diagram._diagrams_root(), 60)


@pytest.fixture(scope="module")
def plain_arch():
    """An architecture without replication inside a region: no edge is ever ported, so each layout
    run of the search goes on to draw its declaration."""
    arch = build([decision for decision in RICH if decision["concern"] not in ("database", "read-scaling")],
                 WORKLOAD)
    app_tier = diagram._app_tier(arch, None)
    assert not any(diagram._unranked(arch, link, app_tier) for link in arch.links)
    return arch


def test_each_layout_run_draws_and_the_best_so_far_keeps_drawing(plain_arch, monkeypatch):
    drawing, contents, runs = _drawing_with_scores(plain_arch, monkeypatch, lambda n: (n, 0))  # each reads better
    assert drawing.layout.variant == _candidates(plain_arch)[-1]  # the last layout read wins
    # One run per layout, each drawing after its plain layout; each was stopped when a later one
    # read better, except the last, which drew the files: no run of its own for the drawing.
    assert len(runs) == len(_candidates(plain_arch))
    assert all(run.formats == ("plain", "svg", "png") for run in runs)
    assert all(run.stopped for run in runs[:-1]) and not runs[-1].stopped
    assert runs[-1].source == drawing.source == contents["dot"].decode()
    assert contents["png"] == _png_of(drawing.source)  # the PNG written is the chosen layout's


def test_the_first_layout_that_reads_best_is_drawn_by_its_own_layout_run(plain_arch, monkeypatch):
    drawing, contents, runs = _drawing_with_scores(plain_arch, monkeypatch, lambda n: (-n, 0))  # the first is best
    assert drawing.layout.variant == diagram.VARIANTS[0]
    assert not runs[0].stopped and all(run.stopped for run in runs[1:])
    assert len(runs) == len(_candidates(plain_arch))
    assert runs[0].source == drawing.source == contents["dot"].decode()
    assert contents["png"] == _png_of(drawing.source)


def _replication(arch):
    primary = next(c.id for c in arch.components if c.service == "rds-multi-az")
    standby = next(c.id for c in arch.components if c.service == "rds-standby")
    return primary, standby


def _edge(source, tail, head):
    return re.search(rf'^\t"?{re.escape(tail)}"? -> "?{re.escape(head)}"? \[(.*)\]$', source, re.M).group(1)


def test_replication_is_declared_from_the_bottom_of_the_primary_into_the_top_of_the_standby(arch):
    primary, standby = _replication(arch)
    edge = _edge(diagram_source(arch), primary, standby)
    assert "tailport=s" in edge and "headport=n" in edge and "constraint=false" in edge
    assert "tailport" not in _edge(diagram_source(arch, ports={(primary, standby): None}), primary, standby)
    assert "tailport" not in _edge(diagram_source(arch, hints=False), primary, standby)


@pytest.mark.parametrize("standby_at, ports", [(-5.0, None), (5.0, ("n", "s")), (0.2, ())])
def test_the_chosen_layout_re_routes_replication_only_where_it_moved_the_standby(arch, standby_at, ports):
    """Below its primary (as declared): drawn as declared. Above: the edge turned round. Level: no ports."""
    primary, standby = _replication(arch)
    variant, source = next(diagram._hinted_sources(arch, None))
    y = {c.id: 0.0 for c in arch.components} | {standby: standby_at}
    ported = diagram._ported_source(arch, diagram._Layout(source, variant, True, y, (0, 0)), None)
    if ports is None:
        assert ported is None
    else:
        edge = _edge(ported, primary, standby)
        assert ("tailport" not in edge) if not ports else f"tailport={ports[0]}" in edge and f"headport={ports[1]}" in edge


def _turned_round(arch, monkeypatch):
    """Make every layout put the standby above its primary; the re-routed declarations, by variant."""
    primary, standby = _replication(arch)
    turned = {variant: diagram.diagram_source(arch, variant=variant, ports={(primary, standby): ("n", "s")})
              for variant in _candidates(arch)}
    monkeypatch.setattr(diagram, "_ported_source", lambda arch, layout, catalogue: turned[layout.variant])
    monkeypatch.setattr(diagram, "_keeps_order", lambda arch, layout, y: True)  # scores are made up here
    return turned


def test_a_re_routed_drawing_begun_on_a_layout_the_search_then_beats_is_stopped_and_the_better_one_drawn(
        arch, monkeypatch):
    turned = _turned_round(arch, monkeypatch)
    drawing, contents, runs = _drawing_with_scores(arch, monkeypatch, lambda n: (n, 0))  # each reads better
    variant = _candidates(arch)[-1]
    assert drawing.layout.variant == variant and drawing.source == turned[variant] == contents["dot"].decode()
    # The re-routed declaration of the first round's best was drawn, then stopped for the better one;
    # the search's own runs, of declarations not drawn, were all stopped.
    redrawn = [run for run in runs if run.source in turned.values()]
    assert len(redrawn) == 2 and redrawn[0].stopped and not redrawn[-1].stopped
    assert redrawn[-1].source == drawing.source and redrawn[-1].formats == ("plain", "svg", "png")
    assert all(run.stopped for run in runs if run not in redrawn)
    assert contents["png"] == _png_of(drawing.source)


def test_a_re_routed_drawing_begun_on_the_layout_the_search_keeps_is_the_one_written(arch, monkeypatch):
    turned = _turned_round(arch, monkeypatch)
    drawing, contents, runs = _drawing_with_scores(arch, monkeypatch, lambda n: (-n, 0))  # the first is best
    assert drawing.layout.variant == diagram.VARIANTS[0]
    [redrawn] = [run for run in runs if run.source in turned.values()]  # drawn once, while the search read the rest
    assert not redrawn.stopped and redrawn.formats == ("plain", "svg", "png")  # its plain layout is the check
    assert contents["dot"].decode() == drawing.source == redrawn.source == turned[diagram.VARIANTS[0]]
    assert contents["png"] == _png_of(drawing.source)


def test_one_run_writes_each_format_as_graphviz_alone_would(arch):
    source, root = arranged_source(arch), diagram._diagrams_root()
    run = diagram._Run(source, ("plain", "svg", "png"), root, 60)
    whole = run()
    parts = [run.part(fmt).result() for fmt in run.formats]
    assert b"".join(parts) == whole
    assert parts == [diagram._run_dot(source, fmt, root, 60) for fmt in run.formats]


def test_a_part_is_handed_over_as_soon_as_it_is_written(tmp_path, monkeypatch):
    fake_dot(tmp_path, monkeypatch, f"cat > /dev/null; printf 'graph 1 1 1\\nstop\\n'; "
                                    f"while [ ! -e {tmp_path}/go ]; do sleep 0.01; done; printf PNG")
    runs = diagram._Runs(tmp_path, 60)
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
    run = diagram._Run("digraph { a }", ("plain", "svg", "png"), tmp_path, 60)
    with pytest.raises(RenderError, match="out of memory"):
        run()
    assert run.part("plain").result() == b"graph 1 1 1\nstop\n"
    for fmt in ("svg", "png"):
        with pytest.raises(RenderError, match="out of memory"):
            run.part(fmt).result()


def test_object_events_into_the_app_tier_are_drawn_with_the_flow_not_looped_back():
    """S3 pushes object events to the functions, against the left-to-right reading: the edge is declared
    app -> bucket with the arrow at the app, so it ranks with the flow instead of looping back."""
    arch = build([d("compute", "lambda"), d("object-storage", "s3-standard", "uploads"),
                  d("change-events", "s3-event-notifications", "uploads")], {"name": "x"})
    [event] = [link for link in arch.links if link.label == "object events"]
    source = diagram_source(arch)
    assert re.search(rf'^\t"?{re.escape(event.target)}"? -> "?{re.escape(event.source)}"? \[.*dir=back', source, re.M)
    assert not re.search(rf'^\t"?{re.escape(event.source)}"? -> "?{re.escape(event.target)}"?', source, re.M)
    line = next(l for l in source.splitlines() if "object events" in l)
    assert "constraint=false" not in line
    svg = render_diagram(arch, Path(tempfile.mkdtemp()), formats=("svg",))["svg"].read_text()
    assert "object events" in svg


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
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["diagram.png"]


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
    run = diagram._Run("digraph { a }", ("plain",), tmp_path, 60)
    run.stop()
    with pytest.raises(diagram._Stopped):
        run()


def test_stopping_the_runs_kills_graphviz(arch, tmp_path, monkeypatch):
    fake_dot(tmp_path, monkeypatch, f"echo $$ > {tmp_path}/pid; exec sleep 30")
    runs = diagram._Runs(tmp_path, 60, 1)
    run = runs.submit("digraph { a }", ("plain", "png"))
    deadline = time.monotonic() + 10
    while not (tmp_path / "pid").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    runs.stop()
    for fmt in ("plain", "png"):
        with pytest.raises(diagram._Stopped):
            run.part(fmt).result(timeout=10)
    pid = int((tmp_path / "pid").read_text())
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


def test_a_re_routed_declaration_that_loses_the_reading_order_is_dropped_for_the_chosen_one(arch, monkeypatch):
    turned = _turned_round(arch, monkeypatch)
    monkeypatch.setattr(diagram, "_keeps_order", lambda arch, layout, y: False)
    drawing, contents, runs = _drawing_with_scores(arch, monkeypatch, lambda n: (-n, 0))  # the first is best
    assert drawing.source == drawing.layout.source == contents["dot"].decode() != turned[diagram.VARIANTS[0]]
    [redrawn] = [run for run in runs if run.source in turned.values()]
    assert redrawn.stopped and not runs[-1].stopped and runs[-1].source == drawing.source
    assert contents["png"] == _png_of(drawing.source)


def test_a_layout_graphviz_reported_an_error_for_is_not_handed_over(tmp_path, monkeypatch):
    """Graphviz goes on after an error in the layout (a spline it could not route) and fails only at
    exit: the layout written meanwhile must not count as a good one, nor be drawn."""
    fake_dot(tmp_path, monkeypatch, "cat > /dev/null; echo 'Error: in routesplines, Pshortestpath failed' >&2; "
                                    "printf 'graph 1 1 1\\nstop\\n'; sleep 30; printf PNG; exit 1")
    runs = diagram._Runs(tmp_path, 60)
    try:
        run = runs.submit("digraph { a }", ("plain", "png"))
        started = time.monotonic()
        for fmt in ("plain", "png"):
            with pytest.raises(RenderError, match="Pshortestpath failed"):
                run.part(fmt).result(timeout=10)
        assert time.monotonic() - started < 10  # stopped at once, not drawn to the end
    finally:
        runs.stop()
