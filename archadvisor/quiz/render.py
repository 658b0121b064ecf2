"""The quiz as JSON, as printable Markdown, and as an interactive session in the terminal."""
from __future__ import annotations

import json
import textwrap
from typing import Callable, TextIO

from .generate import Question, quiz_document


def to_json(questions: list[Question], seed: int) -> str:
    return json.dumps(quiz_document(questions, seed), indent=2, ensure_ascii=False) + "\n"


def to_markdown(questions: list[Question], seed: int) -> str:
    """Questions first, then the answer key with explanations: ready to print."""
    concerns = len({q.concern for q in questions})
    out: list[str] = [
        "# AWS Solutions Architect practice quiz",
        "",
        f"{len(questions)} question{'s' if len(questions) != 1 else ''} across {concerns} topic"
        f"{'s' if concerns != 1 else ''} (seed {seed}: `archadvisor quiz --seed {seed}` gives the same quiz). "
        "Every answer is the choice archadvisor's rule engine makes for the scenario's workload.",
        "",
    ]
    for number, question in enumerate(questions, 1):
        out += [f"## Question {number}", "", question.scenario, ""]
        out += [f"- **{o.key}.** {o.text}" for o in question.options]
        out.append("")
    out += ["---", "", "# Answer key", ""]
    for number, question in enumerate(questions, 1):
        right = question.answer_option
        out += [f"## {number}. {right.key} — {right.text}", ""]
        out.append(f"**Why:** {question.rule_title} (rule `{question.rule}`): {question.reason}.")
        out.append("")
        if question.evidence:
            out.append("**From the scenario:** " + "; ".join(f"`{e}`" for e in question.evidence) + ".")
            out.append("")
        if question.fact:
            out += [f"**Good to know:** {question.fact}", ""]
        out.append("**Why not the others:**")
        out.append("")
        out += [f"- **{o.key}. {o.text}:** {o.why}" for o in question.options if o.key != question.answer]
        out += ["", f"<sub>Topic: {question.concern}"
                    + (f" ({question.subject})" if question.subject else "") + "</sub>", ""]
    return "\n".join(out).rstrip() + "\n"


def _wrap(text: str, width: int = 78) -> str:
    return "\n".join(textwrap.fill(line, width) if line else "" for line in text.split("\n"))


def interactive(questions: list[Question], read: Callable[[], str], out: TextIO,
                echo: bool = False) -> tuple[int, int]:
    """Ask each question, read a letter, say right or wrong with the explanation; returns (right, asked).

    ``read`` returns one line, '' at the end of input (as ``readline`` does). End of input, ``q`` or
    Ctrl-C ends the quiz cleanly with the score so far. ``echo`` repeats each answer read (for piped
    input, which the terminal does not show).
    """
    right = asked = 0

    def say(text: str = "") -> None:
        out.write(text + "\n")
        out.flush()

    try:
        for number, question in enumerate(questions, 1):
            keys = [o.key for o in question.options]
            say(f"Question {number} of {len(questions)}")
            say(_wrap(question.scenario))
            say()
            for option in question.options:
                say(f"  {option.key}. {option.text}")
            while True:
                out.write(f"Your answer ({', '.join(keys)}; q to quit): ")
                out.flush()
                line = read()
                if line == "":
                    raise EOFError
                if echo:
                    out.write(line if line.endswith("\n") else line + "\n")
                answer = line.strip().upper()
                if answer in ("Q", "QUIT", "EXIT"):
                    raise EOFError
                if answer in keys:
                    break
                say(f"Please answer with one of {', '.join(keys)}.")
            asked += 1
            say()
            if answer == question.answer:
                right += 1
                say("Right!")
            else:
                say(f"Wrong: the answer is {question.answer}.")
            say(_wrap(question.explanation()))
            say(f"Score so far: {right}/{asked}")
            say()
    except (EOFError, KeyboardInterrupt):
        say()
        say(f"Quiz ended after {asked} of {len(questions)} question{'s' if len(questions) != 1 else ''}. "
            f"Score: {right}/{asked}")
        return right, asked
    say(f"Quiz complete. Score: {right}/{asked} ({_percent(right, asked)})")
    return right, asked


def _percent(right: int, asked: int) -> str:
    return f"{round(100 * right / asked)}%" if asked else "0%"
