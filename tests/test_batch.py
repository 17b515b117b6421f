"""Batch audits: folders expanded, results in input order, broken reports (and dead workers) isolated."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import time
from pathlib import Path

import pytest

from keneng_audit import audit, batch
from keneng_audit.errors import RuleFileError
from keneng_audit.findings import AuditResult, Finding, FindingLocation
from keneng_audit.resources import sample_report
from tests.robustness.make_corpus import CORPUS

GOOD = CORPUS / "good-report.txt"


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    shutil.copy(GOOD, tmp_path / "b" / "z.TXT")
    shutil.copy(GOOD, tmp_path / "a.txt")
    shutil.copy(CORPUS / "fake.docx", tmp_path / "b" / "c.docx")
    shutil.copy(GOOD, tmp_path / ".hidden" / "x.txt")
    (tmp_path / "notes.md").write_text("not a report", encoding="utf-8")
    (tmp_path / ".~lock.a.txt").write_text("", encoding="utf-8")
    return tmp_path


def test_expand_inputs_lists_reports_sorted_and_skips_hidden_and_other_files(folder):
    assert batch.expand_inputs([folder]) == [folder / "a.txt", folder / "b" / "c.docx", folder / "b" / "z.TXT"]


def test_expand_inputs_keeps_files_in_given_order_without_duplicates(folder):
    missing = folder / "missing.pdf"
    given = [folder / "b" / "z.TXT", missing, folder, str(folder / "a.txt")]
    assert batch.expand_inputs(given) == [folder / "b" / "z.TXT", missing, folder / "a.txt", folder / "b" / "c.docx"]


def test_expand_inputs_skips_fifos_and_keeps_dangling_links(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    assert batch.expand_inputs([tmp_path]) == [tmp_path / "gone.txt"]


def test_unlistable_folder_is_a_failed_result(tmp_path, monkeypatch):
    def walk(top, onerror=None, **_):
        onerror(PermissionError(13, "Permission denied", str(top)))
        return iter(())

    monkeypatch.setattr(batch.os, "walk", walk)
    (tmp_path / "locked").mkdir()
    [result] = batch.audit_many([tmp_path / "locked"], jobs=1)
    assert result.error == f"{tmp_path / 'locked'}: 无法读取目录 / the folder cannot be read"


def test_broken_reports_do_not_stop_the_others(folder):
    done: list[str] = []
    results = batch.audit_many([folder, folder / "missing.txt"], jobs=1, on_done=lambda r: done.append(r.file))
    assert [r.file for r in results] == done == [str(folder / "a.txt"), str(folder / "b" / "c.docx"),
                                                 str(folder / "b" / "z.TXT"), str(folder / "missing.txt")]
    assert [r.error is None for r in results] == [True, False, True, False]
    assert results[1].error.endswith("a ZIP archive that is not a DOCX document")
    assert results[3].error == f"{folder / 'missing.txt'}: 文件不存在 / no such file"
    assert results[0].tables_read == 1 and results[0].packs == ["national", "inferred"]  # 附表6 absent: shares inferred


def test_unexpected_exception_becomes_a_failed_result(monkeypatch, tmp_path):
    def explode(path, rule_paths=(), lang="zh", bundled=True, packs=None):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(audit, "audit_report", explode)
    [result] = batch.audit_many([GOOD], jobs=1)
    assert result.error == f"{GOOD}: 内部错误 / internal error: ZeroDivisionError: division by zero"


def test_unreadable_file_becomes_a_failed_result(monkeypatch):
    real = Path.open

    def open_(self, *args, **kwargs):
        if self.name == "good-report.txt":
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)
    [result] = batch.audit_many([GOOD], jobs=1)
    assert result.error == f"{GOOD}: 无法读取 / cannot be read (Permission denied)"


def test_broken_rule_file_raises_before_any_report_is_read():
    with pytest.raises(RuleFileError, match="invalid YAML"):
        batch.audit_many([GOOD], jobs=2, rule_paths=[CORPUS / "rules-yaml-error.yaml"],
                         on_done=lambda r: pytest.fail("no report may run"))


def test_workers_give_the_same_results_as_one_process(tmp_path):
    files = [sample_report(), GOOD, CORPUS / "empty.txt", CORPUS / "truncated-appendix.txt"]
    done: list[str] = []
    parallel = batch.audit_many(files, jobs=2, lang="en", on_done=lambda r: done.append(r.file))
    serial = batch.audit_many(files, jobs=1, lang="en")
    assert [r.to_dict() for r in parallel] == [r.to_dict() for r in serial]
    assert [r.file for r in parallel] == [str(f) for f in files] and sorted(done) == sorted(map(str, files))
    assert parallel[2].error == f"{CORPUS / 'empty.txt'}: 文件为空 / the file is empty"
    direct = audit.audit_report(sample_report(), lang="en")
    assert parallel[0].to_dict() == direct.to_dict() and parallel[0].counts()["error"] > 0
    assert parallel[0].findings[0].message.startswith("表2 机电技术应用: code and category disagree")  # lang reached the workers


def _die_on_marked_reports(path, rule_paths=(), lang="zh", bundled=True, packs=None):
    if "die" in Path(path).name:
        os._exit(9)  # as if killed by the out-of-memory killer
    return AuditResult(file=str(path), findings=[Finding("KA001", "demo", "info", "ok", FindingLocation(str(path)))])


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the patched audit reaches workers by fork")
def test_a_dying_worker_costs_only_its_own_report(monkeypatch, tmp_path):
    monkeypatch.setattr(audit, "audit_report", _die_on_marked_reports)
    names = ["a.txt", "die.txt", "b.txt", "c.txt", "d.txt"]
    for name in names:
        (tmp_path / name).write_text("x", encoding="utf-8")
    results = batch.audit_many([tmp_path / n for n in names], jobs=2)
    assert [r.file for r in results] == [str(tmp_path / n) for n in names]
    assert [r.error for r in results] == [None, f"{tmp_path / 'die.txt'}: 审计进程意外退出 / the worker process died",
                                          None, None, None]
    assert all(len(r.findings) == 1 for r in results if r.error is None)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the patched audit reaches workers by fork")
def test_several_dying_workers_in_a_long_batch(monkeypatch, tmp_path):
    monkeypatch.setattr(audit, "audit_report", _die_on_marked_reports)
    names = [f"{n:02d}{'-die' if n in (3, 4, 15) else ''}.txt" for n in range(20)]
    for name in names:
        (tmp_path / name).write_text("x", encoding="utf-8")
    done: list[str] = []
    results = batch.audit_many([tmp_path / n for n in names], jobs=2, on_done=lambda r: done.append(r.file))
    assert [r.file for r in results] == [str(tmp_path / n) for n in names] and sorted(done) == sorted(
        r.file for r in results)  # on_done exactly once per report
    assert [n for n, r in zip(names, results) if r.error] == ["03-die.txt", "04-die.txt", "15-die.txt"]


def _result(name: str, *severities: str, error: str | None = None) -> AuditResult:
    findings = [Finding("KA001", "demo", s, "m", FindingLocation(name)) for s in severities]
    return AuditResult(file=name, findings=findings, error=error)


def test_batch_summary_counts_and_ranks_worst_first():
    results = [_result("clean.txt"), _result("few.txt", "warning", "info"),
               _result("bad.txt", "error", "error", "warning"), _result("broken.txt", error="broken.txt: 文件为空"),
               _result("one.txt", "error")]
    summary = batch.batch_summary(results)
    assert {k: summary[k] for k in ("reports", "failed", "clean", "findings")} == {
        "reports": 5, "failed": 1, "clean": 1, "findings": {"error": 3, "warning": 2, "info": 1, "total": 6}}
    # Failed reports are counted (each was named on its own line when it failed), not ranked.
    assert [row["file"] for row in summary["worst"]] == ["bad.txt", "one.txt", "few.txt"]
    assert summary["worst"][0] == {"file": "bad.txt", "error": 2, "warning": 1, "info": 0, "findings": 3,
                                   "failed": None}
    assert [row["file"] for row in batch.batch_summary(results, top=2)["worst"]] == ["bad.txt", "one.txt"]


def test_summary_lines_in_both_languages():
    summary = batch.batch_summary([_result("bad.txt", "error", "warning"), _result("x.txt", error="x.txt: 文件为空")])
    assert batch.summary_lines(summary, "zh") == [
        "共 2 份报告：1 份无法核查，0 份未发现问题；错误 1，警告 1，提示 0", "问题最多的报告：",
        "  bad.txt：错误 1，警告 1，提示 0"]
    assert batch.summary_lines(summary, "en")[0] == "2 reports: 1 could not be audited, 0 clean; 1 errors, 1 warnings, 0 infos"


def _hang_on_marked_reports(path, rule_paths=(), lang="zh", bundled=True, packs=None):
    if "hang" in Path(path).name:
        while True:  # a reader or rule stuck in a loop; `except Exception` inside must not swallow the timeout
            try:
                time.sleep(0.01)
            except Exception:  # noqa: BLE001
                pass
    return AuditResult(file=str(path))


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_hanging_report_times_out_and_the_others_finish(monkeypatch, tmp_path, jobs):
    if jobs > 1 and multiprocessing.get_start_method() != "fork":
        pytest.skip("the patched audit reaches workers by fork")
    monkeypatch.setattr(audit, "audit_report", _hang_on_marked_reports)
    names = ["a.txt", "hang.txt", "b.txt"]
    for name in names:
        (tmp_path / name).write_text("x", encoding="utf-8")
    results = batch.audit_many([tmp_path / n for n in names], jobs=jobs, timeout=0.5)
    assert [r.error for r in results] == [None, f"{tmp_path / 'hang.txt'}: 超时（0.5 秒）/ timed out after 0.5 s", None]
