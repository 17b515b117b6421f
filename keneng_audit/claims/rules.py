"""The KA4xx rules: the built-in Rules of the prose checks (id, name, severity, kind, description, rationale, examples)."""

from __future__ import annotations

from keneng_audit.claims.agreement import AGREE, CHANGE_AGREE
from keneng_audit.claims.agreement import NAMES as AGREE_NAMES
from keneng_audit.claims.agreement import TITLES as AGREE_TITLES
from keneng_audit.claims.kinds import KINDS
from keneng_audit.claims.sentences import LISTED, NAMED_ROWS, PARTS, PER_STUDENT, SHARE
from keneng_audit.claims.sentences import NAMES as SENTENCE_NAMES
from keneng_audit.claims.sentences import TITLES as SENTENCE_TITLES
from keneng_audit.rules.model import BUILT_IN, Rule


def ProseRule(id: str, severity: str, name: str, title: dict[str, str], description: dict[str, str],
              rationale: dict[str, str], examples: dict[str, str] | None = None) -> Rule:
    """A built-in prose rule: a Rule of the report kind (claims.kinds.KINDS) whose check gives findings `id`."""
    kind = next((k for k, v in KINDS.items() if v.code == id), None)
    if kind is None:
        raise LookupError(f"no kind in keneng_audit.claims.kinds.KINDS checks {id}")
    return Rule(id=id, name=name, severity=severity, kind=kind, params=KINDS[kind].Params(), title=title,
                description=description, rationale=rationale, examples=dict(examples or {}), origin=BUILT_IN,
                pack="prose")


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
    ProseRule(SHARE, "error", SENTENCE_NAMES[SHARE], SENTENCE_TITLES[SHARE],
              {"zh": "句中“N 人，占 X 总数的 P%”：P = N / X 总数（X 总数取自同一段落）",
               "en": "In “N, 占 X 总数的 P%”, P = N / the whole X stated in the same paragraph"},
              {"zh": "印刷的百分比应由句中给出的部分和整体算出；只有截断才一致时为警告。",
               "en": "The printed percentage follows from the stated part and whole; truncation only is a warning."},
              {"pass": "3560 人，占在校生总数的 66%（在校生 5386 人）",
               "fail": "1285 名学生实习……接收 1236 名，占实习学生总数的 91.3%"}),
    ProseRule(PARTS, "error", SENTENCE_NAMES[PARTS], SENTENCE_TITLES[PARTS],
              {"zh": "“N 份，其中 a 份、b 份……”：各项之和不超过 N", "en": "“N, 其中 a、b …”: the parts do not exceed N"},
              {"zh": "“其中”列出的是总数的一部分。", "en": "Items after 其中 are parts of the total."},
              {"pass": "640 份，其中 203 份、118 份、175 份、22 份、122 份", "fail": "640 份，其中 403 份、118 份、175 份"}),
    ProseRule(LISTED, "error", SENTENCE_NAMES[LISTED], SENTENCE_TITLES[LISTED],
              {"zh": "“12 项制度，具体包括《…》……”、“3 人（甲、乙、丙）”：所述数量等于列举的项数",
               "en": "“12 项制度，具体包括《…》…”, “3 人（甲、乙、丙）”: the count equals the items listed"},
              {"zh": "列举完整时（无“等”），数量与项数应相同。", "en": "When the list is complete (no 等), it has as many items."},
              {"pass": "3 人（张明、李华、王芳）", "fail": "4 人（张明、李华、王芳）"}),
    ProseRule(NAMED_ROWS, "error", SENTENCE_NAMES[NAMED_ROWS], SENTENCE_TITLES[NAMED_ROWS],
              {"zh": "“……是 A、B、C，以上 3 个大类在校生总数为 T 人”：T 等于表格中这几行本年度之和",
               "en": "“… A, B, C; 以上 3 个大类 … T”: T equals the sum of these rows of the table for the report's year"},
              {"zh": "正文的合计应与对应表格一致。", "en": "A total in the prose matches the table it summarises."},
              {"pass": "装备制造、交通运输、土木建筑大类 3560 人 = 1571 + 1104 + 885",
               "fail": "以上 3 个大类在校生总数为 3620 人"}),
    ProseRule(PER_STUDENT, "error", SENTENCE_NAMES[PER_STUDENT], SENTENCE_TITLES[PER_STUDENT],
              {"zh": "“仪器设备总值达 T 万元，生均仪器设备总值 P 元”：P = T × 10000 / 本年度全日制在校生人数（附表）",
               "en": "“… T 万元, 生均 … P 元”: P = T × 10000 / the report year's full-time students (appendix table)"},
              {"zh": "生均值按全日制在校生计算（与附表 3 的生均指标同一基数）；基数不同的生均值无法相互比较。",
               "en": "Per-student values divide by the full-time students (as the appendix indicators do); values on "
                     "other bases cannot be compared."},
              {"pass": "占地面积 13.2 万平方米，生均用地面积达 24.51 平方米（在校生 5386）",
               "fail": "仪器设备总值达 6430.5 万元，生均仪器设备总值 10215.8 元（在校生 5386：11939.3）"}),
]}
