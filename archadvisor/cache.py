"""A folder for what archadvisor can keep between runs, as Python keeps compiled modules.

``$XDG_CACHE_HOME/archadvisor/<kind>`` (``~/.cache/archadvisor/<kind>`` by
default). Every entry is keyed by what it was made from, so a stale entry is
never used. A cache only saves time: when it cannot be made or written, or
``ARCHADVISOR_NO_CACHE`` is set, archadvisor does the work instead.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable, Iterable


def cache_dir(kind: str) -> Path | None:
    """The cache folder for ``kind``, made if need be; None when caching is off or impossible."""
    if os.environ.get("ARCHADVISOR_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, empty or relative: the XDG spec says use the default
        base = os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "archadvisor" / kind
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def _read(entry: Path | None, key: str) -> Any:
    """The value kept in ``entry`` under ``key``, or None if there is none (missing, stale or damaged)."""
    if entry is None:
        return None
    try:
        cached = json.loads(entry.read_text(encoding="utf-8"))
        if cached.get("key") == key:
            return cached["value"]
    except (OSError, ValueError, AttributeError, KeyError):
        pass  # missing, unreadable or not ours: made afresh by the caller
    return None


def _write(entry: Path | None, key: str, value: Any) -> None:
    """Keep ``value`` under ``key``; written aside and renamed, so a reader never sees half an entry."""
    if entry is None:
        return
    temporary = entry.with_name(f".{entry.name}.{os.getpid()}")
    try:
        temporary.write_text(json.dumps({"key": key, "value": value}), encoding="utf-8")
        os.replace(temporary, entry)
    except OSError:
        temporary.unlink(missing_ok=True)


def cached_lookups(kind: str, name: str, key: str, wanted: Iterable[str], look_up: Callable[[str], Any]) -> dict:
    """``{item: look_up(item)}`` for each wanted item. Answers are kept in the cache entry ``name``
    under ``key`` (what they depend on); only items not kept yet are looked up, and added."""
    folder = cache_dir(kind)
    entry = folder / f"{name}.json" if folder else None
    known = _read(entry, key)
    known = dict(known) if isinstance(known, dict) else {}
    missing = sorted(set(wanted) - set(known))
    for item in missing:
        known[item] = look_up(item)
    if missing:
        _write(entry, key, known)
    return {item: known[item] for item in wanted}


def cached_json(source: Path, kind: str, parse: Callable[[str], Any]) -> Any:
    """``parse(text of source)``, a JSON value, kept in the cache under the source's path, size and
    modification time: the next run reads the JSON instead of parsing again."""
    folder = cache_dir(kind)
    key = file_key(source)
    entry = folder / entry_name(source) if folder else None
    value = _read(entry, key)
    if value is None:
        value = parse(source.read_text(encoding="utf-8"))
        _write(entry, key, value)
    return value


def entry_name(source: Path) -> str:
    """The entry for ``source``: its name plus a digest of where it is, so that two checkouts or installs
    (each with its own catalogue.yaml) keep an entry each instead of evicting each other's on every run."""
    return f"{source.stem}-{place_tag(source)}.json"


def place_tag(path: Path) -> str:
    """A short digest of where ``path`` is, to tell apart entries made from files of the same name. A CRC,
    not a cryptographic digest: it only tells places apart, and importing hashlib (OpenSSL) costs about
    2 ms of every run."""
    import zlib

    return f"{zlib.crc32(str(path.resolve()).encode('utf-8')):08x}"


def file_key(path: Path) -> str:
    """What a cache entry made from ``path`` depends on: where it is, its size and modification time."""
    stat = path.stat()
    return f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
