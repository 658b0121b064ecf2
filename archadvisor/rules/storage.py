"""Storage: EBS volume types, one decision per block store; S3 storage classes are in rules.object_storage.

Sources: notes "S3 Storage Classes", "SSD vs. HDD", "Instance Stores" and "Elastic Block Store (EBS)",
and the AWS pages linked from each rule. Shared file systems are in rules.file_storage, change events
in rules.change_events; the sources they share are defined here.
"""
from __future__ import annotations

from typing import Callable

from ..engine.context import Context
from ..engine.model import Concern, Eliminate, Select, Subject, Warn
from .common import stores
from .object_storage import OBJECT_STORAGE
from .transfer_family import FILE_TRANSFER
from .upload_acceleration import UPLOAD_ACCELERATION
from .multi_region_objects import MULTI_REGION_OBJECTS

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
DLM = "notes: Amazon Data Lifecycle Manager"
DLM_DOC = "https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-lifecycle.html"
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


# -------------------------------------------------------------------------------------- block-storage
GP3_IOPS = 16000
HDD_IOPS = 500
ST1_MAX = "4.2 Gbps"    # 500 MiB/s
SC1_MAX = "2.1 Gbps"    # 250 MiB/s
GP3_MAX = "8.4 Gbps"    # 1,000 MiB/s

def _outgrows(c: Context, limit: str) -> bool:
    """The store fits a volume now (size within ``limit``) but not after a year's growth_per_year."""
    if c.gt("this.size", limit):
        return False  # already too large: block-storage.volume-size-limit says so
    size, growth = c.value("this.size"), c.value("this.growth_per_year")
    if size is None or growth is None:
        return False
    return size.base + growth.base > type(size).parse(limit).base


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
            id="block-storage.snapshots-kept-on-a-schedule",
            title="Volume data kept for a period: snapshots on a schedule",
            rationale=("An EBS volume keeps nothing past its own life: keeping its data for a period takes "
                       "snapshots, taken on a schedule and deleted when they are no longer needed. Amazon Data "
                       "Lifecycle Manager does both from a policy on the volumes' tags (AWS Backup does the same "
                       "across services), so no one has to remember to."),
            sources=(DLM, DLM_DOC),
            pillars=("reliability", "operational-excellence", "cost-optimization"),
            when=lambda c, t: c.given("this.retention"),
            reason=("retention is {this.retention}: snapshot the volume on a schedule and keep each snapshot "
                    "{this.retention} with an Amazon Data Lifecycle Manager policy (or an AWS Backup plan)"),
            choices=("ebs-gp3", "ebs-io2", "ebs-st1", "ebs-sc1"),
        ),
        Warn(
            id="block-storage.outgrows-volume-within-a-year",
            title="A volume that outgrows 16 TiB within a year",
            rationale=("gp3, st1 and sc1 volumes hold at most 16 TiB; a store that fits today but grows past it "
                       "within the year needs several volumes or io2 Block Express (64 TiB) planned now."),
            sources=(EBS_TYPES_DOC,),
            pillars=("performance-efficiency", "reliability"),
            thresholds={"max_size": "16 TiB"},
            when=lambda c, t: _outgrows(c, t.max_size),
            reason=("size is {this.size} and growth_per_year is {this.growth_per_year}: within a year it passes the "
                    "{t.max_size} a volume of this type holds; plan striped volumes or io2 Block Express (64 TiB)"),
            choices=("ebs-gp3", "ebs-st1", "ebs-sc1"),
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


CONCERNS = [OBJECT_STORAGE, BLOCK_STORAGE, FILE_TRANSFER, UPLOAD_ACCELERATION, MULTI_REGION_OBJECTS]
