"""The project's own error types, each with its message in Chinese and English; the CLI prints one of them."""

from __future__ import annotations

import re

# "中文 / English": the separator of the older one-string form, where the Chinese half ends and the English
# half begins (an ASCII letter, a quote or a bracket after the slash).
_SEPARATOR = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef\w)\]}'\"”]) ?/ (?=[A-Za-z(\['\"“{-])")
_CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")


class KenengError(Exception):
    """Base of every error the CLI reports as a one-line message with exit code 2.

    `KenengError(zh, en)` holds both languages; `say(lang)` gives one. A single "中文 / English" text (the older
    form) is split at its separator, so the command line never prints both.
    """

    def __init__(self, zh: str, en: str | None = None):
        super().__init__(zh, en)
        self.zh, self.en = zh, en

    def __str__(self) -> str:
        """Both halves in the one-string form `one_language` splits: "a.txt: 文件为空 / the file is empty" (what
        both halves begin with, up to a colon, is said once)."""
        if self.en is None:
            return self.zh
        shared = 0
        for i, (a, b) in enumerate(zip(self.zh, self.en)):
            if a != b:
                break
            if self.zh.startswith(": ", i) and self.en.startswith(": ", i):
                shared = i + 2
        return f"{self.zh} / {self.en[shared:]}"

    def say(self, lang: str) -> str:
        if self.en is None:
            return one_language(self.zh, lang)
        return self.zh if lang == "zh" else self.en

    def prefixed(self, prefix: str) -> KenengError:
        """The same error with `prefix` ("rules.yaml:12: ") before the message in both languages."""
        if self.en is None:
            zh, en = one_language(self.zh, "zh"), one_language(self.zh, "en")
            return type(self)(prefix + zh, prefix + en if en != zh else None)
        return type(self)(prefix + self.zh, prefix + self.en)


def one_language(text: str, lang: str, details: bool = True) -> str:
    """One half of a "中文 / English" message: "a.txt: 文件为空 / the file is empty" → "a.txt: 文件为空" (zh) or
    "a.txt: the file is empty" (en); what precedes the Chinese (a file name and a colon) stays in both. A text
    without such a separator is returned as it is. With `details`, a Chinese half keeps what only the English
    half adds at its end (an OS reason, an exception); help texts, written whole in both languages, do not."""
    for match in _SEPARATOR.finditer(text):
        left, right = text[: match.start()], text[match.end():]
        first = _CJK.search(left)
        if first is None or len(_CJK.findall(right)) * 4 > len(right):
            continue  # no Chinese before it, or more Chinese after: a slash inside one language ("part / whole")
        if lang == "zh" and not details:
            return left
        if lang == "zh":  # a detail the English half adds ("(Permission denied)", "internal error: ValueError: x")
            detail = re.search(r" ?\(([^()]*)\)$", right)
            if detail and detail[1] not in left and not left.endswith("）"):
                return f"{left}（{detail[1]}）"
            label, colon, tail = right.partition(": ")
            if colon and re.fullmatch(r"[A-Za-z ]+", label) and tail not in left and _CJK.search(left[-1:]):
                return f"{left}：{tail}"
            return left
        cut = max(left.rfind(": ", 0, first.start()), left.rfind("：", 0, first.start()))
        prefix = left[: cut + (2 if left.startswith(": ", cut) else 1)] if cut >= 0 else ""
        return prefix + right
    return text


class Invalid(ValueError):
    """A value a validator refuses, said in Chinese and English: raised inside pydantic validators (rule files,
    vocabulary, regular expressions), whose `value_error` then carries both halves (see `pydantic_problem`)."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


def pydantic_problem(error: dict) -> tuple[str, str]:
    """One pydantic validation error (of a rule file or a config file) in Chinese and English."""
    kind, ctx, msg = error.get("type", ""), error.get("ctx") or {}, str(error.get("msg", ""))
    if isinstance(ctx.get("error"), Invalid):
        return ctx["error"].zh, ctx["error"].en
    detail = msg.removeprefix("Value error, ")
    said = {
        "extra_forbidden": ("未知参数（拼写错误？）", "unknown parameter (misspelt?)"),
        "missing": ("缺少此项", "missing"),
        "literal_error": (f"取值无效，可选：{ctx.get('expected', '')}", f"invalid value, expected {ctx.get('expected', '')}"),
        "int_parsing": ("应为整数", "must be a whole number"), "int_type": ("应为整数", "must be a whole number"),
        "int_from_float": ("应为整数", "must be a whole number"),
        "float_parsing": ("应为数字", "must be a number"), "float_type": ("应为数字", "must be a number"),
        "bool_parsing": ("应为 true 或 false", "must be true or false"),
        "bool_type": ("应为 true 或 false", "must be true or false"),
        "string_type": ("应为文字", "must be text"), "list_type": ("应为列表", "must be a list"),
        "dict_type": ("应为映射（键: 值）", "must be a mapping (key: value)"),
        "model_type": ("应为映射（键: 值）", "must be a mapping (key: value)"),
        "model_attributes_type": ("应为映射（键: 值）", "must be a mapping (key: value)"),
        "greater_than": (f"应大于 {ctx.get('gt')}", f"must be greater than {ctx.get('gt')}"),
        "greater_than_equal": (f"应不小于 {ctx.get('ge')}", f"must be at least {ctx.get('ge')}"),
        "less_than": (f"应小于 {ctx.get('lt')}", f"must be less than {ctx.get('lt')}"),
        "less_than_equal": (f"应不大于 {ctx.get('le')}", f"must be at most {ctx.get('le')}"),
        "too_short": ("项数太少", "too few items"), "too_long": ("项数太多", "too many items"),
        "string_too_short": ("不能为空", "must not be empty"),
        "string_pattern_mismatch": (f"格式不符（应匹配 {ctx.get('pattern', '')}）",
                                    f"does not match the pattern {ctx.get('pattern', '')}"),
        "tuple_type": ("应为列表", "must be a list"),
        "union_tag_invalid": (f"取值无效，可选：{ctx.get('expected_tags', '')}",
                              f"invalid value, expected {ctx.get('expected_tags', '')}"),
    }
    if kind in said:
        return said[kind]
    return f"取值无效（{detail}）", f"invalid value ({detail})"


# PyYAML's problems as a Chinese writer of a rule file needs them; any other is shown as PyYAML says it.
_YAML_ZH = (
    (r"did not find expected '-' indicator", "缺少列表项的 '-'（缩进有误？）"),
    (r"did not find expected key", "缺少键（缩进有误？）"),
    (r"did not find expected node content", "此处缺少内容（括号或引号未闭合？）"),
    (r"did not find expected ('.+') or ('.+')", r"缺少 \1 或 \2"),
    (r"did not find expected ('.+')", r"缺少 \1"),
    (r"could not find expected ':'", "缺少 ':'"),
    (r"mapping values are not allowed (?:here|in this context)", "此处不能出现映射（冒号后缺空格，或缩进有误？）"),
    (r"found character (?:'\\t' )?that cannot start any token", "此处的字符不能开始一项（制表符？YAML 只能用空格缩进）"),
    (r"found character (.+) that cannot start any token", r"字符 \1 不能出现在这里"),
    (r"found undefined alias(?: (.+))?", r"未定义的别名 \1"),
    (r"found unexpected end of stream", "文件意外结束（引号或括号未闭合？）"),
    (r"found unknown escape character(?: (.+))?", r"未知的转义字符 \1"),
    (r"expected <block end>, but found (.+)", r"缩进有误：此处不应出现 \1"),
    (r"found duplicate anchor(?: (.+))?", r"重复的锚点 \1"),
)


def yaml_problem(exc: Exception) -> tuple[str, str]:
    """A YAML parser error's problem in Chinese and English (the line is the caller's)."""
    problem = str(getattr(exc, "problem", None) or type(exc).__name__)
    for pattern, zh in _YAML_ZH:
        found = re.fullmatch(pattern, problem)
        if found:
            return found.expand(zh).rstrip(), problem
    return problem, problem


def syntax_position(exc: Exception) -> str:
    """Where a TOML or JSON parser stopped, in Chinese: "第 3 行第 7 列" (empty when it does not say)."""
    line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    if line is None:  # tomllib (Python 3.11) says it only in its text: "… (at line 3, column 7)"
        found = re.search(r"at line (\d+), column (\d+)", str(exc))
        line, column = (int(found[1]), int(found[2])) if found else (None, None)
    if line is None:
        return ""
    return f"第 {line} 行" + (f"第 {column} 列" if column else "")


class InputError(KenengError):
    """A report cannot be read (missing, empty, binary, undecodable, unsupported, corrupt)."""


class RuleFileError(KenengError):
    """A rule file is broken: YAML error, unknown kind, bad parameter, duplicate id, unknown table."""


class ConfigError(KenengError):
    """A configuration file or option is invalid."""
