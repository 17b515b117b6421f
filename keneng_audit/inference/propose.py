"""Proposes the relations a table's header words and labels name: totals, 其中, shares, increases, growth,
codes and dates. Each candidate says why; the judge decides which hold well enough to be checked."""

from __future__ import annotations

from keneng_audit.inference.bases import Bases, implied_wholes, shares_of_another_whole
from keneng_audit.inference.candidates import Candidate, say
from keneng_audit.inference.model import TableModel
from keneng_audit.inference.perhead import propose_per_head
from keneng_audit.inference.rates import propose_rate_rows
from keneng_audit.inference.subtotals import grand_total, propose_subtotals, summed_columns
from keneng_audit.inference.words import Words, norm
from keneng_audit.inference.years import propose_years, year_rows

_COUNTS = ("count", "period")


def propose(model: TableModel, words: Words, quantities: dict[str, list[str]]) -> list[Candidate]:
    """Every relation the printed words of one table name. `quantities`: the named quantities a share may be
    of, each with the tables that print it (a base is tried in each, as copies of one quantity may differ)."""
    if not isinstance(quantities, Bases):
        quantities = Bases.of_names(quantities)
    found: list[Candidate] = []
    for make in (_growth, _increase, _increase_rows, _shares, _ratios, _total_rows, propose_subtotals, _total_columns,
                 _children, _catalog, _dates, propose_rate_rows, _blocks):
        found.extend(make(model, words, quantities))
    found.extend(propose_years(model, words))
    found.extend(propose_per_head(model, words))
    return [c for c in found if _trusted(model, c)]


def _trusted(model: TableModel, cand: Candidate) -> bool:
    """Only columns whose header the reader is sure of (a header shifted by the PDF text proves nothing)."""
    if len(model.trusted) == len(model.table.columns):
        return True
    names = _names(cand.params)
    return all(n in model.trusted for n in names if n in model.table.columns)


def _names(params: dict) -> list[str]:
    out = []
    for value in params.values():
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, str):
                out.append(v)
    return out


def _growth(model: TableModel, words: Words, quantities: list[str]) -> list[Candidate]:
    out = []
    periods = model.period_columns
    for col in model.role("growth"):
        inc = model.left_of(col.name, ("increase",))
        params: dict = {"rate": col.name}
        if inc is not None:
            params["increase"] = inc.name
        if len(periods) >= 2:
            params["previous"], params["current"] = periods[-2].name, periods[-1].name
            why = say(f"表头“{norm(col.name)}”：增长率 = 增加 / 上一期（{norm(periods[-2].name)}）",
                      f"header '{norm(col.name)}': growth = increase / previous period ({norm(periods[-2].name)})")
        elif year_rows(model):
            continue  # years as rows: the rate is taken against the row above (years.propose_years)
        else:
            base = _whole_left_of(model, inc.name if inc else col.name)
            if base is None or inc is None:
                continue
            params["current"] = base.name
            why = say(f"表头“{norm(col.name)}”：增长率 = 增加 / （本期 − 增加）",
                      f"header '{norm(col.name)}': growth = increase / (current − increase)")
        if len(params) < 3:
            continue
        prev = params.get("previous") or f"({params['current']} − {params.get('increase')})"
        change = norm(params["increase"]) if params.get("increase") else f"({norm(params['current'])} − {norm(prev)})"
        text = f"{norm(col.name)} = {change} / {norm(prev)}"
        out.append(Candidate("growth", model.table, params, why, text=text))
    return out


def _increase(model: TableModel, words: Words, quantities: list[str]) -> list[Candidate]:
    periods = model.period_columns
    if len(periods) < 2:
        return []
    prev, cur = periods[-2].name, periods[-1].name
    return [Candidate("difference", model.table, {"increase": col.name, "current": cur, "previous": prev},
                      say(f"表头“{norm(col.name)}”：增加 = 本期 − 上一期",
                          f"header '{norm(col.name)}': increase = current − previous period"),
                      text=f"{norm(col.name)} = {norm(cur)} − {norm(prev)}")
            for col in model.role("increase")]


def _increase_rows(model: TableModel, words: Words, quantities: list[str]) -> list[Candidate]:
    """Years printed as rows with a change row (增量) under them: change = later year − earlier year."""
    if not model.increase_rows or len(model.period_rows) < 2:
        return []
    ordered = sorted(model.period_rows, key=lambda r: model.period_rows[r])
    prev, cur = ordered[-2], ordered[-1]
    cols = [c.name for c in model.columns if c.role in ("count", "period", "increase")]
    return [Candidate("difference", model.table,
                      {"across": "columns", "cases": cols, "increase": row, "current": cur, "previous": prev},
                      say(f"行“{norm(row)}”：增量 = {cur} − {prev}", f"row '{norm(row)}': change = {cur} − {prev}"),
                      text=f"{norm(row)} = {cur} − {prev}")
            for row in model.increase_rows if cols]


def _local(model: TableModel, part: str) -> list[tuple[str, list[dict], str, dict[str, str]]]:
    """The table's own totals of a column: its 合计 row (if it has one), and the sum of its part rows."""
    key = model.table.key
    out = []
    if (row := grand_total(model)) is not None:
        name = f"inferred.{key}.{norm(part)}.{norm(row)}"
        out.append((name, [{"table": f"inferred-{key}", "row": row, "column": part, "period": "current"}],
                    f"{norm(row)} {norm(part)}", say(f"本表“{norm(row)}”行", f"the table's '{norm(row)}' row")))
    name = f"inferred.{key}.{norm(part)}.sum"
    out.append((name, [{"table": f"inferred-{key}", "column": part, "aggregate": "sum", "rows": model.parts,
                        "period": "current"}],
                f"Σ{norm(part)}", say(f"本表“{norm(part)}”列之和", f"the sum of the table's '{norm(part)}' column")))
    return out


def _shares(model: TableModel, words: Words, quantities: list[str]) -> list[Candidate]:
    out = []
    counts = [c for c in model.columns if c.role in _COUNTS]
    for col in model.role("share"):
        text = norm(col.name)
        strict = any(w in text for w in words.share_words) or (col.role == "share" and "率" not in text)
        if any(w in text for w in words.not_share):
            strict = False
        part = _part_of(model, col)
        if part is None:
            if strict and _breakdown(model, words):  # 生源结构 with a 比例 column only: the shares add up to 100%
                out.append(Candidate("sum", model.table, {"column": col.name, "total": {"value": 100},
                                                          "exclude": list(model.children)},
                                     say(f"表题“{norm(model.table.caption)}”是构成，“{text}”合计应为 100%",
                                         f"caption '{norm(model.table.caption)}' is a breakdown: '{text}' adds up to 100%"),
                                     text=f"Σ{text} = 100%"))
            continue
        options: list[Candidate] = []
        # `在校生 | 其中女生 | 占比`: the share may be of the column before the 其中 column; both are proposed and
        # the printed numbers choose (judge)
        wider = _whole_left_of(model, col.name) if col.period is None else None
        parts = [part] + ([wider] if wider is not None and wider.name != part.name else [])
        whole_rows = _whole_rows(model, col.name)
        for part in parts:
            base_cols = [c for c in counts if c.name != part.name]
            for base in base_cols:  # a column of the same row (直接就业数 for 对口率)
                options.append(Candidate("share", model.table, {"percent": col.name, "part": part.name,
                                                               "whole": base.name},
                                         say(f"“{text}”的基数为同行的“{norm(base.name)}”",
                                             f"'{text}' is taken of the row's '{norm(base.name)}'"),
                                         text=f"{text} = {norm(part.name)} / {norm(base.name)}"))
            if strict and not model.period_rows:
                for row in whole_rows:  # a row printed as 100% is the whole the others are shares of
                    name = f"inferred.{model.table.key}.{norm(part.name)}.{norm(row)}"
                    options.append(Candidate("share", model.table, {"percent": col.name, "part": part.name,
                                                                   "whole": {"quantity": name, "period": "latest"}},
                                             say(f"“{text}”的基数为印有 100% 的“{norm(row)}”行",
                                                 f"'{text}' is taken of row '{norm(row)}', printed as 100%"),
                                             text=f"{text} = {norm(part.name)} / {norm(row)}",
                                             quantities={name: [{"table": f"inferred-{model.table.key}", "row": row,
                                                                 "column": part.name, "period": "current"}]}))
            if strict:
                for name, sources, shown, where in ([] if model.period_rows else _local(model, part.name)):
                    options.append(Candidate("share", model.table, {"percent": col.name, "part": part.name,
                                                                   "whole": {"quantity": name, "period": "latest"}},
                                             say(f"“{text}”的基数为{where['zh']}", f"'{text}' is taken of {where['en']}"),
                                             text=f"{text} = {norm(part.name)} / {shown}",
                                             quantities={name: sources}))
                for q, tid in quantities.near(implied_wholes(model.pairs(part.name, col.name))):
                    whole = {"quantity": q, "table": tid}
                    if not model.period_rows:
                        whole["period"] = "latest"
                    options.append(Candidate("share", model.table, {"percent": col.name, "part": part.name,
                                                                   "whole": whole},
                                             say(f"“{text}”的基数为 {q}（{tid}）", f"'{text}' is taken of {q} ({tid})"),
                                             text=f"{text} = {norm(part.name)} / {q}"))
        if not options:
            continue
        first = options[0]
        first.alternatives = options[1:]
        if strict and not model.period_rows and not model.total_rows and not whole_rows and len(model.parts) >= 2 \
                and not shares_of_another_whole(model.pairs(part.name, col.name), every=True):
            # when no single base explains the rows, the shares of a partition must still add up to 100% (not
            # those of a partial list, or of overlapping groups, whose every row gives one other whole)
            first.alternatives.append(Candidate(
                "sum", model.table, {"column": col.name, "total": {"value": 100}, "counts": parts[0].name,
                                     "exclude": list(model.children)},
                say(f"“{text}”是各行占同一整体的比例，合计应为 100%",
                    f"'{text}' gives each row's share of one whole: they add up to 100%"),
                text=f"Σ{text} = 100%"))
        out.append(first)
    return out


def _ratios(model: TableModel, words: Words, quantities: dict[str, list[str]]) -> list[Candidate]:
    """A 生师比 column: the quotient of two number columns of the same row, the pair most rows hold under."""
    out = []
    counts = [c for c in model.columns if c.role in _COUNTS]
    for col in model.role("ratio"):
        text = norm(col.name)
        options = [Candidate("ratio", model.table, {"value": col.name, "numerator": a.name, "denominator": b.name},
                             say(f"表头“{text}”：同行“{norm(a.name)}” / “{norm(b.name)}”",
                                 f"header '{text}': the row's '{norm(a.name)}' / '{norm(b.name)}'"),
                             text=f"{text} = {norm(a.name)} / {norm(b.name)}")
                   for a in counts for b in counts if a is not b]
        if options:
            options[0].alternatives = options[1:]
            out.append(options[0])
    return out


def _breakdown(model: TableModel, words: Words) -> bool:
    """A table captioned as a breakdown of one whole (结构, 分布, 构成), its rows the parts, no total printed, and
    one share column only (several, as 公共基础课占比 | 专业课占比 per major, break down each row instead)."""
    numbers = [c for c in model.columns if c.role not in ("label", "text", "code", "category", "date")]
    return (not model.period_rows and not model.total_rows and len(model.parts) >= 2 and len(numbers) == 1
            and any(w in norm(model.table.caption) for w in words.breakdowns))


def _whole_left_of(model: TableModel, name: str):
    """The nearest count column left of `name` that is not a `其中：` column (女生 is part of 在校生, not its
    base), else the nearest count column."""
    i = next(k for k, c in enumerate(model.columns) if c.name == name)
    for c in reversed(model.columns[:i]):
        if c.role == "count" and not c.name.lstrip().startswith("其中"):
            return c
    return model.left_of(name, ("count",))


def _part_of(model: TableModel, share) -> object:
    """The count a share column is a share of: the column of its own year (`2024年占比` → `2024年`), else the
    nearest count column left of it (a 比例 belongs to the 人数 before it)."""
    if share.period is not None:
        same = [c for c in model.columns if c.role in _COUNTS and c.period == share.period]
        if len(same) == 1:
            return same[0]
    return model.left_of(share.name, _COUNTS)


def _whole_rows(model: TableModel, column: str) -> list[str]:
    """Rows (not 合计 rows) whose share is printed as 100%: the whole of the rows below them."""
    out = []
    for row in model.table.rows:
        cell = row.cells.get(column)
        if cell is not None and cell.number is not None and abs(cell.number.value - 100) < 0.5 \
                and row.label not in model.total_rows and row.label not in model.children:
            out.append(row.label)
    return out


def _opening_parent(model: TableModel) -> str | None:
    """A first row no total word names whose `其中：` item opens the rows under it (`全日制在校生`, `其中：一年级`,
    `二年级`, `三年级`): a whole those rows may break down (kept only where the numbers say so)."""
    rows = model.table.rows
    if model.total_rows or len(rows) < 3 or model.period_rows:
        return None
    first, second = rows[0].label, rows[1].label
    # one `其中：` item followed by plain rows is a breakdown; `其中：` before each item marks overlapping items
    only = [c for c, p in model.children.items() if p == first] == [second]
    return first if only else None


def _total_rows(model: TableModel, words: Words, quantities: list[str]) -> list[Candidate]:
    opening = _opening_parent(model)
    total = opening or grand_total(model)
    if total is None or opening is None and len(model.parts) < 2:
        return []
    cols = summed_columns(model, words, total)
    if not cols:
        return []
    # 其中 items are left to the sum itself: inside a part they are not parts, but the run of rows a 其中 item
    # opens may be its parent's full breakdown (see `breakdown`), which only the total can tell; 小计 rows are
    # sums of parts already
    exclude = [r.label for r in model.table.rows if r.label in model.increase_rows
               or r.label != total and r.label in model.total_rows]
    loose = opening is not None or not any(w in norm(total) for w in words.firm_totals)
    first = Candidate("sum", model.table, {"column": cols, "total": total, "exclude": exclude},
                      say(f"行标签“{norm(total)}”：其余各行之和", f"row label '{norm(total)}': the sum of the other rows"),
                      text=f"{norm(total)} = Σ ({', '.join(norm(c) for c in cols)})", loose=loose)
    if any(parent == total for parent in model.children.values()):
        # `收入合计` printed first, then `其中：财政拨款`, `学费收入` …: the 其中 items are the total's parts
        own = [r for r in exclude if model.children.get(r) != total]
        first.alternatives = [Candidate("sum", model.table, {"column": cols, "total": total, "exclude": own},
                                        say(f"行标签“{norm(total)}”：其下“其中”各项之和",
                                            f"row label '{norm(total)}': the sum of its 其中 items"),
                                        text=f"{norm(total)} = Σ 其中 ({', '.join(norm(c) for c in cols)})",
                                        loose=loose)]
    labels = [r.label for r in model.table.rows]
    if labels[0] == total and model.children:
        # `教职工总数`, `其中：专任教师`, `行政人员`, `工勤人员`, then `专任教师中：高级职称` …: the breakdown is the run
        # of rows right under the total; what follows it is a breakdown of one of them
        below = [r for r in labels[1:] if r not in model.increase_rows]
        for k in range(2, len(below)):
            rest = [r for r in labels if r != total and r not in below[:k]]
            first.alternatives.append(Candidate(
                "sum", model.table, {"column": cols, "total": total, "exclude": rest},
                say(f"行标签“{norm(total)}”：其下 {k} 行之和", f"row label '{norm(total)}': the sum of the {k} rows under it"),
                text=f"{norm(total)} = {' + '.join(norm(r) for r in below[:k])}", loose=loose,
                labelled=_opens_block(below[k], below[:k])))
    return [first]


def _opens_block(label: str, parts: list[str]) -> bool:
    """Whether a row label opens the breakdown of one of `parts` (`专任教师中：“双师型”教师` after `其中：专任教师`):
    the rows before it are then the total's own breakdown."""
    head, sep, _ = norm_colon(label).partition("中：")
    return bool(sep) and bool(head) and any(norm(p) == norm(head) for p in parts)


def norm_colon(label: str) -> str:
    return label.strip().replace(":", "：")


def _blocks(model: TableModel, words: Words, quantities=None) -> list[Candidate]:
    """Each row whose one `其中：` item, right under it, opens a run of plain rows (`人员经费`, `其中：基本工资`,
    `绩效工资`, `社会保障缴费`, then `公用经费` …): the run's sum, kept where some column holds."""
    labels = [r.label for r in model.table.rows]
    heads = {p for p in model.children.values()}
    total_rows = set(model.total_rows) | set(model.increase_rows)
    cols = [c.name for c in model.columns if c.role in ("count", "period", "increase") and words.additive(c.name)]
    out = []
    for i, label in enumerate(labels[:-2]):
        if label not in heads or label in total_rows or labels[i + 1] not in model.children:
            continue
        if model.children[labels[i + 1]] != label or [c for c, p in model.children.items() if p == label] != [labels[i + 1]]:
            continue
        if i == 0 and _opening_parent(model) == label:
            continue  # the table's own total (_total_rows)
        run = [labels[i + 1]]
        for nxt in labels[i + 2:]:
            if nxt in heads or nxt in model.children or nxt in total_rows:
                break
            run.append(nxt)
        if len(run) < 2 or not cols:
            continue
        rest = [r for r in labels if r != label and r not in run]
        out.append(Candidate("sum", model.table, {"column": cols, "total": label, "exclude": rest},
                             say(f"行“{norm(label)}”：其下“其中”及随后各行之和",
                                 f"row '{norm(label)}': the sum of its 其中 item and the rows after it"),
                             text=f"{norm(label)} = {' + '.join(norm(r) for r in run)}", loose=True))
    return out


def _total_columns(model: TableModel, words: Words, quantities: dict[str, list[str]]) -> list[Candidate]:
    """A column headed 合计 / 总计 …: the sum of number columns of its row, the ones most rows hold under
    (all others of its unit, those before it, or those after it)."""
    out = []
    numbers = [c for c in model.columns if c.role in ("count", "period")]
    for col in numbers:
        if not words.is_total_column(col.name):
            continue
        same = [c for c in numbers if c is not col and c.unit == col.unit]
        i = model.columns.index(col)
        sets = [same, [c for c in same if model.columns.index(c) < i], [c for c in same if model.columns.index(c) > i]]
        options = []
        for parts in sets:
            names = [c.name for c in parts]
            if len(names) >= 2 and names not in [o.params["parts"] for o in options]:
                options.append(Candidate("sum", model.table, {"parts": names, "total": col.name},
                                         say(f"表头“{norm(col.name)}”：同行各列之和", f"header '{norm(col.name)}': "
                                             f"the sum of the row's columns"),
                                         text=f"{norm(col.name)} = {' + '.join(norm(n) for n in names)}"))
        if options:
            options[0].alternatives = options[1:]
            out.append(options[0])
    return out


def _children(model: TableModel, words: Words, quantities: list[str]) -> list[Candidate]:
    parents: dict[str, list[str]] = {}
    for child, parent in model.children.items():
        if model.table.row(parent) is not None:
            parents.setdefault(parent, []).append(child)
    cols = [c.name for c in model.columns if c.role in _COUNTS]
    out = []
    for parent, kids in parents.items():
        if not cols:
            break
        # Each 其中 item on its own: items may overlap (“双师型” and 高级职称 teachers), so their sum may not.
        for kid in kids:
            out.append(Candidate("subset", model.table,
                                 {"across": "columns", "cases": cols, "children": [kid], "parent": parent},
                                 say(f"“其中”项不超过“{norm(parent)}”", f"the 其中 items do not exceed '{norm(parent)}'"),
                                 text=f"{norm(kid)} ≤ {norm(parent)}"))
    return out


def _catalog(model: TableModel, words: Words, quantities: list[str]) -> list[Candidate]:
    codes, cats = model.role("code"), model.role("category")
    if not codes or not cats:
        return []
    return [Candidate("catalog", model.table, {"code": codes[0].name, "category": cats[0].name},
                      say("专业代码与专业大类同表：按 2021 年专业目录核对", "专业代码 beside 专业大类: checked against the 2021 catalogue"),
                      text=f"{norm(codes[0].name)} ∈ {norm(cats[0].name)}")]


def _dates(model: TableModel, words: Words, quantities: list[str]) -> list[Candidate]:
    cols = [c.name for c in model.role("date")]
    if not cols:
        return []
    return [Candidate("range", model.table, {"columns": cols, "date": True},
                      say("日期列：须为真实日期", "date column: must be real calendar dates"),
                      text=f"{', '.join(norm(c) for c in cols)} ∈ 日期 / dates")]
