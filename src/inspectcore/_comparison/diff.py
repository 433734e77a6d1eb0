"""Structural diff of two editions: what was added, removed, moved, reworded or re-scored.

Items are matched by id, so the diff is meaningful between two versions of one edition
(v7.3 and v7.4 of a guidance document). Between editions that number their questions
differently, use a crosswalk instead.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from .._model.domains import Domain, MultipleChoice, SingleChoice, YesNo
from .._model.edition import Edition, Fact, Group, Question, Section
from .._model.rules import Rule
from . import diff_rules as rules
from .diff_model import Change, ChangeKind, DiffItem, EditionDiff

T = TypeVar("T")


def diff_editions(old: Edition, new: Edition) -> EditionDiff:
    """The structural diff from ``old`` to ``new``, matching every item by its id."""
    changes = [
        *_diff_items(
            DiffItem.SECTION, old.sections, new.sections, _section_changes, _section_place
        ),
        *_diff_items(
            DiffItem.GROUP, old.groups, new.groups, _group_changes, _no_place, ordered=False
        ),
        *_diff_items(DiffItem.FACT, old.facts, new.facts, _fact_changes, _no_place, ordered=False),
        *_diff_items(
            DiffItem.QUESTION,
            old.questions,
            new.questions,
            lambda a, b: _question_changes(old, new, a, b),
            _question_place,
        ),
        *_diff_items(
            DiffItem.KIND, old.kinds, new.kinds, rules.kind_changes, _no_place, ordered=False
        ),
        *rules.rating_changes(new.id, old.rating, new.rating),
        *rules.group_scoring_changes(new.id, old.group_scoring, new.group_scoring),
        # The first exclusion that holds gives the reason, so their order is compared.
        *_diff_items(
            DiffItem.EXCLUSION, old.exclusions, new.exclusions, rules.exclusion_changes, _no_place
        ),
        *_diff_items(
            DiffItem.TIMELINESS,
            old.timeliness,
            new.timeliness,
            rules.timeliness_changes,
            _no_place,
            ordered=False,
        ),
        *_diff_items(
            DiffItem.CHECK, old.checks, new.checks, rules.check_changes, _no_place, ordered=False
        ),
    ]
    return EditionDiff(old.id, old.version, new.id, new.version, tuple(changes))


# -- matching ---------------------------------------------------------------------------------


def _diff_items(
    item: DiffItem,
    old: Sequence[T],
    new: Sequence[T],
    compare: Callable[[T, T], Iterator[Change]],
    place: Callable[[T], str],
    *,
    ordered: bool = True,
) -> list[Change]:
    """Added, removed, re-ordered and otherwise changed items, in the new edition's order.

    A removed item is listed where it stood: after the item that preceded it in the old
    edition (or first).
    """
    old_by_id = {_id(x): x for x in old}
    new_by_id = {_id(x): x for x in new}
    common_old = [_id(x) for x in old if _id(x) in new_by_id]
    common_new = [_id(x) for x in new if _id(x) in old_by_id]
    reordered = _reordered(common_old, common_new) if ordered else set()
    keyed: list[tuple[float, Change]] = []
    new_index = {_id(x): i for i, x in enumerate(new)}
    for index, x in enumerate(new):
        x_id = _id(x)
        if x_id not in old_by_id:
            keyed.append((index, Change(item, ChangeKind.ADDED, x_id, after=place(x))))
            continue
        before = old_by_id[x_id]
        moved = place(before) != place(x)
        if moved or x_id in reordered:
            keyed.append(
                (index, _moved(item, x_id, common_old, common_new, place(before), place(x)))
            )
        keyed += [(index, change) for change in compare(before, x)]
    last = -1
    for x in old:
        x_id = _id(x)
        if x_id in new_by_id:
            last = new_index[x_id]
        else:
            keyed.append((last + 0.5, Change(item, ChangeKind.REMOVED, x_id, before=place(x))))
    return [change for _, change in sorted(keyed, key=lambda pair: pair[0])]


def _id(x: object) -> str:
    value = getattr(x, "id")  # noqa: B009 - every item type has an id
    assert isinstance(value, str)
    return value


def _reordered(old: list[str], new: list[str]) -> set[str]:
    """Ids of the common items that changed place: those outside a longest common run."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    kept = {old[block.a + k] for block in matcher.get_matching_blocks() for k in range(block.size)}
    return set(new) - kept


def _moved(
    item: DiffItem, x_id: str, old: list[str], new: list[str], place_before: str, place_after: str
) -> Change:
    def after(ids: list[str]) -> str:
        at = ids.index(x_id)
        return f"after {ids[at - 1]}" if at else "first"

    before_text = ", ".join(p for p in (place_before, after(old)) if p)
    after_text = ", ".join(p for p in (place_after, after(new)) if p)
    what = "parent" if item is DiffItem.SECTION else "section"
    detail = f"{what} changed" if place_before != place_after else "order changed"
    return Change(item, ChangeKind.MOVED, x_id, before_text, after_text, detail)


def _no_place(_: object) -> str:
    return ""


def _section_place(section: Section) -> str:
    return f"in {section.parent}" if section.parent else "top level"


def _question_place(question: Question) -> str:
    return f"in {question.section}"


# -- comparing matched items ------------------------------------------------------------------


def _retitled(
    item: DiffItem, x_id: str, before: str, after: str, kind: ChangeKind
) -> Iterator[Change]:
    yield from rules.worded(item, x_id, before, after, kind)


def _applicability(
    item: DiffItem, x_id: str, old: Rule | None, new: Rule | None
) -> Iterator[Change]:
    before, after = rules.rule_text(old), rules.rule_text(new)
    if before != after:
        yield Change(
            item,
            ChangeKind.APPLICABILITY_CHANGED,
            x_id,
            before or "always applies",
            after or "always applies",
        )


def _section_changes(old: Section, new: Section) -> Iterator[Change]:
    yield from _retitled(DiffItem.SECTION, new.id, old.title.en, new.title.en, ChangeKind.RETITLED)
    if old.level != new.level:
        yield Change(DiffItem.SECTION, ChangeKind.KIND_CHANGED, new.id, old.level, new.level)
    yield from _applicability(DiffItem.SECTION, new.id, old.applies, new.applies)
    yield from _applies_basis(DiffItem.SECTION, new.id, old.applies, new.applies)
    yield from rules.guidance(DiffItem.SECTION, new.id, old.guidance, new.guidance)


def _group_changes(old: Group, new: Group) -> Iterator[Change]:
    old_title = old.title.en if old.title else ""
    new_title = new.title.en if new.title else ""
    yield from _retitled(DiffItem.GROUP, new.id, old_title, new_title, ChangeKind.RETITLED)
    if old.kind != new.kind:
        yield Change(DiffItem.GROUP, ChangeKind.KIND_CHANGED, new.id, old.kind, new.kind)
    if old.part_of != new.part_of:
        yield Change(
            DiffItem.GROUP,
            ChangeKind.MOVED,
            new.id,
            "part of " + (", ".join(old.part_of) or "nothing"),
            "part of " + (", ".join(new.part_of) or "nothing"),
            "part_of changed",
        )
    yield from rules.provenance(
        DiffItem.GROUP, new.id, "part_of_basis", old.part_of_provenance, new.part_of_provenance
    )


def _fact_changes(old: Fact, new: Fact) -> Iterator[Change]:
    yield from _retitled(DiffItem.FACT, new.id, old.text.en, new.text.en, ChangeKind.REWORDED)
    yield from _answer(DiffItem.FACT, new.id, old.answer, new.answer)
    yield from rules.provenance(
        DiffItem.FACT, new.id, "domain_basis", old.answer_provenance, new.answer_provenance
    )


def _question_changes(
    old_edition: Edition, new_edition: Edition, old: Question, new: Question
) -> Iterator[Change]:
    yield from _retitled(DiffItem.QUESTION, new.id, old.wording, new.wording, ChangeKind.REWORDED)
    if old.kind != new.kind:
        yield Change(DiffItem.QUESTION, ChangeKind.KIND_CHANGED, new.id, old.kind, new.kind)
    yield from _answer(DiffItem.QUESTION, new.id, old.answer, new.answer)
    yield from _applicability(DiffItem.QUESTION, new.id, old.applies, new.applies)
    before = _scoring(old_edition, old)
    after = _scoring(new_edition, new)
    differ = [key for key in before if before[key] != after[key]]
    if differ:
        yield Change(
            DiffItem.QUESTION,
            ChangeKind.SCORING_CHANGED,
            new.id,
            "; ".join(f"{key}: {before[key]}" for key in differ),
            "; ".join(f"{key}: {after[key]}" for key in differ),
        )
    # Links that route a question or shape its judgements (scoring's are compared above).
    for key in ("explains", "per_option_of", "depends_on", "other_goes_to"):
        before, after = getattr(old.links, key), getattr(new.links, key)
        yield from rules.ruled(
            DiffItem.QUESTION, new.id, f"links.{key}", _link_text(before), _link_text(after)
        )
    yield from rules.local_text(DiffItem.QUESTION, new.id, "prompt", old.prompt, new.prompt)
    yield from rules.answer_rules(new.id, old.answer_rules, new.answer_rules)
    yield from rules.guidance(DiffItem.QUESTION, new.id, old.guidance, new.guidance)
    yield from _question_provenance(old, new)


def _link_text(value: str | tuple[str, ...] | None) -> str:
    if isinstance(value, tuple):
        return ", ".join(value) or "none"
    return value or "none"


def _applies_basis(
    item: DiffItem, x_id: str, old: Rule | None, new: Rule | None
) -> Iterator[Change]:
    yield from rules.provenance(
        item,
        x_id,
        "applies_basis",
        old.provenance if old else None,
        new.provenance if new else None,
    )


def _question_provenance(old: Question, new: Question) -> Iterator[Change]:
    """Each ``*_basis`` of a question that says something else (by its data key)."""
    q, x_id = DiffItem.QUESTION, new.id
    yield from rules.provenance(
        q, x_id, "domain_basis", old.answer_provenance, new.answer_provenance
    )
    yield from rules.provenance(
        q, x_id, "scored_basis", old.scored_provenance, new.scored_provenance
    )
    yield from rules.provenance(
        q, x_id, "required_basis", old.required_provenance, new.required_provenance
    )
    yield from _applies_basis(q, x_id, old.applies, new.applies)
    yield from rules.provenance(
        q, x_id, "prompt_basis", old.prompt_provenance, new.prompt_provenance
    )
    yield from rules.provenance(
        q,
        x_id,
        "sufficient_basis",
        old.judged.provenance if old.judged else None,
        new.judged.provenance if new.judged else None,
    )
    yield from rules.provenance(
        q,
        x_id,
        "carried_from.basis",
        old.carried_from.provenance if old.carried_from else None,
        new.carried_from.provenance if new.carried_from else None,
    )


def _scoring(edition: Edition, question: Question) -> dict[str, str]:
    """What decides how a question counts, each aspect in words."""
    sufficient, insufficient = edition.judged_as(question)
    links = question.links
    return {
        "scored": "yes" if question.scored else "no",
        "required": "yes" if question.required else "no",
        "counts towards": ", ".join(links.counts_towards) or "nothing",
        "summarises": links.summarises or "nothing",
        "key question": links.key_question or "none",
        "sufficient": ", ".join(sufficient) or "none",
        "insufficient": ", ".join(insufficient) or "none",
    }


def _answer(item: DiffItem, x_id: str, old: Domain, new: Domain) -> Iterator[Change]:
    if old.type == new.type and old.describe() == new.describe():
        return
    detail = ""
    choices = YesNo | SingleChoice | MultipleChoice
    if isinstance(old, choices) and isinstance(new, choices):
        added = [v for v in new.values if v not in old.values]
        removed = [v for v in old.values if v not in new.values]
        parts = []
        if old.type != new.type:
            parts.append(f"type {old.type} -> {new.type}")
        if added:
            parts.append("options added: " + "; ".join(added))
        if removed:
            parts.append("options removed: " + "; ".join(removed))
        if not added and not removed and old.values != new.values:
            parts.append("options reordered")
        detail = ", ".join(parts)
    elif old.type != new.type:
        detail = f"type {old.type} -> {new.type}"
    yield Change(item, ChangeKind.ANSWER_CHANGED, x_id, old.describe(), new.describe(), detail)
