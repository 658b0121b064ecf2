"""Pricers for compute, networking, the front door, security, management and hybrid links."""
from __future__ import annotations

from ..workload.tiers import on_fargate
from .context import Costing, ceil
from .pricing import GB, HOURS, SECONDS, Item, Line, line, pricer, standby_share, strategy, traffic_share

PURCHASE_KEYS = {
    ("reserved-standard", "1y"): "purchase-reserved-standard-1y",
    ("reserved-standard", "3y"): "purchase-reserved-standard-3y",
    ("reserved-convertible", "1y"): "purchase-reserved-convertible-1y",
    ("reserved-convertible", "3y"): "purchase-reserved-convertible-3y",
    ("spot", "1y"): "purchase-spot", ("spot", "3y"): "purchase-spot",
    ("compute-savings-plans", "1y"): "purchase-compute-savings-plans-1y",
    ("compute-savings-plans", "3y"): "purchase-compute-savings-plans-3y",
    ("ec2-instance-savings-plans", "1y"): "purchase-ec2-instance-savings-plans-1y",
    ("ec2-instance-savings-plans", "3y"): "purchase-ec2-instance-savings-plans-3y",
}


# --- compute ---------------------------------------------------------------------------------------------

def purchasing(ctx: Costing, item: Item) -> tuple[float, str]:
    """The factor the purchasing option applies to on-demand EC2 prices, and its name."""
    tier = item.subject if item.concern == "compute" else None
    option = item.options.get("purchasing") or ctx.tier_choice("ec2-purchasing", tier) or "on-demand"
    term = ctx.compute_field(tier, "commitment")
    term = term if term in ("1y", "3y") else "1y"
    key = PURCHASE_KEYS.get((option, term))
    if key is None:
        return 1.0, "on demand"
    return ctx.quote(key).rate, f"{option} ({term})" if option != "spot" else "spot"


def serverless_plan(ctx: Costing, item: Item, service: str) -> tuple[float, str]:
    """The factor a Compute Savings Plan applies to Fargate or Lambda prices (the only plan that covers
    them), and the words for the note; (1.0, "") without one."""
    tier = item.subject if item.concern == "compute" else None
    option = item.options.get("purchasing") or ctx.tier_choice("ec2-purchasing", tier)
    if option != "compute-savings-plans":
        return 1.0, ""
    term = ctx.compute_field(tier, "commitment")
    term = term if term in ("1y", "3y") else "1y"
    return ctx.quote(f"purchase-compute-savings-plans-{service}-{term}").rate, f", Compute Savings Plan ({term})"


def fleet(ctx: Costing, item: Item) -> tuple[int, str, str]:
    """Instances the application needs in the primary region: count, price key and description."""
    tier = item.subject if item.concern == "compute" else None
    if ctx.compute_field(tier, "hpc"):
        return int(ctx.assumed("hpc_nodes")), "ec2-c5n-18xlarge-hour", "c5n.18xlarge"
    per_instance = ctx.assumed("requests_per_instance")
    count = max(ctx.azs, ceil(ctx.average_requests() / per_instance))
    if ctx.compute_field(tier, "gpu"):
        return count, "ec2-g4dn-xlarge-hour", "g4dn.xlarge"
    return count, "ec2-m6i-large-hour", "m6i.large"


@pricer("ec2-auto-scaling", "ecs-on-ec2", "elastic-beanstalk", "eks", "ec2", "auto-scaling-group")
def ec2_fleet(ctx: Costing, item: Item) -> list[Line]:
    lines = []
    consumers = item.concern is None and not item.secondary and not item.options
    if item.service == "eks" and not consumers:
        lines.append(line(ctx, "EKS cluster", HOURS, "eks-cluster-hour"))
        if on_fargate(ctx.values, item.subject if item.concern == "compute" else None):  # pods priced as Fargate tasks
            return lines + fargate(ctx, item)
    if item.service == "ec2" or consumers:  # instances drawn one by one, such as a channel's consumers
        count, key, name = item.count, "ec2-m6i-large-hour", "m6i.large"
    else:
        count, key, name = fleet(ctx, item)
    share = standby_share(ctx, item)
    running = ceil(count * share) if share else 0
    factor, option = purchasing(ctx, item)
    note = f"{running} x {name} for {HOURS} h, {option}"
    if item.secondary:
        note += f"; {share:.0%} of the primary fleet stands by ({strategy(ctx) or 'second region'})"
    lines.append(line(ctx, f"{name} instances", running * HOURS, key, factor=factor, note=note))
    return lines


@pricer("fargate")
def fargate(ctx: Costing, item: Item) -> list[Line]:
    if item.concern is None and not item.secondary:  # consumer tasks drawn beside a channel
        tasks, note = item.count, f"{item.count} consumer task(s) of 1 vCPU and 2 GB"
    else:
        tasks = max(ctx.azs, ceil(ctx.average_requests() / ctx.assumed("requests_per_task")))
        share = standby_share(ctx, item)
        tasks = ceil(tasks * share) if share else 0
        note = f"{tasks} task(s) of 1 vCPU and 2 GB running {HOURS} h"
    factor, plan = serverless_plan(ctx, item, "fargate")
    return [line(ctx, "Fargate vCPU", tasks * HOURS, "fargate-vcpu-hour", factor=factor, note=note + plan),
            line(ctx, "Fargate memory", tasks * 2 * HOURS, "fargate-gb-hour", factor=factor,
                 note="2 GB a task" + plan)]


@pricer("lambda")
def lambda_functions(ctx: Costing, item: Item) -> list[Line]:
    requests = ctx.monthly_requests() * (traffic_share(ctx, item) if ctx.region_count > 1 else 1.0)
    seconds = ctx.assumed("lambda_duration") / 1000
    factor, plan = serverless_plan(ctx, item, "lambda")  # a plan discounts the duration, not the requests
    return [line(ctx, "Lambda requests", requests / 1e6, "lambda-requests"),
            line(ctx, "Lambda compute", requests * seconds * 0.5, "lambda-gb-second", factor=factor,
                 note=f"{seconds:g} s at 512 MB a request" + plan)]


@pricer("ecr")
def ecr(ctx: Costing, item: Item) -> list[Line]:
    return [line(ctx, "ECR image storage", ctx.assumed("image_storage"), "ecr-gb-month")]


# --- networking --------------------------------------------------------------------------------------------

def internet_out(ctx: Costing, gigabytes: float, text: str = "Data transfer out to the internet") -> Line:
    return line(ctx, text, gigabytes, "data-transfer-out-internet")


@pricer("nat-gateway")
def nat_gateway(ctx: Costing, item: Item) -> list[Line]:
    gateways = item.count if item.concern else ctx.azs
    if item.options:  # an alternative: one gateway per AZ
        gateways = ctx.azs
    gigabytes = ctx.egress_gb()
    return [line(ctx, "NAT gateway hours", gateways * HOURS, "nat-gateway-hour",
                 note=f"{gateways} gateway(s), one per AZ"),
            line(ctx, "NAT gateway data processed", gigabytes, "nat-gateway-gb"),
            internet_out(ctx, gigabytes)]


@pricer("nat-instance")
def nat_instance(ctx: Costing, item: Item) -> list[Line]:
    bandwidth = ctx.given("network", "egress_bandwidth")
    fast = bandwidth is not None and bandwidth.bits_per_second > 5e9
    key, name = ("ec2-c6gn-large-hour", "c6gn.large") if fast else ("ec2-t4g-small-hour", "t4g.small")
    return [line(ctx, f"NAT instance ({name})", HOURS, key, note="one instance for the VPC, no per-GB charge"),
            internet_out(ctx, ctx.egress_gb())]


@pricer("egress-only-internet-gateway-option")
def egress_only(ctx: Costing, item: Item) -> list[Line]:
    return [internet_out(ctx, ctx.egress_gb())]


@pricer("vpc-interface-endpoint")
def interface_endpoint(ctx: Costing, item: Item) -> list[Line]:
    return [line(ctx, f"Interface endpoint{' to ' + item.subject if item.subject else ''}", ctx.azs * HOURS,
                 "vpc-interface-endpoint-hour", note=f"one network interface in each of {ctx.azs} AZ(s)"),
            line(ctx, "Endpoint data processed", ctx.assumed("endpoint_traffic"), "vpc-interface-endpoint-gb")]


@pricer("vpc-gateway-endpoint-option")
def gateway_endpoint(ctx: Costing, item: Item) -> list[Line]:
    return [line(ctx, "Gateway endpoint", 0, "vpc-interface-endpoint-hour", note="gateway endpoints have no charge")]


@pricer("privatelink")
def privatelink(ctx: Costing, item: Item) -> list[Line]:
    consumers = ctx.given("network", "shared_with_vpcs") or 1
    return [line(ctx, "Network Load Balancer behind the endpoint service", HOURS, "nlb-hour"),
            line(ctx, "Consumers' interface endpoints", consumers * ctx.azs * HOURS, "vpc-interface-endpoint-hour",
                 note=f"{consumers} consumer VPC(s) x {ctx.azs} AZ(s); paid by the consumers")]


@pricer("transit-gateway")
def transit_gateway(ctx: Costing, item: Item) -> list[Line]:
    vpcs = ctx.given("network", "interconnect_vpcs") or ctx.given("network", "shared_with_vpcs") or 2
    return [line(ctx, "Transit gateway attachments", vpcs * HOURS, "transit-gateway-attachment-hour",
                 note=f"{vpcs} VPC attachment(s)"),
            line(ctx, "Transit gateway data processed", vpcs * ctx.assumed("endpoint_traffic"), "transit-gateway-gb")]


def lcu_hours(ctx: Costing, item: Item, connections_per_unit: float) -> tuple[float, str]:
    """Capacity units a load balancer uses in a month: the larger of new connections and data processed."""
    requests = ctx.average_requests() * traffic_share(ctx, item)
    connections = requests / ctx.assumed("requests_per_connection") / connections_per_unit
    gigabytes_per_hour = requests * ctx.response_kb() * 1e3 * 3600 / GB
    units = max(connections, gigabytes_per_hour)
    return units * HOURS, f"{units:.2f} units an hour: {connections:.2f} by new connections, " \
                          f"{gigabytes_per_hour:.2f} by GB processed"


def responses_out(ctx: Costing, item: Item) -> list[Line]:
    """Responses go to the internet from the load balancer unless a CDN or accelerator is in front."""
    if ctx.choice("edge") in ("cloudfront", "global-accelerator") or ctx.choice("api") == "api-gateway":
        return []
    gigabytes = ctx.response_gb() * traffic_share(ctx, item)
    return [internet_out(ctx, gigabytes, "Responses to the internet")] if gigabytes else []


@pricer("alb")
def alb(ctx: Costing, item: Item) -> list[Line]:
    hours, note = lcu_hours(ctx, item, 25)
    return [line(ctx, "Application Load Balancer hours", HOURS, "alb-hour"),
            line(ctx, "Load balancer capacity units", hours, "alb-lcu-hour", note=note), *responses_out(ctx, item)]


@pricer("nlb")
def nlb(ctx: Costing, item: Item) -> list[Line]:
    hours, note = lcu_hours(ctx, item, 800)
    return [line(ctx, "Network Load Balancer hours", HOURS, "nlb-hour"),
            line(ctx, "Network load balancer capacity units", hours, "nlb-nlcu-hour", note=note),
            *responses_out(ctx, item)]


# --- the front door -----------------------------------------------------------------------------------------

@pricer("cloudfront")
def cloudfront(ctx: Costing, item: Item) -> list[Line]:
    return [line(ctx, "CloudFront data transfer out", ctx.response_gb(), "cloudfront-out"),
            line(ctx, "CloudFront HTTPS requests", ctx.monthly_requests() / 1e4, "cloudfront-https-requests")]


@pricer("global-accelerator")
def global_accelerator(ctx: Costing, item: Item) -> list[Line]:
    gigabytes = ctx.response_gb()
    return [line(ctx, "Global Accelerator fixed fee", HOURS, "global-accelerator-hour"),
            line(ctx, "Global Accelerator data transfer premium", gigabytes, "global-accelerator-premium-gb"),
            internet_out(ctx, gigabytes, "Responses to the internet")]


@pricer("api-gateway")
def api_gateway(ctx: Costing, item: Item) -> list[Line]:
    requests = ctx.monthly_requests() * (traffic_share(ctx, item) if ctx.region_count > 1 else 1.0)
    lines = [line(ctx, "API Gateway REST requests", requests / 1e6, "api-gateway-rest-requests")]
    if ctx.choice("edge") != "cloudfront" and requests:
        lines.append(internet_out(ctx, ctx.response_gb() * requests / ctx.monthly_requests(),
                                  "Responses to the internet"))
    return lines


@pricer("appsync")
def appsync(ctx: Costing, item: Item) -> list[Line]:
    return [line(ctx, "AppSync queries and mutations", ctx.monthly_requests() / 1e6, "appsync-requests")]


@pricer("waf")
def waf(ctx: Costing, item: Item) -> list[Line]:
    rules = ctx.assumed("waf_rules")
    return [line(ctx, "WAF web ACL", 1, "waf-web-acl-month"),
            line(ctx, "WAF rules", rules, "waf-rule-month"),
            line(ctx, "WAF requests inspected", ctx.monthly_requests() / 1e6, "waf-requests")]


@pricer("waf-and-shield-advanced")
def shield_advanced(ctx: Costing, item: Item) -> list[Line]:
    return [line(ctx, "Shield Advanced subscription", 1, "shield-advanced-month",
                 note="includes AWS WAF fees for the resources it protects")]


@pricer("route53")
def route53(ctx: Costing, item: Item) -> list[Line]:
    routing = ctx.choice("dns-routing") or "simple"
    key = {"latency": "route53-latency-queries", "geolocation": "route53-geo-queries",
           "geoproximity": "route53-geo-queries"}.get(routing, "route53-standard-queries")
    queries = ctx.monthly_requests() * ctx.assumed("dns_share")
    lines = [line(ctx, "Route 53 hosted zone", 1, "route53-hosted-zone-month"),
             line(ctx, f"Route 53 queries ({routing} routing)", queries / 1e6, key)]
    if routing in ("failover", "latency", "geolocation", "weighted", "multivalue") or ctx.region_count > 1:
        lines.append(line(ctx, "Route 53 health checks", ctx.region_count, "route53-health-check-month",
                          note="one per regional endpoint"))
    return lines


# --- security and management ------------------------------------------------------------------------------

@pricer("kms")
def kms(ctx: Costing, item: Item) -> list[Line]:
    keys = max(1, len(ctx.values.get("data") or []))
    return [line(ctx, "KMS customer managed keys", keys, "kms-key-month", note="one key per data store"),
            line(ctx, "KMS requests", ctx.assumed("kms_requests") / 1e4, "kms-requests")]


@pricer("secrets-manager")
def secrets_manager(ctx: Costing, item: Item) -> list[Line]:
    relational = sum(1 for d in ctx.values.get("data") or [] if d.get("kind") == "relational")
    secrets = relational + ctx.assumed("secrets")
    return [line(ctx, "Secrets", secrets, "secrets-manager-secret-month"),
            line(ctx, "Secrets Manager API calls", 10, "secrets-manager-api-calls", note="100,000 calls a month")]


@pricer("cloudtrail")
def cloudtrail(ctx: Costing, item: Item) -> list[Line]:
    return [line(ctx, "CloudTrail data events", 0, "cloudtrail-data-events",
                 note="one trail of management events, free; no data events assumed")]


@pricer("aws-config")
def aws_config(ctx: Costing, item: Item) -> list[Line]:
    recorded = len(ctx.doc.get("components", [])) * ctx.assumed("config_items")
    return [line(ctx, "Config items recorded", recorded, "config-items"),
            line(ctx, "Config rule evaluations", recorded * ctx.assumed("config_rules"), "config-rule-evaluations")]


@pricer("macie")
def macie(ctx: Costing, item: Item) -> list[Line]:
    buckets = max(1, len(ctx.object_stores()))
    return [line(ctx, "Macie bucket monitoring", buckets, "macie-bucket-month"),
            line(ctx, "Macie data inspected", ctx.object_gb() * ctx.assumed("macie_share"), "macie-inspected-gb")]


@pricer("cognito-user-pools", "cognito-user-and-identity-pools")
def cognito(ctx: Costing, item: Item) -> list[Line]:
    return [line(ctx, "Cognito monthly active users", ctx.assumed("monthly_active_users"), "cognito-mau")]


@pricer("cloudwatch")
def cloudwatch(ctx: Costing, item: Item) -> list[Line]:
    return [line(ctx, "CloudWatch Logs ingestion", ctx.assumed("log_volume"), "cloudwatch-logs-ingest-gb")]


# --- hybrid links ----------------------------------------------------------------------------------------------

def site_gb(ctx: Costing) -> float:
    return ctx.hybrid_bits() * ctx.assumed("hybrid_utilisation") / 8 * SECONDS / GB


@pricer("site-to-site-vpn")
def vpn(ctx: Costing, item: Item) -> list[Line]:
    return [line(ctx, "Site-to-Site VPN connection", HOURS, "vpn-connection-hour", note="one connection, two tunnels"),
            internet_out(ctx, site_gb(ctx), "Data transfer out to the site over the internet")]


def port(ctx: Costing) -> tuple[str, str]:
    return ("direct-connect-10g-port-hour", "10 Gbps") if ctx.hybrid_bits() > 1e9 \
        else ("direct-connect-1g-port-hour", "1 Gbps")


@pricer("direct-connect", "direct-connect-with-vpn")
def direct_connect(ctx: Costing, item: Item) -> list[Line]:
    key, speed = port(ctx)
    lines = [line(ctx, f"Direct Connect {speed} port", HOURS, key),
             line(ctx, "Data transfer out over Direct Connect", site_gb(ctx), "direct-connect-out-gb")]
    if item.service == "direct-connect-with-vpn":
        lines.append(line(ctx, "Site-to-Site VPN over the connection", HOURS, "vpn-connection-hour",
                          note="encrypts the traffic on the private link"))
    return lines
