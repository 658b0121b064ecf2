"""Cost behind cost-driven choices: each option of a decision priced alike, side by side.

Options are priced with the same pricers as the components, for the same workload figures, in the
primary region (a database that spans regions is priced in each). The DR strategy is compared by the
second region each strategy needs, as a share of the primary region's regional cost.
"""
from __future__ import annotations

from typing import Any

from .context import Costing
from .data import ONE_TIME, one_time
from .pricing import FREE, UNPRICED, Item, Line, money, price

# Concerns whose choice trades cost against something else, priced whenever they are decided.
COST_DRIVEN = frozenset({
    "internet-egress", "object-storage", "block-storage", "file-storage", "dr-strategy", "ec2-purchasing",
    "data-transfer", "database", "hybrid-connectivity", "hybrid-storage", "private-service-access", "edge",
    "compute", "api", "data-lake-query", "load-balancer",
})
# Options whose id names a free service but whose cost as an option is the traffic it carries.
OPTION_PRICERS = {"egress-only-internet-gateway": "egress-only-internet-gateway-option",
                  "vpc-gateway-endpoint": "vpc-gateway-endpoint-option"}
MULTI_REGION = {"dynamodb-global-tables", "aurora-global-database"}
# Share of each tier of the primary region's regional cost that a second region costs, by DR strategy.
STANDBY = {
    "backup-restore": {},
    "pilot-light": {"Data": 0.5, "Storage": 1.0},
    "warm-standby": {"Compute": 0.25, "Data": 0.5, "Storage": 1.0, "Networking": 1.0},
    "multi-site-active-active": {"Compute": 1.0, "Data": 1.0, "Storage": 1.0, "Networking": 1.0,
                                 "Messaging and integration": 1.0, "Edge and front door": 0.0},
}
STANDBY_TEXT = {
    "backup-restore": "backups copied to the second region; nothing runs there",
    "pilot-light": "databases replicated (about half the primary's database cost), storage replicated, "
                   "compute and load balancers off until failover",
    "warm-standby": "databases replicated, storage replicated, networking up, a quarter of the compute running",
    "multi-site-active-active": "a full copy of the regional services, serving traffic",
}


def cost_driven(decision: dict[str, Any]) -> bool:
    return decision["concern"] in COST_DRIVEN or "cost-optimization" in decision["pillars"]


def option_lines(ctx: Costing, decision: dict[str, Any], option: str) -> list[Line] | None:
    concern, subject = decision["concern"], decision["subject"]
    if option in UNPRICED:
        return None
    if concern == "ec2-purchasing":
        compute = ctx.tier_choice("compute", subject) or "ec2-auto-scaling"
        return price(ctx, Item(compute, "compute", subject, options={"purchasing": option}))
    service = OPTION_PRICERS.get(option, option)
    lines = price(ctx, Item(service, concern, subject, options={"option": option}))
    if lines and option in MULTI_REGION:
        regions = max(2, ctx.region_count)
        for _ in range(regions - 1):
            lines = lines + price(ctx, Item(service, concern, subject, secondary=True, options={"option": option}))
    return lines


def priced_option(ctx: Costing, decision: dict[str, Any], option: str) -> dict[str, Any]:
    lines = option_lines(ctx, decision, option)
    entry: dict[str, Any] = {"choice": option, "chosen": option == decision["choice"]}
    if lines is None:
        entry["monthly"] = None
        entry["note"] = UNPRICED.get(option, "not priced: archadvisor has no cost model for this option")
        return entry
    total = money(sum(line.monthly for line in lines))
    if option in ONE_TIME and one_time(ctx):
        entry["monthly"], entry["one_time"] = 0.0, total
    else:
        entry["monthly"] = total
    entry["lines"] = [line.to_dict() for line in lines]
    if not lines and option in FREE:
        entry["note"] = FREE[option]
    return entry


def regional_costs(items: list) -> tuple[dict[str, float], float]:
    """The primary region's monthly cost by tier, and the cost of global services (edge, DNS, security)."""
    by_tier: dict[str, float] = {}
    global_cost = 0.0
    for priced in items:
        if priced.one_time or priced.region == "second region":
            continue
        if priced.region in ("global", "on premises"):
            global_cost += priced.monthly
        else:
            by_tier[priced.tier] = by_tier.get(priced.tier, 0.0) + priced.monthly
    return by_tier, global_cost


def strategy_option(ctx: Costing, items: list, option: str, chosen: str) -> dict[str, Any]:
    from .pricing import line

    shares = STANDBY.get(option)
    if shares is None:
        return {"choice": option, "chosen": option == chosen, "monthly": None, "note": "not priced: unknown strategy"}
    by_tier, global_cost = regional_costs(items)
    standby = [{"item": f"Second region: {tier}", "quantity": share,
                "unit": "share of the primary region's cost of this tier", "monthly": money(by_tier[tier] * share)}
               for tier, share in sorted(shares.items()) if by_tier.get(tier) and share]
    stores = ctx.values.get("data") or []
    data_gb = sum(ctx.store_gb(store) for store in stores)
    lines = []
    if option == "backup-restore":
        objects = ctx.object_gb()
        lines.append(line(ctx, "Backups of databases and volumes in the second region", data_gb - objects,
                          "backup-warm-gb-month"))
        if objects:
            lines.append(line(ctx, "Copies of the objects in Glacier Deep Archive in the second region", objects,
                              "s3-glacier-deep-archive-gb-month"))
    lines.append(line(ctx, "Copying changed data to the second region", data_gb * ctx.assumed("changed_share"),
                      "data-transfer-inter-region"))
    second = sum(by_tier[tier] * share for tier, share in shares.items() if tier in by_tier) \
        + sum(entry.monthly for entry in lines)
    return {"choice": option, "chosen": option == chosen,
            "monthly": money(sum(by_tier.values()) + global_cost + second),
            "second_region": money(second),
            "note": STANDBY_TEXT[option],
            "lines": standby + [entry.to_dict() for entry in lines]}


def compare(ctx: Costing, items: list) -> list[dict[str, Any]]:
    """Every cost-driven decision with its options' estimated cost, cheapest first after the choice."""
    out = []
    for decision in ctx.doc["decisions"]:
        if not cost_driven(decision):
            continue
        options = [decision["choice"]] + [a["choice"] for a in decision["alternatives"]]
        if decision["concern"] == "dr-strategy":
            priced = [strategy_option(ctx, items, option, decision["choice"]) for option in options]
        else:
            priced = [priced_option(ctx, decision, option) for option in options]
        out.append({"concern": decision["concern"], "subject": decision["subject"], "choice": decision["choice"],
                    "basis": basis(decision["concern"]), "options": priced})
    return out


def basis(concern: str) -> str:
    if concern == "dr-strategy":
        return ("the whole design's monthly cost with each strategy: the primary region as designed plus the "
                "second region each strategy keeps")
    if concern == "ec2-purchasing":
        return "the application fleet's instances under each purchasing option"
    if concern == "data-transfer":
        return "the cost of moving the data once (monthly when the transfer recurs)"
    return "each option priced alike for this workload's figures, in the primary region"
