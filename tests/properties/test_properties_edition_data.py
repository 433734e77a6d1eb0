"""Property-based tests: edition data folders, loaded by the library and by ``inspectcore diff``.

The example plugin's data (a small, complete edition) is the template; each example
mutates it (wrong types, missing and unknown keys, bad conditions, rating bands of
inf or nan, huge numbers, deep nesting) and writes it as an edition data folder. Loading
raises nothing but :class:`inspectcore.EditionDataError` (or another
:class:`inspectcore.InspectcoreError`); an edition that loads can score and report the
example inspection; ``inspectcore diff FOLDER FOLDER`` exits 0, or non-zero with a
message that names the file and no traceback.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
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
from hypothesis import given, settings
from hypothesis import strategies as st

from inspectcore import (
    Edition,
    InspectcoreError,
    read_case,
    render_report,
    resolve_edition,
    score,
    validate,
)
from inspectcore.cli import cli

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "plugin" / "src" / "inspectcore_example" / "data"
FILES = ("edition.toml", "questions/01-details.toml", "questions/02-assessment.toml")
TEMPLATE = {name: tomllib.loads((DATA / name).read_text(encoding="utf-8")) for name in FILES}
CASES = [
    (p.name, read_case(p))
    for p in sorted((ROOT / "examples" / "inspection" / "example").glob("case-*.*"))
]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
IDS = sorted(
    {
        str(item["id"])
        for table in TEMPLATE.values()
        for items in table.values()
        if isinstance(items, list)
        for item in items
        if isinstance(item, dict) and "id" in item
    }
)


@contextmanager
def folder() -> Iterator[Path]:
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


# -- mutations ---------------------------------------------------------------------------------

conditions = st.sampled_from(
    [
        'answer("1") >= 16',
        'answer("nope") == "Yes"',
        'fact("programme") == "NONE"',
        'answer("1") == "text"',
        'answer("B 1.1") == "Yes" and answer("6b") == "Host"',
        "answer(",
        "true",
        "(" * 5_000 + "true" + ")" * 5_000,
        "not " * 5_000 + "true",
        'answer("1") == ' + "9" * 5_000,
    ]
) | st.text(max_size=12)
numbers = st.one_of(
    st.sampled_from([math.inf, -math.inf, math.nan, 1e308, -0.0, 0.5, 100.0, 101]),
    st.integers(-(10**30), 10**30),
    st.integers(-5, 120),
    st.floats(),
)
leaves = st.one_of(
    st.text(max_size=8),
    st.sampled_from(IDS),
    numbers,
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 1, 1)),
    st.dates(),
    conditions,
    st.just([]),
    st.just({}),
)
values = st.recursive(
    leaves,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=5,
)
UNKNOWN_KEYS = st.sampled_from(["extra", "Id", "applies ", "min_", ""]) | st.text(max_size=6)


def mutate(draw: st.DrawFn, node: Any, log: list[str], path: str, depth: int = 0) -> Any:
    """One change somewhere below ``node``: descend, or change something here (logged)."""
    if isinstance(node, dict) and node:
        key = draw(st.sampled_from(sorted(node)))
        action = draw(st.sampled_from(["descend", "descend", "descend", "delete", "add", "set"]))
        if action == "descend" and depth < 8 and isinstance(node[key], dict | list):
            node[key] = mutate(draw, node[key], log, f"{path}.{key}", depth + 1)
        elif action == "delete":
            del node[key]
            log.append(f"del {path}.{key}")
        elif action == "add":
            new, value = draw(UNKNOWN_KEYS), draw(values)
            node[new] = value
            log.append(f"{path}.{new!r} = {value!r:.80}")
        else:
            node[key] = value = draw(values)
            log.append(f"{path}.{key} = {value!r:.80}")
        return node
    if isinstance(node, list) and node:
        index = draw(st.integers(0, len(node) - 1))
        action = draw(st.sampled_from(["descend", "descend", "descend", "drop", "copy", "add"]))
        if action == "descend" and depth < 8 and isinstance(node[index], dict | list):
            node[index] = mutate(draw, node[index], log, f"{path}[{index}]", depth + 1)
        elif action == "drop":
            del node[index]
            log.append(f"del {path}[{index}]")
        elif action == "copy":
            node.insert(index, copy.deepcopy(node[index]))
            log.append(f"{path}[{index}] twice")
        else:
            node.insert(index, value := draw(values))
            log.append(f"{path}[{index}] inserted {value!r:.80}")
        return node
    value = draw(values)
    log.append(f"{path} = {value!r:.80}")
    return value


@st.composite
def rating_mutations(draw: st.DrawFn, header: dict[str, Any], log: list[str]) -> None:
    """The rating bands' edges: inf, nan, huge, negative, out of order, duplicated."""
    rating = header.get("rating")
    bands = rating.get("bands") if isinstance(rating, dict) else None
    if not isinstance(rating, dict) or not isinstance(bands, list) or not bands:
        return  # an earlier mutation took the bands away
    index = draw(st.integers(0, len(bands) - 1))
    if not isinstance(bands[index], dict):
        return
    bands[index]["min"] = value = draw(numbers)
    log.append(f"edition.toml: rating.bands[{index}].min = {value!r}")
    if draw(st.booleans()):
        rating["bands"] = draw(st.permutations(bands))
        log.append("rating.bands shuffled")


def _toml_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _toml_safe(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_toml_safe(v) for v in value if v is not None]
    return value


@st.composite
def edition_folders(draw: st.DrawFn, raw: str) -> tuple[list[str], dict[str, bytes]]:
    """What was done to the template, and the files of the mutated edition folder."""
    data = copy.deepcopy(TEMPLATE)
    done: list[str] = []
    for _ in range(draw(st.integers(0, 3))):
        target = draw(st.sampled_from(["edition.toml", "edition.toml", *FILES[1:], "rating"]))
        if target == "rating":
            draw(rating_mutations(data["edition.toml"], done))
        else:
            data[target] = mutate(draw, data[target], done, f"{target}:")
            if not isinstance(data[target], dict):
                data[target] = {"questions": data[target]}
    if raw == "rating":
        draw(rating_mutations(data["edition.toml"], done))
    texts = {name: tomli_w.dumps(_toml_safe(table)) for name, table in data.items()}
    files = {name: text.encode("utf-8") for name, text in texts.items()}
    name = draw(st.sampled_from(FILES))
    if raw == "deep":
        files[name] += b"\ndeep = " + b"[" * 10_000 + b"]" * 10_000 + b"\n"
    elif raw == "huge-int":
        files[name] += b"\nhuge = " + b"9" * 5_000 + b"\n"
    elif raw == "bom":
        files[name] = b"\xef\xbb\xbf" + files[name]
    elif raw == "bytes":
        at = draw(st.integers(0, len(files[name])))
        files[name] = files[name][:at] + draw(st.binary(min_size=1, max_size=3)) + files[name][at:]
    if raw not in ("none", "rating"):
        done.append(f"{name}: {raw}")
    return done, files


def write(where: Path, files: dict[str, bytes]) -> Path:
    root = where / "draft"
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def load_or_reject(root: Path) -> Edition | None:
    try:
        return guarded(resolve_edition, root)
    except InspectcoreError as exc:
        rejected = exc
    assert str(rejected)
    return None


def use(edition: Edition) -> None:
    """An edition that loaded can validate, score and report the example inspection."""
    cases = [(name, case) for name, case in CASES]
    for _, case in cases:
        validate(edition, case)
    try:
        result = score(edition, cases)
    except InspectcoreError:
        return
    render_report(edition, result, generated=dt.date(2026, 1, 1))


RAW = ["none", "rating", "deep", "huge-int", "bom", "bytes"]
"""What is done besides the mutations: nothing, a rating band's edge set to inf, nan, a huge
or a negative number; or to one file's text: 10,000 nested arrays, a 5,000-digit integer, a
byte-order mark, a few random bytes."""


@pytest.mark.parametrize("raw", RAW)
@settings(max_examples=40)
@given(data=st.data())
def test_loading_an_edition_folder(raw: str, data: st.DataObject) -> None:
    _, files = data.draw(edition_folders(raw), label="generated")
    with folder() as where:
        edition = load_or_reject(write(where, files))
        if edition is not None:
            use(edition)


@pytest.mark.parametrize("raw", RAW)
@settings(max_examples=8)
@given(data=st.data())
def test_diff_of_an_edition_folder(raw: str, data: st.DataObject) -> None:
    _, files = data.draw(edition_folders(raw), label="generated")
    with folder() as where:
        root = write(where, files)
        result = run("diff", root, root)
        edition = load_or_reject(root)
        if edition is not None:
            assert result.exit_code == 0, result.output
        else:
            assert result.exit_code != 0
            named = [str(root), *(Path(name).name for name in FILES)]
            assert any(name in result.output for name in named), result.output
