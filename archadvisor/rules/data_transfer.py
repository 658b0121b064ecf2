"""Bulk data moves into AWS: over the network (DataSync, Transfer Acceleration) or on shipped devices.

Split from rules.hybrid, which keeps the link and the storage gateways; its CONCERNS list this concern.
"""
from __future__ import annotations

from ..engine.model import Concern, Eliminate, Select, Warn
from .common import whole_system

DX = "notes: AWS DirectConnect"
SNOWBALL = "notes: Snowball"
DATASYNC = "https://docs.aws.amazon.com/datasync/latest/userguide/what-is-datasync.html"
SNOW_EDGE = "notes: Snowball Edge and Snowmobile"
TRANSFER_ACCELERATION = "notes: S3 Transfer Acceleration"
SNOWMOBILE_FAQ = "https://aws.amazon.com/snowmobile/faqs/"
SNOWBALL_EDGE_NOTICE = "https://docs.aws.amazon.com/snowball/latest/developer-guide/whatisedge.html"
DATA_TRANSFER_TERMINAL = "https://docs.aws.amazon.com/datatransferterminal/latest/userguide/what-is-dtt.html"

OFFLINE = ("snowball", "snowball-edge", "snowmobile")
ONLINE = ("online-transfer", "datasync", "s3-transfer-acceleration")
DATASYNC_LOCATIONS = "https://docs.aws.amazon.com/datasync/latest/userguide/working-with-locations.html"
DATASYNC_VERIFY = "https://docs.aws.amazon.com/datasync/latest/userguide/configure-data-verification-options.html"
DX_MAX_PORT = "https://docs.aws.amazon.com/directconnect/latest/UserGuide/dedicated_connection.html"
SOURCES = ("nfs", "smb", "hdfs", "object-storage")
TRANSFER_LIMITS = {"days": 7, "snowmobile": "100 PB", "snowmobile_min": "10 PB"}
# What a fully free 10 Gbps link, the largest usual Direct Connect port, moves in a week (10e9/8 x 604,800 s).
UNKNOWN_LINK = {"days": TRANSFER_LIMITS["days"], "fast_link": "10 Gbps", "fast_link_week": "750 TB"}


def _too_slow(c, t) -> bool:
    return c.fact_compare("transfer_days", ">", t.days, "days")


def _past_deadline_on_any_link(c, t) -> bool:
    """Without the spare bandwidth, the size and the deadline still decide when even a fully free fast link
    (10 Gbps) could not move the data before the deadline."""
    if c.given("hybrid.migration.bandwidth"):
        return False
    deadline = c.fact("deadline_days")
    data = c.value("hybrid.migration.data")
    return deadline is not None and data is not None and data.base * 8 / 10e9 / 86400 > deadline


def _misses_deadline(c, t) -> bool:
    days = c.fact("transfer_days")
    deadline = c.fact("deadline_days")
    return days is not None and deadline is not None and days > deadline


DATA_TRANSFER = Concern(
    id="data-transfer",
    title="Bulk data transfer into AWS",
    question="How should the data be moved into AWS?",
    subject_kind="none",
    choices=("online-transfer", "s3-transfer-acceleration") + OFFLINE + ("datasync",),
    raised=whole_system("hybrid.migration.data"),
    rules=(
        Eliminate(
            id="data-transfer.link-misses-deadline",
            title="The spare link cannot move the data by the deadline",
            rationale="At full rate the link needs data x 8 / bandwidth seconds; if that is past the deadline, no "
                      "online method makes it in time.",
            sources=(SNOWBALL,),
            pillars=("performance-efficiency",),
            when=_misses_deadline,
            reason="the link needs {derived.transfer_days} for {hybrid.migration.data} at "
                   "{hybrid.migration.bandwidth}; the deadline is {hybrid.migration.deadline}",
            choices=ONLINE,
        ),
        Eliminate(
            id="data-transfer.devices-are-one-off",
            title="Devices suit a one-off move",
            rationale="Snow devices are shipped for a bulk move; a transfer that repeats (daily uploads, ongoing "
                      "sync) needs the network.",
            sources=(SNOWBALL,),
            pillars=("operational-excellence",),
            when=lambda c, t: c.true("hybrid.migration.recurring"),
            reason="recurring is true: shipping devices for every transfer does not work; use the network",
            choices=OFFLINE,
        ),
        Eliminate(
            id="data-transfer.snowmobile-minimum",
            title="Snowmobile is for tens of petabytes and more",
            rationale="AWS suggests Snowball devices below 10 PB; Snowmobile is the exabyte-scale container for "
                      "100 PB and more.",
            sources=(SNOW_EDGE, SNOWMOBILE_FAQ),
            pillars=("cost-optimization",),
            thresholds=TRANSFER_LIMITS,
            when=lambda c, t: c.lt("hybrid.migration.data", t.snowmobile_min),
            reason="data is {hybrid.migration.data}, under {t.snowmobile_min}: Snowball devices carry it",
            choices=("snowmobile",),
        ),
        Eliminate(
            id="data-transfer.no-compute-on-snowball",
            title="Processing on site needs Snowball Edge compute",
            rationale="Snowball Edge runs EC2 instances and Lambda functions on the device; a plain transfer "
                      "device does not.",
            sources=(SNOW_EDGE,),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.true("hybrid.migration.edge_compute"),
            reason="edge_compute is true: the data must be processed on site, which needs compute on the device",
            choices=("snowball", "snowmobile") + ONLINE,
        ),
        Select(
            id="data-transfer.snowmobile",
            title="10 PB and more from one site: Snowmobile",
            rationale="Snowmobile is a 45-foot shipping container holding up to 100 PB per trip, for moving a whole "
                      "data centre; AWS suggests it from about 10 PB in one location, and Snowball devices below.",
            sources=(SNOW_EDGE, SNOWMOBILE_FAQ),
            pillars=("performance-efficiency", "cost-optimization"),
            thresholds=TRANSFER_LIMITS,
            when=lambda c, t: c.ge("hybrid.migration.data", t.snowmobile_min),
            reason="data is {hybrid.migration.data}, at least {t.snowmobile_min}: one Snowmobile truck (up to "
                   "{t.snowmobile} a trip) moves it instead of hundreds of Snowball devices",
            choice="snowmobile",
            # Snowmobile can no longer be ordered: the exam's answer stays, and the design builds what AWS
            # offers new customers (aws-facts-2026: DataSync online, the Data Transfer Terminal physically).
            replaced_by="datasync",
            replacement=("move {hybrid.migration.data} online with AWS DataSync over Direct Connect, with as many "
                         "dedicated connections (up to 100 Gbps each) as the deadline of {hybrid.migration.deadline} "
                         "needs beside the {hybrid.migration.bandwidth} spare today, or carry it on your own storage "
                         "to an AWS Data Transfer Terminal and upload it there; Snowball Edge only if the account "
                         "already uses it"),
        ),
        Select(
            id="data-transfer.snowball-edge",
            title="Compute on site or a disconnected site: Snowball Edge",
            rationale="Snowball Edge adds EC2 and Lambda compute to the storage device, to process data on site or "
                      "while disconnected.",
            sources=(SNOW_EDGE,),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.true("hybrid.migration.edge_compute"),
            reason="edge_compute is true: Snowball Edge processes the data on the device before it ships",
            choice="snowball-edge",
        ),
        Select(
            id="data-transfer.snowball",
            title="More than about a week over the link: Snowball",
            rationale="The notes' rule of thumb: if the spare link needs more than a week, ship Snowball devices "
                      "(80 TB each) instead.",
            sources=(SNOWBALL,),
            pillars=("performance-efficiency", "cost-optimization"),
            thresholds=TRANSFER_LIMITS,
            when=lambda c, t: _too_slow(c, t) or _misses_deadline(c, t),
            reason="{hybrid.migration.data} over {hybrid.migration.bandwidth} takes {derived.transfer_days}, more "
                   "than {t.days} days (deadline {hybrid.migration.deadline}): ship "
                   "{derived.snowball_devices}",
            choice="snowball",
        ),
        Select(
            id="data-transfer.acceleration",
            title="Long-distance uploads: S3 Transfer Acceleration",
            rationale="Transfer Acceleration enters the AWS network at the nearest edge location and rides the "
                      "AWS backbone to the bucket's region.",
            sources=(TRANSFER_ACCELERATION,),
            pillars=("performance-efficiency",),
            # a file system's copy is DataSync's (data-transfer.datasync-from-file-system): Transfer Acceleration
            # speeds uploads into a bucket, it reads no NFS or SMB share
            when=lambda c, t: (c.true("hybrid.migration.long_distance")
                               and not c.one_of("hybrid.migration.source", "nfs", "smb", "hdfs")),
            reason="long_distance is true: uploads enter AWS at the nearest edge location and cross continents "
                   "on the AWS backbone",
            choice="s3-transfer-acceleration",
        ),
        Select(
            id="data-transfer.datasync-scheduled",
            title="A recurring copy from a file system or object store: a scheduled DataSync task",
            rationale=("AWS DataSync copies from on-premises NFS or SMB shares, HDFS or object storage into S3, EFS "
                       "or FSx over the network, on a schedule, copying only what changed, encrypting in transit "
                       "and verifying the data it wrote; an agent on site reads the source."),
            sources=(DATASYNC, DATASYNC_LOCATIONS, DATASYNC_VERIFY),
            pillars=("operational-excellence", "reliability"),
            when=lambda c, t: c.true("hybrid.migration.recurring") and c.one_of("hybrid.migration.source", *SOURCES),
            reason=("recurring is true and the source is {hybrid.migration.source}: a scheduled DataSync task copies "
                    "what changed since the last run and verifies it"),
            choice="datasync",
        ),
        Select(
            id="data-transfer.recurring",
            title="Transfers that repeat: over the network",
            rationale="A transfer that repeats (daily uploads, ongoing sync) goes over the network, for example "
                      "as a scheduled DataSync task; devices are shipped for one-off moves.",
            sources=(SNOWBALL, DATASYNC),
            pillars=("operational-excellence",),
            when=lambda c, t: c.true("hybrid.migration.recurring"),
            reason="recurring is true: a transfer that repeats goes over the network (a scheduled DataSync task, "
                   "say), not on shipped devices",
            choice="online-transfer",
        ),
        Select(
            id="data-transfer.too-much-for-any-link",
            title="More than a week even over a fast link: Snowball",
            rationale=("With the spare bandwidth unknown, the data still decides when it is so large that even a "
                       "fully free 10 Gbps link, the largest usual Direct Connect port, needs more than a week "
                       "(about 750 TB a week): then ship devices, as the notes' rule of thumb says."),
            sources=(SNOWBALL,),
            pillars=("performance-efficiency", "cost-optimization"),
            thresholds=UNKNOWN_LINK,
            when=lambda c, t: not c.given("hybrid.migration.bandwidth") and c.gt("hybrid.migration.data",
                                                                                  t.fast_link_week),
            reason="bandwidth is not given, and {hybrid.migration.data} needs more than {t.days} days even over a "
                   "free {t.fast_link} link (about {t.fast_link_week} a week): ship {derived.snowball_devices}",
            choice="snowball",
        ),
        Select(
            id="data-transfer.past-deadline-on-any-link",
            title="Not even a fast link meets the deadline: Snowball",
            rationale=("With the spare bandwidth unknown, a size and a deadline still decide when a fully free "
                       "10 Gbps link, the largest usual Direct Connect port (about 108 TB a day), could not move "
                       "the data in time: then ship devices, as the notes' rule of thumb says."),
            sources=(SNOWBALL,),
            pillars=("performance-efficiency",),
            thresholds=UNKNOWN_LINK,
            when=_past_deadline_on_any_link,
            reason="bandwidth is not given, and {hybrid.migration.data} cannot cross even a free {t.fast_link} link "
                   "before the deadline ({hybrid.migration.deadline}): ship {derived.snowball_devices}",
            choice="snowball",
        ),
        Select(
            id="data-transfer.datasync-from-file-system",
            title="Within reach of the link, from a file system or object store: DataSync",
            rationale=("When the network can carry the data in time and it sits on an NFS or SMB share, HDFS or an "
                       "object store, AWS DataSync moves it: an agent on site reads the source, the copy is "
                       "encrypted, parallel and verified, and it lands in S3, EFS or FSx with its metadata."),
            sources=(DATASYNC, DATASYNC_LOCATIONS, DATASYNC_VERIFY),
            pillars=("operational-excellence", "performance-efficiency"),
            thresholds=TRANSFER_LIMITS,
            when=lambda c, t: (c.one_of("hybrid.migration.source", *SOURCES)
                               and not _too_slow(c, t) and not _misses_deadline(c, t)),
            reason=("the source is {hybrid.migration.source} and the link can carry {hybrid.migration.data} (spare "
                    "bandwidth {hybrid.migration.bandwidth}): DataSync copies it over the network, verified"),
            choice="datasync",
        ),
        Select(
            id="data-transfer.unknown-link",
            title="Spare bandwidth unknown: online, by default",
            rationale="Without the link's spare bandwidth the transfer time cannot be estimated; data that a fast "
                      "link moves within a week goes over the network until the bandwidth says otherwise.",
            sources=(SNOWBALL,),
            pillars=("cost-optimization", "operational-excellence"),
            thresholds=UNKNOWN_LINK,
            when=lambda c, t: not c.given("hybrid.migration.bandwidth"),
            reason="bandwidth is not given, so the time to move {hybrid.migration.data} cannot be estimated: it goes "
                   "over the network by default (a free {t.fast_link} link moves about {t.fast_link_week} a week)",
            choice="online-transfer",
        ),
        Select(
            id="data-transfer.online",
            title="Within a week over the link: transfer online",
            rationale="When the spare link moves the data within about a week, send it over the network (e.g. "
                      "DataSync or the S3 CLI), with nothing to ship.",
            sources=(SNOWBALL,),
            pillars=("cost-optimization", "operational-excellence"),
            thresholds=TRANSFER_LIMITS,
            reason="{hybrid.migration.data} over {hybrid.migration.bandwidth} takes {derived.transfer_days}, "
                   "not more than {t.days} days: send it over the network",
            choice="online-transfer",
        ),
        Warn(
            id="data-transfer.snowmobile-discontinued",
            title="Snowmobile is no longer offered",
            rationale=("AWS stopped offering Snowmobile in 2024 (reported by the press; AWS gives no date). The notes "
                       "and the exam still expect Snowmobile for 10 PB and more from one site, so archadvisor names it "
                       "as the exam's answer; in practice the data moves on many Snowball Edge devices (existing "
                       "customers only), through the AWS Data Transfer Terminal, or online with DataSync over "
                       "Direct Connect."),
            sources=(SNOW_EDGE, SNOWMOBILE_FAQ, SNOWBALL_EDGE_NOTICE, DATA_TRANSFER_TERMINAL, DATASYNC),
            pillars=("operational-excellence",),
            when=lambda c, t: c.given("hybrid.migration.data"),
            reason=("Snowmobile is the exam's answer for {hybrid.migration.data}, but AWS no longer offers it: "
                    "plan on the AWS Data Transfer Terminal (physical), DataSync over Direct Connect (online) or "
                    "Snowball Edge devices if the account already uses them"),
            choices=("snowmobile",),
        ),
        Warn(
            id="data-transfer.snow-closed-to-new-customers",
            title="Snowball Edge is closed to new customers",
            rationale=("Since 7 November 2025 AWS Snowball Edge is available only to existing customers. New "
                       "customers move data online with AWS DataSync or physically through the AWS Data Transfer "
                       "Terminal (or a partner), and run compute at the edge on AWS Outposts. The notes and the exam "
                       "still expect Snowball for bulk moves over slow links."),
            sources=(SNOWBALL, SNOWBALL_EDGE_NOTICE, DATASYNC, DATA_TRANSFER_TERMINAL),
            pillars=("operational-excellence",),
            when=lambda c, t: c.given("hybrid.migration.data"),
            reason=("Snowball Edge devices are available only to accounts that already use them: otherwise move the "
                    "data with AWS DataSync (online) or the AWS Data Transfer Terminal (physical), and use AWS "
                    "Outposts for compute on site"),
            choices=("snowball", "snowball-edge"),
        ),
        Warn(
            id="data-transfer.deadline-too-tight",
            title="Even devices take about a week",
            rationale="Ordering, filling and shipping Snow devices takes about a week end to end.",
            sources=(SNOWBALL,),
            pillars=("performance-efficiency",),
            thresholds={"shipping": "1w"},
            when=lambda c, t: c.lt("hybrid.migration.deadline", t.shipping),
            reason="the deadline is {hybrid.migration.deadline}, shorter than the about {t.shipping} a device round "
                   "trip takes: negotiate the deadline or add network capacity",
            choices=OFFLINE,
        ),
        Warn(
            id="data-transfer.transfer-time-unknown",
            title="Without the spare bandwidth the transfer time is unknown",
            rationale="The notes' rule of thumb (ship Snowball when the spare link needs more than about a week) "
                      "needs the link's spare bandwidth; without it, sending the data online is only the default.",
            sources=(SNOWBALL,),
            pillars=("performance-efficiency",),
            thresholds=TRANSFER_LIMITS,
            when=lambda c, t: not c.given("hybrid.migration.bandwidth") and not c.true("hybrid.migration.recurring"),
            reason="hybrid.migration.bandwidth is not given, so the time to move {hybrid.migration.data} over the "
                   "link cannot be estimated: give it, and if the link needs more than {t.days} days ship "
                   "{derived.snowball_devices} instead",
            choices=ONLINE,
        ),
        Warn(
            id="data-transfer.recurring-link-too-slow",
            title="The link is too slow for the recurring volume",
            rationale="Recurring transfers must fit the link; if one batch needs more than the deadline, the link "
                      "must grow (e.g. Direct Connect).",
            sources=(SNOWBALL, DX),
            pillars=("performance-efficiency",),
            thresholds=TRANSFER_LIMITS,
            when=lambda c, t: _too_slow(c, t) or _misses_deadline(c, t),
            reason="each transfer needs {derived.transfer_days} over {hybrid.migration.bandwidth}: add bandwidth "
                   "(Direct Connect) or spread the transfers",
            choices=ONLINE,
        ),
    ),
)
