"""What every page is given: the signed-in person, the store, and rendering with the CSRF token.

A page is a :class:`Page` in a module's ``PAGES`` tuple (listed in :mod:`.routes`); its
endpoint is a plain function of a :class:`Visit`, run in a worker thread (the store is
synchronous). :func:`inspectcore._web.app.create_app` wraps every page with the same
checks, in one place: a session (else a redirect to sign-in, or 401), the page's roles
(else 403), and for unsafe methods the session's CSRF token (else 403).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs
import jinja2
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from .._errors import InspectcoreError
from .._store.records import SignInThrottle

if TYPE_CHECKING:
    from .._cases.case import CaseAssessment
    from .._model.edition import Edition
    from .._plugins.registry import Registry
    from .._store.records import Person, Role, StoredCase, StoredInspection
    from .._store.store import Store


@attrs.define
class Site:
    """What the whole app shares: the store, the plugins, the templates, the session policy."""

    store: Store
    registry: Registry
    templates: jinja2.Environment
    session_lifetime: dt.timedelta
    signin_throttle: SignInThrottle = attrs.field(factory=SignInThrottle)
    _editions: dict[tuple[str, tuple[str, ...]], Edition] = attrs.field(factory=dict)
    _lock: threading.Lock = attrs.field(factory=threading.Lock)

    def edition(self, edition_id: str, extensions: tuple[str, ...] = ()) -> Edition:
        """The edition with extensions, loaded once (loading checks the whole edition)."""
        key = (edition_id, tuple(extensions))
        with self._lock:
            if key not in self._editions:
                try:
                    self._editions[key] = self.registry.load_edition(edition_id, key[1])
                except InspectcoreError as exc:  # an edition or extension not installed here
                    raise HTTPException(500, f"This cannot be shown here: {exc}") from None
            return self._editions[key]


@attrs.frozen
class Page:
    """One route of the app, for signed-in people only.

    ``roles`` limits it to those roles (``None``: anyone signed in). The endpoint gets a
    :class:`Visit` and returns a response; it runs in a worker thread.
    """

    path: str
    endpoint: Callable[[Visit], Response]
    methods: tuple[str, ...] = ("GET",)
    name: str | None = None
    roles: frozenset[Role] | None = None

    @property
    def is_api(self) -> bool:
        """Whether this is a route of the JSON API (``/api/…``), the only routes that take
        an API token instead of a session."""
        return self.path.startswith("/api/")


@attrs.frozen
class Visit:
    """One request by a signed-in person: who, their CSRF token, the store, the form sent."""

    request: Request
    site: Site
    person: Person
    csrf_token: str
    form: FormData | None = None
    """The form of an unsafe request (already checked for the CSRF token), else ``None``."""
    body: bytes = b""
    """The raw body of an unsafe request that was not a form (JSON, say)."""

    by_token: bool = False
    """Whether the request was signed with an API token (``Authorization: Bearer``), not a
    session: it then has no CSRF token (``csrf_token`` is empty), since no cookie is sent."""

    @property
    def store(self) -> Store:
        """The store."""
        return self.site.store

    @property
    def username(self) -> str:
        """The signed-in person's username."""
        return self.person.username

    def field(self, name: str, default: str = "") -> str:
        """One text field of the form sent (``default`` when absent or a file)."""
        value = self.form.get(name) if self.form is not None else None
        return value if isinstance(value, str) else default

    def fields(self, name: str) -> tuple[str, ...]:
        """Every text value of a repeated field (checkboxes)."""
        if self.form is None:
            return ()
        return tuple(v for v in self.form.getlist(name) if isinstance(v, str))

    def render(self, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        """The template rendered (autoescaped) with ``person``, ``csrf_token`` and ``context``."""
        return render(
            self.site,
            self.request,
            template,
            status_code,
            person=self.person,
            csrf_token=self.csrf_token,
            **context,
        )

    def redirect(self, name: str, **params: Any) -> RedirectResponse:
        """A 303 to the route ``name`` (after a form is handled: reloading does not resend it)."""
        return RedirectResponse(self.request.url_for(name, **params).path, status_code=303)

    def inspection(self, inspection_id: int) -> StoredInspection:
        """The inspection, when this person may see it (404 when there is none, 403 otherwise)."""
        try:
            found = self.store.inspection(inspection_id)
        except LookupError:
            raise HTTPException(404, "There is no such inspection.") from None
        if not self.store.can_access(self.username, inspection_id):
            raise HTTPException(403, "You have not been given access to this inspection.")
        return found

    def case(self, case_id: int) -> StoredCase:
        """The case, when this person may see its inspection (404 / 403 as for inspections),
        and it is not a first reading hidden from them as its second reader (403)."""
        try:
            found = self.store.case(case_id)
        except LookupError:
            raise HTTPException(404, "There is no such case.") from None
        self.inspection(found.inspection_id)
        from .second_reading import blind_to  # second reading builds on this module

        if blind_to(self.store, self.person, found):
            # Blind second reading: the first reading stays hidden from its second reader.
            raise HTTPException(
                403, "You are reading this case again: its first reading is hidden."
            )
        return found

    def edition_of(self, inspection: StoredInspection) -> Edition:
        """The inspection's edition with its extensions."""
        return self.site.edition(inspection.edition, tuple(inspection.extensions))

    def edition_for(self, case: CaseAssessment) -> Edition:
        """The edition and extensions ``case`` was assessed with (as ``validate`` reads a
        case file; a new case takes its inspection's)."""
        return self.site.edition(case.edition.id, tuple(e.id for e in case.extensions))


def render(
    site: Site, request: Request, template: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """``template`` rendered with ``context`` and ``url_for`` (a route's path: links stay on
    the host the page came from, behind a proxy too); pages are never cached."""
    html = site.templates.get_template(template).render(
        url_for=lambda name, **params: request.url_for(name, **params).path,
        request_path=request.url.path,
        **context,
    )
    return HTMLResponse(html, status_code, headers={"Cache-Control": "no-store"})


def templates() -> jinja2.Environment:
    """The package's templates, every one autoescaped (whatever its name)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("inspectcore._web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
