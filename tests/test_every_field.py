"""A workload that gives every field of the format, each with its documented example, goes through
the whole pipeline: whatever a rule reads (a quantity, a list, a whole section) reaches the JSON."""
from __future__ import annotations

import json

import pytest
import yaml

from archadvisor import cli
from archadvisor.engine.context import display, show
from archadvisor.workload import load
from archadvisor.pipeline import design_document
from archadvisor.workload.schema import COMPUTE_FIELDS, SECTION, SECTION_LIST, WORKLOAD, Field


def _example(field, kind: str | None = None):
    """The field's example; a section with every field it has (for a data store, those of ``kind``)."""
    if field.kind == SECTION:
        return {key: _example(child, kind) for key, child in field.fields.items()
                if not child.applies_to or kind in child.applies_to}
    if field.kind == SECTION_LIST:
        item = field.fields
        kinds = item["kind"].choices if "kind" in item else (None,)
        return [dict(_example(Field(SECTION, "", fields=item), kind), name=f"item-{n}",
                     **({"kind": kind} if kind else {}))
                for n, kind in enumerate(kinds)]
    return field.example


def _full_workload() -> dict:
    workload = _example(WORKLOAD)
    workload["name"] = "everything"
    for tier in workload["compute"]["tiers"]:  # a tier uses stores the workload names
        tier["uses"] = [workload["data"][0]["name"]]
    return workload


@pytest.fixture(scope="module")
def everything(tmp_path_factory):
    path = tmp_path_factory.mktemp("full") / "everything.yaml"
    path.write_text(yaml.safe_dump(_full_workload(), sort_keys=False))
    return path


def test_every_field_given_decides_and_serialises(everything):
    doc = design_document(load(everything))
    text = json.dumps(doc)  # every value read is JSON-ready
    assert doc["decisions"] and "Bandwidth" not in text and "Duration" not in text


def test_every_field_given_designs_on_the_command_line(everything, tmp_path, capsys):
    assert cli.main(["design", str(everything), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["workload"] == "everything"
    assert cli.main(["design", str(everything), "-o", str(tmp_path)]) == 0  # drawn and reported too
    assert {p.name for p in (tmp_path / "everything").iterdir()} >= {
        "decisions.json", "diagram.png", "diagram.svg", "diagram.dot", "report.md", "report.html"}


def test_a_whole_section_read_as_evidence_is_shown_field_by_field():
    from archadvisor.workload.units import Bandwidth
    link = {"type": "vpn", "bandwidth": Bandwidth.parse("500 Mbps")}
    assert display(link) == {"type": "vpn", "bandwidth": "500 Mbps"}
    assert show(link) == "{type: vpn, bandwidth: 500 Mbps}"


def _leaf_paths(field, prefix=""):
    """Every field of the format as a dotted path (list items' fields under their list's name)."""
    if field.kind in (SECTION, SECTION_LIST):
        for key, child in field.fields.items():
            yield from _leaf_paths(child, f"{prefix}.{key}" if prefix else key)
    else:
        yield prefix


def _given_paths(data, prefix=""):
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}.{key}" if prefix else key
            yield path
            yield from _given_paths(value, path)
    elif isinstance(data, list):
        for item in data:
            yield from _given_paths(item, prefix)


def test_every_field_is_used_by_a_blueprint_scenario_or_evaluation_case():
    """A field no worked case states is a field nobody has seen decide anything: every field of the format
    appears in a blueprint, a scenario (tests/scenarios) or an evaluation case (tests/evaluation), which the
    suite designs and whose decisions it checks."""
    from conftest import ROOT

    files = [*(ROOT / "blueprints").glob("*.yaml"), *(ROOT / "tests" / "scenarios").rglob("*.yaml"),
             *(ROOT / "tests" / "evaluation").glob("*.yaml")]
    given: set[str] = set()
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        given.update(_given_paths(data.get("workload", data) if isinstance(data, dict) else {}))
    # A tier's compute fields are the compute section's, read the same way (see test_compute_tiers.py, which
    # moves each of them into a tier): used when the section's field is used and a case lists tiers.
    inherited = {f"compute.tiers.{key}" for key in COMPUTE_FIELDS if f"compute.{key}" in given}
    unused = sorted(set(_leaf_paths(WORKLOAD)) - given - (inherited if "compute.tiers.name" in given else set()))
    assert not unused, f"fields no blueprint, scenario or evaluation case uses: {unused}"
