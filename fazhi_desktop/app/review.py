"""Reviewer-mode use cases (the county justice bureau): starting the next round, and the rounds so far.

A round is one plan and one period (the `bureau` row names the current one, `rounds` lists them all).
Starting a new one switches what the county picture, scoring, 汇总表, 通报 and status count: only the new
round's packages. Everything received before stays on record (packages, reviews, quarantine, returns,
receipts, evidence), trusted unit keys stay trusted, and rectification rows still open carry into the new
round's 整改台账 marked with their period. A package for the old round arriving afterwards is put aside
("other plan or period"), as any package for another round is.
"""

from __future__ import annotations

from dataclasses import dataclass

from fazhi_desktop.jsonfields import json_fields
from fazhi_desktop.review import ledger, received
from fazhi_desktop.review.bureau import round_plan, start_round
from fazhi_desktop.review.store import Bureau, ReviewStore, round_records


@dataclass(frozen=True)
class NewRound:
    previous: Bureau
    bureau: Bureau
    plan_title: str
    kept_packages: int  # received in earlier rounds, on record, not counted in the new one
    carried_open: int  # ledger rows of earlier periods still open, listed in the new round's ledger

    def lines(self) -> list[str]:
        return [
            f"已开始新一轮审核：{self.plan_title}（{self.bureau.plan_id}）{self.bureau.period_label}",
            f"上一轮：{self.previous.plan_id} {self.previous.period_label}；此前收到的 {self.kept_packages} 个上报包"
            "及审核意见、回执、退回包均已留档，不计入本轮",
            f"整改台账：此前各期未销号的 {self.carried_open} 项问题带入本轮（标明所属期间）",
            "单位密钥登记保持不变；此后收到的上一轮上报包将被搁置",
        ]


def new_round(store: ReviewStore, plan_ref: str, period: str) -> NewRound:
    """Start the next round on `plan_ref` (a plan id or a plan file) for `period` (e.g. 2022年度)."""
    previous = store.require_bureau()
    plan = round_plan(store, plan_ref)
    bureau = start_round(store, plan, period)
    kept = len(received.packages(store.db))
    carried = sum(1 for r in ledger.ledger_rows(store.db) if r.period_label != bureau.period_label)
    return NewRound(previous, bureau, plan.meta.title, kept, carried)


@dataclass(frozen=True)
class PastRound:
    """One round as `review rounds` and the window's 往轮审核 list it (read-only)."""

    plan_id: str
    plan_version: str
    period_label: str
    started_at: str
    ended_at: str | None  # when the next round began; None for the current round
    units_counted: int  # units with a current package in the round (as its county picture counts them)
    packages_received: int  # every package verified for the round, whatever its standing

    @property
    def current(self) -> bool:
        return self.ended_at is None

    def to_dict(self) -> dict[str, object]:
        return {**json_fields(self, rename={"period_label": "period"}), "current": self.current}


def past_rounds(store: ReviewStore) -> list[PastRound]:
    """Every round the bureau has collected, the first first; a round ends when the next one begins."""
    records = round_records(store.db)
    counts = received.round_counts(store.db)
    ends: list[str | None] = [r.started_at for r in records[1:]] + [None]
    return [
        PastRound(r.plan_id, r.plan_version, r.period_label, r.started_at, end, *counts.get(r.round, (0, 0)))
        for r, end in zip(records, ends, strict=True)
    ]
