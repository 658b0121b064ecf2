"""The standalone SVG: icons embedded once each, and a drawing that scales to its container."""
from __future__ import annotations

import base64
import re
from pathlib import Path

from .graphviz import RenderError

_HREF = re.compile(r'xlink:href="([^"#][^"]*)"')
_IMAGE = re.compile(r'<image (xlink:href="data:[^"]+") width="([^"]+)" height="([^"]+)"'
                    r' preserveAspectRatio="([^"]+)" x="([^"]+)" y="([^"]+)"/>')


def embed_icons(svg: str, root: Path, prefix: str = "") -> str:
    """Replace icon file references by base64 data URIs, each icon once.

    Graphviz writes one ``<image>`` per node; identical icons are moved into
    ``<defs>`` as ``<symbol>`` elements and drawn with ``<use>``, which keeps
    the file small and still self-contained. ``prefix`` starts the symbols' ids: several drawings
    inline in one report page must not share an id.
    """
    root = root.resolve()
    cache: dict[str, str] = {}

    def data_uri(match: re.Match) -> str:
        target = match.group(1)
        if target.startswith("data:"):
            return match.group(0)
        path = Path(target)
        path = (path if path.is_absolute() else root / path).resolve()
        if root not in path.parents or path.suffix != ".png":
            raise RenderError(f"diagram references an unexpected file: {target}")
        if target not in cache:
            cache[target] = "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")
        return f'xlink:href="{cache[target]}"'

    svg = _HREF.sub(data_uri, svg)
    symbols: dict[str, str] = {}

    def use(match: re.Match) -> str:
        href, width, height, aspect, x, y = match.groups()
        key = f"{href}|{width}|{height}|{aspect}"
        if key not in symbols:
            symbols[key] = f"{prefix}icon{len(symbols) + 1}"
        return f'<use xlink:href="#{symbols[key]}" x="{x}" y="{y}" width="{width}" height="{height}"/>'

    svg = _IMAGE.sub(use, svg)
    if symbols:
        defs = ["<defs>"]
        for key, name in symbols.items():
            href, width, height, aspect = key.split("|")
            defs.append(f'<symbol id="{name}" viewBox="0 0 {_number(width)} {_number(height)}"'
                        f' width="{width}" height="{height}"><image {href} width="{width}" height="{height}"'
                        f' preserveAspectRatio="{aspect}"/></symbol>')
        defs.append("</defs>")
        svg = re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + "\n" + "\n".join(defs), svg, count=1)
    if re.search(r'(xlink:)?href="(?!data:|#)', svg):
        raise RenderError("diagram still references a file after embedding icons")
    return svg


def _number(length: str) -> str:
    return re.sub(r"[a-z]+$", "", length)



_SIZE = re.compile(r'(<svg\b[^>]*?)\swidth="([\d.]+)pt"\sheight="([\d.]+)pt"')


def scalable(svg: str) -> str:
    """The root element sized by its ``viewBox`` alone, at most its natural width: it fills its
    container's width (a report column, a browser window) and keeps its proportions."""
    def resize(match: re.Match) -> str:
        start, width, height = match.groups()
        return (f'{start} width="100%" style="max-width:{_number(width)}pt;height:auto"'
                f' data-width="{width}" data-height="{height}"')

    svg = _SIZE.sub(resize, svg, count=1)
    if "viewBox=" not in svg[:2000]:
        raise RenderError("Graphviz wrote an SVG without a viewBox")
    return svg
