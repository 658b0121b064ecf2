"""Security group rules, derived from the links of the architecture, least privilege both ways: one ingress
rule per (target unit, source, port) — a unit accepts only what a link brings it, on the port it listens on —
and the matching egress rule on the source's group, so a unit sends only where its links go (plus HTTPS to
AWS APIs, which every group has)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .core import Json, Origin, att, camel

if TYPE_CHECKING:
    from .generator import Generator, Unit

# Sources outside AWS's VPC whose traffic arrives from anywhere on the internet (inspection endpoints pass it on
# with its source addresses unchanged).
PUBLIC_SOURCES = {"users", "internet", "mobile-client", "iot-device", "cloudfront", "waf", "waf-and-shield-advanced",
                  "global-accelerator", "route53", "nacl", "network-firewall", "gwlb-endpoint"}
ON_PREMISES_SOURCES = {"virtual-private-gateway", "customer-gateway", "direct-connect", "direct-connect-with-vpn",
                       "on-premises-server"}
ADMIN_PORTS = {"SSH": 22, "RDP": 3389}


def admin_port(gen: "Generator") -> int:
    text = str(gen.get("network", "admin_access", default="ssh")).upper()
    return ADMIN_PORTS.get(text, 22)


def _source(gen: "Generator", source: "Unit", target: "Unit") -> tuple[str, Json] | None:
    """How the rule names the traffic's source: its group, or an address range."""
    service = source.lead.service
    if source.name in gen.security_groups and source.template is target.template:
        return camel(source.name), {"SourceSecurityGroupId": att(gen.security_groups[source.name], "GroupId")}
    if service == "users" and target.lead.service == "bastion-host":  # operators reach the bastion
        cidr = target.template.parameter("AdminCidr", "String", "Address range operators connect from",
                                         AllowedPattern=r"^\d{1,3}(\.\d{1,3}){3}/\d{1,2}$")
        return "Operators", {"CidrIp": cidr}
    if service in ON_PREMISES_SOURCES:
        cidr = target.template.parameter("OnPremisesCidr", "String", "Address range of the on-premises network",
                                         "192.168.0.0/16", AllowedPattern=r"^\d{1,3}(\.\d{1,3}){3}/\d{1,2}$")
        return "OnPremises", {"CidrIp": cidr}
    if service in PUBLIC_SOURCES:
        return "Internet", {"CidrIp": "0.0.0.0/0"}
    return None


def _ports(gen: "Generator", source: "Unit", target: "Unit") -> list[tuple[str, int, int]]:
    if source.lead.service == "bastion-host":
        port = admin_port(gen)
        return [("tcp", port, port)]
    return gen.ports.get(target.name, [])


def derive_rules(gen: "Generator") -> None:
    rules: dict[tuple[str, str, str, int, int], tuple[Json, "Unit", list[str]]] = {}
    for link in gen.arch.links:
        target, source = gen.unit_of[link.target], gen.unit_of[link.source]
        # Dashed links are replication and backup paths (not traffic a group admits), except a front door's
        # failover path to the second region, which carries users' requests once it is switched on.
        if link.style == "dashed" and source.lead.service not in PUBLIC_SOURCES:
            continue
        if target is source or target.name not in gen.security_groups:
            continue
        found = _source(gen, source, target)
        if found is None:
            continue
        label, spec = found
        for protocol, low, high in _ports(gen, source, target):
            key = (target.name, label, protocol, low, high)
            text = f"{link.source} -> {link.target}" + (f" ({link.label})" if link.label else "")
            if key not in rules:
                rules[key] = (spec, target, [])
            rules[key][2].append(text)
    for (target_name, label, protocol, low, high), (spec, target, links) in sorted(rules.items()):
        group = gen.security_groups[target_name]
        name = target.template.logical(f"{group}-from-{label}-{protocol}-{low}", "Ingress")
        description = f"{protocol.upper()} {low}{'' if low == high else f'-{high}'} from {label}"
        decision = target.decision or {}
        origin = Origin(target.lead.id, target.key, decision.get("rule"), decision.get("choice"),
                        "links: " + "; ".join(sorted(set(links))))
        target.template.add(name, "AWS::EC2::SecurityGroupIngress", {
            "GroupId": att(group, "GroupId"), "IpProtocol": protocol, "FromPort": low, "ToPort": high,
            "Description": description, **spec}, origin)
        source_group = spec.get("SourceSecurityGroupId")
        if source_group is not None and not (protocol == "tcp" and low == high == 443):
            # The source's group sends this traffic out (HTTPS out is already allowed to every group).
            sender = source_group["Fn::GetAtt"][0]
            target.template.add(target.template.logical(f"{sender}-to-{group}-{protocol}-{low}", "Egress"),
                                "AWS::EC2::SecurityGroupEgress", {
                                    "GroupId": att(sender, "GroupId"), "IpProtocol": protocol, "FromPort": low,
                                    "ToPort": high, "Description": f"{protocol.upper()} {low} to {target.lead.id}",
                                    "DestinationSecurityGroupId": att(group, "GroupId")}, origin)
