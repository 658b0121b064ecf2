"""Decisions + workload -> Architecture (groups, components, links).

The builder draws what the engine decided and nothing else: every
component either shows a decision or supports the picture (users, the
internet, an internet gateway, a placeholder for the application when the
workload names none). The workload is read only for names and context:
the workload name, the users, the hybrid site, store and channel names,
consumer counts, the region and the availability scope.

Layout conventions (AWS architecture icon guidelines):
AWS Cloud > Region > VPC > Availability Zone > subnet (public, app, data);
regional services (S3, DynamoDB, SQS, SNS, Kinesis, Lambda outside a VPC)
sit in the region outside the VPC; edge services (CloudFront, Global
Accelerator, WAF on CloudFront, Route 53) in the cloud outside regions;
users, the internet and the on-premises site outside the cloud.
"""
from __future__ import annotations

from typing import Any, Iterable

from ..workload.paths import dig
from .canvas import Canvas, slug
from .model import Architecture, decision_key
from .names import ANNOTATIONS, DR_LABELS
from .names import short_name as _short_name

APP = "ec2"  # service drawn for an application the workload does not describe

IN_VPC_COMPUTE = {"fargate", "ecs-on-ec2", "eks", "ec2-auto-scaling", "elastic-beanstalk"}
# Choices that put something the application must reach inside a VPC.
VPC_RESOURCES = {
    "database": {"rds-single-az", "rds-multi-az", "aurora", "aurora-serverless",
                 "aurora-global-database", "redshift"},
    "cache": {"elasticache-redis", "elasticache-memcached", "dax"},
    "file-storage": {"efs", "fsx-windows", "fsx-lustre"},
    "messaging": {"amazon-mq"},
    "internet-egress": None, "private-service-access": None,
    "hybrid-connectivity": None, "admin-access": None, "block-storage": None,
}
RELATIONAL = {"rds-single-az", "rds-multi-az", "aurora", "aurora-serverless",
              "aurora-global-database"}
REGIONAL_DATABASES = {"dynamodb", "dynamodb-global-tables", "timestream"}
MULTI_AZ_DATA = {"rds-multi-az", "aurora", "aurora-global-database"}
HOT_CLASSES = ["s3-standard", "s3-intelligent-tiering", "s3-standard-ia", "s3-one-zone-ia",
               "s3-glacier-instant-retrieval", "s3"]
ARCHIVE_CLASSES = {"s3-glacier-flexible-retrieval", "s3-glacier-deep-archive"}
# Which catalogue service to draw for a service named in
# network.aws_services_private when the design has no node for it yet.
PRIVATE_SERVICE_IDS = {
    "s3": "s3", "dynamodb": "dynamodb", "sqs": "sqs-standard", "sns": "sns",
    "kinesis": "kinesis-data-streams", "kms": "kms", "secretsmanager": "secrets-manager",
    "secrets-manager": "secrets-manager", "cloudtrail": "cloudtrail", "athena": "athena",
    "glue": "glue", "stepfunctions": "step-functions", "step-functions": "step-functions",
    "lambda": "lambda", "firehose": "kinesis-data-firehose", "redshift": "redshift",
    "opensearch": "opensearch", "timestream": "timestream",
    "ssm": "ssm-session-manager", "ssmmessages": "ssm-session-manager", "ec2messages": "ssm-session-manager",
    "ecr": "ecr", "ecr.api": "ecr", "ecr.dkr": "ecr", "logs": "cloudwatch", "monitoring": "cloudwatch",
    "cloudwatch": "cloudwatch", "events": "eventbridge", "eventbridge": "eventbridge", "sts": "iam",
}
SERVICE_NAMES = {"s3": "Amazon S3", "ec2messages": "EC2 messages", "ssmmessages": "SSM messages", "sts": "STS",
                 "dynamodb": "DynamoDB", "sqs": "SQS", "sns": "SNS", "kms": "KMS",
                 "kinesis": "Kinesis", "secretsmanager": "Secrets Manager", "secrets-manager": "Secrets Manager",
                 "stepfunctions": "Step Functions", "step-functions": "Step Functions", "lambda": "Lambda",
                 "ecr": "ECR", "ssm": "Systems Manager", "cloudwatch": "CloudWatch", "logs": "CloudWatch Logs"}
CLIENT_SERVICES = {"mobile": "mobile-client", "iot-device": "iot-device"}  # a single kind of client
# Channels drawn as one node between the producing tier and each consumer: node id prefix, label of
# the producer's edge, label of each consumer's edge, and whether consumers pull (the edge points at
# the channel) or are pushed to.
POINT_TO_CONSUMERS = {
    "sqs-standard": ("queue", "send", "poll", True), "sqs-fifo": ("queue", "send", "poll", True),
    "sns": ("topic", "publish", "push", False),
    "kinesis-data-streams": ("stream", "put records", "read / replay", True),
    "step-functions": ("workflow", "start execution", "task", False),
}
PROTOCOL_LABELS = {"http": "HTTPS", "websocket": "WebSocket", "graphql": "GraphQL (HTTPS)",
                   "tcp": "TCP", "udp": "UDP"}
HYBRID_STORAGE_PATHS = {  # choice: (protocol on site, label to AWS, AWS-side service, AWS-side label)
    "storage-gateway-file": ("NFS / SMB", "files as objects (HTTPS)", "s3", "S3 bucket\nfile share objects"),
    "storage-gateway-volume-cached": ("iSCSI", "primary data (cached on site)", "s3", "Amazon S3\nvolume data + snapshots"),
    "storage-gateway-volume-stored": ("iSCSI", "asynchronous backup", "s3", "Amazon S3\nEBS snapshots of volumes"),
    "storage-gateway-tape": ("iSCSI VTL", "virtual tapes", "s3-glacier-deep-archive",
                             "S3 Glacier Deep Archive\nvirtual tape shelf"),
}


def short_name(service_id: str) -> str:
    """The whiteboard name of a service; the catalogue's name for ids the drawing has no short form for."""
    try:
        from archadvisor.knowledge import load_catalogue
        catalogue = load_catalogue()
    except (OSError, ValueError):  # a broken catalogue is reported by its own loader, not here
        catalogue = None
    return _short_name(service_id, catalogue)


def build(decisions: list[dict], workload: dict) -> Architecture:
    """Draw the decided architecture; see the module docstring."""
    return _Builder(decisions, workload or {}).run()


def _get(data: Any, *path: str, default: Any = None) -> Any:
    return dig(data, path, default)


def _count(value: Any, default: int) -> int:
    """A count from the workload; ``default`` when it is not given. Zero stays zero: a channel
    with ``consumers: 0`` has nobody reading it yet, and the drawing must not invent one."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return max(number, 0)


def _bool(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() in {"true", "yes", "on"})


class _Builder:
    def __init__(self, decisions: list[dict], workload: dict) -> None:
        self.workload = workload
        self.name = str(workload.get("name") or "workload")
        self.region_name = str(workload.get("region") or "us-east-1")
        self.decisions = [d for d in decisions if isinstance(d, dict) and d.get("concern") and d.get("choice")]
        self.c = Canvas()
        # What the phases learn about each other.
        self.apps: dict[int, list[str]] = {1: [], 2: []}      # compute nodes per region
        self.app_az: dict[tuple[int, str], str] = {}           # (region, az letter) -> compute node
        self.stores: dict[str, dict[str, Any]] = {}            # store name -> {"node", "choice"}
        self.regional_front: list[str] = []                    # front nodes inside region 1, outermost first
        self.entry: str | None = None                          # first node behind users
        self.edge_node: str | None = None

    # -- decision access --------------------------------------------------
    def choices(self, concern: str) -> list[dict]:
        return [d for d in self.decisions if d["concern"] == concern]

    def choice(self, concern: str) -> str | None:
        found = self.choices(concern)
        return str(found[0]["choice"]) if found else None

    @staticmethod
    def key(d: dict) -> str:
        return decision_key(str(d["concern"]), None if d.get("subject") is None else str(d["subject"]))

    # -- groups -----------------------------------------------------------
    @property
    def azs(self) -> tuple[str, ...]:
        scope = _get(self.workload, "availability", "scope")
        needs_two = any(d["choice"] in MULTI_AZ_DATA for d in self.choices("database")) or \
            self.choices("read-scaling")
        return ("a",) if scope == "single-az" and not needs_two else ("a", "b")

    def cloud(self) -> str:
        return self.c.group("cloud", "cloud", "AWS Cloud", None)

    def region(self, n: int = 1) -> str:
        label = f"Region {self.region_name}" if n == 1 else "Second region"
        return self.c.group(f"region-{n}", "region", label, self.cloud())

    def vpc(self, n: int = 1) -> str:
        return self.c.group(f"vpc-{n}", "vpc", "VPC", self.region(n))

    def az(self, n: int, letter: str) -> str:
        label = f"Availability Zone {self.region_name}{letter}" if n == 1 else f"Availability Zone {letter}"
        return self.c.group(f"az-{n}{letter}", "az", label, self.vpc(n))

    def subnet(self, n: int, letter: str, tier: str) -> str:
        labels = {"public": "Public subnet", "app": "Private subnet (app)", "data": "Private subnet (data)"}
        return self.c.group(f"subnet-{tier}-{n}{letter}", f"subnet-{tier}", labels[tier], self.az(n, letter))

    def security(self) -> str:
        return self.c.group("security", "security", "Security & governance", self.region())

    def analytics_group(self) -> str:
        return self.c.group("analytics", "analytics", "Analytics", self.region())

    def users_group(self) -> str:
        return self.c.group("users", "users", "Users", None)

    def internet_group(self) -> str:
        return self.c.group("internet", "internet", "Internet", None)

    def site_group(self) -> str:
        return self.c.group("on-premises", "on-premises", "Corporate data center", None)

    # -- supporting nodes -------------------------------------------------
    def users(self) -> str:
        clients = _get(self.workload, "users", "clients", default=[])
        details = [", ".join(str(x) for x in clients if x != "on-premises")] if isinstance(clients, list) else []
        context = [str(v) for v in (_get(self.workload, "users", "audience"),
                                    _get(self.workload, "users", "geography")) if v]
        lines = ["Users"] + [x for x in details if x] + ([" · ".join(context)] if context else [])
        kinds = set(clients) - {"on-premises"} if isinstance(clients, list) else set()
        service = CLIENT_SERVICES.get(next(iter(kinds)), "users") if len(kinds) == 1 else "users"
        return self.c.add("users", service, "\n".join(lines), self.users_group())

    def operators(self) -> str:
        return self.c.add("operators", "users", "Operators", self.users_group())

    def internet(self) -> str:
        return self.c.add("internet", "internet", "Internet", self.internet_group())

    def site(self) -> str:
        return self.c.add("on-premises-servers", "on-premises-server", "On-premises servers", self.site_group())

    def igw(self) -> str:
        node = self.c.add("internet-gateway", "internet-gateway", "Internet gateway", self.vpc())
        self.c.link(node, self.internet(), "")
        return node

    def bucket(self, node_id: str, label: str, n: int = 1) -> str:
        """The workload's busiest bucket for a purpose (static origin, data lake,
        migration target), or a new one; archive classes never serve these."""
        usable = [s for s in self.stores.values() if s.get("bucket") and s["choice"] not in ARCHIVE_CLASSES]
        usable.sort(key=lambda s: (HOT_CLASSES.index(s["choice"]) if s["choice"] in HOT_CLASSES else 99, s["node"]))
        if usable and n == 1:
            return usable[0]["node"]
        return self.c.add(node_id, "s3", label, self.region(n))

    def object_buckets(self) -> list[str]:
        return sorted(s["node"] for s in self.stores.values() if s.get("bucket"))

    # -- the application tier ---------------------------------------------
    def needs_vpc(self) -> bool:
        for concern, choices in VPC_RESOURCES.items():
            for d in self.choices(concern):
                if choices is None or d["choice"] in choices:
                    return True
        return any(d["choice"] in IN_VPC_COMPUTE for d in self.choices("compute"))

    def app_nodes(self, n: int = 1) -> list[str]:
        """The compute nodes of a region, drawing a placeholder when none was decided."""
        if not self.apps[n] and n == 1:
            self.place_compute(APP, "Application", None, n)
        return self.apps[n]

    def compute_label(self) -> tuple[list[str], list[str]]:
        """Annotation lines and decision keys written on compute nodes."""
        lines, keys = [], []
        for concern in ("ec2-purchasing", "placement-group", "hpc-networking"):
            for d in self.choices(concern):
                text = ANNOTATIONS.get((concern, d["choice"]), d["choice"])
                if concern == "placement-group" and d["choice"] == "spread":
                    count = _get(self.workload, "compute", "critical_instances")
                    if count:
                        text += f" ({count} instances)"
                lines.append(text)
                keys.append(self.key(d))
        return lines, keys

    def place_compute(self, service: str, label: str, decision: str | None, n: int,
                      azs: Iterable[str] | None = None, note: str = "") -> None:
        lines, keys = self.compute_label()
        in_vpc = service in IN_VPC_COMPUTE or service == APP and self.needs_vpc() or \
            service == "lambda" and self.needs_vpc()
        if service == "lambda" and in_vpc:
            label += " (in VPC)"
        if azs is None:
            azs = self.azs
            if self.choice("placement-group") == "cluster":
                azs = azs[:1]  # a cluster placement group lives in one AZ
        prefix = "" if n == 1 else f"r{n}-"
        if in_vpc:
            for letter in azs:
                node = self.c.add(f"{prefix}app-{letter}", service, label, self.subnet(n, letter, "app"), decision)
                self.apps[n].append(node)
                self.app_az[(n, letter)] = node
        else:
            node = self.c.add(f"{prefix}app", service, label, self.region(n), decision)
            self.apps[n].append(node)
        for node in self.apps[n]:
            for line, key in zip(lines, keys):
                self.c.annotate(node, key, line)
            if note:
                self.c.annotate(node, None, note)

    def compute(self) -> None:
        for d in self.choices("compute"):
            self.place_compute(d["choice"], short_name(d["choice"]), self.key(d), 1)
        if not self.apps[1] and any(self.choices(c) for c in ("ec2-purchasing", "placement-group", "hpc-networking")):
            self.place_compute(APP, "EC2 instances", None, 1)

    def from_apps(self, target: str, label: str, style: str = "solid", n: int = 1) -> None:
        """Every AZ's copy of the app tier reaches ``target`` (databases, caches, files)."""
        for node in self.app_nodes(n):
            self.c.link(node, target, label, style)

    def from_tier(self, target: str, label: str, style: str = "solid") -> None:
        """One arrow from the app tier to a regional service or endpoint: drawing it
        from each AZ's copy adds lines without adding meaning."""
        self.c.link(self.app_nodes()[0], target, label, style)

    # -- data stores ------------------------------------------------------
    def data_stores(self) -> None:
        for d in self.choices("object-storage"):
            name = str(d["subject"])
            node = self.c.add(f"bucket-{slug(name)}", d["choice"],
                              f"{short_name(d['choice'])}\n{name}", self.region(), self.key(d))
            self.stores[name] = {"node": node, "choice": d["choice"], "bucket": True}
            self.from_apps_to_service(node, "objects", "s3")
        for d in self.choices("database"):
            self.database(d)
        for d in self.choices("read-scaling"):
            self.read_replicas(d)
        for d in self.choices("cache"):
            self.cache(d)
        for d in self.choices("block-storage"):
            self.block_storage(d)
        for d in self.choices("file-storage"):
            self.file_storage(d)
        for d in self.choices("change-events"):
            self.change_events(d)

    def from_apps_to_service(self, target: str, label: str, private_name: str) -> None:
        """Apps reach a regional service directly, or through its gateway endpoint."""
        if self.endpoint_for(private_name):
            return  # the endpoint phase draws app -> endpoint -> service
        if self.apps[1] or self.choices("compute"):
            self.from_tier(target, label)

    def endpoint_for(self, service_name: str) -> dict | None:
        for d in self.choices("private-service-access"):
            if str(d["subject"]).lower() == service_name:
                return d
        return None

    def database(self, d: dict) -> None:
        name, choice, key = str(d["subject"]), d["choice"], self.key(d)
        base = f"db-{slug(name)}"
        title = short_name(choice)
        azs = self.azs
        if choice in REGIONAL_DATABASES:
            node = self.c.add(base, choice, f"{title}\n{name}", self.region(), key)
            self.stores[name] = {"node": node, "choice": choice}
            self.from_apps_to_service(node, "API (HTTPS)", "dynamodb" if choice.startswith("dynamodb") else choice)
            return
        if choice == "redshift":
            node = self.c.add(base, choice, f"Redshift cluster\n{name}", self.subnet(1, azs[0], "data"), key)
            self.stores[name] = {"node": node, "choice": choice}
            self.from_apps(node, "SQL")
            return
        role = {"rds-multi-az": "primary", "aurora": "writer", "aurora-global-database": "writer",
                "rds-single-az": "", "aurora-serverless": ""}[choice]
        primary = self.c.add(f"{base}-primary", choice,
                             f"{title} {role}\n{name}".replace(" \n", "\n"),
                             self.subnet(1, azs[0], "data"), key)
        self.stores[name] = {"node": primary, "choice": choice}
        self.from_apps(primary, "SQL")
        if choice == "rds-multi-az":
            standby = self.c.add(f"{base}-standby", "rds-standby", f"{title} standby\n{name}",
                                 self.subnet(1, azs[-1], "data"), key)
            self.c.link(primary, standby, "synchronous replication", "dashed")
        elif choice in ("aurora", "aurora-global-database") and not self.read_scaling_for(name):
            replica = self.c.add(f"{base}-replica-{azs[-1]}", choice,
                                 f"Aurora replica\n(failover target)\n{name}",
                                 self.subnet(1, azs[-1], "data"), key)
            self.c.link(primary, replica, "shared cluster volume (6 copies, 3 AZs)", "dashed")

    def read_scaling_for(self, name: str) -> dict | None:
        for d in self.choices("read-scaling"):
            if str(d["subject"]) == name:
                return d
        return None

    def read_replicas(self, d: dict) -> None:
        name, choice, key = str(d["subject"]), d["choice"], self.key(d)
        primary = self.stores.get(name, {}).get("node")
        if primary is None:  # read scaling without a database decision: draw a primary to hang it on
            primary = self.c.add(f"db-{slug(name)}-primary", "rds-single-az",
                                 f"RDS primary\n{name}", self.subnet(1, self.azs[0], "data"))
            self.stores[name] = {"node": primary, "choice": "rds-single-az"}
            self.from_apps(primary, "SQL")
        aurora = choice == "aurora-replicas"
        for letter in self.azs:
            role = "Aurora replica\n(reads, failover target)" if aurora else "Read replica"
            replica = self.c.add(f"db-{slug(name)}-replica-{letter}", choice, f"{role}\n{name}",
                                 self.subnet(1, letter, "data"), key)
            if aurora:
                self.c.link(primary, replica, "shared cluster volume", "dashed")
            else:
                self.c.link(primary, replica, "asynchronous replication", "dashed")
            app = self.app_az.get((1, letter))
            if app:
                self.c.link(app, replica, "SQL reads", "dotted")

    def cache(self, d: dict) -> None:
        name, choice, key = str(d["subject"]), d["choice"], self.key(d)
        label = f"{short_name(choice)}\n{name}"
        node = self.c.add(f"cache-{slug(name)}", choice, label, self.subnet(1, self.azs[0], "data"), key)
        self.from_apps(node, "cached reads")
        store = self.stores.get(name, {}).get("node")
        if store and choice == "dax":
            self.c.link(node, store, "read-through / write-through")

    def block_storage(self, d: dict) -> None:
        name, choice, key = str(d["subject"]), d["choice"], self.key(d)
        apps = self.app_nodes()
        letter = self.azs[0]
        node = self.c.add(f"volume-{slug(name)}", choice, f"{short_name(choice)}\n{name}",
                          self.az(1, letter), key)
        app = self.app_az.get((1, letter), apps[0])
        self.c.link(app, node, "attached" if choice != "instance-store" else "local disk")

    def file_storage(self, d: dict) -> None:
        name, choice, key = str(d["subject"]), d["choice"], self.key(d)
        group = self.vpc() if choice == "efs" else self.subnet(1, self.azs[0], "data")
        multi_az = choice == "fsx-windows" and len(self.azs) > 1 and _get(
            self.workload, "availability", "scope") in ("multi-az", "multi-region")
        title = f"{short_name(choice)}{' (Multi-AZ)' if multi_az else ''}"
        node = self.c.add(f"files-{slug(name)}", choice, f"{title}\n{name}", group, key)
        self.stores[name] = {"node": node, "choice": choice}
        protocol = {"efs": "NFS", "fsx-windows": "SMB", "fsx-lustre": "Lustre"}[choice]
        self.from_apps(node, protocol)
        if multi_az:  # a Multi-AZ file system: the preferred file server and its standby in a second AZ
            standby = self.c.add(f"files-{slug(name)}-standby", choice, f"{short_name(choice)} standby\n{name}",
                                 self.subnet(1, self.azs[-1], "data"), key)
            self.c.link(node, standby, "synchronous replication", "dashed")

    def change_events(self, d: dict) -> None:
        name, choice, key = str(d["subject"]), d["choice"], self.key(d)
        store = self.stores.get(name, {}).get("node")
        if choice == "dynamodb-streams":
            stream = self.c.add(f"stream-{slug(name)}", choice, f"DynamoDB Streams\n{name}", self.region(), key)
            if store:
                self.c.link(store, stream, "item changes")
            self.c.link(stream, self.app_nodes()[0], "triggers")
            return
        if store is None:
            store = self.c.add(f"bucket-{slug(name)}", "s3", f"S3 bucket\n{name}", self.region())
            self.stores[name] = {"node": store, "choice": "s3", "bucket": True}
        self.c.annotate(store, key, ANNOTATIONS[("change-events", choice)])
        if self.choice("compute") in (None, "lambda"):
            self.c.link(store, self.app_nodes()[0], "object events", "dashed")
            return
        # S3 cannot deliver to containers or instances: the bucket notifies a queue that the tasks poll.
        queue = self.c.add(f"events-{slug(name)}", "sqs-standard", f"SQS queue\n{name} events", self.region(), key)
        self.c.link(store, queue, "object events", "dashed")
        self.from_apps_to_service(queue, "poll", "sqs")

    # -- analytics and security -------------------------------------------
    def lake(self) -> str:
        return self.bucket("data-lake", "S3 data lake")

    def analytics(self) -> None:
        group = None
        warehouse = None
        for d in self.choices("warehouse"):
            existing = [s["node"] for s in self.stores.values() if s["choice"] == "redshift"]
            if existing:
                warehouse = existing[0]
                self.c.annotate(warehouse, self.key(d), "data warehouse")
            else:
                group = self.analytics_group()
                warehouse = self.c.add("warehouse", "redshift", "Redshift\ndata warehouse", group, self.key(d))
        for d in self.choices("data-lake-query"):
            group = self.analytics_group()
            if d["choice"] == "redshift-spectrum" and warehouse:
                self.c.annotate(warehouse, self.key(d), "+ Redshift Spectrum")
                self.c.link(warehouse, self.lake(), "Spectrum: SQL on S3")
                continue
            node = self.c.add(d["choice"], d["choice"], short_name(d["choice"]) + "\nSQL on S3", group, self.key(d))
            self.c.link(node, self.lake(), "queries objects")
        emr = None
        for concern in ("big-data-processing", "etl"):
            for d in self.choices(concern):
                group = self.analytics_group()
                if d["choice"] == "emr":
                    if emr is None:
                        emr = self.c.add("emr", "emr", "EMR\nSpark / Hadoop", group, self.key(d))
                        self.c.link(emr, self.lake(), "reads / writes")
                    else:
                        self.c.annotate(emr, self.key(d), "ETL jobs")
                else:
                    node = self.c.add(d["choice"], d["choice"], f"{short_name(d['choice'])}\nETL + Data Catalog",
                                      group, self.key(d))
                    self.c.link(node, self.lake(), "crawl / transform")
                    if warehouse:
                        self.c.link(node, warehouse, "load")
        for d in self.choices("dashboards"):
            node = self.c.add("dashboards", d["choice"], f"{short_name(d['choice'])}\ndashboards",
                              self.analytics_group(), self.key(d))
            sources = [x for x in ("athena",) if self.c.has(x)] + ([warehouse] if warehouse else [])
            for source in sources or [self.lake()]:
                self.c.link(node, source, "queries")
        for d in self.choices("log-search"):
            node = self.c.add("log-search", d["choice"], f"{short_name(d['choice'])}\nlog search",
                              self.analytics_group(), self.key(d))
            if self.apps[1]:
                self.from_tier(node, "logs", "dotted")

    def security_services(self) -> None:
        for concern in ("encryption", "secrets", "audit", "config-compliance", "sensitive-data"):
            for d in self.choices(concern):
                node = self.c.add(d["choice"], d["choice"], short_name(d["choice"]), self.security(), self.key(d))
                if d["choice"] == "macie":
                    for bucket in self.object_buckets():
                        self.c.link(node, bucket, "scans for PII", "dotted")

    # -- front door -------------------------------------------------------
    def front_door(self) -> None:
        edge = self.choice("edge")
        protection = self.choices("web-protection")
        api = self.choices("api")
        lb = self.choices("load-balancer")
        identity = self.choices("end-user-identity")
        private = self.choices("private-content")
        workload_has_users = isinstance(self.workload.get("users"), dict) or isinstance(self.workload.get("entry"), dict)
        if not any([edge, protection, api, lb, identity, private, self.choices("dns-routing")]) and not workload_has_users:
            return
        raw_protocol = str(_get(self.workload, "entry", "protocol", default="http"))
        protocol = PROTOCOL_LABELS.get(raw_protocol, "HTTPS")
        chain: list[str] = []
        waf = next((d for d in protection if d["choice"] != "nacl"), None)
        nacl = next((d for d in protection if d["choice"] == "nacl"), None)
        layer4 = raw_protocol in ("tcp", "udp")

        def add_waf(group: str) -> str:
            # WAF only sees HTTP(S): over TCP or UDP, Shield Advanced does the protecting.
            label = (f"AWS Shield Advanced\n({raw_protocol.upper()}: no WAF)"
                     if waf["choice"] == "waf-and-shield-advanced" and layer4 else short_name(waf["choice"]))
            return self.c.add("waf", waf["choice"], label, group, self.key(waf))

        # A web ACL attaches to CloudFront, or else to the regional front (API Gateway, ALB): behind Global
        # Accelerator it sits at the ALB. Shield Advanced on a TCP/UDP front protects the accelerator itself.
        waf_on_edge = bool(waf) and (edge == "cloudfront" or layer4)
        if edge:
            d = self.choices("edge")[0]
            if waf_on_edge:
                chain.append(add_waf(self.cloud()))
            self.edge_node = self.c.add(edge, edge, short_name(edge), self.cloud(), self.key(d))
            chain.append(self.edge_node)
        if waf and not waf_on_edge and (api or any(x["choice"] == "alb" for x in lb) or not lb):
            chain.append(add_waf(self.region()))
            self.regional_front.append("waf")
        for d in api:
            node = self.c.add(d["choice"], d["choice"], short_name(d["choice"]), self.region(), self.key(d))
            chain.append(node)
            self.regional_front.append(node)
        if nacl:
            node = self.c.add("nacl", "nacl", "Network ACL\n(subnet firewall)", self.vpc(), self.key(nacl))
            chain.append(node)
            self.regional_front.append(node)
        for d in lb:
            node = self.c.add("load-balancer", d["choice"], short_name(d["choice"]), self.vpc(), self.key(d))
            chain.append(node)
            self.regional_front.append(node)
        if waf and "waf" not in chain:  # WAF with an NLB only (a warning says so): it guards the compute
            chain.insert(0, add_waf(self.region()))
        static = _bool(_get(self.workload, "entry", "static_content"))
        has_app = bool(self.apps[1] or self.choices("compute"))
        serves_static_only = edge == "cloudfront" and (static or private) and not (api or lb or nacl or has_app)
        needs_app = has_app or (bool(chain) and not serves_static_only)
        if not chain and not needs_app and not identity and not private and not self.choices("dns-routing"):
            return
        users = self.users()
        previous = users
        for node in chain:
            self.c.link(previous, node, protocol)
            previous = node
        self.entry = chain[0] if chain else None
        if needs_app:
            for target in self.app_nodes():
                self.c.link(previous, target, protocol if previous == users else "")
        if edge == "cloudfront" and (static or private):
            origin = self.bucket("static-content", "S3 bucket\nstatic content")
            self.c.link(self.edge_node, origin, "static content (OAC)")
        for d in private:
            self.private_content(d)
        for d in identity:
            node = self.c.add("identity", d["choice"], short_name(d["choice"]), self.region(), self.key(d))
            self.c.link(users, node, "sign-in", "dotted")

    def private_content(self, d: dict) -> None:
        text = ANNOTATIONS[("private-content", d["choice"])]
        if d["choice"].startswith("cloudfront"):
            if self.edge_node is None or self.c.service_of(self.edge_node) != "cloudfront":
                node = self.c.add("cloudfront", "cloudfront", "CloudFront", self.cloud())
                self.c.link(self.users(), node, "HTTPS")
                self.c.link(node, self.bucket("private-content", "S3 bucket\nprivate content"), "origin (OAC)")
                self.edge_node = self.edge_node or node
            else:
                node = self.edge_node
            self.c.annotate(node, self.key(d), text)
        else:
            bucket = self.bucket("private-content", "S3 bucket\nprivate content")
            self.c.annotate(bucket, self.key(d), text)
            self.c.link(self.users(), bucket, "presigned URL (HTTPS)", "dotted")

    def dns(self) -> None:
        """Route 53 when a routing policy was decided or two regions serve traffic."""
        routing = self.choices("dns-routing")
        dr = self.choice("dr-strategy")
        serves_from_two = dr in ("pilot-light", "warm-standby", "multi-site-active-active")
        if not routing and not serves_from_two:
            return
        policy = routing[0]["choice"] if routing else ("latency" if dr == "multi-site-active-active" else "failover")
        label = f"Route 53\n{ANNOTATIONS[('dns-routing', policy)]}"
        node = self.c.add("route53", "route53", label, self.cloud(), self.key(routing[0]) if routing else None)
        self.c.link(self.users(), node, "DNS query", "dotted")
        if self.edge_node:
            self.c.link(node, self.edge_node, "alias", "dotted")
            return
        target = self.regional_front[0] if self.regional_front else None
        target = target or (self.entry if self.entry and self.entry != "waf" else None)
        target = target or self.app_nodes()[0]
        self.c.link(node, target, f"{policy}: primary" if serves_from_two else "alias", "dotted")

    # -- messaging --------------------------------------------------------
    def channel(self, name: str) -> dict:
        for entry in _get(self.workload, "messaging", default=[]) or []:
            if isinstance(entry, dict) and str(entry.get("name")) == name:
                return entry
        return {}

    def consumers(self, name: str, count: int) -> list[str]:
        """One node per consumer application of a channel."""
        compute = self.choice("compute")
        service = compute or APP
        in_vpc = compute in IN_VPC_COMPUTE or (compute in (None, "lambda") and self.needs_vpc())
        group = self.vpc() if in_vpc else self.region()  # consumer services span the AZs
        nodes = []
        for i in range(1, count + 1):
            label = f"Consumer {i}\n{name}" if count > 1 else f"Consumer\n{name}"
            node = self.c.add(f"consumer-{slug(name)}-{i}", service, label, group)
            nodes.append(node)
        return nodes

    def messaging(self) -> None:
        for d in self.choices("messaging"):
            name, choice, key = str(d["subject"]), d["choice"], self.key(d)
            spec = self.channel(name)
            count = _count(spec.get("consumers"), 1)
            base = slug(name)
            region = self.region()
            if choice == "sns-sqs-fanout":
                topic = self.c.add(f"topic-{base}", "sns", f"SNS topic\n{name}", region, key)
                self.from_tier(topic, "publish")
                for i, consumer in enumerate(self.consumers(name, count), start=1):
                    queue = self.c.add(f"queue-{base}-{i}", "sqs-queue", f"SQS queue {i}\n{name}", region, key)
                    self.c.link(topic, queue, "fan-out")
                    self.c.link(consumer, queue, "poll")  # consumers pull from SQS
            elif choice in POINT_TO_CONSUMERS:
                prefix, produce, consume, pulled = POINT_TO_CONSUMERS[choice]
                node = self.c.add(f"{prefix}-{base}", choice, f"{short_name(choice)}\n{name}", region, key)
                self.from_tier(node, produce)
                for consumer in self.consumers(name, count):
                    source, target = (consumer, node) if pulled else (node, consumer)
                    self.c.link(source, target, consume)
            elif choice == "kinesis-data-firehose":
                hose = self.c.add(f"firehose-{base}", choice, f"Kinesis Data Firehose\n{name}", region, key)
                self.from_tier(hose, "put records")
                self.c.link(hose, self.firehose_destination(str(spec.get("deliver_to") or "s3"), name), "delivers")
            elif choice == "amazon-mq":
                broker = self.c.add(f"broker-{base}", choice, f"Amazon MQ broker\n(active / standby)\n{name}",
                                    self.subnet(1, self.azs[0], "data"), key)
                protocol = str(spec.get("existing_protocol") or "").upper() or "messages"
                self.from_tier(broker, protocol)
                for consumer in self.consumers(name, count):
                    self.c.link(consumer, broker, f"consume ({protocol})" if protocol != "messages" else "consume")
            else:
                node = self.c.add(f"channel-{base}", choice, f"{short_name(choice)}\n{name}", region, key)
                self.from_tier(node, "send")

    def firehose_destination(self, target: str, name: str) -> str:
        if target == "redshift":
            found = self.c.find("redshift")
            return found[0] if found else self.c.add("warehouse", "redshift", "Redshift\ndata warehouse",
                                                      self.analytics_group())
        if target == "opensearch":
            found = self.c.find("opensearch")
            return found[0] if found else self.c.add("log-search", "opensearch", "OpenSearch Service",
                                                      self.analytics_group())
        if target == "splunk":
            return self.c.add("splunk", "internet", "Splunk", self.internet_group())
        return self.bucket(f"bucket-{slug(name)}-delivery", f"S3 bucket\n{name} delivery")

    # -- network ----------------------------------------------------------
    def network(self) -> None:
        for d in self.choices("internet-egress"):
            self.egress(d)
        for d in self.choices("admin-access"):  # before endpoints, which may lead to Session Manager
            self.admin(d)
        for d in self.choices("service-sharing"):
            self.sharing(d)
        for d in self.choices("private-service-access"):
            self.endpoint(d)

    def egress(self, d: dict) -> None:
        choice, key = d["choice"], self.key(d)
        apps = self.app_nodes()
        if choice == "nat-gateway":
            igw = self.igw()
            for letter in self.azs:
                nat = self.c.add(f"nat-{letter}", choice, "NAT gateway", self.subnet(1, letter, "public"), key)
                self.c.link(nat, igw, "")
                source = self.app_az.get((1, letter))
                if source:
                    self.c.link(source, nat, "outbound")
            for app in apps:  # apps outside a VPC placeholder case
                if app not in self.app_az.values():
                    self.c.link(app, f"nat-{self.azs[0]}", "outbound")
        elif choice == "nat-instance":
            igw = self.igw()
            nat = self.c.add("nat-instance", choice, "NAT instance\n(single, scripted failover)",
                             self.subnet(1, self.azs[0], "public"), key)
            self.c.link(nat, igw, "")
            for app in apps:
                self.c.link(app, nat, "outbound")
        else:
            node = self.c.add("egress-only-igw", choice, "Egress-only\ninternet gateway (IPv6)", self.vpc(), key)
            self.c.link(node, self.internet(), "IPv6 outbound")
            for app in apps:
                self.c.link(app, node, "IPv6")

    def endpoint(self, d: dict) -> None:
        service_name = str(d["subject"]).lower()
        choice, key = d["choice"], self.key(d)
        kind = "Gateway endpoint" if choice == "vpc-gateway-endpoint" else "Interface endpoint"
        label = f"{kind}\n{SERVICE_NAMES.get(service_name, service_name.upper())}"
        node = self.c.add(f"endpoint-{slug(service_name)}", choice, label, self.vpc(), key)
        self.from_tier(node, "private")
        targets = self.service_nodes(service_name)
        for target in targets:
            self.c.link(node, target, "")

    def service_nodes(self, service_name: str) -> list[str]:
        """Nodes of a regional service reached through an endpoint, drawing one when absent."""
        if service_name == "s3":
            found = self.object_buckets()
        elif service_name == "dynamodb":
            found = [s["node"] for s in self.stores.values() if str(s["choice"]).startswith("dynamodb")]
        else:
            service = PRIVATE_SERVICE_IDS.get(service_name, service_name)
            found = self.c.find(service)
        if found:
            return found
        service = PRIVATE_SERVICE_IDS.get(service_name, service_name)
        return [self.c.add(f"service-{slug(service_name)}", service, short_name(service), self.region())]

    def sharing(self, d: dict) -> None:
        choice, key = d["choice"], self.key(d)
        shared = _get(self.workload, "network", "shared_with_vpcs")
        meshed = _get(self.workload, "network", "interconnect_vpcs")
        count = shared if choice == "privatelink" else meshed
        label = short_name(choice) + (f"\n{count} VPCs" if count else "")
        node = self.c.add(choice, choice, label, self.region(), key)
        if choice == "privatelink":
            target = self.c.find("nlb")
            for t in target or self.app_nodes():
                self.c.link(node, t, "private access from consumer VPCs")
        else:
            self.c.link(node, self.app_nodes()[0], "routes between VPCs")

    def admin(self, d: dict) -> None:
        choice, key = d["choice"], self.key(d)
        protocol = str(_get(self.workload, "network", "admin_access", default="ssh")).upper()
        protocol = protocol if protocol in ("SSH", "RDP") else "SSH"
        operators = self.operators()
        if choice == "bastion-host":
            node = self.c.add("bastion", choice, "Bastion host", self.subnet(1, self.azs[0], "public"), key)
            self.c.link(operators, node, protocol)
            self.c.link(node, self.app_nodes()[0], protocol, "dotted")
        else:
            node = self.c.add("session-manager", choice, "Systems Manager\nSession Manager", self.region(), key)
            self.c.link(operators, node, "HTTPS (IAM)")
            self.c.link(node, self.app_nodes()[0], "session, no inbound port", "dotted")

    # -- hybrid -----------------------------------------------------------
    def hybrid(self) -> None:
        concerns = ("hybrid-connectivity", "hybrid-storage", "data-transfer")
        if not isinstance(self.workload.get("hybrid"), dict) and not any(self.choices(c) for c in concerns):
            return
        site = self.site()
        for d in self.choices("hybrid-connectivity"):
            self.hybrid_link(site, d)
        for d in self.choices("hybrid-storage"):
            self.hybrid_storage(site, d)
        for d in self.choices("data-transfer"):
            self.transfer(site, d)

    def hybrid_link(self, site: str, d: dict) -> None:
        choice, key = d["choice"], self.key(d)
        router = self.c.add("customer-gateway", "customer-gateway", "Customer gateway\n(on-premises router)",
                            self.site_group())
        self.c.link(site, router, "")
        bandwidth = _get(self.workload, "hybrid", "link", "bandwidth")
        suffix = f" ({bandwidth})" if bandwidth else ""
        if choice == "site-to-site-vpn":
            vgw = self.c.add("vpn-gateway", "virtual-private-gateway",
                             "Virtual private gateway\nSite-to-Site VPN", self.vpc(), key)
            self.c.link(router, vgw, "IPsec VPN" + suffix, "dashed")
        else:
            vgw = self.c.add("vpn-gateway", "virtual-private-gateway", "Virtual private gateway", self.vpc())
            dx = self.c.add("direct-connect", choice,
                            "Direct Connect\nlocation" if choice == "direct-connect" else
                            "Direct Connect\n+ IPsec VPN", self.cloud(), key)
            self.c.link(router, dx, ("Direct Connect" if choice == "direct-connect" else
                                     "IPsec VPN over Direct Connect") + suffix)
            self.c.link(dx, vgw, "private VIF")
        self.c.link(vgw, self.app_nodes()[0], "private traffic")

    def hybrid_storage(self, site: str, d: dict) -> None:
        choice, key = d["choice"], self.key(d)
        if choice == "fsx-windows":
            existing = self.c.find("fsx-windows")
            if existing:  # the file system the workload already has, shared with the site
                node = existing[0]
                self.c.annotate(node, key, "shared with on-premises")
            else:
                node = self.c.add("hybrid-fsx", choice, "FSx for Windows\nFile Server",
                                  self.subnet(1, self.azs[0], "data"), key)
            # The site's SMB traffic arrives through the hybrid link's gateway, when one is drawn.
            gateway = self.c.find("virtual-private-gateway")
            if gateway:
                self.c.link(gateway[0], node, "SMB from on-premises")
            else:
                self.c.link(site, node, "SMB over the hybrid link")
            return
        on_site, to_aws, service, target_label = HYBRID_STORAGE_PATHS[choice]
        gateway = self.c.add("storage-gateway", choice, short_name(choice) + "\nappliance on site",
                             self.site_group(), key)
        self.c.link(site, gateway, on_site)
        archives = sorted(x["node"] for x in self.stores.values() if x["choice"] in ARCHIVE_CLASSES)
        if choice == "storage-gateway-file":  # files land as objects in the workload's bucket
            target = self.bucket("storage-gateway-target", target_label)
        elif choice == "storage-gateway-tape" and archives:  # tapes archived in the workload's archive store
            target = archives[0]
        else:
            target = self.c.add("storage-gateway-target", service, target_label, self.region())
        self.c.link(gateway, target, to_aws, "dashed" if "backup" in to_aws else "solid")

    def transfer(self, site: str, d: dict) -> None:
        choice, key = d["choice"], self.key(d)
        size = _get(self.workload, "hybrid", "migration", "data")
        size_text = f"\n{size}" if size else ""
        target = self.bucket("migration-target", "S3 bucket\nmigrated data")
        if choice in ("snowball", "snowball-edge", "snowmobile"):
            device = self.c.add("transfer-device", choice, f"{short_name(choice)}{size_text}", self.site_group(), key)
            self.c.link(site, device, "copy on site")
            self.c.link(device, target, "shipped to AWS, imported", "dotted")
        elif choice == "s3-transfer-acceleration":
            node = self.c.add("transfer-acceleration", choice, "S3 Transfer Acceleration\n(edge location)",
                              self.cloud(), key)
            self.c.link(site, node, "HTTPS upload")
            self.c.link(node, target, "AWS backbone")
        else:
            node = self.c.add("online-transfer", choice, short_name(choice) + size_text, self.region(), key)
            self.c.link(site, node, "over the network link")
            self.c.link(node, target, "")

    # -- second region ----------------------------------------------------
    def second_region(self) -> None:
        dr = self.choices("dr-strategy")
        global_data = [d for d in self.choices("database")
                       if d["choice"] in ("aurora-global-database", "dynamodb-global-tables")]
        if not dr and not global_data:
            return
        strategy = dr[0]["choice"] if dr else None
        region = self.region(2)
        if strategy:
            label = f"Second region (DR: {DR_LABELS.get(strategy, strategy)})"
            self.c.set_group_decision(region, label, self.key(dr[0]))
        for d in global_data:
            self.replicate_store(str(d["subject"]), 2, global_table=True)
        if strategy == "backup-restore":
            self.backups()
            return
        if strategy is None:
            return
        for name in sorted(self.stores):
            self.replicate_store(name, 2)
        self.standby_stack(strategy)

    def backups(self) -> None:
        local = self.c.add("backup-vault", "backup", "AWS Backup vault", self.region())
        remote = self.c.add("r2-backup-vault", "backup", "AWS Backup vault\n(cross-region copies)",
                            self.region(2), self.key(self.choices("dr-strategy")[0]))
        sources = sorted({s["node"] for s in self.stores.values()})
        for source in sources:
            self.c.link(source, local, "asynchronous backup", "dashed")
        if not sources and self.apps[1]:
            for app in self.apps[1]:
                self.c.link(app, local, "AMI / EBS snapshots", "dashed")
        self.c.link(local, remote, "cross-region copy", "dashed")

    def replicate_store(self, name: str, n: int, global_table: bool = False) -> None:
        store = self.stores[name]
        choice, primary = store["choice"], store["node"]
        node_id = f"r{n}-{primary}"
        if self.c.has(node_id):
            return
        key = decision_key("database", name) if global_table else None
        letter = self.azs[0]
        if choice == "aurora-global-database":
            node = self.c.add(node_id, choice, f"Aurora global secondary\n(read-only)\n{name}",
                              self.subnet(n, letter, "data"), key)
            self.c.link(primary, node, "asynchronous replication (< 1 s)", "dashed")
        elif choice == "dynamodb-global-tables":
            node = self.c.add(node_id, choice, f"DynamoDB global table\nreplica (read / write)\n{name}",
                              self.region(n), key)
            self.c.link(primary, node, "asynchronous replication (multi-active)", "dashed")
        elif choice in RELATIONAL:
            title = "Aurora cross-region replica" if choice.startswith("aurora") else "Cross-region read replica"
            node = self.c.add(node_id, choice, f"{title}\n{name}", self.subnet(n, letter, "data"))
            self.c.link(primary, node, "asynchronous replication", "dashed")
        elif choice == "dynamodb":
            node = self.c.add(node_id, choice, f"DynamoDB replica table\n{name}", self.region(n))
            self.c.link(primary, node, "asynchronous replication", "dashed")
        elif store.get("bucket"):
            node = self.c.add(node_id, choice, f"S3 replica bucket\n{name}", self.region(n))
            self.c.link(primary, node, "asynchronous replication (CRR)", "dashed")
        elif choice == "efs":
            node = self.c.add(node_id, choice, f"EFS replica\n{name}", self.vpc(n))
            self.c.link(primary, node, "asynchronous replication", "dashed")

    def standby_stack(self, strategy: str) -> None:
        """The application side of the second region for pilot light and above."""
        compute = self.choices("compute")
        primary_apps = self.app_nodes()
        service = compute[0]["choice"] if compute else self.c.service_of(primary_apps[0])
        label = short_name(service) if compute else "Application"
        if strategy == "pilot-light":
            azs, note = self.azs[:1], "(off until failover)"
        elif strategy == "warm-standby":
            azs, note = self.azs[:1], "(scaled down)"
        else:
            azs, note = None, "(full capacity)"
        self.place_compute(service, label, None, 2, azs=azs, note=note)
        # Regional front copied in front of the standby compute.
        previous = None
        for node in self.regional_front:
            service_id = self.c.service_of(node)
            group = self.vpc(2) if node in ("load-balancer", "nacl") else self.region(2)
            copy = self.c.add(f"r2-{node}", service_id, short_name(service_id), group)
            if previous:
                self.c.link(previous, copy, "")
            previous = copy
        for app in self.apps[2]:
            if previous:
                self.c.link(previous, app, "")
        entry = f"r2-{self.regional_front[0]}" if self.regional_front else self.apps[2][0]
        policy_label = "latency" if strategy == "multi-site-active-active" else "failover"
        routing = self.choices("dns-routing")
        if routing:
            policy_label = routing[0]["choice"]
        if self.edge_node:
            if self.c.service_of(self.edge_node) == "global-accelerator":
                text = "endpoint group (second region)"
            else:
                text = "origin failover" if policy_label == "failover" else "second origin"
            self.c.link(self.edge_node, entry, text, "dashed")
        elif self.c.has("route53"):
            self.c.link("route53", entry, f"{policy_label}: secondary", "dotted")
        # Data the standby compute reads: its local replicas.
        for app in self.apps[2]:
            for node_id in sorted(self.c.nodes):
                if node_id.startswith("r2-db-") or node_id.startswith("r2-files-"):
                    self.c.link(app, node_id, "")

    # -- anything else ----------------------------------------------------
    def leftovers(self, shown: set[str]) -> None:
        """Decisions no phase drew (new concerns): a node in the region, so nothing is lost."""
        for d in self.decisions:
            key = self.key(d)
            if key in shown:
                continue
            subject = f"\n{d['subject']}" if d.get("subject") is not None else ""
            self.c.add(f"other-{slug(key)}", str(d["choice"]), short_name(str(d["choice"])) + subject,
                       self.region(), key)

    def run(self) -> Architecture:
        self.compute()
        self.data_stores()
        self.analytics()
        self.security_services()
        self.front_door()
        self.messaging()
        self.network()
        self.hybrid()
        self.dns()
        self.second_region()
        arch = self.c.freeze(self.name)
        missing = {self.key(d) for d in self.decisions} - arch.shown_decisions()
        if missing:
            self.leftovers(set(arch.shown_decisions()))
            arch = self.c.freeze(self.name)
        return arch
