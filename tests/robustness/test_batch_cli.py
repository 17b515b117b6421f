"""`keneng-audit check DIR -j N`: one broken report never stops the others (runs once -j is wired into check)."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from keneng_audit import cli
from keneng_audit.errors import one_language
from tests.robustness.make_corpus import CORPUS

pytestmark = pytest.mark.skipif(not any("-j" in p.opts for p in cli.check.params),
                                reason="check has no -j yet (see keneng_audit/batch.py for the wiring)")


@pytest.fixture
def folder(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("good-report.txt", "empty.txt", "fake.docx", "truncated-appendix.txt"):
        shutil.copy(CORPUS / name, reports / name)
    return reports


def test_folder_audited_by_two_workers_into_one_json_document(folder, tmp_path):
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli.main, ["check", str(folder), "-j", "2", "--format", "json", "-o", str(out)])
    assert result.exit_code == 2  # two reports could not be audited
    reports = json.loads(out.read_text(encoding="utf-8"))["reports"]
    assert [r["file"] for r in reports] == [str(folder / n) for n in
                                            ("empty.txt", "fake.docx", "good-report.txt", "truncated-appendix.txt")]
    assert reports[0]["error"] == f"{folder / 'empty.txt'}: 文件为空"  # in the run's language (zh by default)
    assert "error" not in reports[2] and reports[3]["summary"]["error"] > 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("keneng-audit: ")]
    # On stderr each in one language (Chinese by default), with how to leave a scanned non-report out.
    hint = "（若它不是报告，可用 --exclude 排除）"
    assert errors == [f"keneng-audit: {one_language(reports[0]['error'], 'zh')}{hint}",
                      f"keneng-audit: {one_language(reports[1]['error'], 'zh')}{hint}"]
    assert errors[0] == f"keneng-audit: {folder / 'empty.txt'}: 文件为空{hint}"
    assert "Traceback" not in result.stderr


def test_summary_names_the_worst_reports_first(folder, tmp_path):
    result = CliRunner().invoke(cli.main, ["check", str(folder / "good-report.txt"), str(folder / "truncated-appendix.txt"),
                                           "-j", "2", "--format", "json", "--lang", "en"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    # The good report has no findings: the rules it has no tables for are skipped, not "not evaluated" infos.
    assert lines[0].startswith("2 reports: 0 could not be audited, 1 clean; ")
    assert lines[1:3] == ["worst reports:", lines[2]] and str(folder / "truncated-appendix.txt") in lines[2]


def test_empty_folder_exits_2(tmp_path):
    result = CliRunner().invoke(cli.main, ["check", str(tmp_path), "-j", "2"])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
