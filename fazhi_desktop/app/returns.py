"""The unit's side of a return (退回包) and a receipt (回执) from the county justice bureau.

`import_return` checks the bureau's signature and whose key it is, that the return is for this unit,
this period and a package this unit really sent, then reopens exactly the returned items (work status
back to 推进中, one history row each) and keeps the comments; the next export names the return it
answers. `import_receipt` keeps the bureau's proof of delivery beside the package it names.

Whose key: the bureau key this unit remembers (selfcheck/bureau_trust.py: the first one seen, in a signed
plan or in the first return or receipt). When none is remembered yet, the clerk types the fingerprint from
the bureau's paper notice (`--bureau-key`) once; it is checked against the file and remembered. Another key
afterwards is refused naming both fingerprints.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fazhi_desktop.errors import FazhiError, UsageError
from fazhi_desktop.package.fingerprint import display_fingerprint, fingerprint_matches, normalize_fingerprint
from fazhi_desktop.package.signed_doc import SignedDoc, read_signed
from fazhi_desktop.selfcheck import bureau_trust, packages, returns
from fazhi_desktop.selfcheck.assessments import save_assessment
from fazhi_desktop.selfcheck.returns import ReceiptRecord, ReturnRecord
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.store.db import utc_now, write_transaction


class BureauKeyNeeded(FazhiError):
    """The file is signed by a bureau key this unit has not been told to trust yet."""

    def __init__(self, fingerprint: str, what: str) -> None:
        super().__init__(
            f"{what}由指纹为 {display_fingerprint(fingerprint)} 的密钥签名，本单位尚未确认县司法局的密钥。"
            "请与县司法局书面通知上的密钥指纹核对，一致后加上 --bureau-key 指纹 重新导入"
        )
        self.fingerprint = fingerprint


@dataclass(frozen=True)
class ImportedReturn:
    record: ReturnRecord
    reopened: tuple[str, ...]
    already: bool  # imported before: nothing changed


def _trust(ws: Workspace, doc: SignedDoc, bureau_key: str | None, what: str) -> None:
    if bureau_key is not None:
        expected = normalize_fingerprint(bureau_key)
        if expected is None:
            raise UsageError("--bureau-key 应为县司法局密钥指纹（32 或 64 位十六进制，可带空格）")
        if not fingerprint_matches(expected, doc.fingerprint):
            raise UsageError(
                f"{what}的签名密钥（指纹 {display_fingerprint(doc.fingerprint)}）与您输入的县司法局密钥指纹"
                f"（{display_fingerprint(expected)}）不符，已拒绝：该文件不是县司法局签发的，或指纹输错"
            )
    if bureau_trust.check(ws.db, doc.public_raw, what) == "new":  # raises when another key is remembered
        if bureau_key is None:
            raise BureauKeyNeeded(doc.fingerprint, what)
        bureau_trust.remember(ws.db, doc.public_raw, what)


def _read_addressed(
    ws: Workspace, path: Path, kind: str, what: str, bureau_key: str | None, *, sender: str = ""
) -> SignedDoc:
    """The signed file, once it is known to be addressed to this unit and signed by a trusted bureau key."""
    doc = read_signed(Path(path), kind)
    unit = ws.require_profile().unit_name
    if doc.body.get("unit") != unit:
        raise UsageError(f"这是{sender}给 {doc.body.get('unit')} 的{what}，不是给本单位（{unit}）的")
    _trust(ws, doc, bureau_key, what)
    return doc


def _own_package(ws: Workspace, package_id: str) -> packages.PackageRecord | None:
    for period in ws.periods():
        for p in packages.list_packages(ws.db, period.id):
            if p.package_id == package_id:
                return p
    return None


def import_return(ws: Workspace, path: Path, *, bureau_key: str | None = None) -> ImportedReturn:
    doc = _read_addressed(ws, path, "return", "退回包", bureau_key, sender="县司法局")
    body = doc.body
    period = ws.period
    if body.get("plan_id") != period.plan_id or body.get("period") != period.label:
        raise UsageError(
            f"这个退回包针对 {body.get('period')}（{body.get('plan_id')}），当前自查期间是 {period.label}：请先切换期间"
        )
    if _own_package(ws, str(body.get("package_id"))) is None:
        raise UsageError(f"退回包针对的上报包 {body.get('package_id')} 不是本机导出的，未导入")
    known = returns.find_return(ws.db, str(body["return_id"]))
    if known is not None:
        return ImportedReturn(known, (), True)
    items = [(str(i["id"]), str(i.get("comment", ""))) for i in body.get("items", [])]
    if not items:
        raise UsageError("退回包中没有退回的事项")
    for item_id, _ in items:
        ws.assignment(item_id)  # ItemNotAssigned for an item this unit does not answer
    with write_transaction(ws.db):
        returns.record_return(
            ws.db,
            return_id=str(body["return_id"]),
            period_id=period.id,
            package_id=str(body["package_id"]),
            bureau=str(body.get("bureau", "")),
            bureau_fingerprint=doc.fingerprint,
            created_at=str(body.get("created", "")),
            items=items,
        )
        for item_id, _ in items:
            save_assessment(ws, item_id, strict=False, work_status=returns.REOPENED_STATUS)
    record = returns.find_return(ws.db, str(body["return_id"]))
    assert record is not None
    return ImportedReturn(record, tuple(i for i, _ in items), False)


def import_receipt(ws: Workspace, path: Path, *, bureau_key: str | None = None) -> tuple[ReceiptRecord, bool]:
    """(the receipt, True when newly recorded); refused for a package this unit never sent."""
    doc = _read_addressed(ws, path, "receipt", "回执", bureau_key)
    body = doc.body
    own = _own_package(ws, str(body.get("package_id")))
    if own is None:
        raise UsageError(f"回执所说的上报包 {body.get('package_id')} 不是本机导出的：本单位没有发送过这个包")
    if own.sha256 != body.get("zip_sha256"):
        raise UsageError(
            "回执中的文件哈希与本单位导出的上报包不符：县司法局收到的不是本单位发出的原文件，请与县司法局核实"
        )
    record = ReceiptRecord(
        receipt_id=str(body["receipt_id"]),
        package_id=own.package_id,
        zip_sha256=own.sha256,
        received_at=str(body.get("received_at", "")),
        verification=str(body.get("verification", "")),
        bureau=str(body.get("bureau", "")),
        bureau_fingerprint=doc.fingerprint,
        imported_at=utc_now(),
    )
    return record, returns.record_receipt(ws.db, record)


def receipts_by_package(ws: Workspace) -> dict[str, ReceiptRecord]:
    """The bureau's receipts this unit holds, by the package they acknowledge."""
    return returns.receipts_by_package(ws.db)
