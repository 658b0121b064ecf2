"""Storage: S3 storage classes and EBS volume types, one decision per data store of the matching kind.

Sources: notes "S3 Storage Classes", "SSD vs. HDD", "Instance Stores" and "Elastic Block Store (EBS)",
and the AWS pages linked from each rule. Shared file systems are in rules.file_storage, change events
in rules.change_events; the sources they share are defined here.
"""
from __future__ import annotations

from typing import Callable

from ..engine.context import Context
from ..engine.model import Concern, Eliminate, Select, Subject, Warn
from .common import stores
from .object_readers import READERS_ELIMINATE, READERS_RESTORE_WARN, READERS_WARN

S3_CLASSES = "notes: S3 Storage Classes"
S3_LIFECYCLE = "notes: S3 Lifecycle Management"
SSD_HDD = "notes: SSD vs. HDD"
INSTANCE_STORES = "notes: Instance Stores"
EBS = "notes: Elastic Block Store (EBS)"
EFS = "notes: Elastic File System (EFS)"
FSX_WINDOWS = "notes: Amazon FSx for Windows"
FSX_LUSTRE = "notes: Amazon FSx for Lustre"
DDB_STREAMS = "notes: DynamoDB Streams"
S3_EVENTS = "notes: S3 Event Notications"

S3_CLASSES_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html"
S3_RESTORE_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects-retrieval-options.html"
EBS_TYPES_DOC = "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html"
MULTI_ATTACH_DOC = "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volumes-multi.html"
INSTANCE_STORE_DOC = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/InstanceStorage.html"
EFS_DOC = "https://docs.aws.amazon.com/efs/latest/ug/whatisefs.html"
FSX_WINDOWS_DOC = "https://docs.aws.amazon.com/fsx/latest/WindowsGuide/what-is.html"
FSX_LUSTRE_DOC = "https://docs.aws.amazon.com/fsx/latest/LustreGuide/what-is.html"
DDB_STREAMS_DOC = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html"
FSX_MULTI_AZ_DOC = "https://docs.aws.amazon.com/fsx/latest/WindowsGuide/high-availability-multiAZ.html"
S3_EVENTS_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventNotifications.html"

DYNAMODB_CHOICES = ("dynamodb", "dynamodb-global-tables")


def any_store(c: Context, check: Callable[[Context], bool]) -> bool:
    """Whether any data store passes ``check``, read through the accessor so every read is evidence.

    ``check`` receives an accessor scoped to one store (``this.`` fields); its reads are added to ``c``.
    With no data stores at all, the absence of ``data`` is recorded instead.
    """
    items = [item for item in (c.workload.values.get("data") or []) if isinstance(item, dict)]
    if not items:
        c.given("data")
        return False
    for item in items:
        scoped = c.for_subject(Subject(item["name"], f"data[{item['name']}]", item))
        holds = check(scoped)
        c.reads.extend(scoped.reads)
        c.assumptions.update(scoped.assumptions)
        if holds:
            return True
    return False


# ------------------------------------------------------------------------------------- object-storage
def _rare_or_unstated(c: Context) -> bool:
    """access is rare, or not given (a retrieval time only makes sense for rarely read data)."""
    return c.eq("this.access", "rare") or not c.given("this.access")


ARCHIVE_CLASSES = ("s3-glacier-instant-retrieval", "s3-glacier-flexible-retrieval", "s3-glacier-deep-archive")

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
        *READERS_ELIMINATE,
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
        Warn(
            id="object-storage.ia-minimum-duration",
            title="IA classes bill at least 30 days",
            rationale="Standard-IA and One Zone-IA charge for a minimum of 30 days per object.",
            sources=(S3_CLASSES_DOC,),
            pillars=("cost-optimization",),
            thresholds={"minimum": "30d"},
            when=lambda c, t: c.lt("this.retention", t.minimum),
            reason=("retention is {this.retention}, under the {t.minimum} minimum storage duration of this class: "
                    "objects deleted earlier are billed for {t.minimum} anyway"),
            choices=("s3-standard-ia", "s3-one-zone-ia"),
        ),
        Warn(
            id="object-storage.glacier-minimum-duration",
            title="Glacier Instant and Flexible Retrieval bill at least 90 days",
            rationale="Glacier Instant Retrieval and Flexible Retrieval charge for a minimum of 90 days per object.",
            sources=(S3_CLASSES_DOC,),
            pillars=("cost-optimization",),
            thresholds={"minimum": "90d"},
            when=lambda c, t: c.lt("this.retention", t.minimum),
            reason=("retention is {this.retention}, under the {t.minimum} minimum storage duration of this class: "
                    "objects deleted earlier are billed for {t.minimum} anyway"),
            choices=("s3-glacier-instant-retrieval", "s3-glacier-flexible-retrieval"),
        ),
        Warn(
            id="object-storage.deep-archive-minimum-duration",
            title="Deep Archive bills at least 180 days",
            rationale="Glacier Deep Archive charges for a minimum of 180 days per object.",
            sources=(S3_CLASSES_DOC,),
            pillars=("cost-optimization",),
            thresholds={"minimum": "180d"},
            when=lambda c, t: c.lt("this.retention", t.minimum),
            reason=("retention is {this.retention}, under the {t.minimum} minimum storage duration of Deep Archive: "
                    "objects deleted earlier are billed for {t.minimum} anyway"),
            choices=("s3-glacier-deep-archive",),
        ),
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
    ),
)


# -------------------------------------------------------------------------------------- block-storage
GP3_IOPS = 16000
HDD_IOPS = 500
ST1_MAX = "4.2 Gbps"    # 500 MiB/s
SC1_MAX = "2.1 Gbps"    # 250 MiB/s
GP3_MAX = "8.4 Gbps"    # 1,000 MiB/s

BLOCK_STORAGE = Concern(
    id="block-storage",
    title="EBS volume type",
    question="Which block storage should back this volume?",
    subject_kind="store",
    choices=("ebs-gp3", "ebs-io2", "ebs-st1", "ebs-sc1", "instance-store"),
    raised=stores("block"),
    rules=(
        Eliminate(
            id="block-storage.instance-store-not-shared",
            title="Instance store belongs to one host",
            rationale="Instance store disks are physically attached to one host and cannot be shared.",
            sources=(INSTANCE_STORES, INSTANCE_STORE_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.true("this.shared"),
            reason="shared is true: instance store disks belong to a single host and cannot be attached elsewhere",
            choices=("instance-store",),
        ),
        Eliminate(
            id="block-storage.instance-store-is-ephemeral",
            title="Instance store loses its data when the instance stops",
            rationale=("Instance store data survives a reboot but not a stop, hibernation, termination or host "
                       "failure; data that must persist belongs on EBS."),
            sources=(INSTANCE_STORES, INSTANCE_STORE_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.false("this.temporary"),
            reason=("temporary is false: instance store data is lost when the instance stops, hibernates or "
                    "terminates"),
            choices=("instance-store",),
        ),
        Eliminate(
            id="block-storage.multi-attach-io2-only",
            title="Only Provisioned IOPS volumes support Multi-Attach",
            rationale=("EBS Multi-Attach (one volume attached to up to 16 Nitro instances in one AZ) is available "
                       "only for io1 and io2 volumes."),
            sources=(MULTI_ATTACH_DOC, EBS),
            pillars=("reliability",),
            when=lambda c, t: c.true("this.shared"),
            reason="shared is true: only Provisioned IOPS (io1/io2) volumes can be attached to several instances",
            choices=("ebs-gp3", "ebs-st1", "ebs-sc1"),
        ),
        Eliminate(
            id="block-storage.gp3-iops-limit",
            title="gp3 tops out at 16,000 IOPS",
            rationale="A gp3 volume provisions 3,000 to 16,000 IOPS; more needs Provisioned IOPS SSD (io2).",
            sources=(EBS_TYPES_DOC,),
            pillars=("performance-efficiency",),
            thresholds={"gp3_iops": GP3_IOPS},
            when=lambda c, t: c.gt("this.iops", t.gp3_iops),
            reason="iops is {this.iops}: a gp3 volume delivers at most {t.gp3_iops} IOPS",
            choices=("ebs-gp3",),
        ),
        Eliminate(
            id="block-storage.hdd-iops-limit",
            title="HDD volumes deliver hundreds of IOPS, not thousands",
            rationale=("st1 and sc1 are built for large sequential I/O measured in MiB/s: at most 500 (st1) and "
                       "250 (sc1) IOPS, so small random I/O belongs on SSD."),
            sources=(SSD_HDD, EBS_TYPES_DOC),
            pillars=("performance-efficiency",),
            thresholds={"hdd_iops": HDD_IOPS},
            when=lambda c, t: c.gt("this.iops", t.hdd_iops) or c.eq("this.io", "iops"),
            reason=("io is {this.io} and iops is {this.iops}: HDD volumes (st1, sc1) deliver at most {t.hdd_iops} "
                    "IOPS; IOPS-heavy work needs SSD"),
            choices=("ebs-st1", "ebs-sc1"),
        ),
        Eliminate(
            id="block-storage.st1-throughput-limit",
            title="st1 tops out at 500 MiB/s",
            rationale="A Throughput Optimized HDD (st1) volume delivers at most 500 MiB/s (about 4.2 Gbps).",
            sources=(EBS_TYPES_DOC,),
            pillars=("performance-efficiency",),
            thresholds={"st1_max": ST1_MAX},
            when=lambda c, t: c.gt("this.throughput", t.st1_max),
            reason="throughput is {this.throughput}: an st1 volume delivers at most 500 MiB/s ({t.st1_max})",
            choices=("ebs-st1",),
        ),
        Eliminate(
            id="block-storage.sc1-throughput-limit",
            title="sc1 tops out at 250 MiB/s",
            rationale="A Cold HDD (sc1) volume delivers at most 250 MiB/s (about 2.1 Gbps).",
            sources=(EBS_TYPES_DOC,),
            pillars=("performance-efficiency",),
            thresholds={"sc1_max": SC1_MAX},
            when=lambda c, t: c.gt("this.throughput", t.sc1_max),
            reason="throughput is {this.throughput}: an sc1 volume delivers at most 250 MiB/s ({t.sc1_max})",
            choices=("ebs-sc1",),
        ),
        Eliminate(
            id="block-storage.gp3-throughput-limit",
            title="gp3 tops out at 1,000 MiB/s",
            rationale="A gp3 volume provisions at most 1,000 MiB/s (about 8.4 Gbps); io2 Block Express goes to 4,000.",
            sources=(EBS_TYPES_DOC,),
            pillars=("performance-efficiency",),
            thresholds={"gp3_max": GP3_MAX},
            when=lambda c, t: c.gt("this.throughput", t.gp3_max),
            reason="throughput is {this.throughput}: a gp3 volume delivers at most 1,000 MiB/s ({t.gp3_max})",
            choices=("ebs-gp3",),
        ),
        Select(
            id="block-storage.scratch-instance-store",
            title="Scratch data: instance store",
            rationale=("Instance store is NVMe/SSD on the host itself, with the highest IOPS and no extra charge, "
                       "and ephemeral: ideal for buffers, caches and scratch data that may be lost."),
            sources=(INSTANCE_STORES, INSTANCE_STORE_DOC),
            pillars=("performance-efficiency", "cost-optimization"),
            when=lambda c, t: c.true("this.temporary"),
            reason=("temporary is true: instance store on the host gives the highest IOPS at no extra charge, and "
                    "losing the data when the instance stops is acceptable"),
            choice="instance-store",
        ),
        Select(
            id="block-storage.shared-multi-attach",
            title="A volume shared by several instances: io2 with Multi-Attach",
            rationale=("Only Provisioned IOPS volumes can be attached to several Nitro instances in the same AZ "
                       "(Multi-Attach)."),
            sources=(MULTI_ATTACH_DOC, EBS_TYPES_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.true("this.shared"),
            reason="shared is true: io2 Multi-Attach attaches one volume to up to 16 Nitro instances in the same AZ",
            choice="ebs-io2",
        ),
        Select(
            id="block-storage.iops-beyond-gp3",
            title="More IOPS than gp3 gives: io2",
            rationale=("Provisioned IOPS SSD (io2) sustains up to 64,000 IOPS per volume (256,000 as Block Express "
                       "on Nitro instances) with sub-millisecond latency and 99.999% durability."),
            sources=(SSD_HDD, EBS_TYPES_DOC),
            pillars=("performance-efficiency",),
            thresholds={"gp3_iops": GP3_IOPS},
            when=lambda c, t: c.gt("this.iops", t.gp3_iops),
            reason=("iops is {this.iops}, over gp3's {t.gp3_iops}: Provisioned IOPS SSD (io2) sustains it with "
                    "sub-millisecond latency"),
            choice="ebs-io2",
        ),
        Select(
            id="block-storage.iops-lowest-cost",
            title="IOPS-bound, within gp3's range, at the lowest cost: gp3",
            rationale=("gp3 provisions up to 16,000 IOPS independently of size at a lower price than io2; when cost "
                       "comes first and the IOPS fit, it is enough."),
            sources=(SSD_HDD, EBS_TYPES_DOC),
            pillars=("cost-optimization",),
            thresholds={"gp3_iops": GP3_IOPS},
            when=lambda c, t: c.eq("this.io", "iops") and c.eq("cost_priority", "lowest"),
            reason=("io is iops, iops is {this.iops} (gp3 provisions up to {t.gp3_iops}) and cost_priority is "
                    "lowest: gp3 provisions the IOPS at a lower price than io2"),
            choice="ebs-gp3",
        ),
        Select(
            id="block-storage.iops-dominant",
            title="IOPS-heavy transactional work: Provisioned IOPS SSD (io2)",
            rationale=("For I/O-intensive databases where IOPS is the dominant need, Provisioned IOPS SSD gives "
                       "consistent, provisioned IOPS 99.9% of the time and the lowest latency."),
            sources=(SSD_HDD, EBS_TYPES_DOC),
            pillars=("performance-efficiency", "reliability"),
            when=lambda c, t: c.eq("this.io", "iops"),
            reason=("io is iops (iops {this.iops}): Provisioned IOPS SSD (io2) delivers its provisioned IOPS "
                    "consistently, with the lowest latency"),
            choice="ebs-io2",
        ),
        Select(
            id="block-storage.throughput-beyond-gp3",
            title="More throughput than gp3 gives: io2 Block Express",
            rationale="io2 Block Express volumes deliver up to 4,000 MiB/s; gp3 stops at 1,000 MiB/s.",
            sources=(EBS_TYPES_DOC,),
            pillars=("performance-efficiency",),
            thresholds={"gp3_max": GP3_MAX},
            when=lambda c, t: c.gt("this.throughput", t.gp3_max),
            reason=("throughput is {this.throughput}, over gp3's {t.gp3_max} (1,000 MiB/s): io2 Block Express "
                    "delivers up to 4,000 MiB/s"),
            choice="ebs-io2",
        ),
        Select(
            id="block-storage.sequential-throughput",
            title="Large sequential throughput: Throughput Optimized HDD (st1)",
            rationale=("st1 is low-cost HDD for frequently accessed, large sequential workloads (big data, logs, "
                       "data warehouses), up to 500 MiB/s; it cannot be a boot volume."),
            sources=(SSD_HDD, EBS_TYPES_DOC),
            pillars=("cost-optimization", "performance-efficiency"),
            when=lambda c, t: c.eq("this.io", "throughput"),
            reason=("io is throughput (throughput {this.throughput}): st1 streams large sequential I/O at up to "
                    "500 MiB/s for far less than SSD"),
            choice="ebs-st1",
        ),
        Select(
            id="block-storage.throughput-beyond-hdd",
            title="More throughput than st1 gives: gp3",
            rationale="gp3 provisions up to 1,000 MiB/s, twice what st1 delivers.",
            sources=(EBS_TYPES_DOC,),
            pillars=("performance-efficiency",),
            thresholds={"st1_max": ST1_MAX},
            when=lambda c, t: c.gt("this.throughput", t.st1_max),
            reason=("throughput is {this.throughput}, over st1's {t.st1_max} (500 MiB/s): gp3 provisions up to "
                    "1,000 MiB/s"),
            choice="ebs-gp3",
        ),
        Select(
            id="block-storage.cold-data",
            title="Rarely accessed data: Cold HDD (sc1)",
            rationale=("sc1 is the lowest-cost EBS volume, for large, infrequently accessed sequential data; it "
                       "cannot be a boot volume."),
            sources=(SSD_HDD, EBS_TYPES_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: c.eq("this.io", "cold"),
            reason="io is cold: sc1 is the lowest-cost EBS volume for large, rarely accessed data",
            choice="ebs-sc1",
        ),
        Select(
            id="block-storage.general-purpose",
            title="Otherwise: General Purpose SSD (gp3)",
            rationale=("gp3 gives 3,000 IOPS and 125 MiB/s baseline at any size, both provisionable, at the lowest "
                       "SSD price: the default for boot volumes and most workloads."),
            sources=(SSD_HDD, EBS_TYPES_DOC),
            pillars=("cost-optimization", "performance-efficiency"),
            reason=("io is {this.io}: General Purpose SSD (gp3) gives a 3,000 IOPS and 125 MiB/s baseline at any size "
                    "and can boot an instance"),
            choice="ebs-gp3",
        ),
        Warn(
            id="block-storage.iops-needs-nitro",
            title="Above 64,000 IOPS needs io2 Block Express on Nitro",
            rationale=("An io2 volume reaches 256,000 IOPS only on Nitro-based instances; other instances get at "
                       "most 32,000."),
            sources=(EBS_TYPES_DOC,),
            pillars=("performance-efficiency",),
            thresholds={"io2_common": 64000},
            when=lambda c, t: c.gt("this.iops", t.io2_common),
            reason=("iops is {this.iops}, over {t.io2_common}: only io2 Block Express on a Nitro-based instance "
                    "gets there (up to 256,000 IOPS)"),
            choices=("ebs-io2",),
        ),
        Warn(
            id="block-storage.iops-beyond-one-volume",
            title="No single EBS volume exceeds 256,000 IOPS",
            rationale=("256,000 IOPS is the ceiling of one io2 Block Express volume; beyond it, stripe volumes "
                       "(RAID 0) or use NVMe instance store."),
            sources=(EBS_TYPES_DOC, INSTANCE_STORE_DOC),
            pillars=("performance-efficiency",),
            thresholds={"io2_max": 256000},
            when=lambda c, t: c.gt("this.iops", t.io2_max),
            reason=("iops is {this.iops}, over {t.io2_max}, the most one EBS volume gives: stripe several io2 "
                    "volumes (RAID 0) or use instance store for data that can be rebuilt"),
            choices=("ebs-io2", "instance-store"),
        ),
        Warn(
            id="block-storage.multi-attach-needs-coordination",
            title="Multi-Attach needs a cluster-aware file system",
            rationale=("Multi-Attach gives several instances raw block access to one volume in one AZ; standard file "
                       "systems such as XFS or ext4 would corrupt it. A shared file system is simpler on EFS or FSx."),
            sources=(MULTI_ATTACH_DOC,),
            pillars=("reliability",),
            when=lambda c, t: c.true("this.shared"),
            reason=("shared is true: Multi-Attach needs a cluster-aware file system or application-level write "
                    "coordination (not XFS/ext4), and all instances in one AZ; a file store (EFS/FSx) is simpler for "
                    "shared files"),
            choices=("ebs-io2",),
        ),
        Warn(
            id="block-storage.instance-store-retention",
            title="Instance store cannot keep data",
            rationale="Data that must be kept cannot live only on a disk that vanishes when the instance stops.",
            sources=(INSTANCE_STORES, INSTANCE_STORE_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.given("this.retention"),
            reason=("retention is {this.retention}, but instance store data is lost when the instance stops or "
                    "terminates: copy what must be kept to EBS or S3"),
            choices=("instance-store",),
        ),
        Warn(
            id="block-storage.volume-size-limit",
            title="gp3, st1 and sc1 volumes hold at most 16 TiB",
            rationale="gp3, st1 and sc1 volumes are at most 16 TiB each; larger data needs several volumes or io2.",
            sources=(EBS_TYPES_DOC,),
            pillars=("performance-efficiency",),
            thresholds={"max_size": "16 TiB"},
            when=lambda c, t: c.gt("this.size", t.max_size),
            reason=("size is {this.size}, over the {t.max_size} maximum of this volume type: stripe several volumes "
                    "or use io2 Block Express (up to 64 TiB)"),
            choices=("ebs-gp3", "ebs-st1", "ebs-sc1"),
        ),
    ),
)


CONCERNS = [OBJECT_STORAGE, BLOCK_STORAGE]
