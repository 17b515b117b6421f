"""KA462 anniversary: `建校 N 周年` in year Y agrees with the founding year the report states (`始建于 F 年`: F + N = Y)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from keneng_audit.claims.kinds.common import Context, ProseRule, failed
from keneng_audit.claims.paragraphs import Para, sentence_start
from keneng_audit.claims.patterns import sentence_around
from keneng_audit.findings import Finding, PrintedValue, places
from keneng_audit.reading.outline import chinese_number

RULE = ProseRule(
    "KA462", "error", "anniversary-year", {"zh": "周年与建校年份不符", "en": "anniversary ≠ founding year"},
    {"zh": "“建校 N 周年”所在年份（同句写的晚于建校年份的年份，先看其前、再看其后，否则为报告年度）减去报告所写的建校年份（始建于、创建于、创办于、成立于）等于 N",
     "en": "The year of “建校 N 周年” (a year of its sentence after the founding year, before it first, else the report's year) minus the founding year the "
           "report states (始建于, 创建于, 创办于, 成立于) is N"},
    {"zh": "周年由建校年份决定；二者矛盾时必有一处错误。“即将迎来”等说法和多个不同建校年份时不核查。",
     "en": "An anniversary follows from the founding year. Not checked for coming anniversaries (即将迎来) or when "
           "the report names several founding years."},
    {"pass": "始建于 1953 年……2023 年，是学校建校 70 周年", "fail": "始建于 1985 年……（2024 年报告）建校 40 周年"})
# Words every match of this kind's patterns holds (folded text): paragraphs without them are skipped.
KEYWORDS = ('于', '周年', '创', '建')  # 始建于 F 年, F 年创办, 建校 N 周年

FOUNDED = re.compile(r"(?:始建于|创建于|创办于|建校于|成立于|始创于|组建于|建于)\s*(?P<y>(?:18|19|20)\d\d)\s*年")
# `学校前身为 1958 年创办的…`, `学校 1984 年建校`: the year before the verb, said of the school or its predecessor.
FOUNDED_BEFORE = re.compile(r"(?:前身(?:为|是)|学校|学院|本校|我校)\s*(?:于|始)?\s*(?P<y>(?:18|19|20)\d\d)\s*年\s*"
                            r"(?:创建|创办|建校|始建|创立)")
ANNIVERSARY = re.compile(r"(?:建校|办学|成立|建院|校庆)\s*(?P<n>\d{1,3}|[一二三四五六七八九十百零〇]{1,6})\s*周年")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")
_COMING = ("即将", "将迎来", "迎接", "筹备", "前夕", "明年", "将于")


@dataclass(frozen=True)
class AnniversaryCase:
    """`建校 60 周年`: the stated number of years, the year it is said of and the printed founding year."""

    para: Para
    n: int
    start: int
    end: int
    year: int
    year_at: int | None  # folded offset of the year printed in the sentence; None: the report's year
    founded: tuple[Para, int, int]  # the paragraph, offset and value of the founding year


def years_of(text: str) -> int | None:
    """`65` or `六十五` (`一百二十` → 120) as a number of years; None for what is no such numeral."""
    if text.isdigit():
        return int(text)
    hundreds, sep, rest = text.replace("〇", "零").partition("百")
    if not sep:
        return chinese_number(text)
    h = chinese_number(hundreds) if hundreds else 1
    zero, rest = rest.startswith("零"), rest.lstrip("零")
    tail = chinese_number(rest) if rest else 0
    if h is None or h > 9 or tail is None:
        return None
    if len(rest) == 1 and not zero:
        tail *= 10  # 一百二 is 120; 一百零二 is 102
    return h * 100 + tail


def anniversary_cases(ctx: Context) -> list[AnniversaryCase]:
    founded = [(p, m.start("y"), int(m.group("y"))) for p in ctx.paras_for(RULE.id)
               for regex in (FOUNDED, FOUNDED_BEFORE) for m in regex.finditer(p.text)]
    if len({y for _, _, y in founded}) != 1:
        return []  # none, or several founding years (a predecessor school): do not guess
    cases = []
    for p in ctx.paras_for(RULE.id):
        for m in ANNIVERSARY.finditer(p.text):
            here = sentence_start(p.text, m.start())
            sentence = p.text[here:m.end()]
            if any(w in sentence for w in _COMING):
                continue
            years = _anniversary_years(p.text, here, m, founded[0][2])
            if years:
                at, year = years[0]
            elif ctx.year is not None:
                at, year = None, ctx.year
            else:
                continue
            n = years_of(m.group("n"))
            if n is not None:
                cases.append(AnniversaryCase(p, n, m.start(), m.end(), year, at, founded[0]))
    return cases


def _anniversary_years(text: str, here: int, m: re.Match, founded: int) -> list[tuple[int, int]]:
    """The years of the sentence that can be the anniversary's year, nearest first: printed before it (`2023 年，
    是建校 70 周年`), else after it (`今年是建校 40 周年（2024 年）`). The founding year, or any year not after it
    (`创办于 1984 年，今年是…`), is never the year of an anniversary."""
    end = sentence_around(text, m.start(), m.end())[1]
    before = [(y.start(1), int(y.group(1))) for y in _YEAR.finditer(text, here, m.start())]
    after = [(y.start(1), int(y.group(1))) for y in _YEAR.finditer(text, m.end(), end)]
    return [(at, y) for at, y in [*reversed(before), *after] if y > founded]


def check(ctx: Context) -> list[Finding]:
    cases = anniversary_cases(ctx)
    frame = pd.DataFrame({"n": [c.n for c in cases], "age": [c.year - c.founded[2] for c in cases]})
    out = []
    for _, c in failed(cases, frame, RULE.id, lambda f: f["n"] == f["age"]):
        p, (fp, f_at, f_year) = c.para, c.founded
        src, f_src = p.source(c.start), fp.source(f_at)
        shown = " ".join(p.paragraph.text[p.where[c.start]:p.where[c.end - 1] + 1].split())
        values = [PrintedValue(shown, float(c.n), f"{ctx.where(p)} {ctx.role('周年')}", src.line,
                               section=p.paragraph.section, **places(src)),
                  PrintedValue(str(f_year), float(f_year), f"{ctx.where(fp)} {ctx.role('年份')}", f_src.line,
                               section=fp.paragraph.section, **places(f_src))]
        if c.year_at is not None:
            y_src = p.source(c.year_at)
            values.append(PrintedValue(str(c.year), float(c.year), f"{ctx.where(p)} {ctx.role('年份')}", y_src.line,
                                       section=p.paragraph.section, **places(y_src)))
        age = c.year - f_year
        quote = p.quote(c.start, c.end)
        basis = ctx.say("报告年度" if c.year_at is None else "同句所写", "the report's year" if c.year_at is None
                        else "the year in the sentence")
        message = ctx.say(
            f"{ctx.where(p)}：写的是“{shown}”，但建校于 {f_year} 年，{c.year} 年（{basis}）应为 {age} 周年。原文：“{quote}”",
            f"{ctx.where(p)}: “{shown}”, but the school was founded in {f_year}, so {c.year} ({basis}) is its "
            f"{age}th anniversary. Text: “{quote}”")
        out.append(ctx.finding(RULE, message, p.paragraph.section, tuple(values),
                               f"{age} = {c.year} − {f_year}", str(c.n)))
    return out
