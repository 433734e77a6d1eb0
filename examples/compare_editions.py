"""Compare two editions end to end: the crosswalk, its coverage, and an inspection carried across.

    python examples/compare_editions.py                      # cag2016 -> carag2024
    python examples/compare_editions.py --from example --to example-next \\
        --cases examples/inspection/example --output /tmp/carried

The two editions number their questions differently, so a structural diff (matching by id)
says little; the crosswalk their plugins ship says what corresponds to what. The script
checks the crosswalk, prints its coverage by area, carries every case of the inspection in
CASES to the newer edition (only through equivalent pairs), scores the carried cases and says
which scored judgements the crosswalk cannot reach. It prints ids and figures only, never an
answer.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from fractions import Fraction
from pathlib import Path

import inspectcore

HERE = Path(__file__).resolve().parent


def shown(percent: Fraction | None) -> str:
    """A percentage to one decimal place, rounded down, as the command line shows it."""
    if percent is None:
        return "-"
    tenths = (percent * 10).__floor__()
    return f"{tenths // 10}.{tenths % 10}%"


def main(argv: list[str] | None = None) -> int:
    """Run the comparison; return the exit code (1 when the crosswalk has problems)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="old", default="cag2016", help="the older edition")
    parser.add_argument("--to", dest="new", default="carag2024", help="the newer edition")
    parser.add_argument(
        "--cases",
        type=Path,
        default=HERE / "inspection" / "cag2016",
        help="a folder of case files assessed under the older edition",
    )
    parser.add_argument("--output", type=Path, help="write the carried case files here")
    args = parser.parse_args(argv)

    registry = inspectcore.Registry.discover()
    old = registry.load_edition(args.old)
    new = registry.load_edition(args.new)
    crosswalk = registry.crosswalk(old.id, new.id)

    print(f"Crosswalk {old.id} {old.version} -> {new.id} {new.version}")
    kinds = Counter(p.relationship.value for p in crosswalk.pairs)
    print(f"  {len(crosswalk.pairs)} pairs: " + ", ".join(f"{n} {k}" for k, n in kinds.items()))
    for edition in (old, new):
        print(f"  {len(crosswalk.unmatched_in(edition.id))} questions of {edition.id} unmatched")
    problems = inspectcore.check_crosswalk(crosswalk, old, new)
    print(f"  integrity: {len(problems)} problem(s)")
    for problem in problems:
        print(f"    {problem}")

    print("\nCoverage of scored judgements (with a counterpart / with an equivalent)")
    coverage = inspectcore.crosswalk_coverage(crosswalk, old, new)
    # The areas, the judgements in no area and those in two (counted again), then all.
    for area in coverage.rows():
        for side in (area.from_side, area.to_side):
            print(
                f"  {area.id:<14} {side.edition:<12} {len(side.judgements):>3} judgements  "
                f"{len(side.with_counterpart):>3} ({shown(side.counterpart_percent):>6})  "
                f"{len(side.with_equivalent):>3} ({shown(side.equivalent_percent):>6})"
            )

    files = sorted(p for p in args.cases.iterdir() if p.suffix in (".toml", ".json"))
    cases = [(path.name, inspectcore.read_case(path)) for path in files]
    carried = inspectcore.carry_inspection(cases, crosswalk, old, new)
    print(f"\nCarried {len(carried.cases)} case(s) from {old.id} to {new.id}")
    answers = sum(len(c.carried) for _, c in carried.cases)
    dropped = sum(len(c.uncarried) for _, c in carried.cases)
    afresh = sum(1 for _, c in carried.cases for a in c.afresh if not a.waits_for)
    print(f"  {answers} answers carried, {dropped} not carried, {afresh} to assess afresh")
    causes = Counter(n.cause for _, c in carried.cases for n in c.uncarried)
    for cause, count in causes.most_common():
        print(f"    {count:>5} not carried: {cause}")
    if args.output is not None:
        args.output.mkdir(parents=True, exist_ok=True)
        for name, case in carried.cases:
            inspectcore.write_case(case.case, args.output / name)
        print(f"  carried case files written to {args.output}")

    result = carried.score
    print(f"\nThe carried inspection scored under {new.id}: {len(result.cases)} case(s)")
    for excluded in result.excluded:
        print(f"  excluded {excluded.case}: {excluded.reason}")
    for rating in result.ratings:
        driver = f"driven by {rating.driven_by}" if rating.driven_by else "nothing to rate"
        print(f"  {rating.section:<8} {rating.band or 'not rated':<22} {driver}")
    for figure in result.key_questions:
        print(
            f"  {figure.id:<8} {figure.sufficient} of {figure.applicable} {shown(figure.percent)}"
        )
    print(
        f"\nUncovered: {len(carried.uncovered)} scored judgement(s) of {new.id} have no "
        f"equivalent in {old.id}; their figures are empty:"
    )
    print("  " + (", ".join(carried.uncovered) or "none"))

    # What an analyst can show honestly for the rest: the old edition's own figures beside
    # the nearest key question of the new one, each labelled indicative with the relation.
    beside = inspectcore.indicative_figures(crosswalk, old, new, inspectcore.score(old, cases))
    print(f"\nIndicative only: {old.id} figures beside the nearest {new.id} key question")
    for item in beside.figures:
        figure = item.figure
        print(
            f"  {item.key_question:<8} {item.label:<44} "
            f"{figure.sufficient} of {figure.applicable} {shown(figure.percent)}"
        )
    print(f"  not placed: {', '.join(beside.not_placed) or 'none'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
