"""The sample's statistics: its size, the figures' Wilson intervals and the bands they settle."""

from __future__ import annotations

import math
from fractions import Fraction

import attrs
import pytest

from inspectcore import (
    Band,
    Figure,
    RatingRules,
    Registry,
    SampleRule,
    figure_interval,
    sample_size,
    wilson,
)

HMIP = SampleRule(
    0.8,
    0.05,
    0.5,
    True,
    provenance=Registry.discover().framework("hmip-youth-2021").sample.provenance,
)
Z80 = 1.2815515655446004  # the 90th percentile of the standard normal (published tables: 1.2816)


def reference_size(population: int) -> int:
    """The textbook computation, written out separately: Cochran's n0, then the correction."""
    n0 = Z80**2 * 0.25 / 0.05**2
    return math.ceil(n0 * population / (n0 + population - 1))


def test_the_hmip_framework_reproduces_the_published_limit_for_200_cases() -> None:
    assert Registry.discover().framework("hmip-youth-2021").sample == HMIP
    assert sample_size(200, HMIP).sample == 91


@pytest.mark.parametrize("population", [1, 2, 10, 50, 91, 120, 200, 350, 1000, 5000])
def test_the_size_agrees_with_a_reference_computation(population: int) -> None:
    assert sample_size(population, HMIP).sample == reference_size(population)


def test_no_cases_means_no_sample() -> None:
    size = sample_size(0, HMIP)
    assert (size.sample, size.formula, size.limited_by) == (0, 0, None)


def test_a_very_large_caseload_approaches_the_uncorrected_size() -> None:
    assert sample_size(10**12, HMIP).sample == math.ceil(Z80**2 * 0.25 / 0.05**2) == 165
    assert sample_size(10**12, attrs.evolve(HMIP, finite_population_correction=False)).sample == 165


def test_the_minimum_and_maximum_apply_and_the_population_caps() -> None:
    rule = Registry.discover().framework("example-programme").sample
    assert (rule.minimum, rule.maximum) == (10, 100)
    below = sample_size(5, rule)  # fewer cases than the minimum: read them all
    assert (below.sample, below.limited_by) == (5, "population")
    assert sample_size(20, rule).sample == reference_size(20)  # the formula, within limits
    raised = sample_size(200, attrs.evolve(rule, minimum=120, maximum=None))
    assert (raised.sample, raised.formula, raised.limited_by) == (120, 91, "minimum")
    capped = sample_size(5000, rule)
    assert (capped.sample, capped.formula, capped.limited_by) == (
        100,
        reference_size(5000),
        "maximum",
    )


def test_a_negative_population_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        sample_size(-1, HMIP)


# Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I,
# method 3 (Wilson score, 95%): published to four places.
NEWCOMBE = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
]


@pytest.mark.parametrize(("x", "n", "low", "high"), NEWCOMBE)
def test_wilson_intervals_match_published_values(x: int, n: int, low: float, high: float) -> None:
    interval = wilson(x, n, 0.95)
    assert interval is not None
    assert round(interval.low / 100, 4) == low
    assert round(interval.high / 100, 4) == high


@pytest.mark.parametrize(("x", "n"), [(27, 30), (26, 30), (12, 30), (1, 5), (199, 250)])
def test_wilson_bounds_solve_the_score_equation(x: int, n: int) -> None:
    # Wilson's bounds are the p with |x/n - p| = z * sqrt(p (1 - p) / n): the quadratic's roots.
    z, phat = Z80, x / n
    a, b, c = 1 + z * z / n, -(2 * phat + z * z / n), phat * phat
    roots = sorted((-b + s * math.sqrt(b * b - 4 * a * c)) / (2 * a) for s in (-1, 1))
    interval = wilson(x, n, 0.8)
    assert interval is not None
    assert interval.low == pytest.approx(100 * roots[0], abs=1e-9)
    assert interval.high == pytest.approx(100 * roots[1], abs=1e-9)


RULES = RatingRules(
    "standard",
    "key_question",
    (
        Band("Inadequate", Fraction(0)),
        Band("Requires improvement", Fraction(50)),
        Band("Good", Fraction(65)),
        Band("Outstanding", Fraction(80)),
    ),
)


def test_an_interval_across_a_band_edge_is_unsettled() -> None:
    settled = figure_interval(Figure("A 1", 30, 27), 0.8, RULES)  # 90%: 80.8 to 95.1
    assert (settled.bands, settled.unsettled) == (("Outstanding",), False)
    unsettled = figure_interval(Figure("A 2", 30, 26), 0.8, RULES)  # 86.7%: 76.8 to 92.7
    assert (unsettled.bands, unsettled.unsettled) == (("Good", "Outstanding"), True)
    wide = figure_interval(Figure("A 3", 5, 3), 0.8, RULES)  # 60%: 33.0 to 82.0
    assert wide.bands == ("Inadequate", "Requires improvement", "Good", "Outstanding")


def test_a_figure_whose_rounding_changes_its_band_is_flagged() -> None:
    # 79.6% is Good; quoted as a whole 80% it would read Outstanding.
    assert figure_interval(Figure("A 1", 250, 199), 0.8, RULES).rounded_band == "Outstanding"
    assert figure_interval(Figure("A 1", 250, 198), 0.8, RULES).rounded_band is None  # 79.2%
    assert figure_interval(Figure("A 1", 8, 4), 0.8, RULES).rounded_band is None  # 50% exactly


def test_a_figure_without_cases_has_no_interval() -> None:
    assert figure_interval(Figure("A 1", 0, 0), 0.8, RULES).interval is None
    assert wilson(0, 0, 0.8) is None
