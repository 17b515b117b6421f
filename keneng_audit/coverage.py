"""Findings about what could not be read: a report without any table, tables the reader could only partly parse."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from keneng_audit.document import Document
from keneng_audit.findings import Finding, FindingLocation, SkippedRule, make_fingerprint
from keneng_audit.rules.checks import ReportKind
from keneng_audit.rules.model import BUILT_IN, Rule
from keneng_audit.numbers import MAX_DIGITS, too_long

NO_TABLES = "KA001"
TABLE_UNREAD = "KA002"
UNDECODABLE = "KA003"


def _findings(facts, lang: str) -> list[Finding]:
    return facts.memo(f"coverage.{lang}", lambda: coverage_findings(facts.doc, lang))


# The report kinds of these checks (registered in rules.kinds.KINDS) and their built-in rules.
KINDS: dict[str, ReportKind] = {"no-tables": ReportKind(NO_TABLES, _findings),
                                "table-read": ReportKind(TABLE_UNREAD, _findings),
                                "undecodable": ReportKind(UNDECODABLE, _findings)}


def _rule(id: str, severity: str, name: str, kind: str, title: dict[str, str], description: dict[str, str],
          rationale: dict[str, str], examples: dict[str, str]) -> Rule:
    return Rule(id=id, name=name, severity=severity, kind=kind, params=KINDS[kind].Params(), title=title,
                description=description, rationale=rationale, examples=examples, origin=BUILT_IN, pack="coverage")


RULES: dict[str, Rule] = {r.id: r for r in [
    _rule(NO_TABLES, "error", "no-tables", "no-tables", {"zh": "没有表格", "en": "no tables"},
          {"zh": "报告中至少有一张带标题的表格（表 N / 附表 N）",
           "en": "The report has at least one captioned table (表 N / 附表 N)"},
          {"zh": "质量年度报告必须附六张标准附表；一张表都没读到，说明文件不是报告、格式无法识别，核查等于没做。",
           "en": "A quality report carries six standard appendix tables; reading none means the file is not a "
                 "report or was not understood, so nothing was really checked."},
          {"pass": "附表 1 人才培养质量计分卡 …", "fail": "（全文没有“表 N”或“附表 N”标题）"}),
    _rule(TABLE_UNREAD, "info", "table-not-fully-read", "table-read",
          {"zh": "表格未能完整读取", "en": "table not fully read"},
          {"zh": "表格能被完整读取（各行各列对齐）", "en": "A table can be read completely (rows and columns aligned)"},
          {"zh": "读不全的表格上的规则无法核查，需要人工核对原文。",
           "en": "Rules on a table that was not read completely cannot be checked; a person must read it."},
          {"pass": "表 3 … 每行 5 个单元格", "fail": "表格按列印刷，各行无法还原"}),
    _rule(UNDECODABLE, "warning", "undecodable-characters", "undecodable",
          {"zh": "含无法识别的字符", "en": "undecodable characters"},
          {"zh": "报告的每个字节都能解码为文字（无 � 替换字符）",
           "en": "Every byte of the report decodes to text (no � replacement characters)"},
          {"zh": "PDF 转换或传输中损坏的个别字节被替换为 �，其余照常核查；紧挨着它的数字可能读错，需要人工核对原文。",
           "en": "A few bytes damaged by a PDF conversion or a transfer are replaced by � and the rest is checked; "
                 "a number right beside one may be misread, so a person should read that line."},
          {"pass": "学校现有在校生 4967 人", "fail": "学校现有在校生 49\ufffd67 人"}),
]}

_LANG_SPLIT = re.compile(r" / (?=[A-Za-z])")
_DIGITS = re.compile(r"\d+")  # the problems cite lines; a fingerprint must not


def _in(lang: str, text: str) -> str:
    """The reader's problems read "中文 / English"; keep the chosen language's half."""
    parts = _LANG_SPLIT.split(text, maxsplit=1)
    return parts[0] if lang == "zh" or len(parts) == 1 else parts[1]


def _unprintable(table) -> list[str]:
    """Cells holding a number longer than a report can print (> 15 significant digits): not checked, said so."""
    return [f"数值 {_short(cell.text)}（{row.label}，{column}）超过 {MAX_DIGITS} 位有效数字，未核查 / "
            f"value {_short(cell.text)} ({row.label}, {column}) has more than {MAX_DIGITS} significant digits "
            f"and was not checked"
            for row in table.rows for column, cell in row.cells.items() if too_long(cell.text)]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 24 else f"{text[:20]}…（{len(text)}）"


def coverage_findings(doc: Document, lang: str = "zh") -> list[Finding]:
    """A report with no table is an error (a gate must not pass on a file it could not read); partly read tables are info."""
    # Tables of which no data row was read, and no reading note says why: a caption and a header alone.
    empty = [t for t in doc.tables if not any(row.cells for row in t.rows) and not t.problems]
    if not doc.tables or len(empty) == len(doc.tables):  # captions alone: nothing a table rule could check
        message = ("报告中没有找到任何表格（表 N / 附表 N），无法核查；请确认这是质量年度报告且格式可读"
                   if lang == "zh" else
                   "no table (表 N / 附表 N) found in the report, so nothing could be checked: is this a quality report?")
        if doc.tables:
            message = ("报告中的表格都没有读到数据行（只有标题或表头），无法核查；请确认表格完整且格式可读"
                       if lang == "zh" else "no table of the report has a data row that could be read (only captions "
                       "or headers), so nothing could be checked: are the tables complete?")
        return [Finding(rule=NO_TABLES, name="no-tables", severity="error", message=message,
                        location=FindingLocation(file=doc.path),
                        fingerprint=make_fingerprint(NO_TABLES, None, None, None, ()))]
    found = _undecodable(doc, lang)
    for table in doc.tables:
        unread = ["表中没有读到数据行（只有标题或表头） / no data rows were read (only a caption or a header)"] \
            if any(table is t for t in empty) else []
        for problem in [*table.problems, *_unprintable(table), *unread]:
            if problem.startswith("注"):  # footnotes under the table, kept for the record
                continue
            text = _in(lang, problem)
            message = f"{table.key} 未能完整读取：{text}" if lang == "zh" else f"{table.key} not fully read: {text}"
            found.append(Finding(
                rule=TABLE_UNREAD, name="table-not-fully-read", severity="info", message=message,
                location=FindingLocation(file=doc.path, table=table.key, section=table.section,
                                         lines=(table.source.line,), page=table.source.page,
                                         paragraph=table.source.paragraph),
                fingerprint=make_fingerprint(TABLE_UNREAD, table.key, None, _DIGITS.sub("#", _in("en", problem)), ())))
    return found


_SHOWN_LINES = 10


def _undecodable(doc: Document, lang: str) -> list[Finding]:
    """One warning for the lines holding U+FFFD: bytes no encoding could read, or a converter's own replacements."""
    lines = [i for i, line in enumerate(doc.lines, start=1) if "\ufffd" in line]
    if not lines:
        return []
    shown = "、".join(map(str, lines[:_SHOWN_LINES])) + ("…" if len(lines) > _SHOWN_LINES else "")
    count = sum(doc.lines[i - 1].count("\ufffd") for i in lines)
    message = (f"第 {shown} 行共有 {count} 处无法识别的字符（以 � 代替），其余内容照常核查；请核对这些行的原文"
               if lang == "zh" else
               f"{count} undecodable character(s) (shown as �) on line(s) {shown.replace('、', ', ')}; the rest was "
               "checked as usual: read those lines in the original")
    return [Finding(rule=UNDECODABLE, name="undecodable-characters", severity="warning", message=message,
                    location=FindingLocation(file=doc.path, lines=tuple(lines[:_SHOWN_LINES])),
                    fingerprint=make_fingerprint(UNDECODABLE, None, None, None, ()))]


def _squash(text: str) -> str:
    return "".join(text.split())


def _bundled(file: str) -> bool:
    # A pack file's absolute path names the same file all run long: resolved once (the bundled packs' rules are
    # skipped on most reports, each asking again); a relative one depends on the working folder.
    return _bundled_absolute(file) if os.path.isabs(file) else _resolved_bundled(file)


@functools.lru_cache(maxsize=1024)
def _bundled_absolute(file: str) -> bool:
    return _resolved_bundled(file)


def _resolved_bundled(file: str) -> bool:
    from keneng_audit.resources import rules_dir

    try:
        Path(file).resolve().relative_to(rules_dir().resolve())
        return True
    except (ValueError, OSError):
        return not file  # built-in checks have no file


def check_user_rules(doc: Document, skipped: list[SkippedRule], rules: dict[str, object], lang: str = "zh") -> None:
    """A rule of a user's pack that names a table, column or row printed nowhere in the report is a typo in the
    rule file (RuleFileError, exit 2), not a quiet skip: a misspelt name must not pass a gate silently.

    `rules`: rule id → its spec (with `.file` and `.line`). Bundled packs describe many reports, so their
    rules skip quietly.
    """
    from keneng_audit.errors import RuleFileError

    text = None  # the report's text without blanks, made only when a user's rule is skipped
    for skip in skipped:
        spec = rules.get(skip.rule)
        if spec is None or not skip.missing or _bundled(getattr(spec, "file", "") or ""):
            continue
        if text is None:
            text = _squash("".join(doc.lines))
        if _squash(skip.missing) in text:
            continue
        where = f"{spec.file}:{spec.line}" if getattr(spec, "line", None) else str(spec.file)
        raise RuleFileError(f"{where}: 规则 {skip.rule}：报告中任何地方都没有“{skip.missing}”（拼写有误？）",
                            f"{where}: rule {skip.rule}: '{skip.missing}' appears nowhere in the report (misspelt?)")
