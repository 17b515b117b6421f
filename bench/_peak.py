"""Runs `keneng-audit ARGS...` in this process and, at exit, writes this process's peak memory to $PEAK_FILE.

bench/batch.py starts the command through this wrapper to tell the parent's peak resident set apart from the
workers' (the workers are children: RUSAGE_CHILDREN of the benchmark sees the largest process of all).
"""

from __future__ import annotations

import atexit
import os
import resource
import sys
from pathlib import Path


def _record() -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    Path(os.environ["PEAK_FILE"]).write_text(f"{peak:.1f} {workers:.1f}\n", encoding="utf-8")


if __name__ == "__main__":
    atexit.register(_record)
    sys.argv = ["keneng-audit", *sys.argv[1:]]
    from keneng_audit.startup import main

    main()
