"""Exam shape: domains and their weights, action-style options, qualified and "Choose two" stems.

Kept apart from prose.py (which writes the scenario from the workload): this is what
turns a decision into something that reads like a question of the SAA-C03 exam.
"""
from __future__ import annotations

from random import Random

# The exam guide's four content domains and their weights (percent of scored questions).
DOMAINS: dict[str, tuple[str, int]] = {
    "secure": ("Design secure architectures", 30),
    "resilient": ("Design resilient architectures", 26),
    "performance": ("Design high-performing architectures", 24),
    "cost": ("Design cost-optimized architectures", 20),
}
CONCERN_DOMAIN: dict[str, str] = {
    # secure
    "web-protection": "secure", "private-content": "secure", "end-user-identity": "secure",
    "private-service-access": "secure", "admin-access": "secure", "secrets": "secure", "encryption": "secure",
    "audit": "secure", "sensitive-data": "secure", "config-compliance": "secure", "encryption-key": "secure",
    "credential-store": "secure", "threat-detection": "secure", "bucket-access": "secure",
    "account-guardrails": "secure",
    "traffic-inspection": "secure",
    # resilient
    "dr-strategy": "resilient", "database": "resilient", "messaging": "resilient", "dns-routing": "resilient",
    "load-balancer": "resilient", "hybrid-connectivity": "resilient", "service-sharing": "resilient",
    "regional-failover": "resilient",
    # high-performing
    "compute": "performance", "placement-group": "performance", "hpc-networking": "performance",
    "read-scaling": "performance", "cache": "performance", "block-storage": "performance",
    "file-storage": "performance", "edge": "performance", "api": "performance", "data-lake-query": "performance",
    "etl": "performance", "change-events": "performance",
    # cost
    "ec2-purchasing": "cost", "object-storage": "cost", "internet-egress": "cost", "hybrid-storage": "cost",
    "data-transfer": "cost",
}

# "Choose two": concerns of one area whose decisions an exam asks about together (the first names the domain).
PAIRS: tuple[tuple[str, str], ...] = (
    ("private-service-access", "admin-access"), ("private-service-access", "internet-egress"),
    ("admin-access", "internet-egress"), ("web-protection", "private-content"),
    ("end-user-identity", "web-protection"), ("load-balancer", "edge"), ("api", "edge"),
    ("hybrid-connectivity", "data-transfer"), ("hybrid-connectivity", "hybrid-storage"),
    ("read-scaling", "cache"), ("placement-group", "hpc-networking"), ("data-lake-query", "etl"),
    ("file-storage", "block-storage"), ("database", "cache"), ("data-transfer", "object-storage"),
    ("encryption-key", "credential-store"), ("bucket-access", "threat-detection"),
)
MULTI_STEMS = ("Which combination of steps will meet these requirements? (Choose two.)",
               "Which TWO actions should the solutions architect take to meet these requirements? (Choose two.)")

# Options as actions: {x} is the service, {s} the data store or channel the question is about.
ACTIONS: dict[str, str] = {
    "compute": "Run the application on {x}.",
    "ec2-purchasing": "Buy the capacity as {x}.",
    "placement-group": "Launch the instances in {a} {x_lower}.",
    "hpc-networking": "Give the instances {x}.",
    "dr-strategy": "Adopt {a} {x_lower} disaster recovery strategy.",
    "database": "Store {s} in {x}.",
    "read-scaling": "Serve the reads of {s} from {x}.",
    "cache": "Put {x} in front of {s}.",
    "object-storage": "Keep {s} in {x}.",
    "block-storage": "Put {s} on {x}.",
    "file-storage": "Host {s} on {x}.",
    "change-events": "React to changes in {s} with {x}.",
    "messaging": "Carry {s} through {x}.",
    "load-balancer": "Put {a} {x} in front of the application's targets.",
    "edge": "Put {x} in front of the application.",
    "dns-routing": "Configure {x}.",
    "api": "Expose the back end through {x}.",
    "web-protection": "Protect the front end with {x}.",
    "private-content": "Grant access with {x}.",
    "end-user-identity": "Authenticate the users with {x}.",
    "internet-egress": "Route outbound traffic through {a} {x}.",
    "private-service-access": "Reach the service through {a} {x}.",
    "service-sharing": "Connect the VPCs with {x}.",
    "admin-access": "Give operators access through {x}.",
    "hybrid-connectivity": "Connect the data center with {x}.",
    "hybrid-storage": "Deploy {x} on premises.",
    "data-transfer": "Move the data with {x}.",
    "data-lake-query": "Query the data with {x}.",
    "etl": "Prepare the data with {x}.",
    "secrets": "Enable {x}.", "encryption": "Enable {x}.", "audit": "Enable {x}.", "sensitive-data": "Enable {x}.",
    "config-compliance": "Enable {x}.",
    "encryption-key": "Encrypt the data with {x}.", "credential-store": "Keep the values in {x}.",
    "threat-detection": "Enable {x} in every account.", "bucket-access": "Use {x}.",
    "account-guardrails": "Use {x}.",
}
CONTROL_STEMS = ("Which combination of AWS services will meet these requirements? (Choose two.)",
                 "Which TWO services should the solutions architect enable? (Choose two.)")

# A qualified stem names the qualifier the way the exam does, at the end of the question.
QUALIFIED_STEMS: dict[str, tuple[str, ...]] = {
    "cost": ("Which solution will meet these requirements MOST cost-effectively?",
             "What should the solutions architect recommend to meet these requirements MOST cost-effectively?"),
    "operations": ("Which solution will meet these requirements with the LEAST operational overhead?",
                   "What should the solutions architect do to meet these requirements with the LEAST "
                   "operational overhead?"),
    "resilience": ("Which solution meets these requirements and is the MOST resilient?",
                   "Which design is the MOST resilient while meeting these requirements?"),
}
# Why a qualifier rules out an option that meets every stated requirement.
QUALIFIER_REASONS = {
    "cost": "it meets the stated requirements too, but costs more than {key}",
    "operations": "it meets the stated requirements too, but leaves more to operate than {key}",
    "resilience": "it meets the stated requirements too, but survives fewer failures than {key}",
}
# Fields a qualifier says in the stem (the scenario does not repeat them).
QUALIFIER_FIELDS = {"cost": ("cost_priority",), "operations": (), "resilience": ()}


# Choices that an area's action would misdescribe (FSx is not deployed on premises; its shares are mapped there).
ACTION_OVERRIDES: dict[str, str] = {
    "fsx-windows": "Move the files to {x} and map its SMB shares on premises.",
    "online-transfer": "Transfer the data over the network with AWS DataSync.",
}


# The security concerns' options, each an action as the exam words it (a service name alone reads as a noun).
SECURITY_ACTIONS: dict[str, str] = {
    "aws-managed-key": "Rely on default encryption with AWS managed keys (SSE-S3 and each service's aws/ key).",
    "kms-customer-managed-key": "Encrypt the data with an AWS KMS customer managed key.",
    "kms-cloudhsm-key-store": "Encrypt the data with a KMS key in an AWS CloudHSM custom key store.",
    "kms-external-key-store": "Encrypt the data with a KMS key in an external key store (XKS).",
    "ssm-parameter-store": "Keep the values as SecureString parameters in AWS Systems Manager Parameter Store.",
    "s3-bucket-policy": "Add an S3 bucket policy to each bucket that states who may access it and how.",
    "iam-identity-policy": "Attach IAM identity-based policies to the roles that use the buckets.",
    "s3-block-public-access": "Turn on S3 Block Public Access for the account and every bucket.",
    "s3-object-ownership-enforced": "Set S3 Object Ownership to bucket owner enforced, which disables ACLs.",
    "cloudfront-origin-access-control": ("Give the CloudFront distribution an origin access control (OAC) and allow "
                                         "only that distribution in the bucket policy."),
    "organizations-scp": "Attach service control policies (SCPs) to the accounts' organizational units.",
    "iam-permissions-boundary": "Require an IAM permissions boundary on every role the teams create.",
    "control-tower": ("Set up an AWS Control Tower landing zone, with its preventive and detective controls, and "
                      "create the accounts with Account Factory."),
    "config-rules": "Deploy AWS Config rules that flag noncompliant resources.",
}
SECURITY_ACTION_CONCERNS = ("encryption-key", "credential-store", "bucket-access", "account-guardrails")


def action(concern_id: str, name: str, subject_noun: str, choice: str = "") -> str:
    if concern_id in SECURITY_ACTION_CONCERNS and choice in SECURITY_ACTIONS:
        return SECURITY_ACTIONS[choice]
    template = ACTION_OVERRIDES.get(choice) if concern_id in ("hybrid-storage", "data-transfer") else None
    template = template or ACTIONS.get(concern_id, "Use {x}.")
    lower = name[:1].lower() + name[1:] if not name[:2].isupper() else name
    word = lower if "{x_lower}" in template else name
    article = "an" if word[:1].lower() in "aeio" or word.startswith(("EC2", "S3 ", "SQS", "SNS")) else "a"
    return (template.replace("{a}", article).replace("{x_lower}", lower).replace("{x}", name)
            .replace("{s}", subject_noun))


def plan(count: int, concern_ids: list[str], rng: Random) -> list[str]:
    """The domain of each question slot: the exam's weights over the domains the concerns cover,
    by largest remainder, in a seeded order."""
    present = [d for d in DOMAINS if any(CONCERN_DOMAIN.get(c, "performance") == d for c in concern_ids)]
    total = sum(DOMAINS[d][1] for d in present)
    shares = {d: count * DOMAINS[d][1] / total for d in present}
    slots = {d: int(shares[d]) for d in present}
    leftover = count - sum(slots.values())
    for d in sorted(present, key=lambda d: (-(shares[d] - slots[d]), list(DOMAINS).index(d)))[:leftover]:
        slots[d] += 1
    order = [d for d in present for _ in range(slots[d])]
    rng.shuffle(order)
    return order


# Names of data stores and channels that fit any business, and more by industry (matched on the
# company's description), so that a bank never keeps "radiology images" and a lab no "player profiles".
GENERIC_NAMES: dict[str, tuple[str, ...]] = {
    # names any business uses; "orders" and "carts" only fit a business that sells (INDUSTRY_NAMES below)
    "relational": ("customers", "accounts", "invoices", "transactions"),
    "key-value": ("sessions", "user-preferences", "feature-flags"),
    "document": ("user-profiles", "documents", "content-items"),
    "time-series": ("app-metrics", "performance-metrics"),
    "warehouse": ("reporting", "finance-mart", "sales-history"),
    "object": ("documents-archive", "backups", "log-archive", "reports", "scanned-invoices"),
    "file": ("shared-files", "team-files", "project-files"),
    "block": ("app-data", "work-data", "batch-data"),
    "channel": ("notifications", "audit-events", "signups", "app-events", "status-updates"),
}
INDUSTRY_NAMES: tuple[tuple[tuple[str, ...], dict[str, tuple[str, ...]]], ...] = (
    (("health", "pharma", "clinic"), {"relational": ("patients", "appointments"), "object": ("radiology-images",),
                                      "document": ("case-files",), "channel": ("lab-results",)}),
    (("gaming", "game"), {"key-value": ("player-profiles", "leaderboard"), "channel": ("match-events",)}),
    (("genomics", "research", "university"), {"file": ("genomics-data", "research-data"),
                                              "object": ("sequencing-runs",)}),
    (("bank", "fintech", "credit", "insurance"), {"relational": ("payments", "policies", "claims"),
                                                  "channel": ("payment-requests",)}),
    (("logistics", "ride", "transport", "airline", "travel", "hotel"),
     {"relational": ("bookings", "reservations"), "channel": ("shipment-updates", "trip-events")}),
    (("iot", "energy", "robotics", "manufactur", "telecom"),
     {"time-series": ("sensor-readings", "meter-readings", "telemetry"), "key-value": ("device-state",),
      "channel": ("device-telemetry",)}),
    (("streaming", "music", "video", "effects", "news", "publisher"),
     {"object": ("media-assets", "photos"), "file": ("render-assets",), "channel": ("clickstream",)}),
    (("retail", "grocery", "clothing", "marketplace", "real-estate"),
     {"relational": ("inventory", "orders"), "key-value": ("carts",), "document": ("product-catalog", "listings"),
      "channel": ("order-events",)}),
    (("law", "legal", "government", "agency"), {"object": ("contracts",), "document": ("case-files",),
                                                "file": ("engineering-drawings",)}),
)


def names_for(kind: str, industry: str) -> tuple[str, ...]:
    """Names for a store of ``kind`` (or "channel") that fit a business described as ``industry``."""
    fitting = [name for words, pools in INDUSTRY_NAMES if any(w in industry.lower() for w in words)
               for name in pools.get(kind, ())]
    return tuple(dict.fromkeys(fitting + list(GENERIC_NAMES.get(kind, (f"{kind}-store",)))))
