"""Proposes the relations of a table whose years are its rows (2022年 / 2023年 / 2024年 down the label column):
an increase or growth-rate column is taken against the row of the year before. The year before is a local
quantity that holds, for each year row, the value printed in the row above it (in year order)."""

from __future__ import annotations

from keneng_audit.facts.values import period_of
from keneng_audit.inference.candidates import Candidate, say
from keneng_audit.inference.model import Column, TableModel
from keneng_audit.inference.words import Words, norm

_COUNTS = ("count", "period")
_CHANGE = ("增长率", "增长幅度", "增幅", "增加比率", "增长比率", "增减率", "增长", "增加", "增减", "变化", "较上年", "比上年")


def year_rows(model: TableModel) -> dict[str, str]:
    """Row label → year, when the table's years are its rows (at least two, each printed as a year)."""
    if model.period_columns:
        return {}
    years = {label: p for label, p in model.period_rows.items() if period_of(label) == p}
    if len(years) < 2 or len(set(years.values())) < len(years):
        return {}
    return years


def propose_years(model: TableModel, words: Words) -> list[Candidate]:
    """Increase and growth columns of a table with years as rows, each against the row of the year before."""
    years = year_rows(model)
    if not years:
        return []
    ordered = sorted(years, key=lambda r: years[r])
    out = []
    for col in model.columns:
        if col.role not in ("growth", "increase"):
            continue
        options = [c for base in _base_columns(model, col) if (c := _candidate(model, col, base, years, ordered))]
        if options:
            options[0].alternatives = options[1:]
            out.append(options[0])
    return out


def _candidate(model: TableModel, col: Column, base: Column, years: dict[str, str],
               ordered: list[str]) -> Candidate | None:
    key = model.table.key
    name = f"inferred.{key}.{norm(base.name)}.上一年"
    sources = [{"table": f"inferred-{key}", "row": prev, "column": base.name, "period": years[cur]}
               for prev, cur in zip(ordered, ordered[1:])]
    common = {"cases": ordered, "current": base.name, "previous": {"quantity": name}}
    if col.role == "increase":
        params = {"increase": col.name, **common}
        kind, what = "difference", ("增加 = 本年 − 上一年（上一行）", "increase = this year − the year before (the row above)")
        text = f"{norm(col.name)} = {norm(base.name)} − 上一行"
    else:
        params = {"rate": col.name, **common}
        kind, what = "growth", ("增长率 = （本年 − 上一年）/ 上一年（上一行）",
                                "growth = (this year − the year before) / the year before (the row above)")
        text = f"{norm(col.name)} = ({norm(base.name)} − 上一行) / 上一行"
    return Candidate(kind, model.table, params,
                     say(f"年份为行，表头“{norm(col.name)}”：{what[0]}",
                         f"years as rows, header '{norm(col.name)}': {what[1]}"),
                     text=text, quantities={name: sources})


def _base_columns(model: TableModel, col: Column) -> list[Column]:
    """The count columns a change column may be of: the one its header shares the longest run of characters
    with (到款额增长率 → 技术服务到款额), else every count column, the nearest left of it first (the judge keeps
    the one most rows hold under)."""
    header = norm(col.name)
    for word in _CHANGE:
        header = header.replace(word, "")
    counts = [c for c in model.columns if c.role in _COUNTS]
    shared = {id(c): _common(header, norm(c.name)) for c in counts}
    best = max(shared.values(), default=0)
    named = [c for c in counts if shared[id(c)] == best]
    if best >= 2 and len(named) == 1:
        return named
    i = model.columns.index(col)
    return sorted(counts, key=lambda c: (model.columns.index(c) > i, abs(model.columns.index(c) - i)))


def _common(a: str, b: str) -> int:
    """Length of the longest run of characters `a` and `b` share."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best
