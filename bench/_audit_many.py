"""Batch driver: audits the files listed in a file with keneng_audit.batch.audit_many; prints timing and memory.

Used by bench/batch.py while `keneng-audit check FILES... -j N` is not wired yet (and with --driver).
Prints one JSON object: seconds, reports, failed, findings, peak RSS of this process and of the largest worker.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def main() -> None:
    listing, jobs, out = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    files = listing.read_text(encoding="utf-8").split("\n")
    start = time.perf_counter()
    from keneng_audit import batch  # imports count, as they would for the command

    results = batch.audit_many(files, jobs=jobs)
    summary = batch.batch_summary(results)
    out.write_text(json.dumps({"version": 1, "reports": [r.to_dict() for r in results]}, ensure_ascii=False),
                   encoding="utf-8")
    seconds = time.perf_counter() - start
    print(json.dumps({
        "seconds": seconds, "reports": summary["reports"], "failed": summary["failed"],
        "findings": summary["findings"],
        # Linux reports KiB. With jobs=1 the audits run in this process; else in the (waited-for) workers.
        "parent_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main()
