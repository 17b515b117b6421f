"""Byte-for-byte output check: `check` of a set of reports in every format, saved once and compared after a change.

    python bench/identical.py save   # before a change: bench/out/identical/<report>.<lang>.<format>
    python bench/identical.py        # after it: every output compared byte for byte with the saved one

To save the outputs of another tree (main, before a change) with the same inputs and paths:
    git worktree add --detach /tmp/base main && PYTHONPATH=/tmp/base .venv/bin/python bench/identical.py save
XLSX files are compared member by member without their creation time. `--as-command` (or `--regex-cache`) starts
as the console command does: every pattern compiled through keneng_audit.regex_cache (compare twice, once storing
the patterns, once reading them) and dataclass methods compiled on first call (keneng_audit.lazy_methods).

Reports: the sample, every fixture report (text and DOCX), a few generated variants and the sample grown 4x (as
bench/scaling.py makes it). Runs in this process through click's test runner (one start-up for all of them).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _common import OUT, ROOT, SAMPLE

FORMATS = ("json", "jsonl", "markdown", "csv", "xlsx", "sarif", "github", "junit", "html", "rich")
SAVED = OUT / "identical"


def reports() -> list[Path]:
    """The reports compared: sample, fixtures (text, DOCX), eight generated variants, the sample grown 4x."""
    found = [SAMPLE]
    fixtures = ROOT / "tests" / "fixtures"
    found += sorted(p for p in fixtures.rglob("*.txt") if "expected" not in p.parts)
    found += sorted(fixtures.rglob("*.docx"))
    variants = OUT / "variants"
    if len(list(variants.glob("report-*.txt"))) < 8:
        import subprocess

        subprocess.run([sys.executable, str(Path(__file__).with_name("make_variants.py")), "--count", "8"],
                       check=True)
    found += sorted(variants.glob("report-*.txt"))[:8]
    from scaling import grown as grow

    grown = OUT / "identical-inputs" / "grown-4x.txt"
    grown.parent.mkdir(parents=True, exist_ok=True)
    grown.write_text(grow(SAMPLE.read_text(encoding="utf-8"), 4, appendix=True), encoding="utf-8")
    return found + [grown]


def name_of(path: Path) -> str:
    """A flat, unique file name for a report's outputs."""
    try:
        rel = path.resolve().relative_to(ROOT)
    except ValueError:
        rel = Path(path.name)
    return "_".join(rel.parts)


def runs() -> list[tuple[Path, str, str, list[str]]]:
    """(report, format, lang, extra options) of every output."""
    out = []
    for report in reports():
        for fmt in FORMATS:
            out.append((report, fmt, "zh", []))
        out.append((report, "json", "en", []))
        out.append((report, "rich", "en", []))
    out.append((SAMPLE, "json", "zh", ["--no-infer"]))
    return out


def canonical(name: str, data: bytes) -> bytes:
    """The bytes compared: an XLSX's members less its creation time (docProps/core.xml and zip dates)."""
    if not name.endswith(".xlsx"):
        return data
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return b"".join(n.encode() + b"\0" + book.read(n) for n in book.namelist() if n != "docProps/core.xml")


def produce(folder: Path) -> dict[str, bytes]:
    """Every output of `runs()`, written into `folder`, by file name."""
    import os

    from click.testing import CliRunner

    from keneng_audit.cli import main

    os.environ["COLUMNS"] = "120"
    folder.mkdir(parents=True, exist_ok=True)
    outputs = {}
    runner = CliRunner()
    for report, fmt, lang, extra in runs():
        name = f"{name_of(report)}.{lang}{''.join(extra)}.{fmt}"
        target = folder / name
        args = ["check", str(report), "--format", fmt, "--lang", lang, "-o", str(target), *extra]
        result = runner.invoke(main, args)
        code = result.exit_code
        if code not in (0, 1):
            raise SystemExit(f"{' '.join(args)} exited {code}: {result.output[-500:]}")
        outputs[name] = canonical(name, target.read_bytes()) + f"\nexit {code}".encode()
    return outputs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("action", nargs="?", choices=["save", "compare"], default="compare")
    parser.add_argument("--as-command", "--regex-cache", dest="as_command", action="store_true",
                        help="start as the console command: stored patterns, dataclass methods compiled on first call")
    args = parser.parse_args()
    if args.as_command:  # before the package's modules load: patterns and classes are built as they import
        from keneng_audit import lazy_methods, regex_cache
        from keneng_audit.cache import cache_dir

        if not regex_cache.install(cache_dir()) or not lazy_methods.install():
            raise SystemExit("start-up hooks could not be installed (no cache folder, or another Python)")
    if args.action == "save":
        outputs = produce(SAVED)
        print(f"{len(outputs)} outputs saved in {SAVED}")
        (SAVED / "EXIT").write_text("\n".join(f"{k} {v[-1:].decode()}" for k, v in sorted(outputs.items())))
        return
    saved = {p.name: canonical(p.name, p.read_bytes()) for p in SAVED.iterdir() if p.name != "EXIT"}
    exits = dict(line.rsplit(" ", 1) for line in (SAVED / "EXIT").read_text().splitlines())
    outputs = produce(OUT / "identical-now")
    differ = [k for k, v in sorted(outputs.items())
              if k not in saved or saved[k] + f"\nexit {exits[k]}".encode() != v]
    print(f"{len(outputs)} outputs compared with {SAVED}: {len(differ)} differ")
    for name in differ:
        print(f"  DIFFERS: {name}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
