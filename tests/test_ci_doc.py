"""docs/ci.md's workflow: installs from the repository (no registry has keneng-audit) and uses real options.

`.ci/ci-doc-steps.sh` runs the same steps for real (a fresh environment, pip install from this clone); `.ci/run`
calls it after the tests. Here only what can be checked in a moment.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml
from click.testing import CliRunner

from keneng_audit import cli

ROOT = Path(__file__).resolve().parent.parent


def _steps() -> list[str]:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    block = re.search(r"### GitHub Actions\n+```yaml\n(.*?)```", text, re.S).group(1)
    return [step["run"] for step in yaml.safe_load(block)["jobs"]["audit"]["steps"] if "run" in step]


def test_the_workflow_installs_from_the_repository():
    [install] = [r for r in _steps() if r.startswith("pip install")]
    assert re.fullmatch(r'pip install "git\+https://github\.com/[^"]+/keneng-audit@v[\d.]+"', install), install
    assert (ROOT / ".ci" / "ci-doc-steps.sh").stat().st_mode & 0o111
    assert "ci-doc-steps.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_documented_check_command_parses():
    commands = [line for run in _steps() for line in run.splitlines() if line.startswith("keneng-audit ")]
    assert len(commands) >= 5
    for line in commands:
        args = shlex.split(line)[1:]
        # --help after the arguments: click parses them all (unknown option → exit 2) and then prints help.
        result = CliRunner().invoke(cli.main, args + ["--help"])
        assert result.exit_code == 0, (line, result.output)
