"""Threat detection (GuardDuty, Inspector, Macie, Security Hub, Detective) and access to the object stores'
buckets (bucket policy, IAM policy, Block Public Access, Object Ownership, CloudFront origin access control).

Loaded by rules.governance. Sources: the notes sections "AWS Macie", "S3 Bucket Policies" and "Origin Access
Identity (OAI)", and the AWS pages cited per rule. The notes describe CloudFront's origin access identity; AWS
now recommends origin access control (OAC), which also signs requests to SSE-KMS buckets, and the rules use it.
Since April 2023 new buckets have Block Public Access on and ACLs disabled by default; the rules still name the
setting a design must keep or apply to existing buckets.
"""
from __future__ import annotations

from ..engine.model import Concern, Eliminate, Select, Warn
from .common import whole_system
from .storage import any_store

N_MACIE = "notes: AWS Macie"
N_BUCKET_POLICY = "notes: S3 Bucket Policies"
N_OAI = "notes: Origin Access Identity (OAI)"

GUARDDUTY_DOC = "https://docs.aws.amazon.com/guardduty/latest/ug/what-is-guardduty.html"
GUARDDUTY_ORGANIZATIONS_DOC = "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html"
SECURITY_HUB_ORGANIZATIONS_DOC = "https://docs.aws.amazon.com/securityhub/latest/userguide/designate-orgs-admin-account.html"
INSPECTOR_DOC = "https://docs.aws.amazon.com/inspector/latest/user/what-is-inspector.html"
MACIE_DOC = "https://docs.aws.amazon.com/macie/latest/user/what-is-macie.html"
SECURITY_HUB_DOC = "https://docs.aws.amazon.com/securityhub/latest/userguide/what-is-securityhub.html"
SECURITY_HUB_CONFIG_DOC = "https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-setup-prereqs.html"
DETECTIVE_DOC = "https://docs.aws.amazon.com/detective/latest/userguide/what-is-detective.html"
DETECTIVE_PREREQ_DOC = "https://docs.aws.amazon.com/detective/latest/userguide/detective-prerequisites.html"

CROSS_ACCOUNT_DOC = ("https://docs.aws.amazon.com/AmazonS3/latest/userguide/"
                     "example-walkthroughs-managing-access-example2.html")
VPCE_POLICY_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html"
BPA_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html"
OWNERSHIP_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html"
OAC_DOC = ("https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/"
           "private-content-restricting-access-to-s3.html")
IAM_S3_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-policies-s3.html"
POLICY_KINDS_DOC = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html"


# ------------------------------------------------------------------------------------------ threat-detection
def _watch(value: str, choice: str, title: str, rationale: str, sources: tuple[str, ...], reason: str) -> Select:
    return Select(id=f"threat-detection.{value}", title=title, rationale=rationale, sources=sources,
                  pillars=("security",), when=lambda c, t: c.eq("security.watch_for", value), reason=reason,
                  choice=choice)


THREAT_DETECTION = Concern(
    id="threat-detection",
    title="Threat detection and security findings",
    question="Which service gives the security team what it must see first?",
    subject_kind="none",
    choices=("guardduty", "inspector", "macie", "security-hub", "detective"),
    raised=whole_system("security.watch_for"),
    rules=(
        _watch("malicious-activity", "guardduty", "Malicious activity and compromised credentials: GuardDuty",
               ("GuardDuty analyses CloudTrail management events, VPC Flow Logs and DNS query logs (with optional "
                "S3, EKS, RDS, Lambda and runtime protection) to find compromised credentials, crypto-mining and "
                "calls to known malicious addresses, without agents."),
               (GUARDDUTY_DOC,),
               "watch_for is malicious-activity: GuardDuty finds threats in CloudTrail, VPC Flow Logs and DNS logs"),
        _watch("software-vulnerabilities", "inspector", "Software vulnerabilities: Amazon Inspector",
               ("Inspector continuously scans EC2 instances, container images in ECR and Lambda functions for "
                "known software vulnerabilities (CVEs) and unintended network exposure."),
               (INSPECTOR_DOC,),
               "watch_for is software-vulnerabilities: Inspector scans EC2, ECR images and Lambda for CVEs"),
        _watch("exposed-sensitive-data", "macie", "Sensitive data in buckets: Amazon Macie",
               "Macie discovers personal and other sensitive data in S3 and reports buckets that expose it.",
               (MACIE_DOC, N_MACIE),
               "watch_for is exposed-sensitive-data: Macie finds sensitive data in S3 buckets"),
        _watch("security-posture", "security-hub", "One view of findings and best-practice checks: Security Hub",
               ("Security Hub gathers the findings of GuardDuty, Inspector, Macie and partner tools across "
                "accounts, and checks the accounts against standards such as AWS Foundational Security Best "
                "Practices and CIS."),
               (SECURITY_HUB_DOC,),
               "watch_for is security-posture: Security Hub aggregates findings and scores the accounts against "
               "security standards"),
        _watch("incident-investigation", "detective", "Investigate the root cause of findings: Amazon Detective",
               ("Detective builds a behaviour graph from CloudTrail, VPC Flow Logs and GuardDuty findings so "
                "analysts can follow an incident back to its cause."),
               (DETECTIVE_DOC,),
               "watch_for is incident-investigation: Detective links the events behind a finding"),
        Select(
            id="threat-detection.default",
            title="Compromised instances and other threats: GuardDuty",
            rationale=("GuardDuty's findings cover EC2 instances that mine cryptocurrency, talk to known command "
                       "and control servers or are probed, and, with Runtime Monitoring, what runs on them."),
            sources=(GUARDDUTY_DOC,),
            pillars=("security",),
            reason="watch_for is {security.watch_for}: GuardDuty finds compromised instances and other threats",
            choice="guardduty",
        ),
        Warn(
            id="threat-detection.security-hub-needs-config",
            title="Security Hub's checks run on AWS Config",
            rationale="Security Hub's security standards evaluate resources through AWS Config rules it creates.",
            sources=(SECURITY_HUB_CONFIG_DOC,),
            pillars=("security",),
            when=lambda c, t: c.eq("security.watch_for", "security-posture"),
            reason="watch_for is security-posture: enable AWS Config recording in every account and region",
            choices=("security-hub",),
        ),
        Warn(
            id="threat-detection.detective-needs-guardduty",
            title="Detective needs GuardDuty",
            rationale="An account must have GuardDuty enabled before Detective can be enabled in it.",
            sources=(DETECTIVE_PREREQ_DOC,),
            pillars=("security",),
            when=lambda c, t: c.eq("security.watch_for", "incident-investigation"),
            reason="watch_for is incident-investigation: enable GuardDuty first; Detective builds on its findings",
            choices=("detective",),
        ),
        Warn(
            id="threat-detection.delegated-administrator",
            title="Many accounts: a delegated administrator sees every account's findings",
            rationale=("GuardDuty, Inspector, Macie, Security Hub and Detective integrate with AWS Organizations: a "
                       "delegated administrator account (a security tooling account, not the management account) "
                       "enables the service in every member account, new ones automatically, and sees all their "
                       "findings in one place."),
            sources=(GUARDDUTY_ORGANIZATIONS_DOC, SECURITY_HUB_ORGANIZATIONS_DOC),
            pillars=("security", "operational-excellence"),
            thresholds={"accounts": 1},
            when=lambda c, t: c.gt("security.accounts", t.accounts),
            reason=("accounts is {security.accounts}: designate a security tooling account as the service's "
                    "delegated administrator, enable it for all member accounts (new ones automatically) and "
                    "review the findings there"),
        ),
    ),
)


# --------------------------------------------------------------------------------------------- bucket-access
NOT_GRANTS = ("s3-block-public-access", "s3-object-ownership-enforced", "cloudfront-origin-access-control")

BUCKET_ACCESS = Concern(
    id="bucket-access",
    title="Access to the buckets",
    question="How should access to the buckets be controlled?",
    subject_kind="none",
    choices=("s3-bucket-policy", "iam-identity-policy", "s3-block-public-access", "s3-object-ownership-enforced",
             "cloudfront-origin-access-control"),
    raised=whole_system("security.bucket_access"),
    rules=(
        Eliminate(
            id="bucket-access.other-accounts-need-resource-policy",
            title="Other accounts are let in only by the bucket's own policy",
            rationale=("An IAM policy applies to principals of its own account; principals of another account are "
                       "granted by a resource-based policy on the bucket. Block Public Access, Object Ownership and "
                       "an origin access control grant no one."),
            sources=(CROSS_ACCOUNT_DOC, POLICY_KINDS_DOC),
            pillars=("security",),
            when=lambda c, t: c.eq("security.bucket_access", "other-accounts"),
            reason="bucket_access is other-accounts: only a bucket policy grants principals of another account",
            choices=("iam-identity-policy",) + NOT_GRANTS,
        ),
        Eliminate(
            id="bucket-access.endpoint-condition-on-bucket",
            title="Only through the VPC endpoint: a deny on the bucket itself",
            rationale=("A bucket policy that denies every request whose aws:SourceVpce is not the endpoint binds "
                       "every caller; an IAM policy binds only the principals it is attached to, and the other "
                       "settings do not look at the network path."),
            sources=(VPCE_POLICY_DOC,),
            pillars=("security",),
            when=lambda c, t: c.eq("security.bucket_access", "vpc-endpoint-only"),
            reason=("bucket_access is vpc-endpoint-only: only a bucket policy with aws:SourceVpce denies every "
                    "other path"),
            choices=("iam-identity-policy",) + NOT_GRANTS,
        ),
        Eliminate(
            id="bucket-access.cloudfront-signs-requests",
            title="Only through CloudFront: the distribution must sign its requests",
            rationale=("With an origin access control CloudFront signs its requests to the bucket, and the bucket "
                       "policy allows only that distribution; without it a bucket policy cannot tell CloudFront's "
                       "requests from anyone's. CloudFront is no IAM principal of the account, and Block Public "
                       "Access and Object Ownership grant nothing."),
            sources=(OAC_DOC, N_OAI),
            pillars=("security",),
            when=lambda c, t: c.eq("security.bucket_access", "cloudfront-only"),
            reason=("bucket_access is cloudfront-only: only an origin access control lets the distribution, and "
                    "nothing else, read the bucket"),
            choices=("s3-bucket-policy", "iam-identity-policy", "s3-block-public-access",
                     "s3-object-ownership-enforced"),
        ),
        Eliminate(
            id="bucket-access.policies-can-be-loosened",
            title="Never public: policies and ACLs can still be loosened",
            rationale=("A bucket policy, an IAM policy or an object ACL can later be changed to grant public access, "
                       "and disabling ACLs does not stop a public bucket policy; Block Public Access overrides every "
                       "policy and ACL that would make the data public."),
            sources=(BPA_DOC,),
            pillars=("security",),
            when=lambda c, t: c.eq("security.bucket_access", "never-public"),
            reason=("bucket_access is never-public: bucket policies, IAM policies and ACLs can be changed to allow "
                    "public access; Block Public Access overrides them"),
            choices=("s3-bucket-policy", "iam-identity-policy", "s3-object-ownership-enforced",
                     "cloudfront-origin-access-control"),
        ),
        Eliminate(
            id="bucket-access.uploader-owns-objects",
            title="Objects uploaded by other accounts stay theirs unless ACLs are disabled",
            rationale=("With ACLs enabled, an object belongs to the account that uploaded it and its ACL decides who "
                       "reads it, whatever the bucket policy says; Object Ownership set to bucket owner enforced "
                       "makes the bucket owner own every object and disables ACLs, as AWS recommends."),
            sources=(OWNERSHIP_DOC,),
            pillars=("security",),
            when=lambda c, t: c.eq("security.bucket_access", "uploads-from-other-accounts"),
            reason=("bucket_access is uploads-from-other-accounts: only bucket owner enforced makes the bucket "
                    "owner own the uploaded objects"),
            choices=("s3-bucket-policy", "iam-identity-policy", "s3-block-public-access",
                     "cloudfront-origin-access-control"),
        ),
        Eliminate(
            id="bucket-access.settings-grant-no-one",
            title="Block Public Access, Object Ownership and an OAC grant no one",
            rationale=("The application's roles need a policy that allows them; the other settings only restrict "
                       "access or serve CloudFront."),
            sources=(IAM_S3_DOC,),
            pillars=("security",),
            when=lambda c, t: c.eq("security.bucket_access", "same-account-roles"),
            reason="bucket_access is same-account-roles: those settings grant the roles nothing",
            choices=NOT_GRANTS,
        ),
        Select(
            id="bucket-access.cross-account",
            title="Other accounts read the bucket: a bucket policy",
            rationale="A bucket policy names the principals of other accounts that may use the bucket.",
            sources=(CROSS_ACCOUNT_DOC, N_BUCKET_POLICY),
            pillars=("security",),
            when=lambda c, t: c.eq("security.bucket_access", "other-accounts"),
            reason="bucket_access is other-accounts: a bucket policy grants the other accounts",
            choice="s3-bucket-policy",
        ),
        Select(
            id="bucket-access.vpc-endpoint",
            title="Only through the VPC endpoint: a bucket policy on aws:SourceVpce",
            rationale="A bucket policy denies every request that does not come through the named VPC endpoint.",
            sources=(VPCE_POLICY_DOC,),
            pillars=("security",),
            when=lambda c, t: c.eq("security.bucket_access", "vpc-endpoint-only"),
            reason="bucket_access is vpc-endpoint-only: the bucket policy denies requests from outside the endpoint",
            choice="s3-bucket-policy",
        ),
        Select(
            id="bucket-access.cloudfront",
            title="Served only through CloudFront: an origin access control",
            rationale="CloudFront signs its requests with an OAC; the bucket stays private to everyone else.",
            sources=(OAC_DOC,),
            pillars=("security",),
            when=lambda c, t: c.eq("security.bucket_access", "cloudfront-only"),
            reason="bucket_access is cloudfront-only: an origin access control, with the bucket policy allowing "
                   "only the distribution",
            choice="cloudfront-origin-access-control",
        ),
        Select(
            id="bucket-access.never-public",
            title="Never public: S3 Block Public Access",
            rationale="Block Public Access, on the account and each bucket, overrides any grant of public access.",
            sources=(BPA_DOC,),
            pillars=("security",),
            when=lambda c, t: c.eq("security.bucket_access", "never-public"),
            reason="bucket_access is never-public: Block Public Access on the account and the buckets",
            choice="s3-block-public-access",
        ),
        Select(
            id="bucket-access.bucket-owner-enforced",
            title="Uploads from other accounts: Object Ownership bucket owner enforced",
            rationale="The bucket owner owns every object, ACLs are disabled, and policies alone decide access.",
            sources=(OWNERSHIP_DOC,),
            pillars=("security",),
            when=lambda c, t: c.eq("security.bucket_access", "uploads-from-other-accounts"),
            reason="bucket_access is uploads-from-other-accounts: bucket owner enforced, ACLs disabled",
            choice="s3-object-ownership-enforced",
        ),
        Select(
            id="bucket-access.same-account",
            title="Only this account's roles: IAM policies on the roles",
            rationale=("When only the application's own roles use the buckets, least-privilege IAM policies on "
                       "those roles grant exactly what each needs."),
            sources=(IAM_S3_DOC, POLICY_KINDS_DOC),
            pillars=("security",),
            when=lambda c, t: c.eq("security.bucket_access", "same-account-roles"),
            reason="bucket_access is same-account-roles: IAM policies on the application's roles",
            choice="iam-identity-policy",
        ),
        Select(
            id="bucket-access.default",
            title="Conditions on every request: a bucket policy",
            rationale=("A bucket policy states who may use the bucket and how, for every caller: principals of other "
                       "accounts, aws:SourceVpce, or a Deny when aws:SecureTransport is false (HTTPS only)."),
            sources=(N_BUCKET_POLICY, "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html"),
            pillars=("security",),
            reason="bucket_access is {security.bucket_access}: a bucket policy whose conditions bind every request",
            choice="s3-bucket-policy",
        ),
        Warn(
            id="bucket-access.no-object-store",
            title="No object store is described",
            rationale="These controls apply to S3 buckets; describe the object stores they protect.",
            sources=(BPA_DOC,),
            pillars=("security",),
            when=lambda c, t: not any_store(c, lambda s: s.eq("this.kind", "object")),
            reason="no data store of kind object is declared: these controls protect S3 buckets",
            choices=(),
        ),
    ),
)
