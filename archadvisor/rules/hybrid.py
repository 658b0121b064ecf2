"""The on-premises site: its network link, storage backed by AWS, and bulk data moves."""
from __future__ import annotations

from ..engine.model import Concern, Eliminate, Select, Subject, Warn
from .common import whole_system
from .data_transfer import DATA_TRANSFER

VPN = "notes: Virtual Private Networks (VPNs)"
DX = "notes: AWS DirectConnect"
VPN_QUOTAS = "https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-limits.html"
VPN_TUNNELS = "https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html"
TGW_ECMP = "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html"
DX_RESILIENCY = "https://docs.aws.amazon.com/directconnect/latest/UserGuide/getting_started.html"
FILE_GATEWAY = "notes: File Gateway"
VOLUME_GATEWAY = "notes: Volume Gateway"
STORED_CACHED = "notes: Stored Volumes vs. Cached Volumes"
TAPE_GATEWAY = "notes: Tape Gateway"
FSX_WINDOWS = "notes: Amazon FSx for Windows"

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
            id="hybrid-connectivity.vpn-tunnel-bandwidth",
            title="More bandwidth than one VPN tunnel carries",
            rationale=("A standard Site-to-Site VPN tunnel carries up to 1.25 Gbps, and a virtual private gateway "
                       "sends a flow over one tunnel. More takes a transit gateway: several VPN connections with "
                       "dynamic (BGP) routing and equal-cost multi-path (ECMP) spread the traffic over their "
                       "tunnels, or Large tunnels carry up to 5 Gbps each (transit gateway and Cloud WAN "
                       "attachments only). The notes and most exam material give the 1.25 Gbps figure and ECMP over "
                       "a transit gateway; Large tunnels are newer (current AWS documentation)."),
            sources=(VPN, VPN_QUOTAS, VPN_TUNNELS, TGW_ECMP),
            pillars=("performance-efficiency", "reliability"),
            thresholds=DX_LEAD,
            when=lambda c, t: c.gt("hybrid.link.bandwidth", t.vpn_tunnel),
            reason=("bandwidth is {hybrid.link.bandwidth}, more than the {t.vpn_tunnel} one VPN tunnel carries: "
                    "terminate the VPN on a transit gateway and spread the traffic over several VPN connections "
                    "with BGP and ECMP, or use Large (5 Gbps) tunnels there; a virtual private gateway cannot"),
            choices=("site-to-site-vpn", "direct-connect-with-vpn"),
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

DX_GATEWAY_DOC = "https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-gateways-intro.html"
DX_GATEWAY_TGW = "https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-transit-gateways.html"


def _reaches_beyond_one_vpc(c) -> bool:
    """The link must reach more than the one VPC a private virtual interface lands on: a second region's VPC
    (the recovery region) or several VPCs that all talk to each other."""
    regions = c.eq("availability.scope", "multi-region")
    many = c.gt("network.interconnect_vpcs", 1)
    return regions or many


DX_ROUTING = Concern(
    id="direct-connect-routing",
    title="One Direct Connect link reaching several regions or VPCs",
    question="How does one Direct Connect connection reach VPCs in several regions, or many VPCs?",
    subject_kind="none",
    choices=("direct-connect-gateway",),
    raised=lambda c: [Subject(None)] if (c.decided("hybrid-connectivity", *DIRECT_CONNECTS, subject=None)
                                         and _reaches_beyond_one_vpc(c)) else [],
    depends_on=("hybrid-connectivity",),
    rules=(
        Select(
            id="direct-connect-routing.transit-gateway",
            title="Many VPCs that talk to each other: a Direct Connect gateway with a transit VIF",
            rationale=("A transit virtual interface to a Direct Connect gateway associated with a transit gateway "
                       "carries the site's traffic to every VPC attached to the transit gateway, which also routes "
                       "between them."),
            sources=(DX_GATEWAY_TGW,),
            pillars=("performance-efficiency", "operational-excellence"),
            when=lambda c, t: c.gt("network.interconnect_vpcs", 1),
            reason=("interconnect_vpcs is {network.interconnect_vpcs}: a transit VIF to a Direct Connect gateway "
                    "associated with the transit gateway reaches all of them over one connection"),
            choice="direct-connect-gateway",
        ),
        Select(
            id="direct-connect-routing.several-regions",
            title="VPCs in several regions over one connection: a Direct Connect gateway",
            rationale=("A Direct Connect gateway is a global resource: one private virtual interface to it reaches "
                       "the virtual private gateways of VPCs in any region (except China) it is associated with, so "
                       "the recovery region is reached over the same connection."),
            sources=(DX_GATEWAY_DOC,),
            pillars=("reliability", "cost-optimization"),
            reason=("scope is {availability.scope}: a Direct Connect gateway carries the one connection to the VPCs "
                    "of {region} and {availability.dr_region}"),
            choice="direct-connect-gateway",
        ),
        Warn(
            id="direct-connect-routing.no-vpc-to-vpc",
            title="A Direct Connect gateway does not route between VPCs",
            rationale=("Traffic between two VPCs associated with the same Direct Connect gateway is not routed "
                       "through it (no transitive routing); VPC-to-VPC traffic needs peering or a transit gateway."),
            sources=(DX_GATEWAY_DOC,),
            pillars=("reliability",),
            when=lambda c, t: c.eq("availability.scope", "multi-region")
            and not c.gt("network.interconnect_vpcs", 1),
            reason=("scope is multi-region: the gateway joins the site to both regions' VPCs, not the VPCs to each "
                    "other; replicate between regions over AWS's own network (or peer the VPCs)"),
            choices=("direct-connect-gateway",),
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

CONCERNS = [CONNECTIVITY, DX_ROUTING, HYBRID_STORAGE, DATA_TRANSFER]
