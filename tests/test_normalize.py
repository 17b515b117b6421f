"""One label normalisation: quotes, brackets, widths, dashes and blanks never decide whether two labels match."""

from __future__ import annotations

import pytest

from keneng_audit.engine import run
from keneng_audit.normalize import fold_char, label_key, loose_key
from tests.rules.tablekit import make_doc, make_table, pack_from, rule_yaml


@pytest.mark.parametrize("a, b", [
    ("“双师型”教师比例", '"双师型"教师比例'),
    ("「双师型」教师比例", "“双师型”教师比例"),
    ("在校生（人）", "在校生(人)"),
    ("在校生 （人）", "在校生(人)"),
    ("表 2－3", "表2-3"),
    ("表２—３", "表2-3"),
    ("【国家级】", "[国家级]"),
    ("增加比率（％）", "增加比率(%)"),
    ("2022\u30002023学年", "2022 2023学年"),
])
def test_same_key(a, b):
    assert label_key(a) == label_key(b)


@pytest.mark.parametrize("a, b", [
    ("在校生（人）", "在校生（万元）"),
    ("2023年", "2024年"),
    ("《职业教育法》", "职业教育法"),  # a book title's marks are part of the name
])
def test_different_key(a, b):
    assert label_key(a) != label_key(b)


def test_loose_key_ignores_quotes_and_footnote_marks():
    assert loose_key("“双师型”教师比例*") == loose_key("双师型教师比例") == "双师型教师比例"
    assert label_key("“双师型”教师比例") != label_key("双师型教师比例")


def test_fold_char_is_what_label_key_does_to_each_character():
    text = "“双师型”（人）２０２４－"
    assert "".join(fold_char(c) for c in text) == label_key(text)


def test_table_lookups_use_the_key():
    table = make_table("表2-3", "专任教师“双师”结构", ["类别", '"双师型"教师人数(人)'], [('"双师型"教师', ["53"])])
    doc = make_doc(table)
    assert doc.table("表 2－3") is table
    assert doc.find_table("专任教师\"双师\"结构") is table
    assert table.find_column("“双师型”教师人数（人）") == '"双师型"教师人数(人)'
    assert table.find_row("“双师型”教师") == '"双师型"教师'


def test_a_rule_naming_curly_quotes_and_full_width_brackets_checks_a_report_printing_straight_ones(tmp_path):
    resources = make_table("附表3", "教学资源表", ["指标", "单位", "2024年(%)"],
                           [('"双师型"教师比例', ["%", "31"]), ('高级"双师型"教师比例', ["%", "35"])], line=10)
    pack = ("tables:\n  resources: {caption: 教学资源表}\nrules:\n"
            + rule_yaml("KA900", "subset", "resources", "{across: columns, children: [高级“双师型”教师比例], "
                        "parent: \"“双师型”教师比例\"}")
            + rule_yaml("KA901", "range", "resources", "{columns: [2024年（%）], min: 0, max: 30}"))
    result = run(make_doc(resources), pack_from(tmp_path, pack), "en")
    found = {(f.rule, f.location.row) for f in result.findings}
    assert ("KA900", '高级"双师型"教师比例') in found
    assert ("KA901", '高级"双师型"教师比例') in found and ("KA901", '"双师型"教师比例') in found
