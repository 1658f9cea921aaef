"""Plans the program knows: the ones shipped in resources/plans and any imported into the data directory."""

from __future__ import annotations

import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from fazhi_desktop.catalogue.loader import load_plan
from fazhi_desktop.catalogue.model import Plan
from fazhi_desktop.errors import CatalogueError
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
        raise CatalogueError(f"没有编号为“{wanted}”{'、版本 ' + version if version else ''}的计划；已有：{known}")
    return max(candidates, key=lambda p: tuple(int(x) if x.isdigit() else 0 for x in p.meta.version.split(".")))


def import_plan(data_dir: Path, source: Path) -> Plan:
    """Validate `source` and copy it into the data directory's plans folder (atomically)."""
    plan = load_plan(source)
    target_dir = imported_plan_dir(data_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{plan.meta.id}-{plan.meta.version}.json"
    fd, tmp = tempfile.mkstemp(dir=target_dir, prefix=".import-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CatalogueError(f"无法保存计划文件到 {target_dir}：{exc.strerror or exc}") from exc
    return plan
