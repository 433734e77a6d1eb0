"""carry's truthful counts and its indicative mode, on the bundled 2016 inspection and the
installed cag2016 -> carag2024 crosswalk (figures computed, never written down here)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from inspectcore import (
    CarryCause,
    Edition,
    Registry,
    Relationship,
    carry_inspection,
    crosswalk_coverage,
    crosswalk_from_data,
    indicative_figures,
    read_case,
    score,
)
from inspectcore.cli import cli

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "examples" / "inspection" / "cag2016"


@pytest.fixture(scope="module")
def editions() -> tuple[Registry, Edition, Edition]:
    registry = Registry.discover()
    return registry, registry.load_edition("cag2016"), registry.load_edition("carag2024")


def cases() -> list[tuple[str, Any]]:
    return [(p.name, read_case(p)) for p in sorted(CASES.glob("case-*.toml"))]


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output, result.output
    return result


def test_every_answer_is_carried_or_counted_not_carried_once(
    editions: tuple[Registry, Edition, Edition],
) -> None:
    registry, old, new = editions
    given = cases()
    result = carry_inspection(given, registry.crosswalk("cag2016", "carag2024"), old, new)
    causes = {v for k, v in vars(CarryCause).items() if k.isupper()}
    for (_, case), (_, carried) in zip(given, result.cases, strict=True):
        sources = [a.source.split(" ", 1)[1] for a in carried.carried]
        missing = [n.from_question for n in carried.uncarried]
        assert sorted(sources + missing) == sorted(a.question for a in case.answers)
        assert {n.cause for n in carried.uncarried} <= causes
        assert sum(carried.uncarried_by_cause().values()) == len(carried.uncarried)
        # Answers with no equivalent are among them, as they always were in left_behind.
        assert set(carried.left_behind) <= set(missing)


def test_carry_text_counts_what_was_not_carried_by_reason(tmp_path: Path) -> None:
    result = run("carry", str(CASES), "--to", "carag2024", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    (head,) = (i for i, line in enumerate(lines) if line.startswith("Answers of cag2016: "))
    words = lines[head].split()
    given, carried, not_carried = int(words[3]), int(words[5]), int(words[7])
    assert given == sum(len(c.answers) for _, c in cases())
    assert carried + not_carried == given
    counted = []
    for line in lines[head + 1 :]:
        if not line.strip():
            break
        counted.append(int(line.split()[0]))
    assert sum(counted) == not_carried
    data = json.loads(
        run("carry", str(CASES), "--to", "carag2024", "-o", str(tmp_path / "j"), "--json").stdout
    )
    assert sum(data["not_carried_by_cause"].values()) == not_carried
    assert sum(len(c["uncarried"]) for c in data["cases"]) == not_carried


def test_indicative_figures_are_the_2016_figures_beside_a_2024_key_question(
    editions: tuple[Registry, Edition, Edition],
) -> None:
    registry, old, new = editions
    walk = registry.crosswalk("cag2016", "carag2024")
    scored = score(old, cases())
    found = indicative_figures(walk, old, new, scored)
    assert found.figures
    rules = new.rating
    assert rules is not None
    key_questions = {s.id for s in new.sections if s.level == rules.banded_level}
    by_id = {f.id: f for f in scored.questions}
    placed = [f.pair.from_question for f in found.figures]
    for item in found.figures:
        pair = item.pair
        assert pair in walk.pairs
        assert pair.relationship is not Relationship.EQUIVALENT
        assert walk.equivalent_from(pair.from_question) is None
        assert item.figure == by_id[pair.from_question]
        assert item.key_question in key_questions
        assert item.label.startswith(f"indicative: {pair.from_question} ")
        assert item.label.endswith(f" {pair.to_question}")
    # Every 2016 figure with cases and no equivalent is placed once or listed as not placed.
    expected = [
        f.id for f in scored.questions if f.applicable and walk.equivalent_from(f.id) is None
    ]
    assert sorted(placed + list(found.not_placed)) == sorted(expected)
    assert len(set(placed)) == len(placed)


def test_the_nearest_key_question_prefers_containment_then_the_summary_judgement(
    editions: tuple[Registry, Edition, Edition],
) -> None:
    _, old, new = editions
    scored = score(old, cases())
    judged = next(f.id for f in scored.questions if f.applicable)

    def walk(*pairs: tuple[str, str]) -> Any:
        return crosswalk_from_data(
            {
                "from": "cag2016",
                "to": "carag2024",
                "pairs": [
                    {"from": judged, "to": to, "relationship": rel, "rationale": "a test"}
                    for to, rel in pairs
                ],
            }
        )

    def nearest(*pairs: tuple[str, str]) -> tuple[str, str]:
        (item,) = indicative_figures(walk(*pairs), old, new, scored).figures
        return item.key_question, item.pair.to_question

    # A subset pair beats an intersecting one listed first.
    assert nearest(("P 1 S", "intersects"), ("A 1.3", "subset")) == ("A 1", "A 1.3")
    # Among equally near pairs, the one to a key question's summary judgement.
    assert nearest(("A 1.3", "superset"), ("P 1 S", "superset")) == ("P 1", "P 1 S")
    # Otherwise the crosswalk's order.
    assert nearest(("A 2.2", "intersects"), ("A 1.3", "intersects")) == ("A 2", "A 2.2")
    # An equivalent pair carries the answers: the figure is not shown as indicative.
    found = indicative_figures(walk(("A 1 S", "equivalent")), old, new, scored)
    assert found.figures == ()
    assert judged not in found.not_placed


def test_carry_indicative_labels_every_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("carry", str(CASES), "--to", "carag2024", "-o", str(out), "--indicative")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    (start,) = (i for i, line in enumerate(lines) if line.startswith("Indicative only: "))
    section = lines[start + 1 :]
    figures = [line for line in section if line.startswith("    ")]
    assert figures
    assert all(line.strip().startswith("indicative: ") for line in figures)
    data = json.loads(
        run(
            "carry",
            str(CASES),
            "--to",
            "carag2024",
            "-o",
            str(tmp_path / "j"),
            "--indicative",
            "--json",
        ).stdout
    )["indicative"]
    assert len(data["figures"]) == len(figures)
    for item in data["figures"]:
        assert item["label"].startswith(f"indicative: {item['from']} ")
        assert item["relationship"] in ("subset", "superset", "intersects")


def test_coverage_of_the_bundled_crosswalk_adds_up(
    editions: tuple[Registry, Edition, Edition],
) -> None:
    registry, old, new = editions
    for a, b in ((old, new), (new, old)):
        coverage = crosswalk_coverage(registry.crosswalk(a.id, b.id), a, b)
        assert coverage.outside is not None
        assert coverage.repeated is not None
        for side in ("from_side", "to_side"):
            for count in ("judgements", "with_counterpart", "with_equivalent"):

                def n(area: Any, side: str = side, count: str = count) -> int:
                    return len(getattr(getattr(area, side), count))

                total = sum(map(n, coverage.areas)) + n(coverage.outside) - n(coverage.repeated)
                assert total == n(coverage.overall)
