"""Questions built on the engine: the answer key is whatever the engine decides, and nothing else fits.

For each question: a concern (or a pair of related concerns, or the security controls) is picked by
the exam domain's weight; a workload is synthesised for which the engine selects a target (search.py);
``settle`` states every value the key's rule reads and states requirements that rule out more of the
concern's other choices; the wrong options are choices ruled out by a stated requirement, or by a
qualifier the stem then carries (judge.py); ``focus`` drops every sentence the question does not need
but at most one deliberate distractor; the workload goes through the real loader and the engine again
before the question is kept. The explanation quotes the scenario's own sentences behind the key's rule
and behind each wrong option's elimination; rule ids and evidence are kept for ``--verbose``.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from random import Random
from typing import Any, Callable

from ..engine.evaluate import Decision
from ..knowledge import load_catalogue
from . import fields as f
from . import judge, prose, teach, wording
from .probe import evaluate, knowledge
from .search import is_fallback, synthesise, synthesiser

OPTIONS = 4
KEYS = "ABCDEFGH"


class QuizError(Exception):
    """No quiz can be produced for the arguments given."""


@dataclass
class Option:
    key: str
    choice: str
    text: str
    concern: str
    why: str = ""                 # plain language: why it loses (empty for a key)
    detail: str = ""              # rule ids and the engine's reason, shown with --verbose

    def to_dict(self, multi: bool = False) -> dict[str, str]:
        found = {"key": self.key, "choice": self.choice, "text": self.text}
        if multi:
            found["concern"] = self.concern
        return found


@dataclass
class Question:
    id: str
    concern: str
    subject: str | None
    domain: str
    scenario: str
    options: list[Option]
    keys: list[str]               # one key, or two for "Choose two"
    qualifier: str | None
    rule: str
    why_right: list[str]          # plain language, one line per key
    detail: list[str]             # rule ids, reasons and evidence (--verbose)
    link: str
    workload: dict[str, Any]

    @property
    def multi(self) -> bool:
        return len(self.keys) > 1

    @property
    def answer(self) -> str | list[str]:
        return list(self.keys) if self.multi else self.keys[0]

    @property
    def answer_option(self) -> Option:
        return next(o for o in self.options if o.key == self.keys[0])

    def is_right(self, given: str) -> bool:
        letters = sorted(set(re.sub(r"[^A-Z]", "", given.upper())))
        return letters == sorted(self.keys)

    def explanation(self, verbose: bool = False) -> str:
        right = [o for o in self.options if o.key in self.keys]
        lines = [f"Answer: {', '.join(o.key for o in right)}."]
        lines += self.why_right
        for option in self.options:
            if option.key not in self.keys:
                lines.append(f"{option.key} is wrong: {option.why}")
        if self.link:
            lines.append(f"Learn more: {self.link}")
        if verbose:
            lines += self.detail
            lines += [f"{o.key}: {o.detail}" for o in self.options if o.key not in self.keys and o.detail]
        return "\n".join(lines)

    def to_dict(self, verbose: bool = False) -> dict[str, Any]:
        return {
            "id": self.id,
            "concern": self.concern,
            "subject": self.subject,
            "domain": self.domain,
            "multi_select": self.multi,
            "qualifier": self.qualifier,
            "scenario": self.scenario,
            "options": [o.to_dict(self.multi) for o in self.options],
            "answer": self.answer,
            "explanation": self.explanation(verbose),
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


def _fits(decision: Decision | None, target: str, workload: dict, decisions: list[Decision] | None) -> bool:
    # another concern that decides the same service (fsx-windows for a file store and for hybrid storage, macie)
    # must rest on stated values too, or the scenario leaves a reader guessing which one the option means
    twins = [d for d in decisions or [] if d.choice == target and d is not decision]
    return (decision is not None and decision.choice == target and not is_fallback(decision)
            and judge.key_is_stated(decision, workload, decisions) and judge.coherent(decision, workload)
            and all(judge.key_is_stated(twin, workload, decisions) for twin in twins)
            and not judge.at_a_limit(r for v in decision.trace for r in v.evidence
                                     if not r.field.startswith(("decision.", "derived.")) and judge.is_stated(workload, r)))


def _paths(reads) -> list[str]:
    known = knowledge()
    found = []
    for read in reads:
        found.extend(known.blame(read.field))
    return [p for p in dict.fromkeys(found) if p not in f.INERT and p in f.leaves()]


class _Probe:
    """The engine's decisions for a candidate workload (fast path while searching)."""

    def __init__(self, concern_id: str, subject: str | None, target: str):
        self.synth = synthesiser(concern_id)
        self.concern, self.subject, self.target = concern_id, subject, target

    def run(self, workload: dict) -> tuple[Decision, list[Decision]] | None:
        decisions = evaluate(workload) or []
        decision = _decision(decisions, self.concern, self.subject)
        if decision is None or decision.choice != self.target or is_fallback(decision):
            return None
        return decision, decisions


def settle(concern_id: str, subject: str | None, target: str, workload: dict,
           rng: Random, spare: frozenset[str] = frozenset()) -> tuple[dict, Decision] | None:
    """State every value the key's rule reads, then state requirements that rule out more alternatives;
    None when the key cannot rest on stated values alone."""
    probe = _Probe(concern_id, subject, target)
    found = probe.run(workload)
    if found is None:
        return None
    decision, decisions = found
    for read in [r for r in decision.because if not judge.is_stated(workload, r, decisions)]:
        for path in _paths([read])[:2]:
            for _ in range(6):
                trial = copy.deepcopy(workload)
                probe.synth.mutate(trial, path, rng, subject)
                kept = probe.run(trial)
                if kept is not None and judge.is_stated(trial, read, kept[1]):
                    workload, (decision, decisions) = trial, kept
                    break
    if not judge.key_is_stated(decision, workload, decisions):
        return None
    rules = {rule.id: rule for rule in knowledge().concerns[concern_id].eliminations}
    alternatives = [a.choice for a in decision.alternatives if a.choice not in judge.NOT_SOLD | spare]
    rng.shuffle(alternatives)
    for choice in alternatives:
        removed = judge.eliminations(decision, workload, decisions)
        if choice in removed:
            continue
        reads = [r for v in decision.trace if v.rule in rules and choice in rules[v.rule].choices for r in v.evidence]
        for path in _paths(reads)[:3]:
            done = False
            for _ in range(3):
                trial = copy.deepcopy(workload)
                probe.synth.mutate(trial, path, rng, subject)
                kept = probe.run(trial)
                if kept is None or not judge.key_is_stated(kept[0], trial, kept[1]):
                    continue
                now = judge.eliminations(kept[0], trial, kept[1])
                if choice in now and set(removed) <= set(now):
                    workload, (decision, decisions), done = trial, kept, True
                    break
            if done:
                break
    return workload, decision


def _needed(decision: Decision, decisions: list[Decision], workload: dict, wrong: list[str]) -> set:
    """The (schema path, item name) pairs behind the key and the rulings of the wrong options."""
    reads = list(decision.because)
    removed = judge.eliminations(decision, workload, decisions)
    for choice in wrong:
        if choice in removed:
            reads += removed[choice].reads
    for read in list(reads):   # an earlier decision the key rests on: its reads too
        earlier = judge._earlier(read.field, decisions) if read.field.startswith("decision.") else None
        if earlier is not None:
            reads += earlier.because
    keep = set()
    refs = f.leaf_refs(workload)
    for read in reads:
        name = judge._name_of(read.field)
        for path in _paths([read]):
            keep |= {(p, n) for p, n in refs if p == path and (name is None or n == name)}
    return keep


def _verified(trial: dict, asked: list[tuple[Decision, list[str], str | None]]) -> bool:
    """The engine, through the loader, still keys the same choices and rules the wrong options the same way."""
    found = evaluate(trial, strict=True) or []
    for decision, wrong, qualifier in asked:
        again = _decision(found, decision.concern, decision.subject)
        if not _fits(again, decision.choice, trial, found):
            return False
        rulings = judge.rule_on(again, trial, wrong, qualifier, found)
        if any(r.how == judge.STANDING for r in rulings.values()):
            return False
        qualified = [c for c, r in rulings.items() if r.how == judge.QUALIFIER]
        if qualifier and judge.qualifier_for(again, trial, qualified) != qualifier:
            return False
    return True


def _without(workload: dict, refs: list[tuple[str, str | None]], subjects: set) -> dict:
    trial = copy.deepcopy(workload)
    for path, name in refs:
        f.drop(trial, path, name)
    for listed in f.ITEM_LISTS:   # entries left with nothing but a kind tell the reader nothing
        named = {n for p, n in f.leaf_refs(trial) if f.item_list(p) == listed and p != "data.kind"}
        entries = [e for e in trial.get(listed, []) if e.get("name") in named | subjects]
        if entries:
            trial[listed] = entries
        else:
            trial.pop(listed, None)
    return f.canonical(trial)


# Fields the story always keeps (a store's kind introduces it), and fields it keeps only when the key needs
# them: one that says what a store holds ("uploaded videos", "user sessions") beside the kind's introduction
# ("each item is a PDF") tells two stories, so it is never the deliberate distractor.
ALWAYS_TOLD = ("data.kind", "region")
NEVER_A_DISTRACTOR = ("data.transcode", "data.sessions")


def focus(workload: dict, asked: list[tuple[Decision, list[str], str | None]], decisions: list[Decision],
          rng: Random, extra: int) -> dict:
    """Drop every sentence the question does not need, but ``extra`` (0 or 1) deliberate distractor.

    ``asked`` holds each keyed decision with its wrong options and qualifier. Everything the deciding
    rules do not read goes at once when the engine (through the loader) still rules the same way; else
    one sentence at a time, each kept out only if the ruling holds (a concern must still be raised).
    """
    keep = set()
    for decision, wrong, _ in asked:
        keep |= _needed(decision, decisions, workload, wrong)
    subjects = {decision.subject for decision, _, _ in asked}
    spare = [ref for ref in f.leaf_refs(workload) if ref not in keep and ref[0] not in ALWAYS_TOLD]
    rng.shuffle(spare)
    spare.sort(key=lambda ref: ref[0] in NEVER_A_DISTRACTOR)  # stable: the distractor kept is never one of them
    kept = 1 if extra and spare and spare[0][0] not in NEVER_A_DISTRACTOR else 0
    dropped = spare[kept:]
    trial = _without(workload, dropped, subjects)
    if _verified(trial, asked):
        return trial
    gone: list[tuple[str, str | None]] = []
    for ref in dropped:
        trial = _without(workload, gone + [ref], subjects)
        if _verified(trial, asked):
            gone.append(ref)
    return _without(workload, gone, subjects) if gone else workload


def _distractors(decision: Decision, decisions: list[Decision], workload: dict, rng: Random, wanted: int,
                 qualify: bool = True) -> tuple[list[str], str | None] | None:
    """Wrong options each ruled out by a stated requirement, or (one or two) by a qualifier that decides."""
    ruled = {**judge.by_table(decision, workload), **judge.eliminations(decision, workload, decisions)}
    removed = [c for c in ruled if c not in judge.NOT_SOLD]
    rng.shuffle(removed)
    standing = [a.choice for a in decision.alternatives if a.choice not in removed and a.choice not in judge.NOT_SOLD]
    qualifier, worse = None, []
    if qualify:
        names = list(judge.QUALIFIERS)
        rng.shuffle(names)
        for name in names:
            candidates = [c for c in standing if judge.qualifier_for(decision, workload, [c]) == name]
            if candidates:
                qualifier, worse = name, candidates
                break
    rng.shuffle(worse)
    picked = (worse[:rng.choice((1, 2))] + removed)[:wanted]
    if len(picked) < OPTIONS - 1:
        return None
    if qualifier and not any(c in worse for c in picked):
        qualifier = None
    return picked, qualifier


def _subject(concern_id: str, subject_name: str | None, workload: dict) -> prose.Subject | None:
    concern = knowledge().concerns[concern_id]
    if subject_name is None or concern.subject_kind not in ("store", "channel"):
        return None
    listed = "data" if concern.subject_kind == "store" else "messaging"
    kind = (f.item(workload, listed, subject_name) or {}).get("kind")
    return prose.Subject(subject_name, kind, listed)


# A fan-out that must keep order is a FIFO topic feeding FIFO queues: the option says so, or a reader who knows
# that standard SNS and SQS reorder messages would rightly reject the key.
ORDERED_FANOUT = "an Amazon SNS FIFO topic fanned out to Amazon SQS FIFO queues"


def _option_text(concern_id: str, choice: str, subject: prose.Subject | None, rng: Random,
                 workload: dict | None = None) -> str:
    noun = subject.noun(Random(choice)) if subject else "the data"
    name = load_catalogue()[choice].name
    if choice == "sns-sqs-fanout" and subject is not None and workload is not None:
        if (f.item(workload, "messaging", subject.name) or {}).get("ordering") == "strict":
            name = ORDERED_FANOUT
    return wording.action(concern_id, name, noun, choice)


def _candidate(concern_id: str, target: str, rng: Random, company: tuple, system: str,
               avoid_names: set[str]) -> tuple[dict, Decision, str | None, list[Decision]] | None:
    """A named, settled workload whose key (target) rests on stated values, checked through the loader."""
    found = synthesise(concern_id, target, rng)
    if found is None:
        return None
    workload = found.workload
    if "region" not in workload and rng.random() < 0.75:
        workload = dict(workload, region=f.sample("region", rng))
    spare = frozenset()
    if rng.random() < 0.9:   # leave standing the options a qualifier would rule out: a qualified question
        spare = frozenset(choice for _, ranks in judge.QUALIFIERS.values() for choice, rank in
                          ranks.get(concern_id, {}).items() if target in ranks[concern_id]
                          and rank > ranks[concern_id][target])
    settled = settle(concern_id, found.subject, target, workload, rng, spare)
    if settled is None:
        return None
    company = company_for(settled[0], company)  # before naming: the data's names fit the business told
    named, subject = _rename(settled[0], found.subject, company, rng, avoid_names)
    workload = _finish(named, company, system_for(named, system))
    decisions = evaluate(workload, strict=True) or []
    decision = _decision(decisions, concern_id, subject)
    if not _fits(decision, target, workload, decisions):
        return None
    return workload, decision, subject, decisions


# Systems that tightly coupled HPC or GPUs fit: a "customer self-service portal" that needs an MPI cluster
# reads as a made-up story.
COMPUTE_HEAVY_SYSTEMS = {"hpc": "its simulation cluster", "gpu": "its machine-learning training platform"}


# Businesses that run such systems: an "online clothing retailer" with an MPI cluster is as made-up as the portal.
COMPUTE_HEAVY_COMPANIES = ("Helix Genomics", "Lumen Studios", "Brightpath University", "Globex Pharma",
                           "Atlas Manufacturing", "VoltGrid Energy")


def _compute_heavy(workload: dict) -> bool:
    compute = workload.get("compute") if isinstance(workload.get("compute"), dict) else {}
    return any(compute.get(need) is True for need in COMPUTE_HEAVY_SYSTEMS)


def company_for(workload: dict, company: tuple) -> tuple:
    """The company the story names, unless the workload is a kind of system that company would not run: then
    one of the businesses that do, picked by the company's name so that a seed always tells the same story."""
    if not _compute_heavy(workload) or company[0] in COMPUTE_HEAVY_COMPANIES:
        return company
    fitting = [c for c in prose.COMPANIES if c[0] in COMPUTE_HEAVY_COMPANIES]
    return fitting[sum(map(ord, company[0])) % len(fitting)]


def system_for(workload: dict, system: str) -> str:
    """The system the story names, unless the workload's compute says it is another kind of system."""
    compute = workload.get("compute") if isinstance(workload.get("compute"), dict) else {}
    for need, name in COMPUTE_HEAVY_SYSTEMS.items():
        if compute.get(need) is True:
            return name
    return system


def _rename(workload: dict, subject: str | None, company: tuple, rng: Random,
            avoid: set[str]) -> tuple[dict, str | None]:
    """Every store and channel named as this business would name it (names never change a decision:
    the renamed workload is decided again before it is used)."""
    renamed = copy.deepcopy(workload)
    used: set[str] = set()
    new_subject = subject
    for listed in f.ITEM_LISTS:
        for entry in renamed.get(listed, []):
            kind = entry.get("kind", "object") if listed == "data" else "channel"
            pool = [n for n in wording.names_for(kind, company[1]) if n not in used]
            fresh = [n for n in pool if n not in avoid] or pool or [f"{kind}-{len(used) + 1}"]
            name = rng.choice(fresh)
            used.add(name)
            if entry.get("name") == subject:
                new_subject = name
            entry["name"] = name
    return renamed, new_subject


def _targets(concern_id: str, seed: int, round_: int) -> list[str]:
    choices = [c for c in knowledge().concerns[concern_id].choices if c not in judge.NOT_SOLD]
    Random(f"archadvisor-quiz:{seed}:{concern_id}:targets").shuffle(choices)
    return choices[round_ % len(choices):] + choices[:round_ % len(choices)]


def build_question(concern_id: str, number: int, seed: int, round_: int, company: tuple,
                   avoid_names: set[str]) -> Question | None:
    """One single-answer question about a concern, or None when no fair one could be built."""
    concern = knowledge().concerns[concern_id]
    rng = Random(f"archadvisor-quiz:{seed}:{number}:{concern_id}:{round_}")
    system = rng.choice(company[2])
    catalogue = load_catalogue()
    for target in _targets(concern_id, seed, round_):
        made = _candidate(concern_id, target, rng, company, system, avoid_names)
        if made is None:
            continue
        workload, decision, subject_name, decisions = made
        wanted = 4 if rng.random() < 0.3 else OPTIONS - 1
        picked = _distractors(decision, decisions, workload, rng, wanted)
        if picked is None:
            continue
        wrong, qualifier = picked
        workload = focus(workload, [(decision, wrong, qualifier)], decisions, rng, extra=rng.choice((0, 1, 1)))
        decisions = evaluate(workload, strict=True) or []
        decision = _decision(decisions, concern_id, subject_name)
        subject = _subject(concern_id, subject_name, workload)
        service = subject_name if concern.subject_kind == "service" else None
        stem = rng.choice(wording.QUALIFIED_STEMS[qualifier]) if qualifier else None
        silent = wording.QUALIFIER_FIELDS[qualifier] if qualifier else ()
        text = said = None
        system, teller = system_for(workload, system), company_for(workload, company)
        for _ in range(4):
            candidate, sentences = prose.compose(workload, teller, system, concern_id, concern.question, subject,
                                                 service, rng, stem, silent)
            if not prose.names_service(candidate, catalogue[target].name, target):
                text, said = candidate, sentences
                break
        if text is None:
            continue
        choices = [target] + wrong
        rng.shuffle(choices)
        options = [Option(KEYS[i], c, _option_text(concern_id, c, subject, rng, workload), concern_id)
                   for i, c in enumerate(choices)]
        key = next(o for o in options if o.choice == target)
        for option in options:
            if option is not key:
                option.why, option.detail = teach.why_wrong(option.choice, decision, decisions, workload, said,
                                                       qualifier)
        if subject_name is not None:
            avoid_names.add(subject_name)
        return Question(
            id=f"q{number:02d}", concern=concern_id, subject=decision.subject,
            domain=wording.CONCERN_DOMAIN.get(concern_id, "performance"), scenario=text, options=options,
            keys=[key.key], qualifier=qualifier, rule=decision.rule.id,
            why_right=[teach.why_right(key, decision, decisions, workload, said, qualifier)],
            detail=teach.detail(decision, []), link=teach.link(decision), workload=workload)
    return None


# -- the quiz ---------------------------------------------------------------------------
MULTI_SHARE = 0.2   # chance that a slot asks a "Choose two" question, while fewer than MULTI_MAX of the quiz are
MULTI_MAX = 0.25    # ... unless the slot's domain has no single-answer concern left
SINGLE_MAX = 15     # percent of the quiz one concern, pair or the security controls may ask


def _build(label: str, number: int, seed: int, round_: int, company: tuple, names: set[str]) -> Question | None:
    from .multi import build_controls, build_pair   # multi builds on this module's helpers

    if label == "controls":
        return build_controls(number, seed, round_, company, names)
    if "+" in label:
        return build_pair(tuple(label.split("+")), number, seed, round_, company, names)
    return build_question(label, number, seed, round_, company, names)


def generate(count: int = 10, seed: int = 0, concern_ids: list[str] | None = None,
             progress: Callable[[int, int], None] | None = None) -> list[Question]:
    """``count`` questions, domains weighted as in the exam guide, concerns round-robin inside a domain.

    A slot asks a "Choose two" question (a pair of related concerns, or the security controls) now and then,
    and always when its domain has no single-answer concern left; a concern that twice yields no fair
    question is dropped. Same arguments, same questions. ``progress(done, count)`` follows each question.
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    pool = eligible(concern_ids)
    order_rng = Random(f"archadvisor-quiz:{seed}:order")
    singles: dict[str, list[str]] = {}
    known = knowledge()
    for concern_id in pool:   # four options need three wrong ones from the concern itself
        if len([c for c in known.concerns[concern_id].choices if c not in judge.NOT_SOLD]) >= OPTIONS:
            singles.setdefault(wording.CONCERN_DOMAIN.get(concern_id, "performance"), []).append(concern_id)
    for members in singles.values():
        order_rng.shuffle(members)
    # a pair needs one concern asked for; that one leads (it names the question's concern and domain)
    pairs = [p if p[0] in pool else (p[1], p[0]) for p in wording.PAIRS if p[0] in pool or p[1] in pool]
    if concern_ids:
        pairs = [p for p in pairs if p[1] in eligible()]
    multis: dict[str, list[str]] = {}
    if concern_ids is None or set(concern_ids) & set(judge.CONTROLS):
        multis["secure"] = ["controls"]
    for pair in pairs:
        multis.setdefault(wording.CONCERN_DOMAIN.get(pair[0], "performance"), []).append("+".join(pair))
    for members in multis.values():
        order_rng.shuffle(members)
    slots = wording.plan(count, pool, order_rng)
    companies = list(prose.COMPANIES)
    order_rng.shuffle(companies)
    rounds: dict[str, int] = {}
    dead: dict[str, int] = {}   # a label that failed twice in a row yields no fair question here: skip it
    turn: dict[str, int] = {}
    questions: list[Question] = []
    names: set[str] = set()
    asked: dict[str, int] = {}
    # one concern (or pair, or the controls) asks at most ``cap`` questions, and is dropped after ``tries``
    # failures in a row; a quiz on chosen concerns asks them as often as it takes, and tries harder
    cap = count if concern_ids else max(2, -(-count * SINGLE_MAX // 100))
    tries = 6 if concern_ids else 2
    failures = 0
    while len(questions) < count and failures < 4 * count + 20:
        domain = slots[len(questions) % len(slots)]
        room = sum(q.multi for q in questions) < max(1, round(count * MULTI_MAX))

        def alive(table: dict[str, list[str]], where: str | None) -> list[str]:
            groups = [table.get(where, [])] if where else list(table.values())
            return [label for group in groups for label in group if dead.get(label, 0) < tries]

        one = [c for c in alive(singles, domain) if asked.get(c, 0) < cap]
        two = [c for c in alive(multis, domain) if asked.get(c, 0) < cap] if room or not one else []
        if not one and not two:   # the domain has nothing left: any domain's
            one, two = alive(singles, None), alive(multis, None) if room else []
        if not one and not two:
            break
        position = turn.get(domain, 0)
        turn[domain] = position + 1
        # a quiz of ten or more asks "Choose two" at least once: past half-way without one, the next slot that can does
        overdue = count >= 10 and len(questions) >= count // 2 and not any(q.multi for q in questions)
        use = two if two and (not one or overdue or order_rng.random() < MULTI_SHARE) else one
        label = use[position % len(use)]
        question = _build(label, len(questions) + 1, seed, rounds.get(label, 0),
                          companies[len(questions) % len(companies)], names)
        rounds[label] = rounds.get(label, 0) + 1
        if question is None:
            failures += 1
            dead[label] = dead.get(label, 0) + 1
            continue
        dead[label] = 0   # only failures in a row drop a label
        asked[label] = asked.get(label, 0) + 1
        questions.append(question)
        if progress is not None:
            progress(len(questions), count)
    if not questions:
        raise QuizError(f"no fair question could be built for {', '.join(pool)}: every wrong option must fail a "
                        "requirement the scenario states, and a concern with fewer than four choices is only asked "
                        "in 'Choose two' pairs with a related concern; try another --seed, or add a related "
                        "concern (archadvisor rules lists them)")
    return questions


def quiz_document(questions: list[Question], seed: int, verbose: bool = False) -> dict[str, Any]:
    return {"seed": seed, "questions": [q.to_dict(verbose) for q in questions]}
