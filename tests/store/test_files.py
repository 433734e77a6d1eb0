"""Import from and export to case files: a round trip gives back the same files."""

from __future__ import annotations

import shutil
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from inspectcore import (
    INSPECTION_FILE,
    AlreadyStoredError,
    Answer,
    ImportRefusedError,
    InspectionFile,
    OutputPathError,
    Store,
    dumps_case,
    dumps_inspection_file,
    read_case,
)
from inspectcore.cli import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "inspection"


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _score(folder: Path, edition: str) -> bytes:
    result = CliRunner().invoke(
        cli, ["score", str(folder), "--edition", edition, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


@pytest.mark.parametrize("edition", ["carag2024", "cag2016"])
def test_an_export_of_an_import_is_the_same_files(
    store: Store, tmp_path: Path, edition: str
) -> None:
    inspection = store.import_folder(EXAMPLES / edition, by="ann")
    assert (inspection.name, inspection.edition) == (edition, edition)
    cases = store.cases(inspection.id)
    assert len(cases) == len(list((EXAMPLES / edition).glob("*.toml")))
    assert all(c.version == 1 and c.updated_by == "ann" for c in cases)
    written = store.export_folder(inspection.id, tmp_path / "out")
    assert [p.name for p in written] == sorted(p.name for p in (EXAMPLES / edition).iterdir())
    assert _files(tmp_path / "out") == _files(EXAMPLES / edition)
    assert _score(tmp_path / "out", edition) == _score(EXAMPLES / edition, edition)


def test_a_case_is_exported_as_saved(store: Store, tmp_path: Path) -> None:
    inspection = store.import_folder(EXAMPLES / "carag2024", name="week 1", by="ann")
    case = store.cases(inspection.id)[0]
    changed = attrs.evolve(case.assessment, assessor="Somebody Else")
    store.save(case.id, changed, by="ivan", expected_version=1)
    store.export_folder(inspection.id, tmp_path / "out")
    name = "case-001.toml"
    assert read_case(tmp_path / "out" / name) == changed
    assert (tmp_path / "out" / name).read_text(encoding="utf-8") == dumps_case(changed, "toml")


def test_hand_written_files_come_back_byte_for_byte_until_saved(
    store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "hand"
    shutil.copytree(EXAMPLES / "example", folder)
    settings = "# the inspection's shared facts\nformat = 'inspectcore-inspection/1'\n"
    settings += "edition = 'example'\nservice = 'Somewhere YJS'\n"
    (folder / INSPECTION_FILE).write_text(settings, encoding="utf-8")
    inspection = store.import_folder(folder, by="ann")
    assert inspection.settings == InspectionFile(service="Somewhere YJS", edition="example")
    store.export_folder(inspection.id, tmp_path / "out")
    assert _files(tmp_path / "out") == _files(folder)
    json_case = next(c for c in store.cases(inspection.id) if c.reference == "EX-03")
    store.save(
        json_case.id,
        json_case.assessment.with_answer(Answer("1", 1)),
        by="ann",
        expected_version=1,
    )
    store.export_folder(inspection.id, tmp_path / "again")
    again = _files(tmp_path / "again")
    assert again["case-03.json"].decode() == dumps_case(store.case(json_case.id).assessment, "json")
    assert again["case-03.json"] != _files(folder)["case-03.json"]
    assert again["case-01.toml"] == _files(folder)["case-01.toml"]
    assert again[INSPECTION_FILE].decode() == settings
    assert dumps_inspection_file(inspection.settings) != settings  # kept, not rewritten


def test_an_export_never_writes_into_a_folder_that_holds_files(
    store: Store, tmp_path: Path
) -> None:
    inspection = store.import_folder(EXAMPLES / "carag2024", by="ann")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "case-001.toml").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputPathError, match="holds files already"):
        store.export_folder(inspection.id, tmp_path / "full")
    assert (tmp_path / "full" / "case-001.toml").read_text(encoding="utf-8") == "mine"
    (tmp_path / "empty").mkdir()
    assert len(store.export_folder(inspection.id, tmp_path / "empty")) == 31


def test_a_folder_with_a_bad_file_is_not_imported_at_all(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "week"
    shutil.copytree(EXAMPLES / "carag2024", folder)
    (folder / "case-031.toml").write_text("edition = ", encoding="utf-8")
    (folder / "notes.txt").write_text("not a case", encoding="utf-8")
    (folder / ".hidden.toml").write_text("", encoding="utf-8")
    skipped: list[str] = []
    with pytest.raises(ImportRefusedError, match="nothing was imported") as refused:
        store.import_folder(folder, by="ann", on_skip=skipped.append)
    (problem,) = refused.value.problems
    assert problem.startswith(f"{folder / 'case-031.toml'}: ")
    assert store.inspections() == ()
    assert skipped == [
        f"{folder / '.hidden.toml'}: skipped (hidden)",
        f"{folder / 'notes.txt'}: skipped (not a .toml or .json file)",
    ]


def test_two_files_of_one_reference_are_refused(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "week"
    shutil.copytree(EXAMPLES / "carag2024", folder)
    shutil.copy(folder / "case-001.toml", folder / "case-001-copy.toml")
    with pytest.raises(ImportRefusedError, match=r"case 'SYN-001' is in .*case-001-copy.toml and"):
        store.import_folder(folder, by="ann")
    assert store.inspections() == ()


def test_one_inspection_is_of_one_edition(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "week"
    shutil.copytree(EXAMPLES / "carag2024", folder)
    shutil.copy(EXAMPLES / "cag2016" / "case-001.toml", folder / "old.toml")
    with pytest.raises(ImportRefusedError, match="editions cag2016, carag2024"):
        store.import_folder(folder, by="ann")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ImportRefusedError, match="no case files"):
        store.import_folder(tmp_path / "empty", by="ann")


def test_an_inspection_name_is_imported_once(store: Store) -> None:
    store.import_folder(EXAMPLES / "carag2024", by="ann")
    with pytest.raises(AlreadyStoredError, match="an inspection named 'carag2024' already"):
        store.import_folder(EXAMPLES / "carag2024", by="ann")
    other = store.import_folder(EXAMPLES / "carag2024", name="again", by="ann")
    assert len(store.cases(other.id)) == 31
