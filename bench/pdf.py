"""Benchmark: `keneng-audit check` on the sample as PDF against the same check on its text, with peak memory.

Three PDFs are built from the sample: with the test-fixture writers (reportlab), the report's lines page by page
(74 pages, text only, as the sample was printed) and the report typeset with ruled tables (38 pages); and, when
Chromium is installed, the report laid out as HTML and printed by Chromium (≈ 51 pages, real fonts, a running
header and `第 N 页 共 M 页`, HTML tables: every glyph an object of its own, every cell border a box), the way a
real export is drawn; and, when LibreOffice is installed, the report as a Writer document printed by LibreOffice
(tests/make_office_exports.py: heading styles, captions, merged cells, header rows repeated over page ends). Each check runs in its own child process, alternately with the text check, so a change
of the machine's load hits both alike; CPU seconds (user + system of the child) are reported beside wall time
because the benchmark machine is shared. `--read-only` times `read_report` alone (in-process, best of the runs).
Target: a PDF costs ≤ 1.5 s, stated also as a ratio to the text file's check.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys

from _common import ROOT, SAMPLE, precompile

# Runs one check in this child and reports its own cost: nothing of the parent's imports is counted.
_CHILD = """
import resource, sys, time
start = time.perf_counter()
from keneng_audit.cli import main
try:
    main(["check", sys.argv[1], "--format", "json", "-o", sys.argv[2]], standalone_mode=False)
except SystemExit:
    pass
usage = resource.getrusage(resource.RUSAGE_SELF)
print(f"{time.perf_counter() - start} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss / 1024}")
"""


def build_pdfs(out_dir) -> dict[str, object]:
    sys.path.insert(0, str(ROOT))
    from keneng_audit.reading import read_report
    from keneng_audit.reading.decode import decode_text
    from tests.make_exports import chromium, print_pdf, report_html
    from tests.make_fixtures import text_pages, write_ruled_pdf, write_text_pdf

    pages, header = text_pages(decode_text(str(SAMPLE), SAMPLE.read_bytes()))
    doc = read_report(SAMPLE)
    lines_pdf = write_text_pdf(pages, out_dir / "sample-lines.pdf", header)
    ruled_pdf = write_ruled_pdf(doc, out_dir / "sample-ruled.pdf", header)
    inputs = {"text": SAMPLE, "pdf (lines, 74 pages)": lines_pdf, "pdf (ruled tables, 38 pages)": ruled_pdf}
    if chromium() is None:
        print("Chromium not found: the Chromium-printed PDF is left out")
    else:
        printed = print_pdf(report_html(doc, header), out_dir / "sample-chromium.pdf")
        inputs[f"pdf (Chromium, {_page_count(printed)} pages)"] = printed
    if shutil.which("soffice") is None:
        print("LibreOffice not found: the LibreOffice-printed PDF is left out")
    else:
        from tests.make_office_exports import convert, office_fodt

        fodt = out_dir / "sample-office.fodt"
        fodt.write_text(office_fodt(doc), encoding="utf-8")
        printed = convert(fodt, "pdf", out_dir)
        inputs[f"pdf (LibreOffice, {_page_count(printed)} pages)"] = printed
    return inputs


def _page_count(path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def read_times(inputs: dict[str, object], runs: int) -> dict[str, float]:
    """CPU seconds of `read_report` alone per input, best of `runs` (imports and the audit left out)."""
    import time

    from keneng_audit.reading import read_report

    best = {}
    for name, path in inputs.items():
        read_report(path)
        times = []
        for _ in range(runs):
            start = time.process_time()
            read_report(path)
            times.append(time.process_time() - start)
        best[name] = min(times)
    return best


def run_once(path, out) -> tuple[float, float, float]:
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(out)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"check {path} failed: {proc.stderr[-500:]}")
    wall, cpu, rss = (float(x) for x in proc.stdout.split()[-3:])
    return wall, cpu, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--read-only", action="store_true", help="time read_report alone, in this process")
    args = parser.parse_args()
    out_dir = ROOT / "bench" / "out"
    out_dir.mkdir(exist_ok=True)
    precompile()
    inputs = build_pdfs(out_dir)
    if args.read_only:
        with open("/proc/loadavg") as f:
            print(f"load average {f.read().split()[0]}; read_report alone, best of {args.runs} runs (CPU)")
        best = read_times(inputs, args.runs)
        for name, seconds in best.items():
            print(f"{name:30} read {seconds:6.3f} s  ({seconds / best['text']:4.2f}× the text)")
        return
    with open("/proc/loadavg") as f:
        load_before = f.read().split()[0]
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in inputs}
    for name, path in inputs.items():
        run_once(path, out_dir / "pdf-check.json")  # warm the file cache
    for _ in range(args.runs):
        for name, path in inputs.items():
            results[name].append(run_once(path, out_dir / "pdf-check.json"))
    with open("/proc/loadavg") as f:
        load = f.read().split()[0]
    text_wall = statistics.median(r[0] for r in results["text"])
    text_cpu = statistics.median(r[1] for r in results["text"])
    report = {"runs": args.runs, "load": float(load), "load_before": float(load_before), "checks": {}}
    print(f"load average {load_before} before, {load} after; median of {args.runs} runs; each check in its own "
          "process (imports included)")
    for name, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        rss = max(r[2] for r in runs)
        report["checks"][name] = {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3), "peak_rss_mb": round(rss, 1),
                                  "wall_ratio_to_text": round(wall / text_wall, 2),
                                  "cpu_ratio_to_text": round(cpu / text_cpu, 2)}
        print(f"{name:32} wall {wall:6.2f} s ({wall / text_wall:4.2f}× text)  cpu {cpu:6.2f} s "
              f"({cpu / text_cpu:4.2f}× text)  peak {rss:6.1f} MB")
    (out_dir / "pdf.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
