"""Case answers as a table for spreadsheets: one row per case, one column per question.

Free text is narrative about a child, so it is left out unless asked for: questions of
the ``narrative`` kind and questions answered in free text only appear with
``include_narrative=True``, every answer's note only with ``include_notes=True``. A text
answer the edition marks as a fact (``domain = { type = "text", fact = true }``: the
child's gender or ethnicity, recorded as text only because the list it comes from is not
printed) is not narrative, and is exported like a chosen option.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from .._cases.case import AnswerValue, CaseAssessment, PerOption
from .._model.domains import Date, Domain, Integer, MultipleChoice, SingleChoice, Text, YesNo
from .._model.edition import Edition, Question, is_narrative
from .._routing.routed import RoutedCase, route

Cell = str | int | None
"""A table cell: text, a whole number, or empty."""
FORMATS = ("csv", "xlsx")
_LIST_SEPARATOR = "; "
EXCEL_CELL_LIMIT = 32_767
"""The most characters an Excel cell holds; openpyxl writes more, and Excel refuses the file."""


@attrs.frozen
class TruncatedCell:
    """A cell cut short to fit Excel; the cell itself says so, and the case file has it whole."""

    file: str
    """The case file (as named in the ``file`` column)."""
    case: str
    column: str
    length: int
    """How many characters the answer has."""

    def __str__(self) -> str:
        case = f" (case {self.case})" if self.case else ""
        return (
            f"{self.file}{case}, column {self.column!r}: {self.length} characters, more than "
            f"the {EXCEL_CELL_LIMIT} an Excel cell holds; the cell is cut short and says so, "
            "and the case file has it whole"
        )


@attrs.frozen
class Column:
    """One column of the table, and what it holds."""

    heading: str
    """``case``, ``file``, ``excluded``, a question id, ``ID [option]``, ``ID: option``
    or ``ID note``."""
    question: str = ""
    """The question answered in this column ("" for the case's own columns)."""
    option: str = ""
    """For a question answered per option: the option this column holds; for a
    :attr:`chosen` column, the option it tells of."""
    note: bool = False
    """Whether the column holds the answer's note rather than its value."""
    wording: str = ""
    """The question's wording (for a key sheet beside the table)."""
    chosen: bool = False
    """Whether the column holds 1 or 0: :attr:`option` chosen or not in a multiple-choice
    answer (empty where the question does not apply to the case, or is unanswered)."""
    date: bool = False
    """Whether the column holds dates (ISO text, ``2024-06-30``; real dates in xlsx)."""
    width: int = 0
    """About how many characters the widest value takes, as far as the edition says
    (its options, dates, numbers); 0 when it cannot say."""


@attrs.frozen
class CaseTable:
    """Cases as rows (in the order given) under :attr:`columns`."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def headings(self) -> tuple[str, ...]:
        """The header row."""
        return tuple(c.heading for c in self.columns)


def _options_of(edition: Edition, question: Question) -> tuple[str, ...]:
    """The options a per-option question is answered for, in document order."""
    source = question.links.per_option_of
    chooser = edition.find_question(source) if source else None
    if chooser is None or not isinstance(chooser.answer, MultipleChoice | SingleChoice | YesNo):
        return ()
    return chooser.answer.values


_TEXT_WIDTH = 40
"""The width given to a free-text column: its content is not known before it is read."""


def _width(domain: Domain) -> int:
    """About how many characters the widest answer in ``domain`` takes."""
    if isinstance(domain, MultipleChoice):
        return len(_LIST_SEPARATOR.join(domain.values))
    if isinstance(domain, SingleChoice | YesNo):
        return max(map(len, domain.values))
    if isinstance(domain, Date):
        return len("30/06/2024")
    if isinstance(domain, Integer):
        bounds = [b for b in (domain.min, domain.max) if b is not None]
        return max((len(str(b)) for b in [*bounds, *(n for n, _ in domain.sentinels)]), default=6)
    return _TEXT_WIDTH // 2 if isinstance(domain, Text) and domain.fact else _TEXT_WIDTH


def _columns(
    edition: Edition, include_narrative: bool, include_notes: bool | None = None
) -> tuple[Column, ...]:
    notes = include_narrative if include_notes is None else include_notes
    columns = [Column("case", width=10), Column("file", width=14), Column("excluded", width=16)]
    for question in edition.questions:
        if is_narrative(question) and not include_narrative:
            continue
        wording = " ".join(question.wording.split())
        domain = question.answer
        dated = isinstance(domain, Date)
        if question.links.per_option_of:
            columns += [
                Column(
                    f"{question.id} [{option}]",
                    question.id,
                    option,
                    wording=wording,
                    date=dated,
                    width=_width(domain),
                )
                for option in _options_of(edition, question)
            ]
        else:
            columns.append(
                Column(question.id, question.id, wording=wording, date=dated, width=_width(domain))
            )
            if isinstance(domain, MultipleChoice):
                # Beside the joined cell, one 0/1 column per option, to count and filter on.
                columns += [
                    Column(
                        f"{question.id}: {option}",
                        question.id,
                        option,
                        wording=wording,
                        chosen=True,
                    )
                    for option in domain.values
                ]
        if notes:
            columns.append(
                Column(
                    f"{question.id} note",
                    question.id,
                    note=True,
                    wording=wording,
                    width=_TEXT_WIDTH,
                )
            )
    return tuple(columns)


def _cell(value: AnswerValue | None) -> Cell:
    if value is None:
        return None
    if isinstance(value, PerOption):  # only in a case that does not validate
        return _LIST_SEPARATOR.join(f"{k}: {_cell(v)}" for k, v in value.items)
    if isinstance(value, tuple):
        return _LIST_SEPARATOR.join(value)
    return value


def case_table(
    edition: Edition,
    cases: Iterable[tuple[str, CaseAssessment | RoutedCase]],
    *,
    include_narrative: bool = False,
    include_notes: bool | None = None,
) -> CaseTable:
    """The table of ``cases`` (``(file name, case)`` pairs, valid under ``edition``).

    Columns: the case reference, the file name, the exclusion rule that takes the
    case out of the sample (if any), then every question in edition order. A question
    answered per option gets one ``ID [option]`` column per option; a multiple-choice
    answer is one cell, its options joined by ``"; "``, followed by one ``ID: option``
    column per option holding 1 (chosen) or 0 (not chosen), empty where the question
    does not apply or is unanswered. Narrative columns (:func:`is_narrative`) only with
    ``include_narrative``; notes (``ID note`` after each question) only with
    ``include_notes``, which, when not given, follows ``include_narrative``. A case given
    already routed under ``edition`` (a :class:`~inspectcore.RoutedCase`) is not routed
    again.
    """
    columns = _columns(edition, include_narrative, include_notes)
    rows = tuple(_row(edition, columns, name, given) for name, given in cases)
    return CaseTable(columns, rows)


def _row(
    edition: Edition, columns: tuple[Column, ...], name: str, given: CaseAssessment | RoutedCase
) -> tuple[Cell, ...]:
    """One case's row under ``columns``."""
    routed = route(edition, given)
    case = routed.case
    excluded = routed.exclusion.id if routed.exclusion is not None else None
    answers = {a.question: a for a in case.answers}
    row: list[Cell] = [case.case or None, name, excluded]
    for column in columns[3:]:
        answer = answers.get(column.question)
        if answer is None:
            row.append(None)
        elif column.chosen:
            # As routing reads it: nothing where the question does not apply to the case.
            routed_value = routed.answer(column.question)
            chosen = isinstance(routed_value, tuple) and column.option in routed_value
            row.append(int(chosen) if isinstance(routed_value, tuple) else None)
        elif column.note:
            row.append(answer.note or None)
        elif column.option:
            value = answer.value
            row.append(_cell(value.get(column.option)) if isinstance(value, PerOption) else None)
        else:
            row.append(_cell(answer.value))
    return tuple(row)
