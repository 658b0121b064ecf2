"""What the hybrid concerns add: the on-premises site, its link into the VPC, the storage gateway
appliance and the bulk transfer. On-premises traffic reaches private resources only over the link:
the customer gateway to the virtual private gateway, directly or through a Direct Connect location."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .registry import draws
from .services import ARCHIVE_CLASSES

if TYPE_CHECKING:
    from .build import Builder

HYBRID_STORAGE_PATHS = {  # choice: (protocol on site, label to AWS, AWS-side service, AWS-side label)
    "storage-gateway-file": ("NFS / SMB", "files as objects (HTTPS)", "s3", "S3 bucket\nfile share objects"),
    "storage-gateway-volume-cached": ("iSCSI", "primary data (cached on site)", "s3",
                                      "Amazon S3\nvolume data + snapshots"),
    "storage-gateway-volume-stored": ("iSCSI", "asynchronous backup", "s3", "Amazon S3\nEBS snapshots of volumes"),
    "storage-gateway-tape": ("iSCSI VTL", "virtual tapes", "s3-glacier-deep-archive",
                             "S3 Glacier Deep Archive\nvirtual tape shelf"),
}
CONCERNS = ("hybrid-connectivity", "hybrid-storage", "data-transfer")
FILE_SYSTEMS = ("efs", "fsx-windows", "fsx-lustre", "fsx-ontap")


@draws(*CONCERNS, stage=80)
def hybrid(b: "Builder") -> None:
    if not any(b.choices(c) for c in CONCERNS):
        return  # a hybrid section that decided nothing (a link's spare capacity, no data to move) draws no site
    site = b.site()
    for d in b.to_draw("hybrid-connectivity"):
        link_gateway(b)
        b.c.link(site, "customer-gateway", "", kind="hybrid")
    for d in b.to_draw("hybrid-storage"):
        hybrid_storage(b, site, d)
    for d in b.to_draw("data-transfer"):
        transfer(b, site, d)


def link_gateway(b: "Builder") -> str:
    """The virtual private gateway that the hybrid link lands on, with the link drawn from the site's
    router (placed once: the front door asks for it when internal users arrive over the link)."""
    from .build import get

    d = b.choices("hybrid-connectivity")[0]
    choice, key = d["choice"], b.key(d)
    if b.c.has("vpn-gateway"):
        return "vpn-gateway"
    router = b.c.add("customer-gateway", "customer-gateway", "Customer gateway\n(on-premises router)",
                     b.site_group(), role="router", because=key)
    bandwidth = get(b.workload, "hybrid", "link", "bandwidth")
    suffix = f" ({bandwidth})" if bandwidth else ""
    if choice == "site-to-site-vpn":
        vgw = b.c.add("vpn-gateway", "virtual-private-gateway", "Virtual private gateway\nSite-to-Site VPN",
                      b.vpc(), key, role="link-gateway")
        b.c.link(router, vgw, "IPsec VPN" + suffix, "dashed", "hybrid")
    else:
        vgw = b.c.add("vpn-gateway", "virtual-private-gateway", "Virtual private gateway", b.vpc(),
                      role="link-gateway", because=key)
        dx = b.c.add("direct-connect", choice, "Direct Connect\nlocation" if choice == "direct-connect" else
                     "Direct Connect\n+ IPsec VPN", b.cloud(), key, role="link")
        b.c.link(router, dx, ("Direct Connect" if choice == "direct-connect" else
                              "IPsec VPN over Direct Connect") + suffix, kind="hybrid")
        routing = b.choices("direct-connect-routing")
        if routing:  # one connection to a global gateway, associated with each region's gateway
            gateway = b.c.add("dx-gateway", "direct-connect-gateway", "Direct Connect gateway\n(global)", b.cloud(),
                              b.key(routing[0]), role="link")
            b.c.link(dx, gateway, "private VIF", kind="hybrid")
            b.c.link(gateway, vgw, "association", kind="hybrid")
        else:
            b.c.link(dx, vgw, "private VIF", kind="hybrid")
    for app in b.front_apps() if b.apps[1] else []:  # the link reaches the application the site calls, when
        b.c.link(vgw, app, "private traffic", kind="hybrid")  # there is one (not a placeholder for it)
    return vgw


def hybrid_storage(b: "Builder", site: str, d: dict) -> None:
    from .build import short_name

    choice, key = d["choice"], b.key(d)
    if choice == "fsx-windows":
        existing = b.c.find("fsx-windows")
        if existing:  # the file system the workload already has, shared with the site
            node = existing[0]
            b.c.annotate(node, key, "shared with on-premises")
        else:
            node = b.c.add("hybrid-fsx", choice, "FSx for Windows\nFile Server", b.subnet(1, b.azs[0], "data"), key,
                           role="store")
        # The site's SMB traffic reaches a file system in the VPC over the hybrid link's gateway only.
        if b.choices("hybrid-connectivity"):
            b.c.link(link_gateway(b), node, "SMB from on-premises", kind="hybrid")
        return
    on_site, to_aws, service, target_label = HYBRID_STORAGE_PATHS[choice]
    gateway = b.c.add("storage-gateway", choice, short_name(choice) + "\nappliance on site", b.site_group(), key,
                      role="appliance")
    b.c.link(site, gateway, on_site, kind="hybrid")
    archives = sorted(x["node"] for x in b.stores.values() if x["choice"] in ARCHIVE_CLASSES)
    if choice == "storage-gateway-file":  # files land as objects in the workload's readable bucket
        target = b.bucket("storage-gateway-target", target_label, role="store", because=key)
    elif choice == "storage-gateway-tape" and archives:  # tapes archived in the workload's archive store
        target = archives[0]
    else:
        target = b.c.add("storage-gateway-target", service, target_label, b.region(), role="store", because=key)
    b.c.link(gateway, target, to_aws, "dashed" if "backup" in to_aws else "solid", "hybrid")


FILE_SOURCES = {"nfs": "NFS", "smb": "SMB", "hdfs": "HDFS", "object-storage": "object storage"}


def transfer(b: "Builder", site: str, d: dict) -> None:
    """The move drawn as it will be built: a choice AWS no longer sells (Snowmobile) is drawn as the
    decision's ``replaced_by`` service, so the template and the cost follow what can be bought."""
    from ..engine.model import built_choice
    from .build import get, short_name

    key = b.key(d)
    choice = built_choice(d)
    size = get(b.workload, "hybrid", "migration", "data")
    size_text = f"\n{size}" if size else ""
    if choice == "datasync":
        datasync(b, site, d, size_text)
        return
    target = b.bucket("migration-target", "S3 bucket\nmigrated data", role="store", because=key)
    if choice in ("snowball", "snowball-edge", "snowmobile"):
        device = b.c.add("transfer-device", choice, f"{short_name(choice)}{size_text}", b.site_group(), key,
                         role="device")
        b.c.link(site, device, "copy on site", kind="hybrid")
        b.c.link(device, target, "shipped to AWS, imported", "dotted", "hybrid")
    elif choice == "s3-transfer-acceleration":
        node = b.c.add("transfer-acceleration", choice, "S3 Transfer Acceleration\n(edge location)", b.cloud(), key,
                       role="edge")
        b.c.link(site, node, "HTTPS upload", kind="hybrid")
        b.c.link(node, target, "AWS backbone", kind="hybrid")
    else:
        node = b.c.add("online-transfer", choice, short_name(choice) + size_text, b.region(), key, role="service")
        b.c.link(site, node, "over the network link", kind="hybrid")
        b.c.link(node, target, "", kind="hybrid")


def datasync(b: "Builder", site: str, d: dict, size_text: str) -> None:
    """An agent on site reads the share, HDFS or object store; DataSync writes into the workload's file
    system when the source is a file share and one is designed, else into a bucket."""
    from .build import get

    key = b.key(d)
    source = get(b.workload, "hybrid", "migration", "source")
    instead = "\n(instead of Snowmobile)" if d["choice"] == "snowmobile" else ""
    node = b.c.add("online-transfer", "datasync", f"AWS DataSync{instead}{size_text}", b.region(), key,
                   role="service")
    reads = f"agent reads {FILE_SOURCES[source]}" if source in FILE_SOURCES else "agent on site"
    b.c.link(site, node, reads + (" over Direct Connect" if instead else ""), kind="hybrid")
    file_stores = sorted(x["node"] for x in b.stores.values() if x["choice"] in FILE_SYSTEMS)
    if source in ("nfs", "smb") and file_stores:
        b.c.link(node, file_stores[0], "verified copy", kind="hybrid")
        return
    target = b.bucket("migration-target", "S3 bucket\nmigrated data", role="store", because=key)
    b.c.link(node, target, "verified copy", kind="hybrid")


@draws("direct-connect-routing", stage=105)
def second_region_gateway(b: "Builder") -> None:
    """After the second region is drawn: the Direct Connect gateway also reaches the recovery region's VPC
    through a virtual private gateway of its own."""
    if not b.choices("direct-connect-routing") or not b.c.has("dx-gateway") or "vpc-2" not in b.c.groups:
        return
    key = b.key(b.choices("direct-connect-routing")[0])
    vgw = b.c.add("r2-vpn-gateway", "virtual-private-gateway", "Virtual private gateway", b.vpc(2),
                  role="link-gateway", because=key)
    b.c.link("dx-gateway", vgw, "association", kind="hybrid")
    for app in b.apps.get(2, []):
        b.c.link(vgw, app, "private traffic", kind="hybrid")
