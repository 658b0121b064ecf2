"""Concern dependencies and the evidence that a concern applies.

Each concern lists the concerns whose decisions it reads; the engine orders them (stable), refuses a
missing dependency or a cycle when the rules load, and refuses a read of an undeclared decision while
deciding. Whether a concern applies is read through the recording accessor: ``raised_by``.
"""
from __future__ import annotations

import pytest

from archadvisor.engine.context import Derived
from archadvisor.engine.evaluate import decide
from archadvisor.engine.model import Concern, RuleError, Select, Subject, ordered
from archadvisor.rules import concerns
from archadvisor.rules.derived import DERIVED_DEFAULTS, FACTS
from conftest import advise, decision, workload_from


def _concern(concern_id: str, *depends_on: str, reads: str | None = None) -> Concern:
    """A one-row concern that reads the decision of ``reads`` (when given)."""
    row = Select(id=f"{concern_id}.default", title="t", rationale="r", sources=("notes: x",),
                 pillars=("reliability",), reason="default", choice="alb",
                 when=(lambda c, t: c.decided(reads, "alb", subject=None) or True) if reads else None)
    default = Select(id=f"{concern_id}.last", title="t", rationale="r", sources=("notes: x",),
                     pillars=("reliability",), reason="default", choice="alb")
    rules = (row, default) if reads else (row,)
    return Concern(id=concern_id, title=concern_id, subject_kind="none", choices=("alb", "nlb"),
                   raised=lambda ctx: [Subject(None)], rules=rules, depends_on=depends_on)


def _ids(items: list[Concern]) -> list[str]:
    return [item.id for item in items]


def test_order_keeps_the_listed_order_when_it_already_respects_dependencies():
    items = [_concern("a"), _concern("b", "a"), _concern("c"), _concern("d", "b", "c")]
    assert _ids(ordered(items)) == ["a", "b", "c", "d"]


def test_a_concern_listed_before_what_it_reads_moves_after_it_and_no_further():
    items = [_concern("lb", "compute"), _concern("x"), _concern("compute"), _concern("y")]
    assert _ids(ordered(items)) == ["x", "compute", "lb", "y"]


def test_a_missing_dependency_is_refused_naming_it():
    with pytest.raises(RuleError, match=r"concern edge depends on \['nowhere'\]"):
        ordered([_concern("edge", "nowhere")])


def test_a_cycle_is_refused_naming_its_members():
    items = [_concern("x"), _concern("a", "c"), _concern("b", "a"), _concern("c", "b")]
    with pytest.raises(RuleError, match=r"cycle: a -> c -> b -> a"):
        ordered(items)


def test_a_concern_depending_on_itself_is_refused():
    with pytest.raises(RuleError, match="depends on itself"):
        ordered([_concern("a", "a")])


def _decide(items: list[Concern]):
    workload = workload_from({})
    return decide(workload, items, Derived(workload, FACTS, DERIVED_DEFAULTS))


def test_reading_a_decision_not_declared_is_refused_while_deciding():
    with pytest.raises(RuleError, match="concern b reads decision.a but does not list 'a' in depends_on"):
        _decide([_concern("a"), _concern("b", reads="a")])


def test_reading_a_declared_decision_is_allowed_and_evidence():
    result = _decide([_concern("a"), _concern("b", "a", reads="a")])
    reads = [read.field for read in result.decisions[1].because]
    assert reads == ["decision.a"]


def test_the_rule_base_is_already_in_dependency_order_so_outputs_keep_their_order():
    loaded = list(concerns())
    position = {item.id: index for index, item in enumerate(loaded)}
    for item in loaded:
        for dependency in item.depends_on:
            assert position[dependency] < position[item.id], (item.id, dependency)
    assert [item.id for item in loaded][0] == "compute"  # the first module's first concern stays first


def test_every_decision_a_rule_cites_is_a_declared_dependency():
    """Reasons quote ``{decision.X}``: X must be declared too (the accessor refuses it otherwise)."""
    import re
    for item in concerns():
        for rule in item.rules:
            for cited in re.findall(r"\{decision\.([a-z0-9-]+)\}", rule.reason):
                assert cited in item.depends_on, f"{rule.id} quotes decision.{cited}"


# -- raised_by: the reads that made a concern apply ------------------------------------------------

def _raised_by(doc: dict, concern: str, subject: str | None = None) -> dict[str, dict]:
    return {read["field"]: read for read in decision(doc, concern, subject)["raised_by"]}


def test_a_store_concern_is_raised_by_the_store_kind_of_that_store_only():
    doc = advise({"data": [{"name": "orders", "kind": "relational"}, {"name": "files", "kind": "object"}]})
    reads = _raised_by(doc, "database", "orders")
    assert reads["data[orders].kind"]["holds"] is True
    assert not any(field.startswith("data[files]") for field in reads)


def test_a_whole_system_flag_is_the_evidence_of_its_concern():
    doc = advise({"security": {"audit_api_calls": True}})
    assert _raised_by(doc, "audit")["security.audit_api_calls"]["holds"] is True


def test_the_front_door_cites_the_protocol_and_the_compute_decision():
    doc = advise({"users": {"audience": "public"}, "compute": {"style": "vms"}})
    reads = decision(doc, "load-balancer")["raised_by"]
    assert {"field": "entry.protocol", "value": None, "test": "protocol is given", "holds": False} in reads
    assert {"field": "decision.compute", "value": "ec2-auto-scaling", "holds": True,
            "test": "compute in (fargate, ecs-on-ec2, eks, ec2-auto-scaling, elastic-beanstalk)"} in reads


def test_the_dr_strategy_is_raised_by_the_scope_and_names_the_recovery_region():
    doc = advise({"region": "eu-west-1", "availability": {"scope": "multi-region", "rto": "2h"}})
    reads = _raised_by(doc, "dr-strategy")
    assert reads["availability.scope"]["holds"] is True
    assert reads["availability.dr_region"]["value"] == "eu-central-1"


def test_every_decision_of_every_blueprint_and_scenario_says_what_raised_it():
    import yaml

    from archadvisor.engine import run
    from archadvisor.workload import load
    from conftest import ROOT, scenario_files
    docs = [advise(yaml.safe_load(path.read_text())["workload"]) for path in scenario_files(include_shared=False)]
    for path in sorted((ROOT / "blueprints").glob("*.yaml")):
        docs.append({"decisions": [d.to_dict() for d in run(load(path)).decisions]})
    bare = [(d["concern"], d["subject"]) for doc in docs for d in doc["decisions"]
            if not any(read["holds"] for read in d["raised_by"])]
    assert not bare, f"decisions with no read that held when raising them: {bare[:5]}"


def test_the_packaged_rule_base_is_well_formed():
    """Checked here and by ``archadvisor rules`` rather than on every design (see rules.concerns): every
    rule id, source, pillar and choice of the packaged rule base passes engine.model.validate."""
    from archadvisor.rules import validated

    assert validated() == concerns()
    assert sum(len(c.rules) for c in validated()) > 500
