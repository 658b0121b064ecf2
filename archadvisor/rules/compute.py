"""Compute: what runs the code, how EC2 capacity is bought, placed and networked.

Sources: notes "Lambda", "AWS Fargate", "Amazon Elastic Container Service",
"Amazon Elastic Kubernetes Service", "Elastic Beanstalk", "EC2 Instance
Pricing", "Standard Reserved vs. Convertible Reserved vs. Scheduled
Reserved", "EC2 Placement Groups", "Enhanced Networking ENI" and "Elastic
Fiber Adaptor (EFA)", and the AWS documentation linked from each rule.

``compute`` is evaluated first of all concerns; the three EC2 concerns below
it are raised only when the chosen compute runs on EC2 instances the
customer pays for and places (an Auto Scaling group, ECS or EKS on EC2,
Elastic Beanstalk).
"""
from __future__ import annotations

from ..engine.context import Context
from ..engine.model import Concern, Eliminate, Select, Warn
from .common import COMPUTE_CHOICES, clients_call, when
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


def _on_ec2(c: Context) -> bool:
    return c.decided("compute", *EC2_BASED, subject=None)


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
    subject_kind="none",
    choices=COMPUTE_CHOICES,
    raised=when(_compute_raised),
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
            when=lambda c, t: c.eq("compute.style", "serverless"),
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
    ),
)


# --------------------------------------------------------------------------------------- ec2-purchasing
def _purchasing_raised(c: Context) -> bool:
    return _on_ec2(c) and (c.given("compute.pattern") or c.given("compute.commitment"))


def _term_or_steady(c: Context) -> bool:
    """A 1- or 3-year commitment, or a steady load with no commitment stated."""
    return (c.one_of("compute.commitment", "1y", "3y")
            or (c.eq("compute.pattern", "steady") and not c.given("compute.commitment")))


EC2_PURCHASING = Concern(
    id="ec2-purchasing",
    title="EC2 purchasing option",
    question="How should the EC2 capacity be bought?",
    subject_kind="none",
    choices=("on-demand", "reserved-standard", "reserved-convertible", "scheduled-reserved", "spot"),
    raised=when(_purchasing_raised),
    depends_on=("compute",),
    rules=(
        Eliminate(
            id="ec2-purchasing.no-commitment",
            title="No commitment rules out reservations",
            rationale=("Reserved Instances are billed for every hour of their 1- or 3-year term, whether the "
                       "instance runs or not; without a commitment they are a liability."),
            sources=(PRICING, "notes: EC2 Instance Lifecycle"),
            pillars=("cost-optimization",),
            when=lambda c, t: c.eq("compute.commitment", "none"),
            reason=("commitment is none: Reserved Instances bill every hour of a 1- or 3-year term, used or not "
                    "(terminated Reserved Instances are billed to the end of the term)"),
            choices=("reserved-standard", "reserved-convertible", "scheduled-reserved"),
        ),
        Eliminate(
            id="ec2-purchasing.spot-needs-interruptible-work",
            title="Spot only for work that tolerates interruption",
            rationale=("Spot capacity can be reclaimed with a two-minute warning, so it suits only work with "
                       "flexible start and end times that can stop and resume."),
            sources=(PRICING, SPOT_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.one_of("compute.pattern", "steady", "spiky", "scheduled", "event-driven"),
            reason=("pattern is {compute.pattern}: Spot Instances can be reclaimed with a two-minute warning, which "
                    "only work that can stop and resume tolerates"),
            choices=("spot",),
        ),
        Eliminate(
            id="ec2-purchasing.critical-not-on-spot",
            title="Critical instances must not be reclaimed",
            rationale=("Instances singled out as critical cannot be left to capacity that AWS may take back. When "
                       "the rest of the work is interruptible, only those few stay off Spot (see "
                       "ec2-purchasing.critical-few-off-spot)."),
            sources=(SPOT_DOC,),
            pillars=("reliability",),
            when=lambda c, t: c.ge("compute.critical_instances", 1) and not c.eq("compute.pattern",
                                                                                 "interruptible"),
            reason=("critical_instances is {compute.critical_instances}: critical instances cannot run on Spot "
                    "capacity that AWS may reclaim at two minutes' notice"),
            choices=("spot",),
        ),
        Eliminate(
            id="ec2-purchasing.standard-fixed-family",
            title="Standard Reserved Instances cannot change instance family",
            rationale=("A Standard Reserved Instance can change AZ, scope or size within its family, but cannot be "
                       "exchanged for another family or type; a Convertible one can be exchanged during the term."),
            sources=(RESERVED, RI_TYPES_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: c.true("compute.may_change_instance_type"),
            reason=("may_change_instance_type is true: a Standard Reserved Instance cannot be exchanged for another "
                    "instance family; a Convertible one can"),
            choices=("reserved-standard",),
        ),
        Select(
            id="ec2-purchasing.interruptible-spot",
            title="Interruptible work: Spot Instances",
            rationale=("Spot Instances use spare EC2 capacity at up to 90% off On-Demand; they suit batch jobs with "
                       "flexible start and end times that can resume after an interruption."),
            sources=(PRICING, SPOT_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: c.eq("compute.pattern", "interruptible"),
            reason=("pattern is interruptible: Spot Instances use spare EC2 capacity at a deep discount, and the "
                    "work can resume after an interruption"),
            choice="spot",
        ),
        Select(
            id="ec2-purchasing.recurring-schedule",
            title="A committed recurring schedule: Scheduled Reserved Instances",
            rationale=("Scheduled Reserved Instances reserved capacity for a recurring window (daily, weekly, "
                       "monthly) for a one-year term, matching capacity to a schedule such as school hours."),
            sources=(RESERVED, SCHEDULED_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: c.eq("compute.pattern", "scheduled") and c.one_of("compute.commitment", "1y", "3y"),
            reason=("pattern is scheduled and commitment is {compute.commitment}: the capacity is needed on a "
                    "recurring schedule for the term, which is what Scheduled Reserved Instances reserve"),
            choice="scheduled-reserved",
        ),
        Select(
            id="ec2-purchasing.convertible-commitment",
            title="Committed use, instance type may change: Convertible Reserved Instances",
            rationale=("Convertible Reserved Instances discount less than Standard ones (about 54% vs up to 75% in "
                       "the notes) but can be exchanged for other instance families during the term."),
            sources=(RESERVED, RI_TYPES_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: _term_or_steady(c) and c.true("compute.may_change_instance_type"),
            reason=("commitment is {compute.commitment}, pattern is {compute.pattern} and may_change_instance_type "
                    "is true: Convertible Reserved Instances keep a term discount and can be exchanged for another "
                    "instance family"),
            choice="reserved-convertible",
        ),
        Select(
            id="ec2-purchasing.baseline-commitment",
            title="A term committed to, load that swings: Standard Reserved Instances for the baseline",
            rationale=("A commitment buys the deepest discount only on the capacity that runs all the time; under a "
                       "spiky load that is the baseline, while the peaks are served On-Demand or on Spot."),
            sources=(RESERVED, PRICING, RI_TYPES_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: c.one_of("compute.commitment", "1y", "3y") and c.one_of(
                "compute.pattern", "spiky", "event-driven"),
            reason=("commitment is {compute.commitment} but pattern is {compute.pattern}: Standard Reserved "
                    "Instances discount the baseline that runs all the time, and only that"),
            choice="reserved-standard",
        ),
        Select(
            id="ec2-purchasing.steady-commitment",
            title="Steady use over a term: Standard Reserved Instances",
            rationale=("For steady, predictable use over one or three years, Standard Reserved Instances give the "
                       "deepest discount on the hourly rate (up to 75% in the notes)."),
            sources=(RESERVED, PRICING, RI_TYPES_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: _term_or_steady(c),
            reason=("commitment is {compute.commitment} and pattern is {compute.pattern}: steady use over the term "
                    "gets the deepest discount from Standard Reserved Instances"),
            choice="reserved-standard",
        ),
        Select(
            id="ec2-purchasing.critical-on-demand",
            title="Critical instances with no term: On-Demand",
            rationale=("Spot capacity can be reclaimed with two minutes' notice, so instances that must keep "
                       "running are not put on it; with no term to commit to, On-Demand is what remains."),
            sources=(PRICING, PURCHASING_DOC),
            pillars=("reliability", "cost-optimization"),
            when=lambda c, t: c.ge("compute.critical_instances", 1),
            reason=("critical_instances is {compute.critical_instances} and commitment is {compute.commitment}: "
                    "instances that must keep running are not put on Spot, and with no term to commit to "
                    "On-Demand bills by the second"),
            choice="on-demand",
        ),
        Select(
            id="ec2-purchasing.on-demand",
            title="No term and no tolerance for interruption: On-Demand",
            rationale=("On-Demand Instances bill by the second with no commitment: right for spiky, short-lived or "
                       "unpredictable use that cannot be interrupted."),
            sources=(PRICING, PURCHASING_DOC),
            pillars=("cost-optimization", "reliability"),
            reason=("pattern is {compute.pattern} and commitment is {compute.commitment}: with no steady term to "
                    "commit to and work that must not be interrupted, On-Demand bills by the second"),
            choice="on-demand",
        ),
        Warn(
            id="ec2-purchasing.scheduled-reserved-retired",
            title="Scheduled Reserved Instances are no longer sold",
            rationale=("AWS no longer sells Scheduled Reserved Instances. The same need is met by a Savings Plan for "
                       "the recurring baseline, or On-Demand Capacity Reservations (which can be future-dated) for "
                       "the window, paid at On-Demand rates."),
            sources=(SCHEDULED_DOC, CAPACITY_RESERVATIONS_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: c.eq("compute.pattern", "scheduled"),
            reason=("AWS no longer sells Scheduled Reserved Instances: for this schedule use a Compute Savings Plan "
                    "for the recurring baseline, or On-Demand Capacity Reservations for the window"),
            choices=("scheduled-reserved",),
        ),
        Warn(
            id="ec2-purchasing.scheduled-reserved-one-year",
            title="Scheduled Reserved Instances had a one-year term only",
            rationale="Scheduled Reserved Instances were sold for a one-year term; a 3-year schedule renews yearly.",
            sources=(SCHEDULED_DOC,),
            pillars=("cost-optimization",),
            when=lambda c, t: c.eq("compute.commitment", "3y"),
            reason="commitment is 3y, but Scheduled Reserved Instances had a one-year term only",
            choices=("scheduled-reserved",),
        ),
        Warn(
            id="ec2-purchasing.critical-few-off-spot",
            title="The critical few stay off Spot",
            rationale=("An interruptible fleet runs on Spot, but the instances singled out as critical must not "
                       "be reclaimed: they run On-Demand (or reserved), beside the Spot capacity."),
            sources=(SPOT_DOC, PRICING),
            pillars=("reliability", "cost-optimization"),
            when=lambda c, t: c.ge("compute.critical_instances", 1),
            reason=("critical_instances is {compute.critical_instances}: run those instances On-Demand, in their "
                    "spread placement group, and only the interruptible work on Spot"),
            choices=("spot",),
        ),
        Warn(
            id="ec2-purchasing.reserve-only-the-baseline",
            title="Spiky load: reserve only the baseline",
            rationale=("Reservations pay off only for hours actually used; with spiky load, reserve the steady "
                       "baseline and let the Auto Scaling group add On-Demand or Spot capacity for peaks."),
            sources=(PRICING, RESERVED),
            pillars=("cost-optimization",),
            when=lambda c, t: c.eq("compute.pattern", "spiky"),
            reason=("pattern is spiky: reserve only the steady baseline; serve the peaks with On-Demand (or Spot) "
                    "capacity in the Auto Scaling group"),
            choices=("reserved-standard", "reserved-convertible"),
        ),
        Warn(
            id="ec2-purchasing.commitment-beside-spot",
            title="A commitment alongside interruptible work",
            rationale=("A term commitment and an interruptible load pull in different directions: Spot covers the "
                       "interruptible work; anything that must always run belongs on a reservation."),
            sources=(PRICING, SPOT_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: c.one_of("compute.commitment", "1y", "3y"),
            reason=("commitment is {compute.commitment} but pattern is interruptible: Spot covers the interruptible "
                    "work; reserve (or cover with a Savings Plan) only the part that must always run"),
            choices=("spot",),
        ),
        Warn(
            id="ec2-purchasing.spot-tightly-coupled",
            title="Tightly coupled jobs on Spot lose the whole step",
            rationale=("In an MPI job every node waits for every other; one reclaimed Spot instance stalls the run, "
                       "so Spot needs frequent checkpoints."),
            sources=(SPOT_DOC, EFA_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.true("compute.hpc"),
            reason=("hpc is true: one reclaimed Spot instance stalls a tightly coupled job; checkpoint often or run "
                    "the core of the cluster On-Demand"),
            choices=("spot",),
        ),
    ),
)


# -------------------------------------------------------------------------------------- placement-group
def _placement_raised(c: Context) -> bool:
    return _on_ec2(c) and (
        c.true("compute.hpc") or c.ge("compute.critical_instances", 1)
        or (c.true("analytics.big_data_frameworks") and c.eq("compute.style", "vms")))


PLACEMENT_GROUP = Concern(
    id="placement-group",
    title="EC2 placement group",
    question="How should the EC2 instances be placed on the underlying hardware?",
    subject_kind="none",
    choices=("cluster", "spread", "partition"),
    raised=when(_placement_raised),
    depends_on=("compute",),
    rules=(
        Select(
            id="placement-group.hpc-cluster",
            title="Tightly coupled HPC: cluster placement group",
            rationale=("A cluster placement group packs instances close together inside one AZ for the lowest "
                       "latency and highest throughput between them (up to 10 Gbps per flow instead of 5)."),
            sources=(PLACEMENT, PLACEMENT_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.true("compute.hpc"),
            reason=("hpc is true: a cluster placement group packs the instances in one AZ for the lowest latency "
                    "and up to 10 Gbps per flow between them"),
            choice="cluster",
        ),
        Select(
            id="placement-group.critical-spread",
            title="A few critical instances: spread placement group",
            rationale=("A spread placement group puts each instance on a distinct rack with its own network and "
                       "power, so one hardware failure takes down at most one of them."),
            sources=(PLACEMENT, PLACEMENT_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.ge("compute.critical_instances", 1),
            reason=("critical_instances is {compute.critical_instances}: a spread placement group puts each one on "
                    "a distinct rack with separate network and power"),
            choice="spread",
        ),
        Select(
            id="placement-group.distributed-partition",
            title="Large distributed, replicated systems: partition placement group",
            rationale=("A partition placement group gives each partition (a group of instances) its own racks, so "
                       "HDFS, HBase, Cassandra or Kafka can keep replicas in different partitions and survive a rack "
                       "failure while nodes stay close."),
            sources=(PLACEMENT, PLACEMENT_DOC),
            pillars=("reliability", "performance-efficiency"),
            reason=("big_data_frameworks is {analytics.big_data_frameworks} on self-managed instances (style "
                    "{compute.style}): a partition placement group keeps each partition of nodes on its own racks, "
                    "so a rack failure hits one replica set only"),
            choice="partition",
        ),
        Warn(
            id="placement-group.spread-seven-per-az",
            title="A spread group holds at most 7 running instances per AZ",
            rationale=("A spread placement group can have at most seven running instances per Availability Zone; "
                       "more instances need several AZs or several groups."),
            sources=(PLACEMENT_DOC,),
            pillars=("reliability",),
            thresholds={"per_az": 7},
            when=lambda c, t: c.gt("compute.critical_instances", t.per_az),
            reason=("critical_instances is {compute.critical_instances}, but a spread placement group holds at most "
                    "{t.per_az} running instances per AZ: spread them over several AZs or groups"),
            choices=("spread",),
        ),
        Warn(
            id="placement-group.cluster-single-az",
            title="A cluster placement group lives in one AZ",
            rationale=("Packing instances in one AZ trades away AZ resilience: losing that AZ stops the whole "
                       "cluster, so a multi-AZ requirement needs a way to relaunch it elsewhere."),
            sources=(PLACEMENT, PLACEMENT_DOC),
            pillars=("reliability",),
            when=lambda c, t: ((c.given("availability.scope") or c.given("availability.rto"))
                               and c.one_of("availability.scope", "multi-az", "multi-region")),
            reason=("availability.scope is {availability.scope}, but a cluster placement group sits in a single AZ: "
                    "losing it stops the cluster, so keep data off the instances (S3, FSx) and be ready to relaunch "
                    "in another AZ"),
            choices=("cluster",),
        ),
        Warn(
            id="placement-group.cluster-shares-hardware",
            title="Critical instances inside a cluster group may share hardware",
            rationale=("A cluster group packs instances close, possibly on the same racks: the opposite of what "
                       "critical instances need."),
            sources=(PLACEMENT,),
            pillars=("reliability",),
            when=lambda c, t: c.ge("compute.critical_instances", 1),
            reason=("critical_instances is {compute.critical_instances}, but hpc packs instances together where they "
                    "can share racks: put the critical instances in their own spread placement group"),
            choices=("cluster",),
        ),
    ),
)


# -------------------------------------------------------------------------------------- hpc-networking
def _networking_raised(c: Context) -> bool:
    return _on_ec2(c) and (c.true("compute.hpc") or c.true("entry.extreme_performance"))


HPC_NETWORKING = Concern(
    id="hpc-networking",
    title="Instance networking for high performance",
    question="Which network interface do the instances need for their performance?",
    subject_kind="none",
    choices=("efa", "enhanced-networking"),
    raised=when(_networking_raised),
    depends_on=("compute",),
    rules=(
        Select(
            id="hpc-networking.efa-for-hpc",
            title="Tightly coupled HPC or distributed ML: Elastic Fabric Adapter",
            rationale=("An EFA is an ENA with OS-bypass: MPI and NCCL talk to the network device directly, with "
                       "lower and more consistent latency and higher throughput than TCP between instances."),
            sources=(EFA_NOTES, EFA_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.true("compute.hpc"),
            reason=("hpc is true: an Elastic Fabric Adapter lets MPI/NCCL bypass the OS for low, consistent "
                    "latency between the instances"),
            choice="efa",
        ),
        Select(
            id="hpc-networking.enhanced-networking",
            title="High packet rates without OS-bypass: enhanced networking (ENA)",
            rationale=("Enhanced networking uses SR-IOV (the ENA driver) for higher bandwidth, more packets per "
                       "second and lower latency, at no extra charge on supported instance types; OS-bypass is only "
                       "useful to MPI/NCCL applications."),
            sources=(ENHANCED, ENHANCED_DOC),
            pillars=("performance-efficiency",),
            reason=("extreme_performance is {entry.extreme_performance} and hpc is {compute.hpc}: enhanced "
                    "networking (SR-IOV, ENA) gives the instances high packet rates and bandwidth without OS-bypass"),
            choice="enhanced-networking",
        ),
        Warn(
            id="hpc-networking.efa-windows",
            title="EFA's OS-bypass does not work on Windows",
            rationale=("On Windows instances an EFA works only as an ENA, without OS-bypass, so the HPC gain is "
                       "lost; the cluster nodes should run Linux."),
            sources=(EFA_NOTES, EFA_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: any_store(c, lambda s: s.eq("this.os", "windows")),
            reason=("a file store is used by Windows clients, but EFA OS-bypass works on Linux only: on Windows the "
                    "EFA acts as a plain ENA"),
            choices=("efa",),
        ),
    ),
)

CONCERNS = [COMPUTE, EC2_PURCHASING, PLACEMENT_GROUP, HPC_NETWORKING]
