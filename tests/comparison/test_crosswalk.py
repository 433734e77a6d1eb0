"""Crosswalks: the format, each integrity rule, coverage, the registry and the command."""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Callable
from fractions import Fraction
from importlib.metadata import entry_points
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import tomli_w
from click.testing import CliRunner, Result

from inspectcore import (
    CrosswalkDataError,
    CrosswalkPair,
    CrosswalkRule,
    CrosswalkSource,
    DataFolder,
    Edition,
    PluginError,
    PluginInfo,
    Plugins,
    Registry,
    Relationship,
    UnknownCrosswalkError,
    check_crosswalk,
    crosswalk_coverage,
    crosswalk_from_data,
    format_crosswalk,
    get_plugin_manager,
    hookimpl,
    question_prompt,
    read_crosswalk,
    resolve_edition,
)
from inspectcore.cli import cli
from inspectcore.testing import use_entry_points

WriteEdition = Callable[..., Path]
Tables = dict[str, Any]


@pytest.fixture(autouse=True)
def only_example_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Discover only the example plugin, whatever else is installed."""

    def example_entry_points(*, group: str) -> list[Any]:
        found = entry_points(group=group)
        return [e for e in found if e.dist and e.dist.name == "inspectcore-example"]

    use_entry_points(monkeypatch, example_entry_points)


def judgement(qid: str, section: str, **more: Any) -> dict[str, Any]:
    return {"id": qid, "kind": "judgement", "section": section, "text": f"Question {qid}?", **more}


def information(qid: str, answer: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": qid,
        "kind": "information",
        "section": "A",
        "text": f"Fact {qid}",
        "domain": answer,
        "domain_basis": "stated: the tests",
    }


SECTIONS = [
    {"id": "A", "level": "area", "title": "Assessment"},
    {"id": "B", "level": "area", "title": "Planning"},
]


@pytest.fixture
def editions(write_edition: WriteEdition) -> tuple[Edition, Edition]:
    """Two small editions: ``old`` (o1-o5) and ``new`` (n1-n6)."""
    old = write_edition(
        "old",
        sections=SECTIONS,
        groups=[
            {"id": "theme", "kind": "theme", "title": "Desistance"},
            {"id": "crit", "kind": "criterion", "part_of": ["theme"], "part_of_basis": "stated: t"},
        ],
        questions=[
            judgement("o1", "A", links={"counts_towards": ["crit"]}),
            judgement("o2", "A"),
            judgement("o3", "B"),
            information("o4", {"type": "single_choice", "options": ["Yes", "No", "Not known"]}),
            information("o5", {"type": "yes_no"}),
        ],
    )
    new = write_edition(
        "new",
        sections=SECTIONS,
        questions=[
            judgement("n1", "A"),
            judgement("n2", "A"),
            judgement("n3", "B"),
            information("n4", {"type": "single_choice", "options": ["Y", "N"]}),
            information("n5", {"type": "yes_no"}),
            judgement("n6", "B"),
        ],
    )
    return resolve_edition(old), resolve_edition(new)


def pair(a: str, b: str, relationship: str, **more: Any) -> dict[str, Any]:
    return {"from": a, "to": b, "relationship": relationship, "rationale": f"{a} vs {b}", **more}


def valid() -> Tables:
    """A crosswalk from old to new that breaks no rule."""
    return {
        "from": "old",
        "to": "new",
        "title": "Old to new",
        "basis": "derived: the tests",
        "pairs": [
            pair("o1", "n1", "equivalent"),
            pair("o2", "n2", "subset"),
            pair("o3", "n3", "intersects"),
            pair("o4", "n4", "equivalent", values={"Yes": "Y", "No": "N", "Not known": "N"}),
            pair("o5", "n5", "equivalent"),
        ],
        "areas": [
            {"id": "des", "title": "Desistance", "old": ["theme"], "new": ["A"]},
            {"id": "plan", "title": "Planning", "old": ["B"], "new": ["B"]},
        ],
        "unmatched": [{"edition": "new", "question": "n6", "rationale": "New in new."}],
    }


def test_a_valid_crosswalk_has_no_problems(editions: tuple[Edition, Edition]) -> None:
    assert check_crosswalk(crosswalk_from_data(valid()), *editions) == ()


def _add(table: str, entry: dict[str, Any]) -> Callable[[Tables], None]:
    return lambda data: data[table].append(entry)


def _set_pair(index: int, **values: Any) -> Callable[[Tables], None]:
    return lambda data: data["pairs"][index].update(values)


BREAKS: list[tuple[str, Callable[[Tables], None], CrosswalkRule, str, str]] = [
    (
        "unknown FROM id",
        _add("pairs", pair("o9", "n3", "intersects")),
        CrosswalkRule.UNKNOWN_QUESTION,
        "pairs[5] (o9 -> n3)",
        "from: old has no question 'o9'",
    ),
    (
        "id not exactly as printed",
        _add("pairs", pair("o2", "n 1", "subset")),
        CrosswalkRule.UNKNOWN_QUESTION,
        "pairs[5] (o2 -> n 1)",
        "to: new has no question 'n 1'; did you mean 'n1'?",
    ),
    (
        "unknown unmatched id",
        _add("unmatched", {"edition": "new", "question": "n9", "rationale": "r"}),
        CrosswalkRule.UNKNOWN_QUESTION,
        "unmatched[1] (new n9)",
        "question: new has no question 'n9'",
    ),
    (
        "duplicate pair",
        _add("pairs", pair("o2", "n2", "superset")),
        CrosswalkRule.DUPLICATE_PAIR,
        "pairs[5] (o2 -> n2)",
        "this pair is listed before",
    ),
    (
        "two equivalents of one question",
        _add("pairs", pair("o2", "n1", "equivalent")),
        CrosswalkRule.EQUIVALENT_NOT_EXCLUSIVE,
        "pairs (to n1)",
        "new n1 is equivalent to 2 questions; an equivalent pair must be its questions' only one",
    ),
    (
        "values on a subset pair",
        _set_pair(1, values={"Yes": "Yes", "No": "No"}),
        CrosswalkRule.VALUES_NOT_EQUIVALENT,
        "pairs[1] (o2 -> n2)",
        "values map answers, so only an equivalent pair may have one (this one is subset)",
    ),
    (
        "an option not mapped",
        _set_pair(3, values={"Yes": "Y", "No": "N"}),
        CrosswalkRule.VALUES_INCOMPLETE,
        "pairs[3] (o4 -> n4)",
        "values: options of o4 not mapped: 'Not known'",
    ),
    (
        "a value that is no option of TO",
        _set_pair(3, values={"Yes": "Y", "No": "N", "Not known": "Maybe"}),
        CrosswalkRule.VALUES_INVALID,
        "pairs[3] (o4 -> n4)",
        "values: not answers to n4 (one of: Y; N): 'Maybe'",
    ),
    (
        "an equivalent without values whose options differ",
        _set_pair(3, values={}),
        CrosswalkRule.DOMAINS_DIFFER,
        "pairs[3] (o4 -> n4)",
        "options of o4 that n4 does not have: 'Yes', 'No', 'Not known'; add a values map",
    ),
    (
        "a scored judgement neither paired nor unmatched",
        lambda data: data["unmatched"].clear(),
        CrosswalkRule.NOT_COVERED,
        "new n6",
        "a scored judgement with neither a pair nor an [[unmatched]] entry",
    ),
    (
        "paired and unmatched",
        _add("unmatched", {"edition": "old", "question": "o3", "rationale": "r"}),
        CrosswalkRule.MAPPED_AND_UNMATCHED,
        "unmatched (old o3)",
        "the question is also paired; list it in one place only",
    ),
    (
        "unmatched twice",
        _add("unmatched", {"edition": "new", "question": "n6", "rationale": "again"}),
        CrosswalkRule.DUPLICATE_UNMATCHED,
        "unmatched[1] (new n6)",
        "this question is listed before",
    ),
    (
        "an area naming no section or group",
        lambda data: data["areas"][0].update(old=["themes"]),
        CrosswalkRule.UNKNOWN_AREA_ITEM,
        "areas[0] (des)",
        "old has no section or group 'themes'",
    ),
    (
        "two areas with one id",
        _add("areas", {"id": "des", "title": "Again", "old": [], "new": []}),
        CrosswalkRule.DUPLICATE_AREA,
        "areas[2] (des)",
        "an area before has this id",
    ),
    (
        "an empty rationale",
        _set_pair(0, rationale=" "),
        CrosswalkRule.RATIONALE,
        "pairs[0] (o1 -> n1)",
        "the rationale must be one line",
    ),
]


@pytest.mark.parametrize(
    ("how", "rule", "where", "message"),
    [pytest.param(b[1], b[2], b[3], b[4], id=b[0]) for b in BREAKS],
)
def test_each_integrity_rule(
    editions: tuple[Edition, Edition],
    how: Callable[[Tables], None],
    rule: CrosswalkRule,
    where: str,
    message: str,
) -> None:
    data = valid()
    how(data)
    [problem] = check_crosswalk(crosswalk_from_data(data), *editions)
    assert (problem.rule, problem.where, problem.message) == (rule, where, message)
    assert str(problem) == f"{where}: {message}"


def test_checked_against_other_editions(editions: tuple[Edition, Edition]) -> None:
    old, new = editions
    [problem] = check_crosswalk(crosswalk_from_data(valid()), new, old)
    assert problem.rule is CrosswalkRule.EDITIONS
    assert problem.message == "is from 'old' to 'new', checked against 'new' and 'old'"


def test_a_reversed_crosswalk_is_checked_as_written(editions: tuple[Edition, Edition]) -> None:
    old, new = editions
    data = valid()
    data["pairs"].append(pair("o2", "n2", "subset"))
    written = crosswalk_from_data(data)
    backwards = written.reversed()
    # Read backwards, o4's map is not one-to-one ("No" and "Not known" both give "N") ...
    assert dict(backwards.pairs[3].values) == {"Y": "Yes"}
    # ... but the check is of the file as written, and names its places.
    assert check_crosswalk(backwards, new, old) == check_crosswalk(written, old, new)
    assert [p.where for p in check_crosswalk(backwards, new, old)] == ["pairs[5] (o2 -> n2)"]


# -- reading --------------------------------------------------------------------------------------


def test_relationships_read_backwards() -> None:
    assert Relationship.SUBSET.reversed() is Relationship.SUPERSET
    assert Relationship.SUPERSET.reversed() is Relationship.SUBSET
    assert Relationship.EQUIVALENT.reversed() is Relationship.EQUIVALENT
    assert Relationship.INTERSECTS.reversed() is Relationship.INTERSECTS
    forward = CrosswalkPair("a", "b", Relationship.SUBSET, "why", (("x", "1"), ("y", "2")))
    assert forward.reversed() == CrosswalkPair(
        "b", "a", Relationship.SUPERSET, "why", (("1", "x"), ("2", "y"))
    )


def test_reversing_twice_gives_the_crosswalk_back() -> None:
    written = crosswalk_from_data(valid())
    backwards = written.reversed()
    assert (backwards.from_edition, backwards.to_edition) == ("new", "old")
    assert backwards.areas[0].from_items == ("A",)
    assert backwards.reversed() is written
    assert written.between("old", "new") is written
    assert written.between("new", "old") == backwards
    with pytest.raises(ValueError, match="between 'old' and 'new', not 'old' and 'other'"):
        written.between("old", "other")


def test_lookups_both_ways() -> None:
    crosswalk = crosswalk_from_data(valid())
    assert [p.to_question for p in crosswalk.pairs_from("o2")] == ["n2"]
    assert [p.from_question for p in crosswalk.pairs_to("n5")] == ["o5"]
    equivalent = crosswalk.equivalent_from("o1")
    assert equivalent is not None
    assert equivalent.to_question == "n1"
    assert crosswalk.equivalent_from("o2") is None
    assert crosswalk.equivalent_to("n2") is None
    assert [u.question for u in crosswalk.unmatched_in("new")] == ["n6"]


@pytest.mark.parametrize(
    ("change", "messages"),
    [
        (
            lambda d: d.update(mapping="x"),
            [
                "cw.toml: top level: unknown key(s) 'mapping' (allowed: from, to, title, basis, "
                "pairs, areas, unmatched)"
            ],
        ),
        (
            lambda d: d["pairs"][1].update(note="x"),
            [
                "cw.toml: pairs[1]: unknown key(s) 'note' (allowed: from, to, relationship, "
                "rationale, values)"
            ],
        ),
        (
            lambda d: d["pairs"][2].update(relationship="same"),
            [
                "cw.toml: pairs[2].relationship: 'same' is not a relationship (one of: "
                "equivalent, subset, superset, intersects)"
            ],
        ),
        (lambda d: d["pairs"][0].pop("to"), ["cw.toml: pairs[0].to: required field missing"]),
        (
            lambda d: d["pairs"][0].update({"from": 1}),
            ["cw.toml: pairs[0].from: expected a string, got 1"],
        ),
        (
            lambda d: d["unmatched"][0].update(edition="newer"),
            ["cw.toml: unmatched[0].edition: 'newer' is neither 'old' nor 'new'"],
        ),
        (
            lambda d: d["areas"][1].update(newer=["B"], old="B"),
            [
                "cw.toml: areas[1]: unknown key(s) 'newer' (allowed: id, title, old, new)",
                "cw.toml: areas[1].old: expected a list of section or group ids",
            ],
        ),
    ],
)
def test_reading_errors_name_the_place(
    change: Callable[[Tables], None], messages: list[str]
) -> None:
    data = copy.deepcopy(valid())
    change(data)
    with pytest.raises(CrosswalkDataError) as caught:
        crosswalk_from_data(data, "cw.toml")
    assert list(caught.value.problems) == messages
    assert str(caught.value).startswith(
        "cw.toml: not in the crosswalk format (docs/edition-data.md#crosswalks)\n"
    )


def test_a_crosswalk_needs_two_editions() -> None:
    with pytest.raises(CrosswalkDataError, match=r"^cw\.toml: from and to are both 'old'$"):
        crosswalk_from_data({"from": "old", "to": "old"}, "cw.toml")


def test_reading_a_file(tmp_path: Path) -> None:
    (tmp_path / "cw.toml").write_text(tomli_w.dumps(valid()))
    crosswalk = read_crosswalk(DataFolder.at(tmp_path).file("cw.toml"))
    assert crosswalk.source == str(tmp_path / "cw.toml")
    assert crosswalk.pairs[3].values == (("Yes", "Y"), ("No", "N"), ("Not known", "N"))
    (tmp_path / "bad.toml").write_text("from = ")
    with pytest.raises(CrosswalkDataError, match=r"bad\.toml: not valid TOML"):
        read_crosswalk(DataFolder.at(tmp_path).file("bad.toml"))


# -- coverage -----------------------------------------------------------------------------------


def test_coverage_by_area(editions: tuple[Edition, Edition]) -> None:
    coverage = crosswalk_coverage(crosswalk_from_data(valid()), *editions)
    des, plan = coverage.areas
    # des: old's theme reaches o1 through the criterion it is part of; new's section A holds
    # n1 and n2 (n4 and n5 are information, not scored).
    assert (des.from_side.judgements, des.from_side.with_counterpart) == (("o1",), ("o1",))
    assert des.from_side.with_equivalent == ("o1",)
    assert des.to_side.judgements == ("n1", "n2")
    assert des.to_side.with_counterpart == ("n1", "n2")
    assert des.to_side.with_equivalent == ("n1",)
    assert des.to_side.equivalent_percent == Fraction(50)
    # plan: o3 intersects n3; n6 has no counterpart.
    assert (plan.from_side.judgements, plan.from_side.with_equivalent) == (("o3",), ())
    assert plan.to_side.judgements == ("n3", "n6")
    assert plan.to_side.without_counterpart == ("n6",)
    assert plan.to_side.counterpart_percent == Fraction(50)
    assert plan.to_side.equivalent_percent == Fraction(0)
    # all: 3 of 3 old judgements paired, 1 equivalent; 3 of 4 new ones, 1 equivalent.
    overall = coverage.overall
    assert (len(overall.from_side.with_counterpart), len(overall.from_side.judgements)) == (3, 3)
    assert overall.from_side.equivalent_percent == Fraction(100, 3)
    assert overall.to_side.counterpart_percent == Fraction(75)
    assert overall.to_side.equivalent_percent == Fraction(25)


def test_coverage_the_other_way_round(editions: tuple[Edition, Edition]) -> None:
    old, new = editions
    backwards = crosswalk_coverage(crosswalk_from_data(valid()), new, old)
    assert backwards.overall.from_side.edition == "new"
    assert backwards.overall.from_side.counterpart_percent == Fraction(75)
    assert backwards.areas[0].to_side.judgements == ("o1",)


def test_an_area_with_no_judgement_has_no_percentage(editions: tuple[Edition, Edition]) -> None:
    data = valid()
    data["areas"].append({"id": "none", "title": "Nothing", "old": [], "new": []})
    side = crosswalk_coverage(crosswalk_from_data(data), *editions).areas[-1].from_side
    assert (side.judgements, side.counterpart_percent, side.equivalent_percent) == ((), None, None)


# -- the registry -------------------------------------------------------------------------------


def test_registry_finds_a_crosswalk_either_way(inspectcore_registry: Registry) -> None:
    forward = inspectcore_registry.crosswalk("example", "example-next")
    backward = inspectcore_registry.crosswalk("example-next", "example")
    assert (backward.from_edition, backward.to_edition) == ("example-next", "example")
    [subset] = [p for p in forward.pairs if p.from_question == "B 1.1"]
    [superset] = [p for p in backward.pairs if p.to_question == "B 1.1"]
    assert (subset.relationship, superset.relationship) == (
        Relationship.SUBSET,
        Relationship.SUPERSET,
    )
    sentence = backward.equivalent_from("2")
    assert sentence is not None
    assert dict(sentence.values)["Custodial sentence"] == "Detention and training order"


def test_the_example_crosswalk_is_sound(inspectcore_registry: Registry) -> None:
    crosswalk = inspectcore_registry.crosswalk("example", "example-next")
    old = inspectcore_registry.load_edition("example")
    new = inspectcore_registry.load_edition("example-next")
    assert check_crosswalk(crosswalk, old, new) == ()


def test_registry_without_the_crosswalk(inspectcore_registry: Registry) -> None:
    with pytest.raises(UnknownCrosswalkError) as caught:
        inspectcore_registry.crosswalk("example", "carag2024")
    assert isinstance(caught.value, LookupError)
    assert str(caught.value) == (
        "no crosswalk between 'example' and 'carag2024' is installed "
        "(installed: example -> example-next)"
    )


def _registry_with(tmp_path: Path, data: Tables, source: tuple[str, str]) -> Registry:
    (tmp_path / "walk.toml").write_text(tomli_w.dumps(data))
    walk = CrosswalkSource(*source, DataFolder.at(tmp_path), "walk.toml")
    plugin = SimpleNamespace(inspectcore_register_crosswalks=hookimpl(lambda: [walk]))
    found = Plugins(get_plugin_manager(), strict=True)
    found.register(plugin, PluginInfo("walk", "inspectcore-walk", "1.0"))
    return Registry(found)


def test_a_bad_crosswalk_file_names_the_plugin(tmp_path: Path) -> None:
    data = valid()
    data["pairs"][0]["relationship"] = "same"
    registry = _registry_with(tmp_path, data, ("old", "new"))
    with pytest.raises(CrosswalkDataError) as caught:
        registry.crosswalk("new", "old")
    assert str(caught.value).splitlines()[0] == (
        "crosswalk old -> new from inspectcore-walk 1.0 cannot be loaded"
    )
    assert "pairs[0].relationship: 'same' is not a relationship" in str(caught.value)


def test_a_crosswalk_file_for_other_editions_is_refused(tmp_path: Path) -> None:
    registry = _registry_with(tmp_path, valid(), ("old", "newer"))
    with pytest.raises(CrosswalkDataError, match="says from = 'old', to = 'new'"):
        registry.crosswalk("old", "newer")


# -- the command --------------------------------------------------------------------------------


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def test_crosswalk_command_text() -> None:
    result = run("crosswalk", "example", "example-next")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Crosswalk example -> example-next: From the example guidance v1 to v2"
    assert "Pairs (6: 5 equivalent, 1 subset)" in lines
    assert "Without counterpart in example (2)" in lines
    # The assessment area: example's section B holds B 1.1, B 1.3, B 1.4 and B 1 S, paired
    # but B 1.4 and equivalent B 1.3 and B 1 S; all of example: 6 judgements, 4 paired.
    assert "  assessment  example       4           3 (75.0%)         2 (50.0%)" in lines
    assert "  all         example       6           4 (66.7%)         3 (50.0%)" in lines
    assert "  all         example-next  5           4 (80.0%)         3 (60.0%)" in lines
    assert not any(line.startswith("Check") for line in lines)


def test_crosswalk_command_formats(tmp_path: Path) -> None:
    data = json.loads(run("crosswalk", "example", "example-next", "--format", "json").stdout)
    assert [p["relationship"] for p in data["pairs"]].count("equivalent") == 5
    assert "problems" not in data
    overall = data["coverage"][-1]
    assert overall["area"] == "all"
    assert overall["to"]["without_counterpart"] == ["A 3"]
    assert overall["to"]["equivalent_percent"] == 60.0
    rows = list(
        csv.DictReader(
            io.StringIO(run("crosswalk", "example", "example-next", "--format", "csv").stdout)
        )
    )
    assert [r["record"] for r in rows].count("pair") == 6
    assert [r["record"] for r in rows].count("unmatched") == 3
    assert [(r["area"], r["edition"], r["judgements"]) for r in rows if r["record"] == "coverage"][
        -2:
    ] == [("all", "example", "6"), ("all", "example-next", "5")]
    text = run("crosswalk", "example", "example-next", "--format", "markdown").stdout
    assert text.startswith("# example -> example-next: From the example guidance v1 to v2\n")
    assert "| B 1.1 | A 1 | subset | A 1 adds what will help the child stop offending. |" in text
    out = tmp_path / "walk.md"
    result = run("crosswalk", "example", "example-next", "--format", "markdown", "-o", str(out))
    assert (result.stdout, out.read_text()) == ("", text)


def test_crosswalk_command_check() -> None:
    result = run("crosswalk", "example-next", "example", "--check", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["problems"] == []
    assert "Check: 0 problems" in run("crosswalk", "example", "example-next", "--check").stdout


def test_crosswalk_command_check_finds_problems(
    tmp_path: Path, editions: tuple[Edition, Edition]
) -> None:
    old, new = (tmp_path / "old", tmp_path / "new")
    data = valid()
    data["unmatched"] = []
    (tmp_path / "walk.toml").write_text(tomli_w.dumps(data))
    result = run("crosswalk", str(old), str(new), "--check", "--file", str(tmp_path / "walk.toml"))
    assert result.exit_code == 1
    assert (
        "  new n6: a scored judgement with neither a pair nor an [[unmatched]] entry"
        in result.stdout.splitlines()
    )
    assert result.stderr == "error: the crosswalk has 1 problem(s)\n"


def test_crosswalk_command_errors(tmp_path: Path, editions: tuple[Edition, Edition]) -> None:
    result = run("crosswalk", "example", "example")
    assert result.exit_code == 2
    assert "error: no crosswalk between 'example' and 'example' is installed" in result.stderr
    data = valid()
    data["pairs"][0]["relationship"] = "same"
    (tmp_path / "walk.toml").write_text(tomli_w.dumps(data))
    args = ("crosswalk", str(tmp_path / "old"), str(tmp_path / "new"))
    result = run(*args, "--file", str(tmp_path / "walk.toml"))
    assert result.exit_code == 1
    assert "pairs[0].relationship: 'same' is not a relationship" in result.stderr
    result = run(
        "crosswalk", "example", str(tmp_path / "new"), "--file", str(tmp_path / "walk.toml")
    )
    assert result.exit_code == 1  # the relationship error comes first
    data["pairs"][0]["relationship"] = "equivalent"
    (tmp_path / "walk.toml").write_text(tomli_w.dumps(data))
    result = run(
        "crosswalk", "example", str(tmp_path / "new"), "--file", str(tmp_path / "walk.toml")
    )
    assert result.exit_code == 2
    assert "is between 'old' and 'new', not 'example' and 'new'" in result.stderr


def test_unknown_format_is_refused(editions: tuple[Edition, Edition]) -> None:
    crosswalk = crosswalk_from_data(valid())
    with pytest.raises(ValueError, match="unknown format 'yaml'"):
        format_crosswalk(crosswalk, crosswalk_coverage(crosswalk, *editions), None, "yaml")


def test_two_plugins_registering_one_crosswalk(tmp_path: Path) -> None:
    (tmp_path / "walk.toml").write_text(tomli_w.dumps(valid()))
    found = Plugins(get_plugin_manager())
    for name, source in (("a", ("old", "new")), ("b", ("new", "old"))):
        walk = CrosswalkSource(*source, DataFolder.at(tmp_path), "walk.toml")
        plugin = SimpleNamespace(inspectcore_register_crosswalks=hookimpl(lambda w=walk: [w]))
        found.register(plugin, PluginInfo(name, f"inspectcore-{name}", "1.0"))
    with pytest.raises(PluginError, match=r"by both inspectcore-a 1\.0 and inspectcore-b"):
        Registry(found).crosswalk("old", "new")


# -- headings, totals and wording ---------------------------------------------------------------


@pytest.mark.parametrize(("a", "b"), [("example", "example-next"), ("example-next", "example")])
def test_crosswalk_titles_read_from_to_either_way_round(a: str, b: str) -> None:
    text = run("crosswalk", a, b).stdout.splitlines()
    markdown = run("crosswalk", a, b, "--format", "markdown").stdout.splitlines()
    data = json.loads(run("crosswalk", a, b, "--format", "json").stdout)
    assert text[0].startswith(f"Crosswalk {a} -> {b}")
    assert markdown[0].startswith(f"# {a} -> {b}")
    assert (data["from"], data["to"]) == (a, b)
    written = "From the example guidance v1 to v2"
    if a == "example":  # as the file has it
        assert text[0] == f"Crosswalk example -> example-next: {written}"
        assert data["as_written"] is None
    else:  # read backwards: the title is quoted beside the direction it was written in
        assert written not in text[0]
        assert "read backwards" in text[0]
        assert text[1] == f"  As written: example -> example-next: {written}"
        assert data["as_written"] == {"from": "example", "to": "example-next"}


@pytest.mark.parametrize(("a", "b"), [("example", "example-next"), ("example-next", "example")])
def test_coverage_totals_add_up(a: str, b: str) -> None:
    registry = Registry.discover()
    old, new = registry.load_edition(a), registry.load_edition(b)
    coverage = crosswalk_coverage(registry.crosswalk(a, b), old, new)
    assert coverage.outside is not None
    assert coverage.repeated is not None
    for side in ("from_side", "to_side"):
        for count in ("judgements", "with_counterpart", "with_equivalent"):

            def n(area: Any, side: str = side, count: str = count) -> int:
                return len(getattr(getattr(area, side), count))

            summed = sum(n(area) for area in coverage.areas)
            assert summed + n(coverage.outside) - n(coverage.repeated) == n(coverage.overall)
    # The tables show the same rows, so their numbers add up too.
    data = json.loads(run("crosswalk", a, b, "--format", "json").stdout)
    *parts, overall = data["coverage"]
    assert overall["area"] == "all"
    for side in ("from", "to"):
        total = sum(
            -r[side]["judgements"] if r["area"] == "repeated" else r[side]["judgements"]
            for r in parts
        )
        assert total == overall[side]["judgements"]


def test_crosswalk_csv_carries_both_questions_wording() -> None:
    registry = Registry.discover()
    old, new = registry.load_edition("example"), registry.load_edition("example-next")
    rows = list(
        csv.DictReader(
            io.StringIO(run("crosswalk", "example", "example-next", "--format", "csv").stdout)
        )
    )
    pairs = [r for r in rows if r["record"] == "pair"]
    assert pairs
    for row in pairs:
        assert row["from_wording"] == question_prompt(old, old.question(row["from"])).text.en
        assert row["to_wording"] == question_prompt(new, new.question(row["to"])).text.en
    for row in (r for r in rows if r["record"] == "unmatched"):
        side, edition = ("from", old) if row["edition"] == "example" else ("to", new)
        assert (
            row[f"{side}_wording"] == question_prompt(edition, edition.question(row[side])).text.en
        )
