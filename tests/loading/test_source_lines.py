"""Source documents shipped with edition data (`source_file`), and the lines a question cites."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from click.testing import CliRunner

from inspectcore import (
    DataFolder,
    EditionDataError,
    Registry,
    SourceExcerpt,
    SourceLocationError,
    apply_extension,
    load_edition_folder,
    resolve_edition,
    source_lines,
)
from inspectcore.cli import cli
from inspectcore.testing import use_entry_points

WriteEdition = Callable[..., Path]

DOCUMENT = "".join(f"text of line {n}\n" for n in range(1, 21))
"""A 20-line document: line N reads "text of line N"."""


def question(qid: str, location: str = "") -> dict[str, Any]:
    found = {
        "id": qid,
        "kind": "judgement",
        "section": "A",
        "text": f"Question {qid}?",
    }
    return {**found, "location": location} if location else found


def with_source(folder: Path, source_file: str = "source/doc.txt", text: str = DOCUMENT) -> Path:
    """Add a source document to an edition folder written by ``write_edition``."""
    header = folder / "edition.toml"
    data = tomllib.loads(header.read_text())
    data.update(source_file=source_file, copyright="the tests")
    header.write_text(tomli_w.dumps(data))
    if text:
        (folder / "source").mkdir()
        (folder / "source" / "doc.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def documented(write_edition: WriteEdition) -> Path:
    questions = [
        question("one", "line 5"),
        question("range", "lines 9-11"),
        question("prefixed", "Appendix A, line 2"),
        question("last", "line 20"),
        question("none"),
        question("page", "p. 3"),
        question("outside", "line 21"),
    ]
    return with_source(
        write_edition(
            "doc", sections=[{"id": "A", "level": "area", "title": "A"}], questions=questions
        )
    )


def cited(excerpt: SourceExcerpt) -> list[int]:
    return [line.number for line in excerpt.lines if line.cited]


def test_a_line_with_context_around_it(documented: Path) -> None:
    edition = resolve_edition(documented)
    (document,) = edition.documents
    assert (document.origin, document.path, document.title) == (
        "doc",
        "source/doc.txt",
        "written by the tests",
    )
    assert (document.licence, document.copyright) == ("CC0-1.0", "the tests")
    excerpt = source_lines(edition, "one")
    assert [line.number for line in excerpt.lines] == [2, 3, 4, 5, 6, 7, 8]
    assert cited(excerpt) == [5]
    assert excerpt.cited == "text of line 5"
    assert (excerpt.first, excerpt.last, excerpt.location) == (5, 5, "line 5")


def test_a_range_and_a_location_with_words_before_its_line(documented: Path) -> None:
    edition = resolve_edition(documented)
    excerpt = source_lines(edition, edition.question("range"), context=1)
    assert [line.number for line in excerpt.lines] == [8, 9, 10, 11, 12]
    assert cited(excerpt) == [9, 10, 11]
    assert cited(source_lines(edition, "prefixed", context=0)) == [2]


def test_context_stops_at_the_ends_of_the_document(documented: Path) -> None:
    edition = resolve_edition(documented)
    assert [line.number for line in source_lines(edition, "prefixed").lines] == [1, 2, 3, 4, 5]
    assert [line.number for line in source_lines(edition, "last").lines] == [17, 18, 19, 20]


@pytest.mark.parametrize(
    ("question_id", "message"),
    [
        ("none", "no source location recorded for doc none"),
        ("page", "the location of doc page, 'p. 3', names no line of source/doc.txt"),
        ("outside", "the location of doc outside, 'line 21', is outside source/doc.txt (20 lines)"),
    ],
)
def test_what_cannot_be_shown_is_said_plainly(
    documented: Path, question_id: str, message: str
) -> None:
    with pytest.raises(SourceLocationError) as raised:
        source_lines(resolve_edition(documented), question_id)
    assert str(raised.value) == message


def test_an_edition_without_a_source_document(write_edition: WriteEdition) -> None:
    folder = write_edition(
        "plain",
        sections=[{"id": "A", "level": "area", "title": "A"}],
        questions=[question("q", "line 1")],
    )
    edition = resolve_edition(folder)
    assert edition.documents == ()
    with pytest.raises(SourceLocationError, match="'plain' declares no source_file"):
        source_lines(edition, "q")


@pytest.mark.parametrize(
    ("source_file", "text", "message"),
    [
        ("source/missing.txt", DOCUMENT, "'source/missing.txt': no such file in the data folder"),
        ("../doc.txt", "", "'../doc.txt' must be a relative path inside the data folder"),
        ("/etc/passwd", "", "'/etc/passwd' must be a relative path inside the data folder"),
    ],
)
def test_a_source_file_must_be_in_the_data_folder(
    write_edition: WriteEdition, source_file: str, text: str, message: str
) -> None:
    folder = write_edition("doc", sections=[{"id": "A", "level": "area", "title": "A"}])
    with_source(folder, source_file, text)
    with pytest.raises(EditionDataError) as raised:
        load_edition_folder(DataFolder.at(folder))
    assert raised.value.problems == (f"{folder / 'edition.toml'}: source_file: {message}",)


def test_an_extensions_questions_cite_the_extensions_own_document(
    documented: Path, tmp_path: Path
) -> None:
    extension = tmp_path / "ext"
    (extension / "doc").mkdir(parents=True)
    (extension / "source").mkdir()
    (extension / "source" / "other.txt").write_text("first\nsecond\nthird\n", encoding="utf-8")
    header = {
        "id": "ext",
        "title": "An extension",
        "version": "0.1",
        "extends": ["doc"],
        "source": "another document",
        "licence": "CC0-1.0",
        "source_file": "source/other.txt",
    }
    (extension / "extension.toml").write_text(tomli_w.dumps(header))
    overlay = {"questions": [{**question("added", "other line 2"), "after": "one"}]}
    (extension / "doc" / "01.toml").write_text(tomli_w.dumps(overlay))
    loaded = apply_extension(
        load_edition_folder(DataFolder.at(documented)), DataFolder.at(extension)
    )
    edition = loaded.edition
    assert [d.origin for d in edition.documents] == ["doc", "ext"]
    excerpt = source_lines(edition, "added", context=5)
    assert excerpt.document.title == "another document"
    assert [(line.number, line.text, line.cited) for line in excerpt.lines] == [
        (1, "first", False),
        (2, "second", True),
        (3, "third", False),
    ]
    assert source_lines(edition, "one").document.origin == "doc"  # the edition's own still


# -- the command line, with the example plugin only (it ships no source document) ----------------


@pytest.fixture
def only_example_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    def example_entry_points(*, group: str) -> list[Any]:
        return [
            e for e in entry_points(group=group) if e.dist and e.dist.name == "inspectcore-example"
        ]

    use_entry_points(monkeypatch, example_entry_points)


@pytest.mark.usefixtures("only_example_plugin")
@pytest.mark.parametrize(
    ("question_id", "message"),
    [
        ("1", "error: no source location recorded for example 1\n"),
        (
            "B1.1",
            "error: no source document shipped for example B 1.1: 'example' declares no "
            "source_file (its location is 'p. 2')\n",
        ),
    ],
)
def test_show_source_says_when_there_is_nothing_to_show(question_id: str, message: str) -> None:
    assert Registry.discover().editions()[0].id == "example"
    result = CliRunner().invoke(cli, ["show", "example", question_id, "--source"])
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr == message
