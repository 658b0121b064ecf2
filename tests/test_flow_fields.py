"""Kafka, message sizes, people as consumers, stream processing and Savings Plans: the fields load (and bad values
are refused with file:line:col and a hint), and the decisions they lead to are drawn, templated and priced."""
from __future__ import annotations

import subprocess
import sys

import pytest

from archadvisor.cloudformation import generate
from archadvisor.pipeline import design_document, resolved
from conftest import advise, decision, one, workload_from

KAFKA = {"name": "kafka-lift", "compute": {"style": "containers"},
         "messaging": [{"name": "order-events", "existing_protocol": "kafka", "consumers": 2, "stream_processing": True,
                        "message_size": "2 MiB"},
                       {"name": "alerts", "endpoints": ["email", "sms"]}]}
BASELINE = {"name": "web-fleet", "compute": {"style": "vms", "pattern": "spiky", "baseline": "40%", "bursts": "spot",
                                             "commitment": "1y"}}


def _design(data: dict) -> tuple[dict, dict]:
    """The decisions document (drawing and cost included) and the CloudFormation templates' resources."""
    workload = workload_from(data)
    doc = design_document(workload)
    resources = {name: resource for template in generate(doc, resolved(workload, doc)).templates.values()
                 for name, resource in template["Resources"].items()}
    return doc, resources


def _lines(doc: dict) -> list[dict]:
    return [line for component in doc["cost"]["components"] for line in component["lines"]]


# ------------------------------------------------------------------------------------------------ loader
def test_the_new_channel_fields_load():
    workload = workload_from(KAFKA)
    first, second = workload.values["messaging"]
    assert first["existing_protocol"] == "kafka" and first["stream_processing"] is True
    assert first["message_size"].bytes == 2 * 1024 ** 2
    assert second["endpoints"] == ["email", "sms"]


def test_the_new_compute_fields_load():
    compute = workload_from({"name": "w", "compute": {"baseline": "40%", "may_change_region": True,
                                                      "may_change_service": False, "capacity_reservation": True,
                                                      "bursts": "spot"}}).values["compute"]
    assert compute["baseline"].base == 40 and compute["bursts"] == "spot"
    assert compute["may_change_region"] is True and compute["capacity_reservation"] is True


def test_a_misspelled_endpoint_gets_did_you_mean_with_its_position():
    problem = one("name: w\nmessaging:\n  - name: alerts\n    endpoints: [email, smss]\n")
    assert (problem.line, problem.column, problem.path) == (4, 24, "messaging[0].endpoints[1]")
    assert "did you mean 'sms'?" in problem.hint


def test_a_message_size_that_is_not_a_size_is_refused():
    problem = one("name: w\nmessaging:\n  - name: q\n    message_size: big\n")
    assert (problem.line, problem.column, problem.path) == (4, 19, "messaging[0].message_size")
    assert "not a size" in problem.message


def test_a_baseline_over_a_hundred_percent_is_refused():
    problem = one("name: w\ncompute:\n  baseline: 140%\n")
    assert (problem.line, problem.path) == (3, "compute.baseline") and "over 100%" in problem.message


def test_bad_new_fields_exit_with_status_two_and_no_traceback(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text("name: w\ncompute:\n  bursts: sometimes\n")
    run = subprocess.run([sys.executable, "-m", "archadvisor", "validate", str(path)], capture_output=True, text=True)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "w.yaml:3:" in run.stderr + run.stdout and "compute.bursts" in run.stderr + run.stdout


# ------------------------------------------------------------------------------------------------ decisions
def test_kafka_clients_get_msk_and_people_get_sns():
    doc = advise(KAFKA)
    assert decision(doc, "messaging", "order-events")["choice"] == "msk"
    assert decision(doc, "messaging", "alerts")["choice"] == "sns"
    assert decision(doc, "stream-processing", "order-events")["choice"] == "managed-flink"


def test_a_baseline_is_committed_and_the_bursts_are_not():
    found = decision(advise(BASELINE), "ec2-purchasing")
    assert found["choice"] == "ec2-instance-savings-plans"
    assert {"ec2-purchasing.bursts-on-spot", "ec2-purchasing.commit-to-the-baseline-only"} <= \
        {w["rule"] for w in found["warnings"]}


def test_functions_with_a_baseline_get_a_compute_savings_plan():
    doc = advise({"name": "w", "compute": {"style": "serverless", "baseline": "20%", "commitment": "1y"}})
    assert decision(doc, "ec2-purchasing")["choice"] == "compute-savings-plans"
    # a term committed to is steady use over it (compute.commitment): a Compute Savings Plan covers functions too
    committed = advise({"name": "w", "compute": {"style": "serverless", "commitment": "1y"}})
    assert decision(committed, "ec2-purchasing")["choice"] == "compute-savings-plans"
    # no term, no baseline and no move between services: nothing to commit, the concern is not raised
    quiet = advise({"name": "w", "compute": {"style": "serverless"}})
    assert not [d for d in quiet["decisions"] if d["concern"] == "ec2-purchasing"]


# ------------------------------------------------------------------------------------------------ outputs
def test_the_cluster_sits_in_the_vpc_and_people_outside_it():
    doc, _ = _design(KAFKA)
    components = {c["id"]: c for c in doc["components"]}
    assert components["kafka-order-events"]["service"] == "msk"
    assert components["kafka-order-events"]["group"] == "vpc-1"
    assert components["kafka-order-events"]["spans"] == ["subnet-data-1a", "subnet-data-1b"]
    people = components["people-alerts"]
    assert people["service"] == "users" and "email / SMS" in people["label"] and people["group"] == "internet"
    assert any(link["source"] == "processor-order-events" and link["target"] == "kafka-order-events"
               for link in doc["links"])


def test_templates_hold_the_cluster_the_flink_application_and_the_spot_bursts():
    _, resources = _design(KAFKA)
    types = {r["Type"] for r in resources.values()}
    assert {"AWS::MSK::ServerlessCluster", "AWS::KinesisAnalyticsV2::Application"} <= types
    _, resources = _design(BASELINE)
    groups = [r for r in resources.values() if r["Type"] == "AWS::AutoScaling::AutoScalingGroup"]
    distribution = groups[0]["Properties"]["MixedInstancesPolicy"]["InstancesDistribution"]
    assert distribution["OnDemandPercentageAboveBaseCapacity"] == 0 and distribution["OnDemandBaseCapacity"] >= 1


def test_messages_above_eight_mebibytes_get_provisioned_brokers():
    big = dict(KAFKA, messaging=[dict(KAFKA["messaging"][0], message_size="12 MiB")])
    _, resources = _design(big)
    [configuration] = [r for r in resources.values() if r["Type"] == "AWS::MSK::Configuration"]
    assert f"message.max.bytes={12 * 1024 ** 2 + 1024}" in configuration["Properties"]["ServerProperties"]
    assert "AWS::MSK::Cluster" in {r["Type"] for r in resources.values()}


@pytest.mark.parametrize("key", ["msk-serverless-cluster-hour", "managed-flink-kpu-hour"])
def test_the_new_services_are_priced(key):
    doc, _ = _design(KAFKA)
    assert any(line["price"] == key and line["monthly"] > 0 for line in _lines(doc))


def test_a_savings_plan_discounts_the_fleet():
    committed, _ = _design(BASELINE)
    on_demand, _ = _design(dict(BASELINE, compute=dict(BASELINE["compute"], commitment="none")))
    assert committed["cost"]["monthly_total"] < on_demand["cost"]["monthly_total"]


TRANSCODE = {"name": "vod", "compute": {"style": "serverless"},
             "data": [{"name": "masters", "kind": "object", "transcode": True}]}


def test_transcode_is_an_object_store_field():
    assert workload_from(TRANSCODE).values["data"][0]["transcode"] is True
    problem = one("name: w\ndata:\n  - name: orders\n    kind: relational\n    transcode: true\n")
    assert (problem.line, problem.path) == (5, "data[0].transcode") and "object" in problem.message + problem.hint


def test_transcoding_is_drawn_templated_and_priced():
    doc, resources = _design(TRANSCODE)
    assert decision(doc, "video-transcoding", "masters")["choice"] == "mediaconvert"
    node = next(c for c in doc["components"] if c["service"] == "mediaconvert")
    assert any(link["source"] == node["id"] and link["label"] == "read video files" for link in doc["links"])
    assert "AWS::MediaConvert::Queue" in {r["Type"] for r in resources.values()}
    assert any(line["price"] == "mediaconvert-hd-minute" and line["monthly"] > 0 for line in _lines(doc))


def test_a_channel_scope_loads_and_a_bad_one_is_refused():
    loaded = workload_from({"name": "w", "messaging": [{"name": "bus", "scope": "multi-region"}]})
    assert loaded.values["messaging"][0]["scope"] == "multi-region"
    problem = one("name: w\nmessaging:\n  - name: bus\n    scope: multi-regoin\n")
    assert (problem.line, problem.path) == (4, "messaging[0].scope") and "did you mean 'multi-region'?" in problem.hint


def test_a_queue_for_messages_above_the_default_size_raises_its_maximum():
    jobs = {"name": "w", "compute": {"style": "containers"},
            "messaging": [{"name": "jobs", "purpose": "decouple", "message_size": "600 KiB"}]}
    _, resources = _design(jobs)
    queues = [r["Properties"] for r in resources.values() if r["Type"] == "AWS::SQS::Queue"]
    assert queues and all(q["MaximumMessageSize"] == 1024 * 1024 for q in queues)
    _, resources = _design(dict(jobs, messaging=[{"name": "jobs", "purpose": "decouple"}]))
    assert all("MaximumMessageSize" not in r["Properties"]
               for r in resources.values() if r["Type"] == "AWS::SQS::Queue")
