"""A fixed, hand-built list of results for the reporters' golden tests (independent of the rule packs)."""

from __future__ import annotations

from keneng_audit.findings import AuditResult, Finding, FindingLocation, PrintedValue, SkippedRule, make_fingerprint

REPORT = "data/keneng-2024/report.txt"


def _finding(rule, name, severity, message, *, table=None, row=None, column=None, section=None,
             values=(), expected=None, actual=None, hint=None, basis=None, file=REPORT) -> Finding:
    lines = tuple(sorted({v.line for v in values if v.line is not None}))
    location = FindingLocation(file=file, table=table, row=row, column=column, section=section, lines=lines)
    fingerprint = make_fingerprint(rule, table or section, row, column, values)
    return Finding(rule=rule, name=name, severity=severity, message=message, location=location,
                   values=tuple(values), expected=expected, actual=actual, hint=hint, fingerprint=fingerprint,
                   basis=basis)


def findings() -> list[Finding]:
    growth = _finding(
        "KA201", "增长率基数", "error", "装备制造大类的增加比率应为 68.2%（613 / 899），报告印为 40.5%。",
        table="表3", row="装备制造大类", column="增加比率（%）", section="1.3 在校生规模",
        values=(PrintedValue("613", 613.0, "表3 装备制造大类 / 增加人数", 551, "表3", "装备制造大类", "增加人数"),
                PrintedValue("899", 899.0, "表3 装备制造大类 / 2022-2023学年度（人）", 551, "表3", "装备制造大类",
                             "2022-2023学年度（人）"),
                PrintedValue("40.5%", 40.5, "表3 装备制造大类 / 增加比率（%）", 552, "表3", "装备制造大类",
                             "增加比率（%）")),
        expected="68.2% = 613 / 899", actual="40.5%", hint="增加比率可能以本年在校生人数为基数：613 / 1512 = 40.5%",
        basis="按上一期计算")
    difference = _finding(
        "KA110", "增加人数", "error", "区内的增加人数应为 7（131 − 124），报告印为 8。",
        table="表7", row="区内", column="增加人数", section="1.3 在校生规模",
        values=(PrintedValue("131", 131.0, "表7 区内 / 2023-2024学年度", 702, "表7", "区内", "2023-2024学年度"),
                PrintedValue("124", 124.0, "表7 区内 / 2022-2023学年度", 702, "表7", "区内", "2022-2023学年度"),
                PrintedValue("8", 8.0, "表7 区内 / 增加人数", 703, "表7", "区内", "增加人数")),
        expected="7 = 131 − 124", actual="8")
    share = _finding(
        "KA301", "占比", "warning", "行政及工勤人员比例 24% 只有截断 23.2%（60 / 259）才成立，通常应四舍五入为 23%。",
        table="表8", row="行政及工勤人员", column="比例", section="2.1 师资队伍",
        values=(PrintedValue("60", 60.0, "表8 行政及工勤人员 / 人数", 910, "表8", "行政及工勤人员", "人数"),
                PrintedValue("259", 259.0, "表8 合计 / 人数", 913, "表8", "合计", "人数"),
                PrintedValue("24%", 24.0, "表8 行政及工勤人员 / 比例", 910, "表8", "行政及工勤人员", "比例")),
        expected="23.2% = 60 / 259", actual="24%")
    agree = _finding(
        "KA150", "直接就业人数一致", "error", "直接就业人数前后不一：附表1 为 1179，表20 为 1151。",
        section="3.2 就业质量",
        values=(PrintedValue("1179", 1179.0, "附表1 直接就业", 4150, "附表1", "直接就业", "数值"),
                PrintedValue("1151", 1151.0, "表20 直接就业 / 人数", 1833, "表20", "直接就业", "人数")),
        expected="1179", actual="1151")
    not_evaluated = _finding(
        "KA900", "未评估", "info",
        'rule "KA900" not evaluated: table <表99> & co, 100% missing,\nsee: rules/keneng-2024/extra.yaml',
        table="表99", hint="caption not found")
    return [share, agree, growth, not_evaluated, difference]


def extra_findings() -> list[Finding]:
    """For the reporters: a second row of the growth finding's cause (a group) and a wrong total row."""
    # The same cause in the next row: shown with the row above as one group.
    growth_next = _finding(
        "KA201", "增长率基数", "error", "交通运输大类的增加比率应为 37.8%（272 / 720），报告印为 27.4%。",
        table="表3", row="交通运输大类", column="增加比率（%）", section="1.3 在校生规模",
        values=(PrintedValue("27.4%", 27.4, "表3 交通运输大类 / 增加比率（%）", 554, "表3", "交通运输大类",
                             "增加比率（%）"),
                PrintedValue("272", 272.0, "表3 交通运输大类 / 增加人数", 554, "表3", "交通运输大类", "增加人数"),
                PrintedValue("720", 720.0, "表3 交通运输大类 / 2022-2023学年度（人）", 554, "表3", "交通运输大类",
                             "2022-2023学年度（人）")),
        expected="37.8% = 272 / 720", actual="27.4%", hint="增加比率可能以本年在校生人数为基数：272 / 992 = 27.4%",
        basis="按上一期计算")
    total = _finding(
        "KA120", "合计", "error", "表9 各行相加为 360，合计行却印为 380。",
        table="表9", row="合计", column="人数", section="2.1 师资队伍",
        values=(PrintedValue("380", 380.0, "表9 合计 / 人数", 960, "表9", "合计", "人数"),
                PrintedValue("120", 120.0, "表9 甲 / 人数", 957, "表9", "甲", "人数"),
                PrintedValue("150", 150.0, "表9 乙 / 人数", 958, "表9", "乙", "人数"),
                PrintedValue("90", 90.0, "表9 丙 / 人数", 959, "表9", "丙", "人数")),
        expected="360 = 120 + 150 + 90", actual="380", basis="各行相加")
    return [growth_next, total]


def results(extra: bool = False) -> list[AuditResult]:
    """`extra`: with `extra_findings()` and a skipped rule, as the reporters' golden files show them."""
    main = AuditResult(file=REPORT, findings=findings() + (extra_findings() if extra else []),
                       packs=["national", "keneng-2024"], rules_run=42, tables_read=33,
                       skipped=[SkippedRule("KA185", "staff-share", "报告中没有表“表8”", "表8")] if extra else [])
    clean = AuditResult(file="reports/other school.txt", findings=[], packs=["national"], rules_run=30, tables_read=6)
    broken = AuditResult(file="reports/empty.txt", error="reports/empty.txt: the file is empty")
    return [main, clean, broken]
