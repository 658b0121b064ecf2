"""Compute: ECS on Fargate or EC2, EC2 Auto Scaling (purchasing, placement group, EFA), EKS, Elastic
Beanstalk, Lambda, the bastion host; and the IAM roles and launch templates they share."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ..engine.model import pods_on_fargate
from ..workload.tiers import tier_value
from .core import Json, att, az, ref, sub

if TYPE_CHECKING:
    from .generator import Generator, Unit

APP_PORT = 443
AMI = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
AMI_ARM = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
ECS_AMI = "{{resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id}}"


def unit_tier(unit: "Unit") -> str | None:
    """The compute tier (``compute.tiers``) a compute unit draws; None for the whole system's compute."""
    return unit.subject if unit.decision and unit.decision.get("concern") == "compute" else None


def tier_key(unit: "Unit", concern: str) -> str:
    """The key of the decision of ``concern`` for a compute unit's tier (the whole system's without tiers)."""
    tier = unit_tier(unit)
    return concern if tier is None else f"{concern}:{tier}"


def tier_choice(gen: "Generator", unit: "Unit", concern: str) -> str | None:
    """What a compute unit's tier builds for ``concern`` (ec2-purchasing, placement-group, ...): the decision
    made for its tier (``compute.tiers``), else the whole system's."""
    tier = unit_tier(unit)
    if tier is None:
        return gen.choice(concern)
    from ..engine.model import built_choice
    found = gen.decision(tier_key(unit, concern))
    return built_choice(found) if found else None


def tier_field(gen: "Generator", unit: "Unit", name: str) -> Any:
    """A compute field for a unit's tier: the tier's own value, else the compute section's."""
    return tier_value(gen.workload, unit_tier(unit), name)


def app_protocol(gen: "Generator") -> str:
    return "udp" if gen.get("entry", "protocol") == "udp" else "tcp"


def role(gen: "Generator", unit: "Unit", name: str, service: str, managed: list[str], *,
         statements: list[Json] | None = None, condition: str | None = None) -> str:
    props: Json = {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]}}
    if managed:
        props["ManagedPolicyArns"] = [sub(f"arn:${{AWS::Partition}}:iam::aws:policy/{p}") for p in managed]
    if statements:
        props["Policies"] = [{"PolicyName": "access", "PolicyDocument": {"Version": "2012-10-17",
                                                                         "Statement": statements}}]
    unit.template.add(name, "AWS::IAM::Role", props, unit.origin(f"role assumed by {service}"), condition=condition)
    return name


def instance_profile(gen: "Generator", unit: "Unit", extra: list[str] | None = None) -> str:
    name = unit.logical("InstanceRole")
    role(gen, unit, name, "ec2.amazonaws.com", ["AmazonSSMManagedInstanceCore", *(extra or [])])
    unit.template.add(f"{name}Profile", "AWS::IAM::InstanceProfile", {"Roles": [ref(name)]}, unit.origin())
    return f"{name}Profile"


def launch_template(gen: "Generator", unit: "Unit", instance_type: str, script: str = "", *, arm: bool = False,
                    image: Json | str | None = None, extra_policies: list[str] | None = None,
                    interfaces: list[Json] | None = None, spot: bool = False) -> str:
    name = unit.logical("LaunchTemplate")
    parameter = "ArmImageId" if arm else "ImageId"
    ami = image or unit.template.parameter(
        parameter, "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
        f"Amazon Linux 2023 image ({'arm64' if arm else 'x86_64'}), from the public SSM parameter",
        AMI_ARM if arm else AMI)
    data: Json = {
        "ImageId": ami, "InstanceType": instance_type,
        "IamInstanceProfile": {"Arn": att(instance_profile(gen, unit, extra_policies), "Arn")},
        "MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled"},
        "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {
            "VolumeType": "gp3", "VolumeSize": 30, "Encrypted": True, "DeleteOnTermination": True}}],
    }
    if script:
        data["UserData"] = {"Fn::Base64": script}
    if interfaces:
        data["NetworkInterfaces"] = interfaces
    if spot:
        data["InstanceMarketOptions"] = {"MarketType": "spot"}
    unit.template.add(name, "AWS::EC2::LaunchTemplate", {"LaunchTemplateData": data},
                      unit.origin("IMDSv2 only, encrypted root volume, Session Manager role"))
    return name


def lambda_target(gen: "Generator", unit: "Unit") -> str | None:
    """The function a unit's links lead to, if one was generated."""
    for target in gen.linked(unit):
        function = gen.refs.get(target.name, {}).get("function")
        if function:
            return function
    return None


def _app_subnets(gen: "Generator", unit: "Unit") -> list[Json]:
    net = gen.network(unit.template)
    return net.subnets("app", net.zones_of(unit))


def _desired(gen: "Generator", unit: "Unit") -> int:
    """Instances or tasks: one per AZ drawn; none in a pilot-light region until failover."""
    if not gen.is_primary(unit.template) and gen.choice("dr-strategy") == "pilot-light":
        return 0
    return max(len(unit.members), min(gen.network(unit.template).zone_count, 2))


def _app_group(gen: "Generator", unit: "Unit") -> str:
    gen.listen(unit, app_protocol(gen), APP_PORT)
    return gen.security_group(unit, f"Application tier ({unit.lead.service})")


def _cluster(gen: "Generator", unit: "Unit") -> str:
    key = (id(unit.template), "ecs-cluster")
    if key not in gen.shared:
        unit.template.add("EcsCluster", "AWS::ECS::Cluster", {
            "ClusterSettings": [{"Name": "containerInsights", "Value": "enabled"}]}, unit.origin())
        gen.shared[key] = "EcsCluster"
    return gen.shared[key]


def _task_definition(gen: "Generator", unit: "Unit", fargate: bool) -> str:
    execution = unit.logical("ExecutionRole")
    role(gen, unit, execution, "ecs-tasks.amazonaws.com", ["service-role/AmazonECSTaskExecutionRolePolicy"])
    logs = unit.logical("Logs")
    log_props: Json = {"RetentionInDays": 90}
    unit.template.add(logs, "AWS::Logs::LogGroup", log_props, unit.origin("container logs"), keep="Retain")
    image = unit.template.parameter("ContainerImage", "String", "Container image of the application (ECR URI)",
                                    "public.ecr.aws/nginx/nginx:stable")
    name = unit.logical("TaskDefinition")
    protocol = app_protocol(gen)
    unit.template.add(name, "AWS::ECS::TaskDefinition", {
        "RequiresCompatibilities": ["FARGATE" if fargate else "EC2"], "NetworkMode": "awsvpc",
        "Cpu": "512", "Memory": "1024", "ExecutionRoleArn": att(execution, "Arn"),
        "ContainerDefinitions": [{
            "Name": "app", "Image": image, "Essential": True,
            "PortMappings": [{"ContainerPort": APP_PORT, "Protocol": protocol}],
            "LogConfiguration": {"LogDriver": "awslogs", "Options": {
                "awslogs-group": ref(logs), "awslogs-region": ref("AWS::Region"), "awslogs-stream-prefix": "app"}}}],
    }, unit.origin("0.5 vCPU / 1 GB per task: a starting point"))
    return name


def ecs(gen: "Generator", unit: "Unit") -> None:
    fargate = unit.lead.service == "fargate"
    cluster = _cluster(gen, unit)
    group = _app_group(gen, unit)
    task = _task_definition(gen, unit, fargate)
    props: Json = {"Cluster": ref(cluster), "TaskDefinition": ref(task), "DesiredCount": _desired(gen, unit),
                   "NetworkConfiguration": {"AwsvpcConfiguration": {
                       "AssignPublicIp": "DISABLED", "Subnets": _app_subnets(gen, unit),
                       "SecurityGroups": [ref(group)]}},
                   "DeploymentConfiguration": {"DeploymentCircuitBreaker": {"Enable": True, "Rollback": True}}}
    depends = []
    if fargate:
        props["LaunchType"] = "FARGATE"
    else:
        provider = _capacity(gen, unit, cluster)
        props["CapacityProviderStrategy"] = [{"CapacityProvider": ref(provider), "Weight": 1}]
        depends.append(f"{cluster}Providers")
    groups = gen.refs.get(unit.name, {}).get("target_groups", [])
    if groups:
        props["LoadBalancers"] = [{"ContainerName": "app", "ContainerPort": APP_PORT, "TargetGroupArn": ref(g)}
                                  for g in groups]
        depends += gen.refs[unit.name].get("listeners", [])
    unit.template.add(unit.logical("Service"), "AWS::ECS::Service", props,
                      unit.origin("tasks spread over the app subnets of every AZ drawn"), depends=depends)


def _capacity(gen: "Generator", unit: "Unit", cluster: str) -> str:
    template = launch_template(gen, unit, "m6i.large", sub(
        f"#!/bin/bash\necho ECS_CLUSTER=${{{cluster}}} >> /etc/ecs/ecs.config\n"),
        image=ECS_AMI, extra_policies=["service-role/AmazonEC2ContainerServiceforEC2Role"])
    template_props = unit.template.resources[template]["Properties"]["LaunchTemplateData"]
    template_props["UserData"] = {"Fn::Base64": template_props["UserData"]["Fn::Base64"]}
    group = unit.logical("Instances")
    version = {"LaunchTemplateId": ref(template), "Version": att(template, "LatestVersionNumber")}
    props: Json = {"MinSize": "0", "MaxSize": "10", "DesiredCapacity": str(_desired(gen, unit)),
                   "VPCZoneIdentifier": _app_subnets(gen, unit)}
    if tier_choice(gen, unit, "ec2-purchasing") == "spot":  # container instances on Spot, several types
        props["MixedInstancesPolicy"] = _spot_policy(version)
    else:
        props["LaunchTemplate"] = version
    unit.template.add(group, "AWS::AutoScaling::AutoScalingGroup", props, unit.origin("container instances"))
    reservation(gen, unit)
    provider = unit.logical("CapacityProvider")
    unit.template.add(provider, "AWS::ECS::CapacityProvider", {"AutoScalingGroupProvider": {
        "AutoScalingGroupArn": ref(group), "ManagedScaling": {"Status": "ENABLED", "TargetCapacity": 90},
        "ManagedTerminationProtection": "DISABLED"}}, unit.origin())
    associations = unit.template.resources.get(f"{cluster}Providers")
    if associations:  # one association resource per cluster lists every unit's provider
        associations["Properties"]["CapacityProviders"].append(ref(provider))
    else:
        unit.template.add(f"{cluster}Providers", "AWS::ECS::ClusterCapacityProviderAssociations", {
            "Cluster": ref(cluster), "CapacityProviders": [ref(provider)],
            "DefaultCapacityProviderStrategy": [{"CapacityProvider": ref(provider), "Weight": 1}]}, unit.origin())
    return provider


def auto_scaling(gen: "Generator", unit: "Unit") -> None:
    purchasing = tier_choice(gen, unit, "ec2-purchasing")
    placement = tier_choice(gen, unit, "placement-group")
    efa = tier_choice(gen, unit, "hpc-networking") == "efa"
    group = _app_group(gen, unit)
    interfaces = None
    instance_type = "c5n.18xlarge" if efa else "m6i.large"
    if efa:  # an EFA is an interface of its own; the security group moves onto it
        interfaces = [{"DeviceIndex": 0, "InterfaceType": "efa", "Groups": [ref(group)], "DeleteOnTermination": True}]
    template = launch_template(gen, unit, instance_type, interfaces=interfaces)
    data = unit.template.resources[template]["Properties"]["LaunchTemplateData"]
    if not efa:
        data["SecurityGroupIds"] = [ref(group)]
    desired = _desired(gen, unit)
    props: Json = {"MinSize": str(min(desired, 1)), "MaxSize": str(max(desired * 3, 2)),
                   "DesiredCapacity": str(desired), "VPCZoneIdentifier": _app_subnets(gen, unit),
                   "HealthCheckType": "ELB" if gen.refs.get(unit.name, {}).get("target_groups") else "EC2",
                   "HealthCheckGracePeriod": 300}
    version = {"LaunchTemplateId": ref(template), "Version": att(template, "LatestVersionNumber")}
    if purchasing == "spot":
        props["MixedInstancesPolicy"] = _spot_policy(version)
    elif _spot_bursts(gen, unit, purchasing):
        props["MixedInstancesPolicy"] = _spot_policy(version, max(1, math.ceil(desired * _baseline_share(gen, unit))))
    else:
        props["LaunchTemplate"] = version
    if placement:
        name = unit.logical("PlacementGroup")
        spec: Json = {"Strategy": placement}
        if placement == "partition":
            spec["PartitionCount"] = 3
        if placement == "spread":
            spec["SpreadLevel"] = "rack"
        unit.template.add(name, "AWS::EC2::PlacementGroup", spec, _annotation(gen, unit, "placement-group"))
        props["PlacementGroup"] = ref(name)
    groups = gen.refs.get(unit.name, {}).get("target_groups", [])
    if groups:
        props["TargetGroupARNs"] = [ref(g) for g in groups]
    note = {"spot": "Spot capacity, several instance types", "reserved-standard": "covered by Reserved Instances",
            "reserved-convertible": "covered by Convertible Reserved Instances",
            "scheduled-reserved": "runs on a schedule (Capacity Reservations)",
            "compute-savings-plans": "baseline covered by a Compute Savings Plan",
            "ec2-instance-savings-plans": "baseline covered by an EC2 Instance Savings Plan"}.get(purchasing or "",
                                                                                                  "On-Demand")
    unit.template.add(unit.logical("Group"), "AWS::AutoScaling::AutoScalingGroup", props,
                      unit.origin(f"{note}; instances in the app subnets of every AZ drawn"))
    hold_capacity(gen, unit, instance_type, desired)
    reservation(gen, unit)


def hold_capacity(gen: "Generator", unit: "Unit", instance_type: str, desired: int) -> None:
    """Scheduled Reserved Instances can no longer be bought; what replaces them (the decision's
    ``replaced_by``) holds the window's capacity with On-Demand Capacity Reservations, one per AZ the tier runs
    in, which the group's instances use (open matching)."""
    decision = gen.decision(tier_key(unit, "ec2-purchasing")) or {}
    if decision.get("choice") != "scheduled-reserved" or not decision.get("replaced_by"):
        return
    zones = gen.network(unit.template).zones_of(unit)
    for zone in zones:
        unit.template.add(unit.logical(f"CapacityReservation{chr(ord('A') + zone)}"), "AWS::EC2::CapacityReservation", {
            "AvailabilityZone": az(zone), "InstanceType": instance_type, "InstancePlatform": "Linux/UNIX",
            "InstanceCount": max(1, math.ceil(desired / len(zones))), "InstanceMatchCriteria": "open",
            "EndDateType": "unlimited"}, _annotation(gen, unit, "ec2-purchasing",
                                                     "On-Demand Capacity Reservation: the scheduled window's capacity"))
    gen.add_manual("The Capacity Reservations hold the capacity (and bill for it) around the clock: create them "
                   "before each scheduled window and cancel them after it (an EventBridge Scheduler rule or a "
                   "runbook), since Scheduled Reserved Instances can no longer be bought.", unit)


def reservation(gen: "Generator", unit: "Unit") -> None:
    """Reserved Instances and Savings Plans are bought in billing, not declared: a manual step for the tier."""
    purchasing = tier_choice(gen, unit, "ec2-purchasing")
    if purchasing and purchasing.startswith(("reserved", "scheduled")):
        tier = f"the {unit.subject} tier" if unit.subject else "the app tier"
        gen.add_manual(f"Buy the {purchasing} capacity for {tier} (billing, not a resource).", unit)
    savings_plan(gen, unit)


def _spot_policy(version: Json, on_demand_base: int = 0) -> Json:
    """Spot capacity across several instance types (an On-Demand base first, when given)."""
    return {"LaunchTemplate": {"LaunchTemplateSpecification": version,
                               "Overrides": [{"InstanceType": t} for t in ("m6i.large", "m5.large", "m6a.large")]},
            "InstancesDistribution": {"OnDemandBaseCapacity": on_demand_base, "OnDemandPercentageAboveBaseCapacity": 0,
                                      "SpotAllocationStrategy": "price-capacity-optimized"}}


def _spot_bursts(gen: "Generator", unit: "Unit", purchasing: str | None) -> bool:
    """A committed baseline with bursts that may be interrupted: On-Demand base, Spot above it."""
    return purchasing not in (None, "on-demand", "spot") and tier_field(gen, unit, "bursts") == "spot"


def _baseline_share(gen: "Generator", unit: "Unit") -> float:
    from ..workload.units import Percent
    try:
        return Percent.parse(tier_field(gen, unit, "baseline")).base / 100
    except (ValueError, TypeError, AttributeError):
        return 1.0


def savings_plan(gen: "Generator", unit: "Unit") -> None:
    """A Savings Plan is bought in Billing and Cost Management, not declared in a template: a manual step sized
    to the stated baseline."""
    purchasing = tier_choice(gen, unit, "ec2-purchasing")
    if purchasing in ("compute-savings-plans", "ec2-instance-savings-plans"):
        baseline = tier_field(gen, unit, "baseline")
        share = f"{baseline} of the peak" if baseline else "the capacity that runs all the time"
        kind = "Compute" if purchasing == "compute-savings-plans" else "EC2 Instance"
        gen.add_manual(f"Buy an {kind} Savings Plan whose hourly commitment covers {share} (billing, not a "
                       "resource); the bursts above it run On-Demand.", unit)


def _annotation(gen: "Generator", unit: "Unit", concern: str, note: str = "") -> Any:
    from .core import Origin
    key = tier_key(unit, concern)
    decision = gen.decision(key) or {}
    return Origin(unit.lead.id, key, decision.get("rule"), decision.get("choice"), note)


def eks(gen: "Generator", unit: "Unit") -> None:
    group = _app_group(gen, unit)
    cluster_role = role(gen, unit, unit.logical("ClusterRole"), "eks.amazonaws.com", ["AmazonEKSClusterPolicy"])
    node_role = role(gen, unit, unit.logical("NodeRole"), "ec2.amazonaws.com", [
        "AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly",
        "AmazonSSMManagedInstanceCore"])
    cluster = unit.logical("Cluster")
    props: Json = {"RoleArn": att(cluster_role, "Arn"), "ResourcesVpcConfig": {
        "SubnetIds": _app_subnets(gen, unit), "SecurityGroupIds": [ref(group)],
        "EndpointPrivateAccess": True, "EndpointPublicAccess": False},
        "AccessConfig": {"AuthenticationMode": "API"}}
    key = gen.kms_arn(unit.template)
    if key:
        props["EncryptionConfig"] = [{"Resources": ["secrets"], "Provider": {"KeyArn": key}}]
    unit.template.add(cluster, "AWS::EKS::Cluster", props, unit.origin("private API endpoint"))
    if pods_on_fargate(gen.decision(tier_key(unit, "compute"))):  # in a second region too
        pods = role(gen, unit, unit.logical("PodRole"), "eks-fargate-pods.amazonaws.com",
                    ["AmazonEKSFargatePodExecutionRolePolicy"])
        unit.template.add(unit.logical("FargateProfile"), "AWS::EKS::FargateProfile", {
            "ClusterName": ref(cluster), "PodExecutionRoleArn": att(pods, "Arn"), "Subnets": _app_subnets(gen, unit),
            "Selectors": [{"Namespace": "default"}, {"Namespace": "kube-system"}]},
            unit.origin("pods in these namespaces run on Fargate: no nodes"))
        gen.add_manual("Deploy the application's Kubernetes manifests and the AWS Load Balancer Controller "
                       "(with IP targets: Fargate pods have no nodes).", unit)
        return
    desired = _desired(gen, unit)
    unit.template.add(unit.logical("Nodes"), "AWS::EKS::Nodegroup", {
        "ClusterName": ref(cluster), "NodeRole": att(node_role, "Arn"), "Subnets": _app_subnets(gen, unit),
        "InstanceTypes": ["m6i.large"], "ScalingConfig": {"MinSize": max(desired, 1), "MaxSize": max(desired * 3, 2),
                                                          "DesiredSize": max(desired, 1)},
        "CapacityType": "SPOT" if tier_choice(gen, unit, "ec2-purchasing") == "spot" else "ON_DEMAND"},
        unit.origin("managed node group"))
    gen.add_manual("Deploy the application's Kubernetes manifests and the AWS Load Balancer Controller "
                   "(it registers pods with the load balancer's target group).", unit)


def beanstalk(gen: "Generator", unit: "Unit") -> None:
    group = _app_group(gen, unit)
    net = gen.network(unit.template)
    app = unit.logical("Application")
    unit.template.add(app, "AWS::ElasticBeanstalk::Application", {"Description": gen.name}, unit.origin())
    profile = instance_profile(gen, unit, ["AWSElasticBeanstalkWebTier"])
    stack = unit.template.parameter("SolutionStackName", "String", "Elastic Beanstalk platform (solution stack) name")
    options = [("aws:ec2:vpc", "VPCId", net.vpc_ref()),
               ("aws:ec2:vpc", "Subnets", {"Fn::Join": [",", _app_subnets(gen, unit)]}),
               ("aws:ec2:vpc", "ELBSubnets", {"Fn::Join": [",", net.two_zone_subnets("public", [])]}),
               ("aws:autoscaling:launchconfiguration", "IamInstanceProfile", ref(profile)),
               ("aws:autoscaling:launchconfiguration", "SecurityGroups", ref(group)),
               ("aws:elasticbeanstalk:environment", "LoadBalancerType", "application")]
    unit.template.add(unit.logical("Environment"), "AWS::ElasticBeanstalk::Environment", {
        "ApplicationName": ref(app), "SolutionStackName": stack,
        "OptionSettings": [{"Namespace": n, "OptionName": o, "Value": v} for n, o, v in options]},
        unit.origin("Beanstalk runs its own load balancer and Auto Scaling group"))


def function(gen: "Generator", unit: "Unit") -> None:
    in_vpc = gen.arch.enclosing(unit.lead.id, "vpc") is not None
    managed = ["service-role/AWSLambdaBasicExecutionRole"]
    if in_vpc:
        managed.append("service-role/AWSLambdaVPCAccessExecutionRole")
    # A channel's consumers are drawn apart from the decided compute tier, which produces into it: only a
    # consumer's links to a queue or stream are polls.
    sources = [] if unit.decision else [u for u in gen.linked(unit) if gen.refs.get(u.lead.id, {}).get("queue")
                                        or gen.refs.get(u.name, {}).get("stream")]
    if any(gen.refs.get(u.lead.id, {}).get("queue") for u in sources):
        managed.append("service-role/AWSLambdaSQSQueueExecutionRole")
    if any(gen.refs.get(u.name, {}).get("stream") for u in sources) or gen.choices("change-events"):
        managed.append("service-role/AWSLambdaKinesisExecutionRole")
        managed.append("service-role/AWSLambdaDynamoDBExecutionRole")
    execution = role(gen, unit, unit.logical("Role"), "lambda.amazonaws.com", managed)
    name = unit.logical("Function")
    props: Json = {"Runtime": "python3.12", "Handler": "index.handler", "Role": att(execution, "Arn"),
                   "MemorySize": 512, "Timeout": 30, "TracingConfig": {"Mode": "Active"},
                   "Code": {"ZipFile": "def handler(event, context):\n    return {'statusCode': 200}\n"}}
    if in_vpc:
        props["VpcConfig"] = {"SubnetIds": _app_subnets(gen, unit),
                              "SecurityGroupIds": [ref(gen.security_group(unit, "Function"))]}
    key = gen.kms_arn(unit.template)
    if key:
        props["KmsKeyArn"] = key
    unit.template.add(name, "AWS::Lambda::Function", props, unit.origin("placeholder code: deploy yours"))
    gen.refs.setdefault(unit.name, {})["function"] = name
    for member in unit.members:
        gen.refs.setdefault(member.id, {})["function"] = name
    for source in sources:
        arn = (att(gen.refs[source.lead.id]["queue"], "Arn") if gen.refs.get(source.lead.id, {}).get("queue")
               else att(gen.refs[source.name]["stream"], "Arn"))
        mapping: Json = {"EventSourceArn": arn, "FunctionName": ref(name), "BatchSize": 10}
        if not gen.refs.get(source.lead.id, {}).get("queue"):
            mapping["StartingPosition"] = "LATEST"
        unit.template.add(unit.logical(f"From{source.template.logical(source.name, '')}"),
                          "AWS::Lambda::EventSourceMapping", mapping, unit.origin("the function polls its source"))


def bastion(gen: "Generator", unit: "Unit") -> None:
    net = gen.network(unit.template)
    port = 3389 if str(gen.get("network", "admin_access", default="ssh")).lower() == "rdp" else 22
    gen.listen(unit, "tcp", port)
    group = gen.security_group(unit, "Bastion host")
    template = launch_template(gen, unit, "t3.micro")
    key = unit.template.parameter("KeyPairName", "AWS::EC2::KeyPair::KeyName", "Key pair for the bastion host")
    unit.template.add(unit.logical("Instance"), "AWS::EC2::Instance", {
        "LaunchTemplate": {"LaunchTemplateId": ref(template), "Version": att(template, "LatestVersionNumber")},
        "KeyName": key, "NetworkInterfaces": [{
            "DeviceIndex": "0", "AssociatePublicIpAddress": True, "GroupSet": [ref(group)],
            "SubnetId": ref(net.subnet(net.zones_of(unit)[0], "public"))}]},
        unit.origin("admits only AdminCidr"))


def registry(gen: "Generator", unit: "Unit") -> None:
    props: Json = {"ImageScanningConfiguration": {"ScanOnPush": True}, "ImageTagMutability": "IMMUTABLE"}
    key = gen.kms_arn(unit.template)
    props["EncryptionConfiguration"] = {"EncryptionType": "KMS", "KmsKey": key} if key else {"EncryptionType": "AES256"}
    unit.template.add(unit.logical("Repository"), "AWS::ECR::Repository", props, unit.origin(), keep="Retain")


def session_manager(gen: "Generator", unit: "Unit") -> None:
    """No resource of its own: the instance roles carry AmazonSSMManagedInstanceCore; no inbound port opens."""
    gen.add_manual("Session Manager needs no inbound port: operators connect with `aws ssm start-session`; "
                   "set session logging in the Session Manager preferences.", unit)


HANDLERS: dict[str, tuple[int, Any]] = {
    "fargate": (4, ecs), "ecs-on-ec2": (4, ecs), "ec2-auto-scaling": (4, auto_scaling), "ec2": (4, auto_scaling),
    "auto-scaling-group": (4, auto_scaling), "eks": (4, eks), "elastic-beanstalk": (4, beanstalk),
    "lambda": (4, function), "bastion-host": (8, bastion), "ecr": (8, registry),
    "ssm-session-manager": (8, session_manager),
}
