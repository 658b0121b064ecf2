"""The cost estimate: each formula against hand-worked examples from AWS's pricing pages, the price table's
validation, and the estimate of every blueprint (a total, alternatives' costs, determinism)."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from archadvisor.cost import estimate, load_prices, parse_prices, PriceError
from archadvisor.cost.choices import cost_driven
from archadvisor.cost.pricing import HOURS, SECONDS
from archadvisor.cost.model import costing
from archadvisor.cost.pricing import Item, price
from archadvisor.pipeline import design_document, write_design
from archadvisor.workload import load
from conftest import ROOT, workload_from

BLUEPRINTS = sorted((ROOT / "blueprints").glob("*.yaml"))


def context(data: dict, azs: int = 1, choices: dict | None = None):
    """A costing for a workload in a single region with ``azs`` AZs and the given decisions."""
    workload = workload_from({"name": "cost-test", **data})
    groups = [{"id": "r", "kind": "region", "parent": None}, {"id": "v", "kind": "vpc", "parent": "r"}]
    groups += [{"id": f"az{i}", "kind": "az", "parent": "v"} for i in range(azs)]
    decisions = [{"concern": concern, "subject": None, "choice": choice, "pillars": [], "alternatives": []}
                 for concern, choice in (choices or {}).items()]
    return costing(workload.values, {"decisions": decisions, "components": [], "groups": groups})


def lines_of(ctx, service: str, **item) -> dict[str, float]:
    return {line.item: line.monthly for line in price(ctx, Item(service, **item))}


# --- the price table ------------------------------------------------------------------------------------------

def test_every_price_has_a_unit_a_source_a_read_date_and_how_it_was_checked():
    table = load_prices()
    assert len(table.prices) > 100
    for key, entry in table.prices.items():
        assert entry.unit and entry.source.startswith("https://aws.amazon.com/"), key
        assert len(entry.read) == 10 and entry.checked in ("stored-page", "knowledge"), key
    assert {"us-east-1", "eu-west-1", "eu-west-2", "eu-central-1", "us-east-2", "us-west-2",
            "ap-southeast-2"} <= set(table.factors)


def test_the_table_covers_every_region_the_blueprints_use():
    import yaml

    regions = {yaml.safe_load(path.read_text()).get("region", "us-east-1") for path in BLUEPRINTS}
    assert regions <= set(load_prices().factors)


GOOD = {"region_factors": {"source": "https://aws.amazon.com/ec2/pricing/", "read": "2026-12-06",
                           "checked": "knowledge", "factors": {"us-east-1": 1.0, "eu-west-1": 1.1}},
        "prices": {"x": {"price": 1.0, "unit": "hour", "source": "https://aws.amazon.com/x/pricing/",
                         "read": "2026-12-06", "checked": "knowledge"}}}


@pytest.mark.parametrize("change, message", [
    (lambda p: p.pop("source"), "source is missing"),
    (lambda p: p.pop("unit"), "unit is missing"),
    (lambda p: p.pop("read"), "read is missing"),
    (lambda p: p.update(read="last week"), "not a date"),
    (lambda p: p.update(checked="maybe"), "checked must be one of"),
    (lambda p: p.update(source="https://example.com/prices"), "not an https://aws.amazon.com/"),
    (lambda p: p.update(price=-1), "must be a number >= 0"),
    (lambda p: p.update(regions={"mars-east-1": 2.0}), "no factor"),
    (lambda p: p.update(tiers=[{"price": 1.0}]), "exactly one of price and tiers"),
    (lambda p: p.update(colour="blue"), "unknown keys"),
])
def test_a_bad_price_is_refused_when_the_table_loads(change, message):
    data = copy.deepcopy(GOOD)
    change(data["prices"]["x"])
    with pytest.raises(PriceError, match=message):
        parse_prices(data)
    assert parse_prices(GOOD).prices["x"].unit == "hour"


def test_tiers_are_charged_tier_by_tier_and_regions_without_figures_use_the_factor():
    table = load_prices()
    # S3 Standard, 100 TB in us-east-1: the first 50 TB at $0.023, the next 50 TB at $0.022 per GB-month.
    assert table.quote("s3-standard-gb-month", "us-east-1").charge(102400) == pytest.approx(
        51200 * 0.023 + 51200 * 0.022)
    # Data transfer out, 15 TB: 10 TB at $0.09 and 5 TB at $0.085 = $921.60 + $435.20.
    assert table.quote("data-transfer-out-internet", "us-east-1").charge(15360) == pytest.approx(1356.80)
    listed = table.quote("nat-gateway-hour", "eu-west-1")
    assert listed.rate == 0.048 and listed.how == "listed"
    factored = table.quote("kms-key-month", "eu-central-1")
    assert factored.rate == pytest.approx(1.15) and "regional factor" in factored.how


# --- formulas held to AWS's worked examples ------------------------------------------------------------------------

def test_lambda_matches_example_1_of_the_lambda_pricing_page():
    """512 MB, 3 million requests of 1 s: 1,500,000 GB-s; less the 400,000 GB-s free tier, 1,100,000 GB-s
    = $18.34 at $0.00001667, and 2 million billable requests = $0.40 (aws.amazon.com/lambda/pricing/)."""
    quote = load_prices().quote
    assert quote("lambda-gb-second", "us-east-1").charge(1_100_000) == pytest.approx(18.34, abs=0.01)
    assert quote("lambda-requests", "us-east-1").charge(2) == pytest.approx(0.40)
    # The pricer: requests = peak x average share x seconds a month, 200 ms at 512 MB each; no free tier.
    ctx = context({"users": {"peak_requests": "100/s"}})
    requests = 100 * 0.3 * SECONDS
    got = lines_of(ctx, "lambda")
    assert got["Lambda requests"] == pytest.approx(requests / 1e6 * 0.20)
    assert got["Lambda compute"] == pytest.approx(requests * 0.2 * 0.5 * 0.0000166667)


def test_nat_gateway_is_hours_times_rate_plus_gigabytes_times_rate():
    """The VPC pricing page's example: $0.045 per NAT gateway-hour and $0.045 per GB processed; data
    transfer out to the internet is charged on top."""
    ctx = context({"network": {"private_egress": True, "egress_bandwidth": "100 Mbps"}}, azs=2)
    gigabytes = 100e6 * 0.1 / 8 * SECONDS / 1e9  # 10% of the peak bandwidth, all month
    got = lines_of(ctx, "nat-gateway", concern="internet-egress", count=2)
    assert got["NAT gateway hours"] == pytest.approx(2 * 730 * 0.045)  # $65.70
    assert got["NAT gateway data processed"] == pytest.approx(gigabytes * 0.045)
    assert gigabytes < 10240 and got["Data transfer out to the internet"] == pytest.approx(gigabytes * 0.09)
    instance = lines_of(ctx, "nat-instance")
    assert instance["NAT instance (t4g.small)"] == pytest.approx(730 * 0.0168)
    assert sum(instance.values()) < sum(got.values())


def test_dynamodb_on_demand_is_request_units_and_storage():
    """On-demand: $0.625 per million write request units, $0.125 per million read request units
    (eventually consistent reads use half a unit), $0.25 per GB-month."""
    ctx = context({"data": [{"name": "t", "kind": "key-value", "size": "50 GB", "reads": "1000/s",
                             "writes": "100/s", "stale_reads_ok": True}]})
    got = lines_of(ctx, "dynamodb", concern="database", subject="t")
    assert got["DynamoDB writes (1 KB items)"] == pytest.approx(100 * 0.3 * SECONDS / 1e6 * 0.625)  # $49.28
    assert got["DynamoDB reads (4 KB items)"] == pytest.approx(1000 * 0.3 * SECONDS / 1e6 * 0.5 * 0.125)
    assert got["DynamoDB storage"] == pytest.approx(50 * 0.25)


def test_fargate_is_vcpu_hours_and_gigabyte_hours():
    """$0.000011244 per vCPU-second (the Fargate page's example) is $0.04048 an hour; memory $0.004445/GB-h."""
    assert 0.000011244 * 3600 == pytest.approx(load_prices().quote("fargate-vcpu-hour", "us-east-1").rate, abs=5e-6)
    ctx = context({"users": {"peak_requests": "1000/s"}}, azs=2)
    got = lines_of(ctx, "fargate", concern="compute")
    tasks = 2  # 300 requests/s on average at 250 a task, and never fewer than one per AZ
    assert got["Fargate vCPU"] == pytest.approx(tasks * 730 * 0.04048)
    assert got["Fargate memory"] == pytest.approx(tasks * 2 * 730 * 0.004445)


def test_multi_az_doubles_the_instance_and_the_storage():
    ctx = context({"data": [{"name": "db", "kind": "relational", "engine": "postgresql", "size": "400 GB",
                             "reads": "500/s", "writes": "50/s"}]})
    multi = lines_of(ctx, "rds-multi-az", concern="database", subject="db")
    single = lines_of(ctx, "rds-single-az", concern="database", subject="db")
    assert multi["RDS db.r6g.large instance"] == pytest.approx(2 * 730 * 0.225)  # $328.50
    assert multi["RDS gp3 storage"] == pytest.approx(2 * 400 * 0.115)  # $92.00
    assert sum(multi.values()) == pytest.approx(2 * sum(single.values()))


def test_s3_classes_trade_storage_against_retrieval():
    """100 TB read rarely: Standard $2,252.80 (tiered), Standard-IA $0.0125/GB-month plus $0.01 per GB read."""
    ctx = context({"data": [{"name": "b", "kind": "object", "size": "100 TB", "access": "rare"}]})
    gigabytes = 100_000
    standard = lines_of(ctx, "s3-standard", concern="object-storage", subject="b")
    assert standard["s3-standard storage"] == pytest.approx(51200 * 0.023 + (gigabytes - 51200) * 0.022)
    ia = lines_of(ctx, "s3-standard-ia", concern="object-storage", subject="b")
    assert ia["s3-standard-ia storage"] == pytest.approx(gigabytes * 0.0125)
    assert ia["Retrieval"] == pytest.approx(gigabytes * 0.01 * 0.01)  # 1% of rare data read a month
    deep = lines_of(ctx, "s3-glacier-deep-archive", concern="object-storage", subject="b")
    assert deep["s3-glacier-deep-archive storage"] == pytest.approx(gigabytes * 0.00099)


def test_kinesis_is_shard_hours_and_put_payload_units():
    ctx = context({"messaging": [{"name": "s", "rate": "1000/s"}]})
    got = lines_of(ctx, "kinesis-data-streams", concern="messaging", subject="s")
    assert got["Kinesis shards"] == pytest.approx(730 * 0.015)  # one shard takes 1,000 records/s
    assert got["Kinesis PUT payload units"] == pytest.approx(1000 * 0.3 * SECONDS / 1e6 * 0.014)


def test_alb_charges_hours_and_the_largest_capacity_dimension():
    ctx = context({"users": {"peak_requests": "1000/s"}, "entry": {"protocol": "http"}})
    got = lines_of(ctx, "alb", concern="load-balancer")
    assert got["Application Load Balancer hours"] == pytest.approx(730 * 0.0225)
    per_hour = max(300 / 10 / 25, 300 * 20e3 * 3600 / 1e9)  # new connections vs GB processed
    assert got["Load balancer capacity units"] == pytest.approx(per_hour * 730 * 0.008)


def test_purchasing_options_scale_the_on_demand_fleet():
    ctx = context({"users": {"peak_requests": "3000/s"}, "compute": {"commitment": "3y"}}, azs=2,
                  choices={"ec2-purchasing": "reserved-standard"})
    on_demand = lines_of(ctx, "ec2-auto-scaling", options={"purchasing": "on-demand"})
    reserved = lines_of(ctx, "ec2-auto-scaling", concern="compute")
    instances = 2  # 900 requests/s on average at 500 an instance
    assert on_demand["m6i.large instances"] == pytest.approx(instances * 730 * 0.096)
    assert reserved["m6i.large instances"] == pytest.approx(instances * 730 * 0.096 * 0.43)


# --- every blueprint --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def designs():
    return {path.stem: (load(path), design_document(load(path))) for path in BLUEPRINTS}


def test_every_blueprint_has_a_cost_with_a_total_tiers_drivers_and_assumptions(designs):
    for name, (_, doc) in designs.items():
        cost = doc["cost"]
        assert cost["monthly_total"] > 0, name
        assert sum(t["monthly"] for t in cost["by_tier"]) == pytest.approx(cost["monthly_total"], abs=0.1), name
        assert cost["drivers"] and cost["assumptions"] and "not a quote" in cost["label"], name
        assert {"taxes", "AWS Support plans"} <= set(cost["leaves_out"]), name
        for component in cost["components"]:
            assert component["lines"] or component.get("note"), (name, component["service"])
            assert "not priced" not in component.get("note", ""), (name, component["service"])
            for line in component["lines"]:
                assert line["quantity"] >= 0 and line["price"] in load_prices().prices, (name, line)


def test_every_cost_driven_decision_shows_its_alternatives_costs(designs):
    for name, (_, doc) in designs.items():
        compared = {(c["concern"], c["subject"]): c for c in doc["cost"]["decisions"]}
        for decision in doc["decisions"]:
            if not cost_driven(decision):
                continue
            options = compared[(decision["concern"], decision["subject"])]["options"]
            chosen = [o for o in options if o["chosen"]]
            assert len(chosen) == 1 and chosen[0]["monthly"] is not None, (name, decision["concern"])
            priced = [o for o in options if not o["chosen"] and o["monthly"] is not None]
            assert priced, (name, decision["concern"], decision["subject"])
            assert {o["choice"] for o in options} == {decision["choice"]} | {
                a["choice"] for a in decision["alternatives"]}


def test_the_dr_strategies_cost_more_the_more_they_keep_running(designs):
    for name in ("pilot-light-dr", "multi-region-active-active"):
        options = {o["choice"]: o for c in designs[name][1]["cost"]["decisions"] if c["concern"] == "dr-strategy"
                   for o in c["options"]}
        second = [options[s]["second_region"] for s in ("backup-restore", "pilot-light", "warm-standby",
                                                        "multi-site-active-active")]
        assert second == sorted(second) and second[0] < second[-1], name


def test_the_estimate_is_deterministic_and_does_not_depend_on_component_ids(designs):
    for name, (workload, doc) in designs.items():
        again = estimate(workload.values, doc)
        assert json.dumps(again, sort_keys=True) == json.dumps(doc["cost"], sort_keys=True), name
        renamed = copy.deepcopy({k: v for k, v in doc.items() if k != "cost"})
        new_ids = {c["id"]: f"c{i}" for i, c in enumerate(renamed["components"])}
        new_groups = {g["id"]: f"g{i}" for i, g in enumerate(renamed["groups"])}
        for component in renamed["components"]:
            component["id"] = new_ids[component["id"]]
            component["group"] = new_groups.get(component["group"], component["group"])
        for group in renamed["groups"]:
            group["id"] = new_groups[group["id"]]
            group["parent"] = new_groups.get(group["parent"], group["parent"])
        moved = estimate(workload.values, renamed)
        assert moved["monthly_total"] == doc["cost"]["monthly_total"], name
        assert moved["decisions"] == doc["cost"]["decisions"], name


def test_a_bulk_transfer_is_a_one_time_cost():
    doc = design_document(load(ROOT / "blueprints" / "datacenter-migration.yaml"))
    assert doc["cost"]["one_time_total"] > 0
    transfer = next(c for c in doc["cost"]["decisions"] if c["concern"] == "data-transfer")
    chosen = next(o for o in transfer["options"] if o["chosen"])
    assert chosen["one_time"] == doc["cost"]["one_time_total"] and chosen["monthly"] == 0


def test_a_workload_that_gives_no_figures_gets_an_estimate_built_on_listed_assumptions():
    workload = workload_from({"name": "bare", "compute": {"style": "containers"}})
    cost = design_document(workload)["cost"]
    assert cost["monthly_total"] > 0
    assert "peak requests" in {a["name"] for a in cost["assumptions"]}


def test_a_region_without_prices_is_priced_at_us_east_1_and_says_so():
    workload = workload_from({"name": "far", "region": "sa-east-1", "compute": {"style": "containers"}})
    cost = design_document(workload)["cost"]
    assert cost["monthly_total"] > 0 and cost["region"] == "sa-east-1"
    assert any("no figures for sa-east-1" in a["because"] for a in cost["assumptions"])
    assert any("no figures for sa-east-1" in basis for basis in cost["prices"]["regional_basis"])


def test_both_reports_show_the_estimate_and_the_options_costs(tmp_path, designs):
    workload, doc = designs["pilot-light-dr"]
    folder = write_design(workload, doc, tmp_path, formats=())
    markdown = (folder / "report.md").read_text()
    page = (folder / "report.html").read_text()
    total = f"${doc['cost']['monthly_total']:,.2f}"
    for text in (markdown, page):
        assert "Cost estimate" in text and "not a quote" in text and total in text
        assert "Estimated cost" in text and "warm-standby" in text and "Left out: taxes" in text
    assert "## Cost estimate" in markdown and 'id="cost"' in page


def test_every_blueprint_report_has_a_cost_section(tmp_path, designs):
    for name, (workload, doc) in designs.items():
        folder = write_design(workload, doc, tmp_path / name, formats=())
        assert "## Cost estimate" in (folder / "report.md").read_text(), name


def _options(doc: dict, concern: str, subject=None) -> dict:
    found = next(d for d in doc["cost"]["decisions"] if d["concern"] == concern and d["subject"] == subject)
    return {option["choice"]: option for option in found["options"]}


def test_a_compute_savings_plan_discounts_fargate_and_lambda_duration_but_not_requests():
    """Compute Savings Plans are the only commitment that covers Fargate and Lambda: the plan's rate applies to
    Fargate's vCPU and memory and to Lambda's GB-seconds; Reserved Instances leave them at On-Demand."""
    containers = design_document(workload_from({"name": "c", "compute": {
        "style": "containers", "baseline": "60%", "commitment": "3y"}}))
    assert next(d for d in containers["decisions"] if d["concern"] == "ec2-purchasing")["choice"] == \
        "compute-savings-plans"
    options = _options(containers, "ec2-purchasing")
    assert options["compute-savings-plans"]["monthly"] < options["on-demand"]["monthly"]
    assert options["reserved-standard"]["monthly"] == options["on-demand"]["monthly"]  # RIs cover EC2 only
    vcpu = options["compute-savings-plans"]["lines"][0]
    assert vcpu["unit_price"] == pytest.approx(0.04048 * load_prices().quote("purchase-compute-savings-plans-fargate-3y", "us-east-1")
                                               .rate, rel=1e-6)
    functions = design_document(workload_from({"name": "f", "compute": {
        "style": "serverless", "baseline": "50%", "commitment": "1y"}}))
    lines = {line["item"]: line for line in _options(functions, "ec2-purchasing")["compute-savings-plans"]["lines"]}
    on_demand = {line["item"]: line for line in _options(functions, "ec2-purchasing")["on-demand"]["lines"]}
    assert lines["Lambda requests"]["unit_price"] == on_demand["Lambda requests"]["unit_price"]
    assert lines["Lambda compute"]["unit_price"] < on_demand["Lambda compute"]["unit_price"]
