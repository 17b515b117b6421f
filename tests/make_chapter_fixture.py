"""Writes the chapter fixture: another invented school's report in pdftotext -layout style, with 第N章 chapters.

`python -m tests.make_chapter_fixture` rewrites tests/fixtures/layout-chapters/: consistent.txt, injected.txt
(the same report with four numbers changed), injected.json (what was changed, where) and expected/ (what the
reader must give for the consistent report). The tests check that a fresh run gives the same files.

What it adds to the layout fixture (tests/make_layout_fixture.py, whose printer it uses): chapters `第一章` with
`一、` restarting in each of them and `（一）` under it, two tables one right after the other with their captions
below each, a caption below a years-as-rows table, a 合计 row and a 合计 column in one table, a growth-rate column
wrapped in its header, and injected errors with a consistent twin.
"""

from __future__ import annotations

import json

from tests.make_layout_fixture import Col, Heading, Para, Printed, Row, School, TableSpec, files, render
from tests.make_layout_fixture import FIXTURE as _LAYOUT

FOLDER = _LAYOUT.parent / "layout-chapters"
NAME = "临江医药卫生职业学校"

# (table, row, column, consistent, injected, kind): the numbers the injected twin prints differently
INJECTIONS = [
    ("表1-2", "药剂", "占比（%）", "25.0", "27.5", "share"),
    ("表2-2", "省级", "合计（项）", "18", "19", "sum"),
    ("表4-1", "事业收入", "增减额", "60,000.00", "66,000.00", "difference"),
    ("表4-1", "其他收入", "增长率（%）", "20.0", "25.0", "growth"),
]


def _blocks(injected: bool) -> list:
    def v(table: str, row: str, column: str, text: str) -> str:
        for t, r, c, good, bad, _ in INJECTIONS:
            if injected and (t, r, c) == (table, row, column):
                assert text == good
                return bad
        return text

    pct = Col(["占比", "（%）"], name="占比（%）")
    return [
        Heading("第一章", "第一章 学校概况", 1, "学校概况"),
        Heading("第一章一", "一、办学基本情况", 2),
        Para(f"{NAME}是县属公办中等职业学校，以医药卫生类专业为主，现有全日制在校生1800人，专任教师150人。"),
        Para("学校坚持立德树人，深化产教融合，与县人民医院、县中医院共建实训基地，办学条件持续改善。"),
        TableSpec("表1-1", "表1-1", "近三年办学规模", below=True, period_axis="rows", cols=[
            Col(["年份"], "l"), Col(["招生人数"]), Col(["在校生人数"]), Col(["毕业生人数"])], rows=[
            Row(["2022", "560", "1,620", "480"]),
            Row(["2023", "600", "1,700", "510"]),
            Row(["2024", "640", "1,800", "530"])]),
        Heading("第一章二", "二、专业设置", 2),
        Para("学校开设护理、药剂、医学检验技术、康复技术4个专业，各专业在校生分布见表1-2。"),
        TableSpec("表1-2", "表1-2", "2024年各专业在校生分布", cols=[
            Col(["专业"], "l"), Col(["在校生", "（人）"], name="在校生（人）"), pct], rows=[
            Row(["合计", "1,800", "100.0"]),
            Row(["护理", "720", "40.0"]),
            Row(["药剂", "450", v("表1-2", "药剂", "占比（%）", "25.0")]),
            Row(["医学检验技术（含卫生检验与检疫）", "360", "20.0"], wrap=["医学检验技术（含卫生", "检验与检疫）"]),
            Row(["康复技术", "270", "15.0"])]),
        Heading("第二章", "第二章 学生发展", 1, "学生发展"),
        Heading("第二章一", "一、毕业去向", 2),
        Heading("第二章一（一）", "（一）毕业生去向落实", 3),
        Para("2024届毕业生530人，其中升学210人，直接就业290人。学校开展技能竞赛，学生获奖情况见表2-2。"),
        TableSpec("表2-1", "表2-1", "2024届毕业生去向", below=True, cols=[
            Col(["毕业去向"], "l"), Col(["人数", "（人）"], name="人数（人）"), Col(["比例", "（%）"], name="比例（%）")],
            rows=[
            Row(["升学", "210", "39.6"]),
            Row(["直接就业", "290", "54.7"]),
            Row(["其他", "30", "5.7"]),
            Row(["合计", "530", "100.0"])]),
        TableSpec("表2-2", "表2-2", "2024年学生技能竞赛获奖情况", below=True, cols=[
            Col(["级别"], "l"), Col(["一等奖", "（项）"], name="一等奖（项）"),
            Col(["二等奖", "（项）"], name="二等奖（项）"), Col(["三等奖", "（项）"], name="三等奖（项）"),
            Col(["合计", "（项）"], name="合计（项）")], rows=[
            Row(["国家级", "1", "2", "3", "6"]),
            Row(["省级", "4", "6", "8", v("表2-2", "省级", "合计（项）", "18")]),
            Row(["市级", "7", "9", "12", "28"]),
            Row(["合计", "12", "17", "23", "52"])]),
        Heading("第三章", "第三章 教师队伍", 1, "教师队伍"),
        Heading("第三章一", "一、队伍结构", 2),
        Para("学校有专任教师150人，其中\"双师型\"教师102人，高级职称教师45人。"),
        TableSpec("表3-1", "表3-1", "专任教师结构", below=True, cols=[
            Col(["类别"], "l"), Col(["人数", "（人）"], name="人数（人）"), Col(["比例", "（%）"], name="比例（%）")],
            rows=[
            Row(["专任教师", "150", "100.0"]),
            Row(["其中：\"双师型\"教师", "102", "68.0"], label="\"双师型\"教师", parent="专任教师"),
            Row(["其中：高级职称教师", "45", "30.0"], label="高级职称教师", parent="专任教师")]),
        Heading("第四章", "第四章 经费保障", 1, "经费保障"),
        Heading("第四章一", "一、经费收入", 2),
        Para("学校经费来源稳定，各项收入按预算执行，2024年经费收入情况见表4-1。"),
        TableSpec("表4-1", "表4-1", "经费收入情况", unit_note="单位：元", period_axis="columns", cols=[
            Col(["收入项目"], "l"), Col(["2023年"]), Col(["2024年"]), Col(["增减额"]),
            Col(["增长率", "（%）"], name="增长率（%）")], rows=[
            Row(["财政拨款", "9,800,000.00", "10,290,000.00", "490,000.00", "5.0"]),
            Row(["事业收入", "1,200,000.00", "1,260,000.00", v("表4-1", "事业收入", "增减额", "60,000.00"), "5.0"]),
            Row(["其他收入", "250,000.00", "300,000.00", "50,000.00", v("表4-1", "其他收入", "增长率（%）", "20.0")]),
            Row(["合计", "11,250,000.00", "11,850,000.00", "600,000.00", "5.3"])]),
        Para("学校将持续优化经费结构，提高资金使用效益，保障人才培养各项工作顺利开展。"),
    ]


CONSISTENT = School(NAME, FOLDER, lambda: _blocks(False))
INJECTED = School(NAME, FOLDER, lambda: _blocks(True))


def injected_items(printed: Printed) -> list[dict]:
    """Each injected number: its table, row, column, kind, the text printed and the consistent one, its line."""
    out = []
    for table, row, column, good, bad, kind in INJECTIONS:
        spec, where = printed.tables[table]
        idx = next(i for i, r in enumerate(spec.rows) if (r.label or r.cells[spec.label_col]) == row)
        out.append({"kind": kind, "table": table, "row": row, "column": column, "printed": bad, "correct": good,
                    "line": where[idx][1]})
    return out


def all_files() -> dict[str, str]:
    """Every file of the fixture folder, by relative path."""
    out = {("consistent.txt" if name == "report.txt" else name): text for name, text in files(CONSISTENT).items()}
    injected = render(INJECTED)
    out["injected.txt"] = injected.text
    out["injected.json"] = json.dumps(injected_items(injected), ensure_ascii=False, indent=1) + "\n"
    return out


def main() -> None:
    from tests.make_layout_fixture import write

    write(CONSISTENT, all_files())


if __name__ == "__main__":
    main()
