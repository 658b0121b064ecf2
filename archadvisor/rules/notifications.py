"""Channels whose consumers are people: email, SMS and mobile push are SNS subscription protocols.

The messaging concern (rules.messaging) takes these rows: the elimination joins its eliminations and the
selection goes after the fan-out row (a topic that also fans out to queues carries email subscriptions too).
"""
from __future__ import annotations

from ..engine.model import Eliminate, Select
from .common import SERVER_COMPUTE, users_run_on

SNS_PROTOCOLS = "https://docs.aws.amazon.com/sns/latest/dg/sns-event-destinations.html"
SNS_EMAIL = "https://docs.aws.amazon.com/sns/latest/dg/sns-email-notifications.html"
SNS_SMS = "https://docs.aws.amazon.com/sns/latest/dg/sns-mobile-phone-number-as-subscriber.html"
SNS_PUSH = "https://docs.aws.amazon.com/sns/latest/dg/sns-mobile-application-as-subscriber.html"
EVENTBRIDGE_TARGETS = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html"

# Everything but an SNS topic (alone or fanning out to queues): none of them delivers to a person.
CANNOT_REACH_PEOPLE = ("sqs-standard", "sqs-fifo", "kinesis-data-streams", "kinesis-data-firehose", "amazon-mq",
                       "step-functions", "eventbridge", "msk")


def people_only(c) -> bool:
    """The channel's consumers are people and no application: endpoints are named and no consumer
    application is counted."""
    return c.present("this.endpoints") and not c.ge("this.consumers", 1)


ELIMINATIONS = (
    Eliminate(
        id="messaging.people-through-sns",
        title="Email, SMS and mobile push are delivered by SNS",
        rationale=("Email addresses, phone numbers (SMS) and mobile devices (APNs, FCM and other push services) "
                   "are subscription protocols of an SNS topic. SQS and Kinesis wait to be polled, Amazon MQ, MSK "
                   "and Step Functions serve applications, and EventBridge reaches people only through an SNS topic "
                   "it targets."),
        sources=(SNS_PROTOCOLS, SNS_EMAIL, SNS_SMS, SNS_PUSH, EVENTBRIDGE_TARGETS),
        pillars=("operational-excellence",),
        when=lambda c, t: c.present("this.endpoints"),
        reason=("endpoints are {this.endpoints}: only an SNS topic delivers to email addresses, phone numbers and "
                "mobile devices (EventBridge would need an SNS topic as its target to reach them)"),
        choices=CANNOT_REACH_PEOPLE,
    ),
)

def people_and_applications(c) -> bool:
    """People named as endpoints and at least one consumer application besides: a topic with a queue for each
    application and a subscription for the people."""
    return c.present("this.endpoints") and c.ge("this.consumers", 1)


SELECTIONS = (
    Select(
        id="messaging.people-and-servers",
        title="People and an application on servers: a topic with a queue for the application",
        rationale=("SNS cannot push to containers or instances in private subnets, so the application gets an SQS "
                   "queue subscribed to the topic (which also keeps what was sent while it was down), and the same "
                   "topic delivers to the people's email, SMS or mobile push subscriptions."),
        sources=(SNS_PROTOCOLS, "https://docs.aws.amazon.com/sns/latest/dg/sns-common-scenarios.html"),
        pillars=("reliability", "operational-excellence"),
        when=lambda c, t: people_and_applications(c) and users_run_on(c, *SERVER_COMPUTE),
        reason=("endpoints are {this.endpoints} and {this.consumers} consumer application(s) run on "
                "{decision.compute}: the topic fans out to a queue per application and delivers to the people"),
        choice="sns-sqs-fanout",
    ),
    Select(
        id="messaging.notify-people",
        title="Tell people by email, SMS or mobile push: an SNS topic",
        rationale=("An SNS topic pushes each message to every subscription, whatever its protocol: email, SMS, "
                   "mobile push, and Lambda, SQS or HTTPS for applications."),
        sources=(SNS_PROTOCOLS, SNS_EMAIL, SNS_SMS),
        pillars=("operational-excellence",),
        when=lambda c, t: c.present("this.endpoints"),
        reason="endpoints are {this.endpoints}: an SNS topic delivers to them directly",
        choice="sns",
    ),
)
