"""Plans the program knows: the ones shipped in resources/plans and any imported into the data directory."""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path
from typing import Literal

from fazhi_desktop.catalogue.loader import load_plan, parse_plan
from fazhi_desktop.catalogue.model import Plan
from fazhi_desktop.catalogue.signed_plan import SIGNED_SUFFIX, PlanSource
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


def read_plan_file(source: Path) -> PlanSource:
    """The plan in a signed plan (verified), a catalogue file (.json) or a plan workbook (.xlsx).
    Anything else (.xls, .et, encrypted, too large …) is refused with words saying what to do."""
    from fazhi_desktop.catalogue.plan_import import plan_from_workbook, refuse_unreadable
    from fazhi_desktop.catalogue.signed_plan import is_signed_container, open_signed_plan

    try:
        raw = Path(source).read_bytes()  # read once: what is validated is exactly what is kept
    except OSError as exc:
        raise CatalogueError(f"无法读取计划文件 {source}：{describe_os_error(exc)}", detail=str(exc)) from exc
    if Path(source).suffix.lower() == ".json" or raw.lstrip()[:1] == b"{":
        return PlanSource(parse_plan(raw, source=str(source)), raw)
    if Path(source).suffix.lower() == SIGNED_SUFFIX or is_signed_container(raw):
        return open_signed_plan(raw, str(source))
    if Path(source).suffix.lower() != ".xlsx":
        refuse_unreadable(Path(source), raw)  # names the format when it can tell
    return PlanSource(*plan_from_workbook(raw, str(source)))


def read_plan_source(source: Path) -> tuple[Plan, bytes]:
    """The plan a file holds and the catalogue bytes to keep (see `read_plan_file`)."""
    got = read_plan_file(source)
    return got.plan, got.raw


def same_catalogue(a: Plan, b: Plan) -> bool:
    """Whether two plans hold the same catalogue, whatever format or bytes carried it."""

    def bare(p: Plan) -> Plan:
        return dataclasses.replace(p, sha256="", format_version=0, warnings=())

    return bare(a) == bare(b)


def check_new_version(data_dir: Path | None, plan: Plan) -> Plan | None:
    """The known plan with the same id and version when it holds the same catalogue (nothing to do);
    `CatalogueError` when it holds another — a changed plan must carry a new version number."""
    if not (plan.tasks or plan.indicators):
        raise CatalogueError(
            "计划中既没有工作任务也没有指标，未导入（请在“工作任务”或“指标体系”工作表中填写）"
        )
    for known in available_plans(data_dir):
        if (known.meta.id, known.meta.version) != (plan.meta.id, plan.meta.version):
            continue
        if same_catalogue(known, plan):
            return known
        raise CatalogueError(
            f"已有计划 {plan.meta.id} 版本 {plan.meta.version}，内容与要导入的不同；"
            "修改过的计划请增大版本号（如 1.0.1）后再导入，以免已开始的自查对应的计划被改变"
        )
    return None


def import_plan(data_dir: Path, source: Path) -> Plan:
    """Validate `source` and keep it in the data directory's plans folder (temp name, fsync, rename)."""
    got = read_plan_file(Path(source))
    known = check_new_version(data_dir, got.plan)
    if known is not None:
        return known
    return store_plan(data_dir, got.plan, got.raw, signed_container=None)


PlanOrigin = Literal["builtin", "signed", "unsigned"]


def plan_origin(data_dir: Path | None, plan: Plan) -> tuple[PlanOrigin, str | None]:
    """How a known plan arrived: shipped with the program, signed by the bureau (the signer's full
    fingerprint, from the signed file kept beside it) or imported unsigned (shown as 未签名)."""
    from fazhi_desktop.catalogue.signed_plan import open_signed_plan

    if any(_load(f).sha256 == plan.sha256 for f in builtin_plan_files()):
        return "builtin", None
    if data_dir is not None:
        container = imported_plan_dir(data_dir) / f"{plan.meta.id}-{plan.meta.version}{SIGNED_SUFFIX}"
        if container.is_file():
            try:
                got = open_signed_plan(container.read_bytes(), container.name)
            except (CatalogueError, OSError):
                return "unsigned", None
            if got.plan.sha256 == plan.sha256:
                return "signed", got.signer_fingerprint
    return "unsigned", None


def origin_label(data_dir: Path | None, plan: Plan) -> str:
    from fazhi_desktop.package.fingerprint import display_fingerprint

    origin, fingerprint = plan_origin(data_dir, plan)
    if origin == "builtin":
        return "随程序提供"
    if origin == "signed" and fingerprint:
        return f"已签名（{display_fingerprint(fingerprint)}）"
    return "未签名"


def store_plan(data_dir: Path, plan: Plan, raw: bytes, *, signed_container: bytes | None) -> Plan:
    """Keep validated catalogue bytes as `plans/<id>-<version>.json` in the data directory, and the
    signed file it came in beside it (`.signed`), so that where it came from can always be shown."""
    from fazhi_desktop.fsutil import atomic_write_bytes

    target_dir = imported_plan_dir(data_dir)
    if signed_container is not None:
        try:
            target_dir.mkdir(parents=True, exist_ok=True)
            stem = f"{plan.meta.id}-{plan.meta.version}"
            atomic_write_bytes(target_dir / f"{stem}{SIGNED_SUFFIX}", signed_container)
        except OSError as exc:
            raise CatalogueError(
                f"无法保存计划文件到 {target_dir}：{describe_os_error(exc)}", detail=str(exc)
            ) from exc
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
