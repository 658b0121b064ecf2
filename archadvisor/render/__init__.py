"""Renderers: the diagram (diagrams + Graphviz) and the reports (Jinja2)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable

from ..workload import Workload


def start_diagram(doc: dict[str, Any], formats: Iterable[str] | None = None):
    """Start drawing the diagram of a decisions document (see :func:`diagram.start_drawing`); None when no
    format is asked for. It needs only the document's components, links and groups."""
    from ..architecture.model import Architecture
    from .diagram import FORMATS, start_drawing

    formats = FORMATS if formats is None else tuple(formats)
    if not formats:
        return None
    # The diagram is drawn from decisions.json's own components and links: one source of truth.
    return start_drawing(Architecture.from_dict(doc["workload"], doc), formats=formats)


def render_all(workload: Workload, doc: dict[str, Any], out_dir: Path, *, template_dir: Path | None = None,
               formats: Iterable[str] | None = None, while_drawing: Callable[[], object] | None = None,
               drawing=None) -> None:
    """Draw the diagram and write both reports into ``out_dir`` (a staging folder: see pipeline).

    Graphviz encodes the PNG, the slowest step, while the reports are
    rendered: they need only the SVG, which is drawn beside it and ready
    first. The reports are written first; the diagram files follow once
    every format is drawn. ``while_drawing`` is called once Graphviz has started:
    work of the caller's that need not delay the diagram. ``drawing``: the
    diagram if the caller has started it already (see :func:`start_diagram`).
    """
    from .diagram import FORMATS

    formats = FORMATS if formats is None else tuple(formats)
    if drawing is None:
        drawing = start_diagram(doc, formats)
    else:
        formats = drawing.formats
    try:
        from . import report  # only now: Graphviz has started
        if while_drawing is not None:
            while_drawing()
        deployment = write_templates(workload, doc, out_dir)
        svg = drawing.svg() if drawing else None
        views = [{"stem": stem, "title": title, "svg": view_svg} for stem, title, view_svg in drawing.views()] \
            if drawing else []
        report.render_reports(workload, {**doc, "deployment": deployment}, out_dir, template_dir=template_dir,
                              svg=svg, has_png="png" in formats, views=views)
        if drawing:
            drawing.write(out_dir)
    finally:
        if drawing:
            drawing.close()


def write_templates(workload: Workload, doc: dict[str, Any], out_dir: Path) -> dict[str, Any]:
    """template.yaml (and template-<region>.yaml for a second region); returns what the report's Deployment
    section shows: files, sizes, manual steps and warnings near CloudFormation's limits."""
    from ..cloudformation import generate, summary, to_yaml
    from ..pipeline import resolved

    result = generate(doc, resolved(workload, doc))
    bodies = {name: to_yaml(template) for name, template in result.templates.items()}
    for name, body in bodies.items():
        (out_dir / name).write_text(body, encoding="utf-8")
    return summary(result, bodies)
