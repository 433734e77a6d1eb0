"""Timeliness as information: working days between two dates of a case, against a limit.

Guidance such as the 2016 CAG's Appendix A sets time limits in working days
("within 10 working days for Detention and Training Orders …"). An edition
declares them as ``[[timeliness]]`` rules; :func:`timeliness` computes them for a
case with the bank holidays of the case's country. The result is shown beside
the judgements it informs and never changes an answer or a score: the guidance
leaves the judgement to the inspector.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Literal

import attrs

from .._errors import EditionDataError
from .._model.domains import Date
from .._model.rules import TimeLimit, TimelinessRule
from .evaluate import holds
from .routed import RoutedCase, route

if TYPE_CHECKING:
    from .._cases.case import CaseAssessment
    from .._model.edition import Edition

Status = Literal["within", "late", "not computed"]


@attrs.frozen
class Timeliness:
    """One rule's result for one case."""

    rule: TimelinessRule
    status: Status
    working_days: int | None = None
    """Working days after the start date up to and including the end date."""
    limit: TimeLimit | None = None
    deadline: dt.date | None = None
    """The last working day within the limit."""
    calendar: str = ""
    holidays: tuple[tuple[dt.date, str], ...] = ()
    """Bank holidays between the two dates that were not counted."""
    reason: str = ""
    """Why it was not computed, when it was not."""

    def describe(self) -> str:
        """One line for people, e.g. ``12 working days (limit 15, …): late``."""
        if self.status == "not computed":
            return f"{self.rule.title}: not computed ({self.reason})"
        assert self.limit is not None
        assert self.deadline is not None
        skipped = (
            "; not counted: " + ", ".join(f"{d.isoformat()} {n}" for d, n in self.holidays)
            if self.holidays
            else ""
        )
        return (
            f"{self.rule.title}: {self.working_days} working days "
            f"(limit {self.limit.working_days} for {self.limit.label or 'this case'}, "
            f"by {self.deadline.isoformat()}, {self.calendar} bank holidays{skipped}): "
            f"{self.status}"
        )


@functools.cache
def _bank_holidays(calendar: str, year: int) -> dict[dt.date, str]:
    import holidays  # imported on first use: it is slow to import

    country, _, subdivision = calendar.partition("-")
    try:
        found = holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    except NotImplementedError as exc:
        raise EditionDataError(f"calendar {calendar!r}: {exc}") from None
    return dict(found.items())


def bank_holidays(calendar: str, start: dt.date, end: dt.date) -> tuple[tuple[dt.date, str], ...]:
    """The bank holidays of ``calendar`` (e.g. ``GB-WLS``) from ``start`` to ``end``, inclusive."""
    found: dict[dt.date, str] = {}
    for year in range(start.year, end.year + 1):
        found.update(_bank_holidays(calendar, year))
    return tuple(sorted((d, n) for d, n in found.items() if start <= d <= end))


def is_working_day(day: dt.date, calendar: str) -> bool:
    """Monday to Friday and not a bank holiday of ``calendar``."""
    return day.weekday() < 5 and day not in _bank_holidays(calendar, day.year)


def working_days_between(start: dt.date, end: dt.date, calendar: str) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if ``end`` is not later)."""
    days = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        days += is_working_day(day, calendar)
    return days


def add_working_days(start: dt.date, working_days: int, calendar: str) -> dt.date:
    """The date ``working_days`` working days after ``start``."""
    day = start
    left = working_days
    while left > 0:
        day += dt.timedelta(days=1)
        left -= is_working_day(day, calendar)
    return day


def timeliness(edition: Edition, case: CaseAssessment | RoutedCase) -> tuple[Timeliness, ...]:
    """Every timeliness rule of ``edition`` computed for ``case``, as information.

    A case given already routed under ``edition`` is not routed again.
    """
    routed = route(edition, case)
    return tuple(_compute(rule, routed) for rule in edition.timeliness)


def _date(value: object) -> dt.date | None:
    if isinstance(value, str) and Date().check(value) is None:
        return dt.date.fromisoformat(value)
    return None


def _compute(rule: TimelinessRule, router: RoutedCase) -> Timeliness:
    start, end = _date(router.answer(rule.start)), _date(router.answer(rule.end))
    if start is None or end is None:
        dates = ((rule.start, start), (rule.end, end))
        missing = " and ".join(q for q, v in dates if v is None)
        return Timeliness(rule, "not computed", reason=f"{missing} not answered with a date")
    calendar_of = router.fact if router.edition.fact(rule.calendar_question) else router.answer
    where = calendar_of(rule.calendar_question)
    calendar = dict(rule.calendars).get(where) if isinstance(where, str) else None
    if calendar is None:
        return Timeliness(
            rule, "not computed", reason=f"{rule.calendar_question} gives no calendar"
        )
    applying = (lim for lim in rule.limits if holds(lim.rule.condition, router.answer, router.fact))
    limit = next(applying, None)
    if limit is None:
        return Timeliness(rule, "not computed", reason="no time limit is set for this case")
    if end < start:
        return Timeliness(rule, "not computed", reason=f"{rule.end} is before {rule.start}")
    taken = working_days_between(start, end, calendar)
    deadline = add_working_days(start, limit.working_days, calendar)
    skipped = tuple(
        (d, n)
        for d, n in bank_holidays(calendar, start + dt.timedelta(days=1), end)
        if d.weekday() < 5
    )
    return Timeliness(
        rule,
        "within" if taken <= limit.working_days else "late",
        working_days=taken,
        limit=limit,
        deadline=deadline,
        calendar=calendar,
        holidays=skipped,
    )
