"""The pieces every part of the template generator shares: a template under construction, CloudFormation-safe
logical ids, intrinsic functions as long-form dicts, and the workload values the generator reads."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from ..workload.units import Duration, Rate, Size

Json = dict[str, Any]


# -- intrinsic functions (long form: valid CloudFormation, and plain dicts for yaml.safe_dump) -----------
def ref(name: str) -> Json:
    return {"Ref": name}


def att(name: str, attribute: str) -> Json:
    return {"Fn::GetAtt": [name, attribute]}


def sub(text: str) -> Json:
    return {"Fn::Sub": text}


def az(index: int) -> Json:
    """The index-th Availability Zone of the stack's region (the diagram's AZ a, b, c ...)."""
    return {"Fn::Select": [index, {"Fn::GetAZs": ""}]}


def if_(condition: str, then: Any, otherwise: Any = None) -> Json:
    return {"Fn::If": [condition, then, ref("AWS::NoValue") if otherwise is None else otherwise]}


def arn(service: str, resource: str, region: bool = True) -> Json:
    """An ARN built with the stack's partition, region and account."""
    where = "${AWS::Region}" if region else ""
    return sub(f"arn:${{AWS::Partition}}:{service}:{where}:${{AWS::AccountId}}:{resource}")


def camel(text: str) -> str:
    """``db-shop-db-primary`` -> ``DbShopDbPrimary``: the CloudFormation-safe form of an id."""
    words = [w for w in re.split(r"[^A-Za-z0-9]+", text) if w]
    joined = "".join(w[:1].upper() + w[1:] for w in words) or "Resource"
    return joined if joined[0].isalpha() else "R" + joined


@dataclass(frozen=True)
class Origin:
    """Why a resource exists: the component or group it draws, the decision and the rule behind it."""

    source: str
    decision: str | None
    rule: str | None
    choice: str | None = None
    note: str = ""

    def metadata(self) -> Json:
        data: Json = {"Source": self.source}
        if self.decision:
            data.update({"Decision": self.decision, "Rule": self.rule or "none recorded"})
        if self.choice:
            data["Choice"] = self.choice
        note = self.note or ("" if self.decision else "supports the design: drawn without a decision of its own")
        if note:
            data["Note"] = note
        return {"ArchAdvisor": data}


@dataclass
class Template:
    """One CloudFormation template under construction, for one region."""

    region: str
    description: str
    resources: dict[str, Json] = field(default_factory=dict)
    parameters: dict[str, Json] = field(default_factory=dict)
    conditions: dict[str, Json] = field(default_factory=dict)
    outputs: dict[str, Json] = field(default_factory=dict)
    _owners: dict[str, tuple[str, str]] = field(default_factory=dict)

    def logical(self, source: str, suffix: str = "") -> str:
        """A stable logical id for (source id, suffix); ids that collide after camel-casing get a number."""
        base = camel(source) + suffix
        key = (source, suffix)
        for name, owner in self._owners.items():
            if owner == key:
                return name
        name, number = base, 2
        while name in self._owners:
            name, number = f"{base}{number}", number + 1
        self._owners[name] = key
        return name

    def add(self, name: str, kind: str, properties: Json | None, origin: Origin, *, keep: str | None = None,
            depends: list[str] | None = None, condition: str | None = None) -> str:
        """Add a resource; ``keep`` ("Retain" or "Snapshot") sets DeletionPolicy and UpdateReplacePolicy."""
        if name in self.resources:
            raise ValueError(f"resource {name} added twice")
        resource: Json = {"Type": kind, "Metadata": origin.metadata()}
        if condition:
            resource["Condition"] = condition
        if depends:
            resource["DependsOn"] = sorted(set(depends))
        if keep:
            resource["DeletionPolicy"] = keep
            resource["UpdateReplacePolicy"] = keep
        if properties:
            resource["Properties"] = properties
        self.resources[name] = resource
        return name

    def parameter(self, name: str, kind: str, description: str, default: Any = None, **extra: Any) -> Json:
        if name not in self.parameters:
            spec: Json = {"Type": kind, "Description": description}
            if default is not None:
                spec["Default"] = default
            spec.update(extra)
            self.parameters[name] = spec
        return ref(name)

    def output(self, name: str, value: Any, description: str, condition: str | None = None) -> None:
        spec: Json = {"Description": description, "Value": value}
        if condition:
            spec["Condition"] = condition
        self.outputs[name] = spec

    def to_dict(self) -> Json:
        body: Json = {"AWSTemplateFormatVersion": "2010-09-09", "Description": self.description}
        for key, section in (("Parameters", self.parameters), ("Conditions", self.conditions),
                             ("Resources", self.resources), ("Outputs", self.outputs)):
            if section:
                body[key] = dict(sorted(section.items()))
        return body


# -- workload values -----------------------------------------------------------------------------------
def _parse(kind: type, value: Any) -> float | None:
    if value is None:
        return None
    try:
        return kind.parse(value).base
    except (ValueError, TypeError):
        return None


def gigabytes(value: Any, default: float) -> float:
    found = _parse(Size, value)
    return default if found is None else found / 1e9


def per_second(value: Any, default: float) -> float:
    found = _parse(Rate, value)
    return default if found is None else found


def seconds(value: Any, default: float | None) -> float | None:
    found = _parse(Duration, value)
    return default if found is None else found


def days(value: Any) -> int | None:
    found = seconds(value, None)
    return None if found is None else max(1, math.ceil(found / 86400))


def clamp(value: float, low: int, high: int) -> int:
    return int(min(max(math.ceil(value), low), high))
