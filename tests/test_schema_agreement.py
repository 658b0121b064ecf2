"""The JSON Schema (`archadvisor schema`) and the loader agree, in both directions.

- Documents generated from the schema (hypothesis-jsonschema) are accepted by the loader.
- Random near-valid documents (every field, with tricky values: YAML 1.1 forms, control characters,
  odd ISO durations, percentages over 100, tiny floats, fields foreign to a kind, colliding names)
  are accepted by the loader exactly when the schema validates them, apart from the rules the schema
  documents it cannot state (``LOADER_ONLY``).

CI runs a fixed number of examples with a fixed seed (derandomized). For a longer local run:
``ARCHADVISOR_PROPERTY_EXAMPLES=2000 .venv/bin/python -m pytest tests/test_schema_agreement.py``
(a count other than the default also draws fresh random examples).
"""
from __future__ import annotations

import json
import os
import re

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from jsonschema import Draft202012Validator, ValidationError, validators

from archadvisor.workload import WorkloadError, parse_text
from archadvisor.workload import schema as s
from archadvisor.workload.jsonschema import _QUANTITY_PATTERNS, workload_schema
from archadvisor.workload.loader import _identity

DEFAULT_EXAMPLES = 8
EXAMPLES = int(os.environ.get("ARCHADVISOR_PROPERTY_EXAMPLES", DEFAULT_EXAMPLES))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES == DEFAULT_EXAMPLES,
                    database=None, suppress_health_check=list(HealthCheck))
SCHEMA = workload_schema()


def _ecma_pattern(validator, pattern, instance, schema):
    """JSON Schema patterns are ECMAScript regexes, where '$' does not match before a final newline
    (Python's does, so jsonschema would take 'orders\\n' for a valid name)."""
    if validator.is_type(instance, "string") and not re.search(re.sub(r"\$$", r"\\Z", pattern), instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


VALIDATOR = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})(SCHEMA)


class _Yaml12Data(yaml.SafeLoader):
    """YAML as plain data for the schema: dates stay text, as the loader (and YAML 1.2) reads them."""


_Yaml12Data.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _tiers(data) -> list:
    compute = data.get("compute") if isinstance(data, dict) else None
    tiers = compute.get("tiers") if isinstance(compute, dict) else None
    return [t for t in tiers if isinstance(t, dict)] if isinstance(tiers, list) else []


def _unknown_uses(data) -> bool:
    """A tier naming a store or channel the workload does not have (a rule JSON Schema cannot state)."""
    named = {e.get("name") for section in ("data", "messaging") for e in (data.get(section) or [])
             if isinstance(e, dict)} if isinstance(data, dict) else set()
    return any(name not in named for tier in _tiers(data) for name in tier.get("uses") or [])


def _colliding_names(data) -> bool:
    lists = [data.get(section) for section in ("data", "messaging")] if isinstance(data, dict) else []
    for entries in [*lists, _tiers(data)]:
        if isinstance(entries, list):
            names = [_identity(e["name"]) for e in entries if isinstance(e, dict) and isinstance(e.get("name"), str)]
            if len(names) != len(set(names)):
                return True
    return False


# -- schema -> loader ---------------------------------------------------------
SECTIONS = [key for key in SCHEMA["properties"] if key != "name"]


@pytest.mark.parametrize("section", SECTIONS)
def test_what_the_schema_generates_the_loader_accepts(section):
    subschema = dict(SCHEMA["properties"][section])
    if "maxItems" in subschema:
        subschema["maxItems"] = 3  # a few entries show every rule; a hundred would only take longer

    @SETTINGS
    @given(from_schema(subschema))
    def check(value):
        data = {"name": "generated", section: value}
        assume(not _colliding_names(data) and not _unknown_uses(data))  # rules JSON Schema cannot state (LOADER_ONLY)
        assert VALIDATOR.is_valid(data)
        parse_text(yaml.safe_dump(data, allow_unicode=False), "generated.yaml")

    check()


# -- loader -> schema, on near-valid documents --------------------------------
class Raw(str):
    """A scalar written into the YAML as it is: 010, 1:30, yes, ~ ..."""


TRICKY = {
    s.DURATION: ["15m", "PT15M", "p1y2m", "P1YT", "PT", "P.5Y", "P1.5DT2H", "P1Y2M3W4D", "1:30", "010", "0", "0.0",
                 "00", " 15m ", "15m\n", "15 \x1fm", "\x1f15m", "\u0665m", "1.5h", ".5h", "1e3s", "15 mins please",
                 "-5m", "15M", "15 MO", "PT1\u017f", Raw("0"), Raw("0.0"), Raw("15"), Raw(".nan"), Raw("1:30"),
                 Raw("true"), Raw("~"), Raw("2001-12-14")],
    s.SIZE: ["500 GB", "2 TB", "1 TiB", "5 \u212aB", "80TB", "1.5.3 GB", "10", " 1 PB", "1\tEB", Raw("5")],
    s.RATE: ["3000/s", "5k/s", "2M/day", "120/min", "5 K / Hour", "1/fortnight", "5kk/s", "\u0665/s", Raw("5")],
    s.BANDWIDTH: ["100 Mbps", "1 Gbps", "250 MiB/s", "100 MB/s", "5 gbit/s", "1e9 bps", Raw("100")],
    s.PERCENT: ["99.95%", "99.9", "100", "100.0%", "100.01", "150%", ".5%", "099%", "-1%", "1e-5",
                Raw("99.95"), Raw("1.0e-300"), Raw("100"), Raw("101"), Raw("-0.5"), Raw(".inf"), Raw("1_0.5")],
}
YAML_NUMBERS = ["010", "0x10", "0o7", "1_000", "1:30", "007", "+5", "-1", "9" * 19, "9" * 500, "3.0", "1e3", "~",
                "yes", "true"]
BOOLS = ["true", "false", "True", "FALSE", "yes", "no", "on", "Off", "1", "~", "'true'"]
NAMES = ["orders", "Orders", "orders.v1", "orders-v1", "a", "b_1", "B-1", "x"]


def _leaf(field: s.Field) -> st.SearchStrategy:
    if field.kind in TRICKY:
        return st.one_of(st.sampled_from(TRICKY[field.kind]),
                         st.from_regex(_QUANTITY_PATTERNS[field.kind], fullmatch=True).map(str))
    if field.kind == s.BOOL:
        return st.sampled_from(BOOLS).map(Raw)
    if field.kind == s.INT:
        top = field.maximum or 1000
        return st.one_of(st.integers(-2, top + 2), st.sampled_from([top, top + 1]),
                         st.sampled_from(YAML_NUMBERS).map(Raw))
    if field.kind == s.ENUM:
        return st.one_of(st.sampled_from(field.choices), st.sampled_from([" none", "None", "n\u043ene", Raw("~")]))
    if field.kind in (s.ENUM_LIST, s.STRING_LIST):
        words = list(field.choices) or ["s3", "sqs", "pci-dss", "Bad", "x y"]
        return st.one_of(st.lists(st.sampled_from(words + [Raw("123"), Raw("yes")]), max_size=4), st.just(Raw("~")))
    if field.pattern == s.TEXT_PATTERN:
        return st.one_of(st.text(max_size=30), st.sampled_from(["```\n# h\n", "a\r\nb", "nul\x00", "\ud800", "ok"]),
                         st.sampled_from(["2001-12-14", "123", "yes"]).map(Raw))
    if field.pattern:
        return st.one_of(st.from_regex(field.pattern, fullmatch=True), st.sampled_from(["bad name", "x\n", "eu-west-\u0663"]))
    return st.text(max_size=20)


def _section(fields: dict[str, s.Field], entry: bool = False) -> st.SearchStrategy:
    def value(key: str, field: s.Field) -> st.SearchStrategy:
        if key == "name" and entry:
            return st.sampled_from(NAMES)
        if field.kind == s.SECTION:
            return st.one_of(_section(field.fields), st.just(Raw("~")))
        if field.kind == s.SECTION_LIST:
            return st.lists(_section(field.fields, entry=True), max_size=4)
        return _leaf(field)

    keys = st.lists(st.sampled_from(list(fields)), unique=True, max_size=min(6, len(fields)))
    return keys.flatmap(lambda chosen: st.fixed_dictionaries({k: value(k, fields[k]) for k in chosen}))


def _scalar(value) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a YAML double-quoted scalar
    return json.dumps(value)


def _lines(value, indent: int) -> list[str]:
    pad = " " * indent
    out = []
    items = value.items() if isinstance(value, dict) else ((None, v) for v in value)
    for key, item in items:
        head = f"{pad}{key}:" if key is not None else f"{pad}-"
        if not isinstance(item, (dict, list)):
            out.append(f"{head} {_scalar(item)}")
        elif not item:
            out.append(f"{head} {'{}' if isinstance(item, dict) else '[]'}")
        elif key is None and isinstance(item, dict):
            inner = _lines(item, indent + 2)
            out += [f"{pad}- {inner[0].lstrip()}", *inner[1:]]
        else:
            out += [head, *_lines(item, indent + 2)]
    return out


def near_valid_documents() -> st.SearchStrategy:
    top = {k: v for k, v in s.WORKLOAD.fields.items() if k != "name"}
    return _section(top).map(lambda d: "\n".join(["name: fuzzed", *_lines(d, 0)]) + "\n")


def _surrogates(data) -> bool:
    if isinstance(data, dict):
        return any(_surrogates(v) for v in data.values())
    if isinstance(data, list):
        return any(_surrogates(v) for v in data)
    return isinstance(data, str) and re.search("[\ud800-\udfff]", data) is not None


def _documented_exception(problem) -> bool:
    """Problems that the schema says it cannot check (LOADER_ONLY)."""
    return "YAML 1.1" in problem.message or "is already used by" in problem.message or \
        "is no data store or channel of this workload" in problem.message


@SETTINGS
@given(near_valid_documents())
def test_loader_and_schema_agree_on_near_valid_documents(text):
    try:
        parse_text(text, "fuzzed.yaml")
        problems = []
    except WorkloadError as error:
        problems = error.problems
    data = yaml.load(text, Loader=_Yaml12Data)
    errors = [e.message for e in VALIDATOR.iter_errors(data)]
    if not problems:
        assert not errors, f"the loader accepts what the schema refuses:\n{text}\n{errors}"
    elif not errors and not _surrogates(data):  # lone surrogates: LOADER_ONLY
        unexplained = [str(p) for p in problems if not _documented_exception(p)]
        assert not unexplained, f"the schema accepts what the loader refuses:\n{text}\n{unexplained}"


@pytest.mark.parametrize("text", [
    "name: x\nmessaging: [{name: a, consumers: 010}]\n",
    "name: x\nmessaging: [{name: a, priorities: 1:30}]\n",
    "name: x\nentry: {static_ips: yes}\n",
    "name: x\ndata: [{name: Orders}, {name: orders}]\n",
    "name: x\ncompute: {tiers: [{name: web, uses: [orders]}]}\n",
])
def test_the_documented_exceptions_are_refused_by_the_loader_only(text):
    assert VALIDATOR.is_valid(yaml.load(text, Loader=_Yaml12Data))
    with pytest.raises(WorkloadError) as info:
        parse_text(text)
    assert all(_documented_exception(p) for p in info.value.problems)


def test_the_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(SCHEMA)
    assert "unique" in SCHEMA["$comment"] and "YAML 1.1" in SCHEMA["$comment"]
