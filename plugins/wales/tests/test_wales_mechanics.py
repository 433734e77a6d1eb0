"""What users rely on: overlays only add, missing extensions are named, language fallback,
case files that record the extension, and 9e kept out of every figure."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner, Result

from inspectcore import (
    CaseAssessment,
    DataFolder,
    Edition,
    EditionDataError,
    EditionSource,
    ExtensionSource,
    PluginInfo,
    Plugins,
    Registry,
    get_plugin_manager,
    hookimpl,
    read_case,
    score,
)
from inspectcore.cli import cli

WALES = ("9a", "9b", "9c", "9d", "9e", "13c")


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


# -- an overlay may only add ---------------------------------------------------------------------


def _registry_with(tmp_path: Path, overlay: str) -> Registry:
    """cag2016, the real wales extension, and a 'rogue' extension whose cag2016 overlay is given."""
    folder = tmp_path / "rogue"
    (folder / "cag2016").mkdir(parents=True)
    (folder / "extension.toml").write_text(
        'id = "rogue"\ntitle = "Rogue"\nversion = "1"\nextends = ["cag2016"]\n', encoding="utf-8"
    )
    (folder / "cag2016" / "questions.toml").write_text(overlay, encoding="utf-8")
    rogue = ExtensionSource("rogue", DataFolder.at(folder))
    cag2016 = EditionSource.from_package("cag2016", "inspectcore_cag2016")
    wales = ExtensionSource.from_package("wales", "inspectcore_wales")
    plugins = Plugins(get_plugin_manager(), strict=True)
    for name, plugin in (
        ("cag2016", SimpleNamespace(inspectcore_register_editions=hookimpl(lambda: [cag2016]))),
        ("wales", SimpleNamespace(inspectcore_register_extensions=hookimpl(lambda: [wales]))),
        ("rogue", SimpleNamespace(inspectcore_register_extensions=hookimpl(lambda: [rogue]))),
    ):
        plugins.register(plugin, PluginInfo(name, f"inspectcore-{name}", "1.0"))
    return Registry(plugins)


def _redefining(qid: str) -> str:
    return (
        f'[[questions]]\nid = "{qid}"\nkind = "information"\nsection = "View 0"\n'
        'text = "Which country?"\ndomain = { type = "single_choice", options = ["Scotland"] }\n'
        'domain_basis = "stated: test"\n'
    )


def test_an_overlay_cannot_replace_an_edition_question(tmp_path: Path) -> None:
    registry = _registry_with(tmp_path, _redefining("4"))
    with pytest.raises(EditionDataError) as caught:
        registry.load_edition("cag2016", ["rogue"])
    message = str(caught.value)
    assert message.startswith("extension 'rogue' from inspectcore-rogue 1.0 cannot be applied")
    assert (
        "questions.toml: questions[0] (4): cannot replace the existing question '4' of "
        "'cag2016': an extension may only add"
    ) in message
    # cag2016 itself, and with the real extension, is untouched by the failed overlay.
    assert registry.load_edition("cag2016", ["wales"]).question("4").answer.describe() == (
        "one of: Male; Female"
    )


def test_an_overlay_cannot_ask_an_inspection_fact_as_a_question(tmp_path: Path) -> None:
    # 3b (the country) is an inspection fact of cag2016: a question under its id would be
    # read in its place in older case files
    registry = _registry_with(tmp_path, _redefining("3b"))
    with pytest.raises(EditionDataError, match=r"\(question 3b\): error: id is also an inspection"):
        registry.load_edition("cag2016", ["rogue"])
    assert registry.load_edition("cag2016", ["wales"]).fact("3b") is not None


def test_an_overlay_cannot_replace_a_question_another_extension_added(tmp_path: Path) -> None:
    registry = _registry_with(tmp_path, _redefining("9a"))
    assert registry.load_edition("cag2016", ["rogue"]).question("9a").wording == "Which country?"
    with pytest.raises(EditionDataError, match="cannot replace the existing question '9a'"):
        registry.load_edition("cag2016", ["wales", "rogue"])


# -- the extension missing -----------------------------------------------------------------------


@pytest.fixture
def welsh_case(case_file: Callable[..., Path]) -> Path:
    return case_file("cag2016", {"3b": "Wales", "9a": "Welsh"}, {"programme": "FJI"})


def test_case_records_the_extension_and_its_distribution(welsh_case: Path, tmp_path: Path) -> None:
    target = tmp_path / "new.toml"
    result = run("new-case", "cag2016", "--with", "wales", "-o", str(target), "--case", "W1")
    assert result.exit_code == 0, result.output
    (used,) = read_case(target).extensions
    assert (used.id, used.distribution) == ("wales", "inspectcore-wales")
    assert used.version == Registry.discover().extension_info("wales").header.version


@pytest.mark.parametrize("blocked", ["wales", "inspectcore-wales"])
def test_validate_names_the_missing_distribution(
    welsh_case: Path, monkeypatch: pytest.MonkeyPatch, blocked: str
) -> None:
    monkeypatch.setenv("INSPECTCORE_BLOCK_PLUGINS", blocked)
    result = run("validate", str(welsh_case))
    assert result.exit_code == 1
    assert (
        f"{welsh_case}:edition: the case was assessed with extension 'wales' 0.1, which is "
        "not installed: install inspectcore-wales"
    ) in result.stdout


def test_score_names_the_missing_distribution(
    welsh_case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INSPECTCORE_BLOCK_PLUGINS", "inspectcore-wales")
    result = run("score", str(welsh_case), "--edition", "cag2016")
    assert result.exit_code == 1
    assert f"{welsh_case}:extensions: assessed with extension 'wales' 0.1" in result.stderr
    assert "install inspectcore-wales" in result.stderr
    # Only that: the case's other answers are not reported as unknown questions.
    assert "has no question" not in result.stderr
    assert result.stdout == ""


def test_score_asks_for_the_extension_when_it_is_installed_but_not_layered(
    welsh_case: Path,
) -> None:
    result = run("score", str(welsh_case), "--edition", "cag2016")
    assert result.exit_code == 1
    assert "(--with wales)" in result.stderr


def test_without_the_extension_the_editions_work_unchanged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("INSPECTCORE_BLOCK_PLUGINS", "inspectcore-wales")
    listed = run("plugins")
    assert "wales" not in listed.stdout
    for edition_id in ("cag2016", "carag2024"):
        result = run("questions", edition_id, "--json")
        assert result.exit_code == 0
        ids = {row["id"] for row in json.loads(result.stdout)}
        assert ids.isdisjoint(WALES)
    assert "4" in {row["id"] for row in json.loads(run("questions", "cag2016", "--json").stdout)}


# -- languages -----------------------------------------------------------------------------------


def test_no_welsh_text_is_shipped(cag2016_wales: Edition, carag2024_wales: Edition) -> None:
    """None is in the source document; Welsh text must come from an authoritative one."""
    for edition in (cag2016_wales, carag2024_wales):
        texts = [q.text for q in edition.questions if q.origin == "wales" and q.text]
        texts += [b.title for s in edition.sections for b in s.guidance if b.origin == "wales"]
        assert texts
        assert all(t.languages == ("en",) for t in texts)


def test_welsh_asked_for_falls_back_to_english_visibly(cag2016_wales: Edition) -> None:
    rows = json.loads(
        run("questions", "cag2016", "--with", "wales", "--lang", "cy", "--json").stdout
    )
    wales = {row["id"]: row for row in rows if row["id"] in WALES}
    # 9a, 9e and 13c have wording, in English only; 9b to 9d have none to fall back to.
    assert {qid: row["lang"] for qid, row in wales.items() if row["text"]} == {
        "9a": "en",
        "9e": "en",
        "13c": "en",
    }
    assert wales["9a"]["text"] == cag2016_wales.question("9a").wording
    listing = run("questions", "cag2016", "--with", "wales", "--lang", "cy").stdout
    assert "9a\tinformation\t[en] What was the child or young person’s preferred" in listing
    shown = run("show", "cag2016", "9a", "--with", "wales", "--lang", "cy").stdout
    assert "[en] What was the child or young person’s preferred first language?" in shown
    assert (
        "== [en] Inspecting in Wales (Appendix B): Introduction (from wales) [section View 0] =="
        in shown
    )


def test_show_says_a_question_was_carried_forward() -> None:
    shown = run("show", "carag2024", "9b", "--with", "wales").stdout
    assert "Carried forward from: cag2016 9b  [inferred: the 2024 CARaG has no Welsh" in shown


# -- scores of a Welsh inspection ----------------------------------------------------------------


def test_9e_counts_in_no_figure(
    cag2016_wales: Edition, make_case: Callable[..., CaseAssessment]
) -> None:
    """Three Welsh cases: 9e judged No in all three, 1.1.1 Yes, Yes, No.

    Counted by hand: 1.1.1 gives 2 of 3, and so does its criterion 1.2.1 and the theme
    'reoffending' (no other member is answered). Were 9e counted anywhere, a figure would
    hold 3 more judgements, none sufficient.
    """
    cases = [
        (f"case-{n}.toml", make_case("cag2016", answers, {"programme": "FJI"}))
        for n, answers in enumerate(
            [
                {"3b": "Wales", "9a": "Welsh", "9e": "No", "1.1.1": "Yes"},
                {"3b": "Wales", "9a": "Not Known", "9e": "No", "1.1.1": "Yes"},
                {"3b": "Wales", "9a": "Welsh", "9e": "No", "1.1.1": "No"},
            ]
        )
    ]
    result = score(cag2016_wales, cases)
    by_question = {f.id: (f.applicable, f.sufficient) for f in result.questions}
    assert "9e" not in by_question
    assert by_question["1.1.1"] == (3, 2)
    assert result.groups, "cag2016 has group figures"
    assert [g.id for g in result.groups if "9e" in g.questions] == []
    by_group = {g.id: (g.applicable, g.sufficient) for g in result.groups}
    assert by_group["1.2.1"] == (3, 2)
    assert by_group["reoffending"] == (3, 2)
    assert all(g.applicable == 0 for g in result.groups if g.id not in {"1.2.1", "reoffending"})
