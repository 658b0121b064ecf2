"""What the network concerns add: egress through NAT or an egress-only gateway, VPC endpoints,
sharing with other VPCs, and operators' access. A NAT gateway is zonal, so each AZ gets one and each
AZ's copy of the tier uses its own; one VPC endpoint per service, reached by every AZ's copy."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..workload import tiers as compute_tiers
from .canvas import slug
from .registry import draws
from .services import endpoint_name

if TYPE_CHECKING:
    from .build import Builder

SERVICE_NAMES = {"s3": "Amazon S3", "ec2messages": "EC2 messages", "ssmmessages": "SSM messages", "sts": "STS",
                 "dynamodb": "DynamoDB", "sqs": "SQS", "sns": "SNS", "kms": "KMS",
                 "kinesis": "Kinesis", "secretsmanager": "Secrets Manager", "stepfunctions": "Step Functions",
                 "lambda": "Lambda", "ecr": "ECR", "ssm": "Systems Manager", "logs": "CloudWatch Logs",
                 "events": "EventBridge", "firehose": "Data Firehose", "athena": "Athena", "glue": "Glue",
                 "redshift": "Redshift", "opensearch": "OpenSearch", "timestream": "Timestream",
                 "cloudtrail": "CloudTrail"}
# Which catalogue service to draw for an endpoint service when the design has no node for it yet.
SERVICE_IDS = {
    "s3": "s3", "dynamodb": "dynamodb", "sqs": "sqs-standard", "sns": "sns", "kinesis": "kinesis-data-streams",
    "kms": "kms", "secretsmanager": "secrets-manager", "cloudtrail": "cloudtrail", "athena": "athena",
    "glue": "glue", "stepfunctions": "step-functions", "lambda": "lambda", "firehose": "kinesis-data-firehose",
    "redshift": "redshift", "opensearch": "opensearch", "timestream": "timestream", "ssm": "ssm-session-manager",
    "ecr": "ecr", "logs": "cloudwatch", "events": "eventbridge", "sts": "iam",
}


@draws("internet-egress", "admin-access", "service-sharing", "private-service-access", stage=70)
def network(b: "Builder") -> None:
    for d in b.to_draw("internet-egress"):
        egress(b, d)
    for d in b.to_draw("admin-access"):  # before endpoints, which may lead to Session Manager
        admin(b, d)
    for d in b.to_draw("service-sharing"):
        sharing(b, d)
    for d in b.to_draw("private-service-access"):
        endpoint(b, d)


def egress(b: "Builder", d: dict) -> None:
    """NAT for the app tier, each AZ's copy through its own AZ's NAT gateway; services spanning the app
    subnets (channel consumers) use the NAT gateway of every AZ they run in."""
    choice, key = d["choice"], b.key(d)
    apps = b.app_nodes(because=key) + sorted(n.id for n in b.c.nodes.values()
                                             if n.role == "consumer" and n.spans and n.id not in b.apps[1])
    if choice == "nat-gateway":
        igw = b.igw(key)
        for letter in [x for x in b.azs if (1, x) in b.app_az] or b.azs[:1]:  # a NAT gateway per AZ in use
            nat = b.c.add(f"nat-{letter}", choice, "NAT gateway", b.subnet(1, letter, "public"), key, role="nat",
                          family="nat")
            b.c.link(nat, igw, "", kind="network")
            for source in b.az_apps.get((1, letter), []):  # each tier's copy in this AZ
                b.c.link(source, nat, "outbound", kind="network")
        in_an_az = {node for nodes in b.az_apps.values() for node in nodes}
        for app in apps:  # services spanning the AZs, and an application outside a VPC placeholder
            if app not in in_an_az:
                for nat in sorted(n for n in b.c.nodes if b.c.nodes[n].family == "nat" and b.where(n)[0] == 1):
                    b.c.link(app, nat, "outbound", kind="network")
    elif choice == "nat-instance":
        igw = b.igw(key)
        nat = b.c.add("nat-instance", choice, "NAT instance\n(single, scripted failover)",
                      b.subnet(1, b.azs[0], "public"), key, role="nat")
        b.c.link(nat, igw, "", kind="network")
        for app in apps:
            b.c.link(app, nat, "outbound", kind="network")
    else:
        node = b.c.add("egress-only-igw", choice, "Egress-only\ninternet gateway (IPv6)", b.vpc(), key, role="nat")
        b.c.link(node, b.internet(), "IPv6 outbound", kind="network")
        for app in apps:
            b.c.link(app, node, "IPv6", kind="network")


def place_endpoint(b: "Builder", d: dict) -> str:
    """The endpoint of one service: a gateway endpoint is a route in the VPC's route tables, an
    interface endpoint has a network interface in the app subnet of each AZ."""
    name = endpoint_name(str(d["subject"]))
    choice, key = d["choice"], b.key(d)
    kind = "Gateway endpoint" if choice == "vpc-gateway-endpoint" else "Interface endpoint"
    label = f"{kind}\n{SERVICE_NAMES.get(name, name.upper())}"
    spans = b.subnets(1, "app") if choice == "vpc-interface-endpoint" else ()
    return b.c.add(f"endpoint-{slug(name)}", choice, label, b.vpc(), key, role="endpoint", spans=spans)


def endpoint(b: "Builder", d: dict) -> None:
    node = place_endpoint(b, d)
    service = str(d["subject"])
    for app in b.apps[1]:  # the application, when there is one, reaches the listed service through it
        if b.in_vpc(app) and _tier_calls(b, b.tier_of.get(app), service):
            b.c.link(app, node, "private", kind="data")
    if not any(link.source == node for link in b.c.links.values()):
        for target in service_nodes(b, endpoint_name(str(d["subject"])), b.key(d)):
            b.c.link(node, target, "", kind="network")


def _tier_calls(b: "Builder", tier: str | None, service: str) -> bool:
    """Whether a compute tier calls an endpoint's service: the tier uses a store or channel built on it, or no
    store or channel is (a service the platform or the code calls, such as ECR, CloudWatch Logs or a service
    listed for the private subnets, which every tier may)."""
    from ..knowledge import load_catalogue

    uses = (compute_tiers.tier(b.workload, tier) or {}).get("uses")
    if not uses:
        return True
    catalogue = load_catalogue()
    built_on = {str(d["subject"]) for d in b.decisions if d.get("subject") is not None and d["choice"] in catalogue
                and service in catalogue[d["choice"]].called_endpoints()}
    return not built_on or bool(built_on & set(uses))


def service_nodes(b: "Builder", service_name: str, key: str) -> list[str]:
    """Nodes of a regional service reached through an endpoint, drawing one when absent."""
    from .build import short_name
    from .services import ENDPOINT_SERVICE

    found = sorted(node.id for node in b.c.nodes.values() if ENDPOINT_SERVICE.get(node.service) == service_name)
    if service_name == "ssm":
        found = b.c.find("ssm-session-manager")
    if found:
        return found
    service = SERVICE_IDS.get(service_name, service_name)
    return [b.c.add(f"service-{slug(service_name)}", service, short_name(service), b.region(), role="service",
                    because=key)]


def sharing(b: "Builder", d: dict) -> None:
    from .build import get, short_name

    choice, key = d["choice"], b.key(d)
    shared = get(b.workload, "network", "shared_with_vpcs")
    meshed = get(b.workload, "network", "interconnect_vpcs")
    count = shared if choice == "privatelink" else meshed
    label = short_name(choice) + (f"\n{count} VPCs" if count else "")
    node = b.c.add(choice, choice, label, b.region(), key, role="sharing")
    if choice == "privatelink":
        for target in b.c.find("nlb") or b.app_nodes(because=key):
            b.c.link(node, target, "private access from consumer VPCs")
    else:
        for app in b.app_nodes(because=key):
            b.c.link(node, app, "routes between VPCs", kind="network")


def admin(b: "Builder", d: dict) -> None:
    from .build import get

    choice, key = d["choice"], b.key(d)
    protocol = str(get(b.workload, "network", "admin_access", default="ssh")).upper()
    protocol = protocol if protocol in ("SSH", "RDP") else "SSH"
    operators = b.operators()
    apps = b.app_nodes(because=key)
    if choice == "bastion-host":
        node = b.c.add("bastion", choice, "Bastion host", b.subnet(1, b.azs[0], "public"), key, role="bastion")
        b.igw(key)
        b.c.link(operators, node, protocol, kind="admin")
        for app in apps:
            b.c.link(node, app, protocol, "dotted", "admin")
    else:
        node = b.c.add("session-manager", choice, "Systems Manager\nSession Manager", b.region(), key,
                       role="service")
        b.c.link(operators, node, "HTTPS (IAM)", kind="admin")
        for app in apps:
            b.c.link(node, app, "session, no inbound port", "dotted", "admin")
