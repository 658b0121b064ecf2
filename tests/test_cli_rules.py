"""`archadvisor rules` and `archadvisor explain` for every rule."""
import pytest

from archadvisor.cli import main
from archadvisor.rules import concerns, rules

RULE_IDS = sorted(rules())


def test_rules_lists_every_rule(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    for rule_id in RULE_IDS:
        assert rule_id in out


def test_rules_filtered_by_concern(capsys):
    assert main(["rules", "--concern", "messaging"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith("messaging.") for line in lines)
    assert main(["rules", "--concern", "mesaging"]) == 2
    assert "unknown concern mesaging" in capsys.readouterr().err


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_explain_every_rule(rule_id, capsys):
    assert main(["explain", rule_id]) == 0
    out = capsys.readouterr().out
    rule = rules()[rule_id]
    assert out.startswith(rule_id) and rule.title in out and "Rationale:" in out and "Sources:" in out
    assert "(source not available)" not in out
    for source in rule.sources:
        assert source in out
    for name, value in rule.thresholds.items():
        assert f"{name} = {value}" in out
    if rule.when is not None:
        assert "c." in out.split("Condition:")[1].split("Reason given:")[0], "condition text missing"


def test_explain_unknown_rule_suggests(capsys):
    assert main(["explain", "database.aurora-fast-failovr"]) == 2
    assert "did you mean database.aurora-fast-failover" in capsys.readouterr().err


def test_every_concern_ends_with_a_default_row():
    for concern in concerns():
        assert concerns and concern.selects[-1].when is None
