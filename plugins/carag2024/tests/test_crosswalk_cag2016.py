"""The crosswalk from cag2016 to carag2024, read straight from its TOML and checked against both
editions as the registry loads them (independently of the engine's own crosswalk reader)."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from inspectcore import Domain, Edition, MultipleChoice, Question, Registry, SingleChoice, YesNo

FROM, TO = "cag2016", "carag2024"
FILE = files("inspectcore_carag2024") / "crosswalks" / "cag2016.toml"
README = Path(__file__).resolve().parents[1] / "README.md"
RELATIONSHIPS = {"equivalent", "subset", "superset", "intersects"}
AREAS = {"reoffending", "safeguarding", "harm"}

Table = dict[str, Any]


@pytest.fixture(scope="module")
def data() -> Table:
    return tomllib.loads(FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def editions() -> dict[str, Edition]:
    registry = Registry.discover()
    return {edition_id: registry.load_edition(edition_id) for edition_id in (FROM, TO)}


def _pairs(data: Table) -> list[Table]:
    pairs: list[Table] = data["pairs"]
    return pairs


def _unmatched(data: Table, edition_id: str) -> list[str]:
    return [u["question"] for u in data["unmatched"] if u["edition"] == edition_id]


def _paired(data: Table, side: str) -> set[str]:
    return {p[side] for p in _pairs(data)}


def _options(domain: Domain) -> tuple[str, ...] | None:
    """The values a choice question takes; None for free answers (text, number, date)."""
    if isinstance(domain, YesNo | SingleChoice | MultipleChoice):
        return domain.values
    return None


def _must_be_covered(edition: Edition) -> list[Question]:
    """Scored judgements (the brief's rule), and in cag2016 every judgement, scored or not:
    the coordinator may still change which 2016 judgements are scored."""
    if edition.id == FROM:
        return [q for q in edition.questions if q.kind == "judgement"]
    return [q for q in edition.questions if q.scored]


def _groups_above(edition: Edition, group_ids: Iterable[str]) -> set[str]:
    """The groups given and every group they are (transitively) part of."""
    found: set[str] = set()
    todo = list(group_ids)
    while todo:
        group_id = todo.pop()
        if group_id in found:
            continue
        found.add(group_id)
        group = edition.group(group_id)
        if group is not None:
            todo.extend(group.part_of)
    return found


def _areas_of(edition: Edition, question: Question, data: Table) -> list[str]:
    """The crosswalk areas a question falls in: by a listed section it lies in, or a listed
    group it counts towards, directly or through a group that is part of it."""
    sections = {s.id for s in edition.section_path(question.section)}
    groups = _groups_above(edition, question.links.counts_towards)
    return [a["id"] for a in data["areas"] if set(a[edition.id]) & (sections | groups)]


def test_header_names_the_two_editions_and_how_it_was_built(data: Table) -> None:
    assert (data["from"], data["to"]) == (FROM, TO)
    assert data["title"].strip()
    assert data["basis"].startswith("derived: ")
    assert set(data) <= {"from", "to", "title", "basis", "pairs", "areas", "unmatched"}


def test_tables_use_only_the_agreed_keys(data: Table) -> None:
    for pair in _pairs(data):
        assert {"from", "to", "relationship", "rationale"} <= set(pair), pair
        assert set(pair) <= {"from", "to", "relationship", "rationale", "values"}, pair
    for item in data["unmatched"]:
        assert set(item) == {"edition", "question", "rationale"}, item
        assert item["edition"] in (FROM, TO)
    for area in data["areas"]:
        assert set(area) == {"id", "title", FROM, TO}, area


def test_every_id_exists_exactly_as_printed(data: Table, editions: dict[str, Edition]) -> None:
    ids = {edition_id: {q.id for q in e.questions} for edition_id, e in editions.items()}
    unknown = [(FROM, p["from"]) for p in _pairs(data) if p["from"] not in ids[FROM]]
    unknown += [(TO, p["to"]) for p in _pairs(data) if p["to"] not in ids[TO]]
    unknown += [
        (u["edition"], u["question"])
        for u in data["unmatched"]
        if u["question"] not in ids[u["edition"]]
    ]
    assert unknown == []


def test_relationships_are_oscal_vocabulary(data: Table) -> None:
    assert {p["relationship"] for p in _pairs(data)} <= RELATIONSHIPS


def test_no_pair_is_listed_twice(data: Table) -> None:
    counts = Counter((p["from"], p["to"]) for p in _pairs(data))
    assert [pair for pair, n in counts.items() if n > 1] == []


def test_an_equivalent_pair_is_the_only_equivalent_of_both_its_questions(data: Table) -> None:
    equivalent = [p for p in _pairs(data) if p["relationship"] == "equivalent"]
    assert equivalent, "carrying a case across needs at least one equivalent pair"
    for side in ("from", "to"):
        counts = Counter(p[side] for p in equivalent)
        assert [q for q, n in counts.items() if n > 1] == [], side


def test_value_maps_only_on_equivalent_pairs_and_complete(
    data: Table, editions: dict[str, Edition]
) -> None:
    for pair in _pairs(data):
        if "values" not in pair:
            continue
        assert pair["relationship"] == "equivalent", pair
        source = _options(editions[FROM].question(pair["from"]).answer)
        target = _options(editions[TO].question(pair["to"]).answer)
        assert source is not None, pair
        assert target is not None, pair
        values: dict[str, str] = pair["values"]
        assert sorted(values) == sorted(source), f"{pair['from']}: every option, no other"
        assert set(values.values()) <= set(target), f"{pair['to']}: only its own options"


def test_equivalent_answers_can_be_carried_as_they_are(
    data: Table, editions: dict[str, Edition]
) -> None:
    for pair in _pairs(data):
        if pair["relationship"] != "equivalent":
            continue
        old = editions[FROM].question(pair["from"])
        new = editions[TO].question(pair["to"])
        # A judgement carries only to a judgement, a fact only to a fact.
        assert (old.kind == "information") == (new.kind == "information"), pair
        assert old.scored == new.scored, pair
        assert isinstance(old.answer, MultipleChoice) == isinstance(new.answer, MultipleChoice)
        if "values" in pair:
            continue
        source, target = _options(old.answer), _options(new.answer)
        if source is None or target is None:
            assert old.answer.type == new.answer.type, pair
        else:
            assert set(source) <= set(target), pair


def test_every_judgement_is_paired_or_unmatched_never_both(
    data: Table, editions: dict[str, Edition]
) -> None:
    for edition_id, side in ((FROM, "from"), (TO, "to")):
        paired, unmatched = _paired(data, side), _unmatched(data, edition_id)
        assert [q for q, n in Counter(unmatched).items() if n > 1] == [], edition_id
        assert sorted(paired & set(unmatched)) == [], edition_id
        required = [q.id for q in _must_be_covered(editions[edition_id])]
        missing = [q for q in required if q not in paired and q not in unmatched]
        assert missing == [], edition_id


def test_every_scored_judgement_of_both_editions_is_covered(
    data: Table, editions: dict[str, Edition]
) -> None:
    # The brief's rule, stated on its own: scored judgements of cag2016, and the scored
    # prompts and summary judgements of carag2024.
    old = [q.id for q in editions[FROM].questions if q.kind == "judgement" and q.scored]
    new = [q.id for q in editions[TO].questions if q.scored]
    assert len(old) > 60  # both editions as transcribed in full
    assert len(new) > 60
    covered_old = _paired(data, "from") | set(_unmatched(data, FROM))
    covered_new = _paired(data, "to") | set(_unmatched(data, TO))
    assert [q for q in old if q not in covered_old] == []
    assert [q for q in new if q not in covered_new] == []
    summaries = [q.id for q in editions[TO].questions if q.kind == "summary_judgement"]
    assert len(summaries) == 12
    assert set(summaries) <= _paired(data, "to")


def test_rationales_are_one_concrete_line(data: Table) -> None:
    for item in [*_pairs(data), *data["unmatched"]]:
        text: str = item["rationale"]
        assert text, item
        assert text == text.strip(), item
        assert "\n" not in text, item
        assert len(text) <= 160, (len(text), item)
    # A pair's rationale says what differs, not only that they are alike.
    for pair in _pairs(data):
        if pair["relationship"] != "equivalent":
            assert re.search(r"[;,]| also | only ", pair["rationale"]), pair


def test_areas_list_existing_sections_or_groups(data: Table, editions: dict[str, Edition]) -> None:
    assert [a["id"] for a in data["areas"]] == ["reoffending", "safeguarding", "harm"]
    for area in data["areas"]:
        assert area["title"].strip()
        for edition_id, edition in editions.items():
            known = {s.id for s in edition.sections} | {g.id for g in edition.groups}
            assert area[edition_id], (area["id"], edition_id)
            assert [i for i in area[edition_id] if i not in known] == [], (area["id"], edition_id)


def test_every_scored_judgement_falls_in_at_most_one_area(
    data: Table, editions: dict[str, Edition]
) -> None:
    for edition_id, edition in editions.items():
        in_areas: Counter[str] = Counter()
        for question in edition.questions:
            if not question.scored:
                continue
            areas = _areas_of(edition, question, data)
            assert len(areas) <= 1, (edition_id, question.id, areas)
            in_areas.update(areas)
        # Every area holds judgements of both editions.
        assert set(in_areas) == AREAS, edition_id


@pytest.mark.parametrize(
    ("edition_id", "question_id", "expected"),
    [
        # Each edition's own domain questions, by what the documents say they are about.
        (FROM, "1.1.1", ["reoffending"]),  # why the child offended
        (FROM, "1.10.1", ["harm"]),  # risk of harm to others
        (FROM, "1.13.1", ["safeguarding"]),  # vulnerability and safeguarding
        (FROM, "2.2.1", ["reoffending"]),  # Interventions module: planning to reduce reoffending
        (FROM, "5.1.1/a", []),  # organisational: criterion 1.5.1 is in no area
        (FROM, "1.4.1", []),  # engagement: the fourth 2016 theme, not one of the three
        (TO, "A 1 S", ["reoffending"]),
        (TO, "P 2.4", ["safeguarding"]),
        (TO, "R 3 S", ["harm"]),
        (TO, "O 2.1", []),  # O 2 asks about all three areas
    ],
)
def test_areas_place_questions_as_the_documents_do(
    data: Table,
    editions: dict[str, Edition],
    edition_id: str,
    question_id: str,
    expected: list[str],
) -> None:
    edition = editions[edition_id]
    assert _areas_of(edition, edition.question(question_id), data) == expected


def test_the_crosswalk_is_registered_by_the_plugin() -> None:
    registry = Registry.discover()
    found = [
        c
        for c in registry.crosswalks()
        if (c.source.from_edition, c.source.to_edition) == (FROM, TO)
    ]
    assert len(found) == 1
    info = found[0]
    assert info.plugin.distribution == "inspectcore-carag2024"
    assert info.source.file == "cag2016.toml"
    shipped = info.source.data.file(info.source.file).read_text()
    assert shipped == FILE.read_text(encoding="utf-8")


def test_readme_counts_match_the_data(data: Table) -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Crosswalk from cag2016", 1)[1].split("\n## ", 1)[0]
    stated = {m[0]: int(m[1]) for m in re.findall(r"^\| `(\w+)` \| (\d+) \|", section, re.M)}
    counts = Counter(p["relationship"] for p in _pairs(data))
    counts["unmatched cag2016"] = len(_unmatched(data, FROM))
    counts["unmatched carag2024"] = len(_unmatched(data, TO))
    assert stated == {k: v for k, v in counts.items() if k in RELATIONSHIPS}
    for edition_id in (FROM, TO):
        match = re.search(rf"unmatched, {edition_id}: (\d+)", section)
        assert match is not None, edition_id
        assert int(match[1]) == len(_unmatched(data, edition_id))
