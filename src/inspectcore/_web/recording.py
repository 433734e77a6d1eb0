"""The recording form: one case, every step that applies, each saved as it is answered.

Each question is a form of its own: submitting it saves that answer (one store version
more) and the page comes back re-routed, without JavaScript; static/recorder.js does the
same with fetch when a choice changes. A save made against an older version of the case
than the store holds is refused and asked again with the answer now stored, never merged.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse, Response

from .._assessment.replies import ReplyError, parse_reply
from .._assessment.session import AssessmentSession, AssessmentStep
from .._errors import StaleCaseError, UnknownQuestionError
from .._model.domains import MultipleChoice
from .case_view import anchor, case_view, shown_value
from .visit import Page, Visit

if TYPE_CHECKING:
    from .._model.domains import Value
    from .._store.records import StoredCase


def _page(visit: Visit, stored: StoredCase, status_code: int = 200, **extra: Any) -> Response:
    inspection = visit.inspection(stored.inspection_id)
    edition = visit.edition_for(stored.assessment)
    view = case_view(edition, stored.assessment, inspection)
    extra.setdefault("refused", None)
    extra.setdefault("error", None)
    return visit.render(
        "case.html",
        status_code,
        stored=stored,
        inspection=inspection,
        edition=edition,
        view=view,
        saved=visit.request.query_params.get("saved", ""),
        **extra,
    )


def case_page(visit: Visit) -> Response:
    """``GET /cases/{id}``: the recording form of the case."""
    return _page(visit, visit.case(visit.request.path_params["case_id"]))


def _find_step(session: AssessmentSession, ident: str, option: str) -> AssessmentStep:
    try:
        target = session.find(ident)
    except UnknownQuestionError as exc:
        raise HTTPException(400, str(exc)) from None
    wanted = option or None
    for step in session.steps_of(target):
        if step.option == wanted and step in session.steps():
            return step
    raise HTTPException(409, f"{ident} does not apply to this case now: reload the page.")


def _value(visit: Visit, step: AssessmentStep) -> Value:
    """The answer the form sent for ``step``; ``ReplyError`` saying what is expected."""
    kind = step.domain.type
    if isinstance(step.domain, MultipleChoice):
        # In the options' order, as `assess` records them; anything else sent is ignored.
        return tuple(v for v in step.domain.values if v in visit.fields("value"))
    sent = visit.field("value")
    if kind in ("yes_no", "single_choice"):
        if not sent:
            raise ReplyError("choose one of the answers")
        return sent
    if kind == "text":
        if not sent.strip():
            raise ReplyError("write the answer")
        return sent.replace("\r\n", "\n")
    return parse_reply(step.domain, sent)


def _version(visit: Visit) -> int:
    """The case version the form was shown at (what a save expects the store to hold)."""
    try:
        return int(visit.field("version"))
    except ValueError:
        raise HTTPException(400, "The form did not say which case version it showed.") from None


def save_answer(visit: Visit) -> Response:
    """``POST /cases/{id}/answer``: record one step's answer and save the case."""
    stored = visit.case(visit.request.path_params["case_id"])
    expected = _version(visit)
    session = AssessmentSession(visit.edition_for(stored.assessment), stored.assessment)
    if expected != stored.version:
        given = "; ".join(visit.fields("value"))
        return _refused(visit, stored, visit.field("step"), visit.field("option"), given)
    step = _find_step(session, visit.field("step"), visit.field("option"))
    try:
        value = _value(visit, step)
        note = None if step.is_fact else visit.field("note").replace("\r\n", "\n")
        recorded = session.record(step, value, at=dt.datetime.now(dt.UTC), note=note)
    except (ReplyError, ValueError) as exc:
        return _page(visit, stored, 400, error=(anchor(step), str(exc)))
    try:
        saved = visit.store.save(
            stored.id, recorded.session.case, by=visit.username, expected_version=expected
        )
    except StaleCaseError as exc:
        return _refused(visit, exc.current, str(step.id), step.option or "", shown_value(value))
    path = visit.request.url_for("case_page", case_id=saved.id).path
    query = urlencode({"saved": str(step)})
    return RedirectResponse(f"{path}?{query}#{anchor(step)}", status_code=303)


def _refused(
    visit: Visit, current: StoredCase, ident: str, option: str, given: str = ""
) -> Response:
    """The page of the case as it now stands, saying the answer was not saved: ask again."""
    session = AssessmentSession(visit.edition_for(current.assessment), current.assessment)
    step = None
    with contextlib.suppress(UnknownQuestionError):
        step = next(
            (s for s in session.steps_of(session.find(ident)) if s.option == (option or None)),
            None,
        )
    refused = {
        "anchor": anchor(step) if step is not None else "",
        "question": ident,
        "given": given,
        "now": shown_value(session.current(step)) if step is not None else "",
        "by": current.updated_by,
        "at": current.updated_at,
    }
    return _page(visit, current, 409, refused=refused)


def tidy(visit: Visit) -> Response:
    """``POST /cases/{id}/tidy``: remove the answers that no longer apply (as listed)."""
    stored = visit.case(visit.request.path_params["case_id"])
    expected = _version(visit)
    session = AssessmentSession(visit.edition_for(stored.assessment), stored.assessment)
    if expected != stored.version:
        return _refused(visit, stored, "", "")
    try:
        visit.store.save(
            stored.id, session.tidy().case, by=visit.username, expected_version=expected
        )
    except StaleCaseError as exc:
        return _refused(visit, exc.current, "", "")
    return visit.redirect("case_page", case_id=stored.id)


PAGES = (
    Page("/cases/{case_id:int}", case_page, name="case_page"),
    Page("/cases/{case_id:int}/answer", save_answer, ("POST",), name="save_answer"),
    Page("/cases/{case_id:int}/tidy", tidy, ("POST",), name="tidy_case"),
)
