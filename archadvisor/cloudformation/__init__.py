"""CloudFormation templates of a design, generated from the same architecture model as the diagram.

``generate(doc, workload)`` returns a :class:`Result`: one template for the primary region
(``template.yaml``) and, when the design has a second region, ``template-<region>.yaml``; the manual steps
CloudFormation cannot do; the AWS resource types used. ``to_yaml`` writes a template deterministically.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from .generator import Manual, Result

__all__ = ["generate", "to_yaml", "summary", "Manual", "Result", "RESOURCE_LIMIT", "DIRECT_UPLOAD_LIMIT"]

RESOURCE_LIMIT = 500            # resources in one template
DIRECT_UPLOAD_LIMIT = 51_200    # bytes of a template body passed directly (larger ones go through S3)
S3_BODY_LIMIT = 1_000_000       # bytes of a template body uploaded to S3
NEAR = 0.8                      # warn at 80% of a limit


# libyaml's emitter where PyYAML was built with it (the wheels are): the same bytes as the pure-Python
# emitter for these templates (tests/test_cloudformation.py compares them), about ten times faster.
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_SafeDumper):  # type: ignore[misc, valid-type]
    """Block style, keys in the order given (sections in CloudFormation's order), long strings kept whole,
    no YAML anchors (CloudFormation rejects aliases)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dict(dumper: yaml.SafeDumper, data: dict) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items())


def _str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(dict, _dict)
_Dumper.add_representer(str, _str)


def to_yaml(template: dict[str, Any]) -> str:
    """The template as YAML: intrinsic functions stay in their long form ({"Ref": ...}, {"Fn::GetAtt": ...}),
    which CloudFormation accepts as is; the same template always gives the same bytes."""
    return yaml.dump(template, Dumper=_Dumper, sort_keys=False, default_flow_style=False, width=120,
                     allow_unicode=True)


def generate(doc: dict[str, Any], workload: dict[str, Any]) -> Result:
    """Templates for a decisions document (with its groups, components and links) and the resolved workload."""
    from ..architecture.model import Architecture
    from .generator import Generator
    architecture = Architecture.from_dict(str(doc.get("workload") or "workload"), doc)
    return Generator(architecture, doc, workload).run()


def summary(result: Result, bodies: dict[str, str] | None = None) -> dict[str, Any]:
    """What the decisions document says about the templates: files, sizes, warnings near the limits.
    ``bodies`` are the templates already dumped (by name), so that a caller writing them dumps each once."""
    files, warnings = [], []
    for name, template in result.templates.items():
        body = bodies[name] if bodies is not None else to_yaml(template)
        size = len(body.encode("utf-8"))
        count = len(template["Resources"])
        files.append({"file": name, "region": result.regions[name], "resources": count, "bytes": size})
        if count >= NEAR * RESOURCE_LIMIT:
            warnings.append(f"{name} has {count} resources; CloudFormation allows {RESOURCE_LIMIT} per template: "
                            "split it into nested stacks")
        if size >= NEAR * S3_BODY_LIMIT:
            warnings.append(f"{name} is {size:,} bytes; CloudFormation accepts at most {S3_BODY_LIMIT:,} from S3")
        elif size > DIRECT_UPLOAD_LIMIT:
            warnings.append(f"{name} is {size:,} bytes, over the {DIRECT_UPLOAD_LIMIT:,} a template body may have "
                            "when passed directly: deploy it with an S3 bucket (aws cloudformation deploy "
                            "--s3-bucket ...)")
    return {"files": files, "resource_types": result.resource_types,
            "manual_steps": [{"step": m.step, "components": m.source, "decision": m.decision} for m in result.manual],
            "warnings": warnings}


def __getattr__(name: str) -> Any:
    # The generator is imported when a template is made, not with the package: the rule modules import
    # .registry beside their rules, and a design starts Graphviz before it makes any template.
    if name in ("Manual", "Result"):
        from . import generator
        return getattr(generator, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
