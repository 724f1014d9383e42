"""Memory and time of the tables clerks give: a hostile results CSV, and a long unit list.

    python benchmarks/clerk_tables.py

- **results CSV of commas**: ``kehoach build --data`` with 19.9 MB of commas (under the 20 MB
  limit), peak resident memory of the process. The CSV reader counts a row's cells while it
  parses (:mod:`generator.csvfile`), so the row of 20 million cells is never built: the file
  is refused at its first row. Before it did, the same file reached 1.74 GB.
- **quoted cells, blank lines**: the same for 6.6 million ``"",`` and for 19 million line
  breaks after a good header (refused at Excel's last row, 1,048,576).
- **derive, per unit**: ``kehoach derive --danh-sach`` of 300 units, seconds per unit (the
  list limit, 1,000 units, is stated from it).

Peak memory is read with :func:`resource.getrusage` of the child processes (Linux, macOS).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "data" / "examples" / "bac-kan-2022.yaml"
PARENT = ROOT / "data" / "examples" / "phu-thien-2024.yaml"
HEADER = (ROOT / "data" / "examples" / "bac-kan-2022-ket-qua.csv").read_text(
    encoding="utf-8-sig").splitlines()[0]


MEASURE = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True)"
           "; print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
"""A process that runs one command and prints the peak memory of its children: the peak of
this run alone (``RUSAGE_CHILDREN`` of this script would keep the largest of all runs)."""


def kehoach(*args: str | Path) -> tuple[float, float]:
    """Seconds and peak resident MB of one ``python -m generator`` run (its own process)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "generator",
                           *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    seconds = time.perf_counter() - started
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return seconds, int(done.stdout.split()[-1]) / scale


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        files = {"commas": "," * 19_900_000, "quoted cells": '"",' * 6_600_000,
                 "blank lines": HEADER + "\n" + "\n" * 19_000_000}
        for name, text in files.items():
            data = folder / f"{name.replace(' ', '-')}.csv"
            data.write_text(text, encoding="utf-8")
            seconds, peak = kehoach("build", PLAN, "--data", data, "-o", folder / "ra")
            print(f"results CSV, {name:12} {data.stat().st_size / 1e6:5.1f} MB: "
                  f"{seconds:5.2f} s, peak {peak:6.0f} MB")
        listing = folder / "don-vi.csv"
        units = 300
        listing.write_text("Đơn vị,Cấp,Ngày\n" + "".join(
            f"Xã Số {n},Xã,08/04/2024\n" for n in range(units)), encoding="utf-8")
        seconds, _ = kehoach("derive", PARENT, "--danh-sach", listing, "-o", folder / "xa")
        print(f"derive, {units} units: {seconds:5.2f} s, {seconds / units * 1000:5.1f} ms a unit "
              "(process start and parent included)")


if __name__ == "__main__":
    main()
