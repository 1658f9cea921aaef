"""Attachments: documents of a period, each stored once by content and linked to the items it supports.

The long copy runs outside any transaction (a 2 GB scan must not hold the database lock); the rename
to the hash name, the rows and their history are then written in one short write transaction.

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
from fazhi_desktop.evidence.budget import size_budget
from fazhi_desktop.evidence.errors import (
    BudgetExceeded,
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
    ws.require_profile()
    period = ws.period
    items = resolve_items(ws, item_ids)
    made = parse_made_date(made_date)
    desc = clean_description(description)
    source = Path(path)
    name = display_name(source)
    before = store.inspect_source(source, name)
    size = before.st_size
    max_file = settings.get(ws.db, "evidence.max_file_bytes")
    if size > max_file:
        raise FileTooLarge(name, size, max_file)
    budget = size_budget(ws)
    if budget.used_bytes + size > budget.limit_bytes and not _may_be_attached(ws, period.id, size):
        raise BudgetExceeded(name, size, budget.used_bytes, budget.limit_bytes)
    store.check_free_space(ws.data_dir, size)

    with store.copy_in(ws.data_dir, source, name, before, progress=progress, cancel=cancel) as incoming:
        mime = guess_type(name, incoming.head, incoming.temp_path)
        with _database_errors(ws), write_transaction(ws.db):
            existing = records.id_for_content(ws.db, period.id, incoming.sha256)
            if existing is None:
                # Checked again now that the size is exact and the lock is held: another program may have
                # added files meanwhile.
                budget = size_budget(ws)
                if budget.used_bytes + incoming.size > budget.limit_bytes:
                    raise BudgetExceeded(name, incoming.size, budget.used_bytes, budget.limit_bytes)
            created = store.commit_blob(ws.db, ws.data_dir, incoming)
            try:
                if existing is None:
                    evidence_id, note = _insert(ws, period.id, incoming, name, mime, made, desc, items), ""
                else:
                    evidence_id = existing
                    note = _attach_existing(ws, evidence_id, name, made, desc, items)
            except BaseException:
                if created:  # still under the lock: nobody can have started to rely on this file
                    store.blob_path(ws.data_dir, incoming.sha256).unlink(missing_ok=True)
                raise
    return get_evidence(ws, evidence_id, note=note)


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
