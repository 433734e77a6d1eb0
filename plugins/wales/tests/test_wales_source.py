"""The source document this package ships: the 2016 guidance's text, unchanged.

The extension ships its own copy rather than naming the cag2016 plugin's: it depends only on
inspectcore, and is installed with carag2024 alone for a service in Wales, where the questions it
carries forward still cite lines of the 2016 document.
"""

from __future__ import annotations

import hashlib
from importlib.resources import files

import pytest
from click.testing import CliRunner

from inspectcore import Registry, source_lines
from inspectcore.cli import cli

SOURCE = ("data", "source", "iyow-cag-v16-2016.txt")
SHA256 = "f8c99130b42bd916c9465362627b6fafd2a24622d7d44c3d1e6214142696b1cc"
"""Of the text every `location` was read from (the same file as the cag2016 plugin ships)."""


def test_the_shipped_text_is_the_one_transcribed() -> None:
    data = files("inspectcore_wales").joinpath(*SOURCE).read_bytes()
    assert hashlib.sha256(data).hexdigest() == SHA256
    assert data.decode("utf-8").count("\n") == 8144


@pytest.mark.parametrize("edition_id", ["cag2016", "carag2024"])
def test_the_extension_names_its_own_copy(edition_id: str, registry: Registry) -> None:
    edition = registry.load_edition(edition_id, ["wales"])
    assert [d.origin for d in edition.documents] == [edition_id, "wales"]
    document = edition.documents[1]
    assert document.path == "source/iyow-cag-v16-2016.txt"
    assert document.distribution == "inspectcore-wales"
    assert (document.licence, document.copyright) == (
        "Open Government Licence v3.0",
        "Crown copyright",
    )
    wales = [q for q in edition.questions if q.origin == "wales"]
    assert {source_lines(edition, q).document for q in wales} == {document}


@pytest.mark.parametrize(
    ("edition_id", "location"), [("cag2016", "line 380"), ("carag2024", "CAG v16 line 380")]
)
def test_show_source_prints_the_2016_lines_in_both_editions(edition_id: str, location: str) -> None:
    result = CliRunner().invoke(
        cli, ["show", edition_id, "9a", "--with", "wales", "--source", "--context", "7"]
    )
    assert result.exit_code == 0, result.output
    head, _, body = result.stdout.partition("\n\n")
    assert head.splitlines()[2] == (
        "File: source/iyow-cag-v16-2016.txt (shipped in inspectcore-wales)"
    )
    assert head.splitlines()[-1] == f"{edition_id} 9a: {location}"
    rows = body.splitlines()
    assert [int(row[1:].split(maxsplit=1)[0]) for row in rows] == list(range(373, 388))
    assert [row for row in rows if row.startswith(">")] == [
        "> 380  9a.   This is a factual question and is not the opinion of"
    ]
    # the wording as the document prints it, seven lines below the entry's label
    assert rows[-1] == "  387  What was the child or young person’s preferred first language?"


def test_without_the_extension_there_is_no_9a_to_show() -> None:
    result = CliRunner().invoke(cli, ["show", "cag2016", "9a", "--source"])
    assert result.exit_code == 2
    assert "cag2016 has no question '9a'" in result.stderr
