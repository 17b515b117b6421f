"""What inference read off each table, as text for `keneng-audit infer` (table by table, with the reasons)."""

from __future__ import annotations

from keneng_audit.inference import Inference
from keneng_audit.inference.words import norm

_ROLES = {"label": ("标签", "labels"), "period": ("年份", "period"), "count": ("数值", "numbers"),
          "increase": ("增加", "increase"), "growth": ("增长率", "growth rate"), "share": ("比例", "share"),
          "ratio": ("比", "ratio"), "code": ("代码", "code"), "category": ("大类", "category"),
          "date": ("日期", "date"), "text": ("文字", "text")}


def lines(result: Inference, lang: str = "zh", verbose: bool = False) -> list[str]:
    zh = lang == "zh"
    out = []
    for rep in result.reports:
        head = f"{rep.key} {rep.caption}（第 {rep.line} 行）" if zh else f"{rep.key} {rep.caption} (line {rep.line})"
        out.append(head)
        if rep.declared_by:
            out.append(f"  由规则包 {rep.declared_by} 声明，不推断" if zh else
                       f"  declared by pack {rep.declared_by}: not inferred")
            continue
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
            out.append(f"  {'数量' if zh else 'quantity'} {q} ← {why}")
        for rid, cand in rep.rules:
            out.append(f"  {rid} {cand.kind}: {cand.describe(lang)}")
        if not rep.rules:
            out.append("  未推断出关系" if zh else "  no relation inferred")
        if verbose:
            for cand in rep.dropped:
                if cand.kind == "share" and not cand.support[0]:
                    continue  # a base no row holds under: one line each would drown the rest
                out.append(f"    ✗ {cand.kind}: {cand.describe(lang)} [{cand.verdict or 'dropped'}]")
    agree = [e for e in result.entries if e["kind"] == "agree"]
    if agree:
        out.append("跨表一致" if zh else "Across tables")
        for e in agree:
            out.append(f"  {e['id']} agree: {e['params']['quantity']} ← {e['rationale'][lang]}")
    total = len(result.entries)
    out.append(f"共推断 {total} 条规则" if zh else f"{total} rules inferred")
    return out
