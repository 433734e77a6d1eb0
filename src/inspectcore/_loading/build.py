"""Turning checked TOML shapes into the frozen edition model."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from fractions import Fraction
from typing import TypeVar

import attrs

from .._errors import ConditionSyntaxError
from .._model.domains import (
    DOMAIN_TYPES,
    Date,
    Domain,
    Integer,
    MultipleChoice,
    Option,
    SingleChoice,
    Text,
    YesNo,
)
from .._model.edition import (
    CHECK_SEVERITIES,
    AnswerRule,
    CarriedFrom,
    Check,
    Exclusion,
    Fact,
    Group,
    GuidanceBlock,
    Judged,
    Kind,
    Links,
    Question,
    Section,
)
from .._model.provenance import UNRECORDED, Basis, Provenance
from .._model.rules import (
    CALENDAR_CODE,
    GROUP_SCORING_METHODS,
    Band,
    GroupScoring,
    RatingRules,
    Rule,
    TimeLimit,
    TimelinessRule,
)
from .._model.text import LocalText
from .conditions import parse_condition
from .raw import (
    RawAnswerRule,
    RawCarriedFrom,
    RawCheck,
    RawDomain,
    RawExclusion,
    RawFact,
    RawGroup,
    RawGroupScoring,
    RawGuidance,
    RawKind,
    RawNote,
    RawOption,
    RawQuestion,
    RawRating,
    RawSection,
    RawText,
    RawTimeliness,
)

T = TypeVar("T")
_FALLBACK: Domain = Text()
"""Stands in for an answer domain that could not be built (the problem is reported)."""


@attrs.define
class Problems:
    """Problems found while building, each already naming its file and place."""

    items: list[str] = attrs.Factory(list)

    def add(self, where: str, message: str) -> None:
        """Record one problem at ``where`` (``file: question 1.1.1``)."""
        self.items.append(f"{where}: {message}")

    def attempt(self, where: str, make: Callable[[], T], fallback: T) -> T:
        """Run ``make``; a ``ValueError`` becomes a problem and ``fallback`` is used."""
        try:
            return make()
        except ValueError as exc:
            self.add(where, str(exc))
            return fallback


def local_text(raw: RawText) -> LocalText:
    """A plain string (English) or a table of languages."""
    if isinstance(raw, str):
        return LocalText.of(raw)
    others = {lang: text for lang, text in raw.items() if lang != "en"}
    return LocalText.of(raw["en"], **others)


def provenance(text: str) -> Provenance:
    """``"stated: …"`` etc.; an empty string means nothing was recorded."""
    return Provenance.parse(text) if text else UNRECORDED


def domain(raw: RawDomain) -> Domain:
    """Build an answer domain, rejecting keys that do not belong to its type."""
    if raw.type not in DOMAIN_TYPES:
        raise ValueError(f"domain type {raw.type!r} is not one of {', '.join(DOMAIN_TYPES)}")
    allowed = {
        "yes_no": {"na"},
        "single_choice": {"options"},
        "multiple_choice": {"options", "max"},
        "integer": {"min", "max", "sentinels"},
        "text": {"fact"},
        "date": set(),
    }[raw.type]
    given = {
        name
        for name, value in (
            ("options", raw.options),
            ("max", raw.max),
            ("min", raw.min),
            ("na", raw.na),
            ("sentinels", raw.sentinels),
            ("fact", raw.fact),
        )
        # `min = 0` or `max = 0` is given too: test against the defaults, not truthiness.
        if value is not None and value is not False and value not in ([], {})
    }
    if extra := given - allowed:
        raise ValueError(f"domain type {raw.type!r} takes no {', '.join(sorted(extra))}")
    if raw.type == "yes_no":
        return YesNo.make(na=raw.na)
    if raw.type in ("single_choice", "multiple_choice"):
        options = tuple(_option(o) for o in raw.options)
        if not options:
            raise ValueError(f"domain type {raw.type!r} needs options")
        values = [o.value for o in options]
        if len(set(values)) != len(values):
            raise ValueError("an option value is listed twice")
        if raw.type == "single_choice":
            return SingleChoice(options)
        return MultipleChoice(options, raw.max)
    if raw.type == "integer":
        sentinels = []
        for key, label in raw.sentinels.items():
            try:
                sentinels.append((int(key), label))
            except ValueError:
                raise ValueError(f"sentinel {key!r} is not a whole number") from None
        return Integer(raw.min, raw.max, tuple(sentinels))
    return Text(fact=raw.fact) if raw.type == "text" else Date()


def _option(raw: str | RawOption) -> Option:
    if isinstance(raw, str):
        return Option(raw)
    definition = local_text(raw.definition) if raw.definition is not None else None
    return Option(raw.value, definition, provenance(raw.basis))


def rule(condition: str, basis: str) -> Rule | None:
    """Parse a rule's condition, or ``None`` when there is none."""
    if not condition.strip():
        return None
    try:
        parsed = parse_condition(condition)
    except ConditionSyntaxError as exc:
        raise ValueError(f"applies: {exc}") from None
    return Rule(parsed, provenance(basis))


def guidance(raw: list[RawGuidance], origin: str = "") -> tuple[GuidanceBlock, ...]:
    """Titled guidance blocks."""
    return tuple(GuidanceBlock(local_text(g.title), local_text(g.text), origin) for g in raw)


def note(raw: RawNote, origin: str) -> GuidanceBlock:
    """An extension's note, as a guidance block marked with its origin."""
    return GuidanceBlock(local_text(raw.title), local_text(raw.text), origin)


def rating(raw: RawRating, where: str, problems: Problems) -> RatingRules | None:
    """Rating rules; bands must rise from lowest to highest, each minimum a percentage."""
    bands = []
    for index, raw_band in enumerate(raw.bands):
        # TOML reads inf and nan as floats; neither is a percentage (nor a Fraction).
        if not math.isfinite(raw_band.min) or not 0 <= raw_band.min <= 100:
            problems.add(
                f"{where}: bands[{index}].min",
                f"expected a finite number between 0 and 100, got {raw_band.min!r}",
            )
            return None
        bands.append(Band(raw_band.name, Fraction(str(raw_band.min))))
    if not bands or [b.min for b in bands] != sorted({b.min for b in bands}):
        problems.add(where, "rating.bands must be listed lowest first, with rising minimums")
        return None
    return RatingRules(
        raw.rated_level,
        raw.banded_level,
        tuple(bands),
        problems.attempt(where, lambda: provenance(raw.basis), UNRECORDED),
    )


def group_scoring(raw: RawGroupScoring, where: str, problems: Problems) -> GroupScoring | None:
    """The group scoring method, which must be one the engine knows."""
    if raw.method not in GROUP_SCORING_METHODS:
        known = ", ".join(sorted(GROUP_SCORING_METHODS))
        problems.add(where, f"method {raw.method!r} is not a known method (one of: {known})")
        return None
    return GroupScoring(
        raw.method,
        tuple(raw.kinds),
        problems.attempt(where, lambda: provenance(raw.basis), UNRECORDED),
    )


def timeliness(raw: RawTimeliness, where: str, problems: Problems) -> TimelinessRule:
    """A timeliness rule; every limit needs a condition and a positive number of days."""
    limits = []
    for index, raw_limit in enumerate(raw.limits):
        at = f"{where}: limits[{index}]"
        if raw_limit.working_days < 1:
            problems.add(at, "working_days must be a positive number of days")
        built = problems.attempt(at, functools.partial(rule, raw_limit.when, raw_limit.basis), None)
        if built is not None:
            limits.append(TimeLimit(built, raw_limit.working_days, raw_limit.label))
    for value, code in raw.calendars.items():
        if not CALENDAR_CODE.fullmatch(code):
            problems.add(
                where,
                f"calendars.{value}: {code!r} is not a calendar code such as 'GB-ENG' "
                "(country, then an optional subdivision)",
            )
    return TimelinessRule(
        id=raw.id,
        title=raw.title,
        start=raw.start,
        end=raw.end,
        calendar_question=raw.calendar_question,
        calendars=tuple(raw.calendars.items()),
        limits=tuple(limits),
        beside=tuple(raw.beside),
        provenance=problems.attempt(where, lambda: provenance(raw.basis), UNRECORDED),
    )


def exclusion(raw: RawExclusion, where: str, problems: Problems) -> Exclusion | None:
    """An exclusion rule; its condition is required."""
    built = problems.attempt(where, lambda: rule(raw.when, raw.basis), None)
    if built is None:
        if raw.when.strip() == "":
            problems.add(where, "when: an exclusion needs a condition")
        return None
    return Exclusion(raw.id, built, raw.reason)


def check(raw: RawCheck, where: str, problems: Problems) -> Check | None:
    """A plausibility check; its condition and a known severity are required."""
    if raw.severity not in CHECK_SEVERITIES:
        problems.add(
            where,
            f"severity: {raw.severity!r} is not one of {', '.join(map(repr, CHECK_SEVERITIES))}",
        )
    if not raw.message.strip():
        problems.add(where, "message: a check needs a message saying what is wrong")
    if not raw.expect.strip():
        problems.add(where, "expect: a check needs a condition")
        return None
    try:
        parsed = parse_condition(raw.expect)
    except ConditionSyntaxError as exc:
        problems.add(where, f"expect: {exc}")
        return None
    built = Rule(parsed, problems.attempt(where, lambda: provenance(raw.basis), UNRECORDED))
    return Check(raw.id, built, raw.severity, raw.message)


def kind(raw: RawKind, where: str, problems: Problems) -> Kind:
    """A kind declaration with its defaults."""
    given = raw.domain
    answer = problems.attempt(where, lambda: domain(given), None) if given else None
    return Kind(
        id=raw.id,
        answer=answer,
        answer_provenance=problems.attempt(where, lambda: provenance(raw.domain_basis), UNRECORDED),
        scored=raw.scored,
        scored_provenance=problems.attempt(where, lambda: provenance(raw.scored_basis), UNRECORDED),
        sufficient=tuple(raw.sufficient),
        insufficient=tuple(raw.insufficient),
    )


def fact(raw: RawFact, where: str, problems: Problems) -> Fact:
    """An inspection-context fact."""
    return Fact(
        id=raw.id,
        text=local_text(raw.text),
        answer=problems.attempt(where, lambda: domain(raw.domain), _FALLBACK),
        answer_provenance=problems.attempt(where, lambda: provenance(raw.domain_basis), UNRECORDED),
    )


def section(raw: RawSection, where: str, problems: Problems) -> Section:
    """A section of the tree."""
    return Section(
        id=raw.id,
        level=raw.level,
        title=local_text(raw.title),
        parent=raw.parent or None,
        applies=problems.attempt(where, lambda: rule(raw.applies, raw.applies_basis), None),
        guidance=guidance(raw.guidance),
        note=raw.note,
    )


def group(raw: RawGroup, where: str, problems: Problems) -> Group:
    """A criterion, theme or module."""
    return Group(
        id=raw.id,
        kind=raw.kind,
        title=local_text(raw.title) if raw.title is not None else None,
        part_of=tuple(raw.part_of),
        part_of_provenance=problems.attempt(
            where, lambda: provenance(raw.part_of_basis), UNRECORDED
        ),
    )


def answer_rule(raw: RawAnswerRule, where: str, problems: Problems) -> AnswerRule:
    """An answer the document prescribes in a situation it describes."""
    basis = problems.attempt(where, lambda: provenance(raw.basis), UNRECORDED)
    return AnswerRule(raw.answer, raw.situation, basis)


def carried_from(raw: RawCarriedFrom, where: str, problems: Problems) -> CarriedFrom:
    """The older edition's question a question was carried forward from."""
    basis = problems.attempt(where, lambda: provenance(raw.basis), UNRECORDED)
    return CarriedFrom(raw.edition, raw.question, basis)


def _prompt(
    raw: RawQuestion, where: str, problems: Problems
) -> tuple[LocalText | None, Provenance]:
    """A question's built prompt: only where no wording is printed, and always derived."""
    if raw.prompt is None:
        return None, UNRECORDED
    if raw.text is not None:
        problems.add(where, "prompt: only for a question whose document prints no wording (text)")
    basis = problems.attempt(where, lambda: provenance(raw.prompt_basis), UNRECORDED)
    if basis.basis is not Basis.DERIVED:
        got = str(basis) if basis is not UNRECORDED else "nothing"
        problems.add(
            where,
            f"prompt_basis: expected 'derived: <what it was built from>' (a prompt is "
            f"built from what the document prints), got {got}",
        )
    return local_text(raw.prompt), basis


def question(
    raw: RawQuestion,
    kinds: dict[str, Kind],
    origin: str,
    where: str,
    problems: Problems,
    *,
    from_extension: bool = False,
) -> Question:
    """A question, with its kind's defaults filled in where it sets none."""
    default = kinds.get(raw.kind, Kind(raw.kind))
    answer: Domain | None = default.answer
    domain_basis = default.answer_provenance
    if (given := raw.domain) is not None:
        answer = problems.attempt(where, lambda: domain(given), _FALLBACK)
        domain_basis = problems.attempt(where, lambda: provenance(raw.domain_basis), UNRECORDED)
    if answer is None:
        problems.add(
            where, f"no answer domain: give `domain`, or declare one for kind {raw.kind!r}"
        )
        answer = Text()
    scored, scored_basis = default.scored, default.scored_provenance
    if raw.scored is not None:
        scored = raw.scored
        scored_basis = problems.attempt(where, lambda: provenance(raw.scored_basis), UNRECORDED)
    links = raw.links
    judged = None
    if raw.sufficient is not None or raw.insufficient is not None:
        judged = Judged(
            tuple(raw.sufficient or ()),
            tuple(raw.insufficient or ()),
            problems.attempt(where, lambda: provenance(raw.sufficient_basis), UNRECORDED),
        )
    prompt, prompt_basis = _prompt(raw, where, problems)
    return Question(
        id=raw.id,
        kind=raw.kind,
        section=raw.section,
        answer=answer,
        text=local_text(raw.text) if raw.text is not None else None,
        text_note=raw.text_note,
        location=raw.location,
        answer_provenance=domain_basis,
        scored=scored,
        scored_provenance=scored_basis,
        required=True if raw.required is None else raw.required,
        required_provenance=problems.attempt(
            where, lambda: provenance(raw.required_basis), UNRECORDED
        ),
        applies=problems.attempt(where, lambda: rule(raw.applies, raw.applies_basis), None),
        guidance=guidance(raw.guidance, origin if from_extension else ""),
        answer_rules=tuple(answer_rule(r, where, problems) for r in raw.answer_rules),
        judged=judged,
        links=Links(
            counts_towards=tuple(links.counts_towards),
            explains=links.explains,
            other_goes_to=links.other_goes_to,
            key_question=links.key_question,
            summarises=links.summarises,
            depends_on=tuple(links.depends_on),
            per_option_of=links.per_option_of,
        ),
        prompt=prompt,
        prompt_provenance=prompt_basis,
        origin=origin,
        carried_from=carried_from(raw.carried_from, where, problems)
        if raw.carried_from is not None
        else None,
    )
