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
