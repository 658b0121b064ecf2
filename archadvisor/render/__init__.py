"""Renderers: the diagram (diagrams + Graphviz) and the reports (Jinja2)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from ..workload import Workload


def render_all(workload: Workload, doc: dict[str, Any], out_dir: Path, *, template_dir: Path | None = None,
               formats: Iterable[str] | None = None) -> None:
    """Draw the diagram and write both reports into ``out_dir``."""
    from ..architecture import build
    from .diagram import FORMATS, render_diagram
    from .report import render_reports

    formats = FORMATS if formats is None else tuple(formats)
    if formats:
        render_diagram(build(doc["decisions"], workload.plain()), out_dir, formats=formats)
    render_reports(workload, doc, out_dir, template_dir=template_dir)
