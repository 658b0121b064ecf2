"""Moving users to the recovery region (the regional-failover concern, rules/dns.py): the workload field that
states it, what each choice draws and the template it gives, and the invariants that must still hold."""
from __future__ import annotations

from archadvisor.architecture.model import Architecture
from archadvisor.check import check
from archadvisor.cloudformation import generate
from archadvisor.pipeline import design_document, resolved
from conftest import advise, decision, one, workload_from

STATIC_SITE = {"name": "site", "availability": {"scope": "multi-region", "rto": "10m"},
               "entry": {"protocol": "http", "static_content": True}, "users": {"geography": "global"},
               "data": [{"name": "assets", "kind": "object", "access": "frequent"}]}
OPERATOR = {"name": "back-office", "availability": {"scope": "multi-region", "rto": "30m", "failover": "manual"},
            "entry": {"protocol": "http"}}


def designed(data: dict):
    workload = workload_from(data)
    doc = design_document(workload)
    return doc, Architecture.from_dict(doc["workload"], doc), generate(doc, resolved(workload, doc))


def links(arch: Architecture, source: str) -> dict[str, str]:
    return {link.target: link.label for link in arch.links if link.source == source}


# -- the workload field ----------------------------------------------------------------------------------
def test_read_only_is_a_flag_of_the_entry():
    doc = advise({"availability": {"scope": "multi-region", "rto": "10m"}, "users": {"geography": "global"},
                  "entry": {"protocol": "http", "read_only": True}, "compute": {"style": "containers"}})
    assert decision(doc, "regional-failover")["choice"] == "cloudfront-origin-failover"


def test_read_only_refuses_text_and_suggests_the_spelling():
    wrong = one("name: shop\nentry:\n  read_only: sometimes\n")
    assert wrong.path == "entry.read_only"
    misspelled = one("name: shop\nentry:\n  read_onyl: true\n")
    assert "read_only" in str(misspelled)


# -- drawn and templated ---------------------------------------------------------------------------------
def test_a_static_site_fails_over_to_its_replica_bucket_through_an_origin_group():
    doc, arch, result = designed(STATIC_SITE)
    assert not check(arch, doc["decisions"], resolved(workload_from(STATIC_SITE), doc))
    assert links(arch, "cloudfront")["r2-bucket-assets"] == "origin group: secondary (OAC)"
    assert "asynchronous replication (CRR)" in links(arch, "bucket-assets").values()
    assert not [c for c in arch.components if c.region != "us-east-1" and c.role == "app"], \
        "a static site runs no code in either region"
    config = next(r["Properties"]["DistributionConfig"] for r in result.templates["template.yaml"]["Resources"].values()
                  if r["Type"] == "AWS::CloudFront::Distribution")
    group = config["OriginGroups"]["Items"][0]
    assert config["DefaultCacheBehavior"]["TargetOriginId"] == group["Id"]
    assert [m["OriginId"] for m in group["Members"]["Items"]][1] == "secondary-origin"


def test_routing_controls_drive_the_failover_records_from_us_west_2():
    doc, arch, result = designed(dict(OPERATOR, region="eu-west-1"))
    assert decision(doc, "regional-failover")["choice"] == "application-recovery-controller"
    assert links(arch, "arc") == {"route53": "routing control health checks"}
    arc = result.templates["template-us-west-2.yaml"]["Resources"]
    assert {r["Type"] for r in arc.values()} >= {"AWS::Route53RecoveryControl::Cluster",
                                                 "AWS::Route53RecoveryControl::RoutingControl"}
    assert result.regions["template-us-west-2.yaml"] == "us-west-2"
    records = [r for r in result.templates["template.yaml"]["Resources"].values()
               if r["Type"] == "AWS::Route53::RecordSet" and r["Properties"].get("Failover") == "PRIMARY"]
    assert records and "PrimaryRoutingControlHealthCheckId" in str(records[0]["Properties"]["HealthCheckId"])


def test_an_operators_record_change_has_no_health_check_on_the_primary():
    doc, arch, result = designed(dict(OPERATOR, availability={"scope": "multi-region", "rto": "4h",
                                                               "failover": "manual"}))
    assert decision(doc, "regional-failover")["choice"] == "manual-dns-change"
    assert "records switched by an operator" in arch.component("route53").label
    primary = [r for r in result.templates["template.yaml"]["Resources"].values()
               if r["Type"] == "AWS::Route53::RecordSet" and r["Properties"].get("Failover") == "PRIMARY"]
    assert primary and "HealthCheckId" not in primary[0]["Properties"]
    assert any("an operator changes the primary failover record" in m.step for m in result.manual)


def test_no_regional_failover_behind_global_accelerator_nor_without_a_second_region():
    accelerated = advise({"availability": {"scope": "multi-region", "rto": "30s"}, "entry": {"protocol": "tcp"},
                          "users": {"geography": "global"}})
    assert decision(accelerated, "edge")["choice"] == "global-accelerator"
    assert not [d for d in accelerated["decisions"] if d["concern"] == "regional-failover"]
    one_region = advise({"entry": {"protocol": "http", "static_content": True}, "users": {"geography": "global"}})
    assert not [d for d in one_region["decisions"] if d["concern"] == "regional-failover"]


# -- the invariant the static site needed extended --------------------------------------------------------
def test_the_dr_region_invariant_asks_no_standby_code_of_a_site_that_runs_none():
    doc, arch, _ = designed(STATIC_SITE)
    regional = [v for v in check(arch, doc["decisions"]) if v.invariant == "placement.dr-region"]
    assert not regional
    with_code = dict(STATIC_SITE, compute={"style": "containers"})
    doc, arch, _ = designed(with_code)
    assert [c for c in arch.components if c.role == "standby-scaled-down"], "code that runs is kept standing by"


# -- the recovery region's standby, sized by the workload ----------------------------------------------------
def test_standby_capacity_is_a_percentage_of_the_availability_section():
    assert one("name: shop\navailability:\n  standby_capacity: 150%\n").path == "availability.standby_capacity"
    assert "standby_capacity" in str(one("name: shop\navailability:\n  standby_capacit: 25%\n"))


def test_a_stated_standby_size_is_drawn_and_priced():
    data = {"name": "claims", "availability": {"scope": "multi-region", "rto": "10m", "standby_capacity": "50%"},
            "entry": {"protocol": "http"}, "users": {"peak_requests": "500/s"}, "compute": {"style": "vms"}}
    doc, arch, _ = designed(data)
    standby = [c for c in arch.components if c.role == "standby-scaled-down"]
    assert standby and all("(50% of the primary)" in c.label for c in standby)
    second = [item for item in doc["cost"]["components"] if item["region"] == "second region"
              and item["service"] == "ec2-auto-scaling"]
    assert second and "50% of the primary fleet" in str(second[0])
    full = dict(data, availability=dict(data["availability"], standby_capacity="100%"))
    assert all("(full capacity, no traffic)" in c.label for c in designed(full)[1].components
               if c.role == "standby-scaled-down")


# -- several sign-in methods at once ----------------------------------------------------------------------------
def test_sign_in_methods_is_a_list_of_the_sign_in_values():
    assert one("name: shop\nusers:\n  sign_in_methods: [social, passkeys]\n").path.startswith("users.sign_in_methods")
    assert one("name: shop\nusers:\n  sign_in_methods: social\n").path == "users.sign_in_methods"


def test_the_single_field_keeps_working_beside_the_list():
    alone = advise({"users": {"audience": "internal", "sign_in": "corporate-sso"}, "compute": {"style": "serverless"}})
    listed = advise({"users": {"audience": "internal", "sign_in_methods": ["corporate-sso"]},
                     "compute": {"style": "serverless"}})
    assert decision(alone, "end-user-identity")["choice"] == decision(listed, "end-user-identity")["choice"] \
        == "iam-identity-center"


def test_federated_methods_are_a_manual_step_of_the_user_pool():
    _, _, result = designed({"name": "shop", "users": {"audience": "public", "sign_in_methods": ["app-users", "social"]},
                             "entry": {"protocol": "http"}})
    assert any("identity providers (social providers" in m.step for m in result.manual)


# -- no client request path ---------------------------------------------------------------------------------
FRONT_DOOR = {"load-balancer", "api", "edge", "web-protection", "dns-routing", "private-content", "regional-failover"}


def test_a_system_nothing_calls_gets_no_front_door_even_across_regions():
    doc, arch, _ = designed({"name": "feed", "entry": {"protocol": "none"},
                             "availability": {"scope": "multi-region", "rto": "30m", "failover": "manual"},
                             "messaging": [{"name": "events", "rate": "2k/s", "consumers": 2, "replay": True}]})
    assert not {d["concern"] for d in doc["decisions"]} & FRONT_DOOR
    assert not [c for c in arch.components if c.service in ("alb", "nlb", "cloudfront", "route53", "waf",
                                                             "application-recovery-controller")]
    assert not check(arch, doc["decisions"])


def test_a_front_door_without_a_compute_section_gets_its_load_balancer_and_says_what_it_assumed():
    doc = advise({"users": {"audience": "public", "peak_requests": "3k/s"}, "entry": {"protocol": "http"}})
    assert decision(doc, "load-balancer")["choice"] == "alb"
    assert any(a["field"] == "compute.style" for a in doc["assumptions"])


# -- traffic inspection: endpoints in the path ------------------------------------------------------------------
APPLIANCES = {"name": "inspected-shop", "users": {"audience": "public", "peak_requests": "1k/s"},
              "entry": {"protocol": "http"}, "compute": {"style": "vms"},
              "network": {"inspect_traffic": True, "third_party_appliances": True}}


def test_vendor_appliances_sit_behind_gwlb_endpoints_in_the_request_path():
    doc, arch, result = designed(APPLIANCES)
    assert decision(doc, "traffic-inspection")["choice"] == "gateway-load-balancer"
    assert links(arch, "users") == {"gwlb-endpoint": "HTTPS"}
    assert links(arch, "gwlb-endpoint") == {"load-balancer": "inspected", "gwlb": "GENEVE (UDP 6081)"}
    assert links(arch, "gwlb") == {"appliances": "GENEVE (UDP 6081)"}
    assert not check(arch, doc["decisions"])
    types = {r["Type"] for r in result.templates["template.yaml"]["Resources"].values()}
    assert {"AWS::EC2::VPCEndpointService", "AWS::EC2::VPCEndpoint"} <= types
    balancers = [r["Properties"] for r in result.templates["template.yaml"]["Resources"].values()
                 if r["Type"] == "AWS::ElasticLoadBalancingV2::LoadBalancer"]
    assert {b.get("Type") for b in balancers} == {"gateway", "application"}
    assert [b for b in balancers if b.get("Scheme") == "internet-facing"], "the ALB still faces the internet"


def test_cloudfront_still_reaches_its_load_balancer_through_the_firewall():
    data = {"name": "inspected-global", "users": {"audience": "public", "geography": "global"},
            "entry": {"protocol": "http"}, "compute": {"style": "containers"}, "network": {"inspect_traffic": True}}
    doc, arch, result = designed(data)
    assert links(arch, "cloudfront") == {"network-firewall": "HTTPS"}
    assert not [v for v in check(arch, doc["decisions"]) if v.invariant.startswith("front.")]
    assert not [m for m in result.manual if "Give the CloudFront distribution its origin" in m.step]


def test_the_origin_check_still_refuses_a_firewall_in_front_of_something_cloudfront_cannot_use():
    from archadvisor.check.front import cloudfront_origin
    from archadvisor.check import Design

    doc, arch, _ = designed({"name": "inspected-global", "users": {"audience": "public", "geography": "global"},
                             "entry": {"protocol": "http"}, "compute": {"style": "containers"},
                             "network": {"inspect_traffic": True}})
    data = arch.to_dict()
    data["links"] = [dict(l, target="app-a") if l["source"] == "network-firewall" and l["kind"] == "request"
                     else l for l in data["links"]]
    data["components"] = [dict(c, service="fargate-task") if c["id"] == "app-a" else c for c in data["components"]]
    broken = Architecture.from_dict(doc["workload"], dict(doc, **data))
    assert list(cloudfront_origin(Design(broken, tuple(doc["decisions"]))))


def test_outbound_traffic_passes_the_firewall_between_nat_and_internet_gateway():
    doc, arch, _ = designed({"name": "egress", "compute": {"style": "containers"},
                             "network": {"private_egress": True, "inspect_traffic": True}})
    assert links(arch, "nat-a") == {"network-firewall": "outbound, inspected"}
    assert links(arch, "network-firewall") == {"internet-gateway": ""}
    assert not check(arch, doc["decisions"])


def test_people_on_the_site_who_use_only_the_link_get_no_edge_in_front_of_private_servers():
    data = {"name": "site-users", "users": {"audience": "public", "geography": "multi-region",
                                            "clients": ["on-premises"]},
            "compute": {"style": "auto", "kubernetes": True},
            "hybrid": {"link": {"bandwidth": "500 Mbps"}, "storage": {"protocol": "nfs"}}}
    doc, arch, _ = designed(data)  # found by the property run (seed 1078): CloudFront pointed at EKS pods
    assert not [d for d in doc["decisions"] if d["concern"] == "edge"]
    assert not check(arch, doc["decisions"])
