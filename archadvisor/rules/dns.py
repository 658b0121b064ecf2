"""DNS routing: which Route 53 routing policy answers users' queries.

Sources: the notes section "Route53 Routing Policies", the DR whitepaper and the Route 53 and
Application Recovery Controller pages cited per rule. Who raises the concern: rules.frontdoor.
"""
from __future__ import annotations

from ..engine.model import Concern, Select, Warn
from .frontdoor import (
    ACCELERATOR_DOC, DR_WHITEPAPER, N_ACCELERATOR, N_ROUTING, ROUTING_CONTROL_DOC, ROUTING_DOC, dns_raised,
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
    raised=dns_raised,
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


CONCERNS = [DNS_ROUTING]
