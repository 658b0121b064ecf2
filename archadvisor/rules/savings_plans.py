"""Savings Plans in the purchasing concern: a steady baseline under bursts, and commitments that must follow
the workload to other instance families, regions or compute services.

The ec2-purchasing concern (rules.ec2) takes these rows: eliminations join its eliminations, selections go
ahead of its reserved-instance rows (they hold only when the fields read here are given), and the warnings
join its warnings. Compute Savings Plans also cover Fargate and Lambda, so the concern is raised for them too
when a baseline or a move between compute services is stated (``raised_for_serverless``).
"""
from __future__ import annotations

from ..engine.context import Context
from ..engine.model import Eliminate, Select, Warn

SAVINGS_PLANS = "https://docs.aws.amazon.com/savingsplans/latest/userguide/what-is-savings-plans.html"
PLAN_TYPES = "https://docs.aws.amazon.com/savingsplans/latest/userguide/plan-types.html"
RI_SCOPE = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/reserved-instances-scope.html"
CAPACITY_RESERVATIONS = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-capacity-reservations.html"
FARGATE_SPOT = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html"
SPOT = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-spot-instances.html"

RESERVATIONS = ("reserved-standard", "reserved-convertible", "scheduled-reserved")
PLANS = ("compute-savings-plans", "ec2-instance-savings-plans")
SERVERLESS = ("fargate", "lambda")


def raised_for_serverless(c: Context) -> bool:
    """Fargate or Lambda with a term or a baseline committed to, or a commitment that must follow the workload
    between compute services: what a Compute Savings Plan covers."""
    return c.decided("compute", *SERVERLESS) and (
        c.given("compute.baseline") or c.true("compute.may_change_service")
        or c.one_of("compute.commitment", "1y", "3y"))


def committed(c: Context) -> bool:
    """A 1- or 3-year term, or a baseline that runs all the time with no commitment stated."""
    return c.one_of("compute.commitment", "1y", "3y") or (
        c.given("compute.baseline") and not c.given("compute.commitment"))


def _moves(c: Context) -> bool:
    return c.true("compute.may_change_region") or c.true("compute.may_change_service")


ELIMINATIONS = (
    Eliminate(
        id="ec2-purchasing.plans-need-commitment",
        title="No commitment rules out Savings Plans",
        rationale=("A Savings Plan commits to a spend per hour for one or three years, billed whether it is used "
                   "or not."),
        sources=(SAVINGS_PLANS,),
        pillars=("cost-optimization",),
        when=lambda c, t: c.eq("compute.commitment", "none"),
        reason="commitment is none: a Savings Plan bills its hourly commitment for the whole term",
        choices=PLANS,
    ),
    Eliminate(
        id="ec2-purchasing.instance-plan-one-family",
        title="An EC2 Instance Savings Plan stays with one family in one region",
        rationale=("An EC2 Instance Savings Plan applies to one instance family in one region (any size, OS, "
                   "tenancy or AZ within it) and to EC2 only; a Compute Savings Plan follows changes of family, "
                   "region and compute service (EC2, Fargate, Lambda)."),
        sources=(PLAN_TYPES,),
        pillars=("cost-optimization",),
        when=lambda c, t: c.true("compute.may_change_instance_type") or _moves(c),
        reason=("may_change_instance_type is {compute.may_change_instance_type}, may_change_region "
                "{compute.may_change_region}, may_change_service {compute.may_change_service}: an EC2 Instance "
                "Savings Plan is tied to one instance family in one region, on EC2 only"),
        choices=("ec2-instance-savings-plans",),
    ),
    Eliminate(
        id="ec2-purchasing.reservations-stay-on-ec2-in-region",
        title="Reserved Instances cover EC2 in one region",
        rationale=("A Reserved Instance discounts EC2 instances in the region (or AZ) it was bought for; even a "
                   "Convertible one is exchanged only within its region, and none covers Fargate or Lambda."),
        sources=(RI_SCOPE, SAVINGS_PLANS),
        pillars=("cost-optimization",),
        when=lambda c, t: _moves(c),
        reason=("may_change_region is {compute.may_change_region}, may_change_service "
                "{compute.may_change_service}: a Reserved Instance stays on EC2 in its region"),
        choices=RESERVATIONS,
    ),
    Eliminate(
        id="ec2-purchasing.plans-reserve-no-capacity",
        title="Savings Plans discount; they reserve no capacity",
        rationale=("A Savings Plan lowers the price of usage but holds no capacity. A zonal Reserved Instance "
                   "reserves capacity in its AZ; On-Demand Capacity Reservations do too, at On-Demand rates that "
                   "a Savings Plan can then discount."),
        sources=(SAVINGS_PLANS, RI_SCOPE, CAPACITY_RESERVATIONS),
        pillars=("reliability",),
        when=lambda c, t: c.true("compute.capacity_reservation"),
        reason=("capacity_reservation is true: a Savings Plan reserves no capacity; a zonal Reserved Instance "
                "does"),
        choices=PLANS,
    ),
    Eliminate(
        id="ec2-purchasing.serverless-has-no-instances",
        title="Fargate and Lambda have no instances to reserve",
        rationale=("Reserved Instances and EC2 Instance Savings Plans discount EC2 instances only; Fargate and "
                   "Lambda are covered by a Compute Savings Plan. Lambda has no Spot capacity (Fargate has "
                   "Fargate Spot)."),
        sources=(PLAN_TYPES, FARGATE_SPOT),
        pillars=("cost-optimization",),
        when=lambda c, t: c.decided("compute", *SERVERLESS),
        reason="the compute is {decision.compute}: no EC2 instances for a reservation or an EC2 Instance Savings Plan",
        choices=RESERVATIONS + ("ec2-instance-savings-plans",),
    ),
)

SELECTIONS = (
    Select(
        id="ec2-purchasing.scheduled-serverless-pays-per-use",
        title="A scheduled job on Fargate or Lambda: pay per use, no Savings Plan",
        rationale=("A Savings Plan commits to a spend per hour for every hour of its 1- or 3-year term, and "
                   "Fargate and Lambda bill only while the job runs: a job that runs a few hours a day has nothing "
                   "running the other hours, so most of the committed spend would pay for idle time (a Compute "
                   "Savings Plan takes up to 66% off EC2 and less off Fargate and Lambda: a job idle two thirds of "
                   "the day wastes more than that). The notes' tool for a recurring window, Scheduled Reserved "
                   "Instances, covers EC2 only. Commit only to usage that runs around the clock."),
        sources=(SAVINGS_PLANS, PLAN_TYPES, "notes: Standard Reserved vs. Convertible Reserved vs. Scheduled Reserved"),
        pillars=("cost-optimization",),
        when=lambda c, t: c.eq("compute.pattern", "scheduled") and c.decided("compute", *SERVERLESS)
        and not c.given("compute.baseline"),
        reason=("pattern is scheduled on {decision.compute} (commitment {compute.commitment}): it bills only while "
                "the job runs, and a Savings Plan's hourly commitment would pay for the hours it does not"),
        choice="on-demand",
    ),
    Select(
        id="ec2-purchasing.zonal-reservation",
        title="A committed baseline whose capacity must be guaranteed: zonal Standard Reserved Instances",
        rationale=("Of the commitments, only a Reserved Instance scoped to an Availability Zone reserves capacity "
                   "there, at the discount of its term."),
        sources=(RI_SCOPE, CAPACITY_RESERVATIONS),
        pillars=("reliability", "cost-optimization"),
        when=lambda c, t: c.true("compute.capacity_reservation") and committed(c),
        reason=("capacity_reservation is true with commitment {compute.commitment}: zonal Standard Reserved "
                "Instances reserve the baseline's capacity in its AZs at the term's discount"),
        choice="reserved-standard",
    ),
    Select(
        id="ec2-purchasing.flexible-savings-plan",
        title="A commitment that must follow the workload: a Compute Savings Plan",
        rationale=("A Compute Savings Plan (up to 66% off) applies to EC2 in any family, size, region and OS, "
                   "and to Fargate and Lambda, so the discount follows the workload wherever it moves."),
        sources=(SAVINGS_PLANS, PLAN_TYPES),
        pillars=("cost-optimization",),
        when=lambda c, t: committed(c) and (_moves(c) or c.decided("compute", *SERVERLESS)
                                            or (c.given("compute.baseline")
                                                and c.true("compute.may_change_instance_type"))),
        reason=("commitment is {compute.commitment}, may_change_region {compute.may_change_region}, "
                "may_change_service {compute.may_change_service}, may_change_instance_type "
                "{compute.may_change_instance_type}: a Compute Savings Plan discounts EC2, Fargate and Lambda "
                "in any region and family"),
        choice="compute-savings-plans",
    ),
    Select(
        id="ec2-purchasing.baseline-instance-plan",
        title="A steady baseline under bursts, on one family: an EC2 Instance Savings Plan for the baseline",
        rationale=("An EC2 Instance Savings Plan gives the deepest Savings Plan discount (up to 72%, like a "
                   "Standard Reserved Instance) on one instance family in one region, and applies by itself "
                   "to any size, OS or AZ of it; commit only to the baseline that runs all the time and serve "
                   "the bursts On-Demand or on Spot."),
        sources=(PLAN_TYPES, SAVINGS_PLANS),
        pillars=("cost-optimization",),
        when=lambda c, t: c.given("compute.baseline") and committed(c),
        reason=("baseline is {compute.baseline} of the peak, commitment {compute.commitment}: an EC2 Instance "
                "Savings Plan covers the baseline; the bursts above it run On-Demand or on Spot"),
        choice="ec2-instance-savings-plans",
    ),
)

WARNINGS = (
    Warn(
        id="ec2-purchasing.commit-to-the-baseline-only",
        title="Commit to the baseline; the bursts run On-Demand or on Spot",
        rationale=("A commitment pays off only for the hours it is used: size it to the capacity that runs all "
                   "the time and let scaling add On-Demand (or, for interruptible work, Spot) capacity for the "
                   "bursts."),
        sources=(SAVINGS_PLANS, SPOT),
        pillars=("cost-optimization",),
        when=lambda c, t: c.given("compute.baseline"),
        reason=("baseline is {compute.baseline}: commit to that share of the peak only; the bursts above it run "
                "On-Demand, or on Spot where the work can be interrupted"),
        choices=PLANS + ("reserved-standard", "reserved-convertible"),
    ),
    Warn(
        id="ec2-purchasing.bursts-on-spot",
        title="Interruptible bursts run on Spot beside the committed baseline",
        rationale=("An Auto Scaling group with a mixed instances policy keeps a base of On-Demand instances (which "
                   "the commitment discounts) and launches the capacity above it on Spot, across several instance "
                   "types; on Fargate the same split is a capacity provider strategy with Fargate Spot."),
        sources=(SPOT, FARGATE_SPOT),
        pillars=("cost-optimization",),
        when=lambda c, t: c.eq("compute.bursts", "spot"),
        reason=("bursts is spot: keep the baseline ({compute.baseline}) On-Demand under the commitment and launch "
                "the capacity above it on Spot (a mixed instances policy, or Fargate Spot)"),
        choices=PLANS + ("reserved-standard", "reserved-convertible"),
    ),
)
