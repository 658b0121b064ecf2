"""Child processes that die with archadvisor, even when it is killed with SIGKILL.

Graphviz runs for seconds on a large diagram; without this, a ``kill -9`` of archadvisor left its
``dot`` children drawing for nobody. Linux's PR_SET_PDEATHSIG makes the kernel send the child SIGKILL
when the thread that started it ends. Elsewhere nothing is done (the children end when they next
write to their closed pipe).
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def _prctl():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _prctl()


def _die_with_parent() -> None:
    """Runs in the child between fork and exec: nothing here may take a lock or allocate much."""
    _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() == 1:  # the parent died before the line above: follow it now
        os.kill(os.getpid(), signal.SIGKILL)


# For subprocess.Popen(preexec_fn=...): None where the platform has no such signal.
die_with_parent = _die_with_parent if _PRCTL is not None else None
