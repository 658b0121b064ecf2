"""Questions built on the engine: the answer key is whatever the engine decides.

For each question: a concern and a target choice are picked from the seed; a
workload is synthesised for which the engine selects the target (search.py);
the workload goes through the real loader and the engine once more, and the
question is kept only if that run selects the target. The options are the
engine's choice plus distractors from the decision's own alternatives
(those eliminated by a single rule first), and the explanation quotes the
winning rule, the evidence it read and each alternative's rejection reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from random import Random
from typing import Any

from ..engine.context import show
from ..engine.evaluate import Decision
from ..knowledge import load_catalogue
from . import fields as f
from . import prose
from .probe import evaluate, knowledge
from .search import is_fallback, synthesise, synthesiser

OPTIONS = 4
KEYS = "ABCDEFGH"

# Plausible wrong answers for concerns with fewer than four choices: choice ids of other concerns that
# an exam would offer beside them. Anything not listed falls back to choices of the same catalogue category.
RELATED: dict[str, tuple[str, ...]] = {
    "load-balancer": ("global-accelerator", "cloudfront", "api-gateway", "nat-gateway"),
    "edge": ("nlb", "alb", "direct-connect", "s3-transfer-acceleration"),
    "api": ("alb", "nlb", "cloudfront", "kinesis-data-streams"),
    "read-scaling": ("rds-multi-az", "aurora-global-database", "dax", "elasticache-memcached"),
    "cache": ("rds-read-replicas", "aurora-replicas", "cloudfront", "rds-multi-az"),
    "change-events": ("kinesis-data-streams", "sns", "cloudtrail", "sqs-standard"),
    "private-service-access": ("nat-gateway", "vpc-peering", "site-to-site-vpn", "transit-gateway"),
    "admin-access": ("site-to-site-vpn", "nat-gateway", "iam-identity-center", "vpc-interface-endpoint"),
    "internet-egress": ("vpc-gateway-endpoint", "vpc-interface-endpoint", "transit-gateway", "bastion-host"),
    "service-sharing": ("direct-connect", "site-to-site-vpn", "vpc-gateway-endpoint", "global-accelerator"),
    "hybrid-connectivity": ("vpc-peering", "transit-gateway", "global-accelerator", "s3-transfer-acceleration"),
    "web-protection": ("macie", "cloudtrail", "aws-config", "global-accelerator"),
    "private-content": ("waf", "cognito-user-pools", "kms", "iam-identity-center"),
    "placement-group": ("efa", "enhanced-networking", "ec2-auto-scaling", "spot"),
    "hpc-networking": ("cluster", "global-accelerator", "direct-connect", "transit-gateway"),
    "file-storage": ("ebs-io2", "s3-standard", "instance-store", "storage-gateway-file"),
    "etl": ("athena", "kinesis-data-firehose", "redshift-spectrum", "step-functions"),
    "data-lake-query": ("emr", "glue", "quicksight", "opensearch"),
    "end-user-identity": ("iam-identity-center", "secrets-manager", "kms", "cloudtrail"),
}


class QuizError(Exception):
    """No quiz can be produced for the arguments given."""


@dataclass
class Option:
    key: str
    choice: str
    text: str
    why: str = ""          # why it loses (empty for the answer)

    def to_dict(self) -> dict[str, str]:
        return {"key": self.key, "choice": self.choice, "text": self.text}


@dataclass
class Question:
    id: str
    concern: str
    subject: str | None
    scenario: str
    options: list[Option]
    answer: str
    rule: str
    rule_title: str
    reason: str
    evidence: list[str]
    fact: str
    workload: dict[str, Any]

    @property
    def answer_option(self) -> Option:
        return next(o for o in self.options if o.key == self.answer)

    def explanation(self) -> str:
        right = self.answer_option
        lines = [f"{right.key}. {right.text} is correct. {self.rule_title} (rule {self.rule}): {self.reason}."]
        if self.evidence:
            lines.append("From the scenario: " + "; ".join(self.evidence) + ".")
        if self.fact:
            lines.append(self.fact)
        for option in self.options:
            if option.key != self.answer:
                lines.append(f"{option.key}. {option.text} is wrong: {option.why}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "concern": self.concern,
            "subject": self.subject,
            "scenario": self.scenario,
            "options": [o.to_dict() for o in self.options],
            "answer": self.answer,
            "explanation": self.explanation(),
            "rule": self.rule,
            "workload": self.workload,
        }


# -- concerns ---------------------------------------------------------------------------
def eligible(concern_ids: list[str] | None = None) -> list[str]:
    """Concerns that can be asked about (two or more choice ids), in rule-base order; unknown ids raise."""
    from ..rules import concerns

    known = {concern.id: concern for concern in concerns()}
    askable = [cid for cid, concern in known.items() if len(concern.choices) >= 2]
    if not concern_ids:
        return askable
    unknown = [cid for cid in dict.fromkeys(concern_ids) if cid not in known]
    if unknown:
        raise KeyError(", ".join(unknown))
    too_small = [cid for cid in dict.fromkeys(concern_ids) if cid not in askable]
    if too_small:
        raise ValueError(", ".join(too_small))
    return [cid for cid in askable if cid in concern_ids]


# -- one question ------------------------------------------------------------------------
def _decision(decisions: list[Decision] | None, concern_id: str, subject: str | None) -> Decision | None:
    for d in decisions or []:
        if d.concern == concern_id and d.subject == subject:
            return d
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _finish(workload: dict, company: tuple, system: str) -> dict:
    """Name and describe the workload; key order as in the workload format."""
    done = dict(workload)
    done["name"] = _slug(f"{company[0]} {system.removeprefix('its ').removeprefix('a ').removeprefix('an ')}")[:63]
    done["description"] = f"{prose.cap(system.removeprefix('its '))} of {company[0]}, {company[1]}."
    return f.canonical(done)


def _evidence(decision: Decision, decisions: list[Decision]) -> list[str]:
    """The reads behind the winning rule; an earlier decision it depends on is explained in turn."""
    found = []
    for read in decision.because:
        value = show(read.value) if not isinstance(read.value, str) else read.value
        verdict = "holds" if read.holds else "does not hold"
        if read.test in ("read", "cited", "derived"):   # a value quoted, not tested
            text = f"{read.field} = {value}"
        else:
            text = f"{read.field} = {value} ({read.test}: {verdict})"
        if read.field.startswith("decision."):
            concern = re.sub(r"\[.*\]$", "", read.field[9:])
            earlier = _decision(decisions, concern, decision.subject) or _decision(decisions, concern, None)
            if earlier is not None:
                text += f", because {earlier.rule.title.lower()}: {earlier.reason}"
        found.append(text)
    return list(dict.fromkeys(found))


def _options(decision: Decision, concern_id: str, rng: Random) -> list[Option]:
    catalogue = load_catalogue()
    known = knowledge()
    tiers: list[list[tuple[str, str]]] = [[], [], [], []]
    for alt in decision.alternatives:
        if alt.how == "eliminated":
            tier = 0 if len(alt.rules) == 1 else 1
        elif alt.how == "outranked":
            tier = 2
        else:
            tier = 3
        tiers[tier].append((alt.choice, alt.rejected))
    picked: list[tuple[str, str]] = []
    for tier in tiers:
        rng.shuffle(tier)
        for item in tier:
            if len(picked) < OPTIONS - 1:
                picked.append(item)
    if len(picked) < OPTIONS - 1:
        own = set(known.concerns[concern_id].choices)
        owners = {}
        for other in known.concerns.values():
            for choice in other.choices:
                owners.setdefault(choice, other)
        related = [c for c in RELATED.get(concern_id, ()) if c in catalogue and c not in own]
        category = catalogue[decision.choice].category
        same_category = sorted(c for c in owners if c not in own and c not in related
                               and catalogue[c].category == category)
        rng.shuffle(same_category)
        anything = sorted(c for c in owners if c not in own and c not in related and c not in same_category)
        rng.shuffle(anything)
        for choice in related + same_category + anything:
            if len(picked) >= OPTIONS - 1:
                break
            if any(choice == p[0] or catalogue[choice].name == catalogue[p[0]].name for p in picked):
                continue
            owner = owners.get(choice)
            facts = catalogue[choice].facts
            this = known.concerns[concern_id].title
            if owner is not None:
                why = f"it answers a different question ({owner.title}), not this one ({this})."
            else:
                why = f"it is not an option for {this}."
            why += f" {facts[0].text}" if facts else ""
            picked.append((choice, why))
    options = [(decision.choice, "")] + picked
    rng.shuffle(options)
    return [Option(KEYS[i], choice, catalogue[choice].name, _sentence(why)) for i, (choice, why) in enumerate(options)]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def build_question(concern_id: str, number: int, seed: int, round_: int, company: tuple,
                   avoid_names: set[str]) -> Question | None:
    """One question about a concern, or None when no target of the concern could be synthesised."""
    known = knowledge()
    concern = known.concerns[concern_id]
    rng = Random(f"archadvisor-quiz:{seed}:{number}:{concern_id}:{round_}")
    choices = list(concern.choices)
    Random(f"archadvisor-quiz:{seed}:{concern_id}:targets").shuffle(choices)
    targets = choices[round_ % len(choices):] + choices[:round_ % len(choices)]
    catalogue = load_catalogue()
    system = rng.choice(company[2])
    synth = synthesiser(concern_id)
    for target in targets:
        found = synthesise(concern_id, target, rng)
        if found is None:
            continue
        found = synth.rename(found, target, rng, avoid_names)
        workload = found.workload
        if "region" not in workload and rng.random() < 0.75:
            workload = dict(workload, region=f.sample("region", rng))
        workload = _finish(workload, company, system)
        decisions = evaluate(workload, strict=True) or []
        decision = _decision(decisions, concern_id, found.subject)
        if decision is None or decision.choice != target or is_fallback(decision):
            workload.pop("region", None)
            decisions = evaluate(workload, strict=True) or []
            decision = _decision(decisions, concern_id, found.subject)
            if decision is None or decision.choice != target or is_fallback(decision):
                continue
        subject = None
        if found.subject is not None and concern.subject_kind in ("store", "channel"):
            listed = "data" if concern.subject_kind == "store" else "messaging"
            kind = (f.item(workload, listed, found.subject) or {}).get("kind")
            subject = prose.Subject(found.subject, kind, listed)
        service = found.subject if concern.subject_kind == "service" else None
        answer = catalogue[target]
        text = ""
        for _ in range(4):
            candidate = prose.scenario(workload, company, system, concern_id, concern.question, subject, service,
                                       rng)
            if not prose.names_service(candidate, answer.name, answer.id):
                text = candidate
                break
        if not text:
            continue
        options = _options(decision, concern_id, rng)
        if len(options) < OPTIONS or len({o.choice for o in options}) != len(options):
            continue
        if found.subject is not None:
            avoid_names.add(found.subject)
        return Question(
            id=f"q{number:02d}",
            concern=concern_id,
            subject=decision.subject,
            scenario=text,
            options=options,
            answer=next(o.key for o in options if o.choice == target),
            rule=decision.rule.id,
            rule_title=decision.rule.title,
            reason=decision.reason,
            evidence=_evidence(decision, decisions),
            fact=answer.facts[0].text if answer.facts else "",
            workload=workload,
        )
    return None


# -- the quiz ---------------------------------------------------------------------------
def generate(count: int = 10, seed: int = 0, concern_ids: list[str] | None = None) -> list[Question]:
    """``count`` questions, round-robin over the concerns in a seeded order; same arguments, same questions."""
    if count < 1:
        raise ValueError("count must be at least 1")
    pool = eligible(concern_ids)
    order_rng = Random(f"archadvisor-quiz:{seed}:order")
    order = list(pool)
    order_rng.shuffle(order)
    companies = list(prose.COMPANIES)
    order_rng.shuffle(companies)
    rounds = {cid: 0 for cid in order}
    questions: list[Question] = []
    names: set[str] = set()
    position = 0
    while len(questions) < count and order:
        concern_id = order[position % len(order)]
        company = companies[len(questions) % len(companies)]
        question = build_question(concern_id, len(questions) + 1, seed, rounds[concern_id], company, names)
        rounds[concern_id] += 1
        if question is None:
            order.remove(concern_id)   # nothing of this concern can be synthesised: leave it out
            continue
        questions.append(question)
        position += 1
    if not questions:
        raise QuizError("no question could be generated for " + ", ".join(pool))
    return questions


def quiz_document(questions: list[Question], seed: int) -> dict[str, Any]:
    return {"seed": seed, "questions": [q.to_dict() for q in questions]}
