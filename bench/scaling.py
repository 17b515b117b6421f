"""Benchmark: how check time grows with report size (the sample's tables repeated 1x, 4x, 16x).

Two figures per size: the whole command (`keneng-audit check`, start-up and imports included) and the audit
alone (keneng_audit.audit.audit_report in this process, rules loaded and caches warm), which is what grows.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

from _common import precompile, SAMPLE, cli, median_of

HERE = Path(__file__).parent
CAPTION = re.compile(r"^(\s*)(附表|表)\s*(\d+)", re.MULTILINE)


def grown(text: str, times: int) -> str:
    """The sample followed by times-1 renumbered copies of everything from its first table on."""
    start = CAPTION.search(text).start()
    body = text[start:]
    body_tables = max(int(m.group(3)) for m in CAPTION.finditer(body) if m.group(2) == "表")
    appendix_tables = max(int(m.group(3)) for m in CAPTION.finditer(body) if m.group(2) == "附表")
    parts = [text]
    for k in range(1, times):
        shift = {"表": k * body_tables, "附表": k * appendix_tables}
        parts.append(CAPTION.sub(lambda m: f"{m.group(1)}{m.group(2)} {int(m.group(3)) + shift[m.group(2)]}", body))
    return "\n".join(parts)


def audit_seconds(path: Path, runs: int) -> tuple[float, object]:
    from keneng_audit import audit

    packs = audit.load_rules()
    result = audit.audit_report(path, packs=packs)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        audit.audit_report(path, packs=packs)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    precompile()
    text = SAMPLE.read_text(encoding="utf-8")
    (HERE / "out").mkdir(exist_ok=True)
    base_cmd = base_audit = None
    print(f"{'size':>4} {'lines':>7} {'tables':>6} {'findings':>8} {'check (s)':>10} {'ratio':>6} {'audit (s)':>10} {'ratio':>6}")
    for times in (1, 4, 16):
        path = HERE / "out" / f"grown-{times}x.txt"
        path.write_text(grown(text, times), encoding="utf-8")
        out = HERE / "out" / f"grown-{times}x.json"
        command, _ = median_of(cli() + ["check", str(path), "--format", "json", "-o", str(out)], args.runs)
        alone, result = audit_seconds(path, args.runs)
        base_cmd, base_audit = base_cmd or command, base_audit or alone
        lines = len(path.read_text(encoding="utf-8").splitlines())
        print(f"{times:>3}x {lines:>7} {result.tables_read:>6} {len(result.findings):>8} {command:>10.3f} "
              f"{command / base_cmd:>5.2f}x {alone:>10.3f} {alone / base_audit:>5.2f}x")
    print(f"(medians of {args.runs} runs; linear growth would be 4x and 16x in the audit column)")


if __name__ == "__main__":
    main()
