"""Partners exchanging files with a store over SFTP, FTPS, FTP or AS2: an AWS Transfer Family endpoint.

A business partner's systems that push files over a file-transfer protocol cannot write to S3 or EFS
directly; Transfer Family runs the managed server and stores what they upload in S3 or EFS. This is an
ongoing exchange, unlike the one-off bulk move of ``data-transfer``.

What a decision adds to the drawing, the template and the cost is registered here too, beside its rules
(see rules.messaging for EventBridge), so adding the concern touches few shared files.
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

TRANSFER = "https://docs.aws.amazon.com/transfer/latest/userguide/what-is-aws-transfer-family.html"
TRANSFER_PROTOCOLS = "https://docs.aws.amazon.com/transfer/latest/userguide/create-server-ftp.html"
TRANSFER_AS2 = "https://docs.aws.amazon.com/transfer/latest/userguide/create-b2b-server.html"
PROTOCOL_NAMES = {"sftp": "SFTP", "ftps": "FTPS", "ftp": "FTP", "as2": "AS2"}

FILE_TRANSFER = Concern(
    id="file-transfer",
    title="Partners exchanging files over SFTP, FTPS, FTP or AS2",
    question="How do partners who send files over a file-transfer protocol reach this store?",
    subject_kind="store",
    choices=("transfer-family",),
    raised=stores("object", "file", where=lambda c: c.present("this.partner_transfer")),
    rules=(
        Select(
            id="file-transfer.transfer-family",
            title="A managed SFTP, FTPS, FTP or AS2 endpoint into S3 or EFS: AWS Transfer Family",
            rationale=("AWS Transfer Family runs a fully managed SFTP, FTPS, FTP or AS2 server whose files land in "
                       "an S3 bucket or an EFS file system, so partners keep their clients and scripts while the "
                       "files feed AWS processing; no server to patch or scale."),
            sources=(TRANSFER, TRANSFER_PROTOCOLS),
            pillars=("operational-excellence", "security"),
            reason=("partner_transfer is {this.partner_transfer}: a Transfer Family server takes the partners' "
                    "files over it and stores them in {subject}"),
            choice="transfer-family",
        ),
        Warn(
            id="file-transfer.ftp-is-not-encrypted",
            title="FTP sends credentials and files in clear text",
            rationale=("Plain FTP encrypts nothing; Transfer Family offers it only on a VPC endpoint, never to the "
                       "internet. Partners outside should use SFTP or FTPS."),
            sources=(TRANSFER_PROTOCOLS,),
            pillars=("security",),
            when=lambda c, t: c.eq("this.partner_transfer", "ftp"),
            reason=("partner_transfer is ftp: FTP is unencrypted and Transfer Family serves it inside a VPC only; "
                    "ask partners for SFTP or FTPS, or reach them over a VPN or Direct Connect"),
            choices=("transfer-family",),
        ),
        Warn(
            id="file-transfer.as2-stores-in-s3",
            title="AS2 messages are stored in S3",
            rationale="Transfer Family's AS2 servers and connectors store messages in Amazon S3 only, not in EFS.",
            sources=(TRANSFER_AS2,),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.eq("this.partner_transfer", "as2") and c.eq("this.kind", "file"),
            reason=("partner_transfer is as2 but {subject} is a file store: AS2 messages land in S3; copy them to "
                    "the file system afterwards"),
            choices=("transfer-family",),
        ),
        Warn(
            id="file-transfer.stores-in-s3-or-efs-only",
            title="Transfer Family stores files in S3 or EFS only",
            rationale=("A Transfer Family server writes to an S3 bucket or an EFS file system; it cannot write to "
                       "FSx file systems (Windows shares, Lustre, ONTAP). Land the files in S3 (or EFS) and copy "
                       "them on with DataSync, or point the partners at the share another way."),
            sources=(TRANSFER,),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.eq("this.kind", "file") and (
                c.eq("this.os", "windows") or c.one_of("this.protocol", "smb", "lustre", "nfs-and-smb")),
            reason=("{subject} is a file store served over {this.protocol} (os {this.os}), which Transfer Family "
                    "cannot write to: land the partners' files in S3 or EFS and copy them on with DataSync"),
            choices=("transfer-family",),
        ),
    ),
)

CONCERNS = [FILE_TRANSFER]


@draws("file-transfer", stage=25)
def transfer_endpoints(b: "Builder") -> None:
    """Partners outside AWS reach the regional Transfer Family endpoint, which writes into the store drawn at
    stage 20 (a bucket or a file system)."""
    from ..architecture.canvas import slug

    for d in b.to_draw("file-transfer"):
        name, key = str(d["subject"]), b.key(d)
        protocol = PROTOCOL_NAMES.get(str(_store(b, name).get("partner_transfer")), "SFTP")
        partners = b.c.add("partners", "users", "Partners\nfile transfer clients", b.users_group(), role="users")
        server = b.c.add(f"transfer-{slug(name)}", "transfer-family", f"Transfer Family\n{protocol} server", b.region(),
                         key, role="service")
        b.c.link(partners, server, protocol, kind="request")
        target = b.stores.get(name, {}).get("node")
        if target:
            b.c.link(server, target, "stores files", kind="data")


def _store(b: "Builder", name: str) -> dict:
    return next((item for item in b.workload.get("data") or [] if item.get("name") == name), {})


@pricer("transfer-family")
def transfer_cost(ctx, item):
    """The endpoint bills by the hour per protocol enabled, and per GB uploaded or downloaded."""
    from ..cost.data import monthly_uploads

    gigabytes, how = monthly_uploads(ctx, ctx.store(item.subject))
    return [line(ctx, "Transfer Family endpoint (one protocol)", 730, "transfer-family-protocol-hour"),
            line(ctx, "Transfer Family data uploaded", gigabytes, "transfer-family-gb", note=how)]


@templates("transfer-family", stage=6)
def transfer_server(gen, unit) -> None:
    """An SFTP server with service-managed users and a role that lets them write into the store's bucket;
    FTPS, FTP and AS2 need a VPC endpoint, an identity provider or AS2 agreements: manual steps."""
    from ..cloudformation.compute import role
    from ..cloudformation.core import att, sub

    store = gen.store(unit.subject)
    protocol = str(store.get("partner_transfer") or "sftp")
    bucket = next((gen.refs[u.name]["bucket"] for u in gen.linked(unit) if gen.refs.get(u.name, {}).get("bucket")),
                  None)
    if bucket:
        role(gen, unit, unit.logical("UserRole"), "transfer.amazonaws.com", [], statements=[{
            "Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetBucketLocation", "s3:GetObject", "s3:PutObject",
                                          "s3:DeleteObject", "s3:GetObjectVersion"],
            "Resource": [att(bucket, "Arn"), sub(f"${{{bucket}.Arn}}/*")]}])
    if protocol == "sftp":
        server = unit.logical("Server")
        unit.template.add(server, "AWS::Transfer::Server", {
            "Protocols": ["SFTP"], "EndpointType": "PUBLIC", "IdentityProviderType": "SERVICE_MANAGED",
            "Domain": "S3" if bucket or store.get("kind") != "file" else "EFS"},
            unit.origin("managed SFTP endpoint; partners' files land in the store"))
        gen.add_manual("Create a Transfer Family user per partner with their SSH public key, the role "
                       f"{unit.logical('UserRole')} and a home directory in the store.", unit)
        return
    gen.add_manual(f"Create the Transfer Family {PROTOCOL_NAMES[protocol]} server on a VPC endpoint "
                   + ("with a custom identity provider" if protocol in ("ftp", "ftps") else "with AS2 agreements")
                   + (" and an ACM certificate" if protocol == "ftps" else "")
                   + ", storing into the store drawn beside it.", unit)
