"""Reading what someone typed as an answer value, for any answer domain.

Options are chosen by number (as listed, from 1) or by name, ignoring case and
extra spaces; several options are separated by commas. Option names may
themselves hold commas ("speech, language and communication needs"), so a
reply is matched against whole names before it is split.
"""

from __future__ import annotations

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
        if (why := domain.check(text)) is not None:
            raise ReplyError(why)
        return text
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


def _not_an_option(domain: ChoiceDomain, text: str) -> ReplyError:
    return ReplyError(
        f"{text!r} is not an option: type a number from 1 to {len(domain.values)} "
        "or an option's name"
    )


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
