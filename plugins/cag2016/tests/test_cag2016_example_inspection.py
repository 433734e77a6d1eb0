"""The bundled cag2016 example inspections: varied, valid, and scored as counted by hand.

The case files and the edition's TOML are read here with tomllib, not with the
library, and the figures are recounted independently: per question, per criterion,
per theme and for the Interventions module.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import tomllib
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path
from typing import Any

import holidays
import pytest
from click.testing import CliRunner

import inspectcore
from inspectcore.cli import cli

ROOT = Path(__file__).resolve().parents[3]
FOLDER = ROOT / "examples" / "inspection" / "cag2016"
WELSH_FOLDER = ROOT / "examples" / "inspection" / "cag2016-wales"
GENERATOR = ROOT / "examples" / "make_cag2016_inspection.py"
DATA = Path(__file__).resolve().parents[1] / "src" / "inspectcore_cag2016" / "data"

CUSTODIAL = {"Detention and Training Order", "Long-term custodial sentence (S90/91)"}
# Appendix A's limits in working days, written out independently of the edition's data.
LIMITS = {
    "Detention and Training Order": 10,
    "Youth Rehabilitation Order": 15,
    "Referral Order": 20,
}
THEMES = {"reoffending", "harm", "safeguarding", "sentence"}


# -- reading the raw files -------------------------------------------------------------------


def _cases(folder: Path = FOLDER) -> list[dict[str, Any]]:
    return [tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.toml"))]


EVENTS = ("police", "arrested", "charged", "cautioned", "convicted", "breach")
"""The sub-sections of 4.19.1 (any Yes routes 4.19.2)."""


def _value(case: dict[str, Any], question: str) -> Any:
    entry = case["answers"].get(question)
    return entry["value"] if isinstance(entry, dict) else entry


def _answered(case: dict[str, Any], question: str) -> bool:
    return question in case["answers"]


def _edition_toml() -> list[dict[str, Any]]:
    # edition.toml first, then the other files, as the engine merges them.
    files = [DATA / "edition.toml", *sorted(DATA.glob("*.toml")), *sorted(DATA.glob("questions/*"))]
    return [tomllib.loads(p.read_text(encoding="utf-8")) for p in dict.fromkeys(files)]


def _questions() -> dict[str, dict[str, Any]]:
    return {q["id"]: q for data in _edition_toml() for q in data.get("questions", [])}


def _kinds() -> dict[str, dict[str, Any]]:
    edition = tomllib.loads((DATA / "edition.toml").read_text(encoding="utf-8"))
    return {k["id"]: k for k in edition["kinds"]}


def _judged(question: dict[str, Any]) -> tuple[set[Any], set[Any]]:
    """A judgement's sufficient and insufficient answers: the question's own when it lists
    either (4.18.1, 4.19.3), otherwise its kind's."""
    if "sufficient" in question or "insufficient" in question:
        source = question
    else:
        source = _kinds().get(question["kind"], {})
    return set(source.get("sufficient", [])), set(source.get("insufficient", []))


def _scored() -> dict[str, tuple[set[Any], set[Any]]]:
    """Each scored question's sufficient and insufficient answers, from the TOML."""
    kinds = _kinds()
    result = {}
    for qid, question in _questions().items():
        kind = kinds.get(question["kind"], {})
        if question.get("scored", kind.get("scored", False)):
            result[qid] = _judged(question)
    return result


def _groups() -> dict[str, dict[str, Any]]:
    return {g["id"]: g for data in _edition_toml() for g in data.get("groups", [])}


def _reached(targets: Iterable[str], groups: dict[str, dict[str, Any]]) -> set[str]:
    """The groups reached from ``targets`` by following part_of upwards."""
    reached: set[str] = set()
    pending = [t for t in targets if t in groups]
    while pending:
        group = pending.pop()
        if group not in reached:
            reached.add(group)
            pending.extend(groups[group].get("part_of", []))
    return reached


def _count(cases: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """Per scored question: (judgements answered sufficient or insufficient, sufficient ones).

    Only answered judgements are counted; that every answer applies is checked separately
    (validation reports no not-applicable answer). A per-factor answer counts once per factor.
    """
    counts = {}
    for qid, (sufficient, insufficient) in _scored().items():
        applicable = ok = 0
        for case in cases:
            if not _answered(case, qid):
                continue
            value = _value(case, qid)
            for judged in value.values() if isinstance(value, dict) else [value]:
                applicable += judged in sufficient | insufficient
                ok += judged in sufficient
        counts[qid] = (applicable, ok)
    return counts


def _library_score(folder: Path, extensions: list[str]) -> inspectcore.InspectionScore:
    edition = inspectcore.Registry.discover().load_edition("cag2016", extensions=extensions)
    cases = [(p.name, inspectcore.read_case(p)) for p in sorted(folder.glob("*.toml"))]
    for name, case in cases:
        assert inspectcore.validate(edition, case) == (), name  # no problem, not even a warning
    return inspectcore.score(edition, cases)


# -- coverage ----------------------------------------------------------------------------------


def test_the_inspection_covers_what_the_issue_lists() -> None:
    cases = _cases()
    assert len(cases) == 24
    assert {c["context"]["programme"] for c in cases} == {"FJI"}
    assert {c["context"]["3b"] for c in cases} == {"England"}  # inspection facts, not answers
    assert not any(_answered(c, "3a") or _answered(c, "3b") for c in cases)
    assert [c["case"] for c in cases] == [f"FJI-{n:03d}" for n in range(1, 25)]
    sentences = [_value(c, "10a") for c in cases]
    for sentence in (*CUSTODIAL, "Youth Rehabilitation Order", "Reparation Order"):
        assert sentence in sentences
    assert sentences.count("Referral Order") >= 3
    long_term = [c for c in cases if _value(c, "10a") == "Long-term custodial sentence (S90/91)"]
    assert any(_value(c, "10b") == 999 or _value(c, "10b") >= 48 for c in long_term)

    mappa = [c for c in cases if _value(c, "12a") == "Yes"]
    assert 0 < len(mappa) < len(cases)
    assert {_value(c, "12b") for c in mappa} == {"Cat 1", "Cat 2", "Cat 3"}
    assert {_value(c, "12c") for c in mappa} == {"Level 1", "Level 2", "Level 3"}

    modules = [_value(c, "14") for c in cases]
    for module in ("Interventions", "Courts"):
        assert 0 < sum(module in m for m in modules) < len(cases)
    for question in ("1.6.1", "7a"):
        assert {_value(c, question) for c in cases} == {"Yes", "No"}
    assert all(_value(c, "11").startswith("Synthetic case: ") for c in cases)  # index offence


def _routed(case: dict[str, Any]) -> dict[str, bool]:
    """The routing rules the test relies on, implemented here from the guidance."""
    sentence, modules = _value(case, "10a"), _value(case, "14")
    return {
        "7b": _value(case, "7a") == "Yes",
        "10c": sentence in CUSTODIAL,
        "12b": _value(case, "12a") == "Yes",
        "2.10.1": _value(case, "12c") in ("Level 2", "Level 3"),
        "1.5.3": "Courts" in modules,
        "1.6.3": _value(case, "1.6.1") == "Yes",
        "1.9.3": sentence == "Referral Order",
        "1.15.1": "Interventions" in modules,
        "4.13.2": "Interventions" in modules,
        "2.0.1": sentence in CUSTODIAL,
        "3.10.1": sentence in CUSTODIAL,
        "4.3.1": _value(case, "4.1") in ("Yes", "No"),
        "4.7.1": _value(case, "4.6") in ("Yes", "No"),
        "4.18.2": _value(case, "4.18.1") in ("Yes (after initial difficulties)", "No"),
        "4.19.2": any(_value(case, f"4.19.1/{event}") == "Yes" for event in EVENTS),
        "5.15.2": _value(case, "5.15.1") == "Yes",
        "4.12": bool(_value(case, "2.1.0")),
    }


def test_every_routed_question_is_asked_in_some_cases_and_not_in_others() -> None:
    cases = _cases()
    for question in _routed(cases[0]):
        applies = [_routed(c)[question] for c in cases]
        assert any(applies), question
        assert not all(applies), question
        for case, expected in zip(cases, applies, strict=True):
            assert _answered(case, question) == expected, (case["case"], question)


def test_per_factor_answers_follow_the_priority_factors() -> None:
    cases = _cases()
    counts = set()
    for case in cases:
        factors = _value(case, "2.1.0")
        counts.add(len(factors))
        for question in ("3.7.1", "4.12"):
            if factors:
                assert list(_value(case, question)) == factors, (case["case"], question)
    assert {1, 2, 3, 4, 5} <= counts


def test_insufficient_judgements_are_explained_and_other_is_written_up() -> None:
    questions = _questions()
    explanations = [q for q in questions.values() if q.get("links", {}).get("explains")]
    explained = other = 0
    optional: list[bool] = []  # whether an optional explanation that applied was answered
    for case in _cases():
        for explanation in explanations:
            links = explanation["links"]
            judged = links["explains"]
            _, insufficient = _judged(questions[judged])
            value = _value(case, judged) if _answered(case, judged) else None
            # Answered per priority factor (3.7.1): any insufficient factor needs explaining.
            values = list(value.values()) if isinstance(value, dict) else [value]
            applies = any(v in insufficient for v in values)
            if not applies or explanation.get("required", True):
                # Asked after an insufficient judgement only; then required unless optional.
                assert _answered(case, explanation["id"]) == applies, (
                    case["case"],
                    explanation["id"],
                )
                explained += applies
            else:
                optional.append(_answered(case, explanation["id"]))
            if _answered(case, explanation["id"]) and "Other" in _value(case, explanation["id"]):
                narrative = _value(case, links["other_goes_to"])
                assert narrative.startswith("Synthetic case"), (case["case"], explanation["id"])
                assert explanation["id"] in narrative
                other += 1
    assert explained >= 50
    assert other >= 10
    assert set(optional) == {True, False}  # an optional explanation (1.13.3) is left out too


def test_question_level_answers_vary() -> None:
    """4.18.1 and 4.19.3 judge their own answers: each of them occurs, N/A included."""
    cases = _cases()
    for question in ("4.18.1", "4.19.3"):
        sufficient, insufficient = _judged(_questions()[question])
        assert sufficient, question
        assert insufficient, question
        assert sufficient | insufficient <= {_value(c, question) for c in cases}, question
    assert "N/A" in {_value(c, "4.18.1") for c in cases}
    counted = _count(cases)["4.18.1"][0]
    assert counted == sum(_value(c, "4.18.1") != "N/A" for c in cases) < len(cases)


def test_free_text_is_synthetic() -> None:
    narratives = [q for q, d in _questions().items() if d["kind"] == "narrative"]
    for case in _cases():
        for question in narratives:
            if _answered(case, question):
                assert _value(case, question).startswith("Synthetic case"), question


def _working_days(start: dt.date, end: dt.date) -> tuple[int, bool]:
    """Working days after ``start`` up to ``end`` in England, and whether a bank holiday fell
    on a weekday in between."""
    bank = holidays.country_holidays("GB", subdiv="ENG", years=range(start.year, end.year + 1))
    days, spanned = 0, False
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days += day not in bank
            spanned |= day in bank
    return days, spanned


def test_appendix_a_dates_are_on_most_cases_some_late_and_some_over_a_bank_holiday() -> None:
    cases = _cases()
    dated = [c for c in cases if _answered(c, "A/sentence")]
    assert len(dated) > len(cases) * 3 // 4
    statuses, spanning = set(), 0
    for case in dated:
        limit = LIMITS.get(_value(case, "10a"))
        start = dt.date.fromisoformat(_value(case, "A/sentence"))
        for end_question in ("A/assessment", "A/plan"):
            days, spanned = _working_days(start, dt.date.fromisoformat(_value(case, end_question)))
            spanning += spanned
            if limit is not None:
                statuses.add((end_question, days <= limit))
    assert statuses == {
        (q, on_time) for q in ("A/assessment", "A/plan") for on_time in (True, False)
    }
    assert spanning >= 3


def test_it_validates_clean() -> None:
    result = CliRunner().invoke(cli, ["validate", "--strict", str(FOLDER)])
    assert result.exit_code == 0, result.output


# -- scores ------------------------------------------------------------------------------------


def _expected_groups(counts: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    groups = _groups()
    totals = {g: [0, 0] for g in groups}
    for qid, question in _questions().items():
        if qid not in counts:
            continue
        for group in _reached(question.get("links", {}).get("counts_towards", []), groups):
            totals[group][0] += counts[qid][0]
            totals[group][1] += counts[qid][1]
    return {g: (n, ok) for g, (n, ok) in totals.items()}


def test_scores_match_an_independent_count() -> None:
    edition = tomllib.loads((DATA / "edition.toml").read_text(encoding="utf-8"))
    assert edition["group_scoring"]["method"] == "pooled"  # what _expected_groups computes
    counts = _count(_cases())
    score = _library_score(FOLDER, [])
    assert len(score.cases) == 24
    assert {f.id: (f.applicable, f.sufficient) for f in score.questions} == counts
    expected = _expected_groups(counts)
    got = {g.id: (g.applicable, g.sufficient) for g in score.groups}
    assert got == expected
    for group in score.groups:
        n, ok = expected[group.id]
        assert group.percent == (Fraction(100 * ok, n) if n else None), group.id
    # Figures differ: the views were drawn with different quality.
    assert len({g.percent for g in score.groups if g.kind == "theme"}) == len(THEMES)
    assert len({g.percent for g in score.groups if g.kind == "criterion"}) > 10


def test_the_interventions_module_is_scored_apart_from_the_themes() -> None:
    groups = _groups()
    kinds = {g: d["kind"] for g, d in groups.items()}
    assert {g for g, k in kinds.items() if k == "theme"} == THEMES
    module_questions, theme_questions = set(), set()
    for qid, question in _questions().items():
        reached = _reached(question.get("links", {}).get("counts_towards", []), groups)
        if "interventions" in reached:
            module_questions.add(qid)
        if reached & THEMES:
            theme_questions.add(qid)
    assert module_questions
    assert not module_questions & theme_questions
    counts = _count(_cases())
    module = next(g for g in _library_score(FOLDER, []).groups if g.id == "interventions")
    assert module.kind == "module"
    assert set(module.questions) == module_questions & set(counts)
    assert (module.applicable, module.sufficient) == (
        sum(counts[q][0] for q in module_questions if q in counts),
        sum(counts[q][1] for q in module_questions if q in counts),
    )
    assert module.applicable > 0


def test_the_score_command_prints_the_same_figures() -> None:
    result = CliRunner().invoke(
        cli, ["score", str(FOLDER), "--edition", "cag2016", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    scored = json.loads(result.stdout)
    assert scored["cases"] == 24
    expected = _expected_groups(_count(_cases()))
    assert {g["id"]: (g["applicable"], g["sufficient"]) for g in scored["groups"]} == expected


# -- the Welsh inspection ----------------------------------------------------------------------


def test_the_welsh_inspection_is_assessed_with_the_wales_extension() -> None:
    cases = _cases(WELSH_FOLDER)
    assert len(cases) == 8
    for case in cases:
        assert [e["id"] for e in case["extensions"]] == ["wales"]
        assert case["context"]["3b"] == "Wales"
        assert _answered(case, "9a")
        assert _answered(case, "13c")
        asked = _value(case, "9a") in ("Welsh", "Not Known")
        for question in ("9b", "9c", "9d", "9e"):
            assert _answered(case, question) == asked, (case["case"], question)
    assert {_value(c, "9a") for c in cases} == {"Welsh", "English", "Not Known", "Other"}
    result = CliRunner().invoke(cli, ["validate", "--strict", str(WELSH_FOLDER)])
    assert result.exit_code == 0, result.output


def test_the_welsh_inspection_scores_as_counted() -> None:
    cases = _cases(WELSH_FOLDER)
    score = _library_score(WELSH_FOLDER, ["wales"])
    counts = _count(cases)  # 9e is a judgement, but not scored (line 505-506)
    assert {f.id: (f.applicable, f.sufficient) for f in score.questions} == counts
    assert {g.id: (g.applicable, g.sufficient) for g in score.groups} == _expected_groups(counts)
    result = CliRunner().invoke(
        cli, ["score", str(WELSH_FOLDER), "--edition", "cag2016", "--with", "wales"]
    )
    assert result.exit_code == 0, result.output


# -- the generator ---------------------------------------------------------------------------


@pytest.mark.parametrize(("folder", "args"), [(FOLDER, []), (WELSH_FOLDER, ["--wales"])])
def test_the_generator_writes_the_committed_files(
    folder: Path, args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = importlib.util.spec_from_file_location("make_cag2016_inspection", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main([str(tmp_path), *args])
    assert "wrote" in capsys.readouterr().out
    written = {p.name: p.read_bytes() for p in sorted(tmp_path.iterdir())}
    committed = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
    assert written.keys() == committed.keys()
    for name, data in written.items():
        assert data == committed[name], name
