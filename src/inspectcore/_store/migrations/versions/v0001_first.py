"""The first store: people, sessions, inspections, cases and their history.

Revision ID: 0001
Revises:
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("username", sa.String(200), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("username", name="pk_people"),
    )
    op.create_table(
        "inspections",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("edition", sa.String(100), nullable=False),
        sa.Column("extensions", sa.Text, nullable=False),
        sa.Column("settings", sa.Text, nullable=True),
        sa.Column("settings_text", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_inspections"),
        sa.UniqueConstraint("name", name="uq_inspections_name"),
    )
    op.create_table(
        "grants",
        sa.Column("username", sa.String(200), nullable=False),
        sa.Column("inspection_id", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(
            ["username"], ["people.username"], name="fk_grants_username_people"
        ),
        sa.ForeignKeyConstraint(
            ["inspection_id"], ["inspections.id"], name="fk_grants_inspection_id_inspections"
        ),
        sa.PrimaryKeyConstraint("username", "inspection_id", name="pk_grants"),
    )
    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("username", sa.String(200), nullable=False),
        sa.Column("csrf_token", sa.String(100), nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.ForeignKeyConstraint(
            ["username"], ["people.username"], name="fk_sessions_username_people"
        ),
        sa.PrimaryKeyConstraint("token_hash", name="pk_sessions"),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("inspection_id", sa.Integer, nullable=False),
        sa.Column("reference", sa.String(200), nullable=False),
        sa.Column("reading", sa.String(10), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("assigned_to", sa.String(200), nullable=True),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("file_text", sa.Text, nullable=True),
        sa.ForeignKeyConstraint(
            ["inspection_id"], ["inspections.id"], name="fk_cases_inspection_id_inspections"
        ),
        sa.ForeignKeyConstraint(
            ["assigned_to"], ["people.username"], name="fk_cases_assigned_to_people"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_cases"),
        sa.UniqueConstraint(
            "inspection_id",
            "reference",
            "reading",
            name="uq_cases_inspection_id_reference_reading",
        ),
    )
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("question", sa.String(200), nullable=True),
        sa.Column("field", sa.String(100), nullable=False),
        sa.Column("before", sa.Text, nullable=True),
        sa.Column("after", sa.Text, nullable=True),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_changes_case_id_cases"),
        sa.PrimaryKeyConstraint("id", name="pk_changes"),
    )
    op.create_index("ix_changes_case_id_version", "changes", ["case_id", "version"])


def downgrade() -> None:
    for table in ("changes", "cases", "sessions", "grants", "inspections", "people"):
        op.drop_table(table)
