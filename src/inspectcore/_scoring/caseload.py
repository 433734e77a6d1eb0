"""A reproducible stratified random sample from a caseload list (CSV).

Strata are the distinct values of the chosen columns; each gets its share of the sample
in proportion to its size, the shares rounded by largest remainder (ties in the strata's
sorted order); within a stratum, cases are drawn with Python's ``random.Random(seed)``,
so the same list, seed and strata always give the same sample.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
from collections.abc import Sequence
from pathlib import Path

import attrs

from .._errors import CaseloadError


@attrs.frozen
class Caseload:
    """The rows of a caseload list, as read."""

    path: str
    columns: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    """(line number, values) for each case."""


@attrs.frozen
class Stratum:
    """One stratum: its values of the strata columns, its size and its share of the sample."""

    values: tuple[str, ...]
    eligible: int
    drawn: int


@attrs.frozen
class CaseloadSample:
    """A drawn sample, with everything needed to draw it again."""

    path: str
    seed: int
    strata: tuple[str, ...]
    eligible_before: dt.date | None
    population: int
    """Eligible cases in the list."""
    listed: int
    """Cases in the list."""
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    """The sampled cases, in the list's order."""
    allocation: tuple[Stratum, ...]


def read_caseload(path: str | Path) -> Caseload:
    """Read a caseload CSV (a header row, then one case a row).

    Raises :class:`CaseloadError` naming ``file:line`` for a row whose number of
    fields differs from the header's, and for an empty file or a repeated column.
    """
    name = str(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            try:
                header = next(reader, None)
                if header is None:
                    raise CaseloadError(f"{name}: the file is empty (expected a header row)")
                columns = tuple(c.strip() for c in header)
                if len(set(columns)) != len(columns) or "" in columns:
                    raise CaseloadError(f"{name}:1: column names must be distinct and non-empty")
                rows = []
                for values in reader:
                    line = reader.line_num
                    if not values or all(not v.strip() for v in values):
                        continue
                    if len(values) != len(columns):
                        raise CaseloadError(
                            f"{name}:{line}: {len(values)} field(s), expected {len(columns)} "
                            f"({', '.join(columns)})"
                        )
                    rows.append((line, tuple(v.strip() for v in values)))
            except csv.Error as exc:
                raise CaseloadError(f"{name}:{reader.line_num}: not valid CSV: {exc}") from None
    except UnicodeDecodeError:
        raise CaseloadError(f"{name}: not UTF-8 text") from None
    return Caseload(name, columns, tuple(rows))


def draw_sample(
    caseload: Caseload,
    size: int,
    seed: int,
    strata: Sequence[str] = (),
    *,
    eligible_before: dt.date | None = None,
    date_column: str = "start_date",
) -> CaseloadSample:
    """Draw ``size`` cases, stratified by ``strata`` (columns), reproducibly from ``seed``.

    With ``eligible_before``, only cases whose ``date_column`` (an ISO date) is before it
    are eligible. Raises :class:`CaseloadError` for an unknown column, a bad date (naming
    ``file:line``) or a sample larger than the eligible cases.
    """
    name = caseload.path
    for column in (*strata, *([date_column] if eligible_before else [])):
        if column not in caseload.columns:
            raise CaseloadError(
                f"{name}: no column {column!r} (columns: {', '.join(caseload.columns)})"
            )
    if size < 0:
        raise CaseloadError(f"the sample size must not be negative, got {size}")
    eligible = []
    for line, values in caseload.rows:
        if eligible_before is not None:
            text = values[caseload.columns.index(date_column)]
            try:
                when = dt.date.fromisoformat(text)
            except ValueError:
                raise CaseloadError(
                    f"{name}:{line}: {date_column}: {text!r} is not a date (YYYY-MM-DD)"
                ) from None
            if when >= eligible_before:
                continue
        eligible.append((line, values))
    if size > len(eligible):
        raise CaseloadError(
            f"{name}: a sample of {size} needs at least {size} eligible cases; "
            f"the list has {len(eligible)}"
        )
    index = [caseload.columns.index(c) for c in strata]
    groups: dict[tuple[str, ...], list[tuple[int, tuple[str, ...]]]] = {}
    for row in eligible:
        groups.setdefault(tuple(row[1][i] for i in index), []).append(row)
    keys = sorted(groups)
    shares = allocate([len(groups[k]) for k in keys], size)
    rng = random.Random(seed)
    chosen: list[tuple[int, tuple[str, ...]]] = []
    for key, share in zip(keys, shares, strict=True):
        chosen.extend(rng.sample(groups[key], share))
    chosen.sort()
    return CaseloadSample(
        path=name,
        seed=seed,
        strata=tuple(strata),
        eligible_before=eligible_before,
        population=len(eligible),
        listed=len(caseload.rows),
        columns=caseload.columns,
        rows=tuple(values for _, values in chosen),
        allocation=tuple(Stratum(k, len(groups[k]), s) for k, s in zip(keys, shares, strict=True)),
    )


def allocate(sizes: Sequence[int], total: int) -> list[int]:
    """Proportional allocation of ``total`` over strata of ``sizes``, by largest remainder.

    Each stratum gets the whole part of its share; what is left goes one each to the
    largest remainders (ties to the earlier stratum). Never more than a stratum's size.
    """
    population = sum(sizes)
    if population == 0:
        return [0 for _ in sizes]
    exact = [(total * s, population) for s in sizes]
    shares = [num // den for num, den in exact]
    left = total - sum(shares)
    order = sorted(range(len(sizes)), key=lambda i: (-(exact[i][0] % population), i))
    for i in order[:left]:
        shares[i] += 1
    assert all(share <= size for share, size in zip(shares, sizes, strict=True))
    assert math.fsum(shares) == total
    return shares
