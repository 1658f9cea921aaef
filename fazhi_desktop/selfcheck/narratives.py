"""The unit's own words for a period: 总体情况 (what it did overall) and 下一步工作打算.

One row per period in `period_narratives` (migration 0004); this module alone writes it. The texts are
free prose a person writes once per period — the self-check report prints 总体情况 at the head of its
first part and 下一步工作打算 after the rectification measures; the annual report draft puts them in its
first and fourth parts. Every change is recorded in the history chain (entity `narrative`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from fazhi_desktop.errors import UsageError
from fazhi_desktop.selfcheck import history
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.store.db import write_transaction
from fazhi_desktop.textclean import FIELD_LIMITS

# Field name → the label a clerk sees (messages, history, the GUI editors).
NARRATIVE_LABELS: dict[str, str] = {"overall": "总体情况", "next_steps": "下一步工作打算"}
# A generous bound: a 总体情况 runs to a page or two; anything far beyond is a wrong file read in.
MAX_CHARS = FIELD_LIMITS["overall"]  # the same for next_steps


@dataclass(frozen=True)
class PeriodNarratives:
    """The two texts of one period; empty strings when nothing was written."""

    period_id: int
    overall: str = ""
    next_steps: str = ""
    updated_at: str | None = None  # None: never saved

    @property
    def is_empty(self) -> bool:
        return not (self.overall.strip() or self.next_steps.strip())


def clean_narrative(text: str | None, field: str) -> str:
    """Line endings made plain and outer blanks trimmed (as for an item's texts); too long is refused."""
    value = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(value) > MAX_CHARS:
        raise UsageError(
            f"{NARRATIVE_LABELS[field]}共 {len(value)} 字，超过 {MAX_CHARS} 字的上限，"
            "请确认读入的是正确的文件，或删减后再保存"
        )
    return value


def load_narratives(ws: Workspace, period_id: int | None = None) -> PeriodNarratives:
    """The period's texts (default: the current period); empty when none were saved."""
    period_id = ws.period.id if period_id is None else period_id
    row = ws.db.execute(
        "SELECT overall, next_steps, updated_at FROM period_narratives WHERE period_id = ?", [period_id]
    ).fetchone()
    if row is None:
        return PeriodNarratives(period_id=period_id)
    return PeriodNarratives(period_id=period_id, overall=row[0], next_steps=row[1], updated_at=row[2])


def save_narratives(
    ws: Workspace,
    *,
    overall: str | None = None,
    next_steps: str | None = None,
    period_id: int | None = None,
) -> PeriodNarratives:
    """Set one or both texts (None leaves a text as it is); one history row per changed text."""
    changes = {
        f: clean_narrative(v, f)
        for f, v in (("overall", overall), ("next_steps", next_steps))
        if v is not None
    }
    with write_transaction(ws.db):
        period_id = ws.period.id if period_id is None else ws.period_by_id(period_id).id
        old = load_narratives(ws, period_id)
        new = replace(
            old,
            overall=changes.get("overall", old.overall),
            next_steps=changes.get("next_steps", old.next_steps),
        )
        now = history.record_changes(ws.db, old, new, changes, entity="narrative", period_id=period_id)
        if now is None:
            return old
        new = replace(new, updated_at=now)
        ws.db.execute(
            "INSERT INTO period_narratives (period_id, overall, next_steps, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (period_id) DO UPDATE SET overall = excluded.overall,"
            " next_steps = excluded.next_steps, updated_at = excluded.updated_at",
            [period_id, new.overall, new.next_steps, now],
        )
    return new
