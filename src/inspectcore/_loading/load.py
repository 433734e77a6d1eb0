"""Loading an edition's data folder, and layering extensions onto it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

import attrs

from .._errors import EditionDataError
from .._loading import build as _build
from .._model.documents import SourceDocument
from .._model.edition import (
    AppliedExtension,
    Check,
    Edition,
    Exclusion,
    Fact,
    Group,
    GuidanceBlock,
    Kind,
    Question,
    Section,
)
from .._model.rules import TimelinessRule
from .._util.resources import DataFolder
from .headers import EDITION_FILE, EXTENSION_FILE, HeaderFile, read_toml
from .lint import LintProblem, Places, Severity, lint_edition
from .raw import (
    RawContent,
    RawEditionFile,
    RawExtensionHeader,
    content_of,
    edition_file,
    extension_header,
)


class _HasId(Protocol):
    """A record with an id (an exclusion, a check, a timeliness rule, or its raw form)."""

    @property
    def id(self) -> str:
        """The record's id."""


_Raw = TypeVar("_Raw", bound=_HasId)
_Identified = TypeVar("_Identified", bound=_HasId)


@attrs.frozen
class LoadedEdition:
    """An edition with the places its items were read from, and its lint findings."""

    edition: Edition
    places: Places
    findings: tuple[LintProblem, ...] = ()


def load_edition_folder(
    folder: DataFolder, distribution: str = "", header_file: HeaderFile | None = None
) -> LoadedEdition:
    """Read, build and lint an edition; raise :class:`EditionDataError` on any error.

    ``header_file`` is the folder's ``edition.toml`` when listing has parsed it already.
    """
    problems = _build.Problems()
    places: dict[tuple[str, str], str] = {}
    if header_file is None:
        header_file = HeaderFile.read(folder, EDITION_FILE)
    header = edition_file(dict(header_file.table), header_file.file)
    kinds = {}
    for index, raw_kind in enumerate(header.kinds):
        kinds[raw_kind.id] = _build.kind(
            raw_kind, f"{header_file.file.name}: kinds[{index}] ({raw_kind.id})", problems
        )
    content = _Content(kinds)
    files = folder.files(EDITION_FILE)
    next(files)  # edition.toml: its content tables are read with its header
    raws: list[tuple[RawContent, str]] = [(header, header_file.file.name)]
    raws.extend((content_of(read_toml(file), file), file.name) for file in files)
    for raw, name in raws:
        if raw.notes:
            problems.add(name, "notes are only for extensions; put guidance on the item")
        content.add(raw, name, header.id, problems, places)
    edition = Edition(
        id=header.id,
        title=header.title,
        version=header.version,
        publisher=header.publisher,
        published=header.published,
        source=header.source,
        licence=header.licence,
        copyright=header.copyright,
        levels=tuple(header.levels),
        kinds=tuple(kinds.values()),
        facts=tuple(content.facts),
        sections=tuple(content.sections),
        groups=tuple(content.groups),
        questions=tuple(content.questions),
        exclusions=tuple(content.exclusions),
        timeliness=tuple(content.timeliness),
        checks=tuple(content.checks),
        documents=_source_document(
            folder, header, f"{header_file.file.name}: source_file", distribution, problems
        ),
        distribution=distribution,
        rating=_build.rating(header.rating, f"{header_file.file.name}: rating", problems)
        if header.rating
        else None,
        group_scoring=_build.group_scoring(
            header.group_scoring, f"{header_file.file.name}: group_scoring", problems
        )
        if header.group_scoring
        else None,
    )
    return _checked(edition, places, problems, f"edition {header.id!r}")


def apply_extension(
    loaded: LoadedEdition,
    folder: DataFolder,
    distribution: str = "",
    header_file: HeaderFile | None = None,
) -> LoadedEdition:
    """Layer an extension's overlay for this edition onto it.

    The overlay may add facts, sections, groups and questions, and attach notes
    to existing sections and questions. It may not replace anything: an id that
    the edition already has is an error naming both. ``header_file`` is the folder's
    ``extension.toml`` when listing has parsed it already.
    """
    if header_file is None:
        header_file = HeaderFile.read(folder, EXTENSION_FILE)
    header = extension_header(dict(header_file.table), header_file.file)
    edition = loaded.edition
    if edition.id not in header.extends:
        raise EditionDataError(
            f"extension {header.id!r} does not extend {edition.id!r} "
            f"(it extends {', '.join(header.extends) or 'nothing'})"
        )
    problems = _build.Problems()
    places = dict(loaded.places)
    content = _Content({k.id: k for k in edition.kinds}, edition)
    overlay = folder.subfolder(edition.id)
    if overlay.exists():
        for file in overlay.files():
            raw = content_of(read_toml(file), file)
            content.add(raw, file.name, header.id, problems, places, extension=True)
    applied = AppliedExtension(header.id, header.version, distribution)
    documents = _source_document(
        folder, header, f"{header_file.file.name}: source_file", distribution, problems
    )
    extended = attrs.evolve(
        edition,
        facts=tuple(content.facts),
        sections=tuple(content.sections),
        groups=tuple(content.groups),
        questions=tuple(content.questions),
        exclusions=tuple(content.exclusions),
        timeliness=tuple(content.timeliness),
        checks=tuple(content.checks),
        documents=(*edition.documents, *documents),
        extensions=(*edition.extensions, applied),
    )
    return _checked(extended, places, problems, f"extension {header.id!r} on {edition.id!r}")


def _source_document(
    folder: DataFolder,
    header: RawEditionFile | RawExtensionHeader,
    where: str,
    distribution: str,
    problems: _build.Problems,
) -> tuple[SourceDocument, ...]:
    """The source document the header's ``source_file`` names (none when it names none)."""
    path = header.source_file
    if not path:
        return ()
    parts = path.split("/")
    if path.startswith("/") or "" in parts or ".." in parts or "\\" in path:
        problems.add(where, f"{path!r} must be a relative path inside the data folder")
        return ()
    file = folder.file(path)
    if not file.source.is_file():
        problems.add(where, f"{path!r}: no such file in the data folder")
        return ()
    return (
        SourceDocument(
            header.id, header.source, path, file, header.licence, header.copyright, distribution
        ),
    )


def _checked(
    edition: Edition, places: dict[tuple[str, str], str], problems: _build.Problems, what: str
) -> LoadedEdition:
    if problems.items:
        raise EditionDataError(f"{what}: the data is not valid", tuple(problems.items))
    findings = lint_edition(edition, places)
    errors = tuple(str(p) for p in findings if p.severity is Severity.ERROR)
    if errors:
        raise EditionDataError(f"{what}: the data fails its checks", errors)
    return LoadedEdition(edition, places, findings)


@attrs.define
class _Content:
    """Items gathered from data files, in order; with a base edition when overlaying."""

    kinds: dict[str, Kind]
    base: Edition | None = None
    facts: list[Fact] = attrs.Factory(list)
    sections: list[Section] = attrs.Factory(list)
    groups: list[Group] = attrs.Factory(list)
    questions: list[Question] = attrs.Factory(list)
    exclusions: list[Exclusion] = attrs.Factory(list)
    timeliness: list[TimelinessRule] = attrs.Factory(list)
    checks: list[Check] = attrs.Factory(list)

    def __attrs_post_init__(self) -> None:
        if self.base is not None:
            self.facts = list(self.base.facts)
            self.sections = list(self.base.sections)
            self.groups = list(self.base.groups)
            self.questions = list(self.base.questions)
            self.exclusions = list(self.base.exclusions)
            self.timeliness = list(self.base.timeliness)
            self.checks = list(self.base.checks)

    def add(
        self,
        raw: RawContent,
        file: str,
        origin: str,
        problems: _build.Problems,
        places: dict[tuple[str, str], str],
        *,
        extension: bool = False,
    ) -> None:
        for index, raw_fact in enumerate(raw.facts):
            where = f"{file}: facts[{index}]"
            self._refuse_existing("fact", raw_fact.id, (f.id for f in self.facts), where, problems)
            places[("fact", raw_fact.id)] = where
            self.facts.append(_build.fact(raw_fact, where, problems))
        for index, raw_section in enumerate(raw.sections):
            where = f"{file}: sections[{index}]"
            existing = (s.id for s in self.sections)
            self._refuse_existing("section", raw_section.id, existing, where, problems)
            places[("section", raw_section.id)] = where
            self.sections.append(_build.section(raw_section, where, problems))
        for index, raw_group in enumerate(raw.groups):
            where = f"{file}: groups[{index}]"
            self._refuse_existing(
                "group", raw_group.id, (g.id for g in self.groups), where, problems
            )
            places[("group", raw_group.id)] = where
            self.groups.append(_build.group(raw_group, where, problems))
        for index, raw_question in enumerate(raw.questions):
            where = f"{file}: questions[{index}] ({raw_question.id})"
            if extension:
                self._refuse_existing(
                    "question", raw_question.id, (q.id for q in self.questions), where, problems
                )
            elif raw_question.after:
                problems.add(where, "`after` is only for extensions")
            places[("question", raw_question.id)] = f"{file}: questions[{index}]"
            built = _build.question(
                raw_question, self.kinds, origin, where, problems, from_extension=extension
            )
            self._insert(built, raw_question.after, where, problems)
        # Exclusions, checks and timeliness rules: records with ids, added alike.
        self._add_rules(("exclusion", "exclusion", "exclusions"), raw.exclusions,
                        self.exclusions, _build.exclusion, file, places, problems)  # fmt: skip
        self._add_rules(("check", "check", "checks"), raw.checks,
                        self.checks, _build.check, file, places, problems)  # fmt: skip
        self._add_rules(("timeliness rule", "timeliness", "timeliness"), raw.timeliness,
                        self.timeliness, _build.timeliness, file, places, problems)  # fmt: skip
        for index, raw_note in enumerate(raw.notes):
            self._attach(
                _build.note(raw_note, origin), raw_note.target, f"{file}: notes[{index}]", problems
            )

    def _add_rules(
        self,
        names: tuple[str, str, str],
        raws: Iterable[_Raw],
        into: list[_Identified],
        build: Callable[[_Raw, str, _build.Problems], _Identified | None],
        file: str,
        places: dict[tuple[str, str], str],
        problems: _build.Problems,
    ) -> None:
        """Build each of ``raws`` (the ``key`` table of ``file``) into ``into``.

        ``names`` is ``(what, place, key)``: how messages name one, the kind lint places
        it under, and its table in the data. An extension may not replace one its edition
        has.
        """
        what, place, key = names
        for index, raw_rule in enumerate(raws):
            where = f"{file}: {key}[{index}]"
            self._refuse_existing(what, raw_rule.id, (r.id for r in into), where, problems)
            places[(place, raw_rule.id)] = where
            if (built := build(raw_rule, where, problems)) is not None:
                into.append(built)

    def _refuse_existing(
        self,
        what: str,
        item_id: str,
        existing: Iterable[str],
        where: str,
        problems: _build.Problems,
    ) -> None:
        if self.base is not None and item_id in set(existing):
            problems.add(
                where,
                f"cannot replace the existing {what} {item_id!r} of "
                f"{self.base.id!r}: an extension may only add",
            )

    def _insert(
        self, question: Question, after: str, where: str, problems: _build.Problems
    ) -> None:
        if not after:
            self.questions.append(question)
            return
        ids = [q.id for q in self.questions]
        if after not in ids:
            problems.add(where, f"after: {after!r} is not a question")
            self.questions.append(question)
            return
        # After `after` and anything an earlier overlay question already put there.
        position = ids.index(after) + 1
        while position < len(self.questions) and self.questions[position].origin == question.origin:
            position += 1
        self.questions.insert(position, question)

    def _attach(
        self, block: GuidanceBlock, target: str, where: str, problems: _build.Problems
    ) -> None:
        for index, section in enumerate(self.sections):
            if section.id == target:
                self.sections[index] = attrs.evolve(section, guidance=(*section.guidance, block))
                return
        for index, question in enumerate(self.questions):
            if question.id == target:
                self.questions[index] = attrs.evolve(question, guidance=(*question.guidance, block))
                return
        problems.add(where, f"target {target!r} is neither a section nor a question")
