"""Human-readable explanation of a rule, for ``archadvisor explain``."""
from __future__ import annotations

import ast
import inspect
import textwrap

from .engine.model import Eliminate, Rule, Select


def condition_text(rule: Rule) -> str:
    """The rule's condition as written in its module, or 'always (default row)'."""
    if rule.when is None:
        return "always: the default row, taken when no row above it applies"
    try:
        source = textwrap.dedent(inspect.getsource(rule.when))
    except (OSError, TypeError):
        return "(source not available)"
    try:
        tree = ast.parse(source.strip().rstrip(","))
    except SyntaxError:
        tree = None
        # a lambda inside a call: find it within the statement
        start = source.find("lambda")
        if start >= 0:
            snippet = source[start:]
            for end in range(len(snippet), 0, -1):
                try:
                    node = ast.parse(snippet[:end].strip().rstrip(","), mode="eval").body
                except SyntaxError:
                    continue
                if isinstance(node, ast.Lambda):
                    return ast.unparse(node.body)
        return source.strip()
    for node in ast.walk(tree):
        if isinstance(node, ast.Lambda):
            return ast.unparse(node.body)
        if isinstance(node, ast.FunctionDef):
            return ast.unparse(node)
    return source.strip()


def helpers_text(rule: Rule, condition: str) -> list[str]:
    """Source of the module-level helper functions a condition calls, so the test is visible in full."""
    if rule.when is None:
        return []
    namespace = getattr(rule.when, "__globals__", {})
    shown: list[str] = []
    pending = [condition]
    seen: set[str] = set()
    while pending:
        text = pending.pop()
        try:
            names = {node.func.id for node in ast.walk(ast.parse(text))
                     if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        except SyntaxError:
            continue
        for name in sorted(names - seen):
            seen.add(name)
            function = namespace.get(name)
            if inspect.isfunction(function) and function.__module__.startswith("archadvisor.rules"):
                source = textwrap.dedent(inspect.getsource(function)).rstrip()
                shown.append(source)
                pending.append(source)
    return shown


def explain_rule(rule: Rule) -> str:
    lines = [f"{rule.id}  ({rule.kind} rule of concern {rule.concern})", f"  {rule.title}", ""]
    lines += ["Rationale:", *("  " + line for line in textwrap.wrap(rule.rationale, 88)), ""]
    if isinstance(rule, Select):
        lines.append(f"Selects: {rule.choice}")
    elif isinstance(rule, Eliminate):
        lines.append(f"Eliminates: {', '.join(rule.choices)}")
    elif rule.targets():
        lines.append(f"Warns when the choice is: {', '.join(rule.targets())}")
    else:
        lines.append("Warns whatever the choice")
    condition = condition_text(rule)
    lines += ["", "Condition:", *("  " + line for line in condition.splitlines())]
    for source in helpers_text(rule, condition):
        lines += ["  where", *("    " + line for line in source.splitlines())]
    if rule.thresholds:
        lines += ["", "Thresholds:", *(f"  {name} = {value}" for name, value in rule.thresholds.items())]
    lines += ["", f"Reason given: {rule.reason}", "", f"Pillars: {', '.join(rule.pillars)}", "", "Sources:"]
    lines += [f"  - {source}" for source in rule.sources]
    return "\n".join(lines)
