"""Cold start of ``inspectcore editions`` (all plugins installed), side by side with
``python -c pass`` and ``python -c "import click"``.

Run with ``./dev bench``. Prints the median wall time of each over repeated runs and
the ratios; the aims are a median under 150 ms on a 2-core machine and within 1.5 times
``import click`` (issue 13). Whether Python may cache compiled bytecode is printed too:
with ``PYTHONDONTWRITEBYTECODE`` set and no ``.pyc`` files, every run compiles every
module it imports, the baselines included (``./dev`` compiles them as it installs).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time


def _median_ms(command: list[str], runs: int) -> float:
    subprocess.run(command, check=True, capture_output=True)  # warm the file cache once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _compiled() -> str:
    """Whether click's and inspectcore's modules have compiled bytecode beside them."""
    import importlib.util

    found = []
    for name in ("click", "inspectcore"):
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        pyc = importlib.util.cache_from_source(origin) if origin else ""
        found.append(f"{name} {'yes' if pyc and os.path.exists(pyc) else 'no'}")
    return ", ".join(found)


def main() -> None:
    """Measure and print the medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    script = shutil.which("inspectcore")
    if script is None:
        sys.exit("inspectcore is not installed in this environment (run ./dev bench)")
    cached = "off (PYTHONDONTWRITEBYTECODE)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "on"
    print(
        f"bytecode caching: {cached}; compiled already (./dev compiles at install): {_compiled()}"
    )
    baseline = _median_ms([sys.executable, "-c", "pass"], args.runs)
    click = _median_ms([sys.executable, "-c", "import click"], args.runs)
    editions = _median_ms([script, "editions"], args.runs)
    print(f"python -c pass                 median {baseline:6.1f} ms")
    print(f'python -c "import click"       median {click:6.1f} ms')
    print(f"inspectcore editions           median {editions:6.1f} ms")
    print(f"ratio to python -c pass        {editions / baseline:6.1f}x")
    print(f"ratio to import click          {editions / click:6.1f}x")


if __name__ == "__main__":
    main()
