"""Cases in the store: versions, the append-only history, and any earlier state."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
import sqlalchemy as sa

from inspectcore import (
    AlreadyStoredError,
    Answer,
    CaseAssessment,
    EditionRef,
    InspectionFile,
    NotStoredError,
    StaleCaseError,
    Store,
)

STAMP = dt.datetime(2024, 7, 1, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def _case(reference: str = "C-1", *answers: Answer) -> CaseAssessment:
    return CaseAssessment(
        EditionRef("example", "1.0"),
        case=reference,
        context={"programme": "court"},
        answers=answers or (Answer("1", 12, answered_at=STAMP), Answer("2", ("a", "b"))),
        assessor="Ivan",
    )


def test_an_inspection_keeps_its_settings(store: Store) -> None:
    settings = InspectionFile(service="YJS", edition="example", context=(("country", "Wales"),))
    added = store.add_inspection("week 1", "example", ["wales"], settings)
    assert store.inspection(added.id) == added
    assert store.inspection_named("week 1") == added
    assert added.extensions == ("wales",)
    assert added.settings == settings
    with pytest.raises(AlreadyStoredError):
        store.add_inspection("week 1", "example")
    with pytest.raises(NotStoredError, match=r"no inspection named 'week 2' \(it has: 'week 1'\)"):
        store.inspection_named("week 2")
    with pytest.raises(LookupError):
        store.inspection(added.id + 1)


def test_a_case_comes_back_as_it_was_added(store: Store) -> None:
    inspection = store.add_inspection("week 1", "example")
    store.add_person("ivan", "Ivan", "inspector", "ivan's password")
    added = store.add_case(inspection.id, _case(), by="ivan", assigned_to="ivan")
    assert added.assessment == _case()
    assert added.assessment.answers[0].answered_at == STAMP
    assert str(added.assessment.answers[0].answered_at) == "2024-07-01 10:30:00+01:00"
    assert (added.version, added.reading, added.reference) == (1, "first", "C-1")
    assert (added.assigned_to, added.updated_by) == ("ivan", "ivan")
    assert added.updated_at.tzinfo == dt.UTC
    assert abs(added.updated_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    assert store.case(added.id) == added


def test_an_answer_time_without_offset_is_kept_so(store: Store) -> None:
    inspection = store.add_inspection("week 1", "example")
    naive = dt.datetime(2024, 7, 1, 10, 30, 5, 123456)
    added = store.add_case(inspection.id, _case("C-1", Answer("1", 3, answered_at=naive)), by="x")
    assert added.assessment.answers[0].answered_at == naive
    assert str(added.assessment.answers[0].answered_at) == "2024-07-01 10:30:05.123456"


def test_a_reference_and_reading_are_added_once(store: Store) -> None:
    inspection = store.add_inspection("week 1", "example")
    store.add_case(inspection.id, _case("C-2"), by="ivan")
    store.add_case(inspection.id, _case("C-1"), by="ivan")
    second = store.add_case(inspection.id, _case("C-1"), by="ann", reading="second")
    with pytest.raises(AlreadyStoredError, match="first reading of case 'C-1'"):
        store.add_case(inspection.id, _case("C-1"), by="ivan")
    with pytest.raises(ValueError, match="needs a reference"):
        store.add_case(inspection.id, _case(""), by="ivan")
    assert [c.reference for c in store.cases(inspection.id)] == ["C-1", "C-2"]
    assert store.cases(inspection.id, reading="second") == (second,)
    every = store.cases(inspection.id, reading=None)
    assert [(c.reference, c.reading) for c in every] == [
        ("C-1", "first"),
        ("C-1", "second"),
        ("C-2", "first"),
    ]


def test_a_save_moves_the_version_and_appends_one_change_per_difference(store: Store) -> None:
    inspection = store.add_inspection("week 1", "example")
    added = store.add_case(inspection.id, _case(), by="ivan")
    first_history = store.history(added.id)
    assert [(c.version, c.question, c.field) for c in first_history] == [
        (1, "1", ""),
        (1, "2", ""),
        (1, None, "edition"),
        (1, None, "edition_version"),
        (1, None, "case"),
        (1, None, "assessor"),
        (1, None, "context"),
    ]
    assert first_history[0].after == {"value": 12, "answered_at": "2024-07-01T10:30:00+01:00"}
    changed = attrs.evolve(
        added.assessment.with_answer(Answer("1", 13, note="recounted")), assessor="Ann"
    )
    saved = store.save(added.id, changed, by="ann", expected_version=1)
    assert (saved.version, saved.updated_by, saved.assessment) == (2, "ann", changed)
    history = store.history(added.id)
    assert history[: len(first_history)] == first_history  # nothing is rewritten
    later = history[len(first_history) :]
    assert [(c.version, c.question, c.field, c.by) for c in later] == [
        (2, "1", "", "ann"),
        (2, None, "assessor", "ann"),
    ]
    assert later[0].before == {"value": 12, "answered_at": "2024-07-01T10:30:00+01:00"}
    assert later[0].after == {"value": 13, "note": "recounted"}
    assert (later[1].before, later[1].after) == ("Ivan", "Ann")


def test_saving_an_unchanged_case_changes_nothing(store: Store) -> None:
    inspection = store.add_inspection("week 1", "example")
    added = store.add_case(inspection.id, _case(), by="ivan")
    assert store.save(added.id, _case(), by="ann", expected_version=1) == added
    assert len(store.history(added.id)) == 7


def test_a_stale_save_is_refused_with_the_case_as_it_stands(store: Store) -> None:
    inspection = store.add_inspection("week 1", "example")
    added = store.add_case(inspection.id, _case(), by="ivan")
    first = store.save(
        added.id, added.assessment.with_answer(Answer("1", 1)), by="ivan", expected_version=1
    )
    with pytest.raises(StaleCaseError, match="version 2, not 1: it was saved by ivan") as caught:
        store.save(
            added.id, added.assessment.with_answer(Answer("2", "x")), by="ann", expected_version=1
        )
    assert caught.value.current == first
    assert isinstance(caught.value, ValueError)
    assert store.case(added.id) == first
    assert all(c.by == "ivan" for c in store.history(added.id))


def test_every_earlier_state_is_rebuilt_from_the_history(store: Store) -> None:
    inspection = store.add_inspection("week 1", "example")
    states = [_case()]
    states.append(states[-1].with_answer(Answer("3", "Yes")))
    states.append(attrs.evolve(states[-1], answers=states[-1].answers[1:]))  # "1" removed
    states.append(attrs.evolve(states[-1], answers=states[-1].answers[::-1]))  # reordered
    states.append(attrs.evolve(states[-1], context={}, assessor="", extensions=()))
    states.append(states[-1].with_answer(Answer("1", 12, answered_at=STAMP)))
    added = store.add_case(inspection.id, states[0], by="ivan")
    for version, state in enumerate(states[1:], start=1):
        store.save(added.id, state, by=f"person {version}", expected_version=version)
    for version, state in enumerate(states, start=1):
        then = store.case_at(added.id, version)
        assert then.assessment == state, version
        assert then.version == version
        assert then.updated_by == ("ivan" if version == 1 else f"person {version - 1}")
    assert store.case_at(added.id, len(states)) == store.case(added.id)
    orders = [c for c in store.history(added.id) if c.field == "answers_order"]
    assert [(c.version, c.before, c.after) for c in orders] == [(4, ["2", "3"], ["3", "2"])]
    with pytest.raises(NotStoredError, match="versions 1 to 6, not 7"):
        store.case_at(added.id, 7)


def test_each_answer_is_kept_with_who_gave_it_and_when(store: Store) -> None:
    inspection = store.add_inspection("week 1", "example")
    added = store.add_case(inspection.id, _case(), by="ivan")
    first = store.answer_authors(added.id)
    assert list(first) == ["1", "2"]
    assert {who for who, _ in first.values()} == {"ivan"}
    changed = added.assessment.with_answer(Answer("2", "z")).with_answer(Answer("3", 1))
    store.save(added.id, changed, by="olga", expected_version=1)
    authors = store.answer_authors(added.id)
    assert [(q, who) for q, (who, _) in authors.items()] == [
        ("1", "ivan"),
        ("2", "olga"),
        ("3", "olga"),
    ]
    assert authors["1"] == first["1"]
    assert authors["2"][1] > first["2"][1]
    assert authors["2"][1].tzinfo == dt.UTC
    removed = attrs.evolve(changed, answers=changed.answers[1:])
    store.save(added.id, removed, by="ann", expected_version=2)
    assert list(store.answer_authors(added.id)) == ["2", "3"]


def test_history_rows_are_never_updated(store_url: str) -> None:
    with Store.open(store_url) as store:
        inspection = store.add_inspection("week 1", "example")
        added = store.add_case(inspection.id, _case(), by="ivan")
        engine = sa.create_engine(
            sa.make_url(store_url).set(
                drivername="sqlite" if store_url.startswith("sqlite") else "postgresql+psycopg"
            )
        )
        with engine.connect() as connection:
            before = connection.exec_driver_sql("SELECT * FROM changes ORDER BY id").all()
        for version in range(1, 4):
            store.save(
                added.id,
                _case().with_answer(Answer("1", version)),
                by="ivan",
                expected_version=version,
            )
        with engine.connect() as connection:
            after = connection.exec_driver_sql("SELECT * FROM changes ORDER BY id").all()
        engine.dispose()
    assert after[: len(before)] == before
    assert len(after) == len(before) + 3


def test_unknown_cases_are_lookup_errors(store: Store) -> None:
    with pytest.raises(NotStoredError, match="no case with id 5"):
        store.case(5)
    with pytest.raises(LookupError):
        store.history(5)
    with pytest.raises(LookupError):
        store.save(5, _case(), by="ivan", expected_version=1)
    with pytest.raises(LookupError):
        store.cases(5)
    with pytest.raises(NotStoredError, match="no person named 'olga'"):
        store.add_case(store.add_inspection("w", "example").id, _case(), by="x", assigned_to="olga")
