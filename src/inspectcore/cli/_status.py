"""`inspectcore status`: how far each case's assessment has got."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ._common import echo_json, json_option, registry
from ._reading import case_files


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@json_option
def status(files: tuple[Path, ...], as_json: bool) -> None:
    """Show each case's status: complete, or in progress and what is left.

    A case is complete when it is valid with nothing left to ask (every question
    that applies answered, nothing to review), under the edition and extensions it
    was assessed with; the status is worked out from the answers, never stored.
    Folders are searched for case files as by `validate`. Exit 0 when every case
    is complete, 1 otherwise.
    """
    from inspectcore import InspectcoreError, case_status, printable, read_case_file, route

    rows: list[dict[str, Any]] = []
    for path in case_files(list(files)):
        try:
            case = read_case_file(path).case
            edition = registry().edition_for_case(case)
        except InspectcoreError as exc:
            rows.append({"file": str(path), "case": "", "status": "unreadable", "reason": str(exc)})
            continue
        routed = route(edition, case)
        found = case_status(edition, routed)
        excluded = "; ".join(e.reason for e in routed.exclusions)
        rows.append(
            {
                "file": str(path),
                "case": case.case,
                "status": found.progress.value,
                "reason": found.reason,
                "left_to_ask": list(found.left_to_ask),
                "excluded": excluded,
            }
        )
    if as_json:
        echo_json(rows)
    else:
        for row in rows:
            why = f": {row['reason']}" if row["reason"] else ""
            out = f"; excluded from the sample: {row['excluded']}" if row.get("excluded") else ""
            click.echo(printable(f"{row['file']}\t{row['case']}\t{row['status']}{why}{out}"))
        done = sum(1 for r in rows if r["status"] == "complete")
        click.echo(f"{done} of {len(rows)} case(s) complete", err=True)
    if any(r["status"] != "complete" for r in rows):
        click.get_current_context().exit(1)
