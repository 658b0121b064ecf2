"""Reading a nested workload value by its field path."""
from __future__ import annotations

from typing import Any, Sequence


def dig(values: Any, path: str | Sequence[str], default: Any = None) -> Any:
    """The value at ``path`` ("hybrid.link.private" or its parts) in nested mappings, else ``default``.

    A missing key, a value of None and a non-mapping on the way all count as missing.
    """
    node = values
    for part in path.split(".") if isinstance(path, str) else path:
        if not isinstance(node, dict) or node.get(part) is None:
            return default
        node = node[part]
    return node
