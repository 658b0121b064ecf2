"""Messaging: one decision per channel between parts of the system.

Queues (SQS) decouple and buffer for one consumer group; topics (SNS) push
to many subscribers, durably when each subscriber has its own queue
(fan-out); streams (Kinesis) keep an ordered, replayable log for several
readers; Firehose loads a stream into a store; Amazon MQ keeps existing
broker protocols; Step Functions coordinates the steps of a workflow; EventBridge routes events by rules
on their content to the targets that want them.

What an EventBridge decision adds to the drawing, the cost estimate and the CloudFormation template is
registered in rules.event_bus (``draws_choice``, ``pricer``, ``templates``); Kafka (Amazon MSK), message sizes and
stream processing are in rules.streaming, people as consumers (email, SMS, mobile push) in
rules.notifications, and a channel that must survive its region in rules.channel_region; this concern
takes their rows in its own order.
"""
from __future__ import annotations

from ..engine.model import Concern, Eliminate, Select, Warn
from . import channel_region, devices, event_bus, notifications, streaming
from .common import SERVER_COMPUTE, channels, users_run_on

SQS = "notes: Simple Queuing Service (SQS)"
SNS = "notes: Simple Notification Service (SNS)"
SQS_VS_SNS = "notes: SQS vs SNS"
KINESIS = "notes: Kinesis"
KINESIS_STREAMS = "notes: Kinesis Streams"
FIREHOSE = "notes: Kinesis Firehose"
KINESIS_VS_SQS = "notes: Kinesis vs SQS"
AMAZON_MQ = "notes: Amazon MQ"
SWF = "notes: Simple Workflow Service"
FIFO_LIMITS = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html"
FIFO_DOC = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues.html"
FANOUT_DOC = "https://docs.aws.amazon.com/sns/latest/dg/sns-common-scenarios.html"
STEP_FUNCTIONS = "https://docs.aws.amazon.com/step-functions/latest/dg/welcome.html"
EVENTBRIDGE = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-what-is.html"
EVENTBRIDGE_RULES = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rules.html"
EVENTBRIDGE_QUOTAS = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html"
EVENTBRIDGE_RETRY = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html"
EVENTBRIDGE_TARGETS = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html"
FIREHOSE_FROM_STREAM = "https://docs.aws.amazon.com/firehose/latest/dev/writing-with-kinesis-streams.html"
KINESIS_RETENTION = "https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html"
KINESIS_FAN_OUT = "https://docs.aws.amazon.com/streams/latest/dev/enhanced-consumers.html"
FIREHOSE_RECORD = "https://docs.aws.amazon.com/firehose/latest/APIReference/API_Record.html"
STEP_FUNCTIONS_TYPES = "https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html"
SNS_FILTERING = "https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering.html"
SQS_VISIBILITY = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html"

QUEUES = ("sqs-standard", "sqs-fifo")
ALL = ("sqs-standard", "sqs-fifo", "sns", "sns-sqs-fanout", "kinesis-data-streams", "kinesis-data-firehose",
       "amazon-mq", "step-functions", "eventbridge", "msk", "iot-core")
EVENT_BUS = {"put_events": "10000/s"}  # PutEvents default quota in the largest regions (lower in others)
FIFO = {"fifo": "300/s", "fifo_batched": "3000/s"}
# High-throughput FIFO quotas (SQS Developer Guide, message quotas): the largest regions, and e.g. us-east-2.
FIFO_HIGH = {"fifo_batched": "3000/s", "high_largest": "70000/s", "high_other": "19000/s"}

MESSAGING = Concern(
    id="messaging",
    title="Messaging service",
    question="Which messaging service should carry this channel?",
    subject_kind="channel",
    choices=ALL,
    raised=channels(),
    depends_on=("compute",),
    rules=(
        Eliminate(
            id="messaging.fifo-throughput",
            title="SQS FIFO tops out at 3,000 messages/s with batching",
            rationale="In its default mode a FIFO queue processes 300 API calls per second per action, or 3,000 "
                      "messages with batches of ten: the figures the notes and the exam give, and the only ones "
                      "every region offers. High-throughput mode goes much further but its quota differs by "
                      "region (see messaging.fifo-high-throughput-mode), so archadvisor keeps the default limit.",
            sources=(SQS, FIFO_LIMITS),
            pillars=("performance-efficiency",),
            thresholds=FIFO,
            when=lambda c, t: c.gt("this.rate", t.fifo_batched),
            reason="rate is {this.rate}, above SQS FIFO's limit of {t.fifo_batched} with batching ({t.fifo} "
                   "without)",
            choices=("sqs-fifo",),
        ),
        Eliminate(
            id="messaging.standard-no-order",
            title="Standard queues may reorder",
            rationale="Standard SQS delivers at least once and best-effort ordered: messages can arrive out of order "
                      "or twice.",
            sources=(SQS,),
            pillars=("reliability",),
            when=lambda c, t: c.eq("this.ordering", "strict"),
            reason="ordering is strict: a standard queue delivers in best-effort order and can reorder messages",
            choices=("sqs-standard",),
        ),
        Eliminate(
            id="messaging.standard-may-duplicate",
            title="Standard queues may deliver twice",
            rationale="Standard SQS delivers at least once: now and then a message arrives twice; only FIFO "
                      "queues deduplicate (within five minutes).",
            sources=(SQS, FIFO_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.eq("this.delivery", "exactly-once"),
            reason="delivery is exactly-once: a standard queue delivers at least once and can deliver a message twice",
            choices=("sqs-standard",),
        ),
        Eliminate(
            id="messaging.queue-one-consumer",
            title="A queue message goes to one consumer",
            rationale="Each SQS message is processed by one consumer and then deleted; consumers that each need "
                      "every message need a topic or a stream.",
            sources=(SQS_VS_SNS, KINESIS_VS_SQS),
            pillars=("reliability",),
            thresholds={"consumers": 2},
            when=lambda c, t: c.ge("this.consumers", t.consumers),
            reason="{this.consumers} consumer applications each need every message; a queue hands each message "
                   "to only one",
            choices=QUEUES,
        ),
        Eliminate(
            id="messaging.no-replay-in-queues-or-topics",
            title="Queues and topics cannot replay",
            rationale="A processed SQS or Amazon MQ message is deleted, SNS keeps nothing and Firehose only "
                      "delivers; only a stream lets consumers re-read from any point.",
            sources=(KINESIS_VS_SQS, SQS_VS_SNS, FIREHOSE),
            pillars=("reliability",),
            when=lambda c, t: c.true("this.replay"),
            reason="replay is true: a consumed queue message (SQS, Amazon MQ) is deleted, SNS keeps no copy and "
                   "Firehose keeps nothing once delivered, so nothing can be re-read",
            choices=("sqs-standard", "sqs-fifo", "sns", "sns-sqs-fanout", "kinesis-data-firehose", "amazon-mq"),
        ),
        Eliminate(
            id="messaging.sqs-retention",
            title="SQS keeps messages 14 days at most",
            rationale="Messages stay in a queue from one minute to fourteen days (four by default).",
            sources=(SQS,),
            pillars=("reliability",),
            thresholds={"retention": "14d"},
            when=lambda c, t: c.gt("this.retention", t.retention),
            reason="retention is {this.retention}, beyond SQS's {t.retention} maximum",
            choices=("sqs-standard", "sqs-fifo", "sns-sqs-fanout"),
        ),
        Eliminate(
            id="messaging.kinesis-retention",
            title="Kinesis keeps records 365 days at most",
            rationale="Kinesis Data Streams retains 24 hours by default, up to 7 days, or 365 with long-term "
                      "retention.",
            sources=(KINESIS_STREAMS, KINESIS_RETENTION),
            pillars=("reliability",),
            thresholds={"retention": "365d"},
            when=lambda c, t: c.gt("this.retention", t.retention),
            reason="retention is {this.retention}, beyond Kinesis' {t.retention}; land the data in S3 instead",
            choices=("kinesis-data-streams",),
        ),
        Eliminate(
            id="messaging.sns-keeps-nothing",
            title="SNS alone does not buffer",
            rationale="SNS pushes to whoever is subscribed and does not persist messages; decoupling or buffering "
                      "needs a queue that holds messages until the consumer is ready.",
            sources=(SQS_VS_SNS,),
            pillars=("reliability",),
            when=lambda c, t: c.one_of("this.purpose", "decouple", "buffer-writes"),
            reason="purpose is {this.purpose}: messages must wait for the consumer, and SNS keeps none",
            choices=("sns",),
        ),
        Eliminate(
            id="messaging.sns-cannot-reach-private-servers",
            title="SNS cannot push to servers in private subnets",
            rationale=("SNS delivers to Lambda, SQS, Firehose, HTTP(S) endpoints it can reach, email, SMS and mobile "
                       "push. Containers and instances in private subnets have no endpoint SNS can reach, so they "
                       "receive by polling a queue subscribed to the topic, which also keeps what was sent while "
                       "they were down."),
            sources=("https://docs.aws.amazon.com/sns/latest/dg/sns-event-destinations.html", FANOUT_DOC),
            pillars=("reliability",),
            when=lambda c, t: users_run_on(c, *SERVER_COMPUTE) and not notifications.people_only(c),
            reason=("the consumers run on {decision.compute} in private subnets: SNS cannot push to them, so they "
                    "poll a queue"),
            choices=("sns",),
        ),
        Eliminate(
            id="messaging.fanout-needs-several-consumers",
            title="Fan-out needs more than one consumer",
            rationale="SNS to SQS fan-out gives each consumer application its own queue; one consumer needs one "
                      "queue.",
            sources=(FANOUT_DOC,),
            pillars=("cost-optimization",),
            thresholds={"consumers": 2},
            # one application beside people named as endpoints still gets its own queue behind the topic
            when=lambda c, t: c.lt("this.consumers", t.consumers) and not notifications.people_and_applications(c),
            reason="consumers is {this.consumers}: there is nobody to fan out to",
            choices=("sns-sqs-fanout",),
        ),
        Eliminate(
            id="messaging.mq-for-existing-protocols",
            title="Amazon MQ is for apps that already speak a broker protocol",
            rationale="Amazon MQ runs ActiveMQ/RabbitMQ brokers for JMS, AMQP, MQTT, STOMP and OpenWire clients; "
                      "new applications use SQS and SNS, which scale without brokers to size.",
            sources=(AMAZON_MQ,),
            pillars=("operational-excellence", "performance-efficiency"),
            when=lambda c, t: not c.given("this.existing_protocol"),
            reason="no existing broker protocol is named: SQS/SNS scale without brokers to run",
            choices=("amazon-mq",),
        ),
        Eliminate(
            id="messaging.firehose-needs-destination",
            title="Firehose only loads into a store",
            rationale="Firehose delivers to S3, Redshift, OpenSearch, Splunk or HTTP endpoints; it has no consumer "
                      "applications of its own.",
            sources=(FIREHOSE,),
            pillars=("performance-efficiency",),
            when=lambda c, t: not c.given("this.deliver_to"),
            reason="deliver_to is not given: Firehose has no consumers, only destinations",
            choices=("kinesis-data-firehose",),
        ),
        Eliminate(
            id="messaging.step-functions-for-workflows",
            title="Step Functions coordinates workflows, not message traffic",
            rationale="Step Functions runs a state machine of steps with retries and branches; it is not a channel "
                      "for a stream of messages.",
            sources=(STEP_FUNCTIONS,),
            pillars=("operational-excellence",),
            when=lambda c, t: not c.eq("this.purpose", "workflow"),
            reason="purpose is {this.purpose}, not workflow",
            choices=("step-functions",),
        ),
        Eliminate(
            id="messaging.event-bus-for-routing",
            title="An event bus routes events by rules; it is not a queue, stream or topic",
            rationale=("EventBridge matches each event against rules on its content and sends it to the targets "
                       "that want it; plain point-to-point or fan-out traffic is simpler and cheaper on SQS and SNS."),
            sources=(EVENTBRIDGE,),
            pillars=("cost-optimization", "operational-excellence"),
            when=lambda c, t: not c.eq("this.purpose", "route"),
            reason="purpose is {this.purpose}, not route: no rules pick targets by the events' content",
            choices=("eventbridge",),
        ),
        Eliminate(
            id="messaging.event-bus-unordered",
            title="EventBridge does not keep order",
            rationale="EventBridge delivers events to targets with no ordering guarantee; strict order needs a FIFO "
                      "queue or a stream shard.",
            sources=(EVENTBRIDGE_RULES,),
            pillars=("reliability",),
            when=lambda c, t: c.eq("this.ordering", "strict"),
            reason="ordering is strict: EventBridge may deliver events out of order",
            choices=("eventbridge",),
        ),
        Eliminate(
            id="messaging.event-bus-at-least-once",
            title="EventBridge delivers at least once",
            rationale="EventBridge retries delivery and can deliver an event more than once; exactly-once "
                      "processing needs SQS FIFO's deduplication.",
            sources=(EVENTBRIDGE_RETRY,),
            pillars=("reliability",),
            when=lambda c, t: c.eq("this.delivery", "exactly-once"),
            reason="delivery is exactly-once: EventBridge can deliver an event twice",
            choices=("eventbridge",),
        ),
        Eliminate(
            id="messaging.event-bus-throughput",
            title="PutEvents has a per-region quota",
            rationale=("An event bus accepts PutEvents up to a per-region quota (10,000 requests/s by default in the "
                       "largest regions, less in others; it can be raised); a firehose of events at higher rates "
                       "belongs on a stream."),
            sources=(EVENTBRIDGE_QUOTAS,),
            pillars=("performance-efficiency",),
            thresholds=EVENT_BUS,
            when=lambda c, t: c.gt("this.rate", t.put_events),
            reason="rate is {this.rate}, above EventBridge's default PutEvents quota of {t.put_events}",
            choices=("eventbridge",),
        ),
        *streaming.ELIMINATIONS,
        *notifications.ELIMINATIONS,
        Select(
            id="messaging.event-bus",
            title="Events routed by rules to the targets that want them: an EventBridge event bus",
            rationale=("EventBridge receives events from the application, AWS services and SaaS partners, and rules "
                       "matching on each event's content send it to Lambda, SQS, SNS, Step Functions, Kinesis or "
                       "HTTP API destinations, with archive and replay."),
            sources=(EVENTBRIDGE, EVENTBRIDGE_TARGETS),
            pillars=("operational-excellence", "reliability"),
            when=lambda c, t: c.eq("this.purpose", "route"),
            reason="purpose is route: rules on each event's content send it to the targets that want it",
            choice="eventbridge",
        ),
        Select(
            id="messaging.route-with-filter-policies",
            title="Routing by content beyond the event bus's rate: SNS filter policies",
            rationale=("An SNS topic delivers each message only to the subscriptions whose filter policy matches "
                       "its attributes or body, one SQS queue per consumer: content-based routing at SNS's higher "
                       "publish rates, where EventBridge's PutEvents quota (10,000 events a second in the largest "
                       "Regions, adjustable) is too low. A queue alone cannot route."),
            sources=(SQS_VS_SNS, FANOUT_DOC, SNS_FILTERING),
            pillars=("performance-efficiency",),
            thresholds=EVENT_BUS,
            when=lambda c, t: (c.eq("this.purpose", "route") and c.gt("this.rate", t.put_events)
                               and not c.eq("this.ordering", "strict") and not c.eq("this.delivery", "exactly-once")),
            reason=("purpose is route at {this.rate}, above the event bus's {t.put_events}: an SNS topic with a "
                    "filter policy on each consumer's SQS "
                    "subscription routes every message to the queues that want it"),
            choice="sns-sqs-fanout",
        ),
        *streaming.SELECTIONS,
        *devices.SELECTIONS,
        Select(
            id="messaging.existing-broker",
            title="Move a broker-based app without code changes",
            rationale="Amazon MQ is a managed ActiveMQ/RabbitMQ broker that speaks the protocols the code already "
                      "uses, so the application moves without being rewritten for SQS/SNS.",
            sources=(AMAZON_MQ,),
            pillars=("operational-excellence",),
            when=lambda c, t: c.given("this.existing_protocol"),
            reason="existing_protocol is {this.existing_protocol}: Amazon MQ speaks it, so the code moves unchanged",
            choice="amazon-mq",
        ),
        Select(
            id="messaging.workflow",
            title="Coordinate the steps of a workflow",
            rationale="Step Functions keeps the state of each run, retries failed steps and branches, instead of "
                      "hand-built chains of queues.",
            sources=(STEP_FUNCTIONS, SWF),
            pillars=("operational-excellence", "reliability"),
            when=lambda c, t: c.eq("this.purpose", "workflow"),
            reason="purpose is workflow: Step Functions orchestrates the steps with state, retries and branches",
            choice="step-functions",
        ),
        Select(
            id="messaging.analyse-then-load",
            title="Analysed as it arrives, replayed or read by several consumers, and loaded into a store: a "
                  "stream feeding Firehose",
            rationale=("Firehose buffers before it delivers and keeps nothing to replay; Kinesis Data Streams is read "
                       "as records arrive and replayed, and a Firehose delivery stream can take the data stream as "
                       "its source to load S3, Redshift or OpenSearch with no consumer code."),
            sources=(KINESIS_STREAMS, FIREHOSE, FIREHOSE_FROM_STREAM),
            pillars=("performance-efficiency", "operational-excellence"),
            thresholds={"consumers": 2},
            when=lambda c, t: (c.true("this.realtime_analytics") or c.true("this.replay")
                               or c.ge("this.consumers", t.consumers)) and c.given("this.deliver_to"),
            reason="deliver_to is {this.deliver_to}, realtime_analytics is {this.realtime_analytics}, replay is "
                   "{this.replay}, consumers {this.consumers}: a Kinesis data stream is read as records arrive "
                   "(and replayed) by each consumer, and a Firehose delivery stream reading from it loads "
                   "{this.deliver_to}",
            choice="kinesis-data-streams",
        ),
        Select(
            id="messaging.load-into-store",
            title="Load a stream into a store with no consumer code",
            rationale="Firehose captures, optionally transforms with Lambda, buffers and loads streaming data into "
                      "S3, Redshift, OpenSearch or Splunk, fully managed.",
            sources=(FIREHOSE,),
            pillars=("operational-excellence",),
            when=lambda c, t: c.given("this.deliver_to"),
            reason="deliver_to is {this.deliver_to}: Firehose loads the stream there with no consumer to write",
            choice="kinesis-data-firehose",
        ),
        Select(
            id="messaging.stream-replay",
            title="Several readers, replay or live analysis: a stream",
            rationale="Kinesis Data Streams keeps an ordered log per shard for 1 to 365 days; several consumers read "
                      "it independently and can replay from any point.",
            sources=(KINESIS_STREAMS, KINESIS_VS_SQS),
            pillars=("performance-efficiency", "reliability"),
            when=lambda c, t: c.true("this.replay") or c.true("this.realtime_analytics")
            or c.eq("this.purpose", "stream") or c.true("this.stream_processing"),
            reason="replay is {this.replay}, realtime_analytics is {this.realtime_analytics}, purpose is "
                   "{this.purpose}, stream_processing is {this.stream_processing}: Kinesis keeps an ordered, "
                   "replayable log that several consumers (and a stream processor) read",
            choice="kinesis-data-streams",
        ),
        Select(
            id="messaging.long-retention",
            title="Kept longer than a queue can: a stream",
            rationale="SQS keeps messages 14 days at most; Kinesis Data Streams retains records up to 365 days.",
            sources=(SQS, KINESIS_RETENTION),
            pillars=("reliability",),
            thresholds={"retention": "14d"},
            when=lambda c, t: c.gt("this.retention", t.retention),
            reason="retention is {this.retention}, beyond SQS's {t.retention}: Kinesis keeps records up to 365 days",
            choice="kinesis-data-streams",
        ),
        Select(
            id="messaging.ordered-at-scale",
            title="Strict order beyond FIFO's throughput: a stream",
            rationale="Kinesis keeps order within a shard (by partition key) at any number of shards, where a FIFO "
                      "queue stops at 3,000 messages/s.",
            sources=(KINESIS, FIFO_LIMITS),
            pillars=("performance-efficiency",),
            thresholds=FIFO,
            when=lambda c, t: c.eq("this.ordering", "strict") and c.gt("this.rate", t.fifo_batched),
            reason="ordering is strict at {this.rate}, above FIFO's {t.fifo_batched}: Kinesis keeps order per "
                   "partition key at that rate",
            choice="kinesis-data-streams",
        ),
        Select(
            id="messaging.fan-out",
            title="Every consumer needs every message: SNS to one SQS queue each",
            rationale="SNS publishes each message to several SQS queues, one per consumer application, so each "
                      "processes every message at its own pace and nothing is lost while a consumer is down.",
            sources=(SNS, FANOUT_DOC, SQS_VS_SNS),
            pillars=("reliability",),
            thresholds={"consumers": 2},
            when=lambda c, t: c.ge("this.consumers", t.consumers) and (
                not c.eq("this.purpose", "notify") or users_run_on(c, *SERVER_COMPUTE)),
            reason="{this.consumers} consumer applications each need every message: SNS fans out to one SQS "
                   "queue per consumer",
            choice="sns-sqs-fanout",
        ),
        *notifications.SELECTIONS,
        Select(
            id="messaging.notify",
            title="Push notifications to subscribers",
            rationale="SNS pushes each message to every subscriber (Lambda, HTTP, email, SMS, mobile push) with no "
                      "polling.",
            sources=(SNS,),
            pillars=("operational-excellence",),
            when=lambda c, t: c.eq("this.purpose", "notify"),
            reason="purpose is notify: SNS pushes each message to all subscribers at once",
            choice="sns",
        ),
        Select(
            id="messaging.ordered-once",
            title="In order and exactly once: a FIFO queue",
            rationale="SQS FIFO keeps first-in-first-out order within a message group and removes duplicates, for "
                      "exactly-once processing, up to 300 messages/s (3,000 with batching) in the default mode, "
                      "and up to 70,000/s in high-throughput mode in the largest regions.",
            sources=(SQS, FIFO_DOC),
            pillars=("reliability",),
            thresholds=FIFO,
            when=lambda c, t: c.eq("this.ordering", "strict") or c.eq("this.delivery", "exactly-once"),
            reason="ordering is {this.ordering} and delivery is {this.delivery} at {this.rate}: FIFO keeps order "
                   "and processes each message once",
            choice="sqs-fifo",
        ),
        Select(
            id="messaging.decouple",
            title="Decouple producer and consumer with a standard queue",
            rationale="Standard SQS has nearly unlimited throughput, keeps messages up to 14 days and lets the "
                      "consumer work at its own pace; it delivers at least once.",
            sources=(SQS,),
            pillars=("reliability", "performance-efficiency"),
            reason="rate is {this.rate}, ordering is {this.ordering}, delivery is {this.delivery}: a standard queue "
                   "buffers and scales without limit, delivering at least once in best-effort order",
            choice="sqs-standard",
        ),
        Warn(
            id="messaging.kinesis-enhanced-fan-out",
            title="Several consumer applications on one stream: enhanced fan-out",
            rationale=("A shard serves 2 MB/s of reads and five GetRecords calls a second, shared by every "
                       "consumer that polls it: past two or three consumers each waits for the others. Enhanced "
                       "fan-out gives each registered consumer its own 2 MB/s per shard, pushed over HTTP/2 in "
                       "about 70 ms, at a charge per consumer-shard hour and per GB."),
            sources=(KINESIS_STREAMS, KINESIS_FAN_OUT),
            pillars=("performance-efficiency",),
            thresholds={"shared": 2},
            when=lambda c, t: c.gt("this.consumers", t.shared),
            reason=("consumers is {this.consumers}: polling consumers share each shard's 2 MB/s and five reads a "
                    "second; register them for enhanced fan-out, 2 MB/s per consumer per shard"),
            choices=("kinesis-data-streams",),
        ),
        Warn(
            id="messaging.firehose-record-size",
            title="Firehose takes records up to 1,000 KiB",
            rationale=("A record put to Firehose is at most 1,000 KiB before base64 encoding; larger payloads go "
                       "to S3 directly, with a reference in the stream."),
            sources=(FIREHOSE, FIREHOSE_RECORD),
            pillars=("reliability",),
            thresholds={"record": "1000 KiB"},
            when=lambda c, t: c.gt("this.message_size", t.record),
            reason=("message_size is {this.message_size}, over Firehose's {t.record} per record: write the payloads "
                    "to S3 and send references, or split them"),
            choices=("kinesis-data-firehose",),
        ),
        Warn(
            id="messaging.express-workflows",
            title="Many short workflow runs: Express workflows",
            rationale=("Step Functions Standard workflows run up to a year, exactly once, and are billed per state "
                       "transition; Express workflows run up to five minutes, at least once, at rates of 100,000 "
                       "starts a second, billed per run and duration: the cheaper and faster fit for high-rate, "
                       "short, idempotent steps (event processing, streaming)."),
            sources=(STEP_FUNCTIONS, STEP_FUNCTIONS_TYPES),
            pillars=("cost-optimization", "performance-efficiency"),
            thresholds={"rate": "1000/s", "express": "5m"},
            when=lambda c, t: (c.gt("this.rate", t.rate) and c.le("compute.max_duration", t.express)
                               and not c.eq("this.delivery", "exactly-once")),
            reason=("rate is {this.rate} with runs of up to {compute.max_duration}: use Express workflows (up to "
                    "{t.express}, at least once, billed per run); keep Standard for long or exactly-once runs"),
            choices=("step-functions",),
        ),
        Warn(
            id="messaging.task-outlasts-visibility-timeout",
            title="A task longer than SQS's longest visibility timeout",
            rationale=("A consumer that receives a message has it hidden from the others for the visibility timeout, "
                       "at most 12 hours; a message not deleted by then is delivered again, so a task that runs "
                       "longer is started twice. Delete the message when the task starts and record the task's "
                       "progress in a table (DynamoDB), or run long jobs as a Step Functions workflow (a standard "
                       "workflow runs for up to a year)."),
            sources=(SQS, SQS_VISIBILITY, STEP_FUNCTIONS),
            pillars=("reliability",),
            thresholds={"visibility": "12h"},
            when=lambda c, t: c.gt("compute.max_duration", t.visibility),
            reason=("max_duration is {compute.max_duration}, longer than the {t.visibility} a received message can "
                    "stay hidden: it would be delivered again while its task still runs; delete it when the task "
                    "starts and track the task in a table, or run the job under Step Functions"),
            choices=QUEUES + ("sns-sqs-fanout",),
        ),
        Warn(
            id="messaging.fifo-needs-batching",
            title="Above 300 messages/s FIFO needs batching",
            rationale="FIFO's 300 operations/s become 3,000 messages/s only with batches of ten.",
            sources=(FIFO_LIMITS,),
            pillars=("performance-efficiency",),
            thresholds=FIFO,
            when=lambda c, t: c.gt("this.rate", t.fifo),
            reason="rate is {this.rate}, above {t.fifo}: send in batches of ten (up to {t.fifo_batched})",
            choices=("sqs-fifo",),
        ),
        Warn(
            id="messaging.exactly-once-unavailable",
            title="Exactly-once is not available at this rate",
            rationale="Only FIFO queues deduplicate, and they stop at 3,000 messages/s; beyond that, consumers must "
                      "be idempotent.",
            sources=(FIFO_LIMITS, SQS),
            pillars=("reliability",),
            thresholds=FIFO,
            when=lambda c, t: c.eq("this.delivery", "exactly-once"),
            reason="delivery is exactly-once but the rate ({this.rate}) or the consumers rule out FIFO: the chosen "
                   "service delivers at least once, so make consumers idempotent (e.g. a deduplication table)",
            choices=("sqs-standard", "sns", "kinesis-data-streams", "kinesis-data-firehose"),
        ),
        Warn(
            id="messaging.fifo-high-throughput-mode",
            title="High-throughput FIFO may still keep order at this rate",
            rationale=("Current AWS documentation: a FIFO queue in high-throughput mode handles up to 70,000 "
                       "transactions/s in us-east-1, us-west-2 and eu-west-1, and less elsewhere (19,000 in "
                       "us-east-2 and eu-central-1). The notes and most exam material give 300/s, 3,000/s with "
                       "batching, which is the default mode's limit and the one archadvisor decides on."),
            sources=(FIFO_LIMITS, FIFO_DOC),
            pillars=("performance-efficiency", "reliability"),
            thresholds=FIFO_HIGH,
            when=lambda c, t: (c.eq("this.ordering", "strict") or c.eq("this.delivery", "exactly-once")) and c.gt(
                "this.rate", t.fifo_batched) and not c.gt("this.rate", t.high_largest),
            reason=("rate is {this.rate}, above the default FIFO limit of {t.fifo_batched} but within high-throughput "
                    "FIFO's {t.high_largest} (us-east-1, us-west-2, eu-west-1; {t.high_other} in us-east-2 and "
                    "eu-central-1): if the region's quota covers the rate, an SQS FIFO queue in high-throughput "
                    "mode keeps order and deduplicates"),
            choices=("sqs-standard", "kinesis-data-streams", "sns", "kinesis-data-firehose", "sns-sqs-fanout"),
        ),
        Warn(
            id="messaging.ordered-fan-out-too-fast",
            title="Ordered or deduplicated fan-out is limited by FIFO throughput",
            rationale=("Order and deduplication in a fan-out come from an SNS FIFO topic delivering to SQS FIFO "
                       "queues, within FIFO throughput; beyond it the topic and queues are standard, so they may "
                       "reorder and deliver twice."),
            sources=("https://docs.aws.amazon.com/sns/latest/dg/sns-fifo-topics.html", FIFO_LIMITS),
            pillars=("reliability",),
            thresholds=FIFO,
            when=lambda c, t: (c.eq("this.ordering", "strict") or c.eq("this.delivery", "exactly-once")) and c.gt(
                "this.rate", t.fifo_batched),
            reason=("ordering is {this.ordering} and delivery is {this.delivery}, but the rate ({this.rate}) is above "
                    "FIFO's {t.fifo_batched}: make consumers idempotent and order by a sequence number they carry, "
                    "or carry the channel on a Kinesis stream, ordered per partition key"),
            choices=("sns-sqs-fanout",),
        ),
        Warn(
            id="messaging.ordered-fan-out",
            title="Ordered fan-out needs FIFO topics and queues",
            rationale=("Standard SNS topics and SQS queues do not keep order; an SNS FIFO topic delivering to SQS "
                       "FIFO queues keeps order per message group and deduplicates, at FIFO throughput limits."),
            sources=("https://docs.aws.amazon.com/sns/latest/dg/sns-fifo-topics.html", FIFO_LIMITS),
            pillars=("reliability",),
            thresholds=FIFO,
            when=lambda c, t: (c.eq("this.ordering", "strict") or c.eq("this.delivery", "exactly-once")) and not c.gt(
                "this.rate", t.fifo_batched),
            reason=("ordering is {this.ordering} and delivery is {this.delivery}: publish to an SNS FIFO topic "
                    "subscribed by SQS FIFO queues, which keep order per message group and deduplicate (rate "
                    "{this.rate}, within FIFO's {t.fifo_batched})"),
            choices=("sns-sqs-fanout",),
        ),
        Warn(
            id="messaging.no-priorities-in-sqs",
            title="SQS has no message priorities",
            rationale="The notes: SQS cannot prioritise messages; use one queue per priority and poll the "
                      "high-priority queue first.",
            sources=(SQS,),
            pillars=("performance-efficiency",),
            thresholds={"priorities": 2},
            when=lambda c, t: c.ge("this.priorities", t.priorities),
            reason="{this.priorities} priority levels: create one queue per level and poll the higher ones first",
            choices=("sqs-standard", "sqs-fifo", "sns-sqs-fanout"),
        ),
        Warn(
            id="messaging.event-bus-dead-letters",
            title="Give each EventBridge target a dead-letter queue",
            rationale=("EventBridge retries a failed delivery for up to 24 hours (185 attempts by default) and then "
                       "drops the event, unless the target has an SQS dead-letter queue."),
            sources=(EVENTBRIDGE_RETRY,),
            pillars=("reliability",),
            when=lambda c, t: c.ge("this.consumers", 1),
            reason=("{this.consumers} target(s): give each rule target an SQS dead-letter queue, or events that "
                    "still fail after 24 hours of retries are lost"),
            choices=("eventbridge",),
        ),
        Warn(
            id="messaging.firehose-buffers",
            title="Firehose is near real time, not real time",
            rationale="Firehose buffers by size or time (up to 900 seconds) before each delivery: near real time.",
            sources=(FIREHOSE,),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.true("this.realtime_analytics"),
            reason="realtime_analytics is true: Firehose delivers in buffered batches; analyse on a Kinesis data "
                   "stream if seconds matter",
            choices=("kinesis-data-firehose",),
        ),
        *streaming.WARNINGS,
        *channel_region.WARNINGS,
    ),
)

CONCERNS = [MESSAGING, streaming.STREAM_PROCESSING]
# event_bus is imported for what it registers (EventBridge's drawing, template and price)
__all__ = ["CONCERNS", "MESSAGING", "event_bus"]


