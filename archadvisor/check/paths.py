"""Paths: how private subnets reach regional services, how requests enter the VPC, and how the
on-premises site reaches private resources."""
from __future__ import annotations

from ..architecture.model import Architecture, Component
from ..architecture.services import ENDPOINT_SERVICE, ENDPOINTS, HYBRID_GATEWAYS, NAT_DEVICES
from . import Design, invariant

PRIVATE_TIERS = ("app", "data", "vpc")
# Components that run the workload's code and so make its calls (see model.Component.role).
CALLERS = frozenset({"app", "consumer", "standby-off", "standby-scaled-down", "active"})
VPC_ENTRY_DOC = "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html"
# Edge services that reach resources in private subnets themselves: CloudFront VPC origins (ALBs, NLBs and
# instances in private subnets) and Global Accelerator endpoints (which need the VPC's internet gateway).
# (CloudFront Developer Guide, "Restrict access with VPC origins"; Global Accelerator, "Endpoints".)
VPC_ORIGIN_SOURCES = frozenset({"cloudfront", "global-accelerator"})


def private(arch: Architecture, c: Component) -> bool:
    """In a private subnet, or a VPC service spanning private subnets."""
    if c.spans:
        return all(not arch.group(s).kind == "subnet-public" for s in c.spans)
    return c.tier in PRIVATE_TIERS


def endpoint_services(arch: Architecture, vpc_region: str | None) -> dict[str, str]:
    """Endpoint service name -> endpoint component, for the endpoints in one region's VPC."""
    found = {}
    for c in arch.components:
        if c.service in ENDPOINTS and c.region == vpc_region:
            for link in arch.links_from(c.id):
                name = ENDPOINT_SERVICE.get(arch.component(link.target).service)
                if name:
                    found[name] = c.id
    return found


@invariant("paths.private-service-access", "Private subnets reach a regional service through exactly one path",
           "From a private subnet an AWS service's public endpoint is reached through a VPC endpoint for that "
           "service or through a NAT device; with an endpoint in place, calls go through it (the route or private "
           "DNS sends them there), so a call never bypasses it, and without either the call cannot leave.",
           "https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html")
def private_service_access(d: Design):
    arch = d.arch
    for link in arch.links:
        if link.kind not in ("data", "request"):
            continue
        source, target = arch.component(link.source), arch.component(link.target)
        name = ENDPOINT_SERVICE.get(target.service)
        if not name or target.tier != "regional" or not private(arch, source) or source.role not in CALLERS:
            continue  # managed clusters (DAX, Redshift) reach their services over AWS's own paths
        endpoint = endpoint_services(arch, source.region).get(name)
        if endpoint:
            yield source.id, f"{source.id} calls {target.id} directly although {endpoint} serves {name}"
        elif not any(arch.component(l.target).service in NAT_DEVICES for l in arch.links_from(source.id)):
            yield source.id, (f"{source.id} calls {target.id} ({name}) from a private subnet with neither a VPC "
                              f"endpoint nor a NAT path")


@invariant("paths.ingress", "Requests from the internet enter a VPC only at public resources behind an internet gateway",
           "Internet traffic enters a VPC through its internet gateway, to resources in public subnets (an "
           "internet-facing load balancer's nodes, instances with public addresses); instances in private subnets "
           "are not reachable from the internet. Only CloudFront VPC origins and Global Accelerator reach "
           "private resources themselves, and Global Accelerator needs the VPC's internet gateway.",
           VPC_ENTRY_DOC)
def ingress(d: Design):
    arch = d.arch
    gateways = {c.region for c in arch.components if c.service == "internet-gateway"}
    for link in arch.links:
        if link.kind != "request":
            continue
        source, target = arch.component(link.source), arch.component(link.target)
        if target.tier not in ("public", "app", "data", "vpc") or source.tier not in ("outside", "edge"):
            continue
        if source.service in HYBRID_GATEWAYS or target.service in HYBRID_GATEWAYS:
            continue  # the hybrid link's own path (see paths.hybrid-over-link)
        if target.service == "lambda":
            continue  # a function in a VPC is invoked through the Lambda service, not by traffic into the VPC
        if private(arch, target) and source.service not in VPC_ORIGIN_SOURCES:
            yield target.id, f"{source.id} reaches {target.id} in a private subnet from outside the VPC"
        elif target.region not in gateways and source.service != "cloudfront":
            yield target.id, f"{target.id} takes internet traffic but its VPC has no internet gateway"


@invariant("paths.hybrid-over-link", "The on-premises site reaches private resources only over its link",
           "Resources in private subnets are reached from a data center over Site-to-Site VPN or Direct Connect "
           "(a virtual private gateway or transit gateway); internal users with such a link arrive over it, not "
           "from the internet.",
           "https://docs.aws.amazon.com/whitepapers/latest/aws-vpc-connectivity-options/network-to-amazon-vpc-connectivity-options.html")
def hybrid_over_link(d: Design):
    arch = d.arch
    site_groups = {g.id for g in arch.groups if g.kind == "on-premises"}
    for link in arch.links:
        source, target = arch.component(link.source), arch.component(link.target)
        on_site = source.group in site_groups
        if on_site and target.tier in ("public", "app", "data", "vpc") and target.service not in HYBRID_GATEWAYS:
            yield source.id, f"{source.id} on premises reaches {target.id} in the VPC without the hybrid link"
    internal = d.value("users", "audience") == "internal" and d.decided("hybrid-connectivity")
    if internal and not d.decided("edge"):
        for link in arch.links:
            source = arch.component(link.source)
            target = arch.component(link.target)
            if source.role == "users" and link.kind == "request" and target.service not in HYBRID_GATEWAYS \
                    and target.service != "customer-gateway" and target.tier in ("public", "app", "data", "vpc"):
                yield source.id, f"internal users reach {link.target} from the internet, not over the hybrid link"
