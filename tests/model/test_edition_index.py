"""Edition lookups answered from indexes built with the edition give what a scan gives."""

from __future__ import annotations

import attrs

from inspectcore import Kind, resolve_edition


def test_a_kind_is_the_first_of_its_id_and_an_unknown_one_a_bare_default() -> None:
    edition = resolve_edition("carag2024")
    for kind in edition.kinds:
        assert edition.kind(kind.id) == next(k for k in edition.kinds if k.id == kind.id)
    first = edition.kinds[0]
    twice = attrs.evolve(edition, kinds=(first, attrs.evolve(first, sufficient=("other",))))
    assert twice.kind(first.id) is first
    assert edition.kind("no-such-kind") == Kind("no-such-kind")
