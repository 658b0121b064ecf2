"""Data, storage and transfer (issue 12): services AWS no longer sells keep the exam's answer and name what to
build instead; DataSync moves file shares; the new workload fields load, validate and reach the decisions."""
from __future__ import annotations

import pytest

from archadvisor.cloudformation import generate
from archadvisor.engine.model import Concern, RuleError, Select, Subject, validate
from archadvisor.pipeline import design_document, resolved
from archadvisor.workload import parse_text
from conftest import advise, decision, one, workload_from

SNOWMOBILE = {"name": "dc-exit", "hybrid": {"migration": {"data": "200 PB", "bandwidth": "10 Gbps",
                                                          "deadline": "26w"}}}
SCHEDULE = {"name": "school-hours", "compute": {"style": "vms", "pattern": "scheduled", "commitment": "1y"}}


def designed(data: dict) -> dict:
    """The whole design document: decisions with the drawn components and links."""
    return design_document(workload_from(data))


def _template(data: dict) -> str:
    workload = workload_from(data)
    doc = design_document(workload)
    return repr(generate(doc, resolved(workload, doc)).templates)


def test_snowmobile_stays_the_exams_answer_and_names_datasync_to_build():
    found = decision(advise(SNOWMOBILE), "data-transfer")
    assert found["choice"] == "snowmobile"
    instead = found["replaced_by"]
    assert instead["choice"] == "datasync" and instead["choice_name"] == "AWS DataSync"
    assert instead["message"].startswith("The exam expects AWS Snowmobile; AWS no longer sells it; build AWS DataSync")
    assert "200 PB" in instead["reason"] and "26w" in instead["reason"]
    assert "Data Transfer Terminal" in instead["reason"]


def test_the_snowmobile_design_draws_prices_and_templates_datasync():
    doc = designed(SNOWMOBILE)
    services = {c["service"] for c in doc["components"]}
    assert "datasync" in services and "snowmobile" not in services
    template = _template(SNOWMOBILE)
    assert "AWS::DataSync::LocationS3" in template


def test_scheduled_reserved_instances_name_what_replaces_them():
    found = decision(advise(SCHEDULE), "ec2-purchasing")
    assert found["choice"] == "scheduled-reserved"
    assert found["replaced_by"]["choice"] == "on-demand"
    assert "Capacity Reservations" in found["replaced_by"]["reason"]
    assert "Savings Plan" in found["replaced_by"]["reason"]


def test_the_scheduled_reserved_design_templates_and_prices_what_can_be_bought():
    """The template and the estimate follow ``replaced_by`` (On-Demand), not the retired purchase: no manual
    step to buy Scheduled Reserved Instances, and the fleet priced as what would be bought."""
    data = {**SCHEDULE, "users": {"peak_requests": "200/s"}}
    workload = workload_from(data)
    doc = design_document(workload)
    assert decision(doc, "ec2-purchasing")["choice"] == "scheduled-reserved"  # the exam's answer stays
    result = generate(doc, resolved(workload, doc))
    assert not [m.step for m in result.manual if "buy the scheduled" in m.step.lower()]
    assert [m.step for m in result.manual if "Capacity Reservations hold" in m.step]  # what replaces them
    fleet = [line for item in doc["cost"]["components"] if item["service"] == "ec2-auto-scaling"
             for line in item["lines"]]
    assert fleet and all(line["note"].endswith("on demand") for line in fleet)


def test_a_service_still_sold_has_no_replacement():
    snowball = {"name": "media", "hybrid": {"migration": {"data": "100 TB", "bandwidth": "100 Mbps",
                                                         "deadline": "3w"}}}
    found = decision(advise(snowball), "data-transfer")
    assert found["choice"] == "snowball" and "replaced_by" not in found


def test_a_replacement_must_be_a_catalogue_id_with_a_reason():
    def concern(**extra) -> Concern:
        row = Select(id="x.row", title="t", rationale="r", sources=("notes: x",), pillars=("reliability",),
                     reason="because", choice="a", **extra)
        return Concern(id="x", title="X", subject_kind="none", choices=("a",), raised=lambda c: [Subject(None)],
                       rules=(row,))
    validate([concern(replaced_by="b", replacement="why")], {"a", "b"})
    with pytest.raises(RuleError, match="replaced_by"):
        validate([concern(replaced_by="missing", replacement="why")], {"a", "b"})
    with pytest.raises(RuleError, match="replaced_by"):
        validate([concern(replaced_by="b")], {"a", "b"})


def test_the_report_says_what_the_exam_expects_and_what_to_build(tmp_path):
    from archadvisor.cli import main
    path = tmp_path / "dc-exit.yaml"
    path.write_text("name: dc-exit\nhybrid:\n  migration:\n    data: 200 PB\n    bandwidth: 10 Gbps\n"
                    "    deadline: 26w\n")
    assert main(["design", str(path), "-o", str(tmp_path / "out")]) == 0
    report = (tmp_path / "out" / "dc-exit" / "report.md").read_text()
    assert "The exam expects AWS Snowmobile; AWS no longer sells it; build AWS DataSync" in report


# -- DataSync ---------------------------------------------------------------------------------------------------
def test_a_migration_source_loads_and_a_wrong_one_is_refused():
    workload = parse_text("name: nightly\nhybrid:\n  migration:\n    data: 2 TB\n    source: nfs\n")
    assert workload.values["hybrid"]["migration"]["source"] == "nfs"
    problem = one("name: nightly\nhybrid:\n  migration:\n    source: nsf\n")
    assert problem.path == "hybrid.migration.source" and "did you mean 'nfs'?" in problem.hint


def test_datasync_writes_into_the_file_system_that_a_share_moves_to():
    data = {"name": "share-move", "hybrid": {"migration": {"data": "5 TB", "bandwidth": "1 Gbps", "source": "nfs"}},
            "compute": {"style": "vms"},
            "data": [{"name": "home", "kind": "file", "protocol": "nfs", "shared": True}]}
    doc = designed(data)
    assert decision(doc, "data-transfer")["choice"] == "datasync"
    node = next(c["id"] for c in doc["components"] if c["service"] == "datasync")
    efs = next(c["id"] for c in doc["components"] if c["service"] == "efs")
    assert any(link["source"] == node and link["target"] == efs for link in doc["links"])


# -- a retrieval time as a duration, and how objects age --------------------------------------------------------
def test_retrieval_takes_a_word_or_a_duration():
    from archadvisor.workload.units import Duration
    workload = parse_text("name: vault\ndata:\n  - name: a\n    retrieval: minutes\n  - name: b\n    retrieval: 4h\n"
                          "  - name: c\n    infrequent_after: 90d\n    archive_after: 1y\n")
    stores = workload.values["data"]
    assert stores[0]["retrieval"] == "minutes"
    assert stores[1]["retrieval"] == Duration.parse("4h")
    assert stores[2]["infrequent_after"] == Duration.parse("90d")
    assert workload.plain()["data"][1]["retrieval"] == "4h"


@pytest.mark.parametrize("text, said", [
    ("soon", "is neither one of the allowed values nor a duration"),
    ("minuts", "did you mean 'minutes'?"),
    ("0", "or a duration"),
])
def test_a_retrieval_that_is_neither_word_nor_duration_is_refused(text, said):
    problem = one(f"name: vault\ndata:\n  - name: a\n    retrieval: {text}\n")
    assert problem.path == "data[0].retrieval" and said in str(problem) + problem.hint
    assert "4h" in problem.hint and "milliseconds" in problem.hint


def test_the_schema_says_retrieval_is_a_word_or_a_duration():
    from archadvisor.workload.jsonschema import workload_schema
    import jsonschema
    schema = workload_schema()
    for value, valid in (("hours", True), ("4h", True), ("PT30M", True), ("soon", False), (0, False)):
        doc = {"name": "vault", "data": [{"name": "a", "retrieval": value}]}
        assert jsonschema.Draft202012Validator(schema).is_valid(doc) is valid, value


def test_ageing_fields_belong_to_object_stores():
    problem = one("name: vault\ndata:\n  - name: a\n    kind: file\n    archive_after: 1y\n")
    assert problem.path == "data[0].archive_after"


def test_the_bucket_of_an_ageing_store_carries_the_lifecycle_transitions():
    data = {"name": "invoices", "compute": {"style": "serverless"},
            "data": [{"name": "invoices", "kind": "object", "infrequent_after": "90d", "archive_after": "1y",
                      "retrieval": "12h"}]}
    template = _template(data)
    assert "'StorageClass': 'STANDARD_IA', 'TransitionInDays': 90" in template
    assert "'StorageClass': 'DEEP_ARCHIVE', 'TransitionInDays': 365" in template


@pytest.mark.parametrize("store, steps", [
    ({"infrequent_after": "90d", "archive_after": "1y", "retrieval": "12h"},
     [(90, "s3-standard-ia"), (365, "s3-glacier-deep-archive")]),
    # IA no earlier than 30 days; archive 30 days after IA at the earliest; reproducible data: One Zone-IA
    ({"infrequent_after": "7d", "archive_after": "40d", "reproducible": True},
     [(30, "s3-one-zone-ia"), (60, "s3-glacier-instant-retrieval")]),
    # an archive age before the IA age: straight to the archive class
    ({"infrequent_after": "1y", "archive_after": "90d", "retrieval": "minutes"},
     [(90, "s3-glacier-flexible-retrieval")]),
    ({"archive_after": "30d", "retrieval": "2m"}, [(30, "s3-glacier-instant-retrieval")]),
    ({"access": "rare"}, []),
])
def test_lifecycle_plans(store, steps):
    from archadvisor.rules.lifecycle import transitions
    assert transitions(store, "s3-standard", "balanced") == steps


def test_a_store_read_in_place_never_ages_into_a_restore_first_class_without_a_restore_time():
    from archadvisor.rules.lifecycle import store_plan
    values = {"cost_priority": "lowest", "analytics": {"adhoc_sql_on_objects": True}}
    assert store_plan(values, {"archive_after": "1y"}) == [(365, "s3-glacier-instant-retrieval")]
    assert store_plan({"cost_priority": "lowest"}, {"archive_after": "1y"}) == [(365, "s3-glacier-deep-archive")]


# -- growth per year, and the prices of the new choices ----------------------------------------------------------
def _lines(data: dict, service: str, subject: str | None) -> dict:
    from archadvisor.cost.model import costing
    from archadvisor.cost.pricing import Item, price
    workload = workload_from({"name": "cost-test", **data})
    groups = [{"id": "r", "kind": "region", "parent": None}]
    ctx = costing(workload.values, {"decisions": [], "components": [], "groups": groups})
    return {line.item: (line.quantity, line.note) for line in price(ctx, Item(service, "data", subject))}


def test_growth_prices_an_object_store_at_its_first_years_average_size():
    still = _lines({"data": [{"name": "a", "kind": "object", "size": "100 TB"}]}, "s3-standard", "a")
    growing = _lines({"data": [{"name": "a", "kind": "object", "size": "100 TB", "growth_per_year": "40 TB"}]},
                     "s3-standard", "a")
    storage = next(key for key in still if "storage" in key.lower() or "Standard" in key)
    assert growing[storage][0] == pytest.approx(still[storage][0] + 20_000)


def test_partner_uploads_are_a_twelfth_of_the_yearly_growth():
    found = _lines({"data": [{"name": "a", "kind": "object", "size": "10 TB", "growth_per_year": "1.2 TB",
                              "partner_transfer": "sftp"}]}, "transfer-family", "a")
    quantity, note = found["Transfer Family data uploaded"]
    assert quantity == pytest.approx(100) and "growth_per_year" in note
    assert found["Transfer Family endpoint (one protocol)"][0] == 730


def test_new_choices_have_prices():
    assert _lines({"data": [{"name": "p", "kind": "file", "protocol": "nfs-and-smb", "size": "4 TB"}]},
                  "fsx-ontap", "p")
    assert _lines({}, "direct-connect-gateway", None) == {}  # no charge for the gateway itself
