"""The prompt is the question: the printed wording, or words built from what is printed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from inspectcore import (
    Basis,
    DataFolder,
    EditionDataError,
    Registry,
    load_edition_folder,
    question_prompt,
)

SECTIONS = [{"id": "A", "level": "area", "title": "Area A"}]
GROUPS = [{"id": "1.1", "kind": "criterion", "title": "Assessment of offending"}]
GUIDANCE = [{"title": "Quality indicators", "text": "This is the age of the child. Count years."}]


def judgement(**more: Any) -> dict[str, Any]:
    return {"id": "1", "kind": "judgement", "section": "A", "text": "Is it sufficient?", **more}


def explanation(**more: Any) -> dict[str, Any]:
    return {
        "id": "1.e",
        "kind": "explanation",
        "section": "A",
        "domain": {"type": "multiple_choice", "options": ["Late", "Other"]},
        "domain_basis": "stated: the tests",
        "links": {"explains": "1"},
        **more,
    }


def info(**more: Any) -> dict[str, Any]:
    return {
        "id": "2",
        "kind": "judgement",
        "section": "A",
        "text_note": "no wording printed; the guidance describes it",
        **more,
    }


@pytest.fixture
def load(write_edition: Callable[..., Path]) -> Callable[..., Any]:
    def build(*questions: dict[str, Any]) -> Any:
        folder = write_edition("ed", sections=SECTIONS, groups=GROUPS, questions=list(questions))
        return load_edition_folder(DataFolder.at(folder)).edition

    return build


def test_printed_wording_is_the_prompt_and_the_note_is_not(load: Callable[..., Any]) -> None:
    edition = load(judgement(text_note="code printed wrapped in HTML tags", location="line 3"))
    prompt = question_prompt(edition, edition.question("1"))
    assert prompt.text.en == "Is it sufficient?"
    assert prompt.provenance.basis is Basis.STATED
    assert not prompt.derived
    assert "HTML" not in prompt.text.en


def test_an_explanation_without_wording_asks_about_its_judgement(load: Callable[..., Any]) -> None:
    edition = load(judgement(), explanation())
    prompt = question_prompt(edition, edition.question("1.e"))
    assert prompt.text.en == "Why was 1 not sufficient? Choose what was lacking."
    assert prompt.derived
    assert "1" in prompt.provenance.note
    assert prompt.context is not None
    assert prompt.context.en == "Is it sufficient?"


def test_the_data_prompt_is_used_where_nothing_is_printed(load: Callable[..., Any]) -> None:
    edition = load(info(prompt="Age of the child", prompt_basis="derived: its guidance"))
    prompt = question_prompt(edition, edition.question("2"))
    assert (prompt.text.en, str(prompt.provenance)) == (
        "Age of the child",
        "derived: its guidance",
    )


def test_else_the_first_sentence_of_its_guidance(load: Callable[..., Any]) -> None:
    edition = load(info(guidance=GUIDANCE))
    prompt = question_prompt(edition, edition.question("2"))
    assert prompt.text.en == "This is the age of the child."
    assert prompt.derived
    assert "Quality indicators" in prompt.provenance.note


def test_else_the_criterion_it_counts_towards_then_its_section(load: Callable[..., Any]) -> None:
    edition = load(info(links={"counts_towards": ["1.1"]}), info(id="3"))
    assert question_prompt(edition, edition.question("2")).text.en == "1.1 Assessment of offending"
    section = question_prompt(edition, edition.question("3"))
    assert section.text.en == "Area A"
    assert section.derived


@pytest.mark.parametrize(
    ("more", "message"),
    [
        ({"prompt": "Age", "prompt_basis": "stated: p. 2"}, "expected 'derived: "),
        ({"prompt": "Age"}, "expected 'derived: "),
        ({"prompt": "Age", "prompt_basis": "derived: x", "text": "Age?"}, "prints no wording"),
    ],
)
def test_a_prompt_is_derived_and_only_where_no_wording_is_printed(
    load: Callable[..., Any], more: dict[str, Any], message: str
) -> None:
    with pytest.raises(EditionDataError, match=message):
        load(info(**more))


@pytest.mark.parametrize(("edition_id", "extensions"), [("carag2024", []), ("cag2016", ["wales"])])
def test_no_bundled_prompt_is_a_transcription_note(edition_id: str, extensions: list[str]) -> None:
    edition = Registry.discover().load_edition(edition_id, extensions=extensions)
    for question in edition.questions:
        prompt = question_prompt(edition, question)
        assert prompt.text.en.strip(), question.id
        if question.text_note:
            assert question.text_note not in prompt.text.en, question.id
        # Words the document does not print are always marked as built.
        assert prompt.derived == (question.text is None), question.id
