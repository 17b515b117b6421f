"""The KA4xx rules: the built-in Rules of the prose checks (agreement, then every claim kind)."""

from __future__ import annotations

from keneng_audit.claims.agreement import AGREE, CHANGE_AGREE
from keneng_audit.claims.agreement import NAMES as AGREE_NAMES
from keneng_audit.claims.agreement import TITLES as AGREE_TITLES
from keneng_audit.claims.kinds import KINDS
from keneng_audit.claims.kinds.common import ProseRule
from keneng_audit.rules.model import Rule


RULES: dict[str, Rule] = {r.id: r for r in [
    ProseRule(AGREE, "error", AGREE_NAMES[AGREE], AGREE_TITLES[AGREE],
              {"zh": "同一数量（如毕业生总数）在正文、正文表格和附表中的数值处处相同",
               "en": "A named quantity (e.g. graduates) has one value in the prose, body tables and appendix tables"},
              {"zh": "同一年的同一数量只应有一个值；正文中的数字最容易与表格脱节。",
               "en": "One quantity has one value per year; prose copies are the ones that drift."},
              {"pass": "毕业生总数为 1240 人；附表1 1240", "fail": "毕业生总数为 1204 人；附表1 1240；表17 合计 1240"}),
    ProseRule(CHANGE_AGREE, "error", AGREE_NAMES[CHANGE_AGREE], AGREE_TITLES[CHANGE_AGREE],
              {"zh": "“较上一年度增加 N”与两年的数值之差（或其他地方所写的增减）一致",
               "en": "A stated change (较上一年度增加 N) equals the difference of both years' values and other statements"},
              {"zh": "增减数由两年的数值决定；与报告其他地方的说法矛盾时，必有一处错误。",
               "en": "A change follows from the two years' values; a contradiction means one place is wrong."},
              {"pass": "在校生 5386 人，较上一年度增加 612 人；附表6 4774 → 5386",
               "fail": "教职工比去年增加 18 人；附表6 331 → 318"}),
]}
RULES.update({kind.RULE.id: kind.RULE for kind in KINDS.values()})

__all__ = ["RULES", "ProseRule"]
