"""Per-rule cases, in the style of cfn-guard's test files.

``tests/rules/<concern>.yaml`` maps each rule id to cases where it fires and
cases where it does not. A case is a workload (``name`` may be left out), or
a mapping with ``workload`` and optional checks: ``choice`` (the decision's
choice), ``subject``, ``reason_contains`` and ``evidence`` (field paths that
must appear in the decision's evidence). A rule fires when its verdict is
selected, eliminated, preferred, overruled or warning for some subject of its concern.
The meta-test fails for any rule without both kinds of case.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from archadvisor.rules import concerns, rules
from conftest import advise

CASES_DIR = Path(__file__).parent / "rules"
FIRED = {"selected", "eliminated", "preferred", "overruled", "warning"}


def _load_cases() -> dict[str, dict]:
    cases: dict[str, dict] = {}
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for rule_id, entry in (yaml.safe_load(path.read_text()) or {}).items():
            assert rule_id not in cases, f"{rule_id} has cases in two files"
            cases[rule_id] = entry
    return cases


CASES = _load_cases()


def _params(kind: str) -> list:
    return [pytest.param(rule_id, i, case, id=f"{rule_id}-{kind}-{i}")
            for rule_id, entry in sorted(CASES.items()) for i, case in enumerate(entry.get(kind) or [])]


def _split(case: dict) -> tuple[dict, dict]:
    if "workload" in case:
        return case["workload"], case
    return case, {}


def _verdicts(doc: dict, rule_id: str, subject: object = ...) -> list[dict]:
    concern = rule_id.split(".", 1)[0]
    found = []
    for d in doc["decisions"]:
        if d["concern"] != concern or (subject is not ... and d["subject"] != subject):
            continue
        found.extend(dict(v, decision=d) for v in d["trace"] if v["rule"] == rule_id)
    return found


def test_every_rule_has_cases_that_fire_and_that_do_not():
    missing = [rule_id for rule_id in rules()
               if not CASES.get(rule_id, {}).get("fires") or not CASES.get(rule_id, {}).get("skips")]
    assert not missing, f"rules without both fires and skips cases: {missing}"


def test_cases_name_real_rules():
    unknown = sorted(set(CASES) - set(rules()))
    assert not unknown, f"cases for unknown rules: {unknown}"


@pytest.mark.parametrize("rule_id, index, case", _params("fires"))
def test_rule_fires(rule_id, index, case):
    workload, checks = _split(case)
    doc = advise(workload)
    subject = checks.get("subject", ...)
    fired = [v for v in _verdicts(doc, rule_id, subject) if v["verdict"] in FIRED]
    assert fired, f"{rule_id} did not fire; verdicts: {_verdicts(doc, rule_id)}"
    verdict = fired[0]
    decision = verdict["decision"]
    if "choice" in checks:
        assert decision["choice"] == checks["choice"], decision["reason"]
    if "reason_contains" in checks:
        text = verdict["reason"] + " " + " ".join(w["message"] for w in decision["warnings"])
        assert checks["reason_contains"] in text
    for field in checks.get("evidence", []):
        assert any(read["field"] == field for read in verdict["evidence"]), \
            f"{field} not in evidence {verdict['evidence']}"


@pytest.mark.parametrize("rule_id, index, case", _params("skips"))
def test_rule_does_not_fire(rule_id, index, case):
    workload, checks = _split(case)
    doc = advise(workload)
    fired = [v for v in _verdicts(doc, rule_id, checks.get("subject", ...)) if v["verdict"] in FIRED]
    assert not fired, f"{rule_id} fired: {fired[0]['reason']}"
    if "choice" in checks:
        concern = rule_id.split(".", 1)[0]
        chosen = [d["choice"] for d in doc["decisions"] if d["concern"] == concern]
        assert checks["choice"] in chosen, chosen


def test_every_concern_has_cases():
    covered = {rule_id.split(".", 1)[0] for rule_id in CASES}
    missing = [c.id for c in concerns() if c.id not in covered]
    assert not missing, missing
