"""Regenerate the pictures of the windows in docs/ from sample data built here, offline.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py            # into docs/
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py --out DIR  # somewhere else

Everything is made in a temporary folder and thrown away: 燕店镇's self-check (ui/demo_data.py) for the
unit's pictures, and for the reviewer's a bureau store with several units' real signed packages imported,
items reviewed and one returned (ui/review_demo.py), and the first page of its 通报 (pdftoppm, from
poppler-utils). Windows are rendered at the size they have maximised
on a 1366×768 office screen (ui/window_size.py SCREENSHOT_SIZE, as `--screenshot` does); dialogs and the
set-up wizard at the size they open at.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
UNIT_PAGES = {  # picture → `--screenshot --page` of the unit's window
    "screenshot-overview.png": "overview",
    "screenshot-item.png": "item:T01",
    "screenshot-wizard.png": "wizard",
}
NARRATIVES = "screenshot-narratives.png"
REVIEWER_WINDOW = "reviewer-window.png"
REVIEWER_KEYS = "reviewer-keys.png"
UNIT_RETURN = "unit-return.png"
REVIEWER_BULLETIN = "reviewer-bulletin.png"  # the 通报's first page, as a PDF reader shows it
ALL = (*UNIT_PAGES, NARRATIVES, REVIEWER_WINDOW, REVIEWER_KEYS, UNIT_RETURN, REVIEWER_BULLETIN)

_OVERALL = (
    "2021年，燕店镇坚持以习近平法治思想为指导，把法治建设纳入全镇工作全局，镇党委理论学习中心组专题学法 4 次，"
    "便民服务中心实现 126 项事项“一窗受理”，全年调处矛盾纠纷 214 件。"
)
_NEXT_STEPS = (
    "一是加强学法用法，把法治讲座列入干部培训计划；二是建成诉源治理工作站；三是按季度研究法治政府建设工作。"
)


def _session(data_dir: Path, ini: Path):
    from PySide6.QtCore import QSettings

    from fazhi_desktop.ui.session import Session
    from fazhi_desktop.ui.tasks import TaskRunner

    session = Session(
        data_dir, QSettings(str(ini), QSettings.Format.IniFormat), runner=TaskRunner(synchronous=True)
    )
    session.open()
    return session


def _unit_window(session):
    """The unit's main window at the screenshot size, shown."""
    from fazhi_desktop.ui.window_size import SCREENSHOT_SIZE

    window = session.build_window()
    window.resize(*SCREENSHOT_SIZE)
    window.reset_splitter(SCREENSHOT_SIZE[0])
    window.show()
    return window


def _save_and_close(session, window, path: Path) -> None:
    from fazhi_desktop.ui.screenshot import save_widget

    if not save_widget(window, path):
        raise SystemExit(f"无法保存截图：{path}")
    window.hide()  # not close(): that would store the picture's size as the window geometry
    session.close()
    print(path)


def unit_pictures(root: Path, out: Path) -> None:
    """The unit's window: the pages `--screenshot` renders, and the overview's narratives tab."""
    from fazhi_desktop.selfcheck.narratives import save_narratives
    from fazhi_desktop.ui.demo_data import fill_demo
    from fazhi_desktop.ui.screenshot import take_screenshot

    data_dir = root / "unit" / "data"
    fill_demo(data_dir)
    for name, page in UNIT_PAGES.items():
        if take_screenshot(_session(data_dir, root / "unit.ini"), out / name, page) != 0:
            raise SystemExit(f"无法生成截图：{name}")
    session = _session(data_dir, root / "unit.ini")
    save_narratives(session.ws, overall=_OVERALL, next_steps=_NEXT_STEPS)
    window = _unit_window(session)
    window.overview.tabs.setCurrentIndex(window.overview.narratives_tab)
    _save_and_close(session, window, out / NARRATIVES)


def reviewer_pictures(root: Path, out: Path) -> None:
    """The bureau's window with 燕店镇 and its returned item selected, the keys dialog, and 燕店镇's window
    after it imported the return."""
    from fazhi_desktop.ui.review_demo import RETURNED_ITEM, build_review_demo
    from fazhi_desktop.ui.review_keys import KeysDialog
    from fazhi_desktop.ui.review_window import ReviewWindow, save_screenshot
    from fazhi_desktop.ui.screenshot import save_widget
    from fazhi_desktop.ui.tasks import TaskRunner

    demo = build_review_demo(root / "review")
    window = ReviewWindow(demo.bureau_dir, TaskRunner(synchronous=True))
    assert window.picture is not None
    names = [u.unit_name for u in window.picture.units]
    window.matrix.selectRow(next(r for r, n in enumerate(names) if n.startswith("燕店镇")))
    window.items_table.selectRow(
        next(r for r, i in enumerate(window.review_items) if i["id"] == RETURNED_ITEM)
    )
    if not save_screenshot(window, out / REVIEWER_WINDOW):
        raise SystemExit(f"无法保存截图：{REVIEWER_WINDOW}")
    print(out / REVIEWER_WINDOW)
    keys = KeysDialog(window.store, [n for n, _ in window.picture.expected], window)
    keys.show()
    if not save_widget(keys, out / REVIEWER_KEYS):
        raise SystemExit(f"无法保存截图：{REVIEWER_KEYS}")
    print(out / REVIEWER_KEYS)
    keys.close()
    _bulletin_picture(window, root / "通报.pdf", out / REVIEWER_BULLETIN)
    window.close()

    session = _session(demo.unit_dir, root / "return.ini")
    unit_window = _unit_window(session)
    if not unit_window.import_return(demo.return_path, bureau_key=demo.bureau_fingerprint):
        raise SystemExit("燕店镇未能导入退回包")
    _save_and_close(session, unit_window, out / UNIT_RETURN)


def _bulletin_picture(window, pdf: Path, png: Path) -> None:  # type: ignore[no-untyped-def]
    """Page 1 of the county 通报 the window writes (写出通报…), rendered by poppler's pdftoppm."""
    from fazhi_desktop.review.bulletin import write_bulletin

    write_bulletin(window.store.require_bureau(), window.picture, pdf, doc_number="莘司字〔2022〕3号")
    stem = png.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-f", "1", "-l", "1", "-r", "80", "-png", "-singlefile", str(pdf), str(stem)], check=True
    )
    print(png)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="重新生成 docs/ 中的界面截图（离线，示例数据建在临时文件夹中）"
    )
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="图片写到的文件夹（默认 docs/）")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))  # run from a checkout: the package beside this script
    from fazhi_desktop.ui.app import create_app

    create_app(lang="zh_CN")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fazhi-screenshots-") as tmp:
        unit_pictures(Path(tmp), args.out)
        reviewer_pictures(Path(tmp), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
