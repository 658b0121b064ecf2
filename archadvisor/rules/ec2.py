"""EC2 capacity: how it is bought, placed on hardware and networked.

Raised only when the compute decided runs on EC2 instances the customer pays for and places (an
Auto Scaling group, ECS or EKS on EC2, Elastic Beanstalk): see rules.compute.on_ec2.

Sources: notes "EC2 Instance Pricing", "Standard Reserved vs. Convertible Reserved vs. Scheduled
Reserved", "EC2 Placement Groups", "Enhanced Networking ENI" and "Elastic Fiber Adaptor (EFA)", and
the AWS documentation linked from each rule.
"""
from __future__ import annotations

from ..engine.context import Context
from ..engine.model import Concern, Eliminate, Select, Warn
from . import savings_plans
from .common import per_tier
from .compute import (
    CAPACITY_RESERVATIONS_DOC, EFA_DOC, EFA_NOTES, ENHANCED, ENHANCED_DOC, PLACEMENT, PLACEMENT_DOC, PRICING,
    PURCHASING_DOC, RESERVED, RI_TYPES_DOC, SCHEDULED_DOC, SPOT_DOC, on_ec2,
)
from .storage import any_store

SAVINGS_PLANS_DOC = "https://docs.aws.amazon.com/savingsplans/latest/userguide/what-is-savings-plans.html"


# --------------------------------------------------------------------------------------- ec2-purchasing
def _purchasing_raised(c: Context) -> bool:
    return (on_ec2(c) and (c.given("compute.pattern") or c.given("compute.commitment")
                           or c.given("compute.baseline"))) or savings_plans.raised_for_serverless(c)


def _term_or_steady(c: Context) -> bool:
    """A 1- or 3-year commitment, or a steady load with no commitment stated."""
    return (c.one_of("compute.commitment", "1y", "3y")
            or (c.eq("compute.pattern", "steady") and not c.given("compute.commitment")))


EC2_PURCHASING = Concern(
    id="ec2-purchasing",
    title="EC2 purchasing option",
    question="How should the EC2 capacity be bought?",
    subject_kind="tier",
    choices=("on-demand", "reserved-standard", "reserved-convertible", "scheduled-reserved", "spot",
             *savings_plans.PLANS),
    raised=per_tier(_purchasing_raised),
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
        *savings_plans.ELIMINATIONS,
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
            replaced_by="on-demand",
            replacement=("run the {compute.pattern} fleet On-Demand, hold the window's capacity with On-Demand "
                         "Capacity Reservations (they can start at a future date and are billed at On-Demand rates), "
                         "and take the {compute.commitment} discount with a Compute Savings Plan for the recurring "
                         "baseline"),
        ),
        *savings_plans.SELECTIONS,
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
            id="ec2-purchasing.capacity-without-a-term",
            title="Guaranteed capacity with no term: On-Demand Capacity Reservations",
            rationale=("On-Demand instances reserve nothing: in a busy Availability Zone a launch can fail for lack "
                       "of capacity. On-Demand Capacity Reservations hold capacity of one instance type in one AZ "
                       "for as long as they exist, with no term, billed at the On-Demand rate whether instances "
                       "run in them or not (a Savings Plan or a regional Reserved Instance lowers that rate)."),
            sources=(PURCHASING_DOC, CAPACITY_RESERVATIONS_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.true("compute.capacity_reservation"),
            reason=("capacity_reservation is true but commitment is {compute.commitment}: On-Demand reserves no "
                    "capacity; create On-Demand Capacity Reservations for the instances in each AZ for the period "
                    "(no term; billed whether used or not)"),
            choices=("on-demand",),
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
            id="ec2-purchasing.savings-plan-alternative",
            title="A Compute Savings Plan is the current alternative to Convertible Reserved Instances",
            rationale=("The notes and the exam answer 'committed, but the instance type may change' with Convertible "
                       "Reserved Instances. AWS now recommends Savings Plans: a Compute Savings Plan commits to a "
                       "spend per hour for 1 or 3 years, discounts up to 66% like a Convertible RI, and applies "
                       "across instance families, sizes, regions and operating systems, and to Fargate and Lambda, "
                       "with no exchanges to manage."),
            sources=(SAVINGS_PLANS_DOC, RI_TYPES_DOC),
            pillars=("cost-optimization", "operational-excellence"),
            when=lambda c, t: c.true("compute.may_change_instance_type"),
            reason=("may_change_instance_type is true and commitment is {compute.commitment}: a Compute Savings Plan "
                    "gives a similar discount and follows any change of family, region or compute service without "
                    "exchanges"),
            choices=("reserved-convertible",),
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
        *savings_plans.WARNINGS,
    ),
)


# -------------------------------------------------------------------------------------- placement-group
def _placement_raised(c: Context) -> bool:
    return on_ec2(c) and (
        c.true("compute.hpc") or c.ge("compute.critical_instances", 1)
        or (c.true("analytics.big_data_frameworks") and c.eq("compute.style", "vms")))


PLACEMENT_GROUP = Concern(
    id="placement-group",
    title="EC2 placement group",
    question="How should the EC2 instances be placed on the underlying hardware?",
    subject_kind="tier",
    choices=("cluster", "spread", "partition"),
    raised=per_tier(_placement_raised),
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
    return on_ec2(c) and (c.true("compute.hpc") or c.true("entry.extreme_performance"))


HPC_NETWORKING = Concern(
    id="hpc-networking",
    title="Instance networking for high performance",
    question="Which network interface do the instances need for their performance?",
    subject_kind="tier",
    choices=("efa", "enhanced-networking"),
    raised=per_tier(_networking_raised),
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


CONCERNS = [EC2_PURCHASING, PLACEMENT_GROUP, HPC_NETWORKING]
