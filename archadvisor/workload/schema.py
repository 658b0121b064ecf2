"""The workload format, defined once.

The loader validates against these definitions and ``archadvisor schema``
turns the very same definitions into a JSON Schema, so the two can never
disagree. Each field carries its documentation, a valid example and, where
the contract gives one, the default the engine applies when it is missing.
"""
from __future__ import annotations

from dataclasses import dataclass, field as dataclass_field, replace
from typing import Any

NAME_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"
ITEM_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$"
TOKEN_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"
REGION_PATTERN = r"^[a-z]{2}(-gov)?-[a-z]+-\d$"
# Characters no text may hold: C0 and C1 controls (tab, line feed and carriage return aside) and the Unicode
# line and paragraph separators. They broke Graphviz labels, Markdown tables and the HTML (an escaped NUL).
# Written so that Python's re and an ECMAScript engine (JSON Schema's pattern dialect) read it alike.
FORBIDDEN_CHARACTERS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029"
# Lone surrogates ("\ud800" in a double-quoted YAML string) are refused too: they are no Unicode character
# and cannot be written as UTF-8. JSON Schema's strings are Unicode text, so its pattern leaves them out.
SURROGATES = r"\ud800-\udfff"
TEXT_PATTERN = rf"^[^{FORBIDDEN_CHARACTERS}]*$"

# Bounds on every count that multiplies work or output (see README, "Limits"): generous for real
# systems, small enough that a design stays seconds and megabytes.
MAX_STORES = 100               # entries under data:
MAX_CHANNELS = 100             # entries under messaging:
MAX_TIERS = 20                 # entries under compute.tiers:
MAX_CONSUMERS = 100            # consumers of one channel
MAX_PRIORITIES = 255           # RabbitMQ's ceiling; JMS has 10
MAX_CRITICAL_INSTANCES = 1000
MAX_VPCS = 10_000              # shared_with_vpcs, interconnect_vpcs (a transit gateway takes 5,000 attachments)
MAX_IOPS = 10_000_000
MAX_LIST_ITEMS = 100           # aws_services_private, compliance
MAX_DESCRIPTION = 10_000       # characters

# kinds of leaf value
STRING, BOOL, INT, ENUM = "string", "bool", "int", "enum"
DURATION, SIZE, RATE, BANDWIDTH, PERCENT = "duration", "size", "rate", "bandwidth", "percent"
ENUM_LIST, STRING_LIST = "enum-list", "string-list"
SECTION, SECTION_LIST = "section", "section-list"


@dataclass(frozen=True)
class Field:
    kind: str
    doc: str
    example: Any = None
    choices: tuple[str, ...] = ()
    default: Any = None
    required: bool = False
    pattern: str | None = None
    minimum: int | None = None
    maximum: int | None = None             # for whole numbers; a list's or section list's most entries
    max_length: int | None = None
    applies_to: tuple[str, ...] = ()       # data-store kinds a field is meaningful for
    fields: dict[str, "Field"] = dataclass_field(default_factory=dict)
    unique_key: str | None = None          # for section lists: the field whose value must be unique
    also: str | None = None                # an enum that also takes a quantity of this kind (retrieval: 4h)


def enum(doc: str, *choices: str, default: str | None = None, **kw: Any) -> Field:
    return Field(ENUM, doc, example=default or choices[0], choices=choices, default=default, **kw)


def flag(doc: str, **kw: Any) -> Field:
    return Field(BOOL, doc, example=True, **kw)


def section(doc: str, **fields: Field) -> Field:
    return Field(SECTION, doc, fields=fields)


def _f(kind: str, doc: str, example: Any, **kw: Any) -> Field:
    return Field(kind, doc, example=example, **kw)


RELATIONAL_KV_DOC = ("relational", "key-value", "document")

DATA_STORE = Field(SECTION, "One data store.", fields={
    "name": _f(STRING, "Unique name of the store in this file.", "orders", required=True, pattern=ITEM_NAME_PATTERN),
    "kind": enum("What sort of data the store holds.", "relational", "key-value", "document", "time-series",
                 "warehouse", "object", "file", "block"),
    "engine": enum("Relational engine.", "mysql", "postgresql", "mariadb", "oracle", "sqlserver",
                   applies_to=("relational",)),
    "size": _f(SIZE, "How much data the store holds.", "500 GB"),
    "reads": _f(RATE, "Peak reads.", "2000/s"),
    "writes": _f(RATE, "Peak writes.", "200/s"),
    "growth_per_year": _f(SIZE, "How much the store grows in a year (sizes the first year's cost, the volumes "
                                "and the monthly uploads).", "20 TB", applies_to=("object", "file", "block")),
    "latency": enum("Read latency needed.", "microseconds", "milliseconds", "seconds"),
    "schema": enum("Whether the schema is fixed or changes often.", "fixed", "flexible",
                   applies_to=RELATIONAL_KV_DOC),
    "load": enum("Shape of the load on a relational store.", "steady", "intermittent", "unpredictable",
                 applies_to=("relational",)),
    "load_shape": enum("The load in words when no figures are known: reads far outnumber writes (read-heavy), "
                       "the reverse, or about even.", "read-heavy", "write-heavy", "balanced",
                       applies_to=RELATIONAL_KV_DOC),
    "repeated_reads": flag("The same items are read again and again (a cache would serve them).",
                           applies_to=RELATIONAL_KV_DOC),
    "sessions": flag("The store holds user sessions that every application server reads on each request.",
                     applies_to=RELATIONAL_KV_DOC),
    "multi_region_writes": flag("Writes are accepted in several regions.", applies_to=RELATIONAL_KV_DOC),
    "stale_reads_ok": flag("Reads may lag writes by seconds.", applies_to=RELATIONAL_KV_DOC),
    "access": enum("How often objects (or a file system's files) are read.", "frequent", "infrequent", "rare",
                   "unknown", applies_to=("object", "file")),
    "retrieval": enum("How fast a rarely read object must come back: a word, or a duration such as 4h (checked "
                      "against each archive class's restore times).", "milliseconds", "minutes", "hours",
                      applies_to=("object",), also=DURATION),
    "infrequent_after": _f(DURATION, "Age after which objects are read infrequently (an S3 Lifecycle transition; "
                                     "for EFS files, time since last access).", "90d", applies_to=("object", "file")),
    "archive_after": _f(DURATION, "Age after which objects are only kept, rarely read (moved to an archive "
                                  "class by an S3 Lifecycle rule).", "1y", applies_to=("object",)),
    "reproducible": flag("The data can be recreated if lost (allows one-zone storage).", applies_to=("object",)),
    "immutable": flag("Objects must not be overwritten or deleted by anyone, administrators included, until "
                      "their retention ends (write once, read many).", applies_to=("object",)),
    "remote_uploads": flag("End users far from the region (other continents) upload objects into this store.",
                           applies_to=("object",)),
    "object_size": _f(SIZE, "Typical size of one object uploaded to the store.", "2 GB", applies_to=("object",)),
    "partner_transfer": enum("Partners exchange files with this store over a file-transfer protocol (a managed "
                             "endpoint: AWS Transfer Family).", "sftp", "ftps", "ftp", "as2",
                             applies_to=("object", "file")),
    "shared": flag("Mounted by many instances at once.", applies_to=("file", "block")),
    "os": enum("Operating system of the clients of a file store.", "linux", "windows", applies_to=("file",)),
    "protocol": enum("File protocol; nfs-and-smb: the same files served over both at once (multiprotocol).",
                     "nfs", "smb", "lustre", "nfs-and-smb", applies_to=("file",)),
    "io": enum("Dominant performance need of a block volume.", "iops", "throughput", "cold", "general",
               applies_to=("block",)),
    "iops": _f(INT, "Peak I/O operations per second needed from one volume.", 16000, minimum=0,
               maximum=MAX_IOPS, applies_to=("block",)),
    "throughput": _f(BANDWIDTH, "Peak sequential throughput needed from one volume.", "2 Gbps",
                     applies_to=("block",)),
    "temporary": flag("Scratch data that may be lost when the instance stops.", applies_to=("block",)),
    "retention": _f(DURATION, "Keep the data at least this long.", "7y"),
    "change_events": flag("Something must react to every change."),
    "transcode": flag("Video files stored here are transcoded into streaming renditions (file-based, not live).",
                      applies_to=("object",)),
}, unique_key="name")

CHANNEL = Field(SECTION, "One messaging channel between parts of the system.", fields={
    "name": _f(STRING, "Unique name of the channel in this file.", "orders", required=True,
               pattern=ITEM_NAME_PATTERN),
    "rate": _f(RATE, "Peak messages.", "500/s"),
    "ordering": enum("Whether messages must be processed in order.", "none", "strict"),
    "delivery": enum("Delivery guarantee needed.", "at-least-once", "exactly-once"),
    "consumers": _f(INT, "Distinct consumer applications that each need every message.", 1, minimum=0,
                    maximum=MAX_CONSUMERS),
    "replay": flag("Consumers re-read past messages."),
    "retention": _f(DURATION, "How long messages are kept.", "4d"),
    "realtime_analytics": flag("The stream is analysed as it arrives."),
    "deliver_to": enum("Load the stream into a store, no custom consumer.", "s3", "redshift", "opensearch",
                       "splunk"),
    "existing_protocol": enum("An existing broker-based app is moved without code changes; kafka: Apache Kafka "
                              "clients or Kafka Connect connectors that must keep working.",
                              "jms", "amqp", "mqtt", "stomp", "openwire", "kafka"),
    "priorities": _f(INT, "Message priority levels.", 3, minimum=0, maximum=MAX_PRIORITIES),
    "purpose": enum("What the channel is for.", "decouple", "buffer-writes", "notify", "stream", "workflow",
                    "route"),
    "message_size": _f(SIZE, "Typical size of one message or record.", "2 MiB"),
    "endpoints": Field(ENUM_LIST, "People the channel notifies directly, by kind of endpoint (no application "
                                  "in between).", example=["email", "sms"], choices=("email", "sms", "mobile-push")),
    "scope": enum("What this channel must survive, when it differs from availability.scope (a message bus that "
                  "must outlive its region while the rest is multi-AZ).", "multi-az", "multi-region"),
    "stream_processing": flag("The stream is aggregated as it arrives, over time windows (counts, sums, "
                              "joins), by a stateful application in SQL, Java or Python."),
}, unique_key="name")

COMPUTE_FIELDS: dict[str, Field] = dict(
    style=enum("Preference for how code runs.", "auto", "serverless", "containers", "vms", "paas",
               default="auto"),
    max_duration=_f(DURATION, "Longest single request or task; over 15m rules out Lambda.", "30s"),
    pattern=enum("Load shape; interruptible = can stop and resume (batch).",
                 "steady", "spiky", "scheduled", "interruptible", "event-driven"),
    commitment=enum("Expected steady use over that term.", "none", "1y", "3y"),
    may_change_instance_type=flag("The instance type may change during the commitment."),
    kubernetes=flag("The team already runs Kubernetes tooling."),
    os_access=flag("Needs root or custom OS configuration."),
    hpc=flag("Tightly coupled high-performance computing or distributed ML."),
    critical_instances=_f(INT, "A small number of critical instances that must not share hardware.", 3,
                          minimum=0, maximum=MAX_CRITICAL_INSTANCES),
    gpu=flag("Needs GPUs."),
    baseline=_f(PERCENT, "Share of the peak capacity that runs all the time; the rest are bursts.", "40%"),
    may_change_region=flag("The committed use may move to another region during the term."),
    may_change_service=flag("The committed use may move between EC2, Fargate and Lambda during the term."),
    capacity_reservation=flag("The baseline's capacity must be guaranteed in its Availability Zones."),
    bursts=enum("How the capacity above the baseline runs: spot when that work can be interrupted.",
                "on-demand", "spot"),
)
# A compute tier: a part of the system with code of its own. Its fields refine the compute section's, so
# they carry no defaults of their own (a tier that does not say takes the section's value, then its default).
COMPUTE_TIER = section(
    "A compute tier of the system.",
    name=Field(STRING, "Unique among the tiers; names the tier in decisions and the drawing.", example="web",
               required=True, pattern=ITEM_NAME_PATTERN),
    serves_clients=flag("Clients' requests reach this tier through the front door (load balancer or API); "
                        "default: true for the first tier only."),
    uses=Field(STRING_LIST, "The data stores and channels (by name) this tier reads and writes; default: all of "
               "them.", example=["orders"], pattern=ITEM_NAME_PATTERN, maximum=MAX_STORES + MAX_CHANNELS),
    **{key: replace(definition, default=None) for key, definition in COMPUTE_FIELDS.items()},
)

WORKLOAD = Field(SECTION, "A workload: what a system needs, never which AWS services to use.", fields={
    "name": _f(STRING, "Names the output folder: lower-case letters, digits and '-', at most 63 characters.",
               "orders-platform", required=True, pattern=NAME_PATTERN, max_length=63),
    "description": _f(STRING, "One paragraph, shown in the report.", "Online shop for a regional retailer.",
                      pattern=TEXT_PATTERN, max_length=MAX_DESCRIPTION),
    "region": _f(STRING, "Primary AWS region.", "eu-west-1", default="us-east-1",
                 pattern=REGION_PATTERN),
    "cost_priority": enum("Breaks ties between otherwise valid choices.", "lowest", "balanced", "performance",
                          default="balanced"),
    "availability": section(
        "Recovery objectives and what must be survived.",
        rto=_f(DURATION, "Recovery time objective for a disaster (region loss when scope is multi-region, "
                         "else AZ loss).", "15m"),
        rpo=_f(DURATION, "Recovery point objective: acceptable data loss.", "5m"),
        target=_f(PERCENT, "Availability target.", "99.95%"),
        scope=enum("What must be survived; default derived (multi-az when rto < 1h).",
                   "single-az", "multi-az", "multi-region"),
        failover=enum("How failover happens; default automatic when rto < 15m.", "automatic", "manual"),
        dr_region=_f(STRING, "Recovery region when scope is multi-region; must differ from region. Default: the "
                             "paired region of the same jurisdiction (knowledge/regions.py).", "us-west-2",
                     pattern=REGION_PATTERN),
        standby_capacity=_f(PERCENT, "Share of the primary region's capacity kept running in the recovery region "
                                     "before a failover: 0% (nothing runs), 25% (scaled down), 100% (full size). "
                                     "Default: what the DR strategy implies.", "25%"),
    ),
    "users": section(
        "Who calls the system and from where.",
        audience=enum("Who calls the system.", "public", "internal", "partners"),
        geography=enum("Where users are.", "single-region", "multi-region", "global"),
        peak_requests=_f(RATE, "Peak request rate at the front door.", "2000/s"),
        clients=Field(ENUM_LIST, "Kinds of client.", example=["browser", "mobile"],
                      choices=("browser", "mobile", "iot-device", "partner-api", "on-premises")),
        sign_in=enum("End-user identity; app users and social sign-in need a user directory.",
                     "none", "app-users", "social", "corporate-sso"),
        direct_aws_access=flag("Clients call AWS services such as S3 directly with temporary credentials."),
        data_residency=flag("Each user must be served from a region in their own jurisdiction."),
        routing=enum("DNS routing intent; derived when missing.", "latency", "geolocation", "geoproximity",
                     "weighted", "failover", "simple", "multivalue"),
        sign_in_methods=Field(ENUM_LIST, "Several ways users sign in at once (customers' own accounts, social "
                                         "providers, a corporate SAML directory); with sign_in, the union is used.",
                              example=["app-users", "social", "corporate-sso"],
                              choices=("app-users", "social", "corporate-sso")),
    ),
    "entry": section(
        "How requests arrive.",
        protocol=enum("Protocol at the front door; none: nothing calls in (devices write to a stream, events or "
                      "batches drive the system), so there is no front door.",
                      "http", "tcp", "udp", "websocket", "graphql", "none", default="http"),
        api=enum("A managed API front is wanted.", "rest", "graphql", "none"),
        realtime_updates=flag("Clients subscribe to data changes."),
        static_content=flag("Static assets (images, JS, video) are served."),
        static_ips=flag("Clients must allow-list fixed IP addresses."),
        path_routing=flag("Routes by URL path or host name to different services."),
        extreme_performance=flag("Millions of requests/s, ultra-low latency at layer 4."),
        threats=Field(ENUM_LIST, "Attacks the front door must stop.", example=["sql-injection", "ddos"],
                      choices=("sql-injection", "xss", "ddos", "bad-ips", "geo-blocking")),
        private_content=enum("Paid or restricted content served to selected users.",
                             "none", "single-files", "many-files"),
        request_throttling=flag("Per-client rate limits or usage plans."),
        read_only=flag("Clients only read (GET and HEAD: a web site, downloads, a media library, a cacheable API), "
                       "so any request can be retried on another region's origin."),
    ),
    "compute": section(
        "How the application code runs.",
        **COMPUTE_FIELDS,
        tiers=Field(SECTION_LIST, "Several compute tiers in one system (a head node and an MPI fleet, or "
                    "microservices each with its own API): each tier is decided on its own, and takes the "
                    "fields it does not give from the compute section.", fields=COMPUTE_TIER.fields,
                    unique_key="name", maximum=MAX_TIERS),
    ),
    "data": Field(SECTION_LIST, "One entry per data store.", fields=DATA_STORE.fields, unique_key="name",
                  maximum=MAX_STORES),
    "messaging": Field(SECTION_LIST, "One entry per channel between parts of the system.",
                       fields=CHANNEL.fields, unique_key="name", maximum=MAX_CHANNELS),
    "network": section(
        "Network needs of the VPC.",
        private_egress=flag("Instances in private subnets initiate outbound internet traffic."),
        ipv6_egress=flag("That outbound traffic is IPv6."),
        egress_bandwidth=_f(BANDWIDTH, "Peak outbound bandwidth.", "5 Gbps"),
        aws_services_private=Field(STRING_LIST, "AWS services reached from private subnets without the internet.",
                                   example=["s3", "dynamodb", "sqs"], pattern=TOKEN_PATTERN,
                                   maximum=MAX_LIST_ITEMS),
        admin_access=enum("Operators log into private instances.", "ssh", "rdp", "none"),
        agent_allowed=flag("Instances can run a management agent (false for appliances or operating systems "
                           "the SSM Agent does not support)."),
        shared_with_vpcs=_f(INT, "Number of other VPCs or accounts that consume a service of this one.", 20,
                            minimum=0, maximum=MAX_VPCS),
        interconnect_vpcs=_f(INT, "Number of VPCs (this one included) that must all reach each other.", 10,
                             minimum=0, maximum=MAX_VPCS),
        inspect_traffic=flag("Traffic entering and leaving the VPC passes a stateful firewall or intrusion "
                             "prevention (deep packet inspection)."),
        third_party_appliances=flag("That inspection runs on third-party virtual appliances (a vendor's "
                                    "firewall or IDS/IPS) the team licenses and operates."),
    ),
    "hybrid": section(
        "An on-premises site is involved.",
        aws_services_private=Field(STRING_LIST, "AWS services that applications on the site call over the private "
                                   "link (Direct Connect or VPN), not over the internet.",
                                   example=["s3"], pattern=TOKEN_PATTERN, maximum=MAX_LIST_ITEMS),
        link=section(
            "The network link between the site and AWS.",
            bandwidth=_f(BANDWIDTH, "Bandwidth needed between site and AWS.", "1 Gbps"),
            consistent=flag("Predictable latency and throughput."),
            private=flag("Traffic must not cross the public internet."),
            encrypted=flag("Traffic must be encrypted."),
            needed_within=_f(DURATION, "How soon the link must work.", "2w"),
        ),
        storage=section(
            "Storage on site backed by AWS.",
            protocol=enum("How on-premises applications reach the storage.", "nfs", "smb", "iscsi", "tape"),
            full_copy_on_premises=flag("The whole data set must stay local for low latency."),
        ),
        migration=section(
            "A bulk move of data into AWS.",
            data=_f(SIZE, "Bulk data to move.", "80 TB"),
            bandwidth=_f(BANDWIDTH, "Spare capacity of the existing link.", "500 Mbps"),
            deadline=_f(DURATION, "When the data must be in AWS.", "4w"),
            edge_compute=flag("Data must be processed on site, or the site is disconnected."),
            long_distance=flag("The data comes from sites on other continents than the target region."),
            recurring=flag("The transfer repeats (daily uploads, ongoing sync)."),
            source=enum("Where the data to move lives on site: an NFS or SMB share, HDFS, or an object store.",
                        "nfs", "smb", "hdfs", "object-storage"),
        ),
    ),
    "analytics": section(
        "Analytics needs.",
        adhoc_sql_on_objects=flag("Query files in object storage with SQL, no servers."),
        warehouse=flag("Complex OLAP queries over large structured data."),
        query_warehouse_and_lake=flag("Join warehouse tables with data left in object storage."),
        big_data_frameworks=flag("Spark / Hadoop / Presto jobs with custom configuration."),
        etl=flag("Serverless extract-transform-load with a data catalog."),
        dashboards=flag("Business intelligence dashboards."),
        log_search=flag("Full-text search over logs."),
    ),
    "security": section(
        "Security and compliance needs.",
        compliance=Field(STRING_LIST, "Compliance regimes.", example=["pci-dss", "hipaa"], pattern=TOKEN_PATTERN,
                         maximum=MAX_LIST_ITEMS),
        encryption_at_rest=flag("Data must be encrypted at rest."),
        secrets_rotation=flag("Database and API credentials are rotated automatically."),
        audit_api_calls=flag("Record who did what, for auditors."),
        detect_sensitive_data=flag("Find PII in object storage."),
        config_compliance=flag("Track configuration changes against rules."),
        custom_key_rotation=flag("Encryption keys rotate automatically on a period the company chooses, or on "
                                 "demand, rather than AWS's fixed yearly schedule."),
        cross_account_decrypt=flag("Another AWS account must be able to decrypt the encrypted data."),
        disable_keys=flag("The company must be able to disable a key at once, making the data it protects "
                          "unreadable."),
        dedicated_hsm=flag("Key material lives in single-tenant hardware security modules under the company's "
                           "sole control."),
        keys_outside_aws=flag("Key material stays outside AWS, in a key manager the company runs."),
        app_secrets=flag("The application keeps its own secrets and settings (API keys, connection strings, "
                         "configuration values) outside its code."),
        watch_for=enum("What the security team must be told about or be able to do first.", "malicious-activity",
                       "software-vulnerabilities", "exposed-sensitive-data", "security-posture",
                       "incident-investigation", "compromised-instances"),
        bucket_access=enum("Who may reach the object stores' buckets, and how.", "other-accounts",
                           "vpc-endpoint-only", "cloudfront-only", "never-public", "uploads-from-other-accounts",
                           "same-account-roles", "https-only"),
        accounts=_f(INT, "How many AWS accounts the organisation runs.", 12, minimum=1, maximum=MAX_VPCS),
        guardrails=enum("Whether central rules must block forbidden actions before they happen (prevent) or "
                        "report them afterwards (detect).", "prevent", "detect"),
        delegated_iam=flag("Application teams create their own IAM roles, within limits set centrally."),
        new_accounts=flag("New accounts are created often and must start with the central baseline (logging, "
                          "guardrails, network)."),
    ),
})


def defaults() -> dict[str, Any]:
    """Every documented default, by dotted path."""
    found: dict[str, Any] = {}

    def walk(prefix: str, node: Field) -> None:
        for key, child in node.fields.items():
            path = f"{prefix}{key}"
            if child.default is not None:
                found[path] = child.default
            if child.kind == SECTION:
                walk(path + ".", child)

    walk("", WORKLOAD)
    return found
