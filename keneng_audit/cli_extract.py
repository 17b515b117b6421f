"""The `extract` command: a report read into tables (CSV or JSON) and prose facts."""

from __future__ import annotations

from pathlib import Path

import click

from keneng_audit.cli_lang import HelpCommand, env_lang


@click.command(cls=HelpCommand)
@click.argument("report", required=False, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), help="写出 CSV 的目录 / folder for the CSV files")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--limit", "limit", multiple=True, metavar="KEY=N", help="提高或降低一项上限 / raise or lower a limit")
@click.option("--lang", type=click.Choice(["zh", "en"]),
              help="语言（或环境变量 KENENG_AUDIT_LANG）/ language (or KENENG_AUDIT_LANG) [default: zh]")
def extract(report: Path | None, out_dir: Path | None, fmt: str, limit: tuple[str, ...], lang: str | None) -> None:
    """把报告读成表格和事实 / read a report into tables (CSV) and prose facts."""
    lang = lang or env_lang() or "zh"
    from keneng_audit import limits
    from keneng_audit.extract import extract_json, write_extract
    from keneng_audit.reading import read_report
    from keneng_audit.resources import sample_report

    limits.configure(limits.parse_options(limit))
    path = report or sample_report()
    with limits.time_limit(str(path)):
        doc = read_report(path)
    if fmt == "json":
        click.echo(extract_json(doc))
        return
    if out_dir is None:
        raise click.UsageError("写出 CSV 需要 --out 目录（或用 --format json）" if lang == "zh" else
                               "--out DIR is required for CSV output (or use --format json)")
    written = write_extract(doc, out_dir, inputs=[report] if report else [])
    click.echo(f"已写出 {len(written)} 个文件到 {out_dir}" if lang == "zh" else
               f"{len(written)} files written to {out_dir}")
