"""Baselines: accepted findings recorded by fingerprint; later runs report only new ones and list stale entries."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from keneng_audit.atomic import atomic_write
from keneng_audit.errors import ConfigError, syntax_position
from keneng_audit.findings import AuditResult, Finding

BASELINE_VERSION = 1


@dataclass(frozen=True)
class BaselineEntry:
    """One accepted finding. Only `fingerprint` is matched; the rest is for the people reading the file."""

    fingerprint: str
    rule: str
    where: str
    file: str = ""
    message: str = ""
    reason: str = ""  # why the finding was accepted; kept when the baseline is rewritten


@dataclass
class Applied:
    """What applying a baseline did: the results with accepted findings removed, and the entries left over."""

    results: list[AuditResult]
    accepted: int
    stale: list[BaselineEntry]


def entry_for(finding: Finding) -> BaselineEntry:
    loc = finding.location
    where = " / ".join(p for p in (loc.table, loc.row, loc.column) if p) or (loc.section or "")
    return BaselineEntry(fingerprint=finding.fingerprint, rule=finding.rule, where=where,
                         file=Path(loc.file).name, message=finding.message)


def load(path: Path) -> list[BaselineEntry]:
    from keneng_audit import limits
    from keneng_audit.reading import read_bounded

    if not Path(path).exists():
        raise ConfigError(f"{path}: 找不到基线文件", f"{path}: baseline file not found")
    try:
        with limits.reading(str(path)):  # a FIFO or /dev/zero as a baseline is refused, not read forever
            data = json.loads(read_bounded(Path(path)).decode("utf-8"))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: 无法读取基线文件：{syntax_position(exc)}不是有效的 JSON",
                          f"{path}: not a readable baseline: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: 无法读取基线文件：不是 UTF-8 文本",
                          f"{path}: not a readable baseline: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取基线文件：{exc.strerror or exc}",
                          f"{path}: not a readable baseline: {exc.strerror or exc}") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or not isinstance(data.get("entries"), list):
        raise ConfigError(f"{path}: 不是 keneng-audit 基线文件（应有 version {BASELINE_VERSION} 和 entries）",
                          f"{path}: not a keneng-audit baseline (expected version {BASELINE_VERSION} and entries)")
    names = {f.name for f in dataclasses.fields(BaselineEntry)}
    entries = []
    for i, raw in enumerate(data["entries"], 1):
        if not isinstance(raw, dict) or not isinstance(raw.get("fingerprint"), str) or set(raw) - names:
            raise ConfigError(f"{path}: 第 {i} 条记录应是含 fingerprint、且只含这些键的对象：{', '.join(sorted(names))}",
                              f"{path}: entry {i} must be an object with a fingerprint and only the keys "
                              f"{', '.join(sorted(names))}")
        entries.append(BaselineEntry(**{"rule": "", "where": "", **raw}))
    return entries


def write(path: Path, results: list[AuditResult], previous: list[BaselineEntry] = (), inputs=()) -> int:
    """Records every current finding; a reason given earlier for the same fingerprint is kept. Returns the count."""
    reasons = {e.fingerprint: e.reason for e in previous if e.reason}
    entries = [entry_for(f) for r in results for f in r.findings]
    entries = [dataclasses.replace(e, reason=reasons.get(e.fingerprint, "")) for e in entries]
    entries.sort(key=lambda e: (e.file, e.rule, e.where, e.fingerprint))
    document = {"version": BASELINE_VERSION, "entries": [dataclasses.asdict(e) for e in entries]}
    with atomic_write(path, inputs=inputs) as stream:
        json.dump(document, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    return len(entries)


def apply(results: list[AuditResult], entries: list[BaselineEntry]) -> Applied:
    """Drops findings whose fingerprint the baseline holds (each entry accepts one finding)."""
    available = Counter(e.fingerprint for e in entries)
    accepted = 0
    filtered = []
    for result in results:
        kept = []
        for finding in result.findings:
            if available[finding.fingerprint] > 0:
                available[finding.fingerprint] -= 1
            else:
                kept.append(finding)
        here = len(result.findings) - len(kept)
        accepted += here
        filtered.append(dataclasses.replace(result, findings=kept, accepted=result.accepted + here))
    stale = []
    for entry in reversed(entries):
        if available[entry.fingerprint] > 0:
            available[entry.fingerprint] -= 1
            stale.append(entry)
    return Applied(results=filtered, accepted=accepted, stale=stale[::-1])
