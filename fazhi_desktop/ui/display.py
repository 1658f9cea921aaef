"""Is there a screen to open a window on? Asked before Qt starts, because Qt's own answer on a machine
without one is an abort with a misleading message about `xcb-cursor0`."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, MutableMapping

EXIT_NO_DISPLAY = 4

NO_DISPLAY_MESSAGE = """没有可用的图形显示（环境变量 DISPLAY 和 WAYLAND_DISPLAY 都没有设置），无法打开窗口。可以这样做：
  · 在电脑桌面上打开终端再运行，或从开始菜单启动“法治政府建设自查”；
  · 通过 ssh 远程登录时，用 ssh -X 连接（本地需要有 X 显示服务）；
  · 在没有屏幕的机器上：./run.sh --xvfb（虚拟显示，窗口看不见，可与 --screenshot 窗口.png 同用）；
  · 不需要窗口的工作可在命令行完成：fazhi-desktop --help；检查安装是否完好：fazhi-desktop --self-test。"""


def has_display(env: Mapping[str, str]) -> bool:
    """True where a window can be shown: Windows and macOS always, Linux with X11 or Wayland, or a chosen platform."""
    if not sys.platform.startswith("linux"):
        return True
    return bool(env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def prepare_display(*, screenshot: bool, env: MutableMapping[str, str] = os.environ) -> str | None:
    """None when Qt may start (a screenshot without a screen uses the offscreen platform); else what to tell the user."""
    if has_display(env):
        return None
    if screenshot:
        env["QT_QPA_PLATFORM"] = "offscreen"
        return None
    return NO_DISPLAY_MESSAGE


FCITX_NAMES = ("fcitx", "fcitx5")


def prepare_input_method(
    env: MutableMapping[str, str] = os.environ, *, plugin_dir: str | None = None
) -> bool:
    """Route an fcitx desktop's Chinese input through fcitx5's IBus front end; True when it did.

    UOS, Kylin and most Chinese Linux desktops set QT_IM_MODULE=fcitx, but the Qt inside the PySide6 wheels
    has no fcitx plugin, only `ibus`. fcitx5 answers the IBus protocol, also as the portal service
    (org.freedesktop.portal.IBus); Qt's ibus plugin uses the portal when IBUS_USE_PORTAL=1 (without it the
    plugin gives up when no `ibus-daemon` program is installed, which is the case on an fcitx desktop).
    Nothing changes when Qt has an fcitx plugin after all, or when the user chose another module."""
    if not sys.platform.startswith("linux") or env.get("QT_IM_MODULE", "").lower() not in FCITX_NAMES:
        return False
    if plugin_dir is not None and any(
        "fcitx" in name for name in (os.listdir(plugin_dir) if os.path.isdir(plugin_dir) else [])
    ):
        return False
    env["QT_IM_MODULE"] = "ibus"
    env.setdefault("IBUS_USE_PORTAL", "1")
    return True
