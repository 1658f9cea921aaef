"""Which item of last period's plan each item of the new plan continues, and how sure that is.

For a new version of the same plan (same plan id) items keep their ids, so the id decides; the text is
compared only to show how far it changed. For another plan (next year's, or another county's system)
ids mean nothing, so items are matched by the similarity of their texts, kind by kind, best pairs first.
The clerk sees every pair with its confidence before anything is copied (`period add … --yes`).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from fazhi_desktop.catalogue.model import Item, Plan

MIN_CONFIDENCE = 0.55  # below this two texts are not taken for the same item
How = Literal["id", "text"]


@dataclass(frozen=True)
class ItemMatch:
    old_id: str
    new_id: str
    confidence: float  # 0 … 1: the similarity of the two texts
    how: How
    old_title: str
    new_title: str

    @property
    def percent(self) -> int:
        return round(self.confidence * 100)


def _key(text: str) -> str:
    return re.sub(r"[\s，。；、：“”《》（）()]", "", text)


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _key(a), _key(b), autojunk=False).ratio()


def _group(kind: str) -> str:
    return "adjustment" if kind in ("bonus", "deduction") else kind


def map_items(old: Plan, new: Plan, old_ids: list[str], new_ids: list[str]) -> list[ItemMatch]:
    """Pairs (old item → new item) for the old items `old_ids` (those with answers) among the new items
    `new_ids` (those this unit answers in the new plan), each new item used at most once."""
    olds = [old.item(i) for i in old_ids if old.has_item(i)]
    news = [new.item(i) for i in new_ids if new.has_item(i)]
    if old.meta.id == new.meta.id:
        by_id = {n.id: n for n in news}
        return [_match(o, by_id[o.id], "id") for o in olds if o.id in by_id]
    candidates: list[tuple[float, int, int]] = []
    for oi, o in enumerate(olds):
        for ni, n in enumerate(news):
            if _group(o.kind) == _group(n.kind) and (o.kind == n.kind or _group(o.kind) != "adjustment"):
                score = similarity(o.text, n.text)
                if score >= MIN_CONFIDENCE:
                    candidates.append((score, oi, ni))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[ItemMatch] = []
    for score, oi, ni in candidates:
        if oi in used_old or ni in used_new:
            continue
        used_old.add(oi)
        used_new.add(ni)
        pairs.append(_match(olds[oi], news[ni], "text", score))
    order = {o.id: i for i, o in enumerate(olds)}
    return sorted(pairs, key=lambda p: order[p.old_id])


def _match(o: Item, n: Item, how: How, score: float | None = None) -> ItemMatch:
    confidence = similarity(o.text, n.text) if score is None else score
    return ItemMatch(o.id, n.id, round(confidence, 3), how, o.short_title, n.short_title)
