"""The claim kinds of the prose checker, one module each, registered in one explicit table (id → module).

Every module declares `RULE` (a ProseRule: id, name, severity, description, rationale, examples) and
`check(ctx) -> list[Finding]`; cases are judged through pandera row masks (see `common.failed`).
"""

from __future__ import annotations

from types import ModuleType

from keneng_audit.claims.kinds import (anniversary, date, growth, increase, listed, listed_table, malformed, named_rows,
                                      parts, per_student, ratio, share, share_word, span, stated_total)

KINDS: dict[str, ModuleType] = {m.RULE.id: m for m in (
    share,          # KA410 N 人，占 X 总数的 P%
    parts,          # KA420 其中 parts ≤ total
    stated_total,   # KA421 共 N，其中 a、b、c: a + b + c = N
    listed,         # KA430 共 6 个工作组：A、B… / 3 人（甲、乙、丙）
    listed_table,   # KA431 获得 4 项国家级奖项 against the award table's level column
    named_rows,     # KA440 以上 3 个大类 … T against the table's rows
    per_student,    # KA450 生均 value = total / students
    date,           # KA460 2024 年 11 月 31 日 does not exist
    span,           # KA461 为期 4 天（10 月 14 日至 10 月 19 日）
    anniversary,    # KA462 始建于 1985 年 … 建校 40 周年 (2024)
    growth,         # KA470 在校生较上年增长 8.2% against both years' values
    increase,       # KA471 总收入较上一年度增加 312.40 万元 against both years' values
    ratio,          # KA472 生师比 17:1 against students / 专任教师
    share_word,     # KA480 七成以上, 近九成, 过半, 翻一番 against the computed share
    malformed,      # KA490 96.%, 1，677, 3 .5%, 103% share, 2204 年
)}

__all__ = ["KINDS"]
