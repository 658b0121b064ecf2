"""One global endpoint over an object store replicated in two regions: S3 Multi-Region Access Points.

When the system runs in a second region that holds a replica of a bucket, clients and application servers in
both regions can use one global endpoint: the access point routes each request to the closest bucket over the
AWS network (active-active), or to the active one with failover controls that move traffic to the other
(active-passive). Its drawing, template and price are registered here, beside its rules.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..architecture.registry import draws
from ..cloudformation.registry import templates
from ..cost.pricing import line, pricer
from ..engine.model import Concern, Select, Warn
from .common import stores

if TYPE_CHECKING:
    from ..architecture.build import Builder

MRAP_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiRegionAccessPoints.html"
MRAP_FAILOVER = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/MrapFailover.html"
RTC_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html"
REPLICATING = ("multi-site-active-active", "warm-standby", "pilot-light")
READABLE = ("frequent", "infrequent", "unknown")


def _replicated_for_users(c) -> bool:
    """A readable object store of a system that runs in two regions for users in several: both regions hold
    a replica (every strategy but backup and restore replicates the data)."""
    return (c.one_of("users.geography", "global", "multi-region")
            and c.decided("dr-strategy", *REPLICATING, subject=None)
            and (not c.given("this.access") or c.one_of("this.access", *READABLE)))


MULTI_REGION_OBJECTS = Concern(
    id="multi-region-object-access",
    title="One global endpoint for a bucket replicated in two regions",
    question="How do clients in several regions reach the nearest or the surviving copy of this bucket?",
    subject_kind="store",
    choices=("s3-multi-region-access-point",),
    raised=stores("object", where=_replicated_for_users),
    depends_on=("dr-strategy",),
    rules=(
        Select(
            id="multi-region-object-access.nearest-bucket",
            title="Both regions serve: a Multi-Region Access Point routing to the nearest bucket",
            rationale=("An S3 Multi-Region Access Point is one global endpoint over buckets in several regions; in "
                       "active-active routing it sends each request to the closest bucket over the AWS network, "
                       "and replication keeps the buckets in step."),
            sources=(MRAP_DOC,),
            pillars=("performance-efficiency", "reliability"),
            when=lambda c, t: c.decided("dr-strategy", "multi-site-active-active", subject=None),
            reason=("users are {users.geography} and both regions serve ({decision.dr-strategy}): one Multi-Region "
                    "Access Point routes each request for {subject} to the nearest replica"),
            choice="s3-multi-region-access-point",
        ),
        Select(
            id="multi-region-object-access.failover",
            title="A standby region: a Multi-Region Access Point with failover controls",
            rationale=("With an active and a passive bucket, the access point sends requests to the active one; its "
                       "failover controls move them to the passive region's bucket within minutes, without "
                       "changing the endpoint clients use."),
            sources=(MRAP_DOC, MRAP_FAILOVER),
            pillars=("reliability",),
            reason=("users are {users.geography} and the recovery region holds a replica ({decision.dr-strategy}): one "
                    "endpoint for {subject}, whose failover controls shift requests to the recovery region"),
            choice="s3-multi-region-access-point",
        ),
        Warn(
            id="multi-region-object-access.replication-lag",
            title="Replication between the buckets is asynchronous",
            rationale=("Cross-Region Replication copies most objects within seconds but gives no bound; S3 "
                       "Replication Time Control replicates 99.99% of new objects within 15 minutes, so an object "
                       "written just before a failover may not be in the other bucket yet."),
            sources=(RTC_DOC,),
            pillars=("reliability",),
            thresholds={"rtc": "15m"},
            when=lambda c, t: c.lt("availability.rpo", t.rtc),
            reason=("rpo is {availability.rpo}, under the {t.rtc} within which Replication Time Control replicates "
                    "99.99% of objects: enable RTC and expect the newest objects to be missing after a failover"),
            choices=("s3-multi-region-access-point",),
        ),
    ),
)

CONCERNS = [MULTI_REGION_OBJECTS]


@draws("multi-region-object-access", stage=106)
def global_object_endpoint(b: "Builder") -> None:
    """After the second region is drawn: the applications of both regions call the one endpoint, which routes
    to the primary bucket and its replica."""
    from ..architecture.canvas import slug

    for d in b.to_draw("multi-region-object-access"):
        name, key = str(d["subject"]), b.key(d)
        primary = b.stores.get(name, {}).get("node")
        if not primary:
            continue
        endpoint = b.c.add(f"mrap-{slug(name)}", "s3-multi-region-access-point",
                           f"S3 Multi-Region Access Point\n{name}", b.cloud(), key, role="cross-region-endpoint")
        for app in b.apps[1] + b.apps[2]:
            b.c.link(app, endpoint, "global endpoint", kind="data")
        b.c.link(endpoint, primary, "routes", kind="data")
        replica = f"r2-{primary}"
        if b.c.has(replica):
            b.c.link(endpoint, replica, "routes (failover)", kind="data")


@pricer("s3-multi-region-access-point")
def global_endpoint_cost(ctx, item):
    """Data routed through the endpoint, per GB; storage and replication are priced with the buckets."""
    from ..cost.context import READS_PER_MONTH

    store = ctx.store(item.subject)
    routed = ctx.store_gb(store) * READS_PER_MONTH[store.get("access") or "unknown"]
    return [line(ctx, "Multi-Region Access Point data routing", routed, "s3-mrap-routing-gb",
                 note="the share of the store read a month, routed through the endpoint")]


@templates("s3-multi-region-access-point", stage=6)
def global_endpoint_template(gen, unit) -> None:
    """The access point over the primary bucket and its replica, named alike in both regions' templates."""
    from ..cloudformation.core import ref, sub
    from ..cloudformation.data import identifier

    buckets = [u for u in gen.linked(unit) if gen.refs.get(u.name, {}).get("bucket")]
    if not buckets:
        gen.add_manual("Create the S3 Multi-Region Access Point over the store's buckets in both regions.", unit)
        return
    primary = buckets[0]
    regions = [{"Bucket": ref(gen.refs[primary.name]["bucket"])},
               {"Bucket": sub(identifier(gen, f"r2-{primary.lead.id}", 48) + "-${AWS::AccountId}")}]
    unit.template.add(unit.logical("AccessPoint"), "AWS::S3::MultiRegionAccessPoint", {
        "Name": identifier(gen, f"mrap-{unit.subject}", 50), "Regions": regions,
        "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "BlockPublicPolicy": True,
                                           "IgnorePublicAcls": True, "RestrictPublicBuckets": True}},
        unit.origin("one global endpoint over the bucket and its replica in the recovery region"))
    gen.add_manual("Deploy the recovery region's stack first: the Multi-Region Access Point names its bucket. "
                   "Set the routing (active-active, or active-passive with failover controls) after creation.", unit)
