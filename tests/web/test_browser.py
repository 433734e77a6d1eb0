"""Recording a case end to end in a real browser (Debian's chromium, driven by playwright),
through the form as an inspector uses it: sign in, start a case from the inspection's page,
answer what is asked (the page re-routes: a routing change, a No with its explanation),
and the case in the store validates."""

from __future__ import annotations

import re

from playwright.sync_api import Page

from inspectcore import Registry, Store, validate

from .conftest import browser_sign_in


class _Form:
    """The recording form of one case in the browser, each save awaited by its version."""

    def __init__(self, page: Page, version: int) -> None:
        self.page = page
        self.version = version

    def _saved(self) -> None:
        self.version += 1
        self.page.wait_for_selector(f'h1[data-version="{self.version}"]')

    def choose(self, anchor: str, *values: str) -> None:
        """Click each option (a radio saves on change, as does each checkbox)."""
        for value in values:
            self.page.locator(f'#{anchor} input[name="value"][value="{value}"]').check()
            self._saved()

    def enter(self, anchor: str, text: str) -> None:
        """Type an answer and press the question's Save."""
        self.page.locator(f'#{anchor} [name="value"]').fill(text)
        self.page.locator(f"#{anchor} button[type=submit]").click()
        self._saved()

    def asked(self) -> list[str]:
        return [
            self.page.locator("form.step").nth(i).get_attribute("id") or ""
            for i in range(self.page.locator("form.step").count())
        ]


def test_an_inspector_records_a_case_through_the_form(
    browser_page: Page, live_server: str, store: Store, registry: Registry
) -> None:
    page = browser_page
    browser_sign_in(page, live_server, "ivan")
    page.click("text=example-inspection")
    page.fill("input[name=reference]", "PW-1")
    page.click("text=Start the case")
    page.wait_for_selector("h1[data-version='1']")
    form = _Form(page, 1)
    assert "f-programme" in form.asked()
    assert "q-6b" not in form.asked()

    form.choose("f-programme", "FULL")
    form.choose("f-country", "England")
    form.enter("q-1", "16")
    form.choose("q-2", "Detention and training order")
    form.enter("q-3", "2025-09-15")
    form.enter("q-4", "24")
    form.choose("q-5", "Substance misuse")
    # A routing answer: 6a Yes brings 6b.
    form.choose("q-6a", "Yes")
    assert "q-6b" in form.asked()
    form.choose("q-6b", "Host")
    # A judgement answered No brings its explanation, asked next.
    assert "q-B-1-2" not in form.asked()
    form.choose("q-B-1-1", "No")
    asked = form.asked()
    assert asked.index("q-B-1-2") == asked.index("q-B-1-1") + 1
    form.choose("q-B-1-2", "Reasons not analysed")
    form.choose("q-B-1-3", "Yes")
    form.choose("q-B-1-4-Substance-misuse", "Yes")
    form.choose("q-B-1-S", "No")
    form.choose("q-C-1", "Yes")
    form.choose("q-C-2", "No")
    # The routing answer changes: 6b is no longer asked, and its answer is listed to remove.
    form.choose("q-6a", "No")
    assert "q-6b" not in form.asked()
    assert "No longer apply: 6b" in page.inner_text("section.problems")
    page.click("text=Remove those answers")
    form._saved()
    assert page.inner_text("section.problems").count("None: the case is valid.") == 1

    (stored,) = [c for c in store.cases(1) if c.assessment.case == "PW-1"]
    assert stored.version == form.version
    problems = validate(registry.edition_for_case(stored.assessment), stored.assessment)
    assert problems == ()
    b12 = stored.assessment.answer("B 1.2")
    assert b12 is not None
    assert b12.value == ("Reasons not analysed",)
    assert stored.assessment.answer("6b") is None
    assert page.console_errors == []  # type: ignore[attr-defined]
    assert all(url.startswith(live_server) for url in page.requested)  # type: ignore[attr-defined]


def test_the_form_works_without_javascript(
    browser_page: Page, live_server: str, store: Store
) -> None:
    page = browser_page
    context = page.context.browser.new_context(java_script_enabled=False)  # type: ignore[union-attr]
    plain = context.new_page()
    browser_sign_in(plain, live_server, "ivan")
    case = store.cases(1)[0]
    plain.goto(f"{live_server}/cases/{case.id}")
    plain.locator('#q-B-1-1 input[value="No"]').check()
    plain.locator("#q-B-1-1 button[type=submit]").click()
    plain.wait_for_selector(f'h1[data-version="{case.version + 1}"]')
    assert re.search(r"/cases/\d+\?saved=B\+1\.1#q-B-1-1$", plain.url)
    assert plain.locator("#q-B-1-2").count() == 1
    answer = store.case(case.id).assessment.answer("B 1.1")
    assert answer is not None
    assert answer.value == "No"
    context.close()
