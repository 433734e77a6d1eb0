"""Screenshot the top of an HTML report with Debian's chromium (for docs/report.png).

    ./dev example          # writes build/report.html
    python examples/screenshot_report.py build/report.html docs/report.png

Needs /usr/bin/chromium (`apt-get install chromium`; `./dev test` installs it).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def screenshot(report: Path, png: Path, width: int = 1000, height: int = 1500) -> None:
    """Write a PNG of the first ``height`` pixels of ``report`` at ``width``."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(report.resolve().as_uri(), wait_until="load")
            page.screenshot(path=str(png))
        finally:
            browser.close()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: screenshot_report.py REPORT.html OUT.png")
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]))
