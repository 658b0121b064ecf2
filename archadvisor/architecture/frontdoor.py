"""What the front-door concerns add: the request path from the users to the application, and what
guards it. A web ACL or Shield Advanced is attached to the resource it protects, never a hop; an
internet-facing load balancer spans the public subnets of two AZs behind an internet gateway; internal
users with a hybrid link arrive over the link."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .names import ANNOTATIONS
from .registry import draws

if TYPE_CHECKING:
    from .build import Builder

PROTOCOL_LABELS = {"http": "HTTPS", "websocket": "WebSocket", "graphql": "GraphQL (HTTPS)",
                   "tcp": "TCP", "udp": "UDP"}
FRONT_CONCERNS = ("edge", "web-protection", "api", "load-balancer", "end-user-identity", "private-content")


def protocol(b: "Builder") -> tuple[str, str]:
    from .build import get

    raw = str(get(b.workload, "entry", "protocol", default="http"))
    return raw, PROTOCOL_LABELS.get(raw, "HTTPS")


def internet_facing(b: "Builder") -> bool:
    """A load balancer faces the internet unless only internal users reach it over the hybrid link."""
    return not b.internal_users() or bool(b.choices("edge"))


@draws(*FRONT_CONCERNS, stage=50)
def front_door(b: "Builder") -> None:
    from .build import flag, get

    edge = b.choice("edge")
    protection = b.choices("web-protection")
    api, lb = b.choices("api"), b.choices("load-balancer")
    identity, private = b.choices("end-user-identity"), b.choices("private-content")
    workload_has_users = isinstance(b.workload.get("users"), dict) or isinstance(b.workload.get("entry"), dict)
    if not any([edge, protection, api, lb, identity, private, b.choices("dns-routing")]) and not workload_has_users:
        return
    if get(b.workload, "entry", "protocol") == "none" and not any([edge, api, lb, identity, private]):
        return  # nothing calls in
    raw, label = protocol(b)
    chain: list[str] = []
    if edge:
        b.edge_node = b.c.add(edge, edge, _short(edge), b.cloud(), b.key(b.choices("edge")[0]), role="edge")
        chain.append(b.edge_node)
    for d in api:
        node = b.c.add(d["choice"], d["choice"], _short(d["choice"]), b.region(), b.key(d), role="api")
        chain.append(node)
        b.regional_front.append(node)
    for d in lb:
        node = load_balancer(b, d)
        chain.append(node)
        b.regional_front.append(node)
    static = flag(get(b.workload, "entry", "static_content"))
    has_app = bool(b.apps[1] or b.choices("compute"))
    serves_static_only = edge == "cloudfront" and (static or private) and not (api or lb or has_app)
    needs_app = has_app or (bool(chain) and not serves_static_only)
    if not chain and not needs_app and not identity and not private and not b.choices("dns-routing") \
            and not protection:
        return
    calls_in = raw != "none"
    forwards = b.key((api or lb or b.choices("edge"))[0]) if chain else None  # what forwards to the application
    apps = b.front_apps() if b.apps[1] else (b.app_nodes(because=forwards) if needs_app and calls_in and chain
                                             else [])
    reachable = [a for a in apps if not b.in_vpc(a) or b.c.service_of(a) == "lambda" or b.internal_users()]
    if not (chain or identity or private or protection or (needs_app and calls_in and reachable)):
        return  # nobody reaches anything: no users to draw
    users = b.users()
    previous = arrival(b, users)
    side = accelerated_api(b, chain)
    for node in chain:
        b.c.link(previous, node, label)
        previous = node
    if side:  # API Gateway beside the accelerator, reaching the load balancer over a VPC link
        api_node, lb_node = side
        b.c.link(arrival(b, users), api_node, label)
        b.c.link(api_node, lb_node, "private integration (VPC link)")
    b.entry = chain[0] if chain else None
    if needs_app and calls_in and (chain or workload_has_users):
        api_node = next((node for node in chain if b.c.service_of(node) in ("api-gateway", "appsync")), None)
        for target in b.front_apps(because=forwards):
            if previous == users and b.in_vpc(target) and b.c.service_of(target) != "lambda":
                continue  # nothing reaches servers in private subnets from outside without a front door
            source = previous
            if api_node and b.tier_of.get(target) is not None and b.c.service_of(target) == "lambda" \
                    and not b.in_vpc(target):
                source = api_node  # a tier of functions is the API's own integration, not the load balancer's
            b.c.link(source, target, label if source in (users, "vpn-gateway") else "")
    for d in protection:
        protect(b, d, raw, chain)
    if edge == "cloudfront" and (static or private):
        origin = b.bucket("static-content", "S3 bucket\nstatic content", role="origin",
                          because=b.key(b.choices("edge")[0]))
        b.c.link(b.edge_node, origin, "static content (OAC)")
    for d in private:
        private_content(b, d)
    for d in identity:
        node = b.c.add("identity", d["choice"], _short(d["choice"]), b.region(), b.key(d), role="identity")
        b.c.link(users, node, "sign-in", "dotted")


def _short(service: str) -> str:
    from .build import short_name
    return short_name(service)


def accelerated_api(b: "Builder", chain: list[str]) -> tuple[str, str] | None:
    """Global Accelerator's endpoints are load balancers and instances, never API Gateway: with both an
    accelerator and an API in front of a load balancer, the accelerator goes straight to the load balancer
    and the API sits beside it, reaching the same load balancer through a VPC link. Takes the API out of
    ``chain`` and returns (API node, load balancer node)."""
    services = {node: b.c.service_of(node) for node in chain}
    api = next((n for n, s in services.items() if s in ("api-gateway", "appsync")), None)
    lb = next((n for n, s in services.items() if s in ("alb", "nlb")), None)
    if "global-accelerator" not in services.values() or api is None or lb is None:
        return None
    chain.remove(api)
    return api, lb


def arrival(b: "Builder", users: str) -> str:
    """Where the users' requests enter: from the internet, or over the hybrid link for internal users."""
    if b.internal_users() and not b.choices("edge"):
        from .hybrid import link_gateway
        gateway = link_gateway(b)  # the site's router, the link and the VPC's gateway
        b.c.link(users, "customer-gateway", "corporate network")
        return gateway
    return users


def load_balancer(b: "Builder", d: dict) -> str:
    """An ALB or NLB spans a subnet in each AZ: public subnets behind an internet gateway when it faces
    the internet, the app subnets when it is internal."""
    public = internet_facing(b)
    spans = b.subnets(1, "public" if public else "app")
    scheme = "internet-facing" if public else "internal"
    node = b.c.add("load-balancer", d["choice"], f"{_short(d['choice'])}\n({scheme})", b.vpc(), b.key(d),
                   role=scheme, spans=spans)
    if public:
        b.igw(b.key(d))
    return node


def protect(b: "Builder", d: dict, raw_protocol: str, chain: list[str]) -> None:
    """A web ACL attaches to CloudFront, else to the regional front (API Gateway, ALB); Shield Advanced
    on a TCP/UDP front protects the accelerator, the NLB or the Elastic IPs; a network ACL guards the
    subnets of the tier it filters."""
    key, choice = b.key(d), d["choice"]
    services = {node: b.c.service_of(node) for node in chain}
    if choice == "nacl":
        node = b.c.add("nacl", "nacl", "Network ACL\n(subnet firewall)", b.vpc(), key, role="firewall",
                       spans=b.subnets(1, "public" if services and "nlb" in services.values() else "app"))
        for target in [n for n, s in services.items() if s in ("alb", "nlb")] or b.front_apps(because=key):
            b.c.link(node, target, "filters", "dotted", "protects")
        return
    layer4 = raw_protocol in ("tcp", "udp")
    web = [n for n, s in services.items() if s in ("cloudfront", "alb", "api-gateway", "appsync")]
    if choice == "waf-and-shield-advanced" and (layer4 or not web):
        targets = [n for n, s in services.items() if s in ("global-accelerator", "cloudfront", "nlb", "alb")]
        node = b.c.add("waf", choice, f"AWS Shield Advanced\n({raw_protocol.upper()}: no WAF)"
                       if layer4 else "AWS Shield Advanced", b.cloud() if b.edge_node else b.region(), key,
                       role="shield")
    elif choice == "shield-standard":
        targets = [n for n, s in services.items() if s in ("global-accelerator", "cloudfront", "nlb", "alb")]
        node = b.c.add("waf", choice, _short(choice), b.cloud() if b.edge_node else b.region(), key, role="shield")
    else:
        targets = web[:1] or alb_behind_nlb(b, key, chain)
        group = b.cloud() if targets and services.get(targets[0]) == "cloudfront" else b.region()
        node = b.c.add("waf", choice, _short(choice), group, key, role="web-acl")
    for target in targets[:1]:
        b.c.link(node, target, "protects", "dotted", "protects")


def alb_behind_nlb(b: "Builder", key: str, chain: list[str]) -> list[str]:
    """A web ACL cannot attach to an NLB: an NLB whose traffic WAF must filter forwards to an internal ALB
    (an ALB-type target group), and the web ACL attaches to that ALB."""
    nlb = next((node for node in chain if b.c.service_of(node) == "nlb"), None)
    if nlb is None:
        return []
    alb = b.c.add("alb-behind-nlb", "alb", "Application Load Balancer\n(internal, NLB target)", b.vpc(),
                  role="internal", spans=b.subnets(1, "app"), because=key)
    for link in [l for l in b.c.links.values() if l.source == nlb and l.kind == "request"]:
        del b.c.links[(link.source, link.target, link.label)]
        b.c.link(alb, link.target, link.label)
    b.c.link(nlb, alb, "ALB-type target group")
    if nlb in b.regional_front:
        b.regional_front.insert(b.regional_front.index(nlb) + 1, alb)
    return [alb]


def private_content(b: "Builder", d: dict) -> None:
    text = ANNOTATIONS[("private-content", d["choice"])]
    if d["choice"].startswith("cloudfront"):
        if b.edge_node is None or b.c.service_of(b.edge_node) != "cloudfront":
            node = b.c.add("cloudfront", "cloudfront", "CloudFront", b.cloud(), role="edge", because=b.key(d))
            b.c.link(b.users(), node, "HTTPS")
            b.c.link(node, b.bucket("private-content", "S3 bucket\nprivate content", role="origin",
                                    because=b.key(d)), "origin (OAC)")
            b.edge_node = b.edge_node or node
        else:
            node = b.edge_node
        b.c.annotate(node, b.key(d), text)
    else:
        bucket = b.bucket("private-content", "S3 bucket\nprivate content", role="origin", because=b.key(d))
        b.c.annotate(bucket, b.key(d), text)
        b.c.link(b.users(), bucket, "presigned URL (HTTPS)", "dotted")


@draws("dns-routing", stage=90)
def dns(b: "Builder") -> None:
    """Route 53 when a routing policy was decided or two regions serve traffic."""
    from .build import get

    routing = b.choices("dns-routing")
    dr = b.choice("dr-strategy")
    serves_from_two = dr in ("pilot-light", "warm-standby", "multi-site-active-active")
    if not routing and (not serves_from_two or get(b.workload, "entry", "protocol") == "none"):
        return  # nothing calls a system whose entry is none: no name for clients to resolve
    policy = routing[0]["choice"] if routing else ("latency" if dr == "multi-site-active-active" else "failover")
    automatic = policy == "failover" and get(b.workload, "availability", "failover") != "manual"
    label = f"Route 53\n{ANNOTATIONS[('dns-routing', policy)]}"
    node = b.c.add("route53", "route53", label, b.cloud(), b.key(routing[0]) if routing else None,
                   role="health-checked-failover" if automatic else "dns",
                   because=None if routing else b.first_key("dr-strategy"))
    b.c.link(b.users(), node, "DNS query", "dotted", "dns")
    if b.edge_node:
        b.c.link(node, b.edge_node, "alias", "dotted", "dns")
        return
    target = reachable_entry(b, 1)
    if target:
        b.c.link(node, target, f"{policy}: primary" if serves_from_two else "alias", "dotted", "dns")


def reachable_entry(b: "Builder", n: int) -> str | None:
    """What a DNS record of region ``n`` can answer with: its regional front, or an application outside
    any VPC; never an instance in a private subnet (nothing would route the clients to it)."""
    prefix = "" if n == 1 else f"r{n}-"
    if b.regional_front:
        return prefix + b.regional_front[0]
    apps = [app for app in b.apps[n] if b.tier_of.get(app) in b.front_tiers()] or b.apps[n]
    return apps[0] if apps and not b.in_vpc(apps[0]) else None
