"""What `inspectcore assess` shows as the question: the prompt, never a transcription note."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from inspectcore.cli import cli


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
