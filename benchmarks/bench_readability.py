"""How readable each drawn page is, per blueprint, measured on Graphviz's own layout.

For every page `design` draws (diagram, and diagram-<view> for a large
design): nodes (components drawn), edges (lines drawn), crossings between
lines (counted on the routes Graphviz wrote, lines meeting at a node they
share left out), width and height in px at 100 % (96 dpi), and the size of
the smallest text in px once the page is fitted to a 1,000 px report column.
The goal: at most 3 crossings, at most 2,000 px wide, text at least 9 px.

Usage: python benchmarks/bench_readability.py [--random N] [FILES...]
(default: every blueprint, then the large workloads in tests/workloads/; --random N: the random valid
workloads of seeds 0 to N-1 that the property tests draw from, tests/workload_generator.py, as cases
no layout rule was written for)
"""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL = {"crossings": 3, "width": 2000, "label_px": 9.0}


def measure(path: Path) -> list[tuple[str, object]]:
    """(page, Readability) for each page of one workload."""
    from archadvisor.architecture.model import Architecture
    from archadvisor.pipeline import design_document
    from archadvisor.render.diagram import start_drawing
    from archadvisor.workload import load

    doc = design_document(load(path))
    drawing = start_drawing(Architecture.from_dict(doc["workload"], doc), formats=("dot",))
    try:
        return [(stem, drawing.readability(stem)) for stem, _ in drawing.pages]
    finally:
        drawing.close()


def meets(r) -> bool:
    return r.crossings <= GOAL["crossings"] and r.width <= GOAL["width"] and r.label_px >= GOAL["label_px"]


def table(files: list[Path]) -> list:
    rows = []
    print("| workload | page | nodes | edges | crossings | width (px) | height (px) | label px at 1,000 px | goal |")
    print("|---|---|---:|---:|---:|---:|---:|---:|:---:|")
    for path in files:
        for stem, r in measure(path):
            rows.append(r)
            page = "diagram" if stem == "diagram" else stem.removeprefix("diagram-")
            print(f"| {path.stem} | {page} | {r.nodes} | {r.edges} | {r.crossings} | {r.width} | {r.height} "
                  f"| {r.label_px:.1f} | {'yes' if meets(r) else 'no'} |")
    if rows:
        print(f"| **median** ({len(rows)} pages) | | {statistics.median(r.nodes for r in rows):g} "
              f"| {statistics.median(r.edges for r in rows):g} | {statistics.median(r.crossings for r in rows):g} "
              f"| {statistics.median(r.width for r in rows):g} | {statistics.median(r.height for r in rows):g} "
              f"| {statistics.median(r.label_px for r in rows):.1f} | {sum(map(meets, rows))} of {len(rows)} |")
    return rows


def random_workloads(count: int, folder: Path) -> list[Path]:
    import yaml

    sys.path.insert(0, str(ROOT / "tests"))
    from workload_generator import workload

    files = []
    for seed in range(count):
        path = folder / f"random-{seed:02d}.yaml"
        path.write_text(yaml.safe_dump({**workload(seed), "name": path.stem}, sort_keys=False))
        files.append(path)
    return files


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["--random"]:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            table(random_workloads(int(args[1]), Path(folder)))
        return 0
    files = [Path(a) for a in args]
    if files:
        table(files)
        return 0
    table(sorted((ROOT / "blueprints").glob("*.yaml")))
    print()
    table(sorted((ROOT / "tests" / "workloads").glob("*.yaml")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
