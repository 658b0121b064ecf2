"""Questions with two keys ("Choose two"): a pair of related concerns read from one merged workload, and
the account-wide security controls, where the wrong options are controls the scenario says are not needed."""
from __future__ import annotations

import copy
from random import Random
from typing import Any

from ..engine.evaluate import Decision
from ..knowledge import load_catalogue
from . import fields as f
from . import judge, prose, teach, wording
from .generate import (KEYS, Option, Question, _candidate, _decision, _finish, _fits, _option_text, _subject,
                       _targets, company_for, focus, system_for)
from .probe import evaluate, knowledge


def _merge(first: dict, second: dict, top: bool = True) -> dict | None:
    """Two workload fragments as one, or None when they disagree on a value or share an item name."""
    merged = copy.deepcopy(first)
    for key, value in second.items():
        if top and key in f.ITEM_LISTS:
            names = {e.get("name") for e in merged.get(key, [])}
            if any(e.get("name") in names for e in value):
                return None
            merged[key] = merged.get(key, []) + copy.deepcopy(value)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            inner = _merge(merged[key], value, top=False)
            if inner is None:
                return None
            merged[key] = inner
        elif key in merged and merged[key] != value:
            return None
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def build_pair(pair: tuple[str, str], number: int, seed: int, round_: int, company: tuple,
               avoid_names: set[str]) -> Question | None:
    """A "Choose two" question: one key from each concern of a pair, read from one merged workload."""
    rng = Random(f"archadvisor-quiz:{seed}:{number}:{'+'.join(pair)}:{round_}")
    system = rng.choice(company[2])
    catalogue = load_catalogue()
    known = knowledge()
    for target_a in _targets(pair[0], seed, round_)[:3]:
        for target_b in _targets(pair[1], seed, round_ + 1)[:2]:
            made_a = _candidate(pair[0], target_a, rng, company, system, avoid_names)
            made_b = _candidate(pair[1], target_b, rng, company, system, avoid_names)
            if made_a is None or made_b is None:
                continue
            strip = ("name", "description")
            merged = _merge({k: v for k, v in made_a[0].items() if k not in strip},
                            {k: v for k, v in made_b[0].items() if k not in strip})
            if merged is None:
                continue
            teller = company_for(merged, company)
            workload = _finish(merged, teller, system_for(merged, system))
            decisions = evaluate(workload, strict=True) or []
            first = _decision(decisions, pair[0], made_a[2])
            second = _decision(decisions, pair[1], made_b[2])
            if not (_fits(first, target_a, workload, decisions) and _fits(second, target_b, workload, decisions)):
                continue
            wrong: list[tuple[str, Decision]] = []
            for mine, other in ((first, second), (second, first)):
                ruled = [c for c in judge.eliminations(mine, workload, decisions) if c not in judge.NOT_SOLD
                         and c not in known.concerns[other.concern].choices]
                rng.shuffle(ruled)
                wrong += [(c, mine) for c in ruled[:2]]
            if len(wrong) < 2:   # two keys and at least two wrong options: four or five in all
                continue
            rng.shuffle(wrong)
            wrong = wrong[:3]
            asked = [(d, [c for c, own in wrong if own is d], None) for d in (first, second)]
            workload = focus(workload, asked, decisions, rng, extra=rng.choice((0, 1)))
            decisions = evaluate(workload, strict=True) or []
            first = _decision(decisions, pair[0], made_a[2])
            second = _decision(decisions, pair[1], made_b[2])
            wrong = [(c, first if own.concern == first.concern else second) for c, own in wrong]
            stem = rng.choice(wording.MULTI_STEMS)
            subject = _subject(pair[0], made_a[2], workload)
            text, said = prose.compose(workload, teller, system_for(workload, system), pair[0], "", subject, None,
                                       rng, stem)
            if any(prose.names_service(text, catalogue[t].name, t) for t in (target_a, target_b)):
                continue
            entries = [(target_a, first), (target_b, second)] + wrong
            rng.shuffle(entries)
            options = []
            for i, (choice, decision) in enumerate(entries):
                own = _subject(decision.concern, decision.subject, workload)
                options.append(Option(KEYS[i], choice, _option_text(decision.concern, choice, own, rng),
                                      decision.concern))
            rights = []
            for option, (choice, decision) in zip(options, entries):
                if choice == decision.choice:
                    rights.append(teach.why_right(option, decision, decisions, workload, said, None))
                else:
                    option.why, option.detail = teach.why_wrong(choice, decision, decisions, workload, said, None)
            return Question(
                id=f"q{number:02d}", concern=pair[0], subject=first.subject,
                domain=wording.CONCERN_DOMAIN.get(pair[0], "performance"), scenario=text, options=options,
                keys=[o.key for o, (c, d) in zip(options, entries) if c == d.choice], qualifier=None,
                rule=f"{first.rule.id}, {second.rule.id}", why_right=rights,
                detail=teach.detail(first, []) + teach.detail(second, []), link=teach.link(first), workload=workload)
    return None


def build_controls(number: int, seed: int, round_: int, company: tuple, avoid_names: set[str]) -> Question | None:
    """A "Choose two" question on account-wide security controls: two are required, the wrong options are
    controls the scenario says are not needed (each a stated requirement the option fails)."""
    rng = Random(f"archadvisor-quiz:{seed}:{number}:controls:{round_}")
    system = rng.choice(company[2])
    catalogue = load_catalogue()
    known = knowledge()
    controls = [c for c in judge.CONTROLS if c in known.concerns]
    for _ in range(6):
        rng.shuffle(controls)
        wanted, declined = controls[:2], controls[2:2 + rng.choice((2, 3))]
        security = {judge.CONTROLS[c].split(".")[1]: True for c in wanted}
        security.update({judge.CONTROLS[c].split(".")[1]: False for c in declined})
        workload: dict[str, Any] = {"security": security}
        if "sensitive-data" in wanted:   # Macie scans buckets; rotation is for database credentials
            workload.setdefault("data", []).append({"name": rng.choice(wording.names_for("object", company[1])),
                                                    "kind": "object"})
        if "secrets" in wanted:
            workload.setdefault("data", []).append({"name": rng.choice(wording.names_for("relational", company[1])),
                                                    "kind": "relational"})
        if rng.random() < 0.6:
            workload["region"] = f.sample("region", rng)
        workload = _finish(workload, company, system)
        decisions = evaluate(workload, strict=True) or []
        keyed = [_decision(decisions, c, None) for c in wanted]
        if not all(_fits(d, d.choice, workload, decisions) if d else False for d in keyed):
            continue
        if not all(judge.declined(c, workload, decisions) for c in declined):
            continue
        stem = rng.choice(wording.CONTROL_STEMS)
        text, said = prose.compose(workload, company, system, wanted[0], "", None, None, rng, stem)
        entries = [(d.choice, d.concern, d) for d in keyed]
        entries += [(known.concerns[c].choices[0], c, None) for c in declined]
        if any(prose.names_service(text, catalogue[choice].name, choice) for choice, _, _ in entries):
            continue
        rng.shuffle(entries)
        options = [Option(KEYS[i], choice, wording.action(concern, catalogue[choice].name, ""), concern)
                   for i, (choice, concern, _) in enumerate(entries)]
        rights = []
        for option, (choice, concern, decision) in zip(options, entries):
            if decision is not None:
                rights.append(teach.why_right(option, decision, decisions, workload, said, None))
            else:
                sentence = said.get((judge.CONTROLS[concern], None), "")
                title = known.concerns[concern].title
                title = title if title[1:2].isupper() else title[:1].lower() + title[1:]
                option.why = (f"{catalogue[choice].name} is for {title}, which the scenario says is not needed: "
                              f'"{sentence}"')
                option.detail = f"concern {concern} not raised: {judge.CONTROLS[concern]} is false"
        return Question(
            id=f"q{number:02d}", concern=wanted[0], subject=None, domain="secure", scenario=text, options=options,
            keys=[o.key for o, (_, _, d) in zip(options, entries) if d is not None], qualifier=None,
            rule=", ".join(d.rule.id for d in keyed), why_right=rights,
            detail=[line for d in keyed for line in teach.detail(d, [])], link=teach.link(keyed[0]), workload=workload)
    return None
