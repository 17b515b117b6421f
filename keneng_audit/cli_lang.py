"""The language of the command line before its options are parsed (error lines, --help), click's usage
messages said in Chinese, and help texts given in one language."""

from __future__ import annotations

import inspect
import os
import re
import sys
from pathlib import Path

import click

from keneng_audit.config import ENV_LANG
from keneng_audit.errors import one_language


def env_lang() -> str | None:
    """The language the environment asks for (KENENG_AUDIT_LANG), if it names one we speak. LANG is not read:
    the servers and CI runners of Chinese schools mostly say en_US.UTF-8 or C, and Chinese is the default."""
    value = os.environ.get(ENV_LANG, "").strip().lower()
    return value if value in ("zh", "en") else None


def _error_lang(args: list[str]) -> str:
    """The language of an error line or of --help, also before the options were read: --lang on the command
    line, else KENENG_AUDIT_LANG, else `lang` of the config file found from here, else Chinese."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in ("zh", "en"):
            return args[i + 1]
        if arg.startswith("--lang=") and arg[7:] in ("zh", "en"):
            return arg[7:]
    if env_lang():
        return env_lang()
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
    (r"^Missing command\.$", lambda m: "缺少命令"),
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


# click's own help words, in Chinese for a Chinese help text.
_HELP_ZH = {"Options": "选项", "Commands": "命令", "Arguments": "参数",
            "Show this message and exit.": "显示本帮助并退出。", "Show the version and exit.": "显示版本号并退出。"}
_EXTRA = re.compile(r"^(.*?)(\s*\[[^\[\]]*\])?$", re.S)  # click's "  [default: 1; x>=0]" after an option's help


def help_lang(ctx: click.Context | None) -> str:
    """The language of the help being printed: that of the whole command line (see `_error_lang`)."""
    root = ctx.find_root().command if ctx is not None else None
    given = getattr(root, "given", None)
    return _error_lang(list(given) if given is not None else sys.argv[1:])


def one_language_help(text: str, lang: str) -> str:
    """A help text written "中文 / English" (paragraph by paragraph) in one language, click's words included."""
    found = _EXTRA.match(text)
    body, extra = found[1], found[2] or ""
    body = "\n\n".join(one_language(part, lang, details=False) for part in body.split("\n\n"))
    if lang == "zh":
        body = _HELP_ZH.get(body, body)
        extra = extra.replace("[default: ", "[默认：").replace("[required]", "[必填]")
    return body + extra


class HelpFormatter(click.HelpFormatter):
    """click's formatter, writing every help text in one language."""

    def __init__(self, lang: str, **kwargs):
        super().__init__(**kwargs)
        self.lang = lang

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "用法：" if prefix is None and self.lang == "zh" else prefix)

    def write_heading(self, heading: str) -> None:
        if self.lang == "zh":
            self.write(f"{'':>{self.current_indent}}{_HELP_ZH.get(heading, heading)}：\n")
        else:
            super().write_heading(heading)

    def write_text(self, text: str) -> None:
        super().write_text(one_language_help(text, self.lang))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(term, one_language_help(text, self.lang)) for term, text in rows]
        if self.lang != "zh":
            return super().write_dl(rows, col_max, col_spacing)
        from keneng_audit.reporters._wrap import display_width, wrap_line  # only when help is printed

        # click measures text by characters; Chinese takes two columns each: wrapped by display width instead.
        first = min(max(display_width(term) for term, _ in rows), col_max) + col_spacing
        indent = " " * (first + self.current_indent)
        for term, text in rows:
            self.write(f"{'':>{self.current_indent}}{term}")
            if not text:
                self.write("\n")
                continue
            fits = display_width(term) <= first - col_spacing
            self.write(" " * (first - display_width(term)) if fits else "\n" + indent)
            width = max(self.width - first - 2, 10)
            body, extra = _EXTRA.match(text).groups()
            lines = wrap_line(body, width) if body else [""]
            if extra and display_width(lines[-1] + extra) > width:  # click's "[默认：1; x>=0]" is never cut
                lines.append(extra.strip())
            elif extra:
                lines[-1] = (lines[-1] + extra).strip()
            self.write("\n".join([lines[0], *(indent + line for line in lines[1:])]) + "\n")


class HelpContext(click.Context):
    """A context whose help is written in the language of the command line."""

    def make_formatter(self) -> click.HelpFormatter:
        return HelpFormatter(help_lang(self), width=self.terminal_width, max_width=self.max_content_width)


class HelpCommand(click.Command):
    """A command whose help, and its line in the list of commands, is in one language."""

    context_class = HelpContext

    def get_short_help_str(self, limit: int = 45) -> str:
        from keneng_audit.reporters._wrap import display_width

        text = inspect.cleandoc(self.short_help or self.help or "").partition("\n\n")[0].replace("\n", " ")
        text = one_language(text, help_lang(click.get_current_context(silent=True)), details=False)
        if display_width(text) <= limit:
            return text
        while text and display_width(text) > limit - 3:  # by display width: a Chinese character takes two columns
            text = text[:-1]
        return (text.rsplit(" ", 1)[0] if " " in text and text.isascii() else text).rstrip(" ,;:，；：") + "..."
