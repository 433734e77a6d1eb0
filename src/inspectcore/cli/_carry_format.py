"""What `carry` prints: per case, the answers not carried by reason, and the indicative
figures, as text or JSON (ids, sources, reasons and figures, never an answer)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from inspectcore import CarriedCase, CarriedInspection, Edition, IndicativeComparison


def _carried_json(carried: CarriedCase) -> dict[str, Any]:
    return {
        "carried": [{"question": a.question, "source": a.source} for a in carried.carried],
        "not_carried": [
            {"from": n.from_question, "to": n.to_question, "reason": n.reason}
            for n in carried.not_carried
        ],
        "left_behind": list(carried.left_behind),
        "uncarried": [
            {"from": n.from_question, "to": n.to_question, "reason": n.reason, "cause": n.cause}
            for n in carried.uncarried
        ],
        "facts_carried": list(carried.facts_carried),
        "facts_afresh": list(carried.facts_afresh),
        "afresh": [
            {"question": a.question, "required": a.required, "waits_for": list(a.waits_for)}
            for a in carried.afresh
        ],
    }


def carry_json(
    result: CarriedInspection, targets: list[Path], to_ed: Edition, score: bool
) -> dict[str, Any]:
    from inspectcore import score_to_data

    data: dict[str, Any] = {
        "from": result.from_edition,
        "to": result.to_edition,
        "cases": [
            {"file": name, "output": str(target), **_carried_json(carried)}
            for target, (name, carried) in zip(targets, result.cases, strict=True)
        ],
        "uncovered": list(result.uncovered),
        "not_carried_by_cause": _by_cause(result),
    }
    if score:
        data["score"] = score_to_data(to_ed, result.score)
    return data


def carry_text(
    result: CarriedInspection, targets: list[Path], from_ed: Edition, to_ed: Edition, score: bool
) -> str:
    from inspectcore import score_to_text

    lines = [
        f"carried {len(result.cases)} case(s) from {from_ed.id} {from_ed.version} "
        f"to {to_ed.id} {to_ed.version}"
    ]
    afresh: Counter[str] = Counter()
    waiting: Counter[str] = Counter()
    not_carried: list[str] = []
    for target, (name, carried) in zip(targets, result.cases, strict=True):
        now = sum(1 for a in carried.afresh if not a.waits_for)
        lines.append(
            f"  {name} -> {target}: {len(carried.carried)} answer(s) carried, "
            f"{len(carried.uncarried)} not carried, {now} question(s) to assess afresh "
            f"and {len(carried.afresh) - now} more that may apply"
        )
        afresh.update(a.question for a in carried.afresh if not a.waits_for)
        waiting.update(a.question for a in carried.afresh if a.waits_for)
        not_carried += [
            f"  {name}: {n.from_question} -> {n.to_question}: {n.reason}"
            for n in carried.not_carried
        ]
    counts = _by_cause(result)
    answered = sum(len(c.carried) + len(c.uncarried) for _, c in result.cases)
    lines += [
        "",
        f"Answers of {from_ed.id}: {answered} given, "
        f"{sum(len(c.carried) for _, c in result.cases)} carried, "
        f"{sum(counts.values())} not carried, by reason:",
        *(f"  {count:>6}  {cause}" for cause, count in counts.items()),
    ]
    if not_carried:
        lines += ["", "Not carried, though paired as equivalent", *not_carried]
    facts = Counter(f for _, c in result.cases for f in c.facts_afresh)
    if facts:
        lines += ["", "Inspection facts to set: " + ", ".join(sorted(facts))]
    order = {q.id: i for i, q in enumerate(to_ed.questions)}
    lines += ["", f"To assess afresh ({to_ed.id} question: cases where it applies / may apply)"]
    for qid in sorted(set(afresh) | set(waiting), key=order.__getitem__):
        lines.append(f"  {qid:<14} {afresh[qid]:>4} / {waiting[qid]}")
    if score:
        lines += ["", score_to_text(to_ed, result.score)]
        lines += [
            "",
            f"Uncovered: {len(result.uncovered)} scored judgement(s) of {to_ed.id} have no "
            f"equivalent in {from_ed.id}, so their figures are empty:",
            "  " + ", ".join(result.uncovered) if result.uncovered else "  none",
        ]
    return "\n".join(lines)


def _by_cause(result: CarriedInspection) -> dict[str, int]:
    """Answers not carried over every case, per cause (most first)."""
    counts: Counter[str] = Counter()
    for _, carried in result.cases:
        counts.update(carried.uncarried_by_cause())
    return dict(counts.most_common())


def indicative_json(found: IndicativeComparison) -> dict[str, Any]:
    return {
        "from": found.from_edition,
        "to": found.to_edition,
        "figures": [
            {
                "label": f.label,
                "key_question": f.key_question,
                "from": f.pair.from_question,
                "to": f.pair.to_question,
                "relationship": f.pair.relationship.value,
                "applicable": f.figure.applicable,
                "sufficient": f.figure.sufficient,
                "percent": None if f.figure.percent is None else round(float(f.figure.percent), 4),
            }
            for f in found.figures
        ],
        "not_placed": list(found.not_placed),
    }


def indicative_text(found: IndicativeComparison, from_ed: Edition, to_ed: Edition) -> str:
    from inspectcore import percent_text

    # An edition without rating rules has no key questions: its sections stand in.
    level = to_ed.rating.banded_level.replace("_", " ") if to_ed.rating else "section"
    lines = [
        "",
        f"Indicative only: {from_ed.id} figures beside the nearest {to_ed.id} {level}, "
        f"through pairs that are not equivalent ({from_ed.id} figures over the cases as "
        f"assessed, never {to_ed.id} figures)",
    ]
    key = None
    for f in found.figures:
        if f.key_question != key:
            key = f.key_question
            section = to_ed.section(key)
            lines.append(f"  {key}  {section.title.en if section else ''}".rstrip())
        figure = f.figure
        lines.append(
            f"    {f.label:<44} {figure.sufficient:>4} of {figure.applicable:<4} "
            f"{percent_text(figure.percent):>7}"
        )
    if found.not_placed:
        lines += [
            "",
            f"Not placed ({from_ed.id} figures with no pair reaching a {to_ed.id} {level}): "
            + ", ".join(found.not_placed),
        ]
    return "\n".join(lines)
