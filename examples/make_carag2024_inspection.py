"""Write the synthetic carag2024 example inspection (31 court-disposal cases, one excluded).

No case describes a real person: every answer is drawn from a seeded random
generator, so running this again writes the same files. Usage::

    python examples/make_carag2024_inspection.py [FOLDER]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from inspectcore import Answer, CaseAssessment, Edition, EditionRef, Registry, write_case

CASES = 31
SENTENCES = (
    ("Referral order", "community"),
    ("Youth rehabilitation order", "community"),
    ("Youth rehabilitation order with intensive supervision", "community"),
    ("Detention and training order", "custody"),
)
# How likely a prompt is answered Yes, per key question: the inspection's "true" quality.
QUALITY = {
    "A 1": 0.85,
    "A 2": 0.7,
    "A 3": 0.6,
    "P 1": 0.8,
    "P 2": 0.65,
    "P 3": 0.55,
    "D 1": 0.85,
    "D 2": 0.75,
    "D 3": 0.6,
    "R 1": 0.7,
    "R 2": 0.6,
    "R 3": 0.5,
    "O 2": 0.8,
}
LEVELS = ("Low", "Medium", "High", "Very high")
INFORMATION = {
    "I 1.4": "As recorded by the service",
    "I 1.5": "As the child identifies",
    "I 1.6": "English",
    "I 1.7": "As the child identifies",
    "I 1.8": "Not recorded",
    "I 1.10": "Some impact on attending education; adjustments made",
}


def make_case(edition: Edition, number: int, rng: random.Random) -> CaseAssessment:
    """One synthetic case."""
    sentence, setting = SENTENCES[number % len(SENTENCES)]
    answers: dict[str, Answer] = {}
    answers["I 1.1"] = Answer(
        "I 1.1", "Yes" if number % 5 == 0 else "No", note=f"Sentence: {sentence} ({setting})."
    )
    answers["I 1.9"] = Answer("I 1.9", "Yes" if number % 4 == 1 else "No")
    if number % 5 == 0:  # care experienced: the home/host check of I 1.1
        host = number in (15, 25)
        answers["I 1.1/1"] = Answer("I 1.1/1", "Host" if host else "Home")
        if host:  # case 25's host service did not assess the child: it is excluded
            answers["I 1.1/2"] = Answer("I 1.1/2", "No" if number == 25 else "Yes")
    for question in edition.questions:
        qid = question.id
        if qid in answers:
            continue
        section = question.section
        if question.kind == "information":
            if qid.startswith("I 1.1/"):
                continue
            if qid in INFORMATION:
                answers[qid] = Answer(qid, INFORMATION[qid])
            else:  # written records and reviews
                answers[qid] = Answer(qid, "Yes" if rng.random() < 0.8 else "No")
        elif question.kind == "classification":
            # Cycle through the four levels so each appears across the sample.
            answers[qid] = Answer(qid, LEVELS[(number + len(qid)) % len(LEVELS)])
        elif question.kind == "judgement":
            answers[qid] = Answer(qid, "Yes" if rng.random() < QUALITY[section] else "No")
    for key_question, quality in QUALITY.items():
        prompts = [
            a.value
            for a in answers.values()
            if edition.question(a.question).section == key_question
            and edition.question(a.question).kind == "judgement"
        ]
        summary = edition.find_question(f"{key_question} S")
        if summary is None:
            continue
        # The inspector's overall view: mostly the prompts' balance, sometimes not.
        share = prompts.count("Yes") / len(prompts)
        verdict = share >= 0.75 or (share >= 0.5 and rng.random() < quality)
        answers[summary.id] = Answer(summary.id, "Yes" if verdict else "No")
    # I 1.10 applies only when the child has a disability (I 1.9 = Yes).
    if answers["I 1.9"].value != "Yes":
        del answers["I 1.10"]
    ordered = [answers[q.id] for q in edition.questions if q.id in answers]
    return CaseAssessment(
        edition=EditionRef(edition.id, edition.version),
        case=f"SYN-{number:03d}",
        answers=ordered,
        assessor=f"Inspector {'ABC'[number % 3]}",
        assessed_on=(dt.date(2026, 3, 2) + dt.timedelta(days=number // 6)).isoformat(),
    )


def main() -> None:
    """Write the cases."""
    folder = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).parent / "inspection" / "carag2024"
    )
    folder.mkdir(parents=True, exist_ok=True)
    edition = Registry.discover(strict=True).load_edition("carag2024")
    rng = random.Random(2024)
    for number in range(1, CASES + 1):
        write_case(make_case(edition, number, rng), folder / f"case-{number:03d}.toml")
    print(f"wrote {CASES} cases to {folder}")


if __name__ == "__main__":
    main()
