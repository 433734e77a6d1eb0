"""Validating a case assessment against its edition: structured problems, never exceptions."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator

import attrs

from .._cases.case import Answer, CaseAssessment, PerOption, comparable_time, judgements
from .._cases.fact_answers import fact_answer_conflicts, with_fact_answers
from .._loading.gates import gates_of
from .._loading.lint import Severity
from .._model.conditions import MISSING, show_value
from .._model.edition import Check, Edition, Question
from .._routing.evaluate import holds
from .._routing.routed import RoutedCase, route
from .._util.terminal import control_characters
from .prompts import question_prompt


class ProblemCode(enum.Enum):
    """What kind of problem validation found."""

    EDITION_MISMATCH = "edition-mismatch"
    EDITION_VERSION = "edition-version"
    EXTENSION_VERSION = "extension-version"
    EXTENSION_MISSING = "extension-missing"
    UNKNOWN_FACT = "unknown-fact"
    INVALID_FACT = "invalid-fact"
    MISSING_FACT = "missing-fact"
    UNKNOWN_QUESTION = "unknown-question"
    INVALID_VALUE = "invalid-value"
    NOT_APPLICABLE = "not-applicable"
    MISSING_ANSWER = "missing-answer"
    MISSING_EXPLANATION = "missing-explanation"
    MISSING_OTHER_TEXT = "missing-other-text"
    NEEDS_REVIEW = "needs-review"
    CONTROL_CHARACTERS = "control-characters"
    """Control characters (escape codes, bells, carriage returns) in the case's text: an
    error in references, facts, ids and options, a warning in notes and free text."""
    FAILED_CHECK = "failed-check"
    """An edition's plausibility check (``[[checks]]``) does not hold: dates out of order,
    an age out of range, a date in the future. An error or a warning, as the check says."""


@attrs.frozen
class Problem:
    """One thing wrong with a case: what, how serious, which question, and where in the file."""

    code: ProblemCode
    severity: Severity
    message: str
    question: str = ""
    location: str = ""
    """The key path in the case file, e.g. ``answers."1.1.1".value``."""

    @property
    def is_error(self) -> bool:
        """Whether the problem makes the case invalid (warnings do not)."""
        return self.severity is Severity.ERROR


def _answer_path(question_id: str, key: str = "value") -> str:
    return f'answers."{question_id}".{key}' if key else f'answers."{question_id}"'


def validate(
    edition: Edition, case: CaseAssessment | RoutedCase, *, today: dt.date | None = None
) -> tuple[Problem, ...]:
    """Every problem of ``case`` under ``edition``: errors and warnings, in edition order.

    A case given already routed under ``edition`` (a :class:`~inspectcore.RoutedCase`)
    is not routed again. ``today`` is the date the edition's checks take for ``today()``
    (default: the computer's date).
    """
    routed = route(edition, case)
    day = (today or dt.date.today()).isoformat()
    # an older case file's answers to what the edition now asks as inspection facts are its
    # facts (the router reads them so too); one that disagrees with the context is reported
    read = with_fact_answers(edition, routed.case)
    return tuple(_Validator(edition, read, routed, day).run())


@attrs.define
class _Validator:
    edition: Edition
    case: CaseAssessment
    routed: RoutedCase
    today: str = ""

    def error(
        self, code: ProblemCode, message: str, question: str = "", location: str = ""
    ) -> Problem:
        return Problem(code, Severity.ERROR, message, question, location)

    def warning(
        self, code: ProblemCode, message: str, question: str = "", location: str = ""
    ) -> Problem:
        return Problem(code, Severity.WARNING, message, question, location)

    def run(self) -> Iterator[Problem]:
        header = tuple(self.header())
        yield from header
        yield from self.controls()
        if any(p.code is ProblemCode.EXTENSION_MISSING for p in header):
            return  # the answers need the extension's questions: checking them only repeats this
        yield from self.context()
        answers = {a.question: a for a in self.case.answers}
        for fact_id, message in fact_answer_conflicts(self.edition, self.case):
            yield self.error(ProblemCode.INVALID_FACT, message, location=f"answers.{fact_id}")
        for answer in self.case.answers:
            found = self.edition.find_question(answer.question)
            if found is None and self.edition.fact(answer.question) is not None:
                continue  # a fact answered in an older file: reported just above if it differs
            if found is None or found.id != answer.question:
                # Case files name questions exactly as printed; any other spelling is ignored.
                hint = f"; did you mean {found.id!r}?" if found is not None else ""
                yield self.error(
                    ProblemCode.UNKNOWN_QUESTION,
                    f"{self.edition.id} {self.edition.version} has no question "
                    f"{answer.question!r}{hint}",
                    answer.question,
                    _answer_path(answer.question, ""),
                )
        for question in self.edition.questions:
            yield from self.question(question, answers.get(question.id), answers)
        for check in self.edition.checks:
            yield from failed_check(self.edition, self.routed, check, self.today)

    def header(self) -> Iterator[Problem]:
        ref, edition = self.case.edition, self.edition
        if ref.id != edition.id:
            yield self.error(
                ProblemCode.EDITION_MISMATCH,
                f"the case is for edition {ref.id!r}, not {edition.id!r}",
                location="edition",
            )
        elif ref.version and ref.version != edition.version:
            yield self.warning(
                ProblemCode.EDITION_VERSION,
                f"assessed under {ref.id} {ref.version}; checked against {edition.version}",
                location="edition_version",
            )
        installed = {e.id: e for e in edition.extensions}
        for used in self.case.extensions:
            here = installed.get(used.id)
            if here is None:
                dist = used.distribution or f"the distribution providing {used.id!r}"
                yield self.error(
                    ProblemCode.EXTENSION_MISSING,
                    f"assessed with extension {used.id!r} {used.version}, which {edition.id} is "
                    f"not loaded with here: install {dist} and layer it on (--with {used.id})",
                    location="extensions",
                )
            elif used.version and used.version != here.version:
                yield self.warning(
                    ProblemCode.EXTENSION_VERSION,
                    f"assessed with extension {used.id} {used.version}; installed "
                    f"is {here.version}",
                    location="extensions",
                )

    def controls(self) -> Iterator[Problem]:
        """Control characters anywhere in the case (escape codes, bells, carriage returns).

        In free text (notes, and answers to text questions) they are a warning: such
        text is often pasted from other systems, and moves no figure. Anywhere else
        (references, facts, ids, options) they make a value that looks right but is
        not, so they are an error.
        """
        for text, what, qid, key, free in self.texts():
            # Every text of a case passes here, so its location is spelt out only for a problem,
            # and a printable text (nearly every one) is not copied to be looked through.
            if text.isprintable():
                continue
            shown = control_characters(text.replace("\r\n", "\n"), "\n\t" if free else "")
            if shown:
                yield (self.warning if free else self.error)(
                    ProblemCode.CONTROL_CHARACTERS,
                    f"{what} holds control characters ({', '.join(shown)}): remove them",
                    qid,
                    _answer_path(qid, key) if qid else key,
                )

    def texts(self) -> Iterator[tuple[str, str, str, str, bool]]:
        """Every text of the case: ``(text, what it is, question, location, is free text)``;
        for an answer's text the location is the key within the answer (see :meth:`controls`)."""
        case = self.case
        for key in ("case", "assessor", "assessed_on"):
            yield getattr(case, key), f"the {key.replace('_', ' ')}", "", key, False
        for fact_id, value in case.context:
            yield fact_id, "a fact's id", "", f"context.{fact_id}", False
            for text in value if isinstance(value, tuple) else (value,):
                yield str(text), f"the fact {fact_id}", "", f"context.{fact_id}", False
        for answer in case.answers:
            qid = answer.question
            question = self.edition.find_question(qid)
            free = question is not None and question.answer.type == "text"
            yield qid, "the question id", qid, "", False
            yield answer.note, "the note", qid, "note", True
            yield answer.source, "the source", qid, "source", False
            if isinstance(answer.value, PerOption):
                for option, _ in answer.value.items:
                    yield option, "an option", qid, "value", False
            for item in judgements(answer.value):
                for text in item if isinstance(item, tuple) else (item,):
                    yield str(text), "the answer", qid, "value", free

    def context(self) -> Iterator[Problem]:
        for fact_id, value in self.case.context:
            fact = self.edition.fact(fact_id)
            if fact is None:
                known = ", ".join(f.id for f in self.edition.facts) or "none"
                yield self.error(
                    ProblemCode.UNKNOWN_FACT,
                    f"unknown inspection fact {fact_id!r} (known: {known})",
                    location=f"context.{fact_id}",
                )
            elif (why := fact.answer.check(value)) is not None:
                yield self.error(
                    ProblemCode.INVALID_FACT, f"{fact_id}: {why}", location=f"context.{fact_id}"
                )
        given = dict(self.case.context)
        for fact in self.edition.facts:
            if fact.id not in given:
                yield self.error(
                    ProblemCode.MISSING_FACT,
                    f"inspection fact {fact.id!r} ({fact.text.en}) is not set",
                    location="context",
                )

    def question(
        self, question: Question, answer: Answer | None, answers: dict[str, Answer]
    ) -> Iterator[Problem]:
        status = self.routed.check(question)
        qid = question.id
        if answer is None:
            if status.applies and question.required:
                prompt = question_prompt(self.edition, question).text.en
                yield self.error(
                    ProblemCode.MISSING_ANSWER,
                    f"no answer ({question.kind}: {_short(prompt)})",
                    qid,
                    _answer_path(qid, ""),
                )
            return
        if not status.applies:
            yield self.error(
                ProblemCode.NOT_APPLICABLE,
                f"answered, but the question does not apply: {status.reason}",
                qid,
                _answer_path(qid),
            )
            return
        yield from self.value(question, answer)
        yield from self.explanations(question, answer, answers)
        yield from self.other_text(question, answer, answers)
        yield from self.review(question, answer, answers)

    def value(self, question: Question, answer: Answer) -> Iterator[Problem]:
        qid = question.id
        if question.links.per_option_of:
            source = question.links.per_option_of
            chosen = self.routed.answer(source)
            if not isinstance(answer.value, PerOption):
                yield self.error(
                    ProblemCode.INVALID_VALUE,
                    f"answered once per option chosen in {source}: expected a table "
                    "of option = answer",
                    qid,
                    _answer_path(qid),
                )
                return
            expected = set(chosen) if isinstance(chosen, tuple) else set()
            given = {k for k, _ in answer.value.items}
            for option in sorted(expected - given):
                yield self.error(
                    ProblemCode.MISSING_ANSWER,
                    f"no answer for {option!r} (chosen in {source})",
                    qid,
                    _answer_path(qid),
                )
            for option in sorted(given - expected):
                yield self.error(
                    ProblemCode.INVALID_VALUE,
                    f"{option!r} is not among the options chosen in {source}",
                    qid,
                    _answer_path(qid),
                )
            for option, value in answer.value.items:
                if (wrong := question.answer.check(value)) is not None:
                    yield self.error(
                        ProblemCode.INVALID_VALUE, f"{option}: {wrong}", qid, _answer_path(qid)
                    )
            return
        if isinstance(answer.value, PerOption):
            why: str | None = "expected a single answer, not a table"
        else:
            why = question.answer.check(answer.value)
        if why is not None:
            yield self.error(ProblemCode.INVALID_VALUE, why, qid, _answer_path(qid))

    def explanations(
        self, question: Question, answer: Answer, answers: dict[str, Answer]
    ) -> Iterator[Problem]:
        _, insufficient = self.edition.judged_as(question)
        value = answer.value
        if not any(v in insufficient for v in judgements(value)):
            return
        shown = (
            ", ".join(f"{v!r} for {option}" for option, v in value.items if v in insufficient)
            if isinstance(value, PerOption)
            else repr(value)
        )
        for explanation in self.edition.explanations_of(question.id):
            if not explanation.required or explanation.id in answers:
                continue
            if self.routed.check(explanation).applies:
                yield self.error(
                    ProblemCode.MISSING_EXPLANATION,
                    f"judged {shown} but explanation {explanation.id} is not answered",
                    question.id,
                    _answer_path(explanation.id, ""),
                )

    def other_text(
        self, question: Question, answer: Answer, answers: dict[str, Answer]
    ) -> Iterator[Problem]:
        target = question.links.other_goes_to
        value = answer.value
        chose_other = value == "Other" or (isinstance(value, tuple) and "Other" in value)
        if not target or not chose_other:
            return
        narrative = answers.get(target)
        text = narrative.value if narrative is not None else ""
        if not isinstance(text, str) or not text.strip():
            yield self.error(
                ProblemCode.MISSING_OTHER_TEXT,
                f"'Other' chosen, but narrative question {target} gives no text",
                question.id,
                _answer_path(target),
            )

    def review(
        self, question: Question, answer: Answer, answers: dict[str, Answer]
    ) -> Iterator[Problem]:
        if answer.answered_at is None:
            return
        for source_id in sorted(review_sources(self.edition, question)):
            source = answers.get(source_id)
            if (
                source is not None
                and source.answered_at
                and comparable_time(source.answered_at) > comparable_time(answer.answered_at)
            ):
                yield self.warning(
                    ProblemCode.NEEDS_REVIEW,
                    f"answered before {source_id} changed "
                    f"({answer.answered_at:%Y-%m-%d %H:%M} < "
                    f"{source.answered_at:%Y-%m-%d %H:%M}): review it",
                    question.id,
                    _answer_path(question.id, "answered_at"),
                )


def failed_check(
    edition: Edition, routed: RoutedCase, check: Check, today: str
) -> Iterator[Problem]:
    """The problem of ``check`` in ``routed``, if it fails (``today`` an ISO date).

    A check is tested only once every answer it names is given, applies and is valid, and
    every fact it names is set: until then it has nothing to say (a missing or invalid
    answer is reported as such).
    """
    condition = check.rule.condition
    refs = tuple(dict.fromkeys(condition.refs()))
    shown, first = [], ""
    for ref in refs:
        if ref.source == "fact":
            value = routed.fact(ref.id)
        else:
            value = routed.answer(ref.id)
            question = edition.find_question(ref.id)
            if question is None or question.answer.check(value) is not None:
                return
            first = first or question.id
        if value is MISSING:
            return
        shown.append(f"{ref.id} = {show_value(value)}")
    if holds(condition, routed.answer, routed.fact, today):
        return
    if condition.uses_today():
        shown.append(f"today = {today}")
    severity = Severity.ERROR if check.severity == "error" else Severity.WARNING
    yield Problem(
        ProblemCode.FAILED_CHECK,
        severity,
        f"{check.message} ({', '.join(shown)}; check {check.id})",
        first,
        _answer_path(first) if first else "context",
    )


def review_sources(edition: Edition, question: Question) -> frozenset[str]:
    """Ids of the questions whose change puts an answer to ``question`` up for review.

    They are the questions its applicability rules read (its own, its sections',
    the judgement it explains, the question it is answered per option of) and
    those it names in ``links.depends_on``.
    """
    return frozenset((*gates_of(edition, question).questions, *question.links.depends_on))


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def is_valid(problems: tuple[Problem, ...]) -> bool:
    """Whether none of ``problems`` is an error."""
    return not any(p.is_error for p in problems)
