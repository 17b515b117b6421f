"""Golden-file tests of every output format on a fixed, hand-built list of findings."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest
from jsonschema import Draft4Validator

from keneng_audit.reporters import REPORTERS, get, is_binary
from tests.reporters.golden import assert_golden
from tests.reporters.handbuilt import REPORT
from tests.reporters.handbuilt import results as handbuilt_results


def results():
    return handbuilt_results(extra=True)

SARIF_SCHEMA = Path(__file__).resolve().parent.parent / "data" / "sarif-schema-2.1.0.json"
TEXT_GOLDENS = [("rich", "zh", "txt"), ("rich", "en", "txt"), ("json", "zh", "json"), ("jsonl", "zh", "jsonl"),
                ("markdown", "zh", "md"),
                ("markdown", "en", "md"), ("csv", "zh", "csv"), ("sarif", "zh", "sarif"), ("github", "zh", "txt"),
                ("junit", "zh", "xml"), ("html", "zh", "html")]


def render_text(fmt: str, lang: str = "zh") -> str:
    stream = io.StringIO()
    get(fmt)(results(), stream, lang)
    return stream.getvalue()


@pytest.fixture(autouse=True)
def _fixed_cwd(monkeypatch, tmp_path):
    # Paths print relative to the working folder; the hand-built ones are relative already.
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize(("fmt", "lang", "ext"), TEXT_GOLDENS)
def test_golden(fmt, lang, ext):
    assert_golden(f"handbuilt.{fmt}.{lang}.{ext}", render_text(fmt, lang))


def test_every_registered_format_has_a_golden():
    assert {fmt for fmt, _, _ in TEXT_GOLDENS} | {"xlsx", "docx"} == set(REPORTERS)  # binary: tested on their own


def test_rich_fits_80_columns_without_trailing_blanks():
    from rich.cells import cell_len

    lines = render_text("rich").splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    assert all(line == line.rstrip() for line in lines)
    stripped = [line.strip() for line in lines]
    # The total row: the message names the rows' sum first, so what the report prints and what the rows give
    # follow in that order, with those labels (the values only: the message states them).
    assert "合计行却印为 380。（报告所印 380；各行相加 360）" in "".join(stripped)
    # Two rows of one cause: one group, the cause once, a line per row.
    assert "错误 KA201 增长率基数 ×2  增加比率（%）  第\u00a0551–554\u00a0行" in lines
    assert stripped.count("可能原因：增加比率可能以本年在校生人数为基数") == 1
    assert any(line.split() == ["装备制造大类", "40.5%", "68.2%", "=", "613", "/", "899", "第", "551、552", "行"]
               for line in stripped)
    assert "跳过 1 条规则（报告中没有相应的表）" in " ".join(stripped).replace("33 张表", "33张表")


def test_json_is_versioned_and_sorted_by_location():
    data = json.loads(render_text("json"))
    assert data["version"] == 1
    main = data["reports"][0]
    assert main["file"] == REPORT
    first_lines = [f["location"]["lines"][0] for f in main["findings"] if f["location"]["lines"]]
    assert first_lines == sorted(first_lines) == [551, 554, 702, 910, 957, 1833]
    assert main["summary"]["error"] == 5 and main["summary"]["warning"] == 1 and main["summary"]["skipped"] == 1
    assert main["skipped"] == [{"rule": "KA185", "name": "staff-share", "reason": "报告中没有表“表8”", "table": "表8",
                                "missing": None}]
    # Machine formats keep a finding per row; rows of one cause share a group key, others have their own.
    growth = [f for f in main["findings"] if f["rule"] == "KA201"]
    assert len(growth) == 2 and growth[0]["group"] == growth[1]["group"]
    assert len({f["group"] for f in main["findings"]}) == len(main["findings"]) - 1
    total = next(f for f in main["findings"] if f["rule"] == "KA120")
    assert (total["actual"], total["basis"], total["expected"]) == ("380", "各行相加", "360 = 120 + 150 + 90")
    assert data["reports"][2]["error"] == "reports/empty.txt: the file is empty"


def test_markdown_numbers_items_and_says_where_what_why():
    text = render_text("markdown")
    assert "### §1.3 在校生规模 · 表3" in text and "6. **§3.2 就业质量**（第 1833、4150 行）" in text
    item = text.split("5. **表9 / 合计 / 人数**（第 957、958、959、960 行）")[1].split("\n\n")[0]
    assert "- 报告所印：380\n   - 各行相加：360 = 120 + 150 + 90" in item
    assert "- 计算依据：380（表9 合计 / 人数，第 960 行）" in item
    group = text.split("2. **表3 / 增加比率（%）**（2 处，第 551–554 行）")[1].split("\n\n### ")[0]
    assert "- 可能原因：增加比率可能以本年在校生人数为基数\n" in group
    assert "| 行 | 报告所印 | 按上一期计算 | 行号 |" in group
    assert "| 装备制造大类 | 40.5% | 68.2% = 613 / 899 | 第 551、552 行 |" in group
    assert "| 交通运输大类 | 27.4% | 37.8% = 272 / 720 | 第 554 行 |" in group
    assert "跳过 1 条规则（报告中没有相应的表）。" in text
    # Angle brackets from a message must not turn into HTML.
    assert r"\<表99\>" in text


def test_csv_has_bom_and_one_row_per_finding():
    text = render_text("csv")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert len(rows) == 8  # seven findings + the report that could not be audited
    growth = [r for r in rows if r["规则"] == "KA201"]
    assert (growth[0]["报告所印"], growth[0]["计算方式"], growth[0]["应为"], growth[0]["行号"]) == \
        ("40.5%", "按上一期计算", "68.2% = 613 / 899", "551, 552")
    assert growth[0]["组"] == growth[1]["组"] != rows[0]["组"]


def test_xlsx_holds_the_same_rows_as_csv():
    assert is_binary("xlsx")
    stream = io.BytesIO()
    get("xlsx")(results(), stream, "zh")
    sheet = openpyxl.load_workbook(io.BytesIO(stream.getvalue())).active
    assert sheet.title == "核查问题"
    cells = [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    expected = list(csv.reader(io.StringIO(render_text("csv")[1:])))
    assert cells == expected


def test_sarif_validates_against_the_official_schema():
    document = json.loads(render_text("sarif"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(Draft4Validator(schema).iter_errors(document), key=str)
    assert not errors, errors[0].message if errors else ""
    run = document["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["KA110", "KA120", "KA150", "KA185", "KA201",
                                                                 "KA301", "KA900"]
    skipped = [r for r in run["results"] if r.get("kind") == "notApplicable"]
    assert [(r["ruleId"], r["level"], r["message"]["text"]) for r in skipped] == \
        [("KA185", "none", "报告中没有表“表8”")]
    growth = next(r for r in run["results"] if r["ruleId"] == "KA201")
    assert growth["level"] == "error"
    assert growth["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": REPORT},
                                                          "region": {"startLine": 551}}
    assert [loc["physicalLocation"]["region"]["startLine"] for loc in growth["relatedLocations"]] == [551, 551, 552]
    assert run["tool"]["driver"]["rules"][growth["ruleIndex"]]["id"] == "KA201"
    assert next(r for r in run["results"] if r["ruleId"] == "KA900")["level"] == "note"
    assert run["artifacts"][1]["location"]["uri"] == "reports/other%20school.txt"
    assert run["invocations"][0]["executionSuccessful"] is False


def test_github_annotations_escape_as_the_runner_requires():
    lines = render_text("github").splitlines()
    # One line (the first compared value's), the others named in the message.
    assert lines[1].startswith("::error file=data/keneng-2024/report.txt,line=551,title=KA201 增长率基数::")
    assert "40.5%25" in lines[1] and lines[1].endswith("（另见第 552 行）")
    total = next(line for line in lines if "KA120" in line)
    assert total.startswith("::error file=data/keneng-2024/report.txt,line=960,title=KA120 合计::")
    assert "（报告所印 380；各行相加 360）（另见第 957、958、959 行）" in total
    notice = lines[0]
    assert notice.startswith("::notice file=data/keneng-2024/report.txt,title=KA900 未评估::")
    assert "100%25 missing,%0Asee: rules" in notice and "\n" not in notice
    assert lines[4].startswith("::warning ")
    assert lines[-1] == "::error file=reports/empty.txt,title=无法核查::reports/empty.txt: the file is empty"


def test_github_property_escaping():
    from keneng_audit.reporters.github_report import escape_data, escape_property

    assert escape_property("a:b,c%\r\n") == "a%3Ab%2Cc%25%0D%0A"
    assert escape_data("a:b,c%") == "a:b,c%25"


def test_junit_has_a_case_per_rule_and_a_failure_per_finding():
    root = ET.fromstring(render_text("junit").split("\n", 1)[1])
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    failing = [c for c in cases if c.find("failure") is not None]
    assert [c.get("name") for c in failing] == ["KA110 增加人数", "KA120 合计", "KA150 直接就业人数一致",
                                                "KA201 增长率基数", "KA301 占比", "KA900 未评估"]
    # A rule that could not run is skipped, not passed.
    skipped = [c for c in cases if c.find("skipped") is not None]
    assert [(c.get("name"), c.find("skipped").get("message")) for c in skipped] == \
        [("KA185 staff-share", "报告中没有表“表8”")]
    assert cases[-1].get("name") == "其余 36 条规则通过" and cases[-1].find("failure") is None
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("8", "6", "1")
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == ("10", "6", "1", "1")
    total = next(c for c in cases if c.get("name") == "KA120 合计").find("failure").text
    assert "报告所印：380\n各行相加：360 = 120 + 150 + 90" in total
