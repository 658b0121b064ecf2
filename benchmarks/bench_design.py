"""Time `archadvisor design` end to end against Graphviz alone, per blueprint.

For each workload: the median wall time of several runs of the whole command
(a fresh process, as a user runs it) and of Graphviz drawing the same
page (diagram.dot, and diagram-<view>.dot for a large design) to PNG and to
SVG (the floor nothing above it can beat), and their ratio. The pages are
pinned layouts with their lines routed: Graphviz draws them with
``neato -n2``. Usage: python benchmarks/bench_design.py [--runs N] [--no-bytecode-cache] [FILES...]

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


class Blueprint:
    """One workload's commands and timings: the design, and Graphviz alone drawing its pages."""

    def __init__(self, path: Path, out: Path, env: dict[str, str]) -> None:
        self.name, self.env = path.stem, env
        self.design = [sys.executable, "-m", "archadvisor", "design", str(path), "-o", str(out)]
        subprocess.run(self.design, check=True, stdout=subprocess.DEVNULL, env=env)  # warm caches once
        dot, root = shutil.which("dot"), icons_root()
        pages = sorted((out / path.stem).glob("diagram*.dot"))
        self.floor = [[dot, "-Kneato", "-n2", f"-T{fmt}", f"-Gimagepath={root}", str(page), "-o",
                       str(out / f"floor.{fmt}")] for page in pages for fmt in ("png", "svg")]
        self.root = root
        self.designs: list[float] = []
        self.floors: list[float] = []

    def run_once(self) -> None:
        """One design and one floor, one after the other, so a slow spell slows both alike."""
        self.designs.append(timed(self.design, env=self.env))
        self.floors.append(sum(timed(command, cwd=self.root) for command in self.floor))

    @property
    def ratio(self) -> float:
        return statistics.median(self.designs) / statistics.median(self.floors)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="recompile archadvisor's modules on every run (PYTHONDONTWRITEBYTECODE)")
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "blueprints").glob("*.yaml"))
    ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        env = python_env(Path(tmp), not args.no_bytecode_cache)
        blueprints = [Blueprint(path, Path(tmp) / "out", env) for path in files]
        # Round after round over every blueprint, rather than all the runs of one and then the next: a
        # slow spell of a shared machine then spreads over all of them instead of spoiling one.
        for done in range(args.runs):
            for blueprint in blueprints:
                blueprint.run_once()
            print(f"\rrun {done + 1} of {args.runs}", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
    # The time over the floor as well as the ratio: a fixed cost (starting Python, reading the workload,
    # deciding) weighs on a small drawing's ratio far more than on a large one's.
    print("| blueprint | design (s) | Graphviz png+svg (s) | ratio | over the floor (ms) |")
    print("|---|---:|---:|---:|---:|")
    overs = []
    for blueprint in blueprints:
        design, floor = statistics.median(blueprint.designs), statistics.median(blueprint.floors)
        ratios.append(blueprint.ratio)
        overs.append((design - floor) * 1000)
        print(f"| {blueprint.name} | {design:.2f} | {floor:.2f} | {blueprint.ratio:.2f}x | {overs[-1]:.0f} |")
    within = sum(ratio <= 1.5 for ratio in ratios)
    print(f"\nmedian ratio {statistics.median(ratios):.2f}x over {len(files)} blueprints ({within} at or under 1.5x), "
          f"median time over the floor {statistics.median(overs):.0f} ms, "
          f"median of {args.runs} runs each, bytecode cache {'off' if args.no_bytecode_cache else 'on'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
