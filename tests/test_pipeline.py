"""The design command end to end: output folder, atomicity, reproducibility, escaping, snapshots."""
from __future__ import annotations

import json
import re
import os
import time
from pathlib import Path

import pytest
import yaml

from archadvisor.cli import main
from archadvisor.pipeline import decisions_json, design_document, write_design
from archadvisor.workload import load
from conftest import ROOT, workload_from

BLUEPRINTS = sorted((ROOT / "blueprints").glob("*.yaml"))
SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("ARCHADVISOR_UPDATE_SNAPSHOTS") == "1"
RICH = ROOT / "blueprints" / "three-tier-web.yaml"


def test_design_writes_every_file(tmp_path, capsys):
    assert main(["design", str(RICH), "-o", str(tmp_path)]) == 0
    folder = tmp_path / "three-tier-web"
    assert sorted(p.name for p in folder.iterdir()) == [
        "decisions.json", "diagram.dot", "diagram.drawio", "diagram.png", "diagram.svg", "report.html", "report.md",
        "template-us-east-1.yaml", "template.yaml"]
    assert str(folder) in capsys.readouterr().out
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "staging folders left behind"
    doc = json.loads((folder / "decisions.json").read_text())
    assert doc["workload"] == "three-tier-web" and doc["components"] and doc["links"]


def test_the_diagram_starts_once_the_components_are_known_before_the_checks_and_the_cost():
    seen = []
    doc = design_document(load(RICH), on_built=lambda built: seen.append(set(built)))
    assert len(seen) == 1 and {"components", "links", "groups"} <= seen[0] and not {"checks", "cost"} & seen[0]
    assert {"checks", "cost"} <= set(doc)


def test_a_design_failing_its_checks_while_it_is_drawn_writes_nothing_and_stops_graphviz(tmp_path, monkeypatch,
                                                                                          capsys):
    import archadvisor.check as checks
    from archadvisor.render import graphviz

    runs = []
    submit = graphviz.Runs.submit
    monkeypatch.setattr(graphviz.Runs, "submit", lambda self, *args: runs.append(submit(self, *args)) or runs[-1])
    monkeypatch.setattr(checks, "check", lambda *args: [checks.Violation("connected", None, "made up")])
    assert main(["design", str(RICH), "-o", str(tmp_path / "out")]) == 1
    assert "breaks 1 invariant" in capsys.readouterr().err
    assert runs  # Graphviz had started
    deadline = time.monotonic() + 5
    while any(run._process is not None and run._process.poll() is None for run in runs) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert all(run._stopped and (run._process is None or run._process.poll() is not None) for run in runs)  # stopped
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_design_json_prints_only_the_document(capsys, tmp_path):
    assert main(["design", str(RICH), "--format", "json", "-o", str(tmp_path)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {"workload", "archadvisor_version", "decisions", "assumptions", "components", "links"} <= set(doc)
    assert not any(tmp_path.iterdir()), "--format json must not write files"


def test_two_runs_give_the_same_bytes(tmp_path):
    for run in ("a", "b"):
        assert main(["design", str(RICH), "-o", str(tmp_path / run)]) == 0
    for name in ("decisions.json", "diagram.dot", "diagram.svg", "report.md", "report.html"):
        first = (tmp_path / "a" / "three-tier-web" / name).read_bytes()
        assert first == (tmp_path / "b" / "three-tier-web" / name).read_bytes(), name


def test_failure_halfway_keeps_the_previous_output_and_leaves_no_partial_folder(tmp_path, monkeypatch):
    workload = load(RICH)
    doc = design_document(workload)
    good = write_design(workload, doc, tmp_path)
    before = {p.name: p.read_bytes() for p in good.iterdir()}

    import archadvisor.render.report as report

    def broken(*args, **kwargs):
        (Path(args[2]) / "report.md").write_text("half")
        raise RuntimeError("disk full")

    monkeypatch.setattr(report, "render_reports", broken)
    with pytest.raises(RuntimeError):
        write_design(workload, doc, tmp_path)
    assert {p.name: p.read_bytes() for p in good.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["three-tier-web"]


def test_render_failure_through_the_cli_exits_nonzero_without_traceback(tmp_path, monkeypatch, capsys):
    import archadvisor.render.diagram as diagram

    monkeypatch.setattr(diagram.shutil, "which", lambda name: None)
    assert main(["design", str(RICH), "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "could not draw the diagram" in err and "dot" in err and "Traceback" not in err
    assert "internal error" not in err
    assert list(tmp_path.iterdir()) == []


def test_user_mistakes_in_design_arguments_get_plain_messages(tmp_path, capsys):
    assert main(["design", str(RICH), "--template-dir", str(tmp_path / "nope")]) == 2
    assert "is not a folder" in capsys.readouterr().err
    target = tmp_path / "file"
    target.write_text("x")
    assert main(["design", str(RICH), "-o", str(target)]) == 2
    assert "is a file" in capsys.readouterr().err
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.md.j2").write_text("{{ no_such_variable }}\n")
    out = tmp_path / "out"
    assert main(["design", str(RICH), "-o", str(out), "--template-dir", str(templates)]) == 2
    err = capsys.readouterr().err
    assert "report template error" in err and "no_such_variable" in err and "internal error" not in err
    assert not out.exists(), "a failed run must not leave the output folder it created"
    (templates / "report.md.j2").write_text("# {{ workload.name }}\n{% if %}\n")
    assert main(["design", str(RICH), "-o", str(out), "--template-dir", str(templates)]) == 2
    err = capsys.readouterr().err
    assert "report template error (line 2)" in err and not out.exists()


EVIL = "<script>alert(1)</script>"


def test_user_text_is_escaped_in_the_html_report(tmp_path):
    data = yaml.safe_load(RICH.read_text())
    data["description"] = f"Shop {EVIL} & <b>bold</b>"
    workload = workload_from(data, "evil.yaml")
    folder = write_design(workload, design_document(workload), tmp_path)
    page = (folder / "report.html").read_text()
    assert EVIL not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>bold</b>" not in page
    markdown = (folder / "report.md").read_text()
    assert EVIL not in markdown and "&lt;script&gt;" in markdown


def test_other_user_text_fields_cannot_carry_markup():
    """Every other free-text field is refused by the loader before it could reach a report."""
    from archadvisor.workload import WorkloadError

    for field in ("name", "region"):
        with pytest.raises(WorkloadError):
            workload_from({"name": "x", field: EVIL})
    for section, key in (("data", "name"), ("messaging", "name")):
        with pytest.raises(WorkloadError):
            workload_from({section: [{key: EVIL}]})
    for path in (("network", "aws_services_private"), ("security", "compliance")):
        with pytest.raises(WorkloadError):
            workload_from({path[0]: {path[1]: [EVIL]}})


def test_custom_template_dir(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.md.j2").write_text("# {{ doc.workload }}: {{ decisions | length }} decisions\n")
    out = tmp_path / "out"
    assert main(["design", str(RICH), "-o", str(out), "--template-dir", str(templates)]) == 0
    text = (out / "three-tier-web" / "report.md").read_text()
    assert text.startswith("# three-tier-web: ") and "decisions" in text
    assert "<!DOCTYPE html>" in (out / "three-tier-web" / "report.html").read_text()  # falls back to ours


def test_report_explains_each_decision(tmp_path):
    workload = load(RICH)
    doc = design_document(workload)
    folder = write_design(workload, doc, tmp_path)
    markdown = (folder / "report.md").read_text()
    page = (folder / "report.html").read_text()
    for decision in doc["decisions"]:
        assert decision["rule"] in markdown and decision["rule"] in page
        for alternative in decision["alternatives"]:
            assert alternative["choice"] in markdown
    for heading in ("## Executive summary", "## Objectives, met or not", "## Risks by severity", "## Open questions",
                    "## Requirements", "### Assumptions", "## Well-Architected view", "**Sustainability:**"):
        assert heading in markdown
    assert "<svg" in page and "data:image/png;base64" in page
    counts = {len(decision["alternatives"]) for decision in doc["decisions"]}
    assert 1 in counts and "1 alternative and why it lost" in page and "1 alternatives" not in page


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=[p.stem for p in BLUEPRINTS])
def test_blueprint_snapshots(blueprint):
    from archadvisor.architecture.model import Architecture
    from archadvisor.render.diagram import arranged_source

    workload = load(blueprint)
    doc = design_document(workload)
    outputs = {
        f"{blueprint.stem}.decisions.json": decisions_json(doc),
        f"{blueprint.stem}.diagram.dot": arranged_source(Architecture.from_dict(doc["workload"], doc)),
    }
    for name, text in outputs.items():
        path = SNAPSHOTS / name
        if UPDATE:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert path.exists(), f"no snapshot {name}: run with ARCHADVISOR_UPDATE_SNAPSHOTS=1 and review the diff"
        assert text == path.read_text(encoding="utf-8"), \
            f"{name} changed: review, then ARCHADVISOR_UPDATE_SNAPSHOTS=1 ./dev.sh test"


def test_compiled_templates_are_cached_and_an_edited_template_is_compiled_afresh(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.md.j2").write_text("first {{ workload.name }}\n")
    workload = load(RICH)
    doc = design_document(workload)
    folder = write_design(workload, doc, tmp_path / "out", template_dir=templates, formats=())
    cached = sorted((tmp_path / "cache" / "archadvisor" / "templates").iterdir())
    assert len(cached) == 2  # report.md.j2 (the user's) and report.html.j2 (ours)
    (templates / "report.md.j2").write_text("second {{ workload.name }}\n")
    folder = write_design(workload, doc, tmp_path / "out", template_dir=templates, formats=())
    assert (folder / "report.md").read_text().startswith("second ")
    assert len(list((tmp_path / "cache" / "archadvisor" / "templates").iterdir())) == 2


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    workload = load(RICH)
    folder = write_design(workload, design_document(workload), tmp_path / "out", formats=())
    assert (folder / "report.html").stat().st_size > 0
    # A cache folder that exists but refuses writes (chmod does not stop root, so the write itself fails).
    import jinja2.bccache

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "ro"))
    monkeypatch.setattr(jinja2.bccache.tempfile, "NamedTemporaryFile", refuse)
    folder = write_design(workload, design_document(workload), tmp_path / "out2", formats=())
    assert (folder / "report.md").stat().st_size > 0
    assert list((tmp_path / "ro" / "archadvisor" / "templates").iterdir()) == []


def test_the_command_leaves_early_but_flushes_everything_it_printed(tmp_path):
    """`python -m archadvisor` skips the interpreter's teardown (os._exit): buffered output must still arrive."""
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run([sys.executable, "-m", "archadvisor", "design", str(RICH), "-o", str(tmp_path)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    listed = done.stdout.splitlines()
    assert listed[0] == f"wrote {tmp_path / load(RICH).name}/"
    assert [line.strip() for line in listed[1:]] == sorted(p.name for p in (tmp_path / load(RICH).name).iterdir())
    rules = subprocess.run([sys.executable, "-m", "archadvisor", "rules"], capture_output=True, text=True,
                           env=env, cwd=ROOT, timeout=120)
    from archadvisor.rules import concerns
    assert rules.returncode == 0 and len(rules.stdout.splitlines()) == sum(len(c.rules) for c in concerns())
    invalid = tmp_path / "bad.yaml"
    invalid.write_text("name: x\nrtoo: 1\n")
    bad = subprocess.run([sys.executable, "-m", "archadvisor", "validate", str(invalid)], capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=120)
    assert bad.returncode == 2 and "nothing was written" in bad.stderr


def test_design_turns_the_cyclic_collector_back_on(tmp_path, capsys):
    import gc

    assert main(["design", str(RICH), "-o", str(tmp_path), "--no-diagram"]) == 0
    assert gc.isenabled()
    assert main(["design", str(tmp_path / "missing.yaml")]) != 0
    assert gc.isenabled()


def test_evidence_values_read_as_the_requirements_do(tmp_path):
    """A boolean the engine read shows as yes/no in both reports, never as Python's True/False."""
    workload = load(ROOT / "blueprints" / "media-streaming.yaml")
    folder = write_design(workload, design_document(workload), tmp_path, formats=())
    for report in ("report.md", "report.html"):
        text = (folder / report).read_text()
        assert "compute.gpu" in text
        assert not re.search(r"\b(True|False)\b", text), report


def test_graphviz_starts_before_the_checks_the_costs_and_the_reports_are_imported():
    """design starts Graphviz (on_built) as soon as the components are known; whatever comes after it
    (the invariants, the cost estimate, the templates, Jinja2) must not be imported before, or every design
    waits for it (the rule modules register pricers and template handlers without importing them)."""
    import subprocess
    import sys

    code = ("import sys; from archadvisor.workload import load; from archadvisor.pipeline import design_document; "
            "seen = []; design_document(load(sys.argv[1]), on_built=lambda doc: seen.extend(sys.modules)); "
            "print(' '.join(seen))")
    done = subprocess.run([sys.executable, "-c", code, str(ROOT / "blueprints" / "three-tier-web.yaml")],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    imported = set(done.stdout.split())
    assert "archadvisor.architecture.model" in imported  # the hook ran
    late = {"archadvisor.check", "archadvisor.cost.model", "archadvisor.cost.prices", "archadvisor.cost.context",
            "archadvisor.cloudformation.generator", "archadvisor.render.report", "jinja2", "difflib"}
    assert not late & imported
