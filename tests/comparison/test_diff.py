"""The structural diff of two editions: every kind of change, on small editions, in every format."""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

from inspectcore import (
    Change,
    ChangeKind,
    DiffItem,
    Edition,
    EditionDiff,
    Provenance,
    Registry,
    UnknownEditionError,
    WordDiff,
    diff_editions,
    diff_to_data,
    format_diff,
    resolve_edition,
)
from inspectcore.cli import cli

Q = DiffItem.QUESTION
S = DiffItem.SECTION
G = DiffItem.GROUP
F = DiffItem.FACT

WriteEdition = Callable[..., Path]


def base() -> dict[str, list[dict[str, Any]]]:
    """The old edition's tables; each test changes a copy of them for the new one."""
    return {
        "facts": [
            {
                "id": "programme",
                "text": "Inspection programme",
                "domain": {"type": "single_choice", "options": ["FULL", "SHORT"]},
                "domain_basis": "stated: the tests",
            }
        ],
        "sections": [
            {"id": "S1", "level": "area", "title": "Assessment"},
            {"id": "S1a", "level": "topic", "title": "Is it good enough?", "parent": "S1"},
            {"id": "S2", "level": "area", "title": "Planning"},
            {"id": "S3", "level": "area", "title": "Delivery"},
        ],
        "groups": [
            {"id": "theme", "kind": "theme", "title": "Desistance"},
            {"id": "c1", "kind": "criterion", "part_of": ["theme"], "part_of_basis": "stated: t"},
        ],
        "questions": [
            {
                "id": "q1",
                "kind": "judgement",
                "section": "S1a",
                "text": "Does the assessment analyse why the child offended?",
                "links": {"counts_towards": ["c1"]},
            },
            {"id": "q2", "kind": "judgement", "section": "S1a", "text": "Is the child heard?"},
            {"id": "q7", "kind": "judgement", "section": "S1a", "text": "Are strengths noted?"},
            {
                "id": "q3",
                "kind": "information",
                "section": "S2",
                "text": "Type of sentence",
                "domain": {"type": "single_choice", "options": ["A", "B", "C"]},
                "domain_basis": "stated: the tests",
            },
            {
                "id": "q4",
                "kind": "judgement",
                "section": "S2",
                "text": "Is the plan good enough?",
                "applies": 'answer("q3") == "A"',
                "applies_basis": "stated: the tests",
            },
            {"id": "q5", "kind": "judgement", "section": "S3", "text": "Was it delivered?"},
        ],
    }


def item(tables: dict[str, list[dict[str, Any]]], table: str, item_id: str) -> dict[str, Any]:
    return next(x for x in tables[table] if x["id"] == item_id)


def diff_of(
    write_edition: WriteEdition, change: Callable[[dict[str, list[dict[str, Any]]]], None]
) -> EditionDiff:
    old = base()
    new = copy.deepcopy(old)
    change(new)
    old_ed = resolve_edition(write_edition("old", edition_id="ed", **old))
    new_ed = resolve_edition(write_edition("new", edition_id="ed", version="2.0", **new))
    return diff_editions(old_ed, new_ed)


def test_identical_editions_have_no_changes(write_edition: WriteEdition) -> None:
    result = diff_of(write_edition, lambda new: None)
    assert result.changes == ()
    assert (result.old_version, result.new_version) == ("1.0", "2.0")


def test_whitespace_is_not_a_rewording(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        item(new, "questions", "q2")["text"] = "Is the   child\nheard?"

    assert diff_of(write_edition, change).changes == ()


def test_question_added_and_removed_where_they_stand(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        new["questions"].remove(item(new, "questions", "q2"))
        new["questions"].append(
            {"id": "q9", "kind": "judgement", "section": "S3", "text": "Was it reviewed?"}
        )

    assert diff_of(write_edition, change).changes == (
        Change(Q, ChangeKind.REMOVED, "q2", before="in S1a"),
        Change(Q, ChangeKind.ADDED, "q9", after="in S3"),
    )


def test_question_moved_to_another_section(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        item(new, "questions", "q7")["section"] = "S2"

    assert diff_of(write_edition, change).changes == (
        Change(Q, ChangeKind.MOVED, "q7", "in S1a, after q2", "in S2, after q2", "section changed"),
    )


def test_question_moved_in_order(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        q1 = item(new, "questions", "q1")
        new["questions"].remove(q1)
        new["questions"].insert(2, q1)  # after q7: q2, q7, q1, q3 ...

    # q2, q7, q3, q4, q5 keep their order; only q1 moved.
    assert diff_of(write_edition, change).changes == (
        Change(Q, ChangeKind.MOVED, "q1", "in S1a, first", "in S1a, after q7", "order changed"),
    )


def test_question_reworded_with_the_words_that_changed(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        item(new, "questions", "q1")["text"] = "Does the assessment explain why the child offended?"

    [reworded] = diff_of(write_edition, change).changes
    assert (reworded.item, reworded.kind, reworded.id) == (Q, ChangeKind.REWORDED, "q1")
    assert reworded.before == "Does the assessment analyse why the child offended?"
    assert reworded.after == "Does the assessment explain why the child offended?"
    assert reworded.wording == WordDiff(
        (
            (" ", "Does the assessment"),
            ("-", "analyse"),
            ("+", "explain"),
            (" ", "why the child offended?"),
        )
    )
    assert str(reworded.wording) == (
        "Does the assessment [-analyse-] {+explain+} why the child offended?"
    )


def test_word_diff_of_words_added_at_the_end_and_removed_at_the_start() -> None:
    assert WordDiff.of("the plan is good", "plan is good enough").segments == (
        ("-", "the"),
        (" ", "plan is good"),
        ("+", "enough"),
    )


def test_kind_changed(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        q3 = item(new, "questions", "q3")
        q3["kind"] = "classification"

    assert diff_of(write_edition, change).changes == (
        Change(Q, ChangeKind.KIND_CHANGED, "q3", "information", "classification"),
    )


def test_options_changed(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        item(new, "questions", "q3")["domain"]["options"] = ["A", "C", "D"]

    assert diff_of(write_edition, change).changes == (
        Change(
            Q,
            ChangeKind.ANSWER_CHANGED,
            "q3",
            "one of: A; B; C",
            "one of: A; C; D",
            "options added: D, options removed: B",
        ),
    )


def test_answer_type_changed(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        item(new, "questions", "q7")["domain"] = {"type": "yes_no", "na": True}
        item(new, "questions", "q7")["domain_basis"] = "stated: the tests"
        item(new, "questions", "q5")["domain"] = {"type": "integer", "min": 0}
        item(new, "questions", "q5")["domain_basis"] = "stated: the tests"

    assert diff_of(write_edition, change).changes == (
        Change(
            Q, ChangeKind.ANSWER_CHANGED, "q7", "Yes / No", "Yes / No / N/A", "options added: N/A"
        ),
        Change(
            Q,
            ChangeKind.ANSWER_CHANGED,
            "q5",
            "Yes / No",
            "whole number 0..",
            "type yes_no -> integer",
        ),
    )


def test_applicability_changed_added_and_removed(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        item(new, "questions", "q4")["applies"] = 'answer("q3") in ["A", "B"]'
        item(new, "questions", "q5")["applies"] = 'fact("programme") == "FULL"'
        item(new, "questions", "q5")["applies_basis"] = "stated: the tests"

    assert diff_of(write_edition, change).changes == (
        Change(
            Q,
            ChangeKind.APPLICABILITY_CHANGED,
            "q4",
            'answer("q3") == "A"',
            'answer("q3") in ["A", "B"]',
        ),
        Change(
            Q,
            ChangeKind.APPLICABILITY_CHANGED,
            "q5",
            "always applies",
            'fact("programme") == "FULL"',
        ),
    )


def test_scoring_changed(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        item(new, "questions", "q1")["links"] = {}
        item(new, "questions", "q2")["scored"] = False
        item(new, "questions", "q2")["scored_basis"] = "stated: the tests"
        item(new, "questions", "q7")["links"] = {"counts_towards": ["c1", "theme"]}

    assert diff_of(write_edition, change).changes == (
        Change(
            Q, ChangeKind.SCORING_CHANGED, "q1", "counts towards: c1", "counts towards: nothing"
        ),
        Change(Q, ChangeKind.SCORING_CHANGED, "q2", "scored: yes", "scored: no"),
        Change(
            Q,
            ChangeKind.SCORING_CHANGED,
            "q7",
            "counts towards: nothing",
            "counts towards: c1, theme",
        ),
    )


def test_section_changes(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        item(new, "sections", "S1")["title"] = "Assessment of the child"
        s3 = item(new, "sections", "S3")
        s3["parent"] = "S2"
        s3["level"] = "topic"
        s2 = item(new, "sections", "S2")
        s2["applies"] = 'fact("programme") == "FULL"'
        s2["applies_basis"] = "stated: the tests"
        new["sections"].append({"id": "S4", "level": "area", "title": "Reviewing"})

    assert diff_of(write_edition, change).changes == (
        Change(
            S,
            ChangeKind.RETITLED,
            "S1",
            "Assessment",
            "Assessment of the child",
            wording=WordDiff((((" ", "Assessment")), ("+", "of the child"))),
        ),
        Change(
            S,
            ChangeKind.APPLICABILITY_CHANGED,
            "S2",
            "always applies",
            'fact("programme") == "FULL"',
        ),
        Change(
            S, ChangeKind.MOVED, "S3", "top level, after S2", "in S2, after S2", "parent changed"
        ),
        Change(S, ChangeKind.KIND_CHANGED, "S3", "area", "topic"),
        Change(S, ChangeKind.ADDED, "S4", after="top level"),
    )


def test_sections_reordered_and_removed(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        s1, s1a, _, s3 = new["sections"]
        new["sections"] = [s3, s1, s1a]  # S3 first, S2 removed
        for question in [q for q in new["questions"] if q["section"] == "S2"]:
            new["questions"].remove(question)

    changes = diff_of(write_edition, change).changes
    assert changes[:2] == (
        Change(
            S, ChangeKind.MOVED, "S3", "top level, after S1a", "top level, first", "order changed"
        ),
        Change(S, ChangeKind.REMOVED, "S2", before="top level"),
    )
    assert [(c.item, c.kind, c.id) for c in changes[2:]] == [
        (Q, ChangeKind.REMOVED, "q3"),
        (Q, ChangeKind.REMOVED, "q4"),
    ]


def test_group_changes(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        item(new, "groups", "theme")["title"] = "Reducing reoffending"
        c1 = item(new, "groups", "c1")
        c1["part_of"] = []
        c1["kind"] = "module"
        new["groups"].append({"id": "harm", "kind": "theme", "title": "Risk of harm"})
        new["groups"].reverse()  # the order of groups does not matter

    assert diff_of(write_edition, change).changes == (
        Change(G, ChangeKind.ADDED, "harm"),
        Change(G, ChangeKind.KIND_CHANGED, "c1", "criterion", "module"),
        Change(G, ChangeKind.MOVED, "c1", "part of theme", "part of nothing", "part_of changed"),
        Change(
            G,
            ChangeKind.RETITLED,
            "theme",
            "Desistance",
            "Reducing reoffending",
            wording=WordDiff((("-", "Desistance"), ("+", "Reducing reoffending"))),
        ),
    )


def test_fact_changes(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        programme = item(new, "facts", "programme")
        programme["text"] = "Type of inspection"
        programme["domain"]["options"] = ["FULL", "SHORT", "THEMATIC"]
        new["facts"].append(
            {
                "id": "country",
                "text": "Country",
                "domain": {"type": "single_choice", "options": ["England", "Wales"]},
                "domain_basis": "stated: the tests",
            }
        )

    assert diff_of(write_edition, change).changes == (
        Change(
            F,
            ChangeKind.REWORDED,
            "programme",
            "Inspection programme",
            "Type of inspection",
            wording=WordDiff((("-", "Inspection programme"), ("+", "Type of inspection"))),
        ),
        Change(
            F,
            ChangeKind.ANSWER_CHANGED,
            "programme",
            "one of: FULL; SHORT",
            "one of: FULL; SHORT; THEMATIC",
            "options added: THEMATIC",
        ),
        Change(F, ChangeKind.ADDED, "country"),
    )


def test_fact_removed(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        new["facts"] = []

    assert diff_of(write_edition, change).changes == (Change(F, ChangeKind.REMOVED, "programme"),)


# -- formats ------------------------------------------------------------------------------------


def two_changes(new: dict[str, list[dict[str, Any]]]) -> None:
    item(new, "questions", "q2")["text"] = "Is the child's voice heard?"
    item(new, "questions", "q3")["domain"]["options"] = ["A", "B"]


def test_text_format(write_edition: WriteEdition) -> None:
    text = format_diff(diff_of(write_edition, two_changes), "text")
    assert text.splitlines() == [
        "ed 1.0 -> ed 2.0: 2 changes",
        "  questions: 1 reworded, 1 answer",
        "",
        "question q2: reworded",
        "    Is the [-child-] {+child's voice+} heard?",
        "question q3: answer: one of: A; B; C -> one of: A; B (options removed: C)",
    ]


def test_json_format(write_edition: WriteEdition) -> None:
    result = diff_of(write_edition, two_changes)
    data = json.loads(format_diff(result, "json"))
    assert data == diff_to_data(result)
    assert data["old"] == {"id": "ed", "version": "1.0"}
    assert data["summary"] == [
        {"item": "question", "change": "reworded", "count": 1},
        {"item": "question", "change": "answer", "count": 1},
    ]
    reworded, answer = data["changes"]
    assert reworded["wording_diff"] == "Is the [-child-] {+child's voice+} heard?"
    assert reworded["wording"] == [
        {"op": " ", "text": "Is the"},
        {"op": "-", "text": "child"},
        {"op": "+", "text": "child's voice"},
        {"op": " ", "text": "heard?"},
    ]
    assert answer == {
        "item": "question",
        "id": "q3",
        "change": "answer",
        "before": "one of: A; B; C",
        "after": "one of: A; B",
        "detail": "options removed: C",
        "wording_diff": None,
        "wording": None,
    }


def test_markdown_format(write_edition: WriteEdition) -> None:
    lines = format_diff(diff_of(write_edition, two_changes), "markdown").splitlines()
    assert lines[0] == "# ed 1.0 -> ed 2.0: 2 changes"
    assert "| question | reworded | 1 |" in lines
    assert (
        "| question | q2 | reworded | Is the child heard? | "
        "Is the ~~child~~ **child's voice** heard? |  |"
    ) in lines
    assert (
        "| question | q3 | answer | one of: A; B; C | one of: A; B | options removed: C |" in lines
    )


def test_csv_format(write_edition: WriteEdition) -> None:
    rows = list(
        csv.DictReader(io.StringIO(format_diff(diff_of(write_edition, two_changes), "csv")))
    )
    assert [(r["item"], r["id"], r["change"]) for r in rows] == [
        ("question", "q2", "reworded"),
        ("question", "q3", "answer"),
    ]
    assert rows[0]["wording_diff"] == "Is the [-child-] {+child's voice+} heard?"
    assert rows[1]["detail"] == "options removed: C"


def test_unknown_format(write_edition: WriteEdition) -> None:
    with pytest.raises(ValueError, match="unknown format 'yaml'"):
        format_diff(diff_of(write_edition, two_changes), "yaml")


def test_no_changes_in_markdown(write_edition: WriteEdition) -> None:
    text = format_diff(diff_of(write_edition, lambda new: None), "markdown")
    assert text.splitlines() == ["# ed 1.0 -> ed 2.0: 0 changes", "", "No changes."]


# -- naming editions ---------------------------------------------------------------------------


def test_resolve_edition_by_folder_file_or_id(
    write_edition: WriteEdition, inspectcore_registry: Registry, example: Edition
) -> None:
    folder = write_edition("old", edition_id="ed", **base())
    assert resolve_edition(folder).id == "ed"
    assert resolve_edition(str(folder / "edition.toml")).id == "ed"
    assert resolve_edition("example", inspectcore_registry) == example


def test_resolve_edition_refuses_bad_paths(
    write_edition: WriteEdition, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_edition("old", edition_id="ed", **base())
    with pytest.raises(UnknownEditionError, match=r"is not an edition folder: expected"):
        resolve_edition(folder / "questions" / "01.toml")
    with pytest.raises(
        UnknownEditionError, match=r"is not an edition folder \(it holds no edition\.toml\)"
    ):
        resolve_edition(folder / "questions")
    with pytest.raises(UnknownEditionError, match="no such file or folder"):
        resolve_edition(str(tmp_path / "nowhere"))
    with pytest.raises(UnknownEditionError, match="only be layered onto an installed edition"):
        resolve_edition(folder, extensions=["example-cymru"])
    # A bare name is a folder when one holding edition.toml is there, else an edition id.
    monkeypatch.chdir(tmp_path)
    assert resolve_edition("old").id == "ed"


# -- the command --------------------------------------------------------------------------------


def test_diff_command(write_edition: WriteEdition, tmp_path: Path) -> None:
    old = base()
    new = copy.deepcopy(old)
    two_changes(new)
    a = write_edition("old", edition_id="ed", **old)
    b = write_edition("new", edition_id="ed", version="2.0", **new)
    result = CliRunner().invoke(cli, ["diff", str(a), str(b / "edition.toml")])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "ed 1.0 -> ed 2.0: 2 changes"
    out = tmp_path / "diff.csv"
    result = CliRunner().invoke(cli, ["diff", str(a), str(b), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "wrote" in result.stderr
    assert out.read_text().splitlines()[0] == "item,id,change,before,after,detail,wording_diff"


def test_diff_command_with_installed_editions_and_a_bad_name() -> None:
    result = CliRunner().invoke(cli, ["diff", "example", "example-next", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["old"]["id"], data["new"]["id"]) == ("example", "example-next")
    assert any(
        {"item": "question", "id": "A 1", "change": "added"}.items() <= change.items()
        for change in data["changes"]
    )
    result = CliRunner().invoke(cli, ["diff", "example", "nope"])
    assert result.exit_code == 2
    assert "error: no edition 'nope' is installed" in result.stderr
    assert "Traceback" not in result.output


# -- the rules that move a result, guidance and provenance --------------------------------------


def with_rules() -> dict[str, list[dict[str, Any]]]:
    """The base tables with two dates, a check, a time limit, an answer rule and guidance."""
    tables = base()
    date = {"type": "date"}
    tables["questions"] += [
        {"id": "d1", "kind": "information", "section": "S2", "text": "Sentence date",
         "domain": date, "domain_basis": "stated: t"},
        {"id": "d2", "kind": "information", "section": "S2", "text": "Plan date",
         "domain": date, "domain_basis": "stated: t"},
    ]  # fmt: skip
    item(tables, "questions", "q5")["answer_rules"] = [
        {"answer": "Yes", "situation": "Where nothing was due", "basis": "stated: p. 3"}
    ]
    item(tables, "questions", "q2")["guidance"] = [
        {"title": "Guidance", "text": "Look for the child's own words in the record."}
    ]
    tables["checks"] = [
        {"id": "order", "expect": 'answer("d2") >= answer("d1")', "severity": "warning",
         "message": "the plan is dated before the sentence", "basis": "stated: p. 4"},
    ]  # fmt: skip
    tables["timeliness"] = [
        {"id": "plan", "title": "Plan", "start": "d1", "end": "d2", "calendar_question": "q3",
         "calendars": {"A": "GB-ENG", "B": "GB-ENG", "C": "GB-WLS"}, "basis": "stated: p. 5",
         "limits": [{"when": 'answer("q3") == "A"', "working_days": 10,
                     "basis": "stated: p. 5"}]},
    ]  # fmt: skip
    tables["exclusions"] = [
        {"id": "x1", "when": 'answer("q3") == "C"', "reason": "out of scope",
         "basis": "stated: p. 6"},
        {"id": "x2", "when": 'answer("q3") == "B"', "reason": "elsewhere",
         "basis": "stated: p. 6"},
    ]  # fmt: skip
    return tables


def rules_diff(
    write_edition: WriteEdition,
    change: Callable[[dict[str, list[dict[str, Any]]]], None],
    scoring: tuple[str, str] = ("pooled", "pooled"),
) -> EditionDiff:
    old = with_rules()
    new = copy.deepcopy(old)
    change(new)
    folders = [
        write_edition("old", edition_id="ed", **old),
        write_edition("new", edition_id="ed", version="2.0", **new),
    ]
    for folder, method in zip(folders, scoring, strict=True):
        with (folder / "edition.toml").open("a") as header:
            header.write(f'\n[group_scoring]\nmethod = "{method}"\nbasis = "inferred: t"\n')
    return diff_editions(*(resolve_edition(folder) for folder in folders))


def test_rules_unchanged_are_no_changes(write_edition: WriteEdition) -> None:
    assert rules_diff(write_edition, lambda new: None).changes == ()


def test_check_changes(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        check = new["checks"][0]
        check.update(severity="error", message="the plan is dated before the sentence date")
        check["expect"] = 'answer("d2") > answer("d1")'

    found = rules_diff(write_edition, change).of(DiffItem.CHECK)
    assert [(c.kind, c.detail) for c in found] == [
        (ChangeKind.RULE_CHANGED, "expect"),
        (ChangeKind.RULE_CHANGED, "severity"),
        (ChangeKind.REWORDED, "message"),
    ]
    assert (found[0].before, found[0].after) == (
        'answer("d2") >= answer("d1")',
        'answer("d2") > answer("d1")',
    )
    assert (found[1].before, found[1].after) == ("warning", "error")
    assert str(found[2].wording) == "the plan is dated before the sentence {+date+}"


def test_timeliness_changes(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        limit = new["timeliness"][0]["limits"][0]
        limit.update(working_days=15, basis="stated: p. 7")

    found = rules_diff(write_edition, change).of(DiffItem.TIMELINESS)
    assert [(c.kind, c.detail) for c in found] == [
        (ChangeKind.RULE_CHANGED, "limits"),
        (ChangeKind.PROVENANCE_CHANGED, "limits[0].basis"),
    ]
    assert found[0].before == '10 working days when answer("q3") == "A"'
    assert found[0].after == '15 working days when answer("q3") == "A"'
    assert str(found[1].wording) == "stated: p. [-5-] {+7+}"


def test_exclusion_changes_and_order(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        new["exclusions"].reverse()  # the first that holds gives the reason
        new["exclusions"][0]["reason"] = "elsewhere entirely"
        new["exclusions"].append(
            {"id": "x3", "when": 'answer("q3") == "A"', "reason": "r", "basis": "stated: p. 8"}
        )

    found = rules_diff(write_edition, change).of(DiffItem.EXCLUSION)
    assert [(c.id, c.kind) for c in found] == [
        ("x2", ChangeKind.MOVED),
        ("x2", ChangeKind.REWORDED),
        ("x3", ChangeKind.ADDED),
    ]
    assert (found[0].before, found[0].after) == ("after x1", "first")
    assert str(found[1].wording) == "elsewhere {+entirely+}"


def test_group_scoring_and_rating_changes(write_edition: WriteEdition) -> None:
    found = rules_diff(write_edition, lambda new: None, ("pooled", "mean-of-questions")).of(
        DiffItem.GROUP_SCORING
    )
    assert [(c.kind, c.detail, c.before, c.after) for c in found] == [
        (ChangeKind.RULE_CHANGED, "method", "pooled", "mean-of-questions")
    ]
    bands = [{"name": "Low", "min": 0}, {"name": "High", "min": 50}]
    rating: dict[str, Any] = {
        "rated_level": "area",
        "banded_level": "topic",
        "bands": bands,
        "basis": "stated: t",
    }
    moved = copy.deepcopy(rating)
    moved["bands"][1]["min"] = 60
    old = resolve_edition(write_edition("rated", edition_id="ed", rating=rating, **base()))
    new = resolve_edition(write_edition("re-rated", edition_id="ed", rating=moved, **base()))
    (change,) = diff_editions(old, new).of(DiffItem.RATING)
    assert (change.kind, change.detail) == (ChangeKind.RULE_CHANGED, "bands")
    assert (change.before, change.after) == (
        "Low from 0%; High from 50%",
        "Low from 0%; High from 60%",
    )


def test_answer_rules_guidance_and_provenance_changes(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        item(new, "questions", "q5")["answer_rules"][0]["answer"] = "No"
        item(new, "questions", "q2")["guidance"][0]["text"] = "Look for the child's words."
        item(new, "questions", "q3")["domain_basis"] = "inferred: the tests"
        item(new, "sections", "S1")["guidance"] = [{"title": "Introduction", "text": "New."}]

    diff = rules_diff(write_edition, change)
    found = diff.changes
    assert [(c.item, c.id, c.kind, c.detail) for c in found] == [
        (S, "S1", ChangeKind.GUIDANCE_CHANGED, "guidance 'Introduction'"),
        (Q, "q2", ChangeKind.GUIDANCE_CHANGED, "guidance 'Guidance'"),
        (Q, "q3", ChangeKind.PROVENANCE_CHANGED, "domain_basis"),
        (Q, "q5", ChangeKind.ANSWER_RULES_CHANGED, ""),
    ]
    assert str(found[1].wording) == "Look for the child's [-own words in the record.-] {+words.+}"
    assert str(found[2].wording) == "[-stated:-] {+inferred:+} the tests"
    assert (found[3].before, found[3].after) == (
        "'Yes' when Where nothing was due",
        "'No' when Where nothing was due",
    )
    text = format_diff(diff)
    assert "question q2: guidance (guidance 'Guidance')" in text
    assert "    Look for the child's [-own words in the record.-] {+words.+}" in text


def test_kind_changes(write_edition: WriteEdition) -> None:
    old = resolve_edition(write_edition("old", edition_id="ed", **base()))
    judgement = next(k for k in old.kinds if k.id == "judgement")
    changed = attrs.evolve(
        judgement, sufficient=(), scored_provenance=Provenance.parse("stated: x")
    )
    new = attrs.evolve(old, kinds=tuple(changed if k is judgement else k for k in old.kinds))
    found = diff_editions(old, new).of(DiffItem.KIND)
    assert [(c.id, c.kind, c.detail) for c in found] == [
        ("judgement", ChangeKind.RULE_CHANGED, "sufficient"),
        ("judgement", ChangeKind.PROVENANCE_CHANGED, "scored_basis"),
    ]
    assert (found[0].before, found[0].after) == ("Yes", "")
    # What each question of that kind counts as sufficient changed too.
    assert {c.id for c in diff_editions(old, new).of(Q, ChangeKind.SCORING_CHANGED)} == {
        q.id for q in old.questions if q.kind == "judgement"
    }


def test_links_that_route_a_question_changed(write_edition: WriteEdition) -> None:
    def change(new: dict[str, list[dict[str, Any]]]) -> None:
        item(new, "questions", "q7")["links"] = {"depends_on": ["q2"]}

    (found,) = diff_of(write_edition, change).changes
    assert (found.id, found.kind, found.detail) == (
        "q7",
        ChangeKind.RULE_CHANGED,
        "links.depends_on",
    )
    assert (found.before, found.after) == ("none", "q2")
