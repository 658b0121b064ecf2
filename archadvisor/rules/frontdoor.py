"""Front door: load balancing, edge, DNS routing, managed APIs, web protection,
private content and end-user identity.

Sources: the notes sections "Elastic Load Balancers (ELB)", "Cloudfront",
"AWS Global Accelerator", "Route53 Routing Policies", "API Gateway",
"AWS AppSync", "Web Application Firewall (WAF)", "NACL", "S3 Pre-signed URLs"
and "Amazon Cognito", and the AWS documentation pages cited per rule.
"""
from __future__ import annotations

from ..engine.context import Context
from ..engine.model import Concern, Eliminate, Select, Subject, Warn
from .common import SERVER_COMPUTE, clients_call, nothing_calls_in

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
WAF_THREATS = ("sql-injection", "xss", "geo-blocking", "bad-ips")  # what a WAF web ACL filters
SIGN_IN = ("app-users", "social", "corporate-sso")


def _functions(c: Context) -> bool:
    """Read in a rule: the compute decided is Lambda (recorded as evidence, as every read is)."""
    return c.decided("compute", "lambda", subject=None)


# -- who raises what -----------------------------------------------------------
# Every function here reads through the accessor: the reads become the decision's ``raised_by``.
WHOLE = [Subject(None)]


def _serverless(c: Context) -> bool:
    """The code runs as functions (Lambda): no load balancer in front of it. The compute decision, made
    first (a 'serverless' style whose 20-minute tasks went to Fargate is not functions)."""
    return c.decided("compute", "lambda", subject=None)


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
    return WHOLE if front_door and c.decided("compute", *SERVER_COMPUTE, subject=None) else []


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


def _edge_raised(c: Context) -> list[Subject]:
    # CloudFront and Global Accelerator take traffic in from the internet: not for a system nothing calls,
    # nor for internal users who arrive over the hybrid link.
    if nothing_calls_in(c) or internal_over_link(c):
        return []
    if (c.one_of("users.geography", "global", "multi-region") or c.true("entry.static_content")
            or c.eq("entry.private_content", "many-files")
            or (c.true("entry.static_ips") and c.eq("availability.scope", "multi-region"))
            or (_static_ips_with_waf(c) and not _privatelink(c))
            or (_serverless(c) and _functions_behind_alb(c))):  # the fixed IPs come from an accelerator
        return WHOLE
    return []


def _static_ips_with_waf(c: Context) -> bool:
    """Fixed IPs for an HTTP front door that AWS WAF must also filter: WAF attaches to an ALB, not to an
    NLB, so the fixed addresses come from Global Accelerator in front of the ALB (unless the service is
    also offered over PrivateLink, which needs an NLB: see load-balancer.alb-behind-accelerator-for-waf)."""
    return (c.true("entry.static_ips") and not c.one_of("entry.protocol", *LAYER4)
            and c.contains_any("entry.threats", *WAF_THREATS))


def _dns_raised(c: Context) -> list[Subject]:
    if nothing_calls_in(c):
        return []
    if c.present("users.routing") or c.true("users.data_residency") or c.eq("availability.scope", "multi-region"):
        return WHOLE
    return []


def _api_raised(c: Context) -> list[Subject]:
    if nothing_calls_in(c):
        return []                         # functions that consume a stream or react to events have no API
    if (c.one_of("entry.api", "rest", "graphql") or c.eq("entry.protocol", "graphql")
            or c.true("entry.request_throttling")):
        return WHOLE
    # Functions called by clients need a front door, and no load balancer is raised for them (see
    # _load_balancer_raised): an HTTP or WebSocket entry, or users who call in, is reached through an API.
    if (_serverless(c) and c.one_of("entry.protocol", "http", "websocket") and clients_call(c)
            and not _functions_behind_a_load_balancer(c)):
        return WHOLE
    return []


def _threats_raised(c: Context) -> list[Subject]:
    return WHOLE if not nothing_calls_in(c) and c.present("entry.threats") else []


def _private_content_raised(c: Context) -> list[Subject]:
    if nothing_calls_in(c):
        return []
    return WHOLE if c.one_of("entry.private_content", "single-files", "many-files") else []


def _identity_raised(c: Context) -> list[Subject]:
    # With nothing calling in there are no callers to sign in; devices may still call AWS directly.
    if not nothing_calls_in(c) and c.one_of("users.sign_in", *SIGN_IN):
        return WHOLE
    return WHOLE if c.true("users.direct_aws_access") else []


def _graphql(c: Context) -> bool:
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
            when=lambda c, t: (_functions(c) and c.true("entry.static_ips")
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
                               or c.decided("compute", "fargate", "ecs-on-ec2", "eks")),
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
            when=lambda c, t: _functions(c) and c.one_of("entry.protocol", *LAYER4),
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
            when=lambda c, t: _functions(c) and not c.one_of("entry.protocol",
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
                               and not _functions(c)),  # that case has its own warning
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
                               and not _functions(c)),
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

# -- edge ---------------------------------------------------------------------------
EDGE = Concern(
    id="edge",
    title="Edge network",
    question="Which AWS edge service should carry users' traffic onto the AWS network?",
    subject_kind="none",
    choices=("cloudfront", "global-accelerator"),
    raised=_edge_raised,
    depends_on=("compute", "load-balancer"),
    rules=(
        Eliminate(
            id="edge.cloudfront-is-http-only",
            title="CloudFront carries HTTP(S) and WebSocket only",
            rationale=("CloudFront is a content delivery network for web traffic; TCP or UDP applications (games, "
                       "VoIP, IoT over MQTT) need Global Accelerator to reach AWS at the edge."),
            sources=(N_ACCELERATOR, CLOUDFRONT_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.one_of("entry.protocol", *LAYER4),
            reason="protocol is {entry.protocol}: CloudFront serves HTTP(S) and WebSocket traffic only",
            choices=("cloudfront",),
        ),
        Eliminate(
            id="edge.accelerator-cannot-sign-content",
            title="Global Accelerator cannot restrict content to signed users",
            rationale=("Signed URLs and signed cookies are CloudFront features; Global Accelerator forwards "
                       "connections and neither caches nor checks signatures."),
            sources=(N_CF_DISTRIBUTIONS, SIGNED_CHOICE_DOC),
            pillars=("security",),
            when=lambda c, t: c.one_of("entry.private_content", "single-files", "many-files"),
            reason=("private_content is {entry.private_content}: only CloudFront checks signed URLs or cookies at "
                    "the edge; Global Accelerator just forwards connections"),
            choices=("global-accelerator",),
        ),
        Select(
            id="edge.accelerator-non-http",
            title="TCP or UDP for distant users: Global Accelerator",
            rationale=("Global Accelerator takes TCP and UDP traffic in at the nearest edge location and carries "
                       "it over the AWS backbone to the closest healthy regional endpoint, through two static "
                       "anycast IP addresses."),
            sources=(N_ACCELERATOR, ACCELERATOR_DOC),
            pillars=("performance-efficiency", "reliability"),
            when=lambda c, t: c.one_of("entry.protocol", *LAYER4),
            reason=("protocol is {entry.protocol}: Global Accelerator carries it from the nearest edge over the AWS "
                    "backbone, with static anycast IPs and fast regional failover"),
            choice="global-accelerator",
        ),
        Select(
            id="edge.cloudfront-private-content",
            title="Restricted content: CloudFront with signed URLs or cookies",
            rationale=("CloudFront serves private content only to viewers holding a valid signed URL or cookie, "
                       "and with origin access control the S3 origin can be reached only through CloudFront."),
            sources=(N_CF_DISTRIBUTIONS, "notes: Origin Access Identity (OAI)", SIGNED_CHOICE_DOC),
            pillars=("security", "performance-efficiency"),
            when=lambda c, t: c.one_of("entry.private_content", "single-files", "many-files"),
            reason=("private_content is {entry.private_content}: CloudFront checks signed URLs or cookies at the "
                    "edge and keeps the origin private"),
            choice="cloudfront",
        ),
        Select(
            id="edge.cloudfront-static-content",
            title="Static assets: cache them at the edge with CloudFront",
            rationale=("CloudFront caches images, scripts and video at edge locations near the users, cutting "
                       "latency and the load (and data transfer) on the origin."),
            sources=(N_CLOUDFRONT, CLOUDFRONT_DOC),
            pillars=("performance-efficiency", "cost-optimization"),
            when=lambda c, t: c.true("entry.static_content"),
            reason=("static_content is true (users: {users.geography}): CloudFront caches the assets at edge "
                    "locations near the users"),
            choice="cloudfront",
        ),
        Eliminate(
            id="edge.accelerator-needs-load-balancer-endpoints",
            title="Global Accelerator sends to load balancers, instances and Elastic IPs",
            rationale=("A Global Accelerator endpoint group holds ALBs, NLBs, EC2 instances or Elastic IPs; API "
                       "Gateway and Lambda cannot be endpoints, so functions reached through API Gateway cannot sit "
                       "behind an accelerator."),
            sources=(ACCELERATOR_ENDPOINTS_DOC,),
            pillars=("reliability",),
            when=lambda c, t: _functions(c) and not c.decided(
                "load-balancer", "alb", "nlb", subject=None),
            reason=("compute is {decision.compute} with no load balancer in front: Global Accelerator cannot send "
                    "to API Gateway or Lambda"),
            choices=("global-accelerator",),
        ),
        Select(
            id="edge.accelerator-static-ips",
            title="Fixed entry IPs for users in several regions: Global Accelerator",
            rationale=("Global Accelerator gives two static anycast IP addresses that clients can allow-list, in "
                       "front of ALBs, NLBs or instances in one or more regions; CloudFront's addresses change."),
            sources=(N_ACCELERATOR, ACCELERATOR_DOC),
            pillars=("reliability", "security"),
            when=lambda c, t: c.true("entry.static_ips"),
            reason=("static_ips is true: Global Accelerator's two static anycast IPs stay the same whatever region "
                    "serves the user"),
            choice="global-accelerator",
        ),
        Select(
            id="edge.accelerator-fast-failover",
            title="Sub-minute regional failover: Global Accelerator",
            rationale=("Global Accelerator shifts traffic to a healthy region within seconds without depending on "
                       "DNS caches; DNS-based failover waits for resolvers to honour the record's TTL."),
            sources=(N_ACCELERATOR, ACCELERATOR_DOC),
            pillars=("reliability",),
            thresholds={"rto": "1m"},
            when=lambda c, t: (c.eq("availability.scope", "multi-region") and c.lt("availability.rto", t.rto)
                               and not c.eq("availability.failover", "manual")),
            reason=("scope is multi-region and rto is {availability.rto}, under {t.rto}: Global Accelerator moves "
                    "users to the healthy region in seconds, without waiting for DNS caches"),
            choice="global-accelerator",
        ),
        Select(
            id="edge.cloudfront-web",
            title="Web traffic from distant users: CloudFront",
            rationale=("For HTTP(S) users far from the region, CloudFront terminates connections at the nearest edge "
                       "location, caches what it can and reuses warm connections to the origin for dynamic "
                       "requests."),
            sources=(N_CLOUDFRONT, CLOUDFRONT_DOC),
            pillars=("performance-efficiency",),
            reason=("users are {users.geography} over {entry.protocol}: CloudFront serves them from the nearest edge "
                    "location and caches what it can"),
            choice="cloudfront",
        ),
        Warn(
            id="edge.cloudfront-ips-change",
            title="CloudFront cannot offer fixed IP addresses",
            rationale=("CloudFront's edge addresses are many and change; clients that allow-list IPs need Global "
                       "Accelerator's static anycast addresses for the dynamic part of the traffic."),
            sources=(N_ACCELERATOR, ACCELERATOR_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.true("entry.static_ips") and not _functions(c),
            reason=("static_ips is true, but CloudFront's addresses change: clients that allow-list IPs need a "
                    "Global Accelerator (two static anycast IPs) for the API or dynamic part"),
            choices=("cloudfront",),
        ),
        Warn(
            id="edge.fixed-ips-for-an-api-of-functions",
            title="An API Gateway API of functions has no fixed IP addresses",
            rationale=("Neither CloudFront nor API Gateway has addresses clients can allow-list, and Global "
                       "Accelerator cannot send to API Gateway: fixed IPs for functions mean serving them through "
                       "an ALB (Lambda targets) behind Global Accelerator."),
            sources=(ACCELERATOR_ENDPOINTS_DOC, ALB_LAMBDA_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.true("entry.static_ips") and _functions(c),
            reason=("static_ips is true for functions behind API Gateway (api is {entry.api}): neither it nor "
                    "CloudFront has fixed addresses; for allow-listed IPs serve the functions through an ALB "
                    "behind Global Accelerator instead"),
            choices=("cloudfront",),
        ),
        Warn(
            id="edge.cloudfront-caches-outside-the-jurisdiction",
            title="CloudFront caches at edge locations worldwide",
            rationale=("CloudFront keeps copies of cacheable responses at edge locations close to viewers, in "
                       "whatever country they are; personal data cached there leaves its jurisdiction. Cache only "
                       "content that is not personal, or limit the distribution's price class and geography."),
            sources=(CLOUDFRONT_DOC, CLOUDFRONT_GEO_DOC),
            pillars=("security",),
            when=lambda c, t: c.true("users.data_residency"),
            reason=("data_residency is true: CloudFront caches at edge locations in other countries, so cache only "
                    "non-personal content (static assets) and pass personal responses through uncached"),
            choices=("cloudfront",),
        ),
        Warn(
            id="edge.no-origin-failover-when-manual",
            title="CloudFront origin failover is automatic",
            rationale=("A CloudFront origin group sends requests to its secondary origin by itself when the primary "
                       "returns errors or times out. When failing over to the recovery region is an operator's "
                       "decision, the distribution has one origin whose DNS name (a Route 53 record) the operator "
                       "switches, not an origin group."),
            sources=(ORIGIN_FAILOVER_DOC, ROUTING_CONTROL_DOC),
            pillars=("reliability", "operational-excellence"),
            when=lambda c, t: c.eq("availability.scope", "multi-region") and c.eq("availability.failover", "manual"),
            reason=("failover is manual (scope multi-region): give the distribution no origin group, whose origin "
                    "failover is automatic; its origin is a Route 53 name that an operator moves to the recovery "
                    "region (ARC routing control or a manual record change)"),
            choices=("cloudfront",),
        ),
        Warn(
            id="edge.accelerator-fails-over-by-itself",
            title="Global Accelerator moves traffic away from unhealthy endpoints by itself",
            rationale=("Global Accelerator health-checks its endpoints and stops sending to an unhealthy region "
                       "within seconds. When failover is an operator's decision, the recovery region's endpoint "
                       "group carries no traffic (traffic dial at 0%) until the operator turns it up."),
            sources=(TRAFFIC_DIAL_DOC, ACCELERATOR_DOC),
            pillars=("reliability", "operational-excellence"),
            when=lambda c, t: c.eq("availability.scope", "multi-region") and c.eq("availability.failover", "manual"),
            reason=("failover is manual (scope multi-region), but Global Accelerator shifts users to a healthy "
                    "region on its own: keep the recovery region's traffic dial at 0% and have the operator turn "
                    "it up once the data tier there is promoted"),
            choices=("global-accelerator",),
        ),
        Warn(
            id="edge.accelerator-does-not-cache",
            title="Global Accelerator does not cache",
            rationale=("Global Accelerator only routes connections; static assets still benefit from CloudFront "
                       "caching at the edge."),
            sources=(N_ACCELERATOR, CLOUDFRONT_DOC),
            pillars=("performance-efficiency", "cost-optimization"),
            when=lambda c, t: c.true("entry.static_content"),
            reason=("static_content is true but Global Accelerator does not cache: serve the static assets through "
                    "a CloudFront distribution as well"),
            choices=("global-accelerator",),
        ),
    ),
)

# -- dns-routing --------------------------------------------------------------------
_POLICIES = {
    "simple": ("one record answers every query, with one or more values returned at random",
               "Simple routing returns the record's values (in random order) to every user: no health checks or "
               "steering, for a single endpoint."),
    "weighted": ("traffic is split by weights, e.g. 90/10 for a canary or blue-green release",
                 "Weighted routing splits traffic between records by assigned weights, which suits canary releases "
                 "and blue-green deployments."),
    "latency": ("each user is answered with the region that gives them the lowest latency",
                "Latency-based routing answers each query with the region that has the lowest measured latency "
                "for that user; with health checks an unhealthy region is skipped."),
    "failover": ("active-passive: the secondary answers only when the primary's health check fails",
                 "Failover routing answers with the primary while its health check passes and switches to the "
                 "secondary (another region or a static site) when it fails: an active-passive set-up."),
    "geolocation": ("users are answered by their country or continent",
                    "Geolocation routing answers by the user's location (country, continent or state), keeping "
                    "traffic local, e.g. for content rights or data residency."),
    "geoproximity": ("traffic goes to the nearest resource, shifted by a bias",
                     "Geoproximity routing (Route 53 traffic flow) routes by the location of users and resources "
                     "and lets a bias grow or shrink a region's share of traffic."),
    "multivalue": ("up to eight healthy values are returned at random",
                   "Multivalue answer routing returns several values and checks each one's health, so clients only "
                   "get healthy addresses: simple routing with health checks."),
}


def _as_requested(policy: str) -> Select:
    effect, rationale = _POLICIES[policy]
    return Select(
        id=f"dns-routing.requested-{policy}",
        title=f"{policy.capitalize()} routing was asked for",
        rationale=rationale,
        sources=(N_ROUTING, ROUTING_DOC),
        pillars=("reliability", "performance-efficiency"),
        when=lambda c, t, policy=policy: c.eq("users.routing", policy),
        reason=f"routing is {{users.routing}}: {effect}",
        choice=policy,
    )


DNS_ROUTING = Concern(
    id="dns-routing",
    title="DNS routing policy",
    question="Which Route 53 routing policy should answer users' DNS queries?",
    subject_kind="none",
    choices=("simple", "weighted", "latency", "failover", "geolocation", "geoproximity", "multivalue"),
    raised=_dns_raised,
    depends_on=("edge", "dr-strategy"),
    rules=(
        *(_as_requested(policy) for policy in _POLICIES),
        Select(
            id="dns-routing.residency-geolocation",
            title="Data residency: route by the user's location",
            rationale=("Geolocation routing answers by where the user is, so users of one country or continent "
                       "are always sent to the region that serves their jurisdiction; latency routing could "
                       "send them across a border."),
            sources=(N_ROUTING, ROUTING_DOC),
            pillars=("security", "reliability"),
            when=lambda c, t: c.true("users.data_residency"),
            reason=("data_residency is true: geolocation routing sends each user to the region of their own "
                    "jurisdiction, whatever the latency"),
            choice="geolocation",
        ),
        Select(
            id="dns-routing.accelerator-does-the-routing",
            title="Global Accelerator already steers users between regions",
            rationale=("Global Accelerator's static anycast IPs send each user to the nearest healthy regional "
                       "endpoint and fail over itself, so DNS only needs a simple record for the accelerator."),
            sources=(N_ACCELERATOR, ACCELERATOR_DOC),
            pillars=("reliability", "operational-excellence"),
            when=lambda c, t: c.decided("edge", "global-accelerator"),
            reason=("the edge is Global Accelerator: its anycast IPs pick the nearest healthy region, so one simple "
                    "record pointing at the accelerator is enough"),
            choice="simple",
        ),
        Select(
            id="dns-routing.active-active-latency",
            title="Both regions serve: latency-based routing",
            rationale=("In a multi-site active/active deployment every region takes traffic, so each user goes to "
                       "the region with the lowest latency, and health checks remove a failed region."),
            sources=(N_ROUTING, ROUTING_DOC, DR_WHITEPAPER),
            pillars=("performance-efficiency", "reliability"),
            when=lambda c, t: c.decided("dr-strategy", "multi-site-active-active"),
            reason=("rto is {availability.rto}, so both regions serve (active/active): latency routing sends each "
                    "user to the closest healthy region"),
            choice="latency",
        ),
        Select(
            id="dns-routing.standby-operator-failover",
            title="A standby region an operator fails over to: failover records switched by hand",
            rationale=("With failover: manual an operator decides when users move to the recovery region. Route 53 "
                       "failover records still answer with the primary, but what switches them is a Route 53 "
                       "Application Recovery Controller routing control (an on/off switch the operator flips) or a "
                       "manual record change, not a health check failing on its own."),
            sources=(ROUTING_DOC, ROUTING_CONTROL_DOC, DR_WHITEPAPER),
            pillars=("reliability", "operational-excellence"),
            when=lambda c, t: c.eq("availability.scope", "multi-region") and c.eq("availability.failover", "manual"),
            reason=("failover is manual and the disaster recovery strategy is {decision.dr-strategy}: failover "
                    "records that an operator switches to the recovery region (an ARC routing control or a manual "
                    "record change), not an automatic health check"),
            choice="failover",
        ),
        Select(
            id="dns-routing.standby-failover",
            title="A standby region: failover routing",
            rationale=("With backup/restore, pilot light or warm standby only the primary region serves; Route 53 "
                       "failover routing answers with it while its health check passes and switches to the "
                       "recovery region when it fails. (Every other case is decided by a row above, so this is "
                       "the table's default.)"),
            sources=(N_ROUTING, ROUTING_DOC, DR_WHITEPAPER),
            pillars=("reliability",),
            reason=("the disaster recovery strategy is {decision.dr-strategy} (rto {availability.rto}): the second "
                    "region is a standby, so failover routing sends users there only when the primary's health "
                    "check fails"),
            choice="failover",
        ),
        Warn(
            id="dns-routing.manual-failover-not-automatic",
            title="Failover is manual: health checks must not move users by themselves",
            rationale=("Route 53 health checks on failover, latency and multivalue records move users away from a "
                       "failed endpoint automatically. When failover is an operator's decision, those records are "
                       "tied to Application Recovery Controller routing controls (or changed by hand) following a "
                       "runbook, so users never land in a region whose data tier has not been promoted."),
            sources=(ROUTING_CONTROL_DOC, ROUTING_DOC),
            pillars=("reliability", "operational-excellence"),
            when=lambda c, t: c.eq("availability.scope", "multi-region") and c.eq("availability.failover", "manual"),
            reason=("failover is manual: no automatic health-check failover; an operator moves users with Route 53 "
                    "Application Recovery Controller routing controls (or a manual record change) once the "
                    "recovery region is ready"),
            choices=("failover", "latency", "multivalue"),
        ),
        Warn(
            id="dns-routing.residency-needs-geolocation",
            title="The requested policy ignores the user's jurisdiction",
            rationale=("Only geolocation routing guarantees that a user is answered by the region of their "
                       "country; latency, weighted or proximity routing may send them across a border."),
            sources=(N_ROUTING, ROUTING_DOC),
            pillars=("security",),
            when=lambda c, t: c.true("users.data_residency"),
            reason=("data_residency is true but routing is {users.routing}, which does not look at the user's "
                    "country: geolocation routing keeps each user in their jurisdiction"),
            choices=("simple", "weighted", "latency", "failover", "geoproximity", "multivalue"),
        ),
        Warn(
            id="dns-routing.failover-without-second-region",
            title="Failover routing without a second region",
            rationale=("Failover routing needs a secondary endpoint; inside one region that can only be a static "
                       "'sorry' page (e.g. an S3 website), not a working copy of the system."),
            sources=(N_ROUTING, ROUTING_DOC),
            pillars=("reliability",),
            when=lambda c, t: not c.eq("availability.scope", "multi-region"),
            reason=("routing is failover but scope is {availability.scope}: without a second region the secondary "
                    "record can only point at a static maintenance page"),
            choices=("failover",),
        ),
        Warn(
            id="dns-routing.failover-idles-active-region",
            title="Failover routing wastes an active/active region",
            rationale=("An active/active deployment pays for two serving regions; failover routing would send all "
                       "users to one of them until it fails."),
            sources=(N_ROUTING, DR_WHITEPAPER),
            pillars=("cost-optimization", "performance-efficiency"),
            when=lambda c, t: c.decided("dr-strategy", "multi-site-active-active"),
            reason=("rto is {availability.rto} (active/active) but routing is failover: users only reach the "
                    "primary; latency or weighted routing uses both regions"),
            choices=("failover",),
        ),
        Warn(
            id="dns-routing.latency-needs-regions",
            title="Latency routing with a single region",
            rationale="Latency-based routing chooses between regions; with one region every answer is the same.",
            sources=(N_ROUTING, ROUTING_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: not c.eq("availability.scope", "multi-region"),
            reason=("routing is latency but scope is {availability.scope}: with endpoints in one region latency "
                    "routing has nothing to choose between"),
            choices=("latency",),
        ),
        Warn(
            id="dns-routing.geolocation-default-record",
            title="Geolocation routing needs a default record",
            rationale=("Queries from locations that match no geolocation record get no answer unless a default "
                       "record exists."),
            sources=(N_ROUTING, ROUTING_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.one_of("users.geography", "global", "multi-region"),
            reason=("users are {users.geography}: add a default geolocation record, or users from unmapped "
                    "locations get no DNS answer"),
            choices=("geolocation",),
        ),
    ),
)

# -- api ------------------------------------------------------------------------------
API = Concern(
    id="api",
    title="Managed API front",
    question="Which managed service should front the API?",
    subject_kind="none",
    choices=("api-gateway", "appsync"),
    raised=_api_raised,
    depends_on=("compute",),
    rules=(
        Eliminate(
            id="api.appsync-is-graphql-only",
            title="AppSync serves GraphQL APIs only",
            rationale="AWS AppSync is a managed GraphQL service; a REST API needs API Gateway.",
            sources=(N_APPSYNC, APPSYNC_DOC),
            pillars=("operational-excellence",),
            when=lambda c, t: c.eq("entry.api", "rest"),
            reason="api is rest: AppSync only serves GraphQL",
            choices=("appsync",),
        ),
        Eliminate(
            id="api.gateway-has-no-subscriptions",
            title="API Gateway has no GraphQL subscriptions",
            rationale=("API Gateway can only proxy a GraphQL server you run yourself, and pushing data changes to "
                       "subscribers would need custom WebSocket code; AppSync provides subscriptions."),
            sources=(N_GRAPHQL, N_APPSYNC, APPSYNC_DOC),
            pillars=("operational-excellence",),
            when=lambda c, t: _graphql(c) and c.true("entry.realtime_updates"),
            reason=("GraphQL with realtime_updates: API Gateway would proxy a self-run GraphQL server and need custom "
                    "WebSocket code for subscriptions"),
            choices=("api-gateway",),
        ),
        Select(
            id="api.appsync-realtime-graphql",
            title="GraphQL with live updates: AppSync",
            rationale=("AppSync runs the GraphQL API as a managed service, with subscriptions that push data changes "
                       "to clients over WebSockets and client stores that keep offline clients in sync."),
            sources=(N_APPSYNC, N_GRAPHQL, APPSYNC_DOC),
            pillars=("operational-excellence", "performance-efficiency"),
            when=lambda c, t: _graphql(c) and c.true("entry.realtime_updates"),
            reason=("GraphQL with realtime_updates: AppSync subscriptions push every change to subscribed clients "
                    "and keep offline clients in sync"),
            choice="appsync",
        ),
        Select(
            id="api.appsync-graphql",
            title="GraphQL: AppSync",
            rationale=("AppSync is the managed GraphQL service: one endpoint resolving each query from DynamoDB, "
                       "Lambda, HTTP or relational sources, with caching and automatic scaling."),
            sources=(N_APPSYNC, N_GRAPHQL, APPSYNC_DOC),
            pillars=("operational-excellence",),
            when=lambda c, t: _graphql(c),
            reason="the API is GraphQL: AppSync resolves each query from its data sources behind one managed endpoint",
            choice="appsync",
        ),
        Select(
            id="api.gateway-throttling",
            title="Per-client rate limits: API Gateway usage plans",
            rationale=("API Gateway throttles per method and, through usage plans with API keys, per client, "
                       "answering 429 over the limit so one noisy client cannot starve the others."),
            sources=(N_THROTTLING, THROTTLING_DOC),
            pillars=("reliability", "security"),
            when=lambda c, t: c.true("entry.request_throttling"),
            reason=("request_throttling is true: API Gateway usage plans with API keys limit each client's rate and "
                    "quota (429 over the limit)"),
            choice="api-gateway",
        ),
        Select(
            id="api.gateway-websocket",
            title="Two-way messages: API Gateway WebSocket API",
            rationale=("An API Gateway WebSocket API keeps persistent connections and lets the backend push "
                       "messages to connected clients, routing each message to Lambda or HTTP integrations."),
            sources=(N_API_GATEWAY, WEBSOCKET_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.eq("entry.protocol", "websocket") or c.true("entry.realtime_updates"),
            reason=("protocol is {entry.protocol} and realtime_updates is {entry.realtime_updates}: an API Gateway "
                    "WebSocket API keeps connections open and pushes messages to clients"),
            choice="api-gateway",
        ),
        Select(
            id="api.gateway-for-functions",
            title="Clients calling functions over HTTP: API Gateway",
            rationale=("Lambda functions have no front door of their own fit for clients: API Gateway routes each "
                       "request to a function and adds authorization, throttling and caching, with no load "
                       "balancer or servers to run."),
            sources=(N_API_GATEWAY, N_LAMBDA),
            pillars=("operational-excellence", "cost-optimization"),
            when=lambda c, t: not c.given("entry.api") and _functions(c),
            reason="the code runs as Lambda functions (compute is {decision.compute}) and clients call it over "
                   "{entry.protocol}: API Gateway is the front door that routes each request to a function",
            choice="api-gateway",
        ),
        Select(
            id="api.gateway-rest",
            title="REST APIs: API Gateway",
            rationale=("API Gateway is the managed front door for REST APIs: it routes each resource and method "
                       "to Lambda or HTTP backends, authorizes, throttles, caches responses and is paid per call."),
            sources=(N_API_GATEWAY, THROTTLING_DOC),
            pillars=("operational-excellence", "cost-optimization"),
            reason="api is {entry.api}: API Gateway exposes, secures, throttles and caches the REST endpoints",
            choice="api-gateway",
        ),
        Warn(
            id="api.appsync-has-no-usage-plans",
            title="AppSync has no per-client usage plans",
            rationale=("Usage plans and API keys with per-client quotas are an API Gateway feature; AppSync can be "
                       "rate-limited with AWS WAF rate-based rules."),
            sources=(N_THROTTLING, WAF_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.true("entry.request_throttling"),
            reason=("request_throttling is true but AppSync has no usage plans: limit clients with AWS WAF "
                    "rate-based rules on the API"),
            choices=("appsync",),
        ),
        Warn(
            id="api.gateway-integration-timeout",
            title="API Gateway waits at most 29 seconds for the backend",
            rationale=("A REST API integration times out after 29 seconds by default; longer work should be "
                       "accepted, queued and finished asynchronously."),
            sources=(API_LIMITS_DOC,),
            pillars=("reliability",),
            thresholds={"timeout": "29s"},
            when=lambda c, t: c.gt("compute.max_duration", t.timeout),
            reason=("max_duration is {compute.max_duration}, over API Gateway's {t.timeout} integration timeout: "
                    "return 202 and finish the work asynchronously (queue or Step Functions)"),
            choices=("api-gateway",),
        ),
        Warn(
            id="api.gateway-account-throttle",
            title="Peak above API Gateway's default regional throttle",
            rationale=("By default API Gateway throttles an account to 10,000 requests per second per region; a "
                       "higher steady peak needs a quota increase."),
            sources=(API_LIMITS_DOC, THROTTLING_DOC),
            pillars=("reliability", "performance-efficiency"),
            thresholds={"peak": "10000/s"},
            when=lambda c, t: c.gt("users.peak_requests", t.peak),
            reason=("peak_requests is {users.peak_requests}, over the default {t.peak} account throttle: request a "
                    "quota increase or clients will get 429 responses"),
            choices=("api-gateway",),
        ),
    ),
)

# -- web-protection -------------------------------------------------------------------
WEB_PROTECTION = Concern(
    id="web-protection",
    title="Web protection",
    question="What should stop the attacks at the front door?",
    subject_kind="none",
    choices=("waf", "waf-and-shield-advanced", "nacl", "shield-standard"),
    raised=_threats_raised,
    depends_on=("load-balancer", "edge", "api"),
    rules=(
        Eliminate(
            id="web-protection.nacl-cannot-inspect-requests",
            title="A NACL cannot see SQL injection or cross-site scripting",
            rationale=("Network ACLs filter packets by address, port and protocol at the subnet edge; attacks "
                       "hidden in HTTP request bodies and parameters need a layer-7 filter such as AWS WAF."),
            sources=(N_WAF, N_NACL, WAF_DOC),
            pillars=("security",),
            when=lambda c, t: c.contains_any("entry.threats", "sql-injection", "xss"),
            reason=("threats are {entry.threats}: a NACL filters packets by IP and port and never sees the SQL or "
                    "script inside an HTTP request"),
            choices=("nacl",),
        ),
        Eliminate(
            id="web-protection.nacl-cannot-match-countries",
            title="A NACL cannot block by country",
            rationale=("NACL rules match CIDR ranges only; blocking by country needs WAF geo-match rules (or "
                       "CloudFront geo restriction)."),
            sources=(N_WAF_CAPABILITIES, WAF_DOC),
            pillars=("security",),
            when=lambda c, t: c.contains("entry.threats", "geo-blocking"),
            reason="threats include geo-blocking: NACL rules match IP ranges, not countries",
            choices=("nacl",),
        ),
        Eliminate(
            id="web-protection.waf-is-http-only",
            title="AWS WAF inspects HTTP(S) requests only",
            rationale=("WAF web ACLs attach to CloudFront, ALB, API Gateway and AppSync and filter HTTP(S) "
                       "requests; TCP or UDP traffic never passes through them."),
            sources=(N_WAF, WAF_DOC),
            pillars=("security",),
            when=lambda c, t: c.one_of("entry.protocol", *LAYER4),
            reason="protocol is {entry.protocol}: AWS WAF only inspects HTTP(S) requests",
            choices=("waf",),
        ),
        Select(
            id="web-protection.shield-advanced-ddos",
            title="DDoS protection with expert response: WAF and Shield Advanced",
            rationale=("Shield Advanced adds detection and mitigation of large layer 3/4/7 attacks on CloudFront, "
                       "Route 53, Global Accelerator, load balancers and Elastic IPs, the Shield Response Team, "
                       "and cost protection against scaling charges caused by an attack; WAF rules handle the "
                       "layer-7 floods."),
            sources=(SHIELD_DOC, N_WAF),
            pillars=("security", "reliability"),
            when=lambda c, t: (c.contains("entry.threats", "ddos") and not c.eq("cost_priority", "lowest")
                               and not c.one_of("entry.protocol", *LAYER4)),
            reason=("threats include ddos and cost_priority is {cost_priority}: Shield Advanced adds attack "
                    "mitigation, the Shield Response Team and cost protection on top of WAF rate-based rules"),
            choice="waf-and-shield-advanced",
        ),
        Select(
            id="web-protection.shield-advanced-ddos-layer-4",
            title="DDoS with expert response on a TCP/UDP front door: Shield Advanced",
            rationale=("Over TCP or UDP there is no web ACL to add: Shield Advanced alone detects and mitigates "
                       "large layer 3/4 attacks on the NLB's Elastic IPs or on Global Accelerator, with the Shield "
                       "Response Team and cost protection against attack-driven scaling."),
            sources=(SHIELD_DOC,),
            pillars=("security", "reliability"),
            when=lambda c, t: (c.contains("entry.threats", "ddos") and not c.eq("cost_priority", "lowest")
                               and c.one_of("entry.protocol", *LAYER4)),
            reason=("threats include ddos over {entry.protocol} and cost_priority is {cost_priority}: Shield "
                    "Advanced protects the NLB's Elastic IPs or the accelerator, with the response team and cost "
                    "protection (WAF cannot see {entry.protocol})"),
            choice="waf-and-shield-advanced",
        ),
        Select(
            id="web-protection.nacl-deny-ips",
            title="Blocking known bad IPs on a TCP/UDP front door: NACL deny rules",
            rationale=("Security groups can only allow, so known malicious addresses are blocked with deny rules "
                       "in the subnet's network ACL, which is evaluated before the security groups and works for "
                       "any protocol."),
            sources=(N_NACL, "notes: Security Group", NACL_DOC),
            pillars=("security",),
            when=lambda c, t: c.contains("entry.threats", "bad-ips") and c.one_of("entry.protocol", *LAYER4),
            reason=("threats include bad-ips over {entry.protocol}: a network ACL deny rule drops those addresses "
                    "at the subnet (security groups cannot deny)"),
            choice="nacl",
        ),
        Select(
            id="web-protection.waf-layer-7",
            title="Layer-7 attacks: AWS WAF",
            rationale=("WAF web ACLs on CloudFront, ALB, API Gateway or AppSync block SQL injection and cross-site "
                       "scripting (managed OWASP rule groups), bad IP sets and countries before requests reach "
                       "the application."),
            sources=(N_WAF, N_WAF_CAPABILITIES, WAF_DOC),
            pillars=("security",),
            when=lambda c, t: c.contains_any("entry.threats", *WAF_THREATS),
            reason=("threats are {entry.threats}: AWS WAF rules (SQL injection, XSS, IP sets, geo match) block "
                    "them at the outermost layer-7 entry point"),
            choice="waf",
        ),
        Select(
            id="web-protection.shield-standard-layer-4",
            title="DDoS on a TCP/UDP front door at the lowest cost: Shield Standard",
            rationale=("Shield Standard protects every AWS customer, automatically and at no charge, against the "
                       "common network and transport layer (3/4) attacks, SYN and UDP floods among them; WAF cannot "
                       "see non-HTTP traffic, and Shield Advanced is a monthly subscription."),
            sources=(SHIELD_STANDARD_DOC, SHIELD_DOC),
            pillars=("cost-optimization", "security"),
            when=lambda c, t: (c.contains("entry.threats", "ddos") and c.one_of("entry.protocol", *LAYER4)
                               and c.eq("cost_priority", "lowest")),
            reason=("threats include ddos over {entry.protocol} and cost_priority is lowest: Shield Standard, on by "
                    "default at no charge, absorbs common layer 3/4 floods"),
            choice="shield-standard",
        ),
        Select(
            id="web-protection.waf-rate-rules-on-a-budget",
            title="DDoS on a budget: Shield Standard plus WAF rate-based rules",
            rationale=("Shield Standard protects every AWS customer against common layer 3/4 attacks at no cost; "
                       "WAF rate-based rules throttle HTTP floods. Shield Advanced costs a monthly subscription. "
                       "(Every other threat is decided by a row above, so this is the table's default.)"),
            sources=(N_WAF, SHIELD_DOC),
            pillars=("cost-optimization", "security"),
            reason=("threats are {entry.threats} and cost_priority is {cost_priority}: free Shield Standard covers "
                    "layer 3/4 floods and AWS WAF rate-based rules cap HTTP floods"),
            choice="waf",
        ),
        Warn(
            id="web-protection.no-response-team",
            title="No DDoS response team or cost protection",
            rationale=("Without Shield Advanced there is no Shield Response Team during an attack and no credit "
                       "for the scaling charges an attack causes."),
            sources=(SHIELD_DOC,),
            pillars=("reliability", "cost-optimization"),
            when=lambda c, t: c.contains("entry.threats", "ddos"),
            reason=("threats include ddos but cost_priority is {cost_priority}: without Shield Advanced there is no "
                    "response team and no credit for attack-driven scaling charges"),
            choices=("waf", "shield-standard"),
        ),
        Warn(
            id="web-protection.waf-needs-layer-7-entry",
            title="WAF needs CloudFront, an ALB, API Gateway or AppSync to attach to",
            rationale="A WAF web ACL cannot be associated with a Network Load Balancer.",
            sources=(WAF_DOC,),
            pillars=("security",),
            when=lambda c, t: (c.decided("load-balancer", "nlb") and not c.decided("edge", "cloudfront")
                               and not c.decided("api", "api-gateway", "appsync")),
            reason=("the load balancer is an NLB and there is no CloudFront or API front: WAF cannot attach to an "
                    "NLB, so put CloudFront in front, or give the NLB an ALB-type target group and attach the web "
                    "ACL to that ALB"),
            choices=("waf",),
        ),
    ),
)

# -- private-content ------------------------------------------------------------------
PRIVATE_CONTENT = Concern(
    id="private-content",
    title="Private content access",
    question="How should restricted content be handed only to entitled users?",
    subject_kind="none",
    choices=("cloudfront-signed-urls", "cloudfront-signed-cookies", "s3-presigned-urls"),
    raised=_private_content_raised,
    depends_on=("edge",),
    rules=(
        Eliminate(
            id="private-content.cookies-need-cookie-clients",
            title="Signed cookies need clients that keep cookies",
            rationale=("Custom HTTP clients (devices, partner programs) often do not store cookies; signed URLs "
                       "work with any client."),
            sources=(N_CF_DISTRIBUTIONS, SIGNED_CHOICE_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.given("users.clients") and not c.contains_any("users.clients", "browser", "mobile"),
            reason="clients are {users.clients}: custom HTTP clients may not keep cookies; signed URLs work for any",
            choices=("cloudfront-signed-cookies",),
        ),
        Select(
            id="private-content.s3-presigned-without-cdn",
            title="No CloudFront in front: S3 presigned URLs",
            rationale=("When users fetch objects straight from S3, the application signs a time-limited URL with "
                       "its own credentials for one object; the bucket stays private and no CDN is needed."),
            sources=(N_PRESIGNED, PRESIGNED_DOC),
            pillars=("security", "cost-optimization"),
            when=lambda c, t: not c.decided("edge", "cloudfront"),
            reason=("no CloudFront distribution is in this design (users are {users.geography}, no edge caching "
                    "needed): the app signs S3 presigned URLs that expire, one object each"),
            choice="s3-presigned-urls",
        ),
        Select(
            id="private-content.signed-cookies-many-files",
            title="Many restricted files: CloudFront signed cookies",
            rationale=("One signed cookie grants access to many files, e.g. all the segments of an HLS video or a "
                       "whole subscribers' area, without changing their URLs."),
            sources=(N_CF_DISTRIBUTIONS, SIGNED_CHOICE_DOC),
            pillars=("security", "performance-efficiency"),
            when=lambda c, t: c.eq("entry.private_content", "many-files"),
            reason=("private_content is many-files: one CloudFront signed cookie opens all of them without changing "
                    "their URLs"),
            choice="cloudfront-signed-cookies",
        ),
        Select(
            id="private-content.signed-urls",
            title="Individual restricted files: CloudFront signed URLs",
            rationale=("A signed URL grants access to one file (e.g. an installer download) for a limited time and "
                       "works with any client, including those without cookies."),
            sources=(N_CF_DISTRIBUTIONS, SIGNED_CHOICE_DOC),
            pillars=("security",),
            reason="private_content is {entry.private_content}: each file gets its own expiring CloudFront signed URL",
            choice="cloudfront-signed-urls",
        ),
        Warn(
            id="private-content.one-url-per-file",
            title="Many files, one signed URL each",
            rationale="Without cookies every restricted file needs its own signed URL, generated by the application.",
            sources=(SIGNED_CHOICE_DOC,),
            pillars=("operational-excellence",),
            when=lambda c, t: c.eq("entry.private_content", "many-files"),
            reason=("private_content is many-files but the clients ({users.clients}) cannot use signed cookies: the "
                    "app must sign a URL for every file (e.g. each HLS segment)"),
            choices=("cloudfront-signed-urls", "s3-presigned-urls"),
        ),
    ),
)

# -- end-user-identity ----------------------------------------------------------------
END_USER_IDENTITY = Concern(
    id="end-user-identity",
    title="End-user identity",
    question="How do users sign in, and how do they get AWS credentials if they need them?",
    subject_kind="none",
    choices=("cognito-user-pools", "cognito-identity-pools", "cognito-user-and-identity-pools",
             "iam-identity-center"),
    raised=_identity_raised,
    rules=(
        Eliminate(
            id="end-user-identity.identity-center-is-for-workforce",
            title="IAM Identity Center is for the workforce",
            rationale=("IAM Identity Center signs employees in to AWS accounts and business applications from the "
                       "corporate directory; customers and partners of an application belong in Cognito."),
            sources=(IDENTITY_CENTER_DOC, N_COGNITO),
            pillars=("security",),
            when=lambda c, t: c.one_of("users.audience", "public", "partners"),
            reason="audience is {users.audience}: IAM Identity Center is for your own workforce, not app customers",
            choices=("iam-identity-center",),
        ),
        Eliminate(
            id="end-user-identity.user-pool-gives-no-aws-credentials",
            title="A user pool alone gives no AWS credentials",
            rationale=("A Cognito user pool authenticates users and issues JSON web tokens for the application; "
                       "calling S3 or DynamoDB directly needs an identity pool to exchange them for temporary IAM "
                       "credentials."),
            sources=(N_COGNITO, COGNITO_DOC),
            pillars=("security",),
            when=lambda c, t: c.true("users.direct_aws_access"),
            reason=("direct_aws_access is true: a user pool issues tokens, not the temporary AWS credentials the "
                    "clients need"),
            choices=("cognito-user-pools",),
        ),
        Eliminate(
            id="end-user-identity.identity-pool-has-no-directory",
            title="An identity pool keeps no user directory",
            rationale=("Identity pools only federate identities into IAM roles; sign-up, sign-in and password "
                       "recovery of your own app users need a user pool."),
            sources=(N_COGNITO, COGNITO_DOC),
            pillars=("security",),
            when=lambda c, t: c.eq("users.sign_in", "app-users"),
            reason="sign_in is app-users: an identity pool has no user directory for sign-up and sign-in",
            choices=("cognito-identity-pools",),
        ),
        Select(
            id="end-user-identity.workforce-app-credentials",
            title="An app calling AWS for employees who sign in with corporate SSO: identity pool",
            rationale=("IAM Identity Center signs people in to AWS accounts and applications through its portal; an "
                       "app (a mobile app, say) that calls AWS services on its users' behalf exchanges their "
                       "corporate SAML sign-in for temporary, role-scoped credentials through a Cognito identity "
                       "pool federated with the same identity provider."),
            sources=(COGNITO_DOC, N_COGNITO),
            pillars=("security",),
            when=lambda c, t: (c.eq("users.sign_in", "corporate-sso") and c.true("users.direct_aws_access")
                               and not c.one_of("users.audience", "public", "partners")),
            reason=("sign_in is corporate-sso and direct_aws_access is true: a Cognito identity pool federated with "
                    "the corporate SAML identity provider gives the app temporary AWS credentials"),
            choice="cognito-identity-pools",
        ),
        Select(
            id="end-user-identity.workforce-sso",
            title="Employees with corporate sign-on: IAM Identity Center",
            rationale=("IAM Identity Center federates with the corporate directory (Active Directory or a SAML 2.0 "
                       "identity provider) and gives employees single sign-on to AWS accounts and applications."),
            sources=(IDENTITY_CENTER_DOC, N_DIRECTORY),
            pillars=("security", "operational-excellence"),
            when=lambda c, t: c.eq("users.sign_in", "corporate-sso") and not c.one_of("users.audience", "public",
                                                                                        "partners"),
            reason=("sign_in is corporate-sso for an {users.audience} audience: IAM Identity Center federates with "
                    "the corporate directory over SAML 2.0"),
            choice="iam-identity-center",
        ),
        Select(
            id="end-user-identity.sign-in-and-aws-credentials",
            title="Signed-in users calling AWS directly: user pool and identity pool",
            rationale=("The user pool signs users in (directly, socially or through SAML) and the identity pool "
                       "exchanges its token for temporary, role-scoped AWS credentials."),
            sources=(N_COGNITO, COGNITO_DOC),
            pillars=("security",),
            when=lambda c, t: c.one_of("users.sign_in", *SIGN_IN) and c.true("users.direct_aws_access"),
            reason=("sign_in is {users.sign_in} and direct_aws_access is true: a user pool signs users in and an "
                    "identity pool turns its token into temporary AWS credentials"),
            choice="cognito-user-and-identity-pools",
        ),
        Select(
            id="end-user-identity.guest-aws-credentials",
            title="AWS access without a user directory: identity pool",
            rationale=("A Cognito identity pool hands out temporary credentials for an IAM role, to unauthenticated "
                       "(guest) identities or to users of an external identity provider."),
            sources=(N_COGNITO, COGNITO_DOC),
            pillars=("security",),
            when=lambda c, t: c.true("users.direct_aws_access"),
            reason=("direct_aws_access is true and sign_in is {users.sign_in}: an identity pool grants temporary, "
                    "role-scoped AWS credentials"),
            choice="cognito-identity-pools",
        ),
        Select(
            id="end-user-identity.user-directory",
            title="Users sign in to the app: Cognito user pool",
            rationale=("A user pool is a managed user directory: sign-up, sign-in, recovery, MFA, and federation "
                       "with social and SAML identity providers, issuing JSON web tokens to the app."),
            sources=(N_COGNITO, COGNITO_DOC),
            pillars=("security", "operational-excellence"),
            reason="sign_in is {users.sign_in}: a Cognito user pool handles sign-up, sign-in and tokens",
            choice="cognito-user-pools",
        ),
        Warn(
            id="end-user-identity.guest-credentials",
            title="Guests get AWS credentials",
            rationale="Unauthenticated identities can be created by anyone; their IAM role must allow very little.",
            sources=(COGNITO_DOC,),
            pillars=("security",),
            when=lambda c, t: not c.one_of("users.sign_in", *SIGN_IN),
            reason=("sign_in is {users.sign_in}: the identity pool issues unauthenticated (guest) credentials, so "
                    "scope their IAM role to the minimum"),
            choices=("cognito-identity-pools",),
        ),
    ),
)

CONCERNS = [LOAD_BALANCER, EDGE, DNS_ROUTING, API, WEB_PROTECTION, PRIVATE_CONTENT, END_USER_IDENTITY]

__all__ = ["CONCERNS"]
