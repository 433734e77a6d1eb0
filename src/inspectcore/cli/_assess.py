"""The interactive questionnaire, `inspectcore assess`: a terminal over AssessmentSession."""

from __future__ import annotations

import datetime as dt
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import click

from inspectcore import printable

from ._assess_open import open_case
from ._assess_show import answered, heading, show_guidance, show_step, show_value
from ._common import lang_option, with_option
from ._line_editing import forget_history, line_editing

if TYPE_CHECKING:
    from inspectcore import (
        AssessmentSession,
        AssessmentStep,
        CaseAssessment,
        CaseKeeper,
        RecordedAnswer,
        Value,
    )

COMMANDS = (
    "Type an answer, or: ? guidance, s skip, b back, g ID go to a question, "
    "n TEXT add a note, help, q quit."
)
HELP = """\
  An answer: an option's number or name (several separated by commas, - for none),
  Yes/No (y/n), a whole number, a date as DD/MM/YYYY or YYYY-MM-DD, or text.
  ?       the question's guidance
  s       skip it for now (it is asked again next time)
  b       back to the previous question
  g ID    go to a question (or inspection fact) to change its answer, e.g. g a1.1
  n TEXT  a note, saved with the answer
  Enter   keep the current answer (this confirms one that needs review)
  =TEXT   TEXT as the answer, even if it looks like one of these commands
  help    this list
  q       quit; every answer given is saved already"""


@click.command()
@click.argument("edition_id", metavar="EDITION")
@with_option
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@lang_option
@click.option(
    "--assessor",
    default="",
    help="Who assesses the case: recorded in the file if it names no one yet.",
)
def assess(
    edition_id: str, extensions: tuple[str, ...], file: Path, lang: str, assessor: str
) -> None:
    """Answer a case's questions one at a time, saving FILE after every answer.

    Only the questions that apply are asked, in the edition's order, and the
    route follows the answers (a judgement answered No is followed by its
    explanation). FILE (.toml or .json) is created, after asking for the case
    reference, or resumed at the first question still unanswered.

    At each question type the answer: an option's number or name (several
    separated by commas, - for none), Yes/No (or y/n), a whole number, a date
    as DD/MM/YYYY or YYYY-MM-DD (stored as YYYY-MM-DD), or text. Or type:

    \b
      ?       the question's guidance
      s       skip it for now (it is asked again next time)
      b       back to the previous question
      g ID    go to a question (or inspection fact) to change its answer
      n TEXT  a note, saved with the answer
      Enter   keep the current answer (this confirms one that needs review)
      =TEXT   TEXT as the answer, even if it looks like one of these commands
      help    the list of these commands
      q       quit; Ctrl-C or the end of input also stop, with everything saved

    The inspection facts that an inspection file beside FILE gives (inspection.toml,
    see `new-inspection`) are taken from it, and said so, not asked; so is the
    assessor, when it names one inspector and --assessor is not given.

    Changing an answer that others depend on lists the answers to review.
    When nothing is left to ask, the case is validated.

    While a session is open, FILE is locked (.FILE.lock beside it) against a
    second session. If FILE is edited by hand meanwhile, those edits are kept:
    an answer that was changed both in the file and here is not saved, and is
    shown, so that nothing is overwritten.

    \b
    Example:
      inspectcore assess carag2024 case-001.toml
      inspectcore assess cag2016 --with wales case-002.toml
    """
    from inspectcore import CaseFileError, CaseLock

    if file.suffix.lower() not in (".toml", ".json"):
        raise CaseFileError(str(file), ("expected a .toml or .json file name",))
    lock = CaseLock.acquire(file)
    edited = False
    try:
        if lock.taken_over is not None:
            click.echo(
                f"Note: {file} was locked by a session that has ended ({lock.taken_over}); "
                "this session takes the lock over."
            )
        edited = line_editing(sys.stdin)
        _session(edition_id, extensions, file, lang, assessor.strip())
    finally:
        lock.release()
        if edited:
            forget_history()


def _session(
    edition_id: str, extensions: tuple[str, ...], file: Path, lang: str, assessor: str
) -> None:
    questionnaire: _Questionnaire | None = None
    try:
        session, keeper = open_case(edition_id, extensions, file, assessor)
        questionnaire = _Questionnaire(session, keeper, lang)
        if questionnaire.run():
            return
        stopped = "Stopped"
    except (click.Abort, KeyboardInterrupt, EOFError):
        # Ctrl-C and the end of input: every answer given is already in the file.
        if questionnaire is None:
            click.echo("\nStopped before the file was created.")
            return
        stopped = "\nStopped"
    case = questionnaire.session.case
    click.echo(
        f"{stopped}: {file} is saved with {len(case.answers)} answer(s). "
        f"Resume with: inspectcore assess {case.edition.id} {shlex.quote(str(file))}"
    )


@attrs.define
class _Questionnaire:
    session: AssessmentSession
    keeper: CaseKeeper
    lang: str
    skipped: set[AssessmentStep] = attrs.Factory(set)
    returns: list[AssessmentStep] = attrs.Factory(list)
    """Where to go back to after `b` or `g`: the last is asked next."""
    section: str | None = None
    note: str | None = None
    quitting: bool = False

    @property
    def path(self) -> Path:
        return self.keeper.path

    def run(self) -> bool:
        """Ask until nothing is left (then validate and return True) or q (return False)."""
        session, case = self.session, self.session.case
        edition = session.edition
        with_ = "".join(f" with {e.id} {e.version}" for e in edition.extensions)
        click.echo(
            printable(
                f"Case {case.case or '(no reference)'} in {self.path}: {edition.id} "
                f"{edition.version}{with_}. {answered(session)} so far; "
                "every answer is saved at once."
            )
        )
        click.echo(COMMANDS)
        for exclusion in session.excluded():
            click.echo(f"Note: the case is excluded from the sample: {exclusion.reason}.")
        step = session.next_step()
        while step is not None:
            step = self.ask(step)
        if self.quitting:
            return False
        self.finish()
        return True

    # -- one step ----------------------------------------------------------------------------

    def ask(self, step: AssessmentStep) -> AssessmentStep | None:
        """Ask one step until it is answered or left; return the step to ask next."""
        from inspectcore import InspectcoreError

        click.echo("")
        if head := heading(self.session, step, self.section, self.lang):
            click.echo(head)
        self.section = getattr(step.target, "section", "")  # facts have none: ""
        show_step(self.session, step, self.lang)
        while True:
            reply = click.prompt(str(step), default="", show_default=False, prompt_suffix="> ")
            reply = reply.strip()
            if reply == "?":
                show_guidance(self.session, step, self.lang)
                continue
            if reply.casefold() in ("help", "h"):
                click.echo(HELP)
                continue
            if reply == "q":
                self.quitting = True
                return None
            if reply == "s":
                if not self.session.is_answered(step):
                    self.skipped.add(step)
                self.note = None
                return self.following(step)
            if reply == "b":
                previous = self.session.previous_step(step)
                if previous is None:
                    click.echo("  This is the first question.")
                    continue
                self.returns.append(step)
                self.note = None
                return previous
            if reply == "g" or reply.startswith("g "):
                steps = self.go_to(reply[1:].strip())
                if not steps:
                    continue
                self.returns += [step, *reversed(steps[1:])]
                self.note = None
                return steps[0]
            if reply.startswith("n ") and reply[2:].strip():
                self.note = reply[2:].strip()
                click.echo("  The note will be saved with the answer.")
                continue
            if not reply:
                current = self.session.current(step)
                if current is None:
                    click.echo(f"  No answer given. {COMMANDS}")
                    continue
                if (why := step.domain.check(current)) is not None:  # as the file had it
                    click.echo(printable(f"  The current answer cannot be kept: {why}"))
                    continue
                value = current
            else:
                try:
                    value = self.session.parse(step, reply.removeprefix("="))
                except InspectcoreError as exc:
                    click.echo(f"  {exc}")
                    continue
            if not self.save(step, value):
                return step  # asked again, showing the answer the file holds now
            if self.quitting:  # stopped when the case became excluded
                return None
            return self.following(step)

    def go_to(self, ident: str) -> tuple[AssessmentStep, ...]:
        """The steps for `g ID`, or () after saying why there are none."""
        from inspectcore import Question, UnknownQuestionError

        if not ident:
            click.echo("  Type g and a question's id, e.g. g 2.1.0.")
            return ()
        try:
            target = self.session.find(ident)
        except UnknownQuestionError as exc:
            click.echo(f"  {exc}")
            return ()
        if isinstance(target, Question) and not (status := self.session.status(target)).applies:
            click.echo(printable(f"  {target.id} does not apply to this case: {status.reason}"))
            return ()
        return self.session.steps_of(target)

    def following(self, done: AssessmentStep) -> AssessmentStep | None:
        """Back to where `b` or `g` left off, else the next unanswered step."""
        while self.returns:
            step = self.returns.pop()
            if step != done and step in self.session.steps():
                return step
        return self.session.next_step(self.skipped)

    def save(self, step: AssessmentStep, value: Value) -> bool:
        """Record and save one answer; False (after saying why) if it could not be saved."""
        from inspectcore import AssessmentSession, CaseChangedError, WriteError

        at = dt.datetime.now().replace(microsecond=0)
        recorded = self.session.record(step, value, at=at, note=self.note)
        try:
            saved = self.keeper.save(recorded.session.case)
        except CaseChangedError as exc:
            click.echo(f"  Not saved: {exc}.")
            self.unsaved(step, value)
            try:
                case = self.keeper.reload()
            except CaseChangedError:
                return False  # unreadable for now: keep the session as it was
            self.session = AssessmentSession(self.session.edition, case)
            click.echo("  The file is read again as it is now; answer again to replace it.")
            return False
        except WriteError:
            self.unsaved(step, value)
            raise
        self.note = None
        if saved.merged or saved.recreated:
            self.session = AssessmentSession(self.session.edition, saved.case)
        else:
            self.session = recorded.session
        if saved.merged:
            click.echo(
                f"  {self.path} was changed outside this session; kept those changes too: "
                + ", ".join(saved.merged)
            )
        if saved.recreated:
            click.echo(f"  {self.path} had been removed; it is written again with every answer.")
        self.report(step, recorded)
        self.ask_next(step, recorded.now_apply)
        return True

    def ask_next(self, step: AssessmentStep, now_apply: tuple[str, ...]) -> None:
        """Ask next the questions of ``step``'s section that its answer brought in.

        After `g` or `b` they would otherwise wait until the session got back to them
        (the explanation of a judgement changed to No, say); questions brought in
        elsewhere, or while going through in order, are asked in their turn.
        """
        if not self.returns:
            return
        section = getattr(step.target, "section", None)
        edition = self.session.edition
        for question in reversed([edition.question(q) for q in now_apply]):
            if question.section == section:
                self.returns += reversed(self.session.steps_of(question))

    def unsaved(self, step: AssessmentStep, value: Value) -> None:
        """Show an answer that was not saved, so that it is not lost."""
        note = f" (note: {self.note})" if self.note else ""
        click.echo(f"  Your answer to {step}, not saved: {show_value(value)}{note}")

    def report(self, step: AssessmentStep, recorded: RecordedAnswer) -> None:
        if recorded.needs_review:
            click.echo(
                f"  {step.id} changed, and these answers depend on it: review them "
                f"(g ID, then Enter keeps an answer): {', '.join(recorded.needs_review)}"
            )
        if recorded.no_longer_apply:
            stale = ", ".join(map(str, recorded.no_longer_apply))
            click.echo(f"  No longer apply (their answers are kept for now): {stale}")
        if recorded.changed and recorded.now_apply:
            click.echo(f"  Now asked as well: {', '.join(recorded.now_apply)}")
        for problem in recorded.failed_checks:
            # Said at once, while the record is open; the answer is kept (it may be right).
            click.echo(f"  Check ({problem.severity.value}): {problem.message}")
        for exclusion in recorded.no_longer_excluded:
            click.echo(f"  The case is no longer excluded from the sample ({exclusion.reason}).")
        for exclusion in recorded.newly_excluded:
            click.echo(f"  The case is now excluded from the sample: {exclusion.reason}.")
        if recorded.newly_excluded:
            # Its other answers count towards no figure: offer to stop (everything is saved).
            self.quitting = click.confirm(
                "  Its answers will not count towards the figures. Stop assessing it here?",
                default=False,
            )

    # -- the end -----------------------------------------------------------------------------

    def finish(self) -> None:
        from inspectcore import CaseChangedError

        left = self.session.unanswered()
        if left:
            click.echo(
                "\nNothing more to ask now. Skipped, and asked again next time: "
                + ", ".join(map(str, left))
            )
        else:
            click.echo("\nEvery question that applies is answered.")
        self.summary(self.session.case)
        stale = self.session.stale()
        if stale:
            click.echo(f"These answers no longer apply: {', '.join(map(str, stale))}")
            if click.confirm("Remove them from the file?", default=False):
                tidied = self.session.tidy()
                try:
                    self.keeper.save(tidied.case)
                except CaseChangedError as exc:
                    click.echo(f"Not removed: {exc}.")
                else:
                    self.session = tidied
                    self.summary(self.session.case)
        click.echo(f"{self.path} is saved.")

    def summary(self, case: CaseAssessment) -> None:
        from inspectcore import validate

        problems = validate(self.session.edition, case)
        errors = sum(1 for p in problems if p.is_error)
        if not problems:
            click.echo("Validation: the case is valid.")
            return
        click.echo(
            f"Validation: {errors} error(s), {len(problems) - errors} warning(s)"
            + ("" if errors else "; the case is valid")
        )
        for problem in problems:
            warning = "" if problem.is_error else "warning: "
            where = problem.question or problem.location
            click.echo(printable(f"  {where}: {warning}{problem.message}"))
