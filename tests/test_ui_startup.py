"""The real program: start-up smoke test in a subprocess, a real window under Xvfb, translations."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from test_ui_support import set_up

from fazhi_desktop.ui.demo_data import fill_demo

pytest_plugins = ["test_ui_support"]  # the GUI fixtures (app, session, window)


def _run(data_dir: Path, *args: str, env: dict[str, str] | None = None, timeout: int = 120):
    return subprocess.run(
        [sys.executable, "-m", "fazhi_desktop", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
    )


def _distinct_colours(png: Path) -> int:
    image = QImage(str(png))
    assert not image.isNull(), f"{png} is not a readable image"
    colours = set()
    step = max(1, image.width() // 200)
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colours.add(image.pixel(x, y))
    return len(colours)


def test_smoke_screenshot_in_a_subprocess(data_dir: Path, tmp_path: Path):
    fill_demo(data_dir, files_dir=tmp_path / "files")
    out = tmp_path / "overview.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = _run(data_dir, "--screenshot", str(out), env=env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert out.is_file() and _distinct_colours(out) > 50


def test_screenshot_of_an_item_page_and_of_the_wizard(data_dir: Path, tmp_path: Path):
    set_up(data_dir)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for page in ("item:T07", "wizard"):
        out = tmp_path / f"{page.replace(':', '-')}.png"
        done = _run(data_dir, "--screenshot", str(out), "--page", page, env=env)
        assert done.returncode == 0, done.stderr
        assert _distinct_colours(out) > 20


def test_unknown_item_page_is_a_plain_error(data_dir: Path, tmp_path: Path):
    set_up(data_dir)
    done = _run(
        data_dir,
        "--screenshot",
        str(tmp_path / "x.png"),
        "--page",
        "item:T99",
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 2 and "T99" in done.stderr and "Traceback" not in done.stderr


def test_english_translation_is_built_and_used(data_dir: Path, tmp_path: Path):
    set_up(data_dir)
    code = (
        "import sys; from pathlib import Path; from fazhi_desktop.ui.app import create_app;"
        "from PySide6.QtCore import QCoreApplication as C;"
        f"app = create_app(lang='en', data_dir=Path({str(data_dir)!r}));"
        "print(C.translate('MainWindow', '所有修改都会自动保存'));"
        "print(C.translate('QDialogButtonBox', '&Yes'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "All changes are saved automatically"


def test_chinese_is_the_default_and_qt_dialogs_are_translated(qapp, data_dir: Path):
    from PySide6.QtCore import QCoreApplication, QLocale

    from fazhi_desktop.ui.app import create_app

    create_app(data_dir=data_dir)
    assert QLocale().language() == QLocale.Language.Chinese
    assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "是(&Y)"  # qtbase_zh_CN installed
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Question,
        "标题",
        "正文",
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
    )
    texts = {
        box.button(b).text().replace("&", "")
        for b in (QMessageBox.StandardButton.Ok, QMessageBox.StandardButton.Cancel)
    }
    assert texts == {"确定", "取消"} or {t.split("(")[0] for t in texts} == {"确定", "取消"}, texts
    box.deleteLater()


@pytest.fixture
def xvfb_display():
    """A private Xvfb server (started directly: xvfb-run would also need xauth); yields its DISPLAY."""
    binary = shutil.which("Xvfb")
    if binary is None:
        pytest.fail("Xvfb is missing: apt-get install xvfb (see docs/gui.md)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        [binary, "-displayfd", str(write_fd), "-screen", "0", "1400x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()  # Xvfb writes its display number once it accepts clients
        assert number, (
            server.stderr.read().decode(errors="replace") if server.stderr else "Xvfb did not start"
        )
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.xvfb
def test_real_window_under_xvfb(data_dir: Path, tmp_path: Path, xvfb_display: str):
    """The program on a real X server (xcb platform), not the offscreen one."""
    fill_demo(data_dir, files_dir=tmp_path / "files")
    out = tmp_path / "xvfb.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": xvfb_display}
    done = _run(data_dir, "--screenshot", str(out), "--page", "item:T07", env=env, timeout=180)
    assert done.returncode == 0, done.stderr
    assert out.is_file() and _distinct_colours(out) > 50


def test_english_ts_is_complete_and_up_to_date(tmp_path: Path):
    """Every string in fazhi_desktop/ui is in the .ts, translated, under the context Qt looks it up by."""
    import xml.etree.ElementTree as ET

    from fazhi_desktop.paths import resources_dir

    ts = resources_dir() / "i18n" / "fazhi_desktop_en.ts"
    root = ET.parse(ts).getroot()
    assert all((c.findtext("name") or "").strip() for c in root.iter("context")), "a string without context"
    unfinished = [
        m.findtext("source")
        for m in root.iter("message")
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
    ]
    assert unfinished == []
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    copy = tmp_path / ts.name
    copy.write_bytes(ts.read_bytes())
    ui = sorted(
        str(p) for p in (Path(__file__).resolve().parent.parent / "fazhi_desktop" / "ui").glob("*.py")
    )
    done = subprocess.run(
        [str(lupdate), *ui, "-source-language", "zh_CN", "-target-language", "en", "-ts", str(copy)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "(0 new and" in done.stdout + done.stderr, done.stdout + done.stderr


def test_closing_the_session_stops_its_periodic_backup(session, window):
    """The timer holds the workspace; firing after close (e.g. after 从备份恢复) would use a closed database."""
    timer = session._backup_timer
    assert timer is not None and timer.isActive()
    session.close()
    assert not timer.isActive() and session._backup_timer is None
