"""Hostile but valid-looking input (issue 17): every finding has a test here.

Bounds on counts, huge numbers, YAML 1.1 forms, control characters, special files, misleading messages.
"""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from archadvisor.cli import main
from conftest import one, problems
from archadvisor.workload import WorkloadError, load, parse_text
from archadvisor.workload import schema as s
from archadvisor.workload.loader import MAX_BYTES




# -- 1. unbounded fan-out -------------------------------------------------------
@pytest.mark.parametrize("path, field, limit", [
    ("messaging", "consumers", s.MAX_CONSUMERS), ("messaging", "priorities", s.MAX_PRIORITIES),
    ("data", "iops", s.MAX_IOPS),
])
def test_counts_in_entries_are_bounded(path, field, limit):
    kind = "kind: block, " if path == "data" else ""
    assert parse_text(f"name: x\n{path}: [{{name: a, {kind}{field}: {limit}}}]\n")
    problem = one(f"name: x\n{path}: [{{name: a, {kind}{field}: {limit + 1}}}]\n")
    assert problem.path == f"{path}[0].{field}" and f"above the maximum {limit}" in problem.message
    assert (problem.line, problem.column) == (2, len(f"{path}: [{{name: a, {kind}{field}: ") + 1)


def test_a_five_line_workload_with_millions_of_consumers_is_refused_at_once():
    started = time.perf_counter()
    problem = one("name: fanout\nmessaging:\n  - name: events\n    consumers: 5000000\n")
    assert "above the maximum 100" in problem.message and "Limits" in problem.hint
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize("section, field, limit", [
    ("compute", "critical_instances", s.MAX_CRITICAL_INSTANCES),
    ("network", "shared_with_vpcs", s.MAX_VPCS), ("network", "interconnect_vpcs", s.MAX_VPCS),
])
def test_counts_in_sections_are_bounded(section, field, limit):
    assert parse_text(f"name: x\n{section}: {{{field}: {limit}}}\n")
    assert "above the maximum" in one(f"name: x\n{section}: {{{field}: {limit + 1}}}\n").message


@pytest.mark.parametrize("section, limit, entry", [
    ("data", s.MAX_STORES, "{{name: s{i}}}"), ("messaging", s.MAX_CHANNELS, "{{name: c{i}}}"),
])
def test_number_of_stores_and_channels_is_bounded(section, limit, entry):
    def text(count):
        return f"name: x\n{section}: [" + ", ".join(entry.format(i=i) for i in range(count)) + "]\n"

    assert parse_text(text(limit))
    problem = one(text(limit + 1))
    assert problem.path == section and f"{limit + 1} entries; at most {limit}" in problem.message


@pytest.mark.parametrize("field", ["aws_services_private", "compliance"])
def test_free_word_lists_are_bounded(field):
    section = "network" if field == "aws_services_private" else "security"
    words = ", ".join(f"w{i}" for i in range(s.MAX_LIST_ITEMS + 1))
    assert "at most" in one(f"name: x\n{section}: {{{field}: [{words}]}}\n").message


def test_limits_are_documented_in_the_readme():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    for value in (s.MAX_CONSUMERS, s.MAX_STORES, s.MAX_CHANNELS, s.MAX_PRIORITIES, s.MAX_DESCRIPTION):
        assert f"{value:,}" in readme


# -- 4. accepted, then not drawable ---------------------------------------------
@pytest.mark.parametrize("digits", [19, 4301, 100_000])
def test_huge_integers_are_refused_with_a_message(digits):
    problem = one(f"name: x\nmessaging: [{{name: a, consumers: {'9' * digits}}}]\n")
    assert f"{digits:,} digits; at most 18" in problem.message and len(problem.message) < 200


def test_a_huge_integer_where_text_is_expected_is_refused_not_an_internal_error():
    problem = one(f"name: x\ndescription: {'9' * 5000}\n")
    assert "expected text" in problem.message and "quote it" in problem.hint and len(problem.message) < 200


@pytest.mark.parametrize("value", ['"15m\\x1f"', '"\\x1f15m"', '"15\\u001fm"', '"15\\x00m"', '"\\u0665m"',
                                   '"PT1\\u017f"'])
def test_control_and_foreign_characters_in_quantities_are_refused(value):
    problem = one(f"name: x\navailability: {{rto: {value}}}\n")
    assert problem.path == "availability.rto"


@pytest.mark.parametrize("value, code", [('"a\\x00b"', "0000"), ('"a\\x1bb"', "001B"), ('"a\\u2028b"', "2028"),
                                         ('"a\\x85b"', "0085"), ('"a\\x7fb"', "007F")])
def test_control_characters_in_the_description_are_refused(value, code):
    problem = one(f"name: x\ndescription: {value}\n")
    assert f"U+{code} at character 2" in problem.message


def test_tabs_and_line_breaks_in_the_description_are_kept():
    assert parse_text('name: x\ndescription: "a\\tb\\r\\nc"\n').values["description"] == "a\tb\r\nc"


def test_the_description_is_bounded():
    assert "at most 10,000" in one(f"name: x\ndescription: {'x' * (s.MAX_DESCRIPTION + 1)}\n").message


# -- YAML 1.1 forms: refused with what to write ----------------------------------
@pytest.mark.parametrize("value, words", [
    ("010", "octal (8) in YAML 1.1"), ("1:30", "base-60 number (90)"), ("1_000", "'_' between digits"),
    ("0x10", "16 in YAML 1.1"), ("0b101", "5 in YAML 1.1"),
])
def test_yaml_1_1_numbers_are_refused(value, words):
    problem = one(f"name: x\nmessaging: [{{name: a, consumers: {value}}}]\n")
    assert words in problem.message and "YAML 1.1" in problem.message


@pytest.mark.parametrize("value", ["yes", "no", "on", "Off", "YES"])
def test_yaml_1_1_booleans_are_refused(value):
    problem = one(f"name: x\nentry: {{static_ips: {value}}}\n")
    assert "YAML 1.1" in problem.message and "write true or false" in problem.hint


def test_yaml_1_1_forms_where_a_duration_is_expected():
    assert "base-60" in one("name: x\navailability: {rto: 1:30}\n").message
    assert "octal" in one("name: x\navailability: {rto: 010}\n").message


def test_a_whole_number_written_with_a_zero_fraction_is_that_number():
    """JSON Schema's integer takes 3.0 (one number in its data model); so does the loader."""
    assert parse_text("name: x\nmessaging: [{name: a, consumers: 3.0}]\n").values["messaging"][0]["consumers"] == 3
    assert "whole number" in one("name: x\nmessaging: [{name: a, consumers: 3.5}]\n").message


def test_plain_decimal_numbers_and_true_false_still_load():
    workload = parse_text("name: x\nmessaging: [{name: a, consumers: 10, replay: True}]\n"
                          "availability: {rto: 0, target: 99.9}\n")
    assert workload.values["messaging"][0]["consumers"] == 10


# -- 5. special files -----------------------------------------------------------
def _in_thread(function, *args):
    """Run ``function`` with a deadline: a read that blocks must fail the test, not hang it."""
    result = {}

    def target():
        try:
            result["value"] = function(*args)
        except BaseException as error:  # noqa: BLE001 - handed to the test
            result["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), f"{function.__name__}{args} blocked"
    return result


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "w.yaml"
    os.mkfifo(fifo)
    result = _in_thread(load, fifo)
    assert isinstance(result.get("error"), WorkloadError)
    assert "named pipe" in str(result["error"])


def test_dev_zero_is_refused_without_reading_it():
    result = _in_thread(load, "/dev/zero")
    assert isinstance(result.get("error"), WorkloadError) and "character device" in str(result["error"])


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(WorkloadError, match="is a directory"):
        load(tmp_path)


def test_the_byte_limit_holds_whatever_the_size_the_file_reports(tmp_path, monkeypatch):
    """A file whose reported size is small (a /proc file reports 0) is still read at most MAX_BYTES + 1."""
    from archadvisor.workload import loader

    big = tmp_path / "big.yaml"
    big.write_text("name: big\ndescription: " + "x" * (MAX_BYTES + 10) + "\n")
    real_fstat = os.fstat
    monkeypatch.setattr(loader.os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 0, *real_fstat(fd)[7:])))
    with pytest.raises(WorkloadError, match="larger than 1,000,000 bytes"):
        load(big)


def test_validate_command_reports_special_files(capsys, tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert main(["validate", str(fifo), "/dev/zero", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "named pipe" in err and "character device" in err and "directory" in err
    assert "Traceback" not in err and "internal error" not in err


def test_gallery_with_a_fifo_and_a_huge_number_finishes_and_reports_them(tmp_path, capsys):
    folder = tmp_path / "workloads"
    folder.mkdir()
    os.mkfifo(folder / "pipe.yaml")
    (folder / "huge.yaml").write_text(f"name: huge\nmessaging: [{{name: a, consumers: {'9' * 5000}}}]\n")
    (folder / "fine.yaml").write_text("name: fine\n")
    result = _in_thread(main, ["gallery", str(folder), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert result.get("value") == 1 or result.get("value") == 2, result
    err = capsys.readouterr().err
    assert "named pipe" in err and "at most 18" in err and "internal error" not in err
    assert (tmp_path / "out" / "fine" / "report.md").exists()


# -- 8. smaller: messages that were misleading -----------------------------------
def test_a_large_file_without_aliases_is_not_told_to_remove_aliases():
    text = "name: x\nsecurity:\n  compliance:\n" + "".join(f"    - w{i}\n" for i in range(25_000))
    problem = one(text)
    assert "aliases" not in problem.hint and "split or trim" in problem.hint


def test_alias_expansion_is_still_named_as_such():
    text = "name: x\na: &a [" + ", ".join(["x"] * 200) + "]\nb: &b [" + ", ".join(["*a"] * 200) + "]\n"
    assert "aliases" in one(text).hint


def test_a_merge_key_is_not_called_a_tag():
    found = problems("name: x\nbase: &b {rto: 1h}\navailability:\n  <<: *b\n")
    merge = [p for p in found if "merge" in p.message]
    assert merge and "tag" not in merge[0].message and "write the fields out" in merge[0].hint


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_nan_and_infinity_are_not_told_to_add_a_unit(value):
    problem = one(f"name: x\navailability: {{rto: {value}}}\n")
    assert "is not a number" in problem.message and "nans" not in problem.message


def test_a_dangling_symlink_as_output_is_named_as_such(tmp_path, capsys):
    (tmp_path / "w.yaml").write_text("name: x\n")
    link = tmp_path / "out"
    link.symlink_to(tmp_path / "gone")
    assert main(["design", str(tmp_path / "w.yaml"), "-o", str(link)]) == 2
    err = capsys.readouterr().err
    assert "symbolic link" in err and "does not exist" in err and "File exists" not in err


def test_a_full_stdout_is_reported_plainly():
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "archadvisor", "design", str(root / "blueprints" /
                              "three-tier-web.yaml"), "--format", "json"], stdout=full, stderr=subprocess.PIPE,
                              text=True, cwd=root, timeout=120)
    assert done.returncode == 1
    assert "cannot write to standard output" in done.stderr and "internal error" not in done.stderr
