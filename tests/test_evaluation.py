"""The evaluation set (tests/evaluation/*.yaml): multi-requirement cases drawn from AWS's own material (exam
guide sample questions, whitepapers, Well-Architected labs, AWS Solutions, the Architecture Blog), each citing
its source in ``source:``; the requirements are written in our own words. Same format as tests/scenarios/,
checked the same way, so a rule change that breaks published advice fails here.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import advise, decision
from test_scenarios import _check

EVALUATION = Path(__file__).parent / "evaluation"
FILES = sorted(EVALUATION.glob("*.yaml"))


def _entries() -> list:
    params = []
    for path in FILES:
        for index, expect in enumerate(yaml.safe_load(path.read_text())["expect"]):
            params.append(pytest.param(path, index, id=f"{path.stem}-{expect['concern']}-{expect.get('subject') or 'system'}"))
    return params


def test_the_evaluation_set_has_at_least_sixty_cases_each_with_a_source_and_several_requirements():
    cases = [yaml.safe_load(path.read_text()) for path in FILES]
    several = [case for case in cases if len(case["expect"]) >= 2]
    assert len(several) >= 60, f"{len(several)} of {len(cases)} evaluation cases check two decisions or more"
    for path in FILES:
        case = yaml.safe_load(path.read_text())
        assert {"title", "why", "source", "workload", "expect"} <= set(case), path.name
        assert case["source"].startswith("https://"), path.name
        requirements = [key for key in case["workload"] if key != "name"]
        assert requirements and case["expect"], path.name


@pytest.mark.parametrize("path, index", _entries())
def test_evaluation_expectation(path, index):
    case = yaml.safe_load(path.read_text())
    expect = case["expect"][index]
    found = decision(advise(case["workload"]), expect["concern"], expect.get("subject"))
    for key, value in expect.items():
        if key not in ("concern", "subject"):
            _check(found, key, value)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_evaluation_case_designs_into_a_valid_architecture(path):
    """Deciding right is not enough: each case's whole design is built and holds every invariant of a valid
    AWS architecture (design_document raises DesignInvalid otherwise), with its cost estimated."""
    from archadvisor.pipeline import design_document
    from conftest import workload_from

    doc = design_document(workload_from(yaml.safe_load(path.read_text())["workload"]))
    assert doc["checks"]["violations"] == [] and doc["components"] and doc["cost"]["monthly_total"] >= 0
