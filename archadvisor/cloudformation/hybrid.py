"""The on-premises side: Site-to-Site VPN, the AWS end of Direct Connect, Storage Gateway targets, data
transfer. What CloudFormation cannot create (a Direct Connect connection, a gateway appliance on site, a
Snowball job) becomes a manual step in the report."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .compute import role
from .core import Json, att, ref, sub

if TYPE_CHECKING:
    from .generator import Generator, Unit

CIDR = r"^\d{1,3}(\.\d{1,3}){3}/\d{1,2}$"


def _vgw(gen: "Generator", unit: "Unit") -> str:
    key = (id(unit.template), "vgw")
    if key not in gen.shared:
        net = gen.network(unit.template)
        name = "VpnGateway"
        unit.template.add(name, "AWS::EC2::VPNGateway", {"Type": "ipsec.1", "AmazonSideAsn": 64512}, unit.origin())
        unit.template.add(f"{name}Attachment", "AWS::EC2::VPCGatewayAttachment",
                          {"VpcId": net.vpc_ref(), "VpnGatewayId": ref(name)}, unit.origin())
        tables = [ref(net.private_route_table(z)) for z in range(net.zone_count)]
        unit.template.add(f"{name}Propagation", "AWS::EC2::VPNGatewayRoutePropagation", {
            "RouteTableIds": tables, "VpnGatewayId": ref(name)},
            unit.origin("on-premises routes appear in the private route tables"), depends=[f"{name}Attachment"])
        gen.shared[key] = name
    return gen.shared[key]


def _vpn(gen: "Generator", unit: "Unit", gateway: str, note: str) -> None:
    template = unit.template
    address = template.parameter("CustomerGatewayIp", "String", "Public IP address of the on-premises VPN device",
                                 AllowedPattern=r"^\d{1,3}(\.\d{1,3}){3}$")
    cidr = template.parameter("OnPremisesCidr", "String", "Address range of the on-premises network",
                              "192.168.0.0/16", AllowedPattern=CIDR)
    customer = "CustomerGateway"
    template.add(customer, "AWS::EC2::CustomerGateway", {"Type": "ipsec.1", "BgpAsn": 65000, "IpAddress": address},
                 unit.origin("the on-premises router"))
    connection = "VpnConnection"
    template.add(connection, "AWS::EC2::VPNConnection", {
        "Type": "ipsec.1", "CustomerGatewayId": ref(customer), "VpnGatewayId": ref(gateway),
        "StaticRoutesOnly": True}, unit.origin(note))
    template.add(f"{connection}Route", "AWS::EC2::VPNConnectionRoute", {
        "DestinationCidrBlock": cidr, "VpnConnectionId": ref(connection)}, unit.origin())
    gen.add_manual("Configure the on-premises VPN device with the tunnel settings of the VPN connection "
                   "(download its configuration from the VPC console).", unit)


def virtual_private_gateway(gen: "Generator", unit: "Unit") -> None:
    gateway = _vgw(gen, unit)
    if unit.choice == "site-to-site-vpn":
        _vpn(gen, unit, gateway, "two IPsec tunnels over the internet")


def direct_connect(gen: "Generator", unit: "Unit") -> None:
    gateway = _vgw(gen, unit)
    bandwidth = gen.get("hybrid", "link", "bandwidth") or "the needed bandwidth"
    gen.add_manual(f"Order a Direct Connect connection ({bandwidth}) at a Direct Connect location, have the "
                   "cross-connect made to the on-premises router, then create a private virtual interface to "
                   "the virtual private gateway VpnGateway (weeks of lead time).", unit)
    if unit.choice == "direct-connect-with-vpn":
        _vpn(gen, unit, gateway, "IPsec over Direct Connect: private and encrypted")
        gen.add_manual("Create a public (or transit) virtual interface so the IPsec tunnels run over Direct "
                       "Connect rather than the internet.", unit)


def direct_connect_gateway(gen: "Generator", unit: "Unit") -> None:
    """The global gateway, associated with this region's virtual private gateway; a recovery region's gateway
    is associated by hand (the association needs the gateway's id, which one template cannot pass to another)."""
    gateway = _vgw(gen, unit)
    name = unit.logical("Gateway")
    unit.template.add(name, "AWS::DirectConnect::DirectConnectGateway", {
        "DirectConnectGatewayName": sub("${AWS::StackName}-dx"), "AmazonSideAsn": 64513},
        unit.origin("global: reaches virtual private gateways in any region"))
    unit.template.add(f"{name}Association", "AWS::DirectConnect::DirectConnectGatewayAssociation", {
        "DirectConnectGatewayId": att(name, "DirectConnectGatewayId"), "AssociatedGatewayId": ref(gateway)},
        unit.origin("this region's virtual private gateway"))
    unit.template.output(f"{name}Id", att(name, "DirectConnectGatewayId"), "Direct Connect gateway")
    gen.add_manual("Create the private virtual interface on the Direct Connect connection to the Direct Connect "
                   f"gateway {name}, and associate the gateway with the recovery region's virtual private gateway.",
                   unit)


def storage_gateway(gen: "Generator", unit: "Unit") -> None:
    target = next((gen.refs[u.name]["bucket"] for u in gen.linked(unit) if gen.refs.get(u.name, {}).get("bucket")),
                  None)
    kind = {"storage-gateway-file": "S3 File Gateway", "storage-gateway-volume-cached": "Volume Gateway (cached)",
            "storage-gateway-volume-stored": "Volume Gateway (stored)",
            "storage-gateway-tape": "Tape Gateway"}.get(unit.choice or "", "Storage Gateway")
    if target and unit.choice == "storage-gateway-file":
        role(gen, unit, unit.logical("Role"), "storagegateway.amazonaws.com", [], statements=[{
            "Effect": "Allow", "Action": ["s3:GetBucketLocation", "s3:ListBucket", "s3:GetObject", "s3:PutObject",
                                          "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts",
                                          "s3:GetObjectAcl", "s3:PutObjectAcl"],
            "Resource": [att(target, "Arn"), sub(f"${{{target}.Arn}}/*")]}])
    gen.add_manual(f"Deploy the {kind} appliance on site (VMware, Hyper-V, KVM or the hardware appliance), "
                   "activate it in this region and create its "
                   + ("file share on the bucket with the role above." if target else "volumes or tapes."), unit)


def transfer_device(gen: "Generator", unit: "Unit") -> None:
    if unit.choice == "snowmobile":  # no longer sold: the design builds its replacement (drawn as DataSync)
        online_transfer(gen, unit)
        return
    size = gen.get("hybrid", "migration", "data") or "the data"
    device = {"snowball": "Snowball Edge Storage Optimized", "snowball-edge": "Snowball Edge Compute Optimized",
              "snowmobile": "Snowmobile"}.get(unit.choice or "", "Snow")
    gen.add_manual(f"Order a {device} import job for {size} into the migration bucket, copy the data on site "
                   "and ship the device back.", unit)


def online_transfer(gen: "Generator", unit: "Unit") -> None:
    target = next((gen.refs[u.name]["bucket"] for u in gen.linked(unit) if gen.refs.get(u.name, {}).get("bucket")),
                  None)
    if target:
        access = role(gen, unit, unit.logical("Role"), "datasync.amazonaws.com", [], statements=[{
            "Effect": "Allow", "Action": ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads",
                                          "s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject",
                                          "s3:ListMultipartUploadParts", "s3:PutObject", "s3:GetObjectTagging",
                                          "s3:PutObjectTagging"],
            "Resource": [att(target, "Arn"), sub(f"${{{target}.Arn}}/*")]}])
        unit.template.add(unit.logical("Destination"), "AWS::DataSync::LocationS3", {
            "S3BucketArn": att(target, "Arn"), "S3Config": {"BucketAccessRoleArn": att(access, "Arn")},
            "S3StorageClass": "STANDARD"}, unit.origin("DataSync writes into the migration bucket"))
    source = {"nfs": "NFS", "smb": "SMB", "hdfs": "HDFS", "object-storage": "object storage"}.get(
        gen.get("hybrid", "migration", "source") or "", "NFS/SMB")
    schedule = " on a schedule" if gen.get("hybrid", "migration", "recurring") else ""
    where = "the S3 location above" if target else "the file system drawn as its target"
    replaces = (" This replaces Snowmobile, which AWS no longer offers: add Direct Connect capacity for the "
                "deadline, or upload at an AWS Data Transfer Terminal." if gen.decision("data-transfer") and
                gen.decision("data-transfer").get("choice") == "snowmobile" else "")
    gen.add_manual(f"Deploy a DataSync agent on site, create the on-premises {source} location and a task to "
                   f"{where}{schedule}, with data verification on.{replaces}", unit)


def acceleration(gen: "Generator", unit: "Unit") -> None:
    for target in gen.linked(unit):
        bucket = gen.refs.get(target.name, {}).get("bucket")
        if bucket:
            props: Json = unit.template.resources[bucket]["Properties"]
            props["AccelerateConfiguration"] = {"AccelerationStatus": "Enabled"}
            unit.template.resources[bucket]["Metadata"]["ArchAdvisor"]["Note"] += \
                "; Transfer Acceleration on"


def covered(gen: "Generator", unit: "Unit") -> None:
    """Drawn for the picture; its resource belongs to another unit (MultiAZ standby, customer gateway ...)."""


HANDLERS: dict[str, tuple[int, Any]] = {
    "virtual-private-gateway": (0, virtual_private_gateway), "site-to-site-vpn": (0, virtual_private_gateway),
    "direct-connect": (1, direct_connect), "direct-connect-with-vpn": (1, direct_connect),
    "direct-connect-gateway": (2, direct_connect_gateway),
    "storage-gateway-file": (9, storage_gateway), "storage-gateway-volume-cached": (9, storage_gateway),
    "storage-gateway-volume-stored": (9, storage_gateway), "storage-gateway-tape": (9, storage_gateway),
    "snowball": (9, transfer_device), "snowball-edge": (9, transfer_device), "snowmobile": (9, transfer_device),
    "online-transfer": (9, online_transfer), "datasync": (9, online_transfer),
    "s3-transfer-acceleration": (9, acceleration),
    "customer-gateway": (9, covered), "rds-standby": (9, covered), "iam": (9, covered),
    "shield-standard": (9, covered),  # on for every account at no charge: nothing to create
}
