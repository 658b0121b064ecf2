"""Analytics: querying the data lake, the warehouse, big data, ETL, dashboards, log search.

Sources: notes "Athena", "Redshift", "Redshift Spectrum", "AWS Glue" (which
also compares Glue with EMR), "Amazon QuickSight" and "S3 and
ElasticSearch", and the AWS pages linked from each rule. All six concerns
are whole-system decisions raised by the ``analytics`` flags (log search
also by a stream delivered to OpenSearch).
"""
from __future__ import annotations

from ..engine.context import Context
from ..engine.model import Concern, Eliminate, Select, Warn
from . import media
from .common import any_channel, when, whole_system
from .storage import any_store

ATHENA = "notes: Athena"
REDSHIFT = "notes: Redshift"
SPECTRUM = "notes: Redshift Spectrum"
GLUE = "notes: AWS Glue"
QUICKSIGHT = "notes: Amazon QuickSight"
SPICE = "notes: SPICE"
OPENSEARCH_NOTES = "notes: S3 and ElasticSearch"

ATHENA_DOC = "https://docs.aws.amazon.com/athena/latest/ug/what-is.html"
SPECTRUM_DOC = "https://docs.aws.amazon.com/redshift/latest/dg/c-using-spectrum.html"
REDSHIFT_DOC = "https://docs.aws.amazon.com/redshift/latest/mgmt/welcome.html"
REDSHIFT_MULTI_AZ_DOC = "https://docs.aws.amazon.com/redshift/latest/mgmt/overview-multi-az.html"
EMR_DOC = "https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-what-is-emr.html"
EMR_SPOT_DOC = "https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-instance-group-configuration.html"
GLUE_DOC = "https://docs.aws.amazon.com/glue/latest/dg/what-is-glue.html"
QUICKSIGHT_DOC = "https://docs.aws.amazon.com/quicksight/latest/user/welcome.html"
REDSHIFT_EVR = "notes: Redshift Enhanced VPC Routing"
REDSHIFT_EVR_DOC = "https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html"
REDSHIFT_RESERVED = "https://docs.aws.amazon.com/redshift/latest/mgmt/purchase-reserved-node-instance.html"
REDSHIFT_SNAPSHOT_COPY = "https://docs.aws.amazon.com/redshift/latest/mgmt/managing-snapshots-console.html"
QUICKSIGHT_DATA = "notes: Data Management"
QUICKSIGHT_SOURCES = "notes: Quicksight Data Sources"
QUICKSIGHT_REFRESH = "https://docs.aws.amazon.com/quicksight/latest/user/refreshing-imported-data.html"
OPENSEARCH_DASHBOARDS = "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/dashboards.html"
DYNAMODB_EXPORT = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.HowItWorks.html"
OPENSEARCH_DOC = "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/what-is.html"
OPENSEARCH_AZ_DOC = "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-multiaz.html"


def _multi_az_asked(c: Context) -> bool:
    """The user asked (scope or rto) for surviving an AZ loss."""
    return ((c.given("availability.scope") or c.given("availability.rto"))
            and c.one_of("availability.scope", "multi-az", "multi-region"))


# ------------------------------------------------------------------------------------ data-lake-query
DATA_LAKE_QUERY = Concern(
    id="data-lake-query",
    title="SQL on the data lake",
    question="What runs SQL over the data in object storage?",
    subject_kind="none",
    choices=("athena", "redshift-spectrum"),
    raised=whole_system("analytics.adhoc_sql_on_objects", "analytics.query_warehouse_and_lake"),
    rules=(
        Eliminate(
            id="data-lake-query.spectrum-needs-a-cluster",
            title="Redshift Spectrum runs from a Redshift cluster",
            rationale=("Spectrum queries S3 through external tables of a Redshift cluster; without a warehouse "
                       "there is nothing to run it from or join with."),
            sources=(SPECTRUM, SPECTRUM_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: c.false("analytics.warehouse"),
            reason="warehouse is false: Redshift Spectrum needs a Redshift cluster to run from",
            choices=("redshift-spectrum",),
        ),
        Select(
            id="data-lake-query.join-warehouse-and-lake",
            title="Join warehouse tables with data in S3: Redshift Spectrum",
            rationale=("Redshift Spectrum lets the warehouse query exabytes in S3 through external tables and join "
                       "them with local tables, with no loading or ETL; most processing runs in the Spectrum layer."),
            sources=(SPECTRUM, SPECTRUM_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.true("analytics.query_warehouse_and_lake"),
            reason=("query_warehouse_and_lake is true: Redshift Spectrum joins warehouse tables with data left in S3, "
                    "without loading it"),
            choice="redshift-spectrum",
        ),
        Select(
            id="data-lake-query.serverless-sql",
            title="Ad hoc SQL on objects without servers: Athena",
            rationale=("Athena runs standard SQL directly on files in S3: serverless, nothing to provision, paid "
                       "per TB scanned."),
            sources=(ATHENA, ATHENA_DOC),
            pillars=("cost-optimization", "operational-excellence"),
            when=lambda c, t: c.true("analytics.adhoc_sql_on_objects"),
            reason=("adhoc_sql_on_objects is true: Athena runs SQL on the files in S3 with no servers, paying per "
                    "TB scanned"),
            choice="athena",
        ),
        Select(
            id="data-lake-query.athena-default",
            title="Otherwise: Athena",
            rationale="Without a warehouse to join with, S3 data is queried in place with Athena.",
            sources=(ATHENA, ATHENA_DOC),
            pillars=("cost-optimization",),
            reason=("warehouse is {analytics.warehouse}: with no warehouse to join with, Athena queries the data in "
                    "S3 in place"),
            choice="athena",
        ),
        Warn(
            id="data-lake-query.join-without-warehouse",
            title="A join with the warehouse was asked for, but there is no warehouse",
            rationale="Joining warehouse tables with the lake needs a warehouse; the two requirements contradict.",
            sources=(SPECTRUM,),
            pillars=("operational-excellence",),
            when=lambda c, t: c.true("analytics.query_warehouse_and_lake"),
            reason=("query_warehouse_and_lake is true but warehouse is false: there are no warehouse tables to join; "
                    "Athena queries the lake alone (Athena federated query can reach other sources)"),
            choices=("athena",),
        ),
        Warn(
            id="data-lake-query.spectrum-is-not-serverless",
            title="Spectrum needs the cluster; Athena stays serverless",
            rationale=("Ad hoc SQL without servers and joins with the warehouse pull two ways: Spectrum runs from a "
                       "provisioned cluster, while Athena can query the same Glue Data Catalog tables serverlessly."),
            sources=(ATHENA, SPECTRUM),
            pillars=("cost-optimization",),
            when=lambda c, t: c.true("analytics.adhoc_sql_on_objects"),
            reason=("adhoc_sql_on_objects is true: Spectrum runs from the Redshift cluster, so keep Athena for "
                    "serverless ad hoc queries on the same Glue Data Catalog tables"),
            choices=("redshift-spectrum",),
        ),
    ),
)


# ------------------------------------------------------------------------------------------ warehouse
WAREHOUSE = Concern(
    id="warehouse",
    title="Data warehouse",
    question="What runs the OLAP data warehouse?",
    subject_kind="none",
    choices=("redshift",),
    raised=whole_system("analytics.warehouse", "analytics.query_warehouse_and_lake"),
    rules=(
        Select(
            id="warehouse.olap",
            title="Complex OLAP queries over large structured data: Redshift",
            rationale=("Redshift is the managed petabyte-scale warehouse: columnar storage and compression with "
                       "massively parallel processing across compute nodes, for BI and complex analytical queries."),
            sources=(REDSHIFT, REDSHIFT_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.true("analytics.warehouse"),
            reason=("warehouse is true: Redshift runs complex OLAP queries over large structured data with columnar "
                    "storage and massively parallel processing"),
            choice="redshift",
        ),
        Select(
            id="warehouse.implied-by-lake-joins",
            title="Joins between warehouse and lake imply a warehouse: Redshift",
            rationale="Joining warehouse tables with data in S3 presupposes the warehouse that holds those tables.",
            sources=(REDSHIFT, SPECTRUM),
            pillars=("performance-efficiency",),
            reason=("query_warehouse_and_lake is {analytics.query_warehouse_and_lake}: the warehouse tables to join "
                    "live in Redshift"),
            choice="redshift",
        ),
        Warn(
            id="warehouse.enhanced-vpc-routing",
            title="S3 kept off the internet: Redshift needs Enhanced VPC Routing",
            rationale=("Without Enhanced VPC Routing, Redshift sends COPY and UNLOAD traffic to S3 by its own route "
                       "through the internet, past the VPC's endpoints, security groups and flow logs. With it, "
                       "that traffic goes through the VPC, so the S3 gateway endpoint and its policy apply."),
            sources=(REDSHIFT_EVR, REDSHIFT_EVR_DOC),
            pillars=("security",),
            when=lambda c, t: c.contains("network.aws_services_private", "s3"),
            reason=("aws_services_private includes s3: turn on Enhanced VPC Routing on the cluster so its COPY and "
                    "UNLOAD traffic goes through the VPC and its S3 gateway endpoint"),
            choices=("redshift",),
        ),
        Warn(
            id="warehouse.reserved-nodes",
            title="A warehouse running for the whole committed term: reserved nodes",
            rationale=("The notes: Redshift can be bought by reserving compute nodes for one or three years. A "
                       "provisioned cluster that runs all the time costs much less on reserved nodes; Savings "
                       "Plans do not cover Redshift. The cost estimate prices the cluster On-Demand."),
            sources=(REDSHIFT, REDSHIFT_RESERVED),
            pillars=("cost-optimization",),
            when=lambda c, t: c.one_of("compute.commitment", "1y", "3y"),
            reason=("commitment is {compute.commitment}: reserve the cluster's nodes for the term (Savings Plans do "
                    "not cover Redshift); the estimate is On-Demand"),
            choices=("redshift",),
        ),
        Warn(
            id="warehouse.cross-region-snapshot-copy",
            title="A warehouse that must survive a Region loss: copy its snapshots there",
            rationale=("Redshift keeps its automated snapshots in its own Region; cross-Region snapshot copy "
                       "replicates each new snapshot, asynchronously, to another Region, where the cluster can be "
                       "restored (with a grant for the key when the cluster is KMS-encrypted)."),
            sources=(REDSHIFT, REDSHIFT_SNAPSHOT_COPY),
            pillars=("reliability",),
            when=lambda c, t: c.eq("availability.scope", "multi-region"),
            reason=("scope is multi-region: turn on cross-Region snapshot copy so the warehouse can be restored in "
                    "the recovery Region (RPO: the time since the last copied snapshot)"),
            choices=("redshift",),
        ),
        Warn(
            id="warehouse.said-no-warehouse",
            title="No warehouse, yet warehouse joins",
            rationale="The workload both declines a warehouse and asks to join warehouse tables with the lake.",
            sources=(SPECTRUM,),
            pillars=("operational-excellence",),
            when=lambda c, t: c.false("analytics.warehouse") and c.true("analytics.query_warehouse_and_lake"),
            reason=("warehouse is false but query_warehouse_and_lake is true: joining warehouse tables needs a "
                    "warehouse, so one is assumed; drop the join if there is none"),
            choices=(),
        ),
        Warn(
            id="warehouse.single-az-cluster",
            title="A Redshift cluster runs in one AZ unless deployed Multi-AZ",
            rationale=("A provisioned Redshift cluster lives in one AZ (the notes: not multi-AZ); surviving an AZ "
                       "loss needs a Multi-AZ deployment (RA3 nodes) or a restore from snapshots."),
            sources=(REDSHIFT, REDSHIFT_MULTI_AZ_DOC),
            pillars=("reliability",),
            when=lambda c, t: _multi_az_asked(c),
            reason=("availability.scope is {availability.scope}: a Redshift cluster runs in one AZ unless deployed "
                    "Multi-AZ (RA3 node types); otherwise recovery means restoring a snapshot in another AZ"),
            choices=(),
        ),
        Warn(
            id="warehouse.store-also-declared",
            title="A warehouse data store is also declared",
            rationale="A data store of kind warehouse gets its own database decision; both should be one cluster.",
            sources=(REDSHIFT,),
            pillars=("cost-optimization",),
            when=lambda c, t: any_store(c, lambda s: s.eq("this.kind", "warehouse")),
            reason=("a data store of kind warehouse is also declared: serve it and these analytics from one Redshift "
                    "cluster rather than two"),
            choices=(),
        ),
    ),
)


# ------------------------------------------------------------------------------- big-data-processing
BIG_DATA = Concern(
    id="big-data-processing",
    title="Big data processing",
    question="What runs the Spark, Hadoop or Presto jobs?",
    subject_kind="none",
    choices=("emr",),
    raised=whole_system("analytics.big_data_frameworks"),
    rules=(
        Select(
            id="big-data-processing.emr-on-spot",
            title="Big data at the lowest cost: EMR with Spot task nodes",
            rationale=("EMR clusters choose their own instances: task nodes hold no HDFS data, so they can run on "
                       "Spot capacity, and transient clusters stop paying when the job ends."),
            sources=(GLUE, EMR_SPOT_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: (c.true("analytics.big_data_frameworks")
                               and (c.eq("cost_priority", "lowest") or c.eq("compute.pattern", "interruptible"))),
            reason=("big_data_frameworks is true, cost_priority is {cost_priority} and pattern is {compute.pattern}: "
                    "EMR runs the frameworks with task nodes on Spot capacity and transient clusters"),
            choice="emr",
        ),
        Select(
            id="big-data-processing.emr",
            title="Spark, Hadoop or Presto with custom configuration: EMR",
            rationale=("EMR is the managed Hadoop ecosystem (Spark, Hive, HBase, Presto, Flink) on instances you "
                       "choose, with full control of the framework configuration."),
            sources=(GLUE, EMR_DOC),
            pillars=("performance-efficiency", "operational-excellence"),
            reason=("big_data_frameworks is {analytics.big_data_frameworks}: EMR runs Spark, Hadoop and Presto with "
                    "their configuration under your control"),
            choice="emr",
        ),
        Warn(
            id="big-data-processing.cluster-in-one-az",
            title="An EMR cluster runs in one AZ",
            rationale=("All nodes of an EMR cluster run in one AZ; keeping data in S3 (EMRFS) rather than HDFS lets "
                       "a new cluster start in another AZ."),
            sources=(EMR_DOC,),
            pillars=("reliability",),
            when=lambda c, t: _multi_az_asked(c),
            reason=("availability.scope is {availability.scope}, but an EMR cluster runs in one AZ: keep the data in "
                    "S3 (EMRFS), not HDFS, so a new cluster can start in another AZ"),
            choices=("emr",),
        ),
    ),
)


# ------------------------------------------------------------------------------------------------ etl
ETL = Concern(
    id="etl",
    title="Extract, transform, load",
    question="What runs the ETL jobs?",
    subject_kind="none",
    choices=("glue", "emr"),
    raised=whole_system("analytics.etl"),
    rules=(
        Select(
            id="etl.custom-frameworks",
            title="ETL that needs custom Spark/Hadoop configuration: EMR",
            rationale=("Glue is serverless but its configuration is limited to worker type and count; jobs that "
                       "need custom framework configuration, other engines or Spot instances run on EMR."),
            sources=(GLUE, EMR_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.true("analytics.big_data_frameworks"),
            reason=("big_data_frameworks is true: the ETL needs custom Spark/Hadoop configuration, which EMR allows "
                    "and Glue (worker type and count only) does not"),
            choice="emr",
        ),
        Select(
            id="etl.serverless-glue",
            title="Serverless ETL with a data catalog: Glue",
            rationale=("Glue is serverless ETL: crawlers fill the Glue Data Catalog, jobs run on managed Spark, and "
                       "triggers and workflows schedule them, with no infrastructure to manage."),
            sources=(GLUE, GLUE_DOC),
            pillars=("operational-excellence",),
            reason=("etl is {analytics.etl}: Glue crawls the sources into the Data Catalog and runs the jobs on "
                    "serverless Spark"),
            choice="glue",
        ),
        Warn(
            id="etl.emr-is-not-serverless",
            title="Serverless ETL was asked for, but the jobs need a cluster",
            rationale=("The etl need is serverless; custom framework configuration needs EMR, whose clusters are "
                       "servers to size (EMR Serverless or EMR on EKS reduce that work)."),
            sources=(GLUE, EMR_DOC),
            pillars=("operational-excellence",),
            when=lambda c, t: c.true("analytics.etl"),
            reason=("etl asks for serverless ETL, but big_data_frameworks needs custom configuration: EMR clusters "
                    "must be sized (EMR Serverless reduces that), and EMR can use the Glue Data Catalog as metastore"),
            choices=("emr",),
        ),
    ),
)


# ----------------------------------------------------------------------------------------- dashboards
def _key_value_only(c: Context) -> bool:
    """True when the data to chart is held only in key-value or document stores (no warehouse, lake or SQL
    engine QuickSight can query)."""
    if any(c.true(field) for field in ("analytics.warehouse", "analytics.adhoc_sql_on_objects",
                                        "analytics.query_warehouse_and_lake")):
        return False
    return bool(c.workload.values.get("data")) and not any_store(
        c, lambda store: not store.one_of("this.kind", "key-value", "document"))


DASHBOARDS = Concern(
    id="dashboards",
    title="Business intelligence dashboards",
    question="What draws the business intelligence dashboards?",
    subject_kind="none",
    choices=("quicksight",),
    raised=whole_system("analytics.dashboards"),
    rules=(
        Select(
            id="dashboards.on-aws-analytics",
            title="Dashboards over the warehouse or the lake: QuickSight",
            rationale=("QuickSight connects directly to Redshift and Athena (and S3, RDS and more), caching data "
                       "in SPICE, its in-memory engine, so dashboards stay fast without servers."),
            sources=(QUICKSIGHT, SPICE, QUICKSIGHT_DOC),
            pillars=("operational-excellence",),
            when=lambda c, t: c.true("analytics.dashboards") and (
                c.true("analytics.warehouse") or c.true("analytics.adhoc_sql_on_objects")
                or c.true("analytics.query_warehouse_and_lake")),
            reason=("dashboards is true and the data is in a warehouse or lake (warehouse {analytics.warehouse}, "
                    "adhoc_sql_on_objects {analytics.adhoc_sql_on_objects}): QuickSight queries Redshift and "
                    "Athena directly and caches results in SPICE"),
            choice="quicksight",
        ),
        Select(
            id="dashboards.quicksight",
            title="Business intelligence dashboards: QuickSight",
            rationale=("QuickSight is serverless BI: interactive dashboards from many sources, shared and embedded, "
                       "scaling from ten users to thousands with no infrastructure."),
            sources=(QUICKSIGHT, QUICKSIGHT_DOC),
            pillars=("operational-excellence",),
            reason=("dashboards is {analytics.dashboards}: QuickSight builds and shares interactive dashboards "
                    "with no infrastructure to run"),
            choice="quicksight",
        ),
        Warn(
            id="dashboards.not-real-time",
            title="QuickSight does not chart data as it arrives",
            rationale=("QuickSight charts data imported into SPICE, refreshed on open, by API or on a schedule "
                       "(hourly at best for most editions), or queries its source directly within a two-minute "
                       "window: it is not built for data that must show the moment it arrives. The notes: "
                       "\"not for realtime ... use ElasticSearch and Kibana\" -- today OpenSearch Dashboards, "
                       "which comes with every OpenSearch Service domain the stream can be delivered to."),
            sources=(QUICKSIGHT_DATA, QUICKSIGHT_REFRESH, OPENSEARCH_DASHBOARDS),
            pillars=("performance-efficiency",),
            when=lambda c, t: any_channel(c, lambda channel: channel.true("this.realtime_analytics")),
            reason=("a channel's data is analysed as it arrives (realtime_analytics): QuickSight refreshes on a "
                    "schedule; chart the live data in OpenSearch Dashboards on an OpenSearch domain the stream "
                    "delivers to, and keep QuickSight for business reports"),
            choices=("quicksight",),
        ),
        Warn(
            id="dashboards.dynamodb-is-not-a-source",
            title="QuickSight cannot query DynamoDB directly",
            rationale=("QuickSight reads S3, Athena, Redshift, RDS and Aurora and other SQL sources, but not a "
                       "DynamoDB table: export the table to S3 (DynamoDB export to S3, or a Glue job) and query "
                       "it with Athena, or point Athena's DynamoDB connector at it."),
            sources=(QUICKSIGHT_SOURCES, DYNAMODB_EXPORT),
            pillars=("operational-excellence",),
            when=lambda c, t: _key_value_only(c),
            reason=("the data is held in key-value or document stores only: QuickSight cannot read DynamoDB; "
                    "export the tables to S3 and query them with Athena as QuickSight's source"),
            choices=("quicksight",),
        ),
    ),
)


# ----------------------------------------------------------------------------------------- log-search
def _log_search_raised(c: Context) -> bool:
    return c.true("analytics.log_search") or any_channel(c, lambda channel: channel.eq("this.deliver_to", "opensearch"))


LOG_SEARCH = Concern(
    id="log-search",
    title="Log search",
    question="What indexes the logs for full-text search?",
    subject_kind="none",
    choices=("opensearch",),
    raised=when(_log_search_raised),
    rules=(
        Select(
            id="log-search.full-text",
            title="Full-text search over logs: OpenSearch Service",
            rationale=("OpenSearch Service (successor of Amazon Elasticsearch Service) indexes logs for full-text "
                       "search and dashboards; S3 events, Lambda or Firehose feed it new logs."),
            sources=(OPENSEARCH_NOTES, OPENSEARCH_DOC),
            pillars=("operational-excellence",),
            when=lambda c, t: c.true("analytics.log_search"),
            reason=("log_search is true: OpenSearch Service indexes the logs for full-text search and dashboards"),
            choice="opensearch",
        ),
        Select(
            id="log-search.stream-destination",
            title="A stream delivered to OpenSearch needs a domain",
            rationale="A stream loaded into OpenSearch (by Kinesis Data Firehose) needs an OpenSearch domain.",
            sources=(OPENSEARCH_NOTES, OPENSEARCH_DOC),
            pillars=("operational-excellence",),
            reason=("a messaging channel has deliver_to opensearch (log_search is {analytics.log_search}): the "
                    "stream needs an OpenSearch Service domain to load into"),
            choice="opensearch",
        ),
        Warn(
            id="log-search.always-on-cost",
            title="An OpenSearch domain runs all the time",
            rationale=("A provisioned domain bills every hour; for occasional log queries, Athena over logs in S3 "
                       "costs less (OpenSearch Serverless is another option)."),
            sources=(ATHENA, OPENSEARCH_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: c.eq("cost_priority", "lowest"),
            reason=("cost_priority is lowest: an OpenSearch domain bills every hour; if logs are searched only now "
                    "and then, Athena over the logs in S3 costs less"),
            choices=("opensearch",),
        ),
        Warn(
            id="log-search.zone-awareness",
            title="Survive an AZ loss: spread the domain over AZs",
            rationale=("An OpenSearch domain survives an AZ loss only with zone awareness (2 or 3 AZs), replica "
                       "shards and dedicated master nodes, or Multi-AZ with Standby."),
            sources=(OPENSEARCH_AZ_DOC,),
            pillars=("reliability",),
            when=lambda c, t: _multi_az_asked(c),
            reason=("availability.scope is {availability.scope}: deploy the domain across 3 AZs with replica shards "
                    "and dedicated master nodes (or Multi-AZ with Standby)"),
            choices=("opensearch",),
        ),
    ),
)

# video-transcoding (rules.media) is listed here: what a media pipeline does with stored files
CONCERNS = [DATA_LAKE_QUERY, WAREHOUSE, BIG_DATA, ETL, DASHBOARDS, LOG_SEARCH, media.VIDEO_TRANSCODING]
