"""The builder: decisions + workload -> groups, components and links.

Decisions are given as plain dicts here (as the engine emits them), so these
tests pin the drawing rules without depending on which rule chose what.
"""
from __future__ import annotations

import json

import pytest

from archadvisor.architecture import Architecture, Component, Group, Link, build, decision_key


def d(concern, choice, subject=None):
    return {"concern": concern, "subject": subject, "choice": choice}


def by_service(arch, service):
    return [c for c in arch.components if c.service == service]


def links(arch, source=None, target=None, label=None):
    return [l for l in arch.links
            if (source is None or l.source == source) and (target is None or l.target == target)
            and (label is None or l.label == label)]


def region_of(arch, component_id):
    group = arch.enclosing(component_id, "region")
    return group.id if group else None


def az_of(arch, component_id):
    group = arch.enclosing(component_id, "az")
    return group.id if group else None


# Every concern and choice id of decisions.md (v1).
VOCABULARY = {
    "compute": ["lambda", "fargate", "ecs-on-ec2", "eks", "ec2-auto-scaling", "elastic-beanstalk"],
    "ec2-purchasing": ["on-demand", "reserved-standard", "reserved-convertible", "scheduled-reserved", "spot"],
    "placement-group": ["cluster", "spread", "partition"],
    "hpc-networking": ["efa", "enhanced-networking"],
    "load-balancer": ["alb", "nlb"],
    "edge": ["cloudfront", "global-accelerator"],
    "dns-routing": ["simple", "weighted", "latency", "failover", "geolocation", "geoproximity", "multivalue"],
    "api": ["api-gateway", "appsync"],
    "web-protection": ["waf", "waf-and-shield-advanced", "nacl"],
    "private-content": ["cloudfront-signed-urls", "cloudfront-signed-cookies", "s3-presigned-urls"],
    "end-user-identity": ["cognito-user-pools", "cognito-identity-pools", "cognito-user-and-identity-pools",
                          "iam-identity-center"],
    "database": ["rds-single-az", "rds-multi-az", "aurora", "aurora-serverless", "aurora-global-database",
                 "dynamodb", "dynamodb-global-tables", "timestream", "redshift"],
    "read-scaling": ["rds-read-replicas", "aurora-replicas"],
    "cache": ["elasticache-redis", "elasticache-memcached", "dax"],
    "object-storage": ["s3-standard", "s3-intelligent-tiering", "s3-standard-ia", "s3-one-zone-ia",
                       "s3-glacier-instant-retrieval", "s3-glacier-flexible-retrieval", "s3-glacier-deep-archive"],
    "block-storage": ["ebs-gp3", "ebs-io2", "ebs-st1", "ebs-sc1", "instance-store"],
    "file-storage": ["efs", "fsx-windows", "fsx-lustre"],
    "change-events": ["dynamodb-streams", "s3-event-notifications"],
    "messaging": ["sqs-standard", "sqs-fifo", "sns", "sns-sqs-fanout", "kinesis-data-streams",
                  "kinesis-data-firehose", "amazon-mq", "step-functions"],
    "internet-egress": ["nat-gateway", "nat-instance", "egress-only-internet-gateway"],
    "private-service-access": ["vpc-gateway-endpoint", "vpc-interface-endpoint"],
    "service-sharing": ["privatelink", "vpc-peering", "transit-gateway"],
    "admin-access": ["bastion-host", "ssm-session-manager"],
    "hybrid-connectivity": ["site-to-site-vpn", "direct-connect", "direct-connect-with-vpn"],
    "hybrid-storage": ["storage-gateway-file", "storage-gateway-volume-cached", "storage-gateway-volume-stored",
                       "storage-gateway-tape", "fsx-windows"],
    "data-transfer": ["online-transfer", "s3-transfer-acceleration", "snowball", "snowball-edge", "snowmobile"],
    "dr-strategy": ["backup-restore", "pilot-light", "warm-standby", "multi-site-active-active"],
    "data-lake-query": ["athena", "redshift-spectrum"],
    "warehouse": ["redshift"],
    "big-data-processing": ["emr"],
    "etl": ["glue", "emr"],
    "dashboards": ["quicksight"],
    "log-search": ["opensearch"],
    "secrets": ["secrets-manager"],
    "encryption": ["kms"],
    "audit": ["cloudtrail"],
    "sensitive-data": ["macie"],
    "config-compliance": ["aws-config"],
}
SUBJECTS = {"database": "orders", "read-scaling": "orders", "cache": "orders", "object-storage": "assets",
            "block-storage": "scratch", "file-storage": "shared", "change-events": "orders",
            "messaging": "events", "private-service-access": "s3"}
ALL_CHOICES = [(concern, choice) for concern, choices in VOCABULARY.items() for choice in choices]


THREE_TIER = [
    d("compute", "ec2-auto-scaling"), d("ec2-purchasing", "spot"), d("load-balancer", "alb"),
    d("edge", "cloudfront"), d("web-protection", "waf"), d("database", "rds-multi-az", "orders"),
    d("read-scaling", "rds-read-replicas", "orders"), d("internet-egress", "nat-gateway"),
    d("private-service-access", "vpc-gateway-endpoint", "s3"), d("object-storage", "s3-standard", "assets"),
    d("cache", "elasticache-redis", "sessions"), d("secrets", "secrets-manager"), d("encryption", "kms"),
]
THREE_TIER_WORKLOAD = {
    "name": "shop", "region": "eu-west-1",
    "users": {"audience": "public", "geography": "global", "clients": ["browser", "mobile"]},
    "entry": {"static_content": True},
    "data": [{"name": "orders", "kind": "relational"}, {"name": "assets", "kind": "object"}],
}


@pytest.fixture(scope="module")
def three_tier():
    return build(THREE_TIER, THREE_TIER_WORKLOAD)


# -- the model ---------------------------------------------------------------
def test_decision_key():
    assert decision_key("database", "orders") == "database:orders"
    assert decision_key("internet-egress", None) == "internet-egress"


def test_model_rejects_dangling_references():
    cloud = Group("cloud", "cloud", "AWS Cloud", None)
    with pytest.raises(ValueError, match="unknown group"):
        Architecture("x", (cloud,), (Component("a", "s3", "A", "nowhere"),))
    with pytest.raises(ValueError, match="unknown component"):
        Architecture("x", (cloud,), (Component("a", "s3", "A", "cloud"),), (Link("a", "b"),))
    with pytest.raises(ValueError, match="duplicate"):
        Architecture("x", (cloud,), (Component("a", "s3", "A", "cloud"), Component("a", "s3", "B", "cloud")))
    with pytest.raises(ValueError, match="kind"):
        Group("g", "galaxy", "G", None)
    with pytest.raises(ValueError, match="style"):
        Link("a", "b", "", "wavy")


def test_to_dict_is_plain_sorted_and_repeatable(three_tier):
    first = three_tier.to_dict()
    again = build(THREE_TIER, THREE_TIER_WORKLOAD).to_dict()
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)
    assert json.loads(json.dumps(first)) == first
    assert [c["id"] for c in first["components"]] == sorted(c["id"] for c in first["components"])
    assert [g["id"] for g in first["groups"]] == sorted(g["id"] for g in first["groups"])
    assert set(first["components"][0]) == {"id", "service", "label", "group", "decision", "annotates", "role",
                                           "family", "spans", "because", "region", "az", "tier"}
    assert set(first["links"][0]) == {"source", "target", "label", "style", "kind"}


def test_decision_order_does_not_change_the_drawing():
    assert build(list(reversed(THREE_TIER)), THREE_TIER_WORKLOAD) == build(THREE_TIER, THREE_TIER_WORKLOAD)


# -- nesting -------------------------------------------------------------------
def test_groups_nest_cloud_region_vpc_az_subnet(three_tier):
    assert three_tier.group("cloud").parent is None
    assert three_tier.group("region-1").parent == "cloud"
    assert three_tier.group("region-1").label == "Region eu-west-1"
    assert three_tier.group("vpc-1").parent == "region-1"
    for az in ("az-1a", "az-1b"):
        assert three_tier.group(az).parent == "vpc-1"
    for group in three_tier.groups:
        if group.kind.startswith("subnet-"):
            assert three_tier.group(group.parent).kind == "az"
        if group.kind in ("users", "internet", "on-premises"):
            assert group.parent is None


def test_every_group_holds_something(three_tier):
    used = set()
    for component in three_tier.components:
        used.update(g.id for g in three_tier.ancestors(component.group))
    assert used == {g.id for g in three_tier.groups}


def test_regional_and_edge_services_sit_outside_the_vpc(three_tier):
    bucket = three_tier.component("bucket-assets")
    assert bucket.group == "region-1"
    assert three_tier.component("cloudfront").group == "cloud"
    assert three_tier.component("waf").group == "cloud"
    assert three_tier.component("users").group == "users"
    assert three_tier.component("internet").group == "internet"


# -- what the issue asks to see ---------------------------------------------------
def test_multi_az_database_is_primary_and_standby_in_two_azs(three_tier):
    primary = three_tier.component("db-orders-primary")
    standby = three_tier.component("db-orders-standby")
    assert primary.decision == standby.decision == "database:orders"
    assert az_of(three_tier, primary.id) != az_of(three_tier, standby.id)
    assert three_tier.group(primary.group).kind == three_tier.group(standby.group).kind == "subnet-data"
    assert links(three_tier, primary.id, standby.id, "synchronous replication")


def test_read_replicas_are_their_own_nodes(three_tier):
    replicas = three_tier.for_decision("read-scaling:orders")
    assert len(replicas) >= 1
    assert all(r.service == "rds-read-replicas" for r in replicas)
    assert "db-orders-primary" not in {r.id for r in replicas}
    for replica in replicas:
        assert links(three_tier, "db-orders-primary", replica.id, "asynchronous replication")


def test_aurora_replicas_hang_off_the_writer():
    arch = build([d("compute", "fargate"), d("database", "aurora", "ledger"),
                  d("read-scaling", "aurora-replicas", "ledger")], {"name": "x"})
    writer = arch.component("db-ledger-primary")
    replicas = arch.for_decision("read-scaling:ledger")
    assert replicas and all(r.service == "aurora-replicas" for r in replicas)
    assert all(links(arch, writer.id, r.id) for r in replicas)


def test_nat_gateway_per_az_in_public_subnets(three_tier):
    nats = three_tier.for_decision("internet-egress")
    assert len(nats) == 2 and all(n.service == "nat-gateway" for n in nats)
    assert {three_tier.group(n.group).kind for n in nats} == {"subnet-public"}
    assert len({az_of(three_tier, n.id) for n in nats}) == 2
    for nat in nats:  # each AZ's app tier leaves through its own AZ's gateway
        sources = [l.source for l in links(three_tier, target=nat.id)]
        assert sources and all(az_of(three_tier, s) == az_of(three_tier, nat.id) for s in sources)
        assert links(three_tier, nat.id, "internet-gateway")
    assert links(three_tier, "internet-gateway", "internet")


def test_nat_instance_is_single():
    arch = build([d("compute", "ec2-auto-scaling"), d("internet-egress", "nat-instance")], {"name": "x"})
    nats = arch.for_decision("internet-egress")
    assert len(nats) == 1 and nats[0].service == "nat-instance"
    assert arch.group(nats[0].group).kind == "subnet-public"
    assert len(links(arch, target=nats[0].id)) == 2  # both AZs share it


def test_egress_only_gateway_for_ipv6():
    arch = build([d("compute", "eks"), d("internet-egress", "egress-only-internet-gateway")], {"name": "x"})
    [node] = arch.for_decision("internet-egress")
    assert node.group == "vpc-1" and links(arch, node.id, "internet")


def test_endpoints_route_private_traffic_to_the_service(three_tier):
    [endpoint] = three_tier.for_decision("private-service-access:s3")
    assert endpoint.service == "vpc-gateway-endpoint" and endpoint.group == "vpc-1"
    assert links(three_tier, endpoint.id, "bucket-assets")
    assert links(three_tier, "app-a", endpoint.id)


def test_interface_endpoint_draws_the_service_when_missing():
    arch = build([d("compute", "lambda"), d("private-service-access", "vpc-interface-endpoint", "sqs")],
                 {"name": "x"})
    [endpoint] = arch.for_decision("private-service-access:sqs")
    [target] = [l.target for l in links(arch, endpoint.id)]
    assert arch.component(target).service == "sqs-standard"
    assert arch.component(target).group == "region-1"


def test_front_door_chain_reaches_compute_in_each_az(three_tier):
    assert links(three_tier, "users", "cloudfront", "HTTPS")
    assert links(three_tier, "waf", "cloudfront", "protects")  # attached to CloudFront, not a hop
    assert not links(three_tier, "users", "waf")
    assert links(three_tier, "cloudfront", "load-balancer")
    for app in ("app-a", "app-b"):
        assert links(three_tier, "load-balancer", app)
        assert three_tier.group(three_tier.component(app).group).kind == "subnet-app"


def test_purchasing_is_written_on_compute(three_tier):
    app = three_tier.component("app-a")
    assert "Spot Instances" in app.label and "ec2-purchasing" in app.annotates


def test_lambda_stays_out_of_the_vpc_without_vpc_resources():
    arch = build([d("compute", "lambda"), d("api", "api-gateway"), d("database", "dynamodb", "users")],
                 {"name": "x"})
    assert arch.component("app").group == "region-1"
    assert not [g for g in arch.groups if g.kind == "vpc"]
    assert links(arch, "api-gateway", "app") and links(arch, "app", "db-users")


def test_lambda_joins_the_vpc_to_reach_a_relational_database():
    arch = build([d("compute", "lambda"), d("database", "rds-single-az", "orders")], {"name": "x"})
    assert {arch.group(c.group).kind for c in arch.for_decision("compute")} == {"subnet-app"}


def test_cluster_placement_keeps_compute_in_one_az():
    arch = build([d("compute", "ec2-auto-scaling"), d("placement-group", "cluster"), d("hpc-networking", "efa")],
                 {"name": "x"})
    [app] = arch.for_decision("compute")
    assert "cluster placement group" in app.label and "Elastic Fabric Adapter" in app.label
    assert set(app.annotates) == {"placement-group", "hpc-networking"}


def test_fan_out_has_one_queue_per_consumer():
    arch = build([d("compute", "lambda"), d("messaging", "sns-sqs-fanout", "signups")],
                 {"name": "x", "messaging": [{"name": "signups", "consumers": 3}]})
    [topic] = [c for c in arch.for_decision("messaging:signups") if c.service == "sns"]
    queues = [c for c in arch.for_decision("messaging:signups") if c.id.startswith("queue-")]
    assert len(queues) == 3
    assert {l.target for l in links(arch, topic.id, label="fan-out")} == {q.id for q in queues}
    consumers = {l.source for q in queues for l in links(arch, target=q.id, label="poll")}
    assert len(consumers) == 3  # each consumer polls its own queue
    assert links(arch, "app", topic.id, "publish")


def test_kinesis_stream_feeds_each_consumer_and_firehose_delivers():
    arch = build([d("messaging", "kinesis-data-streams", "clicks"), d("messaging", "kinesis-data-firehose", "logs")],
                 {"name": "x", "messaging": [{"name": "clicks", "consumers": 2},
                                             {"name": "logs", "deliver_to": "redshift"}]})
    assert len(links(arch, target="stream-clicks", label="read / replay")) == 2
    [delivery] = links(arch, "firehose-logs")
    assert arch.component(delivery.target).service == "redshift"


def test_user_names_become_safe_ids():
    arch = build([d("database", "dynamodb", "Order Events!")], {"name": "x"})
    assert arch.component("db-order-events").label.endswith("Order Events!")


# -- hybrid ----------------------------------------------------------------------
@pytest.mark.parametrize("choice,label", [
    ("site-to-site-vpn", "IPsec VPN"), ("direct-connect", "Direct Connect"),
    ("direct-connect-with-vpn", "IPsec VPN over Direct Connect")])
def test_hybrid_link_from_site_to_the_vpc(choice, label):
    arch = build([d("compute", "ec2-auto-scaling"), d("hybrid-connectivity", choice)],
                 {"name": "x", "hybrid": {"link": {"bandwidth": "1 Gbps"}}})
    assert arch.component("customer-gateway").group == "on-premises"
    vgw = arch.component("vpn-gateway")
    assert vgw.service == "virtual-private-gateway" and vgw.group == "vpc-1"
    labels = [l.label for l in arch.links if l.source == "customer-gateway"]
    assert labels == [f"{label} (1 Gbps)"]
    assert arch.for_decision("hybrid-connectivity")


def test_storage_gateway_sits_on_site():
    arch = build([d("hybrid-storage", "storage-gateway-volume-stored")], {"name": "x", "hybrid": {}})
    [gateway] = arch.for_decision("hybrid-storage")
    assert gateway.group == "on-premises"
    [upload] = links(arch, gateway.id)
    assert upload.label == "asynchronous backup" and arch.component(upload.target).group == "region-1"


def test_snowball_is_shipped_from_site_to_s3():
    arch = build([d("data-transfer", "snowball")], {"name": "x", "hybrid": {"migration": {"data": "100 TB"}}})
    [device] = arch.for_decision("data-transfer")
    assert device.group == "on-premises" and "100 TB" in device.label
    [shipment] = links(arch, device.id)
    assert arch.component(shipment.target).service == "s3" and shipment.style == "dotted"


# -- second region -------------------------------------------------------------------
def dr_arch(strategy):
    return build([d("compute", "fargate"), d("load-balancer", "alb"), d("database", "rds-multi-az", "crm"),
                  d("object-storage", "s3-standard", "docs"), d("dr-strategy", strategy)],
                 {"name": "crm", "availability": {"scope": "multi-region"}})


def test_pilot_light_has_a_data_replica_in_a_second_region():
    arch = dr_arch("pilot-light")
    region = arch.group("region-2")
    assert region.decision == "dr-strategy" and "pilot light" in region.label
    replica = arch.component("r2-db-crm-primary")
    assert region_of(arch, replica.id) == "region-2"
    assert links(arch, "db-crm-primary", replica.id, "asynchronous replication")
    assert links(arch, "bucket-docs", "r2-bucket-docs")
    apps = [c for c in arch.components if c.region == "us-west-2" and c.family == "app"]
    assert len(apps) == 2 and all("off until failover" in app.label and app.role == "standby-off" for app in apps)
    assert region.code == "us-west-2" and "us-west-2" in region.label
    assert "failover" in arch.component("route53").label


def test_warm_standby_runs_a_scaled_down_copy():
    arch = dr_arch("warm-standby")
    apps = [c for c in arch.components if c.region == "us-west-2" and c.family == "app"]
    assert len(apps) == 2 and all("scaled down" in app.label for app in apps)  # the primary's AZ layout
    assert arch.component("r2-load-balancer").service == "alb"


def test_active_active_runs_a_full_copy_behind_latency_routing():
    arch = dr_arch("multi-site-active-active")
    assert len([c for c in arch.components if c.id.startswith("r2-app")]) == 2
    assert "latency" in arch.component("route53").label
    assert links(arch, "route53", "r2-load-balancer")


def test_backup_restore_keeps_only_backups_in_the_second_region():
    arch = dr_arch("backup-restore")
    second = [c for c in arch.components if region_of(arch, c.id) == "region-2"]
    assert [c.service for c in second] == ["backup"]
    assert links(arch, "db-crm-primary", "backup-vault", "asynchronous backup")
    assert links(arch, "backup-vault", second[0].id)


def test_aurora_global_database_secondary_in_second_region():
    arch = build([d("database", "aurora-global-database", "payments")], {"name": "x"})
    secondary = arch.component("r2-db-payments-primary")
    assert secondary.decision == "database:payments"
    assert region_of(arch, secondary.id) == "region-2"
    assert links(arch, "db-payments-primary", secondary.id)


def test_dns_routing_decision_shown_on_route53():
    arch = build([d("compute", "lambda"), d("api", "api-gateway"), d("dns-routing", "geolocation")], {"name": "x"})
    route53 = arch.component("route53")
    assert route53.decision == "dns-routing" and "geolocation" in route53.label
    assert links(arch, "route53", "api-gateway")


# -- every decision is drawn ---------------------------------------------------------
@pytest.mark.parametrize("concern,choice", ALL_CHOICES, ids=[f"{c}={x}" for c, x in ALL_CHOICES])
def test_each_choice_alone_is_drawn(concern, choice):
    decision = d(concern, choice, SUBJECTS.get(concern))
    arch = build([decision], {"name": "x", "messaging": [{"name": "events", "consumers": 2}]})
    key = decision_key(concern, decision["subject"])
    assert key in arch.shown_decisions()
    assert not [c for c in arch.components if c.id.startswith("other-")], "drawn by the fallback only"
    json.dumps(arch.to_dict())


def test_everything_at_once_is_drawn_and_consistent():
    decisions, seen = [], set()
    for concern, choices in VOCABULARY.items():
        for choice in choices[:1] if concern not in ("messaging", "private-service-access") else choices[:2]:
            subject = SUBJECTS.get(concern)
            if concern == "messaging":
                subject = f"events-{choice}"
            if concern == "private-service-access":
                subject = "s3" if choice == "vpc-gateway-endpoint" else "sqs"
            if (concern, subject) not in seen:
                seen.add((concern, subject))
                decisions.append(d(concern, choice, subject))
    arch = build(decisions, {"name": "everything", "hybrid": {}, "users": {"clients": ["browser"]}})
    assert {decision_key(x["concern"], x["subject"]) for x in decisions} <= arch.shown_decisions()
    assert not [c for c in arch.components if c.id.startswith("other-")]


def test_unknown_concern_still_appears():
    arch = build([d("quantum-readiness", "braket")], {"name": "x"})
    assert "quantum-readiness" in arch.shown_decisions()


def test_empty_input_gives_an_empty_drawing():
    arch = build([], {"name": "idle"})
    assert arch.name == "idle" and arch.components == () and arch.groups == ()


@pytest.mark.parametrize("choice", ["sns-sqs-fanout", "sqs-standard", "sqs-fifo", "sns", "kinesis-data-streams",
                                    "amazon-mq", "step-functions"])
def test_a_channel_without_consumers_draws_none(choice):
    def drawn(spec):
        arch = build([d("compute", "fargate"), d("messaging", choice, "audit")],
                     {"name": "x", "messaging": [{"name": "audit", **spec}]})
        return [c for c in arch.components if c.id.startswith("consumer-")], arch.for_decision("messaging:audit")

    consumers, channel = drawn({"consumers": 0})
    assert consumers == [] and channel, "the channel is drawn, nobody reads it yet"
    assert not any(c.id.startswith("queue-audit-") for c in channel)  # no queue for a consumer that is not there
    consumers, _ = drawn({})
    assert len(consumers) == 1  # not given: one consumer application is assumed


def test_shield_advanced_in_front_of_udp_is_not_called_waf():
    decisions = [d("compute", "ec2-auto-scaling"), d("load-balancer", "nlb"), d("edge", "global-accelerator"),
                 d("web-protection", "waf-and-shield-advanced")]
    udp = build(decisions, {"name": "x", "entry": {"protocol": "udp"}})
    [shield] = udp.for_decision("web-protection")
    assert shield.label.startswith("AWS Shield Advanced") and "UDP: no WAF" in shield.label
    assert [l.target for l in udp.links_from(shield.id)] == ["global-accelerator"]
    http = build(decisions + [d("load-balancer", "alb")][:0], {"name": "x", "entry": {"protocol": "http"}})
    [shield] = http.for_decision("web-protection")  # WAF cannot attach to an NLB or an accelerator
    assert shield.label == "AWS Shield Advanced" and shield.role == "shield"


def test_waf_behind_global_accelerator_sits_at_the_alb():
    arch = build([d("compute", "ec2-auto-scaling"), d("load-balancer", "alb"), d("edge", "global-accelerator"),
                  d("web-protection", "waf")], {"name": "x", "entry": {"protocol": "http", "static_ips": True}})
    [waf] = arch.for_decision("web-protection")
    assert arch.group(waf.group).kind == "region"  # a regional web ACL, on the ALB
    assert links(arch, "global-accelerator", "load-balancer") and links(arch, waf.id, "load-balancer", "protects")
    assert not links(arch, "users", waf.id) and not links(arch, "global-accelerator", waf.id)


def test_a_choice_with_a_drawer_of_its_own_is_drawn_by_it_beside_its_rules():
    """EventBridge's drawing is registered in rules/messaging.py: a bus the producers put events on, a rule per
    consumer; functions are invoked, servers in private subnets poll a queue the rule targets."""
    from archadvisor.architecture.registry import CHOICE_DRAWERS, DRAWERS

    import archadvisor.rules  # noqa: F401 - the rules register their choice drawers
    archadvisor.rules.concerns()
    assert ("messaging", "eventbridge") in CHOICE_DRAWERS
    owners = {concern for drawer in DRAWERS.values() for concern in drawer.concerns}
    assert {concern for concern, _ in CHOICE_DRAWERS} <= owners  # each runs beside its concern's drawer
    servers = build([d("compute", "fargate"), d("messaging", "eventbridge", "events")],
                    {"name": "x", "messaging": [{"name": "events", "consumers": 2}]})
    [bus] = by_service(servers, "eventbridge")
    assert bus.decision == "messaging:events" and not [c for c in servers.components if c.id.startswith("other-")]
    queues = [l.target for l in servers.links_from(bus.id) if l.kind == "event"]
    assert len(queues) == 2 and all(servers.component(q).service == "sqs-queue" for q in queues)
    functions = build([d("compute", "lambda"), d("messaging", "eventbridge", "events")],
                      {"name": "x", "messaging": [{"name": "events", "consumers": 2}]})
    [bus] = by_service(functions, "eventbridge")
    assert {functions.component(l.target).service for l in functions.links_from(bus.id)} == {"lambda"}


@pytest.mark.parametrize("working", [{"reproducible": True}, {"change_events": True}])
def test_the_cdn_origin_is_the_content_bucket_not_a_working_one(working):
    """CloudFront serves the bucket the system keeps content in: never a scratch bucket that can be
    regenerated, or an inbox whose new objects start processing (both are Standard,
    the 'hottest' class, which alone would have picked them)."""
    from archadvisor.pipeline import design_document
    from conftest import workload_from

    data = [{"name": "library", "kind": "object", "access": "unknown", "size": "100 TB"},
            {"name": "aaa-work", "kind": "object", "access": "frequent", **working}]
    doc = design_document(workload_from({"entry": {"protocol": "http", "static_content": True},
                                         "users": {"audience": "public", "geography": "global"},
                                         "data": data}))
    origins = {l["target"] for l in doc["links"] if l["source"] == "cloudfront" and "OAC" in (l["label"] or "")}
    assert origins == {"bucket-library"}


def test_every_endpoint_service_drawn_has_its_aws_name():
    """An endpoint's label names its service as AWS does ("Interface endpoint Timestream"): the fallback,
    the service's short name upper-cased, fits acronyms (STS) only; TIMESTREAM and ATHENA were drawn."""
    from archadvisor.architecture.network import SERVICE_IDS, SERVICE_NAMES
    from archadvisor.knowledge import load_catalogue

    endpoint_services = {name for entry in load_catalogue().values() if not isinstance(entry, str)
                         for name in entry.called_endpoints()}
    assert endpoint_services  # the catalogue's endpoint services were read
    assert sorted((set(SERVICE_IDS) | endpoint_services) - set(SERVICE_NAMES)) == []
