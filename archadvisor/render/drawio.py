"""diagram.drawio: the design as an editable diagrams.net file.

Shapes come from diagrams.net's AWS library (``mxgraph.aws4`` styles),
groups are AWS group containers (AWS Cloud, Region, VPC and subnets are
``mxgraph.aws4.group`` shapes with their ``grIcon``; an Availability Zone is
a dashed rectangle), so moving a group moves what it holds. Positions are
those of the drawn layout (see layout.py: the same pinned positions Graphviz
draws), made relative to each cell's container. Every link of the model is
a connector between the two component cells.
"""
from __future__ import annotations

import html
from typing import TYPE_CHECKING, Mapping

from .layout import ICON, Box
from .steps import KIND_STYLES

if TYPE_CHECKING:
    from archadvisor.architecture.model import Architecture
    from .scene import Scene

_GROUP = ("points=[[0,0],[0.25,0],[0.5,0],[0.75,0],[1,0],[1,0.25],[1,0.5],[1,0.75],[1,1],[0.75,1],[0.5,1],"
          "[0.25,1],[0,1],[0,0.75],[0,0.5],[0,0.25]];outlineConnect=0;gradientColor=none;html=1;whiteSpace=wrap;"
          "fontSize=12;fontStyle=0;container=1;pointerEvents=0;collapsible=0;recursiveResize=0;"
          "shape=mxgraph.aws4.group;verticalAlign=top;align=left;spacingLeft=30;")
GROUP_STYLES = {
    "cloud": _GROUP + "grIcon=mxgraph.aws4.group_aws_cloud_alt;strokeColor=#232F3E;fillColor=none;fontColor=#232F3E;dashed=0;",
    "region": _GROUP + "grIcon=mxgraph.aws4.group_region;strokeColor=#00A4A6;fillColor=none;fontColor=#147EBA;dashed=1;",
    "vpc": _GROUP + "grIcon=mxgraph.aws4.group_vpc2;strokeColor=#8C4FFF;fillColor=none;fontColor=#AAB7B8;dashed=0;",
    "subnet-public": _GROUP + "grIcon=mxgraph.aws4.group_security_group;grStroke=0;strokeColor=#7AA116;"
                              "fillColor=#F2F6E8;fontColor=#248814;dashed=0;",
    "subnet-app": _GROUP + "grIcon=mxgraph.aws4.group_security_group;grStroke=0;strokeColor=#00A4A6;"
                           "fillColor=#E6F6F7;fontColor=#147EBA;dashed=0;",
    "on-premises": _GROUP + "grIcon=mxgraph.aws4.group_corporate_data_center;strokeColor=#7D8998;fillColor=none;"
                            "fontColor=#5A6C86;dashed=0;",
    "az": "fillColor=none;strokeColor=#147EBA;dashed=1;verticalAlign=top;fontStyle=0;fontColor=#147EBA;"
          "whiteSpace=wrap;html=1;container=1;collapsible=0;recursiveResize=0;align=left;spacingLeft=8;",
}
GROUP_STYLES["subnet-data"] = GROUP_STYLES["subnet-app"]
# AWS's "Generic group" (a dashed box, no icon) for users, the internet, the edge, analytics and security:
# an office-building icon on them read wrong, and it hid the start of their titles.
_PLAIN_GROUP = ("fillColor=none;strokeColor={colour};dashed=1;verticalAlign=top;fontStyle=0;fontColor={colour};"
                "whiteSpace=wrap;html=1;container=1;collapsible=0;recursiveResize=0;align=left;spacingLeft=8;")
GROUP_COLOURS = {"security": "#DD344C", "analytics": "#8C4FFF", "users": "#7D8998", "internet": "#7D8998",
                 "edge": "#7D8998"}
# diagrams icon class -> the diagrams.net AWS icon (mxgraph.aws4.<name>) of the same service; every name is
# checked against a diagrams.net build by scripts/check_drawio.py (an instance store, which has no icon of
# its own there, is drawn as a volume)
AWS4_ICONS = {
    "ElbApplicationLoadBalancer": "application_load_balancer", "ElbNetworkLoadBalancer": "network_load_balancer",
    "MQ": "mq", "APIGateway": "api_gateway", "Appsync": "appsync", "Athena": "athena", "Aurora": "aurora",
    "AuroraInstance": "aurora", "AutoScaling": "auto_scaling2", "Config": "config", "Backup": "backup",
    "EC2Instance": "ec2", "CloudFront": "cloudfront", "Cloudtrail": "cloudtrail", "Cloudwatch": "cloudwatch_2",
    "EC2Instances": "ec2", "Cognito": "cognito", "VPCCustomerGateway": "customer_gateway", "Datasync": "datasync",
    "DynamodbDax": "dynamodb_dax", "DirectConnect": "direct_connect", "Dynamodb": "dynamodb",
    "DynamodbStreams": "dynamodb", "DynamodbTable": "dynamodb", "ElasticBlockStoreEBSVolume": "elastic_block_store",
    "EC2": "ec2", "EC2AutoScaling": "auto_scaling2", "EC2ContainerRegistry": "ecr",
    "ElasticContainerService": "ecs", "VPCElasticNetworkAdapter": "elastic_network_adapter",
    "ElasticFileSystemEFS": "elastic_file_system", "InternetGateway": "internet_gateway",
    "ElasticKubernetesService": "eks", "ElasticBeanstalk": "elastic_beanstalk",
    "ElasticacheForMemcached": "elasticache", "ElasticacheForRedis": "elasticache", "EMR": "emr",
    "VPCElasticNetworkInterface": "elastic_network_interface", "Eventbridge": "eventbridge", "Route53": "route_53",
    "Fargate": "fargate", "FsxForLustre": "fsx_for_lustre", "FsxForWindowsFileServer": "fsx_for_windows_file_server",
    "GlobalAccelerator": "global_accelerator", "S3Glacier": "glacier", "Glue": "glue", "IAM": "identity_and_access_management",
    "SingleSignOn": "single_sign_on", "Disk": "volume", "Internet": "internet_alt2", "IotCore": "iot_core",
    "IotGeneric": "generic_firewall", "KinesisDataFirehose": "kinesis_data_firehose",
    "KinesisDataStreams": "kinesis_data_streams", "KMS": "key_management_service", "Lambda": "lambda",
    "Macie": "macie", "MobileClient": "mobile_client", "Nacl": "network_access_control_list",
    "NATGateway": "nat_gateway", "Server": "traditional_server", "Datacenter": "corporate_data_center",
    "AmazonOpensearchService": "elasticsearch_service", "CloudendureDisasterRecovery": "elastic_disaster_recovery",
    "Privatelink": "endpoints", "Quicksight": "quicksight", "RDS": "rds", "RDSInstance": "rds",
    "Redshift": "redshift", "ReservedInstanceReporting": "ec2", "SimpleStorageServiceS3Bucket": "s3",
    "SimpleStorageServiceS3BucketWithObjects": "s3", "S3GlacierArchive": "glacier", "SimpleStorageServiceS3": "s3",
    "SimpleStorageServiceS3Object": "s3", "SecretsManager": "secrets_manager", "Shield": "shield",
    "SiteToSiteVpn": "site_to_site_vpn", "Snowball": "snowball", "SnowballEdge": "snowball_edge",
    "Snowmobile": "snowmobile", "SNS": "sns", "SimpleNotificationServiceSnsTopic": "sns",
    "EC2SpotInstance": "ec2", "SimpleQueueServiceSqsQueue": "sqs", "SQS": "sqs",
    "SystemsManager": "systems_manager", "StepFunctions": "step_functions", "StorageGateway": "storage_gateway",
    "StorageGatewayVirtualTapeLibrary": "storage_gateway", "StorageGatewayCachedVolume": "storage_gateway",
    "StorageGatewayNonCachedVolume": "storage_gateway", "Timestream": "timestream",
    "TransferForSftp": "transfer_family", "TransitGateway": "transit_gateway", "Users": "users",
    "VpnGateway": "vpn_gateway", "Endpoint": "endpoints", "VPCPeering": "peering", "VPCRouter": "router",
    "WAF": "waf", "ShieldAdvanced": "shield", "General": "general",
}
# catalogue category -> the fill colour of AWS's icon set for it
CATEGORY_COLOURS = {"compute": "#ED7100", "database": "#C925D1", "cache": "#C925D1", "storage": "#7AA116",
                    "networking": "#8C4FFF", "edge": "#8C4FFF", "dns": "#8C4FFF", "hybrid": "#8C4FFF",
                    "security": "#DD344C", "identity": "#DD344C", "management": "#E7157B",
                    "messaging": "#E7157B", "integration": "#E7157B", "api": "#E7157B", "analytics": "#8C4FFF",
                    "migration": "#01A88D", "resilience": "#7AA116", "purchasing": "#ED7100", "general": "#232F3D"}
_ICON = ("sketch=0;outlineConnect=0;fontColor=#232F3E;gradientColor=none;strokeColor=#ffffff;fillColor={fill};"
         "dashed=0;verticalLabelPosition=bottom;verticalAlign=top;align=center;html=1;fontSize=12;fontStyle=0;"
         "aspect=fixed;shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.{icon};")


def quoteattr(value: str) -> str:
    """An XML attribute value in double quotes, line breaks kept as character references (what
    xml.sax.saxutils.quoteattr does, always in double quotes, without the ~10 ms that importing it costs: it imports urllib.request)."""
    escaped = html.escape(value, quote=True).replace("&#x27;", "'")
    return '"' + escaped.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'


def _cell(cell_id: str, value: str, style: str, parent: str, x: float, y: float, width: float, height: float,
          vertex: bool = True) -> str:
    return (f'<mxCell id={quoteattr(cell_id)} value={quoteattr(value)} style={quoteattr(style)} '
            f'{"vertex" if vertex else "edge"}="1" parent={quoteattr(parent)}>'
            f'<mxGeometry x="{x:.0f}" y="{y:.0f}" width="{width:.0f}" height="{height:.0f}" as="geometry"/></mxCell>')


def _inside(value: float, size: float, start: float, end: float) -> float:
    """``value`` moved so that [value, value + size] lies within [start, end] where it can."""
    return max(start, min(value, end - size))


def component_style(service: str, catalogue: Mapping) -> str:
    entry = catalogue.get(service)
    icon_class = (entry if isinstance(entry, str) else entry.icon).rsplit(".", 1)[1] if entry else "General"
    category = getattr(entry, "category", "general")
    return _ICON.format(fill=CATEGORY_COLOURS.get(category, "#232F3D"), icon=AWS4_ICONS.get(icon_class, "general"))


def drawio(arch: "Architecture", scene: "Scene", catalogue: Mapping | None = None) -> str:
    """The diagrams.net XML of ``arch`` drawn as ``scene`` lays it out."""
    from .diagram import _catalogue

    catalogue = _catalogue(catalogue)
    boxes: dict[str, Box] = {box.id: box for box in scene.block.boxes if box.kind not in ("endpoints", "legend")}
    cells = ['<mxCell id="0"/>', '<mxCell id="1" parent="0"/>']

    def origin(group_id: str | None) -> tuple[str, float, float, Box | None]:
        box = boxes.get(group_id) if group_id else None
        return (f"g:{group_id}", box.x0, box.y0, box) if box else ("1", 0.0, 0.0, None)

    def depth(box: Box) -> int:
        return 0 if box.parent not in boxes else 1 + depth(boxes[box.parent])

    for box in sorted(boxes.values(), key=lambda b: (depth(b), b.id)):  # containers before what they hold
        parent, x0, y0, outer = origin(box.parent)
        style = GROUP_STYLES.get(box.kind) or _PLAIN_GROUP.format(colour=GROUP_COLOURS.get(box.kind, "#7D8998"))
        x, y = box.x0 - x0, box.y0 - y0
        width, height = box.x1 - box.x0, box.y1 - box.y0
        if outer is not None:
            width, height = min(width, outer.x1 - outer.x0), min(height, outer.y1 - outer.y0)
            x = _inside(x, width, 0, outer.x1 - outer.x0)
            y = _inside(y, height, 0, outer.y1 - outer.y0)
        cells.append(_cell(f"g:{box.id}", box.label.replace("\n", " "), style, parent, x, y, width, height))
    for component in arch.components:
        slot = scene.block.slots[component.id]
        parent, x0, y0, outer = origin(component.group)
        x = slot.x - ICON / 2 - x0
        y = slot.y - slot.height / 2 - y0
        if outer is not None:  # a gateway drawn on its VPC's border goes just inside it here
            x = _inside(x, ICON, 0, outer.x1 - outer.x0)
            y = _inside(y, ICON, 0, outer.y1 - outer.y0)
        cells.append(_cell(f"c:{component.id}", slot.label(component.label).replace("\n", "<br>"),
                           component_style(component.service, catalogue), parent, x, y, ICON, ICON))
    for index, link in enumerate(arch.links):
        colour, dash, width, _ = KIND_STYLES[link.kind]
        style = (f"edgeStyle=orthogonalEdgeStyle;html=1;rounded=0;endArrow=block;endFill=1;strokeColor={colour};"
                 f"strokeWidth={width};dashed={int(dash != 'solid')};" + ("dashPattern=1 3;" if dash == "dotted" else "")
                 + "fontSize=11;")
        cells.append(f'<mxCell id="l:{index}" value={quoteattr(link.label)} style={quoteattr(style)} edge="1" '
                     f'parent="1" source={quoteattr("c:" + link.source)} target={quoteattr("c:" + link.target)}>'
                     f'<mxGeometry relative="1" as="geometry"/></mxCell>')
    width, height = scene.width, scene.height
    body = "".join(cells)
    return ('<mxfile host="archadvisor" type="device">'
            f'<diagram id={quoteattr(arch.name)} name={quoteattr(arch.name)}>'
            f'<mxGraphModel grid="1" gridSize="10" guides="1" connect="1" arrows="1" page="1" pageScale="1" '
            f'pageWidth="{width:.0f}" pageHeight="{height:.0f}" math="0" shadow="0"><root>{body}</root>'
            '</mxGraphModel></diagram></mxfile>\n')
