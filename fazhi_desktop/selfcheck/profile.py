"""Setting up the unit, its contact details and its reporting periods; carrying answers forward.

This module owns the `unit_profile`, `periods` and `plans` tables: the workspace reads them through
`read_profile`, `read_periods` … below, everyone else through the workspace.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from fazhi_desktop.catalogue import registry
from fazhi_desktop.catalogue.assign import resolve_unit
from fazhi_desktop.catalogue.model import Plan
from fazhi_desktop.errors import UsageError
from fazhi_desktop.selfcheck import history
from fazhi_desktop.selfcheck.assessments import (
    ANSWER_FIELDS,
    Assessment,
    insert_answer,
    list_assessments,
    saved_answer,
)
from fazhi_desktop.selfcheck.model import PERIOD_KIND_NAMES, Period, PeriodKind, UnitProfile, period_label
from fazhi_desktop.store.db import utc_now, write_transaction

if TYPE_CHECKING:
    from sqlite_utils import Database

    from fazhi_desktop.selfcheck.workspace import Workspace

_PERIOD_COLUMNS = "id, plan_id, plan_version, label, kind, year, is_current, carried_from, created_at"
_PROFILE_COLUMNS = (
    "unit_name, entered_name, unit_kind, contact, phone, key_fingerprint, created_at, updated_at,"
    " identity_plan_id, identity_plan_version"
)

_CARRIED_FIELDS = ANSWER_FIELDS


# --- reading (for the workspace) ----------------------------------------------------------------------


def read_profile(db: Database) -> UnitProfile | None:
    row = db.execute(f"SELECT {_PROFILE_COLUMNS} FROM unit_profile WHERE id = 1").fetchone()
    return UnitProfile(*row) if row else None


def _period(row: tuple[object, ...]) -> Period:
    (pid, plan_id, plan_version, label, kind, year, is_current, carried_from, created_at) = row
    return Period(pid, plan_id, plan_version, label, kind, year, bool(is_current), carried_from, created_at)  # type: ignore[arg-type]


def read_periods(db: Database) -> list[Period]:
    return [_period(r) for r in db.execute(f"SELECT {_PERIOD_COLUMNS} FROM periods ORDER BY year, kind")]


def read_period(db: Database, period_id: int) -> Period | None:
    row = db.execute(f"SELECT {_PERIOD_COLUMNS} FROM periods WHERE id = ?", [period_id]).fetchone()
    return _period(row) if row else None


def read_current_period(db: Database) -> Period | None:
    row = db.execute(f"SELECT {_PERIOD_COLUMNS} FROM periods WHERE is_current = 1").fetchone()
    return _period(row) if row else None


def stored_plan(db: Database, plan_id: str, version: str) -> tuple[str, str] | None:
    """(sha256, catalogue JSON) of a plan version kept in the database, if it is."""
    row = db.execute(
        "SELECT sha256, catalogue FROM plans WHERE plan_id = ? AND version = ?", [plan_id, version]
    ).fetchone()
    return (row[0], row[1]) if row else None


# --- writing -------------------------------------------------------------------------------------------


def register_plan(ws: Workspace, plan: Plan) -> None:
    """Keep the exact catalogue a period answers inside the database (idempotent)."""
    from fazhi_desktop.catalogue.registry import builtin_plan_files, imported_plan_dir, plan_origin

    if stored_plan(ws.db, plan.meta.id, plan.meta.version) is not None:
        return
    files = builtin_plan_files() + sorted(imported_plan_dir(ws.data_dir).glob("*.json"))
    # The exact text (no newline translation), so that its SHA-256 stays the plan's.
    raw = next((f.read_bytes().decode("utf-8") for f in files if _sha256(f) == plan.sha256), None)
    if raw is None:
        raise UsageError(f"找不到计划 {plan.meta.id} {plan.meta.version} 的文件")
    origin, signer = plan_origin(ws.data_dir, plan)  # how it arrived stays with the period's copy
    ws.db.execute(
        "INSERT INTO plans (plan_id, version, title, year, county, doc_number, sha256, catalogue, imported_at,"
        " signed, signer_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            plan.meta.id,
            plan.meta.version,
            plan.meta.title,
            plan.meta.year,
            plan.meta.county,
            plan.meta.doc_number,
            plan.sha256,
            raw,
            utc_now(),
            1 if origin == "signed" else 0,
            signer,
        ],
    )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def set_up_unit(
    ws: Workspace,
    entered_name: str,
    *,
    contact: str | None = None,
    phone: str | None = None,
    year: int | None = None,
    period_kind: PeriodKind = "annual",
    plan_id: str | None = None,
) -> UnitProfile:
    """Create or change the unit profile (contact/phone None: keep), and make a current period exist."""
    plan = registry.get_plan(plan_id, ws.data_dir) if plan_id else ws.plan
    unit = resolve_unit(plan, entered_name)  # raises UnknownUnit with suggestions
    check_phone(phone or "")
    year = _check_year(year or plan.meta.year)
    now = utc_now()
    with write_transaction(ws.db):
        old = ws.profile
        # Re-running set-up (to change the unit or the period) must not wipe the contact details.
        contact = (old.contact if old else "") if contact is None else contact
        phone = (old.phone if old else "") if phone is None else phone
        if old is None:
            ws.db.execute(
                "INSERT INTO unit_profile (id, unit_name, entered_name, unit_kind, contact, phone, created_at,"
                " updated_at, identity_plan_id, identity_plan_version) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    unit.name,
                    entered_name.strip(),
                    unit.kind,
                    contact.strip(),
                    phone.strip(),
                    now,
                    now,
                    plan.meta.id,
                    plan.meta.version,
                ],
            )
            history.record(ws.db, entity="profile", field="unit_name", old=None, new=unit.name, at=now)
        else:
            changes = {
                "unit_name": unit.name,
                "entered_name": entered_name.strip(),
                "unit_kind": unit.kind,
                "contact": contact.strip(),
                "phone": phone.strip(),
                "identity_plan_id": plan.meta.id,
                "identity_plan_version": plan.meta.version,
            }
            for field, new in changes.items():
                if getattr(old, field) != new:
                    history.record(
                        ws.db, entity="profile", field=field, old=getattr(old, field), new=new, at=now
                    )
            ws.db.execute(
                "UPDATE unit_profile SET unit_name = ?, entered_name = ?, unit_kind = ?, contact = ?, phone = ?,"
                " identity_plan_id = ?, identity_plan_version = ?, updated_at = ? WHERE id = 1",
                [*changes.values(), now],
            )
        register_plan(ws, plan)
        if not _find_period(ws, plan.meta.id, year, period_kind):
            add_period(ws, year, period_kind, plan=plan, make_current=True)
        else:
            switch_period(ws, _find_period(ws, plan.meta.id, year, period_kind))  # type: ignore[arg-type]
    ws.refresh()
    return ws.require_profile()


def update_contact(ws: Workspace, *, contact: str | None = None, phone: str | None = None) -> UnitProfile:
    """Change the contact person or phone, recording the change."""
    ws.require_profile()
    if phone is not None:
        check_phone(phone)
    with write_transaction(ws.db):
        profile = ws.require_profile()  # read under the lock: another program may just have changed it
        for field, new in (("contact", contact), ("phone", phone)):
            if new is not None and new.strip() != getattr(profile, field):
                history.record(
                    ws.db, entity="profile", field=field, old=getattr(profile, field), new=new.strip()
                )
                ws.db.execute(
                    f"UPDATE unit_profile SET {field} = ?, updated_at = ? WHERE id = 1",
                    [new.strip(), utc_now()],
                )
    return ws.require_profile()


def set_key_fingerprint(ws: Workspace, fingerprint: str) -> None:
    """Remember the fingerprint of the unit's signing key (shown in the program and on the report)."""
    ws.require_profile()
    with write_transaction(ws.db):
        profile = ws.require_profile()  # read under the lock, like every old value the history records
        history.record(
            ws.db, entity="profile", field="key_fingerprint", old=profile.key_fingerprint, new=fingerprint
        )
        ws.db.execute(
            "UPDATE unit_profile SET key_fingerprint = ?, updated_at = ? WHERE id = 1",
            [fingerprint, utc_now()],
        )


def _check_year(year: int) -> int:
    """A reporting year between 2000 and five years from now (checked before it reaches the database)."""
    latest = dt.date.today().year + 5
    if not isinstance(year, int) or not 2000 <= year <= latest:
        raise UsageError(f"年份 {year} 不在合理范围内（2000—{latest}）")
    return year


def check_contact(name: str) -> str:
    """The contact's name, required where the unit is set up in the window: the bureau must know whom to call."""
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise UsageError("请填写联系人姓名：县司法局对上报内容有疑问时联系的人。")
    return cleaned


def check_phone(phone: str) -> None:
    """`UsageError` unless the phone number holds only digits, spaces and - + （ ） 转."""
    cleaned = phone.strip()
    if cleaned and not all(ch.isdigit() or ch in "-+ （）()转" for ch in cleaned):
        raise UsageError(f"联系电话“{phone}”格式不对：只能包含数字、空格和 - + （ ） 转")


def _find_period(ws: Workspace, plan_id: str, year: int, kind: str) -> int | None:
    row = ws.db.execute(
        "SELECT id FROM periods WHERE plan_id = ? AND year = ? AND kind = ?", [plan_id, year, kind]
    ).fetchone()
    return row[0] if row else None


def add_period(
    ws: Workspace,
    year: int,
    kind: PeriodKind = "annual",
    *,
    plan: Plan | None = None,
    make_current: bool = True,
    carry_from: int | None = None,
    mapping: dict[str, str] | None = None,
) -> Period:
    """Create a reporting period (optionally starting from another period's answers as a draft; with
    `mapping` (old item id → new item id, see carry_map.py) when the new period answers another plan)."""
    if kind not in PERIOD_KIND_NAMES:
        raise UsageError(
            f"报告期类型“{kind}”不对，可用：annual（年度）、first_half（上半年）、second_half（下半年）"
        )
    year = _check_year(year)
    plan = plan or ws.plan
    with write_transaction(ws.db):
        register_plan(ws, plan)
        if _find_period(ws, plan.meta.id, year, kind):
            raise UsageError(f"报告期“{period_label(year, kind)}”已经存在")
        if carry_from is not None:
            _require_period(ws, carry_from)
        label = period_label(year, kind)
        cur = ws.db.execute(
            "INSERT INTO periods (plan_id, plan_version, label, kind, year, is_current, carried_from, created_at)"
            " VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
            [plan.meta.id, plan.meta.version, label, kind, year, carry_from, utc_now()],
        )
        assert cur.lastrowid is not None  # an INSERT always sets it
        period_id = cur.lastrowid
        history.record(ws.db, entity="period", field="created", old=None, new=label, period_id=period_id)
        if carry_from is not None:
            carry_forward(ws, carry_from, period_id, mapping=mapping)
        if make_current:
            switch_period(ws, period_id)
    ws.refresh()
    return ws.period_by_id(period_id)


def switch_period(ws: Workspace, period_id: int) -> None:
    """Make `period_id` the current period."""
    # Without this check an unknown id would leave no current period at all.
    _require_period(ws, period_id)
    with write_transaction(ws.db):
        old = ws.db.execute("SELECT id FROM periods WHERE is_current = 1").fetchone()
        if old and old[0] == period_id:
            return
        ws.db.execute("UPDATE periods SET is_current = 0 WHERE is_current = 1")
        ws.db.execute("UPDATE periods SET is_current = 1 WHERE id = ?", [period_id])
        history.record(
            ws.db,
            entity="period",
            field="current",
            old=old[0] if old else None,
            new=period_id,
            period_id=period_id,
        )
    ws.refresh()


def carry_forward(
    ws: Workspace, from_period: int, to_period: int, *, mapping: dict[str, str] | None = None
) -> int:
    """Copy last period's answers into an empty new period as a starting draft; returns rows copied.

    Without `mapping` an answer goes to the item with the same id; with it, to the item it maps to (and
    answers not in the mapping stay behind).

    Results are copied too but the work status is reset to 推进中, so that nothing carried over
    looks finished until somebody has looked at it again. Evidence is not carried: it belongs to a year.
    """
    now = utc_now()
    copied = 0
    with write_transaction(ws.db):
        _require_period(ws, from_period)
        target = ws.period_by_id(to_period)
        plan = ws.plan_for(target.plan_id, target.plan_version)
        for old_id, answer in list_assessments(ws, from_period).items():
            item_id = old_id if mapping is None else mapping.get(old_id, "")
            if not plan.has_item(item_id):  # a later plan may have dropped or renumbered the item
                continue
            data = {name: getattr(answer, name) for name in _CARRIED_FIELDS}
            if data["work_status"] == "已完成":
                data["work_status"] = "推进中"
            if saved_answer(ws.db, to_period, item_id) is not None:
                continue
            insert_answer(ws.db, Assessment(item_id=item_id, period_id=to_period, updated_at=now, **data))
            # The carry itself, then one row per carried value, so that the history alone replays the
            # new period's answers.
            default = Assessment(item_id=item_id)
            carried = from_period if item_id == old_id else f"{from_period}:{old_id}"  # mapped: which item
            changes: list[tuple[str, object, object]] = [("carried_from", None, carried)]
            changes += [(n, getattr(default, n), v) for n, v in data.items() if v != getattr(default, n)]
            history.record_all(
                ws.db, changes, entity="assessment", period_id=to_period, item_id=item_id, at=now
            )
            copied += 1
    return copied


def _require_period(ws: Workspace, period_id: int) -> None:
    if ws.db.execute("SELECT 1 FROM periods WHERE id = ?", [period_id]).fetchone() is None:
        raise UsageError(f"没有编号为 {period_id} 的报告期（用 fazhi-desktop period list 查看）")


def find_period(ws: Workspace, text: str) -> Period:
    """A period named by its id, its label (2021年度, 2021年上半年) or its year when that is unique."""
    cleaned = text.strip()
    periods = ws.periods()
    for p in periods:
        if cleaned in (p.label, f"{p.year}-{p.kind}", f"{p.year}{PERIOD_KIND_NAMES[p.kind]}"):
            return p
    if cleaned.isdigit():
        number = int(cleaned)
        by_year = [p for p in periods if p.year == number]
        if len(by_year) == 1:
            return by_year[0]
        if len(by_year) > 1:
            raise UsageError(
                f"{number} 年有多个报告期（{'、'.join(p.label for p in by_year)}），请写明是哪一个"
            )
        by_id = [p for p in periods if p.id == number]
        if by_id:
            return by_id[0]
    known = "、".join(p.label for p in periods) or "（无）"
    raise UsageError(f"找不到报告期“{text}”；已有：{known}")
