"""Per-head values (inference.perhead): `生均X` is X over the head count of the same table, scaled by the units."""

from __future__ import annotations

import pytest

from keneng_audit.audit import audit_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

HEAD = "石门职业学校2024年质量年度报告\n一、办学条件\n"
TAIL = "二、其他\n无。\n"
ROWS = ("表1 办学条件主要指标\n指标 2023年 2024年\n全日制在校生（人） 1365 1452\n教学仪器设备总值（万元） 1856.40 2103.60\n"
        "生均教学仪器设备值（元） 13600 {each}\n校舍建筑面积（平方米） 42600 43800\n生均校舍建筑面积（平方米） 31.2 {area}\n")
COLUMNS = ("表1 各校区办学条件\n校区 在校生（人） 建筑面积（平方米） 生均建筑面积（平方米） 设备总值（万元） 生均设备值（元）\n"
           "东校区 800 24000 30.0 1200.00 15000\n西校区 652 19800 {area} 903.60 {each}\n")


@pytest.fixture(scope="module")
def national():
    return load_packs([rules_dir() / "national"])


def _errors(tmp_path, national, body: str):
    path = tmp_path / "r.txt"
    path.write_text(HEAD + body + TAIL, encoding="utf-8")
    return [(f.location.row, f.location.column, f.actual) for f in audit_report(path, lang="zh", packs=national).findings
            if f.severity == "error"]


@pytest.mark.parametrize("table, cells, expected", [
    # 2103.60 万元 / 1452 = 14487.6 元: 14488 is that amount rounded (an amount in 元 is not an exact count)
    (ROWS, {"each": "14488", "area": "30.2"}, []),
    (ROWS, {"each": "14848", "area": "30.2"}, [("生均教学仪器设备值（元）", "2024年", "14848")]),
    (ROWS, {"each": "14488", "area": "32.0"}, [("生均校舍建筑面积（平方米）", "2024年", "32.0")]),
    # per-head columns of each row: 19800 / 652 = 30.4, 903.60 万元 / 652 = 13859 元
    (COLUMNS, {"area": "30.4", "each": "13859"}, []),
    (COLUMNS, {"area": "30.4", "each": "13589"}, [("西校区", "生均设备值（元）", "13589")]),
    (COLUMNS, {"area": "34.0", "each": "13859"}, [("西校区", "生均建筑面积（平方米）", "34.0")]),
])
def test_per_head_values(tmp_path, national, table, cells, expected):
    assert _errors(tmp_path, national, table.format(**cells)) == expected
