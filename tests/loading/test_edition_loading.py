"""Loading edition folders, linting them, and layering extensions onto them."""

from __future__ import annotations

from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from textwrap import dedent

import pytest

from inspectcore import (
    UNRECORDED,
    AppliedExtension,
    Basis,
    DataFolder,
    EditionDataError,
    GuidanceBlock,
    InspectcoreError,
    Integer,
    LintProblem,
    LoadedEdition,
    LocalText,
    MultipleChoice,
    Option,
    Provenance,
    Rule,
    Severity,
    SingleChoice,
    Text,
    UnknownQuestionError,
    YesNo,
    apply_extension,
    load_edition_folder,
    parse_condition,
)

EDITION = """\
id = "ed"
title = "Test edition"
version = "1.0"
publisher = "Tests"
published = "2024-06"
source = "Written for the tests"
licence = "CC0-1.0"
levels = ["area", "topic"]

[[kinds]]
id = "judgement"
domain = { type = "yes_no" }
domain_basis = "stated: introduction: judgements are Yes or No"
scored = true
scored_basis = "stated: introduction: every judgement counts"
sufficient = ["Yes"]
insufficient = ["No"]

[[facts]]
id = "programme"
text = { en = "Inspection programme", cy = "Rhaglen arolygu" }
domain = { type = "single_choice", options = ["FJI", "SQS"] }
domain_basis = "stated: introduction"

[[sections]]
id = "A"
level = "area"
title = "Details"

[[sections]]
id = "A 1"
level = "topic"
title = { en = "Assessment", cy = "Asesiad" }
parent = "A"
[[sections.guidance]]
title = "Introduction"
text = "Applies to every assessment question."

[[groups]]
id = "g1"
kind = "theme"
title = "Desistance"
"""

BASE_QUESTIONS = """\
[[questions]]
id = "q1"
kind = "information"
section = "A"
text = { en = "Was the child looked after?", cy = "A oedd y plentyn yn derbyn gofal?" }
domain = { type = "yes_no" }
domain_basis = "stated: question q1"
[[questions.guidance]]
title = "Guidance"
text = "Look at the case record."

[[questions]]
id = "age"
kind = "information"
section = "A"
text = "Age of the child"
domain = { type = "integer", min = 10, max = 17 }

[[questions]]
id = "sentence"
kind = "information"
section = "A"
domain = { type = "integer", min = 1, sentinels = { "999" = "indeterminate sentence" } }

[[questions]]
id = "factors"
kind = "information"
section = "A"
domain = { type = "multiple_choice", max = 2, options = [
    "Education",
    { value = "Family", definition = "Family life", basis = "derived: list of factors" },
    "Housing",
] }
domain_basis = "stated: question factors"

[[questions]]
id = "notes"
kind = "narrative"
section = "A"
required = false
required_basis = "stated: optional"
domain = { type = "text" }

[[questions]]
id = "when"
kind = "information"
section = "A"
domain = { type = "date" }
"""

JUDGEMENTS = """\
[[questions]]
id = "A 1.1"
kind = "judgement"
section = "A 1"
text = "Is the assessment sufficient?"
location = "p. 3"
links = { counts_towards = ["g1"], key_question = "A 1" }

[[questions]]
id = "A 1.2"
kind = "explanation"
section = "A 1"
text = "Why not?"
domain = { type = "multiple_choice", options = ["Too short", "Other"] }
domain_basis = "derived: quality indicators of A 1.1"
links = { explains = "A 1.1", other_goes_to = "notes" }

[[questions]]
id = "A 1.3"
kind = "judgement"
section = "A 1"
applies = 'answer("age") >= 16 and "Education" in answer("factors") and fact("programme") == "FJI"'
applies_basis = "stated: p. 4: 'only for older children in education'"
"""

EXTENSION = """\
id = "ext-cy"
title = "Welsh questions"
version = "0.1"
extends = ["ed"]
"""


def write_edition(
    root: Path,
    extra: str | None = None,
    *,
    edition: str = EDITION,
    questions: Mapping[str, str] | None = None,
) -> DataFolder:
    """Write an edition folder: edition.toml, the base questions and ``extra`` as 03-extra.toml."""
    folder = root / "ed"
    (folder / "questions").mkdir(parents=True)
    (folder / "edition.toml").write_text(dedent(edition), encoding="utf-8")
    given = (
        dict(questions)
        if questions is not None
        else {"01-base.toml": BASE_QUESTIONS, "02-judgements.toml": JUDGEMENTS}
    )
    if extra is not None:
        given["03-extra.toml"] = extra
    for name, text in given.items():
        (folder / "questions" / name).write_text(dedent(text), encoding="utf-8")
    return DataFolder.at(folder)


def write_extension(root: Path, overlay: str, *, header: str = EXTENSION) -> DataFolder:
    """Write an extension folder: extension.toml and ed/overlay.toml."""
    folder = root / "ext"
    (folder / "ed").mkdir(parents=True)
    (folder / "extension.toml").write_text(dedent(header), encoding="utf-8")
    (folder / "ed" / "overlay.toml").write_text(dedent(overlay), encoding="utf-8")
    return DataFolder.at(folder)


def question(qid: str, *lines: str, section: str = "A", kind: str = "information") -> str:
    """A ``[[questions]]`` block with a recorded yes/no answer, plus ``lines``."""
    body = "\n".join(lines)
    domain = (
        ""
        if any(line.startswith("domain =") for line in lines)
        else ('domain = { type = "yes_no" }\ndomain_basis = "stated: test"\n')
    )
    return (
        f'[[questions]]\nid = "{qid}"\nkind = "{kind}"\nsection = "{section}"\n{domain}{body}\n\n'
    )


def load(tmp_path: Path, extra: str | None = None, *, edition: str = EDITION) -> LoadedEdition:
    return load_edition_folder(write_edition(tmp_path, extra, edition=edition))


def load_error(
    tmp_path: Path, extra: str | None = None, *, edition: str = EDITION
) -> EditionDataError:
    with pytest.raises(EditionDataError) as caught:
        load(tmp_path, extra, edition=edition)
    return caught.value


def extra_file(tmp_path: Path) -> str:
    return str(tmp_path / "ed" / "questions" / "03-extra.toml")


def edition_file(tmp_path: Path) -> str:
    return str(tmp_path / "ed" / "edition.toml")


def overlay_file(tmp_path: Path) -> str:
    return str(tmp_path / "ext" / "ed" / "overlay.toml")


def lint_error(tmp_path: Path, extra: str, message: str, *, index: int = 0, qid: str) -> None:
    """Loading with ``extra`` fails with exactly this lint error on that question."""
    error = load_error(tmp_path, extra)
    assert str(error).startswith("edition 'ed': the data fails its checks\n")
    expected = f"{extra_file(tmp_path)}: questions[{index}] (question {qid}): error: {message}"
    assert error.problems == (expected,)


# --- a valid edition ---------------------------------------------------------------------------


def test_valid_edition_loads_without_findings(tmp_path: Path) -> None:
    loaded = load(tmp_path)
    edition = loaded.edition
    assert loaded.findings == ()
    assert (edition.id, edition.title, edition.version) == ("ed", "Test edition", "1.0")
    assert (edition.publisher, edition.published) == ("Tests", "2024-06")
    assert (edition.source, edition.licence, edition.copyright) == (
        "Written for the tests",
        "CC0-1.0",
        "",
    )
    assert edition.levels == ("area", "topic")
    assert edition.extensions == ()
    # questions keep file-name order, then their order in the file
    assert [q.id for q in edition.questions] == [
        "q1",
        "age",
        "sentence",
        "factors",
        "notes",
        "when",
        "A 1.1",
        "A 1.2",
        "A 1.3",
    ]
    assert [s.id for s in edition.sections] == ["A", "A 1"]
    assert edition.section("A 1") is not None
    assert edition.section("A 1").parent == "A"  # type: ignore[union-attr]
    assert edition.section("A").parent is None  # type: ignore[union-attr]
    assert [s.id for s in edition.section_path("A 1")] == ["A", "A 1"]
    assert [q.id for q in edition.questions_in("A 1")] == ["A 1.1", "A 1.2", "A 1.3"]
    assert edition.group("g1") is not None
    assert edition.explanations_of("A 1.1") == (edition.question("A 1.2"),)


def test_valid_edition_builds_domains_and_rules(tmp_path: Path) -> None:
    edition = load(tmp_path).edition
    assert edition.question("q1").answer == YesNo.make()
    assert edition.question("age").answer == Integer(10, 17)
    assert edition.question("sentence").answer == Integer(
        1, None, ((999, "indeterminate sentence"),)
    )
    factors = edition.question("factors").answer
    assert isinstance(factors, MultipleChoice)
    assert factors.max == 2
    assert factors.options == (
        Option("Education"),
        Option("Family", LocalText.of("Family life"), Provenance(Basis.DERIVED, "list of factors")),
        Option("Housing"),
    )
    assert edition.question("notes").answer == Text()
    assert edition.question("notes").required is False
    fact = edition.fact("programme")
    assert fact is not None
    assert fact.answer == SingleChoice((Option("FJI"), Option("SQS")))
    assert fact.answer_provenance == Provenance(Basis.STATED, "introduction")


def test_kind_defaults_fill_in_what_a_question_leaves_out(tmp_path: Path) -> None:
    edition = load(tmp_path).edition
    judged = edition.question("A 1.1")
    assert judged.answer == YesNo.make()
    assert judged.answer_provenance == Provenance(
        Basis.STATED, "introduction: judgements are Yes or No"
    )
    assert judged.scored is True
    assert judged.scored_provenance == Provenance(
        Basis.STATED, "introduction: every judgement counts"
    )
    assert judged.required is True
    assert judged.location == "p. 3"
    assert judged.links.counts_towards == ("g1",)
    assert judged.links.key_question == "A 1"
    assert judged.origin == "ed"
    assert edition.question("q1").scored is False
    assert edition.kind("judgement").is_judgement is True
    assert edition.kind("information").is_judgement is False


def test_rules_are_parsed_with_their_provenance(tmp_path: Path) -> None:
    rule = load(tmp_path).edition.question("A 1.3").applies
    source = (
        'answer("age") >= 16 and "Education" in answer("factors") and fact("programme") == "FJI"'
    )
    assert rule == Rule(
        parse_condition(source),
        Provenance(Basis.STATED, "p. 4: 'only for older children in education'"),
    )
    assert load(tmp_path / "again").edition.question("A 1.1").applies is None


def test_the_example_plugin_data_loads_clean() -> None:
    root = files("inspectcore_example")
    loaded = load_edition_folder(DataFolder(root / "data"))
    assert loaded.findings == ()
    assert loaded.edition.id == "example"
    extended = apply_extension(loaded, DataFolder(root / "cymru"))
    ids = [q.id for q in extended.edition.questions]
    assert ids[ids.index("6b") : ids.index("6b") + 3] == ["6b", "6c", "6d"]
    assert extended.edition.question("6c").origin == "example-cymru"
    section = extended.edition.section("B1")
    assert section is not None
    assert section.guidance[-1].origin == "example-cymru"
    assert section.guidance[-1].title.get("cy") == ("Arolygu yng Nghymru", "cy")


# --- Edition.question and LocalText --------------------------------------------------------------


def test_question_lookup_accepts_ids_without_spaces(tmp_path: Path) -> None:
    edition = load(tmp_path).edition
    printed = edition.question("A 1.1")
    assert printed.id == "A 1.1"
    assert edition.question("A1.1") is printed
    assert edition.question(" A 1 .1 ") is printed
    assert edition.find_question("A1.2") is edition.question("A 1.2")
    assert edition.find_question("A 9.9") is None


def test_unknown_question_raises_a_lookup_error(tmp_path: Path) -> None:
    edition = load(tmp_path).edition
    with pytest.raises(UnknownQuestionError) as caught:
        edition.question("A 9.9")
    assert isinstance(caught.value, LookupError)
    assert isinstance(caught.value, InspectcoreError)
    assert str(caught.value) == "ed has no question 'A 9.9'"
    with pytest.raises(LookupError, match=r"^ed has no question 'a1\.1'$"):
        edition.question("a1.1")


def test_local_text_falls_back_to_english_and_says_so(tmp_path: Path) -> None:
    edition = load(tmp_path).edition
    welsh = edition.question("q1").text
    assert welsh is not None
    assert welsh.get("cy") == ("A oedd y plentyn yn derbyn gofal?", "cy")
    assert welsh.get("en") == ("Was the child looked after?", "en")
    assert welsh.get() == ("Was the child looked after?", "en")
    assert welsh.languages == ("en", "cy")
    english = edition.question("age").text
    assert english is not None
    assert english.get("cy") == ("Age of the child", "en")
    assert english.languages == ("en",)
    assert str(english) == "Age of the child"
    assert edition.question("sentence").text is None
    assert edition.question("sentence").wording == ""
    section = edition.section("A 1")
    assert section is not None
    assert section.title.get("cy") == ("Asesiad", "cy")
    assert section.title.get("fr") == ("Assessment", "en")


def test_local_text_of() -> None:
    text = LocalText.of("Yes", cy="Ie", ga="Tá")
    assert text.en == "Yes"
    assert text.languages == ("en", "cy", "ga")
    assert text.get("ga") == ("Tá", "ga")
    assert text.get("de") == ("Yes", "en")


# --- malformed files -----------------------------------------------------------------------------


CONTENT_KEYS = "facts, sections, groups, questions, notes, exclusions, timeliness, checks"
"""The tables any data file may hold."""


def test_unknown_keys_name_the_file_the_key_path_and_the_question(tmp_path: Path) -> None:
    extra = question(
        "x1",
        'colour = "red"',
        "[questions.links]",
        "wat = 1",
    ) + question("x2", 'domain = { type = "integer", bogus = 1 }', 'domain_basis = "stated: t"')
    error = load_error(tmp_path, extra)
    file = extra_file(tmp_path)
    assert str(error).startswith(f"{file}: not in the edition data format (docs/edition-data.md)\n")
    links = "counts_towards, explains, other_goes_to, key_question, summarises, depends_on"
    domain = "type, options, max, min, na, sentinels, fact"
    [colour] = [p for p in error.problems if "'colour'" in p]
    assert colour.startswith(
        f"{file}: questions[0] (id 'x1'): unknown key(s) 'colour' (allowed: id, kind, section, "
    )
    assert set(error.problems) - {colour} == {
        f"{file}: questions[0] (id 'x1').links: unknown key(s) 'wat' "
        f"(allowed: {links}, per_option_of)",
        f"{file}: questions[1] (id 'x2').domain: unknown key(s) 'bogus' (allowed: {domain})",
    }


def test_a_renamed_key_is_an_error_naming_its_new_name(tmp_path: Path) -> None:
    old = dedent(
        """\
        [[facts]]
        id = "f1"
        text = "F"
        answer = { type = "text" }
        [[questions]]
        id = "x1"
        kind = "information"
        section = "A"
        answer = { type = "yes_no" }
        answer_basis = "stated: t"
        sufficient = ["Yes"]
        judged_basis = "stated: t"
        [[questions.answer_rules]]
        answer = "Yes"
        when = "Where nothing"
        """
    )
    error = load_error(tmp_path, old)
    file = extra_file(tmp_path)
    problems = {p.split("allowed: ")[0] for p in error.problems}
    assert problems == {
        f"{file}: facts[0] (id 'f1'): unknown key(s) 'answer' ('answer' is now 'domain'; ",
        f"{file}: facts[0] (id 'f1').domain: required field missing",
        f"{file}: questions[0] (id 'x1').answer_rules[0]: unknown key(s) 'when' "
        "('when' is now 'situation'; ",
        f"{file}: questions[0] (id 'x1').answer_rules[0].situation: required field missing",
        f"{file}: questions[0] (id 'x1'): unknown key(s) 'answer', 'answer_basis', "
        "'judged_basis' ('answer' is now 'domain'; 'answer_basis' is now 'domain_basis'; "
        "'judged_basis' is now 'sufficient_basis'; ",
    }


def test_unknown_keys_in_sections_and_guidance(tmp_path: Path) -> None:
    extra = dedent(
        """\
        [[sections]]
        id = "Z"
        level = "area"
        title = "Z"
        [[sections.guidance]]
        title = "T"
        text = "x"
        colour = "red"
        """
    )
    error = load_error(tmp_path, extra)
    assert error.problems == (
        f"{extra_file(tmp_path)}: sections[0] (id 'Z').guidance[0]: "
        "unknown key(s) 'colour' (allowed: title, text)",
    )


def test_unknown_top_level_key_in_edition_toml(tmp_path: Path) -> None:
    error = load_error(
        tmp_path, edition=EDITION.replace('licence = "CC0-1.0"', 'licence = "x"\ncolour = "red"')
    )
    file = edition_file(tmp_path)
    assert str(error).startswith(f"{file}: not in the edition data format (docs/edition-data.md)\n")
    [problem] = error.problems
    assert problem.startswith(f"{file}: top level: unknown key(s) 'colour' (allowed: facts, ")
    assert problem.endswith(
        ", id, title, version, publisher, published, source, licence, "
        "copyright, source_file, levels, kinds, rating, group_scoring, synthetic)"
    )


def test_unknown_top_level_key_in_a_questions_file(tmp_path: Path) -> None:
    # A misspelt table must not make its questions disappear without a word.
    extra = question("x1").replace("[[questions]]", "[[question]]")
    error = load_error(tmp_path, 'colour = "red"\n' + extra)
    assert error.problems == (
        f"{extra_file(tmp_path)}: top level: unknown key(s) 'colour', 'question' "
        f"(allowed: {CONTENT_KEYS})",
    )


def test_wrong_value_types_name_the_key_path(tmp_path: Path) -> None:
    error = load_error(tmp_path, question("x1", 'scored = "yes"'))
    assert len(error.problems) == 1
    assert error.problems[0].startswith(f"{extra_file(tmp_path)}: questions[0] (id 'x1').scored: ")
    assert error.problems[0].endswith(": expected true or false, got 'yes'")


def test_missing_required_key(tmp_path: Path) -> None:
    error = load_error(tmp_path, '[[questions]]\nid = "x1"\nkind = "information"\n')
    assert error.problems == (
        f"{extra_file(tmp_path)}: questions[0] (id 'x1').section: required field missing",
    )


def test_invalid_toml_names_file_and_line(tmp_path: Path) -> None:
    error = load_error(tmp_path, '[[questions]]\nid = "x1"\nkind information\n')
    message = str(error)
    assert message.startswith(f"{extra_file(tmp_path)}: not valid TOML: ")
    assert "(at line 3, column" in message


def test_invalid_toml_in_edition_toml(tmp_path: Path) -> None:
    error = load_error(tmp_path, edition=EDITION + "\nkind information\nx = 1\n")
    bad_line = len(EDITION.splitlines()) + 2
    assert str(error).startswith(f"{edition_file(tmp_path)}: not valid TOML: ")
    assert f"(at line {bad_line}, column" in str(error)


def test_unknown_answer_type(tmp_path: Path) -> None:
    extra = question("x1", 'domain = { type = "colour" }', 'domain_basis = "stated: t"')
    error = load_error(tmp_path, extra)
    assert str(error).startswith("edition 'ed': the data is not valid\n")
    assert error.problems == (
        f"{extra_file(tmp_path)}: questions[0] (x1): domain type 'colour' is not one of "
        "yes_no, single_choice, multiple_choice, integer, text, date",
    )


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ('{ type = "yes_no", options = ["Yes", "No"] }', "domain type 'yes_no' takes no options"),
        ('{ type = "yes_no", min = 0 }', "domain type 'yes_no' takes no min"),
        ('{ type = "text", max = 0 }', "domain type 'text' takes no max"),
        ('{ type = "date", na = true }', "domain type 'date' takes no na"),
        (
            '{ type = "single_choice", fact = true, options = ["a"] }',
            "domain type 'single_choice' takes no fact",
        ),
        (
            '{ type = "single_choice", max = 2, options = ["a"] }',
            "domain type 'single_choice' takes no max",
        ),
        ('{ type = "integer", options = ["1"] }', "domain type 'integer' takes no options"),
        ('{ type = "single_choice" }', "domain type 'single_choice' needs options"),
        ('{ type = "multiple_choice", options = ["a", "a"] }', "an option value is listed twice"),
        (
            '{ type = "integer", sentinels = { "lots" = "x" } }',
            "sentinel 'lots' is not a whole number",
        ),
    ],
)
def test_answer_keys_that_do_not_fit_the_type(tmp_path: Path, answer: str, problem: str) -> None:
    error = load_error(tmp_path, question("x1", f"domain = {answer}", 'domain_basis = "stated: t"'))
    assert error.problems == (f"{extra_file(tmp_path)}: questions[0] (x1): {problem}",)


def test_a_text_domain_may_be_marked_a_fact(tmp_path: Path) -> None:
    from inspectcore import is_narrative

    extra = question(
        "x1", 'domain = { type = "text", fact = true }', 'domain_basis = "inferred: t"'
    )
    edition = load(
        tmp_path,
        extra + question("x2", 'domain = { type = "text" }', 'domain_basis = "inferred: t"'),
    ).edition
    assert edition.question("x1").answer == Text(fact=True)
    assert not is_narrative(edition.question("x1"))
    assert is_narrative(edition.question("x2"))


def test_question_without_any_answer_domain(tmp_path: Path) -> None:
    extra = '[[questions]]\nid = "x1"\nkind = "narrative"\nsection = "A"\n'
    error = load_error(tmp_path, extra)
    assert error.problems == (
        f"{extra_file(tmp_path)}: questions[0] (x1): no answer domain: give `domain`, "
        "or declare one for kind 'narrative'",
    )


def test_bad_fact_domain_names_the_fact(tmp_path: Path) -> None:
    extra = dedent(
        """\
        [[facts]]
        id = "country"
        text = "Country"
        domain = { type = "yes_no", options = ["Wales"] }
        """
    )
    error = load_error(tmp_path, extra)
    assert error.problems == (
        f"{extra_file(tmp_path)}: facts[0]: domain type 'yes_no' takes no options",
    )


def test_condition_syntax_error_is_a_load_error(tmp_path: Path) -> None:
    extra = question("x1", 'applies = \'answer("q1") = "Yes"\'', 'applies_basis = "stated: t"')
    error = load_error(tmp_path, extra)
    assert error.problems == (
        f"{extra_file(tmp_path)}: questions[0] (x1): applies: in condition "
        '\'answer("q1") = "Yes"\' at column 14: expected a value, a name or an operator',
    )


def test_after_is_only_for_extensions(tmp_path: Path) -> None:
    error = load_error(tmp_path, question("x1", 'after = "q1"'))
    assert error.problems == (
        f"{extra_file(tmp_path)}: questions[0] (x1): `after` is only for extensions",
    )


def test_notes_are_only_for_extensions(tmp_path: Path) -> None:
    error = load_error(tmp_path, '[[notes]]\ntarget = "q1"\ntitle = "T"\ntext = "x"\n')
    assert error.problems == (
        f"{extra_file(tmp_path)}: notes are only for extensions; put guidance on the item",
    )


# --- lint: conditions -------------------------------------------------------------------------


def test_condition_naming_an_unknown_question(tmp_path: Path) -> None:
    extra = question("x1", "applies = 'answered(\"nope\")'", 'applies_basis = "stated: t"')
    lint_error(tmp_path, extra, 'applies: answer("nope") names an unknown question', qid="x1")


def test_condition_naming_an_unknown_fact(tmp_path: Path) -> None:
    extra = question(
        "x1", 'applies = \'fact("country") == "Wales"\'', 'applies_basis = "stated: t"'
    )
    lint_error(
        tmp_path, extra, 'applies: fact("country") names an unknown inspection fact', qid="x1"
    )


def test_condition_may_name_a_question_without_its_spaces(tmp_path: Path) -> None:
    extra = question("x1", 'applies = \'answer("A1.1") == "No"\'', 'applies_basis = "stated: t"')
    assert load(tmp_path, extra).findings == ()


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ('answer("q1") == "Maybe"', 'applies: answer("q1") can never be "Maybe" (Yes / No)'),
        ('answer("q1") != "yes"', 'applies: answer("q1") can never be "yes" (Yes / No)'),
        (
            'answer("age") == "old"',
            'applies: answer("age") can never be "old" (whole number 10..17)',
        ),
        ('answer("age") == 9', 'applies: answer("age") can never be 9 (whole number 10..17)'),
        (
            'answer("age") >= "16"',
            'applies: answer("age") is whole number 10..17, which cannot be compared with "16"',
        ),
        (
            'answer("q1") in ["Yes", "Maybe"]',
            'applies: answer("q1") can never be "Maybe" (Yes / No)',
        ),
        (
            'answer("factors") == "Education"',
            'applies: answer("factors") is a list of options; '
            'test one with \'"Education" in answer("factors")\'',
        ),
        (
            'answer("factors") != "Education"',
            'applies: answer("factors") is a list of options; '
            'test one with \'"Education" in answer("factors")\'',
        ),
        (
            '"Cars" in answer("factors")',
            'applies: "Cars" is not an option of answer("factors")',
        ),
        (
            '"Yes" in answer("q1")',
            "applies: answer(\"q1\") is not a multiple-choice answer, so nothing can be 'in' it",
        ),
        ('answer("q1") in "Yes"', "applies: 'in' needs a list on its right, got \"Yes\""),
        (
            'answer("notes") < "m"',
            "applies: '<' compares numbers or dates, but answer(\"notes\") is free text",
        ),
        (
            'answer("q1") >= "Yes"',
            "applies: '>=' compares numbers or dates, but answer(\"q1\") is Yes / No",
        ),
        (
            'answer("when") < "2024-2-3"',
            'applies: answer("when") is date (YYYY-MM-DD), '
            'which cannot be compared with "2024-2-3"',
        ),
        (
            'fact("programme") == "Full"',
            'applies: fact("programme") can never be "Full" (one of: FJI; SQS)',
        ),
        ("1 == 1", "applies: compares two constants (1 == 1)"),
    ],
)
def test_condition_comparing_with_an_impossible_value(
    tmp_path: Path, condition: str, message: str
) -> None:
    extra = question("x1", f"applies = '{condition}'", 'applies_basis = "stated: t"')
    lint_error(tmp_path, extra, message, qid="x1")


@pytest.mark.parametrize(
    "condition",
    [
        'answer("q1") == "Yes"',
        '"Yes" == answer("q1")',
        'answer("age") >= 16',
        'answer("sentence") == 999',
        'answer("factors") in ["Education", "Housing"]',
        '"Family" not in answer("factors")',
        'answer("when") < "2024-06-30"',
        'answer("notes") == "none"',
        'answer("age") == answer("sentence")',
        'fact("programme") in ["FJI"]',
        'unanswered("A 1.1") or true',
    ],
)
def test_conditions_that_fit_their_domains(tmp_path: Path, condition: str) -> None:
    extra = question("x1", f"applies = '{condition}'", 'applies_basis = "stated: t"')
    assert load(tmp_path, extra).findings == ()


def test_routing_cycle(tmp_path: Path) -> None:
    extra = question(
        "x1", 'applies = \'answer("x2") == "Yes"\'', 'applies_basis = "stated: t"'
    ) + question("x2", 'applies = \'answer("x1") == "Yes"\'', 'applies_basis = "stated: t"')
    lint_error(tmp_path, extra, "applies: routing cycle x1 -> x2 -> x1", index=1, qid="x2")


def test_routing_cycle_of_three_and_through_a_section(tmp_path: Path) -> None:
    extra = (
        question("x1", "applies = 'answered(\"x2\")'", 'applies_basis = "stated: t"')
        + question("x2", "applies = 'answered(\"x3\")'", 'applies_basis = "stated: t"')
        + question("x3", "applies = 'answered(\"x1\")'", 'applies_basis = "stated: t"')
    )
    lint_error(tmp_path, extra, "applies: routing cycle x1 -> x2 -> x3 -> x1", index=2, qid="x3")


def test_routing_cycle_on_itself_through_its_section(tmp_path: Path) -> None:
    extra = dedent(
        """\
        [[sections]]
        id = "S"
        level = "area"
        title = "S"
        applies = 'answer("x1") == "Yes"'
        applies_basis = "stated: t"

        """
    ) + question("x1", section="S")
    lint_error(tmp_path, extra, "applies: routing cycle x1 -> x1", qid="x1")


# --- lint: links, ids, sections -------------------------------------------------------------


@pytest.mark.parametrize(
    ("links", "message"),
    [
        ('{ explains = "nope" }', "links.explains: 'nope' is not a question"),
        ('{ other_goes_to = "nope" }', "links.other_goes_to: 'nope' is not a question"),
        ('{ depends_on = ["q1", "nope"] }', "links.depends_on: 'nope' is not a question"),
        ('{ per_option_of = "nope" }', "links.per_option_of: 'nope' is not a question"),
        ('{ key_question = "A 9" }', "links.key_question: 'A 9' is not a section"),
        ('{ summarises = "nope" }', "links.summarises: 'nope' is not a section"),
        ('{ key_question = "q1" }', "links.key_question: 'q1' is not a section"),
        (
            '{ counts_towards = ["g1", "g2"] }',
            "links.counts_towards: 'g2' is not a group or section",
        ),
        ('{ depends_on = ["x1"] }', "links.depends_on: 'x1' is not a question (it names itself)"),
        (
            '{ per_option_of = "q1" }',
            "links.per_option_of: 'q1' is not a multiple-choice question",
        ),
    ],
)
def test_links_to_missing_items(tmp_path: Path, links: str, message: str) -> None:
    lint_error(tmp_path, question("x1", f"links = {links}"), message, qid="x1")


def test_links_that_resolve(tmp_path: Path) -> None:
    extra = question(
        "x1",
        'links = { counts_towards = ["A 1"], per_option_of = "factors", depends_on = ["A1.1"] }',
    )
    assert load(tmp_path, extra).findings == ()


def test_explains_must_point_at_a_judgement(tmp_path: Path) -> None:
    extra = question(
        "x1",
        'domain = { type = "single_choice", options = ["Too short"] }',
        'domain_basis = "derived: t"',
        'links = { explains = "q1" }',
        kind="explanation",
    )
    lint_error(
        tmp_path,
        extra,
        "links.explains: 'q1' is of kind 'information', not one judged sufficient or insufficient",
        qid="x1",
    )


def test_duplicate_question_ids(tmp_path: Path) -> None:
    lint_error(tmp_path, question("q1"), "id repeats 'q1'", qid="q1")


def test_duplicate_question_ids_equal_without_spaces(tmp_path: Path) -> None:
    lint_error(tmp_path, question("A1.1", section="A 1"), "id repeats 'A 1.1'", qid="A1.1")


def test_duplicate_question_ids_in_one_file(tmp_path: Path) -> None:
    lint_error(tmp_path, question("B 2") + question("B2"), "id repeats 'B 2'", index=1, qid="B2")


def test_section_with_unknown_level_and_parent(tmp_path: Path) -> None:
    extra = dedent(
        """\
        [[sections]]
        id = "X"
        level = "chapter"
        title = "X"
        parent = "Z"
        """
    )
    error = load_error(tmp_path, extra)
    where = f"{extra_file(tmp_path)}: sections[0] (section X)"
    assert error.problems == (
        f"{where}: error: level 'chapter' is not one of the edition's levels ['area', 'topic']",
        f"{where}: error: parent 'Z' is not a section",
    )


def test_question_in_unknown_section_or_of_unknown_kind(tmp_path: Path) -> None:
    error = load_error(tmp_path, question("x1", section="Z", kind="quiz"))
    where = f"{extra_file(tmp_path)}: questions[0] (question x1)"
    assert error.problems == (
        f"{where}: error: kind 'quiz' is not one of classification, explanation, information, "
        "judgement, narrative, summary_judgement",
        f"{where}: error: section 'Z' does not exist",
    )


def test_group_part_of_unknown_group(tmp_path: Path) -> None:
    extra = (
        '[[groups]]\nid = "g2"\nkind = "criterion"\npart_of = ["g9"]\npart_of_basis = "stated: t"\n'
    )
    error = load_error(tmp_path, extra)
    assert error.problems == (
        f"{extra_file(tmp_path)}: groups[0] (group g2): error: part_of 'g9' is not a group",
    )


# --- provenance -------------------------------------------------------------------------------


def test_rule_without_basis_is_a_warning_not_an_error(tmp_path: Path) -> None:
    loaded = load(tmp_path, question("x1", "applies = 'answered(\"q1\")'"))
    where = f"{extra_file(tmp_path)}: questions[0] (question x1)"
    assert loaded.findings == (
        LintProblem(
            Severity.WARNING,
            where,
            "applies: no provenance: add applies_basis = "
            "'stated: …', 'inferred: …' or 'derived: …'",
        ),
    )
    assert str(loaded.findings[0]) == (
        f"{where}: warning: applies: no provenance: add applies_basis = "
        "'stated: …', 'inferred: …' or 'derived: …'"
    )
    rule = loaded.edition.question("x1").applies
    assert rule is not None
    assert rule.provenance == UNRECORDED


def test_other_missing_provenance_is_warned_about(tmp_path: Path) -> None:
    extra = question(
        "x1", 'domain = { type = "single_choice", options = ["a"] }', "required = false"
    ) + question("x2", "scored = true", section="A 1", kind="judgement")
    loaded = load(tmp_path, extra)
    file = extra_file(tmp_path)
    assert [(p.severity, p.where, p.message.split(":")[0]) for p in loaded.findings] == [
        (Severity.WARNING, f"{file}: questions[0] (question x1)", "domain"),
        (Severity.WARNING, f"{file}: questions[0] (question x1)", "required"),
        (Severity.WARNING, f"{file}: questions[1] (question x2)", "scored"),
    ]


def test_section_rule_without_basis_is_a_warning(tmp_path: Path) -> None:
    extra = dedent(
        """\
        [[sections]]
        id = "S"
        level = "area"
        title = "S"
        applies = 'fact("programme") == "FJI"'
        """
    )
    loaded = load(tmp_path, extra)
    assert [(p.severity, p.where) for p in loaded.findings] == [
        (Severity.WARNING, f"{extra_file(tmp_path)}: sections[0] (section S)")
    ]


@pytest.mark.parametrize(
    ("basis", "problem"),
    [
        (
            "said: p. 1",
            "provenance must start with 'stated:', 'inferred:' or 'derived:', got 'said: p. 1'",
        ),
        (
            "p. 1: 'only if 7a is Yes'",
            "provenance must start with 'stated:', 'inferred:' or 'derived:', "
            "got \"p. 1: 'only if 7a is Yes'\"",
        ),
        ("stated", "provenance 'stated' needs a note after the colon"),
        ("inferred:   ", "provenance 'inferred:   ' needs a note after the colon"),
        (
            "default: engine",
            "provenance must start with 'stated:', 'inferred:' or 'derived:', "
            "got 'default: engine'",
        ),
    ],
)
def test_bad_provenance_strings_are_errors(tmp_path: Path, basis: str, problem: str) -> None:
    extra = question("x1", "applies = 'answered(\"q1\")'", f'applies_basis = "{basis}"')
    error = load_error(tmp_path, extra)
    assert error.problems == (f"{extra_file(tmp_path)}: questions[0] (x1): {problem}",)


def test_bad_provenance_on_answers_and_options(tmp_path: Path) -> None:
    extra = question(
        "x1",
        'domain = { type = "single_choice", options = [{ value = "a", basis = "guess: t" }] }',
        'domain_basis = "guess: t"',
    )
    error = load_error(tmp_path, extra)
    message = "provenance must start with 'stated:', 'inferred:' or 'derived:', got 'guess: t'"
    assert error.problems == (f"{extra_file(tmp_path)}: questions[0] (x1): {message}",) * 2


def test_provenance_bases_are_parsed(tmp_path: Path) -> None:
    extra = question(
        "x1",
        "applies = 'answered(\"q1\")'",
        "applies_basis = \"inferred: p. 2: 'where relevant'\"",
        "scored = true",
        'scored_basis = "derived: from the rating rules"',
    )
    asked = load(tmp_path, extra).edition.question("x1")
    assert asked.applies is not None
    assert asked.applies.provenance == Provenance(Basis.INFERRED, "p. 2: 'where relevant'")
    assert asked.scored_provenance == Provenance(Basis.DERIVED, "from the rating rules")
    assert str(asked.scored_provenance) == "derived: from the rating rules"
    assert asked.answer_provenance == Provenance(Basis.STATED, "test")


# --- extensions -------------------------------------------------------------------------------


def test_extension_adds_questions_in_order(tmp_path: Path) -> None:
    base = load(tmp_path)
    overlay = (
        question("x1", 'after = "q1"', "text = { en = 'Welsh?', cy = 'Cymraeg?' }")
        + question("x2", 'after = "x1"')
        + question("x3", 'after = "q1"')
        + question("x4")
    )
    extended = apply_extension(base, write_extension(tmp_path, overlay), "dist-1")
    edition = extended.edition
    assert [q.id for q in edition.questions] == [
        "q1",
        "x1",
        "x2",
        "x3",
        "age",
        "sentence",
        "factors",
        "notes",
        "when",
        "A 1.1",
        "A 1.2",
        "A 1.3",
        "x4",
    ]
    assert {q.id: q.origin for q in edition.questions if q.origin != "ed"} == {
        "x1": "ext-cy",
        "x2": "ext-cy",
        "x3": "ext-cy",
        "x4": "ext-cy",
    }
    assert edition.extensions == (AppliedExtension("ext-cy", "0.1", "dist-1"),)
    assert extended.findings == ()
    assert extended.places[("question", "x1")] == f"{overlay_file(tmp_path)}: questions[0]"
    # the base edition is left as it was
    assert "x1" not in [q.id for q in base.edition.questions]
    assert base.edition.extensions == ()


def test_extension_notes_attach_to_sections_and_questions(tmp_path: Path) -> None:
    overlay = dedent(
        """\
        [[notes]]
        target = "A 1"
        title = { en = "Inspecting in Wales", cy = "Arolygu yng Nghymru" }
        text = "Consider the child's preferred language."

        [[notes]]
        target = "q1"
        title = "Welsh cases"
        text = "Look for the Welsh record too."
        """
    )
    base = load(tmp_path)
    edition = apply_extension(base, write_extension(tmp_path, overlay)).edition
    section = edition.section("A 1")
    assert section is not None
    assert section.guidance == (
        GuidanceBlock(
            LocalText.of("Introduction"), LocalText.of("Applies to every assessment question.")
        ),
        GuidanceBlock(
            LocalText.of("Inspecting in Wales", cy="Arolygu yng Nghymru"),
            LocalText.of("Consider the child's preferred language."),
            "ext-cy",
        ),
    )
    assert [(g.title.en, g.origin) for g in edition.question("q1").guidance] == [
        ("Guidance", ""),
        ("Welsh cases", "ext-cy"),
    ]
    # other items are not touched
    assert edition.question("age").guidance == ()
    assert base.edition.question("q1").guidance[-1].origin == ""


def test_extension_question_guidance_is_marked_with_its_origin(tmp_path: Path) -> None:
    overlay = question("x1", "[[questions.guidance]]", 'title = "T"', 'text = "x"')
    edition = apply_extension(load(tmp_path), write_extension(tmp_path, overlay)).edition
    assert [g.origin for g in edition.question("x1").guidance] == ["ext-cy"]


def test_extension_may_not_replace_a_question(tmp_path: Path) -> None:
    overlay = question("q1")
    with pytest.raises(EditionDataError) as caught:
        apply_extension(load(tmp_path), write_extension(tmp_path, overlay))
    assert str(caught.value).startswith("extension 'ext-cy' on 'ed': the data is not valid\n")
    assert caught.value.problems == (
        f"{overlay_file(tmp_path)}: questions[0] (q1): cannot replace the existing question "
        "'q1' of 'ed': an extension may only add",
    )


def test_extension_may_not_replace_a_question_written_without_spaces(tmp_path: Path) -> None:
    overlay = question("A1.1", section="A 1")
    with pytest.raises(EditionDataError) as caught:
        apply_extension(load(tmp_path), write_extension(tmp_path, overlay))
    assert caught.value.problems == (
        f"{overlay_file(tmp_path)}: questions[0] (question A1.1): error: id repeats 'A 1.1'",
    )


def test_extension_may_not_replace_sections_facts_or_groups(tmp_path: Path) -> None:
    overlay = dedent(
        """\
        [[facts]]
        id = "programme"
        text = "Programme"
        domain = { type = "text" }

        [[sections]]
        id = "A"
        level = "area"
        title = "Other details"

        [[groups]]
        id = "g1"
        kind = "theme"
        """
    )
    with pytest.raises(EditionDataError) as caught:
        apply_extension(load(tmp_path), write_extension(tmp_path, overlay))
    file = overlay_file(tmp_path)
    assert caught.value.problems == (
        f"{file}: facts[0]: cannot replace the existing fact 'programme' of 'ed': "
        "an extension may only add",
        f"{file}: sections[0]: cannot replace the existing section 'A' of 'ed': "
        "an extension may only add",
        f"{file}: groups[0]: cannot replace the existing group 'g1' of 'ed': "
        "an extension may only add",
    )


def test_extension_note_on_a_missing_target(tmp_path: Path) -> None:
    overlay = '[[notes]]\ntarget = "A 9"\ntitle = "T"\ntext = "x"\n'
    with pytest.raises(EditionDataError) as caught:
        apply_extension(load(tmp_path), write_extension(tmp_path, overlay))
    assert caught.value.problems == (
        f"{overlay_file(tmp_path)}: notes[0]: target 'A 9' is neither a section nor a question",
    )


def test_extension_after_a_missing_question(tmp_path: Path) -> None:
    with pytest.raises(EditionDataError) as caught:
        apply_extension(load(tmp_path), write_extension(tmp_path, question("x1", 'after = "q9"')))
    assert caught.value.problems == (
        f"{overlay_file(tmp_path)}: questions[0] (x1): after: 'q9' is not a question",
    )


def test_extension_rules_are_linted_against_the_edition(tmp_path: Path) -> None:
    overlay = question("x1", 'applies = \'answer("q1") == "Maybe"\'', 'applies_basis = "stated: t"')
    with pytest.raises(EditionDataError) as caught:
        apply_extension(load(tmp_path), write_extension(tmp_path, overlay))
    assert str(caught.value).startswith("extension 'ext-cy' on 'ed': the data fails its checks\n")
    assert caught.value.problems == (
        f"{overlay_file(tmp_path)}: questions[0] (question x1): error: "
        'applies: answer("q1") can never be "Maybe" (Yes / No)',
    )


def test_extension_for_another_edition(tmp_path: Path) -> None:
    header = EXTENSION.replace('extends = ["ed"]', 'extends = ["other", "third"]')
    with pytest.raises(EditionDataError) as caught:
        apply_extension(load(tmp_path), write_extension(tmp_path, "", header=header))
    assert str(caught.value) == (
        "extension 'ext-cy' does not extend 'ed' (it extends other, third)"
    )


def test_extension_extending_nothing(tmp_path: Path) -> None:
    header = EXTENSION.replace('extends = ["ed"]', "extends = []")
    with pytest.raises(
        EditionDataError, match=r"^extension 'ext-cy' does not extend 'ed' \(it extends nothing\)$"
    ):
        apply_extension(load(tmp_path), write_extension(tmp_path, "", header=header))


def test_extension_header_with_unknown_key(tmp_path: Path) -> None:
    header = EXTENSION + 'colour = "red"\n'
    with pytest.raises(EditionDataError) as caught:
        apply_extension(load(tmp_path), write_extension(tmp_path, "", header=header))
    file = tmp_path / "ext" / "extension.toml"
    assert str(caught.value).startswith(f"{file}: ")
    assert caught.value.problems == (
        f"{file}: top level: unknown key(s) 'colour' (allowed: id, title, version, extends, "
        "description, source, licence, copyright, source_file, synthetic)",
    )


def test_extension_overlay_with_unknown_top_level_key(tmp_path: Path) -> None:
    overlay = question("x1").replace("[[questions]]", "[[question]]")
    with pytest.raises(EditionDataError) as caught:
        apply_extension(load(tmp_path), write_extension(tmp_path, overlay))
    assert caught.value.problems == (
        f"{overlay_file(tmp_path)}: top level: unknown key(s) 'question' (allowed: {CONTENT_KEYS})",
    )


def test_a_threshold_need_not_be_a_possible_answer(tmp_path: Path) -> None:
    """``age < 18`` is a fine rule even when the domain's maximum is 17."""
    rule = 'applies = \'answer("age") < 18\'\napplies_basis = "stated: test"'
    loaded = load(tmp_path, question("young", rule))
    applies = loaded.edition.question("young").applies
    assert applies is not None
    assert str(applies.condition) == 'answer("age") < 18'


def test_answer_rules_must_name_a_possible_answer_and_say_where_they_come_from(
    tmp_path: Path,
) -> None:
    good = question("r1", '[[questions.answer_rules]]\nanswer = "Yes"\nsituation = "Where nothing"')
    loaded = load(tmp_path, good)
    (rule,) = loaded.edition.question("r1").answer_rules
    assert (rule.answer, rule.when) == ("Yes", "Where nothing")
    assert [p.message for p in loaded.findings if "answer_rules" in p.message] == [
        "answer_rules: no provenance: add basis = 'stated: …', 'inferred: …' or 'derived: …'"
    ]


def test_answer_rule_outside_the_domain_is_an_error(tmp_path: Path) -> None:
    bad = question(
        "r2", '[[questions.answer_rules]]\nanswer = "Maybe"\nsituation = "x"\nbasis = "stated: t"'
    )
    error = load_error(tmp_path, bad)
    assert any("answer_rules: 'Maybe' is not one of 'Yes', 'No'" in p for p in error.problems)


# --- carried_from ------------------------------------------------------------------------------


def test_carried_from_is_read_with_its_provenance(tmp_path: Path) -> None:
    overlay = question(
        "x1",
        'after = "q1"',
        'carried_from = { edition = "old", question = "9a", basis = "inferred: new lacks it" }',
    )
    extended = apply_extension(load(tmp_path), write_extension(tmp_path, overlay))
    assert extended.findings == ()
    carried = extended.edition.question("x1").carried_from
    assert carried is not None
    assert (carried.edition, carried.question) == ("old", "9a")
    assert carried.provenance == Provenance(Basis.INFERRED, "new lacks it")
    assert extended.edition.question("q1").carried_from is None


def test_carried_from_without_basis_is_warned_about(tmp_path: Path) -> None:
    loaded = load(tmp_path, question("x1", 'carried_from = { edition = "old", question = "1" }'))
    assert [(p.severity, p.message) for p in loaded.findings] == [
        (
            Severity.WARNING,
            "carried_from: no provenance: add carried_from.basis = "
            "'stated: …', 'inferred: …' or 'derived: …'",
        )
    ]


def test_carried_from_needs_edition_and_question(tmp_path: Path) -> None:
    error = load_error(tmp_path, question("x1", 'carried_from = { edition = "old" }'))
    assert "carried_from" in str(error)
    assert "question" in str(error)
