"""Where one audit's time goes: read, rule engine (pandera), prose claims; then the costliest functions (cProfile)."""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time
from pathlib import Path

from _common import SAMPLE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("report", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    from keneng_audit import audit, claims
    from keneng_audit.engine import applicable, run
    from keneng_audit.reading import read_report

    packs = audit.load_rules()
    audit.audit_report(args.report, packs=packs)  # warm caches (imports, vocabularies, lru caches)
    stages: dict[str, list[float]] = {"read": [], "rules (engine + pandera)": [], "prose claims": [], "total": []}
    for _ in range(args.runs):
        t0 = time.perf_counter()
        doc = read_report(args.report)
        t1 = time.perf_counter()
        outcome = run(doc, packs, "zh")
        t2 = time.perf_counter()
        folders = [p.folder for p in applicable(packs, doc) if p.folder is not None]
        claims.check_prose(doc, claims.vocabulary_dirs(folders), "zh", outcome.facts)
        t3 = time.perf_counter()
        for name, seconds in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t3 - t0)):
            stages[name].append(seconds)
    print(f"{args.report} ({args.report.stat().st_size // 1024} KB), median of {args.runs} warm runs:")
    for name, times in stages.items():
        print(f"  {name:<26} {statistics.median(times) * 1000:7.0f} ms")

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.runs):
        audit.audit_report(args.report, packs=packs)
    profiler.disable()
    print(f"\ncostliest functions (own time, {args.runs} runs):")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
