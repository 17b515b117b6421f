"""What inference read off each table, as text for `keneng-audit infer` (table by table, with the reasons)."""

from __future__ import annotations

import re

from keneng_audit.inference import Inference
from keneng_audit.inference.words import norm

_ROLES = {"label": ("标签", "labels"), "period": ("年份", "period"), "count": ("数值", "numbers"),
          "increase": ("增加", "increase"), "growth": ("增长率", "growth rate"), "share": ("比例", "share"),
          "ratio": ("比", "ratio"), "code": ("代码", "code"), "category": ("大类", "category"),
          "date": ("日期", "date"), "text": ("文字", "text")}


_KINDS = {"growth": "增长率", "difference": "增减", "share": "比例", "sum": "合计", "subset": "其中",
          "catalog": "专业目录", "range": "日期", "agree": "一致", "ratio": "比"}
_VERDICTS = {"kept": "采用", "dropped": "未采用", "not evaluable": "无法核查", "no case to check": "没有可核查的行",
             "named by the header": "表头已指明", "a clear majority holds": "多数行成立",
             "too few cases hold": "成立的行太少", "the base most rows hold under": "多数行成立的基数",
             "no single base; the shares must add up to 100%": "没有单一基数：各比例之和须为 100%",
             "the reading most columns hold under": "多数列成立的读法",
             "a loosely named total that holds in no case": "名称笼统的合计，无一处成立",
             "a loosely named total that no reading of its parts holds under": "名称笼统的合计，其下各行的任何读法都不成立",
             "the rows the labels mark off, one misprint from the total": "标签划定的分项，与合计只差一处印刷错误",
             "a 其中 item over its whole in every case (a misread row)": "“其中”项处处大于所属项（多为误读的行）"}


def _kind(kind: str, lang: str) -> str:
    return _KINDS.get(kind, kind) if lang == "zh" else kind


def _text(text: str, lang: str) -> str:
    """A relation's formula in the chosen language: `Σ rows` / `Σ人数` / `∈ 日期 / dates` are notation."""
    if lang == "zh":
        text = text.replace("Σ rows", "各行之和").replace("∈ 日期 / dates", "∈ 日期")
        text = re.sub(r"Σ 其中 \(([^)]*)\)", r"其中各项之和（\1）", text)
        text = re.sub(r"Σ \(([^)]*)\)", r"其余各行之和（\1）", text)
        text = re.sub(r"= Σ$", "= 其余各行之和", text)
        return re.sub(r"Σ(“[^”]+”|[^\s=()（）]+)", lambda m: f"“{m[1].strip('“”')}”列之和", text)
    return text.replace("∈ 日期 / dates", "∈ dates").replace("Σ rows", "the sum of the rows")


def _why_en(why: str) -> str:
    """Where a quantity was read, in English: the words around the printed names (表题“…”，列“…”) translated."""
    why = re.sub(r"“([^”]*)”列之和", r"the sum of column “\1”", why)
    for zh, en in (("表题“", "caption “"), ("列“", "column “"), ("行“", "row “"), ("减去", " minus "), ("，", ", ")):
        why = why.replace(zh, en)
    return why


def _verdict(verdict: str, lang: str) -> str:
    if lang != "zh" or not verdict:
        return verdict or ("未采用" if lang == "zh" else "dropped")
    head, _, why = verdict.partition(": ")
    return _VERDICTS.get(head, head) + (f"：{_VERDICTS.get(why, why)}" if why else "")


def describe(cand, lang: str) -> str:
    held, seen = cand.support
    how = cand.reason[lang]
    if seen:
        how += f"（{held}/{seen} 行成立）" if lang == "zh" else f" ({held} of {seen} cases hold)"
    return f"{_text(cand.text, lang)}  ← {how}"


def lines(result: Inference, lang: str = "zh", verbose: bool = False, name=None) -> list[str]:
    """The text of `infer`; `name(quantity)` gives a named quantity's Chinese name for a Chinese listing."""
    out = _lines(result, lang, verbose)
    if lang != "zh" or name is None:
        return out
    return [_QUANTITY.sub(lambda m: name(m[0]), line).replace("（inferred-", "（推断自") for line in out]


_QUANTITY = re.compile(r"(?<![\w.])[a-z][a-z_]*\.[a-z][a-z_]*(?![\w.])")


def _lines(result: Inference, lang: str, verbose: bool) -> list[str]:
    zh = lang == "zh"
    out = []
    for rep in result.reports:
        head = f"{rep.key} {rep.caption}（第 {rep.line} 行）" if zh else f"{rep.key} {rep.caption} (line {rep.line})"
        out.append(head)
        if rep.declared_by:
            out.append(f"  由规则包 {rep.declared_by} 声明，只推断其规则未核查的关系" if zh else
                       f"  declared by pack {rep.declared_by}: only relations its rules leave out are inferred")
        if rep.model is None:
            out.append("  无数据行" if zh else "  no rows")
            continue
        roles = [f"{norm(c.name)}={_ROLES[c.role][0 if zh else 1]}" for c in rep.model.columns]
        out.append(("  列：" if zh else "  columns: ") + "，".join(roles) if zh else "  columns: " + ", ".join(roles))
        extra = []
        if rep.model.total_rows:
            extra.append(("合计行：" if zh else "total rows: ") + ", ".join(rep.model.total_rows))
        if rep.model.children:
            extra.append(("其中行：" if zh else "其中 rows: ") + ", ".join(rep.model.children))
        if rep.model.period_rows:
            extra.append(("年份行：" if zh else "year rows: ") + ", ".join(rep.model.period_rows))
        if extra:
            out.append("  " + "；".join(extra))
        for note in rep.notes:
            out.append(f"  {note}")
        for q, why in rep.quantities:
            out.append(f"  {'数量' if zh else 'quantity'} {q} ← {why if zh else _why_en(why)}")
        for rid, cand in rep.rules:
            out.append(f"  {rid} {_kind(cand.kind, lang)}{'：' if zh else ': '}{describe(cand, lang)}")
        if not rep.rules:
            out.append("  未推断出关系" if zh else "  no relation inferred")
        if verbose:
            for cand in rep.dropped:
                if cand.kind == "share" and not cand.support[0]:
                    continue  # a base no row holds under: one line each would drown the rest
                out.append(f"    ✗ {_kind(cand.kind, lang)}{'：' if zh else ': '}{describe(cand, lang)} "
                           f"[{_verdict(cand.verdict, lang)}]")
    agree = [e for e in result.entries if e["kind"] == "agree"]
    if agree:
        out.append("跨表一致" if zh else "Across tables")
        for e in agree:
            out.append(f"  {e['id']} {_kind('agree', lang)}{'：' if zh else ': '}{e['params']['quantity']} ← "
                       f"{e['rationale'][lang]}")
    total = len(result.entries)
    out.append(f"共推断 {total} 条规则" if zh else f"{total} rules inferred")
    return out
