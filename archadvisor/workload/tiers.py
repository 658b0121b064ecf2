"""Compute tiers (``compute.tiers``) as plain data: the one reading of a tier that the rules' defaults, the
drawing, the templates and the cost estimate share.

A tier gives some of the compute section's fields itself and takes the others from the section; the first
tier listed serves clients unless the tiers say otherwise; a tier that names no store or channel in ``uses``
uses them all.
"""
from __future__ import annotations

from typing import Any


def tiers(values: dict[str, Any]) -> list[dict[str, Any]]:
    """The tiers a workload (its plain values) lists; empty for a single application tier."""
    compute = values.get("compute") if isinstance(values, dict) else None
    listed = compute.get("tiers") if isinstance(compute, dict) else None
    return [t for t in listed or [] if isinstance(t, dict) and t.get("name")]


def tier(values: dict[str, Any], name: str | None) -> dict[str, Any] | None:
    return next((t for t in tiers(values) if t["name"] == name), None)


def tier_value(values: dict[str, Any], name: str | None, key: str) -> Any:
    """A compute field for a tier: its own value, else the compute section's (None: not given)."""
    spec = tier(values, name)
    if spec is not None and key in spec:
        return spec[key]
    compute = values.get("compute") if isinstance(values, dict) else None
    return compute.get(key) if isinstance(compute, dict) else None


def on_fargate(values: dict[str, Any], name: str | None) -> bool:
    """Whether EKS for a tier would run its pods on Fargate profiles rather than on nodes: the tier (or the
    compute section) prefers no servers and needs nothing only instances give. The cost estimate prices EKS by
    it, as the choice and as an alternative; the drawing and the template read the decision itself (see
    engine.model.pods_on_fargate)."""
    hosts = any(tier_value(values, name, key) for key in ("gpu", "os_access", "hpc", "critical_instances"))
    return tier_value(values, name, "style") == "serverless" and not hosts


def serves_clients(values: dict[str, Any], name: str | None) -> bool:
    """Whether clients' requests reach a tier: its ``serves_clients``, by default the first tier only."""
    listed = tiers(values)
    spec = tier(values, name)
    if spec is None:
        return False
    return spec.get("serves_clients", spec is listed[0]) is True


def uses(values: dict[str, Any], name: str | None, part: str) -> bool:
    """Whether a tier uses a store or channel: its ``uses`` names it, or names none (it uses everything)."""
    spec = tier(values, name)
    return spec is None or not spec.get("uses") or part in spec["uses"]
