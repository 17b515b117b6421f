"""Benchmark: one `keneng-audit check` of the sample against importing the stack, median of N runs.

The two commands are timed alternately (import, check, import, check, …) so that a change in the machine's
load during the runs affects both alike.
"""

from __future__ import annotations

import argparse
import sys

import statistics

from _common import ROOT, SAMPLE, cli, median_of, precompile, timed

IMPORTS = "import pandas, pandera.pandas, click, rich, yaml"

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    (ROOT / "bench" / "out").mkdir(exist_ok=True)
    check = cli() + ["check", str(SAMPLE), "--format", "json", "-o", str(ROOT / "bench" / "out" / "single.json")]
    imports = [sys.executable, "-c", IMPORTS]
    precompile()
    median_of(imports, 1)  # warm the file cache
    median_of(check, 1)
    imp_runs, chk_runs = [], []
    for _ in range(args.runs):
        imp_runs.append(timed(imports))
        chk_runs.append(timed(check))
    t_imp, t_chk = statistics.median(imp_runs), statistics.median(chk_runs)
    print(f"imports only : median {t_imp:.3f} s over {args.runs} runs {[round(t, 3) for t in imp_runs]}")
    print(f"check sample : median {t_chk:.3f} s over {args.runs} runs {[round(t, 3) for t in chk_runs]}")
    print(f"ratio        : {t_chk / t_imp:.2f}x (target <= 1.5x)")

if __name__ == "__main__":
    main()
