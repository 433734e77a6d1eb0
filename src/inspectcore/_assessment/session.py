"""An assessment session: the questionnaire's logic, with no terminal in it.

A :class:`AssessmentSession` pairs an edition with a case. It says what to ask next (the
inspection facts first, then the first unanswered question that applies, in the
edition's order), reads typed replies, and records answers, returning a new
session and what the answer changed: which other answers now need review, which
stopped applying, which questions started to apply. Sessions are immutable, so
the command line can save the case after every answer and lose nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import attrs

from .._cases.case import Answer, CaseAssessment, PerOption
from .._cases.fact_answers import with_fact_answers
from .._errors import UnknownQuestionError
from .._model.domains import Domain, Value
from .._model.edition import Edition, Exclusion, Fact, Question, normalise_id
from .._routing.routed import route
from .._routing.router import Applicability, Router
from .replies import nearest, parse_reply
from .validation import Problem, failed_check, review_sources


@attrs.frozen
class AssessmentStep:
    """One thing the questionnaire asks: an inspection fact, or a question.

    A question answered once per option chosen in another (``links.per_option_of``)
    is asked in one step per chosen option, named by ``option``.
    """

    target: Fact | Question = attrs.field(eq=False, repr=False)
    is_fact: bool
    id: str
    option: str | None = None

    @classmethod
    def of(cls, target: Fact | Question, option: str | None = None) -> AssessmentStep:
        """The step that asks ``target`` (for one ``option`` of a per-option question)."""
        return cls(target, isinstance(target, Fact), target.id, option)

    @property
    def domain(self) -> Domain:
        """The answers this step accepts."""
        return self.target.answer

    def __str__(self) -> str:
        return f"{self.id} [{self.option}]" if self.option is not None else self.id


@attrs.frozen
class StaleAnswer:
    """An answer kept in the case that no longer applies (or one option's part of it)."""

    question: str
    option: str | None = None
    """For a per-option answer: the option that is no longer chosen."""

    def __str__(self) -> str:
        return f"{self.question} [{self.option}]" if self.option is not None else self.question


@attrs.frozen
class RecordedAnswer:
    """The outcome of recording one answer."""

    session: AssessmentSession
    """The session over the case with the answer in it."""
    changed: bool
    """Whether an earlier, different answer was replaced."""
    needs_review: tuple[str, ...] = ()
    """Answered questions that still apply and read the changed answer, in edition order."""
    no_longer_apply: tuple[StaleAnswer, ...] = ()
    """Answers (or per-option parts of them) that applied before this answer and do not now."""
    now_apply: tuple[str, ...] = ()
    """Unanswered questions that did not apply before this answer and do now."""
    newly_excluded: tuple[Exclusion, ...] = ()
    """Exclusion rules that hold for the case now and did not before."""
    no_longer_excluded: tuple[Exclusion, ...] = ()
    """Exclusion rules that held for the case before and do not now."""
    failed_checks: tuple[Problem, ...] = ()
    """The edition's plausibility checks that read this answer and do not hold
    (``failed-check`` problems, as validation reports them)."""


def _chosen(value: object) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else ()


@attrs.frozen
class AssessmentSession:
    """The questionnaire over one case under one edition (with its extensions)."""

    edition: Edition
    case: CaseAssessment
    _router: Router = attrs.field(init=False, eq=False, repr=False)
    _answers: dict[str, Answer] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # an older case file's answers to what the edition now asks as inspection facts are
        # taken as its facts, so they are not asked again (and are saved as facts)
        object.__setattr__(self, "case", with_fact_answers(self.edition, self.case))
        object.__setattr__(self, "_router", Router(self.edition, self.case))
        object.__setattr__(self, "_answers", {a.question: a for a in self.case.answers})

    # -- what to ask -------------------------------------------------------------------------

    def steps(self) -> tuple[AssessmentStep, ...]:
        """Everything that is asked of this case now, in order: facts, then questions."""
        steps = [AssessmentStep.of(fact) for fact in self.edition.facts]
        for question in self.edition.questions:
            if self._router.check(question).applies:
                steps += self.steps_of(question)
        return tuple(steps)

    def steps_of(self, target: Fact | Question) -> tuple[AssessmentStep, ...]:
        """The steps that ask ``target``: one, or one per option chosen in its source question."""
        if isinstance(target, Question) and target.links.per_option_of:
            chosen = _chosen(self._router.answer(target.links.per_option_of))
            return tuple(AssessmentStep.of(target, option) for option in chosen)
        return (AssessmentStep.of(target),)

    def status(self, question: Question) -> Applicability:
        """Whether ``question`` applies to the case now, and why not."""
        return self._router.check(question)

    def is_answered(self, step: AssessmentStep) -> bool:
        """Whether the case holds an answer for this step."""
        return self.current(step) is not None

    def current(self, step: AssessmentStep) -> Value | None:
        """The case's answer for this step, or ``None``."""
        if step.is_fact:
            return self.case.fact(step.id)
        answer = self._answers.get(step.id)
        if answer is None:
            return None
        if step.option is None:
            return None if isinstance(answer.value, PerOption) else answer.value
        return answer.value.get(step.option) if isinstance(answer.value, PerOption) else None

    def note(self, step: AssessmentStep) -> str:
        """The note recorded with the answer to this step's question, or ""."""
        answer = None if step.is_fact else self._answers.get(step.id)
        return answer.note if answer is not None else ""

    def next_step(self, skipped: Collection[AssessmentStep] = ()) -> AssessmentStep | None:
        """The first unanswered step that is not in ``skipped``, or ``None`` when none is left."""
        return next((s for s in self.steps() if s not in skipped and not self.is_answered(s)), None)

    def unanswered(self) -> tuple[AssessmentStep, ...]:
        """Every step still to be answered."""
        return tuple(s for s in self.steps() if not self.is_answered(s))

    def previous_step(self, step: AssessmentStep) -> AssessmentStep | None:
        """The step asked before ``step`` (answered or not), or ``None`` at the first."""
        steps = self.steps()
        if step not in steps:
            return steps[-1] if steps else None
        index = steps.index(step)
        return steps[index - 1] if index > 0 else None

    def find(self, ident: str) -> Fact | Question:
        """A fact (by id) or question (as printed, or without spaces, in any case) to go to.

        Raises :class:`UnknownQuestionError` naming the nearest id when one is close.
        """
        fact = self.edition.fact(ident.strip())
        if fact is not None:
            return fact
        question = self.edition.find_question(ident.strip())
        if question is not None:
            return question
        # Ids are matched in any letter case ("a1.1", "c 2"): no edition has two ids that
        # differ only in case, and people type them lower-case.
        targets: list[Fact | Question] = [*self.edition.facts, *self.edition.questions]
        by_loose = {normalise_id(t.id).casefold(): t for t in targets}
        found = by_loose.get(normalise_id(ident).casefold())
        if found is not None:
            return found
        near = nearest(ident, [t.id for t in targets])
        hint = f"; did you mean {near}?" if near is not None else ""
        raise UnknownQuestionError(f"{self.edition.id} has no question or fact {ident!r}{hint}")

    def parse(self, step: AssessmentStep, reply: str) -> Value:
        """Read a typed reply as an answer for ``step``; raise ``ReplyError`` saying why not."""
        return parse_reply(step.domain, reply)

    def excluded(self) -> tuple[Exclusion, ...]:
        """The edition's exclusion rules that take this case out of the sample."""
        return self._router.exclusions()

    # -- recording ---------------------------------------------------------------------------

    def record(
        self, step: AssessmentStep, value: Value, *, at: dt.datetime, note: str | None = None
    ) -> RecordedAnswer:
        """A new session with ``value`` recorded for ``step``, and what that changed.

        Answers are stamped ``at`` (facts are context, and carry no stamp); ``note``
        replaces the answer's note when given. Recording the same value again
        re-stamps it, which is how an answer flagged for review is confirmed; the
        rest of the answer (such as where a carried answer came from) is kept. A
        new value replaces the whole answer.
        """
        if (why := step.domain.check(value)) is not None:
            raise ValueError(f"{step}: {why}")
        before = self.current(step)
        if step.is_fact:
            context = dict(self.case.context)
            context[step.id] = value
            case = attrs.evolve(self.case, context=context)
        else:
            case = self.case.with_answer(self._answer(step, value, at, note))
        after = AssessmentSession(self.edition, case)
        changed = before is not None and before != value
        if changed and not step.is_fact:
            needs_review = tuple(
                q.id
                for q in self.edition.questions
                if q.id != step.id
                and q.id in after._answers
                and after.status(q).applies
                and step.id in review_sources(self.edition, q)
            )
        else:
            needs_review = ()
        stale_before = set(self.stale())
        was_asked = {q.id for q in self.edition.questions if self.status(q).applies}
        excluded_before = set(self.excluded())
        return RecordedAnswer(
            session=after,
            changed=changed,
            needs_review=needs_review,
            no_longer_apply=tuple(s for s in after.stale() if s not in stale_before),
            now_apply=tuple(
                q.id
                for q in self.edition.questions
                if q.id not in was_asked and q.id not in after._answers and after.status(q).applies
            ),
            newly_excluded=tuple(e for e in after.excluded() if e not in excluded_before),
            no_longer_excluded=tuple(e for e in self.excluded() if e not in set(after.excluded())),
            failed_checks=after.failed_checks(step.id, at.date()),
        )

    def failed_checks(self, step_id: str, today: dt.date) -> tuple[Problem, ...]:
        """The failed-check problems of the checks that read the question or fact ``step_id``."""
        reading = [
            c for c in self.edition.checks if any(r.id == step_id for r in c.rule.condition.refs())
        ]
        if not reading:
            return ()
        routed = route(self.edition, self.case)
        return tuple(
            problem
            for check in reading
            for problem in failed_check(self.edition, routed, check, today.isoformat())
        )

    def _answer(
        self, step: AssessmentStep, value: Value, at: dt.datetime, note: str | None
    ) -> Answer:
        earlier = self._answers.get(step.id)
        kept_note = earlier.note if earlier is not None else ""
        stored: Value | PerOption = value
        if step.option is not None and isinstance(step.target, Question):
            items = (
                dict(earlier.value.items)
                if earlier and isinstance(earlier.value, PerOption)
                else {}
            )
            items[step.option] = value
            # Options in the order chosen in the source question; any others after them.
            source = step.target.links.per_option_of
            order = _chosen(self._router.answer(source)) if source else ()
            ranked = sorted(items, key=lambda k: order.index(k) if k in order else len(order))
            stored = PerOption(tuple((k, items[k]) for k in ranked))
        note = kept_note if note is None else note
        if earlier is not None and earlier.value == stored:
            # Confirmed as it was: keep everything else about it (where a carried answer
            # came from, say). A different value is the inspector's own, and starts afresh.
            return attrs.evolve(earlier, note=note, answered_at=at)
        return Answer(question=step.id, value=stored, note=note, answered_at=at)

    # -- answers that no longer apply --------------------------------------------------------

    def stale(self) -> tuple[StaleAnswer, ...]:
        """Answers kept in the case for questions that do not apply now, in edition order.

        Per-option answers also list the options no longer chosen in their source
        question. Validation reports all of these as errors.
        """
        found: list[StaleAnswer] = []
        for question in self.edition.questions:
            answer = self._answers.get(question.id)
            if answer is None:
                continue
            if not self.status(question).applies:
                found.append(StaleAnswer(question.id))
            elif question.links.per_option_of and isinstance(answer.value, PerOption):
                chosen = _chosen(self._router.answer(question.links.per_option_of))
                found += (
                    StaleAnswer(question.id, k) for k, _ in answer.value.items if k not in chosen
                )
        return tuple(found)

    def tidy(self) -> AssessmentSession:
        """A session whose case has every :meth:`stale` answer (or option's part) removed."""
        stale = self.stale()
        whole = {s.question for s in stale if s.option is None}
        parts = {(s.question, s.option) for s in stale if s.option is not None}
        answers: list[Answer] = []
        for answer in self.case.answers:
            if answer.question in whole:
                continue
            if isinstance(answer.value, PerOption) and any(q == answer.question for q, _ in parts):
                items = tuple(
                    (k, v) for k, v in answer.value.items if (answer.question, k) not in parts
                )
                if not items:
                    continue
                answer = attrs.evolve(answer, value=PerOption(items))
            answers.append(answer)
        return AssessmentSession(self.edition, attrs.evolve(self.case, answers=answers))
