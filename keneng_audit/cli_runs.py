"""How `check` runs its reports: one by one or in workers, collected or streamed to the output as they come."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import click

from keneng_audit.cli_output import _plain, _say, _silence_stdout
from keneng_audit.errors import KenengError
from keneng_audit.findings import AuditResult


def _outcomes(backend: ModuleType, reports: tuple[Path, ...], jobs: int, rule_paths: list[Path], packs: list,
              lang: str, timeout: float | None, selection, render=None, scanned: frozenset[Path] = frozenset()):
    """Each report's batch.Outcome in input order behind a progress bar; each failure one stderr line as it comes.

    A file a folder scan found that cannot be read stays a failure (exit 2): it may be a report nobody audited
    (a damaged DOCX, a text in an encoding we cannot tell), and a gate must not pass it. Its line says how to
    leave it out of the scan if it is not a report."""
    from keneng_audit import batch
    from keneng_audit.errors import InputError, one_language
    from keneng_audit.reporters.progress import progress

    files = batch.expand_inputs(reports)
    if not files:
        raise InputError(f"{' '.join(map(str, reports))}: 没有报告文件 (.txt/.docx/.pdf) / no report files found")
    with progress(len(files), _say(lang, "核查中", "auditing")) as advance:
        for outcome in batch.outcomes(files, jobs, rule_paths, lang, timeout=timeout, packs=packs,
                                      select=selection.apply, render=render, audit=backend.audit_report):
            advance(outcome)
            if outcome.error:
                hint = _say(lang, "（若它不是报告，可用 --exclude 排除）", " (if it is not a report, leave it out with "
                            "--exclude)") if Path(outcome.file) in scanned else ""
                click.echo(f"keneng-audit: {_plain(one_language(outcome.error, lang))}{hint}", err=True)
            yield outcome


def _looks_like_report(path: Path, lang: str) -> bool:
    """Cheap test before any audit: a .txt file must print at least one caption 表 N / 附表 N."""
    import re

    from keneng_audit.errors import KenengError
    from keneng_audit.reading import read_bounded
    from keneng_audit.reading.decode import decode_text

    if path.suffix.lower() != ".txt":
        return True
    try:
        text = decode_text(str(path), read_bounded(path))
    except (KenengError, OSError):
        return True  # unreadable: audited, so that it is reported as such
    if re.search(r"(附\s*)?表\s*[0-9０-９]", text):
        return True
    click.echo(_say(lang, f"keneng-audit: 跳过 {path}：不像质量报告（没有“表 N”标题）",
                    f"keneng-audit: skipped {path}: not a quality report (no “表 N” caption)"), err=True)
    return False


def _without_non_reports(results: list[AuditResult], scanned: set[Path], lang: str) -> list[AuditResult]:
    """A file a folder scan found that has no table at all (a 说明.txt) is not a report: listed as skipped on
    stderr, not failed. A file named on the command line stays an error finding (KA001)."""
    kept = []
    for result in results:
        if Path(result.file) in scanned and any(f.rule == "KA001" for f in result.findings):
            click.echo(_say(lang, f"keneng-audit: 跳过 {result.file}：不像质量报告（没有表格）",
                            f"keneng-audit: skipped {result.file}: not a quality report (no table)"), err=True)
            continue
        kept.append(result)
    return kept


def _audit_batch(backend: ModuleType, reports: tuple[Path, ...], jobs: int, rule_paths: list[Path], packs: list,
                 lang: str, timeout: float | None, selection, scanned: frozenset[Path] = frozenset()) -> list[AuditResult]:
    """Every report's result (selection applied), for the formats that need them all at once."""
    return [o.payload for o in _outcomes(backend, reports, jobs, rule_paths, packs, lang, timeout, selection,
                                         scanned=scanned)]


def _stream_batch(backend: ModuleType, reports: tuple[Path, ...], jobs: int, rule_paths: list[Path], packs: list,
                  lang: str, timeout: float | None, selection, fmt: str, output: Path | None, inputs=(),
                  scanned: frozenset[Path] = frozenset()):
    """Writes each report's part of the output as it arrives (rendered by its worker); returns the batch.Tally."""
    from keneng_audit import batch, streaming
    from keneng_audit.atomic import atomic_write

    tally = batch.Tally()
    parts = _outcomes(backend, reports, jobs, rule_paths, packs, lang, timeout, selection,
                      render=streaming.Part(fmt, lang), scanned=scanned)

    def write(stream) -> None:
        writer = streaming.Writer(fmt, stream, lang)
        writer.head()
        for outcome in parts:
            writer.part(outcome.payload)
            tally.add(outcome.file, outcome.error, outcome.counts)
        writer.tail()

    if output is not None:
        with atomic_write(output, inputs=inputs) as stream:
            write(stream)
        return tally
    try:
        write(sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()  # the reader (`| head`) left; the exit code still tells the gate's outcome
        for outcome in parts:
            tally.add(outcome.file, outcome.error, outcome.counts)
    return tally


def _audit_one(backend: ModuleType, path: Path, rule_paths: list[Path], packs: list, lang: str,
               single: bool, infer: bool = True) -> AuditResult:
    """One report's result; with several reports an unreadable one is reported (exit 2) and the rest still run."""
    try:
        return backend.audit_report(path, rule_paths, lang, packs=packs, **({} if infer else {"infer": False}))
    except KenengError as exc:
        if single:
            raise
        click.echo(f"keneng-audit: {_plain(exc)}", err=True)
        return AuditResult(file=str(path), error=str(exc))
