"""Tests for the DOCX reader: merged and multi-line cells, locations, errors, and the sample built as DOCX."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from keneng_audit.audit import audit_document, load_rules
from keneng_audit.errors import InputError
from keneng_audit.reading import read_report
from keneng_audit.reading.docx import _grid, read_docx
from keneng_audit.resources import sample_report
from tests.make_fixtures import facts_signature, findings_signature, tables_signature, write_docx


def _word_table(data: list[list[str]], merges: list[tuple[int, int, int, int]]) -> docx.table.Table:
    word = docx.Document()
    table = word.add_table(rows=len(data), cols=len(data[0]))
    for r, row in enumerate(data):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for r0, c0, r1, c1 in merges:
        keep = table.cell(r0, c0).text
        table.cell(r0, c0).merge(table.cell(r1, c1)).text = keep
    buf = io.BytesIO()
    word.save(buf)
    return docx.Document(io.BytesIO(buf.getvalue())).tables[0]


def test_merged_cells_header_spread_body_filled_down_numbers_kept_once():
    table = _word_table(
        [["专业大类", "2023年", "", "备注"],
         ["", "人数", "占比", ""],
         ["装备制造大类", "12", "40%", "第一行\n第二行"],
         ["", "18", "60%", "x"],
         ["合计", "30", "", ""]],
        merges=[(0, 1, 0, 2), (0, 0, 1, 0), (2, 0, 3, 0), (4, 1, 4, 2)],
    )
    assert _grid(table) == [
        ["专业大类", "2023年", "2023年", "备注"],
        ["", "人数", "占比", ""],
        ["装备制造大类", "12", "40%", "第一行第二行"],
        ["装备制造大类", "18", "60%", "x"],
        ["合计", "30", "", ""],
    ]


def test_header_of_bare_years_is_still_a_header():
    table = _word_table([["指标", "2023", "2024"], ["在校生", "4967", "5000"]], merges=[])
    assert _grid(table) == [["指标", "2023", "2024"], ["在校生", "4967", "5000"]]


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04 truncated", "corrupt DOCX"),
        (_zip({"hello.txt": b"hi"}), "not a DOCX"),
        (_zip({"[Content_Types].xml": b"<broken", "word/document.xml": b"<broken"}), "corrupt DOCX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "legacy Word .doc"),
    ],
)
def test_unreadable_docx_is_one_line_input_error(data, message):
    with pytest.raises(InputError) as err:
        read_docx("r.docx", data)
    text = str(err.value)
    assert message in text and "\n" not in text and text.startswith("r.docx: ")


def test_xml_parts_larger_than_the_limit_are_refused_before_parsing():
    """Review R4-16: a document.xml inflating to 200 MB is within docx-unzipped-mb (256) but python-docx would
    take 650 MB parsing it; the XML parts have a limit of their own (here lowered to 1 MB, the part is 2 MB)."""
    from keneng_audit import limits

    body = b"<w:document>" + b" " * (2 * 2**20) + b"</w:document>"
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": body, "word/media/a.png": b"\0" * 2**20})
    limits.configure({"docx-xml-mb": 1})
    try:
        with pytest.raises(limits.LimitError) as err:
            read_docx("r.docx", data)
    finally:
        limits.configure({})
    assert "docx-xml-mb" in str(err.value) and "：2 > 1" in str(err.value)  # the 1 MB picture not counted


# ---------------------------------------------------------------- a small DOCX read end to end

def _small_docx(tmp_path) -> str:
    word = docx.Document()
    word.add_heading("1.3 在校生规模", level=2)
    paragraph = word.add_paragraph("本学年在校生 4967 人，")
    paragraph.add_run().add_break()
    paragraph.add_run("较上年增加 613 人。")
    word.add_paragraph("表 3 分专业大类在校生情况")
    table = word.add_table(rows=6, cols=4)
    data = [["序号", "专业大类", "2023年", ""],
            ["", "", "人数", "占比（%）"],
            ["1", "装备制造大类", "1512", "30.4%"],
            ["", "其中：智能制造*1", "800", "16.1%"],
            ["2", "交通运输大类", "992", "20.0"],
            ["合计", "", "4967", "——"]]
    for r, row in enumerate(data):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 2).merge(table.cell(0, 3)).text = "2023年"
    table.cell(0, 0).merge(table.cell(1, 0)).text = "序号"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "专业大类"
    table.cell(2, 0).merge(table.cell(3, 0)).text = "1"
    table.cell(5, 0).merge(table.cell(5, 1)).text = "合计"
    word.add_paragraph("1 智能制造含工业机器人方向，不含数控技术应用专业。")
    word.add_paragraph("其他专业大类情况见附表。")
    path = tmp_path / "small.docx"
    word.save(str(path))
    return str(path)


def test_small_docx_table_cells_merges_and_locations(tmp_path):
    doc = read_report(_small_docx(tmp_path))
    assert doc.format == "docx"
    [table] = doc.tables
    assert (table.key, table.caption, table.section) == ("表3", "分专业大类在校生情况", "1.3")
    assert table.columns == ["序号", "专业大类", "2023年人数", "2023年占比（%）"]
    assert [(r.label, r.serial, r.parent) for r in table.rows] == [
        ("装备制造大类", "1", None), ("智能制造", None, "装备制造大类"), ("交通运输大类", "2", None),
        ("合计", "合计", None),
    ]
    assert table.problems == ["注：1 智能制造含工业机器人方向，不含数控技术应用专业。"]
    cell = table.cell("智能制造", "2023年人数")
    assert (cell.text, cell.value) == ("800", 800.0)
    assert table.cell("合计", "2023年占比（%）").value is None
    # Ordinals: heading 1, paragraph 2, caption 3, the six table rows 4-9; the header row that was empty is kept.
    assert (table.source.line, table.source.paragraph) == (3, 3)
    assert (cell.source.line, cell.source.paragraph) == (7, None)
    assert (cell.source.table_row, cell.source.table_column) == (4, 3)  # as a person counts the Word table
    assert doc.lines[cell.source.line - 1] == "其中：智能制造*1 800 16.1%"
    assert [(f.number.text, f.source.line, f.source.paragraph, f.section) for f in doc.facts] == [
        ("4967", 2, 2, "1.3"), ("613", 2, 2, "1.3")
    ]


def test_uncaptioned_word_table_is_running_text(tmp_path):
    word = docx.Document()
    word.add_paragraph("学校简介。")
    layout = word.add_table(rows=1, cols=2)
    layout.cell(0, 0).text = "占地 104 亩。"
    layout.cell(0, 1).text = "建筑面积 7.2 万平方米。"
    path = tmp_path / "layout.docx"
    word.save(str(path))
    doc = read_report(path)
    assert doc.tables == []
    assert [(f.number.text, f.unit, f.source.line) for f in doc.facts] == [("104", "亩", 2), ("7.2", "万平方米", 2)]


@pytest.mark.parametrize("caption_below", [True, False])
def test_unit_note_above_a_table_is_its_unit_wherever_the_caption_is(tmp_path, caption_below):
    """Review R4-1: `单位：元` right above a Word table whose caption is printed below it (Word's habit)."""
    word = docx.Document()
    word.add_paragraph("二、经费")
    word.add_paragraph("学校总收入 1,250 万元，其中学费收入 250 万元。")
    if not caption_below:
        word.add_paragraph("表 4 经费收入")
    word.add_paragraph("单位：元")
    table = word.add_table(rows=4, cols=2)
    for r, (label, value) in enumerate([("项目", "2024年"), ("财政拨款", "10,000,000.00"),
                                        ("学费收入", "2,500,000.00"), ("合计", "12,500,000.00")]):
        table.cell(r, 0).text, table.cell(r, 1).text = label, value
    if caption_below:
        word.add_paragraph("表 4 经费收入")
    word.add_paragraph("以上为经费情况。")
    path = tmp_path / "unit.docx"
    word.save(str(path))
    doc = read_report(path)
    [read] = doc.tables
    assert (read.key, read.unit, [r.label for r in read.rows]) == ("表4", "元", ["财政拨款", "学费收入", "合计"])
    assert all("单位" not in p.text for p in doc.paragraphs)


def test_headings_numbered_n_blank_title_after_a_table(tmp_path):
    """`2 教师队伍` in a Heading style: the number names the section and leaves the title; printed right after a
    table it is a heading, not the table's footnote (review NEW-1 in DOCX, the `N 标题` item of issue 11)."""
    word = docx.Document()
    word.add_heading("1 学校概况", level=1)
    word.add_heading("1.1 办学规模", level=2)
    word.add_paragraph("表 1 在校生")
    table = word.add_table(rows=3, cols=2)
    for r, (label, value) in enumerate([("年级", "人数"), ("一年级", "400"), ("二年级", "380")]):
        table.cell(r, 0).text, table.cell(r, 1).text = label, value
    word.add_heading("2 教师队伍", level=1)
    word.add_paragraph("专任教师 52 人。")
    word.add_heading("3 经费保障", level=1)
    path = tmp_path / "spaced.docx"
    word.save(str(path))
    doc = read_report(path)
    assert [(s.number, s.title) for s in doc.sections] == [
        ("1", "学校概况"), ("1.1", "办学规模"), ("2", "教师队伍"), ("3", "经费保障")]
    assert doc.table("表1").rows[-1].label == "二年级"
    assert [(f.number.text, f.section) for f in doc.facts if f.number.text == "52"] == [("52", "2")]


# ---------------------------------------------------------------- the sample report built as DOCX

SECOND_REPORT = Path(__file__).parent.parent / "fixtures" / "second-report" / "report.txt"
REPORTS = {  # report → (tables, title)
    "sample": (37, "重庆市科能高级技工学校质量年度报告（2024）"),
    "second": (12, "云岭交通技工学校质量年度报告（2024）"),
}


def _text_report(name: str) -> Path:
    return sample_report() if name == "sample" else SECOND_REPORT


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """Reads each text report and builds it as DOCX (real Word tables) once per module."""
    built: dict[str, tuple] = {}

    def get(name: str) -> tuple:
        if name not in built:
            text_doc = read_report(_text_report(name))
            path = write_docx(text_doc, tmp_path_factory.mktemp("docx") / f"{name}.docx")
            built[name] = (name, text_doc, read_report(path))
        return built[name]

    return get


@pytest.fixture(params=list(REPORTS))
def report_docs(request, build):
    return build(request.param)


@pytest.fixture
def sample_docs(build):
    return build("sample")[1:]


def test_docx_has_the_text_reports_tables_sections_and_facts(report_docs):
    name, text_doc, docx_doc = report_docs
    tables, title = REPORTS[name]
    assert docx_doc.format == "docx"
    assert len(docx_doc.tables) == tables
    assert tables_signature(docx_doc) == tables_signature(text_doc)
    assert [(s.number, s.title) for s in docx_doc.sections] == [(s.number, s.title) for s in text_doc.sections]
    assert facts_signature(docx_doc) == facts_signature(text_doc)
    assert docx_doc.title == text_doc.title == title


def test_docx_gives_the_text_reports_findings(report_docs):
    _, text_doc, docx_doc = report_docs
    packs = load_rules()
    expected = findings_signature(audit_document(text_doc, packs))
    assert expected  # both reports have findings to compare
    assert findings_signature(audit_document(docx_doc, packs)) == expected


def test_sample_docx_serials_merged_down_their_qizhong_rows(sample_docs):
    _, docx_doc = sample_docs
    table = docx_doc.table("附表1")
    rows = {r.label: r for r in table.rows}
    assert (rows["毕业去向落实人数"].serial, rows["毕业生升学人数"].serial) == ("2", None)
    assert rows["毕业生升学人数"].parent == "毕业去向落实人数"


def test_sample_docx_locations_are_ordinals_of_paragraphs_and_rows(sample_docs):
    _, docx_doc = sample_docs
    table = docx_doc.table("表3")
    cell = table.cell("装备制造大类", "增加比率（%）")
    assert cell.text == "40.5%"
    assert docx_doc.lines[cell.source.line - 1] == "装备制造大类 1512 899 613 40.5%"
    assert docx_doc.lines[table.source.line - 1] == "表 3 分专业大类在校生情况"
    assert table.source.paragraph is not None and cell.source.paragraph is None
    fact = next(f for f in docx_doc.facts if f.number.text == "4967")
    assert fact.source.paragraph is not None and "4967" in docx_doc.lines[fact.source.line - 1]


def _numbered_headings_docx(tmp_path) -> Path:
    """Headings numbered by Word (a multilevel list bound to the heading styles), not typed."""
    word = docx.Document()
    numbering = word.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading2"/>'
        '<w:lvlText w:val="%1.%2"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%3）"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for style_name in ("Heading 1", "Heading 2"):
        word.styles[style_name].element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="90"/></w:numPr>'))
    word.add_heading("学校概况", level=1)
    word.add_heading("基本情况", level=2)
    word.add_paragraph("学校占地 104 亩。")
    word.add_heading("学生规模", level=2)
    item = word.add_paragraph("在校生 4967 人。")
    item._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="2"/><w:numId w:val="90"/></w:numPr>'))
    word.add_heading("人才培养", level=1)
    word.add_heading("立德树人", level=2)
    word.add_paragraph("毕业生 1677 人。")
    path = tmp_path / "numbered.docx"
    word.save(str(path))
    return path


def test_word_numbered_headings_are_sections(tmp_path):
    doc = read_report(_numbered_headings_docx(tmp_path))
    assert [(s.number, s.title) for s in doc.sections] == [
        ("1", "学校概况"), ("1.1", "基本情况"), ("1.2", "学生规模"), ("2", "人才培养"), ("2.1", "立德树人")]
    assert doc.lines[4] == "（一） 在校生 4967 人。"
    assert [(f.number.text, f.section, f.source.paragraph) for f in doc.facts] == [
        ("104", "1.1", 3), ("4967", "1.2", 5), ("1677", "2.1", 8)]


def test_caption_in_the_tables_first_merged_row(tmp_path):
    word = docx.Document()
    table = word.add_table(rows=4, cols=3)
    for r, row in enumerate([["表 8 教职工总体情况", "", ""], ["类别", "人数", "比例"],
                             ["专任教师", "177", "68%"], ["行政及工勤人员", "60", "24%"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 0).merge(table.cell(0, 2)).text = "表 8 教职工总体情况"
    path = tmp_path / "inside.docx"
    word.save(str(path))
    [read] = read_report(path).tables
    assert (read.key, read.caption, read.source.line) == ("表8", "教职工总体情况", 1)
    assert read.columns == ["类别", "人数", "比例"]
    assert [(r.label, r.cells["人数"].value, r.cells["比例"].value) for r in read.rows] == [
        ("专任教师", 177.0, 68.0), ("行政及工勤人员", 60.0, 24.0)]


def test_tracked_insertions_are_read_and_deletions_are_not(tmp_path):
    word = docx.Document()
    paragraph = word.add_paragraph("毕业生总数 ")
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="a"><w:r><w:delText>1667</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="2" w:author="a"><w:r><w:t>1677</w:t></w:r></w:ins>'))
    paragraph.add_run(" 人。")
    path = tmp_path / "tracked.docx"
    word.save(str(path))
    doc = read_report(path)
    assert doc.lines == ["毕业生总数 1677 人。"]
    assert [f.number.text for f in doc.facts] == ["1677"]


def test_xubiao_continues_the_table_above(tmp_path):
    word = docx.Document()
    word.add_paragraph("表 7 生源地结构")
    for caption, rows in ((None, [["区内", "131"], ["区外市内", "3677"]]), ("续表 7", [["市外", "1159"]])):
        if caption:
            word.add_paragraph("其余生源地见下表。")
            word.add_paragraph(caption)
        table = word.add_table(rows=len(rows) + 1, cols=2)
        for cells, texts in zip(table.rows, [["生源地", "人数"], *rows]):
            for cell, text in zip(cells.cells, texts):
                cell.text = text
    path = tmp_path / "xubiao.docx"
    word.save(str(path))
    doc = read_report(path)
    [table] = doc.tables
    assert [(r.label, r.cells["人数"].value) for r in table.rows] == [("区内", 131), ("区外市内", 3677), ("市外", 1159)]
    assert [p.text for p in doc.paragraphs] == ["其余生源地见下表。"]


def _outline_level(paragraph, level: int) -> None:
    element = parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{level - 1}"/>')
    paragraph._p.get_or_add_pPr().append(element)


def _chapter_docx(tmp_path) -> Path:
    """第一章 / 一、 / （一） headings marked four ways: Word's Heading 1 style, an outline level set on the
    paragraph, a custom style that carries the level, a heading style that lost its level (named `标题 3`),
    and numbering typed in body text only; tables with merged cells, captions below and above."""
    word = docx.Document()
    word.add_paragraph("某某学校质量年度报告（2024）", style="Title")
    own = word.styles.add_style("报告二级标题", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    own.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    lost = word.styles.add_style("标题 3", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    word.add_heading("第一章 学校概况", level=1)
    _outline_level(word.add_paragraph("一、办学基本情况"), 2)
    word.add_paragraph("（一）学校简介", style=lost)
    word.add_paragraph("学校现有在校生 1200 人。")
    word.add_paragraph("（二）专业设置")  # numbering typed in body text only
    word.add_paragraph("学校开设专业 12 个。")
    table = word.add_table(rows=4, cols=3)
    for r, row in enumerate([["专业大类", "在校生", ""], ["", "2023年", "2024年"],
                             ["财经商贸大类", "500", "600"], ["合计", "1100", "1200"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 1).merge(table.cell(0, 2)).text = "在校生"
    table.cell(0, 0).merge(table.cell(1, 0)).text = "专业大类"
    word.add_paragraph("表1-1 分专业大类在校生情况（单位：人）", style="Caption")  # below its table
    word.add_paragraph("二、学生规模", style=own)
    word.add_heading("第二章 学生发展", level=1)
    word.add_paragraph("一、招生情况", style=own)
    word.add_paragraph("表 2-1 近两年招生情况", style="Caption")  # above its table
    table = word.add_table(rows=3, cols=2)
    for r, row in enumerate([["年度", "招生人数"], ["2023", "380"], ["2024", "400"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    word.add_paragraph("二、就业情况", style=own)
    word.add_paragraph("毕业生 350 人。")
    path = tmp_path / "chapters.docx"
    word.save(str(path))
    return path


def test_chapter_headings_marked_by_style_level_or_typed_number_and_captions_both_sides(tmp_path):
    doc = read_report(_chapter_docx(tmp_path))
    assert [(s.number, s.title) for s in doc.sections] == [
        ("第一章", "学校概况"), ("第一章一", "办学基本情况"), ("第一章一（一）", "学校简介"),
        ("第一章一（二）", "专业设置"), ("第一章二", "学生规模"), ("第二章", "学生发展"), ("第二章一", "招生情况"),
        ("第二章二", "就业情况")]
    assert [(t.key, t.caption, t.section, t.unit) for t in doc.tables] == [
        ("表1-1", "分专业大类在校生情况（单位：人）", "第一章一（二）", "人"), ("表2-1", "近两年招生情况", "第二章一", None)]
    first = doc.table("表1-1")
    assert first.columns == ["专业大类", "在校生2023年", "在校生2024年"]
    assert [(r.label, r.cells["在校生2024年"].value) for r in first.rows] == [("财经商贸大类", 600), ("合计", 1200)]
    assert [(f.number.text, f.section) for f in doc.facts] == [
        ("1200", "第一章一（一）"), ("12", "第一章一（二）"), ("350", "第二章二")]


@pytest.mark.parametrize("below", [True, False], ids=["captions-below", "captions-above"])
def test_a_caption_between_two_tables_belongs_to_the_side_the_report_prints_captions_on(tmp_path, below):
    word = docx.Document()
    word.add_paragraph("一、学校概况")
    specs = [("表1-1 在校生情况", [["年度", "人数"], ["2023", "1100"], ["2024", "1200"]]),
             ("表1-2 教师情况", [["类别", "人数"], ["专任教师", "90"], ["兼职教师", "12"]]),
             ("表1-3 经费情况", [["项目", "万元"], ["财政拨款", "800"], ["学费", "150"]])]
    for caption, rows in specs:  # tables back to back: every caption stands between two tables
        if not below:
            word.add_paragraph(caption, style="Caption")
        table = word.add_table(rows=len(rows), cols=2)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        if below:
            word.add_paragraph(caption, style="Caption")
    word.add_paragraph("以上为基本情况。")
    path = tmp_path / "tables.docx"
    word.save(str(path))
    doc = read_report(path)
    assert [(t.key, t.caption, t.rows[0].label) for t in doc.tables] == [
        ("表1-1", "在校生情况", "2023"), ("表1-2", "教师情况", "专任教师"), ("表1-3", "经费情况", "财政拨款")]


def _untitled_docx(tmp_path, share: str) -> Path:
    word = docx.Document()
    word.add_heading("二、教师队伍", level=1)
    word.add_paragraph("学校现有专任教师 120 人。学校教师学历结构如下表：")
    table = word.add_table(rows=5, cols=3)
    table.style = "Table Grid"
    rows = [["单位：人", "", ""], ["学历", "人数", "占比（%）"], ["研究生", "30", "25.0"], ["本科", "84", share],
            ["专科", "6", "5.0"]]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 0).merge(table.cell(0, 2)).text = "单位：人"
    word.add_paragraph("教师队伍结构持续优化。")
    path = tmp_path / f"untitled-{share}.docx"
    word.save(str(path))
    return path


def test_an_uncaptioned_word_table_of_numbers_is_read_under_its_section_and_checked(tmp_path):
    doc = read_report(_untitled_docx(tmp_path, "70.0"))
    [table] = doc.tables
    assert (table.key, table.caption, table.section, table.unit) == ("二无题表1", "学校教师学历结构如下表", "二", "人")
    assert table.columns == ["学历", "人数", "占比（%）"]
    assert [(r.label, r.cells["人数"].value) for r in table.rows] == [("研究生", 30), ("本科", 84), ("专科", 6)]
    packs = load_rules()
    assert audit_document(doc, packs).findings == []
    wrong = audit_document(read_report(_untitled_docx(tmp_path, "72.0")), packs)
    assert [(f.location.table, f.location.row) for f in wrong.findings] == [("二无题表1", "本科")]


def _unlabelled_docx(tmp_path) -> Path:
    """A Word table whose rows print no label, and the same table typed as tab-separated paragraphs."""
    word = docx.Document()
    word.add_paragraph("一、办学规模")
    word.add_paragraph("表 1 近三年在校生")
    table = word.add_table(rows=4, cols=2)
    data = [["在校生（人）", "毕业生（人）"], ["1620", "480"], ["1700", "510"], ["1800", "530"]]
    for r, row in enumerate(data):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    word.add_paragraph("表 2 近三年毕业生")
    for row in data:
        word.add_paragraph("\t".join(row))
    path = tmp_path / "unlabelled.docx"
    word.save(str(path))
    return path


def test_reading_notes_name_word_paragraphs_and_table_rows_not_line_ordinals(tmp_path):
    """KA002 for a DOCX says where a Word user looks: the rows of the Word table, or the paragraphs."""
    from keneng_audit.coverage import coverage_findings

    doc = read_report(_unlabelled_docx(tmp_path))
    in_table, in_prose = doc.table("表1"), doc.table("表2")
    assert in_table.problems[0].startswith("表内第 2–4 行：各行未印行名")
    assert " / rows 2–4 of the table: the rows print no label" in in_table.problems[0]
    assert in_prose.problems[0].startswith("第 5–7 段：各行未印行名")
    messages = [f.message for f in coverage_findings(doc, "zh")]
    assert messages == ["表1 未能完整读取：表内第 2–4 行：各行未印行名（如年度），按顺序称为“第1行”“第2行”…，各行属于哪一年无法从表中读出",
                        "表2 未能完整读取：第 5–7 段：各行未印行名（如年度），按顺序称为“第1行”“第2行”…，各行属于哪一年无法从表中读出"]
    assert not any("行：" in m and "段" not in m and "表内" not in m for m in messages)


@pytest.mark.parametrize("below", [False, True], ids=["caption-above", "caption-below"])
def test_a_word_table_split_in_two_with_its_header_repeated_is_one_table(tmp_path, below):
    """A page break splits a long Word table into two, the header row repeated and no `续表` line (review3 NEW-14):
    one table, not a captioned part and an uncaptioned part checked alone."""
    word = docx.Document()
    word.add_paragraph("一、学校概况")
    caption = "表 1 各专业在校生情况"
    if not below:
        word.add_paragraph(caption)
    header = ["专业", "在校生（人）", "占比（%）"]
    parts = [[["机电一体化", "420", "20.0"], ["数控技术", "300", "14.3"]],
             [["会计", "280", "13.3"], ["护理", "1100", "52.4"], ["合计", "2100", "100.0"]]]
    for k, rows in enumerate(parts):
        table = word.add_table(rows=1 + len(rows), cols=3)
        for r, row in enumerate([header, *rows]):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        if k == 0:
            word.add_paragraph("")  # Word keeps an empty paragraph where the table was split
    if below:
        word.add_paragraph(caption)
    word.add_paragraph("学校共有在校生2100人。")
    path = tmp_path / "split.docx"
    word.save(str(path))
    doc = read_report(path)
    assert [(t.key, [r.label for r in t.rows]) for t in doc.tables] == [
        ("表1", ["机电一体化", "数控技术", "会计", "护理", "合计"])]
    result = audit_document(doc, load_rules())
    assert [f.rule for f in result.findings if f.severity in ("error", "warning")] == []


def test_reading_leaves_no_python_docx_object_behind():
    """python-docx's objects form cycles holding the file's XML: left to the collector's thresholds they piled up
    in a batch worker (≈ 8 MB per report). Automatic collection off: only the reader's own collection frees them."""
    import gc

    from docx.opc.part import Part

    from keneng_audit.reading import read_report

    path = Path(__file__).resolve().parents[1] / "fixtures" / "dongling-docx" / "consistent.docx"
    def parts() -> set[int]:
        return {id(o) for o in gc.get_objects() if isinstance(o, Part)}

    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        before = parts()
        doc = read_report(path)
        left = parts() - before
    finally:
        if was_enabled:
            gc.enable()
    assert doc.tables and left == set()
