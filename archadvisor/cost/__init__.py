"""Monthly cost estimates from list prices: per component, by tier, and for each cost-driven choice.

``estimate(workload_values, doc)`` returns the ``cost`` section of the decisions document. Prices come
from archadvisor/knowledge/prices.yaml (see prices.py); the figures the workload does not give are
assumed (context.ASSUMED) and listed in the estimate.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import estimate
    from .prices import PriceError, load_prices, parse_prices

__all__ = ["estimate", "load_prices", "parse_prices", "PriceError"]


def __getattr__(name: str) -> Any:
    # Imported on first use, not with the package: the rule modules import .pricing beside their rules
    # (to register their pricers), and a design starts Graphviz before it estimates anything.
    if name == "estimate":
        from .model import estimate
        return estimate
    if name in ("load_prices", "parse_prices", "PriceError"):
        from . import prices
        return getattr(prices, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
