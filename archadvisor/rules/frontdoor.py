"""Front door: who calls in and through what, and the load balancer.

This module holds the sources and the functions that decide which front-door concerns a workload
raises (load balancer here; edge, DNS routing, API, web protection, private content and end-user
identity in their own modules), read through the recording accessor.

Sources: the notes sections "Elastic Load Balancers (ELB)", "Cloudfront", "AWS Global Accelerator",
"Route53 Routing Policies", "API Gateway", "AWS AppSync", "Web Application Firewall (WAF)", "NACL",
"S3 Pre-signed URLs" and "Amazon Cognito", and the AWS documentation pages cited per rule.
"""
from __future__ import annotations

from ..engine.context import Context
from ..engine.model import Concern, Eliminate, Select, Subject, Warn
from .common import SERVER_COMPUTE, any_channel, app_runs_on, clients_call, nothing_calls_in

# -- sources -------------------------------------------------------------------
N_ELB = "notes: Elastic Load Balancers (ELB)"
N_ALB = "notes: Application Load Balancer"
N_NLB = "notes: Network Load Balancer"
N_LB_CHOOSE = "notes: How to choose?"
N_LB_FEATURES = "notes: ELB Advanced Features"
N_CLOUDFRONT = "notes: Cloudfront"
N_CF_DISTRIBUTIONS = "notes: Cloudfront distributions"
N_ACCELERATOR = "notes: AWS Global Accelerator"
N_ROUTING = "notes: Route53 Routing Policies"
N_API_GATEWAY = "notes: API Gateway"
N_LAMBDA = "notes: Lambda"
NLB_ALB_TARGET_DOC = ("https://docs.aws.amazon.com/elasticloadbalancing/latest/network/"
                      "application-load-balancer-target.html")
CLOUDFRONT_GEO_DOC = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/"
                      "georestrictions.html")
ALB_LAMBDA_DOC = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html"
ACCELERATOR_ENDPOINTS_DOC = ("https://docs.aws.amazon.com/global-accelerator/latest/dg/"
                             "about-endpoints-caveats.html")
N_THROTTLING = "notes: Throttling"
N_APPSYNC = "notes: AWS AppSync"
N_GRAPHQL = "notes: GraphQL"
N_WAF = "notes: Web Application Firewall (WAF)"
N_WAF_CAPABILITIES = "notes: WAF Protection Capabilities"
N_NACL = "notes: NACL"
N_PRESIGNED = "notes: S3 Pre-signed URLs"
N_COGNITO = "notes: Amazon Cognito"
N_DIRECTORY = "notes: AWS Directory Service"

ALB_DOC = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/introduction.html"
NLB_DOC = "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/introduction.html"
PRIVATELINK_SERVICE_DOC = "https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html"
CLOUDFRONT_DOC = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/Introduction.html"
ACCELERATOR_DOC = "https://docs.aws.amazon.com/global-accelerator/latest/dg/what-is-global-accelerator.html"
ROUTING_DOC = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy.html"
DR_WHITEPAPER = ("https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/"
                 "disaster-recovery-options-in-the-cloud.html")
THROTTLING_DOC = "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html"
WEBSOCKET_DOC = "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api.html"
API_LIMITS_DOC = "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html"
APPSYNC_DOC = "https://docs.aws.amazon.com/appsync/latest/devguide/what-is-appsync.html"
WAF_DOC = "https://docs.aws.amazon.com/waf/latest/developerguide/waf-chapter.html"
SHIELD_STANDARD_DOC = "https://docs.aws.amazon.com/waf/latest/developerguide/ddos-standard-summary.html"
SHIELD_DOC = "https://docs.aws.amazon.com/waf/latest/developerguide/ddos-advanced-summary-protected-resources.html"
NACL_DOC = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html"
SIGNED_CHOICE_DOC = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/"
                     "private-content-choosing-signed-urls-cookies.html")
PRESIGNED_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/ShareObjectPreSignedURL.html"
COGNITO_DOC = "https://docs.aws.amazon.com/cognito/latest/developerguide/what-is-amazon-cognito.html"
IDENTITY_CENTER_DOC = "https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html"
ROUTING_CONTROL_DOC = "https://docs.aws.amazon.com/r53recovery/latest/dg/routing-control.html"
ORIGIN_FAILOVER_DOC = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/"
                       "high_availability_origin_failover.html")
TRAFFIC_DIAL_DOC = ("https://docs.aws.amazon.com/global-accelerator/latest/dg/"
                    "about-endpoint-groups-traffic-dial.html")
LB_SCHEME_DOC = ("https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/"
                 "how-elastic-load-balancing-works.html#load-balancer-scheme")

LAYER4 = ("tcp", "udp")
# Regional failover faster than this takes Global Accelerator: DNS failover waits for the health checks and
# then for resolvers' caches to honour the record's TTL (see edge.accelerator-fast-failover).
FAST_FAILOVER = "1m"
WAF_THREATS = ("sql-injection", "xss", "geo-blocking", "bad-ips")  # what a WAF web ACL filters
SIGN_IN = ("app-users", "social", "corporate-sso")


def runs_as_functions(c: Context) -> bool:
    """Read in a rule: the code clients call runs as Lambda functions (recorded as evidence, as every read is)."""
    return app_runs_on(c, "lambda", every=True)


# -- who raises what -----------------------------------------------------------
# Every function here reads through the accessor: the reads become the decision's ``raised_by``.
WHOLE = [Subject(None)]


def _serverless(c: Context) -> bool:
    """The code runs as functions (Lambda): no load balancer in front of it. The compute decision, made
    first (a 'serverless' style whose 20-minute tasks went to Fargate is not functions). With compute tiers,
    every tier clients call."""
    return app_runs_on(c, "lambda", every=True)


def _privatelink(c: Context) -> bool:
    """The service is offered to other VPCs over PrivateLink, whose endpoint service is fronted by an NLB."""
    return c.ge("network.shared_with_vpcs", 1)


def internal_over_link(c: Context) -> bool:
    """Internal users who reach the system over the hybrid link (Direct Connect or VPN), not the internet."""
    return c.eq("users.audience", "internal") and c.present("hybrid.link")


def _load_balancer_raised(c: Context) -> list[Subject]:
    if nothing_calls_in(c):
        return []
    if c.one_of("entry.protocol", *LAYER4):
        return WHOLE                      # a layer-4 front door always needs a load balancer or endpoints
    if _serverless(c):
        # API Gateway fronts functions, except over PrivateLink or at fixed IPs (see _functions_behind_a_load_balancer)
        return WHOLE if _functions_behind_a_load_balancer(c) else []
    if _privatelink(c):
        return WHOLE                      # a PrivateLink endpoint service is fronted by an NLB
    lb_features = c.true("entry.path_routing") or c.true("entry.static_ips") or c.true("entry.extreme_performance")
    if lb_features and not c.one_of("entry.api", "rest", "graphql"):
        return WHOLE
    front_door = lb_features or clients_call(c)
    return WHOLE if front_door and app_runs_on(c, *SERVER_COMPUTE) else []


def _functions_behind_a_load_balancer(c: Context) -> bool:
    """Functions reached through a load balancer rather than API Gateway: over PrivateLink (an NLB, with
    an ALB-type target group) or at fixed IPs (an ALB behind Global Accelerator)."""
    return _privatelink(c) or _functions_behind_alb(c)


def _functions_behind_alb(c: Context) -> bool:
    """Functions that clients reach at fixed IPs: Global Accelerator's endpoints are load balancers,
    instances and Elastic IPs, and of those only an ALB sends requests to Lambda."""
    # An ALB does not pass WebSocket connections to Lambda targets, so WebSocket stays on API Gateway.
    return (c.true("entry.static_ips") and not c.one_of("entry.api", "rest", "graphql")
            and not c.one_of("entry.protocol", *LAYER4, "websocket"))


def edge_raised(c: Context) -> list[Subject]:
    # CloudFront and Global Accelerator take traffic in from the internet: not for a system nothing calls,
    # nor for internal users who arrive over the hybrid link.
    if nothing_calls_in(c) or internal_over_link(c) or _site_users_only(c):
        return []
    # An attack to absorb is a reason of its own for the edge (the DDoS whitepaper's BP1/BP3), global users or not.
    if (c.one_of("users.geography", "global", "multi-region") or c.true("entry.static_content")
            or c.contains("entry.threats", "ddos")
            or c.eq("entry.private_content", "many-files")
            or (c.true("entry.static_ips") and c.eq("availability.scope", "multi-region"))
            or (_static_ips_with_waf(c) and not _privatelink(c))
            or _static_ips_with_path_routing(c)
            or (fast_regional_failover(c) and clients_call(c))
            or (_serverless(c) and _functions_behind_alb(c))):  # the fixed IPs come from an accelerator
        return WHOLE
    return []


def _site_users_only(c: Context) -> bool:
    """People on the site who only use what the hybrid link gives them (see common.clients_call): nothing of
    theirs crosses the internet to an edge. Peeked, not read: it only keeps the concern from being raised."""
    return (c.peek("users.clients") == ["on-premises"] and c.peek("users.peak_requests") is None
            and c.peek("entry") is None)


def _static_ips_with_path_routing(c: Context) -> bool:
    """Fixed IPs for an HTTP front door that routes by path: only an ALB routes by path, and an ALB has no
    fixed addresses (notes: "ELBs do not have predefined IPv4 addresses"), so they come from Global
    Accelerator in front of it (its two static anycast IPs), even for users in one region."""
    return (c.true("entry.static_ips") and c.true("entry.path_routing")
            and not c.one_of("entry.protocol", *LAYER4))


def fast_regional_failover(c: Context) -> bool:
    """Regional failover faster than DNS allows (see edge.accelerator-fast-failover): Global Accelerator moves
    users in seconds, without waiting for resolvers' caches, wherever the users are."""
    return (c.eq("availability.scope", "multi-region") and c.lt("availability.rto", FAST_FAILOVER)
            and not c.eq("availability.failover", "manual"))


def _static_ips_with_waf(c: Context) -> bool:
    """Fixed IPs for an HTTP front door that AWS WAF must also filter: WAF attaches to an ALB, not to an
    NLB, so the fixed addresses come from Global Accelerator in front of the ALB (unless the service is
    also offered over PrivateLink, which needs an NLB: see load-balancer.alb-behind-accelerator-for-waf)."""
    return (c.true("entry.static_ips") and not c.one_of("entry.protocol", *LAYER4)
            and c.contains_any("entry.threats", *WAF_THREATS))


def dns_raised(c: Context) -> list[Subject]:
    if nothing_calls_in(c):
        return []
    if c.present("users.routing") or c.true("users.data_residency") or c.eq("availability.scope", "multi-region"):
        return WHOLE
    return []


def api_raised(c: Context) -> list[Subject]:
    if nothing_calls_in(c):
        return []                         # functions that consume a stream or react to events have no API
    if (c.one_of("entry.api", "rest", "graphql") or c.eq("entry.protocol", "graphql")
            or (c.true("entry.request_throttling") and not web_site_throttling(c))):
        return WHOLE
    # Functions called by clients need a front door, and no load balancer is raised for them (see
    # _load_balancer_raised): an HTTP or WebSocket entry, or users who call in, is reached through an API.
    if (_serverless(c) and c.one_of("entry.protocol", "http", "websocket") and clients_call(c)
            and not _functions_behind_a_load_balancer(c)):
        return WHOLE
    return []


def web_site_throttling(c: Context) -> bool:
    """Per-client rate limits on a web site rather than an API: browsers (API keys are for programs) reaching
    servers, with no API asked for (entry.api none, or not given). A WAF rate-based rule limits each client IP
    there; an API Gateway usage plan would need keys the browsers do not send."""
    if c.one_of("entry.api", "rest", "graphql"):
        return False
    if c.eq("entry.api", "none"):
        return True
    if c.given("users.clients"):
        return c.eq("users.clients", ["browser"]) and not _serverless(c)
    return c.one_of("compute.style", "vms", "containers")  # a site on servers, no API and no API clients named


def threats_raised(c: Context) -> list[Subject]:
    if nothing_calls_in(c):
        return []
    if c.present("entry.threats"):
        # countries to block on a TCP or UDP front door are Network Firewall's (traffic-inspection), not WAF's
        threats = c.value("entry.threats") or []
        if not (c.one_of("entry.protocol", *LAYER4) and set(threats) <= {"geo-blocking"}):
            return WHOLE
    return WHOLE if c.true("entry.request_throttling") and web_site_throttling(c) else []


def private_content_raised(c: Context) -> list[Subject]:
    if nothing_calls_in(c):
        return []
    return WHOLE if c.one_of("entry.private_content", "single-files", "many-files") else []


def signs_in_with(c: Context, *methods: str) -> bool:
    """Users sign in with one of ``methods``, by users.sign_in or among users.sign_in_methods (read in that
    order, so the single field stays the evidence when it answers)."""
    if c.peek("users.sign_in_methods") is None:  # the list is not given: read what a workload without it reads
        return c.one_of("users.sign_in", *methods)
    return c.one_of("users.sign_in", *methods) or c.contains_any("users.sign_in_methods", *methods)


def only_corporate_sign_in(c: Context) -> bool:
    """Employees of a corporate directory are the only ones who sign in: corporate-sso, and no customers'
    accounts or social providers beside it."""
    return signs_in_with(c, "corporate-sso") and not signs_in_with(c, "app-users", "social")


def several_sign_in_methods(c: Context) -> bool:
    """Two or more distinct methods between users.sign_in and users.sign_in_methods."""
    methods = set(c.peek("users.sign_in_methods") or [])  # the rule's own reads are its evidence
    single = c.peek("users.sign_in")
    if single in SIGN_IN:
        methods.add(single)
    return len(methods & set(SIGN_IN)) >= 2


def identity_raised(c: Context) -> list[Subject]:
    # With nothing calling in there are no callers to sign in; devices may still call AWS directly.
    if not nothing_calls_in(c) and signs_in_with(c, *SIGN_IN):
        return WHOLE
    return WHOLE if c.true("users.direct_aws_access") else []


def asks_graphql(c: Context) -> bool:
    return c.eq("entry.api", "graphql") or c.eq("entry.protocol", "graphql")


# -- load-balancer ---------------------------------------------------------------
LOAD_BALANCER = Concern(
    id="load-balancer",
    title="Load balancer",
    question="Which Elastic Load Balancing type should spread the requests over the compute?",
    subject_kind="none",
    choices=("alb", "nlb"),
    raised=_load_balancer_raised,
    depends_on=("compute",),
    rules=(
        Eliminate(
            id="load-balancer.alb-is-layer-7",
            title="An ALB only speaks HTTP(S), gRPC and WebSocket",
            rationale=("The Application Load Balancer works at layer 7: it terminates HTTP(S) and routes requests. "
                       "Raw TCP or UDP traffic needs the layer-4 Network Load Balancer."),
            sources=(N_ALB, N_LB_CHOOSE, ALB_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.one_of("entry.protocol", *LAYER4),
            reason="protocol is {entry.protocol}: an ALB balances HTTP(S) requests at layer 7 and cannot carry it",
            choices=("alb",),
        ),
        Eliminate(
            id="load-balancer.nlb-cannot-route-paths",
            title="An NLB cannot route by URL path or host name",
            rationale=("The Network Load Balancer forwards connections by port at layer 4 and never looks inside "
                       "the HTTP request, so path- and host-based routing need an ALB."),
            sources=(N_LB_FEATURES, N_NLB, NLB_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.true("entry.path_routing") and not c.one_of("entry.protocol", *LAYER4),
            reason=("path_routing is true: an NLB forwards TCP connections by port and cannot send /api and /images "
                    "to different target groups"),
            choices=("nlb",),
        ),
        Select(
            id="load-balancer.nlb-layer-4",
            title="TCP or UDP traffic: Network Load Balancer",
            rationale=("NLB balances TCP and UDP at layer 4 with very low latency; an ALB only understands "
                       "HTTP(S)."),
            sources=(N_NLB, N_LB_CHOOSE, NLB_DOC),
            pillars=("performance-efficiency", "reliability"),
            when=lambda c, t: c.one_of("entry.protocol", *LAYER4),
            reason="protocol is {entry.protocol}: a Network Load Balancer balances it at layer 4",
            choice="nlb",
        ),
        Select(
            id="load-balancer.alb-path-routing",
            title="Routing by path or host: Application Load Balancer",
            rationale=("ALB listener rules route by URL path, host name, headers or query string to different "
                       "target groups (microservices, containers), which a layer-4 balancer cannot do."),
            sources=(N_ALB, N_LB_FEATURES, ALB_DOC),
            pillars=("performance-efficiency", "operational-excellence"),
            when=lambda c, t: c.true("entry.path_routing"),
            reason=("path_routing is true over {entry.protocol}: ALB listener rules send each path or host to its "
                    "own target group"),
            choice="alb",
        ),
        Select(
            id="load-balancer.alb-behind-accelerator",
            title="Fixed IPs for distant users: Global Accelerator in front of an ALB",
            rationale=("When users are spread over several regions, Global Accelerator supplies two static anycast "
                       "IPs and forwards to the load balancer, so an HTTP application keeps the ALB's layer-7 "
                       "features instead of falling back to an NLB for its fixed addresses."),
            sources=(N_ACCELERATOR, ACCELERATOR_DOC, ALB_DOC),
            pillars=("performance-efficiency", "reliability"),
            when=lambda c, t: c.true("entry.static_ips") and c.one_of("users.geography", "global", "multi-region"),
            reason=("static_ips is true for {users.geography} users: Global Accelerator's static anycast IPs front "
                    "the load balancer, so it stays an ALB"),
            choice="alb",
        ),
        Select(
            id="load-balancer.alb-behind-accelerator-for-waf",
            title="Fixed IPs and layer-7 filtering: Global Accelerator in front of an ALB",
            rationale=("AWS WAF attaches to an ALB, CloudFront, API Gateway or AppSync, never to an NLB. When an "
                       "HTTP front door needs both allow-listable fixed IPs and WAF rules, the load balancer stays "
                       "an ALB (carrying the web ACL) and Global Accelerator supplies two static anycast IPs in "
                       "front of it."),
            sources=(N_ACCELERATOR, ACCELERATOR_DOC, WAF_DOC),
            pillars=("security", "reliability"),
            when=lambda c, t: (c.true("entry.static_ips") and not c.one_of("entry.protocol", *LAYER4)
                               and c.contains_any("entry.threats", *WAF_THREATS)
                               and not c.ge("network.shared_with_vpcs", 1)),  # PrivateLink needs an NLB
            reason=("static_ips is true and threats are {entry.threats}: WAF cannot attach to an NLB, so the ALB "
                    "keeps the web ACL and Global Accelerator's static anycast IPs give the fixed addresses"),
            choice="alb",
        ),
        Select(
            id="load-balancer.alb-for-functions",
            title="Functions at fixed IPs: an ALB with Lambda targets behind Global Accelerator",
            rationale=("Lambda functions can be targets of an ALB, never of an NLB; Global Accelerator, which "
                       "gives the fixed anycast IPs, sends to load balancers, instances and Elastic IPs, not to API "
                       "Gateway. So the functions sit behind an ALB, and the accelerator in front of it."),
            sources=(ALB_LAMBDA_DOC, ACCELERATOR_ENDPOINTS_DOC),
            pillars=("reliability", "performance-efficiency"),
            when=lambda c, t: (runs_as_functions(c) and c.true("entry.static_ips")
                               and not c.eq("entry.protocol", "websocket")
                               and not c.ge("network.shared_with_vpcs", 1)),  # PrivateLink needs an NLB
            reason=("compute is {decision.compute} and static_ips is true: an ALB sends requests to the functions, "
                    "and Global Accelerator's static IPs front it (an NLB cannot target Lambda)"),
            choice="alb",
        ),
        Select(
            id="load-balancer.nlb-static-ips",
            title="Fixed IP addresses: Network Load Balancer",
            rationale=("An NLB gets one static IP address (or your Elastic IP) per Availability Zone, which clients "
                       "can allow-list; an ALB is reached only through a DNS name whose addresses change."),
            sources=(N_ELB, N_LB_CHOOSE, NLB_DOC),
            pillars=("reliability", "security"),
            when=lambda c, t: c.true("entry.static_ips"),
            reason="static_ips is true: an NLB has one fixed (Elastic) IP address per Availability Zone to allow-list",
            choice="nlb",
        ),
        Select(
            id="load-balancer.nlb-extreme-performance",
            title="Millions of requests per second at ultra-low latency: Network Load Balancer",
            rationale=("NLB handles millions of requests per second with very low latency and absorbs sudden "
                       "spikes without pre-warming, because it does no layer-7 processing."),
            sources=(N_NLB, N_LB_CHOOSE, NLB_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.true("entry.extreme_performance"),
            reason="extreme_performance is true: an NLB passes connections through at layer 4 with the lowest latency",
            choice="nlb",
        ),
        Select(
            id="load-balancer.nlb-privatelink-front",
            title="A service offered to other VPCs over PrivateLink sits behind an NLB",
            rationale=("An endpoint service (AWS PrivateLink) must be fronted by a Network Load Balancer (or a "
                       "Gateway Load Balancer for appliances); an ALB can only sit behind that NLB as a target."),
            sources=(PRIVATELINK_SERVICE_DOC, "notes: AWS PrivateLink"),
            pillars=("security", "reliability"),
            thresholds={"consumers": "1"},
            when=lambda c, t: c.ge("network.shared_with_vpcs", int(t.consumers)),
            reason=("shared_with_vpcs is {network.shared_with_vpcs}: a PrivateLink endpoint service needs a Network "
                    "Load Balancer in front"),
            choice="nlb",
        ),
        Select(
            id="load-balancer.alb-containers",
            title="Containers behind the front door: Application Load Balancer",
            rationale=("ALB integrates with ECS and EKS: tasks register as IP targets or with dynamic host ports, "
                       "so many containers of one service share instances and each service gets its own target "
                       "group and listener rule."),
            sources=(N_ALB, ALB_DOC),
            pillars=("performance-efficiency", "operational-excellence"),
            when=lambda c, t: (c.eq("compute.style", "containers")
                               or app_runs_on(c, "fargate", "ecs-on-ec2", "eks")),
            reason=("the services run in containers (style: {compute.style}): an ALB routes to each task's IP "
                    "address or dynamic port, one target group per service"),
            choice="alb",
        ),
        Select(
            id="load-balancer.alb-http",
            title="HTTP(S) and WebSocket applications: Application Load Balancer",
            rationale=("ALB is the layer-7 balancer for web applications: it terminates TLS (with SNI for many "
                       "certificates), supports WebSockets and HTTP/2, routes to instances, IP addresses, "
                       "containers (dynamic ports) and Lambda functions, and is where AWS WAF attaches."),
            sources=(N_ALB, N_LB_CHOOSE, ALB_DOC),
            pillars=("performance-efficiency", "security"),
            reason="protocol is {entry.protocol}: an Application Load Balancer balances HTTP(S) requests at layer 7",
            choice="alb",
        ),
        Warn(
            id="load-balancer.alb-needs-two-azs",
            title="An ALB is created in at least two Availability Zones",
            rationale=("An Application Load Balancer needs subnets in at least two AZs, even when its targets run "
                       "in one; the second subnet costs nothing until targets are placed there."),
            sources=("https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html",),
            pillars=("reliability",),
            when=lambda c, t: c.eq("availability.scope", "single-az"),
            reason=("scope is single-az, but an ALB must be given subnets in two AZs: add a second (empty) public "
                    "subnet in another AZ"),
            choices=("alb",),
        ),
        Warn(
            id="load-balancer.nlb-cannot-target-lambda",
            title="An NLB cannot send traffic to Lambda",
            rationale=("NLB targets are instances, IP addresses or an ALB; Lambda functions are ALB targets only. "
                       "Raw TCP/UDP clients need compute that listens on a socket; MQTT devices are usually "
                       "connected through AWS IoT Core, whose rules invoke Lambda."),
            sources=("https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-target-groups.html",
                     "https://docs.aws.amazon.com/iot/latest/developerguide/iot-rule-actions.html"),
            pillars=("performance-efficiency",),
            when=lambda c, t: runs_as_functions(c) and c.one_of("entry.protocol", *LAYER4),
            reason=("compute is Lambda but protocol is {entry.protocol}: an NLB cannot target functions; run the "
                    "TCP/UDP listener on containers or EC2, or connect MQTT devices through AWS IoT Core"),
            choices=("nlb",),
        ),
        Warn(
            id="load-balancer.nlb-to-functions-through-an-alb",
            title="An NLB reaches Lambda through an ALB",
            rationale=("NLB targets are instances, IP addresses or an ALB, and an ALB can target Lambda functions: "
                       "an NLB that must front functions (for PrivateLink, say) forwards to an ALB-type target "
                       "group whose ALB invokes them."),
            sources=(NLB_ALB_TARGET_DOC, ALB_LAMBDA_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: runs_as_functions(c) and not c.one_of("entry.protocol",
                                                                                             *LAYER4),
            reason=("compute is Lambda behind an NLB over {entry.protocol}: point the NLB at an ALB-type target group "
                    "and give that ALB the functions as targets"),
            choices=("nlb",),
        ),
        Warn(
            id="load-balancer.mqtt-devices-iot-core",
            title="Devices on a TCP connection: AWS IoT Core is the managed alternative",
            rationale=("An NLB in front of your own listeners means running and scaling the device protocol "
                       "(usually an MQTT broker) yourself. AWS IoT Core is a managed MQTT/HTTPS endpoint that "
                       "authenticates each device with its own X.509 certificate, scales to millions of "
                       "connections and routes messages with rules to Kinesis, Lambda, Timestream or S3."),
            sources=("notes: IoT Core", "https://docs.aws.amazon.com/iot/latest/developerguide/iot-rule-actions.html"),
            pillars=("operational-excellence", "security"),
            when=lambda c, t: (c.contains("users.clients", "iot-device") and c.eq("entry.protocol", "tcp")
                               and not runs_as_functions(c)  # that case has its own warning
                               # an MQTT channel already goes through IoT Core (rule messaging.devices-publish-to-iot-core)
                               and not any_channel(c, lambda channel: channel.eq("this.existing_protocol", "mqtt"))),
            reason=("clients include iot-device over tcp: the NLB needs your own device listeners (an MQTT broker) "
                    "behind it; AWS IoT Core is the managed endpoint with per-device certificates and rules to "
                    "Kinesis or Lambda"),
            choices=("nlb",),
        ),
        Warn(
            id="load-balancer.alb-has-no-static-ip",
            title="An ALB has no fixed IP addresses",
            rationale=("ALB addresses change as it scales; when clients must allow-list IPs, put AWS Global "
                       "Accelerator (two static anycast IPs) in front of the ALB, or an NLB with the ALB as target."),
            sources=(N_ELB, ACCELERATOR_DOC),
            pillars=("reliability",),
            when=lambda c, t: (c.true("entry.static_ips")
                               and not c.one_of("users.geography", "global", "multi-region")
                               # the fixed IPs then come from Global Accelerator (see alb-behind-accelerator-for-waf
                               # and alb-for-functions)
                               and not c.contains_any("entry.threats", *WAF_THREATS)
                               # Global Accelerator fronts it then (see _static_ips_with_path_routing), unless
                               # the users come over the hybrid link, where no edge service is raised
                               and not (_static_ips_with_path_routing(c) and not internal_over_link(c))
                               and not runs_as_functions(c)),
            reason=("static_ips is true but an ALB's addresses change: front it with Global Accelerator's static "
                    "anycast IPs (or an NLB with an ALB-type target group)"),
            choices=("alb",),
        ),
        Warn(
            id="load-balancer.nlb-cannot-route-paths-on-layer-4",
            title="Path routing was asked for over a layer-4 protocol",
            rationale="URL paths exist only in HTTP; a TCP/UDP front door cannot route by them.",
            sources=(N_LB_FEATURES, NLB_DOC),
            pillars=("operational-excellence",),
            when=lambda c, t: c.true("entry.path_routing"),
            reason=("path_routing is true but protocol is {entry.protocol}: an NLB routes by port only, so route by "
                    "port or put an ALB behind it for the HTTP part"),
            choices=("nlb",),
        ),
        Warn(
            id="load-balancer.waf-cannot-attach-to-nlb",
            title="AWS WAF cannot be attached to an NLB",
            rationale=("WAF web ACLs attach to CloudFront, ALB, API Gateway and AppSync; layer-7 attacks on an NLB "
                       "front door need CloudFront (or an ALB) in front to be filtered."),
            sources=(N_WAF, WAF_DOC),
            pillars=("security",),
            when=lambda c, t: c.contains_any("entry.threats", "sql-injection", "xss", "geo-blocking"),
            reason=("threats are {entry.threats} but the front door is an NLB, to which AWS WAF cannot attach: put "
                    "CloudFront in front, or give the NLB an ALB-type target group and attach the web ACL to "
                    "that ALB"),
            choices=("nlb",),
        ),
        Warn(
            id="load-balancer.internal-scheme-over-the-link",
            title="Internal users over the hybrid link reach an internal load balancer",
            rationale=("An internal load balancer has only private IP addresses, in private subnets, and is "
                       "reachable from the VPC and from networks joined to it (Direct Connect, Site-to-Site VPN); an "
                       "internet-facing one would expose an internal application and send its users over the "
                       "internet instead of the link."),
            sources=(LB_SCHEME_DOC, N_ELB),
            pillars=("security",),
            when=lambda c, t: internal_over_link(c),
            reason=("audience is internal and the users' site is linked to the VPC (hybrid.link): make the load "
                    "balancer internal (scheme internal, private subnets), reached over the link and not from the "
                    "internet"),
        ),
    ),
)

CONCERNS = [LOAD_BALANCER]
