"""The county 整改台账 (xlsx): every open 存在问题 with 整改措施, 责任人 and 整改时限, grouped by unit,
overdue ones marked; closed (销号) rows on a second sheet."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from fazhi_desktop.dates import local_moment
from fazhi_desktop.fsutil import atomic_write_bytes
from fazhi_desktop.reports.xlsx import FONT_NAME, FONT_SIZE, Column, fill_sheet
from fazhi_desktop.review.ledger import LedgerRow, ledger_rows
from fazhi_desktop.review.store import ReviewStore

LEDGER_SHEETS = ("整改台账", "已销号")
_OVERDUE = Font(name=FONT_NAME, size=FONT_SIZE, color="B00020", bold=True)


def _columns(today: dt.date) -> list[Column]:
    return [
        Column("单位", 24, lambda r: r.unit_name),
        Column("事项", 7, lambda r: r.item_id, center=True),
        Column("期间", 9, lambda r: r.period_label, center=True),
        Column("存在问题", 40, lambda r: r.problems),
        Column("整改措施", 40, lambda r: r.measures),
        Column("责任人", 9, lambda r: r.responsible_person, center=True),
        Column("整改时限", 11, lambda r: r.deadline or "未定", center=True),
        Column("状态", 9, lambda r: _state(r, today), center=True),
        Column("销号说明", 24, lambda r: r.close_note),
    ]


def _state(r: LedgerRow, today: dt.date) -> str:
    if r.closed_at:
        return f"已销号 {local_moment(r.closed_at)[:10]}"
    return "已超期" if r.overdue(today) else "整改中"


def write_ledger(store: ReviewStore, out: Path, *, today: dt.date | None = None) -> tuple[Path, int, int]:
    """Write the ledger; returns (path, open rows, overdue rows)."""
    today = today or dt.date.today()
    rows = ledger_rows(store.db, include_closed=True)
    open_rows = [r for r in rows if not r.closed_at]
    closed = [r for r in rows if r.closed_at]
    bureau = store.require_bureau()
    wb = Workbook()
    for sheet in list(wb.worksheets):
        wb.remove(sheet)
    head = f"{bureau.name} 整改台账"
    ws = wb.create_sheet("整改台账")
    fill_sheet(ws, _columns(today), open_rows, head)
    for n, r in enumerate(open_rows, start=2):
        if r.overdue(today):
            ws.cell(row=n, column=8).font = _OVERDUE
    fill_sheet(wb.create_sheet("已销号"), _columns(today), closed, f"{head}（已销号）")
    wb.properties.title = head
    wb.properties.creator = bureau.name
    buffer = io.BytesIO()
    wb.save(buffer)
    atomic_write_bytes(Path(out), buffer.getvalue())
    return Path(out), len(open_rows), sum(1 for r in open_rows if r.overdue(today))
