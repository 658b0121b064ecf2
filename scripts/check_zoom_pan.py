"""Zoom and pan the report's drawing in a real browser (headless Chromium), and say whether they work.

A dev-only check, not a test: CI has no browser. It writes the report of a
blueprint (or takes a report.html), opens it in headless Chromium driven
over the Chrome DevTools Protocol on a pipe (``--remote-debugging-pipe``:
no port, no extra package), and with real input events:

1. Ctrl + wheel over the drawing: the SVG must grow, and the point under
   the pointer stay under it;
2. a drag over the zoomed drawing: its box must scroll (pan);
3. a click: back to fitted in the column.

Each step prints what the page reports (the SVG's width and box's scroll
offsets, read with JavaScript); the exit status is 0 when all hold.
Usage: python scripts/check_zoom_pan.py [BLUEPRINT.yaml | report.html] [--screenshot FILE.png]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from cdp import Browser  # beside this script

ROOT = Path(__file__).resolve().parent.parent


STATE = """(() => {
  const svg = document.querySelector('.diagram svg'), box = svg.parentNode, r = svg.getBoundingClientRect(),
        b = box.getBoundingClientRect();
  return {svgWidth: r.width, svgLeft: r.left, svgTop: r.top, boxLeft: b.left, boxTop: b.top, boxWidth: b.width,
          boxHeight: b.height, scrollLeft: box.scrollLeft, scrollTop: box.scrollTop,
          natural: parseFloat(svg.getAttribute('data-width')) * 4 / 3, viewBox: svg.getAttribute('viewBox')};
})()"""


def report_of(argument: Path, out: Path) -> Path:
    if argument.suffix == ".html":
        return argument.resolve()
    subprocess.run([sys.executable, "-m", "archadvisor", "design", str(argument), "-o", str(out)], check=True,
                   stdout=subprocess.DEVNULL, cwd=ROOT)
    return out / argument.stem / "report.html"


def check(browser: Browser, report: Path, screenshot: Path | None) -> list[tuple[str, bool, str]]:
    browser.open(report.as_uri())
    browser.eval("document.querySelector('.diagram').scrollIntoView({block: 'start'})")
    fitted = browser.eval(STATE)
    results = [("drawing fitted to its column with a viewBox",
                fitted["svgWidth"] <= fitted["boxWidth"] + 1 and bool(fitted["viewBox"]),
                f"svg {fitted['svgWidth']:.0f} px in a {fitted['boxWidth']:.0f} px box, viewBox {fitted['viewBox']}")]
    # Ctrl + wheel, a quarter of the way into the drawing: it grows and that point stays under the pointer.
    x, y = fitted["svgLeft"] + fitted["svgWidth"] / 4, fitted["boxTop"] + min(200, fitted["boxHeight"] / 3)
    before = ((x - fitted["svgLeft"]) / fitted["svgWidth"], y - fitted["svgTop"])
    browser.mouse("mouseWheel", x, y, deltaX=0, deltaY=-120, modifiers=2)
    browser.eval("new Promise(r => requestAnimationFrame(() => r(1)))")
    zoomed = browser.eval(STATE)
    grew = zoomed["svgWidth"] > fitted["svgWidth"] * 1.1
    under = (x - zoomed["svgLeft"]) / zoomed["svgWidth"]
    results.append(("Ctrl + wheel zooms in", grew,
                    f"svg {fitted['svgWidth']:.0f} -> {zoomed['svgWidth']:.0f} px"))
    results.append(("the point under the pointer stays under it", abs(under - before[0]) < 0.02,
                    f"pointer at {before[0]:.3f} of the width before, {under:.3f} after"))
    for _ in range(3):
        browser.mouse("mouseWheel", x, y, deltaX=0, deltaY=-120, modifiers=2)
    zoomed = browser.eval(STATE)
    # A drag: press, move up and to the left, release; the box scrolls the other way.
    start = (zoomed["boxLeft"] + zoomed["boxWidth"] / 2, zoomed["boxTop"] + min(300, zoomed["boxHeight"] / 2))
    browser.mouse("mouseMoved", *start)
    browser.mouse("mousePressed", *start, button="left", buttons=1, clickCount=1)
    for step in range(1, 6):
        browser.mouse("mouseMoved", start[0] - 30 * step, start[1] - 20 * step, button="left", buttons=1)
    browser.mouse("mouseReleased", start[0] - 150, start[1] - 100, button="left", buttons=0, clickCount=1)
    panned = browser.eval(STATE)
    moved = (panned["scrollLeft"] - zoomed["scrollLeft"], panned["scrollTop"] - zoomed["scrollTop"])
    results.append(("a drag pans the zoomed drawing", moved[0] > 100 and moved[1] > 50,
                    f"scrolled by {moved[0]:.0f}, {moved[1]:.0f} px for a drag of 150, 100 px"))
    results.append(("a drag does not reset the zoom", abs(panned["svgWidth"] - zoomed["svgWidth"]) < 1,
                    f"svg {zoomed['svgWidth']:.0f} -> {panned['svgWidth']:.0f} px"))
    if screenshot:
        browser.screenshot(screenshot)
    # A click (no drag): back to fitted.
    browser.mouse("mousePressed", *start, button="left", buttons=1, clickCount=1)
    browser.mouse("mouseReleased", *start, button="left", buttons=0, clickCount=1)
    browser.eval("new Promise(r => setTimeout(() => r(1), 50))")
    clicked = browser.eval(STATE)
    results.append(("a click fits it to the column again", abs(clicked["svgWidth"] - fitted["svgWidth"]) < 2,
                    f"svg {clicked['svgWidth']:.0f} px (fitted {fitted['svgWidth']:.0f})"))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path, default=ROOT / "blueprints" / "media-streaming.yaml")
    parser.add_argument("--screenshot", type=Path, help="save the page, zoomed and panned, as a PNG")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report = report_of(args.report, Path(tmp))
        browser = Browser()
        try:
            results = check(browser, report, args.screenshot)
        finally:
            browser.close()
    for what, ok, detail in results:
        print(f"{'ok  ' if ok else 'FAIL'} {what}: {detail}")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
