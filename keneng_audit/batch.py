"""Audits many reports at once in worker processes; one broken report never stops the others.

How the command line uses it (`keneng-audit check DIR_OR_FILES... -j N`)::

    from keneng_audit import batch

    files = batch.expand_inputs(reports)            # folders → their .txt/.docx/.pdf files, sorted
    results = batch.audit_many(files, jobs, rule_paths, lang, on_done=advance_progress_bar, timeout=None)
    summary = batch.batch_summary(results)          # reports, failed, findings per severity, worst first
    lines = batch.summary_lines(summary, lang)      # the same as plain text, Chinese or English

`audit_many` loads (and so validates) the rules once in the calling process first, unless given them: a broken rule
file raises RuleFileError before any report is read (exit 2). Every report then becomes exactly one AuditResult, in
input order; a report that cannot be read or audited gets `.error` set instead of raising. `on_done(result)` is
called in the calling process as each report finishes (in completion order), e.g. to advance a progress bar. A
worker that dies (out of memory, killed) costs only the report it was auditing; `timeout` (seconds) turns a report
that hangs into a failed result. Workers load the rules once (initializer) and send back AuditResults only;
Documents never cross processes. `check` uses it for folders and -j (with --timeout, a progress bar and a summary
on stderr).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from keneng_audit.errors import KenengError
from keneng_audit.findings import SEVERITY_ORDER, AuditResult

__all__ = ["REPORT_SUFFIXES", "expand_inputs", "audit_many", "batch_summary", "summary_lines"]

REPORT_SUFFIXES = (".txt", ".docx", ".pdf")

OnDone = Callable[[AuditResult], None]


def expand_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given (in order); folders replaced by the report files inside them, recursively and sorted.

    Hidden files and folders (`.git`, `.~lock…`) are skipped. Nothing here raises for a bad path: a missing
    file, or a folder that cannot be listed, stays in the list and becomes a failed result when audited.
    """
    expanded: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        found = _reports_in(path) if path.is_dir() else [path]
        for file in found:
            key = Path(os.path.abspath(file))
            if key not in seen:
                seen.add(key)
                expanded.append(file)
    return expanded


def _reports_in(folder: Path) -> list[Path]:
    unreadable: list[Path] = []
    files: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=lambda exc: unreadable.append(Path(exc.filename))):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            file = Path(root, name)
            # Regular files (and dangling links, reported as missing): reading a FIFO named *.txt would block.
            if not name.startswith(".") and name.lower().endswith(REPORT_SUFFIXES) and (
                    file.is_file() or not file.exists()):
                files.append(file)
    # A folder that cannot be listed is kept, so that it is reported rather than silently skipped.
    return sorted(files + unreadable)


def audit_many(paths: Iterable[str | Path], jobs: int | None = 1, rule_paths: Sequence[str | Path] = (),
               lang: str = "zh", on_done: OnDone | None = None, bundled: bool = True,
               timeout: float | None = None, packs: list | None = None) -> list[AuditResult]:
    """One AuditResult per report (folders expanded), in input order, audited by `jobs` worker processes.

    jobs=1 audits in this process; jobs=None or 0 uses every CPU. Rule-file errors raise RuleFileError before
    any report is read; any failure of one report (KenengError or not, even a worker that dies) becomes that
    report's result with `.error` set. `timeout` (seconds per report, where the platform has SIGALRM) turns a
    report that takes longer into a failed result instead of a hung batch. `packs`: the rules of `rule_paths`
    already loaded by the caller (used in this process; worker processes load their own).
    """
    from keneng_audit.audit import load_rules

    files = expand_inputs(paths)
    rule_paths = [Path(p) for p in rule_paths]
    if packs is None:
        packs = load_rules(rule_paths, bundled)  # validates the rules once, before any work starts
    jobs = min(jobs or os.cpu_count() or 1, max(len(files), 1))
    if jobs <= 1:
        return [_notify(_audit_safely(path, packs, lang, timeout), on_done) for path in files]
    results: list[AuditResult | None] = [None] * len(files)
    setup = (rule_paths, bundled, lang, timeout)
    pending = list(range(len(files)))
    while pending:
        crashed = _run_pool(files, pending, jobs, setup, results, on_done)
        # A worker that died (killed, out of memory, crashed interpreter) takes its pool down with it. Reports
        # run in submission order, so the culprit is among the first few lost (those in flight or queued): they
        # are retried one at a time in fresh processes, so only the culprit fails; the rest go on in parallel.
        suspects, pending = crashed[:jobs + 1], crashed[jobs + 1:]
        for i in suspects:
            if _run_pool(files, [i], 1, setup, results, on_done):
                results[i] = _notify(_failed(files[i], f"{files[i]}: 审计进程意外退出 / the worker process died"),
                                     on_done)
    return [r for r in results if r is not None]


def _run_pool(files: list[Path], indices: Iterable[int], jobs: int, setup: tuple, results: list,
              on_done: OnDone | None) -> list[int]:
    """Audits files[i] for each i into results[i]; returns the indices lost to a broken pool."""
    crashed: list[int] = []
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=setup) as pool:
        futures: dict[Future, int] = {pool.submit(_audit_in_worker, str(files[i])): i for i in indices}
        for future in as_completed(futures):
            i = futures[future]
            try:
                results[i] = _notify(future.result(), on_done)
            except BrokenProcessPool:
                crashed.append(i)
            except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be sent back
                results[i] = _notify(_failed(files[i], f"{files[i]}: {_describe(exc)}"), on_done)
    return sorted(crashed)


# Per worker process: the rule packs, loaded once by the initializer (Documents never cross processes).
_worker: dict = {}


def _init_worker(rule_paths: list[Path], bundled: bool, lang: str, timeout: float | None) -> None:
    from keneng_audit.audit import load_rules

    _worker.update(packs=load_rules(rule_paths, bundled), lang=lang, timeout=timeout)


def _audit_in_worker(path: str) -> AuditResult:
    return _audit_safely(Path(path), _worker["packs"], _worker["lang"], _worker["timeout"])


class _TimedOut(BaseException):
    """Raised by the alarm; a BaseException, so that the `except Exception` guards inside the audit let it pass."""


def _audit_safely(path: Path, packs: list, lang: str, timeout: float | None = None) -> AuditResult:
    from keneng_audit.audit import audit_report

    if path.is_dir():  # only a folder that could not be listed gets here
        return _failed(path, f"{path}: 无法读取目录 / the folder cannot be read")
    try:
        with _alarm(timeout):
            return audit_report(path, lang=lang, packs=packs)
    except _TimedOut:
        return _failed(path, f"{path}: 超时（{timeout:g} 秒）/ timed out after {timeout:g} s")
    except KenengError as exc:
        return _failed(path, str(exc))
    except Exception as exc:  # noqa: BLE001 - one broken report must not stop the batch
        return _failed(path, f"{path}: {_describe(exc)}")


@contextlib.contextmanager
def _alarm(seconds: float | None):
    """Raises _TimedOut after `seconds`; only where SIGALRM exists and in the main thread (else no limit)."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def fire(signum, frame):
        raise _TimedOut

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _describe(exc: BaseException) -> str:
    return f"内部错误 / internal error: {type(exc).__name__}: {exc}"


def _failed(path: Path, error: str) -> AuditResult:
    """A report that could not be audited; `error` is one line that starts with the file's name."""
    return AuditResult(file=str(path), error=error)


def _notify(result: AuditResult, on_done: OnDone | None) -> AuditResult:
    if on_done is not None:
        on_done(result)
    return result


def batch_summary(results: Sequence[AuditResult], top: int = 10) -> dict:
    """Totals of a batch plus its worst audited reports, by errors, warnings, infos (failed ones are counted).

    {"reports": 3, "failed": 1, "clean": 1, "findings": {"error": 5, "warning": 2, "info": 0, "total": 7},
     "worst": [{"file": ..., "error": 5, "warning": 2, "info": 0, "findings": 7, "failed": None}, ...]}
    `worst` lists at most `top` audited reports that have findings; each failed report was already named
    on its own line when it failed.
    """
    totals = dict.fromkeys(SEVERITY_ORDER, 0)
    rows = []
    for r in results:
        counts = r.counts()
        for severity, n in counts.items():
            totals[severity] += n
        rows.append({"file": r.file, **counts, "findings": len(r.findings), "failed": r.error})
    ranked = sorted((row for row in rows if not row["failed"] and row["findings"]),
                    key=lambda row: (-row["error"], -row["warning"], -row["info"]))
    return {
        "reports": len(results),
        "failed": sum(1 for r in results if r.error),
        "clean": sum(1 for r in results if not r.error and not r.findings),
        "findings": {**totals, "total": sum(totals.values())},
        "worst": ranked[:top],
    }


def summary_lines(summary: dict, lang: str = "zh") -> list[str]:
    """The summary as plain text lines (for a terminal or a log), Chinese or English."""
    f = summary["findings"]
    if lang == "zh":
        lines = [f"共 {summary['reports']} 份报告：{summary['failed']} 份无法核查，{summary['clean']} 份未发现问题；"
                 f"错误 {f['error']}，警告 {f['warning']}，提示 {f['info']}"]
        if summary["worst"]:
            lines.append("问题最多的报告：")
    else:
        lines = [f"{summary['reports']} reports: {summary['failed']} could not be audited, {summary['clean']} clean; "
                 f"{f['error']} errors, {f['warning']} warnings, {f['info']} infos"]
        if summary["worst"]:
            lines.append("worst reports:")
    for row in summary["worst"]:
        if lang == "zh":
            lines.append(f"  {row['file']}：错误 {row['error']}，警告 {row['warning']}，提示 {row['info']}")
        else:
            lines.append(f"  {row['file']}: {row['error']} errors, {row['warning']} warnings, {row['info']} infos")
    return lines
