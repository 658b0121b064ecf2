"""The workload format seen as leaves to sample, and plain-dict workloads to edit.

A *schema path* names a leaf of the workload format with dots, list entries
included without an index: ``availability.rto``, ``hybrid.link.bandwidth``,
``data.engine``, ``messaging.rate``. ``data`` and ``messaging`` are the
*item lists*: their entries are addressed by name. Everything here works on
plain JSON-ready dicts (quantities as the text a user would write), the same
form a question carries as its workload.
"""
from __future__ import annotations

import functools
import re
from random import Random
from typing import Any

from ..workload import schema as s
from ..workload.units import QUANTITY_KINDS

ITEM_LISTS = ("data", "messaging")
# A question describes one application tier: compute tiers (which refine the compute section field by field)
# would state the same need twice over.
NOT_ASKED = ("compute.tiers",)
QUANTITIES = (s.DURATION, s.SIZE, s.RATE, s.BANDWIDTH, s.PERCENT)


@functools.cache
def leaves() -> dict[str, s.Field]:
    """Every leaf field of the workload format by schema path (item names and the top-level name excluded)."""
    found: dict[str, s.Field] = {}

    def walk(prefix: str, node: s.Field) -> None:
        for key, child in node.fields.items():
            path = f"{prefix}{key}"
            if path in NOT_ASKED:
                continue
            if child.kind in (s.SECTION, s.SECTION_LIST):
                walk(path + ".", child)
            elif not (key == "name" and (prefix == "" or prefix.rstrip(".") in ITEM_LISTS)):
                found[path] = child

    walk("", s.WORKLOAD)
    for path in ("description",):
        found.pop(path, None)
    return dict(sorted(found.items()))


def item_list(path: str) -> str | None:
    """``data`` for ``data.engine``; None for a path outside the item lists."""
    head = path.split(".", 1)[0]
    return head if head in ITEM_LISTS and "." in path else None


def normalise(field_path: str) -> str | None:
    """A schema path for a field path of the engine's evidence: ``data[orders].engine`` -> ``data.engine``.

    Indexed string lists (``network.aws_services_private[s3].service``) map to the list field itself.
    """
    plain = re.sub(r"\[[^\]]*\]", "", field_path)
    parts = plain.split(".")
    known = leaves()
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in known or candidate in ITEM_LISTS:
            return candidate
    return None


# -- value pools -----------------------------------------------------------------
# Realistic values per field, with generic pools per kind as the fallback. Rule
# thresholds found in the engine's evidence are added around each limit (see
# probe.Knowledge.pools), so every side of every comparison can be sampled.
FIELD_POOLS: dict[str, tuple[Any, ...]] = {
    "region": ("us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "eu-west-2", "ap-southeast-1",
               "ap-southeast-2", "ap-northeast-1", "ca-central-1", "sa-east-1", "ap-south-1"),
    # Recovery regions none of which is in the pool of primaries above, so a sample never names the primary.
    "availability.dr_region": ("us-west-1", "eu-north-1", "ap-northeast-3", "ca-west-1"),
    "availability.rto": ("30s", "1m", "2m", "5m", "10m", "15m", "30m", "1h", "2h", "4h", "8h", "12h", "24h", "2d"),
    "availability.rpo": ("0s", "1s", "30s", "1m", "5m", "15m", "30m", "1h", "4h", "12h", "1d"),
    "availability.target": ("99%", "99.5%", "99.9%", "99.95%", "99.99%", "99.999%"),
    "users.peak_requests": ("50/s", "300/s", "1000/s", "4000/s", "12k/s", "50k/s", "200k/s", "2M/s"),
    "compute.max_duration": ("1s", "5s", "30s", "1m", "5m", "10m", "14m", "20m", "30m", "1h", "2h", "6h"),
    "compute.critical_instances": (0, 1, 2, 3, 5, 7, 10),
    "data.size": ("10 GB", "50 GB", "200 GB", "500 GB", "1 TB", "4 TB", "10 TB", "50 TB", "200 TB"),
    "data.reads": ("50/s", "200/s", "800/s", "2000/s", "5000/s", "15k/s", "40k/s", "100k/s"),
    "data.writes": ("5/s", "20/s", "100/s", "400/s", "1000/s", "5000/s", "20k/s"),
    "data.iops": (500, 3000, 8000, 16000, 32000, 64000, 100000, 256000),
    "data.throughput": ("125 Mbps", "500 Mbps", "1 Gbps", "2 Gbps", "4 Gbps", "8 Gbps"),
    "data.retention": ("1d", "7d", "30d", "90d", "1y", "3y", "5y", "7y", "10y"),
    "messaging.rate": ("10/s", "100/s", "250/s", "1000/s", "2500/s", "5000/s", "20k/s", "100k/s", "2M/day",
                       "120/min"),
    "messaging.consumers": (0, 1, 2, 3, 4, 6),
    "messaging.priorities": (0, 1, 2, 3, 5, 10),
    "messaging.retention": ("1h", "1d", "4d", "7d", "14d", "30d", "90d", "365d", "2y"),
    "network.egress_bandwidth": ("100 Mbps", "500 Mbps", "1 Gbps", "2 Gbps", "5 Gbps", "10 Gbps", "30 Gbps",
                                 "60 Gbps"),
    "network.aws_services_private": ("s3", "dynamodb", "sqs", "kms", "sns", "ssm", "ecr", "secretsmanager", "logs"),
    "hybrid.aws_services_private": ("s3", "dynamodb", "sqs", "kms"),
    "network.shared_with_vpcs": (0, 1, 2, 3, 5, 10, 25, 100, 150),
    "network.interconnect_vpcs": (0, 1, 2, 3, 4, 6, 10, 20, 50),
    "hybrid.link.bandwidth": ("50 Mbps", "100 Mbps", "500 Mbps", "1 Gbps", "2 Gbps", "5 Gbps", "10 Gbps"),
    "hybrid.link.needed_within": ("1d", "3d", "1w", "2w", "4w", "6w", "2mo", "3mo"),
    "hybrid.migration.data": ("2 TB", "10 TB", "40 TB", "80 TB", "150 TB", "300 TB", "600 TB", "1 PB", "5 PB",
                              "20 PB", "60 PB", "120 PB", "200 PB"),
    "hybrid.migration.bandwidth": ("50 Mbps", "100 Mbps", "200 Mbps", "500 Mbps", "1 Gbps", "2 Gbps", "10 Gbps"),
    "hybrid.migration.deadline": ("3d", "1w", "2w", "4w", "6w", "2mo", "3mo", "6mo"),
    "security.compliance": ("pci-dss", "hipaa", "gdpr", "sox", "iso-27001"),
    "security.accounts": (1, 3, 8, 12, 25, 60, 200),
    # Shares of capacity and ages of data as a business states them: the generic pools ("99.95%" of the peak
    # as a baseline, objects moved to infrequent access "after 30s") read as nonsense.
    "compute.baseline": ("20%", "30%", "40%", "50%", "60%", "70%"),
    "availability.standby_capacity": ("0%", "10%", "25%", "50%", "100%"),
    "data.infrequent_after": ("30d", "45d", "60d", "90d", "180d"),
    "data.archive_after": ("90d", "180d", "1y", "2y", "3y"),
    "data.growth_per_year": ("500 GB", "2 TB", "10 TB", "50 TB", "200 TB"),
    "data.object_size": ("5 MB", "50 MB", "200 MB", "1 GB", "5 GB"),
    "messaging.message_size": ("1 KB", "16 KB", "200 KB", "512 KB", "2 MiB", "12 MiB"),
}
KIND_POOLS: dict[str, tuple[Any, ...]] = {
    s.DURATION: ("0s", "30s", "1m", "5m", "15m", "1h", "4h", "1d", "1w", "4w", "3mo", "1y", "7y"),
    s.SIZE: ("50 GB", "500 GB", "2 TB", "10 TB", "80 TB", "500 TB", "1 PB", "10 PB", "100 PB"),
    s.RATE: ("20/s", "100/s", "500/s", "1000/s", "5000/s", "20k/s", "100k/s"),
    s.BANDWIDTH: ("50 Mbps", "200 Mbps", "1 Gbps", "5 Gbps", "10 Gbps", "50 Gbps"),
    s.PERCENT: ("99%", "99.9%", "99.95%", "99.99%"),
    s.INT: (0, 1, 2, 3, 5, 10, 20),
    s.STRING_LIST: ("alpha", "beta"),
}
# Fields set only as deliberate detail (never varied by the search: they carry no requirement).
INERT = ("description",)


def value_pool(path: str, extra: dict[str, tuple[Any, ...]] | None = None) -> tuple[Any, ...]:
    """The values a leaf may take: an enum's choices, a flag's two values, or a pool of realistic values."""
    field = leaves()[path]
    if field.kind == s.ENUM:
        return field.choices
    if field.kind == s.BOOL:
        return (True, False)
    base = FIELD_POOLS.get(path, KIND_POOLS.get(field.kind, ()))
    added = (extra or {}).get(path, ())
    return tuple(dict.fromkeys(list(base) + [v for v in added if v not in base]))


def sample(path: str, rng: Random, extra: dict[str, tuple[Any, ...]] | None = None,
           avoid: Any = None) -> Any:
    """A random value for a leaf (a different one from ``avoid`` when the pool allows)."""
    field = leaves()[path]
    if field.kind in (s.ENUM_LIST, s.STRING_LIST):
        pool = field.choices or value_pool(path, extra)
        size = 1 if field.kind == s.STRING_LIST and rng.random() < 0.7 else rng.choice((1, 1, 2, 2, 3))
        picked = rng.sample(list(pool), min(size, len(pool)))
        return [v for v in pool if v in picked]  # pool order: stable and readable
    pool = [v for v in value_pool(path, extra) if v != avoid] or list(value_pool(path, extra))
    if field.kind == s.BOOL:
        return rng.random() < 0.6 if avoid is None else (not avoid)
    return rng.choice(pool)


def is_valid(path: str, value: Any) -> bool:
    """Whether a value parses for a leaf (used for threshold neighbours)."""
    field = leaves()[path]
    if field.kind in QUANTITIES:
        try:
            QUANTITY_KINDS[field.kind].parse(value)
        except Exception:  # noqa: BLE001 - any parse failure means "not a value"
            return False
        return True
    if field.kind == s.INT:
        return isinstance(value, int) and not isinstance(value, bool) and value >= (field.minimum or 0)
    return False


def neighbours(limit: str) -> list[Any]:
    """Values at and around a rule's limit: '2m' -> ['2m', '1m', '4m', '3m']; '2' -> [2, 1, 3, 4]."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(\s*)([A-Za-z/%][A-Za-z/% ]*)?", limit.strip())
    if not match:
        return []
    number, space, unit = float(match.group(1)), match.group(2), match.group(3) or ""

    def fmt(x: float) -> Any:
        text = f"{x:g}" if x != int(x) else str(int(x))
        return int(x) if not unit and x == int(x) else f"{text}{space}{unit}"

    values = [number, number / 2, number * 2]
    if not unit and number == int(number) and 1 <= number < 100:   # 16,001 IOPS reads as a trick, not a need
        values += [number + 1] + ([number - 1] if number > 1 else [])
    # the limit itself always; neighbours only when they read naturally (whole numbers)
    return [fmt(v) for i, v in enumerate(values) if i == 0 or (v == int(v) and v > 0)]


# -- plain workloads ------------------------------------------------------------------
def item(workload: dict, list_key: str, name: str) -> dict | None:
    for entry in workload.get(list_key, []):
        if entry.get("name") == name:
            return entry
    return None


def get(workload: dict, path: str, name: str | None = None) -> Any:
    """The value at a schema path (for an item field, in the item called ``name``)."""
    listed = item_list(path)
    node: Any = item(workload, listed, name) if listed else workload
    keys = path.split(".")[1:] if listed else path.split(".")
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def put(workload: dict, path: str, value: Any, name: str | None = None) -> None:
    listed = item_list(path)
    node: Any = item(workload, listed, name) if listed else workload
    if node is None:
        raise KeyError(f"no {listed} entry {name!r}")
    keys = path.split(".")[1:] if listed else path.split(".")
    for key in keys[:-1]:
        node = node.setdefault(key, {})
    node[keys[-1]] = value


def drop(workload: dict, path: str, name: str | None = None) -> None:
    """Remove a leaf, and any section it leaves empty (an empty section can still raise a concern)."""
    listed = item_list(path)
    root: Any = item(workload, listed, name) if listed else workload
    if root is None:
        return
    keys = path.split(".")[1:] if listed else path.split(".")
    trail = [root]
    for key in keys[:-1]:
        nxt = trail[-1].get(key)
        if not isinstance(nxt, dict):
            return
        trail.append(nxt)
    trail[-1].pop(keys[-1], None)
    for depth in range(len(keys) - 2, -1, -1):
        if not trail[depth + 1]:
            trail[depth].pop(keys[depth], None)


def leaf_refs(workload: dict) -> list[tuple[str, str | None]]:
    """Every (schema path, item name) set in a workload, in document order."""
    refs: list[tuple[str, str | None]] = []
    known = leaves()

    def walk(prefix: str, node: dict, name: str | None) -> None:
        for key, value in node.items():
            path = f"{prefix}{key}"
            if path in known:
                refs.append((path, name))
            elif isinstance(value, dict):
                walk(path + ".", value, name)

    for key, value in workload.items():
        if key in ITEM_LISTS and isinstance(value, list):
            for entry in value:
                walk(key + ".", {k: v for k, v in entry.items() if k != "name"}, entry.get("name"))
        elif key in known:
            refs.append((key, None))
        elif isinstance(value, dict):
            walk(key + ".", value, None)
    return refs


def applies(path: str, kind: str | None) -> bool:
    field = leaves()[path]
    return not field.applies_to or kind is None or kind in field.applies_to


def fit_kind(entry: dict) -> None:
    """Drop an item's fields that its kind does not allow (the loader would reject them)."""
    kind = entry.get("kind")
    for key in [k for k in entry if k not in ("name", "kind")]:
        if f"data.{key}" in leaves() and not applies(f"data.{key}", kind):
            del entry[key]


def canonical(workload: dict) -> dict:
    """Key order of the workload format (so the YAML reads like a hand-written file), recursively."""
    def order(node: Any, definition: s.Field) -> Any:
        if definition.kind == s.SECTION_LIST and isinstance(node, list):
            return [order(entry, s.Field(s.SECTION, "", fields=definition.fields)) for entry in node]
        if definition.kind == s.SECTION and isinstance(node, dict):
            return {key: order(node[key], definition.fields[key]) for key in definition.fields if key in node}
        return node

    return order(workload, s.WORKLOAD)
