"""Small hostile inputs that used to take minutes or gigabytes, rule files that hung, settings that hid checks:
each now ends within seconds in one error line naming the limit, or in findings; never a traceback."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from keneng_audit import limits, saferegex
from keneng_audit.errors import RuleFileError
from keneng_audit.numbers import parse_number, too_long
from tests.robustness.hostile import ROOT, bounded, digests, make_corpus, one_error, run

SAMPLE = ROOT / "data" / "keneng-2024" / "report.txt"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("hostile"))


def _check(corpus, *args: str, cwd: Path | None = None):
    """`check ARGS --format json -o OUT` in a scratch folder; the corpus is untouched and nothing lands beside it."""
    folder = next(iter(corpus.values())).parent
    before = digests(folder)
    out = Path(cwd or folder.parent) / f"out-{time.monotonic_ns()}.json"
    result = run("check", *args, "--format", "json", "-o", str(out), cwd=cwd)
    bounded(result)
    assert digests(folder) == before
    data = None
    if out.exists():
        data = json.loads(out.read_text(encoding="utf-8"), parse_constant=lambda c: pytest.fail(f"{c} in JSON"))
        out.unlink()
    return result, data


# ---------------------------------------------------------------- small files that used to cost minutes or gigabytes

@pytest.mark.parametrize(("name", "options", "limit"), [
    ("gridspan.docx", [], "grid-span"),
    ("numbering-start.docx", [], "numbering-value"),
    ("zip-bomb.docx", ["--limit", "docx-unzipped-mb=16"], "docx-unzipped-mb"),
    ("many-members.docx", ["--limit", "docx-members=100"], "docx-members"),
    ("stream-bomb.pdf", ["--limit", "pdf-stream-mb=16"], "pdf-stream-mb"),
    ("many-pages.pdf", ["--limit", "pdf-pages=20"], "pdf-pages"),
    ("identical-labels.txt", ["--limit", "table-cells=5000"], "table-cells"),
    ("long-line.txt", ["--limit", "line-chars=100000"], "line-chars"),
    ("glued-line.txt", ["--limit", "input-mb=0.1"], "input-mb"),
])
def test_input_over_a_limit_is_one_error_naming_it(corpus, name, options, limit):
    result, data = _check(corpus, str(corpus[name]), *options)
    one_error(result, str(corpus[name]), f"exceeds the limit {limit}", f"--limit {limit}=N")
    assert data is None


@pytest.mark.parametrize("name", ["glued-line.txt", "identical-labels.txt", "long-line.txt", "zip-bomb.docx",
                                  "stream-bomb.pdf", "many-pages.pdf"])
def test_under_the_default_limits_the_same_files_are_read_quickly(corpus, name):
    result, data = _check(corpus, str(corpus[name]))
    assert result.code in (0, 1) and result.stderr == []
    assert data["reports"][0]["summary"]["tables_read"] >= (1 if name.endswith(".txt") else 0)


def test_time_limit_stops_a_long_audit_without_sigalrm(corpus):
    result, data = _check(corpus, str(SAMPLE), "--limit", "time-s=0.02")
    one_error(result, "exceeds the limit time-s")
    assert data is None


def test_time_limit_leaves_ctrl_c_alone():
    """The timer borrows SIGINT for the audit: outside it the usual handler is back; a real Ctrl-C still interrupts."""
    import signal

    before = signal.getsignal(signal.SIGINT)
    with limits.time_limit("x"):
        assert signal.getsignal(signal.SIGINT) is not before
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
    assert signal.getsignal(signal.SIGINT) is before


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
@pytest.mark.parametrize("role", ["report", "baseline"])
def test_devices_and_fifos_are_refused_not_read(corpus, tmp_path, special, role):
    path = special
    if special == "fifo":
        path = str(tmp_path / "pipe.txt")
        os.mkfifo(path)
    args = [path] if role == "report" else [str(corpus["hostile-labels.txt"]), "--baseline", path]
    result, _ = _check(corpus, *args)
    one_error(result, path, "not a regular file")


@pytest.mark.parametrize("name", ["plain-text.docx", "plain-text.pdf"])
def test_text_named_docx_or_pdf_is_refused(corpus, name):
    result, _ = _check(corpus, str(corpus[name]))
    one_error(result, f"named {Path(name).suffix} but not a")


# ---------------------------------------------------------------- rule files

@pytest.mark.parametrize(("name", "line", "problem"), [
    ("rules-invalid-title.yaml", 2, "invalid regular expression"),
    ("rules-format-spec.yaml", 13, "takes no format or conversion"),
    ("rules-conversion.yaml", 13, "takes no format or conversion"),
    ("rules-attribute.yaml", 13, "unknown template field 'row.__class__'"),
    ("rules-pack-national.yaml", 1, "pack 'national' is a bundled pack"),
    ("rules-builtin-id.yaml", 6, "rule id KA001 belongs to a built-in check"),
    ("rules-prose-id.yaml", 6, "rule id KA401 belongs to a built-in check"),
    ("gaps", 2, "more than 4 gaps"),
])
def test_hostile_rule_file_is_one_error_with_file_and_line(corpus, name, line, problem):
    result, _ = _check(corpus, str(corpus["hostile-labels.txt"]), "--rules", str(corpus[name]))
    where = corpus[name] / "vocabulary" / "claims.yaml" if name == "gaps" else corpus[name]
    one_error(result, f"{where}:{line}: ", problem)


def test_claim_pattern_gaps_match_in_linear_time(corpus):
    result, data = _check(corpus, str(corpus["many-de.txt"]), "--rules", str(corpus["gaps-apart"]))
    assert result.code in (0, 1) and result.stderr == [] and result.seconds < 10


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_time_limit_holds_for_every_report_of_a_batch(corpus, tmp_path, jobs):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(SAMPLE.read_bytes())
    result = run("check", str(tmp_path), "-j", jobs, "--limit", "time-s=0.02", "--format", "json")
    bounded(result)
    assert result.code == 2
    assert sum("exceeds the limit time-s" in line for line in result.stderr) == 2
    assert all("error" in r for r in json.loads(result.stdout)["reports"])


def test_limits_from_the_config_file(corpus, tmp_path):
    (tmp_path / "keneng-audit.toml").write_text("[limits]\ngrid-span = 10\n", encoding="utf-8")
    (tmp_path / "r.docx").write_bytes(corpus["gridspan.docx"].read_bytes())
    result = run("check", "r.docx", cwd=tmp_path)
    one_error(result, "exceeds the limit grid-span", "3000000 > 10")
    (tmp_path / "keneng-audit.toml").write_text("[limits]\ngrid-spam = 10\n", encoding="utf-8")
    one_error(run("check", "r.docx", cwd=tmp_path), "keneng-audit.toml: limits: unknown limit 'grid-spam'")


def test_catastrophic_title_pattern_finishes(corpus):
    result, _ = _check(corpus, str(SAMPLE), "--rules", str(corpus["rules-catastrophic-title.yaml"]))
    assert result.code in (1, 2)


def test_a_pattern_that_backtracks_forever_is_stopped():
    with pytest.raises(RuleFileError, match="took over"):
        saferegex.search(r"(a|aa)+$", "a" * 60 + "b")


def test_big_rule_file_is_refused_by_its_limit(corpus):
    result, _ = _check(corpus, str(corpus["hostile-labels.txt"]), "--rules", str(corpus["rules-big.yaml"]),
                       "--limit", "rules-mb=0.01")
    one_error(result, str(corpus["rules-big.yaml"]), "exceeds the limit rules-mb")


def test_no_bundled_lets_a_pack_take_a_bundled_name_and_says_so(corpus):
    result, data = _check(corpus, str(corpus["hostile-labels.txt"]), "--no-bundled",
                          "--rules", str(corpus["rules-pack-national.yaml"]))
    assert result.code in (0, 1) and len(result.stderr) == 1 and "--no-bundled" in result.stderr[0]
    assert not any(f["rule"].startswith("KA1") for f in data["reports"][0]["findings"])  # no bundled national rule


# ---------------------------------------------------------------- configuration found above the report

@pytest.fixture
def nest(tmp_path, corpus):
    """tmp/home/school/reports/r.txt, HOME=tmp/home; no repository anywhere."""
    folder = tmp_path / "home" / "school" / "reports"
    folder.mkdir(parents=True)
    (folder / "r.txt").write_bytes(corpus["hostile-labels.txt"].read_bytes())
    return tmp_path


def _nested(corpus, nest):
    return run("check", "home/school/reports/r.txt", "--format", "json", cwd=nest, env={"HOME": str(nest / "home")})


def test_unrelated_broken_pyproject_is_skipped_with_a_warning(corpus, nest):
    (nest / "home" / "school" / "pyproject.toml").write_text("[tool.poetry\nname = 1\n", encoding="utf-8")
    result = _nested(corpus, nest)
    bounded(result)
    # The report was audited: its shares (60% + 30% + … = 138%) are reported (exit 1), not a config error (2).
    assert result.code == 1 and len(result.stderr) == 1 and "skipped" in result.stderr[0]
    assert json.loads(result.stdout)["reports"][0]["summary"]["rules_run"] > 0


def test_config_that_ignores_a_whole_class_is_reported(corpus, nest):
    (nest / "home" / "school" / "keneng-audit.toml").write_text('ignore = ["KA"]\n', encoding="utf-8")
    result = _nested(corpus, nest)
    bounded(result)
    assert result.code == 0 and json.loads(result.stdout)["reports"][0]["findings"] == []
    assert len(result.stderr) == 1 and "ignore = 'KA'" in result.stderr[0] and "keneng-audit.toml" in result.stderr[0]


def test_config_search_stops_at_home(corpus, nest):
    (nest / "keneng-audit.toml").write_text('ignore = ["KA"]\n', encoding="utf-8")  # above HOME: never read
    result = _nested(corpus, nest)
    bounded(result)
    # Not read: no "ignores a whole class" warning, and the report's findings (its shares add up to 138%) stay.
    assert result.code == 1 and result.stderr == [] and json.loads(result.stdout)["reports"][0]["summary"]["rules_run"] > 0


# ---------------------------------------------------------------- numbers a report cannot print

def test_numbers_beyond_15_digits_are_findings_not_infinity(corpus):
    result, data = _check(corpus, str(corpus["huge-number.txt"]), "--lang", "zh")
    assert result.stderr == []
    findings = data["reports"][0]["findings"]
    assert any(f["rule"] == "KA002" and "15 位有效数字" in f["message"] for f in findings)
    assert any(f["rule"] == "KA490" and "15 位有效数字" in f["message"] for f in findings)
    assert not any("nan" in (f["message"] + (f["expected"] or "")).lower() for f in findings)


@pytest.mark.parametrize(("text", "long"), [("9" * 16, True), ("1,234,567,890,123,456", True), ("0" * 20 + "1", False),
                                           ("123456789012345", False), ("12345.6789012345678", False)])
def test_too_long(text, long):
    assert too_long(text) is long
    assert (parse_number(text) is None) is long
