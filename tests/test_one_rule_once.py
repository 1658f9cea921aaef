"""Each rule is written once: dates are read in dates.py, sizes shown by sizes.py, item kinds and groups
named in catalogue/model.py, the history chain computed in hashchain.py. A second copy fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "fazhi_desktop"
# The names of item kinds and groups, and the other spellings they had before they were named once.
_KIND_AND_GROUP_NAMES = {"任务", "指标", "加分项", "减分项", "附加项", "工作计划", "示范创建指标", "指标体系"}
_SIZE_UNIT = re.compile(r"^\s*(B|KB|MB|GB)\b")


def _modules(skip: set[str]) -> list[tuple[str, ast.AST]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel not in skip:
            found.append((rel, ast.parse(path.read_text(encoding="utf-8"))))
    return found


def date_patterns(tree: ast.AST) -> list[int]:
    """Lines of string literals that read a Chinese date (a digit pattern next to 年/月/日)."""
    return [
        n.lineno
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant)
        and isinstance(n.value, str)
        and "\\d" in n.value
        and re.search("[年月日]", n.value)
    ]


def size_formats(tree: ast.AST) -> list[int]:
    """Lines of f-strings that print a number followed by a size unit (`{n / 1024:.1f} KB`)."""
    lines = []
    for n in ast.walk(tree):
        if isinstance(n, ast.JoinedStr):
            for before, after in zip(n.values, n.values[1:], strict=False):
                if (
                    isinstance(before, ast.FormattedValue)
                    and isinstance(after, ast.Constant)
                    and _SIZE_UNIT.match(str(after.value))
                ):
                    lines.append(n.lineno)
    return lines


def kind_name_tables(tree: ast.AST) -> list[int]:
    """Lines of dict literals that give an item kind or group its Chinese name (per-kind wording such
    as the question an adjustment item asks is not a name)."""
    keys = {"task", "indicator", "bonus", "deduction", "section", "area", "adjustments"}
    return [
        n.lineno
        for n in ast.walk(tree)
        if isinstance(n, ast.Dict)
        and any(
            isinstance(k, ast.Constant)
            and k.value in keys
            and isinstance(v, ast.Constant)
            and isinstance(v.value, str)
            and v.value.strip("：:") in _KIND_AND_GROUP_NAMES
            for k, v in zip(n.keys, n.values, strict=True)
        )
    ]


def chain_rules(tree: ast.AST) -> list[int]:
    """Lines of functions that compute a SHA-256 over a previous hash (the chain rule)."""
    lines = []
    for n in ast.walk(tree):
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef):
            source = ast.unparse(n)
            if "sha256(" in source and re.search(r"\bprev\w*\s*\+", source):
                lines.append(n.lineno)
    return lines


@pytest.mark.parametrize(
    ("finder", "owner"),
    [
        (date_patterns, "dates.py"),
        (size_formats, "sizes.py"),
        (kind_name_tables, "catalogue/model.py"),
        (chain_rules, "hashchain.py"),
    ],
)
def test_each_rule_is_written_only_in_its_module(finder, owner):
    # The Qt layer formats through Qt's translation strings; it is checked by its own tests.
    copies = [
        f"{rel}:{lines}"
        for rel, tree in _modules({owner})
        if not rel.startswith("ui/")
        if (lines := finder(tree))
    ]
    assert copies == []
    assert finder(ast.parse((PACKAGE / owner).read_text(encoding="utf-8")))  # the finder sees the rule at all


@pytest.mark.parametrize(
    ("finder", "source"),
    [
        (date_patterns, 'X = re.compile(r"(\\d{4})年(\\d{1,2})月")'),
        (size_formats, 'def f(n):\n    return f"{n / 1024**2:.1f} MB"'),
        (kind_name_tables, 'NAMES = {"task": "任务", "indicator": "指标"}'),
        (chain_rules, "def h(prev, body):\n    return hashlib.sha256((prev + body).encode()).hexdigest()"),
    ],
)
def test_a_second_copy_would_be_found(finder, source):
    assert finder(ast.parse(source))
