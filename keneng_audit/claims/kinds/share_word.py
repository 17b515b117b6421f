"""KA480 share-word: `占…的七成以上`, `超过八成`, `近九成`, `过半`, `占比近三分之一`, `翻一番` against the computed share.

Intervals come from the vocabulary (`vague:` for the modifiers, `share_words:` for the words): a bare word is
read like 约 (七成 = 65–75% plainly); see rules/national/vocabulary/words.yaml for every word and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from keneng_audit.claims import vague
from keneng_audit.claims.kinds.common import Context, ProseRule, failed
from keneng_audit.claims.kinds.sentence_changes import LAST_PERIOD, NUMBER
from keneng_audit.claims.kinds.share import named_whole, part_and_whole, ratio_bounds
from keneng_audit.claims.paragraphs import Para, core, sentence_start
from keneng_audit.claims.patterns import longest_first
from keneng_audit.findings import Finding, PrintedValue, places
from keneng_audit.facts.values import half_up
from keneng_audit.intervals import bounds

RULE = ProseRule(
    "KA480", "error", "share-word", {"zh": "比例用语与实际比例不符", "en": "share word ≠ the computed share"},
    {"zh": "“占…的七成以上”“超过八成”“近九成”“过半”“占比近三分之一”与句中部分 / 整体（或报告所写的两个数量）算出的比例相符；"
           "“翻一番”与两年数值之比相符。区间见词汇表 words.yaml：七成以上 ≥ 70%，近九成 85–90%，过半 > 50%，七成 65–75%",
     "en": "“七成以上”, “超过八成”, “近九成”, “过半”, “占比近三分之一” agree with the share computed from the sentence's part "
           "and whole (or the report's two quantities); “翻一番” with the two years' values. Intervals in words.yaml: "
           "七成以上 ≥ 70%, 近九成 85–90%, 过半 > 50%, 七成 65–75%"},
    {"zh": "比例用语是四舍五入的另一种形式：只有没有任何值能满足时才是错误，仅仅说得宽松时至多为警告。",
     "en": "A share word is another kind of rounding: an error only when no value fits it, a loose wording is a "
           "warning at most."},
    {"pass": "毕业生 1064 人，其中 880 人直接就业，占毕业生总数的八成以上（82.7%）",
     "fail": "毕业生 1064 人，其中 680 人直接就业，占毕业生总数的七成以上（63.9%）"})
# Words every match of this kind's patterns holds (folded text): paragraphs without them are skipped.
KEYWORDS = ('占', '番', '%')  # 占…的七成, 翻一番, 88.6%，超过九成

_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_DIGIT = "[一二两三四五六七八九十]"


@dataclass(frozen=True)
class WordCase:
    """A share said in words (`七成以上`, `翻一番`) and the share the sentence's numbers give."""

    para: Para
    word: str  # as printed: 七成以上
    start: int
    end: int
    share: float  # the share the word names, percent (七成: 70); for 番 the factor × 100 (翻一番: 200)
    vague: vague.Vagueness
    lo: float  # the computed share (or factor × 100)
    hi: float
    arithmetic: str
    values: tuple[PrintedValue, ...]
    factor: bool = False  # 翻番: compared as a factor, with the vocabulary's relative offsets
    restates: bool = False  # the word restates a percentage printed right before it


def _expr(ctx: Context) -> re.Pattern[str]:
    vocab = ctx.known.vocab if ctx.known is not None else None
    fixed = sorted({w.say for w in (vocab or vague._national()).share_words if w.percent is not None},
                   key=longest_first)
    before, after = vague.pattern(vocab, "before"), vague.pattern(vocab, "after")
    return re.compile(
        rf"(?P<pre>{before})?\s*(?:(?P<tenths>{_DIGIT})成(?P<half>五)?(?!员|果|绩|立|本|都|熟|为|功|长)|(?P<den>{_DIGIT})分之(?P<num>{_DIGIT})"
        rf"|(?P<fixed>{'|'.join(map(re.escape, fixed))}))\s*(?P<post>{after})?")


def _percent(m: re.Match, vocab) -> float:
    if m.group("tenths"):  # 九成五: 95%
        return 10.0 * _CN[m.group("tenths")] + (5.0 if m.group("half") else 0.0)
    if m.group("den"):
        return 100.0 * _CN[m.group("num")] / _CN[m.group("den")]
    spec = next(w for w in (vocab or vague._national()).share_words if w.say == m.group("fixed"))
    return float(spec.percent)


# A percentage printed right before the word (`35.3%，超过四成`, `78.7%，近八成`).
_PERCENT_BEFORE = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*%\s*[，,、]?\s*$")
_CLAUSE_END = re.compile(r"\s*(?:[。；;，,）)!！?？]|$)")
_ZHAN = re.compile(r"占(?P<noun>[^\d,，。;；:%]{0,16}?)(?:的|比)?\s*$")


def share_cases(ctx: Context) -> list[WordCase]:
    vocab = ctx.known.vocab if ctx.known is not None else None
    expr = _expr(ctx)
    cases = []
    for p in ctx.paras_for(RULE.id):
        for m in expr.finditer(p.text):
            lead = p.text[max(0, m.start() - 20):m.start()]
            words = _vagueness(vocab, m.group("pre") or "", m.group("post") or "")
            said = _PERCENT_BEFORE.search(lead)
            # `占在校生的 35.3%，超过四成。`: the word alone restates the percentage; `96.5%，七成以上学生…` does not
            if said is not None and _CLAUSE_END.match(p.text, m.end()) \
                    and (pct := p.at(m.start() - len(lead) + said.start("n"))) is not None and pct.unit == "%":
                lo, hi = bounds(pct.number)
                shown = pct.number.text if pct.number.text.endswith("%") else f"{pct.number.text}%"
                cases.append(WordCase(p, _printed(p, m), m.start(), m.end(), _percent(m, vocab), words, lo, hi,
                                      shown, (ctx.pv(p, pct, "比例"),), restates=True))
                continue
            zhan = _ZHAN.search(lead)
            if zhan is None:
                continue  # a share word not said of a part of something (三成 of what?)
            at = m.start() - len(lead) + zhan.start()
            found = part_and_whole(p, at, core(zhan.group("noun")))
            if found is not None:
                part, whole = found
                lo, hi = ratio_bounds(part, whole)
                values = (ctx.pv(p, part, "部分"), ctx.pv(p, whole, "整体"))
                cases.append(WordCase(p, _printed(p, m), m.start(), m.end(), _percent(m, vocab), words, lo, hi,
                                      f"{part.number.text} / {whole.number.text}", values))
                continue
            elsewhere = named_whole(ctx.known, p, at, zhan.group("noun"))
            if elsewhere is not None:  # `装备制造大类 1325 人，占全校在校生的四成以上`: the report's students
                part, whole = elsewhere
                plo, phi = bounds(part.number)
                cases.append(WordCase(p, _printed(p, m), m.start(), m.end(), _percent(m, vocab), words,
                                      100 * plo / whole.hi, 100 * phi / whole.lo, f"{part.number.text} / {whole.text}",
                                      (ctx.pv(p, part, "部分"), *whole.printed)))
                continue
            named = _named(ctx, p, at, zhan.group("noun"))
            if named is not None:
                lo, hi, arithmetic, values = named
                cases.append(WordCase(p, _printed(p, m), m.start(), m.end(), _percent(m, vocab), words, lo, hi,
                                      arithmetic, values))
    return cases + doubling_cases(ctx)


def _vagueness(vocab, before: str, after: str) -> vague.Vagueness:
    """The words around a share word; a bare share word is itself a rounding, read like 约."""
    words = vague.of(vocab, before, after)
    return words if words.word is not None else vague.of(vocab, "约")


def _printed(p: Para, m: re.Match) -> str:
    return "".join(p.paragraph.text[p.where[m.start()]:p.where[m.end() - 1] + 1].split())


def _named(ctx: Context, p: Para, at: int, noun: str):
    """`双师型教师占专任教师的近九成`: the part is the quantity the clause names, the whole the one after 占."""
    if ctx.known is None:
        return None
    part = ctx.known.subject(p.text[sentence_start(p.text, at):at])
    whole = ctx.known.subject(noun)
    if whole is None and part is not None and not core(noun):
        # `双师型教师占比超过七成`: the whole the vocabulary takes that part's share of (share_of)
        whole = next(((spec.share_of[1], 0) for spec in ctx.known.vocab.quantities.values()
                      if spec.share_of and spec.share_of[0] == part[0]), None)
    if part is None or whole is None or part[0] == whole[0]:
        return None
    year = _named_year(p.text[sentence_start(p.text, at):at])
    a = ctx.known.value(part[0], year or ctx.known.period(part[0]))
    b = ctx.known.value(whole[0], year or ctx.known.period(whole[0]))
    if a is None or b is None or b.lo <= 0 or a.lo > b.hi:
        return None  # a part larger than the whole: not the whole this sentence means
    return 100 * a.lo / b.hi, 100 * a.hi / b.lo, f"{a.text} / {b.text}", a.printed + b.printed


_YEAR_NAMED = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年(?!\s*[底末初]?\s*[至到])")


def _named_year(head: str) -> str | None:
    """The one year a sentence names before a share word (`2024 年学校总收入…`), else None."""
    years = {m.group(1) for m in _YEAR_NAMED.finditer(head)}
    return years.pop() if len(years) == 1 else None


_SINCE = re.compile(r"(?:比|较)\s*((?:19|20)\d\d)\s*年\s*(?:相比)?\s*$")
_DOUBLE = re.compile(rf"翻了?\s*(?P<n>{_DIGIT})\s*番\s*(?P<post>多|以上|有余)?")


_VERB = r"(?:增长|增加|提高|提升|上升|增)"
# Both values in the sentence: `由(2023 年的) A 人次增至 B 人次，(实现)翻一番` / `B 人次，比上年的 A 人次翻了一番`.
_BOTH = (re.compile(rf"(?:由|从)\s*(?:{LAST_PERIOD}\s*的?)?\s*(?P<a>{NUMBER})\s*(?P<ua>[^\d\s，,。；;]{{1,3}}?)\s*{_VERB}?\s*(?:到|至)\s*"
                    rf"(?P<b>{NUMBER})\s*(?P=ua)\s*[,，]?\s*(?:实现|达到)?\s*$"),
         re.compile(rf"(?P<b>{NUMBER})\s*(?P<ub>[^\d\s，,。；;]{{1,3}}?)\s*[,，]?\s*(?:比|较)\s*{LAST_PERIOD}\s*的\s*(?P<a>{NUMBER})\s*"
                    rf"(?P=ub)\s*(?:实现)?\s*$"))


def _stated_pair(p: Para, at: int):
    """The two values a sentence gives right before its 翻…番 (last year's, this year's), or None."""
    head = p.text[sentence_start(p.text, at):at]
    for shape in _BOTH:
        m = shape.search(head)
        if m is not None:
            offset = at - len(head)
            a, b = p.at(offset + m.start("a")), p.at(offset + m.start("b"))
            if a is not None and b is not None and a.number.value > 0:
                return a, b
    return None


def doubling_cases(ctx: Context) -> list[WordCase]:
    """`招生人数较上年翻了一番`: this year / last year = 2ⁿ, both years as the report prints them, or as the sentence
    itself states them (`由 2150 人次增至 4300 人次，实现翻一番`)."""
    cases = []
    vocab = ctx.known.vocab if ctx.known is not None else None
    for p in ctx.paras_for(RULE.id):
        for m in _DOUBLE.finditer(p.text):
            words = _vagueness(vocab, "", m.group("post") or "")
            pair = _stated_pair(p, m.start())
            if pair is not None:
                a, b = pair
                (alo, ahi), (blo, bhi) = bounds(a.number), bounds(b.number)
                cases.append(WordCase(p, _printed(p, m), m.start(), m.end(), 100.0 * 2 ** _CN[m.group("n")], words,
                                      100 * blo / ahi, 100 * bhi / alo, f"{b.number.text} / {a.number.text}",
                                      (ctx.pv(p, b, "本年"), ctx.pv(p, a, "上年")), factor=True))
                continue
            if ctx.known is None:
                continue
            head = p.text[sentence_start(p.text, m.start()):m.start()]
            found = ctx.known.subject(head)
            if found is None:
                continue
            q = found[0]
            cur, prev = ctx.known.value(q, ctx.known.period(q)), ctx.known.value(q, ctx.known.period(q, back=1))
            since = _SINCE.search(head)
            if since is not None:  # `比 2022 年翻了一番`: against the year it names, from the sentence's own year
                this = _named_year(head[:since.start()]) or ctx.known.period(q)
                cur, prev = ctx.known.value(q, this), ctx.known.value(q, since.group(1))
            if cur is None or prev is None or prev.lo <= 0:
                continue
            cases.append(WordCase(p, _printed(p, m), m.start(), m.end(), 100.0 * 2 ** _CN[m.group("n")], words,
                                  100 * cur.lo / prev.hi, 100 * cur.hi / prev.lo, f"{cur.text} / {prev.text}",
                                  cur.printed + prev.printed, factor=True))
    return cases


def judge(c: WordCase) -> str:
    if c.factor:
        ok, loose = vague.widen(c.share, c.share, c.share, c.vague.number, relative=True)
    else:
        ok, loose = vague.widen(c.share, c.share, c.share, c.vague.share, relative=False)
    return vague.verdict(c.lo, c.hi, ok, loose)


def check(ctx: Context) -> list[Finding]:
    cases = share_cases(ctx)
    verdicts = [judge(c) for c in cases]
    frame = pd.DataFrame({"verdict": verdicts}, dtype=object)
    return [_finding(ctx, c, verdicts[pos]) for pos, c in failed(cases, frame, RULE.id, lambda f: f["verdict"] == "ok")]


def _finding(ctx: Context, c: WordCase, verdict: str) -> Finding:
    p = c.para
    exact = (c.lo + c.hi) / 2
    ok, loose = (vague.widen(c.share, c.share, c.share, c.vague.number, relative=True) if c.factor
                 else vague.widen(c.share, c.share, c.share, c.vague.share, relative=False))
    span = _span(ok if verdict == "loose" else loose, c.factor)  # what the words plainly say / can at most allow
    src = p.source(c.start)
    value = PrintedValue(c.word, None, f"{ctx.where(p)} {ctx.role('比例')}", src.line, section=p.paragraph.section,
                         **places(src))
    shown = f"{half_up(exact / 100, 2)} 倍" if c.factor else f"{half_up(exact, 1)}%"  # 四舍五入, as a reader rounds
    shown_en = f"× {half_up(exact / 100, 2)}" if c.factor else f"{half_up(exact, 1)}%"
    quote = p.quote(c.start, c.end)
    if c.restates:
        message = ctx.say(f"{ctx.where(p)}：文中先写 {c.arithmetic}，又写“{c.word}”（{span}），二者不符。原文：“{quote}”",
                          f"{ctx.where(p)}: the text says {c.arithmetic}, then “{c.word}” ({span}): they disagree. "
                          f"Text: “{quote}”")
    else:
        message = ctx.say(
            f"{ctx.where(p)}：{c.arithmetic} = {shown}，但文中写的是“{c.word}”（{span}）。原文：“{quote}”",
            f"{ctx.where(p)}: {c.arithmetic} = {shown_en}, but the text says “{c.word}” ({span}). Text: “{quote}”")
    hint = ctx.say("说法过于宽松（并非不可能）", "the wording is loose, not impossible") if verdict == "loose" else None
    expected = c.arithmetic if c.restates else f"{shown_en} = {c.arithmetic}"
    return ctx.finding(RULE, message, p.paragraph.section, c.values + (value,), expected, c.word,
                       hint, "warning" if verdict == "loose" else None)


def _span(ok: tuple[float, float], factor: bool) -> str:
    lo, hi = ok
    if factor:
        lo, hi = lo / 100, hi / 100
        return f"≥ {lo:.2f}×" if hi == float("inf") else f"{lo:.2f}–{hi:.2f}×"
    if hi == float("inf") or hi >= 100:
        return f"≥ {lo:g}%"
    return f"{max(lo, 0):g}–{hi:g}%"
