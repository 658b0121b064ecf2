"""Behaviour of the decision engine on whole workloads.

The shared scenarios check the choice; these tests check what a reviewer
reads: the reason citing the user's own values, the evidence (field paths
and values), the alternatives with the rules that removed them, warnings for
contradictory inputs, the assumptions applied where the input was silent,
and the shape of the output (one decision per concern and subject, in a
stable order).
"""
from __future__ import annotations

import json

import pytest

from archadvisor.rules import concerns
from conftest import advise, decision


# -- helpers ---------------------------------------------------------------

def alternative(dec: dict, choice: str) -> dict:
    found = [alt for alt in dec["alternatives"] if alt["choice"] == choice]
    assert len(found) == 1, f"{choice} is not an alternative of {dec['concern']}/{dec['subject']}"
    return found[0]


def warning(dec: dict, rule_id: str) -> dict:
    found = [w for w in dec["warnings"] if w["rule"] == rule_id]
    assert found, f"no warning from {rule_id}; warnings: {dec['warnings']}"
    return found[0]


def warning_rules(dec: dict) -> set[str]:
    return {w["rule"] for w in dec["warnings"]}


def read(dec: dict, field: str) -> dict:
    found = [r for r in dec["because"] if r["field"] == field]
    assert found, f"{field} not in the evidence {dec['because']}"
    return found[0]


def assumption(doc: dict, field: str) -> dict:
    found = [a for a in doc["assumptions"] if a["field"] == field]
    assert len(found) == 1, f"assumption {field} not listed once: {doc['assumptions']}"
    return found[0]


def relational(name: str = "orders", **fields) -> dict:
    return {"name": name, "kind": "relational", **fields}


ORACLE = relational("erp", engine="oracle")
MYSQL = relational("orders", engine="mysql")


# -- alternatives carry the rules that eliminated them ------------------------

@pytest.mark.parametrize("loser", ["aurora", "aurora-serverless", "aurora-global-database"])
def test_oracle_store_rejects_every_aurora_flavour_by_engine(loser):
    doc = advise({"data": [ORACLE]})
    dec = decision(doc, "database", "erp")
    assert dec["choice"] == "rds-multi-az"
    alt = alternative(dec, loser)
    assert alt["how"] == "eliminated"
    assert "database.aurora-engines" in alt["rules"]
    assert "oracle" in alt["rejected"]
    assert "MySQL and PostgreSQL" in alt["rejected"]


def test_relational_store_rejects_non_relational_services_citing_kind():
    dec = decision(advise({"data": [MYSQL]}), "database", "orders")
    for loser in ("dynamodb", "dynamodb-global-tables", "timestream", "redshift"):
        alt = alternative(dec, loser)
        assert alt["rules"] == ["database.relational-needs-sql"]
        assert "kind is relational" in alt["rejected"]


def test_single_az_rejected_because_the_derived_scope_must_survive_an_az_loss():
    dec = decision(advise({"availability": {"rto": "30m"}, "data": [MYSQL]}), "database", "orders")
    alt = alternative(dec, "rds-single-az")
    assert alt["rules"] == ["database.single-az-cannot-survive-az-loss"]
    assert "scope is multi-az" in alt["rejected"]


def test_outranked_alternative_names_both_rows_and_the_winning_reason():
    dec = decision(advise({"availability": {"rto": "30s"}, "data": [MYSQL]}), "database", "orders")
    assert dec["choice"] == "aurora"
    alt = alternative(dec, "rds-multi-az")
    assert alt["how"] == "outranked"
    assert alt["rules"] == ["database.aurora-fast-failover", "database.multi-az"]
    assert "rto is 30s" in alt["rejected"]


def test_not_indicated_alternative_says_which_field_was_missing():
    dec = decision(advise({"messaging": [{"name": "jobs", "rate": "200/s"}]}), "messaging", "jobs")
    alt = alternative(dec, "kinesis-data-streams")
    assert alt["how"] == "not-indicated"
    assert "messaging.stream-replay" in alt["rules"]
    assert "messaging[jobs].replay is not given" in alt["rejected"]


def test_every_alternative_is_explained_and_every_choice_accounted_for():
    doc = advise({
        "availability": {"rto": "30s"},
        "data": [relational("orders", engine="mysql", reads="5k/s", stale_reads_ok=True, latency="microseconds")],
        "messaging": [{"name": "events", "consumers": 3}],
        "hybrid": {"link": {"private": True}, "storage": {"protocol": "nfs"},
                   "migration": {"data": "10 TB", "bandwidth": "1 Gbps"}},
    })
    by_id = {c.id: c for c in concerns()}
    mine = [d for d in doc["decisions"] if d["concern"] in
            {"database", "read-scaling", "cache", "messaging", "hybrid-connectivity", "hybrid-storage",
             "data-transfer"}]
    assert len(mine) == 7
    for dec in mine:
        listed = {dec["choice"]} | {alt["choice"] for alt in dec["alternatives"]}
        assert listed == set(by_id[dec["concern"]].choices)
        for alt in dec["alternatives"]:
            assert alt["rejected"].strip() and alt["rules"], alt
            assert all(rule.startswith(dec["concern"] + ".") for rule in alt["rules"]), alt


# -- warnings for contradictory inputs -------------------------------------------

def test_exactly_once_at_50k_per_second_warns_and_eliminates_fifo_citing_its_limit():
    doc = advise({"messaging": [{"name": "payments", "rate": "50k/s", "delivery": "exactly-once"}]})
    dec = decision(doc, "messaging", "payments")
    message = warning(dec, "messaging.exactly-once-unavailable")["message"]
    assert "exactly-once" in message and "50k/s" in message and "idempotent" in message
    fifo = alternative(dec, "sqs-fifo")
    assert fifo["how"] == "eliminated"
    assert fifo["rules"] == ["messaging.fifo-throughput"]
    assert "3000/s" in fifo["rejected"] and "50k/s" in fifo["rejected"]
    # the document-level list repeats the warning with its concern and subject
    assert {"concern": "messaging", "subject": "payments", "rule": "messaging.exactly-once-unavailable",
            "message": message} in doc["warnings"]


@pytest.mark.parametrize("rate, choice, warned", [
    ("3000/s", "sqs-fifo", False),
    ("3001/s", "sqs-standard", True),
])
def test_exactly_once_at_the_fifo_limit(rate, choice, warned):
    dec = decision(advise({"messaging": [{"name": "q", "rate": rate, "delivery": "exactly-once"}]}), "messaging", "q")
    assert dec["choice"] == choice
    assert ("messaging.exactly-once-unavailable" in warning_rules(dec)) is warned
    if choice == "sqs-fifo":
        assert "above 300/s" in warning(dec, "messaging.fifo-needs-batching")["message"]


def test_rto_of_seconds_with_single_az_scope_warns_about_the_contradiction():
    doc = advise({"availability": {"scope": "single-az", "rto": "30s"}, "data": [MYSQL]})
    dec = decision(doc, "database", "orders")
    message = warning(dec, "database.single-az-with-short-rto")["message"]
    assert "scope is single-az but rto is 30s" in message
    # the given scope is not an assumption; the failover derived from the RTO is
    assert not [a for a in doc["assumptions"] if a["field"] == "availability.scope"]
    assert assumption(doc, "availability.failover")["value"] == "automatic"


def test_single_az_with_manual_failover_and_short_rto_keeps_single_az_but_warns():
    doc = advise({"availability": {"scope": "single-az", "failover": "manual", "rto": "30s"}, "data": [ORACLE]})
    dec = decision(doc, "database", "erp")
    assert dec["choice"] == "rds-single-az"
    assert {"database.single-az-with-short-rto", "database.rds-failover-slower-than-rto"} <= warning_rules(dec)


def test_single_az_scope_overridden_by_automatic_failover_explains_the_failover():
    dec = decision(advise({"availability": {"scope": "single-az", "rto": "10m"}, "data": [MYSQL]}),
                   "database", "orders")
    assert dec["choice"] == "rds-multi-az"
    assert "failover is automatic" in dec["reason"]
    assert read(dec, "availability.failover")["holds"] is True
    assert read(dec, "availability.scope")["holds"] is False


def test_oracle_with_30s_rto_stays_on_multi_az_rds_and_warns_it_is_too_slow():
    dec = decision(advise({"availability": {"rto": "30s"}, "data": [ORACLE]}), "database", "erp")
    assert dec["choice"] == "rds-multi-az"
    message = warning(dec, "database.rds-failover-slower-than-rto")["message"]
    assert "rto is 30s" in message and "oracle" in message and "1-2 minutes" in message
    assert alternative(dec, "aurora")["rules"] == ["database.aurora-engines"]
    # aurora's fast-failover row held, but its choice had been eliminated
    row = next(v for v in dec["trace"] if v["rule"] == "database.aurora-fast-failover")
    assert row["verdict"] == "overruled"
    assert "rto is 30s" in row["reason"]


def test_link_needed_in_two_days_but_private_and_consistent_starts_on_an_interim_vpn():
    doc = advise({"hybrid": {"link": {"private": True, "consistent": True, "needed_within": "2d"}}})
    dec = decision(doc, "hybrid-connectivity")
    assert dec["choice"] == "site-to-site-vpn"
    message = warning(dec, "hybrid-connectivity.interim-vpn")["message"]
    assert "needed within 2d" in message and "order Direct Connect now" in message
    for loser in ("direct-connect", "direct-connect-with-vpn"):
        alt = alternative(dec, loser)
        assert "hybrid-connectivity.dx-lead-time" in alt["rules"]
        assert "needed within 2d" in alt["rejected"]


def test_every_candidate_ruled_out_trades_off_the_soft_requirement_with_a_warning():
    # Oracle cannot run on Aurora (a fact), and RDS takes writes in one region only (a requirement):
    # the closest fit keeps the engine and gives up multi-region writes, and says so.
    dec = decision(advise({"data": [relational("erp", engine="oracle", multi_region_writes=True)]}),
                   "database", "erp")
    assert dec["choice"] == "rds-multi-az"
    message = " ".join(w["message"] for w in dec["warnings"])
    assert "no candidate meets every requirement" in message and "single region" in message
    assert all(alt["how"] == "eliminated" for alt in dec["alternatives"])
    assert "database.aurora-engines" in alternative(dec, "aurora-global-database")["rules"]


def test_recurring_transfer_that_needs_edge_compute_is_flagged_not_crashed():
    dec = decision(advise({"hybrid": {"migration": {"data": "10 TB", "bandwidth": "1 Gbps", "recurring": True,
                                                    "edge_compute": True}}}), "data-transfer")
    assert dec["choice"] == "online-transfer"
    assert any("no candidate meets every requirement" in w["message"] for w in dec["warnings"])
    assert "data-transfer.devices-are-one-off" in alternative(dec, "snowball-edge")["rules"]


def test_global_tables_with_strong_reads_warn_about_cross_region_lag():
    dec = decision(advise({"data": [{"name": "sessions", "kind": "key-value", "multi_region_writes": True,
                                     "stale_reads_ok": False}]}), "database", "sessions")
    assert dec["choice"] == "dynamodb-global-tables"
    assert "last-writer-wins" in warning(dec, "database.global-tables-consistency")["message"]


def test_multi_region_mysql_on_rds_warns_without_blaming_the_engine():
    dec = decision(advise({"availability": {"scope": "multi-region", "rpo": "4h"}, "data": [MYSQL]}),
                   "database", "orders")
    assert dec["choice"] == "rds-multi-az"
    message = warning(dec, "database.cross-region-rds-backups")["message"]
    assert "automated backups of orders to the other region" in message
    assert "cannot use Aurora" not in message
    minutes = decision(advise({"availability": {"scope": "multi-region", "rpo": "10m"},
                               "data": [dict(MYSQL, engine="oracle")]}), "database", "orders")
    assert "cross-region read replica" in warning(minutes, "database.cross-region-rds")["message"]


# -- derived facts as evidence ---------------------------------------------------

def test_transfer_days_is_evidence_with_its_value_text():
    dec = decision(advise({"hybrid": {"migration": {"data": "100 TB", "bandwidth": "100 Mbps", "deadline": "3w"}}}),
                   "data-transfer")
    assert dec["choice"] == "snowball"
    fact = read(dec, "derived.transfer_days")
    assert fact["value"] == "92.59 days"
    assert fact["test"] == "transfer_days > 7 days" and fact["holds"] is True
    assert "ship 2 devices of 80 TB" in dec["reason"]
    assert "100 TB over 100 Mbps takes 92.59 days" in dec["reason"]


def test_missed_deadline_cites_both_derived_facts():
    dec = decision(advise({"hybrid": {"migration": {"data": "10 TB", "bandwidth": "1 Gbps", "deadline": "20h"}}}),
                   "data-transfer")
    alt = alternative(dec, "online-transfer")
    assert alt["rules"] == ["data-transfer.link-misses-deadline"]
    assert "the link needs 0.93 days" in alt["rejected"] and "the deadline is 20h" in alt["rejected"]
    elimination = next(v for v in dec["trace"] if v["rule"] == "data-transfer.link-misses-deadline")
    fields = {r["field"]: r["value"] for r in elimination["evidence"]}
    assert fields["derived.deadline_days"] == "0.83 days"
    assert fields["derived.transfer_days"].startswith("0.93 days")


@pytest.mark.parametrize("data, choice", [
    ("75.6 TB", "online-transfer"),   # exactly 7 days over 1 Gbps
    ("75.7 TB", "snowball"),          # 7.01 days
])
def test_transfer_of_exactly_a_week_stays_online(data, choice):
    dec = decision(advise({"hybrid": {"migration": {"data": data, "bandwidth": "1 Gbps"}}}), "data-transfer")
    assert dec["choice"] == choice


def test_windows_file_store_is_a_derived_fact_in_the_evidence():
    dec = decision(advise({"hybrid": {"storage": {"protocol": "smb"}},
                           "data": [{"name": "home-drives", "kind": "file", "os": "windows"}]}), "hybrid-storage")
    assert dec["choice"] == "fsx-windows"
    assert read(dec, "derived.windows_file_store")["value"] == "yes"


def test_unknown_link_bandwidth_is_flagged_when_moving_data_online():
    dec = decision(advise({"hybrid": {"migration": {"data": "100 TB"}}}), "data-transfer")
    assert dec["choice"] == "online-transfer"
    message = warning(dec, "data-transfer.transfer-time-unknown")["message"]
    assert "100 TB" in message and "2 devices of 80 TB" in message


# -- assumptions --------------------------------------------------------------

def test_workload_with_only_a_name_has_no_decisions_and_assumes_the_region():
    doc = advise({"name": "empty"})
    assert doc["workload"] == "empty"
    assert doc["decisions"] == [] and doc["warnings"] == []
    region = assumption(doc, "region")
    assert region["value"] == "us-east-1" and region["because"] == "default of the workload format"


def test_cost_priority_default_is_an_assumption_once_a_rule_reads_it():
    doc = advise({"data": [MYSQL]})
    cost = assumption(doc, "cost_priority")
    assert cost["value"] == "balanced" and "default" in cost["because"]


@pytest.mark.parametrize("rto, scope, because", [
    ("30s", "multi-az", "derived from availability.rto = 30s"),
    ("59m", "multi-az", "< 1h"),
    ("1h", "single-az", ">= 1h"),
    (None, "multi-az", "no rto given"),
])
def test_scope_derived_from_rto_is_listed_with_its_because(rto, scope, because):
    workload = {"data": [MYSQL]}
    if rto:
        workload["availability"] = {"rto": rto}
    doc = advise(workload)
    found = assumption(doc, "availability.scope")
    assert found["value"] == scope
    assert because in found["because"]
    # the elimination of single-AZ RDS read the derived scope
    dec = decision(doc, "database", "orders")
    row = next(v for v in dec["trace"] if v["rule"] == "database.single-az-cannot-survive-az-loss")
    assert row["evidence"][0]["field"] == "availability.scope" and row["evidence"][0]["value"] == scope


@pytest.mark.parametrize("rto, failover", [("14m", "automatic"), ("15m", "manual")])
def test_failover_derived_from_rto(rto, failover):
    # with scope single-az the Multi-AZ row has to read the failover mode
    doc = advise({"availability": {"rto": rto, "scope": "single-az"}, "data": [ORACLE]})
    found = assumption(doc, "availability.failover")
    assert found["value"] == failover
    assert f"availability.rto = {rto}" in found["because"]


def test_given_fields_are_not_assumptions():
    doc = advise({"region": "eu-west-1", "cost_priority": "lowest",
                  "availability": {"rto": "30s", "scope": "multi-az", "failover": "automatic"},
                  "data": [relational("pages", engine="mysql", latency="microseconds")]})
    fields = {a["field"] for a in doc["assumptions"]}
    assert not fields & {"region", "cost_priority", "availability.scope", "availability.failover"}


# -- one decision per (concern, subject), none for concerns not raised ----------

def test_relational_store_without_stale_reads_ok_gets_no_read_scaling():
    doc = advise({"data": [relational("orders", engine="mysql", reads="20k/s")]})
    assert [d["concern"] for d in doc["decisions"] if d["subject"] == "orders"] == ["database"]


@pytest.mark.parametrize("store", [
    {"stale_reads_ok": False, "reads": "5k/s"},
    {"stale_reads_ok": True},
])
def test_read_scaling_needs_both_reads_and_stale_reads_ok(store):
    doc = advise({"data": [relational("orders", engine="mysql", **store)]})
    assert not [d for d in doc["decisions"] if d["concern"] == "read-scaling"]


def test_no_cache_without_microsecond_latency():
    doc = advise({"data": [relational("orders", engine="mysql", latency="milliseconds"),
                           {"name": "carts", "kind": "key-value"}]})
    assert not [d for d in doc["decisions"] if d["concern"] == "cache"]


def test_dr_strategy_only_when_multi_region_is_asked_for():
    assert not [d for d in advise({"availability": {"rto": "30s"}})["decisions"] if d["concern"] == "dr-strategy"]
    assert decision(advise({"availability": {"scope": "multi-region"}}), "dr-strategy")["choice"] == "backup-restore"


def test_hybrid_sections_raise_only_their_own_concern():
    doc = advise({"hybrid": {"link": {"bandwidth": "200 Mbps"}}})
    raised = {d["concern"] for d in doc["decisions"]}
    assert "hybrid-connectivity" in raised
    assert not raised & {"hybrid-storage", "data-transfer"}


def test_exactly_one_decision_per_concern_and_subject_on_a_mixed_workload():
    doc = advise({
        "availability": {"scope": "multi-region", "rto": "10m", "rpo": "1m"},
        "data": [relational("orders", engine="postgresql", reads="40k/s", stale_reads_ok=True, latency="microseconds"),
                 relational("erp", engine="oracle", reads="1k/s", stale_reads_ok=True),
                 {"name": "carts", "kind": "key-value", "latency": "microseconds"},
                 {"name": "metrics", "kind": "time-series"}],
        "messaging": [{"name": "orders-q", "ordering": "strict", "rate": "100/s"},
                      {"name": "clicks", "replay": True, "consumers": 4}],
        "hybrid": {"link": {"private": True}, "storage": {"protocol": "tape"},
                   "migration": {"data": "1 PB", "bandwidth": "1 Gbps"}},
    })
    keys = [(d["concern"], d["subject"]) for d in doc["decisions"]]
    assert len(keys) == len(set(keys))
    expected = {
        ("dr-strategy", None): "warm-standby",
        ("database", "orders"): "aurora-global-database",
        ("database", "erp"): "rds-multi-az",
        ("database", "carts"): "dynamodb-global-tables",
        ("database", "metrics"): "timestream",
        ("read-scaling", "orders"): "aurora-replicas",
        ("read-scaling", "erp"): "rds-read-replicas",
        ("cache", "orders"): "elasticache-redis",
        ("cache", "carts"): "dax",
        ("messaging", "orders-q"): "sqs-fifo",
        ("messaging", "clicks"): "kinesis-data-streams",
        ("hybrid-connectivity", None): "direct-connect",
        ("hybrid-storage", None): "storage-gateway-tape",
        ("data-transfer", None): "snowball",
    }
    got = {(d["concern"], d["subject"]): d["choice"] for d in doc["decisions"]}
    for key, choice in expected.items():
        assert got.get(key) == choice, key


def test_each_store_is_decided_on_its_own_evidence():
    doc = advise({"data": [relational("a", engine="mysql", load="intermittent"), relational("b", engine="oracle")]})
    first, second = decision(doc, "database", "a"), decision(doc, "database", "b")
    assert first["choice"] == "aurora-serverless" and read(first, "data[a].load")["value"] == "intermittent"
    assert second["choice"] == "rds-multi-az"
    assert all("data[a]" not in r["field"] for v in second["trace"] for r in v["evidence"])


# -- evidence cites the user's own values ----------------------------------------

def test_fast_failover_evidence_records_field_value_test_and_outcome():
    dec = decision(advise({"availability": {"rto": "30s"}, "data": [MYSQL]}), "database", "orders")
    assert dec["rule"] == "database.aurora-fast-failover"
    assert read(dec, "availability.rto") == {"field": "availability.rto", "value": "30s", "test": "rto < 2m",
                                             "holds": True}
    assert dec["thresholds"] == {"rto": "2m"}
    assert "rto is 30s, under 2m" in dec["reason"]
    assert dec["pillars"] == ["reliability"] and dec["sources"]


def test_evidence_keeps_the_users_text_for_quantities():
    dec = decision(advise({"messaging": [{"name": "ticks", "rate": "5k/s", "ordering": "strict"}]}),
                   "messaging", "ticks")
    assert dec["choice"] == "kinesis-data-streams"
    assert read(dec, "messaging[ticks].rate")["value"] == "5k/s"


def test_read_scaling_and_cache_cite_the_database_decision():
    doc = advise({"data": [{"name": "bids", "kind": "key-value", "latency": "microseconds"},
                           relational("erp", engine="oracle", reads="8k/s", stale_reads_ok=True)]})
    dax = decision(doc, "cache", "bids")
    assert dax["choice"] == "dax"
    assert read(dax, "decision.database[bids]")["value"] == "dynamodb"
    assert read(dax, "data[bids].latency")["value"] == "microseconds"
    replicas = decision(doc, "read-scaling", "erp")
    assert replicas["choice"] == "rds-read-replicas"
    assert "the database is rds-multi-az" in alternative(replicas, "aurora-replicas")["rejected"]


def test_stored_volume_evidence_names_both_storage_fields():
    dec = decision(advise({"hybrid": {"storage": {"protocol": "iscsi", "full_copy_on_premises": True}}}),
                   "hybrid-storage")
    assert dec["choice"] == "storage-gateway-volume-stored"
    assert read(dec, "hybrid.storage.protocol")["value"] == "iscsi"
    assert read(dec, "hybrid.storage.full_copy_on_premises")["value"] is True


# -- thresholds on whole workloads ---------------------------------------------

@pytest.mark.parametrize("rto, choice", [("119s", "aurora"), ("2m", "rds-multi-az"), ("PT1M59S", "aurora")])
def test_aurora_failover_threshold(rto, choice):
    assert decision(advise({"availability": {"rto": rto}, "data": [MYSQL]}), "database", "orders")["choice"] == choice


@pytest.mark.parametrize("rate, choice", [("3000/s", "sqs-fifo"), ("3001/s", "kinesis-data-streams")])
def test_strict_order_threshold(rate, choice):
    dec = decision(advise({"messaging": [{"name": "q", "rate": rate, "ordering": "strict"}]}), "messaging", "q")
    assert dec["choice"] == choice
    assert f"{rate}" in dec["reason"]


@pytest.mark.parametrize("data, choice", [("9.9 PB", "snowball"), ("10 PB", "snowmobile"), ("100 PB", "snowmobile")])
def test_snowmobile_threshold(data, choice):
    dec = decision(advise({"hybrid": {"migration": {"data": data, "bandwidth": "10 Gbps"}}}), "data-transfer")
    assert dec["choice"] == choice
    assert data in dec["reason"]


@pytest.mark.parametrize("needed_within, choice", [("27d", "site-to-site-vpn"), ("4w", "direct-connect")])
def test_direct_connect_lead_time_threshold(needed_within, choice):
    dec = decision(advise({"availability": {"rto": "4h"},
                           "hybrid": {"link": {"private": True, "needed_within": needed_within}}}),
                   "hybrid-connectivity")
    assert dec["choice"] == choice
    if choice == "site-to-site-vpn":
        assert f"needed within {needed_within}" in alternative(dec, "direct-connect")["rejected"]
    else:
        assert read(dec, "hybrid.link.private")["value"] is True
        assert "hybrid-connectivity.vpn-crosses-internet" in alternative(dec, "site-to-site-vpn")["rules"]


@pytest.mark.parametrize("bandwidth, choice", [("1.25 Gbps", "site-to-site-vpn"), ("1.3 Gbps", "direct-connect")])
def test_vpn_tunnel_bandwidth_threshold(bandwidth, choice):
    dec = decision(advise({"hybrid": {"link": {"bandwidth": bandwidth}}}), "hybrid-connectivity")
    assert dec["choice"] == choice
    assert bandwidth in dec["reason"]


@pytest.mark.parametrize("reads, choice", [("30k/s", "rds-multi-az"), ("31k/s", "aurora")])
def test_read_heavy_threshold(reads, choice):
    dec = decision(advise({"data": [relational("catalog", engine="postgresql", reads=reads)]}), "database", "catalog")
    assert dec["choice"] == choice


@pytest.mark.parametrize("retention, choice", [("14d", "sqs-standard"), ("15d", "kinesis-data-streams")])
def test_sqs_retention_threshold(retention, choice):
    dec = decision(advise({"messaging": [{"name": "audit", "retention": retention, "purpose": "stream"
                                          if retention == "15d" else "decouple"}]}), "messaging", "audit")
    assert dec["choice"] == choice


@pytest.mark.parametrize("rto, choice", [
    ("59s", "multi-site-active-active"), ("1m", "warm-standby"), ("29m", "warm-standby"), ("30m", "pilot-light"),
])
def test_dr_strategy_thresholds(rto, choice):
    dec = decision(advise({"availability": {"scope": "multi-region", "rto": rto}}), "dr-strategy")
    assert dec["choice"] == choice
    assert f"rto is {rto}" in dec["reason"]


# -- determinism and order -------------------------------------------------------

MIXED = {
    "availability": {"scope": "multi-region", "rto": "10m", "rpo": "5m"},
    "data": [relational("orders", engine="mysql", reads="5k/s", stale_reads_ok=True),
             {"name": "carts", "kind": "key-value", "latency": "microseconds"}],
    "messaging": [{"name": "events", "consumers": 3}, {"name": "jobs"}],
    "hybrid": {"link": {"encrypted": True}, "migration": {"data": "50 TB", "bandwidth": "500 Mbps"}},
}


def test_same_workload_gives_the_same_json_twice():
    first = json.dumps(advise(MIXED), sort_keys=True)
    second = json.dumps(advise(MIXED), sort_keys=True)
    assert first == second


def test_decision_order_follows_the_rule_modules_and_the_file():
    doc = advise(MIXED)
    order = [c.id for c in concerns()]
    positions = [order.index(d["concern"]) for d in doc["decisions"]]
    assert positions == sorted(positions)
    # within a concern, subjects keep the order of the workload file
    assert [d["subject"] for d in doc["decisions"] if d["concern"] == "database"] == ["orders", "carts"]
    assert [d["subject"] for d in doc["decisions"] if d["concern"] == "messaging"] == ["events", "jobs"]
    # the rule modules put resilience before databases and messaging before the hybrid site
    concerns_seen = [d["concern"] for d in doc["decisions"]]
    assert concerns_seen.index("dr-strategy") < concerns_seen.index("database") \
        < concerns_seen.index("read-scaling") < concerns_seen.index("cache") \
        < concerns_seen.index("messaging") < concerns_seen.index("hybrid-connectivity") \
        < concerns_seen.index("data-transfer")


def test_document_is_plain_json():
    doc = advise(MIXED)
    assert json.loads(json.dumps(doc)) == doc
    for dec in doc["decisions"]:
        assert dec["rule"].startswith(dec["concern"] + ".")
        assert dec["reason"] and dec["pillars"] and dec["sources"]


def test_fixed_ips_and_waf_threats_over_http_give_an_alb_behind_global_accelerator():
    """WAF cannot attach to an NLB: allow-listable IPs for a front door WAF must filter come from
    Global Accelerator in front of an ALB, not from an NLB."""
    doc = advise({"entry": {"protocol": "http", "static_ips": True, "threats": ["sql-injection", "xss"]},
                  "compute": {"style": "vms"}})
    assert decision(doc, "load-balancer")["choice"] == "alb"
    assert decision(doc, "load-balancer")["rule"] == "load-balancer.alb-behind-accelerator-for-waf"
    assert decision(doc, "edge")["choice"] == "global-accelerator"
    assert decision(doc, "web-protection")["choice"] == "waf"
    fired = {w["rule"] for d in doc["decisions"] for w in d.get("warnings", [])}
    assert not fired & {"web-protection.waf-needs-layer-7-entry", "load-balancer.waf-cannot-attach-to-nlb"}
    # Without layer-7 threats an NLB still gives the fixed IPs by itself.
    plain = advise({"entry": {"protocol": "http", "static_ips": True}, "compute": {"style": "vms"}})
    assert decision(plain, "load-balancer")["choice"] == "nlb"


def test_closest_fit_breaks_the_fewest_requirements():
    """Replay of a STOMP application's messages, also emailed to people: a stream breaks only the endpoints
    (SNS alone reaches people), a topic only replay, Amazon MQ replay and the endpoints, Kafka (MSK) the
    protocol, the endpoints and its own reason to exist; of the rows that held, the earliest with fewest wins."""
    dec = decision(advise({"messaging": [{"name": "r", "replay": True, "existing_protocol": "stomp",
                                          "endpoints": ["email"]}]}), "messaging", "r")
    assert dec["choice"] == "kinesis-data-streams"
    [closest] = [w["message"] for w in dec["warnings"] if "closest fit" in w["message"]]
    assert "endpoints are [email]" in closest
    # Replay for 400 days, once the closest fit (Kinesis keeps 365 days), is now met in full by Kafka on MSK
    kept = decision(advise({"messaging": [{"name": "r", "replay": True, "retention": "400d"}]}), "messaging", "r")
    assert (kept["choice"], kept.get("closest_fit")) == ("msk", None)


def test_functions_behind_a_websocket_entry_get_a_websocket_api():
    """No load balancer is raised for functions: the WebSocket entry is reached through API Gateway."""
    doc = advise({"entry": {"protocol": "websocket", "realtime_updates": True},
                  "compute": {"pattern": "event-driven", "max_duration": "3s"}})
    assert decision(doc, "compute")["choice"] == "lambda"
    assert decision(doc, "api")["rule"] == "api.gateway-websocket"


def test_functions_called_by_clients_get_an_api_front_door():
    doc = advise({"users": {"audience": "public", "clients": ["mobile"]}, "compute": {"style": "serverless"}})
    assert decision(doc, "api")["rule"] == "api.gateway-for-functions"
    assert not [d for d in doc["decisions"] if d["concern"] == "load-balancer"]
    # functions with no callers (events only) need no front door
    quiet = advise({"compute": {"pattern": "event-driven", "max_duration": "3s"}})
    assert not [d for d in quiet["decisions"] if d["concern"] == "api"]


def test_the_default_choice_is_reported_as_outranked_by_the_deciding_row():
    """Online transfer is the table's default: beaten by the Snowball row, not 'not indicated' by one of
    its own specific rows."""
    dec = decision(advise({"hybrid": {"migration": {"data": "500 TB", "bandwidth": "100 Mbps"}}}), "data-transfer")
    assert dec["choice"] == "snowball"
    online = alternative(dec, "online-transfer")
    assert online["how"] == "outranked" and "data-transfer.snowball does" in online["rejected"]


def test_a_serverless_style_whose_tasks_went_to_fargate_gets_a_load_balancer_not_a_bare_api():
    doc = advise({"users": {"audience": "public"}, "compute": {"style": "serverless", "max_duration": "20m"}})
    assert decision(doc, "compute")["choice"] == "fargate"
    assert decision(doc, "load-balancer")["choice"] == "alb"
    assert not [d for d in doc["decisions"] if d["concern"] == "api"]


def test_websocket_functions_at_fixed_ips_stay_on_api_gateway():
    """An ALB passes no WebSocket connections to Lambda targets."""
    doc = advise({"entry": {"protocol": "websocket", "static_ips": True}, "compute": {"style": "serverless"}})
    assert decision(doc, "api")["choice"] == "api-gateway"
    assert not [d for d in doc["decisions"] if d["concern"] == "load-balancer"]


def test_a_closest_fit_on_the_default_choice_is_explained_by_the_row_that_held():
    """500 TB every time over 1 Gbps: devices cannot repeat, the network is too slow; the closest fit is
    online, explained by the row for repeating transfers, not by the default's 'within a week'."""
    dec = decision(advise({"hybrid": {"migration": {"data": "500 TB", "bandwidth": "1 Gbps", "recurring": True}}}),
                   "data-transfer")
    assert dec["choice"] == "online-transfer" and dec["rule"] == "data-transfer.recurring"
    assert "not more than 7 days" not in dec["reason"]


def test_a_whole_data_set_kept_on_site_with_no_protocol_named_gets_stored_volumes():
    dec = decision(advise({"hybrid": {"storage": {"full_copy_on_premises": True}}}), "hybrid-storage")
    assert dec["choice"] == "storage-gateway-volume-stored"
    assert "protocol is not given and full_copy_on_premises is true" in dec["reason"]
