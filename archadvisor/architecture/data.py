"""What the data concerns add: stores, their standbys and replicas, caches, volumes, file systems and
change events. A Multi-AZ resource always has a member in a second AZ; a regional service (S3,
DynamoDB) sits in the region and is reached through its endpoint when the design has one."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .canvas import slug
from .names import ANNOTATIONS
from .registry import draws

if TYPE_CHECKING:
    from .build import Builder

REGIONAL_DATABASES = {"dynamodb", "dynamodb-global-tables", "timestream"}
ROLES = {"rds-multi-az": "primary", "aurora": "writer", "aurora-global-database": "writer",
         "rds-single-az": "", "aurora-serverless": ""}
FILE_PROTOCOLS = {"efs": "NFS", "fsx-windows": "SMB", "fsx-lustre": "Lustre", "fsx-ontap": "NFS + SMB"}
# File systems that run a standby file server in a second AZ when the system must survive an AZ loss.
MULTI_AZ_FILE_SYSTEMS = ("fsx-windows", "fsx-ontap")


@draws("object-storage", "database", "read-scaling", "cache", "block-storage", "file-storage", "change-events",
       stage=20)
def data_stores(b: "Builder") -> None:
    from .build import short_name

    for d in b.to_draw("object-storage"):
        name = str(d["subject"])
        node = b.c.add(f"bucket-{slug(name)}", d["choice"], f"{short_name(d['choice'])}\n{name}", b.region(),
                       b.key(d), role="store")
        b.stores[name] = {"node": node, "choice": d["choice"], "bucket": True}
        if b.apps[1] or b.choices("compute"):
            b.reach(b.app_nodes(uses=name), node, "objects")
    for d in b.to_draw("database"):
        database(b, d)
    for d in b.to_draw("read-scaling"):
        read_replicas(b, d)
    for d in b.to_draw("cache"):
        cache(b, d)
    for d in b.to_draw("block-storage"):
        block_storage(b, d)
    for d in b.to_draw("file-storage"):
        file_storage(b, d)
    for d in b.to_draw("change-events"):
        change_events(b, d)


def read_scaling_for(b: "Builder", name: str) -> dict | None:
    return next((d for d in b.choices("read-scaling") if str(d["subject"]) == name), None)


def database(b: "Builder", d: dict) -> None:
    from .build import short_name

    name, choice, key = str(d["subject"]), d["choice"], b.key(d)
    base = f"db-{slug(name)}"
    title = short_name(choice)
    azs = b.azs
    if choice in REGIONAL_DATABASES:
        node = b.c.add(base, choice, f"{title}\n{name}", b.region(), key, role="store")
        b.stores[name] = {"node": node, "choice": choice}
        if b.apps[1] or b.choices("compute"):
            b.reach(b.app_nodes(uses=name), node, "API (HTTPS)")
        return
    if choice == "redshift":
        node = b.c.add(base, choice, f"Redshift cluster\n{name}", b.subnet(1, azs[0], "data"), key, role="store")
        b.stores[name] = {"node": node, "choice": choice}
        b.from_apps(node, "SQL", because=key)
        return
    role = ROLES[choice]
    primary = b.c.add(f"{base}-primary", choice, f"{title} {role}\n{name}".replace(" \n", "\n"),
                      b.subnet(1, azs[0], "data"), key, role="primary", family=base)
    b.stores[name] = {"node": primary, "choice": choice}
    b.from_apps(primary, "SQL", because=key)
    if choice == "rds-multi-az":
        standby = b.c.add(f"{base}-standby", "rds-standby", f"{title} standby\n{name}",
                          b.subnet(1, azs[-1], "data"), key, role="standby", family=base)
        b.c.link(primary, standby, "synchronous replication", "dashed", "replication")
    elif choice in ("aurora", "aurora-global-database") and not read_scaling_for(b, name):
        replica = b.c.add(f"{base}-replica-{azs[-1]}", choice, f"Aurora replica\n(failover target)\n{name}",
                          b.subnet(1, azs[-1], "data"), key, role="replica", family=base)
        b.c.link(primary, replica, "shared cluster volume (6 copies, 3 AZs)", "dashed", "replication")


def read_replicas(b: "Builder", d: dict) -> None:
    name, choice, key = str(d["subject"]), d["choice"], b.key(d)
    primary = b.stores.get(name, {}).get("node")
    if primary is None:  # read scaling without a database decision: draw a primary to hang it on
        primary = b.c.add(f"db-{slug(name)}-primary", "rds-single-az", f"RDS primary\n{name}",
                          b.subnet(1, b.azs[0], "data"), role="primary", family=f"db-{slug(name)}", because=key)
        b.stores[name] = {"node": primary, "choice": "rds-single-az"}
        b.from_apps(primary, "SQL", because=key)
    aurora = choice == "aurora-replicas"
    for letter in b.azs:
        role = "Aurora replica\n(reads, failover target)" if aurora else "Read replica"
        replica = b.c.add(f"db-{slug(name)}-replica-{letter}", choice, f"{role}\n{name}",
                          b.subnet(1, letter, "data"), key, role="read-replica", family=f"db-{slug(name)}-replica")
        label = "shared cluster volume" if aurora else "asynchronous replication"
        b.c.link(primary, replica, label, "dashed", "replication")
        for node in b.apps_in_az(letter, key) or b.app_nodes(because=key):  # each AZ reads its own replica
            b.c.link(node, replica, "SQL reads", "dotted", "data")


def cache(b: "Builder", d: dict) -> None:
    """A cache cluster: under a multi-AZ scope, a node in each AZ (Redis replicas with Multi-AZ failover,
    Memcached nodes spread over AZs, DAX nodes in several AZs), each app copy reading its own AZ's node."""
    from .build import short_name

    name, choice, key = str(d["subject"]), d["choice"], b.key(d)
    store = b.stores.get(name, {}).get("node")
    azs = b.azs if b.multi_az else b.azs[:1]
    first = None
    for i, letter in enumerate(azs):
        role = "primary" if i == 0 else "replica"
        suffix = "" if len(azs) == 1 else ("\n(primary)" if i == 0 else "\n(replica)")
        node = b.c.add(f"cache-{slug(name)}" + ("" if i == 0 else f"-{letter}"), choice,
                       f"{short_name(choice)}\n{name}{suffix}", b.subnet(1, letter, "data"), key, role=role,
                       family=f"cache-{slug(name)}")
        here = b.apps_in_az(letter, key)
        sources = here if here and len(azs) > 1 else b.app_nodes(because=key)
        for source in sources:
            b.c.link(source, node, "cached reads", kind="data")
        if store and choice == "dax":
            b.c.link(node, store, "read-through / write-through", kind="data")
        if first is None:
            first = node
        else:
            b.c.link(first, node, "asynchronous replication", "dashed", "replication")


def block_storage(b: "Builder", d: dict) -> None:
    """A volume attaches to one instance in one AZ: each AZ's copy of the tier has its own."""
    from .build import short_name

    name, choice, key = str(d["subject"]), d["choice"], b.key(d)
    apps = b.app_nodes(because=key)
    tier = b.tier_of.get(apps[0])  # a volume attaches to an instance: those of the first tier that uses it
    apps = [app for app in apps if b.tier_of.get(app) == tier]
    letters = [letter for letter in b.azs if set(b.apps_in_az(letter, key)) & set(apps)] or [b.azs[0]]
    for letter in letters:
        node = b.c.add(f"volume-{slug(name)}" + ("" if letter == letters[0] else f"-{letter}"), choice,
                       f"{short_name(choice)}\n{name}", b.az(1, letter), key, role="volume",
                       family=f"volume-{slug(name)}")
        app = next((node for node in b.apps_in_az(letter, key) if node in apps), apps[0])
        b.c.link(app, node, "attached" if choice != "instance-store" else "local disk", kind="data")


def file_storage(b: "Builder", d: dict) -> None:
    from .build import get, short_name

    name, choice, key = str(d["subject"]), d["choice"], b.key(d)
    spans = b.subnets(1, "data") if choice == "efs" else ()
    group = b.vpc() if choice == "efs" else b.subnet(1, b.azs[0], "data")
    multi_az = choice in MULTI_AZ_FILE_SYSTEMS and len(b.azs) > 1 and get(
        b.workload, "availability", "scope") in ("multi-az", "multi-region")
    title = f"{short_name(choice)}{' (Multi-AZ)' if multi_az else ''}"
    node = b.c.add(f"files-{slug(name)}", choice, f"{title}\n{name}", group, key, role="primary" if multi_az else
                   "store", family=f"files-{slug(name)}", spans=spans)
    b.stores[name] = {"node": node, "choice": choice}
    b.from_apps(node, FILE_PROTOCOLS[choice], because=key)
    if multi_az:  # a Multi-AZ file system: the preferred file server and its standby in a second AZ
        standby = b.c.add(f"files-{slug(name)}-standby", choice, f"{short_name(choice)} standby\n{name}",
                          b.subnet(1, b.azs[-1], "data"), key, role="standby", family=f"files-{slug(name)}")
        b.c.link(node, standby, "synchronous replication", "dashed", "replication")


def change_events(b: "Builder", d: dict) -> None:
    """Stream records trigger functions or are read by servers; S3 notifies Lambda, SQS, SNS or
    EventBridge only, so servers and containers poll a queue the bucket notifies."""
    name, choice, key = str(d["subject"]), d["choice"], b.key(d)
    store = b.stores.get(name, {}).get("node")
    functions = b.choice("compute") == "lambda"
    if choice == "dynamodb-streams":
        stream = b.c.add(f"stream-{slug(name)}", choice, f"DynamoDB Streams\n{name}", b.region(), key,
                         role="stream")
        if store:
            b.c.link(store, stream, "item changes", kind="event")
        if functions:
            for app in b.app_nodes(because=key):
                b.c.link(stream, app, "triggers", kind="event")
        else:
            b.reach(b.app_nodes(because=key), stream, "read changes")
        return
    if store is None:
        store = b.c.add(f"bucket-{slug(name)}", "s3", f"S3 bucket\n{name}", b.region(), role="store", because=key)
        b.stores[name] = {"node": store, "choice": "s3", "bucket": True}
    b.c.annotate(store, key, ANNOTATIONS[("change-events", choice)])
    if functions:
        for app in b.app_nodes(because=key):
            b.c.link(store, app, "object events", "dashed", "event")
        return
    queue = b.c.add(f"events-{slug(name)}", "sqs-standard", f"SQS queue\n{name} events", b.region(), key,
                    role="event-queue")
    b.c.link(store, queue, "object events", "dashed", "event")
    b.reach(b.app_nodes(because=key), queue, "poll")


@draws(stage=95)
def stores_nothing_else_uses(b: "Builder") -> None:
    """A store no drawer linked (no gateway, transfer, analytics or delivery writes or reads it) is used by the
    application: one the workload does not describe is drawn as a placeholder that says so."""
    linked = {node for source, target, _ in b.c.links for node in (source, target)}
    for name in sorted(b.stores):
        store = b.stores[name]
        if store["node"] in linked:
            continue
        label = "objects" if store.get("bucket") else "API (HTTPS)"
        key = b.c.nodes[store["node"]].decision or b.c.nodes[store["node"]].because
        b.reach(b.app_nodes(because=key), store["node"], label)
