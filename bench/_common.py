"""Shared helpers of the benchmark scripts: running commands, timing them (wall and CPU), the machine's load."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "keneng-2024" / "report.txt"
OUT = ROOT / "bench" / "out"


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


def load() -> str:
    """The 1, 5 and 15 minute load averages and the CPU count, to print beside every figure."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def timed(cmd: list[str], ok_codes: tuple[int, ...] = (0, 1), env: dict | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children) of one run; fails loudly on a bad exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or os.environ.copy())
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in ok_codes:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def peak_child_rss_mb() -> float:
    """Largest resident set of any waited-for descendant so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
