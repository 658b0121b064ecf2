"""End users uploading objects from far away: S3 Transfer Acceleration on the bucket.

Distinct from ``data-transfer`` (moving a site's data into AWS once or on a schedule): here the system's own
users, on other continents than the bucket's region, upload into it as they use it. Transfer Acceleration
sends their uploads to the nearest edge location and over the AWS backbone to the bucket. Its drawing is
registered here; the template (AccelerateConfiguration on the bucket) and the price are the choice's own.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..architecture.registry import draws
from ..engine.model import Concern, Select, Warn
from .common import stores

if TYPE_CHECKING:
    from ..architecture.build import Builder

TRANSFER_ACCELERATION = "notes: S3 Transfer Acceleration"
TRANSFER_ACCELERATION_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/transfer-acceleration.html"
MULTIPART_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html"

UPLOAD_ACCELERATION = Concern(
    id="upload-acceleration",
    title="End users uploading from far away",
    question="How do users far from the bucket's region upload to it quickly?",
    subject_kind="store",
    choices=("s3-transfer-acceleration",),
    raised=stores("object", where=lambda c: c.present("this.remote_uploads")),
    rules=(
        Select(
            id="upload-acceleration.transfer-acceleration",
            title="Uploads from other continents: S3 Transfer Acceleration",
            rationale=("Transfer Acceleration gives the bucket a distinct endpoint; each upload enters the AWS "
                       "network at the nearest CloudFront edge location and crosses to the bucket's region on the "
                       "AWS backbone instead of the public internet, which helps most over long distances and for "
                       "large objects (combine it with multipart uploads)."),
            sources=(TRANSFER_ACCELERATION, TRANSFER_ACCELERATION_DOC),
            pillars=("performance-efficiency",),
            reason=("remote_uploads is true: users far from {region} upload to {subject} through the nearest edge "
                    "location and the AWS backbone"),
            choice="s3-transfer-acceleration",
        ),
        Warn(
            id="upload-acceleration.large-objects-multipart",
            title="Large uploads also need multipart upload",
            rationale=("An object over 100 MB should be uploaded in parts (multipart upload), which Transfer "
                       "Acceleration carries in parallel and a failed part can be retried alone; a single PUT "
                       "stops at 5 GB."),
            sources=(MULTIPART_DOC,),
            pillars=("performance-efficiency", "reliability"),
            thresholds={"multipart": "100 MB"},
            when=lambda c, t: c.gt("this.object_size", t.multipart),
            reason=("object_size is {this.object_size}, over {t.multipart}: upload in parts (multipart upload) through "
                    "the accelerated endpoint, retrying failed parts alone"),
            choices=("s3-transfer-acceleration",),
        ),
        Warn(
            id="upload-acceleration.users-near-the-region",
            title="Transfer Acceleration helps little near the bucket",
            rationale=("Uploads from near the bucket's region gain little from the edge network and are still "
                       "charged for acceleration unless AWS finds it did not speed them up; the speed comparison "
                       "tool shows the gain per location."),
            sources=(TRANSFER_ACCELERATION_DOC,),
            pillars=("cost-optimization",),
            when=lambda c, t: c.eq("users.geography", "single-region"),
            reason=("users are in a single region: check the gain with the speed comparison tool before paying for "
                    "acceleration"),
            choices=("s3-transfer-acceleration",),
        ),
    ),
)

CONCERNS = [UPLOAD_ACCELERATION]


@draws("upload-acceleration", stage=26)
def accelerated_uploads(b: "Builder") -> None:
    """Users upload through the edge location to the store's bucket (drawn at stage 20)."""
    from ..architecture.canvas import slug

    for d in b.to_draw("upload-acceleration"):
        name, key = str(d["subject"]), b.key(d)
        edge = b.c.add(f"upload-acceleration-{slug(name)}", "s3-transfer-acceleration",
                       "S3 Transfer Acceleration\n(nearest edge location)", b.cloud(), key, role="edge")
        b.c.link(b.users(), edge, "upload (HTTPS)", kind="request")
        target = b.stores.get(name, {}).get("node")
        if target:
            b.c.link(edge, target, "AWS backbone", kind="data")
