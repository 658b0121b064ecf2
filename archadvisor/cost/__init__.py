"""Monthly cost estimates from list prices: per component, by tier, and for each cost-driven choice.

``estimate(workload_values, doc)`` returns the ``cost`` section of the decisions document. Prices come
from archadvisor/knowledge/prices.yaml (see prices.py); the figures the workload does not give are
assumed (context.ASSUMED) and listed in the estimate.
"""
from __future__ import annotations

from .model import estimate
from .prices import PriceError, load_prices, parse_prices

__all__ = ["estimate", "load_prices", "parse_prices", "PriceError"]
