"""The report opened in a real headless browser (Debian's chromium, driven by playwright).

`./dev test` installs /usr/bin/chromium when it is missing. Without it the test is
skipped, except in CI (the ``CI`` environment variable set), where it fails.
"""

from __future__ import annotations

import datetime as dt
import os
import struct
import zlib
from pathlib import Path

import pytest

from inspectcore import Registry, read_case, render_report, score

ROOT = Path(__file__).resolve().parents[2]
INSPECTION = ROOT / "examples" / "inspection" / "carag2024"
CHROMIUM = Path("/usr/bin/chromium")
# No sandbox (containers run as root), and none of chromium's own calls home.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: `./dev test` installs it (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} is missing: run `./dev test`, which installs Debian's chromium")


def _png_pixels(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and the decompressed scanlines of a PNG (read independently of the browser)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    position, data = 8, b""
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        if kind == b"IDAT":
            data += png[position + 8 : position + 8 + length]
        position += 12 + length
    return width, height, zlib.decompress(data)


def test_report_renders_in_a_browser_and_requests_nothing(tmp_path: Path) -> None:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    edition = Registry.discover(strict=True).load_edition("carag2024")
    result = score(edition, [(p.name, read_case(p)) for p in sorted(INSPECTION.iterdir())])
    report = tmp_path / "report.html"
    report.write_text(render_report(edition, result, generated=dt.date(2026, 3, 1)), "utf-8")
    url = report.as_uri()
    requests: list[str] = []
    console: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
            page.goto(url, wait_until="load")
            bars = page.locator("svg.chart rect.bar")
            bar_boxes = [bars.nth(i).bounding_box() for i in range(bars.count())]
            question_rows = page.locator("table.questions tr.question-row").count()
            charts = page.locator("svg.chart").count()
            shot = page.screenshot(full_page=True)
        finally:
            browser.close()

    assert requests == [url]  # the page itself, and nothing else: no http, no data fetched
    assert console == []  # nothing blocked by the page's Content-Security-Policy either
    standards = [s for s in edition.sections if s.level == "standard"]
    assert charts == len(standards)
    # A bar for every key question of the four standards (each applied to some case).
    key_questions = [
        s
        for s in edition.sections
        if s.level == "key_question" and s.parent in {t.id for t in standards}
    ]
    assert all(f.applicable > 0 for f in result.key_questions)
    assert len(bar_boxes) == len(key_questions) == 12
    assert all(box is not None and box["width"] > 0 and box["height"] > 0 for box in bar_boxes)
    # A table row for every scored question of the edition.
    assert question_rows == sum(1 for q in edition.questions if q.scored)
    width, height, pixels = _png_pixels(shot)
    assert width == 1100
    assert height > 2000  # the whole page: charts and tables
    assert len(set(pixels)) > 50  # not a blank page
