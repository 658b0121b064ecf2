"""The pipeline: load -> decide -> build -> render, with plain data between stages."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterable

from .workload import Workload


def design_document(workload: Workload, *, strict: bool = True) -> dict[str, Any]:
    """Decide, build and check: the decisions document with components, links and the invariants checked.

    A design that breaks an invariant of a valid AWS architecture is a bug, not advice: with ``strict``
    (what ``design`` does) it raises :class:`archadvisor.check.DesignInvalid`; ``archadvisor check``
    passes ``strict=False`` and reports the violations listed under ``checks``."""
    from .architecture import build
    from .check import DesignInvalid, check, invariants
    from .cost import estimate
    from .engine import document, run

    doc = document(workload, run(workload))
    plain = resolved(workload, doc)
    architecture = build(doc["decisions"], plain)
    drawn = architecture.to_dict()
    doc["components"] = drawn["components"]
    doc["links"] = drawn["links"]
    doc["groups"] = drawn["groups"]
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
                 formats: Iterable[str] | None = None) -> Path:
    """Write OUT/<name>/ atomically: everything is built in a temporary folder beside it, then renamed."""
    from .render import render_all

    created = not output.exists()
    output.mkdir(parents=True, exist_ok=True)
    final = output / workload.name
    staging = Path(tempfile.mkdtemp(prefix=f".{workload.name}.", dir=output))
    try:
        render_all(workload, doc, staging, template_dir=template_dir, formats=formats,
                   while_drawing=lambda: (staging / "decisions.json").write_text(decisions_json(doc), encoding="utf-8"))
        _replace(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if created:
            with contextlib.suppress(OSError):
                output.rmdir()  # only if empty: it held nothing but the staging folder
        raise
    return final


def _replace(staging: Path, final: Path) -> None:
    """Swap the new folder in; the previous good folder survives until the new one is in place."""
    os.chmod(staging, 0o755)
    if final.exists():
        retired = final.with_name(f".{final.name}.old")
        shutil.rmtree(retired, ignore_errors=True)
        os.replace(final, retired)
        try:
            os.replace(staging, final)
        except BaseException:
            os.replace(retired, final)
            raise
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(staging, final)
