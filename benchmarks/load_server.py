"""Load test of the server: simulated inspectors saving answers concurrently through the API.

Run with ``./dev bench load`` (``--seconds 20 --inspectors 20`` by default). It opens a
temporary SQLite store (and, when ``INSPECTCORE_TEST_POSTGRESQL`` holds a server's URL, a
PostgreSQL one too, in a fresh database), adds the inspectors and an inspection of the
example edition with as many cases as inspectors, starts ``inspectcore serve`` (uvicorn) on
a free loopback port in a process of its own, and runs every inspector in a thread of its
own for the time given: each signs in (before the clock starts: argon2 is slow by design),
then again and again reads a case chosen at random and saves one answer with the version
it read. A save refused as stale (409) is done again on the current state, as a person
would after being shown it. Saves per second and the 50th and 95th percentile latency of
a save are printed.

Then the store is read back, which proves that no answer was lost or duplicated: each
case's version is one more than its successful saves (none went missing, none counted
twice), the versions the saves were given are each given once, and each answer in the
store is the one the save with the highest version gave it. The test suite runs a few
seconds of it (tests/web/test_team_load.py), asserting that and never timing anything.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

EDITION = "example"
QUESTIONS = {
    # Information questions of the example edition that apply to every case, with the
    # values the simulated inspectors give them.
    "2": ("Youth rehabilitation order", "Detention and training order", "Referral order"),
    "6a": ("Yes", "No"),
    "1": (10, 11, 12, 13, 14, 15, 16, 17),
}
PASSWORD_BYTES = 18


@attrs.frozen
class Saved:
    """One save the server accepted: which case, which answer, and the version it made."""

    case_id: int
    question: str
    value: object
    version: int


@attrs.define
class Outcome:
    """What a load run did and what reading the store back found."""

    seconds: float
    saves: list[Saved] = attrs.Factory(list)
    stale: int = 0
    """Saves refused as stale (409) and done again."""
    latencies: list[float] = attrs.Factory(list)
    """Seconds each save request took, accepted or refused."""
    errors: list[str] = attrs.Factory(list)
    """Unexpected answers from the server (anything but 200 or 409)."""
    lost: list[str] = attrs.Factory(list)
    duplicated: list[str] = attrs.Factory(list)

    @property
    def saves_per_second(self) -> float:
        """Accepted saves per second of the run."""
        return len(self.saves) / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        """A latency percentile in milliseconds (0 when nothing was saved)."""
        if len(self.latencies) < 2:
            return 1000 * (self.latencies[0] if self.latencies else 0.0)
        return 1000 * statistics.quantiles(self.latencies, n=100)[round(share * 100) - 1]


def free_port() -> int:
    """A free TCP port on the loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def serving(store_url: str) -> Iterator[str]:
    """``inspectcore serve`` on ``store_url`` at a free loopback port, in a process of its
    own (so that the simulated inspectors do not share its interpreter); yield its URL."""
    import httpx2 as httpx

    port = free_port()
    command = [
        sys.executable,
        "-c",
        "from inspectcore.cli import main; main()",
        "serve",
        "--store",
        store_url,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    url = f"http://127.0.0.1:{port}"
    # Its log goes to a file, not a pipe: a pipe nobody reads would stop the server once full.
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
        try:
            deadline = time.monotonic() + 60
            while True:
                if server.poll() is not None:
                    log.seek(0)
                    error = log.read().decode(errors="replace")
                    raise RuntimeError(f"the server stopped: {error.strip()[-500:]}")
                with contextlib.suppress(httpx.TransportError):
                    if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError("the server did not start within 60 s")
                time.sleep(0.1)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def prepare(store: Any, inspectors: int, cases: int) -> tuple[int, dict[str, str]]:
    """An inspection of the example edition with ``cases`` empty cases, and ``inspectors``
    people granted it; return the inspection's id and each person's password."""
    from inspectcore import CaseAssessment, EditionRef, resolve_edition

    edition = resolve_edition(EDITION)
    # Names of their own, so that a shared PostgreSQL database can be loaded again.
    run_id = uuid.uuid4().hex[:8]
    inspection = store.add_inspection(f"load-{run_id}", EDITION)
    passwords: dict[str, str] = {}
    for number in range(inspectors):
        username = f"load-{run_id}-{number:02}"
        passwords[username] = os.urandom(PASSWORD_BYTES).hex()
        store.add_person(username, f"Inspector {number}", "inspector", passwords[username])
        store.grant(username, inspection.id)
    for number in range(cases):
        case = CaseAssessment(EditionRef(edition.id, edition.version), f"LOAD-{number:03}")
        store.add_case(inspection.id, case, by=next(iter(passwords)))
    return inspection.id, passwords


def sign_in(client: Any, username: str, password: str) -> None:
    """Sign in through the sign-in form, as a browser does, and keep the session's CSRF
    token (``GET /api/session``) for the saves."""
    page = client.get("/signin")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    if token is None:
        raise RuntimeError("the sign-in page has no CSRF token")
    form = {"username": username, "password": password, "csrf_token": token.group(1)}
    signed_in = client.post("/signin", data=form)
    if signed_in.status_code != 303:
        raise RuntimeError(f"{username} could not sign in: {signed_in.status_code}")
    client.headers["X-CSRF-Token"] = client.get("/api/session").json()["csrf_token"]


def inspector(
    url: str,
    username: str,
    password: str,
    inspection_id: int,
    start: threading.Barrier,
    seconds: float,
    seed: int,
) -> Outcome:
    """One simulated inspector: signs in, waits for the others at ``start``, then saves
    answers for ``seconds``. Signing in (argon2, slow by design) is not part of the run."""
    import httpx2 as httpx

    outcome = Outcome(0.0)
    chance = random.Random(seed)
    with httpx.Client(base_url=url, timeout=30) as client:
        sign_in(client, username, password)
        listed = client.get(f"/api/inspections/{inspection_id}/cases")
        listed.raise_for_status()
        case_ids = [c["id"] for c in listed.json()["cases"]]
        start.wait()
        until = time.monotonic() + seconds
        while time.monotonic() < until:
            case_id = chance.choice(case_ids)
            question = chance.choice(sorted(QUESTIONS))
            value = chance.choice(QUESTIONS[question])
            read = client.get(f"/api/cases/{case_id}")
            read.raise_for_status()
            version = read.json()["version"]
            while True:  # until saved: a refused save is made again on what is there now
                began = time.perf_counter()
                saved = client.put(
                    f"/api/cases/{case_id}/answers/{question}",
                    json={"value": value, "version": version},
                )
                outcome.latencies.append(time.perf_counter() - began)
                if saved.status_code == 409:
                    outcome.stale += 1
                    version = saved.json()["current"]["version"]
                    continue
                if saved.status_code != 200:
                    outcome.errors.append(f"{saved.status_code} {saved.text[:200]}")
                else:
                    outcome.saves.append(Saved(case_id, question, value, saved.json()["version"]))
                break
    return outcome


def run(store: Any, *, inspectors: int = 20, seconds: float = 20, cases: int = 20) -> Outcome:
    """Load the server on ``store`` and check what it kept."""
    inspection_id, passwords = prepare(store, inspectors, cases)
    results: list[Outcome] = []
    start = threading.Barrier(inspectors + 1)
    with serving(store.url) as url:

        def simulate(name: str, seed: int) -> None:
            try:
                results.append(
                    inspector(url, name, passwords[name], inspection_id, start, seconds, seed)
                )
            except BaseException:
                start.abort()  # nobody waits for an inspector who will never come
                raise

        threads = [
            threading.Thread(target=simulate, args=(name, seed))
            for seed, name in enumerate(passwords)
        ]
        for thread in threads:
            thread.start()
        start.wait(timeout=300)  # every inspector signed in: the run starts now
        began = time.monotonic()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - began
    if len(results) != inspectors:
        raise RuntimeError(f"{inspectors - len(results)} inspector(s) stopped with an error")
    outcome = Outcome(elapsed)
    for result in results:
        outcome.saves += result.saves
        outcome.stale += result.stale
        outcome.latencies += result.latencies
        outcome.errors += result.errors
    check(store, inspection_id, outcome)
    return outcome


def check(store: Any, inspection_id: int, outcome: Outcome) -> None:
    """Read the store back: record in ``outcome`` every answer lost or duplicated."""
    for case in store.cases(inspection_id):
        saves = sorted((s for s in outcome.saves if s.case_id == case.id), key=lambda s: s.version)
        versions = [s.version for s in saves]
        if len(set(versions)) != len(versions):
            outcome.duplicated.append(f"{case.reference}: a version given to two saves")
        if case.version != 1 + len(saves):
            outcome.lost.append(
                f"{case.reference}: version {case.version} after {len(saves)} accepted saves"
            )
        last: dict[str, object] = {}
        for save in saves:
            last[save.question] = save.value
        for question, value in last.items():
            answer = case.assessment.answer(question)
            if answer is None or answer.value != value:
                outcome.lost.append(f"{case.reference} {question}: {value!r} not kept")
        # The history: at most one change per answer and version, none from a version no
        # save was given, and each answer's last change is the answer kept.
        changes = [c for c in store.history(case.id) if c.question is not None]
        seen = [(c.version, c.question) for c in changes]
        if len(set(seen)) != len(seen) or not {v for v, _ in seen} <= {1, *versions}:
            outcome.duplicated.append(f"{case.reference}: the history repeats a change")
        latest = {c.question: c.after for c in sorted(changes, key=lambda c: c.version)}
        if any(_value_of(latest.get(q)) != value for q, value in last.items()):
            outcome.lost.append(f"{case.reference}: the history ends on another answer")


def _value_of(data: object) -> object:
    """The value in an answer's data as the history keeps it."""
    return data.get("value") if isinstance(data, dict) else None


@contextlib.contextmanager
def fresh_postgresql(server: str) -> Iterator[str]:
    """A new, empty database on the PostgreSQL ``server``, dropped afterwards."""
    import sqlalchemy as sa

    url = sa.make_url(server).set(drivername="postgresql+psycopg")
    name = f"inspectcore_load_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            yield url.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


def _stores() -> Iterator[tuple[str, contextlib.AbstractContextManager[str]]]:
    folder = Path(tempfile.mkdtemp(prefix="inspectcore-load-"))
    yield "sqlite", contextlib.nullcontext(f"sqlite:///{folder / 'load.db'}")
    server = os.environ.get("INSPECTCORE_TEST_POSTGRESQL")
    if server:
        yield "postgresql", fresh_postgresql(server)


def main() -> None:
    """Run the load test on each store and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--inspectors", type=int, default=20)
    parser.add_argument("--cases", type=int, default=20)
    args = parser.parse_args()
    from inspectcore import Store

    failed = False
    for kind, database in _stores():
        with database as url, Store.open(url) as store:
            outcome = run(store, inspectors=args.inspectors, seconds=args.seconds, cases=args.cases)
        print(
            f"{kind:<10} {args.inspectors} inspectors, {outcome.seconds:.1f} s: "
            f"{len(outcome.saves)} saves, {outcome.saves_per_second:.1f} saves/s, "
            f"p50 {outcome.percentile(0.5):.1f} ms, p95 {outcome.percentile(0.95):.1f} ms, "
            f"{outcome.stale} stale saves redone; lost {len(outcome.lost)}, "
            f"duplicated {len(outcome.duplicated)}, errors {len(outcome.errors)}"
        )
        for line in (*outcome.lost, *outcome.duplicated, *outcome.errors[:5]):
            print(f"  {line}")
        failed |= bool(outcome.lost or outcome.duplicated or outcome.errors)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
