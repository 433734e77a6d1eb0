"""The source document an edition or extension transcribes, as a record."""

from __future__ import annotations

from typing import Protocol

import attrs

from .._errors import SourceLocationError


class TextFile(Protocol):
    """A text file a plugin ships, named for messages (an ``inspectcore.DataFile``)."""

    @property
    def name(self) -> str:
        """The file as messages name it."""

    def read_text(self) -> str:
        """The file's text."""


@attrs.frozen
class SourceDocument:
    """The text of the document an edition or extension transcribes, as its plugin ships it."""

    origin: str
    """The edition or extension that declares it (a question's ``origin``)."""
    title: str
    """The document, as the header's ``source`` names it."""
    path: str
    """The header's ``source_file``: the file's path inside the data folder."""
    file: TextFile = attrs.field(repr=False)
    licence: str = ""
    copyright: str = ""
    distribution: str = ""
    """The distribution that ships the file, when known."""

    def lines(self) -> tuple[str, ...]:
        """The document's lines; line N of a ``location`` is ``lines()[N - 1]``."""
        try:
            return tuple(self.file.read_text().splitlines())
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceLocationError(f"{self.file.name}: cannot be read: {exc}") from None
