"""Without a screen the program says how to get one instead of letting Qt abort (a real subprocess)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from fazhi_desktop.ui.display import NO_DISPLAY_MESSAGE, prepare_display

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland are Linux matters")


def test_a_window_without_a_display_is_refused_with_advice(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-m", "fazhi_desktop", "--data-dir", str(tmp_path / "d")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 4, done.stderr
    assert "没有可用的图形显示" in done.stderr and "./run.sh --xvfb" in done.stderr
    assert "xcb" not in done.stderr and "Traceback" not in done.stderr


def test_a_screenshot_without_a_display_uses_the_offscreen_platform():
    env: dict[str, str] = {}
    assert prepare_display(screenshot=True, env=env) is None
    assert env == {"QT_QPA_PLATFORM": "offscreen"}


def test_any_display_or_a_chosen_platform_is_enough():
    for env in ({"DISPLAY": ":0"}, {"WAYLAND_DISPLAY": "wayland-0"}, {"QT_QPA_PLATFORM": "xcb"}):
        assert prepare_display(screenshot=False, env=dict(env)) is None
    assert prepare_display(screenshot=False, env={}) == NO_DISPLAY_MESSAGE


def test_an_fcitx_session_is_routed_through_fcitx5s_ibus_front_end(tmp_path):
    from fazhi_desktop.ui.display import prepare_input_method

    env = {"QT_IM_MODULE": "fcitx", "XMODIFIERS": "@im=fcitx"}
    assert prepare_input_method(env, plugin_dir=str(tmp_path)) is True
    assert env == {"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1", "XMODIFIERS": "@im=fcitx"}
    (tmp_path / "libfcitx5platforminputcontextplugin.so").write_bytes(b"")
    kept = {"QT_IM_MODULE": "fcitx5"}
    assert prepare_input_method(kept, plugin_dir=str(tmp_path)) is False and kept == {
        "QT_IM_MODULE": "fcitx5"
    }
    for other in ({"QT_IM_MODULE": "ibus"}, {}):
        same = dict(other)
        assert prepare_input_method(same, plugin_dir=None) is False and same == other
