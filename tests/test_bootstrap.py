"""`./dev` on a machine without uv: it installs uv itself, then the workspace, then runs.

The script is run on a copy of the repository with a PATH that holds only the few
commands it uses (and a Python 3.11+), so no `uv` can be found, and a HOME of its own.
Only the package cache is shared with this run's uv, when there is one, to spare the
downloads: a cache holds packages, not the uv command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

# What ./dev itself calls (bash builtins aside).
TOOLS = ("bash", "env", "dirname", "rm", "mkdir", "id", "sudo", "apt-get")


def _bare_path(bin_dir: Path) -> str:
    """A PATH of one folder: the tools ./dev uses and the base Python, and no uv."""
    bin_dir.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    # The interpreter this venv was made from, as the only python3 there is.
    base = Path(getattr(sys, "_base_executable", sys.executable)).resolve()
    (bin_dir / "python3").symlink_to(base)
    assert shutil.which("uv", path=str(bin_dir)) is None
    return str(bin_dir)


def _cache() -> dict[str, str]:
    uv = shutil.which("uv") or str(Path(sys.executable).parent / "uv")
    if not Path(uv).exists():
        return {}
    found = subprocess.run([uv, "cache", "dir"], capture_output=True, text=True)
    return {"UV_CACHE_DIR": found.stdout.strip()} if found.returncode == 0 else {}


def test_dev_installs_uv_when_it_is_missing_and_runs(repo_copy: Path, tmp_path: Path) -> None:
    copy = repo_copy
    home = tmp_path / "home"
    home.mkdir()
    # As `env -u VIRTUAL_ENV HOME=... PATH=... ./dev` would: the rest of the machine's
    # environment (its certificates and package-index settings) is kept.
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV" and not k.startswith("UV_")}
    env |= {"PATH": _bare_path(tmp_path / "bin"), "HOME": str(home), **_cache()}

    def dev(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["./dev", *args],
            cwd=copy,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=600,
        )

    first = dev("run", "inspectcore", "editions")
    assert first.returncode == 0, first.stderr
    assert "uv is not on PATH: installing it with pip" in first.stderr
    assert (copy / ".cache" / "uv" / "bin" / "uv").exists()
    assert "carag2024" in first.stdout
    assert "cag2016" in first.stdout
    # The environment is the project's .venv, made by the installed uv.
    assert (copy / ".venv" / "bin" / "inspectcore").exists()

    again = dev("run", "inspectcore", "validate", "examples/inspection/carag2024")
    assert again.returncode == 0, again.stderr
    assert "installing" not in again.stderr  # the installed uv is reused

    usage = dev("nonsense")
    assert usage.returncode == 2
    assert "usage: ./dev" in usage.stderr
