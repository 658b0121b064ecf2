"""Security controls: secrets, encryption keys, API audit, sensitive data, configuration compliance.

Sources: notes "AWS Secrets Manager", "AWS Key Management Service (KMS)",
"CloudTrail", "AWS Macie" and "AWS Config", and the AWS pages linked from
each rule. Each concern has a single choice; its rules say why it is raised
(the flag, or a compliance regime that implies it) and warn where the
workload's requirements conflict or the service falls short of them.
"""
from __future__ import annotations

from ..engine.model import Concern, Select, Warn
from .common import whole_system
from .storage import any_store

SECRETS = "notes: AWS Secrets Manager"
KMS = "notes: AWS Key Management Service (KMS)"
S3_ENCRYPTION = "notes: S3 Encryption"
EBS_ENCRYPTION = "notes: EBS Encryption"
CLOUDTRAIL = "notes: CloudTrail"
MACIE = "notes: AWS Macie"
CONFIG = "notes: AWS Config"

ROTATION_DOC = "https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html"
REPLICA_SECRETS_DOC = ("https://docs.aws.amazon.com/secretsmanager/latest/userguide/"
                       "create-manage-multi-region-secrets.html")
KMS_DOC = "https://docs.aws.amazon.com/kms/latest/developerguide/overview.html"
CLOUDTRAIL_DOC = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-user-guide.html"
CLOUDTRAIL_DATA_EVENTS_DOC = ("https://docs.aws.amazon.com/awscloudtrail/latest/userguide/"
                              "logging-data-events-with-cloudtrail.html")
MACIE_DOC = "https://docs.aws.amazon.com/macie/latest/user/what-is-macie.html"
CONFIG_DOC = "https://docs.aws.amazon.com/config/latest/developerguide/WhatIsConfig.html"
ORGANIZATION_TRAIL_DOC = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html"
CONFORMANCE_DOC = "https://docs.aws.amazon.com/config/latest/developerguide/conformance-packs.html"
AGGREGATOR_DOC = "https://docs.aws.amazon.com/config/latest/developerguide/aggregate-data.html"

# Stores whose engines have rotation functions managed by Secrets Manager (RDS, Aurora, Redshift).
ROTATABLE_KINDS = ("relational", "warehouse")


# -------------------------------------------------------------------------------------------- secrets
SECRETS_CONCERN = Concern(
    id="secrets",
    title="Secrets and credential rotation",
    question="Where are credentials kept, and how are they rotated?",
    subject_kind="none",
    choices=("secrets-manager",),
    raised=whole_system("security.secrets_rotation"),
    rules=(
        Select(
            id="secrets.database-credentials",
            title="Rotating database credentials: Secrets Manager managed rotation",
            rationale=("Secrets Manager rotates credentials of RDS, Aurora and Redshift on a schedule with rotation "
                       "functions AWS provides, and applications fetch the current secret by API instead of "
                       "hard-coding it."),
            sources=(SECRETS, ROTATION_DOC),
            pillars=("security",),
            when=lambda c, t: (c.true("security.secrets_rotation")
                               and any_store(c, lambda s: s.one_of("this.kind", *ROTATABLE_KINDS))),
            reason=("secrets_rotation is true and the workload has a relational or warehouse store: Secrets Manager "
                    "rotates those database credentials on a schedule with AWS-provided rotation functions"),
            choice="secrets-manager",
        ),
        Select(
            id="secrets.rotation",
            title="Automatic rotation of credentials: Secrets Manager",
            rationale=("Secrets Manager stores credentials and API keys centrally and rotates them on a schedule "
                       "through a Lambda function; Parameter Store keeps secrets but has no built-in rotation."),
            sources=(SECRETS, ROTATION_DOC),
            pillars=("security",),
            reason=("secrets_rotation is {security.secrets_rotation}: Secrets Manager rotates the credentials on a "
                    "schedule (a rotation Lambda function for API keys); Parameter Store cannot rotate"),
            choice="secrets-manager",
        ),
        Warn(
            id="secrets.replicate-to-recovery-region",
            title="Secrets must exist in the recovery region",
            rationale=("Secrets are regional; a multi-region recovery needs the secrets replicated (replica secrets) "
                       "so the standby region can read them when the primary is lost."),
            sources=(REPLICA_SECRETS_DOC,),
            pillars=("reliability",),
            when=lambda c, t: c.eq("availability.scope", "multi-region"),
            reason=("availability.scope is multi-region: replicate the secrets to the recovery region (replica "
                    "secrets), or the standby cannot authenticate when the primary region is lost"),
            choices=("secrets-manager",),
        ),
    ),
)


# ----------------------------------------------------------------------------------------- encryption
ENCRYPTION = Concern(
    id="encryption",
    title="Encryption at rest",
    question="Which keys encrypt the data at rest?",
    subject_kind="none",
    choices=("kms",),
    raised=whole_system("security.encryption_at_rest", "security.compliance"),
    rules=(
        Select(
            id="encryption.at-rest",
            title="Encryption at rest: KMS keys",
            rationale=("KMS creates and controls the keys that S3 (SSE-KMS), EBS, RDS, DynamoDB and most services "
                       "encrypt with, in FIPS 140-2 validated modules, and logs every key use in CloudTrail."),
            sources=(KMS, S3_ENCRYPTION, EBS_ENCRYPTION, KMS_DOC),
            pillars=("security",),
            when=lambda c, t: c.true("security.encryption_at_rest"),
            reason=("encryption_at_rest is true: KMS keys encrypt the stores (S3 SSE-KMS, EBS, RDS, DynamoDB), with "
                    "every use of a key logged in CloudTrail"),
            choice="kms",
        ),
        Select(
            id="encryption.required-by-compliance",
            title="Compliance regimes expect encryption at rest: KMS keys",
            rationale=("PCI DSS, HIPAA and GDPR all expect stored sensitive data to be protected by encryption; KMS "
                       "provides the keys and the audit trail of their use that auditors ask for."),
            sources=(KMS, KMS_DOC),
            pillars=("security",),
            reason=("compliance is {security.compliance}: these regimes expect encryption of stored data, with keys "
                    "in KMS whose use is logged for auditors"),
            choice="kms",
        ),
        Warn(
            id="encryption.declined-despite-compliance",
            title="Encryption declined, but compliance expects it",
            rationale="Declining encryption at rest contradicts the compliance regimes the workload must meet.",
            sources=(KMS,),
            pillars=("security",),
            when=lambda c, t: c.false("security.encryption_at_rest") and c.given("security.compliance"),
            reason=("encryption_at_rest is false, but compliance is {security.compliance}: these regimes expect "
                    "stored data to be encrypted (PCI DSS requirement 3); KMS encryption is kept"),
            choices=(),
        ),
    ),
)


# ---------------------------------------------------------------------------------------------- audit
AUDIT = Concern(
    id="audit",
    title="API audit trail",
    question="How is every API call recorded for auditors?",
    subject_kind="none",
    choices=("cloudtrail",),
    raised=whole_system("security.audit_api_calls", "security.compliance"),
    rules=(
        Select(
            id="audit.api-calls",
            title="Who did what: CloudTrail",
            rationale=("CloudTrail records the API calls made in the account (console, SDK, CLI and services): who, "
                       "what, when and from where, delivered by a trail to S3 for as long as needed."),
            sources=(CLOUDTRAIL, CLOUDTRAIL_DOC),
            pillars=("security", "operational-excellence"),
            when=lambda c, t: c.true("security.audit_api_calls"),
            reason=("audit_api_calls is true: CloudTrail records every API call (who, what, when, from where) and a "
                    "trail keeps the logs in S3"),
            choice="cloudtrail",
        ),
        Select(
            id="audit.required-by-compliance",
            title="Compliance regimes need an audit trail: CloudTrail",
            rationale=("PCI DSS, HIPAA and similar regimes require tracking access and changes to systems; "
                       "CloudTrail is the record of API activity in AWS accounts."),
            sources=(CLOUDTRAIL, CLOUDTRAIL_DOC),
            pillars=("security",),
            reason=("compliance is {security.compliance}: auditors need the record of API activity that CloudTrail "
                    "keeps"),
            choice="cloudtrail",
        ),
        Warn(
            id="audit.trail-beyond-90-days",
            title="Event history keeps 90 days; auditors need a trail",
            rationale=("The free event history keeps 90 days of management events; auditors need a trail to S3 "
                       "with log file validation, kept as long as the regime demands."),
            sources=(CLOUDTRAIL, CLOUDTRAIL_DOC),
            pillars=("security",),
            when=lambda c, t: c.given("security.compliance"),
            reason=("compliance is {security.compliance}: event history keeps only 90 days; create an organization "
                    "trail to S3 with log file validation and keep it as long as the regime requires"),
            choices=("cloudtrail",),
        ),
        Warn(
            id="audit.object-level-events",
            title="Object-level access is not logged by default",
            rationale=("CloudTrail logs management events by default, not data events; reads and writes of S3 "
                       "objects are logged only when data events are enabled on the trail (at extra cost)."),
            sources=(CLOUDTRAIL, CLOUDTRAIL_DATA_EVENTS_DOC),
            pillars=("security",),
            when=lambda c, t: any_store(c, lambda s: s.eq("this.kind", "object")),
            reason=("the workload has an object store: CloudTrail logs management events by default, not S3 object "
                    "reads and writes; enable data events on the trail to audit object access"),
            choices=("cloudtrail",),
        ),
        Warn(
            id="audit.organization-trail",
            title="Many accounts: one organization trail",
            rationale=("A trail created in the management account (or a delegated administrator) of AWS "
                       "Organizations as an organization trail logs every member account, including accounts "
                       "added later, to one bucket that member accounts cannot change or delete; a trail per "
                       "account would leave each account's administrators in control of their own log."),
            sources=(CLOUDTRAIL, ORGANIZATION_TRAIL_DOC),
            pillars=("security", "operational-excellence"),
            thresholds={"accounts": 1},
            when=lambda c, t: c.gt("security.accounts", t.accounts),
            reason=("accounts is {security.accounts}: create one organization trail from the management account (or "
                    "a delegated administrator) into a bucket in a dedicated log archive account"),
            choices=("cloudtrail",),
        ),
    ),
)


# ------------------------------------------------------------------------------------- sensitive-data
SENSITIVE_DATA = Concern(
    id="sensitive-data",
    title="Sensitive data discovery",
    question="How is personal data found in object storage?",
    subject_kind="none",
    choices=("macie",),
    raised=whole_system("security.detect_sensitive_data"),
    rules=(
        Select(
            id="sensitive-data.scan-buckets",
            title="Find PII in the object stores: Macie",
            rationale=("Macie uses machine learning and pattern matching to discover and classify sensitive data "
                       "(PII, credentials) in S3 buckets, and alerts on public or unencrypted buckets."),
            sources=(MACIE, MACIE_DOC),
            pillars=("security",),
            when=lambda c, t: (c.true("security.detect_sensitive_data")
                               and any_store(c, lambda s: s.eq("this.kind", "object"))),
            reason=("detect_sensitive_data is true and the workload has an object store: Macie scans its buckets and "
                    "reports where personal data lies"),
            choice="macie",
        ),
        Select(
            id="sensitive-data.macie",
            title="Find PII in S3: Macie",
            rationale="Macie discovers and classifies sensitive data stored in Amazon S3.",
            sources=(MACIE, MACIE_DOC),
            pillars=("security",),
            reason=("detect_sensitive_data is {security.detect_sensitive_data}: Macie discovers and classifies "
                    "personal data in S3"),
            choice="macie",
        ),
        Warn(
            id="sensitive-data.no-object-store",
            title="Macie scans S3 only",
            rationale=("Macie analyses objects in S3 buckets; personal data in databases or file systems is outside "
                       "its reach."),
            sources=(MACIE, MACIE_DOC),
            pillars=("security",),
            when=lambda c, t: not any_store(c, lambda s: s.eq("this.kind", "object")),
            reason=("no data store of kind object is declared: Macie scans S3 buckets only, so sensitive data must be "
                    "in (or exported to) S3 to be found"),
            choices=("macie",),
        ),
    ),
)


# ---------------------------------------------------------------------------------- config-compliance
CONFIG_COMPLIANCE = Concern(
    id="config-compliance",
    title="Configuration compliance",
    question="How are configuration changes tracked and checked against rules?",
    subject_kind="none",
    choices=("aws-config",),
    raised=whole_system("security.config_compliance"),
    rules=(
        Select(
            id="config-compliance.conformance-packs",
            title="Configuration rules for a compliance regime: Config conformance packs",
            rationale=("AWS Config records resource configurations and evaluates them with rules; conformance "
                       "packs bundle the rules of a regime (Operational Best Practices for PCI DSS, HIPAA ...)."),
            sources=(CONFIG, CONFORMANCE_DOC),
            pillars=("security", "operational-excellence"),
            when=lambda c, t: c.true("security.config_compliance") and c.given("security.compliance"),
            reason=("config_compliance is true and compliance is {security.compliance}: AWS Config records every "
                    "change and conformance packs evaluate the resources against that regime's rules"),
            choice="aws-config",
        ),
        Select(
            id="config-compliance.aws-config",
            title="Track configuration changes against rules: AWS Config",
            rationale=("AWS Config continuously records resource configurations and their history, and evaluates "
                       "them against managed or custom rules, notifying on every change."),
            sources=(CONFIG, CONFIG_DOC),
            pillars=("security", "operational-excellence"),
            reason=("config_compliance is {security.config_compliance}: AWS Config records each configuration change "
                    "and evaluates it against rules"),
            choice="aws-config",
        ),
        Warn(
            id="config-compliance.every-region",
            title="AWS Config is regional",
            rationale=("A configuration recorder covers one region; a multi-region system needs recorders in every "
                       "region and an aggregator for one view."),
            sources=(CONFIG_DOC, AGGREGATOR_DOC),
            pillars=("operational-excellence",),
            when=lambda c, t: c.eq("availability.scope", "multi-region"),
            reason=("availability.scope is multi-region: AWS Config records one region at a time; enable it in "
                    "every region used and aggregate the results"),
            choices=("aws-config",),
        ),
        Warn(
            id="config-compliance.organization-aggregator",
            title="Many accounts: one aggregated view of compliance",
            rationale=("AWS Config records each account apart; an aggregator in a delegated administrator account "
                       "collects every member account's (and region's) configuration and compliance into one view, "
                       "and organization Config rules or conformance packs deploy the same rules to all of them."),
            sources=(CONFIG, CONFIG_DOC, AGGREGATOR_DOC),
            pillars=("security", "operational-excellence"),
            thresholds={"accounts": 1},
            when=lambda c, t: c.gt("security.accounts", t.accounts),
            reason=("accounts is {security.accounts}: deploy the rules to every account as organization rules or "
                    "conformance packs, and aggregate the results in a delegated administrator account"),
            choices=("aws-config",),
        ),
    ),
)

CONCERNS = [SECRETS_CONCERN, ENCRYPTION, AUDIT, SENSITIVE_DATA, CONFIG_COMPLIANCE]
