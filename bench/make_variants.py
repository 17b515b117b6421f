"""Generates N varied reports: the sample and the test fixtures' reports (other schools, layouts, encodings) in
turn, each with 0–6 numbers of its table rows changed by 1–3 in the last digit (seeded)."""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from _common import ROOT, SAMPLE

NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
# Table data rows: a label followed by at least two numbers.
ROW = re.compile(r"^\s*\S.*?\s\d+(?:\.\d+)?%?\s+\d+(?:\.\d+)?%?")


def bases() -> list[tuple[str, bytes, str]]:
    """(name, bytes, encoding) of every report to vary: the sample first, then each fixture report as stored."""
    found = [("sample", SAMPLE.read_bytes(), "utf-8")]
    for path in sorted((ROOT / "tests" / "fixtures").glob("*/report.txt")):
        data = path.read_bytes()
        for encoding in ("utf-8", "gb18030"):
            try:
                data.decode(encoding)
            except UnicodeDecodeError:
                continue
            found.append((path.parent.name, data, encoding))
            break
    return found


def perturb(text: str, rng: random.Random, changes: int) -> str:
    lines = text.split("\n")
    candidates = [i for i, line in enumerate(lines) if ROW.match(line)]
    for i in rng.sample(candidates, min(changes, len(candidates))):
        numbers = list(NUMBER.finditer(lines[i]))
        m = rng.choice(numbers)
        old = m.group(0)
        decimals = len(old.split(".")[1]) if "." in old else 0
        new = f"{float(old) + rng.choice([-3, -2, -1, 1, 2, 3]) * 10 ** -decimals:.{decimals}f}".lstrip("-")
        lines[i] = lines[i][: m.start()] + new + lines[i][m.end():]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "variants")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--only-sample", action="store_true",
                        help="variants of the sample only (every report of the sample's size)")
    args = parser.parse_args()
    sources = bases()[:1] if args.only_sample else bases()
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    for n in range(args.count):
        name, data, encoding = sources[n % len(sources)]
        text = perturb(data.decode(encoding), rng, rng.randint(0, 6))
        (args.out / f"report-{n:04d}.txt").write_bytes(text.encode(encoding))
    print(f"{args.count} variants of {', '.join(s[0] for s in sources)} written to {args.out}")


if __name__ == "__main__":
    main()
