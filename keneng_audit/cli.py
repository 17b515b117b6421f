"""The command line: parses options, calls the library, renders results; no audit logic here."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import ModuleType

import click

from keneng_audit import __version__
from keneng_audit.cli_extract import extract
from keneng_audit.cli_lang import HelpCommand, HelpContext, _error_lang, _usage_text, env_lang
from keneng_audit.cli_runs import _audit_batch, _audit_one, _looks_like_report, _stream_batch, _without_non_reports
from keneng_audit.errors import KenengError, one_language
from keneng_audit.cli_output import (_append_step_summary, _check_output, _choose_format, _emit, _emit_statistics,
                                      _plain, _print_batch_summary, _print_skipped, _print_summary, _say,
                                      _silence_stdout, _tally_exit_code, _with_baseline, exit_code)

DEBUG_ENV = "KENENG_AUDIT_DEBUG"


class _Group(click.Group):
    """Turns every failure into one stderr line and exit code 2, so a crash never passes for "findings" (1);
    each line in the language of the run (--lang, else KENENG_AUDIT_LANG, else the config file's, else Chinese),
    and so is --help."""

    context_class = HelpContext
    command_class = HelpCommand

    def main(self, *args, **kwargs):
        kwargs["standalone_mode"] = False  # usage errors and Ctrl-C are reported below, one line each
        given = args[0] if args else kwargs.get("args")
        self.given = list(given) if given is not None else sys.argv[1:]  # for the language of an error line
        try:
            code = super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:  # `keneng-audit` alone: its help, as a usage error
            click.echo(exc.ctx.get_help(), err=True)
            sys.exit(2)
        except click.UsageError as exc:
            lang = _error_lang(self.given)
            click.echo(f"keneng-audit: {_usage_text(exc.format_message(), lang)}（keneng-audit --help）"
                       if lang == "zh" else f"keneng-audit: {_usage_text(exc.format_message(), lang)} "
                       "(keneng-audit --help)", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            click.echo(f"keneng-audit: {one_language(exc.format_message(), _error_lang(self.given))}",
                       err=True)
            sys.exit(2)
        except click.Abort:
            from keneng_audit.signals import interrupted_exit_code

            click.echo(f"keneng-audit: {_say(_error_lang(self.given), '已中断', 'interrupted')}",
                       err=True)
            sys.exit(interrupted_exit_code())
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KenengError as exc:
            click.echo(f"keneng-audit: {_plain(exc.say(_error_lang(self.given)))}", err=True)
            sys.exit(2)
        except BrokenPipeError:
            _silence_stdout()
            sys.exit(0)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as exc:  # noqa: BLE001 - an internal error must still exit 2
            if os.environ.get(DEBUG_ENV):
                raise
            detail = f"{type(exc).__name__}: {_plain(exc)}"
            click.echo(_say(_error_lang(self.given), f"keneng-audit: 内部错误：{detail}（设 {DEBUG_ENV}=1 可看到调用栈）",
                            f"keneng-audit: internal error: {detail} (set {DEBUG_ENV}=1 for a traceback)"), err=True)
            sys.exit(2)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="keneng-audit")
@click.option("--lang", type=click.Choice(["zh", "en"]),
              help="各命令的语言（或环境变量 KENENG_AUDIT_LANG）/ language of every command (or KENENG_AUDIT_LANG) "
                   "[default: zh]")
@click.pass_context
def main(ctx: click.Context, lang: str | None) -> None:
    """keneng-audit: 核查职业院校质量年度报告中的数字 / audits the numbers in quality reports."""
    if lang:  # `keneng-audit --lang en check`: the command's own --lang, unless it is given too
        ctx.default_map = {name: {"lang": lang} for name in ctx.command.commands}


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
        click.option("--lang", type=click.Choice(LANGS),
                     help="语言（或环境变量 KENENG_AUDIT_LANG）/ language (or KENENG_AUDIT_LANG) [default: zh]"),
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
@click.option("--exclude", "exclude", multiple=True, metavar="GLOB",
              help="扫描目录时跳过匹配的文件（可重复）/ leave out matching files when scanning folders (repeatable)")
@click.option("--statistics", is_flag=True, help="只列出各规则的问题数 / count the findings per rule instead")
@click.option("--show-skipped", is_flag=True,
              help="列出因报告中没有相应的表而跳过的规则 / list the rules skipped because their table is absent")
@click.option("--no-bundled", "no_bundled", is_flag=True,
              help="不使用内置规则包（即 --packs none）/ use no bundled pack, only --rules (--packs none)")
@_pack_options
def check(reports: tuple[Path, ...], config_path: Path | None, output: Path | None, exit_zero: bool,
          write_baseline: Path | None, jobs: int, timeout: float | None, packs_chosen: str | None,
          no_infer: bool, no_bundled: bool, exclude: tuple[str, ...], statistics: bool, show_skipped: bool,
          **options) -> None:
    """核查报告中的数字（默认：内置样例报告）/ audit reports (default: the bundled sample).

    退出码：0 没有达到 --fail-on 的问题；1 有；2 用法、输入、规则或配置错误。/ exit code 0 when nothing is at or
    above --fail-on, 1 when something is, 2 on a usage, input, rule or config error.
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
    scanned: set[Path] = set()
    if any(p.is_dir() for p in reports):  # folders: their report files, less hidden, lock and excluded ones
        named, given = reports, set(reports)
        found = batch_inputs(reports, list(exclude) or settings["exclude"])
        # A text file a scan found that prints no table caption at all (说明.txt) is not a report: skipped.
        reports = tuple(p for p in found if p in given or _looks_like_report(p, lang))
        scanned = {p for p in reports if p not in given}
        if not reports:
            from keneng_audit.errors import InputError
            raise InputError(f"{' '.join(map(str, named))}: 没有报告文件 (.txt/.docx/.pdf) / no report files found")
    if fmt == "docx" and len(reports) > 1:  # said before auditing, not after
        from keneng_audit.errors import ConfigError
        raise ConfigError("--format docx 一次只能写一份报告的批注版", "--format docx annotates one report at a time")
    if no_infer and several:
        raise click.UsageError("--no-infer 只用于单份报告 / --no-infer works on one report at a time")
    if not several:
        results = [selection.apply(_audit_one(backend, path, rule_paths, packs, lang, single=True,
                                              infer=not no_infer))
                   for path in (reports or (sample_report(),))]
    elif streaming.streams(fmt) and settings["baseline"] is None and write_baseline is None:
        # Each report's output is rendered by its worker and written as it arrives; only the totals are kept.
        tally = _stream_batch(backend, reports, jobs, rule_paths, packs, lang, timeout, selection, fmt, output,
                              _inputs(batch_inputs(reports), settings, rule_paths), frozenset(scanned))
        if tally.reports > 1:
            _print_summary(tally.summary(), lang)
        sys.exit(_tally_exit_code(tally, settings["fail-on"], exit_zero))
    else:  # keneng_audit.batch: worker processes with -j N, progress bar, every failure isolated
        results = _audit_batch(backend, reports, jobs, rule_paths, packs, lang, timeout, selection, frozenset(scanned))
        results = _without_non_reports(results, scanned, lang)

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
        click.echo(f"keneng-audit: {_plain(one_language(warning, lang))}", err=True)
    if packs_chosen is not None and packs_chosen.strip() == "none":  # every bundled pack off: said out loud
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


def _known_names(packs: list) -> list[tuple[str, str]]:
    """(id, name) of every rule a run may report: the packs' rules, the built-in checks and inferred rules."""
    from keneng_audit.rules.inferred import inferred_names

    known = [(rule.id, rule.name) for pack in packs for rule in pack.rules]
    return known + [(r.id, r.name) for r in _audit_backend().builtin_rules("zh")] + inferred_names()


@main.command("config")
@click.argument("reports", nargs=-1, type=click.Path(path_type=Path))
@_settings_options
def show_config(reports: tuple[Path, ...], config_path: Path | None, **options) -> None:
    """显示生效的设置及其来源 / show the settings in effect and where each came from."""
    from keneng_audit.config import describe

    settings = _resolve(reports, config_path, **options)
    if options.get("fmt") == "json":  # the settings as data: value and source of each
        import json

        from keneng_audit.config import DEFAULTS

        data = {"config_file": str(settings.config_file) if settings.config_file else None,
                "settings": {key: {"value": settings.values[key], "source": settings.sources[key]} for key in DEFAULTS}}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    source = settings.config_file or _say(settings["lang"], "未找到", "none found")
    click.echo(_say(settings["lang"], f"# 配置文件：{source}", f"# config file: {source}"))
    for line in describe(settings, settings["lang"]):
        click.echo(line)


def _rule_options(func):
    from keneng_audit.config import LANGS

    func = click.option("--config", "config_path", type=click.Path(path_type=Path), help="配置文件 / config file")(func)
    func = click.option("--lang", type=click.Choice(LANGS),
                        help="语言（或环境变量 KENENG_AUDIT_LANG）/ language (or KENENG_AUDIT_LANG) [default: zh]")(func)
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
    if spec is None and report is None and _is_inferred_name(wanted):
        raise KenengError(_say(lang, f"{rule_id} 是从报告推断的规则，编号因报告而异：请加 --report 报告文件"
                                     f"（例如 keneng-audit explain {rule_id} --report report.docx）",
                               f"{rule_id} is a rule inferred from a report, and its id depends on the report: "
                               f"add --report FILE (e.g. keneng-audit explain {rule_id} --report report.docx)"))
    if spec is None:
        raise KenengError(_say(lang, f"没有规则 {rule_id}（见 keneng-audit rules）",
                               f"unknown rule {rule_id} (see keneng-audit rules)"))
    render = ruledocs.explain_json if fmt == "json" else ruledocs.explain_text
    render(spec, sys.stdout, lang, _table_text(packs, spec))


def _is_inferred_name(wanted: str) -> bool:
    """Whether `wanted` is an id or name inference may give a rule (KA5438, inferred-growth)."""
    import re

    from keneng_audit.rules.inferred import inferred_names

    if wanted.casefold().startswith("inferred-"):
        return True
    families = {rule_id[:4].upper() for rule_id, _ in inferred_names()}
    return bool(re.fullmatch(r"KA\d{4}(\d{2})?", wanted.upper())) and wanted[:4].upper() in families


@main.command()
@click.argument("report", required=False, type=click.Path(path_type=Path))
@click.option("--rules", "rules", multiple=True, type=click.Path(path_type=Path),
              help="附加规则文件或目录，可重复 / extra rule file or folder (repeatable)")
@click.option("--packs", "packs_chosen", metavar="NAMES", help="使用的内置规则包 / bundled packs to use (default: all)")
@click.option("--write-pack", "write_pack", type=click.Path(path_type=Path),
              help="把推断的规则写成规则包目录 / write the inferred rules as a rule pack folder")
@click.option("--lang", type=click.Choice(["zh", "en"]),
              help="语言（或环境变量 KENENG_AUDIT_LANG）/ language (or KENENG_AUDIT_LANG) [default: zh]")
@click.option("-v", "--verbose", is_flag=True, help="也列出未采用的候选关系 / also list the candidates dropped")
def infer(report: Path | None, rules: tuple[Path, ...], packs_chosen: str | None, write_pack: Path | None,
          lang: str | None, verbose: bool) -> None:
    """逐表列出推断的关系及依据 / show, table by table, the relations inferred and why."""
    lang = lang or env_lang() or "zh"
    from keneng_audit.inference import infer as run_inference
    from keneng_audit.inference.describe import lines
    from keneng_audit.reading import read_report
    from keneng_audit.resources import sample_report

    packs = _load_packs(_audit_backend(), [Path(p) for p in rules], packs_chosen)
    result = run_inference(read_report(report or sample_report()), packs)
    from keneng_audit.claims.vocabulary import load_vocabulary, national_vocabulary_dir

    vocab = load_vocabulary([national_vocabulary_dir()])  # quantities by their Chinese names in a Chinese listing
    for line in lines(result, lang, verbose, name=lambda quantity: vocab.name(quantity, lang)):
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


main.add_command(extract)
