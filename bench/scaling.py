"""Benchmark: how check time grows with report size (the sample's tables repeated 1x, 4x, 16x), phase by phase.

Per size: the whole command (`keneng-audit check`, start-up and imports included) and the audit alone in this
process (rules loaded, caches warm), split into its phases: read, rules (engine + pandera), prose claims. Each
is the median of --runs and is also printed as a ratio to 1x, next to the size ratio: linear growth is 4x and
16x; the target is every phase within 1.1x of that (16x size <= 17.6x time). CPU time (this process) is printed
beside wall time: on a shared machine it moves far less. Last, inference's CPU time per table it inferred rules
for, as a ratio to 1x: with the bundled packs the grown reports hold more such tables per line (see grown()).
"""

from __future__ import annotations

import argparse
import re
import statistics
from pathlib import Path

from _common import OUT, SAMPLE, cli, load, precompile, timed

CAPTION = re.compile(r"^(\s*)(附表|表)\s*(\d+)", re.MULTILINE)
SIZES = (1, 4, 16)


def grown(text: str, times: int, appendix: bool = False) -> str:
    """The sample followed by times-1 renumbered copies of its body from the first table on: up to its first
    appendix table (附表), or, with `appendix`, to its end.

    Without the appendix every copy is what the body of the sample is (prose and body tables). The bundled packs
    declare tables by key and caption, and a caption finds its first copy only: the other copies (and, with the
    appendix, 附表7 on) are tables nobody declared, which inference then reads. So with the bundled packs the
    larger reports hold a different mix of tables than the sample (23 of 37 inferred at 1x, 488 of 502 at 16x),
    and inference grows with that mix as well as with the size; `--packs none` keeps the mix (every table
    inferred at every size).
    """
    start = CAPTION.search(text).start()
    body = text[start:]
    if not appendix:
        first = next((m for m in CAPTION.finditer(body) if m.group(2) == "附表"), None)
        body = body[: first.start()] if first else body
    body_tables = max(int(m.group(3)) for m in CAPTION.finditer(body) if m.group(2) == "表")
    appendix_tables = max((int(m.group(3)) for m in CAPTION.finditer(text) if m.group(2) == "附表"), default=0)
    parts = [text]
    for k in range(1, times):
        shift = {"表": k * body_tables, "附表": k * appendix_tables}
        parts.append(CAPTION.sub(lambda m: f"{m.group(1)}{m.group(2)} {int(m.group(3)) + shift[m.group(2)]}", body))
    return "\n".join(parts)


def chosen_packs(names: str | None) -> list:
    """The bundled packs as `check --packs NAMES` takes them (None: all of them; "none": no pack at all)."""
    from keneng_audit import audit
    from keneng_audit.rules.loader import bundled_paths

    if names is None:
        return audit.load_rules()
    folders = {p.name: p for p in bundled_paths()}
    wanted = [n.strip() for n in names.split(",") if n.strip() and n.strip() != "none"]
    return audit.load_rules([folders[n] for n in wanted], bundled=False) if wanted else []


def phases(path: Path, runs: int, infer: bool, packs_named: str | None = None) -> tuple[dict[str, tuple[float, float]], object]:
    """Median (wall, CPU) seconds of each phase of one audit, after a warm-up audit."""
    from _phases import timed_audit

    from keneng_audit import audit

    from keneng_audit import collector

    packs = chosen_packs(packs_named)
    result = audit.audit_report(path, packs=packs, infer=infer)  # warm-up
    collector.settle()  # the garbage collector as `check` sets it once its modules are loaded
    got = [timed_audit(path, packs, infer=infer) for _ in range(runs)]
    return {name: (statistics.median(g[name][0] for g in got), statistics.median(g[name][1] for g in got))
            for name in got[0]}, result


def inferred_tables(path: Path, packs_named: str | None) -> int:
    """How many tables of the report inference found relations in (the tables of the pack it inferred)."""
    from keneng_audit import audit

    return sum(len(pack.tables) for pack in audit.inferred_rules(path, chosen_packs(packs_named)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-infer", action="store_true", help="without inference (check --no-infer)")
    parser.add_argument("--appendix", action="store_true", help="copy the appendix tables too (see grown())")
    parser.add_argument("--whole", action="store_true", help="also time the whole command (start-up included)")
    parser.add_argument("--packs", metavar="NAMES",
                        help="bundled packs as check --packs takes them; `none`: every table is inferred at every "
                             "size, so the larger reports hold the same kind of tables as the sample (see grown())")
    args = parser.parse_args()
    precompile()
    text = SAMPLE.read_text(encoding="utf-8")
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"before: {load()}")
    rows = []
    for times in SIZES:
        path = OUT / f"grown-{times}x{'-appendix' if args.appendix else ''}.txt"
        path.write_text(grown(text, times, args.appendix), encoding="utf-8")
        command = cli() + ["check", str(path), "--format", "json", "-o", str(OUT / f"grown-{times}x.json")]
        command += ["--no-infer"] if args.no_infer else []
        command += ["--packs", args.packs] if args.packs else []
        try:
            whole = sorted(timed(command) for _ in range(args.runs))[args.runs // 2] if args.whole else (0.0, 0.0)
            timing, result = phases(path, args.runs, not args.no_infer, args.packs)
        except (SystemExit, Exception) as exc:  # report the size that fails and go on with the others
            print(f"{times}x FAILED: {str(exc)[-300:]}")
            continue
        rows.append((times, len(path.read_text(encoding="utf-8").splitlines()), result, whole, timing,
                     inferred_tables(path, args.packs) if not args.no_infer else 0))
    print(f"after : {load()}")
    if not rows:
        return
    base = rows[0]
    print("Per phase: wall/CPU ms, then CPU time ratio to 1x divided by the size ratio (lines): 1.00 is linear.")
    print(f"{'copies':>6} {'lines':>7} {'size':>5} {'tables':>6} {'findings':>8} {'check wall':>10}  "
          + "  ".join(f"{name + ' (ms, of linear)':>25}" for name in base[4]))
    worst = 0.0
    for times, lines, result, whole, timing, _ in rows:
        size = lines / base[1]
        cells = []
        for name, (wall, cpu) in timing.items():
            bw, bc = base[4][name]
            of_linear = cpu / max(bc, 1e-9) / size
            if times > 1 and bc > 0.005:
                worst = max(worst, of_linear)
            cells.append(f"{wall * 1000:7.0f}/{cpu * 1000:6.0f} {of_linear:5.2f}")
        print(f"{times:>5}x {lines:>7} {size:4.1f}x {result.tables_read:>6} {len(result.findings):>8} "
              f"{whole[0]:8.2f} s  " + "  ".join(f"{c:>25}" for c in cells))
    print(f"(medians of {args.runs}; worst phase CPU time / linear = {worst:.2f}, target <= 1.1; phases under "
          f"5 ms at 1x left out of the worst)")
    if "infer" in base[4] and all(row[5] for row in rows):
        # With the bundled packs the larger reports hold more inferred tables per line (see grown()): inference's
        # time per table it inferred rules for tells growth in size from growth in that mix.
        per = [row[4]["infer"][1] / row[5] for row in rows]
        print("infer per table with inferred rules: " + ", ".join(
            f"{row[0]}x {row[5]} tables {p * 1000:.2f} ms ({p / per[0]:.2f} of 1x)" for row, p in zip(rows, per)))

if __name__ == "__main__":
    main()
