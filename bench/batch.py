"""Benchmark: `keneng-audit check FILES... -j N` over generated variants: reports per second, peak memory per worker."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from _common import precompile, cli, peak_child_rss_mb, timed

HERE = Path(__file__).parent


def cli_has_jobs() -> bool:
    """Whether `check` takes -j yet (the command line wires keneng_audit.batch in)."""
    proc = subprocess.run(cli() + ["check", "--help"], capture_output=True, text=True)
    return any(line.strip().startswith(("-j", "--jobs")) for line in proc.stdout.splitlines())


def via_cli(files: list[Path], jobs: int, out: Path) -> dict:
    seconds = timed(cli() + ["check", *map(str, files), "-j", str(jobs), "--format", "json", "-o", str(out)])
    # RUSAGE_CHILDREN covers the command and, once it waited for them, its workers: the largest of them all.
    return {"seconds": seconds, "worker_rss_mb": peak_child_rss_mb(), "parent_rss_mb": None}


def via_driver(listing: Path, jobs: int, out: Path) -> dict:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, str(HERE / "_audit_many.py"), str(listing), str(jobs), str(out)],
                          capture_output=True, text=True, env=os.environ.copy())
    if proc.returncode != 0:
        raise SystemExit(f"driver failed: {proc.stderr[-800:]}")
    stats = json.loads(proc.stdout)
    stats["process_seconds"] = time.perf_counter() - start  # with interpreter start-up and imports
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--driver", action="store_true", help="call keneng_audit.batch.audit_many, not the CLI")
    args = parser.parse_args()
    precompile()
    variants = HERE / "out" / "variants"
    if len(list(variants.glob("report-*.txt"))) < args.count:
        subprocess.run([sys.executable, str(HERE / "make_variants.py"), "--count", str(args.count)], check=True)
    files = sorted(variants.glob("report-*.txt"))[: args.count]
    listing = HERE / "out" / "batch-files.txt"
    listing.write_text("\n".join(map(str, files)), encoding="utf-8")
    out = HERE / "out" / "batch.json"
    use_cli = not args.driver and cli_has_jobs()
    stats = via_cli(files, args.jobs, out) if use_cli else via_driver(listing, args.jobs, out)
    seconds = stats.get("process_seconds", stats["seconds"])
    how = f"keneng-audit check FILES -j {args.jobs}" if use_cli else f"batch.audit_many(jobs={args.jobs}) (bench/_audit_many.py)"
    print(f"command      : {how}")
    print(f"reports      : {len(files)} on {os.cpu_count()} CPUs")
    if "findings" in stats:
        print(f"findings     : {stats['findings']}, failed reports: {stats['failed']}")
    print(f"wall time    : {seconds:.1f} s (process start to exit)")
    print(f"throughput   : {len(files) / seconds:.1f} reports/s (target >= 20)")
    if use_cli:  # the command holds every result, so it is usually the largest: --driver separates the two
        print(f"peak RSS     : {stats['worker_rss_mb']:.0f} MB in the largest process, the command or a worker "
              "(target <= 250 per worker; --driver measures workers alone)")
    else:
        print(f"peak RSS     : {stats['worker_rss_mb']:.0f} MB in the largest worker (target <= 250), "
              f"{stats['parent_rss_mb']:.0f} MB in the parent")


if __name__ == "__main__":
    main()
