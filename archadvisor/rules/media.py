"""File-based video transcoding: video files landing in an object store are turned into streaming renditions
(HLS, DASH, several bitrates) by AWS Elemental MediaConvert.

The study notes answer this with Amazon Elastic Transcoder, which AWS discontinued on 13 November 2025;
MediaConvert is its replacement, and the decision says so. Its drawing, template and price are registered
here, beside the rules; the concern is listed by rules.analytics.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..architecture.registry import draws
from ..cloudformation.registry import templates
from ..cost.pricing import line, pricer
from ..engine.model import Concern, Select, Warn
from .common import stores

if TYPE_CHECKING:
    from ..architecture.build import Builder

MEDIACONVERT = "https://docs.aws.amazon.com/mediaconvert/latest/ug/what-is.html"
MEDIACONVERT_QUEUES = "https://docs.aws.amazon.com/mediaconvert/latest/ug/working-with-queues.html"
MEDIACONVERT_EVENTS = "https://docs.aws.amazon.com/mediaconvert/latest/ug/cloudwatch_events.html"
ELASTIC_TRANSCODER_END = "https://docs.aws.amazon.com/elastictranscoder/latest/developerguide/using-sdks.html"
TRANSCODER_NOTES = "notes: Elastic Transcoder"
# Output minutes a month the estimate assumes when the workload gives none (a small library's new titles).
ASSUMED_MINUTES = 10_000

VIDEO_TRANSCODING = Concern(
    id="video-transcoding",
    title="Video transcoding",
    question="What turns the video files stored here into streaming renditions?",
    subject_kind="store",
    choices=("mediaconvert",),
    raised=stores("object", where=lambda c: c.true("this.transcode")),
    rules=(
        Select(
            id="video-transcoding.mediaconvert",
            title="File-based transcoding: AWS Elemental MediaConvert",
            rationale=("MediaConvert reads video files from S3 and writes adaptive-bitrate renditions (HLS, DASH, "
                       "CMAF) and thumbnails back to S3, billed per minute of output, with no transcoding fleet to "
                       "run; jobs are submitted through its API (for example by a function started by the upload) "
                       "and report their state to EventBridge."),
            sources=(MEDIACONVERT, MEDIACONVERT_EVENTS, TRANSCODER_NOTES),
            pillars=("operational-excellence", "performance-efficiency"),
            reason=("transcode is true: MediaConvert reads each file from S3 and writes the streaming renditions "
                    "back, with no transcoding servers to run"),
            choice="mediaconvert",
        ),
        Warn(
            id="video-transcoding.elastic-transcoder-retired",
            title="Elastic Transcoder is no longer offered: MediaConvert replaces it",
            rationale=("The notes and older exam questions name Amazon Elastic Transcoder for file-based "
                       "transcoding. AWS discontinued it on 13 November 2025 and points its users to "
                       "AWS Elemental MediaConvert; an exam key of Elastic Transcoder means MediaConvert today."),
            sources=(ELASTIC_TRANSCODER_END, TRANSCODER_NOTES),
            pillars=("operational-excellence",),
            when=lambda c, t: c.true("this.transcode"),
            reason=("the notes' answer, Elastic Transcoder, was discontinued on 13 November 2025: MediaConvert is "
                    "what AWS offers instead (an exam may still expect Elastic Transcoder)"),
            choices=("mediaconvert",),
        ),
        Warn(
            id="video-transcoding.no-gpu-fleet-needed",
            title="MediaConvert does the encoding a GPU fleet would",
            rationale=("With MediaConvert transcoding the files, the GPU instances a self-run encoder needs are not "
                       "needed for it; keep such a fleet only for codecs or processing MediaConvert does not offer."),
            sources=(MEDIACONVERT,),
            pillars=("cost-optimization",),
            when=lambda c, t: c.true("compute.gpu"),
            reason=("gpu is true: if the GPUs are for transcoding, MediaConvert does that work without a fleet; keep "
                    "GPU instances only for processing MediaConvert does not offer"),
            choices=("mediaconvert",),
        ),
    ),
)


@draws("video-transcoding", stage=35)
def transcoders(b: "Builder") -> None:
    """MediaConvert reads the store's files and writes renditions to a bucket; the application submits jobs."""
    from ..architecture.canvas import slug

    for d in b.choices("video-transcoding"):
        name, key = str(d["subject"]), b.key(d)
        node = b.c.add(f"mediaconvert-{slug(name)}", "mediaconvert", f"Elemental MediaConvert\n{name}", b.region(),
                       key, role="service")
        source = b.stores.get(name, {}).get("node")
        if source:
            b.c.link(node, source, "read video files", kind="data")
        output = b.bucket(f"bucket-{slug(name)}-renditions", f"S3 bucket\n{name} renditions", role="store",
                          because=key)
        if output != source:
            b.c.link(node, output, "write renditions", kind="data")
        b.reach(b.app_nodes(because=key), node, "create jobs")


@pricer("mediaconvert")
def transcoding_cost(ctx, item):
    """Output minutes of HD video, Basic tier; the workload states no minutes, so an amount is assumed."""
    ctx.assume("transcoded_minutes", ASSUMED_MINUTES, "output minutes a month",
               "no transcoding volume is given; a small library's new titles")
    return [line(ctx, "MediaConvert HD output minutes", ASSUMED_MINUTES, "mediaconvert-hd-minute",
                 note="Basic tier, AVC up to 1080p; each rendition's minutes count")]


@templates("mediaconvert", stage=6)
def transcoding_template(gen, unit) -> None:
    """An on-demand queue and the role MediaConvert assumes to read and write S3; the job settings (outputs,
    bitrates) are the team's, in a job template or each CreateJob request."""
    from ..cloudformation.compute import role as make_role
    from ..cloudformation.core import sub

    make_role(gen, unit, unit.logical("Role"), "mediaconvert.amazonaws.com", [], statements=[
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], "Resource": "*"}])
    unit.template.add(unit.logical("Queue"), "AWS::MediaConvert::Queue", {
        "Name": sub(f"${{AWS::StackName}}-{unit.subject}"[:128]), "PricingPlan": "ON_DEMAND", "Status": "ACTIVE"},
        unit.origin("the queue the transcoding jobs run in"))
    gen.add_manual(f"Create the MediaConvert job template for {unit.subject} (renditions, bitrates, packaging).",
                   unit)
