"""What may sit in front of what: web ACLs, Shield, CloudFront origins, Global Accelerator endpoints,
Route 53 alias targets, event and push targets."""
from __future__ import annotations

from ..architecture.services import ARCHIVE_CLASSES, BUCKETS
from . import Design, invariant

WAF_TARGETS = frozenset({"cloudfront", "alb", "api-gateway", "appsync", "cognito-user-pools",
                         "cognito-user-and-identity-pools"})
SHIELD_TARGETS = frozenset({"cloudfront", "global-accelerator", "alb", "nlb", "route53", "ec2"})
GUARDS = frozenset({"waf", "waf-and-shield-advanced", "shield-standard", "nacl"})
ORIGINS = frozenset(BUCKETS - ARCHIVE_CLASSES) | {"alb", "nlb", "api-gateway", "appsync", "lambda", "ec2",
                                                 "elastic-beanstalk", "ec2-auto-scaling", "mediastore"}
ACCELERATOR_ENDPOINTS = frozenset({"alb", "nlb", "ec2", "ec2-auto-scaling", "elastic-beanstalk"})
ALIAS_TARGETS = frozenset({"cloudfront", "global-accelerator", "alb", "nlb", "api-gateway", "appsync",
                           "elastic-beanstalk", "vpc-interface-endpoint"}) | BUCKETS


def _catalogue():
    from ..knowledge import load_catalogue
    return load_catalogue()  # what each service pushes to (its ``pushes_to``) is a catalogue fact


WAF_DOC = "https://docs.aws.amazon.com/waf/latest/developerguide/how-aws-waf-works-resources.html"


@invariant("front.web-acl-target", "A web ACL protects only the resources AWS WAF can attach to",
           "AWS WAF protects CloudFront, ALBs, API Gateway REST APIs, AppSync, Cognito user pools (and App "
           "Runner, Verified Access, Amplify); not an NLB, not Global Accelerator. It is attached, not a hop.",
           WAF_DOC)
def web_acl_target(d: Design):
    arch = d.arch
    for c in arch.components:
        if c.service not in ("waf",) and not (c.service == "waf-and-shield-advanced" and c.role == "web-acl"):
            continue
        protected = [l.target for l in arch.links_from(c.id) if l.kind == "protects"]
        if not protected:
            yield c.id, f"{c.id} ({c.service}) is attached to nothing it can protect"
        for target in protected:
            if arch.component(target).service not in WAF_TARGETS:
                yield c.id, f"{c.id} is attached to {target} ({arch.component(target).service}), which WAF cannot protect"


@invariant("front.guard-not-a-hop", "Firewalls and DDoS protection are attached, never in the request path",
           "WAF, Shield and network ACLs filter traffic of the resource they are associated with; requests never "
           "address them, so no request or data link enters or leaves them.", WAF_DOC)
def guard_not_a_hop(d: Design):
    arch = d.arch
    guards = {c.id for c in arch.components if c.service in GUARDS}
    for link in arch.links:
        if (link.source in guards or link.target in guards) and link.kind != "protects":
            guard = link.source if link.source in guards else link.target
            yield guard, f"{guard} carries a {link.kind} link {link.source} -> {link.target}"
    for c in arch.components:
        if c.role == "shield":
            for target in [l.target for l in arch.links_from(c.id) if l.kind == "protects"]:
                if arch.component(target).service not in SHIELD_TARGETS:
                    yield c.id, f"Shield protects {target}, which Shield Advanced cannot protect"


@invariant("front.cloudfront-origin", "CloudFront's origins are readable web origins",
           "A CloudFront origin is an S3 bucket, a MediaStore container, an ALB, an API, a Lambda function URL or "
           "any HTTP server; objects in S3 Glacier Flexible Retrieval or Deep Archive must be restored before "
           "they can be read, so an archive class never serves viewers.",
           "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistS3AndCustomOrigins.html")
def cloudfront_origin(d: Design):
    for source, target in _forwards_outside(d, "cloudfront", ORIGINS):
        yield source.id, f"CloudFront's origin {target.id} is {target.service}"


@invariant("front.accelerator-endpoint", "Global Accelerator routes to load balancers and instances only",
           "Global Accelerator endpoints are ALBs, NLBs, EC2 instances and Elastic IPs; not API Gateway or Lambda.",
           "https://docs.aws.amazon.com/global-accelerator/latest/dg/about-endpoints.html")
def accelerator_endpoint(d: Design):
    for source, target in _forwards_outside(d, "global-accelerator", ACCELERATOR_ENDPOINTS):
        yield source.id, f"Global Accelerator routes to {target.id} ({target.service})"


# Inspection endpoints are a route's next hop, not a destination: the internet gateway's edge route table sends
# the traffic for the origin through them (Network Firewall and Gateway Load Balancer endpoints), so a check of
# what CloudFront or an accelerator forwards to looks through them to the load balancer behind.
# (Network Firewall Developer Guide, "VPC subnets"; PrivateLink Guide, "Gateway Load Balancer endpoints".)
INSPECTION_HOPS = frozenset({"network-firewall", "gwlb-endpoint"})


def _forwards_outside(d: Design, service: str, allowed: frozenset[str]):
    """(source, target) for each request a ``service`` node forwards to a target outside ``allowed``, looking
    through inspection endpoints in the route."""
    arch = d.arch
    for c in arch.components:
        if c.service == service:
            for target in _past_inspection(arch, c.id):
                if target.service not in allowed:
                    yield c, target


def _past_inspection(arch, source: str):
    for link in arch.links_from(source):
        if link.kind != "request":
            continue
        target = arch.component(link.target)
        if target.service in INSPECTION_HOPS:
            yield from (arch.component(l.target) for l in arch.links_from(target.id) if l.kind == "request")
        else:
            yield target


@invariant("front.dns-target", "Route 53 answers with something clients can reach",
           "An alias record targets CloudFront, Global Accelerator, a load balancer, API Gateway, an S3 website "
           "endpoint, Elastic Beanstalk or a VPC endpoint; a record never points clients at a firewall or at an "
           "instance in a private subnet.",
           "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html")
def dns_target(d: Design):
    arch = d.arch
    for link in arch.links:
        if link.kind != "dns" or arch.component(link.source).service != "route53":
            continue
        target = arch.component(link.target)
        if target.service not in ALIAS_TARGETS and target.tier in ("app", "data", "vpc"):
            yield link.source, f"Route 53 points clients at {target.id} ({target.service}) in a private subnet"
        if target.service in GUARDS:
            yield link.source, f"Route 53 points clients at the firewall {target.id}"


@invariant("front.event-target", "Services push events only to targets they can deliver to",
           "S3 event notifications go to Lambda, SQS, SNS or EventBridge; SNS delivers to Lambda, SQS, Firehose "
           "and HTTP(S), email or SMS endpoints; servers in private subnets receive by polling a queue.",
           "https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventNotifications.html")
def event_target(d: Design):
    arch = d.arch
    for link in arch.links:
        if link.kind != "event":
            continue
        source, target = arch.component(link.source), arch.component(link.target)
        allowed = _catalogue()[source.service].pushes_to if source.service in _catalogue() else None
        public_https = source.service == "sns" and target.tier in ("regional", "outside")  # an HTTP(S) endpoint
        if allowed is not None and target.service not in allowed and not public_https:
            yield source.id, f"{source.id} ({source.service}) pushes to {target.id} ({target.service})"
