"""Random valid workloads, generated from the workload format's own definition (workload/schema.py), for
property tests: every section, field, enum value and item list can appear, with realistic quantities that
land on both sides of the rules' thresholds. Plain dicts, as a user would write them."""
from __future__ import annotations

from random import Random
from typing import Any

from archadvisor.workload import schema as s

QUANTITIES = {
    s.DURATION: ("0s", "1s", "30s", "1m", "2m", "5m", "15m", "30m", "1h", "2h", "4h", "12h", "1d", "7d", "30d",
                 "90d", "1y", "7y"),
    s.SIZE: ("10 GB", "200 GB", "1 TB", "10 TB", "80 TB", "500 TB", "2 PB", "20 PB"),
    s.RATE: ("5/s", "100/s", "300/s", "1000/s", "3000/s", "20k/s", "200k/s", "2M/day"),
    s.BANDWIDTH: ("50 Mbps", "500 Mbps", "1 Gbps", "5 Gbps", "10 Gbps", "50 Gbps"),
    s.PERCENT: ("99%", "99.9%", "99.95%", "99.99%", "99.999%"),
}
STRINGS = {
    "aws_services_private": ("s3", "dynamodb", "sqs", "sns", "kms", "secretsmanager", "kinesis", "ssm", "logs"),
    "compliance": ("pci-dss", "hipaa", "gdpr", "sox"),
}
REGIONS = ("us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "sa-east-1", "ca-central-1")
INT_VALUES = (0, 1, 2, 3, 4, 6, 10, 25, 130)
NAMES = ("orders", "users", "events", "media", "logs", "ledger", "sessions", "catalog", "scans", "telemetry")


def _value(name: str, field: s.Field, rng: Random) -> Any:
    if field.kind == s.BOOL:
        return rng.random() < 0.6
    if field.kind == s.ENUM:
        return rng.choice(field.choices)
    if field.kind == s.INT:
        value = max(rng.choice(INT_VALUES), field.minimum or 0)
        return min(value, field.maximum) if getattr(field, "maximum", None) is not None else value
    if field.kind in QUANTITIES:
        return rng.choice(QUANTITIES[field.kind])
    if field.kind == s.ENUM_LIST:
        return sorted(rng.sample(list(field.choices), rng.randint(1, min(3, len(field.choices)))),
                      key=field.choices.index)
    if field.kind == s.STRING_LIST:
        pool = STRINGS.get(name, ("alpha", "beta"))
        return rng.sample(list(pool), rng.randint(1, min(3, len(pool))))
    if name == "region":
        return rng.choice(REGIONS)
    if name == "description":
        return "A generated workload."
    return None


def _section(field: s.Field, rng: Random, share: float, kind: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, child in field.fields.items():
        if child.applies_to and kind not in child.applies_to:
            continue
        if child.kind == s.SECTION:
            if rng.random() < share:
                inner = _section(child, rng, share)
                if inner:
                    out[name] = inner
        elif child.kind != s.SECTION_LIST and rng.random() < share:
            value = _value(name, child, rng)
            if value is not None:
                out[name] = value
    return out


def _items(field: s.Field, rng: Random, count: int, names: list[str]) -> list[dict[str, Any]]:
    items = []
    for _ in range(count):
        item: dict[str, Any] = {"name": names.pop()}
        kind = rng.choice(field.fields["kind"].choices) if "kind" in field.fields else None
        if kind:
            item["kind"] = kind
        item.update({k: v for k, v in _section(field, rng, 0.4, kind).items() if k not in ("name", "kind")})
        items.append(item)
    return items


def workload(seed: int) -> dict[str, Any]:
    """One random valid workload; the same seed gives the same workload."""
    rng = Random(seed)
    root = s.WORKLOAD
    out: dict[str, Any] = {"name": f"generated-{seed}"}
    sections = [n for n, f in root.fields.items() if f.kind == s.SECTION]
    chosen = {n for n in sections if rng.random() < 0.5}
    for name, field in root.fields.items():
        if name in chosen:
            inner = _section(field, rng, 0.45)
            if inner:
                out[name] = inner
        elif field.kind not in (s.SECTION, s.SECTION_LIST) and name != "name" and rng.random() < 0.3:
            out[name] = _value(name, field, rng)
    entry = out.get("entry")
    if isinstance(entry, dict) and entry.get("protocol") == "none":  # nothing calls in: no front-door field
        out["entry"] = {"protocol": "none"}
    # Plain and numbered names side by side ("jobs" and "jobs-1"), so derived component ids can meet.
    names = [f"{n}-{i}" for i in range(3) for n in NAMES] + list(NAMES)
    rng.shuffle(names)
    for list_name, weights in (("data", (0, 1, 1, 2, 3, 4)), ("messaging", (0, 0, 1, 1, 2, 3))):
        count = rng.choice(weights)
        if count:
            out[list_name] = _items(root.fields[list_name], rng, count, names)
    return out
