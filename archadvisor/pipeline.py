"""The pipeline: load -> decide -> build -> render, with plain data between stages."""
from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any, Callable, Iterable

from .workload import Workload


def design_document(workload: Workload, *, strict: bool = True,
                    on_built: Callable[[dict[str, Any]], object] | None = None) -> dict[str, Any]:
    """Decide, build and check: the decisions document with components, links and the invariants checked.

    A design that breaks an invariant of a valid AWS architecture is a bug, not advice: with ``strict``
    (what ``design`` does) it raises :class:`archadvisor.check.DesignInvalid`; ``archadvisor check``
    passes ``strict=False`` and reports the violations listed under ``checks``. ``on_built`` is called
    with the document once its components, links and groups are in, before the checks and the cost:
    ``design`` starts drawing the diagram there (a design that then fails its checks is not written)."""
    from .architecture import build
    from .engine import document, run

    doc = document(workload, run(workload))
    plain = resolved(workload, doc)
    architecture = build(doc["decisions"], plain)
    drawn = architecture.to_dict()
    doc["components"] = drawn["components"]
    doc["links"] = drawn["links"]
    doc["groups"] = drawn["groups"]
    if on_built is not None:
        on_built(doc)
    # What the drawing does not need is loaded and done only now, while Graphviz draws.
    from .check import DesignInvalid, check, invariants
    from .cost import estimate
    from .render.review import annotate

    annotate(doc)  # a severity on every warning

    violations = check(architecture, doc["decisions"], plain)
    failed = {v.invariant for v in violations}
    doc["checks"] = {"passed": [i.id for i in invariants() if i.id not in failed],
                     "violations": [v.to_dict() for v in violations]}
    if violations and strict:
        raise DesignInvalid(workload.name, violations)
    doc["cost"] = estimate(workload.values, doc)
    return doc


def resolved(workload: Workload, doc: dict[str, Any]) -> dict[str, Any]:
    """The workload as the engine read it: given values, plus the defaults it assumed where fields were missing
    (so the drawing shows the scope the decisions were made for, e.g. one AZ when rto >= 1h)."""
    plain = workload.plain()
    for assumption in doc["assumptions"]:
        section, _, key = assumption["field"].partition(".")
        if key and "[" not in assumption["field"] and "." not in key:
            plain.setdefault(section, {}).setdefault(key, assumption["value"])
        elif not key:
            plain.setdefault(section, assumption["value"])
    return plain


def decisions_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_design(workload: Workload, doc: dict[str, Any], output: Path, *, template_dir: Path | None = None,
                 formats: Iterable[str] | None = None, drawing=None) -> Path:
    """Write OUT/<name>/: everything is built in a locked staging folder beside it, then swapped in
    (see :mod:`archadvisor.publish`); on any failure the staging folder goes and the previous output stays.
    ``drawing``: the diagram, if already started (see :func:`archadvisor.render.start_diagram`)."""
    from .publish import Staging, check_target
    from .render import render_all

    created = not output.exists()
    check_target(output / workload.name)  # before writing: a link or file there would only fail at the end
    output.mkdir(parents=True, exist_ok=True)
    staging = Staging(output, workload.name)
    try:
        render_all(workload, doc, staging.path, template_dir=template_dir, formats=formats, drawing=drawing,
                   while_drawing=lambda: (staging.path / "decisions.json").write_text(decisions_json(doc),
                                                                                    encoding="utf-8"))
        return staging.publish()
    except BaseException:
        staging.discard()
        if created:
            with contextlib.suppress(OSError):
                output.rmdir()  # only if empty: it held nothing but the staging folder
        raise
