"""Benchmark: `keneng-audit check FOLDER -j N` over generated varied reports: reports per second, peak memory of
the parent (the command) and of the largest worker, and a check that every report's result is in the output.

Inputs: `bench/make_variants.py` (the sample and the fixture reports in turn, numbers perturbed); with --pdf or
--docx, those texts laid out as PDF (reportlab, as the tests make them) or DOCX; with --only-sample, variants of
the sample alone (every input of the sample's size: 70-odd pages as PDF). The load average is printed before and
after: on a shared machine the throughput moves with it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from _common import OUT, ROOT, load, precompile

HERE = Path(__file__).parent


def text_inputs(count: int, only_sample: bool = False) -> Path:
    folder = OUT / ("variants-sample" if only_sample else "variants")
    if len(list(folder.glob("report-*.txt"))) < count:
        subprocess.run([sys.executable, str(HERE / "make_variants.py"), "--count", str(count), "--out", str(folder),
                        *(["--only-sample"] if only_sample else [])], check=True)
    return folder


def converted_inputs(count: int, kind: str, only_sample: bool = False) -> Path:
    """The first `count` text variants as PDF or DOCX files (made once, kept in bench/out/variants[-sample]-KIND)."""
    texts = sorted(text_inputs(count, only_sample).glob("report-*.txt"))[:count]
    folder = OUT / f"variants{'-sample' if only_sample else ''}-{kind}"
    folder.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    from tests.make_fixtures import text_pages, write_docx, write_text_pdf

    for text_file in texts:
        target = folder / text_file.with_suffix(f".{kind}").name
        if target.exists():
            continue
        if kind == "pdf":
            pages, header = text_pages(_decode(text_file))
            write_text_pdf(pages, target, header)
        else:
            from keneng_audit.reading import read_report

            write_docx(read_report(text_file), target)
    return folder


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def staged(folder: Path, suffix: str, count: int, only_sample: bool = False) -> Path:
    """A folder holding exactly the first `count` inputs (links), so that `check FOLDER` audits just those."""
    batch = OUT / f"batch-{suffix}{'-sample' if only_sample else ''}-{count}"
    batch.mkdir(parents=True, exist_ok=True)
    wanted = {f.name: f for f in sorted(folder.glob(f"report-*.{suffix}"))[:count]}
    for old in batch.iterdir():
        if old.name not in wanted:
            old.unlink()
    for name, source in wanted.items():
        if not (batch / name).exists():
            (batch / name).symlink_to(source.resolve())
    return batch


def counted(out: Path, fmt: str) -> tuple[int, int]:
    """(reports, failed reports) in the output, read line by line (the file may be large)."""
    reports = failed = 0
    with open(out, encoding="utf-8") as stream:
        for line in stream:
            if fmt == "jsonl":  # one report per line; a report that could not be audited has a top-level error
                reports += 1
                failed += "error" in json.loads(line)
            elif line.startswith('      "file": '):
                reports += 1
            elif line.startswith('      "error": '):
                failed += 1
    return reports, failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--format", choices=["json", "jsonl"], default="json")
    parser.add_argument("--pdf", action="store_true", help="PDF inputs (laid out from the text variants)")
    parser.add_argument("--docx", action="store_true", help="DOCX inputs (built from the text variants)")
    parser.add_argument("--only-sample", action="store_true",
                        help="variants of the sample only: every report of the sample's size (the default mixes in "
                             "the fixture reports, most of them a few pages)")
    args = parser.parse_args()
    precompile()
    kind = "pdf" if args.pdf else "docx" if args.docx else "txt"
    folder = text_inputs(args.count, args.only_sample) if kind == "txt" else \
        converted_inputs(args.count, kind, args.only_sample)
    batch = staged(folder, kind, args.count, args.only_sample)
    out = OUT / f"batch.{args.format}"
    peak_file = OUT / "batch.peak"
    command = [sys.executable, str(HERE / "_peak.py"), "check", str(batch), "-j", str(args.jobs),
               "--format", args.format, "-o", str(out)]
    print(f"before     : {load()}")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          env={**os.environ, "PEAK_FILE": str(peak_file)})
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"after      : {load()}")
    if proc.returncode not in (0, 1, 2):
        raise SystemExit(f"check exited {proc.returncode}: {proc.stderr[-800:]}")
    parent_mb, worker_mb, parent_cpu = map(float, peak_file.read_text(encoding="utf-8").split())
    reports, failed = counted(out, args.format)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"command    : keneng-audit check {batch} -j {args.jobs} --format {args.format} -o {out}")
    print(f"inputs     : {args.count} {kind} reports{' (variants of the sample)' if args.only_sample else ''}; "
          f"{sum(f.stat().st_size for f in batch.iterdir()) / args.count / 1024:.0f} KiB each on average; "
          f"exit code {proc.returncode}")
    print(f"in output  : {reports} reports ({failed} could not be audited)"
          f"{'' if reports == args.count else '  <-- MISSING REPORTS'}")
    print(f"wall time  : {seconds:.1f} s; CPU {cpu:.1f} s in all processes ({cpu / args.count * 1000:.0f} ms per "
          f"report), of which the parent {parent_cpu:.1f} s")
    print(f"throughput : {args.count / seconds:.1f} reports/s (target >= 20 for text)")
    print(f"peak RSS   : parent {parent_mb:.0f} MB (target < 200), largest worker {worker_mb:.0f} MB")
    print(f"output     : {out.stat().st_size / 2**20:.0f} MB")


if __name__ == "__main__":
    main()
