"""Writing a case table row by row, so that an export of any size takes flat memory.

Rows go to a spool outside the target's folder (an anonymous temporary file for CSV,
openpyxl's write-only mode for xlsx, which keeps each sheet in one): nothing reaches
the target until :meth:`TableWriter.save`, which then writes it atomically. A writer
closed without saving leaves nothing behind, so a command can stream rows while it
reads the cases and still refuse to write when one of them has an error.

An xlsx file is made to be filtered and read: the header row is frozen and filtered,
columns are as wide as their heading and what the edition says they hold (bounded),
dates are real dates (shown dd/mm/yyyy), and a writer made for an edition counts the
cases as they come (a :class:`~inspectcore.ScoreCounter`, in the same single pass) and
adds a ``Figures`` sheet with the figures ``inspectcore score`` gives.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

from .._cases.case import CaseAssessment
from .._model.edition import Edition
from .._routing.routed import RoutedCase
from .._scoring.scoring import LeftOutCase, ScoreCounter
from .._util.atomic import write_atomic_stream
from .export import (
    EXCEL_CELL_LIMIT,
    FORMATS,
    CaseTable,
    Cell,
    Column,
    TruncatedCell,
    _columns,
    _row,
)
from .score_formats import _SCORE_COLUMNS, _score_rows

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet


class TableWriter:
    """Rows of a case table written as they come, then saved to a file in one step.

    ``TableWriter(columns, "csv" | "xlsx")``; :meth:`add_row` (or :meth:`add_case`)
    for each row, then :meth:`save`. Use it as a context manager, so that its spool
    is removed whether or not it was saved. The result is the file
    :func:`~inspectcore.write_table` writes for the same rows; an xlsx writer made by
    :meth:`for_edition` adds a ``Figures`` sheet, from the cases given to :meth:`add_case`
    (and those :meth:`leave_out` names).
    """

    def __init__(
        self, columns: tuple[Column, ...], fmt: str, *, edition: Edition | None = None
    ) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r} (one of: {', '.join(FORMATS)})")
        self.columns = columns
        self.fmt = fmt
        self.edition = edition
        """The edition whose cases :meth:`add_case` takes (given by :meth:`for_edition`)."""
        self.rows = 0
        """How many rows have been added."""
        self._cut: list[TruncatedCell] = []
        self._headings = tuple(c.heading for c in columns)
        self._dates = frozenset(i for i, c in enumerate(columns) if c.date)
        # Counted only where the figures are written: an edition's xlsx.
        self._counter = (
            ScoreCounter(edition, keep_names=False)
            if edition is not None and fmt == "xlsx"
            else None
        )
        self._spool: IO[bytes] | None = None
        self._book: Workbook | None = None
        self._sheets: list[WriteOnlyWorksheet] = []
        """The workbook's sheets, each ended (and its temporary file removed) on close."""
        if fmt == "csv":
            # Closed by close() (the writer is a context manager), not at the end of a block.
            self._spool = tempfile.TemporaryFile()  # noqa: SIM115
            self._text = codecs.getwriter("utf-8")(self._spool)
            self._text.write("\ufeff")
            self._csv = csv.writer(self._text, lineterminator="\r\n")
            self._csv.writerow(self._headings)
        else:
            from openpyxl import Workbook

            self._book = Workbook(write_only=True)
            self._cases = self._book.create_sheet("cases")
            self._sheets.append(self._cases)
            self._cases.freeze_panes = "B2"
            # A write-only sheet writes its column widths before its first row.
            _set_widths(self._cases, (max(len(c.heading), c.width) for c in columns))
            self._xlsx_row(self._cases, self._headings)

    @classmethod
    def for_edition(
        cls,
        edition: Edition,
        fmt: str,
        *,
        include_narrative: bool = False,
        include_notes: bool | None = None,
    ) -> TableWriter:
        """A writer with the columns :func:`~inspectcore.case_table` gives ``edition``
        (``include_notes``, when not given, follows ``include_narrative``)."""
        columns = _columns(edition, include_narrative, include_notes)
        return cls(columns, fmt, edition=edition)

    def add_case(self, name: str, case: CaseAssessment | RoutedCase) -> None:
        """Add one case's row (the writer must come from :meth:`for_edition`)."""
        if self.edition is None:
            raise ValueError("add_case needs a writer made by TableWriter.for_edition")
        self.add_row(_row(self.edition, self.columns, name, case))
        if self._counter is not None:
            self._counter.add(name, case)

    def leave_out(self, case: LeftOutCase) -> None:
        """Name a case left out as not complete (the ``Figures`` sheet lists it)."""
        if self._counter is not None:
            self._counter.leave_out(case)

    def add_row(self, row: Iterable[Cell]) -> None:
        """Add one row, cells in the order of :attr:`columns`."""
        self.rows += 1
        if self._book is None:
            self._csv.writerow(["" if c is None else _csv_safe(c) for c in row])
        else:
            self._xlsx_row(self._cases, tuple(row), self._dates)

    def _xlsx_row(
        self,
        sheet: WriteOnlyWorksheet,
        row: Sequence[Cell | float],
        dates: frozenset[int] = frozenset(),
    ) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        cells: list[Any] = []
        for c, value in enumerate(row):
            if c in dates and isinstance(value, str):
                cells.append(_date_cell(sheet, value))
                continue
            if isinstance(value, int) and abs(value) >= _EXACT_IN_EXCEL:
                # Excel keeps 15 digits of a number (and overflows past 1e308): a
                # larger whole number is stored as its digits, every one of them.
                value = str(value)
            if not isinstance(value, str):
                cells.append(value)
                continue
            # Control characters cannot be stored in xlsx; they carry no meaning here.
            text = ILLEGAL_CHARACTERS_RE.sub("", value)
            if len(text) > EXCEL_CELL_LIMIT:
                if sheet is self._cases:
                    header = self.rows == 0
                    file, case = ("", "") if header else (str(row[1] or ""), str(row[0] or ""))
                    heading = self._headings[c]
                else:
                    file, case, heading = "", "", sheet.title
                self._cut.append(TruncatedCell(file, case, heading, len(text)))
                text = _fit(text)
            cell = WriteOnlyCell(sheet, value=text)
            cell.data_type = "s"  # openpyxl would make "=…" a formula
            cells.append(cell)
        sheet.append(cells)

    def save(self, path: str | Path) -> tuple[TruncatedCell, ...]:
        """Write the file to ``path``, atomically; return the cells cut short (xlsx)."""
        if self._book is None:
            assert self._spool is not None
            self._text.flush()
            self._spool.seek(0)
            write_atomic_stream(path, self._spool)
            return ()
        from openpyxl.utils import get_column_letter

        last = get_column_letter(len(self.columns))
        self._cases.auto_filter.ref = f"A1:{last}{self.rows + 1}"
        if self._counter is not None:
            assert self.edition is not None
            result = self._counter.result()
            self._sheet("Figures", _SCORE_COLUMNS, list(_score_rows(self.edition, result)))
        key: list[tuple[Cell, ...]] = [
            (c.heading, c.question, c.option, _holds(c), c.wording)
            for c in self.columns
            if c.question
        ]
        self._sheet("questions", ("column", "question", "option", "holds", "wording"), key)
        with tempfile.TemporaryFile() as spool:
            self._book.save(spool)
            spool.seek(0)
            write_atomic_stream(path, spool)
        return tuple(self._cut)

    def _sheet(
        self, title: str, header: tuple[str, ...], rows: Sequence[Sequence[Cell | float]]
    ) -> None:
        """A small sheet after the cases, written whole: widths from its content."""
        assert self._book is not None
        sheet = self._book.create_sheet(title)
        self._sheets.append(sheet)
        sheet.freeze_panes = "A2"
        widths = [len(h) for h in header]
        for row in rows:
            widths = [max(w, len(str(v))) for w, v in zip(widths, row, strict=True)]
        _set_widths(sheet, widths)
        self._xlsx_row(sheet, header)
        for row in rows:
            self._xlsx_row(sheet, row)
        if rows:
            from openpyxl.utils import get_column_letter

            sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"

    def close(self) -> None:
        """Remove the spool (saved or not)."""
        if self._spool is not None:
            self._spool.close()
        if self._book is not None:
            # Saving ends each sheet and removes its temporary file; a writer closed
            # unsaved (a case had an error) must do both itself, or the file stays
            # until the process ends and the sheet's unfinished rows are written to it
            # after it is closed (an "Exception ignored" on stderr).
            for sheet in self._sheets:
                if not sheet.closed:
                    sheet.close()
                    # openpyxl's own clean-up, as its save does (its stubs leave _writer out).
                    sheet._writer.cleanup()  # type: ignore[attr-defined]
            self._book.close()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet program runs as a formula at the start of a cell (CSV injection)."""
_EXACT_IN_EXCEL = 10**15


_WIDEST = 50
"""The widest a column is made (in characters): longer text stays whole in its cell."""
_NARROWEST = 6
_DATE_FORMAT = "dd/mm/yyyy"
"""How dates are shown in xlsx: the UK's order, as inspectors write them."""


def _set_widths(sheet: WriteOnlyWorksheet, widths: Iterable[int]) -> None:
    """Each column as wide as ``widths`` says (in characters), within bounds."""
    from openpyxl.utils import get_column_letter

    for c, width in enumerate(widths, start=1):
        bounded = min(max(width + 2, _NARROWEST), _WIDEST)
        # openpyxl's stubs leave out a write-only sheet's column_dimensions; it has them.
        sheet.column_dimensions[get_column_letter(c)].width = bounded  # type: ignore[attr-defined]


def _date_cell(sheet: WriteOnlyWorksheet, value: str) -> Any:
    """An ISO date as an Excel date; text that is not one stays text."""
    from openpyxl.cell import WriteOnlyCell

    try:
        day = dt.datetime.combine(dt.date.fromisoformat(value), dt.time())
    except ValueError:  # only in a case that does not validate
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    cell = WriteOnlyCell(sheet, value=day)
    cell.number_format = _DATE_FORMAT
    return cell


def _holds(column: Column) -> str:
    """What a column holds, for the ``questions`` sheet."""
    if column.note:
        return "note"
    return "chosen (1 or 0)" if column.chosen else "answer"


def _fit(text: str) -> str:
    """``text`` cut to Excel's limit, ending with a marker that says it was cut."""
    marker = f"… [truncated: {len(text)} characters; see the case file]"
    return text[: EXCEL_CELL_LIMIT - len(marker)] + marker


def write_csv(table: CaseTable, path: str | Path) -> None:
    """Write ``table`` as CSV, atomically.

    UTF-8 with a byte-order mark, so that Excel reads Welsh and other non-ASCII text
    correctly; text that a spreadsheet would run as a formula is prefixed with ``'``.
    """
    _write(table, path, "csv")


def write_xlsx(table: CaseTable, path: str | Path) -> tuple[TruncatedCell, ...]:
    """Write ``table`` as an Excel workbook, atomically; return the cells cut short.

    Sheet ``cases`` holds the table (header row and first column frozen); sheet
    ``questions`` gives each column's question and wording. Text is stored as text,
    never as a formula. Text longer than :data:`EXCEL_CELL_LIMIT` is cut to fit,
    ending ``… [truncated: N characters; see the case file]``; each such cell is
    returned, for the caller to warn about (cutting it silently would lose text).
    """
    return _write(table, path, "xlsx")


def write_table(table: CaseTable, path: str | Path, fmt: str) -> tuple[TruncatedCell, ...]:
    """Write ``table`` to ``path`` as ``"csv"`` or ``"xlsx"`` (atomically).

    Returns the cells cut short to fit (xlsx only: see :func:`write_xlsx`).
    """
    return _write(table, path, fmt)


def _write(table: CaseTable, path: str | Path, fmt: str) -> tuple[TruncatedCell, ...]:
    with TableWriter(table.columns, fmt) as writer:
        for row in table.rows:
            writer.add_row(row)
        return writer.save(path)


def _csv_safe(cell: Cell) -> Cell:
    if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell
