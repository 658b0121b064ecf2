"""Measure a quiz against the engine's own trace: ``python -m archadvisor.quiz.measure [FILE.json ...]``.

For each question: re-run the engine on its workload and, for every wrong option, ask whether a stated
requirement (an elimination that fired on stated values) or the stem's qualifier rules it out. An option
of another concern than the question's is "standing" unless its own concern's decision rules it out.
Also counted: qualified stems, "Choose two" questions, keys resting on unstated values, explanations that
show field paths, and the share of each exam domain. Without files, measures 120 questions: 30 from each of the seeds 11, 22, 33, 44.
"""
from __future__ import annotations

import json
import re
import sys
from typing import Any

from . import judge, wording
from .probe import evaluate

FIELD_PATH = re.compile(r"\b[a-z]+(?:\[[^\]]*\])?\.[a-z_]+\b(?!\.[a-z])|\b[a-z]+_[a-z_]+\b")
SEEDS = (11, 22, 33, 44)
DOMAIN_NAMES = tuple(wording.DOMAINS)


def audit(question: dict[str, Any]) -> dict[str, Any]:
    decisions = evaluate(question["workload"], strict=True) or []
    answer = question["answer"] if isinstance(question["answer"], list) else [question["answer"]]
    keys = {o["choice"] for o in question["options"] if o["key"] in answer}
    qualifier = judge.stem_qualifier(question["scenario"])
    standing, own = [], []
    stated = True
    for option in question["options"]:
        if option["key"] in answer:
            continue
        concern = option.get("concern", question["concern"])
        decision = next((d for d in decisions if d.concern == concern and d.choice in keys), None)
        if decision is not None:
            stated = stated and judge.key_is_stated(decision, question["workload"], decisions)
        how = judge.option_ruling(question["workload"], decisions, concern, keys, option["choice"], qualifier)
        if how == judge.STANDING:
            standing.append(option["choice"])
            if decision is not None and option["choice"] in {a.choice for a in decision.alternatives}:
                own.append(option["choice"])
    explanation = re.sub(r"https://\S+", "", question.get("explanation", ""))
    return {"id": question["id"], "standing": standing, "standing_own": own, "qualifier": qualifier, "key_stated": stated,
            "multi": isinstance(question["answer"], list), "field_paths": bool(FIELD_PATH.search(explanation)),
            "not_sold": sorted({o["choice"] for o in question["options"]} & judge.NOT_SOLD),
            "domain": question.get("domain") or wording.CONCERN_DOMAIN.get(question["concern"], "performance")}


def summary(questions: list[dict[str, Any]]) -> dict[str, Any]:
    audits = [audit(q) for q in questions]
    total = len(audits)

    def share(test) -> str:
        count = sum(1 for a in audits if test(a))
        return f"{count}/{total} ({round(100 * count / total)}%)" if total else "0/0"

    return {
        "questions": total,
        "a wrong option left standing": share(lambda a: a["standing"]),
        "  of which one of the concern's own alternatives": share(lambda a: a["standing_own"]),
        "carry a qualifier": share(lambda a: a["qualifier"]),
        "choose two": share(lambda a: a["multi"]),
        "key rests on an unstated value": share(lambda a: not a["key_stated"]),
        "field paths in the explanation": share(lambda a: a["field_paths"]),
        "offer a service no longer sold": share(lambda a: a["not_sold"]),
        **{f"domain {name}": share(lambda a, name=name: a["domain"] == name) for name in DOMAIN_NAMES},
    }


def main(argv: list[str]) -> int:
    if argv:
        questions = [q for path in argv for q in json.load(open(path, encoding="utf-8"))["questions"]]
    else:
        from .generate import generate

        questions = [q.to_dict() for seed in SEEDS for q in generate(30, seed)]
    for label, value in summary(questions).items():
        print(f"{label}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
