"""The quiz as JSON, as printable Markdown, and as an interactive session in the terminal."""
from __future__ import annotations

import json
import textwrap
import time
from typing import Callable, TextIO

from .generate import Question, quiz_document
from .wording import DOMAINS

EXAM_QUESTIONS = 65
EXAM_MINUTES = 130
PASS_MARK = 720


def to_json(questions: list[Question], seed: int, verbose: bool = False) -> str:
    return json.dumps(quiz_document(questions, seed, verbose), indent=2, ensure_ascii=False) + "\n"


def _answer_text(question: Question) -> str:
    return ", ".join(question.keys)


def to_markdown(questions: list[Question], seed: int, verbose: bool = False) -> str:
    """Questions first, then the answer key with explanations: ready to print."""
    out: list[str] = [
        "# AWS Solutions Architect practice quiz",
        "",
        f"{len(questions)} question{'s' if len(questions) != 1 else ''} (seed {seed}: `archadvisor quiz --seed "
        f"{seed}` gives the same quiz), weighted by the exam guide's domains. Every answer is the choice "
        "archadvisor's rule engine makes for the scenario, and every wrong option fails a stated requirement "
        "or a qualifier such as MOST cost-effective.",
        "",
    ]
    for number, question in enumerate(questions, 1):
        out += [f"## Question {number}", "", question.scenario, ""]
        out += [f"- **{o.key}.** {o.text}" for o in question.options]
        out.append("")
    out += ["---", "", "# Answer key", ""]
    for number, question in enumerate(questions, 1):
        out += [f"## {number}. {_answer_text(question)}", ""]
        out += [line + "  " for line in question.explanation(verbose).split("\n")]
        out += ["", f"<sub>Domain: {DOMAINS[question.domain][0]}</sub>", ""]
    return "\n".join(out).rstrip() + "\n"


def _wrap(text: str, width: int = 78, indent: str = "") -> str:
    return "\n".join(textwrap.fill(line, width, break_on_hyphens=False, break_long_words=False,
                                   subsequent_indent=indent) if line else "" for line in text.split("\n"))


def scaled_score(right: int, asked: int) -> int:
    """A practice estimate on the exam's 100-1000 scale (AWS's real scaling is not public)."""
    return round(100 + 900 * right / asked) if asked else 100


class Session:
    """One run through the questions: answers read, score kept by domain, misses remembered."""

    def __init__(self, questions: list[Question], read: Callable[[], str], out: TextIO, echo: bool,
                 verbose: bool, exam: bool, clock: Callable[[], float], minutes: float):
        self.questions, self.read, self.out, self.echo = questions, read, out, echo
        self.verbose, self.exam, self.clock = verbose, exam, clock
        self.deadline = clock() + minutes * 60 if exam else None
        self.right = self.asked = 0
        self.by_domain: dict[str, list[int]] = {}
        self.missed: list[tuple[int, Question, str]] = []

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def ask(self, number: int, question: Question, left: float | None = None) -> str:
        keys = [o.key for o in question.options]
        clock = f" ({int(left // 60)} min {int(left % 60):02d} s left)" if left is not None else ""
        self.say(f"Question {number} of {len(self.questions)}{clock}")
        self.say(_wrap(question.scenario))
        self.say()
        for option in question.options:
            self.say(_wrap(f"  {option.key}. {option.text}", indent="     "))
        hint = "two letters, e.g. AC" if question.multi else ", ".join(keys)
        while True:
            self.out.write(f"Your answer ({hint}; q to quit): ")
            self.out.flush()
            line = self.read()
            if line == "":
                raise EOFError
            if self.echo:
                self.out.write(line if line.endswith("\n") else line + "\n")
            answer = "".join(ch for ch in line.strip().upper() if ch.isalpha())
            if answer in ("Q", "QUIT", "EXIT"):
                raise EOFError
            letters = sorted(set(answer))
            if letters and all(ch in keys for ch in letters) and len(letters) == len(question.keys):
                return "".join(letters)
            self.say(f"Please answer with {'two' if question.multi else 'one'} of {', '.join(keys)}.")

    def record(self, number: int, question: Question, answer: str) -> None:
        self.asked += 1
        tally = self.by_domain.setdefault(question.domain, [0, 0])
        tally[1] += 1
        correct = question.is_right(answer)
        if correct:
            self.right += 1
            tally[0] += 1
        else:
            self.missed.append((number, question, answer))
        if self.exam:
            self.say()
            return
        self.say()
        self.say("Right!" if correct else f"Wrong: the answer is {', '.join(question.keys)}.")
        self.say(_wrap(question.explanation(self.verbose)))
        self.say(f"Score so far: {self.right}/{self.asked}")
        self.say()

    def run(self) -> tuple[int, int]:
        ended = False
        try:
            for number, question in enumerate(self.questions, 1):
                left = self.deadline - self.clock() if self.deadline is not None else None
                if left is not None and left <= 0:
                    self.say("Time is up.")
                    ended = True
                    break
                self.record(number, question, self.ask(number, question, left))
        except (EOFError, KeyboardInterrupt):
            ended = True
            self.say()
        total = len(self.questions)
        if ended:
            self.say(f"Quiz ended after {self.asked} of {total} question{'s' if total != 1 else ''}. "
                     f"Score: {self.right}/{self.asked}")
        else:
            self.say(f"Quiz complete. Score: {self.right}/{self.asked} ({_percent(self.right, self.asked)})")
        self.summary()
        return self.right, self.asked

    def summary(self) -> None:
        if not self.asked:
            return
        self.say()
        self.say("Score by domain:")
        for domain, (title, weight) in DOMAINS.items():
            if domain in self.by_domain:
                right, asked = self.by_domain[domain]
                self.say(f"  {title} ({weight}% of the exam): {right}/{asked} ({_percent(right, asked)})")
        if self.exam:
            score = scaled_score(self.right, self.asked)
            verdict = "a pass" if score >= PASS_MARK else "below the pass mark"
            self.say(f"Practice score: {score}/1000 ({verdict}; {PASS_MARK} passes the real exam). This is a "
                     "practice estimate only: AWS scales real scores in a way it does not publish.")
        if self.missed:
            self.say()
            self.say(f"Review of the {len(self.missed)} question{'s' if len(self.missed) != 1 else ''} you missed:")
            for number, question, answer in self.missed:
                self.say()
                self.say(f"Question {number} (you answered {answer}):")
                self.say(_wrap(question.scenario))
                for option in question.options:
                    self.say(_wrap(f"  {option.key}. {option.text}", indent="     "))
                self.say(_wrap(question.explanation(self.verbose)))


def interactive(questions: list[Question], read: Callable[[], str], out: TextIO, echo: bool = False,
                verbose: bool = False, exam: bool = False, clock: Callable[[], float] = time.monotonic,
                minutes: float = EXAM_MINUTES) -> tuple[int, int]:
    """Ask each question, read the answer, keep score; returns (right, asked).

    ``read`` returns one line, '' at the end of input (as ``readline`` does). End of input, ``q`` or
    Ctrl-C ends the quiz cleanly with the score so far. ``echo`` repeats each answer read (for piped
    input, which the terminal does not show). In ``exam`` mode nothing is explained until the end, the
    time limit applies, and the score is also shown on the exam's 1000-point scale as a practice estimate.
    The end shows the score by domain and a review of every missed question.
    """
    return Session(questions, read, out, echo, verbose, exam, clock, minutes).run()


def _percent(right: int, asked: int) -> str:
    return f"{round(100 * right / asked)}%" if asked else "0%"
