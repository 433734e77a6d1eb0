"""The source document this package ships: the 2024 CARaG's text, unchanged."""

from __future__ import annotations

import hashlib
from importlib.resources import files

from click.testing import CliRunner

from inspectcore import Registry, source_lines
from inspectcore.cli import cli

SOURCE = ("data", "source", "carag-v7.4-2024.txt")
SHA256 = "f0c742fe090cb4b22635049f033c911a206060851ddf95b5982eb89dd9e4a476"
"""Of the text every `location` was read from; a change to the file must be deliberate."""


def test_the_shipped_text_is_the_one_transcribed() -> None:
    data = files("inspectcore_carag2024").joinpath(*SOURCE).read_bytes()
    assert hashlib.sha256(data).hexdigest() == SHA256
    assert len(data.decode("utf-8").splitlines()) == 316


def test_the_edition_names_its_source_document() -> None:
    edition = Registry.discover(strict=True).load_edition("carag2024")
    (document,) = edition.documents
    assert (document.origin, document.path) == ("carag2024", "source/carag-v7.4-2024.txt")
    assert document.title == edition.source
    assert (document.licence, document.copyright) == (
        "Open Government Licence v3.0",
        "Crown copyright",
    )


def test_every_location_is_a_line_of_the_document() -> None:
    edition = Registry.discover(strict=True).load_edition("carag2024")
    cited = {q.id: source_lines(edition, q, context=0) for q in edition.questions}
    assert len(cited) == 93
    # a coded question's location is the row that prints its code
    assert cited["A 1.1"].cited.startswith("A 1.1\t")
    assert (cited["P 2.1"].first, cited["P 2.1"].last) == (178, 180)


def test_show_source_prints_the_cited_lines() -> None:
    result = CliRunner().invoke(cli, ["show", "carag2024", "O2.1", "--source"])
    assert result.exit_code == 0, result.output
    head, _, body = result.stdout.partition("\n\n")
    assert head.splitlines()[0] == (
        "Youth justice inspection, Domain two, Case assessment rules and guidance (CARaG), "
        "V 7.4 June 2024"
    )
    assert (
        head.splitlines()[2]
        == "File: source/carag-v7.4-2024.txt (shipped in inspectcore-carag2024)"
    )
    assert head.splitlines()[-1] == "carag2024 O 2.1: line 314"
    rows = body.splitlines()
    # three lines either side, and the file ends two lines after 314
    assert [int(row[1:].split(maxsplit=1)[0]) for row in rows] == list(range(311, 317))
    (line,) = [row for row in rows if row.startswith(">")]
    assert line.startswith("> 314  O 2.1\t")
    wording = "Does the case manager have access to the services needed in this case to support "
    assert f"{wording}desistance?" in line


def test_show_source_marks_every_line_of_a_range() -> None:
    result = CliRunner().invoke(cli, ["show", "carag2024", "P 2.1", "--source", "--context", "0"])
    assert result.exit_code == 0, result.output
    rows = result.stdout.partition("\n\n")[2].splitlines()
    assert [row[:6] for row in rows] == ["> 178 ", "> 179", "> 180 "]
    wording = "Does planning promote the safety and wellbeing of the child, sufficiently "
    assert f"{wording}addressing risks?" in rows[0]
