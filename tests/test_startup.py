"""The console entry point: `check` leaves without the interpreter's teardown, its outputs whole, its exit code kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMAND = [sys.executable, "-m", "keneng_audit"]


def _run(*args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args], cwd=ROOT, capture_output=True, env={**os.environ}, **options)


def test_standard_output_is_whole_and_the_exit_code_kept(tmp_path):
    written = tmp_path / "out.json"
    printed = _run("check", "--format", "json")
    to_file = _run("check", "--format", "json", "-o", str(written))
    assert printed.returncode == to_file.returncode == 1
    assert printed.stdout == written.read_bytes()
    assert len(json.loads(printed.stdout)["reports"][0]["findings"]) > 50
    assert _run("check", "--format", "json", "--exit-zero").returncode == 0


def test_an_error_keeps_its_message_and_code_2(tmp_path):
    done = _run("check", str(tmp_path / "missing.txt"))
    assert done.returncode == 2
    assert "missing.txt" in done.stderr.decode() and not done.stdout
    usage = _run("check", "--no-such-option")
    assert usage.returncode == 2 and "--no-such-option" in usage.stderr.decode()


def test_a_reader_that_leaves_early_gets_no_traceback():
    with subprocess.Popen([*COMMAND, "check", "--format", "markdown"], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) as proc:
        first = proc.stdout.read(20)
        proc.stdout.close()
        err = proc.stderr.read().decode()
        code = proc.wait()
    assert first.startswith("# ".encode())
    assert code == 1 and "Traceback" not in err


def test_other_commands_exit_as_usual():
    done = _run("rules", "--format", "json")
    assert done.returncode == 0 and json.loads(done.stdout)


def test_closed_standard_streams_keep_the_exit_code(tmp_path):
    """`>&-` / `2>&-`: nothing to flush, no traceback, the code the run decided."""
    out = tmp_path / "out.json"
    for redirect, args, code in ((">&-", f"--format json --exit-zero -o {out}", 0), ("2>&-", f"-o {out}", 1),
                                 (">&-", str(tmp_path / "missing.txt"), 2)):
        done = subprocess.run(["bash", "-c", f'"$0" -m keneng_audit check {args} {redirect}', sys.executable],
                              cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == code, (redirect, args, done.stderr)
        assert "Traceback" not in done.stderr


def test_a_full_disk_on_standard_output_is_not_a_success():
    if not Path("/dev/full").exists():
        return
    done = subprocess.run(["bash", "-c", '"$0" -m keneng_audit check --statistics --exit-zero > /dev/full',
                           sys.executable], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode != 0


def test_a_profiler_still_writes_its_results(tmp_path):
    profile = tmp_path / "p.out"
    done = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "keneng_audit", "check",
                           "--format", "json", "-o", str(tmp_path / "out.json")], cwd=ROOT, capture_output=True)
    assert profile.stat().st_size > 0, done.stderr  # (cProfile itself exits 0 whatever the code)
