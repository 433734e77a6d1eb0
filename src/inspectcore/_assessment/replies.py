"""Reading what someone typed as an answer value, for any answer domain.

Options are chosen by number (as listed, from 1) or by name, ignoring case and
extra spaces; several options are separated by commas. Option names may
themselves hold commas ("speech, language and communication needs"), so a
reply is matched against whole names before it is split. A name that matches no
option gets the nearest one suggested. Dates are typed as ISO (``2025-05-12``) or
as people in the UK write them, day first (``12/05/2025``), and stored as ISO.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from .._errors import InspectcoreError
from .._model.domains import (
    ChoiceDomain,
    Date,
    Domain,
    Integer,
    MultipleChoice,
    SingleChoice,
    Text,
    Value,
    YesNo,
)

NONE_CHOSEN = "-"
"""The reply that chooses no option of a multiple-choice question."""

_YES_NO_SHORT = {"y": "Yes", "n": "No", "na": "N/A"}
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
# Day first, as dates are written in the UK: 12/05/2025, 12.5.2025, 12-05-2025.
_UK_DATE = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


class ReplyError(InspectcoreError, ValueError):
    """A typed reply is not an answer the question accepts; the message says why."""


def _loose(text: str) -> str:
    return " ".join(text.split()).casefold()


def parse_reply(domain: Domain, reply: str) -> Value:
    """The answer value ``reply`` stands for in ``domain``.

    Raises :class:`ReplyError` saying what was expected. Multiple-choice answers
    come back in the order the options are listed, whatever order they were typed in.
    """
    text = reply.strip()
    if not text:
        raise ReplyError("no answer given")
    if isinstance(domain, YesNo | SingleChoice):
        return _option(domain, text)
    if isinstance(domain, MultipleChoice):
        return _options(domain, text)
    if isinstance(domain, Integer):
        return _integer(domain, text)
    if isinstance(domain, Date):
        return _date(text)
    assert isinstance(domain, Text)
    return text


def _find_option(domain: ChoiceDomain, text: str) -> str | None:
    values = domain.values
    if text.isdigit():
        number = int(text)
        return values[number - 1] if 1 <= number <= len(values) else None
    wanted = _loose(text)
    found = next((v for v in values if _loose(v) == wanted), None)
    if found is None and isinstance(domain, YesNo):
        short = _YES_NO_SHORT.get(wanted.replace("/", ""))
        found = short if short in values else None
    return found


def nearest(typed: str, names: list[str] | tuple[str, ...]) -> str | None:
    """The one of ``names`` closest to ``typed`` (ignoring case and spaces), if any is close."""
    loose = {_loose(name): name for name in names}
    match = difflib.get_close_matches(_loose(typed), list(loose), n=1, cutoff=0.6)
    return loose[match[0]] if match else None


def _not_an_option(domain: ChoiceDomain, text: str) -> ReplyError:
    near = nearest(text, domain.values)
    hint = f"; did you mean {near!r}?" if near is not None and not text.isdigit() else ""
    return ReplyError(
        f"{text!r} is not an option: type a number from 1 to {len(domain.values)} "
        f"or an option's name{hint}"
    )


def _date(text: str) -> str:
    """A typed date as ISO text: YYYY-MM-DD, or day first as in the UK (DD/MM/YYYY)."""
    uk, iso = _UK_DATE.fullmatch(text), _ISO_DATE.fullmatch(text)
    if uk is not None:
        day, month, year = (int(part) for part in uk.groups())
    elif iso is not None:
        year, month, day = (int(part) for part in iso.groups())
    else:
        raise ReplyError(f"{text!r} is not a date: type it as DD/MM/YYYY or YYYY-MM-DD")
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        if not 1 <= month <= 12:
            raise ReplyError(f"{text!r} is not a real date: there is no month {month}") from None
        raise ReplyError(
            f"{text!r} is not a real date: {dt.date(year, month, 1):%B %Y} has no day {day}"
        ) from None


def _option(domain: YesNo | SingleChoice, text: str) -> str:
    found = _find_option(domain, text)
    if found is None:
        raise _not_an_option(domain, text)
    return found


def _options(domain: MultipleChoice, text: str) -> tuple[str, ...]:
    if text == NONE_CHOSEN:
        return ()
    parts = text.split(",")
    chosen: list[str] = []
    start = 0
    while start < len(parts):
        # The longest run of comma-separated parts that names an option wins.
        for end in range(len(parts), start, -1):
            piece = ",".join(parts[start:end]).strip()
            found = _find_option(domain, piece) if piece else None
            if found is not None:
                chosen.append(found)
                start = end
                break
        else:
            piece = parts[start].strip()
            if not piece:
                raise ReplyError("an empty choice between commas")
            raise _not_an_option(domain, piece)
    if len(set(chosen)) != len(chosen):
        raise ReplyError("an option is chosen more than once")
    ordered = tuple(v for v in domain.values if v in chosen)
    if (why := domain.check(ordered)) is not None:
        raise ReplyError(why)
    return ordered


def _integer(domain: Integer, text: str) -> int:
    if _WHOLE_NUMBER.fullmatch(text):
        value = int(text)
    else:
        named = {_loose(label): number for number, label in domain.sentinels}
        if _loose(text) not in named:
            also = "".join(f" or {label!r}" for _, label in domain.sentinels)
            raise ReplyError(f"{text!r} is not a whole number{also}")
        value = named[_loose(text)]
    if (why := domain.check(value)) is not None:
        raise ReplyError(why)
    return value
