"""Real unit-side packages for the reviewer tests: each unit its own data directory, key and export.

Built once per session (about 0.4 s a package); evidence is a few hundred bytes. Nothing binary is
committed: everything is generated in temporary folders.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fazhi_desktop.app.export import export_package
from fazhi_desktop.evidence.attachments import add_evidence
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.keys import UnitKey, create_unit_key, export_public_key, key_path
from fazhi_desktop.selfcheck.assessments import save_assessment, set_opt_in
from fazhi_desktop.selfcheck.profile import set_key_fingerprint, set_up_unit
from fazhi_desktop.selfcheck.workspace import Workspace

FAST = KdfParams(n=2**12)
PASS = "单位口令 unit passphrase"
BUREAU_PASS = "司法局口令 bureau passphrase"
CST = dt.timezone(dt.timedelta(hours=8))


@dataclass
class UnitSide:
    name: str
    data_dir: Path
    key: UnitKey
    packages: list[Path] = field(default_factory=list)

    def public_pem(self, folder: Path) -> Path:
        return export_public_key(key_path(self.data_dir), folder / f"{self.name}.pem", overwrite=True)

    def answer(self, *, results: dict[str, str] | None = None, problems: set[str] | None = None) -> None:
        """Answer every required item 已完成 (or as `results` says), with one tiny evidence file each."""
        with Workspace.open(self.data_dir) as ws:
            for n, a in enumerate(ws.assignments(), start=1):
                if a.optional:
                    set_opt_in(ws, a.item.id, False)
                    continue
                kind_done = "已完成" if a.item.kind == "task" else "达标"
                result = (results or {}).get(a.item.id, kind_done)
                fields: dict[str, object] = {
                    "work_status": "已完成" if result in ("已完成", "达标") else "推进中",
                    "result": result,
                    "narrative": f"{a.item.short_title}：按计划推进。",
                    "responsible_person": "李四",
                }
                if problems and a.item.id in problems:
                    fields.update(problems="台账不全", measures="补齐台账", deadline="2021-12-31")
                save_assessment(ws, a.item.id, strict=False, **fields)  # type: ignore[arg-type]
                if n <= 3:
                    ev = self.data_dir.parent / f"{self.name}-佐证{n}.pdf"
                    ev.write_bytes(b"%PDF-1.4\n" + self.name.encode() + bytes([n]) * 200)
                    add_evidence(ws, [a.item.id], ev, made_date="2021-06-30")

    def export(self, out_dir: Path) -> Path:
        out_dir.mkdir(parents=True, exist_ok=True)
        with Workspace.open(self.data_dir) as ws:
            r = export_package(ws, out_dir, self.key)
        self.packages.append(r.package.path)
        return r.package.path


def make_unit(root: Path, name: str) -> UnitSide:
    data_dir = Path(tempfile.mkdtemp(prefix="unit-", dir=root))
    with Workspace.open(data_dir) as ws:
        set_up_unit(ws, name, contact="张三", phone="0635-1234567")
        key = create_unit_key(data_dir, PASS, kdf=FAST)
        set_key_fingerprint(ws, key.fingerprint)
        canonical = ws.require_profile().unit_name
    return UnitSide(canonical, data_dir, key)


def sent_twice(unit: UnitSide, root: Path) -> None:
    """第1版 (T01 未完成) into root/stick1, then 第2版 (all done) into root/stick2."""
    unit.answer(results={"T01": "未完成"})
    unit.export(root / "stick1")
    unit.answer()
    unit.export(root / "stick2")


def bureau_trusting(root: Path, *units: UnitSide) -> Path:
    """A reviewer data directory root/bureau with the keys of `units` registered from their public key files."""
    from fazhi_desktop.review.bureau import init_bureau
    from fazhi_desktop.review.trust import add_key

    store, _ = init_bureau(root / "bureau", BUREAU_PASS, kdf=FAST)
    for u in units:
        add_key(store, u.name, u.public_pem(root))
    store.close()
    return root / "bureau"


def copy_to(src: Path, folder: Path, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or src.name)
    shutil.copyfile(src, target)
    return target


@pytest.fixture(scope="session")
def unit_factory(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("units")
    return lambda name: make_unit(root, name)
