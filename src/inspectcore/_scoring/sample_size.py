"""How many cases to read: the standard sample size for estimating a proportion.

n0 = z² p (1 - p) / e², with z the normal quantile for the confidence, then the
finite-population correction n = n0 / (1 + (n0 - 1) / N), rounded up. The parameters
are a framework's data (its ``[sample]``), never constants here.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import attrs

from .._model.frameworks import SampleRule


@attrs.frozen
class SampleSize:
    """The number of cases to read from a population, and how it was reached."""

    population: int
    sample: int
    formula: int
    """The formula's figure, rounded up, before the limits and the population cap."""
    confidence: float
    margin: float
    proportion: float
    finite_population_correction: bool
    limited_by: str | None = None
    """``"minimum"``, ``"maximum"`` or ``"population"`` when one of them set ``sample``."""


def z_for(confidence: float) -> float:
    """The two-sided normal quantile for a confidence level (1.2816 for 80%)."""
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def sample_size(population: int, rule: SampleRule) -> SampleSize:
    """The sample to read from ``population`` eligible cases under ``rule``.

    Raises ``ValueError`` for a negative population. The sample never exceeds the
    population: with fewer cases than the minimum, every case is read.
    """
    if population < 0:
        raise ValueError(f"the population must not be negative, got {population}")
    z = z_for(rule.confidence)
    n0 = z * z * rule.proportion * (1 - rule.proportion) / (rule.margin * rule.margin)
    n = n0 / (1 + (n0 - 1) / population) if rule.finite_population_correction and population else n0
    # Rounding error must not push an exact whole number up to the next one.
    formula = 0 if population == 0 else math.ceil(n - 1e-9)
    sample, limited_by = formula, None
    if rule.minimum is not None and sample < rule.minimum:
        sample, limited_by = rule.minimum, "minimum"
    if rule.maximum is not None and sample > rule.maximum:
        sample, limited_by = rule.maximum, "maximum"
    if sample > population:
        sample, limited_by = population, "population"
    return SampleSize(
        population=population,
        sample=sample,
        formula=formula,
        confidence=rule.confidence,
        margin=rule.margin,
        proportion=rule.proportion,
        finite_population_correction=rule.finite_population_correction,
        limited_by=limited_by,
    )
