"""Invariants of a valid AWS architecture: each fires on a design that breaks it and stays quiet on one
that keeps it. Designs are drawn by hand on a Canvas (as the builder would), so each case shows exactly
the shape an invariant is about; a meta-test demands both cases for every invariant."""
from __future__ import annotations

import pytest

from archadvisor.architecture.canvas import Canvas
from archadvisor.check import Design, check, invariants
from archadvisor.cli import main


def d(concern, choice, subject=None):
    return {"concern": concern, "subject": subject, "choice": choice}


class Sketch:
    """A small VPC in us-east-1 with two AZs, drawn by hand."""

    def __init__(self) -> None:
        self.c = Canvas()
        self.c.group("cloud", "cloud", "AWS Cloud", None)
        self.c.group("region-1", "region", "Region us-east-1", "cloud", code="us-east-1")
        self.c.group("vpc-1", "vpc", "VPC", "region-1")
        self.c.group("users", "users", "Users", None)
        self.c.group("internet", "internet", "Internet", None)
        self.c.group("on-premises", "on-premises", "Site", None)
        for letter in "ab":
            self.c.group(f"az-1{letter}", "az", f"AZ {letter}", "vpc-1", code=f"us-east-1{letter}")
            for tier in ("public", "app", "data"):
                self.c.group(f"subnet-{tier}-1{letter}", f"subnet-{tier}", tier, f"az-1{letter}")

    def add(self, node, service, group, decision=None, **kw):
        return self.c.add(node, service, node, group, decision, **kw)

    def link(self, source, target, kind="request", label=""):
        self.c.link(source, target, label, kind=kind)
        return self

    def users(self):
        return self.add("users", "users", "users", role="users")

    def apps(self, service="fargate", decision="compute"):
        for letter in "ab":
            self.add(f"app-{letter}", service, f"subnet-app-1{letter}", decision, role="app", family="app")
        return ["app-a", "app-b"]

    def alb(self, public=True, decision="load-balancer"):
        tier = "public" if public else "app"
        self.add("lb", "alb", "vpc-1", decision, role="internet-facing" if public else "internal",
                 spans=(f"subnet-{tier}-1a", f"subnet-{tier}-1b"))
        if public:
            self.add("igw", "internet-gateway", "vpc-1", because=decision)
            self.add("internet", "internet", "internet")
            self.link("igw", "internet", "network")
        return "lb"

    def web(self):
        """Users -> ALB -> apps in two AZs."""
        self.users()
        self.alb()
        self.link("users", "lb")
        for app in self.apps():
            self.link("lb", app)
        return self

    def run(self, invariant_id, decisions=(), workload=None):
        arch = self.c.freeze("x")
        [item] = [i for i in invariants() if i.id == invariant_id]
        return item.run(Design(arch, tuple(decisions), workload))


WEB = [d("compute", "fargate"), d("load-balancer", "alb")]


def waf_on(target_service):
    s = Sketch().web()
    if target_service == "nlb":
        s.c.nodes["lb"].service = "nlb"
    s.add("waf", "waf", "region-1", "web-protection", role="web-acl")
    s.link("waf", "lb", "protects")
    return s


def guard_in_path():
    s = Sketch().web()
    s.add("waf", "waf", "region-1", "web-protection", role="web-acl")
    s.link("users", "waf").link("waf", "lb")
    return s


def guard_attached():
    s = Sketch().web()
    s.add("waf", "waf", "region-1", "web-protection", role="web-acl")
    s.link("waf", "lb", "protects")
    return s


def cloudfront_to(service):
    s = Sketch().web()
    s.add("cdn", "cloudfront", "cloud", "edge", role="edge")
    s.add("bucket", service, "region-1", "object-storage:media", role="store")
    s.link("users", "cdn").link("cdn", "bucket")
    return s


def accelerator_to(service):
    s = Sketch()
    s.users()
    s.add("ga", "global-accelerator", "cloud", "edge", role="edge")
    s.add("api", service, "region-1", "api", role="api")
    s.link("users", "ga").link("ga", "api")
    return s


def dns_to_private(private):
    s = Sketch().web()
    s.add("route53", "route53", "cloud", "dns-routing")
    s.link("users", "route53", "dns").link("route53", "app-a" if private else "lb", "dns")
    return s


def s3_events_to(service):
    s = Sketch()
    s.add("bucket", "s3-standard", "region-1", "object-storage:x", role="store")
    if service == "lambda":
        s.add("fn", "lambda", "region-1", "compute", role="app")
    else:
        s.add("fn", service, "subnet-app-1a", "compute", role="app")
    s.link("bucket", "fn", "event")
    return s


def private_call(path):
    s = Sketch()
    s.apps()
    s.add("bucket", "s3-standard", "region-1", "object-storage:x", role="store")
    if path in ("endpoint", "both"):
        s.add("endpoint", "vpc-gateway-endpoint", "vpc-1", "private-service-access:s3", role="endpoint")
        for app in ("app-a", "app-b"):
            s.link(app, "endpoint", "data")
        s.link("endpoint", "bucket", "network")
    if path in ("none", "both"):
        for app in ("app-a", "app-b"):
            s.link(app, "bucket", "data")
    return s


def ingress(to_private, gateway=True):
    s = Sketch()
    s.users()
    s.apps()
    if to_private:
        s.link("users", "app-a").link("users", "app-b")
        return s
    s.add("lb", "alb", "vpc-1", "load-balancer", role="internet-facing",
          spans=("subnet-public-1a", "subnet-public-1b"))
    s.link("users", "lb").link("lb", "app-a").link("lb", "app-b")
    if gateway:
        s.add("igw", "internet-gateway", "vpc-1", because="load-balancer")
    return s


def hybrid(over_link):
    s = Sketch()
    s.apps()
    s.add("servers", "on-premises-server", "on-premises")
    if over_link:
        s.add("vgw", "virtual-private-gateway", "vpc-1", "hybrid-connectivity", role="link-gateway")
        s.link("servers", "vgw", "hybrid").link("vgw", "app-a", "hybrid").link("vgw", "app-b", "hybrid")
    else:
        s.link("servers", "app-a", "hybrid").link("servers", "app-b", "hybrid")
    return s


def asymmetric(symmetric):
    s = Sketch()
    s.apps()
    s.add("db", "rds-multi-az", "subnet-data-1a", "database:x", role="primary")
    s.link("app-a", "db", "data")
    if symmetric:
        s.link("app-b", "db", "data")
    return s


def multi_az(pair):
    s = Sketch()
    s.apps()
    s.add("db", "rds-multi-az", "subnet-data-1a", "database:x", role="primary", family="db")
    s.link("app-a", "db", "data").link("app-b", "db", "data")
    if pair:
        s.add("standby", "rds-standby", "subnet-data-1b", "database:x", role="standby", family="db")
        s.link("db", "standby", "replication")
    return s


def lb_placement(ok):
    s = Sketch()
    s.users()
    s.apps()
    spans = ("subnet-public-1a", "subnet-public-1b") if ok else ("subnet-app-1a",)
    s.add("lb", "alb", "vpc-1", "load-balancer", role="internet-facing", spans=spans)
    s.add("igw", "internet-gateway", "vpc-1", because="load-balancer")
    s.link("users", "lb").link("lb", "app-a").link("lb", "app-b")
    return s


def dr(complete):
    s = Sketch()
    s.c.group("region-2", "region", "Region us-west-2", "cloud", code="us-west-2")
    s.apps()
    s.add("db", "dynamodb", "region-1", "database:x", role="store", family="db")
    s.link("app-a", "db", "data").link("app-b", "db", "data")
    s.add("r2-app", "lambda", "region-2", role="standby-off", family="app", because="dr-strategy")
    if complete:
        s.add("r2-db", "dynamodb", "region-2", role="dr-replica", family="db", because="dr-strategy")
        s.link("db", "r2-db", "replication").link("r2-app", "r2-db", "data")
    return s


def drawn(complete):
    s = Sketch()
    s.apps()
    s.add("db", "dynamodb", "region-1", "database:x" if complete else None, role="store")
    s.link("app-a", "db", "data").link("app-b", "db", "data")
    return s


def lonely(connected):
    s = Sketch()
    s.apps()
    s.add("db", "dynamodb", "region-1", "database:x", role="store")
    s.add("queue", "sqs-standard", "region-1", "messaging:q", role="channel")
    s.link("app-a", "db", "data").link("app-b", "db", "data")
    if connected:
        s.link("app-a", "queue", "data").link("app-b", "queue", "data")
    return s


def failover_route53(role):
    s = Sketch().web()
    s.add("route53", "route53", "cloud", "dns-routing", role=role)
    s.link("users", "route53", "dns").link("route53", "lb", "dns")
    return s


DB = [d("database", "dynamodb", "x"), d("compute", "fargate")]
# invariant id -> (design that breaks it, design that keeps it, decisions, workload)
CASES = {
    "front.web-acl-target": (lambda: waf_on("nlb"), lambda: waf_on("alb"), WEB + [d("web-protection", "waf")], None),
    "front.guard-not-a-hop": (guard_in_path, guard_attached, WEB + [d("web-protection", "waf")], None),
    "front.cloudfront-origin": (lambda: cloudfront_to("s3-glacier-deep-archive"), lambda: cloudfront_to("s3-standard"),
                                WEB, None),
    "front.accelerator-endpoint": (lambda: accelerator_to("api-gateway"), lambda: accelerator_to("alb"), [], None),
    "front.dns-target": (lambda: dns_to_private(True), lambda: dns_to_private(False), WEB, None),
    "front.event-target": (lambda: s3_events_to("ec2-auto-scaling"), lambda: s3_events_to("lambda"), [], None),
    "paths.private-service-access": (lambda: private_call("none"), lambda: private_call("endpoint"), [], None),
    "paths.ingress": (lambda: ingress(True), lambda: ingress(False), WEB, None),
    "paths.hybrid-over-link": (lambda: hybrid(False), lambda: hybrid(True), [], None),
    "placement.az-symmetry": (lambda: asymmetric(False), lambda: asymmetric(True), [], None),
    "placement.multi-az-pairs": (lambda: multi_az(False), lambda: multi_az(True), [d("database", "rds-multi-az", "x")],
                                 {"availability": {"scope": "multi-az"}}),
    "placement.load-balancer": (lambda: lb_placement(False), lambda: lb_placement(True), WEB, None),
    "placement.dr-region": (lambda: dr(False), lambda: dr(True), DB + [d("dr-strategy", "pilot-light")], None),
    "coverage.decisions-drawn": (lambda: drawn(False), lambda: drawn(True), DB, None),
    "coverage.drawn-decided": (lambda: drawn(False), lambda: drawn(True), DB, None),
    "coverage.connected": (lambda: lonely(False), lambda: lonely(True), DB + [d("messaging", "sqs-standard", "q")],
                           None),
    "coverage.manual-failover": (lambda: failover_route53("health-checked-failover"), lambda: failover_route53("dns"),
                                 WEB + [d("dns-routing", "failover")], {"availability": {"failover": "manual"}}),
}


def test_every_invariant_has_a_case_that_fires_and_one_that_does_not():
    assert set(CASES) == {i.id for i in invariants()}


@pytest.mark.parametrize("invariant_id", sorted(CASES))
def test_invariant_fires_on_a_design_that_breaks_it(invariant_id):
    broken, _, decisions, workload = CASES[invariant_id]
    found = broken().run(invariant_id, decisions, workload)
    assert found, f"{invariant_id} did not fire"
    assert all(v.invariant == invariant_id and v.message for v in found)


@pytest.mark.parametrize("invariant_id", sorted(CASES))
def test_invariant_is_quiet_on_a_design_that_keeps_it(invariant_id):
    _, kept, decisions, workload = CASES[invariant_id]
    assert kept().run(invariant_id, decisions, workload) == []


def test_a_call_drawn_both_through_an_endpoint_and_around_it_fires():
    found = private_call("both").run("paths.private-service-access")
    assert {v.component for v in found} == {"app-a", "app-b"}
    assert "directly although endpoint" in found[0].message


def test_an_alb_in_one_az_fires_even_in_public_subnets():
    s = Sketch()
    s.users()
    s.apps()
    s.add("lb", "alb", "vpc-1", "load-balancer", role="internet-facing", spans=("subnet-public-1a",))
    s.link("users", "lb").link("lb", "app-a").link("lb", "app-b")
    [violation] = s.run("placement.load-balancer", WEB)
    assert "needs two" in violation.message


def test_a_public_entry_without_an_internet_gateway_fires():
    [violation] = ingress(False, gateway=False).run("paths.ingress", WEB)
    assert "no internet gateway" in violation.message


def test_every_invariant_names_an_aws_fact_and_a_source():
    for item in invariants():
        assert item.title and len(item.fact) > 40, item.id
        assert item.source.startswith("https://docs.aws.amazon.com/"), item.id


def test_check_command_lists_invariants_and_passes_the_blueprints(capsys):
    assert main(["check", "--list"]) == 0
    listed = capsys.readouterr().out
    assert all(item.id in listed for item in invariants())
    import glob
    files = sorted(glob.glob("blueprints/*.yaml"))
    assert main(["check", *files]) == 0
    out = capsys.readouterr().out
    assert f"{len(files)} files, 0 violations" in out


def test_check_command_reports_bad_input_with_status_2(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\navailability: {scope: everywhere}\n")
    assert main(["check", str(bad)]) == 2
    assert "availability.scope" in capsys.readouterr().err


def test_design_refuses_a_design_that_breaks_an_invariant(monkeypatch, tmp_path, capsys):
    """A violation is a bug: design says so, exits 1 and writes nothing."""
    from archadvisor.check import INVARIANTS, Invariant

    monkeypatch.setitem(INVARIANTS, "zz.always", Invariant("zz.always", "t", "f", "s", lambda d: [(None, "broken")]))
    workload = tmp_path / "w.yaml"
    workload.write_text("name: tiny\ndata: [{name: t, kind: key-value}]\n")
    assert main(["design", str(workload), "-o", str(tmp_path / "out")]) == 1
    assert "zz.always: broken" in capsys.readouterr().err
    assert not (tmp_path / "out" / "tiny").exists()
