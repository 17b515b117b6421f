"""Turns kept candidates into ordinary rule objects (the same RuleSpec a YAML pack loads), and into the
YAML of a pack a user can edit and pass back with --rules."""

from __future__ import annotations

import json
import re
import zlib

from keneng_audit.inference.candidates import Candidate
from keneng_audit.rules.model import QuantitySource, Rule, RulePack, TableDecl, inferred

PACK = "inferred"
# One id range per kind, so `--select KA54` picks every inferred growth rate; the last two digits come
# from the relation itself (table caption and operands), not from its position, so they survive edits.
FAMILY = {"sum": 51, "share": 52, "difference": 53, "growth": 54, "subset": 55, "catalog": 56, "range": 57,
          "agree": 58, "ratio": 59}

MESSAGES = {
    "growth": ("{table} {row} {column}印刷为 {actual}，按上一期计算应为 {expected}",
               "{table} {row} {column} is printed as {actual}; against the previous period it is {expected}"),
    "difference": ("{table} {row} {column}印刷为 {actual}，但相减为 {expected}",
                   "{table} {row} {column} is printed as {actual}, but the difference is {expected}"),
    "share": ("{table} {row} {column}印刷为 {actual}，计算应为 {expected}",
              "{table} {row} {column} is printed as {actual}; it is {expected}"),
    "sum": ("{table} {row} {column}：各项之和为 {actual}，但印刷为 {expected}",
            "{table} {row} {column}: the parts add up to {actual}, but {expected} is printed"),
    "subset": ("{table} {row} {column}：“其中”项 {actual}，但应 {expected}（不超过所属项）",
               "{table} {row} {column}: the 其中 items come to {actual}, but must be {expected} (their parent)"),
    "catalog": ("{table} {row}：专业代码与专业大类不符，印刷为 {actual}，按 2021 年专业目录应属 {expected}",
                "{table} {row}: code and category disagree, printed {actual}, the 2021 catalogue puts it under {expected}"),
    "range": ("{table} {row}：日期 {actual} 不存在", "{table} {row}: the date {actual} does not exist"),
    "agree": ("{quantity}（{period}年）前后不一致：{actual}", "{quantity} ({period}) differs between places: {actual}"),
    "ratio": ("{table} {row} {column}印刷为 {actual}，计算应为 {expected}",
              "{table} {row} {column} is printed as {actual}; it is {expected}"),
}
DESCRIPTIONS = {
    "growth": ("增长率 = 增加 / 上一期", "Growth rate = increase / previous period"),
    "difference": ("增加 = 本期 − 上一期", "Increase = current − previous"),
    "share": ("比例 = 部分 / 基数", "Share = part / base"),
    "sum": ("各部分之和等于合计", "The parts add up to the total"),
    "subset": ("“其中”项不超过其所属项", "其中 items do not exceed their parent"),
    "catalog": ("专业代码前两位对应 2021 年职业教育专业目录（中职、高职专科、职业本科）的专业大类",
                "A 专业代码's first two digits name its 专业大类 (2021 catalogue: 中职, 高职专科, 职业本科)"),
    "range": ("日期是真实存在的日历日期", "Dates are real calendar dates"),
    "agree": ("同一数量在报告中各处的数值相同", "One quantity has one value throughout the report"),
    "ratio": ("比 = 分子 / 分母", "Ratio = numerator / denominator"),
}


def rule_id(cand: Candidate, taken: set[str]) -> str:
    core = {k: v for k, v in cand.params.items() if k != "also"}  # the hint's bases do not make the relation
    seed = json.dumps([cand.kind, cand.key, cand.table.caption if cand.table else "", core],
                      ensure_ascii=False, sort_keys=True, default=str)
    slot = zlib.crc32(seed.encode("utf-8")) % 100
    full = f"#full-{FAMILY[cand.kind]}"  # a marker in `taken`: its 100 short ids are gone (no 100-step search)
    for k in range(0 if full in taken else 100):
        found = f"KA{FAMILY[cand.kind]}{(slot + k) % 100:02d}"
        if found not in taken:
            taken.add(found)
            return found
    taken.add(full)
    # A report with more than 100 relations of one kind (a very long report) goes on in a six-digit range.
    wide = zlib.crc32(seed.encode("utf-8")) % 10000
    for k in range(10000):
        found = f"KA{FAMILY[cand.kind]}{(wide + k) % 10000:04d}"
        if found not in taken:
            taken.add(found)
            return found
    raise ValueError(f"more than 10100 inferred {cand.kind} rules")


def _message(cand: Candidate) -> dict[str, str]:
    zh, en = MESSAGES[cand.kind]
    if cand.kind == "agree":
        label = cand.params.get("quantity", "")
        zh, en = zh.replace("{quantity}", cand.text or label), en.replace("{quantity}", label)
    return {"zh": zh, "en": en}


def rule_entry(cand: Candidate, rid: str, tid: str | None) -> dict:
    """The rule as a pack file writes it."""
    zh, en = DESCRIPTIONS[cand.kind]
    entry = {"id": rid, "name": f"inferred-{'data-' if not cand.named else ''}{cand.kind}", "severity": cand.severity,
             "kind": cand.kind}
    if tid is not None:
        entry["table"] = tid
    entry["params"] = cand.params
    entry["message"] = _message(cand)
    entry["description"] = {"zh": f"{zh}：{cand.text}", "en": f"{en}: {cand.text}"}
    entry["rationale"] = {"zh": f"推断依据：{cand.reason['zh']}", "en": f"inferred from: {cand.reason['en']}"}
    return entry


def to_rule(entry: dict, why: dict[str, str]) -> Rule:
    """The Rule of one entry, validated like a rule file's, with origin `inferred (why)`."""
    from keneng_audit.rules.loader import make_rule

    return make_rule(entry["id"], entry["name"], entry["severity"], entry["kind"], entry["params"],
                     table=entry.get("table"), message=entry["message"], description=entry["description"],
                     rationale=entry["rationale"], origin=inferred(why["zh"], why["en"]), pack=PACK)


def build_pack(tables: dict[str, dict], quantities: dict[str, list[dict]], entries: list[dict],
               reasons: list[dict[str, str]]) -> RulePack:
    """The inferred relations as a RulePack, exactly as the loader would build it from their YAML."""
    return RulePack(name=PACK, title={"zh": "推断的规则", "en": "Inferred rules"},
                    tables={tid: TableDecl.model_validate(d) for tid, d in tables.items()},
                    quantities={q: [QuantitySource.model_validate(s) for s in sources]
                                for q, sources in quantities.items()},
                    rules=[to_rule(e, why) for e, why in zip(entries, reasons)], origin=inferred("", ""))


def pack_yaml(title: str | None, tables: dict[str, dict], quantities: dict[str, list[dict]],
              entries: list[dict], notes: dict[str, list[str]]) -> str:
    """The pack file: tables, quantities and rules, each rule with the reason it was inferred."""
    import yaml

    head = ["# Inferred by `keneng-audit infer --write-pack`: the relations read off this report's tables.",
            "# Edit freely (drop a rule, fix a base, rename a column) and pass the folder with --rules; a table",
            "# declared here is no longer inferred."]
    data: dict = {"name": {"zh": "推断的规则（可编辑）", "en": "Inferred rules (editable)"}}  # pack: its folder name
    if title:
        data["applies_to"] = {"title": re.escape(title)}
    data["tables"] = tables
    data["quantities"] = quantities
    data["rules"] = entries
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    return "\n".join(head) + "\n" + body
