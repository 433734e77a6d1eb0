"""Finding plugins through entry points, isolating failures, and calling hooks with types."""

from __future__ import annotations

import functools
import os
import re
import signal
import threading
from collections.abc import Callable, Iterable, Sequence
from types import FrameType
from typing import TypeVar

import attrs
import pluggy

from .._errors import InspectcoreError, PluginError
from .._plugins import hookspecs as _hookspecs
from .._util.resources import DataFolder
from .points import entry_points
from .sources import CrosswalkSource, EditionSource, ExtensionSource, FrameworkSource

STRICT_ENV = "INSPECTCORE_STRICT_PLUGINS"
"""Set to 1 to make a plugin that fails to import or returns bad data a fatal error."""
BLOCK_ENV = "INSPECTCORE_BLOCK_PLUGINS"
"""Comma-separated plugin (entry-point) or distribution names not to load.

Names are compared as PEP 503 normalises them: ``Inspectcore_Example`` blocks
``inspectcore-example``.
"""

T = TypeVar("T")


@attrs.frozen
class PluginInfo:
    """A registered plugin and the distribution it came from."""

    name: str
    distribution: str = ""
    version: str = ""

    @property
    def label(self) -> str:
        """``distribution version`` (or the plugin name when it has no distribution)."""
        if not self.distribution:
            return f"plugin {self.name!r}"
        return f"{self.distribution} {self.version}".strip()


@attrs.frozen
class PluginFailure:
    """A plugin that failed to import, or returned or held bad data."""

    plugin: PluginInfo
    reason: str

    def __str__(self) -> str:
        return f"{self.plugin.label}: {self.reason}"


class PluginCodeError(InspectcoreError, RuntimeError):
    """Plugin code (or a plugin's data folder) raised ``error``; see :func:`run_plugin_code`.

    Caught where the plugin is known, and turned into a :class:`PluginFailure` or an error
    naming it.
    """

    def __init__(self, error: BaseException) -> None:
        super().__init__(describe(error))
        self.error = error


def describe(error: BaseException) -> str:
    """``Type: message``, on one line."""
    text = one_line(str(error))
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def one_line(text: str) -> str:
    """Lines joined by ``; `` so that a failure is always one line of output."""
    return "; ".join(line.strip() for line in text.splitlines() if line.strip())


def run_plugin_code(function: Callable[[], T]) -> T:
    """Call code a plugin controls; whatever it raises comes back as :class:`PluginCodeError`.

    That includes ``SystemExit`` and ``KeyboardInterrupt`` *raised by the plugin*: a
    plugin must not end the process. A Ctrl-C the user presses meanwhile is told
    apart by a SIGINT handler of our own, and still stops the program.
    ``GeneratorExit`` belongs to the generator machinery and is passed on.
    """
    pressed = threading.Event()
    previous = _note_user_interrupts(pressed)
    try:
        return function()
    except GeneratorExit:
        raise
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt) and pressed.is_set():
            raise
        raise PluginCodeError(exc) from exc
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


_Handler = Callable[[int, FrameType | None], object] | int | None


def _note_user_interrupts(pressed: threading.Event) -> _Handler:
    """Install a SIGINT handler that notes the key press and then does what was done before.

    Returns the previous handler (to put back), or ``None`` when none was installed:
    outside the main thread no signal arrives (so any ``KeyboardInterrupt`` there is
    raised by code), and a SIGINT that is ignored stays ignored.
    """
    if threading.current_thread() is not threading.main_thread():
        return None
    previous = signal.getsignal(signal.SIGINT)
    if previous in (signal.SIG_IGN, None):
        return None

    def handler(signum: int, frame: FrameType | None) -> None:
        pressed.set()
        if callable(previous):
            previous(signum, frame)
        else:  # SIG_DFL: die of the signal, as without us
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.raise_signal(signal.SIGINT)

    signal.signal(signal.SIGINT, handler)
    return previous


def normalise(name: str) -> str:
    """A distribution or plugin name as PEP 503 compares it (``Foo_Bar`` -> ``foo-bar``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def get_plugin_manager() -> pluggy.PluginManager:
    """A plugin manager that knows inspectcore's hooks, with no plugins registered yet."""
    manager = pluggy.PluginManager(_hookspecs.PROJECT)
    manager.add_hookspecs(_hookspecs)
    return manager


def strict_from_environment() -> bool:
    """Whether ``INSPECTCORE_STRICT_PLUGINS`` asks for plugin failures to be fatal."""
    return os.environ.get(STRICT_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def blocked_from_environment() -> frozenset[str]:
    """The names ``INSPECTCORE_BLOCK_PLUGINS`` blocks (normalised, see :func:`normalise`)."""
    return frozenset(
        normalise(n.strip()) for n in os.environ.get(BLOCK_ENV, "").split(",") if n.strip()
    )


@attrs.define
class Plugins:
    """The plugins of one process: who they are, what failed, and typed hook calls.

    Hooks are called once per plugin so that a plugin that raises or returns
    the wrong thing is reported by name, and the others still count.
    """

    manager: pluggy.PluginManager
    strict: bool = False
    infos: dict[str, PluginInfo] = attrs.Factory(dict)
    failures: list[PluginFailure] = attrs.Factory(list)

    @classmethod
    def discover(
        cls, *, strict: bool | None = None, blocked: Iterable[str] | None = None
    ) -> Plugins:
        """Load every ``inspectcore`` entry point, except blocked ones."""
        plugins = cls(get_plugin_manager(), strict_from_environment() if strict is None else strict)
        blocked = (
            blocked_from_environment()
            if blocked is None
            else frozenset(normalise(name) for name in blocked)
        )
        for point in entry_points(group=_hookspecs.PROJECT):
            info = _info(point)
            if normalise(info.name) in blocked or normalise(info.distribution) in blocked:
                plugins.manager.set_blocked(info.name)
                continue
            try:
                module = run_plugin_code(point.load)
            except PluginCodeError as exc:  # importing runs the plugin's code
                plugins.fail(info, f"cannot be imported: {exc}")
                continue
            plugins.register(module, info)
        return plugins

    def register(self, plugin: object, info: PluginInfo) -> None:
        """Register a plugin object (a module, or any object with hook functions)."""
        try:  # pluggy reads the object's attributes, which the plugin controls
            run_plugin_code(lambda: self.manager.register(plugin, name=info.name))
        except PluginCodeError as exc:
            self.fail(info, f"cannot be registered: {exc}")
            return
        self.infos[info.name] = info

    def fail(self, info: PluginInfo, reason: str) -> None:
        """Record a failure, or raise it when failures are fatal."""
        failure = PluginFailure(info, one_line(reason))
        if self.strict:
            raise PluginError(str(failure))
        self.failures.append(failure)

    def info(self, name: str) -> PluginInfo:
        """What is known of the plugin registered under ``name``."""
        return self.infos.get(name, PluginInfo(name))

    def editions(self) -> list[tuple[PluginInfo, EditionSource]]:
        """Every edition source, with the plugin that registered it."""
        return self._collect(self.manager.hook.inspectcore_register_editions, EditionSource)

    def extensions(self) -> list[tuple[PluginInfo, ExtensionSource]]:
        """Every extension source, with the plugin that registered it."""
        return self._collect(self.manager.hook.inspectcore_register_extensions, ExtensionSource)

    def crosswalks(self) -> list[tuple[PluginInfo, CrosswalkSource]]:
        """Every crosswalk source, with the plugin that registered it."""
        return self._collect(self.manager.hook.inspectcore_register_crosswalks, CrosswalkSource)

    def frameworks(self) -> list[tuple[PluginInfo, FrameworkSource]]:
        """Every framework source, with the plugin that registered it."""
        return self._collect(self.manager.hook.inspectcore_register_frameworks, FrameworkSource)

    def _collect(self, hook: pluggy.HookCaller, kind: type[T]) -> list[tuple[PluginInfo, T]]:
        found: list[tuple[PluginInfo, T]] = []
        for impl in hook.get_hookimpls():  # registration order (pluggy calls LIFO)
            info = self.info(impl.plugin_name)
            function: Callable[[], object] = impl.function
            try:
                result = run_plugin_code(function)
            except PluginCodeError as exc:
                self.fail(info, f"{hook.name} raised {exc}")
                continue
            if not isinstance(result, Sequence) or isinstance(result, str):
                self.fail(
                    info,
                    f"{hook.name} returned {type(result).__name__}, "
                    f"expected a list of {kind.__name__}",
                )
                continue
            try:  # a Sequence of the plugin's own making may raise when iterated
                items: list[object] = run_plugin_code(functools.partial(list, result))
            except PluginCodeError as exc:
                self.fail(info, f"{hook.name} returned a list that cannot be read: {exc}")
                continue
            for item in items:
                if problem := _wrong_item(item, kind):
                    self.fail(info, f"{hook.name} returned {problem}")
                elif isinstance(item, kind):  # always, once _wrong_item finds nothing
                    found.append((info, item))
        return found


def _info(point: object) -> PluginInfo:
    """Who an entry point is; broken distribution metadata gives empty names, not an error."""
    name = getattr(point, "name", "")
    try:
        dist = getattr(point, "dist", None)
        distribution = dist.name if dist is not None else ""
        release = dist.version if dist is not None else ""
    except Exception:  # metadata of a broken installation
        distribution = release = ""
    return PluginInfo(
        name if isinstance(name, str) else str(name),
        distribution if isinstance(distribution, str) else "",
        release if isinstance(release, str) else "",
    )


def _wrong_item(item: object, kind: type) -> str:
    """What is wrong with one item a hook returned ("" when nothing).

    The sources are attrs classes without validators, so a plugin can build one with
    an id that is not a string or a folder that is not a :class:`DataFolder`; such an
    item would fail far from the plugin that made it.
    """
    if not isinstance(item, kind):
        return f"a {type(item).__name__}, expected {kind.__name__}"
    for field in attrs.fields(kind):
        value = getattr(item, field.name)
        expected: type[object] = DataFolder if field.name == "data" else str
        if not isinstance(value, expected) or value == "":
            return (
                f"a {kind.__name__} whose {field.name} is {value!r}, "
                f"expected {'a DataFolder' if expected is DataFolder else 'a non-empty string'}"
            )
    return ""
