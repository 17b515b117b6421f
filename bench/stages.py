"""Where one audit's time goes: read, infer, facts, rules (engine + pandera), prose; then the costliest functions."""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time
from pathlib import Path

from _common import SAMPLE, load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("report", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    from _phases import PHASES, timed_audit

    from keneng_audit import audit

    packs = audit.load_rules()
    audit.audit_report(args.report, packs=packs)  # warm caches (imports, vocabularies, lru caches)
    from keneng_audit import collector

    collector.settle()  # the garbage collector as `check` sets it once its modules are loaded
    runs = [timed_audit(args.report, packs) for _ in range(args.runs)]
    print(f"{args.report} ({args.report.stat().st_size // 1024} KB), median of {args.runs} warm runs ({load()}):")
    for name in PHASES:
        print(f"  {name:<8} {statistics.median(r[name][0] for r in runs) * 1000:7.0f} ms wall "
              f"{statistics.median(r[name][1] for r in runs) * 1000:7.0f} ms CPU")

    profiler = cProfile.Profile(time.process_time)  # CPU time: on a shared machine wall time blames whatever runs during a pause
    profiler.enable()
    for _ in range(args.runs):
        audit.audit_report(args.report, packs=packs)
    profiler.disable()
    print(f"\ncostliest functions (own time, {args.runs} runs):")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
