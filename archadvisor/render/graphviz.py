"""Graphviz processes: each run lays a DOT text out once and writes one or more formats.

A run is a process of its own, started at once and read by a worker
thread, so several run side by side; it is killed when it outlives its
timeout or when its result is no longer wanted.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Sequence

from .children import die_with_parent  # Graphviz dies with archadvisor, even on kill -9


class RenderError(RuntimeError):
    """Graphviz failed, timed out or is missing; the message says which."""


class RenderTimeout(RenderError):
    """Graphviz took longer than the timeout."""


# -- Graphviz --------------------------------------------------------------
# A layout run costs about 25 ms, nearly all of it process start-up and font loading (the layout
# itself takes about 1 ms), and one process lays out one graph: laying several graphs out in one
# process is not the same (Graphviz 2.x keeps state from one graph to the next, and a crash would
# lose them all).
WORKERS = max(2, min(4, os.cpu_count() or 1))
# Graphviz runs alive at once, at most (a drawing and its views). The pool starts a thread only when a run needs it.
POOL = WORKERS + 4
# How each text format's output ends, when another format follows it on the same output (see Run).
# Graphviz's JSON closes its outermost brace alone on the last line; every inner one is indented.
_ENDS = {"plain": b"\nstop\n", "svg": b"</svg>\n", "json": b"\n}\n", "json0": b"\n}\n"}


def _scratch_file():
    """An anonymous read-write file: for Graphviz's input and its messages. In memory where Linux offers it
    (``memfd_create``: no temporary folder touched, and no ``tempfile`` module loaded before Graphviz starts,
    about 2 ms of every run); a temporary file elsewhere."""
    if hasattr(os, "memfd_create"):
        try:
            return os.fdopen(os.memfd_create("archadvisor-graphviz", os.MFD_CLOEXEC), "w+b")
        except OSError:  # a kernel without it (before 3.17), or a sandbox refusing it
            pass
    import tempfile
    return tempfile.TemporaryFile()


def dot_executable() -> str:
    executable = shutil.which("dot")
    if executable is None:
        raise RenderError("Graphviz 'dot' was not found on PATH; install Graphviz (https://graphviz.org)")
    return executable


class Stopped(RenderError):
    """A run stopped because its result was no longer wanted; never reaches the user."""


class Run:
    """One ``dot`` run: started by :meth:`start` in the submitting thread, fed and read by a pool
    worker (:meth:`__call__`), stoppable from any thread.

    Graphviz lays ``source`` out once and writes each of ``formats`` in that
    order on one output; :meth:`part` gives each format's bytes as soon as
    Graphviz has written them. The plain layout comes
    within milliseconds, long before a PNG that follows it, so one run both
    reports a candidate layout and, if that layout is chosen, draws it.
    Graphviz is killed when it outlives ``timeout``; :meth:`stop` kills it,
    or keeps it from starting. Waiting on the process does not hold the GIL,
    so workers run several at once.
    """

    def __init__(self, source: str, formats: Sequence[str], root: Path, timeout: float) -> None:
        self.source, self.formats, self.root, self.timeout = source, tuple(formats), root, timeout
        if not self.formats or any(fmt not in _ENDS for fmt in self.formats[:-1]):
            raise ValueError(f"Graphviz output {self.formats} cannot be split: only the last format may lack an end")
        self._parts: dict[str, Future] = {fmt: Future() for fmt in self.formats}
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._errors = None  # Graphviz's messages: a temporary file
        self._stopped = self._expired = False
        self._split = 0  # where the part being written starts in the output

    def part(self, fmt: str) -> Future:
        """The future bytes of one of ``formats``: an error instead if the run fails or is stopped first."""
        return self._parts[fmt]

    def start(self) -> None:
        """Start Graphviz (in the caller's thread: at once, not when a worker gets to it); see :meth:`__call__`."""
        with self._lock:
            if self._stopped or self._process is not None:
                return
            # Positions are given (see layout.py): neato keeps them (-n2, in points) and only routes the lines.
            command = [dot_executable(), "-Kneato", "-n2", *(f"-T{fmt}" for fmt in self.formats),
                       f"-Gimagepath={self.root}"]
            # Warnings go to a file: a pipe nobody reads while the output is streamed could fill and block Graphviz.
            self._errors = _scratch_file()
            # The source comes from a file too, written here: through a pipe, it waited for a worker thread
            # to get the GIL from a caller busy with Python (up to 5 ms), and a long one blocked the writer.
            source = _scratch_file()
            source.write(self.source.encode("utf-8"))
            source.seek(0)
            try:
                # The kernel kills a child when the *thread* that forked it ends: only the main thread,
                # which lives as long as archadvisor, may ask for that.
                main = threading.current_thread() is threading.main_thread()
                self._process = subprocess.Popen(command, stdin=source, stdout=subprocess.PIPE,
                                                 stderr=self._errors, cwd=self.root,
                                                 preexec_fn=die_with_parent if main else None)
            except OSError as error:
                self._errors.close()
                raise RenderError(f"Graphviz could not be started: {error}") from None
            finally:
                source.close()  # Graphviz has its own copy of the file

    def __call__(self) -> bytes:
        """Hand each part of Graphviz's output over as it comes, and return the whole output."""
        try:
            self.start()
            return self._run()
        except BaseException as error:
            self._fail(error)
            raise

    def _run(self) -> bytes:
        what = " and ".join(self.formats)
        process = self._process
        if process is None:  # stopped before it started
            raise Stopped(what)
        with self._errors as errors:
            watchdog = threading.Timer(self.timeout, self._expire)
            watchdog.start()
            try:
                output = self._read(process)
            finally:
                watchdog.cancel()
                process.stdout.close()
                process.wait()
            if self._expired:
                raise RenderTimeout(f"Graphviz took longer than {self.timeout:g}s to draw the {what} diagram")
            if self._stopped:
                raise Stopped(what)
            pending = [fmt for fmt in self.formats if not self._parts[fmt].done()]
            if process.returncode != 0 or pending != [self.formats[-1]] or len(output) == self._split:
                errors.seek(0)
                message = errors.read().decode("utf-8", "replace").strip() or f"exit status {process.returncode}"
                raise RenderError(f"Graphviz failed to draw the {what} diagram: {message}")
            self._settle(self.formats[-1], bytes(output[self._split:]))
            return bytes(output)

    def _read(self, process: subprocess.Popen) -> bytearray:
        """Read Graphviz's output, handing each finished part over as it ends."""
        output, to_come = bytearray(), list(self.formats[:-1])  # the last part ends with the output
        while chunk := process.stdout.read1(1 << 16):
            output += chunk
            while to_come:
                end_mark = _ENDS[to_come[0]]
                end = output.find(end_mark, max(self._split, len(output) - len(chunk) - len(end_mark)))
                if end < 0:
                    break
                end += len(end_mark)
                self._check_messages()
                self._settle(to_come.pop(0), bytes(output[self._split:end]))
                self._split = end
        return output

    def _check_messages(self) -> None:
        """Fail the run if Graphviz has reported an error so far. It goes on to draw after an error in the
        layout (a spline it could not route, say) and fails only at exit, so a part written before then
        would otherwise be taken for a good layout."""
        messages = self._messages()
        if "Error" in messages:
            self._kill()
            raise RenderError(f"Graphviz failed to lay out the diagram: {messages}")

    def _messages(self) -> str:
        """What Graphviz has written to its error output so far. Read at an offset: the file's position
        is shared with Graphviz, which goes on writing at it."""
        if not hasattr(os, "pread"):  # not on this platform: errors are caught at exit instead
            return ""
        fd = self._errors.fileno()
        return os.pread(fd, os.fstat(fd).st_size, 0).decode("utf-8", "replace").strip()

    def _expire(self) -> None:
        self._expired = True
        self._kill()

    def _kill(self) -> None:
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                self._process.kill()

    def _settle(self, fmt: str, data: bytes) -> None:
        with self._lock:
            if not self._parts[fmt].done():  # else stopped meanwhile
                self._parts[fmt].set_result(data)

    def _fail(self, error: BaseException) -> None:
        with self._lock:
            for part in self._parts.values():
                if not part.done():
                    part.set_exception(error)

    def stop(self) -> None:
        """Kill Graphviz, or keep it from starting; parts not yet written fail with :class:`Stopped`."""
        with self._lock:
            self._stopped = True
        self._kill()
        self._fail(Stopped(" and ".join(self.formats)))


class Runs:
    """Graphviz runs on a pool of worker threads, all stopped together by :meth:`stop`."""

    def __init__(self, root: Path, timeout: float, workers: int = POOL) -> None:
        self.root, self.timeout = root, timeout
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="graphviz")
        self._runs: list[Run] = []

    def submit(self, source: str, formats: Sequence[str]) -> Run:
        """Start a run at once; a worker feeds it and reads its output."""
        run = Run(source, formats, self.root, self.timeout)
        run.start()
        self._runs.append(run)
        self._pool.submit(run)
        return run

    def stop(self) -> None:
        """Kill what still runs; the threads reap their processes and end by themselves."""
        for run in self._runs:
            run.stop()
        self._pool.shutdown(wait=False)


def run_dot(source: str, fmt: str, root: Path, timeout: float) -> bytes:
    """One ``dot`` run in this thread: see :class:`Run`."""
    return Run(source, (fmt,), root, timeout)()


