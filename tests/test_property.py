"""Property test: random valid workloads, generated from the workload format's own definition, design
without an internal error, with one decision per (concern, subject), and break no invariant of a valid AWS
architecture. CI runs a fixed set of seeds; `ARCHADVISOR_PROPERTY_COUNT=20000 pytest tests/test_property.py`
runs longer, and ARCHADVISOR_PROPERTY_START moves the window of seeds."""
from __future__ import annotations

import os
from collections import Counter

import yaml

from archadvisor.pipeline import design_document
from archadvisor.workload import parse_text
from workload_generator import workload

COUNT = int(os.environ.get("ARCHADVISOR_PROPERTY_COUNT", "2000"))
START = int(os.environ.get("ARCHADVISOR_PROPERTY_START", "0"))


def test_random_workloads_design_into_valid_architectures():
    failures: list[str] = []
    broken: Counter[str] = Counter()
    for seed in range(START, START + COUNT):
        text = yaml.safe_dump(workload(seed), sort_keys=False)
        loaded = parse_text(text, f"generated-{seed}.yaml")  # the generator only writes valid workloads
        try:
            doc = design_document(loaded, strict=False)
        except Exception as error:  # noqa: BLE001 - any exception here is the bug being looked for
            failures.append(f"seed {seed}: internal error {error!r}")
            continue
        pairs = [(d["concern"], d["subject"]) for d in doc["decisions"]]
        if len(pairs) != len(set(pairs)):
            failures.append(f"seed {seed}: duplicate decisions {sorted(p for p, n in Counter(pairs).items() if n > 1)}")
        for violation in doc["checks"]["violations"]:
            broken[violation["invariant"]] += 1
            if broken[violation["invariant"]] <= 3:
                failures.append(f"seed {seed}: {violation['invariant']}: {violation['message']}")
        component_ids = [c["id"] for c in doc["components"]]
        if len(component_ids) != len(set(component_ids)):
            failures.append(f"seed {seed}: duplicate component ids")
        failures.extend(f"seed {seed}: {problem}" for problem in _lost(doc))
    assert not failures, f"{len(failures)} problems; violations by invariant {dict(broken)}:\n" + "\n".join(failures[:40])


def _lost(doc: dict) -> list[str]:
    """Every store and channel keeps a component of its own, linked to the rest (ids that met would give one
    of them the other's links)."""
    linked = {end for link in doc["links"] for end in (link["source"], link["target"])}
    problems = []
    for decision in doc["decisions"]:
        if decision["concern"] not in ("database", "object-storage", "file-storage", "messaging"):
            continue
        key = f"{decision['concern']}:{decision['subject']}"
        own = [c["id"] for c in doc["components"] if c["decision"] == key]
        if not own:
            problems.append(f"{key} has no component")
        elif not linked & set(own) and len(doc["components"]) > 1:
            problems.append(f"{key} has no linked component")
    return problems


def test_the_generator_reaches_every_section_and_both_item_lists():
    seen: Counter[str] = Counter()
    for seed in range(300):
        seen.update(workload(seed).keys())
    for key in ("availability", "users", "entry", "compute", "data", "messaging", "network", "hybrid",
                "analytics", "security"):
        assert seen[key] > 30, key
