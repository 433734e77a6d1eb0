"""The web recorder: server-rendered pages over the store (``inspectcore serve``).

Starlette, Jinja2 and python-multipart come with the ``server`` extra; importing this
package without them is an :class:`~inspectcore.InspectcoreError` saying what to install,
never a bare ``ModuleNotFoundError``. Nothing here is imported by ``import inspectcore``.
"""

from __future__ import annotations

from .._errors import InspectcoreError

try:
    import jinja2  # noqa: F401
    import python_multipart  # noqa: F401
    import starlette  # noqa: F401
except ModuleNotFoundError as exc:  # pragma: no cover - the dev environment has them
    raise InspectcoreError(
        f"the web recorder needs {exc.name}, which is not installed: "
        "pip install 'inspectcore[server]'"
    ) from exc
