"""The store: one object over a SQLite file or a PostgreSQL database, one transaction a call."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import pathlib
from collections.abc import Callable, Iterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING

from .._cases.case import CaseAssessment
from .._cases.inspection_file import InspectionFile
from .._errors import AlreadyStoredError
from .extras import missing_extra
from .records import (
    ApiToken,
    CaseChange,
    Person,
    Reading,
    Role,
    SignInThrottle,
    StoredCase,
    StoredInspection,
)

try:
    import sqlalchemy as sa

    from . import cases as _cases
    from . import files as _files
    from . import inspections as _inspections
    from . import people as _people
    from . import sessions as _sessions
    from . import signins as _signins
    from . import tokens as _tokens
    from .engine import READ_ONLY, create_engine, migrate, unreachable
except ModuleNotFoundError as exc:  # the `store` extra is not installed
    raise missing_extra(exc) from None

if TYPE_CHECKING:
    from typing import Self


class Store:
    """An inspection store: people, inspections, their cases, and every change to them.

    Open one with :meth:`open`; each call is one transaction. Safe to share between
    threads (each call takes a connection of its own from the pool).
    """

    def __init__(self, engine: sa.Engine, url: str | None = None) -> None:
        """Use :meth:`open`, which migrates the database first."""
        self._engine = engine
        self.url: str = sa.make_url(url or engine.url).render_as_string(hide_password=True)
        """The store's URL as given, without its password."""

    @classmethod
    def open(cls, url: str) -> Store:
        """Open the store at ``url`` (``sqlite:///FILE``, created if missing, or
        ``postgresql://…``), migrating it to this code's schema; a database made by
        newer code, a bad URL or a server out of reach is a :class:`StoreError`."""
        engine = create_engine(url)
        try:
            migrate(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, url)

    def close(self) -> None:
        """Close every connection."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @contextlib.contextmanager
    def _transaction(self, *, writes: bool = True) -> Iterator[sa.Connection]:
        try:
            with self._engine.connect() as connection:
                if not writes:
                    connection = connection.execution_options(**{READ_ONLY: True})
                with connection.begin():
                    yield connection
        except sa.exc.IntegrityError as exc:
            # Two people adding the same thing at once: the second finds it taken.
            raise AlreadyStoredError(f"already in the store: {exc.orig}") from None
        except sa.exc.OperationalError as exc:
            raise unreachable(self._engine, exc) from None

    # -- people and access ---------------------------------------------------------------

    def add_person(self, username: str, display_name: str, role: Role, password: str) -> Person:
        """Add a person who can sign in; the password is kept only as its argon2 hash."""
        with self._transaction() as c:
            return _people.add_person(c, username, display_name, role, password)

    def person(self, username: str) -> Person | None:
        """The person with that username, or ``None``."""
        with self._transaction(writes=False) as c:
            return _people.find_person(c, username)

    def check_password(self, username: str, password: str) -> Person | None:
        """The person if the password is theirs, else ``None`` (as slow for unknown names)."""
        with self._transaction() as c:
            return _people.check_password(c, username, password)

    def sign_in(
        self, username: str, password: str, *, throttle: SignInThrottle | None = None
    ) -> Person | None:
        """As :meth:`check_password`, counting failures per username: once
        ``throttle.failures`` have failed within ``throttle.within``, every attempt for that
        username, whatever its password and whether or not the name exists, raises
        :class:`SignInLockedError` for ``throttle.lock``. A success clears the count.
        ``throttle`` defaults to :class:`SignInThrottle`'s (5 within 15 minutes, 15 minutes
        locked)."""
        throttle = throttle or SignInThrottle()
        try:
            with self._transaction() as c:
                return _signins.sign_in(c, username, password, throttle)
        except AlreadyStoredError:
            # Another process counted this name's first failure at the same moment: count
            # this one on top of it.
            with self._transaction() as c:
                return _signins.sign_in(c, username, password, throttle)

    def people(self) -> tuple[Person, ...]:
        """Everyone, by username."""
        with self._transaction(writes=False) as c:
            return _people.all_people(c)

    def grant(self, username: str, inspection_id: int) -> None:
        """Let a person see an inspection."""
        with self._transaction() as c:
            _inspections.find_inspection(c, inspection_id)
            _people.grant(c, username, inspection_id)

    def can_access(self, username: str, inspection_id: int) -> bool:
        """Whether the person may see the inspection (an admin may see every one)."""
        with self._transaction(writes=False) as c:
            return _people.can_access(c, username, inspection_id)

    # -- sessions ------------------------------------------------------------------------

    def open_session(self, username: str, *, lifetime: dt.timedelta) -> tuple[str, str]:
        """A new session: (session token for the cookie, CSRF token for the forms)."""
        with self._transaction() as c:
            return _sessions.open_session(c, username, lifetime)

    def session(self, token: str) -> tuple[Person, str] | None:
        """(person, CSRF token) while the session is valid, else ``None``."""
        with self._transaction(writes=False) as c:
            return _sessions.find_session(c, token)

    def end_session(self, token: str) -> None:
        """End a session (sign out)."""
        with self._transaction() as c:
            _sessions.end_session(c, token)

    # -- API tokens ----------------------------------------------------------------------

    def add_token(
        self, username: str, *, lifetime: dt.timedelta, label: str = ""
    ) -> tuple[ApiToken, str]:
        """A new API token acting as the person: (its record, the token). The token is
        returned only here: the store keeps its hash."""
        with self._transaction() as c:
            return _tokens.add_token(c, username, lifetime, label)

    def tokens(self) -> tuple[ApiToken, ...]:
        """Every API token (never the token itself), revoked and expired ones too."""
        with self._transaction(writes=False) as c:
            return _tokens.all_tokens(c)

    def revoke_token(self, token_id: int) -> ApiToken:
        """Revoke an API token by its id (:class:`NotStoredError` if none): it is refused
        from now on."""
        with self._transaction() as c:
            return _tokens.revoke_token(c, token_id)

    def token_person(self, token: str) -> Person | None:
        """The person an API token acts as, while it is valid (else ``None``)."""
        with self._transaction(writes=False) as c:
            return _tokens.token_person(c, token)

    # -- inspections and cases -----------------------------------------------------------

    def add_inspection(
        self,
        name: str,
        edition: str,
        extensions: Sequence[str] = (),
        settings: InspectionFile | None = None,
    ) -> StoredInspection:
        """Add an inspection (its name unique in the store)."""
        with self._transaction() as c:
            return _inspections.add_inspection(c, name, edition, extensions, settings)

    def inspection(self, inspection_id: int) -> StoredInspection:
        """The inspection with that id (:class:`NotStoredError` if none)."""
        with self._transaction(writes=False) as c:
            return _inspections.find_inspection(c, inspection_id)

    def inspection_named(self, name: str) -> StoredInspection:
        """The inspection with that name (:class:`NotStoredError` if none)."""
        with self._transaction(writes=False) as c:
            return _inspections.inspection_named(c, name)

    def inspections(self, *, visible_to: str | None = None) -> tuple[StoredInspection, ...]:
        """Every inspection by name, or only those ``visible_to`` may see."""
        with self._transaction(writes=False) as c:
            return _inspections.all_inspections(c, visible_to)

    def add_case(
        self,
        inspection_id: int,
        assessment: CaseAssessment,
        *,
        by: str,
        reading: Reading = "first",
        assigned_to: str | None = None,
    ) -> StoredCase:
        """Add a case (version 1); refuse a second one of the same reference and reading."""
        with self._transaction() as c:
            return _cases.add_case(
                c, inspection_id, assessment, by=by, reading=reading, assigned_to=assigned_to
            )

    def cases(
        self, inspection_id: int, *, reading: Reading | None = "first"
    ) -> tuple[StoredCase, ...]:
        """The inspection's cases of one reading (``None``: every reading), by reference."""
        with self._transaction(writes=False) as c:
            return _cases.inspection_cases(c, inspection_id, reading)

    def case(self, case_id: int) -> StoredCase:
        """The case as it now stands (:class:`NotStoredError` if none)."""
        with self._transaction(writes=False) as c:
            return _cases.find_case(c, case_id)

    def save(
        self, case_id: int, assessment: CaseAssessment, *, by: str, expected_version: int
    ) -> StoredCase:
        """Save the case's new state, if it is still at ``expected_version``; else raise
        :class:`StaleCaseError` with the case as it now stands, and write nothing.

        One change is recorded per answer or field that differs; saving an unchanged
        case changes nothing (not even the version).
        """
        with self._transaction() as c:
            return _cases.save(c, case_id, assessment, by=by, expected_version=expected_version)

    def history(self, case_id: int) -> tuple[CaseChange, ...]:
        """Every change to the case, in the order saved."""
        with self._transaction(writes=False) as c:
            return _cases.history(c, case_id)

    def answer_authors(self, case_id: int) -> dict[str, tuple[str, dt.datetime]]:
        """For each current answer of the case, by question (in the case's order): who gave
        it (the author of its last change) and when that was saved (aware, UTC)."""
        with self._transaction(writes=False) as c:
            return _cases.answer_authors(c, case_id)

    def case_at(self, case_id: int, version: int) -> StoredCase:
        """The case as it stood at ``version``, rebuilt from its history."""
        with self._transaction(writes=False) as c:
            return _cases.case_at(c, case_id, version)

    # -- files ---------------------------------------------------------------------------

    def import_folder(
        self,
        folder: str | os.PathLike[str],
        *,
        name: str | None = None,
        by: str,
        on_skip: Callable[[str], None] | None = None,
    ) -> StoredInspection:
        """Add the inspection in a folder of case files (named after the folder unless
        ``name`` is given): all of it, or nothing if any file is refused
        (:class:`ImportRefusedError` names each). ``on_skip`` is told, one line each, of
        the paths passed over (other files, hidden ones, links)."""
        found = _files.read_folder(folder, on_skip)
        with self._transaction() as c:
            return _files.add_folder(c, found, name=name, by=by)

    def export_folder(
        self, inspection_id: int, folder: str | os.PathLike[str], *, reading: Reading = "first"
    ) -> tuple[pathlib.Path, ...]:
        """Write the inspection's cases (and its inspection file) into ``folder``, which
        must be new or empty; the paths written, in order."""
        with self._transaction(writes=False) as c:
            planned = _files.plan_export(c, inspection_id, reading)
        return _files.write_export(planned, folder)
