"""An argparse parser that speaks Chinese: usage errors and help headings in the clerk's language.

argparse writes its own messages in English ("error: argument --year: invalid int value: 'abc'").
Its message templates are few and stable, so they are translated here by pattern; anything not
recognised is shown as it is, after the Chinese "参数有误".
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from typing import NoReturn, TypeAlias

_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), template)
    for pattern, template in (
        (r"^the following arguments are required: (?P<a>.+)$", "缺少必需的参数：{a}"),
        (r"^unrecognized arguments: (?P<a>.+)$", "无法识别的参数：{a}"),
        (r"^one of the arguments (?P<a>.+) is required$", "以下参数必须指定其中一个：{a}"),
        (r"^ambiguous option: (?P<a>\S+) could match (?P<b>.+)$", "选项 {a} 不明确，可能是：{b}"),
        (r"^argument (?P<a>\S+): invalid int value: '(?P<v>.*)'$", "参数 {a} 需要一个整数，收到“{v}”"),
        (r"^argument (?P<a>\S+): invalid float value: '(?P<v>.*)'$", "参数 {a} 需要一个数字，收到“{v}”"),
        (r"^argument (?P<a>\S+): invalid \S+ value: '(?P<v>.*)'$", "参数 {a} 的值“{v}”无效"),
        (r"^argument (?P<a>\S+): expected one argument$", "参数 {a} 后面需要一个值"),
        (r"^argument (?P<a>\S+): expected at most one argument$", "参数 {a} 后面最多只能有一个值"),
        (r"^argument (?P<a>\S+): expected at least one argument$", "参数 {a} 后面至少需要一个值"),
        (r"^argument (?P<a>\S+): not allowed with argument (?P<b>\S+)$", "参数 {a} 不能与 {b} 同时使用"),
        (r"^argument (?P<a>\S+): ignored explicit argument '(?P<v>.*)'$", "参数 {a} 不接受值“{v}”"),
        (r"^argument (?P<a>\S+): (?P<m>.+)$", "参数 {a}：{m}"),
    )
)

_HELP_WORDS = (
    ("usage: ", "用法："),
    ("positional arguments:", "位置参数："),
    ("options:", "选项："),
    ("show this help message and exit", "显示本帮助并退出"),
    ("show program's version number and exit", "显示版本号并退出"),
)


_CHOICE = re.compile(r"^argument (?P<a>\S+): invalid choice: '(?P<v>.*)' \(choose from (?P<c>.+)\)$")


def translate_error(message: str) -> str:
    """An argparse error message in Chinese."""
    m = _CHOICE.match(message)
    if m:
        choices = "、".join(c.strip().strip("'") for c in m.group("c").split(","))
        if m.group("a") == "<子命令>" or m.group("a").startswith("{"):
            return f"没有名为“{m.group('v')}”的子命令，可用：{choices}"
        return f"参数 {m.group('a')} 的值“{m.group('v')}”无效，可选：{choices}"
    for pattern, template in _ERRORS:
        m = pattern.match(message)
        if m:
            return template.format(**m.groupdict())
    return f"参数有误：{message}"


def _chinese(text: str) -> str:
    for english, chinese in _HELP_WORDS:
        text = text.replace(english, chinese)
    return text


class ChineseArgumentParser(argparse.ArgumentParser):
    """`ArgumentParser` whose usage errors and help read in Chinese; sub-parsers inherit the class."""

    def format_usage(self) -> str:
        return _chinese(super().format_usage())

    def format_help(self) -> str:
        return _chinese(super().format_help())

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"错误：{translate_error(message)}（{self.prog} --help 查看用法）\n")


# What `add_subparsers` returns: the verbs of the program, or of one verb group.
Verbs: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def verb_group(sub: Verbs, name: str, help: str, metavar: str) -> Verbs:
    """A verb with verbs of its own (`backup list`, `backup now` …); the chosen one is `args.<name>_verb`."""
    group = sub.add_parser(name, help=help)
    return group.add_subparsers(dest=f"{name}_verb", required=True, metavar=metavar)


def verb(
    sub: Verbs,
    name: str,
    help: str,
    func: Callable[[argparse.Namespace], int],
    *,
    json: bool | str = False,
) -> argparse.ArgumentParser:
    """One verb run by `func`; `json`: it takes `--json` (a string: that option's help)."""
    p = sub.add_parser(name, help=help)
    if json:
        p.add_argument("--json", action="store_true", help="以 JSON 输出" if json is True else json)
    p.set_defaults(func=func)
    return p
