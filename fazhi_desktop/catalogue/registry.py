"""Plans the program knows: the ones shipped in resources/plans and any imported into the data directory."""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path

from fazhi_desktop.catalogue.loader import load_plan, parse_plan
from fazhi_desktop.catalogue.model import Plan
from fazhi_desktop.errors import CatalogueError, describe_os_error
from fazhi_desktop.fsutil import atomic_writer
from fazhi_desktop.paths import resources_dir

DEFAULT_PLAN_ID = "shen-2021"


def builtin_plan_files() -> list[Path]:
    return sorted((resources_dir() / "plans").glob("*.json"))


def imported_plan_dir(data_dir: Path) -> Path:
    return data_dir / "plans"


@lru_cache(maxsize=16)
def _load_cached(path: str, mtime_ns: int, size: int) -> Plan:
    return load_plan(path)


def _load(path: Path) -> Plan:
    st = path.stat()
    return _load_cached(str(path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=8)
def _parse_cached(text: str, source: str) -> Plan:
    return parse_plan(text.encode("utf-8"), source=source)


def plan_from_text(text: str, *, sha256: str, source: str) -> Plan:
    """A plan from catalogue text kept outside `resources/` (the database's `plans` table), validated like
    a file; it keeps the SHA-256 recorded with it, which names the file it was read from."""
    plan = _parse_cached(text, source)
    return plan if plan.sha256 == sha256 else dataclasses.replace(plan, sha256=sha256)


def available_plans(data_dir: Path | None = None) -> list[Plan]:
    """Every plan, built-in first, then imported ones; a later file with the same id and version wins."""
    files = builtin_plan_files()
    if data_dir is not None and imported_plan_dir(data_dir).is_dir():
        files += sorted(imported_plan_dir(data_dir).glob("*.json"))
    plans: dict[tuple[str, str], Plan] = {}
    for f in files:
        plan = _load(f)
        plans[(plan.meta.id, plan.meta.version)] = plan
    return list(plans.values())


def get_plan(plan_id: str | None = None, data_dir: Path | None = None, version: str | None = None) -> Plan:
    """The plan with this id (newest version unless one is named); the built-in plan by default."""
    wanted = plan_id or DEFAULT_PLAN_ID
    candidates = [p for p in available_plans(data_dir) if p.meta.id == wanted]
    if version:
        candidates = [p for p in candidates if p.meta.version == version]
    if not candidates:
        known = "、".join(sorted({p.meta.id for p in available_plans(data_dir)})) or "（无）"
        raise CatalogueError(
            f"没有编号为“{wanted}”{'、版本 ' + version if version else ''}的计划；已有：{known}"
        )
    return max(
        candidates, key=lambda p: tuple(int(x) if x.isdigit() else 0 for x in p.meta.version.split("."))
    )


def import_plan(data_dir: Path, source: Path) -> Plan:
    """Validate `source` and copy it into the data directory's plans folder (temp name, fsync, rename)."""
    try:
        raw = Path(source).read_bytes()  # read once: what is validated is exactly what is kept
    except OSError as exc:
        raise CatalogueError(f"无法读取计划文件 {source}：{describe_os_error(exc)}", detail=str(exc)) from exc
    plan = parse_plan(raw, source=str(source))
    target_dir = imported_plan_dir(data_dir)
    target = target_dir / f"{plan.meta.id}-{plan.meta.version}.json"
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        with atomic_writer(target, prefix=".import-") as out:
            out.write(raw)
    except OSError as exc:
        raise CatalogueError(
            f"无法保存计划文件到 {target_dir}：{describe_os_error(exc)}", detail=str(exc)
        ) from exc
    return plan
