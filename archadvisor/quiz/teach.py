"""Explanations in plain language: why the key meets each requirement, why each wrong option fails one.

Every sentence quoted is the scenario's own (prose.compose returns them); rule ids, the engine's
reasons and its evidence go to ``detail``, shown only with ``--verbose``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from ..engine.context import show
from ..engine.evaluate import Decision
from ..knowledge import load_catalogue
from . import fields as f
from . import judge, prose, wording
from .probe import knowledge

if TYPE_CHECKING:
    from .generate import Option

QUALIFIED = {"cost": "it is the MOST cost-effective", "operations": "it has the LEAST operational overhead",
             "resilience": "it is the MOST resilient"}


def reference(path: str, name: str | None, said: dict) -> str | None:
    sentence = said.get((path, name))
    if sentence is None and name is None:
        sentence = next((text for (p, _), text in said.items() if p == path), None)
    return sentence


def quoted(reads, workload: dict, said: dict) -> list[str]:
    """The scenario's own sentences behind the values a rule read."""
    found = []
    known = knowledge()
    for read in reads:
        if read.field.startswith("decision."):
            continue
        name = judge._name_of(read.field)
        paths = known.facts.get(read.field[8:], ()) if read.field.startswith("derived.") else (
            (f.normalise(read.field),))
        for path in paths:
            if path is None:
                continue
            names = [name] if name or not f.item_list(path) else [e.get("name") for e in
                                                                 workload.get(f.item_list(path), [])]
            for each in names:
                sentence = reference(path, each, said)
                if sentence:
                    found.append(f'"{sentence}"')
    return list(dict.fromkeys(found))


def sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def link(decision: Decision) -> str:
    """An AWS documentation page for the key: its service's, its rule's, else an AWS docs search for it."""
    catalogue = load_catalogue()
    concern = knowledge().concerns[decision.concern]
    sources = [fact.source for fact in catalogue[decision.choice].facts] + list(decision.rule.sources)
    sources += [rule_source for rule in concern.rules if decision.choice in rule.targets() for rule_source in
                rule.sources]
    search = "https://docs.aws.amazon.com/search/doc-search.html?searchQuery=" + quote(catalogue[decision.choice].name)
    return next((s for s in sources if s.startswith("https://")), search)


def why_right(option: "Option", decision: Decision, decisions: list[Decision], workload: dict, said: dict,
               qualifier: str | None) -> str:
    reads = list(decision.because)
    for read in decision.because:   # an earlier decision it rests on: what the scenario says for that
        earlier = judge._earlier(read.field, decisions) if read.field.startswith("decision.") else None
        reads += earlier.because if earlier is not None else ()
    quotes = quoted(reads, workload, said)
    stated = f" The scenario says: {prose.join(quotes)}" if quotes else ""
    if qualifier:
        stated += f" Of the options that meet every requirement, {QUALIFIED[qualifier]}."
    facts = load_catalogue()[decision.choice].facts
    fact = f" {facts[0].text}" if facts else ""
    return f"{option.key} is right: {sentence(decision.rule.title)}{stated}{fact}"


def why_wrong(choice: str, decision: Decision, decisions: list[Decision], workload: dict, said: dict,
               qualifier: str | None) -> tuple[str, str]:
    catalogue = load_catalogue()
    ruling = judge.rule_on(decision, workload, [choice], qualifier, decisions)[choice]
    rules = knowledge().concerns[decision.concern].rules
    if ruling.how == judge.REQUIREMENT:
        titles = [sentence(r.title) for r in rules if r.id in ruling.rules]
        quotes = quoted(ruling.reads, workload, said)
        if not titles and quotes:   # ruled out by the table's design (judge.by_table): what it does instead
            facts = catalogue[choice].facts
            verb = "cannot meet that objective" if decision.concern in judge.MONOTONE else "does not do that"
            why = (f"The scenario says: {prose.join(quotes)} {catalogue[choice].name} {verb}"
                   + (f": {facts[0].text}" if facts else "."))
        else:
            why = " ".join(dict.fromkeys(titles)) + (f" The scenario says: {prose.join(quotes)}" if quotes else "")
            facts = catalogue[choice].facts
            if decision.concern in wording.SECURITY_ACTION_CONCERNS and facts:   # what the option does instead
                why += f" {facts[0].text}"
    else:
        why = wording.QUALIFIER_REASONS[qualifier or "cost"].replace("{key}", catalogue[decision.choice].name)
        why = sentence(prose.cap(why)) + f" The question asks for the {judge.QUALIFIERS[qualifier or 'cost'][0]}."
    alt = next((a for a in decision.alternatives if a.choice == choice), None)
    detail = f"rules {', '.join(ruling.rules) or '-'}; engine: {alt.rejected if alt else ''}"
    return why, detail


def detail(decision: Decision, decisions: list[Decision]) -> list[str]:
    evidence = []
    for read in decision.because:
        value = show(read.value) if not isinstance(read.value, str) else read.value
        evidence.append(f"{read.field} = {value}" + ("" if read.test in ("read", "cited", "derived")
                                                      else f" ({read.test})"))
    return [f"Rule {decision.rule.id} ({decision.concern}): {decision.reason}.",
            "Evidence: " + "; ".join(dict.fromkeys(evidence)) + "."]
