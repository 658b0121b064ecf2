"""Synthesise a workload for which the engine selects a given choice.

A candidate starts from one of the concern's minimal bases (probe.bases) with
a few of the concern's fields sampled on top. The engine decides it; while
the decision is not the target, the decision's own trace says what to change:
the fields read by the rules that eliminated the target, by the target's rows
that did not hold, and by the row that won instead. One of those fields is
re-sampled (sometimes any field of the concern, to escape), and the walk goes
on; a candidate that is invalid or no longer raises the concern is reverted.

Once found, the workload is pruned to the fields the decision needs, then
given back some detail (more of the concern's fields, and a little from
elsewhere) that the engine confirms does not change the decision.
"""
from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from random import Random

from ..engine.evaluate import Decision
from ..engine.model import Eliminate, Select
from ..workload import schema as s
from . import fields as f
from .probe import CHANNEL_NAMES, STORE_NAMES, bases, evaluate, knowledge

STEPS_PER_START = 60
# Detail that reads naturally in any scenario (used when the concern does not read it).
FLAVOUR = ("region", "availability.target", "security.encryption_at_rest", "security.compliance",
           "security.audit_api_calls", "users.audience", "analytics.dashboards", "data.size", "data.retention",
           "messaging.rate", "messaging.retention")


@dataclass
class Found:
    workload: dict
    subject: str | None
    decision: Decision


def is_fallback(decision: Decision) -> bool:
    """A closest-fit decision breaks a stated requirement: never a key (the engine's typed flag, not its wording)."""
    return decision.closest_fit


class Synthesiser:
    """Workload synthesis for one concern."""

    def __init__(self, concern_id: str):
        known = knowledge()
        self.known = known
        self.concern = known.concerns[concern_id]
        self.id = concern_id
        self.fields = tuple(p for p in known.fields_of(concern_id) if p not in f.INERT)
        self.rules = {rule.id: rule for rule in self.concern.rules}
        self.limits = known.pools()
        self.list_key = {"store": "data", "channel": "messaging"}.get(self.concern.subject_kind)

    # -- candidates ----------------------------------------------------------------
    def start(self, rng: Random) -> tuple[dict, str | None] | None:
        options = bases(self.id)
        if not options:
            return None
        fragment, subject = options[rng.randrange(len(options))]
        workload = copy.deepcopy(fragment)
        for path in rng.sample(list(self.fields), min(len(self.fields), rng.choice((1, 2, 3, 4, 5)))):
            self.mutate(workload, path, rng, subject)
        return workload, subject

    def mutate(self, workload: dict, path: str, rng: Random, subject: str | None) -> None:
        listed = f.item_list(path)
        if listed is None:
            current = f.get(workload, path)
            if current is not None and rng.random() < 0.25:
                f.drop(workload, path)
            else:
                f.put(workload, path, f.sample(path, rng, self.limits, avoid=current))
            return
        entries = workload.setdefault(listed, [])
        if listed == self.list_key and subject is not None:
            entry = f.item(workload, listed, subject)
            if entry is None:
                return
        elif entries and rng.random() < 0.75:
            entry = entries[rng.randrange(len(entries))]
        else:
            entry = self.new_entry(listed, rng, {e.get("name") for e in entries})
            entries.append(entry)
        key = path.split(".", 1)[1]
        if key == "kind":
            entry["kind"] = f.sample(path, rng, avoid=entry.get("kind"))
            f.fit_kind(entry)
            return
        if listed == "data" and not f.applies(path, entry.get("kind")):
            entry["kind"] = rng.choice(f.leaves()[path].applies_to)
            f.fit_kind(entry)
        if key in entry and rng.random() < 0.25:
            del entry[key]
        else:
            entry[key] = f.sample(path, rng, self.limits, avoid=entry.get(key))

    @staticmethod
    def new_entry(listed: str, rng: Random, used: set) -> dict:
        if listed == "data":
            kind = rng.choice(s.DATA_STORE.fields["kind"].choices)
            pool = [n for n in STORE_NAMES.get(kind, ()) if n not in used] or [f"{kind}-store-{len(used)}"]
            return {"name": rng.choice(pool), "kind": kind}
        pool = [n for n in CHANNEL_NAMES if n not in used] or [f"channel-{len(used)}"]
        return {"name": rng.choice(pool)}

    # -- the engine's view -------------------------------------------------------------
    def pick(self, decisions: list[Decision] | None, subject: str | None, target: str) -> Decision | None:
        mine = [d for d in decisions or [] if d.concern == self.id]
        if self.list_key is not None:
            mine = [d for d in mine if d.subject == subject]
        for d in mine:
            if d.choice == target and not is_fallback(d):
                return d
        return mine[0] if mine else None

    def hits(self, decision: Decision | None, target: str) -> bool:
        return decision is not None and decision.choice == target and not is_fallback(decision)

    def blame(self, decision: Decision, target: str) -> list[str]:
        """Fields whose change could let the target win, read from the decision's trace."""
        paths: list[str] = []
        for verdict in decision.trace:
            rule = self.rules.get(verdict.rule)
            if isinstance(rule, Eliminate):
                relevant = verdict.verdict == "eliminated" and target in verdict.choices
            elif isinstance(rule, Select):
                relevant = (rule.choice == target and verdict.verdict != "selected") or (
                    verdict.verdict == "selected" and rule.choice != target)
            else:
                relevant = False
            if relevant:
                for read in verdict.evidence:
                    paths.extend(self.known.blame(read.field))
        return [p for p in dict.fromkeys(paths) if p not in f.INERT]

    # -- search --------------------------------------------------------------------------
    def search(self, target: str, rng: Random, budget: int) -> Found | None:
        spent = 0
        while spent < budget:
            started = self.start(rng)
            if started is None or not self.fields:
                return None
            workload, subject = started
            decision = self.pick(evaluate(workload), subject, target)
            spent += 1
            if decision is None:
                continue
            for _ in range(STEPS_PER_START):
                if self.hits(decision, target):
                    return Found(workload, decision.subject, decision)
                if spent >= budget:
                    break
                blame = self.blame(decision, target)
                path = rng.choice(blame) if blame and rng.random() < 0.75 else rng.choice(self.fields)
                trial = copy.deepcopy(workload)
                self.mutate(trial, path, rng, subject)
                found = self.pick(evaluate(trial), subject, target)
                spent += 1
                if found is not None:
                    workload, decision = trial, found
        return None

    def keeps(self, workload: dict, subject: str | None, target: str) -> Decision | None:
        decision = self.pick(evaluate(workload), subject, target)
        return decision if self.hits(decision, target) else None

    def vary(self, found: Found, target: str, rng: Random, steps: int) -> Found:
        """A random walk that never leaves the target: a known answer, dressed differently."""
        workload, subject = copy.deepcopy(found.workload), found.subject
        decision = found.decision
        for _ in range(steps):
            trial = copy.deepcopy(workload)
            self.mutate(trial, rng.choice(self.fields), rng, subject if self.list_key else None)
            kept = self.keeps(trial, subject, target) if self.list_key else self._keeps_any(trial, target)
            if kept is not None:
                workload, decision = trial, kept
                subject = kept.subject
        return Found(workload, subject, decision)

    def _keeps_any(self, workload: dict, target: str) -> Decision | None:
        return self.keeps(workload, None, target)

    def prune(self, found: Found, target: str, rng: Random) -> Found:
        """Drop every field, entry and section the decision does not need."""
        workload, subject, decision = copy.deepcopy(found.workload), found.subject, found.decision
        probe_subject = subject if self.list_key else None
        for listed in f.ITEM_LISTS:
            for entry in list(workload.get(listed, [])):
                if listed == self.list_key and entry.get("name") == subject:
                    continue
                trial = copy.deepcopy(workload)
                trial[listed] = [e for e in trial[listed] if e.get("name") != entry.get("name")]
                if not trial[listed]:
                    del trial[listed]
                kept = self.keeps(trial, probe_subject, target)
                if kept is not None and (self.list_key or kept.subject == subject or subject is None):
                    workload, decision = trial, kept
        refs = f.leaf_refs(workload)
        rng.shuffle(refs)
        for path, name in refs:
            if path == "data.kind":
                continue
            trial = copy.deepcopy(workload)
            f.drop(trial, path, name)
            kept = self.keeps(trial, probe_subject, target)
            if kept is not None and (self.list_key or kept.subject == subject or subject is None):
                workload, decision = trial, kept
        return Found(workload, decision.subject, decision)

    def dress(self, found: Found, target: str, rng: Random, own: int, other: int) -> Found:
        """Add detail the decision does not depend on: ``own`` more fields of the concern, ``other`` from elsewhere."""
        workload, subject, decision = copy.deepcopy(found.workload), found.subject, found.decision
        probe_subject = subject if self.list_key else None
        present = {path for path, _ in f.leaf_refs(workload)}
        sections = {path.split(".")[0] for path in present}
        mine = [p for p in self.fields if p not in present and p != "data.kind"
                and (not f.item_list(p) or f.item_list(p) == self.list_key)]
        elsewhere = [p for p in f.leaves() if p not in self.fields and p not in present
                     and (p in FLAVOUR or p.split(".")[0] in sections)
                     and (not f.item_list(p) or f.item_list(p) == self.list_key)]
        for pool, count in ((mine, own), (elsewhere, other)):
            rng.shuffle(pool)
            added = 0
            for path in pool:
                if added >= count:
                    break
                if f.item_list(path):
                    entry = f.item(workload, self.list_key, subject)
                    if entry is None or not f.applies(path, entry.get("kind")):
                        continue
                trial = copy.deepcopy(workload)
                value = f.sample(path, rng, self.limits)
                if pool is elsewhere and f.leaves()[path].kind == s.BOOL:
                    value = True   # detail states something; "X is not required" only where it matters
                if f.item_list(path):
                    f.item(trial, self.list_key, subject)[path.split(".", 1)[1]] = value
                else:
                    f.put(trial, path, value)
                kept = self.keeps(trial, probe_subject, target)
                if kept is not None and (self.list_key or kept.subject == subject or subject is None):
                    workload, decision = trial, kept
                    added += 1
        return Found(workload, decision.subject, decision)

    def rename(self, found: Found, target: str, rng: Random, avoid: set[str]) -> Found:
        """Give the subject entry a realistic name for its kind (names never change a decision; checked)."""
        if self.list_key is None or found.subject is None:
            return found
        workload = copy.deepcopy(found.workload)
        entry = f.item(workload, self.list_key, found.subject)
        if entry is None:
            return found
        pool = STORE_NAMES.get(entry.get("kind") or "", ()) if self.list_key == "data" else CHANNEL_NAMES
        used = {e.get("name") for e in workload.get(self.list_key, [])}
        options = [n for n in pool if n not in used and n not in avoid] or [n for n in pool if n not in used]
        if not options:
            return found
        entry["name"] = rng.choice(options)
        kept = self.keeps(workload, entry["name"], target)
        return Found(workload, entry["name"], kept) if kept is not None else found


@functools.cache
def synthesiser(concern_id: str) -> Synthesiser:
    return Synthesiser(concern_id)


@functools.cache
def reference(concern_id: str, target: str) -> Found | None:
    """A deterministic example workload for a (concern, choice), or None when the search finds none.

    Seeded by the pair alone, so the answer does not depend on what ran before in the process.
    """
    return synthesiser(concern_id).search(target, Random(f"archadvisor-quiz-reference:{concern_id}:{target}"),
                                          budget=900)


def reachable(concern_id: str) -> dict[str, bool]:
    """For each choice of a concern, whether synthesis can make the engine select it."""
    concern = knowledge().concerns[concern_id]
    return {choice: reference(concern_id, choice) is not None for choice in concern.choices}


def synthesise(concern_id: str, target: str, rng: Random) -> Found | None:
    """A fresh workload for which the engine selects ``target``: searched with ``rng``, else varied from
    the reference example; pruned, then dressed with detail that does not change the decision."""
    synth = synthesiser(concern_id)
    found = synth.search(target, rng, budget=150)
    if found is None:
        ref = reference(concern_id, target)
        if ref is None:
            return None
        found = synth.vary(ref, target, rng, steps=12)
    found = synth.prune(found, target, rng)
    bare = len(f.leaf_refs(found.workload))   # a thin scenario gets more of the concern's own detail
    own = max(rng.choice((0, 1, 1, 2)), 3 - bare)
    found = synth.dress(found, target, rng, own=own, other=rng.choice((1, 1, 2)))
    return found
