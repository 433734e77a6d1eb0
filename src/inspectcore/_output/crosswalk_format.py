"""A crosswalk, its coverage figures and its check findings as text, JSON, Markdown or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from fractions import Fraction
from typing import Any

from .._assessment.prompts import question_prompt
from .._comparison.coverage import AreaCoverage, CrosswalkCoverage, SideCoverage
from .._comparison.crosswalk_check import CrosswalkProblem
from .._loading.crosswalk import Crosswalk, Relationship
from .._model.edition import Edition
from .percent import percent_text

CROSSWALK_FORMATS = ("text", "json", "markdown", "csv")


def format_crosswalk(
    crosswalk: Crosswalk,
    coverage: CrosswalkCoverage,
    problems: tuple[CrosswalkProblem, ...] | None = None,
    fmt: str = "text",
    editions: tuple[Edition, Edition] | None = None,
) -> str:
    """Pairs, unmatched questions, coverage by area and (when given) the check's findings.

    ``fmt`` is one of :data:`CROSSWALK_FORMATS`; raises ``ValueError`` for any other.
    With ``editions`` (FROM and TO), the CSV gives each question's wording (its prompt
    where the document prints none) beside its id.
    """
    if fmt == "json":
        data = crosswalk_to_data(crosswalk, coverage, problems)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _csv(crosswalk, coverage, editions)
    if fmt in ("text", "markdown"):
        return _document(crosswalk, coverage, problems, markdown=fmt == "markdown")
    raise ValueError(f"unknown format {fmt!r} (one of: {', '.join(CROSSWALK_FORMATS)})")


def _side_data(side: SideCoverage) -> dict[str, Any]:
    def share(value: Fraction | None) -> float | None:
        return None if value is None else round(float(value), 4)

    return {
        "edition": side.edition,
        "judgements": len(side.judgements),
        "with_counterpart": len(side.with_counterpart),
        "with_equivalent": len(side.with_equivalent),
        "counterpart_percent": share(side.counterpart_percent),
        "equivalent_percent": share(side.equivalent_percent),
        "without_counterpart": list(side.without_counterpart),
    }


def _areas(coverage: CrosswalkCoverage) -> tuple[AreaCoverage, ...]:
    return coverage.rows()


def crosswalk_to_data(
    crosswalk: Crosswalk,
    coverage: CrosswalkCoverage,
    problems: tuple[CrosswalkProblem, ...] | None = None,
) -> dict[str, Any]:
    """The crosswalk as plain data (the JSON form)."""
    data: dict[str, Any] = {
        "from": crosswalk.from_edition,
        "to": crosswalk.to_edition,
        "title": crosswalk.title,
        "basis": crosswalk.basis,
        "as_written": _as_written_data(crosswalk),
        "pairs": [
            {
                "from": p.from_question,
                "to": p.to_question,
                "relationship": p.relationship.value,
                "rationale": p.rationale,
                "values": dict(p.values),
            }
            for p in crosswalk.pairs
        ],
        "unmatched": [
            {"edition": u.edition, "question": u.question, "rationale": u.rationale}
            for u in crosswalk.unmatched
        ],
        "coverage": [
            {
                "area": a.id,
                "title": a.title,
                "from": _side_data(a.from_side),
                "to": _side_data(a.to_side),
            }
            for a in _areas(coverage)
        ],
    }
    if problems is not None:
        data["problems"] = [
            {"rule": p.rule.value, "where": p.where, "message": p.message} for p in problems
        ]
    return data


def _as_written_data(crosswalk: Crosswalk) -> dict[str, str] | None:
    """Where the crosswalk is read backwards: the direction its file gives (and its title)."""
    written = crosswalk.as_written
    if written is None:
        return None
    return {"from": written.from_edition, "to": written.to_edition}


def _title_lines(crosswalk: Crosswalk, *, markdown: bool) -> list[str]:
    """The heading in the direction shown; the file's title beside the direction it reads.

    A title is free text written one way round ("From the 2016 ... to the 2024 ..."), so
    a crosswalk read backwards is headed by its direction here and quotes the title as
    written, with that direction, rather than under the reversed heading.
    """
    direction = f"{crosswalk.from_edition} -> {crosswalk.to_edition}"
    written = crosswalk.as_written
    if written is None:
        title = f"{direction}: {crosswalk.title}" if crosswalk.title else direction
        return [f"# {title}" if markdown else f"Crosswalk {title}"]
    heading = f"{direction}, read backwards (subset and superset swapped)"
    as_written = f"{written.from_edition} -> {written.to_edition}"
    if crosswalk.title:
        as_written += f": {crosswalk.title}"
    return [
        f"# {heading}" if markdown else f"Crosswalk {heading}",
        f"{'' if markdown else '  '}As written: {as_written}",
    ]


def _relationship_counts(crosswalk: Crosswalk) -> str:
    counts = Counter(p.relationship for p in crosswalk.pairs)
    return ", ".join(f"{counts[r]} {r.value}" for r in Relationship if counts[r])


def _document(
    crosswalk: Crosswalk,
    coverage: CrosswalkCoverage,
    problems: tuple[CrosswalkProblem, ...] | None,
    *,
    markdown: bool,
) -> str:
    def heading(text: str) -> list[str]:
        return ["", f"## {text}", ""] if markdown else ["", text]

    def table(header: list[str], rows: list[list[str]]) -> list[str]:
        if markdown:
            cells = [header, ["---"] * len(header), *rows]
            return ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in cells]
        every = [header, *rows]
        widths = [max(len(row[i]) for row in every) for i in range(len(header))]
        return [
            "  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
            for row in every
        ]

    lines = _title_lines(crosswalk, markdown=markdown)
    if crosswalk.basis:
        lines.append(f"{'' if markdown else '  '}{crosswalk.basis}")
    lines += heading(f"Pairs ({len(crosswalk.pairs)}: {_relationship_counts(crosswalk) or 'none'})")
    lines += table(
        ["from", "to", "relationship", "rationale"],
        [
            [p.from_question, p.to_question, p.relationship.value, p.rationale]
            for p in crosswalk.pairs
        ],
    )
    for edition in (crosswalk.from_edition, crosswalk.to_edition):
        items = crosswalk.unmatched_in(edition)
        lines += heading(f"Without counterpart in {edition} ({len(items)})")
        lines += table(["question", "rationale"], [[u.question, u.rationale] for u in items])
    lines += heading("Coverage of scored judgements")
    rows = []
    for area in _areas(coverage):
        for side in (area.from_side, area.to_side):
            rows.append(
                [
                    area.id,
                    side.edition,
                    str(len(side.judgements)),
                    f"{len(side.with_counterpart)} ({percent_text(side.counterpart_percent)})",
                    f"{len(side.with_equivalent)} ({percent_text(side.equivalent_percent)})",
                ]
            )
    lines += table(["area", "edition", "judgements", "with counterpart", "with equivalent"], rows)
    if coverage.rows() != (*coverage.areas, coverage.overall):
        lines.append(
            f"{'' if markdown else '  '}The areas and 'no area', less 'repeated' (judgements in "
            "more than one area, counted again), make 'all'."
        )
    if problems is not None:
        lines += heading(f"Check: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
        lines += [f"{'- ' if markdown else '  '}{p}" for p in problems]
    return "\n".join(lines) + "\n"


_CSV_HEADER = (
    "record",
    "from",
    "to",
    "from_wording",
    "to_wording",
    "relationship",
    "rationale",
    "area",
    "edition",
    "judgements",
    "with_counterpart",
    "with_equivalent",
)


def _wording(edition: Edition | None, question_id: str) -> str:
    """A question's wording, or the prompt built where none is printed ("" if unknown)."""
    if edition is None or (question := edition.find_question(question_id)) is None:
        return ""
    return " ".join(question_prompt(edition, question).text.en.split())


def _csv(
    crosswalk: Crosswalk,
    coverage: CrosswalkCoverage,
    editions: tuple[Edition, Edition] | None = None,
) -> str:
    """One table: a row per pair, per unmatched question and per area and edition."""
    from_ed, to_ed = editions if editions is not None else (None, None)
    out = io.StringIO()
    writer = csv.DictWriter(out, _CSV_HEADER, restval="", lineterminator="\n")
    writer.writeheader()
    for p in crosswalk.pairs:
        writer.writerow(
            {
                "record": "pair",
                "from": p.from_question,
                "to": p.to_question,
                "from_wording": _wording(from_ed, p.from_question),
                "to_wording": _wording(to_ed, p.to_question),
                "relationship": p.relationship.value,
                "rationale": p.rationale,
            }
        )
    for u in crosswalk.unmatched:
        side = "from" if u.edition == crosswalk.from_edition else "to"
        writer.writerow(
            {
                "record": "unmatched",
                side: u.question,
                f"{side}_wording": _wording(from_ed if side == "from" else to_ed, u.question),
                "rationale": u.rationale,
                "edition": u.edition,
            }
        )
    for area in _areas(coverage):
        for cover in (area.from_side, area.to_side):
            writer.writerow(
                {
                    "record": "coverage",
                    "area": area.id,
                    "edition": cover.edition,
                    "judgements": len(cover.judgements),
                    "with_counterpart": len(cover.with_counterpart),
                    "with_equivalent": len(cover.with_equivalent),
                }
            )
    return out.getvalue()
