"""WAF web ACLs with their associations, Shield Advanced protections, and Route 53 records with the decided
routing policy and health checks."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .core import Json, att, ref, sub
from .frontdoor import second_region_condition

if TYPE_CHECKING:
    from .generator import Generator, Unit

MANAGED_RULES = [("AWSManagedRulesCommonRuleSet", None), ("AWSManagedRulesKnownBadInputsRuleSet", None),
                 ("AWSManagedRulesSQLiRuleSet", "sql-injection"), ("AWSManagedRulesAmazonIpReputationList", "bad-ips")]


def _visibility(name: str) -> Json:
    return {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": name}


def _rules(gen: "Generator") -> list[Json]:
    threats = gen.get("entry", "threats", default=[]) or []
    rules = []
    for name, threat in MANAGED_RULES:
        if threat and threat not in threats and threats:
            continue
        rules.append({"Name": name, "Priority": len(rules), "OverrideAction": {"None": {}},
                      "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": name}},
                      "VisibilityConfig": _visibility(name)})
    rules.append({"Name": "RateLimitPerIp", "Priority": len(rules), "Action": {"Block": {}},
                  "Statement": {"RateBasedStatement": {"Limit": 2000, "AggregateKeyType": "IP"}},
                  "VisibilityConfig": _visibility("RateLimitPerIp")})
    return rules


def waf(gen: "Generator", unit: "Unit") -> None:
    targets = gen.linked(unit)
    edge = gen.arch.enclosing(unit.lead.id, "region") is None
    shield = unit.choice == "waf-and-shield-advanced"
    protected = [gen.refs[t.name] for t in targets if gen.refs.get(t.name, {}).get("arn")]
    if shield:
        for target, entry in zip([t for t in targets if gen.refs.get(t.name, {}).get("arn")], protected):
            unit.template.add(unit.logical(f"Shield{target.template.logical(target.name, '')}"),
                              "AWS::Shield::Protection", {"Name": sub(f"${{AWS::StackName}}-{target.lead.id}"),
                                                          "ResourceArn": entry["arn"]},
                              unit.origin("Shield Advanced: DDoS response team, cost protection"))
        gen.add_manual("Subscribe the account to AWS Shield Advanced (a one-year commitment) before deploying: "
                       "the protections need the subscription.", unit)
    http_targets = [(t, gen.refs[t.name]) for t in targets if gen.refs.get(t.name, {}).get("distribution")
                    or gen.refs.get(t.name, {}).get("stage_arn") or t.lead.service in ("alb", "appsync")]
    if not http_targets:
        if not shield:
            gen.add_manual("WAF sees only HTTP(S): attach its rules where HTTP is terminated (the design's front "
                           "is TCP/UDP).", unit)
        return
    if edge and unit.template.region != "us-east-1":
        # CloudFront's web ACLs live in us-east-1: the ACL goes into that region's template, its ARN comes back
        # as a parameter.
        edge_template = gen.edge()
        name = edge_template.logical(unit.name, "WebAcl")
        edge_template.add(name, "AWS::WAFv2::WebACL", {
            "Scope": "CLOUDFRONT", "DefaultAction": {"Allow": {}}, "VisibilityConfig": _visibility(name),
            "Rules": _rules(gen)}, unit.origin("AWS managed rules for the threats named, and a rate limit per IP"))
        edge_template.output("WebAclArn", att(name, "Arn"), "Web ACL for CloudFront (pass it as CloudFrontWebAclArn)")
        gen.add_manual(f"Deploy template-us-east-1.yaml in us-east-1 first and pass its WebAclArn output as "
                       f"CloudFrontWebAclArn to the {unit.template.region} stack.", unit)
        arn = unit.template.parameter("CloudFrontWebAclArn", "String", "ARN of the us-east-1 web ACL for "
                                      "CloudFront (output WebAclArn of template-us-east-1.yaml; empty: none yet)",
                                      "")
        unit.template.conditions["HasCloudFrontWebAcl"] = {"Fn::Not": [{"Fn::Equals": [ref("CloudFrontWebAclArn"),
                                                                                          ""]}]}
        for target, entry in http_targets:
            if entry.get("distribution"):
                config = unit.template.resources[entry["distribution"]]["Properties"]["DistributionConfig"]
                config["WebACLId"] = {"Fn::If": ["HasCloudFrontWebAcl", arn, ref("AWS::NoValue")]}
        return
    name = unit.logical("WebAcl")
    unit.template.add(name, "AWS::WAFv2::WebACL", {
        "Scope": "CLOUDFRONT" if edge else "REGIONAL", "DefaultAction": {"Allow": {}},
        "VisibilityConfig": _visibility(name), "Rules": _rules(gen)},
        unit.origin("AWS managed rules for the threats named, and a rate limit per IP"))
    for target, entry in http_targets:
        if entry.get("distribution"):
            config = unit.template.resources[entry["distribution"]]["Properties"]["DistributionConfig"]
            config["WebACLId"] = att(name, "Arn")
            continue
        resource = entry.get("stage_arn") or entry.get("arn")
        unit.template.add(unit.logical(f"To{target.template.logical(target.name, '')}"),
                          "AWS::WAFv2::WebACLAssociation", {"WebACLArn": att(name, "Arn"), "ResourceArn": resource},
                          unit.origin())


def route53(gen: "Generator", unit: "Unit") -> None:
    template = unit.template
    policy = unit.choice or ("latency" if gen.choice("dr-strategy") == "multi-site-active-active" else "failover")
    local = [t for t in gen.linked(unit) if t.template is template and gen.refs.get(t.name, {}).get("dns")]
    remote = [t for t in gen.linked(unit) if t.template is not template]
    if not local:
        gen.add_manual("Point the domain's record at the application's endpoint: the design gives Route 53 no "
                       "endpoint with a DNS name.", unit)
        return
    zone = template.parameter("HostedZoneId", "AWS::Route53::HostedZone::Id", "Hosted zone of the domain")
    domain = template.parameter("DomainName", "String", "Name users resolve, in that hosted zone (www.example.com)")
    entry = gen.refs[local[0].name]
    base: Json = {"HostedZoneId": zone, "Name": domain, "Type": "A"}
    alias = {"DNSName": entry["dns"], "HostedZoneId": entry.get("zone", CLOUDFRONT_FALLBACK),
             "EvaluateTargetHealth": policy in ("failover", "latency", "weighted", "geoproximity")}
    if policy == "multivalue":
        addresses = entry.get("ips") or template.parameter(
            "EndpointAddresses", "CommaDelimitedList", "IPv4 addresses answered by the multivalue record")
        template.add(unit.logical("Record"), "AWS::Route53::RecordSet", {
            **base, "SetIdentifier": "primary", "MultiValueAnswer": True, "TTL": "60",
            "ResourceRecords": addresses, "HealthCheckId": ref(_health_check(gen, unit, domain))},
            unit.origin("multivalue: up to eight healthy addresses per answer"))
        return
    record: Json = {**base, "AliasTarget": alias}
    secondary: Json | None = None
    second_alias = None
    if remote and gen.secondary is not None and policy in ("failover", "weighted", "latency", "geoproximity"):
        second_region_condition(gen, template)  # only policies that answer with the second region declare it
        second_alias = {"DNSName": template.parameter(
            "SecondaryEndpointDns", "String", "DNS name of the second region's entry (output of its stack)", ""),
            "HostedZoneId": template.parameter("SecondaryEndpointZoneId", "String",
                                               "Hosted zone id of that DNS name (the load balancer's)", ""),
            "EvaluateTargetHealth": True}
        secondary = {**base, "AliasTarget": second_alias}
    if policy == "failover":
        record.update({"SetIdentifier": "primary", "Failover": "PRIMARY"})
        mechanism = gen.choice("regional-failover")
        if mechanism == "application-recovery-controller":
            record["HealthCheckId"] = _routing_control_check(gen, template, "primary")
        elif mechanism == "manual-dns-change":  # no health check: the primary answers until an operator acts
            gen.add_manual("To fail over, an operator changes the primary failover record (or attaches a failing "
                           "health check to it) once the recovery region is ready.", unit)
        else:
            record["HealthCheckId"] = ref(_health_check(gen, unit, entry["dns"]))
        if secondary:
            secondary.update({"SetIdentifier": "secondary", "Failover": "SECONDARY"})
            if mechanism == "application-recovery-controller":
                secondary["HealthCheckId"] = _routing_control_check(gen, template, "secondary")
    elif policy == "weighted":
        record.update({"SetIdentifier": "primary", "Weight": 100})
        if secondary:
            secondary.update({"SetIdentifier": "secondary", "Weight": 0})
    elif policy == "latency":
        record.update({"SetIdentifier": "primary", "Region": ref("AWS::Region")})
        if secondary:
            secondary.update({"SetIdentifier": "secondary", "Region": gen.second_region_name})
    elif policy == "geolocation":
        record.update({"SetIdentifier": "default", "GeoLocation": {"CountryCode": "*"}})
        secondary = None
    elif policy == "geoproximity":
        record.update({"SetIdentifier": "primary", "GeoProximityLocation": {"AWSRegion": ref("AWS::Region"),
                                                                            "Bias": 0}})
        if secondary:
            secondary.update({"SetIdentifier": "secondary",
                              "GeoProximityLocation": {"AWSRegion": gen.second_region_name, "Bias": 0}})
    else:
        secondary = None
    template.add(unit.logical("Record"), "AWS::Route53::RecordSet", record,
                 unit.origin(f"{policy} routing to {local[0].lead.id}"))
    if entry.get("distribution"):
        _custom_domain(gen, unit, entry, zone, domain)
    if secondary:
        template.add(unit.logical("SecondaryRecord"), "AWS::Route53::RecordSet", secondary,
                     unit.origin(f"{policy} routing: the second region"), condition="SecondRegionReady")


CLOUDFRONT_FALLBACK = "Z2FDTNDATAQYW2"


def _custom_domain(gen: "Generator", unit: "Unit", entry: dict, zone: Json, domain: Json) -> None:
    """CloudFront answers for the domain with a us-east-1 certificate; its load balancer origin gets a name."""
    template = unit.template
    config = template.resources[entry["distribution"]]["Properties"]["DistributionConfig"]
    config["Aliases"] = [domain]
    config["ViewerCertificate"] = {
        "AcmCertificateArn": template.parameter("CloudFrontCertificateArn", "String",
                                                "ACM certificate in us-east-1 for DomainName (CloudFront's)"),
        "SslSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021"}
    balancer = entry.get("origin_balancer")
    if balancer:
        template.add(unit.logical("OriginRecord"), "AWS::Route53::RecordSet", {
            "HostedZoneId": zone, "Name": ref("OriginDomainName"), "Type": "A",
            "AliasTarget": {"DNSName": balancer["dns"], "HostedZoneId": balancer["zone"],
                            "EvaluateTargetHealth": False}},
            unit.origin("the name CloudFront calls the load balancer by (in the load balancer's certificate)"))


def _routing_control_check(gen: "Generator", template: Any, cell: str) -> Json:
    """The RECOVERY_CONTROL health check of a cell's ARC routing control: a reference in the same template,
    else a parameter filled from the output of the template that holds the routing controls (the secondary
    record already waits for SecondRegionReady; the primary one waits for it only for its health check)."""
    owner, logical = gen.refs["routing-controls"][cell]
    if owner is template:
        return ref(logical)
    condition = second_region_condition(gen, template)  # filled in once the other stack exists
    value = template.parameter(f"{cell.capitalize()}RoutingControlHealthCheckId", "String",
                               f"Health check of the {cell} ARC routing control (output {logical}Id of the "
                               f"{owner.region} stack)", "")
    return value if cell == "secondary" else {"Fn::If": [condition, value, ref("AWS::NoValue")]}


def _health_check(gen: "Generator", unit: "Unit", target: Any) -> str:
    name = unit.logical("HealthCheck")
    if name not in unit.template.resources:
        unit.template.add(name, "AWS::Route53::HealthCheck", {"HealthCheckConfig": {
            "Type": "HTTPS", "FullyQualifiedDomainName": target, "Port": 443, "ResourcePath": "/",
            "RequestInterval": 30, "FailureThreshold": 3}}, unit.origin("probes the primary endpoint"))
    return name


HANDLERS: dict[str, tuple[int, Any]] = {
    "waf": (8, waf), "waf-and-shield-advanced": (8, waf), "route53": (9, route53),
}
