"""Tests for `keneng-audit extract`: one CSV per table (UTF-8 with BOM), facts.csv, and the same as JSON."""

from __future__ import annotations

import csv
import json

from click.testing import CliRunner

from keneng_audit.cli import main


def test_csv_files_for_the_sample(tmp_path):
    out = tmp_path / "x"
    result = CliRunner().invoke(main, ["extract", "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 38 and "表4.csv" in names and "附表1.csv" in names and "facts.csv" in names
    raw = (out / "附表1.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["row", "序号", "指标", "单位", "2023年", "2024年", "line"]
    assert rows[1] == ["毕业生人数", "1", "毕业生人数*", "人", "916", "1667", "4156"]
    t3 = list(csv.DictReader((out / "表3.csv").read_text("utf-8-sig").splitlines()))
    assert t3[0]["增加比率（%）"] == "40.5%" and t3[0]["line"] == "562"
    facts = list(csv.DictReader((out / "facts.csv").read_text("utf-8-sig").splitlines()))
    fact = next(f for f in facts if f["text"] == "1677")
    assert (fact["value"], fact["unit"], fact["section"], fact["line"]) == ("1677", "人", "1.3.3", "756")


def test_json_has_the_same_content():
    result = CliRunner().invoke(main, ["extract", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["title"] == "重庆市科能高级技工学校质量年度报告（2024）"
    assert len(data["tables"]) == 37
    t = next(t for t in data["tables"] if t["key"] == "附表3")
    row = next(r for r in t["rows"] if r["label"] == "生师比")
    assert row["cells"]["2024年"] == {"text": "19:1", "value": 19, "unit": ":", "line": 4228}
    fact = next(f for f in data["facts"] if f["text"] == "1677")
    assert (fact["section"], fact["line"], fact["unit"]) == ("1.3.3", 756, "人")


def test_csv_needs_out_dir():
    result = CliRunner().invoke(main, ["extract"])
    assert result.exit_code == 2


def _read_csv(path):
    return list(csv.DictReader(path.read_text("utf-8-sig").splitlines()))


def test_page_and_paragraph_columns_only_where_the_format_has_them(tmp_path):
    import docx

    from keneng_audit.extract import write_extract
    from keneng_audit.reading import read_report
    from tests.make_fixtures import write_text_pdf

    text = ["1.概况", "学校现有在校生 1200 人，教职工 90 人。", "表 1 人数", "类别 人数", "教师 90", "学生 1200"]
    pdf = write_text_pdf([text[:3], text[3:]], tmp_path / "r.pdf", "某某学校质量年度报告")
    word = docx.Document()
    for line in text[:3]:
        word.add_paragraph(line)
    table = word.add_table(rows=3, cols=2)
    for row, cells in zip(table.rows, [["类别", "人数"], ["教师", "90"], ["学生", "1200"]]):
        for cell, value in zip(row.cells, cells):
            cell.text = value
    word.save(str(tmp_path / "r.docx"))
    (tmp_path / "r.txt").write_text("\n".join(text) + "\n", "utf-8")

    got = {}
    for name in ("r.txt", "r.docx", "r.pdf"):
        write_extract(read_report(tmp_path / name), tmp_path / name.replace(".", "-"))
        table_rows = _read_csv(tmp_path / name.replace(".", "-") / "表1.csv")
        facts = _read_csv(tmp_path / name.replace(".", "-") / "facts.csv")
        fact = next(f for f in facts if f["text"] == "1200")
        got[name] = (list(table_rows[0]), table_rows[1]["人数"], {k: fact.get(k) for k in ("line", "page", "paragraph")})
    assert got["r.txt"] == (["row", "类别", "人数", "line"], "1200", {"line": "2", "page": None, "paragraph": None})
    # DOCX: paragraphs are numbered, table rows only get the ordinal line.
    assert got["r.docx"] == (["row", "类别", "人数", "line"], "1200", {"line": "2", "page": None, "paragraph": "2"})
    assert got["r.pdf"][:2] == (["row", "类别", "人数", "line", "page"], "1200")
    assert got["r.pdf"][2]["page"] == "1" and got["r.pdf"][2]["paragraph"] is None
    rows = _read_csv(tmp_path / "r-pdf" / "表1.csv")
    assert [(r["row"], r["page"]) for r in rows] == [("教师", "2"), ("学生", "2")]
