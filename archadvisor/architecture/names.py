"""Short names for the drawing.

The catalogue holds each service's full name ("Amazon Relational Database
Service"); a diagram needs the short form an architect writes on a
whiteboard. Ids missing here fall back to the catalogue name, then the id.
"""
from __future__ import annotations

SHORT_NAMES: dict[str, str] = {
    # compute
    "lambda": "Lambda", "fargate": "ECS on Fargate", "ecs-on-ec2": "ECS on EC2",
    "eks": "EKS", "ec2-auto-scaling": "EC2 Auto Scaling", "elastic-beanstalk": "Elastic Beanstalk",
    # front door
    "alb": "Application Load Balancer", "nlb": "Network Load Balancer",
    "cloudfront": "CloudFront", "global-accelerator": "Global Accelerator",
    "api-gateway": "API Gateway", "appsync": "AppSync",
    "waf": "AWS WAF", "waf-and-shield-advanced": "AWS WAF + Shield Advanced", "nacl": "Network ACL",
    "cognito-user-pools": "Cognito user pool", "cognito-identity-pools": "Cognito identity pool",
    "cognito-user-and-identity-pools": "Cognito user + identity pools",
    "iam-identity-center": "IAM Identity Center",
    # data
    "rds-single-az": "RDS Single-AZ", "rds-multi-az": "RDS Multi-AZ", "aurora": "Aurora",
    "aurora-serverless": "Aurora Serverless v2", "aurora-global-database": "Aurora Global Database",
    "dynamodb": "DynamoDB", "dynamodb-global-tables": "DynamoDB global table",
    "timestream": "Timestream", "redshift": "Redshift",
    "rds-read-replicas": "RDS read replica", "aurora-replicas": "Aurora replica",
    "elasticache-redis": "ElastiCache for Redis", "elasticache-memcached": "ElastiCache for Memcached",
    "dax": "DynamoDB Accelerator (DAX)",
    "s3-standard": "S3 Standard", "s3-intelligent-tiering": "S3 Intelligent-Tiering",
    "s3-standard-ia": "S3 Standard-IA", "s3-one-zone-ia": "S3 One Zone-IA",
    "s3-glacier-instant-retrieval": "S3 Glacier Instant Retrieval",
    "s3-glacier-flexible-retrieval": "S3 Glacier Flexible Retrieval",
    "s3-glacier-deep-archive": "S3 Glacier Deep Archive",
    "ebs-gp3": "EBS gp3 volume", "ebs-io2": "EBS io2 volume", "ebs-st1": "EBS st1 volume",
    "ebs-sc1": "EBS sc1 volume", "instance-store": "Instance store",
    "efs": "EFS", "fsx-windows": "FSx for Windows File Server", "fsx-lustre": "FSx for Lustre",
    "dynamodb-streams": "DynamoDB Streams", "s3-event-notifications": "S3 event notifications",
    # messaging
    "sqs-standard": "SQS queue", "sqs-fifo": "SQS FIFO queue", "sns": "SNS topic",
    "sns-sqs-fanout": "SNS topic", "kinesis-data-streams": "Kinesis Data Streams",
    "kinesis-data-firehose": "Kinesis Data Firehose", "amazon-mq": "Amazon MQ broker",
    "step-functions": "Step Functions",
    # network
    "nat-gateway": "NAT gateway", "nat-instance": "NAT instance",
    "egress-only-internet-gateway": "Egress-only internet gateway",
    "vpc-gateway-endpoint": "Gateway endpoint", "vpc-interface-endpoint": "Interface endpoint",
    "privatelink": "PrivateLink endpoint service", "vpc-peering": "VPC peering",
    "transit-gateway": "Transit Gateway",
    "bastion-host": "Bastion host", "ssm-session-manager": "Session Manager",
    # hybrid
    "site-to-site-vpn": "Site-to-Site VPN", "direct-connect": "Direct Connect",
    "direct-connect-with-vpn": "Direct Connect + VPN",
    "storage-gateway-file": "Storage Gateway\n(File Gateway)",
    "storage-gateway-volume-cached": "Storage Gateway\n(Volume, cached)",
    "storage-gateway-volume-stored": "Storage Gateway\n(Volume, stored)",
    "storage-gateway-tape": "Storage Gateway\n(Tape Gateway)",
    "online-transfer": "Online transfer (DataSync)",
    "s3-transfer-acceleration": "S3 Transfer Acceleration",
    "snowball": "Snowball", "snowball-edge": "Snowball Edge", "snowmobile": "Snowmobile",
    # resilience
    "backup-restore": "AWS Backup vault",
    # analytics
    "athena": "Athena", "redshift-spectrum": "Redshift Spectrum", "emr": "EMR", "glue": "Glue",
    "quicksight": "QuickSight", "opensearch": "OpenSearch Service",
    # security
    "secrets-manager": "Secrets Manager", "kms": "KMS", "cloudtrail": "CloudTrail",
    "macie": "Macie", "aws-config": "AWS Config",
    # supporting
    "users": "Users", "internet": "Internet", "on-premises-site": "On-premises servers",
    "internet-gateway": "Internet gateway", "route53": "Route 53", "ec2": "EC2 instances",
    "s3": "S3 bucket", "customer-gateway": "Customer gateway",
    "virtual-private-gateway": "Virtual private gateway", "backup": "AWS Backup",
    "rds-standby": "RDS standby", "sqs-queue": "SQS queue", "on-premises-server": "On-premises servers",
    "mobile-client": "Mobile clients", "iot-device": "IoT devices",
}

# Choices of concerns that are not drawn as nodes but written on a node.
ANNOTATIONS: dict[tuple[str, str], str] = {
    ("ec2-purchasing", "on-demand"): "On-Demand",
    ("ec2-purchasing", "reserved-standard"): "Standard Reserved Instances",
    ("ec2-purchasing", "reserved-convertible"): "Convertible Reserved Instances",
    ("ec2-purchasing", "scheduled-reserved"): "Scheduled Reserved Instances",
    ("ec2-purchasing", "spot"): "Spot Instances",
    ("placement-group", "cluster"): "cluster placement group",
    ("placement-group", "spread"): "spread placement group",
    ("placement-group", "partition"): "partition placement group",
    ("hpc-networking", "efa"): "Elastic Fabric Adapter",
    ("hpc-networking", "enhanced-networking"): "enhanced networking (ENA)",
    ("private-content", "cloudfront-signed-urls"): "signed URLs",
    ("private-content", "cloudfront-signed-cookies"): "signed cookies",
    ("private-content", "s3-presigned-urls"): "presigned URLs",
    ("change-events", "s3-event-notifications"): "event notifications",
    ("dns-routing", "simple"): "simple routing",
    ("dns-routing", "weighted"): "weighted routing",
    ("dns-routing", "latency"): "latency routing",
    ("dns-routing", "failover"): "failover routing",
    ("dns-routing", "geolocation"): "geolocation routing",
    ("dns-routing", "geoproximity"): "geoproximity routing",
    ("dns-routing", "multivalue"): "multivalue answer routing",
}

DR_LABELS = {
    "backup-restore": "backup & restore",
    "pilot-light": "pilot light",
    "warm-standby": "warm standby",
    "multi-site-active-active": "multi-site active-active",
}


def short_name(service_id: str, catalogue: dict | None = None) -> str:
    if service_id in SHORT_NAMES:
        return SHORT_NAMES[service_id]
    if catalogue and service_id in catalogue:
        return catalogue[service_id].name
    return service_id
