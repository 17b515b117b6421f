"""The report handed back with Word comments: one per finding (or cause group), on the paragraph or cell."""

from __future__ import annotations

import hashlib
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from keneng_audit import cli
from keneng_audit.audit import audit_report
from keneng_audit.reporters._common import by_cause, grouped, ordered
from keneng_audit.resources import sample_report
from tests.reporters import small_report
from tests.reporters.docx_comments import anchored


@pytest.fixture
def runner(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def run(runner, *args):
    return runner.invoke(cli.main, list(args), catch_exceptions=False)


def test_text_report_becomes_a_docx_with_a_comment_per_cause(runner):
    assert run(runner, "check", "--format", "docx", "-o", "reviewed.docx").exit_code == 1
    result = audit_report(sample_report())
    groups = [g for _, items in grouped(ordered(result), "zh") for g in by_cause(items)]
    comments = anchored("reviewed.docx")
    assert len(comments) == len(groups) < len(result.findings)
    assert all(text and anchor for text, anchor, _ in comments)
    by_head = {text.split("\n")[0]: (anchor, where) for text, anchor, where in comments}
    # 表3's wrong-base growth rates: one comment on the first printed rate, listing the eight rows.
    assert by_head["KA181 category-growth-rate（错误） ×8"] == ("40.5%", "cell")
    group = next(text for text, *_ in comments if text.startswith("KA181"))
    assert "装备制造大类：报告所印 40.5%；按上一期计算 68.2% = 613 / 899（第 562 行）" in group
    # A prose finding stands on its number in the paragraph; the total row on the total it prints.
    assert ("1677", "paragraph") in [(a, w) for t, a, w in comments if t.startswith("KA401")]
    total = next(text for text, *_ in comments if text.startswith("KA183"))
    assert "报告所印 4233 (附表6)；各行相加 3988 = 899 + 720" in total
    # The new document holds the report's text and tables.
    word = docx.Document("reviewed.docx")
    assert word.paragraphs[0].text == "重庆市科能高级技工学校质量年度报告（2024）"
    assert len(word.tables) == len([t for t in word.tables]) >= 30


def test_docx_report_is_copied_with_comments_on_its_own_cells(runner):
    small_report.write_docx(Path("small.docx"))
    Path("pack.yaml").write_text(small_report.PACK, encoding="utf-8")
    before = hashlib.sha256(Path("small.docx").read_bytes()).hexdigest()
    assert run(runner, "check", "small.docx", "--rules", "pack.yaml", "-o", "reviewed.docx").exit_code == 1
    assert hashlib.sha256(Path("small.docx").read_bytes()).hexdigest() == before  # the input is never touched
    comments = anchored("reviewed.docx")
    assert [(a, w) for _, a, w in comments] == [("380", "cell"), ("25%", "cell")]
    assert comments[0][0].startswith("KA9001 majors-total（错误）\n") and "报告所印 380；各行相加 360" in comments[0][0]
    original, copy = docx.Document("small.docx"), docx.Document("reviewed.docx")
    assert [p.text for p in copy.paragraphs] == [p.text for p in original.paragraphs]
    assert [[c.text for c in r.cells] for t in copy.tables for r in t.rows] == \
        [[c.text for c in r.cells] for t in original.tables for r in t.rows]


def test_a_clean_report_gets_no_comment_and_several_reports_are_refused(runner):
    small_report.write_docx(Path("twin.docx"), small_report.TWIN_TABLES)
    assert run(runner, "check", "twin.docx", "-o", "clean.docx").exit_code == 0
    assert anchored("clean.docx") == []
    small_report.write_docx(Path("a.docx"))
    result = run(runner, "check", "a.docx", "twin.docx", "-o", "both.docx")
    assert result.exit_code == 2 and "一次只能写一份报告" in result.stderr and not Path("both.docx").exists()
