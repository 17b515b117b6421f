"""Benchmark: how check time grows with report size (the sample's tables repeated 1x, 4x, 16x)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from _common import SAMPLE, cli, median_of

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    text = SAMPLE.read_text(encoding="utf-8")
    (HERE / "out").mkdir(exist_ok=True)
    base = None
    for times in (1, 4, 16):
        path = HERE / "out" / f"grown-{times}x.txt"
        path.write_text(grown(text, times), encoding="utf-8")
        seconds, _ = median_of(cli() + ["check", str(path), "--format", "json", "-o", str(HERE / "out" / f"grown-{times}x.json")], args.runs)
        base = base or seconds
        print(f"{times:>2}x tables : {len(path.read_text(encoding='utf-8').splitlines()):>6} lines, "
              f"median {seconds:.3f} s ({seconds / base:.2f}x the 1x time)")


if __name__ == "__main__":
    main()
