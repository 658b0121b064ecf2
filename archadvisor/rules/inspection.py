"""Traffic inspection: AWS Network Firewall, or third-party appliances behind a Gateway Load Balancer.

Network Firewall is a managed stateful firewall and IPS (Suricata-compatible rules) whose endpoints sit in
the traffic's route; a Gateway Load Balancer spreads routed traffic, wrapped in GENEVE, over a fleet of
third-party virtual appliances (next-generation firewalls, IDS/IPS, deep packet inspection) in an inspection
VPC, reached through Gateway Load Balancer endpoints in the route. Raised by network.inspect_traffic or
network.third_party_appliances. What a decision adds to the drawing, the template and the estimate is
registered here too, beside the rules (rules.network lists the concern).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..architecture.registry import draws
from ..cloudformation.registry import templates
from ..cost.pricing import HOURS, line, pricer
from ..engine.model import Concern, Eliminate, Select, Warn
from .common import when

if TYPE_CHECKING:
    from ..architecture.build import Builder

GEO_FILTERING_DOC = "https://docs.aws.amazon.com/network-firewall/latest/developerguide/rule-groups-geo-ip-filtering.html"
GWLB_DOC = "https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/introduction.html"
GWLB_ENDPOINT_DOC = "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-load-balancer-endpoints.html"
NETWORK_FIREWALL_DOC = "https://docs.aws.amazon.com/network-firewall/latest/developerguide/what-is-aws-network-firewall.html"
FIREWALL_ROUTING_DOC = ("https://docs.aws.amazon.com/network-firewall/latest/developerguide/"
                        "vpc-config-subnets.html")
CENTRAL_INSPECTION_DOC = ("https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-"
                          "network-infrastructure/centralized-inspection.html")
APPLIANCE_MODE_DOC = "https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html"

def geo_blocking_below_layer_7(c) -> bool:
    """Countries to block on a TCP or UDP front door, where AWS WAF (HTTP only) cannot match them."""
    return c.contains("entry.threats", "geo-blocking") and c.one_of("entry.protocol", "tcp", "udp")


INSPECTION = Concern(
    id="traffic-inspection",
    title="Traffic inspection",
    question="What inspects the traffic entering and leaving the VPC: a managed firewall or your own appliances?",
    subject_kind="none",
    choices=("network-firewall", "gateway-load-balancer"),
    raised=when(lambda c: c.present("network.inspect_traffic") or c.present("network.third_party_appliances")
                or geo_blocking_below_layer_7(c)),
    rules=(
        Eliminate(
            id="traffic-inspection.network-firewall-runs-no-vendor-appliance",
            title="Network Firewall runs AWS's engine, not a vendor's appliance",
            rationale=("AWS Network Firewall is a managed service with its own stateful engine (Suricata-compatible "
                       "rules, domain lists, managed threat signatures); a vendor's firewall or IDS/IPS image, with "
                       "its own licences and consoles, runs on EC2 appliances, which a Gateway Load Balancer "
                       "spreads traffic over."),
            sources=(NETWORK_FIREWALL_DOC, GWLB_DOC),
            pillars=("security", "operational-excellence"),
            when=lambda c, t: c.true("network.third_party_appliances"),
            reason=("third_party_appliances is true: the inspection runs on vendor appliances, which Network "
                    "Firewall cannot host"),
            choices=("network-firewall",),
        ),
        Select(
            id="traffic-inspection.appliances-behind-gwlb",
            title="Third-party appliances inline: Gateway Load Balancer",
            rationale=("A Gateway Load Balancer is a layer-3 gateway and load balancer: traffic routed to a Gateway "
                       "Load Balancer endpoint reaches it, is sent in GENEVE (UDP 6081) to a healthy appliance of "
                       "the fleet, keeping flows on one appliance, and comes back to be forwarded; the appliances "
                       "scale out behind it in a central inspection VPC that several VPCs' endpoints share."),
            sources=(GWLB_DOC, GWLB_ENDPOINT_DOC, CENTRAL_INSPECTION_DOC),
            pillars=("security", "reliability"),
            when=lambda c, t: c.true("network.third_party_appliances"),
            reason=("third_party_appliances is true: a Gateway Load Balancer, reached through endpoints in the "
                    "traffic's route, spreads flows over the appliance fleet in GENEVE"),
            choice="gateway-load-balancer",
        ),
        Select(
            id="traffic-inspection.geo-blocking-below-layer-7",
            title="Countries blocked on a TCP or UDP front door: Network Firewall geographic filtering",
            rationale=("AWS WAF matches countries only in HTTP(S) requests, and a network ACL knows addresses, not "
                       "countries. AWS Network Firewall's stateful rules filter by the country of the source or "
                       "destination IP (geographic IP filtering), for any protocol, at its endpoints in the "
                       "ingress route."),
            sources=(NETWORK_FIREWALL_DOC, GEO_FILTERING_DOC),
            pillars=("security",),
            when=lambda c, t: geo_blocking_below_layer_7(c),
            reason=("threats include geo-blocking on a {entry.protocol} front door: Network Firewall's geographic IP "
                    "filtering drops those countries' traffic at its endpoints, where WAF cannot see it"),
            choice="network-firewall",
        ),
        Select(
            id="traffic-inspection.managed-firewall",
            title="Inspection with no appliance to run: AWS Network Firewall",
            rationale=("AWS Network Firewall gives stateful inspection, intrusion prevention and domain filtering "
                       "as a managed service that scales by itself, with an endpoint per Availability Zone placed "
                       "in the route: nothing to patch, license or scale."),
            sources=(NETWORK_FIREWALL_DOC, FIREWALL_ROUTING_DOC),
            pillars=("security", "operational-excellence"),
            reason=("inspect_traffic is {network.inspect_traffic} and no third-party appliance is required: AWS "
                    "Network Firewall inspects the traffic as a managed service"),
            choice="network-firewall",
        ),
        Warn(
            id="traffic-inspection.appliances-are-yours-to-run",
            title="The appliances behind a Gateway Load Balancer are yours to run",
            rationale=("The Gateway Load Balancer only spreads traffic; the appliances are EC2 instances whose "
                       "images, licences, patches and scaling are yours, and they must speak GENEVE on UDP 6081 "
                       "and answer the target group's health checks."),
            sources=(GWLB_DOC,),
            pillars=("operational-excellence", "cost-optimization"),
            when=lambda c, t: c.true("network.third_party_appliances"),
            reason=("third_party_appliances is true: run the vendor's appliances in an Auto Scaling group across "
                    "two AZs, GENEVE-capable, with their licences; the load balancer does not inspect anything"),
            choices=("gateway-load-balancer",),
        ),
        Warn(
            id="traffic-inspection.routes-through-the-endpoints",
            title="Inspection works only if the routes send traffic through the endpoints",
            rationale=("Neither service sees traffic that bypasses it: the internet gateway's edge route table and "
                       "the subnets' route tables must send traffic through the firewall or Gateway Load Balancer "
                       "endpoint of the same Availability Zone, both ways, or return traffic is dropped."),
            sources=(FIREWALL_ROUTING_DOC, GWLB_ENDPOINT_DOC),
            pillars=("security", "reliability"),
            when=lambda c, t: c.true("network.inspect_traffic") or c.true("network.third_party_appliances"),
            reason=("route the internet gateway's edge route table and the subnets through the inspection endpoint "
                    "of each AZ, symmetrically (inspect_traffic {network.inspect_traffic})"),
            choices=("network-firewall", "gateway-load-balancer"),
        ),
        Warn(
            id="traffic-inspection.central-inspection-vpc",
            title="Many VPCs: inspect them once, in a central inspection VPC",
            rationale=("With a Transit Gateway joining many VPCs, AWS's multi-VPC guidance inspects east-west and "
                       "egress traffic once in a central inspection VPC; its Transit Gateway attachment needs "
                       "appliance mode so both directions of a flow reach the same AZ's appliance."),
            sources=(CENTRAL_INSPECTION_DOC, APPLIANCE_MODE_DOC),
            pillars=("security", "cost-optimization"),
            thresholds={"vpcs": "3"},
            when=lambda c, t: c.ge("network.interconnect_vpcs", int(t.vpcs)),
            reason=("interconnect_vpcs is {network.interconnect_vpcs}: put the inspection in one central VPC "
                    "attached to the Transit Gateway (appliance mode on), not in every VPC"),
            choices=("network-firewall", "gateway-load-balancer"),
        ),
    ),
)


# -- drawing: the inspection endpoints sit in the request path, in the public subnets ---------------------------
@draws("traffic-inspection", stage=75)
def inspection(b: "Builder") -> None:
    """An endpoint per AZ in the public subnets takes the traffic the internet gateway routes to the front
    door (or what leaves for the internet) through the inspection: Network Firewall's endpoints, or Gateway
    Load Balancer endpoints whose load balancer, in an inspection VPC, sends it in GENEVE to the appliances."""
    decided = b.choices("traffic-inspection")
    if not decided:
        return
    d = decided[0]
    key, choice = b.key(d), d["choice"]
    spans = b.subnets(1, "public")
    if choice == "gateway-load-balancer":
        endpoint = b.c.add("gwlb-endpoint", "gwlb-endpoint", "Gateway Load Balancer\nendpoints", b.vpc(),
                           role="inspection-endpoint", spans=spans, because=key)  # a unit of its own: a hop
        balancer = b.c.add("gwlb", "gateway-load-balancer", "Gateway Load Balancer\n(inspection VPC)", b.region(),
                           key, role="inspection")
        appliances = b.c.add("appliances", "firewall-appliances", "Firewall appliances\n(third-party, inspection "
                                                                  "VPC)", b.region(), key, role="appliance")
        b.c.link(endpoint, balancer, "GENEVE (UDP 6081)", kind="network")
        b.c.link(balancer, appliances, "GENEVE (UDP 6081)", kind="network")
    else:
        endpoint = b.c.add("network-firewall", "network-firewall", "AWS Network Firewall\nendpoints", b.vpc(), key,
                           role="inspection-endpoint", spans=spans)
    gateway = b.igw(key)
    inbound, outbound = _through(b, endpoint), _outbound_through(b, endpoint, gateway)
    if not inbound and not outbound:
        b.c.link(gateway, endpoint, "inspected in and out", kind="network")


def _through(b: "Builder", endpoint: str) -> bool:
    """Requests from outside to the internet-facing load balancer pass the endpoint; True when any did."""
    moved = False
    for link in list(b.c.links.values()):
        target = b.c.nodes[link.target]
        if link.kind != "request" or target.role != "internet-facing" or b.where(link.source)[0] is not None:
            continue
        del b.c.links[(link.source, link.target, link.label)]
        b.c.link(link.source, endpoint, link.label)
        b.c.link(endpoint, link.target, "inspected")
        moved = True
    return moved


def _outbound_through(b: "Builder", endpoint: str, gateway: str) -> bool:
    """What NAT devices send to the internet gateway passes the endpoint first (AWS's firewall subnet between
    the NAT gateways' subnets and the internet gateway); True when any did."""
    moved = False
    for link in list(b.c.links.values()):
        if link.target != gateway or b.c.service_of(link.source) not in ("nat-gateway", "nat-instance") \
                or b.where(link.source)[0] != 1:
            continue
        del b.c.links[(link.source, link.target, link.label)]
        b.c.link(link.source, endpoint, "outbound, inspected", kind="network")
        moved = True
    if moved:
        b.c.link(endpoint, gateway, "", kind="network")
    return moved


# -- template ----------------------------------------------------------------------------------------------
@templates("network-firewall", stage=2)
def network_firewall(gen, unit) -> None:
    """A firewall policy (stateless traffic handed to the stateful engine) and a firewall with an endpoint in
    each public subnet; the route changes that put it in the path are a manual step."""
    from ..cloudformation.core import att, ref, sub

    network = gen.network(unit.template)
    policy = unit.logical("FirewallPolicy")
    unit.template.add(policy, "AWS::NetworkFirewall::FirewallPolicy", {
        "FirewallPolicyName": sub("${AWS::StackName}-inspection"),
        "FirewallPolicy": {"StatelessDefaultActions": ["aws:forward_to_sfe"],
                           "StatelessFragmentDefaultActions": ["aws:forward_to_sfe"]}},
        unit.origin("add stateful rule groups (managed threat signatures, domain lists)"))
    firewall = unit.logical("Firewall")
    unit.template.add(firewall, "AWS::NetworkFirewall::Firewall", {
        "FirewallName": sub("${AWS::StackName}-inspection"), "FirewallPolicyArn": ref(policy),
        "VpcId": network.vpc_ref(),
        "SubnetMappings": [{"SubnetId": s} for s in network.subnets("public")]},
        unit.origin("an endpoint per AZ"))
    unit.template.output(f"{firewall}Endpoints", {"Fn::Join": [",", att(firewall, "EndpointIds")]},
                         "firewall endpoint per AZ (az:endpoint)")
    gen.add_manual("Route the internet gateway's edge route table and each public subnet through the firewall "
                   "endpoint of its AZ (output FirewallEndpoints), both ways.", unit)


@templates("gateway-load-balancer", "gwlb-endpoint", "firewall-appliances", stage=2)
def gateway_load_balancer(gen, unit) -> None:
    """The Gateway Load Balancer with its GENEVE target group and endpoint service, and a Gateway Load
    Balancer endpoint per AZ. The appliances (vendor images and licences) and the route changes are manual."""
    from ..cloudformation.core import ref, sub

    if gen.refs.get("gateway-load-balancer"):
        return  # one unit draws the three components of the decision
    network = gen.network(unit.template)
    subnets = network.subnets("public")
    balancer = unit.logical("GatewayLoadBalancer")
    unit.template.add(balancer, "AWS::ElasticLoadBalancingV2::LoadBalancer", {
        "Type": "gateway", "Subnets": network.two_zone_subnets("app", list(range(network.zone_count)))},
        unit.origin("in the design an inspection VPC of its own; here beside the workload's private subnets"))
    group = unit.logical("ApplianceTargetGroup")
    unit.template.add(group, "AWS::ElasticLoadBalancingV2::TargetGroup", {
        "Protocol": "GENEVE", "Port": 6081, "TargetType": "instance", "VpcId": network.vpc_ref(),
        "HealthCheckProtocol": "TCP", "HealthCheckPort": "80"}, unit.origin("the appliances register here"))
    unit.template.add(unit.logical("GatewayListener"), "AWS::ElasticLoadBalancingV2::Listener", {
        "LoadBalancerArn": ref(balancer), "DefaultActions": [{"Type": "forward", "TargetGroupArn": ref(group)}]},
        unit.origin())
    service = unit.logical("InspectionService")
    unit.template.add(service, "AWS::EC2::VPCEndpointService", {
        "GatewayLoadBalancerArns": [ref(balancer)], "AcceptanceRequired": False}, unit.origin())
    for index, subnet in enumerate(subnets):
        unit.template.add(unit.logical(f"InspectionEndpoint{chr(ord('A') + index)}"), "AWS::EC2::VPCEndpoint", {
            "VpcEndpointType": "GatewayLoadBalancer", "VpcId": network.vpc_ref(), "SubnetIds": [subnet],
            "ServiceName": sub(f"com.amazonaws.vpce.${{AWS::Region}}.${{{service}}}")},
            unit.origin("the route's next hop in this AZ"))
    gen.refs["gateway-load-balancer"] = {"balancer": balancer}
    gen.add_manual("Launch the vendor's appliances (GENEVE on UDP 6081, their licences) in an Auto Scaling group "
                   "registered with ApplianceTargetGroup, and route the internet gateway's edge route table and the "
                   "public subnets through the Gateway Load Balancer endpoint of each AZ.", unit)


# -- price ---------------------------------------------------------------------------------------------------
@pricer("network-firewall")
def network_firewall_cost(ctx, item):
    gigabytes = ctx.egress_gb()
    return [line(ctx, "Network Firewall endpoint hours", ctx.azs * HOURS, "network-firewall-endpoint-hour",
                 note=f"{ctx.azs} endpoint(s), one per AZ"),
            line(ctx, "Network Firewall data processed", gigabytes, "network-firewall-gb",
                 note="inspected traffic taken as the internet egress")]


@pricer("gateway-load-balancer")
def gateway_load_balancer_cost(ctx, item):
    return [line(ctx, "Gateway Load Balancer hours", HOURS, "gwlb-hour",
                 note="plus capacity units (GLCU) with the traffic, not modelled")]


@pricer("gwlb-endpoint")
def gateway_endpoint_cost(ctx, item):
    return [line(ctx, "Gateway Load Balancer endpoint hours", ctx.azs * HOURS, "gwlb-endpoint-hour",
                 note=f"{ctx.azs} endpoint(s), one per AZ"),
            line(ctx, "Gateway Load Balancer endpoint data processed", ctx.egress_gb(), "gwlb-endpoint-gb",
                 note="inspected traffic taken as the internet egress")]


@pricer("firewall-appliances")
def appliance_cost(ctx, item):
    return [line(ctx, "Firewall appliance instances", ctx.azs * HOURS, "ec2-m6i-large-hour",
                 note=f"{ctx.azs} appliance(s), one per AZ, m6i.large as a stand-in; the vendor's licence is extra")]
