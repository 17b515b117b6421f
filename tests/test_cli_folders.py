"""Folder scans: hidden and Office lock files left out, --exclude and `exclude` in the config, non-reports skipped."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from keneng_audit import cli
from tests.reporters import small_report


@pytest.fixture
def folder(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    reports = tmp_path / "reports"
    (reports / "2024").mkdir(parents=True)
    (reports / "old").mkdir()
    small_report.write_docx(reports / "2024" / "a.docx")
    small_report.write_docx(reports / "old" / "b.docx", small_report.TWIN_TABLES)
    small_report.write_text(reports / "2024" / "c.txt")
    shutil.copy(reports / "2024" / "a.docx", reports / "2024" / "~$a.docx")  # Word's lock file
    (reports / "2024" / "~$a.docx").write_bytes(b"\x00" * 162)  # as Word writes it: not a DOCX
    (reports / ".hidden.txt").write_text("表 1 x\n", encoding="utf-8")
    (reports / "说明.txt").write_text("本目录存放各校质量年度报告。\n", encoding="utf-8")
    return reports


def _files(*args):
    result = CliRunner().invoke(cli.main, ["check", *args, "--format", "json"], catch_exceptions=False)
    return result, [r["file"] for r in json.loads(result.stdout)["reports"]]


def test_lock_hidden_and_non_report_files_are_left_out(folder):
    result, files = _files("reports")
    assert files == ["reports/2024/a.docx", "reports/2024/c.txt", "reports/old/b.docx"]
    assert result.exit_code == 1  # the planted errors; nothing failed to read
    assert "跳过 reports/说明.txt：不像质量报告" in result.stderr and "~$" not in result.stderr


def test_exclude_globs_on_the_command_line_and_in_the_config(folder):
    _, files = _files("reports", "--exclude", "old/*", "--exclude", "*.txt")
    assert files == ["reports/2024/a.docx"]
    Path("keneng-audit.toml").write_text('exclude = ["2024/*"]\n', encoding="utf-8")
    _, files = _files("reports")
    assert files == ["reports/old/b.docx"]


def test_a_file_named_on_the_command_line_is_always_audited(folder):
    result = CliRunner().invoke(cli.main, ["check", "reports/说明.txt", "--format", "json"])
    assert result.exit_code == 1
    assert [f["rule"] for f in json.loads(result.stdout)["reports"][0]["findings"]] == ["KA001"]


def test_a_batch_prints_one_summary(folder):
    result = CliRunner().invoke(cli.main, ["check", "reports", "--exclude", "*.txt"], catch_exceptions=False)
    both = result.stdout + result.stderr
    assert both.count("共 2 份报告") == 1  # the batch summary, on stderr only
    assert result.stdout.count("小结（") == 2  # each report's own line


def test_an_unreadable_file_in_a_scanned_folder_is_reported_and_the_run_exits_2(folder):
    """A binary `.txt` a scan finds may be a report we could not read: every other report is audited and in the
    output, the file is there as unreadable (JSON `error`, rich 无法核查), its stderr line says how to leave it
    out, and the run exits 2 (a gate does not pass what it could not read); --exclude leaves it out."""
    (folder / "2024" / "d.txt").write_bytes(bytes(range(256)) * 8)
    for fmt in ("json", "jsonl"):  # collected, and streamed report by report
        result = CliRunner().invoke(cli.main, ["check", "reports", "--format", fmt], catch_exceptions=False)
        assert result.exit_code == 2
        lines = result.stdout.splitlines() if fmt == "jsonl" else None
        reports = [json.loads(line) for line in lines] if lines else json.loads(result.stdout)["reports"]
        by_file = {r["file"]: r for r in reports}
        assert list(by_file) == ["reports/2024/a.docx", "reports/2024/c.txt", "reports/2024/d.txt",
                                 "reports/old/b.docx"]
        assert by_file["reports/2024/d.txt"]["error"] == "reports/2024/d.txt: 不是文本文件（含二进制字节）"
        assert by_file["reports/2024/a.docx"]["findings"] and "error" not in by_file["reports/2024/a.docx"]
        assert ("keneng-audit: reports/2024/d.txt: 不是文本文件（含二进制字节）（若它不是报告，可用 --exclude 排除）"
                in result.stderr.splitlines())
    rich = CliRunner().invoke(cli.main, ["check", "reports", "--lang", "en"], catch_exceptions=False)
    assert rich.exit_code == 2
    assert "could not be audited: reports/2024/d.txt: not a text file (binary bytes)" in " ".join(rich.stdout.split())
    assert ("keneng-audit: reports/2024/d.txt: not a text file (binary bytes) (if it is not a report, leave it out "
            "with --exclude)") in rich.stderr.splitlines()
    result, files = _files("reports", "--exclude", "d.txt")
    assert result.exit_code == 1 and "reports/2024/d.txt" not in files
    named = CliRunner().invoke(cli.main, ["check", "reports/2024/d.txt", "reports/2024/c.txt", "--format", "json"])
    assert named.exit_code == 2 and "--exclude" not in named.stderr  # named on the command line: no scan to leave it out of


def test_docx_output_of_several_reports_is_refused_before_auditing(folder, monkeypatch):
    def audit(*args, **kwargs):
        raise AssertionError("audited before refusing")

    monkeypatch.setattr(cli, "_audit_batch", audit)
    result = CliRunner().invoke(cli.main, ["check", "reports", "-o", "all.docx"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "keneng-audit: --format docx 一次只能写一份报告的批注版"
    assert not Path("all.docx").exists()
