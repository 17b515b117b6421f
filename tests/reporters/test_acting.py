"""Findings a person acts on: one group per cause, quiet skips, -o by suffix, the workbook, statistics, GitHub."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from keneng_audit import cli
from keneng_audit.reporters._safe import cell_text
from tests.reporters import small_report


@pytest.fixture
def runner(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()  # config discovery stops here
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return CliRunner()


def run(runner, *args):
    return runner.invoke(cli.main, list(args), catch_exceptions=False)


def test_sample_groups_the_wrong_base_growth_rates_per_table_in_under_250_lines(runner, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    result = run(runner, "check")
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert len(lines) < 250 and max(cell_len(line) for line in lines) <= 100
    # One group per table (表3–表6, whichever rule checks it: pack or inferred) with its rows; 机电技术应用's
    # -100% has no such cause and stands alone.
    groups, table = {}, None
    for line in lines:
        if line.startswith("─"):
            table = re.search(r"表\d+", line).group() if re.search(r"表\d+", line) else None
        elif "×" in line and "增加比率（%）" in line and table:
            groups.setdefault(table, []).append(re.search(r"×(\d+)", line).group(1))
    assert groups == {"表3": ["8"], "表4": ["15"], "表5": ["8"], "表6": ["15"]}
    # A finding stands where it is located: KA175 (located at 附表6, citing 表4–表6) under 附表6, at the end.
    headings = [line.strip("─ ") for line in lines if line.startswith("─")]
    assert headings[-3:] == ["附表1", "附表3", "附表6"] and headings.count("附表6") == 1
    text = "\n".join(lines)
    assert len(re.findall("可能原因：比率似乎以本期数为基数(?!：)", text)) == 4
    assert re.search(r"装备制造大类 +40\.5% +68\.2% = 613 / 899 +第\xa0562\xa0行", text)
    # Each value is stated once per finding: no bullet list repeating the message.
    assert "· 40.5%" not in text
    # 表5 and 表6 print the very rows and values of 表3 and 表4: each row is listed with its line, the values
    # are not printed twice.
    assert text.count("可能原因：比率似乎以本期数为基数；各行数值与表3相同") == 1
    assert text.count("可能原因：比率似乎以本期数为基数；各行数值与表4相同") == 1
    assert "装备制造大类\xa0第\xa0661\xa0行、交通运输大类\xa0第\xa0662\xa0行" in text
    assert len(re.findall(r"^  新能源汽车制造与检测 ", text, re.M)) == 1  # 表4's row only; 表6's is in the list
    # The reading notes of one table under one head, its name said once; every note keeps its lines.
    assert "提示 KA002 table-not-fully-read ×2  表20 未能完整读取  第\xa01978\xa0行" in lines
    assert any(line.startswith("  第 2023 行：列“对口就业创业数（人）”以“人”计，却印有百分数 15.70%，表头与各列可能未对齐")
               for line in lines)
    # Values told once: an agreement lists each sum once with all the tables printing it; one impossible date
    # printed in two rows is said once, then the rows.
    assert "(表4, 表6); 3988 = 899 + 720" in text.replace("\n  ", " ")
    assert "  报告所印 2024-02-30；应为 有效日期（YYYY-MM-DD）" in lines
    # Every finding stays visible: each one's first line appears in the output.
    findings = json.loads(run(runner, "check", "--format", "json").stdout)["reports"][0]["findings"]
    flat = text.replace("\xa0", " ")
    assert all(f"第 {f['location']['lines'][0]} 行" in flat or f"第 {f['location']['lines'][0]}、" in flat
               or f"第 {f['location']['lines'][0]}–" in flat for f in findings)


def test_piped_output_uses_the_terminal_width_and_never_cuts_a_chinese_word(runner, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    lines = run(runner, "check").stdout.splitlines()
    # Only a word longer than the width itself could overflow; the sample has none (its longest, a 33-character
    # row label of 表16, stands on a line of its own).
    assert [line for line in lines if cell_len(line) > 60] == []
    assert "  2023年川渝毗邻地区技能人才大赛物联网安装调试员赛项/张濒文" in lines
    # A line ends at a space or after punctuation, never between two Chinese characters of one word.
    cut = [(a, b) for a, b in zip(lines, lines[1:]) if b.startswith("  ") and a and b.strip()
           and "\u4e00" <= a[-1] <= "\u9fff" and "\u4e00" <= b.strip()[0] <= "\u9fff"
           and not a.endswith(("行", "类")) and " " not in a.strip()[-3:]]
    assert not [pair for pair in cut if "".join(pair).count(" ") == 0]


def test_a_two_table_report_skips_quietly_and_counts_the_skips(runner):
    small_report.write_docx(Path("small.docx"), small_report.TWIN_TABLES)  # consistent: nothing to report
    result = run(runner, "check", "small.docx", "--fail-on", "info")
    assert result.exit_code == 0, result.output
    assert "未能核查" not in result.stdout
    skipped = re.search(r"跳过\s*(\d+)\s*条规则（报告中没有相应的表）", result.stdout)
    assert skipped and int(skipped.group(1)) > 10
    listed = run(runner, "check", "small.docx", "--show-skipped").stdout
    assert "跳过的规则（报告中没有相应的表、行或数量）（small.docx）：" in listed
    assert len(re.findall(r"^  KA\d+ \S+：报告中(没有表“|找不到)", listed, re.M)) == int(skipped.group(1))
    data = json.loads(run(runner, "check", "small.docx", "--format", "json").stdout)["reports"][0]
    assert data["findings"] == [] and data["summary"]["skipped"] == len(data["skipped"]) == int(skipped.group(1))
    # JUnit marks them skipped (not passed), SARIF notApplicable (not a failure).
    junit = run(runner, "check", "small.docx", "--format", "junit").stdout
    assert junit.count("<skipped ") == int(skipped.group(1)) and "<failure" not in junit
    sarif = json.loads(run(runner, "check", "small.docx", "--format", "sarif").stdout)["runs"][0]["results"]
    assert [r["kind"] for r in sarif] == ["notApplicable"] * int(skipped.group(1))


def test_a_user_rule_naming_what_the_report_never_prints_is_a_rule_file_error(runner):
    small_report.write_docx(Path("small.docx"))
    Path("pack.yaml").write_text(small_report.PACK, encoding="utf-8")
    assert run(runner, "check", "small.docx", "--rules", "pack.yaml").exit_code == 1  # the two planted errors
    Path("typo.yaml").write_text(small_report.PACK.replace("各专业在校生人数", "各专业再校生人数"), encoding="utf-8")
    result = run(runner, "check", "small.docx", "--rules", "typo.yaml")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "typo.yaml:" in result.stderr and "“各专业再校生人数”" in result.stderr
    Path("row.yaml").write_text(small_report.PACK.replace("total: 合计", "total: 总计"), encoding="utf-8")
    assert run(runner, "check", "small.docx", "--rules", "row.yaml").exit_code == 2
    # The consistent twin with the right pack passes the gate.
    small_report.write_docx(Path("twin.docx"), small_report.TWIN_TABLES)
    assert run(runner, "check", "twin.docx", "--rules", "pack.yaml").exit_code == 0


@pytest.mark.parametrize(("name", "check"), [
    ("x.json", lambda b: json.loads(b)["version"] == 1),
    ("x.md", lambda b: b.decode().startswith("# 质量年度报告数字核查问题清单")),
    ("x.csv", lambda b: b.decode("utf-8").startswith("\ufeff序号,")),
    ("x.sarif", lambda b: json.loads(b)["version"] == "2.1.0"),
    ("x.xml", lambda b: b.decode().startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')),
    ("x.html", lambda b: b.decode().lower().startswith("<!doctype html>")),
    ("x.docx", lambda b: b.startswith(b"PK") and len(__import__("docx").Document(__import__("io").BytesIO(b)).comments)),
    ("x.jsonl", lambda b: json.loads(b.decode().splitlines()[0])["version"] == 1),
])
def test_output_file_suffix_picks_the_format(runner, name, check):
    small_report.write_docx(Path("small.docx"))
    run(runner, "check", "small.docx", "-o", name)
    assert check(Path(name).read_bytes())


def test_format_given_wins_over_the_suffix(runner):
    small_report.write_docx(Path("small.docx"))
    run(runner, "check", "small.docx", "--format", "json", "-o", "x.md")
    assert json.loads(Path("x.md").read_text(encoding="utf-8"))["version"] == 1


def test_xlsx_alone_is_a_workbook_with_filter_frozen_header_wrapping_and_display_widths(runner):
    assert run(runner, "check", "-o", "x.xlsx").exit_code == 1
    sheet = openpyxl.load_workbook("x.xlsx").active
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["序号", "文件", "规则"] and "组" in header and "计算方式" in header
    assert all(c.alignment.wrap_text for c in sheet[2])
    widths = {c.value: sheet.column_dimensions[c.column_letter].width for c in sheet[1]}
    assert widths["序号"] == 6 and widths["说明"] == 60  # short numbers; long messages wrap at 60
    assert widths["规则"] == cell_len("KA9999") - 0 + 2 or widths["规则"] == 7  # "KA181" + 2 = 7


def test_spreadsheet_cells_never_start_a_formula():
    assert cell_text("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert cell_text("@SUM(A1)") == "'@SUM(A1)" and cell_text("+1+cmd") == "'+1+cmd"
    assert cell_text("-24.6% = -232 / 942") == "'-24.6% = -232 / 942"
    assert cell_text("-32.7%") == "-32.7%" and cell_text(3) == 3  # a printed number stays as printed
    assert cell_text("a\x00b\x1bc") == "abc"


def test_statistics_count_findings_per_rule(runner):
    text = run(runner, "check", "--statistics").stdout
    lines = text.splitlines()
    assert lines[0].split()[0] == "16" and lines[0].split()[-1] == "错误"  # 表4's growth rates
    # The findings' own severities, not the rule's default: KA171's 2023 ratio is a rounding-only warning.
    assert re.search(r"^ 2  KA171   student-teacher-ratio +错误 1、警告 1$", text, re.M)
    data = json.loads(run(runner, "check", "--statistics", "--format", "json").stdout)
    findings = json.loads(run(runner, "check", "--format", "json").stdout)["reports"][0]["findings"]
    assert sum(r["count"] for r in data["statistics"]) == len(findings)
    ratio = next(r for r in data["statistics"] if r["rule"] == "KA171")
    assert ratio["severities"] == {"error": 1, "warning": 1} and ratio["severity"] == "error"
    assert lines[-1] == f"共 {len(findings)} 条问题，{len({f['rule'] for f in findings})} 条规则"


def test_github_annotations_and_job_summary(runner, monkeypatch):
    summary = Path("summary.md")
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out = run(runner, "check", "--format", "github").stdout.splitlines()
    assert sum(line.startswith("::error ") for line in out) == 10
    assert not [line for line in out if "endLine" in line]
    assert out[-1].startswith("::notice::另有 ")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## keneng-audit\n")
    assert re.search(r"^\| KA\d+ \| [a-z-]+ \| 错误 \| 16 \|$", text, re.M)
    assert "| 表3 / 装备制造大类 / 增加比率（%） ×8 |" in text


def test_config_as_json_and_rules_run_follow_the_selection(runner):
    Path("keneng-audit.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    data = json.loads(run(runner, "config", "--format", "json", "--lang", "en").stdout)
    assert data["config_file"].endswith("keneng-audit.toml")
    assert data["settings"]["fail-on"] == {"value": "warning", "source": data["config_file"]}
    assert data["settings"]["lang"] == {"value": "en", "source": "command line"}
    everything = json.loads(run(runner, "check", "--format", "json").stdout)["reports"][0]["summary"]
    one = json.loads(run(runner, "check", "--format", "json", "--select", "KA181").stdout)["reports"][0]["summary"]
    assert (one["rules_run"], one["findings"]) == (1, 8) and everything["rules_run"] > 50


def test_explain_takes_a_name_too(runner):
    by_id = run(runner, "explain", "KA181").stdout
    assert by_id == run(runner, "explain", "category-growth-rate").stdout and by_id.startswith("KA181 ")


def test_explain_an_inferred_id_without_a_report_says_to_give_one(runner):
    result = run(runner, "explain", "KA5438")
    assert result.exit_code == 2 and "--report" in result.stderr and "推断" in result.stderr
    english = run(runner, "explain", "inferred-growth", "--lang", "en")
    assert english.exit_code == 2 and "add --report FILE" in english.stderr
    assert "没有规则 KA9999" in run(runner, "explain", "KA9999").stderr  # not an inferred id: unknown
    found = run(runner, "explain", "KA5438", "--report", str(Path(cli.__file__).parents[1] / "data/keneng-2024/report.txt"))
    assert found.exit_code == 0 and found.stdout.startswith("KA5438 inferred-growth")


GROUPED = """某县职业教育中心质量年度报告（2024）

一、经费

表 1 经费收入

项目 金额（元）
财政拨款 10,345,678.45
学费收入 2,000,000.45
合计 {total}
"""


def test_computed_sums_group_thousands_as_the_report_prints_them(runner):
    Path("grouped.txt").write_text(GROUPED.format(total="12,345,678.80"), encoding="utf-8")
    data = json.loads(run(runner, "check", "grouped.txt", "--format", "json").stdout)["reports"][0]
    [finding] = data["findings"]
    assert finding["expected"] == "12,345,678.90 = 10,345,678.45 + 2,000,000.45"
    assert finding["actual"] == "12,345,678.80"
    # The consistent twin stays silent.
    Path("twin.txt").write_text(GROUPED.format(total="12,345,678.90"), encoding="utf-8")
    assert run(runner, "check", "twin.txt").exit_code == 0


def test_infer_in_chinese_says_its_relations_without_english_notation(runner):
    text = run(runner, "infer", "-v").stdout
    assert "Σ" not in text and "rows" not in text and "dates" not in text and "dropped" not in text
    assert not re.search(r"KA\d+ [a-z]+:", text)  # kinds by their Chinese names
    assert "KA5289 比例：比例 = 人数 / “人数”列之和" in text
    assert "数量 在校生总数 ← 表题“分专业在校生情况”，“2022-2023学年度”列之和" in text
    english = run(runner, "infer", "--lang", "en").stdout
    assert "KA5289 share: " in english and "students.total" in english
    assert "表题" not in english and "列之和" not in english  # printed names only, in English words
