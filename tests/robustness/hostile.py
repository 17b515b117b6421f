"""What every hostile-input test shares: the corpus, one CLI run in its own process, measured."""

from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tests.robustness.make_hostile import write_all

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 10.0  # every hostile input is handled within this, start-up included
MEMORY_MB = 600  # peak resident memory of the whole run (the stack's imports alone take ≈ 100 MB)
ADDRESS_SPACE = 2 * 2**30  # a hard cap (RLIMIT_AS) on top: a run that tries to take gigabytes fails, not the machine
# The run reports its own peak resident memory (VmHWM) as it exits. Not ru_maxrss: on Linux that keeps the
# high-water mark of the process it was forked from (pytest, hundreds of MB) across exec.
WRAPPER = """
import atexit, os, runpy, sys
def peak():
    with open("/proc/self/status") as status, open(os.environ["KA_PEAK_FILE"], "w") as out:
        out.write(next(line.split()[1] for line in status if line.startswith("VmHWM")))
atexit.register(peak)
sys.argv = ["keneng-audit", *sys.argv[1:]]
runpy.run_module("keneng_audit", run_name="__main__")
"""


@dataclass
class Run:
    code: int
    stdout: str
    stderr: list[str]
    seconds: float
    peak_mb: float


def run(*args: str, cwd: Path | None = None, env: dict | None = None, stdin: bytes | None = None) -> Run:
    """`keneng-audit ARGS` in a fresh process, its address space capped (resource.RLIMIT_AS); its exit code,
    output, wall time and peak resident memory.

    A run still going after 60 s is killed and reported with code -9, so a hang fails the test, not the suite."""
    if args and args[0] in ("check", "extract", "rules", "explain", "config", "infer") and not any(
            a == "--lang" or a.startswith("--lang=") for a in args):
        args = (args[0], "--lang", "en", *args[1:])  # the fragments these tests look for are the English halves
    with tempfile.NamedTemporaryFile(suffix=".peak", delete=False) as peak_file:
        peak_path = Path(peak_file.name)
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "KA_PEAK_FILE": str(peak_path), **(env or {})}
    environment.pop("KENENG_AUDIT_LIMITS", None)
    with open(os.devnull, "rb") as devnull:
        process = subprocess.Popen([sys.executable, "-c", WRAPPER, *args], cwd=cwd or ROOT, env=environment,
                                   stdin=devnull if stdin is None else subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_cap_memory)
    killer = threading.Timer(60, process.kill)
    killer.start()
    started = time.monotonic()
    outputs: dict[str, bytes] = {}
    readers = [threading.Thread(target=lambda n=name, s=stream: outputs.__setitem__(n, s.read()))
               for name, stream in (("out", process.stdout), ("err", process.stderr))]
    for reader in readers:
        reader.start()
    if stdin is not None:
        process.stdin.write(stdin)
        process.stdin.close()
    _, status, _ = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    killer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
    for reader in readers:
        reader.join()
    peak_kb = peak_path.read_text() or "0"
    peak_path.unlink()
    return Run(process.returncode, outputs["out"].decode("utf-8", "replace"),
               outputs["err"].decode("utf-8", "replace").splitlines(), seconds, int(peak_kb) / 1024)


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def digests(folder: Path) -> dict[str, str]:
    """Every file below `folder` (relative name → sha256): compared before and after a run."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def make_corpus(folder: Path) -> dict[str, Path]:
    return write_all(folder)


def bounded(result: Run) -> None:
    """The run was quick, small and did not crash."""
    assert result.seconds < SECONDS, f"took {result.seconds:.1f} s"
    assert result.peak_mb < MEMORY_MB, f"peak memory {result.peak_mb:.0f} MB"
    assert result.code in (0, 1, 2), (result.code, result.stderr)
    assert not any("Traceback" in line for line in result.stderr), result.stderr


def one_error(result: Run, *fragments: str) -> None:
    """Exit 2 with exactly one stderr line holding every fragment."""
    bounded(result)
    assert result.code == 2 and len(result.stderr) == 1, (result.code, result.stderr)
    for fragment in fragments:
        assert fragment in result.stderr[0], result.stderr[0]
