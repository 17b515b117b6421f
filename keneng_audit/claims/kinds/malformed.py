"""KA490 malformed-number: a number the PDF or the writer broke (`96.%`, `1，677`, `3 .5%`, a share over 100%, year 2204)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from keneng_audit.claims.kinds.common import Context, ProseRule, failed
from keneng_audit.claims.paragraphs import Para, sentence_start
from keneng_audit.findings import Finding, PrintedValue, places
from keneng_audit.numbers import MAX_DIGITS, TOO_LONG_RE

RULE = ProseRule(
    "KA490", "error", "malformed-number", {"zh": "数字书写有误", "en": "malformed number"},
    {"zh": "正文数字书写完整：小数点后有数字（96.% ✗）、千分位不用中文逗号（1，677 ✗）、数字中间没有空格（3 .5% ✗）、"
           "占比和比率不超过 100%、年份在合理范围内（1850 年至报告年度后 30 年）",
     "en": "Numbers are whole: digits after a decimal point (96.% ✗), no Chinese comma as thousands separator "
           "(1，677 ✗), no blank inside a number (3 .5% ✗), shares and rates not over 100%, years in range "
           "(1850 to 30 years after the report's year)"},
    {"zh": "这样的数字读者无法确定其值，多为排版或抄写错误。",
     "en": "The reader cannot tell what such a number means; it is a slip of the layout or the pen."},
    {"pass": "满意度达 96.5%；毕业生 1677 人", "fail": "满意度达 96.%；毕业生 1，677 人；就业率 103%"})
# Words every match of this kind's patterns holds (folded text): paragraphs without them are skipped.
KEYWORDS = ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9')  # every pattern holds a digit

# Each pattern runs on the paragraph as printed (full-width forms kept), with the reason it gives.
PATTERNS: tuple[tuple[str, re.Pattern[str], dict[str, str]], ...] = (
    ("dot", re.compile(r"(?<![\d.])\d+[.．]\s*[%％]"), {"zh": "小数点后缺少数字", "en": "no digits after the decimal point"}),
    ("comma", re.compile(r"(?<![\d,，.、])\d{1,3}(?:，\d{3})+(?![\d，,])(?=\s*(?:万|元|人|名|个|项|份|%|％|平方米|册|台))"),
     {"zh": "中文逗号用作千分位", "en": "a Chinese comma used as thousands separator"}),
    ("blank", re.compile(r"(?<![\d.])\d+(?: +[.．]\s*\d+|[.．] +\d+)(?=\s*[%％万元人])"),
     {"zh": "数字中间有空格", "en": "a blank inside the number"}),
    ("digits", TOO_LONG_RE,
     {"zh": f"数字超过 {MAX_DIGITS} 位有效数字，无法核查", "en": f"more than {MAX_DIGITS} significant digits: cannot be checked"}),
)
# A share or a rate (not a growth rate) above 100%.
SHARE = re.compile(r"(?:占[^\d,，。;；:%]{0,16}?的?|(?<!增长)(?<!增)(?<!涨)(?<!增幅)率|比例|比重|占比)\s*(?:为|达到|达|是|约|高达)?\s*"
                   r"(?P<n>\d+(?:\.\d+)?)\s*%")
YEAR = re.compile(r"(?<![\d.])(?P<y>\d{4,5})\s*年(?!\s*(?:度\s*)?[\d])")


@dataclass(frozen=True)
class Bad:
    """A misprinted number in a paragraph: where it is and why it cannot be read."""

    para: Para
    start: int  # folded offsets
    end: int
    reason: dict[str, str]
    raw: bool  # offsets are in the printed text, not the folded one


# A list of numbers separated by Chinese commas (`分别为 120，135，150 人`, codes `660301，660103`) is no
# number with thousands separators: said after 分别/依次, grouped otherwise than by three, or too many for its unit.
_LIST_WORDS = ("分别", "依次", "各为", "先后")
_GROUPED = re.compile(r"\d{1,3}(?:[，,]\d{3})+(?:\.\d+)?")
_HEADS = ("人", "名", "个", "项", "份", "册", "台", "位", "次", "届", "期", "所", "支", "门", "班")
_MOST_HEADS = 100_000  # more people, items or times than a school reports: not one number


def _a_list(printed: str, m: re.Match) -> bool:
    text = m.group()
    if "，" not in text and "," not in text:
        return False
    if not _GROUPED.fullmatch(text.strip()):
        return True
    sentence = printed[sentence_start(printed, m.start()):m.start()]
    if any(w in sentence for w in _LIST_WORDS):
        return True
    value = float(text.replace("，", "").replace(",", ""))
    after = printed[m.end():m.end() + 3].lstrip()
    return value >= _MOST_HEADS and after.startswith(_HEADS)


def malformed(ctx: Context, p: Para) -> list[Bad]:
    out = []
    printed = p.paragraph.text
    for name, regex, reason in PATTERNS:
        out.extend(Bad(p, m.start(), m.end(), reason, True) for m in regex.finditer(printed)
                   if name not in ("comma", "digits") or not _a_list(printed, m))
    for m in SHARE.finditer(p.text):
        if float(m.group("n")) > 100 and not _about_growth(p, m.start()):
            out.append(Bad(p, m.start("n"), m.end(), {"zh": "占比或比率超过 100%", "en": "a share or rate over 100%"}, False))
    latest = (ctx.year or 2030) + 30
    for m in YEAR.finditer(p.text):
        y = int(m.group("y"))
        if not 1850 <= y <= latest and (len(m.group("y")) == 4 or m.group("y").startswith(("19", "20"))):
            out.append(Bad(p, m.start(), m.end(), {"zh": "年份超出合理范围", "en": "a year out of range"}, False))
    return out


# Rates that may pass 100%: growth, and fulfilment of a plan or budget (完成率 120%, 预算执行率 105%).
_MAY_EXCEED = ("增长", "增幅", "涨幅", "提高", "提升", "上升", "增加", "完成", "执行", "达成", "兑现", "超额", "计划")


def _about_growth(p: Para, at: int) -> bool:
    sentence = p.text[sentence_start(p.text, at):at]
    return any(w in sentence[-12:] for w in _MAY_EXCEED)


def check(ctx: Context) -> list[Finding]:
    cases = [b for p in ctx.paras_for(RULE.id) for b in malformed(ctx, p)]
    frame = pd.DataFrame({"ok": [False] * len(cases)}, dtype=bool)
    out = []
    for _, b in failed(cases, frame, RULE.id, lambda f: f["ok"]):
        p = b.para
        lo, hi = (b.start, b.end) if b.raw else (p.where[b.start], p.where[b.end - 1] + 1)
        shown = p.paragraph.text[lo:hi].strip()
        src = p.paragraph.source_at(lo)
        value = PrintedValue(shown, None, f"{ctx.where(p)} {ctx.role('数字')}", src.line,
                             section=p.paragraph.section, **places(src))
        folded = next((i for i, o in enumerate(p.where) if o >= lo), 0)
        quote = p.quote(folded, folded + max(1, len(shown)))
        reason = b.reason[ctx.lang]
        message = ctx.say(f"{ctx.where(p)}：“{shown}”{reason}。原文：“{quote}”",
                          f"{ctx.where(p)}: “{shown}”: {reason}. Text: “{quote}”")
        out.append(ctx.finding(RULE, message, p.paragraph.section, (value,), ctx.say("可读的数字", "a well-formed number"),
                               shown))
    return out
