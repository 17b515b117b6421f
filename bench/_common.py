"""Shared helpers of the benchmark scripts: running commands, timing them, reading peak memory."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "keneng-2024" / "report.txt"


def cli() -> list[str]:
    """The installed console script next to this interpreter, else `python -m keneng_audit`."""
    script = Path(sys.executable).with_name("keneng-audit")
    if script.exists():
        return [str(script)]
    found = shutil.which("keneng-audit")
    return [found] if found else [sys.executable, "-m", "keneng_audit"]


def precompile() -> None:
    """Byte-compiles keneng_audit, as `pip install` does for a regular install.

    An editable install run with PYTHONDONTWRITEBYTECODE=1 (as on the benchmark machine) would otherwise compile
    every module of the package from source on every start (≈ 0.1 s), which no installed copy does.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "keneng_audit")], check=True)


def timed(cmd: list[str], ok_codes: tuple[int, ...] = (0, 1)) -> float:
    """Wall-clock seconds of one run; fails loudly on an unexpected exit code."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy())
    elapsed = time.perf_counter() - start
    if proc.returncode not in ok_codes:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return elapsed


def median_of(cmd: list[str], runs: int) -> tuple[float, list[float]]:
    times = [timed(cmd) for _ in range(runs)]
    return statistics.median(times), times


def peak_child_rss_mb() -> float:
    """Largest resident set of any waited-for descendant so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
