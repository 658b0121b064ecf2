"""Design-review reports (Markdown and self-contained HTML) from Jinja2 templates.

The report reads only the decisions document and the workload: it decides
nothing. Templates live in ``templates/`` at the top of the repository; a
user can point ``--template-dir`` at a folder of their own with
``report.md.j2`` and/or ``report.html.j2`` (missing ones fall back to ours).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..engine.model import PILLARS
from ..workload import Workload
from ..workload.units import Bandwidth, Duration, Percent, Quantity, Rate, Size, human_duration

class ReportError(Exception):
    """A report template could not be loaded or rendered; ``lineno`` is the template line, when known.

    Raised instead of Jinja2's own errors so that callers need not import Jinja2
    (the command line would otherwise load it before the diagram is started)."""

    def __init__(self, message: str, lineno: int | None = None) -> None:
        super().__init__(message)
        self.lineno = lineno


def _templates() -> Path:
    """templates/ at the top of a checkout (editable install), else the copy shipped in the package."""
    checkout = Path(__file__).resolve().parents[2] / "templates"
    if checkout.is_dir():
        return checkout
    from importlib import resources
    return Path(str(resources.files("archadvisor").joinpath("templates")))


TEMPLATES = _templates()
PILLAR_NAMES = {
    "operational-excellence": "Operational excellence", "security": "Security", "reliability": "Reliability",
    "performance-efficiency": "Performance efficiency", "cost-optimization": "Cost optimization",
    "sustainability": "Sustainability",
}


def normalised(value: Any) -> str:
    """How archadvisor reads a value: units resolved to a base unit."""
    if isinstance(value, Duration):
        return f"{human_duration(value.seconds)} ({value.seconds:,.0f} s)"
    if isinstance(value, Size):
        return f"{_si(value.bytes)}B ({value.bytes:,.0f} bytes)"
    if isinstance(value, Rate):
        per_second = value.per_second
        return f"{per_second:,.2f}".rstrip("0").rstrip(".") + " per second"
    if isinstance(value, Bandwidth):
        return f"{_si(value.bits_per_second)}bit/s"
    if isinstance(value, Percent):
        return f"{value.base}% (about {human_duration((100 - value.base) / 100 * 365 * 86400)} of downtime a year)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value)


def _si(number: float) -> str:
    for factor, prefix in ((1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if number >= factor:
            return f"{number / factor:,.2f}".rstrip("0").rstrip(".") + f" {prefix}"
    return f"{number:,.0f} "


def requirements(values: dict[str, Any], prefix: str = "") -> list[dict[str, str]]:
    """Every field the user gave, as given and as normalised."""
    rows: list[dict[str, str]] = []
    for key, value in values.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            rows.extend(requirements(value, path + "."))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for item in value:
                rows.extend(requirements({k: v for k, v in item.items() if k != "name"},
                                         f"{path}[{item.get('name')}]."))
        else:
            given = value.text if isinstance(value, Quantity) else normalised(value) if isinstance(value, (bool, list)) \
                else str(value)
            rows.append({"field": path, "given": given, "normalised": normalised(value)})
    return rows


def context(workload: Workload, doc: dict[str, Any], svg: str | None, has_png: bool,
            views: list[dict[str, Any]] | tuple = ()) -> dict[str, Any]:
    from . import review

    decisions = doc["decisions"]
    by_pillar = {p: [d for d in decisions if p in d["pillars"]] for p in PILLARS}
    rows = requirements({k: v for k, v in workload.values.items() if k != "description"})
    return {
        "doc": doc,
        "workload": workload.plain(),
        "description": workload.values.get("description", ""),
        "requirements": rows,
        "given": review.given_requirements(rows, doc),
        "risks": review.risks(doc),
        "severity_counts": review.counts(doc),
        "objectives": review.objectives(workload.values, doc),
        "questions": review.open_questions(workload.values, doc),
        "key_decisions": review.key_decisions(doc),
        "shape": review.shape(doc),
        "sustainability": review.sustainability(doc),
        "all_pillars": [{"id": p, "name": PILLAR_NAMES[p], "decisions": by_pillar.get(p, [])} for p in PILLARS],
        "decisions": decisions,
        "warnings": doc["warnings"],
        "assumptions": doc["assumptions"],
        "pillars": [{"id": p, "name": PILLAR_NAMES[p], "decisions": ds} for p, ds in by_pillar.items() if ds],
        "svg": svg,
        "has_png": has_png,
        "diagram_views": list(views),  # the views of a large design, each {"stem", "title", "svg"}
        "concern_count": len({d["concern"] for d in decisions}),
        "cost": doc.get("cost"),
        "checks": _checks(doc),
        "cost_of": {anchor(c): c for c in (doc.get("cost") or {}).get("decisions", [])},
    }


def _bytecode_cache():
    """Compiled templates kept between runs (see archadvisor.cache): compiling both reports'
    templates costs about 45 ms a run. Jinja2 keys each entry by the template's path and a checksum
    of its source, so an edited template, ours or a user's, is compiled afresh."""
    import jinja2

    from ..cache import cache_dir

    class Cache(jinja2.FileSystemBytecodeCache):
        def get_cache_key(self, name, filename=None) -> str:
            # Sandboxed code differs (it calls the sandbox for * and **): never reuse code compiled
            # by versions that did not sandbox the templates.
            return super().get_cache_key(f"sandboxed:{name}", filename)

        def dump_bytecode(self, bucket) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass  # a cache that cannot be written only costs time

    folder = cache_dir("templates")
    return Cache(str(folder)) if folder else None


def _environment(template_dir: Path | None, autoescape: bool, bytecode_cache=None):
    """A sandboxed Jinja2 environment: a --template-dir template is someone else's code, and may read only
    the values it is given, never call into Python's internals, nor build strings without bound."""
    import jinja2

    folders = [str(p) for p in (template_dir, TEMPLATES) if p is not None]
    env = _Sandbox(loader=jinja2.FileSystemLoader(folders), autoescape=autoescape,
                   undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                   keep_trailing_newline=True, bytecode_cache=bytecode_cache)
    env.filters["md"] = markdown_text
    env.filters["code"] = markdown_code
    env.filters["subject"] = lambda d: f" — {d['subject']}" if d["subject"] else ""
    env.filters["anchor"] = anchor
    env.filters["usd"] = usd
    env.filters["source_link"] = source_link
    env.filters["shown"] = shown_value
    env.filters["cited"] = _cited
    return env


def _cited(sources: list[str]) -> list[dict[str, str]]:
    from .review import cited
    return cited(sources)


def anchor(decision: dict[str, Any]) -> str:
    """A decision's id in the reports: its concern and subject."""
    return re.sub(r"[^a-z0-9-]+", "-", f"{decision['concern']}-{decision['subject'] or ''}".lower()).strip("-")


def usd(value: Any) -> str:
    """An estimated amount in US dollars; None when it could not be priced."""
    if value is None:
        return "not priced"
    return f"${value:,.2f}"


MAX_TEMPLATE_VALUE = 10_000_000  # characters or items a template may build with * or **


def _sandbox_class():
    from jinja2.sandbox import SandboxedEnvironment, SecurityError

    class Sandbox(SandboxedEnvironment):
        """Also bounds ``*`` and ``**``: "x" * 10**10 would otherwise fill the memory."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context, operator, left, right):
            if operator == "**" and isinstance(right, (int, float)) and abs(right) > 1000:
                raise SecurityError(f"exponent {right} is too large for a template")
            if operator == "*":
                for sequence, count in ((left, right), (right, left)):
                    if isinstance(sequence, (str, list, tuple)) and isinstance(count, int) \
                            and len(sequence) * count > MAX_TEMPLATE_VALUE:
                        raise SecurityError("a template may not build a value that large")
            return super().call_binop(context, operator, left, right)

    return Sandbox


class _LazySandbox:
    """The sandbox class, made when first used: importing Jinja2 waits until Graphviz has started."""

    def __call__(self, **kwargs):
        global _Sandbox
        _Sandbox = _sandbox_class()
        return _Sandbox(**kwargs)


_Sandbox = _LazySandbox()


# Markdown: every character that can start markup is escaped, so user text stays text whatever it
# holds: code fences, emphasis, links, images, tables, HTML. '.', ':' , '/' and '@' are escaped where
# they would make a bare web or mail address that GitHub's Markdown turns into a link.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()!|~#+=-]")
_AUTOLINK = re.compile(r"(?i)www\.|://|@")
_LINE_START = re.compile(r"^( *[0-9]+)([.)])")  # an ordered list item
_BREAKS = re.compile(r"[\r\n\t\v\f\x85\u2028\u2029]+|[\x00-\x1f\x7f-\x9f]")


def markdown_text(value: Any) -> str:
    """User text made safe for Markdown: one line, no live HTML, links, images or table breaks."""
    text = _BREAKS.sub(" ", str(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(), text)
    text = _AUTOLINK.sub(lambda m: "".join("\\" + c if not c.isalnum() else c for c in m.group()), text)
    return _LINE_START.sub(r"\1\\\2", text)


def markdown_code(value: Any) -> str:
    """User text as a Markdown code span, safe in a table cell."""
    text = _BREAKS.sub(" ", str(value))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}".replace("|", "\\|")  # GitHub tables read \| in a code span as |


def shown_value(value: Any) -> str:
    """A value the engine read, as the requirements table writes it: yes/no, not given."""
    if value is None:
        return "not given"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def source_link(source: str) -> str:
    if source.startswith("notes: "):
        return f"study notes, section “{source[7:]}”"
    return source


def _checks(doc: dict[str, Any]) -> list[dict[str, str]]:
    """The invariants the design passed, with the AWS fact each enforces (a design that breaks one is never
    written, so the report lists them all as passed)."""
    from ..check import invariants

    passed = set((doc.get("checks") or {}).get("passed", ()))
    return [{"id": i.id, "title": i.title, "fact": i.fact, "source": i.source}
            for i in invariants() if i.id in passed]


def _inline(svg: str | None) -> str | None:
    """An SVG document as an element to put in a page: no XML declaration, doctype or comments."""
    if svg:
        svg = svg.replace("\r\n", "\n").replace("\r", "\n")
        svg = re.sub(r"^<\?xml[^>]*>\s*|<!DOCTYPE[^>]*>\s*|<!--.*?-->\s*", "", svg, flags=re.S)
    return svg


def _is_users(template, template_dir: Path | None) -> bool:
    return template_dir is not None and template.filename is not None and \
        Path(template.filename).resolve().is_relative_to(template_dir.resolve())


def _template_line(error: BaseException, template) -> int | None:
    """The template line being rendered when ``error`` was raised (Jinja2 rewrites the traceback so
    that its frames carry the template's file name and line)."""
    line = None
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == template.filename:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def render_reports(workload: Workload, doc: dict[str, Any], out_dir: Path, *, svg: str | None, has_png: bool,
                   template_dir: Path | None = None, views: list[dict[str, Any]] | tuple = ()) -> list[Path]:
    """Write report.md and report.html into ``out_dir``.

    ``svg`` is the diagram's SVG text (None when no diagram was drawn) and ``has_png`` whether diagram.png
    will sit beside the reports; both are passed in so the reports are written while the PNG is drawn.
    """
    svg = _inline(svg)
    views = [{**view, "svg": _inline(view.get("svg"))} for view in views]
    import jinja2

    ctx = context(workload, doc, svg, has_png, views)
    written = []
    cache = _bytecode_cache()  # one cache folder for both templates
    for name, autoescape in (("report.md", False), ("report.html", True)):
        template = None
        try:
            template = _environment(template_dir, autoescape, cache).get_template(f"{name}.j2")
            text = template.render(**ctx)
        except jinja2.TemplateError as error:
            raise ReportError(str(error), getattr(error, "lineno", None)) from error
        except (Exception, RecursionError) as error:
            # A user's template can fail in Python itself ({{ 1 / 0 }}, a macro calling itself): that is
            # an error in the template, reported as such; in ours it is a bug, reported as one.
            if template is None or not _is_users(template, template_dir):
                raise
            raise ReportError(f"{type(error).__name__}: {error}", _template_line(error, template)) from error
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
