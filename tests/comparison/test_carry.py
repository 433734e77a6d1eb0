"""Carrying cases across editions: answers through equivalent pairs only, what must be assessed
afresh, scoring the carried cases; checked by hand on the example plugin and independently on the
2016 example inspection."""

from __future__ import annotations

import json
import re
import runpy
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from inspectcore import (
    Afresh,
    Answer,
    CarryCause,
    CarryError,
    CaseAssessment,
    Edition,
    EditionRef,
    NotCarried,
    PerOption,
    ProspectRouter,
    ProspectStatus,
    Registry,
    carry_case,
    carry_inspection,
    check_crosswalk,
    crosswalk_from_data,
    read_case,
    resolve_edition,
    validate,
    write_case,
)
from inspectcore.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_CASES = ROOT / "examples" / "inspection" / "example"
EXAMPLE_CROSSWALK = (
    ROOT / "examples" / "plugin" / "src" / "inspectcore_example" / "crosswalks" / "example.toml"
)
CAG2016_CASES = ROOT / "examples" / "inspection" / "cag2016"
CAG2016_CROSSWALK = (
    ROOT / "plugins" / "carag2024" / "src" / "inspectcore_carag2024" / "crosswalks" / "cag2016.toml"
)

WriteEdition = Callable[..., Path]


@pytest.fixture
def next_edition(inspectcore_registry: Registry) -> Edition:
    return inspectcore_registry.load_edition("example-next")


def carried_from_example(registry: Registry, name: str) -> Any:
    old = registry.load_edition("example")
    new = registry.load_edition("example-next")
    walk = registry.crosswalk("example", "example-next")
    return carry_case(read_case(EXAMPLE_CASES / name), walk, old, new)


def test_carry_a_case_by_hand(inspectcore_registry: Registry) -> None:
    result = carried_from_example(inspectcore_registry, "case-02.toml")
    case = result.case
    assert case.edition == EditionRef("example-next", "2.0")
    assert (case.case, case.assessor, case.assessed_on) == ("EX-02", "Inspector B", "2026-02-04")
    # programme is a fact of both editions; country only of the old one.
    assert case.context == (("programme", "FULL"),)
    assert (result.facts_carried, result.facts_afresh) == (("programme",), ())
    # The equivalent pairs 1-1, 2-2 (with its value map), B 1.3-A 2, B 1 S-A 1 S, C 1-B 1,
    # in example-next's order; B 1.1 -> A 1 is only a subset, so it does not carry.
    assert case.answers == (
        Answer("1", 16, source="example 1"),
        Answer("2", "Custodial sentence", source="example 2"),
        Answer("A 2", "Yes", source="example B 1.3"),
        Answer("A 1 S", "No", source="example B 1 S"),
        Answer("B 1", "No", source="example C 1"),
    )
    assert result.carried == case.answers
    assert result.not_carried == ()
    # Answered, but with no equivalent to carry to (B 1.1's pair is a subset).
    assert result.left_behind == (
        "3",
        "4",
        "5",
        "6a",
        "6b",
        "B 1.1",
        "B 1.2",
        "B 1.4",
        "C 2",
        "B 9",
    )
    assert result.afresh == (Afresh("A 1", True), Afresh("A 3", True))


def test_an_answer_that_cannot_apply_is_not_carried(inspectcore_registry: Registry) -> None:
    # EX-03 is a referral order; example-next asks A 2 only for custodial sentences.
    result = carried_from_example(inspectcore_registry, "case-03.json")
    assert result.not_carried == (
        NotCarried(
            "B 1.3",
            "A 2",
            'does not apply: answer("2") == "Custodial sentence" does not hold '
            '(2 = "Referral order")',
            CarryCause.RULED_OUT,
        ),
    )
    assert [a.question for a in result.carried] == ["1", "2", "A 1 S", "B 1"]
    # It was answered with an option the new version keeps: the value is carried as it is.
    assert result.case.answer("2") == Answer("2", "Referral order", source="example 2")


def test_carry_back_the_other_way(inspectcore_registry: Registry) -> None:
    old = inspectcore_registry.load_edition("example")
    new = inspectcore_registry.load_edition("example-next")
    case = CaseAssessment(
        EditionRef("example-next", "2.0"),
        "N-1",
        context={"programme": "FULL"},
        answers=[
            Answer("1", 15),
            Answer("2", "Custodial sentence"),
            Answer("A 1", "Yes"),
            Answer("A 2", "N/A", note="Custody was never a risk."),
            Answer("A 1 S", "Yes"),
        ],
    )
    result = carry_case(case, inspectcore_registry.crosswalk("example", "example-next"), new, old)
    assert result.case.answers == (
        Answer("1", 15, source="example-next 1"),
        Answer("2", "Detention and training order", source="example-next 2"),
        Answer("B 1.3", "N/A", note="Custody was never a risk.", source="example-next A 2"),
        Answer("B 1 S", "Yes", source="example-next A 1 S"),
    )
    assert result.left_behind == ("A 1",)
    assert result.facts_afresh == ("country",)
    afresh = {a.question: a for a in result.afresh}
    # 6b asks only when 6a is Yes; 6a is to be answered, so 6b may apply.
    assert afresh["6b"] == Afresh("6b", True, ("6a",))
    # B 1.2 explains B 1.1, which is not answered yet.
    assert afresh["B 1.2"].waits_for == ("B 1.1",)
    # B 1.4 is answered per priority factor chosen in 5; C 2 asks children of 16 or over,
    # and this child was 15: it cannot apply.
    assert afresh["B 1.4"].waits_for == ("5",)
    assert "C 2" not in afresh
    # Area C applies to FULL inspections, and C 1 is not answered: it applies now.
    assert afresh["C 1"] == Afresh("C 1", True)
    assert afresh["B 9"] == Afresh("B 9", False)
    assert "B 1.3" not in afresh


def test_carry_refuses_a_case_of_another_edition(inspectcore_registry: Registry) -> None:
    old = inspectcore_registry.load_edition("example")
    new = inspectcore_registry.load_edition("example-next")
    walk = inspectcore_registry.crosswalk("example", "example-next")
    case = read_case(EXAMPLE_CASES / "case-01.toml")
    with pytest.raises(
        CarryError, match="case 'EX-01' is assessed under 'example', not 'example-next'"
    ):
        carry_case(case, walk, new, old)
    with pytest.raises(CarryError, match="between 'example' and 'example-next', not 'example'"):
        carry_case(case, walk, old, old)


# -- small editions: value maps, domains, routing, per-option answers ---------------------------


def info(qid: str, answer: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {
        "id": qid,
        "kind": "information",
        "section": "A",
        "text": f"Fact {qid}",
        "domain": answer,
        "domain_basis": "stated: the tests",
        **more,
    }


SECTIONS = [{"id": "A", "level": "area", "title": "Area A"}]
FACTORS_OLD = {"type": "multiple_choice", "options": ["Education", "Family", "Health"]}
FACTORS_NEW = {"type": "multiple_choice", "options": ["ETE", "Family", "Health"]}


@pytest.fixture
def small(write_edition: WriteEdition) -> tuple[Edition, Edition]:
    old = write_edition(
        "old",
        sections=SECTIONS,
        questions=[
            info("age", {"type": "integer", "min": 10, "max": 17}),
            info("known", {"type": "single_choice", "options": ["Yes", "No", "Not known"]}),
            info(
                "routed",
                {"type": "yes_no"},
                applies='answer("known") == "Yes"',
                applies_basis="stated: t",
            ),
            info("factors", FACTORS_OLD),
            {
                "id": "each",
                "kind": "judgement",
                "section": "A",
                "text": "Is each factor assessed?",
                "links": {"per_option_of": "factors"},
            },
        ],
    )
    new = write_edition(
        "new",
        sections=SECTIONS,
        questions=[
            info("age", {"type": "integer", "min": 12, "max": 17}),
            info("known", {"type": "single_choice", "options": ["Y", "N"]}),
            info(
                "routed",
                {"type": "yes_no"},
                applies='answer("known") == "Y"',
                applies_basis="stated: t",
            ),
            info("factors", FACTORS_NEW),
            {
                "id": "each",
                "kind": "judgement",
                "section": "A",
                "text": "Is each factor assessed?",
                "links": {"per_option_of": "factors"},
            },
        ],
    )
    return resolve_edition(old), resolve_edition(new)


def walk(*pairs: tuple[str, str, Mapping[str, str]]) -> Any:
    return crosswalk_from_data(
        {
            "from": "old",
            "to": "new",
            "pairs": [
                {
                    "from": a,
                    "to": b,
                    "relationship": "equivalent",
                    "rationale": "r",
                    "values": dict(v),
                }
                for a, b, v in pairs
            ],
        }
    )


KNOWN = ("known", "known", {"Yes": "Y", "No": "N"})  # "Not known" left out on purpose
FACTORS = ("factors", "factors", {"Education": "ETE", "Family": "Family", "Health": "Health"})


def old_case(**answers: Any) -> CaseAssessment:
    return CaseAssessment(
        EditionRef("old"), "C", answers=[Answer(k, v) for k, v in answers.items()]
    )


def test_values_are_mapped_and_unmapped_values_are_not_carried(
    small: tuple[Edition, Edition],
) -> None:
    crosswalk = walk(KNOWN, ("routed", "routed", {}), ("age", "age", {}))
    result = carry_case(old_case(known="Yes", routed="No", age=14), crosswalk, *small)
    assert [(a.question, a.value) for a in result.carried] == [
        ("age", 14),
        ("known", "Y"),
        ("routed", "No"),
    ]
    result = carry_case(old_case(known="Not known", age=11), crosswalk, *small)
    assert result.not_carried == (
        NotCarried(
            "known",
            "known",
            "'Not known' has no counterpart in the values map",
            CarryCause.UNMAPPED,
        ),
        NotCarried(
            "age",
            "age",
            "the answer is not a valid answer to age (whole number 12..17)",
            CarryCause.UNMAPPED,
        ),
    )
    assert result.carried == ()


def test_an_answer_that_does_not_apply_in_the_case_is_not_carried(
    small: tuple[Edition, Edition],
) -> None:
    crosswalk = walk(KNOWN, ("routed", "routed", {}))
    result = carry_case(old_case(known="No", routed="Yes"), crosswalk, *small)
    assert result.not_carried == (
        NotCarried(
            "routed",
            "routed",
            'does not apply in the case: answer("known") == "Yes" does not hold (known = "No")',
            CarryCause.NOT_APPLICABLE,
        ),
    )


def test_a_routed_answer_waits_for_its_routing(small: tuple[Edition, Edition]) -> None:
    # known is not carried, so whether routed applies is open: its answer is kept.
    result = carry_case(old_case(known="Yes", routed="Yes"), walk(("routed", "routed", {})), *small)
    assert [a.question for a in result.carried] == ["routed"]
    assert Afresh("known", True) in result.afresh


def test_per_option_answers_carry_through_the_options_map(small: tuple[Edition, Edition]) -> None:
    case = old_case(
        factors=["Education", "Health"], each=PerOption((("Education", "Yes"), ("Health", "No")))
    )
    result = carry_case(case, walk(FACTORS, ("each", "each", {})), *small)
    assert result.case.answer("factors") == Answer(
        "factors", ("ETE", "Health"), source="old factors"
    )
    assert result.case.answer("each") == Answer(
        "each", PerOption((("ETE", "Yes"), ("Health", "No"))), source="old each"
    )
    # Without an equivalent for the options they are answered per, they cannot carry.
    result = carry_case(case, walk(("each", "each", {})), *small)
    assert result.not_carried == (
        NotCarried(
            "each",
            "each",
            "answered per option of factors, which has no equivalent in factors",
            CarryCause.UNMAPPED,
        ),
    )


def test_a_contradictory_crosswalk_carries_neither_answer(small: tuple[Edition, Edition]) -> None:
    crosswalk = walk(("routed", "routed", {}), ("known", "routed", {"Yes": "Yes", "No": "No"}))
    result = carry_case(old_case(known="Yes", routed="No"), crosswalk, *small)
    assert result.carried == ()
    assert [n.reason for n in result.not_carried] == [
        "the crosswalk also has known -> routed equivalent",
        "the crosswalk also has routed -> routed equivalent",
    ]


def test_prospects_of_a_part_answered_case(small: tuple[Edition, Edition]) -> None:
    _, new = small
    statuses = {
        p.question.id: (p.status, p.waits_for)
        for p in ProspectRouter(
            new, CaseAssessment(EditionRef("new"), answers=[Answer("known", "N")])
        ).all()
    }
    assert statuses == {
        "age": (ProspectStatus.APPLIES, ()),
        "known": (ProspectStatus.APPLIES, ()),
        "routed": (ProspectStatus.OUT, ()),
        "factors": (ProspectStatus.APPLIES, ()),
        "each": (ProspectStatus.OPEN, ("factors",)),
    }


# -- source round trip ---------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_the_source_of_an_answer_round_trips(tmp_path: Path, suffix: str) -> None:
    case = CaseAssessment(
        EditionRef("example-next", "2.0"),
        answers=[Answer("A 2", "Yes", source="example B 1.3"), Answer("A 3", "No")],
    )
    path = tmp_path / f"case{suffix}"
    write_case(case, path)
    assert read_case(path) == case
    text = path.read_text()
    assert '"source": "example B 1.3"' in text or 'source = "example B 1.3"' in text
    assert text.count("source") == 1


# -- the example inspection, carried and scored --------------------------------------------------


def raw_case(path: Path) -> dict[str, Any]:
    text = path.read_text()
    data: dict[str, Any] = json.loads(text) if path.suffix == ".json" else tomllib.loads(text)
    return data


def plain(value: Any) -> Any:
    return value["value"] if isinstance(value, dict) and "value" in value else value


def test_carry_the_example_inspection_and_score_it(inspectcore_registry: Registry) -> None:
    old = inspectcore_registry.load_edition("example")
    new = inspectcore_registry.load_edition("example-next")
    files = sorted(EXAMPLE_CASES.iterdir())
    result = carry_inspection(
        [(p.name, read_case(p)) for p in files],
        inspectcore_registry.crosswalk("example", "example-next"),
        old,
        new,
    )
    # Independently: read the raw files and the crosswalk file, and apply example-next's
    # rules as its edition.toml states them.
    walk_data = tomllib.loads(EXAMPLE_CROSSWALK.read_text())
    equivalent = {
        p["from"]: (p["to"], p.get("values", {}))
        for p in walk_data["pairs"]
        if p["relationship"] == "equivalent"
    }
    counts: dict[str, list[int]] = {q: [0, 0] for q in ("A 1", "A 2", "A 3", "A 1 S", "B 1")}
    kept = 0
    for path in files:
        answers = {k: plain(v) for k, v in raw_case(path)["answers"].items()}
        carried = {
            to: values.get(answers[old_id], answers[old_id]) if values else answers[old_id]
            for old_id, (to, values) in equivalent.items()
            if old_id in answers
        }
        if carried.get("2") == "Referral order" and carried.get("1", 0) >= 17:
            continue  # example-next's exclusion "referral-at-17"
        kept += 1
        if carried.get("2") != "Custodial sentence":
            carried.pop("A 2", None)  # A 2 asks only for custodial sentences
        for question, value in carried.items():
            if question in counts and value in ("Yes", "No"):
                counts[question][0] += 1
                counts[question][1] += value == "Yes"
    score = result.score
    assert len(score.cases) == kept == 2
    assert [e.exclusion for e in score.excluded] == ["referral-at-17"]
    assert {f.id: [f.applicable, f.sufficient] for f in score.questions} == counts
    assert counts == {"A 1": [0, 0], "A 2": [1, 1], "A 3": [0, 0], "A 1 S": [2, 1], "B 1": [2, 1]}
    [key] = score.key_questions
    assert (key.id, key.applicable, key.sufficient) == ("A1", 2, 1)
    [rating] = score.ratings
    assert (rating.section, rating.band) == ("A", "Requires improvement")
    assert result.uncovered == ("A 1", "A 3")


# -- the command ----------------------------------------------------------------------------------


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def test_carry_command_on_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "carried"
    result = run("carry", str(EXAMPLE_CASES), "--to", "example-next", "-o", str(out), "--score")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "carried 3 case(s) from example 1.0 to example-next 2.0"
    # Every answer not carried is counted, with or without an equivalent to carry to.
    answered = len(read_case(EXAMPLE_CASES / "case-03.json").answers)
    assert (
        f"  case-03.json -> {out / 'case-03.json'}: 4 answer(s) carried, "
        f"{answered - 4} not carried, "
        "2 question(s) to assess afresh and 0 more that may apply"
    ) in lines
    assert "  A 1               3 / 0" in lines
    assert (
        "  EX-03: a referral order starting at 17 ends after the child turns 18 (referral-at-17)"
        in lines
    )
    assert lines[-1] == "  A 1, A 3"
    assert sorted(p.name for p in out.iterdir()) == ["case-01.toml", "case-02.toml", "case-03.json"]
    assert read_case(out / "case-02.toml").answer("2") == Answer(
        "2", "Custodial sentence", source="example 2"
    )
    # A carried case may have been assessed further since: it is never overwritten,
    # not even with --force (which only replaces files that are not case files).
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    for force in ((), ("--force",)):
        again = run("carry", str(EXAMPLE_CASES), "--to", "example-next", "-o", str(out), *force)
        assert again.exit_code == 2
        assert f"error: {out / 'case-01.toml'}: is a case file, which is never overwritten" in (
            again.stderr
        )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_carry_command_json_names_questions_never_answers(tmp_path: Path) -> None:
    out = tmp_path / "one.toml"
    result = run(
        "carry",
        str(EXAMPLE_CASES / "case-02.toml"),
        "--to",
        "example-next",
        "-o",
        str(out),
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    [case] = data["cases"]
    assert case["carried"][1] == {"question": "2", "source": "example 2"}
    assert [a["question"] for a in case["afresh"]] == ["A 1", "A 3"]
    assert "score" not in data
    # Neither the values carried nor the narrative text of the case appear.
    assert "Custodial sentence" not in result.stdout
    assert "out of date" not in result.stdout
    assert read_case(out).edition.id == "example-next"


def test_carry_command_into_a_folder_and_its_errors(tmp_path: Path) -> None:
    result = run(
        "carry", str(EXAMPLE_CASES / "case-01.toml"), "--to", "example-next", "-o", str(tmp_path)
    )
    assert result.exit_code == 0
    assert (tmp_path / "case-01.toml").is_file()
    result = run(
        "carry", str(EXAMPLE_CASES), "--to", "example-next", "-o", str(tmp_path / "x.toml")
    )
    assert result.exit_code == 2
    assert "expected a folder for a folder of cases" in result.stderr
    result = run(
        "carry",
        str(EXAMPLE_CASES / "case-01.toml"),
        "--to",
        "carag2024x",
        "-o",
        str(tmp_path / "y.toml"),
    )
    assert result.exit_code == 2
    assert "no edition 'carag2024x' is installed" in result.stderr
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    write_case(read_case(EXAMPLE_CASES / "case-01.toml"), mixed / "a.toml")
    write_case(CaseAssessment(EditionRef("example-next", "2.0")), mixed / "b.toml")
    result = run("carry", str(mixed), "--to", "example-next", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "assessed under several editions" in result.stderr


# -- the 2016 example inspection, carried to carag2024 --------------------------------------------

_SIMPLE = re.compile(r'^(answer|fact)\("([^"]+)"\) (==|!=) "([^"]*)"$')


class _Routes:
    """carag2024's routing, evaluated from its rule texts without the engine's evaluator.

    Only rules of the form ``answer("X") == "V"`` (or ``!=``, or ``fact``), joined by
    ``and``, are understood; the test fails on any other in play, so that it is updated
    rather than silently wrong. An answer counts only when its question applies.
    """

    def __init__(self, edition: Edition, answers: dict[str, Any], facts: dict[str, Any]) -> None:
        self.edition = edition
        self.answers = answers
        self.facts = facts

    def holds(self, source: str) -> bool:
        result = True
        for part in source.split(" and "):
            match = _SIMPLE.match(part.strip())
            assert match, f"the test does not understand the rule {source!r}"
            kind, ref, op, literal = match.groups()
            value = self.facts.get(ref) if kind == "fact" else self.value(ref)
            if value is None:
                result = False  # a comparison with no answer is false
            elif (value == literal) != (op == "=="):
                result = False
        return result

    def value(self, question_id: str) -> Any:
        return self.answers.get(question_id) if self.applies(question_id) else None

    def applies(self, question_id: str) -> bool:
        question = self.edition.question(question_id)
        assert not question.links.explains
        assert not question.links.per_option_of
        rules = [s.applies for s in self.edition.section_path(question.section) if s.applies]
        rules += [question.applies] if question.applies else []
        return all(self.holds(rule.condition.source) for rule in rules)


def test_carry_the_2016_example_inspection_to_2024() -> None:
    if not CAG2016_CASES.is_dir():
        pytest.skip(f"the 2016 example inspection is not written yet ({CAG2016_CASES})")
    if not CAG2016_CROSSWALK.is_file():
        pytest.skip(f"the cag2016 -> carag2024 crosswalk is not written yet ({CAG2016_CROSSWALK})")
    registry = Registry.discover()
    old = registry.load_edition("cag2016")
    new = registry.load_edition("carag2024")
    files = sorted(p for p in CAG2016_CASES.iterdir() if p.suffix in (".toml", ".json"))
    cases = [(p.name, read_case(p)) for p in files]
    for name, case in cases:  # every answer of a valid case applies to it
        assert not [p for p in validate(old, case) if p.is_error], name
    result = carry_inspection(cases, registry.crosswalk("cag2016", "carag2024"), old, new)

    # Independently: the raw crosswalk file's equivalent pairs that are their questions' only
    # equivalent at both ends, and the raw case files.
    pairs = tomllib.loads(CAG2016_CROSSWALK.read_text())["pairs"]
    equivalent = [p for p in pairs if p["relationship"] == "equivalent"]

    def alone(p: dict[str, Any]) -> bool:
        return sum(bool(q["from"] == p["from"] or q["to"] == p["to"]) for q in equivalent) == 1

    usable = {p["from"]: (p["to"], p.get("values", {})) for p in equivalent if alone(p)}
    sufficient = {k.id: k.sufficient for k in new.kinds}
    insufficient = {k.id: k.insufficient for k in new.kinds}
    scored = [q for q in new.questions if q.scored]
    counts = {q.id: [0, 0] for q in scored}
    facts = {f.id for f in new.facts}
    kept = []
    for (name, _), path in zip(cases, files, strict=True):
        raw = tomllib.loads(path.read_text())
        answers = {k: plain(v) for k, v in raw["answers"].items()}
        carried: dict[str, Any] = {}
        for old_id, (to, values) in usable.items():
            if old_id in answers:
                value = answers[old_id]
                assert not isinstance(value, dict), "per-option answers: extend the test"
                if isinstance(value, list):
                    carried[to] = tuple(values[v] if values else v for v in value)
                else:
                    carried[to] = values[value] if values else value
        context = {k: v for k, v in raw.get("context", {}).items() if k in facts}
        by_name = dict(result.cases)[name]
        # Answers carry unless their question cannot apply; here every rule reads answers
        # that are carried or not, so a carried answer whose rule fails was dropped.
        routes = _Routes(new, carried, context)
        assert {a.question: a.value for a in by_name.carried}.items() <= carried.items()
        for dropped in set(carried) - {a.question for a in by_name.carried}:
            assert not routes.applies(dropped), (name, dropped)
        origins = {to: old_id for old_id, (to, _) in usable.items()}
        assert [a.source for a in by_name.carried] == [
            f"cag2016 {origins[a.question]}" for a in by_name.carried
        ]
        if any(routes.holds(e.rule.condition.source) for e in new.exclusions):
            continue
        kept.append(name)
        for question in scored:
            value = carried.get(question.id)
            if value is None or not routes.applies(question.id):
                continue
            if value in (*sufficient[question.kind], *insufficient[question.kind]):
                counts[question.id][0] += 1
                counts[question.id][1] += value in sufficient[question.kind]
    score = result.score
    assert len(score.cases) == len(kept)
    assert sum(len(c.carried) for _, c in result.cases) > 0  # the comparison is not empty
    assert {f.id: [f.applicable, f.sufficient] for f in score.questions} == counts
    summaries = {q.links.summarises: q.id for q in new.questions if q.links.summarises}
    for figure in score.key_questions:
        assert [figure.applicable, figure.sufficient] == counts[summaries[figure.id]]
    assert set(result.uncovered) == {q.id for q in scored} - {to for to, _ in usable.values()}


# -- the example script ---------------------------------------------------------------------------


def compare_editions() -> Callable[[list[str]], int]:
    script = runpy.run_path(str(ROOT / "examples" / "compare_editions.py"))
    main: Callable[[list[str]], int] = script["main"]
    return main


def test_compare_editions_script_on_the_example_plugin(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    args = ["--from", "example", "--to", "example-next", "--cases", str(EXAMPLE_CASES)]
    assert compare_editions()([*args, "--output", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:5] == [
        "Crosswalk example 1.0 -> example-next 2.0",
        "  6 pairs: 5 equivalent, 1 subset",
        "  2 questions of example unmatched",
        "  1 questions of example-next unmatched",
        "  integrity: 0 problem(s)",
    ]
    # 5 + 5 + 4 answers carry from the three cases, less EX-03's B 1.3 (A 2 does not apply);
    # every other answer given is counted as not carried, by reason.
    given = sum(len(read_case(p).answers) for p in EXAMPLE_CASES.iterdir())
    assert f"  13 answers carried, {given - 13} not carried, 6 to assess afresh" in lines
    (at,) = (i for i, line in enumerate(lines) if line.startswith("  13 answers carried"))
    by_cause = [line for line in lines[at + 1 :] if " not carried: " in line]
    assert sum(int(line.split()[0]) for line in by_cause) == given - 13
    assert (
        "  excluded EX-03: a referral order starting at 17 ends after the child turns 18" in lines
    )
    assert "  A1       1 of 2 50.0%" in lines
    assert "  A 1, A 3" in lines
    # The subset pair B 1.1 -> A 1 sets B 1.1's figure beside A 1, labelled indicative.
    assert any(
        line.startswith("  A1       indicative: B 1.1 is a subset of A 1 ") for line in lines
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "case-01.toml",
        "case-02.toml",
        "case-03.json",
    ]


def test_compare_editions_script_on_the_2016_inspection(
    capsys: pytest.CaptureFixture[str],
) -> None:
    if not CAG2016_CASES.is_dir() or not CAG2016_CROSSWALK.is_file():
        pytest.skip("the 2016 example inspection or the cag2016 crosswalk is not written yet")
    registry = Registry.discover()
    problems = check_crosswalk(
        registry.crosswalk("cag2016", "carag2024"),
        registry.load_edition("cag2016"),
        registry.load_edition("carag2024"),
    )
    assert compare_editions()([]) == (1 if problems else 0)
    out = capsys.readouterr().out
    assert out.startswith("Crosswalk cag2016 16 -> carag2024 7.4\n")
    cases = len([p for p in CAG2016_CASES.iterdir() if p.suffix in (".toml", ".json")])
    assert f"\nCarried {cases} case(s) from cag2016 to carag2024\n" in out
    assert "\nUncovered: " in out
    assert "\nIndicative only: cag2016 figures beside the nearest carag2024 key question\n" in out


def test_reasons_never_quote_free_text(write_edition: WriteEdition) -> None:
    tables: dict[str, Any] = {
        "sections": SECTIONS,
        "questions": [
            info("why", {"type": "text"}),
            info(
                "after", {"type": "yes_no"}, applies='unanswered("why")', applies_basis="stated: t"
            ),
        ],
    }
    old = resolve_edition(write_edition("old", **tables))
    new = resolve_edition(write_edition("new", **tables))
    case = old_case(why="Lives with a grandparent since May", after="Yes")
    [not_carried] = carry_case(case, walk(("after", "after", {})), old, new).not_carried
    assert not_carried.reason == (
        'does not apply in the case: unanswered("why") does not hold (why = "…")'
    )
