"""Signing in and out, and the session cookie.

The cookie holds only the session's token; the store keeps a hash of it, the person and
the session's CSRF token, and ends it on sign-out or when its lifetime is over. The
cookie is HttpOnly, SameSite=Lax, Secure when the page was served over https, and lives
no longer than the session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from .._errors import SignInLockedError
from . import csrf
from .visit import Page, Site, Visit, render

if TYPE_CHECKING:
    from .._store.records import Person

SESSION_COOKIE = "inspectcore_session"
"""The cookie that holds the session's token."""
LOCKED_MESSAGE = "Too many failed sign-ins for this name: wait a while, then try again."
"""What a locked username's sign-in says (never whether the name exists)."""


def site_of(request: Request) -> Site:
    """The app's :class:`Site`."""
    site: Site = request.app.state.site
    return site


def session_of(request: Request) -> tuple[Person, str] | None:
    """``(person, CSRF token)`` of the request's session while it is valid, else ``None``."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    return site_of(request).store.session(token)


def bearer_of(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer TOKEN`` header, ``""`` for a malformed
    one, ``None`` when there is none."""
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path of this site only (never ``//elsewhere``)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


async def signin_page(request: Request) -> Response:
    """``GET /signin``: the sign-in form (or on to the page asked for, when signed in)."""
    next_path = safe_next(request.query_params.get("next"))
    if await run_in_threadpool(session_of, request) is not None:
        return RedirectResponse(next_path, status_code=303)
    return _signin_form(request, next_path, "", 200)


def _signin_form(request: Request, next_path: str, error: str, status: int) -> Response:
    token = csrf.new_token()
    response = render(
        site_of(request),
        request,
        "signin.html",
        status,
        person=None,
        csrf_token=token,
        next_path=next_path,
        error=error,
    )
    response.set_cookie(
        csrf.SIGNIN_COOKIE,
        token,
        max_age=3600,
        path="/signin",
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )
    return response


async def signin(request: Request) -> Response:
    """``POST /signin``: check the name and password; on success open a session."""
    form = await request.form()
    given = form.get(csrf.FIELD)
    if not csrf.same(
        given if isinstance(given, str) else None, request.cookies.get(csrf.SIGNIN_COOKIE)
    ):
        return Response("The sign-in form has expired: reload it and sign in again.", 403)
    username, password = (form.get(k) for k in ("username", "password"))
    target = form.get("next")
    next_path = safe_next(target if isinstance(target, str) else None)
    site = site_of(request)
    person = None
    if isinstance(username, str) and isinstance(password, str) and username and password:
        try:
            person = await run_in_threadpool(
                site.store.sign_in, username.strip(), password, throttle=site.signin_throttle
            )
        except SignInLockedError:
            # The same page whatever the password, and for a name unknown as for one known.
            return _signin_form(request, next_path, LOCKED_MESSAGE, 429)
    if person is None:
        # One message for an unknown name and a wrong password: neither is revealed.
        return _signin_form(request, next_path, "That name and password do not match.", 400)
    token, _ = await run_in_threadpool(
        site.store.open_session, person.username, lifetime=site.session_lifetime
    )
    response = RedirectResponse(next_path, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(site.session_lifetime.total_seconds()),
        path="/",
        httponly=True,
        samesite="lax",
        secure=_secure(request),
    )
    response.delete_cookie(csrf.SIGNIN_COOKIE, path="/signin")
    return response


def signout(visit: Visit) -> Response:
    """``POST /signout``: end the session in the store and forget the cookie."""
    token = visit.request.cookies.get(SESSION_COOKIE)
    if token:
        visit.store.end_session(token)
    response = RedirectResponse("/signin", status_code=303)
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=_secure(visit.request)
    )
    return response


PAGES = (Page("/signout", signout, ("POST",), name="signout"),)
"""The pages of this module that need a session (sign-in itself is public: see the app)."""
