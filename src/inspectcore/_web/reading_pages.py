"""The second reading's pages: cases to read again, opening one blind, the two readings
compared (the library's agreement) and the agreed answer recorded per disagreement."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.responses import Response

from .._output.agreement_formats import KAPPA_PLACES
from .._output.percent import percent_text
from .._store.records import Role
from .second_reading import (
    AGREEING,
    SECOND_READERS,
    agreed_answers,
    inspection_agreement,
    open_second_reading,
    other_reading,
    readings,
    record_agreed,
)
from .visit import Page, Visit

_AGREEING: frozenset[Role] = frozenset(AGREEING)
_READERS: frozenset[Role] = frozenset(SECOND_READERS)


def _kappa(value: object) -> str:
    return "-" if value is None else f"{float(value):.{KAPPA_PLACES}f}"  # type: ignore[arg-type]


def to_read_again(visit: Visit) -> Response:
    """``GET /inspections/{id}/second-reading``: the cases this person may read again
    (never their own), and the second readings they hold. No answer of a first reading
    is on the page."""
    inspection = visit.inspection(visit.request.path_params["inspection_id"])
    every = visit.store.cases(inspection.id, reading=None)
    seconds = {c.reference: c for c in every if c.reading == "second"}
    mine = [c for c in seconds.values() if c.assigned_to == visit.username]
    own = {visit.username}
    firsts = [
        c
        for c in every
        if c.reading == "first"
        and (visit.person.role != "inspector" or not own & {c.assigned_to, c.updated_by})
        and c.reference not in {m.reference for m in mine}
    ]
    return visit.render(
        "second_reading.html", inspection=inspection, firsts=firsts, seconds=seconds, mine=mine
    )


def read_again(visit: Visit) -> Response:
    """``POST /cases/{id}/second-reading``: open (or go back to) this person's second
    reading of the case, in the recording form."""
    try:
        first = visit.store.case(visit.request.path_params["case_id"])
    except LookupError:
        raise HTTPException(404, "There is no such case.") from None
    # Not visit.case: the first reading is hidden from its second reader, who comes here
    # to go back to their reading; access to the inspection is checked all the same.
    visit.inspection(first.inspection_id)
    if first.reading != "first":
        raise HTTPException(400, "Only a first reading is read again.")
    held = other_reading(visit.store, first, "second")
    if held is not None and held.assigned_to != visit.username:
        raise HTTPException(409, f"{first.reference} is being read again by someone else.")
    try:
        second = open_second_reading(visit.store, first, visit.person)
    except ValueError as exc:
        raise HTTPException(403, str(exc)) from None
    return visit.redirect("case_page", case_id=second.id)


def agreement_page(visit: Visit) -> Response:
    """``GET /inspections/{id}/agreement``: agreement per question, per key question and
    overall, and the disagreements, each with the answer agreed (or a form to agree it)."""
    inspection = visit.inspection(visit.request.path_params["inspection_id"])
    edition = visit.edition_of(inspection)
    found = readings(visit.store, inspection.id)
    result = inspection_agreement(edition, found)
    agreed = {c.reference: c for c in found.agreed}
    settled: dict[int, object] = {}
    for reference, case in agreed.items():
        items = [(i, d) for i, d in enumerate(result.disagreements) if d.case == reference]
        shown = agreed_answers(case, [d for _, d in items])
        settled.update({items[k][0]: v for k, v in shown.items()})
    return visit.render(
        "agreement.html",
        inspection=inspection,
        edition=edition,
        result=result,
        settled=settled,
        percent=percent_text,
        kappa=_kappa,
    )


def agree(visit: Visit) -> Response:
    """``POST /inspections/{id}/agreement``: record the agreed answer to one disagreement
    (the first reading's, the second's, or none) in the agreed reading."""
    inspection = visit.inspection(visit.request.path_params["inspection_id"])
    edition = visit.edition_of(inspection)
    found = readings(visit.store, inspection.id)
    result = inspection_agreement(edition, found)
    key = (visit.field("reference"), visit.field("question"), visit.field("option"))
    item = next((d for d in result.disagreements if (d.case, d.question, d.option) == key), None)
    choice = visit.field("choice")
    if item is None or choice not in ("first", "second", "none"):
        raise HTTPException(400, "There is no such disagreement (or no such choice) to settle.")
    first = next(c for c in found.first if c.reference == item.case)
    value = {"first": item.first, "second": item.second, "none": None}[choice]
    record_agreed(visit.store, first, item, value, visit.person)
    return visit.redirect("agreement_page", inspection_id=inspection.id)


PAGES = (
    Page(
        "/inspections/{inspection_id:int}/second-reading",
        to_read_again,
        name="to_read_again",
        roles=_READERS,
    ),
    Page(
        "/cases/{case_id:int}/second-reading",
        read_again,
        ("POST",),
        name="read_again",
        roles=_READERS,
    ),
    Page(
        "/inspections/{inspection_id:int}/agreement",
        agreement_page,
        name="agreement_page",
        roles=_AGREEING,
    ),
    Page(
        "/inspections/{inspection_id:int}/agreement",
        agree,
        ("POST",),
        name="agree",
        roles=_AGREEING,
    ),
)
