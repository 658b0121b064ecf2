"""Render every workload in a folder, in parallel, and write an index page."""
from __future__ import annotations

import html
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Entry:
    file: str
    name: str | None
    ok: bool
    seconds: float
    message: str = ""
    decisions: int = 0
    warnings: int = 0
    description: str = ""
    invalid: bool = False
    severities: dict = field(default_factory=dict)  # warnings by severity: high, medium, low


def render_one(path: str, output: str) -> Entry:
    """Design one workload into OUTPUT/<name>/; never raises."""
    from ..pipeline import design_document, write_design
    from ..render.review import counts
    from ..workload import WorkloadError, load

    started = time.perf_counter()
    try:
        workload = load(path)
        doc = design_document(workload)
        write_design(workload, doc, Path(output))
    except WorkloadError as error:
        return Entry(path, None, False, time.perf_counter() - started, "\n".join(map(str, error.problems)),
                     invalid=True)
    except Exception as error:  # one bad workload must not stop the gallery
        return Entry(path, None, False, time.perf_counter() - started, f"{type(error).__name__}: {error}")
    return Entry(path, workload.name, True, time.perf_counter() - started, "", len(doc["decisions"]),
                 len(doc["warnings"]), workload.values.get("description", ""), severities=counts(doc))


def render_gallery(folder: Path, output: Path, *, jobs: int | None = None, progress=None) -> list[Entry]:
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only this command needs processes

    progress = progress or sys.stderr
    files = sorted(str(p) for p in folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))
    output.mkdir(parents=True, exist_ok=True)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(files) or 1))
    entries = _duplicate_names(files)  # two workloads with one name would race for OUT/<name>/
    files = [f for f in files if f not in {e.file for e in entries}]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(render_one, f, str(output)): f for f in files}
        for done, future in enumerate(as_completed(futures), start=1):
            entry = future.result()
            entries.append(entry)
            status = f"ok  {entry.seconds:5.1f}s" if entry.ok else "FAILED"
            print(f"[{done:>{len(str(len(files)))}}/{len(files)}] {status}  {Path(entry.file).name}",
                  file=progress, flush=True)
            if not entry.ok:
                print("    " + entry.message.replace("\n", "\n    "), file=progress)
    entries.sort(key=lambda e: e.file)
    (output / "index.html").write_text(index_page(entries), encoding="utf-8")
    return entries


def _duplicate_names(files: list[str]) -> list[Entry]:
    """Failed entries for every file whose workload name an earlier file already uses."""
    from ..workload import WorkloadError, load

    owner: dict[str, str] = {}
    duplicates = []
    for path in files:
        try:
            name = load(path).name
        except WorkloadError:
            continue  # reported with its details by render_one
        if name in owner:
            duplicates.append(Entry(path, None, False, 0.0, f"name {name!r} is already used by {owner[name]}",
                                    invalid=True))
        else:
            owner[name] = path
    return duplicates


def _by_severity(entry: Entry) -> str:
    if not entry.warnings:
        return "no warnings"
    found = [f'<span class="sev {name}">{count} {name}</span>' for name, count in entry.severities.items() if count]
    return f"{entry.warnings} warnings: " + " ".join(found)


def index_page(entries: list[Entry]) -> str:
    cards = []
    for e in entries:
        if e.ok:
            name = html.escape(e.name or "")
            blurb = html.escape(e.description[:220] + ("…" if len(e.description) > 220 else ""))
            cards.append(
                f'<a class="card" href="{name}/report.html"><div class="thumb"><img src="{name}/diagram.png" '
                f'alt="diagram of {name}" loading="lazy"></div><h2>{name}</h2><p>{blurb}</p><p class="meta">{e.decisions} decisions · '
                f'{_by_severity(e)}</p></a>')
        else:
            cards.append(f'<div class="card failed"><h2>{html.escape(Path(e.file).name)}</h2>'
                         f'<pre>{html.escape(e.message)}</pre></div>')
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>archadvisor gallery</title>
<style>
body {{ margin: 0; font: 15px/1.5 -apple-system, "Segoe UI", Roboto, Arial, sans-serif; background: #f4f6f8;
       color: #16191f; }}
header {{ background: #232f3e; color: #fff; padding: 24px 40px; }}
header h1 {{ margin: 0; font-size: 24px; }}
main {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 20px; padding: 24px 40px; }}
.card {{ background: #fff; border: 1px solid #d5dbe1; border-radius: 10px; padding: 14px; color: inherit;
        text-decoration: none; display: block; }}
.card:hover {{ border-color: #0972d3; box-shadow: 0 2px 8px rgba(0,0,0,.08); }}
.card .thumb {{ height: 260px; overflow: hidden; border-bottom: 1px solid #eee; background: #fff; }}
/* a crop of the drawing's top left at a readable scale rather than the whole drawing shrunk to a stamp */
.card img {{ width: 160%; max-width: none; object-fit: cover; object-position: left top; }}
.card:hover .thumb {{ overflow: auto; }}
.sev {{ border-radius: 999px; padding: 0 7px; margin-right: 3px; font-weight: 600; }}
.sev.high {{ background: #fde7e9; color: #b0001b; }} .sev.medium {{ background: #fff4d6; color: #7a5200; }}
.sev.low {{ background: #eef2f5; color: #414d5c; }}
.card h2 {{ font-size: 17px; margin: 10px 0 4px; color: #0972d3; }}
.card p {{ margin: 0 0 6px; font-size: 13px; color: #414d5c; }}
.card .meta {{ color: #5f6b7a; font-size: 12px; }}
.failed {{ border-color: #d91515; }} .failed pre {{ white-space: pre-wrap; font-size: 12px; color: #d91515; }}
</style></head>
<body><header><h1>archadvisor gallery</h1><p>{sum(e.ok for e in entries)} of {len(entries)} workloads rendered</p>
</header><main>
{chr(10).join(cards)}
</main></body></html>
"""
