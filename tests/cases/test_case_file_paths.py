"""Finding case files held compactly: the same paths, in the same order, as sorting them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from inspectcore import find_case_files
from inspectcore._cases import files as files_module


def make(folder: Path, *names: str) -> list[Path]:
    made = []
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")
        made.append(path)
    return made


def test_nested_folders_come_in_the_order_of_sorting_every_path(tmp_path: Path) -> None:
    # Names where sorting by the whole path and sorting each folder by name could differ:
    # "a" (a folder) before "a-b.toml" before "a.toml", capitals first.
    made = make(
        tmp_path,
        "a/z.toml",
        "a/B/c.json",
        "a-b.toml",
        "a.toml",
        "A/x.toml",
        "b/a/a/a.toml",
        "b/a.toml",
        "b/a-/x.toml",
    )
    found = find_case_files([tmp_path])
    assert list(found.files) == sorted(made)


def test_a_large_folder_is_sorted_across_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files_module, "_RUN", 7)  # many runs, merged
    names = [f"case-{n * 7919 % 100:03d}.toml" for n in range(100)]
    made = make(tmp_path, *names, "sub/one.toml")
    found = find_case_files([tmp_path])
    assert list(found.files) == sorted(made)
    assert found.files[-1] == tmp_path / "sub" / "one.toml"


def test_a_hard_link_is_one_file_counted_once(tmp_path: Path) -> None:
    (first,) = make(tmp_path, "case-1.toml")
    os.link(first, tmp_path / "case-2.toml")
    make(tmp_path, "case-3.toml")
    found = find_case_files([tmp_path])
    assert list(found.files) == [first, tmp_path / "case-3.toml"]
    assert [(s.first, s.second) for s in found.same_files] == [(first, tmp_path / "case-2.toml")]


def test_overlapping_folders_count_each_file_once(tmp_path: Path) -> None:
    made = make(tmp_path, "a.toml", "sub/b.toml")
    found = find_case_files([tmp_path / "sub", tmp_path, made[0]])
    assert list(found.files) == [made[1], made[0]]
    assert [(s.first, s.second) for s in found.same_files] == [
        (made[1], made[1]),
        (made[0], made[0]),
    ]


def test_the_paths_behave_as_a_tuple(tmp_path: Path) -> None:
    made = make(tmp_path / "cases", "a.toml", "b.toml", "c.toml")
    named = tmp_path / "named.toml"
    files = find_case_files([tmp_path / "cases", named]).files
    expected = (*made, named)
    assert len(files) == 4
    assert files == expected
    assert files != expected[:3]
    assert files[0] == made[0]
    assert files[-1] == named
    assert files[1:3] == tuple(made[1:3])
    assert files[::-1] == expected[::-1]
    assert list(reversed(files)) == list(reversed(expected))
    assert named in files
    assert files.index(made[2]) == 2
    with pytest.raises(IndexError):
        files[4]
