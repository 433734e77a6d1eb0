"""A short run of the load test (benchmarks/load_server.py): inspectors saving answers
concurrently through uvicorn on the loopback lose and duplicate nothing. Never timed."""

from __future__ import annotations

import sys
from pathlib import Path

import attrs

from inspectcore import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from load_server import QUESTIONS, check, run  # type: ignore[import-not-found]


def test_concurrent_saves_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'load.db'}") as store:
        # Few cases for many inspectors: saves meet on the same case and version often.
        outcome = run(store, inspectors=6, seconds=3, cases=2)
    assert outcome.errors == []
    assert outcome.lost == []
    assert outcome.duplicated == []
    assert len(outcome.saves) > 6


def test_the_check_finds_an_answer_lost_behind_its_back(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'load.db'}") as store:
        outcome = run(store, inspectors=2, seconds=1, cases=1)
        assert outcome.lost == []
        # An answer overwritten by a save no inspector made (as a silent merge would).
        [case] = store.cases(store.inspections()[0].id)
        last = max(outcome.saves, key=lambda s: s.version)
        answer = case.assessment.answer(last.question)
        assert answer is not None
        other = next(v for v in QUESTIONS[last.question] if v != answer.value)
        changed = case.assessment.with_answer(attrs.evolve(answer, value=other))
        store.save(case.id, changed, by="someone", expected_version=case.version)
        outcome.lost.clear()
        outcome.duplicated.clear()
        check(store, case.inspection_id, outcome)
    assert outcome.lost
