"""`inspectcore serve`: it binds the loopback unless told otherwise, prints its URL, answers
/healthz; the library and the other commands never import the server's dependencies, and
without them serve says which extra to install."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("inspectcore")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_serve_binds_the_loopback_and_prints_its_url(tmp_path: Path) -> None:
    port = _free_port()
    store = tmp_path / "served.db"
    with subprocess.Popen(
        [str(SCRIPT), "serve", "--store", f"sqlite:///{store}", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as server:
        try:
            assert server.stdout is not None
            first = server.stdout.readline().strip()
            assert first == f"inspectcore: serving sqlite:///{store} at http://127.0.0.1:{port}/"
            assert store.exists()  # created when missing
            _wait_for_health(server, port)
            listening = subprocess.run(
                ["ss", "-Hltn", f"sport = :{port}"], capture_output=True, text=True, check=False
            )
            if listening.returncode == 0:  # ss is there: the socket is on the loopback only
                assert f"127.0.0.1:{port}" in listening.stdout
                assert f"0.0.0.0:{port}" not in listening.stdout
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait_for_health(server: subprocess.Popen[str], port: int) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                assert json.load(r) == {"status": "ok"}
                return
        except OSError:
            assert server.poll() is None, "serve stopped"
            assert time.monotonic() < deadline, "serve did not answer within 30 s"
            time.sleep(0.1)


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


def test_the_library_and_other_commands_never_import_the_server() -> None:
    result = _python(
        "import sys, inspectcore\n"
        "from click.testing import CliRunner\n"
        "from inspectcore.cli import cli\n"
        "assert CliRunner().invoke(cli, ['--help']).exit_code == 0\n"
        "assert CliRunner().invoke(cli, ['editions']).exit_code == 0\n"
        "print(sorted(m for m in ('starlette', 'jinja2', 'uvicorn') if m in sys.modules))\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_without_the_server_extra_serve_says_what_to_install(tmp_path: Path) -> None:
    for missing in ("starlette", "uvicorn"):
        result = _python(
            f"import sys; sys.modules[{missing!r}] = None\n"
            "from click.testing import CliRunner\n"
            "from inspectcore.cli import cli\n"
            f"r = CliRunner().invoke(cli, ['serve', '--store', 'sqlite:///{tmp_path}/x.db'])\n"
            "print(r.exit_code); print(r.output)\n"
        )
        assert result.returncode == 0, result.stderr
        code, output = result.stdout.split("\n", 1)
        assert code == "1", (missing, output)
        assert "pip install 'inspectcore[server]'" in output, (missing, output)
        assert "Traceback" not in output
