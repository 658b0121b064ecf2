"""Managed API front (API Gateway, AppSync) and web protection (WAF, Shield Advanced, NACLs).

Sources: the notes sections "API Gateway", "Throttling", "AWS AppSync", "GraphQL", "Web Application
Firewall (WAF)" and "NACL", and the AWS documentation pages cited per rule. Who raises the concerns:
rules.frontdoor.
"""
from __future__ import annotations

from ..engine.model import Concern, Eliminate, Select, Warn
from .frontdoor import (
    API_LIMITS_DOC, APPSYNC_DOC, LAYER4, NACL_DOC, N_API_GATEWAY, N_APPSYNC, N_GRAPHQL, N_LAMBDA, N_NACL,
    N_THROTTLING, N_WAF, N_WAF_CAPABILITIES, SHIELD_DOC, SHIELD_STANDARD_DOC, THROTTLING_DOC, WAF_DOC, WAF_THREATS,
    WEBSOCKET_DOC, api_raised, asks_graphql, internal_over_link, runs_as_functions, threats_raised,
)

WAF_RATE_DOC = "https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html"
PRIVATE_API_DOC = "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html"


# -- api ------------------------------------------------------------------------------
API = Concern(
    id="api",
    title="Managed API front",
    question="Which managed service should front the API?",
    subject_kind="none",
    choices=("api-gateway", "appsync"),
    raised=api_raised,
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
            when=lambda c, t: asks_graphql(c) and c.true("entry.realtime_updates"),
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
            when=lambda c, t: asks_graphql(c) and c.true("entry.realtime_updates"),
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
            when=lambda c, t: asks_graphql(c),
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
            when=lambda c, t: not c.given("entry.api") and runs_as_functions(c),
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
            title="API Gateway waits 29 seconds for the backend by default",
            rationale=("A REST API integration times out after 29 seconds by default, the figure the notes and "
                       "exam material give; since 2024 a Regional or private REST API can have it raised by a "
                       "quota request, at the cost of a lower account throttle. Longer work is better accepted, "
                       "queued and finished asynchronously."),
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
        Warn(
            id="api.private-for-internal-callers",
            title="Internal callers over the hybrid link: a private REST API",
            rationale=("A Regional or edge-optimized API has a public endpoint. A private REST API is reachable only "
                       "through an interface VPC endpoint for execute-api, from the VPC and from networks joined to "
                       "it (Direct Connect, Site-to-Site VPN; on-premises DNS resolves the name through a Route 53 "
                       "Resolver inbound endpoint), and its resource policy names the VPC endpoints allowed."),
            sources=(N_API_GATEWAY, PRIVATE_API_DOC),
            pillars=("security",),
            when=lambda c, t: internal_over_link(c),
            reason=("audience is internal and the callers' site is linked to the VPC (hybrid.link): make the REST "
                    "API private, reached through an execute-api interface endpoint with a resource policy that "
                    "allows only it, so the API has no internet-facing endpoint"),
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
    raised=threats_raised,
    depends_on=("compute", "load-balancer", "edge", "api"),
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
            id="web-protection.rate-based-rule",
            title="Per-client rate limits on a web site: a WAF rate-based rule",
            rationale=("A rate-based rule counts each client IP's requests over a sliding window (one to ten "
                       "minutes) and blocks, or answers with a challenge, the addresses above the limit, on "
                       "CloudFront or the load balancer. API Gateway usage plans limit clients by API key, which "
                       "browsers and scrapers do not send."),
            sources=(N_WAF_CAPABILITIES, WAF_RATE_DOC),
            pillars=("security", "reliability"),
            when=lambda c, t: c.true("entry.request_throttling"),
            reason=("request_throttling is true on a web site with no API ({entry.api}): a WAF rate-based rule "
                    "limits each client IP on the outermost entry point"),
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


CONCERNS = [API, WEB_PROTECTION]
