"""Every worked scenario gives its expected decisions: the repository's copies in tests/scenarios/ always,
and the shared folder's (../shared/scenarios/, or ARCHADVISOR_SHARED) when it is present.

Each file has a ``workload`` and a list of ``expect`` entries with ``concern``,
``subject`` and the expected ``choice``; any other key of an entry (``rule``,
``warnings``, ``reason_contains``, ...) is checked too. New scenario files are
picked up without touching this test.
"""
from __future__ import annotations

import pytest
import yaml

from conftest import REPO_SCENARIOS, ROOT, SHARED_SCENARIOS, advise, decision, scenario_files

FILES = scenario_files()


def _label(path) -> str:
    """repo/<name> or shared/<name>: the same scenario may be in both places."""
    return ("repo/" if path.is_relative_to(REPO_SCENARIOS) else "shared/") + path.stem


def _entries() -> list:
    params = []
    for path in FILES:
        scenario = yaml.safe_load(path.read_text()) or {}
        for index, expect in enumerate(scenario.get("expect") or []):
            label = f"{_label(path)}-{expect.get('concern')}-{expect.get('subject') or 'system'}"
            params.append(pytest.param(path, index, id=label if index == 0 else f"{label}-{index}"))
    return params


def _check(found: dict, key: str, expected: object) -> None:
    if key == "reason_contains":
        assert expected in found["reason"], found["reason"]
    elif key in ("warnings", "warning"):
        rules = {w["rule"] for w in found["warnings"]}
        wanted = expected if isinstance(expected, list) else [expected]
        assert set(wanted) <= rules, f"warnings {sorted(rules)} lack {wanted}"
    elif key == "evidence":
        fields = {read["field"] for read in found["because"]}
        assert set(expected) <= fields, f"evidence {sorted(fields)} lacks {expected}"
    else:
        assert found.get(key) == expected, f"{key}: expected {expected!r}, got {found.get(key)!r} " \
                                           f"({found['rule']}: {found['reason']})"


def test_the_repository_keeps_its_scenarios():
    assert len(scenario_files(include_shared=False)) >= 50, f"scenario files missing from {REPO_SCENARIOS}"


def test_the_shared_scenarios_are_found(shared_dir):
    assert sorted(SHARED_SCENARIOS.glob("*.yaml")), f"no scenario files in {SHARED_SCENARIOS}"


def test_every_shared_scenario_has_a_copy_in_the_repository(shared_dir):
    """The shared files are the team's checks: a new one must be copied into tests/scenarios/ too."""
    missing = sorted(p.name for p in SHARED_SCENARIOS.glob("*.yaml") if not (REPO_SCENARIOS / p.name).exists())
    assert not missing, f"copy {missing} into {REPO_SCENARIOS.relative_to(ROOT)}"


@pytest.mark.parametrize("path, index", _entries())
def test_scenario_expectation(path, index):
    scenario = yaml.safe_load(path.read_text())
    expect = scenario["expect"][index]
    doc = advise(scenario["workload"])
    found = decision(doc, expect["concern"], expect.get("subject"))
    for key, value in expect.items():
        if key not in ("concern", "subject"):
            _check(found, key, value)


@pytest.mark.parametrize("path", FILES, ids=[_label(p) for p in FILES])
def test_scenario_gives_one_decision_per_concern_and_subject(path):
    doc = advise(yaml.safe_load(path.read_text())["workload"])
    keys = [(d["concern"], d["subject"]) for d in doc["decisions"]]
    assert len(keys) == len(set(keys)), keys


@pytest.mark.parametrize("path", scenario_files(include_shared=False), ids=lambda p: p.stem)
def test_every_scenario_designs_into_a_valid_architecture(path):
    """Each worked case's whole design is built and holds every invariant (DesignInvalid otherwise)."""
    from archadvisor.pipeline import design_document
    from conftest import workload_from

    data = yaml.safe_load(path.read_text())
    doc = design_document(workload_from(data.get("workload", data)))
    assert doc["checks"]["violations"] == [] and doc["components"]
