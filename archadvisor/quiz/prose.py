"""Exam-style scenario text written from a workload's values.

Every field of the workload format has several sentence templates (per value
for enums and flags), so the same requirement reads differently from one
question to the next; companies, openings, the order of sentences and the
question stem vary too. Nothing here knows the answer: the text only says
what the workload says.
"""
from __future__ import annotations

import re
from random import Random
from typing import Any

from . import fields as f
from .design_phrases import DESIGN_PHRASES, PROTOCOL_PHRASES, list_sentence
from .security_phrases import SECURITY_PHRASES

# -- values in words ---------------------------------------------------------------
_DURATION_WORDS = {"s": "second", "m": "minute", "h": "hour", "d": "day", "w": "week", "mo": "month", "y": "year"}
_RATE_PERIODS = {"s": "per second", "min": "per minute", "h": "per hour", "hour": "per hour", "day": "per day",
                 "d": "per day", "month": "per month"}
_SCALE = {"": 1, "k": 1_000, "K": 1_000, "M": 1_000_000}


def duration(text: str) -> str:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([a-z]+)", str(text).strip())
    if not match:
        return str(text)
    number, unit = match.group(1), match.group(2)
    if float(number) == 0:
        return "zero"
    word = _DURATION_WORDS.get(unit)
    if word is None:
        return str(text)
    return f"{number} {word}{'' if number == '1' else 's'}"


def rate(text: str, noun: str = "") -> str:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kKM]?)\s*/\s*([a-z]+)", str(text).strip())
    if not match:
        return str(text)
    value = float(match.group(1)) * _SCALE[match.group(2)]
    period = _RATE_PERIODS.get(match.group(3), f"per {match.group(3)}")
    if value >= 1_000_000 and value % 1_000_000 == 0:
        amount = f"{int(value // 1_000_000)} million"
    else:
        amount = f"{value:,.0f}" if value == int(value) else f"{value:,}"
    return f"{amount} {noun + ' ' if noun else ''}{period}"


def join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


REGIONS = {
    "us-east-1": "Northern Virginia", "us-east-2": "Ohio", "us-west-2": "Oregon", "eu-west-1": "Ireland",
    "eu-central-1": "Frankfurt", "eu-west-2": "London", "ap-southeast-1": "Singapore",
    "ap-southeast-2": "Sydney", "ap-northeast-1": "Tokyo", "ca-central-1": "Canada Central",
    "sa-east-1": "São Paulo", "ap-south-1": "Mumbai",
}
ENGINES = {"mysql": "MySQL", "postgresql": "PostgreSQL", "mariadb": "MariaDB", "oracle": "Oracle Database",
           "sqlserver": "Microsoft SQL Server"}
CLIENTS = {"browser": "web browsers", "mobile": "mobile apps", "iot-device": "IoT devices",
           "partner-api": "partner systems calling its API", "on-premises": "servers in the company's own data center"}
THREATS = {"sql-injection": "SQL injection", "xss": "cross-site scripting", "ddos": "large DDoS attacks",
           "bad-ips": "traffic from known malicious IP addresses", "geo-blocking": "requests from sanctioned countries"}
SERVICES = {"s3": "Amazon S3", "dynamodb": "Amazon DynamoDB", "sqs": "Amazon SQS", "kms": "AWS KMS",
            "sns": "Amazon SNS", "ssm": "AWS Systems Manager", "ecr": "Amazon ECR",
            "secretsmanager": "AWS Secrets Manager", "logs": "Amazon CloudWatch Logs"}
COMPLIANCE = {"pci-dss": "PCI DSS", "hipaa": "HIPAA", "gdpr": "GDPR", "sox": "SOX", "iso-27001": "ISO 27001"}
PROTOCOLS = {"jms": "JMS", "amqp": "AMQP", "mqtt": "MQTT", "stomp": "STOMP", "openwire": "OpenWire"}

# -- sentence templates -----------------------------------------------------------------
# {v}: the value in words; {s}/{S}: the subject ("the orders database"); {n}: the subject's name.
Templates = dict[Any, tuple[str, ...]] | tuple[str, ...]

PHRASES: dict[str, Templates] = {
    "cost_priority": {
        "lowest": ("Keeping costs as low as possible is the top priority.",
                   "The budget is tight, so the most cost-effective design is preferred.",
                   "Management has asked for the lowest possible cost."),
        "balanced": ("Cost and performance carry equal weight.",
                     "The company wants a sensible balance between cost and performance."),
        "performance": ("Performance matters more than cost.",
                        "The company is willing to pay for the best possible performance."),
    },
    "availability.rto": ("After a failure, the system must be back in service within {v}.",
                         "The business can tolerate no more than {v} of downtime.",
                         "The recovery time objective (RTO) is {v}.",
                         "Service must be restored within {v} of an outage."),
    "availability.rpo": ("No more than {v} of data may be lost in a disaster.",
                         "The recovery point objective (RPO) is {v}.",
                         "At most {v} of recent changes may be lost."),
    "availability.target": ("The service-level agreement promises {v} availability.",
                             "Management has set an availability target of {v}.",
                             "The system must be available {v} of the time."),
    "availability.scope": {
        "single-az": ("Surviving the loss of an Availability Zone is not required.",
                      "Running in a single Availability Zone is acceptable."),
        "multi-az": ("The system must keep running if an Availability Zone fails.",
                     "The loss of one Availability Zone must not take the system down."),
        "multi-region": ("The design must survive the loss of an entire AWS Region.",
                         "Even a full Region outage must not stop the business."),
    },
    "availability.dr_region": ("If the primary region is lost, the system must recover in {v}.",
                               "The recovery region is {v}."),
    "availability.failover": {
        "automatic": ("Failover must happen automatically, with no operator involved.",
                      "Nobody should have to intervene when a failure occurs."),
        "manual": ("An operator may trigger the failover by hand.",
                   "A manual failover by the on-call engineer is acceptable."),
    },
    "users.audience": {
        "public": ("The application is open to anyone on the internet.", "Its users are members of the public."),
        "internal": ("Only the company's own employees use it.", "It is an internal tool for staff."),
        "partners": ("Business partners are its only callers.", "It is used by the company's partners."),
    },
    "users.geography": {
        "single-region": ("Its users are concentrated in one country.",
                          "Nearly all users are in the same geographic area."),
        "multi-region": ("Users are spread over several continents.",
                         "Customers connect from a few large regions of the world."),
        "global": ("Users connect from all over the world.", "The customer base is global."),
    },
    "users.peak_requests": ("Traffic peaks at {v}.", "At peak, the front end receives {v}.",
                            "Load tests show up to {v}."),
    "users.sign_in": {
        "none": ("Users do not sign in.", "The application has no user accounts."),
        "app-users": ("Users sign up and sign in to the app with a username and password.",
                      "The app needs its own user directory with sign-up and sign-in."),
        "social": ("Users sign in with their Google, Facebook or Apple accounts.",
                   "Users must be able to sign in with an existing social-media identity."),
        "corporate-sso": ("Employees must sign in with their existing corporate identities through SAML.",
                          "Access must use single sign-on with the corporate identity provider."),
    },
    "users.direct_aws_access": {
        True: ("The mobile app must upload files straight to AWS using temporary credentials.",
               "Clients call AWS services directly, with short-lived credentials."),
        False: ("Clients never call AWS services directly.",
                "All client traffic goes through the application's own back end."),
    },
    "users.data_residency": {
        True: ("Regulations require each user to be served from a Region in their own country.",
               "By law, users' requests must be handled inside their own jurisdiction."),
        False: ("There are no data-residency rules: any Region may serve any user.",),
    },
    "users.routing": {
        "latency": ("Each user should be sent to whichever Region answers them fastest.",
                    "Requests must go to the Region with the lowest latency for the caller."),
        "geolocation": ("Requests must be routed according to the country the user is in.",
                        "Users in each country must reach the endpoint dedicated to that country."),
        "geoproximity": ("Traffic should go to the nearest Region, with the option to shift more of it towards "
                         "one Region.", "The team wants to route by distance and bias traffic towards a Region."),
        "weighted": ("The team wants to send a fixed share of traffic, such as 10%, to a new version.",
                     "Traffic must be split between two stacks in set proportions."),
        "failover": ("Traffic should go to a standby site only when the primary fails its health checks.",
                     "A secondary site takes traffic only if the primary becomes unhealthy."),
        "simple": ("A single endpoint serves all traffic; no special routing is needed.",
                   "DNS only needs to point the domain at one endpoint."),
        "multivalue": ("DNS should return several healthy IP addresses so clients can pick one.",
                       "The domain must answer with up to eight healthy addresses at random."),
    },
    "entry.protocol": {
        "http": ("Clients talk to it over HTTPS.", "All requests arrive over HTTP(S)."),
        "tcp": ("Clients connect over a proprietary TCP protocol.", "The traffic is raw TCP, not HTTP."),
        "udp": ("The traffic is UDP, such as real-time game state or voice.", "Clients send UDP packets."),
        "websocket": ("Clients keep long-lived WebSocket connections open.",
                      "The front end holds WebSocket connections."),
        "graphql": ("Clients send GraphQL queries.", "The front end speaks GraphQL."),
        "none": ("Nothing calls the system: devices and events push data in, and no client waits for an answer.",),
    },
    "entry.api": {
        "rest": ("The team wants a managed REST API in front of the back end.",
                 "The back end must be exposed as a managed REST API."),
        "graphql": ("The front end is a GraphQL API.", "A managed GraphQL API is wanted."),
        "none": ("No managed API layer is wanted.",),
    },
    "entry.realtime_updates": {
        True: ("Clients must see data changes in real time, as they happen.",
               "Connected clients subscribe to live updates of the data."),
        False: ("Clients are happy to refresh to see new data.",),
    },
    "entry.static_content": {
        True: ("The site serves many static assets such as images, JavaScript and video.",
               "A large share of the traffic is static files: images, scripts and video."),
        False: ("There is no static content to speak of.",),
    },
    "entry.static_ips": {
        True: ("Customers' firewalls only allow traffic to a fixed set of IP addresses.",
               "Clients must allow-list a small set of static IP addresses."),
        False: ("Clients do not need fixed IP addresses.",),
    },
    "entry.path_routing": {
        True: ("Requests must be routed to different microservices based on the URL path or host name.",
               "/api, /images and /checkout each go to a different service."),
        False: ("Every request goes to the same service.",),
    },
    "entry.extreme_performance": {
        True: ("The front door must handle millions of requests per second with ultra-low latency.",
               "Latency at the front door must be as low as possible at millions of requests per second."),
        False: ("Front-door latency is not critical.",),
    },
    "entry.private_content": {
        "single-files": ("Paying customers download individual restricted files, such as an installer.",
                         "Each purchase unlocks one private file for the buyer."),
        "many-files": ("Subscribers must get access to a whole library of premium files.",
                       "Members may view any of thousands of restricted videos and documents."),
        "none": ("All content is public.",),
    },
    "entry.request_throttling": {
        True: ("Each API client must be held to its own rate limit under a usage plan.",
               "Per-customer request quotas and throttling are required."),
        False: ("No per-client throttling is needed.",),
    },
    "compute.style": {
        "auto": ("The team has no preference between servers, containers and functions.",),
        "serverless": ("The team does not want to manage any servers.",
                       "The developers prefer a serverless design."),
        "containers": ("The application is packaged as Docker containers.",
                       "The services already run in containers."),
        "vms": ("The application runs on virtual machines.", "The software is installed on VMs today."),
        "paas": ("The developers just want to upload their code and let the platform handle capacity and "
                 "health monitoring.",),
    },
    "compute.max_duration": ("The longest request or job runs for up to {v}.",
                             "Some tasks take as long as {v} to finish."),
    "compute.pattern": {
        "steady": ("The load is steady around the clock.", "Usage is flat and predictable."),
        "spiky": ("Traffic is spiky and hard to predict.", "Load jumps suddenly several times a day."),
        "scheduled": ("The work runs on a fixed schedule, for example every weekday morning.",
                      "Jobs run at the same hours every week."),
        "interruptible": ("The batch jobs can be stopped and resumed at any time without harm.",
                          "The processing is fault-tolerant and can be interrupted."),
        "event-driven": ("Work is triggered by events such as file uploads.",
                         "Processing starts whenever a new event arrives."),
    },
    "compute.commitment": {
        "none": ("The company will not commit to any term.",),
        "1y": ("Usage is expected to stay steady for at least a year.",),
        "3y": ("The company is ready to commit to three years of steady use.",),
    },
    "compute.may_change_instance_type": {
        True: ("The team expects to switch instance families as the software evolves.",),
        False: ("The instance type will stay the same for years.",),
    },
    "compute.kubernetes": {
        True: ("The team already operates Kubernetes and wants to keep its tooling.",),
        False: ("The team has no Kubernetes experience.",),
    },
    "compute.os_access": {
        True: ("The software needs root access and a customised operating system.",),
        False: ("Nobody needs access to the operating system.",),
    },
    "compute.hpc": {
        True: ("It is a tightly coupled high-performance computing workload.",),
        False: ("The nodes work independently of each other.",),
    },
    "compute.critical_instances": ("{v} critical instances must never share underlying hardware.",),
    "compute.gpu": {True: ("The workload needs GPUs.",), False: ("No GPUs are needed.",)},
    "data.kind": {
        "relational": ("{S} is relational: records are joined in SQL and updated in transactions.",
                       "{S} is relational, with SQL joins and multi-row transactions."),
        "key-value": ("{S} is read and written by key, with simple items.",
                      "{S} stores key-value items looked up by their key."),
        "document": ("{S} consists of JSON documents.", "{S} holds JSON documents with nested attributes."),
        "time-series": ("{S} is a stream of timestamped measurements.",
                        "{S} records time-series data points."),
        "warehouse": ("{S} is a large structured data set queried with complex analytical SQL.",
                      "Analysts run complex OLAP queries over {s}."),
        "object": ("The company keeps {s} as objects: files such as PDFs and images.",
                   "Each item in {s} is a file, such as a PDF or an image, stored as an object."),
        "file": ("The teams store their documents in {s}, which is a network file system.",
                 "Applications read and write {s} as ordinary files."),
        "block": ("The application keeps {s} on a disk volume attached to an instance.",
                  "{S} lives on a block storage volume."),
    },
    "data.engine": ("It runs on {v} today.", "The application uses {v}.", "{S} is a {v} database."),
    "data.size": ("{S} holds about {v}.", "{S} is roughly {v} in size.", "It contains about {v}."),
    "data.reads": ("{S} serves up to {v} at peak.", "At peak, {s} serves {v}.", "Peak traffic on {s} is {v}."),
    "data.writes": ("{S} takes up to {v}.", "It receives up to {v} at peak.", "At peak, {s} absorbs {v}."),
    "data.latency": {
        "microseconds": ("Reads from {s} must return in microseconds.",
                         "Reads must come back in microseconds, not milliseconds."),
        "milliseconds": ("Single-digit millisecond reads are enough.",),
        "seconds": ("Reads may take a few seconds.",),
    },
    "data.schema": {
        "fixed": ("The schema is fixed.",),
        "flexible": ("Its schema changes often as new attributes appear.",),
    },
    "data.load": {
        "steady": ("The load on {s} is steady.",),
        "intermittent": ("{S} is busy for a few hours a day and idle the rest of the time.",
                         "Usage of {s} is intermittent."),
        "unpredictable": ("The load on {s} is unpredictable, with sudden peaks.",),
    },
    "data.load_shape": {
        "read-heavy": ("Reads of {s} far outnumber writes.", "{S} is read-heavy."),
        "write-heavy": ("{S} takes far more writes than reads.",),
        "balanced": ("Reads and writes on {s} are about even.",),
    },
    "data.repeated_reads": {
        True: ("The same items in {s} are read again and again.",
               "A small set of popular items in {s} is read over and over."),
        False: ("Each item in {s} is rarely read twice.",),
    },
    "data.multi_region_writes": {
        True: ("Users in several Regions must be able to write to {s} locally.",
               "{S} must accept writes in more than one Region."),
        False: ("All writes go to a single Region.",),
    },
    "data.stale_reads_ok": {
        True: ("Reports can tolerate reads that lag the latest writes by a few seconds.",
               "Some reads may be a few seconds out of date."),
        False: ("Every read must see the latest write.",),
    },
    "data.access": {
        "frequent": ("The files are read frequently.", "Objects in {s} are accessed many times a day."),
        "infrequent": ("Objects are read rarely, a few times a month, but must be available when needed.",
                       "{S} is accessed infrequently."),
        "rare": ("Once stored, the files are almost never read, perhaps once a year for an audit.",
                 "{S} is kept mostly for compliance and is practically never read."),
        "unknown": ("Nobody can predict how often each object will be read.",
                    "Access patterns for {s} are unknown and change over time."),
    },
    "data.retrieval": {
        "milliseconds": ("The objects are rarely read, but when one is requested it must come back in "
                         "milliseconds.",),
        "minutes": ("The objects are rarely read, and retrieving one may take a few minutes.",),
        "hours": ("The objects are rarely read; a retrieval time of several hours is acceptable.",
                  "The objects are rarely read, and restores can take up to half a day."),
    },
    "data.reproducible": {
        True: ("The files can be regenerated from their sources if lost.",),
        False: ("The data cannot be recreated if it is lost.",),
    },
    "data.immutable": {
        True: ("Regulators require that no one, not even an administrator, can alter or delete a record before "
               "its retention period ends.",
               "Once written, the records must be impossible to change or remove until they expire."),
        False: ("Records may be corrected or removed when needed.",),
    },
    "data.shared": {
        True: ("Many instances must mount it at the same time.",),
        False: ("Only one instance uses it.",),
    },
    "data.os": {"linux": ("Its clients are Linux servers.",), "windows": ("Its clients are Windows servers.",)},
    "data.protocol": {
        "nfs": ("Applications reach it over NFS.",),
        "smb": ("Applications reach it over SMB shares.",),
        "lustre": ("A compute cluster needs a parallel Lustre file system.",),
    },
    "data.io": {
        "iops": ("Its workload is dominated by small random I/O that needs high IOPS.",),
        "throughput": ("Large files are read sequentially, so throughput matters most.",),
        "cold": ("The data is rarely accessed; the lowest cost per GB matters most.",),
        "general": ("The I/O pattern is general-purpose.",),
    },
    "data.iops": ("A single volume needs up to {v} IOPS.",),
    "data.throughput": ("A single volume must sustain {v}.",),
    "data.temporary": {
        True: ("It is scratch data that may be lost when the instance stops.",),
        False: ("The data must survive an instance stop.",),
    },
    "data.retention": ("{S} must be kept for {v}.", "Records in {s} are retained for {v}."),
    "data.change_events": {
        True: ("Another component must react to every change in {s}.",
               "Each change to {s} must trigger downstream processing."),
        False: ("Nothing needs to react to changes in {s}.",),
    },
    "messaging.rate": ("Up to {v} flow through {s} at peak.", "The peak rate on {s} is {v}.",
                       "At peak, producers publish {v} to {s}."),
    "messaging.ordering": {
        "strict": ("Messages must be processed in exactly the order they were sent.",
                   "The order of {s} must be preserved."),
        "none": ("The order of messages does not matter.",),
    },
    "messaging.delivery": {
        "exactly-once": ("Each message must be processed exactly once; duplicates are unacceptable.",),
        "at-least-once": ("Consumers are idempotent, so an occasional duplicate is fine.",),
    },
    "messaging.consumers": ("{v} different applications each need every message of {s}.",),
    "messaging.replay": {
        True: ("Consumers must be able to re-read past messages.",
               "New consumers must be able to replay {s} from the start of the retention period."),
        False: ("Once processed, messages are never read again.",),
    },
    "messaging.retention": ("Messages must be kept for {v}.", "{S} must be retained for {v}."),
    "messaging.realtime_analytics": {
        True: ("{S} must be analysed in real time as it arrives.",),
        False: ("No real-time analysis is required.",),
    },
    "messaging.deliver_to": {
        "s3": ("{S} must land in the S3 data lake without any consumer code.",),
        "redshift": ("{S} must be loaded into Amazon Redshift without any consumer code.",),
        "opensearch": ("{S} must be loaded into an OpenSearch cluster without any consumer code.",),
        "splunk": ("{S} must be delivered to Splunk without any consumer code.",),
    },
    "messaging.existing_protocol": ("An existing application that uses {v} is being moved to AWS without code "
                                    "changes.", "The current message broker speaks {v}, and the applications "
                                                "must not be rewritten."),
    "messaging.priorities": ("Messages carry {v} priority levels.", "Producers assign one of {v} priorities."),
    "messaging.purpose": {
        "decouple": ("The goal of {s} is to decouple the web tier from the processing tier.",),
        "buffer-writes": ("{S} must absorb bursts of writes in front of the database.",),
        "notify": ("{S} must push notifications to subscribers as soon as events happen.",),
        "stream": ("{S} is a continuous data stream.",),
        "workflow": ("{S} coordinates a multi-step business process with retries and branches.",),
        "route": ("{S} carries events from many services, and each consumer receives only the events that match "
                  "its own filter rules.",),
    },
    "network.private_egress": {
        True: ("Instances in private subnets must download patches and call third-party APIs on the internet.",
               "Servers in private subnets need outbound internet access."),
        False: ("Instances in private subnets never connect to the internet.",),
    },
    "network.ipv6_egress": {
        True: ("That outbound traffic uses IPv6.", "The instances use IPv6 addresses for outbound traffic."),
        False: ("The outbound traffic is IPv4.",),
    },
    "network.egress_bandwidth": ("Outbound traffic peaks at {v}.",),
    "network.admin_access": {
        "ssh": ("Operators need shell access to instances in private subnets.",),
        "rdp": ("Administrators must log in to Windows instances in private subnets over RDP.",),
        "none": ("Nobody logs in to the instances.",),
    },
    "network.agent_allowed": {
        True: ("The instances can run a management agent.",),
        False: ("Some instances are vendor appliances that cannot run any management agent.",
                "The hardened OS image forbids installing agents on the instances."),
    },
    "network.shared_with_vpcs": ("{v} other VPCs, in other accounts, consume a service that this VPC exposes.",
                                 "A service in this VPC is used by {v} VPCs owned by other teams."),
    "network.interconnect_vpcs": ("{v} VPCs, this one included, must all be able to reach each other.",),
    "hybrid.link.bandwidth": ("The link between the data center and AWS must carry {v}.",
                              "About {v} must flow between the office and the VPC."),
    "hybrid.link.consistent": {
        True: ("Latency and throughput between the sites must be consistent and predictable.",),
        False: ("Variable internet latency between the sites is acceptable.",),
    },
    "hybrid.link.private": {
        True: ("Traffic between the data center and AWS must not cross the public internet.",),
        False: ("Using the public internet between the sites is acceptable.",),
    },
    "hybrid.link.encrypted": {
        True: ("All traffic between the data center and AWS must be encrypted.",),
        False: ("Encryption of the link itself is not required.",),
    },
    "hybrid.link.needed_within": ("The connection must be working within {v}.",
                                  "The link is needed in {v}."),
    "hybrid.storage.protocol": {
        "nfs": ("On-premises applications must store files in AWS through an NFS mount.",),
        "smb": ("On-premises Windows applications must store files in AWS through an SMB share.",),
        "iscsi": ("On-premises servers mount cloud-backed block volumes over iSCSI.",),
        "tape": ("The backup software writes to a physical tape library today.",),
    },
    "hybrid.storage.full_copy_on_premises": {
        True: ("The entire data set must stay on premises for low-latency access, with copies in AWS.",),
        False: ("Only frequently used data needs to be kept locally.",),
    },
    "hybrid.migration.data": ("The company must move {v} of data into AWS.",
                              "About {v} of data has to be migrated to AWS."),
    "hybrid.migration.bandwidth": ("Only {v} of its internet connection is spare.",
                                   "The existing link has {v} of spare capacity."),
    "hybrid.migration.deadline": ("The migration must be finished within {v}.",
                                  "The move has a deadline of {v}."),
    "hybrid.migration.edge_compute": {
        True: ("The data must be processed on site, where connectivity is poor.",),
        False: ("No processing is needed before the data reaches AWS.",),
    },
    "hybrid.migration.long_distance": {
        True: ("The data is uploaded from offices on other continents.",),
        False: ("The data comes from the same continent as the target Region.",),
    },
    "hybrid.migration.recurring": {
        True: ("The transfer repeats every day.",),
        False: ("It is a one-time migration.",),
    },
    "analytics.adhoc_sql_on_objects": {
        True: ("Analysts want to run ad hoc SQL directly on the files in the data lake.",),
        False: ("Nobody queries the raw files directly.",),
    },
    "analytics.warehouse": {True: ("The business runs complex analytical queries over large structured data.",),
                            False: ("No data warehouse is needed.",)},
    "analytics.query_warehouse_and_lake": {
        True: ("Queries must join warehouse tables with data left in the data lake.",),
        False: ("Warehouse and lake data are never queried together.",),
    },
    "analytics.big_data_frameworks": {
        True: ("Data engineers run Spark and Hadoop jobs with custom configurations.",),
        False: ("No Spark or Hadoop jobs are run.",),
    },
    "analytics.etl": {True: ("Data must be transformed and catalogued by a serverless ETL process.",),
                      False: ("No ETL is needed.",)},
    "analytics.dashboards": {True: ("Business users want interactive dashboards.",),
                             False: ("No dashboards are needed.",)},
    "analytics.log_search": {True: ("Engineers need full-text search over the application logs.",),
                             False: ("No log search is needed.",)},
    "security.encryption_at_rest": {True: ("All data must be encrypted at rest.",),
                                    False: ("Encryption at rest is not mandated.",)},
    "security.secrets_rotation": {True: ("Database credentials must be rotated automatically.",),
                                  False: ("Credentials are not rotated.",)},
    "security.audit_api_calls": {True: ("Auditors require a record of every API call.",
                                        "The security team must be able to see who did what, and when."),
                                 False: ("No audit trail is required.",)},
    "security.detect_sensitive_data": {True: ("Personal data in object storage must be discovered automatically.",),
                                       False: ("There is no need to scan for personal data.",)},
    "security.config_compliance": {True: ("Configuration changes must be tracked against compliance rules.",),
                                   False: ("Configuration drift is not tracked.",)},
}
PHRASES.update(SECURITY_PHRASES)   # the security concerns' fields, kept apart (quiz/security_phrases.py)
PHRASES.update(DESIGN_PHRASES)     # fields added for professional-level requirements (quiz/design_phrases.py)
PHRASES["data.protocol"].update(PROTOCOL_PHRASES)


def _list_sentence(path: str, values: list[str], rng: Random) -> str:
    if path == "users.clients":
        words = join([CLIENTS.get(v, v) for v in values])
        return rng.choice((f"Clients include {words}.", f"The system is used from {words}."))
    if path == "entry.threats":
        words = join([THREATS.get(v, v) for v in values])
        return rng.choice((f"The security team requires protection against {words}.",
                           f"The front end must be protected from {words}."))
    if path == "network.aws_services_private":
        words = join([SERVICES.get(v, v) for v in values])
        return rng.choice((f"Instances in private subnets must reach {words} without going over the internet.",
                           f"Traffic from the private subnets to {words} must stay off the internet."))
    if path == "hybrid.aws_services_private":
        words = join([SERVICES.get(v, v) for v in values])
        return rng.choice((f"Applications in the data center must reach {words} over the private connection, "
                           "not the internet.",
                           f"On-premises servers call {words} privately across the link to AWS."))
    if path == "security.compliance":
        words = join([COMPLIANCE.get(v, v.upper()) for v in values])
        return rng.choice((f"The company must comply with {words}.", f"The workload falls under {words}."))
    told = list_sentence(path, values, join)
    if told is not None:
        return told
    return f"{_label(path)}: {join([str(v) for v in values])}."


def _from_doc(path: str, value: Any) -> str:
    """A sentence from the field's documentation, for a field added to the format after these templates."""
    field = f.leaves().get(path)
    doc = (field.doc if field else "").strip().rstrip(".")
    if not doc:
        return f"The {_label(path)} is {{v}}."
    if value is True:
        return doc + "."
    if value is False:
        return f"This does not hold here: {doc[:1].lower() + doc[1:]}."
    return f"{doc}: {{v}}."


def _label(path: str) -> str:
    return path.rsplit(".", 1)[-1].replace("_", " ")


def words(path: str, value: Any) -> str:
    """A value as it reads in a sentence."""
    field = f.leaves().get(path)
    kind = field.kind if field else None
    if kind == "duration":
        return duration(value)
    if kind == "rate":
        noun = {"data.reads": "reads", "data.writes": "writes", "messaging.rate": "messages",
                "users.peak_requests": "requests"}.get(path, "")
        return rate(value, noun)
    if path == "data.engine":
        return ENGINES.get(value, value)
    if path == "messaging.existing_protocol":
        return PROTOCOLS.get(value, value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}" if value >= 10 else ["no", "one", "two", "three", "four", "five", "six", "seven",
                                                   "eight", "nine"][value]
    return str(value)


def sentence(path: str, value: Any, rng: Random, subject: "Subject | None" = None) -> str:
    """One sentence stating a field's value."""
    if isinstance(value, list):
        return _list_sentence(path, value, rng)
    templates = PHRASES.get(path)
    if isinstance(templates, dict) and templates.get(value):
        template = rng.choice(templates[value])
    elif templates and not isinstance(templates, dict):
        template = rng.choice(templates)
    else:
        template = _from_doc(path, value)
    shown = words(path, value)
    if path == "messaging.consumers" and value in (0, 1):
        template = "A single application consumes {s}." if value == 1 else "No application consumes {s} yet."
    if path == "messaging.priorities" and value in (0, 1):
        template = "Messages have no priorities." if value == 0 else "All messages have the same priority."
    if path == "network.shared_with_vpcs" and value in (0, 1):
        template = "No other VPC uses its services." if value == 0 else \
            "One other VPC, in another account, consumes a service that this VPC exposes."
    if path == "security.accounts" and value == 1:
        template = "The company runs everything in a single AWS account."
    if path == "network.interconnect_vpcs" and value in (0, 1):
        template = "This is the only VPC."
    if path == "compute.critical_instances" and value in (0, 1):
        template = "No instances need to be kept on separate hardware." if value == 0 else \
            "One critical instance must not share hardware with the others."
    noun = subject.noun(rng) if subject else "the system"
    text = template.replace("{v}", shown).replace("{S}", cap(noun)).replace("{s}", noun)
    if subject is not None:
        text = text.replace("{n}", subject.name)
    # a leading integer reads better as a word-numeral or with thousands separators
    return cap(text)


class Subject:
    """How the scenario refers to the data store or channel a question is about."""

    # singular nouns only: templates use them as the subject of a singular verb
    STORE_NOUNS = {
        "relational": ("the {n} database", "the {n} data"), "key-value": ("the {n} table", "the {n} data"),
        "document": ("the {n} data", "the {n} collection"), "time-series": ("the {n} data", "the {n} series"),
        "warehouse": ("the {n} data set", "the {n} data"), "object": ("the {n} archive", "the {n} collection"),
        "file": ("the {n} share", "the {n} file system"), "block": ("the {n} volume", "the {n} data"),
    }
    CHANNEL_NOUNS = ("the {n} channel", "the {n} feed", "the {n} message flow")
    INTROS = ("Services exchange messages through a channel called {n}.",
              "A new channel, {n}, connects the producers to the back end.",
              "The design needs a messaging channel for {n}.")

    def __init__(self, name: str, kind: str | None, listed: str):
        self.name, self.kind, self.listed = name, kind, listed

    def noun(self, rng: Random) -> str:
        if self.listed == "messaging":
            options = self.CHANNEL_NOUNS
        else:
            options = self.STORE_NOUNS.get(self.kind or "", ("the {n} data",))
        words = self.name.replace("-", " ")
        last = words.split()[-1] if words.split() else ""
        fitting = [o for o in options if o.split()[-1] != last] or list(options)
        return rng.choice(fitting).replace("{n}", words)

    def intro(self, rng: Random) -> str | None:
        """A first sentence naming a channel (a store is introduced by its kind)."""
        if self.listed != "messaging":
            return None
        return rng.choice(self.INTROS).replace("{n}", self.name.replace("-", " "))


# -- companies and openings --------------------------------------------------------------
COMPANIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Northwind Outfitters", "an online clothing retailer", ("its online store", "its order-management platform")),
    ("Harbor Bank", "a regional bank", ("its mobile banking platform", "a payments service")),
    ("MediCore Clinics", "a healthcare provider", ("its patient portal", "an electronic health records system")),
    ("StreamWave", "a video streaming company", ("its streaming platform", "a content-management system")),
    ("TerraFreight", "a logistics company", ("a shipment-tracking system", "its warehouse-management system")),
    ("PixelForge Games", "a mobile gaming studio", ("a multiplayer game back end", "its player-profile service")),
    ("Brightpath University", "a university", ("its student information system", "a research data platform")),
    ("Sentinel Insurance", "an insurance company", ("its claims-processing platform", "a policy portal")),
    ("Skyward Travel", "an online travel agency", ("its booking engine", "a price-comparison service")),
    ("VoltGrid Energy", "an energy utility", ("a smart-meter platform", "its billing system")),
    ("Ridely", "a ride-sharing company", ("its dispatch service", "a driver-payments system")),
    ("LearnLoop", "an e-learning start-up", ("its course platform", "a video-lecture service")),
    ("Cityline Transit", "a public transport authority", ("a journey-planning app", "its ticketing system")),
    ("Nimbus Analytics", "a SaaS analytics provider", ("its multi-tenant reporting service",
                                                        "a customer dashboard product")),
    ("Globex Pharma", "a pharmaceutical company", ("a clinical-trials data platform", "its lab systems")),
    ("AeroNova Airlines", "an airline", ("its check-in and loyalty system", "a flight-operations platform")),
    ("FreshCart Grocers", "a grocery chain", ("its click-and-collect service", "a store-inventory system")),
    ("Quantum Ledger", "a fintech start-up", ("its trading platform", "a card-payments API")),
    ("Daily Herald Media", "a news publisher", ("its news website", "a subscription service")),
    ("Orbital Devices", "an IoT device manufacturer", ("its connected-device platform", "a firmware-update service")),
    ("Civic Services Agency", "a government agency", ("a citizen-services portal", "its records system")),
    ("Atlas Manufacturing", "an industrial manufacturer", ("its factory-monitoring system", "an ERP system")),
    ("GreenLeaf Realty", "a real-estate marketplace", ("its property-listing site", "a mortgage-application portal")),
    ("TuneStream", "a music streaming service", ("its recommendation engine", "its music catalogue service")),
    ("Helix Genomics", "a genomics research lab", ("its sequencing pipeline", "a research data platform")),
    ("Metro Telecom", "a telecom operator", ("its customer self-service portal", "a network-monitoring system")),
    ("BluePeak Hotels", "a hotel chain", ("its reservation system", "a guest-loyalty app")),
    ("Vertex Legal", "a law firm", ("its document-management system", "a client portal")),
    ("Pulse Fitness", "a fitness-app company", ("its workout-tracking app", "a wearable-data service")),
    ("Lumen Studios", "a visual-effects studio", ("its rendering pipeline", "an asset-management system")),
    ("Evergreen Credit Union", "a credit union", ("its online banking service", "a loan-origination system")),
    ("Cobalt Robotics", "a warehouse-robotics company", ("its fleet-control service", "a telemetry platform")),
)

OPENINGS = (
    "{C}, {ind}, is building {sys} on AWS.",
    "{C} is {ind} that is moving {sys} to AWS.",
    "A solutions architect at {C}, {ind}, is designing {sys}.",
    "{Ind} named {C} is re-architecting {sys} for AWS.",
    "{C} runs {sys}. The company, {ind}, is migrating it to AWS.",
    "{C}, {ind}, needs a new AWS design for {sys}.",
    "{C} is {ind}. Its engineers are planning {sys} on AWS.",
    "As part of a cloud programme, {C} ({ind}) is redesigning {sys}.",
)
REGION_SENTENCES = (
    "Its primary AWS Region is {r} ({place}).",
    "Everything runs in the {place} Region ({r}).",
    "The company operates from {r}.",
)

# -- question stems --------------------------------------------------------------------
STEMS: dict[str, tuple[str, ...]] = {
    "compute": ("Which compute service should run the application?",
                "Where should the application code run to meet these requirements?"),
    "ec2-purchasing": ("Which EC2 purchasing option should the company use?",
                       "How should the company pay for the EC2 capacity?"),
    "placement-group": ("Which placement strategy should the instances use?",
                        "How should the EC2 instances be placed?"),
    "hpc-networking": ("Which networking option should the instances use?",),
    "load-balancer": ("Which service should distribute the incoming requests across the application's servers?",
                      "What should the solutions architect put in front of the application's targets?"),
    "edge": ("Which service should sit in front of the application at the edge?",
             "How should the solutions architect improve access for users at the edge?"),
    "dns-routing": ("Which Amazon Route 53 routing policy should be used?",
                    "How should DNS route the users' requests?"),
    "api": ("Which service should provide the API layer?", "Which managed API service fits best?"),
    "web-protection": ("How should the application be protected?",
                       "Which protection should the solutions architect put in place?"),
    "private-content": ("How should access to the restricted content be granted?",
                        "Which mechanism should deliver the private content to authorised users only?"),
    "end-user-identity": ("How should the users be authenticated and authorised?",
                          "Which identity solution meets these requirements?"),
    "database": ("Which database service should store {s}?",
                 "Which database fits {s}?",
                 "Which AWS service should the solutions architect choose for {s}?"),
    "read-scaling": ("How should the read traffic on {s} be scaled?",
                     "Which solution takes the read load off the primary database for {s}?"),
    "cache": ("Which caching solution should be used for {s}?", "How should reads of {s} be accelerated?"),
    "object-storage": ("Which storage class should hold {s}?",
                       "Where should {s} be stored?"),
    "block-storage": ("Which volume type should hold {s}?", "Which block storage option fits {s}?"),
    "file-storage": ("Which file storage service should hold {s}?", "Which shared file system fits {s}?"),
    "change-events": ("How should the system react to each change in {s}?",),
    "messaging": ("Which service should carry {s}?", "Which messaging solution meets the requirements for {s}?",
                  "What should the solutions architect use for {s}?"),
    "internet-egress": ("How should the private instances reach the internet?",
                        "Which component provides the outbound access?"),
    "private-service-access": ("How should the private subnets reach {service}?",
                               "Which solution keeps the traffic to {service} off the internet?"),
    "service-sharing": ("How should the VPCs be connected?",
                        "Which networking solution should the solutions architect recommend?"),
    "admin-access": ("How should operators reach the private instances?",
                     "Which access method should the solutions architect recommend?"),
    "hybrid-connectivity": ("How should the data center be connected to AWS?",
                            "Which connectivity option meets these requirements?"),
    "hybrid-storage": ("Which solution should the on-premises applications use for storage?",
                       "How should the on-premises storage be backed by AWS?"),
    "data-transfer": ("How should the data be moved into AWS?",
                      "Which transfer method should the company use?"),
    "dr-strategy": ("Which disaster recovery strategy meets these requirements?",
                    "Which disaster recovery approach should the company adopt?"),
    "data-lake-query": ("Which service should run these queries?",),
    "etl": ("Which service should run the data preparation?",),
    "encryption-key": ("Which encryption key solution meets these requirements?",
                       "How should the data be encrypted at rest?"),
    "credential-store": ("Where should the application keep these values?",),
    "threat-detection": ("Which service should the security team enable?",
                         "Which AWS service should the company use for this?"),
    "bucket-access": ("What should the solutions architect do to control access to the buckets?",
                      "Which solution meets the access requirement for the buckets?"),
    "account-guardrails": ("Which solution meets these requirements?",
                           "How should the security team enforce these rules?"),
}
GENERIC_STEMS = ("Which solution meets these requirements?", "What should a solutions architect recommend?")


def stem(concern_id: str, question: str, subject: "Subject | None", service: str | None, rng: Random) -> str:
    options = STEMS.get(concern_id)
    if options:
        text = rng.choice(options)
    else:
        text = question or rng.choice(GENERIC_STEMS)
        text = re.sub(r"\bthis (data store|store|channel)\b", "{s}", text)
    noun = subject.noun(rng) if subject else "the data"
    return text.replace("{s}", noun).replace("{service}", SERVICES.get(service or "", service or "the service"))


def opening(company: tuple[str, str, tuple[str, ...]], system: str, rng: Random) -> str:
    name, industry, _ = company
    template = rng.choice(OPENINGS)
    ind = industry
    return template.replace("{C}", name).replace("{ind}", ind).replace("{Ind}", cap(ind)).replace("{sys}", system)


def region_sentence(region: str, rng: Random) -> str:
    return rng.choice(REGION_SENTENCES).replace("{r}", region).replace("{place}", REGIONS.get(region, region))


def scenario(workload: dict, company: tuple[str, str, tuple[str, ...]], system: str, concern_id: str,
             question: str, subject: Subject | None, service: str | None, rng: Random) -> str:
    """The whole question text: opening, one sentence per field (the subject's first), then the stem."""
    return compose(workload, company, system, concern_id, question, subject, service, rng)[0]


def compose(workload: dict, company: tuple[str, str, tuple[str, ...]], system: str, concern_id: str,
            question: str, subject: Subject | None, service: str | None, rng: Random,
            stem_text: str | None = None, silent: tuple[str, ...] = ()) -> tuple[str, dict]:
    """The question text, and the sentence that states each (schema path, item name) of the workload.

    ``stem_text`` replaces the concern's stem (a qualified or "Choose two" stem); fields in ``silent`` are
    left out of the story because the stem says them (a qualifier such as MOST cost-effectively).
    """
    parts = [opening(company, system, rng)]
    said: dict[tuple[str, str | None], str] = {}
    refs = [ref for ref in f.leaf_refs(workload) if ref[0] not in silent]
    own = [(p, n) for p, n in refs if subject is not None and f.item_list(p) == subject.listed and n == subject.name]
    own.sort(key=lambda ref: ref[0] != "data.kind")  # introduce the store by its kind first
    others = [(p, n) for p, n in refs if (p, n) not in own and p != "region"]
    rng.shuffle(others)
    late = [ref for ref in others if ref[0] in ("cost_priority",)]
    others = [ref for ref in others if ref not in late]
    if "region" in workload and rng.random() < 0.8:
        said[("region", None)] = region_sentence(workload["region"], rng)
        parts.append(said[("region", None)])
    order = own + others if rng.random() < 0.7 else others[:1] + own + others[1:]
    if subject is not None and subject.intro(rng):
        first = order.index(own[0]) if own and own[0] in order else 0
        order.insert(first, ("intro", None))
    for path, name in order + late:
        if path == "intro":
            parts.append(subject.intro(rng) or "")
            continue
        entry_subject = subject
        listed = f.item_list(path)
        if listed and (subject is None or name != subject.name):
            kind = (f.item(workload, listed, name) or {}).get("kind")
            entry_subject = Subject(name or "", kind, listed)
        said[(path, name)] = sentence(path, f.get(workload, path, name), rng, entry_subject if listed else None)
        parts.append(said[(path, name)])
    parts.append(stem_text or stem(concern_id, question, subject, service, rng))
    return " ".join(parts), said


# -- naming the answer -----------------------------------------------------------------
_VENDOR = re.compile(r"^(Amazon|AWS)\s+")


def names_service(text: str, service_name: str, service_id: str) -> bool:
    """Whether the text names a service (by its name without the vendor prefix, or its id)."""
    core = _VENDOR.sub("", service_name)
    core = re.sub(r"\s*\(.*?\)\s*", " ", core).strip()
    lowered = text.lower()
    if core and re.search(r"\b" + re.escape(core.lower()) + r"\b", lowered):
        return True
    return "-" in service_id and service_id.lower() in lowered
