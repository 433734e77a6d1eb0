"""Property-based tests: reading case files, through the library and the command line.

Whatever bytes a case file holds, and whatever a case-file-shaped document says, the
library raises nothing but :class:`inspectcore.CaseFileError` (or another
:class:`inspectcore.InspectcoreError`), validation never raises, and every command exits
cleanly: 0 for an accepted case, otherwise non-zero with a message that names the file and
no traceback. A case that is read can be written back and reads the same.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
import tomli_w
from click.testing import CliRunner, Result
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from inspectcore import (
    CaseAssessment,
    CaseFileError,
    Edition,
    InspectcoreError,
    MultipleChoice,
    Registry,
    SingleChoice,
    YesNo,
    case_to_data,
    dumps_case,
    read_case,
    review_sources,
    score,
    validate,
)
from inspectcore import Integer as IntegerDomain
from inspectcore._cases.case import _converted, _direct
from inspectcore.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EDITIONS = ("example", "carag2024", "cag2016")
FORMAT = "inspectcore-case/1"
SEEDS = tuple(
    sorted((ROOT / "examples" / "inspection" / "example").glob("case-*.*"))
    + sorted((ROOT / "examples" / "inspection" / "carag2024").glob("case-00[12].toml"))
)
# Raw control characters a terminal would act on (tab and newline are text).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@functools.cache
def registry() -> Registry:
    return Registry.discover()


@functools.cache
def edition(edition_id: str) -> Edition:
    return registry().load_edition(edition_id)


@contextmanager
def folder() -> Iterator[Path]:
    """A fresh temporary folder per example (hypothesis cannot share ``tmp_path``)."""
    with tempfile.TemporaryDirectory(prefix="inspectcore-props-") as name:
        yield Path(name)


T = TypeVar("T")


def guarded(call: Callable[..., T], *args: Any) -> T:
    """``call(*args)``, letting its exceptions through, except RecursionError: hypothesis
    would call its ever-changing line flaky, so it becomes one assertion (raised outside the
    handler, so with no ``__context__`` either)."""
    escaped = False
    try:
        return call(*args)
    except RecursionError:
        escaped = True
    assert not escaped, "RecursionError escaped"
    raise AssertionError("unreachable")


def run(*args: str | Path) -> Result:
    """Run the command line; no exception but SystemExit may escape, no traceback shown.

    An escaped exception is raised again with its own traceback, so that hypothesis tells
    one bug from another by where each was raised.
    """
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        assert result.exc_info is not None
        assert not isinstance(result.exception, RecursionError), "RecursionError escaped"
        raise result.exception.with_traceback(result.exc_info[2])
    assert "Traceback" not in result.output
    assert not CONTROL.search(result.output), f"raw control characters in {result.output!r}"
    return result


def assert_names(result: Result, path: Path) -> None:
    """A rejection says which file it is about."""
    assert result.exit_code != 0
    assert str(path) in result.output or path.name in result.output, result.output


# -- what a case file may hold ---------------------------------------------------------------

timezones = st.one_of(
    st.just(dt.UTC),
    st.builds(dt.timezone, st.integers(-23 * 60, 23 * 60).map(lambda m: dt.timedelta(minutes=m))),
)
naive_times = st.datetimes(
    min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)
).map(lambda t: t.replace(microsecond=0))
timestamps = st.one_of(
    naive_times, st.builds(lambda t, z: t.replace(tzinfo=z), naive_times, timezones)
)
huge_ints = st.integers(min_value=2**63, max_value=10**300) | st.integers(
    max_value=-(2**63), min_value=-(10**300)
)
scalars = st.one_of(
    st.text(max_size=12),
    st.integers(-(2**63), 2**63 - 1),
    huge_ints,
    st.booleans(),
    st.floats(),
    timestamps,
    st.dates(),
    st.times(),
    st.none(),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def plausible(question_answer: object) -> st.SearchStrategy[Any]:
    """Values an answer domain takes (or nearly: just out of range, an option's neighbour)."""
    if isinstance(question_answer, YesNo | SingleChoice):
        return st.sampled_from([o.value for o in question_answer.options])
    if isinstance(question_answer, MultipleChoice):
        return st.lists(
            st.sampled_from([o.value for o in question_answer.options]), max_size=4, unique=True
        )
    if isinstance(question_answer, IntegerDomain):
        low = question_answer.min if question_answer.min is not None else -5
        high = question_answer.max if question_answer.max is not None else low + 1000
        return st.integers(low - 1, high + 1)
    return st.text(max_size=20) | st.dates().map(dt.date.isoformat)


@st.composite
def answer_entries(draw: st.DrawFn, domain: object, clean: bool) -> Any:
    """One entry of ``[answers]``: a bare value or a table with note, time and source."""
    value = draw(plausible(domain) if clean else st.one_of(plausible(domain), values))
    if draw(st.booleans()):
        return value
    entry: dict[str, Any] = {"value": value}
    if draw(st.booleans()):
        entry["note"] = draw(st.text(max_size=10) if clean else values)
    if draw(st.booleans()):
        entry["answered_at"] = draw(timestamps if clean else timestamps | values)
    if draw(st.integers(0, 5)) == 0:
        entry["source"] = draw(st.text(max_size=10))
    if not clean and draw(st.integers(0, 3)) == 0:
        entry[draw(st.text(max_size=6))] = draw(values)
    return entry


@st.composite
def case_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A dict shaped like a case file: half of them clean (every key of the right type, the
    answers from the questions' domains), the others wrong anywhere."""
    clean = draw(st.booleans())

    def wrong(odds: int) -> bool:
        return not clean and draw(st.integers(0, odds - 1)) == 0

    edition_id = draw(
        st.sampled_from(EDITIONS) if clean else st.sampled_from(EDITIONS) | st.text(max_size=10)
    )
    known = edition(edition_id) if edition_id in EDITIONS else edition("example")
    doc: dict[str, Any] = {}
    if not wrong(5):
        doc["format"] = draw(values) if wrong(5) else FORMAT
    if not wrong(10):
        doc["edition"] = draw(values) if wrong(10) else edition_id
    if draw(st.booleans()):
        doc["edition_version"] = draw(values) if wrong(3) else known.version
    for key in ("case", "assessor", "assessed_on"):
        if draw(st.booleans()):
            doc[key] = draw(values) if wrong(3) else draw(st.text(max_size=10))
    if wrong(4):
        doc["extensions"] = draw(values)
    context: dict[str, Any] = {}
    for fact in draw(st.lists(st.sampled_from(known.facts), unique=True)) if known.facts else ():
        context[fact.id] = draw(values) if wrong(3) else draw(plausible(fact.answer))
    if wrong(4):
        context[draw(st.text(max_size=6))] = draw(values)
    doc["context"] = draw(values) if wrong(10) else context
    answers: dict[str, Any] = {}
    questions = draw(st.lists(st.sampled_from(known.questions), unique=True, max_size=12))
    for question in questions:
        answers[question.id] = draw(answer_entries(question.answer, clean))
    reviewed = [q for q in known.questions if review_sources(known, q)]
    if draw(st.booleans()) and reviewed:
        # An answer and one it depends on, both timed: validation compares the two times.
        question = draw(st.sampled_from(reviewed))
        source = known.question(draw(st.sampled_from(sorted(review_sources(known, question)))))
        for timed in (question, source):
            answers[timed.id] = {
                "value": draw(plausible(timed.answer)),
                "answered_at": draw(timestamps),
            }
    if wrong(4):
        answers[draw(st.text(max_size=6))] = draw(values)
    doc["answers"] = draw(values) if wrong(10) else answers
    if wrong(8):
        doc[draw(st.text(max_size=8))] = draw(values)
    return doc


def _toml_safe(value: Any) -> Any:
    """TOML has no null: leave out what tomli-w cannot write."""
    if isinstance(value, dict):
        return {k: _toml_safe(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_toml_safe(v) for v in value if v is not None]
    return value


def _json_default(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    raise TypeError(repr(value))


def serialise(doc: dict[str, Any], kind: str, ensure_ascii: bool = False) -> str:
    if kind == "toml":
        return tomli_w.dumps(_toml_safe(doc))
    return json.dumps(doc, default=_json_default, ensure_ascii=ensure_ascii, indent=1)


# Text-level mutations: (name, kinds it applies to, what replaces the placeholder value).
PLACEHOLDER = "\x01placeholder\x01"
MUTATIONS: dict[str, tuple[tuple[str, ...], Callable[[str], str]]] = {
    "deep-json": (("json",), lambda k: "[" * 1_000 + "]" * 1_000),
    "deeper-json": (("json",), lambda k: "[" * 100_000 + "]" * 100_000),
    "deep-toml": (("toml",), lambda k: "[" * 10_000 + "]" * 10_000),
    "deep-toml-tables": (("toml",), lambda k: "{a=" * 2_000 + "1" + "}" * 2_000),
    "huge-int": (("toml", "json"), lambda k: "9" * 5_000),
    "lone-surrogate": (("json",), lambda k: '"\\ud800 alone"'),
    "control-chars": (("toml", "json"), lambda k: '"\\u001b[2J\\u0007\\u009b31m"'),
    "nul": (("toml", "json"), lambda k: '"a\\u0000b"'),
}


KINDS_OF = {
    "none": ("toml", "json"),
    "bom": ("toml", "json"),
    "duplicate-key": ("json",),
    **{name: kinds for name, (kinds, _) in MUTATIONS.items()},
}


@st.composite
def case_texts(draw: st.DrawFn, mutation: str) -> tuple[str, str, str]:
    """(kind, mutation, text) of a generated case file, mutated so."""
    kind = draw(st.sampled_from(KINDS_OF[mutation]))
    doc = draw(case_documents())
    if mutation in MUTATIONS:
        target = doc["answers"] if isinstance(doc.get("answers"), dict) else doc
        target[draw(st.text(min_size=1, max_size=4))] = PLACEHOLDER
    text = serialise(doc, kind, ensure_ascii=draw(st.booleans()))
    if mutation in MUTATIONS:
        written = json.dumps(PLACEHOLDER) if kind == "json" else tomli_w.dumps({"x": PLACEHOLDER})
        written = written.removeprefix("x = ").strip()
        assert written in text
        text = text.replace(written, MUTATIONS[mutation][1](kind), 1)
    elif mutation == "bom":
        text = "\ufeff" + text
    elif mutation == "duplicate-key":
        key = draw(st.sampled_from(sorted(doc)))  # doc always has context and answers
        first = json.dumps(draw(values), default=_json_default)
        text = "{" + json.dumps(key) + ": " + first + ", " + serialise(doc, "json")[1:]
    return kind, mutation, text


# -- the library -----------------------------------------------------------------------------


def read_or_reject(path: Path) -> CaseAssessment | None:
    """``read_case``, with CaseFileError (naming the file) as the only way to say no."""
    try:
        return guarded(read_case, path)
    except CaseFileError as exc:
        rejected = exc
    assert str(path) in str(rejected)
    return None


def assert_round_trip(case: CaseAssessment, where: Path) -> None:
    """A case that was read can be written in either format and reads back the same."""
    for kind in ("toml", "json"):
        again = where / f"again.{kind}"
        again.write_bytes(dumps_case(case, kind).encode("utf-8"))
        assert read_case(again) == case


def check_library(path: Path) -> tuple[CaseAssessment | None, Edition | None, bool]:
    """Read, validate and score one case file; (case, edition, valid)."""
    case = read_or_reject(path)
    if case is None:
        return None, None, False
    assert_round_trip(case, path.parent)
    try:
        found = registry().edition_for_case(case)
    except InspectcoreError:
        return case, None, False
    problems = guarded(validate, found, case)  # documented never to raise
    valid = not any(p.is_error for p in problems)
    if valid:
        result = score(found, [(path.name, case)])
        assert len(result.cases) + len(result.excluded) == 1
    return case, found, valid


seed_files = st.sampled_from(SEEDS).map(lambda p: (p.suffix[1:], p.read_bytes()))


@st.composite
def mutated_seeds(draw: st.DrawFn) -> tuple[str, bytes]:
    """A real case file with a few bytes flipped, dropped or inserted."""
    kind, data = draw(seed_files)
    buffer = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(buffer)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        byte = draw(st.integers(0, 255))
        if action == "insert" or at == len(buffer):
            buffer.insert(at, byte)
        elif action == "delete":
            del buffer[at]
        else:
            buffer[at] = byte
    return kind, bytes(buffer)


any_bytes = st.tuples(st.sampled_from(["toml", "json"]), st.binary(max_size=200))


@settings(max_examples=150)
@given(st.one_of(any_bytes, mutated_seeds()))
def test_read_case_of_any_bytes(file: tuple[str, bytes]) -> None:
    kind, data = file
    with folder() as where:
        path = where / f"case.{kind}"
        path.write_bytes(data)
        check_library(path)


@settings(max_examples=40)
@given(st.one_of(any_bytes, mutated_seeds()))
def test_validate_command_of_any_bytes(file: tuple[str, bytes]) -> None:
    kind, data = file
    with folder() as where:
        path = where / f"case.{kind}"
        path.write_bytes(data)
        result = run("validate", path)
        _, _, valid = check_library(path)
        assert result.exit_code == (0 if valid else 1), result.output
        if not valid:
            assert_names(result, path)


MUTATION_NAMES = list(KINDS_OF)


@pytest.mark.parametrize("mutation", MUTATION_NAMES)
@settings(max_examples=40)
@given(data=st.data())
def test_generated_case_files_through_the_library(mutation: str, data: st.DataObject) -> None:
    kind, mutation, text = data.draw(case_texts(mutation), label="generated")
    with folder() as where:
        path = where / f"case.{kind}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        case, _, _ = check_library(path)
        if mutation == "bom":
            # A byte-order mark (Excel and Notepad write one) changes nothing.
            plain = where / f"plain.{kind}"
            plain.write_text(text.removeprefix("\ufeff"), encoding="utf-8")
            assert case == read_or_reject(plain)
        if mutation == "duplicate-key":
            # TOML refuses a key given twice; so must JSON, rather than keep the last silently.
            assert case is None, "a JSON case file with a duplicate key was accepted"


@pytest.mark.parametrize("mutation", MUTATION_NAMES)
@settings(max_examples=8)
@given(data=st.data())
def test_generated_case_files_through_the_commands(mutation: str, data: st.DataObject) -> None:
    kind, _, text = data.draw(case_texts(mutation), label="generated")
    with folder() as where:
        cases = where / "cases"
        cases.mkdir()
        path = cases / f"case.{kind}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        result = run("validate", path)
        case, found, valid = check_library(path)
        assert result.exit_code == (0 if valid else 1), result.output
        if not valid:
            assert_names(result, path)

        named = case.edition.id if case is not None and case.edition.id in EDITIONS else "example"
        inspection_ok = valid and found is not None and found.id == named
        commands: list[list[str | Path]] = [
            ["score", cases, "--edition", named],
            ["report", cases, "--edition", named, "-o", where / "report.html"],
            ["export", cases, "--edition", named, "--format", "csv", "-o", where / "out.csv"],
        ]
        for command in commands:
            result = run(*command)
            assert result.exit_code == (0 if inspection_ok else 1), (command, result.output)
            if not inspection_ok:
                assert_names(result, path)

        result = run("questions", named, "--case", path)
        assert result.exit_code == (0 if case is not None else 1), result.output
        if case is None:
            assert_names(result, path)


# -- which files a folder holds --------------------------------------------------------------

VALID_CASE = (ROOT / "examples" / "inspection" / "example" / "case-01.toml").read_text()
VALID_JSON = (ROOT / "examples" / "inspection" / "example" / "case-03.json").read_text()


@st.composite
def case_trees(draw: st.DrawFn) -> list[tuple[str, str]]:
    """(relative path, kind) of files and folders: case files with any suffix case, notes,
    folders whose names end in .toml."""
    stems = st.text("abcxyz", min_size=1, max_size=4)
    suffixes = st.sampled_from([".toml", ".json", ".TOML", ".Json", ".txt", ".md"])
    entries: list[tuple[str, str]] = []
    for _ in range(draw(st.integers(1, 6))):
        parent = draw(st.sampled_from(["", "sub/", "sub/deeper/", "odd.toml/"]))
        kind = draw(st.sampled_from(["file", "file", "folder"]))
        entries.append((parent + draw(stems) + draw(suffixes), kind))
    return entries


@settings(max_examples=40)
@given(case_trees(), st.data())
def test_validate_counts_every_case_file_once(
    tree: list[tuple[str, str]], data: st.DataObject
) -> None:
    with folder() as where:
        root = where / "cases"
        root.mkdir()
        for relative, kind in tree:
            path = root / relative
            assume(not path.exists() and not any(p.is_file() for p in path.parents))
            path.parent.mkdir(parents=True, exist_ok=True)
            if kind == "folder":
                path.mkdir()
            elif path.suffix.lower() == ".json":
                path.write_text(VALID_JSON)
            else:
                path.write_text(VALID_CASE)
        # Name the whole folder, and perhaps some files or folders inside it again.
        inside = sorted(p for p in root.rglob("*"))
        extra = data.draw(st.lists(st.sampled_from(inside), max_size=3)) if inside else []
        arguments = [root, *extra]

        def case_files_under(path: Path) -> set[Path]:
            return {
                p.resolve()
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in (".toml", ".json")
            }

        expected = case_files_under(root)
        expected |= {p.resolve() for p in extra if p.is_file()}
        # Every extra path lies inside the folder, so a case file, or a folder holding one,
        # is reached twice (by the folder's search and by name); any path named twice is
        # too; a folder holding no case file is a folder with no case files.
        twice = [p for p in extra if p.is_file() and p.suffix.lower() in (".toml", ".json")]
        twice += [p for p in extra if p.is_dir() and case_files_under(p)]
        twice += [p for p in extra if extra.count(p) > 1]
        empty = not case_files_under(root) or any(
            p.is_dir() and not case_files_under(p) for p in extra
        )
        result = run("validate", *arguments)
        if twice or empty:
            # Refused before anything is read or counted: a usage error naming the paths.
            assert result.exit_code == 2, (arguments, result.output)
            assert "name each case file once" in result.output or (
                "no .toml or .json case files in" in result.output
            ), result.output
            return
        counted = re.search(r"(\d+) of (\d+) file\(s\) valid", result.output)
        assert counted is not None, result.output
        assert int(counted.group(2)) == len(expected), (arguments, result.output)


# -- the direct conversion of well-formed data ---------------------------------------------------


def converted(doc: dict[str, Any]) -> CaseAssessment | None:
    """The case the converter makes of ``doc`` (every key checked), or None if it refuses."""
    try:
        return guarded(_converted, doc, "doc")
    except CaseFileError:
        return None


@settings(max_examples=300)
@given(case_documents())
def test_the_direct_conversion_gives_the_converters_case_or_leaves_it(doc: dict[str, Any]) -> None:
    # Never a case the converter refuses, never a different one: what is left (None) goes
    # through the converter, so every message is the converter's.
    fast = _direct(doc)
    assert fast is None or fast == converted(doc)


@settings(max_examples=150)
@given(case_documents(), st.sampled_from(["toml", "json"]))
def test_the_direct_conversion_takes_every_well_formed_case(doc: dict[str, Any], kind: str) -> None:
    # Well formed: what the converter accepts, in the form a file holds it (as written, and
    # as read back from a file), so that reading the usual case file never needs the converter.
    case = converted(doc)
    assume(case is not None)
    assert case is not None
    parsed = (
        json.loads(dumps_case(case, "json"))
        if kind == "json"
        else tomllib.loads(dumps_case(case, "toml"))
    )
    for data in (case_to_data(case), case_to_data(case, json_safe=True), parsed):
        assert _direct(data) == case
