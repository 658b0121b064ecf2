"""Data stores with the properties their decisions imply: RDS (Multi-AZ, read replicas), Aurora (replicas,
Serverless v2, global database), DynamoDB (streams, global tables, DAX), S3 (class -> lifecycle, versioning,
replication), EFS, FSx, ElastiCache, Redshift, Timestream and EBS. Every store is encrypted and kept
(DeletionPolicy and UpdateReplacePolicy Snapshot where the service snapshots, Retain otherwise)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .core import Json, Origin, att, az, clamp, days, gigabytes, if_, ref, sub

if TYPE_CHECKING:
    from .generator import Generator, Unit

ENGINES = {  # workload engine -> (RDS engine, Aurora engine, port, license model)
    "postgresql": ("postgres", "aurora-postgresql", 5432, None),
    "mysql": ("mysql", "aurora-mysql", 3306, None),
    "mariadb": ("mariadb", "aurora-mysql", 3306, None),
    "oracle": ("oracle-se2", "aurora-postgresql", 1521, "license-included"),
    "sqlserver": ("sqlserver-se", "aurora-postgresql", 1433, "license-included"),
}
# Storage class decisions -> (lifecycle transition class, minimum days before it), None: objects stay put.
TRANSITIONS = {
    "s3-standard": None, "s3": None,
    "s3-intelligent-tiering": ("INTELLIGENT_TIERING", 0),
    "s3-standard-ia": ("STANDARD_IA", 30),
    "s3-one-zone-ia": ("ONEZONE_IA", 30),
    "s3-glacier-instant-retrieval": ("GLACIER_IR", 0),
    "s3-glacier-flexible-retrieval": ("GLACIER", 0),
    "s3-glacier-deep-archive": ("DEEP_ARCHIVE", 0),
}
VOLUMES = {"ebs-gp3": ("gp3", 1, 16384), "ebs-io2": ("io2", 4, 65536), "ebs-st1": ("st1", 125, 16384),
           "ebs-sc1": ("sc1", 125, 16384)}
SUBNET_GROUPS = {  # kind -> (resource type, name of its description property)
    "rds": ("AWS::RDS::DBSubnetGroup", "DBSubnetGroupDescription"),
    "cache": ("AWS::ElastiCache::SubnetGroup", "Description"),
    "dax": ("AWS::DAX::SubnetGroup", "Description"),
    "redshift": ("AWS::Redshift::ClusterSubnetGroup", "Description"),
}
SNAPSHOT = "Snapshot"
RETAIN = "Retain"


def identifier(gen: "Generator", text: str, limit: int = 63) -> str:
    """A physical name both regions' templates compute alike: letters, digits, single hyphens."""
    name = re.sub(r"-+", "-", re.sub(r"[^a-z0-9-]", "-", f"{gen.name}-{text}".lower())).strip("-")
    name = name if name[:1].isalpha() else "a" + name
    return name[:limit].rstrip("-")


def engine_of(gen: "Generator", subject: str | None) -> tuple[str, str, int, str | None]:
    engine = str(gen.store(subject).get("engine") or "postgresql")
    return ENGINES.get(engine, ENGINES["postgresql"])


def subnet_group(gen: "Generator", unit: "Unit", kind: str) -> str:
    """One subnet group per service kind per template, over the data subnets of every AZ."""
    key = (id(unit.template), f"{kind}-subnets")
    if key not in gen.shared:
        net = gen.network(unit.template)
        subnets = net.two_zone_subnets("data", list(range(net.zone_count)))
        kind_type, description = SUBNET_GROUPS[kind]
        name = f"{kind.capitalize()}SubnetGroup"
        unit.template.add(name, kind_type, {description: "Data subnets", "SubnetIds": subnets},
                          Origin("data subnets", None, None, note="every AZ's data subnet"))
        gen.shared[key] = name
    return gen.shared[key]


def credentials(gen: "Generator", unit: "Unit", username: str = "dbadmin") -> tuple[Json, Json, str]:
    """A generated secret for a store's administrator, and dynamic references to its two halves."""
    name = unit.logical("Secret")
    props: Json = {"Description": sub(f"${{AWS::StackName}} {unit.name} administrator"),
                   "GenerateSecretString": {"SecretStringTemplate": f'{{"username": "{username}"}}',
                                            "GenerateStringKey": "password", "PasswordLength": 32,
                                            "ExcludeCharacters": "\"@/\\'` "}}
    key = gen.kms_key(unit.template)
    if key:
        props["KmsKeyId"] = key
    unit.template.add(name, "AWS::SecretsManager::Secret", props, unit.origin("administrator credentials"),
                      keep="Retain")
    user = sub(f"{{{{resolve:secretsmanager:${{{name}}}:SecretString:username}}}}")
    password = sub(f"{{{{resolve:secretsmanager:${{{name}}}:SecretString:password}}}}")
    return user, password, name


def _encryption(gen: "Generator", unit: "Unit", field: str = "KmsKeyId") -> Json:
    key = gen.kms_arn(unit.template)
    return {field: key} if key else {}


def _is_replica(gen: "Generator", unit: "Unit") -> bool:
    return not gen.is_primary(unit.template)


def _source_of(gen: "Generator", unit: "Unit") -> "Unit | None":
    sources = gen.linked(unit, outgoing=False, style="dashed")
    return sources[0] if sources else None


# -- relational ---------------------------------------------------------------------------------------------
def rds_instance(gen: "Generator", unit: "Unit") -> None:
    engine, _, port, license_model = engine_of(gen, unit.subject or _subject_of_source(gen, unit))
    name = unit.logical("Database")
    gen.listen(unit, "tcp", port)
    group = gen.security_group(unit, "Database")
    props: Json = {"Engine": engine, "DBInstanceClass": "db.m5.large" if license_model else "db.r6g.large",
                   "DBSubnetGroupName": ref(subnet_group(gen, unit, "rds")), "PubliclyAccessible": False,
                   "VPCSecurityGroups": [att(group, "GroupId")], "StorageEncrypted": True,
                   "CopyTagsToSnapshot": True, "DeletionProtection": True, "AutoMinorVersionUpgrade": True,
                   "EnablePerformanceInsights": True, **_encryption(gen, unit)}
    if license_model:
        props["LicenseModel"] = license_model
    if _is_replica(gen, unit):  # a cross-region read replica of the primary region's database
        props.pop("StorageEncrypted")
        source = _source_of(gen, unit)
        props["SourceDBInstanceIdentifier"] = sub(
            f"arn:${{AWS::Partition}}:rds:{gen.region_name}:${{AWS::AccountId}}:db:"
            f"{identifier(gen, source.lead.id if source else unit.lead.id)}")
        props.pop("DeletionProtection")
        unit.template.add(name, "AWS::RDS::DBInstance", props, unit.origin(
            "cross-region read replica: promote it to fail over"), keep=SNAPSHOT)
        return
    size = gigabytes(gen.store(unit.subject).get("size"), 100)
    props.update({
        "DBInstanceIdentifier": identifier(gen, unit.lead.id),
        "MultiAZ": unit.choice == "rds-multi-az",
        "AllocatedStorage": str(clamp(size, 20, 16384 if engine.startswith("sqlserver") else 65536)),
        "StorageType": "gp3", "BackupRetentionPeriod": 7, "MasterUsername": "dbadmin",
        "ManageMasterUserPassword": True})
    if gen.kms_arn(unit.template):
        props["MasterUserSecret"] = {"KmsKeyId": gen.kms_arn(unit.template)}
    note = "Multi-AZ: synchronous standby in a second AZ, automatic failover" if props["MultiAZ"] else "single AZ"
    unit.template.add(name, "AWS::RDS::DBInstance", props, unit.origin(note), keep=SNAPSHOT)
    gen.refs[unit.name] = {"db": name, "engine": engine, "kind": "rds"}
    unit.template.output(f"{name}Endpoint", att(name, "Endpoint.Address"), f"{unit.name} endpoint")


def _subject_of_source(gen: "Generator", unit: "Unit") -> str | None:
    source = _source_of(gen, unit)
    return source.subject if source else None


def aurora(gen: "Generator", unit: "Unit") -> None:
    subject = unit.subject
    _, engine, port, _ = engine_of(gen, subject)
    net = gen.network(unit.template)
    gen.listen(unit, "tcp", port)
    group = gen.security_group(unit, "Aurora cluster")
    cluster = unit.logical("Cluster")
    props: Json = {"Engine": engine, "DBSubnetGroupName": ref(subnet_group(gen, unit, "rds")),
                   "VpcSecurityGroupIds": [att(group, "GroupId")], "StorageEncrypted": True,
                   "CopyTagsToSnapshot": True, "BackupRetentionPeriod": 7, **_encryption(gen, unit)}
    global_id = identifier(gen, f"{subject}-global")
    note = "Aurora: 6 copies of the data across 3 AZs; replicas are failover targets"
    if unit.choice == "aurora-global-database" and _is_replica(gen, unit):
        props["GlobalClusterIdentifier"] = global_id
        note = "secondary cluster of the global database (read-only until promoted)"
    elif unit.choice == "aurora-global-database":
        unit.template.add(unit.logical("GlobalCluster"), "AWS::RDS::GlobalCluster", {
            "GlobalClusterIdentifier": global_id, "Engine": engine, "StorageEncrypted": True},
            unit.origin("global database: storage-level replication to the second region, under a second"))
        props.update({"GlobalClusterIdentifier": ref(unit.logical("GlobalCluster")),
                      "DeletionProtection": True})
        _, password_ref, _ = credentials(gen, unit)
        props.update({"MasterUsername": "dbadmin", "MasterUserPassword": password_ref})
    elif _is_replica(gen, unit):
        source = _source_of(gen, unit)
        props["ReplicationSourceIdentifier"] = sub(
            f"arn:${{AWS::Partition}}:rds:{gen.region_name}:${{AWS::AccountId}}:cluster:"
            f"{identifier(gen, (source.name if source else unit.name) + '-cluster')}")
        note = "cross-region Aurora replica cluster"
    else:
        props.update({"DBClusterIdentifier": identifier(gen, unit.name + "-cluster"), "DeletionProtection": True,
                      "MasterUsername": "dbadmin", "ManageMasterUserPassword": True})
        if gen.kms_arn(unit.template):
            props["MasterUserSecret"] = {"KmsKeyId": gen.kms_arn(unit.template)}
    serverless = unit.choice == "aurora-serverless"
    if serverless:
        props["ServerlessV2ScalingConfiguration"] = {"MinCapacity": 0.5, "MaxCapacity": 16}
        note = "Aurora Serverless v2: capacity follows the load between 0.5 and 16 ACUs"
    unit.template.add(cluster, "AWS::RDS::DBCluster", props, unit.origin(note), keep=SNAPSHOT)
    instance_class = "db.serverless" if serverless else "db.r6g.large"
    for member in unit.members:
        zone = net.zone_of(member.id)
        instance: Json = {"DBClusterIdentifier": ref(cluster), "Engine": engine, "DBInstanceClass": instance_class,
                          "PubliclyAccessible": False, "DBSubnetGroupName": ref(subnet_group(gen, unit, "rds"))}
        if zone is not None:
            instance["AvailabilityZone"] = az(zone)
        unit.template.add(unit.template.logical(member.id, "Instance"), "AWS::RDS::DBInstance", instance,
                          unit.origin("cluster instance: the cluster's volume holds the data", member=member),
                          keep="Delete")
    gen.refs[unit.name] = {"cluster": cluster, "engine": engine, "kind": "aurora"}
    unit.template.output(f"{cluster}Endpoint", att(cluster, "Endpoint.Address"), f"{unit.name} writer endpoint")


def read_replicas(gen: "Generator", unit: "Unit") -> None:
    primary = gen.refs.get(f"database:{unit.subject}") or {}
    net = gen.network(unit.template)
    if primary.get("kind") == "aurora":  # Aurora replicas are instances of the same cluster
        for member in unit.members:
            zone = net.zone_of(member.id)
            props: Json = {"DBClusterIdentifier": ref(primary["cluster"]), "Engine": primary["engine"],
                           "DBInstanceClass": "db.r6g.large", "PubliclyAccessible": False}
            if zone is not None:
                props["AvailabilityZone"] = az(zone)
            unit.template.add(unit.template.logical(member.id, "Instance"), "AWS::RDS::DBInstance", props,
                              unit.origin("Aurora replica: serves reads, failover target", member=member),
                              keep="Delete")
        return
    if not primary.get("db"):  # read scaling drawn without a database decision: the drawn primary leads
        return
    engine, _, port, _ = engine_of(gen, unit.subject)
    gen.listen(unit, "tcp", port)
    group = gen.security_group(unit, "Read replicas")
    for member in unit.members:
        zone = net.zone_of(member.id)
        # A replica in the primary's region inherits its encryption (and key).
        props = {"SourceDBInstanceIdentifier": ref(primary["db"]), "DBInstanceClass": "db.r6g.large",
                 "PubliclyAccessible": False, "VPCSecurityGroups": [att(group, "GroupId")]}
        if zone is not None:
            props["AvailabilityZone"] = az(zone)
        unit.template.add(unit.template.logical(member.id, "Replica"), "AWS::RDS::DBInstance", props,
                          unit.origin("asynchronous read replica: serves reads, no automatic failover",
                                      member=member), keep=SNAPSHOT)


# -- key-value, time series, warehouse ---------------------------------------------------------------------
def dynamodb(gen: "Generator", unit: "Unit") -> None:
    if _is_replica(gen, unit):
        return  # the primary region's global table creates this replica
    name = unit.logical("Table")
    streams = any(d["choice"] == "dynamodb-streams" and d.get("subject") == unit.subject
                  for d in gen.choices("change-events"))
    replicated = unit.choice == "dynamodb-global-tables" or any(
        not gen.is_primary(u.template) for u in gen.linked(unit, style="dashed"))
    keys = {"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                     {"AttributeName": "sk", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            "BillingMode": "PAY_PER_REQUEST"}
    if replicated:
        regions = [gen.region_name] + ([gen.second_region_name] if gen.secondary else [])
        replica = {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
                   "DeletionProtectionEnabled": True}
        unit.template.add(name, "AWS::DynamoDB::GlobalTable", {
            **keys, "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
            "SSESpecification": {"SSEEnabled": True, "SSEType": "KMS"},
            "Replicas": [{"Region": r, **replica} for r in regions]},
            unit.origin("global table: a replica in each region, all accept writes"), keep=RETAIN)
    else:
        props = {**keys, "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
                 "DeletionProtectionEnabled": True, "SSESpecification": {"SSEEnabled": True}}
        key = gen.kms_arn(unit.template)
        if key:
            props["SSESpecification"] = {"SSEEnabled": True, "SSEType": "KMS", "KMSMasterKeyId": key}
        if streams:
            props["StreamSpecification"] = {"StreamViewType": "NEW_AND_OLD_IMAGES"}
        unit.template.add(name, "AWS::DynamoDB::Table", props, unit.origin(
            "key schema pk/sk is a starting point: model it on the access patterns"), keep=RETAIN)
    gen.refs[unit.name] = {"table": name}
    unit.template.output(f"{name}Name", ref(name), f"{unit.name} table")


def timestream(gen: "Generator", unit: "Unit") -> None:
    database = unit.logical("Database")
    props = {"KmsKeyId": gen.kms_key(unit.template)} if gen.kms_key(unit.template) else {}
    unit.template.add(database, "AWS::Timestream::Database", props, unit.origin(), keep=RETAIN)
    retention = days(gen.store(unit.subject).get("retention")) or 365
    unit.template.add(unit.logical("Table"), "AWS::Timestream::Table", {
        "DatabaseName": ref(database),
        "RetentionProperties": {"MemoryStoreRetentionPeriodInHours": "24",
                                "MagneticStoreRetentionPeriodInDays": str(clamp(retention, 1, 73000))}},
        unit.origin("retention from the store's retention"), keep=RETAIN)


def redshift(gen: "Generator", unit: "Unit") -> None:
    gen.listen(unit, "tcp", 5439)
    group = gen.security_group(unit, "Redshift cluster")
    role = unit.logical("Role")
    from .compute import role as make_role
    make_role(gen, unit, role, "redshift.amazonaws.com", ["AmazonS3ReadOnlyAccess", "AWSGlueConsoleFullAccess"])
    unit.template.add(unit.logical("Cluster"), "AWS::Redshift::Cluster", {
        "ClusterType": "multi-node", "NodeType": "ra3.xlplus", "NumberOfNodes": 2, "DBName": "warehouse",
        "MasterUsername": "dbadmin", "ManageMasterPassword": True, "Encrypted": True,
        "ClusterSubnetGroupName": ref(subnet_group(gen, unit, "redshift")), "PubliclyAccessible": False,
        "VpcSecurityGroupIds": [att(group, "GroupId")], "IamRoles": [att(role, "Arn")],
        "AutomatedSnapshotRetentionPeriod": 7, **_encryption(gen, unit), **_vpc_routing(gen)},
        unit.origin("RA3 nodes: storage scales apart from compute; the IAM role reads S3 (Spectrum)"),
        keep=SNAPSHOT)
    gen.refs[unit.name] = {"cluster": unit.logical("Cluster"), "role": role}


def _vpc_routing(gen: "Generator") -> dict:
    """Enhanced VPC Routing where the warehouse decision asks for it (warning warehouse.enhanced-vpc-routing:
    S3 is to be reached privately): COPY and UNLOAD then go through the VPC and its S3 gateway endpoint
    instead of Redshift's own internet route."""
    warnings = (gen.decision("warehouse") or {}).get("warnings") or []
    return {"EnhancedVpcRouting": True} if any(w.get("rule") == "warehouse.enhanced-vpc-routing"
                                               for w in warnings) else {}


# -- caches ---------------------------------------------------------------------------------------------
def elasticache(gen: "Generator", unit: "Unit") -> None:
    zones = gen.network(unit.template).zone_count
    group = gen.security_group(unit, "Cache")
    subnets = ref(subnet_group(gen, unit, "cache"))
    if unit.choice == "elasticache-memcached":
        gen.listen(unit, "tcp", 11211)
        unit.template.add(unit.logical("Cache"), "AWS::ElastiCache::CacheCluster", {
            "Engine": "memcached", "CacheNodeType": "cache.r7g.large", "NumCacheNodes": max(zones, 1),
            "AZMode": "cross-az" if zones > 1 else "single-az", "TransitEncryptionEnabled": True,
            "CacheSubnetGroupName": subnets, "VpcSecurityGroupIds": [att(group, "GroupId")]},
            unit.origin("Memcached keeps nothing at rest to encrypt; transit is encrypted; a cache holds no "
                        "data of record, so deleting the stack deletes it"), keep="Delete")
        return
    gen.listen(unit, "tcp", 6379)
    multi = zones > 1
    unit.template.add(unit.logical("Cache"), "AWS::ElastiCache::ReplicationGroup", {
        "ReplicationGroupDescription": f"{unit.subject} cache", "Engine": "redis",
        "CacheNodeType": "cache.r7g.large", "NumCacheClusters": 2 if multi else 1,
        "AutomaticFailoverEnabled": multi, "MultiAZEnabled": multi, "AtRestEncryptionEnabled": True,
        "TransitEncryptionEnabled": True, "CacheSubnetGroupName": subnets, "SnapshotRetentionLimit": 1,
        "SecurityGroupIds": [att(group, "GroupId")], **_encryption(gen, unit)},
        unit.origin("a replica in a second AZ takes over automatically" if multi else "single node"),
        keep=SNAPSHOT)


def dax(gen: "Generator", unit: "Unit") -> None:
    from .compute import role as make_role
    zones = gen.network(unit.template).zone_count
    gen.listen(unit, "tcp", 9111)
    group = gen.security_group(unit, "DAX cluster")
    role = unit.logical("Role")
    make_role(gen, unit, role, "dax.amazonaws.com", ["AmazonDynamoDBFullAccess"])
    unit.template.add(unit.logical("Cluster"), "AWS::DAX::Cluster", {
        "IAMRoleARN": att(role, "Arn"), "NodeType": "dax.r5.large", "ReplicationFactor": 3 if zones > 1 else 1,
        "SubnetGroupName": ref(subnet_group(gen, unit, "dax")), "SecurityGroupIds": [att(group, "GroupId")],
        "SSESpecification": {"SSEEnabled": True}, "ClusterEndpointEncryptionType": "TLS"},
        unit.origin("DAX: microsecond reads in front of DynamoDB; TLS on port 9111"))


# -- files and volumes -------------------------------------------------------------------------------------
EFS_IA_DAYS = (1, 7, 14, 30, 60, 90, 180, 270, 365)  # the ages an EFS lifecycle policy accepts


def efs(gen: "Generator", unit: "Unit") -> None:
    if _is_replica(gen, unit):
        return  # the primary's replication configuration creates the replica file system
    net = gen.network(unit.template)
    gen.listen(unit, "tcp", 2049)
    group = gen.security_group(unit, "EFS mount targets")
    name = unit.logical("FileSystem")
    props: Json = {"Encrypted": True, "PerformanceMode": "generalPurpose", "ThroughputMode": "elastic",
                   "BackupPolicy": {"Status": "ENABLED"}, **_encryption(gen, unit)}
    if any(not gen.is_primary(u.template) for u in gen.linked(unit, style="dashed")):
        props["ReplicationConfiguration"] = {"Destinations": [{"Region": gen.second_region_name}]}
    store = gen.store(unit.subject)
    if store.get("access") in ("infrequent", "rare", "unknown") or store.get("infrequent_after"):
        # rule file-storage.efs-infrequent-access: the first of EFS's steps at or after the store's age
        wanted = days(store.get("infrequent_after")) or 30
        after = next((d for d in EFS_IA_DAYS if d >= wanted), EFS_IA_DAYS[-1])
        props["LifecyclePolicies"] = [{"TransitionToIA": f"AFTER_{after}_DAY{'S' if after > 1 else ''}"},
                                      {"TransitionToPrimaryStorageClass": "AFTER_1_ACCESS"}]
    unit.template.add(name, "AWS::EFS::FileSystem", props, unit.origin("regional: mount targets in every AZ"),
                      keep=RETAIN)
    for zone in range(net.zone_count):
        unit.template.add(f"{name}MountTarget{chr(ord('A') + zone)}", "AWS::EFS::MountTarget", {
            "FileSystemId": ref(name), "SubnetId": ref(net.subnet(zone, "data")),
            "SecurityGroups": [att(group, "GroupId")]}, unit.origin())


def fsx(gen: "Generator", unit: "Unit") -> None:
    net = gen.network(unit.template)
    group = gen.security_group(unit, "FSx file system")
    size = gigabytes(gen.store(unit.subject).get("size"), 1024)
    name = unit.logical("FileSystem")
    if unit.choice == "fsx-lustre" or unit.lead.service == "fsx-lustre":
        gen.listen(unit, "tcp", 988)
        gen.listen(unit, "tcp", 1018, 1023)
        capacity = 1200 if size <= 1200 else 2400 * -(-int(size) // 2400)
        unit.template.add(name, "AWS::FSx::FileSystem", {
            "FileSystemType": "LUSTRE", "FileSystemTypeVersion": "2.15",
            "StorageCapacity": min(capacity, 2400 * 200), "StorageType": "SSD",
            "SubnetIds": [ref(net.subnet(net.zones_of(unit)[0], "data"))],
            "SecurityGroupIds": [att(group, "GroupId")], **_encryption(gen, unit),
            "LustreConfiguration": {"DeploymentType": "PERSISTENT_2", "PerUnitStorageThroughput": 250,
                                    "DataCompressionType": "LZ4"}},
            unit.origin("persistent Lustre, encrypted at rest"), keep=RETAIN)
        return
    if unit.choice == "fsx-ontap" or unit.lead.service == "fsx-ontap":
        _ontap(gen, unit, group, size, name)
        return
    gen.listen(unit, "tcp", 445)
    zones = net.zones_of(unit)
    multi = len(unit.members) > 1 and len(zones) > 1
    directory = unit.template.parameter("ActiveDirectoryId", "String",
                                        "AWS Managed Microsoft AD directory the file system joins (d-...)",
                                        AllowedPattern="^d-[0-9a-f]{10}$")
    windows: Json = {"ActiveDirectoryId": directory, "ThroughputCapacity": 64,
                     "DeploymentType": "MULTI_AZ_1" if multi else "SINGLE_AZ_2",
                     "AutomaticBackupRetentionDays": 7}
    subnets = [ref(net.subnet(z, "data")) for z in (zones[:2] if multi else zones[:1])]
    if multi:
        windows["PreferredSubnetId"] = subnets[0]
    unit.template.add(name, "AWS::FSx::FileSystem", {
        "FileSystemType": "WINDOWS", "StorageCapacity": clamp(size, 32, 65536), "StorageType": "SSD",
        "SubnetIds": subnets, "SecurityGroupIds": [att(group, "GroupId")], "WindowsConfiguration": windows,
        **_encryption(gen, unit)},
        unit.origin("Multi-AZ: a standby file server in the second AZ" if multi else "single AZ"), keep=RETAIN)
    gen.add_manual("Create or connect the AWS Managed Microsoft AD directory the FSx file system joins, and "
                   "pass its id as ActiveDirectoryId.", unit)


def _ontap(gen: "Generator", unit: "Unit", group: str, size: float, name: str) -> None:
    """An ONTAP file system with one storage virtual machine serving NFS and SMB; Multi-AZ when drawn with a
    standby (the endpoint IPs live in the VPC's private route tables)."""
    net = gen.network(unit.template)
    # NFS: portmapper 111, mountd 635, nlockmgr 4045, statd 4046, nfs 2049; SMB: RPC 135, NetBIOS 139, SMB 445
    # (FSx for ONTAP User Guide, "File system access control with Amazon VPC")
    for port in (111, 135, 139, 445, 635, 2049, 4045, 4046):
        gen.listen(unit, "tcp", port)
    zones = net.zones_of(unit)
    multi = len(unit.members) > 1 and len(zones) > 1
    subnets = [ref(net.subnet(z, "data")) for z in (zones[:2] if multi else zones[:1])]
    ontap: Json = {"DeploymentType": "MULTI_AZ_1" if multi else "SINGLE_AZ_1", "ThroughputCapacity": 128,
                   "PreferredSubnetId": subnets[0], "AutomaticBackupRetentionDays": 7}
    if multi:
        ontap["RouteTableIds"] = [ref(net.private_route_table(z)) for z in range(net.zone_count)]
    unit.template.add(name, "AWS::FSx::FileSystem", {
        "FileSystemType": "ONTAP", "StorageCapacity": clamp(size, 1024, 196608), "StorageType": "SSD",
        "SubnetIds": subnets, "SecurityGroupIds": [att(group, "GroupId")], "OntapConfiguration": ontap,
        **_encryption(gen, unit)},
        unit.origin("Multi-AZ: a standby file server in the second AZ" if multi else "single AZ"), keep=RETAIN)
    unit.template.add(unit.logical("Svm"), "AWS::FSx::StorageVirtualMachine", {
        "FileSystemId": ref(name), "Name": "svm1", "RootVolumeSecurityStyle": "MIXED"},
        unit.origin("one storage virtual machine; MIXED security style for NFS and SMB clients of the same files"))
    gen.add_manual("Join the storage virtual machine svm1 to Active Directory for SMB (ActiveDirectoryConfiguration), "
                   "then create a volume with a junction path, export it over NFS and share it over SMB.", unit)


def volume(gen: "Generator", unit: "Unit") -> None:
    if unit.choice == "instance-store" or unit.lead.service == "instance-store":
        gen.add_manual("Instance store: choose an instance type with local NVMe disks (the d types, e.g. "
                       "c6id); the data is lost when the instance stops.", unit)
        return
    net = gen.network(unit.template)
    kind, low, high = VOLUMES[unit.choice or unit.lead.service]
    store = gen.store(unit.subject)
    size = clamp(gigabytes(store.get("size"), 100), low, high)
    props: Json = {"AvailabilityZone": az(net.zones_of(unit)[0]), "Size": size, "VolumeType": kind,
                   "Encrypted": True, **_encryption(gen, unit)}
    if kind == "io2":
        props["Iops"] = clamp(float(store.get("iops") or 3000), 100, min(size * 1000, 256000))
    unit.template.add(unit.logical("Volume"), "AWS::EC2::Volume", props,
                      unit.origin(f"{kind} volume"), keep=SNAPSHOT)
    gen.add_manual(f"Attach the {kind} volume {unit.subject} to its instance (a volume lives in one AZ).", unit)


# -- objects -------------------------------------------------------------------------------------------------
def bucket_name(gen: "Generator", component_id: str) -> Json:
    return sub(identifier(gen, component_id, 48) + "-${AWS::AccountId}")


def bucket(gen: "Generator", unit: "Unit") -> None:
    name = unit.logical("Bucket")
    choice = unit.choice if unit.choice in TRANSITIONS else unit.lead.service
    transition = TRANSITIONS.get(choice)
    store, replica = gen.store(unit.subject), _is_replica(gen, unit)
    locked = bool(store.get("immutable")) and not replica
    # A locked bucket keeps every version until its retention ends: no rule expires the older ones.
    rules: list[Json] = [{"Id": "noncurrent-versions", "Status": "Enabled",
                          "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
                          **({} if locked else {"NoncurrentVersionExpiration": {"NoncurrentDays": 30}})}]
    plan = _lifecycle(gen, unit, choice)
    if plan:  # the store says how its objects age: one transition per step of the plan
        rules.append({"Id": "ageing", "Status": "Enabled", "Transitions": [
            {"StorageClass": TRANSITIONS[step][0], "TransitionInDays": days} for days, step in plan]})
    elif transition:
        rules.append({"Id": "storage-class", "Status": "Enabled",
                      "Transitions": [{"StorageClass": transition[0], "TransitionInDays": transition[1]}]})
    # retention is how long data must at least be kept: no expiration rule deletes it (a reviewer adds one).
    key = gen.kms_arn(unit.template)
    encryption = {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key} if key else {"SSEAlgorithm": "AES256"}
    props: Json = {
        "BucketEncryption": {"ServerSideEncryptionConfiguration": [
            {"ServerSideEncryptionByDefault": encryption, "BucketKeyEnabled": bool(key)}]},
        "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "BlockPublicPolicy": True,
                                           "IgnorePublicAcls": True, "RestrictPublicBuckets": True},
        "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
        "VersioningConfiguration": {"Status": "Enabled"},
        "LifecycleConfiguration": {"Rules": rules},
    }
    if locked:  # rule object-storage.write-once-read-many
        lock: Json = {"ObjectLockEnabled": "Enabled"}
        retention = days(store.get("retention"))
        if retention:
            lock["Rule"] = {"DefaultRetention": {"Mode": "COMPLIANCE", "Days": clamp(retention, 1, 36500)}}
        props.update({"ObjectLockEnabled": True, "ObjectLockConfiguration": lock})
    replicas = [u for u in gen.linked(unit, style="dashed") if not gen.is_primary(u.template)
                and u.lead.service in TRANSITIONS]
    if replica:
        props["BucketName"] = bucket_name(gen, unit.lead.id)
    elif replicas:  # named, so the replication role can name it without a circular reference
        from .frontdoor import second_region_condition
        props["BucketName"] = bucket_name(gen, unit.lead.id)
        props["ReplicationConfiguration"] = if_(second_region_condition(gen, unit.template),
                                                _replication(gen, unit, replicas[0]))
    note = f"storage class {transition[0]} by lifecycle after {transition[1]} days" if transition else "S3 Standard"
    if plan:
        from ..rules.lifecycle import describe
        note = f"written to S3 Standard, then {describe(plan)} (the store's ageing)"
    unit.template.add(name, "AWS::S3::Bucket", props, unit.origin(note), keep=RETAIN)
    unit.template.add(f"{name}Policy", "AWS::S3::BucketPolicy", {"Bucket": ref(name), "PolicyDocument": {
        "Version": "2012-10-17", "Statement": [{
            "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": [att(name, "Arn"), sub(f"${{{name}.Arn}}/*")],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}, unit.origin("TLS only"))
    gen.refs[unit.name] = {"bucket": name, "policy": f"{name}Policy"}
    unit.template.output(f"{name}Name", ref(name), f"bucket {unit.subject or unit.lead.id}")


def _lifecycle(gen: "Generator", unit: "Unit", choice: str | None) -> list[tuple[int, str]]:
    """The lifecycle steps of the store this bucket holds, when it says how its objects age."""
    from ..rules.lifecycle import store_plan
    if not unit.subject or choice not in TRANSITIONS:
        return []
    return store_plan(gen.workload, gen.store(unit.subject), choice)


def _replication(gen: "Generator", unit: "Unit", replica: "Unit") -> Json:
    from .compute import role as make_role
    role = unit.logical("ReplicationRole")
    target = sub(f"arn:${{AWS::Partition}}:s3:::{identifier(gen, replica.lead.id, 48)}-${{AWS::AccountId}}")
    source = sub(f"arn:${{AWS::Partition}}:s3:::{identifier(gen, unit.lead.id, 48)}-${{AWS::AccountId}}")
    make_role(gen, unit, role, "s3.amazonaws.com", [], condition="SecondRegionReady", statements=[
        {"Effect": "Allow", "Action": ["s3:GetReplicationConfiguration", "s3:ListBucket"],
         "Resource": source},
        {"Effect": "Allow", "Action": ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl",
                                       "s3:GetObjectVersionTagging"],
         "Resource": sub(f"arn:${{AWS::Partition}}:s3:::{identifier(gen, unit.lead.id, 48)}-${{AWS::AccountId}}/*")},
        {"Effect": "Allow", "Action": ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
         "Resource": sub(f"arn:${{AWS::Partition}}:s3:::{identifier(gen, replica.lead.id, 48)}-${{AWS::AccountId}}/*")},
        {"Effect": "Allow", "Action": ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], "Resource": "*"}])
    rule: Json = {"Id": "to-second-region", "Status": "Enabled", "Priority": 1, "Filter": {"Prefix": ""},
                  "DeleteMarkerReplication": {"Status": "Enabled"},
                  "Destination": {"Bucket": target}}
    if gen.kms_arn(unit.template):
        rule["SourceSelectionCriteria"] = {"SseKmsEncryptedObjects": {"Status": "Enabled"}}
        rule["Destination"]["EncryptionConfiguration"] = {"ReplicaKmsKeyID": unit.template.parameter(
            "ReplicaKmsKeyArn", "String", "ARN of the second region's KMS key (output KmsKeyArn of its stack)",
            "")}
    return {"Role": att(role, "Arn"), "Rules": [rule]}


def change_events(gen: "Generator", unit: "Unit") -> None:
    """S3 event notifications or DynamoDB streams, wired to what the diagram says reacts."""
    from .compute import lambda_target
    store = gen.refs.get(f"object-storage:{unit.subject}") or gen.refs.get(f"database:{unit.subject}") or {}
    if unit.choice == "dynamodb-streams":
        targets = [u for u in gen.linked(unit) if u.name in gen.refs and gen.refs[u.name].get("function")]
        for target in targets:
            if store.get("table"):
                unit.template.add(unit.logical(f"To{target.template.logical(target.name, '')}"),
                                  "AWS::Lambda::EventSourceMapping", {
                                      "EventSourceArn": att(store["table"], "StreamArn"),
                                      "FunctionName": ref(gen.refs[target.name]["function"]),
                                      "StartingPosition": "LATEST", "BatchSize": 100},
                                  unit.origin("the stream triggers the function"))
        return
    bucket_unit = next((u for u in gen.units if u.template is unit.template
                        and u.name in gen.refs and gen.refs[u.name].get("bucket")
                        and u.subject == unit.subject), None)
    if bucket_unit is None:
        bucket_unit = next((gen.unit_of[link.source] for link in gen.arch.links
                            if link.target in {m.id for m in unit.members}), None)
    if bucket_unit is None or not gen.refs.get(bucket_unit.name, {}).get("bucket"):
        return
    name = gen.refs[bucket_unit.name]["bucket"]
    props = unit.template.resources[name]["Properties"]
    queues = [m for m in unit.members if m.service.startswith("sqs")]
    if queues:
        from .messaging import queue
        queue_name = queue(gen, unit, member=queues[0], allow_service="s3.amazonaws.com",
                           source_arn=sub("arn:${AWS::Partition}:s3:::*"))
        props["NotificationConfiguration"] = {"QueueConfigurations": [
            {"Event": "s3:ObjectCreated:*", "Queue": att(queue_name, "Arn")}]}
        unit.template.resources[name]["DependsOn"] = [f"{queue_name}Policy"]
        return
    function = lambda_target(gen, bucket_unit)
    if function:
        permission = unit.logical("Permission")
        unit.template.add(permission, "AWS::Lambda::Permission", {
            "Action": "lambda:InvokeFunction", "FunctionName": ref(function), "Principal": "s3.amazonaws.com",
            "SourceAccount": ref("AWS::AccountId")}, unit.origin())
        props["NotificationConfiguration"] = {"LambdaConfigurations": [
            {"Event": "s3:ObjectCreated:*", "Function": att(function, "Arn")}]}
        unit.template.resources[name]["DependsOn"] = [permission]


S3_SERVICES = list(TRANSITIONS)
HANDLERS: dict[str, tuple[int, Any]] = {
    **{service: (2, bucket) for service in S3_SERVICES},
    "rds-single-az": (2, rds_instance), "rds-multi-az": (2, rds_instance),
    "aurora": (2, aurora), "aurora-serverless": (2, aurora), "aurora-global-database": (2, aurora),
    "rds-read-replicas": (3, read_replicas), "aurora-replicas": (3, read_replicas),
    "dynamodb": (2, dynamodb), "dynamodb-global-tables": (2, dynamodb), "timestream": (2, timestream),
    "redshift": (2, redshift), "elasticache-redis": (3, elasticache), "elasticache-memcached": (3, elasticache),
    "dax": (3, dax), "efs": (2, efs), "fsx-windows": (2, fsx), "fsx-lustre": (2, fsx), "fsx-ontap": (2, fsx),
    "ebs-gp3": (2, volume), "ebs-io2": (2, volume), "ebs-st1": (2, volume), "ebs-sc1": (2, volume),
    "instance-store": (2, volume),
    "dynamodb-streams": (6, change_events), "s3-event-notifications": (6, change_events),
}
