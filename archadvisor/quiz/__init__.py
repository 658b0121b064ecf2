"""Exam practice built on the decision engine (``archadvisor quiz``).

generate.generate(count, seed, concerns) -> questions; render.to_json / to_markdown / interactive.
Each question carries the workload it was built from, and the engine, run on that workload,
selects the keyed answer: questions for which it does not are never emitted.

Kept free of imports so that ``archadvisor`` starts fast (the CLI imports quiz.command at start-up).
"""
