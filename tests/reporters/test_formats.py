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
from tests.reporters.handbuilt import REPORT, results

SARIF_SCHEMA = Path(__file__).resolve().parent.parent / "data" / "sarif-schema-2.1.0.json"
TEXT_GOLDENS = [("rich", "zh", "txt"), ("rich", "en", "txt"), ("json", "zh", "json"), ("jsonl", "zh", "jsonl"),
                ("markdown", "zh", "md"),
                ("markdown", "en", "md"), ("csv", "zh", "csv"), ("sarif", "zh", "sarif"), ("github", "zh", "txt"),
                ("junit", "zh", "xml")]


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
    assert {fmt for fmt, _, _ in TEXT_GOLDENS} | {"xlsx"} == set(REPORTERS)


def test_rich_fits_80_columns_without_trailing_blanks():
    from rich.cells import cell_len

    lines = render_text("rich").splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    assert all(line == line.rstrip() for line in lines)
    stripped = [line.strip() for line in lines]
    assert "报告所印 40.5%" in stripped and "应为     68.2% = 613 / 899" in stripped


def test_json_is_versioned_and_sorted_by_location():
    data = json.loads(render_text("json"))
    assert data["version"] == 1
    main = data["reports"][0]
    assert main["file"] == REPORT
    first_lines = [f["location"]["lines"][0] for f in main["findings"] if f["location"]["lines"]]
    assert first_lines == sorted(first_lines) == [551, 702, 910, 1833]
    assert main["summary"]["error"] == 3 and main["summary"]["warning"] == 1
    assert data["reports"][2]["error"] == "reports/empty.txt: the file is empty"


def test_markdown_numbers_items_and_says_where_what_why():
    text = render_text("markdown")
    assert "### §1.3 在校生规模 · 表3" in text and "5. **§3.2 就业质量**（第 1833、4150 行）" in text
    item = text.split("2. **表3 / 装备制造大类 / 增加比率（%）**（第 551、552 行）")[1].split("\n\n")[0]
    assert "- 报告所印：40.5%" in item and "- 应为：68.2% = 613 / 899" in item
    assert "- 计算依据：613（表3 装备制造大类 / 增加人数，第 551 行）" in item
    # Angle brackets from a message must not turn into HTML.
    assert r"\<表99\>" in text


def test_csv_has_bom_and_one_row_per_finding():
    text = render_text("csv")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert len(rows) == 6  # five findings + the report that could not be audited
    growth = next(r for r in rows if r["规则"] == "KA201")
    assert (growth["报告所印"], growth["应为"], growth["行号"]) == ("40.5%", "68.2% = 613 / 899", "551, 552")


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
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["KA110", "KA150", "KA201", "KA301", "KA900"]
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
    assert lines[1].startswith("::error file=data/keneng-2024/report.txt,line=551,endLine=552,title=KA201 增长率基数::")
    assert "40.5%25" in lines[1]
    notice = lines[0]
    assert notice.startswith("::notice file=data/keneng-2024/report.txt,title=KA900 未评估::")
    assert "100%25 missing,%0Asee: rules" in notice and "\n" not in notice
    assert lines[3].startswith("::warning ")
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
    assert [c.get("name") for c in failing] == ["KA110 增加人数", "KA150 直接就业人数一致", "KA201 增长率基数",
                                                "KA301 占比", "KA900 未评估"]
    assert cases[-1].get("name") == "其余 37 条规则通过" and cases[-1].find("failure") is None
    assert (suite.get("tests"), suite.get("failures")) == ("6", "5")
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("8", "5", "1")
