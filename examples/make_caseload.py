"""Write the synthetic caseload list examples/caseload/caseload.csv (220 made-up cases).

No row describes a real child: references, sentences, risk levels and dates are drawn
from a seeded random generator, so running this again writes the same file. 200 cases
started before 2025-10-01 (the eligible ones in the README's example); 20 after. Usage::

    python examples/make_caseload.py [FILE]
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import sys
from pathlib import Path

from inspectcore import write_atomic

SENTENCES = ("Referral order", "Youth rehabilitation order", "Detention and training order")
RISKS = ("Low", "Medium", "High")


def caseload(seed: int = 2026) -> str:
    """The caseload list as CSV text."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["case", "sentence", "risk", "start_date"])
    for number in range(1, 221):
        start = dt.date(2024, 10, 1) + dt.timedelta(days=rng.randrange(365))
        if number > 200:  # the last 20 started after the eligibility date
            start = dt.date(2025, 10, 1) + dt.timedelta(days=rng.randrange(60))
        sentence = rng.choices(SENTENCES, weights=(5, 4, 1))[0]
        risk = rng.choices(RISKS, weights=(4, 4, 2))[0]
        writer.writerow([f"CL-{number:03}", sentence, risk, start.isoformat()])
    return out.getvalue()


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "examples/caseload/caseload.csv")
    write_atomic(target, caseload())
    print(f"wrote {target}")
