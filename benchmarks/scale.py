"""Throughput and peak memory of validate, score, report and export, side by side.

Run with ``./dev bench scale`` (``--sizes 1000,10000,100000`` for the full run; a
quick 1,000 is the default). For each size, seeded synthetic case files are written
once into ``--folder`` (``/tmp`` by default, never the repository; see generate.py),
and each measurement runs in a subprocess of its own so that its peak memory
(``ru_maxrss``) is its own:

- ``parse``: the same files read and parsed only (tomllib), the limit;
- ``validate``, ``score``, ``report``, ``export``: the ``inspectcore`` commands (xlsx for
  export), each reading over processes as it does by default (one per CPU from 2,000
  files): peak memory is the command's own process, and the largest of its workers
  beside it;
- ``score1``: ``score --jobs 1``, in one process like ``parse`` and ``baseline``, so
  that its ratios to them compare like with like;
- ``baseline``: what a user might do instead: each record validated by ``jsonschema``
  against the exported case schema, then a pandas groupby of the per-question
  shares of sufficient answers (in one process).

Cases per second, peak memory, and the ratios the README quotes are printed: each of
``score`` (default processes) and ``score1`` (one process) against ``parse`` and
against ``baseline``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import subprocess
import sys
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The generator is a script beside this one, imported from its folder (not a package).
from generate import generate  # type: ignore[import-not-found]

KINDS = ("parse", "validate", "score", "score1", "report", "export", "baseline")


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.toml"))


def _measure(kind: str, folder: Path, edition_id: str) -> None:
    """Run one measurement in this process and print ``{"seconds", "peak_mb"}``."""

    start = time.perf_counter()
    if kind == "parse":
        for path in _files(folder):
            tomllib.loads(path.read_text("utf-8"))
    elif kind == "baseline":
        _baseline(folder, edition_id)
    else:
        from inspectcore.cli import cli

        out = Path(f"/tmp/inspectcore-bench-{os.getpid()}.out")
        common = [str(folder), "--edition", edition_id]
        args = {
            "validate": ["validate", str(folder)],
            "score": ["score", *common],
            "score1": ["score", *common, "--jobs", "1"],
            "report": ["report", *common, "-o", str(out)],
            "export": ["export", *common, "--format", "xlsx", "-o", str(out)],
        }[kind]
        with contextlib.redirect_stdout(io.StringIO()):
            cli.main(args, standalone_mode=False)
        out.unlink(missing_ok=True)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "worker_mb": worker_mb}))


def _baseline(folder: Path, edition_id: str) -> None:
    """jsonschema on each record, then pandas: the shares of sufficient judgements."""
    import jsonschema
    import pandas as pd  # type: ignore[import-untyped]

    import inspectcore

    edition = inspectcore.resolve_edition(edition_id)
    validator = jsonschema.Draft202012Validator(inspectcore.case_schema(edition))
    rows: list[tuple[str, str, bool]] = []
    judged = {q.id: edition.judged_as(q) for q in edition.questions if q.scored}
    for path in _files(folder):
        record = json.loads(json.dumps(tomllib.loads(path.read_text("utf-8")), default=str))
        validator.validate(record)
        for qid, answer in record.get("answers", {}).items():
            if qid in judged:
                value = answer["value"] if isinstance(answer, dict) else answer
                sufficient, insufficient = judged[qid]
                if isinstance(value, str) and value in (*sufficient, *insufficient):
                    rows.append((record.get("case", ""), qid, value in sufficient))
    frame = pd.DataFrame(rows, columns=["case", "question", "sufficient"])
    frame.groupby("question")["sufficient"].agg(["count", "mean"])


def _run(kind: str, folder: Path, edition_id: str) -> dict[str, float]:
    command = [sys.executable, __file__, "--measure", kind, "--cases", str(folder)]
    done = subprocess.run(
        [*command, "--edition", edition_id], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _ratios(size: int, results: dict[str, dict[str, float]]) -> None:
    """Print each of score and score1 against parse (the limit) and the baseline."""
    for kind, how in (("score", "default --jobs"), ("score1", "--jobs 1")):
        if kind not in results:
            continue
        seconds = results[kind]["seconds"]
        ratios = []
        if "parse" in results:
            ratios.append(f"{kind} / parse {seconds / results['parse']['seconds']:.2f}")
        if "baseline" in results:
            ratios.append(f"baseline / {kind} {results['baseline']['seconds'] / seconds:.2f}")
        if ratios:
            print(f"{size:>8} ratios ({kind}: validate + score, {how}): {'; '.join(ratios)}")


def main() -> None:
    """Generate (once), measure each kind at each size, print the table and ratios."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000", help="comma-separated case counts")
    parser.add_argument("--edition", default="carag2024")
    parser.add_argument("--folder", type=Path, default=Path("/tmp/inspectcore-bench"))
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--cases", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        _measure(args.measure, args.cases, args.edition)
        return
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPU(s)")
    print(f"{'cases':>8} {'step':<9} {'seconds':>8} {'cases/s':>9} {'peak MB':>8} {'worker MB':>9}")
    for size in (int(s) for s in args.sizes.split(",")):
        folder = args.folder / f"{args.edition}-{size}"
        if len(_files(folder)) != size:
            print(f"generating {size} cases into {folder} ...", file=sys.stderr)
            for old in _files(folder):
                old.unlink()
            generate(args.edition, size, folder)
        results = {}
        for kind in args.kinds.split(","):
            results[kind] = r = _run(kind, folder, args.edition)
            rate = size / r["seconds"]
            print(
                f"{size:>8} {kind:<9} {r['seconds']:8.2f} {rate:9.0f} {r['peak_mb']:8.1f} "
                f"{r['worker_mb']:9.1f}"
            )
        _ratios(size, results)
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
