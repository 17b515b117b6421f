"""The command line: parses options, calls the library, renders results; no audit logic here."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from keneng_audit import __version__
from keneng_audit.errors import KenengError


class _Group(click.Group):
    """Turns the project's own errors into one stderr line and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KenengError as exc:
            click.echo(f"keneng-audit: {exc}", err=True)
            sys.exit(2)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="keneng-audit")
def main() -> None:
    """keneng-audit: 核查职业院校质量年度报告中的数字 / audits the numbers in quality reports."""


@main.command()
@click.argument("report", required=False, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), help="写出 CSV 的目录 / folder for the CSV files")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
def extract(report: Path | None, out_dir: Path | None, fmt: str) -> None:
    """把报告读成表格和事实 / read a report into tables (CSV) and prose facts."""
    from keneng_audit.extract import extract_json, write_extract
    from keneng_audit.reading import read_report
    from keneng_audit.resources import sample_report

    doc = read_report(report or sample_report())
    if fmt == "json":
        click.echo(extract_json(doc))
        return
    if out_dir is None:
        raise click.UsageError("--out DIR is required for CSV output (or use --format json)")
    written = write_extract(doc, out_dir)
    click.echo(f"{len(written)} files written to {out_dir}")
