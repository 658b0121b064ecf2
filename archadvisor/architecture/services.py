"""Facts about services that the builder and the checks both need: where a service lives and how a
private subnet reaches it. Each set cites the AWS page that states it."""
from __future__ import annotations

# Regional services with a public API endpoint: from a private subnet they are reached through a VPC
# endpoint for that service or through a NAT device, nothing else. Value: the endpoint service name.
# (VPC User Guide, "Access AWS services through AWS PrivateLink"; "Gateway endpoints")
ENDPOINT_SERVICE: dict[str, str] = {}  # filled from the catalogue's ``endpoint`` facts below
# Names a workload may give in network.aws_services_private that mean the same endpoint service.
ENDPOINT_ALIASES = {"secrets-manager": "secretsmanager", "step-functions": "stepfunctions",
                    "eventbridge": "events", "cloudwatch": "logs", "ssmmessages": "ssm", "ec2messages": "ssm",
                    "ecr.api": "ecr", "ecr.dkr": "ecr", "monitoring": "logs"}



def _endpoints() -> dict[str, str]:
    from ..knowledge import load_catalogue

    return {sid: service.endpoint for sid, service in load_catalogue().items() if service.endpoint}


ENDPOINT_SERVICE.update(_endpoints())
ARCHIVE_CLASSES = frozenset({"s3-glacier-flexible-retrieval", "s3-glacier-deep-archive"})
BUCKETS = frozenset(s for s, name in ENDPOINT_SERVICE.items() if name == "s3")
LOAD_BALANCERS = frozenset({"alb", "nlb"})
NAT_DEVICES = frozenset({"nat-gateway", "nat-instance"})
ENDPOINTS = frozenset({"vpc-gateway-endpoint", "vpc-interface-endpoint"})
HYBRID_GATEWAYS = frozenset({"virtual-private-gateway", "transit-gateway", "direct-connect",
                             "direct-connect-with-vpn", "site-to-site-vpn"})
# Nodes that stand for the world outside AWS: they exist because the workload has users or a site.
OUTSIDE = frozenset({"users", "mobile-client", "iot-device", "internet", "on-premises-server",
                     "customer-gateway"})


def endpoint_name(service_name: str) -> str:
    """The endpoint service a name from network.aws_services_private means (``secrets-manager`` -> ``secretsmanager``)."""
    name = service_name.lower()
    return ENDPOINT_ALIASES.get(name, name)
