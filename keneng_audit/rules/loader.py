"""Turns rule entries (from YAML packs, inference or code) into validated Rules, checked against the kinds' table."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from keneng_audit.errors import RuleFileError, pydantic_problem
from keneng_audit.rules.kinds import KINDS
from keneng_audit.rules.model import (RULE_ID_RE, TEMPLATE_FIELDS, USER, AppliesTo, Origin, QuantityRef, Rule,
                                      RuleEntry, RulePack, TableDecl)
from keneng_audit.rules.packs import bundled_paths, line_of, validation_error
from keneng_audit.rules.packs import load_packs as _read_packs

# Parameters that name a column of the rule's table (when its cases run across rows).
_COLUMN_PARAMS = ("column", "columns", "code", "category", "counts", "unit_column")


class _Problem(Exception):
    """A rule that does not validate: the message, and the path of the YAML node it is about."""

    def __init__(self, where: tuple, text: str, zh: str | None = None):
        super().__init__(text)
        self.where, self.text, self.zh = where, text, zh or text


def load_packs(paths: list[Path]) -> list[RulePack]:
    """Loads packs from rule files and folders; every rule validated against its kind."""
    return _read_packs(paths, _rule)


def load_rule_packs(rule_paths=(), bundled: bool = True) -> list[RulePack]:
    """The packs a run uses; their rule ids may not be those of the built-in checks that run beside them."""
    paths = (bundled_paths() if bundled else []) + [Path(p) for p in rule_paths]
    packs = load_packs(paths)
    builtin = _builtin_ids()
    for rule in (r for pack in packs for r in pack.rules):
        if rule.id in builtin:
            at = f"{rule.file}:{rule.line}: "
            raise RuleFileError(f"{at}规则编号 {rule.id} 属于内置检查（keneng-audit explain {rule.id}），请另选编号",
                                f"{at}rule id {rule.id} belongs to a built-in check "
                                f"(keneng-audit explain {rule.id}); choose another id")
    return packs


def _builtin_ids() -> frozenset[str]:
    """Ids of the checks built into the code (KA00x coverage, KA4xx prose); a pack must not reuse one."""
    from keneng_audit.claims.rules import RULES as PROSE
    from keneng_audit.coverage import RULES as COVERAGE

    return frozenset(COVERAGE) | frozenset(PROSE)


def make_rule(id: str, name: str, severity: str, kind: str, params: dict | BaseModel | None = None, *,
              table: str | None = None, message: dict[str, str] | None = None,
              description: dict[str, str] | None = None, rationale: dict[str, str] | None = None,
              examples: dict[str, str] | None = None, origin: Origin = USER, pack: str = "",
              title: dict[str, str] | None = None, file: str = "", line: int | None = None) -> Rule:
    """A Rule built in code (inference, tests, built-in checks), validated like a rule file's: a known kind,
    parameters its model accepts, a table where the kind needs one, known template fields. Raises
    RuleFileError. (Whether `table` and the columns exist is the pack's business: see `load_packs`.)"""
    if not RULE_ID_RE.match(id):
        raise RuleFileError(f"规则编号 {id!r} 应为 KA 加 3–4 位数字", f"rule id {id!r} must be KA followed by 3-4 digits")
    if severity not in ("error", "warning", "info"):
        raise RuleFileError(f"规则 {id}：severity 应为 error、warning 或 info，而不是 {severity!r}",
                            f"rule {id}: severity must be error, warning or info, not {severity!r}")
    try:
        checked = _params(kind, params.model_dump(by_alias=True) if isinstance(params, BaseModel) else params or {},
                          table, message or {})
    except _Problem as exc:
        raise RuleFileError(f"规则 {id}：{exc.zh}", f"rule {id}: {exc.text}") from None
    except ValidationError as exc:
        zh, en = pydantic_problem(exc.errors()[0])
        where = ".".join(str(x) for x in exc.errors()[0]["loc"])
        raise RuleFileError(f"规则 {id}（{kind}）：{where}：{zh}", f"rule {id} ({kind}): {en} at {where}") from None
    return Rule(id=id, name=name, severity=severity, kind=kind, params=checked, table=table,
                message=dict(message or {}), description=dict(description or {}), rationale=dict(rationale or {}),
                examples=dict(examples or {}), origin=origin, pack=pack, title=dict(title or {}), file=file, line=line)


def _params(kind_name: str, params: dict, table: str | None, message: dict[str, str]) -> BaseModel:
    """The kind's parameter model of `params`; raises _Problem or pydantic's ValidationError."""
    kind = KINDS.get(kind_name)
    if kind is None:
        usable = ", ".join(k for k, v in KINDS.items() if v.SCOPE != "report")  # the built-in checks' aside
        raise _Problem(("kind",), f"unknown kind {kind_name!r} (known: {usable})",
                       f"没有规则类型 {kind_name!r}（可用：{usable}）")
    checked = kind.Params.model_validate(params)
    if kind.SCOPE == "table" and table is None:
        raise _Problem((), f"kind {kind_name} needs `table`", f"类型 {kind_name} 需要 `table`")
    if kind.SCOPE in ("facts", "report") and table is not None:
        what = "quantities" if kind.SCOPE == "facts" else "the whole report"
        what_zh = "命名数量" if kind.SCOPE == "facts" else "整份报告"
        raise _Problem(("table",), f"kind {kind_name} works on {what} and takes no `table`",
                       f"类型 {kind_name} 作用于{what_zh}，不接受 `table`")
    for lang, template in message.items():
        try:
            parts = [(f, spec, conv) for _, f, spec, conv in string.Formatter().parse(template) if f is not None]
        except ValueError as exc:
            raise _Problem(("message", lang), f"invalid template: {exc}", f"消息模板无效：{exc}") from None
        for f, spec, conv in parts:
            if spec or conv:  # {row:>999999999} pads to a gigabyte: a template names fields, nothing more
                shown = f"{{{f}{'!' + conv if conv else ''}{':' + spec if spec else ''}}}"
                raise _Problem(("message", lang), f"template field {shown} takes no format or conversion: "
                                                  f"write {{{f}}}", f"模板字段 {shown} 不接受格式或转换：请写 {{{f}}}")
        names = {f for f, _, _ in parts}
        unknown = names - TEMPLATE_FIELDS
        if unknown:
            known = ", ".join(sorted(TEMPLATE_FIELDS))
            raise _Problem(("message", lang), f"unknown template field {sorted(unknown)[0]!r} (known: {known})",
                           f"未知的模板字段 {sorted(unknown)[0]!r}（可用：{known}）")
    return checked


def _rule(file: Path, node, i: int, entry: RuleEntry, pack: RulePack, tables: dict[str, tuple[TableDecl, str]],
          quantity_uses: list[tuple[str, str]]) -> Rule:
    """One rule of a YAML pack file; every problem is reported at its line."""
    try:
        params = _params(entry.kind, entry.params, entry.table, dict(entry.message))
    except _Problem as exc:
        own = exc.where in ((), ("table",))  # as the messages always read
        at = f"{file}:{line_of(node, ('rules', i, *exc.where))}: "
        raise RuleFileError(f"{at}{f'规则 {entry.id}：' if own else ''}{exc.zh}",
                            f"{at}{f'rule {entry.id}: ' if own else ''}{exc.text}") from None
    except ValidationError as exc:
        raise validation_error(file, node, ("rules", i, "params"), exc, f"rule {entry.id} ({entry.kind}): ",
                               f"规则 {entry.id}（{entry.kind}）：") from None
    kind = KINDS[entry.kind]
    if entry.table is not None:
        if entry.table not in tables:
            at = f"{file}:{line_of(node, ('rules', i, 'table'))}: "
            raise RuleFileError(f"{at}规则 {entry.id}：未声明的表 {entry.table!r}（请在 `tables:` 下声明）",
                                f"{at}rule {entry.id}: unknown table {entry.table!r} (declare it under `tables:`)")
        _check_columns(file, node, i, entry, params, tables[entry.table][0], kind.OPERANDS)
    for field_name in (*kind.OPERANDS, "quantity"):
        for ref in _as_list(getattr(params, field_name, None)):
            name = ref.quantity if isinstance(ref, QuantityRef) else (ref if field_name == "quantity" else None)
            if name:
                quantity_uses.append((f"{file}:{line_of(node, ('rules', i, 'params', field_name))}", name))
            if isinstance(ref, QuantityRef) and ref.table is not None and ref.table not in tables:
                at = f"{file}:{line_of(node, ('rules', i, 'params', field_name))}: "
                raise RuleFileError(f"{at}规则 {entry.id}：未声明的表 {ref.table!r}",
                                    f"{at}rule {entry.id}: unknown table {ref.table!r}")
    return Rule(id=entry.id, name=entry.name, severity=entry.severity, kind=entry.kind, params=params,
                table=entry.table, message=dict(entry.message), description=dict(entry.description),
                rationale=dict(entry.rationale or {}), examples=entry.examples.as_dict() if entry.examples else {},
                origin=pack.origin, pack=pack.name, file=str(file), line=line_of(node, ("rules", i)),
                applies_to=entry.applies_to)


def _check_columns(file: Path, node, i: int, entry: RuleEntry, params: BaseModel, decl: TableDecl,
                   operands: tuple[str, ...]) -> None:
    """With declared columns, a rule checked across rows may only name those (header text contained)."""
    if not decl.known_columns or getattr(params, "across", "rows") != "rows":
        return
    known = ["".join(c.split()) for c in decl.known_columns]
    for field_name in (*operands, *_COLUMN_PARAMS):
        if field_name == "total" and getattr(params, "column", None) is not None:
            continue  # a column sum's `total` names the total row (合计), not a column
        for ref in _as_list(getattr(params, field_name, None)):
            if isinstance(ref, str) and not any("".join(ref.split()) in k for k in known):
                at = f"{file}:{line_of(node, ('rules', i, 'params', field_name))}: "
                raise RuleFileError(f"{at}规则 {entry.id}：表 {entry.table!r} 没有列 {ref!r}",
                                    f"{at}rule {entry.id}: unknown column {ref!r} of table {entry.table!r}")


def _as_list(x: Any) -> list:
    if x is None:
        return []
    return x if isinstance(x, list) else [x]


__all__ = ["AppliesTo", "load_packs", "load_rule_packs", "bundled_paths", "make_rule"]
