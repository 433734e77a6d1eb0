"""Write the synthetic cag2016 example inspections: FJIs of an English and a Welsh YOT.

No case describes a real person: the sample below is made up, every judgement is
drawn from a seeded random generator, and every free-text answer says it is
synthetic, so running this again writes the same files. The script walks the
edition with the library's :class:`~inspectcore.Router`, answering a question
only once the answers before it make it apply, so each case answers exactly the
questions that apply to it; it checks every case with :func:`inspectcore.validate`
before writing anything. Usage::

    python examples/make_cag2016_inspection.py [FOLDER]           # 24 English cases
    python examples/make_cag2016_inspection.py [FOLDER] --wales   # 8 Welsh cases

The default folders are ``examples/inspection/cag2016`` and ``…/cag2016-wales``.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import sys
from collections.abc import Sequence
from pathlib import Path

import attrs
import holidays

from inspectcore import (
    Answer,
    AnswerValue,
    CaseAssessment,
    Edition,
    EditionRef,
    MultipleChoice,
    PerOption,
    Question,
    Registry,
    Router,
    SingleChoice,
    YesNo,
    validate,
    write_case,
)

DTO = "Detention and Training Order"
LONG_TERM = "Long-term custodial sentence (S90/91)"
YRO = "Youth Rehabilitation Order"
REFERRAL = "Referral Order"
REPARATION = "Reparation Order"
OTHER_SENTENCE = "Other"
CUSTODIAL = (DTO, LONG_TERM)
# Appendix A's limits (working days from sentence) for the sentences it names; the generator
# needs them to place each case's dates on time or late on purpose.
LIMITS = {DTO: 10, YRO: 15, REFERRAL: 20}

# How likely a judgement is answered Yes, per view: the inspection's "true" quality, so that
# views, criteria and themes come out with different figures.
QUALITY = {
    "View 0": 0.7,
    "View 1": 0.8,
    "View 2": 0.65,
    "View 3": 0.72,
    "View 4": 0.58,
    "View 5": 0.85,
}
NARRATIVES = {
    "1.20b": "the assessment record was read in full and discussed with the case manager",
    "2.20": "the plans were read against the assessment and the sentence requirements",
    "3.20a": "delivery was followed through the case diary and intervention records",
    "3.20b": "the interventions delivered were matched against the plan and their design",
    "4.20": "outcomes were judged from the record and the case manager's account",
    "5.10": "the case manager described supervision, countersigning and training",
}

# Questions split into parts after the examples were first written (issue 14). The part that
# takes the printed question's answers draws from the main random stream under the printed
# id, as the question did; the other parts draw from a stream of their own, so that every
# other question's answers, and so its figures, stay as they were.
CONTINUES = {
    "2.1.2/health": "2.1.2",
    "2.12.2/health": "2.12.2",
    "5.1.1/a": "5.1.1",
    "5.3/a": "5.3",
    "5.7.1/c": "5.7.1",  # c), which keeps the N/A option 5.7.1 had
}
NEW_PARTS = frozenset(
    {
        *(f"{printed}/{domain}" for printed in ("2.1.2", "2.12.2")
          for domain in ("ete", "substance-misuse", "care")),
        "5.1.1/b", "5.1.1/c", "5.3/b", "5.3/c", "5.3/d", "5.7.1/a", "5.7.1/b",
    }
)  # fmt: skip
EVENTS = ("police", "arrested", "charged", "cautioned", "convicted", "breach")
"""The sub-sections of 4.19.1, in order."""


@attrs.frozen
class Plan:
    """What the synthetic sample fixes for one case; everything else is drawn at random."""

    number: int
    sentence: str
    months: int
    offence: str
    sentenced_on: str = ""
    """Empty for the few cases without Appendix A dates."""
    mappa: tuple[str, str] | None = None
    """(12b category, 12c level) for a MAPPA-eligible case."""
    modules: tuple[str, ...] = ()
    """FJI modules besides Core (question 14)."""
    psr: bool = False
    looked_after: str = ""
    """The 7b answer when the child was Looked After (7a Yes), else empty."""
    late: tuple[bool, bool] = (False, False)
    """Whether the initial assessment and the initial plan are late (Appendix A); a plan
    never comes before its assessment, so it is late too when the assessment is."""
    no_factors: bool = False
    """No priority factor chosen in 2.1.0 (so 3.7.1 and 4.12 do not apply)."""
    welsh: str = ""
    """The 9a answer (preferred language), for cases in Wales."""


IV, CT = ("Interventions",), ("Courts",)
# The sample: sentence, months (10b), offence, date of sentence, MAPPA (12b, 12c), modules (14).
# fmt: off
ENGLAND = (
    Plan(1, DTO, 12, "wounding with intent", "2025-04-16", ("Cat 2", "Level 2"), IV, psr=True,
         looked_after="Home area", late=(False, True)),
    Plan(2, YRO, 12, "theft from a shop", "2025-06-09", modules=CT, psr=True),
    Plan(3, REFERRAL, 6, "criminal damage", "2025-05-01", late=(True, True)),
    Plan(4, LONG_TERM, 999, "robbery with a weapon", "2025-03-03", ("Cat 2", "Level 3"),
         (*IV, *CT), psr=True),
    Plan(5, YRO, 18, "sexual assault", "2025-08-20", ("Cat 1", "Level 1"), psr=True),
    Plan(6, REFERRAL, 9, "possession of cannabis", "2025-09-15", modules=IV,
         looked_after="Host YOT"),
    Plan(7, DTO, 8, "burglary of a dwelling", "2025-07-07", modules=CT, psr=True,
         late=(True, True)),
    Plan(8, REPARATION, 3, "public order offence", "2025-10-06", no_factors=True),
    Plan(9, YRO, 24, "arson", "2025-05-22", ("Cat 3", "Level 1"), IV, psr=True,
         late=(False, True)),
    Plan(10, REFERRAL, 12, "assault by beating", "2025-12-18", modules=CT),
    Plan(11, DTO, 24, "grievous bodily harm", "2025-11-03", ("Cat 2", "Level 1"), IV, psr=True,
         looked_after="Home area"),
    Plan(12, YRO, 6, "vehicle taking"),
    Plan(13, REFERRAL, 3, "theft of a bicycle", "2025-02-10", late=(True, False)),
    Plan(14, LONG_TERM, 72, "rape", "2025-01-13", ("Cat 1", "Level 2"), psr=True,
         late=(False, True)),
    Plan(15, YRO, 12, "possession of a bladed article", "2025-12-17", modules=IV, psr=True,
         looked_after="Host YOT", late=(True, True)),
    Plan(16, OTHER_SENTENCE, 4, "breach of a civil order"),
    Plan(17, DTO, 4, "robbery", "2025-08-21", modules=CT, psr=True),
    Plan(18, REFERRAL, 6, "handling stolen goods", "2025-04-17", modules=IV),
    Plan(19, YRO, 9, "affray", "2025-03-24", psr=True, late=(True, False)),
    Plan(20, REPARATION, 3, "criminal damage", modules=CT, looked_after="Home area"),
    Plan(21, DTO, 18, "wounding", "2025-05-23", ("Cat 3", "Level 2"), psr=True,
         late=(False, True)),
    Plan(22, YRO, 24, "supplying a controlled drug", "2025-09-29", modules=IV, psr=True),
    Plan(23, REFERRAL, 12, "common assault"),
    Plan(24, YRO, 12, "threatening with a weapon", "2025-08-22", modules=CT, psr=True,
         late=(True, True)),
)
WALES = (
    Plan(1, DTO, 10, "robbery", "2025-04-15", ("Cat 2", "Level 2"), IV, psr=True, welsh="Welsh",
         late=(False, True)),
    Plan(2, YRO, 12, "theft", "2025-06-02", psr=True, welsh="English"),
    Plan(3, REFERRAL, 6, "criminal damage", "2025-08-21", welsh="Not Known",
         looked_after="Home area", late=(True, True)),
    Plan(4, YRO, 18, "assault occasioning actual bodily harm", "2025-12-19",
         ("Cat 2", "Level 1"), CT, psr=True, welsh="Other"),
    Plan(5, REFERRAL, 9, "burglary of a shed", "2025-05-01", modules=IV, welsh="Welsh"),
    Plan(6, REPARATION, 3, "graffiti damage", welsh="English"),
    Plan(7, DTO, 6, "possession of a bladed article", "2025-10-13", psr=True, welsh="Welsh",
         late=(True, False)),
    Plan(8, YRO, 9, "vehicle taking", "2025-03-10", modules=CT, psr=True, welsh="English"),
)
# fmt: on


# -- Appendix A dates ---------------------------------------------------------------------------


@functools.cache
def _bank_holidays(country: str, year: int) -> frozenset[dt.date]:
    subdivision = {"England": "ENG", "Wales": "WLS"}[country]
    return frozenset(holidays.country_holidays("GB", subdiv=subdivision, years=year))


def _after_working_days(start: dt.date, days: int, country: str) -> dt.date:
    """The date ``days`` working days (Monday to Friday, not a bank holiday) after ``start``."""
    day = start
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in _bank_holidays(country, day.year):
            days -= 1
    return day


def _dates(plan: Plan, country: str, rng: random.Random) -> dict[str, AnswerValue]:
    """A/sentence, A/assessment and A/plan: on time or late against Appendix A, as planned."""
    if not plan.sentenced_on:
        return {}
    start = dt.date.fromisoformat(plan.sentenced_on)
    limit = LIMITS.get(plan.sentence, 15)  # sentences without a limit: dates are still recorded

    def taken(late: bool) -> int:
        return limit + rng.randint(1, 8) if late else limit - rng.randint(0, min(6, limit - 2))

    assessment = taken(plan.late[0])
    planned = max(taken(plan.late[1]), assessment)  # a plan follows its assessment
    return {
        "A/sentence": start.isoformat(),
        "A/assessment": _after_working_days(start, assessment, country).isoformat(),
        "A/plan": _after_working_days(start, planned, country).isoformat(),
    }


# -- answers ------------------------------------------------------------------------------------


def _options(question: Question) -> list[str]:
    domain = question.answer
    if not isinstance(domain, YesNo | SingleChoice | MultipleChoice):
        raise SystemExit(f"{question.id}: expected a choice, not {type(domain).__name__}")
    return [o.value for o in domain.options]


def _facts(plan: Plan, country: str, rng: random.Random) -> dict[str, AnswerValue | None]:
    """The information answers of one case (the Router decides which are asked)."""
    n = plan.number
    custodial = plan.sentence in CUSTODIAL
    if plan.psr:
        advice: tuple[str, ...] = ("Pre-sentence report", "Verbal update")[: 1 + n % 2]
    else:
        advice = (("Specific sentence report",), ("Stand down report",), ("Verbal update",))[n % 3]
    chosen_factors = rng.sample(range(6), 0 if plan.no_factors else (n - 1) % 5 + 1)
    factors = ("Emotional or mental health", "Physical health", "Substance misuse", "ETE",
               "Living arrangements", "Parenting capacity")  # fmt: skip
    facts: dict[str, AnswerValue | None] = {
        "1": f"Inspector {'ABC'[n % 3]}",
        "2": "HMI Probation staff" if n % 3 else "Local Assessor",
        "4": "Female" if n % 4 == 2 else "Male",
        "5": 12 + (n * 5) % 6,
        "6": ("White", "Mixed", "Asian or Asian British", "Black or Black British")[n % 4],
        "7a": "Yes" if plan.looked_after else "No",
        "7b": plan.looked_after,
        "8": "Yes" if n % 5 == 3 or plan.looked_after == "Host YOT" else "No",
        "10a": plan.sentence,
        "10b": plan.months,
        "10c": "No" if plan.months == 999 or (custodial and plan.months > 12) else "Yes",
        "A/sentence": None,  # optional: a few cases leave the Appendix A dates out
        "A/assessment": None,
        "A/plan": None,
        **_dates(plan, country, rng),
        "11": f"Synthetic case: {plan.offence}",
        "12a": "Yes" if plan.mappa else "No",
        "12b": plan.mappa[0] if plan.mappa else None,
        "12c": plan.mappa[1] if plan.mappa else None,
        "13a": "Case manager",
        "13b": "Yes" if n % 4 == 1 else "No",
        "14": ("Core", *plan.modules),
        "1.2.1": "Yes" if n % 3 == 1 else "No",
        "1.2.2": (
            ("Statement of Special Educational Needs",),
            ("ADHD", "Other learning difficulty or disability"),
            ("Mental health or emotional state", "Other"),
        )[n % 3],
        "1.5.1": advice,
        "1.6.1": "Yes" if plan.psr else "No",
        "1.14.1": "Yes" if n % 7 == 4 else "No",
        "2.1.0": tuple(factors[i] for i in sorted(chosen_factors)),
        "3.16.1": "Yes" if n % 6 in (0, 3) else "No",
        "3.16.2": "Synthetic case: transferred in from another YOT area during the sentence",
        "4.18.0": None,  # printed without wording: nothing to answer
        **_events(n),
        "5.4.1": ("Team manager", "Senior practitioner")[n % 2],
        "5.15.1": ("No", None, "No", "No", "No", "No", "Yes")[n % 7],  # optional: some unasked
        "5.15.2": "Synthetic case: by email to the Lead Inspector",
    }
    if plan.welsh:
        facts |= {
            "9a": plan.welsh,
            "9b": ("Yes", "No", "Not known")[n % 3],
            "9c": ("Yes", "Not known", "No")[n % 3],
            "9d": ("Yes", "Not Required", "No")[n % 3],
            "13c": "Welsh" if plan.welsh == "Welsh" and n % 2 else "English",
        }
    return facts


def _events(n: int) -> dict[str, AnswerValue | None]:
    """4.19.1's sub-sections: any is Yes exactly when 4.19.1 was Yes before it was split."""
    recorded = ("Yes", "No", "No", "Don’t Know")[n % 4]
    if recorded != "Yes":
        return {f"4.19.1/{event}": recorded for event in EVENTS}
    # which further events came with the police's attention: a different mix per case
    yes = {"police", *(("arrested", "charged", "convicted"), ("cautioned",), ("breach",))[n % 3]}
    return {f"4.19.1/{event}": "Yes" if event in yes else "No" for event in EVENTS}


@attrs.define
class _Generator:
    """Answers the questions of one inspection, case by case, with one random stream (and
    one more for each part in NEW_PARTS)."""

    edition: Edition
    seed: int
    rng: random.Random = attrs.field(init=False)
    streams: dict[str, random.Random] = attrs.Factory(dict)
    """A stream per part in NEW_PARTS (and per explanation only they make apply), so that
    adding a part changes no answer but its own."""
    seen: dict[str, set[str]] = attrs.Factory(dict)
    """Per judgement, the answers given so far: used to make every one of them meet both a
    sufficient and an insufficient answer (and so its explanations apply somewhere)."""

    def __attrs_post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def stream(self, key: str) -> random.Random:
        """The stream of one part (or explanation) outside the main one."""
        return self.streams.setdefault(key, random.Random(f"{self.seed}:{key}"))

    def case(self, plan: Plan, country: str, reference: str) -> CaseAssessment:
        facts = _facts(plan, country, self.rng)
        case = CaseAssessment(
            edition=EditionRef(self.edition.id, self.edition.version),
            case=reference,
            extensions=self.edition.extensions,
            # the inspection facts: the programme, the YOT inspected (3a) and its country (3b)
            context={"programme": "FJI", "3a": f"Example {country} YOT (synthetic)", "3b": country},
            assessor=str(facts["1"]),
            assessed_on=(dt.date(2026, 3, 2) + dt.timedelta(days=plan.number // 5)).isoformat(),
        )
        for question in self.edition.questions:
            # A fresh router each time: applicability follows the answers given so far.
            if not Router(self.edition, case).check(question).applies:
                continue
            if question.kind == "information":
                if question.id not in facts:
                    raise SystemExit(f"no synthetic answer for information question {question.id}")
                value = facts[question.id]
            elif question.kind == "judgement":
                # The optional judgement (3.6.1.1) is printed without wording: nothing to judge.
                value = self.judgement(question, plan, case) if question.required else None
            elif question.kind == "explanation":
                # An optional explanation (1.13.3) is not required even after an insufficient
                # judgement: answer it in about half the cases, so both ways occur.
                rng = self.explanation_stream(question, case)
                if question.required or rng.random() < 0.5:
                    value = self.explanation(question, rng)
                else:
                    value = None
            elif question.kind == "narrative":
                value = self.narrative(question, plan, case, facts["5"])
            else:
                raise SystemExit(f"{question.id}: no synthetic answers for kind {question.kind}")
            if value is not None:
                case = case.with_answer(Answer(question.id, value))
        return case

    def judgement(self, question: Question, plan: Plan, case: CaseAssessment) -> AnswerValue:
        qid, n = question.id, plan.number
        if question.links.per_option_of:
            chosen = case.answer(question.links.per_option_of)
            assert chosen is not None
            assert isinstance(chosen.value, tuple)
            return PerOption(tuple((f, self.yes_no(question, forced=False)) for f in chosen.value))
        if qid == "4.1":  # risk of harm reduced? N/A where there was no risk of harm to reduce
            return "N/A" if n % 5 == 3 and not plan.mappa else self.yes_no(question)
        if qid == "4.6":  # safeguarding and vulnerability reduced? N/A where none applied
            return "N/A" if n % 5 == 0 else self.yes_no(question)
        if qid == "4.18.1":  # N/A (not counted) where there was no opportunity to comply
            if n % 8 == 5:
                return "N/A"
            return ("Yes (fully)", "Yes (after initial difficulties)", "No")[n % 3]
        if qid.startswith("4.13.1/"):  # frequency (a) and seriousness (b) of reoffending
            return ("Yes", "No", "Insufficient Evidence", "Yes")[(n + (qid == "4.13.1/b")) % 4]
        if qid == "4.19.3":
            return self.rng.choice(_options(question))
        return self.yes_no(question)

    def explanation_stream(self, question: Question, case: CaseAssessment) -> random.Random:
        """The main stream, unless only a part in NEW_PARTS makes the explanation apply."""
        if question.links.explains is not None or question.applies is None:
            return self.rng
        source = question.applies.condition.source
        first = [part for part in CONTINUES if f'answer("{part}")' in source]
        if first and (answer := case.answer(first[0])) is not None and answer.value != "No":
            return self.stream(question.id)
        return self.rng

    def yes_no(self, question: Question, *, forced: bool = True) -> str:
        rng = self.stream(question.id) if question.id in NEW_PARTS else self.rng
        seen = self.seen.setdefault(CONTINUES.get(question.id, question.id), set())
        if "N/A" in _options(question) and rng.random() < 0.04:
            value = "N/A"
        elif rng.random() < QUALITY[question.section]:
            value = "Yes"
        else:
            value = "No"
        if forced and value != "N/A" and seen - {"N/A"} == {value}:
            # A judgement's second Yes/No answer is the opposite of its first, so that every
            # judgement applying twice meets both (and its explanations apply somewhere).
            value = "No" if value == "Yes" else "Yes"
        seen.add(value)
        return value

    def explanation(self, question: Question, rng: random.Random) -> tuple[str, ...]:
        options = _options(question)
        listed = [o for o in options if o != "Other"]
        if not listed:
            return ("Other",)
        chosen = set(rng.sample(listed, rng.randint(1, min(3, len(listed)))))
        if rng.random() < 0.2:
            chosen.add("Other")
        return tuple(o for o in options if o in chosen)

    def narrative(
        self, question: Question, plan: Plan, case: CaseAssessment, age: AnswerValue | None
    ) -> str:
        if question.id == "1.20a":
            sentence = "another sentence" if plan.sentence == OTHER_SENTENCE else plan.sentence
            return (
                f"Synthetic case {case.case}: a {age}-year-old on a {sentence} "
                f"for {plan.offence}; no real person is described."
            )
        text = f"Synthetic case {case.case}: {NARRATIVES.get(question.id, 'synthetic notes')}."
        others = [
            a.question
            for a in case.answers
            if isinstance(a.value, tuple)
            and "Other" in a.value
            and self.edition.question(a.question).links.other_goes_to == question.id
        ]
        if others:
            text += f" 'Other' at {', '.join(others)}: a synthetic reason not in the list."
        return text


def build(
    edition: Edition, plans: Sequence[Plan], country: str, prefix: str, seed: int
) -> dict[str, CaseAssessment]:
    """Every case of one inspection by file name, each checked by validation."""
    generator = _Generator(edition, seed)
    cases = {}
    for plan in plans:
        case = generator.case(plan, country, f"{prefix}{plan.number:03d}")
        problems = validate(edition, case)
        if problems:  # warnings too: an example should be spotless
            shown = "; ".join(f"{p.question}: {p.message}" for p in problems)
            raise SystemExit(f"{case.case} does not validate: {shown}")
        cases[f"case-{plan.number:03d}.toml"] = case
    return cases


def main(argv: Sequence[str] | None = None) -> None:
    """Write the cases."""
    args = list(sys.argv[1:] if argv is None else argv)
    wales = "--wales" in args
    args = [a for a in args if a != "--wales"]
    name = "cag2016-wales" if wales else "cag2016"
    folder = Path(args[0]) if args else Path(__file__).parent / "inspection" / name
    registry = Registry.discover()  # a broken unrelated plugin must not stop the example
    if wales:
        edition = registry.load_edition("cag2016", extensions=["wales"])
        cases = build(edition, WALES, "Wales", "FJI-W", seed=2017)  # FJI-W001 …
    else:
        edition = registry.load_edition("cag2016")
        cases = build(edition, ENGLAND, "England", "FJI-", seed=2016)
    folder.mkdir(parents=True, exist_ok=True)
    for file_name, case in cases.items():
        write_case(case, folder / file_name)
    print(f"wrote {len(cases)} cases to {folder}")


if __name__ == "__main__":
    main()
