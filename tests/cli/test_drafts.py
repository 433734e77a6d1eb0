"""A draft edition (a folder holding an edition.toml and its data) given to score, rate,
report, validate and diff: each change to carag2024's data is reported by diff, and the
figure it moves moves."""

from __future__ import annotations

import json
import re
import shutil
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from inspectcore.cli import cli

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "plugins" / "carag2024" / "src" / "inspectcore_carag2024" / "data"
CASES = ROOT / "examples" / "inspection" / "carag2024"


def run(*args: str) -> Result:
    """Run the command line; never a traceback."""
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output, result.output
    return result


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    """A copy of carag2024's data, as a plugin ships it, for a test to change."""
    folder = tmp_path / "draft"
    shutil.copytree(DATA, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    """Replace one occurrence of ``old`` in a data file (it must be there exactly once)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def scored(*args: str) -> dict[str, Any]:
    result = run("score", str(CASES), "--format", "json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def diff(old: str, new: str) -> list[dict[str, Any]]:
    result = run("diff", old, new, "--format", "json")
    assert result.exit_code == 0, result.output
    changes: list[dict[str, Any]] = json.loads(result.stdout)["changes"]
    return changes


def test_an_unchanged_draft_scores_as_the_installed_edition(draft: Path) -> None:
    assert scored("--edition", str(draft)) == scored("--edition", "carag2024")
    assert diff("carag2024", str(draft)) == []


def test_a_rating_band_changed_is_reported_and_moves_the_ratings(draft: Path) -> None:
    edit(draft / "edition.toml", '{ name = "Good", min = 65 }', '{ name = "Good", min = 60 }')
    (change,) = diff("carag2024", str(draft))
    assert (change["item"], change["change"], change["detail"]) == ("rating", "rule", "bands")
    assert "Good from 65%" in change["before"]
    assert "Good from 60%" in change["after"]

    before = {r["id"]: r for r in scored("--edition", "carag2024")["rated"]}
    after = {r["id"]: r for r in scored("--edition", str(draft))["rated"]}
    # Exactly the standards driven by a figure from 60% to under 65% move, to Good.
    moving = {s for s, r in before.items() if 60 <= Fraction(str(r["percent"])) < 65}
    assert moving, "the bundled example has a standard driven by a figure in 60-65%"
    for standard, rating in after.items():
        if standard in moving:
            assert (before[standard]["rating"], rating["rating"]) == (
                "Requires improvement",
                "Good",
            )
        else:
            assert rating["rating"] == before[standard]["rating"]


def test_an_exclusion_changed_is_reported_and_moves_the_sample(draft: Path) -> None:
    edit(
        draft / "questions" / "00-information.toml",
        """when = 'answer("I 1.1/2") == "No"'""",
        """when = 'false'""",
    )
    changes = diff("carag2024", str(draft))
    assert [(c["item"], c["id"], c["change"], c["detail"]) for c in changes] == [
        ("exclusion", "host-not-assessing", "rule", "when")
    ]
    assert changes[0]["before"] == 'answer("I 1.1/2") == "No"'
    before = scored("--edition", "carag2024")
    after = scored("--edition", str(draft))
    # The cases excluded before are counted now.
    assert len(before["excluded"]) >= 1
    assert after["excluded"] == []
    assert after["cases"] == before["cases"] + len(before["excluded"])


def test_guidance_text_changed_is_a_word_diff_and_moves_no_figure(draft: Path) -> None:
    edit(
        draft / "questions" / "01-assessment.toml",
        "School exclusion is a particularly significant structural barrier",
        "School exclusion is a significant structural barrier",
    )
    (change,) = diff("carag2024", str(draft))
    assert (change["item"], change["change"]) == ("question", "guidance")
    assert change["detail"].startswith("guidance ")
    assert {"op": "-", "text": "particularly"} in change["wording"]
    assert "[-particularly-]" in change["wording_diff"]
    assert scored("--edition", str(draft)) == scored("--edition", "carag2024")
    text = run("diff", "carag2024", str(draft)).stdout
    assert "guidance" in text
    assert "[-particularly-]" in text


def test_provenance_changed_is_reported(draft: Path) -> None:
    edit(
        draft / "edition.toml",
        "basis = \"inferred: not in this document; HMIP's published rules",
        "basis = \"stated: HMIP's published rules",
    )
    (change,) = diff("carag2024", str(draft))
    assert (change["item"], change["change"], change["detail"]) == ("rating", "provenance", "basis")
    assert change["before"].startswith("inferred:")
    assert change["after"].startswith("stated:")


def test_report_rate_and_validate_take_a_draft(draft: Path, tmp_path: Path) -> None:
    edit(draft / "edition.toml", '{ name = "Good", min = 65 }', '{ name = "Good", min = 60 }')
    out = tmp_path / "report.html"
    result = run("report", str(CASES), "--edition", str(draft), "-o", str(out))
    assert result.exit_code == 0, result.output
    installed = tmp_path / "installed.html"
    assert run("report", str(CASES), "--edition", "carag2024", "-o", str(installed)).exit_code == 0
    assert out.read_text(encoding="utf-8").count("Good") > installed.read_text(
        encoding="utf-8"
    ).count("Good")
    rated = run("rate", str(draft), "A1=90", "A2=90", "A3=62", "--json")
    assert rated.exit_code == 0, rated.output
    assert json.loads(rated.stdout)["rated"][0]["rating"] == "Good"
    assert json.loads(run("rate", "carag2024", "A1=90", "A2=90", "A3=62", "--json").stdout)[
        "rated"
    ][0]["rating"] == ("Requires improvement")
    checked = run("validate", str(CASES), "--edition", str(draft))
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize("command", ["score", "report", "validate"])
def test_a_path_that_is_not_an_edition_folder_is_named(command: str, tmp_path: Path) -> None:
    args = [command, str(CASES), "--edition", str(CASES)]
    if command == "report":
        args += ["-o", str(tmp_path / "report.html")]
    result = run(*args)
    assert result.exit_code == 2
    assert f"{CASES}: is not an edition folder (it holds no edition.toml)" in result.stderr
    assert "expected an installed edition's id, or an edition folder" in result.stderr
    args[args.index("--edition") + 1] = str(tmp_path / "nowhere")
    missing = run(*args)
    assert missing.exit_code == 2
    assert f"{tmp_path / 'nowhere'}: no such file or folder" in missing.stderr


def test_rate_does_not_rate_a_standard_missing_a_key_question() -> None:
    result = run("rate", "carag2024", "A1=78", "A2=65")
    assert result.exit_code == 0
    assert "warning: standard 2.1 not rated: key question A 3 was not given" in result.stderr
    assert re.search(r"^2\.1 +not rated +key question A 3 was not given$", result.stdout, re.M)
    data = json.loads(run("rate", "carag2024", "A1=78", "A2=65", "--json").stdout)
    assert data["rated"][0]["rating"] is None
    assert data["rated"][0]["missing"] == [{"id": "A 3", "reason": "was not given"}]


def test_score_does_not_rate_a_standard_whose_key_question_a_draft_lacks(
    draft: Path, tmp_path: Path
) -> None:
    # The draft's A 3 has no summary judgement answering it: 2.1 cannot be rated.
    edit(
        draft / "questions" / "01-assessment.toml",
        "[questions.links]\nsummarises = 'A 3'\n",
        "",
    )
    result = run("score", str(CASES), "--edition", str(draft))
    assert result.exit_code == 0, result.output
    warning = "standard 2.1 not rated: key question A 3 has no scored question summarising it"
    assert f"warning: {warning}" in result.stderr
    assert re.search(r"^  2\.1 +not rated +key question A 3 has no", result.stdout, re.M)
    page = tmp_path / "report.html"
    reported = run("report", str(CASES), "--edition", str(draft), "-o", str(page))
    assert reported.exit_code == 0, reported.output
    assert f"warning: {warning}" in reported.stderr
    assert "key question A 3 has no scored question summarising it" in page.read_text("utf-8")
    others = {r["id"]: r["rating"] for r in scored("--edition", str(draft))["rated"]}
    installed = {r["id"]: r["rating"] for r in scored("--edition", "carag2024")["rated"]}
    assert others == {**installed, "2.1": None}


def test_score_does_not_rate_a_standard_whose_key_question_applies_to_no_case(
    draft: Path, tmp_path: Path
) -> None:
    # In the draft, A 3's summary judgement applies to no case (and the cases leave it out).
    edit(
        draft / "questions" / "01-assessment.toml",
        "id = 'A 3 S'\nkind = 'summary_judgement'\n",
        "id = 'A 3 S'\nkind = 'summary_judgement'\napplies = 'false'\n"
        "applies_basis = 'inferred: a test draft'\n",
    )
    cases = tmp_path / "cases"
    shutil.copytree(CASES, cases)
    for case in cases.glob("*.toml"):
        text = case.read_text(encoding="utf-8")
        case.write_text(
            re.sub(r'\[answers\."A 3 S"\]\n(?:[^\[\n][^\n]*\n|\n)*', "", text),
            encoding="utf-8",
        )
    result = run("score", str(cases), "--edition", str(draft), "--format", "json")
    assert result.exit_code == 0, result.output
    assert "warning: standard 2.1 not rated: key question A 3 applies to no case" in result.stderr
    (standard,) = (r for r in json.loads(result.stdout)["rated"] if r["id"] == "2.1")
    assert (standard["rating"], standard["missing"]) == (
        None,
        [{"id": "A 3", "reason": "applies to no case"}],
    )


@pytest.mark.parametrize("args", [["diff", "carag2024", str(CASES)], ["rate", str(CASES), "A1=90"]])
def test_diff_and_rate_name_a_path_that_is_not_an_edition_folder(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert f"{CASES}: is not an edition folder (it holds no edition.toml)" in result.stderr


def test_extensions_are_not_layered_onto_a_draft(draft: Path) -> None:
    result = run("score", str(CASES), "--edition", str(draft), "--with", "wales")
    assert result.exit_code == 2
    assert "extensions can only be layered onto an installed edition" in result.stderr


def test_validate_against_a_draft_over_processes_says_what_one_process_does(
    draft: Path,
) -> None:
    edit(draft / "edition.toml", 'version = "7.4"', 'version = "7.5-draft"')
    one = run("validate", str(CASES), "--edition", str(draft), "--jobs", "1")
    two = run("validate", str(CASES), "--edition", str(draft), "--jobs", "2")
    assert "7.5-draft" in one.stdout  # the draft, not the installed edition, was read
    assert (two.exit_code, two.stdout, two.stderr) == (one.exit_code, one.stdout, one.stderr)
