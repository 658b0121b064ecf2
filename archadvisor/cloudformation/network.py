"""The VPC: subnets per AZ and tier with fixed, non-overlapping CIDRs, route tables, the internet gateway,
NAT (gateway per AZ or instance), the egress-only gateway, VPC endpoints, and ways to share the VPC."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .core import Json, Origin, Template, att, az, ref, sub

if TYPE_CHECKING:
    from .generator import Generator, Unit

TIERS = ("public", "app", "data")
LAYOUT = "architecture layout (the VPC, AZ and subnet groups of the diagram)"
# Interface endpoint service names for the names a workload uses in network.aws_services_private.
ENDPOINT_NAMES = {"secrets-manager": "secretsmanager", "step-functions": "states", "stepfunctions": "states",
                  "cloudwatch": "monitoring", "eventbridge": "events", "firehose": "kinesis-firehose",
                  "kinesis": "kinesis-streams", "opensearch": "es", "ecr": "ecr.dkr"}
# Interface endpoints reached by their own DNS names (vpce-...): DynamoDB's, whose gateway endpoint keeps the
# service's usual name inside the VPC.
NO_PRIVATE_DNS = frozenset({"dynamodb"})


class Network:
    """The VPC of one template, built as units ask for its parts; :meth:`finish` adds the routes."""

    def __init__(self, generator: "Generator", template: Template, index: int) -> None:
        self.gen = generator
        self.template = template
        self.index = index
        vpcs = [g for g in generator.arch.groups if g.kind == "vpc" and generator._template_of_group(g.id) is template]
        self.vpc_group = vpcs[0].id if vpcs else None
        zones = [g for g in generator.arch.groups if g.kind == "az" and self.vpc_group
                 and g.parent == self.vpc_group]
        self.az_groups = [g.id for g in sorted(zones, key=lambda g: g.id)]
        self.subnet_ids: dict[tuple[int, str], str] = {}
        self.private_tables: dict[int, str] = {}
        self.public_table: str | None = None
        self.igw: str | None = None
        self.nat: dict[int, tuple[str, Json]] = {}      # AZ index -> (route property, target)
        self.gateway_endpoints: list[str] = []
        self.ipv6: str | None = None                    # the egress-only gateway, when there is one
        self.origin = Origin(self.vpc_group or "vpc", None, None, note=LAYOUT)

    # -- the VPC and its zones ----------------------------------------------------------------------------
    def vpc_ref(self) -> Json:
        if "Vpc" not in self.template.resources:
            self.template.add("Vpc", "AWS::EC2::VPC", {
                "CidrBlock": f"10.{self.index}.0.0/16", "EnableDnsSupport": True, "EnableDnsHostnames": True,
                "Tags": [{"Key": "Name", "Value": sub("${AWS::StackName}-vpc")}],
            }, self.origin)
            self.template.output("VpcId", ref("Vpc"), "The VPC")
        return ref("Vpc")

    @property
    def zone_count(self) -> int:
        return max(len(self.az_groups), 1)

    def zone_of(self, component_id: str) -> int | None:
        group = self.gen.arch.enclosing(component_id, "az")
        if group is None or group.id not in self.az_groups:
            return None
        return self.az_groups.index(group.id)

    def zones_of(self, unit: "Unit") -> list[int]:
        """The AZs a unit's members sit in; every AZ of the VPC for a unit placed at VPC level."""
        found = sorted({z for z in (self.zone_of(m.id) for m in unit.members) if z is not None})
        return found or list(range(self.zone_count))

    # -- subnets and route tables -------------------------------------------------------------------------
    def subnet(self, zone: int, tier: str) -> str:
        key = (zone, tier)
        if key not in self.subnet_ids:
            self.vpc_ref()
            name = f"Subnet{tier.capitalize()}{chr(ord('A') + zone)}"
            block = zone * len(TIERS) + TIERS.index(tier)
            properties: Json = {
                "VpcId": ref("Vpc"), "AvailabilityZone": az(zone),
                "CidrBlock": f"10.{self.index}.{block * 16}.0/20",
                "Tags": [{"Key": "Name", "Value": sub(f"${{AWS::StackName}}-{tier}-{chr(ord('a') + zone)}")}],
            }
            if tier == "public":
                properties["MapPublicIpOnLaunch"] = False
            self.template.add(name, "AWS::EC2::Subnet", properties, self._subnet_origin(zone, tier))
            self.subnet_ids[key] = name
            table = self.public_route_table() if tier == "public" else self.private_route_table(zone)
            self.template.add(f"{name}RouteTableAssociation", "AWS::EC2::SubnetRouteTableAssociation",
                              {"SubnetId": ref(name), "RouteTableId": ref(table)}, self.origin)
        return self.subnet_ids[key]

    def _subnet_origin(self, zone: int, tier: str) -> Origin:
        drawn = [g.id for g in self.gen.arch.groups if g.kind == f"subnet-{tier}" and zone < len(self.az_groups)
                 and g.parent == self.az_groups[zone]]
        if drawn:
            return Origin(drawn[0], None, None, note=LAYOUT)
        return Origin(self.az_groups[zone] if zone < len(self.az_groups) else self.vpc_group or "vpc", None, None,
                      note=f"not drawn: a {tier} subnet in AZ {chr(ord('a') + zone)}, because load balancers, "
                           "subnet groups or the resources of this tier need it")

    def subnets(self, tier: str, zones: list[int] | None = None) -> list[Json]:
        chosen = list(range(self.zone_count)) if zones is None else zones
        return [ref(self.subnet(z, tier)) for z in chosen]

    def two_zone_subnets(self, tier: str, zones: list[int]) -> list[Json]:
        """Subnets in at least two AZs: load balancers, subnet groups and brokers need two."""
        chosen = sorted(set(zones))
        extra = 0
        while len(chosen) < 2:
            if extra not in chosen:
                chosen.append(extra)
            extra += 1
        return [ref(self.subnet(z, tier)) for z in sorted(chosen)]

    def public_route_table(self) -> str:
        if self.public_table is None:
            self.public_table = "PublicRouteTable"
            self.template.add(self.public_table, "AWS::EC2::RouteTable", {"VpcId": self.vpc_ref()}, self.origin)
            self.internet_gateway()
        return self.public_table

    def private_route_table(self, zone: int) -> str:
        if zone not in self.private_tables:
            name = f"PrivateRouteTable{chr(ord('A') + zone)}"
            self.template.add(name, "AWS::EC2::RouteTable", {"VpcId": self.vpc_ref()}, self.origin)
            self.private_tables[zone] = name
        return self.private_tables[zone]

    def internet_gateway(self, origin: Origin | None = None) -> str:
        """The internet gateway: drawn when NAT needs it; added (with a note) for public subnets."""
        if self.igw is None:
            self.igw = "InternetGateway"
            drawn = [c.id for c in self.gen.arch.components if c.service == "internet-gateway"
                     and self.gen.template_of(c) is self.template]
            why = origin or (Origin(drawn[0], None, None, note="the internet gateway drawn in the VPC") if drawn else
                             Origin("vpc", None, None, note="not drawn: public subnets (load balancer, bastion) "
                                                            "need it"))
            self.template.add(self.igw, "AWS::EC2::InternetGateway", None, why)
            self.template.add("InternetGatewayAttachment", "AWS::EC2::VPCGatewayAttachment",
                              {"VpcId": self.vpc_ref(), "InternetGatewayId": ref(self.igw)}, why)
            self.public_route_table()
            self.template.add("PublicDefaultRoute", "AWS::EC2::Route", {
                "RouteTableId": ref(self.public_table), "DestinationCidrBlock": "0.0.0.0/0",
                "GatewayId": ref(self.igw)}, why, depends=["InternetGatewayAttachment"])
        return self.igw

    def finish(self) -> None:
        """Routes that depend on everything else: default routes to NAT, IPv6, gateway endpoints."""
        for zone, table in sorted(self.private_tables.items()):
            if self.nat:
                prop, target = self.nat.get(zone) or self.nat[min(self.nat)]
                self.template.add(f"{table}NatRoute", "AWS::EC2::Route", {
                    "RouteTableId": ref(table), "DestinationCidrBlock": "0.0.0.0/0", prop: target},
                    self.template_origin("internet-egress"))
            if self.ipv6:
                self.template.add(f"{table}Ipv6Route", "AWS::EC2::Route", {
                    "RouteTableId": ref(table), "DestinationIpv6CidrBlock": "::/0",
                    "EgressOnlyInternetGatewayId": ref(self.ipv6)}, self.template_origin("internet-egress"))
        if self.ipv6:
            for (zone, tier), name in sorted(self.subnet_ids.items()):
                if tier == "app":
                    resource = self.template.resources[name]
                    resource["Properties"]["Ipv6CidrBlock"] = {"Fn::Select": [
                        zone, {"Fn::Cidr": [{"Fn::Select": [0, att("Vpc", "Ipv6CidrBlocks")]}, 16, "64"]}]}
                    resource["DependsOn"] = ["VpcIpv6Cidr"]
        tables = [ref(t) for _, t in sorted(self.private_tables.items())] or [ref(self.public_route_table())]
        for endpoint in self.gateway_endpoints:
            self.template.resources[endpoint]["Properties"]["RouteTableIds"] = tables

    def template_origin(self, key: str) -> Origin:
        decision = self.gen.decision(key) or {}
        return Origin("private route tables", key if decision else None, decision.get("rule"),
                      decision.get("choice"))


# -- handlers ---------------------------------------------------------------------------------------------
def internet_gateway(gen: "Generator", unit: "Unit") -> None:
    gen.network(unit.template).internet_gateway(unit.origin("drawn"))


def nat_gateway(gen: "Generator", unit: "Unit") -> None:
    net = gen.network(unit.template)
    for member in unit.members:
        zone = net.zone_of(member.id) or 0
        name = unit.template.logical(member.id, "NatGateway")
        unit.template.add(f"{name}Eip", "AWS::EC2::EIP", {"Domain": "vpc"}, unit.origin(member=member))
        unit.template.add(name, "AWS::EC2::NatGateway", {
            "AllocationId": att(f"{name}Eip", "AllocationId"), "SubnetId": ref(net.subnet(zone, "public")),
            "ConnectivityType": "public"}, unit.origin("one per AZ: an AZ outage leaves the others' egress",
                                                        member=member))
        net.nat[zone] = ("NatGatewayId", ref(name))
    net.internet_gateway()


def nat_instance(gen: "Generator", unit: "Unit") -> None:
    from .compute import launch_template
    net = gen.network(unit.template)
    zone = net.zone_of(unit.lead.id) or 0
    name = unit.logical("Instance")
    script = ("#!/bin/bash\nsysctl -w net.ipv4.ip_forward=1\nyum install -y iptables-services\n"
              "iptables -t nat -A POSTROUTING -o $(ip route show default | awk '{print $5}') -j MASQUERADE\n"
              "service iptables save\n")
    template = launch_template(gen, unit, "t4g.small", script, arm=True)
    unit.template.add(name, "AWS::EC2::Instance", {
        "LaunchTemplate": {"LaunchTemplateId": ref(template), "Version": att(template, "LatestVersionNumber")},
        "SourceDestCheck": False,
        "NetworkInterfaces": [{"DeviceIndex": "0", "SubnetId": ref(net.subnet(zone, "public")),
                               "AssociatePublicIpAddress": True,
                               "GroupSet": [ref(gen.security_group(unit, "NAT instance"))]}],
    }, unit.origin("single instance: failover needs a script (see the decision's notes)"))
    gen.listen(unit, "tcp", 80)
    gen.listen(unit, "tcp", 443)
    for zone_index in range(net.zone_count):
        net.nat[zone_index] = ("InstanceId", ref(name))
    net.internet_gateway()


def egress_only(gen: "Generator", unit: "Unit") -> None:
    net = gen.network(unit.template)
    unit.template.add("VpcIpv6Cidr", "AWS::EC2::VPCCidrBlock",
                      {"VpcId": net.vpc_ref(), "AmazonProvidedIpv6CidrBlock": True}, unit.origin())
    name = unit.logical("Gateway")
    unit.template.add(name, "AWS::EC2::EgressOnlyInternetGateway", {"VpcId": net.vpc_ref()}, unit.origin())
    net.ipv6 = name


def endpoint_service(subject: str) -> str:
    name = subject.lower()
    return ENDPOINT_NAMES.get(name, name)


def gateway_endpoint(gen: "Generator", unit: "Unit") -> None:
    net = gen.network(unit.template)
    service = endpoint_service(unit.subject or "s3")
    name = unit.logical("Endpoint")
    unit.template.add(name, "AWS::EC2::VPCEndpoint", {
        "VpcId": net.vpc_ref(), "VpcEndpointType": "Gateway",
        "ServiceName": sub(f"com.amazonaws.${{AWS::Region}}.{service}"), "RouteTableIds": []},
        unit.origin("free; routes in every private route table"))
    net.gateway_endpoints.append(name)


def interface_endpoint(gen: "Generator", unit: "Unit") -> None:
    net = gen.network(unit.template)
    service = endpoint_service(unit.subject or "")
    name = unit.logical("Endpoint")
    private_dns = service not in NO_PRIVATE_DNS
    unit.template.add(name, "AWS::EC2::VPCEndpoint", {
        "VpcId": net.vpc_ref(), "VpcEndpointType": "Interface", "PrivateDnsEnabled": private_dns,
        "ServiceName": sub(f"com.amazonaws.${{AWS::Region}}.{service}"),
        "SubnetIds": net.subnets("app"),
        "SecurityGroupIds": [ref(gen.security_group(unit, f"Interface endpoint {service}"))],
    }, unit.origin("private DNS: the service's usual name resolves to the endpoint" if private_dns else
                   "clients use the endpoint's own DNS name (vpce-...): no private DNS"))
    gen.listen(unit, "tcp", 443)


def transit_gateway(gen: "Generator", unit: "Unit") -> None:
    net = gen.network(unit.template)
    name = unit.logical("TransitGateway")
    unit.template.add(name, "AWS::EC2::TransitGateway", {
        "AutoAcceptSharedAttachments": "disable", "DefaultRouteTableAssociation": "enable",
        "DefaultRouteTablePropagation": "enable", "DnsSupport": "enable",
        "Description": sub("${AWS::StackName} hub")}, unit.origin())
    unit.template.add(f"{name}Attachment", "AWS::EC2::TransitGatewayAttachment", {
        "TransitGatewayId": ref(name), "VpcId": net.vpc_ref(), "SubnetIds": net.subnets("app")}, unit.origin())
    gen.add_manual("Share the transit gateway with the other accounts (AWS RAM) and attach their VPCs.", unit)


def vpc_peering(gen: "Generator", unit: "Unit") -> None:
    net = gen.network(unit.template)
    peer = unit.template.parameter("PeerVpcId", "String", "VPC to peer with (vpc-...)",
                                   AllowedPattern="^vpc-[0-9a-f]+$")
    unit.template.add(unit.logical("Peering"), "AWS::EC2::VPCPeeringConnection",
                      {"VpcId": net.vpc_ref(), "PeerVpcId": peer}, unit.origin())
    gen.add_manual("Accept the peering request in the peer VPC's account and add routes on both sides.", unit)


def privatelink(gen: "Generator", unit: "Unit") -> None:
    from .frontdoor import privatelink_balancer
    balancer = privatelink_balancer(gen, unit)
    unit.template.add(unit.logical("EndpointService"), "AWS::EC2::VPCEndpointService", {
        "AcceptanceRequired": True, "NetworkLoadBalancerArns": [ref(balancer)]},
        unit.origin("consumers create interface endpoints to this service; requests need acceptance"))


def network_acl(gen: "Generator", unit: "Unit") -> None:
    net = gen.network(unit.template)
    name = unit.logical("Acl")
    unit.template.add(name, "AWS::EC2::NetworkAcl", {"VpcId": net.vpc_ref()}, unit.origin())
    port = 443
    entries = [(100, False, "6", {"From": port, "To": port}), (110, False, "17", {"From": port, "To": port}),
               (120, False, "6", {"From": 1024, "To": 65535}), (100, True, "-1", None)]
    for number, egress, protocol, ports in entries:
        props: Json = {"NetworkAclId": ref(name), "RuleNumber": number, "Protocol": int(protocol),
                       "RuleAction": "allow", "Egress": egress, "CidrBlock": "0.0.0.0/0"}
        if ports:
            props["PortRange"] = ports
        unit.template.add(f"{name}{'Out' if egress else 'In'}{number}", "AWS::EC2::NetworkAclEntry", props,
                          unit.origin("add deny entries (rule numbers below 100) for the addresses to block"))
    for zone in range(net.zone_count):
        subnet = net.subnet(zone, "public")
        unit.template.add(f"{name}{subnet}", "AWS::EC2::SubnetNetworkAclAssociation",
                          {"SubnetId": ref(subnet), "NetworkAclId": ref(name)}, unit.origin())


HANDLERS: dict[str, tuple[int, Any]] = {
    "internet-gateway": (0, internet_gateway),
    "nat-gateway": (0, nat_gateway),
    "nat-instance": (4, nat_instance),
    "egress-only-internet-gateway": (0, egress_only),
    "vpc-gateway-endpoint": (8, gateway_endpoint),
    "vpc-interface-endpoint": (8, interface_endpoint),
    "transit-gateway": (8, transit_gateway),
    "vpc-peering": (8, vpc_peering),
    "privatelink": (8, privatelink),
    "nacl": (8, network_acl),
}
