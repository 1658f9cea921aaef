"""The county justice bureau's sample for the reviewer screenshots (scripts/screenshots.py): several units,
each with its own data directory, throw-away key and a real signed package, imported into a bureau store;
items reviewed and one of 燕店镇's returned (燕店镇 is ui/demo_data.py's sample).
Written only through the domain API, like demo_data.py; the keys are made with a fast KDF (nothing here
is kept)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fazhi_desktop.app.export import export_package
from fazhi_desktop.evidence.attachments import add_evidence
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.keys import create_unit_key, export_public_key, key_path
from fazhi_desktop.review.bureau import init_bureau, unlock_bureau_key
from fazhi_desktop.review.importer import import_packages
from fazhi_desktop.review.returns import make_return
from fazhi_desktop.review.trust import add_key, replace_key
from fazhi_desktop.review.unitview import review_item
from fazhi_desktop.selfcheck.assessments import save_assessment, set_opt_in
from fazhi_desktop.selfcheck.profile import set_key_fingerprint, set_up_unit
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.ui.demo_data import UNIT as DEMO_UNIT
from fazhi_desktop.ui.demo_data import fill_demo

DEMO_KDF = KdfParams(n=2**12)
PASSPHRASE = "演示口令 demo passphrase"
RETURNED_ITEM = "T03"
RETURN_COMMENT = "请补充常务会议听取法治政府建设汇报的会议纪要，并说明下一季度的安排"

# Per unit: how many of its required items it has answered so far (a share, in tenths), and which of the
# answered ones fall short (every n-th is 部分完成/基本达标, every m-th 未完成/未达标).
_UNITS: tuple[tuple[str, int, int, int], ...] = (
    ("县财政局", 10, 7, 23),
    ("县市场监督管理局", 9, 5, 13),
    ("县教育和体育局", 8, 6, 0),
    ("县自然资源和规划局", 6, 4, 9),
    ("古云镇", 7, 3, 8),
    ("县卫生健康局", 10, 9, 0),
    ("县住房和城乡建设局", 5, 3, 7),
    ("十八里铺镇", 9, 6, 11),
)
_UNREGISTERED = "县市场监督管理局"  # its package arrived before its key: viewable, not counted
_REPLACED = "县财政局"  # changed its key after sending: the old key stays on record (已更换, 停用于)


@dataclass(frozen=True)
class ReviewDemo:
    bureau_dir: Path
    unit_dir: Path  # 燕店镇's data directory (its return not yet imported)
    return_path: Path  # the bureau's signed return for 燕店镇
    bureau_fingerprint: str


def _unit(root: Path, name: str) -> tuple[Path, str]:
    """A unit set up with its key; returns its data directory and canonical name."""
    data_dir = root / name
    with Workspace.open(data_dir) as ws:
        set_up_unit(ws, name, contact="王红", phone="0635-7361000", year=2021)
        canonical = ws.require_profile().unit_name
    return data_dir, canonical


def _key(data_dir: Path) -> None:
    key = create_unit_key(data_dir, PASSPHRASE, kdf=DEMO_KDF)
    with Workspace.open(data_dir) as ws:
        set_key_fingerprint(ws, key.fingerprint)


def _answer(data_dir: Path, share: int, partial_every: int, bad_every: int) -> None:
    with Workspace.open(data_dir) as ws:
        required = [a for a in ws.assignments() if not a.optional]
        for a in ws.assignments():
            if a.optional:
                set_opt_in(ws, a.item.id, False)
        for n, a in enumerate(required[: len(required) * share // 10], start=1):
            task = a.item.kind == "task"
            result = "已完成" if task else "达标"
            if bad_every and n % bad_every == 0:
                result = "未完成" if task else "未达标"
            elif partial_every and n % partial_every == 0:
                result = "部分完成" if task else "基本达标"
            fields: dict[str, str] = {
                "work_status": "已完成" if result in ("已完成", "达标") else "推进中",
                "result": result,
                "narrative": f"{a.item.short_title}：已按计划推进，相关材料已归档。",
                "responsible_person": "王红",
            }
            if result not in ("已完成", "达标"):
                fields.update(
                    problems="工作台账尚不完整。", measures="年底前补齐台账。", deadline="2021-12-31"
                )
            save_assessment(ws, a.item.id, strict=False, **fields)  # type: ignore[arg-type]
        _attach(ws, data_dir, [a.item.id for a in required[: len(required) * share // 10]])


def _attach(ws: Workspace, data_dir: Path, item_ids: list[str]) -> None:
    """A small scan for every four answered items (the content differs per unit and file)."""
    for n in range(0, len(item_ids), 4):
        scan = data_dir.parent / f"{data_dir.name}-佐证{n // 4 + 1}.pdf"
        scan.write_bytes(b"%PDF-1.4\n" + f"{data_dir.name} {n}".encode() * 64)
        add_evidence(ws, item_ids[n : n + 4], scan, made_date="2021-11-30")


def _export(data_dir: Path, stick: Path) -> Path:
    from fazhi_desktop.package.keys import load_key_file

    stick.mkdir(parents=True, exist_ok=True)
    with Workspace.open(data_dir) as ws:
        return export_package(ws, stick, load_key_file(key_path(data_dir), PASSPHRASE)).package.path


def build_review_demo(root: Path) -> ReviewDemo:
    """Build everything under `root` (an empty folder): units, the stick, the bureau, the return."""
    root.mkdir(parents=True, exist_ok=True)
    stick, keys = root / "U盘", root / "公钥"
    keys.mkdir()
    yandian = root / DEMO_UNIT
    fill_demo(yandian, files_dir=root / "demo-files")
    _key(yandian)
    with Workspace.open(yandian) as ws:
        yandian_name = ws.require_profile().unit_name
    units = [(yandian, yandian_name)]
    for name, share, partial, bad in _UNITS:
        data_dir, canonical = _unit(root, name)
        _key(data_dir)
        _answer(data_dir, share, partial, bad)
        units.append((data_dir, canonical))
    for data_dir, _ in units:
        _export(data_dir, stick)

    store, bureau = init_bureau(root / "司法局审核", PASSPHRASE, kdf=DEMO_KDF)
    try:
        for data_dir, name in units:
            if name != _UNREGISTERED:
                add_key(store, name, export_public_key(key_path(data_dir), keys / f"{name}.pem"))
        import_packages(store, [stick])
        new_key = root / "换用的新密钥"
        create_unit_key(new_key, PASSPHRASE, kdf=DEMO_KDF)
        replace_key(
            store, _REPLACED, export_public_key(key_path(new_key), keys / "新公钥.pem"), note="新任联络员"
        )
        for item in ("T01", "T02", "T07"):
            review_item(store, yandian_name, item, verdict="通过")
        review_item(store, yandian_name, RETURNED_ITEM, verdict="退回修改", comment=RETURN_COMMENT)
        back = make_return(
            store, unlock_bureau_key(store.data_dir, PASSPHRASE), yandian_name, root / "燕店镇-退回.json"
        )
    finally:
        store.close()
    return ReviewDemo(root / "司法局审核", yandian, back.path, bureau.key_fingerprint)
