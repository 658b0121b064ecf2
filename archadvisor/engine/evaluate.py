"""Evaluate every concern a workload raises, recording each rule's verdict.

For each (concern, subject): every elimination rule is evaluated, then every
row of the decision table; the first row that holds and whose choice is
still standing selects. Each rule gets a verdict per choice it targets:
``selected``, ``eliminated``, ``preferred`` (it held, but a row above it had
already decided), ``overruled`` (it held, but its choice had been eliminated)
or ``not-applicable``. The losers' reasons come from these
verdicts, so the explanation of an alternative is never written by hand.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..knowledge import load_catalogue
from ..workload import Workload
from .context import Assumption, Context, Derived, Read, show
from .model import Concern, Rule, Select

SELECTED, ELIMINATED, PREFERRED, NOT_APPLICABLE = "selected", "eliminated", "preferred", "not-applicable"
OVERRULED = "overruled"  # the row held, but an elimination rule had removed its choice


@dataclass(frozen=True)
class Verdict:
    rule: str
    verdict: str
    choices: tuple[str, ...]
    reason: str
    evidence: tuple[Read, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "verdict": self.verdict, "choices": list(self.choices),
                "reason": self.reason, "evidence": [r.to_dict() for r in self.evidence]}


@dataclass(frozen=True)
class Alternative:
    choice: str
    rejected: str
    rules: tuple[str, ...]
    how: str  # eliminated | outranked | not-indicated

    def to_dict(self) -> dict[str, Any]:
        return {"choice": self.choice, "rejected": self.rejected, "rules": list(self.rules), "how": self.how}


@dataclass(frozen=True)
class Decision:
    concern: str
    subject: str | None
    choice: str
    rule: Rule
    reason: str
    because: tuple[Read, ...]
    alternatives: tuple[Alternative, ...]
    warnings: tuple[dict[str, str], ...]
    trace: tuple[Verdict, ...]
    raised_by: tuple[Read, ...] = ()  # the reads that decided the concern applies to this subject
    closest_fit: bool = False  # every candidate was ruled out: the choice breaks a stated requirement
    replacement: str = ""  # the chosen row's replacement reason, filled, when AWS no longer sells the choice

    def to_dict(self) -> dict[str, Any]:
        catalogue = load_catalogue()
        service = catalogue[self.choice]
        found = {
            "concern": self.concern,
            "subject": self.subject,
            "choice": self.choice,
            "choice_name": service.name,
            "rule": self.rule.id,
            "rule_title": self.rule.title,
            "reason": self.reason,
            "because": [read.to_dict() for read in self.because],
            "raised_by": [read.to_dict() for read in self.raised_by],
            "thresholds": dict(self.rule.thresholds),
            "alternatives": [alt.to_dict() for alt in self.alternatives],
            "pillars": list(self.rule.pillars),
            "notes": [fact.text for fact in service.facts],
            "facts": [{"text": f.text, "source": f.source} for f in service.facts],
            "sources": list(self.rule.sources),
            "warnings": list(self.warnings),
            "trace": [verdict.to_dict() for verdict in self.trace],
        }
        if self.closest_fit:  # additive: documents without a closest fit keep their shape
            found["closest_fit"] = True
        if isinstance(self.rule, Select) and self.rule.replaced_by:  # additive, like closest_fit
            instead = catalogue[self.rule.replaced_by].name
            found["replaced_by"] = {
                "choice": self.rule.replaced_by, "choice_name": instead, "reason": self.replacement,
                "message": f"The exam expects {service.name}; AWS no longer sells it; build {instead}: "
                           f"{self.replacement}"}
        return found


@dataclass
class Result:
    decisions: list[Decision] = field(default_factory=list)
    assumptions: dict[str, Assumption] = field(default_factory=dict)


def _evaluate_rule(rule: Rule, ctx: Context) -> tuple[bool, tuple[Read, ...]]:
    ctx.reads = []
    if rule.when is None:
        # A default row tests nothing; its evidence is the values its reason cites.
        ctx.cite(rule.reason)
        return True, tuple(ctx.reads)
    holds = bool(rule.when(ctx, rule.limits()))
    return holds, tuple(ctx.reads)


def decide_subject(concern: Concern, ctx: Context) -> Decision:
    trace: list[Verdict] = []
    eliminated: dict[str, list[Verdict]] = {}
    for rule in concern.eliminations:
        holds, reads = _evaluate_rule(rule, ctx)
        verdict = Verdict(rule.id, ELIMINATED if holds else NOT_APPLICABLE, rule.choices,
                          ctx.render(rule.reason, rule.limits()) if holds else "", reads)
        trace.append(verdict)
        if holds:
            for choice in rule.choices:
                eliminated.setdefault(choice, []).append(verdict)

    winner: tuple[Select, Verdict] | None = None
    rows: list[tuple[Select, bool, tuple[Read, ...]]] = []
    for rule in concern.selects:
        if rule.when is None and (winner is not None or rule.choice in eliminated):
            rows.append((rule, True, ()))  # a default row that does not decide cites nothing
            trace.append(Verdict(rule.id, NOT_APPLICABLE, (rule.choice,), "", ()))
            continue
        holds, reads = _evaluate_rule(rule, ctx)
        rows.append((rule, holds, reads))
        reason = ctx.render(rule.reason, rule.limits()) if holds else ""
        if holds and winner is None and rule.choice not in eliminated:
            verdict = Verdict(rule.id, SELECTED, (rule.choice,), reason, reads)
            winner = (rule, verdict)
        elif holds and rule.when is not None and rule.choice in eliminated:
            verdict = Verdict(rule.id, OVERRULED, (rule.choice,), reason, reads)
        elif holds and rule.when is not None:
            verdict = Verdict(rule.id, PREFERRED, (rule.choice,), reason, reads)
        else:
            verdict = Verdict(rule.id, NOT_APPLICABLE, (rule.choice,), "", reads)
        trace.append(verdict)

    warnings: list[dict[str, str]] = []
    closest_fit = winner is None
    if winner is None:
        winner = _fallback(concern, rows, eliminated, ctx)
        rule, verdict = winner
        trace = [verdict if v.rule == rule.id else v for v in trace]
        broken = eliminated.pop(rule.choice, [])
        unmet = "; ".join(v.reason for v in broken) or "it is only the default"
        warnings.append({"rule": rule.id, "message": (
            f"no candidate meets every requirement; {rule.choice} is the closest fit, although: {unmet}")})
    rule, verdict = winner
    choice = rule.choice

    for warn in concern.warnings:
        if warn.choices and choice not in warn.choices:
            continue
        holds, reads = _evaluate_rule(warn, ctx)
        trace.append(Verdict(warn.id, "warning" if holds else NOT_APPLICABLE, warn.choices,
                             ctx.render(warn.reason, warn.limits()) if holds else "", reads))
        if holds:
            warnings.append({"rule": warn.id, "message": ctx.render(warn.reason, warn.limits())})

    alternatives = tuple(_why_not(alt, concern, eliminated, rows, rule, verdict)
                         for alt in concern.choices if alt != choice)
    replacement = ctx.render(rule.replacement, rule.limits()) if rule.replaced_by else ""
    return Decision(concern.id, ctx.subject.name, choice, rule, verdict.reason, verdict.evidence,
                    alternatives, tuple(warnings), tuple(trace), closest_fit=closest_fit, replacement=replacement)


def _fallback(concern: Concern, rows: list[tuple[Select, bool, tuple[Read, ...]]],
              eliminated: dict[str, list[Verdict]], ctx: Context) -> tuple[Select, Verdict]:
    """Every row's choice was eliminated: the closest fit. Of the default row and the rows that held,
    the one whose choice breaks the fewest requirements that cannot be traded off (hard eliminations),
    then the fewest in all; on a tie the default row, the general answer, then the earlier row."""
    hard = {rule.id for rule in concern.eliminations if rule.hard}

    def broken(rule: Select) -> tuple[int, int]:
        verdicts = eliminated.get(rule.choice, [])
        return sum(v.rule in hard for v in verdicts), len(verdicts)

    held = [rule for rule, holds, _ in rows if holds and rule.when is not None]
    rule = min([rows[-1][0]] + held, key=broken)  # min keeps the first of equals
    if rule is rows[-1][0]:  # the default's choice: explained by a row that held for it, if one did
        rule = next((r for r in held if r.choice == rule.choice), rule)
    _, reads = _evaluate_rule(rule, ctx)
    return rule, Verdict(rule.id, SELECTED, (rule.choice,), ctx.render(rule.reason, rule.limits()), reads)


def _why_not(choice: str, concern: Concern, eliminated: dict[str, list[Verdict]],
             rows: list[tuple[Select, bool, tuple[Read, ...]]], winner: Select, won: Verdict) -> Alternative:
    if choice in eliminated:
        verdicts = eliminated[choice]
        return Alternative(choice, "; ".join(v.reason for v in verdicts), tuple(v.rule for v in verdicts),
                           "eliminated")
    matched = [rule for rule, holds, _ in rows if holds and rule.when is not None and rule.choice == choice]
    if matched:
        return Alternative(choice, f"also fits ({matched[0].title}), but {winner.id} ranks first: "
                                   f"{won.reason}", (winner.id, matched[0].id), "outranked")
    default = rows[-1][0]
    if default.choice == choice:  # it would have been the answer, had no row above applied
        return Alternative(choice, f"the default, for when no other row applies; here {winner.id} does: "
                                   f"{won.reason}", (default.id, winner.id), "outranked")
    missed = [(rule, reads) for rule, holds, reads in rows if rule.choice == choice and not holds]
    if missed:
        rule, reads = missed[0]
        failed = [read for read in reads if not read.holds]
        detail = "; ".join(f"needs {read.test}, but {read.field} is {show(read.value)}" for read in failed)
        return Alternative(choice, f"not indicated: {detail or rule.title.lower()}",
                           tuple(r.id for r, _ in missed), "not-indicated")
    return Alternative(choice, f"no requirement calls for it; {winner.id} decides: {won.reason}",
                       (winner.id,), "not-indicated")


def decide(workload: Workload, concerns: list[Concern], derived: Derived) -> Result:
    """Decide every concern, in the order given (dependencies first: see model.ordered).

    Whether a concern applies is read through the same recording accessor as its rules, so each decision
    carries the reads that raised it (``raised_by``), and a default assumed in raising it is an assumption.
    """
    result = Result()
    decisions: dict[tuple[str, str | None], str] = {}
    root = Context(workload, derived, decisions)
    why_raised: dict[str, Assumption] = {}  # assumed in raising a concern: its reason wins over a plain default
    for concern in concerns:
        root.for_concern(concern.id, concern.depends_on)
        subjects = concern.raised(root)
        raised_by, raise_assumptions = tuple(root.reads), dict(root.assumptions)
        for subject in subjects:
            ctx = root.for_subject(subject)
            decision = decide_subject(concern, ctx)
            decision = replace(decision, raised_by=_unique(raised_by + tuple(subject.evidence)))
            decisions[(concern.id, subject.name)] = decision.choice
            result.decisions.append(decision)
            result.assumptions.update(ctx.assumptions)
            why_raised.update(raise_assumptions)
    result.assumptions.update(why_raised)
    return result


def _unique(reads: tuple[Read, ...]) -> tuple[Read, ...]:
    """The reads without repeats (a field tested twice the same way), in the order first made."""
    seen: set[str] = set()
    kept = []
    for read in reads:
        key = repr(read)
        if key not in seen:
            seen.add(key)
            kept.append(read)
    return tuple(kept)
