"""`doctor`: is the database sound, is the history chain intact, does every stored file match its hash?

Read-only unless asked to remove orphans (files nothing refers to, leftovers of an interrupted copy,
stored files no record uses any more). Removing takes the write lock first, so a copy finishing in
another program at that moment is never mistaken for an orphan.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fazhi_desktop.errors import FazhiError
from fazhi_desktop.evidence import records, store
from fazhi_desktop.fsutil import atomic_write_bytes
from fazhi_desktop.jsonfields import json_fields
from fazhi_desktop.progress import ByteProgress, Cancel, cancel_fn
from fazhi_desktop.selfcheck import history
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.sizes import format_size
from fazhi_desktop.store.db import write_transaction


class CheckCancelled(FazhiError):
    """The check was stopped (the window closed while it ran); what it had found sound is kept."""

    def __init__(self) -> None:
        super().__init__("数据检查已停止，下次启动时继续检查其余文件")


@dataclass
class DoctorReport:
    integrity: list[str] = field(default_factory=list)  # PRAGMA integrity_check lines other than "ok"
    foreign_keys: list[str] = field(default_factory=list)
    history_broken: list[int] = field(default_factory=list)  # history row ids
    corrupt_blobs: dict[str, list[str]] = field(default_factory=dict)  # sha256 -> names of the documents
    missing_blobs: dict[str, list[str]] = field(default_factory=dict)  # sha256 -> names of the documents
    orphans: list[str] = field(default_factory=list)  # paths relative to evidence/
    in_progress: list[str] = field(default_factory=list)  # temp files of a copy still running elsewhere
    unused_blobs: list[str] = field(default_factory=list)  # stored, but no record uses them
    unlinked_evidence: list[int] = field(default_factory=list)
    checked_files: int = 0
    checked_bytes: int = 0
    unchanged_files: int = 0  # with `quick`: files whose recorded state showed no change (not re-read)
    fixed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Nothing wrong (files of a copy still running elsewhere are not a problem)."""
        return not (
            self.integrity
            or self.foreign_keys
            or self.history_broken
            or self.corrupt_blobs
            or self.missing_blobs
            or self.orphans
            or self.unused_blobs
            or self.unlinked_evidence
        )

    def problems(self) -> list[str]:
        """Each problem in plain Chinese, with what to do about it."""
        lines = []
        if self.integrity:
            lines.append(
                f"数据库完整性检查未通过（{'；'.join(self.integrity[:3])}）。"
                "请用 fazhi-desktop backup list 找到最近的备份，再用 backup restore 恢复"
            )
        if self.foreign_keys:
            lines.append(
                f"数据库中有 {len(self.foreign_keys)} 处引用不一致（{'；'.join(self.foreign_keys[:3])}）。"
                "请从最近的备份恢复，或联系技术支持"
            )
        if self.history_broken:
            lines.append(
                f"修改记录链从第 {self.history_broken[0]} 条起对不上，共 {len(self.history_broken)} 条："
                "数据库可能被其他工具改动过。请从改动之前的备份恢复"
            )
        for sha, names in self.corrupt_blobs.items():
            lines.append(
                f"佐证材料文件已损坏（内容与登记的校验值不符）：{'、'.join(names) or sha[:12]}。"
                "请找到原文件重新添加（内容相同会自动修复）"
            )
        for sha, names in self.missing_blobs.items():
            lines.append(
                f"佐证材料文件缺失：{'、'.join(names) or sha[:12]}（evidence/{sha[:2]}/{sha}）。"
                "请找到原文件重新添加（内容相同会自动修复），或删除这条佐证材料"
            )
        if self.orphans:
            lines.append(
                f"佐证材料目录中有 {len(self.orphans)} 个无用文件（如中断的复制留下的临时文件）："
                f"{'、'.join(self.orphans[:5])}。运行 fazhi-desktop doctor --fix-orphans 可删除"
            )
        if self.unused_blobs:
            lines.append(
                f"有 {len(self.unused_blobs)} 个已存储的文件不再被任何佐证材料使用。"
                "运行 fazhi-desktop doctor --fix-orphans 可删除"
            )
        if self.unlinked_evidence:
            ids = "、".join(str(i) for i in self.unlinked_evidence)
            lines.append(
                f"佐证材料 {ids} 没有关联任何事项。请用 evidence link 关联到事项，或用 evidence remove 删除"
            )
        return lines

    def summary(self) -> str:
        """One line: what was checked."""
        return f"已检查数据库、修改记录和 {self.checked_files} 个佐证材料文件（{format_size(self.checked_bytes)}）"

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON output."""
        fields = json_fields(self, omit={"unchanged_files"})
        return {"ok": self.ok} | fields | {"problems": self.problems()}


def run_doctor(
    ws: Workspace,
    *,
    fix_orphans: bool = False,
    progress: ByteProgress | None = None,
    quick: bool = False,
    cancel: Cancel = None,
) -> DoctorReport:
    """Check everything; with `fix_orphans`, delete orphan files, temp leftovers and unused stored files.

    With `quick` (the window's start-up check), a stored file is re-hashed only when its size, inode,
    modification or change time differ from when it was last found sound (STATE_FILE): any write to
    it changes its change time, which no program can set back. `doctor` itself always re-hashes all."""
    db = ws.db
    report = DoctorReport()
    report.integrity = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
    report.foreign_keys = [
        f"{table} 第 {rowid} 行 → {parent}"
        for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall()
    ]
    report.history_broken = history.verify_chain(db)
    _check_blobs(ws, report, progress, quick, cancel_fn(cancel))
    report.unlinked_evidence = records.unlinked_ids(db)
    if fix_orphans:
        _fix(ws, report)
    return report


STATE_FILE = "evidence-checked.json"  # in the data directory: {sha256: [size, inode, mtime_ns, ctime_ns]}
SAVE_EVERY_S = 20.0  # a long quick check records its progress this often (a killed program loses little)


class _Stopped(Exception):
    """Raised inside the hashing loop when the check is cancelled."""


def _file_state(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns]


def _load_states(data_dir: Path) -> dict[str, list[int]]:
    try:
        states = json.loads((data_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return states if isinstance(states, dict) else {}


def _save_states(data_dir: Path, states: dict[str, list[int]]) -> None:
    try:
        atomic_write_bytes(data_dir / STATE_FILE, json.dumps(states, sort_keys=True).encode())
    except OSError:
        pass  # only a speed-up for the next start: a full check then


def _save_partial(
    data_dir: Path, sound: dict[str, list[int]], known: dict[str, list[int]], unvisited: list[str]
) -> None:
    """Record what a check stopped half-way found sound, keeping the earlier records of the files it
    did not reach (they are trusted next time only if their state is still the same)."""
    _save_states(data_dir, {**{sha: known[sha] for sha in unvisited if sha in known}, **sound})


def _check_blobs(
    ws: Workspace,
    report: DoctorReport,
    progress: ByteProgress | None,
    quick: bool = False,
    cancelled: Callable[[], bool] = lambda: False,
) -> None:
    names = records.names_by_content(ws.db)
    recorded = records.blob_sizes(ws.db)
    total = sum(recorded.values())
    done = 0
    known = _load_states(ws.data_dir) if quick else {}
    sound: dict[str, list[int]] = {}
    todo = sorted(set(recorded) | set(names))
    last_save = time.monotonic()
    for i, sha in enumerate(todo):
        if cancelled():
            _save_partial(ws.data_dir, sound, known, todo[i:])
            raise CheckCancelled()
        path = store.blob_path(ws.data_dir, sha)
        if not path.is_file():
            if sha in names:
                report.missing_blobs[sha] = names[sha]
            continue  # an unused row without its file: removed below with the other unused blobs
        try:
            state = _file_state(path)
        except OSError:
            state = []
        if quick and state and known.get(sha) == state and state[0] == recorded.get(sha, state[0]):
            sound[sha] = state
            report.unchanged_files += 1
            done += state[0]
            continue
        base = done

        def step(n: int, _total: int, base: int = base) -> None:
            if cancelled():
                raise _Stopped()
            if progress is not None:
                progress(base + n, total)

        try:
            actual, size = store.hash_file(path, step)
        except _Stopped:
            _save_partial(ws.data_dir, sound, known, todo[i:])
            raise CheckCancelled() from None
        done += recorded.get(sha, size)
        report.checked_files += 1
        report.checked_bytes += size
        if actual != sha or size != recorded.get(sha, size):
            report.corrupt_blobs[sha] = names.get(sha, [])
        elif state:
            sound[sha] = state
        if quick and time.monotonic() - last_save > SAVE_EVERY_S:
            _save_partial(ws.data_dir, sound, known, todo[i + 1 :])
            last_save = time.monotonic()
    _save_states(ws.data_dir, sound)
    report.unused_blobs = sorted(set(recorded) - set(names))
    for rel in store.stored_files(ws.data_dir):
        if store.is_blob_name(rel) and (rel.name in recorded or rel.name in names):
            continue
        path = store.evidence_root(ws.data_dir) / rel
        if rel.name.startswith(store.TEMP_PREFIX) and store.is_in_use(path):
            report.in_progress.append(rel.as_posix())
        else:
            report.orphans.append(rel.as_posix())


def _fix(ws: Workspace, report: DoctorReport) -> None:
    root = store.evidence_root(ws.data_dir)
    remaining = []
    with write_transaction(ws.db):  # the lock keeps a finishing copy from committing under our feet
        recorded = records.known_contents(ws.db)
        for rel in report.orphans:
            path = root / rel
            if Path(rel).name in recorded or (
                Path(rel).name.startswith(store.TEMP_PREFIX) and store.is_in_use(path)
            ):
                continue  # became valid meanwhile
            try:
                if path.is_dir() and not path.is_symlink():
                    # Only an empty folder: one with content is left for a person to look at.
                    os.rmdir(path)
                else:
                    path.unlink()
                report.fixed.append(f"evidence/{rel}")
            except FileNotFoundError:
                report.fixed.append(f"evidence/{rel}")
            except OSError:
                remaining.append(rel)
    report.orphans = remaining
    for sha in store.collect_garbage(ws.db, ws.data_dir, set(report.unused_blobs)):
        report.fixed.append(f"evidence/{sha[:2]}/{sha}")
    report.unused_blobs = []
