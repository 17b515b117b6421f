"""Settings for `check`: defaults, the nearest config file, KENENG_AUDIT_LANG, the command line; each with its source."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from keneng_audit.errors import ConfigError, pydantic_problem, syntax_position

CONFIG_NAME = "keneng-audit.toml"
PYPROJECT = "pyproject.toml"
TOOL_TABLE = "keneng-audit"
FORMATS = ("rich", "json", "jsonl", "markdown", "csv", "xlsx", "sarif", "github", "junit", "html", "docx", "auto")
FAIL_ON = ("error", "warning", "info", "never")
LANGS = ("zh", "en")

DEFAULTS: dict[str, Any] = {
    "rules": [], "select": [], "ignore": [], "severity": {}, "fail-on": "error", "format": "rich", "lang": "zh",
    "baseline": None, "limits": {}, "exclude": [],
}
DEFAULT_SOURCE = "default"
COMMAND_LINE = "command line"
ENV_LANG = "KENENG_AUDIT_LANG"
ENVIRONMENT = f"environment {ENV_LANG}"


class FileSettings(BaseModel):
    """What a config file may set; unknown keys and bad values are errors, not silently ignored."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # built only when a config file is read

    rules: list[str] | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    severity: dict[str, Literal["error", "warning", "info"]] | None = None
    fail_on: Literal["error", "warning", "info", "never"] | None = Field(None, alias="fail-on")
    format: Literal[FORMATS] | None = None  # type: ignore[valid-type]
    lang: Literal["zh", "en"] | None = None
    exclude: list[str] | None = None  # globs of files a folder scan leaves out
    baseline: str | None = None
    limits: dict[str, float] | None = None  # keneng_audit.limits keys, e.g. {"time-s" = 120}


@dataclass
class Settings:
    """The settings in effect and, for each key, where its value came from."""

    values: dict[str, Any] = field(default_factory=lambda: dict(DEFAULTS))
    sources: dict[str, str] = field(default_factory=lambda: dict.fromkeys(DEFAULTS, DEFAULT_SOURCE))
    config_file: Path | None = None
    warnings: list[str] = field(default_factory=list)  # problems met on the way that did not stop the run

    def __getitem__(self, key: str) -> Any:
        return self.values[key]


def find_config(start: Path, warnings: list[str] | None = None) -> Path | None:
    """The nearest `keneng-audit.toml`, or `pyproject.toml` with [tool.keneng-audit], from `start` upward.

    In one folder keneng-audit.toml wins over pyproject.toml. The search stops at a repository root (a folder
    holding .git) or the user's home folder, so a stray file above the project is never picked up. A
    pyproject.toml that cannot be read and does not mention keneng-audit belongs to someone else: it is
    skipped with a warning (appended to `warnings`) instead of stopping every run.
    """
    folder = start.resolve()
    if folder.is_file():
        folder = folder.parent
    home = _home()
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_NAME
        if own.is_file():
            return own
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and TOOL_TABLE in _tool_tables(pyproject, warnings):
            return pyproject
        if (candidate / ".git").exists() or candidate == home:
            return None
    return None


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, OSError):
        return None


def _tool_tables(pyproject: Path, warnings: list[str] | None) -> dict:
    """The [tool] tables of a pyproject.toml met while searching; {} (and a warning) for someone else's broken one."""
    try:
        return _read_toml(pyproject).get("tool", {})
    except ConfigError as exc:
        try:
            ours = TOOL_TABLE.encode() in pyproject.read_bytes()[: 2**20]
        except OSError:
            ours = False
        if ours:
            raise
        if warnings is not None:
            warnings.append(str(ConfigError(f"{exc.say('zh')}（已跳过：其中没有 [tool.{TOOL_TABLE}]）",
                                            f"{exc.say('en')} (skipped: it has no [tool.{TOOL_TABLE}])")))
        return {}


def _read_toml(path: Path) -> dict:
    import tomllib  # only where a config file is found (its parser compiles its patterns as it loads)

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        at = syntax_position(exc)
        raise ConfigError(f"{path}: 不是有效的 TOML" + (f"（{at}有误）" if at else ""),
                          f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: 不是有效的 TOML：不是 UTF-8 文本", f"{path}: not valid TOML: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取：{exc.strerror}", f"{path}: cannot read: {exc.strerror}") from None


def load_config(path: Path) -> dict[str, Any]:
    """The settings a config file sets (kebab-case keys; paths made absolute relative to the file)."""
    data = _read_toml(path)
    if path.name == PYPROJECT:
        data = data.get("tool", {}).get(TOOL_TABLE)
        if data is None:
            raise ConfigError(f"{path}: 没有 [tool.{TOOL_TABLE}] 表", f"{path}: has no [tool.{TOOL_TABLE}] table")
    try:
        parsed = FileSettings.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        zh, en = pydantic_problem(first)
        if first["type"] == "extra_forbidden":
            zh, en = "未知的设置项", "unknown setting"
        raise ConfigError(f"{path}: {where}：{zh}", f"{path}: {where}: {en}") from None
    values = parsed.model_dump(by_alias=True, exclude_none=True)
    if "limits" in values:
        from keneng_audit.limits import validated

        try:
            values["limits"] = validated(values["limits"])
        except ConfigError as exc:
            raise exc.prefixed(f"{path}: ") from None
    base = path.parent
    if "rules" in values:
        values["rules"] = [str((base / p).resolve()) for p in values["rules"]]
    if "baseline" in values:
        values["baseline"] = str((base / values["baseline"]).resolve())
    return values


def resolve(command_line: dict[str, Any], start: Path, config_path: Path | None = None) -> Settings:
    """Defaults, overridden by the config file (given or nearest to `start`), overridden by the command line."""
    settings = Settings()
    path = config_path if config_path is not None else find_config(start, settings.warnings)
    if config_path is not None and not config_path.is_file():
        raise ConfigError(f"{config_path}: 找不到配置文件", f"{config_path}: config file not found")
    if path is not None:
        settings.config_file = path
        for key, value in load_config(path).items():
            settings.values[key] = value
            settings.sources[key] = str(path)
    env = os.environ.get(ENV_LANG, "").strip()
    if env:  # the environment's language beats the config file's, the command line beats both
        if env.lower() not in LANGS:
            raise ConfigError(f"环境变量 {ENV_LANG}={env!r}：应为 zh 或 en", f"environment {ENV_LANG}={env!r}: "
                              "expected zh or en")
        settings.values["lang"], settings.sources["lang"] = env.lower(), ENVIRONMENT
    for key, value in command_line.items():
        if value is None or value == () or value == [] or value == {}:
            continue
        if key == "limits":  # each limit on its own: --limit time-s=5 keeps the config's other limits
            value = {**settings.values["limits"], **value}
        settings.values[key] = list(value) if isinstance(value, tuple) else value
        settings.sources[key] = COMMAND_LINE
    return settings


SOURCE_ZH = {DEFAULT_SOURCE: "默认", COMMAND_LINE: "命令行", ENVIRONMENT: f"环境变量 {ENV_LANG}"}


def describe(settings: Settings, lang: str = "en") -> list[str]:
    """One line per setting, `key = value  # source`, in TOML syntax so it can be pasted into a config file."""
    def source(key: str) -> str:
        where = settings.sources[key]
        return SOURCE_ZH.get(where, where) if lang == "zh" else where

    rows = [(key, _toml_value(settings.values[key]), source(key)) for key in DEFAULTS]
    width = max(len(f"{k} = {v}") for k, v, _ in rows)
    return [f"{f'{k} = {v}':<{width}}  # {source}" for k, v, source in rows]


def _toml_value(value: Any) -> str:
    if value is None:
        return '""'
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }" if value else "{}"
    return str(value)
