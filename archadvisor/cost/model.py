"""The estimate: every component priced, totals by tier, the main drivers, and what was assumed.

It reads the decisions document (decisions, components, groups) and the workload's figures, and keys
everything on service ids, decision concerns and group kinds, never on component ids.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .context import Costing, region_of
from .pricing import FREE, HOURS, Item, Line, money, price
from .prices import BASE_REGION, load_prices
from . import data, infrastructure  # noqa: F401  (registers the pricers)

LABEL = ("An estimate from public on-demand list prices (USD) and the assumptions listed with it, not a quote: "
         "check it in the AWS Pricing Calculator before relying on it.")
LEAVES_OUT = [
    "taxes",
    "AWS Support plans",
    "free tiers (none are deducted)",
    "discounts: Savings Plans, Enterprise Discount Program, credits, volume pricing beyond the listed tiers "
    "(Reserved Instances and Spot only where the design chose them)",
    "data transfer between Availability Zones and to the second region beyond the replication shown",
    "backups and snapshots beyond the services' free allowance",
    "Marketplace software and licences (Oracle and SQL Server are priced as open-source engines)",
    "monitoring, logging and operations tooling unless drawn in the design",
    "CloudFront flat-rate plans (sold since November 2025, bundling CloudFront, WAF, DNS and logs for one "
    "monthly price): pay-as-you-go prices are shown, which for large sites can be far above a plan's price",
]
TIERS = {
    "compute": "Compute", "purchasing": "Compute", "networking": "Networking", "dns": "Edge and front door",
    "edge": "Edge and front door", "api": "Edge and front door", "database": "Data", "cache": "Data",
    "storage": "Storage", "messaging": "Messaging and integration", "integration": "Messaging and integration",
    "security": "Security and management", "identity": "Security and management",
    "management": "Security and management", "hybrid": "Hybrid and migration",
    "migration": "Hybrid and migration", "analytics": "Analytics", "resilience": "Resilience", "general": "Other",
}


@dataclass
class Priced:
    """One set of components of the same service for the same decision in one region, with its lines."""
    item: Item
    region: str  # "primary", "second region", "global" or "on premises"
    tier: str
    components: list[str]
    lines: list[Line]
    note: str = ""
    one_time: bool = False

    @property
    def monthly(self) -> float:
        return sum(line.monthly for line in self.lines)

    def to_dict(self) -> dict[str, Any]:
        decision = self.item.concern + (f":{self.item.subject}" if self.item.subject else "") \
            if self.item.concern else None
        out = {"service": self.item.service, "decision": decision, "region": self.region, "tier": self.tier,
               "components": self.components, "monthly" if not self.one_time else "one_time": money(self.monthly),
               "lines": [line.to_dict() for line in self.lines]}
        if self.note:
            out["note"] = self.note
        return out


def tier_of(service: str) -> str:
    from ..knowledge import load_catalogue

    entry = load_catalogue().get(service)
    return TIERS.get(entry.category, "Other") if entry else "Other"


def costing(workload_values: dict[str, Any], doc: dict[str, Any]) -> Costing:
    region = workload_values.get("region") or BASE_REGION
    return Costing(workload_values, doc, load_prices(), region)


def priced_items(ctx: Costing) -> list[Priced]:
    """Components grouped by decision, service and region, in the order the document lists them."""
    groups = {g["id"]: g for g in ctx.doc.get("groups", [])}
    primary = ctx.primary_region_group()
    grouped: dict[tuple, list[str]] = {}
    for component in ctx.doc.get("components", []):
        region = region_of(groups, component["group"])
        where = outside(groups, component["group"]) if region is None \
            else "primary" if region == primary else "second region"
        grouped.setdefault((component["decision"], component["service"], where), []).append(component["id"])
    # A copy in a second region may carry no decision: it copies the primary component of the same service.
    primary_decision = {}
    for (decision, service, where) in grouped:
        if decision and where != "second region":
            primary_decision.setdefault(service, decision)
    items = []
    for (decision, service, where), ids in grouped.items():
        if decision is None and where == "second region":
            decision = primary_decision.get(service)
        concern, _, subject = (decision or "").partition(":")
        item = Item(service, concern or None, subject or None, len(ids), where == "second region")
        lines = price(ctx, item)
        note = FREE.get(service, "") if lines == [] else ""
        if lines is None:
            lines, note = [], "not priced: archadvisor has no cost model for this service"
        items.append(Priced(item, where, tier_of(service), ids, lines, note, service in data.ONE_TIME
                            and data.one_time(ctx)))
    return items


def outside(groups: dict[str, dict[str, Any]], group_id: str | None) -> str:
    """Where a component outside any region sits: on the customer's site, or global (edge, users)."""
    seen = set()
    while group_id in groups and group_id not in seen:
        seen.add(group_id)
        if groups[group_id]["kind"] == "on-premises":
            return "on premises"
        group_id = groups[group_id]["parent"]
    return "global"


def tiers(items: list[Priced], total: float) -> list[dict[str, Any]]:
    sums: dict[str, float] = {}
    for priced in items:
        if not priced.one_time:
            sums[priced.tier] = sums.get(priced.tier, 0.0) + priced.monthly
    ordered = sorted(((tier, value) for tier, value in sums.items() if round(value, 2) > 0),
                     key=lambda pair: (-round(pair[1], 2), pair[0]))
    return [{"tier": tier, "monthly": money(value), "share": round(value / total, 3) if total else 0.0}
            for tier, value in ordered]


def drivers(items: list[Priced], total: float, count: int = 5) -> list[dict[str, Any]]:
    lines = [(line, priced) for priced in items if not priced.one_time for line in priced.lines if line.monthly > 0]
    lines.sort(key=lambda pair: (-round(pair[0].monthly, 2), pair[1].item.service, pair[0].item))
    return [{"item": line.item, "service": priced.item.service, "region": priced.region,
             "monthly": money(line.monthly), "share": round(line.monthly / total, 3) if total else 0.0}
            for line, priced in lines[:count]]


def price_basis(ctx: Costing) -> dict[str, Any]:
    table = ctx.prices
    used = sorted({line.price for line in ctx.used_lines})
    checked = {"stored-page": 0, "knowledge": 0}
    for key in used:
        checked[table.prices[key].checked] += 1
    reads = sorted({table.prices[key].read for key in used})
    how = sorted({line.how for line in ctx.used_lines})
    return {"table": "archadvisor/knowledge/prices.yaml", "prices_used": len(used), "checked": checked,
            "read": reads, "region": ctx.region, "regional_basis": how}


def estimate(workload_values: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    """The ``cost`` section of the decisions document."""
    from .choices import compare

    ctx = costing(workload_values, doc)
    items = priced_items(ctx)
    monthly = [p for p in items if not p.one_time]
    total = sum(p.monthly for p in monthly)
    one_time = [p for p in items if p.one_time]
    decisions = compare(ctx, items)
    ctx.used_lines = [line for p in items for line in p.lines]
    if ctx.region not in ctx.prices.factors:
        ctx.assume("region_prices", BASE_REGION, "prices",
                   f"the price table has no figures for {ctx.region}: us-east-1 prices are used")
    if ctx.region_count > 1:
        ctx.assume("second_region_prices", ctx.region, "prices",
                   "the design's second region is not named: it is priced at the primary region's prices")
    return {
        "label": LABEL,
        "currency": "USD",
        "region": ctx.region,
        "hours_per_month": HOURS,
        "monthly_total": money(total),
        "one_time_total": money(sum(p.monthly for p in one_time)),
        "by_tier": tiers(monthly, total),
        "drivers": drivers(monthly, total),
        "components": [p.to_dict() for p in monthly],
        "one_time": [p.to_dict() for p in one_time],
        "decisions": decisions,
        "assumptions": [ctx.assumptions[key] for key in sorted(ctx.assumptions)],
        "leaves_out": LEAVES_OUT,
        "prices": price_basis(ctx),
    }
