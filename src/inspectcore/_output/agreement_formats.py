"""Agreement between two readings as data (for JSON) and as text for people."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .._model.domains import Value
from .._scoring.agreement import Agreement, Disagreement, InspectionAgreement
from .percent import percent_text

KAPPA_PLACES = 3
"""Decimal places kappa and the agreements it is built from are shown and given to."""


def _share(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), KAPPA_PLACES)


def _kappa_text(value: Fraction | None) -> str:
    return "-" if value is None else f"{float(value):.{KAPPA_PLACES}f}"


def agreement_figure_to_data(figure: Agreement) -> dict[str, Any]:
    """One :class:`~inspectcore.Agreement` as data: ``id``, ``compared``, ``agreed``,
    ``percent`` (four decimal places), ``observed``, ``chance`` and ``kappa`` (three),
    and ``kappa_undefined`` (why kappa is ``None``, or ``None``)."""
    percent = figure.percent
    return {
        "id": figure.id,
        "compared": figure.compared,
        "agreed": figure.agreed,
        "percent": None if percent is None else round(float(percent), 4),
        "observed": _share(figure.observed),
        "chance": _share(figure.chance),
        "kappa": _share(figure.kappa),
        "kappa_undefined": figure.kappa_undefined or None,
    }


def _value(value: Value | None) -> object:
    return list(value) if isinstance(value, tuple) else value


def disagreement_to_data(item: Disagreement) -> dict[str, Any]:
    """One :class:`~inspectcore.Disagreement` as data: ``case``, ``question``, ``option``
    (``None`` for a whole answer), ``first``, ``second`` (``None`` where that reading gave
    none; a multiple choice as a list) and ``counted``."""
    return {
        "case": item.case,
        "question": item.question,
        "option": item.option or None,
        "first": _value(item.first),
        "second": _value(item.second),
        "counted": item.counted,
    }


def agreement_to_data(result: InspectionAgreement) -> dict[str, Any]:
    """An inspection's agreement as JSON-ready data: ``edition``, ``version``, ``cases``
    (how many were read twice), ``first_only`` and ``second_only`` (references),
    ``overall``, ``key_questions`` and ``questions`` (:func:`agreement_figure_to_data`)
    and ``disagreements`` (:func:`disagreement_to_data`)."""
    return {
        "edition": result.edition,
        "version": result.version,
        "cases": len(result.cases),
        "first_only": list(result.first_only),
        "second_only": list(result.second_only),
        "overall": agreement_figure_to_data(result.overall),
        "key_questions": [agreement_figure_to_data(f) for f in result.key_questions],
        "questions": [agreement_figure_to_data(f) for f in result.questions],
        "disagreements": [disagreement_to_data(d) for d in result.disagreements],
    }


def _shown(value: Value | None) -> str:
    if value is None:
        return "(no answer)"
    return "; ".join(value) if isinstance(value, tuple) else str(value)


def agreement_to_text(result: InspectionAgreement) -> str:
    """The agreement as text for people: overall, per key question and per question
    (answers compared, percentage agreement, Cohen's kappa), then the disagreements.

    The text quotes case files (references and answers): escape it before showing it on
    a terminal (:func:`~inspectcore.printable`).
    """

    def row(figure: Agreement) -> str:
        why = figure.kappa_undefined
        kappa = f"kappa undefined ({why})" if why else f"kappa {_kappa_text(figure.kappa)}"
        return (
            f"  {figure.id:<12} {figure.agreed:>4}/{figure.compared:<4} "
            f"{percent_text(figure.percent):>7}  {kappa}"
        )

    lines = [f"{result.edition} {result.version}: {len(result.cases)} case(s) read twice"]
    for label, only in (("first", result.first_only), ("second", result.second_only)):
        if only:
            lines.append(f"In the {label} reading only (not compared): {', '.join(only)}")
    lines += ["", "Overall (every scored judgement)", row(result.overall)]
    if result.key_questions:
        lines += ["", "Key questions", *map(row, result.key_questions)]
    lines += ["", "Questions (agreed/compared, agreement, Cohen's kappa)"]
    lines += [row(f) for f in result.questions if f.compared]
    unanswered = [f.id for f in result.questions if not f.compared]
    if unanswered:
        lines.append(f"  not answered by both readings: {', '.join(unanswered)}")
    lines += ["", f"Disagreements: {len(result.disagreements)}"]
    for d in result.disagreements:
        where = f"{d.question} [{d.option}]" if d.option else d.question
        lines.append(f"  {d.case} {where}: {_shown(d.first)} | {_shown(d.second)}")
    return "\n".join(lines) + "\n"
