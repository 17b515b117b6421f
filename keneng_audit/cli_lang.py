"""The language of a command-line error line, and click's own usage messages said in Chinese."""

from __future__ import annotations

import re
from pathlib import Path

from keneng_audit.errors import one_language


def _error_lang(args: list[str]) -> str:
    """The language of an error line, also when the error came before the options were read: --lang on the
    command line, else `lang` of the config file found from here, else Chinese."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in ("zh", "en"):
            return args[i + 1]
        if arg.startswith("--lang=") and arg[7:] in ("zh", "en"):
            return arg[7:]
    try:  # the file as TOML only: its `lang` counts even when another setting in it is what failed
        import tomllib

        from keneng_audit.config import PYPROJECT, TOOL_TABLE, find_config

        found = find_config(Path.cwd())
        data = tomllib.loads(found.read_text(encoding="utf-8")) if found else {}
        if found and found.name == PYPROJECT:
            data = data.get("tool", {}).get(TOOL_TABLE, {})
        return data.get("lang") if data.get("lang") in ("zh", "en") else "zh"
    except Exception:  # noqa: BLE001 - an unreadable config: its error is said in Chinese
        return "zh"


# click's own usage messages, in Chinese for a Chinese run (the rest stay as click words them).
_CLICK_ZH = (
    (r"^No such option:? '?([^'\s]+?)'?\.?(?: Did you mean '?(.+?)'?\?| \(Possible options: (.+)\))?$",
     lambda m: f"没有选项 {m[1]}" + (f"（是否想用 {m[2] or m[3]}？）" if m[2] or m[3] else "")),
    (r"^No such command '(.+?)'\.(?: Did you mean '(.+?)'\?)?$",
     lambda m: f"没有命令 {m[1]}" + (f"（是否想用 {m[2]}？）" if m[2] else "")),
    (r"^Missing argument '(.+)'\.$", lambda m: f"缺少参数 {m[1]}"),
    (r"^Missing option '(.+)'\.$", lambda m: f"缺少选项 {m[1]}"),
    (r"^Option '(.+)' requires an argument\.$", lambda m: f"选项 {m[1]} 需要一个值"),
    (r"^Got unexpected extra arguments? \((.+)\)$", lambda m: f"多余的参数：{m[1]}"),
    (r"^Invalid value for '(.+?)': '(.*)' is not one of (.+)\.$", lambda m: f"{m[1]} 的取值 '{m[2]}' 无效，可选：{m[3]}"),
    (r"^Invalid value for '(.+?)': (.+)$", lambda m: f"{m[1]} 的取值无效：{m[2]}"),
)


def _usage_text(message: str, lang: str) -> str:
    """A click usage message in the language of the run."""
    message = one_language(message, lang)
    if lang == "zh":
        for pattern, say in _CLICK_ZH:
            found = re.match(pattern, message)
            if found:
                return say(found)
    return message
