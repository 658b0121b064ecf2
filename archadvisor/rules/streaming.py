"""Streams beyond Kinesis: Apache Kafka (Amazon MSK) as a channel, how big a message each channel takes, and
stateful processing of a stream over time windows (Amazon Managed Service for Apache Flink).

The messaging concern (rules.messaging) takes its Kafka rows from here, in its own order: the eliminations
join its eliminations, and the selections go ahead of the broker and stream rows. What an MSK or Flink
decision adds to the drawing, the template and the cost is registered here too, beside the rules.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..architecture.registry import draws, draws_choice
from ..cloudformation.registry import templates
from ..cost.pricing import GB, HOURS, line, pricer
from ..engine.model import Concern, Eliminate, Select, Warn

if TYPE_CHECKING:
    from ..architecture.build import Builder

MSK = "https://docs.aws.amazon.com/msk/latest/developerguide/what-is-msk.html"
MSK_SERVERLESS = "https://docs.aws.amazon.com/msk/latest/developerguide/serverless.html"
MSK_SERVERLESS_CONFIG = "https://docs.aws.amazon.com/msk/latest/developerguide/serverless-config.html"
MSK_TIERED = "https://docs.aws.amazon.com/msk/latest/developerguide/msk-tiered-storage.html"
MSK_CONNECT = "https://docs.aws.amazon.com/msk/latest/developerguide/msk-connect.html"
KINESIS_RETENTION = "https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html"
KINESIS_LARGE = "https://docs.aws.amazon.com/streams/latest/dev/large-records.html"
AMAZON_MQ_DOC = "https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/welcome.html"
SQS_QUOTAS = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html"
SQS_LARGE = ("https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/"
             "sqs-s3-messages.html")
SNS_LARGE = "https://docs.aws.amazon.com/sns/latest/dg/large-message-payloads.html"
EVENTBRIDGE_QUOTAS = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html"
FIREHOSE_SOURCES = "https://docs.aws.amazon.com/firehose/latest/dev/create-name.html"
FLINK = "https://docs.aws.amazon.com/managed-flink/latest/java/what-is.html"
FLINK_WINDOWS = "https://docs.aws.amazon.com/managed-flink/latest/java/how-operators.html"
FLINK_STUDIO = "https://docs.aws.amazon.com/managed-flink/latest/java/how-notebook.html"

KINESIS_RECORD = {"record": "1MiB", "large": "10MiB"}
PUSH_PAYLOAD = {"payload": "256KiB"}  # SNS, EventBridge and Step Functions
SQS_PAYLOAD = {"payload": "1MiB"}
MSK_SERVERLESS_MESSAGE = {"message": "8MiB"}
# The channels a stream processor (Flink) reads: a Kinesis stream or a Kafka topic; queues and topics keep
# nothing for it to read.
STREAMS = ("kinesis-data-streams", "msk")


def _kafka(c) -> bool:
    return c.eq("this.existing_protocol", "kafka")


def _beyond_kinesis(c) -> bool:
    """Retention past Kinesis's 365 days, or records that are large all the time (Kinesis takes records above
    1 MiB only now and then)."""
    return c.gt("this.retention", "365d") or c.gt("this.message_size", KINESIS_RECORD["record"])


def _wants_a_stream(c) -> bool:
    return (c.true("this.replay") or c.true("this.realtime_analytics") or c.true("this.stream_processing")
            or c.eq("this.purpose", "stream") or c.gt("this.retention", "14d"))


ELIMINATIONS = (
    Eliminate(
        id="messaging.kafka-clients-need-kafka",
        title="Kafka clients and connectors need a Kafka broker",
        rationale=("Kafka producers, consumers and Kafka Connect connectors speak Kafka's wire protocol: Kinesis, "
                   "SQS, SNS and EventBridge have APIs of their own, and Amazon MQ runs ActiveMQ or RabbitMQ, not "
                   "Kafka. Moving them without code changes needs Apache Kafka, which Amazon MSK runs."),
        sources=(MSK, MSK_CONNECT, AMAZON_MQ_DOC),
        pillars=("operational-excellence",),
        when=lambda c, t: _kafka(c),
        reason=("existing_protocol is kafka: the Kafka clients and connectors speak Kafka's protocol, which only "
                "an Apache Kafka cluster (Amazon MSK) serves; the others would need the code rewritten"),
        choices=("sqs-standard", "sqs-fifo", "sns", "sns-sqs-fanout", "kinesis-data-streams", "amazon-mq",
                 "eventbridge"),
    ),
    Eliminate(
        id="messaging.msk-when-kafka-is-needed",
        title="Amazon MSK when Kafka itself is needed",
        rationale=("Amazon MSK runs Apache Kafka clusters (provisioned brokers or MSK Serverless) in the VPC; a "
                   "new stream without Kafka clients, kept within Kinesis's 365 days and made of records of 1 MiB "
                   "or less, is simpler on Kinesis Data Streams, which has no cluster, partitions or Kafka "
                   "versions to manage and is read by Lambda and Firehose directly."),
        sources=(MSK, KINESIS_RETENTION, KINESIS_LARGE),
        pillars=("operational-excellence", "cost-optimization"),
        when=lambda c, t: not _kafka(c) and not _beyond_kinesis(c),
        reason=("existing_protocol is {this.existing_protocol}, retention {this.retention}, message_size "
                "{this.message_size}: no Kafka clients to keep and nothing beyond Kinesis Data Streams"),
        choices=("msk",),
    ),
    Eliminate(
        id="messaging.kafka-not-other-brokers",
        title="A Kafka cluster does not speak the older broker protocols",
        rationale=("Applications written for JMS, AMQP, MQTT, STOMP or OpenWire brokers need a broker that speaks "
                   "their protocol (Amazon MQ); Kafka has a protocol of its own."),
        sources=(MSK, AMAZON_MQ_DOC),
        pillars=("operational-excellence",),
        when=lambda c, t: c.one_of("this.existing_protocol", "jms", "amqp", "mqtt", "stomp", "openwire"),
        reason="existing_protocol is {this.existing_protocol}: Kafka does not speak it, Amazon MQ does",
        choices=("msk",),
    ),
    Eliminate(
        id="messaging.kinesis-large-records",
        title="Kinesis takes records above 1 MiB only now and then",
        rationale=("A Kinesis record is 1 MiB by default; a stream can be raised to take records up to 10 MiB, "
                   "but only as intermittent bursts (AWS advises under 2% of the traffic), within 1 MB/s of writes "
                   "per shard. The notes give 1 MB as the hard limit. Messages that are large all the time need "
                   "Kafka, whose message size is configured per topic and broker."),
        sources=(KINESIS_LARGE,),
        pillars=("performance-efficiency",),
        thresholds=KINESIS_RECORD,
        when=lambda c, t: c.gt("this.message_size", t.record),
        reason=("message_size is {this.message_size}, above Kinesis's default {t.record} per record: large records "
                "(up to {t.large}) are for occasional payloads, not every message"),
        choices=("kinesis-data-streams",),
    ),
)

SELECTIONS = (
    Select(
        id="messaging.kafka-clients",
        title="Existing Kafka clients or connectors: Amazon MSK",
        rationale=("Amazon MSK runs open-source Apache Kafka, so existing producers, consumers, Kafka Streams "
                   "applications and Kafka Connect connectors (MSK Connect) move without code changes; only the "
                   "bootstrap servers change."),
        sources=(MSK, MSK_CONNECT),
        pillars=("operational-excellence",),
        when=lambda c, t: _kafka(c),
        reason=("existing_protocol is kafka: Amazon MSK runs Apache Kafka, so the clients and connectors move as "
                "they are"),
        choice="msk",
    ),
    Select(
        id="messaging.kafka-beyond-kinesis",
        title="A stream kept past 365 days, or of large messages: Amazon MSK",
        rationale=("Kinesis Data Streams keeps records 365 days at most and takes records above 1 MiB only now "
                   "and then. Kafka topics on MSK keep data as long as configured (MSK Serverless and tiered "
                   "storage allow unlimited retention) and take larger messages (up to 8 MiB on MSK Serverless, "
                   "as configured on provisioned brokers)."),
        sources=(KINESIS_RETENTION, KINESIS_LARGE, MSK_SERVERLESS_CONFIG, MSK_TIERED),
        pillars=("reliability", "performance-efficiency"),
        # Loaded into a store and never replayed: the store keeps the history (Firehose delivers it there).
        when=lambda c, t: _beyond_kinesis(c) and _wants_a_stream(c) and (
            c.true("this.replay") or not c.given("this.deliver_to")),
        reason=("retention is {this.retention} and message_size {this.message_size}, with replay "
                "{this.replay}, realtime_analytics {this.realtime_analytics}, purpose {this.purpose}: a log that "
                "Kinesis cannot keep or carry, which a Kafka topic on Amazon MSK can"),
        choice="msk",
    ),
)

WARNINGS = (
    Warn(
        id="messaging.msk-serverless-or-provisioned",
        title="MSK Serverless unless the brokers must be configured",
        rationale=("MSK Serverless sizes itself and bills for the data, with IAM authentication only and a "
                   "fixed broker configuration (messages up to 8 MiB, unlimited retention); a provisioned cluster "
                   "lets you choose broker types, Kafka version, broker settings and SASL/SCRAM or mutual TLS "
                   "authentication, as a lifted cluster may need."),
        sources=(MSK_SERVERLESS, MSK_SERVERLESS_CONFIG),
        pillars=("operational-excellence", "cost-optimization"),
        thresholds=MSK_SERVERLESS_MESSAGE,
        when=lambda c, t: not c.gt("this.message_size", t.message),
        reason=("message_size is {this.message_size}: MSK Serverless fits (messages up to {t.message}, IAM "
                "authentication); choose provisioned brokers if the existing clients authenticate with SASL/SCRAM "
                "or TLS certificates or need broker settings of their own"),
        choices=("msk",),
    ),
    Warn(
        id="messaging.msk-provisioned-for-large-messages",
        title="Messages above 8 MiB need provisioned MSK brokers",
        rationale="MSK Serverless caps a topic's max.message.bytes at 8 MiB; provisioned brokers take a larger "
                  "message.max.bytes in a custom configuration.",
        sources=(MSK_SERVERLESS_CONFIG,),
        pillars=("performance-efficiency",),
        thresholds=MSK_SERVERLESS_MESSAGE,
        when=lambda c, t: c.gt("this.message_size", t.message),
        reason=("message_size is {this.message_size}, above MSK Serverless's {t.message}: run provisioned brokers "
                "with message.max.bytes raised (or keep the payloads in S3 and send their keys)"),
        choices=("msk",),
    ),
    Warn(
        id="messaging.msk-to-store",
        title="Loading a Kafka topic into a store: Firehose reads MSK",
        rationale=("A Firehose stream can take an MSK cluster's topic as its source and load S3, Redshift, "
                   "OpenSearch or Splunk with no consumer code (an MSK Connect sink connector is the Kafka-native "
                   "alternative)."),
        sources=(FIREHOSE_SOURCES, MSK_CONNECT),
        pillars=("operational-excellence",),
        when=lambda c, t: c.given("this.deliver_to"),
        reason=("deliver_to is {this.deliver_to}: add a Firehose stream whose source is the MSK topic to load "
                "{this.deliver_to} (or an MSK Connect sink connector)"),
        choices=("msk",),
    ),
    Warn(
        id="messaging.large-payload-in-s3",
        title="Large payloads go to S3 and the message carries a pointer",
        rationale=("An SNS message, an EventBridge event and a Step Functions payload take 256 KiB; larger "
                   "payloads are stored in S3 and the message carries their key (the extended client libraries "
                   "of SNS and SQS do this)."),
        sources=(SNS_LARGE, EVENTBRIDGE_QUOTAS, SQS_LARGE),
        pillars=("performance-efficiency", "reliability"),
        thresholds=PUSH_PAYLOAD,
        when=lambda c, t: c.gt("this.message_size", t.payload),
        reason=("message_size is {this.message_size}, above the {t.payload} a message may carry: store each "
                "payload in S3 and send its key (the SNS extended client library does this)"),
        choices=("sns", "sns-sqs-fanout", "eventbridge", "step-functions"),
    ),
    Warn(
        id="messaging.sqs-payload-in-s3",
        title="Payloads above 1 MiB go to S3 with the SQS Extended Client",
        rationale=("An SQS message carries up to 1 MiB once the queue's maximum message size is raised from its "
                   "256 KiB default (current AWS documentation; the notes give 256 KB as the limit); the Extended "
                   "Client Library keeps larger payloads, up to 2 GB, in S3 and sends a reference."),
        sources=(SQS_QUOTAS, SQS_LARGE),
        pillars=("performance-efficiency",),
        thresholds=SQS_PAYLOAD,
        when=lambda c, t: c.gt("this.message_size", t.payload),
        reason=("message_size is {this.message_size}, above SQS's {t.payload}: the SQS Extended Client Library "
                "stores each payload in S3 and queues a reference"),
        choices=("sqs-standard", "sqs-fifo"),
    ),
)


# ------------------------------------------------------------------------------------------ stream-processing
def _processing_channels(ctx) -> list:
    from ..engine.model import Subject

    found = []
    for item in ctx.workload.values.get("messaging") or []:
        if not isinstance(item, dict):
            continue
        subject = Subject(item["name"], f"messaging[{item['name']}]", item)
        scoped = ctx.for_subject(subject)
        if scoped.true("this.stream_processing"):
            found.append(Subject(subject.name, subject.path, item, tuple(scoped.reads)))
    return found


STREAM_PROCESSING = Concern(
    id="stream-processing",
    title="Stream processing",
    question="What aggregates this stream over time windows as it arrives?",
    subject_kind="channel",
    choices=("managed-flink",),
    raised=_processing_channels,
    depends_on=("messaging",),
    rules=(
        Select(
            id="stream-processing.flink",
            title="Windows, aggregations and joins on a stream: Managed Service for Apache Flink",
            rationale=("Amazon Managed Service for Apache Flink (formerly Kinesis Data Analytics) runs Apache "
                       "Flink applications in SQL, Java, Scala or Python that read Kinesis Data Streams or MSK, "
                       "keep state with exactly-once checkpoints, aggregate over tumbling, sliding and session "
                       "windows and write the results to a sink, with no servers to run."),
            sources=(FLINK, FLINK_WINDOWS, FLINK_STUDIO),
            pillars=("operational-excellence", "performance-efficiency"),
            reason=("stream_processing is true: a Flink application reads the channel's stream, keeps the "
                    "windows' state with exactly-once checkpoints and writes each window's result"),
            choice="managed-flink",
        ),
        Warn(
            id="stream-processing.needs-a-stream",
            title="Flink reads a stream",
            rationale=("Managed Service for Apache Flink reads Kinesis Data Streams, Amazon MSK or other Kafka "
                       "clusters, not a queue or topic; the channel must be carried on a stream."),
            sources=(FLINK,),
            pillars=("performance-efficiency",),
            when=lambda c, t: not c.decided("messaging", *STREAMS),
            reason=("the channel is carried on {decision.messaging}, which keeps nothing for Flink to read: carry it "
                    "on a Kinesis data stream (purpose: stream) for the processing"),
            choices=("managed-flink",),
        ),
    ),
)


# ------------------------------------------------------------------------------------------ drawing
@draws_choice("messaging", "msk")
def kafka_cluster(b: "Builder", d: dict) -> None:
    """An MSK cluster's brokers in the data subnets of every AZ drawn; producers and consumers in the VPC reach
    them directly (Kafka clients connect to every broker)."""
    from ..architecture.canvas import slug
    from ..architecture.messaging import channel, consumers
    from ..architecture.build import count as count_of

    name, key = str(d["subject"]), b.key(d)
    cluster = b.c.add(f"kafka-{slug(name)}", "msk", f"Amazon MSK cluster\n(Kafka topic {name})", b.vpc(), key,
                      role="channel", spans=b.subnets(1, "data"))
    b.from_apps(cluster, "produce (Kafka)", because=key)
    for consumer, _, _ in consumers(b, name, count_of(channel(b, name).get("consumers"), 1), key):
        b.c.link(consumer, cluster, "consume (Kafka)", kind="data")


@draws("stream-processing", stage=65)
def stream_processors(b: "Builder") -> None:
    """A Flink application (or function) reading the channel's stream, writing results to the analytics
    store or a bucket."""
    from ..architecture.canvas import slug

    for d in b.choices("stream-processing"):
        name, key = str(d["subject"]), b.key(d)
        source = next((n for n in (f"stream-{slug(name)}", f"kafka-{slug(name)}") if n in b.c.nodes), None)
        node = b.c.add(f"processor-{slug(name)}", d["choice"], f"Managed Service for\nApache Flink\n{name}",
                       b.region(), key, role="consumer")
        if source:
            b.c.link(node, source, "read windows", kind="data")
        results = b.bucket(f"bucket-{slug(name)}-results", f"S3 bucket\n{name} results", role="store", because=key)
        b.c.link(node, results, "window results", kind="data")


# ------------------------------------------------------------------------------------------ cost
@pricer("msk")
def kafka_cost(ctx, item):
    """MSK Serverless: the cluster's hours, its partitions' hours and the data in and out."""

    channel = ctx.channel(item.subject)
    size = channel.get("message_size")
    kilobytes = size.bytes / 1e3 if size is not None else ctx.assumed("message_size")
    gigabytes = ctx.channel_messages(channel) * kilobytes * 1e3 / GB
    readers = max(1, int(channel.get("consumers") or 1))
    partitions = 10
    return [line(ctx, "MSK Serverless cluster", HOURS, "msk-serverless-cluster-hour"),
            line(ctx, "MSK Serverless partitions", partitions * HOURS, "msk-serverless-partition-hour",
                 note=f"{partitions} partitions assumed"),
            line(ctx, "MSK Serverless data in", gigabytes, "msk-serverless-data-in-gb"),
            line(ctx, "MSK Serverless data out", gigabytes * readers, "msk-serverless-data-out-gb",
                 note=f"read by {readers} consumer group(s)")]


@pricer("managed-flink")
def flink_cost(ctx, item):
    """One Kinesis Processing Unit for the application plus one for its orchestration, all month."""

    return [line(ctx, "Managed Service for Apache Flink KPUs", 2 * HOURS, "managed-flink-kpu-hour",
                 note="1 KPU for the application + 1 for orchestration; scales with the load")]


# ------------------------------------------------------------------------------------------ templates
@templates("msk", stage=3)
def kafka_template(gen, unit) -> None:
    """MSK Serverless with IAM authentication in the data subnets; provisioned brokers with message.max.bytes
    raised when messages exceed Serverless's 8 MiB."""
    from ..cloudformation.core import att, gigabytes, ref, sub

    size = gigabytes(gen.channel(unit.subject).get("message_size"), 0) * 1e9
    net = gen.network(unit.template)
    group = gen.security_group(unit, "Amazon MSK cluster")
    subnets = net.two_zone_subnets("data", net.zones_of(unit))
    if size > 8 * 1024 ** 2:
        gen.listen(unit, "tcp", 9094)
        configuration = unit.logical("Configuration")
        unit.template.add(configuration, "AWS::MSK::Configuration", {
            "Name": sub(f"${{AWS::StackName}}-{unit.subject}"[:64]),
            "ServerProperties": f"message.max.bytes={int(size) + 1024}\nreplica.fetch.max.bytes="
                                f"{int(size) + 1024}\n"}, unit.origin("brokers that take the large messages"))
        unit.template.add(unit.logical("Cluster"), "AWS::MSK::Cluster", {
            "ClusterName": sub(f"${{AWS::StackName}}-{unit.subject}"[:64]), "KafkaVersion": "3.6.0",
            "NumberOfBrokerNodes": len(subnets),
            "BrokerNodeGroupInfo": {"InstanceType": "kafka.m5.large", "ClientSubnets": subnets,
                                    "SecurityGroups": [ref(group)],
                                    "StorageInfo": {"EBSStorageInfo": {"VolumeSize": 100}}},
            "ConfigurationInfo": {"Arn": att(configuration, "Arn"), "Revision": 1},
            "EncryptionInfo": {"EncryptionInTransit": {"ClientBroker": "TLS", "InCluster": True}}},
            unit.origin("provisioned brokers: messages above MSK Serverless's 8 MiB"))
        return
    gen.listen(unit, "tcp", 9098)
    unit.template.add(unit.logical("Cluster"), "AWS::MSK::ServerlessCluster", {
        "ClusterName": sub(f"${{AWS::StackName}}-{unit.subject}"[:64]),
        "ClientAuthentication": {"Sasl": {"Iam": {"Enabled": True}}},
        "VpcConfigs": [{"SubnetIds": subnets, "SecurityGroups": [ref(group)]}]},
        unit.origin("MSK Serverless: Kafka with no brokers to size, IAM authentication"))


@templates("managed-flink", stage=6)
def flink_template(gen, unit) -> None:
    """The application's role and a skeleton application; its code (a JAR or SQL notebook) is the team's."""
    from ..cloudformation.compute import role as make_role
    from ..cloudformation.core import att, sub

    role = unit.logical("Role")
    make_role(gen, unit, role, "kinesisanalytics.amazonaws.com", [], statements=[
        {"Effect": "Allow", "Action": ["kinesis:DescribeStream", "kinesis:GetShardIterator", "kinesis:GetRecords",
                                       "kinesis:ListShards", "kafka-cluster:Connect", "kafka-cluster:ReadData",
                                       "kafka-cluster:DescribeTopic"],
         "Resource": "*"}])
    code = unit.template.parameter("FlinkCodeBucketArn", "String", "ARN of the bucket holding the Flink JAR")
    unit.template.add(unit.logical("Application"), "AWS::KinesisAnalyticsV2::Application", {
        "RuntimeEnvironment": "FLINK-1_19", "ServiceExecutionRole": att(role, "Arn"),
        "ApplicationName": sub(f"${{AWS::StackName}}-{unit.subject}"[:128]),
        "ApplicationConfiguration": {"ApplicationCodeConfiguration": {
            "CodeContent": {"S3ContentLocation": {"BucketARN": code, "FileKey": "flink-app.jar"}},
            "CodeContentType": "ZIPFILE"}}},
        unit.origin("the Flink application that aggregates the stream's windows"))
    gen.add_manual(f"Upload the Flink application for {unit.subject} (flink-app.jar) to the code bucket.", unit)
