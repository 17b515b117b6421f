"""The command line: parses options, calls the library, renders results; no audit logic here."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import ModuleType

import click

from keneng_audit import __version__
from keneng_audit.errors import ConfigError, KenengError
from keneng_audit.findings import SEVERITY_ORDER, AuditResult

DEBUG_ENV = "KENENG_AUDIT_DEBUG"


class _Group(click.Group):
    """Turns every failure into one stderr line and exit code 2, so a crash never passes for "findings" (1)."""

    def main(self, *args, **kwargs):
        kwargs["standalone_mode"] = False  # usage errors and Ctrl-C are reported below, one line each
        try:
            code = super().main(*args, **kwargs)
        except click.UsageError as exc:
            click.echo(f"keneng-audit: {exc.format_message()}（keneng-audit --help）", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            click.echo(f"keneng-audit: {exc.format_message()}", err=True)
            sys.exit(2)
        except click.Abort:
            from keneng_audit.signals import interrupted_exit_code

            click.echo("keneng-audit: 已中断 / interrupted", err=True)
            sys.exit(interrupted_exit_code())
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KenengError as exc:
            click.echo(f"keneng-audit: {_plain(exc)}", err=True)
            sys.exit(2)
        except BrokenPipeError:
            _silence_stdout()
            sys.exit(0)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as exc:  # noqa: BLE001 - an internal error must still exit 2
            if os.environ.get(DEBUG_ENV):
                raise
            click.echo(f"keneng-audit: internal error: {type(exc).__name__}: {_plain(exc)} "
                       f"(set {DEBUG_ENV}=1 for a traceback)", err=True)
            sys.exit(2)


def _plain(message: object) -> str:
    """A message on one line with every control character escaped: file names and report text can hold any."""
    from keneng_audit.reporters._safe import terminal_text

    return terminal_text(" ".join(str(message).splitlines()))


def _silence_stdout() -> None:
    """After the reader of stdout went away, send the rest (and the final flush) nowhere instead of failing."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="keneng-audit")
def main() -> None:
    """keneng-audit: 核查职业院校质量年度报告中的数字 / audits the numbers in quality reports."""


def _audit_backend() -> ModuleType:
    """The audit library (tests replace this seam with hand-built results)."""
    from keneng_audit import audit

    return audit


def _settings_options(func):
    """Options that `check` and `config` share: each may also come from a config file."""
    from keneng_audit.config import FAIL_ON, FORMATS, LANGS

    options = [
        click.option("--config", "config_path", type=click.Path(path_type=Path),
                     help="配置文件（默认：报告旁最近的 keneng-audit.toml 或 pyproject.toml）/ config file"),
        click.option("--rules", "rules", multiple=True, type=click.Path(path_type=Path),
                     help="附加规则文件或目录，可重复 / extra rule file or folder (repeatable)"),
        click.option("--format", "fmt", type=click.Choice(FORMATS), help="输出格式 / output format [default: rich]"),
        click.option("--lang", type=click.Choice(LANGS), help="语言 / language [default: zh]"),
        click.option("--fail-on", "fail_on", type=click.Choice(FAIL_ON),
                     help="达到此严重程度即退出码 1 / exit 1 at or above this severity [default: error]"),
        click.option("--select", multiple=True, help="只报告这些规则（编号、编号前缀或名称；可用逗号分隔）/ rules to report"),
        click.option("--ignore", multiple=True, help="不报告这些规则 / rules not to report"),
        click.option("--baseline", type=click.Path(path_type=Path),
                     help="基线文件：只报告新问题 / report only findings not in this baseline"),
        click.option("--limit", "limit", multiple=True, metavar="KEY=N",
                     help="提高或降低一项上限（见 README）/ raise or lower a limit, e.g. time-s=120 (see README)"),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _resolve(reports: tuple[Path, ...], config_path: Path | None, **given):
    from keneng_audit.config import resolve
    from keneng_audit.limits import parse_options
    from keneng_audit.selection import split_selectors

    command_line = {
        "rules": [str(p) for p in given["rules"]], "format": given["fmt"], "lang": given["lang"],
        "fail-on": given["fail_on"], "select": list(split_selectors(given["select"])),
        "ignore": list(split_selectors(given["ignore"])),
        "baseline": str(given["baseline"]) if given["baseline"] else None,
        "limits": parse_options(given["limit"]),
    }
    start = reports[0].parent if reports else Path.cwd()
    return resolve(command_line, start, config_path)


def _pack_options(func):
    """Which bundled packs apply (`--packs national`) and whether inference runs (`--no-infer`)."""
    func = click.option("--no-infer", "no_infer", is_flag=True,
                        help="不推断表格关系，只用规则包 / no inferred rules: the packs only")(func)
    return click.option("--packs", "packs_chosen", metavar="NAMES",
                        help="使用的内置规则包，逗号分隔（默认全部；none = 不用）/ bundled packs to use, "
                             "comma-separated (default: all; none: no bundled pack)")(func)


@main.command()
@click.argument("reports", nargs=-1, type=click.Path(path_type=Path))
@_settings_options
@click.option("-o", "--output", type=click.Path(path_type=Path), help="写入文件（原子写入）/ write to FILE atomically")
@click.option("--exit-zero", is_flag=True, help="有问题也以 0 退出 / exit 0 even when findings are reported")
@click.option("--write-baseline", type=click.Path(path_type=Path),
              help="把当前问题写入基线文件 / record the current findings as accepted")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="并行核查的进程数（0 = 全部 CPU）/ worker processes (0 = every CPU)")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="每份报告的时限（秒，即 --limit time-s=S）/ seconds allowed per report (--limit time-s=S)")
@click.option("--statistics", is_flag=True, help="只列出各规则的问题数 / count the findings per rule instead")
@click.option("--show-skipped", is_flag=True,
              help="列出因报告中没有相应的表而跳过的规则 / list the rules skipped because their table is absent")
@click.option("--no-bundled", "no_bundled", is_flag=True,
              help="不使用内置规则包（即 --packs none）/ use no bundled pack, only --rules (--packs none)")
@_pack_options
def check(reports: tuple[Path, ...], config_path: Path | None, output: Path | None, exit_zero: bool,
          write_baseline: Path | None, jobs: int, timeout: float | None, packs_chosen: str | None,
          no_infer: bool, no_bundled: bool, statistics: bool, show_skipped: bool, **options) -> None:
    """核查报告中的数字（默认：内置样例报告）/ audit reports (default: the bundled sample).

    退出码 / exit codes: 0 无达到 --fail-on 的问题 / nothing at or above --fail-on;
    1 有 / findings at or above it; 2 用法、输入、规则或配置错误 / usage, input, rule or config error.
    """
    from keneng_audit import collector, signals, streaming
    from keneng_audit.batch import expand_inputs as batch_inputs
    from keneng_audit.resources import sample_report
    from keneng_audit.selection import Selection

    signals.install()
    settings = _resolve(reports, config_path, **options)
    lang = settings["lang"]
    _apply_limits(settings, timeout)
    backend = _audit_backend()
    rule_paths = [Path(p) for p in settings["rules"]]
    if no_bundled:
        if packs_chosen not in (None, "none"):
            raise click.UsageError("--no-bundled 与 --packs 不能同用 / --no-bundled contradicts --packs")
        packs_chosen = "none"
    packs = _load_packs(backend, rule_paths, packs_chosen)
    selection = Selection(tuple(settings["select"]), tuple(settings["ignore"]), dict(settings["severity"]))
    selection.check_known(_known_names(packs))
    _warn_settings(settings, selection, packs, packs_chosen, lang)
    fmt = _choose_format(settings["format"], output, settings.sources["format"] == "command line")
    _check_output(fmt, output)
    collector.settle()  # the modules are loaded: freeze them out of the garbage collector's way

    several = len(reports) > 1 or jobs != 1 or any(p.is_dir() for p in reports)
    if no_infer and several:
        raise click.UsageError("--no-infer 只用于单份报告 / --no-infer works on one report at a time")
    if not several:
        results = [selection.apply(_audit_one(backend, path, rule_paths, packs, lang, single=True,
                                              infer=not no_infer))
                   for path in (reports or (sample_report(),))]
    elif streaming.streams(fmt) and settings["baseline"] is None and write_baseline is None:
        # Each report's output is rendered by its worker and written as it arrives; only the totals are kept.
        tally = _stream_batch(backend, reports, jobs, rule_paths, packs, lang, timeout, selection, fmt, output,
                              _inputs(batch_inputs(reports), settings, rule_paths))
        if tally.reports > 1:
            _print_summary(tally.summary(), lang)
        sys.exit(_tally_exit_code(tally, settings["fail-on"], exit_zero))
    else:  # keneng_audit.batch: worker processes with -j N, progress bar, every failure isolated
        results = _audit_batch(backend, reports, jobs, rule_paths, packs, lang, timeout, selection)

    inputs = _inputs([Path(r.file) for r in results], settings, rule_paths)
    results = _with_baseline(results, settings["baseline"], write_baseline, lang, inputs)
    if statistics:
        _emit_statistics(fmt, results, output, lang)
    else:
        _emit(fmt, results, output, lang, inputs)
    if show_skipped:
        _print_skipped(results, lang, err=output is None and fmt not in ("rich", "markdown"))
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        _append_step_summary(Path(os.environ["GITHUB_STEP_SUMMARY"]), results, lang)
    if len(results) > 1:
        _print_batch_summary(results, lang)
    sys.exit(exit_code(results, settings["fail-on"], exit_zero))


def _inputs(files: list[Path], settings, rule_paths: list[Path]) -> list[Path]:
    """Every file the run read (reports, rule files, baseline, config): no output may be written onto one."""
    files = list(files)
    for path in rule_paths:
        files += sorted(path.rglob("*.y*ml")) if path.is_dir() else [path]
    files += [Path(p) for p in (settings["baseline"], settings.config_file) if p]
    return files


def _warn_settings(settings, selection, packs: list, packs_chosen: str | None, lang: str) -> None:
    """Settings that silence checks are said out loud on stderr: a gate must not pass because rules were off."""
    for warning in settings.warnings:
        click.echo(f"keneng-audit: {_plain(warning)}", err=True)
    if packs_chosen is not None:
        names = ", ".join(p.name for p in packs) or "—"
        click.echo(_say(lang, f"keneng-audit: 注意：只用所选规则包（--packs/--no-bundled）：{names}",
                        f"keneng-audit: note: only the chosen packs run (--packs/--no-bundled): {names}"), err=True)
    for selector, count in selection.broad_ignores(_known_names(packs)):
        source = settings.sources.get("ignore", "")
        source = _say(lang, "命令行", "command line") if source == "command line" else source
        click.echo(_say(lang, f"keneng-audit: 注意：ignore = {selector!r}（{source}）关闭了 {count} 条规则",
                        f"keneng-audit: note: ignore = {selector!r} ({source}) switches off {count} rules"), err=True)


def _apply_limits(settings, timeout: float | None) -> None:
    """The limits in force for this run and its workers; --timeout is the limit time-s for every report."""
    from keneng_audit import limits

    values = dict(settings["limits"])
    if timeout is not None:
        values["time-s"] = timeout
    limits.configure(values)


def _load_packs(backend: ModuleType, rule_paths: list[Path], chosen: str | None) -> list:
    """The bundled packs named by --packs (all by default) plus the given rule files and folders."""
    if chosen is None:
        return backend.load_rules(rule_paths)
    from keneng_audit.rules.loader import bundled_paths

    names = [n.strip() for n in chosen.split(",") if n.strip() and n.strip() != "none"]
    folders = {p.name: p for p in bundled_paths()}
    unknown = [n for n in names if n not in folders]
    if unknown:
        raise click.UsageError(f"--packs: 没有内置规则包 {', '.join(unknown)} / no bundled pack "
                               f"{', '.join(unknown)} (known: {', '.join(folders)})")
    return backend.load_rules([folders[n] for n in names] + list(rule_paths), bundled=False)


def _outcomes(backend: ModuleType, reports: tuple[Path, ...], jobs: int, rule_paths: list[Path], packs: list,
              lang: str, timeout: float | None, selection, render=None):
    """Each report's batch.Outcome in input order behind a progress bar; each failure one stderr line as it comes."""
    from keneng_audit import batch
    from keneng_audit.errors import InputError
    from keneng_audit.reporters.progress import progress

    files = batch.expand_inputs(reports)
    if not files:
        raise InputError(f"{' '.join(map(str, reports))}: 没有报告文件 (.txt/.docx/.pdf) / no report files found")
    with progress(len(files), _say(lang, "核查中", "auditing")) as advance:
        for outcome in batch.outcomes(files, jobs, rule_paths, lang, timeout=timeout, packs=packs,
                                      select=selection.apply, render=render, audit=backend.audit_report):
            advance(outcome)
            if outcome.error:
                click.echo(f"keneng-audit: {_plain(outcome.error)}", err=True)
            yield outcome


def _audit_batch(backend: ModuleType, reports: tuple[Path, ...], jobs: int, rule_paths: list[Path], packs: list,
                 lang: str, timeout: float | None, selection) -> list[AuditResult]:
    """Every report's result (selection applied), for the formats that need them all at once."""
    return [o.payload for o in _outcomes(backend, reports, jobs, rule_paths, packs, lang, timeout, selection)]


def _stream_batch(backend: ModuleType, reports: tuple[Path, ...], jobs: int, rule_paths: list[Path], packs: list,
                  lang: str, timeout: float | None, selection, fmt: str, output: Path | None, inputs=()):
    """Writes each report's part of the output as it arrives (rendered by its worker); returns the batch.Tally."""
    from keneng_audit import batch, streaming
    from keneng_audit.atomic import atomic_write

    tally = batch.Tally()
    parts = _outcomes(backend, reports, jobs, rule_paths, packs, lang, timeout, selection,
                      render=streaming.Part(fmt, lang))

    def write(stream) -> None:
        writer = streaming.Writer(fmt, stream, lang)
        writer.head()
        for outcome in parts:
            writer.part(outcome.payload)
            tally.add(outcome.file, outcome.error, outcome.counts)
        writer.tail()

    if output is not None:
        with atomic_write(output, inputs=inputs) as stream:
            write(stream)
        return tally
    try:
        write(sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()  # the reader (`| head`) left; the exit code still tells the gate's outcome
        for outcome in parts:
            tally.add(outcome.file, outcome.error, outcome.counts)
    return tally


def _tally_exit_code(tally, fail_on: str, exit_zero: bool) -> int:
    """As exit_code, from a batch's totals."""
    if tally.failed:
        return 2
    if exit_zero or fail_on == "never":
        return 0
    threshold = SEVERITY_ORDER[fail_on]
    return int(any(n and SEVERITY_ORDER[s] >= threshold for s, n in tally.totals.items()))


def _print_summary(summary: dict, lang: str) -> None:
    from keneng_audit import batch

    for line in batch.summary_lines(summary, lang):
        click.echo(line, err=True)


def _print_batch_summary(results: list[AuditResult], lang: str) -> None:
    """Reports, findings per severity, worst reports first: on stderr, so stdout stays one document (JSON …)."""
    from keneng_audit import batch

    _print_summary(batch.batch_summary(results), lang)


def _with_baseline(results: list[AuditResult], read: str | None, write: Path | None, lang: str,
                   inputs: list[Path] = ()) -> list[AuditResult]:
    """Records the findings when asked (keeping earlier reasons), then drops the ones the baseline accepts."""
    if read is None and write is None:
        return results
    from keneng_audit import baseline

    entries = baseline.load(Path(read)) if read else []
    if write is not None:
        count = baseline.write(write, results, previous=entries, inputs=[i for i in inputs if i != Path(read or "")])
        click.echo(_say(lang, f"已把 {count} 条问题写入基线 {write}", f"{count} findings written to baseline {write}"),
                   err=True)
        entries = baseline.load(write)
    applied = baseline.apply(results, entries)
    _report_baseline(applied, lang)
    return applied.results


def _known_names(packs: list) -> list[tuple[str, str]]:
    """(id, name) of every rule a run may report: the packs' rules, the built-in checks and inferred rules."""
    from keneng_audit.rules.inferred import inferred_names

    known = [(rule.id, rule.name) for pack in packs for rule in pack.rules]
    return known + [(r.id, r.name) for r in _audit_backend().builtin_rules("zh")] + inferred_names()


def _audit_one(backend: ModuleType, path: Path, rule_paths: list[Path], packs: list, lang: str,
               single: bool, infer: bool = True) -> AuditResult:
    """One report's result; with several reports an unreadable one is reported (exit 2) and the rest still run."""
    try:
        return backend.audit_report(path, rule_paths, lang, packs=packs, **({} if infer else {"infer": False}))
    except KenengError as exc:
        if single:
            raise
        click.echo(f"keneng-audit: {_plain(exc)}", err=True)
        return AuditResult(file=str(path), error=str(exc))


def exit_code(results: list[AuditResult], fail_on: str, exit_zero: bool = False) -> int:
    """As ruff: 2 when a report could not be audited, else 1 when a finding reaches `fail_on`, else 0."""
    if any(r.error for r in results):
        return 2
    if exit_zero or fail_on == "never":
        return 0
    threshold = SEVERITY_ORDER[fail_on]
    return int(any(SEVERITY_ORDER[f.severity] >= threshold for r in results for f in r.findings))


def _choose_format(fmt: str, output: Path | None, explicit: bool = False) -> str:
    """-o FILE with a known suffix picks the format unless --format names one; `auto` otherwise picks `github`
    under GitHub Actions, else rich (plain text off a terminal)."""
    from keneng_audit.reporters import BY_SUFFIX

    if output is not None and (fmt == "auto" or not explicit) and output.suffix.lower() in BY_SUFFIX:
        return BY_SUFFIX[output.suffix.lower()]
    if fmt != "auto":
        return fmt
    return "github" if os.environ.get("GITHUB_ACTIONS") else "rich"


def _check_output(fmt: str, output: Path | None) -> None:
    from keneng_audit.reporters import is_binary

    if is_binary(fmt) and output is None:
        raise ConfigError(f"--format {fmt} 输出二进制文件，请用 -o FILE 指定文件 / --format {fmt} writes a binary file: give -o FILE")


def _emit(fmt: str, results: list[AuditResult], output: Path | None, lang: str, inputs: list[Path] = ()) -> None:
    from keneng_audit.atomic import atomic_write
    from keneng_audit.reporters import get, is_binary

    render = get(fmt)
    if output is None:
        try:
            render(results, sys.stdout, lang)
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()  # the reader (`| head`) left; the exit code still tells the gate's outcome
        return
    with atomic_write(output, binary=is_binary(fmt), inputs=inputs) as stream:
        render(results, stream, lang)


def _emit_statistics(fmt: str, results: list[AuditResult], output: Path | None, lang: str) -> None:
    """`--statistics`: findings per rule, as JSON with --format json, else as text."""
    from keneng_audit.atomic import atomic_write
    from keneng_audit.reporters import statistics

    render = statistics.render_json if fmt == "json" else statistics.render_text
    if output is None:
        render(results, sys.stdout, lang)
        return
    with atomic_write(output) as stream:
        render(results, stream, lang)


def _print_skipped(results: list[AuditResult], lang: str, err: bool) -> None:
    """`--show-skipped`: after a text report on stdout; on stderr when stdout holds a machine format."""
    from keneng_audit.reporters.statistics import skipped_lines

    for line in skipped_lines(results, lang):
        click.echo(line, err=err)


def _append_step_summary(path: Path, results: list[AuditResult], lang: str) -> None:
    """GitHub Actions shows what is appended to $GITHUB_STEP_SUMMARY on the run's page."""
    from keneng_audit.reporters.github_report import step_summary

    try:
        with path.open("a", encoding="utf-8") as stream:
            stream.write(step_summary(results, lang))
    except OSError as exc:
        click.echo(f"keneng-audit: GITHUB_STEP_SUMMARY {path}: {exc.strerror}", err=True)


def _report_baseline(applied, lang: str) -> None:
    if applied.accepted:
        click.echo(_say(lang, f"基线已接受 {applied.accepted} 条问题，未列出",
                        f"{applied.accepted} findings accepted by the baseline are not shown"), err=True)
    if applied.stale:
        click.echo(_say(lang, f"基线中有 {len(applied.stale)} 条记录已不再出现（可删除）：",
                        f"{len(applied.stale)} baseline entries no longer occur (stale):"), err=True)
        for entry in applied.stale:
            click.echo(f"  {entry.rule} {entry.where} [{entry.fingerprint}]", err=True)


def _say(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


@main.command("config")
@click.argument("reports", nargs=-1, type=click.Path(path_type=Path))
@_settings_options
def show_config(reports: tuple[Path, ...], config_path: Path | None, **options) -> None:
    """显示生效的设置及其来源 / show the settings in effect and where each came from."""
    from keneng_audit.config import describe

    settings = _resolve(reports, config_path, **options)
    source = settings.config_file or _say(settings["lang"], "未找到", "none found")
    click.echo(_say(settings["lang"], f"# 配置文件：{source}", f"# config file: {source}"))
    for line in describe(settings, settings["lang"]):
        click.echo(line)


def _rule_options(func):
    from keneng_audit.config import LANGS

    func = click.option("--config", "config_path", type=click.Path(path_type=Path), help="配置文件 / config file")(func)
    func = click.option("--lang", type=click.Choice(LANGS), help="语言 / language [default: zh]")(func)
    func = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)(func)
    func = click.option("--report", "report", type=click.Path(path_type=Path),
                        help="并列出从该报告推断的规则 / also the rules inferred from this report")(func)
    return click.option("--rules", "rules", multiple=True, type=click.Path(path_type=Path),
                        help="附加规则文件或目录 / extra rule file or folder (repeatable)")(func)


def _load_specs(rules: tuple[Path, ...], lang: str | None, config_path: Path | None, report: Path | None = None):
    """The packs, and every rule: declared, built-in and (with `report`) inferred from that report."""
    from keneng_audit.config import resolve

    settings = resolve({"rules": [str(p) for p in rules], "lang": lang}, Path.cwd(), config_path)
    backend = _audit_backend()
    packs = backend.load_rules([Path(p) for p in settings["rules"]])
    if report is not None:
        packs = packs + backend.inferred_rules(report, packs)
    specs = [rule for pack in packs for rule in pack.rules] + backend.builtin_rules(settings["lang"])
    return packs, specs, settings["lang"]


def _table_text(packs: list, spec) -> str | None:
    """The rule's table as its pack declares it ("表16 获奖情况"), not the pack-internal name."""
    pack = next((p for p in packs if p.name == spec.pack), None)
    decl = getattr(pack, "tables", {}).get(getattr(spec, "table", None) or "")
    if decl is None:
        return None
    return " ".join(t for t in (decl.key, decl.caption) if t) or None


@main.command()
@_rule_options
def rules(rules: tuple[Path, ...], lang: str | None, fmt: str, config_path: Path | None,
          report: Path | None) -> None:
    """列出所有规则 / list every rule: id, name, severity, kind, pack, origin, description."""
    from keneng_audit.reporters import ruledocs

    _, specs, lang = _load_specs(rules, lang, config_path, report)
    specs = sorted(specs, key=lambda s: s.id)
    if fmt == "json":
        ruledocs.rules_json(specs, sys.stdout, lang)
    else:
        ruledocs.rules_text(specs, sys.stdout, lang)


@main.command()
@click.argument("rule_id")
@_rule_options
def explain(rule_id: str, rules: tuple[Path, ...], lang: str | None, fmt: str, config_path: Path | None,
            report: Path | None) -> None:
    """解释一条规则（编号或名称）/ explain one rule (id or name): description, why it matters, examples, parameters."""
    from keneng_audit.reporters import ruledocs

    packs, specs, lang = _load_specs(rules, lang, config_path, report)
    wanted = rule_id.strip()
    spec = next((s for s in specs if s.id.upper() == wanted.upper()), None) or next(
        (s for s in specs if s.name.casefold() == wanted.casefold()), None)
    if spec is None:
        raise KenengError(_say(lang, f"没有规则 {rule_id}（见 keneng-audit rules）",
                               f"unknown rule {rule_id} (see keneng-audit rules)"))
    render = ruledocs.explain_json if fmt == "json" else ruledocs.explain_text
    render(spec, sys.stdout, lang, _table_text(packs, spec))


@main.command()
@click.argument("report", required=False, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), help="写出 CSV 的目录 / folder for the CSV files")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--limit", "limit", multiple=True, metavar="KEY=N", help="提高或降低一项上限 / raise or lower a limit")
def extract(report: Path | None, out_dir: Path | None, fmt: str, limit: tuple[str, ...]) -> None:
    """把报告读成表格和事实 / read a report into tables (CSV) and prose facts."""
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
        raise click.UsageError("--out DIR is required for CSV output (or use --format json)")
    written = write_extract(doc, out_dir, inputs=[report] if report else [])
    click.echo(f"已写出 {len(written)} 个文件到 {out_dir} / {len(written)} files written to {out_dir}")


@main.command()
@click.argument("report", required=False, type=click.Path(path_type=Path))
@click.option("--rules", "rules", multiple=True, type=click.Path(path_type=Path),
              help="附加规则文件或目录，可重复 / extra rule file or folder (repeatable)")
@click.option("--packs", "packs_chosen", metavar="NAMES", help="使用的内置规则包 / bundled packs to use (default: all)")
@click.option("--write-pack", "write_pack", type=click.Path(path_type=Path),
              help="把推断的规则写成规则包目录 / write the inferred rules as a rule pack folder")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="也列出未采用的候选关系 / also list the candidates dropped")
def infer(report: Path | None, rules: tuple[Path, ...], packs_chosen: str | None, write_pack: Path | None,
          lang: str, verbose: bool) -> None:
    """逐表列出推断的关系及依据 / show, table by table, the relations inferred and why."""
    from keneng_audit.inference import infer as run_inference
    from keneng_audit.inference.describe import lines
    from keneng_audit.reading import read_report
    from keneng_audit.resources import sample_report

    packs = _load_packs(_audit_backend(), [Path(p) for p in rules], packs_chosen)
    result = run_inference(read_report(report or sample_report()), packs)
    for line in lines(result, lang, verbose):
        click.echo(line)
    if write_pack is not None:
        from keneng_audit.atomic import atomic_write

        if write_pack.exists() and not write_pack.is_dir():
            raise click.UsageError(f"--write-pack {write_pack}: 不是目录 / not a folder")
        write_pack.mkdir(parents=True, exist_ok=True)
        with atomic_write(write_pack / "inferred.yaml") as stream:
            stream.write(result.yaml())
        click.echo(_say(lang, f"已写出规则包 {write_pack}（{len(result.entries)} 条规则）",
                        f"rule pack written to {write_pack} ({len(result.entries)} rules)"), err=True)
