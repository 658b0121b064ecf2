"""Writing OUT/<name>/ so that no crash, signal or concurrent run leaves it half-written or blocked.

- Each run renders into a staging folder beside the target, ``.<name>.XXXXXXXX.staging``, which it holds
  an exclusive ``flock`` on for as long as it lives. A run killed by ``kill -9`` loses its lock with its
  life, so the next run of that name removes any staging folder nobody holds (and the ``.<name>.old``
  and ``.<name>.XXXXXXXX`` folders older versions left).
- Cleaning and creating staging folders, and the swap, happen under a ``flock`` on OUT itself, so two
  runs never remove each other's work, and concurrent runs of one name swap one after the other: the
  last to finish wins, every run succeeds.
- The swap exchanges the new folder with the old one in one ``renameat2(RENAME_EXCHANGE)``: OUT/<name>
  is never absent. Where the kernel or file system cannot exchange, two renames follow each other.
- A symbolic link or a file at OUT/<name> is refused before anything is drawn (exit status 2): it is
  not a folder archadvisor wrote, and replacing it could lose someone's data.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # not on Windows: no locks, the renames alone
    fcntl = None  # type: ignore[assignment]


class OutputBlocked(Exception):
    """OUT/<name> holds something archadvisor will not replace (a link or a file); exit status 2."""


def check_target(final: Path) -> None:
    """Refuse a link or a file where the output folder goes."""
    if final.is_symlink():
        raise OutputBlocked(f"{final} is a symbolic link; remove it or choose another -o "
                            "(archadvisor replaces only a folder it wrote)")
    if final.exists() and not final.is_dir():
        raise OutputBlocked(f"{final} is a file, not a folder; remove it or choose another -o")


@contextlib.contextmanager
def _locked(folder: Path, blocking: bool = True) -> Iterator[int | None]:
    """An exclusive flock on a folder, held for the block; None where the lock was not to be had."""
    if fcntl is None:
        yield None
        return
    descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC
                         | getattr(os, "O_NOFOLLOW", 0))
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield None
            return
        yield descriptor
    finally:
        os.close(descriptor)


def _leftover(entry: str, name: str) -> bool:
    """A staging folder of this name: ours (.<name>.XXXXXXXX.staging) or an older version's."""
    return re.fullmatch(rf"\.{re.escape(name)}\.([a-z0-9_]{{8}}(\.staging)?|old)", entry) is not None


def clean_stale(output: Path, name: str) -> list[str]:
    """Remove the staging folders of ``name`` no live run holds; the names removed. Call under the OUT lock."""
    removed = []
    for entry in sorted(os.listdir(output)):
        path = output / entry
        if not _leftover(entry, name) or path.is_symlink() or not path.is_dir():
            continue
        with _locked(path, blocking=False) as held:
            if held is None and fcntl is not None:
                continue  # a live run renders there
            shutil.rmtree(path, ignore_errors=True)
            removed.append(entry)
    return removed


class Staging:
    """A locked staging folder for OUT/<name>; :meth:`publish` swaps it in, :meth:`discard` removes it."""

    def __init__(self, output: Path, name: str) -> None:
        self.output, self.name = output, name
        self.final = output / name
        self._lock: int | None = None
        with _locked(output):
            clean_stale(output, name)
            self.path = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".staging", dir=output))
            if fcntl is not None:
                self._lock = os.open(self.path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
                fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def publish(self) -> Path:
        """Put the staging folder at OUT/<name>; the previous folder, if any, is removed afterwards."""
        os.chmod(self.path, 0o755)
        with _locked(self.output):
            check_target(self.final)
            if self.final.is_dir():
                if not _exchange(self.path, self.final):
                    retired = self.output / f".{self.name}.{secrets.token_hex(4)}.staging"
                    os.rename(self.final, retired)
                    os.rename(self.path, self.final)
                    self.path = retired
            else:
                os.rename(self.path, self.final)
                self.path = None  # nothing left to remove
        self.discard()  # the previous output, now at the staging path
        return self.final

    def discard(self) -> None:
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)
            self.path = None
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2():
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


_RENAMEAT2 = _renameat2()


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False where this system cannot (then nothing has moved)."""
    if _RENAMEAT2 is None:
        return False
    result = _RENAMEAT2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))
