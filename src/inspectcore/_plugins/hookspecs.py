"""The hooks inspectcore plugins implement.

A plugin is a module (or object) registered under the ``inspectcore`` entry-point
group, whose functions are marked with :data:`hookimpl`::

    # pyproject.toml
    [project.entry-points.inspectcore]
    myedition = "my_package"

    # my_package/__init__.py
    from inspectcore import EditionSource, hookimpl

    @hookimpl
    def inspectcore_register_editions() -> list[EditionSource]:
        return [EditionSource.from_package("myedition", __name__)]

Each hook is called once per plugin, separately, so that one broken plugin is
reported by name while the others keep working.
"""

from __future__ import annotations

from collections.abc import Sequence

import pluggy

from .sources import CrosswalkSource, EditionSource, ExtensionSource, FrameworkSource

PROJECT = "inspectcore"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def inspectcore_register_editions() -> Sequence[EditionSource]:  # type: ignore[empty-body]
    """Return the guidance editions this plugin provides.

    Called the first time editions are listed or loaded in a process (for
    example by ``inspectcore editions``). Return sources only: the data is read
    lazily, so this hook must be cheap.

    Example::

        @hookimpl
        def inspectcore_register_editions():
            return [EditionSource.from_package("carag2024", "inspectcore_carag2024")]
    """


@hookspec
def inspectcore_register_extensions() -> Sequence[ExtensionSource]:  # type: ignore[empty-body]
    """Return the extensions (overlays) this plugin provides.

    Called the first time extensions are listed, or an edition is loaded with
    extensions. An extension adds questions, facts, sections and guidance notes
    to the editions its ``extension.toml`` names; it can never replace an
    existing question.

    Example::

        @hookimpl
        def inspectcore_register_extensions():
            return [ExtensionSource.from_package("wales", "inspectcore_wales")]
    """


@hookspec
def inspectcore_register_crosswalks() -> Sequence[CrosswalkSource]:  # type: ignore[empty-body]
    """Return crosswalks (question-to-question mappings) between two editions.

    Called the first time crosswalks are listed or one is loaded. By convention
    the newer edition's plugin ships the crosswalk from the older one.

    Example::

        @hookimpl
        def inspectcore_register_crosswalks():
            return [CrosswalkSource.from_package(
                "cag2016", "carag2024", "inspectcore_carag2024", "crosswalk-cag2016.toml")]
    """


@hookspec
def inspectcore_register_frameworks() -> Sequence[FrameworkSource]:  # type: ignore[empty-body]
    """Return the inspection frameworks (programmes of standards) this plugin provides.

    Called the first time frameworks are listed or one is used (``inspectcore
    sample-size``, ``inspectcore rate-inspection``, ``Registry.framework``). Return
    sources only: the file is read when the framework is used.

    Example::

        @hookimpl
        def inspectcore_register_frameworks():
            return [FrameworkSource.from_package(
                "hmip-youth-2021", "inspectcore_carag2024", "hmip-youth-2021.toml")]
    """
