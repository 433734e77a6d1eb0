"""Concurrent saves: of two saves from the same version exactly one wins, nothing is lost."""

from __future__ import annotations

import threading

from inspectcore import Answer, CaseAssessment, EditionRef, StaleCaseError, Store, StoredCase


def test_two_saves_from_one_version_one_wins_the_other_is_refused(store_url: str) -> None:
    # Two stores: two engines, as two server processes would have.
    with Store.open(store_url) as one, Store.open(store_url) as two:
        inspection = one.add_inspection("week 1", "example")
        added = one.add_case(inspection.id, CaseAssessment(EditionRef("example"), "C-1"), by="x")
        for round_ in range(10):
            version = one.case(added.id).version
            start = threading.Barrier(2)
            outcomes: dict[str, StoredCase | StaleCaseError] = {}

            def save(
                store: Store,
                who: str,
                version: int = version,
                r: int = round_,
                start: threading.Barrier = start,
                outcomes: dict[str, StoredCase | StaleCaseError] = outcomes,
            ) -> None:
                current = store.case(added.id)
                mine = current.assessment.with_answer(Answer(f"{who}-{r}", r))
                start.wait()
                try:
                    outcomes[who] = store.save(added.id, mine, by=who, expected_version=version)
                except StaleCaseError as exc:
                    outcomes[who] = exc

            threads = [
                threading.Thread(target=save, args=(one, "ivan")),
                threading.Thread(target=save, args=(two, "olga")),
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            won = [w for w, o in outcomes.items() if not isinstance(o, StaleCaseError)]
            lost = [o for o in outcomes.values() if isinstance(o, StaleCaseError)]
            assert len(won) == 1, outcomes
            assert len(lost) == 1, outcomes
            # The refused save is shown the winner's case, and the winner's answer is kept.
            assert lost[0].current == outcomes[won[0]]
            now = one.case(added.id)
            assert now.version == version + 1
            assert now.assessment.answer(f"{won[0]}-{round_}") is not None
        answered = {a.question for a in one.case(added.id).assessment.answers}
        assert len(answered) == 10
        history = one.history(added.id)
        assert [c.version for c in history if c.version > 1] == list(range(2, 12))
