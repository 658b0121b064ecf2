"""What the messaging concern adds: each channel between the producing tier and its consumers.
Consumers pull from queues and streams; SNS and Step Functions push. Many consumers of one channel
draw as one node with a count, so a large number still draws."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .canvas import slug
from .registry import draws

if TYPE_CHECKING:
    from .build import Builder

# Channels drawn as one node between the producing tier and each consumer: node id prefix, label of
# the producer's edge, label of each consumer's edge, and whether consumers pull (the edge points at
# the channel) or are pushed to.
POINT_TO_CONSUMERS = {
    "sqs-standard": ("queue", "send", "poll", True), "sqs-fifo": ("queue", "send", "poll", True),
    "sns": ("topic", "publish", "push", False),
    "kinesis-data-streams": ("stream", "put records", "read / replay", True),
    "step-functions": ("workflow", "start execution", "task", False),
}
# What Step Functions starts itself (Lambda invoke, ECS RunTask); other workers poll for activity tasks.
TASK_TARGETS = frozenset({"lambda", "fargate", "ecs-on-ec2", "eks"})
# Up to this many consumers draw one node each; more draw as one node labelled with the count.
DRAWN_ONE_BY_ONE = 3


def channel(b: "Builder", name: str) -> dict:
    from .build import get

    for entry in get(b.workload, "messaging", default=[]) or []:
        if isinstance(entry, dict) and str(entry.get("name")) == name:
            return entry
    return {}


def consumers(b: "Builder", name: str, count: int, key: str) -> list[tuple[str, str, str]]:
    """(node, tag, label suffix) per consumer application of a channel; one node with the count past a few.
    A consumer service runs in the app subnets of every AZ, like the tier it belongs to."""
    from .build import APP, IN_VPC_COMPUTE

    taking = consumer_tiers(b, name)
    if taking:  # the compute tiers that take their work from the channel are its consumers
        return [(node, slug(tier), f" {tier}" if len(taking) > 1 else "")
                for tier in taking for node in b.apps[1] if b.tier_of.get(node) == tier]
    compute = b.choice("compute")
    service = compute or APP
    in_vpc = compute in IN_VPC_COMPUTE or (compute in (None, "lambda") and b.needs_vpc())
    group = b.vpc() if in_vpc else b.region()
    spans = b.subnets(1, "app") if in_vpc else ()
    # A consumer runs on the decided compute but is an application of its own: drawn (and deployed) apart
    # from the tier that produces into the channel, it exists because of the channel's decision.
    because, decision = key, None
    family = f"consumer-{slug(name)}"
    spec = channel(b, name)
    topic = b.choice_for("messaging", name) in ("sns", "sns-sqs-fanout")  # only a topic reaches people
    if topic and spec.get("endpoints") and not spec.get("consumers"):
        return [(people(b, name, spec, key), "all", "")]
    if compute is None and b.choice_for("messaging", name) == "sns":
        # Notifications with no application described go to subscribers SNS reaches over the internet.
        node = b.c.add(f"{family}-subscribers", "users", f"Subscribers{' x ' + str(count) if count > 1 else ''}"
                       f"\n(HTTPS / email / SMS)\n{name}", b.internet_group(), role="subscriber", family=family,
                       because=key)
        return [(node, "all", "")]
    if count > DRAWN_ONE_BY_ONE:
        node = b.c.add(f"{family}-all", service, f"{count} x consumer\n{name}", group, decision,
                       role="consumer", family=family, spans=spans, because=because)
        return [(node, "all", f" x {count}")]
    nodes = []
    for i in range(1, count + 1):
        label = f"Consumer {i}\n{name}" if count > 1 else f"Consumer\n{name}"
        node = b.c.add(f"{family}-{i}", service, label, group, decision, role="consumer", family=family,
                       spans=spans, because=because)
        nodes.append((node, str(i), f" {i}" if count > 1 else ""))
    return nodes


ENDPOINT_WORDS = {"email": "email", "sms": "SMS", "mobile-push": "mobile push"}


def people(b: "Builder", name: str, spec: dict, key: str) -> str:
    """The people a topic notifies directly (email, SMS, mobile push): SNS reaches them over the internet."""
    kinds = " / ".join(ENDPOINT_WORDS.get(str(k), str(k)) for k in spec.get("endpoints") or [])
    return b.c.add(f"people-{slug(name)}", "users", f"People notified\n({kinds})\n{name}", b.internet_group(),
                   role="subscriber", family=f"people-{slug(name)}", because=key)


def notify_people_too(b: "Builder", topic: str, name: str, spec: dict, key: str) -> None:
    """A topic that also has application consumers pushes to the people named in ``endpoints``."""
    if spec.get("endpoints") and spec.get("consumers"):
        b.c.link(topic, people(b, name, spec, key), "push", kind="event")


def consumer_tiers(b: "Builder", name: str) -> list[str]:
    """With compute tiers, the tiers that take their work from a channel, among those naming it in ``uses``:
    those clients do not call (GPU workers taking jobs from the queue the API fills), or, when clients call
    them all, every one but the first listed, which sends (an order service notifying the payment service)."""
    front = b.front_tiers()
    using = [str(t["name"]) for t in b.tiers() if name in (t.get("uses") or [])]
    behind = [tier for tier in using if tier not in front]
    return behind or using[1:]


def rule_targets(b: "Builder", source: str, name: str, key: str, label: str) -> None:
    """A rule on ``source`` (an event bus, IoT Core) delivers to each consumer of channel ``name``: it invokes a
    function (or reaches a subscriber) directly; a service in private subnets cannot be pushed to, so the
    rule sends to an SQS queue the service polls."""
    from .build import count as count_of

    for consumer, tag, suffix in consumers(b, name, count_of(channel(b, name).get("consumers"), 1), key):
        if b.c.service_of(consumer) == "lambda" or b.c.nodes[consumer].role == "subscriber":
            b.c.link(source, consumer, f"{label}{suffix}", kind="event")
            continue
        queue = b.c.add(f"queue-{slug(name)}-{tag}", "sqs-queue", f"SQS queue{suffix}\n{name} rule target",
                        b.region(), key, role="subscription-queue", family=f"queue-{slug(name)}")
        b.c.link(source, queue, f"{label}{suffix}", kind="event")
        b.reach([consumer], queue, "poll")


def producers(b: "Builder", key: str) -> list[str]:
    """The application nodes that send into a channel: those that use it, but not the tiers consuming it."""
    nodes = b.app_nodes(because=key)
    taking = set(consumer_tiers(b, key.partition(":")[2]))
    return [node for node in nodes if b.tier_of.get(node) not in taking] or nodes


@draws("messaging", stage=60)
def messaging(b: "Builder") -> None:
    from .build import count as count_of, short_name

    for d in b.to_draw("messaging"):
        name, choice, key = str(d["subject"]), d["choice"], b.key(d)
        spec = channel(b, name)
        count = count_of(spec.get("consumers"), 1)
        base = slug(name)
        region = b.region()
        if choice == "sns-sqs-fanout":
            topic = b.c.add(f"topic-{base}", "sns", f"SNS topic\n{name}", region, key, role="topic")
            b.reach(producers(b, key), topic, "publish")
            for consumer, tag, suffix in consumers(b, name, count, key):
                queue = b.c.add(f"queue-{base}-{tag}", "sqs-queue",
                                f"SQS queue{suffix}\n{name}", region, key, role="subscription-queue",
                                family=f"queue-{base}")
                b.c.link(topic, queue, "fan-out", kind="event")
                b.reach([consumer], queue, "poll")  # consumers pull from SQS
            notify_people_too(b, topic, name, spec, key)
        elif choice in POINT_TO_CONSUMERS:
            prefix, produce, consume, pulled = POINT_TO_CONSUMERS[choice]
            node = b.c.add(f"{prefix}-{base}", choice, f"{short_name(choice)}\n{name}", region, key, role="channel")
            b.reach(producers(b, key), node, produce)
            for consumer, _, _ in consumers(b, name, count, key):
                if pulled:
                    b.reach([consumer], node, consume)
                elif choice == "step-functions" and b.c.service_of(consumer) not in TASK_TARGETS:
                    b.reach([consumer], node, "poll activity tasks")  # an activity worker asks for work
                else:
                    b.c.link(node, consumer, consume, kind="event")
            if choice == "sns":
                notify_people_too(b, node, name, spec, key)
        elif choice == "kinesis-data-firehose":
            hose = b.c.add(f"firehose-{base}", choice, f"Kinesis Data Firehose\n{name}", region, key, role="channel")
            b.reach(producers(b, key), hose, "put records")
            b.c.link(hose, destination(b, str(spec.get("deliver_to") or "s3"), name, key), "delivers", kind="data")
        elif choice == "amazon-mq":
            broker(b, d, spec, count)
        else:
            node = b.c.add(f"channel-{base}", choice, f"{short_name(choice)}\n{name}", region, key, role="channel")
            b.reach(producers(b, key), node, "send")


def broker(b: "Builder", d: dict, spec: dict, count: int) -> None:
    """An Amazon MQ broker: under a multi-AZ scope an active/standby pair in two AZs sharing storage."""
    name, key = str(d["subject"]), b.key(d)
    base = f"broker-{slug(name)}"
    pair = b.multi_az
    active = b.c.add(base, "amazon-mq", f"Amazon MQ broker\n({'active' if pair else 'single instance'})\n{name}",
                     b.subnet(1, b.azs[0], "data"), key, role="primary" if pair else "store", family=base)
    if pair:
        standby = b.c.add(f"{base}-standby", "amazon-mq", f"Amazon MQ broker\n(standby)\n{name}",
                          b.subnet(1, b.azs[-1], "data"), key, role="standby", family=base)
        b.c.link(active, standby, "shared durable storage (failover)", "dashed", "replication")
    wire = str(spec.get("existing_protocol") or "").upper() or "messages"
    b.from_apps(active, wire, because=key)
    for consumer, _, _ in consumers(b, name, count, key):
        b.c.link(consumer, active, f"consume ({wire})" if wire != "messages" else "consume", kind="data")


def destination(b: "Builder", target: str, name: str, key: str) -> str:
    if target == "redshift":
        found = b.c.find("redshift")
        return found[0] if found else b.c.add("warehouse", "redshift", "Redshift\ndata warehouse",
                                               b.analytics_group(), role="store", because=key)
    if target == "opensearch":
        found = b.c.find("opensearch")
        return found[0] if found else b.c.add("log-search", "opensearch", "OpenSearch Service",
                                               b.analytics_group(), role="store", because=key)
    if target == "splunk":
        return b.c.add("splunk", "internet", "Splunk", b.internet_group(), role="external", because=key)
    return b.bucket(f"bucket-{slug(name)}-delivery", f"S3 bucket\n{name} delivery", role="store", because=key)
