"""Writes the hostile corpus: inputs an attacker would try (formulas, escapes, bombs, runaway patterns), all small.

Each file is small; where the real attack is large (a 2 GB zip bomb), the file is a scaled-down copy and the test
lowers the matching limit (`--limit docx-unzipped-mb=16`), which exercises the same guard. The tests build the
corpus in a temporary folder; `python tests/robustness/make_hostile.py DIR` writes it for a person to look at.
"""

from __future__ import annotations

import io
import sys
import zlib
import zipfile
from pathlib import Path

import docx

TITLE = "某某职业学校质量年度报告（2024）\n\n"
PROSE = "1.4.1 教职工数量\n\n学校教职工总数：259 人，比去年增加 28 人，其中专任教师 177 人，\n\n占总人数 68%。\n\n"
PADDING = "学校坚持立德树人，深化产教融合，推进三教改革，办学条件持续改善。\n\n" * 12
ESC = "\x1b"
# Row labels that are spreadsheet formulas, terminal escapes (an OSC-8 link, clear screen) and an XML-illegal
# control character; every row's share is misprinted, so each label reaches the findings.
HOSTILE_ROWS = [
    ('=HYPERLINK("http://example.invalid/?x","y")', 177, "60%"),
    ("+1+1", 60, "30%"),
    ("@SUM(1)", 22, "20%"),
    ("-2+3", 10, "10%"),
    (f"{ESC}]8;;http://example.invalid{ESC}\\点我{ESC}]8;;{ESC}\\", 5, "9%"),
    (f"清屏{ESC}[2J{ESC}[H", 4, "9%"),
    ("行政\x01人员", 3, "9%"),
]
STAFF_HEAD = "表 8 教职工总体情况\n类别 人数 比例 增加人数\n\n"
RULES_HEAD = ("pack: hostile\napplies_to: {title: 某某职业学校}\n"
              "tables:\n  hostile_staff: {key: 表8, caption: 教职工总体情况, columns: [人数, 比例]}\nrules:\n")
RULE = """  - id: KA951
    name: staff-share
    severity: error
    kind: share
    table: hostile_staff
    params: {percent: 比例, part: 人数, whole: {value: 259}}
    message:
      zh: "{table} {row}：印刷 {actual}，应为 {expected}"
      en: "{table} {row}: printed {actual}, expected {expected}"
    description: {zh: 测试, en: test}
"""


def _text(body: str, padding: int = 1) -> bytes:
    # The reader refuses text with over 1% control characters (binary data): pad the escapes with prose.
    return (TITLE + PROSE + body + PADDING * padding).encode("utf-8")


def _table(rows: list[str], head: str = STAFF_HEAD) -> str:
    return head + "".join(row + "\n" for row in rows) + "\n"


# ---------------------------------------------------------------- DOCX and PDF built from parts

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIXED = (2024, 1, 1, 0, 0, 0)


def _para(text: str, numbered: bool = False) -> str:
    num = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>' if numbered else ""
    return f'<w:p>{num}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _docx(body: str, numbering: str | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """A DOCX from python-docx's own template with our body (and numbering), members dated alike."""
    template = Path(docx.__file__).parent / "templates" / "default.docx"
    members = {}
    with zipfile.ZipFile(template) as source:
        for name in source.namelist():
            members[name] = source.read(name)
    members["word/document.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                    f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>').encode()
    if numbering is not None:
        members["word/numbering.xml"] = numbering.encode()
    members.update(extra or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=FIXED), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _word_table(cells: str) -> str:
    return f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>"


def _cell(text: str, span: int | None = None) -> str:
    props = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span else ""
    return f"<w:tc>{props}{_para(text)}</w:tc>"


def _docx_table_body() -> str:
    rows = "".join(f"<w:tr>{_cell(label)}{_cell(str(n))}</w:tr>" for label, n in (("类别", "人数"), ("专任教师", 177)))
    return _para("某某职业学校质量年度报告（2024）") + _para("表 8 教职工总体情况") + f"<w:tbl>{rows}</w:tbl>"


NUMBERING = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W}">'
             '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1000000000"/>'
             '<w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def _pdf(contents: list[bytes], compress: bool = True) -> bytes:
    """A PDF with one page per content stream (Helvetica), its cross-reference table exact."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    font = 3 + 2 * len(contents)
    for k, content in enumerate(contents):
        page, stream = 3 + 2 * k, 4 + 2 * k
        kids.append(f"{page} 0 R".encode())
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {stream} 0 R "
                       f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode())
        data = zlib.compress(content, 9) if compress else content
        flate = b" /Filter /FlateDecode" if compress else b""
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(data), flate) + data + b"\nendstream")
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(contents)
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _page(text: str) -> bytes:
    return b"BT /F1 12 Tf 72 720 Td (" + text.encode("ascii") + b") Tj ET\n"


# ---------------------------------------------------------------- the corpus

def reports() -> dict[str, bytes]:
    """Hostile report files, by file name."""
    hostile_rows = [f"{label} {n} {share} 0" for label, n, share in HOSTILE_ROWS]
    glued = "（" + "甲 " * 40_000
    return {
        "hostile-labels.txt": _text(_table(hostile_rows), padding=4),
        "glued-line.txt": _text(_table([glued, "专任教师 177 68% 25"])),
        "identical-labels.txt": _text(_table(["甲 1 1% 0"] * 2000)),
        "long-line.txt": _text("2.1 概况\n\n" + "学校办学条件持续改善，" * 12_000 + "\n\n" + _table(["专任教师 177 68% 25"])),
        "huge-number.txt": _text(_table(["专任教师 " + "9" * 400 + " 68% 25", "行政及工勤人员 60 24% 3"])
                                 + "学校资产总额 " + "1" * 400 + " 万元。\n\n"),
        "plain-text.docx": _text(_table(["专任教师 177 68% 25"])),
        "plain-text.pdf": _text(_table(["专任教师 177 68% 25"])),
        "gridspan.docx": _docx(_para("表 1 测试表") + _word_table(_cell("甲", 3_000_000))),
        "numbering-start.docx": _docx(_para("某某职业学校质量年度报告（2024）") + _para("办学基本情况", numbered=True)
                                      + _para("学校坚持立德树人。"), NUMBERING),
        "zip-bomb.docx": _docx(_docx_table_body(), extra={"word/media/blob.bin": b"\0" * (24 * 2**20)}),
        "many-members.docx": _docx(_docx_table_body(), extra={f"customXml/x{k}.xml": b"<x/>" for k in range(120)}),
        "stream-bomb.pdf": _pdf([_page("Report 2024") + b" " * (24 * 2**20)]),
        "many-pages.pdf": _pdf([_page(f"Page {k}") for k in range(1, 31)]),
        "many-de.txt": _text("2.1 概况\n\n" + "的" * 5000 + "。\n\n" + _table(["专任教师 177 68% 25"])),
    }


def rule_files() -> dict[str, bytes]:
    """Hostile rule files (run with hostile-labels.txt), by file name."""
    return {
        "hostile-rules.yaml": (RULES_HEAD + RULE).encode("utf-8"),
        "rules-catastrophic-title.yaml": (RULES_HEAD.replace("某某职业学校", "'^(([^x]+)+)+x$'") + RULE).encode(),
        "rules-invalid-title.yaml": (RULES_HEAD.replace("某某职业学校", "'('") + RULE).encode("utf-8"),
        "rules-format-spec.yaml": (RULES_HEAD + RULE.replace("{row}：", "{row:>999999999}：")).encode("utf-8"),
        "rules-conversion.yaml": (RULES_HEAD + RULE.replace("{row}：", "{row!r}：")).encode("utf-8"),
        "rules-attribute.yaml": (RULES_HEAD + RULE.replace("{row}：", "{row.__class__}：")).encode("utf-8"),
        "rules-pack-national.yaml": b"pack: national\napplies_to: {title: '^NEVER$'}\nrules: []\n",
        "rules-builtin-id.yaml": (RULES_HEAD + RULE.replace("KA951", "KA001")).encode("utf-8"),
        "rules-prose-id.yaml": (RULES_HEAD + RULE.replace("KA951", "KA401")).encode("utf-8"),
        "rules-big.yaml": (RULES_HEAD + RULE + "# " + "填充" * 10_000 + "\n").encode("utf-8"),
    }


def gap_packs() -> dict[str, dict[str, bytes]]:
    """Pack folders with claim patterns full of gaps (…): too many in a row; four apart, each able to hold
    the word between them (exponential backtracking on a line of 的 before gaps were tempered)."""
    def pack(name: str, say: str) -> dict[str, bytes]:
        return {"pack.yaml": f"pack: {name}\nrules: []\n".encode(),
                "vocabulary/claims.yaml": f"claims:\n  - say: \"{say}\"\n".encode("utf-8")}

    return {"gaps": pack("gaps", "学校 … … … … … … … … … … {教职工总数} 人"),
            "gaps-apart": pack("gaps_apart", "的 … 的 … 的 … 的 … {教职工总数} 人")}


def write_all(target: Path) -> dict[str, Path]:
    """Writes every file below `target`; returns name → path (the gap pack as one folder, `gaps`)."""
    target.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, data in {**reports(), **rule_files()}.items():
        (target / name).write_bytes(data)
        written[name] = target / name
    for folder, files in gap_packs().items():
        for name, data in files.items():
            path = target / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        written[folder] = target / folder
    return written


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    print(f"{len(write_all(folder))} files written to {folder}")
