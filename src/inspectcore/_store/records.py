"""What the store hands out: people, inspections, cases and changes, as frozen values."""

from __future__ import annotations

import datetime as dt
from typing import Literal, TypeAlias

import attrs

from .._cases.case import CaseAssessment
from .._cases.inspection_file import InspectionFile

Role: TypeAlias = Literal["inspector", "lead", "quality_lead", "admin"]
"""What a person may do: an inspector records cases, a lead watches the inspection, a
quality lead second-reads, an admin runs the store (and sees every inspection)."""
ROLES: tuple[Role, ...] = ("inspector", "lead", "quality_lead", "admin")

Reading: TypeAlias = Literal["first", "second", "agreed"]
"""Which reading of a case: the first, a blind second reading, or the answers agreed after."""
READINGS: tuple[Reading, ...] = ("first", "second", "agreed")


@attrs.frozen
class Person:
    """Someone who signs in to the store (never with the password, which only the store sees)."""

    username: str
    display_name: str
    role: Role


@attrs.frozen
class StoredInspection:
    """An inspection in the store: its cases share the edition, extensions and settings."""

    id: int
    name: str
    """Unique in the store, e.g. ``"carag2024-example"``."""
    edition: str
    extensions: tuple[str, ...]
    settings: InspectionFile | None
    """The inspection file's content (``inspection.toml``), when it has one."""


@attrs.frozen
class StoredCase:
    """One reading of one case as it now stands (or stood, from :meth:`Store.case_at`)."""

    id: int
    inspection_id: int
    reference: str
    """The case's reference (the case file's ``case``), unique per inspection and reading."""
    reading: Reading
    """A second reading is another stored case with the same reference."""
    version: int
    """1 when added, one more on every save: what a save must name to be accepted."""
    assessment: CaseAssessment
    """The library's own record: route, validate or score it as a case file's."""
    assigned_to: str | None
    """The username of the inspector it is assigned to."""
    updated_by: str
    updated_at: dt.datetime
    """When this version was saved (aware, UTC)."""
    file_name: str = ""
    """The case file's path inside the inspection's folder: what an export writes."""


@attrs.frozen
class CaseChange:
    """One row of a case's append-only history: one answer or field, before and after."""

    case_id: int
    version: int
    """The case version this change produced."""
    question: str | None
    """The question answered, or ``None`` for a case-level field (named by ``field``)."""
    before: object
    """The answer's (or field's) JSON-safe data before, ``None`` if it had none."""
    after: object
    """The data after; ``None`` when removed."""
    by: str
    at: dt.datetime
    """When the change was saved (aware, UTC)."""
    field: str = ""
    """For a case-level change, the case file's key (``assessor``, ``context``, ...); the
    answers' order is the field ``answers_order``. Empty for an answer."""


@attrs.frozen
class ApiToken:
    """A token a system sends to the JSON API (``Authorization: Bearer …``) to act as a
    person. The store keeps only its hash: the token itself is shown once, when made."""

    id: int
    username: str
    """The person it acts as, with their role and access."""
    label: str
    """What it is for, as given when it was made (may be empty)."""
    created_at: dt.datetime
    expires_at: dt.datetime
    """When it stops working (aware, UTC)."""
    revoked_at: dt.datetime | None = None
    """When it was revoked, or ``None``."""

    def valid_at(self, at: dt.datetime) -> bool:
        """Whether the token is accepted at ``at``: not revoked and not expired."""
        return self.revoked_at is None and at < self.expires_at


@attrs.frozen
class SignInThrottle:
    """How failed sign-ins lock a username: ``failures`` failures within ``within`` of the
    first lock further attempts for ``lock``, whatever their password."""

    failures: int = 5
    within: dt.timedelta = dt.timedelta(minutes=15)
    lock: dt.timedelta = dt.timedelta(minutes=15)
