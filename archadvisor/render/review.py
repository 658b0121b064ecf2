"""What a design-review board reads first: risks ranked by severity, objectives met or not, open
questions and a plain-language summary. Everything here is derived from the decisions document and the
workload; it decides nothing about the architecture.

Severity is data: a table keyed by rule id (exact, then by the words in the id), so a new warning rule
gets ``medium`` until someone ranks it.
"""
from __future__ import annotations

import re
from typing import Any

SEVERITIES = ("high", "medium", "low")
RANK = {name: index for index, name in enumerate(SEVERITIES)}

# Warnings whose consequence is a missed objective, a compliance breach or lost data.
HIGH = {
    "database.rds-failover-slower-than-rto", "database.single-az-with-short-rto",
    "database.residency-vs-cross-region-copies", "dr-strategy.manual-failover-too-slow",
    "dr-strategy.rpo-zero-across-regions", "encryption.declined-despite-compliance",
    "edge.cloudfront-caches-outside-the-jurisdiction", "dns-routing.residency-needs-geolocation",
    "dns-routing.failover-without-second-region", "hybrid-connectivity.single-dx-no-redundancy",
    "object-storage.deep-archive-restore-slower-than-rto", "object-storage.flexible-restore-slower-than-rto",
    "data-transfer.deadline-too-tight", "data-transfer.snowmobile-discontinued",
    "data-transfer.snow-closed-to-new-customers", "database.timestream-closed-to-new-customers",
    "file-storage.lustre-scratch-durability",
    "block-storage.instance-store-retention", "sensitive-data.no-object-store",
    "secrets.replicate-to-recovery-region", "load-balancer.alb-needs-two-azs",
    "messaging.exactly-once-unavailable", "warehouse.single-az-cluster", "big-data-processing.cluster-in-one-az",
    # data the chosen store cannot hold or take
    "database.aurora-storage-limit",
    "file-transfer.stores-in-s3-or-efs-only", "messaging.firehose-record-size",
}
# Words in a rule id that mark a cost or housekeeping hint rather than a risk to an objective.
LOW_WORDS = ("minimum-duration", "cost", "reserved", "savings-plan", "commitment", "reserve-only",
             "preference-overridden", "not-used", "cloudfront-ips-change", "firehose-buffers",
             "one-url-per-file", "archive-read-in-place", "spectrum-is-not-serverless", "emr-is-not-serverless",
             "interim-vpn", "lambda-steady-load", "store-also-declared", "said-no-warehouse",
             # tuning hints, and what the design already does (said so the reader knows why)
             "pinned-sessions", "fargate-spot", "express-workflows", "infrequent-access", "write-once-read-many",
             "flexible-schema")

# What each kind of warning threatens and the usual mitigation, by words in the rule id (first match).
THREATS: tuple[tuple[str, str, str], ...] = (
    ("closed-to-new-customers|discontinued|retired", "the service's availability to a new AWS account",
     "confirm that the account already uses the service, or build on the successor the warning names"),
    ("residency|jurisdiction", "data residency and compliance",
     "keep every copy and edge cache in the permitted regions, or obtain the data owner's approval in writing"),
    ("compliance|encryption|audit|trail|object-level", "compliance evidence",
     "enable the control named in the warning before go-live and record it in the compliance evidence"),
    ("timeout", "requests that outlast a service limit",
     "return early and finish long work asynchronously (a queue or a workflow)"),
    ("rto|failover|single-az|one-az|two-azs|zone|default-record|no-redundancy|single-instance|scratch|retention|replicate",
     "the recovery time objective and availability",
     "add the redundancy or the faster recovery option named in the warning, then test a failover"),
    ("rpo|lag|consistency|exactly-once|at-least-once|stale|durability", "data integrity and the recovery point",
     "make consumers idempotent and confirm the tolerated data loss with the owner"),
    ("throttle|timeout|bandwidth|limit|iops|too-fast|too-slow|batching|high-throughput|seven-per",
     "peak throughput", "load-test at the stated peak and request quota increases ahead of launch"),
    ("cost|duration|reserved|savings|commitment|spot|always-on", "cost",
     "review the commitment or storage class against the expected usage after the first month"),
    ("waf|bastion|guest|response-team|endpoints|ips", "security",
     "apply the control named in the warning and have the security owner accept the residual risk"),
)
DEFAULT_THREAT = ("the design's fit to the stated requirements",
                  "review the warning with the workload's owner and record the decision")


def severity(warning: dict[str, Any]) -> str:
    """high, medium or low for one warning of the decisions document."""
    rule = warning.get("rule", "")
    if warning.get("message", "").startswith("no candidate meets every requirement") or rule in HIGH:
        return "high"
    if any(word in rule for word in LOW_WORDS):
        return "low"
    return "medium"


def annotate(doc: dict[str, Any]) -> dict[str, Any]:
    """Adds ``severity`` to every warning of ``doc`` (top level and per decision), in place."""
    for warning in doc["warnings"]:
        warning["severity"] = severity(warning)
    for decision in doc["decisions"]:
        for warning in decision["warnings"]:
            warning["severity"] = severity(warning)
    return doc


def at_or_above(doc: dict[str, Any], threshold: str) -> list[dict[str, Any]]:
    """The warnings of ``doc`` at ``threshold`` severity or above (for ``design --fail-on``)."""
    return [w for w in doc["warnings"] if RANK[w.get("severity") or severity(w)] <= RANK[threshold]]


def risks(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Every warning once, ranked high to low, with what it threatens and a mitigation."""
    rows = []
    for order, warning in enumerate(doc["warnings"]):
        level = warning.get("severity") or severity(warning)
        threat, mitigation = _threat(warning)
        message = warning.get("message", "")
        problem = message[:-len(mitigation)].rstrip(" :;,") if message.endswith(mitigation) else message
        if len(problem) < 40:  # "scope is multi-region": too little to read alone; keep the whole message
            problem = message
        rows.append({**warning, "severity": level, "threatens": threat, "mitigation": mitigation,
                     "problem": problem or message, "order": order})
    rows.sort(key=lambda r: (RANK[r["severity"]], r["order"]))
    return rows


def counts(doc: dict[str, Any]) -> dict[str, int]:
    found = {name: 0 for name in SEVERITIES}
    for warning in doc["warnings"]:
        found[warning.get("severity") or severity(warning)] += 1
    return found


# Verbs that open the advice part of a warning's message ("...: enable data events on the trail").
ADVICE = re.compile(r"(?:^|[:;,] )((?:add|create|enable|make|keep|deploy|use|give|return|have|review|set|"
                    r"request|cache|serve|move|aggregate|replicate|test|put|run|plan|choose|split|store|"
                    r"consider|restore|turn|attach|copy|place|buy|limit|ask) .*)$")


def _threat(warning: dict[str, Any]) -> tuple[str, str]:
    threat, mitigation = _threat_by_rule(warning)
    advice = ADVICE.search(warning.get("message", ""))
    return threat, advice.group(1) if advice else mitigation


def _threat_by_rule(warning: dict[str, Any]) -> tuple[str, str]:
    if warning.get("message", "").startswith("no candidate meets every requirement"):
        return ("a stated requirement (no option meets them all)",
                "relax the conflicting requirement, or accept the gap explicitly with the workload's owner")
    rule = warning.get("rule", "")
    for pattern, threat, mitigation in THREATS:
        if re.search(pattern, rule):
            return threat, mitigation
    return DEFAULT_THREAT


# The figures the objectives are checked against, with where each comes from.
FIGURES: dict[str, dict[str, Any]] = {
    "rds-multi-az": {"rto": 120, "rpo": 0, "sla": 99.95,
                     "rpo_text": "the Multi-AZ standby is synchronous: committed writes survive a failover (RPO 0)",
                     "text": "Multi-AZ DB instance failover typically completes in 60 to 120 s; the standby is "
                             "synchronous, so committed writes survive",
                     "source": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html",
                     "title": "Amazon RDS User Guide: Multi-AZ DB instance deployments"},
    "rds-multi-az-cluster": {"rto": 35, "rpo": 0, "sla": 99.95,
                             "text": "Multi-AZ DB cluster failover typically completes in under 35 s",
                             "source": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html",
                             "title": "Amazon RDS User Guide: Multi-AZ DB cluster deployments"},
    "aurora": {"rto": 30, "rpo": 0, "sla": 99.99,
               "rpo_text": "Aurora acknowledges a write once it is stored in several AZs: RPO 0 within the Region",
               "text": "Aurora promotes a replica in under 30 s; storage keeps six copies across three AZs",
               "source": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html",
               "title": "Amazon Aurora User Guide: High availability for Aurora"},
    "aurora-serverless": {"rto": 30, "rpo": 0, "sla": 99.99,
                          "text": "Aurora Serverless v2 fails over like provisioned Aurora, in under 30 s",
                          "source": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html",
                          "title": "Amazon Aurora User Guide: High availability for Aurora"},
    "aurora-global-database": {"rto": 60, "rpo": 1, "sla": 99.99,
                               "text": "Aurora Global Database replicates with typical lag under 1 s; a managed "
                                       "cross-region switchover takes about a minute",
                               "source": "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html",
                               "title": "Amazon Aurora User Guide: Using switchover or failover in Aurora Global Database"},
    "rds-single-az": {"rto": 3600, "rpo": 300, "sla": 99.5,
                      "rpo_text": "point-in-time restore of a Single-AZ instance loses up to the last 5 minutes",
                      "text": "a Single-AZ instance is restored from backup after an AZ loss (an hour or more); "
                              "point-in-time restore loses up to 5 minutes of writes",
                      "source": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html",
                      "title": "Amazon RDS User Guide: Restoring a DB instance to a specified time"},
    "dynamodb": {"rto": 0, "rpo": 0, "sla": 99.99,
                 "text": "DynamoDB replicates every table across three AZs; an AZ loss needs no failover",
                 "source": "https://aws.amazon.com/dynamodb/sla/",
                 "title": "Amazon DynamoDB Service Level Agreement"},
    "dynamodb-global-tables": {"rto": 0, "rpo": 1, "sla": 99.999,
                               "text": "global tables replicate between regions, typically within a second",
                               "source": "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html",
                               "title": "Amazon DynamoDB Developer Guide: Global tables"},
    "backup-restore": {"rto": 24 * 3600, "rpo": 24 * 3600,
                       "text": "backup and restore: RPO and RTO in hours",
                       "source": "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
                       "title": "AWS whitepaper: Disaster Recovery of Workloads on AWS, DR options in the cloud"},
    "pilot-light": {"rto": 3600, "rpo": 60,
                    "text": "pilot light: RPO and RTO in tens of minutes",
                    "source": "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
                    "title": "AWS whitepaper: Disaster Recovery of Workloads on AWS, DR options in the cloud"},
    "warm-standby": {"rto": 600, "rpo": 60,
                     "text": "warm standby: RPO and RTO in minutes",
                     "source": "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
                     "title": "AWS whitepaper: Disaster Recovery of Workloads on AWS, DR options in the cloud"},
    "multi-site-active-active": {"rto": 0, "rpo": 1,
                                 "text": "multi-site active/active: RTO near zero, RPO near zero to seconds",
                                 "source": "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
                                 "title": "AWS whitepaper: Disaster Recovery of Workloads on AWS, DR options in the cloud"},
    "replica-lag": {"text": "read replicas are asynchronous: their lag can reach minutes under write load",
                    "source": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html",
                    "title": "Amazon RDS User Guide: Working with DB instance read replicas"},
    "api-gateway": {"rps": 10000,
                    "text": "API Gateway throttles an account at 10,000 requests per second per region by default",
                    "source": "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html",
                    "title": "Amazon API Gateway Developer Guide: Throttle API requests"},
    "elastic": {"text": "load balancers and CloudFront scale with the request rate; no fixed ceiling applies",
                "source": "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/introduction.html",
                "title": "Elastic Load Balancing: What is an Application Load Balancer?"},
}


def _figure_source(figure: dict[str, Any]) -> dict[str, str]:
    return {"source": figure["source"], "source_title": figure["title"]}


def _seconds(value: Any) -> float | None:
    return getattr(value, "seconds", None)


def objectives(workload_values: dict[str, Any], doc: dict[str, Any]) -> list[dict[str, str]]:
    """Each stated objective against what the design delivers: met, at risk or not met."""
    availability = workload_values.get("availability") or {}
    decisions = doc["decisions"]
    chosen = {d["choice"] for d in decisions}
    strategy = next((d["choice"] for d in decisions if d["concern"] == "dr-strategy"), None)
    stores = [d for d in decisions if d["concern"] == "database" and d["choice"] in FIGURES]
    basis = [FIGURES[strategy]] if strategy in FIGURES else [FIGURES[d["choice"]] for d in stores]
    rows = []
    rto, rpo = _seconds(availability.get("rto")), _seconds(availability.get("rpo"))
    if rto is not None:
        rows.append(_compare("RTO", availability["rto"].text, rto, basis, "rto"))
    if rpo is not None:
        row = _compare("RPO", availability["rpo"].text, rpo, basis, "rpo")
        if rpo < 60 and "rds-read-replicas" in chosen and strategy is None and row["status"] == "met":
            row["delivers"] += "; reads from replicas may lag (they are not the recovery copy)"
        rows.append(row)
    target = availability.get("target")
    if target is not None:
        slas = [f["sla"] for f in basis if "sla" in f]
        if slas:
            lowest = min(slas)
            # the whole system's availability is below its weakest service's: equal is not enough
            status = "met" if lowest > target.base else "at risk" if lowest == target.base else "not met"
            rows.append({"objective": "Availability", "stated": target.text,
                         "delivers": f"lowest service level of the data tier {lowest}%", "status": status,
                         **_figure_source(min((f for f in basis if "sla" in f), key=lambda f: f["sla"]))})
    peak = (workload_values.get("users") or {}).get("peak_requests")
    if peak is not None:
        rate = getattr(peak, "per_second", None) or 0
        if chosen & {"api-gateway", "api-gateway-rest", "api-gateway-http"}:
            figure = FIGURES["api-gateway"]
            status = "met" if rate <= figure["rps"] * 0.8 else "at risk" if rate <= figure["rps"] else "not met"
        else:
            figure, status = FIGURES["elastic"], "met"
        rows.append({"objective": "Peak throughput", "stated": peak.text, "delivers": figure["text"],
                     "status": status, **_figure_source(figure)})
    return rows


def _compare(name: str, stated: str, wanted: float, basis: list[dict[str, Any]], key: str) -> dict[str, str]:
    known = [f for f in basis if key in f]
    if not known:
        return {"objective": name, "stated": stated, "delivers": "no data store or DR strategy to measure",
                "status": "not assessed", "source": "", "source_title": ""}
    worst = max(known, key=lambda f: f[key])
    status = "met" if worst[key] <= wanted * 0.5 or worst[key] == 0 else "at risk" if worst[key] <= wanted \
        else "not met"
    return {"objective": name, "stated": stated, "delivers": worst.get(f"{key}_text", worst["text"]),
            "status": status, **_figure_source(worst)}


# Fields whose default decided something material: asked back as questions.
QUESTIONS = {
    "availability.rto": "How long may the system be down after an Availability Zone or Region failure?",
    "availability.rpo": "How much recently written data may be lost in a failure?",
    "availability.scope": "Must the system survive the loss of a whole Region, or only of one Availability Zone?",
    "availability.target": "What availability does the business need (for example 99.9% or 99.99%)?",
    "region": "Which AWS Region should host the system, and may data leave it?",
    "security.compliance": "Which compliance regimes apply (PCI DSS, HIPAA, GDPR, data residency)?",
    "users.peak_requests": "What is the peak request rate the system must handle?",
}
# Requirements the description states in words that no field carried: (pattern in the description,
# a test that the fields already carry it, the question).
MENTIONS = (
    (r"resid|sovereign|must be stored|must stay|stored and served in",
     lambda values, regions: len(regions) > 1,
     "The description says where data must be stored, but the design runs in one Region ({regions}): "
     "which Region serves the users whose data must stay elsewhere?"),
    (r"hipaa|\bphi\b|patient|health",
     lambda values, regions: "hipaa" in _compliance(values),
     "The description mentions health data: is the workload in scope for HIPAA, and is a BAA in place?"),
    (r"card|payment",
     lambda values, regions: "pci-dss" in _compliance(values),
     "The description mentions payments: which parts of the system are in PCI DSS scope?"),
    (r"disaster|regional outage|second region",
     lambda values, regions: (values.get("availability") or {}).get("scope") == "multi-region",
     "The description mentions disaster recovery, but the design stays in one Region: must it survive a "
     "Region's loss?"),
)


def _compliance(values: dict[str, Any]) -> list[str]:
    return [str(c) for c in (values.get("security") or {}).get("compliance") or []]


def open_questions(workload_values: dict[str, Any], doc: dict[str, Any]) -> list[dict[str, str]]:
    """Defaults that decided something, and requirements the description mentions that no field carried."""
    used = {read["field"] for d in doc["decisions"] for read in d["because"]}
    found = []
    for assumption in doc["assumptions"]:
        if assumption["field"] in used or assumption["field"] in QUESTIONS:
            question = QUESTIONS.get(assumption["field"]) or \
                f"Is {assumption['value']} right for {assumption['field']}? It was assumed."
            found.append({"question": question, "why": f"assumed {assumption['field']} = {assumption['value']}: "
                                                       f"{assumption['because']}"})
    description = str(workload_values.get("description", "")).lower()
    regions = sorted({c.get("region") for c in doc.get("components", []) if c.get("region")})
    for pattern, carried, question in MENTIONS:
        if re.search(pattern, description) and not carried(workload_values, regions):
            found.append({"question": question.format(regions=", ".join(regions) or "none"),
                          "why": "stated in the description, carried by no field"})
    return found


# The concerns that shape a design most, in the order a summary names them.
SHAPING = ("dr-strategy", "database", "compute", "api", "messaging", "warehouse", "file-storage", "etl",
           "load-balancer", "object-storage", "edge")


def key_decisions(doc: dict[str, Any], count: int = 3) -> list[dict[str, Any]]:
    """The decisions a summary names: closest fits and high risks first, then the shaping concerns."""
    def weight(decision: dict[str, Any]) -> tuple[int, int]:
        high = any(severity(w) == "high" for w in decision["warnings"])
        concern = decision["concern"]
        return (0 if decision.get("closest_fit") else 1 if high else 2,
                SHAPING.index(concern) if concern in SHAPING else len(SHAPING))
    ranked = sorted(enumerate(doc["decisions"]), key=lambda pair: (weight(pair[1]), pair[0]))
    return [decision for _, decision in ranked[:count]]


def shape(doc: dict[str, Any]) -> str:
    """The design in a sentence: its layers (outside, edge, public, application, data ...), its main services
    and, when the workload lists them, its compute tiers and what each runs on."""
    groups = {c.get("tier") or c.get("group") for c in doc.get("components", [])} - {None}
    names = []
    for decision in doc["decisions"]:
        if decision["choice_name"] not in names and decision["concern"] in (
                "compute", "database", "load-balancer", "edge", "messaging", "api", "object-storage",
                "dr-strategy", "file-storage", "warehouse", "etl"):
            names.append(decision["choice_name"])
    tiered = [f"{d['subject']} on {d['choice_name']}" for d in doc["decisions"]
              if d["concern"] == "compute" and d["subject"] is not None]
    return (f"{len(doc.get('components', []))} components"
            + (f" in {len(groups)} layers" if groups else "")
            + (", built on " + ", ".join(names[:6]) if names else "")
            + (f", with {len(tiered)} compute tiers ({'; '.join(tiered)})" if tiered else ""))


# Documentation sets by the first part of their address, and the guides within them.
_BOOKS = {"AmazonRDS": "Amazon RDS", "AmazonS3": "Amazon S3", "AmazonECS": "Amazon ECS", "AmazonCloudFront":
          "Amazon CloudFront", "elasticloadbalancing": "Elastic Load Balancing", "vpc": "Amazon VPC",
          "Route53": "Amazon Route 53", "waf": "AWS WAF", "cognito": "Amazon Cognito", "secretsmanager":
          "AWS Secrets Manager", "kms": "AWS KMS", "awscloudtrail": "AWS CloudTrail", "lambda": "AWS Lambda",
          "apigateway": "Amazon API Gateway", "amazondynamodb": "Amazon DynamoDB", "AWSSimpleQueueService":
          "Amazon SQS", "sns": "Amazon SNS", "eks": "Amazon EKS", "efs": "Amazon EFS", "fsx": "Amazon FSx",
          "redshift": "Amazon Redshift", "athena": "Amazon Athena", "glue": "AWS Glue", "emr": "Amazon EMR",
          "whitepapers": "AWS whitepaper", "AWSEC2": "Amazon EC2", "autoscaling": "Amazon EC2 Auto Scaling",
          "streams": "Amazon Kinesis", "firehose": "Amazon Data Firehose", "opensearch-service": "Amazon OpenSearch"}
_GUIDES = {"userguide": "User Guide", "developerguide": "Developer Guide", "UserGuide": "User Guide",
           "DeveloperGuide": "Developer Guide", "AuroraUserGuide": "Aurora User Guide", "dg": "Developer Guide"}


def source_title(source: str) -> str:
    """A source cited by its title: an AWS documentation page named from its address, a note by its section."""
    if source.startswith("notes: "):
        return f"study notes: {source[7:]}"
    match = re.match(r"https://(?:docs\.)?aws\.amazon\.com/(.*)", source)
    if not match:
        return source
    parts = [p for p in match.group(1).split("/") if p and p != "latest"]
    page = re.sub(r"\.html?$", "", parts[-1]) if parts else ""
    page = re.sub(r"[-_.]+", " ", page).strip() or "overview"
    book = re.sub(r"[-_]+", " ", " ".join(_BOOKS.get(p, _GUIDES.get(p, p)) for p in parts[:-1][:2]))
    return (f"{book}: " if book else "AWS documentation: ") + page[:1].upper() + page[1:]


def cited(sources: list[str]) -> list[dict[str, str]]:
    """A decision's sources, AWS documentation first and the study notes after, each with its title."""
    ordered = sorted(sources, key=lambda s: (s.startswith("notes: "),))
    return [{"title": source_title(s), "url": s if s.startswith("https://") else ""} for s in ordered]


def given_requirements(rows: list[dict[str, str]], doc: dict[str, Any]) -> list[dict[str, str]]:
    """The requirements the decisions read (the rest of the input stays in the appendix)."""
    read = {r["field"] for d in doc["decisions"] for r in d["because"]}
    read |= {r["field"] for d in doc["decisions"] for r in d["raised_by"]}
    objectives = ("availability.", "users.peak_requests")  # checked in the objectives table
    return [row for row in rows if row["field"] in read or row["field"].startswith(objectives)]


# No rule is written for sustainability, but some choices serve it: what each contributes (AWS
# Well-Architected Sustainability Pillar: use managed services, match capacity to demand, reduce data moved).
SUSTAINABLE = {
    "fargate": "shared, right-sized capacity: no idle servers of your own",
    "lambda": "runs only while there is work",
    "aurora-serverless": "capacity follows the load",
    "dynamodb": "a managed service sized by the request, not by servers",
    "cloudfront": "cached near users: less data sent across the network",
    "s3-intelligent-tiering": "moves cold data to lower-energy storage on its own",
    "s3-standard-ia": "cold data on cheaper, denser storage",
    "s3-glacier-flexible-retrieval": "archived data on the densest storage",
    "s3-glacier-deep-archive": "archived data on the densest storage",
    "spot": "uses spare capacity that would otherwise idle",
    "ec2-auto-scaling": "capacity follows the load",
    "vpc-gateway-endpoint": "keeps traffic to S3 on the AWS network",
    "rds-read-replicas": "scales reads without oversizing the primary",
}


def sustainability(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The decisions that serve the sustainability pillar, each with what it contributes."""
    return [{"decision": d, "note": SUSTAINABLE[d["choice"]]} for d in doc["decisions"] if d["choice"] in SUSTAINABLE]
