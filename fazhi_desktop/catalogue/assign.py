"""Which items a unit must answer, and in which role, resolved through aliases and collective names."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from fazhi_desktop.catalogue.model import Collective, Item, Plan, Unit, UnitKind
from fazhi_desktop.errors import UnknownUnit

Role = Literal["牵头", "责任", "配合", "参与"]
ROLE_RANK: dict[str, int] = {"牵头": 4, "责任": 3, "配合": 2, "参与": 1}
# The role a unit named in each column gets; a collective of mode `all` gives 责任 in the lead and
# responsible columns and 配合 in the cooperating one.
_COLUMN_ROLE: dict[str, Role] = {"lead": "牵头", "responsible": "责任", "cooperating": "配合"}

# A township or subdistrict entered by its own name: 某某镇人民政府, 某某镇, 某某街道办事处, 某某乡 …
_TOWNSHIP = re.compile(
    r"^(?P<base>.{1,12}?)(?P<suffix>镇人民政府|镇政府|镇|乡人民政府|乡政府|乡|街道办事处|街道办|街道)$"
)


@dataclass(frozen=True)
class ResolvedUnit:
    """A unit as the program knows it: the directory entry, or a township known only by its name."""

    name: str  # canonical name (a township: its full formal name, e.g. 燕店镇人民政府)
    kind: UnitKind
    entered: str  # what the user typed
    unit: Unit | None  # the directory entry; None for a township entered by its own name

    @property
    def names(self) -> frozenset[str]:
        if self.unit is None:
            return frozenset({self.name, self.entered})
        return frozenset({self.unit.name, *self.unit.aliases, *self.unit.former_names})


@dataclass(frozen=True)
class Assignment:
    item: Item
    role: Role
    optional: bool  # reached only through a "有关部门" collective: the unit opts in or out
    via: str  # the name in the document that brought the item to this unit


# Cached: resolving a unit's items compares each name in the plan with every collective's names
# (≈3,400 calls for the 2021 plan at each start of the window); the names are few and repeat.
@functools.lru_cache(maxsize=4096)
def match_key(name: str) -> str:
    """Comparison form of a name: NFKC (full/half-width brackets alike), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def _township(entered: str) -> ResolvedUnit | None:
    m = _TOWNSHIP.match(re.sub(r"\s+", "", entered))
    if not m or m.group("base").endswith(("县", "市", "区")) or m.group("base") in ("各", "各镇"):
        return None
    base, suffix = m.group("base"), m.group("suffix")
    if suffix.startswith("街道"):
        formal = f"{base}街道办事处"
    elif suffix.startswith("乡"):
        formal = f"{base}乡人民政府"
    else:
        formal = f"{base}镇人民政府"
    return ResolvedUnit(name=formal, kind="township", entered=entered, unit=None)


def resolve_unit(plan: Plan, entered: str) -> ResolvedUnit:
    """The unit behind any of its names, or a township by its own name; else `UnknownUnit` with hints."""
    key = match_key(entered)
    if not key:
        raise UnknownUnit(entered, [], message="请输入单位名称（如 县司法局、燕店镇）")
    unit = directory_unit(plan, entered)
    if unit is not None:
        return ResolvedUnit(name=unit.name, kind=unit.kind, entered=entered, unit=unit)
    if collective_named(plan, entered) is not None:
        raise UnknownUnit(
            entered,
            [],
            message=(
                f"“{entered.strip()}”是文件中的统称，不是某一个单位；请输入本单位自己的名称（如 县司法局、燕店镇）"
            ),
        )
    township = _township(entered)
    if township:
        return township
    raise UnknownUnit(entered, suggest_units(plan, entered))


def suggest_units(plan: Plan, entered: str, limit: int = 5) -> list[str]:
    """Known canonical names closest to `entered` (substring matches first, then similar spellings)."""
    key = match_key(entered)
    by_name: dict[str, str] = {}
    for unit in plan.units:
        for n in (unit.name, *unit.aliases):
            by_name[match_key(n)] = unit.name
    found: list[str] = []
    core = key.removeprefix("县")
    for n, canonical in by_name.items():
        if core and (core in n or n.removeprefix("县") in key) and canonical not in found:
            found.append(canonical)
    for n in difflib.get_close_matches(key, list(by_name), n=limit * 2, cutoff=0.45):
        if by_name[n] not in found:
            found.append(by_name[n])
    return found[:limit]


def _named(key: str, name: str, aliases: tuple[str, ...]) -> bool:
    return key in {match_key(n) for n in (name, *aliases)}


def directory_unit(plan: Plan, name: str) -> Unit | None:
    """The directory entry one of whose names matches `name` (spacing and bracket width ignored); a
    unit's former names (机构改革) count after its current names, so an older profile finds it again."""
    key = match_key(name)
    current = next((u for u in plan.units if _named(key, u.name, u.aliases)), None)
    if current is not None:
        return current
    return next((u for u in plan.units if key in {match_key(n) for n in u.former_names}), None)


def collective_named(plan: Plan, name: str) -> Collective | None:
    """The collective name (县政府各部门 …) that `name` spells, if any."""
    key = match_key(name)
    return next((c for c in plan.collectives if _named(key, c.name, c.aliases)), None)


def _role_via(plan: Plan, unit: ResolvedUnit, name: str, column: str) -> tuple[Role, bool] | None:
    """The role `name` in `column` gives `unit`, with whether it is optional; None if it does not reach it."""
    if match_key(name) in {match_key(n) for n in unit.names}:
        return _COLUMN_ROLE[column], False
    collective = collective_named(plan, name)
    if collective is None or unit.kind not in collective.kinds:
        return None
    if collective.mode == "optional":
        return "参与", True
    return ("配合" if column == "cooperating" else "责任"), False


def assignments(plan: Plan, unit: ResolvedUnit) -> list[Assignment]:
    """Every item `unit` answers, in document order; adjustment items are offered to all as optional."""
    result: list[Assignment] = []
    for item in plan.all_items():
        if item.is_adjustment:
            result.append(Assignment(item, "参与", True, item.group_title))
            continue
        best: Assignment | None = None
        for column, names in (
            ("lead", item.lead),
            ("responsible", item.responsible),
            ("cooperating", item.cooperating),
        ):
            for name in names:
                got = _role_via(plan, unit, name, column)
                if got is None:
                    continue
                role, optional = got
                if best is None or ROLE_RANK[role] > ROLE_RANK[best.role]:
                    best = Assignment(item, role, optional, name)
        if best is not None:
            result.append(best)
    return result


def assigned_for(plan: Plan, entered: str) -> tuple[ResolvedUnit, list[Assignment]]:
    """Resolve `entered` and list its assignments."""
    unit = resolve_unit(plan, entered)
    return unit, assignments(plan, unit)
