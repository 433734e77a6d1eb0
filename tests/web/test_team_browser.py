"""The lead's dashboard and a blind second reading in a real browser (Debian's chromium,
driven by playwright): the lead sees the library's figures, and a quality lead reads a case
again without ever being shown its first reading, then agrees the answer they differ on.

Screenshots of each page go to ``INSPECTCORE_SHOTS`` when it names a folder."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Page

from inspectcore import PerOption, Registry, Store, percent_text
from inspectcore._web.progress import progress

from .conftest import browser_sign_in

QUINN = "quinn's long password"


def shot(page: Page, name: str) -> None:
    folder = os.environ.get("INSPECTCORE_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"team-{name}.png"), full_page=True)


def test_the_lead_sees_the_figures(
    browser_page: Page, live_server: str, store: Store, registry: Registry
) -> None:
    page = browser_page
    browser_sign_in(page, live_server, "lee")
    page.click("text=example-inspection")
    page.click("text=Dashboard")
    page.wait_for_selector("h1:has-text('dashboard')")
    inspection = store.inspection_named("example-inspection")
    found = progress(registry.load_edition("example"), store.cases(inspection.id))
    for figure in found.score.key_questions:
        row = page.locator("tr.key-question", has_text=figure.id)
        cells = row.locator("td.num").all_inner_texts()
        assert cells == [
            str(figure.applicable),
            str(figure.sufficient),
            percent_text(figure.percent),
        ]
    for rating in found.score.ratings:
        assert page.locator("td.band", has_text=rating.band or "not rated").count() >= 1
    assert page.console_errors == []  # type: ignore[attr-defined]
    assert all(url.startswith(live_server) for url in page.requested)  # type: ignore[attr-defined]
    shot(page, "dashboard")


def test_a_quality_lead_reads_a_case_again_blind_and_agrees_it(
    browser_page: Page, live_server: str, store: Store
) -> None:
    inspection = store.inspection_named("example-inspection")
    store.add_person("quinn", "Quinn Quality", "quality_lead", QUINN)
    store.grant("quinn", inspection.id)
    first = next(c for c in store.cases(inspection.id) if c.reference == "EX-02")
    page = browser_page
    page.goto(f"{live_server}/")
    page.fill("input[name=username]", "quinn")
    page.fill("input[name=password]", QUINN)
    page.click("button[type=submit]")
    page.wait_for_selector("header.site .who")
    page.click("text=example-inspection")
    page.click("text=Second reading")
    shot(page, "to-read-again")
    page.click("text=Read EX-02 again")
    page.wait_for_selector("h1[data-version='1']")
    # Blind: the first reading's narrative, notes and choices are nowhere in the page's
    # source; only the inspection facts every case shares are checked.
    source = page.content()
    narrative = first.assessment.answer("B 9")
    assert narrative is not None
    assert str(narrative.value) not in source
    assert narrative.note not in source
    assert page.locator("input:checked").count() == len(first.assessment.context)
    shot(page, "second-reading")
    # The first reading itself is refused to its second reader.
    refused = page.request.get(f"{live_server}/cases/{first.id}")
    assert refused.status == 403

    # Most answers through the API (as the form's script would), C 1 through the form.
    second_id = int(re.sub(r"\D", "", page.url.rsplit("/", 1)[-1]))
    token = page.request.get(f"{live_server}/api/session").json()["csrf_token"]
    version = 1
    for answer in first.assessment.answers:
        if answer.question == "C 1":
            continue
        value: object = answer.value
        if isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, PerOption):
            value = dict(value.items)
        saved = page.request.put(
            f"{live_server}/api/cases/{second_id}/answers/{quote(answer.question)}",
            data={"value": value, "version": version},
            headers={"X-CSRF-Token": token},
        )
        assert saved.status == 200, saved.text()
        version = saved.json()["version"]
    page.reload()
    page.wait_for_selector(f"h1[data-version='{version}']")
    first_c1 = first.assessment.answer("C 1")
    assert first_c1 is not None
    differing = "Yes" if first_c1.value == "No" else "No"
    page.locator(f'#q-C-1 input[name="value"][value="{differing}"]').check()
    page.wait_for_selector(f"h1[data-version='{version + 1}']")

    page.goto(f"{live_server}/inspections/{inspection.id}/agreement")
    assert page.locator("h2", has_text="Disagreements (1)").count() == 1
    row = page.locator("table.disagreements tbody tr")
    assert row.locator("td").nth(1).inner_text().startswith("C 1")
    shot(page, "agreement")
    row.locator("button[value=second]").click()
    page.wait_for_selector("td.agreed")
    [agreed] = store.cases(inspection.id, reading="agreed")
    assert agreed.assessment.answer("C 1") is not None
    assert agreed.assessment.answer("C 1").value == differing  # type: ignore[union-attr]
    assert store.case(first.id).assessment == first.assessment
    assert page.console_errors == []  # type: ignore[attr-defined]
    shot(page, "agreed")
