"""Pricers for databases, caches, storage, messaging, analytics and data transfer into AWS."""
from __future__ import annotations

from .context import READS_PER_MONTH, Costing, ceil
from .pricing import GB, HOURS, SECONDS, Item, Line, line, pricer

# Instance sizes within a family, by how many "large" instances' worth of capacity they are; AWS prices
# scale linearly with size inside a family, so an xlarge costs twice a large.
SIZES = ((1, "large"), (2, "xlarge"), (4, "2xlarge"), (8, "4xlarge"), (16, "8xlarge"), (32, "16xlarge"))
# What one r6g.large database instance is assumed to sustain (a working set in memory).
LARGE_WRITES, LARGE_READS = 1000, 5000


# --- relational databases ------------------------------------------------------------------------------------

def instance_size(ctx: Costing, store: dict, readers: int = 0) -> tuple[int, str]:
    """Size of the primary instance: enough for the writes and the reads it keeps after ``readers`` replicas."""
    writes = ctx.store_rate(store, "writes")
    reads = ctx.store_rate(store, "reads") / (1 + readers)
    need = max(writes / LARGE_WRITES, reads / LARGE_READS, 1)
    for units, name in SIZES:
        if units >= need:
            return units, name
    return SIZES[-1]


def replicas(ctx: Costing) -> int:
    """Read replicas the design draws (read-scaling components), to size the primary with."""
    return sum(1 for c in ctx.doc.get("components", []) if c["service"] in ("rds-read-replicas", "aurora-replicas"))


@pricer("rds-multi-az", "rds-single-az")
def rds(ctx: Costing, item: Item) -> list[Line]:
    store = ctx.store(item.subject)
    units, size = instance_size(ctx, store, replicas(ctx))
    copies = 2 if item.service == "rds-multi-az" else 1
    gigabytes = ctx.store_gb(store)
    what = "Multi-AZ: a standby in a second AZ doubles the price" if copies == 2 else "one instance"
    return [line(ctx, f"RDS db.r6g.{size} instance", HOURS, "rds-r6g-large-hour", factor=units * copies, note=what),
            line(ctx, "RDS gp3 storage", gigabytes, "rds-gp3-gb-month", factor=copies)]


@pricer("rds-read-replicas", "aurora-replicas")
def read_replicas(ctx: Costing, item: Item) -> list[Line]:
    store = ctx.store(item.subject)
    count = max(1, item.count)
    units, size = instance_size(ctx, store, replicas(ctx))
    if item.service == "aurora-replicas":
        return [line(ctx, f"Aurora db.r6g.{size} replicas", count * HOURS, "aurora-r6g-large-hour", factor=units,
                     note="replicas share the cluster's storage")]
    return [line(ctx, f"RDS db.r6g.{size} read replicas", count * HOURS, "rds-r6g-large-hour", factor=units,
                 note=f"{count} replica(s), each with its own copy of the data"),
            line(ctx, "Replica storage", count * ctx.store_gb(store), "rds-gp3-gb-month")]


def aurora_io(ctx: Costing, store: dict) -> float:
    """Millions of billed I/O requests a month: one per write, and reads that miss the cache (10%)."""
    return (ctx.store_rate(store, "writes") + 0.1 * ctx.store_rate(store, "reads")) * SECONDS / 1e6


@pricer("aurora", "aurora-global-database")
def aurora(ctx: Costing, item: Item) -> list[Line]:
    store = ctx.store(item.subject)
    units, size = instance_size(ctx, store, 1)
    if item.concern is None or item.options:  # an alternative: a writer and one replica in another AZ
        instances = 2 if ctx.azs > 1 else 1
    else:
        instances = max(1, item.count)
    lines = [line(ctx, f"Aurora db.r6g.{size} instances", instances * HOURS, "aurora-r6g-large-hour", factor=units,
                  note=f"{instances} instance(s) in this region"),
             line(ctx, "Aurora storage", ctx.store_gb(store), "aurora-storage-gb-month")]
    if item.secondary:
        lines.append(line(ctx, "Replicated write I/O", ctx.store_rate(store, "writes") * SECONDS / 1e6,
                          "aurora-io-requests", note="the primary's writes applied in this region"))
        lines.append(line(ctx, "Replication to this region", ctx.store_rate(store, "writes") * SECONDS
                          * ctx.assumed("message_size") * 1e3 / GB, "data-transfer-inter-region"))
    else:
        lines.append(line(ctx, "Aurora I/O requests", aurora_io(ctx, store), "aurora-io-requests"))
    return lines


@pricer("aurora-serverless")
def aurora_serverless(ctx: Costing, item: Item) -> list[Line]:
    store = ctx.store(item.subject)
    operations = ctx.store_rate(store, "writes") + ctx.store_rate(store, "reads")
    capacity = max(0.5, operations / 500)  # assumed: one ACU for every 500 operations a second
    return [line(ctx, "Aurora Serverless v2 capacity", capacity * HOURS, "aurora-serverless-acu-hour",
                 note=f"{capacity:g} ACU on average (one per 500 operations/s, at least 0.5)"),
            line(ctx, "Aurora storage", ctx.store_gb(store), "aurora-storage-gb-month"),
            line(ctx, "Aurora I/O requests", aurora_io(ctx, store), "aurora-io-requests")]


# --- key-value, time series, warehouse, caches ------------------------------------------------------------------

@pricer("dynamodb", "dynamodb-global-tables", "dynamodb-table")
def dynamodb(ctx: Costing, item: Item) -> list[Line]:
    store = ctx.store(item.subject)
    writes = ctx.store_rate(store, "writes") * SECONDS / 1e6
    storage = line(ctx, "DynamoDB storage", ctx.store_gb(store), "dynamodb-storage-gb-month")
    if item.secondary:
        return [line(ctx, "Replicated writes into this region", writes, "dynamodb-replicated-write-units"), storage]
    eventual = store.get("stale_reads_ok") is True
    reads = ctx.store_rate(store, "reads") * SECONDS / 1e6 * (0.5 if eventual else 1.0)
    return [line(ctx, "DynamoDB writes (1 KB items)", writes, "dynamodb-write-request-units"),
            line(ctx, "DynamoDB reads (4 KB items)", reads, "dynamodb-read-request-units",
                 note="eventually consistent: half a unit a read" if eventual else "strongly consistent"),
            storage]


@pricer("timestream")
def timestream(ctx: Costing, item: Item) -> list[Line]:
    store = ctx.store(item.subject)
    writes = ctx.store_rate(store, "writes")
    memory_gb = writes * 86400 * ctx.assumed("message_size") * 1e3 / GB  # a day in the memory store
    return [line(ctx, "Timestream writes", writes * SECONDS / 1e6, "timestream-writes"),
            line(ctx, "Timestream memory store", memory_gb * HOURS, "timestream-memory-gb-hour",
                 note="the last 24 hours kept in memory"),
            line(ctx, "Timestream magnetic store", ctx.store_gb(store), "timestream-magnetic-gb-month")]


@pricer("redshift")
def redshift(ctx: Costing, item: Item) -> list[Line]:
    gigabytes = ctx.store_gb(ctx.store(item.subject)) if item.subject else ctx.assumed("store_size")
    nodes = max(2, ceil(gigabytes / 32000))
    return [line(ctx, "Redshift ra3.xlplus nodes", nodes * HOURS, "redshift-ra3-xlplus-hour",
                 note=f"{nodes} nodes (at least two; 32 TB of managed storage each)"),
            line(ctx, "Redshift managed storage", gigabytes, "redshift-managed-storage-gb-month")]


@pricer("dax")
def dax(ctx: Costing, item: Item) -> list[Line]:
    return [line(ctx, "DAX dax.r5.large nodes", 3 * HOURS, "dax-r5-large-hour", note="three nodes across AZs")]


@pricer("elasticache-redis", "elasticache-memcached")
def elasticache(ctx: Costing, item: Item) -> list[Line]:
    return [line(ctx, "ElastiCache cache.r6g.large nodes", 2 * HOURS, "elasticache-r6g-large-hour",
                 note="a primary and a replica")]


# --- object storage -----------------------------------------------------------------------------------------------

S3_CLASSES = {  # storage price, retrieval price per GB read (None: no retrieval fee)
    "s3-standard": ("s3-standard-gb-month", None),
    "s3-standard-ia": ("s3-standard-ia-gb-month", "s3-ia-retrieval-gb"),
    "s3-one-zone-ia": ("s3-one-zone-ia-gb-month", "s3-ia-retrieval-gb"),
    "s3-glacier-instant-retrieval": ("s3-glacier-instant-gb-month", "s3-glacier-instant-retrieval-gb"),
    "s3-glacier-flexible-retrieval": ("s3-glacier-flexible-gb-month", "s3-glacier-flexible-retrieval-gb"),
    "s3-glacier-deep-archive": ("s3-glacier-deep-archive-gb-month", "s3-glacier-deep-archive-retrieval-gb"),
    "glacier": ("s3-glacier-flexible-gb-month", "s3-glacier-flexible-retrieval-gb"),
}


def s3_requests(ctx: Costing, gigabytes: float, share_read: float) -> list[Line]:
    objects = gigabytes * 1e3 / ctx.assumed("object_size")
    return [line(ctx, "S3 PUT requests", objects * ctx.assumed("changed_share") / 1e3, "s3-put-requests",
                 note="objects written in a month"),
            line(ctx, "S3 GET requests", objects * share_read / 1e3, "s3-get-requests", note="objects read in a month")]


def yearly_growth_gb(store: dict) -> float | None:
    """What the store says it grows in a year (growth_per_year), in GB; None when it does not say."""
    growth = store.get("growth_per_year")
    return growth.bytes / GB if growth is not None else None


@pricer(*S3_CLASSES, "s3", "s3-intelligent-tiering")
def s3_bucket(ctx: Costing, item: Item) -> list[Line]:
    store = ctx.store(item.subject)
    gigabytes = ctx.store_gb(store)
    growth = yearly_growth_gb(store)
    if growth:  # priced at the first year's average size: what it holds now and half a year's growth
        gigabytes += growth / 2
    access = store.get("access") or "unknown"
    share_read = READS_PER_MONTH[access]
    note = f"access {access}: {share_read:.0%} of the data read a month"
    if item.service == "s3-intelligent-tiering":
        frequent = min(1.0, share_read)
        lines = [line(ctx, "Intelligent-Tiering, frequent tier", gigabytes * frequent, "s3-standard-gb-month",
                      note=note),
                 line(ctx, "Intelligent-Tiering, infrequent tier", gigabytes * (1 - frequent),
                      "s3-intelligent-tiering-infrequent-gb-month", note="objects not read for 30 days"),
                 line(ctx, "Intelligent-Tiering monitoring", gigabytes * 1e3 / ctx.assumed("object_size") / 1e3,
                      "s3-intelligent-tiering-monitoring")]
    else:
        storage_key, retrieval_key = S3_CLASSES.get(item.service, S3_CLASSES["s3-standard"])
        lines = [line(ctx, f"{item.service} storage", gigabytes, storage_key, note=note)]
        if retrieval_key:
            lines.append(line(ctx, "Retrieval", gigabytes * share_read, retrieval_key))
    lines.extend(s3_requests(ctx, gigabytes, share_read))
    if item.secondary:
        lines.append(line(ctx, "Replication from the primary region", gigabytes * ctx.assumed("changed_share"),
                          "data-transfer-inter-region"))
    return lines


# --- block and file storage --------------------------------------------------------------------------------------------

EBS = {"ebs-gp3": "ebs-gp3-gb-month", "ebs-st1": "ebs-st1-gb-month", "ebs-sc1": "ebs-sc1-gb-month",
       "ebs-io2": "ebs-io2-gb-month"}


@pricer(*EBS)
def ebs(ctx: Costing, item: Item) -> list[Line]:
    store = ctx.store(item.subject)
    lines = [line(ctx, f"{item.service} volumes", ctx.store_gb(store), EBS[item.service])]
    if item.service == "ebs-io2":
        iops = store.get("iops") or 16000
        lines.append(line(ctx, "io2 provisioned IOPS", iops, "ebs-io2-iops-month"))
    return lines


@pricer("efs")
def efs(ctx: Costing, item: Item) -> list[Line]:
    return [line(ctx, "EFS Standard storage", ctx.store_gb(ctx.store(item.subject)), "efs-standard-gb-month",
                 note="all data in the Standard class (lifecycle to Infrequent Access not modelled)")]


@pricer("fsx-windows")
def fsx_windows(ctx: Costing, item: Item) -> list[Line]:
    stores = [ctx.store(item.subject)] if item.subject else \
        [d for d in ctx.values.get("data") or [] if d.get("kind") == "file"][:1]
    gigabytes = ctx.store_gb(stores[0] if stores else {})
    return [line(ctx, "FSx for Windows SSD storage", gigabytes, "fsx-windows-ssd-gb-month"),
            line(ctx, "FSx for Windows throughput", 64, "fsx-windows-throughput-month", note="64 MB/s provisioned")]


@pricer("fsx-ontap")
def fsx_ontap(ctx: Costing, item: Item) -> list[Line]:
    gigabytes = max(1024, ctx.store_gb(ctx.store(item.subject)))
    return [line(ctx, "FSx for NetApp ONTAP SSD storage", gigabytes, "fsx-ontap-ssd-gb-month",
                 note="at least 1 TiB; throughput capacity, capacity pool and backups not modelled")]


@pricer("fsx-lustre")
def fsx_lustre(ctx: Costing, item: Item) -> list[Line]:
    gigabytes = max(1200, ctx.store_gb(ctx.store(item.subject)))
    return [line(ctx, "FSx for Lustre storage", gigabytes, "fsx-lustre-gb-month", note="at least 1.2 TB")]


@pricer("storage-gateway-file", "storage-gateway-tape", "storage-gateway-volume-cached",
        "storage-gateway-volume-stored")
def storage_gateway(ctx: Costing, item: Item) -> list[Line]:
    written = ctx.object_gb() * ctx.assumed("changed_share") if ctx.object_stores() else ctx.assumed("store_size")
    cap = ctx.quote("storage-gateway-cap-month").rate
    rate = ctx.quote("storage-gateway-written-gb").rate
    billed = min(written, cap / rate)
    return [line(ctx, "Data written to AWS by the gateway", billed, "storage-gateway-written-gb",
                 note=f"{written:,.0f} GB written, capped at ${cap:g} a gateway a month")]


# --- messaging and integration -------------------------------------------------------------------------------------------

@pricer("sqs-standard", "sqs-fifo", "sqs-queue")
def sqs(ctx: Costing, item: Item) -> list[Line]:
    channel = ctx.channel(item.subject)
    consumers = max(1, channel.get("consumers") or 1)
    requests = ctx.channel_messages(channel) * (1 + 2 * consumers)  # a send; a receive and a delete each
    key = "sqs-fifo-requests" if item.service == "sqs-fifo" else "sqs-standard-requests"
    return [line(ctx, "SQS requests", requests / 1e6, key, note=f"send, then receive and delete by {consumers}")]


@pricer("sns")
def sns(ctx: Costing, item: Item) -> list[Line]:
    channel = ctx.channel(item.subject)
    return [line(ctx, "SNS publishes", ctx.channel_messages(channel) / 1e6, "sns-publishes",
                 note="deliveries to SQS and Lambda subscribers are free")]


@pricer("sns-sqs-fanout")
def fanout(ctx: Costing, item: Item) -> list[Line]:
    return sns(ctx, item) + sqs(ctx, item)


@pricer("kinesis-data-streams")
def kinesis(ctx: Costing, item: Item) -> list[Line]:
    channel = ctx.channel(item.subject)
    peak = ctx.channel_peak(channel)
    size_kb = ctx.assumed("message_size")
    shards = max(1, ceil(peak * size_kb / 1000), ceil(peak / 1000))  # 1 MB/s or 1,000 records/s a shard
    units = ctx.channel_messages(channel) * ceil(size_kb / 25)
    lines = [line(ctx, "Kinesis shards", shards * HOURS, "kinesis-shard-hour", note=f"{shards} shard(s) for the peak"),
             line(ctx, "Kinesis PUT payload units", units / 1e6, "kinesis-put-payload-units")]
    retention = channel.get("retention")
    if retention is not None and retention.seconds > 86400:
        lines.append(line(ctx, "Kinesis extended retention", shards * HOURS, "kinesis-extended-retention-shard-hour"))
    return lines


@pricer("kinesis-data-firehose")
def firehose(ctx: Costing, item: Item) -> list[Line]:
    channel = ctx.channel(item.subject)
    gigabytes = ctx.channel_messages(channel) * max(5, ctx.assumed("message_size")) * 1e3 / GB
    return [line(ctx, "Firehose data ingested", gigabytes, "firehose-gb", note="records rounded up to 5 KB")]


@pricer("amazon-mq")
def amazon_mq(ctx: Costing, item: Item) -> list[Line]:
    brokers = max(1, item.count)
    return [line(ctx, "Amazon MQ mq.m5.large brokers", brokers * 2 * HOURS, "amazon-mq-m5-large-hour",
                 note=f"{brokers} active/standby pair(s)")]


@pricer("step-functions")
def step_functions(ctx: Costing, item: Item) -> list[Line]:
    runs = ctx.channel_messages(ctx.channel(item.subject))
    return [line(ctx, "Step Functions state transitions", runs * ctx.assumed("transitions") / 1e3,
                 "step-functions-transitions")]


# --- analytics ------------------------------------------------------------------------------------------------------------

@pricer("athena", "redshift-spectrum")
def scans(ctx: Costing, item: Item) -> list[Line]:
    terabytes = ctx.object_gb() * ctx.assumed("scans") / 1000
    key = "athena-tb-scanned" if item.service == "athena" else "redshift-spectrum-tb-scanned"
    return [line(ctx, "Data scanned by queries", terabytes, key)]


@pricer("glue")
def glue(ctx: Costing, item: Item) -> list[Line]:
    return [line(ctx, "Glue ETL jobs", ctx.assumed("glue_dpu_hours"), "glue-dpu-hour")]


@pricer("emr")
def emr(ctx: Costing, item: Item) -> list[Line]:
    return [line(ctx, "EMR m5.xlarge cluster", 3 * HOURS, "emr-m5-xlarge-hour", note="three nodes running all month")]


@pricer("quicksight")
def quicksight(ctx: Costing, item: Item) -> list[Line]:
    authors = ctx.assumed("dashboard_users")
    return [line(ctx, "QuickSight authors", authors, "quicksight-author-month"),
            line(ctx, "QuickSight readers", 20, "quicksight-reader-month")]


@pricer("opensearch")
def opensearch(ctx: Costing, item: Item) -> list[Line]:
    stored = ctx.assumed("log_volume") * 3  # three months of logs
    return [line(ctx, "OpenSearch r6g.large.search instances", 3 * HOURS, "opensearch-r6g-large-hour",
                 note="three data nodes across AZs"),
            line(ctx, "OpenSearch gp3 storage", stored * 2, "opensearch-gp3-gb-month",
                 note="three months of logs, with one replica")]


# --- moving data into AWS (one-time unless the transfer recurs) ------------------------------------------------------------

def migration_gb(ctx: Costing) -> float:
    data = ctx.section("hybrid").get("migration", {}).get("data") if ctx.section("hybrid") else None
    return data.bytes / GB if data is not None else ctx.object_gb() or ctx.assumed("store_size")


@pricer("snowball", "snowball-edge")
def snowball(ctx: Costing, item: Item) -> list[Line]:
    gigabytes = migration_gb(ctx)
    jobs = max(1, ceil(gigabytes / 1000 / ctx.assumed("snowball_capacity")))
    return [line(ctx, "Snowball Edge jobs", jobs, "snowball-edge-job",
                 note=f"{gigabytes / 1000:,.0f} TB on {jobs} device(s); shipping not included; since "
                      "7 November 2025 offered only to existing Snowball customers")]


@pricer("online-transfer", "datasync")
def online_transfer(ctx: Costing, item: Item) -> list[Line]:
    return [line(ctx, "DataSync data copied", migration_gb(ctx), "datasync-gb",
                 note="over the existing link; data transfer into AWS is free")]


@pricer("direct-connect-gateway")
def direct_connect_gateway(ctx: Costing, item: Item) -> list[Line]:
    """No charge for the gateway: the connection's port hours and data transfer out are priced with it
    (https://aws.amazon.com/directconnect/pricing/)."""
    return []


@pricer("s3-transfer-acceleration")
def transfer_acceleration(ctx: Costing, item: Item) -> list[Line]:
    if item.subject:  # end users uploading into a store as they use the system (upload-acceleration)
        gigabytes, how = monthly_uploads(ctx, ctx.store(item.subject))
        return [line(ctx, "S3 Transfer Acceleration uploads", gigabytes, "s3-transfer-acceleration-gb", note=how)]
    return [line(ctx, "S3 Transfer Acceleration", migration_gb(ctx), "s3-transfer-acceleration-gb")]


def monthly_uploads(ctx: Costing, store: dict) -> tuple[float, str]:
    """GB uploaded into a store a month, and how that was found: its yearly growth spread over twelve months,
    else (assumed) a twelfth of its size."""
    growth = yearly_growth_gb(store)
    if growth is not None:
        return growth / 12, "a twelfth of growth_per_year a month"
    return ctx.store_gb(store) / 12, "assumed: a twelfth of the store's size uploaded a month"


ONE_TIME = frozenset({"snowball", "snowball-edge", "online-transfer", "datasync", "s3-transfer-acceleration",
                      "snowmobile"})


def one_time(ctx: Costing) -> bool:
    """Data transfer is a one-off cost unless the workload says the transfer recurs."""
    migration = ctx.section("hybrid").get("migration") if ctx.section("hybrid") else None
    return not (isinstance(migration, dict) and migration.get("recurring"))

