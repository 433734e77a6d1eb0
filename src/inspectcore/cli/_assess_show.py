"""What `inspectcore assess` shows for a step: heading, prompt, answers, guidance.

Long text is wrapped to the terminal's width, line by line: guidance is written one
paragraph or bullet ("- ") per line, and a terminal would otherwise break its words
anywhere.
"""

from __future__ import annotations

import shutil
import textwrap
from typing import TYPE_CHECKING

import click

from inspectcore import printable

from ._common import shown

if TYPE_CHECKING:
    from inspectcore import AssessmentSession, AssessmentStep, Value


def width() -> int:
    """The width to wrap to: the terminal's, at most 100 columns, so that lines stay readable."""
    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))


def wrapped(text: str, indent: str = "") -> str:
    """``text`` wrapped to the terminal, each of its lines on its own (bullets hang)."""
    out: list[str] = []
    for line in text.strip("\n").split("\n"):
        hang = indent + ("  " if line.lstrip().startswith(("- ", "• ")) else "")
        filled = textwrap.fill(
            line, width(), initial_indent=indent, subsequent_indent=hang, break_on_hyphens=False
        )
        out.append(filled or indent.rstrip())
    return "\n".join(out)


def show_value(value: Value) -> str:
    """An answer as shown to the inspector."""
    if isinstance(value, tuple):
        return "; ".join(value) if value else "none chosen"
    return str(value)


def answered(session: AssessmentSession) -> str:
    """How much is answered, counted as :func:`position` counts: "2 of 90 questions answered".

    Inspection facts are counted apart, so that the two never disagree.
    """
    steps, left = session.steps(), session.unanswered()
    questions = [s for s in steps if not s.is_fact]
    facts = [s for s in steps if s.is_fact]
    done = sum(1 for s in questions if s not in left)
    text = f"{done} of {len(questions)} questions answered"
    if facts:
        text += f", {sum(1 for s in facts if s not in left)} of {len(facts)} inspection facts"
    return text


def position(session: AssessmentSession, step: AssessmentStep) -> str:
    """Where ``step`` is among everything asked of the case now: "question 24 of 92"."""
    steps = session.steps()
    questions = [s for s in steps if not s.is_fact]
    if step.is_fact:
        facts = [s for s in steps if s.is_fact]
        return f"inspection fact {facts.index(step) + 1} of {len(facts)}"
    if step not in questions:
        return f"{len(questions)} questions apply"
    return f"question {questions.index(step) + 1} of {len(questions)}"


def heading(
    session: AssessmentSession, step: AssessmentStep, section: str | None, lang: str
) -> str:
    """The section heading to print before ``step`` ("" when it is in ``section`` already)."""
    from inspectcore import Fact

    target = step.target
    if isinstance(target, Fact):
        if section == "":
            return ""
        return "== Inspection facts (the same for every case of the inspection) =="
    if target.section == section:
        return ""
    path = session.edition.section_path(target.section)
    return "== " + " > ".join(f"{s.id} {shown(s.title, lang)}" for s in path) + " =="


def show_step(session: AssessmentSession, step: AssessmentStep, lang: str) -> None:
    """The step's id and kind, its prompt, the answers it takes, and its current answer."""
    from inspectcore import Fact, question_prompt

    target = step.target
    where = position(session, step)
    if isinstance(target, Fact):
        click.echo(f"{target.id}  ({where})")
        click.echo(wrapped(shown(target.text, lang)))
    else:
        optional = "" if target.required else ", optional"
        click.echo(f"{target.id}  ({target.kind}{optional}; {where})")
        prompt = question_prompt(session.edition, target)
        # A built prompt says so: the document prints no wording for this question.
        mark = "[no wording printed; asked as] " if prompt.derived else ""
        click.echo(wrapped(mark + shown(prompt.text, lang)))
        if prompt.context is not None and target.links.explains:
            click.echo(wrapped(f"{target.links.explains}: {shown(prompt.context, lang)}", "  "))
        if step.option is not None:
            click.echo(f"For: {step.option}  (chosen in {target.links.per_option_of})")
        for rule in target.answer_rules:
            click.echo(wrapped(f"Answer {rule.answer!r}: {rule.when}"))
    show_domain(step)
    current = session.current(step)
    if current is not None:
        click.echo(printable(f"Current answer: {show_value(current)} (Enter keeps it)"))
    if note := session.note(step):
        click.echo(printable(f"Note: {note}", keep="\n\t"))


def show_domain(step: AssessmentStep) -> None:
    """The answers the step takes: numbered options, or what to type."""
    domain = step.domain
    values: tuple[str, ...] = getattr(domain, "values", ())
    if domain.type == "yes_no":
        click.echo("   ".join(f"{n}. {v}" for n, v in enumerate(values, 1)))
        return
    for number, value in enumerate(values, 1):
        click.echo(f"  {number}. {value}")
    maximum = getattr(domain, "max", None)
    if domain.type == "multiple_choice":
        most = f" (at most {maximum})" if maximum is not None else ""
        click.echo(f"Choose any{most}: numbers or names, separated by commas; - for none.")
    elif domain.type == "date":
        click.echo("Answer: a date, as DD/MM/YYYY or YYYY-MM-DD")
    elif domain.type != "single_choice":
        click.echo(f"Answer: {domain.describe()}")


def show_guidance(session: AssessmentSession, step: AssessmentStep, lang: str) -> None:
    """The guidance for the step: its sections' and its own, then the options' definitions."""
    from inspectcore import Question

    target = step.target
    lines: list[str] = []
    if isinstance(target, Question):
        sections = session.edition.section_path(target.section)
        blocks = [(s.id, b) for s in sections for b in s.guidance]
        blocks += [("", b) for b in target.guidance]
        for section_id, block in blocks:
            scope = f" [section {section_id}]" if section_id else ""
            origin = f" (from {block.origin})" if block.origin else ""
            lines += [
                f"== {shown(block.title, lang)}{origin}{scope} ==",
                wrapped(shown(block.text, lang)),
            ]
    for option in getattr(step.domain, "options", ()):
        if option.definition is not None:
            lines.append(wrapped(f"- {option.value}: {shown(option.definition, lang)}"))
    click.echo("\n".join(lines) if lines else "  No guidance is given for this.")
