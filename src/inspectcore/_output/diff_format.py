"""An edition diff as text, JSON, Markdown or CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .._comparison.diff_model import Change, ChangeKind, DiffItem, EditionDiff

DIFF_FORMATS = ("text", "json", "markdown", "csv")


def format_diff(diff: EditionDiff, fmt: str = "text") -> str:
    """The diff in one of :data:`DIFF_FORMATS`; raises ``ValueError`` for any other."""
    if fmt == "json":
        return json.dumps(diff_to_data(diff), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _csv(diff)
    if fmt == "markdown":
        return _markdown(diff)
    if fmt == "text":
        return _text(diff)
    raise ValueError(f"unknown format {fmt!r} (one of: {', '.join(DIFF_FORMATS)})")


def _heading(diff: EditionDiff) -> str:
    count = len(diff.changes)
    return (
        f"{diff.old_id} {diff.old_version} -> {diff.new_id} {diff.new_version}: "
        f"{count} change{'s' if count != 1 else ''}"
    )


def _summary(diff: EditionDiff) -> list[tuple[DiffItem, list[tuple[ChangeKind, int]]]]:
    counts = diff.counts()
    rows = []
    for item in DiffItem:
        kinds = [(kind, counts[(item, kind)]) for kind in ChangeKind if (item, kind) in counts]
        if kinds:
            rows.append((item, kinds))
    return rows


def diff_to_data(diff: EditionDiff) -> dict[str, Any]:
    """The diff as plain data (the JSON form)."""
    return {
        "old": {"id": diff.old_id, "version": diff.old_version},
        "new": {"id": diff.new_id, "version": diff.new_version},
        "summary": [
            {"item": item.value, "change": kind.value, "count": count}
            for item, kinds in _summary(diff)
            for kind, count in kinds
        ],
        "changes": [_change_data(c) for c in diff.changes],
    }


def _change_data(change: Change) -> dict[str, Any]:
    return {
        "item": change.item.value,
        "id": change.id,
        "change": change.kind.value,
        "before": change.before,
        "after": change.after,
        "detail": change.detail,
        "wording_diff": str(change.wording) if change.wording else None,
        "wording": [{"op": op, "text": text} for op, text in change.wording.segments]
        if change.wording
        else None,
    }


def _describe(change: Change) -> str:
    """One line: ``question B 1.3: answer: Yes / No / N/A -> Yes / No (options removed: N/A)``."""
    head = f"{change.item.value} {change.id}: {change.kind.value}"
    if change.kind is ChangeKind.ADDED:
        body = f" ({change.after})" if change.after else ""
    elif change.kind is ChangeKind.REMOVED:
        body = f" (was {change.before})" if change.before else ""
    elif change.wording is not None:
        body = ""
    else:
        body = f": {change.before} -> {change.after}"
    detail = f" ({change.detail})" if change.detail else ""
    return head + body + detail


_PLURALS = {
    DiffItem.RATING: "rating rules",
    DiffItem.GROUP_SCORING: "group scoring",
    DiffItem.TIMELINESS: "timeliness rules",
}


def _text(diff: EditionDiff) -> str:
    lines = [_heading(diff)]
    for item, kinds in _summary(diff):
        lines.append(
            f"  {_PLURALS.get(item, item.value + 's')}: "
            + ", ".join(f"{count} {kind.value}" for kind, count in kinds)
        )
    if diff.changes:
        lines.append("")
    for change in diff.changes:
        lines.append(_describe(change))
        if change.wording is not None:
            lines.append(f"    {change.wording}")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _markdown(diff: EditionDiff) -> str:
    lines = [f"# {_heading(diff)}", ""]
    if not diff.changes:
        return "\n".join([*lines, "No changes.", ""])
    lines += ["| item | change | count |", "| --- | --- | ---: |"]
    for item, kinds in _summary(diff):
        lines += [f"| {item.value} | {kind.value} | {count} |" for kind, count in kinds]
    lines += ["", "| item | id | change | before | after | detail |", "| --- " * 6 + "|"]
    for c in diff.changes:
        after = c.after
        if c.wording is not None:
            after = c.wording.render(removed=("~~", "~~"), added=("**", "**"))
        cells = (c.item.value, c.id, c.kind.value, c.before, after, c.detail)
        lines.append("| " + " | ".join(_cell(x) for x in cells) + " |")
    return "\n".join(lines) + "\n"


def _csv(diff: EditionDiff) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["item", "id", "change", "before", "after", "detail", "wording_diff"])
    for c in diff.changes:
        wording = str(c.wording) if c.wording else ""
        writer.writerow([c.item.value, c.id, c.kind.value, c.before, c.after, c.detail, wording])
    return out.getvalue()
