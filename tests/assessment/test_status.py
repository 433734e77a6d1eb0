"""A case's status, derived: complete when valid with nothing left to ask."""

from __future__ import annotations

from pathlib import Path

import attrs

from inspectcore import CaseProgress, Registry, case_status, read_case

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "carag2024"


def test_a_bundled_case_is_complete() -> None:
    edition = Registry.discover().load_edition("carag2024")
    status = case_status(edition, read_case(EXAMPLE / "case-003.toml"))
    assert status.complete
    assert (status.progress, status.reason) == (CaseProgress.COMPLETE, "")


def test_a_case_with_an_answer_missing_is_in_progress_and_says_what_is_left() -> None:
    edition = Registry.discover().load_edition("carag2024")
    case = read_case(EXAMPLE / "case-003.toml")
    partial = attrs.evolve(case, answers=[a for a in case.answers if a.question != "I 1.4"])
    status = case_status(edition, partial)
    assert status.progress is CaseProgress.IN_PROGRESS
    assert status.left_to_ask == ("I 1.4",)
    assert status.reason == "1 left to answer (I 1.4)"


def test_an_invalid_answer_is_in_progress_too_and_named() -> None:
    edition = Registry.discover().load_edition("carag2024")
    case = read_case(EXAMPLE / "case-003.toml")
    answers = [attrs.evolve(a, value="Maybe") if a.question == "I 1.1" else a for a in case.answers]
    status = case_status(edition, attrs.evolve(case, answers=answers))
    assert not status.complete
    assert status.left_to_ask == ()
    assert status.reason.startswith("1 other error(s), the first I 1.1: ")
