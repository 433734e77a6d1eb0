"""The installed editions, extensions and crosswalks, loaded lazily and cached."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cached_property, partial
from typing import TYPE_CHECKING, TypeVar

import attrs

from .._errors import (
    CrosswalkDataError,
    EditionDataError,
    FrameworkDataError,
    InspectcoreError,
    MissingExtensionError,
    PluginError,
    UnknownCrosswalkError,
    UnknownEditionError,
    UnknownFrameworkError,
)
from .._loading.headers import (
    EDITION_FILE,
    EXTENSION_FILE,
    EditionHeader,
    ExtensionHeader,
    HeaderFile,
)
from .manager import PluginCodeError, PluginFailure, PluginInfo, Plugins, describe, run_plugin_code
from .sources import CrosswalkSource, EditionSource, ExtensionSource, FrameworkSource

if TYPE_CHECKING:
    from .._cases.case import CaseAssessment
    from .._loading.crosswalk import Crosswalk
    from .._loading.load import LoadedEdition
    from .._model.edition import Edition
    from .._model.frameworks import Framework

S = TypeVar("S", EditionSource, ExtensionSource, FrameworkSource)
T = TypeVar("T")


@attrs.frozen
class EditionInfo:
    """An installed edition, as listed (without loading its questions)."""

    header: EditionHeader
    plugin: PluginInfo
    source: EditionSource = attrs.field(repr=False)

    @property
    def id(self) -> str:
        """The edition id."""
        return self.header.id

    @property
    def synthetic(self) -> bool:
        """Whether it is made-up data for tests and examples (``synthetic = true``)."""
        return self.header.synthetic


@attrs.frozen
class ExtensionInfo:
    """An installed extension, as listed."""

    header: ExtensionHeader
    plugin: PluginInfo
    source: ExtensionSource = attrs.field(repr=False)

    @property
    def id(self) -> str:
        """The extension id."""
        return self.header.id

    @property
    def synthetic(self) -> bool:
        """Whether it is made-up data for tests and examples (``synthetic = true``)."""
        return self.header.synthetic


@attrs.frozen
class FrameworkInfo:
    """An installed inspection framework, as listed (its file is read when it is used)."""

    source: FrameworkSource
    plugin: PluginInfo

    @property
    def id(self) -> str:
        """The framework id."""
        return self.source.id


@attrs.frozen
class CrosswalkInfo:
    """An installed crosswalk between two editions."""

    source: CrosswalkSource
    plugin: PluginInfo


class Registry:
    """What the installed plugins provide.

    Build one with :meth:`discover` (entry points) or from a :class:`Plugins`
    you registered by hand. Listing reads only each ``edition.toml``; an
    edition's questions are read, checked and cached on first load.
    """

    def __init__(self, plugins: Plugins) -> None:
        self._plugins = plugins
        self._loaded: dict[tuple[str, tuple[str, ...]], LoadedEdition] = {}
        self._duplicates: dict[str, str] = {}
        """Ids registered by more than one plugin, with the message naming them all."""
        self._crosswalks: dict[tuple[str, str], Crosswalk] = {}
        self._frameworks: dict[str, Framework] = {}
        self._header_files: dict[tuple[str, str], HeaderFile] = {}
        """The header files listing parsed, by ("edition"/"extension", id): loading reuses them."""

    @classmethod
    def discover(
        cls, *, strict: bool | None = None, blocked: Iterable[str] | None = None
    ) -> Registry:
        """The registry of every installed plugin (see ``INSPECTCORE_STRICT_PLUGINS`` and
        ``INSPECTCORE_BLOCK_PLUGINS``)."""
        return cls(Plugins.discover(strict=strict, blocked=blocked))

    @property
    def plugins(self) -> tuple[PluginInfo, ...]:
        """The plugins that registered."""
        return tuple(self._plugins.infos.values())

    @property
    def failures(self) -> tuple[PluginFailure, ...]:
        """Plugins that failed to import, or gave bad data, so far."""
        self._editions  # noqa: B018 - listing finds the failures of every hook
        self._extensions  # noqa: B018
        self._crosswalk_sources  # noqa: B018
        self._framework_sources  # noqa: B018
        return tuple(self._plugins.failures)

    def _read(self, plugin: PluginInfo, what: str, read: Callable[[], T]) -> T | None:
        """Read a plugin's data for listing; a failure is the plugin's, and gives ``None``.

        The folder is the plugin's (any :class:`~importlib.resources.abc.Traversable`),
        so reading it runs the plugin's code as much as a hook does.
        """
        try:
            return run_plugin_code(read)
        except PluginCodeError as exc:
            error = exc.error
            reason = str(error) if isinstance(error, InspectcoreError) else describe(error)
            self._plugins.fail(plugin, f"{what}: {reason}")
            return None

    @cached_property
    def _editions(self) -> dict[str, EditionInfo]:
        by_id = self._unique(self._plugins.editions(), "edition")
        found: dict[str, EditionInfo] = {}
        for edition_id, (plugin, source) in by_id.items():
            listed = self._read(plugin, f"edition {edition_id!r}", partial(_edition, source))
            if listed is None:
                continue
            header_file, header = listed
            if header.id != edition_id:
                self._plugins.fail(
                    plugin,
                    f"registers edition {edition_id!r} but its "
                    f"edition.toml says id = {header.id!r}",
                )
                continue
            found[edition_id] = EditionInfo(header, plugin, source)
            self._header_files[("edition", edition_id)] = header_file
        return found

    @cached_property
    def _extensions(self) -> dict[str, ExtensionInfo]:
        by_id = self._unique(self._plugins.extensions(), "extension")
        found: dict[str, ExtensionInfo] = {}
        for extension_id, (plugin, source) in by_id.items():
            listed = self._read(plugin, f"extension {extension_id!r}", partial(_extension, source))
            if listed is None:
                continue
            header_file, header = listed
            found[extension_id] = ExtensionInfo(header, plugin, source)
            self._header_files[("extension", extension_id)] = header_file
        return found

    @cached_property
    def _crosswalk_sources(self) -> tuple[CrosswalkInfo, ...]:
        # Once per registry: each call of the hooks would report their failures again.
        return tuple(CrosswalkInfo(source, plugin) for plugin, source in self._plugins.crosswalks())

    @cached_property
    def _framework_sources(self) -> dict[str, FrameworkInfo]:
        by_id = self._unique(self._plugins.frameworks(), "framework", key="framework {}")
        return {
            framework_id: FrameworkInfo(source, plugin)
            for framework_id, (plugin, source) in by_id.items()
        }

    def frameworks(self) -> tuple[FrameworkInfo, ...]:
        """The installed inspection frameworks, sorted by id."""
        return tuple(sorted(self._framework_sources.values(), key=lambda f: f.id))

    def framework(self, framework_id: str) -> Framework:
        """The installed inspection framework ``framework_id``, read and checked once.

        Raises :class:`UnknownFrameworkError` (a ``LookupError``) when none is installed,
        and :class:`FrameworkDataError` naming the plugin when its file is not valid.
        """
        from .._loading.frameworks import read_framework

        info = self._framework_sources.get(framework_id)
        if info is None:
            duplicate = self._duplicates.get(f"framework {framework_id}")
            if duplicate:
                raise PluginError(duplicate)
            known = ", ".join(sorted(self._framework_sources)) or "none"
            raise UnknownFrameworkError(
                f"no framework {framework_id!r} is installed (installed: {known})"
            )
        if framework_id not in self._frameworks:
            source = info.source
            try:
                loaded = run_plugin_code(lambda: read_framework(source.data.file(source.file)))
            except PluginCodeError as raised:
                message = f"framework {framework_id!r} from {info.plugin.label} cannot be loaded"
                exc = raised.error
                if not isinstance(exc, FrameworkDataError):
                    raise FrameworkDataError(f"{message}: {describe(exc)}") from None
                raise FrameworkDataError(
                    message if exc.problems else f"{message}: {exc}", exc.problems
                ) from None
            if loaded.id != framework_id:
                raise FrameworkDataError(
                    f"{info.plugin.label} registers framework {framework_id!r}, but its file "
                    f"says id = {loaded.id!r}"
                )
            self._frameworks[framework_id] = loaded
        return self._frameworks[framework_id]

    def sample_confidence(self, edition_id: str) -> float | None:
        """The confidence that figures of ``edition_id``'s cases get intervals at: that of the
        first installed framework rating them (``score --format json``, the report, the
        dashboard); ``None`` when no framework does."""
        found = self.frameworks_for(edition_id)
        return self.framework(found[0]).sample.confidence if found else None

    def frameworks_for(self, edition_id: str) -> tuple[str, ...]:
        """The ids of installed frameworks whose case-rated standards use ``edition_id``.

        Reads each framework's file (a broken one is skipped here; using it reports it).
        """
        found = []
        for info in self.frameworks():
            try:
                if self.framework(info.id).edition == edition_id:
                    found.append(info.id)
            except (FrameworkDataError, PluginError):
                continue
        return tuple(found)

    def _unique(
        self, sources: Sequence[tuple[PluginInfo, S]], what: str, key: str = "{}"
    ) -> dict[str, tuple[PluginInfo, S]]:
        """Sources by id; an id two plugins register is refused for both, and recorded in
        ``_duplicates`` under ``key`` (frameworks have ids of their own, apart from editions)."""
        by_id: dict[str, list[tuple[PluginInfo, S]]] = {}
        for plugin, source in sources:
            by_id.setdefault(source.id, []).append((plugin, source))
        unique = {}
        for item_id, entries in by_id.items():
            if len(entries) == 1:
                unique[item_id] = entries[0]
                continue
            names = " and ".join(plugin.label for plugin, _ in entries)
            duplicate = self._duplicates[key.format(item_id)] = (
                f"{what} {item_id!r} is registered by both {names}"
            )
            for plugin, _ in entries:
                self._plugins.fail(plugin, duplicate)
        return unique

    def editions(self) -> tuple[EditionInfo, ...]:
        """The installed editions, sorted by id."""
        return tuple(sorted(self._editions.values(), key=lambda e: e.id))

    def extensions(self) -> tuple[ExtensionInfo, ...]:
        """The installed extensions, sorted by id."""
        return tuple(sorted(self._extensions.values(), key=lambda e: e.id))

    def crosswalks(self) -> tuple[CrosswalkInfo, ...]:
        """The installed crosswalks."""
        return self._crosswalk_sources

    def crosswalk(self, a: str, b: str) -> Crosswalk:
        """The installed crosswalk from edition ``a`` to edition ``b``.

        A crosswalk registered the other way round (``b`` to ``a``) is read reversed
        (subset and superset swap). Raises :class:`UnknownCrosswalkError` (a
        ``LookupError``) when there is none either way, and :class:`CrosswalkDataError`
        naming the plugin when its file is not valid.
        """
        from .._loading.crosswalk import read_crosswalk

        found = [
            info
            for info in self.crosswalks()
            if {info.source.from_edition, info.source.to_edition} == {a, b}
        ]
        if not found:
            known = ", ".join(
                f"{i.source.from_edition} -> {i.source.to_edition}" for i in self.crosswalks()
            )
            raise UnknownCrosswalkError(
                f"no crosswalk between {a!r} and {b!r} is installed (installed: {known or 'none'})"
            )
        if len(found) > 1:
            names = " and ".join(info.plugin.label for info in found)
            raise PluginError(f"crosswalks between {a!r} and {b!r} are registered by both {names}")
        source, plugin = found[0].source, found[0].plugin
        key = (source.from_edition, source.to_edition)
        if key not in self._crosswalks:
            try:
                loaded = run_plugin_code(lambda: read_crosswalk(source.data.file(source.file)))
            except PluginCodeError as raised:
                message = f"crosswalk {key[0]} -> {key[1]} from {plugin.label} cannot be loaded"
                exc = raised.error
                if not isinstance(exc, CrosswalkDataError):
                    raise CrosswalkDataError(f"{message}: {describe(exc)}") from None
                raise CrosswalkDataError(
                    message if exc.problems else f"{message}: {exc}", exc.problems
                ) from None
            if (loaded.from_edition, loaded.to_edition) != key:
                raise CrosswalkDataError(
                    f"{plugin.label} registers a crosswalk {key[0]} -> {key[1]}, but its file "
                    f"says from = {loaded.from_edition!r}, to = {loaded.to_edition!r}"
                )
            self._crosswalks[key] = loaded
        return self._crosswalks[key].between(a, b)

    def edition_info(self, edition_id: str) -> EditionInfo:
        """The listing of one edition; raise :class:`UnknownEditionError` if it is not installed."""
        found = self._editions.get(edition_id)
        if found is None:
            if edition_id in self._duplicates:
                raise PluginError(self._duplicates[edition_id])
            known = ", ".join(sorted(self._editions)) or "none"
            raise UnknownEditionError(
                f"no edition {edition_id!r} is installed (installed: {known})"
            )
        return found

    def extension_info(self, extension_id: str) -> ExtensionInfo:
        """The listing of one extension; raise :class:`UnknownEditionError` if it is missing."""
        found = self._extensions.get(extension_id)
        if found is None:
            if extension_id in self._duplicates:
                raise PluginError(self._duplicates[extension_id])
            known = ", ".join(sorted(self._extensions)) or "none"
            raise UnknownEditionError(
                f"no extension {extension_id!r} is installed (installed: {known})"
            )
        return found

    def load(self, edition_id: str, extensions: Sequence[str] = ()) -> LoadedEdition:
        """Load an edition with extensions layered on in the order given, with lint findings."""
        key = (edition_id, tuple(extensions))
        if key in self._loaded:
            return self._loaded[key]
        from .._loading.load import (  # the full reader, on demand
            apply_extension,
            load_edition_folder,
        )

        info = self.edition_info(edition_id)
        try:
            loaded = run_plugin_code(
                partial(
                    load_edition_folder,
                    info.source.data,
                    info.plugin.distribution,
                    self._header_files.get(("edition", edition_id)),
                )
            )
        except PluginCodeError as exc:
            message = f"edition {edition_id!r} from {info.plugin.label} cannot be loaded"
            raise _load_error(message, exc.error) from None
        for extension_id in extensions:
            ext = self.extension_info(extension_id)
            if edition_id not in ext.header.extends:
                raise UnknownEditionError(
                    f"extension {extension_id!r} does not extend {edition_id!r} "
                    f"(it extends {', '.join(ext.header.extends)})"
                )
            try:
                loaded = run_plugin_code(
                    partial(
                        apply_extension,
                        loaded,
                        ext.source.data,
                        ext.plugin.distribution,
                        self._header_files.get(("extension", extension_id)),
                    )
                )
            except PluginCodeError as exc:
                message = f"extension {extension_id!r} from {ext.plugin.label} cannot be applied"
                raise _load_error(message, exc.error) from None
        self._loaded[key] = loaded
        return loaded

    def load_edition(self, edition_id: str, extensions: Sequence[str] = ()) -> Edition:
        """Load an edition, optionally with extensions (ids), checked and ready to use."""
        return self.load(edition_id, extensions).edition

    def edition_for_case(self, case: CaseAssessment) -> Edition:
        """The edition and extensions a case was assessed with.

        Raises :class:`MissingExtensionError` naming the distribution to install
        when the case used an extension that is not installed here.
        """
        self.check_extensions(case)
        return self.load_edition(case.edition.id, [e.id for e in case.extensions])

    def check_extensions(self, case: CaseAssessment) -> None:
        """Raise :class:`MissingExtensionError` if the case used an extension not installed here.

        The message names the distribution to install, as the case file records it.
        """
        for used in case.extensions:
            if used.id not in self._extensions:
                dist = used.distribution or f"the distribution providing {used.id!r}"
                raise MissingExtensionError(
                    f"the case was assessed with extension {used.id!r} {used.version}, which "
                    f"is not installed: install {dist}"
                )


def _edition(source: EditionSource) -> tuple[HeaderFile, EditionHeader]:
    """An edition's ``edition.toml``, parsed once, and the metadata listing shows."""
    header_file = HeaderFile.read(source.data, EDITION_FILE)
    return header_file, header_file.edition_header()


def _extension(source: ExtensionSource) -> tuple[HeaderFile, ExtensionHeader]:
    """An extension's ``extension.toml``, parsed once, and its metadata."""
    header_file = HeaderFile.read(source.data, EXTENSION_FILE)
    return header_file, header_file.extension_header()


def _load_error(message: str, error: BaseException) -> EditionDataError:
    """The error of data that cannot be loaded, naming the plugin (``message``) and the reason.

    Whatever the reading raised becomes an :class:`EditionDataError`: the data (and
    the folder holding it) is the plugin's, and must not crash the command that asked.
    """
    if isinstance(error, EditionDataError):
        if error.problems:
            return EditionDataError(message, error.problems)
        return EditionDataError(f"{message}: {error}")
    return EditionDataError(f"{message}: {describe(error)}")
