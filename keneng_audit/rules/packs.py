"""Reads rule-pack YAML files into packs (tables, quantities, rule entries), reporting problems as `file:line: message`.

It knows no rule kinds: `rules.loader` turns the entries into validated Rules; the facts layer reads only the
tables and quantities."""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Any, Callable

from pydantic import ValidationError

from keneng_audit import limits
from keneng_audit.errors import RuleFileError, yaml_problem
from keneng_audit.resources import rules_dir
from keneng_audit.rules.model import BUNDLED, USER, PackFile, Rule, RuleEntry, RulePack, TableDecl

_BREAKS = re.compile(r"\s*[\r\n\x85\u2028\u2029]+\s*")
NATIONAL = "national"
# Builds one rule from its entry: (file, YAML node, index, entry, pack, declared tables, quantity uses) → Rule.
MakeRule = Callable[[Path, Any, int, RuleEntry, RulePack, dict, list], Rule]


def bundled_paths() -> list[Path]:
    """The bundled pack folders, national first."""
    root = rules_dir()
    folders = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: (p.name != NATIONAL, p.name))
    return folders


def is_bundled(path: Path) -> bool:
    """Whether a rule file or folder is one of the packs shipped with keneng-audit."""
    try:
        return path.resolve().is_relative_to(rules_dir().resolve())
    except OSError:
        return False


def load_packs(paths: list[Path], make_rule: MakeRule | None = None) -> list[RulePack]:
    """Loads packs from files and folders; a folder's YAML files (or a lone file) form one pack. Without
    `make_rule` the rule entries are skipped (what the facts layer needs is the tables and quantities)."""
    packs: dict[str, RulePack] = {}
    seen_ids: dict[str, str] = {}
    tables: dict[str, tuple[TableDecl, str]] = {}
    quantity_uses: list[tuple[str, str]] = []
    quantities: set[str] = set()
    for path in paths:
        if path.is_dir():
            files = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
            if not files:  # a misspelt or empty pack folder must not pass silently as "no extra rules"
                raise RuleFileError(f"{path}: 规则目录中没有规则文件", f"{path}: no rule files in this folder")
        elif path.is_file():
            files = [path]
        else:
            raise RuleFileError(f"{path}: 没有这个规则文件或目录", f"{path}: no such rule file or folder")
        for file in files:
            try:
                _load_file(file, path, packs, seen_ids, tables, quantities, quantity_uses, make_rule)
            except RuleFileError as exc:  # YAML errors and odd keys are echoed: keep the message on one line
                raise RuleFileError(_BREAKS.sub(" ", exc.zh), _BREAKS.sub(" ", exc.en) if exc.en else None) from None
    for where, quantity in quantity_uses:
        if quantity not in quantities:
            raise RuleFileError(f"{where}: 未声明的数量 {quantity!r}（请在 `quantities:` 下声明）",
                                f"{where}: unknown quantity {quantity!r} (declare it under `quantities:`)")
    return list(packs.values())


def _load_file(file: Path, root: Path, packs: dict[str, RulePack], seen_ids: dict[str, str],
               tables: dict[str, tuple[TableDecl, str]], quantities: set[str],
               quantity_uses: list[tuple[str, str]], make_rule: MakeRule | None) -> None:
    import yaml  # here: a run whose packs come from the on-disk cache (and inference) never imports PyYAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(read_rule_file(file))
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        zh, en = yaml_problem(exc)
        raise RuleFileError(f"{file}:{line}: YAML 格式错误：{zh}", f"{file}:{line}: invalid YAML: {en}") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise RuleFileError(f"{file}:1: 规则文件应是含 `rules:` 的映射", f"{file}:1: a rule file must be a mapping with `rules:`")
    try:
        parsed = PackFile.model_validate(data)
    except ValidationError as exc:
        raise validation_error(file, node, (), exc) from None

    name = parsed.pack or (root.name if root.is_dir() else file.stem)
    origin = BUNDLED if is_bundled(root) else USER
    if origin == USER and name in packs and packs[name].origin == BUNDLED:  # it would replace or extend it
        at = f"{file}:{line_of(node, ('pack',))}: "
        raise RuleFileError(f"{at}规则包名 {name!r} 属于自带规则包：用户规则包不能替换或扩充它；请另起 `pack:` 名称"
                            f"（或加 --no-bundled 运行）",
                            f"{at}pack {name!r} is a bundled pack: a user pack cannot "
                            f"replace or extend it; give it another `pack:` name (or run with --no-bundled)")
    pack = packs.setdefault(name, RulePack(name=name, folder=root if root.is_dir() else None, origin=origin))
    if parsed.name:
        pack.title = parsed.name
    if parsed.applies_to is not None:
        pack.applies_to = parsed.applies_to
    for table_id, decl in parsed.tables.items():
        if table_id in tables:
            at = f"{file}:{line_of(node, ('tables', table_id))}: "
            raise RuleFileError(f"{at}表 {table_id!r} 重复声明（首次在 {tables[table_id][1]}）",
                                f"{at}table {table_id!r} is declared twice (first in {tables[table_id][1]})")
        if not decl.key and not decl.caption:
            at = f"{file}:{line_of(node, ('tables', table_id))}: "
            raise RuleFileError(f"{at}表 {table_id!r} 需要 key 或 caption", f"{at}table {table_id!r} needs a key or a caption")
        tables[table_id] = (decl, str(file))
        pack.tables[table_id] = decl
    for quantity, sources in parsed.quantities.items():
        for k, source in enumerate(sources):
            if source.table not in tables:
                at = f"{file}:{line_of(node, ('quantities', quantity, k, 'table'))}: "
                raise RuleFileError(f"{at}未声明的表 {source.table!r}", f"{at}unknown table {source.table!r}")
            known = ["".join(c.split()) for c in tables[source.table][0].known_columns]
            for field_name in ("column", "increase"):
                ref = getattr(source, field_name)
                if known and ref and not any("".join(ref.split()) in header for header in known):
                    at = f"{file}:{line_of(node, ('quantities', quantity, k, field_name))}: "
                    raise RuleFileError(f"{at}表 {source.table!r} 没有列 {ref!r}",
                                        f"{at}unknown column {ref!r} of table {source.table!r}")
        quantities.add(quantity)
        pack.quantities.setdefault(quantity, []).extend(sources)
    for i, entry in enumerate(parsed.rules if make_rule is not None else ()):
        where = f"{file}:{line_of(node, ('rules', i))}"
        if entry.id in seen_ids:
            at = f"{file}:{line_of(node, ('rules', i, 'id'))}: "
            raise RuleFileError(f"{at}规则编号 {entry.id} 重复（首次出现于 {seen_ids[entry.id]}）",
                                f"{at}duplicate rule id {entry.id} (first at {seen_ids[entry.id]})")
        seen_ids[entry.id] = where
        pack.rules.append(make_rule(file, node, i, entry, pack, tables, quantity_uses))


def read_rule_file(file: Path) -> str:
    """The file's text, read no further than the limit rules-mb; a device or FIFO is not a rule file."""
    try:
        if not stat.S_ISREG(file.stat().st_mode):
            raise RuleFileError(f"{file}: 不是普通文件", f"{file}: not a regular file")
        bound = limits.megabytes("rules-mb")
        with file.open("rb") as stream:
            data = stream.read(bound + 1)
        if len(data) > bound:
            error = limits.LimitError("rules-mb")
            raise RuleFileError(f"{file}: {error.zh}", f"{file}: {error.en}")
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        if isinstance(exc, UnicodeDecodeError):
            raise RuleFileError(f"{file}: 无法读取规则文件：不是 UTF-8 文本",
                                f"{file}: cannot read the rule file: not UTF-8 text") from None
        raise RuleFileError(f"{file}: 无法读取规则文件：{exc.strerror or exc}",
                            f"{file}: cannot read the rule file: {exc.strerror or exc}") from None


def validation_error(file: Path, node, prefix: tuple, exc: ValidationError, lead: str = "",
                     lead_zh: str | None = None) -> RuleFileError:
    """The first problem pydantic found, at its line, in both languages (the command line shows one)."""
    from keneng_audit.errors import pydantic_problem

    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")  # a misspelling beats "missing"
    first = errors[0]
    loc = tuple(x for x in first["loc"] if not _is_type_tag(x))
    where = ".".join(str(x) for x in loc) or ("" if lead else "file")  # a rule's own problem needs no place
    zh, en = pydantic_problem(first)
    if first["type"] == "missing":
        zh, en = "缺少参数", "missing parameter"
    head = f"{file}:{line_of(node, prefix + loc)}: "
    zh_where, en_where = (f"{where}：", f"{where}: ") if where else ("", "")
    return RuleFileError(f"{head}{lead if lead_zh is None else lead_zh}{zh_where}{zh}", f"{head}{lead}{en_where}{en}")


def _is_type_tag(step) -> bool:
    """pydantic puts the union member tried (`str`, `QuantityRef`, `list[...]`) into error locations."""
    return isinstance(step, str) and (step[:1].isupper() or "[" in step or step in ("str", "float", "int", "bool"))


def line_of(node, path: tuple) -> int:
    """The 1-based line of the deepest node along `path` (mapping keys and sequence indexes)."""
    if node is None:  # a rule built in code (inference): no file, line 1
        return 1
    import yaml

    line = node.start_mark.line + 1
    for step in path:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == str(step):
                    line, node = key.start_mark.line + 1, value
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    return line
