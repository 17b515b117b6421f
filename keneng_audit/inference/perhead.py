"""Proposes per-head values: a row or column `生均X` (`人均X`) is X, the row or column of the same name, divided by
a head count of the table (在校生 …), scaled as the two units say (万元 over 元: × 10000)."""

from __future__ import annotations

from keneng_audit.inference.candidates import Candidate, say
from keneng_audit.inference.model import TableModel
from keneng_audit.inference.words import Words, norm, unit_of

# (unit of X, unit of the per-head value) → the factor between them
_SCALES = {("万元", "元"): 1e4, ("亿元", "万元"): 1e4, ("亿元", "元"): 1e8, ("万平方米", "平方米"): 1e4,
           ("万册", "册"): 1e4, ("万元", "万元"): 1.0, ("元", "元"): 1.0, ("平方米", "平方米"): 1.0, ("册", "册"): 1.0}


def _scale(total: str, each: str) -> float | None:
    a, b = unit_of(total), unit_of(each)
    if a is None and b is None:
        return 1.0
    return _SCALES.get((a or "", b or ""))


def _name(text: str) -> str:
    return norm(text).replace("总", "")


def propose_per_head(model: TableModel, words: Words) -> list[Candidate]:
    """Per-head rows of a table of indicators by year (checked in each year column), and per-head columns of
    a table by row; the head count is the one most cases hold under."""
    years = [c.name for c in model.period_columns]
    out = []
    if years and model.table.label_column is not None:
        labels = [r.label for r in model.table.rows]
        for value in labels:
            out += _options(model, words, value, labels, {"across": "columns", "cases": years},
                            f"行“{norm(value)}”", f"row '{norm(value)}'")
    numbers = [c.name for c in model.columns if c.role in ("count", "period", "ratio")]
    for value in numbers:
        out += _options(model, words, value, numbers, {}, f"表头“{norm(value)}”", f"header '{norm(value)}'")
    return out


def _options(model: TableModel, words: Words, value: str, names: list[str], axis: dict, zh: str,
             en: str) -> list[Candidate]:
    text = norm(value)
    head = next((w for w in words.per_head if text.startswith(w)), None)
    if head is None:
        return []
    base = text[len(head):].replace("总", "")
    totals = [n for n in names if n != value and base and _name(n) == base]
    counts = [n for n in names if n != value and any(w in norm(n) for w in words.per_head[head])
              and not any(norm(n).startswith(w) for w in words.per_head)]
    options = []
    for total in totals:
        scale = _scale(total, value)
        if scale is None:
            continue
        for count in counts:
            params = {**axis, "value": value, "numerator": total, "denominator": count}
            if scale != 1.0:
                params["scale"] = scale
            factor = f" × {scale:g}" if scale != 1.0 else ""
            options.append(Candidate("ratio", model.table, params,
                                     say(f"{zh}：{norm(total)} / {norm(count)}{factor}",
                                         f"{en}: {norm(total)} / {norm(count)}{factor}"),
                                     text=f"{text} = {norm(total)} / {norm(count)}{factor}"))
    if not options:
        return []
    options[0].alternatives = options[1:]
    return [options[0]]
