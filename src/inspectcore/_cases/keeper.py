"""One case file kept through an editing session: saved only over what the session last saw.

Between two saves the file may be edited by hand (or by another program). Before
each save, :class:`CaseKeeper` reads the file back and compares its bytes with what
it last read or wrote. If they differ, it merges three ways, key by key (each
answer by question id, each inspection fact, and each top-level field): a key the
session did not change takes the file's version; a key only the session changed
takes the session's; a key both changed differently is a conflict, and then
nothing is written. So an answer given in the session and a hand edit of another
answer are both kept, and neither is ever silently overwritten.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs

from .._errors import CaseChangedError, CaseFileError
from .._util import toml as _toml
from .case import Answer, CaseAssessment, case_from_data, dumps_case, read_case_file

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
_MISSING: Any = object()
_FIELDS = ("edition", "case", "extensions", "assessor", "assessed_on")


@attrs.frozen
class Saved:
    """What a save wrote: the case now in the file, and what came from the file itself."""

    case: CaseAssessment
    """The case as written (the session's case, plus any changes merged from the file)."""
    merged: tuple[str, ...] = ()
    """Answers, facts or fields changed in the file since the last save, and kept."""
    recreated: bool = False
    """Whether the file had been removed, and was written again."""


def _merge(
    base: Mapping[K, V], mine: Mapping[K, V], theirs: Mapping[K, V], name: str
) -> tuple[dict[K, V], list[str], list[str]]:
    """Three-way merge of two mappings; ``(merged, taken from theirs, conflicts)``.

    Keys keep the file's order; keys only the session has come after them.
    """
    merged: dict[K, V] = {}
    taken: list[str] = []
    conflicts: list[str] = []
    for key in [*theirs, *(k for k in mine if k not in theirs)]:
        b, m, t = base.get(key, _MISSING), mine.get(key, _MISSING), theirs.get(key, _MISSING)
        if m in (b, t):
            value = t
            if t != b:
                taken.append(name.format(key))
        elif t == b:
            value = m
        else:
            conflicts.append(name.format(key))
            continue
        if value is not _MISSING:
            merged[key] = value
    return merged, taken, conflicts


def merge_cases(
    base: CaseAssessment, mine: CaseAssessment, theirs: CaseAssessment
) -> tuple[CaseAssessment, tuple[str, ...], tuple[str, ...]]:
    """Merge the session's changes (``base`` to ``mine``) into the file's (``base`` to ``theirs``).

    Returns ``(merged, what came from the file, conflicts)``; an answer (even one
    given per option) is one key.
    """

    def answers(case: CaseAssessment) -> dict[str, Answer]:
        return {a.question: a for a in case.answers}

    def fields(case: CaseAssessment) -> dict[str, Any]:
        return {f: getattr(case, f) for f in _FIELDS}

    got_answers, taken, conflicts = _merge(
        answers(base), answers(mine), answers(theirs), "the answer to {}"
    )
    got_context, taken_c, conflicts_c = _merge(
        dict(base.context), dict(mine.context), dict(theirs.context), "the fact {}"
    )
    got_fields, taken_f, conflicts_f = _merge(fields(base), fields(mine), fields(theirs), "{}")
    merged = attrs.evolve(
        theirs, **got_fields, context=tuple(got_context.items()), answers=got_answers.values()
    )
    return merged, (*taken_f, *taken_c, *taken), (*conflicts_f, *conflicts_c, *conflicts)


@attrs.define
class CaseKeeper:
    """The case file of one editing session: read, then saved with :meth:`save`.

    ``case`` is the case as the session last read or wrote it.
    """

    path: Path
    case: CaseAssessment
    _written: bytes | None
    """The file's bytes as last read or written; ``None`` before it exists."""

    @classmethod
    def read(cls, path: str | Path) -> CaseKeeper:
        """Keep an existing case file (raise :class:`CaseFileError` if it cannot be read)."""
        path = Path(path)
        source = read_case_file(path)
        return cls(path, source.case, source.text.encode("utf-8"))

    @classmethod
    def new(cls, path: str | Path, case: CaseAssessment) -> CaseKeeper:
        """Keep a case file that does not exist yet; :meth:`save` creates it."""
        return cls(Path(path), case, None)

    def _on_disk(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None

    def save(self, case: CaseAssessment) -> Saved:
        """Write ``case`` (the session's ``self.case`` plus its changes) to the file.

        If the file changed since the last read or save, the changes are merged as
        the module describes; a conflict raises :class:`CaseChangedError` and
        writes nothing (the session's case is then unchanged: see :meth:`reload`).
        """
        from .._util.atomic import write_atomic

        now = self._on_disk()
        merged: tuple[str, ...] = ()
        recreated = now is None and self._written is not None
        if now is not None and now != self._written:
            theirs = self._parse(now)
            if self._written is None:  # created by someone else since the session began
                raise CaseChangedError(
                    str(self.path), "was created by someone else meanwhile; nothing was written"
                )
            case, merged, conflicts = merge_cases(self.case, case, theirs)
            if conflicts:
                raise CaseChangedError(
                    str(self.path),
                    f"was changed outside this session ({', '.join(conflicts)}); "
                    "nothing was written",
                    conflicts,
                )
        text = dumps_case(case, self.path.suffix.lower()[1:])
        write_atomic(self.path, text)
        # As it reads back, so that the next save compares like with like.
        self._written = text.encode("utf-8")
        self.case = self._parse(self._written)
        return Saved(self.case, merged, recreated)

    def reload(self) -> CaseAssessment:
        """Take the file as it is now as the session's case (after a conflict); return it."""
        now = self._on_disk()
        if now is None:
            raise CaseChangedError(str(self.path), "is gone; nothing was written")
        self.case, self._written = self._parse(now), now
        return self.case

    def _parse(self, data: bytes) -> CaseAssessment:
        """The case in ``data`` (this file's bytes), parsed as the file's suffix says."""
        try:
            return _loads(self.path, data)
        except CaseFileError as exc:
            raise CaseChangedError(
                str(self.path),
                "was changed outside this session and cannot be read now "
                f"({'; '.join(exc.problems)}); nothing was written: fix the file, "
                "then answer again",
            ) from None


def _loads(path: Path, data: bytes) -> CaseAssessment:
    # Parsed from the bytes already read, not read again: the file may change meanwhile.
    try:
        text = data.decode("utf-8")
        parsed = _toml.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except ValueError as exc:  # UnicodeDecodeError, TOMLDecodeError, JSONDecodeError
        raise CaseFileError(str(path), (f"not valid {path.suffix[1:].upper()}: {exc}",)) from None
    if not isinstance(parsed, dict):
        raise CaseFileError(str(path), ("expected a table/object at the top level",))
    return case_from_data(parsed, str(path))
