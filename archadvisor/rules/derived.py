"""Facts derived from the workload, computed once and named, and derived defaults.

Derived facts appear in the evidence as ``derived.<name>``; derived defaults
fill a missing field from other fields and are listed as assumptions.
"""
from __future__ import annotations

from typing import Any

from ..engine.context import Context, DerivedFact, show
from ..knowledge.regions import default_dr_region
from ..workload.tiers import serves_clients
from ..workload.units import human_duration
from .common import clients_call, store_kind
from .lifecycle import describe as describe_lifecycle, store_plan

HOUR = 3600.0
DAY = 86400.0


def _transfer_days(ctx: Context) -> float | None:
    data = ctx.peek("hybrid.migration.data")
    bandwidth = ctx.peek("hybrid.migration.bandwidth")
    if data is None or bandwidth is None or bandwidth.base <= 0:
        return None
    return data.base * 8 / bandwidth.base / DAY


def _deadline_days(ctx: Context) -> float | None:
    deadline = ctx.peek("hybrid.migration.deadline")
    return None if deadline is None else deadline.base / DAY


def _read_write_ratio(ctx: Context) -> float | None:
    reads, writes = ctx.peek("this.reads"), ctx.peek("this.writes")
    if reads is None:
        return None
    if writes is None or writes.base == 0:
        return float("inf") if reads.base > 0 else None
    return reads.base / writes.base


def _days_text(value: float) -> str:
    """Days with two decimals, so 7.01 days never reads as the 7-day threshold it exceeds."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text} days"


def _ratio_text(value: float) -> str:
    return "reads only" if value == float("inf") else f"{show(round(value, 1))} reads per write"


SNOWBALL_BYTES = 80e12  # usable capacity of one Snowball (notes: "Snowball"; AWS Snowball Edge storage optimized)


def _snowball_devices(ctx: Context) -> int | None:
    data = ctx.peek("hybrid.migration.data")
    if data is None:
        return None
    return max(1, -(-int(data.base) // int(SNOWBALL_BYTES)))


def _windows_file_store(ctx: Context) -> bool:
    return any(store_kind(item) == "file" and (item.get("os") == "windows" or item.get("protocol") == "smb")
               for item in ctx.workload.values.get("data", []))


FACTS: dict[str, DerivedFact] = {fact.name: fact for fact in (
    DerivedFact("transfer_days", "Days to move hybrid.migration.data over hybrid.migration.bandwidth at full rate.",
                _transfer_days, lambda v: _days_text(v) if v >= 1 else f"{_days_text(v)} ({human_duration(v * DAY)})",
                "days"),
    DerivedFact("deadline_days", "The migration deadline in days.", _deadline_days, _days_text, "days"),
    DerivedFact("read_write_ratio", "Peak reads divided by peak writes of a store.", _read_write_ratio,
                _ratio_text),
    DerivedFact("snowball_devices", "Snowball devices of 80 TB needed for hybrid.migration.data.",
                _snowball_devices, lambda v: f"{v} device{'s' if v != 1 else ''} of 80 TB"),
    DerivedFact("lifecycle", "The S3 Lifecycle steps an object store's ageing fields ask for (rules.lifecycle).",
                lambda ctx: store_plan(ctx.workload.values, ctx.subject.values or {}) or None, describe_lifecycle),
    DerivedFact("windows_file_store", "Whether a data store is a Windows (SMB) file system moving to AWS.",
                _windows_file_store, lambda v: "yes" if v else "no"),
)}


def _scope(ctx: Context) -> tuple[Any, str]:
    rto = ctx.peek("availability.rto")
    if rto is None:
        return "multi-az", "no rto given: survive the loss of one Availability Zone, the AWS baseline for production"
    if rto.base < HOUR:
        return "multi-az", f"derived from availability.rto = {rto.text} (< 1h means an AZ loss must not stop the system)"
    return "single-az", f"derived from availability.rto = {rto.text} (>= 1h leaves time to recover in another AZ)"


def _failover(ctx: Context) -> tuple[Any, str]:
    rto = ctx.peek("availability.rto")
    if rto is None:
        return None, ""
    if rto.base < 15 * 60:
        return "automatic", f"derived from availability.rto = {rto.text} (< 15m leaves no time for a manual failover)"
    return "manual", f"derived from availability.rto = {rto.text} (>= 15m leaves time for an operator to fail over)"


def _store_kind(ctx: Context) -> tuple[Any, str]:
    kind = store_kind(ctx.subject.values or {})
    return kind, "inferred from the store's other fields"


def _dr_region(ctx: Context) -> tuple[Any, str]:
    primary = ctx.peek("region")
    return default_dr_region(primary), (f"no dr_region given: the recovery region paired with {primary}, the "
                                        "nearest in the same country or bloc where AWS has a second region there")


def _compute_pattern(ctx: Context) -> tuple[Any, str]:
    """Code that exists only to react to change events runs as short event-driven handlers."""
    values = ctx.workload.values
    if "compute" in values or clients_call(ctx):  # ctx is a probe: these reads are not evidence
        return None, ""
    if any(isinstance(item, dict) and item.get("change_events") is True for item in values.get("data") or []):
        return "event-driven", ("no compute section and no clients: the code only reacts to change events of a "
                                "data store, so it runs as short event-driven handlers")
    return None, ""


def _serves_clients(ctx: Context) -> tuple[Any, str]:
    """Without a word on it, the first tier is the one clients call, the others work behind it."""
    first = serves_clients(ctx.workload.values, ctx.subject.name)  # not given: true for the first tier only
    return first, ("the first tier listed serves clients" if first else
                   "only the first tier listed serves clients unless a tier says so")


DERIVED_DEFAULTS = {
    "compute.tiers.serves_clients": _serves_clients,
    "availability.scope": _scope,
    "availability.dr_region": _dr_region,
    "compute.pattern": _compute_pattern,
    "availability.failover": _failover,
    "data.kind": _store_kind,
}

__all__ = ["FACTS", "DERIVED_DEFAULTS"]
