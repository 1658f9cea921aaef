"""Attachments: documents of a period, each stored once by content and linked to the items it supports.

The long copy runs outside any transaction (a 2 GB scan must not hold the database lock); the rename
to the hash name, the rows and their history are then written in one short write transaction — one
for each group of finished copies when many files are attached at once (`add_evidence_files`).

History rows (entity 'evidence'): `added` / `removed` carry a JSON summary with the evidence id;
`linked` / `unlinked` carry the evidence id, with the item in item_id; a field change is recorded as
`<id>.made_date` or `<id>.description` with the old and new values.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from fazhi_desktop import settings
from fazhi_desktop.errors import FazhiError, StoreError, UsageError, describe_sqlite_error
from fazhi_desktop.evidence import records, store
from fazhi_desktop.evidence.budget import SizeBudget, size_budget
from fazhi_desktop.evidence.errors import (
    BudgetExceeded,
    CopyCancelled,
    DiskFull,
    EvidenceNotFound,
    FileTooLarge,
    WrongPeriod,
)
from fazhi_desktop.evidence.fields import clean_description, parse_made_date
from fazhi_desktop.evidence.sniff import display_name, guess_type
from fazhi_desktop.progress import ByteProgress, Cancel
from fazhi_desktop.selfcheck import history
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.store.db import utc_now, write_transaction

log = logging.getLogger(__name__)

ENTITY = "evidence"
_UNSET: Any = object()


@dataclass(frozen=True)
class EvidenceRecord:
    id: int
    period_id: int
    sha256: str
    original_name: str
    size: int
    mime_type: str
    made_date: str | None
    description: str
    added_at: str
    item_ids: tuple[str, ...]
    note: str = ""  # what happened, for the clerk (e.g. "已存在，已关联到 T02")

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        data = asdict(self)
        data["item_ids"] = list(self.item_ids)
        return data


# --- reading ---------------------------------------------------------------------------------------


def list_evidence(
    ws: Workspace, item_id: str | None = None, period_id: int | None = None
) -> list[EvidenceRecord]:
    """Evidence of a period (default: current), optionally only what supports `item_id`, oldest first."""
    if period_id is None:
        ws.require_profile()
        period_id = ws.period.id
    canonical = None if item_id is None else ws.plan.item(item_id).id
    links = records.period_links(ws.db, period_id, canonical)
    order = _item_order(ws)
    return [
        EvidenceRecord(*row, item_ids=tuple(sorted(links.get(row[0], ()), key=order)))
        for row in records.evidence_rows(ws.db, period_id, canonical)
    ]


def get_evidence(ws: Workspace, evidence_id: int, note: str = "") -> EvidenceRecord:
    """One evidence record with the items it supports; `EvidenceNotFound` otherwise."""
    row = records.evidence_row(ws.db, evidence_id)
    if row is None:
        raise EvidenceNotFound(evidence_id)
    items = records.linked_items(ws.db, evidence_id)
    return EvidenceRecord(*row, item_ids=tuple(sorted(items, key=_item_order(ws))), note=note)


def _item_order(ws: Workspace) -> Callable[[str], tuple[int, str]]:
    order = {item.id: i for i, item in enumerate(ws.plan.all_items())}
    return lambda item_id: (order.get(item_id, len(order)), item_id)


# --- adding ----------------------------------------------------------------------------------------


def add_evidence(
    ws: Workspace,
    item_ids: Sequence[str] | str,
    path: Path | str,
    *,
    made_date: str | dt.date | None = None,
    description: str = "",
    progress: ByteProgress | None = None,
    cancel: Cancel = None,
) -> EvidenceRecord:
    """Copy `path` into the store and attach it to `item_ids` in the current period.

    Everything that can be checked is checked before copying (items, date, size limits, free space);
    the same content attached again in the period gives the existing record, linked to the new items.
    """
    (outcome,) = add_evidence_files(
        ws,
        item_ids,
        [path],
        made_date=made_date,
        description=description,
        progress_for=None if progress is None else lambda _i: progress,
        cancel=cancel,
    )
    if outcome.error is not None:
        raise outcome.error
    assert outcome.record is not None
    return outcome.record


# A batch records its copies in groups: one write transaction and one fsync per folder for up to this
# many files or bytes, instead of a commit (a full sync of the journal) and two folder syncs per file.
# Bounded so that a cancel or a crash late in a long batch still keeps most of what was copied, and so
# that the open temporary copies (each holds a file descriptor and its lock) stay few.
GROUP_FILES = 64
GROUP_BYTES = 256 << 20


@dataclass(frozen=True)
class Attached:
    """One file of a batch: the record it gave, or why it was not added."""

    path: Path | str
    record: EvidenceRecord | None
    error: FazhiError | None = None


@dataclass
class _Copied:
    path: Path | str
    name: str
    incoming: store.IncomingBlob
    mime: str

    def added_to(self, budget: SizeBudget, desc: str) -> SizeBudget:
        """The budget once this file is attached with its name and `desc`."""
        return budget.plus_file(self.incoming.size, len(self.name.encode()) + len(desc.encode()))


def add_evidence_files(
    ws: Workspace,
    item_ids: Sequence[str] | str,
    paths: Sequence[Path | str],
    *,
    made_date: str | dt.date | None = None,
    description: str = "",
    progress_for: Callable[[int], ByteProgress | None] | None = None,
    cancel: Cancel = None,
    on_recorded: Callable[[Attached], None] | None = None,
) -> list[Attached]:
    """Copy each file into the store and attach it to `item_ids`; one outcome per path, in order.

    A file that cannot be added (missing, too large, over the budget, …) is reported in its outcome
    and the others go on. The copies run outside any transaction; each group of them (GROUP_FILES,
    GROUP_BYTES) is then renamed to its hash name and recorded in one write transaction, every file in
    its own savepoint. `on_recorded` hears each outcome once it is durable (or final, for a failure),
    in order. A cancel stops the batch: the copy under way is dropped, those finished are recorded.
    `progress_for(i)` gives the byte progress of the i-th file.
    """
    ws.require_profile()
    items = resolve_items(ws, item_ids)
    made = parse_made_date(made_date)
    desc = clean_description(description)
    max_file = settings.get(ws.db, "evidence.max_file_bytes")
    outcomes: list[Attached] = []
    waiting: list[Attached | _Copied] = []  # this group, in order: failures known early, and copies
    copied_bytes = 0
    budget = size_budget(ws)

    def flush() -> None:
        nonlocal copied_bytes, budget
        copies = [w for w in waiting if isinstance(w, _Copied)]
        recorded = _record_group(ws, copies, items, made, desc) if copies else {}
        for w in waiting:
            outcome = recorded[id(w)] if isinstance(w, _Copied) else w
            outcomes.append(outcome)
            if on_recorded is not None:
                on_recorded(outcome)
        waiting.clear()
        copied_bytes = 0
        budget = size_budget(ws)

    try:
        for index, path in enumerate(paths):
            progress = None if progress_for is None else progress_for(index)
            try:
                copy = _copy_one(ws, path, max_file, budget, progress, cancel)
            except CopyCancelled as err:
                waiting.append(Attached(path, None, err))
                break
            except FazhiError as err:
                waiting.append(Attached(path, None, err))
                continue
            waiting.append(copy)
            budget = copy.added_to(budget, desc)
            copied_bytes += copy.incoming.size
            if sum(isinstance(w, _Copied) for w in waiting) >= GROUP_FILES or copied_bytes >= GROUP_BYTES:
                flush()
        flush()
    finally:
        for w in waiting:  # only after an unexpected error: the copies that were not recorded go
            if isinstance(w, _Copied):
                w.incoming.close()
    return outcomes


def _copy_one(
    ws: Workspace,
    path: Path | str,
    max_file: int,
    budget: SizeBudget,
    progress: ByteProgress | None,
    cancel: Cancel,
) -> _Copied:
    """Check one file against the limits (before a byte is copied), then copy it in."""
    source = Path(path)
    name = display_name(source)
    before = store.inspect_source(source, name)
    size = before.st_size
    if size > max_file:
        raise FileTooLarge(name, size, max_file)
    if budget.used_bytes + size > budget.limit_bytes and not _may_be_attached(ws, ws.period.id, size):
        raise BudgetExceeded(name, size, budget.used_bytes, budget.limit_bytes)
    store.check_free_space(ws.data_dir, size)
    incoming = store.copy_in(ws.data_dir, source, name, before, progress=progress, cancel=cancel, sync=False)
    try:
        mime = guess_type(name, incoming.head, incoming.temp_path)
    except BaseException:
        incoming.close()
        raise
    return _Copied(path, name, incoming, mime)


def _record_group(
    ws: Workspace, copies: list[_Copied], items: list[str], made: str | None, desc: str
) -> dict[int, Attached]:
    """Rename and record a group of finished copies in one write transaction; outcomes by id(copy).

    Each file has its own savepoint, so one that fails (the budget, now exact under the lock) leaves
    the others. The folders that received a name are synced once each before the commit: a record never
    claims a name that a power cut could take away.
    """
    period_id = ws.period.id
    done: dict[int, tuple[int, str]] = {}
    failed: dict[int, FazhiError] = {}
    # The copies' bytes are made durable together first (a full disk can show only now, per file).
    for copy, err in zip(copies, store.sync_blobs([c.incoming for c in copies]), strict=True):
        if err is not None:
            failed[id(copy)] = err
            copy.incoming.close()
    created: list[str] = []
    unsynced: set[Path] = set()
    try:
        with _database_errors(ws), write_transaction(ws.db):
            # Checked again now that the sizes are exact and the lock is held: another program may
            # have added files meanwhile.
            budget = size_budget(ws)
            for copy in copies:
                if id(copy) in failed:
                    continue
                try:
                    with write_transaction(ws.db):  # a savepoint
                        evidence_id, note, is_new = _record_one(
                            ws, period_id, copy, budget, items, made, desc, unsynced
                        )
                except FazhiError as err:
                    failed[id(copy)] = err
                    continue
                finally:
                    copy.incoming.close()
                if is_new:
                    created.append(copy.incoming.sha256)
                done[id(copy)] = (evidence_id, note)
                budget = copy.added_to(budget, desc)
            store.sync_folders(unsynced)
    except BaseException as exc:
        # Nothing of the group was recorded: the names it made go too (still under the lock until
        # here, nobody can rely on them). Each copy is told why.
        for sha in created:
            store.blob_path(ws.data_dir, sha).unlink(missing_ok=True)
        for copy in copies:
            copy.incoming.close()
        if not isinstance(exc, FazhiError):
            raise
        return {id(c): Attached(c.path, None, failed.get(id(c), exc)) for c in copies}
    outcomes: dict[int, Attached] = {}
    for copy in copies:
        key = id(copy)
        if key in failed:
            outcomes[key] = Attached(copy.path, None, failed[key])
        else:
            evidence_id, note = done[key]
            outcomes[key] = Attached(copy.path, get_evidence(ws, evidence_id, note=note))
    return outcomes


def _record_one(
    ws: Workspace,
    period_id: int,
    copy: _Copied,
    budget: SizeBudget,
    items: list[str],
    made: str | None,
    desc: str,
    unsynced: set[Path],
) -> tuple[int, str, bool]:
    """Give one copy its name and its rows (inside the group's savepoint): (id, note, file is new)."""
    incoming = copy.incoming
    existing = records.id_for_content(ws.db, period_id, incoming.sha256)
    if existing is None and budget.used_bytes + incoming.size > budget.limit_bytes:
        raise BudgetExceeded(copy.name, incoming.size, budget.used_bytes, budget.limit_bytes)
    is_new = store.commit_blob(ws.db, ws.data_dir, incoming, unsynced)
    try:
        if existing is None:
            return _insert(ws, period_id, incoming, copy.name, copy.mime, made, desc, items), "", is_new
        return existing, _attach_existing(ws, existing, copy.name, made, desc, items), is_new
    except BaseException:
        if is_new:  # still under the lock: nobody can have started to rely on this file
            store.blob_path(ws.data_dir, incoming.sha256).unlink(missing_ok=True)
        raise


def resolve_items(ws: Workspace, item_ids: Sequence[str] | str) -> list[str]:
    """Canonical ids of items this unit answers, from `T7,I048` or a list; refuses unknown or unassigned ids."""
    raw = [item_ids] if isinstance(item_ids, str) else list(item_ids)
    parts = [p.strip() for chunk in raw for p in re.split(r"[,，、;；\s]+", chunk) if p.strip()]
    if not parts:
        raise UsageError("请至少指定一个事项编号（任务如 T07，指标如 I48）")
    ids: list[str] = []
    for part in parts:
        item = ws.assignment(part).item  # UnknownItem / ItemNotAssigned with a clear message
        if item.id not in ids:
            ids.append(item.id)
    return ids


def _may_be_attached(ws: Workspace, period_id: int, size: int) -> bool:
    """Could a file of this size already be in the period? Then it adds nothing, and the budget check
    waits until its hash is known."""
    return records.period_has_size(ws.db, period_id, size)


def _insert(
    ws: Workspace,
    period_id: int,
    incoming: store.IncomingBlob,
    name: str,
    mime: str,
    made: str | None,
    desc: str,
    items: list[str],
) -> int:
    now = utc_now()
    evidence_id = records.insert_evidence(
        ws.db,
        period_id=period_id,
        sha256=incoming.sha256,
        name=name,
        mime=mime,
        made_date=made,
        description=desc,
        at=now,
    )
    summary = {
        "id": evidence_id,
        "name": name,
        "sha256": incoming.sha256,
        "size": incoming.size,
        "type": mime,
        "made_date": made,
        "description": desc,
    }
    history.record(
        ws.db,
        entity=ENTITY,
        field="added",
        old=None,
        new=json.dumps(summary, ensure_ascii=False),
        period_id=period_id,
        at=now,
    )
    for item_id in items:
        _link(ws, evidence_id, period_id, item_id, now)
    return evidence_id


def _attach_existing(
    ws: Workspace, evidence_id: int, name: str, made: str | None, desc: str, items: list[str]
) -> str:
    """Link the existing record to new items and fill its empty fields; returns the note for the clerk."""
    current = get_evidence(ws, evidence_id)
    now = utc_now()
    new_items = [i for i in items if i not in current.item_ids]
    for item_id in new_items:
        _link(ws, evidence_id, current.period_id, item_id, now)
    fills = {}
    if made and not current.made_date:
        fills["made_date"] = made
    if desc and not current.description:
        fills["description"] = desc
    _change_fields(ws, current, fills)
    same = (
        f"（编号 {evidence_id}"
        + (f"，原名“{current.original_name}”" if current.original_name != name else "")
        + "）"
    )
    if new_items:
        return f"“{name}”已存在{same}，已关联到 {'、'.join(new_items)}"
    return f"“{name}”已存在{same}，且已关联到 {'、'.join(items)}，未作改动"


def _link(ws: Workspace, evidence_id: int, period_id: int, item_id: str, now: str) -> None:
    records.insert_link(ws.db, evidence_id, item_id, now)
    history.record(
        ws.db,
        entity=ENTITY,
        field="linked",
        old=None,
        new=evidence_id,
        period_id=period_id,
        item_id=item_id,
        at=now,
    )


@contextlib.contextmanager
def _database_errors(ws: Workspace) -> Iterator[None]:
    """SQLite's own write errors (a full disk above all), in the clerk's words."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "full" in str(exc):
            raise DiskFull(str(ws.data_dir)) from exc
        raise StoreError(
            f"写入数据库失败（{describe_sqlite_error(exc)}），未做任何改动。请稍后重试；如果一再出现，请运行 fazhi-desktop doctor 检查",
            detail=str(exc),
        ) from exc


# --- changing --------------------------------------------------------------------------------------


def _current(ws: Workspace, evidence_id: int) -> EvidenceRecord:
    record = get_evidence(ws, int(evidence_id))
    if record.period_id != ws.period.id:
        raise WrongPeriod(record.id, ws.period_by_id(record.period_id).label)
    return record


def link_evidence(ws: Workspace, evidence_id: int, item_id: str) -> EvidenceRecord:
    """Let an attached document also support `item_id` (no-op when it already does)."""
    ws.require_profile()
    with _database_errors(ws), write_transaction(ws.db):
        record = _current(ws, evidence_id)
        canonical = resolve_items(ws, item_id)[0]
        if canonical in record.item_ids:
            return get_evidence(ws, record.id, note=f"已关联到 {canonical}，未作改动")
        _link(ws, record.id, record.period_id, canonical, utc_now())
    return get_evidence(ws, record.id, note=f"已关联到 {canonical}")


def unlink_evidence(ws: Workspace, evidence_id: int, item_id: str) -> EvidenceRecord | None:
    """Stop a document supporting `item_id`; the last link removes the record (None is returned) and
    the stored file too once no record in any period uses it."""
    ws.require_profile()
    with _database_errors(ws), write_transaction(ws.db):
        record = _current(ws, evidence_id)
        canonical = ws.plan.item(item_id).id
        if canonical not in record.item_ids:
            raise UsageError(f"佐证材料 {record.id}（{record.original_name}）没有关联到 {canonical}")
        _unlink(ws, record, [canonical])
        gone = len(record.item_ids) == 1
        if gone:
            _delete_row(ws, record)
    if gone:
        _collect(ws, record.sha256)
        return None
    return get_evidence(ws, record.id)


def remove_evidence(ws: Workspace, evidence_id: int) -> EvidenceRecord:
    """Remove a document from every item of the period; returns what was removed."""
    ws.require_profile()
    with _database_errors(ws), write_transaction(ws.db):
        record = _current(ws, evidence_id)
        _unlink(ws, record, record.item_ids)
        _delete_row(ws, record)
    _collect(ws, record.sha256)
    return record


def _unlink(ws: Workspace, record: EvidenceRecord, item_ids: Sequence[str]) -> None:
    now = utc_now()
    for item_id in item_ids:
        records.delete_links(ws.db, record.id, item_id)
        history.record(
            ws.db,
            entity=ENTITY,
            field="unlinked",
            old=record.id,
            new=None,
            period_id=record.period_id,
            item_id=item_id,
            at=now,
        )


def _delete_row(ws: Workspace, record: EvidenceRecord) -> None:
    records.delete_evidence(ws.db, record.id)
    summary = {"id": record.id, "name": record.original_name, "sha256": record.sha256, "size": record.size}
    history.record(
        ws.db,
        entity=ENTITY,
        field="removed",
        old=json.dumps(summary, ensure_ascii=False),
        new=None,
        period_id=record.period_id,
    )


def _collect(ws: Workspace, sha256: str) -> None:
    """Delete the stored file if nothing uses it any more. Inside a caller's transaction the removal is
    not committed yet, so the file stays (doctor reports and removes such leftovers)."""
    if ws.db.conn.in_transaction:
        return
    try:
        store.collect_garbage(ws.db, ws.data_dir, {sha256})
    except (FazhiError, OSError, sqlite3.Error) as exc:
        # The record is already gone; an unused stored file is harmless and doctor --fix-orphans removes it.
        log.warning("could not delete unused blob %s: %s", sha256, exc)


def update_evidence(
    ws: Workspace,
    evidence_id: int,
    *,
    made_date: str | dt.date | None = _UNSET,
    description: str | None = _UNSET,
) -> EvidenceRecord:
    """Change the 形成日期 and/or description (an empty value clears it; an omitted one is kept)."""
    ws.require_profile()
    fills: dict[str, Any] = {}
    if made_date is not _UNSET:
        fills["made_date"] = parse_made_date(made_date)
    if description is not _UNSET:
        fills["description"] = clean_description(description)
    with _database_errors(ws), write_transaction(ws.db):
        record = _current(ws, evidence_id)
        _change_fields(ws, record, fills)
    return get_evidence(ws, record.id)


def _change_fields(ws: Workspace, record: EvidenceRecord, fills: dict[str, Any]) -> None:
    for field, new in fills.items():
        old = getattr(record, field)
        if old == new:
            continue
        records.set_field(ws.db, record.id, field, new)
        history.record(
            ws.db, entity=ENTITY, field=f"{record.id}.{field}", old=old, new=new, period_id=record.period_id
        )
