"""Printing for the command line: JSON for scripts, aligned Chinese text for people."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_result(as_json: bool, data: Any, lines: list[str]) -> int:
    """`data` as JSON (`--json`, for scripts) or `lines` (for people); the command's exit status."""
    if as_json:
        print_json(data)
    else:
        print_lines(lines)
    return 0


def print_lines(lines: list[str]) -> None:
    sys.stdout.write("\n".join(lines) + ("\n" if lines else ""))
