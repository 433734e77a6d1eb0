"""The route table: every page of the app, by module (add a module's ``PAGES`` here)."""

from __future__ import annotations

from . import api, auth, dashboard, inspections, reading_pages, recording
from .visit import Page

PAGES: tuple[Page, ...] = (
    *auth.PAGES,
    *inspections.PAGES,
    *recording.PAGES,
    *dashboard.PAGES,
    *reading_pages.PAGES,
    *api.PAGES,
)
"""Every page that needs a session, wrapped by the app with the sign-in, role and CSRF checks."""
