"""Source documents shipped with editions and extensions, and the lines a question cites.

An edition (or extension) may ship the plain text of the document it transcribes and name it
with ``source_file`` in its header; a question's ``location`` ("line 314", "lines 160-162",
"CAG v16 line 256") then points at lines of that file. The file is read only when asked for.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from .._errors import SourceLocationError
from .._model.documents import SourceDocument

if TYPE_CHECKING:
    from .._model.edition import Edition, Question

_LINES = re.compile(r"\blines?\s+(\d+)(?:\s*[-–]\s*(\d+))?")


@attrs.frozen
class SourceLine:
    """One numbered line of a source document."""

    number: int
    text: str
    cited: bool
    """Whether the question's location names this line (otherwise it is context)."""


@attrs.frozen
class SourceExcerpt:
    """The lines of its source document that a question's ``location`` points at."""

    edition: str
    question: str
    location: str
    document: SourceDocument
    first: int
    """The first line the location names."""
    last: int
    """The last line the location names (``first`` for a single line)."""
    lines: tuple[SourceLine, ...]
    """The cited lines with the context asked for around them, in order."""

    @property
    def cited(self) -> str:
        """The cited lines' text, joined by newlines."""
        return "\n".join(line.text for line in self.lines if line.cited)


def cited_lines(location: str) -> tuple[int, int] | None:
    """``(first, last)`` for a location such as "line 314" or "lines 160-162"; else ``None``."""
    match = _LINES.search(location)
    if match is None:
        return None
    first = int(match.group(1))
    return first, int(match.group(2) or first)


def source_document(edition: Edition, question: Question) -> SourceDocument | None:
    """The document ``question``'s location refers to: the one its edition or extension ships."""
    return next((d for d in edition.documents if d.origin == question.origin), None)


def source_lines(edition: Edition, question: Question | str, context: int = 3) -> SourceExcerpt:
    """The lines of the source document that ``question``'s ``location`` points at.

    ``context`` lines before and after are included (fewer at the ends of the file). Raises
    :class:`SourceLocationError` when the question records no location, the edition or
    extension it comes from ships no source document, or the location is not in it.
    """
    if isinstance(question, str):
        question = edition.question(question)
    if context < 0:
        raise ValueError(f"context must not be negative, not {context}")
    where = f"{edition.id} {question.id}"
    if not question.location:
        raise SourceLocationError(f"no source location recorded for {where}")
    document = source_document(edition, question)
    if document is None:
        raise SourceLocationError(
            f"no source document shipped for {where}: {question.origin!r} declares no "
            f"source_file (its location is {question.location!r})"
        )
    cited = cited_lines(question.location)
    if cited is None:
        raise SourceLocationError(
            f"the location of {where}, {question.location!r}, names no line of {document.path}"
        )
    first, last = cited
    text = document.lines()
    if not 1 <= first <= last <= len(text):
        raise SourceLocationError(
            f"the location of {where}, {question.location!r}, is outside {document.path} "
            f"({len(text)} lines)"
        )
    start, end = max(1, first - context), min(len(text), last + context)
    return SourceExcerpt(
        edition=edition.id,
        question=question.id,
        location=question.location,
        document=document,
        first=first,
        last=last,
        lines=tuple(
            SourceLine(number, text[number - 1], first <= number <= last)
            for number in range(start, end + 1)
        ),
    )
