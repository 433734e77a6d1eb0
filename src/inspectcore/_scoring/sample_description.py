"""What the sample is made of: how many of the scored cases gave each option of chosen
questions or facts (sentence types, risk levels), beside the excluded cases.

Only questions and facts answered from a list of options can be described: their values
are the edition's own words, never a case's free text, so they may appear in aggregate
outputs such as the report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import attrs

from .._cases.case import CaseAssessment
from .._model.domains import MultipleChoice, SingleChoice, YesNo
from .._model.edition import Edition
from .._model.text import LocalText
from .._routing.routed import RoutedCase, route


@attrs.frozen
class DescribedItem:
    """One question's or fact's answers over the scored cases."""

    id: str
    text: LocalText | None
    counts: tuple[tuple[str, int], ...]
    """Each option, in the edition's order, with the number of cases that chose it."""
    unanswered: int


@attrs.frozen
class SampleDescription:
    """The sample's make-up: cases scored and excluded, and the described items."""

    scored: int
    excluded: int
    items: tuple[DescribedItem, ...]


def describe_sample(
    edition: Edition,
    cases: Iterable[tuple[str, CaseAssessment | RoutedCase]],
    ids: Sequence[str],
) -> SampleDescription:
    """Count the options chosen, over the cases the edition's exclusions keep, for ``ids``
    (question or fact ids). Raises ``ValueError`` for an id that is neither, or whose
    answers are not chosen from options (free text is never aggregated)."""
    described: list[tuple[str, bool, tuple[str, ...], LocalText | None]] = []
    for item_id in ids:
        fact = edition.fact(item_id)
        text: LocalText | None
        if fact is not None:
            domain, text = fact.answer, fact.text
        else:
            try:
                question = edition.question(item_id)
            except LookupError:
                raise ValueError(
                    f"{item_id!r} is neither a question nor a fact of {edition.id}"
                ) from None
            domain, text = question.answer, question.text
        if not isinstance(domain, YesNo | SingleChoice | MultipleChoice):
            raise ValueError(
                f"{item_id}: only questions and facts answered from options can describe "
                f"the sample ({domain.type} answers are not aggregated)"
            )
        described.append((item_id, fact is not None, domain.values, text))
    counters = [Counter[str]() for _ in described]
    missing = [0 for _ in described]
    scored = excluded = 0
    for _, given in cases:
        routed = route(edition, given)
        if routed.exclusion is not None:
            excluded += 1
            continue
        scored += 1
        for index, (item_id, is_fact, _, _) in enumerate(described):
            answer = None if is_fact else routed.case.answer(item_id)
            value = routed.case.fact(item_id) if is_fact else getattr(answer, "value", None)
            chosen = [value] if isinstance(value, str) else []
            if isinstance(value, tuple):
                chosen = [str(v) for v in value]
            if not chosen:
                missing[index] += 1
            counters[index].update(chosen)
    items = tuple(
        DescribedItem(item_id, text, tuple((o, counter[o]) for o in options), unanswered)
        for (item_id, _, options, text), counter, unanswered in zip(
            described, counters, missing, strict=True
        )
    )
    return SampleDescription(scored, excluded, items)
