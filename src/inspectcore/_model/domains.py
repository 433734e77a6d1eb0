"""Answer domains: what values a question (or an inspection fact) can take."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar, TypeAlias

import attrs

from .provenance import UNRECORDED, Provenance
from .text import LocalText

Scalar: TypeAlias = str | int
"""A single answer value: an option, a whole number, free text or an ISO date."""
Value: TypeAlias = str | int | tuple[str, ...]
"""An answer value: a scalar, or the options chosen in a multiple-choice question."""

JsonSchema: TypeAlias = dict[str, Any]


@attrs.frozen
class Option:
    """One option of a choice question."""

    value: str
    definition: LocalText | None = None
    provenance: Provenance = UNRECORDED


def _describe(value: object) -> str:
    return repr(value) if not isinstance(value, tuple) else repr(list(value))


@attrs.frozen
class _ChoiceDomain:
    options: tuple[Option, ...]

    @property
    def values(self) -> tuple[str, ...]:
        """The option values, in the order the document gives them."""
        return tuple(option.value for option in self.options)

    def option(self, value: str) -> Option | None:
        """The option with this value, if there is one."""
        return next((o for o in self.options if o.value == value), None)

    def _check_one(self, value: object) -> str | None:
        if not isinstance(value, str) or value not in self.values:
            return f"{_describe(value)} is not one of {', '.join(map(repr, self.values))}"
        return None

    def accepts_scalar(self, value: object) -> bool:
        """Whether ``value`` is one of the options (used to lint conditions)."""
        return isinstance(value, str) and value in self.values


@attrs.frozen
class YesNo(_ChoiceDomain):
    """Yes or No, optionally with N/A."""

    type: ClassVar[str] = "yes_no"

    @classmethod
    def make(cls, na: bool = False) -> YesNo:
        """Build the domain; ``na`` adds "N/A"."""
        names = ("Yes", "No", "N/A") if na else ("Yes", "No")
        return cls(tuple(Option(name) for name in names))

    @property
    def na(self) -> bool:
        """Whether "N/A" is allowed."""
        return "N/A" in self.values

    def check(self, value: object) -> str | None:
        """Return why ``value`` is not in the domain, or ``None`` if it is."""
        return self._check_one(value)

    def json_schema(self) -> JsonSchema:
        """The JSON Schema of a value."""
        return {"enum": list(self.values)}

    def describe(self) -> str:
        """A one-line description for people."""
        return "Yes / No / N/A" if self.na else "Yes / No"


@attrs.frozen
class SingleChoice(_ChoiceDomain):
    """Exactly one of a list of options."""

    type: ClassVar[str] = "single_choice"

    def check(self, value: object) -> str | None:
        """Return why ``value`` is not in the domain, or ``None`` if it is."""
        return self._check_one(value)

    def json_schema(self) -> JsonSchema:
        """The JSON Schema of a value."""
        return {"enum": list(self.values)}

    def describe(self) -> str:
        """A one-line description for people."""
        return "one of: " + "; ".join(self.values)


@attrs.frozen
class MultipleChoice(_ChoiceDomain):
    """Any number of options (at most ``max`` when set, e.g. 5 for "up to five")."""

    type: ClassVar[str] = "multiple_choice"
    max: int | None = None

    def check(self, value: object) -> str | None:
        """Return why ``value`` is not in the domain, or ``None`` if it is."""
        if not isinstance(value, tuple):
            return f"expected a list of options, got {_describe(value)}"
        for item in value:
            if problem := self._check_one(item):
                return problem
        if len(set(value)) != len(value):
            return "an option is chosen more than once"
        if self.max is not None and len(value) > self.max:
            return f"{len(value)} options chosen, at most {self.max} allowed"
        return None

    def json_schema(self) -> JsonSchema:
        """The JSON Schema of a value."""
        schema: JsonSchema = {
            "type": "array",
            "items": {"enum": list(self.values)},
            "uniqueItems": True,
        }
        if self.max is not None:
            schema["maxItems"] = self.max
        return schema

    def describe(self) -> str:
        """A one-line description for people."""
        most = f" (at most {self.max})" if self.max is not None else ""
        return f"any of{most}: " + "; ".join(self.values)


@attrs.frozen
class Integer:
    """A whole number within optional bounds, plus named sentinel values (999 = indeterminate)."""

    type: ClassVar[str] = "integer"
    min: int | None = None
    max: int | None = None
    sentinels: tuple[tuple[int, str], ...] = ()

    def check(self, value: object) -> str | None:
        """Return why ``value`` is not in the domain, or ``None`` if it is."""
        if not isinstance(value, int) or isinstance(value, bool):
            return f"expected a whole number, got {_describe(value)}"
        if value in dict(self.sentinels):
            return None
        if self.min is not None and value < self.min:
            return f"{value} is below the minimum {self.min}"
        if self.max is not None and value > self.max:
            return f"{value} is above the maximum {self.max}"
        return None

    def accepts_scalar(self, value: object) -> bool:
        """Whether ``value`` could be an answer (used to lint conditions)."""
        return self.check(value) is None

    def json_schema(self) -> JsonSchema:
        """The JSON Schema of a value."""
        ranged: JsonSchema = {"type": "integer"}
        if self.min is not None:
            ranged["minimum"] = self.min
        if self.max is not None:
            ranged["maximum"] = self.max
        if not self.sentinels:
            return ranged
        return {"anyOf": [ranged, {"enum": [n for n, _ in self.sentinels]}]}

    def describe(self) -> str:
        """A one-line description for people."""
        bounds = ""
        if self.min is not None or self.max is not None:
            low = "" if self.min is None else str(self.min)
            high = "" if self.max is None else str(self.max)
            bounds = f" {low}..{high}"
        named = "".join(f"; {n} = {label}" for n, label in self.sentinels)
        return f"whole number{bounds}{named}"


@attrs.frozen
class Text:
    """Free text.

    ``fact`` marks a short recorded particular (a category, a language) kept as text
    only because the document refers to a list it does not print: not narrative, so
    exported by default (see :func:`~inspectcore.is_narrative`).
    """

    type: ClassVar[str] = "text"
    fact: bool = False

    def check(self, value: object) -> str | None:
        """Return why ``value`` is not in the domain, or ``None`` if it is."""
        return None if isinstance(value, str) else f"expected text, got {_describe(value)}"

    def accepts_scalar(self, value: object) -> bool:
        """Whether ``value`` could be an answer (used to lint conditions)."""
        return isinstance(value, str)

    def json_schema(self) -> JsonSchema:
        """The JSON Schema of a value."""
        return {"type": "string"}

    def describe(self) -> str:
        """A one-line description for people."""
        return "free text"


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@attrs.frozen
class Date:
    """A calendar date, written as an ISO string (``2024-06-30``)."""

    type: ClassVar[str] = "date"

    def check(self, value: object) -> str | None:
        """Return why ``value`` is not in the domain, or ``None`` if it is."""
        # fromisoformat alone also takes other ISO forms, such as "2024-W05-1".
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                pass
            else:
                return None
        return f"expected a date as YYYY-MM-DD, got {_describe(value)}"

    def accepts_scalar(self, value: object) -> bool:
        """Whether ``value`` could be an answer (used to lint conditions)."""
        return self.check(value) is None

    def json_schema(self) -> JsonSchema:
        """The JSON Schema of a value."""
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

    def describe(self) -> str:
        """A one-line description for people."""
        return "date (YYYY-MM-DD)"


Domain: TypeAlias = YesNo | SingleChoice | MultipleChoice | Integer | Text | Date
"""Any answer domain."""

ChoiceDomain: TypeAlias = YesNo | SingleChoice | MultipleChoice

DOMAIN_TYPES: dict[str, type[Domain]] = {
    cls.type: cls for cls in (YesNo, SingleChoice, MultipleChoice, Integer, Text, Date)
}
