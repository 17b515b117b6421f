"""What `check` prints and writes: formats chosen, outputs written, summaries, baselines and exit codes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from keneng_audit.errors import ConfigError
from keneng_audit.findings import SEVERITY_ORDER, AuditResult


def _plain(message: object) -> str:
    """A message on one line with every control character escaped: file names and report text can hold any."""
    from keneng_audit.reporters._safe import terminal_text

    return terminal_text(" ".join(str(message).splitlines()))


def _silence_stdout() -> None:
    """After the reader of stdout went away, send the rest (and the final flush) nowhere instead of failing."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _tally_exit_code(tally, fail_on: str, exit_zero: bool) -> int:
    """As exit_code, from a batch's totals."""
    if tally.failed:
        return 2
    if exit_zero or fail_on == "never":
        return 0
    threshold = SEVERITY_ORDER[fail_on]
    return int(any(n and SEVERITY_ORDER[s] >= threshold for s, n in tally.totals.items()))


def _print_summary(summary: dict, lang: str) -> None:
    from keneng_audit import batch

    for line in batch.summary_lines(summary, lang):
        click.echo(line, err=True)


def _print_batch_summary(results: list[AuditResult], lang: str) -> None:
    """Reports, findings per severity, worst reports first: on stderr, so stdout stays one document (JSON …)."""
    from keneng_audit import batch

    _print_summary(batch.batch_summary(results), lang)


def _with_baseline(results: list[AuditResult], read: str | None, write: Path | None, lang: str,
                   inputs: list[Path] = ()) -> list[AuditResult]:
    """Records the findings when asked (keeping earlier reasons), then drops the ones the baseline accepts."""
    if read is None and write is None:
        return results
    from keneng_audit import baseline

    entries = baseline.load(Path(read)) if read else []
    if write is not None:
        count = baseline.write(write, results, previous=entries, inputs=[i for i in inputs if i != Path(read or "")])
        click.echo(_say(lang, f"已把 {count} 条问题写入基线 {write}", f"{count} findings written to baseline {write}"),
                   err=True)
        entries = baseline.load(write)
    applied = baseline.apply(results, entries)
    _report_baseline(applied, lang)
    return applied.results


def exit_code(results: list[AuditResult], fail_on: str, exit_zero: bool = False) -> int:
    """As ruff: 2 when a report could not be audited, else 1 when a finding reaches `fail_on`, else 0."""
    if any(r.error for r in results):
        return 2
    if exit_zero or fail_on == "never":
        return 0
    threshold = SEVERITY_ORDER[fail_on]
    return int(any(SEVERITY_ORDER[f.severity] >= threshold for r in results for f in r.findings))


def _choose_format(fmt: str, output: Path | None, explicit: bool = False) -> str:
    """-o FILE with a known suffix picks the format unless --format names one; `auto` otherwise picks `github`
    under GitHub Actions, else rich (plain text off a terminal)."""
    from keneng_audit.reporters import BY_SUFFIX

    if output is not None and (fmt == "auto" or not explicit) and output.suffix.lower() in BY_SUFFIX:
        return BY_SUFFIX[output.suffix.lower()]
    if fmt != "auto":
        return fmt
    return "github" if os.environ.get("GITHUB_ACTIONS") else "rich"


def _check_output(fmt: str, output: Path | None) -> None:
    from keneng_audit.reporters import is_binary

    if is_binary(fmt) and output is None:
        raise ConfigError(f"--format {fmt} 输出二进制文件，请用 -o FILE 指定文件 / --format {fmt} writes a binary file: give -o FILE")


def _emit(fmt: str, results: list[AuditResult], output: Path | None, lang: str, inputs: list[Path] = ()) -> None:
    from keneng_audit.atomic import atomic_write
    from keneng_audit.reporters import get, is_binary

    render = get(fmt)
    if output is None:
        try:
            render(results, sys.stdout, lang)
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()  # the reader (`| head`) left; the exit code still tells the gate's outcome
        return
    with atomic_write(output, binary=is_binary(fmt), inputs=inputs) as stream:
        render(results, stream, lang)


def _emit_statistics(fmt: str, results: list[AuditResult], output: Path | None, lang: str) -> None:
    """`--statistics`: findings per rule, as JSON with --format json, else as text."""
    from keneng_audit.atomic import atomic_write
    from keneng_audit.reporters import statistics

    render = statistics.render_json if fmt == "json" else statistics.render_text
    if output is None:
        render(results, sys.stdout, lang)
        return
    with atomic_write(output) as stream:
        render(results, stream, lang)


def _print_skipped(results: list[AuditResult], lang: str, err: bool) -> None:
    """`--show-skipped`: after a text report on stdout; on stderr when stdout holds a machine format."""
    from keneng_audit.reporters.statistics import skipped_lines

    for line in skipped_lines(results, lang):
        click.echo(line, err=err)


def _append_step_summary(path: Path, results: list[AuditResult], lang: str) -> None:
    """GitHub Actions shows what is appended to $GITHUB_STEP_SUMMARY on the run's page."""
    from keneng_audit.reporters.github_report import step_summary

    try:
        with path.open("a", encoding="utf-8") as stream:
            stream.write(step_summary(results, lang))
    except OSError as exc:
        click.echo(f"keneng-audit: GITHUB_STEP_SUMMARY {path}: {exc.strerror}", err=True)


def _report_baseline(applied, lang: str) -> None:
    if applied.accepted:
        click.echo(_say(lang, f"基线已接受 {applied.accepted} 条问题，未列出",
                        f"{applied.accepted} findings accepted by the baseline are not shown"), err=True)
    if applied.stale:
        click.echo(_say(lang, f"基线中有 {len(applied.stale)} 条记录已不再出现（可删除）：",
                        f"{len(applied.stale)} baseline entries no longer occur (stale):"), err=True)
        for entry in applied.stale:
            click.echo(f"  {entry.rule} {entry.where} [{entry.fingerprint}]", err=True)


def _say(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en
