"""Security concerns with real alternatives: which key protects data at rest, where the application keeps its
secrets, and which guardrails bind the organisation's accounts. Threat detection and bucket access are in
rules.detection; the drawing, templates and prices of every choice here are in rules.governance_parts.

Sources: the notes sections "AWS Key Management Service (KMS)", "AWS Secrets Manager" and "Service Control
Policies (SCPs)", and the AWS pages cited per rule. Where the notes are out of date the rules use the current
AWS figure: KMS keys live in FIPS 140-3 Security Level 3 validated HSMs (notes: FIPS 140-2), and AWS managed
keys rotate every year (they rotated every three years until May 2022).
"""
from __future__ import annotations

from ..engine.model import Concern, Eliminate, Select, Warn
from .common import when, whole_system
from .detection import BUCKET_ACCESS, THREAT_DETECTION
from . import governance_parts  # noqa: F401 - registers the drawing, templates and prices of these choices

N_KMS = "notes: AWS Key Management Service (KMS)"
N_SECRETS = "notes: AWS Secrets Manager"
N_SCP = "notes: Service Control Policies (SCPs)"

KMS_KEYS_DOC = "https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html"
KMS_HSM_DOC = "https://docs.aws.amazon.com/kms/latest/developerguide/kms-internals.html"
ROTATE_DOC = "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html"
KEY_POLICY_DOC = "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html"
DISABLE_DOC = "https://docs.aws.amazon.com/kms/latest/developerguide/enabling-keys.html"
CUSTOM_STORE_DOC = "https://docs.aws.amazon.com/kms/latest/developerguide/custom-key-store-overview.html"
CLOUDHSM_STORE_DOC = "https://docs.aws.amazon.com/kms/latest/developerguide/keystore-cloudhsm.html"
EXTERNAL_STORE_DOC = "https://docs.aws.amazon.com/kms/latest/developerguide/keystore-external.html"
MULTI_REGION_KEYS_DOC = "https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html"
S3_REPLICATION_KMS_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html"
CLOUDHSM_DOC = "https://docs.aws.amazon.com/cloudhsm/latest/userguide/introduction.html"
SECRETS_ROTATION_DOC = "https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html"
SECRETS_REPLICA_DOC = ("https://docs.aws.amazon.com/secretsmanager/latest/userguide/"
                       "create-manage-multi-region-secrets.html")
PARAMETER_STORE_DOC = ("https://docs.aws.amazon.com/systems-manager/latest/userguide/"
                       "systems-manager-parameter-store.html")
PARAMETER_TIERS_DOC = ("https://docs.aws.amazon.com/systems-manager/latest/userguide/"
                       "parameter-store-advanced-parameters.html")
SCP_DOC = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html"
BOUNDARY_DOC = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html"
CONTROL_TOWER_DOC = "https://docs.aws.amazon.com/controltower/latest/userguide/what-is-control-tower.html"
CONTROLS_DOC = "https://docs.aws.amazon.com/controltower/latest/controlreference/controls.html"
MANDATORY_CONTROLS_DOC = "https://docs.aws.amazon.com/controltower/latest/controlreference/mandatory-controls.html"
CONFIG_RULES_DOC = "https://docs.aws.amazon.com/config/latest/developerguide/evaluate-config.html"

KEY_FIELDS = ("security.custom_key_rotation", "security.cross_account_decrypt", "security.disable_keys",
              "security.dedicated_hsm", "security.keys_outside_aws")
GUARDRAIL_FIELDS = ("security.guardrails", "security.delegated_iam", "security.new_accounts")


def _given(*paths: str):
    """Raised when any of ``paths`` is stated, true or false: "no need to disable keys" asks the question too."""
    return when(lambda c: any(c.given(path) for path in paths))


# ------------------------------------------------------------------------------------------ encryption-key
ENCRYPTION_KEY = Concern(
    id="encryption-key",
    title="Key that protects data at rest",
    question="Which key should protect the data at rest?",
    subject_kind="none",
    choices=("aws-managed-key", "kms-customer-managed-key", "kms-cloudhsm-key-store", "kms-external-key-store"),
    raised=_given(*KEY_FIELDS),
    rules=(
        Eliminate(
            id="encryption-key.material-outside-aws",
            title="Key material held outside AWS: only an external key store",
            rationale=("AWS managed keys, customer managed keys and CloudHSM key stores all keep their key material "
                       "in HSMs inside AWS; an external key store (XKS) leaves it in a key manager the customer "
                       "runs outside AWS, which KMS calls through an XKS proxy for every operation."),
            sources=(EXTERNAL_STORE_DOC, CUSTOM_STORE_DOC),
            pillars=("security",),
            when=lambda c, t: c.true("security.keys_outside_aws"),
            reason=("keys_outside_aws is true: AWS managed keys, customer managed keys and CloudHSM key stores keep "
                    "their key material in AWS"),
            choices=("aws-managed-key", "kms-customer-managed-key", "kms-cloudhsm-key-store"),
        ),
        Eliminate(
            id="encryption-key.single-tenant-hsm",
            title="Single-tenant HSMs under sole control: KMS's shared HSMs do not qualify",
            rationale=("KMS keeps AWS managed and customer managed keys in its own fleet of HSMs, FIPS 140-3 Security "
                       "Level 3 validated but multi-tenant and run by AWS (the notes still say FIPS 140-2). A "
                       "CloudHSM cluster is single-tenant: the customer alone manages its users and keys."),
            sources=(KMS_HSM_DOC, CLOUDHSM_DOC, N_KMS),
            pillars=("security",),
            when=lambda c, t: c.true("security.dedicated_hsm"),
            reason=("dedicated_hsm is true: KMS's own HSMs are shared and operated by AWS, so neither AWS managed "
                    "nor customer managed keys in the default key store give sole control"),
            choices=("aws-managed-key", "kms-customer-managed-key"),
        ),
        Eliminate(
            id="encryption-key.rotation-period",
            title="Rotation on a chosen period: only customer managed keys in KMS",
            rationale=("A customer managed key rotates automatically on a period the customer sets (90 to 2,560 "
                       "days) and on demand. AWS managed keys rotate every year on AWS's schedule, which cannot be "
                       "changed; keys in custom key stores (CloudHSM, external) do not rotate automatically at all."),
            sources=(ROTATE_DOC, CUSTOM_STORE_DOC),
            pillars=("security",),
            when=lambda c, t: c.true("security.custom_key_rotation"),
            reason=("custom_key_rotation is true: AWS managed keys rotate yearly on AWS's schedule, and keys in a "
                    "custom key store cannot rotate automatically"),
            choices=("aws-managed-key", "kms-cloudhsm-key-store", "kms-external-key-store"),
        ),
        Eliminate(
            id="encryption-key.other-account-decrypts",
            title="Another account decrypts: AWS managed keys cannot be shared",
            rationale=("Cross-account use of a KMS key is granted in its key policy; the policy of an AWS managed "
                       "key cannot be changed, so only the owning account's services can use it."),
            sources=(KEY_POLICY_DOC, KMS_KEYS_DOC),
            pillars=("security",),
            when=lambda c, t: c.true("security.cross_account_decrypt"),
            reason=("cross_account_decrypt is true: an AWS managed key's key policy cannot be edited to let another "
                    "account use it"),
            choices=("aws-managed-key",),
        ),
        Eliminate(
            id="encryption-key.disable-at-will",
            title="Disabling a key at will: AWS managed keys cannot be disabled",
            rationale=("A customer managed key can be disabled at once (or scheduled for deletion), making what it "
                       "protects unreadable; AWS managed keys can be neither disabled nor deleted by the customer."),
            sources=(DISABLE_DOC, KMS_KEYS_DOC),
            pillars=("security",),
            when=lambda c, t: c.true("security.disable_keys"),
            reason="disable_keys is true: AWS managed keys cannot be disabled or deleted by the customer",
            choices=("aws-managed-key",),
        ),
        Select(
            id="encryption-key.external-key-store",
            title="Key material outside AWS: a KMS external key store",
            rationale=("An external key store keeps the key material in the customer's own key manager outside AWS; "
                       "KMS-integrated services use it like any KMS key, and the customer can cut AWS off from the "
                       "data by withholding the key."),
            sources=(EXTERNAL_STORE_DOC,),
            pillars=("security",),
            when=lambda c, t: c.true("security.keys_outside_aws"),
            reason="keys_outside_aws is true: a KMS external key store keeps the key material in the company's own "
                   "key manager",
            choice="kms-external-key-store",
        ),
        Select(
            id="encryption-key.cloudhsm-key-store",
            title="Single-tenant HSMs: a KMS key in a CloudHSM key store",
            rationale=("A CloudHSM key store backs KMS keys with the customer's own single-tenant CloudHSM cluster, "
                       "so AWS services still encrypt through KMS while the key material lives only in HSMs the "
                       "customer controls."),
            sources=(CLOUDHSM_STORE_DOC, CLOUDHSM_DOC),
            pillars=("security",),
            when=lambda c, t: c.true("security.dedicated_hsm"),
            reason="dedicated_hsm is true: a CloudHSM key store keeps the KMS keys in the company's own HSM cluster",
            choice="kms-cloudhsm-key-store",
        ),
        Select(
            id="encryption-key.chosen-rotation",
            title="Rotation on the company's schedule: a customer managed key",
            rationale="A customer managed key rotates automatically on the period set for it, and on demand.",
            sources=(ROTATE_DOC, N_KMS),
            pillars=("security",),
            when=lambda c, t: c.true("security.custom_key_rotation"),
            reason="custom_key_rotation is true: a customer managed key rotates on the period the company sets",
            choice="kms-customer-managed-key",
        ),
        Select(
            id="encryption-key.shared-with-account",
            title="Another account decrypts: a customer managed key with a key policy that allows it",
            rationale="The key policy of a customer managed key can grant another account the use of the key.",
            sources=(KEY_POLICY_DOC,),
            pillars=("security",),
            when=lambda c, t: c.true("security.cross_account_decrypt"),
            reason="cross_account_decrypt is true: the customer managed key's policy grants the other account",
            choice="kms-customer-managed-key",
        ),
        Select(
            id="encryption-key.disable-on-demand",
            title="A key the company can disable: a customer managed key",
            rationale=("The company disables or schedules deletion of its customer managed key whenever it must, "
                       "and every use of the key is logged in CloudTrail."),
            sources=(DISABLE_DOC,),
            pillars=("security",),
            when=lambda c, t: c.true("security.disable_keys"),
            reason="disable_keys is true: a customer managed key can be disabled at any time",
            choice="kms-customer-managed-key",
        ),
        Select(
            id="encryption-key.aws-managed",
            title="Encryption at rest with no key to manage: AWS managed keys",
            rationale=("SSE-S3 and the services' AWS managed keys encrypt at rest at no extra cost and rotate "
                       "without any work; a customer managed or custom key store key adds cost and management."),
            sources=(KMS_KEYS_DOC, N_KMS),
            pillars=("security", "cost-optimization"),
            when=lambda c, t: c.true("security.encryption_at_rest"),
            reason="encryption_at_rest is true: AWS managed keys encrypt the data at no extra cost",
            choice="aws-managed-key",
        ),
        Select(
            id="encryption-key.default",
            title="No key requirement: AWS managed keys",
            rationale="Without a need to control the key, the AWS managed keys that services use by default suffice.",
            sources=(KMS_KEYS_DOC,),
            pillars=("cost-optimization",),
            reason="no requirement on the key is stated: AWS managed keys",
            choice="aws-managed-key",
        ),
        Warn(
            id="encryption-key.external-availability",
            title="The external key manager is in the data path",
            rationale=("Every encryption and decryption with an external key store goes to the customer's XKS proxy "
                       "and key manager; if they are slow or down, the AWS services cannot read the data."),
            sources=(EXTERNAL_STORE_DOC,),
            pillars=("reliability", "performance-efficiency"),
            when=lambda c, t: c.true("security.keys_outside_aws"),
            reason=("keys_outside_aws is true: the XKS proxy and external key manager must be highly available and "
                    "close to the region, since every cryptographic operation calls them"),
            choices=("kms-external-key-store",),
        ),
        Warn(
            id="encryption-key.cloudhsm-two-zones",
            title="A CloudHSM key store needs HSMs in two Availability Zones",
            rationale=("A CloudHSM cluster for a key store must hold at least two active HSMs in different "
                       "Availability Zones; the customer pays for each HSM by the hour."),
            sources=(CLOUDHSM_STORE_DOC,),
            pillars=("reliability", "cost-optimization"),
            when=lambda c, t: c.true("security.dedicated_hsm"),
            reason="dedicated_hsm is true: run at least two HSMs in different Availability Zones, each billed hourly",
            choices=("kms-cloudhsm-key-store",),
        ),
        Warn(
            id="encryption-key.keys-in-the-recovery-region",
            title="Data copied to another Region needs its key there",
            rationale=("A KMS key never leaves its Region: data encrypted under it and copied to another Region "
                       "(replicated buckets, global tables, copied snapshots and backups) is encrypted there under "
                       "a key of that Region. A multi-Region key has replicas that share its key ID and material, "
                       "so the same ciphertext decrypts in either Region after a failover; S3 replication of "
                       "SSE-KMS objects names the destination Region's key in its rule."),
            sources=(KMS_KEYS_DOC, MULTI_REGION_KEYS_DOC, S3_REPLICATION_KMS_DOC),
            pillars=("reliability", "security"),
            when=lambda c, t: c.eq("availability.scope", "multi-region"),
            reason=("scope is multi-region: create the customer managed key as a multi-Region key with a replica in "
                    "the recovery Region (or a key there), and name it in every cross-Region copy: replication "
                    "rules, global table replicas, snapshot and backup copies"),
            choices=("kms-customer-managed-key",),
        ),
    ),
)


# ---------------------------------------------------------------------------------------- credential-store
CREDENTIAL_STORE = Concern(
    id="credential-store",
    title="Application secrets and configuration",
    question="Where should the application keep its secrets and configuration values?",
    subject_kind="none",
    choices=("secrets-manager", "ssm-parameter-store"),
    raised=whole_system("security.app_secrets"),
    rules=(
        Eliminate(
            id="credential-store.rotation-needs-secrets-manager",
            title="Automatic rotation: Parameter Store has none built in",
            rationale=("Secrets Manager rotates secrets on a schedule (managed rotation for RDS, Aurora and Redshift, "
                       "a Lambda function for others); Parameter Store SecureString parameters are encrypted with "
                       "KMS but never rotated by the service."),
            sources=(SECRETS_ROTATION_DOC, PARAMETER_STORE_DOC, N_SECRETS),
            pillars=("security",),
            when=lambda c, t: c.true("security.secrets_rotation"),
            reason="secrets_rotation is true: Parameter Store has no built-in rotation",
            choices=("ssm-parameter-store",),
        ),
        Eliminate(
            id="credential-store.replicas-in-other-regions",
            title="Secrets in several regions: Parameter Store does not replicate",
            rationale=("Secrets Manager replicates a secret to other regions and keeps the replicas in sync; "
                       "parameters are regional and must be copied by the customer."),
            sources=(SECRETS_REPLICA_DOC, PARAMETER_STORE_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.eq("availability.scope", "multi-region"),
            reason="availability.scope is multi-region: Parameter Store keeps no replicas in other regions",
            choices=("ssm-parameter-store",),
        ),
        Select(
            id="credential-store.rotated-secrets",
            title="Secrets rotated automatically: Secrets Manager",
            rationale="Secrets Manager rotates the secrets on a schedule and applications fetch the current value.",
            sources=(SECRETS_ROTATION_DOC, N_SECRETS),
            pillars=("security",),
            when=lambda c, t: c.true("security.secrets_rotation"),
            reason="secrets_rotation is true: Secrets Manager rotates the secrets on a schedule",
            choice="secrets-manager",
        ),
        Select(
            id="credential-store.replicated-secrets",
            title="Secrets in several regions: Secrets Manager replica secrets",
            rationale="Replica secrets keep the same secret readable in the recovery region.",
            sources=(SECRETS_REPLICA_DOC,),
            pillars=("reliability",),
            when=lambda c, t: c.eq("availability.scope", "multi-region"),
            reason="availability.scope is multi-region: Secrets Manager replicates the secrets to the other region",
            choice="secrets-manager",
        ),
        Select(
            id="credential-store.parameter-store",
            title="Secrets and settings that are not rotated: Parameter Store SecureString parameters",
            rationale=("Parameter Store keeps configuration values and secrets (SecureString, encrypted with KMS) "
                       "in a hierarchy; standard parameters cost nothing, while Secrets Manager charges per secret "
                       "a month."),
            sources=(PARAMETER_STORE_DOC, PARAMETER_TIERS_DOC),
            pillars=("cost-optimization", "security"),
            when=lambda c, t: c.false("security.secrets_rotation"),
            reason=("secrets_rotation is false: SecureString parameters in Parameter Store keep the secrets "
                    "encrypted, and standard parameters are free"),
            choice="ssm-parameter-store",
        ),
        Select(
            id="credential-store.default",
            title="No rotation asked for: Parameter Store",
            rationale="Without rotation or replication, Parameter Store keeps secrets and settings at no charge.",
            sources=(PARAMETER_STORE_DOC,),
            pillars=("cost-optimization",),
            reason="app_secrets is {security.app_secrets} and no rotation is asked for: Parameter Store",
            choice="ssm-parameter-store",
        ),
    ),
)


# -------------------------------------------------------------------------------------- account-guardrails
def _several_accounts(c) -> bool:
    return c.gt("security.accounts", 1)


ACCOUNT_GUARDRAILS = Concern(
    id="account-guardrails",
    title="Guardrails across accounts",
    question="How should central guardrails limit what the accounts and their teams can do?",
    subject_kind="none",
    choices=("organizations-scp", "iam-permissions-boundary", "control-tower", "config-rules"),
    raised=_given(*GUARDRAIL_FIELDS),
    rules=(
        Eliminate(
            id="account-guardrails.one-account",
            title="A single account: no organization for SCPs or a landing zone",
            rationale=("SCPs never restrict an organization's management account, so a lone account gains nothing "
                       "from them; Control Tower sets up a multi-account landing zone (log archive and audit "
                       "accounts)."),
            sources=(SCP_DOC, CONTROL_TOWER_DOC),
            pillars=("security",),
            when=lambda c, t: c.eq("security.accounts", 1),
            reason="accounts is 1: SCPs do not restrict a management account, and Control Tower needs several",
            choices=("organizations-scp", "control-tower"),
        ),
        Eliminate(
            id="account-guardrails.report-not-block",
            title="Report without blocking: SCPs, boundaries and a landing zone block",
            rationale=("SCPs and permissions boundaries cap permissions: they deny, silently, and report nothing "
                       "about resources that are already out of line. A Control Tower landing zone always applies "
                       "its mandatory preventive controls (SCPs that protect the landing zone), so it blocks too."),
            sources=(SCP_DOC, BOUNDARY_DOC, MANDATORY_CONTROLS_DOC),
            pillars=("security",),
            when=lambda c, t: c.eq("security.guardrails", "detect"),
            reason=("guardrails is detect: SCPs and permissions boundaries block actions and report nothing, and "
                    "Control Tower's mandatory controls block"),
            choices=("organizations-scp", "iam-permissions-boundary", "control-tower"),
        ),
        Eliminate(
            id="account-guardrails.block-before",
            title="Block forbidden actions: Config rules only detect",
            rationale=("AWS Config rules evaluate resources after they are created or changed; they report "
                       "noncompliance (and can remediate), but cannot stop the action."),
            sources=(CONFIG_RULES_DOC,),
            pillars=("security",),
            when=lambda c, t: c.eq("security.guardrails", "prevent"),
            reason="guardrails is prevent: Config rules evaluate changes after they happen",
            choices=("config-rules",),
        ),
        Eliminate(
            id="account-guardrails.boundaries-are-per-role",
            title="Guardrails over whole accounts: a boundary binds one role",
            rationale=("A permissions boundary is attached to one user or role, by that account's administrators, "
                       "who can remove it; a guardrail over every principal of many accounts is an SCP."),
            sources=(BOUNDARY_DOC, SCP_DOC),
            pillars=("security",),
            when=lambda c, t: c.eq("security.guardrails", "prevent") and _several_accounts(c),
            reason=("guardrails is prevent across {security.accounts} accounts: a permissions boundary binds one "
                    "role, and the account's administrators can remove it"),
            choices=("iam-permissions-boundary",),
        ),
        Eliminate(
            id="account-guardrails.teams-create-roles",
            title="Teams create their own roles: only a permissions boundary caps them",
            rationale=("Letting a team create IAM roles while those roles can never exceed a set of permissions is "
                       "what a permissions boundary does; SCPs and Control Tower controls cap every principal of an "
                       "account alike, and Config rules only report."),
            sources=(BOUNDARY_DOC,),
            pillars=("security",),
            when=lambda c, t: c.true("security.delegated_iam"),
            reason=("delegated_iam is true: SCPs, Control Tower controls and Config rules do not cap the roles each "
                    "team creates"),
            choices=("organizations-scp", "control-tower", "config-rules"),
        ),
        Eliminate(
            id="account-guardrails.baseline-for-new-accounts",
            title="New accounts with a baseline: only Control Tower vends them",
            rationale=("Control Tower's Account Factory creates accounts that start with the landing zone's baseline "
                       "(CloudTrail, Config, guardrails, network); SCPs, boundaries and Config rules create nothing."),
            sources=(CONTROL_TOWER_DOC,),
            pillars=("operational-excellence",),
            when=lambda c, t: c.true("security.new_accounts"),
            reason=("new_accounts is true: SCPs, permissions boundaries and Config rules do not create accounts or "
                    "lay down a baseline"),
            choices=("organizations-scp", "iam-permissions-boundary", "config-rules"),
        ),
        Select(
            id="account-guardrails.delegated-roles",
            title="Teams create roles within a limit: IAM permissions boundaries",
            rationale=("A permissions boundary sets the most a role can ever be allowed; administrators require it "
                       "on every role a team creates, so teams work on their own without escalating."),
            sources=(BOUNDARY_DOC,),
            pillars=("security",),
            when=lambda c, t: c.true("security.delegated_iam"),
            reason="delegated_iam is true: permissions boundaries cap every role the teams create",
            choice="iam-permissions-boundary",
        ),
        Select(
            id="account-guardrails.landing-zone",
            title="Accounts vended with a baseline: AWS Control Tower",
            rationale=("Control Tower sets up a landing zone over AWS Organizations and applies preventive (SCP), "
                       "detective (Config) and proactive controls to every account it creates or enrols."),
            sources=(CONTROL_TOWER_DOC, CONTROLS_DOC),
            pillars=("security", "operational-excellence"),
            when=lambda c, t: c.true("security.new_accounts"),
            reason="new_accounts is true: Control Tower's Account Factory vends accounts with the baseline",
            choice="control-tower",
        ),
        Select(
            id="account-guardrails.prevent",
            title="Block actions in every account: SCPs in AWS Organizations",
            rationale=("An SCP sets the most any principal of the member accounts can do, root user included; it "
                       "grants nothing, and it never applies to the management account."),
            sources=(SCP_DOC, N_SCP),
            pillars=("security",),
            when=lambda c, t: c.eq("security.guardrails", "prevent"),
            reason="guardrails is prevent: SCPs deny the actions in every member account, whoever tries them",
            choice="organizations-scp",
        ),
        Select(
            id="account-guardrails.detect",
            title="Report what breaks the rules: AWS Config rules",
            rationale="Config rules evaluate every recorded resource against the rules and report noncompliance.",
            sources=(CONFIG_RULES_DOC,),
            pillars=("security", "operational-excellence"),
            when=lambda c, t: c.eq("security.guardrails", "detect"),
            reason="guardrails is detect: Config rules report every resource that breaks a rule",
            choice="config-rules",
        ),
        Select(
            id="account-guardrails.default",
            title="Guardrails for an organization: SCPs",
            rationale="SCPs are the organization-wide guardrail that every member account inherits.",
            sources=(SCP_DOC,),
            pillars=("security",),
            reason="no guardrail style is stated: SCPs",
            choice="organizations-scp",
        ),
        Warn(
            id="account-guardrails.management-account-exempt",
            title="SCPs do not restrict the management account",
            rationale=("SCPs affect member accounts only; keep workloads out of the management account, where no SCP "
                       "applies."),
            sources=(SCP_DOC,),
            pillars=("security",),
            when=lambda c, t: c.eq("security.guardrails", "prevent"),
            reason="SCPs never restrict the management account: run no workloads there",
            choices=("organizations-scp",),
        ),
    ),
)

CONCERNS = [ENCRYPTION_KEY, CREDENTIAL_STORE, THREAT_DETECTION, BUCKET_ACCESS, ACCOUNT_GUARDRAILS]
