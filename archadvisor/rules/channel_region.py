"""A channel that must survive the loss of its region while the rest of the system is only multi-AZ
(``messaging[].scope: multi-region``): how each messaging choice is kept through a region's loss.

Queues, topics, streams and buses are regional services that already span the region's AZs; surviving the
region takes a second copy elsewhere and a way to switch to it, which differs by service. The messaging
concern (rules.messaging) takes these warnings.
"""
from __future__ import annotations

from ..engine.model import Warn

GLOBAL_ENDPOINTS = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-global-endpoints.html"
MSK_REPLICATOR = "https://docs.aws.amazon.com/msk/latest/developerguide/msk-replicator.html"
MQ_CRDR = "https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/crdr-for-active-mq.html"
SNS_CROSS_REGION = "https://docs.aws.amazon.com/sns/latest/dg/sns-cross-region-delivery.html"
GLOBAL_ENDPOINT_RTO = {"rto": "420s"}


def _beyond_the_system(c) -> bool:
    """The channel must survive a region though the system as a whole is not asked to."""
    return c.eq("this.scope", "multi-region") and not c.eq("availability.scope", "multi-region")


WARNINGS = (
    Warn(
        id="messaging.region-proof-event-bus",
        title="A bus that survives its region: an EventBridge global endpoint",
        rationale=("A global endpoint sends custom events to the bus in the primary region and, when a Route 53 "
                   "health check fails, to a bus of the same name in a secondary region; with event replication "
                   "on, both regions receive every event. AWS expects recovery in about 360 seconds (420 at "
                   "most) with its recommended alarms."),
        sources=(GLOBAL_ENDPOINTS,),
        pillars=("reliability",),
        thresholds=GLOBAL_ENDPOINT_RTO,
        when=lambda c, t: _beyond_the_system(c),
        reason=("scope is multi-region for this channel only: publish through an EventBridge global endpoint with "
                "event replication to a same-named bus in a second region (failover within about {t.rto}); "
                "consumers there must be idempotent"),
        choices=("eventbridge",),
    ),
    Warn(
        id="messaging.region-proof-kafka",
        title="Kafka topics that survive their region: MSK Replicator",
        rationale=("MSK Replicator copies topics, their configuration and the consumer groups' offsets to an MSK "
                   "cluster in another region asynchronously, so clients can fail over and resume where they "
                   "were."),
        sources=(MSK_REPLICATOR,),
        pillars=("reliability",),
        when=lambda c, t: _beyond_the_system(c),
        reason=("scope is multi-region for this channel only: replicate the topics to a cluster in a second region "
                "with MSK Replicator (offsets included), and point the clients there on failover"),
        choices=("msk",),
    ),
    Warn(
        id="messaging.region-proof-broker",
        title="A broker that survives its region: a cross-Region replica broker",
        rationale=("Amazon MQ for ActiveMQ replicates an active/standby broker asynchronously to a replica broker "
                   "in another region (cross-Region data replication), which is promoted on failover."),
        sources=(MQ_CRDR,),
        pillars=("reliability",),
        when=lambda c, t: _beyond_the_system(c),
        reason=("scope is multi-region for this channel only: add a cross-Region replica of the active/standby "
                "broker and promote it if the region is lost (ActiveMQ 5.17.6 or later)"),
        choices=("amazon-mq",),
    ),
    Warn(
        id="messaging.region-proof-regional-channel",
        title="Queues, topics and streams are regional: a copy in a second region",
        rationale=("SQS queues, SNS topics, Kinesis streams, Firehose and Step Functions live in one region, "
                   "across its AZs; none replicates itself to another region. Surviving the region takes the "
                   "same channel in a second region, with producers publishing to both (an SNS topic can deliver "
                   "to SQS queues in other regions) or switching on failure."),
        sources=(SNS_CROSS_REGION,),
        pillars=("reliability",),
        when=lambda c, t: _beyond_the_system(c),
        reason=("scope is multi-region for this channel only, but queues, topics and streams are regional: "
                "create the same channel in a second region and publish to both (or switch on failure); "
                "for routed events an EventBridge global endpoint does this for you"),
        choices=("sqs-standard", "sqs-fifo", "sns", "sns-sqs-fanout", "kinesis-data-streams", "kinesis-data-firehose",
                 "step-functions"),
    ),
)
