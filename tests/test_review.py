"""The design-review parts of the report: severity, objectives, open questions, --fail-on."""
from pathlib import Path

import pytest

from archadvisor.cli import main
from archadvisor.pipeline import design_document
from archadvisor.render import review
from archadvisor.workload import load

BLUEPRINTS = Path(__file__).resolve().parents[1] / "blueprints"


def test_severity_comes_from_the_rule_table():
    assert review.severity({"rule": "database.rds-failover-slower-than-rto", "message": "x"}) == "high"
    assert review.severity({"rule": "object-storage.glacier-minimum-duration", "message": "x"}) == "low"
    assert review.severity({"rule": "audit.object-level-events", "message": "x"}) == "medium"
    closest = {"rule": "compute.default", "message": "no candidate meets every requirement; x is the closest fit"}
    assert review.severity(closest) == "high"


def test_every_warning_in_the_document_has_a_severity_and_risks_are_ranked():
    doc = design_document(load(BLUEPRINTS / "health-portal.yaml"))
    assert doc["warnings"] and all(w["severity"] in review.SEVERITIES for w in doc["warnings"])
    assert all("severity" in w for d in doc["decisions"] for w in d["warnings"])
    ranked = [review.RANK[r["severity"]] for r in review.risks(doc)]
    assert ranked == sorted(ranked) and ranked[0] == 0  # the residency warning of the edge is high
    risk = review.risks(doc)[0]
    assert risk["mitigation"] and risk["threatens"] == "data residency and compliance"


def test_objectives_are_checked_against_figures_with_sources():
    workload = load(BLUEPRINTS / "three-tier-web.yaml")
    rows = {r["objective"]: r for r in review.objectives(workload.values, design_document(workload))}
    assert set(rows) == {"RTO", "RPO", "Availability", "Peak throughput"}
    assert rows["RTO"]["status"] == "met" and "60 to 120 s" in rows["RTO"]["delivers"]
    assert all(r["source"].startswith("https://") and r["source_title"] for r in rows.values())


def test_objectives_not_met_when_the_figure_is_slower_than_the_objective():
    row = review._compare("RTO", "1m", 60, [review.FIGURES["rds-single-az"]], "rto")
    assert row["status"] == "not met"
    assert review._compare("RTO", "3m", 180, [review.FIGURES["rds-multi-az"]], "rto")["status"] == "at risk"


def test_a_residency_requirement_only_in_the_description_is_an_open_question():
    workload = load(BLUEPRINTS / "health-portal.yaml")
    questions = review.open_questions(workload.values, design_document(workload))
    assert any("one Region (us-east-1)" in q["question"] for q in questions)


def test_report_leads_with_the_summary_and_keeps_the_evidence_in_an_appendix(tmp_path):
    assert main(["design", str(BLUEPRINTS / "health-portal.yaml"), "-o", str(tmp_path)]) == 0
    page = (tmp_path / "health-portal" / "report.html").read_text()
    order = [page.index(f'id="{name}"') for name in ("summary", "architecture", "objectives", "risks",
                                                     "questions", "decisions", "pillars", "appendix")]
    assert order == sorted(order)
    appendix = page.index('id="appendix"')
    # AWS documentation is cited in the main text; the study notes only where a decision has nothing else
    assert page[:appendix].count("study notes") < page[appendix:].count("study notes") / 2
    assert page.count("Sustainability") >= 1 and "@media print" in page


@pytest.mark.parametrize("threshold, status", [("high", 1), ("medium", 1), ("low", 1)])
def test_fail_on_exits_1_after_writing(tmp_path, threshold, status):
    code = main(["design", str(BLUEPRINTS / "health-portal.yaml"), "-o", str(tmp_path), "--fail-on", threshold])
    assert code == status and (tmp_path / "health-portal" / "report.html").exists()


def test_fail_on_passes_when_no_warning_is_that_severe(tmp_path):
    doc = design_document(load(BLUEPRINTS / "three-tier-web.yaml"))
    assert not review.at_or_above(doc, "high")
    assert main(["design", str(BLUEPRINTS / "three-tier-web.yaml"), "-o", str(tmp_path), "--fail-on", "high"]) == 0
    assert main(["design", str(BLUEPRINTS / "three-tier-web.yaml"), "-o", str(tmp_path), "--fail-on", "medium"]) == 1


def test_gallery_counts_warnings_by_severity():
    from archadvisor.gallery.render import Entry, index_page

    page = index_page([Entry("a.yaml", "a", True, 0.1, "", 3, 3, "x", severities={"high": 1, "medium": 0, "low": 2})])
    assert '<span class="sev high">1 high</span>' in page and '2 low' in page and "0 medium" not in page
    assert 'class="thumb"' in page


def test_sources_are_cited_by_title_aws_documentation_first():
    cited = review.cited(["notes: RDS Multi-AZ",
                          "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html"])
    assert [c["title"] for c in cited] == ["Amazon ECS Developer Guide: AWS Fargate", "study notes: RDS Multi-AZ"]
    assert cited[0]["url"].startswith("https://") and cited[1]["url"] == ""


def test_severity_of_the_warnings_added_from_the_audits():
    # data a store cannot hold or take: high
    for rule in ("database.aurora-storage-limit",
                 "file-transfer.stores-in-s3-or-efs-only", "messaging.firehose-record-size"):
        assert review.severity({"rule": rule, "message": "x"}) == "high", rule
    # tuning hints and what the design already does: low
    for rule in ("database-proxy.pinned-sessions", "compute.fargate-spot", "messaging.express-workflows",
                 "file-storage.efs-infrequent-access", "object-storage.write-once-read-many",
                 "database.flexible-schema-on-relational", "database.reserved-db-instances",
                 "warehouse.reserved-nodes"):
        assert review.severity({"rule": rule, "message": "x"}) == "low", rule
