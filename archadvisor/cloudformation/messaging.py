"""Channels: SQS (standard or FIFO, each with a dead-letter queue), SNS with its subscriptions, SNS to SQS
fan-out, Kinesis Data Streams sized from the rate, Firehose to its destination, Amazon MQ and Step Functions."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .core import Json, att, clamp, gigabytes, per_second, ref, seconds, sub

if TYPE_CHECKING:
    from ..architecture.model import Component
    from .generator import Generator, Unit

MQ_PORTS = {"amqp": 5671, "mqtt": 8883, "stomp": 61614}  # else OpenWire (JMS) over TLS: 61617
KINESIS_RECORDS_PER_SHARD = 1000
SQS_DEFAULT_MESSAGE, SQS_LARGEST_MESSAGE = 256 * 1024, 1024 * 1024
# Channels hold messages in flight, not the system's data: deleting the stack deletes them (said explicitly).
TRANSIENT = "Delete"


def _key(gen: "Generator", unit: "Unit") -> Any:
    return gen.kms_key(unit.template)


def queue(gen: "Generator", unit: "Unit", member: "Component | None" = None, allow_service: str | None = None,
          source_arn: Json | None = None) -> str:
    """A queue with its dead-letter queue; FIFO when the decision is sqs-fifo."""
    member = member or unit.lead
    fifo = unit.choice == "sqs-fifo"
    spec = gen.channel(unit.subject)
    retention = clamp(seconds(spec.get("retention"), 4 * 86400) or 0, 60, 14 * 86400)
    name = unit.template.logical(member.id, "Queue")
    encryption: Json = {"KmsMasterKeyId": _key(gen, unit)} if _key(gen, unit) else {"SqsManagedSseEnabled": True}
    dead: Json = {"MessageRetentionPeriod": 14 * 86400, **encryption}
    props: Json = {"MessageRetentionPeriod": retention, "VisibilityTimeout": 60, **encryption,
                   "RedrivePolicy": {"deadLetterTargetArn": att(f"{name}DeadLetter", "Arn"), "maxReceiveCount": 5}}
    size = gigabytes(spec.get("message_size"), 0) * 1e9
    if size > SQS_DEFAULT_MESSAGE:  # raised from the 256 KiB default, up to SQS's 1 MiB (larger goes via S3)
        props["MaximumMessageSize"] = dead["MaximumMessageSize"] = SQS_LARGEST_MESSAGE
    if fifo:
        dead.update({"FifoQueue": True})
        props.update({"FifoQueue": True, "ContentBasedDeduplication": True,
                      "DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"})
    unit.template.add(f"{name}DeadLetter", "AWS::SQS::Queue", dead,
                      unit.origin("dead-letter queue: messages that fail 5 times, kept 14 days", member=member),
                      keep=TRANSIENT)
    note = "FIFO: ordered, exactly-once processing" if fifo else "standard: at-least-once, nearly unlimited"
    unit.template.add(name, "AWS::SQS::Queue", props, unit.origin(note, member=member), keep=TRANSIENT)
    if allow_service:
        unit.template.add(f"{name}Policy", "AWS::SQS::QueuePolicy", {"Queues": [ref(name)], "PolicyDocument": {
            "Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Principal": {"Service": allow_service}, "Action": "sqs:SendMessage",
                "Resource": att(name, "Arn"), "Condition": {"ArnLike": {"aws:SourceArn": source_arn}}}]}},
            unit.origin(f"{allow_service} may send", member=member))
    gen.refs[member.id] = {"queue": name}
    unit.template.output(f"{name}Url", ref(name), f"queue {member.id}")
    return name


def sqs(gen: "Generator", unit: "Unit") -> None:
    for member in unit.members:
        queue(gen, unit, member)


def topic(gen: "Generator", unit: "Unit", member: "Component | None" = None) -> str:
    member = member or unit.lead
    name = unit.template.logical(member.id, "Topic")
    props: Json = {"KmsMasterKeyId": _key(gen, unit) or "alias/aws/sns"}
    if unit.choice == "sqs-fifo":
        props["FifoTopic"] = True
    unit.template.add(name, "AWS::SNS::Topic", props, unit.origin("push to every subscriber", member=member))
    gen.refs[member.id] = {"topic": name}
    unit.template.output(f"{name}Arn", ref(name), f"topic {member.id}")
    return name


def sns(gen: "Generator", unit: "Unit") -> None:
    """A topic; its push subscribers are wired once the compute exists (see :func:`subscriptions`)."""
    topic(gen, unit)


def subscriptions(gen: "Generator", unit: "Unit") -> None:
    name = gen.refs.get(unit.lead.id, {}).get("topic")
    if not name:
        return
    for target in gen.linked(unit):
        function = gen.refs.get(target.name, {}).get("function")
        if function:
            label = target.template.logical(target.name, "")
            unit.template.add(unit.logical(f"To{label}Permission"), "AWS::Lambda::Permission", {
                "Action": "lambda:InvokeFunction", "FunctionName": ref(function), "Principal": "sns.amazonaws.com",
                "SourceArn": ref(name)}, unit.origin())
            unit.template.add(unit.logical(f"To{label}"), "AWS::SNS::Subscription", {
                "TopicArn": ref(name), "Protocol": "lambda", "Endpoint": att(function, "Arn")},
                unit.origin("push to the consumer function"))
        elif target.lead.service not in ("sqs-queue", "sqs-standard", "sqs-fifo"):
            gen.add_manual(f"Subscribe {target.lead.id}'s HTTPS endpoint to the SNS topic {unit.subject} "
                           "(the endpoint's URL is the application's).", unit)


def fanout(gen: "Generator", unit: "Unit") -> None:
    """SNS to one SQS queue per consumer application."""
    topics = [m for m in unit.members if m.service == "sns"]
    name = topic(gen, unit, topics[0] if topics else None)
    for member in unit.members:
        if member.service == "sns":
            continue
        queue_name = queue(gen, unit, member, allow_service="sns.amazonaws.com", source_arn=ref(name))
        unit.template.add(unit.template.logical(member.id, "Subscription"), "AWS::SNS::Subscription", {
            "TopicArn": ref(name), "Protocol": "sqs", "Endpoint": att(queue_name, "Arn"),
            "RawMessageDelivery": True}, unit.origin("fan-out: every consumer gets every message", member=member))


def kinesis(gen: "Generator", unit: "Unit") -> None:
    spec = gen.channel(unit.subject)
    rate = per_second(spec.get("rate"), 1000)
    shards = clamp(math.ceil(rate / KINESIS_RECORDS_PER_SHARD), 1, 4096)
    retention_hours = clamp((seconds(spec.get("retention"), 86400) or 86400) / 3600, 24, 8760)
    name = unit.logical("Stream")
    key = _key(gen, unit)
    unit.template.add(name, "AWS::Kinesis::Stream", {
        "ShardCount": shards, "RetentionPeriodHours": retention_hours,
        "StreamModeDetails": {"StreamMode": "PROVISIONED"},
        "StreamEncryption": {"EncryptionType": "KMS", "KeyId": key or "alias/aws/kinesis"}},
        unit.origin(f"{shards} shards for {spec.get('rate') or 'the assumed rate'} at 1,000 records/s per shard"),
        keep=TRANSIENT)
    gen.refs[unit.lead.id] = gen.refs[unit.name] = {"stream": name}
    consumers = gen.linked(unit, outgoing=False)
    if len(consumers) > 2:  # more than two readers share 2 MB/s per shard: give each its own pipe
        for consumer in consumers:
            unit.template.add(unit.logical(f"{consumer.template.logical(consumer.name, '')}Consumer"),
                              "AWS::Kinesis::StreamConsumer", {
                                  "StreamARN": att(name, "Arn"), "ConsumerName": consumer.lead.id[:128]},
                              unit.origin("enhanced fan-out: 2 MB/s per shard for this consumer"))
    unit.template.output(f"{name}Name", ref(name), f"stream {unit.subject}")


def firehose(gen: "Generator", unit: "Unit") -> None:
    from .compute import role as make_role
    spec = gen.channel(unit.subject)
    target = str(spec.get("deliver_to") or "s3")
    destinations = gen.linked(unit)
    bucket = next((gen.refs[u.name]["bucket"] for u in destinations if gen.refs.get(u.name, {}).get("bucket")), None)
    if bucket is None:
        bucket = _delivery_bucket(gen, unit)
    role = unit.logical("Role")
    make_role(gen, unit, role, "firehose.amazonaws.com", [], statements=[
        {"Effect": "Allow", "Action": ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject",
                                       "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"],
         "Resource": [att(bucket, "Arn"), sub(f"${{{bucket}.Arn}}/*")]},
        {"Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*"}])
    s3: Json = {"BucketARN": att(bucket, "Arn"), "RoleARN": att(role, "Arn"), "CompressionFormat": "GZIP",
                "BufferingHints": {"IntervalInSeconds": 300, "SizeInMBs": 64}}
    key = gen.kms_arn(unit.template)
    if key:
        s3["EncryptionConfiguration"] = {"KMSEncryptionConfig": {"AWSKMSKeyARN": key}}
    props: Json = {"DeliveryStreamType": "DirectPut",
                   "DeliveryStreamEncryptionConfigurationInput": {"KeyType": "AWS_OWNED_CMK"}}
    note = "delivers to S3, compressed, in 5-minute batches"
    if target == "splunk":
        plain = {k: v for k, v in s3.items() if k != "CompressionFormat"}
        props["SplunkDestinationConfiguration"] = {
            "HECEndpoint": unit.template.parameter("SplunkHecEndpoint", "String", "Splunk HTTP Event Collector URL"),
            "HECEndpointType": "Raw",
            "HECToken": unit.template.parameter("SplunkHecToken", "String", "Splunk HEC token", NoEcho=True),
            "S3BackupMode": "FailedEventsOnly", "S3Configuration": plain}
        note = "delivers to Splunk; failed events to S3"
    else:
        props["ExtendedS3DestinationConfiguration"] = s3
        if target in ("redshift", "opensearch"):
            note = f"delivers to S3; loading into {target} from there is configured on the {target} side"
            gen.add_manual(f"Load the Firehose output for {unit.subject} into {target} (COPY or ingestion pipeline)"
                           " or switch the delivery stream's destination once the cluster's credentials exist.",
                           unit)
    unit.template.add(unit.logical("DeliveryStream"), "AWS::KinesisFirehose::DeliveryStream", props,
                      unit.origin(note))


def _delivery_bucket(gen: "Generator", unit: "Unit") -> str:
    from .data import bucket as make_bucket
    from .generator import Unit as UnitClass
    holder = UnitClass(unit.name + "-delivery", unit.members, unit.template, unit.decision)
    make_bucket(gen, holder)
    return gen.refs[holder.name]["bucket"]


def amazon_mq(gen: "Generator", unit: "Unit") -> None:
    from .data import credentials, identifier
    net = gen.network(unit.template)
    protocol = str(gen.channel(unit.subject).get("existing_protocol") or "openwire")
    gen.listen(unit, "tcp", MQ_PORTS.get(protocol, 61617))
    group = gen.security_group(unit, "Amazon MQ broker")
    multi = net.zone_count > 1
    user, password, _ = credentials(gen, unit, "mqadmin")
    props: Json = {
        "BrokerName": identifier(gen, str(unit.subject), 50), "EngineType": "ACTIVEMQ", "EngineVersion": "5.18",
        "HostInstanceType": "mq.m5.large", "DeploymentMode": "ACTIVE_STANDBY_MULTI_AZ" if multi else "SINGLE_INSTANCE",
        "PubliclyAccessible": False, "AutoMinorVersionUpgrade": True,
        "SubnetIds": net.two_zone_subnets("data", net.zones_of(unit))[:2 if multi else 1],
        "SecurityGroups": [ref(group)], "Users": [{"Username": user, "Password": password}],
        "Logs": {"General": True, "Audit": True}}
    key = gen.kms_arn(unit.template)
    props["EncryptionOptions"] = {"UseAwsOwnedKey": False, "KmsKeyId": key} if key else {"UseAwsOwnedKey": True}
    unit.template.add(unit.logical("Broker"), "AWS::AmazonMQ::Broker", props,
                      unit.origin(f"ActiveMQ speaks {protocol.upper()}: the applications move without code changes"))


def step_functions(gen: "Generator", unit: "Unit") -> None:
    from .compute import role as make_role
    role = unit.logical("Role")
    functions = [gen.refs[u.name]["function"] for u in gen.linked(unit) if gen.refs.get(u.name, {}).get("function")]
    statements = [{"Effect": "Allow", "Action": "lambda:InvokeFunction",
                   "Resource": [att(f, "Arn") for f in functions]}] if functions else []
    make_role(gen, unit, role, "states.amazonaws.com", [], statements=statements or None)
    if functions:
        states = {f"Task{i}": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                               "Parameters": {"FunctionName": "${Function%d}" % i, "Payload.$": "$"},
                               **({"Next": f"Task{i + 1}"} if i + 1 < len(functions) else {"End": True})}
                  for i in range(len(functions))}
        substitutions = {f"Function{i}": att(f, "Arn") for i, f in enumerate(functions)}
    else:
        states = {"Start": {"Type": "Pass", "End": True}}
        substitutions = {}
    props: Json = {"RoleArn": att(role, "Arn"), "StateMachineType": "STANDARD",
                   "Definition": {"StartAt": next(iter(states)), "States": states},
                   "TracingConfiguration": {"Enabled": True}}
    if substitutions:
        props["DefinitionSubstitutions"] = substitutions
    key = gen.kms_arn(unit.template)
    if key:
        props["EncryptionConfiguration"] = {"Type": "CUSTOMER_MANAGED_KMS_KEY", "KmsKeyId": key,
                                            "KmsDataKeyReusePeriodSeconds": 300}
    unit.template.add(unit.logical("StateMachine"), "AWS::StepFunctions::StateMachine", props,
                      unit.origin("a skeleton workflow: one task per consumer, in order"))


HANDLERS: dict[str, tuple[int, Any]] = {
    "sqs-standard": (3, sqs), "sqs-fifo": (3, sqs), "sqs-queue": (3, sqs),
    "sns": (3, sns), "sns-sqs-fanout": (3, fanout), "kinesis-data-streams": (3, kinesis),
    "kinesis-data-firehose": (6, firehose), "amazon-mq": (3, amazon_mq), "step-functions": (6, step_functions),
}
# SNS push subscriptions need the consumer functions: wired after compute.
SUBSCRIPTIONS = subscriptions
