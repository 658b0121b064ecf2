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


def _commands(parser) -> set[str]:
    import argparse

    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)


def test_a_named_command_gets_only_its_own_parser_and_anything_else_the_whole_list(capsys):
    """design reaches Graphviz sooner without the other commands' arguments (and the quiz's and gallery's
    modules) set up; help and a misspelt command still list every command."""
    from archadvisor.cli import _COMMANDS, _EXTRA_HELP, _parser

    every = set(_COMMANDS) | set(_EXTRA_HELP)
    assert _commands(_parser(["design", "x.yaml"])) == {"design"}
    assert _commands(_parser(["quiz"])) == {"quiz"}
    assert _commands(_parser([])) == every
    assert _commands(_parser(["--help"])) == every
    with pytest.raises(SystemExit) as exit_:
        main(["desing", "x.yaml"])
    assert exit_.value.code == 2
    error = capsys.readouterr().err
    assert "invalid choice: 'desing'" in error and all(f"'{name}'" in error for name in every)
    args = _parser(["design", "w.yaml", "-o", "o", "--fail-on", "high"]).parse_args(["design", "w.yaml", "-o", "o",
                                                                                    "--fail-on", "high"])
    assert (args.command, args.file, args.output, args.fail_on, args.format) == ("design", "w.yaml", "o", "high", "files")
