"""Cross-site request forgery: the token every form carries and every unsafe method checks.

A signed-in person's token is the one the store keeps with their session (sent back in a
hidden field named :data:`FIELD`, or the :data:`HEADER` for scripts). Before sign-in there
is no session, so the sign-in form is protected by a double-submitted cookie instead.
"""

from __future__ import annotations

import hmac
import secrets

FIELD = "csrf_token"
"""The hidden form field that carries the token."""
HEADER = "x-csrf-token"
"""The request header that carries it for scripts (fetch, the JSON API)."""
SIGNIN_COOKIE = "inspectcore_signin"
"""The cookie that pairs with the sign-in form's field before any session exists."""

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
"""Methods that change something, each refused without the right token."""


def new_token() -> str:
    """A fresh unguessable token (the sign-in form's)."""
    return secrets.token_urlsafe(32)


def same(given: str | None, expected: str | None) -> bool:
    """Whether a token given matches the one expected (in constant time; none never matches)."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())
