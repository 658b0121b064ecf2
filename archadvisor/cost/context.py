"""What the cost model reads: the workload's figures, the design's shape, and what it had to assume.

Every figure the model needs and the workload did not give is taken from ``ASSUMED`` below and listed
in the estimate's assumptions, so a reader sees which numbers came from the workload and which did not.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ..workload.tiers import tier_value
from .prices import PriceTable, Quote
from .pricing import GB, SECONDS

# Defaults for figures the workload does not give: value, unit, and why this value.
ASSUMED: dict[str, tuple[float, str, str]] = {
    "average_load": (0.3, "of the peak", "average load over a month, as a share of the peak rates the workload gives"),
    "peak_requests": (50, "requests/s", "users.peak_requests is not given"),
    "response_size": (20, "KB", "average size of an HTTP response at the front door (pages, API calls, assets)"),
    "packet_size": (1, "KB", "average size of a TCP or UDP response (game state, device acknowledgements)"),
    "requests_per_connection": (10, "requests", "requests carried by one client connection (load balancer LCUs)"),
    "message_rate": (10, "messages/s", "a channel's rate is not given"),
    "message_size": (1, "KB", "average message or record size"),
    "iot_devices": (10000, "devices", "devices connected to AWS IoT Core all month (the workload gives no count)"),
    "egress_utilisation": (0.1, "of the peak", "average outbound bandwidth through NAT as a share of "
                                               "network.egress_bandwidth"),
    "egress_volume": (100, "GB/month", "network.egress_bandwidth is not given: outbound internet traffic "
                                        "from private subnets"),
    "requests_per_instance": (500, "requests/s", "requests one m6i.large (2 vCPU) instance serves"),
    "requests_per_task": (250, "requests/s", "requests one Fargate task of 1 vCPU and 2 GB serves"),
    "lambda_duration": (200, "ms", "average Lambda duration, at 512 MB of memory"),
    "hpc_nodes": (8, "instances", "nodes of a tightly coupled HPC cluster (c5n.18xlarge)"),
    "store_size": (100, "GB", "a data store's size is not given"),
    "store_rate": (100, "operations/s", "a data store's reads or writes are not given"),
    "object_size": (1, "MB", "average object size in S3"),
    "changed_share": (0.1, "of the data a month", "data written or replaced in a month (S3 PUTs, replication, "
                                                   "gateway uploads)"),
    "endpoint_traffic": (10, "GB/month", "data through each interface VPC endpoint"),
    "hybrid_utilisation": (0.05, "of the link", "average traffic from AWS to the site as a share of "
                                                 "hybrid.link.bandwidth"),
    "hybrid_bandwidth": (1e9, "bit/s", "hybrid.link.bandwidth is not given"),
    "monthly_active_users": (10000, "users", "monthly active users of the sign-in service"),
    "dns_share": (0.01, "queries per request", "DNS queries reaching Route 53, after resolvers' caching"),
    "waf_rules": (10, "rules", "rules in the web ACL (managed rule groups and custom rules)"),
    "secrets": (3, "secrets", "secrets in Secrets Manager, besides one per relational store"),
    "kms_requests": (1_000_000, "requests/month", "KMS requests, with S3 bucket keys and data-key caching"),
    "config_items": (10, "items per component a month", "configuration changes AWS Config records"),
    "config_rules": (20, "rules", "AWS Config rules, each evaluated on every recorded change"),
    "macie_share": (0.001, "of the object data a month", "share of S3 data Macie's automated discovery samples"),
    "log_volume": (50, "GB/month", "log data ingested into CloudWatch Logs or a log search domain"),
    "scans": (1.0, "times the data lake a month", "data scanned by ad-hoc queries (Athena, Redshift Spectrum)"),
    "glue_dpu_hours": (300, "DPU-hours/month", "ETL jobs: 10 DPUs for an hour a day"),
    "dashboard_users": (2, "authors, 20 readers", "QuickSight users"),
    "image_storage": (10, "GB", "container images kept in ECR"),
    "transitions": (5, "state transitions per workflow", "steps of a Step Functions workflow run"),
    "snowball_capacity": (80, "TB", "usable capacity of one Snowball Edge Storage Optimized device"),
}
READS_PER_MONTH = {"frequent": 1.0, "infrequent": 0.1, "rare": 0.01, "unknown": 0.2}  # share of a bucket read


@dataclass
class Costing:
    """The inputs of one estimate: workload values (typed), the decisions document, the price table."""
    values: dict[str, Any]
    doc: dict[str, Any]
    prices: PriceTable
    region: str
    assumptions: dict[str, dict[str, Any]] = field(default_factory=dict)
    used_lines: list = field(default_factory=list)

    # --- assumptions -------------------------------------------------------------------------------
    def assumed(self, key: str) -> float:
        value, unit, because = ASSUMED[key]
        self.assumptions.setdefault(key, {"name": key.replace("_", " "), "value": value, "unit": unit,
                                          "because": because})
        return value

    def assume(self, key: str, value: Any, unit: str, because: str) -> None:
        """An assumption about the design rather than a workload figure."""
        self.assumptions.setdefault(key, {"name": key.replace("_", " "), "value": value, "unit": unit,
                                          "because": because})

    # --- prices -------------------------------------------------------------------------------------
    def quote(self, key: str, region: str | None = None) -> Quote:
        return self.prices.quote(key, region or self.region)

    # --- the workload's figures -----------------------------------------------------------------------
    def section(self, name: str) -> dict[str, Any]:
        value = self.values.get(name)
        return value if isinstance(value, dict) else {}

    def given(self, section: str, key: str) -> Any:
        return self.section(section).get(key)

    @property
    def average(self) -> float:
        return self.assumed("average_load")

    def peak_requests(self) -> float:
        rate = self.given("users", "peak_requests")
        return rate.per_second if rate is not None else self.assumed("peak_requests")

    def average_requests(self) -> float:
        return self.peak_requests() * self.average

    def monthly_requests(self) -> float:
        return self.average_requests() * SECONDS

    def response_kb(self) -> float:
        layer4 = self.given("entry", "protocol") in ("tcp", "udp")
        return self.assumed("packet_size") if layer4 else self.assumed("response_size")

    def response_gb(self) -> float:
        """Data the front door sends back in a month."""
        return self.monthly_requests() * self.response_kb() * 1e3 / GB

    def egress_gb(self) -> float:
        """Outbound internet traffic from private subnets in a month."""
        bandwidth = self.given("network", "egress_bandwidth")
        if bandwidth is None:
            return self.assumed("egress_volume")
        return bandwidth.bits_per_second * self.assumed("egress_utilisation") / 8 * SECONDS / GB

    def store(self, name: str | None) -> dict[str, Any]:
        for item in self.values.get("data") or []:
            if item.get("name") == name:
                return item
        return {}

    def channel(self, name: str | None) -> dict[str, Any]:
        for item in self.values.get("messaging") or []:
            if item.get("name") == name:
                return item
        return {}

    def store_gb(self, store: dict[str, Any]) -> float:
        size = store.get("size")
        return size.bytes / GB if size is not None else self.assumed("store_size")

    def store_rate(self, store: dict[str, Any], key: str) -> float:
        """Average reads or writes a second."""
        rate = store.get(key)
        peak = rate.per_second if rate is not None else self.assumed("store_rate")
        return peak * self.average

    def channel_messages(self, channel: dict[str, Any]) -> float:
        """Messages in a month."""
        rate = channel.get("rate")
        peak = rate.per_second if rate is not None else self.assumed("message_rate")
        return peak * self.average * SECONDS

    def channel_peak(self, channel: dict[str, Any]) -> float:
        rate = channel.get("rate")
        return rate.per_second if rate is not None else self.assumed("message_rate")

    def object_stores(self) -> list[dict[str, Any]]:
        return [item for item in self.values.get("data") or [] if item.get("kind") == "object"]

    def object_gb(self) -> float:
        return sum(self.store_gb(item) for item in self.object_stores())

    def hybrid_bits(self) -> float:
        link = self.section("hybrid").get("link")
        bandwidth = link.get("bandwidth") if isinstance(link, dict) else None
        return bandwidth.bits_per_second if bandwidth is not None else self.assumed("hybrid_bandwidth")

    def compute_field(self, tier: str | None, key: str) -> Any:
        """A compute field for a tier (``compute.tiers``): its own value, else the compute section's."""
        return tier_value(self.values, tier, key)

    # --- the design's shape ------------------------------------------------------------------------------
    def decision(self, concern: str) -> dict[str, Any] | None:
        return next((d for d in self.doc["decisions"] if d["concern"] == concern), None)

    def tier_choice(self, concern: str, tier: str | None) -> str | None:
        """What is priced for a compute tier's concern (ec2-purchasing of the tier), else the whole system's."""
        from ..engine.model import built_choice

        found = next((d for d in self.doc["decisions"] if d["concern"] == concern and d["subject"] == tier), None)
        return built_choice(found) if found else self.choice(concern)

    def choice(self, concern: str) -> str | None:
        """What is priced for a concern: the choice, or what replaces it when AWS no longer sells it (the
        decision's ``replaced_by``), since that is what would be bought."""
        from ..engine.model import built_choice

        decision = self.decision(concern)
        return built_choice(decision) if decision else None

    @property
    def azs(self) -> int:
        """Availability Zones the primary region uses: at least one."""
        groups = {g["id"]: g for g in self.doc.get("groups", [])}
        primary = self.primary_region_group()
        return max(1, sum(1 for g in groups.values() if g["kind"] == "az" and region_of(groups, g["id"]) == primary))

    @property
    def region_count(self) -> int:
        return max(1, sum(1 for g in self.doc.get("groups", []) if g["kind"] == "region"))

    def primary_region_group(self) -> str | None:
        """The region group holding the most components (ties: the first by id)."""
        groups = {g["id"]: g for g in self.doc.get("groups", [])}
        counts: dict[str, int] = {}
        for component in self.doc.get("components", []):
            region = region_of(groups, component["group"])
            if region is not None:
                counts[region] = counts.get(region, 0) + 1
        regions = sorted(g["id"] for g in groups.values() if g["kind"] == "region")
        return max(regions, key=lambda r: (counts.get(r, 0), -regions.index(r)), default=None)


def region_of(groups: dict[str, dict[str, Any]], group_id: str | None) -> str | None:
    """The region group a group sits in, or None for groups outside any region (users, edge, site)."""
    seen = set()
    while group_id is not None and group_id in groups and group_id not in seen:
        seen.add(group_id)
        if groups[group_id]["kind"] == "region":
            return group_id
        group_id = groups[group_id]["parent"]
    return None


def ceil(value: float) -> int:
    return int(math.ceil(value - 1e-9))
