"""The evidence store: content-addressed copies, attachments linked to items, names and types.

Bad input of every kind is in test_evidence_bad_input.py; kill -9 in test_evidence_crash.py.
"""

from __future__ import annotations

import json
import os
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest
from evidence_checks import (
    assert_healthy,
    make_file,
    open_unit,
    sha256_of,
    stored_files,
    temp_leftovers,
)

from fazhi_desktop import settings
from fazhi_desktop.errors import UsageError
from fazhi_desktop.evidence.attachments import (
    add_evidence,
    link_evidence,
    list_evidence,
    remove_evidence,
    unlink_evidence,
    update_evidence,
)
from fazhi_desktop.evidence.budget import reports_estimate, size_budget
from fazhi_desktop.evidence.errors import (
    WrongPeriod,
)
from fazhi_desktop.evidence.store import blob_path
from fazhi_desktop.selfcheck import history
from fazhi_desktop.selfcheck.profile import add_period, switch_period

MIB = 1 << 20


@pytest.fixture
def ws(data_dir):
    w = open_unit(data_dir)
    yield w
    w.close()


# --- the normal path -------------------------------------------------------------------------------


def test_add_stores_the_file_under_its_hash_with_its_details(ws, tmp_path, data_dir):
    src = make_file(tmp_path / "会议纪要.pdf", 3 * MIB + 17)
    seen = []
    rec = add_evidence(
        ws,
        "T01",
        src,
        made_date="2021-05-06",
        description="党委会纪要",
        progress=lambda d, t: seen.append((d, t)),
    )
    sha = sha256_of(src)
    assert rec.sha256 == sha and rec.size == 3 * MIB + 17
    assert blob_path(data_dir, sha) == data_dir / "evidence" / sha[:2] / sha
    assert sha256_of(blob_path(data_dir, sha)) == sha
    assert (rec.original_name, rec.mime_type, rec.made_date, rec.description) == (
        "会议纪要.pdf",
        "application/pdf",
        "2021-05-06",
        "党委会纪要",
    )
    assert rec.item_ids == ("T01",)
    # progress in 1 MiB blocks, ending at the total
    assert seen[0] == (MIB, 3 * MIB + 17) and seen[-1] == (3 * MIB + 17, 3 * MIB + 17) and len(seen) == 4
    assert temp_leftovers(data_dir) == []
    assert_healthy(data_dir)


def test_a_file_attached_to_three_items_is_stored_once(ws, tmp_path, data_dir):
    src = make_file(tmp_path / "a.pdf", 100_000)
    rec = add_evidence(ws, "T01,T02，T03", src)
    assert rec.item_ids == ("T01", "T02", "T03")
    assert len(stored_files(data_dir)) == 1
    assert ws.db.execute("SELECT count(*) FROM evidence").fetchone()[0] == 1
    assert ws.db.execute("SELECT count(*) FROM evidence_items").fetchone()[0] == 3
    assert_healthy(data_dir)


def test_the_same_file_twice_gives_one_record_linked_to_the_new_item(ws, tmp_path, data_dir):
    src = make_file(tmp_path / "a.pdf", 50_000)
    first = add_evidence(ws, ["T01"], src)
    again = add_evidence(ws, ["T02"], src)
    assert again.id == first.id and again.item_ids == ("T01", "T02")
    assert "已存在" in again.note and "已关联到 T02" in again.note
    same = add_evidence(ws, ["T01"], src)
    assert "未作改动" in same.note and same.item_ids == ("T01", "T02")
    copy = shutil.copy(src, tmp_path / "另一个名字.pdf")
    renamed = add_evidence(ws, ["T03"], copy)
    assert renamed.id == first.id and "原名“a.pdf”" in renamed.note
    assert len(stored_files(data_dir)) == 1 and len(list_evidence(ws)) == 1
    assert_healthy(data_dir)


def test_same_file_twice_fills_empty_fields_but_keeps_filled_ones(ws, tmp_path, data_dir):
    src = make_file(tmp_path / "a.pdf", 5000)
    add_evidence(ws, "T01", src, description="原说明")
    rec = add_evidence(ws, "T02", src, made_date="2021-01-02", description="新说明")
    assert (rec.made_date, rec.description) == ("2021-01-02", "原说明")


def test_unlinking_the_last_item_removes_the_record_and_the_unused_file(ws, tmp_path, data_dir):
    rec = add_evidence(ws, "T01,T02", make_file(tmp_path / "a.pdf", 10_000))
    path = blob_path(data_dir, rec.sha256)
    after = unlink_evidence(ws, rec.id, "t1")
    assert after is not None and after.item_ids == ("T02",) and path.exists()
    assert unlink_evidence(ws, rec.id, "T02") is None
    assert list_evidence(ws) == [] and not path.exists()
    assert ws.db.execute("SELECT count(*) FROM blobs").fetchone()[0] == 0
    assert temp_leftovers(data_dir) == []
    assert_healthy(data_dir)


def test_unlinking_an_item_that_is_not_linked_is_refused(ws, tmp_path):
    rec = add_evidence(ws, "T01", make_file(tmp_path / "a.pdf", 1000))
    with pytest.raises(UsageError, match="没有关联到 T05"):
        unlink_evidence(ws, rec.id, "T05")


def test_a_file_used_in_another_period_stays_when_removed_from_one(ws, tmp_path, data_dir):
    src = make_file(tmp_path / "a.pdf", 20_000)
    old = add_evidence(ws, "T01", src)
    first_period = ws.period.id
    add_period(ws, 2022, "annual")
    new = add_evidence(ws, "T01", src)
    assert new.id != old.id and new.sha256 == old.sha256 and new.note == ""
    assert len(stored_files(data_dir)) == 1
    with pytest.raises(WrongPeriod):
        update_evidence(ws, old.id, description="x")
    remove_evidence(ws, new.id)
    assert blob_path(data_dir, old.sha256).exists()
    switch_period(ws, first_period)
    remove_evidence(ws, old.id)
    assert not blob_path(data_dir, old.sha256).exists()
    assert_healthy(data_dir)


def test_link_update_and_history(ws, tmp_path, data_dir):
    rec = add_evidence(ws, "T01", make_file(tmp_path / "a.pdf", 1000), made_date="2021/3/5")
    assert rec.made_date == "2021-03-05"
    linked = link_evidence(ws, rec.id, "b1")
    assert linked.item_ids == ("T01", "B1") and linked.note == "已关联到 B1"
    assert link_evidence(ws, rec.id, "B1").note.endswith("未作改动")
    edited = update_evidence(ws, rec.id, made_date="2021年4月1日", description="  说明  ")
    assert (edited.made_date, edited.description) == ("2021-04-01", "说明")
    cleared = update_evidence(ws, rec.id, made_date="")
    assert cleared.made_date is None and cleared.description == "说明"
    rows = [(e.field, e.item_id) for e in history.changes_since(ws.db) if e.entity == "evidence"]
    assert rows == [
        ("added", None),
        ("linked", "T01"),
        ("linked", "B1"),
        (f"{rec.id}.made_date", None),
        (f"{rec.id}.description", None),
        (f"{rec.id}.made_date", None),
    ]
    added = next(e for e in history.changes_since(ws.db) if e.field == "added")
    assert json.loads(added.new_value)["sha256"] == rec.sha256
    remove_evidence(ws, rec.id)
    tail = [(e.field, e.item_id) for e in history.changes_since(ws.db)][-3:]
    assert tail == [("unlinked", "T01"), ("unlinked", "B1"), ("removed", None)]
    assert history.verify_chain(ws.db) == []


def test_list_by_item_and_the_running_size(ws, tmp_path):
    a = add_evidence(ws, "T01", make_file(tmp_path / "a.pdf", 300_000, seed=1))
    b = add_evidence(ws, "T01,T02", make_file(tmp_path / "b.pdf", 200_000, seed=2))
    assert [r.id for r in list_evidence(ws, "T1")] == [a.id, b.id]
    assert [r.id for r in list_evidence(ws, "T02")] == [b.id]
    assert list_evidence(ws, "T03") == []
    budget = size_budget(ws)
    assert budget.file_count == 2 and budget.evidence_bytes == 500_000
    assert budget.used_bytes == 500_000 + reports_estimate(len(ws.assignments()), 2, len(b"a.pdfb.pdf"))
    assert budget.limit_bytes == settings.get(ws.db, "evidence.max_period_bytes")


# --- a damaged store heals when the original is added again ----------------------------------------


def test_a_damaged_stored_file_heals_when_added_again(ws, tmp_path, data_dir):
    src = make_file(tmp_path / "a.pdf", 100_000)
    rec = add_evidence(ws, "T01", src)
    path = blob_path(data_dir, rec.sha256)
    with open(path, "r+b") as f:
        f.seek(5000)
        f.write(b"bitrot")
    add_evidence(ws, "T02", src)
    assert sha256_of(path) == rec.sha256
    assert_healthy(data_dir)


def test_a_missing_stored_file_heals_when_added_again(ws, tmp_path, data_dir):
    src = make_file(tmp_path / "a.pdf", 100_000)
    rec = add_evidence(ws, "T01", src)
    blob_path(data_dir, rec.sha256).unlink()
    assert add_evidence(ws, "T01", src).id == rec.id
    assert sha256_of(blob_path(data_dir, rec.sha256)) == rec.sha256
    assert_healthy(data_dir)


# --- names and types -------------------------------------------------------------------------------

ODD_NAMES = {
    "nfd": unicodedata.normalize("NFD", "关于落实《规定》的通知（修订版）é.pdf"),
    "emoji": "照片📷👨‍👩‍👧 现场.jpg",
    "long": "关于进一步加强法治政府建设工作的实施意见" * 4 + ".pdf",  # 244 bytes: near the 255 limit
    "spaces_fullwidth": "  ２０２１年　第一季度 　法治 报告（定稿）.pdf",
    "newline": "第一行\n第二行\t.pdf",
}


@pytest.mark.parametrize("key", sorted(ODD_NAMES))
def test_odd_unicode_names(ws, tmp_path, data_dir, key):
    name = ODD_NAMES[key]
    assert len(name.encode()) <= 255
    src = make_file(tmp_path / name, 4000, seed=len(name))
    rec = add_evidence(ws, "T01", src)
    expected = unicodedata.normalize("NFC", name).replace("\n", " ").replace("\t", " ").strip()
    assert rec.original_name == expected
    assert unicodedata.is_normalized("NFC", rec.original_name)
    assert list_evidence(ws)[0].original_name == expected
    assert_healthy(data_dir)


def test_a_gbk_encoded_name_from_a_usb_stick(ws, tmp_path, data_dir):
    raw = os.fsencode(tmp_path) + b"/" + "整改报告.pdf".encode("gbk")
    with open(raw, "wb") as f:
        f.write(b"%PDF-1.4 gbk")
    rec = add_evidence(ws, "T01", Path(os.fsdecode(raw)))
    assert rec.original_name == "整改报告.pdf"
    assert_healthy(data_dir)


def test_a_name_that_is_not_text_at_all(ws, tmp_path, data_dir):
    raw = os.fsencode(tmp_path) + b"/scan\xff\xfe\x80.pdf"
    with open(raw, "wb") as f:
        f.write(b"%PDF-1.4 junk name")
    rec = add_evidence(ws, "T01", Path(os.fsdecode(raw)))
    assert rec.original_name.startswith("scan") and rec.original_name.endswith(".pdf")
    rec.original_name.encode("utf-8")  # storable and printable
    assert_healthy(data_dir)


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def test_types_are_recognised_from_the_content(ws, tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "台账"
    wb.save(tmp_path / "台账.xlsx")
    cases = {
        make_file(tmp_path / "扫描.jpg", 3000, head=b"%PDF-1.7\n"): "application/pdf",  # a PDF named .jpg
        make_file(tmp_path / "photo.bin", 3000, head=b"\xff\xd8\xff\xe0"): "image/jpeg",
        make_file(tmp_path / "p.dat", 3000, head=b"\x89PNG\r\n\x1a\n"): "image/png",
        make_file(tmp_path / "scan.tif", 3000, head=b"II*\x00"): "image/tiff",
        make_file(tmp_path / "scan2", 3000, head=b"MM\x00*"): "image/tiff",
        _zip(
            tmp_path / "通知.docx", {"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"}
        ): "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        tmp_path / "台账.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _zip(
            tmp_path / "公文.zip", {"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<d/>"}
        ): "application/ofd",
        _zip(tmp_path / "材料.zip", {"a.txt": b"a"}): "application/zip",
        make_file(tmp_path / "旧.doc", 3000, head=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"): "application/msword",
        make_file(tmp_path / "说明.txt", 3000, head=b"plain"): "text/plain",
        make_file(tmp_path / "unknown.qqq", 3000, head=b"\x00\x01"): "application/octet-stream",
    }
    for n, (path, mime) in enumerate(cases.items()):
        rec = add_evidence(ws, "T01", path)
        assert rec.mime_type == mime, (path.name, rec.mime_type)
        assert len(list_evidence(ws)) == n + 1
