"""The whole inspection's rating: scores, the total's bands, not-rated standards, overrides."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from inspectcore import (
    Framework,
    Override,
    RatedBy,
    Registry,
    inspection_rating_to_data,
    rate_inspection,
    read_inspection,
    score,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.discover(strict=True, blocked=())


@pytest.fixture(scope="module")
def youth(registry: Registry) -> Framework:
    return registry.framework("hmip-youth-2021")


def ratings_totalling(framework: Framework, total: int) -> dict[str, str]:
    """Given ratings for every standard whose counted scores add up to ``total``."""
    names = {s.score: s.rating for s in framework.scores}
    given, left = {}, total
    for standard in framework.standards:
        if not standard.counted:
            given[standard.id] = names[0]
            continue
        points = min(3, left)
        given[standard.id] = names[points]
        left -= points
    assert left == 0
    return given


@pytest.mark.parametrize(
    ("total", "overall"),
    [
        (0, "Inadequate"),
        (6, "Inadequate"),
        (7, "Requires improvement"),
        (18, "Requires improvement"),
        (19, "Good"),
        (30, "Good"),
        (31, "Outstanding"),
        (36, "Outstanding"),
    ],
)
def test_every_band_edge_of_the_total(youth: Framework, total: int, overall: str) -> None:
    rated = rate_inspection(youth, ratings_totalling(youth, total))
    assert (rated.score, rated.max, rated.overall, rated.scaled) == (total, 36, overall, None)


def test_the_2021_framework_has_13_standards_and_resettlement_is_not_counted(
    youth: Framework,
) -> None:
    assert len(youth.standards) == 13
    assert [s.id for s in youth.standards if not s.counted] == ["4.1"]
    given = ratings_totalling(youth, 19)
    low = rate_inspection(youth, {**given, "4.1": "Inadequate"})
    high = rate_inspection(youth, {**given, "4.1": "Outstanding"})
    assert (low.score, low.max, low.overall) == (high.score, high.max, high.overall)
    resettlement = next(s for s in high.standards if s.standard == "4.1")
    assert (resettlement.rating, resettlement.score) == ("Outstanding", None)
    assert "rated but not counted" in high.trace()[-2]


def test_the_2018_framework_has_12_counted_standards(registry: Registry) -> None:
    framework = registry.framework("hmip-youth-2018")
    assert len(framework.standards) == 12
    assert all(s.counted for s in framework.standards)
    assert framework.edition is None  # its guidance is not shipped: every rating is given


def test_only_the_carag_standards_have_titles_and_every_rule_has_provenance(
    youth: Framework,
) -> None:
    titled = {s.id: s.title for s in youth.standards if s.title}
    assert titled == {
        "2.1": "Assessment",
        "2.2": "Planning",
        "2.3": "Implementation and delivery",
        "2.4": "Reviewing",
    }
    for part in (youth.scores_provenance, youth.bands_provenance, youth.sample.provenance):
        assert part.basis.value == "inferred"
    assert "91 cases from a caseload of 200" in youth.sample.provenance.note
    assert {s.section for s in youth.standards if s.section} == set(titled)
    assert {s.rated_by for s in youth.standards} == {RatedBy.CASES, RatedBy.INSPECTORS}


def test_case_figures_rate_their_standards_and_not_rated_ones_shrink_the_maximum(
    registry: Registry,
) -> None:
    framework = registry.framework("example-programme")
    edition = registry.load_edition("example")
    inspection = read_inspection([ROOT / "examples/inspection/example"], edition)
    scored = score(edition, inspection.cases)
    rated = rate_inspection(framework, {"O": "Good"}, scored)
    by_id = {s.standard: s for s in rated.standards}
    expected_b = next(r for r in scored.ratings if r.section == "B")
    assert by_id["B"].computed == expected_b.band
    assert by_id["B"].source == "cases"
    assert by_id["C"].rating is None  # area C applies to no example case
    assert by_id["C"].source == "not rated: no applicable cases"
    assert by_id["R"].source == "not rated: not given"
    # O and B only: out of 6, not 9; the total is put on the bands' scale of 9.
    assert (rated.score, rated.max) == (2 + framework.score_of(expected_b.band or ""), 6)
    assert rated.scaled == rated.score * 9 / 6
    with pytest.raises(ValueError, match="rated from the cases"):
        rate_inspection(framework, {"B": "Good"}, scored)


def test_the_maximum_scaled_total_gives_a_different_band_than_the_raw_one(
    registry: Registry,
) -> None:
    framework = registry.framework("example-programme")
    rated = rate_inspection(framework, {"O": "Good", "B": "Good"})  # C and R not rated
    assert (rated.score, rated.max, rated.overall) == (4, 6, "Good")  # 6 of 9: Good (min 5)


def test_an_override_is_recorded_beside_the_computed_rating(registry: Registry) -> None:
    framework = registry.framework("example-programme")
    panel = Override("B", "Good", "Ratings panel chair", dt.date(2026, 3, 2), "new evidence")
    rated = rate_inspection(
        framework, {"O": "Good", "B": "Requires improvement", "C": "Good"}, overrides=[panel]
    )
    b = next(s for s in rated.standards if s.standard == "B")
    assert (b.computed, b.rating, b.score, b.override) == ("Requires improvement", "Good", 2, panel)
    assert rated.score == 6
    line = next(t for t in rated.trace() if t.startswith("B:"))
    assert "Requires improvement" in line
    assert "overridden to Good by Ratings panel chair" in line
    data = inspection_rating_to_data(framework, rated)["standards"][1]
    assert data["computed"] == "Requires improvement"
    assert data["rating"] == "Good"
    assert data["override"] == {
        "rating": "Good",
        "by": "Ratings panel chair",
        "on": "2026-03-02",
        "why": "new evidence",
    }
    with pytest.raises(ValueError, match="overridden twice"):
        rate_inspection(framework, {}, overrides=[panel, panel])


def test_unknown_standards_and_ratings_are_refused(youth: Framework) -> None:
    with pytest.raises(KeyError, match=r"no standard '9\.9'"):
        rate_inspection(youth, {"9.9": "Good"})
    with pytest.raises(KeyError, match="not a rating"):
        rate_inspection(youth, {"1.1": "Great"})
