"""DNS routing: which Route 53 routing policy answers users' queries.

Sources: the notes section "Route53 Routing Policies", the DR whitepaper and the Route 53 and
Application Recovery Controller pages cited per rule. Who raises the concern: rules.frontdoor.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..architecture.registry import draws
from ..architecture.services import BUCKETS
from ..cloudformation.registry import templates
from ..cost.pricing import HOURS, line, pricer
from ..engine.model import Concern, Eliminate, Select, Warn
from .common import app_runs_on, manual_regional_failover
from .frontdoor import (
    ACCELERATOR_DOC, DR_WHITEPAPER, N_ACCELERATOR, N_ROUTING, ROUTING_CONTROL_DOC, ROUTING_DOC, dns_raised,
)

MULTIVALUE_DOC = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-multivalue.html"

if TYPE_CHECKING:
    from ..architecture.build import Builder


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
    raised=dns_raised,
    depends_on=("load-balancer", "edge", "dr-strategy"),
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
            reason=("the DR strategy is {decision.dr-strategy} (rto {availability.rto}), so both regions serve: "
                    "latency routing sends each user to the closest healthy region"),
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
            when=lambda c, t: manual_regional_failover(c),
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
            when=lambda c, t: manual_regional_failover(c),
            reason=("failover is manual: no automatic health-check failover; an operator moves users with Route 53 "
                    "Application Recovery Controller routing controls (or a manual record change) once the "
                    "recovery region is ready"),
            choices=("failover", "latency", "multivalue"),
        ),
        Warn(
            id="dns-routing.multivalue-is-not-an-alias",
            title="Multivalue answers cannot point at a load balancer",
            rationale=("A multivalue answer record returns up to eight healthy IP addresses, each a record of its "
                       "own with its own health check; it cannot be an alias, and a load balancer is reached only "
                       "through an alias (or CNAME) because its addresses change. With a load balancer, a simple "
                       "alias record is enough: the load balancer spreads requests and checks its targets."),
            sources=(N_ROUTING, MULTIVALUE_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.decided("load-balancer", "alb", "nlb", subject=None),
            reason=("routing is multivalue but a load balancer ({decision.load-balancer}) fronts the servers: point "
                    "a simple alias record at it, or drop it and answer with the instances' addresses"),
            choices=("multivalue",),
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



# -- regional-failover ----------------------------------------------------------------
# How users are moved to the recovery region: what switches, and who decides. Its drawing, template and
# price are registered beside the rules, at the end of this module.
ORIGIN_GROUP_BEHAVIOUR_DOC = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/"
                              "high_availability_origin_failover.html")
ORIGIN_GROUP_REQUESTS_DOC = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/"
                             "RequestAndResponseBehaviorOriginGroups.html")
PRIVATE_ZONE_FAILOVER_DOC = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-private-hosted-zones.html"
HEALTH_CHECK_FAILOVER_DOC = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover.html"
ROUTING_CONTROL_CREATE_DOC = "https://docs.aws.amazon.com/r53recovery/latest/dg/routing-control.create.html"
READINESS_CHANGE_DOC = "https://docs.aws.amazon.com/r53recovery/latest/dg/arc-readiness-availability-change.html"
REGION_SWITCH_DOC = "https://docs.aws.amazon.com/r53recovery/latest/dg/region-switch.html"
DATA_PLANE_DOC = ("https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/"
                  "route-53-concepts.html#route-53-concepts-control-and-data-plane")
STATIC_SITE_CHOICES = ("lambda", "fargate", "ecs-on-ec2", "eks", "ec2-auto-scaling", "elastic-beanstalk")


def _failover_raised(c) -> list:
    """A second region that users must be moved to: scope multi-region for a system clients call. Global
    Accelerator moves them itself (health checks, traffic dials: see the edge decision's warnings), so the
    question is not asked behind an accelerator."""
    from .common import nothing_calls_in
    from .frontdoor import WHOLE

    if nothing_calls_in(c) or not c.eq("availability.scope", "multi-region"):
        return []
    return [] if c.decided("edge", "global-accelerator") else WHOLE


def reads_only(c) -> bool:
    """Clients only read what the front door serves (GET and HEAD): said with entry.read_only, or a static site
    (static content, no API, no application code): every request can then be retried on another origin."""
    if c.given("entry.read_only"):
        return c.true("entry.read_only")
    return (c.true("entry.static_content") and not c.one_of("entry.api", "rest", "graphql")
            and not app_runs_on(c, *STATIC_SITE_CHOICES))


REGIONAL_FAILOVER = Concern(
    id="regional-failover",
    title="Regional failover mechanism",
    question="What moves users to the recovery region, and who decides when?",
    subject_kind="none",
    choices=("cloudfront-origin-failover", "route53-health-checks", "application-recovery-controller",
             "manual-dns-change"),
    raised=_failover_raised,
    depends_on=("compute", "edge", "dr-strategy", "dns-routing"),
    rules=(
        Eliminate(
            id="regional-failover.automatic-switches-when-manual",
            title="Failover is an operator's decision: nothing switches by itself",
            rationale=("A CloudFront origin group retries the secondary origin by itself, and Route 53 health "
                       "checks move users off a failing endpoint by themselves. When an operator decides when to "
                       "fail over (the data tier must be promoted first), neither may move users on its own."),
            sources=(ORIGIN_GROUP_BEHAVIOUR_DOC, HEALTH_CHECK_FAILOVER_DOC, ROUTING_CONTROL_DOC),
            pillars=("reliability", "operational-excellence"),
            when=lambda c, t: c.eq("availability.failover", "manual"),
            reason=("failover is manual: an origin group or a health check would move users before the operator "
                    "has promoted the recovery region"),
            choices=("cloudfront-origin-failover", "route53-health-checks"),
        ),
        Eliminate(
            id="regional-failover.operator-switch-needs-an-operator",
            title="Automatic failover: no operator's switch in the path",
            rationale=("Routing controls and record changes are actions an operator takes; with failover: "
                       "automatic the switch must happen without waiting for one."),
            sources=(ROUTING_CONTROL_DOC, HEALTH_CHECK_FAILOVER_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.eq("availability.failover", "automatic"),
            reason="failover is automatic (rto {availability.rto}): no one must have to act for users to move",
            choices=("application-recovery-controller", "manual-dns-change"),
        ),
        Eliminate(
            id="regional-failover.origin-group-needs-cloudfront",
            title="Origin failover is a CloudFront feature",
            rationale="An origin group belongs to a CloudFront distribution; without one there is no origin to fail over.",
            sources=(ORIGIN_GROUP_BEHAVIOUR_DOC,),
            pillars=("reliability",),
            when=lambda c, t: not c.decided("edge", "cloudfront"),
            reason="the design has no CloudFront distribution in front (edge: {decision.edge})",
            choices=("cloudfront-origin-failover",),
        ),
        Eliminate(
            id="regional-failover.origin-group-retries-reads-only",
            title="An origin group fails over GET, HEAD and OPTIONS requests only",
            rationale=("CloudFront sends a request to the secondary origin only for GET, HEAD and OPTIONS when the "
                       "primary times out or returns a configured error; a POST or PUT to a failed primary fails. "
                       "An application that takes writes moves its users with DNS instead."),
            sources=(ORIGIN_GROUP_BEHAVIOUR_DOC, ORIGIN_GROUP_REQUESTS_DOC),
            pillars=("reliability",),
            when=lambda c, t: not reads_only(c),
            reason=("clients do not only read (read_only is {entry.read_only}, api is {entry.api}, compute is "
                    "{decision.compute}): an origin group would not retry their writes on the second region"),
            choices=("cloudfront-origin-failover",),
        ),
        Eliminate(
            id="regional-failover.origin-group-serves-from-one-region",
            title="Both regions serve: an origin group sends everything to its primary",
            rationale=("An origin group always sends requests to its primary origin while it answers; when both "
                       "regions must serve users (multi-site), the origin is a latency-routed Route 53 name whose "
                       "health checks drop a failed region."),
            sources=(ORIGIN_GROUP_BEHAVIOUR_DOC, ROUTING_DOC),
            pillars=("performance-efficiency", "reliability"),
            when=lambda c, t: c.decided("dr-strategy", "multi-site-active-active"),
            reason="the DR strategy is {decision.dr-strategy}: every region serves, which an origin group never does",
            choices=("cloudfront-origin-failover",),
        ),
        Select(
            id="regional-failover.routing-control-for-a-short-rto",
            title="An operator fails over within the hour: ARC routing controls",
            rationale=("Route 53 Application Recovery Controller routing controls are on/off switches on a cluster "
                       "of five regional endpoints, tied to Route 53 health checks on the failover records: "
                       "flipping one is a data-plane action that works when a region, or Route 53's own control "
                       "plane in us-east-1, is impaired, and safety rules stop an operator from turning every "
                       "region off. That is what a deliberate failover within a short RTO needs; a cluster costs "
                       "about $1,800 a month, so it is not chosen when hours are acceptable."),
            sources=(ROUTING_CONTROL_DOC, ROUTING_CONTROL_CREATE_DOC, DATA_PLANE_DOC),
            pillars=("reliability", "operational-excellence"),
            thresholds={"rto": "1h"},
            when=lambda c, t: c.eq("availability.failover", "manual") and c.le("availability.rto", t.rto),
            reason=("failover is manual and rto is {availability.rto}, at most {t.rto}: the operator flips ARC "
                    "routing controls, a data-plane switch that works during the event, with safety rules"),
            choice="application-recovery-controller",
        ),
        Select(
            id="regional-failover.operator-changes-records",
            title="An operator fails over within hours: change the DNS records by hand",
            rationale=("With hours to recover, an operator following a runbook changes the Route 53 records (or "
                       "updates the stack) once the recovery region is promoted; no routing-control cluster is "
                       "paid for all year."),
            sources=(HEALTH_CHECK_FAILOVER_DOC, DR_WHITEPAPER),
            pillars=("cost-optimization", "operational-excellence"),
            when=lambda c, t: c.eq("availability.failover", "manual"),
            reason=("failover is manual and rto is {availability.rto}: an operator changes the records once the "
                    "recovery region is ready, which hours allow"),
            choice="manual-dns-change",
        ),
        Select(
            id="regional-failover.origin-group-for-reads",
            title="A site clients only read: CloudFront origin failover",
            rationale=("A CloudFront origin group with the primary region's origin (an S3 bucket or a load "
                       "balancer) and the recovery region's copy retries a failed or erroring request on the "
                       "secondary at once, per request: no DNS change, no resolver caches to wait for."),
            sources=(ORIGIN_GROUP_BEHAVIOUR_DOC, ORIGIN_GROUP_REQUESTS_DOC, N_ROUTING),
            pillars=("reliability", "performance-efficiency"),
            when=lambda c, t: c.decided("edge", "cloudfront") and reads_only(c),
            reason=("CloudFront is the edge and clients only read: an origin group retries each failed request on "
                    "the recovery region's origin, without waiting for DNS"),
            choice="cloudfront-origin-failover",
        ),
        Select(
            id="regional-failover.health-checked-records",
            title="Automatic failover of an application: Route 53 health checks",
            rationale=("Route 53 health checks on the regional endpoints take a failed region out of the "
                       "failover (or latency) answers by themselves; health checks run on Route 53's data plane, "
                       "so they act during an event without any control-plane change."),
            sources=(HEALTH_CHECK_FAILOVER_DOC, DATA_PLANE_DOC, N_ROUTING),
            pillars=("reliability",),
            reason=("failover is {availability.failover} and the DR strategy is {decision.dr-strategy}: Route 53 "
                    "health checks move users away from a failed region by themselves"),
            choice="route53-health-checks",
        ),
        Warn(
            id="regional-failover.readiness-checks-closed",
            title="ARC readiness checks are closed to new customers",
            rationale=("ARC's readiness check feature is no longer open to new customers (existing ones keep "
                       "it); routing controls are unaffected. New designs check the standby's readiness with ARC "
                       "Region switch plans (which also run the failover steps) or AWS Config rules, and rehearse "
                       "the failover."),
            sources=(READINESS_CHANGE_DOC, REGION_SWITCH_DOC),
            pillars=("reliability", "operational-excellence"),
            when=lambda c, t: c.eq("availability.failover", "manual"),
            reason=("readiness checks (the exam's companion of routing controls) no longer accept new customers: "
                    "check the standby with an ARC Region switch plan or AWS Config rules, and rehearse"),
            choices=("application-recovery-controller",),
        ),
        Warn(
            id="regional-failover.record-change-uses-the-control-plane",
            title="Changing a record uses Route 53's control plane",
            rationale=("Creating or changing records goes through Route 53's control plane, hosted in us-east-1; "
                       "AWS's guidance for recovery is to rely on data-plane actions (health checks, routing "
                       "controls). Keep the secondary record in place and switch with an inverted health check "
                       "or a stack update, and rehearse the runbook."),
            sources=(DATA_PLANE_DOC, HEALTH_CHECK_FAILOVER_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.eq("availability.failover", "manual"),
            reason=("failover is manual with rto {availability.rto}: a record change needs Route 53's control "
                    "plane (us-east-1), which an event there can impair; pre-create the secondary record and "
                    "rehearse the switch"),
            choices=("manual-dns-change",),
        ),
        Warn(
            id="regional-failover.health-checkers-cannot-reach-inside",
            title="Route 53 health checkers cannot reach an internal endpoint",
            rationale=("Route 53's health checkers run on the internet: they cannot reach a load balancer or "
                       "instance with only private addresses. Records in a private hosted zone fail over on health "
                       "checks that watch a CloudWatch alarm instead (an alarm on the target group's healthy host "
                       "count, say); the site resolves those records through a Route 53 Resolver inbound endpoint."),
            sources=(N_ROUTING, PRIVATE_ZONE_FAILOVER_DOC, HEALTH_CHECK_FAILOVER_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.eq("users.audience", "internal") and c.present("hybrid.link"),
            reason=("audience is internal over the hybrid link, so the endpoints are internal: fail over on health "
                    "checks that watch CloudWatch alarms, with failover records in a private hosted zone the site "
                    "resolves through a Route 53 Resolver inbound endpoint"),
            choices=("route53-health-checks",),
        ),
    ),
)


CONCERNS = [DNS_ROUTING, REGIONAL_FAILOVER]


# -- what a regional-failover decision adds: drawing, template and price, registered beside its rules --------
FAILOVER_NOTES = {
    "cloudfront-origin-failover": "origin group: primary + secondary",
    "route53-health-checks": "health checks move users",
    "manual-dns-change": "records switched by an operator",
}


@draws("regional-failover", stage=110)
def failover_mechanism(b: "Builder") -> None:
    """Written on what switches: CloudFront's origin group (with its secondary origin in the recovery region),
    the Route 53 records, or an ARC cluster whose routing controls drive those records. Runs after the second
    region (stage 100), whose copies are the secondary origins."""
    decided = b.choices("regional-failover")
    if not decided:
        return
    d = decided[0]
    key, choice = b.key(d), d["choice"]
    if choice == "cloudfront-origin-failover" and b.edge_node:
        b.c.annotate(b.edge_node, key, FAILOVER_NOTES[choice])
        b.c.nodes[b.edge_node].role = "origin-failover"
        _secondary_bucket_origins(b, key)
        return
    if not b.c.has("route53"):
        b.c.add("route53", "route53", "Route 53", b.cloud(), role="dns", because=key)
        b.c.link(b.users(), "route53", "DNS query", "dotted", "dns")
    if choice == "application-recovery-controller":
        node = b.c.add("arc", choice, "ARC routing controls\n(operator's switch)", b.cloud(), key,
                       role="routing-control")
        b.c.link(node, "route53", "routing control health checks", "dotted", "dns")
        return
    b.c.annotate("route53", key, FAILOVER_NOTES[choice])


def _secondary_bucket_origins(b: "Builder", key: str) -> None:
    """Each S3 origin of the distribution gets its recovery-region copy as the group's secondary: the store's
    replica when the DR strategy made one, else a bucket kept in step by cross-region replication."""
    from ..architecture.recovery import replicate_origins

    replicate_origins(b, key)
    for link in [l for l in list(b.c.links.values()) if l.source == b.edge_node]:
        copy = f"r2-{link.target}"
        if b.c.service_of(link.target) in BUCKETS and b.where(link.target)[0] == 1 and b.c.has(copy):
            b.c.link(b.edge_node, copy, "origin group: secondary (OAC)", "dashed")


@pricer("application-recovery-controller")
def routing_control_cost(ctx, item):
    """One cluster hosts the routing controls; the health checks they drive are priced with Route 53."""
    return [line(ctx, "ARC routing control cluster", HOURS, "arc-cluster-hour",
                 note="one cluster for the application's routing controls")]


@templates("application-recovery-controller", stage=8)
def routing_controls(gen, unit) -> None:
    """A cluster, a control panel, a routing control per region and the RECOVERY_CONTROL health checks the
    failover records use (see cloudformation.edge.route53). Routing control configuration lives in us-west-2
    (AWS: 'you must specify the US West (Oregon) Region'), so it goes in that region's template."""
    from ..cloudformation.core import Template, att, ref, sub

    template = next((t for t in gen.templates.values() if t.region == ARC_REGION), None)
    if template is None:
        template = gen.templates.setdefault(ARC_TEMPLATE, Template(
            ARC_REGION, f"archadvisor: {gen.name}, Application Recovery Controller routing controls (their "
                        "configuration lives in us-west-2)."))
    cluster = template.logical(unit.name, "Cluster")
    template.add(cluster, "AWS::Route53RecoveryControl::Cluster", {"Name": sub("${AWS::StackName}-recovery")},
                 unit.origin("five regional endpoints that take routing control changes"))
    panel = template.logical(unit.name, "ControlPanel")
    template.add(panel, "AWS::Route53RecoveryControl::ControlPanel", {
        "Name": sub("${AWS::StackName}-failover"), "ClusterArn": att(cluster, "ClusterArn")}, unit.origin())
    checks = {}
    for cell in ("primary", "secondary"):
        control = template.logical(f"{unit.name}-{cell}", "RoutingControl")
        template.add(control, "AWS::Route53RecoveryControl::RoutingControl", {
            "Name": sub(f"${{AWS::StackName}}-{cell}"), "ClusterArn": att(cluster, "ClusterArn"),
            "ControlPanelArn": att(panel, "ControlPanelArn")}, unit.origin(f"on/off switch of the {cell} region"))
        check = template.logical(f"{unit.name}-{cell}", "HealthCheck")
        template.add(check, "AWS::Route53::HealthCheck", {"HealthCheckConfig": {
            "Type": "RECOVERY_CONTROL", "RoutingControlArn": att(control, "RoutingControlArn")}},
            unit.origin(f"healthy while the {cell} routing control is on"))
        checks[cell] = (template, check)
        template.output(f"{check}Id", ref(check), f"health check of the {cell} routing control")
    gen.refs["routing-controls"] = checks
    gen.add_manual("To fail over, turn the primary routing control off and the secondary on through one of the "
                   "cluster's endpoints (a safety rule keeps at least one on); set both routing controls' initial "
                   "state (primary on) after the stack is created.", unit)


ARC_REGION = "us-west-2"
ARC_TEMPLATE = "#arc"
