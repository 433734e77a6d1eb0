"""The HTML report: contents, the few-cases flag, escaping, and the report command."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from inspectcore import (
    Edition,
    Figure,
    GroupFigure,
    InspectionScore,
    Registry,
    read_case,
    render_report,
    score,
)
from inspectcore.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "inspection" / "example"
DAY = dt.date(2026, 3, 1)
SOFTWARE = (("inspectcore", "9.9"),)
SCRIPT = "<script>alert(1)</script>"


class _Rows(HTMLParser):
    """The cell texts of every table row, with the row's class."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append((dict(attrs).get("class") or "", []))
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1][1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def rows(page: str, row_class: str) -> list[list[str]]:
    parser = _Rows()
    parser.feed(page)
    return [cells for cls, cells in parser.rows if row_class in cls.split()]


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.discover(strict=True)


@pytest.fixture(scope="module")
def example(registry: Registry) -> Edition:
    return registry.load_edition("example")


def test_report_of_the_example_inspection(example: Edition) -> None:
    cases = [(p.name, read_case(p)) for p in sorted(EXAMPLES.iterdir())]
    page = render_report(example, score(example, cases), generated=DAY, software=SOFTWARE)
    # Independently of the engine: B 1 S is Yes in case-01 and case-03, No in case-02.
    summaries = [{a.question: a.value for a in c.answers}.get("B 1 S") for _, c in cases]
    assert (summaries.count("Yes"), len(summaries)) == (2, 3)
    # 2 of 3 is 66.66…%, shown rounded down, and in the 65-80 band.
    (rating,) = rows(page, "rating-row")
    assert rating[0] == "B Assessment"
    assert rating[1] == "Good"
    assert rating[2] == "66.7% †"  # three cases: flagged as fewer than five
    assert rating[3].startswith("B1 Is the assessment good enough?")
    assert "example 1.0" in page
    assert "2026-03-01" in page
    assert "inspectcore 9.9" in page
    # Every scored question of the edition has a row, in edition order.
    scored = [q.id for q in example.questions if q.scored]
    assert [r[0] for r in rows(page, "question-row")] == scored
    assert "No case was excluded" in page


def test_figures_on_fewer_than_five_cases_are_flagged(example: Edition) -> None:
    figures = tuple(
        Figure(q.id, n, n // 2)
        for q, n in zip(
            (q for q in example.questions if q.scored), (4, 5, 0, 30, 1, 2, 9), strict=False
        )
    )
    result = InspectionScore("example", "1.0", ("a",) * 30, figures, (), ())
    page = render_report(example, result, generated=DAY, software=SOFTWARE)
    table = rows(page, "question-row")
    flagged = [r[0] for r in table if r[2].endswith("†")]
    expected = [f.id for f in figures if f.applicable < 5]
    assert flagged == expected
    assert len(expected) == 4
    assert len(rows(page, "few")) == len(expected)  # the rows are styled as well
    assert "fewer than 5 cases" in page  # the legend
    assert [r[4] for r in table if r[2].startswith("0")] == ["-"]  # no case: no percentage


def test_every_standard_gets_a_chart(registry: Registry) -> None:
    carag = registry.load_edition("carag2024")
    cases = [
        (p.name, read_case(p)) for p in sorted((ROOT / "examples/inspection/carag2024").iterdir())
    ]
    result = score(carag, cases)
    page = render_report(carag, result, generated=DAY, software=SOFTWARE)
    charts = page.split('<figure class="section-chart">')[1:]
    standards = [s.id for s in carag.sections if s.level == "standard"]
    assert len(charts) == len(standards) == 4
    bands = [b.name for b in carag.rating.bands] if carag.rating else []
    for standard, chart in zip(standards, charts, strict=True):
        children = [s.id for s in carag.sections if s.parent == standard]
        assert len(re.findall(r'<rect class="bar', chart)) == len(children)
        assert len(re.findall(r'<rect class="band"', chart)) == len(bands) == 4
        for band in bands:
            for word in band.split():
                assert f">{word}</tspan>" in chart
    # Only the excluded case's reference appears; no scored case's reference does.
    (excluded,) = result.excluded
    assert excluded.case in page
    assert result.cases
    assert not any(case in page for case in result.cases)


def test_themes_get_a_chart_each_with_their_parts(registry: Registry) -> None:
    cag = registry.load_edition("cag2016")
    counts = itertools.cycle((12, 0, 7, 3))  # 0: no judgement applied, so no bar
    groups = tuple(
        GroupFigure(g.id, g.kind, (), n, n // 3, Fraction(n // 3 * 100, n) if n else None, "pooled")
        for g, n in zip(cag.groups, counts, strict=False)
    )
    result = InspectionScore("cag2016", "16", ("a",) * 12, (), (), (), groups=groups)
    page = render_report(cag, result, generated=DAY, software=SOFTWARE)
    themes = [g for g in cag.groups if g.kind == "theme"]
    charts = page.split('<figure class="theme-chart">')[1:]
    assert len(charts) == len(themes) == 4
    drawn = {g.id for g in groups if g.percent is not None}
    for theme, chart in zip(themes, charts, strict=True):
        assert theme.title is not None
        assert theme.title.en in chart
        parts = [g.id for g in cag.groups if theme.id in g.part_of]
        assert parts  # every theme has criteria
        assert len(re.findall(r'<rect class="bar', chart)) == len(
            [i for i in [theme.id, *parts] if i in drawn]
        )
        assert len(re.findall(r'<rect class="bar emphasis', chart)) == (theme.id in drawn)
        assert '<rect class="band"' not in chart  # cag2016 has no rating bands
        # The theme's own bar is labelled as the theme, never by its data key.
        labels = re.findall(r'<text class="bar-label[^"]*"[^>]*>([^<]*)</text>', chart)
        assert theme.id not in labels
        assert labels[0] == "theme"
    assert len(rows(page, "group-row")) == len(cag.groups)


def _write_cases(folder: Path) -> None:
    """The example cases, with script in a reference, free text and notes; case-02 excluded."""
    for path in sorted(EXAMPLES.iterdir()):
        (folder / path.name).write_text(path.read_text())
    case_02 = folder / "case-02.toml"
    text = case_02.read_text().replace(
        '"2" = "Detention and training order"', '"2" = "Referral order"'
    )
    text = text.replace('"B 1.3" = "Yes"\n', "").replace('case = "EX-02"', f'case = "{SCRIPT}"')
    text = text.replace("The assessment relied", f"NARRATIVE-02 {SCRIPT} The assessment relied")
    text = text.replace("Confirmed with", f"NOTE-02 {SCRIPT} Confirmed with")
    case_02.write_text(text)
    case_01 = folder / "case-01.toml"
    case_01.write_text(
        case_01.read_text()
        + f'\n[answers."B 9"]\nvalue = "NARRATIVE-01 {SCRIPT}"\nnote = "NOTE-01 {SCRIPT}"\n'
    )


def test_report_command_escapes_everything_and_leaves_narrative_out(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    _write_cases(cases)
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", str(cases), "--edition", "example", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    # The excluded case's reference is shown, escaped.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    (excluded,) = rows(page, "excl")
    assert excluded[0] == SCRIPT
    assert excluded[1] == "host-referral"
    for private in ("NARRATIVE-01", "NARRATIVE-02", "NOTE-01", "NOTE-02", "Inspector", "EX-01"):
        assert private not in page
    # Nothing that could be fetched: no URL, no external reference of any kind.
    assert not re.search(r"https?:|//[a-z]|url\(|@import|<img|<link|<iframe|src=", page)
    assert "Content-Security-Policy" in page


def test_report_command_refuses_invalid_cases_and_bad_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'format = "inspectcore-case/1"\nedition = "example"\n[answers]\n"B 1.1" = "Maybe"\n'
    )
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["report", str(bad), "--edition", "example", "-o", str(out)])
    assert result.exit_code == 1
    assert "bad.toml:B 1.1:" in result.output
    assert "then report again" in result.output
    assert not out.exists()
    missing = tmp_path / "no-such-folder" / "r.html"
    result = CliRunner().invoke(
        cli, ["report", str(EXAMPLES), "--edition", "example", "-o", str(missing)]
    )
    assert result.exit_code == 1
    assert "no such folder" in result.output
    assert "Traceback" not in result.output


def test_the_header_names_the_extensions_used(registry: Registry) -> None:
    edition = registry.load_edition("example", ["example-cymru"])
    info = registry.extension_info("example-cymru")
    page = render_report(edition, score(edition, []), generated=DAY, software=SOFTWARE)
    meta = dict(
        re.findall(r"<dt>([^<]*)</dt><dd>([^<]*)</dd>", page)  # the header's definition list
    )
    assert meta["Extensions"] == f"example-cymru {info.header.version}"
    assert meta["Cases scored"] == "0"
    assert meta["Software"] == "inspectcore 9.9"
