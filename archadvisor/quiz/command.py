"""``archadvisor quiz``: registered by the CLI; imports nothing heavy until it runs."""
from __future__ import annotations

import argparse

MAX_COUNT = 200


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Exam-practice questions built on the rule engine: each scenario is a workload for "
                          "which the engine selects the keyed answer, and every wrong option fails a stated "
                          "requirement or a qualifier.")
    parser.add_argument("--count", type=int, default=None, metavar="N",
                        help=f"number of questions (default 10; at most {MAX_COUNT})")
    parser.add_argument("--seed", type=int, default=None, metavar="S",
                        help="seed: the same seed and arguments give the same quiz (default: random, printed)")
    parser.add_argument("--concern", action="extend", nargs="+", metavar="C",
                        help="only these concerns (repeatable; `archadvisor rules` lists them)")
    parser.add_argument("--format", choices=("md", "json"), default=None,
                        help="md: questions then an answer key (default); json: the quiz document")
    parser.add_argument("--interactive", action="store_true",
                        help="ask one question at a time in the terminal, keep score, review the misses")
    parser.add_argument("--exam", action="store_true",
                        help="practice exam: 65 questions, 130 minutes, no feedback until the end, "
                             "score out of 1000 (720 passes; a practice estimate only); implies --interactive")
    parser.add_argument("--verbose", action="store_true",
                        help="also show the engine's rule ids, reasons and evidence in the explanations")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import random
    import sys

    from ..cli import UsageError

    interactive_mode = args.interactive or args.exam
    if args.format == "json" and interactive_mode:
        raise UsageError("--format json cannot be combined with --interactive or --exam: the JSON document is "
                         "for programs; drop --format to answer in the terminal")
    from .render import EXAM_QUESTIONS

    count = args.count if args.count is not None else (EXAM_QUESTIONS if args.exam else 10)
    if count < 1:
        raise UsageError(f"--count must be at least 1, got {count}")
    if count > MAX_COUNT:
        raise UsageError(f"--count is capped at {MAX_COUNT} questions per run, got {count}; "
                         "run again with another --seed for more")
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

    def progress(done: int, total: int) -> None:   # long runs say how far they are, on stderr
        if total >= 20 and (done % 10 == 0 or done == total):
            print(f"archadvisor quiz: {done}/{total} questions ready", file=sys.stderr, flush=True)

    try:
        questions = generate(count, seed, concern_ids or None, progress=progress)
    except QuizError as error:
        print(f"archadvisor quiz: {error}", file=sys.stderr)
        return 1
    if len(questions) < count:
        print(f"archadvisor quiz: only {len(questions)} of {count} questions could be built fairly for these "
              "concerns; try another --seed or more concerns", file=sys.stderr)
    from .render import interactive, to_json, to_markdown

    if interactive_mode:
        kind = "Practice exam" if args.exam else "AWS practice quiz"
        print(f"{kind}: {len(questions)} questions (seed {seed}; --seed {seed} repeats it)\n", flush=True)
        interactive(questions, sys.stdin.readline, sys.stdout, echo=not sys.stdin.isatty(), verbose=args.verbose,
                    exam=args.exam)
        return 0
    text = to_json(questions, seed, args.verbose) if args.format == "json" else to_markdown(questions, seed,
                                                                                             args.verbose)
    sys.stdout.write(text)
    return 0
