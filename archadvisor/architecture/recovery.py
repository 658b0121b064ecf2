"""What the DR strategy (and globally replicated data) adds: the second region, named, mirroring the
primary's layout and holding what the strategy needs (AWS whitepaper "Disaster Recovery of Workloads
on AWS"): backups copied to it for backup and restore; the data replicated and the stack provisioned but
off for pilot light; a scaled-down running copy for warm standby; the full stack for multi-site."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .names import DR_LABELS
from .registry import draws
from .services import ENDPOINT_SERVICE, ENDPOINTS, NAT_DEVICES

if TYPE_CHECKING:
    from .build import Builder

RELATIONAL = {"rds-single-az", "rds-multi-az", "aurora", "aurora-serverless", "aurora-global-database"}
GLOBAL_DATA = ("aurora-global-database", "dynamodb-global-tables")
STANDBY = {  # strategy: (compute role, note on the standby compute)
    "pilot-light": ("standby-off", "(off until failover)"),
    "warm-standby": ("standby-scaled-down", "(scaled down)"),
    "multi-site-active-active": ("active", "(full capacity)"),
}


@draws("dr-strategy", stage=100)
def second_region(b: "Builder") -> None:
    dr = b.choices("dr-strategy")
    global_data = [d for d in b.choices("database") if d["choice"] in GLOBAL_DATA]
    if not dr and not global_data:
        return
    strategy = dr[0]["choice"] if dr else None
    region = b.region(2)
    code = b.region_codes[2]
    if strategy:
        b.c.set_group_decision(region, f"Region {code} (DR: {DR_LABELS.get(strategy, strategy)})", b.key(dr[0]))
    else:
        b.c.set_group_decision(region, f"Region {code} (global database replicas)", b.key(global_data[0]))
    replicas: dict[str, str] = {}
    for d in global_data:
        replicas[str(d["subject"])] = replicate_store(b, str(d["subject"]), global_table=True)
    if strategy == "backup-restore":
        backups(b)
        return
    if strategy is None:
        return
    for name in sorted(b.stores):
        node = replicate_store(b, name)
        if node:
            replicas[name] = node
    standby_stack(b, strategy, replicas)


def backups(b: "Builder") -> None:
    key = b.key(b.choices("dr-strategy")[0])
    local = b.c.add("backup-vault", "backup", "AWS Backup vault", b.region(), role="backup-vault", because=key)
    remote = b.c.add("r2-backup-vault", "backup", "AWS Backup vault\n(cross-region copies)", b.region(2), key,
                     role="backup-vault", family="backup-vault")
    sources = sorted({s["node"] for s in b.stores.values()})
    for source in sources:
        b.c.link(source, local, "asynchronous backup", "dashed", "backup")
    if not sources:
        for app in b.app_nodes(because=key):
            b.c.link(app, local, "AMI / EBS snapshots", "dashed", "backup")
    b.c.link(local, remote, "cross-region copy", "dashed", "backup")


def replicate_store(b: "Builder", name: str, global_table: bool = False) -> str | None:
    """The store's copy in the second region, replicated from the primary; None for stores that keep
    no copy there (block volumes are copied as snapshots by the backup plan)."""
    from .build import decision_key

    store = b.stores[name]
    choice, primary = store["choice"], store["node"]
    node_id = f"r2-{primary}"
    if b.c.has(node_id):
        return node_id
    key = decision_key("database", name) if global_table else None
    because = None if key else b.first_key("dr-strategy")
    letter = b.azs[0]
    family = b.c.nodes[primary].family

    def add(service: str, label: str, group: str) -> str:
        return b.c.add(node_id, service, label, group, key, role="dr-replica", family=family, because=because)

    if choice == "aurora-global-database":
        node = add(choice, f"Aurora global secondary\n(read-only)\n{name}", b.subnet(2, letter, "data"))
        b.c.link(primary, node, "asynchronous replication (< 1 s)", "dashed", "replication")
    elif choice == "dynamodb-global-tables":
        node = add(choice, f"DynamoDB global table\nreplica (read / write)\n{name}", b.region(2))
        b.c.link(primary, node, "asynchronous replication (multi-active)", "dashed", "replication")
    elif choice in RELATIONAL:
        title = "Aurora cross-region replica" if choice.startswith("aurora") else "Cross-region read replica"
        node = add(choice, f"{title}\n{name}", b.subnet(2, letter, "data"))
        b.c.link(primary, node, "asynchronous replication", "dashed", "replication")
    elif choice == "dynamodb":
        node = add(choice, f"DynamoDB replica table\n{name}", b.region(2))
        b.c.link(primary, node, "asynchronous replication", "dashed", "replication")
    elif store.get("bucket"):
        node = add(choice, f"S3 replica bucket\n{name}", b.region(2))
        b.c.link(primary, node, "asynchronous replication (CRR)", "dashed", "replication")
    elif choice in ("efs", "fsx-windows", "fsx-lustre", "fsx-ontap", "redshift", "timestream"):
        group = b.vpc(2) if choice == "efs" else (b.region(2) if choice == "timestream" else
                                                  b.subnet(2, letter, "data"))
        how = {"efs": "EFS replication", "redshift": "cross-region snapshot copy",
               "timestream": "exported and restored", "fsx-ontap": "SnapMirror replication"}.get(
                   choice, "AWS Backup cross-region copy")
        node = add(choice, f"{b.c.nodes[primary].lines[0]} copy\n{name}", group)
        b.c.link(primary, node, how, "dashed", "replication")
    else:
        return None
    return node


def standby_stack(b: "Builder", strategy: str, replicas: dict[str, str]) -> None:
    """The application side of the second region, the same AZs and the same front as the primary."""
    from .build import short_name

    key = b.key(b.choices("dr-strategy")[0])
    compute = b.choices("compute")
    if not compute and not b.apps[1] and replicate_origins(b, key):
        return  # nothing runs code (a static site): its buckets are the standby
    primary_apps = b.app_nodes(because=key)
    role, note = STANDBY[strategy]
    note = standby_note(b, strategy, note)
    tiers = [(d["choice"], short_name(d["choice"]), d.get("subject")) for d in compute] or \
        [(b.c.service_of(primary_apps[0]), "Application", None)]
    for service, label, tier in tiers:  # each tier in the AZs it runs in at the primary
        letters = sorted({letter for node in b.apps[1] if b.tier_of.get(node) == tier
                          for letter in [b.where(node)[1]] if letter}) or list(b.azs)
        b.place_compute(service, label, None, 2, azs=letters, note=note, role=role, because=key, tier=tier)
    previous = None
    for node in b.regional_front:
        service_id = b.c.service_of(node)
        original = b.c.nodes[node]
        if service_id in ("alb", "nlb"):
            tier = "public" if original.role == "internet-facing" else "app"
            copy = b.c.add(f"r2-{node}", service_id, "\n".join(original.lines), b.vpc(2), role=original.role,
                           family=original.family, spans=b.subnets(2, tier), because=key)
            if tier == "public":
                b.igw(key, 2)
        else:
            copy = b.c.add(f"r2-{node}", service_id, "\n".join(original.lines), b.region(2), role=original.role,
                           family=original.family, because=key)
        if previous:
            b.c.link(previous, copy, "")
        previous = copy
    for app in b.apps[1]:  # the images the standby runs are kept in its region: each copy to its twin
        twin = _twin(b, app)
        if twin:
            b.c.link(app, twin, "images replicated", "dashed", "replication")
    endpoints = mirror_network(b, key)
    front = b.front_tiers()
    for app in b.apps[2]:
        if previous and b.tier_of.get(app) in front:
            b.c.link(previous, app, "")
        used = {replica for name, replica in replicas.items() if replica and b.tier_uses(b.tier_of.get(app), name)}
        for replica in sorted(used):
            endpoint = endpoints.get(ENDPOINT_SERVICE.get(b.c.service_of(replica), ""))
            if endpoint and b.in_vpc(app):
                b.c.link(app, endpoint, "private", kind="data")
                b.c.link(endpoint, replica, "", kind="network")
            else:
                b.c.link(app, replica, "", kind="data")
    from .frontdoor import reachable_entry
    entry = reachable_entry(b, 2)
    routing = b.choices("dns-routing")
    policy = routing[0]["choice"] if routing else ("latency" if strategy == "multi-site-active-active" else "failover")
    if b.edge_node:
        if b.c.service_of(b.edge_node) == "global-accelerator":
            text = "endpoint group (second region)"
            balancers = [n for n in b.regional_front if b.c.service_of(n) in ("alb", "nlb")]
            entry = f"r2-{balancers[0]}" if balancers else entry  # its endpoints are load balancers
        elif b.choice("regional-failover") == "cloudfront-origin-failover":
            text = "origin group: secondary"  # the regional-failover drawer marks the distribution
        elif b.choice("regional-failover") in ("route53-health-checks", "application-recovery-controller"):
            text = f"second origin (Route 53 {policy} name)"  # what the records answer moves CloudFront too
        elif policy == "failover":
            from .build import get
            manual = get(b.workload, "availability", "failover") == "manual"
            text = "second origin (switched by hand)" if manual else "origin failover"
            if not manual:
                b.c.nodes[b.edge_node].role = "origin-failover"
        else:
            text = "second origin"
        if entry:
            b.c.link(b.edge_node, entry, text, "dashed")
    elif b.c.has("route53") and entry:
        b.c.link("route53", entry, f"{policy}: secondary", "dotted", "dns")


def _twin(b: "Builder", app: str) -> str | None:
    """The standby's copy of a primary compute node: the same tier, in the same AZ letter (or regional)."""
    letter, tier = b.where(app)[1], b.tier_of.get(app)
    return next((other for other in b.apps[2] if b.tier_of.get(other) == tier and b.where(other)[1] == letter),
                None)


def replicate_origins(b: "Builder", key: str) -> bool:
    """The S3 origins of the edge that no store decision replicated (a static site's content bucket) get a copy
    in the recovery region, kept in step by cross-region replication. True when the edge has S3 origins."""
    from .services import BUCKETS

    found = False
    for link in [l for l in list(b.c.links.values()) if b.edge_node and l.source == b.edge_node]:
        target = link.target
        if b.c.service_of(target) not in BUCKETS or b.where(target)[0] != 1:
            continue
        found = True
        if b.c.has(f"r2-{target}"):
            continue
        copy = b.c.add(f"r2-{target}", "s3", "S3 bucket (replica)\n" + b.c.nodes[target].lines[-1], b.region(2),
                       role="origin", family=b.c.nodes[target].family, because=key)
        b.c.link(target, copy, "asynchronous replication (CRR)", "dashed", "replication")
    return found


def standby_note(b: "Builder", strategy: str, note: str) -> str:
    """The standby's size as the workload states it (availability.standby_capacity), else the strategy's."""
    from .build import get

    capacity = get(b.workload, "availability", "standby_capacity")
    if capacity is None or strategy != "warm-standby":
        return note
    share = float(getattr(capacity, "base", capacity) if not isinstance(capacity, str) else capacity.rstrip("% "))
    return "(full capacity, no traffic)" if share >= 100 else f"({capacity} of the primary)"


def mirror_network(b: "Builder", key: str) -> dict[str, str]:
    """The recovery region's VPC gets the primary's egress and endpoints, so its copies reach the same
    services the same way. Returns endpoint service name -> endpoint node in the second region."""
    endpoints: dict[str, str] = {}
    r2_apps = {letter: nodes for (n, letter), nodes in b.az_apps.items() if n == 2}  # every tier's copies
    for node in sorted(b.c.nodes.values(), key=lambda x: x.id):
        region, letter, tier = b.where(node.id)
        if region != 1 or not b.in_vpc(node.id):
            continue
        if node.service in ENDPOINTS:
            spans = b.subnets(2, "app") if node.spans else ()
            copy = b.c.add(f"r2-{node.id}", node.service, "\n".join(node.lines), b.vpc(2), node.decision,
                           role="endpoint", family=node.family, spans=spans)  # the same endpoint decision
            for link in list(b.c.links.values()):
                if link.source == node.id:
                    name = ENDPOINT_SERVICE.get(b.c.service_of(link.target))
                    if name:
                        endpoints[name] = copy
            for apps in r2_apps.values():
                for app in apps:
                    b.c.link(app, copy, "private", kind="data")
        elif node.service in NAT_DEVICES and tier == "public" and letter:
            igw = b.igw(key, 2)
            copy = b.c.add(f"r2-{node.id}", node.service, "\n".join(node.lines), b.subnet(2, letter, "public"),
                           role="nat", family=node.family, because=key)
            b.c.link(copy, igw, "", kind="network")
            for app in r2_apps.get(letter, []):
                b.c.link(app, copy, "outbound", kind="network")
    return endpoints
