"""Every concern and every choice id of spec/decisions.md can be produced by some workload."""
from __future__ import annotations

import re

import pytest
import yaml

from archadvisor.engine import run
from archadvisor.knowledge import load_catalogue
from archadvisor.rules import concerns
from archadvisor.workload import load
from conftest import DOCS, ROOT, advise, scenario_files

CASES = ROOT / "tests" / "rules"


def spec_choices(path=DOCS / "decisions.md") -> dict[str, set[str]]:
    """Concern -> choice ids, read from the concern table of a decisions contract (docs/decisions.md, or
    the shared spec/decisions.md)."""
    text = path.read_text()
    table: dict[str, set[str]] = {}
    for line in text.splitlines():
        match = re.match(r"\|\s*`([a-z0-9-]+)`\s*\|[^|]*\|(.*)\|\s*$", line)
        if match:
            table[match.group(1)] = set(re.findall(r"`([a-z0-9-]+)`", match.group(2)))
    return table


def all_workloads() -> list[dict]:
    found = []
    for path in sorted(CASES.glob("*.yaml")):
        for entry in (yaml.safe_load(path.read_text()) or {}).values():
            for case in (entry.get("fires") or []) + (entry.get("skips") or []):
                found.append(case["workload"] if "workload" in case else case)
    for path in scenario_files():
        found.append(yaml.safe_load(path.read_text())["workload"])
    return found


@pytest.fixture(scope="module")
def produced() -> set[tuple[str, str]]:
    pairs = set()
    for workload in all_workloads():
        pairs.update((d["concern"], d["choice"]) for d in advise(workload)["decisions"])
    for path in sorted((ROOT / "blueprints").glob("*.yaml")):
        workload = load(path)
        pairs.update((d.concern, d.choice) for d in run(workload).decisions)
    return pairs


@pytest.mark.parametrize("where", ["docs", "shared"])
def test_the_engine_knows_every_concern_and_choice_of_the_spec(where, request):
    if where == "shared":
        spec = spec_choices(request.getfixturevalue("shared_dir") / "spec" / "decisions.md")
    else:
        spec = spec_choices()
    assert len(spec) >= 38, "could not read the concern table of decisions.md"
    engine = {c.id: set(c.choices) for c in concerns()}
    for concern, choices in spec.items():
        assert concern in engine, f"concern {concern} has no rules"
        assert choices <= engine[concern], f"{concern}: {sorted(choices - engine[concern])} have no rules"
        assert choices <= set(load_catalogue()), f"{concern}: choices missing from the catalogue"


def test_every_choice_of_the_spec_is_produced_by_some_workload(produced):
    missing = sorted((concern, choice) for concern, choices in spec_choices().items() for choice in choices
                     if (concern, choice) not in produced)
    assert not missing, f"no workload produces: {missing}"
