"""Writes the layout fixture: a report printed as `pdftotext -layout` does, its DOCX twin, and what must be read.

`python -m tests.make_layout_fixture` rewrites tests/fixtures/layout-report/ (report.txt, expected/*.csv);
the tests check that a fresh run gives the same files and build the DOCX twin with `write_docx`.

The report (江北财贸职业学校, invented, consistent numbers) has columns aligned by runs of spaces, no blank lines,
a form feed at each page end, `第 N 页 共 M 页` footers and a running header on every page, Chinese-numeral
headings (一、 / （一） / 1.), chapter-numbered tables (`表2-1`, `表 2-3`), captions below some tables, header cells
wrapped in their column, labels wrapped in the label column (below and above the values' line), a years-as-rows
table, a table in 元 with thousands separators, a total printed first, units in captions and a `单位：` note, a
table broken by a page end with its header repeated, and straight quotes where the national template has curly ones.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "layout-report"
SCHOOL = "江北财贸职业学校"
TITLE = f"{SCHOOL}质量年度报告（2024）"
PAGE_LINES = 30  # printed lines per page, header and footer included
WRAP = 36  # CJK characters per prose line


@dataclass
class Heading:
    number: str  # the section number the reader must give (`二（一）1`)
    printed: str  # the line as printed (`1.招生情况`)
    level: int
    title: str = ""  # the title the reader must give (default: the printed line after its number)


@dataclass
class Para:
    text: str


@dataclass
class Col:
    header: list[str]  # the title's printed lines, top to bottom, all in this column
    align: str = "r"  # "l" or "r"
    name: str = ""  # the column name the reader must give (default: the parts joined)


@dataclass
class Row:
    cells: list[str]  # one text per column, the label included ("" when empty)
    wrap: list[str] | None = None  # the label's printed lines when it wraps
    values_on: int = 0  # which of the label's lines carries the other cells
    label: str = ""  # the row label the reader must give (default: the label cell)
    parent: str | None = None


@dataclass
class TableSpec:
    key: str  # as the reader must key it
    printed_key: str  # as printed in the caption (`表 2-3`)
    caption: str
    cols: list[Col]
    rows: list[Row]
    below: bool = False  # caption printed under the table
    unit_note: str | None = None  # a `单位：元` printed on the caption line, right-aligned
    period_axis: str | None = None
    break_after: int | None = None  # a page break after this many body rows; the header is repeated
    label_col: int = 0
    serial: bool = False
    lines: dict = field(default_factory=dict)  # filled while printing: row index → (label line, values line)


def _w(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _place(segments: list[tuple[int, str]]) -> str:
    """A line with each text starting at its display column (CJK characters are two columns wide)."""
    out = ""
    for start, text in sorted(segments):
        out += " " * max(start - _w(out), 2 if out else 0) + text
    return out.rstrip()


def _layout(spec: TableSpec) -> tuple[list[int], list[int]]:
    widths = []
    for i, col in enumerate(spec.cols):
        texts = list(col.header) + [r.cells[i] for r in spec.rows]
        texts += [p for r in spec.rows if r.wrap and i == spec.label_col for p in r.wrap]
        widths.append(max(_w(t) for t in texts))
    starts, pos = [], 2
    for width in widths:
        starts.append(pos)
        pos += width + 4
    return starts, widths


def _cell_at(spec: TableSpec, starts, widths, i: int, text: str) -> tuple[int, str]:
    if spec.cols[i].align == "l" or not text:
        return starts[i], text
    return starts[i] + widths[i] - _w(text), text


def _header_lines(spec: TableSpec, starts, widths) -> list[str]:
    depth = max(len(c.header) for c in spec.cols)
    lines = []
    for k in range(depth):
        segs = [(starts[i], c.header[k]) for i, c in enumerate(spec.cols) if k < len(c.header) and c.header[k]]
        lines.append(_place(segs))
    return lines


def _row_lines(spec: TableSpec, starts, widths, row: Row) -> list[str]:
    parts = row.wrap or [row.cells[spec.label_col]]
    lines = []
    for k, part in enumerate(parts):
        segs = [(starts[spec.label_col], part)]
        if k == row.values_on:
            segs += [_cell_at(spec, starts, widths, i, t) for i, t in enumerate(row.cells)
                     if i != spec.label_col and t]
        lines.append(_place(segs))
    return lines


@dataclass
class School:
    """One invented school's report: its name, the folder its fixture is written to, its blocks in order."""

    name: str
    folder: Path
    blocks: object  # () -> list of Heading | Para | TableSpec

    @property
    def title(self) -> str:
        return f"{self.name}质量年度报告（2024）"

    @property
    def running_header(self) -> str:
        return f"{self.name}                               质量年度报告（2024）"


def _report() -> list:
    """The report's blocks in printed order."""
    pct = Col(["比例", "（%）"], name="比例（%）")
    return [
        Heading("一", "一、学校概况", 1),
        Heading("一（一）", "（一）办学基本情况", 2),
        Para(f"{SCHOOL}创办于1985年，是市属公办中等职业学校，现有全日制在校生2600人，教职工186人，其中专任教师160人，"
             "\"双师型\"教师112人，占专任教师的70.0%。学校占地面积12.6万平方米，建筑面积8.4万平方米。"),
        Para("学校坚持立德树人，以财经商贸类专业为主体，电子与信息、文化艺术类专业协同发展。"),
        Heading("一（二）", "（二）专业设置", 2),
        Para("学校开设专业12个，覆盖3个专业大类，各专业大类在校生情况见表 2-3。"),
        Heading("二", "二、学生发展", 1),
        Heading("二（一）", "（一）招生与在校生", 2),
        Heading("二（一）1", "1.招生情况", 3),
        Para("近三年学校招生规模稳步扩大，2024年招生900人，较上一年增加40人。"),
        TableSpec("表2-1", "表2-1", "近三年招生、在校生与毕业生情况（单位：人）", period_axis="rows", cols=[
            Col(["年度"], "l"), Col(["招生人数"]), Col(["在校生人数"]), Col(["毕业生人数"])], rows=[
            Row(["2022", "820", "2,310", "700"]),
            Row(["2023", "860", "2,450", "720"]),
            Row(["2024", "900", "2,600", "750"])]),
        Heading("二（一）2", "2.在校生规模", 3),
        Para("2024年全日制在校生2600人，较上一学年增加150人，增长6.1%。各专业大类在校生情况如下。"),
        TableSpec("表2-3", "表 2-3", "分专业大类在校生情况", period_axis="columns", cols=[
            Col(["专业大类"], "l"),
            Col(["2023-2024学年", "度（人）"], name="2023-2024学年度（人）"),
            Col(["2022-2023学年", "度（人）"], name="2022-2023学年度（人）"),
            Col(["增加人数", "（人）"], name="增加人数（人）"),
            Col(["增加比率", "（%）"], name="增加比率（%）")], rows=[
            Row(["合计", "2,600", "2,450", "150", "6.1"]),
            Row(["财经商贸大类", "1,250", "1,180", "70", "5.9"]),
            Row(["电子与信息大类（含电子商务）", "850", "800", "50", "6.3"], wrap=["电子与信息大类（含电子", "商务）"],
                values_on=1),
            Row(["文化艺术大类", "500", "470", "30", "6.4"])]),
        Heading("二（二）", "（二）毕业生去向", 2),
        Para("2024届毕业生750人，升学300人，直接就业420人，毕业去向落实率96.0%。"),
        TableSpec("表2-4", "表2-4", "2024届毕业生去向落实情况", below=True, cols=[
            Col(["毕业去向"], "l"), Col(["人数", "（人）"], name="人数（人）"), pct], rows=[
            Row(["升学", "300", "40.0"]),
            Row(["直接就业（含自主创业与灵活就业）", "420", "56.0"], wrap=["直接就业（含自主创业与灵活", "就业）"]),
            Row(["其他", "30", "4.0"]),
            Row(["合计", "750", "100.0"])]),
        Para("毕业生对学校的总体满意度为97.5%，用人单位对毕业生的满意度为96.0%，均较上一年有所提高。学校持续"
             "跟踪毕业生职业发展，每年组织用人单位座谈会，将反馈意见纳入人才培养方案修订。"),
        Heading("三", "三、教师队伍", 1),
        Para("学校有专任教师160人，其中\"双师型\"教师112人，高级职称教师48人。"),
        TableSpec("表3-1", "表3-1", "专任教师结构", below=True, cols=[
            Col(["类别"], "l"), Col(["人数", "（人）"], name="人数（人）"), pct], rows=[
            Row(["专任教师", "160", "100.0"]),
            Row(["其中：\"双师型\"教师", "112", "70.0"], label="\"双师型\"教师", parent="专任教师"),
            Row(["高级职称教师", "48", "30.0"])]),
        Para("教师获奖情况见表3-2。"),
        TableSpec("表3-2", "表3-2", "教师获奖情况", serial=True, label_col=1, break_after=3, cols=[
            Col(["序号"], "l"), Col(["奖项名称"], "l"), Col(["获奖教师"], "l"), Col(["授予单位"], "l"),
            Col(["授予时间"], "l")], rows=[
            Row(["1", "全国职业院校技能大赛教学能力比赛一等奖", "王 芳", "教育部", "2024-06-15"],
                wrap=["全国职业院校技能大赛教学能", "力比赛一等奖"]),
            Row(["2", "省级教学成果奖二等奖", "李明", "省教育厅", "2024-03-20"]),
            Row(["3", "市级优秀教师", "赵丽", "市教育局", "2024-09-10"]),
            Row(["4", "市职业院校教学能力比赛二等奖", "孙强", "市教育局", "2024-05-18"]),
            Row(["5", "市级优秀班主任", "周敏", "市教育局", "2024-09-10"])]),
        Heading("四", "四、经费保障", 1),
        Para("2024年学校经费收入14800000.00元，较上一年增加874220.60元，其中学费收入1300000.00元。"),
        TableSpec("表4-1", "表4-1", "经费收入情况", unit_note="单位：元", cols=[
            Col(["收入项目"], "l"), Col(["2023年"]), Col(["2024年"]), Col(["增减额"])], period_axis="columns", rows=[
            Row(["财政拨款", "12,345,678.90", "13,100,000.00", "754,321.10"]),
            Row(["学费收入", "1,234,500.00", "1,300,000.00", "65,500.00"]),
            Row(["其他收入", "345,600.50", "400,000.00", "54,399.50"]),
            Row(["合计", "13,925,779.40", "14,800,000.00", "874,220.60"])]),
        Para("学校生均财政拨款经费5038.46元，高于全市中职学校平均水平。"),
        TableSpec("附表3", "附表3", "教学资源表", period_axis="columns", cols=[
            Col(["指标"], "l"), Col(["单位"], "l"), Col(["2023年"]), Col(["2024年"])], rows=[
            Row(["生师比", "——", "16:1", "16:1"]),
            Row(["\"双师型\"教师比例", "%", "68.5", "70.0"]),
            Row(["高级\"双师型\"教师比例", "%", "25.0", "26.3"]),
            Row(["专任教师总数", "人", "152", "160"])]),
    ]


JIANGBEI = School(SCHOOL, FIXTURE, _report)


def _prose_lines(text: str) -> list[str]:
    lines, current = [], "    "
    for ch in text:
        current += ch
        if _w(current) >= WRAP * 2:
            lines.append(current)
            current = ""
    if current.strip():
        lines.append(current)
    return lines


@dataclass
class Printed:
    text: str  # the whole report
    sections: list[tuple[str, str, int]]  # number, title, line
    tables: dict[str, tuple[TableSpec, dict]]  # key → spec, {row index: (label line, values line)}
    caption_lines: dict[str, int]


def render(school: School | None = None) -> Printed:
    """Prints the report page by page; remembers the line of every heading, caption, label and value."""
    school = school or JIANGBEI
    body: list[tuple[str, object]] = [("title", school.title)]
    for block in school.blocks():
        if isinstance(block, Heading):
            body.append(("heading", block))
        elif isinstance(block, Para):
            body += [("text", line) for line in _prose_lines(block.text)]
        else:
            body += _table_items(block)
    pages: list[list[tuple[str, object]]] = [[]]
    room = PAGE_LINES - 3
    for kind, item in body:
        if len(pages[-1]) >= room or kind == "break":
            pages.append([])
            if kind == "break":
                continue
        pages[-1].append((kind, item))
    lines: list[str] = []
    sections, tables, captions = [], {}, {}
    for number, page in enumerate(pages, start=1):
        if number > 1:
            lines.append("\f" + school.running_header)
        for kind, item in page:
            if kind == "heading":
                title = item.title or item.printed.split("、")[-1].split("）")[-1].lstrip("0123456789.")
                sections.append((item.number, title, len(lines) + 1))
                lines.append(item.printed)
            elif kind == "caption":
                captions[item] = len(lines) + 1
                lines.append(_caption_line(item))
            elif kind in ("row", "rowcont"):
                spec, idx, k, text = item
                where = tables.setdefault(spec.key, (spec, {}))[1].setdefault(idx, [None, None])
                if k == 0:
                    where[0] = len(lines) + 1
                if k == spec.rows[idx].values_on:
                    where[1] = len(lines) + 1
                lines.append(text)
            else:
                lines.append(item if isinstance(item, str) else item)
        lines.append(f"{' ' * 30}第 {number} 页 共 {len(pages)} 页")
    return Printed("\n".join(lines) + "\n", sections, tables, captions)


_SPECS: dict[str, TableSpec] = {}


def _caption_line(key: str) -> str:
    spec = _SPECS[key]
    line = f"{spec.printed_key} {spec.caption}"
    if spec.unit_note:
        line = _place([(0, line), (_w(line) + 24, spec.unit_note)])
    return line


def _table_items(spec: TableSpec) -> list[tuple[str, object]]:
    _SPECS[spec.key] = spec
    starts, widths = _layout(spec)
    header = [("table", line) for line in _header_lines(spec, starts, widths)]
    items: list[tuple[str, object]] = [] if spec.below else [("caption", spec.key)]
    items += header
    for idx, row in enumerate(spec.rows):
        if spec.break_after is not None and idx == spec.break_after:
            items.append(("break", None))
            items += header
        for k, text in enumerate(_row_lines(spec, starts, widths, row)):
            items.append(("row" if k == 0 else "rowcont", (spec, idx, k, text)))
    if spec.below:
        items.append(("caption", spec.key))
    return items


# ---------------------------------------------------------------- what the reader must give


def expected_tables(printed: Printed) -> dict[str, str]:
    """`key.csv` → the CSV `keneng-audit extract` must write for that table (cells as printed, row line)."""
    out = {}
    for key, (spec, where) in printed.tables.items():
        names = [c.name or "".join(c.header) for c in spec.cols]
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["row", *names, "line"])
        for idx, row in enumerate(spec.rows):
            label = row.label or row.cells[spec.label_col]
            writer.writerow([label, *row.cells, where[idx][0]])
        out[f"{key}.csv"] = buf.getvalue()
    return out


def expected_cells(printed: Printed) -> str:
    """Every cell's printed text and the line it stands on: table, row, column, text, line."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["table", "row", "column", "text", "line"])
    for key, (spec, where) in printed.tables.items():
        names = [c.name or "".join(c.header) for c in spec.cols]
        for idx, row in enumerate(spec.rows):
            label = row.label or row.cells[spec.label_col]
            for i, text in enumerate(row.cells):
                if text:
                    line = where[idx][0] if i == spec.label_col else where[idx][1]
                    writer.writerow([key, label, names[i], text, line])
    return buf.getvalue()


def expected_outline(printed: Printed) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["kind", "key", "title", "line", "extra"])
    for number, title, line in printed.sections:
        writer.writerow(["section", number, title, line, ""])
    for key, (spec, _) in printed.tables.items():
        writer.writerow(["table", key, spec.caption, printed.caption_lines[key], spec.period_axis or ""])
    return buf.getvalue()


def files(school: School | None = None) -> dict[str, str]:
    """Every file of the fixture folder, by relative path."""
    printed = render(school)
    out = {"report.txt": printed.text, "expected/outline.csv": expected_outline(printed),
           "expected/cells.csv": expected_cells(printed)}
    out.update({f"expected/{name}": text for name, text in expected_tables(printed).items()})
    return out


# ---------------------------------------------------------------- the DOCX twin


def write_docx(out: Path, school: School | None = None) -> Path:
    """The same report as a Word file: headings in Word's Heading styles, tables as Word tables (captions above
    or below as printed), no page furniture."""
    import docx

    school = school or JIANGBEI
    word = docx.Document()
    word.add_paragraph(school.title)
    for block in school.blocks():
        if isinstance(block, Heading):
            word.add_heading(block.printed, level=block.level)
        elif isinstance(block, Para):
            word.add_paragraph(block.text)
        else:
            caption = f"{block.printed_key} {block.caption}"
            if not block.below:
                word.add_paragraph(caption)
            if block.unit_note:
                word.add_paragraph(block.unit_note)
            names = [c.name or "".join(c.header) for c in block.cols]
            table = word.add_table(rows=1 + len(block.rows), cols=len(names))
            for i, name in enumerate(names):
                table.cell(0, i).text = name
            for r, row in enumerate(block.rows, start=1):
                for i, text in enumerate(row.cells):
                    table.cell(r, i).text = text
            if block.below:
                word.add_paragraph(caption)
    word.save(str(out))
    return out


def write(school: School, names: dict[str, str]) -> None:
    for name, text in names.items():
        path = school.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    print(f"wrote {school.folder}")


def main() -> None:
    write(JIANGBEI, files(JIANGBEI))


if __name__ == "__main__":
    main()
