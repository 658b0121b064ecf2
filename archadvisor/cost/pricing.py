"""Lines of an estimate, the things they price, and the registry of pricers by service id."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from .context import Costing

HOURS = 730  # AWS's hours in a month
SECONDS = HOURS * 3600
GB = 1e9  # sizes are decimal, as the workload gives them

# Share of the primary region's capacity that a second region runs, by DR strategy, for compute.
STANDBY_COMPUTE = {"backup-restore": 0.0, "pilot-light": 0.0, "warm-standby": 0.25,
                   "multi-site-active-active": 1.0}


@dataclass(frozen=True)
class Item:
    """What one set of components (or one option of a decision) is: a service in a region for a decision."""
    service: str
    concern: str | None = None
    subject: str | None = None
    count: int = 1  # components drawn for it in this region
    secondary: bool = False  # in a second region, standing by or serving
    options: dict[str, str] = field(default_factory=dict)  # overrides, e.g. a purchasing option


@dataclass
class Line:
    item: str
    quantity: float
    unit: str
    unit_price: float
    monthly: float
    price: str  # the price table key
    how: str  # how the region's price was found
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        out = {"item": self.item, "quantity": _round(self.quantity), "unit": self.unit,
               "unit_price": float(f"{self.unit_price:.6g}"), "monthly": money(self.monthly), "price": self.price,
               "price_basis": self.how}
        if self.note:
            out["note"] = self.note
        return out


def money(value: float) -> float:
    return round(value + 0.0, 2)


def _round(value: float, digits: int = 4) -> float:
    rounded = round(value, digits)
    return int(rounded) if rounded == int(rounded) and abs(rounded) < 1e15 else rounded


def line(ctx: Costing, text: str, quantity: float, key: str, *, factor: float = 1.0, note: str = "") -> Line:
    """``quantity`` of the price ``key`` in the design's region; ``factor`` scales the unit price (a
    purchasing discount, Multi-AZ doubling). Tiered prices are charged tier by tier."""
    quote = ctx.quote(key)
    monthly = quote.charge(max(quantity, 0.0)) * factor
    if len(quote.tiers) == 1:
        unit_price = quote.rate * factor
    else:
        unit_price = monthly / quantity if quantity > 0 else quote.rate * factor
        note = "; ".join(filter(None, [note, "volume tiers: average rate shown"]))
    return Line(text, quantity, quote.price.unit, unit_price, monthly, key, quote.how, note)


Pricer = Callable[["Costing", Item], "list[Line]"]
PRICERS: dict[str, Pricer] = {}
# Services with no charge of their own; their traffic or resources are priced where they are used.
FREE: dict[str, str] = {
    "internet-gateway": "no charge; data transfer out is priced with the internet egress",
    "egress-only-internet-gateway": "no charge; IPv6 data transfer out is priced at the internet rate",
    "vpc-gateway-endpoint": "gateway endpoints to S3 and DynamoDB have no charge",
    "vpc-peering": "no hourly charge; traffic across AZs or regions is charged as data transfer",
    "iam-identity-center": "no charge",
    "iam": "no charge",
    "ssm-session-manager": "no charge for sessions to EC2 instances",
    "cognito-identity-pools": "no charge for identity pools",
    "instance-store": "included in the instance price",
    "rds-standby": "included in the Multi-AZ price",
    "dynamodb-streams": "no charge for reads by Lambda triggers",
    "s3-event-notifications": "no charge for event notifications",
    "efa": "no charge beyond the instances",
    "enhanced-networking": "no charge beyond the instances",
    "cluster": "placement groups have no charge",
    "partition": "placement groups have no charge",
    "spread": "placement groups have no charge",
    "shield-standard": "included for every AWS customer",
    "nacl": "no charge",
    "s3-presigned-urls": "no charge beyond S3 requests",
    "cloudfront-signed-urls": "no charge beyond CloudFront requests",
    "cloudfront-signed-cookies": "no charge beyond CloudFront requests",
    "customer-gateway": "no charge; the VPN connection is priced",
    "virtual-private-gateway": "no charge; the VPN or Direct Connect connection is priced",
    "vpc-router": "no charge",
    "s3": "a bucket no data store describes: what it holds is priced with the store, channel or transfer "
          "that fills it",
    "users": "outside AWS", "internet": "outside AWS", "on-premises-server": "on the customer's site",
    "on-premises-site": "on the customer's site", "iot-device": "outside AWS", "mobile-client": "outside AWS",
    "simple": "priced with the Route 53 hosted zone", "failover": "priced with the Route 53 hosted zone",
    "latency": "priced with the Route 53 hosted zone", "geolocation": "priced with the Route 53 hosted zone",
    "geoproximity": "priced with the Route 53 hosted zone", "weighted": "priced with the Route 53 hosted zone",
    "multivalue": "priced with the Route 53 hosted zone",
}
# Options that can no longer be bought, so have no list price to compare.
UNPRICED: dict[str, str] = {
    "scheduled-reserved": "AWS no longer sells Scheduled Reserved Instances",
    "snowmobile": "AWS retired Snowmobile in 2024; priced by quote only",
}


def pricer(*services: str) -> Callable[[Pricer], Pricer]:
    def register(function: Pricer) -> Pricer:
        for service in services:
            PRICERS[service] = function
        return function
    return register


def price(ctx: Costing, item: Item) -> list[Line] | None:
    """The item's lines; [] when it has no charge; None when archadvisor cannot price it."""
    if item.service in FREE:
        return []
    function = PRICERS.get(item.service)
    return function(ctx, item) if function else None


def strategy(ctx: Costing) -> str | None:
    return ctx.choice("dr-strategy")


def traffic_share(ctx: Costing, item: Item) -> float:
    """Share of the request traffic an item carries: all of it in the primary region, none in a standby
    region, an even share in each region when every region serves."""
    if strategy(ctx) == "multi-site-active-active" or (ctx.region_count > 1 and strategy(ctx) is None):
        return 1.0 / ctx.region_count
    return 0.0 if item.secondary else 1.0


def standby_share(ctx: Costing, item: Item) -> float:
    """Share of the primary region's compute capacity an item runs."""
    if not item.secondary:
        return 1.0
    stated = (ctx.values.get("availability") or {}).get("standby_capacity")  # a warm standby's stated size
    if stated is not None and strategy(ctx) == "warm-standby":
        return float(getattr(stated, "base", stated)) / 100
    return STANDBY_COMPUTE.get(strategy(ctx) or "multi-site-active-active", 1.0)
