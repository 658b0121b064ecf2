"""Compute: what runs the application code.

Sources: notes "Lambda", "AWS Fargate", "Amazon Elastic Container Service", "Amazon Elastic Kubernetes
Service", "Elastic Beanstalk" and "Elastic Compute Cloud (EC2)", and the AWS documentation linked
from each rule.

``compute`` is decided first of all concerns. It is raised when the workload describes it, and also
when clients call the system or something must react to change events (the assumption says why).
How the EC2 capacity is bought, placed and networked is in rules.ec2; the sources are defined here.
"""
from __future__ import annotations

from ..engine.context import Context
from ..engine.model import Concern, Eliminate, Select, Warn
from .common import COMPUTE_CHOICES, clients_call, nothing_calls_in, per_tier
from .storage import any_store

LAMBDA = "notes: Lambda"
FARGATE = "notes: AWS Fargate"
ECS = "notes: Amazon Elastic Container Service"
EKS = "notes: Amazon Elastic Kubernetes Service"
BEANSTALK = "notes: Elastic Beanstalk"
EC2 = "notes: Elastic Compute Cloud (EC2)"
AUTOSCALING = "notes: Autoscaling"
PRICING = "notes: EC2 Instance Pricing"
RESERVED = "notes: Standard Reserved vs. Convertible Reserved vs. Scheduled Reserved"
PLACEMENT = "notes: EC2 Placement Groups"
ENHANCED = "notes: Enhanced Networking ENI"
EFA_NOTES = "notes: Elastic Fiber Adaptor (EFA)"

LAMBDA_LIMITS = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html"
SCHEDULER_DOC = "https://docs.aws.amazon.com/scheduler/latest/UserGuide/what-is-scheduler.html"
SCHEDULED_TASKS_DOC = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/scheduled_tasks.html"
EKS_FARGATE_DOC = "https://docs.aws.amazon.com/eks/latest/userguide/fargate.html"
FARGATE_SPOT_DOC = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html"
LAMBDA_CONCURRENCY = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html"
SCHEDULED_SCALING = "https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-scheduled-scaling.html"
PREDICTIVE_SCALING = "https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-predictive-scaling.html"
APP_SCALING_SCHEDULED = "https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-scheduled-scaling.html"
FARGATE_DOC = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html"
ECS_LAUNCH_TYPES = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/launch_types.html"
EKS_DOC = "https://docs.aws.amazon.com/eks/latest/userguide/what-is-eks.html"
BEANSTALK_DOC = "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/Welcome.html"
ASG_DOC = "https://docs.aws.amazon.com/autoscaling/ec2/userguide/what-is-amazon-ec2-auto-scaling.html"
PURCHASING_DOC = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-purchasing-options.html"
SPOT_DOC = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-spot-instances.html"
RI_TYPES_DOC = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/reserved-instances-types.html"
SCHEDULED_DOC = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_PurchaseScheduledInstances.html"
CAPACITY_RESERVATIONS_DOC = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-capacity-reservations.html"
PLACEMENT_DOC = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/placement-groups.html"
EFA_DOC = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/efa.html"
ENHANCED_DOC = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/enhanced-networking.html"

# Compute choices that run on EC2 instances the customer buys and places.
EC2_BASED = ("ec2-auto-scaling", "ecs-on-ec2", "eks", "elastic-beanstalk")
LAMBDA_MAX = "15m"


def _needs_hosts(c: Context) -> bool:
    """GPUs, root access, HPC networking or hardware isolation: things only EC2 instances give."""
    return (c.true("compute.hpc") or c.true("compute.gpu") or c.true("compute.os_access")
            or c.ge("compute.critical_instances", 1))


def on_ec2(c: Context) -> bool:
    return c.decided("compute", *EC2_BASED)


APP_TIER_FOR_CLIENTS = ("no compute section, but clients call the system, so it needs an application tier; "
                        "style auto lets the rules choose it")
APP_TIER_FOR_EVENTS = ("no compute section, but something must react to every change in a data store, so the "
                       "system needs code that runs on those events; style auto lets the rules choose it")


def _static_site(c: Context) -> bool:
    """Clients read only static files: pages and assets from object storage through the edge, with no
    database, channel, API or live updates that code would serve. Such a site needs no application tier."""
    return (c.true("entry.static_content") and c.one_of("entry.protocol", "http")
            and not c.one_of("entry.api", "rest", "graphql") and not c.true("entry.realtime_updates")
            and not c.present("messaging") and not any_store(c, lambda store: not store.eq("this.kind", "object")))


def _compute_raised(c: Context) -> bool:
    """The application tier is decided when the workload describes it, and also when clients call the system
    or something must react to change events: then the assumption says why."""
    if c.given("compute"):
        return True
    if clients_call(c) and not _static_site(c):
        c.assume("compute.style", "auto", APP_TIER_FOR_CLIENTS)
        return True
    if any_store(c, lambda store: store.true("this.change_events")):
        c.assume("compute.style", "auto", APP_TIER_FOR_EVENTS)
        return True
    return False


# --------------------------------------------------------------------------------------------- compute
COMPUTE = Concern(
    id="compute",
    title="Compute platform",
    question="What should run the application code?",
    subject_kind="tier",
    choices=COMPUTE_CHOICES,
    raised=per_tier(_compute_raised),
    rules=(
        Eliminate(
            id="compute.lambda-time-limit",
            title="Lambda stops a function after 15 minutes",
            rationale=("A Lambda invocation has a hard timeout of 15 minutes; longer tasks must run on containers "
                       "or instances, or be split into steps."),
            sources=(LAMBDA_LIMITS, LAMBDA),
            pillars=("reliability",),
            thresholds={"lambda_max": LAMBDA_MAX},
            when=lambda c, t: c.gt("compute.max_duration", t.lambda_max),
            reason="Lambda runs at most {t.lambda_max} per invocation; max_duration is {compute.max_duration}",
            choices=("lambda",),
        ),
        Eliminate(
            id="compute.no-gpu-serverless",
            title="Lambda and Fargate offer no GPUs",
            rationale=("Neither Lambda functions nor Fargate tasks can use GPUs; GPU instance types (P, G families) "
                       "run on EC2, directly or as ECS/EKS container instances."),
            sources=(FARGATE_DOC, LAMBDA_LIMITS),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.true("compute.gpu"),
            reason="gpu is true: Lambda and Fargate provide no GPUs, only EC2 GPU instance types do",
            choices=("lambda", "fargate"),
        ),
        Eliminate(
            id="compute.no-host-access-serverless",
            title="Lambda and Fargate hide the host",
            rationale=("With Lambda and Fargate AWS manages the servers: there is no root login, no custom kernel "
                       "or agent on the host. Custom OS configuration needs EC2 instances."),
            sources=(FARGATE, LAMBDA, EC2),
            pillars=("operational-excellence",),
            when=lambda c, t: c.true("compute.os_access"),
            reason="os_access is true: Lambda and Fargate give no root access or custom OS configuration",
            choices=("lambda", "fargate"),
        ),
        Eliminate(
            id="compute.hpc-needs-instances",
            title="Tightly coupled HPC needs placed EC2 instances",
            rationale=("Tightly coupled HPC and distributed training need instances packed in a cluster placement "
                       "group with Elastic Fabric Adapters, which only EC2 instances you launch yourself get."),
            sources=(PLACEMENT, EFA_NOTES, EFA_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.true("compute.hpc"),
            reason=("hpc is true: it needs EC2 instances in a cluster placement group with EFA, which Lambda, "
                    "Fargate and Elastic Beanstalk environments do not provide"),
            choices=("lambda", "fargate", "elastic-beanstalk"),
        ),
        Eliminate(
            id="compute.critical-instances-need-ec2",
            title="Hardware isolation applies to EC2 instances",
            rationale=("Keeping a few critical instances on distinct hardware is done with a spread placement "
                       "group, which places EC2 instances; Lambda and Fargate have no instances to place."),
            sources=(PLACEMENT, PLACEMENT_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.ge("compute.critical_instances", 1),
            reason=("critical_instances is {compute.critical_instances}: only EC2 instances can be kept on distinct "
                    "racks (spread placement group); Lambda and Fargate have no instances to place"),
            choices=("lambda", "fargate"),
        ),
        Select(
            id="compute.kubernetes-without-servers",
            title="A Kubernetes team that wants no servers: EKS with Fargate",
            rationale=("EKS keeps the team's manifests, Helm charts and tooling; Fargate profiles run the pods "
                       "without nodes to patch or scale, each pod on capacity of its own size. ECS on Fargate would "
                       "drop the Kubernetes tooling; the notes' Fargate section says it runs EKS pods too."),
            sources=(EKS, FARGATE, EKS_DOC, EKS_FARGATE_DOC),
            pillars=("operational-excellence",),
            when=lambda c, t: (c.true("compute.kubernetes") and c.eq("compute.style", "serverless")
                               and not _needs_hosts(c)),  # Fargate gives no GPUs, root or placement
            reason=("kubernetes is true and style is serverless: EKS keeps the team's Kubernetes tooling, and "
                    "Fargate profiles run the pods with no nodes to manage"),
            choice="eks",
        ),
        Select(
            id="compute.serverless-functions",
            title="Serverless preference: functions",
            rationale=("Lambda runs code without servers, scales per request and bills per request and duration, "
                       "so it is the first serverless choice whenever a task fits in 15 minutes."),
            sources=(LAMBDA, LAMBDA_LIMITS),
            pillars=("operational-excellence", "cost-optimization"),
            when=lambda c, t: c.eq("compute.style", "serverless"),
            reason=("style is serverless and max_duration is {compute.max_duration}: Lambda runs each request as "
                    "a function that scales per request, with no servers to manage"),
            choice="lambda",
        ),
        Select(
            id="compute.serverless-containers",
            title="Serverless preference, but not functions: containers on Fargate",
            rationale=("When Lambda cannot run the work (longer than 15 minutes), Fargate still runs it without "
                       "servers: containers with no time limit, billed per task."),
            sources=(FARGATE, FARGATE_DOC),
            pillars=("operational-excellence",),
            when=lambda c, t: c.eq("compute.style", "serverless"),
            reason=("style is serverless and max_duration is {compute.max_duration}: Fargate runs the work as "
                    "containers without servers and without Lambda's 15-minute limit"),
            choice="fargate",
        ),
        Select(
            id="compute.kubernetes-tooling",
            title="Team already runs Kubernetes: EKS",
            rationale=("EKS runs upstream, conformant Kubernetes with a managed control plane across AZs, so "
                       "existing manifests, Helm charts and tooling move without refactoring."),
            sources=(EKS, EKS_DOC),
            pillars=("operational-excellence",),
            when=lambda c, t: c.true("compute.kubernetes") and c.one_of("compute.style", "containers", "auto"),
            reason=("kubernetes is true and style is {compute.style}: EKS runs standard Kubernetes, so the team's "
                    "manifests and tooling work unchanged while AWS runs the control plane"),
            choice="eks",
        ),
        Select(
            id="compute.steady-containers-lowest-cost",
            title="Steady containers at the lowest cost: ECS on EC2",
            rationale=("Fargate charges per task for vCPU and memory; a steady load keeps EC2 container "
                       "instances busy, and those can be bought with Reserved Instances or Savings Plans, so ECS on "
                       "EC2 costs less when cost matters most."),
            sources=(ECS, ECS_LAUNCH_TYPES),
            pillars=("cost-optimization",),
            when=lambda c, t: (c.eq("compute.style", "containers") and c.eq("compute.pattern", "steady")
                               and c.eq("cost_priority", "lowest")),
            reason=("style is containers, pattern is steady and cost_priority is lowest: ECS on EC2 container "
                    "instances kept busy (and reserved) costs less than Fargate's per-task price"),
            choice="ecs-on-ec2",
        ),
        Select(
            id="compute.containers-on-fargate",
            title="Containers without servers: Fargate",
            rationale=("Fargate is the serverless launch type for ECS and EKS: no instances to patch, scale or "
                       "bin-pack, each task isolated, and no limit on how long a task runs."),
            sources=(FARGATE, FARGATE_DOC),
            pillars=("operational-excellence", "security"),
            when=lambda c, t: c.eq("compute.style", "containers"),
            reason=("style is containers: Fargate runs them with no servers to manage and no time limit "
                    "(max_duration is {compute.max_duration})"),
            choice="fargate",
        ),
        Select(
            id="compute.containers-need-hosts",
            title="Containers that need GPUs, host access or placement: ECS on EC2",
            rationale=("When tasks need GPUs, a custom host, HPC networking or hardware isolation, ECS places them "
                       "on EC2 container instances that you choose and configure."),
            sources=(ECS, ECS_LAUNCH_TYPES),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.eq("compute.style", "containers") and _needs_hosts(c),
            reason=("style is containers and the tasks need instances you control (hpc {compute.hpc}, gpu "
                    "{compute.gpu}, os_access {compute.os_access}, critical_instances {compute.critical_instances}): "
                    "ECS runs them on EC2 container instances"),
            choice="ecs-on-ec2",
        ),
        Select(
            id="compute.virtual-machines",
            title="Virtual machines: an EC2 Auto Scaling group",
            rationale=("An Auto Scaling group keeps a fleet of EC2 instances healthy across AZs and sized to the "
                       "load, with full control of the operating system."),
            sources=(AUTOSCALING, ASG_DOC),
            pillars=("reliability", "performance-efficiency"),
            when=lambda c, t: c.eq("compute.style", "vms"),
            reason="style is vms: an EC2 Auto Scaling group runs the instances, replaces unhealthy ones and scales",
            choice="ec2-auto-scaling",
        ),
        Select(
            id="compute.platform-as-a-service",
            title="Platform as a service: Elastic Beanstalk",
            rationale=("Elastic Beanstalk deploys uploaded code and handles capacity provisioning, load balancing, "
                       "auto scaling and health monitoring, for teams that want to deploy within minutes."),
            sources=(BEANSTALK, BEANSTALK_DOC),
            pillars=("operational-excellence",),
            when=lambda c, t: c.eq("compute.style", "paas"),
            reason=("style is paas: Elastic Beanstalk deploys the code and manages capacity, load balancing, "
                    "scaling and health for it"),
            choice="elastic-beanstalk",
        ),
        Select(
            id="compute.needs-instances",
            title="GPUs, root access, HPC or hardware isolation: EC2 instances",
            rationale=("Some needs are only met by EC2 instances you choose: GPU instance types, root access to the "
                       "OS, cluster placement with EFA, or spread placement on distinct racks."),
            sources=(EC2, AUTOSCALING, PLACEMENT),
            pillars=("performance-efficiency",),
            when=lambda c, t: _needs_hosts(c),
            reason=("the work needs instances you control (hpc {compute.hpc}, gpu {compute.gpu}, os_access "
                    "{compute.os_access}, critical_instances {compute.critical_instances}): EC2 instances in an "
                    "Auto Scaling group"),
            choice="ec2-auto-scaling",
        ),
        Select(
            id="compute.event-driven-functions",
            title="Short, event-driven or bursty work: Lambda",
            rationale=("Lambda is triggered by events (S3, SQS, API Gateway, schedules), scales per request in "
                       "milliseconds and costs nothing while idle: the fit for short handlers and bursts."),
            sources=(LAMBDA, LAMBDA_LIMITS),
            pillars=("cost-optimization", "performance-efficiency"),
            thresholds={"lambda_max": LAMBDA_MAX},
            when=lambda c, t: (c.one_of("compute.pattern", "event-driven", "spiky")
                               or (c.eq("compute.pattern", "scheduled")
                                   and c.le("compute.max_duration", t.lambda_max))),
            reason=("pattern is {compute.pattern} and max_duration is {compute.max_duration}: short handlers "
                    "triggered by events suit Lambda, which scales per request and costs nothing when idle"),
            choice="lambda",
        ),
        Select(
            id="compute.interruptible-batch",
            title="Interruptible batch: EC2 instances (on Spot)",
            rationale=("Batch work that can stop and resume is the textbook use of Spot Instances, which an Auto "
                       "Scaling group launches and replaces across instance pools."),
            sources=(PRICING, SPOT_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: c.eq("compute.pattern", "interruptible"),
            reason=("pattern is interruptible: batch work that can stop and resume runs cheapest on EC2 Spot "
                    "capacity in an Auto Scaling group"),
            choice="ec2-auto-scaling",
        ),
        Select(
            id="compute.long-tasks",
            title="Tasks longer than Lambda allows: Fargate",
            rationale=("Work longer than Lambda's 15 minutes still runs without servers as Fargate tasks, which "
                       "have no time limit."),
            sources=(FARGATE, FARGATE_DOC, LAMBDA_LIMITS),
            pillars=("operational-excellence",),
            thresholds={"lambda_max": LAMBDA_MAX},
            when=lambda c, t: c.gt("compute.max_duration", t.lambda_max),
            reason=("max_duration is {compute.max_duration}, over Lambda's {t.lambda_max}: Fargate runs the "
                    "long tasks as containers without servers to manage"),
            choice="fargate",
        ),
        Select(
            id="compute.general-purpose-fleet",
            title="Otherwise: an EC2 Auto Scaling group",
            rationale=("With no preference and no load shape that favours functions or long serverless tasks, an "
                       "Auto Scaling group of EC2 instances behind a load balancer is the general-purpose default."),
            sources=(AUTOSCALING, ASG_DOC),
            pillars=("reliability",),
            reason=("style is {compute.style} and pattern is {compute.pattern}: nothing points to functions or "
                    "serverless containers, so an EC2 Auto Scaling group runs the application"),
            choice="ec2-auto-scaling",
        ),
        Warn(
            id="compute.serverless-preference-overridden",
            title="Serverless was preferred but the work needs servers",
            rationale=("A serverless preference cannot be honoured when the work needs GPUs, root access, HPC "
                       "networking or hardware isolation: the decision says so instead of ignoring the preference."),
            sources=(FARGATE_DOC, LAMBDA_LIMITS),
            pillars=("operational-excellence",),
            when=lambda c, t: c.eq("compute.style", "serverless") and _needs_hosts(c),
            reason=("style is serverless, but Lambda and Fargate are ruled out (hpc {compute.hpc}, gpu "
                    "{compute.gpu}, os_access {compute.os_access}, critical_instances {compute.critical_instances}): "
                    "these servers must be managed"),
            choices=("ecs-on-ec2", "eks", "ec2-auto-scaling", "elastic-beanstalk"),
        ),
        Warn(
            id="compute.paas-preference-overridden",
            title="Platform as a service was preferred but cannot run HPC",
            rationale=("Elastic Beanstalk manages web-application environments; it does not set up cluster "
                       "placement groups or EFA for tightly coupled HPC."),
            sources=(BEANSTALK, PLACEMENT),
            pillars=("operational-excellence",),
            when=lambda c, t: c.eq("compute.style", "paas"),
            reason=("style is paas, but hpc is {compute.hpc}: Elastic Beanstalk does not place instances for HPC, "
                    "so the instances are managed directly"),
            choices=("lambda", "fargate", "ecs-on-ec2", "eks", "ec2-auto-scaling"),
        ),
        Warn(
            id="compute.kubernetes-not-used",
            title="Kubernetes tooling is not reused",
            rationale=("A team that already runs Kubernetes loses its tooling on any platform but EKS; the "
                       "trade-off should be a conscious one."),
            sources=(EKS, EKS_DOC),
            pillars=("operational-excellence",),
            when=lambda c, t: c.true("compute.kubernetes"),
            reason=("kubernetes is true but style is {compute.style}: the team's Kubernetes tooling is not reused; "
                    "EKS (on Fargate or EC2 nodes) would keep it"),
            choices=("lambda", "fargate", "ecs-on-ec2", "ec2-auto-scaling", "elastic-beanstalk"),
        ),
        Warn(
            id="compute.lambda-steady-load",
            title="Constant load on Lambda can cost more than servers",
            rationale=("Lambda bills every request and millisecond; a function busy around the clock can cost more "
                       "than containers or instances sized (and reserved) for the steady load."),
            sources=(LAMBDA, PRICING),
            pillars=("cost-optimization",),
            when=lambda c, t: c.eq("compute.pattern", "steady"),
            reason=("pattern is steady: Lambda bills per request and duration, so a constantly busy function can "
                    "cost more than Fargate or reserved EC2 capacity; compare before committing"),
            choices=("lambda",),
        ),
        Warn(
            id="compute.lambda-concurrency-quota",
            title="More functions running at once than Lambda allows by default",
            rationale=("Each request a function serves holds one execution environment for its duration, so the "
                       "functions running at once are about the request rate times the duration. An account has "
                       "1,000 concurrent executions per Region by default, shared by all its functions; beyond "
                       "it requests are throttled (429) until a quota increase is granted."),
            sources=(LAMBDA, LAMBDA_LIMITS, LAMBDA_CONCURRENCY),
            pillars=("reliability", "performance-efficiency"),
            thresholds={"concurrency": 1000},
            when=lambda c, t: _concurrency(c) > t.concurrency,
            reason=("peak_requests {users.peak_requests} with requests of up to {compute.max_duration}: at worst "
                    "more functions run at once than the {t.concurrency} concurrent executions a Region allows by "
                    "default; ask for a quota "
                    "increase before launch, reserve concurrency for the critical functions, or shorten the work "
                    "(queue it, and answer at once)"),
            choices=("lambda",),
        ),
        Warn(
            id="compute.fargate-spot",
            title="Interruptible containers on Fargate: Fargate Spot",
            rationale=("ECS runs Fargate tasks on spare capacity through the FARGATE_SPOT capacity provider, at up "
                       "to 70% off, with two minutes' warning before a task is stopped; a capacity provider "
                       "strategy can keep a base of tasks on FARGATE and the rest on Spot."),
            sources=(FARGATE, FARGATE_SPOT_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: c.eq("compute.pattern", "interruptible"),
            reason=("pattern is interruptible: run the tasks on the FARGATE_SPOT capacity provider (up to 70% off; "
                    "two minutes' warning before a task stops), with retries for the stopped ones"),
            choices=("fargate",),
        ),
        Warn(
            id="compute.scheduled-jobs",
            title="Jobs that run on a schedule with nothing calling in: start them on the schedule",
            rationale=("A job no client calls needs something to start it: EventBridge Scheduler (or a scheduled "
                       "EventBridge rule, the notes' CloudWatch Events) invokes a function, or runs an ECS task on "
                       "Fargate, at a cron or rate expression. A task run that way exists only while the job runs; "
                       "a service kept running between runs pays for idle time."),
            sources=("notes: CloudWatch Events", SCHEDULER_DOC, SCHEDULED_TASKS_DOC),
            pillars=("cost-optimization", "operational-excellence"),
            when=lambda c, t: c.eq("compute.pattern", "scheduled") and nothing_calls_in(c),
            reason=("pattern is scheduled and entry.protocol is none: start each run from EventBridge Scheduler "
                    "(invoke the function, or run the task as a scheduled ECS task rather than a service that "
                    "runs all day)"),
            choices=("lambda", "fargate", "ecs-on-ec2", "ec2-auto-scaling"),
        ),
        Warn(
            id="compute.scheduled-scaling",
            title="A load that rises and falls on a schedule: scale on the schedule",
            rationale=("Target tracking reacts after the load has risen; a peak known in advance is met by "
                       "scheduled actions that raise the capacity shortly before it and lower it after (EC2 Auto "
                       "Scaling, or Application Auto Scaling for ECS services), or by predictive scaling, which "
                       "learns a daily or weekly cycle and launches ahead of it. Target tracking stays on for "
                       "the unexpected."),
            sources=(AUTOSCALING, SCHEDULED_SCALING, PREDICTIVE_SCALING, APP_SCALING_SCHEDULED),
            pillars=("performance-efficiency", "cost-optimization"),
            when=lambda c, t: c.eq("compute.pattern", "scheduled") and not nothing_calls_in(c),
            reason=("pattern is scheduled: add scheduled scaling actions that raise the capacity before each known "
                    "peak and lower it after (or predictive scaling), and keep target tracking for the rest"),
            choices=("ec2-auto-scaling", "ecs-on-ec2", "fargate", "eks", "elastic-beanstalk"),
        ),
    ),
)


def _concurrency(c) -> float:
    """Functions running at once at the peak: the request rate times the longest request (0 when either is
    not given)."""
    rate, duration = c.value("users.peak_requests"), c.value("compute.max_duration")
    return rate.per_second * duration.seconds if rate is not None and duration is not None else 0.0


CONCERNS = [COMPUTE]
