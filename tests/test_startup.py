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
