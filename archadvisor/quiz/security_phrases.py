"""How a scenario states the fields of the security concerns (encryption-key, credential-store,
threat-detection, bucket-access, account-guardrails): one or more sentences per value, in the words of a
business, never the field's name or the service that answers it. Merged into prose.PHRASES."""
from __future__ import annotations

SECURITY_PHRASES: dict = {
    "security.custom_key_rotation": {
        True: ("Security policy requires the encryption keys to rotate automatically every 180 days, and on demand "
               "after an incident.",
               "The encryption keys must rotate automatically on a schedule the security team sets."),
        False: ("A yearly key rotation managed by AWS is acceptable.",)},
    "security.cross_account_decrypt": {
        True: ("A reporting team in a separate AWS account must be able to decrypt the data.",
               "An auditor's AWS account must be able to decrypt the stored data."),
        False: ("No other AWS account needs to read the encrypted data.",)},
    "security.disable_keys": {
        True: ("If a breach is suspected, the security team must be able to disable the encryption key at once, "
               "making the data unreadable.",),
        False: ("The company does not need to disable encryption keys itself.",)},
    "security.dedicated_hsm": {
        True: ("Regulators require the keys to be kept in single-tenant hardware security modules (HSMs) under the "
               "company's sole control.",),
        False: ("Keys may be kept in hardware security modules that AWS operates for many customers.",)},
    "security.keys_outside_aws": {
        True: ("Data-sovereignty rules require the key material to stay in the company's own key manager, outside "
               "AWS.",),
        False: ("The key material may be kept in AWS.",)},
    "security.app_secrets": {
        True: ("The application reads API keys, database connection strings and feature settings at startup, and "
               "none of them may be stored in its code.",
               "The application needs third-party API keys and configuration values that must not live in the "
               "code."),
        False: ("The application keeps no secrets of its own.",)},
    "security.watch_for": {
        "malicious-activity": ("The security team must be alerted when credentials are used from unusual locations "
                               "or when instances communicate with known malicious IP addresses, without installing "
                               "agents.",),
        "software-vulnerabilities": ("Every EC2 instance and container image must be checked continuously for known "
                                     "software vulnerabilities (CVEs).",),
        "exposed-sensitive-data": ("The security team must find out which S3 buckets hold personal data such as "
                                   "passport numbers, and whether any of it is exposed.",),
        "security-posture": ("The CISO wants one view that gathers the security findings of every account and "
                             "scores the accounts against AWS best-practice standards.",),
        "incident-investigation": ("When a security finding is raised, analysts must trace the activity behind it "
                                   "back to its root cause.",),
        "compromised-instances": ("The security team must know when an EC2 instance has been compromised, for "
                                  "example to mine cryptocurrency.",)},
    "security.bucket_access": {
        "other-accounts": ("Applications in two partner AWS accounts must read the objects in the buckets.",),
        "vpc-endpoint-only": ("Requests to the buckets must be refused unless they arrive through the company's VPC "
                              "endpoint, whoever makes them.",),
        "cloudfront-only": ("Objects are served to users only through a CloudFront distribution; nobody may read "
                            "the buckets directly.",),
        "never-public": ("No object may ever become public, even if someone later changes a policy or an ACL by "
                         "mistake.",),
        "uploads-from-other-accounts": ("Suppliers upload files to the buckets from their own AWS accounts, and the "
                                        "company must own and control every uploaded object.",),
        "same-account-roles": ("Only the application's own IAM roles, in the same account, use the buckets.",),
        "https-only": ("Every request to the buckets must use HTTPS.",)},
    "security.accounts": ("The company runs {v} AWS accounts.", "The organisation has {v} AWS accounts."),
    "security.guardrails": {
        "prevent": ("Certain actions, such as turning off the audit trail, must be impossible in every account, even "
                    "for account administrators.",),
        "detect": ("Resources that break the company's rules must be reported to the security team; nothing may be "
                   "blocked automatically.",)},
    "security.delegated_iam": {
        True: ("Developers must create IAM roles for their own applications, but those roles must never exceed a "
               "set of permissions the security team defines.",),
        False: ("Only the central team creates IAM roles.",)},
    "security.new_accounts": {
        True: ("Each new product team gets its own AWS account, which must start with central logging and "
               "guardrails already in place.",),
        False: ("No new accounts are planned.",)},
}
