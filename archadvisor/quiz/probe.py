"""What each concern reads, learned by running the engine itself.

Nothing here is written per concern. A fixed, seeded set of rich random
workloads goes through the engine's own ``decide`` with the workload's
values wrapped in a recorder, so every field a concern touches (to decide
whether it is raised, in its rules, in the derived facts and defaults they
use) is attributed to that concern. The evidence of each decision adds the
rule limits ("rto < 2m"), so the sampler can put values on both sides of
every threshold. For each concern a few probe workloads that raise it are
shrunk to a minimal *base*: the smallest fragment that still raises it.

Everything is deterministic (fixed seed, sorted output) and cached per process.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import re
from dataclasses import dataclass, field
from random import Random
from typing import Any

from ..engine.context import Context, Derived
from ..engine.evaluate import Decision, decide
from ..engine.model import Concern, Warn
from ..workload import Workload, WorkloadError, parse_text
from ..workload import schema as s
from ..workload.units import QUANTITY_KINDS
from . import fields as f

PROBES = 160
PROBE_SEED = "archadvisor-quiz-probe-v1"
BASES_PER_CONCERN = 3
_TEST = re.compile(r"^\S+ (<=|>=|<|>) (.+)$")

# Realistic names for data stores (by kind) and channels.
STORE_NAMES: dict[str, tuple[str, ...]] = {
    "relational": ("orders", "customers", "payments", "bookings", "accounts", "patients", "policies", "claims",
                   "enrollments", "reservations", "inventory", "invoices"),
    "key-value": ("sessions", "carts", "player-profiles", "device-state", "user-preferences", "leaderboard",
                  "feature-flags"),
    "document": ("product-catalog", "user-profiles", "articles", "listings", "case-files", "recipes"),
    "time-series": ("sensor-readings", "metrics", "telemetry", "meter-readings", "price-ticks"),
    "warehouse": ("sales-history", "reporting", "claims-history", "finance-mart"),
    "object": ("scanned-invoices", "media-assets", "backups", "log-archive", "radiology-images", "photos", "contracts",
               "call-recordings"),
    "file": ("shared-docs", "home-directories", "render-assets", "genomics-data", "engineering-drawings"),
    "block": ("database-volume", "scratch", "build-cache", "app-volume", "index-volume"),
}
CHANNEL_NAMES = ("order-events", "clickstream", "payment-requests", "notifications", "device-telemetry",
                 "shipment-updates", "audit-events", "image-jobs", "price-updates", "signups")


# -- recording the fields a concern touches -------------------------------------------
class _Log:
    def __init__(self) -> None:
        self.concern: str | None = None
        self.facts: list[str] = []
        self.hits: list[tuple[str | None, str | None, str]] = []

    def note(self, path: str) -> None:
        self.hits.append((self.concern, self.facts[-1] if self.facts else None, path))


class _RecordingDict(dict):
    """A dict that notes every key looked up (``get``, ``[]``, ``in``) under its schema path."""

    def __init__(self, data: dict, prefix: str, log: _Log):
        super().__init__()
        self._prefix, self._log = prefix, log
        for key, value in data.items():
            dict.__setitem__(self, key, _wrap(value, f"{prefix}{key}", log))

    def __getitem__(self, key):  # type: ignore[override]
        self._log.note(f"{self._prefix}{key}")
        return dict.__getitem__(self, key)

    def get(self, key, default=None):  # type: ignore[override]
        self._log.note(f"{self._prefix}{key}")
        return dict.get(self, key, default)

    def __contains__(self, key):  # type: ignore[override]
        self._log.note(f"{self._prefix}{key}")
        return dict.__contains__(self, key)


def _wrap(value: Any, path: str, log: _Log) -> Any:
    prefix = f"{path}." if path else ""
    if isinstance(value, dict):
        return _RecordingDict(value, prefix, log)
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return [_RecordingDict(v, prefix, log) for v in value]
    return value


class _FreshDerived(Derived):
    """Derived facts computed afresh on every use, so each concern's reads are attributed to it."""

    def __init__(self, workload: Workload, log: _Log):
        from ..rules.derived import DERIVED_DEFAULTS, FACTS

        super().__init__(workload, FACTS, DERIVED_DEFAULTS)
        self._log = log

    def value(self, name: str, ctx: Context) -> Any:
        self._log.facts.append(name)
        try:
            return self.facts[name].compute(Context(self.workload, self, ctx.decisions, ctx.subject))
        finally:
            self._log.facts.pop()


def _traced(concern: Concern, log: _Log) -> Concern:
    """The concern with its reads noted under its id. A warning's reads are not: a warning never changes
    the choice, so the fields it reads are not the concern's to vary when searching for a choice."""
    original = concern.raised

    def raised(ctx: Context, _id: str = concern.id) -> list:
        log.concern = _id
        return original(ctx)

    rules = tuple(dataclasses.replace(rule, when=_unnoted(rule.when, log))
                  if isinstance(rule, Warn) and rule.when is not None else rule for rule in concern.rules)
    return dataclasses.replace(concern, raised=raised, rules=rules)


def _unnoted(when, log: _Log):
    def unnoted(c: Context, t) -> bool:
        noting, log.concern = log.concern, None
        try:
            return when(c, t)
        finally:
            log.concern = noting
    return unnoted


# -- knowledge ------------------------------------------------------------------------
@dataclass
class Knowledge:
    concerns: dict[str, Concern]
    reads: dict[str, tuple[str, ...]]                 # concern -> schema paths it touches
    facts: dict[str, tuple[str, ...]]                 # derived fact -> schema paths it reads
    limits: dict[str, tuple[Any, ...]]                # schema path -> values around rule limits
    bases: dict[str, list[tuple[dict, str | None]]] = field(default_factory=dict)  # concern -> (fragment, subject)
    probes: list[dict] = field(default_factory=list)
    raised_by: dict[str, list[tuple[int, str | None]]] = field(default_factory=dict)

    def pools(self) -> dict[str, tuple[Any, ...]]:
        return self.limits

    def fields_of(self, concern_id: str) -> tuple[str, ...]:
        return self.reads.get(concern_id, ())

    def blame(self, field_path: str, seen: frozenset[str] = frozenset()) -> tuple[str, ...]:
        """Schema paths behind one evidence field (a derived fact's inputs, an earlier decision's fields)."""
        if field_path.startswith("derived."):
            return self.facts.get(field_path[8:], ())
        if field_path.startswith("decision."):
            other = re.sub(r"\[[^\]]*\]$", "", field_path[9:]).split(":")[0]
            if other in seen or other not in self.reads:
                return ()
            found = list(self.reads[other])
            return tuple(dict.fromkeys(found))
        path = f.normalise(field_path)
        return (path,) if path and path in f.leaves() else ()


def evaluate(workload: dict, strict: bool = False) -> list[Decision] | None:
    """The engine's decisions for a plain workload, or None when the workload is not valid.

    ``strict`` goes through the real loader (as ``archadvisor design`` does); the default converts the
    generator's own values directly, which is several times faster and is only used while searching:
    every question is checked strictly before it is kept.
    """
    from ..engine import run

    if strict:
        try:
            parsed = parse_text(json.dumps(workload), "<quiz>")
        except WorkloadError:
            return None
    else:
        try:
            parsed = Workload("<quiz>", _typed(workload, s.WORKLOAD))
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
    return run(parsed).decisions


def _typed(node: Any, definition: s.Field) -> Any:
    """The loader's typed values for a plain workload built by the generator (quantities parsed)."""
    if definition.kind == s.SECTION:
        return {key: _typed(value, definition.fields[key]) for key, value in node.items()}
    if definition.kind == s.SECTION_LIST:
        entry = s.Field(s.SECTION, "", fields=definition.fields)
        return [_typed(value, entry) for value in node]
    if definition.kind in QUANTITY_KINDS:
        return QUANTITY_KINDS[definition.kind].parse(node)
    return node


def _rich_workload(rng: Random, index: int) -> dict:
    """A random workload touching many sections, for discovery."""
    workload: dict[str, Any] = {"name": f"probe-{index}"}
    paths = [p for p in f.leaves() if not f.item_list(p)]
    sections = sorted({p.split(".")[0] for p in paths})
    chosen = {sec for sec in sections if rng.random() < 0.55}
    for section in sorted(chosen):
        # each section draws from its own stream: a field added to one section leaves the others' probes alone
        local = Random(f"{PROBE_SEED}:{index}:{section}")
        for path in [p for p in paths if p.split(".")[0] == section]:
            if local.random() < 0.45:
                f.put(workload, path, f.sample(path, local))
    used: set[str] = set()
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        kind = rng.choice(s.DATA_STORE.fields["kind"].choices)
        name = _fresh_name(rng, STORE_NAMES.get(kind, (f"{kind}-store",)), used)
        entry: dict[str, Any] = {"name": name, "kind": kind}
        for key in s.DATA_STORE.fields:
            path = f"data.{key}"
            if key not in ("name", "kind") and f.applies(path, kind) and rng.random() < 0.5:
                entry[key] = f.sample(path, rng)
        workload.setdefault("data", []).append(entry)
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        entry = {"name": _fresh_name(rng, CHANNEL_NAMES, used)}
        for key in s.CHANNEL.fields:
            if key != "name" and rng.random() < 0.45:
                entry[key] = f.sample(f"messaging.{key}", rng)
        workload.setdefault("messaging", []).append(entry)
    return workload


def _fresh_name(rng: Random, pool: tuple[str, ...], used: set[str]) -> str:
    options = [n for n in pool if n not in used] or [f"{pool[0]}-{len(used)}"]
    name = rng.choice(options)
    used.add(name)
    return name


@functools.cache
def knowledge() -> Knowledge:
    from ..rules import concerns

    all_concerns = list(concerns())
    log = _Log()
    traced = [_traced(c, log) for c in all_concerns]
    rng = Random(PROBE_SEED)
    reads: dict[str, set[str]] = {c.id: set() for c in all_concerns}
    facts: dict[str, set[str]] = {}
    limits: dict[str, list[Any]] = {}
    probes: list[dict] = []
    raised_by: dict[str, list[tuple[int, str | None]]] = {c.id: [] for c in all_concerns}
    links: dict[str, set[str]] = {}
    warnings = {rule.id for concern in all_concerns for rule in concern.rules if isinstance(rule, Warn)}
    for index in range(PROBES):
        plain = _rich_workload(rng, index)
        try:
            parsed = parse_text(json.dumps(plain), "<probe>")
        except WorkloadError:
            continue
        probes.append(plain)
        number = len(probes) - 1
        recorded = Workload(parsed.source, _wrap(parsed.values, "", log), parsed.positions)
        log.hits.clear()
        log.concern = None
        result = decide(recorded, traced, _FreshDerived(recorded, log))
        for concern_id, fact, path in log.hits:
            schema_path = f.normalise(path)
            if schema_path is None:
                continue
            if fact is not None:
                facts.setdefault(fact, set()).add(schema_path)
            if concern_id is not None:
                reads[concern_id].add(schema_path)
        for decision in result.decisions:
            raised_by[decision.concern].append((number, decision.subject))
            for verdict in decision.trace:
                if verdict.rule in warnings:  # a warning never changes the choice (see _traced)
                    continue
                for read in verdict.evidence:
                    if read.field.startswith("decision."):
                        links.setdefault(decision.concern, set()).add(re.sub(r"\[[^\]]*\]$", "", read.field[9:]))
                    schema_path = f.normalise(read.field)
                    if schema_path is None or schema_path not in f.leaves():
                        continue
                    reads[decision.concern].add(schema_path)
                    match = _TEST.match(read.test)
                    if match:
                        for value in f.neighbours(match.group(2)):
                            if f.is_valid(schema_path, value):
                                limits.setdefault(schema_path, []).append(value)
    known = Knowledge(
        concerns={c.id: c for c in all_concerns},
        reads={cid: tuple(sorted(p for p in paths if p in f.leaves())) for cid, paths in reads.items()},
        facts={name: tuple(sorted(p for p in paths if p in f.leaves())) for name, paths in sorted(facts.items())},
        limits={path: tuple(dict.fromkeys(values)) for path, values in sorted(limits.items())},
        probes=probes,
        raised_by=raised_by,
    )
    # a concern that reads an earlier decision also depends on that decision's fields
    for cid in sorted(links):
        extra = {p for other in sorted(links[cid]) if other != cid for p in known.reads.get(other, ())}
        known.reads[cid] = tuple(sorted(set(known.reads[cid]) | extra))
    return known


def bases(concern_id: str) -> list[tuple[dict, str | None]]:
    """Up to three minimal fragments that raise the concern, each with the subject it is raised for."""
    known = knowledge()
    if concern_id in known.bases:
        return known.bases[concern_id]
    found: list[tuple[dict, str | None]] = []
    seen: set[str] = set()
    for number, subject in known.raised_by.get(concern_id, []):
        if len(found) >= BASES_PER_CONCERN:
            break
        fragment = shrink(known.probes[number], concern_id, subject)
        if fragment is None:
            continue
        key = json.dumps(fragment, sort_keys=True)
        if key not in seen:
            seen.add(key)
            found.append((fragment, subject))
    known.bases[concern_id] = found
    return found


def raised_for(decisions: list[Decision] | None, concern_id: str, subject: str | None) -> Decision | None:
    for d in decisions or []:
        if d.concern == concern_id and d.subject == subject:
            return d
    return None


def shrink(workload: dict, concern_id: str, subject: str | None) -> dict | None:
    """Remove sections, entries and leaves one at a time while the concern stays raised for the subject."""
    current = json.loads(json.dumps(workload))
    current["name"] = "quiz-base"
    if raised_for(evaluate(current), concern_id, subject) is None:
        return None

    def keeps(candidate: dict) -> bool:
        return raised_for(evaluate(candidate), concern_id, subject) is not None

    for key in [k for k in current if k != "name"]:
        trial = {k: v for k, v in current.items() if k != key}
        if keeps(trial):
            current = trial
    for list_key in f.ITEM_LISTS:
        for entry in list(current.get(list_key, [])):
            trial = json.loads(json.dumps(current))
            trial[list_key] = [e for e in trial[list_key] if e.get("name") != entry.get("name")]
            if not trial[list_key]:
                del trial[list_key]
            if keeps(trial):
                current = trial
    for path, name in f.leaf_refs(current):
        if path == "data.kind":
            continue
        trial = json.loads(json.dumps(current))
        f.drop(trial, path, name)
        if keeps(trial):
            current = trial
    return current
