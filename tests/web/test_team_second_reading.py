"""Second reading in the store: blind, compared by the library, agreed answers kept apart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from inspectcore import Answer, Edition, Person, Registry, Store
from inspectcore._web.second_reading import (
    agreed_answers,
    blind_to,
    inspection_agreement,
    open_second_reading,
    readings,
    record_agreed,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "example"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as opened:
        opened.add_person("ida", "Ida Inspector", "inspector", "ida's password")
        opened.add_person("quinn", "Quinn Quality", "quality_lead", "quinn's password")
        yield opened


@pytest.fixture
def example(inspectcore_registry: Registry) -> Edition:
    return inspectcore_registry.load_edition("example")


def person(store: Store, username: str) -> Person:
    found = store.person(username)
    assert found is not None
    return found


def test_a_second_reading_is_blind_compared_and_agreed(store: Store, example: Edition) -> None:
    inspection = store.import_folder(EXAMPLE, by="ida")
    first = store.cases(inspection.id)[0]
    quinn = person(store, "quinn")
    second = open_second_reading(store, first, quinn)
    # Blind: the inspection facts, none of the answers; and the first reading is barred.
    assert second.reading == "second"
    assert second.assessment.context == first.assessment.context
    assert second.assessment.answers == ()
    assert blind_to(store, quinn, first)
    assert not blind_to(store, person(store, "ida"), first)
    assert open_second_reading(store, first, quinn) == second

    answers = [a for a in first.assessment.answers if a.question != "C 1"]
    given = second.assessment
    for answer in [*answers, Answer("C 1", "No")]:
        given = given.with_answer(answer)
    second = store.save(second.id, given, by="quinn", expected_version=second.version)
    found = readings(store, inspection.id)
    assert [c.reference for c in found.second] == [first.reference]
    result = inspection_agreement(example, found)
    [item] = result.disagreements
    assert (item.question, item.first, item.second) == ("C 1", "Yes", "No")

    agreed = record_agreed(store, first, item, "No", quinn)
    assert agreed.reading == "agreed"
    assert agreed.assessment.answer("C 1") == Answer("C 1", "No")
    assert agreed_answers(agreed, result.disagreements) == {0: "No"}
    # Both readings are kept as they were.
    assert store.case(first.id).assessment == first.assessment
    assert store.case(second.id).assessment == second.assessment


def test_an_inspector_does_not_read_their_own_case_again(store: Store) -> None:
    inspection = store.import_folder(EXAMPLE, by="ida")
    first = store.cases(inspection.id)[0]
    with pytest.raises(ValueError, match="its first reading is yours"):
        open_second_reading(store, first, person(store, "ida"))
    with pytest.raises(PermissionError):
        record_agreed(store, first, object(), "No", person(store, "ida"))  # type: ignore[arg-type]
