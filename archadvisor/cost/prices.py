"""The price table (archadvisor/knowledge/prices.yaml): loaded once, validated when it loads.

Every price has a unit, the AWS pricing page it comes from, the date it was read and whether it was
checked against a stored copy of that page or comes from knowledge of AWS list prices. A price is
either flat (``price``) or tiered by monthly volume (``tiers``); ``regions`` lists known figures for
other regions, and any other region gets the us-east-1 figure times the region's factor.
"""
from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PRICES = Path(__file__).resolve().parents[1] / "knowledge" / "prices.yaml"
BASE_REGION = "us-east-1"
CHECKED = ("stored-page", "knowledge")
_SOURCE = re.compile(r"^https://aws\.amazon\.com/\S+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_KEYS = {"price", "tiers", "unit", "note", "regions", "source", "read", "checked"}


class PriceError(ValueError):
    """The price table is malformed; raised at load time."""


@dataclass(frozen=True)
class Tier:
    up_to: float | None  # in the price's unit per month; None for the last tier
    price: float


@dataclass(frozen=True)
class Price:
    key: str
    unit: str
    tiers: tuple[Tier, ...]  # a flat price is one tier with no limit
    regions: dict[str, tuple[Tier, ...]]
    source: str
    read: str
    checked: str
    note: str = ""

    @property
    def flat(self) -> bool:
        return len(self.tiers) == 1


@dataclass(frozen=True)
class Quote:
    """A price as it applies in one region: the tiers, and how they were found for that region."""
    price: Price
    region: str
    tiers: tuple[Tier, ...]
    how: str  # "listed" (the table has the region's figure) or "factor x1.08 from us-east-1"

    @property
    def rate(self) -> float:
        """The first tier's rate: the whole price of a flat price."""
        return self.tiers[0].price

    def charge(self, quantity: float) -> float:
        """What ``quantity`` units cost in a month, tier by tier."""
        total, below = 0.0, 0.0
        for tier in self.tiers:
            top = quantity if tier.up_to is None else min(quantity, tier.up_to)
            if top > below:
                total += (top - below) * tier.price
            if tier.up_to is None or quantity <= tier.up_to:
                break
            below = tier.up_to
        return total


@dataclass(frozen=True)
class PriceTable:
    prices: dict[str, Price]
    factors: dict[str, float]
    factors_source: str

    def quote(self, key: str, region: str) -> Quote:
        price = self.prices[key]
        if region == BASE_REGION:
            return Quote(price, region, price.tiers, "listed")
        if region in price.regions:
            return Quote(price, region, price.regions[region], "listed")
        factor = self.factors.get(region)
        if factor is None:
            return Quote(price, region, price.tiers, f"{BASE_REGION} price: no figures for {region}")
        tiers = tuple(Tier(t.up_to, round(t.price * factor, 10)) for t in price.tiers)
        return Quote(price, region, tiers, f"{BASE_REGION} price x{factor:g} (regional factor)")


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise PriceError(f"{where}: must be a number >= 0, not {value!r}")
    return float(value)


def _tiers(value: Any, where: str) -> tuple[Tier, ...]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (Tier(None, _number(value, where)),)
    if not isinstance(value, list) or not value:
        raise PriceError(f"{where}: tiers must be a non-empty list")
    tiers, last = [], 0.0
    for i, tier in enumerate(value):
        if not isinstance(tier, dict) or not set(tier) <= {"up_to", "price"} or "price" not in tier:
            raise PriceError(f"{where}: tier {i} needs price and, except the last, up_to")
        up_to = tier.get("up_to")
        final = i == len(value) - 1
        if final != (up_to is None):
            raise PriceError(f"{where}: only the last tier has no up_to")
        if up_to is not None and _number(up_to, f"{where} tier {i} up_to") <= last:
            raise PriceError(f"{where}: tier {i} up_to must grow")
        last = up_to or last
        tiers.append(Tier(None if up_to is None else float(up_to), _number(tier["price"], f"{where} tier {i}")))
    return tuple(tiers)


def _text(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def _price(key: str, entry: Any, regions: set[str]) -> Price:
    where = f"price {key!r}"
    if not isinstance(entry, dict):
        raise PriceError(f"{where}: must be a mapping")
    unknown = set(entry) - _KEYS
    if unknown:
        raise PriceError(f"{where}: unknown keys {sorted(unknown)}")
    if ("price" in entry) == ("tiers" in entry):
        raise PriceError(f"{where}: needs exactly one of price and tiers")
    for field in ("unit", "source", "read", "checked"):
        if not _text(entry.get(field) or "").strip():
            raise PriceError(f"{where}: {field} is missing")
    if not _SOURCE.match(_text(entry["source"])):
        raise PriceError(f"{where}: source {entry['source']!r} is not an https://aws.amazon.com/ pricing page")
    if not _DATE.match(_text(entry["read"])):
        raise PriceError(f"{where}: read {entry['read']!r} is not a date YYYY-MM-DD")
    if entry["checked"] not in CHECKED:
        raise PriceError(f"{where}: checked must be one of {', '.join(CHECKED)}")
    tiers = _tiers(entry.get("price", entry.get("tiers")), where)
    by_region = {}
    for region, value in sorted((entry.get("regions") or {}).items()):
        if region not in regions:
            raise PriceError(f"{where}: region {region!r} has no factor under region_factors")
        by_region[region] = _tiers(value, f"{where} in {region}")
        if len(by_region[region]) != len(tiers):
            raise PriceError(f"{where} in {region}: needs as many tiers as the us-east-1 price")
    return Price(key, str(entry["unit"]), tiers, by_region, _text(entry["source"]), _text(entry["read"]),
                 entry["checked"], str(entry.get("note") or ""))


def parse_prices(data: Any) -> PriceTable:
    if not isinstance(data, dict) or not isinstance(data.get("prices"), dict):
        raise PriceError("the price table needs a top-level 'prices' mapping")
    factors_entry = data.get("region_factors")
    if not isinstance(factors_entry, dict) or not isinstance(factors_entry.get("factors"), dict):
        raise PriceError("the price table needs region_factors with factors")
    for field in ("source", "read", "checked"):
        if not _text(factors_entry.get(field) or "").strip():
            raise PriceError(f"region_factors: {field} is missing")
    factors = {region: _number(value, f"region factor {region}")
               for region, value in sorted(factors_entry["factors"].items())}
    if factors.get(BASE_REGION) != 1.0:
        raise PriceError(f"region_factors: {BASE_REGION} must be 1.0")
    prices = {key: _price(key, entry, set(factors)) for key, entry in sorted(data["prices"].items())}
    return PriceTable(prices, factors, _text(factors_entry["source"]))


def _yaml(text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader)
    return _plain(data)


def _plain(value: Any) -> Any:
    """Dates as text, so the parsed table can be kept as JSON in the cache."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return _text(value) if isinstance(value, datetime.date) else value


@functools.cache
def load_prices() -> PriceTable:
    """The packaged price table, validated; parsed once and kept as JSON in the user's cache."""
    from ..cache import cached_json

    return parse_prices(cached_json(PRICES, "knowledge", _yaml))
