"""Sign-in throttled per username: five failures within fifteen minutes lock the name for
fifteen minutes, whatever the password and whether the name exists; the count is kept in
the store (another process sees it); a success once the lock is over clears it."""

from __future__ import annotations

import datetime as dt

import pytest

import inspectcore._store.signins as signins_module
from inspectcore import SignInLockedError, SignInThrottle, Store

START = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)


class Clock:
    """The store's time, moved on by the test."""

    def __init__(self) -> None:
        self.at = START

    def __call__(self) -> dt.datetime:
        return self.at


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(signins_module, "now", clock)
    return clock


def _fail(store: Store, username: str, times: int) -> None:
    for _ in range(times):
        assert store.sign_in(username, "wrong") is None


def test_five_failures_lock_the_name_whatever_the_password(staffed: Store, clock: Clock) -> None:
    _fail(staffed, "ivan", 4)
    clock.at += dt.timedelta(minutes=14)
    _fail(staffed, "ivan", 1)
    for password in ("wrong", "ivan's password"):
        with pytest.raises(SignInLockedError) as raised:
            staffed.sign_in("ivan", password)
        assert raised.value.until == clock.at + dt.timedelta(minutes=15)
    # Another name is not locked; nor is the password itself changed.
    assert staffed.sign_in("ann", "ann's password") is not None
    assert staffed.check_password("ivan", "ivan's password") is not None


def test_an_unknown_name_is_locked_alike(staffed: Store, clock: Clock) -> None:
    _fail(staffed, "nobody", 5)
    with pytest.raises(SignInLockedError, match="too many failed sign-ins"):
        staffed.sign_in("nobody", "anything")


def test_failures_spread_over_more_than_the_window_do_not_lock(
    staffed: Store, clock: Clock
) -> None:
    _fail(staffed, "ivan", 4)
    clock.at += dt.timedelta(minutes=15)
    _fail(staffed, "ivan", 4)  # a new window: 4 failures in it
    assert staffed.sign_in("ivan", "ivan's password") is not None


def test_a_success_after_the_lock_clears_it(staffed: Store, clock: Clock) -> None:
    _fail(staffed, "ivan", 5)
    clock.at += dt.timedelta(minutes=14, seconds=59)
    with pytest.raises(SignInLockedError):
        staffed.sign_in("ivan", "ivan's password")
    clock.at += dt.timedelta(seconds=1)
    assert staffed.sign_in("ivan", "ivan's password") is not None
    # Cleared: four more failures do not lock it again.
    _fail(staffed, "ivan", 4)
    assert staffed.sign_in("ivan", "ivan's password") is not None


def test_a_failure_after_the_lock_starts_counting_afresh(staffed: Store, clock: Clock) -> None:
    _fail(staffed, "ivan", 5)
    clock.at += dt.timedelta(minutes=15)
    _fail(staffed, "ivan", 4)
    assert staffed.sign_in("ivan", "ivan's password") is not None


def test_a_success_clears_the_failures_so_far(staffed: Store, clock: Clock) -> None:
    _fail(staffed, "ivan", 4)
    assert staffed.sign_in("ivan", "ivan's password") is not None
    _fail(staffed, "ivan", 4)
    assert staffed.sign_in("ivan", "ivan's password") is not None


def test_the_count_holds_across_store_objects(store_url: str, clock: Clock) -> None:
    # Two server processes are two Store objects over one database.
    with Store.open(store_url) as one, Store.open(store_url) as other:
        one.add_person("ivan", "Ivan", "inspector", "pw")
        _fail(one, "ivan", 3)
        _fail(other, "ivan", 2)
        with pytest.raises(SignInLockedError):
            one.sign_in("ivan", "pw")


def test_the_throttle_is_configurable(staffed: Store, clock: Clock) -> None:
    strict = SignInThrottle(failures=2, within=dt.timedelta(minutes=1), lock=dt.timedelta(hours=1))
    _fail(staffed, "ivan", 1)
    assert staffed.sign_in("ivan", "wrong", throttle=strict) is None
    clock.at += dt.timedelta(minutes=59)
    with pytest.raises(SignInLockedError):
        staffed.sign_in("ivan", "ivan's password", throttle=strict)
