"""The inspection store: cases, answers and their whole history in SQLite or PostgreSQL.

Everything here but :mod:`.records` needs the ``store`` extra (SQLAlchemy, Alembic,
argon2-cffi); :mod:`.records` needs nothing, so that code handling stored values runs
without it.
"""
