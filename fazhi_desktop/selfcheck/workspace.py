"""A workspace is one data directory: its database, its unit, its current period and that period's plan.

The command line and the GUI both go through it, so both see the same rules. It belongs to the thread
that opened it (SQLite connections do); background jobs open their own.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from fazhi_desktop.catalogue import registry
from fazhi_desktop.catalogue.assign import Assignment, ResolvedUnit, assignments, resolve_unit
from fazhi_desktop.catalogue.model import Plan
from fazhi_desktop.errors import CatalogueError, ItemNotAssigned, NotInitialised
from fazhi_desktop.selfcheck import profile as rows
from fazhi_desktop.selfcheck.model import Period, UnitProfile
from fazhi_desktop.store.db import DataDirectory, open_database


class Workspace(DataDirectory):
    @classmethod
    def open(cls, data_dir: Path) -> Workspace:
        """Open (creating and migrating if needed) the workspace in `data_dir`."""
        data_dir = Path(data_dir)
        ws = cls(data_dir, open_database(data_dir))
        # A copy killed halfway leaves its temporary file, or a complete file it never recorded: clean
        # them on the next run (never a running copy's: see the two functions).
        from fazhi_desktop.evidence.store import remove_stale_copies, remove_unrecorded_blobs

        remove_stale_copies(data_dir)
        remove_unrecorded_blobs(ws.db, data_dir)
        return ws

    def refresh(self) -> None:
        """Forget cached profile, period and plan (after set-up or a period switch)."""
        for name in ("plan", "unit", "_assignments"):
            self.__dict__.pop(name, None)

    # --- the unit and its period -------------------------------------------------------------
    @property
    def profile(self) -> UnitProfile | None:
        return rows.read_profile(self.db)

    def require_profile(self) -> UnitProfile:
        profile = self.profile
        if profile is None:
            raise NotInitialised()
        return profile

    def periods(self) -> list[Period]:
        return rows.read_periods(self.db)

    def period_by_id(self, period_id: int) -> Period:
        return _existing(rows.read_period(self.db, period_id))

    @property
    def period(self) -> Period:
        """The current reporting period."""
        return _existing(rows.read_current_period(self.db))

    @cached_property
    def plan(self) -> Plan:
        """The plan the current period answers (exact version), or the default plan before set-up."""
        current = rows.read_current_period(self.db)
        if current is None:
            return registry.get_plan(None, self.data_dir)
        return self.plan_for(current.plan_id, current.plan_version)

    def plan_for(self, plan_id: str, version: str) -> Plan:
        """The exact plan version a period answers.

        The catalogue file is used while it still holds what the period was started with. When that
        version's file is gone (the program now ships a corrected version, or an imported file was
        removed) or holds other bytes, the copy kept in the `plans` table when the period was created
        is used instead, so a period never silently changes the plan it answers.
        """
        stored = rows.stored_plan(self.db, plan_id, version)
        try:
            plan = registry.get_plan(plan_id, self.data_dir, version=version)
        except CatalogueError:
            if stored is None:
                raise
            plan = None
        if plan is not None and (stored is None or stored[0] == plan.sha256):
            return plan
        assert stored is not None  # without a stored copy, a missing plan re-raised above
        return registry.plan_from_text(
            stored[1], sha256=stored[0], source=f"数据库中保存的计划 {plan_id} 版本 {version}"
        )

    @cached_property
    def unit(self) -> ResolvedUnit:
        """The unit as the current plan knows it, for what it answers (its assignments).

        What outputs call the unit (file name, bag-info, PDF, workbook, results.json) is the identity
        stored at set-up, `profile.unit_name` and `unit_kind`, never this re-resolved name.
        """
        profile = self.require_profile()
        return resolve_unit(self.plan, profile.entered_name)

    @cached_property
    def _assignments(self) -> dict[str, Assignment]:
        return {a.item.id: a for a in assignments(self.plan, self.unit)}

    def assignments(self) -> list[Assignment]:
        """The items this unit answers in the current plan, in document order."""
        return list(self._assignments.values())

    def assignment(self, item_id: str) -> Assignment:
        """The assignment for `item_id`; `UnknownItem` / `ItemNotAssigned` otherwise."""
        item = self.plan.item(item_id)  # raises UnknownItem for ids the plan lacks
        try:
            return self._assignments[item.id]
        except KeyError:
            raise ItemNotAssigned(item.id, self.require_profile().unit_name) from None


def _existing(period: Period | None) -> Period:
    if period is None:
        raise NotInitialised()
    return period
