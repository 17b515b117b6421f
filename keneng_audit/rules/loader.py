"""Loads rule packs from YAML, validates them, and reports every problem as `file:line: message`."""

from __future__ import annotations

import re
import stat
import string
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from keneng_audit import limits
from keneng_audit.errors import RuleFileError
from keneng_audit.resources import rules_dir
from keneng_audit.rules.kinds import KINDS
from keneng_audit.rules.model import (TEMPLATE_FIELDS, AppliesTo, PackFile, QuantityRef, RuleEntry, RulePack,
                                      RuleSpec, TableDecl)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BREAKS = re.compile(r"\s*[\r\n\x85\u2028\u2029]+\s*")
NATIONAL = "national"
# Parameters that name a column of the rule's table (when its cases run across rows).
_COLUMN_PARAMS = ("column", "columns", "code", "category", "counts", "unit_column")


def bundled_paths() -> list[Path]:
    """The bundled pack folders, national first."""
    root = rules_dir()
    folders = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: (p.name != NATIONAL, p.name))
    return folders


def load_packs(paths: list[Path]) -> list[RulePack]:
    """Loads packs from files and folders; a folder's YAML files (or a lone file) form one pack."""
    packs: dict[str, RulePack] = {}
    bundled_roots = {p.resolve() for p in bundled_paths()}
    bundled_names: set[str] = set()  # packs that came from the bundled folders: no user file may join them
    seen_ids: dict[str, str] = {}
    tables: dict[str, tuple[TableDecl, str]] = {}
    quantity_uses: list[tuple[str, str]] = []
    quantities: set[str] = set()
    for path in paths:
        if path.is_dir():
            files = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
            if not files:  # a misspelt or empty pack folder must not pass silently as "no extra rules"
                raise RuleFileError(f"规则目录中没有规则文件 / no rule files in {path}")
        elif path.is_file():
            files = [path]
        else:
            raise RuleFileError(f"{path}: no such rule file or folder")
        is_bundled = path.resolve() in bundled_roots
        for file in files:
            try:
                name = _load_file(file, path, packs, seen_ids, tables, quantities, quantity_uses,
                                  None if is_bundled else bundled_names)
                if is_bundled:
                    bundled_names.add(name)
            except RuleFileError as exc:  # YAML errors and odd keys are echoed: keep the message on one line
                raise RuleFileError(_BREAKS.sub(" ", str(exc))) from None
    for where, quantity in quantity_uses:
        if quantity not in quantities:
            raise RuleFileError(f"{where}: unknown quantity {quantity!r} (declare it under `quantities:`)")
    return list(packs.values())


def _load_file(file: Path, root: Path, packs: dict[str, RulePack], seen_ids: dict[str, str],
               tables: dict[str, tuple[TableDecl, str]], quantities: set[str],
               quantity_uses: list[tuple[str, str]], bundled_names: set[str] | None = None) -> str:
    """Loads one file into its pack; returns the pack's name. `bundled_names`: for a user file, the bundled
    packs, which it may neither replace nor extend (that would switch their rules off or change them)."""
    text = _read_rule_file(file)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise RuleFileError(f"{file}:{line}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise RuleFileError(f"{file}:1: a rule file must be a mapping with `rules:`")
    try:
        parsed = PackFile.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(file, node, (), exc) from None

    name = parsed.pack or (root.name if root.is_dir() else file.stem)
    if bundled_names is not None and name in bundled_names:
        raise RuleFileError(f"{file}:{_line(node, ('pack',))}: pack {name!r} is a bundled pack: a user pack cannot "
                            f"replace or extend it; give it another `pack:` name (or run with --no-bundled)")
    pack = packs.setdefault(name, RulePack(name=name, folder=root if root.is_dir() else None))
    if parsed.name:
        pack.title = parsed.name
    if parsed.applies_to is not None:
        pack.applies_to = parsed.applies_to
    for table_id, decl in parsed.tables.items():
        if table_id in tables:
            raise RuleFileError(f"{file}:{_line(node, ('tables', table_id))}: table {table_id!r} is declared twice "
                                f"(first in {tables[table_id][1]})")
        if not decl.key and not decl.caption:
            raise RuleFileError(f"{file}:{_line(node, ('tables', table_id))}: table {table_id!r} needs a key "
                                f"or a caption")
        tables[table_id] = (decl, str(file))
        pack.tables[table_id] = decl
    for quantity, sources in parsed.quantities.items():
        for k, source in enumerate(sources):
            if source.table not in tables:
                raise RuleFileError(f"{file}:{_line(node, ('quantities', quantity, k, 'table'))}: "
                                    f"unknown table {source.table!r}")
            known = ["".join(c.split()) for c in tables[source.table][0].known_columns]
            for field_name in ("column", "increase"):
                ref = getattr(source, field_name)
                if known and ref and not any("".join(ref.split()) in header for header in known):
                    raise RuleFileError(f"{file}:{_line(node, ('quantities', quantity, k, field_name))}: "
                                        f"unknown column {ref!r} of table {source.table!r}")
        quantities.add(quantity)
        pack.quantities.setdefault(quantity, []).extend(sources)
    for i, entry in enumerate(parsed.rules):
        where = f"{file}:{_line(node, ('rules', i))}"
        if entry.id in seen_ids:
            raise RuleFileError(f"{file}:{_line(node, ('rules', i, 'id'))}: duplicate rule id {entry.id} "
                                f"(first at {seen_ids[entry.id]})")
        seen_ids[entry.id] = where
        pack.rules.append(_rule(file, node, i, entry, name, tables, quantity_uses))
    return name


def _read_rule_file(file: Path) -> str:
    """The file's text, read no further than the limit rules-mb; a device or FIFO is not a rule file."""
    try:
        if not stat.S_ISREG(file.stat().st_mode):
            raise RuleFileError(f"{file}: not a regular file")
        bound = limits.megabytes("rules-mb")
        with file.open("rb") as stream:
            data = stream.read(bound + 1)
        if len(data) > bound:
            raise RuleFileError(f"{file}: {limits.LimitError('rules-mb')}")
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"{file}: cannot read rule file ({exc.__class__.__name__})") from None


def _builtin_ids() -> frozenset[str]:
    """Ids of the checks built into the code (KA00x coverage, KA4xx prose); a pack must not reuse one."""
    from keneng_audit.claims.rules import RULES as PROSE
    from keneng_audit.coverage import RULES as COVERAGE

    return frozenset(COVERAGE) | frozenset(PROSE)


def _rule(file: Path, node, i: int, entry: RuleEntry, pack: str, tables: dict[str, tuple[TableDecl, str]],
          quantity_uses: list[tuple[str, str]]) -> RuleSpec:
    kind = KINDS.get(entry.kind)
    if kind is None:
        raise RuleFileError(f"{file}:{_line(node, ('rules', i, 'kind'))}: unknown kind {entry.kind!r} "
                            f"(known: {', '.join(KINDS)})")
    try:
        params = kind.Params.model_validate(entry.params)
    except ValidationError as exc:
        raise _validation_error(file, node, ("rules", i, "params"), exc, f"rule {entry.id} ({entry.kind}): ") from None
    if kind.SCOPE == "table" and entry.table is None:
        raise RuleFileError(f"{file}:{_line(node, ('rules', i))}: rule {entry.id}: kind {entry.kind} needs `table`")
    if kind.SCOPE == "facts" and entry.table is not None:
        raise RuleFileError(f"{file}:{_line(node, ('rules', i, 'table'))}: rule {entry.id}: kind {entry.kind} "
                            f"works on quantities and takes no `table`")
    if entry.table is not None:
        if entry.table not in tables:
            raise RuleFileError(f"{file}:{_line(node, ('rules', i, 'table'))}: rule {entry.id}: unknown table "
                                f"{entry.table!r} (declare it under `tables:`)")
        _check_columns(file, node, i, entry, params, tables[entry.table][0], kind.OPERANDS)
    for field_name in (*kind.OPERANDS, "quantity"):
        for ref in _as_list(getattr(params, field_name, None)):
            name = ref.quantity if isinstance(ref, QuantityRef) else (ref if field_name == "quantity" else None)
            if name:
                quantity_uses.append((f"{file}:{_line(node, ('rules', i, 'params', field_name))}", name))
            if isinstance(ref, QuantityRef) and ref.table is not None and ref.table not in tables:
                raise RuleFileError(f"{file}:{_line(node, ('rules', i, 'params', field_name))}: rule {entry.id}: "
                                    f"unknown table {ref.table!r}")
    for field_name in ("message", "description", "rationale"):
        for lang, template in (getattr(entry, field_name) or {}).items():
            if field_name != "message":
                continue
            try:
                parts = [(f, spec, conversion) for _, f, spec, conversion in string.Formatter().parse(template)
                         if f is not None]
            except ValueError as exc:
                raise RuleFileError(f"{file}:{_line(node, ('rules', i, 'message', lang))}: {exc}") from None
            for f, spec, conversion in parts:
                if spec or conversion:  # {row:>999999999} pads to a gigabyte; a template names fields, nothing more
                    raise RuleFileError(f"{file}:{_line(node, ('rules', i, 'message', lang))}: template field "
                                        f"{{{f}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
                                        f" takes no format or conversion: write {{{f}}}")
            names = {f for f, _, _ in parts}
            unknown = names - TEMPLATE_FIELDS
            if unknown:
                raise RuleFileError(f"{file}:{_line(node, ('rules', i, 'message', lang))}: unknown template field "
                                    f"{sorted(unknown)[0]!r} (known: {', '.join(sorted(TEMPLATE_FIELDS))})")
    return RuleSpec(id=entry.id, name=entry.name, severity=entry.severity, kind=entry.kind, pack=pack, params=params,
                    table=entry.table, message=dict(entry.message), description=dict(entry.description),
                    rationale=dict(entry.rationale or {}),
                    examples=entry.examples.as_dict() if entry.examples else {},
                    file=str(file), line=_line(node, ("rules", i)))


def _check_columns(file: Path, node, i: int, entry: RuleEntry, params: BaseModel, decl: TableDecl,
                   operands: tuple[str, ...]) -> None:
    """With declared columns, a rule checked across rows may only name those (header text contained)."""
    if not decl.known_columns or getattr(params, "across", "rows") != "rows":
        return
    known = ["".join(c.split()) for c in decl.known_columns]
    for field_name in (*operands, *_COLUMN_PARAMS):
        for ref in _as_list(getattr(params, field_name, None)):
            if isinstance(ref, str) and not any("".join(ref.split()) in k for k in known):
                raise RuleFileError(f"{file}:{_line(node, ('rules', i, 'params', field_name))}: rule {entry.id}: "
                                    f"unknown column {ref!r} of table {entry.table!r}")


def _as_list(x: Any) -> list:
    if x is None:
        return []
    return x if isinstance(x, list) else [x]


def _validation_error(file: Path, node, prefix: tuple, exc: ValidationError, lead: str = "") -> RuleFileError:
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")  # a misspelling beats "missing"
    first = errors[0]
    loc = tuple(x for x in first["loc"] if not _is_type_tag(x))
    where = ".".join(str(x) for x in loc) or "file"
    message = first["msg"]
    if first["type"] == "extra_forbidden":
        message = "unknown parameter (misspelt?)"
    elif first["type"] == "missing":
        message = "missing parameter"
    return RuleFileError(f"{file}:{_line(node, prefix + loc)}: {lead}{where}: {message}")


def _is_type_tag(step) -> bool:
    """pydantic puts the union member tried (`str`, `QuantityRef`, `list[...]`) into error locations."""
    return isinstance(step, str) and (step[:1].isupper() or "[" in step or step in ("str", "float", "int", "bool"))


def _line(node, path: tuple) -> int:
    """The 1-based line of the deepest node along `path` (mapping keys and sequence indexes)."""
    line = node.start_mark.line + 1 if node is not None else 1
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


def load_rule_packs(rule_paths=(), bundled: bool = True) -> list[RulePack]:
    """The packs a run uses; their rule ids may not be those of the built-in checks that run beside them."""
    paths = (bundled_paths() if bundled else []) + [Path(p) for p in rule_paths]
    packs = load_packs(paths)
    builtin = _builtin_ids()
    for rule in (r for pack in packs for r in pack.rules):
        if rule.id in builtin:
            raise RuleFileError(f"{rule.file}:{rule.line}: rule id {rule.id} belongs to a built-in check "
                                f"(keneng-audit explain {rule.id}); choose another id")
    return packs


__all__ = ["AppliesTo", "load_packs", "load_rule_packs", "bundled_paths"]
