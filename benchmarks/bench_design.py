"""Time `archadvisor design` end to end against Graphviz alone, per blueprint.

For each workload: the median wall time of several runs of the whole command
(a fresh process, as a user runs it) and of Graphviz drawing the same
diagram.dot to PNG and to SVG (the floor nothing above it can beat), and
their ratio. Usage: python benchmarks/bench_design.py [--runs N] [--no-bytecode-cache] [FILES...]

archadvisor runs as an installed package does: Python's bytecode cache is
on (pip compiles it at install time), kept in the benchmark's temporary
folder through PYTHONPYCACHEPREFIX so that nothing is written into the
source tree, and filled by the warm-up run. A shell with
PYTHONDONTWRITEBYTECODE set would otherwise recompile every archadvisor
module on every run (about 70 ms); --no-bytecode-cache measures that case.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], **kwargs) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - started


def icons_root() -> str:
    import diagrams

    return str(Path(diagrams.__file__).resolve().parent.parent)


def python_env(tmp: Path, bytecode_cache: bool) -> dict[str, str]:
    env = dict(os.environ)
    if bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def bench(path: Path, runs: int, out: Path, env: dict[str, str]) -> tuple[str, float, float]:
    """Median wall time of the design and of the floor; their runs alternate, so that a slow spell of
    a shared machine slows both alike instead of one of them."""
    archadvisor = [sys.executable, "-m", "archadvisor", "design", str(path), "-o", str(out)]
    subprocess.run(archadvisor, check=True, stdout=subprocess.DEVNULL, env=env)  # warm caches once
    dot_file = out / path.stem / "diagram.dot"
    dot = shutil.which("dot")
    root = icons_root()
    designs, floors = [], []
    for _ in range(runs):
        designs.append(timed(archadvisor, env=env))
        floors.append(
            timed([dot, "-Tpng", f"-Gimagepath={root}", str(dot_file), "-o", str(out / "floor.png")], cwd=root)
            + timed([dot, "-Tsvg", f"-Gimagepath={root}", str(dot_file), "-o", str(out / "floor.svg")], cwd=root))
    return path.stem, statistics.median(designs), statistics.median(floors)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="recompile archadvisor's modules on every run (PYTHONDONTWRITEBYTECODE)")
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "blueprints").glob("*.yaml"))
    print("| blueprint | design (s) | Graphviz png+svg (s) | ratio |")
    print("|---|---:|---:|---:|")
    ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        env = python_env(Path(tmp), not args.no_bytecode_cache)
        for path in files:
            name, design, floor = bench(path, args.runs, Path(tmp) / "out", env)
            ratios.append(design / floor)
            print(f"| {name} | {design:.2f} | {floor:.2f} | {design / floor:.2f}x |", flush=True)
    print(f"\nmedian ratio {statistics.median(ratios):.2f}x over {len(files)} blueprints, "
          f"median of {args.runs} runs each, bytecode cache {'off' if args.no_bytecode_cache else 'on'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
