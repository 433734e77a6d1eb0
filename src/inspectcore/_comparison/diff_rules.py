"""What an edition diff compares besides structure: the rules that move a result (rating
bands, group scoring, kinds, exclusions, timeliness rules, checks), answer rules, guidance
text and provenance (the ``*_basis`` keys of edition data).

Each ``*_changes`` function compares one matched pair and yields :class:`Change` records;
``diff.py`` matches the items and orders the changes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .._model.edition import AnswerRule, Check, Exclusion, GuidanceBlock, Kind
from .._model.provenance import Provenance
from .._model.rules import GroupScoring, RatingRules, Rule, TimelinessRule
from .._model.text import LocalText
from .diff_model import Change, ChangeKind, DiffItem, WordDiff


def flat(text: str) -> str:
    """Text with its runs of whitespace made one space: layout is never a change."""
    return " ".join(text.split())


def rule_text(rule: Rule | None) -> str:
    """A rule's condition as its source text ("" for none)."""
    return flat(rule.condition.source) if rule is not None else ""


def worded(
    item: DiffItem, x_id: str, before: str, after: str, kind: ChangeKind, detail: str = ""
) -> Iterator[Change]:
    """A rewording (or retitling) of one text, with the words that changed."""
    if flat(before) != flat(after):
        yield Change(item, kind, x_id, before, after, detail, WordDiff.of(before, after))


def ruled(item: DiffItem, x_id: str, what: str, before: str, after: str) -> Iterator[Change]:
    """A change of one part of a rule (``what``: the data key), shown before and after."""
    if flat(before) != flat(after):
        yield Change(item, ChangeKind.RULE_CHANGED, x_id, before, after, what)


def provenance(
    item: DiffItem, x_id: str, key: str, old: Provenance | None, new: Provenance | None
) -> Iterator[Change]:
    """A change of the provenance recorded under data key ``key`` (``domain_basis``...).

    Shown as a word diff: a basis that goes from inferred to stated, or a quotation that
    changes, is a reason to read the rule again. ``None`` stands for a rule that one side
    lacks: its addition or removal is reported as such, so its basis is not reported again.
    """
    if old is None or new is None:
        return
    before = str(old) if old.note else ""
    after = str(new) if new.note else ""
    yield from worded(item, x_id, before, after, ChangeKind.PROVENANCE_CHANGED, key)


def guidance(
    item: DiffItem, x_id: str, old: Sequence[GuidanceBlock], new: Sequence[GuidanceBlock]
) -> Iterator[Change]:
    """Each guidance block whose text changed, was added or was removed, as a word diff.

    Blocks are matched by title (the n-th block of a title with the n-th), in each
    language the blocks have; ``detail`` names the block (and its language if not English).
    """
    old_texts, new_texts = _blocks(old), _blocks(new)
    for key in [*new_texts, *(k for k in old_texts if k not in new_texts)]:
        title, lang = key
        label = f"guidance {title!r}" + (f" [{lang}]" if lang != "en" else "")
        yield from worded(
            item,
            x_id,
            old_texts.get(key, ""),
            new_texts.get(key, ""),
            ChangeKind.GUIDANCE_CHANGED,
            label,
        )


def _blocks(blocks: Sequence[GuidanceBlock]) -> dict[tuple[str, str], str]:
    seen: dict[str, int] = {}
    texts: dict[tuple[str, str], str] = {}
    for block in blocks:
        title = block.title.en
        seen[title] = seen.get(title, 0) + 1
        shown = title if seen[title] == 1 else f"{title} ({seen[title]})"
        for lang, text in block.text.translations:
            texts[(shown, lang)] = text
    return texts


def local_text(
    item: DiffItem, x_id: str, what: str, old: LocalText | None, new: LocalText | None
) -> Iterator[Change]:
    """A rewording of a text in any of its languages (``what`` names it)."""
    before = dict(old.translations) if old is not None else {}
    after = dict(new.translations) if new is not None else {}
    for lang in [*after, *(k for k in before if k not in after)]:
        label = what + (f" [{lang}]" if lang != "en" else "")
        yield from worded(
            item, x_id, before.get(lang, ""), after.get(lang, ""), ChangeKind.REWORDED, label
        )


def answer_rules(
    x_id: str, old: Sequence[AnswerRule], new: Sequence[AnswerRule]
) -> Iterator[Change]:
    """A question's answer rules (answers the document prescribes), added, removed or changed."""

    def text(rules: Sequence[AnswerRule]) -> str:
        return "; ".join(f"{r.answer!r} when {flat(r.when)}" for r in rules) or "none"

    if text(old) != text(new):
        yield Change(DiffItem.QUESTION, ChangeKind.ANSWER_RULES_CHANGED, x_id, text(old), text(new))
    for index, (before, after) in enumerate(zip(old, new, strict=False)):
        yield from provenance(
            DiffItem.QUESTION,
            x_id,
            f"answer_rules[{index}].basis",
            before.provenance,
            after.provenance,
        )


# -- edition-wide rules ------------------------------------------------------------------------


def _bands(rules: RatingRules) -> str:
    return "; ".join(f"{band.name} from {band.min}%" for band in rules.bands)


def rating_changes(
    edition_id: str, old: RatingRules | None, new: RatingRules | None
) -> list[Change]:
    """The rating rules: added, removed, their levels and bands, and their provenance."""
    item = DiffItem.RATING
    if old is None and new is None:
        return []
    if old is None or new is None:
        kind = ChangeKind.ADDED if old is None else ChangeKind.REMOVED
        rules = new or old
        assert rules is not None
        words = f"{rules.rated_level} from {rules.banded_level}: {_bands(rules)}"
        return [Change(item, kind, edition_id, "" if old is None else words, words if new else "")]
    return [
        *ruled(item, edition_id, "rated_level", old.rated_level, new.rated_level),
        *ruled(item, edition_id, "banded_level", old.banded_level, new.banded_level),
        *ruled(item, edition_id, "bands", _bands(old), _bands(new)),
        *provenance(item, edition_id, "basis", old.provenance, new.provenance),
    ]


def group_scoring_changes(
    edition_id: str, old: GroupScoring | None, new: GroupScoring | None
) -> list[Change]:
    """The group scoring method and the group kinds it scores, and their provenance."""
    item = DiffItem.GROUP_SCORING

    def words(scoring: GroupScoring | None) -> str:
        if scoring is None:
            return "none"
        return f"{scoring.method} ({', '.join(scoring.kinds) or 'every kind'})"

    if old is None or new is None:
        if old is new:
            return []
        kind = ChangeKind.ADDED if old is None else ChangeKind.REMOVED
        return [
            Change(item, kind, edition_id, words(old) if old else "", words(new) if new else "")
        ]
    return [
        *ruled(item, edition_id, "method", old.method, new.method),
        *ruled(item, edition_id, "kinds", ", ".join(old.kinds), ", ".join(new.kinds)),
        *provenance(item, edition_id, "basis", old.provenance, new.provenance),
    ]


def kind_changes(old: Kind, new: Kind) -> Iterator[Change]:
    """A question kind's default answers and scoring (each question's own are compared too)."""
    item = DiffItem.KIND
    before = old.answer.describe() if old.answer else "none"
    after = new.answer.describe() if new.answer else "none"
    yield from ruled(item, new.id, "domain", before, after)
    yield from ruled(item, new.id, "scored", str(old.scored), str(new.scored))
    yield from ruled(
        item, new.id, "sufficient", ", ".join(old.sufficient), ", ".join(new.sufficient)
    )
    yield from ruled(
        item, new.id, "insufficient", ", ".join(old.insufficient), ", ".join(new.insufficient)
    )
    yield from provenance(
        item, new.id, "domain_basis", old.answer_provenance, new.answer_provenance
    )
    yield from provenance(
        item, new.id, "scored_basis", old.scored_provenance, new.scored_provenance
    )


def exclusion_changes(old: Exclusion, new: Exclusion) -> Iterator[Change]:
    """An exclusion rule's condition, the reason it gives, and its provenance."""
    item = DiffItem.EXCLUSION
    yield from ruled(item, new.id, "when", rule_text(old.rule), rule_text(new.rule))
    yield from worded(item, new.id, old.reason, new.reason, ChangeKind.REWORDED, "reason")
    yield from provenance(item, new.id, "basis", old.rule.provenance, new.rule.provenance)


def _limits(rule: TimelinessRule) -> str:
    return "; ".join(
        f"{limit.working_days} working days when {rule_text(limit.rule)}"
        + (f" ({limit.label})" if limit.label else "")
        for limit in rule.limits
    )


def timeliness_changes(old: TimelinessRule, new: TimelinessRule) -> Iterator[Change]:
    """A time limit rule's dates, calendars, limits, the judgements it informs, provenance."""
    item = DiffItem.TIMELINESS
    yield from worded(item, new.id, old.title, new.title, ChangeKind.RETITLED)
    yield from ruled(item, new.id, "start", old.start, new.start)
    yield from ruled(item, new.id, "end", old.end, new.end)
    yield from ruled(
        item, new.id, "calendar_question", old.calendar_question, new.calendar_question
    )

    def calendars(rule: TimelinessRule) -> str:
        return "; ".join(f"{answer} -> {code}" for answer, code in rule.calendars)

    yield from ruled(item, new.id, "calendars", calendars(old), calendars(new))
    yield from ruled(item, new.id, "limits", _limits(old), _limits(new))
    yield from ruled(item, new.id, "beside", ", ".join(old.beside), ", ".join(new.beside))
    yield from provenance(item, new.id, "basis", old.provenance, new.provenance)
    for index, (before, after) in enumerate(zip(old.limits, new.limits, strict=False)):
        yield from provenance(
            item, new.id, f"limits[{index}].basis", before.rule.provenance, after.rule.provenance
        )


def check_changes(old: Check, new: Check) -> Iterator[Change]:
    """A plausibility check's condition, severity, message and provenance."""
    item = DiffItem.CHECK
    yield from ruled(item, new.id, "expect", rule_text(old.rule), rule_text(new.rule))
    yield from ruled(item, new.id, "severity", old.severity, new.severity)
    yield from worded(item, new.id, old.message, new.message, ChangeKind.REWORDED, "message")
    yield from provenance(item, new.id, "basis", old.rule.provenance, new.rule.provenance)
