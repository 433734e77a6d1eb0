"""The command line, run with click's CliRunner against the example plugin only."""

from __future__ import annotations

import json
import shutil
from importlib.metadata import entry_points, version
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft202012Validator

from inspectcore import read_case
from inspectcore.cli import cli
from inspectcore.testing import use_entry_points

EXAMPLE_CASES = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "example"
EXAMPLE_VERSION = version("inspectcore-example")
LABEL = f"(inspectcore-example {EXAMPLE_VERSION})"

INVALID_CASE = """\
format = "inspectcore-case/1"
edition = "example"
edition_version = "1.0"

[context]
programme = "FULL"
country = "England"

[answers]
"1" = 15
"2" = "Youth rehabilitation order"
"3" = "2025-10-06"
"4" = 12
"5" = ["Education"]
"6a" = "No"
"6b" = "Home"
"B 1.1" = "Maybe"
"B 1.4" = { value = { Education = "Yes" } }
"C 1" = "Yes"
"""


def example_entry_points(*, group: str) -> list[Any]:
    """The installed entry points of the example plugin only."""
    return [e for e in entry_points(group=group) if e.dist and e.dist.name == "inspectcore-example"]


@pytest.fixture(autouse=True)
def only_example_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Discover only the example plugin, whatever else is installed."""
    use_entry_points(monkeypatch, example_entry_points)


def run(*args: str) -> Result:
    """Run the command line; never let an exception escape or a traceback show."""
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def lines(result: Result) -> list[str]:
    return result.stdout.splitlines()


# -- editions and plugins --------------------------------------------------------------------


def test_editions_text_hides_synthetic_editions() -> None:
    result = run("editions")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "2 synthetic editions hidden (--all shows them)\n"


def test_editions_text() -> None:
    result = run("editions", "--all")
    assert result.exit_code == 0
    assert lines(result) == [
        f"example\t1.0\tExample case assessment guidance\t{LABEL}",
        f"example-next\t2.0\tExample case assessment guidance, next version\t{LABEL}",
    ]
    assert result.stderr == ""


def test_editions_json() -> None:
    hidden = run("editions", "--json")
    assert hidden.exit_code == 0
    assert json.loads(hidden.stdout) == []
    assert hidden.stderr == "2 synthetic editions hidden (--all shows them)\n"
    result = run("editions", "--json", "--all")
    assert result.exit_code == 0
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert [e["id"] for e in data] == ["example", "example-next"]
    assert data[0] == {
        "id": "example",
        "title": "Example case assessment guidance",
        "version": "1.0",
        "published": "2026-01",
        "distribution": "inspectcore-example",
        "distribution_version": EXAMPLE_VERSION,
        "synthetic": True,
    }


def test_editions_when_none_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPECTCORE_BLOCK_PLUGINS", "example")
    result = run("editions")
    assert result.exit_code == 0
    assert "No editions installed" in result.stdout
    assert json.loads(run("editions", "--json").stdout) == []


def test_plugins_text() -> None:
    hidden = run("plugins")
    assert hidden.exit_code == 0
    assert hidden.stdout == ""
    assert hidden.stderr == (
        "4 synthetic editions, extensions and crosswalks hidden (--all shows them)\n"
    )
    result = run("plugins", "--all")
    assert result.exit_code == 0
    assert lines(result) == [
        f"edition\texample\t1.0\t{LABEL}",
        f"edition\texample-next\t2.0\t{LABEL}",
        f"extension\texample-cymru\t0.1\t{LABEL}",
        f"crosswalk\texample -> example-next\t\t{LABEL}",
    ]


def test_plugins_json() -> None:
    assert json.loads(run("plugins", "--json").stdout)["provides"] == []
    result = run("plugins", "--json", "--all")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert all(p["synthetic"] for p in data["provides"])
    assert data["plugins"] == [
        {"name": "example", "distribution": "inspectcore-example", "version": EXAMPLE_VERSION}
    ]
    assert [(p["kind"], p["id"]) for p in data["provides"]] == [
        ("edition", "example"),
        ("edition", "example-next"),
        ("extension", "example-cymru"),
        ("crosswalk", "example -> example-next"),
    ]
    assert data["failures"] == []


def test_plugins_reports_a_broken_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    def load() -> object:
        raise ImportError("boom")

    broken = SimpleNamespace(
        name="broken", dist=SimpleNamespace(name="inspectcore-broken", version="0.3"), load=load
    )
    use_entry_points(
        monkeypatch,
        lambda *, group: [*example_entry_points(group=group), broken],
    )
    result = run("plugins", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["failures"] == [
        {
            "plugin": "broken",
            "distribution": "inspectcore-broken",
            "reason": "cannot be imported: ImportError: boom",
        }
    ]
    text = run("editions", "--all")
    assert text.exit_code == 0
    assert "warning: plugin inspectcore-broken 0.3: cannot be imported" in text.stderr
    assert "example\t1.0" in text.stdout
    monkeypatch.setenv("INSPECTCORE_STRICT_PLUGINS", "1")
    strict = run("editions")
    assert strict.exit_code == 2
    assert "error: inspectcore-broken 0.3: cannot be imported: ImportError: boom" in strict.stderr


# -- questions and show ----------------------------------------------------------------------


def test_questions_plain() -> None:
    result = run("questions", "example")
    assert result.exit_code == 0
    rows = [line.split("\t") for line in lines(result)]
    assert [r[0] for r in rows] == [
        "1", "2", "3", "4", "5", "6a", "6b",
        "B 1.1", "B 1.2", "B 1.3", "B 1.4", "B 1 S", "B 9", "C 1", "C 2",
    ]  # fmt: skip
    assert rows[0] == ["1", "information", "Age of the child at the start of the sentence"]


def test_questions_by_kind() -> None:
    result = run("questions", "example", "--kind", "judgement", "--kind", "narrative")
    assert result.exit_code == 0
    assert [line.split("\t")[0] for line in lines(result)] == [
        "B 1.1", "B 1.3", "B 1.4", "B 9", "C 1", "C 2",
    ]  # fmt: skip
    bad = run("questions", "example", "--kind", "poem")
    assert bad.exit_code == 2
    assert "poem" in bad.output
    assert "judgement" in bad.output


def test_questions_json() -> None:
    result = run("questions", "example", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert len(data) == 15
    for row in data:
        assert {"id", "kind", "text"} <= set(row)
        assert "applies" not in row
    assert data[7]["id"] == "B 1.1"
    assert data[7]["kind"] == "judgement"
    assert data[7]["text"] == "Does the assessment analyse why the child offended?"


def test_questions_for_a_case() -> None:
    case = str(EXAMPLE_CASES / "case-01.toml")
    result = run("questions", "example", "--case", case, "--json")
    data = {r["id"]: r for r in json.loads(result.stdout)}
    assert data["6a"]["applies"] is True
    assert "reason" not in data["6a"]
    assert data["6b"]["applies"] is False
    assert data["6b"]["reason"] == 'answer("6a") == "Yes" does not hold (6a = "No")'
    assert data["B 1.2"]["applies"] is False
    assert data["B 1.2"]["reason"].startswith("explains B 1.1")
    text = run("questions", "example", "--case", case)
    assert text.exit_code == 0
    out = lines(text)
    index = next(i for i, line in enumerate(out) if line.startswith("n/a      6b\t"))
    assert out[index + 1].strip() == 'because answer("6a") == "Yes" does not hold (6a = "No")'
    assert out[0].startswith("applies  1\t")


def test_questions_for_a_bad_case_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('format = "inspectcore-case/1"\nedition = \n')
    result = run("questions", "example", "--case", str(bad))
    assert result.exit_code == 1
    assert str(bad) in result.stderr
    assert "not valid TOML" in result.stderr


def test_questions_for_a_case_of_another_edition(tmp_path: Path) -> None:
    path = tmp_path / "next.toml"
    path.write_text('format = "inspectcore-case/1"\nedition = "example-next"\n')
    result = run("questions", "example", "--case", str(path))
    assert result.exit_code == 2
    assert f"{path} is a case for edition 'example-next', not 'example'" in result.stderr
    assert "inspectcore questions example-next --case" in result.stderr
    assert result.stdout == ""


def test_questions_in_welsh_with_the_extension() -> None:
    result = run("questions", "example", "--with", "example-cymru", "--lang", "cy")
    assert result.exit_code == 0
    rows = {line.split("\t")[0]: line.split("\t")[2] for line in lines(result)}
    assert rows["6c"] == "A gynigiwyd rheolwr achos sy'n siarad Cymraeg i'r plentyn?"
    assert rows["6d"] == "[en] Was the offer recorded?"
    assert rows["1"] == "[en] Age of the child at the start of the sentence"
    welsh = run("questions", "example", "--with", "example-cymru", "--lang", "cy", "--json")
    data = {r["id"]: r for r in json.loads(welsh.stdout)}
    assert (data["6c"]["lang"], data["6d"]["lang"]) == ("cy", "en")
    plain = run("questions", "example", "--with", "example-cymru")
    english = {line.split("\t")[0]: line for line in lines(plain)}
    assert english["6c"].endswith("Was the child offered a Welsh-speaking case manager?")


def test_questions_with_an_unknown_extension() -> None:
    result = run("questions", "example", "--with", "example-gaeilge")
    assert result.exit_code == 2
    assert "no extension 'example-gaeilge' is installed" in result.stderr


@pytest.mark.parametrize("question", ["B 1.3", "B1.3", " B 1.3 "])
def test_show(question: str) -> None:
    result = run("show", "example", question)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("B 1.3  (judgement, example 1.0)\n")
    assert "Does the assessment consider the effect of custody?" in out
    assert "Section: B Assessment > B1 Is the assessment good enough?" in out
    assert "Answer: Yes / No / N/A" in out
    assert 'Applies: answer("2") in ["Detention and training order"] or answer("4") == 999' in out
    assert "Key question: B1" in out


def test_show_in_welsh_with_the_extension() -> None:
    result = run("show", "example", "6c", "--with", "example-cymru", "--lang", "cy")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == (
        "A gynigiwyd rheolwr achos sy'n siarad Cymraeg i'r plentyn?"
    )
    fallback = run("show", "example", "B 1.1", "--with", "example-cymru", "--lang", "cy")
    assert "[en] Does the assessment analyse why the child offended?" in fallback.stdout
    assert "== [en] Quality indicators ==" in fallback.stdout
    assert run("show", "example", "6c").exit_code == 2  # not without the extension


def test_show_unknown_question() -> None:
    result = run("show", "example", "Z 9")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "error: example has no question 'Z 9'" in result.stderr


@pytest.mark.parametrize("command", ["show", "questions", "schema", "new-case"])
def test_unknown_edition(command: str, tmp_path: Path) -> None:
    args = {
        "show": ["show", "nope", "1"],
        "questions": ["questions", "nope"],
        "schema": ["schema", "nope"],
        "new-case": ["new-case", "nope", "-o", str(tmp_path / "x.toml")],
    }[command]
    result = run(*args)
    assert result.exit_code == 2
    assert "error: no edition 'nope' is installed (installed: example, example-next)" in (
        result.stderr
    )
    assert not (tmp_path / "x.toml").exists()


# -- new-case --------------------------------------------------------------------------------


def test_new_case_toml(tmp_path: Path) -> None:
    target = tmp_path / "case.toml"
    result = run(
        "new-case", "example", "-o", str(target), "--case", "EX-9", "--assessor", "Inspector Z",
        "--context", "programme=SHORT", "--context", "country=Wales",
    )  # fmt: skip
    assert result.exit_code == 0
    assert f"wrote {target} (example 1.0, 15 questions)" in result.stdout
    case = read_case(target)
    assert case.edition.id == "example"
    assert case.edition.version == "1.0"
    assert case.case == "EX-9"
    assert case.assessor == "Inspector Z"
    assert dict(case.context) == {"programme": "SHORT", "country": "Wales"}
    assert case.answers == ()
    text = target.read_text(encoding="utf-8")
    assert '# "B 1.1" (judgement; Yes / No)' in text
    # the new file validates, apart from its missing answers
    checked = run("validate", str(target), "--json")
    codes = {p["code"] for p in json.loads(checked.stdout)[0]["problems"]}
    assert codes == {"missing-answer"}


def test_new_case_json_with_extension(tmp_path: Path) -> None:
    target = tmp_path / "case.json"
    result = run("new-case", "example", "--with", "example-cymru", "-o", str(target))
    assert result.exit_code == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "inspectcore-case/1"
    assert data["extensions"] == [
        {"id": "example-cymru", "version": "0.1", "distribution": "inspectcore-example"}
    ]
    assert read_case(target).extensions[0].id == "example-cymru"


def test_new_case_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "case.toml"
    target.write_text("precious\n", encoding="utf-8")
    result = run("new-case", "example", "-o", str(target))
    assert result.exit_code == 2
    assert "exists; use --force" in result.output
    assert target.read_text(encoding="utf-8") == "precious\n"
    forced = run("new-case", "example", "-o", str(target), "--force")
    assert forced.exit_code == 0
    assert read_case(target).edition.id == "example"


@pytest.mark.parametrize(
    ("context", "message"),
    [
        ("programme=MEDIUM", "'MEDIUM' is not one of 'FULL', 'SHORT'"),
        ("colour=red", "expected FACT=VALUE with FACT one of programme, country"),
        ("programme", "expected FACT=VALUE"),
    ],
)
def test_new_case_bad_context(tmp_path: Path, context: str, message: str) -> None:
    target = tmp_path / "case.toml"
    result = run("new-case", "example", "-o", str(target), "--context", context)
    assert result.exit_code == 2
    assert "--context" in result.output
    assert message in result.output
    assert not target.exists()


def test_new_case_bad_suffix(tmp_path: Path) -> None:
    target = tmp_path / "case.yaml"
    result = run("new-case", "example", "-o", str(target))
    assert result.exit_code == 1
    assert str(target) in result.stderr
    assert ".toml or .json" in result.stderr
    assert not target.exists()


# -- validate --------------------------------------------------------------------------------


def test_validate_valid_files() -> None:
    files = sorted(str(p) for p in EXAMPLE_CASES.iterdir())
    result = run("validate", *files)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "3 of 3 file(s) valid" in result.stderr


def test_validate_a_folder(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE_CASES, tmp_path / "cases")
    assert run("validate", str(tmp_path / "cases")).exit_code == 0
    (tmp_path / "cases" / "sub").mkdir()
    (tmp_path / "cases" / "sub" / "bad.toml").write_text(INVALID_CASE, encoding="utf-8")
    (tmp_path / "cases" / "notes.txt").write_text("not a case", encoding="utf-8")
    result = run("validate", str(tmp_path / "cases"), "--json")
    assert result.exit_code == 1
    files = [r["file"] for r in json.loads(result.stdout)]
    assert sorted(Path(f).name for f in files) == [
        "bad.toml", "case-01.toml", "case-02.toml", "case-03.json",
    ]  # fmt: skip


def test_validate_invalid_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(INVALID_CASE, encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1
    out = lines(result)
    assert f"{path}:6b: answered, but the question does not apply: " in out[0]
    assert f"{path}:B 1.1: 'Maybe' is not one of 'Yes', 'No'" in out
    assert f"{path}:B 1 S: no answer (summary_judgement: Is the assessment good enough?)" in out
    for line in out:
        assert line.startswith(f"{path}:")
    assert "0 of 1 file(s) valid" in result.stderr


def test_validate_json_gives_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(INVALID_CASE, encoding="utf-8")
    result = run("validate", str(path), "--json")
    assert result.exit_code == 1
    [report] = json.loads(result.stdout)
    assert report["file"] == str(path)
    problems = {p["question"]: p for p in report["problems"]}
    assert problems["B 1.1"] == {
        "code": "invalid-value",
        "severity": "error",
        "question": "B 1.1",
        "location": 'answers."B 1.1".value',
        "line": 17,
        "message": "'Maybe' is not one of 'Yes', 'No'",
    }
    assert problems["6b"]["line"] == 16
    assert problems["6b"]["code"] == "not-applicable"
    assert problems["B 1 S"]["line"] is None


def test_validate_reports_a_failed_check(tmp_path: Path) -> None:
    # The example edition checks that the date of sentence is not in the future.
    path = tmp_path / "future.toml"
    text = (EXAMPLE_CASES / "case-01.toml").read_text(encoding="utf-8")
    path.write_text(text.replace('"2025-10-06"', '"2999-01-04"'), encoding="utf-8")
    result = run("validate", str(path), "--json")
    assert result.exit_code == 1
    [report] = json.loads(result.stdout)
    [problem] = report["problems"]
    assert problem["code"] == "failed-check"
    assert problem["severity"] == "error"
    assert problem["question"] == "3"
    assert problem["message"].startswith(
        'the date of sentence is in the future (3 = "2999-01-04", today = '
    )
    assert problem["message"].endswith("; check sentence-in-the-future)")


def test_validate_warnings_and_strict(tmp_path: Path) -> None:
    path = tmp_path / "old.toml"
    text = (EXAMPLE_CASES / "case-01.toml").read_text(encoding="utf-8")
    path.write_text(text.replace('edition_version = "1.0"', 'edition_version = "0.9"'))
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert f"{path}:edition_version: warning: assessed under example 0.9" in result.stdout
    assert "1 of 1 file(s) valid" in result.stderr
    strict = run("validate", "--strict", str(path))
    assert strict.exit_code == 1
    assert "0 of 1 file(s) valid" in strict.stderr


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.toml", b'format = "inspectcore-case/1"\nedition = \n', "not valid TOML"),
        ("bad.json", b'{"format": "inspectcore-case/1",}', "not valid JSON"),
        ("latin.toml", b'edition = "caf\xe9"\n', "cannot be read"),
        ("shape.toml", b'edition = "example"\ncolour = "red"\n', "unknown key(s) 'colour'"),
    ],
)
def test_validate_malformed_file(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    good = EXAMPLE_CASES / "case-01.toml"
    result = run("validate", str(path), str(good))
    assert result.exit_code == 1
    [line] = lines(result)
    assert line.startswith(f"{path}:")
    assert message in line
    assert "1 of 2 file(s) valid" in result.stderr
    data = json.loads(run("validate", "--json", str(path)).stdout)
    assert data[0]["problems"][0]["code"] == "unreadable"


def test_validate_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert str(path) in result.stdout
    assert "cannot be read" in result.stdout


def test_validate_case_with_missing_extension(tmp_path: Path) -> None:
    path = tmp_path / "welsh.toml"
    text = (EXAMPLE_CASES / "case-01.toml").read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "\n[context]",
            '\n[[extensions]]\nid = "example-gaeilge"\nversion = "1.0"\n'
            'distribution = "inspectcore-gaeilge"\n\n[context]',
        )
    )
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert f"{path}:edition: " in result.stdout
    assert "install inspectcore-gaeilge" in result.stdout


def test_validate_case_for_an_edition_not_installed(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"format": "inspectcore-case/1", "edition": "carag1999"}')
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "no edition 'carag1999' is installed" in result.stdout


# -- schema ----------------------------------------------------------------------------------


def test_schema() -> None:
    result = run("schema", "example")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["edition"] == {"const": "example"}
    assert "6c" not in schema["properties"]["answers"]["properties"]
    extended = json.loads(run("schema", "example", "--with", "example-cymru").stdout)
    assert "6c" in extended["properties"]["answers"]["properties"]
    validator = Draft202012Validator(schema)
    data = json.loads((EXAMPLE_CASES / "case-03.json").read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []


def test_show_includes_section_guidance_and_extension_notes() -> None:
    result = CliRunner().invoke(
        cli, ["show", "example", "B 1.1", "--with", "example-cymru", "--lang", "cy"]
    )
    assert result.exit_code == 0, result.output
    assert "== [en] Introduction [section B1] ==" in result.output
    assert "== Arolygu yng Nghymru (from example-cymru) [section B1] ==" in result.output
    assert "[en] Consider the child's preferred language" in result.output


def test_validate_names_an_unreadable_file_without_an_empty_field(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("format = \n")
    result = CliRunner().invoke(cli, ["validate", str(broken)])
    assert result.exit_code == 1
    assert f"{broken}: not valid TOML" in result.output
    assert f"{broken}::" not in result.output


def test_new_case_into_a_missing_folder_names_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "case.toml"
    result = CliRunner().invoke(cli, ["new-case", "example", "-o", str(target)])
    assert result.exit_code == 1
    assert f"error: {target.parent}: no such folder" in result.output
    assert ".tmp" not in result.output


def test_output_piped_into_a_reader_that_has_gone_ends_quietly() -> None:
    # `inspectcore questions … | head -1`: the reader closes the pipe early. Here it is
    # closed before the command starts, so that every write fails, whatever the timing.
    import os
    import subprocess
    import sys
    from pathlib import Path

    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [str(Path(sys.executable).parent / "inspectcore"), "questions", "carag2024"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert result.stderr == ""  # no "error: Broken pipe", no traceback
    assert result.returncode == 141
