"""AWS regions the tool names, and the recovery region each primary pairs with by default.

A DR region is a choice of the workload's owner (latency to users, data residency, service
availability, price); when the workload names none, the design uses the nearest region in the
same jurisdiction, listed here, and says so under Assumptions. The pairs keep data in the same
country or bloc where AWS has two regions there (GDPR and data-residency reviews ask first).
Source for the region codes: AWS General Reference, "AWS Regions"
(https://docs.aws.amazon.com/general/latest/gr/rande.html).
"""
from __future__ import annotations

# primary -> default recovery region
DR_REGION_PAIRS: dict[str, str] = {
    "us-east-1": "us-west-2", "us-east-2": "us-west-2", "us-west-1": "us-west-2", "us-west-2": "us-east-1",
    "ca-central-1": "ca-west-1", "ca-west-1": "ca-central-1",
    "eu-west-1": "eu-central-1", "eu-west-2": "eu-west-1", "eu-west-3": "eu-central-1",
    "eu-central-1": "eu-west-1", "eu-central-2": "eu-central-1", "eu-north-1": "eu-central-1",
    "eu-south-1": "eu-south-2", "eu-south-2": "eu-south-1",
    "ap-southeast-2": "ap-southeast-4", "ap-southeast-4": "ap-southeast-2",
    "ap-southeast-1": "ap-southeast-3", "ap-southeast-3": "ap-southeast-1",
    "ap-northeast-1": "ap-northeast-3", "ap-northeast-3": "ap-northeast-1",
    "ap-northeast-2": "ap-northeast-1", "ap-south-1": "ap-south-2", "ap-south-2": "ap-south-1",
    "ap-east-1": "ap-southeast-1", "sa-east-1": "us-east-1", "me-south-1": "me-central-1",
    "me-central-1": "me-south-1", "af-south-1": "eu-west-1", "il-central-1": "eu-central-1",
}
FALLBACK_DR_REGION = "us-west-2"


def default_dr_region(primary: str) -> str:
    """The recovery region for a primary region when the workload names none."""
    paired = DR_REGION_PAIRS.get(primary)
    if paired:
        return paired
    return FALLBACK_DR_REGION if primary != FALLBACK_DR_REGION else "us-east-1"
