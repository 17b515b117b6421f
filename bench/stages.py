"""Where one audit's time goes: read, rule engine (pandera), prose claims; then the costliest functions (cProfile)."""

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

    from keneng_audit import audit, claims
    from keneng_audit.engine import applicable, run
    from keneng_audit.reading import read_report

    packs = audit.load_rules()
    audit.audit_report(args.report, packs=packs)  # warm caches (imports, vocabularies, lru caches)
    stages: dict[str, list[tuple[float, float]]] = {"read": [], "rules (engine + pandera)": [], "prose claims": [],
                                                    "total": []}
    for _ in range(args.runs):
        marks = [(time.perf_counter(), time.process_time())]
        doc = read_report(args.report)
        marks.append((time.perf_counter(), time.process_time()))
        outcome = run(doc, packs, "zh")
        marks.append((time.perf_counter(), time.process_time()))
        folders = [p.folder for p in applicable(packs, doc) if p.folder is not None]
        claims.check_prose(doc, claims.vocabulary_dirs(folders), "zh", outcome.facts)
        marks.append((time.perf_counter(), time.process_time()))
        for name, (a, b) in zip(stages, ((0, 1), (1, 2), (2, 3), (0, 3))):
            stages[name].append((marks[b][0] - marks[a][0], marks[b][1] - marks[a][1]))
    print(f"{args.report} ({args.report.stat().st_size // 1024} KB), median of {args.runs} warm runs ({load()}):")
    for name, times in stages.items():
        print(f"  {name:<26} {statistics.median(t[0] for t in times) * 1000:7.0f} ms wall "
              f"{statistics.median(t[1] for t in times) * 1000:7.0f} ms CPU")

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.runs):
        audit.audit_report(args.report, packs=packs)
    profiler.disable()
    print(f"\ncostliest functions (own time, {args.runs} runs):")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
