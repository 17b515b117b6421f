"""Rule documentation for `rules` and `explain`: a rule list and one rule's full explanation, as text or JSON."""

from __future__ import annotations

import json
import unicodedata
from typing import Any, TextIO

import yaml

from keneng_audit.reporters._common import display_path, label

HEAD = {
    "zh": {"id": "编号", "severity": "严重程度", "kind": "类型", "pack": "规则包", "origin": "来源", "name": "名称",
           "description": "说明", "rationale": "为什么重要", "pass": "通过的例子", "fail": "不通过的例子",
           "params": "参数", "file": "定义于", "table": "表", "count": "共 {0} 条规则"},
    "en": {"id": "id", "severity": "severity", "kind": "kind", "pack": "pack", "origin": "origin", "name": "name",
           "description": "description", "rationale": "why it matters", "pass": "passing example",
           "fail": "failing example", "params": "parameters", "file": "defined in", "table": "table", "count": "{0} rules"},
}


def _head(lang: str, key: str) -> str:
    return HEAD.get(lang, HEAD["en"])[key]


def _text(texts: dict[str, str] | None, lang: str) -> str:
    if not texts:
        return ""
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def params_dict(spec: Any) -> dict:
    params = getattr(spec, "params", None)
    if params is None:
        return {}
    if hasattr(params, "model_dump"):
        # Only what the rule sets: the defaults are the kind's, documented with the kind.
        return params.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return dict(params)


def rule_dict(spec: Any, lang: str) -> dict:
    """One rule's listing entry; `origin` is bundled, user, inferred (with `why`) or built-in."""
    origin = spec.origin
    entry = {"id": spec.id, "name": spec.name, "severity": spec.severity, "kind": spec.kind, "pack": spec.pack,
             "origin": origin.kind}
    if origin.why:
        entry["why"] = _text(origin.why, lang)
    return {**entry, "description": _one_line(_text(spec.description, lang))}


# The kinds in Chinese, for a Chinese listing; the kind's own name (what a rule file writes) follows it.
KIND_ZH = {"agree": "一致", "catalog": "专业目录", "difference": "增减", "growth": "增长率", "range": "取值范围",
           "ratio": "比", "share": "比例", "subset": "其中", "sum": "合计", "no-tables": "有无表格",
           "table-read": "表格读取"}


def kind_text(kind: str, lang: str) -> str:
    """"增长率 growth" in Chinese (prose kinds: "正文 prose-span-days"), the kind's name in English."""
    if lang != "zh":
        return kind
    zh = KIND_ZH.get(kind) or ("正文" if kind.startswith("prose-") else None)
    return f"{zh} {kind}" if zh else kind


def rules_text(specs: list, stream: TextIO, lang: str) -> None:
    columns = ("id", "severity", "kind", "pack", "origin")
    rows = [(s.id, label(lang, s.severity), kind_text(s.kind, lang), s.pack, s.origin.label(lang, why=False),
             f"{s.name}：{_one_line(_text(s.description, lang))}"
             if lang == "zh" else f"{s.name}: {_one_line(_text(s.description, lang))}") for s in specs]
    header = tuple(_head(lang, c) for c in columns) + (f"{_head(lang, 'name')} / {_head(lang, 'description')}",)
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(columns))]
    for row in [header, *rows]:
        stream.write("  ".join(_pad(cell, w) for cell, w in zip(row, widths)) + "  " + row[-1] + "\n")
    stream.write(_head(lang, "count").format(len(specs)) + "\n")


def rules_json(specs: list, stream: TextIO, lang: str) -> None:
    json.dump({"version": 1, "rules": [rule_dict(s, lang) for s in specs]}, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def explain_dict(spec: Any, lang: str, table: str | None = None) -> dict:
    examples = getattr(spec, "examples", None) or {}
    return {**rule_dict(spec, lang), "description": _text(spec.description, lang),
            "rationale": _text(getattr(spec, "rationale", None), lang), "examples": dict(examples),
            "table": table or getattr(spec, "table", None), "params": params_dict(spec),
            "file": str(getattr(spec, "file", "")), "line": getattr(spec, "line", None)}


def explain_text(spec: Any, stream: TextIO, lang: str, table: str | None = None) -> None:
    """`table`: how the rule's pack finds its table (key and caption), when the rule has one."""
    data = explain_dict(spec, lang, table)
    colon = "：" if lang == "zh" else ": "
    heading = "：" if lang == "zh" else ":"
    title = _text(getattr(spec, "title", None), lang)
    out = [f"{spec.id} {spec.name}" + (f"（{title}）" if title and lang == "zh" else f" ({title})" if title else ""),
           f"{_head(lang, 'severity')}{colon}{label(lang, spec.severity)}    {_head(lang, 'kind')}{colon}{kind_text(spec.kind, lang)}"
           f"    {_head(lang, 'pack')}{colon}{spec.pack}    {_head(lang, 'origin')}{colon}{spec.origin.label(lang)}"
           + (f"    {_head(lang, 'table')}{colon}{data['table']}" if data["table"] else ""), ""]
    for key in ("description", "rationale"):
        if data[key]:
            out += [f"{_head(lang, key)}{heading}", _indent(data[key]), ""]
    for key in ("pass", "fail"):
        if data["examples"].get(key):
            out += [f"{_head(lang, key)}{heading}", _indent(data["examples"][key]), ""]
    if data["params"]:
        dumped = yaml.safe_dump(data["params"], allow_unicode=True, sort_keys=False, default_flow_style=False)
        out += [f"{_head(lang, 'params')}{heading}", _indent(dumped.rstrip()), ""]
    if data["file"]:
        file = display_path(data["file"])
        where = f"{file}:{data['line']}" if data["line"] else file
        out.append(f"{_head(lang, 'file')}{colon}{where}")
    stream.write("\n".join(out).rstrip("\n") + "\n")


def explain_json(spec: Any, stream: TextIO, lang: str, table: str | None = None) -> None:
    json.dump(explain_dict(spec, lang, table), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" if line else "" for line in text.strip("\n").splitlines())
