"""Benchmark: `keneng-audit check DIR -j N` over generated variants: reports per second, peak memory."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from _common import cli, peak_child_rss_mb, timed

HERE = Path(__file__).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    variants = HERE / "out" / "variants"
    if len(list(variants.glob("*.txt"))) < args.count:
        subprocess.run([sys.executable, str(HERE / "make_variants.py"), "--count", str(args.count)], check=True)
    files = sorted(variants.glob("*.txt"))[: args.count]
    listing = HERE / "out" / "batch-files.txt"
    listing.write_text("\n".join(map(str, files)), encoding="utf-8")
    out = HERE / "out" / "batch.json"
    seconds = timed(cli() + ["check", *map(str, files), "-j", str(args.jobs), "--format", "json", "-o", str(out)])
    print(f"reports      : {len(files)} with -j {args.jobs}")
    print(f"wall time    : {seconds:.1f} s")
    print(f"throughput   : {len(files) / seconds:.1f} reports/s (target >= 20)")
    print(f"peak RSS     : {peak_child_rss_mb():.0f} MB in the largest process (target <= 250 per worker)")


if __name__ == "__main__":
    main()
