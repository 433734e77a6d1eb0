"""The exceptions inspectcore raises: one root, and subclasses that match builtins."""

from __future__ import annotations

from typing import Any


class InspectcoreError(Exception):
    """Root of every error inspectcore raises on purpose.

    Catch this to handle any problem with user input, edition data or plugins.
    """


class UnknownEditionError(InspectcoreError, LookupError):
    """No installed plugin registers an edition (or extension) with that id."""


class UnknownQuestionError(InspectcoreError, LookupError):
    """The edition has no question with that id."""


class EditionDataError(InspectcoreError, ValueError):
    """An edition's or extension's TOML data is malformed or fails its lint.

    ``problems`` holds one line per problem, each naming the file and the place.
    """

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message if not problems else f"{message}\n" + "\n".join(problems))
        self.problems = problems


class ConditionSyntaxError(InspectcoreError, ValueError):
    """An applicability condition is not valid in the condition language."""

    def __init__(self, source: str, position: int, expected: str) -> None:
        shown = source
        if len(source) > 80:  # a page-long condition would drown the message
            start = max(0, position - 40)
            shown = f"{'…' if start else ''}{source[start : start + 80]}…"
        super().__init__(f"in condition {shown!r} at column {position + 1}: expected {expected}")
        self.source = source
        self.position = position
        self.expected = expected


class CaseFileError(InspectcoreError, ValueError):
    """A case file cannot be read: bad syntax or a shape the case format does not allow."""

    def __init__(self, path: str, problems: tuple[str, ...]) -> None:
        super().__init__(f"{path}: " + "; ".join(problems))
        self.path = path
        self.problems = problems


class PluginError(InspectcoreError, RuntimeError):
    """A plugin failed to import or returned bad data (raised only when failures are fatal)."""


class MissingExtensionError(InspectcoreError, LookupError):
    """A case was assessed with an extension that is not installed here."""


class CrosswalkDataError(InspectcoreError, ValueError):
    """A crosswalk's TOML data is malformed.

    ``problems`` holds one line per problem, each naming the file and the place.
    """

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message if not problems else f"{message}\n" + "\n".join(problems))
        self.problems = problems


class UnknownCrosswalkError(InspectcoreError, LookupError):
    """No installed plugin registers a crosswalk between the two editions, in either direction."""


class CarryError(InspectcoreError, ValueError):
    """A case cannot be carried across: it was not assessed under the crosswalk's edition."""


class SourceLocationError(InspectcoreError, LookupError):
    """A question's source lines cannot be shown.

    It records no location, its edition or extension ships no source document, or the
    location names no line of that document.
    """


class OutputPathError(InspectcoreError, ValueError):
    """An output path would overwrite one of the command's inputs, or a case file.

    Nothing is written when this is raised.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class WriteError(InspectcoreError, OSError):
    """Writing a file failed (no space, no permission, a read-only disk...).

    ``filename`` is the file that was being written, never the temporary file
    beside it; the old file (if any) is whole, and no temporary is left behind.
    """

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


class CaseLockedError(InspectcoreError, RuntimeError):
    """Another session holds the lock on a case file."""


class CaseChangedError(InspectcoreError, RuntimeError):
    """A case file changed on disk since it was read, in a way that conflicts with a save.

    Nothing was written. ``conflicts`` names the answers (or facts, or fields)
    changed both on disk and in the session; empty when the file on disk cannot be
    read at all (``reason`` says why).
    """

    def __init__(self, path: str, reason: str, conflicts: tuple[str, ...] = ()) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.conflicts = conflicts


class FrameworkDataError(InspectcoreError, ValueError):
    """An inspection framework's TOML data is malformed.

    ``problems`` holds one line per problem, each naming the file and the place.
    """

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message if not problems else f"{message}\n" + "\n".join(problems))
        self.problems = problems


class UnknownFrameworkError(InspectcoreError, LookupError):
    """No installed plugin registers an inspection framework with that id."""


class CaseloadError(InspectcoreError, ValueError):
    """A caseload list (CSV) cannot be sampled: a bad row, a missing column, too few cases.

    The message names the file and the line.
    """


class StoreError(InspectcoreError, RuntimeError):
    """The inspection store cannot be used: a bad URL, a server out of reach, a database
    made by newer code, or its optional dependencies not installed (the message says
    which pip command installs them)."""


class NotStoredError(InspectcoreError, LookupError):
    """The store holds no inspection, case or person by that id or name."""


class AlreadyStoredError(InspectcoreError, ValueError):
    """The store holds one already: an inspection's name, a person's username, or a case's
    reference and reading in its inspection. Nothing was added."""


class SignInLockedError(InspectcoreError, PermissionError):
    """Sign-in is refused for a while: too many failed attempts for that username.

    Raised whatever the password given, and for a username the store does not hold as for
    one it does, so that it reveals neither. ``until`` is when attempts are taken again
    (aware, UTC).
    """

    def __init__(self, until: Any) -> None:
        super().__init__(
            f"too many failed sign-ins for this username: try again after {until:%H:%M} UTC"
        )
        self.until: Any = until


class StaleCaseError(InspectcoreError, ValueError):
    """A save was refused: the case was saved by someone else since the version it started from.

    Nothing was written. ``current`` is the case as it now stands (a
    :class:`~inspectcore.StoredCase`), to show the person whose save was refused.
    """

    def __init__(self, current: Any, expected_version: int) -> None:
        super().__init__(
            f"case {current.reference!r} is at version {current.version}, not "
            f"{expected_version}: it was saved by {current.updated_by} since; "
            "nothing was saved"
        )
        self.current: Any = current
        self.expected_version = expected_version


class ImportRefusedError(InspectcoreError, ValueError):
    """A folder of case files was not imported into the store: nothing of it was.

    ``problems`` holds one line per problem, each naming the file.
    """

    def __init__(self, folder: str, problems: tuple[str, ...]) -> None:
        super().__init__(f"{folder}: nothing was imported:\n" + "\n".join(problems))
        self.folder = folder
        self.problems = problems
