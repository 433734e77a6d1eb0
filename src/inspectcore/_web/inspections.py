"""The inspections a person may see, each with its cases, and starting a new case."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from starlette.exceptions import HTTPException
from starlette.responses import Response

from .._assessment.status import case_status
from .._cases.case import CaseAssessment, EditionRef
from .._cases.inspection_file import with_inspection_facts
from .._errors import AlreadyStoredError
from .visit import Page, Visit

if TYPE_CHECKING:
    from .._store.records import StoredCase, StoredInspection


def home(visit: Visit) -> Response:
    """``GET /``: the inspections this person has been given (every one, for an admin)."""
    shown = visit.store.inspections(visible_to=visit.username)
    return visit.render("home.html", inspections=shown)


def inspection_page(visit: Visit) -> Response:
    """``GET /inspections/{id}``: its cases with their status, and a form to start one."""
    inspection = visit.inspection(visit.request.path_params["inspection_id"])
    edition = visit.edition_of(inspection)
    rows = []
    for case in visit.store.cases(inspection.id):
        rows.append((case, case_status(visit.edition_for(case.assessment), case.assessment)))

    return visit.render(
        "inspection.html",
        inspection=inspection,
        edition=edition,
        rows=rows,
        error=visit.request.query_params.get("error", ""),
    )


def start_case(visit: Visit, inspection: StoredInspection, reference: str) -> StoredCase:
    """Add a new case (first reading) with ``reference`` to the inspection, for the page and
    the API alike: it takes the inspection's facts, as ``new-case`` takes those of
    inspection.toml, and the signed-in person as its assessor and assignee.

    A reference is trimmed and its inner spaces folded; an empty or unprintable one is
    refused (400), and one already used in the inspection (409).
    """
    edition = visit.edition_of(inspection)
    reference = " ".join(reference.split())
    if not reference or not reference.isprintable():
        raise HTTPException(400, "A case needs a reference (printable text).")
    taken = HTTPException(409, f"This inspection already has a case {reference!r}.")
    if any(c.assessment.case == reference for c in visit.store.cases(inspection.id)):
        raise taken
    case = CaseAssessment(
        edition=EditionRef(edition.id, edition.version),
        case=reference,
        extensions=list(edition.extensions),
        assessor=visit.person.display_name,
    )
    if inspection.settings is not None:
        known = {f.id for f in edition.facts}
        shared = attrs.evolve(
            inspection.settings,
            context=tuple((k, v) for k, v in inspection.settings.context if k in known),
        )
        case, _ = with_inspection_facts(case, shared)
    try:
        return visit.store.add_case(
            inspection.id, case, by=visit.username, assigned_to=visit.username
        )
    except AlreadyStoredError:  # the same reference added by someone else a moment ago
        raise taken from None


def new_case(visit: Visit) -> Response:
    """``POST /inspections/{id}/cases``: a new case with the reference given (see
    :func:`start_case`), then its page."""
    inspection = visit.inspection(visit.request.path_params["inspection_id"])
    stored = start_case(visit, inspection, visit.field("reference"))
    return visit.redirect("case_page", case_id=stored.id)


PAGES = (
    Page("/", home, name="home"),
    Page("/inspections/{inspection_id:int}", inspection_page, name="inspection_page"),
    Page("/inspections/{inspection_id:int}/cases", new_case, ("POST",), name="new_case"),
)
