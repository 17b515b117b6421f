"""KA410 sentence-share: in `N 人，占 X 总数的 P%`, P = N / the whole X the paragraph states."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from keneng_audit.claims.kinds.common import Context, ProseRule, derived_frame, failed, fmt, overlap, truncated_ok
from keneng_audit.claims.known import Known
from keneng_audit.claims.patterns import fold, opens_clause
from keneng_audit.claims.paragraphs import Num, Para, bigrams, clause_start, context, core, is_change, sentence_start
from keneng_audit.claims.kinds.share_named import NamedShare, named_share
from keneng_audit.claims.kinds.share_whole import breakdown_wholes, of_cases, pick, rate_cases
from keneng_audit.claims.tagging import Evidence
from keneng_audit.findings import Finding
from keneng_audit.intervals import bounds

RULE = ProseRule(
    "KA410", "error", "sentence-share", {"zh": "句中比例与部分/整体不符", "en": "percentage in a sentence ≠ part / whole"},
    {"zh": "句中“N 人，占 X 总数的 P%”：P = N / X 总数（X 总数取自同一段落）",
     "en": "In “N, 占 X 总数的 P%”, P = N / the whole X stated in the same paragraph"},
    {"zh": "印刷的百分比应由句中给出的部分和整体算出；只有截断才一致时为警告。",
     "en": "The printed percentage follows from the stated part and whole; truncation only is a warning."},
    {"pass": "3560 人，占在校生总数的 66%（在校生 5386 人）",
     "fail": "1285 名学生实习……接收 1236 名，占实习学生总数的 91.3%"})
# Words every match of this kind's patterns holds (folded text): paragraphs without them are skipped.
KEYWORDS = ('%',)  # 占…的 P%, X率 P%, N 人的 P%: every share is printed with %

_FAMILY = {"名": "人", "位": "人"}
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_SHARE_RE = re.compile(r"占(?P<noun>[^\d,，。;；:%]{0,16}?)的?\s*(?P<pct>\d+(?:\.\d+)?)\s*%")


@dataclass(frozen=True)
class ShareCase:
    """`a 人，占 x%` of a printed or named whole: the part, the whole and the share."""

    para: Para
    part: Num
    whole: Num | None  # None: the whole is a named quantity the report states elsewhere (`named`)
    pct: Num
    at: int  # folded offset of 占
    named: Evidence | None = None
    others: tuple[Num, ...] = ()  # other counts of the sentence the share could be of (it fits none of them)

    def whole_bounds(self) -> tuple[float, float]:
        return (self.named.lo, self.named.hi) if self.whole is None else bounds(self.whole.number)

    @property
    def whole_text(self) -> str:
        return self.named.text if self.whole is None else self.whole.number.text

    @property
    def whole_value(self) -> float:
        return self.named.value if self.whole is None else self.whole.number.value


def share_cases(p: Para, known: Known | None = None) -> list[ShareCase]:
    cases = respective_cases(p, known)
    for m in _SHARE_RE.finditer(p.text):
        pct = p.at(m.start("pct"))
        if pct is None or pct.unit != "%" or p.text[max(0, m.start() - 2):m.start()] == "分别":
            continue
        if named_share(known, p, m.start(), m.group("noun"), pct) is not None:
            continue  # `…总收入 4,986.60 万元，其中财政拨款占总收入的 82.4%`: the part is named, not the count before
        found = part_and_whole(p, m.start(), core(m.group("noun")))
        if found is None and len(core(m.group("noun"))) < 2 and (part := find_part(p, m.start())) is not None:
            picked = pick(part, breakdown_wholes(p, part, m.start()), pct)  # 其中女生 2,340 人，占 45.0%
            if picked is not None:
                cases.append(ShareCase(p, picked[0], picked[1], pct, m.start(), others=picked[2]))
            elif not breakdown_wholes(p, part, m.start()) and (
                    whole := opening_whole(p, known, sentence_start(p.text, m.start()), part)
                    or qualified_whole(p, known, part)) is not None:
                cases.append(ShareCase(p, part, None, pct, m.start(), whole))  # 专任教师中…的 90 人，占 71.4%
            continue
        if found is not None:
            cases.append(ShareCase(p, found[0], found[1], pct, m.start()))
            continue
        elsewhere = named_whole(known, p, m.start(), m.group("noun"))
        if elsewhere is not None:
            cases.append(ShareCase(p, elsewhere[0], None, pct, m.start(), elsewhere[1]))
    cases += [ShareCase(p, part, whole, pct, at, others=others)
              for part, whole, pct, at, others in (*rate_cases(p), *of_cases(p))]
    return cases


# `高级职称 45 人、中级职称 75 人，分别占 30.0%、50.0%`: the k counts listed before 分别占 and its k percentages.
_RESPECTIVE = re.compile(r"分别占(?P<noun>[^\d,，。;；:%]{0,16}?)的?\s*"
                         r"(?P<pcts>\d+(?:\.\d+)?\s*%(?:\s*[、，,和及与]\s*\d+(?:\.\d+)?\s*%)+)")


def respective_cases(p: Para, known: Known | None) -> list[ShareCase]:
    """Each part of a 、-list paired with its percentage after 分别占, all of one whole: the noun after 占 (stated in
    the paragraph, else a named quantity), the total before 其中 in the sentence, or the quantity the sentence opens
    with (`专任教师中，…`)."""
    out = []
    for m in _RESPECTIVE.finditer(p.text):
        pcts = [n for n in p.numbers if m.start("pcts") <= n.start < m.end("pcts") and n.unit == "%"]
        sent = sentence_start(p.text, m.start())
        counts = [n for n in p.numbers if sent <= n.start < m.start() and n.family not in (None, "%")
                  and not is_change(p, n)]
        if len(counts) < len(pcts) or len(pcts) < 2:
            continue
        parts = counts[-len(pcts):]
        if len({n.family for n in parts}) != 1 or any(re.search(r"[\d;；]", p.text[a.end:b.start].split(
                a.unit or "", 1)[-1]) for a, b in zip(parts, parts[1:])):
            continue  # not one list of the same unit (`、` or `，` between them, no other number)
        whole, named = _respective_whole(p, known, m, sent, counts[:-len(pcts)], parts[0])
        if whole is None and named is None:
            continue
        out.extend(ShareCase(p, part, whole, pct, m.start(), named) for part, pct in zip(parts, pcts))
    return out


def _respective_whole(p: Para, known: Known | None, m: re.Match, sent: int, before: list[Num],
                      first: Num) -> tuple[Num | None, Evidence | None]:
    noun = m.group("noun")
    if core(noun):
        whole = find_whole(p, first, core(noun), sent)
        if whole is not None:
            return whole, None
        found = named_whole(known, p, m.start(), noun)
        return (None, found[1]) if found else (None, None)
    if before and "其中" in p.text[before[-1].end:first.start] and before[-1].family == first.family:
        return before[-1], None  # 教职工 200 人，其中专任 150 人、行政 30 人，分别占 75.0%、15.0%
    return None, opening_whole(p, known, sent, first)


# The words that split a quantity into categories, ending the qualifier of a part (数控加工专业在校生).
_CATEGORY = re.compile(r"(?:专业|大类|专业群|系|部|年级|校区|分院|学院|班)$")


def qualified_whole(p: Para, known: Known | None, part: Num) -> Evidence | None:
    """`数控加工专业在校生 497 人，占 20.5%`: a part named as a quantity under a category that splits it (a 专业, 大类,
    系, 年级 …: `数控加工专业 | 在校生`) is a share of that quantity, as the report states it for the sentence's
    period. None for a name alone or after words that only open the clause (全校在校生, 全日制在校生: the whole
    itself), for any other qualifier (专业对口就业的毕业生 are a share of the employed, not of all graduates), or
    a sentence that names a year."""
    if known is None:
        return None
    clause = fold("".join(p.text[clause_start(p.text, part.start, "，,。;；:：、（）()"):part.start].split()))[0]
    clause = re.sub(r"(?:为|有|共|达|共有|达到)$", "", clause)
    best = None
    for spec in known.vocab.quantities.values():
        for name in (spec.zh, *spec.aliases):
            key = fold("".join(name.split()))[0]
            if clause.endswith(key) and (best is None or len(key) > len(best[1])):
                best = (spec.id, key)
    if best is None:
        return None
    qualifier = clause[:-len(best[1])]
    if opens_clause(qualifier) or not _CATEGORY.search(qualifier) or _YEAR.search(_sentence_before(p, part)):
        return None
    return _stated(known, best[0], part)


def _sentence_before(p: Para, n: Num) -> str:
    return p.text[sentence_start(p.text, n.start):n.start]


def _stated(known: Known, quantity: str, part: Num) -> Evidence | None:
    """The report's value of `quantity` for its period, when it counts what `part` counts."""
    unit = known.unit(quantity)
    whole = known.value(quantity, known.period(quantity))
    if whole is None or whole.lo <= 0 or _FAMILY.get(unit or "", unit) != part.family:
        return None
    return whole


def opening_whole(p: Para, known: Known | None, sent: int, first: Num) -> Evidence | None:
    """The quantity a sentence opens with as `X中` (`专任教师中，…`, `专任教师中具有技师资格的 90 人`), as the
    report states it for its period: the whole its parts are shares of; None when the opening names a part of it
    (机电系专任教师中), another unit, or the sentence names a year (2023年专任教师中…: that year's whole)."""
    opening = "".join(p.text[sent:first.start].split("，")[0].split(",")[0].split())
    if known is None or "中" not in opening or _YEAR.search(p.text[sent:first.start]):
        return None
    head = opening[:opening.index("中")]
    found = known.subject(head)
    if found is None or found[1] != len(fold(head)[0]):
        return None  # the words before 中 name the whole and nothing else
    return _stated(known, found[0], first)


def find_part(p: Para, at: int) -> Num | None:
    """The part a share after `at` is taken of: the nearest count before it in its sentence."""
    sent = sentence_start(p.text, at)
    for n in reversed([n for n in p.numbers if sent <= n.start < at]):
        if n.unit == "%":
            return None  # the nearest number is another percentage: this one is not about a part stated here
        if n.family and n.family != "%" and not is_change(p, n):
            return n
    return None


def part_and_whole(p: Para, at: int, noun_core: str) -> tuple[Num, Num] | None:
    """The part (nearest count before `at` in its sentence) and the whole it is a share of, or None."""
    part = find_part(p, at)
    if part is None:
        return None
    whole = find_whole(p, part, noun_core, sentence_start(p.text, at))
    return (part, whole) if whole is not None else None


# What may follow a quantity's name in `占…的` and still name the whole of it.
_WHOLE_TAIL = re.compile(r"(?:总数|总人数|人数|总量|总额|数)?")


def named_whole(known: Known | None, p: Para, at: int, noun: str) -> tuple[Num, Evidence] | None:
    """`具有高级职称的专任教师 33 人，占专任教师总数的 34.4%` where the paragraph does not state the whole: the
    noun after 占 names a quantity, and the report states it (tables first, else other prose) for the period
    the sentence speaks of. None when the sentence names another year, or the units differ."""
    if known is None:
        return None
    part = find_part(p, at)
    found = known.subject(noun)
    if part is None or found is None or not _WHOLE_TAIL.fullmatch("".join(noun[found[1]:].split())):
        return None
    quantity = found[0]
    period = known.period(quantity)
    unit = known.unit(quantity)
    if period is None or unit in (None, "%") or _FAMILY.get(unit, unit) != part.family:
        return None
    sentence = p.text[sentence_start(p.text, at):at]
    years = set(_YEAR.findall(p.text[:at]))
    if len(years) == 1 and not _YEAR.search(sentence):
        period = years.pop()  # `2024 年学校总收入 1.01 亿元……其中财政拨款 9,358.60 万元，占总收入的九成以上`
    if any(y != period for y in _YEAR.findall(sentence)):
        return None  # the part may be of another year than the whole the report gives
    whole = known.value(quantity, period)
    if whole is None or whole.lo <= 0 or bounds(part.number)[0] > whole.hi:
        return None  # no whole, or one smaller than the part: not the whole the sentence means
    return part, whole


def find_whole(p: Para, part: Num, noun_core: str, sentence_start_at: int) -> Num | None:
    candidates = [n for n in p.numbers if n.start < part.start and n.family == part.family
                  and n.number.value >= part.number.value and not is_change(p, n)]
    if len(noun_core) < 2:
        # "占总人数": the total this sentence states before the part.
        totals = [n for n in candidates if n.start >= sentence_start_at
                  and ("总" in context(p, n)[0] or "共" in context(p, n)[0])]
        return totals[-1] if totals else None
    wanted = bigrams(noun_core)
    scored = []
    for n in candidates:
        left, right = context(p, n)
        found = sum(1 for g in wanted if g in left + right) / len(wanted)
        if found >= 0.5:
            scored.append((found + (0.5 if ("总" in left or "共" in left) else 0.0), n))
    if not scored:
        return None
    top = max(score for score, _ in scored)
    best = [n for score, n in scored if score == top]
    # Two equally likely wholes with different values: the sentence does not say which; stay silent.
    return best[-1] if len({n.number.value for n in best}) == 1 else None


def ratio_bounds(part: Num, whole: Num) -> tuple[float, float]:
    plo, phi = bounds(part.number)
    wlo, whi = bounds(whole.number)
    return (100 * plo / whi, 100 * phi / wlo) if wlo > 0 else (-np.inf, np.inf)


def case_bounds(c: ShareCase) -> tuple[float, float]:
    plo, phi = bounds(c.part.number)
    wlo, whi = c.whole_bounds()
    return (100 * plo / whi, 100 * phi / wlo) if wlo > 0 else (-np.inf, np.inf)


def named_cases(p: Para, known: Known | None) -> list[NamedShare]:
    """`其中财政拨款占总收入的 82.4%`: no count before 占, both sides named quantities (share_named.py)."""
    out = []
    for m in _SHARE_RE.finditer(p.text):
        pct = p.at(m.start("pct"))
        if pct is None or pct.unit != "%":
            continue
        found = named_share(known, p, m.start(), m.group("noun"), pct)
        if found is not None:
            out.append(found)
    return out


def check(ctx: Context) -> list[Finding]:
    paras = ctx.paras_for(RULE.id)
    cases = [c for p in paras for c in share_cases(p, ctx.known)]
    frame = derived_frame([(*case_bounds(c), c.pct.number) for c in cases])
    out = [_finding(ctx, c, truncated_ok(frame, pos)) for pos, c in failed(cases, frame, RULE.id, overlap)]
    named = [c for p in paras for c in named_cases(p, ctx.known)]
    frame = derived_frame([(*c.bounds(), c.pct.number) for c in named])
    return out + [_named_finding(ctx, c, truncated_ok(frame, pos)) for pos, c in failed(named, frame, RULE.id, overlap)]


def _said(ctx: Context, where: str, computed_zh: str, computed_en: str, printed: str, quote: str) -> str:
    """What the share computes to, then what the sentence prints, and the sentence."""
    return ctx.say(f"{where}：{computed_zh}，但文中写的是 {printed}。原文：“{quote}”",
                   f"{where}: {computed_en}, but the text says {printed}. Text: “{quote}”")


def _truncated_hint(ctx: Context, truncated: bool) -> str | None:
    return ctx.say("仅当数值被截断（而非四舍五入）时才一致", "consistent only if the value was truncated, not rounded") \
        if truncated else None


def _named_finding(ctx: Context, c: NamedShare, truncated: bool) -> Finding:
    p, decimals = c.para, c.pct.number.decimals
    exact = fmt(100 * c.part.value / c.whole.value, decimals)
    a, b = ctx.known.name(c.part.quantity, ctx.lang), ctx.known.name(c.whole.quantity, ctx.lang)
    quote = p.quote(c.at, c.pct.end)
    message = _said(ctx, ctx.where(p),
                    f"{a} {c.part.text}（{c.part.label}）/ {b} {c.whole.text}（{c.whole.label}）= {exact}%",
                    f"{a} {c.part.text} ({c.part.label}) / {b} {c.whole.text} ({c.whole.label}) = {exact}%",
                    c.pct.number.text, quote)
    hint = _truncated_hint(ctx, truncated)
    values = c.part.printed + c.whole.printed + (ctx.pv(p, c.pct, "比例"),)
    return ctx.finding(RULE, message, p.paragraph.section, values, f"{exact}% = {c.part.text} / {c.whole.text}",
                       c.pct.number.text, hint, "warning" if truncated else None)


def _finding(ctx: Context, c: ShareCase, truncated: bool) -> Finding:
    p = c.para
    exact = 100 * c.part.number.value / c.whole_value
    decimals = c.pct.number.decimals
    whole = c.whole_text
    expected = f"{fmt(exact, decimals)}% = {c.part.number.text} / {whole}"
    where = ctx.where(p)
    if c.whole is not None:
        values = (ctx.pv(p, c.part, "部分"), ctx.pv(p, c.whole, "整体"), ctx.pv(p, c.pct, "比例"))
        quote = p.clauses(c.whole, c.part, c.pct)
        source_zh = source_en = ""
    else:
        values = (ctx.pv(p, c.part, "部分"),) + c.named.printed + (ctx.pv(p, c.pct, "比例"),)
        quote = p.clauses(c.part, c.pct)
        name = ctx.known.name(c.named.quantity, ctx.lang)
        source_zh = f"（{name} {whole}：{c.named.label}）"
        source_en = f" ({name} {whole}: {c.named.label})"
    part = c.part.number.text
    alt_zh = "".join(f"；{part} / {w.number.text} = {fmt(100 * c.part.number.value / w.number.value, decimals)}%"
                     for w in c.others)
    alt_en = alt_zh.replace("；", "; ")
    message = _said(ctx, where, f"{part} / {whole}{source_zh} = {fmt(exact, decimals)}%{alt_zh}",
                    f"{part} / {whole}{source_en} = {fmt(exact, decimals)}%{alt_en}", c.pct.number.text, quote)
    hint = _truncated_hint(ctx, truncated)
    return ctx.finding(RULE, message, p.paragraph.section, values, expected, c.pct.number.text, hint,
                       "warning" if truncated else None)
