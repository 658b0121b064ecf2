"""Change events: how the system reacts to every change in a store.

``change-events`` follows the store's own service: ``database`` is decided first (depends_on), so a
key-value or document store that became a DynamoDB table gets DynamoDB Streams, and an object store
gets S3 event notifications. Stores whose service has neither (a relational database, a file system,
a volume) do not raise the concern: neither choice could honestly serve them.

Sources: notes "DynamoDB Streams" and "S3 Event Notications", and the AWS pages linked from each rule.
"""
from __future__ import annotations

from ..engine.context import Context
from ..engine.model import Concern, Eliminate, Select, Subject, Warn
from .common import SERVER_COMPUTE, users_run_on
from .storage import DDB_STREAMS, DDB_STREAMS_DOC, DYNAMODB_CHOICES, S3_EVENTS, S3_EVENTS_DOC


# -------------------------------------------------------------------------------------- change-events
def _change_event_stores(ctx: Context) -> list[Subject]:
    """Stores that must react to every change and whose service emits change events."""
    found = []
    for item in ctx.workload.values.get("data", []) or []:
        if not isinstance(item, dict):
            continue
        subject = Subject(item["name"], f"data[{item['name']}]", item)
        store = ctx.for_subject(subject)
        if store.true("this.change_events") and (store.eq("this.kind", "object")
                                                 or store.decided("database", *DYNAMODB_CHOICES)):
            ctx.assumptions.update(store.assumptions)
            found.append(Subject(subject.name, subject.path, item, tuple(store.reads)))
    return found


CHANGE_EVENTS = Concern(
    id="change-events",
    title="Change events",
    question="How does the system react to every change in this store?",
    subject_kind="store",
    choices=("dynamodb-streams", "s3-event-notifications"),
    raised=_change_event_stores,
    depends_on=("database", "compute"),
    rules=(
        Eliminate(
            id="change-events.streams-need-a-table",
            title="DynamoDB Streams record changes to DynamoDB tables",
            rationale="A DynamoDB stream captures item-level changes in a DynamoDB table, not in a bucket.",
            sources=(DDB_STREAMS, DDB_STREAMS_DOC),
            pillars=("operational-excellence",),
            when=lambda c, t: c.eq("this.kind", "object"),
            reason="{subject} is an object store: DynamoDB Streams capture changes to DynamoDB table items only",
            choices=("dynamodb-streams",),
        ),
        Eliminate(
            id="change-events.notifications-need-a-bucket",
            title="S3 event notifications come from buckets",
            rationale="S3 publishes object-created and object-removed events for buckets, not for database tables.",
            sources=(S3_EVENTS, S3_EVENTS_DOC),
            pillars=("operational-excellence",),
            when=lambda c, t: c.decided("database", *DYNAMODB_CHOICES),
            reason="{subject} is a DynamoDB table: S3 event notifications only report changes to objects in buckets",
            choices=("s3-event-notifications",),
        ),
        Select(
            id="change-events.dynamodb-streams",
            title="A DynamoDB table: DynamoDB Streams",
            rationale=("A DynamoDB stream is an ordered record of every item modification (with before and after "
                       "images if wanted), and Lambda triggers react to it."),
            sources=(DDB_STREAMS, DDB_STREAMS_DOC),
            pillars=("operational-excellence", "reliability"),
            when=lambda c, t: c.decided("database", *DYNAMODB_CHOICES),
            reason=("{subject} is a DynamoDB table and change_events is true: DynamoDB Streams record every "
                    "modification in order, and a Lambda trigger reacts to each"),
            choice="dynamodb-streams",
        ),
        Select(
            id="change-events.s3-event-notifications",
            title="An object store: S3 event notifications",
            rationale=("S3 publishes events (object created, removed, restored ...) to SNS, SQS, Lambda or "
                       "EventBridge, so code reacts to each change in the bucket."),
            sources=(S3_EVENTS, S3_EVENTS_DOC),
            pillars=("operational-excellence",),
            reason=("{subject} is an object store and change_events is {this.change_events}: S3 event "
                    "notifications send each object change to SNS, SQS, Lambda or EventBridge"),
            choice="s3-event-notifications",
        ),
        Warn(
            id="change-events.s3-events-at-least-once",
            title="S3 events are at least once, unordered, and can merge on one key",
            rationale=("S3 delivers notifications at least once, usually within seconds, not necessarily in order; "
                       "two simultaneous writes to one key of an unversioned bucket may yield one notification."),
            sources=(S3_EVENTS_DOC,),
            pillars=("reliability",),
            when=lambda c, t: c.true("this.change_events"),
            reason=("change_events is true: S3 notifications arrive at least once and possibly out of order, and "
                    "simultaneous writes to one key of an unversioned bucket can yield a single event: enable "
                    "versioning and make consumers idempotent"),
            choices=("s3-event-notifications",),
        ),
        Warn(
            id="change-events.s3-events-reach-servers-through-a-queue",
            title="S3 events reach containers and instances through a queue",
            rationale=("S3 sends event notifications to SNS topics, SQS queues, Lambda functions or EventBridge, "
                       "never to a container or an instance: code running there receives them by polling an SQS "
                       "queue that the bucket notifies."),
            sources=(S3_EVENTS_DOC,),
            pillars=("reliability", "operational-excellence"),
            when=lambda c, t: users_run_on(c, *SERVER_COMPUTE),
            reason=("compute is {decision.compute}: have the bucket notify an SQS queue, which the application "
                    "polls for the object events of {subject}"),
            choices=("s3-event-notifications",),
        ),
    ),
)


CONCERNS = [CHANGE_EVENTS]
