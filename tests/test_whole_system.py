"""Whole-system reasoning: which concerns a workload raises, and the assumptions that say why.

- ``entry.protocol: none``: nothing calls in, so no front door is invented;
- the application tier is decided whenever clients call or change events need handling;
- internal users over a hybrid link get no internet edge and an internal load balancer;
- the recovery region is named (``availability.dr_region``) and validated.
"""
from __future__ import annotations

import json

import pytest

from archadvisor.pipeline import resolved
from archadvisor.workload import WorkloadError, parse_text
from archadvisor.workload.jsonschema import workload_schema
from conftest import advise, decision, workload_from

FRONT_DOOR = {"load-balancer", "api", "edge", "web-protection", "dns-routing", "private-content",
              "end-user-identity"}


def concerns_of(doc: dict) -> set[str]:
    return {d["concern"] for d in doc["decisions"]}


def assumption(doc: dict, field: str) -> dict:
    found = [a for a in doc["assumptions"] if a["field"] == field]
    assert found, f"no assumption for {field}: {[a['field'] for a in doc['assumptions']]}"
    return found[0]


# -- nothing calls in -------------------------------------------------------------------------------

DEVICES_TO_A_STREAM = {
    "users": {"audience": "public", "geography": "global", "clients": ["iot-device"], "sign_in": "app-users"},
    "entry": {"protocol": "none"},
    "availability": {"scope": "multi-region", "rto": "1h"},
    "compute": {"pattern": "event-driven", "max_duration": "10s"},
    "messaging": [{"name": "telemetry", "rate": "20k/s", "purpose": "stream", "replay": True}],
}


def test_nothing_calling_in_raises_no_front_door_concern_whoever_the_users_are():
    doc = advise(DEVICES_TO_A_STREAM)
    assert not concerns_of(doc) & FRONT_DOOR, sorted(concerns_of(doc) & FRONT_DOOR)
    assert decision(doc, "compute")["choice"] == "lambda"  # the functions that consume the stream remain


def test_functions_that_only_consume_a_stream_get_no_api_gateway():
    doc = advise({"entry": {"protocol": "none"}, "compute": {"style": "serverless"},
                  "messaging": [{"name": "clicks", "purpose": "stream", "replay": True}]})
    assert "api" not in concerns_of(doc)
    called = advise({"users": {"audience": "public"}, "compute": {"style": "serverless"}})
    assert decision(called, "api")["choice"] == "api-gateway"  # the same functions, called by clients


def test_devices_that_call_aws_directly_still_get_an_identity_pool():
    doc = advise({"entry": {"protocol": "none"}, "users": {"sign_in": "app-users", "direct_aws_access": True}})
    assert "end-user-identity" in concerns_of(doc)
    assert "end-user-identity" not in concerns_of(
        advise({"entry": {"protocol": "none"}, "users": {"sign_in": "app-users"}}))


def test_the_protocol_read_is_the_evidence_that_no_front_door_was_raised():
    doc = advise({"entry": {"protocol": "none"}, "users": {"clients": ["iot-device"]},
                  "data": [{"name": "readings", "kind": "key-value", "change_events": True}]})
    compute = decision(doc, "compute")
    assert {"field": "entry.protocol", "value": "none", "test": "protocol = none", "holds": True} \
        in compute["raised_by"]


# -- the application tier ---------------------------------------------------------------------------

def test_clients_calling_a_system_without_compute_get_an_app_tier_and_a_load_balancer():
    doc = advise({"users": {"audience": "public", "peak_requests": "500/s"},
                  "data": [{"name": "orders", "kind": "relational"}]})
    assert decision(doc, "compute")["choice"] == "ec2-auto-scaling"
    assert decision(doc, "load-balancer")["choice"] == "alb"
    style = assumption(doc, "compute.style")
    assert style["value"] == "auto"
    assert "clients call the system, so it needs an application tier" in style["because"]


def test_the_assumed_app_tier_reaches_the_resolved_workload_the_builder_reads():
    workload = workload_from({"users": {"audience": "public"}})
    doc = advise({"users": {"audience": "public"}})
    assert resolved(workload, doc)["compute"]["style"] == "auto"


def test_change_events_without_clients_are_handled_by_event_driven_functions():
    doc = advise({"data": [{"name": "orders", "kind": "key-value", "change_events": True}]})
    assert decision(doc, "compute")["choice"] == "lambda"
    assert "react to every change" in assumption(doc, "compute.style")["because"]
    assert assumption(doc, "compute.pattern")["value"] == "event-driven"
    assert decision(doc, "change-events", "orders")["choice"] == "dynamodb-streams"


def test_no_clients_and_no_events_means_no_app_tier():
    doc = advise({"data": [{"name": "archive", "kind": "object", "access": "rare"}],
                  "hybrid": {"storage": {"protocol": "nfs"}}})
    assert "compute" not in concerns_of(doc)


def test_a_given_compute_section_is_not_an_assumption():
    doc = advise({"users": {"audience": "public"}, "compute": {"style": "containers"}})
    assert "compute.style" not in {a["field"] for a in doc["assumptions"]}


# -- internal users over the hybrid link ------------------------------------------------------------

INTERNAL = {"users": {"audience": "internal", "geography": "global", "clients": ["browser"]},
            "entry": {"static_content": True}, "hybrid": {"link": {"private": True, "bandwidth": "1 Gbps"}},
            "data": [{"name": "tickets", "kind": "relational"}]}


def test_internal_users_over_the_link_get_no_internet_edge_but_an_internal_load_balancer():
    doc = advise(INTERNAL)
    assert "edge" not in concerns_of(doc)
    lb = decision(doc, "load-balancer")
    assert "load-balancer.internal-scheme-over-the-link" in {w["rule"] for w in lb["warnings"]}


def test_internal_users_without_a_link_and_public_users_with_one_still_get_the_edge():
    without_link = {key: value for key, value in INTERNAL.items() if key != "hybrid"}
    assert decision(advise(without_link), "edge")["choice"] == "cloudfront"
    public = dict(INTERNAL, users={"audience": "public", "geography": "global"})
    assert decision(advise(public), "edge")["choice"] == "cloudfront"


# -- the recovery region ----------------------------------------------------------------------------

def test_the_recovery_region_defaults_to_the_pair_of_the_primary_and_is_an_assumption():
    doc = advise({"region": "eu-west-1", "availability": {"scope": "multi-region", "rto": "2h"}})
    dr_region = assumption(doc, "availability.dr_region")
    assert dr_region["value"] == "eu-central-1"
    assert "eu-west-1" in dr_region["because"]
    workload = workload_from({"region": "eu-west-1", "availability": {"scope": "multi-region", "rto": "2h"}})
    assert resolved(workload, doc)["availability"]["dr_region"] == "eu-central-1"


def test_a_given_recovery_region_is_used_and_not_assumed():
    doc = advise({"region": "eu-west-1", "availability": {"scope": "multi-region", "dr_region": "eu-north-1"}})
    assert "availability.dr_region" not in {a["field"] for a in doc["assumptions"]}
    reads = decision(doc, "dr-strategy")["raised_by"]
    assert {"field": "availability.dr_region", "value": "eu-north-1", "test": "read", "holds": True} in reads


def test_no_recovery_region_without_a_second_region():
    doc = advise({"region": "eu-west-1", "availability": {"scope": "multi-az"}, "users": {"audience": "public"}})
    assert "availability.dr_region" not in {a["field"] for a in doc["assumptions"]}


@pytest.mark.parametrize("text, given", [
    ("name: x\nregion: eu-west-1\navailability:\n  scope: multi-region\n  dr_region: eu-west-1\n", "region"),
    ("name: x\navailability:\n  dr_region: us-east-1\n", "region (its default)"),
])
def test_a_recovery_region_equal_to_the_primary_is_refused_with_its_position(text, given):
    with pytest.raises(WorkloadError) as error:
        parse_text(text, "w.yaml")
    problem = error.value.problems[0]
    assert (problem.path, problem.line) == ("availability.dr_region", text.count("\n", 0, text.index("dr_region")) + 1)
    assert f"also the primary {given}" in problem.message


def test_a_recovery_region_must_look_like_a_region_code():
    with pytest.raises(WorkloadError) as error:
        parse_text("name: x\navailability:\n  dr_region: Oregon\n", "w.yaml")
    assert error.value.problems[0].path == "availability.dr_region"


def test_the_json_schema_knows_the_new_fields():
    schema = json.loads(json.dumps(workload_schema()))
    properties = schema["properties"]
    assert "none" in properties["entry"]["properties"]["protocol"]["enum"]
    assert properties["availability"]["properties"]["dr_region"]["type"] == "string"


def test_a_front_door_asked_of_a_system_nothing_calls_is_refused_field_by_field():
    text = "name: x\nentry:\n  protocol: none\n  api: rest\n  static_content: false\n  threats: [ddos]\n"
    with pytest.raises(WorkloadError) as error:
        parse_text(text, "w.yaml")
    found = [(p.path, p.line) for p in error.value.problems]
    assert found == [("entry.api", 4), ("entry.threats", 6)]
    assert "nothing calls in" in error.value.problems[0].message
    parse_text("name: x\nentry:\n  protocol: none\n  api: none\n  static_ips: false\n", "w.yaml")


@pytest.mark.parametrize("extra", [
    {"hybrid": {"storage": {"protocol": "nfs"}, "link": {"bandwidth": "500 Mbps"}}},
    {"hybrid": {"link": {"private": True}}, "compute": {"hpc": True, "style": "vms"}},
])
def test_people_on_the_site_who_only_use_the_link_call_no_front_door(extra):
    doc = advise({"users": {"audience": "internal", "clients": ["on-premises"]}, **extra})
    assert not concerns_of(doc) & FRONT_DOOR
    if "compute" not in extra:
        assert "compute" not in concerns_of(doc)  # no application tier invented for a file share


def test_site_users_with_a_request_rate_do_call_in():
    doc = advise({"users": {"audience": "internal", "clients": ["on-premises"], "peak_requests": "50/s"},
                  "hybrid": {"link": {"private": True}}})
    assert decision(doc, "load-balancer")["choice"] == "alb"


def test_a_static_site_gets_the_edge_and_no_application_tier():
    site = {"users": {"audience": "public", "geography": "global", "peak_requests": "20k/s"},
            "entry": {"protocol": "http", "static_content": True},
            "data": [{"name": "pages", "kind": "object", "access": "frequent"}]}
    doc = advise(site)
    assert decision(doc, "edge")["choice"] == "cloudfront"
    assert not concerns_of(doc) & {"compute", "load-balancer"}
    with_orders = dict(site, data=site["data"] + [{"name": "orders", "kind": "relational"}])
    assert decision(advise(with_orders), "compute")["choice"] == "ec2-auto-scaling"  # something dynamic


def test_change_events_in_a_file_share_used_from_the_site_are_handled_by_functions():
    doc = advise({"users": {"audience": "internal", "clients": ["on-premises"]},
                  "hybrid": {"storage": {"protocol": "nfs"}},
                  "data": [{"name": "projects", "kind": "object", "change_events": True}]})
    assert decision(doc, "compute")["choice"] == "lambda"
    assert decision(doc, "change-events", "projects")["choice"] == "s3-event-notifications"


# -- paths the whole design needs ---------------------------------------------------------------------

def test_windows_shares_moved_to_fsx_get_a_link_for_the_site_to_reach_them():
    """FSx for Windows sits in the VPC: the site reaches it over a VPN or Direct Connect only."""
    shares = {"hybrid": {"storage": {"protocol": "smb"}},
              "data": [{"name": "shares", "kind": "file", "os": "windows", "protocol": "smb"}]}
    doc = advise(shares)
    assert decision(doc, "hybrid-storage")["choice"] == "fsx-windows"
    link = decision(doc, "hybrid-connectivity")
    assert link["choice"] == "site-to-site-vpn"
    assert any(r["field"] == "decision.hybrid-storage" and r["holds"] for r in link["raised_by"])
    gateway = advise({"hybrid": {"storage": {"protocol": "nfs"}}})
    assert "hybrid-connectivity" not in concerns_of(gateway)  # a gateway appliance talks to S3 itself


def test_private_compute_with_no_nat_path_gets_endpoints_for_what_it_calls():
    doc = advise({"compute": {"style": "containers"},
                  "data": [{"name": "events", "kind": "key-value"}, {"name": "media", "kind": "object"}],
                  "messaging": [{"name": "jobs", "purpose": "decouple"}]})
    endpoints = {d["subject"]: d["choice"] for d in doc["decisions"] if d["concern"] == "private-service-access"}
    assert endpoints == {"dynamodb": "vpc-gateway-endpoint", "s3": "vpc-gateway-endpoint",
                         "sqs": "vpc-interface-endpoint"}
    assert "no NAT path" in assumption(doc, "network.aws_services_private")["because"]
    with_nat = advise({"compute": {"style": "containers"}, "network": {"private_egress": True},
                       "data": [{"name": "events", "kind": "key-value"}]})
    assert "private-service-access" not in concerns_of(with_nat)  # the NAT path reaches the service
