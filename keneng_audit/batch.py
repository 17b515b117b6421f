"""Audits many reports at once in worker processes; one broken report never stops the others.

How the command line uses it (`keneng-audit check DIR_OR_FILES... -j N`)::

    from keneng_audit import batch

    files = batch.expand_inputs(reports)            # folders → their .txt/.docx/.pdf files, sorted
    tally = batch.Tally()
    for outcome in batch.outcomes(files, jobs, rule_paths, lang, select=..., render=part_renderer):
        write(outcome.payload)                      # this report's part of the output, rendered by its worker
        tally.add(outcome.file, outcome.error, outcome.counts)
    lines = batch.summary_lines(tally.summary(), lang)   # reports, failed, findings per severity, worst first

`outcomes` loads (and so validates) the rules once in the calling process first, unless given them: a broken rule
file raises RuleFileError before any report is read (exit 2). Every report then becomes exactly one Outcome, in
input order, handed on as soon as it and the reports before it are done (keneng_audit.pool keeps a few per
worker in flight); a report that cannot be read, audited, selected or rendered gets `.error` set instead of
raising, in every -j mode. A worker that dies (out of memory, killed) costs only the report it was auditing;
`timeout` (seconds) turns a report that hangs into a failed result; Ctrl-C or SIGTERM stops every worker at once.
Workers load the rules once (initializer) and send back only what `render` made of each result (or the
AuditResult, for `audit_many`); Documents never cross processes.
"""

from __future__ import annotations

import contextlib
import heapq
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from keneng_audit.errors import KenengError
from keneng_audit.findings import SEVERITY_ORDER, AuditResult

__all__ = ["REPORT_SUFFIXES", "Outcome", "Tally", "expand_inputs", "audit_many", "outcomes", "batch_summary",
           "summary_lines"]

REPORT_SUFFIXES = (".txt", ".docx", ".pdf")

OnDone = Callable[[AuditResult], None]


def expand_inputs(paths: Iterable[str | Path], exclude: Iterable[str] = ()) -> list[Path]:
    """Files as given (in order); folders replaced by the report files inside them, recursively and sorted.

    Hidden files and folders (`.git`, `.~lock…`), Office lock files (`~$report.docx`) and files matching an
    `exclude` glob (on the name or the path below the folder, e.g. `草稿*` or `old/*`) are skipped. Nothing here
    raises for a bad path: a missing file, or a folder that cannot be listed, stays in the list and becomes a
    failed result when audited.
    """
    expanded: list[Path] = []
    seen: set[Path] = set()
    patterns = tuple(exclude)
    for given in paths:
        path = Path(given)
        found = [f for f in _reports_in(path) if not _excluded(f, path, patterns)] if path.is_dir() else [path]
        for file in found:
            key = Path(os.path.abspath(file))
            if key not in seen:
                seen.add(key)
                expanded.append(file)
    return expanded


def _excluded(file: Path, folder: Path, patterns: tuple[str, ...]) -> bool:
    import fnmatch

    if file.name.startswith("~$"):  # Word's and WPS's lock file beside an open document
        return True
    below = file.relative_to(folder).as_posix() if file.is_relative_to(folder) else file.name
    return any(fnmatch.fnmatch(file.name, p) or fnmatch.fnmatch(below, p) for p in patterns)


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
    already loaded by the caller (used in this process; worker processes load their own). This holds every
    result: for many reports, `outcomes` with a `render` keeps only what it needs.
    """
    results = []
    for outcome in outcomes(paths, jobs, rule_paths, lang, bundled=bundled, timeout=timeout, packs=packs):
        results.append(_notify(outcome.payload, on_done))
    return results


@dataclass(frozen=True)
class Outcome:
    """What the caller gets of one report: file, error, counts per severity (after `select`) and the payload:
    `render(result)` when a render function was given (e.g. the report's part of the output, as text), else
    the AuditResult itself."""

    file: str
    error: str | None
    counts: dict[str, int]
    payload: object = None


def outcomes(paths: Iterable[str | Path], jobs: int | None = 1, rule_paths: Sequence[str | Path] = (),
             lang: str = "zh", *, bundled: bool = True, timeout: float | None = None, packs: list | None = None,
             select: Callable[[AuditResult], AuditResult] | None = None,
             render: Callable[[AuditResult], object] | None = None,
             audit: Callable[..., AuditResult] | None = None) -> Iterator[Outcome]:
    """One Outcome per report, in input order, as soon as it and every report before it are done.

    `select` and `render` run where the report was audited (a worker process, or here with jobs=1), so that only
    the rendered bytes cross processes; both must be picklable (module-level functions or their instances). An
    exception in either becomes the report's error, like any other failure of one report. `audit`: the function
    that audits one report in this process (keneng_audit.audit.audit_report unless given; workers always use it).
    """
    from keneng_audit import pool
    from keneng_audit.audit import load_rules

    files = expand_inputs(paths)
    rule_paths = [Path(p) for p in rule_paths]
    if packs is None:
        packs = load_rules(rule_paths, bundled)  # validates the rules once, before any work starts
    jobs = min(jobs or os.cpu_count() or 1, max(len(files), 1))
    if jobs <= 1:
        _worker.update(packs=packs, lang=lang, timeout=timeout, select=select, render=render, audit=audit)
        for path in files:
            yield _audit_in_worker(str(path))
        return
    setup = (rule_paths, bundled, lang, timeout, select, render)

    def on_error(i: int, exc: BaseException) -> Outcome:
        reason = "审计进程意外退出 / the worker process died" if isinstance(exc, pool.WorkerDied) else _describe(exc)
        return _finish(_failed(files[i], f"{files[i]}: {reason}"), select, render)

    for _, outcome in pool.ordered([str(f) for f in files], _audit_in_worker, jobs, _init_worker, setup, on_error):
        yield outcome


# Per worker process: the rule packs, loaded once by the initializer (Documents never cross processes).
_worker: dict = {}


def _init_worker(rule_paths: list[Path], bundled: bool, lang: str, timeout: float | None, select, render) -> None:
    from keneng_audit import collector
    from keneng_audit.audit import load_rules

    _worker.update(packs=load_rules(rule_paths, bundled), lang=lang, timeout=timeout, select=select, render=render,
                   audit=None)
    collector.settle()


def _audit_in_worker(path: str) -> Outcome:
    result = _audit_safely(Path(path), _worker["packs"], _worker["lang"], _worker["timeout"], _worker["audit"])
    return _finish(result, _worker["select"], _worker["render"])


def _finish(result: AuditResult, select, render) -> Outcome:
    """The report's Outcome; a selection or rendering that fails makes the report a failed one (rendered too)."""
    try:
        if select is not None:
            result = select(result)
        payload = render(result) if render is not None else result
    except Exception as exc:  # noqa: BLE001 - one report's output must not cost the batch
        result = _failed(Path(result.file), f"{result.file}: {_describe(exc)}")
        try:
            payload = render(result) if render is not None else result
        except Exception:  # noqa: BLE001 - the error alone, then
            payload = None
    return Outcome(file=result.file, error=result.error, counts=result.counts(), payload=payload)


class _TimedOut(BaseException):
    """Raised by the alarm; a BaseException, so that the `except Exception` guards inside the audit let it pass."""


def _audit_safely(path: Path, packs: list, lang: str, timeout: float | None = None, audit=None) -> AuditResult:
    from keneng_audit.audit import audit_report

    audit_report = audit or audit_report
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


class Tally:
    """Totals of a batch, report by report, in constant memory: counts plus the `top` worst reports."""

    def __init__(self, top: int = 10) -> None:
        self.top = top
        self.reports = self.failed = self.clean = 0
        self.totals = dict.fromkeys(SEVERITY_ORDER, 0)
        self._worst: list[tuple[tuple, int, dict]] = []  # min-heap of the worst `top`

    def add(self, file: str, error: str | None, counts: dict[str, int]) -> None:
        self.reports += 1
        for severity, n in counts.items():
            self.totals[severity] += n
        findings = sum(counts.values())
        self.failed += bool(error)
        self.clean += not error and not findings
        if error or not findings:
            return
        row = {"file": file, **counts, "findings": findings, "failed": None}
        # Worst first; among equals, the earlier report (as sorted() keeps input order for ties).
        entry = ((counts["error"], counts["warning"], counts["info"]), -self.reports, row)
        if len(self._worst) < self.top:
            heapq.heappush(self._worst, entry)
        elif entry[:2] > self._worst[0][:2]:
            heapq.heapreplace(self._worst, entry)

    def summary(self) -> dict:
        """As batch_summary."""
        return {
            "reports": self.reports, "failed": self.failed, "clean": self.clean,
            "findings": {**self.totals, "total": sum(self.totals.values())},
            "worst": [row for *_, row in sorted(self._worst, key=lambda e: e[:2], reverse=True)],
        }


def batch_summary(results: Sequence[AuditResult], top: int = 10) -> dict:
    """Totals of a batch plus its worst audited reports, by errors, warnings, infos (failed ones are counted).

    {"reports": 3, "failed": 1, "clean": 1, "findings": {"error": 5, "warning": 2, "info": 0, "total": 7},
     "worst": [{"file": ..., "error": 5, "warning": 2, "info": 0, "findings": 7, "failed": None}, ...]}
    `worst` lists at most `top` audited reports that have findings; each failed report was already named
    on its own line when it failed.
    """
    tally = Tally(top)
    for r in results:
        tally.add(r.file, r.error, r.counts())
    return tally.summary()


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
