"""Property-based tests (hypothesis, fixed seed): numbers, mutated reports and random rule files never crash us."""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keneng_audit import cli
from keneng_audit.audit import audit_document, load_rules
from keneng_audit.errors import KenengError
from keneng_audit.intervals import bounds, significant_decimals
from keneng_audit.numbers import parse_number
from keneng_audit.reading import read_text
from keneng_audit.resources import sample_report
from tests.robustness.make_corpus import CORPUS

# Derandomized: the same examples on every run and every machine, so CI is reproducible.
settings.register_profile("keneng", derandomize=True, deadline=None, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile("keneng")

SAMPLE_LINES = sample_report().read_text(encoding="utf-8").split("\n")
GOOD = CORPUS / "good-report.txt"
# A rule or the prose checks crashed inside and were reported as "not evaluated: SomeError: …".
INTERNAL_CRASH = re.compile(r"(未能核查|not evaluated)[^:：]*[:：]\s*\w*(Error|Exception)\b|未能核查正文|prose not evaluated")

FULLWIDTH = str.maketrans("0123456789.%:-", "０１２３４５６７８９．％：－")
REPORT_ALPHABET = st.sampled_from(list("0123456789０１２３４５６７８９.,%％:：-－—+ \t表附图案例其中：*（）()年月日人万元"
                                       "专任教师比例合计增加学年度\n\f\r\x00\ufeff\u3000"))


def _one_line(text: str) -> bool:
    """One line on a terminal: no line feed or carriage return (other separators print as nothing)."""
    return not any(ch in text.rstrip("\n") for ch in "\n\r")


# Numbers --------------------------------------------------------------------------------------------------

@given(st.text(max_size=40))
@settings(max_examples=200)
def test_parse_number_never_raises(text):
    number = parse_number(text)
    assert number is None or bounds(number)[0] <= number.value <= bounds(number)[1]


@given(st.text(alphabet=REPORT_ALPHABET, max_size=24), st.sampled_from([None, "%", "万元", "人"]))
@settings(max_examples=200)
def test_parse_number_never_raises_on_number_like_text(text, unit):
    number = parse_number(text, unit)
    assert number is None or number.decimals >= 0


def _printed(value: Decimal, decimals: int, thousands: bool) -> str:
    text = f"{value:,.{decimals}f}" if thousands else f"{value:.{decimals}f}"
    return text


@given(st.integers(-10**9, 10**9), st.integers(0, 4), st.booleans(), st.booleans(),
       st.sampled_from(["", "%", "％"]), st.sampled_from(["-", "−", "－"]))
@settings(max_examples=200)
def test_printed_values_round_trip_in_every_form(units, decimals, thousands, fullwidth, percent, minus):
    value = Decimal(units).scaleb(-decimals)
    text = _printed(value, decimals, thousands).replace("-", minus)
    if fullwidth:
        text = text.translate(FULLWIDTH)
    number = parse_number(text + percent)
    assert number is not None, text + percent
    assert number.value == pytest.approx(float(value), rel=1e-12, abs=1e-12)
    assert number.decimals == decimals
    assert number.kind == ("percent" if percent else "count" if decimals == 0 else "decimal")
    lo, hi = bounds(number)
    if number.kind == "count":
        assert lo == hi == number.value
    else:
        # Only a percentage's trailing zeros may be cell-format padding (`85.70%`); `0.0` keeps its digit.
        shown = significant_decimals(number.text, decimals) if number.kind == "percent" else decimals
        assert hi - lo == pytest.approx(10.0 ** -shown)


@given(st.integers(0, 10**6), st.integers(0, 10**4), st.integers(0, 2), st.sampled_from([":", "：", " : "]),
       st.booleans())
@settings(max_examples=150)
def test_ratios_round_trip(a, b, decimals, colon, fullwidth):
    left = f"{Decimal(a).scaleb(-decimals):.{decimals}f}"
    text = f"{left}{colon}{b}"
    if fullwidth:
        text = text.translate(FULLWIDTH)
    number = parse_number(text)
    if b == 0:
        assert number is None  # a ratio to zero states nothing
        return
    assert number is not None and number.kind == "ratio"
    assert number.ratio == (pytest.approx(a / 10**decimals), b)
    assert number.value == pytest.approx(a / 10**decimals / b)
    lo, hi = bounds(number)
    assert lo <= number.value <= hi


# Reports ---------------------------------------------------------------------------------------------------

@st.composite
def mutated_reports(draw) -> bytes:
    """A slice of the sample, mutated line- and character-wise, in one of the encodings reports come in."""
    start = draw(st.integers(0, len(SAMPLE_LINES) - 1))
    lines = SAMPLE_LINES[start:start + draw(st.sampled_from([5, 40, 200, 600, 1500]))]
    for _ in range(draw(st.integers(0, 8))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "chars", "cut", "digits"]))
        i = draw(st.integers(0, len(lines) - 1)) if lines else 0
        if not lines:
            lines = [draw(st.text(REPORT_ALPHABET, max_size=30))]
        elif op == "delete":
            del lines[i:i + draw(st.integers(1, 20))]
        elif op == "duplicate":
            lines[i:i] = lines[i:i + draw(st.integers(1, 30))]
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            lines.insert(i, draw(st.text(REPORT_ALPHABET, max_size=60)))
        elif op == "chars":
            line = lines[i]
            k = draw(st.integers(0, len(line)))
            lines[i] = line[:k] + draw(st.text(REPORT_ALPHABET, max_size=6)) + line[k + draw(st.integers(0, 3)):]
        elif op == "cut":
            lines[i] = lines[i][:draw(st.integers(0, len(lines[i])))]
            del lines[i + 1:]
        else:  # perturb every number of a line
            lines[i] = re.sub(r"\d+", lambda m: str(draw(st.integers(0, 10**5))), lines[i])
    text = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
    return text.encode(encoding, errors="replace")


@pytest.fixture(scope="module")
def packs():
    return load_rules()


def _audit_bytes(data: bytes, packs) -> None:
    try:
        doc = read_text("mutated.txt", data)
    except KenengError:
        return
    result = audit_document(doc, packs, "en")
    crashes = [f.message for f in result.findings if INTERNAL_CRASH.search(f.message)]
    assert not crashes, crashes


@given(mutated_reports())
@settings(max_examples=100)
def test_mutated_report_text_only_raises_our_errors(packs, data):
    _audit_bytes(data, packs)


@given(st.binary(max_size=2000) | st.text(REPORT_ALPHABET, max_size=2000).map(lambda t: t.encode("utf-8")))
@settings(max_examples=60)
def test_random_bytes_only_raise_our_errors(packs, data):
    _audit_bytes(data, packs)


# Rule files and the command line --------------------------------------------------------------------------

VALID_RULE = {
    "id": "KA901", "name": "staff-share", "severity": "error", "kind": "share", "table": "robust_staff",
    "params": {"percent": "比例", "part": "人数", "whole": {"value": 259}},
    "message": {"zh": "{table} {row}：印刷 {actual}，应为 {expected}", "en": "{table} {row}: {actual} vs {expected}"},
    "description": {"zh": "测试", "en": "test"},
}
VALID_PACK = {"pack": "robust", "applies_to": {"title": "某某职业学校"},
              "tables": {"robust_staff": {"key": "表8", "caption": "教职工总体情况", "columns": ["人数", "比例"]}},
              "rules": [VALID_RULE]}
KINDS = ["range", "sum", "share", "difference", "growth", "ratio", "subset", "agree", "catalog"]
SCALARS = (st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True)
           | st.text(max_size=12) | st.sampled_from(["人数", "比例", "表8", "robust_staff", "KA901", "{row}", "{x}"]))
KEYS = st.text(max_size=10) | st.sampled_from(list(VALID_RULE))  # line breaks too: messages must stay one line
YAML_VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
                           max_leaves=20)


@st.composite
def rule_files(draw) -> str:
    """Either random YAML, or the valid pack with some keys dropped or replaced by random values and kinds."""
    if draw(st.booleans()):
        return yaml.safe_dump(draw(YAML_VALUES), allow_unicode=True)
    pack = copy.deepcopy(VALID_PACK)
    rule = pack["rules"][0]
    rule["kind"] = draw(st.sampled_from(KINDS))
    for key in draw(st.lists(st.sampled_from(list(VALID_RULE) + ["params.whole", "params.part"]), max_size=3)):
        target, name = (rule.get("params"), key.split(".")[1]) if key.startswith("params.") else (rule, key)
        if not isinstance(target, dict):
            continue
        if draw(st.booleans()):
            target.pop(name, None)
        else:
            target[name] = draw(YAML_VALUES)
    text = yaml.safe_dump(pack, allow_unicode=True)
    if draw(st.booleans()):  # break the YAML itself somewhere
        k = draw(st.integers(0, len(text)))
        text = text[:k] + draw(st.sampled_from(["[", "{", ": :", "\t", "'", "&a *b", "\x00", "\n- "])) + text[k:]
    return text


@given(rule_files())
@settings(max_examples=80)
def test_random_rule_files_only_raise_rule_file_errors(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("rules") / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        packs = load_rules([path])
    except KenengError as exc:
        assert _one_line(str(exc))
        return
    doc = read_text(str(GOOD), GOOD.read_bytes())
    result = audit_document(doc, packs, "en")
    crashes = [f.message for f in result.findings if INTERNAL_CRASH.search(f.message)]
    assert not crashes, crashes


@given(rule_files(), st.sampled_from(["rich", "json"]))
@settings(max_examples=60)
def test_cli_always_exits_0_1_or_2_with_random_rules(tmp_path_factory, text, fmt):
    folder = tmp_path_factory.mktemp("cli")
    rules = folder / "rules.yaml"
    rules.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["check", str(GOOD), "--rules", str(rules), "--format", fmt])
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    if result.exit_code == 2:
        assert _one_line(result.stderr), result.stderr


@given(mutated_reports() | st.binary(max_size=500))
@settings(max_examples=40)
def test_cli_always_exits_0_1_or_2_with_mutated_reports(tmp_path_factory, data):
    report = tmp_path_factory.mktemp("cli") / "report.txt"
    report.write_bytes(data)
    result = CliRunner().invoke(cli.main, ["check", str(report), "--format", "json"])
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert report.read_bytes() == data


def test_internal_crash_pattern_matches_what_the_engine_and_prose_checks_print():
    assert INTERNAL_CRASH.search("未能核查：TypeError: unsupported operand")
    assert INTERNAL_CRASH.search("not evaluated: KeyError: '比例'")
    assert INTERNAL_CRASH.search("未能核查正文：ValueError: x")
    assert not INTERNAL_CRASH.search("未能核查：报告中没有表“表99”")


@pytest.mark.parametrize("text", ["\x00pack: x\n", "? '\n\n  '\n: null\n"])
def test_broken_rule_file_gives_one_line(tmp_path, text):
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KenengError) as err:
        load_rules([path])
    assert _one_line(str(err.value)), str(err.value)
