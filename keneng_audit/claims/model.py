"""Pydantic models of vocabulary files (quantities and claim patterns), loaded with line numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from keneng_audit.errors import RuleFileError, pydantic_problem, yaml_problem

PeriodKind = Literal["year", "school_year", "fiscal_year"]
QUANTITY_ID = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$"


class _Strict(BaseModel):
    # defer_build: validators are built on first validation, so a run served from the cache never builds them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class QuantitySpec(_Strict):
    """A named quantity a report talks about, e.g. `graduates.total` 毕业生总数 (人)."""

    id: str = Field(pattern=QUANTITY_ID)
    zh: str
    en: str
    unit: str
    period: PeriodKind = "year"
    aliases: tuple[str, ...] = ()
    # Words naming a *different* quantity; a claim whose sentence contains one is only a warning.
    confusable: tuple[str, ...] = ()
    # A percentage that is part / whole: stated in one passage, the two counts give it (derived) as well.
    share_of: tuple[str, str] | None = None
    # A ratio printed `a:b` that is numerator / denominator (生师比 = 在校生 / 专任教师), checked where prose states it.
    ratio_of: tuple[str, str] | None = None
    # Other accepted definitions of that ratio: its denominator plus weight × these quantities (高职 生师比:
    # 专任教师 + 0.5 × 校外兼职教师); a stated ratio that any definition gives is no error.
    ratio_plus: tuple[tuple[str, float], ...] = ()


class ClaimSpec(_Strict):
    """A phrase that states named quantities: `毕业生总数为 {graduates.total} 人`."""

    say: str = Field(min_length=1)
    name: str | None = None


class VagueSpec(_Strict):
    """Words that make a stated number vague (`约`, `近`, `超过`, `以上`, `左右`) and the values they allow.

    `ok`: offsets from the stated value that the word plainly allows; `loose`: offsets it can still be read to
    allow (a warning). Offsets are fractions of the value for numbers (`number`) and percentage points for
    shares (`share`); `.inf` for no bound. Outside `loose`: an error."""

    words: tuple[str, ...] = Field(min_length=1)
    place: Literal["before", "after"]
    number: tuple[tuple[float, float], tuple[float, float]]  # (ok, loose)
    share: tuple[tuple[float, float], tuple[float, float]]


class ShareWordSpec(_Strict):
    """A word for a share (`成` = tenths, `分之` = fractions, `半` = one half, `番` = doublings)."""

    say: str = Field(min_length=1)
    percent: float | None = None  # a fixed share (半: 50)


class VocabularyFile(_Strict):
    """One YAML file of a `vocabulary/` folder: any of its top-level keys. Where a quantity is printed in
    the tables is the pack's `quantities:` (rule files), the one mapping the engine and the prose share."""

    quantities: tuple[QuantitySpec, ...] = ()
    claims: tuple[ClaimSpec, ...] = ()
    vague: tuple[VagueSpec, ...] = ()
    share_words: tuple[ShareWordSpec, ...] = ()


def _node_at(node: yaml.Node, loc: tuple) -> yaml.Node:
    """The deepest YAML node along a pydantic error location (for the line of the error)."""
    import yaml

    for key in loc:
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == key), None)
            if child is None:
                key_node = next((k for k, _ in node.value if k.value == key), None)
                return key_node or node
            node = child
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
    return node


def _unknown_key_node(node: yaml.Node, loc: tuple) -> yaml.Node:
    """For `extra_forbidden`, the key node itself (pydantic's loc ends with the unknown key)."""
    import yaml

    parent = _node_at(node, loc[:-1])
    if isinstance(parent, yaml.MappingNode):
        for k, _ in parent.value:
            if k.value == loc[-1]:
                return k
    return parent


def load_file(path: Path) -> tuple[VocabularyFile, dict[str, list[int]]]:
    """Parses and validates one vocabulary file; returns it with the line of every entry by section."""
    import yaml  # here: a run whose vocabulary comes from the cache never imports PyYAML

    from keneng_audit.rules.packs import read_rule_file

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    text = read_rule_file(path)  # bounded by the limit rules-mb, like every rule file
    try:
        root = yaml.compose(text, Loader=loader)
        data = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        zh, en = yaml_problem(exc)
        raise RuleFileError(f"{where}: YAML 格式错误：{zh}", f"{where}: invalid YAML: {en}") from exc
    if data is None:
        return VocabularyFile(), {}
    if not isinstance(data, dict) or root is None:
        raise RuleFileError(f"{path}:1: 词表文件应是含 `quantities:`、`claims:`、`vague:` 或 `share_words:` 的映射",
                            f"{path}:1: a vocabulary file is a mapping with `quantities:`, `claims:`, `vague:` "
                            f"or `share_words:`")
    if "cells" in data:
        node = _unknown_key_node(root, ("cells",))
        at = f"{path}:{node.start_mark.line + 1}: cells: "
        raise RuleFileError(f"{at}表格单元格与数量的对应写在规则包的 `quantities:`（规则文件）中，不在词表中",
                            f"{at}table cells are mapped to quantities in the pack's `quantities:` (rule files), "
                            f"not in the vocabulary")
    try:
        parsed = VocabularyFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        node = _unknown_key_node(root, loc) if err["type"] == "extra_forbidden" else _node_at(root, loc)
        where = ".".join(str(p) for p in loc) or "file"
        zh, en = pydantic_problem(err)
        at = f"{path}:{node.start_mark.line + 1}: "
        raise RuleFileError(f"{at}{where}：{zh}", f"{at}{where}: {en}") from exc
    lines: dict[str, list[int]] = {}
    assert isinstance(root, yaml.MappingNode)
    for key, value in root.value:
        if isinstance(value, yaml.SequenceNode):
            lines[key.value] = [n.start_mark.line + 1 for n in value.value]
    return parsed, lines
