"""The lead's figures: the library's score of the store's complete cases, the same numbers
as ``inspectcore score --complete-only`` on an export of the store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from inspectcore import Registry, Store
from inspectcore._web.progress import COMPLETE, IN_PROGRESS, NOT_STARTED, figures_data, progress
from inspectcore.cli import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "inspection" / "carag2024"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as opened:
        opened.add_person("lee", "Lee Lead", "lead", "lee's password")
        yield opened


def test_figures_are_those_of_score_on_an_export(
    store: Store, tmp_path: Path, inspectcore_registry: Registry
) -> None:
    inspection = store.import_folder(EXAMPLE, by="lee")
    edition = inspectcore_registry.load_edition("carag2024")
    cases = store.cases(inspection.id)
    # Two cases are taken back to in progress (an answer removed), one to not started,
    # and some are given to inspectors: the figures count the complete ones only.
    for stored, keep in ((cases[0], -1), (cases[3], -2)):
        assessment = attrs.evolve(stored.assessment, answers=stored.assessment.answers[:keep])
        store.save(stored.id, assessment, by="lee", expected_version=stored.version)
    empty = attrs.evolve(cases[5].assessment, answers=())
    store.save(cases[5].id, empty, by="lee", expected_version=cases[5].version)
    found = progress(edition, store.cases(inspection.id))
    assert [line.status for line in found.cases].count(COMPLETE) == len(cases) - 3
    assert {line.case.reference for line in found.left_out} == {
        cases[i].reference for i in (0, 3, 5)
    }
    assert [line.status for line in found.left_out].count(NOT_STARTED) == 1
    assert [line.status for line in found.left_out].count(IN_PROGRESS) == 2
    # Imported cases are assigned to nobody: each counts for the assessor it names.
    assert [line.inspector for line in found.inspectors] == [
        "Inspector A",
        "Inspector B",
        "Inspector C",
    ]
    assert sum(line.total for line in found.inspectors) == len(cases)
    assert [
        sum(column) for column in zip(*(line.counts for line in found.inspectors), strict=True)
    ] == [
        1,
        2,
        len(cases) - 3,
    ]

    exported = tmp_path / "export"
    store.export_folder(inspection.id, exported)
    result = CliRunner().invoke(
        cli,
        ["score", str(exported), "--edition", "carag2024", "--complete-only", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == figures_data(inspectcore_registry, edition, found)["score"]
    assert len(json.loads(result.stdout)["questions"]) > 10
    assert len(found.score.cases) + len(found.score.excluded) == len(cases) - 3
