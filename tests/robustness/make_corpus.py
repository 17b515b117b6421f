"""Writes the bad-input corpus (tests/robustness/corpus/): broken reports and broken rule files, all small.

Run `python tests/robustness/make_corpus.py` to regenerate; the files are committed so that a reader sees them.
Deterministic: no randomness, so a rerun reproduces the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
SAMPLE = HERE.parent.parent / "data" / "keneng-2024" / "report.txt"

TITLE = "某某职业学校质量年度报告（2024）\n\n"
STAFF_TABLE = "表 8 教职工总体情况\n类别 人数 比例 增加人数\n\n专任教师 177 68% 25\n行政及工勤人员 60 23% 3\n保安及生活教师 22 8% 0\n"
PROSE = "1.4.1 教职工数量\n\n学校教职工总数：259 人，比去年增加 28 人，其中专任教师 177 人，\n\n占总人数 68%。\n\n"

RULE_HEAD = "pack: robust\napplies_to: {title: 某某职业学校}\ntables:\n  robust_staff: {key: 表8, caption: 教职工总体情况, columns: [人数, 比例]}\nrules:\n"
RULE = """  - id: KA901
    name: staff-share
    severity: error
    kind: share
    table: robust_staff
    params: {percent: 比例, part: 人数, whole: {value: 259}}
    message:
      zh: "{table} {row}：印刷 {actual}，应为 {expected}"
      en: "{table} {row}: printed {actual}, expected {expected}"
    description: {zh: 测试, en: test}
"""


def _sample_lines() -> list[str]:
    return SAMPLE.read_text(encoding="utf-8").split("\n")


def _sample_until(marker: str, extra_lines: int) -> str:
    """The sample from its start to `extra_lines` lines after the first line containing `marker`."""
    lines = _sample_lines()
    at = next(i for i, line in enumerate(lines) if marker in line)
    return "\n".join(lines[: at + extra_lines])


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))  # fixed time: reproducible bytes
            archive.writestr(info, data)
    return buffer.getvalue()


def reports() -> dict[str, bytes]:
    """Broken or odd report files, by corpus file name."""
    utf8 = (TITLE + PROSE + STAFF_TABLE).encode("utf-8")
    truncated_pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pa"
    return {
        "empty.txt": b"",
        "whitespace-only.txt": b"   \n\n\t\r\n\xe3\x80\x80\n",
        "binary-nul.txt": bytes(range(256)) * 4,
        "undecodable.txt": "学校".encode("utf-8") + b"\xff\xfe\x80\x81" * 16,
        "control-characters.txt": b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 30 + "表 1".encode("utf-8"),
        "utf16-bom.txt": (TITLE + STAFF_TABLE).encode("utf-16"),
        "no-tables.txt": (TITLE + PROSE).encode("utf-8"),
        "only-page-furniture.txt": ("某某职业学校 质量年度报告（2024）\n\n- 1 -\n\n" * 20).encode("utf-8"),
        "table-cut-mid-row.txt": (TITLE + PROSE + "表 8 教职工总体情况\n类别 人数 比例 增加人数\n\n专任教师 177 6").encode("utf-8"),
        "duplicate-captions.txt": (TITLE + STAFF_TABLE + "\n" + STAFF_TABLE.replace("177", "178")).encode("utf-8"),
        "caption-no-rows.txt": (TITLE + "表 8 教职工总体情况\n表 9 专任教师来源结构\n类别 人数 比例\n\n1.4.2 其他\n").encode("utf-8"),
        "caption-only-at-end.txt": (TITLE + PROSE + "表 8 教职工总体情况").encode("utf-8"),
        "more-cells-than-headers.txt": (TITLE + "表 8 教职工总体情况\n类别 人数\n\n专任教师 177 68% 25 9 9 9 9\n"
                                        "行政及工勤人员 60 23% 3 1 2 3 4 5 6\n").encode("utf-8"),
        "garbled-numbers.txt": (TITLE + "表 8 教职工总体情况\n类别 人数 比例 增加人数\n\n专任教师 1,77 ６８％ --\n"
                                "行政及工勤人员 60.0.1 24%% 1:0\n保安及生活教师 ２２ 8 ％ －0\n").encode("utf-8"),
        "crlf-and-cr.txt": (TITLE + PROSE + STAFF_TABLE).replace("\n", "\r\n").encode("utf-8")
        + b"\r" + STAFF_TABLE.replace("\n", "\r").encode("utf-8"),
        "mixed-encodings.txt": utf8 + (PROSE + STAFF_TABLE).encode("gb18030"),
        "gb18030.txt": (TITLE + PROSE + STAFF_TABLE).encode("gb18030"),
        "deep-subitems.txt": (TITLE + "表 8 教职工总体情况\n类别 人数\n\n教职工 259\n" +
                              "".join(f"其中：第{i}类 {259 - i}\n" for i in range(1, 40))).encode("utf-8"),
        "truncated-appendix.txt": _sample_until("附表 3", 12).encode("utf-8"),
        "sample-cut-mid-table.txt": _sample_until("表 8 教职工总体情况", 4).encode("utf-8"),
        "fake.docx": _zip({"junk.bin": b"\x00\x01not a word document" * 10}),
        "docx-without-body.docx": _zip({"[Content_Types].xml": b"<?xml version='1.0'?><Types/>"}),
        "not-a-zip.docx": b"PK\x03\x04" + b"\x00" * 64,
        "renamed.doc.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
        "truncated.pdf": truncated_pdf,
        "pdf-header-only.pdf": b"%PDF-1.4\n%%EOF\n",
    }


def rule_files() -> dict[str, bytes]:
    """Broken rule files (each run with a small valid report), by corpus file name."""
    return {
        "rules-yaml-error.yaml": (RULE_HEAD + "  - id: [KA901\n").encode("utf-8"),
        "rules-unknown-kind.yaml": (RULE_HEAD + RULE.replace("kind: share", "kind: average")).encode("utf-8"),
        "rules-missing-parameter.yaml": (RULE_HEAD + RULE.replace("part: 人数, ", "")).encode("utf-8"),
        "rules-duplicate-id.yaml": (RULE_HEAD + RULE + RULE).encode("utf-8"),
        "rules-unknown-table.yaml": (RULE_HEAD + RULE.replace("table: robust_staff", "table: budget")).encode("utf-8"),
        "rules-unknown-column.yaml": (RULE_HEAD + RULE.replace("percent: 比例", "percent: 占比")).encode("utf-8"),
        "rules-not-a-mapping.yaml": b"- just\n- a\n- list\n",
        "rules-rules-not-a-list.yaml": (RULE_HEAD + "  5\n").encode("utf-8"),
        "rules-undecodable.yaml": b"pack: x\nrules: \xff\xfe\n",
        "rules-bundled-id-clash.yaml": (RULE_HEAD + RULE.replace("KA901", "KA101")).encode("utf-8"),
        # Valid, but its table is not printed in the report: the rule is "not evaluated", never a crash.
        "rules-table-not-in-report.yaml": (RULE_HEAD.replace("key: 表8", "key: 表99") + RULE).encode("utf-8"),
    }


def write_all(target: Path = CORPUS) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in {**reports(), **rule_files(), "good-report.txt": (TITLE + PROSE + STAFF_TABLE).encode("utf-8")}.items():
        path = target / name
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    print(f"{len(write_all())} files written to {CORPUS}")
