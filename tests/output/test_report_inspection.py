"""The report's header from the inspection file, its names, wording and legend."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from inspectcore.cli import cli

ROOT = Path(__file__).resolve().parents[2]
CAG = ROOT / "examples" / "inspection" / "cag2016"
CARAG = ROOT / "examples" / "inspection" / "carag2024"


def _report(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", *args, "-o", str(out)])
    return result.exit_code, out.read_text("utf-8") if out.exists() else "", result.output


def _inspection(folder: Path, service: str) -> Path:
    result = CliRunner().invoke(
        cli,
        [
            "new-inspection",
            "carag2024",
            str(folder),
            "--service",
            service,
            "--start",
            "12/05/2025",
            "--end",
            "16/05/2025",
        ],
    )
    assert result.exit_code == 0, result.output
    return folder / "inspection.toml"


def test_the_report_names_the_service_and_dates_of_the_inspection_file(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    shutil.copytree(CARAG, cases)
    _inspection(cases, "Example <YOT>")
    code, page, output = _report(tmp_path, str(cases), "--edition", "carag2024")
    assert code == 0, output
    assert "<dt>Service</dt><dd>Example &lt;YOT&gt;</dd>" in page
    assert "<dt>Inspection dates</dt><dd>2025-05-12 to 2025-05-16</dd>" in page
    assert "<h1>Example &lt;YOT&gt;: inspection figures</h1>" in page


def test_an_inspection_file_given_is_used_and_a_missing_one_is_an_error(tmp_path: Path) -> None:
    given = _inspection(tmp_path / "elsewhere", "Other YOS")
    code, page, _ = _report(
        tmp_path, str(CARAG), "--edition", "carag2024", "--inspection", str(given)
    )
    assert code == 0
    assert "<dd>Other YOS</dd>" in page
    missing = tmp_path / "none.toml"
    code, _, output = _report(
        tmp_path, str(CARAG), "--edition", "carag2024", "--inspection", str(missing)
    )
    assert code != 0
    assert "none.toml" in output
    assert "Traceback" not in output


def test_without_an_inspection_file_there_is_no_service_line(tmp_path: Path) -> None:
    code, page, _ = _report(tmp_path, str(CARAG), "--edition", "carag2024")
    assert code == 0
    assert "<dt>Service</dt>" not in page


def test_criteria_are_named_and_only_rating_editions_speak_of_exact_figures(
    tmp_path: Path,
) -> None:
    code, page, _ = _report(tmp_path, str(CAG), "--edition", "cag2016")
    assert code == 0
    assert "criterion: <" not in page
    assert "criterion:<" not in page
    assert ">Criterion 1.2.1<" in page  # the guidance names no criterion: kind and code
    assert "theme: Safeguarding" in page
    assert "exact figures" not in page  # cag2016 has no rating rules
    code, rated, _ = _report(tmp_path, str(CARAG), "--edition", "carag2024")
    assert "Ratings use the exact figures" in rated


def test_headings_carry_no_ids_and_wording_is_whole(tmp_path: Path) -> None:
    _code, page, _ = _report(tmp_path, str(CARAG), "--edition", "carag2024")
    headings = re.findall(r"<h3[^>]*>(.*?)</h3>", page)
    assert headings
    assert not [h for h in headings if re.match(r"[A-Z]+ ?\d", h)]
    assert "…" not in page
    assert "@media print" in page
    assert "size: A4" in page


def test_an_inspection_file_of_another_edition_is_refused_naming_both(tmp_path: Path) -> None:
    other = tmp_path / "cag-visit"
    result = CliRunner().invoke(
        cli, ["new-inspection", "cag2016", str(other), "--service", "Another YOT"]
    )
    assert result.exit_code == 0, result.output
    given = other / "inspection.toml"
    # Given with --inspection ...
    code, page, output = _report(
        tmp_path, str(CARAG), "--edition", "carag2024", "--inspection", str(given)
    )
    assert code == 2
    assert page == ""
    assert "Traceback" not in output
    flat = " ".join(output.split())  # click wraps the message
    assert f"the inspection file {given} is for edition cag2016" in flat
    assert f"the cases ({CARAG / 'case-001.toml'} and the others) are read under carag2024" in flat
    # ... or found beside the cases.
    cases = tmp_path / "cases"
    shutil.copytree(CARAG, cases)
    shutil.copy(given, cases / "inspection.toml")
    code, page, output = _report(tmp_path, str(cases), "--edition", "carag2024")
    assert code == 2
    assert page == ""
    flat = " ".join(output.split())
    assert f"{cases / 'inspection.toml'} is for edition cag2016" in flat
    # An inspection file of the cases' own edition is taken as before.
    _inspection(tmp_path / "own", "Own YOS")
    code, page, _ = _report(
        tmp_path,
        str(CARAG),
        "--edition",
        "carag2024",
        "--inspection",
        str(tmp_path / "own" / "inspection.toml"),
    )
    assert code == 0
    assert "<dd>Own YOS</dd>" in page
