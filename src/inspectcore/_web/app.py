"""The app factory: every page wrapped with the same sign-in, role and CSRF checks.

Public, in :data:`PUBLIC_PATHS`: ``GET /healthz``, the sign-in page and ``/static``.
Everything else is a :class:`~.visit.Page` of :data:`.routes.PAGES`, which
:func:`create_app` wraps in :func:`_guarded`, so a new page cannot forget a check.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .._store.records import SignInThrottle
from . import csrf
from .auth import bearer_of, session_of, signin, signin_page, site_of
from .routes import PAGES
from .visit import Page, Site, Visit, render, templates

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from .._plugins.registry import Registry
    from .._store.store import Store

PUBLIC_PATHS = ("/healthz", "/signin", "/static")
"""The only routes answered without a session."""

SECURITY_HEADERS = (
    # Every script, style, image and font is the app's own (no CDN); no page may be framed.
    (
        b"content-security-policy",
        b"default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
)


class _SecurityHeaders:
    """ASGI middleware: the security headers on every response, static files' too."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _token_refused() -> Response:
    return JSONResponse(
        {"error": "the API token is unknown, expired or revoked"},
        status_code=401,
        headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
    )


def _guarded(page: Page) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        # Only the JSON API takes an API token; a page ignores one (and needs a session).
        bearer = bearer_of(request) if page.is_api else None
        if bearer is not None:
            return await _by_token(page, request, bearer)
        session = await run_in_threadpool(session_of, request)
        if session is None:
            if request.method in ("GET", "HEAD"):
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                path = request.url_for("signin_page").path
                return RedirectResponse(f"{path}?{urlencode({'next': target})}", 303)
            return PlainTextResponse("Sign in first.", 401)
        person, token = session
        if page.roles is not None and person.role not in page.roles:
            raise HTTPException(403, "Your role does not give you this page.")
        form, body = None, b""
        if request.method in csrf.UNSAFE:
            kind = request.headers.get("content-type", "").split(";")[0].strip()
            if kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
                form = await request.form()
                given = request.headers.get(csrf.HEADER) or form.get(csrf.FIELD)
            else:
                body = await request.body()
                given = request.headers.get(csrf.HEADER)
            if not csrf.same(given if isinstance(given, str) else None, token):
                return PlainTextResponse(
                    "This form has expired or did not come from this site: reload the page.", 403
                )
        visit = Visit(request, site_of(request), person, token, form, body)
        return await run_in_threadpool(page.endpoint, visit)

    return endpoint


async def _by_token(page: Page, request: Request, bearer: str) -> Response:
    """An API request signed with a token: no session, no cookie set, and no CSRF check,
    since a browser never adds the header on its own (a forged request cannot carry it)."""
    store = site_of(request).store
    person = await run_in_threadpool(store.token_person, bearer) if bearer else None
    if person is None:
        return _token_refused()
    if page.roles is not None and person.role not in page.roles:
        return JSONResponse({"error": "Your role does not give you this."}, status_code=403)
    form, body = None, b""
    if request.method in csrf.UNSAFE:
        body = await request.body()
    visit = Visit(request, site_of(request), person, "", form, body, by_token=True)
    return await run_in_threadpool(page.endpoint, visit)


async def healthz(request: Request) -> Response:
    """``GET /healthz``: that the app is up (for monitors; no sign-in, no data)."""
    return JSONResponse({"status": "ok"})


async def _error_page(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    session = await run_in_threadpool(session_of, request)
    person, token = session if session is not None else (None, "")
    return render(
        site_of(request),
        request,
        "error.html",
        exc.status_code,
        person=person,
        csrf_token=token,
        status=exc.status_code,
        message=exc.detail,
    )


def routes() -> list[BaseRoute]:
    """Every route of the app: the public ones, then each page guarded."""
    static = importlib.resources.files("inspectcore._web") / "static"
    return [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/signin", signin_page, methods=["GET"], name="signin_page"),
        Route("/signin", signin, methods=["POST"], name="signin"),
        Mount("/static", StaticFiles(directory=str(static)), name="static"),
        *(Route(p.path, _guarded(p), methods=list(p.methods), name=p.name) for p in PAGES),
    ]


def create_app(
    store: Store,
    *,
    registry: Registry | None = None,
    session_lifetime: dt.timedelta = dt.timedelta(hours=8),
    signin_throttle: SignInThrottle | None = None,
) -> Starlette:
    """The web recorder over ``store`` (an ASGI app, served by ``inspectcore serve``).

    ``registry`` gives the editions (default: every installed plugin); a session lasts
    ``session_lifetime`` from sign-in (a working day by default); ``signin_throttle``
    says how failed sign-ins lock a username (default: :class:`SignInThrottle`'s).
    """
    from .._plugins.registry import Registry

    app = Starlette(routes=routes(), exception_handlers={HTTPException: _error_page})
    app.state.site = Site(
        store,
        registry or Registry.discover(),
        templates(),
        session_lifetime,
        signin_throttle or SignInThrottle(),
    )
    app.add_middleware(_SecurityHeaders)
    return app
