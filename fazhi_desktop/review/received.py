"""What the bureau has received (owner of `received_packages`, `answers`, `evidence_files`,
`package_evidence`, `batches` and `quarantine` in the reviewer store): typed reads and the writes the
import makes. Every other module goes through these functions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fazhi_desktop.jsonfields import json_fields
from fazhi_desktop.review.store import InRound, Round, current_round
from fazhi_desktop.store.db import utc_now, write_transaction

if TYPE_CHECKING:
    from sqlite_utils import Database


STANDING_NAMES = {
    "current": "现行",
    "superseded": "已被新版本取代",
    "late": "迟到的旧版本",
    "unregistered": "未登记",
}
# A package row's fields under other names in JSON (the command line's `--json`).
_JSON_NAMES = {"unit_name": "unit", "period_label": "period", "zip_sha256": "sha256"}


@dataclass(frozen=True)
class PackageRow(InRound):
    package_id: str
    unit_name: str
    unit_kind: str
    sequence: int
    supersedes: str | None
    answers_return: str | None
    created: str
    standing: str
    imported_at: str
    zip_sha256: str
    size: int
    key_fingerprint: str
    source_path: str
    plan_id: str
    period_label: str

    def to_dict(self) -> dict[str, object]:
        fields = json_fields(self, rename=_JSON_NAMES, omit={"unit_kind", "key_fingerprint", "source_path"})
        return fields | {"standing_name": STANDING_NAMES[self.standing]}


@dataclass(frozen=True)
class AnswerRow:
    item_id: str
    kind: str
    role: str
    answered: bool
    work_status: str
    result: str | None
    complete: bool
    points: float | None
    self_score: float | None


_COLS = (
    "package_id, unit_name, unit_kind, sequence, supersedes, answers_return, created, standing, imported_at,"
    " zip_sha256, size, key_fingerprint, source_path, plan_id, period_label"
)


# By unit; a unit's rounds in the order they began arriving (sequence numbers start again each period).
_IN_ORDER = (
    " ORDER BY unit_name, (SELECT MIN(q.imported_at) FROM received_packages q WHERE q.unit_name ="
    " received_packages.unit_name AND q.plan_id = received_packages.plan_id AND q.period_label ="
    " received_packages.period_label), plan_id, period_label, sequence, imported_at"
)


def _rows(db: Database, where: str, args: list[object]) -> list[PackageRow]:
    return [
        PackageRow(*r) for r in db.execute(f"SELECT {_COLS} FROM received_packages {where}", args).fetchall()
    ]


def packages(
    db: Database,
    *,
    standing: str | None = None,
    unit_name: str | None = None,
    in_round: Round | None = None,
) -> list[PackageRow]:
    """Received packages of every round, by unit then sequence (optionally one standing, unit or round).
    A standing holds within a round: each round has its own current package per unit."""
    clauses: list[str] = []
    args: list[object] = []
    if in_round is not None:
        clauses.append("plan_id = ? AND period_label = ?")
        args += [in_round.plan_id, in_round.period_label]
    if standing is not None:
        clauses.append("standing = ?")
        args.append(standing)
    if unit_name is not None:
        clauses.append("unit_name = ?")
        args.append(unit_name)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    return _rows(db, where + _IN_ORDER, list(args))


def current_package(db: Database, unit_name: str, in_round: Round | None = None) -> PackageRow | None:
    """The unit's current package in `in_round` (the bureau's current round by default)."""
    found = packages(db, standing="current", unit_name=unit_name, in_round=in_round or current_round(db))
    return found[0] if found else None


def package_by_hash(db: Database, zip_sha256: str) -> PackageRow | None:
    found = _rows(db, "WHERE zip_sha256 = ?", [zip_sha256])
    return found[0] if found else None


def packages_by_id_prefix(db: Database, prefix: str) -> list[PackageRow]:
    return _rows(db, "WHERE package_id LIKE ?", [prefix.replace("%", "").replace("_", "\\_") + "%"])


def package_by_id(db: Database, package_id: str) -> PackageRow | None:
    found = _rows(db, "WHERE package_id = ?", [package_id])
    return found[0] if found else None


def round_counts(db: Database) -> dict[Round, tuple[int, int]]:
    """Per round: (units counted — those with a current package, as the county picture counts them —,
    packages received in all, of any standing)."""
    rows = db.execute(
        "SELECT plan_id, period_label, COUNT(DISTINCT CASE WHEN standing = 'current' THEN unit_name END),"
        " COUNT(*) FROM received_packages GROUP BY plan_id, period_label"
    ).fetchall()
    return {Round(r[0], r[1]): (int(r[2]), int(r[3])) for r in rows}


def unit_names(db: Database) -> set[str]:
    return {r[0] for r in db.execute("SELECT DISTINCT unit_name FROM received_packages")}


def results_of(db: Database, package_id: str) -> dict[str, Any]:
    row = db.execute(
        "SELECT results_json FROM received_packages WHERE package_id = ?", [package_id]
    ).fetchone()
    obj: dict[str, Any] = json.loads(row[0])
    return obj


def answers_of(db: Database, package_id: str) -> list[AnswerRow]:
    rows = db.execute(
        "SELECT item_id, kind, role, answered, work_status, result, complete, points, self_score FROM answers"
        " WHERE package_id = ?",
        [package_id],
    ).fetchall()
    return [AnswerRow(r[0], r[1], r[2], bool(r[3]), r[4], r[5], bool(r[6]), r[7], r[8]) for r in rows]


def evidence_file(db: Database, package_id: str, evidence_id: str) -> tuple[str, str] | None:
    """(original name, sha256) of one evidence document of a package."""
    row = db.execute(
        "SELECT name, sha256 FROM package_evidence WHERE package_id = ? AND evidence_id = ?",
        [package_id, evidence_id],
    ).fetchone()
    return (row[0], row[1]) if row else None


def evidence_files(db: Database) -> list[tuple[str, int]]:
    return [(r[0], r[1]) for r in db.execute("SELECT sha256, size FROM evidence_files")]


def orphan_answers(db: Database) -> int:
    return int(
        db.execute(
            "SELECT COUNT(*) FROM answers WHERE package_id NOT IN (SELECT package_id FROM received_packages)"
        ).fetchone()[0]
    )


def quarantined(db: Database, *, last_batch_only: bool = True) -> list[tuple[str, str | None, str, str]]:
    """(source path, unit, code, reason) of the files not taken in."""
    where = " WHERE batch_id = (SELECT MAX(id) FROM batches)" if last_batch_only else ""
    rows = db.execute(
        f"SELECT source_path, unit_name, code, reason FROM quarantine{where} ORDER BY id"
    ).fetchall()
    return [(r[0], r[1], r[2], r[3]) for r in rows]


# --- writes (the import) ----------------------------------------------------------------------------


def start_batch(db: Database) -> int:
    with write_transaction(db):
        return int(db.execute("INSERT INTO batches (started_at) VALUES (?)", [utc_now()]).lastrowid or 0)


def finish_batch(db: Database, batch_id: int, outcome: str) -> None:
    with write_transaction(db):
        db.execute(
            "UPDATE batches SET finished_at = ?, outcome = ? WHERE id = ?", [utc_now(), outcome, batch_id]
        )


def record_quarantine(
    db: Database, batch_id: int, source: str, code: str, reason: str, unit: str | None, package_id: str | None
) -> None:
    with write_transaction(db):
        db.execute(
            "INSERT INTO quarantine (batch_id, source_path, code, reason, unit_name, package_id, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [batch_id, source, code, reason, unit, package_id, utc_now()],
        )


def has_id(db: Database, package_id: str) -> bool:
    return (
        db.execute("SELECT 1 FROM received_packages WHERE package_id = ?", [package_id]).fetchone()
        is not None
    )


def set_standing(db: Database, package_id: str, standing: str) -> None:
    db.execute("UPDATE received_packages SET standing = ? WHERE package_id = ?", [standing, package_id])


def mark_superseded(db: Database, package_id: str) -> None:
    db.execute("UPDATE received_packages SET standing = 'superseded' WHERE package_id = ?", [package_id])


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def insert_package(
    db: Database,
    values: dict[str, object],
    results: dict[str, Any],
) -> None:
    """One received package with its answers and evidence rows (inside the caller's transaction); the
    evidence files are already in blobs/."""
    values = {**values, "results_json": json.dumps(results, ensure_ascii=False)}
    cols = ", ".join(values)
    db.execute(
        f"INSERT INTO received_packages ({cols}) VALUES ({', '.join('?' for _ in values)})",
        list(values.values()),
    )
    package_id = values["package_id"]
    rows = [
        [
            package_id,
            item["id"],
            item["kind"],
            item["group_number"],
            item["role"],
            int(item["answered"]),
            int(item["optional"]),
            item["work_status"],
            item["result"],
            item["narrative"],
            item["problems"],
            item["measures"],
            item["deadline"],
            item["responsible_person"],
            _number(item.get("points")),
            _number(item.get("self_score")),
            int(item["answered"] and not item["missing"]),
            json.dumps(item["evidence"], ensure_ascii=False),
        ]
        for item in results["items"]
    ]
    db.conn.executemany(
        "INSERT INTO answers (package_id, item_id, kind, group_number, role, answered, optional,"
        " work_status, result, narrative, problems, measures, deadline, responsible_person, points,"
        " self_score, complete, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    for e in results["evidence"]:
        db.execute(
            "INSERT OR IGNORE INTO evidence_files (sha256, size) VALUES (?, ?)", [e["sha256"], e["size"]]
        )
        db.execute(
            "INSERT INTO package_evidence (package_id, evidence_id, name, sha256, items) VALUES (?, ?, ?, ?, ?)",
            [package_id, e["id"], e["name"], e["sha256"], json.dumps(e["items"], ensure_ascii=False)],
        )
