"""The on-premises site: its network link, storage backed by AWS, and bulk data moves."""
from __future__ import annotations

from ..engine.model import Concern, Eliminate, Select, Subject, Warn
from .common import whole_system

VPN = "notes: Virtual Private Networks (VPNs)"
DX = "notes: AWS DirectConnect"
VPN_QUOTAS = "https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-limits.html"
DX_RESILIENCY = "https://docs.aws.amazon.com/directconnect/latest/UserGuide/getting_started.html"
FILE_GATEWAY = "notes: File Gateway"
VOLUME_GATEWAY = "notes: Volume Gateway"
STORED_CACHED = "notes: Stored Volumes vs. Cached Volumes"
TAPE_GATEWAY = "notes: Tape Gateway"
FSX_WINDOWS = "notes: Amazon FSx for Windows"
SNOWBALL = "notes: Snowball"
DATASYNC = "https://docs.aws.amazon.com/datasync/latest/userguide/what-is-datasync.html"
SNOW_EDGE = "notes: Snowball Edge and Snowmobile"
TRANSFER_ACCELERATION = "notes: S3 Transfer Acceleration"
SNOWMOBILE_FAQ = "https://aws.amazon.com/snowmobile/faqs/"
SNOWBALL_EDGE_NOTICE = "https://docs.aws.amazon.com/snowball/latest/developer-guide/whatisedge.html"
DATA_TRANSFER_TERMINAL = "https://docs.aws.amazon.com/datatransferterminal/latest/userguide/what-is-dtt.html"

DIRECT_CONNECTS = ("direct-connect", "direct-connect-with-vpn")
DX_LEAD = {"lead_time": "4w", "vpn_tunnel": "1.25 Gbps"}


def _dx_in_time(c, t) -> bool:
    """True when the link is not needed before Direct Connect can be provisioned (or no date is set)."""
    return not c.lt("hybrid.link.needed_within", t.lead_time)


CONNECTIVITY = Concern(
    id="hybrid-connectivity",
    title="Network link to the on-premises site",
    question="How should the on-premises site connect to the VPC?",
    subject_kind="none",
    choices=("site-to-site-vpn", "direct-connect", "direct-connect-with-vpn"),
    # A described link, or a file system in the VPC that the site must reach (FSx for Windows is reached over
    # a VPN or Direct Connect only): without a link the site could not reach it at all.
    raised=lambda c: [Subject(None)] if (c.present("hybrid.link")
                                         or c.decided("hybrid-storage", "fsx-windows", subject=None)) else [],
    depends_on=("hybrid-storage",),
    rules=(
        Eliminate(
            id="hybrid-connectivity.dx-lead-time",
            title="Direct Connect takes weeks to provision",
            rationale="A Direct Connect circuit needs a port at a Direct Connect location and a cross-connect; it "
                      "typically takes weeks or months, while a VPN is up in hours.",
            sources=(DX, DX_RESILIENCY),
            pillars=("operational-excellence",),
            thresholds=DX_LEAD,
            when=lambda c, t: c.lt("hybrid.link.needed_within", t.lead_time),
            reason="the link is needed within {hybrid.link.needed_within}, sooner than Direct Connect's lead time "
                   "of about {t.lead_time}",
            choices=DIRECT_CONNECTS,
        ),
        Eliminate(
            id="hybrid-connectivity.vpn-crosses-internet",
            title="A VPN crosses the public internet",
            rationale="Site-to-Site VPN is IPsec over the internet: its latency and throughput vary and its traffic "
                      "crosses public networks; a standard tunnel carries up to 1.25 Gbps (the notes' figure, still "
                      "current). More needs ECMP over a Transit Gateway, which aggregates tunnels over BGP, or "
                      "Large 5 Gbps tunnels, offered on Transit Gateway and Cloud WAN attachments only.",
            sources=(VPN, DX, VPN_QUOTAS),
            pillars=("reliability", "performance-efficiency"),
            thresholds=DX_LEAD,
            when=lambda c, t: (c.true("hybrid.link.private") or c.true("hybrid.link.consistent")
                               or c.gt("hybrid.link.bandwidth", t.vpn_tunnel)) and _dx_in_time(c, t),
            reason="private is {hybrid.link.private}, consistent is {hybrid.link.consistent}, bandwidth is "
                   "{hybrid.link.bandwidth}: an internet VPN (up to {t.vpn_tunnel} a tunnel) cannot promise that",
            choices=("site-to-site-vpn",),
        ),
        Eliminate(
            id="hybrid-connectivity.dx-not-encrypted",
            title="Direct Connect alone is not encrypted",
            rationale="The notes: there is no option to enable IPsec on the Direct Connect connection itself; a "
                      "VPN over Direct Connect adds it.",
            sources=(DX,),
            pillars=("security",),
            when=lambda c, t: c.true("hybrid.link.encrypted"),
            reason="encrypted is true: Direct Connect carries traffic unencrypted unless a VPN runs over it",
            choices=("direct-connect",),
        ),
        Select(
            id="hybrid-connectivity.dx-with-vpn",
            title="Private, consistent and encrypted: VPN over Direct Connect",
            rationale="Direct Connect plus an IPsec VPN over it gives an encrypted, private connection with "
                      "consistent performance.",
            sources=(DX,),
            pillars=("security", "reliability"),
            thresholds=DX_LEAD,
            when=lambda c, t: c.true("hybrid.link.encrypted") and (
                c.true("hybrid.link.private") or c.true("hybrid.link.consistent")
                or c.gt("hybrid.link.bandwidth", t.vpn_tunnel)),
            reason="encrypted is true, and private is {hybrid.link.private}, consistent is "
                   "{hybrid.link.consistent}, bandwidth is {hybrid.link.bandwidth}: Direct Connect carries the "
                   "traffic and an IPsec VPN over it encrypts it (each tunnel up to {t.vpn_tunnel}: use several "
                   "for more)",
            choice="direct-connect-with-vpn",
        ),
        Select(
            id="hybrid-connectivity.direct-connect",
            title="Private, consistent or high-bandwidth: Direct Connect",
            rationale="Direct Connect is a dedicated private connection with consistent latency and 1 to 100 Gbps, "
                      "for high-throughput hybrid workloads.",
            sources=(DX,),
            pillars=("performance-efficiency", "reliability"),
            thresholds=DX_LEAD,
            when=lambda c, t: c.true("hybrid.link.private") or c.true("hybrid.link.consistent")
            or c.gt("hybrid.link.bandwidth", t.vpn_tunnel),
            reason="private is {hybrid.link.private}, consistent is {hybrid.link.consistent}, bandwidth is "
                   "{hybrid.link.bandwidth}: a dedicated Direct Connect link fits",
            choice="direct-connect",
        ),
        Select(
            id="hybrid-connectivity.encrypted-vpn",
            title="Encrypted, with no call for a dedicated line: Site-to-Site VPN",
            rationale="A Site-to-Site VPN encrypts traffic with IPsec over the internet and is up in hours; "
                      "Direct Connect is needed only for a private, consistent or high-bandwidth link.",
            sources=(VPN, DX),
            pillars=("security", "cost-optimization"),
            thresholds=DX_LEAD,
            when=lambda c, t: c.true("hybrid.link.encrypted") and not (
                c.true("hybrid.link.private") or c.true("hybrid.link.consistent")
                or c.gt("hybrid.link.bandwidth", t.vpn_tunnel)),
            reason="encrypted is true, and neither a private nor a consistent link is asked for (bandwidth "
                   "{hybrid.link.bandwidth}): an IPsec VPN over the internet encrypts the traffic and is set up "
                   "in hours",
            choice="site-to-site-vpn",
        ),
        Select(
            id="hybrid-connectivity.vpn",
            title="Quick, encrypted link over the internet: Site-to-Site VPN",
            rationale="A Site-to-Site VPN (virtual private gateway and customer gateway, IPsec) is encrypted and "
                      "can be set up in hours at low cost.",
            sources=(VPN,),
            pillars=("cost-optimization", "security"),
            reason="needed within {hybrid.link.needed_within}, bandwidth {hybrid.link.bandwidth}: an IPsec VPN over "
                   "the internet is quick to set up and encrypted",
            choice="site-to-site-vpn",
        ),
        Warn(
            id="hybrid-connectivity.interim-vpn",
            title="Needed before Direct Connect can be ready",
            rationale="When the link is needed sooner than Direct Connect can be provisioned, start with a VPN and "
                      "move to Direct Connect later, keeping the VPN as backup.",
            sources=(DX, VPN),
            pillars=("reliability",),
            thresholds=DX_LEAD,
            when=lambda c, t: c.true("hybrid.link.private") or c.true("hybrid.link.consistent")
            or c.gt("hybrid.link.bandwidth", t.vpn_tunnel),
            reason="private/consistent/bandwidth ({hybrid.link.bandwidth}) call for Direct Connect, but it is "
                   "needed within {hybrid.link.needed_within}: start on a VPN, order Direct Connect now and keep "
                   "the VPN as backup",
            choices=("site-to-site-vpn",),
        ),
        Warn(
            id="hybrid-connectivity.single-dx-no-redundancy",
            title="One Direct Connect link is a single point of failure",
            rationale="For resilience AWS recommends a second connection at another location, or a VPN as backup.",
            sources=(DX_RESILIENCY,),
            pillars=("reliability",),
            when=lambda c, t: c.one_of("availability.scope", "multi-az", "multi-region"),
            reason="scope is {availability.scope}: add a second Direct Connect at another location, or a "
                   "Site-to-Site VPN as backup",
            choices=DIRECT_CONNECTS,
        ),
    ),
)

GATEWAYS = ("storage-gateway-file", "storage-gateway-volume-cached", "storage-gateway-volume-stored",
            "storage-gateway-tape")

HYBRID_STORAGE = Concern(
    id="hybrid-storage",
    title="Storage on site backed by AWS",
    question="How should on-premises applications reach storage backed by AWS?",
    subject_kind="none",
    choices=GATEWAYS + ("fsx-windows",),
    raised=whole_system("hybrid.storage"),
    rules=(
        Eliminate(
            id="hybrid-storage.file-protocols",
            title="File Gateway and FSx serve files, not block volumes or tapes",
            rationale="File Gateway is an NFS/SMB mount onto S3 and FSx for Windows is an SMB file system; "
                      "neither presents iSCSI volumes or a virtual tape library.",
            sources=(FILE_GATEWAY, FSX_WINDOWS),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.one_of("hybrid.storage.protocol", "iscsi", "tape"),
            reason="protocol is {hybrid.storage.protocol}: a file share does not present it",
            choices=("storage-gateway-file", "fsx-windows"),
        ),
        Eliminate(
            id="hybrid-storage.volume-is-iscsi",
            title="Volume Gateway presents iSCSI block volumes",
            rationale="Volume Gateway stores virtual disks mounted over iSCSI; it offers no NFS/SMB share or tape.",
            sources=(VOLUME_GATEWAY,),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.one_of("hybrid.storage.protocol", "nfs", "smb", "tape"),
            reason="protocol is {hybrid.storage.protocol}, not iSCSI",
            choices=("storage-gateway-volume-cached", "storage-gateway-volume-stored"),
        ),
        Eliminate(
            id="hybrid-storage.tape-is-for-backup-software",
            title="Tape Gateway is a virtual tape library",
            rationale="Tape Gateway serves backup software that writes to tapes; applications reading files or "
                      "volumes need another gateway.",
            sources=(TAPE_GATEWAY,),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.one_of("hybrid.storage.protocol", "nfs", "smb", "iscsi"),
            reason="protocol is {hybrid.storage.protocol}: applications read it directly, not through backup tapes",
            choices=("storage-gateway-tape",),
        ),
        Eliminate(
            id="hybrid-storage.cached-volumes-keep-a-cache",
            title="Cached volumes keep only hot data on site",
            rationale="Cached volumes hold the data in S3 and only recently used blocks on site; a whole data set "
                      "kept on site for low latency needs stored volumes.",
            sources=(STORED_CACHED,),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.true("hybrid.storage.full_copy_on_premises"),
            reason="full_copy_on_premises is true: cached volumes keep only recently used data on site",
            choices=("storage-gateway-volume-cached",),
        ),
        Eliminate(
            id="hybrid-storage.fsx-windows-speaks-smb",
            title="FSx for Windows serves SMB",
            rationale="FSx for Windows File Server is a native Windows SMB file system.",
            sources=(FSX_WINDOWS,),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.eq("hybrid.storage.protocol", "nfs"),
            reason="protocol is nfs; FSx for Windows serves SMB",
            choices=("fsx-windows",),
        ),
        Select(
            id="hybrid-storage.tape",
            title="Replace a tape library",
            rationale="Tape Gateway presents a virtual tape library to the existing backup software and archives "
                      "the tapes in S3 and Glacier.",
            sources=(TAPE_GATEWAY,),
            pillars=("cost-optimization", "reliability"),
            when=lambda c, t: c.eq("hybrid.storage.protocol", "tape"),
            reason="protocol is tape: Tape Gateway keeps the backup software and moves the tapes to S3 and Glacier",
            choice="storage-gateway-tape",
        ),
        Select(
            id="hybrid-storage.volume-stored",
            title="iSCSI with the whole data set on site",
            rationale="Stored volumes keep the entire data set on site for low-latency access and back it up "
                      "asynchronously to S3 as EBS snapshots.",
            sources=(STORED_CACHED,),
            pillars=("performance-efficiency", "reliability"),
            # With no protocol named, a whole data set kept on site is what stored volumes are for.
            when=lambda c, t: not c.one_of("hybrid.storage.protocol", "nfs", "smb", "tape")
            and c.true("hybrid.storage.full_copy_on_premises"),
            reason="protocol is {hybrid.storage.protocol} and full_copy_on_premises is true: stored volumes keep "
                   "every block local and back up asynchronously to AWS",
            choice="storage-gateway-volume-stored",
        ),
        Select(
            id="hybrid-storage.volume-cached",
            title="iSCSI with S3 as primary and hot data cached on site",
            rationale="Cached volumes keep the data in S3 and only frequently used data on site, so local storage "
                      "stays small.",
            sources=(STORED_CACHED,),
            pillars=("cost-optimization",),
            when=lambda c, t: c.eq("hybrid.storage.protocol", "iscsi"),
            reason="protocol is iscsi and full_copy_on_premises is {hybrid.storage.full_copy_on_premises}: cached "
                   "volumes keep S3 as primary with a local cache of hot data",
            choice="storage-gateway-volume-cached",
        ),
        Select(
            id="hybrid-storage.fsx-windows",
            title="Windows file shares that move to AWS",
            rationale="FSx for Windows File Server is a fully managed native Windows file system with SMB and "
                      "Active Directory integration, reached from the site over the hybrid link.",
            sources=(FSX_WINDOWS,),
            pillars=("operational-excellence",),
            when=lambda c, t: c.eq("hybrid.storage.protocol", "smb") and c.fact_true("windows_file_store"),
            reason="protocol is smb and a Windows file store moves to AWS: FSx for Windows serves it natively with "
                   "AD permissions",
            choice="fsx-windows",
        ),
        Select(
            id="hybrid-storage.file-gateway",
            title="NFS or SMB files stored as S3 objects",
            rationale="File Gateway is an NFS/SMB mount on site whose files land as objects in S3, with a local "
                      "cache of recently used data.",
            sources=(FILE_GATEWAY,),
            pillars=("cost-optimization", "operational-excellence"),
            reason="protocol is {hybrid.storage.protocol}: File Gateway mounts S3 as a file share on site",
            choice="storage-gateway-file",
        ),
        Warn(
            id="hybrid-storage.file-gateway-caches-only",
            title="File Gateway keeps only a cache on site",
            rationale="File Gateway caches recently used data locally; the full data set lives in S3.",
            sources=(FILE_GATEWAY,),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.true("hybrid.storage.full_copy_on_premises"),
            reason="full_copy_on_premises is true but the files live in AWS: File Gateway keeps only recently used "
                   "files on site (FSx keeps none); size the cache for the whole working set or keep a local file "
                   "server with backup to AWS",
            choices=("storage-gateway-file", "fsx-windows"),
        ),
    ),
)

OFFLINE = ("snowball", "snowball-edge", "snowmobile")
ONLINE = ("online-transfer", "s3-transfer-acceleration")
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
    choices=ONLINE + OFFLINE,
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
            when=lambda c, t: c.true("hybrid.migration.long_distance"),
            reason="long_distance is true: uploads enter AWS at the nearest edge location and cross continents "
                   "on the AWS backbone",
            choice="s3-transfer-acceleration",
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

CONCERNS = [CONNECTIVITY, HYBRID_STORAGE, DATA_TRANSFER]
