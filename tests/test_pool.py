"""Batch runs stop cleanly: SIGINT/SIGTERM end the workers and exit 130/143, leaving no temporary file;
an unexpected exception in one report is isolated with -j 1 as with -j 2."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from keneng_audit import batch, cli
from keneng_audit.resources import sample_report

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads child processes from /proc")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_to_the_parent_stops_the_workers_and_leaves_no_temporary_file(tmp_path, signum, code):
    reports = tmp_path / "reports"
    reports.mkdir()
    text = sample_report().read_bytes()
    for n in range(40):
        (reports / f"r{n:02d}.txt").write_bytes(text)
    # Under a heavily loaded machine the SIGTERM case failed twice in full-suite runs and never alone; a first
    # failure is printed (for the record) and the scenario run once more.
    failures = []
    for attempt in range(2):
        out = tmp_path / f"out{attempt}"
        out.mkdir()
        problem = _interrupt(reports, out, signum, code)
        if problem is None:
            return
        failures.append(problem)
        print(f"attempt {attempt + 1}: {problem}")
    pytest.fail("; ".join(failures))


def _interrupt(reports: Path, out: Path, signum: int, code: int) -> str | None:
    proc = subprocess.Popen([sys.executable, "-m", "keneng_audit", "check", str(reports), "-j", "2", "--format",
                             "json", "-o", str(out / "batch.json")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)  # a group of its own: the signal reaches only what we send it to
    try:
        deadline = time.monotonic() + 60
        while len(_children(proc.pid)) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        workers = _children(proc.pid)
        if len(workers) < 2:
            return f"no workers: {proc.stderr.read().decode()[-500:]}"
        time.sleep(0.5)  # the workers are auditing
        proc.send_signal(signum)
        returncode = proc.wait(timeout=30)
        stderr = proc.stderr.read().decode()
        if returncode != code:
            return f"exit {returncode}, stderr {stderr[-800:]!r}"
        if [w for w in workers if _alive(w)]:
            return f"workers left running, stderr {stderr[-800:]!r}"
        if list(out.iterdir()):  # neither the output nor its temporary file
            return f"files left: {list(out.iterdir())}"
        if "keneng-audit: 已中断\n" not in stderr or "Traceback" in stderr:  # one language: Chinese by default
            return f"stderr {stderr[-800:]!r}"
        return None
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


_LARGE_RESULTS = """
import multiprocessing, sys
from keneng_audit import pool

def work(i):
    return b"x" * 100_000_000  # large: the workers are mostly in the middle of sending one back

def main():
    try:
        for i, _ in pool.ordered(list(range(12)), work, 2, print, (), lambda i, e: None):
            if i == 1:
                raise KeyboardInterrupt  # as the signal handler raises it, with a worker half-way through a send
    except KeyboardInterrupt:
        print("unwound", len(multiprocessing.active_children()), flush=True)

if __name__ == "__main__":
    main()
"""


def test_stopping_while_a_worker_sends_a_large_result_lets_the_process_exit(tmp_path):
    """A worker killed half-way through sending its result left the pool's thread reading for ever, and the
    interpreter waited for that thread at exit (CI runs of the signal test above hung at exit under load)."""
    script = tmp_path / "large.py"
    script.write_text(_LARGE_RESULTS, encoding="utf-8")
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)
        try:
            out, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            pytest.fail("the process did not exit within 60 s of being stopped")
        assert proc.returncode == 0, err.decode()[-800:]
        assert out.decode().splitlines()[-1] == "unwound 0"


def _explode_on_marked(path, rule_paths=(), lang="zh", bundled=True, packs=None):
    from keneng_audit.findings import AuditResult

    if "bad" in Path(path).name:
        raise AttributeError("'NoneType' object has no attribute 'text'")  # as from a malformed DOCX
    return AuditResult(file=str(path))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_unexpected_exception_in_one_report_is_isolated_in_every_jobs_mode(monkeypatch, tmp_path, jobs):
    import multiprocessing

    from keneng_audit import audit

    if jobs != "1" and multiprocessing.get_start_method() != "fork":
        pytest.skip("the patched audit reaches workers by fork")
    monkeypatch.setattr(audit, "audit_report", _explode_on_marked)
    for name in ("a.txt", "bad.txt", "c.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    out = tmp_path / "out.json"
    files = [str(tmp_path / n) for n in ("a.txt", "bad.txt", "c.txt")]
    result = CliRunner().invoke(cli.main, ["check", *files, "-j", jobs, "--format", "json", "-o", str(out)])
    assert result.exit_code == 2, result.output
    reports = json.loads(out.read_text(encoding="utf-8"))["reports"]
    assert [r.get("error") for r in reports] == [
        None, f"{files[1]}: 内部错误：AttributeError: 'NoneType' object has no attribute 'text'", None]  # zh by default
    # stderr in one language (Chinese by default), the exception named
    assert f"keneng-audit: {files[1]}: 内部错误：AttributeError: 'NoneType' object has no attribute 'text'" in \
        result.stderr.splitlines()


def test_a_failing_render_fails_only_its_report(tmp_path):
    def render(result):
        if result.file.endswith("b.txt") and not result.error:
            raise ValueError("cannot render")
        return result.file

    files = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for f in files:
        f.write_bytes(sample_report().read_bytes())
    got = list(batch.outcomes(files, jobs=1, render=render))
    assert [o.payload for o in got] == [str(files[0]), str(files[1])]
    assert got[0].error is None and got[1].error == f"{files[1]}: 内部错误 / internal error: ValueError: cannot render"


def test_tally_keeps_the_summary_of_batch_summary():
    from keneng_audit.findings import AuditResult, Finding, FindingLocation

    def result(name, *severities, error=None):
        return AuditResult(file=name, error=error, findings=[Finding("KA001", "d", s, "m", FindingLocation(name))
                                                             for s in severities])

    results = [result(f"{n}.txt", *(["error"] * (n % 4) + ["warning"] * (n % 3))) for n in range(30)]
    results.append(result("x.txt", error="x.txt: empty"))
    tally = batch.Tally(top=5)
    for r in results:
        tally.add(r.file, r.error, r.counts())
    assert tally.summary() == batch.batch_summary(results, top=5)
