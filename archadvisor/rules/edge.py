"""Edge: CloudFront or Global Accelerator carries users' traffic onto the AWS network.

Sources: the notes sections "Cloudfront", "Cloudfront distributions" and "AWS Global Accelerator",
and the AWS documentation pages cited per rule. Who raises the concern: rules.frontdoor.
"""
from __future__ import annotations

from ..engine.model import Concern, Eliminate, Select, Warn
from .common import manual_regional_failover
from .frontdoor import (
    ACCELERATOR_DOC, ACCELERATOR_ENDPOINTS_DOC, ALB_LAMBDA_DOC, CLOUDFRONT_DOC, CLOUDFRONT_GEO_DOC, FAST_FAILOVER, LAYER4,
    N_ACCELERATOR, N_CF_DISTRIBUTIONS, N_CLOUDFRONT, ORIGIN_FAILOVER_DOC, ROUTING_CONTROL_DOC, SIGNED_CHOICE_DOC,
    TRAFFIC_DIAL_DOC, edge_raised, fast_regional_failover, runs_as_functions,
)

CLOUDFRONT_STATIC_IPS_DOC = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/request-static-ips.html"
DDOS_WHITEPAPER = ("https://docs.aws.amazon.com/whitepapers/latest/aws-best-practices-ddos-resiliency/"
                   "mitigation-techniques.html")


# -- edge ---------------------------------------------------------------------------
EDGE = Concern(
    id="edge",
    title="Edge network",
    question="Which AWS edge service should carry users' traffic onto the AWS network?",
    subject_kind="none",
    choices=("cloudfront", "global-accelerator"),
    raised=edge_raised,
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
        Eliminate(
            id="edge.accelerator-needs-load-balancer-endpoints",
            title="Global Accelerator sends to load balancers, instances and Elastic IPs",
            rationale=("A Global Accelerator endpoint group holds ALBs, NLBs, EC2 instances or Elastic IPs; API "
                       "Gateway and Lambda cannot be endpoints, so functions reached through API Gateway cannot sit "
                       "behind an accelerator."),
            sources=(ACCELERATOR_ENDPOINTS_DOC,),
            pillars=("reliability",),
            when=lambda c, t: runs_as_functions(c) and not c.decided(
                "load-balancer", "alb", "nlb", subject=None),
            reason=("compute is {decision.compute} with no load balancer in front: Global Accelerator cannot send "
                    "to API Gateway or Lambda"),
            choices=("global-accelerator",),
        ),
        Select(
            id="edge.accelerator-static-ips",
            title="Fixed entry IPs: Global Accelerator",
            rationale=("Global Accelerator gives two static anycast IP addresses that clients can allow-list, in "
                       "front of ALBs, NLBs or instances in one or more regions. Fixed addresses are a hard "
                       "requirement of the clients' firewalls, so they come before caching static assets at the "
                       "edge: an application that also serves static files still gets the accelerator (notes: "
                       "'ELBs do not have predefined IPv4 addresses'; 'Global Accelerator provides you two static "
                       "IP addresses')."),
            sources=(N_ACCELERATOR, ACCELERATOR_DOC),
            pillars=("reliability", "security"),
            when=lambda c, t: c.true("entry.static_ips"),
            reason=("static_ips is true: Global Accelerator's two static anycast IPs stay the same whatever region "
                    "serves the user"),
            choice="global-accelerator",
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
        Select(
            id="edge.accelerator-fast-failover",
            title="Sub-minute regional failover: Global Accelerator",
            rationale=("Global Accelerator shifts traffic to a healthy region within seconds without depending on "
                       "DNS caches; DNS-based failover waits for resolvers to honour the record's TTL."),
            sources=(N_ACCELERATOR, ACCELERATOR_DOC),
            pillars=("reliability",),
            thresholds={"rto": FAST_FAILOVER},
            when=lambda c, t: fast_regional_failover(c),  # the same test that raises the concern for it
            reason=("scope is multi-region and rto is {availability.rto}, under {t.rto}: Global Accelerator moves "
                    "users to the healthy region in seconds, without waiting for DNS caches"),
            choice="global-accelerator",
        ),
        Select(
            id="edge.cloudfront-absorbs-attacks",
            title="Attacks to absorb: CloudFront in front of the origin",
            rationale=("AWS's DDoS resiliency guidance puts CloudFront (best practice BP1) in front of web "
                       "applications: its edge locations absorb and disperse floods and reflection attacks with "
                       "Shield Standard on by default, only well-formed HTTP requests reach the origin, and with "
                       "the origin reachable only from CloudFront the attack surface shrinks, even for users in "
                       "one region."),
            sources=(DDOS_WHITEPAPER, CLOUDFRONT_DOC),
            pillars=("security", "reliability"),
            when=lambda c, t: c.contains("entry.threats", "ddos") and not c.one_of("entry.protocol", *LAYER4),
            reason=("threats include ddos (users {users.geography}): CloudFront's edge absorbs floods before they "
                    "reach the origin, which accepts traffic from CloudFront only"),
            choice="cloudfront",
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
            title="CloudFront's addresses change unless an Anycast static IP list is requested",
            rationale=("CloudFront's edge addresses are many and change; clients that allow-list IPs need Global "
                       "Accelerator's two static anycast addresses for the dynamic part of the traffic (the notes' "
                       "and the exam's answer). Since 2024 CloudFront also offers Anycast static IP lists, a set of "
                       "addresses allocated to the account on request and associated with distributions, for "
                       "allow-listing."),
            sources=(N_ACCELERATOR, ACCELERATOR_DOC, CLOUDFRONT_STATIC_IPS_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.true("entry.static_ips") and not runs_as_functions(c),
            reason=("static_ips is true, but CloudFront's addresses change: clients that allow-list IPs need a "
                    "Global Accelerator (two static anycast IPs) for the API or dynamic part, or a CloudFront "
                    "Anycast static IP list requested for the account"),
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
            when=lambda c, t: c.true("entry.static_ips") and runs_as_functions(c),
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
            when=lambda c, t: manual_regional_failover(c),
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
            when=lambda c, t: manual_regional_failover(c),
            reason=("failover is manual (scope multi-region), but Global Accelerator shifts users to a healthy "
                    "region on its own: keep the recovery region's traffic dial at 0% and have the operator turn "
                    "it up once the data tier there is promoted"),
            choices=("global-accelerator",),
        ),
        Warn(
            id="edge.accelerator-cannot-front-an-api",
            title="Global Accelerator cannot send to API Gateway",
            rationale=("Global Accelerator's endpoints are load balancers, EC2 instances and Elastic IPs; an API "
                       "Gateway API is none of them, so an accelerator in front of the load balancer leaves the "
                       "API's own public endpoint outside it: no fixed IPs and no accelerator failover for the API."),
            sources=(ACCELERATOR_ENDPOINTS_DOC, N_ACCELERATOR),
            pillars=("reliability",),
            when=lambda c, t: c.one_of("entry.api", "rest", "http"),
            reason=("api is {entry.api}: Global Accelerator cannot send to API Gateway; either serve the API from "
                    "the load balancer behind the accelerator (WAF rate rules on the load balancer for "
                    "throttling), or fail the API's Regional custom domains over with Route 53 records"),
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


CONCERNS = [EDGE]
