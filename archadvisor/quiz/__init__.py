"""Exam practice built on the decision engine (``archadvisor quiz``).

generate.generate(count, seed, concerns) -> questions; render.to_json / to_markdown / interactive.
Each question carries the workload it was built from, and the engine, run on that workload,
selects the keyed answer while every wrong option fails a stated requirement or the stem's
qualifier (judge.py): questions for which that does not hold are never emitted. measure.py
measures any quiz document the same way; tests/quiz_reviewed.yaml keeps a human review.

Kept free of imports so that ``archadvisor`` starts fast (the CLI imports quiz.command at start-up).
"""
