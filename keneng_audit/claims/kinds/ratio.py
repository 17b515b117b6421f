"""KA472 ratio-claim: `生师比 17:1` (or `1:17`) = the report's students / 专任教师 (a quantity's `ratio_of`), or
another accepted definition (`ratio_plus`: 专任教师 + 0.5 × 校外兼职教师, the 高职 教师总数)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from keneng_audit.claims import vague
from keneng_audit.claims.kinds.common import Context, ProseRule, failed
from keneng_audit.claims.paragraphs import Para
from keneng_audit.claims.patterns import longest_first
from keneng_audit.claims.tagging import Evidence
from keneng_audit.findings import Finding, PrintedValue, places
from keneng_audit.intervals import bounds
from keneng_audit.numbers import PrintedNumber, parse_number

RULE = ProseRule(
    "KA472", "error", "ratio-claim", {"zh": "正文比值与两个数量之比不符", "en": "stated ratio ≠ the two quantities"},
    {"zh": "“生师比 17:1”（或 1:17、17 比 1）：等于报告所写的在校生 / 专任教师（词汇表中数量的 ratio_of）；“约”按词汇表放宽",
     "en": "“生师比 17:1” (or 1:17, 17 比 1) equals the report's students / full-time teachers (a quantity's "
           "`ratio_of` in the vocabulary); 约 widens it as the vocabulary says"},
    {"zh": "比值由两个数量决定；找不到其中之一时不核查。两边按印刷精度取区间。高职院校按《普通高等学校基本办学条件指标》"
           "以教师总数（专任教师 + 0.5 × 聘请校外教师）为分母：报告写出兼职教师人数时，两种算法任一相符即不算错误。",
     "en": "A ratio follows from its two quantities; not checked when either is missing. Both sides are intervals "
           "at their printed precision. 高职 schools divide by all teachers (专任 + 0.5 × part-time teachers from "
           "outside, as the national indicators of higher education define it): where the report states the "
           "part-time teachers, a ratio that fits either definition is no error."},
    {"pass": "生师比 17:1（在校生 3120，专任教师 184：16.96）", "fail": "生师比 1:19（在校生 4967，专任教师 177：28.1）"})
# Words every match of this kind's patterns holds (folded text): paragraphs without them are skipped.
KEYWORDS = (':', '比')  # 生师比 17:1, 1 比 17

_RATIO = r"(?P<a>\d+(?:\.\d+)?)\s*(?::|比)\s*(?P<b>\d+(?:\.\d+)?)(?![\d.:])"


@dataclass(frozen=True)
class RatioCase:
    """A stated ratio (`生师比 17:1`) and the evidence for both of its sides."""

    para: Para
    quantity: str
    stated: PrintedNumber  # larger side first (17:1), as the ratio is meant
    printed: str
    start: int
    end: int
    numerator: Evidence
    denominator: Evidence
    vague: vague.Vagueness
    extra: tuple[tuple[Evidence, float], ...] = ()  # (quantity, weight) the other definition adds to the denominator
    numerators: tuple[Evidence, ...] = ()  # other values of the numerator the report prints

    def denominators(self) -> list[tuple[float, float, float]]:
        """(value, lo, hi) of each accepted denominator: the plain one, then with the weighted additions."""
        d = self.denominator
        out = [(d.value, d.lo, d.hi)]
        if self.extra:
            out.append((d.value + sum(w * e.value for e, w in self.extra), d.lo + sum(w * e.lo for e, w in self.extra),
                        d.hi + sum(w * e.hi for e, w in self.extra)))
        return out


def ratio_cases(ctx: Context) -> list[RatioCase]:
    if ctx.known is None:
        return []
    vocab = ctx.known.vocab
    cases = []
    before = vague.pattern(vocab, "before")
    for spec in vocab.quantities.values():
        if spec.ratio_of is None:
            continue
        names = "|".join(re.escape("".join(n.split())) for n in sorted((spec.zh, *spec.aliases), key=longest_first))
        regex = re.compile(rf"(?:{names})\s*(?:为|是|达到|达|:)?\s*(?P<w>{before})?\s*{_RATIO}")
        period = ctx.known.period(spec.id)
        nums = ctx.known.values(spec.ratio_of[0], period)
        num, den = (nums[0] if nums else None), ctx.known.value(spec.ratio_of[1], period)
        if num is None or den is None or den.lo <= 0:
            continue  # the other side is not printed: not a finding
        extra = tuple((e, w) for q, w in spec.ratio_plus if (e := ctx.known.value(q, period)) is not None)
        extra = extra if len(extra) == len(spec.ratio_plus) else ()
        for p in ctx.paras_for(RULE.id):
            for m in regex.finditer(p.text):
                a, b = m.group("a"), m.group("b")
                big, small = (a, b) if float(a) >= float(b) else (b, a)
                stated = parse_number(f"{big}:{small}")
                if stated is None:
                    continue
                words = vague.of(vocab, m.group("w") or "", p.text[m.end():m.end() + 3])
                cases.append(RatioCase(p, spec.id, stated, p.paragraph.text[p.where[m.start("a")]:p.where[m.end() - 1] + 1],
                                       m.start(), m.end(), num, den, words, extra, tuple(nums[1:])))
    return cases


def judge(c: RatioCase) -> str:
    """The best verdict over the accepted definitions: a ratio any of them gives is no error."""
    ok, loose = vague.widen(*bounds(c.stated), c.stated.value, c.vague.number, relative=True)
    found = {vague.verdict(n.lo / hi, n.hi / lo, ok, loose) for _, lo, hi in c.denominators()
             for n in (c.numerator, *c.numerators)}
    return next(v for v in ("ok", "loose", "wrong") if v in found or v == "wrong")


def check(ctx: Context) -> list[Finding]:
    cases = ratio_cases(ctx)
    verdicts = [judge(c) for c in cases]
    frame = pd.DataFrame({"verdict": verdicts}, dtype=object)
    return [_finding(ctx, c, verdicts[pos]) for pos, c in failed(cases, frame, RULE.id, lambda f: f["verdict"] == "ok")]


def _finding(ctx: Context, c: RatioCase, verdict: str) -> Finding:
    p = c.para
    exact = c.numerator.value / c.denominator.value
    name = ctx.known.name(c.quantity, ctx.lang)
    num, den = _shown(c.numerator), _shown(c.denominator)
    expected = f"{exact:.1f}:1 = {num} / {den}"
    also = ""
    if c.extra:
        total = c.denominators()[1][0]
        added = " + ".join(f"{w:g} × {_shown(e)}" for e, w in c.extra)
        expected += f"; {c.numerator.value / total:.1f}:1 = {num} / ({den} + {added})"
        also = ctx.say(f"；按教师总数 {num} / ({den} + {added}) = "
                       f"{c.numerator.value / total:.1f}:1",
                       f"; with all teachers {num} / ({den} + {added}) = "
                       f"{c.numerator.value / total:.1f}:1")
    implied = c.numerator.value / c.stated.value if c.stated.value else float("nan")
    src = p.source(c.start)
    value = PrintedValue(c.printed, c.stated.value, f"{ctx.where(p)} {ctx.role('比值')}", src.line,
                         section=p.paragraph.section, **places(src))
    word = f"（{c.vague.word}）" if c.vague.word else ""
    quote = p.quote(c.start, c.end)
    message = ctx.say(
        f"{ctx.where(p)}：{name}写作 {c.printed}{word}，但 {num}（{c.numerator.label}）/ {den}"
        f"（{c.denominator.label}）= {exact:.1f}:1{also}。原文：“{quote}”",
        f"{ctx.where(p)}: {name} is printed as {c.printed}{word}, but {num} ({c.numerator.label}) / "
        f"{den} ({c.denominator.label}) = {exact:.1f}:1{also}. Text: “{quote}”")
    hint = ctx.say(f"所写比值对应的分母约为 {implied:.0f}", f"the stated ratio fits a denominator of about {implied:.0f}")
    extra = tuple(v for e, _ in c.extra for v in e.printed)
    return ctx.finding(RULE, message, p.paragraph.section, (value,) + c.numerator.printed + c.denominator.printed + extra,
                       expected, c.printed, hint, "warning" if verdict == "loose" else None)


def _shown(e: Evidence) -> str:
    """A value as the ratio's message shows it: as printed, or a column's sum by its total (the label says so)."""
    return e.text if " + " not in e.text else f"{e.value:g}"
