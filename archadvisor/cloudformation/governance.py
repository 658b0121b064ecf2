"""Keys, secrets, audit and compliance (KMS, Secrets Manager, CloudTrail, Config, Macie), AWS Backup with
cross-region copies, and analytics (Athena, Glue, EMR, OpenSearch, QuickSight)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .compute import role
from .core import Json, Origin, att, days, ref, sub

if TYPE_CHECKING:
    from .core import Template
    from .generator import Generator, Unit

KEY_SERVICES = ["cloudtrail.amazonaws.com", "logs.amazonaws.com", "sns.amazonaws.com", "s3.amazonaws.com",
                "events.amazonaws.com", "cloudwatch.amazonaws.com"]


def ensure_key(gen: "Generator", template: "Template") -> Json:
    """The workload's customer managed key in this template's region (created on first use)."""
    name = "KmsKey"
    if name not in template.resources:
        decision = gen.decision("encryption")
        note = "customer managed key, yearly rotation; services named may use it"
        origin = Origin("kms", "encryption", decision.get("rule"), decision.get("choice"), note) if decision \
            else Origin("kms", None, None, None, note + " (drawn as a service reached privately)")
        statements = [
            {"Sid": "AccountAdministers", "Effect": "Allow",
             "Principal": {"AWS": sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")},
             "Action": "kms:*", "Resource": "*"},
            {"Sid": "ServicesEncrypt", "Effect": "Allow", "Principal": {"Service": KEY_SERVICES},
             "Action": ["kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*",
             "Condition": {"StringEquals": {"aws:SourceAccount": ref("AWS::AccountId")}}}]
        props: Json = {"Description": sub("${AWS::StackName} data at rest"), "EnableKeyRotation": True}
        if gen.get("security", "custom_key_rotation"):   # encryption-key: the company's own period
            props["RotationPeriodInDays"] = template.parameter(
                "KeyRotationDays", "Number", "Days between automatic rotations of the key (90 to 2560)", 180,
                MinValue=90, MaxValue=2560)
        if gen.get("security", "cross_account_decrypt"):   # encryption-key: another account decrypts
            template.parameter("TrustedAccountId", "String", "AWS account allowed to decrypt",
                               AllowedPattern=r"^\d{12}$")
            statements.append({"Sid": "OtherAccountDecrypts", "Effect": "Allow",
                               "Principal": {"AWS": sub("arn:${AWS::Partition}:iam::${TrustedAccountId}:root")},
                               "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"})
        template.add(name, "AWS::KMS::Key", {**props, "KeyPolicy": {"Version": "2012-10-17",
                                                                    "Statement": statements}},
                     origin, keep="Retain")
        template.add("KmsKeyAlias", "AWS::KMS::Alias", {
            "AliasName": sub("alias/${AWS::StackName}"), "TargetKeyId": ref(name)}, origin)
        template.output("KmsKeyArn", att(name, "Arn"), "KMS key for data at rest")
    return ref(name)


def kms(gen: "Generator", unit: "Unit") -> None:
    ensure_key(gen, unit.template)


def secrets(gen: "Generator", unit: "Unit") -> None:
    """Database credentials live in the secrets their stores create; this is the application's own."""
    props: Json = {"Description": sub("${AWS::StackName} application secrets"),
                   "GenerateSecretString": {"SecretStringTemplate": "{}", "GenerateStringKey": "apiKey",
                                            "PasswordLength": 40, "ExcludePunctuation": True}}
    key = gen.kms_key(unit.template)
    if key:
        props["KmsKeyId"] = key
    unit.template.add(unit.logical("ApplicationSecret"), "AWS::SecretsManager::Secret", props,
                      unit.origin("RDS and Aurora manage and rotate their own administrator secrets"), keep="Retain")
    if gen.get("security", "secrets_rotation"):
        gen.add_manual("Attach a rotation function to the application secret (its format is the "
                       "application's); database administrator secrets rotate on their own.", unit)


def _log_bucket(gen: "Generator", unit: "Unit", service: str, prefix: str) -> str:
    name = unit.logical("LogBucket")
    key = gen.kms_arn(unit.template)
    encryption = {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key} if key else {"SSEAlgorithm": "AES256"}
    retention = days(gen.get("security", "log_retention")) or 2555
    unit.template.add(name, "AWS::S3::Bucket", {
        "BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": encryption}]},
        "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "BlockPublicPolicy": True,
                                           "IgnorePublicAcls": True, "RestrictPublicBuckets": True},
        "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
        "VersioningConfiguration": {"Status": "Enabled"},
        "LifecycleConfiguration": {"Rules": [{"Id": "archive", "Status": "Enabled", "Transitions": [
            {"StorageClass": "GLACIER", "TransitionInDays": 90}], "ExpirationInDays": retention}]}},
        unit.origin("logs: Glacier after 90 days"), keep="Retain")
    unit.template.add(f"{name}Policy", "AWS::S3::BucketPolicy", {"Bucket": ref(name), "PolicyDocument": {
        "Version": "2012-10-17", "Statement": [
            {"Sid": "ServiceAcl", "Effect": "Allow", "Principal": {"Service": service},
             "Action": "s3:GetBucketAcl", "Resource": att(name, "Arn")},
            {"Sid": "ServiceWrite", "Effect": "Allow", "Principal": {"Service": service}, "Action": "s3:PutObject",
             "Resource": sub(f"${{{name}.Arn}}/{prefix}/AWSLogs/${{AWS::AccountId}}/*"),
             "Condition": {"StringEquals": {"aws:SourceAccount": ref("AWS::AccountId")}}},
            {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
             "Resource": [att(name, "Arn"), sub(f"${{{name}.Arn}}/*")],
             "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}, unit.origin())
    return name


def cloudtrail(gen: "Generator", unit: "Unit") -> None:
    bucket = _log_bucket(gen, unit, "cloudtrail.amazonaws.com", "trail")
    props: Json = {"IsLogging": True, "S3BucketName": ref(bucket), "S3KeyPrefix": "trail",
                   "IsMultiRegionTrail": True, "IncludeGlobalServiceEvents": True, "EnableLogFileValidation": True}
    key = gen.kms_arn(unit.template)
    if key:
        props["KMSKeyId"] = key
    unit.template.add(unit.logical("Trail"), "AWS::CloudTrail::Trail", props,
                      unit.origin("every region, log file validation"), depends=[f"{bucket}Policy"])


def config(gen: "Generator", unit: "Unit") -> None:
    bucket = _log_bucket(gen, unit, "config.amazonaws.com", "config")
    recorder_role = role(gen, unit, unit.logical("Role"), "config.amazonaws.com", ["service-role/AWS_ConfigRole"])
    unit.template.add(unit.logical("Recorder"), "AWS::Config::ConfigurationRecorder", {
        "RoleARN": att(recorder_role, "Arn"),
        "RecordingGroup": {"AllSupported": True, "IncludeGlobalResourceTypes": True}},
        unit.origin("one recorder per account and region: skip it where one exists"))
    unit.template.add(unit.logical("Delivery"), "AWS::Config::DeliveryChannel", {
        "S3BucketName": ref(bucket), "S3KeyPrefix": "config"}, unit.origin(), depends=[f"{bucket}Policy"])


def macie(gen: "Generator", unit: "Unit") -> None:
    unit.template.add(unit.logical("Session"), "AWS::Macie::Session", {
        "Status": "ENABLED", "FindingPublishingFrequency": "ONE_HOUR"},
        unit.origin("one per account and region; classification jobs pick the buckets"))
    gen.add_manual("Create Macie classification jobs for the buckets holding personal data.", unit)


# -- backup ---------------------------------------------------------------------------------------------
def vault_name(gen: "Generator") -> str:
    from .data import identifier
    return identifier(gen, "vault", 50)


def backup(gen: "Generator", unit: "Unit") -> None:
    """A vault in each region; in the primary, the plan that backs the stores up and copies them across."""
    template = unit.template
    vault = unit.logical("Vault")
    props: Json = {"BackupVaultName": vault_name(gen)}
    key = gen.kms_arn(template)
    if key:
        props["EncryptionKeyArn"] = key
    template.add(vault, "AWS::Backup::BackupVault", props, unit.origin(), keep="Retain")
    if not gen.is_primary(template):
        return
    retention = _retention(gen)
    rule: Json = {"RuleName": "daily", "TargetBackupVault": ref(vault), "ScheduleExpression": "cron(0 3 * * ? *)",
                  "StartWindowMinutes": 60, "CompletionWindowMinutes": 480,
                  "Lifecycle": {"DeleteAfterDays": retention}}
    if gen.secondary is not None:
        rule["CopyActions"] = [{"DestinationBackupVaultArn": sub(
            f"arn:${{AWS::Partition}}:backup:{gen.second_region_name}:${{AWS::AccountId}}:backup-vault:"
            f"{vault_name(gen)}"), "Lifecycle": {"DeleteAfterDays": retention}}]
    plan = unit.logical("Plan")
    template.add(plan, "AWS::Backup::BackupPlan", {"BackupPlan": {"BackupPlanName": sub("${AWS::StackName}"),
                                                                  "BackupPlanRule": [rule]}},
                 unit.origin("daily backups" + (", copied to the second region" if gen.secondary else "")))
    resources = _backed_up(gen, unit)
    if resources:
        backup_role = role(gen, unit, unit.logical("Role"), "backup.amazonaws.com", [
            "service-role/AWSBackupServiceRolePolicyForBackup", "service-role/AWSBackupServiceRolePolicyForRestores"])
        template.add(unit.logical("Selection"), "AWS::Backup::BackupSelection", {
            "BackupPlanId": ref(plan), "BackupSelection": {"SelectionName": "stores", "IamRoleArn": att(backup_role, "Arn"),
                                                          "Resources": resources}}, unit.origin())


def _retention(gen: "Generator") -> int:
    """Days each backup is kept: the longest retention of the data stores, and at least the 35 days automated
    backups would have kept (rule database.retention-beyond-automated-backups)."""
    stores = [days(store.get("retention")) for store in gen.workload.get("data") or []]
    return max([35] + [d for d in stores if d])


def _backed_up(gen: "Generator", unit: "Unit") -> list[Json]:
    found = []
    for source in gen.linked(unit, outgoing=False):
        entry = gen.refs.get(source.name, {})
        if entry.get("bucket"):
            found.append(att(entry["bucket"], "Arn"))
        elif entry.get("table"):
            found.append(att(entry["table"], "Arn"))
        elif entry.get("db"):
            found.append(sub(f"arn:${{AWS::Partition}}:rds:${{AWS::Region}}:${{AWS::AccountId}}:db:${{{entry['db']}}}"))
        elif entry.get("cluster") and entry.get("kind") == "aurora":
            found.append(sub(f"arn:${{AWS::Partition}}:rds:${{AWS::Region}}:${{AWS::AccountId}}:cluster:"
                             f"${{{entry['cluster']}}}"))
        elif entry.get("filesystem"):
            found.append(att(entry["filesystem"], "Arn"))
    return found


# -- analytics ------------------------------------------------------------------------------------------
def _lake(gen: "Generator", unit: "Unit") -> str | None:
    for target in gen.linked(unit):
        if gen.refs.get(target.name, {}).get("bucket"):
            return gen.refs[target.name]["bucket"]
    return None


def athena(gen: "Generator", unit: "Unit") -> None:
    lake = _lake(gen, unit)
    configuration: Json = {"EnforceWorkGroupConfiguration": True, "PublishCloudWatchMetricsEnabled": True}
    if lake:
        key = gen.kms_arn(unit.template)
        configuration["ResultConfiguration"] = {
            "OutputLocation": sub(f"s3://${{{lake}}}/athena-results/"),
            "EncryptionConfiguration": {"EncryptionOption": "SSE_KMS", "KmsKey": key} if key else
            {"EncryptionOption": "SSE_S3"}}
    unit.template.add(unit.logical("WorkGroup"), "AWS::Athena::WorkGroup", {
        "Name": sub("${AWS::StackName}"), "State": "ENABLED", "WorkGroupConfiguration": configuration},
        unit.origin("serverless SQL on the lake; results encrypted"))


def glue(gen: "Generator", unit: "Unit") -> None:
    database = unit.logical("Database")
    unit.template.add(database, "AWS::Glue::Database", {"CatalogId": ref("AWS::AccountId"), "DatabaseInput": {
        "Name": gen.name.replace("-", "_")}}, unit.origin("the Data Catalog database"))
    lake = _lake(gen, unit)
    if lake:
        crawler_role = role(gen, unit, unit.logical("Role"), "glue.amazonaws.com", ["service-role/AWSGlueServiceRole"],
                            statements=[{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
                                         "Resource": [att(lake, "Arn"), sub(f"${{{lake}.Arn}}/*")]}])
        unit.template.add(unit.logical("Crawler"), "AWS::Glue::Crawler", {
            "Role": att(crawler_role, "Arn"), "DatabaseName": ref(database),
            "Targets": {"S3Targets": [{"Path": sub(f"s3://${{{lake}}}/")}]},
            "Schedule": {"ScheduleExpression": "cron(0 2 * * ? *)"}}, unit.origin("nightly crawl of the lake"))


def emr(gen: "Generator", unit: "Unit") -> None:
    service_role = role(gen, unit, unit.logical("ServiceRole"), "elasticmapreduce.amazonaws.com",
                        ["service-role/AmazonEMRServicePolicy_v2"])
    instance_role = role(gen, unit, unit.logical("InstanceRole"), "ec2.amazonaws.com",
                         ["service-role/AmazonElasticMapReduceforEC2Role"])
    profile = unit.logical("InstanceProfile")
    unit.template.add(profile, "AWS::IAM::InstanceProfile", {"Roles": [ref(instance_role)]}, unit.origin())
    security = unit.logical("SecurityConfiguration")
    unit.template.add(security, "AWS::EMR::SecurityConfiguration", {"SecurityConfiguration": {
        "EncryptionConfiguration": {"EnableInTransitEncryption": False, "EnableAtRestEncryption": True,
                                    "AtRestEncryptionConfiguration": {
                                        "S3EncryptionConfiguration": {"EncryptionMode": "SSE-S3"},
                                        "LocalDiskEncryptionConfiguration": {"EncryptionKeyProviderType": "AwsKms",
                                                                             "AwsKmsKey": gen.kms_arn(unit.template)
                                                                             or "alias/aws/ebs"}}}}},
        unit.origin("encryption at rest for S3 and local disks"))
    instances: Json = {"MasterInstanceGroup": {"InstanceCount": 1, "InstanceType": "m6g.xlarge", "Market": "ON_DEMAND"},
                       "CoreInstanceGroup": {"InstanceCount": 2, "InstanceType": "m6g.xlarge", "Market": "ON_DEMAND"},
                       "KeepJobFlowAliveWhenNoSteps": True, "TerminationProtected": False}
    if gen.has_vpc(unit.template) or gen.net:
        net = gen.network(unit.template)
        instances["Ec2SubnetId"] = ref(net.subnet(0, "app"))
    unit.template.add(unit.logical("Cluster"), "AWS::EMR::Cluster", {
        "Name": sub("${AWS::StackName}-emr"), "ReleaseLabel": unit.template.parameter(
            "EmrRelease", "String", "EMR release", "emr-7.5.0"),
        "Applications": [{"Name": "Spark"}, {"Name": "Hadoop"}], "Instances": instances,
        "JobFlowRole": ref(profile), "ServiceRole": ref(service_role), "SecurityConfiguration": ref(security),
        "VisibleToAllUsers": True}, unit.origin("Spark on a small long-running cluster: size it to the jobs; "
                                                "its data lives in S3, so deleting the stack deletes the cluster"),
        keep="Delete")


def opensearch(gen: "Generator", unit: "Unit") -> None:
    zones = 2 if gen.has_vpc(unit.template) else 1
    props: Json = {
        "EngineVersion": "OpenSearch_2.17",
        "ClusterConfig": {"InstanceType": "r6g.large.search", "InstanceCount": 2 * zones // zones * 2,
                          "ZoneAwarenessEnabled": True, "ZoneAwarenessConfig": {"AvailabilityZoneCount": 2}},
        "EBSOptions": {"EBSEnabled": True, "VolumeType": "gp3", "VolumeSize": 100},
        "EncryptionAtRestOptions": {"Enabled": True},
        "NodeToNodeEncryptionOptions": {"Enabled": True},
        "DomainEndpointOptions": {"EnforceHTTPS": True, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"},
        "AccessPolicies": {"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")},
            "Action": "es:*", "Resource": sub("arn:${AWS::Partition}:es:${AWS::Region}:${AWS::AccountId}:domain/*")}]}}
    key = gen.kms_arn(unit.template)
    if key:
        props["EncryptionAtRestOptions"]["KmsKeyId"] = key
    unit.template.add(unit.logical("Domain"), "AWS::OpenSearchService::Domain", props,
                      unit.origin("two data nodes in two AZs; IAM-signed requests only"), keep="Retain")


def quicksight(gen: "Generator", unit: "Unit") -> None:
    gen.add_manual("Subscribe the account to QuickSight and add the warehouse or Athena as its data source.", unit)


def log_group(gen: "Generator", unit: "Unit") -> None:
    props: Json = {"RetentionInDays": 365}
    key = gen.kms_arn(unit.template)
    if key:
        props["KmsKeyId"] = key
    unit.template.add(unit.logical("LogGroup"), "AWS::Logs::LogGroup", props, unit.origin(), keep="Retain")


def event_bus(gen: "Generator", unit: "Unit") -> None:
    unit.template.add(unit.logical("EventBus"), "AWS::Events::EventBus", {"Name": sub("${AWS::StackName}")},
                      unit.origin())


HANDLERS: dict[str, tuple[int, Any]] = {
    "kms": (1, kms), "secrets-manager": (1, secrets), "cloudtrail": (1, cloudtrail), "aws-config": (1, config),
    "macie": (1, macie), "backup": (9, backup), "athena": (6, athena), "glue": (6, glue), "emr": (6, emr),
    "opensearch": (2, opensearch), "quicksight": (6, quicksight), "cloudwatch": (6, log_group),
    "eventbridge": (6, event_bus),
}
