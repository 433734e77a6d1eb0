"""What `inspectcore assess` shows as the question: the prompt, never a transcription note."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from inspectcore import read_case
from inspectcore.cli import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "inspection"


def assess(*args: str, replies: list[str]) -> str:
    text = "".join(f"{reply}\n" for reply in replies)
    result = CliRunner().invoke(cli, ["assess", *args], input=text)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_printed_wording_is_asked_and_the_transcription_note_is_not(tmp_path: Path) -> None:
    out = assess("carag2024", str(tmp_path / "c.toml"), replies=["C1", "g A1.3", "q"])
    assert "Does assessment focus on the child’s strengths and protective factors?" in out
    assert "HTML paragraph tags" not in out
    assert "(judgement; question 12 of " in out  # where it is among the questions that apply


def test_an_explanation_without_wording_is_asked_about_its_judgement(tmp_path: Path) -> None:
    # cag2016's 1.10.2 prints only "When 'other' is used …": the prompt is built, and says so.
    path = str(tmp_path / "c.toml")
    replies = ["C1", "FJI", "g 1.10.1", "No", "q"]  # asked next: the explanation it brought in
    out = assess("cag2016", path, replies=replies)
    assert "[no wording printed; asked as] Why was 1.10.1 not sufficient?" in out
    assert "the pre-coded reasons of the recording tool" not in out  # its text_note


def test_show_names_what_a_built_prompt_was_built_from() -> None:
    result = CliRunner().invoke(cli, ["show", "cag2016", "1.10.2"])
    assert result.exit_code == 0, result.output
    assert "Asked as: Why was 1.10.1 not sufficient? Choose what was lacking.  [derived: " in (
        result.stdout
    )
    assert "Note: No question wording is printed" in result.stdout


def test_help_lists_the_commands_and_a_uk_date_is_stored_as_iso(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    out = assess(
        "cag2016", str(path), replies=["C1", "FJI", "help", "g a/SENTENCE", "12/05/2025", "q"]
    )
    assert "g ID    go to a question (or inspection fact) to change its answer" in out
    assert "Answer: a date, as DD/MM/YYYY or YYYY-MM-DD" in out
    assert 'value = "2025-05-12"' in path.read_text(encoding="utf-8")


def test_a_mistyped_id_gets_the_nearest_suggested(tmp_path: Path) -> None:
    out = assess("carag2024", str(tmp_path / "c.toml"), replies=["C1", "g A 1.33", "q"])
    assert "carag2024 has no question or fact 'A 1.33'; did you mean A 1.3?" in out


EXAMPLE_FACTS = ["FULL", "England"]
TO_HOST = ["15", "Referral order", "2025-10-06", "12", "2", "Yes", "Host"]
REASON = "a host service's referral order: the home service assesses the child"


def test_a_case_that_becomes_excluded_offers_to_stop(tmp_path: Path) -> None:
    path = tmp_path / "case.toml"
    out = assess("example", str(path), replies=["", *EXAMPLE_FACTS, *TO_HOST, "y"])
    assert f"The case is now excluded from the sample: {REASON}." in out
    assert "Stop assessing it here? [y/N]" in out
    assert "Stopped: " in out
    assert "saved with 7 answer(s)" in out


def test_going_on_and_undoing_the_exclusion_says_it_no_longer_holds(tmp_path: Path) -> None:
    path = tmp_path / "case.toml"
    replies = ["", *EXAMPLE_FACTS, *TO_HOST, "n", "b", "Home", "q"]
    out = assess("example", str(path), replies=replies)
    assert f"The case is no longer excluded from the sample ({REASON})." in out


def test_the_assessor_is_recorded_when_the_file_names_no_one(tmp_path: Path) -> None:
    path = tmp_path / "case.toml"
    assess("example", str(path), "--assessor", "Inspector B", replies=["", "q"])
    assert read_case(path).assessor == "Inspector B"
    out = assess("example", str(path), "--assessor", "Inspector C", replies=["q"])
    assert "records its assessor as Inspector B; kept" in out
    assert read_case(path).assessor == "Inspector B"


def test_a_complete_case_gets_an_extension_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "case.toml"
    shutil.copy(EXAMPLES / "example" / "case-02.toml", path)
    assert read_case(path).extensions == ()
    out = assess("example", "--with", "example-cymru", str(path), replies=["n", "q"])
    assert "is complete, assessed without example-cymru. Add example-cymru to it" in out
    assert read_case(path).extensions == ()
    assess("example", "--with", "example-cymru", str(path), replies=["y", "q"])
    assert [e.id for e in read_case(path).extensions] == ["example-cymru"]
