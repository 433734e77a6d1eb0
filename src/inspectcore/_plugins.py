"""Finding plugins through entry points, isolating failures, and calling hooks with types."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from importlib.metadata import entry_points
from typing import TypeVar

import attrs
import pluggy

from . import _hookspecs
from ._errors import PluginError
from ._sources import CrosswalkSource, EditionSource, ExtensionSource

STRICT_ENV = "INSPECTCORE_STRICT_PLUGINS"
"""Set to 1 to make a plugin that fails to import or returns bad data a fatal error."""
BLOCK_ENV = "INSPECTCORE_BLOCK_PLUGINS"
"""Comma-separated plugin (entry-point) or distribution names not to load."""

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


def get_plugin_manager() -> pluggy.PluginManager:
    """A plugin manager that knows inspectcore's hooks, with no plugins registered yet."""
    manager = pluggy.PluginManager(_hookspecs.PROJECT)
    manager.add_hookspecs(_hookspecs)
    return manager


def strict_from_environment() -> bool:
    """Whether ``INSPECTCORE_STRICT_PLUGINS`` asks for plugin failures to be fatal."""
    return os.environ.get(STRICT_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def blocked_from_environment() -> frozenset[str]:
    """The names ``INSPECTCORE_BLOCK_PLUGINS`` blocks."""
    return frozenset(n.strip() for n in os.environ.get(BLOCK_ENV, "").split(",") if n.strip())


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
        blocked = blocked_from_environment() if blocked is None else frozenset(blocked)
        for point in entry_points(group=_hookspecs.PROJECT):
            dist = point.dist
            info = PluginInfo(point.name, dist.name if dist else "", dist.version if dist else "")
            if point.name in blocked or info.distribution in blocked:
                plugins.manager.set_blocked(point.name)
                continue
            try:
                module = point.load()
            except Exception as exc:  # any import error of a third-party plugin
                plugins.fail(info, f"cannot be imported: {type(exc).__name__}: {exc}")
                continue
            plugins.register(module, info)
        return plugins

    def register(self, plugin: object, info: PluginInfo) -> None:
        """Register a plugin object (a module, or any object with hook functions)."""
        try:
            self.manager.register(plugin, name=info.name)
        except (ValueError, pluggy.PluginValidationError) as exc:
            self.fail(info, f"cannot be registered: {exc}")
            return
        self.infos[info.name] = info

    def fail(self, info: PluginInfo, reason: str) -> None:
        """Record a failure, or raise it when failures are fatal."""
        failure = PluginFailure(info, reason)
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

    def _collect(self, hook: pluggy.HookCaller, kind: type[T]) -> list[tuple[PluginInfo, T]]:
        found: list[tuple[PluginInfo, T]] = []
        for impl in hook.get_hookimpls():  # registration order (pluggy calls LIFO)
            info = self.info(impl.plugin_name)
            function: Callable[[], object] = impl.function
            try:
                result = function()
            except Exception as exc:
                self.fail(info, f"{hook.name} raised {type(exc).__name__}: {exc}")
                continue
            if not isinstance(result, Sequence) or isinstance(result, str):
                self.fail(
                    info,
                    f"{hook.name} returned {type(result).__name__}, "
                    f"expected a list of {kind.__name__}",
                )
                continue
            for item in result:
                if not isinstance(item, kind):
                    self.fail(
                        info,
                        f"{hook.name} returned a {type(item).__name__}, expected {kind.__name__}",
                    )
                    continue
                found.append((info, item))
        return found
