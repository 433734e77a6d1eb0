"""The compact table of case references: the first file of each, as a dictionary would say."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from inspectcore import CaseReferences


def test_a_reference_seen_before_names_its_first_file() -> None:
    references = CaseReferences()
    assert references.first_file("YJ-1", 0) is None
    assert references.first_file("YJ-2", 1) is None
    assert references.first_file("YJ-1", 2) == 0
    assert references.first_file("YJ-1", 3) == 0  # always the first, not the last
    assert references.first_file("yj-1", 4) is None  # references are compared exactly
    assert len(references) == 3


def test_the_table_grows_and_keeps_every_reference() -> None:
    references = CaseReferences()
    count = 5000  # several doublings of the table
    assert all(references.first_file(f"case {n}", n) is None for n in range(count))
    assert [references.first_file(f"case {n}", count + n) for n in range(count)] == list(
        range(count)
    )
    assert len(references) == count


@given(st.lists(st.text(max_size=6), max_size=300))
def test_it_agrees_with_a_dictionary(names: list[str]) -> None:
    references = CaseReferences()
    first: dict[str, int] = {}
    for position, name in enumerate(names):
        expected = first.setdefault(name, position)
        found = references.first_file(name, position)
        assert found == (None if expected == position else expected)
