"""A seeded generator of N valid synthetic case files for a bundled edition.

Each case is one of the edition's bundled example cases (``examples/inspection/EDITION``,
synthetic and valid), chosen by a seeded random draw and given a reference of its own:
valid by construction, with the example's mix of judgements and exclusions, so that the
benchmark's figures are those of a plausible inspection. The same seed writes the same
files. Written as TOML (``--format toml``, as inspectors keep them) or JSON.

    python benchmarks/generate.py carag2024 10000 /tmp/cases-10k
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tomllib
from pathlib import Path

import tomli_w

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "inspection"
EDITIONS = ("carag2024", "cag2016")
"""The bundled editions that have an example inspection to draw from."""


def _templates(edition: str) -> list[dict[str, object]]:
    folder = EXAMPLES / edition
    if not folder.is_dir():
        sys.exit(f"no example inspection for {edition!r} in {folder} (one of: {EDITIONS})")
    return [tomllib.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*.toml"))]


def _json_ready(value: object) -> object:
    """TOML dates and times as the ISO text a JSON case file holds."""
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def generate(
    edition: str, count: int, folder: Path, *, seed: int = 2024, fmt: str = "toml"
) -> None:
    """Write ``count`` case files for ``edition`` into ``folder`` (created; must be empty)."""
    templates = _templates(edition)
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        sys.exit(f"{folder} is not empty")
    rng = random.Random(seed)
    width = len(str(count))
    for n in range(1, count + 1):
        case = dict(rng.choice(templates))
        case["case"] = f"GEN-{n:0{width}d}"
        path = folder / f"case-{n:0{width}d}.{fmt}"
        if fmt == "json":
            path.write_text(json.dumps(_json_ready(case), ensure_ascii=False), "utf-8")
        else:
            path.write_text(tomli_w.dumps(case), "utf-8")


def main() -> None:
    """Parse the arguments and write the files."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("edition", choices=EDITIONS)
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--format", dest="fmt", choices=("toml", "json"), default="toml")
    args = parser.parse_args()
    generate(args.edition, args.count, args.folder, seed=args.seed, fmt=args.fmt)


if __name__ == "__main__":
    main()
