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
    me = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Linux reports KiB. The CPU seconds of the parent itself tell how much it takes from the workers.
    Path(os.environ["PEAK_FILE"]).write_text(
        f"{me.ru_maxrss / 1024:.1f} {workers.ru_maxrss / 1024:.1f} {me.ru_utime + me.ru_stime:.2f}\n",
        encoding="utf-8")


if __name__ == "__main__":
    atexit.register(_record)
    sys.argv = ["keneng-audit", *sys.argv[1:]]
    from keneng_audit.startup import main

    main()
