"""Network: outbound internet from private subnets, private access to AWS
services, sharing and interconnecting VPCs, and operator access.

Sources: the notes sections "Network Address Translation (NAT)", "VPC
Endpoints", "VPC Peering", "AWS PrivateLink" and "Bastion Hosts", and the AWS
documentation pages cited per rule.
"""
from __future__ import annotations

from ..engine.context import Assumption, Context, Read
from ..engine.model import Concern, Eliminate, Select, Subject, Warn
from .common import SERVER_COMPUTE

# -- sources -------------------------------------------------------------------
N_NAT = "notes: Network Address Translation (NAT)"
N_ENDPOINTS = "notes: VPC Endpoints"
N_PEERING = "notes: VPC Peering"
N_PRIVATELINK = "notes: AWS PrivateLink"
N_BASTION = "notes: Bastion Hosts"
N_DIRECT_CONNECT = "notes: AWS DirectConnect"

NAT_GATEWAY_DOC = "https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html"
NAT_COMPARISON_DOC = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-comparison.html"
EGRESS_ONLY_DOC = "https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html"
GATEWAY_ENDPOINT_DOC = "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html"
S3_INTERFACE_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html"
DYNAMODB_INTERFACE_DOC = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/privatelink-interface-endpoints.html"
ENDPOINT_SERVICE_DOC = "https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html"
PEERING_DOC = ("https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-"
               "infrastructure/vpc-peering.html")
TRANSIT_GATEWAY_DOC = ("https://docs.aws.amazon.com/whitepapers/latest/aws-vpc-connectivity-options/"
                       "aws-transit-gateway.html")
PRIVATELINK_DOC = "https://docs.aws.amazon.com/whitepapers/latest/aws-vpc-connectivity-options/aws-privatelink.html"
VPC_QUOTAS_DOC = "https://docs.aws.amazon.com/general/latest/gr/vpc-service.html"
SESSION_MANAGER_DOC = "https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html"
SSM_ENDPOINTS_DOC = "https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html"

GATEWAY_SERVICES = ("s3", "dynamodb")


# -- who raises what -----------------------------------------------------------
def _network(ctx: Context) -> dict:
    value = ctx.workload.values.get("network")
    return value if isinstance(value, dict) else {}


def _egress_raised(c: Context) -> list[Subject]:
    wants = c.true("network.private_egress") or (
        not c.given("network.private_egress") and c.true("network.ipv6_egress"))
    return [Subject(None)] if wants else []



def _called_privately(ctx: Context) -> list[str]:
    """Services the application calls from private subnets when nothing else gives it a way out: with no
    NAT path, each needs a VPC endpoint, or the call cannot leave the subnet."""
    from ..architecture.build import APP_DATA  # the same notion of 'the application's data' as the drawing
    from ..knowledge import load_catalogue

    catalogue = load_catalogue()
    decided = ctx.decisions
    # The application's compute: the system's, or each tier's (a tier in the VPC puts the application there).
    computes = {choice for (concern, _), choice in decided.items() if concern == "compute"}
    network, hybrid = _network(ctx), ctx.workload.values.get("hybrid") or {}
    vpc_resources = (any(concern in APP_DATA and choice in catalogue and catalogue[choice].in_vpc
                         for (concern, _), choice in decided.items())
                     or any(concern == "block-storage" for concern, _ in decided)
                     or network.get("admin_access") in ("ssh", "rdp") or bool(hybrid.get("link"))
                     or bool(network.get("aws_services_private"))  # services reached from private subnets
                     or bool(hybrid.get("aws_services_private"))  # the site's endpoints are in the VPC too
                     or ("internet-egress", None) in decided)
    behind_load_balancer = not computes and ("load-balancer", None) in decided  # its targets are in the VPC
    in_vpc = bool(computes & set(SERVER_COMPUTE)) or (computes <= {"lambda"} and vpc_resources) or \
        behind_load_balancer
    if not in_vpc or decided.get(("internet-egress", None)) in ("nat-gateway", "nat-instance"):  # IPv4 NAT path
        return []
    names: list[str] = []
    for (concern, _), choice in decided.items():
        if concern == "change-events" and choice == "s3-event-notifications" and computes == {"lambda"}:
            continue
        if concern in ("database", "object-storage", "messaging", "change-events") and choice in catalogue:
            names.extend(catalogue[choice].called_endpoints())  # the catalogue says what a choice calls
    return names


def _services_raised(ctx: Context) -> list[Subject]:
    ctx.present("network.aws_services_private")  # evidence; the services the application calls are read below
    listed = _network(ctx).get("aws_services_private") or []
    names = dict.fromkeys(listed, "network")  # keeps order, drops repeats; the section that lists each
    # Services the site calls over the private link need an endpoint in the VPC too (an interface endpoint:
    # see private-service-access.gateway-endpoint-stays-in-the-vpc), whether or not the subnets call them.
    site = ctx.peek("hybrid.aws_services_private") or []
    if site and ctx.present("hybrid.aws_services_private"):  # read (evidence) only where the site lists some
        for name in site:
            names.setdefault(name, "hybrid")
    implied = [name for name in dict.fromkeys(_called_privately(ctx)) if name not in names]
    if implied:
        ctx.assumptions["network.aws_services_private"] = Assumption(
            "network.aws_services_private", [*(n for n, section in names.items() if section == "network"), *implied],
            "the application in private subnets calls these services and has no NAT path: each needs an endpoint")
    subjects = [Subject(name, f"{section}.aws_services_private[{name}]", {"service": name})
                for name, section in names.items()]
    return subjects + [Subject(name, f"network.aws_services_private[{name}]", {"service": name},
                               _why_called(ctx, name)) for name in implied]


def _from_the_site(c: Context) -> bool:
    """Whether applications on the site call this subject's service over the private link. A private link
    alone says nothing of it: a VPC with Direct Connect for database replication still reaches S3 from its
    subnets through the free gateway endpoint."""
    return c.contains("hybrid.aws_services_private", c.peek("this.service"))


def _calls(choice: str) -> tuple[str, ...]:
    from ..knowledge import load_catalogue

    service = load_catalogue().get(choice)
    return service.called_endpoints() if service else ()


def _why_called(ctx: Context, service: str) -> tuple[Read, ...]:
    """The evidence for a service the workload did not list: the decisions that call it, and no NAT path."""
    callers = tuple(Read(f"decision.{concern}" + (f"[{subject}]" if subject else ""), choice,
                         f"{choice} is called from private subnets", True)
                    for (concern, subject), choice in ctx.decisions.items()
                    if service in _calls(choice))
    nat = ctx.decisions.get(("internet-egress", None))
    return callers + (Read("decision.internet-egress", nat, "internet-egress in (nat-gateway, nat-instance)",
                           False),)


def _sharing_raised(c: Context) -> list[Subject]:
    return [Subject(None)] if c.ge("network.shared_with_vpcs", 1) or c.ge("network.interconnect_vpcs", 2) else []


def _admin_raised(c: Context) -> list[Subject]:
    return [Subject(None)] if c.one_of("network.admin_access", "ssh", "rdp") else []


# -- internet-egress --------------------------------------------------------------
INTERNET_EGRESS = Concern(
    id="internet-egress",
    title="Outbound internet from private subnets",
    question="How do instances in private subnets reach the internet without being reachable from it?",
    subject_kind="none",
    choices=("nat-gateway", "nat-instance", "egress-only-internet-gateway"),
    raised=_egress_raised,
    rules=(
        Eliminate(
            id="internet-egress.nat-is-ipv4",
            title="NAT translates IPv4 only",
            rationale=("IPv6 addresses are globally unique, so there is no address translation for IPv6: outbound-"
                       "only IPv6 goes through an egress-only internet gateway."),
            sources=(N_NAT, EGRESS_ONLY_DOC),
            pillars=("security",),
            when=lambda c, t: c.true("network.ipv6_egress"),
            reason="ipv6_egress is true: NAT devices translate IPv4 addresses; IPv6 needs no translation",
            choices=("nat-gateway", "nat-instance"),
        ),
        Eliminate(
            id="internet-egress.egress-only-is-ipv6",
            title="An egress-only internet gateway carries IPv6 only",
            rationale="The egress-only internet gateway is the IPv6 counterpart of NAT; IPv4 traffic needs NAT.",
            sources=(N_NAT, EGRESS_ONLY_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: not c.true("network.ipv6_egress"),
            reason="ipv6_egress is {network.ipv6_egress}: an egress-only internet gateway carries IPv6 traffic only",
            choices=("egress-only-internet-gateway",),
        ),
        Eliminate(
            id="internet-egress.nat-instance-single-point-of-failure",
            title="A NAT instance is a single point of failure",
            rationale=("A NAT instance is one EC2 instance: if it or its AZ fails, egress stops until your own "
                       "failover script replaces it. Surviving an AZ loss needs the managed, redundant NAT "
                       "gateway in each AZ."),
            sources=(N_NAT, NAT_COMPARISON_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.one_of("availability.scope", "multi-az", "multi-region"),
            reason=("scope is {availability.scope}: a NAT instance is a single instance that needs failover "
                    "scripts, so an AZ loss would stop outbound traffic"),
            choices=("nat-instance",),
        ),
        Select(
            id="internet-egress.ipv6-egress-only",
            title="Outbound-only IPv6: egress-only internet gateway",
            rationale=("An egress-only internet gateway is horizontally scaled, redundant and free of charge; it "
                       "lets instances open IPv6 connections to the internet and blocks connections initiated "
                       "from outside."),
            sources=(N_NAT, EGRESS_ONLY_DOC),
            pillars=("security", "reliability"),
            when=lambda c, t: c.true("network.ipv6_egress"),
            reason=("ipv6_egress is true: an egress-only internet gateway lets IPv6 traffic out and nothing in, "
                    "with no NAT"),
            choice="egress-only-internet-gateway",
        ),
        Select(
            id="internet-egress.nat-instance-low-cost",
            title="Small, cost-first, single-AZ egress: NAT instance",
            rationale=("A small NAT instance costs less than a NAT gateway's hourly and per-GB processing charges "
                       "when little traffic flows, at the price of patching it yourself and having no automatic "
                       "failover; its bandwidth is that of the instance type."),
            sources=(N_NAT, NAT_COMPARISON_DOC),
            pillars=("cost-optimization",),
            thresholds={"bandwidth": "1 Gbps"},
            when=lambda c, t: c.eq("cost_priority", "lowest") and (
                not c.given("network.egress_bandwidth") or c.le("network.egress_bandwidth", t.bandwidth)),
            reason=("cost_priority is lowest, scope is {availability.scope} and peak egress is "
                    "{network.egress_bandwidth} (a small instance suits up to {t.bandwidth}): a NAT instance costs "
                    "least"),
            choice="nat-instance",
        ),
        Select(
            id="internet-egress.nat-gateway",
            title="Managed outbound IPv4: NAT gateway in each AZ",
            rationale=("A NAT gateway is managed by AWS, redundant within its AZ and scales from 5 to 100 Gbps "
                       "(AWS's current figure; the notes say 45 Gbps) with no patching; one per AZ, with each AZ's private "
                       "subnets routed to their own, keeps egress zone-independent."),
            sources=(N_NAT, NAT_GATEWAY_DOC),
            pillars=("reliability", "operational-excellence"),
            reason=("scope is {availability.scope}, egress is {network.egress_bandwidth}: a managed NAT gateway in "
                    "each AZ scales on its own and survives instance failures"),
            choice="nat-gateway",
        ),
        Warn(
            id="internet-egress.nat-gateway-bandwidth",
            title="Egress above one NAT gateway's bandwidth",
            rationale=("A single NAT gateway starts at 5 Gbps and scales automatically to 100 Gbps and 1 million "
                       "packets/s (AWS's current figure; the notes and older exam material say 45 Gbps); more "
                       "needs the private subnets spread over several NAT gateways."),
            sources=(N_NAT, NAT_GATEWAY_DOC),
            pillars=("performance-efficiency",),
            thresholds={"bandwidth": "100 Gbps"},
            when=lambda c, t: c.gt("network.egress_bandwidth", t.bandwidth),
            reason=("egress_bandwidth is {network.egress_bandwidth}, over one NAT gateway's {t.bandwidth}: split the "
                    "private subnets across several NAT gateways"),
            choices=("nat-gateway",),
        ),
    ),
)

# -- private-service-access ----------------------------------------------------------
PRIVATE_SERVICE_ACCESS = Concern(
    id="private-service-access",
    title="Private access to an AWS service",
    question="How do private subnets reach this AWS service without the internet?",
    subject_kind="service",
    choices=("vpc-gateway-endpoint", "vpc-interface-endpoint"),
    raised=_services_raised,
    # _called_privately reads these decisions to find the services the application calls
    depends_on=("compute", "load-balancer", "internet-egress", "database", "object-storage", "block-storage",
                "messaging", "change-events"),
    rules=(
        Eliminate(
            id="private-service-access.gateway-endpoints-are-s3-and-dynamodb",
            title="Gateway endpoints exist only for S3 and DynamoDB",
            rationale=("A gateway endpoint is a route-table target offered for Amazon S3 and DynamoDB only; every "
                       "other service is reached through an interface endpoint (PrivateLink)."),
            sources=(N_ENDPOINTS, GATEWAY_ENDPOINT_DOC),
            pillars=("security",),
            when=lambda c, t: not c.one_of("this.service", *GATEWAY_SERVICES),
            reason="{subject} has no gateway endpoint: only S3 and DynamoDB do",
            choices=("vpc-gateway-endpoint",),
        ),
        Eliminate(
            id="private-service-access.gateway-endpoint-stays-in-the-vpc",
            title="A gateway endpoint cannot be used from on premises",
            rationale=("Gateway endpoints are route-table entries of the VPC; traffic arriving over Direct Connect "
                       "or VPN cannot use them, while interface endpoints have private IPs reachable from the "
                       "site."),
            sources=(S3_INTERFACE_DOC, DYNAMODB_INTERFACE_DOC, N_ENDPOINTS),
            pillars=("security",),
            when=lambda c, t: c.one_of("this.service", "s3", "dynamodb") and _from_the_site(c),
            reason=("the site calls {subject} over the private link: traffic arriving over Direct Connect or VPN "
                    "cannot use a gateway endpoint"),
            choices=("vpc-gateway-endpoint",),
        ),
        Select(
            id="private-service-access.s3-from-on-premises",
            title="S3 or DynamoDB reached privately from on premises: interface endpoint",
            rationale=("An S3 or DynamoDB interface endpoint has private IP addresses in the VPC that on-premises "
                       "applications reach over Direct Connect or VPN, so the traffic never crosses the internet. "
                       "The notes give DynamoDB a gateway endpoint only; AWS PrivateLink for DynamoDB (2024) adds "
                       "interface endpoints."),
            sources=(S3_INTERFACE_DOC, DYNAMODB_INTERFACE_DOC, N_DIRECT_CONNECT),
            pillars=("security",),
            when=lambda c, t: c.one_of("this.service", "s3", "dynamodb") and _from_the_site(c),
            reason=("{subject} is also reached from on premises over the private link (hybrid.aws_services_private: "
                    "{hybrid.aws_services_private}): an interface endpoint has private IPs the site can route to"),
            choice="vpc-interface-endpoint",
        ),
        Select(
            id="private-service-access.free-gateway-endpoint",
            title="S3 and DynamoDB: free gateway endpoint",
            rationale=("S3 and DynamoDB offer gateway endpoints: a prefix-list route in the subnets' route tables, "
                       "free of charge and without bandwidth limits, secured by an endpoint policy."),
            sources=(N_ENDPOINTS, GATEWAY_ENDPOINT_DOC),
            pillars=("cost-optimization", "security"),
            when=lambda c, t: c.one_of("this.service", *GATEWAY_SERVICES),
            reason="{subject} offers a gateway endpoint: a free route-table target, no NAT or internet needed",
            choice="vpc-gateway-endpoint",
        ),
        Select(
            id="private-service-access.interface-endpoint",
            title="Other AWS services: interface endpoint (PrivateLink)",
            rationale=("An interface endpoint puts an elastic network interface with a private IP address in the "
                       "subnets; private DNS sends the service's name to it. It is billed per hour and per GB and "
                       "secured with security groups."),
            sources=(N_ENDPOINTS, PRIVATELINK_DOC),
            pillars=("security",),
            reason=("{subject} is reached through an interface endpoint: a private IP in the VPC via PrivateLink, "
                    "billed per hour and per GB"),
            choice="vpc-interface-endpoint",
        ),
    ),
)

# -- service-sharing -------------------------------------------------------------------
SERVICE_SHARING = Concern(
    id="service-sharing",
    title="Connecting VPCs",
    question="How should this VPC's service be shared, or the VPCs connected?",
    subject_kind="none",
    choices=("privatelink", "vpc-peering", "transit-gateway"),
    raised=_sharing_raised,
    rules=(
        Eliminate(
            id="service-sharing.privatelink-is-one-service",
            title="PrivateLink exposes one service, not a network",
            rationale=("PrivateLink lets consumers open connections to one service behind an NLB; it does not let "
                       "the VPCs reach each other's other resources."),
            sources=(N_PRIVATELINK, ENDPOINT_SERVICE_DOC),
            pillars=("security",),
            thresholds={"vpcs": "2"},
            when=lambda c, t: c.ge("network.interconnect_vpcs", int(t.vpcs)),
            reason=("interconnect_vpcs is {network.interconnect_vpcs}: PrivateLink only exposes one service one way; "
                    "it does not route between the VPCs"),
            choices=("privatelink",),
        ),
        Eliminate(
            id="service-sharing.peering-quota",
            title="A VPC accepts at most 125 peering connections",
            rationale=("Active peering connections per VPC default to 50 and can be raised to at most 125, so "
                       "peering cannot serve more consumers than that."),
            sources=(VPC_QUOTAS_DOC, PEERING_DOC),
            pillars=("reliability",),
            thresholds={"peerings": "125"},
            when=lambda c, t: (c.gt("network.shared_with_vpcs", int(t.peerings))
                               or c.gt("network.interconnect_vpcs", int(t.peerings) + 1)),
            reason=("shared_with_vpcs is {network.shared_with_vpcs}, interconnect_vpcs is "
                    "{network.interconnect_vpcs}: a VPC can have at most {t.peerings} active peering connections"),
            choices=("vpc-peering",),
        ),
        Eliminate(
            id="service-sharing.peering-has-no-edge-routing",
            title="Peering does not carry on-premises traffic onward",
            rationale=("VPC peering supports neither transitive routing nor edge-to-edge routing: a VPN or Direct "
                       "Connect into one VPC cannot reach the VPCs peered with it."),
            sources=(N_PEERING, PEERING_DOC),
            pillars=("reliability",),
            thresholds={"vpcs": "2"},
            when=lambda c, t: c.ge("network.interconnect_vpcs", int(t.vpcs)) and c.given("hybrid.link"),
            reason=("an on-premises link is given: peering has no edge-to-edge routing, so the site could not reach "
                    "the peered VPCs through it"),
            choices=("vpc-peering",),
        ),
        Select(
            id="service-sharing.hub-with-on-premises",
            title="VPCs and an on-premises site: Transit Gateway hub",
            rationale=("A transit gateway is a regional hub with transitive routing: every VPC and the VPN or "
                       "Direct Connect attachment connect once and reach each other through it."),
            sources=(TRANSIT_GATEWAY_DOC, N_PEERING),
            pillars=("operational-excellence", "reliability"),
            thresholds={"vpcs": "2"},
            when=lambda c, t: c.ge("network.interconnect_vpcs", int(t.vpcs)) and c.given("hybrid.link"),
            reason=("interconnect_vpcs is {network.interconnect_vpcs} and an on-premises link is given: a transit "
                    "gateway routes between all VPCs and the site"),
            choice="transit-gateway",
        ),
        Select(
            id="service-sharing.hub-for-many-vpcs",
            title="Many VPCs to interconnect: Transit Gateway hub",
            rationale=("A full mesh of n VPCs needs n(n-1)/2 non-transitive peering connections and route entries; "
                       "a transit gateway needs one attachment per VPC and routes transitively."),
            sources=(TRANSIT_GATEWAY_DOC, PEERING_DOC),
            pillars=("operational-excellence",),
            thresholds={"vpcs": "4"},
            when=lambda c, t: c.ge("network.interconnect_vpcs", int(t.vpcs)),
            reason=("interconnect_vpcs is {network.interconnect_vpcs} (at least {t.vpcs}): a full peering mesh would "
                    "grow as n(n-1)/2, a transit gateway needs one attachment per VPC"),
            choice="transit-gateway",
        ),
        Select(
            id="service-sharing.peering-few-vpcs",
            title="A few VPCs to interconnect: VPC peering",
            rationale=("For two or three VPCs a full mesh of peering connections is small, has no hourly charge "
                       "and adds no hop; CIDRs must not overlap and routing is not transitive."),
            sources=(N_PEERING, PEERING_DOC),
            pillars=("cost-optimization", "performance-efficiency"),
            thresholds={"vpcs": "2"},
            when=lambda c, t: c.ge("network.interconnect_vpcs", int(t.vpcs)),
            reason=("interconnect_vpcs is {network.interconnect_vpcs}: a small full mesh of peering connections "
                    "(non-overlapping CIDRs, no transitive routing) is enough"),
            choice="vpc-peering",
        ),
        Select(
            id="service-sharing.privatelink-service",
            title="One service consumed by other VPCs: PrivateLink",
            rationale=("Publishing the service behind an NLB as an endpoint service lets any number of VPCs and "
                       "accounts reach it through interface endpoints, one way, with overlapping CIDRs allowed and "
                       "nothing else of the VPC exposed."),
            sources=(N_PRIVATELINK, ENDPOINT_SERVICE_DOC, PRIVATELINK_DOC),
            pillars=("security", "operational-excellence"),
            reason=("shared_with_vpcs is {network.shared_with_vpcs}: publish the service through PrivateLink so "
                    "consumers reach only it, whatever their CIDRs"),
            choice="privatelink",
        ),
        Warn(
            id="service-sharing.service-consumers-too",
            title="Other VPCs also consume a service",
            rationale=("Interconnecting VPCs and exposing one service to other VPCs or accounts are separate "
                       "needs; the consumers are best served through PrivateLink."),
            sources=(N_PRIVATELINK, ENDPOINT_SERVICE_DOC),
            pillars=("security",),
            thresholds={"consumers": "1"},
            when=lambda c, t: c.ge("network.shared_with_vpcs", int(t.consumers)),
            reason=("shared_with_vpcs is {network.shared_with_vpcs} as well: expose that service to its consumers "
                    "through a PrivateLink endpoint service rather than opening the whole network"),
            choices=("vpc-peering", "transit-gateway"),
        ),
    ),
)

# -- admin-access -------------------------------------------------------------------------
ADMIN_ACCESS = Concern(
    id="admin-access",
    title="Operator access to private instances",
    question="How do operators get a shell or desktop on instances in private subnets?",
    subject_kind="none",
    choices=("bastion-host", "ssm-session-manager"),
    raised=_admin_raised,
    rules=(
        Eliminate(
            id="admin-access.bastion-opens-a-port",
            title="A bastion host needs an open inbound port and keys",
            rationale=("A bastion is an internet-facing instance with SSH or RDP open, keys to distribute and an "
                       "OS to patch; Session Manager gives the same access with no inbound port, no keys, IAM "
                       "permissions and logged sessions."),
            sources=(N_BASTION, SESSION_MANAGER_DOC),
            pillars=("security", "operational-excellence"),
            when=lambda c, t: c.one_of("network.admin_access", "ssh", "rdp")
            and not c.false("network.agent_allowed"),
            reason=("admin_access is {network.admin_access}: a bastion would expose that port to the internet and "
                    "need keys and patching, which Session Manager avoids"),
            choices=("bastion-host",),
        ),
        Eliminate(
            id="admin-access.session-manager-needs-agent",
            title="Session Manager needs the SSM Agent on each instance",
            rationale=("Session Manager connects through the SSM Agent running on the instance; appliances and "
                       "operating systems that cannot run it are out of its reach."),
            sources=(SESSION_MANAGER_DOC,),
            pillars=("operational-excellence",),
            when=lambda c, t: c.false("network.agent_allowed"),
            reason="agent_allowed is false: without the SSM Agent, Session Manager cannot open a session",
            choices=("ssm-session-manager",),
        ),
        Select(
            id="admin-access.bastion-without-agent",
            title="Instances that cannot run an agent: a hardened bastion host",
            rationale=("When no agent can run on the instances, operators reach them through a bastion host in a "
                       "public subnet whose security group admits only the corporate address range; the private "
                       "instances admit SSH/RDP only from the bastion's security group."),
            sources=(N_BASTION,),
            pillars=("security",),
            when=lambda c, t: c.false("network.agent_allowed"),
            reason=("agent_allowed is false and admin_access is {network.admin_access}: a bastion host in a public "
                    "subnet, open only to known addresses, is the way in"),
            choice="bastion-host",
        ),
        Select(
            id="admin-access.session-manager-audited",
            title="Audited operator sessions: Session Manager",
            rationale=("Session Manager authorises every session with IAM, records it in CloudTrail and can log "
                       "the commands and output to S3 or CloudWatch Logs, which a bastion's SSH sessions do not."),
            sources=(SESSION_MANAGER_DOC,),
            pillars=("security",),
            when=lambda c, t: c.true("security.audit_api_calls") or c.given("security.compliance"),
            reason=("admin_access is {network.admin_access} and auditors must see who did what "
                    "(audit_api_calls: {security.audit_api_calls}, compliance: {security.compliance}): Session "
                    "Manager logs every session"),
            choice="ssm-session-manager",
        ),
        Select(
            id="admin-access.session-manager",
            title="Shell or desktop without open ports: Session Manager",
            rationale=("Session Manager reaches instances through the SSM Agent's outbound connection: no inbound "
                       "port, no bastion, no SSH keys, IAM-controlled access; SSH and RDP clients can tunnel "
                       "through port forwarding."),
            sources=(SESSION_MANAGER_DOC, N_BASTION),
            pillars=("security", "operational-excellence"),
            reason=("admin_access is {network.admin_access}: Session Manager opens the session over the agent's "
                    "outbound channel (RDP and SSH clients via port forwarding), with no inbound port"),
            choice="ssm-session-manager",
        ),
        Warn(
            id="admin-access.harden-the-bastion",
            title="A bastion is an exposed entry point",
            rationale=("Restrict its security group to known source addresses, keep it patched and minimal, use "
                       "short-lived keys, and log its sessions; run one per AZ behind an Auto Scaling group of one "
                       "for availability."),
            sources=(N_BASTION,),
            pillars=("security", "reliability"),
            when=lambda c, t: c.one_of("network.admin_access", "ssh", "rdp"),
            reason=("admin_access is {network.admin_access} through a bastion: allow its port only from the "
                    "corporate range, patch it, and log every session"),
            choices=("bastion-host",),
        ),
        Warn(
            id="admin-access.agent-needs-endpoints",
            title="The SSM Agent must reach Systems Manager",
            rationale=("Without internet egress the agent reaches Systems Manager only through the ssm, "
                       "ssmmessages and ec2messages interface endpoints."),
            sources=(SSM_ENDPOINTS_DOC,),
            pillars=("reliability",),
            when=lambda c, t: c.false("network.private_egress") and not c.contains("network.aws_services_private",
                                                                                   "ssm"),
            reason=("private_egress is false and aws_services_private is {network.aws_services_private}: add "
                    "interface endpoints for ssm, ssmmessages and ec2messages or Session Manager cannot connect"),
            choices=("ssm-session-manager",),
        ),
    ),
)

from .inspection import INSPECTION  # noqa: E402 - its own module (with its drawing, template and price)

CONCERNS = [INTERNET_EGRESS, PRIVATE_SERVICE_ACCESS, SERVICE_SHARING, ADMIN_ACCESS, INSPECTION]
