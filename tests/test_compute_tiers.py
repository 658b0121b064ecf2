"""Compute tiers (compute.tiers): several parts of one system that run differently, each decided, drawn,
templated and priced on its own, reading the compute section's fields it does not give."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from archadvisor.architecture.model import Architecture
from archadvisor.pipeline import design_document
from archadvisor.workload import WorkloadError, parse_text
from conftest import ROOT, advise, decision, workload_from

TIER_CONCERNS = ("compute", "ec2-purchasing", "placement-group", "hpc-networking")


def _workloads_with_compute() -> list[tuple[str, dict]]:
    """Every blueprint, scenario and evaluation workload that has a compute section (and no tiers)."""
    found = []
    files = [*(ROOT / "blueprints").glob("*.yaml"), *(ROOT / "tests" / "scenarios").rglob("*.yaml"),
             *(ROOT / "tests" / "evaluation").glob("*.yaml")]
    for path in sorted(files):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        workload = data.get("workload", data)
        compute = workload.get("compute")
        if isinstance(compute, dict) and compute and "tiers" not in compute:
            found.append((path.stem, workload))
    return found


def _choices(doc: dict, rename: dict | None = None) -> set[tuple[str, str | None, str]]:
    rename = rename or {}
    return {(d["concern"], rename.get((d["concern"], d["subject"]), d["subject"]), d["choice"])
            for d in doc["decisions"]}


@pytest.mark.parametrize("name, workload", _workloads_with_compute(), ids=lambda v: v if isinstance(v, str) else "")
def test_one_tier_holding_the_whole_compute_section_decides_as_the_section_did(name, workload):
    """A tier reads its fields where the section's rules read them: the same workload with its compute
    section moved into a single tier gets the same decisions, the compute concerns now for the tier."""
    tiered = copy.deepcopy(workload)
    tiered["compute"] = {"tiers": [{"name": "app", **workload["compute"]}]}
    before, after = advise(workload), advise(tiered)
    rename = {(concern, "app"): None for concern in TIER_CONCERNS}
    assert _choices(after, rename) == _choices(before)
    assert {d["subject"] for d in after["decisions"] if d["concern"] in TIER_CONCERNS} <= {"app"}


def _hpc() -> dict:
    return {"name": "hpc", "compute": {"style": "vms", "commitment": "none", "tiers": [
        {"name": "head-node", "pattern": "steady", "uses": ["workspace"]},
        {"name": "solver", "hpc": True, "pattern": "interruptible", "uses": ["workspace"]}]},
        "data": [{"name": "workspace", "kind": "file", "protocol": "lustre"}]}


def test_each_tier_is_decided_with_its_own_fields_and_the_section_s():
    doc = advise(_hpc())
    assert decision(doc, "ec2-purchasing", "head-node")["choice"] == "on-demand"
    assert decision(doc, "ec2-purchasing", "solver")["choice"] == "spot"
    assert decision(doc, "placement-group", "solver")["choice"] == "cluster"
    assert not [d for d in doc["decisions"] if d["concern"] == "placement-group" and d["subject"] == "head-node"]
    assert not [d for d in doc["decisions"] if d["subject"] is None and d["concern"] in TIER_CONCERNS]


def test_the_evidence_names_where_each_value_came_from():
    doc = advise(_hpc())
    head = decision(doc, "ec2-purchasing", "head-node")
    fields = {read["field"]: read["value"] for read in head["because"]}
    assert fields["compute.tiers[head-node].pattern"] == "steady"   # the tier's own value
    assert fields["compute.commitment"] == "none"                   # the section's, which the tier takes
    placement = decision(doc, "placement-group", "solver")
    assert "compute.tiers[solver].hpc" in {read["field"] for read in placement["because"]}
    assert "decision.compute[solver]" in {read["field"] for read in decision(doc, "hpc-networking", "solver")["raised_by"]}


def test_a_tier_s_own_value_wins_over_the_section_s():
    workload = {"name": "t", "compute": {"style": "serverless", "tiers": [
        {"name": "api"}, {"name": "render", "style": "vms", "gpu": True}]}}
    doc = advise(workload)
    assert decision(doc, "compute", "api")["choice"] == "lambda"
    assert decision(doc, "compute", "render")["choice"] == "ec2-auto-scaling"


def test_by_default_only_the_first_tier_serves_clients_and_that_is_an_assumption():
    doc = advise({"name": "t", "entry": {"protocol": "http"}, "compute": {"tiers": [
        {"name": "web", "style": "serverless"}, {"name": "batch", "style": "vms", "pattern": "interruptible"}]}})
    assumed = {a["field"]: a["value"] for a in doc["assumptions"]}
    assert assumed["compute.tiers[web].serves_clients"] is True
    assert assumed["compute.tiers[batch].serves_clients"] is False
    # The front door is chosen for the tier clients call (functions): API Gateway, no load balancer, although
    # the batch tier runs on instances.
    assert decision(doc, "api")["choice"] == "api-gateway"
    assert not [d for d in doc["decisions"] if d["concern"] == "load-balancer"]


def test_a_load_balancer_when_a_tier_clients_call_runs_on_servers():
    doc = advise({"name": "t", "entry": {"protocol": "http"}, "compute": {"tiers": [
        {"name": "web", "style": "containers"}, {"name": "jobs", "style": "serverless", "serves_clients": False}]}})
    assert decision(doc, "load-balancer")["choice"] == "alb"
    raised = {read["field"] for read in decision(doc, "load-balancer")["raised_by"]}
    assert "decision.compute[web]" in raised and "decision.compute[jobs]" not in raised


def test_a_channel_s_consumers_are_the_tiers_that_use_it():
    """SNS cannot push to servers in private subnets: a tier on Fargate that uses the channel rules it out, even
    though the tier clients call runs as functions; a channel only function tiers use keeps it."""
    def channel_for(worker_style: str) -> dict:
        return advise({"name": "t", "compute": {"tiers": [
            {"name": "api", "style": "serverless", "uses": ["orders", "events"]},
            {"name": "worker", "style": worker_style, "uses": ["events"]}]},
            "data": [{"name": "orders", "kind": "key-value"}],
            "messaging": [{"name": "events", "purpose": "notify", "consumers": 1}]})
    on_servers = decision(channel_for("containers"), "messaging", "events")
    assert on_servers["choice"] != "sns"
    assert "sns" in {a["choice"] for a in on_servers["alternatives"] if a["how"] == "eliminated"}
    assert "decision.compute[worker]" in {read["field"] for verdict in on_servers["trace"]
                                          for read in verdict["evidence"]}
    assert decision(channel_for("serverless"), "messaging", "events")["choice"] == "sns"


# -- the loader ---------------------------------------------------------------------------------------
def _problems(text: str) -> list[str]:
    with pytest.raises(WorkloadError) as caught:
        parse_text(text, "w.yaml")
    return [str(p) for p in caught.value.problems]


def test_a_tier_using_an_unknown_store_is_refused_where_it_is_named():
    problems = _problems("name: x\ndata: [{name: scratch, kind: file}]\ncompute:\n  tiers:\n"
                         "    - name: a\n      uses: [scratch, scrach]\n")
    assert problems == ["w.yaml:6:23: compute.tiers[0].uses[1]: 'scrach' is no data store or channel of this "
                        "workload\n    did you mean 'scratch'? valid: scratch"]


def test_tier_fields_are_checked_like_the_section_s():
    problems = _problems("name: x\ncompute:\n  tiers:\n    - name: a\n      stlye: vms\n    - name: A\n"
                         "      pattern: sometimes\n")
    assert any("compute.tiers[0].stlye: unknown field" in p and "did you mean 'style'" in p for p in problems)
    assert any("compute.tiers[1].name: name 'A' is already used" in p for p in problems)
    assert any("compute.tiers[1].pattern: 'sometimes' is not one of the allowed values" in p for p in problems)


# -- the drawing, the template, the cost --------------------------------------------------------------
@pytest.fixture(scope="module")
def tagging():
    path = ROOT / "blueprints" / "image-tagging-service.yaml"
    from archadvisor.workload import load

    doc = design_document(load(path))
    return doc, Architecture.from_dict(doc["workload"], doc)


def _tier_nodes(arch: Architecture, tier: str) -> list[str]:
    return [c.id for c in arch.components if c.decision == f"compute:{tier}"]


def test_each_tier_is_drawn_in_every_az_and_reaches_only_what_it_uses(tagging):
    doc, arch = tagging
    for tier in ("web-api", "gpu-workers", "retraining"):
        nodes = _tier_nodes(arch, tier)
        assert len(nodes) == 2 and len({arch.component(n).az for n in nodes}) == 2, tier
    reached = {arch.component(l.target).decision for n in _tier_nodes(arch, "retraining")
               for l in arch.links_from(n)}
    endpoints = {c.id for c in arch.components if c.role == "endpoint"}
    # retraining uses the photos only: through the S3 endpoint, never the tags table's or the queue's
    targets = {l.target for n in _tier_nodes(arch, "retraining") for l in arch.links_from(n)}
    assert targets <= endpoints | {c.id for c in arch.components if c.decision == "object-storage:photos"}
    assert "private-service-access:dynamodb" not in reached and "private-service-access:sqs" not in reached
    assert doc["checks"]["violations"] == []


def test_the_load_balancer_sends_requests_to_the_tier_clients_call_only(tagging):
    _, arch = tagging
    balancer = next(c.id for c in arch.components if c.service == "alb")
    targets = {arch.component(l.target).decision for l in arch.links_from(balancer)}
    assert targets == {"compute:web-api"}


def test_the_queue_s_consumers_are_the_tier_that_uses_it_and_is_not_called_by_clients(tagging):
    _, arch = tagging
    assert not [c for c in arch.components if c.role == "consumer"]  # no invented consumer application
    labels = {c.label for c in arch.components if c.decision == "compute:gpu-workers"}
    assert all("Standard Reserved Instances" in label for label in labels)  # the tier's own purchasing


def test_a_tier_that_reaches_nothing_is_called_by_the_tier_clients_call():
    doc = design_document(workload_from({"name": "t", "entry": {"protocol": "http"}, "compute": {"tiers": [
        {"name": "web", "style": "vms"}, {"name": "solver", "style": "vms", "hpc": True}]}}))
    arch = Architecture.from_dict(doc["workload"], doc)
    solver = _tier_nodes(arch, "solver")
    assert len(solver) == 1  # a cluster placement group keeps the tier in one AZ
    callers = {arch.component(l.source).decision for l in arch.links_to(solver[0])}
    assert callers == {"compute:web"}
    assert doc["checks"]["violations"] == []


def test_each_tier_is_templated_with_its_own_purchasing(tmp_path):
    from archadvisor import cli

    assert cli.main(["design", str(ROOT / "blueprints" / "image-tagging-service.yaml"), "-o", str(tmp_path)]) == 0
    template = yaml.safe_load((tmp_path / "image-tagging-service" / "template.yaml").read_text()
                              .replace("!", "_"))  # tags aside: only the structure is read
    resources = template["Resources"]
    retraining = resources["ComputeRetrainingInstances"]["Properties"]
    assert retraining["MixedInstancesPolicy"]["InstancesDistribution"]["OnDemandPercentageAboveBaseCapacity"] == 0
    assert "LaunchTemplate" in resources["ComputeGpuWorkersInstances"]["Properties"]
    assert resources["ComputeWebApiService"]["Properties"]["LaunchType"] == "FARGATE"
    report = (tmp_path / "image-tagging-service" / "report.md").read_text()
    assert "reserved\\-standard capacity for the gpu\\-workers tier" in report


def test_each_tier_is_priced_with_its_own_purchasing(tagging):
    doc, _ = tagging
    compute = {c["decision"]: c for c in doc["cost"]["components"] if str(c["decision"]).startswith("compute:")}
    gpu_price = compute["compute:gpu-workers"]["lines"][0]["unit_price"]
    spot_price = compute["compute:retraining"]["lines"][0]["unit_price"]
    assert "reserved-standard (1y)" in compute["compute:gpu-workers"]["lines"][0]["note"]
    assert "spot" in compute["compute:retraining"]["lines"][0]["note"]
    assert spot_price < gpu_price
    assert compute["compute:web-api"]["service"] == "fargate"


def test_the_tier_fields_are_documented_in_the_repository():
    text = (ROOT / "docs" / "workload.md").read_text()
    assert "### `compute.tiers`" in text and "`serves_clients`" in text and "`uses`" in text
    assert Path(ROOT / "blueprints" / "image-tagging-service.yaml").exists()


def test_microservices_each_get_their_own_compute_and_integration():
    """Three services clients call through one REST API: the functions that only use DynamoDB stay outside
    the VPC and are API Gateway's own integrations; the Fargate service is the load balancer's target; the
    channel both the order and payment services use runs from the first listed to the second."""
    from archadvisor.workload import load

    doc = design_document(load(ROOT / "tests" / "designs" / "tiers-microservices.yaml"))
    arch = Architecture.from_dict(doc["workload"], doc)
    assert {d["subject"]: d["choice"] for d in doc["decisions"] if d["concern"] == "compute"} == {
        "catalogue": "lambda", "orders": "lambda", "payments": "fargate"}
    api = next(c.id for c in arch.components if c.service == "api-gateway")
    balancer = next(c.id for c in arch.components if c.service == "alb")
    assert {arch.component(l.target).decision for l in arch.links_from(api)} >= {"compute:catalogue",
                                                                                  "compute:orders"}
    assert {arch.component(l.target).decision for l in arch.links_from(balancer)} == {"compute:payments"}
    for tier in ("catalogue", "orders"):
        (node,) = _tier_nodes(arch, tier)
        assert arch.component(node).az is None and not any(
            g.kind == "vpc" for g in arch.ancestors(arch.component(node).group))
    queue = next(c.id for c in arch.components if c.decision == "messaging:order-events")
    senders = {arch.component(l.source).decision for l in arch.links_to(queue)}
    assert "compute:orders" in senders
    assert not [c for c in arch.components if c.role == "consumer"]
    assert doc["checks"]["violations"] == []


def test_the_report_s_summary_names_each_tier_and_what_it_runs_on(tagging):
    from archadvisor.render.review import shape

    doc, _ = tagging
    assert shape(doc).endswith("with 3 compute tiers (web-api on AWS Fargate; gpu-workers on Amazon ECS on EC2; "
                               "retraining on Amazon ECS on EC2)")
    assert "compute tiers" not in shape(advise({"name": "one", "compute": {"style": "vms"}}))


def test_the_one_reading_of_a_tier_the_stages_share():
    from archadvisor.workload import tiers

    values = {"compute": {"commitment": "1y", "tiers": [
        {"name": "web", "uses": ["orders"]}, {"name": "jobs", "commitment": "none"},
        {"name": "admin", "serves_clients": True}]}}
    assert [t["name"] for t in tiers.tiers(values)] == ["web", "jobs", "admin"] and tiers.tiers({}) == []
    assert tiers.tier_value(values, "web", "commitment") == "1y"      # the section's
    assert tiers.tier_value(values, "jobs", "commitment") == "none"   # its own
    assert [tiers.serves_clients(values, name) for name in ("web", "jobs", "admin", "absent")] == [
        True, False, True, False]
    assert tiers.uses(values, "web", "orders") and not tiers.uses(values, "web", "carts")
    assert tiers.uses(values, "jobs", "carts")  # names none: uses everything
