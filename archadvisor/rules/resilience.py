"""Disaster recovery strategy across regions, from RTO and RPO.

Source: notes "Pilot light" and the AWS whitepaper "Disaster Recovery of
Workloads on AWS", which orders the four strategies by RTO/RPO and cost:
backup and restore (hours), pilot light (tens of minutes), warm standby
(minutes), multi-site active/active (near zero).
"""
from __future__ import annotations

from ..engine.context import Context
from ..engine.model import Concern, Eliminate, Select, Subject, Warn
from .common import when

DR_WHITEPAPER = ("https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/"
                 "disaster-recovery-options-in-the-cloud.html")
PILOT_LIGHT = "notes: Pilot light"
WARM_STANDBY_DOC = ("https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/"
                    "disaster-recovery-options-in-the-cloud.html#warm-standby")
ROUTING_CONTROL_DOC = "https://docs.aws.amazon.com/r53recovery/latest/dg/routing-control.html"
ACTIVE_ACTIVE_DOC = ("https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/"
                     "disaster-recovery-options-in-the-cloud.html#multi-site-activeactive")
AVAILABILITY_EXAMPLES = ("https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/"
                         "availability.html")

# Strategies that keep the data replicated in the recovery region; backup and restore copies backups.
REPLICATED_DR = ("pilot-light", "warm-standby", "multi-site-active-active")

def _writes_in_every_region(c: Context) -> bool:
    """Some data store takes writes in several regions: every region then serves, which is active/active."""
    for item in c.workload.values.get("data") or []:
        if not isinstance(item, dict) or not item.get("multi_region_writes"):
            continue
        scoped = c.for_subject(Subject(item["name"], f"data[{item['name']}]", item))
        if scoped.true("this.multi_region_writes"):
            c.reads.extend(scoped.reads)  # the store's flag is the evidence of the decision
            return True
    return False


def _second_region_serves_users(c: Context) -> bool:
    """Users in several regions or worldwide and no RTO: the second region is there to serve them nearby
    (latency), not only to recover, so nothing pushes the design down to backup and restore."""
    return c.one_of("users.geography", "global", "multi-region") and not c.given("availability.rto")


def _dr_raised(c: Context) -> bool:
    """A second region is asked for (scope multi-region; the derived scope is never multi-region). Its name
    is read here, so a default recovery region is listed under Assumptions and drawn by that name."""
    if not c.eq("availability.scope", "multi-region"):
        return False
    c.value("availability.dr_region")
    return True


DR = Concern(
    id="dr-strategy",
    title="Disaster recovery strategy",
    question="How should the system recover from the loss of its primary region?",
    subject_kind="none",
    choices=("backup-restore", *REPLICATED_DR),
    raised=when(_dr_raised),
    rules=(
        Select(
            id="dr-strategy.active-active",
            title="Near-zero RTO needs both regions serving",
            rationale=("Only a multi-site active/active deployment recovers with no noticeable downtime: both "
                       "regions already take traffic, so losing one is a routing change, not a recovery."),
            sources=(DR_WHITEPAPER,),
            pillars=("reliability",),
            thresholds={"rto": "1m"},
            when=lambda c, t: c.lt("availability.rto", t.rto),
            reason="rto is {availability.rto}, under {t.rto}: both regions must already serve traffic",
            choice="multi-site-active-active",
        ),
        Select(
            id="dr-strategy.writes-in-every-region",
            title="Writes in every region: both regions serve (multi-site)",
            rationale=("When a data store accepts writes in several regions, every region already takes traffic: "
                       "that is the multi-site active/active strategy, whatever the RTO. The DR whitepaper places "
                       "write-global and write-local active/active under multi-site."),
            sources=(DR_WHITEPAPER, ACTIVE_ACTIVE_DOC),
            pillars=("reliability", "performance-efficiency"),
            when=lambda c, t: _writes_in_every_region(c),
            reason=("a data store takes writes in every region (multi_region_writes), so each region serves "
                    "traffic: multi-site active/active (rto {availability.rto})"),
            choice="multi-site-active-active",
        ),
        Select(
            id="dr-strategy.five-nines",
            title="99.999% leaves no time to recover: both regions serve",
            rationale=("A 99.999% target allows about five minutes of downtime a year; the Reliability pillar's "
                       "availability examples reach it only with every region serving and traffic shifted away "
                       "from a failed one automatically (multi-site)."),
            sources=(DR_WHITEPAPER, AVAILABILITY_EXAMPLES),
            pillars=("reliability",),
            thresholds={"target": "99.999%"},
            when=lambda c, t: c.ge("availability.target", t.target),
            reason="target is {availability.target}, at least {t.target}: only regions that all serve can fail over "
                   "within about five minutes a year",
            choice="multi-site-active-active",
        ),
        Select(
            id="dr-strategy.serve-users-in-each-region",
            title="A second region for nearby users: both regions serve",
            rationale=("A second region chosen because users are in several regions or worldwide serves the users "
                       "near it; it is not a standby. With no RTO to say otherwise, both regions serve (multi-site), "
                       "which latency routing and globally replicated data then build on."),
            sources=(DR_WHITEPAPER, ACTIVE_ACTIVE_DOC),
            pillars=("performance-efficiency", "reliability"),
            when=lambda c, t: _second_region_serves_users(c),
            reason=("users are {users.geography} and no rto is given: the second region serves the users near it, "
                    "so both regions take traffic (multi-site active/active)"),
            choice="multi-site-active-active",
        ),
        Select(
            id="dr-strategy.standby-at-full-capacity",
            title="A full-size standby that takes no traffic: warm standby at full capacity",
            rationale=("A warm standby is a fully functional copy that takes no traffic until failover; scaled to "
                       "full production capacity (what the DR whitepaper calls hot standby) it needs no scale-out, "
                       "so failover is only a routing change. Both regions serving users is multi-site, decided "
                       "above from an RTO under a minute, writes in every region, 99.999% or users in each region."),
            sources=(DR_WHITEPAPER, WARM_STANDBY_DOC),
            pillars=("reliability",),
            thresholds={"capacity": "100%"},
            when=lambda c, t: c.ge("availability.standby_capacity", t.capacity),
            reason=("standby_capacity is {availability.standby_capacity}: a full-size copy runs in the recovery "
                    "region without taking traffic, a warm standby at full capacity (rto {availability.rto})"),
            choice="warm-standby",
        ),
        Select(
            id="dr-strategy.scaled-down-standby-runs",
            title="A scaled-down copy kept running: warm standby",
            rationale=("Any running copy of the application in the recovery region, smaller than production, is a "
                       "warm standby: it serves at once and scales out on failover. Whatever the RTO would allow, "
                       "the workload says it keeps one running."),
            sources=(DR_WHITEPAPER, WARM_STANDBY_DOC),
            pillars=("reliability", "cost-optimization"),
            thresholds={"capacity": "0%"},
            when=lambda c, t: c.gt("availability.standby_capacity", t.capacity),
            reason=("standby_capacity is {availability.standby_capacity}: a scaled-down copy runs in the recovery "
                    "region and scales out on failover (rto {availability.rto})"),
            choice="warm-standby",
        ),
        Eliminate(
            id="dr-strategy.nothing-runs-in-the-standby",
            title="Nothing running in the recovery region: neither warm standby nor multi-site",
            rationale=("Warm standby and multi-site keep application servers running in the recovery region; with "
                       "none running, what remains is pilot light (data replicated, servers started on failover) "
                       "or backup and restore."),
            sources=(DR_WHITEPAPER, PILOT_LIGHT),
            pillars=("cost-optimization",),
            thresholds={"capacity": "0%"},
            when=lambda c, t: c.le("availability.standby_capacity", t.capacity),
            reason=("standby_capacity is {availability.standby_capacity}: no server runs in the recovery region "
                    "before a failover"),
            choices=("warm-standby", "multi-site-active-active"),
        ),
        Select(
            id="dr-strategy.warm-standby",
            title="Minutes of RTO: a scaled-down copy always running",
            rationale=("A warm standby runs a scaled-down but fully functional copy in the second region; failover "
                       "only scales it out, which takes minutes."),
            sources=(DR_WHITEPAPER,),
            pillars=("reliability", "cost-optimization"),
            thresholds={"rto": "30m"},
            when=lambda c, t: c.lt("availability.rto", t.rto),
            reason="rto is {availability.rto}, under {t.rto}: a running, scaled-down copy can take over in minutes",
            choice="warm-standby",
        ),
        Select(
            id="dr-strategy.pilot-light",
            title="Tens of minutes to hours of RTO: replicate data, keep the core off",
            rationale=("A pilot light keeps the data replicated and the core pieces ready in the second region; "
                       "application servers are started and scaled only on failover."),
            sources=(PILOT_LIGHT, DR_WHITEPAPER),
            pillars=("reliability", "cost-optimization"),
            thresholds={"rto": "4h", "rpo": "1h"},
            when=lambda c, t: c.le("availability.rto", t.rto) or c.lt("availability.rpo", t.rpo),
            reason=("rto is {availability.rto} and rpo is {availability.rpo}: an RTO of {t.rto} or less, or an RPO "
                    "under {t.rpo}, is too soon to rebuild from backups, so the data is replicated and the core kept "
                    "ready, while servers start on failover"),
            choice="pilot-light",
        ),
        Select(
            id="dr-strategy.backup-restore",
            title="Hours of RTO and RPO: restore from backups",
            rationale=("Backups copied to the second region and restored on demand cost least; recovery takes hours "
                       "and loses the data written since the last backup."),
            sources=(DR_WHITEPAPER,),
            pillars=("cost-optimization", "reliability"),
            reason="rto is {availability.rto} and rpo is {availability.rpo}: hours of recovery are acceptable",
            choice="backup-restore",
        ),
        Warn(
            id="dr-strategy.manual-failover-too-slow",
            title="A manual regional failover cannot meet an RTO of minutes",
            rationale=("Failing a system over to another region by hand takes an operator time to be alerted, to "
                       "decide, to promote the data tier and to switch traffic; AWS's guidance is to automate "
                       "failover when the recovery time objective is shorter than that, and to rehearse it."),
            sources=(DR_WHITEPAPER, ROUTING_CONTROL_DOC),
            pillars=("reliability", "operational-excellence"),
            thresholds={"rto": "15m"},
            when=lambda c, t: c.eq("availability.failover", "manual") and c.lt("availability.rto", t.rto),
            reason=("failover is manual but rto is {availability.rto}, under {t.rto}: an operator rarely detects, "
                    "decides and switches regions that fast; automate the failover (with Application Recovery "
                    "Controller routing controls as a safety switch) or accept a longer rto"),
            choices=(),
        ),
        Warn(
            id="dr-strategy.standby-off-cannot-meet-minutes",
            title="Nothing running cannot take over within minutes",
            rationale=("Starting and scaling application servers from nothing (pilot light) takes tens of minutes; "
                       "an RTO under 30 minutes needs a copy already running."),
            sources=(DR_WHITEPAPER,),
            pillars=("reliability",),
            thresholds={"capacity": "0%", "rto": "30m"},
            when=lambda c, t: (c.le("availability.standby_capacity", t.capacity)
                               and c.lt("availability.rto", t.rto)),
            reason=("standby_capacity is {availability.standby_capacity} but rto is {availability.rto}, under "
                    "{t.rto}: servers started from nothing rarely serve that fast; keep a scaled-down copy running "
                    "or accept a longer rto"),
            choices=(),
        ),
        Warn(
            id="dr-strategy.standby-runs-longer-than-the-rto-needs",
            title="A running standby where hours of RTO would allow none",
            rationale=("With an RTO of hours a pilot light or backups meet the objective; a copy running all year "
                       "costs its share of the primary's compute every month."),
            sources=(DR_WHITEPAPER,),
            pillars=("cost-optimization",),
            thresholds={"capacity": "0%", "rto": "4h"},
            when=lambda c, t: (c.gt("availability.standby_capacity", t.capacity)
                               and c.gt("availability.rto", t.rto)),
            reason=("standby_capacity is {availability.standby_capacity} and rto is {availability.rto}, over "
                    "{t.rto}: a pilot light would meet it without servers running; keep the standby only if it "
                    "is needed for another reason (load tests, fast rehearsals)"),
            choices=("warm-standby",),
        ),
        Warn(
            id="dr-strategy.rpo-zero-across-regions",
            title="Zero RPO across regions needs synchronous writes",
            rationale=("Cross-region replication (Aurora Global Database, DynamoDB global tables, S3 CRR) is "
                       "asynchronous: a region loss can lose the last second or so of writes."),
            sources=("https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html",),
            pillars=("reliability",),
            when=lambda c, t: c.lt("availability.rpo", "1s"),
            reason=("rpo is {availability.rpo}: AWS cross-region replication is asynchronous (typically under a "
                    "second of lag), so a true zero RPO needs the application to write to both regions"),
            choices=(),
        ),
    ),
)

CONCERNS = [DR]
