"""Words the drawing writes: annotations of decisions shown on a node, DR strategy labels, and short
names (the catalogue's ``short`` field: "RDS Multi-AZ" rather than "Amazon Relational Database Service")."""
from __future__ import annotations


# Choices of concerns that are not drawn as nodes but written on a node.
ANNOTATIONS: dict[tuple[str, str], str] = {
    ("ec2-purchasing", "on-demand"): "On-Demand",
    ("ec2-purchasing", "reserved-standard"): "Standard Reserved Instances",
    ("ec2-purchasing", "reserved-convertible"): "Convertible Reserved Instances",
    ("ec2-purchasing", "scheduled-reserved"): "Scheduled Reserved Instances",
    ("ec2-purchasing", "spot"): "Spot Instances",
    ("ec2-purchasing", "compute-savings-plans"): "Compute Savings Plan (baseline)",
    ("ec2-purchasing", "ec2-instance-savings-plans"): "EC2 Instance Savings Plan (baseline)",
    ("placement-group", "cluster"): "cluster placement group",
    ("placement-group", "spread"): "spread placement group",
    ("placement-group", "partition"): "partition placement group",
    ("hpc-networking", "efa"): "Elastic Fabric Adapter",
    ("hpc-networking", "enhanced-networking"): "enhanced networking (ENA)",
    ("private-content", "cloudfront-signed-urls"): "signed URLs",
    ("private-content", "cloudfront-signed-cookies"): "signed cookies",
    ("private-content", "s3-presigned-urls"): "presigned URLs",
    ("change-events", "s3-event-notifications"): "event notifications",
    ("dns-routing", "simple"): "simple routing",
    ("dns-routing", "weighted"): "weighted routing",
    ("dns-routing", "latency"): "latency routing",
    ("dns-routing", "failover"): "failover routing",
    ("dns-routing", "geolocation"): "geolocation routing",
    ("dns-routing", "geoproximity"): "geoproximity routing",
    ("dns-routing", "multivalue"): "multivalue answer routing",
}

DR_LABELS = {
    "backup-restore": "backup & restore",
    "pilot-light": "pilot light",
    "warm-standby": "warm standby",
    "multi-site-active-active": "multi-site active-active",
}


def short_name(service_id: str, catalogue: dict | None = None) -> str:
    """The catalogue's whiteboard name of a service (its ``short``, else its name), else the id."""
    if catalogue and service_id in catalogue:
        return catalogue[service_id].short or catalogue[service_id].name
    return service_id
