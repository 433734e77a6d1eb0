"""The stratified random sample of a caseload list: reproducible, proportional, checked."""

from __future__ import annotations

import csv
import datetime as dt
import random
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from inspectcore import CaseloadError, allocate, draw_sample, read_caseload
from inspectcore.cli import cli

SENTENCES = ["Youth rehabilitation order", "Referral order", "Custody", "Out-of-court"]
RISKS = ["Low", "Medium", "High"]


def write_caseload(path: Path, count: int = 200, seed: int = 1) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case", "sentence", "risk", "start_date"])
        for number in range(count):
            writer.writerow(
                [
                    f"C{number:04}",
                    rng.choices(SENTENCES, weights=[5, 4, 1, 2])[0],
                    rng.choice(RISKS),
                    (dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(365))).isoformat(),
                ]
            )
    return path


def test_the_same_seed_draws_the_same_sample(tmp_path: Path) -> None:
    caseload = read_caseload(write_caseload(tmp_path / "caseload.csv"))
    first = draw_sample(caseload, 91, 42, ["sentence", "risk"])
    assert first == draw_sample(caseload, 91, 42, ["sentence", "risk"])
    assert first.rows != draw_sample(caseload, 91, 43, ["sentence", "risk"]).rows
    assert len(first.rows) == 91
    assert len(set(first.rows)) == 91


def test_the_strata_keep_their_proportions(tmp_path: Path) -> None:
    caseload = read_caseload(write_caseload(tmp_path / "caseload.csv"))
    drawn = draw_sample(caseload, 91, 7, ["sentence"])
    listed = Counter(row[1] for _, row in caseload.rows)
    sampled = Counter(row[1] for row in drawn.rows)
    for sentence, size in listed.items():
        # Each stratum gets its exact share, rounded down or up (largest remainder).
        share = 91 * size / len(caseload.rows)
        assert int(share) <= sampled[sentence] <= int(share) + 1
    assert {s.values[0]: s.drawn for s in drawn.allocation} == dict(sampled)


def test_largest_remainder_rounding() -> None:
    assert allocate([5, 3, 2], 5) == [3, 1, 1]  # 2.5, 1.5, 1.0: the tie goes to the first
    assert allocate([10, 10, 10], 10) == [4, 3, 3]
    assert allocate([1, 1000], 10) == [0, 10]
    assert allocate([], 0) == []
    assert allocate([4], 4) == [4]


def test_only_cases_before_the_date_are_eligible(tmp_path: Path) -> None:
    caseload = read_caseload(write_caseload(tmp_path / "caseload.csv"))
    cut = dt.date(2025, 7, 1)
    drawn = draw_sample(caseload, 30, 1, eligible_before=cut)
    assert drawn.population == sum(dt.date.fromisoformat(r[3]) < cut for _, r in caseload.rows)
    assert all(dt.date.fromisoformat(row[3]) < cut for row in drawn.rows)


def test_bad_rows_are_refused_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("case,sentence\nC1,Custody\nC2\n", encoding="utf-8")
    with pytest.raises(CaseloadError, match=r"bad\.csv:3: 1 field\(s\), expected 2"):
        read_caseload(path)
    path.write_text("case,start_date\nC1,yesterday\n", encoding="utf-8")
    with pytest.raises(CaseloadError, match=r"bad\.csv:2: start_date: 'yesterday' is not a date"):
        draw_sample(read_caseload(path), 1, 1, eligible_before=dt.date(2026, 1, 1))
    with pytest.raises(CaseloadError, match="no column 'risk'"):
        draw_sample(read_caseload(path), 1, 1, ["risk"])
    with pytest.raises(CaseloadError, match="needs at least 5 eligible cases"):
        draw_sample(read_caseload(path), 5, 1)
    path.write_text("", encoding="utf-8")
    with pytest.raises(CaseloadError, match="empty"):
        read_caseload(path)


def test_the_command_records_how_to_draw_it_again(tmp_path: Path) -> None:
    caseload = write_caseload(tmp_path / "caseload.csv")
    output = tmp_path / "sample.toml"
    args = ["sample", str(caseload), "-n", "20", "--seed", "5", "--strata", "sentence,risk"]
    result = CliRunner().invoke(cli, [*args, "-o", str(output)])
    assert result.exit_code == 0, result.output
    data = tomllib.loads(output.read_text(encoding="utf-8"))
    assert data["draw"]["seed"] == 5
    assert data["draw"]["strata"] == ["sentence", "risk"]
    assert data["draw"]["eligible"] == 200
    assert len(data["cases"]) == 20
    assert "--seed 5" in data["draw"]["command"]
    again = draw_sample(read_caseload(caseload), 20, 5, ["sentence", "risk"])
    assert [c["case"] for c in data["cases"]] == [row[0] for row in again.rows]


def test_the_command_refuses_to_write_over_its_input(tmp_path: Path) -> None:
    caseload = write_caseload(tmp_path / "caseload.csv")
    before = caseload.read_bytes()
    args = ["sample", str(caseload), "-n", "5", "--seed", "1", "-o", str(caseload)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert caseload.read_bytes() == before


def test_a_bad_row_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("case,sentence\nC1\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["sample", str(path), "-n", "1", "--seed", "1"])
    assert result.exit_code == 1
    assert "bad.csv:2:" in result.output
    assert "Traceback" not in result.output


def test_the_example_caseload_is_what_its_script_writes_and_gives_91_of_200() -> None:
    import importlib.util

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location(
        "make_caseload", root / "examples/make_caseload.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = root / "examples/caseload/caseload.csv"
    assert committed.read_text(encoding="utf-8") == module.caseload()
    drawn = draw_sample(
        read_caseload(committed),
        91,
        2026,
        ["sentence", "risk"],
        eligible_before=dt.date(2025, 10, 1),
    )
    assert (drawn.listed, drawn.population, len(drawn.rows)) == (220, 200, 91)
