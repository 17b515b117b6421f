"""Random bytes, random archives, random tables and random rule YAML (all small, fixed seed): our own errors only.

Over 1,000 examples in all; a traceback from the reader or the loader fails the test with the example."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keneng_audit.audit import audit_document, load_rules
from keneng_audit.errors import InputError, KenengError, RuleFileError
from keneng_audit.reading import read_report, read_text
from keneng_audit.rules.loader import bundled_paths, load_packs



def fixed(examples: int) -> settings:
    """Derandomized (the same examples on every machine), no deadline, no example database."""
    return settings(max_examples=examples, derandomize=True, deadline=None, database=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


TITLE = "某某职业学校质量年度报告（2024）\n\n"
PACKS = load_rules()

HOSTILE = ["=1+1", "+A1", "@SUM(1)", "-2+3", "\x1b[2J", "\x01", "9" * 30, "1e400", "nan", "inf", "（", "）", "其中：",
           "合计", "—", "", "%", "：", "1:0", "0:0", "-0", "1,2,3", "２０２４年", "\u202e", "\ufeff"]
WORDS = ["专任教师", "行政人员", "学生", "毕业生", "合计", "比例", "人数", "增加人数", "2023年", "2024年", "序号", "类别",
         "项目", "单位", "人", "%", "万元", "甲", "乙"]
NUMBERS = st.one_of(st.integers(-10**6, 10**6).map(str), st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: f"{x:.2f}"),
                    st.integers(0, 120).map(lambda x: f"{x}%"), st.integers(1, 60).map(lambda x: f"{x}:1"))
CELL = st.one_of(NUMBERS, st.sampled_from(WORDS), st.sampled_from(HOSTILE), st.text(max_size=6))


def _write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- the reader

@given(st.binary(max_size=2048), st.sampled_from(["r.txt", "r.docx", "r.pdf", "r"]),
       st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe"]))
@fixed(300)
def test_random_bytes(tmp_path, data, name, head):
    try:
        read_report(_write(tmp_path, name, head + data))
    except InputError:
        pass


MEMBERS = ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
           "word/numbering.xml", "word/styles.xml", "docProps/core.xml"]
XMLISH = st.one_of(st.text(max_size=200), st.sampled_from([
    '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:body><w:p><w:r><w:t>表 1 x</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="-3"/></w:tcPr>'
    '<w:p/></w:tc></w:tr></w:tbl></w:body></w:document>',
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>', "<a><b></a>", ""]))


@given(st.dictionaries(st.sampled_from(MEMBERS), XMLISH, max_size=6))
@fixed(200)
def test_random_docx_archives(tmp_path, members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, text in members.items():
            archive.writestr(member, text.encode("utf-8", "surrogatepass"))
    try:
        read_report(_write(tmp_path, "r.docx", buffer.getvalue()))
    except InputError:
        pass


@given(st.lists(st.lists(CELL, min_size=1, max_size=6), min_size=1, max_size=10), st.lists(CELL, max_size=5),
       st.sampled_from(["表 8 教职工总体情况", "附表 1 计分卡", "表 3 分专业大类在校生情况", "表8"]))
@fixed(250)
def test_random_tables_are_read(rows, header, caption):
    lines = [caption, " ".join(header) or "类别 人数"] + [" ".join(row) for row in rows]
    try:
        read_text("t.txt", (TITLE + "\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))
    except InputError:
        pass


@given(st.lists(st.lists(CELL, min_size=2, max_size=5), min_size=1, max_size=6))
@fixed(60)
def test_random_tables_are_audited(rows):
    text = TITLE + "表 8 教职工总体情况\n类别 人数 比例 增加人数\n\n" + "\n".join(" ".join(r) for r in rows) + "\n"
    try:
        doc = read_text("t.txt", text.encode("utf-8", "surrogatepass"))
    except InputError:
        return
    result = audit_document(doc, PACKS, "en")
    assert not any("Error:" in f.message for f in result.findings), [f.message for f in result.findings]


# ---------------------------------------------------------------- the loader

KINDS = ["share", "sum", "growth", "difference", "ratio", "range", "subset", "agree", "catalog", "nope"]
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**12), st.floats(allow_nan=True),
                   st.text(max_size=12), st.sampled_from(HOSTILE + WORDS + ["(", "^(a|aa)+$", "{row:>9}", "{row!r}",
                                                                            "{x}", "{", "}"]))
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                     st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                     max_leaves=8)


def _rule():
    return st.fixed_dictionaries({
        "id": st.one_of(st.sampled_from(["KA951", "KA001", "KA401", "KA101", "X"]), SCALAR),
        "name": st.one_of(st.just("r"), SCALAR), "severity": st.sampled_from(["error", "info", "fatal"]),
        "kind": st.sampled_from(KINDS), "table": st.sampled_from(["t", "u", None]),
        "params": st.one_of(st.dictionaries(st.sampled_from(["percent", "part", "whole", "parts", "total", "column",
                                                             "across", "value", "rate"]), VALUE, max_size=4), VALUE),
        "message": st.one_of(st.fixed_dictionaries({"zh": SCALAR, "en": SCALAR}), VALUE),
        "description": st.fixed_dictionaries({"zh": st.just("x"), "en": st.just("y")}),
    }, optional={"examples": VALUE, "rationale": VALUE})


PACK_FILE = st.fixed_dictionaries({}, optional={
    "pack": st.one_of(st.sampled_from(["national", "mine", "keneng-2024"]), SCALAR),
    "applies_to": st.one_of(st.fixed_dictionaries({"title": SCALAR}), VALUE),
    "tables": st.one_of(st.dictionaries(st.sampled_from(["t", "u"]), st.one_of(
        st.fixed_dictionaries({}, optional={"key": SCALAR, "caption": SCALAR, "columns": VALUE, "headers": VALUE}),
        VALUE), max_size=2), VALUE),
    "quantities": VALUE,
    "rules": st.one_of(st.lists(_rule(), max_size=3), VALUE),
})


@given(PACK_FILE, st.booleans())
@fixed(300)
def test_random_rule_yaml(tmp_path, data, with_bundled):
    try:
        text = yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        return
    path = _write(tmp_path, "pack.yaml", text.encode("utf-8", "surrogatepass"))
    try:
        packs = load_packs((bundled_paths() if with_bundled else []) + [path])
    except RuleFileError as exc:
        assert "\n" not in str(exc)
        return
    for pack in packs:  # a title pattern that loaded must also be usable
        try:
            pack.applies_to.matches("某某职业学校质量年度报告（2024）")
        except KenengError:
            pass


@given(st.text(max_size=300))
@fixed(100)
def test_random_rule_text(tmp_path, text):
    try:
        load_packs([_write(tmp_path, "pack.yaml", text.encode("utf-8", "surrogatepass"))])
    except RuleFileError:
        pass
