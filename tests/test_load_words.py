"""The fields that describe a store's load in words (data[].load_shape, data[].repeated_reads): loaded, checked
like every other field (did-you-mean, allowed values, kinds they apply to), in the JSON Schema, and read by the
read-scaling and cache concerns."""
from __future__ import annotations

import pytest

from archadvisor.workload import WorkloadError, parse_text
from archadvisor.workload.jsonschema import workload_schema
from conftest import advise, decision

STORE = "name: shop\ndata:\n  - name: catalogue\n    kind: {kind}\n    {field}\n"


def _problem(text: str):
    with pytest.raises(WorkloadError) as info:
        parse_text(text, "w.yaml")
    [problem] = info.value.problems
    return problem


def test_load_shape_and_repeated_reads_load():
    workload = parse_text(STORE.format(kind="relational", field="load_shape: read-heavy\n    repeated_reads: true"))
    assert workload.values["data"][0]["load_shape"] == "read-heavy"
    assert workload.values["data"][0]["repeated_reads"] is True


def test_a_misspelled_load_shape_gets_did_you_mean():
    problem = _problem(STORE.format(kind="relational", field="load_shap: read-heavy"))
    assert (problem.line, problem.path) == (5, "data[0].load_shap")
    assert "did you mean 'load_shape'?" in problem.hint


def test_a_load_shape_outside_its_values_lists_them():
    problem = _problem(STORE.format(kind="relational", field="load_shape: read-mostly"))
    assert "read-heavy" in problem.hint and "write-heavy" in problem.hint and "balanced" in problem.hint


def test_repeated_reads_does_not_apply_to_an_object_store():
    problem = _problem(STORE.format(kind="object", field="repeated_reads: true"))
    assert "does not apply to an object store" in problem.message


def test_the_json_schema_has_both_fields():
    store = workload_schema()["properties"]["data"]["items"]["properties"]
    assert store["load_shape"]["enum"] == ["read-heavy", "write-heavy", "balanced"]
    assert store["repeated_reads"]["type"] == "boolean"


@pytest.mark.parametrize("shape, raised", [("read-heavy", True), ("balanced", False), ("write-heavy", False)])
def test_only_a_read_heavy_relational_store_raises_read_scaling(shape, raised):
    doc = advise({"data": [{"name": "catalogue", "kind": "relational", "engine": "mysql", "load_shape": shape}]})
    found = {(d["concern"], d["subject"]) for d in doc["decisions"]}
    assert (("read-scaling", "catalogue") in found) is raised


def test_reads_said_never_to_lag_raise_no_replicas_even_when_read_heavy():
    doc = advise({"data": [{"name": "catalogue", "kind": "relational", "engine": "mysql", "load_shape": "read-heavy",
                            "stale_reads_ok": False}]})
    assert not [d for d in doc["decisions"] if d["concern"] == "read-scaling"]


def test_repeated_reads_raise_a_cache_at_millisecond_latency():
    doc = advise({"data": [{"name": "catalogue", "kind": "relational", "engine": "mysql", "latency": "milliseconds",
                            "repeated_reads": True}]})
    assert decision(doc, "cache", "catalogue")["choice"] == "elasticache-redis"


@pytest.mark.parametrize("reads, raised", [("5000/s", True), ("4999/s", False), ("20k/s", True)])
def test_reads_five_times_the_writes_make_a_store_read_heavy(reads, raised):
    doc = advise({"data": [{"name": "orders", "kind": "relational", "engine": "mysql", "reads": reads,
                            "writes": "1000/s"}]})
    found = [d for d in doc["decisions"] if d["concern"] == "read-scaling"]
    assert bool(found) is raised
    if raised:
        assert "read-scaling.replica-lag-assumed" in {w["rule"] for w in found[0]["warnings"]}
