"""The report's sections on the sample and the whole inspection (intervals, make-up, rating)."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from inspectcore import (
    Override,
    Registry,
    SingleChoice,
    describe_sample,
    figure_interval,
    rate_inspection,
    read_inspection,
    render_report,
    score,
)
from inspectcore.cli import cli

ROOT = Path(__file__).resolve().parents[2]
CARAG = ROOT / "examples" / "inspection" / "carag2024"
EXAMPLE = ROOT / "examples" / "inspection" / "example"
SOFTWARE = [("inspectcore", "0")]


class _Rows(HTMLParser):
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
    return Registry.discover(strict=True, blocked=())


def test_the_sections_are_added_only_when_asked(registry: Registry) -> None:
    edition = registry.load_edition("carag2024")
    cases = read_inspection([CARAG], edition).cases
    result = score(edition, cases)
    plain = render_report(edition, result, generated=dt.date(2026, 1, 1), software=SOFTWARE)
    assert 'id="intervals"' not in plain
    assert 'id="overall"' not in plain
    page = render_report(
        edition, result, generated=dt.date(2026, 1, 1), software=SOFTWARE, confidence=0.8
    )
    shown = rows(page, "interval-row")
    assert [r[0] for r in shown] == [f.id for f in result.key_questions]
    for row, figure in zip(shown, result.key_questions, strict=True):
        item = figure_interval(figure, 0.8, edition.rating)
        assert item.interval is not None
        assert row[2] == f"{item.interval.low:.1f}% to {item.interval.high:.1f}%"
        assert ("cannot settle" in row[4]) == item.unsettled
    assert any("unsettled" in cls for cls in page.split('class="')[1:])
    # Everything the report showed before is still there, as it was.
    assert plain.split('<section id="ratings"')[1].split("</section>")[0] in page


def test_the_overall_rating_shows_an_override_beside_the_computed_rating(
    registry: Registry,
) -> None:
    edition = registry.load_edition("example")
    framework = registry.framework("example-programme")
    cases = read_inspection([EXAMPLE], edition).cases
    result = score(edition, cases)
    panel = Override("O", "Good", "<b>Chair</b>", dt.date(2026, 3, 2), "a <script> reason")
    rated = rate_inspection(framework, {"O": "Outstanding"}, result, [panel])
    page = render_report(
        edition, result, generated=dt.date(2026, 1, 1), software=SOFTWARE, inspection=rated
    )
    (o_row, *_) = rows(page, "overridden")
    assert o_row[:3] == [
        "O",
        "Outstanding",
        "Good, by <b>Chair</b> on 2026-03-02: a <script> reason",
    ]
    assert "<script" not in page
    assert "&lt;b&gt;Chair&lt;/b&gt;" in page
    standards = {r[0]: r for r in rows(page, "standard-row")}
    assert standards["C"][1] == "not rated"
    assert standards["R"][4] == "- (not counted)"
    assert f"{rated.score} of {rated.max}" in page


def test_the_sample_is_described_by_options_never_free_text(registry: Registry) -> None:
    edition = registry.load_edition("carag2024")
    cases = read_inspection([CARAG], edition).cases
    described = describe_sample(edition, cases, ["A 3.4"])
    (risk,) = described.items
    assert described.scored + described.excluded == len(cases)
    assert sum(n for _, n in risk.counts) + risk.unanswered == described.scored
    domain = edition.question("A 3.4").answer
    assert isinstance(domain, SingleChoice)
    assert [o for o, _ in risk.counts] == list(domain.values)
    narrative = next(q for q in edition.questions if q.answer.type == "text")
    with pytest.raises(ValueError, match="not aggregated"):
        describe_sample(edition, cases, [narrative.id])
    with pytest.raises(ValueError, match="neither a question nor a fact"):
        describe_sample(edition, cases, ["Z 9"])


def test_the_report_command_adds_them(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    args = ["report", str(CARAG), "--edition", "carag2024", "-o", str(out)]
    result = CliRunner().invoke(
        cli,
        [*args, "--framework", "hmip-youth-2021", "--rating", "1.1=Good", "--describe", "A 3.4"],
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert 'id="overall"' in page
    assert 'id="intervals"' in page
    assert 'id="sample"' in page
    result = CliRunner().invoke(cli, [*args, "--rating", "1.1=Good"])
    assert result.exit_code == 2
    assert "need --framework" in result.output
    result = CliRunner().invoke(cli, [*args, "--describe", "A 1.10 X"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
