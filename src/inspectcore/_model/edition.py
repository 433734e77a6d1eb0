"""The edition model: kinds, facts, sections, groups and questions, all frozen."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from .._errors import UnknownQuestionError
from .documents import SourceDocument
from .domains import Domain, Text
from .provenance import UNRECORDED, Provenance
from .rules import GroupScoring, RatingRules, Rule, TimelinessRule
from .text import LocalText

BUILTIN_KINDS = (
    "information",
    "judgement",
    "explanation",
    "narrative",
    "classification",
    "summary_judgement",
)
"""Question kinds every edition may use; an edition can declare more."""


def normalise_id(question_id: str) -> str:
    """The form used to match ids typed by people: spaces removed (``A1.1`` for ``A 1.1``)."""
    return "".join(question_id.split())


@attrs.frozen
class GuidanceBlock:
    """A titled block of guidance text (paragraphs separated by blank lines)."""

    title: LocalText
    text: LocalText
    origin: str = ""
    """The extension that added this block, or "" when it is the edition's own."""


@attrs.frozen
class Links:
    """How a question relates to others and to the groups it counts towards."""

    counts_towards: tuple[str, ...] = ()
    """Groups (criteria, themes, modules) or sections this question's judgement counts towards."""
    explains: str | None = None
    """For an explanation: the judgement whose insufficiency it explains."""
    other_goes_to: str | None = None
    """For an explanation: the narrative question that must describe an "Other" reason."""
    key_question: str | None = None
    """For a prompt: the key question (a section) it belongs to."""
    summarises: str | None = None
    """For a summary judgement: the key question (a section) it answers."""
    depends_on: tuple[str, ...] = ()
    """Questions whose change puts this answer up for review (besides those its rule reads)."""
    per_option_of: str | None = None
    """A multiple-choice question: this one is answered once per option chosen there."""


@attrs.frozen
class Kind:
    """A question kind and the defaults an edition gives it."""

    id: str
    answer: Domain | None = None
    answer_provenance: Provenance = UNRECORDED
    scored: bool = False
    scored_provenance: Provenance = UNRECORDED
    sufficient: tuple[str, ...] = ()
    insufficient: tuple[str, ...] = ()

    @property
    def is_judgement(self) -> bool:
        """Whether answers of this kind are judged sufficient or insufficient."""
        return bool(self.sufficient or self.insufficient)


@attrs.frozen
class Fact:
    """An inspection-context fact, shared by every case of one inspection."""

    id: str
    text: LocalText
    answer: Domain
    answer_provenance: Provenance = UNRECORDED


@attrs.frozen
class Section:
    """A node of the edition's section tree (a view, a standard, a key question …)."""

    id: str
    level: str
    title: LocalText
    parent: str | None = None
    applies: Rule | None = None
    guidance: tuple[GuidanceBlock, ...] = ()
    note: str = ""


@attrs.frozen
class Group:
    """Something judgements count towards besides sections: a criterion, theme or module."""

    id: str
    kind: str
    title: LocalText | None = None
    part_of: tuple[str, ...] = ()
    part_of_provenance: Provenance = UNRECORDED


@attrs.frozen
class AnswerRule:
    """An answer the document prescribes in a situation it describes in words.

    For example CARaG's P 2 S: "Where there are no factors related to keeping the
    child safe, inspectors will answer 'Yes'." The situation is the inspector's
    call, so the engine shows the rule rather than applying it.
    """

    answer: str
    when: str
    provenance: Provenance = UNRECORDED


@attrs.frozen
class CarriedFrom:
    """The question of another edition that a question was carried forward from.

    An extension may carry a question an older edition asked onto a newer
    edition that lacks it; the wording and guidance are then the older
    edition's, and this says which, and why it was carried.
    """

    edition: str
    question: str
    provenance: Provenance = UNRECORDED


@attrs.frozen
class Judged:
    """A question's own sufficient and insufficient answers, where its kind's do not fit.

    Answers in neither (``N/A``, "Insufficient Evidence") are not counted at all.
    """

    sufficient: tuple[str, ...]
    insufficient: tuple[str, ...]
    provenance: Provenance = UNRECORDED


@attrs.frozen
class Question:
    """One question, with its id exactly as printed in the source document."""

    id: str
    kind: str
    section: str
    answer: Domain
    text: LocalText | None = None
    text_note: str = ""
    location: str = ""
    answer_provenance: Provenance = UNRECORDED
    scored: bool = False
    scored_provenance: Provenance = UNRECORDED
    required: bool = True
    required_provenance: Provenance = UNRECORDED
    applies: Rule | None = None
    guidance: tuple[GuidanceBlock, ...] = ()
    links: Links = Links()
    answer_rules: tuple[AnswerRule, ...] = ()
    origin: str = ""
    """The edition or extension that contributed this question."""
    carried_from: CarriedFrom | None = None
    """The older edition's question this one was carried forward from, if any."""
    judged: Judged | None = None
    """Which answers count as sufficient or insufficient, when not its kind's."""
    prompt: LocalText | None = None
    """Where the document prints no wording: what to ask, built from what it prints
    (never set with :attr:`text`); see :func:`~inspectcore.question_prompt`."""
    prompt_provenance: Provenance = UNRECORDED
    """What :attr:`prompt` was built from (always ``derived``)."""

    @property
    def wording(self) -> str:
        """The English wording, or "" where the document gives none."""
        return self.text.en if self.text is not None else ""


NARRATIVE_KIND = "narrative"
"""The kind of question answered in free text about the case."""


def is_narrative(question: Question) -> bool:
    """Whether a question's answers are free text about the case: its kind is narrative, or
    it is answered in free text that its edition does not mark a fact (``fact = true``: a
    category held as text, such as the child's gender). Such answers are narrative about a
    child, left out of exports and agreement lists unless asked for."""
    answer = question.answer
    return question.kind == NARRATIVE_KIND or (isinstance(answer, Text) and not answer.fact)


@attrs.frozen
class Exclusion:
    """A rule that takes a case out of the inspection sample, and the reason given."""

    id: str
    rule: Rule
    reason: str


CHECK_SEVERITIES = ("error", "warning")
"""How serious a broken plausibility check is: an error makes the case invalid."""


@attrs.frozen
class Check:
    """A plausibility check: a condition a case's answers must meet, and what to say if not.

    ``rule`` holds the condition that must hold (``expect`` in edition data) with its
    provenance. It is tested only once every answer it names is given and applies, and
    every fact it names is set: a missing answer is the ``required`` rule's business.
    """

    id: str
    rule: Rule
    severity: str
    """One of :data:`CHECK_SEVERITIES`."""
    message: str


@attrs.frozen
class AppliedExtension:
    """An extension layered onto an edition, as recorded in case files."""

    id: str
    version: str
    distribution: str = ""


@attrs.frozen
class Edition:
    """One guidance edition, with any extensions already layered on.

    Look questions up with :meth:`question`, which accepts ids as printed or
    with their spaces removed.
    """

    id: str
    title: str
    version: str
    publisher: str
    published: str
    source: str
    licence: str
    copyright: str
    levels: tuple[str, ...]
    kinds: tuple[Kind, ...]
    facts: tuple[Fact, ...]
    sections: tuple[Section, ...]
    groups: tuple[Group, ...]
    questions: tuple[Question, ...]
    extensions: tuple[AppliedExtension, ...] = ()
    distribution: str = ""
    rating: RatingRules | None = None
    """How the edition rates sections from its figures, if it rates at all."""
    exclusions: tuple[Exclusion, ...] = ()
    """Rules that take a case out of the sample (it is then not scored)."""
    group_scoring: GroupScoring | None = None
    """How figures for criteria, themes and modules are computed, if the edition has any."""
    timeliness: tuple[TimelinessRule, ...] = ()
    """Time limits computed from a case's dates, shown as information beside judgements."""
    documents: tuple[SourceDocument, ...] = ()
    """The source documents shipped with the edition and its extensions (``source_file``)."""
    checks: tuple[Check, ...] = ()
    """Plausibility checks of a case's answers (dates in order, ages in range), tested by
    validation."""
    _by_id: dict[str, Question] = attrs.field(init=False, repr=False, eq=False)
    _by_loose_id: dict[str, Question] = attrs.field(init=False, repr=False, eq=False)
    # Validation asks for a judgement's explanations in every case it reads.
    _explanations: dict[str, tuple[Question, ...]] = attrs.field(init=False, repr=False, eq=False)
    # ... and each answer's kind (a scan of the kinds, and a default built, per answer).
    _kinds: dict[str, Kind] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        by_id = {q.id: q for q in self.questions}
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_by_loose_id", {normalise_id(q.id): q for q in self.questions})
        explanations: dict[str, tuple[Question, ...]] = {}
        for q in self.questions:
            if q.links.explains is not None:
                explanations[q.links.explains] = (*explanations.get(q.links.explains, ()), q)
        object.__setattr__(self, "_explanations", explanations)
        kinds: dict[str, Kind] = {}
        for kind in self.kinds:
            kinds.setdefault(kind.id, kind)  # the first of an id, as a scan finds it
        object.__setattr__(self, "_kinds", kinds)

    def question(self, question_id: str) -> Question:
        """The question with this id (as printed, or with spaces removed).

        Raises :class:`UnknownQuestionError` (a ``LookupError``) naming the edition.
        """
        found = self.find_question(question_id)
        if found is None:
            raise UnknownQuestionError(f"{self.id} has no question {question_id!r}")
        return found

    def find_question(self, question_id: str) -> Question | None:
        """The question with this id, or ``None``."""
        return self._by_id.get(question_id) or self._by_loose_id.get(normalise_id(question_id))

    def kind(self, kind_id: str) -> Kind:
        """The kind with this id (a built-in kind with no defaults if the edition sets none)."""
        found = self._kinds.get(kind_id)
        return Kind(kind_id) if found is None else found

    def judged_as(self, question: Question) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The answers that count as (sufficient, insufficient) for ``question``.

        The question's own ``judged`` when it has one, otherwise its kind's.
        """
        if question.judged is not None:
            return question.judged.sufficient, question.judged.insufficient
        kind = self.kind(question.kind)
        return kind.sufficient, kind.insufficient

    def section(self, section_id: str) -> Section | None:
        """The section with this id, or ``None``."""
        return next((s for s in self.sections if s.id == section_id), None)

    def fact(self, fact_id: str) -> Fact | None:
        """The inspection-context fact with this id, or ``None``."""
        return next((f for f in self.facts if f.id == fact_id), None)

    def group(self, group_id: str) -> Group | None:
        """The group (criterion, theme, module) with this id, or ``None``."""
        return next((g for g in self.groups if g.id == group_id), None)

    def section_path(self, section_id: str) -> tuple[Section, ...]:
        """The sections from the outermost down to ``section_id``."""
        path: list[Section] = []
        seen: set[str] = set()
        current = self.section(section_id)
        while current is not None and current.id not in seen:
            seen.add(current.id)
            path.append(current)
            current = self.section(current.parent) if current.parent else None
        return tuple(reversed(path))

    def questions_in(self, section_id: str) -> Iterator[Question]:
        """The questions in a section or any section below it, in order."""
        for question in self.questions:
            if any(s.id == section_id for s in self.section_path(question.section)):
                yield question

    def explanations_of(self, question_id: str) -> tuple[Question, ...]:
        """The explanation questions that explain this judgement."""
        return self._explanations.get(question_id, ())
