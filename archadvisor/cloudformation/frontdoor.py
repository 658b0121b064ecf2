"""The front door: load balancers with listeners and target groups, API Gateway, AppSync, Cognito,
CloudFront with origin access control, Global Accelerator, WAF web ACLs with their associations and Shield."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .compute import APP_PORT, app_protocol
from .core import Json, Origin, att, ref, sub

if TYPE_CHECKING:
    from .generator import Generator, Unit

IP_TARGETS = {"fargate", "ecs-on-ec2", "eks"}
INSTANCE_TARGETS = {"ec2-auto-scaling", "ec2", "auto-scaling-group"}
PUBLIC = {"users", "internet", "mobile-client", "iot-device", "cloudfront", "waf", "waf-and-shield-advanced",
          "global-accelerator", "route53", "nacl", "api-gateway", "network-firewall", "gwlb-endpoint"}
INSPECTION_HOPS = {"network-firewall", "gwlb-endpoint"}  # a route's next hop: origins and endpoints lie past it
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"   # AWS managed cache policies
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"  # managed origin request policy
CLOUDFRONT_ZONE = "Z2FDTNDATAQYW2"
ACCELERATOR_ZONE = "Z2BJ6XQ5FK7U4H"


def _public(gen: "Generator", unit: "Unit") -> bool:
    return any(u.lead.service in PUBLIC or not gen.is_primary(unit.template) and u.template is not unit.template
               for u in gen.linked(unit, outgoing=False))


def _target_group(gen: "Generator", unit: "Unit", target: "Unit", network: bool) -> str:
    service = target.lead.service
    name = unit.template.logical(f"{unit.name}-to-{target.name}", "TargetGroup")
    protocol = app_protocol(gen).upper() if network else "HTTPS"
    props: Json = {"VpcId": gen.network(unit.template).vpc_ref()}
    if service == "lambda":
        props = {"TargetType": "lambda"}
    else:
        props.update({"Protocol": protocol, "Port": APP_PORT,
                      "TargetType": "ip" if service in IP_TARGETS else "instance"})
        if not network:
            props.update({"HealthCheckProtocol": "HTTPS", "HealthCheckPath": "/", "Matcher": {"HttpCode": "200-399"}})
        elif protocol == "UDP":
            props.update({"HealthCheckProtocol": "TCP", "HealthCheckPort": "traffic-port"})
    unit.template.add(name, "AWS::ElasticLoadBalancingV2::TargetGroup", props, unit.origin(f"targets: {target.name}"))
    entry = gen.refs.setdefault(target.name, {})
    entry.setdefault("target_groups", []).append(name)
    return name


def balancer(gen: "Generator", unit: "Unit", *, internal: bool | None = None, targets: list["Unit"] | None = None,
             network: bool | None = None) -> str:
    """A load balancer, a listener and a target group per compute unit its links lead to."""
    net = gen.network(unit.template)
    network = unit.lead.service == "nlb" if network is None else network
    public = _public(gen, unit) if internal is None else not internal
    protocol = app_protocol(gen).upper() if network else "HTTPS"
    gen.listen(unit, app_protocol(gen) if network else "tcp", APP_PORT)
    group = gen.security_group(unit, "Load balancer")
    name = unit.logical("LoadBalancer")
    props: Json = {"Type": "network" if network else "application",
                   "Scheme": "internet-facing" if public else "internal",
                   "Subnets": net.two_zone_subnets("public" if public else "app", list(range(net.zone_count))),
                   "SecurityGroups": [ref(group)]}
    if not network:
        props["LoadBalancerAttributes"] = [{"Key": "routing.http.drop_invalid_header_fields.enabled",
                                            "Value": "true"}]
    unit.template.add(name, "AWS::ElasticLoadBalancingV2::LoadBalancer", props,
                      unit.origin("spans at least two AZs" + ("" if public else "; internal")))
    chosen = targets if targets is not None else [u for u in gen.linked(unit) if u.lead.service in
                                                  IP_TARGETS | INSTANCE_TARGETS | {"lambda"}
                                                  and u.template is unit.template]
    groups = [_target_group(gen, unit, t, network) for t in chosen if not (network and t.lead.service == "lambda")]
    listener: Json = {"LoadBalancerArn": ref(name), "Port": APP_PORT, "Protocol": protocol}
    if protocol == "HTTPS" or protocol == "TLS":
        listener["Certificates"] = [{"CertificateArn": unit.template.parameter(
            "CertificateArn", "String", "ACM certificate for the load balancer's HTTPS listener (this region)")}]
        listener["SslPolicy"] = "ELBSecurityPolicy-TLS13-1-2-2021-06"
    if groups:
        listener["DefaultActions"] = [{"Type": "forward", "ForwardConfig": {"TargetGroups": [
            {"TargetGroupArn": ref(g), "Weight": 1} for g in groups]}}]
    else:
        listener["DefaultActions"] = [{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "503"}}] \
            if not network else []
        if network:
            return name
    unit.template.add(f"{name}Listener", "AWS::ElasticLoadBalancingV2::Listener", listener, unit.origin())
    for target in chosen:
        gen.refs[target.name].setdefault("listeners", []).append(f"{name}Listener")
    gen.refs.setdefault(unit.name, {}).update({"balancer": name, "dns": att(name, "DNSName"),
                                                "zone": att(name, "CanonicalHostedZoneID"), "arn": ref(name)})
    unit.template.output(f"{name}Dns", att(name, "DNSName"), "load balancer DNS name")
    return name


def load_balancer(gen: "Generator", unit: "Unit") -> None:
    balancer(gen, unit)


def privatelink_balancer(gen: "Generator", unit: "Unit") -> str:
    for target in gen.linked(unit):
        if gen.refs.get(target.name, {}).get("balancer") and target.lead.service == "nlb":
            return gen.refs[target.name]["balancer"]
    apps = [u for u in gen.linked(unit) if u.lead.service in IP_TARGETS | INSTANCE_TARGETS]
    from .generator import Unit as UnitClass
    holder = UnitClass(unit.name + "-nlb", unit.members, unit.template, unit.decision)
    return balancer(gen, holder, internal=True, targets=apps, network=True)


def lambda_targets(gen: "Generator", unit: "Unit") -> None:
    """Lambda behind an ALB: register the function once it exists (called by the generator)."""
    function = gen.refs.get(unit.name, {}).get("function")
    for group in gen.refs.get(unit.name, {}).get("target_groups", []):
        permission = f"{group}Permission"
        unit.template.add(permission, "AWS::Lambda::Permission", {
            "Action": "lambda:InvokeFunction", "FunctionName": att(function, "Arn"),
            "Principal": "elasticloadbalancing.amazonaws.com"}, unit.origin())
        unit.template.resources[group]["Properties"]["Targets"] = [{"Id": att(function, "Arn")}]
        unit.template.resources[group]["DependsOn"] = [permission]


# -- APIs and identity ------------------------------------------------------------------------------------
def rest_api(gen: "Generator", unit: "Unit") -> None:
    api = unit.logical("Api")
    unit.template.add(api, "AWS::ApiGateway::RestApi", {
        "Name": sub(f"${{AWS::StackName}}-{unit.lead.id}"), "EndpointConfiguration": {"Types": ["REGIONAL"]}},
        unit.origin("REST API: WAF can protect its stage"))
    targets = gen.linked(unit)
    function = next((gen.refs[t.name]["function"] for t in targets if gen.refs.get(t.name, {}).get("function")), None)
    backend = next((gen.refs[t.name]["dns"] for t in targets if gen.refs.get(t.name, {}).get("dns")), None)
    if function:
        integration: Json = {"Type": "AWS_PROXY", "IntegrationHttpMethod": "POST", "Uri": sub(
            f"arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/"
            f"${{{function}.Arn}}/invocations")}
        unit.template.add(f"{api}Permission", "AWS::Lambda::Permission", {
            "Action": "lambda:InvokeFunction", "FunctionName": ref(function), "Principal": "apigateway.amazonaws.com",
            "SourceArn": sub(f"arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{{api}}}/*")},
            unit.origin())
    elif backend:
        integration = {"Type": "HTTP_PROXY", "IntegrationHttpMethod": "ANY",
                       "Uri": {"Fn::Sub": ["https://${Backend}/{proxy}", {"Backend": backend}]},
                       "RequestParameters": {"integration.request.path.proxy": "method.request.path.proxy"}}
    else:
        integration = {"Type": "MOCK", "RequestTemplates": {"application/json": '{"statusCode": 200}'},
                       "IntegrationResponses": [{"StatusCode": "200"}]}
        gen.add_manual("Point the API's integration at the application (a VPC link to its load balancer or "
                       "Cloud Map service): the design has no balancer in front of the containers.", unit)
    resource = f"{api}Proxy"
    unit.template.add(resource, "AWS::ApiGateway::Resource", {
        "RestApiId": ref(api), "ParentId": att(api, "RootResourceId"), "PathPart": "{proxy+}"}, unit.origin())
    method = {"RestApiId": ref(api), "ResourceId": ref(resource), "HttpMethod": "ANY",
              "AuthorizationType": "NONE", "Integration": integration}
    pool = next((gen.refs[u.name]["user_pool"] for u in gen.units if gen.refs.get(u.name, {}).get("user_pool")
                 and u.template is unit.template), None)
    if pool:  # signed-in users: the API checks their Cognito token before the backend sees the request
        unit.template.add(f"{api}Authorizer", "AWS::ApiGateway::Authorizer", {
            "RestApiId": ref(api), "Name": "cognito", "Type": "COGNITO_USER_POOLS",
            "ProviderARNs": [att(pool, "Arn")], "IdentitySource": "method.request.header.Authorization"},
            unit.origin("tokens of the Cognito user pool"))
        method.update({"AuthorizationType": "COGNITO_USER_POOLS", "AuthorizerId": ref(f"{api}Authorizer")})
    if integration["Type"] == "HTTP_PROXY":
        method["RequestParameters"] = {"method.request.path.proxy": True}
    elif integration["Type"] == "MOCK":
        method["MethodResponses"] = [{"StatusCode": "200"}]
    unit.template.add(f"{api}ProxyAny", "AWS::ApiGateway::Method", method, unit.origin(
        "Cognito tokens checked" if pool else "authorisation is the application's"))
    unit.template.add(f"{api}Deployment", "AWS::ApiGateway::Deployment", {"RestApiId": ref(api)}, unit.origin(),
                      depends=[f"{api}ProxyAny"])
    unit.template.add(f"{api}Stage", "AWS::ApiGateway::Stage", {
        "RestApiId": ref(api), "DeploymentId": ref(f"{api}Deployment"), "StageName": "prod",
        "TracingEnabled": True}, unit.origin())
    gen.refs[unit.name] = {"api": api, "stage_arn": sub(
        f"arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}::/restapis/${{{api}}}/stages/${{{api}Stage}}"),
        "dns": sub(f"${{{api}}}.execute-api.${{AWS::Region}}.amazonaws.com"), "path": "/prod"}
    unit.template.output(f"{api}Url", sub(f"https://${{{api}}}.execute-api.${{AWS::Region}}.amazonaws.com/prod"),
                         "API endpoint")


def appsync(gen: "Generator", unit: "Unit") -> None:
    api = unit.logical("Api")
    pool = next((gen.refs[u.name]["user_pool"] for u in gen.units if gen.refs.get(u.name, {}).get("user_pool")), None)
    props: Json = {"Name": sub("${AWS::StackName}-graphql"), "AuthenticationType": "AWS_IAM",
                   "XrayEnabled": True}
    if pool:
        props.update({"AuthenticationType": "AMAZON_COGNITO_USER_POOLS", "UserPoolConfig": {
            "UserPoolId": ref(pool), "AwsRegion": ref("AWS::Region"), "DefaultAction": "ALLOW"}})
    unit.template.add(api, "AWS::AppSync::GraphQLApi", props, unit.origin())
    unit.template.add(f"{api}Schema", "AWS::AppSync::GraphQLSchema", {
        "ApiId": att(api, "ApiId"), "Definition": "schema {\n  query: Query\n}\n\ntype Query {\n  health: String\n}\n"},
        unit.origin("placeholder schema: replace with the application's"))
    gen.refs[unit.name] = {"arn": ref(api)}
    unit.template.output(f"{api}Url", att(api, "GraphQLUrl"), "GraphQL endpoint")


def cognito(gen: "Generator", unit: "Unit") -> None:
    choice = unit.choice or unit.lead.service
    if choice == "iam-identity-center":
        gen.add_manual("Enable IAM Identity Center in the organisation's management account, connect the "
                       "corporate identity provider and assign the workforce to the application.", unit)
        return
    pool = None
    if choice in ("cognito-user-pools", "cognito-user-and-identity-pools"):
        pool = unit.logical("UserPool")
        unit.template.add(pool, "AWS::Cognito::UserPool", {
            "UsernameAttributes": ["email"], "AutoVerifiedAttributes": ["email"],
            "MfaConfiguration": "OPTIONAL", "EnabledMfas": ["SOFTWARE_TOKEN_MFA"],
            "Policies": {"PasswordPolicy": {"MinimumLength": 12, "RequireLowercase": True, "RequireNumbers": True,
                                            "RequireSymbols": True, "RequireUppercase": True}},
            "UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"},
            "DeletionProtection": "ACTIVE"}, unit.origin("user directory with sign-up and MFA"), keep="Retain")
        unit.template.add(f"{pool}Client", "AWS::Cognito::UserPoolClient", {
            "UserPoolId": ref(pool), "GenerateSecret": False, "PreventUserExistenceErrors": "ENABLED",
            "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}, unit.origin())
        gen.refs[unit.name] = {"user_pool": pool}
        federated = _federated_sign_in(gen)
        if federated:
            gen.add_manual(f"Add the user pool's identity providers ({', '.join(federated)}) and list them in the "
                           "app client's SupportedIdentityProviders: each needs its owner's client id and secret "
                           "or SAML metadata, which the design cannot know.", unit)
        unit.template.output(f"{pool}Id", ref(pool), "Cognito user pool")
    if choice in ("cognito-identity-pools", "cognito-user-and-identity-pools"):
        identities = unit.logical("IdentityPool")
        props: Json = {"AllowUnauthenticatedIdentities": False}
        if pool:
            props["CognitoIdentityProviders"] = [{"ClientId": ref(f"{pool}Client"),
                                                  "ProviderName": att(pool, "ProviderName")}]
        unit.template.add(identities, "AWS::Cognito::IdentityPool", props,
                          unit.origin("temporary AWS credentials for signed-in users"))
        authenticated = unit.logical("AuthenticatedRole")
        unit.template.add(authenticated, "AWS::IAM::Role", {"AssumeRolePolicyDocument": {
            "Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {
                    "StringEquals": {"cognito-identity.amazonaws.com:aud": ref(identities)},
                    "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}]}},
            unit.origin("grant it only what the clients call"))
        unit.template.add(f"{identities}Roles", "AWS::Cognito::IdentityPoolRoleAttachment", {
            "IdentityPoolId": ref(identities), "Roles": {"authenticated": att(authenticated, "Arn")}}, unit.origin())


def _federated_sign_in(gen: "Generator") -> list[str]:
    """The federated sign-in methods of users.sign_in and users.sign_in_methods, in the contract's words."""
    methods = list(gen.get("users", "sign_in_methods", default=None) or [])
    single = gen.get("users", "sign_in")
    names = {"social": "social providers such as Google, Apple, Facebook or Login with Amazon",
             "corporate-sso": "the corporate SAML 2.0 identity provider"}
    return [names[m] for m in ("social", "corporate-sso") if m == single or m in methods]


# -- edge -------------------------------------------------------------------------------------------------
def cloudfront(gen: "Generator", unit: "Unit") -> None:
    template = unit.template
    origin_balancer = None
    origins, behaviours = [], []
    default_origin = None
    switch = None
    oac = None
    bucket_policies = []
    origin_group = gen.choice("regional-failover") == "cloudfront-origin-failover"
    for target in past_inspection(gen, unit):
        entry = gen.refs.get(target.name, {})
        origin_id = target.template.logical(target.name, "Origin")
        if target.template is not template:
            if not gen.is_primary(template) or origin_group:
                continue  # an origin group names the recovery region's origin itself (see _origin_group)
            switch = template.parameter(
                "SecondaryOriginDomain", "String", "Name in the second region's load balancer certificate that "
                "resolves to that load balancer; used while ActiveOrigin is secondary", "")
            continue
        if entry.get("bucket"):
            if oac is None:
                oac = unit.logical("OriginAccessControl")
                template.add(oac, "AWS::CloudFront::OriginAccessControl", {"OriginAccessControlConfig": {
                    "Name": sub("${AWS::StackName}-oac"), "OriginAccessControlOriginType": "s3",
                    "SigningBehavior": "always", "SigningProtocol": "sigv4"}}, unit.origin("origin access control"))
            origins.append({"Id": origin_id, "DomainName": att(entry["bucket"], "RegionalDomainName"),
                            "S3OriginConfig": {"OriginAccessIdentity": ""}, "OriginAccessControlId": att(oac, "Id")})
            bucket_policies.append(entry)
            behaviours.append(origin_id)
        elif entry.get("dns"):
            domain = entry["dns"]
            if entry.get("balancer"):  # CloudFront checks the origin's certificate against the name it calls
                domain = template.parameter("OriginDomainName", "String", "Name in the load balancer's "
                                            "certificate that resolves to it, e.g. origin.example.com")
                origin_balancer = entry
            origins.append({"Id": origin_id, "DomainName": domain, **({"OriginPath": entry["path"]}
                                                                            if entry.get("path") else {}),
                            "CustomOriginConfig": {"OriginProtocolPolicy": "https-only",
                                                   "OriginSSLProtocols": ["TLSv1.2"]}})
            default_origin = default_origin or (origin_id, len(origins) - 1)
    if not origins:
        gen.add_manual("Give the CloudFront distribution its origin: the design draws none it can reach.", unit)
        return
    if switch is not None and default_origin:
        condition = "UseSecondaryOrigin"
        template.parameter("ActiveOrigin", "String", "Which region CloudFront sends dynamic requests to",
                           "primary", AllowedValues=["primary", "secondary"])
        template.conditions[condition] = {"Fn::Equals": [ref("ActiveOrigin"), "secondary"]}
        index = default_origin[1]
        origins[index]["DomainName"] = {"Fn::If": [condition, switch, origins[index]["DomainName"]]}
        gen.manual_failover = True
    s3_ids = [b for b in behaviours]
    default_id = default_origin[0] if default_origin else s3_ids[0]
    dynamic = default_origin is not None
    default: Json = {"TargetOriginId": default_id, "ViewerProtocolPolicy": "redirect-to-https", "Compress": True,
                     "CachePolicyId": CACHING_DISABLED if dynamic else CACHING_OPTIMIZED}
    if dynamic:
        default.update({"OriginRequestPolicyId": ALL_VIEWER_EXCEPT_HOST, "AllowedMethods": [
            "GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]})
    config: Json = {"Enabled": True, "HttpVersion": "http2and3", "IPV6Enabled": True, "PriceClass": "PriceClass_100",
                    "Origins": origins, "DefaultCacheBehavior": default,
                    "ViewerCertificate": {"CloudFrontDefaultCertificate": True}}
    if dynamic and s3_ids:
        config["CacheBehaviors"] = [{"PathPattern": "/static/*", "TargetOriginId": s3_ids[0], "Compress": True,
                                     "ViewerProtocolPolicy": "redirect-to-https", "CachePolicyId": CACHING_OPTIMIZED}]
    if not dynamic:
        config["DefaultRootObject"] = "index.html"
    if origin_group:
        _origin_group(gen, unit, config, default)
    signed = [d for d in gen.choices("private-content") if str(d["choice"]).startswith("cloudfront")]
    if signed:
        group = _key_group(gen, unit)
        for behaviour in [default] + config.get("CacheBehaviors", []):
            behaviour["TrustedKeyGroups"] = [ref(group)]
    name = unit.logical("Distribution")
    template.add(name, "AWS::CloudFront::Distribution", {"DistributionConfig": config},
                 unit.origin("HTTPS only; S3 origins reached through origin access control"))
    for entry in bucket_policies:
        statements = template.resources[entry["policy"]]["Properties"]["PolicyDocument"]["Statement"]
        statements.append({"Sid": "CloudFrontRead", "Effect": "Allow",
                           "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject",
                           "Resource": sub(f"${{{entry['bucket']}.Arn}}/*"), "Condition": {"StringEquals": {
                               "AWS:SourceArn": sub(f"arn:${{AWS::Partition}}:cloudfront::${{AWS::AccountId}}:"
                                                    f"distribution/${{{name}}}")}}})
    if origin_balancer and not gen.units_of("route53"):
        gen.add_manual("Create a DNS record for OriginDomainName pointing at the load balancer, covered by the "
                       "certificate passed as CertificateArn.", unit)
    gen.refs[unit.name] = {"distribution": name, "dns": att(name, "DomainName"), "zone": CLOUDFRONT_ZONE,
                           "origin_balancer": origin_balancer,
                           "arn": sub(f"arn:${{AWS::Partition}}:cloudfront::${{AWS::AccountId}}:distribution/${{{name}}}")}
    template.output(f"{name}Domain", att(name, "DomainName"), "CloudFront domain name")


def _origin_group(gen: "Generator", unit: "Unit", config: Json, default: Json) -> None:
    """The default behaviour's origin and the recovery region's copy of it in an origin group: CloudFront retries
    GET, HEAD and OPTIONS on the secondary when the primary fails or answers 500, 502, 503 or 504 (the rules
    choose it only for clients that read)."""
    origins = config["Origins"]
    primary = next(o for o in origins if o["Id"] == default["TargetOriginId"])
    domain = unit.template.parameter(
        "SecondaryOriginDomain", "String", "Domain of the recovery region's origin: its bucket's regional domain "
        "name, or the name in its load balancer's certificate (output of the second region's stack)")
    secondary = {key: value for key, value in primary.items() if key not in ("Id", "DomainName")}
    origins.append({"Id": "secondary-origin", "DomainName": domain, **secondary})
    config["OriginGroups"] = {"Quantity": 1, "Items": [{
        "Id": "failover-group",
        "FailoverCriteria": {"StatusCodes": {"Quantity": 4, "Items": [500, 502, 503, 504]}},
        "Members": {"Quantity": 2, "Items": [{"OriginId": primary["Id"]}, {"OriginId": "secondary-origin"}]}}]}
    default["TargetOriginId"] = "failover-group"
    if "AllowedMethods" in default:  # an origin group serves reads only
        default["AllowedMethods"] = ["GET", "HEAD", "OPTIONS"]
    if "S3OriginConfig" in primary:
        gen.add_manual("Allow the distribution to read the recovery region's bucket (the same CloudFrontRead "
                       "statement as the primary bucket's policy, in the second region's stack).", unit)


def _key_group(gen: "Generator", unit: "Unit") -> str:
    decision = gen.choices("private-content")[0]
    origin = Origin(unit.lead.id, "private-content", decision.get("rule"), decision.get("choice"))
    key = unit.logical("PublicKey")
    unit.template.add(key, "AWS::CloudFront::PublicKey", {"PublicKeyConfig": {
        "Name": sub("${AWS::StackName}-signing"), "CallerReference": sub("${AWS::StackName}-signing"),
        "EncodedKey": unit.template.parameter("SigningPublicKey", "String",
                                              "PEM public key whose private half signs the URLs or cookies")}},
        origin)
    group = unit.logical("KeyGroup")
    unit.template.add(group, "AWS::CloudFront::KeyGroup", {"KeyGroupConfig": {
        "Name": sub("${AWS::StackName}-signers"), "Items": [ref(key)]}}, origin)
    return group


def accelerator(gen: "Generator", unit: "Unit") -> None:
    name = unit.logical("Accelerator")
    unit.template.add(name, "AWS::GlobalAccelerator::Accelerator", {
        "Name": sub("${AWS::StackName}"), "IpAddressType": "IPV4", "Enabled": True},
        unit.origin("two static anycast IP addresses"))
    listener = f"{name}Listener"
    unit.template.add(listener, "AWS::GlobalAccelerator::Listener", {
        "AcceleratorArn": ref(name), "Protocol": app_protocol(gen).upper(),
        "PortRanges": [{"FromPort": APP_PORT, "ToPort": APP_PORT}], "ClientAffinity": "NONE"}, unit.origin())
    local = [gen.refs[t.name]["arn"] for t in past_inspection(gen, unit)
             if t.template is unit.template and gen.refs.get(t.name, {}).get("balancer")]
    if local:
        unit.template.add(f"{name}Endpoints", "AWS::GlobalAccelerator::EndpointGroup", {
            "ListenerArn": ref(listener), "EndpointGroupRegion": ref("AWS::Region"),
            "EndpointConfigurations": [{"EndpointId": e, "Weight": 100} for e in local]}, unit.origin())
    if any(t.template is not unit.template for t in gen.linked(unit)):
        condition = second_region_condition(gen, unit.template)
        endpoint = unit.template.parameter("SecondaryEndpointArn", "String",
                                           "ARN of the second region's load balancer (output of its stack)", "")
        unit.template.add(f"{name}SecondaryEndpoints", "AWS::GlobalAccelerator::EndpointGroup", {
            "ListenerArn": ref(listener), "EndpointGroupRegion": gen.second_region_name,
            "EndpointConfigurations": [{"EndpointId": endpoint, "Weight": 100}]},
            unit.origin("the second region's endpoint group"), condition=condition)
    gen.refs[unit.name] = {"dns": att(name, "DnsName"), "zone": ACCELERATOR_ZONE,
                           "arn": ref(name), "ips": att(name, "Ipv4Addresses")}
    unit.template.output(f"{name}Dns", att(name, "DnsName"), "Global Accelerator DNS name")


def past_inspection(gen: "Generator", unit: "Unit") -> list["Unit"]:
    """The units a unit forwards to, looking through inspection endpoints to what lies behind them."""
    found: list["Unit"] = []
    for target in gen.linked(unit):
        hops = gen.linked(target) if target.lead.service in INSPECTION_HOPS else [target]
        found.extend(hop for hop in hops if hop.lead.service not in INSPECTION_HOPS and hop not in found)
    return found


def second_region_condition(gen: "Generator", template: Any) -> str:
    """Resources that point at the second region's stack wait until it is deployed (see the README)."""
    template.parameter("SecondRegionReady", "String", "true once the second region's stack is deployed",
                       "false", AllowedValues=["true", "false"])
    template.conditions["SecondRegionReady"] = {"Fn::Equals": [ref("SecondRegionReady"), "true"]}
    return "SecondRegionReady"


HANDLERS: dict[str, tuple[int, Any]] = {
    "alb": (3, load_balancer), "nlb": (3, load_balancer),
    "cognito-user-pools": (5, cognito), "cognito-identity-pools": (5, cognito),
    "cognito-user-and-identity-pools": (5, cognito), "iam-identity-center": (5, cognito),
    "api-gateway": (6, rest_api), "appsync": (6, appsync),
    "cloudfront": (7, cloudfront), "global-accelerator": (7, accelerator),
}
