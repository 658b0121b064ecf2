"""The service catalogue: every service archadvisor can choose or draw.

Each entry names the service, its category, the ``diagrams`` node class that
draws it, and the facts that justify choosing it, each with its source: a
section of the study notes (``notes: <heading>``) or a public AWS page (URL).
The catalogue is validated when it loads, so a bad entry fails fast.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

CATEGORIES = frozenset({
    "compute", "purchasing", "networking", "edge", "dns", "api", "security",
    "identity", "database", "cache", "storage", "messaging", "integration",
    "hybrid", "migration", "resilience", "analytics", "management", "general",
})
_ICON = re.compile(r"^diagrams(\.[a-z0-9_]+)+\.[A-Z][A-Za-z0-9]*$")
_SOURCE = re.compile(r"^(notes: .+|https://docs\.aws\.amazon\.com/\S+|https://aws\.amazon\.com/\S+)$")


class CatalogueError(ValueError):
    """The catalogue file is malformed; raised at load time."""


@dataclass(frozen=True)
class Fact:
    text: str
    source: str


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    category: str
    icon: str
    facts: tuple[Fact, ...]
    short: str = ""              # the whiteboard name a diagram uses ("RDS Multi-AZ")
    endpoint: str | None = None  # the VPC endpoint service that reaches it privately ("s3", "sqs", ...)
    calls: tuple[str, ...] = ()  # endpoint services the application calls when this is in the design
    pushes_to: tuple[str, ...] | None = None  # services it delivers to by itself; None: it pushes nothing
    in_vpc: bool = False  # lives in the VPC's subnets (a database, a cache, a file system, a broker)

    def called_endpoints(self) -> tuple[str, ...]:
        return self.calls or ((self.endpoint,) if self.endpoint else ())


def _service(service_id: str, entry: object) -> Service:
    where = f"catalogue entry {service_id!r}"
    if not isinstance(entry, dict):
        raise CatalogueError(f"{where}: must be a mapping")
    unknown = set(entry) - {"name", "category", "icon", "facts", "short", "endpoint", "calls", "pushes_to",
                            "in_vpc"}
    if unknown:
        raise CatalogueError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("name", "category", "icon"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise CatalogueError(f"{where}: {key} must be a non-empty string")
    if entry["category"] not in CATEGORIES:
        raise CatalogueError(f"{where}: category {entry['category']!r} not in {sorted(CATEGORIES)}")
    if not _ICON.match(entry["icon"]):
        raise CatalogueError(f"{where}: icon {entry['icon']!r} is not a diagrams class path")
    facts = []
    for i, fact in enumerate(entry.get("facts") or []):
        if not isinstance(fact, dict) or set(fact) != {"text", "source"}:
            raise CatalogueError(f"{where}: fact {i} needs exactly text and source")
        if not _SOURCE.match(str(fact["source"])):
            raise CatalogueError(f"{where}: fact {i} source {fact['source']!r} is neither 'notes: <section>' nor an AWS URL")
        facts.append(Fact(str(fact["text"]).strip(), str(fact["source"])))
    for key in ("short", "endpoint"):
        if key in entry and (not isinstance(entry[key], str) or not entry[key].strip()):
            raise CatalogueError(f"{where}: {key} must be a non-empty string")
    for key in ("calls", "pushes_to"):
        if key in entry and (not isinstance(entry[key], list) or not all(isinstance(x, str) for x in entry[key])):
            raise CatalogueError(f"{where}: {key} must be a list of ids")
    pushes = entry.get("pushes_to")
    return Service(service_id, entry["name"].strip(), entry["category"], entry["icon"], tuple(facts),
                   str(entry.get("short") or entry["name"]).strip(), entry.get("endpoint"),
                   tuple(entry.get("calls") or ()), tuple(pushes) if pushes is not None else None,
                   entry.get("in_vpc") is True)


CATALOGUE = Path(__file__).resolve().parent / "catalogue.yaml"


def _yaml(text: str) -> object:
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when present


def _services(data: object) -> dict[str, Service]:
    if not isinstance(data, dict) or not isinstance(data.get("services"), dict):
        raise CatalogueError("catalogue must have a top-level 'services' mapping")
    return {sid: _service(sid, entry) for sid, entry in sorted(data["services"].items())}


def parse_catalogue(text: str) -> dict[str, Service]:
    return _services(_yaml(text))


@functools.cache
def load_catalogue() -> dict[str, Service]:
    """The packaged catalogue, validated. Its YAML is parsed once and kept as JSON in the user's
    cache (see archadvisor.cache): parsing the YAML costs about 15 ms a run, reading the JSON 1 ms."""
    from ..cache import cached_json

    return _services(cached_json(CATALOGUE, "knowledge", _yaml))
