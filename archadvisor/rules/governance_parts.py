"""How the choices of rules.governance and rules.detection are drawn, templated and priced, registered
beside their rules (see architecture.registry.draws, cloudformation.registry.templates, cost.pricing.pricer).

They are account-wide controls: each is a node in the security strip of the region, like CloudTrail or
Config. A choice another concern has already drawn there (Secrets Manager for ``secrets``, Macie for
``sensitive-data``) gets this decision written on its node instead of a second node.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..architecture.registry import draws
from ..cloudformation.registry import templates
from ..cost.pricing import line, pricer

if TYPE_CHECKING:
    from ..architecture.build import Builder

GOVERNANCE_CONCERNS = ("encryption-key", "credential-store", "threat-detection", "bucket-access",
                       "account-guardrails")
HOURS = 730
# Keys the ``kms`` node of the encryption concern already stands for (a CloudHSM or external key store is more).
KEYS_IN_KMS = ("aws-managed-key", "kms-customer-managed-key")


@draws(*GOVERNANCE_CONCERNS, stage=41)
def governance_controls(b: "Builder") -> None:
    """After the security services (stage 40), so a service drawn there is labelled rather than drawn twice."""
    from ..architecture.build import short_name

    for concern in GOVERNANCE_CONCERNS:
        for d in b.to_draw(concern):
            choice, key = str(d["choice"]), b.key(d)
            drawn = [n for n in b.c.find(choice) if b.c.nodes[n].group == b.security()]
            if drawn:
                b.c.annotate(drawn[0], key, None)
                continue
            keys = [n for n in b.c.find("kms") if b.c.nodes[n].group == b.security()]
            if choice in KEYS_IN_KMS and keys:   # the KMS node of ``encryption`` says which key it is
                b.c.annotate(keys[0], key, short_name(choice))
                continue
            b.c.add(f"{concern}-{choice}", choice, short_name(choice), b.security(), key, role="governance")


# -- templates ----------------------------------------------------------------------------------------------
MANUAL = {
    "aws-managed-key": ("Nothing to create: S3 (SSE-S3) and the other services encrypt with their AWS managed "
                        "keys by default; keep default encryption on every bucket and volume."),
    "kms-cloudhsm-key-store": ("Create a CloudHSM cluster with at least two HSMs in different Availability Zones, "
                               "initialise it, connect it as a KMS custom key store, then create the KMS keys in "
                               "that store (CloudFormation creates none of these)."),
    "kms-external-key-store": ("Deploy an XKS proxy in front of the external key manager, connect it as a KMS "
                               "external key store, then create the KMS keys in that store."),
    "inspector": "Activate Amazon Inspector (aws inspector2 enable) for EC2, ECR and Lambda in every account.",
    "s3-bucket-policy": ("Add the statement the workload needs to each bucket's policy: the other accounts as "
                         "principals, or a Deny unless aws:SourceVpce is the endpoint."),
    "iam-identity-policy": "Grant each application role only the S3 actions and bucket ARNs it needs.",
    "s3-block-public-access": ("Turn on Block Public Access for the whole account (aws s3control "
                               "put-public-access-block); the template sets it on each bucket."),
    "s3-object-ownership-enforced": "Keep Object Ownership at bucket owner enforced (ACLs disabled) on every bucket.",
    "control-tower": ("Set up the Control Tower landing zone from the management account, enrol the existing "
                      "accounts and create new ones with Account Factory."),
}


@templates(*MANUAL, stage=1)
def manual_control(gen, unit) -> None:
    """Controls CloudFormation cannot create in a workload's stack: a step for the operators."""
    gen.add_manual(MANUAL[unit.lead.service], unit)


@templates("kms-customer-managed-key", stage=1)
def customer_managed_key(gen, unit) -> None:
    """The workload's customer managed key (the one ``encryption`` would create), with the rotation period and
    the other account's grant the workload asks for."""
    from ..cloudformation.governance import ensure_key

    ensure_key(gen, unit.template)


@templates("ssm-parameter-store", stage=1)
def parameter(gen, unit) -> None:
    from ..cloudformation.core import sub

    unit.template.add(unit.logical("Parameter"), "AWS::SSM::Parameter", {
        "Name": sub("/${AWS::StackName}/config/log-level"), "Type": "String", "Value": "info", "Tier": "Standard"},
        unit.origin("a plain setting; put secrets in SecureString parameters"))
    gen.add_manual("Create the secrets as SecureString parameters with the CLI or SDK (CloudFormation cannot "
                   "create SecureString parameters).", unit)


@templates("guardduty", "security-hub", "detective", "cloudfront-origin-access-control", "organizations-scp",
           "iam-permissions-boundary", "config-rules", stage=1)
def control_resource(gen, unit) -> None:
    from ..cloudformation.core import sub

    service = unit.lead.service
    name, kind, props = RESOURCES[service](sub)
    unit.template.add(unit.logical(name), kind, props, unit.origin())
    if service == "organizations-scp":
        gen.add_manual("Deploy the service control policy from the organization's management account and attach "
                       "it to the organizational units of the workload's accounts.", unit)
    if service == "config-rules":
        gen.add_manual("Config rules need a configuration recorder in every account and region they check.", unit)


RESOURCES = {
    "guardduty": lambda sub: ("Detector", "AWS::GuardDuty::Detector",
                              {"Enable": True, "FindingPublishingFrequency": "FIFTEEN_MINUTES"}),
    "security-hub": lambda sub: ("Hub", "AWS::SecurityHub::Hub", {"EnableDefaultStandards": True}),
    "detective": lambda sub: ("Graph", "AWS::Detective::Graph", {"AutoEnableMembers": True}),
    "cloudfront-origin-access-control": lambda sub: ("OriginAccessControl", "AWS::CloudFront::OriginAccessControl", {
        "OriginAccessControlConfig": {"Name": sub("${AWS::StackName}-s3"), "OriginAccessControlOriginType": "s3",
                                      "SigningBehavior": "always", "SigningProtocol": "sigv4"}}),
    "organizations-scp": lambda sub: ("Policy", "AWS::Organizations::Policy", {
        "Name": sub("${AWS::StackName}-guardrails"), "Type": "SERVICE_CONTROL_POLICY",
        "Description": "Deny leaving the organization and turning off the audit trail",
        "Content": {"Version": "2012-10-17", "Statement": [{
            "Sid": "KeepGuardrails", "Effect": "Deny", "Resource": "*",
            "Action": ["organizations:LeaveOrganization", "cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
                       "config:StopConfigurationRecorder", "guardduty:DeleteDetector"]}]}}),
    "iam-permissions-boundary": lambda sub: ("Boundary", "AWS::IAM::ManagedPolicy", {
        "Description": "The most any role a team creates may do; require it on iam:CreateRole",
        "PolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Sid": "Workload", "Effect": "Allow", "Resource": "*",
             "Action": ["s3:*", "dynamodb:*", "sqs:*", "sns:*", "logs:*", "cloudwatch:*", "lambda:*"]},
            {"Sid": "NoEscalation", "Effect": "Deny", "Resource": "*",
             "Action": ["iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary",
                        "organizations:*", "account:*"]}]}}),
    "config-rules": lambda sub: ("PublicReadRule", "AWS::Config::ConfigRule", {
        "Description": "Buckets must not allow public read",
        "Source": {"Owner": "AWS", "SourceIdentifier": "S3_BUCKET_PUBLIC_READ_PROHIBITED"}}),
}


# -- prices ---------------------------------------------------------------------------------------------------
@pricer("aws-managed-key", "s3-bucket-policy", "iam-identity-policy", "s3-block-public-access",
        "s3-object-ownership-enforced", "cloudfront-origin-access-control", "organizations-scp",
        "iam-permissions-boundary", "control-tower")
def no_charge(ctx, item):
    """No charge of their own: AWS managed keys carry no monthly fee (https://aws.amazon.com/kms/pricing/);
    IAM, SCPs, bucket settings and OACs are free; Control Tower charges only for the services it sets up
    (https://aws.amazon.com/controltower/pricing/)."""
    return []


@pricer("kms-customer-managed-key", "kms-external-key-store")
def kms_key(ctx, item):
    return [line(ctx, "KMS key", 1, "kms-key-month",
                 note="the external key manager and XKS proxy are the company's own cost"
                 if item.service == "kms-external-key-store" else "")]


@pricer("kms-cloudhsm-key-store")
def cloudhsm(ctx, item):
    return [line(ctx, "KMS key in the custom key store", 1, "kms-key-month"),
            line(ctx, "CloudHSM HSMs (two, in two Availability Zones)", 2 * HOURS, "cloudhsm-hsm-hour")]


@pricer("ssm-parameter-store")
def parameter_store(ctx, item):
    return [line(ctx, "Parameter Store advanced parameters", 0, "ssm-advanced-parameter-month",
                 note="standard parameters are free")]


@pricer("guardduty", "inspector", "security-hub", "detective", "config-rules")
def detection(ctx, item):
    key, text, quantity, note = USAGE[item.service]
    ctx.assume(f"{item.service}_usage", quantity, key, note)
    return [line(ctx, text, quantity, key, note=note)]


USAGE = {
    "guardduty": ("guardduty-cloudtrail-events", "GuardDuty CloudTrail management events analysed", 1,
                  "1 million events a month assumed; flow and DNS logs are charged by GB"),
    "inspector": ("inspector-ec2-instance-month", "Inspector EC2 instances scanned", 2,
                  "two instances assumed; container images and functions are charged apart"),
    "security-hub": ("securityhub-checks", "Security Hub security checks", 10_000, "10,000 checks a month assumed"),
    "detective": ("detective-ingested-gb", "Detective data ingested", 5, "5 GB a month assumed"),
    "config-rules": ("config-rule-evaluations", "Config rule evaluations", 10_000,
                     "10,000 evaluations a month assumed"),
}
