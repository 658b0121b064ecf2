"""EventBridge as a messaging choice: what its decision adds to the drawing, the cost estimate and the
CloudFormation template (its rules are in rules.messaging)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..architecture.registry import draws_choice
from ..cloudformation.registry import templates
from ..cost.pricing import line, pricer

if TYPE_CHECKING:
    from ..architecture.build import Builder


@draws_choice("messaging", "eventbridge")
def event_bus(b: "Builder", d: dict) -> None:
    """The producers put events on a bus; a rule per consumer sends matching events to it. Functions are
    invoked by the rule; servers in private subnets cannot be pushed to, so their rule targets an SQS queue
    they poll (EventBridge's targets: Lambda, SQS, SNS, Step Functions, Kinesis, API destinations...)."""
    from ..architecture.canvas import slug
    from ..architecture.messaging import rule_targets

    name, key = str(d["subject"]), b.key(d)
    bus = b.c.add(f"bus-{slug(name)}", "eventbridge", f"EventBridge event bus\n{name}", b.region(), key,
                  role="channel")
    b.reach(b.app_nodes(because=key), bus, "put events")
    rule_targets(b, bus, name, key, "rule")


@pricer("eventbridge")
def event_bus_cost(ctx, item):
    """Custom events published to the bus; rule matching and delivery to AWS service targets are free."""
    events = ctx.channel_messages(ctx.channel(item.subject))
    return [line(ctx, "EventBridge custom events published", events / 1e6, "eventbridge-custom-events",
                 note="rules and deliveries to AWS targets are free")]


@templates("eventbridge", stage=3)
def event_bus_template(gen, unit) -> None:
    """The bus, and per drawn rule target queue: the queue (with its dead-letter queue, from the channels'
    handler) and a rule whose pattern is a placeholder to narrow to the events that consumer wants."""
    from ..cloudformation.core import att, ref, sub
    from ..cloudformation.messaging import queue

    bus = unit.logical("EventBus")
    unit.template.add(bus, "AWS::Events::EventBus", {"Name": sub(f"${{AWS::StackName}}-{unit.subject}")},
                      unit.origin("the event bus the producers put events on"))
    for member in unit.members:
        if member.service != "sqs-queue":
            continue
        rule = unit.template.logical(member.id, "Rule")
        name = queue(gen, unit, member, allow_service="events.amazonaws.com", source_arn=att(rule, "Arn"))
        unit.template.add(rule, "AWS::Events::Rule", {
            "EventBusName": ref(bus), "State": "ENABLED",
            "EventPattern": {"source": [sub("${AWS::StackName}")]},
            "Targets": [{"Id": "queue", "Arn": att(name, "Arn"),
                         "DeadLetterConfig": {"Arn": att(f"{name}DeadLetter", "Arn")}}]},
            unit.origin("a rule per consumer: narrow EventPattern to the events it wants", member=member))
    unit.template.output(f"{bus}Name", ref(bus), f"event bus {unit.subject}")
