"""Databases, one decision per data store (read scaling and caches: rules/reads.py).

The decision table for ``database`` goes from the most specific need to the
most general: purpose-built stores first (time series, warehouse,
key-value), then the relational needs that only Aurora meets (cross-region
replication in seconds, serverless scaling, sub-two-minute failover), then
Multi-AZ RDS for automatic failover, and single-AZ RDS as the default.
"""
from __future__ import annotations

from ..engine.model import Concern, Eliminate, Select, Warn
from .common import stores
from .resilience import REPLICATED_DR

RDS = "notes: Relational Database Service (RDS)"
MULTI_AZ = "notes: RDS Multi-AZ"
READ_REPLICAS = "notes: RDS Read Replicas"
AURORA = "notes: Aurora"
AURORA_VS_RDS = "notes: Aurora vs RDS"
AURORA_SERVERLESS = "notes: Aurora Serverless"
DYNAMODB = "notes: DynamoDB"
DAX = "notes: DynamoDB Accelerator (DAX)"
GLOBAL_TABLES = "notes: DynamoDB Global Tables"
REDSHIFT = "notes: Redshift"
ELASTICACHE = "notes: ElastiCache"
TIMESTREAM = "notes: Amazon Timestream"
TIMESTREAM_NOTICE = "https://docs.aws.amazon.com/timestream/latest/developerguide/scheduledqueries-notification.html"
TIMESTREAM_INFLUXDB = "https://docs.aws.amazon.com/timestream/latest/developerguide/timestream-for-influxdb.html"
TIMESTREAM_BACKUP = "https://docs.aws.amazon.com/aws-backup/latest/devguide/timestream-backup.html"
MULTI_AZ_FAILOVER = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html"
AURORA_GLOBAL = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html"
AURORA_FAILOVER = ("https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/"
                   "Concepts.AuroraHighAvailability.html")
RDS_REPLICA_LIMITS = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html"
DAX_CONSISTENCY = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.consistency.html"
RDS_CROSS_REGION_BACKUPS = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html"
CROSS_REGION_BACKUP = "https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html"
MEMCACHED_VS_REDIS = "https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/SelectEngine.html"
RDS_BACKUPS = "notes: RDS Backups"
RDS_STORAGE = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.ModifyingExisting.html"
AURORA_STORAGE = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Performance.html"
RDS_AUTOMATED_BACKUPS = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html"
DYNAMODB_PITR = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html"
BACKUP_PLANS = "https://docs.aws.amazon.com/aws-backup/latest/devguide/about-backup-plans.html"
GLOBAL_TABLES_MODES = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html"
RESERVED_DB_DOC = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithReservedDBInstances.html"

RELATIONAL = ("rds-single-az", "rds-multi-az", "aurora", "aurora-serverless", "aurora-global-database")
AURORA_FAMILY = ("aurora", "aurora-serverless", "aurora-global-database")
KEY_VALUE = ("dynamodb", "dynamodb-global-tables")
RESTORE = {"restore_rto": "12h"}  # time enough to restore a database from its latest backup
# The storage an instance or cluster holds (RDS User Guide, increasing DB instance storage; Aurora User Guide,
# storage scaling: 128 TiB on current engine versions, 64 TiB on older ones, which is what the notes give).
VOLUMES = {"rds_volume": "64 TiB", "aurora_volume": "128 TiB"}
# The longest automated backups (RDS, Aurora) and point-in-time recovery (DynamoDB) keep restorable copies.
BACKUP_WINDOW = {"automated": "35d"}
DATABASE_KINDS = ("relational", "key-value", "document", "time-series", "warehouse")

DATABASE = Concern(
    id="database",
    title="Database service",
    question="Which database service should hold this data store?",
    subject_kind="store",
    choices=RELATIONAL + KEY_VALUE + ("timestream", "redshift"),
    raised=stores(*DATABASE_KINDS),
    depends_on=("dr-strategy",),
    rules=(
        Eliminate(
            id="database.aurora-engines",
            title="Aurora speaks only MySQL and PostgreSQL",
            rationale="Aurora is MySQL- and PostgreSQL-compatible; Oracle, SQL Server and MariaDB stay on RDS.",
            sources=(AURORA, RDS),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.one_of("this.engine", "oracle", "sqlserver", "mariadb"),
            reason="Aurora is compatible with MySQL and PostgreSQL only; engine is {this.engine}",
            choices=AURORA_FAMILY,
        ),
        Eliminate(
            id="database.rds-storage-limit",
            title="An RDS instance's volume holds 64 TiB; an Aurora cluster volume grows to 128 TiB",
            rationale=("Every RDS DB instance has one primary storage volume of at most 64 TiB; only RDS for Oracle "
                       "and RDS for SQL Server can add up to three more (256 TiB in all). An Aurora cluster volume "
                       "grows by itself to 128 TiB on current engine versions. The notes give Aurora's older ceiling "
                       "of 64 TB; current AWS documentation gives 128 TiB."),
            sources=(RDS, AURORA, RDS_STORAGE, AURORA_STORAGE),
            pillars=("performance-efficiency", "reliability"),
            thresholds=VOLUMES,
            when=lambda c, t: c.gt("this.size", t.rds_volume) and not c.one_of("this.engine", "oracle", "sqlserver"),
            reason=("size is {this.size}, more than the {t.rds_volume} an RDS instance's volume holds (only Oracle "
                    "and SQL Server can add volumes); an Aurora cluster volume grows to {t.aurora_volume}"),
            choices=("rds-single-az", "rds-multi-az"),
        ),
        Eliminate(
            id="database.not-relational",
            title="Non-relational data does not need a relational engine",
            rationale=("Key-value, document, time-series and warehouse data each have a purpose-built store; a "
                       "relational engine normalises data, pays for joins and scales up, not out."),
            sources=(DYNAMODB,),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.one_of("this.kind", "key-value", "document", "time-series", "warehouse"),
            reason="kind is {this.kind}: a relational engine is not the fit for it",
            choices=RELATIONAL,
        ),
        Eliminate(
            id="database.relational-needs-sql",
            title="Relational data needs a relational engine",
            rationale=("DynamoDB and Timestream do not do joins or multi-table SQL transactions; Redshift is an "
                       "OLAP warehouse, not a store for transactions (OLTP)."),
            sources=(RDS, REDSHIFT),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.eq("this.kind", "relational"),
            reason="kind is relational: it needs SQL joins and transactions (OLTP), which this service does not offer",
            choices=KEY_VALUE + ("timestream", "redshift"),
        ),
        Eliminate(
            id="database.not-time-series",
            title="Timestream holds time-series data only",
            rationale="Timestream is purpose-built for timestamped measurements, not general records.",
            sources=(TIMESTREAM,),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.one_of("this.kind", "key-value", "document", "warehouse"),
            reason="kind is {this.kind}, not time-series",
            choices=("timestream",),
        ),
        Eliminate(
            id="database.not-warehouse",
            title="Redshift is an analytics warehouse, not an operational store",
            rationale="Redshift is columnar OLAP for complex queries over large data sets, not per-item reads and "
                      "writes at high rates.",
            sources=(REDSHIFT,),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.one_of("this.kind", "key-value", "document", "time-series"),
            reason="kind is {this.kind}: Redshift is OLAP, built for analytical queries, not operational reads",
            choices=("redshift",),
        ),
        Eliminate(
            id="database.single-az-cannot-survive-az-loss",
            title="A single-AZ instance does not survive an AZ loss",
            rationale=("A single-AZ RDS instance is recovered by restoring a backup, which takes far longer than an "
                       "automatic Multi-AZ failover; only an RTO of half a day or more leaves time for that."),
            sources=(MULTI_AZ,),
            pillars=("reliability",),
            thresholds=RESTORE,
            when=lambda c, t: c.one_of("availability.scope", "multi-az", "multi-region") and not c.ge(
                "availability.rto", t.restore_rto),
            reason="scope is {availability.scope} (rto {availability.rto}): the store must survive the loss of an "
                   "Availability Zone sooner than a restore from backup allows",
            choices=("rds-single-az",),
            hard=False,
        ),
        Eliminate(
            id="database.no-cross-region-writes-on-rds",
            title="RDS accepts writes in one region only",
            rationale=("RDS cross-region read replicas are read-only; writes in several regions need DynamoDB "
                       "global tables, or Aurora Global Database with write forwarding to its primary region."),
            sources=(READ_REPLICAS, AURORA_GLOBAL),
            pillars=("reliability", "performance-efficiency"),
            when=lambda c, t: c.true("this.multi_region_writes"),
            reason="multi_region_writes is true: RDS takes writes in a single region only",
            choices=("rds-single-az", "rds-multi-az", "aurora", "aurora-serverless", "dynamodb"),
            hard=False,
        ),
        Select(
            id="database.time-series",
            title="Time-series data goes to Timestream",
            rationale=("Timestream is serverless, keeps recent data in memory and older data in a cheaper tier, and "
                       "has built-in time-series functions."),
            sources=(TIMESTREAM,),
            pillars=("performance-efficiency", "cost-optimization"),
            when=lambda c, t: c.eq("this.kind", "time-series"),
            reason="kind is time-series: Timestream stores and queries timestamped data purpose-built",
            choice="timestream",
        ),
        Select(
            id="database.warehouse",
            title="Warehouse data goes to Redshift",
            rationale="Redshift is the petabyte-scale columnar OLAP warehouse for complex analytical queries.",
            sources=(REDSHIFT,),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.eq("this.kind", "warehouse"),
            reason="kind is warehouse: Redshift runs complex OLAP queries over large structured data",
            choice="redshift",
        ),
        Select(
            id="database.global-tables",
            title="Key-value data written in several regions, or replicated for a DR strategy that needs it",
            rationale=("DynamoDB global tables replicate a table to several regions, multi-master, typically under a "
                       "second, so each region takes writes and survives the loss of another with seconds of data "
                       "lost: the data replication a pilot light, warm standby or active-active strategy needs. "
                       "Every write is paid for again in each replica region; for backup and restore, backups "
                       "copied to the other region cost far less (see database.cross-region-dynamodb-backups)."),
            sources=(GLOBAL_TABLES, CROSS_REGION_BACKUP),
            pillars=("reliability", "performance-efficiency"),
            when=lambda c, t: c.one_of("this.kind", "key-value", "document") and (
                c.true("this.multi_region_writes") or c.decided("dr-strategy", *REPLICATED_DR, subject=None)),
            reason="kind is {this.kind}, multi_region_writes is {this.multi_region_writes} and the DR strategy is "
                   "{decision.dr-strategy}: global tables replicate multi-master across regions in about a second",
            choice="dynamodb-global-tables",
        ),
        Select(
            id="database.key-value",
            title="Key-value and document data goes to DynamoDB",
            rationale=("DynamoDB gives single-digit millisecond reads and writes at any scale, with a flexible "
                       "schema, fully managed and spread over three AZs."),
            sources=(DYNAMODB,),
            pillars=("performance-efficiency", "reliability"),
            when=lambda c, t: c.one_of("this.kind", "key-value", "document"),
            reason="kind is {this.kind}: DynamoDB serves key-value and document data in single-digit milliseconds "
                   "at any scale, with a flexible schema",
            choice="dynamodb",
        ),
        Select(
            id="database.aurora-global",
            title="Relational data that must survive a region loss with little data loss",
            rationale=("Aurora Global Database replicates storage to up to five secondary regions with typical lag "
                       "under a second and promotes a secondary in about a minute."),
            sources=(AURORA_GLOBAL, AURORA),
            pillars=("reliability",),
            thresholds={"rpo": "1h", "rto": "1h"},
            when=lambda c, t: c.true("this.multi_region_writes") or (
                c.eq("availability.scope", "multi-region")
                and (c.lt("availability.rpo", t.rpo) or c.lt("availability.rto", t.rto)
                     or c.decided("dr-strategy", "multi-site-active-active", subject=None))),
            reason="multi_region_writes is {this.multi_region_writes}, scope is {availability.scope}, rpo is "
                   "{availability.rpo}, rto is {availability.rto}, DR strategy {decision.dr-strategy}: Aurora "
                   "Global Database serves reads in every region and replicates to other "
                   "regions with about a second of lag and promotes a secondary in about a minute",
            choice="aurora-global-database",
        ),
        Select(
            id="database.aurora-serverless",
            title="Intermittent or unpredictable relational load",
            rationale=("Aurora Serverless starts, stops and scales capacity with use; the notes name infrequent, "
                       "intermittent and unpredictable workloads as its use case."),
            sources=(AURORA_SERVERLESS,),
            pillars=("cost-optimization", "performance-efficiency"),
            when=lambda c, t: c.one_of("this.load", "intermittent", "unpredictable"),
            reason="load is {this.load}: Aurora Serverless scales capacity with use and pauses when idle",
            choice="aurora-serverless",
        ),
        Select(
            id="database.aurora-fast-failover",
            title="Failover faster than Multi-AZ RDS allows",
            rationale=("RDS Multi-AZ failover takes one to two minutes; Aurora fails over to one of its replicas, "
                       "typically in about 30 seconds, with six copies of the data across three AZs."),
            sources=(AURORA_FAILOVER, MULTI_AZ_FAILOVER, AURORA_VS_RDS),
            pillars=("reliability",),
            thresholds={"rto": "2m"},
            when=lambda c, t: c.lt("availability.rto", t.rto),
            reason="rto is {availability.rto}, under {t.rto}: RDS Multi-AZ failover takes 1-2 minutes; Aurora "
                   "promotes a replica in about 30 seconds",
            choice="aurora",
        ),
        Select(
            id="database.aurora-read-heavy",
            title="More read load than RDS read replicas comfortably carry",
            rationale=("RDS read replicas (up to 15 for MySQL, MariaDB and PostgreSQL, 5 for Oracle and SQL "
                       "Server) each replay the primary's changes on storage of their own, lag by seconds, and are "
                       "addressed one by one; Aurora's up to 15 replicas share the cluster volume, lag by "
                       "milliseconds and sit behind one load-balanced reader endpoint. (The notes' 'five RDS "
                       "replicas' is an older limit.)"),
            sources=(AURORA_VS_RDS, RDS_REPLICA_LIMITS),
            pillars=("performance-efficiency",),
            thresholds={"reads": "30k/s"},
            when=lambda c, t: c.gt("this.reads", t.reads),
            reason="reads are {this.reads}, over {t.reads}: Aurora's replicas share one storage volume, lag by "
                   "milliseconds and are reached through one reader endpoint, where RDS replicas lag by seconds "
                   "and are addressed one by one",
            choice="aurora",
        ),
        Select(
            id="database.aurora-performance",
            title="Performance first on MySQL or PostgreSQL",
            rationale="Aurora gives up to five times MySQL and three times PostgreSQL throughput on the same "
                      "engines, with storage that grows automatically.",
            sources=(AURORA,),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.eq("cost_priority", "performance") and c.one_of("this.engine", "mysql", "postgresql"),
            reason="cost_priority is performance and engine is {this.engine}: Aurora is the faster engine-compatible "
                   "choice",
            choice="aurora",
        ),
        Select(
            id="database.aurora-large",
            title="More data than an RDS volume holds: Aurora",
            rationale=("An RDS for MySQL, MariaDB or PostgreSQL instance stores at most 64 TiB on its one volume. "
                       "Aurora's cluster volume is shared by the writer and its replicas and grows by itself, in "
                       "10 GiB steps, to 128 TiB: no storage to provision, and the data stays in one database."),
            sources=(AURORA, AURORA_VS_RDS, RDS_STORAGE, AURORA_STORAGE),
            pillars=("performance-efficiency", "reliability"),
            thresholds=VOLUMES,
            when=lambda c, t: c.gt("this.size", t.rds_volume) and not c.one_of("this.engine", "oracle", "sqlserver"),
            reason=("size is {this.size}, more than the {t.rds_volume} an RDS instance's volume holds: an Aurora "
                    "cluster volume grows by itself to {t.aurora_volume}"),
            choice="aurora",
        ),
        Select(
            id="database.restore-within-rto",
            title="Lowest cost with hours to recover: one instance and its backups",
            rationale=("When the RTO leaves half a day or more, restoring the latest backup (point in time, in "
                       "another AZ, or from a copy in another region) recovers the store without paying for a "
                       "standby that waits idle."),
            sources=("notes: RDS Backups", RDS_CROSS_REGION_BACKUPS),
            pillars=("cost-optimization",),
            thresholds=RESTORE,
            when=lambda c, t: (c.eq("cost_priority", "lowest") and c.ge("availability.rto", t.restore_rto)
                               and not c.eq("availability.failover", "automatic")),
            reason="cost_priority is lowest and rto is {availability.rto} (failover {availability.failover}): a "
                   "restore from backup fits in the RTO, so no standby is paid for",
            choice="rds-single-az",
        ),
        Select(
            id="database.multi-az",
            title="Surviving an AZ loss: a Multi-AZ standby",
            rationale=("Multi-AZ RDS keeps a synchronous standby in another AZ and fails over automatically by "
                       "updating DNS; the standby serves no reads."),
            sources=(MULTI_AZ,),
            pillars=("reliability",),
            when=lambda c, t: c.one_of("availability.scope", "multi-az", "multi-region"),
            reason=("scope is {availability.scope}: a synchronous standby in a second AZ survives the loss of an AZ, "
                    "and RDS fails over to it on its own by updating DNS"),
            choice="rds-multi-az",
        ),
        Select(
            id="database.multi-az-automatic-failover",
            title="Failover without an operator: a Multi-AZ standby",
            rationale=("Only a Multi-AZ deployment fails over without anyone acting: RDS promotes the synchronous "
                       "standby and updates DNS in one to two minutes. A single instance must be restored or "
                       "rebuilt by hand."),
            sources=(MULTI_AZ,),
            pillars=("reliability",),
            when=lambda c, t: (c.eq("availability.failover", "automatic")
                               and not c.one_of("availability.scope", "multi-az", "multi-region")),
            reason=("failover is automatic (scope is {availability.scope}): only a Multi-AZ standby is failed over to "
                    "without an operator, RDS updating DNS on its own"),
            choice="rds-multi-az",
        ),
        Select(
            id="database.single-az",
            title="One AZ is enough",
            rationale="With no need to survive an AZ loss quickly, a single instance with automated backups (point "
                      "in time restore within 1-35 days) costs least.",
            sources=("notes: RDS Backups",),
            pillars=("cost-optimization",),
            reason="scope is {availability.scope}: no AZ failover is needed, backups restore the data",
            choice="rds-single-az",
        ),
        Warn(
            id="database.timestream-closed-to-new-customers",
            title="Timestream for LiveAnalytics is closed to new customers",
            rationale=("Since 20 June 2025 Amazon Timestream for LiveAnalytics (the serverless Timestream of the "
                       "notes and the exam) is open only to accounts that already use it; AWS points new "
                       "customers to Amazon Timestream for InfluxDB, a managed InfluxDB with single-digit "
                       "millisecond queries, run as instances (Multi-AZ for availability) rather than serverless."),
            sources=(TIMESTREAM, TIMESTREAM_NOTICE, TIMESTREAM_INFLUXDB),
            pillars=("operational-excellence",),
            when=lambda c, t: c.eq("this.kind", "time-series"),
            reason=("kind is time-series: Timestream for LiveAnalytics takes no new customers since June 2025; a new "
                    "account builds this on Amazon Timestream for InfluxDB (instances, Multi-AZ) instead"),
            choices=("timestream",),
        ),
        Warn(
            id="database.timestream-copies-by-backup-only",
            title="Timestream reaches another Region only through backup copies",
            rationale=("Timestream has no replication across Regions: its tables reach another Region as AWS Backup "
                       "copies, so after a Region's loss the data is as old as the last copied backup; a shorter "
                       "RPO needs the writers (or the stream that feeds them) to write to both Regions."),
            sources=(TIMESTREAM_BACKUP, TIMESTREAM),
            pillars=("reliability",),
            thresholds={"rpo": "1h"},
            when=lambda c, t: (c.eq("this.kind", "time-series") and c.eq("availability.scope", "multi-region")
                               and c.lt("availability.rpo", t.rpo)),
            reason=("scope is multi-region and rpo is {availability.rpo}: Timestream reaches the other Region only as "
                    "AWS Backup copies, as old as the last copy; write the points to both Regions (e.g. from the "
                    "stream that feeds them) to meet it"),
            choices=("timestream",),
        ),
        Warn(
            id="database.rds-failover-slower-than-rto",
            title="RDS failover is slower than the RTO",
            rationale="Multi-AZ failover takes one to two minutes; an engine Aurora does not support cannot go faster.",
            sources=(MULTI_AZ_FAILOVER,),
            pillars=("reliability",),
            thresholds={"rto": "2m"},
            when=lambda c, t: c.lt("availability.rto", t.rto),
            reason="rto is {availability.rto} but RDS Multi-AZ failover takes 1-2 minutes for engine "
                   "{this.engine}; consider moving to Aurora (MySQL/PostgreSQL) or relaxing the RTO",
            choices=("rds-multi-az", "rds-single-az"),
        ),
        Warn(
            id="database.single-az-with-short-rto",
            title="A single AZ cannot meet a short RTO",
            rationale="The RTO covers an AZ loss; a single-AZ instance is recovered by restoring a backup, which "
                      "takes much longer than minutes, so scope single-az with an RTO under an hour contradicts "
                      "itself.",
            sources=(MULTI_AZ, "notes: RDS Backups"),
            pillars=("reliability",),
            thresholds={"rto": "1h"},
            when=lambda c, t: c.eq("availability.scope", "single-az") and c.lt("availability.rto", t.rto),
            reason="scope is single-az but rto is {availability.rto}: recovering from an AZ loss that fast needs a "
                   "standby in a second AZ (a restore from backup takes longer); set scope to multi-az or accept a "
                   "longer RTO",
            choices=RELATIONAL,
        ),
        Warn(
            id="database.cross-region-rds",
            title="RDS across regions needs a cross-region replica",
            rationale="RDS Multi-AZ stays within one region; for a region loss add a cross-region read replica "
                      "(promoted by hand) or copy snapshots to the other region.",
            sources=(READ_REPLICAS, MULTI_AZ),
            pillars=("reliability",),
            when=lambda c, t: c.eq("availability.scope", "multi-region") and c.decided(
                "dr-strategy", *REPLICATED_DR, subject=None),
            reason="the DR strategy is {decision.dr-strategy} (rpo {availability.rpo}), but RDS (engine "
                   "{this.engine}) stays in one region: add a cross-region read replica and promote it on failover "
                   "(manual, minutes of data loss possible)",
            choices=("rds-multi-az", "rds-single-az"),
        ),
        Warn(
            id="database.cross-region-rds-backups",
            title="RDS recovered in another region from backups: copy the backups there",
            rationale="For backup and restore, RDS copies its automated backups and snapshots to another region, "
                      "where the database is restored on failover: no replica to pay for.",
            sources=(RDS_CROSS_REGION_BACKUPS, "notes: RDS Backups"),
            pillars=("reliability", "cost-optimization"),
            when=lambda c, t: c.eq("availability.scope", "multi-region") and not c.decided(
                "dr-strategy", *REPLICATED_DR, subject=None),
            reason="the DR strategy is {decision.dr-strategy} (rpo {availability.rpo}): replicate the automated "
                   "backups of {subject} to the other region and restore there on failover",
            choices=("rds-multi-az", "rds-single-az"),
        ),
        Warn(
            id="database.cross-region-dynamodb-backups",
            title="DynamoDB in one region needs its backups in another",
            rationale=("A DynamoDB table lives in one region, spread over its AZs. To recover from a region loss "
                       "without paying for global tables, AWS Backup copies the table's backups to a vault in "
                       "another region, where the table is restored: hours of recovery, and data lost back to "
                       "the last copied backup."),
            sources=(CROSS_REGION_BACKUP, DYNAMODB),
            pillars=("reliability", "cost-optimization"),
            when=lambda c, t: c.eq("availability.scope", "multi-region") and not c.decided(
                "dr-strategy", *REPLICATED_DR, subject=None),
            reason="scope is multi-region with rpo {availability.rpo} and rto {availability.rto}: schedule AWS "
                   "Backup for {subject} with a copy to a vault in the recovery region, and restore the table "
                   "there on failover (global tables, for minutes, replicate every write)",
            choices=("dynamodb",),
        ),
        Warn(
            id="database.global-readers",
            title="Readers around the world: Aurora Global Database serves them locally",
            rationale=("Aurora Global Database keeps read-only copies of the cluster in up to five other regions, "
                       "typically under a second behind, so an application deployed in those regions reads "
                       "locally; writes still go to the primary region (or are forwarded to it)."),
            sources=(AURORA_GLOBAL,),
            pillars=("performance-efficiency",),
            when=lambda c, t: (c.one_of("users.geography", "global", "multi-region") and c.true("this.stale_reads_ok")
                               and not c.one_of("this.engine", "oracle", "sqlserver", "mariadb")),
            reason="users are {users.geography} and reads of {subject} may lag: where the application runs in "
                   "several regions, an Aurora Global Database gives each region local reads about a second "
                   "behind the writer",
            choices=("rds-single-az", "rds-multi-az", "aurora", "aurora-serverless"),
        ),
        Warn(
            id="database.residency-vs-cross-region-copies",
            title="Data kept in its users' jurisdiction is not copied to every region",
            rationale=("Aurora Global Database and DynamoDB global tables copy every item to every region they "
                       "span. When each user's data must stay in their own jurisdiction, a global copy takes it "
                       "out; keep one store per jurisdiction, or replicate only between regions of the same one."),
            sources=(AURORA_GLOBAL, GLOBAL_TABLES),
            pillars=("security",),
            when=lambda c, t: c.true("users.data_residency"),
            reason=("data_residency is true but {subject} is copied whole to every region it spans: keep a store per "
                    "jurisdiction, or replicate only between regions of the same jurisdiction"),
            choices=("aurora-global-database", "dynamodb-global-tables"),
        ),
        Warn(
            id="database.single-writer-region",
            title="Aurora Global Database has one writer region",
            rationale="Secondary regions are read-only; write forwarding sends their writes to the primary region.",
            sources=(AURORA_GLOBAL,),
            pillars=("reliability", "performance-efficiency"),
            when=lambda c, t: c.true("this.multi_region_writes"),
            reason="multi_region_writes is true: Aurora Global Database accepts writes in one primary region and "
                   "forwards the others; true multi-master needs DynamoDB global tables",
            choices=("aurora-global-database",),
        ),
        Warn(
            id="database.relational-change-events",
            title="Relational engines have no managed change stream",
            rationale=("DynamoDB Streams and S3 event notifications have no RDS counterpart; changes in a "
                       "relational store reach other parts of the system through AWS DMS change data capture "
                       "into Kinesis, Aurora's native Lambda invocation, or an outbox table the application "
                       "writes in the same transaction."),
            sources=("https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.Kinesis.html",
                     "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Integrating.Lambda.html"),
            pillars=("operational-excellence",),
            when=lambda c, t: c.true("this.change_events"),
            reason=("change_events is true but {subject} is relational: stream its changes with DMS change data "
                    "capture to Kinesis, Aurora's Lambda integration, or an outbox table"),
            choices=RELATIONAL,
        ),
        Warn(
            id="database.global-tables-consistency",
            title="Global tables are eventually consistent across regions",
            rationale=("By default (multi-Region eventual consistency) replication between Regions is asynchronous "
                       "and concurrent writes resolve last-writer-wins: what the notes and most exam material "
                       "describe. Current AWS documentation adds multi-Region strong consistency (MRSC): a table "
                       "in exactly three Regions (or two and a witness) where a write is acknowledged once "
                       "replicated, so a strongly consistent read anywhere sees it, at a higher write latency."),
            sources=(GLOBAL_TABLES, GLOBAL_TABLES_MODES),
            pillars=("reliability",),
            when=lambda c, t: c.false("this.stale_reads_ok"),
            reason="stale_reads_ok is false, but reads in another region may lag by about a second and concurrent "
                   "writes resolve last-writer-wins; keep strongly consistent reads in the writing region, or "
                   "create the table with multi-Region strong consistency (three Regions, slower writes)",
            choices=("dynamodb-global-tables",),
        ),
        Warn(
            id="database.aurora-storage-limit",
            title="More data than one Aurora cluster volume holds",
            rationale=("An Aurora cluster volume grows to 128 TiB at most (64 TiB on older engine versions); "
                       "beyond that the data must be split across clusters, or its cold part moved out."),
            sources=(AURORA, AURORA_STORAGE),
            pillars=("performance-efficiency", "reliability"),
            thresholds=VOLUMES,
            when=lambda c, t: c.gt("this.size", t.aurora_volume),
            reason=("size is {this.size}, more than the {t.aurora_volume} an Aurora cluster volume holds: shard the "
                    "data across clusters, or move rows no longer written to S3 and query them with Athena"),
            choices=AURORA_FAMILY,
        ),
        Warn(
            id="database.retention-beyond-automated-backups",
            title="Backups kept longer than automated backups allow",
            rationale=("RDS and Aurora automated backups restore to any second within a retention period of 1 to 35 "
                       "days, and DynamoDB point-in-time recovery keeps 35 days; they go when the database is "
                       "deleted. Keeping backups longer takes snapshots retained on purpose: an AWS Backup plan "
                       "whose rule keeps each backup for the required time (and can copy it to another Region or "
                       "account), or manual DB snapshots, which stay until deleted."),
            sources=(RDS_BACKUPS, RDS_AUTOMATED_BACKUPS, DYNAMODB_PITR, BACKUP_PLANS),
            pillars=("reliability", "security"),
            thresholds=BACKUP_WINDOW,
            when=lambda c, t: c.gt("this.retention", t.automated),
            reason=("retention is {this.retention}, beyond the {t.automated} that automated backups and point-in-time "
                    "recovery keep: add an AWS Backup plan that keeps each backup for {this.retention} (or manual "
                    "snapshots, which stay until deleted)"),
            choices=RELATIONAL + KEY_VALUE,
        ),
        Warn(
            id="database.reserved-db-instances",
            title="A database running for the whole committed term: Reserved DB Instances",
            rationale=("Savings Plans and EC2 Reserved Instances do not cover RDS or Aurora instances; RDS Reserved "
                       "DB Instances do, for a one- or three-year term, and apply to a Multi-AZ pair or an Aurora "
                       "cluster's instances of the reserved class (size-flexible within the family for most "
                       "engines). The cost estimate prices the database On-Demand."),
            sources=(RDS, RESERVED_DB_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: c.one_of("compute.commitment", "1y", "3y"),
            reason=("commitment is {compute.commitment}: the database runs for the whole term, so buy RDS Reserved DB "
                    "Instances for its instances (Savings Plans do not cover RDS); the estimate is On-Demand"),
            choices=("rds-single-az", "rds-multi-az", "aurora", "aurora-global-database"),
        ),
        Warn(
            id="database.flexible-schema-on-relational",
            title="A schema that changes often, kept in a relational engine",
            rationale=("A relational table has a fixed schema: every new attribute is a migration. Items whose "
                       "attributes differ or change often fit a key-value or document store (DynamoDB), which "
                       "needs no schema beyond its keys."),
            sources=(DYNAMODB, RDS),
            pillars=("operational-excellence", "performance-efficiency"),
            when=lambda c, t: c.eq("this.schema", "flexible") and c.eq("this.kind", "relational"),
            reason=("schema is flexible but kind is relational: every schema change is a migration of its tables; if "
                    "the data needs no joins across tables, DynamoDB stores items of any shape"),
            choices=RELATIONAL,
        ),
    ),
)

CONCERNS = [DATABASE]
