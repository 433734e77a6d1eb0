"""Screenshot the top of an HTML report with Debian's chromium (for docs/report*.png).

    ./dev example          # writes build/report.html
    python examples/screenshot_report.py build/report.html docs/report.png
    python examples/screenshot_report.py --bundled             # every bundled edition's report
    python examples/screenshot_report.py --bundled cag2016     # one: docs/report-cag2016.png

``--bundled`` writes the report of each bundled example inspection to build/ and shoots it:
docs/report.png (carag2024), docs/report-cag2016.png. Needs /usr/bin/chromium
(`apt-get install chromium`; `./dev test` installs it).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from inspectcore.cli import cli

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


ROOT = Path(__file__).resolve().parents[1]
BUNDLED = {
    # edition: (example inspection, extra report options, screenshot)
    "carag2024": ("carag2024", (), "docs/report.png"),
    "cag2016": ("cag2016", (), "docs/report-cag2016.png"),
}


def shoot_bundled(editions: list[str]) -> None:
    """Write the report of each named bundled edition's example inspection, and shoot it."""
    unknown = [e for e in editions if e not in BUNDLED]
    if unknown:
        sys.exit(f"no bundled example inspection for {', '.join(unknown)} (known: "
                 f"{', '.join(BUNDLED)})")  # fmt: skip
    (ROOT / "build").mkdir(exist_ok=True)
    for edition in editions or list(BUNDLED):
        folder, options, png = BUNDLED[edition]
        html = ROOT / "build" / f"report-{edition}.html"
        args = ["report", str(ROOT / "examples" / "inspection" / folder), "--edition", edition]
        cli.main([*args, *options, "-o", str(html)], standalone_mode=False)
        screenshot(html, ROOT / png)
        print(f"wrote {png}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--bundled"]:
        shoot_bundled(sys.argv[2:])
    elif len(sys.argv) != 3:
        sys.exit("usage: screenshot_report.py REPORT.html OUT.png | --bundled [EDITION ...]")
    else:
        screenshot(Path(sys.argv[1]), Path(sys.argv[2]))
