"""One owner per table: SQL naming a table may stand only in the module that owns it.

Every other module calls the owner's typed functions, so a table's rules (what a row means, what must be
written with it, which history row goes along) live in one place. The schema itself (db/*.sql, applied by
store/migrations.py) is the one exception.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "fazhi_desktop"
SCHEMA_DIR = PACKAGE.parent / "db"

# table -> the module (relative to fazhi_desktop/) that alone writes SQL against it
OWNERS: dict[str, str] = {
    "plans": "selfcheck/profile.py",
    "unit_profile": "selfcheck/profile.py",
    "bureau_key": "selfcheck/bureau_trust.py",
    "periods": "selfcheck/profile.py",
    "assessments": "selfcheck/assessments.py",
    "blobs": "evidence/records.py",
    "evidence": "evidence/records.py",
    "evidence_items": "evidence/records.py",
    "history": "selfcheck/history.py",
    "packages": "selfcheck/packages.py",
    "settings": "settings.py",
    "period_narratives": "selfcheck/narratives.py",
    # The bureau's reviewer store (review.db, its own migration set in review/migrations.py).
    "bureau": "review/store.py",
    "rounds": "review/store.py",
    "unit_keys": "review/trust.py",
    "received_packages": "review/received.py",
    "answers": "review/received.py",
    "evidence_files": "review/received.py",
    "package_evidence": "review/received.py",
    "batches": "review/received.py",
    "quarantine": "review/received.py",
    "reviews": "review/scoring.py",
    "review_settings": "review/scoring.py",
    "rectifications": "review/ledger.py",
    "returns": "review/returns.py",
    "receipts": "review/returns.py",
    # The unit's side of returns and receipts (migration 0005).
    "returns_received": "selfcheck/returns.py",
    "return_items": "selfcheck/returns.py",
    "receipts_received": "selfcheck/returns.py",
}
# The two migration modules apply db/schema.sql and the numbered migrations of each store.
SCHEMA_OWNERS = frozenset({"store/migrations.py", "review/migrations.py"})

_NAMED = re.compile(
    r"\b(?:FROM|JOIN|INTO|UPDATE|TABLE(?:\s+IF\s+(?:NOT\s+)?EXISTS)?|INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?\w+\s+ON)"
    r"\s+[\"`\[]?(\w+)",
    re.IGNORECASE,
)
_CREATED = re.compile(r"\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?[\"`\[]?(\w+)", re.IGNORECASE)


def _string_texts(tree: ast.AST) -> list[tuple[int, str]]:
    """Every string literal except docstrings; f-strings with their holes as `{}`; `a + b` joined."""
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant | ast.JoinedStr)
    }

    def text(node: ast.AST) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr):
            return "".join(text(v) or " {} " for v in node.values)
        if isinstance(node, ast.FormattedValue):
            return None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = text(node.left), text(node.right)
            if left is not None or right is not None:
                return (left or " {} ") + (right or " {} ")
        return None

    found = []
    for node in ast.walk(tree):
        if id(node) in docstrings:
            continue
        if isinstance(node, ast.Constant | ast.JoinedStr | ast.BinOp):
            t = text(node)
            if t is not None:
                found.append((node.lineno, t))
    return found


def tables_named(source: str) -> dict[str, list[int]]:
    """The known tables that SQL in `source` names, with the lines where it does."""
    named: dict[str, list[int]] = {}
    for line, text in _string_texts(ast.parse(source)):
        for m in _NAMED.finditer(text):
            if m.group(1) in OWNERS:
                named.setdefault(m.group(1), []).append(line)
    return named


def stray_sql(package: Path = PACKAGE) -> list[str]:
    strays = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        if rel in SCHEMA_OWNERS:
            continue
        for table, lines in tables_named(path.read_text(encoding="utf-8")).items():
            if OWNERS[table] != rel:
                where = ", ".join(str(n) for n in sorted(set(lines)))
                strays.append(f"{rel}:{where} names table {table} (owner: {OWNERS[table]})")
    return strays


def test_sql_names_a_table_only_in_its_owner():
    assert stray_sql() == []


def test_every_table_of_the_schema_has_an_owner_that_exists():
    sources = [p.read_text(encoding="utf-8") for p in sorted(SCHEMA_DIR.glob("*.sql"))]
    sources.append((PACKAGE / "store" / "migrations.py").read_text(encoding="utf-8"))
    created = {t for s in sources for t in _CREATED.findall(s)}
    assert "history" in created and "evidence_items" in created  # the scan reads the schema at all
    assert sorted(created - set(OWNERS)) == []
    for owner in set(OWNERS.values()):
        assert (PACKAGE / owner).is_file(), owner


@pytest.mark.parametrize(
    "stray",
    [
        'db.execute("SELECT hash FROM history ORDER BY id DESC LIMIT 1")',
        "db.execute('select count(*) from evidence_items')",
        'db.execute(f"UPDATE unit_profile SET {field} = ?", [v])',
        'db.execute("DELETE FROM blobs WHERE sha256 = ?", [s])',
        'sql = "SELECT e.id FROM evidence e" + " LEFT JOIN blobs b ON b.sha256 = e.sha256"',
        'db.execute("INSERT OR IGNORE INTO packages (package_id) VALUES (?)", [p])',
        'db.execute("CREATE INDEX extra ON assessments(item_id)")',
    ],
)
def test_the_scan_finds_sql_in_the_forms_the_code_uses(stray):
    assert tables_named(stray)


def test_the_scan_ignores_docstrings_and_prose():
    source = '"""Rows come from history and go into evidence."""\nx = "本期佐证材料"\ny = "from"\n'
    assert tables_named(source) == {}


def test_a_stray_query_in_a_copy_of_the_tree_fails(tmp_path):
    for path in PACKAGE.rglob("*.py"):
        target = tmp_path / path.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    assert stray_sql(tmp_path) == []
    doctor = tmp_path / "safety" / "doctor.py"
    doctor.write_text(
        doctor.read_text(encoding="utf-8")
        + '\n\ndef _count(db):\n    return db.execute("SELECT COUNT(*) FROM history")\n',
        encoding="utf-8",
    )
    assert [s.split(":")[0] for s in stray_sql(tmp_path)] == ["safety/doctor.py"]
