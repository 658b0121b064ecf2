"""Output writing under faults (issue 17): kill -9, SIGTERM, concurrent runs, a link or file at the target."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from archadvisor import publish
from archadvisor.cli import main
from archadvisor.pipeline import design_document, write_design
from archadvisor.workload import load
from conftest import ROOT

RICH = ROOT / "blueprints" / "three-tier-web.yaml"
NAME = "three-tier-web"


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def _start(out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "archadvisor", "design", str(RICH), "-o", str(out), *extra],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.005)
    return False


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                status = Path(f"/proc/{entry}/status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{pid}\n" in status:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text().split("\nState:\t", 1)[1][0]
    except (OSError, IndexError):
        return False
    return state != "Z"


# -- a link or a file at OUT/<name> ------------------------------------------------
@pytest.mark.parametrize("make", ["dir-link", "dangling-link", "file"])
def test_a_link_or_file_at_the_target_is_refused_and_blocks_nothing(tmp_path, capsys, make):
    target = tmp_path / NAME
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if make == "dir-link":
        target.symlink_to(elsewhere)
    elif make == "dangling-link":
        target.symlink_to(tmp_path / "gone")
    else:
        target.write_text("someone's notes")
    for _ in range(2):  # the second run meets the same state: nothing was left behind
        assert main(["design", str(RICH), "-o", str(tmp_path), "--no-diagram"]) == 2
        err = capsys.readouterr().err
        assert ("symbolic link" in err or "is a file" in err) and "nothing was written" in err
        assert _hidden(tmp_path) == [] and list(elsewhere.iterdir()) == []
    if make == "file":
        assert target.read_text() == "someone's notes"
    target.unlink()
    assert main(["design", str(RICH), "-o", str(tmp_path), "--no-diagram"]) == 0
    assert (target / "report.md").exists() and _hidden(tmp_path) == []


def test_a_link_that_appears_while_drawing_is_refused_at_the_swap(tmp_path, monkeypatch):
    workload = load(RICH)
    doc = design_document(workload)
    import archadvisor.render as render

    real = render.render_all

    def meanwhile(*args, **kwargs):
        real(*args, **kwargs)
        (tmp_path / NAME).symlink_to(tmp_path)

    monkeypatch.setattr(render, "render_all", meanwhile)
    with pytest.raises(publish.OutputBlocked):
        write_design(workload, doc, tmp_path, formats=())
    assert _hidden(tmp_path) == []


# -- leftovers of dead runs --------------------------------------------------------
def test_leftovers_of_dead_runs_and_older_versions_are_removed_by_the_next_run(tmp_path):
    for leftover in (f".{NAME}.old", f".{NAME}.ab12cd_3", f".{NAME}.ab12cd_3.staging"):
        (tmp_path / leftover).mkdir()
        (tmp_path / leftover / "report.md").write_text("half")
    (tmp_path / ".other.ab12cd_3.staging").mkdir()  # another name's: not this run's business
    assert main(["design", str(RICH), "-o", str(tmp_path), "--no-diagram"]) == 0
    assert _hidden(tmp_path) == [".other.ab12cd_3.staging"]


def test_a_live_runs_staging_folder_is_left_alone(tmp_path):
    live = publish.Staging(tmp_path, NAME)
    dead = tmp_path / f".{NAME}.deadbeef.staging"
    dead.mkdir()
    try:
        assert publish.clean_stale(tmp_path, NAME) == [dead.name]
        assert live.path.is_dir()
    finally:
        live.discard()
    assert _hidden(tmp_path) == []


def test_kill_9_leaves_staging_that_the_next_run_removes_and_graphviz_dies_too(tmp_path):
    out = tmp_path / "out"
    process = _start(out)
    try:
        # Graphviz starts before the staging folder is made (as soon as the components are known)
        assert _wait_for(lambda: out.is_dir() and any(p.name.endswith(".staging") for p in out.iterdir())
                         and bool(_dot_children(process.pid))), "Graphviz never started while staging"
        dots = [p.pid for p in _dot_children(process.pid)]
        staging = [p for p in out.iterdir() if p.name.endswith(".staging")]
    finally:
        process.kill()
        process.wait()
    assert staging and all(p.exists() for p in staging), "the staging folder of the killed run"
    assert _wait_for(lambda: not any(_alive(pid) for pid in dots), 5), "Graphviz outlived its parent"
    done = subprocess.run([sys.executable, "-m", "archadvisor", "design", str(RICH), "-o", str(out),
                           "--no-diagram"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert _hidden(out) == [] and (out / NAME / "report.md").exists()


class _Proc:
    def __init__(self, pid: int):
        self.pid = pid
        self.name = _comm(self)


def _comm(process) -> str:
    try:
        return Path(f"/proc/{process.pid}/comm").read_text().strip()
    except OSError:
        return ""


def _dot_children(pid: int) -> list[_Proc]:
    return [p for p in map(_Proc, _children(pid)) if p.name == "dot"]


def test_sigterm_cleans_up_and_keeps_the_previous_output(tmp_path):
    out = tmp_path / "out"
    assert main(["design", str(RICH), "-o", str(out), "--no-diagram"]) == 0
    before = (out / NAME / "decisions.json").read_bytes()
    process = _start(out)
    try:
        assert _wait_for(lambda: any(p.name.endswith(".staging") for p in out.iterdir()))
        assert _wait_for(lambda: bool(_dot_children(process.pid)))
        dots = [p.pid for p in _dot_children(process.pid)]
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 143 and "terminated" in err and "Traceback" not in err
    assert _hidden(out) == [], "SIGTERM must clean its own staging folder"
    assert (out / NAME / "decisions.json").read_bytes() == before
    assert _wait_for(lambda: not any(_alive(pid) for pid in dots), 5)


# -- concurrent runs ---------------------------------------------------------------
def test_concurrent_runs_of_one_name_all_succeed_and_the_output_is_never_absent(tmp_path):
    out = tmp_path / "out"
    assert main(["design", str(RICH), "-o", str(out), "--no-diagram"]) == 0
    absent = []
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            if not (out / NAME / "decisions.json").exists():
                absent.append(time.monotonic())

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        for _ in range(3):
            runs = [_start(out, "--no-diagram") for _ in range(4)]
            results = [(r.wait(timeout=120), r.stderr.read()) for r in runs]
            for r in runs:
                r.stdout.close()
                r.stderr.close()
            assert all(code == 0 for code, _ in results), results
    finally:
        stop.set()
        watcher.join()
    assert not absent, "OUT/<name> was absent during a swap"
    assert _hidden(out) == []
    assert sorted(p.name for p in (out / NAME).iterdir()) == ["decisions.json", "report.html", "report.md",
                                                              "template-us-east-1.yaml", "template.yaml"]


def test_without_an_atomic_exchange_the_swap_still_works(tmp_path, monkeypatch):
    monkeypatch.setattr(publish, "_RENAMEAT2", None)
    workload = load(RICH)
    doc = design_document(workload)
    for _ in range(2):
        folder = write_design(workload, doc, tmp_path, formats=())
    assert (folder / "report.md").exists() and _hidden(tmp_path) == []


# -- children die with their parent ----------------------------------------------
def test_a_child_started_with_die_with_parent_dies_on_kill_9_of_its_parent():
    """A child that would run for 30 s is gone within moments of its parent's SIGKILL."""
    from archadvisor.render.children import die_with_parent

    if die_with_parent is None:
        pytest.skip("no PR_SET_PDEATHSIG on this platform")
    script = ("import subprocess, sys, time\n"
              "from archadvisor.render.children import die_with_parent\n"
              "child = subprocess.Popen(['sleep', '30'], preexec_fn=die_with_parent)\n"
              "print(child.pid, flush=True)\n"
              "time.sleep(60)\n")
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        assert _alive(child)
    finally:
        parent.kill()
        parent.wait()
        parent.stdout.close()
    assert _wait_for(lambda: not _alive(child), 3), "the child outlived its parent"


SOURCE = 'digraph { a [pos="0,0"]; b [pos="100,0"]; a -> b }'  # positions given: Graphviz only routes


def test_graphviz_is_started_to_die_with_its_parent(monkeypatch):
    """From the main thread, which lives as long as archadvisor; a child forked by a worker thread would be
    killed when that thread ends (PR_SET_PDEATHSIG follows the thread), so workers do not ask for it."""
    import threading

    import archadvisor.render.graphviz as graphviz
    from archadvisor.render.children import die_with_parent

    seen = []
    real = graphviz.subprocess.Popen

    def spy(*args, **kwargs):
        seen.append(kwargs.get("preexec_fn"))
        return real(*args, **kwargs)

    monkeypatch.setattr(graphviz.subprocess, "Popen", spy)
    graphviz.run_dot(SOURCE, "plain", ROOT, 30)
    worker = threading.Thread(target=graphviz.run_dot, args=(SOURCE, "plain", ROOT, 30))
    worker.start()
    worker.join()
    assert seen == [die_with_parent, None]


def test_sigterm_while_the_commands_are_imported_is_a_plain_termination(monkeypatch, capsys):
    import archadvisor.cli as cli

    def interrupted(argv=None):
        raise cli.Terminated()

    monkeypatch.setattr(cli, "_parser", interrupted)
    assert cli.main(["validate", "x.yaml"]) == 143
    assert capsys.readouterr().err == "terminated\n"


def test_sigterm_that_arrives_in_a_fork_hook_is_delivered_again():
    """Python prints and ignores an exception raised in an at-fork hook (logging's): the handler
    must not lose the signal there."""
    import logging
    import archadvisor.cli as cli

    frame = type("Frame", (), {"f_code": type("Code", (), {"co_filename": logging.__file__})(), "f_back": None})()
    before = signal.getsignal(signal.SIGTERM)
    received = []
    signal.signal(signal.SIGTERM, lambda *args: received.append(args))
    try:
        cli._on_terminate(signal.SIGTERM, frame)  # defers: no exception here
        assert _wait_for(lambda: bool(received), 2)
    finally:
        signal.signal(signal.SIGTERM, before)
        cli._terminated = False
