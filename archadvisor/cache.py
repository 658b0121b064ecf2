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
from typing import Any, Callable


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


def cached_json(source: Path, kind: str, parse: Callable[[str], Any]) -> Any:
    """``parse(text of source)``, a JSON value, kept in the cache under the source's path, size and
    modification time: the next run reads the JSON instead of parsing again."""
    stat = source.stat()
    folder = cache_dir(kind)
    key = f"{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    entry = folder / f"{source.stem}.json" if folder else None
    if entry is not None:
        try:
            cached = json.loads(entry.read_text(encoding="utf-8"))
            if cached.get("key") == key:
                return cached["value"]
        except (OSError, ValueError, AttributeError):
            pass  # missing, unreadable or not ours: made afresh below
    value = parse(source.read_text(encoding="utf-8"))
    if entry is not None:
        temporary = entry.with_name(f".{entry.name}.{os.getpid()}")
        try:
            temporary.write_text(json.dumps({"key": key, "value": value}), encoding="utf-8")
            os.replace(temporary, entry)
        except OSError:
            temporary.unlink(missing_ok=True)
    return value
