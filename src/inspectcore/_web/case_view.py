"""What the recording form shows of a case: each step asked now, with its answer and guidance.

Nothing here decides what applies: :class:`~inspectcore.AssessmentSession` does, through
the library's routing, as ``inspectcore assess`` asks; the problems and the answers to
review are :func:`~inspectcore.validate`'s, with its messages.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from .._assessment.prompts import question_prompt
from .._assessment.session import AssessmentSession, AssessmentStep
from .._assessment.validation import Problem, ProblemCode, validate
from .._cases.inspection_file import inspection_disagreements
from .._model.edition import Fact

if TYPE_CHECKING:
    from .._cases.case import CaseAssessment
    from .._model.domains import Value
    from .._model.edition import Edition
    from .._model.text import LocalText
    from .._store.records import StoredInspection

LANG = "en"


def text(value: LocalText | None) -> str:
    """English text (the recorder is in English; Welsh text is the extension's, not asked for)."""
    return value.get(LANG)[0] if value is not None else ""


def anchor(step: AssessmentStep) -> str:
    """The step's HTML id: its id (and option), letters and digits only."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", str(step)).strip("-")
    return f"{'f' if step.is_fact else 'q'}-{slug}"


def shown_value(value: Value | None) -> str:
    """An answer as the page shows it (as ``assess`` shows it)."""
    if value is None:
        return "not answered"
    if isinstance(value, tuple):
        return "; ".join(value) if value else "none chosen"
    return str(value)


@attrs.frozen
class StepView:
    """One form of the page: a fact or question, its answer, guidance and problems."""

    step: AssessmentStep
    anchor: str
    kind: str
    """The answer's domain type: yes_no, single_choice, multiple_choice, integer, text, date."""
    label: str
    prompt: str
    derived: bool
    """Whether the prompt is built by the engine (the document prints no wording)."""
    context: str
    """For an explanation: the wording of the judgement it explains."""
    options: tuple[tuple[str, str], ...]
    """(value, definition) of each option."""
    chosen: tuple[str, ...]
    entered: str
    """The current answer as text (for number, date and text answers)."""
    current: str
    note: str
    guidance: tuple[tuple[str, str], ...]
    problems: tuple[Problem, ...]
    review: bool
    heading: str
    """The section path to show above it when it opens a section, else ""."""
    hint: str


@attrs.frozen
class CaseView:
    """The whole page's content for one case."""

    steps: tuple[StepView, ...]
    problems: tuple[tuple[str, str], ...]
    """(place, message) as ``validate`` prints them (``question: message``)."""
    stale: tuple[str, ...]
    answered: str
    errors: int


def _problem_line(problem: Problem) -> tuple[str, str]:
    where = problem.question or problem.location
    prefix = "warning: " if not problem.is_error else ""
    return where, prefix + problem.message


def case_view(
    edition: Edition, case: CaseAssessment, inspection: StoredInspection | None = None
) -> CaseView:
    """What the page shows of ``case`` under ``edition`` now."""
    session = AssessmentSession(edition, case)
    problems = validate(edition, case)
    by_question: dict[str, list[Problem]] = {}
    for problem in problems:
        by_question.setdefault(problem.question, []).append(problem)
    lines = [_problem_line(p) for p in problems]
    if inspection is not None and inspection.settings is not None:
        errors = [("context", m) for m in inspection_disagreements(case, inspection.settings)]
        lines += errors
    else:
        errors = []
    views: list[StepView] = []
    section: str | None = None
    steps = session.steps()
    for step in steps:
        heading = ""
        if isinstance(step.target, Fact):
            if section is None:
                heading = "Inspection facts (the same for every case of the inspection)"
                section = ""
        elif step.target.section != section:
            section = step.target.section
            heading = " › ".join(text(s.title) for s in edition.section_path(section))
        views.append(_step_view(session, step, by_question, heading))
    left = session.unanswered()
    questions = [s for s in steps if not s.is_fact]
    done = sum(1 for s in questions if s not in left)
    return CaseView(
        steps=tuple(views),
        problems=tuple(lines),
        stale=tuple(str(s) for s in session.stale()),
        answered=f"{done} of {len(questions)} questions answered",
        errors=sum(1 for p in problems if p.is_error) + len(errors),
    )


def _step_view(
    session: AssessmentSession,
    step: AssessmentStep,
    by_question: dict[str, list[Problem]],
    heading: str,
) -> StepView:
    target = step.target
    domain = step.domain
    current = session.current(step)
    options = tuple((o.value, text(o.definition)) for o in getattr(domain, "options", ()))
    guidance: tuple[tuple[str, str], ...] = ()
    problems: tuple[Problem, ...] = ()
    if isinstance(target, Fact):
        prompt, derived, context, label = text(target.text), False, "", target.id
    else:
        built = question_prompt(session.edition, target)
        prompt, derived = text(built.text), built.derived
        context = text(built.context) if target.links.explains else ""
        guidance = tuple((text(b.title), text(b.text)) for b in target.guidance)
        label = target.id if step.option is None else f"{target.id}: {step.option}"
        problems = tuple(
            p for p in by_question.get(target.id, ()) if p.code is not ProblemCode.MISSING_ANSWER
        )
    chosen: tuple[str, ...] = ()
    if isinstance(current, tuple):
        chosen = current
    elif isinstance(current, str) and options:
        chosen = (current,)
    return StepView(
        step=step,
        anchor=anchor(step),
        kind=domain.type,
        label=label,
        prompt=prompt,
        derived=derived,
        context=context,
        options=options,
        chosen=chosen,
        entered="" if current is None or options else str(current),
        current=shown_value(current),
        note=session.note(step),
        guidance=guidance,
        problems=problems,
        review=any(p.code is ProblemCode.NEEDS_REVIEW for p in problems),
        heading=heading,
        hint="" if options else domain.describe(),
    )
