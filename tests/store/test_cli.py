"""`inspectcore store …`, run with click's CliRunner on both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from inspectcore import Store
from inspectcore.cli import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "carag2024"


def run(*args: str, url: str | None = None, stdin: str | None = None) -> Result:
    store = ["--store", url] if url else []
    return CliRunner().invoke(cli, ["store", *args, *store], input=stdin)


def test_import_list_history_and_export(store_url: str, tmp_path: Path) -> None:
    imported = run("import", str(EXAMPLE), "--name", "week 1", "--by", "ivan", url=store_url)
    assert imported.exit_code == 0, imported.output
    assert "imported 31 case(s) as inspection 'week 1' (carag2024)" in imported.stdout
    listed = run("list", url=store_url)
    assert listed.stdout == "week 1\tcarag2024\t31 case(s)\n"
    shown = run("history", "week 1", "SYN-001", url=store_url)
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert lines[0].startswith("v1\t")
    assert '\tivan\tI 1.1: - -> {"value": "No", ' in lines[0]
    exported = run("export", "week 1", str(tmp_path / "out"), url=store_url)
    assert exported.stdout == f"wrote 31 file(s) to {tmp_path / 'out'}\n"
    assert (tmp_path / "out" / "case-001.toml").read_bytes() == (
        EXAMPLE / "case-001.toml"
    ).read_bytes()
    again = run("export", "week 1", str(tmp_path / "out"), url=store_url)
    assert again.exit_code == 2
    assert "holds files already" in again.stderr


def test_the_first_admin_is_added_with_a_prompted_password(store_url: str) -> None:
    added = run("add-person", "ann", "--role", "admin", url=store_url, stdin="pw one\npw one\n")
    assert added.exit_code == 0, added.output
    assert "pw one" not in added.stdout
    assert added.stdout.endswith("added ann (admin)\n")
    with Store.open(store_url) as store:
        assert store.check_password("ann", "pw one") is not None
    mismatch = run("add-person", "bob", "--role", "lead", url=store_url, stdin="a\nb\na\na\n")
    assert "do not match" in mismatch.output


def test_a_password_file_and_a_grant(store_url: str, tmp_path: Path) -> None:
    (tmp_path / "pw").write_text("from a file\n", encoding="utf-8")
    args = ("--role", "inspector", "--name", "Ivan I", "--password-file", str(tmp_path / "pw"))
    assert run("add-person", "ivan", *args, url=store_url).exit_code == 0
    run("import", str(EXAMPLE), url=store_url)
    granted = run("grant", "ivan", "carag2024", url=store_url)
    assert granted.exit_code == 0, granted.output
    with Store.open(store_url) as store:
        assert store.check_password("ivan", "from a file") == store.person("ivan")
        assert store.person("ivan").display_name == "Ivan I"  # type: ignore[union-attr]
        assert store.inspections(visible_to="ivan")[0].name == "carag2024"
    (tmp_path / "empty").write_text("\n", encoding="utf-8")
    empty = run("add-person", "x", "--role", "lead", "--password-file", str(tmp_path / "empty"))
    assert empty.exit_code == 2
    assert "the first line is empty" in empty.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("list", "--store", "nonsense"), "'nonsense' is not a store URL"),
        (("list", "--store", "postgresql://u@127.0.0.1:1/x"), "cannot open the store"),
        (("export", "nope", "out"), "no inspection named 'nope' (it has: none)"),
        (("history", "nope", "X"), "no inspection named 'nope'"),
        (("grant", "nobody", "nope"), "no inspection named 'nope'"),
    ],
)
def test_errors_are_messages_with_exit_2(
    args: tuple[str, ...], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the default store: inspection.db here
    result = CliRunner().invoke(cli, ["store", *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_the_store_defaults_to_a_file_here_or_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("import", str(EXAMPLE)).exit_code == 0
    assert (tmp_path / "inspection.db").is_file()
    monkeypatch.setenv("INSPECTCORE_STORE", f"sqlite:///{tmp_path / 'other.db'}")
    assert run("list").stdout == ""
    assert (tmp_path / "other.db").is_file()


def test_an_unknown_case_in_history_is_a_message(store_url: str) -> None:
    run("import", str(EXAMPLE), url=store_url)
    result = run("history", "carag2024", "SYN-999", url=store_url)
    assert result.exit_code == 2
    assert "has no first reading of a case 'SYN-999'" in result.stderr


def test_a_bad_folder_is_refused_naming_the_file(store_url: str, tmp_path: Path) -> None:
    (tmp_path / "week").mkdir()
    (tmp_path / "week" / "case.toml").write_text("edition = ", encoding="utf-8")
    (tmp_path / "week" / "notes.txt").write_text("", encoding="utf-8")
    result = run("import", str(tmp_path / "week"), url=store_url)
    assert result.exit_code == 2
    assert "nothing was imported" in result.stderr
    assert str(tmp_path / "week" / "case.toml") in result.stderr
    assert f"note: {tmp_path / 'week' / 'notes.txt'}: skipped" in result.stderr
    assert run("list", url=store_url).stdout == ""
