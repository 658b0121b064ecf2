"""Object storage: the S3 storage class of each object store, from how often it is read, how fast an archived
object must come back (a word or a duration), how its objects age, and what reads it.

Sources: notes "S3 Storage Classes" and "S3 Lifecycle Management", and the AWS pages linked from each rule.
Split from rules.storage (which lists this concern) when the ageing and retrieval-time rules were added.
"""
from __future__ import annotations

from ..engine.context import Context
from ..engine.model import Concern, Eliminate, Select, Warn
from .common import stores
from .resilience import REPLICATED_DR
from .lifecycle import DEEP_ARCHIVE_BULK, DEEP_ARCHIVE_FASTEST, FLEXIBLE_FASTEST, FLEXIBLE_STANDARD, IA_MINIMUM_DAYS, \
    LIFECYCLE_DOC
from .object_readers import READERS_ELIMINATE, READERS_RESTORE_WARN, READERS_WARN, timed

S3_CLASSES = "notes: S3 Storage Classes"
S3_LIFECYCLE = "notes: S3 Lifecycle Management"
S3_CLASSES_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html"
S3_RESTORE_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects-retrieval-options.html"
S3_PERFORMANCE = "notes: Maximizing S3 Read/Write Performance"
S3_CRR = "notes: S3 Cross Region Replication"
OBJECT_LOCK_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html"
S3_RTC_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html"
S3_PERFORMANCE_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html"
# Requests per second S3 serves per partitioned prefix (S3 User Guide, best practices design patterns).
PREFIX_RATES = {"reads": "5500/s", "writes": "3500/s"}
RESTORE_TIMES = {"flexible_fastest": FLEXIBLE_FASTEST, "flexible_standard": FLEXIBLE_STANDARD,
                 "deep_archive_fastest": DEEP_ARCHIVE_FASTEST, "deep_archive_bulk": DEEP_ARCHIVE_BULK}


def _ages(c: Context) -> bool:
    """The store says how its objects age (an S3 Lifecycle plan)."""
    infrequent, archive = c.given("this.infrequent_after"), c.given("this.archive_after")
    return infrequent or archive


# ------------------------------------------------------------------------------------- object-storage
def _rare_or_unstated(c: Context) -> bool:
    """access is rare, or not given (a retrieval time only makes sense for rarely read data)."""
    return c.eq("this.access", "rare") or not c.given("this.access")


ARCHIVE_CLASSES = ("s3-glacier-instant-retrieval", "s3-glacier-flexible-retrieval", "s3-glacier-deep-archive")

def _minimum_duration(name: str, title: str, classes: str, minimum: str, which: str,
                      choices: tuple[str, ...]) -> Warn:
    """A storage class that bills each object for a minimum duration, warned about when the retention is
    shorter."""
    days = minimum.removesuffix("d")
    return Warn(
        id=f"object-storage.{name}-minimum-duration",
        title=f"{title} bill{'s' if len(choices) == 1 else ''} at least {days} days",
        rationale=f"{classes} charge{'s' if len(choices) == 1 else ''} for a minimum of {days} days per object.",
        sources=(S3_CLASSES_DOC,),
        pillars=("cost-optimization",),
        thresholds={"minimum": minimum},
        when=lambda c, t: c.lt("this.retention", t.minimum),
        reason=("retention is {this.retention}, under the {t.minimum} minimum storage duration of " + which
                + ": objects deleted earlier are billed for {t.minimum} anyway"),
        choices=choices,
    )


OBJECT_STORAGE = Concern(
    id="object-storage",
    title="S3 storage class",
    question="Which S3 storage class should hold this object store?",
    subject_kind="store",
    choices=("s3-standard", "s3-intelligent-tiering", "s3-standard-ia", "s3-one-zone-ia") + ARCHIVE_CLASSES,
    raised=stores("object"),
    depends_on=("dr-strategy",),
    rules=(
        Eliminate(
            id="object-storage.frequent-reads-avoid-retrieval-fees",
            title="Frequently read data does not belong in IA or Glacier classes",
            rationale=("The infrequent-access and Glacier classes trade a lower storage price for a per-GB "
                       "retrieval fee (and, for Flexible Retrieval and Deep Archive, a restore before reading): "
                       "frequent reads would cost more than S3 Standard."),
            sources=(S3_CLASSES, S3_CLASSES_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: c.eq("this.access", "frequent"),
            reason=("access is frequent: this class charges per GB retrieved (Glacier Flexible Retrieval and Deep "
                    "Archive even need a restore first), so frequent reads cost more than S3 Standard"),
            choices=("s3-standard-ia", "s3-one-zone-ia") + ARCHIVE_CLASSES,
        ),
        Eliminate(
            id="object-storage.one-zone-needs-reproducible-data",
            title="One Zone-IA only for data that can be recreated",
            rationale=("S3 One Zone-IA stores data in a single AZ; losing that AZ loses the data, acceptable only "
                       "when it can be regenerated."),
            sources=(S3_CLASSES, S3_CLASSES_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.false("this.reproducible"),
            reason=("reproducible is false: One Zone-IA keeps the data in a single AZ, and losing that AZ would "
                    "destroy data that cannot be recreated"),
            choices=("s3-one-zone-ia",),
        ),
        Eliminate(
            id="object-storage.milliseconds-rules-out-restores",
            title="Millisecond reads rule out restore-first archive classes",
            rationale=("Glacier Flexible Retrieval restores in 1-5 minutes (expedited) to 3-5 hours (standard); "
                       "Deep Archive within 12 hours. Only Glacier Instant Retrieval reads archived data in "
                       "milliseconds."),
            sources=(S3_CLASSES, S3_RESTORE_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.eq("this.retrieval", "milliseconds"),
            reason=("retrieval is milliseconds: Flexible Retrieval takes minutes to hours to restore an object and "
                    "Deep Archive up to 12 hours"),
            choices=("s3-glacier-flexible-retrieval", "s3-glacier-deep-archive"),
        ),
        Eliminate(
            id="object-storage.minutes-rules-out-deep-archive",
            title="Retrieval in minutes rules out Deep Archive",
            rationale="Deep Archive restores take up to 12 hours (standard) or 48 hours (bulk).",
            sources=(S3_CLASSES, S3_RESTORE_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.eq("this.retrieval", "minutes"),
            reason="retrieval is minutes: Deep Archive restores take up to 12 hours (48 hours in bulk)",
            choices=("s3-glacier-deep-archive",),
        ),
        Eliminate(
            id="object-storage.retrieval-time-rules-out-deep-archive",
            title="A retrieval time under 12 hours rules out Deep Archive",
            rationale=("Deep Archive restores an object within 12 hours with a standard retrieval and within 48 hours "
                       "in bulk; it has no faster option, so a shorter retrieval time cannot be met."),
            sources=(S3_RESTORE_DOC,),
            pillars=("performance-efficiency",),
            thresholds=RESTORE_TIMES,
            when=lambda c, t: timed(c) and c.lt("this.retrieval", t.deep_archive_fastest),
            reason=("retrieval is {this.retrieval}, under the {t.deep_archive_fastest} a standard Deep Archive "
                    "restore may take (bulk: {t.deep_archive_bulk})"),
            choices=("s3-glacier-deep-archive",),
        ),
        Eliminate(
            id="object-storage.retrieval-time-rules-out-flexible",
            title="A retrieval time under 5 minutes rules out Flexible Retrieval",
            rationale=("Flexible Retrieval's fastest restore, expedited, takes 1-5 minutes (standard 3-5 hours, bulk "
                       "5-12 hours); only Glacier Instant Retrieval and the Standard and IA classes read at once."),
            sources=(S3_RESTORE_DOC,),
            pillars=("performance-efficiency",),
            thresholds=RESTORE_TIMES,
            when=lambda c, t: timed(c) and c.lt("this.retrieval", t.flexible_fastest),
            reason=("retrieval is {this.retrieval}, under the 1-{t.flexible_fastest} an expedited Flexible "
                    "Retrieval restore may take"),
            choices=("s3-glacier-flexible-retrieval",),
        ),
        *READERS_ELIMINATE,
        Select(
            id="object-storage.ages-from-hot",
            title="Objects read often when new, then less as they age: S3 Standard with lifecycle transitions",
            rationale=("Data that is hot when written and cools with age (read often for weeks, rarely after months, "
                       "kept for years) is written to S3 Standard, and S3 Lifecycle rules move each object to "
                       "cheaper classes at the ages given: to Standard-IA no earlier than 30 days, to an archive "
                       "class at least 30 days after that, the archive class chosen by the retrieval time."),
            sources=(S3_LIFECYCLE, LIFECYCLE_DOC, S3_CLASSES_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: (_ages(c) and not c.one_of("this.access", "infrequent", "rare", "unknown")
                               and c.fact("lifecycle") is not None),
            reason=("objects age (infrequent_after {this.infrequent_after}, archive_after {this.archive_after}, "
                    "retrieval {this.retrieval}): they are written to S3 Standard and lifecycle rules move them to "
                    "{derived.lifecycle}"),
            choice="s3-standard",
        ),
        Select(
            id="object-storage.frequent-access",
            title="Frequently read objects: S3 Standard",
            rationale=("S3 Standard has no retrieval fee and no minimum storage duration, with millisecond access "
                       "and data in at least three AZs: the class for frequently read data."),
            sources=(S3_CLASSES, S3_CLASSES_DOC),
            pillars=("performance-efficiency", "cost-optimization"),
            when=lambda c, t: c.eq("this.access", "frequent"),
            reason=("access is frequent: S3 Standard serves reads in milliseconds with no retrieval fee and no "
                    "minimum storage duration"),
            choice="s3-standard",
        ),
        Select(
            id="object-storage.unknown-access",
            title="Unknown or changing access: S3 Intelligent-Tiering",
            rationale=("Intelligent-Tiering moves each object between frequent, infrequent and archive-instant "
                       "tiers as its access changes, for a small monitoring fee and no retrieval fees."),
            sources=(S3_CLASSES, S3_CLASSES_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: c.eq("this.access", "unknown"),
            reason=("access is unknown: Intelligent-Tiering moves each object to the cheapest tier its access "
                    "allows, with no retrieval fees"),
            choice="s3-intelligent-tiering",
        ),
        Select(
            id="object-storage.infrequent-reproducible",
            title="Infrequent reads of data that can be recreated: One Zone-IA",
            rationale=("One Zone-IA costs about 20% less than Standard-IA by keeping a single AZ: the right trade "
                       "for infrequently read data that can be regenerated (thumbnails, replicas, derived data)."),
            sources=(S3_CLASSES, S3_CLASSES_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: c.eq("this.access", "infrequent") and c.true("this.reproducible"),
            reason=("access is infrequent and reproducible is true: One Zone-IA costs less than Standard-IA, and "
                    "losing its single AZ only means recreating the data"),
            choice="s3-one-zone-ia",
        ),
        Select(
            id="object-storage.infrequent-access",
            title="Infrequent reads: S3 Standard-IA",
            rationale=("Standard-IA stores data across AZs at a lower price than Standard, with millisecond reads "
                       "and a per-GB retrieval fee: for data read less than about once a month."),
            sources=(S3_CLASSES, S3_CLASSES_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: c.eq("this.access", "infrequent"),
            reason=("access is infrequent: Standard-IA keeps multi-AZ durability and millisecond reads at a lower "
                    "storage price, paying per GB retrieved"),
            choice="s3-standard-ia",
        ),
        Select(
            id="object-storage.rare-lowest-cost",
            title="Rarely read, no retrieval time stated, lowest cost: Glacier Deep Archive",
            rationale=("When data is rarely read, no retrieval time is required and cost comes first, Deep Archive "
                       "is the cheapest class; restores take up to 12 hours."),
            sources=(S3_CLASSES, S3_RESTORE_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: (c.eq("this.access", "rare") and not c.given("this.retrieval")
                               and c.eq("cost_priority", "lowest")),
            reason=("access is rare, no retrieval time is required and cost_priority is lowest: Glacier Deep "
                    "Archive is the cheapest class (restores within 12 hours)"),
            choice="s3-glacier-deep-archive",
        ),
        Select(
            id="object-storage.rare-within-deep-archive-restore",
            title="Rarely read, a retrieval time of 12 hours or more: Glacier Deep Archive",
            rationale=("Deep Archive is the lowest-cost class; a standard restore returns an object within 12 hours "
                       "(bulk within 48 hours), so any retrieval time of 12 hours or more is met."),
            sources=(S3_CLASSES, S3_RESTORE_DOC),
            pillars=("cost-optimization",),
            thresholds=RESTORE_TIMES,
            when=lambda c, t: _rare_or_unstated(c) and timed(c) and c.ge("this.retrieval", t.deep_archive_fastest),
            reason=("access is {this.access} and retrieval is {this.retrieval}, at least the {t.deep_archive_fastest} "
                    "of a standard Deep Archive restore: the lowest-cost class meets it"),
            choice="s3-glacier-deep-archive",
        ),
        Select(
            id="object-storage.rare-within-flexible-restore",
            title="Rarely read, a retrieval time of minutes to hours: Glacier Flexible Retrieval",
            rationale=("Flexible Retrieval costs less than Instant Retrieval and restores in 1-5 minutes (expedited), "
                       "3-5 hours (standard) or 5-12 hours (bulk): a retrieval time of 5 minutes or more can be met "
                       "with the right option."),
            sources=(S3_CLASSES, S3_RESTORE_DOC),
            pillars=("cost-optimization",),
            thresholds=RESTORE_TIMES,
            when=lambda c, t: _rare_or_unstated(c) and timed(c) and c.ge("this.retrieval", t.flexible_fastest),
            reason=("access is {this.access} and retrieval is {this.retrieval}, under Deep Archive's "
                    "{t.deep_archive_fastest} but at least the {t.flexible_fastest} of an expedited restore: Glacier "
                    "Flexible Retrieval meets it for less than Instant Retrieval"),
            choice="s3-glacier-flexible-retrieval",
        ),
        Select(
            id="object-storage.rare-within-seconds",
            title="Rarely read, back within minutes at most: Glacier Instant Retrieval",
            rationale=("Under 5 minutes no restore-first class is sure to answer; Glacier Instant Retrieval keeps "
                       "archive pricing and reads in milliseconds."),
            sources=(S3_CLASSES, S3_CLASSES_DOC),
            pillars=("cost-optimization", "performance-efficiency"),
            thresholds=RESTORE_TIMES,
            when=lambda c, t: _rare_or_unstated(c) and timed(c) and c.lt("this.retrieval", t.flexible_fastest),
            reason=("access is {this.access} and retrieval is {this.retrieval}, under the {t.flexible_fastest} an "
                    "expedited restore may take: Glacier Instant Retrieval reads archived objects in milliseconds"),
            choice="s3-glacier-instant-retrieval",
        ),
        Select(
            id="object-storage.rare-milliseconds",
            title="Rarely read, but back in milliseconds: Glacier Instant Retrieval",
            rationale=("Glacier Instant Retrieval is archive pricing with millisecond reads, for data read about "
                       "once a quarter that must still come back at once."),
            sources=(S3_CLASSES, S3_CLASSES_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: ((c.eq("this.access", "rare")
                                and (c.eq("this.retrieval", "milliseconds") or not c.given("this.retrieval")))
                               or (not c.given("this.access") and c.eq("this.retrieval", "milliseconds"))),
            reason=("access is {this.access} and retrieval is {this.retrieval}: Glacier Instant Retrieval stores "
                    "rarely read data at archive prices and still reads it in milliseconds"),
            choice="s3-glacier-instant-retrieval",
        ),
        Select(
            id="object-storage.rare-minutes",
            title="Rarely read, back within minutes: Glacier Flexible Retrieval",
            rationale=("Glacier Flexible Retrieval restores in 1-5 minutes (expedited), 3-5 hours (standard) or "
                       "5-12 hours (bulk, free), at a lower price than Instant Retrieval."),
            sources=(S3_CLASSES, S3_RESTORE_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: _rare_or_unstated(c) and c.eq("this.retrieval", "minutes"),
            reason=("access is {this.access} and retrieval is minutes: Glacier Flexible Retrieval restores in 1-5 "
                    "minutes with expedited retrieval, at a lower price than Instant Retrieval"),
            choice="s3-glacier-flexible-retrieval",
        ),
        Select(
            id="object-storage.rare-hours",
            title="Rarely read, hours to retrieve is fine: Glacier Deep Archive",
            rationale=("Deep Archive is the lowest-cost storage class, for data kept for years and read rarely, "
                       "restored within 12 hours (48 hours in bulk)."),
            sources=(S3_CLASSES, S3_RESTORE_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: _rare_or_unstated(c) and c.eq("this.retrieval", "hours"),
            reason=("access is {this.access} and retrieval is hours: Glacier Deep Archive is the lowest-cost class "
                    "and restores within 12 hours"),
            choice="s3-glacier-deep-archive",
        ),
        Select(
            id="object-storage.standard-default",
            title="Otherwise: S3 Standard",
            rationale=("Without an access pattern that favours a cheaper class, S3 Standard is the safe default: no "
                       "retrieval fees, no minimum duration; lifecycle rules can move objects later."),
            sources=(S3_CLASSES, S3_LIFECYCLE),
            pillars=("performance-efficiency",),
            reason=("access is {this.access} and retrieval is {this.retrieval}: S3 Standard has no retrieval fee or "
                    "minimum duration; lifecycle rules can move objects to cheaper classes later"),
            choice="s3-standard",
        ),
        _minimum_duration("ia", "IA classes", "Standard-IA and One Zone-IA", "30d", "this class",
                          ("s3-standard-ia", "s3-one-zone-ia")),
        _minimum_duration("glacier", "Glacier Instant and Flexible Retrieval",
                          "Glacier Instant Retrieval and Flexible Retrieval", "90d", "this class",
                          ("s3-glacier-instant-retrieval", "s3-glacier-flexible-retrieval")),
        _minimum_duration("deep-archive", "Deep Archive", "Glacier Deep Archive", "180d", "Deep Archive",
                          ("s3-glacier-deep-archive",)),
        Warn(
            id="object-storage.archived-objects-cannot-feed-events",
            title="An upload-triggered consumer cannot read an object in Flexible Retrieval or Deep Archive",
            rationale=("Objects in Glacier Flexible Retrieval and Deep Archive are not readable until restored "
                       "(minutes to 48 hours), so a consumer started by the upload event cannot read what it was "
                       "told about. Upload into S3 Standard, process the object there, and let an S3 Lifecycle "
                       "rule move it to the archive class afterwards."),
            sources=(S3_RESTORE_DOC, S3_LIFECYCLE),
            pillars=("performance-efficiency", "operational-excellence"),
            when=lambda c, t: c.true("this.change_events"),
            reason=("change_events is true, but an object in this class must be restored before it can be read: "
                    "upload to S3 Standard, process it, and move it to the archive class with a lifecycle rule"),
            choices=("s3-glacier-flexible-retrieval", "s3-glacier-deep-archive"),
        ),
        Warn(
            id="object-storage.flexible-needs-expedited",
            title="A retrieval time under 5 hours needs expedited Flexible Retrieval restores",
            rationale=("Standard Flexible Retrieval restores take 3-5 hours and bulk ones 5-12 hours; a shorter "
                       "retrieval time needs expedited restores (1-5 minutes), which are guaranteed only with "
                       "provisioned retrieval capacity and cost more per GB."),
            sources=(S3_RESTORE_DOC,),
            pillars=("performance-efficiency", "cost-optimization"),
            thresholds=RESTORE_TIMES,
            when=lambda c, t: timed(c) and c.lt("this.retrieval", t.flexible_standard),
            reason=("retrieval is {this.retrieval}, under the {t.flexible_standard} a standard restore may take: "
                    "request expedited retrievals (1-{t.flexible_fastest}) and buy provisioned capacity if they "
                    "must be guaranteed"),
            choices=("s3-glacier-flexible-retrieval",),
        ),
        Warn(
            id="object-storage.deep-archive-standard-not-bulk",
            title="A retrieval time under 48 hours needs standard Deep Archive restores, not bulk",
            rationale="Deep Archive's bulk restores take up to 48 hours; standard ones return within 12 hours.",
            sources=(S3_RESTORE_DOC,),
            pillars=("performance-efficiency",),
            thresholds=RESTORE_TIMES,
            when=lambda c, t: timed(c) and c.lt("this.retrieval", t.deep_archive_bulk),
            reason=("retrieval is {this.retrieval}, under the {t.deep_archive_bulk} a bulk restore may take: request "
                    "standard retrievals (within {t.deep_archive_fastest})"),
            choices=("s3-glacier-deep-archive",),
        ),
        Warn(
            id="object-storage.lifecycle-ia-after-30-days",
            title="S3 Lifecycle moves objects to an IA class only after 30 days",
            rationale=("S3 Lifecycle does not transition objects younger than 30 days to Standard-IA or One Zone-IA "
                       "(small objects are not worth it either): the transition happens at 30 days."),
            sources=(LIFECYCLE_DOC,),
            pillars=("cost-optimization",),
            thresholds={"minimum": f"{IA_MINIMUM_DAYS}d"},
            when=lambda c, t: c.lt("this.infrequent_after", t.minimum),
            reason=("infrequent_after is {this.infrequent_after}, but S3 moves objects to an IA class only once they "
                    "are {t.minimum} old: the lifecycle rule transitions them at {t.minimum}"),
            choices=(),
        ),
        *READERS_WARN,
        *READERS_RESTORE_WARN,
        Warn(
            id="object-storage.one-zone-versus-multi-az",
            title="One Zone-IA does not survive an AZ loss",
            rationale=("The system must survive an AZ loss, but One Zone-IA data is unavailable (or lost) with its "
                       "AZ until it is recreated."),
            sources=(S3_CLASSES_DOC,),
            pillars=("reliability",),
            when=lambda c, t: (c.given("availability.scope")
                               and c.one_of("availability.scope", "multi-az", "multi-region")),
            reason=("availability.scope is {availability.scope}, but One Zone-IA data is lost with its AZ: the "
                    "system must be able to work while the data is recreated"),
            choices=("s3-one-zone-ia",),
        ),
        Warn(
            id="object-storage.write-once-read-many",
            title="Records no one may change or delete: S3 Object Lock in compliance mode",
            rationale=("S3 Object Lock keeps each object version from being overwritten or deleted until its "
                       "retention date. In compliance mode no user can shorten the retention or remove the lock, "
                       "the account's root user included; in governance mode users with a special permission "
                       "can. Object Lock needs versioning, and is set when the bucket is created (a default "
                       "retention applies it to every new object). The study notes do not cover it; SEC 17a-4 and "
                       "similar write-once rules are its usual reason."),
            sources=(OBJECT_LOCK_DOC,),
            pillars=("security", "reliability"),
            when=lambda c, t: c.true("this.immutable"),
            reason=("immutable is true: the bucket is created with S3 Object Lock in compliance mode and a default "
                    "retention of {this.retention} (versioning on); no one, the root user included, can delete "
                    "or overwrite a version before then"),
        ),
        Warn(
            id="object-storage.replication-time-control",
            title="A replicated bucket with a recovery point in minutes: Replication Time Control",
            rationale=("Cross-Region Replication copies most objects within minutes but promises no time; S3 "
                       "Replication Time Control replicates 99.99% of new objects within 15 minutes, under an SLA, "
                       "and reports late ones (replication metrics and events), at an extra charge per GB. Below "
                       "15 minutes even RTC leaves the newest objects behind after a failover."),
            sources=(S3_CRR, S3_RTC_DOC),
            pillars=("reliability",),
            thresholds={"bound": "1h", "rtc": "15m"},
            when=lambda c, t: (c.one_of("decision.dr-strategy", *REPLICATED_DR)
                               and c.le("availability.rpo", t.bound)),
            reason=("rpo is {availability.rpo} and the bucket is replicated for the {decision.dr-strategy} "
                    "strategy: enable S3 Replication Time Control, which replicates 99.99% of new objects within "
                    "{t.rtc} and alerts on late ones; plain replication gives no bound"),
        ),
        Warn(
            id="object-storage.request-rate-per-prefix",
            title="More requests than one S3 prefix serves",
            rationale=("S3 serves at least 3,500 PUT/COPY/POST/DELETE and 5,500 GET/HEAD requests per second per "
                       "partitioned prefix, and scales by adding prefixes: spread the keys over several prefixes "
                       "(S3 then scales each, after a ramp-up during which it may answer 503 Slow Down). Objects "
                       "read by many users are better served from CloudFront's cache, which also sends fewer "
                       "requests to the bucket. The notes advise hashed or random key prefixes; since 2018 S3 "
                       "needs no randomness, only several prefixes."),
            sources=(S3_PERFORMANCE, S3_PERFORMANCE_DOC),
            pillars=("performance-efficiency",),
            thresholds=PREFIX_RATES,
            when=lambda c, t: c.gt("this.reads", t.reads) or c.gt("this.writes", t.writes),
            reason=("reads {this.reads}, writes {this.writes}: more than one prefix serves ({t.reads} reads, "
                    "{t.writes} writes per prefix); spread the keys over prefixes, and serve popular objects "
                    "through CloudFront"),
        ),
    ),
)
