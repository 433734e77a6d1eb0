"""The store's tables (SQLAlchemy Core). The migrations under ``migrations/`` create
exactly these; a test compares the two.

JSON is kept as text, not as a JSON column: PostgreSQL's jsonb reorders keys, and a
case file's answers must come back in their order. Times are UTC, stored without an
offset (SQLite has no type for one) and read back as aware UTC times.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "pk": "pk_%(table_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
    }
)

people = sa.Table(
    "people",
    metadata,
    sa.Column("username", sa.String(200), primary_key=True),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("password_hash", sa.String(200), nullable=False),
)

inspections = sa.Table(
    "inspections",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("edition", sa.String(100), nullable=False),
    sa.Column("extensions", sa.Text, nullable=False),
    sa.Column("settings", sa.Text, nullable=True),
    # The inspection file's text as imported, kept only when writing the settings back
    # would not give the same bytes (a hand-written file's comments, say).
    sa.Column("settings_text", sa.Text, nullable=True),
)

grants = sa.Table(
    "grants",
    metadata,
    sa.Column("username", sa.String(200), sa.ForeignKey("people.username"), primary_key=True),
    sa.Column("inspection_id", sa.Integer, sa.ForeignKey("inspections.id"), primary_key=True),
)

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("username", sa.String(200), sa.ForeignKey("people.username"), nullable=False),
    sa.Column("csrf_token", sa.String(100), nullable=False),
    sa.Column("expires_at", sa.DateTime, nullable=False),
)

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    # Tokens for systems that call the JSON API: kept, like sessions, only as a hash.
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("username", sa.String(200), sa.ForeignKey("people.username"), nullable=False),
    sa.Column("label", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("expires_at", sa.DateTime, nullable=False),
    # Set on revocation; the row stays, so that the list still shows what the token was.
    sa.Column("revoked_at", sa.DateTime, nullable=True),
)

signin_failures = sa.Table(
    "signin_failures",
    metadata,
    # Failed sign-ins by username, known to the store or not (no foreign key: a lock must
    # not reveal whether a name exists). Kept in the store so that every server process
    # counts the same attempts.
    sa.Column("username", sa.String(200), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("first_failed_at", sa.DateTime, nullable=False),
    sa.Column("locked_until", sa.DateTime, nullable=True),
)

cases = sa.Table(
    "cases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("inspection_id", sa.Integer, sa.ForeignKey("inspections.id"), nullable=False),
    sa.Column("reference", sa.String(200), nullable=False),
    sa.Column("reading", sa.String(10), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    # The current state, the case file's data as JSON: what every version's changes lead to.
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("assigned_to", sa.String(200), sa.ForeignKey("people.username"), nullable=True),
    sa.Column("updated_by", sa.String(200), nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    # The file's path inside the inspection's folder, for export; and its text as imported,
    # kept (until the first save) only when writing the case would not give the same bytes.
    sa.Column("file_name", sa.String(500), nullable=False),
    sa.Column("file_text", sa.Text, nullable=True),
    sa.UniqueConstraint("inspection_id", "reference", "reading"),
)

changes = sa.Table(
    "changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("question", sa.String(200), nullable=True),
    sa.Column("field", sa.String(100), nullable=False),
    sa.Column("before", sa.Text, nullable=True),
    sa.Column("after", sa.Text, nullable=True),
    sa.Column("by", sa.String(200), nullable=False),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Index(None, "case_id", "version"),
)
