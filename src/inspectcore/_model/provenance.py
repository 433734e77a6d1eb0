"""Where a rule or option comes from: stated in the document, inferred, or derived."""

from __future__ import annotations

import enum

import attrs


class Basis(enum.Enum):
    """How a rule or option is grounded in its source document."""

    STATED = "stated"
    """The document says it; the note says where (and quotes it)."""
    INFERRED = "inferred"
    """The document implies it; the note says why we believe so."""
    DERIVED = "derived"
    """The document lacks it (e.g. a drop-down list); built from what it gives."""
    DEFAULT = "default"
    """Nothing was recorded: an engine default (lint warns about these in edition data)."""


@attrs.frozen
class Provenance:
    """The basis of a rule or option and a note saying where or why."""

    basis: Basis
    note: str = ""

    @classmethod
    def parse(cls, text: str) -> Provenance:
        """Parse the data form ``"stated: p. 12, 'only if…'"``.

        Raises ``ValueError`` when the text does not start with a known basis.
        """
        head, sep, note = text.partition(":")
        try:
            basis = Basis(head.strip().lower())
        except ValueError:
            basis = Basis.DEFAULT
        if basis is Basis.DEFAULT:  # "default" is the engine's, never written in data
            raise ValueError(
                f"provenance must start with 'stated:', 'inferred:' or 'derived:', got {text!r}"
            ) from None
        if not sep or not note.strip():
            raise ValueError(f"provenance {text!r} needs a note after the colon")
        return cls(basis, note.strip())

    def __str__(self) -> str:
        return f"{self.basis.value}: {self.note}" if self.note else self.basis.value


UNRECORDED = Provenance(Basis.DEFAULT, "")
