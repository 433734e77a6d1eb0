"""The source document this package ships: the 2016 guidance's text, unchanged."""

from __future__ import annotations

import hashlib
from importlib.resources import files

from click.testing import CliRunner

from inspectcore import Registry, source_lines
from inspectcore.cli import cli

SOURCE = ("data", "source", "iyow-cag-v16-2016.txt")
SHA256 = "f8c99130b42bd916c9465362627b6fafd2a24622d7d44c3d1e6214142696b1cc"
"""Of the text every `location` was read from; a change to the file must be deliberate."""


def test_the_shipped_text_is_the_one_transcribed() -> None:
    data = files("inspectcore_cag2016").joinpath(*SOURCE).read_bytes()
    assert hashlib.sha256(data).hexdigest() == SHA256
    assert data.decode("utf-8").count("\n") == 8144


def test_the_edition_names_its_source_document() -> None:
    edition = Registry.discover(strict=True).load_edition("cag2016")
    (document,) = edition.documents
    assert (document.origin, document.path) == ("cag2016", "source/iyow-cag-v16-2016.txt")
    assert (document.licence, document.copyright) == (
        "Open Government Licence v3.0",
        "Crown copyright",
    )
    assert document.distribution == "inspectcore-cag2016"


def test_every_location_is_a_line_of_the_document() -> None:
    edition = Registry.discover(strict=True).load_edition("cag2016")
    lines = {q.id: source_lines(edition, q, context=0).cited for q in edition.questions}
    # 184 before 2.1.2, 2.12.2, 4.13.1, 4.19.1, 5.1.1, 5.3 and 5.7.1 were split into parts
    # (+19) and 3a and 3b became inspection facts (-2)
    assert len(lines) == 201
    # each points where its entry's number (or a split part's letter) is printed
    assert lines["1.1.1"].startswith("1.1.1 ")
    assert lines["3.8.1/c"].startswith("c) ")
    assert lines["5.3/d"].startswith("d) ")
    assert lines["4.13.1/b"].strip().startswith("b) ")


def test_show_source_prints_the_cited_lines() -> None:
    result = CliRunner().invoke(cli, ["show", "cag2016", "3.8.1/c", "--source"])
    assert result.exit_code == 0, result.output
    head, _, body = result.stdout.partition("\n\n")
    assert head.splitlines() == [
        "IYOW CAG v16 220216 (revised January 2015), 122 pages",
        "© Crown copyright, Open Government Licence v3.0",
        "File: source/iyow-cag-v16-2016.txt (shipped in inspectcore-cag2016)",
        head.splitlines()[3],
        "cag2016 3.8.1/c: line 5116",
    ]
    assert head.splitlines()[3].strip().endswith("/data/source/iyow-cag-v16-2016.txt")
    (line,) = [line for line in body.splitlines() if line.startswith(">")]
    assert line.startswith("> 5116  ")
    # the wording as printed in the document, on the line the location names
    assert "Did delivery of interventions give sufficient attention to restorative justice?" in line
    numbers = [int(row[1:].split(maxsplit=1)[0]) for row in body.splitlines()]
    assert numbers == list(range(5113, 5120))
