"""Plain records of the self-check: the unit profile and reporting periods."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PeriodKind = Literal["annual", "first_half", "second_half"]
PERIOD_KIND_NAMES: dict[str, str] = {"annual": "年度", "first_half": "上半年", "second_half": "下半年"}


def period_label(year: int, kind: PeriodKind) -> str:
    """`2021年度`, `2021年上半年` …"""
    return f"{year}{'年' if kind != 'annual' else ''}{PERIOD_KIND_NAMES[kind]}"


@dataclass(frozen=True)
class UnitProfile:
    unit_name: str
    entered_name: str
    unit_kind: str
    contact: str
    phone: str
    key_fingerprint: str | None
    created_at: str
    updated_at: str
    # The plan version unit_name and unit_kind were resolved against at set-up (migration 0002): the
    # unit's identity is stored once and every output reads it, never re-resolving the entered name.
    identity_plan_id: str | None = None
    identity_plan_version: str | None = None


@dataclass(frozen=True)
class Period:
    id: int
    plan_id: str
    plan_version: str
    label: str
    kind: PeriodKind
    year: int
    is_current: bool
    carried_from: int | None
    created_at: str
