"""``archadvisor quiz``: registered by the CLI; imports nothing heavy until it runs."""
from __future__ import annotations

import argparse


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Exam-practice questions built on the rule engine: each scenario is a workload for "
                          "which the engine selects the keyed answer.")
    parser.add_argument("--count", type=int, default=10, metavar="N", help="number of questions (default 10)")
    parser.add_argument("--seed", type=int, default=None, metavar="S",
                        help="seed: the same seed and arguments give the same quiz (default: random, printed)")
    parser.add_argument("--concern", action="extend", nargs="+", metavar="C",
                        help="only these concerns (repeatable; `archadvisor rules` lists them)")
    parser.add_argument("--format", choices=("md", "json"), default="md",
                        help="md: questions then an answer key (default); json: the quiz document")
    parser.add_argument("--interactive", action="store_true",
                        help="ask one question at a time in the terminal and keep score")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import random
    import sys

    from ..cli import UsageError

    if args.count < 1:
        raise UsageError(f"--count must be at least 1, got {args.count}")
    from .generate import QuizError, eligible, generate

    concern_ids = list(dict.fromkeys(args.concern or []))
    try:
        eligible(concern_ids)
    except KeyError as error:
        raise UsageError(f"unknown concern {error.args[0]}; valid: {', '.join(eligible())}") from None
    except ValueError as error:
        raise UsageError(f"concern {error.args[0]} has a single choice and cannot be quizzed; "
                         f"valid: {', '.join(eligible())}") from None
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 1_000_000)
    try:
        questions = generate(args.count, seed, concern_ids or None)
    except QuizError as error:
        print(f"archadvisor quiz: {error}", file=sys.stderr)
        return 1
    from .render import interactive, to_json, to_markdown

    if args.interactive:
        print(f"AWS practice quiz: {len(questions)} questions (seed {seed}; --seed {seed} repeats it)\n", flush=True)
        interactive(questions, sys.stdin.readline, sys.stdout, echo=not sys.stdin.isatty())
        return 0
    sys.stdout.write(to_json(questions, seed) if args.format == "json" else to_markdown(questions, seed))
    return 0
