"""Helpers of the CloudFormation tests: cfn-lint run in-process with its rules loaded once per region, the
documented list of cfn-lint findings we accept, and random workloads drawn from the workload schema."""
from __future__ import annotations

import random
from functools import lru_cache
from typing import Any

from archadvisor.workload.schema import (BANDWIDTH, BOOL, DURATION, ENUM, ENUM_LIST, INT, PERCENT, RATE, SECTION,
                                         SECTION_LIST, SIZE, STRING, STRING_LIST, WORKLOAD, Field)

# cfn-lint findings accepted, each with the reason. Errors are never accepted.
IGNORED = {
    # The engine chose Timestream for time-series data; AWS closed Timestream for LiveAnalytics to new
    # customers in 2025. That is the database rules' call (a warning for the rules' owner), not the template's.
    "W3697": "Timestream for LiveAnalytics is in maintenance mode: a rules decision, reported to the lead",
}


@lru_cache(maxsize=None)
def _runner(region: str):
    from cfnlint.config import ConfigMixIn
    from cfnlint.runner.cli import Runner
    return Runner(ConfigMixIn(regions=[region], include_checks=["I"]))


def lint(body: str, region: str) -> list[Any]:
    """cfn-lint's findings (errors, warnings, informational) for a YAML template, minus the accepted ones."""
    from cfnlint.decode.decode import decode_str
    template, errors = decode_str(body)
    if errors:
        return list(errors)
    return [m for m in _runner(region).validate_template(template) if m.rule.id not in IGNORED]


def describe(matches: list[Any]) -> str:
    return "\n".join(f"{m.rule.id} line {m.linenumber}: {m.message}" for m in matches)


# -- random workloads ----------------------------------------------------------------------------------------
VALUES = {
    DURATION: ["0s", "30s", "5m", "15m", "1h", "4h", "1d", "7d", "30d", "1y", "7y"],
    SIZE: ["5 GB", "50 GB", "500 GB", "2 TB", "40 TB", "300 TB", "2 PB"],
    RATE: ["5/s", "100/s", "300/s", "2k/s", "30k/s", "500k/s", "2M/day"],
    BANDWIDTH: ["50 Mbps", "500 Mbps", "1 Gbps", "10 Gbps"],
    PERCENT: ["99%", "99.9%", "99.99%"],
}


def _value(field: Field, rng: random.Random, name: str) -> Any:
    if field.kind == ENUM:
        return rng.choice(field.choices)
    if field.kind == BOOL:
        return rng.random() < 0.5
    if field.kind == INT:
        return rng.choice([0, 1, 2, 3, 5, 12]) if field.minimum is None else max(field.minimum, rng.choice([1, 2, 5]))
    if field.kind == ENUM_LIST:
        return sorted(rng.sample(list(field.choices), rng.randint(1, min(3, len(field.choices)))))
    if field.kind in VALUES:
        return rng.choice(VALUES[field.kind])
    if field.kind == STRING_LIST:
        return sorted(rng.sample(["s3", "dynamodb", "sqs", "kms", "secretsmanager", "sns", "ecr"], rng.randint(1, 3)))
    return field.example if field.example is not None else name


def _section(field: Field, rng: random.Random, fill: float, kind: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, child in field.fields.items():
        if child.applies_to and kind not in child.applies_to:
            continue
        if not child.required and rng.random() > fill:
            continue
        if child.kind == SECTION:
            found[key] = _section(child, rng, fill)
        elif child.kind == SECTION_LIST:
            found[key] = _items(child, rng, fill, key)
        elif child.kind == STRING and key in ("name", "description"):
            found[key] = child.example
        else:
            found[key] = _value(child, rng, key)
    return found


def _items(field: Field, rng: random.Random, fill: float, key: str) -> list[dict[str, Any]]:
    items = []
    kinds = field.fields["kind"].choices if "kind" in field.fields else (None,)
    for number in range(rng.randint(1, 3)):
        kind = rng.choice(kinds)
        entry = _section(Field(SECTION, "", fields=field.fields), rng, fill, kind)
        entry["name"] = f"{key}-{number}"
        if kind:
            entry["kind"] = kind
        items.append(entry)
    return items


def random_workload(seed: int) -> dict[str, Any]:
    """A workload with a random subset of the schema's fields, each with a random valid-looking value; the
    loader decides whether it is valid (the caller skips the ones it rejects)."""
    rng = random.Random(seed)
    workload = _section(WORKLOAD, rng, rng.choice([0.2, 0.4, 0.7]))
    workload["name"] = f"random-{seed}"
    workload.pop("description", None)
    workload["region"] = rng.choice(["us-east-1", "eu-west-1", "ap-southeast-2", "eu-central-1"])
    return workload


def _shape(value: Any, path: str, found: set[str], names: set[str]) -> None:
    """Paths and the enum-like values of a resource's properties: what makes cfn-lint's checks differ."""
    if isinstance(value, dict):
        for key in sorted(value):
            _shape(value[key], f"{path}.{key}", found, names)
    elif isinstance(value, list):
        for item in value:
            _shape(item, f"{path}[]", found, names)
    elif isinstance(value, bool) or path.endswith((".Type", ".Engine", ".DeploymentType", ".StorageClass")):
        found.add(f"{path}={value}")
    else:
        found.add(f"{path}:{type(value).__name__}")


def signatures(template: dict[str, Any]) -> set[str]:
    """One entry per distinct resource shape of a template (its type, property paths and enum-like values)."""
    names = set(template["Resources"]) | set(template.get("Parameters", {})) | set(template.get("Conditions", {}))
    found: set[str] = set()
    for resource in template["Resources"].values():
        shape: set[str] = set()
        _shape({k: v for k, v in resource.items() if k != "Metadata"}, "", shape, names)
        found.add(resource["Type"] + "|" + "|".join(sorted(shape)))
    return found
