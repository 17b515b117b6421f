"""Benchmark: one `keneng-audit check` of the sample against a bare `import pandas, pandera.pandas`.

The two commands run in alternating pairs (import, check, import, check, …) so that a change in the machine's
load hits both alike; each pair gives a ratio. Printed: the median wall-clock ratio over the pairs (the target),
the ratio of the medians, the ratio of the fastest runs (what each costs when nothing else is running: the
figure a burst of other work disturbs least), and the same for CPU time (user + system), which other processes on
a shared machine disturb far less than wall time. The rule-pack cache is warm (the first, untimed run fills it); `--cold` times
every check with KENENG_AUDIT_NO_CACHE=1 instead.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys

from _common import OUT, SAMPLE, cli, load, precompile, timed

IMPORTS = "import pandas, pandera.pandas"
TARGET = 1.3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=21)  # the median of 9 moves by ± 0.1 with other work
    parser.add_argument("--format", default="json", help="check's --format (json, rich, …)")
    parser.add_argument("--report", default=str(SAMPLE))
    parser.add_argument("--cold", action="store_true", help="no rule-pack cache (KENENG_AUDIT_NO_CACHE=1)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    check = cli() + ["check", args.report, "--format", args.format, "-o", str(OUT / f"single.{args.format}")]
    imports = [sys.executable, "-c", IMPORTS]
    env = {**os.environ, **({"KENENG_AUDIT_NO_CACHE": "1"} if args.cold else {})}
    precompile()
    print(f"before: {load()}")
    timed(imports)  # warm the file cache and the rule-pack cache
    timed(check, env=env)
    pairs = []
    for _ in range(args.pairs):
        pairs.append((timed(imports), timed(check, env=env)))
    print(f"after : {load()}")
    for name, k in (("wall", 0), ("CPU ", 1)):
        imp = [p[0][k] for p in pairs]
        chk = [p[1][k] for p in pairs]
        ratios = [c / i for i, c in zip(imp, chk)]
        print(f"{name}: import median {statistics.median(imp):.3f} s {[round(t, 2) for t in imp]}")
        print(f"{name}: check  median {statistics.median(chk):.3f} s {[round(t, 2) for t in chk]}")
        print(f"{name}: ratio per pair {[round(r, 2) for r in ratios]}")
        print(f"{name}: median ratio {statistics.median(ratios):.2f}x, ratio of medians "
              f"{statistics.median(chk) / statistics.median(imp):.2f}x, of the fastest {min(chk) / min(imp):.2f}x "
              f"(target <= {TARGET}x)")
    print(f"command: {' '.join(check)}{'  (KENENG_AUDIT_NO_CACHE=1)' if args.cold else ''}")


if __name__ == "__main__":
    main()
