"""Every verb of the command line is documented in docs/cli.md and answers --help."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from fazhi_desktop.cli.main import build_parser

DOC = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")


def _verbs() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def test_there_are_verbs():
    assert {"plan", "assigned", "init", "check", "evidence", "export", "verify", "doctor"} <= set(_verbs())


@pytest.mark.parametrize("verb", _verbs())
def test_verb_is_documented(verb):
    assert f"## `{verb}`" in DOC


@pytest.mark.parametrize("verb", _verbs())
def test_verb_help(cli, verb):
    r = cli(verb, "--help")
    assert r.code == 0 and r.out.startswith("用法：") and "usage" not in r.out


def _arguments(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(verb path, argument) for every argument of every verb and sub-verb."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _arguments(sub, (*path, name))
        elif action.dest != "help":
            yield path, action


def test_every_argument_says_in_chinese_what_it_is():
    """`--help` lists each argument with a line of Chinese, not a bare FILE or UNIT."""
    bare = [
        f"{' '.join(path)} {'/'.join(action.option_strings) or action.dest}"
        for path, action in _arguments(build_parser())
        if not action.help or not any("\u4e00" <= ch <= "\u9fff" for ch in action.help)
    ]
    assert bare == []
