#!/usr/bin/env bash
# Runs the GitHub Actions workflow of docs/ci.md locally: installs keneng-audit from this repository into a
# fresh environment exactly as the documented `pip install "git+…"` line does (the URL pointed at
# this clone), then runs each documented `run:` line on a DOCX report, and checks what they wrote.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python="${PYTHON:-$repo/.venv/bin/python}"

# The workflow's steps, from the documentation itself.
"$python" - "$repo/docs/ci.md" "$work/steps.sh" "$repo" <<'PY'
import re, sys, yaml
doc, out, repo = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(doc, encoding="utf-8").read()
block = re.search(r"### GitHub Actions\n+```yaml\n(.*?)```", text, re.S).group(1)
steps = yaml.safe_load(block)["jobs"]["audit"]["steps"]
runs = [s["run"] for s in steps if "run" in s]
install = [r for r in runs if r.startswith("pip install")]
assert len(install) == 1 and "git+" in install[0], install
# The documented source is this repository's URL; locally, this clone (`git+file://`).
lines = [re.sub(r"git\+https://[^\"]+", f"git+file://{repo}", install[0])]
lines += [r for r in runs if r not in install]
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
cat "$work/steps.sh"

python3 -m venv "$work/venv"
export PATH="$work/venv/bin:$PATH"
mkdir -p "$work/repo/reports" && cd "$work/repo"
# The school's report as Word writes it: the bundled sample as DOCX (the test suite's fixture builder).
(cd "$repo" && "$python" -c "import sys; from keneng_audit.reading import read_report; from keneng_audit.resources import sample_report; from tests.make_fixtures import write_docx; write_docx(read_report(sample_report()), __import__('pathlib').Path(sys.argv[1]))" "$work/repo/reports/2024.docx")
export GITHUB_ACTIONS=true GITHUB_STEP_SUMMARY="$work/summary.md"
bash -euo pipefail -c "$(head -1 "$work/steps.sh") -q"
keneng-audit check reports/2024.docx --write-baseline keneng-baseline.json --exit-zero   # docs/ci.md, Baselines
tail -n +2 "$work/steps.sh" > "$work/rest.sh"
bash -eo pipefail "$work/rest.sh" > "$work/log.txt"

# What the steps wrote.
"$work/venv/bin/python" - "$work" <<'PY'
import json, sys, docx, pathlib
work = pathlib.Path(sys.argv[1]); repo = work / "repo"
sarif = json.loads((repo / "keneng.sarif").read_text(encoding="utf-8"))
assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"], "SARIF"
assert (repo / "review.md").read_text(encoding="utf-8").startswith("# 质量年度报告数字核查问题清单"), "review.md"
assert len(list(docx.Document(str(repo / "reviewed.docx")).comments)) > 10, "reviewed.docx"
assert "<mark" in (repo / "review.html").read_text(encoding="utf-8"), "review.html"
summary = (work / "summary.md").read_text(encoding="utf-8")
assert summary.startswith("## keneng-audit"), "job summary"
print("docs/ci.md steps: ok (%d SARIF results, %d comments)" % (
    len(sarif["runs"][0]["results"]), len(list(docx.Document(str(repo / "reviewed.docx")).comments))))
PY
