"""The records of an edition diff: what changed, how, and the words that changed."""

from __future__ import annotations

import difflib
import enum

import attrs


class DiffItem(enum.Enum):
    """What kind of thing changed."""

    SECTION = "section"
    GROUP = "group"
    FACT = "fact"
    QUESTION = "question"
    KIND = "kind"
    """A question kind: its default answers and scoring."""
    RATING = "rating"
    """The rating rules: levels and bands (one item, named by the edition's id)."""
    GROUP_SCORING = "group scoring"
    """How criteria, themes and modules get figures (one item, named by the edition's id)."""
    EXCLUSION = "exclusion"
    """A rule that takes a case out of the sample."""
    TIMELINESS = "timeliness"
    """A time limit rule (working days between two dates)."""
    CHECK = "check"
    """A plausibility check."""


class ChangeKind(enum.Enum):
    """How it changed."""

    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"
    """A section's parent or a question's section changed, or its place among the common items."""
    RETITLED = "retitled"
    """A section's or group's title changed."""
    REWORDED = "reworded"
    """A question's or fact's wording changed (``Change.wording`` shows how)."""
    KIND_CHANGED = "kind"
    """A question's kind, a section's level or a group's kind changed."""
    ANSWER_CHANGED = "answer"
    """The answer domain changed: its type, options, bounds or sentinels."""
    APPLICABILITY_CHANGED = "applicability"
    """The ``applies`` condition changed (compared as source text)."""
    SCORING_CHANGED = "scoring"
    """Whether it is scored, what it counts towards or summarises, or its sufficient answers."""
    RULE_CHANGED = "rule"
    """A part of a rule (``Change.detail`` names its data key): a rating band, an exclusion's
    condition, a time limit, a check's condition or severity, the group scoring method, a
    question's routing links (``links.depends_on``...)."""
    ANSWER_RULES_CHANGED = "answer rules"
    """The answers the document prescribes for a question, and when."""
    GUIDANCE_CHANGED = "guidance"
    """A guidance block's text (``Change.detail`` names it; ``Change.wording`` shows how)."""
    PROVENANCE_CHANGED = "provenance"
    """What a rule's or answer's provenance says (``Change.detail`` names its ``*_basis``
    key; ``Change.wording`` shows how)."""


@attrs.frozen
class WordDiff:
    """A word-level diff of two wordings: runs of equal (" "), removed ("-") and added ("+")."""

    segments: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, before: str, after: str) -> WordDiff:
        """Diff two texts word by word (whitespace differences are not changes)."""
        old, new = before.split(), after.split()
        segments: list[tuple[str, str]] = []
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                segments.append((" ", " ".join(old[i1:i2])))
                continue
            if i2 > i1:
                segments.append(("-", " ".join(old[i1:i2])))
            if j2 > j1:
                segments.append(("+", " ".join(new[j1:j2])))
        return cls(tuple(segments))

    def render(
        self, removed: tuple[str, str] = ("[-", "-]"), added: tuple[str, str] = ("{+", "+}")
    ) -> str:
        """One line with removed and added words marked (``git diff --word-diff`` style)."""
        marks = {"-": removed, "+": added, " ": ("", "")}
        return " ".join(f"{marks[op][0]}{text}{marks[op][1]}" for op, text in self.segments)

    def __str__(self) -> str:
        return self.render()


@attrs.frozen
class Change:
    """One change between the old and the new edition."""

    item: DiffItem
    kind: ChangeKind
    id: str
    before: str = ""
    """The old state, in words ("" for an addition)."""
    after: str = ""
    """The new state, in words ("" for a removal)."""
    detail: str = ""
    """What exactly differs, when ``before``/``after`` do not say it at a glance."""
    wording: WordDiff | None = None
    """For rewordings and retitlings: the word-level diff."""


@attrs.frozen
class EditionDiff:
    """Every change from ``old`` to ``new``: sections, groups, facts, questions, then the
    edition's rules (kinds, rating, group scoring, exclusions, timeliness rules, checks)."""

    old_id: str
    old_version: str
    new_id: str
    new_version: str
    changes: tuple[Change, ...]

    def of(self, item: DiffItem, kind: ChangeKind | None = None) -> tuple[Change, ...]:
        """The changes to one kind of item, optionally of one kind of change."""
        return tuple(c for c in self.changes if c.item is item and (kind is None or c.kind is kind))

    def counts(self) -> dict[tuple[DiffItem, ChangeKind], int]:
        """How many changes of each kind there are, per item (only those that occur)."""
        found: dict[tuple[DiffItem, ChangeKind], int] = {}
        for change in self.changes:
            found[(change.item, change.kind)] = found.get((change.item, change.kind), 0) + 1
        return found
