"""Which Wales questions apply to a case, in both editions, through the library and the CLI.

The expected sets come from the 2016 guidance, not from the data: 9a and 13c are asked in
every inspection in Wales (3b, lines 259-260; 9a, line 389; Appendix B, lines 8072-8073), and
9b to 9e 'only ... where the preferred language is recorded as Welsh or is not known' (lines
414-415).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner

from inspectcore import CaseAssessment, Edition, Router, Value
from inspectcore.cli import cli

WALES = ("9a", "9b", "9c", "9d", "9e", "13c")
ALL = set(WALES)
FIRST_ONLY = {"9a", "13c"}

# (case name, the answers that route, the Wales questions that apply)
SCENARIOS: list[tuple[str, dict[str, Value], set[str]]] = [
    ("england", {"3b": "England"}, set()),
    # An answer to 9a in an English case does not make 9b-9e apply: 9a itself does not.
    ("england with a stray 9a", {"3b": "England", "9a": "Welsh"}, set()),
    ("country not answered", {}, set()),
    ("wales, 9a not answered yet", {"3b": "Wales"}, FIRST_ONLY),
    ("wales, welsh", {"3b": "Wales", "9a": "Welsh"}, ALL),
    ("wales, not known", {"3b": "Wales", "9a": "Not Known"}, ALL),
    ("wales, english", {"3b": "Wales", "9a": "English"}, FIRST_ONLY),
    ("wales, other", {"3b": "Wales", "9a": "Other"}, FIRST_ONLY),
]
IDS = [name for name, _, _ in SCENARIOS]


def applying(edition: Edition, case: CaseAssessment) -> set[str]:
    router = Router(edition, case)
    return {qid for qid in WALES if router.check(edition.question(qid)).applies}


@pytest.mark.parametrize(("name", "answers", "expected"), SCENARIOS, ids=IDS)
def test_routing_in_cag2016(
    cag2016_wales: Edition,
    make_case: Callable[..., CaseAssessment],
    name: str,
    answers: dict[str, Value],
    expected: set[str],
) -> None:
    case = make_case("cag2016", answers, {"programme": "FJI"})
    assert applying(cag2016_wales, case) == expected


@pytest.mark.parametrize(("name", "answers", "expected"), SCENARIOS, ids=IDS)
def test_routing_in_carag2024(
    carag2024_wales: Edition,
    make_case: Callable[..., CaseAssessment],
    name: str,
    answers: dict[str, Value],
    expected: set[str],
) -> None:
    case = make_case("carag2024", answers)
    assert applying(carag2024_wales, case) == expected


def test_carried_country_applies_to_every_carag2024_case(
    carag2024_wales: Edition, make_case: Callable[..., CaseAssessment]
) -> None:
    """3b is what the others route on in carag2024, so it is asked of every case."""
    for answers in ({}, {"3b": "England"}, {"3b": "Wales"}):
        router = Router(carag2024_wales, make_case("carag2024", answers))
        assert router.check(carag2024_wales.question("3b")).applies


def test_preferred_language_does_not_route(
    carag2024_wales: Edition, make_case: Callable[..., CaseAssessment]
) -> None:
    """I 1.6 is free text: whatever it says, 9a decides (see the README)."""
    welsh_text = make_case("carag2024", {"3b": "Wales", "I 1.6": "Welsh", "9a": "English"})
    assert applying(carag2024_wales, welsh_text) == FIRST_ONLY
    english_text = make_case("carag2024", {"3b": "Wales", "I 1.6": "English", "9a": "Welsh"})
    assert applying(carag2024_wales, english_text) == ALL


def _cli_applying(edition_id: str, path: Path) -> dict[str, bool]:
    result = CliRunner().invoke(
        cli, ["questions", edition_id, "--with", "wales", "--case", str(path), "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    return {row["id"]: row["applies"] for row in rows if row["id"] in WALES}


@pytest.mark.parametrize(("name", "answers", "expected"), SCENARIOS, ids=IDS)
@pytest.mark.parametrize("edition_id", ["cag2016", "carag2024"])
def test_routing_through_the_cli(
    case_file: Callable[..., Path],
    edition_id: str,
    name: str,
    answers: Mapping[str, Value],
    expected: set[str],
) -> None:
    context = {"programme": "FJI"} if edition_id == "cag2016" else {}
    shown = _cli_applying(edition_id, case_file(edition_id, answers, context))
    assert shown == {qid: qid in expected for qid in WALES}


def test_cli_says_why_a_question_does_not_apply(case_file: Callable[..., Path]) -> None:
    path = case_file("cag2016", {"3b": "Wales", "9a": "English"}, {"programme": "FJI"})
    result = CliRunner().invoke(
        cli, ["questions", "cag2016", "--with", "wales", "--case", str(path), "--json"]
    )
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert rows["9b"]["applies"] is False
    assert '(9a = "English")' in rows["9b"]["reason"]
