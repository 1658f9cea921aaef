"""The reviewer store: `review.db` in the bureau's data directory, its received packages and its evidence.

Same rules as the unit's store (store/db.py does the opening: WAL, busy timeout, the copy aside before a
migration) with its own migration set. Layout of the reviewer data directory:

    review.db                    the store (this module and the review/* modules that own its tables)
    keys/bureau-key.json         the bureau's signing key (package/keys.py format)
    received/<sha256>.zip        every package that verified, byte for byte as received
    blobs/<aa>/<sha256>          evidence, content-addressed, kept once
    backups/                     copies of review.db (before a migration, before each import)
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fazhi_desktop.errors import FazhiError, StoreError
from fazhi_desktop.review.migrations import review_migrations
from fazhi_desktop.safety.backup import write_backup
from fazhi_desktop.store.db import DB_NAME, DataDirectory, open_database, utc_now, write_transaction

if TYPE_CHECKING:
    from sqlite_utils import Database


REVIEW_DB = "review.db"
RECEIVED_DIR = "received"
BLOB_DIR = "blobs"
BACKUP_DIR = "backups"
KEEP_IMPORT_BACKUPS = 10


class NotAReviewerStore(FazhiError):
    """The folder holds no reviewer store yet (or is a unit's data directory)."""


@dataclass(frozen=True)
class Round:
    """One collection: a plan and a period. Packages, reviews and ledger rows are keyed by it."""

    plan_id: str
    period_label: str


class InRound:
    """A record of one round (the bureau's, a package's, a claim's): `round` names it."""

    plan_id: str
    period_label: str

    @property
    def round(self) -> Round:
        return Round(self.plan_id, self.period_label)


@dataclass(frozen=True)
class Bureau(InRound):
    name: str
    plan_id: str
    plan_version: str
    period_label: str
    key_fingerprint: str
    created_at: str


def current_round(db: Database) -> Round:
    """The bureau's current round, for the modules that hold only the database."""
    row = db.execute("SELECT plan_id, period_label FROM bureau").fetchone()
    if row is None:
        raise NotAReviewerStore("审核数据尚未初始化：请先运行 fazhi-desktop review init")
    return Round(row[0], row[1])


@dataclass(frozen=True)
class RoundRecord(InRound):
    """A row of `rounds`: the round, the plan version it collected and when it began."""

    plan_id: str
    plan_version: str
    period_label: str
    started_at: str


def round_records(db: Database) -> list[RoundRecord]:
    """Every round the bureau has collected, the first one first (the last is the current one)."""
    rows = db.execute(
        "SELECT plan_id, plan_version, period_label, started_at FROM rounds ORDER BY id"
    ).fetchall()
    return [RoundRecord(str(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows]


def rounds(db: Database) -> list[tuple[Round, str]]:
    """Every round the bureau has collected with when it began, the first one first (the last is the
    current one)."""
    return [(r.round, r.started_at) for r in round_records(db)]


def round_started(db: Database, which: Round) -> str | None:
    row = db.execute(
        "SELECT started_at FROM rounds WHERE plan_id = ? AND period_label = ?",
        [which.plan_id, which.period_label],
    ).fetchone()
    return str(row[0]) if row else None


class ReviewStore(DataDirectory):
    """An open reviewer store: the database and the folders beside it."""

    @classmethod
    def open(cls, data_dir: Path, *, create: bool = False) -> ReviewStore:
        """Open the store; unless `create`, refuse a folder without one (no empty store made by a typo)."""
        data_dir = Path(data_dir)
        if not create and not (data_dir / REVIEW_DB).is_file():
            hint = (
                "这是单位自查的数据目录，不是县司法局的审核数据目录。"
                if (data_dir / DB_NAME).is_file()
                else ""
            )
            raise NotAReviewerStore(
                f"{data_dir} 中没有审核数据。{hint}请先运行 fazhi-desktop --data-dir 审核数据目录 review init"
            )
        if create and (data_dir / DB_NAME).is_file():
            raise NotAReviewerStore(
                f"{data_dir} 是单位自查的数据目录：县司法局的审核数据请放在另一个文件夹（--data-dir 另一个文件夹）"
            )
        db = open_database(data_dir, db_name=REVIEW_DB, migration_set=review_migrations)
        return cls(data_dir, db)

    def bureau(self) -> Bureau | None:
        row = self.db.execute(
            "SELECT name, plan_id, plan_version, period_label, key_fingerprint, created_at FROM bureau"
        ).fetchone()
        return Bureau(*row) if row else None

    def require_bureau(self) -> Bureau:
        b = self.bureau()
        if b is None:
            raise NotAReviewerStore("审核数据尚未初始化：请先运行 fazhi-desktop review init")
        return b

    def insert_bureau(self, bureau: Bureau) -> None:
        with write_transaction(self.db):
            self.db.execute(
                "INSERT INTO bureau (id, name, plan_id, plan_version, period_label, key_fingerprint, created_at)"
                " VALUES (1, ?, ?, ?, ?, ?, ?)",
                [
                    bureau.name,
                    bureau.plan_id,
                    bureau.plan_version,
                    bureau.period_label,
                    bureau.key_fingerprint,
                    bureau.created_at,
                ],
            )
            self._record_round(bureau.plan_id, bureau.plan_version, bureau.period_label, bureau.created_at)

    def _record_round(self, plan_id: str, plan_version: str, period_label: str, at: str) -> None:
        self.db.execute(
            "INSERT INTO rounds (plan_id, plan_version, period_label, started_at) VALUES (?, ?, ?, ?)",
            [plan_id, plan_version, period_label, at],
        )

    def switch_round(self, plan_id: str, plan_version: str, period_label: str) -> Bureau:
        """Make (plan, period) the bureau's current round; the caller has checked it is a new one."""
        with write_transaction(self.db):
            self.db.execute(
                "UPDATE bureau SET plan_id = ?, plan_version = ?, period_label = ? WHERE id = 1",
                [plan_id, plan_version, period_label],
            )
            self._record_round(plan_id, plan_version, period_label, utc_now())
        return self.require_bureau()

    def data_version(self) -> int:
        """SQLite's `PRAGMA data_version` on this connection: it changes whenever another connection (an
        import on the command line, a worker thread) has committed since it was last read, never for this
        connection's own writes. A cheap way for an open window to notice it is out of date."""
        (version,) = self.db.execute("PRAGMA data_version").fetchone()
        return int(version)

    def received_path(self, zip_sha256: str) -> Path:
        return self.data_dir / RECEIVED_DIR / f"{zip_sha256}.zip"

    def blob_path(self, sha256: str) -> Path:
        return self.data_dir / BLOB_DIR / sha256[:2] / sha256

    def backup(self, reason: str) -> Path:
        """Copy review.db aside (SQLite backup API, checked), keeping the newest few of each reason."""
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        folder = self.data_dir / BACKUP_DIR
        target = folder / f"review-{reason}-{stamp}.db"
        write_backup(self.db.conn, target)
        old = sorted(folder.glob(f"review-{reason}-*.db"))[:-KEEP_IMPORT_BACKUPS]
        for path in old:
            path.unlink(missing_ok=True)
        return target


def integrity_problems(store: ReviewStore) -> list[str]:
    """What `review doctor` reports: SQLite's own check, dangling rows, received files and blobs on disk."""
    problems: list[str] = []
    try:
        check = store.db.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.Error as exc:
        raise StoreError(f"无法检查审核数据库：{exc}") from exc
    if check != "ok":
        problems.append(f"审核数据库损坏：{check}")
    for (fk,) in store.db.execute("SELECT COUNT(*) FROM pragma_foreign_key_check").fetchall():
        if fk:
            problems.append(f"审核数据库中有 {fk} 条记录引用了不存在的数据")
    from fazhi_desktop.review import received

    for pkg in received.packages(store.db):
        path = store.received_path(pkg.zip_sha256)
        if not path.is_file():
            problems.append(f"{pkg.unit_name} 的上报包 {pkg.package_id} 的存档文件缺失：{path}")
    for sha, size in received.evidence_files(store.db):
        path = store.blob_path(sha)
        try:
            actual = path.stat().st_size
        except OSError:
            problems.append(f"佐证材料文件缺失：{path}")
            continue
        if actual != size:
            problems.append(f"佐证材料文件大小不符（应为 {size} 字节，实为 {actual}）：{path}")
    orphans = received.orphan_answers(store.db)
    if orphans:
        problems.append(f"有 {orphans} 条答复不属于任何上报包")
    leftovers = list((store.data_dir / RECEIVED_DIR).glob(".part-*"))
    if leftovers:
        problems.append(f"received/ 中有 {len(leftovers)} 个未完成的临时文件（导入被中断）：可删除")
    return problems
