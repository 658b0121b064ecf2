"""`archadvisor gallery [DIR] [-o OUT] [--jobs N]`."""
from __future__ import annotations

import argparse
from pathlib import Path


def run(args: argparse.Namespace) -> int:
    from .render import render_gallery

    folder = Path(args.folder)
    if not folder.is_dir():
        from ..cli import UsageError
        raise UsageError(f"{folder} is not a folder of workload files")
    entries = render_gallery(folder, Path(args.output), jobs=args.jobs)
    failed = [e for e in entries if not e.ok]
    print(f"wrote {Path(args.output) / 'index.html'}: {len(entries) - len(failed)} rendered, {len(failed)} failed")
    if not failed:
        return 0
    return 2 if all(e.invalid for e in failed) else 1


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", nargs="?", default="blueprints", metavar="DIR",
                        help="folder of workload files (default: blueprints/)")
    parser.add_argument("-o", "--output", default="out/gallery", help="output folder (default: out/gallery)")
    parser.add_argument("--jobs", type=int, default=None, help="parallel renders (default: one per core)")
    parser.set_defaults(run=run)
