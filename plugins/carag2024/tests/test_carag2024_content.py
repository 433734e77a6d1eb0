"""The carag2024 edition against its source document, read independently of the plugin."""

from __future__ import annotations

import json
import re
from importlib.resources import files

import pytest
from click.testing import CliRunner

from inspectcore import Edition, Registry, SingleChoice
from inspectcore.cli import cli
from inspectcore.testing import assert_edition_lints_clean

SOURCE = ("data", "source", "carag-v7.4-2024.txt")
"""The document's text as this package ships it, read as a package resource."""
CODE = re.compile(r"^(?:<p>)?([IAPDRO] \d+(?:\.\d+)?(?: S)?)(?:</p>)?(?:\t| |$)", re.MULTILINE)


def _seed_text() -> str:
    return files("inspectcore_carag2024").joinpath(*SOURCE).read_text(encoding="utf-8")


def _plain(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


@pytest.fixture(scope="module")
def edition() -> Edition:
    return Registry.discover(strict=True).load_edition("carag2024")


def test_loads_and_lints_clean(inspectcore_registry: Registry) -> None:
    loaded = assert_edition_lints_clean(inspectcore_registry, "carag2024")
    assert loaded.edition.version == "7.4"


def test_every_printed_code_is_a_question_or_key_question(edition: Edition) -> None:
    printed = CODE.findall(_seed_text())
    assert len(printed) == 93  # what the regex reads off the document, example rows excluded
    known = {q.id for q in edition.questions} | {s.id for s in edition.sections}
    assert [code for code in printed if code not in known] == []
    key_questions = {s.id for s in edition.sections if s.level == "key_question"}
    assert {c for c in printed if re.fullmatch(r"[APDRO] \d+", c)} <= key_questions


def test_coded_questions_keep_document_order(edition: Edition) -> None:
    printed = [c for c in CODE.findall(_seed_text()) if edition.find_question(c)]
    ours = [q.id for q in edition.questions if "/" not in q.id]
    assert ours == printed


def test_every_wording_is_verbatim(edition: Edition) -> None:
    source = _plain(_seed_text())
    missing = [q.id for q in edition.questions if q.text and _plain(q.wording) not in source]
    assert missing == []


def test_uncoded_prompts_have_derived_ids_and_notes(edition: Edition) -> None:
    derived = [q for q in edition.questions if "/" in q.id]
    assert {q.id for q in derived} >= {"A 1.1/1", "A 2.5/1", "A 3.4/1"}
    assert all(q.text_note.startswith("derived id") for q in derived)
    assert edition.question("A 1.1/1").wording == (
        "Does assessment sufficiently analyse diversity issues?"
    )


@pytest.mark.parametrize("question_id", ["A 2.5", "A 3.4"])
def test_classifications_have_four_published_levels(edition: Edition, question_id: str) -> None:
    question = edition.question(question_id)
    assert question.kind == "classification"
    assert isinstance(question.answer, SingleChoice)
    assert len(question.answer.options) == 4
    source = _plain(_seed_text())
    for option in question.answer.options:
        assert option.definition is not None
        assert _plain(option.definition.en) in source, option.value


def test_summary_judgements_answer_their_key_questions(edition: Edition) -> None:
    for section in edition.sections:
        if section.level != "key_question" or section.id == "O 2":
            continue
        summary = edition.question(f"{section.id} S")
        assert summary.kind == "summary_judgement"
        assert summary.links.summarises == section.id


def test_answer_yes_where_there_is_nothing_to_judge(edition: Edition) -> None:
    """The rule the document states for seven summary judgements, kept as data."""
    source = _plain(_seed_text())
    with_rules = {q.id: q.answer_rules for q in edition.questions if q.answer_rules}
    yes_rules = {k: v for k, v in with_rules.items() if k != "R 3.2"}
    assert sorted(yes_rules) == ["D 2 S", "D 3 S", "P 2 S", "P 3 S", "R 1 S", "R 2 S", "R 3 S"]
    for question_id, (rule,) in yes_rules.items():
        assert rule.answer == "Yes"
        assert f"{rule.when}, inspectors will answer" in source, question_id
        assert str(rule.provenance).startswith(f"stated: {question_id} guidance")


def test_r_3_2_will_be_answered_no_where_its_guidance_says_so(edition: Edition) -> None:
    """R 3.2's guidance forces a 'No' (line 301): kept as an answer rule, in its own words."""
    source = _plain(_seed_text())
    (rule,) = edition.question("R 3.2").answer_rules
    assert rule.answer == "No"
    assert f"This question will be answered 'No' {rule.when[0].lower()}{rule.when[1:]}." in source
    assert str(rule.provenance).startswith("stated: R 3.2 guidance (lines 299-301)")


@pytest.mark.parametrize(
    ("percent", "rating"),
    [
        ("49.99", "Inadequate"),
        ("50", "Requires improvement"),
        ("64.99", "Requires improvement"),
        ("65", "Good"),
        ("79.99", "Good"),
        ("80", "Outstanding"),
    ],
)
def test_rate_at_every_band_edge(percent: str, rating: str) -> None:
    result = CliRunner().invoke(
        cli, ["rate", "carag2024", "A1=100", f"A2={percent}", "A3=100", "--json"]
    )
    assert result.exit_code == 0, result.output
    (standard,) = json.loads(result.output)["rated"]
    assert (standard["id"], standard["rating"], standard["driven_by"]) == ("2.1", rating, "A 2")
