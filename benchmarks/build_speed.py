"""Build speed and memory of the example plans, against a stated baseline.

    python benchmarks/build_speed.py

Baseline (2 cores, 24 GiB, the project machine): one example plan with its appendices
builds to DOCX + XLSX in at most 1.5 s, and a build's peak Python allocation stays under
64 MiB. Prints each figure and whether it is within the baseline; exits 1 if not.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from generator.pipeline import BuildRequest, build

BASELINE_SECONDS = 1.5
BASELINE_MIB = 64
ROUNDS = 3
EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"


def measure(plan: Path, out: Path) -> tuple[float, float]:
    """Best wall time over a few rounds, and the peak traced allocation of one build."""
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        build(plan, BuildRequest(out))
        best = min(best, time.perf_counter() - started)
    tracemalloc.start()
    build(plan, BuildRequest(out))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak / 2**20


def main() -> int:
    ok = True
    with tempfile.TemporaryDirectory() as scratch:
        build(EXAMPLES / "toi-thieu.yaml", BuildRequest(Path(scratch)))  # warm imports
        for plan in sorted(EXAMPLES.glob("*.yaml")):
            seconds, mib = measure(plan, Path(scratch))
            within = seconds <= BASELINE_SECONDS and mib <= BASELINE_MIB
            ok &= within
            print(f"{plan.stem:16} {seconds:6.3f} s (≤ {BASELINE_SECONDS})  "
                  f"{mib:6.1f} MiB (≤ {BASELINE_MIB})  {'ok' if within else 'CHẬM/NẶNG'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
