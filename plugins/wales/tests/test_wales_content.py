"""The wales extension's content, checked against the 2016 guidance read independently."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from inspectcore import Basis, Edition, Registry, SingleChoice, YesNo
from inspectcore.testing import assert_edition_lints_clean

WALES = ("9a", "9b", "9c", "9d", "9e", "13c")
README = Path(__file__).resolve().parent.parent / "README.md"

# What the seed prints for each question's answers (lines 384-385, 412, 426, 464-474, 776),
# typed here from the document, not read from the extension.
OPTIONS = {
    "9a": ("English", "Welsh", "Other", "Not Known"),
    "9b": ("Yes", "No", "Not known"),
    "9c": ("Yes", "No", "Not known"),
    "9d": ("Yes", "No", "Not Required"),
    "13c": ("English", "Welsh"),
}

INTRO = "Inspecting in Wales (Appendix B): Introduction"
DETAILS = "Inspecting in Wales (Appendix B): View 0 – Details"
APD = (
    "Inspecting in Wales (Appendix B): Assessment, Planning and Delivery of Interventions "
    "(Views 1, 2 and 3)"
)
OUTCOMES = (
    "Inspecting in Wales (Appendix B): Initial Outcomes and Management of Practice (Views 4 and 5)"
)


def plain(text: str) -> str:
    return " ".join(text.split())


def paragraphs(text: str) -> list[str]:
    return [plain(p) for p in text.strip().split("\n\n") if p.strip()]


def wales_notes(edition: Edition, section_id: str) -> list[str]:
    section = edition.section(section_id)
    assert section is not None, section_id
    return [b.title.en for b in section.guidance if b.origin == "wales"]


@pytest.mark.parametrize("edition_id", ["cag2016", "carag2024"])
def test_loads_and_lints_clean(registry: Registry, edition_id: str) -> None:
    loaded = assert_edition_lints_clean(registry, edition_id, ["wales"])
    assert [(e.id, e.distribution) for e in loaded.edition.extensions] == [
        ("wales", "inspectcore-wales")
    ]


def test_extension_header(registry: Registry) -> None:
    info = registry.extension_info("wales")
    assert info.header.extends == ("cag2016", "carag2024")
    assert info.plugin.distribution == "inspectcore-wales"


def test_cag2016_questions_are_placed_in_view_0(cag2016_wales: Edition) -> None:
    ids = [q.id for q in cag2016_wales.questions]
    at = ids.index("8")
    assert ids[at : at + 6] == ["8", "9a", "9b", "9c", "9d", "9e"]
    assert ids[ids.index("13b") : ids.index("13b") + 3] == ["13b", "13c", "14"]
    for qid in WALES:
        question = cag2016_wales.question(qid)
        assert question.section == "View 0"
        assert question.origin == "wales"


@pytest.mark.parametrize("qid", WALES)
def test_kinds_and_answers(cag2016_wales: Edition, carag2024_wales: Edition, qid: str) -> None:
    for edition in (cag2016_wales, carag2024_wales):
        question = edition.question(qid)
        if qid == "9e":
            assert question.kind == "judgement"
            assert isinstance(question.answer, YesNo)
            continue
        assert question.kind == "information"
        assert isinstance(question.answer, SingleChoice)
        assert tuple(o.value for o in question.answer.options) == OPTIONS[qid]


def test_9e_is_not_scored_and_counts_towards_nothing(
    cag2016_wales: Edition, carag2024_wales: Edition
) -> None:
    for edition in (cag2016_wales, carag2024_wales):
        question = edition.question("9e")
        assert question.scored is False
        assert question.scored_provenance.basis is Basis.STATED
        assert "does not contribute to the scores for the four inspection themes" in (
            question.scored_provenance.note
        )
        assert question.links.counts_towards == ()
        # The edition's other judgements are scored: 9e's `scored = false` is what keeps it out.
        assert edition.kind("judgement").scored is True


@pytest.mark.parametrize("edition_id", ["cag2016", "carag2024"])
def test_wording_guidance_and_definitions_are_verbatim(
    registry: Registry, seed: str, edition_id: str
) -> None:
    edition = registry.load_edition(edition_id, ["wales"])
    source = plain(seed)
    carried = ("3b",) if edition_id == "carag2024" else ()
    for qid in (*carried, *WALES):
        question = edition.question(qid)
        if question.text is not None:
            assert plain(question.wording) in source, qid
        assert question.guidance, qid
        for block in question.guidance:
            for paragraph in paragraphs(block.text.en):
                assert paragraph in source, (qid, block.title.en, paragraph[:60])
        for option in getattr(question.answer, "options", ()):
            if option.definition is not None:
                assert plain(option.definition.en) in source, (qid, option.value)


@pytest.mark.parametrize("edition_id", ["cag2016", "carag2024"])
def test_locations_point_at_the_printed_labels(
    registry: Registry, seed: str, edition_id: str
) -> None:
    lines = seed.splitlines()
    edition = registry.load_edition(edition_id, ["wales"])
    for qid in WALES:
        location = edition.question(qid).location
        match = re.fullmatch(r"(?:CAG v16 )?line (\d+)", location)
        assert match is not None, location
        assert lines[int(match[1]) - 1].startswith(f"{qid}."), (qid, location)


def test_wording_where_the_document_prints_it(cag2016_wales: Edition) -> None:
    assert cag2016_wales.question("9a").wording == (
        "What was the child or young person’s preferred first language?"
    )
    assert cag2016_wales.question("9e").wording == (
        "Throughout the course of the sentence to date did the YOT take sufficient account of "
        "the preference to work using the Welsh language?"
    )
    for qid in ("9b", "9c", "9d"):
        question = cag2016_wales.question(qid)
        assert question.text is None
        assert "No question wording printed" in question.text_note


# -- Appendix B ----------------------------------------------------------------------------------


def test_appendix_b_notes_on_cag2016(cag2016_wales: Edition) -> None:
    expected = {
        "View 0": [INTRO, DETAILS],
        "View 1": [INTRO, APD],
        "View 2": [INTRO, APD],
        "View 3": [INTRO, APD],
        "View 4": [INTRO, OUTCOMES],
        "View 5": [INTRO, OUTCOMES],
    }
    assert {s: wales_notes(cag2016_wales, s) for s in expected} == expected
    assert cag2016_wales.section("View 7") is None


def test_appendix_b_notes_on_carag2024(carag2024_wales: Edition) -> None:
    expected = {
        "information": [INTRO],
        "case-information": [DETAILS],
        "2.1": [INTRO, APD],
        "2.2": [INTRO, APD],
        "2.3": [INTRO, APD],
        "2.4": [INTRO, APD],
        "interview": [INTRO],
    }
    got = {s.id: wales_notes(carag2024_wales, s.id) for s in carag2024_wales.sections}
    assert {k: v for k, v in got.items() if v} == expected


def _appendix_b(seed: str) -> list[str]:
    """Appendix B's paragraphs (lines 8041-8139), headings and the page header left out."""
    lines = seed.splitlines()
    start = lines.index("Inspecting in Wales ") + 1
    found: list[str] = []
    current: list[str] = []
    for line in [*lines[start:], ""]:
        if line.strip():
            current.append(line)
            continue
        text = plain(" ".join(current))
        current = []
        heading = len(text) < 90 and not text.endswith(".")
        if text and not heading and not text.startswith("IYOW CAG v16"):
            found.append(text)
    return found


def test_every_appendix_b_paragraph_is_attached_or_listed(
    cag2016_wales: Edition, carag2024_wales: Edition, seed: str
) -> None:
    source = _appendix_b(seed)
    assert len(source) == 15
    cag = {
        p
        for s in cag2016_wales.sections
        for b in s.guidance
        if b.origin == "wales"
        for p in paragraphs(b.text.en)
    }
    unattached = [p for p in source if p not in cag]
    # Only the paragraph on View 7, which cag2016 does not have; the README says so.
    assert len(unattached) == 1
    assert unattached[0].startswith("Evidence drawn from case assessments")
    readme = plain(README.read_text(encoding="utf-8"))
    assert "Partner Engagement (View 7 – FJI only)" in readme
    # carag2024 has neither View 7 nor outcomes and management parts: two paragraphs go unused.
    carag = {
        p
        for s in carag2024_wales.sections
        for b in s.guidance
        if b.origin == "wales"
        for p in paragraphs(b.text.en)
    }
    assert [p[:40] for p in source if p not in carag] == [
        "In determining whether management oversi",
        "Evidence drawn from case assessments in ",
    ]
    assert "Initial Outcomes and Management of Practice (Views 4 and 5)" in readme


# -- carried forward onto carag2024 --------------------------------------------------------------


@pytest.mark.parametrize("qid", WALES)
def test_carried_questions_are_the_2016_ones(
    cag2016_wales: Edition, carag2024_wales: Edition, qid: str
) -> None:
    old, new = cag2016_wales.question(qid), carag2024_wales.question(qid)
    assert new.carried_from is not None
    assert (new.carried_from.edition, new.carried_from.question) == ("cag2016", qid)
    assert new.carried_from.provenance.basis is Basis.INFERRED
    assert new.origin == "wales"
    assert new.text == old.text
    assert new.answer.describe() == old.answer.describe()
    assert [(o.value, o.definition) for o in getattr(new.answer, "options", ())] == [
        (o.value, o.definition) for o in getattr(old.answer, "options", ())
    ]
    assert new.scored == old.scored
    # cag2016 reads the country as an inspection fact; carag2024 has none, so the extension
    # asks 3b with the case information there (test below)
    assert str(new.applies.condition if new.applies else "") == str(
        old.applies.condition if old.applies else ""
    ).replace('fact("3b")', 'answer("3b")')
    assert [(b.title.en, b.text.en) for b in new.guidance] == [
        (f"{b.title.en} (CAG v16)", b.text.en) for b in old.guidance
    ]


def test_3b_is_carried_from_the_2016_inspection_fact(
    cag2016_wales: Edition, carag2024_wales: Edition
) -> None:
    old, new = cag2016_wales.fact("3b"), carag2024_wales.question("3b")
    assert old is not None
    assert cag2016_wales.find_question("3b") is None
    assert new.carried_from is not None
    assert (new.carried_from.edition, new.carried_from.question) == ("cag2016", "3b")
    assert new.prompt is not None
    assert new.prompt.en == old.text.en
    assert new.answer.describe() == old.answer.describe()


def test_carried_questions_are_placed_after_preferred_language(carag2024_wales: Edition) -> None:
    ids = [q.id for q in carag2024_wales.questions]
    at = ids.index("I 1.6")
    assert ids[at : at + 8] == ["I 1.6", "3b", "9a", "9b", "9c", "9d", "9e", "I 1.7"]
    assert carag2024_wales.question("13c").section == "interview"
    assert ids[ids.index("13c") + 1] == "O 2.1"


@pytest.mark.parametrize("edition_id", ["cag2016", "carag2024"])
def test_the_edition_itself_does_not_change(registry: Registry, edition_id: str) -> None:
    base = registry.load_edition(edition_id)
    extended = registry.load_edition(edition_id, ["wales"])
    added = {q.id for q in extended.questions} - {q.id for q in base.questions}
    assert added == ({"3b", *WALES} if edition_id == "carag2024" else set(WALES))
    assert [q for q in extended.questions if q.id not in added] == list(base.questions)
    for ours, theirs in zip(extended.sections, base.sections, strict=True):
        own = tuple(b for b in ours.guidance if b.origin != "wales")
        assert attrs.evolve(ours, guidance=own) == theirs
    assert (extended.facts, extended.groups, extended.exclusions) == (
        base.facts,
        base.groups,
        base.exclusions,
    )
    assert base.find_question("9a") is None
