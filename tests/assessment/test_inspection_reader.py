"""Reading an inspection one case at a time: what the commands that aggregate consume."""

from __future__ import annotations

import shutil
from pathlib import Path

import attrs

import inspectcore
from inspectcore import Edition, InspectionReader, ScoreCounter, read_inspection

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "example"


def _copy(tmp_path: Path) -> Path:
    for path in EXAMPLES.iterdir():
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_cases_are_read_one_at_a_time(example: Edition) -> None:
    reader = InspectionReader([EXAMPLES], example)
    cases = iter(reader)
    path, routed = next(cases)
    # Only the first file has been read: the rest wait for the consumer.
    assert reader.read == 1
    assert path == EXAMPLES / "case-01.toml"
    assert routed.case == inspectcore.read_case(path)
    assert len(list(cases)) == 2
    assert reader.read == 3
    assert reader.ok


def test_a_reference_used_twice_is_a_problem_of_the_later_file(
    tmp_path: Path, example: Edition
) -> None:
    folder = _copy(tmp_path)
    shutil.copy(folder / "case-01.toml", folder / "case-04.toml")
    shutil.copy(folder / "case-01.toml", folder / "case-05.toml")
    (folder / "case-02.toml").write_text(
        (folder / "case-02.toml").read_text().replace('"B 1.1" = "No"', '"B 1.1" = "Maybe"')
    )
    reader = InspectionReader([folder], example)
    consumed = [path.name for path, _ in reader]
    assert consumed == [f"case-0{n}.{'json' if n == 3 else 'toml'}" for n in range(1, 6)]
    assert not reader.ok
    # The files' own problems first, then the references used twice, as read_inspection.
    assert reader.problems == read_inspection([folder], example).problems
    duplicates = [p for p in reader.problems if p.where == "case"]
    assert [p.path.name for p in duplicates] == ["case-04.toml", "case-05.toml"]
    assert all(str(folder / "case-01.toml") in p.message for p in duplicates)
    assert reader.problems[0].path.name == "case-02.toml"


def test_a_counter_scores_as_score_does_on_a_list(example: Edition) -> None:
    counter = ScoreCounter(example)
    read = read_inspection([EXAMPLES], example)
    for name, routed in read.cases:
        counter.add(name, routed.case)  # a case not yet routed is routed by the counter
    assert counter.result() == inspectcore.score(example, list(read.cases))
    assert counter.result().cases


def test_a_counter_that_keeps_no_names_counts_the_same(example: Edition) -> None:
    named, unnamed = ScoreCounter(example), ScoreCounter(example, keep_names=False)
    for path, routed in InspectionReader([EXAMPLES], example):
        named.add(path.name, routed)
        unnamed.add(path.name, routed)
    kept, counted = named.result(), unnamed.result()
    assert kept.scored == len(kept.cases) == 3
    assert counted.cases == ()
    assert counted.scored == 3
    assert attrs.evolve(counted, cases=kept.cases) == kept
    assert inspectcore.score_to_data(example, counted) == inspectcore.score_to_data(example, kept)
