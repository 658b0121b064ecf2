"""AWS IoT Core as a messaging choice: connected devices that publish MQTT.

Its decision-table row is taken by rules.messaging (:data:`SELECTIONS`); this module also registers what
the decision adds to the drawing, the cost estimate and the CloudFormation template. Devices publish to
IoT Core's MQTT broker, each with its own X.509 certificate; an IoT rule selects the channel's messages
by topic and acts on them: it invokes a consumer function, or sends to an SQS queue a consumer service
polls (servers in private subnets cannot be pushed to).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..architecture.registry import draws_choice
from ..cloudformation.registry import templates
from ..cost.pricing import HOURS, line, pricer
from ..engine.model import Select

if TYPE_CHECKING:
    from ..architecture.build import Builder

IOT_CORE = "notes: IoT Core"
AMAZON_MQ = "notes: Amazon MQ"
IOT_CORE_DOC = "https://docs.aws.amazon.com/iot/latest/developerguide/iot-message-broker.html"
IOT_RULES_DOC = "https://docs.aws.amazon.com/iot/latest/developerguide/iot-rules.html"
IOT_AUTH_DOC = "https://docs.aws.amazon.com/iot/latest/developerguide/x509-client-certs.html"

SELECTIONS = (
    Select(
        id="messaging.devices-publish-to-iot-core",
        title="Devices that publish MQTT: AWS IoT Core",
        rationale=("AWS IoT Core is the managed MQTT broker built for devices: each device authenticates with "
                   "its own X.509 certificate, connections scale to millions with nothing to run, and IoT rules "
                   "route each message by topic to Lambda, SQS, Kinesis, DynamoDB or S3. Amazon MQ keeps an "
                   "existing application's broker protocol when the application moves; a fleet of devices "
                   "would hold its connections on broker instances you size and patch."),
        sources=(IOT_CORE, AMAZON_MQ, IOT_CORE_DOC, IOT_RULES_DOC, IOT_AUTH_DOC),
        pillars=("operational-excellence", "security", "performance-efficiency"),
        when=lambda c, t: c.contains("users.clients", "iot-device") and c.eq("this.existing_protocol", "mqtt"),
        reason=("clients include iot-device and existing_protocol is mqtt: the devices publish to AWS IoT Core "
                "with a certificate each, and an IoT rule hands the channel's messages to its consumers"),
        choice="iot-core",
    ),
)


# ------------------------------------------------------------------------------------------ drawing
@draws_choice("messaging", "iot-core")
def device_broker(b: "Builder", d: dict) -> None:
    """The devices publish to IoT Core; its rule invokes each consumer function, or sends to a queue that
    each consumer service polls."""
    from ..architecture.canvas import slug
    from ..architecture.messaging import rule_targets

    name, key = str(d["subject"]), b.key(d)
    broker = b.c.add(f"iot-{slug(name)}", "iot-core", f"AWS IoT Core\n(MQTT topics {name})", b.region(), key,
                     role="channel")
    b.c.link(b.users(), broker, "MQTT publish (X.509)", kind="request")
    rule_targets(b, broker, name, key, "IoT rule")


# ------------------------------------------------------------------------------------------ cost
@pricer("iot-core")
def device_broker_cost(ctx, item):
    """Messages published (metered in 5 KB steps), the devices' connection minutes, and the rule: one
    trigger and one action per message."""
    channel = ctx.channel(item.subject)
    messages = ctx.channel_messages(channel)
    size = channel.get("message_size")
    steps = max(1, -(-int(size.bytes) // 5000)) if size is not None else 1
    devices = ctx.assumed("iot_devices")
    return [line(ctx, "IoT Core messages", messages * steps / 1e6, "iot-core-messages",
                 note="5 KB steps" if steps > 1 else ""),
            line(ctx, "IoT Core connectivity", devices * HOURS * 60 / 1e6, "iot-core-connection-minutes",
                 note=f"{devices:,.0f} devices connected all month assumed"),
            line(ctx, "IoT Core rules triggered", messages / 1e6, "iot-core-rules-triggered"),
            line(ctx, "IoT Core rule actions", messages / 1e6, "iot-core-rule-actions")]


# ------------------------------------------------------------------------------------------ template
@templates("iot-core", stage=6)
def device_broker_template(gen, unit) -> None:
    """A topic rule over the channel's topics with an action per consumer: invoke a function (with the
    permission for IoT to invoke it) or send to the consumer's queue (with a role IoT assumes to send)."""
    from ..cloudformation.compute import role as make_role
    from ..cloudformation.core import att, ref
    from ..cloudformation.messaging import queue

    rule = unit.logical("TopicRule")
    actions, queues = [], []
    for member in unit.members:
        if member.service == "sqs-queue":
            queues.append(queue(gen, unit, member))
    if queues:
        sender = unit.logical("RuleRole")
        make_role(gen, unit, sender, "iot.amazonaws.com", [], statements=[{
            "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": [att(name, "Arn") for name in queues]}])
        actions += [{"Sqs": {"QueueUrl": ref(name), "RoleArn": att(sender, "Arn"), "UseBase64": False}}
                    for name in queues]
    for target in gen.linked(unit):
        function = gen.refs.get(target.name, {}).get("function")
        if function:
            actions.append({"Lambda": {"FunctionArn": att(function, "Arn")}})
            label = target.template.logical(target.name, "")
            unit.template.add(unit.logical(f"To{label}Permission"), "AWS::Lambda::Permission", {
                "Action": "lambda:InvokeFunction", "FunctionName": ref(function), "Principal": "iot.amazonaws.com",
                "SourceArn": att(rule, "Arn")}, unit.origin("IoT Core may invoke the consumer function"))
    topic = f"{unit.subject}/#"
    if actions:
        unit.template.add(rule, "AWS::IoT::TopicRule", {"TopicRulePayload": {
            "Sql": f"SELECT * FROM '{topic}'", "AwsIotSqlVersion": "2016-03-23", "RuleDisabled": False,
            "Actions": actions}},
            unit.origin(f"every message on {topic} goes to each consumer; narrow the SQL to what each wants"))
    else:
        gen.add_manual(f"Add an IoT rule over {topic} with an action for the consumers of {unit.subject}.", unit)
    gen.add_manual(f"Register the devices as IoT things with an X.509 certificate each, and attach an IoT policy "
                   f"that lets them connect and publish to {topic}.", unit)
