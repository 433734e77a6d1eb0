"""The statistics of a sample and the whole inspection's rating, as data and as text."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from typing import Any

from .._model.frameworks import Framework
from .._scoring.caseload import CaseloadSample
from .._scoring.inspection_rating import InspectionRating
from .._scoring.intervals import FigureInterval
from .._scoring.sample_size import SampleSize
from .._util import toml as _toml


def sample_size_to_data(size: SampleSize) -> dict[str, Any]:
    """A sample size as JSON-ready data: ``population``, ``sample`` and how it was reached."""
    return {
        "population": size.population,
        "sample": size.sample,
        "formula": size.formula,
        "confidence": size.confidence,
        "margin": size.margin,
        "proportion": size.proportion,
        "finite_population_correction": size.finite_population_correction,
        "limited_by": size.limited_by,
    }


def interval_to_data(item: FigureInterval) -> dict[str, Any]:
    """A figure's interval as data: ``low``, ``high`` (percent, 4 places), ``confidence``,
    ``bands`` (the bands it reaches), ``unsettled`` and ``rounded_band``; ``None`` when no
    case counts."""
    if item.interval is None:
        return {"low": None, "high": None, "confidence": None, "bands": [], "unsettled": False}
    return {
        "low": round(item.interval.low, 4),
        "high": round(item.interval.high, 4),
        "confidence": item.interval.confidence,
        "bands": list(item.bands),
        "unsettled": item.unsettled,
        "rounded_band": item.rounded_band,
    }


def inspection_rating_to_data(framework: Framework, rating: InspectionRating) -> dict[str, Any]:
    """An inspection's rating as data: ``framework``, ``score``, ``max``, ``overall``,
    ``scaled``, ``standards`` (each with its ``rating``, ``computed``, ``source``,
    ``counted``, ``score``, ``driven_by`` and ``override``), ``trace`` and ``basis`` (the
    provenance of the scores and of the bands)."""
    return {
        "framework": rating.framework,
        "score": rating.score,
        "max": rating.max,
        "overall": rating.overall,
        "scaled": None if rating.scaled is None else round(float(rating.scaled), 4),
        "standards": [
            {
                "id": s.standard,
                "rating": s.rating,
                "computed": s.computed,
                "source": s.source,
                "counted": s.counted,
                "score": s.score,
                "driven_by": s.driven_by,
                "override": None
                if s.override is None
                else {
                    "rating": s.override.rating,
                    "by": s.override.by,
                    "on": s.override.on.isoformat(),
                    "why": s.override.why,
                },
            }
            for s in rating.standards
        ],
        "trace": list(rating.trace()),
        "basis": {
            "scores": str(framework.scores_provenance),
            "overall": str(framework.bands_provenance),
            "standards": str(framework.standards_provenance),
        },
    }


def sample_to_toml(sample: CaseloadSample, command: Sequence[str]) -> str:
    """A drawn sample as TOML: how it was drawn (``[draw]``: the list, seed, strata, date
    limit, counts and the command line), the allocation per stratum and the cases."""
    draw: dict[str, Any] = {
        "caseload": sample.path,
        "seed": sample.seed,
        "strata": list(sample.strata),
        "listed": sample.listed,
        "eligible": sample.population,
        "sample": len(sample.rows),
        "command": shlex.join(command),
    }
    if sample.eligible_before is not None:
        draw["eligible_before"] = sample.eligible_before
    data = {
        "format": "inspectcore-sample/1",
        "draw": draw,
        "allocation": [
            {"stratum": list(s.values), "eligible": s.eligible, "drawn": s.drawn}
            for s in sample.allocation
        ],
        "cases": [dict(zip(sample.columns, row, strict=True)) for row in sample.rows],
    }
    return _toml.dumps(data)
