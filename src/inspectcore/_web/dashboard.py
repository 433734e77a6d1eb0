"""The lead's dashboard: cases by inspector and status, the figures and ratings as they
stand (the library's score of the complete cases), and the HTML report to download."""

from __future__ import annotations

import datetime as dt
import re

from starlette.responses import Response

from .._output.percent import percent_text
from .._output.report import render_report
from .._store.records import Role
from .progress import STATUSES, progress
from .second_reading import AGREEING
from .visit import Page, Visit

LEADS: frozenset[Role] = frozenset({"lead", "quality_lead", "admin"})
"""Who sees the dashboard."""


def dashboard(visit: Visit) -> Response:
    """``GET /inspections/{id}/dashboard``: progress and figures, live."""
    inspection = visit.inspection(visit.request.path_params["inspection_id"])
    edition = visit.edition_of(inspection)
    found = progress(edition, visit.store.cases(inspection.id))
    people = {p.username: p.display_name for p in visit.store.people()}
    figures = {f.id: f for f in found.score.key_questions}

    def title(section_id: str) -> str:
        # Standards and key questions by name, as the report shows them.
        section = edition.section(section_id)
        return section.title.en if section is not None and section.title is not None else ""

    return visit.render(
        "dashboard.html",
        inspection=inspection,
        edition=edition,
        found=found,
        statuses=STATUSES,
        people=people,
        figures=figures,
        percent=percent_text,
        title=title,
        rules=edition.rating,
        can_agree=visit.person.role in AGREEING,
    )


def report(visit: Visit) -> Response:
    """``GET /inspections/{id}/report.html``: the library's HTML report of the complete cases,
    as ``inspectcore report`` writes it, to download."""
    inspection = visit.inspection(visit.request.path_params["inspection_id"])
    edition = visit.edition_of(inspection)
    found = progress(edition, visit.store.cases(inspection.id))
    page = render_report(
        edition,
        found.score,
        generated=dt.date.today(),
        confidence=visit.site.registry.sample_confidence(edition.id),
        inspected=inspection.settings,
    )
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", inspection.name).strip("-") or "inspection"
    return Response(
        page,
        media_type="text/html; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}-report.html"',
            "Cache-Control": "no-store",
        },
    )


PAGES = (
    Page("/inspections/{inspection_id:int}/dashboard", dashboard, name="dashboard", roles=LEADS),
    Page(
        "/inspections/{inspection_id:int}/report.html", report, name="dashboard_report", roles=LEADS
    ),
)
