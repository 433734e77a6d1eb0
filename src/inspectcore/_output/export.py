"""Case answers as a table for spreadsheets: one row per case, one column per question.

Free text is narrative about a child, so it is left out unless asked for: questions of
the ``narrative`` kind, questions answered in free text, and every answer's note only
appear with ``include_narrative=True``.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from .._cases.case import AnswerValue, CaseAssessment, PerOption
from .._model.domains import MultipleChoice, SingleChoice, YesNo
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
    """``case``, ``file``, ``excluded``, a question id, ``ID [option]`` or ``ID note``."""
    question: str = ""
    """The question answered in this column ("" for the case's own columns)."""
    option: str = ""
    """For a question answered per option: the option this column holds."""
    note: bool = False
    """Whether the column holds the answer's note rather than its value."""
    wording: str = ""
    """The question's wording (for a key sheet beside the table)."""


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


def _columns(edition: Edition, include_narrative: bool) -> tuple[Column, ...]:
    columns = [Column("case"), Column("file"), Column("excluded")]
    for question in edition.questions:
        if is_narrative(question) and not include_narrative:
            continue
        wording = " ".join(question.wording.split())
        if question.links.per_option_of:
            columns += [
                Column(f"{question.id} [{option}]", question.id, option, wording=wording)
                for option in _options_of(edition, question)
            ]
        else:
            columns.append(Column(question.id, question.id, wording=wording))
        if include_narrative:
            columns.append(Column(f"{question.id} note", question.id, note=True, wording=wording))
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
) -> CaseTable:
    """The table of ``cases`` (``(file name, case)`` pairs, valid under ``edition``).

    Columns: the case reference, the file name, the exclusion rule that takes the
    case out of the sample (if any), then every question in edition order. A question
    answered per option gets one ``ID [option]`` column per option; a multiple-choice
    answer is one cell, its options joined by ``"; "``. Narrative columns and notes
    (``ID note`` after each question) only with ``include_narrative``. A case given
    already routed under ``edition`` (a :class:`~inspectcore.RoutedCase`) is not routed
    again.
    """
    columns = _columns(edition, include_narrative)
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
        elif column.note:
            row.append(answer.note or None)
        elif column.option:
            value = answer.value
            row.append(_cell(value.get(column.option)) if isinstance(value, PerOption) else None)
        else:
            row.append(_cell(answer.value))
    return tuple(row)
