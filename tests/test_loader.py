"""Loading workload files: every kind of bad input gets a precise message and nothing more."""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
import yaml

from archadvisor.cli import main
from archadvisor.workload import WorkloadError, load, parse_text
from archadvisor.workload.jsonschema import workload_schema
from archadvisor.workload.units import Duration, Rate
from conftest import ROOT, one, problems, scenario_files




def test_valid_workload_has_typed_values():
    workload = parse_text("name: shop\navailability:\n  rto: PT15M\ndata:\n  - name: orders\n    reads: 5k/s\n")
    assert workload.values["availability"]["rto"] == Duration.parse("15m")
    assert workload.values["data"][0]["reads"] == Rate.parse("5000/s")
    assert workload.plain()["availability"]["rto"] == "PT15M"


def test_misspelled_key_gets_did_you_mean_with_position():
    problem = one("name: shop\navailability:\n  rtoo: 15m\n")
    assert (problem.line, problem.column, problem.path) == (3, 3, "availability.rtoo")
    assert "did you mean 'rto'?" in problem.hint


def test_a_key_cut_short_gets_the_key_it_begins():
    problem = one("name: shop\ncost: lowest\n")
    assert "did you mean 'cost_priority'?" in problem.hint
    ambiguous = one("name: shop\navailability:\n  scope: multi\n")  # begins two values: no guess from that
    assert "multi-az" in ambiguous.hint and "multi-region" in ambiguous.hint


def test_misspelled_enum_value_gets_did_you_mean():
    problem = one("name: shop\navailability:\n  scope: multi-zone\n")
    assert problem.path == "availability.scope"
    assert "did you mean 'multi-az'?" in problem.hint


def test_bad_value_format_names_a_valid_example():
    problem = one("name: shop\nmessaging:\n  - name: q\n    rate: fast\n")
    assert (problem.line, problem.column, problem.path) == (4, 11, "messaging[0].rate")
    assert "not a rate" in problem.message and "example: rate: 500/s" in problem.hint


def test_all_problems_of_a_file_are_reported_together():
    found = problems("name: Bad_Name\nregoin: x\navailability:\n  rto: soon\n  scope: everywhere\n")
    assert [p.path for p in found] == ["name", "regoin", "availability.rto", "availability.scope"]


def test_duplicate_keys_are_an_error():
    problem = one("name: shop\nname: shop2\n")
    assert "duplicate key 'name'" in problem.message and "line 1" in problem.message


def test_object_building_tags_are_refused():
    found = problems("name: shop\ndescription: !!python/object/apply:os.system ['echo hi']\n")
    assert any("not allowed" in p.message and p.path == "description" for p in found)


def test_custom_tags_are_refused():
    assert "not allowed" in one("name: !shout shop\n").message


def test_billion_laughs_is_refused_quickly():
    lines = ["name: a", 'l0: &l0 ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        lines.append(f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]")
    started = time.perf_counter()
    found = problems("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 1.0
    assert any("alias" in p.message for p in found)


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("name: big\ndescription: " + "x" * 1_100_000 + "\n")
    with pytest.raises(WorkloadError, match="at most"):
        load(path)


@pytest.mark.parametrize("name", ["../etc", "a/b", "..", "UPPER", "-lead", "a" * 64, "dot.name", ""])
def test_name_cannot_escape_the_output_folder(name):
    found = problems(yaml.safe_dump({"name": name}))
    assert found[0].path == "name"


def test_missing_name_is_reported():
    assert one("region: eu-west-1\n").message == "required field 'name' is missing"


def test_syntax_error_has_line_and_column():
    problem = one("name: shop\navailability:\n  rto: 15m\n bad indent: here\n")
    assert problem.line == 4 and "not valid YAML" in problem.message


def test_empty_file_and_non_mapping():
    assert "empty" in one("").message
    assert "mapping" in one("- a\n- b\n").message


def test_field_that_does_not_apply_to_the_kind():
    problem = one("name: s\ndata:\n  - name: bucket\n    kind: object\n    engine: mysql\n")
    assert problem.path == "data[0].engine" and "does not apply to an object store" in problem.message


def test_duplicate_store_names():
    problem = one("name: s\ndata:\n  - name: a\n  - name: a\n")
    assert "already used" in problem.message


def test_wrong_types():
    found = problems("name: s\nnetwork:\n  private_egress: yes please\n  shared_with_vpcs: many\n"
                     "users:\n  clients: browser\n")
    assert [p.path for p in found] == ["network.private_egress", "network.shared_with_vpcs", "users.clients"]


def test_not_utf8_and_missing_file(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(WorkloadError, match="UTF-8"):
        load(path)
    with pytest.raises(WorkloadError, match="not found"):
        load(tmp_path / "missing.yaml")


def test_every_scenario_workload_loads():
    files = scenario_files()
    assert files
    for path in files:
        parse_text(yaml.safe_dump(yaml.safe_load(path.read_text())["workload"]), str(path))


def test_every_blueprint_is_valid():
    files = sorted((ROOT / "blueprints").glob("*.yaml"))
    assert len(files) >= 14
    for path in files:
        assert load(path).name == path.stem


def test_validate_command_exit_codes_and_messages(tmp_path, capsys):
    good = tmp_path / "good.yaml"
    good.write_text("name: good\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\navailability:\n  rto: 15 parsecs\n")
    assert main(["validate", str(good)]) == 0
    assert main(["validate", str(good), str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:3:8: availability.rto:" in err and "Traceback" not in err


def test_design_with_bad_input_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nentry:\n  protocol: smtp\n")
    out = tmp_path / "out"
    assert main(["design", str(bad), "-o", str(out)]) == 2
    assert not out.exists()
    assert "did you mean" not in capsys.readouterr().out


def test_schema_is_generated_from_the_loader_definitions(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["required"] == ["name"]
    props = schema["properties"]
    assert props["availability"]["properties"]["scope"]["enum"] == ["single-az", "multi-az", "multi-region"]
    assert props["data"]["items"]["properties"]["kind"]["enum"][0] == "relational"
    assert props["availability"]["additionalProperties"] is False


def test_schema_accepts_the_blueprints():
    import jsonschema
    validator = jsonschema.Draft202012Validator(workload_schema())
    for path in sorted((ROOT / "blueprints").glob("*.yaml")):
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text())))
        assert not errors, (path, errors[0].message)


def test_validate_and_schema_do_not_import_the_rendering_stack(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("name: good\n")
    code = ("import sys; from archadvisor.cli import main; main(['validate', %r]); main(['schema']);"
            "heavy = [m for m in ('diagrams', 'graphviz', 'jinja2') if m in sys.modules]; "
            "sys.stderr.write(repr(heavy))") % str(good)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stderr.strip() == "[]"


@pytest.mark.parametrize("text", ['name: "abc\\n"', 'name: shop\nregion: "eu-west-1\\n"',
                                  'name: shop\ndata:\n  - name: "db\\n"'])
def test_a_trailing_newline_does_not_pass_a_name_pattern(text):
    assert problems(text + "\n")


def test_names_that_would_collide_in_diagram_ids_are_refused():
    problem = one("name: s\ndata:\n  - name: orders.v1\n  - name: Orders-V1\n")
    assert "already used by data[0]" in problem.message
