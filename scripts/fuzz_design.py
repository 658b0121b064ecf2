#!/usr/bin/env python3
"""Fuzz `archadvisor design` with generated workloads, and inject faults into a sample of full runs.

    nice -n 10 .venv/bin/python scripts/fuzz_design.py --count 5000 --seed 17 [--render-every 50] [--out DIR]

Every workload is generated over every field of the format (mostly valid values, about one in eight
fields given a hostile one: YAML 1.1 forms, control characters, huge numbers, counts over the limits,
colliding names). Each goes through what `design --format json` does, in this process: load, decide,
build, the JSON document. Checked for each: no exception other than a clean WorkloadError, no run over
--timeout seconds, and no lost component (component ids unique, every link's ends exist, every data
store and channel decided has a component of its own with a link).

One workload in --render-every is also designed in full by a fresh `python -m archadvisor design`
process, in turn with one injected fault: none, kill -9 mid-run (then a rerun must succeed and leave
nothing behind, and no Graphviz child may survive), SIGTERM mid-run, a symbolic link or a file at
OUT/<name>, two concurrent runs of one name, and standard output on a full disk (/dev/full).

Failures are saved under --out (default /tmp/archadvisor-fuzz) with the workload text. A summary is
printed at the end; the exit status is 1 when anything failed.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archadvisor.pipeline import design_document  # noqa: E402
from archadvisor.workload import WorkloadError, parse_text  # noqa: E402
from archadvisor.workload import schema as s  # noqa: E402

QUANTITIES = {
    s.DURATION: ["0s", "30s", "5m", "15m", "45m", "1h", "4h", "12h", "1d", "2d", "1w", "2w", "4w", "3mo", "1y",
                 "7y", "PT15M", "P1D", "PT1H30M", "10y"],
    s.SIZE: ["10 GB", "500 GB", "2 TB", "10 TB", "80 TB", "500 TB", "1 PB", "5 PB", "64 TiB", "100 MB"],
    s.RATE: ["10/s", "100/s", "500/s", "3000/s", "5k/s", "50k/s", "1M/s", "2M/day", "120/min", "300/h"],
    s.BANDWIDTH: ["50 Mbps", "100 Mbps", "500 Mbps", "1 Gbps", "5 Gbps", "10 Gbps", "40 Gbps", "250 MiB/s"],
    s.PERCENT: ["99%", "99.9%", "99.95%", "99.99%", "99.999%", "95", "100%"],
}
HOSTILE = {
    s.DURATION: ["1:30", "010", '"15m\\x1f"', ".nan", '"\\u0665m"', "PT", "-5m", "1e3s"],
    s.SIZE: ['"5 \\u212aB"', "5", "1.5.3 GB"],
    s.RATE: ["5kk/s", "1/fortnight", "9" * 30 + "/s"],
    s.BANDWIDTH: ["100 MB/s", "1e9 bps"],
    s.PERCENT: ["150%", "-1", ".inf", "1.0e-300"],
    s.INT: ["010", "1:30", "0x10", "9" * 25, "9" * 5000, "-1", "1_000", "5000000"],
    s.BOOL: ["yes", "on", "1", "~"],
    s.STRING: ['"\\x00"', '"a\\u2028b"', "9" * 5000, "yes"],
}
# Store and channel names, some of them alike after id derivation (issue 17, finding 2).
NAMES = ["orders", "orders-standby", "orders-primary", "orders-replica-a", "events", "events-1", "events-2",
         "users", "media", "logs", "Logs.v2", "sessions", "cache", "a", "a-1", "b", "telemetry", "payments",
         "inventory", "clicks", "jobs", "jobs-1", "archive", "files", "scratch", "stream"]
DESCRIPTIONS = ["A plain description.", "```\n# heading\n[x](http://evil) ![i](http://evil/i.png)",
                "a | b\r\nc", "<script>alert(1)</script>", "Tabs\tand\nnewlines", "emoji \U0001F680 ok"]


def _yaml(value) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _int_value(field: s.Field, rng: random.Random) -> int:
    top = field.maximum or 1000
    roll = rng.random()
    if roll < 0.8:
        return rng.randint(0, min(top, 8))
    if roll < 0.95:
        return rng.randint(0, min(top, 30))
    return rng.randint(0, top)


def _value(field: s.Field, rng: random.Random, hostile: float) -> str:
    kind = field.kind
    if rng.random() < hostile:
        options = HOSTILE.get(kind) or HOSTILE[s.STRING]
        return rng.choice(options)
    if kind in QUANTITIES:
        return rng.choice(QUANTITIES[kind])
    if kind == s.BOOL:
        return rng.choice(["true", "false"])
    if kind == s.INT:
        return str(_int_value(field, rng))
    if kind == s.ENUM:
        return rng.choice(field.choices)
    if kind == s.ENUM_LIST:
        return "[" + ", ".join(rng.sample(field.choices, rng.randint(0, len(field.choices)))) + "]"
    if kind == s.STRING_LIST:
        pool = ["s3", "dynamodb", "sqs", "sns", "kms", "ecr", "pci-dss", "hipaa", "gdpr", "sox"]
        return "[" + ", ".join(rng.sample(pool, rng.randint(0, 4))) + "]"
    if field.pattern == s.TEXT_PATTERN:
        return json.dumps(rng.choice(DESCRIPTIONS), ensure_ascii=False)
    return json.dumps(field.example)


def _entries(fields: dict[str, s.Field], rng: random.Random, hostile: float, most: int) -> list[str]:
    lines = []
    count = rng.choice([0, 1, 1, 2, 2, 3, 4, 6, most])
    names = rng.sample(NAMES, min(count, len(NAMES)))
    for name in names:
        lines.append(f"  - name: {name}")
        keys = [k for k in fields if k != "name"]
        for key in rng.sample(keys, rng.randint(0, len(keys) // 2)):
            lines.append(f"    {key}: {_value(fields[key], rng, hostile)}")
    return lines


def generate(rng: random.Random, index: int) -> str:
    """One workload as YAML text: a random subset of every section and field."""
    hostile = rng.choice([0.0, 0.0, 0.0, 0.0, 0.005, 0.02])
    lines = [f"name: fuzz-{index}"]
    for key, field in s.WORKLOAD.fields.items():
        if key == "name" or rng.random() < 0.35:
            continue
        if field.kind == s.SECTION:
            lines.append(f"{key}:")
            lines += _section(field, rng, hostile, 1)
        elif field.kind == s.SECTION_LIST:
            entries = _entries(field.fields, rng, hostile, 12)
            lines += [f"{key}:", *entries] if entries else [f"{key}: []"]
        else:
            lines.append(f"{key}: {_value(field, rng, hostile)}")
    return "\n".join(lines) + "\n"


def _section(field: s.Field, rng: random.Random, hostile: float, depth: int) -> list[str]:
    pad = "  " * depth
    lines = []
    for key, child in field.fields.items():
        if rng.random() < 0.5:
            continue
        if child.kind == s.SECTION:
            lines += [f"{pad}{key}:", *_section(child, rng, hostile, depth + 1)]  # empty: a null section
        else:
            lines.append(f"{pad}{key}: {_value(child, rng, hostile)}")
    return lines


# -- checks -----------------------------------------------------------------------
def lost_components(workload, doc: dict) -> list[str]:
    """What is wrong with the components and links of a design document."""
    problems = []
    ids = [c["id"] for c in doc["components"]]
    duplicates = sorted({i for i in ids if ids.count(i) > 1}) if len(ids) != len(set(ids)) else []
    if duplicates:
        problems.append(f"component ids used twice: {duplicates[:5]}")
    known = set(ids)
    for link in doc["links"]:
        for end in (link["source"], link["target"]):
            if end not in known:
                problems.append(f"link end {end!r} is no component")
    linked = {end for link in doc["links"] for end in (link["source"], link["target"])}
    unlinked_channels, linked_channels = [], 0
    for decision in doc["decisions"]:
        if decision["concern"] not in ("database", "messaging") or decision["subject"] is None:
            continue
        key = f"{decision['concern']}:{decision['subject']}"
        own = [c for c in doc["components"] if c["decision"] == key]
        if not own:
            problems.append(f"{key} has no component")
        elif decision["concern"] == "messaging":
            if any(c["id"] in linked for c in own):
                linked_channels += 1
            else:
                unlinked_channels.append(key)
    # A channel is always linked to the tier that sends to it; one without links where others have theirs
    # lost them to another component (a store without links is no sign: DynamoDB alone is drawn unlinked).
    if linked_channels:
        problems += [f"{key} has no linked component" for key in unlinked_channels]
    return problems


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def design_json(text: str, name: str, timeout: int) -> tuple[str, str]:
    """(outcome, detail) of what `design --format json` does, in this process."""
    try:
        workload = parse_text(text, name)
    except WorkloadError as error:
        return "rejected", str(error.problems[0]).splitlines()[0]
    signal.alarm(timeout)
    try:
        doc = design_document(workload)
        json.dumps(doc, indent=2, ensure_ascii=False)
    except Timeout:
        return "timeout", f"over {timeout}s"
    except Exception as error:  # noqa: BLE001 - what the fuzzer looks for
        return "crash", f"{type(error).__name__}: {error}"
    finally:
        signal.alarm(0)
    lost = lost_components(workload, doc)
    return ("lost-component", "; ".join(lost)) if lost else ("designed", f"{len(doc['components'])} components")


# -- full runs with faults ----------------------------------------------------------
FAULTS = ["none", "kill-9", "sigterm", "symlink-at-target", "file-at-target", "concurrent", "stdout-full"]


def _command(path: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "archadvisor", "design", str(path), "-o", str(out), *extra]


def _hidden(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".")) if out.is_dir() else []


def _dot_children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                status = Path(f"/proc/{entry}/status").read_text()
                comm = Path(f"/proc/{entry}/comm").read_text().strip()
            except OSError:
                continue
            if f"\nPPid:\t{pid}\n" in status and comm == "dot":
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("\nState:\t", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False


def full_run(path: Path, name: str, fault: str, rng: random.Random, timeout: int) -> tuple[str, str]:
    """(outcome, detail) of a fresh `design` process with one injected fault."""
    out = Path(tempfile.mkdtemp(prefix="fuzz-out-"))
    try:
        return _fault(path, name, out, fault, rng, timeout)
    except subprocess.TimeoutExpired:
        return "timeout", f"{fault}: design ran over {timeout}s"
    finally:
        shutil.rmtree(out, ignore_errors=True)


# What every design writes; a design may add more (views of a large design, a second region's template).
WRITTEN = {"decisions.json", "diagram.dot", "diagram.drawio", "diagram.png", "diagram.svg", "report.html",
           "report.md", "template.yaml"}


def _complete(files: list[str]) -> bool:
    return WRITTEN <= set(files)


def _fault(path: Path, name: str, out: Path, fault: str, rng: random.Random, timeout: int) -> tuple[str, str]:
    def run(*extra: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(_command(path, out, *extra), cwd=ROOT, capture_output=True, text=True,
                              timeout=timeout, **kwargs)

    if fault == "none":
        done = run()
        files = sorted(p.name for p in (out / name).iterdir()) if (out / name).is_dir() else []
        ok = done.returncode == 0 and _complete(files) and not _hidden(out)
        return ("ok" if ok else "failed"), f"exit {done.returncode}, files {files}, {done.stderr[-300:]}"
    if fault in ("kill-9", "sigterm"):
        process = subprocess.Popen(_command(path, out), cwd=ROOT, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.05, 0.6))
        dots = _dot_children(process.pid)
        process.send_signal(signal.SIGKILL if fault == "kill-9" else signal.SIGTERM)
        _, err = process.communicate(timeout=timeout)
        deadline = time.monotonic() + 3
        while any(_alive(d) for d in dots) and time.monotonic() < deadline:
            time.sleep(0.02)
        if any(_alive(d) for d in dots):
            return "failed", f"{fault}: Graphviz outlived its parent"
        # 143: the handler cleaned up; -15: SIGTERM came before Python had installed it (nothing staged yet)
        if fault == "sigterm" and process.returncode not in (0, 143, -signal.SIGTERM):
            return "failed", f"sigterm: exit {process.returncode}: {err[-300:]}"
        if fault == "sigterm" and _hidden(out):
            return "failed", f"sigterm left {_hidden(out)}"
        left = _hidden(out)
        done = run()
        ok = done.returncode == 0 and not _hidden(out) and (out / name / "report.md").exists()
        return ("ok" if ok else "failed"), f"{fault}: left {left}, rerun exit {done.returncode}, " \
                                          f"after {_hidden(out)} {done.stderr[-300:]}"
    if fault in ("symlink-at-target", "file-at-target"):
        out.mkdir(exist_ok=True)
        if fault == "symlink-at-target":
            (out / name).symlink_to(out / "elsewhere")
        else:
            (out / name).write_text("not ours")
        first, second = run(), run()
        ok = first.returncode == second.returncode == 2 and not _hidden(out) and "Traceback" not in first.stderr
        return ("ok" if ok else "failed"), f"{fault}: exits {first.returncode}/{second.returncode}, {_hidden(out)}"
    if fault == "concurrent":
        runs = [subprocess.Popen(_command(path, out), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 text=True) for _ in range(2)]
        codes = [r.communicate(timeout=timeout) and r.returncode for r in runs]
        ok = codes == [0, 0] and not _hidden(out) and _complete([p.name for p in (out / name).iterdir()])
        return ("ok" if ok else "failed"), f"concurrent: exits {codes}, {_hidden(out)}"
    if fault == "stdout-full":
        with open("/dev/full", "w") as full:
            done = subprocess.run(_command(path, out, "--format", "json"), cwd=ROOT, stdout=full,
                                  stderr=subprocess.PIPE, text=True, timeout=timeout)
        ok = done.returncode == 1 and "cannot write to standard output" in done.stderr
        return ("ok" if ok else "failed"), f"stdout-full: exit {done.returncode}, {done.stderr[-200:]}"
    raise ValueError(fault)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--render-every", type=int, default=50, help="full design with a fault every N workloads")
    parser.add_argument("--timeout", type=int, default=60, help="seconds allowed to one design")
    parser.add_argument("--out", default="/tmp/archadvisor-fuzz", help="where failures are saved")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    failures = Path(args.out)
    failures.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGALRM, _alarm)
    outcomes: collections.Counter = collections.Counter()
    faults: collections.Counter = collections.Counter()
    rejected_why: collections.Counter = collections.Counter()
    started = time.monotonic()
    fault_index = 0
    for index in range(args.count):
        text = generate(rng, index)
        outcome, detail = design_json(text, f"fuzz-{index}.yaml", args.timeout)
        outcomes[outcome] += 1
        if outcome == "rejected":
            rejected_why[detail.split(": ", 2)[-1][:60]] += 1
        elif outcome != "designed":
            (failures / f"fuzz-{index}.yaml").write_text(text)
            print(f"[{index}] {outcome}: {detail[:300]}", flush=True)
        if outcome == "designed" and index % args.render_every == 0:
            fault = FAULTS[fault_index % len(FAULTS)]
            fault_index += 1
            path = failures / f"run-{index}.yaml"
            path.write_text(text)
            result, why = full_run(path, f"fuzz-{index}", fault, rng, args.timeout * 2)
            faults[(fault, result)] += 1
            if result == "ok":
                path.unlink()
            else:
                print(f"[{index}] full run {fault}: {result}: {why[:400]}", flush=True)
        if (index + 1) % 500 == 0:
            print(f"{index + 1} workloads, {time.monotonic() - started:.0f}s: {dict(outcomes)}", flush=True)
    print(f"\nworkloads fuzzed: {args.count} (seed {args.seed}) in {time.monotonic() - started:.0f}s")
    for outcome, count in sorted(outcomes.items()):
        print(f"  {outcome:15} {count}")
    print("most common reasons for rejection:")
    for reason, count in rejected_why.most_common(8):
        print(f"  {count:5}  {reason}")
    print(f"full runs with injected faults: {sum(faults.values())}")
    for (fault, result), count in sorted(faults.items()):
        print(f"  {fault:18} {result:8} {count}")
    bad = sum(c for o, c in outcomes.items() if o not in ("designed", "rejected"))
    bad += sum(c for (f, r), c in faults.items() if r != "ok")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
